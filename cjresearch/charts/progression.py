"""Charts of stage-progression results (:mod:`cjresearch.timetoevent.progression` and friends).

They draw result frames computed elsewhere and never compute a statistic:

* :func:`curve_chart` -- survival or cumulative-incidence step curves with
  confidence bands and an at-risk table underneath;
* :func:`forest_chart` -- hazard ratios with intervals on a log axis;
* :func:`occupancy_chart` -- stacked probability of being in each stage
  (multi-state model);
* :func:`conversion_chart` -- censoring-aware conversion beside the naive funnel.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from cjresearch.charts._base import MAX_ROWS, WIDTH, check_rows, require_columns, with_horizon
from cjresearch.core.i18n import text
from cjresearch.core.timeunits import horizon_label, time_axis_label, time_unit_of

__all__ = ["conversion_chart", "curve_chart", "forest_chart", "occupancy_chart"]

_CURVE = ("time", "estimate", "ci_low", "ci_high")


def _thin(frame: pd.DataFrame, keys: list[str], max_rows: int) -> pd.DataFrame:
    """Keep a step curve drawable: at most ``max_rows`` rows, preserving the value of the
    step function at the kept points (the last row at or before each grid time)."""
    if len(frame) <= max_rows:
        return frame
    n_groups = max(1, frame.groupby(keys, observed=True).ngroups if keys else 1)
    per = max(2, max_rows // n_groups - 1)
    parts = []
    for _, g in frame.groupby(keys, observed=True) if keys else [((), frame)]:
        grid = np.linspace(g["time"].min(), g["time"].max(), per)
        pos = np.unique(np.searchsorted(g["time"].to_numpy(), grid, side="right") - 1)
        parts.append(g.iloc[pos])
    return pd.concat(parts, ignore_index=True)


def curve_chart(
    curves: pd.DataFrame,
    *,
    group: str | None = None,
    labels: Mapping[Any, str] | None = None,
    group_title: str | None = None,
    risk_times: Sequence[float] | None = None,
    y_title: str | None = None,
    x_title: str | None = None,
    title: str | None = None,
    language: str = "en",
    width: int = WIDTH,
) -> alt.VConcatChart:
    """Step curves with confidence bands and an at-risk table.

    Parameters
    ----------
    curves : DataFrame
        From :func:`~cjresearch.timetoevent.progression.kaplan_meier` or
        :func:`~cjresearch.timetoevent.competing.cumulative_incidence` (one event type,
        or pass ``group="event_type"``): ``time``, ``estimate``, ``ci_low``,
        ``ci_high``, ``n_risk``.
    group : str, optional
        Column giving one curve (and colour) per group.
    labels : mapping, optional
        Names of the groups in the legend and the at-risk table, by value of
        ``group`` (``{1: "moved on", 2: "left"}`` for the event types of
        cumulative incidence curves); values not in it keep their own name.
    group_title : str, optional
        Title of the legend and the at-risk rows (default: the ``group`` column).
    risk_times : list of float, optional
        Times of the at-risk table (default: 6 evenly spaced).
    x_title : str, optional
        Title of the time axis; default the curves' time unit in ``language``
        ("Minutes since entering the stage" for curves of stage-to-stage
        steps, from the ``time_unit`` column and ``attrs["time_since"]``).

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.timetoevent.progression import kaplan_meier
    >>> d = pd.DataFrame({"duration": [1, 2, 3, 4, 5, 6], "event": 1, "g": list("aabbab")})
    >>> spec = curve_chart(kaplan_meier(d, by="g"), group="g").to_dict()
    >>> spec["vconcat"][0]["layer"][1]["mark"]["interpolate"]
    'step-after'
    """
    require_columns(curves, list(_CURVE) + ["n_risk"] + ([group] if group else []), source="curves")
    keys = [group] if group else []
    data = curves[keys + list(_CURVE) + ["n_risk"]].copy()
    names = {k: str(v) for k, v in (labels or {}).items()}
    if group:
        data[group] = [names.get(v, str(v)) for v in data[group]]
    data = _thin(data, keys, MAX_ROWS - 200)
    check_rows(data, source="curves")
    for c in _CURVE:
        data[c] = data[c].astype(float).round(5)
    order = list(dict.fromkeys(data[group])) if group else []
    color = (
        alt.Color(f"{group}:N", title=group_title or group, sort=order)
        if group
        else alt.value("#1f5f8b")
    )
    y_title = y_title or text("not_yet_reached", language)
    since = curves.attrs.get("time_since")
    x = alt.X(
        "time:Q",
        title=x_title
        or time_axis_label(
            time_unit_of(curves), language, since=since if since in ("stage", "start") else None
        ),
    )
    base = alt.Chart(data)
    band = base.mark_area(opacity=0.2, interpolate="step-after").encode(
        x=x,
        y=alt.Y("ci_low:Q", title=y_title, scale=alt.Scale(domain=[0, 1])),
        y2="ci_high:Q",
        color=color,
    )
    line = base.mark_line(interpolate="step-after").encode(
        x=x,
        y="estimate:Q",
        color=color,
        tooltip=keys
        + [
            "time:Q",
            alt.Tooltip("estimate:Q", format=".3f"),
            alt.Tooltip("ci_low:Q", format=".3f"),
            alt.Tooltip("ci_high:Q", format=".3f"),
            "n_risk:Q",
        ],
    )
    top = (band + line).properties(
        width=width, height=260, title=title or text("time_to_stage", language)
    )
    times = np.asarray(
        risk_times if risk_times is not None else np.linspace(0, data["time"].max(), 6).round(0),
        float,
    )
    # at risk at t = still under observation just before t: the n_risk of the first
    # curve row at or after t (curves list every distinct time), 0 past the last one;
    # read from the full curves, not the thinned drawing data
    full = curves[keys + ["time", "n_risk"]].copy()
    if group:
        full[group] = [names.get(v, str(v)) for v in full[group]]
    rows = []
    for key, g in full.groupby(keys, observed=True) if keys else [((), full)]:
        g = g.sort_values("time")
        pos = np.searchsorted(g["time"].to_numpy(), times, side="left")
        n_risk = np.append(g["n_risk"].to_numpy(dtype=float), 0.0)
        nr = n_risk[pos]
        for t, v in zip(times, nr, strict=True):
            row: dict[str, Any] = {
                "time": float(t),
                "at_risk": None if np.isnan(v) else float(round(v)),
            }
            if group:
                row[group] = key[0] if isinstance(key, tuple) else key
            rows.append(row)
    risk = pd.DataFrame(rows)
    table = (
        alt.Chart(risk)
        .mark_text()
        .encode(
            x=alt.X("time:Q", title=None, scale=alt.Scale(domain=[0, float(data["time"].max())])),
            y=(
                alt.Y(f"{group}:N", sort=order, title=text("at_risk", language))
                if group
                else alt.value(10)
            ),
            text=alt.Text("at_risk:Q", format=",.0f"),
            color=color,
        )
        .properties(width=width, height=20 * (risk[group].nunique() if group else 1))
    )
    return alt.vconcat(top, table)


def forest_chart(
    hr: pd.DataFrame, *, title: str | None = None, language: str = "en", width: int = WIDTH
) -> alt.LayerChart | alt.FacetChart:
    """Hazard ratios with intervals on a log axis; the rule at 1 marks "no effect".

    Examples
    --------
    >>> import pandas as pd
    >>> hr = pd.DataFrame({"term": ["a", "b"], "estimate": [1.5, 0.7],
    ...                    "ci_low": [1.1, 0.5], "ci_high": [2.0, 0.9]})
    >>> forest_chart(hr).to_dict()["layer"][1]["encoding"]["x"]["scale"]["type"]
    'log'
    """
    require_columns(hr, ["term", "estimate", "ci_low", "ci_high"], source="hazard ratios")
    check_rows(hr, source="hazard ratios")
    data = hr[
        ["term", "estimate", "ci_low", "ci_high"]
        + [c for c in ("p_value", "n", "n_event") if c in hr.columns]
    ].copy()
    for c in ("estimate", "ci_low", "ci_high"):
        data[c] = data[c].astype(float).round(4)
    order = data["term"].astype(str).tolist()
    data["term"] = order
    scale = alt.Scale(type="log")
    y = alt.Y("term:N", sort=order, title=None)
    one = (
        alt.Chart(pd.DataFrame({"x": [1.0]}))
        .mark_rule(strokeDash=[4, 4], color="gray")
        .encode(x="x:Q")
    )
    rules = (
        alt.Chart(data)
        .mark_rule()
        .encode(
            x=alt.X("ci_low:Q", scale=scale, title=text("hr_axis", language)), x2="ci_high:Q", y=y
        )
    )
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=60)
        .encode(x=alt.X("estimate:Q", scale=scale), y=y, tooltip=[c for c in data.columns])
    )
    return alt.layer(one, rules, points).properties(
        width=width, height=max(60, 24 * len(data)), title=title or text("hr_title", language)
    )


def occupancy_chart(
    occupancy: pd.DataFrame, *, title: str | None = None, language: str = "en", width: int = WIDTH
) -> alt.Chart:
    """Stacked probability of being in each stage (or exited) over time.

    Examples
    --------
    >>> import pandas as pd
    >>> occ = pd.DataFrame({"time": [0, 0, 5, 5], "state": ["a", "b", "a", "b"],
    ...                     "estimate": [1, 0, 0.4, 0.6]})
    >>> occupancy_chart(occ).to_dict()["mark"]["type"]
    'area'
    """
    require_columns(occupancy, ["time", "state", "estimate"], source="occupancy")
    check_rows(occupancy, source="occupancy")
    data = occupancy[["time", "state", "estimate"]].copy()
    order = [
        str(s)
        for s in (
            data["state"].cat.categories
            if isinstance(data["state"].dtype, pd.CategoricalDtype)
            else pd.unique(data["state"])
        )
    ]
    data["state"] = data["state"].astype(str)
    data["order"] = data["state"].map({s: i for i, s in enumerate(order)})
    data["estimate"] = data["estimate"].astype(float).round(5)
    return (
        alt.Chart(data)
        .mark_area()
        .encode(
            x=alt.X(
                "time:Q", title=time_axis_label(time_unit_of(occupancy), language, since="start")
            ),
            y=alt.Y(
                "estimate:Q",
                stack="zero",
                title=text("in_stage", language),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color("state:N", sort=order, title=text("stage", language)),
            order=alt.Order("order:Q"),
            tooltip=["time:Q", "state:N", alt.Tooltip("estimate:Q", format=".3f")],
        )
        .properties(width=width, height=260, title=title or text("occupancy_title", language))
    )


def conversion_chart(
    conv: pd.DataFrame,
    *,
    group: str | None = None,
    title: str | None = None,
    language: str = "en",
    width: int = WIDTH,
) -> alt.LayerChart | alt.FacetChart:
    """Censoring-aware conversion (bars with 95% CI) beside the naive funnel (ticks).

    Each horizon is labelled in ``language`` and the result's time unit
    ("within 15 minutes", "în 90 de zile"); a frame with the old ``days``
    column is read as days.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"horizon": [30, 90], "estimate": [0.3, 0.6], "ci_low": [0.25, 0.55],
    ...                   "ci_high": [0.35, 0.65], "naive": [0.25, 0.45], "n": [100, 100],
    ...                   "time_unit": "days"})
    >>> [l["mark"]["type"] for l in conversion_chart(c).to_dict()["layer"]]
    ['bar', 'rule', 'tick']
    """
    conv, unit = with_horizon(conv, source="conversion")
    cols = ["horizon", "estimate", "ci_low", "ci_high", "naive", "n"] + ([group] if group else [])
    require_columns(conv, cols, source="conversion")
    check_rows(conv, source="conversion")
    data = conv[cols].copy()
    for c in ("estimate", "ci_low", "ci_high", "naive"):
        data[c] = data[c].astype(float).round(4)
    data["label"] = [horizon_label(h, unit, language) for h in data["horizon"]]
    if group:
        data[group] = data[group].astype(str)
    order = list(dict.fromkeys(data.sort_values("horizon", kind="stable")["label"]))
    y = alt.Y(f"{group}:N", title=None) if group else alt.Y("label:N", sort=order, title=None)
    # facets in the order of their horizon (7, 30, 90), not of their label's text
    by_horizon = alt.EncodingSortField(field="horizon", op="min", order="ascending")
    row = alt.Row("label:N", sort=by_horizon, title=None) if group else None
    pct = alt.Scale(domain=[0, 1])
    base = alt.Chart(data)
    bars = base.mark_bar(opacity=0.7).encode(
        x=alt.X(
            "estimate:Q",
            scale=pct,
            axis=alt.Axis(format="%"),
            title=text("conversion_axis", language),
        ),
        y=y,
        tooltip=cols,
    )
    ci = base.mark_rule().encode(x="ci_low:Q", x2="ci_high:Q", y=y)
    naive = base.mark_tick(color="firebrick", thickness=3).encode(x="naive:Q", y=y)
    heading = title or text("conversion_title", language)
    layer = alt.layer(bars, ci, naive).properties(width=width)
    if row is None:
        return layer.properties(title=heading)
    return layer.facet(row=row).properties(title=heading)
