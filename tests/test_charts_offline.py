"""Charts in JupyterLab without network: the renderer's HTML and the bundle's output.

That the charts really draw with no network is checked in a real JupyterLab by
tests/test_jupyterlab_offline.py; here, what the kernel sends.
"""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from cjresearch.charts import offline
from cjresearch.core import vega
from cjresearch.report import render


def _chart(label: str = "a") -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({"x": [1, 2], "k": [label, "b"]}))
        .mark_bar()
        .encode(x="x:Q", y="k:N")
    )


def _spec_of(html: str) -> dict:
    m = re.search(r"var spec = (\{.*?\});\n", html, re.DOTALL)
    assert m is not None
    return json.loads(m.group(1))


def test_chart_html_holds_the_spec_safely_and_no_address() -> None:
    nasty = "</script><script>alert(1)</script> & <!--"
    html = offline.chart_html(_chart(nasty))
    assert html.count("<script") == 1 and html.count("</script>") == 1  # only its own
    # no address to load: the only URL is the spec's $schema, an identifier vega-embed
    # does not fetch
    assert re.findall(r"https?://[^\"]*", html) == [alt.SCHEMA_URL]
    assert "src=" not in html and "import(" not in html
    spec = _spec_of(html)
    assert nasty in json.dumps(spec["datasets"], ensure_ascii=False)  # the text, intact
    assert spec == json.loads(json.dumps(_chart(nasty).to_dict()))
    # the div the script draws into, and a fresh id per call
    ids = re.findall(r'<div class="cjr-nb-chart" id="([\w-]+)">', html)
    assert len(ids) == 1 and ids[0] in html.split("<script>")[1]
    assert ids[0] not in offline.chart_html(_chart())
    assert "window.vegaEmbed(el, spec" in html and vega.READY_EVENT in html


def test_enable_offline_switches_altair_to_the_renderer() -> None:
    before = alt.renderers.active
    try:
        offline.enable_offline()
        assert alt.renderers.active == offline.RENDERER
        bundle = _chart()._repr_mimebundle_()
        bundle = bundle[0] if isinstance(bundle, tuple) else bundle
        assert set(bundle) == {"text/html", "text/plain"}
        assert "cjr-nb-chart" in bundle["text/html"] and "cdn.jsdelivr" not in bundle["text/html"]
        offline.enable_offline()  # twice is fine
        assert alt.renderers.active == offline.RENDERER
    finally:
        alt.renderers.enable(before)


def test_the_bundle_is_shown_once_per_kernel_and_again_when_asked(monkeypatch) -> None:
    shown: list[dict] = []
    monkeypatch.setattr(offline, "_in_kernel", lambda: True)
    monkeypatch.setattr(offline, "_shown", {"bundle": False})
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    before = alt.renderers.active
    try:
        offline.ensure_vega()
        offline.ensure_vega()  # an explorer after the first: nothing more
        assert len(shown) == 1
        (js,) = shown[0].values()
        assert set(shown[0]) == {offline.BUNDLE_MIME}
        assert "window.vegaEmbed=" in js and js.rstrip().endswith(
            f"window.dispatchEvent(new Event({vega.READY_EVENT!r}));"
        )
        offline.enable_offline()  # the setup cell run again: its output must hold the bundle
        assert len(shown) == 2
    finally:
        alt.renderers.enable(before)


def test_outside_a_kernel_nothing_is_displayed(monkeypatch) -> None:
    monkeypatch.setattr(offline, "_shown", {"bundle": False})
    monkeypatch.setattr(
        "IPython.display.display", lambda *a, **k: pytest.fail("displayed outside a kernel")
    )
    offline.ensure_vega()
    assert offline.OfflineChart(_chart())._repr_mimebundle_()["text/html"].startswith("<div")


def test_the_report_inlines_the_same_bundle() -> None:
    assert render.vega_bundle is vega.vega_bundle
