"""Charts of event-engine results (:mod:`cjresearch.events`)."""
from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from ._base import WIDTH, check_language, check_rows, require_columns, text

__all__ = ["funnel_chart"]

_FUNNEL_COLUMNS = ("stage", "stage_index", "n", "base", "estimate", "ci_low", "ci_high")


def funnel_chart(funnel: pd.DataFrame, *, journey: Any = None, language: str = "en",
                 title: str | None = None, width: int = WIDTH) -> alt.LayerChart:
    """Horizontal bars of the conversion into each stage, with confidence intervals.

    The funnel's ``estimate`` is ``n / base``: the customers who reached a
    stage among those who reached the one before (all customers for the first
    stage).  The bars show it, the rules its interval; the tooltip adds ``n``,
    ``base`` and, when the frame has it, ``share`` of all customers.

    Parameters
    ----------
    funnel : pandas.DataFrame
        The result of ``EventLog.funnel()``: one row per stage with ``stage``,
        ``stage_index``, ``n``, ``base``, ``estimate``, ``ci_low``, ``ci_high``
        (and optionally ``label``).
    journey : Journey, optional
        Gives the stage labels in ``language``; without it the frame's
        ``label`` column (or the stage id) is used.
    language : str
        Report language of titles, axes, tooltips and labels.
    title : str, optional
        Overrides the default title.
    width : int
        Chart width in pixels.

    Returns
    -------
    altair.LayerChart
        Bars (estimate) and rules (confidence interval), stages in journey order,
        with tooltips giving n, base, estimate and interval.

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.journey import load_journey
    >>> f = pd.DataFrame({"stage": ["awareness", "consideration"], "stage_index": [0, 1],
    ...                   "n": [100, 40], "base": [100, 100], "estimate": [1.0, 0.4],
    ...                   "ci_low": [0.96, 0.31], "ci_high": [1.0, 0.5]})
    >>> spec = funnel_chart(f, journey=load_journey("classic6"), language="ro").to_dict()
    >>> spec["layer"][0]["mark"]["type"], spec["layer"][1]["mark"]["type"]
    ('bar', 'rule')
    >>> [r["label"] for r in list(spec["datasets"].values())[0]]
    ['Conștientizare', 'Considerare']
    """
    check_language(language)
    require_columns(funnel, _FUNNEL_COLUMNS, source="funnel")
    check_rows(funnel, source="funnel")
    keep = list(_FUNNEL_COLUMNS) + (["share"] if "share" in funnel.columns else [])
    data = funnel.loc[:, keep].copy()
    data["stage"] = data["stage"].astype(str)
    data = data.sort_values("stage_index", kind="stable").reset_index(drop=True)
    if journey is not None:
        data["label"] = [journey.label(s, language) for s in data["stage"]]
    elif "label" in funnel.columns:
        data["label"] = funnel.set_index(funnel["stage"].astype(str))["label"] \
            .reindex(data["stage"]).astype(str).to_numpy()
    else:
        data["label"] = data["stage"]
    for col in ("n", "base", "stage_index"):
        data[col] = data[col].astype("int64")
    for col in [c for c in ("estimate", "ci_low", "ci_high", "share") if c in data.columns]:
        data[col] = data[col].astype("float64").round(4)
    order = list(data["label"])
    stage_t, share_t = text("stage", language), text("conversion", language)
    tooltip = [
        alt.Tooltip("label:N", title=stage_t),
        alt.Tooltip("n:Q", title=text("customers", language), format=","),
        alt.Tooltip("base:Q", title=text("base", language), format=","),
        alt.Tooltip("estimate:Q", title=share_t, format=".1%"),
        alt.Tooltip("ci_low:Q", title=text("ci_low", language), format=".1%"),
        alt.Tooltip("ci_high:Q", title=text("ci_high", language), format=".1%"),
    ]
    if "share" in data.columns:
        tooltip.append(alt.Tooltip("share:Q", title=text("share_all", language), format=".1%"))
    y = alt.Y("label:N", sort=order, title=stage_t)
    base = alt.Chart(data)
    bars = base.mark_bar(color="#3b6ea5").encode(
        y=y,
        x=alt.X("estimate:Q", title=share_t, axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        tooltip=tooltip)
    rules = base.mark_rule(color="#1f2933", strokeWidth=2).encode(
        y=y, x="ci_low:Q", x2="ci_high:Q", tooltip=tooltip)
    heading = alt.Title(title or text("funnel_title", language),
                        subtitle=text("funnel_subtitle", language), anchor="start")
    return alt.LayerChart(layer=[bars, rules], title=heading, width=width)
