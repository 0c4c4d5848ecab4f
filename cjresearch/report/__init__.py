"""The report pipeline: configuration, study, sections, runner, rendering, exports, CLI.

:mod:`~cjresearch.report.config` (the configuration schema),
:mod:`~cjresearch.report.reportconfig` (a configuration read and checked),
:mod:`~cjresearch.report.study` (a client's inputs read once, shared results
computed once and cached), :mod:`~cjresearch.report.sections` (the parts the
section notebooks call), :mod:`~cjresearch.report.narrative` (their texts in six
languages), :mod:`~cjresearch.report.runner` (papermill runs),
:mod:`~cjresearch.report.display` (the charts and tables notebooks show),
:mod:`~cjresearch.report.render` (one self-contained HTML file),
:mod:`~cjresearch.report.exports` (tables), :mod:`~cjresearch.report.figures`
(charts as SVG, PNG and PDF), :mod:`~cjresearch.report.provenance` and
:mod:`~cjresearch.report.cli` (``cjresearch report`` and ``cjresearch batch``).

``from cjresearch.report import build_report`` works as before; the runner is
imported on first use, so that a section kernel importing a part stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "LANGUAGES",
    "MAX_CHART_ROWS",
    "NotebookError",
    "ReportConfig",
    "build_report",
    "export_table",
    "load_config",
    "show",
    "table",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("cjresearch.report.runner"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
