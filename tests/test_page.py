"""The sample report's page in a real browser (headless Chromium, no network), in English
and Brazilian Portuguese: a laptop-wide layout, a numbered table of contents that stays in
view, tables and charts that draw, and screenshots kept in tests/artifacts/.

Slow: each language builds the whole sample report (a few minutes on two cores).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ARTIFACTS

from cjresearch.core.i18n import LANGUAGES
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.report.runner import build_report

pytestmark = pytest.mark.slow

VIEWPORT = (1440, 900)
LANGS = [
    "en",
    pytest.param(
        "pt-BR",
        marks=pytest.mark.skipif(
            "pt-BR" not in LANGUAGES,
            reason="cjresearch.core.i18n.LANGUAGES has no pt-BR yet (added on the locale branch)",
        ),
    ),
]
# a number in exponent notation, not a run of letters and digits such as a file hash
EXPONENT = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?[eE][-−+]?\d+(?!\w)")
BOOLEAN = re.compile(r"\b(True|False)\b")

# everything the tests below need, read in one visit of the page
_READ_JS = """() => {
  const nav = document.querySelector('nav.cjr-toc');
  const main = document.querySelector('main');
  const items = Array.from(nav.querySelectorAll('li')).map(li => ({
    number: li.querySelector(':scope > a > .cjr-toc-num').textContent.trim(),
    parent: li.parentElement.closest('li')
      ? li.parentElement.closest('li').querySelector(':scope > a > .cjr-toc-num')
          .textContent.trim()
      : null,
    target: li.querySelector(':scope > a').getAttribute('href'),
  }));
  const cells = Array.from(document.querySelectorAll('main table.cjr-table td, ' +
                                                     'main table.cjr-table th'))
    .map(c => c.innerText.trim());
  window.scrollTo(0, document.documentElement.scrollHeight);
  return new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
    const box = nav.getBoundingClientRect();
    resolve({
      items: items,
      cells: cells,
      ticks: Array.from(document.querySelectorAll('.cjr-chart svg .role-axis-label text'))
        .map(t => t.textContent.trim()),
      missing: items.filter(i => !document.getElementById(i.target.slice(1))).length,
      scrolled: window.scrollY,
      toc: {top: box.top, bottom: box.bottom, position: getComputedStyle(nav).position},
      main: main.getBoundingClientRect().width,
      viewport: window.innerWidth,
    });
  })));
}"""


@dataclass
class Seen:
    language: str
    check: Any  # browser.PageCheck
    page: dict[str, Any]


def _config(language: str, folder: Path) -> Path:
    """The sample configuration in ``language``, its data paths pointing at data/sample."""
    cfg = yaml.safe_load((SAMPLE_DIR / "report.yaml").read_text(encoding="utf-8"))
    cfg["language"] = language
    cfg["journey"] = str(SAMPLE_DIR / cfg["journey"])
    cfg["data"] = {k: str(SAMPLE_DIR / v) for k, v in cfg["data"].items()}
    path = folder / "report.yaml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=LANGS)
def seen(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Seen:
    """The sample report built in one language and read once in Chromium at 1440x900."""
    import warnings

    from browser import check_page

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    language = request.param
    folder = tmp_path_factory.mktemp(f"page-{language}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = build_report(_config(language, folder), out=folder / "out")
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / f"report-{language}"

    def look(page: Any) -> dict[str, Any]:
        for name, selector in (
            ("painpoints", "#evidence-painpoints"),
            ("journeymap", "main .cjr-table-wrap:has(table.cjr-journey-map)"),
        ):
            element = page.query_selector(selector)
            if element is not None:
                element.scroll_into_view_if_needed()
                element.screenshot(path=f"{stem}-{name}.png")
        page.evaluate("() => window.scrollTo(0, 0)")
        return page.evaluate(_READ_JS)

    check = check_page(report, screenshot=Path(f"{stem}-first.png"), then=look, viewport=VIEWPORT)
    return Seen(language, check, check.extra)


def test_page_opens_offline_and_draws_every_chart(seen: Seen) -> None:
    check = seen.check
    assert check.blocked == []
    assert check.specs >= 12 and check.drawn == [1] * check.specs
    assert check.console_errors == [] and check.page_errors == []
    for name in ("first", "painpoints", "journeymap"):
        assert (ARTIFACTS / f"report-{seen.language}-{name}.png").is_file(), name


def test_toc_numbers_are_consecutive_per_level(seen: Seen) -> None:
    items = seen.page["items"]
    assert len(items) >= 10 and seen.page["missing"] == 0  # every entry lands on a heading
    top = [i["number"] for i in items if i["parent"] is None]
    assert top == [str(k) for k in range(1, len(top) + 1)]
    assert len(top) >= 4  # the key findings and the three titled sections, at least
    for parent in top:
        subs = [i["number"] for i in items if i["parent"] == parent]
        assert subs == [f"{parent}.{k}" for k in range(1, len(subs) + 1)]
    assert sum(i["parent"] is not None for i in items) >= 10


def test_toc_stays_in_view_and_the_report_uses_the_width(seen: Seen) -> None:
    page = seen.page
    assert page["viewport"] == VIEWPORT[0]
    assert page["scrolled"] > 5 * VIEWPORT[1]  # really at the bottom of a long page
    assert page["toc"]["position"] == "sticky"
    assert 0 <= page["toc"]["top"] < VIEWPORT[1] and page["toc"]["bottom"] > 0
    assert page["main"] >= 0.6 * VIEWPORT[0]


def test_table_cells_show_no_exponents_or_booleans(seen: Seen) -> None:
    cells = seen.page["cells"]
    assert len(cells) > 1000
    assert [c for c in cells if EXPONENT.search(c)] == []
    assert [c for c in cells if BOOLEAN.search(c)] == []


def test_chart_axes_write_numbers_in_the_report_locale(seen: Seen) -> None:
    """Tick labels use the page language's decimal mark (vega-embed's formatLocale)."""
    from cjresearch.core.formats import d3_locale

    ticks = seen.page["ticks"]
    assert len(ticks) > 50
    mark = d3_locale(seen.language)["formatLocale"]["decimal"]
    other = "," if mark == "." else "."
    decimals = [t for t in ticks if re.search(r"\d[.,]\d", t)]
    assert any(mark in t for t in decimals)
    # a decimal fraction written with the other mark (not a group of three digits)
    assert [
        t for t in decimals if re.fullmatch(rf"[-−]?\d+{re.escape(other)}\d{{1,2}}\s*%?", t)
    ] == []
