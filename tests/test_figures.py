"""Exported figures: drawn offline as SVG, PNG and one-page PDF, written beside the report."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from cjresearch.charts.journeymap import journey_map_chart
from cjresearch.core.errors import DataValidationError, ReportError
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.journey.definition import load_journey
from cjresearch.painpoints.journeymap import journey_map
from cjresearch.report.exports import write_exports
from cjresearch.report.figures import FIGURE_MIME, collect_figures, export_figure, render_figures

J = load_journey(SAMPLE_DIR / "journey.yaml")
EMOTION = pd.DataFrame(
    {
        "stage": ["awareness", "decision"],
        "estimate": [10.0, -5.0],
        "ci_low": [0.0, -15.0],
        "ci_high": [20.0, 5.0],
        "n": [80, 60],
    }
)


def check_figure_files(files: dict[str, bytes], *texts: str) -> None:
    """SVG parses as XML (holding ``texts``), PNG has its magic bytes, the PDF one page."""
    root = ET.fromstring(files["svg"])
    assert root.tag.endswith("svg")
    drawn = " ".join(t for t in root.itertext())
    for t in texts:
        assert t in drawn, t
    assert files["png"][:8] == b"\x89PNG\r\n\x1a\n"
    pdf = files["pdf"]
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1
    assert re.findall(rb"/Count\s+(\d+)", pdf) == [b"1"]


def _nb(*payloads: dict) -> dict:
    cell = nbformat.v4.new_code_cell("export_figure(...)")
    cell["outputs"] = [
        nbformat.v4.new_output("display_data", data={FIGURE_MIME: p, "text/plain": ""})
        for p in payloads
    ]
    return nbformat.v4.new_notebook(cells=[cell])


@pytest.mark.parametrize("language", ["pl", "bg"])
def test_journey_map_drawn_in_three_formats_in_the_report_language(language: str) -> None:
    m = journey_map(J, emotion=EMOTION, language=language)
    title = f"Klient: {language}"
    shown = export_figure(journey_map_chart(m, title=title), "journey_map")
    payloads = collect_figures([("painpoints.ipynb", _nb(shown._repr_mimebundle_()[FIGURE_MIME]))])
    files = render_figures(payloads)["journey_map"]
    assert sorted(files) == ["pdf", "png", "svg"]
    check_figure_files(files, title, J.label("decision", language), J.label("advocacy", language))


def test_bad_figures_are_refused() -> None:
    with pytest.raises(DataValidationError, match="export name"):
        export_figure({"mark": "point"}, "Journey Map")
    with pytest.raises(DataValidationError, match=r"formats \['jpg'\].*use some of svg, png, pdf"):
        export_figure({"mark": "point"}, "map", formats=["svg", "jpg"])
    p = export_figure({"mark": "point"}, "map")._repr_mimebundle_()[FIGURE_MIME]
    with pytest.raises(ReportError, match="'map' is exported twice"):
        collect_figures([("a.ipynb", _nb(p)), ("b.ipynb", _nb(p))])
    broken = {"map": {"spec": {"mark": "no-such-mark"}, "formats": ["svg"]}}
    with pytest.raises(ReportError, match="'map' could not be drawn as SVG"):
        render_figures(broken)


def test_figures_folder_is_replaced_whole(tmp_path: Path, monkeypatch) -> None:
    """Figures land in <out>/figures/; a figure no longer exported goes; a failed move
    leaves the previous files."""
    import os

    table = {"funnel": pd.DataFrame({"n": [1]})}
    paths = write_exports(
        table, tmp_path, figures={"old_map": {"svg": b"<svg/>"}, "map": {"svg": b"<svg>1</svg>"}}
    )
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "tables/funnel.csv",
        "figures/old_map.svg",
        "figures/map.svg",
        "tables.xlsx",
    ]
    write_exports(table, tmp_path, figures={"map": {"svg": b"<svg>2</svg>", "pdf": b"%PDF-"}})
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == ["map.pdf", "map.svg"]
    before = (tmp_path / "figures" / "map.svg").read_bytes()
    real = os.replace

    def flaky(src, dst):
        if Path(src).name == "figures" and Path(dst).name == "figures":  # the new folder
            raise OSError("device busy")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(OSError, match="device busy"):
        write_exports(table, tmp_path, figures={"map": {"svg": b"<svg>3</svg>"}})
    monkeypatch.setattr(os, "replace", real)
    assert (tmp_path / "figures" / "map.svg").read_bytes() == before == b"<svg>2</svg>"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    # a run exporting no figure removes the stale ones
    write_exports(table, tmp_path)
    assert not (tmp_path / "figures").exists()
