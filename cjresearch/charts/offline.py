"""Charts that draw in JupyterLab without network: the Vega bundle loaded once per notebook.

Altair's default renderer writes HTML that loads Vega, Vega-Lite and vega-embed
from cdn.jsdelivr.net; on a machine without internet (or behind a client's
firewall) every chart shows "Error loading script".  JupyterLab's own Vega
renderer cannot stand in: it knows the Vega-Lite v3-v5 mimetypes, and altair 6
writes Vega-Lite v6 specs (``application/vnd.vegalite.v6.json``); altair's
offline ``JupyterChart`` needs anywidget, which is not a dependency.  So:

* :func:`enable_offline` (one call in a notebook's setup cell) shows the Vega
  bundle of ``vl_convert`` -- the same one the HTML report inlines -- as the
  JavaScript output of that cell, and switches altair to the ``cjresearch``
  renderer;
* that renderer (:func:`chart_html`) writes each chart as a ``<div>`` and a
  short script that calls ``window.vegaEmbed`` once the bundle is there; the
  bundle (:func:`cjresearch.core.vega.vega_bundle`) announces itself with
  :data:`~cjresearch.core.vega.READY_EVENT`.

The explorers of :mod:`cjresearch.charts.widgets` draw their charts the same
way and load the bundle themselves if the notebook did not (:func:`ensure_vega`).

JupyterLab runs scripts only in trusted outputs: those of cells run in this
session and of notebooks it saved itself; a notebook with outputs from
elsewhere draws once its cells run again (or after the "Trust Notebook"
command).  The report drops the bundle's output (it keeps no JavaScript
outputs) and inlines its own copy.

Examples
--------
>>> import altair as alt, pandas as pd
>>> c = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q")
>>> html = chart_html(c)
>>> "window.vegaEmbed" in html and "cdn.jsdelivr" not in html
True
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from cjresearch.core.vega import READY_EVENT, script_json, vega_bundle

__all__ = [
    "BUNDLE_MIME",
    "RENDERER",
    "OfflineChart",
    "chart_html",
    "enable_offline",
    "ensure_vega",
]

#: Name of the altair renderer :func:`enable_offline` switches on.
RENDERER = "cjresearch"
#: Mimetype of the output that carries the bundle (JupyterLab runs it when trusted).
BUNDLE_MIME = "application/javascript"
#: Seconds a chart waits for the bundle before it says how to load it.
_WAIT_SECONDS = 10

# Whether this kernel has already displayed the bundle (see ensure_vega).
_shown = {"bundle": False}


def chart_html(chart: Any) -> str:
    """A chart as HTML that draws with the page's Vega bundle, with no network.

    Parameters
    ----------
    chart : altair chart or dict
        The chart (anything with ``to_dict()``) or a Vega-Lite spec.

    Returns
    -------
    str
        A ``<div>`` and a script: it draws the chart (SVG, with vega-embed's
        export menu but no links to the online editor) as soon as
        ``window.vegaEmbed`` exists, and says how to load the bundle if it is
        still missing after a few seconds.
    """
    spec = chart if isinstance(chart, Mapping) else chart.to_dict()
    cid = f"cjr-nb-{uuid.uuid4().hex[:12]}"
    script = f"""(function () {{
  var el = document.currentScript ? document.currentScript.previousElementSibling : null;
  if (!el || el.id !== {json.dumps(cid)}) {{ el = document.getElementById({json.dumps(cid)}); }}
  var spec = {script_json(spec)};
  var options = {{renderer: "svg", actions: {{export: true, source: false, compiled: false,
                  editor: false}}}};
  function draw() {{
    window.vegaEmbed(el, spec, options).catch(function (e) {{
      el.textContent = "This chart could not be drawn: " + e;
    }});
  }}
  if (window.vegaEmbed) {{ draw(); return; }}
  window.addEventListener({json.dumps(READY_EVENT)}, draw, {{once: true}});
  setTimeout(function () {{
    if (!window.vegaEmbed && !el.hasChildNodes()) {{
      el.textContent = "Vega is not loaded in this page: run " +
        "cjresearch.charts.enable_offline() in a cell above, then this cell again.";
    }}
  }}, {_WAIT_SECONDS * 1000});
}})();"""
    return f'<div class="cjr-nb-chart" id="{cid}"></div>\n<script>{script}</script>'


def _renderer(spec: dict[str, Any], **metadata: Any) -> dict[str, str]:
    """The altair renderer :func:`enable_offline` registers."""
    return {"text/html": chart_html(spec), "text/plain": "<VegaLite chart>"}


class OfflineChart:
    """A chart displayed through :func:`chart_html`, whatever altair renderer is active."""

    def __init__(self, chart: Any) -> None:
        self.chart = chart

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return _renderer(self.chart.to_dict())


def _in_kernel() -> bool:
    try:
        from IPython.core.interactiveshell import InteractiveShell
    except ImportError:  # pragma: no cover - IPython ships with ipykernel
        return False
    return bool(InteractiveShell.initialized())


def ensure_vega() -> None:
    """Display the Vega bundle unless this kernel already did (in IPython only)."""
    if _in_kernel() and not _shown["bundle"]:
        _show_bundle()


def _show_bundle() -> None:
    from IPython.display import display

    display({BUNDLE_MIME: vega_bundle()}, raw=True)
    _shown["bundle"] = True


def enable_offline() -> None:
    """Draw altair charts in this notebook without network.

    Call it once, in the notebook's setup cell: the cell's output is the Vega
    bundle (about 0.9 MB of JavaScript, run by JupyterLab), and every chart
    displayed afterwards is drawn by it through the ``cjresearch`` altair
    renderer instead of scripts fetched from a CDN.  Run the cell again after
    clearing its output.  Outside IPython only the renderer is switched on.

    Examples
    --------
    >>> import altair as alt
    >>> enable_offline()
    >>> alt.renderers.active
    'cjresearch'
    >>> alt.renderers.enable("default")  # doctest: +ELLIPSIS
    RendererRegistry.enable('default')
    """
    import altair as alt

    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, _renderer)
    alt.renderers.enable(RENDERER)
    if _in_kernel():
        _show_bundle()
