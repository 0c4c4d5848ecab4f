"""Tables that travel beside the report: CSV files and one Excel workbook.

A notebook registers a table for export by naming it when it displays it::

    from cjresearch.report.runner import table
    table(funnel, caption="Customers reaching each stage", export="funnel")

(or, without showing it, ``export_table(funnel, "funnel")``).  The table's
data rides along in the executed notebook as an extra output of type
:data:`EXPORT_MIME`, which the page renderer never shows; the report runner
collects every such output (:func:`collect`) and writes them next to
``report.html`` (:func:`write_exports`)::

    <out>/tables/funnel.csv
    <out>/tables.xlsx          one sheet per table

Both are written atomically: a failed run leaves the previous files in place.
The CSV text is produced in the kernel with full float precision, so two runs
on the same inputs give byte-identical CSV files.

Headers are in the report language (:func:`cjresearch.report.tabletext.column_header`,
as in the page's tables).  Both files are safe to open in a spreadsheet: a text
cell (and a header) starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return, which Excel or LibreOffice would read as a formula, is written as text:
in the CSV files with a leading ``'`` (the OWASP advice), in the workbook as a
string cell marked "quote prefix" (what Excel stores when one types ``'=...``),
its value unchanged.  Numbers stay numbers, negative ones too.  Every sheet has
its header row frozen and columns wide enough to read.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from cjresearch.core.errors import DataValidationError, ReportError
from cjresearch.report.tabletext import column_header

__all__ = [
    "EXPORT_MIME",
    "FORMULA_STARTS",
    "check_name",
    "collect",
    "collect_payloads",
    "export_payload",
    "export_table",
    "neutralise",
    "write_exports",
]

#: Output type carrying an exported table inside an executed notebook.
EXPORT_MIME = "application/vnd.cjresearch.table+json"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")

#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
#: injection"): such text cells are written as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """``value`` with a leading ``'`` when a spreadsheet would read it as a formula.

    Examples
    --------
    >>> neutralise("=SUM(A1)"), neutralise("-2+3"), neutralise("a-b")
    ("'=SUM(A1)", "'-2+3", 'a-b')
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def check_name(name: str) -> str:
    """``name`` if a table or figure may be exported under it (it names files), else raise.

    Examples
    --------
    >>> check_name("journey_map")
    'journey_map'
    """
    if not isinstance(name, str) or not _NAME.match(name):
        raise DataValidationError(
            f"export name {name!r} is not allowed",
            fix="use lower-case letters, digits, '-' and '_' "
            "(at most 41 characters), e.g. 'funnel'",
        )
    return name


def export_payload(
    data: pd.DataFrame, name: str, *, caption: str | None = None, index: bool = False
) -> dict[str, Any]:
    """The JSON payload of an exported table.

    Examples
    --------
    >>> p = export_payload(pd.DataFrame({"n": [1, 2]}), "counts")
    >>> p["name"], p["csv"].splitlines()
    ('counts', ['n', '1', '2'])
    """
    if not isinstance(data, pd.DataFrame):
        raise DataValidationError(
            f"only data frames can be exported, got {type(data).__name__}",
            source=f"export '{name}'",
        )
    check_name(name)
    frame = data.reset_index() if index else data
    return {
        "name": name,
        "caption": caption or "",
        # "\r\n": a cell holding a carriage return is quoted (see _csv_lines)
        "csv": frame.to_csv(index=False, lineterminator="\r\n"),
    }


class _Export:
    """Displays as nothing visible: only the export payload."""

    def __init__(self, payload: dict[str, Any]) -> None:
        self.payload = payload

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {EXPORT_MIME: self.payload, "text/plain": ""}


def export_table(
    data: pd.DataFrame, name: str, *, caption: str | None = None, index: bool = False
) -> Any:
    """Register ``data`` for export as ``name`` without showing it in the report.

    Returns an object to display (the last line of a cell).

    Examples
    --------
    >>> e = export_table(pd.DataFrame({"x": [1]}), "x")
    >>> sorted(e._repr_mimebundle_())[0] == EXPORT_MIME
    True
    """
    return _Export(export_payload(data, name, caption=caption, index=index))


def collect_payloads(
    sections: Iterable[tuple[str, Any]], mime: str, what: str
) -> dict[str, dict[str, Any]]:
    """The payloads of output type ``mime`` in executed notebooks, by name, in report order.

    ``what`` names them in the error ("table", "figure").

    Raises
    ------
    ReportError
        When two payloads carry the same name.
    """
    found: dict[str, dict[str, Any]] = {}
    where: dict[str, str] = {}
    for section, nb in sections:
        for cell in nb.get("cells", []):
            for out in cell.get("outputs", []):
                payload = out.get("data", {}).get(mime)
                if not payload:
                    continue
                name = payload["name"]
                if name in found:
                    raise ReportError(
                        f"{section}: the {what} name '{name}' is exported twice "
                        f"(also in {where[name]}); give each {what} its own name"
                    )
                found[name] = payload
                where[name] = section
    return found


def collect(sections: Iterable[tuple[str, Any]]) -> dict[str, pd.DataFrame]:
    """Every exported table of the executed notebooks, in report order.

    Parameters
    ----------
    sections : iterable of (section name, notebook)

    Raises
    ------
    ReportError
        When two tables are exported under the same name.
    """
    found: dict[str, pd.DataFrame] = {}
    for name, payload in collect_payloads(sections, EXPORT_MIME, "table").items():
        found[name] = pd.read_csv(
            io.StringIO(payload["csv"]),
            float_precision="round_trip",
            keep_default_na=False,
            na_values=[""],
        )
        found[name].attrs["csv"] = payload["csv"]
    return found


def _sheet_names(names: Iterable[str]) -> list[str]:
    """Excel sheet names (at most 31 characters), unique even where names share 31 characters."""
    out: list[str] = []
    for name in names:
        sheet, k = name[:31], 1
        while sheet in out:
            k += 1
            sheet = f"{name[: 31 - len(str(k)) - 1]}~{k}"
        out.append(sheet)
    return out


def _is_text(dtype: Any) -> bool:
    """Whether a column of this type holds text (numbers, flags and dates do not)."""
    return (
        pd.api.types.is_object_dtype(dtype)
        or pd.api.types.is_string_dtype(dtype)
        or isinstance(dtype, pd.CategoricalDtype)
    )


def _csv_text(frame: pd.DataFrame, language: str) -> str:
    """The CSV file of ``frame``: headers in ``language``, formula-like text neutralised.

    The kernel's text is kept cell for cell otherwise (full precision, ids as written).
    """
    text = frame.attrs.get("csv") or frame.to_csv(index=False, lineterminator="\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return text
    textual = [_is_text(t) for t in frame.dtypes]
    safe = [[neutralise(column_header(c, language)) for c in rows[0]]]
    safe += [
        [neutralise(v) if k < len(textual) and textual[k] else v for k, v in enumerate(row)]
        for row in rows[1:]
    ]
    return _csv_lines(safe)


def _csv_lines(rows: Iterable[list[str]]) -> str:
    """CSV text, lines ending in ``\\n``, a cell holding a carriage return quoted too.

    (The csv module quotes only the characters of its line terminator: with
    ``"\\n"`` a lone ``"\\r"`` would be written bare and read back as a line break.)
    """
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    lines = []
    for row in rows:
        buf.seek(0)
        buf.truncate()
        writer.writerow(row)
        lines.append(buf.getvalue()[:-2] + "\n")
    return "".join(lines)


def _lay_out(ws: Any) -> None:
    """A sheet as one reads it: formula-like text kept as text, header row frozen,
    columns as wide as their longest line (empty ones wide enough to write in), cells
    of several lines wrapped."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    wrap = Alignment(wrap_text=True, vertical="top")
    widths: dict[int, int] = {}
    filled: set[int] = set()
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, str):
                if value.startswith(FORMULA_STARTS):  # openpyxl took it for a formula
                    cell.data_type = "s"
                    cell.quotePrefix = True
                if "\n" in value:
                    cell.alignment = wrap
                size = max(len(line) for line in value.split("\n"))
            else:
                size = 0 if value is None else min(len(str(value)), 12)
            widths[cell.column] = max(widths.get(cell.column, 0), size)
            if cell.row > 1 and value not in (None, ""):
                filled.add(cell.column)
    for col, size in widths.items():
        empty = col not in filled and ws.max_row > 1
        ws.column_dimensions[get_column_letter(col)].width = (
            30 if empty else min(max(size + 2, 8), 60)
        )
        if empty:  # room for the team's notes, several lines each
            for r in range(2, ws.max_row + 1):
                ws.cell(row=r, column=col).alignment = wrap
    ws.freeze_panes = "A2"


def write_exports(
    tables: dict[str, pd.DataFrame],
    out_dir: str | Path,
    *,
    language: str = "en",
    figures: Mapping[str, Mapping[str, bytes]] | None = None,
) -> list[Path]:
    """Write ``tables`` as ``<out_dir>/tables/<name>.csv`` and ``<out_dir>/tables.xlsx``,
    and ``figures`` (``{name: {format: bytes}}``, drawn by
    :func:`cjresearch.report.figures.render_figures`) as ``<out_dir>/figures/<name>.<format>``.

    Headers are in ``language``; text cells that a spreadsheet would read as a
    formula are written as text (see the module docstring).  Every file is first
    written to a hidden folder; only renames follow (the CSV folder as a whole,
    the figures folder as a whole, then the workbook), so a failed run leaves the
    previous files in place.  The folders hold this run's files only: a table or
    figure the report no longer exports goes.  Returns the written paths.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = write_exports({"funnel": pd.DataFrame({"n": [3, 1]})}, d)
    ...     [p.name for p in paths], pd.read_excel(paths[-1], sheet_name="funnel")["n"].tolist()
    (['funnel.csv', 'tables.xlsx'], [3, 1])
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    figures = dict(figures or {})
    if not tables and not figures:
        return []
    for name in figures:
        check_name(name)
    stage = Path(tempfile.mkdtemp(prefix=".tables-", dir=out))
    book = stage / "tables.xlsx"
    written: list[Path] = []
    try:
        # everything is written first; only renames follow
        if tables:
            with pd.ExcelWriter(book, engine="openpyxl") as xl:
                for sheet, frame in zip(_sheet_names(tables), tables.values(), strict=True):
                    headers = [column_header(str(c), language) for c in frame.columns]
                    frame.set_axis(headers, axis=1).to_excel(xl, sheet_name=sheet, index=False)
                    _lay_out(xl.sheets[sheet])
            (stage / "tables").mkdir()
            for name, frame in tables.items():
                (stage / "tables" / f"{name}.csv").write_text(
                    _csv_text(frame, language), encoding="utf-8", newline=""
                )
                written.append(out / "tables" / f"{name}.csv")
        if figures:
            (stage / "figures").mkdir()
            for name, files in figures.items():
                for fmt, data in files.items():
                    (stage / "figures" / f"{name}.{fmt}").write_bytes(data)
                    written.append(out / "figures" / f"{name}.{fmt}")
        _put_in_place(stage, out, ["tables", "figures"], book if tables else None)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return written + ([out / "tables.xlsx"] if tables else [])


def _put_in_place(stage: Path, out: Path, folders: list[str], book: Path | None) -> None:
    """Move the staged folders (and workbook) into ``out``; the previous ones come back
    if a move fails.  A folder this run did not stage is removed (its files are stale)."""
    moved: list[tuple[Path, Path]] = []  # (final, where the previous one waits)
    placed: list[Path] = []
    try:
        for sub in folders:
            final, old = out / sub, out / f".{sub}-old-{os.getpid()}"
            if final.exists():
                os.replace(final, old)
                moved.append((final, old))
            if (stage / sub).exists():
                os.replace(stage / sub, final)
                placed.append(final)
        if book is not None:
            os.replace(book, out / "tables.xlsx")
    except OSError:
        for final in placed:  # put the previous files back before failing
            shutil.rmtree(final, ignore_errors=True)
        for final, old in moved:
            os.replace(old, final)
        raise
    for _, old in moved:
        shutil.rmtree(old, ignore_errors=True)
