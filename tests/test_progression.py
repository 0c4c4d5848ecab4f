"""Tests of cjresearch.timetoevent.progression against R's survival output, lifelines and known truth."""

from __future__ import annotations

import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from lifelines import KaplanMeierFitter
from lifelines.statistics import logrank_test

from cjresearch.core.errors import (
    DataValidationError,
    RowsExcludedWarning,
    UnreliableEstimateWarning,
)
from cjresearch.timetoevent.progression import (
    conversion,
    event_table,
    kaplan_meier,
    logrank,
    stage_durations,
    time_to_stage,
)

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def lung() -> pd.DataFrame:
    d = pd.read_csv(DATA / "lung.csv")
    return d.assign(event=(d["status"] == 2).astype(int))


@pytest.fixture(scope="module")
def aml() -> pd.DataFrame:
    d = pd.read_csv(DATA / "aml.csv")
    return d.assign(event=d["status"].astype(int))


# ---------------------------------------------------------------- R references
def test_km_medians_and_log_ci_match_r_lung(lung):
    # REFERENCES.md: survfit(Surv(time, status) ~ ph.ecog): medians 394/306/199,
    # 95% CI 348-574, 268-429, 156-288 (R's default log interval). Times are whole
    # days, so the match must be exact.
    r = time_to_stage(
        lung.dropna(subset=["ph.ecog"]), by="ph.ecog", duration="time", percentiles=[0.5]
    ).set_index("ph.ecog")
    assert r.loc[[0.0, 1.0, 2.0], "estimate"].tolist() == [394, 306, 199]
    assert r.loc[[0.0, 1.0, 2.0], "ci_low"].tolist() == [348, 268, 156]
    assert r.loc[[0.0, 1.0, 2.0], "ci_high"].tolist() == [574, 429, 288]
    assert bool(r.loc[3.0, "small_base"])  # one patient: flagged, not dropped


def test_km_overall_median_matches_r_lung(lung):
    # R: survfit(Surv(time, status) ~ 1, data = lung) prints n=228, events=165,
    # median 310, 0.95LCL 285, 0.95UCL 363 (log interval).
    r = time_to_stage(lung, duration="time", percentiles=[0.5]).iloc[0]
    assert (r["n"], r["n_event"]) == (228, 165)
    assert (r["estimate"], r["ci_low"], r["ci_high"]) == (310, 285, 363)


def test_aml_medians_and_logrank_match_r(aml):
    # REFERENCES.md: medians Maintained 31, Nonmaintained 23; log-rank chi-square 3.4, p 0.07
    # (R prints 1 and 2 significant digits; we check to that precision).
    med = time_to_stage(aml, by="x", duration="time", percentiles=[0.5]).set_index("x")
    assert med["estimate"].to_dict() == {"Maintained": 31.0, "Nonmaintained": 23.0}
    lr = logrank(aml, by="x", duration="time").iloc[0]
    assert round(lr["statistic"], 1) == 3.4 and round(lr["p_value"], 2) == 0.07
    assert lr["df"] == 1


def test_km_equals_lifelines(lung):
    # independent implementation: lifelines' per-row KaplanMeierFitter
    kmf = KaplanMeierFitter().fit(lung["time"], lung["event"])
    mine = kaplan_meier(lung, duration="time")
    np.testing.assert_allclose(mine["estimate"], kmf.survival_function_.iloc[:, 0], atol=1e-12)
    np.testing.assert_allclose(mine["n_risk"].iloc[1:], kmf.event_table["at_risk"].iloc[1:])
    # log-log interval equals lifelines' default interval
    ll = kaplan_meier(lung, duration="time", conf_type="log-log")
    ci = kmf.confidence_interval_survival_function_
    np.testing.assert_allclose(ll["ci_low"].iloc[1:-1], ci.iloc[1:-1, 0], atol=1e-9)


def test_logrank_equals_lifelines_and_stratified_reduces_to_sum(lung):
    a, b = lung[lung.sex == 1], lung[lung.sex == 2]
    ref = logrank_test(a.time, b.time, a.event, b.event).test_statistic
    mine = logrank(lung, by="sex", duration="time").iloc[0]
    assert mine["statistic"] == pytest.approx(ref, rel=1e-10)
    # stratified test on a single stratum equals the unstratified test
    one = logrank(lung.assign(s=1), by="sex", strata="s", duration="time").iloc[0]
    assert one["statistic"] == pytest.approx(ref, rel=1e-10)
    strat = logrank(
        lung.dropna(subset=["ph.ecog"]), by="sex", strata="ph.ecog", duration="time"
    ).iloc[0]
    assert strat["test"] == "stratified log-rank" and 0 < strat["p_value"] < 0.05


def test_left_truncation_matches_lifelines_entry():
    rng = np.random.default_rng(3)
    t = rng.exponential(10, 400)
    entry = rng.uniform(0, 5, 400)
    keep = t > entry
    d = pd.DataFrame(
        {"duration": t[keep], "event": rng.integers(0, 2, keep.sum()), "entry": entry[keep]}
    )
    kmf = KaplanMeierFitter().fit(d.duration, d.event, entry=d.entry)
    mine = kaplan_meier(d)
    ref = kmf.survival_function_at_times(mine["time"].iloc[1:]).to_numpy()
    np.testing.assert_allclose(mine["estimate"].iloc[1:], ref, atol=1e-12)


def test_aggregated_event_table_scales_and_equals_lifelines():
    # item 8: 200k customers with heavy ties go through the aggregated path; the
    # curve equals lifelines on the same data (no timing asserted).
    rng = np.random.default_rng(8)
    t = rng.integers(1, 365, 200_000).astype(float)
    e = rng.integers(0, 2, 200_000)
    mine = kaplan_meier(pd.DataFrame({"duration": t, "event": e}))
    kmf = KaplanMeierFitter().fit(t, e)
    np.testing.assert_allclose(mine["estimate"], kmf.survival_function_.iloc[:, 0], atol=1e-12)
    tab = event_table(t, e)
    assert tab["n_risk"].iloc[0] == 200_000 and tab["n_event"].sum() == e.sum()


# ---------------------------------------------------------------- known truth
def _simulate(n, lam_conv, lam_churn, seed, window=365.0):
    """Staggered entry over a year, observed until day 365: exponential competing risks."""
    rng = np.random.default_rng(seed)
    origin = rng.uniform(0, window, n)
    tc = rng.exponential(1 / lam_conv, n)
    tx = rng.exponential(1 / lam_churn, n) if lam_churn > 0 else np.full(n, np.inf)
    admin = window - origin
    t = np.minimum.reduce([tc, tx, admin])
    e = np.where(t == tc, 1, np.where(t == tx, 2, 0))
    return pd.DataFrame({"duration": t, "event": e, "origin_day": origin})


def test_conversion_matches_closed_form_and_naive_is_biased():
    lam1, lam2 = 1 / 60, 1 / 120
    d = _simulate(20_000, lam1, lam2, seed=11)
    days = [30, 90, 180]
    r = conversion(d, horizons=days)
    truth = lam1 / (lam1 + lam2) * (1 - np.exp(-(lam1 + lam2) * np.array(days)))
    assert (r["method"] == "Aalen-Johansen").all()
    # within 3 standard errors of the closed form, and inside the 95% interval
    assert np.all(np.abs(r["estimate"] - truth) < 3 * r["se"])
    assert np.all((r["ci_low"] < truth) & (truth < r["ci_high"]))
    # the naive funnel counts the not-yet-converted as lost: clearly below the truth
    assert np.all(r["naive"] < r["ci_low"])
    assert np.all(np.diff(truth - r["naive"]) > 0)  # and the gap grows with the horizon
    # ignoring churn (1 - KM) overstates conversion under competing risks
    km = conversion(d, horizons=days, competing=False)
    assert np.all(km["estimate"] > truth + 0.02)


def test_conversion_without_churn_is_one_minus_km_and_recent_cohorts_understated():
    lam = 1 / 45
    d = _simulate(8_000, lam, 0.0, seed=5)
    d["origin"] = pd.Timestamp("2025-01-01") + pd.to_timedelta(d["origin_day"], unit="D")
    r = conversion(d, horizons=[60], cohort_freq="Q")
    truth = 1 - np.exp(-lam * 60)
    assert (r["method"] == "1 - Kaplan-Meier").all()
    assert np.all((r["ci_low"] < truth) & (truth < r["ci_high"]))
    # the last quarter is observed for < 90 days: the naive funnel understates it most
    assert r["understatement"].iloc[-1] == r["understatement"].max()
    assert r["understatement"].iloc[-1] > 0.15
    assert np.all(r["understatement"] > -1e-9)  # older cohorts: fully observed at day 60


def test_median_time_to_stage_matches_exponential_truth():
    lam = 1 / 40
    d = _simulate(6_000, lam, 0.0, seed=2)
    med = time_to_stage(d, percentiles=[0.5]).iloc[0]
    assert med["ci_low"] < np.log(2) / lam < med["ci_high"]


# ---------------------------------------------------------------- timeline builder
T0 = pd.Timestamp("2025-01-01")


def _tl(entries, customers):
    e = pd.DataFrame(entries, columns=["customer_id", "stage", "stage_index", "entered_at"])
    e["stage"] = pd.Categorical(e["stage"], categories=["aware", "consider", "buy"], ordered=True)
    e["entered_at"] = T0 + pd.to_timedelta(e["entered_at"], unit="D")
    e["inferred"] = False
    c = pd.DataFrame(customers, columns=["customer_id", "exit_state", "exit_at", "censor_at"])
    for col in ("exit_at", "censor_at"):
        c[col] = T0 + pd.to_timedelta(c[col], unit="D")
    first = e.groupby("customer_id")["entered_at"].min()
    c["first_seen"] = c["customer_id"].map(first)
    return SimpleNamespace(entries=e, customers=c)


def test_stage_durations_censoring_churn_and_from_start():
    tl = _tl(
        [
            ("a", "aware", 0, 0),
            ("a", "consider", 1, 4),
            ("a", "buy", 2, 10),
            ("b", "aware", 0, 2),
            ("b", "consider", 1, 5),
            ("c", "aware", 0, 1),
        ],
        [("a", None, None, 30), ("b", "churned", 9, 9), ("c", None, None, 30)],
    )
    seg = pd.DataFrame({"customer_id": ["a", "b", "c"], "segment": ["x", "y", "x"]})
    d = stage_durations(tl, customers=seg, kind="both")
    step = d[d["from_stage"] == "consider"].set_index("customer_id")
    assert step.loc["a", ["duration", "event"]].tolist() == [6.0, 1]
    assert step.loc["b", ["duration", "event"]].tolist() == [4.0, 2]  # churn competes
    assert step.loc["b", "exit_state"] == "churned"
    first = d[d["from_stage"] == "aware"].set_index("customer_id")
    assert first.loc["c", ["duration", "event"]].tolist() == [29.0, 0]  # not yet: censored
    assert first.loc["c", "segment"] == "x"
    start = d[(d["from_stage"] == "start") & (d["to_stage"] == "buy")].set_index("customer_id")
    assert start.loc["a", "duration"] == 10.0 and start.loc["c", "event"] == 0
    # non-churn exits censor instead of competing
    d2 = stage_durations(tl, churn=["lost"])
    assert d2[(d2.customer_id == "b") & (d2.from_stage == "consider")]["event"].item() == 0


def test_stage_durations_left_truncation():
    tl = _tl([("a", "aware", 0, 0), ("a", "consider", 1, 8)], [("a", None, None, 20)])
    tl.customers["watched_from"] = T0 + pd.Timedelta(days=3)
    d = stage_durations(tl, observed_from="watched_from")
    assert d[["entry", "duration", "event"]].iloc[0].tolist() == [3.0, 8.0, 1]


def test_stage_durations_bad_input():
    # stages out of order (clock skew): clear error, or dropped with a warning
    tl = _tl(
        [("a", "aware", 0, 5), ("a", "consider", 1, 2), ("b", "aware", 0, 0)],
        [("a", None, None, 10), ("b", None, None, 10)],
    )
    with pytest.raises(DataValidationError, match="later stage before an earlier"):
        stage_durations(tl)
    with pytest.warns(RowsExcludedWarning):
        d = stage_durations(tl, out_of_order="drop")
    assert d["customer_id"].tolist() == ["b"]
    # censored before entering: negative duration
    tl = _tl([("a", "aware", 0, 5)], [("a", None, None, 1)])
    with pytest.raises(DataValidationError, match="negative"):
        stage_durations(tl)
    with pytest.raises(DataValidationError, match="Timeline"):
        stage_durations(pd.DataFrame())


def test_bad_durations_frames(aml):
    with pytest.raises(DataValidationError, match="negative durations"):
        kaplan_meier(pd.DataFrame({"duration": [1, -2], "event": [1, 1]}))
    with pytest.raises(DataValidationError, match="missing column"):
        kaplan_meier(pd.DataFrame({"time": [1]}))
    with pytest.warns(UnreliableEstimateWarning, match="every row is censored"):
        km = kaplan_meier(pd.DataFrame({"duration": [1, 2], "event": [0, 0]}))
    assert (km["estimate"] == 1).all()
    one = kaplan_meier(pd.DataFrame({"duration": [3.0], "event": [1]}))
    assert one["estimate"].tolist() == [1.0, 0.0]
    with pytest.raises(DataValidationError, match="only one group"):
        logrank(aml.assign(x="same"), by="x", duration="time")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        kaplan_meier(aml, by="x", duration="time")


# ---------------------------------------------------------------- weights
def test_weighted_km_ij_variance_equals_numerical_jackknife():
    # IJ variance = sum_i (w_i dlogS/dw_i)^2; check against finite differences of our own
    # KM in the weights (an independent route to the same derivative), with ties and
    # delayed entry.
    from cjresearch.timetoevent.survtables import km_from_table, km_ij_se_log

    rng = np.random.default_rng(0)
    n = 25
    t = np.round(rng.exponential(5, n)) + 1
    e = rng.integers(0, 2, n)
    en = np.where(rng.random(n) < 0.3, rng.uniform(0, 1.5, n), 0.0)
    w = rng.uniform(0.5, 3, n)

    def log_s(weights):
        return np.log(km_from_table(event_table(t, e, entry=en, weight=weights))[0][:-1])

    base, var = log_s(w), 0.0
    for i in range(n):
        w2 = w.copy()
        w2[i] += 1e-6
        var = var + (w[i] * (log_s(w2) - base) / 1e-6) ** 2
    ij = km_ij_se_log(t, e, en, w, event_table(t, e, entry=en, weight=w))[:-1]
    np.testing.assert_allclose(ij, np.sqrt(var), rtol=1e-5)


def test_weighted_km_corrects_unequal_sampling_and_covers_truth():
    # population: half "fast" (rate 1/20), half "slow" (rate 1/80); the sample keeps every
    # fast customer but only 1 in 4 slow ones, weights 1 and 4 restore the population.
    rng = np.random.default_rng(42)
    n = 8000
    fast = rng.random(n) < 0.5
    t = rng.exponential(np.where(fast, 20, 80))
    c = rng.uniform(0, 100, n)
    d = pd.DataFrame(
        {"duration": np.minimum(t, c), "event": (t <= c).astype(int), "w": np.where(fast, 1.0, 4.0)}
    )
    keep = fast | (rng.random(n) < 0.25)
    d = d[keep]
    truth = 1 - (0.5 * (1 - np.exp(-30 / 20)) + 0.5 * (1 - np.exp(-30 / 80)))
    r = conversion(d, horizons=[30], weight="w").iloc[0]
    assert r["ci_low"] < 1 - truth < r["ci_high"]
    unweighted = conversion(d, horizons=[30]).iloc[0]
    assert unweighted["ci_low"] > 1 - truth  # ignoring the design overstates conversion


# ---------------------------------------------------------------- notebook
NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "progression.ipynb"


def test_notebook_is_logic_free_parameterised_and_clean():
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    for c in code:
        assert not c.get("outputs") and c.get("execution_count") is None
        for line in c.source.splitlines():
            assert not line.lstrip().startswith(("def ", "class ", "for ", "while ")), line


@pytest.mark.slow
def test_notebook_runs_on_the_sample(tmp_path):
    import nbformat
    import papermill

    out = tmp_path / "progression.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"n_boot": 10},
        cwd=str(NOTEBOOK.parent),
        kernel_name="python3",
        progress_bar=False,
    )
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "Fine-Gray subdistribution hazard ratios" in html and "vegaEmbed" in html


def test_group_without_events_and_zero_durations_are_reported(aml):
    d = aml.assign(event=np.where(aml["x"] == "Maintained", 0, aml["event"]))
    with pytest.warns(UnreliableEstimateWarning, match="no events"):
        km = kaplan_meier(d, by="x", duration="time")
    assert (km.loc[km["x"] == "Maintained", "estimate"] == 1).all()
    with pytest.warns(Warning, match="have no events"):
        lr = logrank(d, by="x", duration="time").iloc[0]
    assert lr["p_value"] < 0.05  # 11 events against none: a clear difference
    zero = pd.DataFrame({"duration": [0.0, 0.0, 2.0, 3.0], "event": [1, 1, 1, 0]})
    with pytest.warns(UnreliableEstimateWarning, match="are 0"):
        km0 = kaplan_meier(zero)
    assert km0["estimate"].round(3).tolist() == [0.5, 0.25, 0.25]


def test_stages_inferred_at_first_sight_are_not_zero_day_moves():
    # c was first seen buying: 'aware' and 'consider' were inferred at that instant, so the
    # time it took is unknown -- not zero. Those rows are dropped with a warning.
    tl = _tl(
        [
            ("a", "aware", 0, 0),
            ("a", "consider", 1, 4),
            ("a", "buy", 2, 6),
            ("c", "aware", 0, 5),
            ("c", "consider", 1, 5),
            ("c", "buy", 2, 5),
        ],
        [("a", None, None, 30), ("c", None, None, 30)],
    )
    tl.entries.loc[tl.entries["customer_id"] == "c", "inferred"] = [True, True, False]
    with pytest.warns(RowsExcludedWarning, match="already in"):
        d = stage_durations(tl, kind="both")
    assert d[d["customer_id"] == "c"].empty  # journey start unseen too: no from-start rows
    assert len(d[d["customer_id"] == "a"]) == 4
    kept = stage_durations(tl, unobserved="keep")
    assert kept[kept["customer_id"] == "c"]["duration"].tolist() == [0.0, 0.0]


def _two_customer_timeline():
    t = pd.Timestamp("2025-01-01")
    entries = pd.DataFrame(
        {
            "customer_id": ["a", "a", "b"],
            "stage": ["visit", "buy", "visit"],
            "stage_index": [0, 1, 0],
            "inferred": False,
            "entered_at": [t, t + pd.Timedelta(days=3), t],
        }
    )
    custs = pd.DataFrame(
        {
            "customer_id": ["a", "b"],
            "first_seen": [t, t],
            "exit_state": [None, None],
            "exit_at": pd.NaT,
            "censor_at": [t + pd.Timedelta(days=10)] * 2,
        }
    )
    return SimpleNamespace(entries=entries, customers=custs)


def test_start_column_with_utc_offsets_is_put_on_the_utc_clock():
    # a tz-aware or offset-carrying start column used to raise a raw TypeError
    # (tz-naive minus tz-aware); 12:00+02:00 is 10:00 UTC, 14 h before the first event
    tl = _two_customer_timeline()
    for start in (
        ["2024-12-31T12:00:00+02:00"] * 2,
        pd.to_datetime(["2024-12-31T10:00:00Z"] * 2, utc=True),
    ):
        custs = pd.DataFrame({"customer_id": ["a", "b"], "acq": start})
        d = stage_durations(tl, customers=custs, start="acq", kind="from_start")
        assert d.set_index("customer_id")["duration"].round(6).to_dict() == {
            "a": round(3 + 14 / 24, 6),
            "b": round(10 + 14 / 24, 6),
        }


def test_unreadable_start_dates_name_the_customer():
    tl = _two_customer_timeline()
    custs = pd.DataFrame({"customer_id": ["a", "b"], "acq": ["2024-12-31", "not a date"]})
    with pytest.raises(DataValidationError, match="acq") as err:
        stage_durations(tl, customers=custs, start="acq", kind="from_start")
    assert err.value.rows == ["b"]


def test_median_on_a_plateau_runs_to_where_the_curve_falls_not_to_a_censoring_time():
    # S = 5/6, 4/6, 1/2 at t = 1, 2, 3; a censoring at 4 keeps it at 1/2 until it falls at 5.
    # R (survival's quantile/print.survfit): the midpoint of the flat stretch at 0.5, (3 + 5) / 2.
    # The censoring row at t = 4 used to be taken as the end of the stretch (3.5).
    d = pd.DataFrame({"duration": [1, 2, 3, 4, 5, 6], "event": [1, 1, 1, 0, 1, 1]})
    assert time_to_stage(d, percentiles=[0.5])["estimate"].tolist() == [4.0]
    # never falling below 1/2 after reaching it: the time it was reached
    d = pd.DataFrame({"duration": [1, 2, 3, 4, 5, 6], "event": [1, 1, 1, 0, 0, 0]})
    assert time_to_stage(d, percentiles=[0.5])["estimate"].tolist() == [3.0]
    # no censoring in between: the textbook (3 + 4) / 2
    d = pd.DataFrame({"duration": [1, 2, 3, 4, 5, 6], "event": 1})
    assert time_to_stage(d, percentiles=[0.5])["estimate"].tolist() == [3.5]


def test_durations_from_the_engine_arrays_equal_those_from_the_long_entries():
    from cjresearch.core.paths import SAMPLE_DIR
    from cjresearch.engine.eventlog import EventLog
    from cjresearch.inputs.tables import read_table

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        tl = EventLog(SAMPLE_DIR / "events.parquet", SAMPLE_DIR / "journey.yaml").timeline()
        crm = read_table(SAMPLE_DIR / "customers.csv").sample(frac=1, random_state=1)
        long_form = SimpleNamespace(entries=tl.entries, customers=tl.customers)
        for kw in (
            {},
            {"kind": "both"},
            {"unobserved": "keep"},
            {"customers": crm},
            {"out_of_order": "drop"},
        ):
            fast, slow = stage_durations(tl, **kw), stage_durations(long_form, **kw)
            assert len(fast) > 1000
            pd.testing.assert_frame_equal(fast, slow)


def test_small_base_threshold_is_a_parameter():
    """min_base flags small bases here as it does for survey scores (was fixed at 30)."""
    from cjresearch.painpoints.signals import dropoff

    d = pd.DataFrame(
        {
            "customer_id": [f"c{i}" for i in range(60)],
            "from_stage": ["a"] * 20 + ["b"] * 40,
            "to_stage": ["b"] * 20 + ["c"] * 40,
            "duration": np.arange(60) % 7 + 1.0,
            "event": np.arange(60) % 2,
            "entry": 0.0,
        }
    )
    default = conversion(d, horizons=[5], by="from_stage")
    assert default.set_index("from_stage")["small_base"].to_dict() == {"a": True, "b": False}
    assert not conversion(d, horizons=[5], by="from_stage", min_base=10)["small_base"].any()
    assert conversion(d, horizons=[5], by="from_stage", min_base=50)["small_base"].all()
    assert dropoff(d, horizon=5, min_base=50)["small_base"].all()
    assert not dropoff(d, horizon=5, min_base=5)["small_base"].any()


def test_kaplan_meier_read_at_times_matches_r_summary():
    # R: summary(survfit(Surv(time, status == 2) ~ sex, lung[!is.na(wt.loss), ]), times=,
    # extend=) (tests/reference/timetoevent.R). Times fall on event times (5, 100, 365),
    # between them (183.5), at a group's last follow-up (1022, 965 for sex 2) and past it
    # (1100). Counting and the product-limit are exact: 1e-10 on curves, SEs and limits.
    import json

    ref = json.loads((DATA.parent / "reference" / "timetoevent.json").read_text())["km_times"]
    lung = pd.read_csv(DATA / "lung.csv").dropna(subset=["wt.loss"])
    lung["event"] = (lung["status"] == 2).astype(int)
    cols = ["n_risk", "n_event", "n_censor", "estimate", "se", "ci_low", "ci_high"]
    rcols = ["r_" + c for c in ["n_risk", "n_event", "n_censor", "surv", "se", "lower", "upper"]]
    for extend, key in [(False, "plain"), (True, "extend")]:
        r = pd.DataFrame(ref[key]).add_prefix("r_")
        r["time"] = r["r_time"]
        r["sex"] = r["r_strata"].str[-1].astype(float)
        k = kaplan_meier(lung, by="sex", duration="time", times=ref["times"], extend=extend)
        assert len(k) == 2 * len(ref["times"])  # one row per group and time asked for
        got = k.merge(r, on=["sex", "time"], how="left", indicator=True)
        known = got["_merge"] == "both"
        np.testing.assert_allclose(
            got.loc[known, cols].to_numpy(float),
            got.loc[known, rcols].to_numpy(float),
            atol=1e-10,
        )
        # R leaves out times past a group's last follow-up; we say "not known" (NaN) there
        # and that nobody is at risk
        past = got[~known]
        assert extend is False and len(past) == 3 or extend is True and past.empty
        assert past["estimate"].isna().all() and (past["n_risk"] == 0).all()
    # the lookup between two event times is the earlier step, not an interpolation
    k = kaplan_meier(lung, by="sex", duration="time", times=[183.5, 183.0])
    assert k["estimate"].iloc[0] == k["estimate"].iloc[1]
