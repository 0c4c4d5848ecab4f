"""Charts of pain-point results (:mod:`cjresearch.painpoints.signals`, :mod:`cjresearch.painpoints.ranking`,
:mod:`cjresearch.painpoints.flows`); they draw, they never compute statistics.

The flow chart is a *stage-to-stage flow chart* (Vega-Lite has no Sankey
mark): one stacked bar per stage, as tall as the customers who entered it,
split into those who moved on, each exit and those still waiting; a grey
band links the "moved on" part of a stage to the next stage's bar, which it
equals.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from cjresearch.charts._base import WIDTH, check_rows, require_columns
from cjresearch.core.i18n import text

__all__ = [
    "dropoff_chart",
    "flow_chart",
    "ipa_chart",
    "painpoint_chart",
    "touchpoint_chart",
    "transition_chart",
]


def _t(key: str, language: str) -> str:
    return text("painpoints_chart." + key, language)


def _order(frame: pd.DataFrame, col: str, by: str) -> list[str]:
    return frame.sort_values(by)[col].astype(str).drop_duplicates().tolist()


def dropoff_chart(
    dropoff: pd.DataFrame, *, journey: Any = None, language: str = "en", width: int = WIDTH
) -> alt.LayerChart:
    """Bars of the censoring-aware share not moving on per stage, CI rules, naive ticks.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"from_stage": ["a", "b"], "to_stage": ["b", "c"], "n": [100, 60],
    ...     "estimate": [0.4, 0.3], "ci_low": [0.3, 0.2], "ci_high": [0.5, 0.4],
    ...     "naive": [0.45, 0.35]})
    >>> [l["mark"]["type"] for l in dropoff_chart(d).to_dict()["layer"]]
    ['bar', 'rule', 'tick']
    """
    require_columns(
        dropoff, ["from_stage", "n", "estimate", "ci_low", "ci_high", "naive"], source="dropoff"
    )
    check_rows(dropoff, source="dropoff")
    data = dropoff[["from_stage", "n", "estimate", "ci_low", "ci_high", "naive"]].copy()
    data["from_stage"] = data["from_stage"].astype(str)
    data["label"] = [
        journey.label(s, language) if journey is not None else s for s in data["from_stage"]
    ]
    y = alt.Y("label:N", sort=data["label"].tolist(), title=None)
    pct = alt.Scale(domain=[0, 1])
    base = alt.Chart(data).properties(width=width)
    tip = [
        alt.Tooltip("label:N"),
        alt.Tooltip("n:Q"),
        alt.Tooltip("estimate:Q", format=".1%"),
        alt.Tooltip("ci_low:Q", format=".1%"),
        alt.Tooltip("ci_high:Q", format=".1%"),
        alt.Tooltip("naive:Q", format=".1%"),
    ]
    bars = base.mark_bar(opacity=0.7).encode(
        x=alt.X("estimate:Q", scale=pct, axis=alt.Axis(format="%"), title=None), y=y, tooltip=tip
    )
    ci = base.mark_rule().encode(x="ci_low:Q", x2="ci_high:Q", y=y)
    naive = base.mark_tick(color="firebrick", thickness=2).encode(x="naive:Q", y=y)
    return alt.LayerChart(layer=[bars, ci, naive], title=_t("dropoff", language))


def touchpoint_chart(
    effects: pd.DataFrame,
    *,
    outcome: str = "progress",
    language: str = "en",
    alpha: float = 0.05,
    width: int = WIDTH,
) -> alt.LayerChart:
    """Forest plot of touchpoint hazard ratios (one outcome), log scale, 1 marked.

    Filled points are significant after the multiple-testing adjustment
    (``p_adjusted < alpha``).  Rows without an estimate are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> e = pd.DataFrame({"stage": "a", "touchpoint": ["x", "y"], "outcome": "progress",
    ...     "estimate": [0.5, 1.2], "ci_low": [0.4, 0.9], "ci_high": [0.6, 1.5],
    ...     "p_adjusted": [0.001, 0.3], "exposed": [50, 60]})
    >>> spec = touchpoint_chart(e).to_dict()
    >>> spec["layer"][1]["encoding"]["x"]["scale"]["type"]
    'log'
    """
    require_columns(
        effects,
        [
            "stage",
            "touchpoint",
            "outcome",
            "estimate",
            "ci_low",
            "ci_high",
            "p_adjusted",
            "exposed",
        ],
        source="effects",
    )
    data = effects[(effects["outcome"] == outcome) & effects["estimate"].notna()].copy()
    data = data[["stage", "touchpoint", "estimate", "ci_low", "ci_high", "p_adjusted", "exposed"]]
    data["stage"] = data["stage"].astype(str)
    data["significant"] = data["p_adjusted"] < alpha
    check_rows(data, source="effects")
    scale = alt.Scale(type="log")
    y = alt.Y("touchpoint:N", sort=data["touchpoint"].tolist(), title=None)
    one = (
        alt.Chart(pd.DataFrame({"x": [1.0]}))
        .mark_rule(strokeDash=[4, 4], color="gray")
        .encode(x=alt.X("x:Q", scale=scale))
    )
    rules = (
        alt.Chart(data)
        .mark_rule()
        .encode(x=alt.X("ci_low:Q", scale=scale, title=_t("hr", language)), x2="ci_high:Q", y=y)
    )
    points = (
        alt.Chart(data)
        .mark_point(size=70)
        .encode(
            x=alt.X("estimate:Q", scale=scale),
            y=y,
            fill=alt.condition("datum.significant", alt.value("#4c78a8"), alt.value("white")),
            color=alt.value("#4c78a8"),
            tooltip=[
                "stage:N",
                "touchpoint:N",
                alt.Tooltip("estimate:Q", format=".2f"),
                alt.Tooltip("ci_low:Q", format=".2f"),
                alt.Tooltip("ci_high:Q", format=".2f"),
                alt.Tooltip("p_adjusted:Q", format=".3g"),
                "exposed:Q",
            ],
        )
    )
    return alt.LayerChart(layer=[one, rules, points], width=width)


def ipa_chart(ipa: pd.DataFrame, *, language: str = "en", width: int = 420) -> alt.LayerChart:
    """Importance-performance grid: drivers with both intervals, quadrant lines at the means.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"driver": ["a", "b"], "touchpoint": ["A", "B"],
    ...     "importance": [0.2, 0.1], "importance_ci_low": [0.15, 0.05],
    ...     "importance_ci_high": [0.25, 0.15], "estimate": [3.5, 4.0], "ci_low": [3.4, 3.9],
    ...     "ci_high": [3.6, 4.1], "quadrant": ["concentrate here", "possible overkill"]})
    >>> spec = ipa_chart(d).to_dict()
    >>> spec["layer"][4]["encoding"]["color"]["field"]
    'quadrant'
    """
    cols = [
        "driver",
        "touchpoint",
        "importance",
        "importance_ci_low",
        "importance_ci_high",
        "estimate",
        "ci_low",
        "ci_high",
        "quadrant",
    ]
    require_columns(ipa, cols, source="importance_performance")
    data = ipa[cols].copy()
    check_rows(data, source="importance_performance")
    means = pd.DataFrame(
        {"x": [float(data["estimate"].mean())], "y": [float(data["importance"].mean())]}
    )
    base = alt.Chart(data)
    x = alt.X("estimate:Q", title=_t("performance", language), scale=alt.Scale(zero=False))
    y = alt.Y("importance:Q", title=_t("importance", language))
    vline = alt.Chart(means).mark_rule(strokeDash=[4, 4], color="gray").encode(x="x:Q")
    hline = alt.Chart(means).mark_rule(strokeDash=[4, 4], color="gray").encode(y="y:Q")
    xerr = base.mark_rule().encode(x="ci_low:Q", x2="ci_high:Q", y=y)
    yerr = base.mark_rule().encode(x=x, y="importance_ci_low:Q", y2="importance_ci_high:Q")
    pts = base.mark_point(filled=True, size=80).encode(
        x=x,
        y=y,
        color=alt.Color("quadrant:N", title=None),
        tooltip=[
            "touchpoint:N",
            "driver:N",
            alt.Tooltip("estimate:Q", format=".2f"),
            alt.Tooltip("importance:Q", format=".3f"),
            "quadrant:N",
        ],
    )
    labels = base.mark_text(dx=8, align="left").encode(x=x, y=y, text="touchpoint:N")
    return alt.LayerChart(layer=[vline, hline, xerr, yerr, pts, labels], width=width, height=320)


def painpoint_chart(
    ranked: pd.DataFrame, *, top: int = 10, language: str = "en", width: int = WIDTH
) -> alt.LayerChart:
    """The ranked pain points: impact (excess customers not moving on) with CI, best rank on top.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"rank": [1, 2], "stage": "a", "touchpoint": ["x", "y"],
    ...     "kind": ["pain point", "opportunity"], "points": [6, 0], "evidence": ["slow", ""],
    ...     "exposed": [50, 60], "estimate": [12.0, -9.0], "ci_low": [5.0, -15.0],
    ...     "ci_high": [19.0, -3.0]})
    >>> spec = painpoint_chart(r).to_dict()
    >>> spec["layer"][0]["encoding"]["y"]["sort"]
    ['x', 'y']
    """
    cols = [
        "rank",
        "stage",
        "touchpoint",
        "kind",
        "points",
        "evidence",
        "exposed",
        "estimate",
        "ci_low",
        "ci_high",
    ]
    require_columns(ranked, cols, source="pain points")
    data = ranked.sort_values("rank").head(top)[cols].copy()
    data["stage"] = data["stage"].astype(str)
    y = alt.Y("touchpoint:N", sort=data["touchpoint"].tolist(), title=None)
    base = alt.Chart(data).properties(width=width)
    bars = base.mark_bar(opacity=0.75).encode(
        x=alt.X("estimate:Q", title=_t("impact", language)),
        y=y,
        color=alt.Color(
            "kind:N",
            title=None,
            scale=alt.Scale(
                domain=["pain point", "no clear evidence", "opportunity"],
                range=["#e45756", "#bab0ac", "#54a24b"],
            ),
        ),
        tooltip=[
            "rank:Q",
            "stage:N",
            "touchpoint:N",
            "points:Q",
            "evidence:N",
            "exposed:Q",
            alt.Tooltip("estimate:Q", format=".1f"),
            alt.Tooltip("ci_low:Q", format=".1f"),
            alt.Tooltip("ci_high:Q", format=".1f"),
        ],
    )
    ci = base.mark_rule().encode(x="ci_low:Q", x2="ci_high:Q", y=y)
    return alt.LayerChart(layer=[bars, ci])


def flow_chart(
    flows: pd.DataFrame, *, language: str = "en", bar: float = 0.35, width: int = WIDTH
) -> alt.LayerChart:
    """Stage-to-stage flow chart (layered bars + links) from :func:`cjresearch.painpoints.flows.stage_flows`.

    Each stage is a stacked bar (moved on at the bottom, then exits, then
    still waiting); a band links the moved-on part to the next stage.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"stage": ["a", "a", "b"], "stage_index": [0, 0, 1],
    ...     "label": ["A", "A", "B"], "target": ["b", "lost", "(still waiting)"],
    ...     "target_label": ["B", "Lost", "(still waiting)"],
    ...     "kind": ["moved on", "exit", "waiting"], "n": [6, 4, 6], "base": [10, 10, 6]})
    >>> spec = flow_chart(f).to_dict()
    >>> [l["mark"]["type"] for l in spec["layer"]]
    ['rect', 'rect', 'text']
    """
    cols = ["stage", "stage_index", "label", "target", "target_label", "kind", "n", "base"]
    require_columns(flows, cols, source="flows")
    check_rows(flows, source="flows")
    f = flows[cols].copy()
    f["stage"] = f["stage"].astype(str)
    f["_k"] = f["kind"].map({"moved on": 0, "exit": 1, "waiting": 2})
    f = f.sort_values(["stage_index", "_k", "target"], kind="stable")
    f["y2"] = f.groupby("stage_index")["n"].cumsum()
    f["y"] = f["y2"] - f["n"]
    f["x"] = f["stage_index"] - bar
    f["x2"] = f["stage_index"] + bar
    f["segment"] = f["target_label"].where(f["kind"] != "moved on", _t("moved_on", language))
    nodes = f[f["n"] > 0].drop(columns="_k")
    moved = f[f["kind"] == "moved on"]
    links = pd.DataFrame(
        {
            "x": moved["stage_index"] + bar,
            "x2": moved["stage_index"] + 1 - bar,
            "y": 0,
            "y2": moved["n"],
            "n": moved["n"],
            "from": moved["label"],
            "to": moved["target_label"],
        }
    )
    heads = f.drop_duplicates("stage_index")[["stage_index", "label", "base"]]
    xs = alt.Scale(domain=[-0.6, float(f["stage_index"].max()) + 0.6])
    ax = alt.Axis(
        values=heads["stage_index"].tolist(), labels=False, ticks=False, title=None, grid=False
    )
    link_layer = (
        alt.Chart(links)
        .mark_rect(color="#bab0ac", opacity=0.45)
        .encode(
            x=alt.X("x:Q", scale=xs, axis=ax),
            x2="x2:Q",
            y=alt.Y("y:Q", title=_t("customers", language)),
            y2="y2:Q",
            tooltip=["from:N", "to:N", "n:Q"],
        )
    )
    node_layer = (
        alt.Chart(nodes)
        .mark_rect(stroke="white")
        .encode(
            x=alt.X("x:Q", scale=xs, axis=ax),
            x2="x2:Q",
            y="y:Q",
            y2="y2:Q",
            color=alt.Color("segment:N", title=None),
            tooltip=["label:N", "target_label:N", "kind:N", "n:Q", "base:Q"],
        )
    )
    text = (
        alt.Chart(heads)
        .mark_text(dy=-8, fontWeight="bold")
        .encode(x=alt.X("stage_index:Q", scale=xs, axis=ax), y="base:Q", text="label:N")
    )
    return alt.LayerChart(layer=[link_layer, node_layer, text], width=width, height=300)


def transition_chart(
    matrix: pd.DataFrame, *, language: str = "en", min_share: float = 0.0, width: int = WIDTH
) -> alt.Chart:
    """Heatmap of the touchpoint transition matrix (row-normalised shares).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"from_event": ["a", "a"], "to_event": ["b", "c"], "n": [3, 1],
    ...     "base": [4, 4], "estimate": [0.75, 0.25], "ci_low": [0.3, 0.05],
    ...     "ci_high": [0.95, 0.7]})
    >>> transition_chart(m).to_dict()["mark"]["type"]
    'rect'
    """
    require_columns(
        matrix,
        ["from_event", "to_event", "n", "base", "estimate", "ci_low", "ci_high"],
        source="transitions",
    )
    data = matrix[matrix["estimate"] >= min_share][
        ["from_event", "to_event", "n", "base", "estimate", "ci_low", "ci_high"]
    ]
    check_rows(data, source="transitions")
    return (
        alt.Chart(data)
        .mark_rect()
        .encode(
            x=alt.X("to_event:N", title=None),
            y=alt.Y("from_event:N", title=None),
            color=alt.Color(
                "estimate:Q", title=_t("share", language), scale=alt.Scale(scheme="blues")
            ),
            tooltip=[
                "from_event:N",
                "to_event:N",
                "n:Q",
                "base:Q",
                alt.Tooltip("estimate:Q", format=".1%"),
                alt.Tooltip("ci_low:Q", format=".1%"),
                alt.Tooltip("ci_high:Q", format=".1%"),
            ],
        )
        .properties(width=width, height=width)
    )
