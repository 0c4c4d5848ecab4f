"""Old module paths, kept for one release (0.2) with a ``DeprecationWarning``.

In 0.2 the modules moved from one flat folder into rooms (see the README's
layout).  ``import cjresearch.io`` still works and gives the very module
``cjresearch.inputs.tables``; it warns, and the old paths go in 0.3.  The old
``cjresearch.survey``, ``cjresearch.painpoints``, ``cjresearch.journey``,
``cjresearch.report`` and ``cjresearch.sample`` are now the rooms themselves and
re-export what the old modules exported, without a warning.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType

__all__ = ["MOVED", "install"]

MOVED = {
    "cjresearch._eventpaths": "cjresearch.engine.sequences",
    "cjresearch._eventprep": "cjresearch.engine.prep",
    "cjresearch._eventscan": "cjresearch.engine.scan",
    "cjresearch._stats": "cjresearch.core.stats",
    "cjresearch._studyparts": "cjresearch.report.studyparts",
    "cjresearch._survtables": "cjresearch.timetoevent.survtables",
    "cjresearch.backends": "cjresearch.engine.backends",
    "cjresearch.cli": "cjresearch.report.cli",
    "cjresearch.columns": "cjresearch.core.columns",
    "cjresearch.competing": "cjresearch.timetoevent.competing",
    "cjresearch.config": "cjresearch.report.config",
    "cjresearch.coxmodels": "cjresearch.timetoevent.coxmodels",
    "cjresearch.crosstab": "cjresearch.survey.crosstab",
    "cjresearch.design": "cjresearch.survey.design",
    "cjresearch.drilldown": "cjresearch.painpoints.drilldown",
    "cjresearch.drivers": "cjresearch.survey.drivers",
    "cjresearch.durations": "cjresearch.timetoevent.durations",
    "cjresearch.errors": "cjresearch.core.errors",
    "cjresearch.events": "cjresearch.engine.eventlog",
    "cjresearch.exports": "cjresearch.report.exports",
    "cjresearch.flows": "cjresearch.painpoints.flows",
    "cjresearch.i18n": "cjresearch.core.i18n",
    "cjresearch.ids": "cjresearch.inputs.ids",
    "cjresearch.io": "cjresearch.inputs.tables",
    "cjresearch.ipa": "cjresearch.painpoints.ipa",
    "cjresearch.journeymap": "cjresearch.painpoints.journeymap",
    "cjresearch.measures": "cjresearch.inputs.measures",
    "cjresearch.multistate": "cjresearch.timetoevent.multistate",
    "cjresearch.narrative": "cjresearch.report.narrative",
    "cjresearch.painrank": "cjresearch.painpoints.ranking",
    "cjresearch.paths": "cjresearch.core.paths",
    "cjresearch.progression": "cjresearch.timetoevent.progression",
    "cjresearch.provenance": "cjresearch.report.provenance",
    "cjresearch.render": "cjresearch.report.render",
    "cjresearch.rows": "cjresearch.core.rows",
    "cjresearch.sample_sim": "cjresearch.sample.simulate",
    "cjresearch.sample_survey": "cjresearch.sample.survey",
    "cjresearch.sample_text": "cjresearch.sample.text",
    "cjresearch.schema": "cjresearch.inputs.schema",
    "cjresearch.sections": "cjresearch.report.sections",
    "cjresearch.study": "cjresearch.report.study",
    "cjresearch.survey_io": "cjresearch.inputs.surveys",
    "cjresearch.text": "cjresearch.survey.text",
    "cjresearch.timeunits": "cjresearch.core.timeunits",
    "cjresearch.weighting": "cjresearch.survey.weighting",
    "cjresearch.widgets": "cjresearch.charts.widgets",
}


def new_name(old: str) -> str | None:
    """The module's new path, for an old one (also a submodule of a moved package)."""
    for prefix, new in MOVED.items():
        if old == prefix or old.startswith(prefix + "."):
            return new + old[len(prefix) :]
    return None


class _Alias(importlib.abc.Loader):
    def __init__(self, new: str) -> None:
        self.new = new

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        warnings.warn(
            f"{spec.name} moved to {self.new}; the old path goes in cjresearch 0.3",
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.import_module(self.new)

    def exec_module(self, module: ModuleType) -> None:
        """The module is the new one, already executed."""


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        new = new_name(fullname) if fullname.startswith("cjresearch.") else None
        if new is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Alias(new))


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once)."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
