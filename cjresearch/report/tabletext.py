"""A result table as its reader sees it: headers, codes and numbers in the report language.

:func:`localize` turns a tidy result into a frame of text, column by column, with
the one formatter of :mod:`cjresearch.core.formats`:

* headers of the shared result columns in words (:func:`cjresearch.core.i18n.column_label`;
  a quantity's uncertainty, ``hr_exit_ci_low``, is named after the quantity);
* how a column's numbers read follows from its name in the column vocabulary
  (:mod:`cjresearch.core.columns`): counts, shares (as percentages), p-values,
  money; ``estimate`` and its interval are shares when the caller says so
  (``shares=True``) or when the row's ``kind`` is a share (``top_box``);
* codes of result columns (``kind: top_box``, ``direction: back``) in words;
  ids the caller gives labels for (stage ids), also inside paths ``a → b``;
* True and False as yes and no; no exponent, no float noise.

:func:`reader_columns` picks the few columns a reader needs from a wide result
table (the page shows those; the whole table stays behind a "details"
disclosure and in the exports).

The export files keep the raw frame (:mod:`cjresearch.report.exports`).

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"stage": ["buy"], "n": [2984], "estimate": [0.4724],
...                   "p_value": [1e-9], "small_base": [False]})
>>> localize(f, "pt", shares=True, labels={"buy": "Compra"}).iloc[0].tolist()
['Compra', '2\xa0984', '47,2%', '< 0,001', 'não']
>>> list(localize(f, "pt"))
['Etapa', 'n', 'Estimativa', 'valor p', 'Base pequena']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from cjresearch.core import formats
from cjresearch.core.columns import QUANTITY_SUFFIXES
from cjresearch.core.i18n import COLUMNS, column_label, text, value_label
from cjresearch.core.tables import is_boolean
from cjresearch.survey.text import PLACEHOLDERS

__all__ = ["READER_COLUMNS", "column_header", "column_kind", "localize", "reader_columns"]

_COUNTS = {
    "n",
    "base",
    "exposed",
    "exposed_converters",
    "exposed_others",
    "excluded_events",
    "moved_on",
    "exited",
    "in_progress",
    "respondents",
    "theme_mentions",
    "occurrences",
    "steps",
    "groups",
    "k",
    "rank",
    "max_times",
    "customers",
}
_SHARES = {
    "share",
    "exit_share",
    "share_of_exits",
    "exposed_share_converters",
    "exposed_share_others",
    "moved_on_share_exposed",
    "moved_on_share_unexposed",
    "promoters",
    "passives",
    "detractors",
    "excess",
    "excess_exit",
    "theme_gap",
    "dropoff",
}
_MONEY = {"mean_value", "value_at_stake"}
# columns whose kind follows the estimate's (a share when the estimate is one)
_WITH_ESTIMATE = {"estimate", "se", "ci_low", "ci_high", "effect", "estimate_a", "estimate_b"}
_WITH_ESTIMATE_WHEN_SHARES = {"naive", "understatement"}
# measure kinds whose estimates are shares
_SHARE_KINDS = {"top_box", "bottom_box", "binary"}
# free text: respondents' words or sentences already written in the report language
_FREE_TEXT = {"quote", "quotes", "example", "text", "comment", "evidence", "missing", "phrase"}
# what cjresearch.survey.text.redact puts in place of personal data
_REDACTED = re.compile(rf"\[({'|'.join(PLACEHOLDERS)})\]")


def redacted_words(value: str, language: str) -> str:
    """``value`` with redaction placeholders (``[phone]``) in ``language``.

    Examples
    --------
    >>> redacted_words("Sunați-mă la [phone] sau [email]", "ro")
    'Sunați-mă la [telefon] sau [e-mail]'
    """
    return _REDACTED.sub(lambda m: f"[{text('redacted_' + m.group(1), language)}]", value)


def _split(column: str) -> tuple[str, str]:
    """``(quantity, suffix)`` of ``hr_exit_ci_low`` -> ``("hr_exit", "_ci_low")``."""
    for suffix in QUANTITY_SUFFIXES:
        if column.endswith(suffix) and column[: -len(suffix)] in COLUMNS:
            return column[: -len(suffix)], suffix
    return column, ""


def column_kind(column: str, *, shares: bool = False) -> str:
    """How the numbers of ``column`` read: a kind of :func:`cjresearch.core.formats.format_value`.

    Examples
    --------
    >>> column_kind("n_exit_churned"), column_kind("hr_exit_p_adjusted"), column_kind("excess_ci_low")
    ('count', 'p_value', 'share')
    >>> column_kind("estimate"), column_kind("estimate", shares=True)
    ('number', 'share')
    """
    q, suffix = _split(column)
    if suffix in ("_p_value", "_p_adjusted") or column in ("p_value", "p_adjusted"):
        return "p_value"
    if q in _COUNTS or (q.startswith("n_") and not suffix):
        return "count"
    if q in _SHARES:
        return "share"
    if q in _MONEY:
        return "money"
    if shares and (q in _WITH_ESTIMATE or q in _WITH_ESTIMATE_WHEN_SHARES):
        return "share"
    return "number"


def column_header(column: str, language: str) -> str:
    """The header of ``column`` in ``language`` (names the vocabulary lacks: unchanged).

    Examples
    --------
    >>> column_header("hr_exit_ci_low", "en"), column_header("n_exit_churned", "en")
    ('Hazard ratio of exiting: 95% CI low', 'Exits: churned')
    """
    q, suffix = _split(str(column))
    if suffix and str(column) not in COLUMNS:  # a column with its own header keeps it
        return f"{column_label(q, language)}: {column_label(suffix[1:], language)}"
    c = str(column)
    if c.startswith("n_exit_") and c not in COLUMNS:
        return f"{column_label('n_exit', language)}: {c[len('n_exit_') :]}"
    return column_label(c, language)


def _cell_text(value: Any, column: str, language: str, labels: Mapping[str, str]) -> Any:
    """A text cell: a code in words, an id by its label, a path of ids by their labels."""
    if not isinstance(value, str):
        return value
    if column in _FREE_TEXT:
        return redacted_words(value, language)
    words = value_label(column, value, language)
    if words is not None:
        return words
    if value in labels:
        return labels[value]
    if " → " in value and labels:
        return " → ".join(labels.get(part, part) for part in value.split(" → "))
    return value


def localize(
    data: pd.DataFrame,
    language: str,
    *,
    shares: bool = False,
    kinds: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    currency: str = "EUR",
    headers: bool = True,
) -> pd.DataFrame:
    """``data`` as text in ``language``: headers, codes, labels and numbers (see the module).

    Parameters
    ----------
    data : pandas.DataFrame
        A result table.
    language : str
        The report language.
    shares : bool
        The estimate, its interval, standard error and effect are shares (0-1).
    kinds : mapping, optional
        ``{column: kind}`` where a column's name does not say how its numbers read.
    labels : mapping, optional
        ``{id: label}`` for ids the cells hold (stages and exits of the journey).
    currency : str
        ISO 4217 code of money columns.
    headers : bool
        Write the headers in ``language`` (else keep the column names).
    """
    labels = dict(labels or {})
    kinds = dict(kinds or {})
    out = {}
    row_shares = None
    if "kind" in data.columns:
        row_shares = data["kind"].astype(str).isin(_SHARE_KINDS).to_numpy()
    for col in data.columns:
        name = str(col)
        values = data[col]
        kind = kinds.get(name) or column_kind(name, shares=shares)
        if is_boolean(values):
            kind = "flag"
        elif pd.api.types.is_datetime64_any_dtype(values.dtype):
            kind = "date"
        elif (
            not pd.api.types.is_numeric_dtype(values.dtype)
            and kind not in ("flag", "date")
            and name not in kinds
        ):
            kind = "text"
        cells = []
        share_here = row_shares is not None and _split(name)[0] in _WITH_ESTIMATE
        for i, v in enumerate(values.tolist()):
            k = "share" if share_here and row_shares is not None and row_shares[i] else kind
            v = _cell_text(v, name, language, labels)
            cells.append(formats.format_value(v, k, language, currency=currency))
        header = column_header(name, language) if headers else name
        out[header if header not in out else f"{header} ({name})"] = cells
    frame = pd.DataFrame(out, index=data.index)
    if isinstance(data.index, pd.MultiIndex) or data.index.name is not None:
        frame.index = frame.index.map(lambda v: _index_text(v, language, labels))
    return frame


#: Most columns a result table shows on the page before the rest go behind "details".
READER_COLUMNS = 13
# what a reader looks at first, most important first (after the row's names)
_CORE = (
    "rank",
    "evidence",
    "estimate",
    "ci_low",
    "ci_high",
    "n",
    "effect",
    "estimate_a",
    "estimate_b",
    "n_a",
    "n_b",
    "p_adjusted",
    "horizon",
    "small_base",
    "points",
    "exposed",
    "importance",
    "quadrant",
    "direction",
    "time_unit",
    "base",
)
# text columns that describe the analysis, not the row
_ABOUT = {"time_unit", "method", "note", "adjusted_for", "missing", "funnel", "counted_from"}


def _detail(column: str, columns: set[str]) -> bool:
    """Standard errors, and unadjusted p-values where adjusted ones are given."""
    q, suffix = _split(column)
    if column == "se" or suffix == "_se":
        return True
    if column == "p_value":
        return "p_adjusted" in columns
    return suffix == "_p_value" and f"{q}_p_adjusted" in columns


def reader_columns(data: pd.DataFrame, limit: int = READER_COLUMNS) -> list[str]:
    """The columns of ``data`` a reader needs, at most ``limit``, in the table's order.

    First the row's names (up to four text columns with a value in every row,
    neither free text nor about the method), then the estimate, its interval,
    base, effect, adjusted p-value and small-base flag (``_CORE``, most important
    first), then the other columns in order; standard errors and unadjusted p-values (where adjusted ones
    exist) and columns without any value come last.

    Examples
    --------
    >>> f = pd.DataFrame({"stage": ["buy"], "se": [0.1], "n": [20], "note": ["x"],
    ...                   "estimate": [0.5], "ci_low": [0.3], "ci_high": [0.7],
    ...                   "p_value": [0.01], "p_adjusted": [0.02], "statistic": [2.3]})
    >>> reader_columns(f, limit=6)
    ['stage', 'n', 'estimate', 'ci_low', 'ci_high', 'p_adjusted']
    """
    names = [str(c) for c in data.columns]
    present = set(names)
    empty = {str(c) for c in data.columns if len(data) and data[c].isna().all()}
    ids = [
        c
        for c in names
        if not pd.api.types.is_numeric_dtype(data[c].dtype)
        and not pd.api.types.is_bool_dtype(data[c].dtype)
        and c not in _FREE_TEXT
        and c not in _ABOUT
        and c not in _CORE
        and data[c].notna().all()
    ][:4]

    def tier(c: str) -> tuple[int, int]:
        if c in empty or _detail(c, present):
            return (4, names.index(c))
        if c in ids:
            return (0, names.index(c))
        if c in _CORE:
            return (1, _CORE.index(c))
        return (2 if c not in _FREE_TEXT else 3, names.index(c))

    keep = set(sorted(names, key=tier)[:limit])
    return [c for c in names if c in keep]


def _index_text(value: Any, language: str, labels: Mapping[str, str]) -> Any:
    if isinstance(value, tuple):
        return tuple(_index_text(v, language, labels) for v in value)
    if isinstance(value, str):
        return labels.get(value, value)
    return formats.format_value(value, "number", language)
