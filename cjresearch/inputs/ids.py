"""Customer and respondent ids: one rule, applied at the edge on every path.

Ids are text.  The same rule turns a value into an id whether it comes from
the event engine (as SQL, :func:`id_sql`, on DuckDB or Spark), from the
engine's distinct ids (as Arrow, :func:`normalize_arrow`) or from the readers
(as pandas, :func:`normalize_ids`); the tests hold the three against each other.

The rule
--------
* Text is kept as written, less leading and trailing spaces, tabs and line
  breaks: ``"00101"`` stays ``"00101"``.  Nothing else is changed, except that
  a whole number written with a decimal point and zeros (``"101.0"``,
  ``"101.00"``; no leading zero, an optional minus) loses them: ``"101"``.
  That is how an integer id looks after a spreadsheet or pandas turned it
  into a float, and it lets such an export meet the CRM's ``101``.
* Integers become their decimal digits (``101`` -> ``"101"``).
* Floats that are whole numbers (below 10^18 in size) become their digits
  without decimals (``101.0`` -> ``"101"``); other floats are refused: an id
  is not a measurement.
* Empty text, text of spaces only, ``None`` and NaN are *missing*.

Two different texts that give the same id in one file (``"1"`` and ``"1.0"``)
are ambiguous and refused by the callers, with their rows.

Examples
--------
>>> import pandas as pd
>>> normalize_ids(pd.Series(["00101", " 7 ", "101.0", "", None]), source="crm.csv",
...               column="customer_id").tolist()
['00101', '7', '101', None, None]
>>> normalize_ids(pd.Series([101.0, float("nan")]), source="crm.csv",
...               column="customer_id").tolist()
['101', None]
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core import columns as C
from cjresearch.core.errors import DataValidationError
from cjresearch.core.rows import file_rows

__all__ = ["ID_COLUMNS", "WHITESPACE", "id_sql", "normalize_arrow", "normalize_ids"]

#: The columns that hold ids (canonical names).
ID_COLUMNS = (C.CUSTOMER_ID, C.RESPONDENT_ID)
#: The characters trimmed from both ends of a text id.
WHITESPACE = " \t\r\n"
#: A whole number written with decimals: ``101.0``, ``-3.00`` (no leading zero).
_WHOLE_TEXT = r"^-?(0|[1-9][0-9]*)[.]0+$"
_DECIMALS = r"[.]0+$"
_WHOLE_TEXT_RE = re.compile(_WHOLE_TEXT)
_MAX_WHOLE = 1e18
_INTEGER_TYPES = (
    "TINYINT",
    "SMALLINT",
    "INT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "UHUGEINT",
    "LONG",
    "SHORT",
    "BYTE",
)
_FLOAT_TYPES = ("FLOAT", "DOUBLE", "REAL", "DECIMAL")
_TEXT_TYPES = ("VARCHAR", "STRING", "TEXT", "CHAR")


def _text(value: str) -> str | None:
    s = value.strip(WHITESPACE)
    if not s:
        return None
    return re.sub(_DECIMALS, "", s) if _WHOLE_TEXT_RE.match(s) else s


def _not_whole(v: float) -> bool:
    return not (v == np.floor(v) and abs(v) < _MAX_WHOLE)


def normalize_ids(series: pd.Series, *, source: str, column: str) -> pd.Series:
    """Ids as text by the rule of this module; missing ids become ``None``.

    Raises :class:`~cjresearch.core.errors.DataValidationError` (naming rows) for
    floats that are not whole numbers and for two texts that read as one id.
    Row numbers come from ``series.attrs["line_numbers"]`` where the readers
    set them.

    Examples
    --------
    >>> import pandas as pd
    >>> normalize_ids(pd.Series(["1", "1.0", "2"]), source="crm.csv", column="customer_id")
    Traceback (most recent call last):
    ...
    cjresearch.core.errors.DataValidationError: crm.csv, column 'customer_id': 1 id is written in more than one form that reads as the same id: '1' / '1.0' (rows 0, 1). Fix: export each id in one form (1.0 reads as 1), or keep the column as text without decimals.
    """

    def rows(mask: np.ndarray) -> list[Any]:
        return file_rows(series, list(series.index[mask]))

    series_obj = series.astype(object) if pd.api.types.is_bool_dtype(series.dtype) else series
    if pd.api.types.is_integer_dtype(series_obj.dtype):
        values = series_obj.to_numpy()
        if isinstance(series_obj.dtype, pd.api.extensions.ExtensionDtype):
            out = series_obj.astype(object).map(lambda v: None if pd.isna(v) else str(int(v)))
            out.name = series.name
            return out.astype(object)
        return pd.Series(values.astype(str).astype(object), index=series.index, name=series.name)
    if pd.api.types.is_float_dtype(series_obj.dtype):
        v = series_obj.to_numpy(dtype="float64", na_value=np.nan)
        missing = np.isnan(v)
        with np.errstate(invalid="ignore"):
            bad = ~missing & ((v != np.floor(v)) | ~(np.abs(v) < _MAX_WHOLE))
        if bad.any():
            _refuse_fractions(series, v[bad], rows(bad), source, column)
        digits = np.where(missing, 0, v).astype(np.int64).astype(str).astype(object)
        digits[missing] = None
        return pd.Series(digits, index=series.index, name=series.name)

    if pd.api.types.infer_dtype(series_obj, skipna=True) == "string":  # the common case, vectorised
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = pa.array(series_obj.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)
        ids = normalize_arrow(arr)
        out = pd.Series(
            ids.to_numpy(zero_copy_only=False), index=series.index, name=series.name, dtype=object
        )
        trimmed = pc.utf8_trim(arr, characters=WHITESPACE)
        if pc.any(pc.match_substring_regex(trimmed, _WHOLE_TEXT)).as_py():
            written = pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.large_string()), trimmed)
            _refuse_ambiguous(
                series,
                out,
                pd.Series(written.to_numpy(zero_copy_only=False), index=series.index, dtype=object),
                source,
                column,
            )
        return out

    forms: list[str | None] = []
    out_list: list[str | None] = []
    fractions = []
    for i, v in enumerate(series_obj.tolist()):
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA or v is pd.NaT:
            out_list.append(None)
            forms.append(None)
        elif isinstance(v, (bool, np.bool_)):
            out_list.append(str(bool(v)))
            forms.append(out_list[-1])
        elif isinstance(v, (int, np.integer)):
            out_list.append(str(int(v)))
            forms.append(out_list[-1])
        elif isinstance(v, (float, np.floating)):
            if _not_whole(float(v)):
                fractions.append(i)
                out_list.append(None)
            else:
                out_list.append(str(int(v)))
            forms.append(out_list[-1])
        else:
            s = str(v)
            out_list.append(_text(s))
            forms.append(s.strip(WHITESPACE) or None)
    if fractions:
        mask = np.zeros(len(series), dtype=bool)
        mask[fractions] = True
        _refuse_fractions(
            series,
            np.asarray(series_obj.to_numpy()[fractions], dtype=float),
            rows(mask),
            source,
            column,
        )
    out = pd.Series(out_list, index=series.index, name=series.name, dtype=object)
    changed = [i for i, (o, f) in enumerate(zip(out_list, forms, strict=True)) if o != f]
    if changed:
        _refuse_ambiguous(
            series, out, pd.Series(forms, index=series.index, dtype=object), source, column
        )
    return out


def _refuse_fractions(
    series: pd.Series, values: np.ndarray, rows: list[Any], source: str, column: str
) -> None:
    shown = ", ".join(f"{x:g}" for x in pd.unique(values)[:3])
    raise DataValidationError(
        f"{len(values)} id{'s are' if len(values) > 1 else ' is'} a number with decimals "
        f"(e.g. {shown}), not an id",
        source=source,
        column=column,
        rows=rows,
        fix="check that the right column is used as the id, or export the ids as text",
    )


def _refuse_ambiguous(
    series: pd.Series, ids: pd.Series, forms: pd.Series, source: str, column: str
) -> None:
    """Two different forms that give one id: an error with both forms' rows."""
    present = ids.notna()
    pairs = pd.DataFrame({"id": ids[present], "form": forms[present]}).drop_duplicates()
    n_forms = pairs.groupby("id")["form"].nunique()
    clash = n_forms[n_forms > 1].index
    if not len(clash):
        return
    shown = "; ".join(
        " / ".join(repr(f) for f in sorted(pairs.loc[pairs["id"] == k, "form"]))
        for k in list(clash)[:3]
    )
    mask = ids.isin(clash).to_numpy()
    n = len(clash)
    raise DataValidationError(
        f"{n} id{'s are' if n > 1 else ' is'} written in more than one form that reads as "
        f"the same id: {shown}",
        source=source,
        column=column,
        rows=file_rows(series, list(series.index[mask])),
        fix="export each id in one form (1.0 reads as 1), or keep the column as text "
        "without decimals",
    )


def normalize_arrow(ids: Any) -> Any:
    """The text rule on a pyarrow string array (the engine's distinct ids).

    >>> import pyarrow as pa
    >>> normalize_arrow(pa.array(["00101", " 7", "101.0", " ", None])).to_pylist()
    ['00101', '7', '101', None, None]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    trimmed = pc.utf8_trim(ids, characters=WHITESPACE)
    whole = pc.match_substring_regex(trimmed, _WHOLE_TEXT)
    text = pc.if_else(whole, pc.replace_substring_regex(trimmed, _DECIMALS, ""), trimmed)
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, text.type), text)


def id_sql(b: Any, expr: str, sql_type: str) -> str:
    """The rule as a SQL expression of column ``expr`` of type ``sql_type`` (DuckDB, Spark)."""
    t = sql_type.upper()
    if t.startswith(_INTEGER_TYPES) or re.match(r"^DECIMAL\(\d+,\s*0\)$", t):
        return f"CAST({expr} AS STRING)"
    if t.startswith(_FLOAT_TYPES):
        x = f"CAST({expr} AS DOUBLE)"
        return (
            f"CASE WHEN {x} IS NULL OR isnan({x}) THEN NULL "
            f"WHEN {x} = floor({x}) AND abs({x}) < {_MAX_WHOLE:.0e} "
            f"THEN CAST(CAST({x} AS BIGINT) AS STRING) ELSE CAST({x} AS STRING) END"
        )
    trimmed = b.trim(f"CAST({expr} AS STRING)")
    return (
        f"CASE WHEN {trimmed} = '' THEN NULL "
        f"WHEN {b.matches(trimmed, _WHOLE_TEXT)} "
        f"THEN regexp_replace({trimmed}, '{_DECIMALS}', '') ELSE {trimmed} END"
    )


def text_form_sql(b: Any, expr: str, sql_type: str) -> str | None:
    """The written form of a text id (trimmed), to detect two forms of one id; None for
    numeric columns, where every value has one form."""
    t = sql_type.upper()
    if t.startswith(_INTEGER_TYPES) or t.startswith(_FLOAT_TYPES):
        return None
    return b.trim(f"CAST({expr} AS STRING)")


def not_whole_sql(expr: str, sql_type: str) -> str | None:
    """SQL condition: a float id that is not a whole number (None for other types)."""
    t = sql_type.upper()
    if not t.startswith(_FLOAT_TYPES) or re.match(r"^DECIMAL\(\d+,\s*0\)$", t):
        return None
    x = f"CAST({expr} AS DOUBLE)"
    return f"(NOT isnan({x}) AND NOT ({x} = floor({x}) AND abs({x}) < {_MAX_WHOLE:.0e}))"
