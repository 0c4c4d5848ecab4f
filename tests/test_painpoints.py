"""Tests of cjresearch.painpoints.signals against closed forms and the sample generator's truth."""

from __future__ import annotations

import json
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError, RowsExcludedWarning
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.journey.definition import load_journey
from cjresearch.painpoints.signals import (
    churn_by_stage,
    dropoff,
    slowest_steps,
)
from cjresearch.painpoints.touchpoints import touchpoint_effects

TRUTH = json.loads((SAMPLE_DIR / "truth.json").read_text())


@pytest.fixture(scope="module")
def sample():
    from cjresearch.engine.eventlog import EventLog
    from cjresearch.inputs.tables import read_table
    from cjresearch.timetoevent.progression import stage_durations

    journey = load_journey(SAMPLE_DIR / "journey.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the sample's ignored debug events are reported
        log = EventLog(
            SAMPLE_DIR / "events.parquet",
            journey,
            observation_end=pd.Timestamp(TRUTH["observation_end"]),
        )
    customers = read_table(SAMPLE_DIR / "customers.csv")
    d = stage_durations(log.timeline(), customers=customers)
    return SimpleNamespace(
        log=log,
        journey=journey,
        durations=d,
        exposure=log.exposure(),
        customers=customers,
        survey=read_table(SAMPLE_DIR / "survey.csv"),
    )


def _competing(n, lam, mu, cens, rng, exposed=None):
    """Exponential time to move on (hazard lam) vs exit (mu), uniform censoring on (0, cens)."""
    t1, t2 = rng.exponential(1 / lam, n), rng.exponential(1 / mu, n)
    c = rng.uniform(0, cens, n)
    t = np.minimum.reduce([t1, t2, c])
    e = np.select([t == t1, t == t2], [1, 2], 0)
    return pd.DataFrame(
        {
            "customer_id": [f"c{i}" for i in range(n)],
            "from_stage": "a",
            "to_stage": "b",
            "duration": t,
            "event": e,
        }
    )


# ------------------------------------------------------------------ drop-off
def test_dropoff_matches_closed_form_competing_exponentials():
    # moving on at hazard 0.1/day, exiting at 0.05/day, censoring uniform on 0-60 days:
    # share not moved on by day 20 = 1 - 0.1/0.15 (1 - exp(-0.15 * 20)) = 0.3665
    rng = np.random.default_rng(11)
    d = _competing(4000, 0.1, 0.05, 60, rng)
    r = dropoff(d, horizon=20).iloc[0]
    truth = 1 - 0.1 / 0.15 * (1 - np.exp(-3.0))
    exit_truth = 0.05 / 0.15 * (1 - np.exp(-3.0))
    assert r["ci_low"] < truth < r["ci_high"]
    assert r["exit_share_ci_low"] < exit_truth < r["exit_share_ci_high"]
    assert abs(r["estimate"] - truth) < 0.02
    # the naive share (not moved on yet / all) counts the censored as lost: biased upwards
    assert r["naive"] > r["ci_high"]


def test_dropoff_on_sample_matches_generator_closed_form(sample):
    # truth.json closed_form: p_move_on per stage for the population entering it (no censoring).
    # The first four stages are fast (mean stay <= 36 days), so by the default horizon almost
    # nobody is still waiting and 1 - p_move_on must lie in the interval. Found (seed 20250101):
    # awareness 0.276 [0.261, 0.293] vs 0.264; consideration 0.343 vs 0.338; decision 0.288 vs
    # 0.292; purchase 0.284 [0.256, 0.315] vs 0.296. (Loyalty, mean stay 53 days, is still
    # draining at its horizon, so its share by the horizon is above the eventual share.)
    r = dropoff(sample.durations).set_index("from_stage")
    for cf in TRUTH["closed_form"][:4]:
        row = r.loc[cf["stage"]]
        assert row["ci_low"] < 1 - cf["p_move_on"] < row["ci_high"], cf["stage"]
        if cf["stage_index"] < 3:  # purchase: ~3% still waiting at the horizon
            assert row["exit_share_ci_low"] < sum(cf["p_exit"].values()) < row["exit_share_ci_high"]
    assert r.loc["loyalty", "estimate"] > 1 - TRUTH["closed_form"][4]["p_move_on"]


def test_dropoff_needs_steps():
    d = pd.DataFrame(
        {
            "customer_id": ["a"],
            "from_stage": ["start"],
            "to_stage": ["b"],
            "duration": [1.0],
            "event": [1],
        }
    )
    with pytest.raises(DataValidationError, match="no stage-to-stage steps"):
        dropoff(d)
    with pytest.raises(DataValidationError, match="missing column"):
        dropoff(d.drop(columns="event"))


# ------------------------------------------------------------------ slow steps
def test_slowest_steps_medians_match_exponential_closed_form():
    # median of an exponential wait = ln 2 / hazard: 6.93 days (hazard 0.1) and 23.1 (0.03)
    rng = np.random.default_rng(3)
    fast = _competing(3000, 0.1, 0.02, 80, rng)
    slow = _competing(3000, 0.03, 0.02, 200, rng).assign(from_stage="b", to_stage="c")
    r = slowest_steps(pd.concat([fast, slow]))
    assert r["from_stage"].tolist() == ["b", "a"] and r["rank"].tolist() == [1, 2]
    for frm, lam in (("a", 0.1), ("b", 0.03)):
        row = r.set_index("from_stage").loc[frm]
        assert row["ci_low"] < np.log(2) / lam < row["ci_high"]


def test_slowest_steps_on_sample_puts_the_slow_stages_first(sample):
    # truth: baseline progress hazards purchase 0.02 and loyalty 0.015 per day are the slowest
    r = slowest_steps(sample.durations)
    assert set(r["from_stage"].iloc[:2]) == {"purchase", "loyalty"}


# ------------------------------------------------------------------ churn
def test_churn_by_stage_hand_checked_timeline():
    t = pd.Timestamp("2025-01-01")
    day = pd.Timedelta(days=1)
    j = load_journey(
        {
            "name": "t",
            "stages": [{"id": "a", "events": ["a1"]}, {"id": "b", "events": ["b1"]}],
            "exits": [{"id": "churned", "events": ["x"]}],
        }
    )
    entries = pd.DataFrame(
        {
            "customer_id": ["p", "p", "q", "r"],
            "stage": ["a", "b", "a", "a"],
            "stage_index": [0, 1, 0, 0],
            "entered_at": [t, t + 4 * day, t, t],
            "inferred": False,
        }
    )
    customers = pd.DataFrame(
        {
            "customer_id": ["p", "q", "r"],
            "furthest_index": [1, 0, 0],
            "exit_state": [None, "churned", None],
            "exit_at": [pd.NaT, t + 6 * day, pd.NaT],
            "censor_at": [t + 10 * day, t + 6 * day, t + 10 * day],
        }
    )
    tl = SimpleNamespace(
        entries=entries,
        customers=customers,
        journey=j,
        wide=lambda: entries.pivot(index="customer_id", columns="stage", values="entered_at"),
    )
    r = churn_by_stage(tl, per=1.0).set_index("stage")
    # stage a: p 4 days, q 6 days (exit), r 10 days = 20 customer-days, 1 exit
    assert r.loc["a", "customer_time"] == pytest.approx(20.0)
    assert r.loc["a", "estimate"] == pytest.approx(1 / 20)
    # exact Poisson interval of 1 event: chi2(0.025, 2)/2 = 0.02532, chi2(0.975, 4)/2 = 5.5716
    assert r.loc["a", "ci_low"] == pytest.approx(0.025318 / 20, rel=1e-4)
    assert r.loc["a", "ci_high"] == pytest.approx(5.571643 / 20, rel=1e-4)
    assert r.loc["b", "n_exit"] == 0 and r.loc["b", "customer_time"] == pytest.approx(6.0)
    assert r.loc["a", "share_of_exits"] == 1.0


def test_churn_by_stage_on_sample_concentrates_early(sample):
    # truth: exit hazards (churned + lost) per day are 0.045, 0.04, 0.03 in the first three
    # stages and 0.008, 0.004, 0.003 later; the rate per 100 customer-days must follow that
    # order, and the first stage's rate must cover its population hazard (the baseline 0.045
    # times the mean exit HR of its entrants: segments and newsletter_open).
    r = churn_by_stage(sample.log.timeline()).set_index("stage")
    assert r["estimate"].is_monotonic_decreasing
    cf = TRUTH["closed_form"][0]
    mix = cf["segment_mix_at_entry"]
    seg = sum(mix[s] * TRUTH["segment_hr_exit"][s] for s in mix)
    nl = TRUTH["touchpoints"]["newsletter_open"]
    tp = 1 - nl["prevalence"] + nl["prevalence"] * nl["hr_exit"]
    # the rate is events over time at risk: a ratio of population averages, so compare with
    # a 15% margin for the mixing (heterogeneity) on top of the interval
    rate = 100 * 0.045 * seg * tp
    assert r.loc["awareness", "ci_low"] * 0.85 < rate < r.loc["awareness", "ci_high"] * 1.15


# ------------------------------------------------------------------ touchpoints
def test_touchpoint_hazard_ratios_recover_the_planted_effects(sample):
    # truth.json touchpoints: hr_progress and hr_exit of each (non-complement) touchpoint.
    # Found: checkout_error 0.49 [0.40, 0.59] (truth 0.5) and exit 1.63 [1.31, 2.02] (1.5);
    # delivery_late 0.60 [0.48, 0.74] (0.6) and exit 2.19 [1.68, 2.85] (2.0); chat_presales
    # 1.73 [1.54, 1.94] (1.6). All 16 true HRs lie in their 99.9% intervals and at least
    # 14 of 16 in the 95% intervals (binomial P(< 14 | 16, 0.95) = 4%).
    eff = touchpoint_effects(
        sample.durations,
        sample.exposure,
        journey=sample.journey,
        adjust=["segment"],
        reference={"segment": "value"},
    )
    eff999 = touchpoint_effects(
        sample.durations,
        sample.exposure,
        journey=sample.journey,
        adjust=["segment"],
        reference={"segment": "value"},
        level=0.999,
    )
    inside, inside999, total = 0, 0, 0
    for tp, spec in TRUTH["touchpoints"].items():
        if spec["complement_of"]:
            continue
        for outcome, key in (("progress", "hr_progress"), ("exit", "hr_exit")):
            pick = (eff["touchpoint"] == tp) & (eff["outcome"] == outcome)
            row, row999 = eff[pick].iloc[0], eff999[pick].iloc[0]
            inside += row["ci_low"] < spec[key] < row["ci_high"]
            inside999 += row999["ci_low"] < spec[key] < row999["ci_high"]
            total += 1
    assert total == 16 and inside999 == 16 and inside >= 14, inside
    e = eff.set_index(["touchpoint", "outcome"])
    for tp in ("checkout_error", "delivery_late"):
        assert (
            e.loc[(tp, "progress"), "ci_low"]
            < TRUTH["touchpoints"][tp]["hr_progress"]
            < e.loc[(tp, "progress"), "ci_high"]
        )
        assert e.loc[(tp, "progress"), "p_adjusted"] < 0.001
    # Holm: adjusted p-values are never below the raw ones
    assert (eff["p_adjusted"].dropna() >= eff["p_value"].dropna() - 1e-15).all()
    # the complement (delivery_on_time) is not adjusted for in delivery_late's model
    assert "delivery_on_time" not in e.loc[("delivery_late", "progress"), "adjusted_for"]


def _follow_up_confounded(rng, n=4000):
    """A touchpoint with no effect (HR 1) that is more common among recent customers."""
    recent = rng.random(n) < 0.5
    exposed = rng.random(n) < np.where(recent, 0.7, 0.2)
    t = rng.exponential(1 / 0.05, n)
    follow = np.where(recent, rng.uniform(0, 20, n), rng.uniform(60, 120, n))
    dur = np.minimum(t, follow)
    ids = [f"c{i}" for i in range(n)]
    d = pd.DataFrame(
        {
            "customer_id": ids,
            "from_stage": "a",
            "to_stage": "b",
            "duration": dur,
            "event": (t <= follow).astype(int),
        }
    )
    ex = pd.DataFrame({"customer_id": np.array(ids)[exposed], "stage": "b", "event": "tp", "n": 1})
    j = load_journey(
        {
            "name": "t",
            "stages": [
                {"id": "a", "events": ["a1"], "touchpoints": ["tp", "never"]},
                {"id": "b", "events": ["b1"]},
            ],
        }
    )
    return d, ex, j


def test_naive_odds_ratio_is_misled_by_customers_still_in_progress():
    # the touchpoint has no effect (true HR 1) but recent customers, who have had little time
    # to convert, meet it more often: the naive odds ratio (still-waiting = not converted) says
    # it hurts, the Cox hazard ratio (still-waiting censored) does not.
    d, ex, j = _follow_up_confounded(np.random.default_rng(5))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = touchpoint_effects(d, ex, journey=j)
    row = r[(r["touchpoint"] == "tp") & (r["outcome"] == "progress")].iloc[0]
    assert row["ci_low"] < 1.0 < row["ci_high"]
    assert row["odds_ratio_ci_high"] < 0.5
    assert row["exposed_share_converters"] < row["exposed_share_others"]


def test_touchpoint_without_exposure_and_everyone_converting():
    d, ex, j = _follow_up_confounded(np.random.default_rng(6), n=600)
    d["duration"] = np.random.default_rng(7).exponential(20, len(d))  # no effect, HR 1
    d["event"] = 1  # every customer moved on
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = touchpoint_effects(d, ex, journey=j).set_index(["touchpoint", "outcome"])
    assert r.loc[("never", "progress"), "note"] == "no customer was exposed"
    assert np.isnan(r.loc[("never", "progress"), "estimate"])
    assert r.loc[("tp", "exit"), "note"] == "no customer exited"
    # no non-converters: no odds ratio
    assert np.isnan(r.loc[("tp", "progress"), "odds_ratio_ci_low"])
    assert r.loc[("tp", "progress"), "ci_low"] < 1.0 < r.loc[("tp", "progress"), "ci_high"]


def test_touchpoints_of_the_last_stage_are_listed_not_dropped():
    d, ex, _ = _follow_up_confounded(np.random.default_rng(8), n=300)
    j = load_journey(
        {
            "name": "t",
            "stages": [
                {"id": "a", "events": ["a1"], "touchpoints": ["tp"]},
                {"id": "b", "events": ["b1"], "touchpoints": ["review"]},
            ],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = touchpoint_effects(d, ex, journey=j).set_index(["touchpoint", "outcome"])
    assert r.loc[("review", "progress"), "note"].startswith("touchpoint of the last stage")
    assert np.isnan(r.loc[("review", "exit"), "estimate"])


# ------------------------------------------------------------------ notebook
NOTEBOOK = SAMPLE_DIR.parents[1] / "notebooks" / "painpoints.ipynb"


def test_notebook_is_logic_free_parameterised_and_clean():
    import nbformat
    import papermill

    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    for c in code:
        assert not c.get("outputs") and c.get("execution_count") is None
        for line in c.source.splitlines():
            assert not line.lstrip().startswith(("def ", "class ", "for ", "while ")), line
    # the report runner passes the overview notebook's parameters: all must be declared here
    overview = set(papermill.inspect_notebook(str(NOTEBOOK.parent / "overview.ipynb")))
    assert overview <= set(papermill.inspect_notebook(str(NOTEBOOK)))


@pytest.mark.slow
def test_notebook_runs_on_the_sample_without_errors_or_warnings(tmp_path):
    import nbformat
    import papermill

    out = tmp_path / "painpoints.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"n_boot": 20},
        cwd=str(NOTEBOOK.parent),
        kernel_name="python3",
        progress_bar=False,
    )
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    streams = [o for o in outputs if o.output_type == "stream"]
    assert not [o for o in streams if o.get("name") == "stderr"], streams
    assert not [o for o in streams if "Warning" in o.get("text", "")], streams
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert html.count("vegaEmbed") >= 8
    assert "cjr-journey-map" in html and "Pain points ranked" in html
    ranked = html.split("Pain points ranked")[1]
    first_two = ranked.split("<tbody>")[1].split("</tr>")[:2]
    # the planted pain points, by the labels data/sample/report.yaml gives them
    assert {("Checkout error" in r) + 2 * ("Late delivery" in r) for r in first_two} == {1, 2}


# ------------------------------------------------------------------ exposure of a step
CHECKOUT = load_journey(
    {
        "name": "t",
        "stages": [
            {"id": "look", "events": ["view"]},
            {"id": "decide", "events": ["cart"], "touchpoints": ["err"]},
            {"id": "buy", "events": ["order"]},
            {"id": "keep", "events": ["reorder"]},
        ],
        "exits": [{"id": "lost", "events": ["bye"]}],
    }
)
#: customer -> (day, event) rows; the comment says whether the checkout error counts for
#: the step decide -> buy (it must when it happened before the step's outcome)
CHECKOUT_ROWS = {
    "p1": [(0, "view"), (1, "cart"), (2, "err"), (3, "order")],  # yes: inside the stay
    "p2": [(0, "view"), (1, "err"), (2, "order")],  # yes: decide skipped
    "p3": [(0, "view"), (1, "cart"), (3, "err"), (3, "order")],  # yes: the instant of buying
    "p4": [(0, "view"), (1, "err"), (2, "cart"), (4, "order")],  # yes: before the first cart
    "p5": [(0, "view"), (1, "cart"), (2, "order"), (3, "err")],  # no: after buying
    "p6": [(0, "view"), (1, "cart"), (2, "err"), (3, "bye")],  # yes: before the exit
    "p7": [(0, "view"), (1, "err")],  # not in the step
    "p8": [(0, "view"), (1, "cart"), (2, "err")],  # yes: still waiting
    "p9": [(0, "view"), (1, "cart"), (2, "order"), (3, "reorder"), (4, "err")],  # no: after
    **{f"q{i}": [(0, "view"), (1, "cart"), (1 + i, "order")] for i in range(1, 6)},
    "q6": [(0, "view"), (1, "cart"), (4, "bye")],
}


@pytest.fixture(scope="module")
def checkout():
    from cjresearch.engine.eventlog import EventLog
    from cjresearch.timetoevent.progression import stage_durations

    day = pd.Timestamp("2025-01-01")
    ev = pd.DataFrame(
        [(c, day + pd.Timedelta(days=t), e) for c, rows in CHECKOUT_ROWS.items() for t, e in rows],
        columns=["customer_id", "timestamp", "event"],
    )
    log = EventLog(ev, CHECKOUT, observation_end=day + pd.Timedelta(days=9))
    return SimpleNamespace(durations=stage_durations(log.timeline()), exposure=log.exposure())


def test_touchpoint_effects_count_exposure_before_the_outcome_and_report_the_rest(checkout):
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        r = touchpoint_effects(checkout.durations, checkout.exposure, journey=CHECKOUT)
    said = [str(w.message) for w in rec if w.category is RowsExcludedWarning]
    assert len(said) == 1 and "3 touchpoint events not counted" in said[0]
    assert "'err' 2 (after the outcome, 2 customers)" in said[0]
    row = r[(r["touchpoint"] == "err") & (r["outcome"] == "progress")].iloc[0]
    # p1, p2, p3, p4, p6, p8 (the old count of the stay alone found p1, p6, p8)
    assert (row["n"], row["exposed"]) == (14, 6)
    assert row["excluded_events"] == 3
    ex = pd.DataFrame(r.attrs["excluded"]).set_index("reason")
    assert ex.loc["after the outcome", "customers"] == 2  # p5, p9
    assert ex.loc["customer not in the step", "customers"] == 1  # p7: never reached decide
    # shares are named as shares: of the 11 who bought, p1-p4 were exposed; of the
    # 3 others (p6, q6 exited, p8 waiting), p6 and p8
    assert row["exposed_share_converters"] == pytest.approx(4 / 11)
    assert row["exposed_share_others"] == pytest.approx(2 / 3)
    assert row["exposed_converters"] == row["exposed_share_converters"]  # former name


def test_excess_loss_uses_the_same_exposure(checkout):
    from cjresearch.painpoints.ranking import excess_loss

    with pytest.warns(RowsExcludedWarning, match="excess loss: 3 touchpoint events"):
        r = excess_loss(checkout.durations, checkout.exposure, journey=CHECKOUT, horizon=5)
    row = r.set_index("touchpoint").loc["err"]
    assert row["exposed"] == 6 and row["excluded_events"] == 3
    assert 0 <= row["moved_on_share_exposed"] <= 1
    assert pd.concat([r, r]).attrs["excluded"] == r.attrs["excluded"]  # attrs survive concat


def test_exposed_to_without_a_stage_finds_every_customer_with_the_touchpoint(checkout):
    from cjresearch.painpoints.drilldown import exposed_to

    # p9 met it after entering the last stage: only the whole-log rows show it
    assert exposed_to(checkout.exposure, "err").tolist() == [f"p{i}" for i in range(1, 10)]
    # before entering 'buy' (or up to censoring): not p5 and p9, who met it after buying
    assert exposed_to(checkout.exposure, "err", stage="buy").tolist() == [
        "p1",
        "p2",
        "p3",
        "p4",
        "p6",
        "p7",
        "p8",
    ]
