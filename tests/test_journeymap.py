"""Tests of cjresearch.painpoints.journeymap: the map's data, its languages and its escaped HTML."""

from __future__ import annotations

import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.journey.definition import load_journey
from cjresearch.painpoints.journeymap import (
    ROW_TITLES,
    ROWS,
    SHEET_COLUMNS,
    TEAM_COLUMNS,
    journey_map,
    journey_map_html,
    journey_map_sheet,
)

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
DROPOFF_N = pd.DataFrame(
    {
        "from_stage": ["awareness", "decision"],
        "estimate": [0.2765, 0.125],
        "ci_low": [0.2608, 0.1],
        "ci_high": [0.2929, 0.15],
        "n": [3000, 800],
    }
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
    assert cell.loc[("pain_points", "awareness"), "text"] == "28% [26%–29%]\ndo not move on"
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


def test_dropoff_numbers_ride_on_the_pain_point_row():
    m = journey_map(J, emotion=EMOTION, painpoints=RANKED, dropoff=DROPOFF_N)
    cell = m.set_index(["row", "stage"])
    assert cell.loc[
        ("pain_points", "decision"), ["estimate", "ci_low", "ci_high", "n"]
    ].tolist() == [
        0.125,
        0.1,
        0.15,
        800,
    ]
    assert pd.isna(cell.loc[("pain_points", "purchase"), "estimate"])
    assert pd.isna(cell.loc[("touchpoints", "awareness"), "estimate"])


def test_sheet_holds_the_maps_numbers_a_stage_per_row():
    m = journey_map(J, emotion=EMOTION, painpoints=RANKED, dropoff=DROPOFF_N, language="it")
    sheet = journey_map_sheet(m)
    assert list(sheet.columns) == list(SHEET_COLUMNS)
    assert sheet["stage_label"].tolist() == [J.label(s, "it") for s in J.stage_ids]
    cell = m.set_index(["row", "stage"])
    for k, sid in enumerate(J.stage_ids):
        row = sheet.iloc[k]
        for name, map_row in (("emotion", "emotion"), ("dropoff", "pain_points")):
            want = cell.loc[(map_row, sid), ["estimate", "ci_low", "ci_high", "n"]].tolist()
            got = row[[name, f"{name}_ci_low", f"{name}_ci_high", f"n_{name}"]].tolist()
            assert got == pytest.approx(want, nan_ok=True), (sid, name)
    # numbers are numbers (floats; missing where not measured)
    numeric = [c for c in SHEET_COLUMNS if c.startswith(("emotion", "dropoff", "n_"))]
    assert all(sheet[c].dtype == float for c in numeric)
    by = sheet.set_index(pd.Index(J.stage_ids))
    assert by.loc["decision", "emotion"] == -33.0 and by.loc["decision", "n_emotion"] == 160
    assert by.loc["awareness", "dropoff"] == 0.2765 and by.loc["awareness", "n_dropoff"] == 3000
    assert pd.isna(by.loc["loyalty", "emotion"]) and pd.isna(by.loc["loyalty", "dropoff"])
    # texts: the share not moving on has its own columns, not repeated among the pain points
    assert by.loc["decision", "pain_points"] == "checkout error"
    assert by.loc["awareness", "pain_points"] == ""
    assert by.loc["decision", "touchpoints"] == "checkout error\nprice alert"
    assert by.loc["consideration", "opportunities"] == "chat presales"
    # empty columns for the team
    assert (sheet[list(TEAM_COLUMNS)] == "").all().all()


def test_sheet_refuses_a_frame_that_is_not_the_map():
    m = journey_map(J, emotion=EMOTION)
    with pytest.raises(DataValidationError, match="missing column estimate") as err:
        journey_map_sheet(m.drop(columns="estimate"))
    assert "journey_map() unchanged" in str(err.value)
