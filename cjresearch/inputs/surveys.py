"""Read and validate the customers table and the survey responses.

:func:`read_customers` and :func:`read_survey` take a file (any format of
:func:`cjresearch.inputs.tables.read_table`) or a DataFrame, rename columns with
``columns={"name in file": "canonical name"}`` and check them.  Problems that
would give wrong numbers are errors naming file, column, rows and the fix;
values that are kept as missing are counted in a
:class:`~cjresearch.inputs.schema.ValidationReport` (``df.attrs["validation"]``) and
announced with a :class:`~cjresearch.core.errors.RowsExcludedWarning`.

Survey scores
-------------
Score columns and their scales (inclusive) by default: ``nps`` 0-10,
``csat`` 1-5, ``ces`` 1-7, ``overall_sat`` 1-10, and every ``rating_*`` and
``trust_*`` column 1-5.  ``scales={"col": (lo, hi)}`` overrides these or adds
Likert items.  Survey tools export answers in several text forms;
:func:`parse_scores` reads

* plain numbers: ``"7"``, ``7.0``;
* a number with its label: ``"10 - Extremely likely"``,
  ``"0 = Not at all likely"``, ``"Extremely likely (10)"`` (exactly one
  number, at the start or the end);
* non-answers, which become missing and are counted: ``"N/A"``,
  ``"Don't know"``, ``"Prefer not to say"``, ``"99 - Don't know"`` and the
  texts passed as ``missing_values=``;
* SPSS value labels (categoricals from a ``.sav`` file) through their codes.

Anything else is an error naming the values and their rows.

Numeric codes for "not applicable" / "don't know" (0, 9, 99 on a 1-5 scale)
are declared with ``measures=`` (:class:`~cjresearch.inputs.measures.Measure`): they
become missing, are counted and warned, and the declared scale is checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core import columns as C
from cjresearch.core.errors import DataValidationError
from cjresearch.core.rows import file_rows
from cjresearch.inputs.answers import (
    DEFAULT_SCALES,
    NON_ANSWERS,
    drop_total_rows,
    parse_scores,
    score_scales,
)
from cjresearch.inputs.measures import MeasuresLike, named_measures
from cjresearch.inputs.schema import (
    ValidationReport,
    check_ids,
    check_weights,
    map_columns,
    parse_timestamps,
    suggest_names,
    warn_values,
)
from cjresearch.inputs.tables import read_table
from cjresearch.journey.definition import Journey, load_journey

__all__ = [
    "DEFAULT_SCALES",
    "NON_ANSWERS",
    "parse_scores",
    "read_customers",
    "read_survey",
    "score_scales",
]

_CATEGORY_MAX = 50


def _load(
    data: str | Path | pd.DataFrame,
    default: str,
    columns: Mapping[str, str] | None,
    required: list[str],
) -> pd.DataFrame:
    """The frame with canonical column names (files: renamed by read_table, which also
    keeps the id columns as written for the id rule)."""
    if isinstance(data, (str, Path)):
        return map_columns(read_table(data, columns=columns), None, required=required)
    return map_columns(_frame(data, default), columns, required=required)


def _frame(data: Any, default: str) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        df = data.copy()
        df.attrs = dict(data.attrs)
        df.attrs.setdefault("source", default)
        if df.empty:
            raise DataValidationError(
                "the frame has no rows",
                source=df.attrs["source"],
                fix="pass the data with its rows",
            )
        return df
    raise DataValidationError(
        f"expected a file path or a DataFrame, got {type(data).__name__}",
        source=default,
        fix="pass the path of the file or a DataFrame",
    )


def _categorize(df: pd.DataFrame, skip: Iterable[str], always: Iterable[str]) -> None:
    """String columns of few distinct values -> (unordered) categoricals, in place."""
    skip, always = set(skip), set(always)
    for col in df.columns:
        if col in skip or df[col].dtype != object:
            continue
        present = df[col].dropna()
        if present.empty or pd.api.types.infer_dtype(present, skipna=True) != "string":
            continue
        distinct = pd.Series(present.unique(), dtype=object)
        k = len(distinct)
        if col in always or (
            k <= _CATEGORY_MAX
            and 2 * k <= len(present)
            and not distinct.str.match(r"^\d{4}-\d{2}-\d{2}").all()
        ):
            df[col] = df[col].astype("category")


def read_customers(
    source: str | Path | pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
) -> pd.DataFrame:
    """Read and validate the customers table (one row per customer).

    Parameters
    ----------
    source : path or DataFrame
        Any file :func:`cjresearch.inputs.tables.read_table` reads, or a frame.
    columns : mapping, optional
        ``{"name in file": "canonical name"}``, e.g. ``{"Client ID": "customer_id"}``.
    date_format : str, optional
        ``strftime`` format of ``observed_until`` when it is not ISO 8601.

    Returns
    -------
    DataFrame
        ``customer_id`` as text (required, unique); ``observed_until`` as naive
        UTC datetimes (optional); ``weight`` as positive floats (optional);
        other columns kept, ``segment``/``channel`` and other text columns with
        few distinct values as categoricals.

    Examples
    --------
    >>> import pandas as pd
    >>> df = read_customers(pd.DataFrame({"Client": [101, 102], "segment": ["a", "b"],
    ...                                   "observed_until": ["2025-06-30", ""]}),
    ...                     columns={"Client": "customer_id"})
    >>> df["customer_id"].tolist(), str(df["observed_until"].dtype), str(df["segment"].dtype)
    (['101', '102'], 'datetime64[ns]', 'category')
    """
    df = _load(source, "customers", columns, [C.CUSTOMER_ID])
    name = str(df.attrs["source"])
    report = ValidationReport(source=name, n_rows=len(df))
    df[C.CUSTOMER_ID] = check_ids(df[C.CUSTOMER_ID], source=name, column=C.CUSTOMER_ID)
    if C.OBSERVED_UNTIL in df.columns:
        df[C.OBSERVED_UNTIL] = parse_timestamps(
            df[C.OBSERVED_UNTIL], source=name, column=C.OBSERVED_UNTIL, format=date_format
        )
    if C.WEIGHT in df.columns:
        df[C.WEIGHT] = check_weights(df[C.WEIGHT], source=name)
    _categorize(df, skip=[C.CUSTOMER_ID], always=[C.SEGMENT, C.CHANNEL])
    df.attrs["validation"] = report
    return df


def _no_answers(report: ValidationReport, column: str, n: int) -> None:
    """Say that a score column holds no answer at all (it is left out of analyses)."""
    warn_values(
        report,
        column,
        n,
        "the column has no answers; it is left out of analyses",
        [],
        action="missing (all rows)",
    )


def _check_stages(df: pd.DataFrame, journey: Any, name: str) -> None:
    j = journey if isinstance(journey, Journey) else load_journey(journey)
    raw = df[C.STAGE]
    text = raw.map(
        lambda v: (
            None
            if v is None or (isinstance(v, float) and np.isnan(v))
            else (str(v).strip() or None)
        )
    )
    unknown = text.notna() & ~text.isin(j.stage_ids)
    if unknown.any():
        bad = sorted(set(text[unknown]))
        hints = [f"'{b}' -> '{m[0]}'" for b in bad if (m := _suggest_stage(b, j.stage_ids))]
        hint = f" (close: {', '.join(hints)})" if hints else ""
        raise DataValidationError(
            f"{int(unknown.sum())} row(s) name stages that the journey does not have: "
            f"{', '.join(map(repr, bad[:10]))}; allowed: {', '.join(j.stage_ids)}{hint}",
            source=name,
            column=C.STAGE,
            rows=file_rows(raw, list(raw.index[unknown.to_numpy()])),
            fix="recode the stages to the journey's stage ids, or add the stages to the "
            "journey definition",
        )
    df[C.STAGE] = pd.Series(pd.Categorical(text, dtype=j.stage_dtype()), index=df.index)


def _natural(text: str) -> list[Any]:
    """Sort key that puts "Wave 2" before "Wave 10"."""
    return [
        (0, int(p), "") if p.isdigit() else (1, 0, p.casefold())
        for p in re.split(r"(\d+)", text)
        if p
    ]


def _suggest_stage(value: str, ids: Iterable[str]) -> list[str]:
    import difflib

    return difflib.get_close_matches(value.lower().replace(" ", "_"), list(ids), n=1)


def read_survey(
    source: str | Path | pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = None,
    journey: Journey | str | Path | Mapping[str, Any] | None = None,
    scales: Mapping[str, tuple[float, float]] | None = None,
    missing_values: Iterable[str] = (),
    date_format: str | None = None,
    measures: MeasuresLike = None,
) -> pd.DataFrame:
    """Read and validate survey responses (one row per respondent).

    Parameters
    ----------
    source : path or DataFrame
        CSV (also Qualtrics-style exports), Excel, SPSS ``.sav``, Parquet or a frame.
    columns : mapping, optional
        ``{"name in file": "canonical name"}``, e.g. ``{"ResponseId": "respondent_id"}``.
    journey : Journey, preset name, path or dict, optional
        When given, ``stage`` must hold its stage ids; it becomes an ordered
        categorical in journey order.
    scales : mapping, optional
        ``{"column": (lo, hi)}`` overriding or adding to the default scales.
    missing_values : iterable of str
        Extra texts meaning "no answer" in score columns.
    date_format : str, optional
        ``strftime`` format of a ``date`` column that is not ISO 8601.
    measures : list of Measure or mapping, optional
        :class:`~cjresearch.inputs.measures.Measure` objects, or ``{name: Measure or
        config}`` such as ``{"csat": {"kind": "top_box", "scale": [1, 5],
        "na_codes": [0]}}``.  Their columns are read here once: texts as
        above, then :meth:`~cjresearch.inputs.measures.Measure.prepare` sets the na
        codes to missing (counted in the report, warned) and checks the
        declared scale (an error naming file lines, the values found and the
        scale); binary labels become 0/1.  A measure's scale replaces the
        default scale of its column.  They are kept in
        ``attrs["measures"]`` (``{name: Measure}``), where
        :func:`~cjresearch.survey.crosstab.compare`, ``banner``,
        :func:`~cjresearch.survey.scores.score` and
        :func:`~cjresearch.survey.text.theme_differences` find them by name or
        column.

    Returns
    -------
    DataFrame
        ``respondent_id`` (text, unique), optional ``customer_id`` (text),
        ``wave`` (ordered categorical when text), ``stage``, ``touchpoint``
        (categoricals), ``weight`` (positive float), ``date`` (naive UTC) and
        every score column as float with missing answers as NaN.
        ``attrs["validation"]`` holds the :class:`~cjresearch.inputs.schema.ValidationReport`.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"ResponseId": ["R1", "R2", "R3"],
    ...                     "stage": ["purchase", "awareness", "purchase"],
    ...                     "nps": ["10 - Extremely likely", "6", "0 = Not at all likely"]})
    >>> s = read_survey(raw, columns={"ResponseId": "respondent_id"}, journey="classic6")
    >>> s["nps"].tolist(), list(s["stage"].cat.categories[:2])
    ([10.0, 6.0, 0.0], ['awareness', 'consideration'])
    """
    df = _load(source, "survey", columns, [C.RESPONDENT_ID])
    name = str(df.attrs["source"])
    report = ValidationReport(source=name, n_rows=len(df))
    df = drop_total_rows(df, name, report)
    df[C.RESPONDENT_ID] = check_ids(df[C.RESPONDENT_ID], source=name, column=C.RESPONDENT_ID)
    if C.CUSTOMER_ID in df.columns:
        df[C.CUSTOMER_ID] = check_ids(
            df[C.CUSTOMER_ID], source=name, column=C.CUSTOMER_ID, unique=False, allow_missing=True
        )
    if C.WEIGHT in df.columns:
        df[C.WEIGHT] = check_weights(df[C.WEIGHT], source=name)
    if "date" in df.columns:
        df["date"] = parse_timestamps(df["date"], source=name, column="date", format=date_format)
    if C.STAGE in df.columns and journey is not None:
        _check_stages(df, journey, name)
    if C.WAVE in df.columns and df[C.WAVE].dtype == object:
        waves = df[C.WAVE].map(lambda v: v.strip() if isinstance(v, str) else v)
        order = sorted(waves.dropna().astype(str).unique(), key=_natural)
        df[C.WAVE] = pd.Categorical(waves, categories=order, ordered=True)

    specs = named_measures(measures)
    for m in specs.values():
        if m.column not in df.columns:
            close = suggest_names(str(m.column), [str(c) for c in df.columns])
            hint = f" (close matches: {', '.join(map(repr, close))})" if close else ""
            raise DataValidationError(
                f"measure '{m.name}' reads column '{m.column}', which the data does not have{hint}",
                source=name,
                fix="use the column's name after columns= renaming",
            )
    scales = dict(scales or {})
    both = sorted({str(m.column) for m in specs.values()} & set(scales))
    if both:
        raise DataValidationError(
            f"scales= and measures= both give the scale of {both}",
            source=name,
            fix="give the scale once, in the measure",
        )
    for col, scale in scales.items():
        if col not in df.columns:
            close = suggest_names(col, [str(c) for c in df.columns])
            hint = f" (close matches: {', '.join(map(repr, close))})" if close else ""
            raise DataValidationError(
                f"scales= names column '{col}', which the data does not have{hint}",
                source=name,
                fix="use the column's name after columns= renaming",
            )
        ok = (
            isinstance(scale, (tuple, list))
            and len(scale) == 2
            and all(isinstance(x, (int, float)) and np.isfinite(x) for x in scale)
            and scale[0] < scale[1]
        )
        if not ok:
            raise DataValidationError(
                f"scales= gives {scale!r} for '{col}'",
                source=name,
                fix="give the scale as (lowest, highest), e.g. (1, 5)",
            )
    measured = {str(m.column) for m in specs.values()}
    for m in specs.values():
        col = str(m.column)
        labelled = m.kind == "binary" and not all(
            isinstance(x, (int, float)) and not isinstance(x, bool) for x in m.scale or ()
        )
        if not labelled:
            df[col] = parse_scores(
                df[col],
                source=name,
                column=col,
                scale=None,
                missing_values=missing_values,
                report=report,
            )
        if df[col].isna().all():
            _no_answers(report, col, len(df))
            continue
        df[col] = m.prepare(df, source=name, report=report)
    if specs:
        df.attrs["measures"] = specs
    scored = [str(c) for c in df.columns if str(c) not in measured]
    for col, scale in score_scales(scored, scales).items():
        df[col] = parse_scores(
            df[col],
            source=name,
            column=col,
            scale=scale,
            missing_values=missing_values,
            report=report,
        )
        if df[col].isna().all():
            _no_answers(report, col, len(df))
    skip = [C.RESPONDENT_ID, C.CUSTOMER_ID, C.WAVE, "date"]
    if journey is not None:
        skip.append(C.STAGE)
    _categorize(df, skip=skip, always=[C.STAGE, C.TOUCHPOINT, C.SEGMENT, C.CHANNEL])
    df.attrs["validation"] = report
    return df
