"""Read tables from the files researchers receive: CSV, Excel, Parquet, SPSS.

:func:`read_table` turns one file into a :class:`pandas.DataFrame` and keeps
what the later validation needs to speak in the user's terms:

``df.attrs["source"]``
    The file name, used in error messages.
``df.attrs["line_numbers"]``
    The 1-based line (CSV), sheet row (Excel) or case number (SPSS, Parquet)
    of every frame row, indexed by the frame's original ``RangeIndex`` label.
    :func:`file_rows` maps index labels to these numbers, so messages say
    "rows 12, 40" as the user sees them in the file, even after filtering.
``df.attrs["question_text"]``
    For survey-platform exports: ``{column id: question text}``.
``df.attrs["variable_labels"]``, ``df.attrs["value_labels"]``
    For SPSS files: the variable labels and ``{column: {code: label}}``.

Formats
-------
CSV (``.csv``, ``.tsv``, ``.txt``)
    UTF-8 with or without a byte-order mark.  The delimiter (``,`` ``;`` or
    tab) is found from the first lines, or from an Excel ``sep=;`` first
    line.  Cells are read as text and a column
    becomes numeric only when every non-empty cell is a number without a
    leading zero (so ids such as ``007`` stay text).  Only empty cells are
    missing: ``NA`` or ``None`` stay text, for the validators to judge.  In
    ``;``-separated files decimal commas (``3,5``) are read as numbers.
Survey-platform exports (Qualtrics style)
    Row 1 holds column ids, row 2 the question texts and row 3 JSON such as
    ``{"ImportId":"QID1"}``.  This is detected from the ``ImportId`` row, the
    two extra rows are dropped and the question texts kept in
    ``df.attrs["question_text"]``.  The same holds for Excel exports.
Excel (``.xlsx``, ``.xlsm``)
    Read with openpyxl; ``sheet=`` names the sheet or gives its 0-based
    position (default: the first).  Fully empty rows are skipped.
Parquet (``.parquet``, ``.pq``)
    Read with pyarrow, types as stored.
SPSS (``.sav``, ``.zsav``)
    Read with pyreadstat.  A variable whose every value carries a value label
    becomes an *ordered* categorical whose categories are the labels in code
    order; partly labelled variables keep their codes.  User-defined missing
    values become missing.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "c.csv").write_text("id;score\\n007;3,5\\n008;4\\n", encoding="utf-8")
>>> df = read_table(d / "c.csv")
>>> df["id"].tolist(), df["score"].tolist()
(['007', '008'], [3.5, 4.0])
>>> file_rows(df, [1])
[3]

The validating readers :func:`~cjresearch.inputs.surveys.read_customers` and
:func:`~cjresearch.inputs.surveys.read_survey` live in :mod:`cjresearch.inputs.surveys`
(importing them from here still works in this release, with a
DeprecationWarning).  :func:`file_rows` lives in :mod:`cjresearch.core.rows`.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import io as _io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.core.rows import file_rows
from cjresearch.inputs.ids import ID_COLUMNS, normalize_ids

__all__ = ["SUPPORTED_SUFFIXES", "file_rows", "read_table", "source_name"]

_CSV = {".csv", ".tsv", ".txt"}
_EXCEL = {".xlsx", ".xlsm"}
_PARQUET = {".parquet", ".pq"}
_SPSS = {".sav", ".zsav"}
SUPPORTED_SUFFIXES = tuple(sorted(_CSV | _EXCEL | _PARQUET | _SPSS))

# ASCII digits only (Python's ``\d`` also takes other scripts' digits, which pandas cannot
# parse); the same patterns run in Python and, for text columns, in pyarrow (RE2).
_NUMBER = r"^[+-]?(?:0|[1-9][0-9]*)(?:[.][0-9]+)?(?:[eE][+-]?[0-9]+)?$|^[+-]?0?[.][0-9]+$"
_DECIMAL_COMMA = r"^[+-]?(?:0|[1-9][0-9]*)(?:,[0-9]+)?$"
_NUMBER_RE = re.compile(_NUMBER)
_DECIMAL_COMMA_RE = re.compile(_DECIMAL_COMMA)
#: What ``str.strip()`` removes, for the same trimming in pyarrow.
_PY_WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
_SNIFF_LINES = 30


def source_name(obj: Any, default: str = "data") -> str:
    """The name to use for ``obj`` in messages: its file name or ``default``.

    Examples
    --------
    >>> source_name("data/survey.csv")
    'survey.csv'
    >>> import pandas as pd
    >>> source_name(pd.DataFrame(), "customers")
    'customers'
    """
    if isinstance(obj, (pd.DataFrame, pd.Series)):
        return str(obj.attrs.get("source", default))
    if isinstance(obj, (str, Path)):
        return Path(obj).name
    return default


def read_table(
    path: str | Path,
    *,
    columns: Mapping[str, str] | None = None,
    sheet: str | int | None = None,
    source: str | None = None,
) -> pd.DataFrame:
    """Read a CSV, Excel, Parquet or SPSS file into a DataFrame.

    Id columns (``customer_id``, ``respondent_id``, after ``columns``) come
    out as text by the rule of :mod:`cjresearch.inputs.ids`, the same text the event
    engine gives: ``00101`` stays ``00101``, ``101`` and ``101.0`` become
    ``"101"``, blank cells are missing (``None``), and two written forms of
    one id in the file (``1`` and ``1.0``) are an error naming the rows.

    Parameters
    ----------
    path : str or Path
        The file; its suffix selects the format (see the module docstring).
    columns : mapping, optional
        ``{"name in the file": "canonical name"}``, e.g.
        ``{"Client ID": "customer_id"}``: renames after reading (see
        :func:`cjresearch.inputs.schema.map_columns`; a name that is not in the file
        is an error listing close matches).
    sheet : str or int, optional
        Excel only: the sheet name or 0-based position (default the first).
    source : str, optional
        The name used in messages (default: the file name).

    Returns
    -------
    pandas.DataFrame
        With a ``RangeIndex`` and ``attrs`` ``source``, ``format``,
        ``line_numbers`` (see :func:`file_rows`) and, where the format has
        them, ``question_text``, ``variable_labels``, ``value_labels``.

    Raises
    ------
    DataValidationError
        Missing, empty, undecodable or unsupported files, duplicate column
        names, ``columns=`` naming columns the file does not have, and
        ambiguous ids.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "crm.csv"
    >>> _ = p.write_text("Client ID,segment\\n00101,a\\n102,b\\n", encoding="utf-8")
    >>> read_table(p, columns={"Client ID": "customer_id"})["customer_id"].tolist()
    ['00101', '102']
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "empty.csv"
    >>> _ = p.write_text("a,b\\n", encoding="utf-8")
    >>> read_table(p)
    Traceback (most recent call last):
    ...
    cjresearch.core.errors.DataValidationError: empty.csv: the file has a header but no data rows. Fix: check that the export contains the responses, not only the column names.
    """
    p = Path(path)
    name = source or p.name
    suffix = p.suffix.lower()
    if not p.exists():
        raise DataValidationError(
            "file not found", source=str(path), fix="check the path and the working directory"
        )
    if p.is_dir():
        raise DataValidationError(
            "is a folder, not a file", source=str(path), fix="name one file inside it"
        )
    mapping = dict(columns or {})
    id_names = {old for old, new in mapping.items() if new in ID_COLUMNS} | {
        c for c in ID_COLUMNS if c not in mapping
    }
    if suffix in _CSV:
        df = _read_csv(p, name, text_columns=id_names)
    elif suffix in _EXCEL:
        df = _read_excel(p, name, sheet)
    elif suffix in _PARQUET:
        df = _read_parquet(p, name)
    elif suffix in _SPSS:
        df = _read_spss(p, name)
    else:
        fix = "save it as one of " + ", ".join(SUPPORTED_SUFFIXES)
        if suffix == ".xls":
            fix = "open it in Excel and save it as .xlsx"
        raise DataValidationError(
            f"unsupported file type '{suffix or p.name}'", source=name, fix=fix
        )
    if df.shape[0] == 0:
        raise DataValidationError(
            "the file has a header but no data rows",
            source=name,
            fix="check that the export contains the responses, not only the column names",
        )
    df.attrs["source"] = name
    if mapping:
        from cjresearch.inputs.schema import map_columns

        df = map_columns(df, mapping, source=name)
    for col in ID_COLUMNS:
        if col in df.columns:
            df[col] = normalize_ids(df[col], source=name, column=col)
    return df


# --- CSV ------------------------------------------------------------------------------


def _decode(p: Path, name: str) -> str:
    raw = p.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataValidationError(
            f"the file is not UTF-8 text (byte {raw[exc.start]:#04x} on line {line})",
            source=name,
            fix="save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8)",
        ) from None


def _sniff_delimiter(text: str) -> str:
    lines = text[: 1 << 16].splitlines()  # the first lines are enough
    if len(text) > 1 << 16 and len(lines) > 1:
        lines = lines[:-1]  # that one may be cut short
    head = [ln for ln in lines[:_SNIFF_LINES] if ln.strip()]
    best, best_score = ",", (-1, -1)
    for delim in (",", ";", "\t"):
        try:
            rows = list(csv.reader(_io.StringIO("\n".join(head)), delimiter=delim))
        except csv.Error:
            continue
        if not rows:
            continue
        widths = [len(r) for r in rows]
        consistent = sum(w == widths[0] for w in widths)
        score = (int(widths[0] > 1) * consistent, widths[0])
        if score > best_score:
            best, best_score = delim, score
    return best


def _records(text: str, delim: str, offset: int = 0) -> list[tuple[int, list[str]]]:
    """All non-blank records with the 1-based line on which each starts."""
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=delim)
    out: list[tuple[int, list[str]]] = []
    prev = 0
    while True:
        try:
            rec = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise DataValidationError(
                f"malformed CSV near line {reader.line_num}: {exc}",
                fix='check for an unclosed quote (") on that line',
            ) from None
        start, prev = prev + 1, reader.line_num
        if rec and any(c.strip() for c in rec):
            out.append((start + offset, rec))
    return out


def _read_csv(p: Path, name: str, *, text_columns: Iterable[str] = ()) -> pd.DataFrame:
    text = _decode(p, name)
    if not text.strip():
        raise DataValidationError(
            "the file is empty (no header, no rows)",
            source=name,
            fix="check that the export finished and the path is right",
        )
    offset = 0
    hint = re.match(r"sep=(.)[ \t]*\r?\n", text)  # Excel's "sep=;" first line
    if hint:
        delim, text, offset = hint.group(1), text[hint.end() :], 1
    else:
        delim = "\t" if p.suffix.lower() == ".tsv" else _sniff_delimiter(text)
    fast = _fast_csv(text, delim, offset, name, text_columns=text_columns)
    if fast is not None:
        return fast
    try:
        records = _records(text, delim, offset)
    except DataValidationError as exc:
        raise DataValidationError(exc.problem, source=name, fix=exc.fix) from None
    header = [h.strip() for h in records[0][1]]
    return _frame_from_records(
        header, records[1:], name, decimal_comma=delim == ";", text_columns=text_columns
    )


def _fast_csv(
    text: str, delim: str, offset: int, name: str, *, text_columns: Iterable[str] = ()
) -> pd.DataFrame | None:
    """The frame :func:`_records` would give, read by pyarrow's CSV reader, or None.

    It holds when every record is one line of as many fields as the header:
    the reader's rows (blank lines kept) must be as many as the file's lines,
    which a cell with a line break, an unclosed quote or a lone ``\\r`` line
    end would break, and a short or long row makes the reader fail.  In every
    such case the record reader reads the file and gives its own message.
    The cells stay in Arrow until each column is typed.
    """
    import pyarrow as pa
    import pyarrow.csv as pcsv

    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return None
    n_lines = text.count("\n") + (not text.endswith("\n"))
    try:
        width = len(next(csv.reader([text.split("\n", 1)[0].rstrip("\r")], delimiter=delim)))
        names = [f"c{i}" for i in range(width)]
        table = pcsv.read_csv(
            pa.py_buffer(text.encode("utf-8")),
            read_options=pcsv.ReadOptions(column_names=names),
            parse_options=pcsv.ParseOptions(
                delimiter=delim,
                quote_char='"',
                double_quote=True,
                escape_char=False,
                newlines_in_values=False,
                ignore_empty_lines=False,
            ),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (StopIteration, csv.Error, pa.ArrowException):
        return None
    if table.num_rows != n_lines or table.num_rows == 0:
        return None
    cells = [_trim_cells(col) for col in table.columns]
    blank = np.ones(table.num_rows, dtype=bool)
    for col in cells:
        blank &= col.is_null().to_numpy(zero_copy_only=False)
    if blank[0]:
        return None
    header = [str(col[0].as_py()).strip() for col in table.columns]
    keep = ~blank
    keep[0] = False
    rows = np.flatnonzero(keep)
    _check_header(header, name)
    attrs: dict[str, Any] = {}
    head = [
        (int(rows[i]) + 1 + offset, [col[int(rows[i])].as_py() for col in cells])
        for i in range(min(2, len(rows)))
    ]
    qa = _import_id_row(head)
    if qa is not None:
        if qa == 1:
            attrs["question_text"] = {h: _text(v) for h, v in zip(header, head[0][1], strict=False)}
        rows = rows[qa + 1 :]
        attrs["format"] = "survey-export"
    take = pa.array(rows)
    text_set = set(text_columns)
    df = pd.DataFrame(
        {
            h: _infer_arrow(col.take(take), delim == ";", keep_text=h in text_set)
            for h, col in zip(header, cells, strict=True)
        },
        columns=header,
    )
    df.attrs.update(attrs)
    df.attrs.setdefault("format", "csv")
    df.attrs["line_numbers"] = _compact(rows + 1 + offset)
    return df


def _frame_from_records(
    header: list[str],
    body: Sequence[tuple[int, Sequence[Any]]],
    name: str,
    *,
    decimal_comma: bool,
    text_columns: Iterable[str] = (),
) -> pd.DataFrame:
    _check_header(header, name)
    attrs: dict[str, Any] = {}
    qa = _import_id_row(body)
    if qa is not None:
        if qa == 1:
            attrs["question_text"] = {h: _text(v) for h, v in zip(header, body[0][1], strict=False)}
        body = body[qa + 1 :]
        attrs["format"] = "survey-export"
    width = len(header)
    for line, rec in body:
        if len(rec) > width and any(_text(v) for v in rec[width:]):
            raise DataValidationError(
                f"line has {len(rec)} fields but the header has {width}",
                source=name,
                rows=[line],
                fix="quote cells that contain the delimiter, or fix the header",
            )
    cols = {
        h: pd.Series([(rec[i] if i < len(rec) else None) for _, rec in body], dtype=object)
        for i, h in enumerate(header)
    }
    text = set(text_columns)
    df = pd.DataFrame(
        {h: _infer(v, decimal_comma, keep_text=h in text) for h, v in cols.items()}, columns=header
    )
    df.attrs.update(attrs)
    df.attrs.setdefault("format", "csv")
    df.attrs["line_numbers"] = _compact([line for line, _ in body])
    return df


def _text(v: Any) -> str:
    return "" if v is None else str(v).strip()


def _import_id_row(body: Sequence[tuple[int, Sequence[Any]]]) -> int | None:
    """Position (0 or 1) of a Qualtrics ``{"ImportId": ...}`` row, if any."""
    for pos in range(min(2, len(body))):
        cells = [_text(c) for c in body[pos][1] if _text(c)]
        if cells and all(c.startswith("{") and '"ImportId"' in c for c in cells):
            try:
                json.loads(cells[0])
            except ValueError:
                continue
            return pos
    return None


def _check_header(header: list[str], name: str) -> None:
    blanks = [i + 1 for i, h in enumerate(header) if not h]
    if blanks and len(blanks) == len(header):
        raise DataValidationError(
            "the first line is empty: no column names found",
            source=name,
            fix="put the column names on the first line",
        )
    if blanks:
        raise DataValidationError(
            f"column(s) {', '.join(map(str, blanks))} of the header have no name",
            source=name,
            fix="give every column a name, or delete empty columns",
        )
    seen: dict[str, list[int]] = {}
    for i, h in enumerate(header):
        seen.setdefault(h, []).append(i + 1)
    dups = {h: pos for h, pos in seen.items() if len(pos) > 1}
    if dups:
        what = "; ".join(f"'{h}' (columns {', '.join(map(str, pos))})" for h, pos in dups.items())
        raise DataValidationError(
            f"duplicate column names: {what}",
            source=name,
            fix="rename the columns so that each name is used once",
        )


def _compact(lines: Sequence[int] | np.ndarray) -> range | tuple[int, ...]:
    """Increasing line numbers as a range when they have no gap (the usual case)."""
    arr = np.asarray(lines, dtype=np.int64)
    if (
        len(arr)
        and int(arr[-1]) - int(arr[0]) == len(arr) - 1
        and (len(arr) < 2 or bool((np.diff(arr) == 1).all()))
    ):
        return range(int(arr[0]), int(arr[0]) + len(arr))
    return tuple(int(x) for x in arr)


def _infer(col: pd.Series, decimal_comma: bool, *, keep_text: bool = False) -> pd.Series:
    """Text cells -> numbers when every non-empty cell is a plain number (unless ``keep_text``:
    ids stay as written, for the id rule)."""
    if pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty"):  # vectorised
        import pyarrow as pa

        cells = _trim_cells(
            pa.array(col.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)
        )
        out = _infer_arrow(cells, decimal_comma, keep_text=keep_text)
        out.index = col.index
        return out
    col = col.map(
        lambda v: (
            None
            if (isinstance(v, str) and not v.strip()) or v is None
            else (v.strip() if isinstance(v, str) else v)
        )
    )
    present = col.dropna()
    if keep_text and all(isinstance(v, str) for v in present):
        return col
    if present.empty:
        return col.astype("float64")
    if not all(isinstance(v, str) for v in present):
        out = col.infer_objects()
        return out if out.dtype != object else col
    if all(_NUMBER_RE.match(v) for v in present):
        return pd.to_numeric(col)
    if decimal_comma and all(_DECIMAL_COMMA_RE.match(v) for v in present):
        return pd.to_numeric(col.str.replace(",", ".", regex=False))
    return col


def _trim_cells(arr: Any) -> Any:
    """Arrow text cells stripped as ``str.strip()`` strips them, blank cells null."""
    import pyarrow as pa
    import pyarrow.compute as pc

    trimmed = pc.utf8_trim(arr, characters=_PY_WHITESPACE)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, trimmed.type), trimmed)


def _infer_arrow(arr: Any, decimal_comma: bool, *, keep_text: bool) -> pd.Series:
    """:func:`_infer` of an Arrow column of stripped text cells, null for blank ones."""
    import pyarrow.compute as pc

    def objects(values: Any) -> pd.Series:
        return pd.Series(values.to_numpy(zero_copy_only=False), dtype=object)

    if keep_text:
        return objects(arr)
    if arr.null_count == len(arr):
        return objects(arr).astype("float64")

    def every(pattern: str) -> bool:
        return bool(pc.all(pc.match_substring_regex(arr, pattern), skip_nulls=True).as_py())

    if every(_NUMBER):
        return pd.to_numeric(objects(arr))
    if decimal_comma and every(_DECIMAL_COMMA):
        return pd.to_numeric(objects(pc.replace_substring(arr, ",", ".")))
    return objects(arr)


# --- Excel ---------------------------------------------------------------------------


def _read_excel(p: Path, name: str, sheet: str | int | None) -> pd.DataFrame:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001  openpyxl raises many types for broken files
        raise DataValidationError(
            f"cannot be opened as an Excel workbook ({exc})",
            source=name,
            fix="open it in Excel and save it as .xlsx",
        ) from None
    try:
        names = wb.sheetnames
        if sheet is None:
            ws = wb[names[0]]
        elif isinstance(sheet, int) and not isinstance(sheet, bool):
            if not 0 <= sheet < len(names):
                raise DataValidationError(
                    f"has no sheet at position {sheet}",
                    source=name,
                    fix=f"use 0-{len(names) - 1} or a name: {', '.join(names)}",
                )
            ws = wb[names[sheet]]
        elif sheet in names:
            ws = wb[sheet]
        else:
            raise DataValidationError(
                f"has no sheet '{sheet}'", source=name, fix=f"use one of {', '.join(names)}"
            )
        shown = f"{name} [{ws.title}]" if len(names) > 1 else name
        rows = [
            (i, list(r))
            for i, r in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1)
            if any(_text(c) for c in r)
        ]
    finally:
        wb.close()
    if not rows:
        raise DataValidationError(
            "the sheet is empty (no header, no rows)",
            source=shown,
            fix="check the sheet name, or pass sheet=",
        )
    header = [_text(h) for h in rows[0][1]]
    while header and not header[-1]:
        header.pop()
    df = _frame_from_records(header, rows[1:], shown, decimal_comma=False)
    if df.attrs["format"] == "csv":
        df.attrs["format"] = "excel"
    return df


# --- Parquet, SPSS ----------------------------------------------------------------------


def _read_parquet(p: Path, name: str) -> pd.DataFrame:
    try:
        df = pd.read_parquet(p)
    except Exception as exc:  # noqa: BLE001  pyarrow raises ArrowInvalid, OSError, ...
        raise DataValidationError(
            f"cannot be read as Parquet ({type(exc).__name__}: {exc})",
            source=name,
            fix="check that the file is a complete Parquet file (re-export it)",
        ) from None
    df = df.reset_index(drop=True)
    df.attrs = {"format": "parquet", "line_numbers": range(1, len(df) + 1)}
    return df


def _read_spss(p: Path, name: str) -> pd.DataFrame:
    import pyreadstat

    try:
        df, meta = pyreadstat.read_sav(str(p))
    except Exception as exc:  # noqa: BLE001  pyreadstat.ReadstatError and friends
        raise DataValidationError(
            f"cannot be read as an SPSS file ({exc})",
            source=name,
            fix="re-save it from SPSS as .sav",
        ) from None
    value_labels = {col: dict(labels) for col, labels in meta.variable_value_labels.items()}
    for col, labels in value_labels.items():
        df[col] = _labelled(df[col], labels)
    for col in df.select_dtypes(include="object").columns:
        if all(isinstance(v, (pd.Timestamp, _dt.date)) for v in df[col].dropna()):
            # dates -> datetime64 where they fit (SPSS allows years 1582-...)
            with contextlib.suppress(ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
                df[col] = pd.to_datetime(df[col])
    df.attrs = {
        "format": "spss",
        "line_numbers": range(1, len(df) + 1),
        "variable_labels": {k: v for k, v in meta.column_names_to_labels.items()},
        "value_labels": value_labels,
    }
    return df


def _labelled(col: pd.Series, labels: dict[Any, str]) -> pd.Series:
    """Codes -> ordered categorical of labels in code order, when all values are labelled."""
    present = col.dropna().unique()
    texts = list(labels.values())
    if len(set(texts)) != len(texts) or not all(v in labels for v in present):
        return col
    order = [labels[k] for k in sorted(labels)]
    return pd.Series(
        pd.Categorical(col.map(labels), categories=order, ordered=True),
        index=col.index,
        name=col.name,
    )


def __getattr__(name: str) -> Any:
    # ``from cjresearch.inputs.tables import read_survey`` worked before the readers moved to
    # survey_io (which builds on this module): kept for one release, with a warning.
    if name in ("read_customers", "read_survey"):
        import warnings

        from cjresearch.inputs import surveys as survey_io

        warnings.warn(
            f"cjresearch.inputs.tables.{name} moved: import it from cjresearch.inputs.surveys "
            "(this alias goes in the next release)",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(survey_io, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
