"""What section notebooks display: charts (:func:`show`) and tables (:func:`table`).

Both write HTML that the report page (:mod:`cjresearch.report.render`) can take
as it is: a chart is a ``<div>``, its Vega-Lite spec as escaped JSON and a small
script that draws it once the page's Vega bundle is ready; a table is escaped
HTML (safe for respondent text), optionally carrying an export payload
(:mod:`cjresearch.report.exports`).  :mod:`cjresearch.report.runner` exports
both functions.
"""

from __future__ import annotations

import html
import json
import uuid
from collections.abc import Mapping
from typing import Any

from cjresearch.core.errors import DataValidationError
from cjresearch.core.tables import html_table
from cjresearch.core.vega import EMBED_OPTIONS, READY_EVENT, script_json

__all__ = [
    "CHART_CLASS",
    "DRAW_CLASS",
    "MAX_CHART_ROWS",
    "READY_EVENT",
    "SPEC_CLASS",
    "Shown",
    "show",
    "table",
]

#: Most data rows a chart may embed in a report.
MAX_CHART_ROWS = 5000

#: CSS class of the ``<div>`` a chart is drawn into.
CHART_CLASS = "cjr-chart"
#: CSS class of the ``<script type="application/json">`` holding a chart spec.
SPEC_CLASS = "cjr-spec"
#: CSS class of the small script that draws one chart.
DRAW_CLASS = "cjr-draw"


class Shown:
    """What :func:`show` and :func:`table` return in a running kernel.

    The output was displayed when the function was called, so that a chart or
    table is never lost because it was not the last expression of its cell;
    displaying this object again shows nothing.  ``data`` holds the HTML.
    """

    def __init__(self, data: str) -> None:
        self.data = data

    def _ipython_display_(self) -> None:
        return None


def _displayed(obj: Any) -> Any:
    """Display ``obj`` now when running in IPython; else return it (doctests, scripts)."""
    try:
        from IPython.core.interactiveshell import InteractiveShell
    except ImportError:  # pragma: no cover - IPython ships with ipykernel
        return obj
    if not InteractiveShell.initialized():
        return obj
    from IPython.display import display

    display(obj)
    return Shown(obj.data)


# -- details -------------------------------------------------------------------------
def _count_rows(spec: Mapping[str, Any]) -> int:
    total = sum(len(v) for v in spec.get("datasets", {}).values() if isinstance(v, list))

    def walk(node: Any) -> int:
        if isinstance(node, dict):
            vals = (
                node.get("data", {}).get("values") if isinstance(node.get("data"), dict) else None
            )
            here = len(vals) if isinstance(vals, list) else 0
            return here + sum(walk(v) for k, v in node.items() if k != "datasets")
        if isinstance(node, list):
            return sum(walk(v) for v in node)
        return 0

    return total + walk({k: v for k, v in spec.items() if k != "datasets"})


def show(chart: Any, *, max_rows: int = MAX_CHART_ROWS) -> Any:
    """Display an altair chart so that it renders offline in the HTML report.

    The output is an ``IPython.display.HTML`` block: a ``<div>``, the chart's
    Vega-Lite spec as escaped JSON, and a small script that calls
    ``vegaEmbed`` (inlined once per page by the report) with
    ``actions: false``.

    Parameters
    ----------
    chart : altair chart or dict
        The chart (anything with ``to_dict()``) or a Vega-Lite spec.
    max_rows : int
        Most data rows the chart may embed; aggregate before charting when
        there are more.

    Returns
    -------
    IPython.display.HTML or Shown
        In a running kernel the block is displayed at once and a :class:`Shown`
        (which displays nothing more) is returned; elsewhere the HTML object.

    Examples
    --------
    >>> import altair as alt, pandas as pd
    >>> c = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q")
    >>> block = show(c)
    >>> "vegaEmbed" in block.data and "</" not in block.data.split("cjr-spec")[1][:200]
    True
    """
    from IPython.display import HTML

    spec = chart if isinstance(chart, Mapping) else chart.to_dict()
    rows = _count_rows(spec)
    if rows > max_rows:
        raise DataValidationError(
            f"the chart embeds {rows} data rows, more than the {max_rows} a report allows",
            fix="aggregate the data before charting (one row per group)",
        )
    from cjresearch.charts.offline import ensure_vega

    ensure_vega()  # in JupyterLab, the bundle once per kernel (the report drops it)
    cid = f"cjr-{uuid.uuid4().hex[:12]}"
    script = f"""(function () {{
  var id = {json.dumps(cid)};
  var el = document.getElementById(id);
  var spec = JSON.parse(document.getElementById(id + "-spec").textContent);
  function draw() {{
    var opts = Object.assign({{actions: false, renderer: "svg"}}, window.{EMBED_OPTIONS} || {{}});
    window.vegaEmbed(el, spec, opts).catch(function (e) {{
      console.error("Vega error in chart " + id + ": " + e);
      el.textContent = "This chart could not be drawn.";
    }});
  }}
  if (window.vegaEmbed) {{ draw(); }}
  else {{
    window.addEventListener({json.dumps(READY_EVENT)}, draw, {{once: true}});
    setTimeout(function () {{  // e.g. in JupyterLab, where the report's bundle is absent
      if (!window.vegaEmbed && !el.hasChildNodes()) {{
        el.textContent = "This chart is drawn in the HTML report; in JupyterLab, " +
          "run the notebook's cells again (the Vega bundle did not load).";
      }}
    }}, 5000);
  }}
}})();"""
    block = (
        f'<div class="{CHART_CLASS}" id="{cid}"></div>\n'
        f'<script type="application/json" class="{SPEC_CLASS}" id="{cid}-spec">'
        f"{script_json(spec)}</script>\n"
        f'<script class="{DRAW_CLASS}">{script}</script>'
    )
    return _displayed(HTML(block))


def table(
    data: Any,
    *,
    caption: str | None = None,
    index: bool = False,
    float_format: str | None = None,
    export: str | None = None,
    anchor: str | None = None,
    language: str | None = None,
    shares: bool = False,
    kinds: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    currency: str = "EUR",
) -> Any:
    """Display a data frame as an escaped HTML table (safe for respondent text).

    A table in a report ``language`` wider than
    :data:`~cjresearch.report.tabletext.READER_COLUMNS` shows the columns a reader
    needs (:func:`~cjresearch.report.tabletext.reader_columns`) and keeps the whole
    table behind a "details" disclosure below it.

    Parameters
    ----------
    data : pandas.DataFrame
        The table.
    caption : str, optional
        A caption above the table (escaped too).
    index : bool
        Show the index.
    float_format : str, optional
        Format of float cells (``"{:.2f}"``); by default numbers are written by
        :mod:`cjresearch.core.formats` (no exponent, no float noise).
    export : str, optional
        Also export the table (full precision) as ``<export>.csv`` and a sheet
        of ``tables.xlsx`` beside the report (see :mod:`cjresearch.report.exports`).
    anchor : str, optional
        An HTML id for the table, so that the key findings can link to it.
    language : str, optional
        Write the table in this report language: headers, codes, ``labels``, numbers,
        shares, p-values, money, yes and no (:func:`cjresearch.report.tabletext.localize`).
        Without it, headers stay column names (the report page translates the shared
        ones) and numbers are written in English.
    shares, kinds, labels, currency
        How numbers and ids read (see :func:`cjresearch.report.tabletext.localize`).

    Returns
    -------
    IPython.display.HTML or Shown
        In a running kernel the block is displayed at once and a :class:`Shown`
        (which displays nothing more) is returned; elsewhere the HTML object.

    Examples
    --------
    >>> import pandas as pd
    >>> t = table(pd.DataFrame({"comment": ["<script>alert(1)</script>"]}))
    >>> "<script>" in t.data, "&lt;script&gt;" in t.data
    (False, True)
    """
    from IPython.display import HTML

    payload = None
    if export is not None:
        from cjresearch.report.exports import export_payload

        payload = export_payload(data, export, caption=caption, index=index)
    if float_format is not None:
        body = html_table(data, caption=caption, index=index, float_format=float_format)
    else:
        from cjresearch.report.tabletext import localize, reader_columns

        whole = localize(
            data,
            language or "en",
            shares=shares,
            kinds=kinds,
            labels=labels,
            currency=currency,
            headers=language is not None,
        )
        few = reader_columns(data) if language is not None else []
        if not few or len(few) >= data.shape[1]:
            body = html_table(whole, caption=caption, index=index)
        else:
            from cjresearch.core.i18n import text

            shown = whole.iloc[:, [i for i, c in enumerate(data.columns) if str(c) in few]]
            summary = text("all_columns", language or "en", n=data.shape[1])
            body = (
                html_table(shown, caption=caption, index=index)
                + '\n<details class="cjr-details"><summary>'
                + html.escape(summary)
                + "</summary>\n"
                + html_table(whole, index=index)
                + "\n</details>"
            )
    if anchor:
        body = f'<div class="cjr-evidence" id="{html.escape(anchor, quote=True)}">{body}</div>'
    return _displayed(HTML(body) if payload is None else _ExportedHTML(body, payload))


class _ExportedHTML:
    """An HTML table that also carries its export payload (see :mod:`cjresearch.report.exports`)."""

    def __init__(self, data: str, payload: dict[str, Any]) -> None:
        self.data = data
        self.payload = payload

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        from cjresearch.report.exports import EXPORT_MIME

        return {"text/html": self.data, EXPORT_MIME: self.payload}
