"""The customer journey map as data, and as an escaped HTML block.

The classic map has the journey's stages as columns and five rows:
touchpoints, customer actions (both from the journey definition), the
emotion curve (a survey score per stage with its interval), pain points and
opportunities (from :func:`cjresearch.painpoints.ranking.rank_painpoints` and, when
given, the censoring-aware drop-off of :func:`cjresearch.painpoints.signals.dropoff`).
Stage labels come from the journey definition in the report language; the
fixed row titles ship here in en, ro, bg, pl, pt and it.  The chart is in
:mod:`cjresearch.charts.journeymap`.  :func:`journey_map_sheet` lays the map out
as a working document (a stage per row, the measured numbers as numbers, empty
columns for the team), the sheet the report exports to ``tables.xlsx``.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.columns import CI_HIGH, CI_LOW, ESTIMATE, N
from cjresearch.core.errors import DataValidationError
from cjresearch.core.formats import percent
from cjresearch.core.i18n import TEXTS, check_language, pick

__all__ = [
    "ROWS",
    "ROW_TITLES",
    "SHEET_COLUMNS",
    "TEAM_COLUMNS",
    "HTMLBlock",
    "journey_map",
    "journey_map_html",
    "journey_map_sheet",
]

#: The rows of the map, top to bottom.
ROWS = ("touchpoints", "actions", "emotion", "pain_points", "opportunities")

#: Row titles in the report languages.
ROW_TITLES: dict[str, dict[str, str]] = {
    row: TEXTS[f"map.{row}"]
    for row in ("touchpoints", "actions", "emotion", "pain_points", "opportunities")
}
_NOT_MOVING_ON = TEXTS["map.not_moving_on"]
_NO_DATA = TEXTS["map.no_data"]
_DROPOFF_LINES = 2  # "x% [CI]" and "do not move on" open a stage's pain points

#: Columns of :func:`journey_map_sheet` left empty for the team to fill in.
TEAM_COLUMNS = ("owner", "ideas", "notes")

#: Columns of :func:`journey_map_sheet`, in order.
SHEET_COLUMNS = (
    "stage_label",
    "touchpoints",
    "actions",
    "emotion",
    "emotion_ci_low",
    "emotion_ci_high",
    "n_emotion",
    "dropoff",
    "dropoff_ci_low",
    "dropoff_ci_high",
    "n_dropoff",
    "pain_points",
    "opportunities",
    *TEAM_COLUMNS,
)


class HTMLBlock(str):
    """A string of HTML that Jupyter displays as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def _name(event: str) -> str:
    return str(event).replace("_", " ")


def journey_map(
    journey: Any,
    *,
    emotion: pd.DataFrame | None = None,
    painpoints: pd.DataFrame | None = None,
    dropoff: pd.DataFrame | None = None,
    language: str = "en",
    top: int = 3,
) -> pd.DataFrame:
    """The journey map as a tidy frame: one row per map row and stage.

    Parameters
    ----------
    journey : Journey
        Stages (columns), their events (customer actions) and touchpoints.
    emotion : DataFrame, optional
        A score per stage with ``stage``, ``estimate``, ``ci_low``,
        ``ci_high`` and ``n`` (e.g. ``cjresearch.survey.scores.nps(survey, by="stage")``).
    painpoints : DataFrame, optional
        :func:`cjresearch.painpoints.ranking.rank_painpoints`; rows of ``kind`` "pain
        point" fill the pain-point row (best ranked first, at most ``top``),
        rows of kind "opportunity" the opportunity row.
    dropoff : DataFrame, optional
        :func:`cjresearch.painpoints.signals.dropoff`; adds "x% [CI] / do not move
        on" (two lines) to the pain points of each stage.
    language : str
        Report language of stage labels and row titles.

    Returns
    -------
    DataFrame
        ``row``, ``row_title``, ``stage``, ``stage_index``, ``stage_label``,
        ``text`` (items separated by newlines; empty when none),
        ``estimate``, ``ci_low``, ``ci_high``, ``n``: the emotion row's score
        and, when ``dropoff`` is given, the pain-point row's share not moving on
        (``n``: customers who entered the stage); missing elsewhere.

    Examples
    --------
    >>> from cjresearch.journey.definition import load_journey
    >>> j = load_journey({"name": "t", "stages": [{"id": "look", "events": ["view"],
    ...     "touchpoints": ["chat"]}, {"id": "buy", "events": ["pay"]}]})
    >>> m = journey_map(j, language="pt")
    >>> m[m.row == "touchpoints"][["stage", "row_title", "text"]].values.tolist()
    [['look', 'Pontos de contacto', 'chat'], ['buy', 'Pontos de contacto', '']]
    """
    check_language(language)
    rows: list[dict[str, Any]] = []
    emo = None
    if emotion is not None:
        for c in ("stage", ESTIMATE, CI_LOW, CI_HIGH):
            if c not in emotion.columns:
                raise DataValidationError(
                    f"missing column {c}",
                    source="emotion",
                    fix="pass a score table by stage, e.g. nps(by='stage')",
                )
        emo = (
            emotion.assign(stage=emotion["stage"].astype(str))
            .drop_duplicates("stage")
            .set_index("stage")
        )
    pains: dict[str, list[str]] = {s: [] for s in journey.stage_ids}
    opps: dict[str, list[str]] = {s: [] for s in journey.stage_ids}
    drops: dict[str, dict[str, Any]] = {}
    if dropoff is not None:
        for _, r in dropoff.iterrows():
            s = str(r["from_stage"])
            if s in pains and pd.notna(r[ESTIMATE]):
                pct = [percent(r[c], language, decimals=0) for c in (ESTIMATE, CI_LOW, CI_HIGH)]
                share = f"{pct[0]} [{pct[1]}–{pct[2]}]"
                pains[s] += [share, pick(_NOT_MOVING_ON, language)]  # _DROPOFF_LINES lines
                drops[s] = {
                    ESTIMATE: r[ESTIMATE],
                    CI_LOW: r[CI_LOW],
                    CI_HIGH: r[CI_HIGH],
                    N: r[N] if N in dropoff.columns else np.nan,
                }
    if painpoints is not None:
        ranked = painpoints.sort_values("rank") if "rank" in painpoints else painpoints
        for kind, bucket in (("pain point", pains), ("opportunity", opps)):
            sub = ranked[ranked["kind"] == kind]
            for s, g in sub.groupby(sub["stage"].astype(str), sort=False):
                if s in bucket:
                    bucket[s] += [_name(t) for t in g["touchpoint"].head(top)]
    for k, stage in enumerate(journey.stages):
        base = {
            "stage": stage.id,
            "stage_index": k,
            "stage_label": journey.label(stage.id, language),
        }
        texts = {
            "touchpoints": [_name(t) for t in stage.touchpoints],
            "actions": [_name(e) for e in stage.events],
            "pain_points": pains[stage.id],
            "opportunities": opps[stage.id],
        }
        for row in ROWS:
            rec = dict(base, row=row, row_title=pick(ROW_TITLES[row], language))
            if row == "emotion":
                if emo is not None and stage.id in emo.index:
                    e = emo.loc[stage.id]
                    rec.update(
                        {
                            ESTIMATE: e[ESTIMATE],
                            CI_LOW: e[CI_LOW],
                            CI_HIGH: e[CI_HIGH],
                            N: e[N] if N in emo.columns else np.nan,
                        }
                    )
                    rec["text"] = (
                        f"{e[ESTIMATE]:.1f} [{e[CI_LOW]:.1f}, {e[CI_HIGH]:.1f}]"
                        if pd.notna(e[ESTIMATE])
                        else pick(_NO_DATA, language)
                    )
                else:
                    rec["text"] = pick(_NO_DATA, language)
            else:
                rec["text"] = "\n".join(texts[row])
                if row == "pain_points" and stage.id in drops:
                    rec.update(drops[stage.id])
            rows.append(rec)
    out = pd.DataFrame(rows)
    for c in (ESTIMATE, CI_LOW, CI_HIGH, N):
        if c not in out:
            out[c] = np.nan
    return out[
        [
            "row",
            "row_title",
            "stage",
            "stage_index",
            "stage_label",
            "text",
            ESTIMATE,
            CI_LOW,
            CI_HIGH,
            N,
        ]
    ]


def journey_map_html(journey_map_frame: pd.DataFrame, *, caption: str | None = None) -> HTMLBlock:
    """The journey map as one HTML table (stages as columns), every text escaped.

    The emotion row shows the score with its interval and a bar whose width
    is the score's position between the lowest and highest stage score.

    Examples
    --------
    >>> from cjresearch.journey.definition import load_journey
    >>> j = load_journey({"name": "t", "stages": [{"id": "a", "events": ["<b>x</b>"]},
    ...                                           {"id": "b", "events": ["y"]}]})
    >>> block = journey_map_html(journey_map(j))
    >>> "&lt;b&gt;x&lt;/b&gt;" in block and "<b>x" not in block
    True
    """
    m = journey_map_frame
    for c in ("row", "row_title", "stage", "stage_index", "stage_label", "text"):
        if c not in m.columns:
            raise DataValidationError(
                f"missing column {c}",
                source="journey map",
                fix="pass the result of journey_map() unchanged",
            )
    stages = m.drop_duplicates("stage").sort_values("stage_index")
    esc = html.escape
    parts = ['<table class="cjr-table cjr-journey-map">']
    if caption:
        parts.append(f"<caption>{esc(caption)}</caption>")
    parts.append(
        "<thead><tr><th></th>"
        + "".join(f"<th>{esc(str(s))}</th>" for s in stages["stage_label"])
        + "</tr></thead><tbody>"
    )
    emo = m[m["row"] == "emotion"]
    lo = emo[ESTIMATE].min() if ESTIMATE in m and emo[ESTIMATE].notna().any() else np.nan
    hi = emo[ESTIMATE].max() if ESTIMATE in m and emo[ESTIMATE].notna().any() else np.nan
    for row in [r for r in ROWS if r in set(m["row"])]:
        sub = m[m["row"] == row].set_index("stage")
        title = esc(str(sub["row_title"].iloc[0]))
        cells = []
        for sid in stages["stage"]:
            r = sub.loc[sid] if sid in sub.index else None
            text = "" if r is None or pd.isna(r["text"]) else str(r["text"])
            body = "<br>".join(esc(t) for t in text.split("\n") if t)
            if row == "emotion" and r is not None and pd.notna(r.get(ESTIMATE, np.nan)):
                pos = 1.0 if hi == lo else (r[ESTIMATE] - lo) / (hi - lo)
                body += (
                    f'<div class="cjr-emotion" style="height:6px;background:#4c78a8;'
                    f'width:{10 + 90 * pos:.0f}%"></div>'
                )
            cells.append(f"<td>{body}</td>")
        parts.append(f"<tr><th>{title}</th>{''.join(cells)}</tr>")
    parts.append("</tbody></table>")
    return HTMLBlock("".join(parts))


def journey_map_sheet(journey_map_frame: pd.DataFrame) -> pd.DataFrame:
    """The journey map as a working document: one row per stage, measures as columns.

    Parameters
    ----------
    journey_map_frame : DataFrame
        The result of :func:`journey_map`, unchanged.

    Returns
    -------
    DataFrame
        One row per stage in journey order, the columns of :data:`SHEET_COLUMNS`:
        ``stage_label``; ``touchpoints`` and ``actions`` (the map's texts,
        items on their own lines); the emotion score ``emotion`` with
        ``emotion_ci_low``, ``emotion_ci_high`` and ``n_emotion`` (answers); the
        share not moving on ``dropoff`` with ``dropoff_ci_low``,
        ``dropoff_ci_high`` and ``n_dropoff`` (customers who entered the stage),
        numbers, missing where not measured; ``pain_points`` (the ranked pain-point
        touchpoints) and ``opportunities``; and the empty :data:`TEAM_COLUMNS`
        (``owner``, ``ideas``, ``notes``) for the team to fill in.

    Examples
    --------
    >>> from cjresearch.journey.definition import load_journey
    >>> j = load_journey({"name": "t", "stages": [{"id": "look", "events": ["view"]},
    ...                                           {"id": "buy", "events": ["pay"]}]})
    >>> drop = pd.DataFrame({"from_stage": ["look"], "estimate": [0.25], "ci_low": [0.2],
    ...                      "ci_high": [0.3], "n": [400]})
    >>> sheet = journey_map_sheet(journey_map(j, dropoff=drop))
    >>> sheet[["stage_label", "actions", "dropoff", "n_dropoff", "pain_points"]].values.tolist()
    [['look', 'view', 0.25, 400.0, ''], ['buy', 'pay', nan, nan, '']]
    """
    m = journey_map_frame
    for c in ("row", "stage", "stage_index", "stage_label", "text", ESTIMATE, CI_LOW, CI_HIGH, N):
        if c not in m.columns:
            raise DataValidationError(
                f"missing column {c}",
                source="journey map",
                column=c,
                fix="pass the result of journey_map() unchanged",
            )
    stages = m.drop_duplicates("stage").sort_values("stage_index")
    cell = m.assign(stage=m["stage"].astype(str)).set_index(["row", "stage"])
    measured = {"emotion": "emotion", "dropoff": "pain_points"}
    records = []
    for sid, label in zip(stages["stage"].astype(str), stages["stage_label"], strict=True):

        def text(row: str, sid: str = sid) -> str:
            if (row, sid) not in cell.index:
                return ""
            value = cell.loc[(row, sid), "text"]
            return "" if pd.isna(value) else str(value)

        rec: dict[str, Any] = {"stage_label": label}
        rec.update({row: text(row) for row in ("touchpoints", "actions")})
        for name, row in measured.items():
            there = (row, sid) in cell.index
            for col, suffix in ((ESTIMATE, ""), (CI_LOW, "_ci_low"), (CI_HIGH, "_ci_high")):
                rec[name + suffix] = cell.loc[(row, sid), col] if there else np.nan
            rec[f"n_{name}"] = cell.loc[(row, sid), N] if there else np.nan
        pains = text("pain_points").split("\n")
        if pd.notna(rec["dropoff"]):  # its share is a column of its own here
            pains = pains[_DROPOFF_LINES:]
        rec["pain_points"] = "\n".join(p for p in pains if p)
        rec["opportunities"] = text("opportunities")
        rec.update(dict.fromkeys(TEAM_COLUMNS, ""))
        records.append(rec)
    out = pd.DataFrame(records, columns=list(SHEET_COLUMNS))
    numbers = [c for c in SHEET_COLUMNS if c.startswith(("emotion", "dropoff", "n_"))]
    out[numbers] = out[numbers].astype(float)
    return out
