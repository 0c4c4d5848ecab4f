"""Tests of cjresearch.painpoints.ranking: the ranked pain-point table on the sample's known truth."""

from __future__ import annotations

import json
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from cjresearch.core.errors import DataValidationError, UnreliableEstimateWarning
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.journey.definition import load_journey
from cjresearch.painpoints.ipa import importance_performance
from cjresearch.painpoints.ranking import (
    excess_loss,
    rank_painpoints,
    survey_evidence,
    theme_evidence,
)
from cjresearch.painpoints.touchpoints import touchpoint_effects

TRUTH = json.loads((SAMPLE_DIR / "truth.json").read_text())
RATINGS = {
    "checkout_error": "rating_checkout",
    "delivery_late": "rating_delivery",
    "support_contact": "rating_support",
    "chat_presales": "rating_website",
}
THEMES = {
    "checkout_error": "checkout_error",
    "delivery_late": "late_delivery",
    "support_contact": "helpful_support",
}


@pytest.fixture(scope="module")
def sample():
    from cjresearch.engine.eventlog import EventLog
    from cjresearch.inputs.tables import read_table
    from cjresearch.survey.text import find_themes
    from cjresearch.timetoevent.progression import stage_durations

    journey = load_journey(SAMPLE_DIR / "journey.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        log = EventLog(
            SAMPLE_DIR / "events.parquet",
            journey,
            observation_end=pd.Timestamp(TRUTH["observation_end"]),
        )
        customers = read_table(SAMPLE_DIR / "customers.csv")
        survey = read_table(SAMPLE_DIR / "survey.csv")
        d = stage_durations(log.timeline(), customers=customers)
        ex = log.exposure()
        eff = touchpoint_effects(
            d, ex, journey=journey, adjust=["segment"], reference={"segment": "value"}
        )
        loss = excess_loss(d, ex, journey=journey, customers=customers, value="order_value")
        ipa = importance_performance(
            survey,
            outcome="overall_sat",
            drivers={c: c for c in TRUTH["survey"]["drivers"]["order"]},
            n_boot=30,
        )
        sev = survey_evidence(survey, ex, ratings=RATINGS, importance=ipa)
        tev = theme_evidence(survey, find_themes(survey), theme_map=THEMES)
    return SimpleNamespace(
        journey=journey,
        durations=d,
        exposure=ex,
        customers=customers,
        survey=survey,
        effects=eff,
        loss=loss,
        sev=sev,
        tev=tev,
    )


def test_planted_pain_points_rank_on_top_with_true_effects_inside(sample):
    # truth.json: checkout_error (decision -> purchase HR 0.5, exit 1.5) and delivery_late
    # (purchase -> loyalty HR 0.6, exit 2.0) are the only harmful touchpoints. Found: ranks 1
    # and 2 (11 and 9 points), HRs 0.49 [0.40, 0.59] and 0.60 [0.48, 0.74].
    r = rank_painpoints(sample.effects, sample.loss, survey=sample.sev, themes=sample.tev)
    assert set(r["touchpoint"].iloc[:2]) == {"checkout_error", "delivery_late"}
    assert (r["kind"].iloc[:2] == "pain point").all()
    top = r.set_index("touchpoint")
    for tp in ("checkout_error", "delivery_late"):
        spec = TRUTH["touchpoints"][tp]
        row = top.loc[tp]
        assert row["hr_progress_ci_low"] < spec["hr_progress"] < row["hr_progress_ci_high"]
        assert row["hr_exit_ci_low"] < spec["hr_exit"] < row["hr_exit_ci_high"]
        assert row["ci_low"] > 0  # excess customers lost, CI above 0
        assert row["value_at_stake_ci_low"] > 0
        assert row["points"] >= 6 and "moves on more slowly" in row["evidence"]
        assert "@" not in row["quotes"]  # quotes are redacted
        assert row["missing"] == ""
    # touchpoints that help (chat_presales HR 1.6) are opportunities, not pain points
    assert top.loc["chat_presales", "kind"] == "opportunity"
    assert r["rank"].tolist() == list(range(1, len(r) + 1))


def test_ranking_is_stable_under_row_order(sample):
    a = rank_painpoints(sample.effects, sample.loss, survey=sample.sev, themes=sample.tev)
    b = rank_painpoints(
        sample.effects.iloc[::-1],
        sample.loss.sample(frac=1, random_state=1),
        survey=sample.sev.iloc[::-1],
        themes=sample.tev.iloc[::-1],
    )
    pd.testing.assert_frame_equal(a, b)


def test_without_survey_the_table_says_what_is_missing(sample):
    r = rank_painpoints(sample.effects, sample.loss)
    assert set(r["touchpoint"].iloc[:2]) == {"checkout_error", "delivery_late"}
    assert r["missing"].str.contains("no linked survey").all()
    assert r["missing"].str.contains("no verbatim theme").all()
    # a survey without the customer link: same table, same note
    with pytest.warns(UnreliableEstimateWarning):
        unlinked = survey_evidence(
            sample.survey.drop(columns="customer_id"),
            sample.exposure,
            ratings=RATINGS,
            if_unlinked="empty",
        )
    pd.testing.assert_frame_equal(rank_painpoints(sample.effects, sample.loss, survey=unlinked), r)


def test_excess_loss_matches_closed_form_cumulative_incidence():
    # exposed: move on at 0.05/day, exit 0.03; unexposed: 0.1 and 0.02; no censoring before
    # the horizon. By day 30 the share moved on is h/(h+c) (1 - exp(-(h+c) 30)).
    rng = np.random.default_rng(21)
    n = 3000
    exposed = rng.random(n) < 0.3
    lam, mu = np.where(exposed, 0.05, 0.1), np.where(exposed, 0.03, 0.02)
    t1, t2 = rng.exponential(1 / lam), rng.exponential(1 / mu)
    c = rng.uniform(40, 200, n)
    t = np.minimum.reduce([t1, t2, c])
    ids = np.array([f"c{i}" for i in range(n)])
    d = pd.DataFrame(
        {
            "customer_id": ids,
            "from_stage": "a",
            "to_stage": "b",
            "duration": t,
            "event": np.select([t == t1, t == t2], [1, 2], 0),
        }
    )
    ex = pd.DataFrame({"customer_id": ids[exposed], "stage": "b", "event": "tp", "n": 1})
    value = pd.DataFrame({"customer_id": ids, "v": 100.0 + 50 * exposed})
    j = load_journey(
        {
            "name": "t",
            "stages": [
                {"id": "a", "events": ["a1"], "touchpoints": ["tp"]},
                {"id": "b", "events": ["b1"]},
            ],
        }
    )
    r = excess_loss(d, ex, journey=j, customers=value, value="v", horizon=30).iloc[0]

    def f(h, c_):
        return h / (h + c_) * (1 - np.exp(-(h + c_) * 30))

    true_excess = f(0.1, 0.02) - f(0.05, 0.03)
    assert r["exposed"] == exposed.sum()
    assert r["excess"] - 1.96 * r["excess_se"] < true_excess < r["excess"] + 1.96 * r["excess_se"]
    assert r["ci_low"] < exposed.sum() * true_excess < r["ci_high"]
    assert r["mean_value"] == pytest.approx(150.0)
    assert r["value_at_stake"] == pytest.approx(r["estimate"] * 150.0)
    # constant value: no extra se
    assert r["value_at_stake_ci_low"] == pytest.approx(r["ci_low"] * 150.0)


def test_survey_evidence_is_welch_and_needs_a_link():
    rng = np.random.default_rng(2)
    s = pd.DataFrame(
        {"customer_id": [f"c{i}" for i in range(200)], "r": rng.integers(1, 6, 200).astype(float)}
    )
    s.loc[:59, "r"] -= 1
    ex = pd.DataFrame(
        {"customer_id": s["customer_id"].iloc[:60], "stage": "x", "event": "tp", "n": 1}
    )
    e = survey_evidence(s, ex, ratings={"tp": "r"}, outcome=None, effort=None).iloc[0]
    a, b = s["r"].iloc[:60], s["r"].iloc[60:]
    ref = stats.ttest_ind(a, b, equal_var=False)
    assert e["rating_gap"] == pytest.approx(a.mean() - b.mean())
    # one touchpoint: nothing to adjust
    assert e["rating_gap_p_adjusted"] == pytest.approx(ref.pvalue)
    assert e["n"] == 60
    with pytest.raises(DataValidationError, match="no survey respondent links"):
        survey_evidence(s.assign(customer_id="zz"), ex, ratings={"tp": "r"})
    with pytest.warns(UnreliableEstimateWarning, match="does not link"):
        empty = survey_evidence(
            s.drop(columns="customer_id"), ex, ratings={"tp": "r"}, if_unlinked="empty"
        )
    assert empty.empty


def test_bad_input_no_exposure_everyone_converting_no_survey():
    # a stage where every customer moves on, one touchpoint nobody met and one met by half:
    # the table still ranks, says what is missing and invents no numbers
    rng = np.random.default_rng(4)
    n = 400
    ids = np.array([f"c{i}" for i in range(n)])
    d = pd.DataFrame(
        {
            "customer_id": ids,
            "from_stage": "a",
            "to_stage": "b",
            "duration": rng.exponential(10, n),
            "event": 1,
        }
    )
    ex = pd.DataFrame({"customer_id": ids[: n // 2], "stage": "b", "event": "tp", "n": 1})
    j = load_journey(
        {
            "name": "t",
            "stages": [
                {"id": "a", "events": ["a1"], "touchpoints": ["tp", "never"]},
                {"id": "b", "events": ["b1"]},
            ],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eff = touchpoint_effects(d, ex, journey=j)
    loss = excess_loss(d, ex, journey=j, horizon=1000)
    r = rank_painpoints(eff, loss).set_index("touchpoint")
    assert r.loc["never", "missing"].startswith("no customer exposed")
    assert np.isnan(r.loc["never", "estimate"]) and r.loc["never", "points"] == 0
    # everyone moved on by day 1000 in both groups: no excess loss, and no exit hazard ratio
    assert r.loc["tp", "estimate"] == pytest.approx(0.0, abs=1e-9)
    assert np.isnan(r.loc["tp", "hr_exit"])
    assert r.loc["tp", "kind"] == "no clear evidence"
    assert "no linked survey" in r.loc["tp", "missing"]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_planted_pain_points_rank_first_in_other_seeded_samples(seed):
    # not one lucky sample: three more generated with cjresearch.sample.generator.generate (3,000
    # customers each). Found: top two = {checkout_error, delivery_late} in all three (9-10
    # points each, everything else 0); e.g. seed 1: delivery_late HR 0.57 [0.45, 0.73],
    # checkout_error 0.53 [0.44, 0.62]; exit HRs [1.55, 2.58] and [1.21, 1.80].
    from cjresearch.engine.eventlog import EventLog
    from cjresearch.sample.generator import generate
    from cjresearch.survey.text import find_themes
    from cjresearch.timetoevent.progression import stage_durations

    s = generate(3000, seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        log = EventLog(
            s.events, s.journey, observation_end=pd.Timestamp(s.truth["observation_end"])
        )
        d = stage_durations(log.timeline(), customers=s.customers)
        ex = log.exposure()
        eff = touchpoint_effects(
            d, ex, journey=s.journey, adjust=["segment"], reference={"segment": "value"}
        )
        loss = excess_loss(d, ex, journey=s.journey, customers=s.customers, value="order_value")
        sev = survey_evidence(s.survey, ex, ratings=RATINGS)
        tev = theme_evidence(s.survey, find_themes(s.survey), theme_map=THEMES)
    r = rank_painpoints(eff, loss, survey=sev, themes=tev)
    assert set(r["touchpoint"].iloc[:2]) == {"checkout_error", "delivery_late"}
    top = r.set_index("touchpoint")
    for tp in ("checkout_error", "delivery_late"):
        spec = s.truth["touchpoints"][tp]
        assert (
            top.loc[tp, "hr_progress_ci_low"]
            < spec["hr_progress"]
            < top.loc[tp, "hr_progress_ci_high"]
        )
        assert top.loc[tp, "hr_exit_ci_low"] < spec["hr_exit"] < top.loc[tp, "hr_exit_ci_high"]


def test_survey_evidence_n_counts_the_exposed_raters_not_the_last_measure():
    # n used to be overwritten by each measure, ending as the exposed respondents
    # who answered the effort question (here 10 of the 60 exposed raters)
    rng = np.random.default_rng(3)
    s = pd.DataFrame(
        {
            "customer_id": [f"c{i}" for i in range(200)],
            "r": rng.integers(1, 6, 200).astype(float),
            "overall_sat": rng.integers(1, 6, 200).astype(float),
            "ces": rng.integers(1, 8, 200).astype(float),
        }
    )
    s.loc[10:59, "ces"] = np.nan
    ex = pd.DataFrame(
        {"customer_id": s["customer_id"].iloc[:60], "stage": "x", "event": "tp", "n": 1}
    )
    e = survey_evidence(s, ex, ratings={"tp": "r"}).iloc[0]
    assert e["n"] == 60
    assert e["effort_gap"] == pytest.approx(s["ces"].iloc[:10].mean() - s["ces"].iloc[60:].mean())
