"""Tests of cjresearch.timetoevent.competing: R's mgus2 results, lifelines, and known-truth simulations."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from lifelines import AalenJohansenFitter
from scipy import optimize

from cjresearch.core.errors import DataValidationError, UnreliableEstimateWarning
from cjresearch.timetoevent.competing import (
    FineGray,
    cumulative_incidence,
    finegray_frame,
    restricted_mean_incidence,
    restricted_mean_time,
)
from cjresearch.timetoevent.progression import time_to_stage

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def mgus2() -> pd.DataFrame:
    d = pd.read_csv(DATA / "mgus2.csv")
    # REFERENCES.md: the first of progression (pcm) at ptime, else death at futime
    d["etime"] = np.where(d["pstat"] == 1, d["ptime"], d["futime"])
    d["ev"] = np.where(d["pstat"] == 1, 1, np.where(d["death"] == 1, 2, 0))
    return d


def test_mgus2_event_counts(mgus2):
    assert mgus2["ev"].value_counts().to_dict() == {0: 409, 1: 115, 2: 860}


def test_mgus2_restricted_mean_time_in_state_matches_r(mgus2):
    # R: survfit(Surv(etime, event) ~ sex) Aalen-Johansen, print(fit, rmean=240), in years.
    # The Aalen-Johansen estimate has no tie-breaking choice (ties are handled exactly),
    # so agreement to the 6 decimals R prints is expected: tolerance 5e-6 years.
    ci = cumulative_incidence(mgus2, by="sex", duration="etime", event="ev")
    rm = restricted_mean_time(ci, tau=240, by="sex").set_index(["sex", "event_type"])
    years = rm["estimate"] / 12
    ref = {("F", 1): 1.323284, ("F", 2): 8.823108, ("M", 1): 1.064693, ("M", 2): 10.260294}
    for key, value in ref.items():
        assert years[key] == pytest.approx(value, abs=5e-6)


def test_mgus2_restricted_mean_standard_error_matches_r(mgus2):
    # R reports SE 0.1742312 years for female pcm (infinitesimal jackknife). Our IJ is the
    # same derivative computed independently: agreement to the 7 digits printed (5e-7).
    rm = restricted_mean_incidence(mgus2, tau=240, by="sex", duration="etime", event="ev")
    rm = rm.set_index(["sex", "event_type"])
    assert rm.loc[("F", 1), "se"] / 12 == pytest.approx(0.1742312, abs=5e-7)
    assert rm.loc[("F", 1), "estimate"] / 12 == pytest.approx(1.323284, abs=5e-6)
    assert rm.loc[("M", 2), "estimate"] / 12 == pytest.approx(10.260294, abs=5e-6)


def test_mgus2_km_medians_match_r(mgus2):
    # REFERENCES.md quotes KM medians F 108, M 88 months "death or progression as one
    # event". These are the medians of overall survival, survfit(Surv(futime, death) ~ sex)
    # as in R's compete vignette: the first-event curve (etime, pcm or death) gives
    # 107 / 82 instead. We check the published figures against the curve that produces them.
    med = time_to_stage(mgus2, by="sex", duration="futime", event="death", percentiles=[0.5])
    assert med.set_index("sex")["estimate"].to_dict() == {"F": 108.0, "M": 88.0}


def test_aalen_johansen_equals_lifelines_without_ties():
    # lifelines jitters tied times, so compare on continuous data; the variance is the
    # same Marubini-Valsecchi formula, vectorised here.
    rng = np.random.default_rng(4)
    t = rng.exponential(10, 500)
    e = rng.choice([0, 1, 2], 500, p=[0.3, 0.4, 0.3])
    ajf = AalenJohansenFitter(calculate_variance=True).fit(t, e, event_of_interest=1)
    mine = cumulative_incidence(pd.DataFrame({"duration": t, "event": e}), event_types=[1])
    ref = ajf.cumulative_density_.iloc[:, 0]
    np.testing.assert_allclose(mine["estimate"].to_numpy()[1:], ref.to_numpy()[1:], atol=1e-12)
    np.testing.assert_allclose(
        mine["se"].to_numpy()[1:] ** 2, ajf.variance_.to_numpy()[1:], atol=1e-12
    )
    # lifelines labels its log(-log) limits the other way round ("upper" is the lower one)
    ci = np.sort(ajf.confidence_interval_.to_numpy(), axis=1)
    pos = mine["estimate"].to_numpy() > 0
    np.testing.assert_allclose(mine["ci_low"].to_numpy()[pos], ci[pos, 0], atol=1e-9)
    np.testing.assert_allclose(mine["ci_high"].to_numpy()[pos], ci[pos, 1], atol=1e-9)


def test_cumulative_incidence_closed_form_by_group():
    rng = np.random.default_rng(7)
    rows = []
    for g, (l1, l2) in {"a": (0.02, 0.01), "b": (0.01, 0.02)}.items():
        t1, t2, c = (
            rng.exponential(1 / l1, 8000),
            rng.exponential(1 / l2, 8000),
            rng.uniform(0, 150, 8000),
        )
        t = np.minimum.reduce([t1, t2, c])
        rows.append(
            pd.DataFrame(
                {"g": g, "duration": t, "event": np.where(t == t1, 1, np.where(t == t2, 2, 0))}
            )
        )
    d = pd.concat(rows)
    ci = cumulative_incidence(d, by="g", event_types=[1])
    for g, (l1, l2) in {"a": (0.02, 0.01), "b": (0.01, 0.02)}.items():
        c = ci[ci["g"] == g]
        row = c[c["time"] <= 60].iloc[-1]
        truth = l1 / (l1 + l2) * (1 - np.exp(-(l1 + l2) * 60))
        assert row["ci_low"] < truth < row["ci_high"]


# ---------------------------------------------------------------- Fine-Gray
def _fg_simulate(n, beta1, p, seed):
    """Fine & Gray (1999) section 5: F1(t|z) = 1 - (1 - p(1 - e^-t))^exp(beta1 z)."""
    rng = np.random.default_rng(seed)
    z = rng.integers(0, 2, n).astype(float)
    p1 = 1 - (1 - p) ** np.exp(beta1 * z)
    u = rng.uniform(size=n)
    cause1 = u < p1
    # invert F1(t|z) = u for cause-1 times
    inner = 1 - (1 - u) ** np.exp(-beta1 * z)
    with np.errstate(invalid="ignore"):  # NaN for the cause-2 rows, not used
        t1 = -np.log(1 - inner / p)
    t2 = rng.exponential(1 / np.exp(0.5 * z))
    t = np.where(cause1, t1, t2)
    c = rng.uniform(0, 3, n)
    obs = np.minimum(t, c)
    ev = np.where(t <= c, np.where(cause1, 1, 2), 0)
    return pd.DataFrame({"duration": obs, "event": ev, "z": z})


def _fg_score_root(d):
    """Independent Fine-Gray estimate from the original estimating equation:
    risk set at T_i = {T_j >= T_i} plus competing-event subjects with weight
    G(T_i-)/G(T_j); G = Kaplan-Meier of the censoring times (no ties here)."""
    t, e, z = d["duration"].to_numpy(), d["event"].to_numpy(), d["z"].to_numpy()
    order = np.argsort(t)
    t, e, z = t[order], e[order], z[order]
    n = len(t)
    at_risk = n - np.arange(n)
    g = np.cumprod(1 - (e == 0) / at_risk)  # G(t_k) after step at t_k
    g_minus = np.r_[1.0, g[:-1]]  # G(t_k-)
    ev1 = np.flatnonzero(e == 1)

    def score(beta):
        s = 0.0
        for i in ev1:
            w = np.where(t >= t[i], 1.0, np.where(e == 2, g_minus[i] / g, 0.0))
            r = w * np.exp(beta * z)
            s += z[i] - (r * z).sum() / r.sum()
        return s

    return optimize.brentq(score, -3, 3, xtol=1e-10)


def test_finegray_matches_estimating_equation_and_known_truth():
    d = _fg_simulate(600, beta1=0.7, p=0.6, seed=21)
    fg = FineGray().fit(d, covariates=["z"])
    row = fg.summary.iloc[0]
    # same estimator, independent code: equal to numerical precision (continuous times)
    assert row["effect"] == pytest.approx(_fg_score_root(d), abs=1e-5)
    # and the configured subdistribution HR exp(0.7) lies inside the 95% interval
    assert row["ci_low"] < np.exp(0.7) < row["ci_high"]


def test_finegray_coverage_over_replicates():
    # 40 seeded replicates: the 95% interval should cover the truth in most of them
    hits = 0
    for seed in range(40):
        d = _fg_simulate(300, beta1=-0.5, p=0.5, seed=100 + seed)
        r = FineGray().fit(d, covariates=["z"]).summary.iloc[0]
        hits += r["ci_low"] < np.exp(-0.5) < r["ci_high"]
    assert hits >= 34  # binomial(40, 0.95): P(X < 34) < 0.01


def test_finegray_frame_weights_by_hand():
    d = pd.DataFrame({"duration": [1.0, 2.0, 3.0, 4.0], "event": [2, 0, 1, 1]})
    f = finegray_frame(d)
    comp = f[f["fg_id"] == 0]
    # G = KM of censoring: drops at t=2 from 1 to 2/3; competing subject stays in
    # with weight 1 until 2, then G(2)/G(1) = 2/3 until the last event time 4
    assert comp[["fg_start", "fg_stop"]].values.tolist() == [[0.0, 1.0], [1.0, 2.0], [2.0, 4.0]]
    np.testing.assert_allclose(comp["fg_weight"], [1.0, 1.0, 2 / 3])


def test_finegray_weights_match_r_finegray_test_data():
    # survival's tests/finegray.R (data set 1) spells out the weights finegray() must give:
    # censoring KM drops at 3+, 4+, 6+, 8+, 9+ by 11/12, 8/10, 5/6, 3/4, 2/3 (censors after
    # events at tied times). What matters are the weights at the type-1 event times after
    # each competing event: subject 2 (type 2 at t=2): 11/12 at 4, 11/12*8/10 at 5,
    # p(9+) at 10; subject 7 (t=5): 5/12 at 10; subject 11 (t=8): 1/2 at 10.
    d = pd.DataFrame(
        {
            "duration": [1, 2, 3, 4, 4, 4, 5, 5, 6, 8, 8, 9, 10, 12.0],
            "event": [1, 2, 0, 1, 0, 0, 2, 1, 0, 0, 2, 0, 1, 0],
            "x": [5, 4, 3, 1, 2, 1, 1, 2, 2, 4, 6, 1, 2, 0],
        }
    )
    f = finegray_frame(d)
    p = np.cumprod([1, 11 / 12, 8 / 10, 5 / 6, 3 / 4, 2 / 3])

    def weight_at(row_id, s):
        r = f[(f["fg_id"] == row_id) & (f["fg_start"] < s) & (f["fg_stop"] >= s)]
        return float(r["fg_weight"].item())

    expected = {(1, 4): p[1], (1, 5): p[2], (1, 10): p[5], (6, 10): 5 / 12, (10, 10): 1 / 2}
    for (row_id, s), w in expected.items():
        assert weight_at(row_id, s) == pytest.approx(w, rel=1e-12), (row_id, s)
    assert (f.loc[~f["fg_id"].isin([1, 6, 10]), "fg_weight"] == 1).all()


def test_finegray_data_reproduce_aalen_johansen_on_mgus2(mgus2):
    # R's check (tests/finegray.R): 1 - weighted KM of the expanded data equals the
    # Aalen-Johansen cumulative incidence at the event times; mgus2 has many ties.
    from cjresearch.timetoevent.progression import kaplan_meier

    base = mgus2[["etime", "ev"]].rename(columns={"etime": "duration", "ev": "event"})
    f = finegray_frame(base)
    km = kaplan_meier(
        f, duration="fg_stop", event="fg_status", entry="fg_start", weight="fg_weight"
    )
    ci = cumulative_incidence(base, event_types=[1])
    times = np.unique(base.loc[base["event"] == 1, "duration"])
    at_km = km.set_index("time")["estimate"].reindex(times)
    at_ci = ci.set_index("time")["estimate"].reindex(times)
    np.testing.assert_allclose(1 - at_km.to_numpy(), at_ci.to_numpy(), atol=1e-10)


def test_bad_input_competing():
    with pytest.warns(UnreliableEstimateWarning):
        cumulative_incidence(pd.DataFrame({"duration": [1, 2], "event": [0, 0]}))
    with pytest.raises(DataValidationError, match="no events of type 1"):
        FineGray().fit(
            pd.DataFrame({"duration": [1, 2, 3], "event": [2, 0, 2], "z": [0, 1, 0]}),
            covariates=["z"],
        )
    with pytest.raises(DataValidationError, match="single value|one level"):
        FineGray().fit(
            pd.DataFrame({"duration": [1, 2, 3], "event": [1, 0, 2], "z": ["a", "a", "a"]}),
            covariates=["z"],
        )
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        cumulative_incidence(pd.DataFrame({"duration": [5.0], "event": [1]}))


def test_weighted_cumulative_incidence_bootstrap_covers_truth():
    # unequal sampling: every "fast" customer kept (weight 1), 1 in 4 "slow" (weight 4);
    # the weighted estimate recovers the population cumulative incidence at day 30.
    rng = np.random.default_rng(5)
    n = 6000
    fast = rng.random(n) < 0.5
    l1 = np.where(fast, 1 / 20, 1 / 80)
    l2 = 1 / 60
    t1, t2 = rng.exponential(1 / l1), rng.exponential(1 / l2, n)
    c = rng.uniform(0, 100, n)
    t = np.minimum.reduce([t1, t2, c])
    d = pd.DataFrame(
        {
            "duration": t,
            "event": np.where(t == t1, 1, np.where(t == t2, 2, 0)),
            "w": np.where(fast, 1.0, 4.0),
        }
    )[fast | (rng.random(n) < 0.25)]
    truth = np.mean([lam / (lam + l2) * (1 - np.exp(-(lam + l2) * 30)) for lam in (1 / 20, 1 / 80)])
    ci = cumulative_incidence(d, event_types=[1], weight="w", n_boot=200)
    row = ci[ci["time"] <= 30].iloc[-1]
    assert row["ci_low"] < truth < row["ci_high"]
    assert 0 < row["se"] < 0.02


@pytest.mark.parametrize("level", [95, 0, 1.0, -0.5])
def test_level_outside_0_1_is_an_error_not_nan_intervals(level):
    # level=95 used to give z = NaN and silently missing intervals
    d = pd.DataFrame({"duration": [1.0, 2, 3, 4], "event": [1, 2, 0, 1]})
    with pytest.raises(DataValidationError, match="level"):
        cumulative_incidence(d, event_types=[1], level=level)
    with pytest.raises(DataValidationError, match="level"):
        restricted_mean_incidence(d, tau=4, event_types=[1], level=level)


def test_restricted_mean_time_of_a_survival_curve_has_n_and_the_closed_form_se():
    """Without censoring the area under the Kaplan-Meier curve up to tau is the mean of
    min(T, tau), and its standard error (R's rmean formula) is that mean's plug-in SE."""
    from cjresearch.timetoevent.progression import kaplan_meier

    rng = np.random.default_rng(7)
    x = np.round(rng.exponential(5.0, 60), 1)  # rounded: tied times too
    km = kaplan_meier(pd.DataFrame({"duration": x, "event": 1}))
    r = restricted_mean_time(km, tau=6.0).iloc[0]
    y = np.minimum(x, 6.0)
    assert r["n"] == 60
    assert r["estimate"] == pytest.approx(y.mean(), rel=1e-12)
    assert r["se"] == pytest.approx(np.sqrt(y.var() / len(y)), rel=1e-10)
    assert r["ci_low"] == pytest.approx(r["estimate"] - 1.959964 * r["se"], rel=1e-6)
    # censoring widens it; a cumulative incidence curve has no SE from the curve alone
    cens = pd.DataFrame({"duration": x, "event": (rng.random(60) < 0.7).astype(int)})
    assert restricted_mean_time(kaplan_meier(cens), tau=6.0)["se"].iloc[0] > 0
    ci = cumulative_incidence(cens.assign(event=cens["event"].where(x < 4, 2)))
    rm = restricted_mean_time(ci, tau=6.0)
    assert rm["se"].isna().all() and (rm["n"] == 60).all()


def test_cumulative_incidence_read_at_times_matches_r_summary(mgus2):
    # R: summary(survfit(Surv(etime, event) ~ sex, mgus2), times=) (multi-state: pstate and
    # n.risk of the starting state). Times at 0, on event months, between them (120.5), at
    # the men's last follow-up (424) and past both groups' (500; women end at 394). The
    # Aalen-Johansen estimate is exact arithmetic: 1e-10.
    import json

    ref = json.loads((DATA.parent / "reference" / "timetoevent.json").read_text())["cif_times"]
    r = pd.DataFrame(ref["frame"])
    r["sex"] = r["strata"].str[-1]
    ci = cumulative_incidence(mgus2, by="sex", duration="etime", event="ev", times=ref["times"])
    assert list(ci.columns[:3]) == ["sex", "event_type", "time"]
    assert len(ci) == 2 * 2 * len(ref["times"])
    for k, name in [(1, "pcm"), (2, "death")]:
        got = ci[ci["event_type"] == k].merge(r, on=["sex", "time"], how="left", indicator=True)
        known = got["_merge"] == "both"
        np.testing.assert_allclose(got.loc[known, "estimate"], got.loc[known, name], atol=1e-10)
        np.testing.assert_allclose(
            got.loc[known, "n_risk_x"], got.loc[known, "n_risk_y"], atol=1e-10
        )
        past = got[~known]  # women at 424 and 500, men at 500: R leaves them out
        assert len(past) == 3 and past["estimate"].isna().all() and (past["n_risk_x"] == 0).all()
    held = cumulative_incidence(
        mgus2, by="sex", duration="etime", event="ev", times=[500.0], extend=True
    ).set_index(["sex", "event_type"])
    assert held.loc[("M", 2), "estimate"] == pytest.approx(0.895540, abs=5e-7)  # R, extend
