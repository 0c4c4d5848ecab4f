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

import contextlib
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

from cjresearch.core.errors import ReportError
from cjresearch.core.formats import period as format_period
from cjresearch.core.i18n import TEXTS, column_label
from cjresearch.core.i18n import text as _label
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
    "Section",
    "Shown",
    "render_page",
    "show",
    "table",
    "vega_bundle",
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


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """The Vega, Vega-Lite and Vega-Embed bundle as one module script body.

    ``vl_convert.javascript_bundle()`` returns a self-contained script with no
    imports that ends by assigning ``window.vegaEmbed``; it is inlined once
    per page, followed by the dispatch of :data:`READY_EVENT`.

    Examples
    --------
    >>> js = vega_bundle()
    >>> "window.vegaEmbed" in js and "</script" not in js.lower()
    True
    """
    js = _cached_bundle()
    low = js.lower()
    if "</script" in low or "<!--" in low or "<script" in low:
        # Inside a <script> element these sequences end or confuse the element.
        raise ReportError(
            "the Vega bundle of vl_convert contains a '<script' or '<!--' "
            "sequence and cannot be inlined safely; pin another "
            "vl-convert-python version"
        )
    return js + f"\nwindow.dispatchEvent(new Event({READY_EVENT!r}));\n"


def _cached_bundle() -> str:
    """``vl_convert.javascript_bundle()``, kept in the user's cache folder per vl-convert
    version (building it takes seconds, and every report needs the same text)."""
    import vl_convert

    from cjresearch.core.paths import atomic_write, cache_dir

    folder = cache_dir()
    version = str(getattr(vl_convert, "__version__", "unknown"))
    cached = folder / f"vega-bundle-{version}.js" if folder is not None else None
    if cached is not None and cached.is_file():
        try:
            js = cached.read_text(encoding="utf-8")
            if "window.vegaEmbed" in js:  # written whole (atomically), or not at all
                return js
        except (OSError, UnicodeDecodeError):
            pass
    js = vl_convert.javascript_bundle()  # type: ignore[call-arg]
    if cached is not None:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            atomic_write(cached, js)
    return js


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


def _toc(body: str, language: str) -> str:
    parser = _Headings()
    parser.feed(body)
    items = [
        f'<li class="cjr-toc-h{level}"><a href="#{html.escape(anchor, quote=True)}">'
        f"{html.escape(text)}</a></li>"
        for level, anchor, text in parser.found
        if anchor and text and level <= 2
    ]
    if not items:
        return ""
    return (
        f'<nav class="cjr-toc"><h2 class="cjr-toc-title">{_label("contents", language)}'
        f"</h2><ol>{''.join(items)}</ol></nav>"
    )


# -- the page --------------------------------------------------------------------------
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;
color:#1f2933;background:#fff;line-height:1.5}
.cjr-page{max-width:960px;margin:0 auto;padding:2rem 1.5rem 4rem}
.cjr-title{border-bottom:3px solid #3b6ea5;margin-bottom:1.5rem;padding-bottom:1rem}
.cjr-title h1{margin:0 0 .25rem;font-size:2rem}
.cjr-title p{margin:0;color:#52606d}
.cjr-toc ol{padding-left:1.25rem}.cjr-toc-h2{margin-left:1rem}
.cjr-toc-title{font-size:1.1rem}
table{border-collapse:collapse;margin:.75rem 0;font-size:.9rem}
th,td{border-bottom:1px solid #d9e2ec;padding:.25rem .6rem;text-align:right}
th{background:#f0f4f8}
.cjr-chart{margin:1rem 0;min-height:2rem}
.cjr-note{background:#fff8e1;border-left:4px solid #f0b429;padding:.25rem .75rem;
font-size:.85rem}
.anchor-link{display:none}
.jp-OutputArea-output pre,.output_text pre{white-space:pre-wrap}
.cjr-provenance{margin-top:3rem;border-top:1px solid #d9e2ec;font-size:.85rem}
.cjr-provenance td,.cjr-provenance th{text-align:left;vertical-align:top}
.cjr-provenance code{word-break:break-all}
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

    Returns
    -------
    str
        The complete HTML document.
    """
    bodies = []
    seen: set[str] = set()
    for section in sections:
        anchor = re.sub(r"[^a-z0-9]+", "-", section.name.lower()).strip("-")
        inner = translate_headers(_section_body(section, language), language)
        bodies.append(
            f'<section class="cjr-section" id="section-{anchor}">'
            f"{_unique_ids(inner, anchor, seen)}</section>"
        )
    body = _scrub("\n".join(bodies), scrub, replacements)
    provenance_html = _scrub(provenance_html, scrub, replacements)
    return f"""<!DOCTYPE html>
<html lang="{html.escape(language, quote=True)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cjresearch">
<title>{html.escape(title)} - {html.escape(client)}</title>
<style>{_CSS}</style>
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
{_toc(body, language)}
<main>
{body}
</main>
<footer class="cjr-provenance" id="provenance">
<h2>{_label("about", language)}</h2>
{provenance_html}
</footer>
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
