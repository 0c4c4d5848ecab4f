"""Tests of cjresearch.timetoevent.coxmodels against R's coxph output and known-truth simulations."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError, UnreliableEstimateWarning
from cjresearch.timetoevent.coxmodels import ProgressionCox, TimeVaryingCox, exposure_intervals

DATA = Path(__file__).parent / "data"


def test_lung_matches_r_coxph():
    # REFERENCES.md: coxph(Surv(time, status) ~ age + sex + wt.loss), Efron ties (R's
    # default; lifelines uses Efron too). Same likelihood, so only the optimiser's
    # convergence separates the two: tolerance 1e-5 on coefficients and SEs (R prints 5-7
    # significant digits), 0.01 on the LR statistic and 0.001 on concordance (as printed).
    d = pd.read_csv(DATA / "lung.csv").dropna(subset=["wt.loss"])
    d["event"] = (d["status"] == 2).astype(int)
    m = ProgressionCox().fit(d, covariates=["age", "sex", "wt.loss"], duration="time")
    s = m.summary.set_index("term")
    ref = {
        "age": (0.0200882, 0.0096644),
        "sex": (-0.5210319, 0.1743541),
        "wt.loss": (0.0007596, 0.0061934),
    }
    for term, (b, se) in ref.items():
        assert s.loc[term, "effect"] == pytest.approx(b, abs=1e-5)
        assert s.loc[term, "se"] == pytest.approx(se, abs=1e-5)
        assert s.loc[term, "estimate"] == pytest.approx(np.exp(b), rel=1e-4)
    assert s["n"].iloc[0] == 214 and s["n_event"].iloc[0] == 152
    assert m.log_likelihood_ratio_ == pytest.approx(14.67, abs=0.01)
    assert round(m.concordance_, 3) == 0.612
    assert m.ph_check_["ok"].all()


def test_rossi_matches_published():
    # REFERENCES.md: lifelines' rossi, Cox on all covariates (Efron), 7 decimals.
    d = pd.read_csv(DATA / "rossi.csv")
    cov = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]
    with pytest.warns(UnreliableEstimateWarning, match="proportional hazards"):
        m = ProgressionCox().fit(d, covariates=cov, duration="week", event="arrest")
    ref = [-0.3794222, -0.0574377, 0.3138998, -0.1497957, -0.4337039, -0.0848711, 0.0914971]
    np.testing.assert_allclose(m.summary["effect"], ref, atol=1e-6)
    # age and wexp are the documented PH violations in rossi (lifelines' PH tutorial):
    bad = m.ph_check_.loc[~m.ph_check_["ok"], "term"].tolist()
    assert set(bad) == {"age", "wexp"}
    note = m.ph_check_.set_index("term").loc["age", "note"]
    assert "change over the waiting time" in note and "average" in note


def _sim_segments(n, seed):
    rng = np.random.default_rng(seed)
    seg = rng.choice(["basic", "plus", "pro"], n)
    paid = rng.integers(0, 2, n)
    hr = {"basic": 1.0, "plus": 1.5, "pro": 0.6}
    lam = 0.02 * np.vectorize(hr.get)(seg) * np.where(paid == 1, 2.0, 1.0)
    t1 = rng.exponential(1 / lam)
    t2 = rng.exponential(1 / 0.01, n)  # churn competes with a hazard unrelated to x
    c = rng.uniform(0, 200, n)
    t = np.minimum.reduce([t1, t2, c])
    ev = np.where(t == t1, 1, np.where(t == t2, 2, 0))
    return pd.DataFrame({"duration": t, "event": ev, "segment": seg, "paid": paid})


def test_configured_hazard_ratios_inside_cis():
    # cause-specific hazard of converting: churn counts as censoring. True HRs:
    # plus 1.5, pro 0.6 (vs basic), paid channel 2.0.
    d = _sim_segments(5000, seed=31)
    m = ProgressionCox()
    m.fit(d, covariates=["segment", "paid"], check_ph=False)
    s = m.summary.set_index("term")
    for term, hr in {"segment[plus]": 1.5, "segment[pro]": 0.6, "paid": 2.0}.items():
        assert s.loc[term, "ci_low"] < hr < s.loc[term, "ci_high"], term


def test_ph_failure_gets_plain_language_note():
    # group b: Weibull shape 3 vs exponential in a: hazard ratio changes over time
    rng = np.random.default_rng(9)
    n = 1500
    g = rng.integers(0, 2, n)
    t = np.where(g == 1, 30 * rng.weibull(3.0, n), rng.exponential(30, n))
    d = pd.DataFrame({"duration": t, "event": 1, "g": g})
    with pytest.warns(UnreliableEstimateWarning, match="doubtful"):
        m = ProgressionCox().fit(d, covariates=["g"])
    row = m.ph_check_.iloc[0]
    assert not row["ok"] and row["p_value"] < 0.001
    assert "average over the wait" in row["note"]


def test_time_varying_exposure_recovers_true_hr_and_fixed_model_is_biased():
    # hazard 0.02 before the touchpoint, 0.02 * 1.8 after it; exposure at Exp(1/20) times
    rng = np.random.default_rng(17)
    n = 4000
    x_time = rng.exponential(20, n)
    t0 = rng.exponential(1 / 0.02, n)
    after = x_time + rng.exponential(1 / (0.02 * 1.8), n)
    t = np.where(t0 < x_time, t0, after)
    c = rng.uniform(0, 150, n)
    dur = np.minimum(t, c)
    d = pd.DataFrame({"customer_id": np.arange(n), "duration": dur, "event": (t <= c).astype(int)})
    ex = pd.DataFrame({"customer_id": np.arange(n), "time": x_time})
    rows = exposure_intervals(d, ex)
    s = TimeVaryingCox().fit(rows, covariates=["exposed"]).summary.iloc[0]
    assert s["ci_low"] < 1.8 < s["ci_high"]
    # the "ever exposed" fixed covariate credits pre-exposure time (immortal-time bias)
    ever = d.assign(exposed=(x_time < dur).astype(int))
    fixed = ProgressionCox().fit(ever, covariates=["exposed"], check_ph=False).summary.iloc[0]
    assert fixed["ci_low"] > 1.8 or fixed["ci_high"] < 1.8


def test_exposure_intervals_counts():
    d = pd.DataFrame({"customer_id": [1, 2], "duration": [10.0, 4.0], "event": [1, 0]})
    x = pd.DataFrame({"customer_id": [1, 1, 2], "time": [3.0, 6.0, 7.0]})
    r = exposure_intervals(d, x, cumulative=True)
    assert r[["customer_id", "start", "stop", "exposed", "event"]].values.tolist() == [
        [1, 0.0, 3.0, 0.0, 0.0],
        [1, 3.0, 6.0, 1.0, 0.0],
        [1, 6.0, 10.0, 2.0, 1.0],
        [2, 0.0, 4.0, 0.0, 0.0],
    ]


def test_exposure_times_from_an_event_log_feed_the_intervals():
    from cjresearch.timetoevent.coxmodels import exposure_times

    t0 = pd.Timestamp("2025-03-01")
    d = pd.DataFrame(
        {
            "customer_id": ["a", "b"],
            "origin": [t0, t0 + pd.Timedelta(days=1)],
            "duration": [10.0, 4.0],
            "event": [1, 0],
        }
    )
    ev = pd.DataFrame(
        {
            "customer_id": ["a", "a", "b", "b", "a"],
            "event": ["chat", "chat", "chat", "ad", "chat"],
            "timestamp": [
                t0 + pd.Timedelta(days=3),
                t0 + pd.Timedelta(days=12),
                t0 + pd.Timedelta(days=1),
                t0,
                t0 - pd.Timedelta(days=1),
            ],
        }
    )
    x = exposure_times(d, ev, touchpoints=["chat"])
    # a: day 3 inside the wait (day 12 is after it, day -1 before it); b: at its start
    assert x[["customer_id", "time"]].values.tolist() == [["a", 3.0], ["b", 0.0]]
    rows = exposure_intervals(d, x)
    assert rows[["customer_id", "start", "stop", "exposed", "event"]].values.tolist() == [
        ["a", 0.0, 3.0, 0.0, 0.0],
        ["a", 3.0, 10.0, 1.0, 1.0],
        ["b", 0.0, 4.0, 1.0, 0.0],
    ]


def test_bad_input_gets_clear_errors():
    d = pd.DataFrame({"duration": [1.0, 2, 3, 4], "event": [0, 0, 0, 0], "x": [0, 1, 0, 1]})
    with (
        pytest.warns(UnreliableEstimateWarning),
        pytest.raises(DataValidationError, match="no events"),
    ):
        ProgressionCox().fit(d, covariates=["x"])
    with pytest.raises(DataValidationError, match="missing values"):
        ProgressionCox().fit(d.assign(event=1, x=[0, None, 1, 0]), covariates=["x"])
    with pytest.raises(DataValidationError, match="single value|one level"):
        ProgressionCox().fit(d.assign(event=1, x=1), covariates=["x"])
    # perfect separation: lifelines' convergence trouble comes back as our own types
    sep = pd.DataFrame(
        {"duration": np.arange(1.0, 21), "event": [1] * 10 + [0] * 10, "x": [1] * 10 + [0] * 10}
    )
    with pytest.warns(UnreliableEstimateWarning, match="Cox model"):
        m = ProgressionCox().fit(sep, covariates=["x"], check_ph=False)
    row = m.summary.iloc[0]
    assert row["ci_high"] / row["ci_low"] > 1e3  # no information: an interval that says so
    with pytest.raises(DataValidationError, match="negative"):
        ProgressionCox().fit(d.assign(duration=[-1.0, 2, 3, 4], event=1), covariates=["x"])


@pytest.fixture(scope="module")
def sample_step():
    import json

    from cjresearch.core.paths import SAMPLE_DIR
    from cjresearch.engine.eventlog import EventLog
    from cjresearch.inputs.tables import read_table
    from cjresearch.journey.definition import load_journey
    from cjresearch.timetoevent.coxmodels import with_exposure
    from cjresearch.timetoevent.progression import stage_durations

    truth = json.loads((SAMPLE_DIR / "truth.json").read_text())
    with pytest.warns(Warning):  # the sample's ignored debug events are reported
        log = EventLog(
            SAMPLE_DIR / "events.parquet",
            load_journey(SAMPLE_DIR / "journey.yaml"),
            observation_end=pd.Timestamp(truth["observation_end"]),
        )
    with pytest.warns(Warning, match="already in"):  # tracking gaps at the first stage
        d = stage_durations(log.timeline(), customers=read_table(SAMPLE_DIR / "customers.csv"))
    return with_exposure(d, log.exposure()), truth


def test_sample_hazard_ratios_recovered_end_to_end(sample_step):
    # the committed sample's generator truth (truth.json): in each stage, exponential time to
    # the next stage with hazard ratios of segment (baseline 'value') and of the stage's
    # touchpoints (exposure drawn at stage entry), exits competing. The cause-specific Cox
    # model (exits censor) estimates exactly those HRs. 18 true HRs over 5 steps: with one
    # fixed sample we require all inside their 99.9% intervals (a miss there happens with
    # probability ~2% over 18 HRs) and at least 16 of 18 inside the 95% intervals
    # (P(fewer than 16 of 18 | 95% coverage) is about 6%). Found: 16 of 18; the farthest is
    # segment 'business' in the loyalty step (z about 2.6).
    d, truth = sample_step
    inside95, inside999, total = 0, 0, 0
    for stage in truth["stages"][:-1]:
        tps = [
            k
            for k, v in truth["touchpoints"].items()
            if v["stage"] == stage and v["complement_of"] is None
        ]
        step = d[d["from_stage"] == stage]
        expected = {
            f"segment[{k}]": v for k, v in truth["segment_hr_progress"].items() if k != "value"
        }
        expected.update({k: truth["touchpoints"][k]["hr_progress"] for k in tps})
        for level in (0.95, 0.999):
            m = ProgressionCox(level=level).fit(
                step, covariates=["segment", *tps], reference={"segment": "value"}, check_ph=False
            )
            s = m.summary.set_index("term")
            hits = sum(s.loc[t, "ci_low"] < hr < s.loc[t, "ci_high"] for t, hr in expected.items())
            if level == 0.95:
                inside95 += hits
                total += len(expected)
            else:
                inside999 += hits
    assert total == 18
    assert inside999 == 18
    assert inside95 >= 16, inside95


def test_level_outside_0_1_is_an_error():
    d = pd.DataFrame(
        {"duration": [1.0, 2, 3, 4, 5, 6], "event": [1, 1, 0, 1, 1, 0], "x": [1, 0, 0, 1, 0, 1]}
    )
    with pytest.raises(DataValidationError, match="level"):
        ProgressionCox(level=95).fit(d, covariates=["x"])
    iv = d.assign(customer_id=range(6), start=0.0, stop=d["duration"])
    with pytest.raises(DataValidationError, match="level"):
        TimeVaryingCox(level=95).fit(iv, covariates=["x"])


def test_left_truncated_customers_count_as_at_risk_only_from_entry():
    """Customers observed from mid-journey (entry > 0) with a true HR of 2: the fit that
    honours the entry times covers the truth, the one that ignores them does not."""
    rng = np.random.default_rng(3)
    n = 20_000
    x = rng.integers(0, 2, n)
    t = rng.exponential(1 / (0.05 * np.exp(np.log(2) * x)))
    entry = rng.uniform(0, 60, n)
    c = entry + rng.exponential(40, n)
    keep = t > entry  # those who moved on before entry are never seen
    d = pd.DataFrame(
        {"duration": np.minimum(t, c), "event": (t <= c).astype(int), "entry": entry, "x": x}
    )[keep]
    hr = ProgressionCox().fit(d, covariates=["x"], check_ph=False).summary.iloc[0]
    assert hr["ci_low"] < 2 < hr["ci_high"]
    naive = ProgressionCox().fit(d, covariates=["x"], entry=None, check_ph=False).summary.iloc[0]
    assert naive["ci_low"] > 2
