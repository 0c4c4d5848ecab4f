"""The Vega bundle that draws charts with no network, shared by the report and notebooks.

``vl_convert`` ships Vega, Vega-Lite and vega-embed as one script; the HTML
report inlines it once per page (:mod:`cjresearch.report.render`), a notebook
once per kernel (:func:`cjresearch.charts.offline.enable_offline`).  Chart
blocks wait for :data:`READY_EVENT` and carry their spec as script-safe JSON
(:func:`script_json`).  Nothing here imports altair.
"""

from __future__ import annotations

import contextlib
import json
from functools import lru_cache
from typing import Any

from cjresearch.core.errors import ReportError

__all__ = ["EMBED_OPTIONS", "READY_EVENT", "script_json", "vega_bundle"]

#: Event dispatched on ``window`` once ``vegaEmbed`` is available.
READY_EVENT = "cjr:vega-ready"
#: ``window`` property with the page's vega-embed options (its number and date locale,
#: :func:`cjresearch.core.formats.d3_locale`), which every chart passes on.
EMBED_OPTIONS = "cjrEmbedOptions"


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """The Vega, Vega-Lite and Vega-Embed bundle as one script body.

    ``vl_convert.javascript_bundle()`` returns a self-contained script with no
    imports that ends by assigning ``window.vegaEmbed``; the dispatch of
    :data:`READY_EVENT` follows it.  The report inlines it once per page, a
    notebook once per kernel (:func:`cjresearch.charts.offline.enable_offline`).

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


def script_json(obj: Any) -> str:
    """JSON safe inside a ``<script>`` element: no raw ``<``, ``>``, ``&``."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
