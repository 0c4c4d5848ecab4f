"""Fixed report texts in the six report languages: en, ro, bg, pl, pt, it.

Everything a report prints that is neither narrative nor data comes from here:
the title block, table of contents and provenance headings of the page, chart
titles, axis and tooltip labels, and the headers of the shared result columns
(``n``, ``estimate``, ``ci_low``, ...).  Stage labels come from the journey
definition (:meth:`cjresearch.journey.definition.Journey.label`), never from here.
The texts themselves are in ``i18n.yaml`` beside this module, one entry per key with
its six translations.

Examples
--------
>>> text("contents", "ro")
'Cuprins'
>>> column_label("ci_low", "bg")
'95% ДИ долна'
>>> column_label("not_a_known_column", "pl")
'not_a_known_column'
"""

from __future__ import annotations

from pathlib import Path

import yaml

from cjresearch.core.errors import DataValidationError

__all__ = ["COLUMNS", "LANGUAGES", "TEXTS", "check_language", "column_label", "text"]

#: Report languages.
LANGUAGES = ("en", "ro", "bg", "pl", "pt", "it")


def _load() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """The tables of ``i18n.yaml`` next to this module, read once on import."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when it is there
    path = Path(__file__).with_name("i18n.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return data["texts"], data["columns"]


#: Fixed texts: ``{key: {language: text}}`` (the ``texts`` of ``i18n.yaml``).
#: Headers of the shared result columns in tables (``cjresearch.core.columns`` and
#: friends), the ``columns`` of ``i18n.yaml``.
TEXTS, COLUMNS = _load()


def check_language(language: str) -> str:
    """Return ``language`` if reports speak it, else raise.

    Examples
    --------
    >>> check_language("it")
    'it'
    """
    if language not in LANGUAGES:
        raise DataValidationError(
            f"language '{language}' is not supported", fix=f"use one of {', '.join(LANGUAGES)}"
        )
    return language


def text(key: str, language: str, **fields: object) -> str:
    """The fixed text ``key`` in ``language`` (``{field}`` placeholders filled in).

    Examples
    --------
    >>> text("step_title", "pt", days=90)
    'Passagem à etapa seguinte em 90 dias'
    """
    try:
        entry = TEXTS[key]
    except KeyError:
        raise DataValidationError(
            f"no report text called '{key}'", fix=f"use one of {', '.join(sorted(TEXTS))}"
        ) from None
    out = entry[check_language(language)]
    return out.format(**fields) if fields else out


def column_label(column: str, language: str) -> str:
    """The header of a shared result column in ``language`` (other names unchanged)."""
    entry = COLUMNS.get(column)
    return entry[check_language(language)] if entry else column
