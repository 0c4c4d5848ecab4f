"""Charts of event-engine results (:mod:`cjresearch.engine.eventlog`) and stage-to-stage steps.

* :func:`funnel_chart` -- the naive funnel with confidence intervals;
* :func:`step_chart` -- censoring-aware conversion of every step within N minutes/days/...
  beside the naive funnel, with a dropdown that picks the segment (a Vega-Lite
  parameter bound to a ``<select>``: interactive in the HTML report, no kernel).
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd

from cjresearch.charts._base import (
    WIDTH,
    check_language,
    check_rows,
    require_columns,
    text,
    with_horizon,
)
from cjresearch.core.errors import DataValidationError
from cjresearch.core.timeunits import horizon_label

__all__ = ["funnel_chart", "step_chart"]

_FUNNEL_COLUMNS = ("stage", "stage_index", "n", "base", "estimate", "ci_low", "ci_high")


def funnel_chart(
    funnel: pd.DataFrame,
    *,
    journey: Any = None,
    language: str = "en",
    title: str | None = None,
    width: int = WIDTH,
) -> alt.LayerChart:
    """Horizontal bars of the conversion into each stage, with confidence intervals.

    The funnel's ``estimate`` is ``n / base``: the customers who reached a
    stage among those who reached the one before (all customers for the first
    stage).  The bars show it, the rules its interval.  When the frame has
    ``share`` (of all customers), a labelled diamond on each row shows it too, so
    that the loss over the whole funnel stands out beside the step-by-step
    conversion; the tooltip adds ``n``, ``base`` and ``share``.

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
    >>> from cjresearch.journey.definition import load_journey
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
        data["label"] = (
            funnel.set_index(funnel["stage"].astype(str))["label"]
            .reindex(data["stage"])
            .astype(str)
            .to_numpy()
        )
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
    # one legend for the two readings: from the previous stage (bars) and, when the
    # frame has ``share``, of all customers (diamonds with their value), so that a
    # large overall loss stands out beside steps that each look mild
    step_s, all_s = text("funnel_step_series", language), text("share_all", language)
    has_share = "share" in data.columns
    series = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(
            domain=[step_s, all_s] if has_share else [step_s],
            range=["#3b6ea5", "#d97706"] if has_share else ["#3b6ea5"],
        ),
        legend=alt.Legend(orient="bottom"),
    )
    bars = (
        base.transform_calculate(series=json.dumps(step_s))
        .mark_bar()
        .encode(
            y=y,
            x=alt.X(
                "estimate:Q",
                title=share_t,
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=series,
            tooltip=tooltip,
        )
    )
    rules = base.mark_rule(color="#1f2933", strokeWidth=2).encode(
        y=y, x="ci_low:Q", x2="ci_high:Q", tooltip=tooltip
    )
    layers: list[Any] = [bars, rules]
    if has_share:
        overall = base.transform_calculate(series=json.dumps(all_s))
        layers.append(
            overall.mark_point(shape="diamond", size=110, filled=True, opacity=1).encode(
                y=y, x="share:Q", color=series, tooltip=tooltip
            )
        )
        layers.append(
            overall.mark_text(align="left", dx=9, fontSize=11, color="#92400e").encode(
                y=y, x="share:Q", text=alt.Text("share:Q", format=".0%")
            )
        )
    heading = alt.Title(
        title or text("funnel_title", language),
        subtitle=text("funnel_subtitle_overall" if has_share else "funnel_subtitle", language),
        anchor="start",
    )
    return alt.LayerChart(layer=layers, title=heading, width=width)


_STEP_COLUMNS = ("from_stage", "horizon", "n", "estimate", "ci_low", "ci_high", "naive")


def step_chart(
    conv: pd.DataFrame,
    *,
    journey: Any,
    by: str = "segment",
    language: str = "en",
    title: str | None = None,
    width: int = WIDTH,
) -> alt.LayerChart:
    """Conversion of each step within a horizon by group, one group at a time (dropdown).

    Parameters
    ----------
    conv : pandas.DataFrame
        ``progression.conversion(stage_durations(...), horizons=[N],
        by=["from_stage", by])``: one row per step and group with
        ``from_stage``, ``horizon``, ``n``, ``estimate``, ``ci_low``,
        ``ci_high``, ``naive`` (a single horizon) and ``time_unit``, which
        the title names ("... within 15 minutes"); a frame with the old
        ``days`` column is read as days.
    journey : Journey
        Gives the stage order and the labels of the next stages in ``language``.
    by : str
        The group column picked with the dropdown (first group shown first).
    language : str
        Language of title, axes, tooltips, the dropdown's name and the stage labels.

    Returns
    -------
    altair.LayerChart
        Bars (censoring-aware estimate), rules (95% CI), ticks (naive funnel),
        filtered by a parameter ``pick`` bound to a select of the groups.

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.journey.definition import load_journey
    >>> c = pd.DataFrame({"from_stage": ["awareness", "awareness"], "segment": ["a", "b"],
    ...                   "horizon": 90, "n": [10, 20], "estimate": [0.5, 0.6],
    ...                   "ci_low": [0.3, 0.4], "ci_high": [0.7, 0.8], "naive": [0.4, 0.5],
    ...                   "time_unit": "days"})
    >>> spec = step_chart(c, journey=load_journey("classic6"), language="bg").to_dict()
    >>> p = spec["params"][0]
    >>> p["bind"]["input"], p["bind"]["options"], p["value"]
    ('select', ['a', 'b'], 'a')
    >>> sorted({r["label"] for r in list(spec["datasets"].values())[0]})
    ['Обмисляне']
    >>> spec["title"]["text"]
    'Преминаване към следващия етап до 90 дни'
    """
    check_language(language)
    conv, unit = with_horizon(conv, source="conversion")
    require_columns(conv, list(_STEP_COLUMNS) + [by], source="conversion")
    check_rows(conv, source="conversion")
    horizons = sorted(pd.unique(conv["horizon"]))
    if len(horizons) != 1:
        raise DataValidationError(
            f"the conversion frame holds {len(horizons)} horizons "
            f"({', '.join(map(str, horizons))}); the chart shows one",
            source="conversion",
            fix="pass conversion(..., horizons=[90])",
        )
    stages = list(journey.stage_ids)
    data = conv.loc[:, list(_STEP_COLUMNS) + [by]].copy()
    data["from_stage"] = data["from_stage"].astype(str)
    unknown = sorted(set(data["from_stage"]) - set(stages[:-1]))
    if unknown:
        raise DataValidationError(
            f"steps from {', '.join(unknown)} are not steps of the journey",
            source="conversion",
            fix="pass the journey the durations were built with",
        )
    pos = data["from_stage"].map({s: i for i, s in enumerate(stages)})
    data["label"] = [journey.label(stages[i + 1], language) for i in pos]
    data["order"] = pos.astype("int64")
    data[by] = data[by].astype(str)
    data["n"] = data["n"].astype("int64")
    for col in ("estimate", "ci_low", "ci_high", "naive"):
        data[col] = data[col].astype("float64").round(4)
    data = data.drop(columns=["horizon"]).sort_values(["order", by], kind="stable")
    groups = list(dict.fromkeys(data[by]))
    order = list(dict.fromkeys(data["label"]))
    pick = alt.param(
        name="pick",
        value=groups[0],
        bind=alt.binding_select(options=groups, name=text("segment", language) + " "),
    )
    share_t = text("conversion", language)
    tooltip = [
        alt.Tooltip("label:N", title=text("next_stage", language)),
        alt.Tooltip(f"{by}:N", title=text("segment", language)),
        alt.Tooltip("n:Q", title=text("customers", language), format=","),
        alt.Tooltip("estimate:Q", title=share_t, format=".1%"),
        alt.Tooltip("ci_low:Q", title=text("ci_low", language), format=".1%"),
        alt.Tooltip("ci_high:Q", title=text("ci_high", language), format=".1%"),
        alt.Tooltip("naive:Q", title=text("naive", language), format=".1%"),
    ]
    y = alt.Y("label:N", sort=order, title=text("next_stage", language))
    base = alt.Chart(data).transform_filter(f"datum[{by!r}] == pick")
    bars = base.mark_bar(color="#3b6ea5").encode(
        y=y,
        x=alt.X(
            "estimate:Q", title=share_t, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])
        ),
        tooltip=tooltip,
    )
    rules = base.mark_rule(color="#1f2933", strokeWidth=2).encode(
        y=y, x="ci_low:Q", x2="ci_high:Q", tooltip=tooltip
    )
    ticks = base.mark_tick(color="#c0392b", thickness=3).encode(y=y, x="naive:Q", tooltip=tooltip)
    within = horizon_label(horizons[0], unit, language)
    heading = alt.Title(
        title or text("timeunit.step_title", language, within=within),
        subtitle=text("step_subtitle", language),
        anchor="start",
    )
    chart = alt.LayerChart(layer=[bars, rules, ticks], title=heading, width=width)
    return chart.add_params(pick)
