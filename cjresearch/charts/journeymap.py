"""The customer journey map as one chart (:func:`cjresearch.painpoints.journeymap.journey_map`).

Stages are columns (labels in the report language); the rows touchpoints and
customer actions come first as text, then the emotion curve (the score per
stage with its 95% interval), then pain points and opportunities as text.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cjresearch.charts._base import WIDTH, check_rows, require_columns

__all__ = ["journey_map_chart"]

_COLUMNS = (
    "row",
    "row_title",
    "stage",
    "stage_index",
    "stage_label",
    "text",
    "estimate",
    "ci_low",
    "ci_high",
    "n",
)


def _text_rows(
    data: pd.DataFrame, rows: list[str], x: alt.X, width: int, row_height: int
) -> alt.Chart:
    sub = data[data["row"].isin(rows)]
    titles = [
        sub.loc[sub["row"] == r, "row_title"].iloc[0] for r in rows if (sub["row"] == r).any()
    ]
    return (
        alt.Chart(sub)
        .mark_text(lineBreak="\n", fontSize=11, baseline="middle")
        .encode(
            x=x,
            y=alt.Y("row_title:N", sort=titles, title=None),
            text="text:N",
            tooltip=["stage_label:N", "row_title:N", "text:N"],
        )
        .properties(width=width, height=row_height * len(titles))
    )


def journey_map_chart(
    journey_map: pd.DataFrame,
    *,
    width: int = WIDTH + 120,
    row_height: int = 70,
    title: str | None = None,
) -> alt.VConcatChart:
    """The journey map: text rows, the emotion curve with CI, pain points and opportunities.

    Parameters
    ----------
    journey_map : DataFrame
        The result of :func:`cjresearch.painpoints.journeymap.journey_map` (labels and
        titles already in the report language).
    title : str, optional
        A title above the map (in the report language), e.g. for the map
        exported as a page of its own.

    Returns
    -------
    altair.VConcatChart
        Three panels sharing the stage axis: touchpoints and actions (text),
        the emotion curve (line and points with interval rules), pain points
        and opportunities (text).

    Examples
    --------
    >>> from cjresearch.journey.definition import load_journey
    >>> from cjresearch.painpoints.journeymap import journey_map
    >>> import pandas as pd
    >>> j = load_journey("classic6")
    >>> emo = pd.DataFrame({"stage": ["awareness", "decision"], "estimate": [10.0, -5.0],
    ...                     "ci_low": [0.0, -15.0], "ci_high": [20.0, 5.0], "n": [80, 60]})
    >>> spec = journey_map_chart(journey_map(j, emotion=emo, language="it")).to_dict()
    >>> [p.get("mark", {}).get("type") if "mark" in p else "layer" for p in spec["vconcat"]]
    ['text', 'layer', 'text']
    """
    require_columns(journey_map, _COLUMNS, source="journey map")
    check_rows(journey_map, source="journey map")
    data = journey_map[list(_COLUMNS)].copy()
    data["stage"] = data["stage"].astype(str)
    order = data.drop_duplicates("stage").sort_values("stage_index")["stage_label"].tolist()
    x_top = alt.X(
        "stage_label:N", sort=order, title=None, axis=alt.Axis(orient="top", labelAngle=0)
    )
    x = alt.X("stage_label:N", sort=order, title=None, axis=alt.Axis(labels=False, ticks=False))
    top = _text_rows(data, ["touchpoints", "actions"], x_top, width, row_height)
    bottom = _text_rows(data, ["pain_points", "opportunities"], x, width, row_height)
    emo = data[(data["row"] == "emotion") & data["estimate"].notna()]
    emotion_title = data.loc[data["row"] == "emotion", "row_title"].iloc[0]
    y = alt.Y("estimate:Q", title=emotion_title, scale=alt.Scale(zero=False))
    base = alt.Chart(emo)
    line = base.mark_line(point=True).encode(
        x=x,
        y=y,
        tooltip=[
            "stage_label:N",
            alt.Tooltip("estimate:Q", format=".1f"),
            alt.Tooltip("ci_low:Q", format=".1f"),
            alt.Tooltip("ci_high:Q", format=".1f"),
            "n:Q",
        ],
    )
    rules = base.mark_rule().encode(x=x, y="ci_low:Q", y2="ci_high:Q")
    middle = alt.layer(rules, line).properties(width=width, height=160)
    chart = alt.vconcat(top, middle, bottom, spacing=4).resolve_scale(x="shared")
    return chart if title is None else chart.properties(title=title)
