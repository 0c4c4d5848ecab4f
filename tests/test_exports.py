"""Exported tables: full precision, names checked, CSV and Excel written atomically."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError, ReportError
from cjresearch.report.exports import EXPORT_MIME, collect, export_payload, write_exports
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
    b = pd.DataFrame({"segment": ["p"], "ci_low": [0.5]})
    paths = write_exports({"funnel": a, "steps": b}, tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "tables/funnel.csv",
        "tables/steps.csv",
        "tables.xlsx",
    ]
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "tables" / "funnel.csv"), a)
    sheets = pd.read_excel(tmp_path / "tables.xlsx", sheet_name=None)
    assert list(sheets) == ["funnel", "steps"]
    pd.testing.assert_frame_equal(sheets["funnel"], a)
    pd.testing.assert_frame_equal(sheets["steps"], b)
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
    pd.testing.assert_frame_equal(sheets["touchpoint_effects_by_stage_abc"], a)
    pd.testing.assert_frame_equal(sheets["touchpoint_effects_by_stage_a~2"], b)


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
