"""Delimited text files (CSV, TSV) read for :func:`cjresearch.inputs.tables.read_table`.

:func:`read_csv` decodes the file, finds the delimiter, reads it through Arrow
when the cells allow it and else record by record, and infers each column's
type cell by cell (see "Formats" in :mod:`cjresearch.inputs.tables`);
:func:`frame_from_records` turns rows of cells into the typed frame with its
line numbers and is shared with the Excel reader.
"""

from __future__ import annotations

import csv
import io as _io
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError

__all__ = ["cell_text", "european_thousands", "frame_from_records", "read_csv"]

# ASCII digits only (Python's ``\d`` also takes other scripts' digits, which pandas cannot
# parse); the same patterns run in Python and, for text columns, in pyarrow (RE2).
_NUMBER = r"^[+-]?(?:0|[1-9][0-9]*)(?:[.][0-9]+)?(?:[eE][+-]?[0-9]+)?$|^[+-]?0?[.][0-9]+$"
# in a ';' file: 3,5 and 1.234,5 (the point groups thousands)
_DECIMAL_COMMA = r"^[+-]?(?:0|[1-9][0-9]{0,2}(?:[.][0-9]{3})+|[1-9][0-9]*)(?:,[0-9]+)?$"
_COMMA_USED = re.compile(r"^[+-]?[0-9.]*,[0-9]+$")
_GROUPED = re.compile(r"^[+-]?[1-9][0-9]{0,2}(?:[.][0-9]{3})+$")
_NUMBER_RE = re.compile(_NUMBER)
_DECIMAL_COMMA_RE = re.compile(_DECIMAL_COMMA)
#: What ``str.strip()`` removes, for the same trimming in pyarrow.
_PY_WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
_SNIFF_LINES = 30


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


def read_csv(p: Path, name: str, *, text_columns: Iterable[str] = ()) -> pd.DataFrame:
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
    if not records:  # e.g. a lone quote: no record with any text
        raise DataValidationError(
            "no line of the file holds column names",
            source=name,
            fix="check that the file is a CSV export with a header line",
        )
    header = [h.strip() for h in records[0][1]]
    return frame_from_records(
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
            attrs["question_text"] = {
                h: cell_text(v) for h, v in zip(header, head[0][1], strict=False)
            }
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
    if delim == ";":
        raw = {
            h: pd.Series(col.take(take).to_numpy(zero_copy_only=False), dtype=object)
            for h, col in zip(header, cells, strict=True)
            if h not in text_set
        }
        df = european_thousands(df, raw)
    df.attrs.update(attrs)
    df.attrs.setdefault("format", "csv")
    df.attrs["line_numbers"] = _compact(rows + 1 + offset)
    return df


def frame_from_records(
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
            attrs["question_text"] = {
                h: cell_text(v) for h, v in zip(header, body[0][1], strict=False)
            }
        body = body[qa + 1 :]
        attrs["format"] = "survey-export"
    width = len(header)
    for line, rec in body:
        if len(rec) > width and any(cell_text(v) for v in rec[width:]):
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
    if decimal_comma:
        raw = {
            h: v.map(lambda x: x.strip() if isinstance(x, str) and x.strip() else None)
            for h, v in cols.items()
            if h not in text
        }
        df = european_thousands(df, raw)
    df.attrs.update(attrs)
    df.attrs.setdefault("format", "csv")
    df.attrs["line_numbers"] = _compact([line for line, _ in body])
    return df


def cell_text(v: Any) -> str:
    """A cell as trimmed text (``""`` for None)."""
    return "" if v is None else str(v).strip()


def _import_id_row(body: Sequence[tuple[int, Sequence[Any]]]) -> int | None:
    """Position (0 or 1) of a Qualtrics ``{"ImportId": ...}`` row, if any."""
    for pos in range(min(2, len(body))):
        cells = [cell_text(c) for c in body[pos][1] if cell_text(c)]
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
        return pd.to_numeric(
            col.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        )
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
        plain = pc.replace_substring(pc.replace_substring(arr, ".", ""), ",", ".")
        return pd.to_numeric(objects(plain))
    return objects(arr)


def european_thousands(df: pd.DataFrame, raw: dict[str, pd.Series]) -> pd.DataFrame:
    """In a ';' file whose numbers use decimal commas (some column holds ``3,5``), a
    column of numbers such as ``1.234`` and ``12.500`` -- every point followed by
    groups of three digits -- groups thousands: it is read as 1234 and 12500, not
    1.234.  ``raw`` holds each column's trimmed cells as text.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = {"price": pd.Series(["3,5", "2"]), "units": pd.Series(["1.234", "12"])}
    >>> df = pd.DataFrame({"price": [3.5, 2.0], "units": [1.234, 12.0]})
    >>> european_thousands(df, raw)["units"].tolist()
    [1234.0, 12.0]
    """

    def cells(c: str) -> list[str]:
        return [v for v in raw[c].tolist() if isinstance(v, str)]

    numeric = [c for c in df.columns if pd.api.types.is_float_dtype(df[c]) and c in raw]
    if not any(any(_COMMA_USED.match(v) for v in cells(c)) for c in numeric):
        return df
    for c in numeric:
        values = cells(c)
        dotted = [v for v in values if "." in v]
        if dotted and all(_GROUPED.match(v) for v in dotted):
            df[c] = pd.to_numeric(raw[c].str.replace(".", "", regex=False)).astype("float64")
    return df
