"""Answers as survey tools export them: score texts, non-answers, totals rows.

Score columns and their scales (inclusive) by default: ``nps`` 0-10, ``csat``
1-5, ``ces`` 1-7, ``overall_sat`` 1-10, ``rating_*`` and Likert items 1-5
(:data:`DEFAULT_SCALES`).  :func:`parse_scores` reads "10 - Extremely likely",
"Extremely likely (10)", "7" and an SPSS-labelled category as numbers;
non-answers ("N/A", "Don't know", ... in six languages, :data:`NON_ANSWERS`)
and empty cells become missing, counted and warned; anything else is an error
naming the values and their rows.  :func:`drop_total_rows` leaves out a totals
row an export appends; :func:`zero_looks_like_a_code` spots a "not applicable"
0 among ratings that run from 1.  :func:`cjresearch.inputs.surveys.read_survey` uses them.
"""

from __future__ import annotations

import fnmatch
import re
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core import columns as C
from cjresearch.core.errors import (
    DataValidationError,
    RowsExcludedWarning,
    UnreliableEstimateWarning,
    format_rows,
)
from cjresearch.core.rows import file_rows
from cjresearch.inputs.schema import ValidationReport, warn_values

__all__ = [
    "DEFAULT_SCALES",
    "NON_ANSWERS",
    "TOTAL_LABELS",
    "answer_key",
    "drop_total_rows",
    "parse_scores",
    "score_scales",
    "warn_zero_code",
    "zero_looks_like_a_code",
]


#: Default scales (inclusive); keys may be shell-style patterns.
DEFAULT_SCALES: dict[str, tuple[float, float]] = {
    "nps": (0, 10),
    "csat": (1, 5),
    "ces": (1, 7),
    "overall_sat": (1, 10),
    "rating_*": (1, 5),
    "trust_*": (1, 5),
}

#: Texts read as "no answer" (compared case-insensitively, after trimming).
NON_ANSWERS = frozenset(
    {
        "n/a",
        "na",
        "n.a.",
        "n.a",
        "not applicable",
        "don't know",
        "dont know",
        "do not know",
        "dk",
        "don't know / not sure",
        "not sure",
        "prefer not to say",
        "prefer not to answer",
        "refused",
        "no answer",
        "no opinion",
        "can't say",
        "cannot say",
        "none",
        "null",
        "nan",
        "-",
        "--",
        ".",
        "#n/a",
        "unknown",
        "skipped",
        "missing",
        "not asked",
    }
)

_NUM = r"[+-]?\d+(?:[.,]\d+)?"
_LEADING = re.compile(rf"^({_NUM})\s*(?:[-\u2013\u2014=:.)]\s*|\s+)(\D*)$")
_TRAILING_PAREN = re.compile(rf"^(\D*?)\s*\(\s*({_NUM})\s*\)$")
_TRAILING = re.compile(rf"^(\D*?\S)\s*[-\u2013\u2014=:]\s*({_NUM})$")
_PLAIN = re.compile(rf"^{_NUM}$")


#: Labels of a totals row that survey tools append to an export (six languages).
TOTAL_LABELS = frozenset(
    {
        "total", "totals", "grand total", "sum", "overall", "all respondents", "base",
        "total:", "totals:",
        "общо", "всичко", "suma", "razem", "ogółem", "ogolem", "soma", "totale", "somma",
        "totalul", "totaluri",
    }
)  # fmt: skip


def drop_total_rows(df: pd.DataFrame, name: str, report: ValidationReport) -> pd.DataFrame:
    """Leave out a block of totals rows at the end of an export (a row whose text cells
    include 'Total', 'Suma', 'Общо', ...), with a warning naming the lines: a totals
    row read as a respondent adds a weight and answers nobody gave."""
    last = []
    for label in reversed(df.index[-3:]):
        row = df.loc[label]
        texts = {answer_key(v) for v in row.to_numpy() if isinstance(v, str)}
        if not texts & TOTAL_LABELS:
            break
        last.append(label)
    if not last or len(last) == len(df):
        return df
    rows = file_rows(df, sorted(last))
    report.add(C.RESPONDENT_ID, "left out", len(last), "a totals row, not a respondent", rows)
    warnings.warn(
        f"{name}: {len(last)} row(s) at the end look like a totals row ('Total'), not a "
        f"respondent, and are left out ({format_rows(rows)})",
        RowsExcludedWarning,
        stacklevel=3,
    )
    return df.drop(index=last)


def answer_key(text: str) -> str:
    """An answer text as compared with the lists of labels (trimmed, case-folded)."""
    return re.sub(r"\s+", " ", text.strip().casefold().replace("\u2019", "'").replace("`", "'"))


def _read_value(v: Any, non_answers: frozenset[str]) -> tuple[str, float | None]:
    """Classify one cell: ("number", x), ("blank", None), ("non-answer", None), ("bad", None)."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return "blank", None
    if isinstance(v, (bool, np.bool_)):
        return "bad", None
    if isinstance(v, (int, float, np.integer, np.floating)):
        return "number", float(v)
    text = str(v).strip()
    if not text:
        return "blank", None
    if answer_key(text) in non_answers:
        return "non-answer", None
    if _PLAIN.match(text):
        return "number", float(text.replace(",", "."))
    m = _LEADING.match(text)
    if m:
        number, label = m.group(1), m.group(2)
    else:
        m = _TRAILING_PAREN.match(text) or _TRAILING.match(text)
        if not m:
            return "bad", None
        label, number = m.group(1), m.group(2)
    if answer_key(label) in non_answers:
        return "non-answer", None
    return "number", float(number.replace(",", "."))


def score_scales(
    names: Iterable[str],
    scales: Mapping[str, tuple[float, float]] | None = None,
) -> dict[str, tuple[float, float]]:
    """The scale of every score column among ``names``.

    Examples
    --------
    >>> score_scales(["respondent_id", "nps", "rating_price", "effort"], {"effort": (1, 5)})
    {'nps': (0, 10), 'rating_price': (1, 5), 'effort': (1, 5)}
    """
    out: dict[str, tuple[float, float]] = {}
    explicit = dict(scales or {})
    for name in names:
        if name in explicit:
            out[name] = explicit[name]
            continue
        for pattern, scale in DEFAULT_SCALES.items():
            if fnmatch.fnmatchcase(name, pattern):
                out[name] = scale
                break
    return out


def parse_scores(
    series: pd.Series,
    *,
    source: str,
    column: str,
    scale: tuple[float, float] | None = None,
    missing_values: Iterable[str] = (),
    report: ValidationReport | None = None,
) -> pd.Series:
    """Read one score column as float, checking it against its scale.

    Parameters
    ----------
    series : Series
        Numbers, text as survey tools export it, or an SPSS-labelled categorical.
    source, column : str
        Names for messages.
    scale : (lo, hi), optional
        Allowed range, inclusive.
    missing_values : iterable of str
        Extra texts to read as non-answers.
    report : ValidationReport, optional
        Receives the counts of non-answers and empty cells.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series(["10 - Extremely likely", "0 = Not at all likely",
    ...                "Extremely likely (10)", "7", "", "N/A"])
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     parse_scores(s, source="s.csv", column="nps", scale=(0, 10)).tolist()
    [10.0, 0.0, 10.0, 7.0, nan, nan]
    >>> print(w[0].message)
    s.csv, column 'nps': 1 value(s) set to missing (non-answers such as 'N/A'; row 5)
    >>> parse_scores(pd.Series([3, 12]), source="s.csv", column="nps", scale=(0, 10))
    Traceback (most recent call last):
    ...
    cjresearch.core.errors.DataValidationError: s.csv, column 'nps': 1 value is outside the scale 0-10: 12 (row 1). Fix: correct or blank those cells, or pass scales={'nps': (lo, hi)} if the scale is different.
    """
    non_answers = NON_ANSWERS | {answer_key(t) for t in missing_values}
    values = series
    if isinstance(series.dtype, pd.CategoricalDtype):
        labels = (series.attrs.get("value_labels") or {}).get(series.name) or {}
        codes = {text: code for code, text in labels.items()}
        values = series.astype(object).map(
            lambda v: (
                v
                if v is None or (isinstance(v, float) and np.isnan(v))
                else (v if answer_key(str(v)) in non_answers else codes.get(v, v))
            )
        )
    kinds = values.map(lambda v: _read_value(v, non_answers))
    kind = kinds.map(lambda t: t[0])
    nums = kinds.map(lambda t: np.nan if t[1] is None else t[1]).astype("float64")
    nums.index = series.index

    def rows(mask: pd.Series) -> list[Any]:
        return file_rows(series, list(series.index[mask.to_numpy()]))

    bad = kind == "bad"
    if bad.any():
        shown = ", ".join(repr(str(v)) for v in pd.unique(series[bad].astype(str))[:5])
        n = int(bad.sum())
        raise DataValidationError(
            f"{n} value{'s are' if n > 1 else ' is'} not a score: {shown}",
            source=source,
            column=column,
            rows=rows(bad),
            fix="recode them to numbers, blank them, or pass missing_values=[...] if they "
            "mean 'no answer'",
        )
    if np.isinf(nums).any():
        raise DataValidationError(
            "has infinite values",
            source=source,
            column=column,
            rows=rows(pd.Series(np.isinf(nums))),
            fix="correct them",
        )
    if scale is not None:
        lo, hi = scale
        out = (nums < lo) | (nums > hi)
        if out.any():
            n = int(out.sum())
            shown = ", ".join(f"{v:g}" for v in pd.unique(nums[out])[:5])
            raise DataValidationError(
                f"{n} value{'s are' if n > 1 else ' is'} outside the scale {lo:g}-{hi:g}: {shown}",
                source=source,
                column=column,
                rows=rows(out),
                fix=f"correct or blank those cells, or pass scales={{{column!r}: (lo, hi)}} "
                "if the scale is different",
            )
    rep = report if report is not None else ValidationReport(source=source, n_rows=len(series))
    skipped = kind == "non-answer"
    if skipped.any():
        shown = ", ".join(repr(str(v)) for v in pd.unique(series[skipped].astype(str))[:3])
        warn_values(rep, column, int(skipped.sum()), f"non-answers such as {shown}", rows(skipped))
    blank = kind == "blank"
    if blank.any() and not blank.all():  # said like the non-answers (a column never
        # answered is a different problem, reported where the column is used)
        warn_values(rep, column, int(blank.sum()), "empty cells", rows(blank), "missing in file")
    nums.name = series.name
    return nums


def zero_looks_like_a_code(values: pd.Series) -> bool:
    """True when 0 sits apart from a rating scale that runs from 1: whole numbers, at
    least three distinct answers from 1 upwards, and fewer zeros than a fifth of the
    answers -- the way "not applicable / don't know" is often coded.

    Examples
    --------
    >>> import pandas as pd
    >>> zero_looks_like_a_code(pd.Series([0, 1, 2, 3, 4, 5, 5, 4, 3, 2]))
    True
    >>> zero_looks_like_a_code(pd.Series([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))  # a 0-10 scale
    False
    """
    v = pd.to_numeric(values, errors="coerce").dropna()
    if v.empty or (v != v.round()).any() or v.min() != 0:
        return False
    rest = v[v != 0]
    zeros = int((v == 0).sum())
    steps = np.sort(rest.unique())
    return bool(
        len(steps) >= 3
        and steps[0] == 1
        and zeros < 0.2 * len(v)
        and len(steps) == steps[-1]  # 1, 2, ..., k all present
        and steps[-1] <= 7  # a rating scale, not a 0-10 score
    )


def warn_zero_code(values: pd.Series, source: str, column: str) -> None:
    """Say that 0 is used as a rating although it looks like a "not applicable" code."""
    v = pd.to_numeric(values, errors="coerce")
    zeros = int((v == 0).sum())
    top = int(v.max())
    warnings.warn(
        f"{source}, column '{column}': {zeros} answer(s) coded 0 while the others run 1-{top}; "
        "0 is used as a rating. If 0 means 'not applicable' or 'don't know', declare "
        f"na_codes=[0]; if the scale is 0-{top}, declare it",
        UnreliableEstimateWarning,
        stacklevel=4,
    )
