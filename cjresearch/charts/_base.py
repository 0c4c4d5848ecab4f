"""Shared pieces of the chart modules: languages, texts, checks, a common look.

The texts themselves live in :mod:`cjresearch.core.i18n`.

Charts only draw results computed elsewhere; nothing here computes a statistic.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from cjresearch.core import i18n as _i18n
from cjresearch.core.errors import DataValidationError
from cjresearch.core.errors import require_columns as _require_columns
from cjresearch.core.timeunits import time_unit_of

__all__ = [
    "LANGUAGES",
    "MAX_ROWS",
    "WIDTH",
    "check_language",
    "check_rows",
    "require_columns",
    "text",
    "with_horizon",
]

#: Report languages every chart text is available in.
LANGUAGES = _i18n.LANGUAGES
#: Most rows a chart may embed (aggregate before charting).
MAX_ROWS = 5000
#: Default chart width in pixels (the report column is ~1100px wide on a laptop; the page
#: shrinks a chart to its column when narrower, see cjresearch.report.render).
WIDTH = 720


def check_language(language: str) -> str:
    """Return ``language`` if charts speak it, else raise.

    Examples
    --------
    >>> check_language("ro")
    'ro'
    """
    return _i18n.check_language(language)


def text(key: str, language: str, **fields: object) -> str:
    """A chart text in ``language`` (from :mod:`cjresearch.core.i18n`).

    Examples
    --------
    >>> text("stage", "pl")
    'Etap'
    """
    return _i18n.text(key, language, **fields)


def require_columns(frame: Any, columns: Iterable[str], *, source: str) -> pd.DataFrame:
    """Check that ``frame`` is a DataFrame holding ``columns``."""
    return _require_columns(frame, columns, source=source, fix="pass the result frame unchanged")


def check_rows(frame: pd.DataFrame, *, source: str, max_rows: int = MAX_ROWS) -> None:
    """Refuse frames too large to embed in a report."""
    if len(frame) > max_rows:
        raise DataValidationError(
            f"{len(frame)} rows are too many to chart (at most {max_rows})",
            source=source,
            fix="aggregate to one row per group before charting",
        )


def with_horizon(frame: pd.DataFrame, *, source: str) -> tuple[pd.DataFrame, str]:
    """A conversion-type result with its ``horizon`` column, and the unit of the horizon.

    Results from before time units had a ``days`` column (in days): it is read
    as the horizon.

    Examples
    --------
    >>> import pandas as pd
    >>> f, unit = with_horizon(pd.DataFrame({"days": [30]}), source="conversion")
    >>> f["horizon"].tolist(), unit
    ([30], 'days')
    """
    if "horizon" not in frame.columns and "days" in frame.columns:
        frame = frame.rename(columns={"days": "horizon"})
        return frame, "days"
    require_columns(frame, ["horizon"], source=source)
    return frame, time_unit_of(frame)
