"""Design-based survival curves against R's ``svykm(se=TRUE)`` and by simulation.

Reference: ``tests/reference/survey.R`` (R 4.2, ``survey`` 4.1.1) on the simulated
``sim_survey.csv`` it writes (6 strata x 5 PSUs numbered within strata, unequal
weights, survival times on a 3-day grid so that most event times are tied).
Tolerance: relative 1e-9 -- the formulas are the same and nothing is iterated, so
only floating-point summation order differs (measured: below 1e-14).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError
from cjresearch.survey.design import SurveyDesign
from cjresearch.timetoevent.designsurvival import design_survival

HERE = Path(__file__).parent
R = json.loads((HERE / "reference" / "survey.json").read_text(encoding="utf-8"))["svykm"]
REL = 1e-9


@pytest.fixture(scope="module")
def sim() -> tuple[pd.DataFrame, SurveyDesign]:
    df = pd.read_csv(HERE / "reference" / "sim_survey.csv")
    return df, SurveyDesign(df, weights="w", strata="stratum", cluster="psu", nest=True)


def _compare(curve: pd.DataFrame, ref: dict) -> None:
    c = curve[curve["time"] > 0]
    assert c["time"].tolist() == ref["time"]
    assert c["estimate"].to_numpy() == pytest.approx(ref["surv"], rel=REL)
    assert (c["se_log"] ** 2).to_numpy() == pytest.approx(ref["varlog"], rel=REL)
    assert c["ci_low"].to_numpy() == pytest.approx(ref["ci_low"], rel=REL)
    assert c["ci_high"].to_numpy() == pytest.approx(ref["ci_high"], rel=REL)


def test_curve_and_intervals_match_r_svykm(sim):
    df, d = sim
    curve = design_survival(df, duration="time", event="status", design=d, df=np.inf)
    _compare(curve, R["sim"])  # R's confint.svykm uses the normal quantile
    first = curve.iloc[0]
    assert (first["time"], first["estimate"], first["n"]) == (0.0, 1.0, len(df))


def test_a_group_is_a_domain_of_the_whole_design_as_r_subset(sim):
    df, d = sim
    curves = design_survival(df, duration="time", event="status", design=d, by="age", df=np.inf)
    assert set(curves["age"]) == {"18-34", "35-54", "55+"}
    _compare(curves[curves["age"] == "55+"], R["sim_55"])


@pytest.mark.bad_input
def test_event_codes_other_than_0_and_1_are_refused(sim):
    df, d = sim
    bad = df.assign(status=df["status"].where(df.index != 3, 2))
    with pytest.raises(DataValidationError) as err:
        design_survival(bad, duration="time", event="status", design=d.__class__(bad))
    assert err.value.column == "status" and "code the event 1" in err.value.fix


def _population_sample(rng: np.random.Generator) -> pd.DataFrame:
    """One stratified two-stage-like cluster sample from a superpopulation with known
    marginal survival: 3 strata (population shares 0.5/0.3/0.2, hazards 1/40, 1/25,
    1/15 per day), 8 clusters per stratum with a gamma frailty (variance 0.5) shared by
    the cluster's 20 respondents, uniform censoring on 0-90 days, times rounded up to
    whole days; weights are share / (clusters x respondents) of the stratum."""
    rows = []
    for h, (share, lam) in enumerate(zip((0.5, 0.3, 0.2), (1 / 40, 1 / 25, 1 / 15), strict=True)):
        for c in range(8):
            u = rng.gamma(2.0, 0.5)  # mean 1, variance 0.5
            lat = rng.exponential(1 / (lam * u), 20)
            cens = rng.uniform(0, 90, 20)
            rows.append(
                pd.DataFrame(
                    {
                        "h": h,
                        "c": c,
                        "w": share / (8 * 20) * 1000,
                        "time": np.ceil(np.minimum(lat, cens)),
                        "event": (lat <= cens).astype(int),
                    }
                )
            )
    return pd.concat(rows, ignore_index=True)


@pytest.mark.slow
def test_interval_coverage_in_a_clustered_stratified_design():
    """1000 samples: the 95% interval at day 20 (t quantile on the design's 21 df) covers
    the population's share still without the event, sum_h share_h (1 + 0.5 lam_h 20)^-2
    (gamma frailty), in 93-97% of them.  Measured at this seed: 94.0%; with the normal
    quantile (R's confint.svykm) the same samples give 92.4%."""
    rng = np.random.default_rng(13)
    t0 = 20.0
    truth = sum(
        s * (1 + 0.5 * lam * t0) ** -2
        for s, lam in zip((0.5, 0.3, 0.2), (1 / 40, 1 / 25, 1 / 15), strict=True)
    )
    hits = 0
    reps = 1000
    for _ in range(reps):
        df = _population_sample(rng)
        d = SurveyDesign(df, weights="w", strata="h", cluster="c", nest=True)
        curve = design_survival(df, duration="time", event="event", design=d)
        at = curve[curve["time"] <= t0].iloc[-1]
        hits += at["ci_low"] <= truth <= at["ci_high"]
    coverage = hits / reps
    assert 0.93 <= coverage <= 0.97, f"coverage {coverage:.3f} (truth {truth:.4f})"
