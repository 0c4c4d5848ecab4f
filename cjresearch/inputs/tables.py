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
import datetime as _dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.core.rows import file_rows
from cjresearch.inputs.csvfiles import cell_text, frame_from_records, read_csv
from cjresearch.inputs.ids import ID_COLUMNS, normalize_ids

__all__ = ["SUPPORTED_SUFFIXES", "file_rows", "read_table", "source_name"]

_CSV = {".csv", ".tsv", ".txt"}
_EXCEL = {".xlsx", ".xlsm"}
_PARQUET = {".parquet", ".pq"}
_SPSS = {".sav", ".zsav"}
SUPPORTED_SUFFIXES = tuple(sorted(_CSV | _EXCEL | _PARQUET | _SPSS))


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
    if not str(path).strip():
        raise DataValidationError(
            "no file is named (the path is empty)",
            source=source or "data",
            fix="give the file's path",
        )
    p = Path(path)
    name = source or p.name
    suffix = p.suffix.lower()
    if not p.exists():
        raise DataValidationError(
            "file not found", source=str(path), fix="check the path and the working directory"
        )
    if p.is_dir():
        raise DataValidationError(
            f"'{p.resolve()}' is a folder, not a file",
            source=str(path),
            fix="name one file inside it",
        )
    mapping = dict(columns or {})
    id_names = {old for old, new in mapping.items() if new in ID_COLUMNS} | {
        c for c in ID_COLUMNS if c not in mapping
    }
    if suffix in _CSV:
        df = read_csv(p, name, text_columns=id_names)
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
            if any(cell_text(c) for c in r)
        ]
    finally:
        wb.close()
    if not rows:
        raise DataValidationError(
            "the sheet is empty (no header, no rows)",
            source=shown,
            fix="check the sheet name, or pass sheet=",
        )
    header = [cell_text(h) for h in rows[0][1]]
    while header and not header[-1]:
        header.pop()
    df = frame_from_records(header, rows[1:], shown, decimal_comma=False)
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
