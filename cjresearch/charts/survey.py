"""Charts of survey results (:mod:`cjresearch.survey.scores`, :mod:`cjresearch.survey.drivers`, :mod:`cjresearch.survey.text`).

They draw results computed elsewhere; the only arithmetic here is layout
(where a diverging bar starts and ends, percent labels).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import altair as alt
import pandas as pd

from cjresearch.charts._base import WIDTH, check_rows, require_columns
from cjresearch.core.i18n import text

__all__ = ["driver_chart", "likert_chart", "nps_composition_chart", "score_chart", "theme_chart"]


def _t(key: str, language: str) -> str:
    return text("survey_chart." + key, language)


def _group_column(frame: pd.DataFrame, group: str | None) -> str:
    if group is not None:
        require_columns(frame, [group], source="chart")
        return group
    known = {
        "measure",
        "kind",
        "item",
        "n",
        "estimate",
        "se",
        "ci_low",
        "ci_high",
        "small_base",
        "promoters",
        "passives",
        "detractors",
        "theme",
        "answer",
        "base",
    }
    rest = [c for c in frame.columns if c not in known]
    return rest[0] if rest else "measure"


def score_chart(
    scores: pd.DataFrame,
    *,
    group: str | None = None,
    language: str = "en",
    title: str | None = None,
    width: int = WIDTH,
) -> alt.LayerChart:
    """Scores per group as points with their confidence intervals; small bases faded.

    ``scores`` is a result of :func:`cjresearch.survey.scores.score` or of
    :func:`cjresearch.survey.scores.nps`, ``csat``, ``ces`` or ``likert`` (one
    measure).  An NPS (``measure`` "nps", or ``kind`` "nps") is drawn on
    -100..100.  ``group`` is the grouping column
    (the first non-result column by default).

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"stage": ["a", "b"], "measure": "nps", "n": [120, 12],
    ...                   "estimate": [30.0, -5.0], "ci_low": [18.0, -50.0],
    ...                   "ci_high": [41.0, 40.0], "small_base": [False, True]})
    >>> spec = score_chart(r).to_dict()
    >>> spec["layer"][0]["mark"]["type"], spec["layer"][1]["mark"]["type"]
    ('rule', 'point')
    """
    require_columns(
        scores, ["n", "estimate", "ci_low", "ci_high", "small_base"], source="score_chart"
    )
    check_rows(scores, source="score_chart")
    g = _group_column(scores, group)
    data = scores.copy()
    data[g] = data[g].astype(str)
    data["base_note"] = data["small_base"].map({True: _t("small", language), False: ""})
    is_nps = ("kind" in data and (data["kind"] == "nps").all()) or (
        "kind" not in data and "measure" in data and (data["measure"] == "nps").all()
    )
    scale = alt.Scale(domain=[-100, 100]) if is_nps else alt.Scale(zero=False)
    y = alt.Y(f"{g}:N", sort=list(dict.fromkeys(data[g])), title=None)
    tooltip = [
        alt.Tooltip(f"{g}:N"),
        alt.Tooltip("n:Q"),
        alt.Tooltip("estimate:Q", format=".2f"),
        alt.Tooltip("ci_low:Q", format=".2f"),
        alt.Tooltip("ci_high:Q", format=".2f"),
        alt.Tooltip("base_note:N", title=" "),
    ]
    opacity = alt.condition("datum.small_base", alt.value(0.35), alt.value(1.0))
    base = alt.Chart(data).encode(y=y, opacity=opacity, tooltip=tooltip)
    rules = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("ci_low:Q", scale=scale, title=_t("estimate", language)), x2="ci_high:Q"
    )
    points = base.mark_point(filled=True, size=80).encode(x=alt.X("estimate:Q", scale=scale))
    return cast(
        alt.LayerChart,
        alt.layer(rules, points).properties(
            width=width, title=title or f"{_t('estimate', language)} ({_t('interval', language)})"
        ),
    )


def likert_chart(
    distribution: pd.DataFrame,
    *,
    group: str | None = None,
    language: str = "en",
    scale: tuple[int, int] | None = None,
    title: str | None = None,
    width: int = WIDTH,
) -> alt.Chart:
    """Diverging stacked bars of Likert answers (from :func:`cjresearch.survey.scores.likert_distribution`).

    Answers below the scale midpoint extend to the left, above it to the
    right; a middle answer is split across zero.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"item": "q", "answer": [1, 2, 3], "n": 10,
    ...                   "estimate": [0.2, 0.3, 0.5], "ci_low": 0.0, "ci_high": 1.0,
    ...                   "small_base": True})
    >>> spec = likert_chart(d).to_dict()
    >>> [(r["answer"], round(r["x_start"], 2), round(r["x_end"], 2))
    ...  for r in list(spec["datasets"].values())[0]]
    [(1, -0.35, -0.15), (2, -0.15, 0.15), (3, 0.15, 0.65)]
    """
    require_columns(distribution, ["item", "answer", "estimate"], source="likert_chart")
    check_rows(distribution, source="likert_chart")
    data = distribution.copy()
    lo, hi = scale if scale is not None else (int(data["answer"].min()), int(data["answer"].max()))
    mid = (lo + hi) / 2
    keys = ["item"] + ([group] if group else [])
    parts = []
    for _, part in data.sort_values([*keys, "answer"]).groupby(keys, sort=False):
        part = part.copy()
        left = (
            part.loc[part["answer"] < mid, "estimate"].sum()
            + part.loc[part["answer"] == mid, "estimate"].sum() / 2
        )
        part["x_start"] = -left + part["estimate"].cumsum() - part["estimate"]
        part["x_end"] = part["x_start"] + part["estimate"]
        parts.append(part)
    data = pd.concat(parts, ignore_index=True)
    row = "item:N" if not group else alt.Y(f"{group}:N", title=None)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("x_start:Q", axis=alt.Axis(format="%"), title=_t("share", language)),
            x2="x_end:Q",
            y=row if group else alt.Y("item:N", title=None),
            color=alt.Color(
                "answer:O", scale=alt.Scale(scheme="redblue"), title=_t("answer", language)
            ),
            tooltip=["item:N", "answer:O", alt.Tooltip("estimate:Q", format=".1%")],
        )
    )
    if group:
        chart = chart.facet(row=alt.Row("item:N", title=None))
        return chart.properties(title=title or _t("share", language))
    return chart.properties(width=width, title=title or _t("share", language))


def nps_composition_chart(
    scores: pd.DataFrame,
    *,
    group: str | None = None,
    language: str = "en",
    title: str | None = None,
    width: int = WIDTH,
) -> alt.Chart:
    """Stacked shares of detractors, passives and promoters per group (from ``nps``).

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"seg": ["a"], "n": [50], "estimate": [20.0], "detractors": [0.2],
    ...                   "passives": [0.4], "promoters": [0.4], "small_base": [False]})
    >>> spec = nps_composition_chart(r).to_dict()
    >>> sorted(x["share"] for x in list(spec["datasets"].values())[0])
    [0.2, 0.4, 0.4]
    """
    require_columns(
        scores, ["estimate", "detractors", "passives", "promoters"], source="nps_composition_chart"
    )
    check_rows(scores, source="nps_composition_chart")
    g = _group_column(scores, group)
    keep = [g, "n", "estimate"] if "n" in scores else [g, "estimate"]
    long = scores.melt(
        id_vars=keep,
        value_vars=["detractors", "passives", "promoters"],
        var_name="part",
        value_name="share",
    )
    long[g] = long[g].astype(str)
    labels = {
        "detractors": _t("detractor", language),
        "passives": _t("passive", language),
        "promoters": _t("promoter", language),
    }
    long["order"] = long["part"].map({"detractors": 0, "passives": 1, "promoters": 2})
    long["part"] = long["part"].map(labels)
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X(
                "share:Q", stack="normalize", axis=alt.Axis(format="%"), title=_t("share", language)
            ),
            y=alt.Y(f"{g}:N", title=None, sort=list(dict.fromkeys(long[g]))),
            color=alt.Color(
                "part:N",
                sort=list(labels.values()),
                title=None,
                scale=alt.Scale(
                    domain=list(labels.values()), range=["#d7301f", "#bdbdbd", "#1a9850"]
                ),
            ),
            order="order:Q",
            tooltip=[
                f"{g}:N",
                "part:N",
                alt.Tooltip("share:Q", format=".1%"),
                alt.Tooltip("estimate:Q", title="NPS", format=".1f"),
            ],
        )
        .properties(width=width, title=title or "NPS")
    )


def driver_chart(
    summary: pd.DataFrame, *, language: str = "en", title: str | None = None, width: int = WIDTH
) -> alt.LayerChart:
    """Relative importance of drivers (``KeyDrivers.summary``) as bars with bootstrap intervals.

    With a ``sign`` column (as ``KeyDrivers.summary`` has) the bars are
    coloured by the driver's direction and marked ``+`` or ``−`` beyond the
    interval, with a legend in ``language``: the importance itself has no
    direction.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"driver": ["a", "b"], "estimate": [0.3, 0.1], "ci_low": [0.2, 0.05],
    ...                   "ci_high": [0.4, 0.15], "sign": [1, -1]})
    >>> spec = driver_chart(s).to_dict()
    >>> spec["layer"][0]["encoding"]["y"]["sort"]
    ['a', 'b']
    >>> spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    ['+ higher rating, higher outcome', '− higher rating, lower outcome']
    """
    require_columns(summary, ["driver", "estimate", "ci_low", "ci_high"], source="driver_chart")
    data = summary.sort_values("estimate", ascending=False)
    order = list(data["driver"])
    y = alt.Y("driver:N", sort=order, title=_t("driver", language))
    tip: list[Any] = [
        "driver:N",
        alt.Tooltip("estimate:Q", format=".3f"),
        alt.Tooltip("ci_low:Q", format=".3f"),
        alt.Tooltip("ci_high:Q", format=".3f"),
    ] + (["vif:Q"] if "vif" in data else [])
    x = alt.X("estimate:Q", title=_t("importance", language))
    if "sign" not in data:
        bars = alt.Chart(data).mark_bar(color="#4c78a8").encode(y=y, x=x, tooltip=tip)
        rules = alt.Chart(data).mark_rule(color="black").encode(y=y, x="ci_low:Q", x2="ci_high:Q")
        layers = [bars, rules]
    else:
        up, down = _t("raises", language), _t("lowers", language)
        lower = data["sign"] < 0
        data = data.assign(
            direction=lower.map({False: up, True: down}), marker=lower.map({False: "+", True: "−"})
        )
        scale = alt.Scale(domain=[up, down], range=["#4c78a8", "#e45756"])
        colour = alt.Color("direction:N", title=_t("direction", language), scale=scale)
        bars = (
            alt.Chart(data).mark_bar().encode(y=y, x=x, color=colour, tooltip=[*tip, "direction:N"])
        )
        rules = alt.Chart(data).mark_rule(color="black").encode(y=y, x="ci_low:Q", x2="ci_high:Q")
        marks = (
            alt.Chart(data)
            .mark_text(align="left", dx=4, fontWeight="bold", fontSize=14)
            .encode(
                y=y,
                x="ci_high:Q",
                text="marker:N",
                color=alt.Color("direction:N", scale=scale, legend=None),
            )
        )
        layers = [bars, rules, marks]
    return cast(
        alt.LayerChart,
        alt.layer(*layers).properties(width=width, title=title or _t("importance", language)),
    )


def theme_chart(
    prevalence: pd.DataFrame,
    *,
    group: str | None = None,
    language: str = "en",
    themes: Sequence[str] | None = None,
    title: str | None = None,
    width: int = WIDTH,
) -> alt.LayerChart:
    """Theme prevalence (from :func:`cjresearch.survey.text.theme_prevalence`) with intervals.

    With ``group`` (e.g. the NPS group) points are coloured by group.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"theme": ["late", "price"], "n": [80, 80], "estimate": [0.1, 0.3],
    ...                   "ci_low": [0.05, 0.2], "ci_high": [0.18, 0.4], "small_base": False})
    >>> spec = theme_chart(p).to_dict()
    >>> spec["layer"][1]["encoding"]["x"]["field"]
    'estimate'
    """
    require_columns(prevalence, ["theme", "estimate", "ci_low", "ci_high"], source="theme_chart")
    check_rows(prevalence, source="theme_chart")
    data = prevalence if themes is None else prevalence[prevalence["theme"].isin(themes)]
    data = data.copy()
    order = list(
        data.groupby("theme", sort=False)["estimate"].max().sort_values(ascending=False).index
    )
    enc: dict[str, Any] = {"y": alt.Y("theme:N", sort=order, title=_t("theme", language))}
    if group:
        data[group] = data[group].astype(str)
        enc["color"] = alt.Color(f"{group}:N", title=None)
        enc["yOffset"] = alt.YOffset(f"{group}:N")
    tip: list[Any] = [
        "theme:N",
        alt.Tooltip("estimate:Q", format=".1%"),
        alt.Tooltip("ci_low:Q", format=".1%"),
        alt.Tooltip("ci_high:Q", format=".1%"),
    ]
    if "n" in data:
        tip.append("n:Q")
    base = alt.Chart(data).encode(tooltip=tip, **enc)
    rules = base.mark_rule().encode(
        x=alt.X("ci_low:Q", axis=alt.Axis(format="%"), title=_t("mention", language)),
        x2="ci_high:Q",
    )
    points = base.mark_point(filled=True, size=70).encode(x="estimate:Q")
    return cast(
        alt.LayerChart,
        alt.layer(rules, points).properties(width=width, title=title or _t("mention", language)),
    )
