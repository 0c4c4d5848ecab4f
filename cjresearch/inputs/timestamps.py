"""Timestamps read at the edge: ISO 8601, offsets converted to naive UTC.

:func:`parse_timestamps` is how every reader turns a column of dates or
date-times into naive UTC ``datetime64`` values, naming the rows it cannot read
(day/month order is never guessed).  The other column checks are in
:mod:`cjresearch.inputs.schema`, which re-exports this one.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.core.rows import file_rows

__all__ = ["parse_timestamps"]

_ISO_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?$"
)


def _examples(values: pd.Series, k: int = 3) -> str:
    return ", ".join(repr(str(v)) for v in pd.unique(values.astype(str))[:k])


def parse_timestamps(
    series: pd.Series, *, source: str, column: str, format: str | None = None
) -> pd.Series:
    """Parse dates and times to naive UTC ``datetime64[ns]``; missing cells become NaT.

    Parameters
    ----------
    series : Series
        Text (ISO 8601 unless ``format`` is given), datetimes or dates.
    source, column : str
        Names for messages.
    format : str, optional
        A ``strftime`` format such as ``"%d/%m/%Y %H:%M"`` for non-ISO text
        (add ``%z`` when the values carry an offset).

    Raises
    ------
    DataValidationError
        Values that are not dates in the expected form, and columns that mix
        values with and without a UTC offset.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series(["2025-01-03T10:00:00+02:00", "2025-01-03T09:30:00Z"])
    >>> parse_timestamps(s, source="e.csv", column="timestamp").astype(str).tolist()
    ['2025-01-03 08:00:00', '2025-01-03 09:30:00']
    >>> parse_timestamps(pd.Series(["03/01/2025"]), source="e.csv", column="timestamp",
    ...                  format="%d/%m/%Y").dt.month.tolist()
    [1]
    >>> parse_timestamps(pd.Series(["2025-01-03T10:00:00+02:00", "2025-01-03 10:00"]),
    ...                  source="e.csv", column="timestamp")
    Traceback (most recent call last):
    ...
    cjresearch.core.errors.DataValidationError: e.csv, column 'timestamp': mixes time-zone offsets and local times: 1 value with an offset (row 0) and 1 without (row 1); they cannot be put on one clock. Fix: export all times in UTC or all with an offset (e.g. +02:00), or convert the local times before reading.
    """
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        return series.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[ns]")
    if pd.api.types.is_datetime64_dtype(series.dtype):
        return series.astype("datetime64[ns]")
    if pd.api.types.is_numeric_dtype(series.dtype) and series.notna().any():
        raise DataValidationError(
            f"holds numbers, not dates (e.g. {_examples(series.dropna())})",
            source=source,
            column=column,
            fix="export the dates as text such as 2025-01-31, or convert epoch numbers "
            "first with pandas.to_datetime(values, unit='s')",
        )

    def rows(mask: pd.Series) -> list[Any]:
        return file_rows(series, list(series.index[mask]))

    values = series.astype(object).map(lambda v: v.strip() if isinstance(v, str) else v)
    missing = values.map(lambda v: v is None or v == "" or (not isinstance(v, str) and pd.isna(v)))
    present = values[~missing]
    out = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]", name=series.name)
    if present.empty:
        return out

    if format is not None:
        has_tz = pd.Series("%z" in format, index=present.index)
        bad = pd.Series(False, index=present.index)
    else:
        is_text = present.map(lambda v: isinstance(v, str))
        iso = present.map(lambda v: _ISO_RE.match(v) if isinstance(v, str) else None)
        is_dt = present.map(lambda v: isinstance(v, (_dt.date, pd.Timestamp, np.datetime64)))
        bad = (is_text & iso.isna()) | (~is_text & ~is_dt)
        if bad.any():
            n = int(bad.sum())
            raise DataValidationError(
                f"{n} value{'s are' if n > 1 else ' is'} not a date in ISO 8601 form "
                f"(e.g. {_examples(present[bad])}); day/month order is never guessed",
                source=source,
                column=column,
                rows=rows(bad.reindex(series.index, fill_value=False)),
                fix="write dates as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, or pass "
                "format= such as '%d/%m/%Y'",
            )
        has_tz = present.map(
            lambda v: (
                (m.group(1) is not None)
                if isinstance(v, str) and (m := _ISO_RE.match(v))
                else (getattr(v, "tzinfo", None) is not None)
            )
        )
    if has_tz.any() and not has_tz.all():
        with_tz = has_tz.reindex(series.index, fill_value=False)
        without = (~has_tz).reindex(series.index, fill_value=False)
        from cjresearch.core.errors import format_rows

        minority = without if without.sum() <= with_tz.sum() else with_tz
        err = DataValidationError(
            f"mixes time-zone offsets and local times: {int(with_tz.sum())} value"
            f"{'s' if with_tz.sum() > 1 else ''} with an offset ({format_rows(rows(with_tz))})"
            f" and {int(without.sum())} without ({format_rows(rows(without))}); they cannot "
            "be put on one clock",
            source=source,
            column=column,
            fix="export all times in UTC or all with an offset (e.g. +02:00), or convert the "
            "local times before reading",
        )
        err.rows = rows(minority)
        raise err
    tz = bool(has_tz.all())
    as_text = present.map(lambda v: v if isinstance(v, str) else pd.Timestamp(v).isoformat())
    parsed = pd.to_datetime(as_text, format=format or "ISO8601", errors="coerce", utc=tz)
    if tz:
        parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    failed = parsed.isna()
    if failed.any():
        n = int(failed.sum())
        want = f"format {format!r}" if format else "ISO 8601"
        raise DataValidationError(
            f"{n} value{'s' if n > 1 else ''} cannot be read as dates in {want} "
            f"(e.g. {_examples(present[failed])})",
            source=source,
            column=column,
            rows=rows(failed.reindex(series.index, fill_value=False)),
            fix="correct impossible dates (such as 2025-02-30)"
            if not format
            else "check the format= string against the values, or correct those cells",
        )
    out.loc[parsed.index] = parsed.astype("datetime64[ns]")
    return out


#: An NPS column of at least this many answers, all within 1-7, is taken for another scale.
