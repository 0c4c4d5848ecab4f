"""The journey definition: a client's stages, events, exits and observation end.

:mod:`~cjresearch.journey.definition` reads the YAML definition; the shipped
stage models are in ``presets/``.  ``from cjresearch.journey import load_journey``.
"""

from cjresearch.journey.definition import (
    LANGUAGES,
    EventRoles,
    Exit,
    Journey,
    Stage,
    list_presets,
    load_journey,
)

__all__ = ["LANGUAGES", "EventRoles", "Exit", "Journey", "Stage", "list_presets", "load_journey"]
