"""The report runner: configuration checks, execution, offline HTML, atomic writes."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from cjresearch.errors import DataValidationError, ReportError
from cjresearch.paths import PROJECT_DIR, SAMPLE_DIR
from cjresearch.report import build_report, load_config, show, table

CDN_HOSTS = ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com", "requirejs.org",
             "mathjax", "code.jquery.com", "fonts.googleapis.com")


def write_nb(path: Path, *cells: str, params: str = "language = 'en'") -> Path:
    """A notebook whose first cell is the parameters cell; '# md' cells are markdown."""
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                               "display_name": "Python 3"}})
    nb.cells.append(new_code_cell(params, metadata={"tags": ["parameters"]}))
    for c in cells:
        nb.cells.append(new_markdown_cell(c[5:]) if c.startswith("# md\n") else new_code_cell(c))
    nbformat.write(nb, str(path))
    return path


OK_CELLS = (
    "# md\n## First heading\n\nSome <b>narrative</b>.",
    ("import sys\nimport warnings\nimport altair as alt\nimport pandas as pd\n"
     "from cjresearch.report import show, table"),
    "print(open(events).read().strip())",
    ("show(alt.Chart(pd.DataFrame({'x': ['a', 'b'], 'y': [1, 2]})).mark_bar()"
     ".encode(x='x:N', y='y:Q', tooltip=['x', 'y']))"),
    "# md\n## Second heading",
    ("show(alt.Chart(pd.DataFrame({'x': [1, 2, 3], 'y': [3, 1, 2]})).mark_line()"
     ".encode(x='x:Q', y='y:Q'))"),
    "table(pd.DataFrame({'comment': ['<script>alert(1)</script>', 'fine']}))",
    "warnings.warn('only 12 respondents in wave 2', UserWarning)",
    "import os\nprint(sys.executable)",
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A config folder with a small data file and two section notebooks."""
    d = tmp_path / "client"
    d.mkdir()
    (d / "events.csv").write_text("customer_id,event\nC1,ad_click\n")
    write_nb(d / "ok.ipynb", *OK_CELLS, params="language = 'en'\nevents = 'x.csv'")
    write_nb(d / "fail.ipynb", "x = 1", "# md\n## Trouble", "y = 1 / 0", "z = 2")
    cfg = {"client": "Test client <&>", "id": "test", "period": "2025", "language": "en",
           "data": {"events": "events.csv"}, "sections": ["ok.ipynb"]}
    (d / "report.yaml").write_text(yaml.safe_dump(cfg))
    return d


def _assert_offline_clean(text: str, *forbidden_paths: str) -> None:
    assert not re.search(r"<script[^>]*\bsrc\s*=", text, re.IGNORECASE)
    assert not re.search(r"<link[^>]*href\s*=\s*[\"']?https?:", text, re.IGNORECASE)
    for host in CDN_HOSTS:
        assert host not in text, host
    for p in forbidden_paths:
        assert p not in text, p
    assert "Traceback" not in text
    assert 'class="jp-InputArea' not in text and 'class="input_area' not in text
    assert "In&nbsp;[" not in text and "Out[" not in text


@pytest.mark.slow
def test_report_from_fixture_notebook(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    path = build_report(project / "report.yaml", out=out)
    assert path == out / "report.html"
    text = path.read_text(encoding="utf-8")
    _assert_offline_clean(text, str(tmp_path), str(PROJECT_DIR), sys.prefix, "/root")
    # no code: neither the imports nor the parameters cell appear
    assert "from cjresearch.report import" not in text and "language = " not in text
    # relative paths work: the cell read events.csv from the config folder
    assert "C1,ad_click" in text
    # two charts: two specs, two draw scripts, one Vega bundle
    assert text.count('class="cjr-spec"') == 2 and text.count('class="cjr-draw"') == 2
    assert text.count("window.vegaEmbed=") == 1
    # respondent text escaped; the only scripts are the bundle and chart blocks
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    scripts = re.findall(r"<script\b([^>]*)>", text)
    assert all(s == ' type="module"' or 'class="cjr-spec"' in s or s == ' class="cjr-draw"'
               for s in scripts), scripts
    assert sum(s == ' type="module"' for s in scripts) == 1
    # the spec JSON holds no raw "</"
    for spec in re.findall(r'class="cjr-spec"[^>]*>(.*?)</script>', text, re.DOTALL):
        assert "</" not in spec and "<" not in spec
        json.loads(spec)
    # warnings kept as a note without their file path
    assert "UserWarning: only 12 respondents in wave 2" in text
    # title block, table of contents from the headings, provenance
    assert "Test client &lt;&amp;&gt;" in text
    toc = re.search(r'<nav class="cjr-toc">(.*?)</nav>', text, re.DOTALL).group(1)
    assert re.findall(r">([^<>]+)</a>", toc) == ["First heading", "Second heading"]
    prov = text[text.index('id="provenance"'):]
    for pkg in ("cjresearch", "pandas", "duckdb", "lifelines", "statsmodels", "altair"):
        assert f"<th>{pkg}</th>" in prov
    import hashlib
    digest = hashlib.sha256((project / "events.csv").read_bytes()).hexdigest()
    assert f"events: events.csv</th><td><code>{digest}" in prov
    config_digest = hashlib.sha256((project / "report.yaml").read_bytes()).hexdigest()
    assert f"config: report.yaml</th><td><code>{config_digest}" in prov
    # the kernel ran this interpreter (the debug notebook keeps the raw output)
    nb = nbformat.read(str(out / "_debug" / "ok.ipynb"), as_version=4)
    assert nb.cells[-1].outputs[0]["text"].strip() == sys.executable


@pytest.mark.slow
def test_failing_notebook_keeps_previous_report(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("previous good report")
    cfg = yaml.safe_load((project / "report.yaml").read_text())
    cfg["sections"] = ["fail.ipynb"]
    (project / "report.yaml").write_text(yaml.safe_dump(cfg))
    with pytest.raises(ReportError) as info:
        build_report(project / "report.yaml", out=out)
    msg = str(info.value)
    # cell 4 of the notebook as written: parameters, x = 1, markdown, y = 1 / 0
    assert "fail.ipynb, cell 4 ('y = 1 / 0') failed: ZeroDivisionError: division by zero" in msg
    assert "Traceback" not in msg
    assert (out / "report.html").read_text() == "previous good report"
    assert (out / "_debug" / "fail.ipynb").is_file()
    assert [p.name for p in out.iterdir() if p.name.startswith(".report-")] == []


def test_unknown_parameter_fails_before_execution(project: Path, tmp_path: Path) -> None:
    cfg = yaml.safe_load((project / "report.yaml").read_text())
    cfg["sections"] = [{"notebook": "ok.ipynb", "parameters": {"langauge": "ro"}}]
    (project / "report.yaml").write_text(yaml.safe_dump(cfg))
    with pytest.raises(DataValidationError, match=r"'langauge' -> 'language'"):
        build_report(project / "report.yaml", out=tmp_path / "out")
    assert not (tmp_path / "out").exists()   # nothing ran, nothing written


def test_missing_data_input_fails_before_execution(project: Path, tmp_path: Path) -> None:
    """A notebook declaring 'events' must get it: its default would be other data."""
    cfg = yaml.safe_load((project / "report.yaml").read_text())
    del cfg["data"]
    (project / "report.yaml").write_text(yaml.safe_dump(cfg))
    with pytest.raises(DataValidationError, match=r"section 'ok.ipynb' needs the data "
                                                  r"input events.*Fix: add events: <file>"):
        build_report(project / "report.yaml", out=tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("change, match", [
    ({"clinet": "x"}, r"unknown key 'clinet'.*'clinet' -> 'client'"),
    ({"language": "de"}, r"language 'de' is not supported"),
    ({"data": {"event": "events.csv"}}, r"'event' -> 'events'"),
    ({"data": {"events": "missing.csv"}}, r"data file 'missing.csv' \(events\) not found"),
    ({"sections": ["nope"]}, r"section notebook 'nope' not found"),
])
def test_config_errors(project: Path, change: dict, match: str) -> None:
    cfg = yaml.safe_load((project / "report.yaml").read_text())
    cfg.update(change)
    with pytest.raises(DataValidationError, match=match):
        load_config(cfg, base_dir=project)


def test_show_escapes_spec_and_caps_rows() -> None:
    import altair as alt
    import pandas as pd

    chart = alt.Chart(pd.DataFrame({"t": ["</script><script>alert(1)</script>"]})) \
        .mark_point().encode(x="t:N")
    block = show(chart).data
    spec_text = re.search(r'class="cjr-spec"[^>]*>(.*?)</script>', block, re.DOTALL).group(1)
    assert "</" not in spec_text and "<" not in spec_text
    assert json.loads(spec_text)["datasets"] == chart.to_dict()["datasets"]
    assert "actions: false" in block
    big = alt.Chart(pd.DataFrame({"x": range(5001)})).mark_point().encode(x="x:Q")
    with alt.data_transformers.disable_max_rows(), \
            pytest.raises(DataValidationError, match="5001 data rows"):
        show(big)


def test_table_escapes_html() -> None:
    import pandas as pd

    html_text = table(pd.DataFrame({"c": ["<img src=x onerror=alert(1)>"]}),
                      caption="<b>cap</b>").data
    assert "<img" not in html_text and "&lt;img src=x onerror=alert(1)&gt;" in html_text
    assert "&lt;b&gt;cap&lt;/b&gt;" in html_text


@pytest.mark.slow
def test_sample_report(tmp_path: Path) -> None:
    out = tmp_path / "sample"
    path = build_report(SAMPLE_DIR / "report.yaml", out=out)
    text = path.read_text(encoding="utf-8")
    _assert_offline_clean(text, str(tmp_path), str(PROJECT_DIR), "/work", "/root", sys.prefix)
    assert text.count('class="cjr-spec"') == 1          # the funnel chart
    assert "Sample retailer" in text and "Data at a glance" in text
    assert "How far customers get" in text


# -- the report in a real browser, with every network request blocked -----------------
def _browser_or_skip() -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")


@pytest.mark.slow
def test_browser_draws_every_chart_offline(project: Path, tmp_path: Path,
                                           artifacts_dir: Path) -> None:
    from browser import check_page, unshare_works

    _browser_or_skip()
    path = build_report(project / "report.yaml", out=tmp_path / "out")
    runs = [False] + ([True] if unshare_works() else [])
    for offline_namespace in runs:
        seen = check_page(path, offline_namespace=offline_namespace,
                          screenshot=artifacts_dir / "report-fixture.png")
        assert seen.blocked == []                      # no request left file://
        assert seen.specs == 2 and seen.drawn == [1, 1]  # each spec drew exactly one chart
        assert seen.console_errors == [] and seen.page_errors == []


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::cjresearch.errors.RowsExcludedWarning")
def test_browser_sample_report(tmp_path: Path, artifacts_dir: Path) -> None:
    from browser import check_page

    _browser_or_skip()
    path = build_report(SAMPLE_DIR / "report.yaml", out=tmp_path / "sample")
    seen = check_page(path, screenshot=artifacts_dir / "report-sample.png", hover=True)
    assert seen.blocked == []
    assert seen.specs == 1 and seen.drawn == [1]
    assert seen.console_errors == [] and seen.page_errors == []
    # the tooltip of the first bar shows the funnel's first row
    from cjresearch.events import EventLog
    from cjresearch.journey import load_journey

    first = EventLog(SAMPLE_DIR / "events.parquet",
                     load_journey(SAMPLE_DIR / "journey.yaml")).funnel().iloc[0]
    tip = " ".join(seen.tooltip.split())
    assert tip.startswith("Stage Awareness Customers")
    assert f"Customers {int(first['n']):,} Base (previous stage) {int(first['base']):,}" in tip
    assert f"Conversion from previous stage {first['estimate']:.1%}" in tip


@pytest.mark.slow
def test_browser_check_records_blocked_requests(tmp_path: Path) -> None:
    """The route interception really sees requests (so an empty list means something)."""
    from browser import check_page

    _browser_or_skip()
    page = tmp_path / "leaky.html"
    page.write_text('<!DOCTYPE html><html><body><img src="http://example.invalid/a.png">'
                    "</body></html>")
    seen = check_page(page, wait_ms=500)
    assert seen.blocked == ["http://example.invalid/a.png"]


def test_overview_notebook_is_clean() -> None:
    """Committed without outputs, no logic, and the parameters the config passes."""
    import papermill

    from cjresearch.paths import NOTEBOOKS_DIR

    path = NOTEBOOKS_DIR / "overview.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    for c in code:
        assert not re.search(r"^\s*(def|class|for|while)\b", c.source, re.MULTILINE), c.source
    assert set(papermill.inspect_notebook(str(path))) == {
        "client", "period", "language", "events", "customers", "survey", "journey"}


@pytest.mark.slow
def test_two_sections_share_one_page(project: Path, tmp_path: Path) -> None:
    """Two sections: one bundle, all charts, headings unique for the table of contents."""
    cfg = yaml.safe_load((project / "report.yaml").read_text())
    cfg["sections"] = ["ok.ipynb", {"notebook": "ok.ipynb", "parameters": {"language": "en"}}]
    (project / "report.yaml").write_text(yaml.safe_dump(cfg))
    text = build_report(project / "report.yaml", out=tmp_path / "out").read_text()
    assert text.count("window.vegaEmbed=") == 1
    assert text.count('class="cjr-spec"') == 4
    ids = re.findall(r'<h2 id="([^"]+)"', text)
    assert len(ids) == len(set(ids)) == 4
    toc = re.search(r'<nav class="cjr-toc">(.*?)</nav>', text, re.DOTALL).group(1)
    assert re.findall(r'href="#([^"]+)"', toc) == ids
    assert sorted(p.name for p in (tmp_path / "out" / "_debug").glob("*.ipynb")) == [
        "ok-1.ipynb", "ok-2.ipynb"]
