"""Exported tables: full precision, names checked, CSV and Excel written atomically."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError, ReportError
from cjresearch.core.i18n import column_label
from cjresearch.report.exports import (
    EXPORT_MIME,
    FORMULA_STARTS,
    collect,
    export_payload,
    write_exports,
)
from cjresearch.report.runner import table


def _nb(*payloads: dict) -> dict:
    outs = [
        nbformat.v4.new_output("display_data", data={EXPORT_MIME: p, "text/html": "x"})
        for p in payloads
    ]
    cell = nbformat.v4.new_code_cell("table(...)")
    cell["outputs"] = outs
    return nbformat.v4.new_notebook(cells=[cell])


def test_table_carries_full_precision_payload() -> None:
    df = pd.DataFrame({"stage": ["a", "b"], "estimate": [0.1 + 0.2, 1 / 3], "n": [3, 7]})
    shown = table(df, caption="cap", export="funnel")
    bundle = shown._repr_mimebundle_()
    assert "&lt;" not in bundle["text/html"] and "cjr-table" in bundle["text/html"]
    tables = collect([("s.ipynb", _nb(bundle[EXPORT_MIME]))])
    back = tables["funnel"]
    # floats round-trip exactly (repr precision), not to 3 significant digits as shown
    assert back["estimate"].tolist() == [0.1 + 0.2, 1 / 3]
    assert back["n"].tolist() == [3, 7] and back["stage"].tolist() == ["a", "b"]


@pytest.mark.parametrize("name", ["Funnel", "a b", "", "x" * 42, "../etc"])
def test_bad_export_names(name: str) -> None:
    with pytest.raises(DataValidationError, match="export name"):
        export_payload(pd.DataFrame({"x": [1]}), name)


def test_duplicate_export_names_are_refused() -> None:
    p = export_payload(pd.DataFrame({"x": [1]}), "dup")
    with pytest.raises(ReportError, match="'dup' is exported twice"):
        collect([("a.ipynb", _nb(p)), ("b.ipynb", _nb(p))])


def test_write_exports_csv_and_excel_agree(tmp_path: Path) -> None:
    a = pd.DataFrame({"stage": ["x", "y"], "estimate": [0.25, 0.125], "n": [4, 8]})
    b = pd.DataFrame({"segment": ["p"], "ci_low": [0.5], "own_column": [1]})
    paths = write_exports({"funnel": a, "steps": b}, tmp_path, language="ro")
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "tables/funnel.csv",
        "tables/steps.csv",
        "tables.xlsx",
    ]
    # headers in the report language, as in the page's tables (other names unchanged)
    a_ro = a.set_axis([column_label(c, "ro") for c in a.columns], axis=1)
    b_ro = b.set_axis([column_label(c, "ro") for c in b.columns], axis=1)
    assert list(a_ro.columns) == ["Etapă", "Estimare", "n"]
    assert list(b_ro.columns)[2] == "own_column"
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "tables" / "funnel.csv"), a_ro)
    sheets = pd.read_excel(tmp_path / "tables.xlsx", sheet_name=None)
    assert list(sheets) == ["funnel", "steps"]
    pd.testing.assert_frame_equal(sheets["funnel"], a_ro)
    pd.testing.assert_frame_equal(sheets["steps"], b_ro)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_failed_export_keeps_previous_files(tmp_path: Path, monkeypatch) -> None:
    write_exports({"funnel": pd.DataFrame({"n": [1]})}, tmp_path)
    before_csv = (tmp_path / "tables" / "funnel.csv").read_bytes()
    before_xlsx = (tmp_path / "tables.xlsx").read_bytes()

    import openpyxl

    def broken(self, *a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken)
    with pytest.raises(OSError, match="disk full"):
        write_exports({"funnel": pd.DataFrame({"n": [2]})}, tmp_path)
    assert (tmp_path / "tables.xlsx").read_bytes() == before_xlsx
    assert (tmp_path / "tables" / "funnel.csv").read_bytes() == before_csv
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_names_sharing_31_characters_get_their_own_sheets(tmp_path: Path) -> None:
    # Excel cuts sheet names at 31 characters; the second table used to be written
    # into the first one's sheet, over its cells
    a = pd.DataFrame({"touchpoint": ["x", "y", "z"], "estimate": [1.5, 0.5, 2.0]})
    b = pd.DataFrame({"touchpoint": ["w"], "estimate": [0.25]})
    names = ["touchpoint_effects_by_stage_abc_progress", "touchpoint_effects_by_stage_abc_exit"]
    write_exports(dict(zip(names, (a, b), strict=True)), tmp_path)
    sheets = pd.read_excel(tmp_path / "tables.xlsx", sheet_name=None)
    assert list(sheets) == ["touchpoint_effects_by_stage_abc", "touchpoint_effects_by_stage_a~2"]
    en = {"touchpoint": "Touchpoint", "estimate": "Estimate"}
    pd.testing.assert_frame_equal(sheets["touchpoint_effects_by_stage_abc"], a.rename(columns=en))
    pd.testing.assert_frame_equal(sheets["touchpoint_effects_by_stage_a~2"], b.rename(columns=en))


def test_failed_rename_restores_previous_tables(tmp_path: Path, monkeypatch) -> None:
    import os

    write_exports({"funnel": pd.DataFrame({"n": [1]})}, tmp_path)
    before_csv = (tmp_path / "tables" / "funnel.csv").read_bytes()
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:  # the new tables folder moving into place
            raise OSError("device busy")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(OSError, match="device busy"):
        write_exports({"funnel": pd.DataFrame({"n": [2]})}, tmp_path)
    monkeypatch.setattr(os, "replace", real)
    assert (tmp_path / "tables" / "funnel.csv").read_bytes() == before_csv
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# -- safe to open: text a spreadsheet would take for a formula stays text -------------
HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _check_safe_files(out: Path, name: str, text_column: str, values: list[str]) -> None:
    """The workbook holds no formula anywhere and the hostile texts as quote-prefixed text
    cells, unchanged; the CSV file holds them behind a ``'``; numbers stay numbers."""
    import csv

    import openpyxl

    book = openpyxl.load_workbook(out / "tables.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    ws = book[name]
    header = [c.value for c in ws[1]]
    col = header.index(text_column) + 1
    got = [ws.cell(row=r, column=col) for r in range(2, ws.max_row + 1)]
    risky = [c for c in got if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)]
    assert risky and all(c.data_type == "s" and c.quotePrefix for c in risky)
    # an XML reader turns a bare carriage return into a line feed
    seen = {str(c.value).replace("\n", "\r") for c in got}
    assert {v.replace("\n", "\r") for v in values} <= seen
    with open(out / "tables" / f"{name}.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    k = rows[0].index(text_column)
    column = [r[k] for r in rows[1:]]
    assert all(not v.startswith(FORMULA_STARTS) for v in column)
    assert {"'" + v for v in values} <= set(column)


def test_formula_like_text_is_written_as_text(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "segment": [*HOSTILE, "a-b", "plain"],
            "estimate": [-1.5, -2.0, 0.25, 3.0, -0.5, 1.0, 2.0, -7.25],
            "n": [-3, 4, 5, 6, 7, 8, 9, 10],
            "@total": ["=1+1", "x", "y", "z", "w", "v", "u", "t"],
        }
    )
    payload = export_payload(frame, "steps")
    write_exports(collect([("s.ipynb", _nb(payload))]), tmp_path)
    _check_safe_files(tmp_path, "steps", "Segment", HOSTILE)
    import openpyxl

    ws = openpyxl.load_workbook(tmp_path / "tables.xlsx")["steps"]
    by_header = {c.value: k + 1 for k, c in enumerate(ws[1])}
    # a header taken from the data is text too
    assert ws.cell(row=1, column=4).value == "@total" and ws.cell(row=1, column=4).quotePrefix
    # negative numbers are numbers, in the workbook and the CSV file
    est = [ws.cell(row=r, column=by_header["Estimate"]) for r in range(2, 10)]
    assert [c.value for c in est] == frame["estimate"].tolist()
    assert all(c.data_type == "n" and not c.quotePrefix for c in est)
    assert ws.cell(row=2, column=by_header["n"]).value == -3
    back = pd.read_csv(tmp_path / "tables" / "steps.csv", keep_default_na=False)
    assert back["Estimate"].tolist() == frame["estimate"].tolist()
    assert back["n"].tolist() == frame["n"].tolist()
    # harmless text is left alone
    assert back["Segment"].tolist()[-2:] == ["a-b", "plain"]
    assert back["'@total"].tolist()[0] == "'=1+1"


def test_sheets_are_laid_out_for_reading(tmp_path: Path) -> None:
    import openpyxl

    frame = pd.DataFrame(
        {"stage": ["a", "b"], "touchpoints": ["chat\nsearch advert", "x"], "owner": [None, None]}
    )
    write_exports({"map": frame}, tmp_path)
    ws = openpyxl.load_workbook(tmp_path / "tables.xlsx")["map"]
    assert ws.freeze_panes == "A2"
    widths = {c: ws.column_dimensions[c].width for c in "ABC"}
    assert widths["A"] < widths["B"] == len("search advert") + 2  # the longest line
    assert widths["C"] >= 30  # an empty column, to write in
    assert ws["B2"].alignment.wrap_text and ws["C3"].alignment.wrap_text


@pytest.mark.slow
def test_a_report_with_hostile_segments_writes_safe_files_with_ordinary_modes(
    tmp_path: Path,
) -> None:
    """Segment names from the client's CRM reach ``steps_by_segment`` as text; the report
    page gets the permissions of any file the user writes, like the workbook (umask 027)."""
    import os
    import shutil
    import stat
    import warnings

    import yaml

    from cjresearch.core.paths import SAMPLE_DIR
    from cjresearch.report.runner import build_report

    data = tmp_path / "client"
    data.mkdir()
    for name in ("events.parquet", "journey.yaml"):
        shutil.copy(SAMPLE_DIR / name, data / name)
    customers = pd.read_csv(SAMPLE_DIR / "customers.csv")
    hostile = dict(zip(("value", "premium", "business"), HOSTILE[:3], strict=True))
    customers["segment"] = customers["segment"].map(hostile)
    customers.to_csv(data / "customers.csv", index=False)
    cfg = yaml.safe_load((SAMPLE_DIR / "report.yaml").read_text())
    cfg.update(sections=["overview"], language="pl")
    cfg["data"] = {"events": "events.parquet", "customers": "customers.csv"}
    cfg.pop("survey")
    (data / "report.yaml").write_text(yaml.safe_dump(cfg))
    old = os.umask(0o027)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            page = build_report(data / "report.yaml", out=tmp_path / "out")
    finally:
        os.umask(old)
    out = page.parent
    _check_safe_files(out, "steps_by_segment", column_label("segment", "pl"), HOSTILE[:3])
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (page, out / "tables.xlsx")}
    assert modes == {"report.html": 0o640, "tables.xlsx": 0o640}
    assert stat.S_IMODE((out / "tables" / "steps_by_segment.csv").stat().st_mode) == 0o640
