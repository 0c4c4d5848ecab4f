"""Figures that travel beside the report: a chart as SVG, PNG and PDF files.

A section part registers a chart for export by displaying
``export_figure(chart, "journey_map")``.  As with an exported table
(:mod:`cjresearch.report.exports`), the chart's Vega-Lite spec rides along in
the executed notebook as an output of type :data:`FIGURE_MIME`, which the page
never shows.  The runner collects these (:func:`collect_figures`), draws each
one offline with vl-convert (:func:`render_figures`; no network, Vega's own
fonts) and hands the files to :func:`cjresearch.report.exports.write_exports`,
which puts them in place with the tables::

    <out>/figures/journey_map.svg
    <out>/figures/journey_map.png      at twice the chart's size, for slides
    <out>/figures/journey_map.pdf      one page the size of the chart

Every text of a figure is the chart's own: in the report language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cjresearch.core.errors import DataValidationError, ReportError
from cjresearch.report.exports import check_name, collect_payloads

__all__ = ["FIGURE_MIME", "FORMATS", "collect_figures", "export_figure", "render_figures"]

#: Output type carrying an exported chart inside an executed notebook.
FIGURE_MIME = "application/vnd.cjresearch.figure+json"

#: File formats a chart is exported in.
FORMATS = ("svg", "png", "pdf")


class _Figure:
    """Displays as nothing visible: only the figure payload."""

    def __init__(self, payload: dict[str, Any]) -> None:
        self.payload = payload

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {FIGURE_MIME: self.payload, "text/plain": ""}


def export_figure(chart: Any, name: str, *, formats: Iterable[str] = FORMATS) -> Any:
    """Register ``chart`` for export as ``figures/<name>.<format>`` beside the report.

    Returns an object to display (it shows nothing in the report).

    Parameters
    ----------
    chart : altair chart or dict
        The chart (anything with ``to_dict()``) or a Vega-Lite spec.
    name : str
        The files' name: lower-case letters, digits, ``-`` and ``_``.
    formats : iterable of str
        Some of ``"svg"``, ``"png"``, ``"pdf"``.

    Examples
    --------
    >>> f = export_figure({"mark": "point"}, "dots", formats=["svg"])
    >>> f._repr_mimebundle_()[FIGURE_MIME]["formats"]
    ['svg']
    """
    check_name(name)
    wanted = list(formats)
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise DataValidationError(
            f"figure '{name}': formats {unknown or wanted} are not available",
            fix=f"use some of {', '.join(FORMATS)}",
        )
    spec = chart if isinstance(chart, Mapping) else chart.to_dict()
    return _Figure({"name": name, "spec": dict(spec), "formats": wanted})


def collect_figures(sections: Iterable[tuple[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every exported figure's payload (``name``, ``spec``, ``formats``), in report order.

    Parameters
    ----------
    sections : iterable of (section name, notebook)

    Raises
    ------
    ReportError
        When two figures are exported under the same name.
    """
    return collect_payloads(sections, FIGURE_MIME, "figure")


def _draw(spec: dict[str, Any], fmt: str) -> bytes:
    import vl_convert as vlc

    offline: dict[str, Any] = {"allowed_base_urls": []}  # inline data only, no network
    if fmt == "svg":
        return str(vlc.vegalite_to_svg(spec, **offline)).encode("utf-8")
    if fmt == "png":
        return bytes(vlc.vegalite_to_png(spec, scale=2, **offline))
    return bytes(vlc.vegalite_to_pdf(spec, **offline))


def render_figures(payloads: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, bytes]]:
    """The files of each figure: ``{name: {format: bytes}}``, drawn offline.

    Raises
    ------
    ReportError
        When a chart cannot be drawn (naming the figure and format).

    Examples
    --------
    >>> spec = {"data": {"values": [{"x": 1}]}, "mark": "point", "encoding": {"x": {"field": "x"}}}
    >>> files = render_figures({"dots": {"spec": spec, "formats": ["svg", "pdf"]}})
    >>> files["dots"]["svg"][:4], files["dots"]["pdf"][:5]
    (b'<svg', b'%PDF-')
    """
    out: dict[str, dict[str, bytes]] = {}
    for name, payload in payloads.items():
        files = {}
        for fmt in payload["formats"]:
            if fmt not in FORMATS:
                raise ReportError(f"figure '{name}': unknown format {fmt!r}")
            try:
                files[fmt] = _draw(payload["spec"], fmt)
            except ValueError as exc:  # how vl-convert reports a spec it cannot draw
                raise ReportError(
                    f"the figure '{name}' could not be drawn as {fmt.upper()}: {exc}. Fix: check "
                    "the chart in its notebook (it must draw in the report too)"
                ) from None
        out[name] = files
    return out
