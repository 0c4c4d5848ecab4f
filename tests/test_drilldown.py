"""Tests of cjresearch.painpoints.drilldown: the ids behind the numbers, and their safe export."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.painpoints.drilldown import dropped_at, export_ids, exposed_to, mentioning

TRUTH = json.loads((SAMPLE_DIR / "truth.json").read_text())


@pytest.fixture(scope="module")
def sample():
    from cjresearch.engine.eventlog import EventLog
    from cjresearch.inputs.tables import read_table

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        log = EventLog(SAMPLE_DIR / "events.parquet", SAMPLE_DIR / "journey.yaml")
    return log, read_table(SAMPLE_DIR / "survey.csv")


def test_dropped_ids_match_the_flow_counts(sample):
    from cjresearch.painpoints.flows import stage_flows

    log, _ = sample
    tl = log.timeline()
    f = stage_flows(tl).set_index(["stage", "target"])
    for stage in ("awareness", "decision", "purchase"):
        assert len(dropped_at(tl, stage, outcome="churned")) == f.loc[(stage, "churned"), "n"]
        assert (
            len(dropped_at(tl, stage, outcome="waiting")) == f.loc[(stage, "(still waiting)"), "n"]
        )
        assert (
            len(dropped_at(tl, stage))
            == f.loc[stage, "n"].sum() - f.loc[stage].query("kind == 'moved on'")["n"].sum()
        )
    # the customers lost at decision never have an order event
    lost = set(dropped_at(tl, "decision", outcome="lost"))
    entries = tl.entries[tl.entries["stage"].astype(str) == "purchase"]
    assert not lost & set(entries["customer_id"])
    with pytest.raises(DataValidationError, match="unknown stage"):
        dropped_at(tl, "nirvana")
    with pytest.raises(DataValidationError, match="outcome="):
        dropped_at(tl, "decision", outcome="gone")


def test_exposed_ids_match_the_event_log(sample):
    from cjresearch.inputs.tables import read_table

    log, _ = sample
    events = read_table(SAMPLE_DIR / "events.parquet")
    ids = exposed_to(log.exposure(), "checkout_error")
    assert set(ids) == set(events.loc[events["event"] == "checkout_error", "customer_id"])
    # before reaching purchase: a subset
    before = exposed_to(log.exposure(), "checkout_error", stage="purchase")
    assert set(before) <= set(ids) and len(before) > 0
    with pytest.raises(DataValidationError, match="no customer met"):
        exposed_to(log.exposure(), "teleport")


def test_detractors_mentioning_a_theme_match_the_planted_themes(sample):
    from cjresearch.survey.scores import nps_category
    from cjresearch.survey.text import find_themes

    _, survey = sample
    themes = find_themes(survey)
    ids = mentioning(survey, themes, "late_delivery", id_column="respondent_id")
    # truth.json survey.verbatims.respondent_theme: the planted theme of each comment
    planted = TRUTH["survey"]["verbatims"]["respondent_theme"]
    det = set(survey.loc[nps_category(survey["nps"]) == "detractor", "respondent_id"])
    truth_ids = {r for r, t in planted.items() if t == "late_delivery" and r in det}
    found = set(ids)
    assert len(found & truth_ids) >= 0.9 * len(truth_ids)  # the lexicon recovers the plant
    assert found <= det
    with pytest.raises(DataValidationError, match="unknown theme"):
        mentioning(survey, themes, "weather")


def test_export_is_atomic_ids_only_and_refuses_personal_data(tmp_path):
    out = tmp_path / "ids.csv"
    export_ids(pd.Series(["C3", "C1", "C1", None], name="customer_id"), out)
    assert out.read_text().splitlines() == ["customer_id", "C1", "C3"]
    before = out.read_text()
    with pytest.raises(DataValidationError, match="personal data"):
        export_ids(["C1", "jane@example.com"], out)
    with pytest.raises(DataValidationError, match="personal data"):
        export_ids(["+44 7507 203256"], out)
    assert out.read_text() == before  # the previous good file stays
    assert [p.name for p in tmp_path.iterdir()] == ["ids.csv"]  # no temporary file left
    with pytest.raises(DataValidationError, match="does not exist"):
        export_ids(["C1"], tmp_path / "nope" / "ids.csv")
