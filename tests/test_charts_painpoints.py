"""Pain-point and journey-map charts: specs validate and encode the result frames' numbers."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from cjresearch.charts.journeymap import journey_map_chart
from cjresearch.charts.painpoints import (
    dropoff_chart,
    flow_chart,
    ipa_chart,
    painpoint_chart,
    touchpoint_chart,
    transition_chart,
)
from cjresearch.core.errors import DataValidationError
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.journey.definition import load_journey
from cjresearch.painpoints.journeymap import journey_map


@pytest.fixture(scope="module")
def results():
    from cjresearch.engine.eventlog import EventLog
    from cjresearch.inputs.tables import read_table
    from cjresearch.painpoints.flows import stage_flows, transition_matrix
    from cjresearch.painpoints.ipa import importance_performance
    from cjresearch.painpoints.ranking import excess_loss, rank_painpoints
    from cjresearch.painpoints.signals import dropoff
    from cjresearch.painpoints.touchpoints import touchpoint_effects
    from cjresearch.survey.scores import nps
    from cjresearch.timetoevent.progression import stage_durations

    j = load_journey(SAMPLE_DIR / "journey.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        log = EventLog(SAMPLE_DIR / "events.parquet", j)
        survey = read_table(SAMPLE_DIR / "survey.csv")
        d = stage_durations(log.timeline())
        ex = log.exposure()
        eff = touchpoint_effects(d, ex, journey=j)
        ranked = rank_painpoints(eff, excess_loss(d, ex, journey=j))
        drop = dropoff(d)
        ipa = importance_performance(
            survey,
            outcome="overall_sat",
            n_boot=20,
            drivers={
                "rating_delivery": "delivery",
                "rating_checkout": "checkout",
                "rating_price": "price",
            },
        )
        emo = nps(survey, by="stage")
    return {
        "journey": j,
        "effects": eff,
        "ranked": ranked,
        "dropoff": drop,
        "ipa": ipa,
        "emotion": emo,
        "flows": stage_flows(log.timeline()),
        "matrix": transition_matrix(log.touchpoint_transitions()),
    }


def _data(spec, field):
    """The dataset holding ``field``."""
    return pd.DataFrame(next(d for d in spec["datasets"].values() if d and field in d[0]))


def test_dropoff_chart_encodes_estimate_interval_and_naive(results):
    j = results["journey"]
    spec = dropoff_chart(results["dropoff"], journey=j, language="bg").to_dict(validate=True)
    bars, ci, naive = spec["layer"]
    assert bars["encoding"]["x"]["field"] == "estimate"
    assert (ci["encoding"]["x"]["field"], ci["encoding"]["x2"]["field"]) == ("ci_low", "ci_high")
    assert naive["encoding"]["x"]["field"] == "naive"
    data = _data(spec, "naive")
    np.testing.assert_allclose(data["estimate"], results["dropoff"]["estimate"])
    assert data["label"].tolist()[0] == j.label("awareness", "bg")
    assert spec["title"].startswith("Дял")  # the title in the report language


def test_touchpoint_chart_log_scale_and_significance(results):
    spec = touchpoint_chart(results["effects"], outcome="progress").to_dict(validate=True)
    _, rules, _ = spec["layer"]
    assert rules["encoding"]["x"]["scale"]["type"] == "log"
    data = _data(spec, "significant").set_index("touchpoint")
    e = results["effects"]
    e = e[e["outcome"] == "progress"].set_index("touchpoint")
    assert data.loc["checkout_error", "estimate"] == pytest.approx(
        e.loc["checkout_error", "estimate"]
    )
    assert bool(data.loc["checkout_error", "significant"]) is True
    assert bool(data.loc["price_alert", "significant"]) is False


def test_ipa_chart_quadrant_lines_at_the_means(results):
    spec = ipa_chart(results["ipa"]).to_dict(validate=True)
    means = _data(spec, "x")
    assert means["x"].iloc[0] == pytest.approx(results["ipa"]["estimate"].mean())
    assert means["y"].iloc[0] == pytest.approx(results["ipa"]["importance"].mean())
    pts = spec["layer"][4]["encoding"]
    assert (pts["x"]["field"], pts["y"]["field"], pts["color"]["field"]) == (
        "estimate",
        "importance",
        "quadrant",
    )


def test_painpoint_chart_in_rank_order(results):
    spec = painpoint_chart(results["ranked"], top=5).to_dict(validate=True)
    bars = spec["layer"][0]["encoding"]
    assert bars["y"]["sort"] == results["ranked"]["touchpoint"].head(5).tolist()
    assert bars["y"]["sort"][:2] == ["checkout_error", "delivery_late"] or set(
        bars["y"]["sort"][:2]
    ) == {"checkout_error", "delivery_late"}
    data = _data(spec, "evidence")
    assert len(data) == 5
    np.testing.assert_allclose(data["estimate"], results["ranked"]["estimate"].head(5))


def test_flow_chart_bars_stack_to_stage_size_and_links_match(results):
    f = results["flows"]
    spec = flow_chart(f, language="pl").to_dict(validate=True)
    _, nodes, _ = spec["layer"]
    node = _data(spec, "segment")
    # each stage's stacked bar reaches exactly the customers who entered it
    top = node.groupby("stage_index")["y2"].max()
    base = f.drop_duplicates("stage_index").set_index("stage_index")["base"]
    assert top.to_dict() == base.to_dict()
    link = _data(spec, "from")
    moved = f[f["kind"] == "moved on"]["n"].tolist()
    assert link["y2"].tolist() == moved
    assert "przeszli dalej" in set(node["segment"])
    assert nodes["encoding"]["y2"]["field"] == "y2"


def test_transition_chart_heatmap(results):
    spec = transition_chart(results["matrix"], min_share=0.05).to_dict(validate=True)
    data = _data(spec, "to_event")
    assert (data["estimate"] >= 0.05).all()
    assert spec["encoding"]["color"]["field"] == "estimate"


def test_journey_map_chart_stage_columns_and_emotion(results):
    m = journey_map(
        results["journey"],
        emotion=results["emotion"],
        painpoints=results["ranked"],
        dropoff=results["dropoff"],
        language="pt",
    )
    spec = journey_map_chart(m).to_dict(validate=True)
    top, middle, bottom = spec["vconcat"]
    labels = [results["journey"].label(s, "pt") for s in results["journey"].stage_ids]
    assert top["encoding"]["x"]["sort"] == labels
    rules, line = middle["layer"]
    assert line["encoding"]["y"]["field"] == "estimate"
    assert (rules["encoding"]["y"]["field"], rules["encoding"]["y2"]["field"]) == (
        "ci_low",
        "ci_high",
    )
    assert bottom["encoding"]["y"]["sort"] == ["Pontos de dor", "Oportunidades"]
    emo = _data(spec, "estimate")
    emo = emo[emo["row"] == "emotion"].set_index("stage")["estimate"].astype(float)
    ref = (
        results["emotion"]
        .assign(stage=results["emotion"]["stage"].astype(str))
        .set_index("stage")["estimate"]
    )
    np.testing.assert_allclose(emo.sort_index(), ref.reindex(emo.index).sort_index())


def test_charts_refuse_wrong_frames(results):
    with pytest.raises(DataValidationError, match="missing column"):
        dropoff_chart(results["effects"])
    with pytest.raises(DataValidationError, match="not supported"):
        dropoff_chart(results["dropoff"], language="fr")
