"""Validation pieces shared by the input readers: column mapping, timestamps, ids, weights.

Every check raises :class:`~cjresearch.core.errors.DataValidationError` naming the
file, the column, example rows (1-based lines of the user's file, through
:func:`cjresearch.inputs.tables.file_rows`) and the fix.  Values that are kept but set
to missing are listed in a :class:`ValidationReport` and announced with a
:class:`~cjresearch.core.errors.RowsExcludedWarning`: nothing is dropped silently.

Timestamps
----------
:func:`parse_timestamps` accepts ISO 8601 (``2025-01-03``,
``2025-01-03 10:00``, ``2025-01-03T10:00:00+02:00``, ``...Z``) or an explicit
``format=``; it never guesses whether ``03/01/2025`` is 3 January or
1 March.  Values with a UTC offset are converted to UTC; a column that mixes
values with and without an offset is rejected, since they cannot be put on
one clock.  The result is naive UTC ``datetime64[ns]``.

The survey-score parsing and the readers :func:`~cjresearch.inputs.surveys.read_customers`
and :func:`~cjresearch.inputs.surveys.read_survey` live in :mod:`cjresearch.inputs.surveys`.
"""

from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core import columns as C
from cjresearch.core.errors import (
    DataValidationError,
    RowsExcludedWarning,
    UnreliableEstimateWarning,
)
from cjresearch.core.rows import file_rows
from cjresearch.inputs.timestamps import parse_timestamps

__all__ = [
    "MAX_WEIGHT",
    "MAX_WEIGHT_SPREAD",
    "ValidationIssue",
    "ValidationReport",
    "check_ids",
    "check_nps_use",
    "check_weights",
    "design_column",
    "map_columns",
    "parse_timestamps",
    "validation_report",
]

_MAX_ROWS_KEPT = 20
MAX_WEIGHT = 1e10  # a respondent standing for more people than live on Earth
MAX_WEIGHT_SPREAD = 1e4  # largest / smallest weight above which estimates are fragile

# Header spellings seen in exports, used only to *suggest* a columns= mapping.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    C.CUSTOMER_ID: (
        "client_id",
        "clientid",
        "cust_id",
        "customer",
        "customerid",
        "customer_number",
        "account_id",
        "user_id",
        "contact_id",
    ),
    C.RESPONDENT_ID: (
        "responseid",
        "response_id",
        "respid",
        "resp_id",
        "respondent",
        "respondentid",
        "record_id",
        "id",
    ),
    C.WEIGHT: ("wt", "weights", "wgt", "weighting"),
    C.OBSERVED_UNTIL: ("observed_to", "end_date", "last_observed", "censor_date"),
    C.STAGE: ("journey_stage", "phase"),
    C.WAVE: ("survey_wave", "period", "quarter"),
    C.TIMESTAMP: ("time", "datetime", "event_time", "date", "ts"),
    C.EVENT: ("event_name", "action", "activity"),
}


# --- the report ---------------------------------------------------------------------


@dataclass(frozen=True)
class ValidationIssue:
    """One kind of value the validation changed or noticed in one column."""

    column: str
    action: str  # "set to missing", "missing in file", "no answers"
    count: int
    reason: str
    rows: tuple[Any, ...] = ()


@dataclass
class ValidationReport:
    """What validation did to an input, to show beside the results.

    Attached to validated frames as ``df.attrs["validation"]``; read it with
    :func:`validation_report`.

    Examples
    --------
    >>> r = ValidationReport(source="survey.csv", n_rows=10)
    >>> r.add("nps", "set to missing", 2, "answers 'N/A'", rows=[4, 9])
    >>> r.to_frame()[["column", "action", "count"]].values.tolist()
    [['nps', 'set to missing', 2]]
    >>> print(r)
    survey.csv: 10 rows; column 'nps': 2 set to missing (answers 'N/A'; rows 4, 9)
    """

    source: str
    n_rows: int
    issues: list[ValidationIssue] = field(default_factory=list)

    def add(
        self, column: str, action: str, count: int, reason: str, rows: Iterable[Any] = ()
    ) -> None:
        """Record an issue (rows: example 1-based file rows)."""
        self.issues.append(
            ValidationIssue(column, action, int(count), reason, tuple(list(rows)[:_MAX_ROWS_KEPT]))
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per issue: ``column``, ``action``, ``count``, ``reason``, ``rows``."""
        return pd.DataFrame(
            [
                (i.column, i.action, i.count, i.reason, ", ".join(map(str, i.rows)))
                for i in self.issues
            ],
            columns=["column", "action", "count", "reason", "rows"],
        )

    def __str__(self) -> str:
        from cjresearch.core.errors import format_rows

        lines = [f"{self.source}: {self.n_rows} rows" + ("; no issues" if not self.issues else "")]
        for i in self.issues:
            where = f"; {format_rows(i.rows)}" if i.rows else ""
            lines.append(f"column '{i.column}': {i.count} {i.action} ({i.reason}{where})")
        return "; ".join(lines)

    def _repr_html_(self) -> str:
        from html import escape

        head = f"<p><b>{escape(self.source)}</b>: {self.n_rows} rows</p>"
        return head + (
            self.to_frame().to_html(index=False)
            if self.issues
            else "<p>No values were changed.</p>"
        )


def validation_report(data: pd.DataFrame) -> ValidationReport:
    """The :class:`ValidationReport` of a frame returned by a reader.

    Examples
    --------
    >>> import pandas as pd
    >>> validation_report(pd.DataFrame({"a": [1]})).issues
    []
    """
    rep = data.attrs.get("validation")
    if isinstance(rep, ValidationReport):
        return rep
    return ValidationReport(source=str(data.attrs.get("source", "data")), n_rows=len(data))


def warn_values(
    report: ValidationReport,
    column: str,
    count: int,
    reason: str,
    rows: Sequence[Any],
    action: str = "set to missing",
) -> None:
    from cjresearch.core.errors import format_rows

    report.add(column, action, count, reason, rows)
    warnings.warn(
        f"{report.source}, column '{column}': {count} value(s) {action} "
        f"({reason}; {format_rows(rows)})",
        RowsExcludedWarning,
        stacklevel=4,
    )


# --- column mapping ------------------------------------------------------------------


def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(name).lower()).strip("_")


def suggest_names(target: str, found: Sequence[str]) -> list[str]:
    by_norm = {_norm(c): c for c in found}
    hits = [
        by_norm[n] for n in difflib.get_close_matches(_norm(target), list(by_norm), n=3, cutoff=0.6)
    ]
    hits += [c for c in found if _norm(c) in _SYNONYMS.get(target, ()) and c not in hits]
    return hits


def map_columns(
    data: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    *,
    required: Sequence[str] = (),
    source: str | None = None,
) -> pd.DataFrame:
    """Rename a frame's columns to the canonical names and check the required ones.

    Parameters
    ----------
    data : DataFrame
    columns : mapping, optional
        ``{name in the file: canonical name}``, e.g. ``{"Client ID": "customer_id"}``.
    required : sequence of str
        Canonical names that must be present after renaming.
    source : str, optional
        Name for messages (default ``data.attrs["source"]``).

    Returns
    -------
    DataFrame
        A renamed copy (``attrs`` kept; ``question_text`` keys renamed too).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"Client ID": ["a"], "Segment": ["x"]})
    >>> list(map_columns(df, {"Client ID": "customer_id"}, required=["customer_id"]).columns)
    ['customer_id', 'Segment']
    >>> map_columns(df, required=["customer_id"], source="crm.csv")
    Traceback (most recent call last):
    ...
    cjresearch.core.errors.DataValidationError: crm.csv, column 'customer_id': required column is missing; columns found: 'Client ID', 'Segment'; close matches: 'Client ID'. Fix: name it with columns={'Client ID': 'customer_id'}.
    """
    name = source or str(data.attrs.get("source", "data"))
    mapping = dict(columns or {})
    found = [str(c) for c in data.columns]
    for old, new in mapping.items():
        if old not in data.columns:
            close = suggest_names(old, found) or difflib.get_close_matches(old, found, n=3)
            hint = f"; close matches: {', '.join(map(repr, close))}" if close else ""
            raise DataValidationError(
                f"columns= names '{old}', which is not in the data; columns found: "
                f"{', '.join(map(repr, found))}{hint}",
                source=name,
                fix="use the column name exactly as it is written in the file's header",
            )
        if not isinstance(new, str) or not new:
            raise DataValidationError(
                f"columns= maps '{old}' to {new!r}",
                source=name,
                fix="map each file column to a column name (text)",
            )
    targets = list(mapping.values())
    twice = sorted({t for t in targets if targets.count(t) > 1})
    if twice:
        raise DataValidationError(
            f"columns= maps several columns to {', '.join(map(repr, twice))}",
            source=name,
            fix="map exactly one file column to each canonical name",
        )
    clash = [t for t in targets if t in data.columns and t not in mapping]
    if clash:
        raise DataValidationError(
            f"columns= renames a column to {', '.join(map(repr, clash))}, which the data "
            "already has",
            source=name,
            fix="drop or rename the existing column first, or leave it out of columns=",
        )
    out = data.rename(columns=mapping)
    out.attrs = dict(data.attrs)
    if "question_text" in out.attrs:
        out.attrs["question_text"] = {
            mapping.get(k, k): v for k, v in out.attrs["question_text"].items()
        }
    for req in required:
        if req not in out.columns:
            close = suggest_names(req, found)
            hint = f"; close matches: {', '.join(map(repr, close))}" if close else ""
            example = close[0] if close else "<column in your file>"
            raise DataValidationError(
                f"required column is missing; columns found: {', '.join(map(repr, found))}{hint}",
                source=name,
                column=req,
                fix=f"name it with columns={{{example!r}: {req!r}}}",
            )
    return out


# --- ids and weights -----------------------------------------------------------------


def check_ids(
    series: pd.Series, *, source: str, column: str, unique: bool = True, allow_missing: bool = False
) -> pd.Series:
    """Ids as text by the rule of :mod:`cjresearch.inputs.ids` (``12.0`` -> ``"12"``, ``007``
    stays ``007``); missing (blank) and duplicate ids are errors.

    Examples
    --------
    >>> import pandas as pd
    >>> check_ids(pd.Series([1.0, 2.0]), source="s.csv", column="customer_id").tolist()
    ['1', '2']
    >>> s = pd.Series(["a", "b", "a"])
    >>> s.attrs["line_numbers"] = range(2, 5)
    >>> check_ids(s, source="s.csv", column="customer_id")
    Traceback (most recent call last):
    ...
    cjresearch.core.errors.DataValidationError: s.csv, column 'customer_id': 1 id appears more than once: 'a' on rows 2, 4. Fix: keep one row per id (remove duplicates), or check that the right column is used as the id.
    """
    from cjresearch.inputs.ids import normalize_ids

    ids = normalize_ids(series, source=source, column=column)
    missing = ids.isna()
    if missing.any() and not allow_missing:
        labels = list(ids.index[missing])
        raise DataValidationError(
            f"{int(missing.sum())} row(s) have no id",
            source=source,
            column=column,
            rows=file_rows(series, labels),
            fix="fill in the id, or remove those rows",
        )
    if unique:
        import pyarrow as pa
        import pyarrow.compute as pc

        present = ids[~missing]
        distinct = len(pc.unique(pa.array(present.to_numpy(dtype=object), type=pa.large_string())))
        dup = (
            present[present.duplicated(keep=False)] if distinct < len(present) else present.iloc[:0]
        )
        if not dup.empty:
            groups = dup.groupby(dup, sort=False).groups
            shown = [
                f"'{k}' on rows {', '.join(map(str, file_rows(series, list(v))))}"
                for k, v in list(groups.items())[:5]
            ]
            more = f" and {len(groups) - 5} more" if len(groups) > 5 else ""
            n = len(groups)
            err = DataValidationError(
                f"{n} id{'s appear' if n > 1 else ' appears'} more than once: "
                f"{'; '.join(shown)}{more}",
                source=source,
                column=column,
                fix="keep one row per id (remove duplicates), or check that the right column "
                "is used as the id",
            )
            err.rows = file_rows(series, list(dup.index))
            raise err
    ids.name = series.name
    return ids


def _bad_number_text(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(numbers, mask of present cells that are not numbers)."""
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return series.astype("float64"), pd.Series(False, index=series.index)
    text = series.map(lambda v: v.strip() if isinstance(v, str) else v)
    text = text.map(lambda v: None if v == "" else v)
    nums = pd.to_numeric(text, errors="coerce").astype("float64")
    return nums, text.notna() & nums.isna()


def check_weights(series: pd.Series, *, source: str, column: str = C.WEIGHT) -> pd.Series:
    """Weights as float; text, missing, zero, negative or infinite weights are errors.

    A weight above :data:`MAX_WEIGHT` (1e10: more people than live on Earth) is an
    error too; weights whose largest is more than :data:`MAX_WEIGHT_SPREAD` (10,000)
    times the smallest give an :class:`~cjresearch.core.errors.UnreliableEstimateWarning`.

    Examples
    --------
    >>> import pandas as pd
    >>> check_weights(pd.Series([1, 2.5]), source="s.csv").tolist()
    [1.0, 2.5]
    >>> check_weights(pd.Series([1.0, 0.0, -2.0]), source="s.csv")
    Traceback (most recent call last):
    ...
    cjresearch.core.errors.DataValidationError: s.csv, column 'weight': 2 weights are zero or negative (rows 1, 2). Fix: weights must be positive: remove those rows or correct the weights.
    """
    nums, bad = _bad_number_text(series)
    checks = [
        (
            bad,
            "are not numbers: "
            + ", ".join(repr(v) for v in pd.unique(series[bad].astype(str))[:5]),
            "write weights as plain numbers (use . as decimal point)",
        ),
        (
            nums.isna() & ~bad,
            "are missing",
            "give every row a weight, or remove the rows (weights are not imputed)",
        ),
        (np.isinf(nums), "are infinite", "correct the weights"),
        (
            nums <= 0,
            "are zero or negative",
            "weights must be positive: remove those rows or correct the weights",
        ),
        (
            nums > MAX_WEIGHT,
            (
                f"are above {MAX_WEIGHT:.0e} (one respondent would stand for more people "
                "than live on Earth)"
            ),
            "correct the weights (a decimal point or an export error?)",
        ),
    ]
    for mask, problem, fix in checks:
        if mask.any():
            n = int(mask.sum())
            verb = problem if n > 1 else "is" + problem[3:]
            raise DataValidationError(
                f"{n} weight{'s' if n > 1 else ''} {verb}",
                source=source,
                column=column,
                rows=file_rows(series, list(series.index[mask])),
                fix=fix,
            )
    spread = float(nums.max() / nums.min()) if len(nums) else 1.0
    if spread > MAX_WEIGHT_SPREAD:
        warnings.warn(
            f"{source}, column '{column}': the largest weight is {spread:,.0f} times the "
            "smallest; the estimates rest on the few heaviest respondents and their "
            "intervals are wide. Check the weights, or trim them (SurveyDesign.trim)",
            UnreliableEstimateWarning,
            stacklevel=2,
        )
    nums.name = series.name
    return nums


# --- timestamps ----------------------------------------------------------------------


_NPS_USE_MIN_ANSWERS = 30


def check_nps_use(values: pd.Series, *, source: str, column: str) -> None:
    """Refuse a column that cannot be a 0-10 NPS although its values lie within 0-10.

    A 1-5 or 1-7 rating passes the range check of a 0-10 scale, and its NPS
    would be about -100.  A column of at least 30 answers, none 0 and none
    above 7, is taken for such a scale: real 0-10 answers of that many
    respondents always use some of 0, 8, 9 and 10.

    Examples
    --------
    >>> import pandas as pd
    >>> check_nps_use(pd.Series([1, 2, 3, 4, 5] * 6), source="survey", column="csat")
    Traceback (most recent call last):
    ...
    cjresearch.core.errors.DataValidationError: survey, column 'csat': is not a 0-10 NPS: its 30 answers all lie within 1-5 (a 1-5 or 1-7 rating scale?). Fix: compute the NPS on the 0-10 likelihood-to-recommend column, or describe this column with a Measure of its own scale, e.g. Measure('csat', kind='top_box', scale=(1, 5)); if it truly is a 0-10 NPS without answers of 0 or above 7, pass check_use=False.
    """
    v = pd.to_numeric(values, errors="coerce").dropna()
    if len(v) >= _NPS_USE_MIN_ANSWERS and v.min() >= 1 and v.max() <= 7:
        lo, hi = int(v.min()), int(v.max())
        raise DataValidationError(
            f"is not a 0-10 NPS: its {len(v)} answers all lie within {lo}-{hi} "
            "(a 1-5 or 1-7 rating scale?)",
            source=source,
            column=column,
            fix="compute the NPS on the 0-10 likelihood-to-recommend column, or describe this "
            f"column with a Measure of its own scale, e.g. Measure({column!r}, "
            f"kind='top_box', scale=(1, {5 if hi <= 5 else 7})); if it truly is a 0-10 "
            "NPS without answers of 0 or above 7, pass check_use=False",
        )


def design_column(data: pd.DataFrame, name: str | None, role: str, source: str) -> pd.Series | None:
    """``data[name]`` checked as a design column (``role``: weights, strata, cluster, ...):
    present and without missing values; None when no column is named."""
    if name is None:
        return None
    if name not in data.columns:
        raise DataValidationError(
            f"{role} column not found; columns are {list(data.columns)[:12]}",
            source=source,
            column=name,
            fix=f"pass the name of the {role} column",
        )
    col = data[name]
    bad = col.isna()
    if bad.any():
        raise DataValidationError(
            f"{int(bad.sum())} missing values in the {role} column",
            source=source,
            column=name,
            rows=list(data.index[bad]),
            fix=f"fill the {role} or drop these respondents",
        )
    return col
