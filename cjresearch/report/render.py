"""Render executed section notebooks into one self-contained, offline HTML page.

The report runner (:mod:`cjresearch.report.runner`) executes the notebooks; this
module only turns their outputs into a page:

* input cells, prompts and code are dropped (nbconvert's ``basic`` template
  with ``exclude_input``), as are widget state and JavaScript outputs, which
  would pull scripts from a CDN;
* the only scripts allowed in cell outputs are the chart blocks written by
  :func:`cjresearch.report.display.show` (exported here and by the runner); any other ``<script>`` aborts the report,
  because it usually means unescaped respondent text;
* the Vega bundle from ``vl_convert`` is inlined once in the ``<head>`` as a
  module script that announces itself with the ``cjr:vega-ready`` event;
* Python warnings printed by a cell are kept as a short note (category and
  message, without the file path that ``warnings`` prefixes); other stderr
  output stays in the executed notebook kept for debugging;
* known local directories are scrubbed from the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from cjresearch.core.errors import ReportError
from cjresearch.core.formats import d3_locale
from cjresearch.core.formats import period as format_period
from cjresearch.core.i18n import TEXTS, column_label
from cjresearch.core.i18n import text as _label
from cjresearch.core.vega import EMBED_OPTIONS, script_json, vega_bundle
from cjresearch.report.display import (
    CHART_CLASS,
    DRAW_CLASS,
    MAX_CHART_ROWS,
    READY_EVENT,
    SPEC_CLASS,
    Shown,
    show,
    table,
)

__all__ = [
    "CHART_CLASS",
    "MAX_CHART_ROWS",
    "READY_EVENT",
    "SPEC_CLASS",
    "WIDE_COLUMNS",
    "Section",
    "Shown",
    "render_page",
    "show",
    "table",
    "toc_entries",
    "vega_bundle",
    "wrap_tables",
]

_KEEP_MIMETYPES = {"text/html", "text/markdown", "text/plain", "image/png", "image/svg+xml"}
_WARNING_RE = re.compile(r"^\S.*?:\d+: (\w*Warning): (.*)$")
_ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_SCRIPT_RE = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    """One executed notebook of the report.

    Parameters
    ----------
    name : str
        Notebook name shown in error messages (``"overview.ipynb"``).
    notebook : nbformat.NotebookNode
        The executed notebook.
    """

    name: str
    notebook: Any


# -- cleaning the executed notebooks ----------------------------------------------------
def _clean_outputs(section: Section, language: str = "en") -> Any:
    """A copy of the notebook holding only what a client may see."""
    import nbformat  # here, not at the top: section kernels import this module (show, table),
    #                  and nbformat's schema checker costs them seconds of start-up

    nb = nbformat.from_dict(section.notebook)
    nb.metadata.pop("widgets", None)
    number = 0
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["outputs"] = []
            continue
        number += 1
        if cell.cell_type == "raw":
            cell.source = ""
            continue
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                raise ReportError(
                    f"{section.name}, cell {number}: the executed notebook holds "
                    f"an error ({out.get('ename')}); the report was not written"
                )
            if kind == "stream":
                if out.get("name") == "stderr":
                    note = _warning_note(out.get("text", ""), language)
                    if note:
                        outputs.append(
                            nbformat.v4.new_output("display_data", data={"text/html": note})
                        )
                    continue
                outputs.append(out)
                continue
            data = {k: v for k, v in out.get("data", {}).items() if k in _KEEP_MIMETYPES}
            if not data:
                continue
            html_out = data.get("text/html")
            if html_out is not None:
                _check_scripts("".join(html_out), section.name, number)
            out["data"] = data
            out["metadata"] = {}
            outputs.append(out)
        cell["outputs"] = outputs
    return nb


def _warning_note(text: str, language: str = "en") -> str:
    """Python warnings in a stderr stream as a note for the client, in ``language``.

    Each kind of warning the package raises has its client text (``warning.<category>``
    in :mod:`cjresearch.core.i18n`), other warnings a general one; the warning's own
    message is written for the analyst and stays in the executed notebook (``_debug/``).

    Examples
    --------
    >>> _warning_note("/x/y.py:3: SmallSampleWarning: only 12 in 'b' (min_base=30)", "it")[:60]
    '<div class="cjr-note"><ul><li>Alcuni valori qui si basano su'
    """
    found = []
    for line in _ANSI_RE.sub("", text).splitlines():
        m = _WARNING_RE.match(line)
        if m:
            key = f"warning.{m.group(1)}"
            found.append(_label(key if key in TEXTS else "warning.other", language))
    if not found:
        return ""
    items = "".join(f"<li>{html.escape(w)}</li>" for w in dict.fromkeys(found))
    return f'<div class="cjr-note"><ul>{items}</ul></div>'


def _check_scripts(text: str, name: str, number: int) -> None:
    for m in _SCRIPT_RE.finditer(text):
        attrs = m.group(1)
        if SPEC_CLASS in attrs or DRAW_CLASS in attrs:
            if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
                break
            continue
        break
    else:
        return
    raise ReportError(
        f"{name}, cell {number}: the output contains a <script> element that is not a "
        "cjresearch chart. Tables must be escaped: display data frames directly or with "
        "cjresearch.report.runner.table(), and charts with cjresearch.report.runner.show()"
    )


# -- headings and table of contents -----------------------------------------------------
class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str, str]] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3"):
            self._open = (int(tag[1]), dict(attrs).get("id") or "")
            self._text = []
        elif tag == "a" and self._open and "anchor-link" in (dict(attrs).get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._skip:
            self._skip -= 1
        elif self._open and tag == f"h{self._open[0]}":
            self.found.append((self._open[0], self._open[1], "".join(self._text).strip()))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open and not self._skip:
            self._text.append(data)


def toc_entries(found: Sequence[tuple[int, str, str]]) -> list[tuple[str, str, str]]:
    """Hierarchical numbers of the ``h1`` and ``h2`` headings: ``(number, anchor, text)``.

    An ``h2`` under an ``h1`` is numbered within it (1, 1.1, 1.2, 2 ...); an
    ``h2`` before the first ``h1`` (a section that opens without a title) is
    numbered at the top level.  Headings without an id or text are left out.

    Examples
    --------
    >>> found = [(2, "k", "Key"), (1, "s", "Survey"), (2, "a", "A"), (2, "b", "B"),
    ...          (1, "p", "Pain"), (3, "x", "deep")]
    >>> [n for n, _, _ in toc_entries(found)]
    ['1', '2', '2.1', '2.2', '3']
    """
    entries: list[tuple[str, str, str]] = []
    top, sub, under_h1 = 0, 0, False
    for level, anchor, text in found:
        if not (anchor and text) or level > 2:
            continue
        if level == 1 or not under_h1:
            top, sub = top + 1, 0
            under_h1 = under_h1 or level == 1
            entries.append((str(top), anchor, text))
        else:
            sub += 1
            entries.append((f"{top}.{sub}", anchor, text))
    return entries


def _toc(body: str, language: str) -> str:
    """The table of contents: a nested ordered list whose items carry their numbers."""
    parser = _Headings()
    parser.feed(body)
    entries = toc_entries(parser.found)
    if not entries:
        return ""
    out: list[str] = []
    open_sub = False
    for i, (number, anchor, text) in enumerate(entries):
        level = number.count(".") + 1
        if level == 1 and open_sub:
            out.append("</li></ol></li>")
            open_sub = False
        elif level == 1 and i:
            out.append("</li>")
        if level == 2 and not open_sub:
            out.append("<ol>")
            open_sub = True
        elif level == 2:
            out.append("</li>")
        out.append(
            f'<li class="cjr-toc-h{level}"><a href="#{html.escape(anchor, quote=True)}">'
            f'<span class="cjr-toc-num">{number}</span> {html.escape(text)}</a>'
        )
    out.append("</li></ol></li>" if open_sub else "</li>")
    return (
        '<nav class="cjr-toc">'
        f'<h2 class="cjr-toc-title">{_label("contents", language)}</h2>'
        f"<ol>{''.join(out)}</ol></nav>"
    )


# -- the page --------------------------------------------------------------------------
# The page: one column up to 1440px wide; from 1100px on, the contents sit in a sticky
# sidebar beside the report.  Tables scroll sideways in their own box (the first column
# stays put on wide tables); charts shrink to their column.  Printed (or saved as PDF),
# the page is one black-on-white column without the contents, tables and charts kept
# whole where they fit on a page.
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;
color:#1f2933;background:#fff;line-height:1.5}
.cjr-page{max-width:1440px;margin:0 auto;padding:2rem 1.5rem 0;box-sizing:border-box}
.cjr-title{border-bottom:3px solid #3b6ea5;margin-bottom:1.5rem;padding-bottom:1rem}
.cjr-title h1{margin:0 0 .25rem;font-size:2rem}
.cjr-title p{margin:0;color:#52606d}
.cjr-layout{display:block}
.cjr-body{min-width:0}
.cjr-main p,.cjr-main li{max-width:80ch}
.cjr-toc{font-size:.9rem;margin-bottom:2rem}
.cjr-toc-title{font-size:1.1rem;margin:0 0 .5rem}
.cjr-toc ol{list-style:none;margin:0;padding-left:0}
.cjr-toc ol ol{padding-left:1.9rem;margin:.15rem 0 .4rem}
.cjr-toc li{margin:.15rem 0}
.cjr-toc a{color:#1f4e79;text-decoration:none;display:flex}
.cjr-toc a:hover{text-decoration:underline}
.cjr-toc-num{flex:none;min-width:1.9rem;color:#52606d;
font-variant-numeric:tabular-nums}
.cjr-toc-h1>a{font-weight:600}
@media (min-width:1100px){
.cjr-has-toc{display:grid;grid-template-columns:16rem minmax(0,1fr);gap:2.5rem;
align-items:start}
.cjr-toc{position:sticky;top:1rem;max-height:calc(100vh - 2rem);overflow-y:auto;
margin:0;padding-right:.5rem;border-right:1px solid #d9e2ec}
}
.cjr-table-wrap{overflow-x:auto;max-width:100%;margin:.75rem 0}
.cjr-details{margin:-.25rem 0 1rem;font-size:.9em}
.cjr-details>summary{cursor:pointer;color:#555}
.cjr-table-wrap table{margin:0}
.cjr-wide th:first-child,.cjr-wide td:first-child{position:sticky;left:0;z-index:1;
background:#fff;box-shadow:1px 0 0 #d9e2ec}
.cjr-wide thead th:first-child{background:#f0f4f8}
table{border-collapse:collapse;margin:.75rem 0;font-size:.9rem}
th,td{border-bottom:1px solid #d9e2ec;padding:.25rem .6rem;text-align:right}
th{background:#f0f4f8}
.cjr-chart{margin:1rem 0;min-height:2rem;max-width:100%;overflow-x:auto}
.cjr-chart svg{max-width:100%;height:auto}
.cjr-note{background:#fff8e1;border-left:4px solid #f0b429;padding:.25rem .75rem;
font-size:.85rem}
.anchor-link{display:none}
.jp-OutputArea-output pre,.output_text pre{white-space:pre-wrap}
.cjr-provenance{margin-top:3rem;padding-bottom:3rem;border-top:1px solid #d9e2ec;
font-size:.85rem}
.cjr-provenance td,.cjr-provenance th{text-align:left;vertical-align:top}
.cjr-provenance code{word-break:break-all}
@media print{
@page{margin:16mm 14mm}
body{color:#000;background:#fff;font-size:10pt;line-height:1.35}
.cjr-page{max-width:none;padding:0}
.cjr-layout,.cjr-has-toc{display:block}
.cjr-toc,.vega-bindings,.vega-actions{display:none!important}
.cjr-title{border-bottom-color:#000}
.cjr-title p,.cjr-toc-num{color:#000}
a{color:#000;text-decoration:none}
h1,h2,h3,.cjr-caption{break-after:avoid;page-break-after:avoid}
.cjr-section+.cjr-section{break-before:page}
table,.cjr-chart,.cjr-note,.cjr-evidence,.cjr-journey-map,tr,img,svg{break-inside:avoid;
page-break-inside:avoid}
thead{display:table-header-group}
.cjr-table-wrap,.cjr-chart{overflow:visible}
.cjr-wide th:first-child,.cjr-wide td:first-child{position:static;box-shadow:none}
table{font-size:8pt}
th{background:#eee!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}
th,td{border-bottom-color:#999}
.cjr-note{background:none;border-left-color:#000}
}
"""


def warm_up() -> None:
    """Load what rendering a page needs (nbconvert and its templates, the Vega bundle)
    ahead of time: the runner does it while the section kernels finish."""
    import nbformat

    vega_bundle()
    _section_body(
        Section(
            "warm-up", nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("warm-up")])
        )
    )


def _section_body(section: Section, language: str = "en") -> str:
    from nbconvert import HTMLExporter

    nb = _clean_outputs(section, language)
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",
    )
    body, _ = exporter.from_notebook_node(nb)
    return body


_TABLE_HEAD = re.compile(
    r'(<table[^>]*class="[^"]*cjr-table[^"]*"[^>]*>\s*<thead>)(.*?)(</thead>)', re.DOTALL
)
_TH = re.compile(r"(<th[^>]*>)([^<>]*)(</th>)")


def translate_headers(body: str, language: str) -> str:
    """Headers of shared result columns of :func:`table` tables in ``language``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = table(pd.DataFrame({"estimate": [0.5], "segment": ["a"], "own": [1]})).data
    >>> re.findall(r"<th>([^<]*)</th>", translate_headers(t, "ro"))
    ['Estimare', 'Segment', 'own']
    >>> re.findall(r"<th>([^<]*)</th>", translate_headers(t, "en"))
    ['Estimate', 'Segment', 'own']
    """

    def head(m: re.Match[str]) -> str:
        cells = _TH.sub(
            lambda c: (
                c.group(1)
                + html.escape(column_label(html.unescape(c.group(2)), language))
                + c.group(3)
            ),
            m.group(2),
        )
        return m.group(1) + cells + m.group(3)

    return _TABLE_HEAD.sub(head, body)


#: Tables with more columns than this keep their first column in view while they scroll.
WIDE_COLUMNS = 8
_TABLE = re.compile(r'<table[^>]*class="[^"]*cjr-table[^"]*"[^>]*>.*?</table>', re.DOTALL)
_HEAD_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.DOTALL)


def wrap_tables(body: str) -> str:
    """Put every :func:`table` table in a box that scrolls sideways within the page.

    The cells are left as they are.  A table of more than :data:`WIDE_COLUMNS`
    columns is marked ``cjr-wide``: its first column (the row's name) stays in
    view while the rest scrolls.

    Examples
    --------
    >>> import pandas as pd
    >>> narrow = table(pd.DataFrame({"a": [1]})).data
    >>> wrap_tables(narrow).startswith('<div class="cjr-table-wrap">')
    True
    >>> wide = table(pd.DataFrame({f"c{i}": [i] for i in range(12)})).data
    >>> wrap_tables(wide).startswith('<div class="cjr-table-wrap cjr-wide">')
    True
    """

    def wrap(m: re.Match[str]) -> str:
        head = _HEAD_ROW.search(m.group(0))
        columns = len(re.findall(r"<t[hd][\s>]", head.group(1))) if head else 0
        kind = "cjr-table-wrap cjr-wide" if columns > WIDE_COLUMNS else "cjr-table-wrap"
        return f'<div class="{kind}">{m.group(0)}</div>'

    return _TABLE.sub(wrap, body)


def _unique_ids(body: str, prefix: str, seen: set[str]) -> str:
    """Rename heading ids already used by an earlier section (and their links)."""
    ids = re.findall(r'<h[1-6] id="([^"]+)"', body)
    for old in ids:
        if old in seen:
            new = f"{prefix}-{old}"
            body = body.replace(f'id="{old}"', f'id="{new}"').replace(
                f'href="#{old}"', f'href="#{new}"'
            )
            seen.add(new)
        else:
            seen.add(old)
    return body


def render_page(
    sections: Sequence[Section],
    *,
    title: str,
    client: str,
    period: str,
    language: str,
    provenance_html: str,
    scrub: Iterable[str] = (),
    replacements: Mapping[str, str] | None = None,
    currency: str = "EUR",
) -> str:
    """Assemble the report page from executed sections.

    Parameters
    ----------
    sections : sequence of Section
        The executed notebooks, in report order.
    title, client, period, language : str
        The title block and the page language.
    provenance_html : str
        The provenance block (already HTML).
    scrub : iterable of str
        Local directories that must not appear in the page; each is replaced
        by ``"…"`` (longest first).
    replacements : mapping, optional
        Exact strings to replace before scrubbing (e.g. a data directory by
        its name relative to the config file).
    currency : str
        ISO 4217 code of the money on the charts' axes.

    Returns
    -------
    str
        The complete HTML document.
    """
    bodies = []
    seen: set[str] = set()
    for section in sections:
        anchor = re.sub(r"[^a-z0-9]+", "-", section.name.lower()).strip("-")
        inner = wrap_tables(translate_headers(_section_body(section, language), language))
        bodies.append(
            f'<section class="cjr-section" id="section-{anchor}">'
            f"{_unique_ids(inner, anchor, seen)}</section>"
        )
    body = _scrub("\n".join(bodies), scrub, replacements)
    provenance_html = _scrub(provenance_html, scrub, replacements)
    toc = _toc(body, language)
    # the footer shares the report's column, so that the sticky contents stay in view
    # down to the end of the page (a sticky box never leaves its containing block)
    layout = "cjr-layout cjr-has-toc" if toc else "cjr-layout"
    return f"""<!DOCTYPE html>
<html lang="{html.escape(language, quote=True)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cjresearch">
<title>{html.escape(title)} - {html.escape(client)}</title>
<style>{_CSS}</style>
<script class="cjr-locale">window.{EMBED_OPTIONS} = {script_json(d3_locale(language, currency))};</script>
<script type="module">
{vega_bundle()}
</script>
</head>
<body>
<div class="cjr-page">
<header class="cjr-title">
<h1>{html.escape(title)}</h1>
<p class="cjr-client">{html.escape(client)}</p>
<p class="cjr-period">{_label("period", language)}: {html.escape(format_period(period, language))}</p>
</header>
<div class="{layout}">
{toc}
<div class="cjr-body">
<main class="cjr-main">
{body}
</main>
<footer class="cjr-provenance" id="provenance">
<h2>{_label("about", language)}</h2>
{provenance_html}
</footer>
</div>
</div>
</div>
</body>
</html>
"""


def _scrub(text: str, scrub: Iterable[str], replacements: Mapping[str, str] | None) -> str:
    """Replace local paths (the Vega bundle is left alone: it holds no paths)."""
    for old, new in sorted((replacements or {}).items(), key=lambda kv: -len(kv[0])):
        if old:
            text = text.replace(old, new)
    for root in sorted({r for r in scrub if r and len(r) > 1}, key=len, reverse=True):
        text = text.replace(root, "…")
    return text
