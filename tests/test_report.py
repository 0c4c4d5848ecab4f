"""The report runner: configuration checks, execution, offline HTML, atomic writes."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from cjresearch.core.errors import DataValidationError, ReportError
from cjresearch.core.paths import PROJECT_DIR, SAMPLE_DIR
from cjresearch.report.runner import build_report, load_config, show, table

CDN_HOSTS = (
    "cdn.jsdelivr.net",
    "unpkg.com",
    "cdnjs.cloudflare.com",
    "requirejs.org",
    "mathjax",
    "code.jquery.com",
    "fonts.googleapis.com",
)


def write_nb(path: Path, *cells: str, params: str = "language = 'en'") -> Path:
    """A notebook whose first cell is the parameters cell; '# md' cells are markdown."""
    nb = new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
        }
    )
    nb.cells.append(new_code_cell(params, metadata={"tags": ["parameters"]}))
    for c in cells:
        nb.cells.append(new_markdown_cell(c[5:]) if c.startswith("# md\n") else new_code_cell(c))
    nbformat.write(nb, str(path))
    return path


OK_CELLS = (
    "# md\n## First heading\n\nSome <b>narrative</b>.",
    (
        "import sys\nimport warnings\nimport altair as alt\nimport pandas as pd\n"
        "from cjresearch.report.runner import show, table"
    ),
    "print(open(events).read().strip())",
    (
        "show(alt.Chart(pd.DataFrame({'x': ['a', 'b'], 'y': [1, 2]})).mark_bar()"
        ".encode(x='x:N', y='y:Q', tooltip=['x', 'y']))"
    ),
    "# md\n## Second heading",
    (
        "show(alt.Chart(pd.DataFrame({'x': [1, 2, 3], 'y': [3, 1, 2]})).mark_line()"
        ".encode(x='x:Q', y='y:Q'))"
    ),
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
    write_nb(d / "fail.ipynb", "x = 1", "# md\n## Trouble", "a = 2\ny = 1 / 0\nb = 3", "z = 2")
    cfg = {
        "client": "Test client <&>",
        "id": "test",
        "period": "2025",
        "language": "en",
        "data": {"events": "events.csv"},
        "sections": ["ok.ipynb"],
    }
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
    assert "from cjresearch.report.runner import" not in text and "language = " not in text
    # relative paths work: the cell read events.csv from the config folder
    assert "C1,ad_click" in text
    # two charts: two specs, two draw scripts, one Vega bundle
    assert text.count('class="cjr-spec"') == 2 and text.count('class="cjr-draw"') == 2
    assert text.count("window.vegaEmbed=") == 1
    # respondent text escaped; the only scripts are the bundle, the charts' locale
    # and chart blocks
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    scripts = re.findall(r"<script\b([^>]*)>", text)
    assert all(
        s in (' type="module"', ' class="cjr-draw"', ' class="cjr-locale"')
        or 'class="cjr-spec"' in s
        for s in scripts
    ), scripts
    assert sum(s == ' class="cjr-locale"' for s in scripts) == 1
    assert sum(s == ' type="module"' for s in scripts) == 1
    # the spec JSON holds no raw "</"
    for spec in re.findall(r'class="cjr-spec"[^>]*>(.*?)</script>', text, re.DOTALL):
        assert "</" not in spec and "<" not in spec
        json.loads(spec)
    # a warning reaches the client as a note in the report language; its own message,
    # written for the analyst, stays in the executed notebook under _debug/
    from cjresearch.core.i18n import text as report_text

    assert report_text("warning.other", "en") in text
    assert "only 12 respondents in wave 2" not in text
    debug = [p.read_text(encoding="utf-8") for p in (out / "_debug").glob("*.ipynb")]
    assert any("only 12 respondents in wave 2" in nb for nb in debug)
    # title block, table of contents from the headings, provenance
    assert "Test client &lt;&amp;&gt;" in text
    toc = re.search(r'<nav class="cjr-toc">(.*?)</nav>', text, re.DOTALL).group(1)
    assert re.findall(r'"cjr-toc-num">([^<]+)</span> ([^<>]+)</a>', toc) == [
        ("1", "First heading"),
        ("2", "Second heading"),
    ]
    prov = text[text.index('id="provenance"') :]
    for pkg in ("cjresearch", "pandas", "duckdb", "lifelines", "statsmodels", "altair"):
        assert f"<th>{pkg}</th>" in prov
    import hashlib

    digest = hashlib.sha256((project / "events.csv").read_bytes()).hexdigest()
    assert f"Event log: events.csv</th><td><code>{digest}" in prov
    config_digest = hashlib.sha256((project / "report.yaml").read_bytes()).hexdigest()
    assert f"Report configuration: report.yaml</th><td><code>{config_digest}" in prov
    # the kernel ran this interpreter (the debug notebook keeps the raw output)
    nb = nbformat.read(str(out / "_debug" / "ok.ipynb"), as_version=4)
    assert nb.cells[-1].outputs[0]["text"].strip() == sys.executable
    # the page gets the permissions of any file the user writes (it was 0600, from
    # mkstemp); no temporary file is left
    import stat

    from cjresearch.core.paths import _umask

    ordinary = 0o666 & ~_umask()
    assert stat.S_IMODE(path.stat().st_mode) == ordinary
    assert not list(out.glob(".*.tmp"))


@pytest.mark.slow
def test_kernel_stderr_goes_to_the_kernel_log(project: Path, tmp_path: Path) -> None:
    """What the kernel process writes to its own stderr (start-up notices, crashes) lands
    in ``<notebook>.kernel.log`` beside the executed notebook, not in the terminal."""
    write_nb(project / "noisy.ipynb", "import os\nos.write(2, b'cjr-kernel-stderr\\n')")
    cfg = yaml.safe_load((project / "report.yaml").read_text())
    cfg["sections"] = ["noisy.ipynb"]
    (project / "report.yaml").write_text(yaml.safe_dump(cfg))
    out = tmp_path / "out"
    build_report(project / "report.yaml", out=out)
    log = out / "_debug" / "noisy.kernel.log"
    assert "cjr-kernel-stderr" in log.read_text(encoding="utf-8")


@pytest.mark.bad_input
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
    # cell 4 of the notebook as written: parameters, x = 1, markdown, then the cell whose
    # second line fails: the message names that line, not the cell's first (a = 2)
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
    assert not (tmp_path / "out").exists()  # nothing ran, nothing written


def test_missing_data_input_fails_before_execution(project: Path, tmp_path: Path) -> None:
    """A notebook declaring 'events' must get it: its default would be other data."""
    cfg = yaml.safe_load((project / "report.yaml").read_text())
    del cfg["data"]
    (project / "report.yaml").write_text(yaml.safe_dump(cfg))
    with pytest.raises(
        DataValidationError,
        match=r"section 'ok.ipynb' needs the data "
        r"input events.*Fix: add events: <file>",
    ):
        build_report(project / "report.yaml", out=tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "change, match",
    [
        ({"clinet": "x"}, r"unknown key 'clinet'.*'clinet' -> 'client'"),
        ({"language": "de"}, r"language 'de' is not supported"),
        ({"data": {"event": "events.csv"}}, r"'event' -> 'events'"),
        ({"data": {"events": "missing.csv"}}, r"data file 'missing.csv' \(events\) not found"),
        ({"sections": ["nope"]}, r"section notebook 'nope' not found"),
    ],
)
def test_config_errors(project: Path, change: dict, match: str) -> None:
    cfg = yaml.safe_load((project / "report.yaml").read_text())
    cfg.update(change)
    with pytest.raises(DataValidationError, match=match):
        load_config(cfg, base_dir=project)


def test_show_escapes_spec_and_caps_rows() -> None:
    import altair as alt
    import pandas as pd

    chart = (
        alt.Chart(pd.DataFrame({"t": ["</script><script>alert(1)</script>"]}))
        .mark_point()
        .encode(x="t:N")
    )
    block = show(chart).data
    spec_text = re.search(r'class="cjr-spec"[^>]*>(.*?)</script>', block, re.DOTALL).group(1)
    assert "</" not in spec_text and "<" not in spec_text
    assert json.loads(spec_text)["datasets"] == chart.to_dict()["datasets"]
    assert "actions: false" in block
    big = alt.Chart(pd.DataFrame({"x": range(5001)})).mark_point().encode(x="x:Q")
    with (
        alt.data_transformers.disable_max_rows(),
        pytest.raises(DataValidationError, match="5001 data rows"),
    ):
        show(big)


def test_table_escapes_html() -> None:
    import pandas as pd

    html_text = table(
        pd.DataFrame({"c": ["<img src=x onerror=alert(1)>"]}), caption="<b>cap</b>"
    ).data
    assert "<img" not in html_text and "&lt;img src=x onerror=alert(1)&gt;" in html_text
    assert "&lt;b&gt;cap&lt;/b&gt;" in html_text


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full sample report (every section of data/sample/report.yaml), built once."""
    import warnings

    out = tmp_path_factory.mktemp("sample")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_report(SAMPLE_DIR / "report.yaml", out=out)


def _shown_charts(debug_dir: Path) -> int:
    """Chart blocks the executed notebooks displayed (the page must hold them all)."""
    count = 0
    for nb_path in debug_dir.glob("*.ipynb"):
        nb = nbformat.read(str(nb_path), as_version=4)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                count += "".join(out.get("data", {}).get("text/html", "")).count('class="cjr-spec"')
    return count


@pytest.mark.slow
@pytest.mark.xdist_group("sample-report")
@pytest.mark.filterwarnings("ignore::cjresearch.core.errors.RowsExcludedWarning")
def test_sample_report(sample_report: Path) -> None:
    text = sample_report.read_text(encoding="utf-8")
    out = sample_report.parent
    _assert_offline_clean(text, str(out), str(PROJECT_DIR), "/work", "/root", sys.prefix)
    cfg = load_config(SAMPLE_DIR / "report.yaml")
    assert [s.name for s in cfg.sections][:3] == [
        "overview.ipynb",
        "survey.ipynb",
        "progression.ipynb",
    ]
    for s in cfg.sections:
        assert f'id="section-{s.notebook.stem}-ipynb"' in text
    specs = text.count('class="cjr-spec"')
    assert specs == _shown_charts(out / "_debug") >= 12
    assert "Sample retailer" in text and "Data at a glance" in text
    assert "How far customers get" in text and "Moving on, by segment" in text
    assert text.count('class="cjr-table cjr-journey-map"') == 1 and "Awareness" in text
    # the exported funnel equals the event engine's funnel, recomputed here
    from cjresearch.engine.eventlog import EventLog
    from cjresearch.journey.definition import load_journey

    funnel = EventLog(
        SAMPLE_DIR / "events.parquet", load_journey(SAMPLE_DIR / "journey.yaml")
    ).funnel()
    exported = pd.read_csv(out / "tables" / "funnel.csv", float_precision="round_trip")
    assert exported["n"].tolist() == funnel["n"].tolist()
    # headers in the report language, as in the page
    assert exported["Estimate"].tolist() == funnel["estimate"].tolist()  # full precision
    sheets = pd.read_excel(out / "tables.xlsx", sheet_name=None)
    assert sorted(sheets) == sorted(p.stem for p in (out / "tables").glob("*.csv"))
    # Excel keeps 15 significant digits; the CSV files keep every bit
    pd.testing.assert_frame_equal(sheets["funnel"], exported, rtol=1e-14)


@pytest.mark.slow
@pytest.mark.xdist_group("sample-report")
def test_sample_report_opens_with_key_findings_linked_to_their_evidence(
    sample_report: Path,
) -> None:
    """The key findings come first in the page (tests/test_findings.py checks their numbers);
    every evidence link lands on a table of the page."""
    import re

    text = sample_report.read_text(encoding="utf-8")
    body = text[text.index('<section class="cjr-section"') :]
    assert body.index("Key findings") < body.index("Data at a glance")
    found = body[body.index('<ul class="cjr-findings">') :]
    found = found[: found.index("</ul>")]
    # the planted pain points, by the labels data/sample/report.yaml gives them
    assert found.count("<li") == 11 and "Checkout error" in found and "Late delivery" in found
    assert "checkout_error" not in found and "rating_delivery" not in found
    links = re.findall(r'href="#(evidence-[^"]+)"', found)
    assert len(links) == 11
    assert all(f'id="{a}"' in body for a in links)


@pytest.mark.slow
@pytest.mark.xdist_group("sample-report")
def test_sample_report_exports_the_journey_map(sample_report: Path) -> None:
    """The map beside the report as SVG, PNG and one-page PDF, and as a working sheet of
    tables.xlsx whose numbers are those of the map in the page and of the drop-off table."""
    import openpyxl
    from test_figures import check_figure_files

    from cjresearch.journey.definition import load_journey

    out = sample_report.parent
    files = {f: (out / "figures" / f"journey_map.{f}").read_bytes() for f in ("svg", "png", "pdf")}
    journey = load_journey(SAMPLE_DIR / "journey.yaml")
    labels = [journey.label(s, "en") for s in journey.stage_ids]
    check_figure_files(files, "Sample retailer: customer journey map", *labels)
    # the map's own numbers, as the page's chart carries them (full precision)
    text = sample_report.read_text(encoding="utf-8")
    specs = [
        json.loads(s) for s in re.findall(r'class="cjr-spec"[^>]*>(.*?)</script>', text, re.DOTALL)
    ]
    rows = [
        r
        for spec in specs
        for values in spec.get("datasets", {}).values()
        for r in values
        if isinstance(r, dict) and r.get("row") == "emotion" and "stage_label" in r
    ]
    emotion = {r["stage_label"]: r for r in rows if r.get("estimate") is not None}
    assert len(emotion) >= 3
    ws = openpyxl.load_workbook(out / "tables.xlsx")["journey_map"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Stage", "Touchpoints", "Customer actions"]
    assert header[-3:] == ["Owner", "Ideas and actions", "Notes"]
    sheet = {
        r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)
    }
    assert list(sheet) == labels
    for label, r in emotion.items():
        got = sheet[label]
        assert got["Emotion (score)"] == pytest.approx(r["estimate"], rel=1e-14)
        assert got["Emotion: 95% CI low"] == pytest.approx(r["ci_low"], rel=1e-14)
        assert got["Emotion: 95% CI high"] == pytest.approx(r["ci_high"], rel=1e-14)
        assert got["Emotion: answers"] == r["n"]
    dropoff = pd.read_csv(out / "tables" / "dropoff.csv", float_precision="round_trip")
    assert len(dropoff) >= 3
    for _, d in dropoff.iterrows():
        got = sheet[journey.label(d["From stage"], "en")]
        assert got["Do not move on (share)"] == pytest.approx(d["Estimate"], rel=1e-14)
        assert got["Do not move on: 95% CI low"] == pytest.approx(d["95% CI low"], rel=1e-14)
        assert got["Customers entering the stage"] == d["n"]
    numbers = [c for row in ws.iter_rows(min_row=2) for c in row[3:11] if c.value is not None]
    assert numbers and all(c.data_type == "n" for c in numbers)
    assert all(r[h] is None for r in sheet.values() for h in header[-3:])  # for the team


@pytest.mark.slow
@pytest.mark.xdist_group("sample-report")
def test_sample_report_holds_no_planted_personal_data(sample_report: Path) -> None:
    truth = json.loads((SAMPLE_DIR / "truth.json").read_text(encoding="utf-8"))
    planted = [
        v for person in truth["survey"]["pii"]["respondents"].values() for v in person.values()
    ]
    assert len(planted) >= 10
    survey = pd.read_csv(SAMPLE_DIR / "survey.csv")
    in_data = [
        v for v in planted if survey["comment"].fillna("").str.contains(v, regex=False).any()
    ]
    assert in_data == planted  # they really are in the input
    out = sample_report.parent
    texts = {"report.html": sample_report.read_text(encoding="utf-8")}
    texts.update({p.name: p.read_text(encoding="utf-8") for p in (out / "tables").glob("*.csv")})
    texts.update(
        {
            f"tables.xlsx:{k}": v.to_csv()
            for k, v in pd.read_excel(out / "tables.xlsx", sheet_name=None).items()
        }
    )
    leaks = {
        name: v
        for name, t in texts.items()
        for v in planted
        if v in t or v.replace(" ", "") in t.replace(" ", "")
    }
    assert leaks == {}


@pytest.mark.slow
@pytest.mark.xdist_group("sample-report")
def test_same_inputs_give_identical_numbers(sample_report: Path, tmp_path: Path) -> None:
    """A second run: byte-identical exported tables and identical tables in the page."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        again = build_report(SAMPLE_DIR / "report.yaml", out=tmp_path / "again")
    first, second = sample_report.parent / "tables", again.parent / "tables"
    names = sorted(p.name for p in first.glob("*.csv"))
    assert names == sorted(p.name for p in second.glob("*.csv")) and names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name

    def tables(path: Path) -> list[str]:
        return re.findall(
            r'<table[^>]*class="[^"]*cjr-table.*?</table>',
            path.read_text(encoding="utf-8"),
            re.DOTALL,
        )

    a, b = tables(sample_report), tables(again)
    assert len(a) >= 20 and a == b


# -- the report in a real browser, with every network request blocked -----------------
def _browser_or_skip() -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")


@pytest.mark.slow
def test_browser_draws_every_chart_offline(
    project: Path, tmp_path: Path, artifacts_dir: Path
) -> None:
    from browser import check_page, unshare_works

    _browser_or_skip()
    path = build_report(project / "report.yaml", out=tmp_path / "out")
    runs = [False] + ([True] if unshare_works() else [])
    for offline_namespace in runs:
        seen = check_page(
            path,
            offline_namespace=offline_namespace,
            screenshot=artifacts_dir / "report-fixture.png",
        )
        assert seen.blocked == []  # no request left file://
        assert seen.specs == 2 and seen.drawn == [1, 1]  # each spec drew exactly one chart
        assert seen.console_errors == [] and seen.page_errors == []


_PICK_JS = """() => {
  const sel = document.querySelector('.cjr-chart select');
  if (!sel) { return null; }
  const div = sel.closest('.cjr-chart');
  const before = div.querySelector('svg.marks').innerHTML;
  const options = Array.from(sel.options).map(o => o.value);
  sel.value = options[options.length - 1];
  sel.dispatchEvent(new Event('change', {bubbles: true}));
  return {options: options, before: before};
}"""


@pytest.mark.slow
@pytest.mark.xdist_group("sample-report")
@pytest.mark.filterwarnings("ignore::cjresearch.core.errors.RowsExcludedWarning")
def test_browser_sample_report(sample_report: Path, artifacts_dir: Path) -> None:
    from browser import check_page

    _browser_or_skip()

    def pick_segment(page):
        picked = page.evaluate(_PICK_JS)
        page.wait_for_timeout(500)
        after = page.evaluate(
            "() => document.querySelector('.cjr-chart select')"
            ".closest('.cjr-chart').querySelector('svg.marks').innerHTML"
        )
        charts = page.query_selector_all(".cjr-chart")
        survival = next(
            c
            for c in charts
            if c.query_selector("svg.marks") and "At risk" in c.inner_text() + c.inner_html()
        )
        survival.scroll_into_view_if_needed()
        survival.screenshot(path=str(artifacts_dir / "report-sample-survival.png"))
        # one picture of the title block, the journey map and a survival chart: hide
        # every other cell of the page, then shoot the whole (now short) page
        survival.evaluate("el => el.setAttribute('data-keep', '1')")
        kept = page.evaluate("""() => {
          const cells = document.querySelectorAll('main .jp-Cell, main .cell');
          let kept = 0;
          cells.forEach(c => {
            const keep = c.querySelector('.cjr-journey-map, [data-keep]');
            if (keep) { kept += 1; } else { c.style.display = 'none'; }
          });
          document.querySelectorAll('.cjr-toc, footer').forEach(e => e.style.display = 'none');
          return kept;
        }""")
        page.wait_for_timeout(300)
        page.screenshot(path=str(artifacts_dir / "report-sample-map-survival.png"), full_page=True)
        return picked, after, kept

    seen = check_page(
        sample_report,
        screenshot=artifacts_dir / "report-sample.png",
        full_page=artifacts_dir / "report-sample-full.png",
        hover=True,
        then=pick_segment,
    )
    assert seen.blocked == []
    specs = sample_report.read_text(encoding="utf-8").count('class="cjr-spec"')
    assert seen.specs == specs >= 12 and seen.drawn == [1] * specs
    assert seen.console_errors == [] and seen.page_errors == []
    # the tooltip of the first bar shows the funnel's first row
    from cjresearch.engine.eventlog import EventLog
    from cjresearch.journey.definition import load_journey

    first = (
        EventLog(SAMPLE_DIR / "events.parquet", load_journey(SAMPLE_DIR / "journey.yaml"))
        .funnel()
        .iloc[0]
    )
    tip = " ".join(seen.tooltip.split())
    assert tip.startswith("Stage Awareness Customers")
    assert f"Customers {int(first['n']):,} Base (previous stage) {int(first['base']):,}" in tip
    assert f"Conversion from previous stage {first['estimate']:.1%}" in tip
    # the segment dropdown (a Vega-Lite binding, no kernel) redraws the step chart
    picked, after, kept = seen.extra
    assert kept == 2  # the journey map's cell and the survival chart's cell
    segments = sorted(pd.read_csv(SAMPLE_DIR / "customers.csv")["segment"].unique())
    assert sorted(picked["options"]) == segments
    assert after != picked["before"]


@pytest.mark.slow
def test_browser_verbatims_cannot_run_code(tmp_path: Path) -> None:
    """Comments carrying <script> and event-handler HTML are shown as text; nothing runs."""
    import shutil

    from browser import check_page

    _browser_or_skip()
    data = tmp_path / "client"
    data.mkdir()
    for name in ("events.parquet", "customers.csv", "journey.yaml"):
        shutil.copy(SAMPLE_DIR / name, data / name)
    survey = pd.read_csv(SAMPLE_DIR / "survey.csv")
    payload = (
        "<script>window.__cjr_pwned = 1</script>"
        '<img src=x onerror="window.__cjr_pwned = 2"><b onmouseover="x()">b</b>'
    )
    has = survey["comment"].notna()
    survey.loc[has, "comment"] = survey.loc[has, "comment"] + " " + payload
    survey.to_csv(data / "survey.csv", index=False)
    cfg = yaml.safe_load((SAMPLE_DIR / "report.yaml").read_text())
    cfg["sections"] = ["survey"]
    (data / "report.yaml").write_text(yaml.safe_dump(cfg))
    path = build_report(data / "report.yaml", out=tmp_path / "out")
    text = path.read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__cjr_pwned = 1&lt;/script&gt;" in text  # shown, escaped
    assert "__cjr_pwned = 1</script>" not in text and "<img src=x" not in text
    seen = check_page(
        path,
        then=lambda page: page.evaluate(
            "() => [typeof window.__cjr_pwned, document.querySelectorAll('main img').length]"
        ),
    )
    assert seen.extra == ["undefined", 0]
    assert seen.page_errors == [] and seen.blocked == []


@pytest.mark.slow
def test_browser_check_records_blocked_requests(tmp_path: Path) -> None:
    """The route interception really sees requests (so an empty list means something)."""
    from browser import check_page

    _browser_or_skip()
    page = tmp_path / "leaky.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="http://example.invalid/a.png"></body></html>'
    )
    seen = check_page(page, wait_ms=500)
    assert seen.blocked == ["http://example.invalid/a.png"]


@pytest.mark.parametrize("name", ["overview", "survey", "progression", "painpoints"])
def test_section_notebooks_are_clean(name: str) -> None:
    """Committed without outputs; no logic and no text literals; the shared parameters."""
    import ast

    import papermill

    from cjresearch.core.paths import NOTEBOOKS_DIR

    path = NOTEBOOKS_DIR / f"{name}.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert not [c for c in nb.cells if c.cell_type == "markdown"]  # narrative: per language
    for c in code:
        tree = ast.parse(c.source)
        kinds = {type(n).__name__ for n in ast.walk(tree)}
        assert not kinds & {
            "FunctionDef",
            "ClassDef",
            "For",
            "While",
            "If",
            "BinOp",
            "Subscript",
            "ListComp",
            "Lambda",
        }, c.source
        if "parameters" not in c.metadata.get("tags", []):
            literals = [
                n.value
                for n in ast.walk(tree)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            ]
            assert literals == [], c.source
    declared = set(papermill.inspect_notebook(str(path)))
    assert {"config", "study_cache"} <= declared
    assert not declared & {"events", "customers", "survey", "journey", "language"}


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
        "ok-1.ipynb",
        "ok-2.ipynb",
    ]


def test_parallel_sections_never_change_the_process_directory(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sections run in threads of one process: a chdir there would move the others'
    kernels to the wrong folder (relative data paths then fail at random). Each kernel
    starts in the config's folder by itself, and the process never changes directory."""
    import os

    cfg = yaml.safe_load((project / "report.yaml").read_text())
    cfg["sections"] = ["ok.ipynb", {"notebook": "ok.ipynb", "parameters": {"language": "en"}}]
    (project / "report.yaml").write_text(yaml.safe_dump(cfg))

    monkeypatch.chdir(tmp_path)  # not the config folder: relative paths fail here
    real_chdir = os.chdir

    def refuse(path: object) -> None:
        # papermill's file handlers chdir around their own reads (to a directory they
        # remember); what must never happen is the process moving into the config folder
        if Path(str(path)).resolve() == project.resolve():
            raise AssertionError(f"the report runner changed the process directory to {path}")
        real_chdir(path)

    monkeypatch.setattr(os, "chdir", refuse)
    text = build_report(project / "report.yaml", out=tmp_path / "out", jobs=2).read_text()
    assert text.count("C1,ad_click") == 2  # both kernels read events.csv relative to the config


def test_a_second_run_of_the_same_report_is_refused_while_one_writes(
    project: Path, tmp_path: Path
) -> None:
    """Two runs into one folder at once could mix their files: the second is refused."""
    from cjresearch.report.runner import report_lock

    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("previous good report")
    with report_lock(out):  # another run holds the folder and is writing
        (out / ".report.html.abc.tmp").write_text("being written by that run")
        with pytest.raises(ReportError, match="another run is writing the report in"):
            build_report(project / "report.yaml", out=out)
        assert (out / ".report.html.abc.tmp").exists()  # not touched: that run is alive
    assert (out / "report.html").read_text() == "previous good report"
    # that run was killed (no cleanup): the next run clears what it left
    with report_lock(out):
        assert not (out / ".report.html.abc.tmp").exists()
    fresh = tmp_path / "fresh"
    with pytest.raises(DataValidationError):  # fails before writing: no folder left behind
        build_report({"client": "x", "data": {"events": "missing.csv"}}, out=fresh)
    assert not fresh.exists()


def _stray(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith((".report.html.", ".tables-")))


def _kernel_pids(parent: int) -> list[int]:
    """Processes started by ``parent`` that run an IPython kernel."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == parent and b"ipykernel_launcher" in cmd:
            found.append(int(proc.name))
    return found


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_a_run_killed_at_any_point_leaves_the_previous_report_whole(
    project: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """SIGINT or SIGKILL of the CLI, or SIGKILL of a kernel, at several points of a run:
    the previous page and tables stay byte-identical (or the run had finished and
    both are new), a stopped run leaves no temporary files (a killed one's are cleared
    by the next run), and the next run succeeds."""
    import os
    import signal
    import subprocess
    import time

    out = tmp_path / "out"
    cli = [sys.executable, "-m", "cjresearch.report.cli", "report", str(project / "report.yaml")]
    cli += ["--out", str(out)]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}

    def run(title: str) -> subprocess.Popen[bytes]:
        cfg = yaml.safe_load((project / "report.yaml").read_text())
        cfg["title"] = title
        (project / "report.yaml").write_text(yaml.safe_dump(cfg))
        log = (tmp_path / f"{title}.log").open("wb")  # a pipe nobody reads could fill
        return subprocess.Popen(cli, env=env, stdout=log, stderr=subprocess.STDOUT)

    assert run("Run 0").wait(timeout=300) == 0
    points = [
        ("SIGINT", 0.5), ("SIGINT", 2.0), ("SIGKILL", 1.0), ("SIGKILL", 3.0),
        ("kernel", 0.0), ("SIGINT", 6.0),
    ]  # fmt: skip
    stopped = 0
    for i, (how, delay) in enumerate(points, start=1):
        before_page = (out / "report.html").read_bytes()
        before_tables = {p.name: p.read_bytes() for p in (out / "tables").glob("*")}
        proc = run(f"Run {i}")
        if how == "kernel":  # a section kernel dies while it runs
            deadline = time.monotonic() + 60
            while not (kernels := _kernel_pids(proc.pid)) and time.monotonic() < deadline:
                time.sleep(0.05)
            for pid in kernels[:1]:
                os.kill(pid, signal.SIGKILL)
        else:
            time.sleep(delay)
            if proc.poll() is None:
                proc.send_signal(getattr(signal, how))
        try:
            code = proc.wait(timeout=300)
        except subprocess.TimeoutExpired:
            proc.kill()
            log = (tmp_path / f"Run {i}.log").read_text(errors="replace")[-3000:]
            raise AssertionError(f"{how} at {delay}s: the run did not end\n{log}") from None
        page = (out / "report.html").read_bytes()
        tables = {p.name: p.read_bytes() for p in (out / "tables").glob("*")}
        if code == 0:  # finished before the signal: the new report, whole
            assert f"Run {i}".encode() in page and page.rstrip().endswith(b"</html>")
        else:
            stopped += 1
            assert page == before_page, f"{how} at {delay}s changed the page"
            assert tables == before_tables, f"{how} at {delay}s changed the tables"
        if how != "SIGKILL":
            assert _stray(out) == [], f"{how} left {_stray(out)}"
    assert stopped >= len(points) // 2, "the signals came too late to test anything"
    assert run("Run after").wait(timeout=300) == 0
    assert b"Run after" in (out / "report.html").read_bytes() and _stray(out) == []
    request.node.user_properties.append(("fault points", len(points)))


@pytest.mark.slow
def test_two_runs_of_one_report_at_once_never_mix(
    project: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Started together, one run writes the report and the other is refused by name."""
    import subprocess

    out = tmp_path / "out"
    cli = [sys.executable, "-m", "cjresearch.report.cli", "report", str(project / "report.yaml")]
    cli += ["--out", str(out)]
    logs = [tmp_path / f"run{i}.log" for i in range(2)]
    procs = [subprocess.Popen(cli, stdout=log.open("wb"), stderr=subprocess.STDOUT) for log in logs]
    results = [
        (p.wait(timeout=300), log.read_text(errors="replace"))
        for p, log in zip(procs, logs, strict=True)
    ]
    codes = sorted(code for code, _ in results)
    assert codes[0] == 0, results
    if codes[1] != 0:  # the usual case: they overlapped
        assert any("another run is writing the report" in text for _, text in results), results
    assert (out / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    request.node.user_properties.append(("concurrent runs", 2))


@pytest.mark.slow
@pytest.mark.xdist_group("determinism")
def test_the_same_inputs_give_byte_identical_tables(tmp_path: Path) -> None:
    """Two runs of the sample report under different hash seeds and thread counts write
    byte-identical tables (bootstrap resamples use fixed seeds: ``seed=0`` unless given)."""
    import os
    import subprocess

    tables = []
    for seed, threads in (("0", "1"), ("4321", "2")):
        out = tmp_path / f"run-{seed}"
        env = {
            **os.environ,
            "PYTHONHASHSEED": seed,
            "OMP_NUM_THREADS": threads,
            "OPENBLAS_NUM_THREADS": threads,
            "MKL_NUM_THREADS": threads,
        }
        cmd = [sys.executable, "-m", "cjresearch.report.cli", "report"]
        cmd += [str(SAMPLE_DIR / "report.yaml"), "--out", str(out)]
        done = subprocess.run(
            cmd, check=False, env=env, capture_output=True, text=True, timeout=900
        )
        assert done.returncode == 0, done.stderr[-2000:]
        tables.append({p.name: p.read_bytes() for p in sorted((out / "tables").glob("*.csv"))})
    assert len(tables[0]) >= 10
    differ = [name for name in tables[0] if tables[0][name] != tables[1].get(name)]
    assert tables[0].keys() == tables[1].keys() and not differ, differ


@pytest.mark.slow
def test_a_full_disk_while_writing_leaves_the_previous_report(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    """The disk fills while the page or an exported table is written: the error says so in
    plain words, the previous page and tables stay byte-identical and no temporary file
    is left; the next run succeeds."""
    import errno

    write_nb(
        project / "exp.ipynb",
        "import pandas as pd\nfrom cjresearch.report.runner import table",
        "table(pd.DataFrame({'n': [1, 2]}), export='counts')",
        "table(pd.DataFrame({'m': [3]}), export='more')",
        params="language = 'en'\nevents = 'x.csv'",
    )
    cfg = yaml.safe_load((project / "report.yaml").read_text())
    cfg["sections"] = ["exp.ipynb"]
    (project / "report.yaml").write_text(yaml.safe_dump(cfg))
    out = tmp_path / "out"
    build_report(project / "report.yaml", out=out)
    assert (out / "tables" / "counts.csv").is_file()

    def files() -> dict[Path, bytes]:
        found = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        return {k: v for k, v in found.items() if k.parts[0] not in ("_debug", "_cache")}

    before = files()
    real = Path.write_text
    for victim in (".report.html.", "more.csv"):  # the page, then the second table

        def full(self: Path, data: str, *args: object, victim: str = victim, **kw: object) -> int:
            if self.name.startswith(victim):  # half written, then the disk is full
                real(self, data[: len(data) // 2], *args, **kw)  # type: ignore[arg-type]
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(self, data, *args, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "write_text", full)
        with pytest.raises(ReportError, match="No space left on device; the previous report"):
            build_report(project / "report.yaml", out=out)
        monkeypatch.undo()
        assert files() == before, victim
        assert _stray(out) == [], victim
    build_report(project / "report.yaml", out=out)  # the next run succeeds
    request.node.user_properties.append(("fault points", 2))
