"""Tests of cjresearch.painpoints.journeymap: the map's data, its languages and its escaped HTML."""

from __future__ import annotations

import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.journey.definition import load_journey
from cjresearch.painpoints.journeymap import ROW_TITLES, ROWS, journey_map, journey_map_html

J = load_journey(SAMPLE_DIR / "journey.yaml")
EMOTION = pd.DataFrame(
    {
        "stage": ["awareness", "decision", "purchase"],
        "estimate": [-28.6, -33.0, -23.4],
        "ci_low": [-36.8, -44.1, -35.9],
        "ci_high": [-20.4, -21.8, -11.0],
        "n": [374, 160, 150],
    }
)
RANKED = pd.DataFrame(
    {
        "rank": [1, 2, 3, 4],
        "stage": ["decision", "purchase", "purchase", "consideration"],
        "touchpoint": ["checkout_error", "delivery_late", "support_contact", "chat_presales"],
        "kind": ["pain point", "pain point", "no clear evidence", "opportunity"],
    }
)
DROPOFF = pd.DataFrame(
    {"from_stage": ["awareness"], "estimate": [0.2765], "ci_low": [0.2608], "ci_high": [0.2929]}
)


def test_map_rows_stages_and_contents():
    m = journey_map(J, emotion=EMOTION, painpoints=RANKED, dropoff=DROPOFF)
    assert len(m) == len(ROWS) * len(J.stage_ids)
    assert m.drop_duplicates("stage")["stage"].tolist() == list(J.stage_ids)
    cell = m.set_index(["row", "stage"])
    # touchpoints and actions come from the journey definition
    assert cell.loc[("touchpoints", "decision"), "text"] == "checkout error\nprice alert"
    assert cell.loc[("actions", "purchase"), "text"] == "order placed"
    assert cell.loc[("touchpoints", "advocacy"), "text"] == ""
    # emotion: the score and its interval, "no data" where the survey has none
    assert cell.loc[("emotion", "decision"), "estimate"] == -33.0
    assert cell.loc[("emotion", "decision"), "text"] == "-33.0 [-44.1, -21.8]"
    assert cell.loc[("emotion", "loyalty"), "text"] == "no data"
    assert pd.isna(cell.loc[("emotion", "loyalty"), "estimate"])
    # pain points: drop-off first, then ranked pain-point touchpoints; opportunities separate
    assert cell.loc[("pain_points", "awareness"), "text"] == "28% [26-29%]\ndo not move on"
    assert cell.loc[("pain_points", "decision"), "text"] == "checkout error"
    assert cell.loc[("pain_points", "purchase"), "text"] == "delivery late"  # not 'no evidence'
    assert cell.loc[("opportunities", "consideration"), "text"] == "chat presales"


@pytest.mark.parametrize("language", ["en", "ro", "bg", "pl", "pt", "it"])
def test_labels_in_the_report_language(language):
    m = journey_map(J, emotion=EMOTION, dropoff=DROPOFF, language=language)
    assert m.drop_duplicates("stage")["stage_label"].tolist() == [
        J.label(s, language) for s in J.stage_ids
    ]
    assert m.drop_duplicates("row")["row_title"].tolist() == [ROW_TITLES[r][language] for r in ROWS]
    assert len(set(ROW_TITLES["pain_points"].values())) == 6  # six real translations


def test_html_block_escapes_everything_and_lays_out_stages_as_columns():
    hostile = RANKED.assign(touchpoint=["<script>alert(1)</script>", "a&b", "x", "y"])
    m = journey_map(J, emotion=EMOTION, painpoints=hostile)
    block = journey_map_html(m, caption='Map "<b>"')
    assert "<script>" not in block and "&lt;script&gt;alert(1)&lt;/script&gt;" in block
    assert "a&amp;b" in block and "&lt;b&gt;" in block
    assert block._repr_html_() == str(block)
    header = block.split("<thead>")[1].split("</thead>")[0]
    assert header.count("<th>") == len(J.stage_ids) + 1
    assert block.count("<tr>") == len(ROWS) + 1
    # the emotion bar: the highest stage score gets the full width, the lowest the minimum
    assert "width:100%" in block and "width:10%" in block


def test_bad_input():
    with pytest.raises(DataValidationError, match="not supported"):
        journey_map(J, language="de")
    with pytest.raises(DataValidationError, match="missing column"):
        journey_map(J, emotion=EMOTION.drop(columns="ci_low"))
    with pytest.raises(DataValidationError, match="missing column"):
        journey_map_html(pd.DataFrame({"row": []}))
