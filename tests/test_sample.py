"""Tests of the synthetic data generator against its own known truth.

References: closed-form competing-risk probabilities h / (h + c) (stage shares),
the configured hazard ratios (Cox fits), the configured driver weights (OLS),
the sampling design (N_h / n_h) and the recorded planted personal data.
"""

from __future__ import annotations

import json
import re
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.journey.definition import load_journey
from cjresearch.sample.generator import SampleConfig, generate, write_event_log, write_sample
from cjresearch.sample.survey import RATINGS

JOURNEY = load_journey(SAMPLE_DIR / "journey.yaml")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d ]{7,}\d")


def wilson(k: int, n: int, level: float) -> tuple[float, float]:
    """Wilson score interval of k successes out of n."""
    z = stats.norm.ppf(1 - (1 - level) / 2)
    p = k / n
    mid = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return mid - half, mid + half


def outcomes(events: pd.DataFrame) -> pd.DataFrame:
    """Per customer: entry time per stage, furthest stage index, exit state and time.

    Computed directly with pandas from the event frame and the journey's event
    roles (independently of the generator's internal arrays).
    """
    roles = JOURNEY.classify_events(events["event"].unique()).table.set_index("event")
    ev = events.join(roles[["role", "state", "stage_index"]], on="event", how="inner")
    st = ev[ev["role"] == "stage"]
    entry = st.groupby(["customer_id", "stage_index"])["timestamp"].min().unstack()
    ex = (
        ev[ev["role"] == "exit"]
        .groupby("customer_id")
        .agg(exit_state=("state", "first"), exit_at=("timestamp", "min"))
    )
    out = pd.DataFrame({"furthest": entry.notna().iloc[:, ::-1].idxmax(axis=1)})
    out = out.join(entry.add_prefix("entry_")).join(ex)
    return out


def engine_outcomes(events: pd.DataFrame) -> pd.DataFrame | None:
    """The same from the event engine, when ``cjresearch.engine.eventlog`` is available."""
    try:
        from cjresearch.engine.eventlog import EventLog
    except ImportError:
        return None
    from cjresearch.core.errors import RowsExcludedWarning

    with warnings.catch_warnings():  # the ignored debug_* events are reported; expected
        warnings.simplefilter("ignore", RowsExcludedWarning)
        tl = EventLog(events, JOURNEY).timeline()
    c = tl.customers.set_index("customer_id")
    c = c[c["furthest_index"].notna()]  # customers with only exit events have no stage
    return pd.DataFrame(
        {
            "furthest": c["furthest_index"].astype(int),
            "exit_state": c["exit_state"].where(c["exit_state"].notna(), None),
        }
    )


@pytest.fixture(scope="module")
def committed():
    truth = json.loads((SAMPLE_DIR / "truth.json").read_text("utf-8"))
    customers = pd.read_csv(SAMPLE_DIR / "customers.csv", parse_dates=["acquired_at"])
    events = pd.read_parquet(SAMPLE_DIR / "events.parquet")
    survey = pd.read_csv(SAMPLE_DIR / "survey.csv", parse_dates=["date"])
    return truth, customers, events, survey


@pytest.fixture(scope="module")
def large():
    """50,000 customers observed until 2100: practically no censoring."""
    return generate(50_000, seed=7, config=SampleConfig(observation_end="2100-01-01"))


@pytest.fixture(scope="module")
def large_out(large):
    """Outcomes of the large sample without the customers with a tracking gap."""
    out = outcomes(large.events)
    return out.drop(index=list(large.truth["messiness"]["stage_gap_customers"]))


# -- determinism and the committed files --------------------------------------
def test_same_seed_same_frames_different_seed_different():
    a, b, c = generate(400, seed=11), generate(400, seed=11), generate(400, seed=12)
    for name in ("customers", "events", "survey"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
        assert not getattr(a, name).equals(getattr(c, name))
    assert a.truth == b.truth and a.truth != c.truth


def test_committed_files_match_generate(committed):
    truth, customers, events, survey = committed
    data = generate(truth["n_customers"], seed=truth["seed"])
    pd.testing.assert_frame_equal(customers, data.customers, check_dtype=False)
    pd.testing.assert_frame_equal(events, data.events)
    expected = data.survey.assign(comment=data.survey["comment"].fillna(np.nan))
    pd.testing.assert_frame_equal(survey, expected, check_dtype=False)
    # the closed-form figures come from exp/log, whose last bit depends on the processor's
    # SIMD path: equal to 1e-12, everything else exactly
    assert _equal_tree(json.loads(json.dumps(data.truth, ensure_ascii=False)), truth)


def _equal_tree(a, b, rel=1e-12):
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal_tree(a[k], b[k], rel) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal_tree(x, y, rel) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return a == pytest.approx(b, rel=rel, abs=1e-15)
    return a == b and type(a) is type(b)


def test_write_sample_round_trip(tmp_path):
    data = write_sample(tmp_path, 150, seed=4)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "events.parquet"), data.events)
    assert json.loads((tmp_path / "truth.json").read_text("utf-8"))["seed"] == 4
    assert not list(tmp_path.glob(".*tmp"))  # no temporary files left behind


def test_committed_files_follow_the_contract(committed):
    truth, customers, events, survey = committed
    assert list(customers.columns) == [
        "customer_id",
        "segment",
        "channel",
        "persona",
        "region",
        "acquired_at",
        "order_value",
    ]
    assert list(events.columns) == ["customer_id", "timestamp", "event", "channel"]
    assert list(survey.columns) == [
        "respondent_id",
        "customer_id",
        "wave",
        "date",
        "language",
        "stage",
        "touchpoint",
        "segment",
        "stratum",
        "psu",
        "weight",
        "nps",
        "csat",
        "ces",
        "overall_sat",
        *RATINGS,
        "trust_1",
        "trust_2",
        "trust_3",
        "trust_4",
        "comment",
    ]
    assert events["timestamp"].dtype == "datetime64[us]"  # Spark reads only up to microseconds
    assert events["timestamp"].max() < pd.Timestamp(truth["observation_end"])
    roles = JOURNEY.classify_events(events["event"].unique())
    assert roles.unknown == () and roles.ignored == ("debug_event",)
    assert set(survey["customer_id"]) <= set(customers["customer_id"])
    assert set(survey["stage"]) <= set(JOURNEY.stage_ids)
    assert set(survey["language"]) == {"en", "ro", "bg", "pl", "pt", "it"}
    limits = {
        "nps": (0, 10),
        "csat": (1, 5),
        "ces": (1, 7),
        "overall_sat": (1, 10),
        **{c: (1, 5) for c in RATINGS},
        **{f"trust_{i}": (1, 5) for i in range(1, 5)},
    }
    for col, (lo, hi) in limits.items():
        assert survey[col].between(lo, hi).all() and survey[col].notna().all(), col
    assert customers["customer_id"].is_unique and survey["respondent_id"].is_unique
    total = sum(p.stat().st_size for p in SAMPLE_DIR.iterdir())
    assert total < 3_000_000


def test_messiness_is_present_and_recorded(committed):
    truth, _, events, _ = committed
    mess = truth["messiness"]
    per = events.groupby("customer_id")
    only_exit = mess["exit_only_customers"]
    assert len(only_exit) > 0
    roles = JOURNEY.classify_events(events["event"].unique()).table.set_index("event")["role"]
    for cid in only_exit:
        assert (events.loc[events["customer_id"] == cid, "event"].map(roles) == "exit").all()
    assert (per.size() == 1).sum() == mess["single_event_customers"] > 0
    assert events.duplicated(["customer_id", "timestamp"]).sum() == mess["tied_timestamp_rows"] > 0
    assert (events["event"] == "debug_event").sum() == mess["debug_events"] > 0
    # tracking gaps: no event of the gap stage, but events of a later stage
    gaps = mess["stage_gap_customers"]
    assert len(gaps) > 5
    ev = events[events["customer_id"].isin(gaps)].join(
        JOURNEY.classify_events(events["event"].unique()).table.set_index("event"),
        on="event",
        how="inner",
    )
    gap_index = ev["customer_id"].map(gaps).map(JOURNEY.stage_index)
    assert not (ev["stage_index"] == gap_index).any()
    later = ev[ev["stage_index"] > gap_index].groupby("customer_id").size()
    assert set(later.index) == set(gaps)
    eng = engine_outcomes(events)
    if eng is not None:  # the engine infers the missing stage
        from cjresearch.engine.eventlog import EventLog

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            entries = EventLog(events, JOURNEY).timeline().entries
        inferred = entries[entries["inferred"]]
        pairs = set(zip(inferred["customer_id"], inferred["stage"].astype(str), strict=True))
        assert set(gaps.items()) <= pairs


def test_exposure_events_lie_inside_their_stage(committed):
    truth, _, events, _ = committed
    events = events[~events["customer_id"].isin(truth["messiness"]["stage_gap_customers"])]
    out = outcomes(events)
    roles = JOURNEY.classify_events(events["event"].unique()).table.set_index("event")
    tp = events.join(roles, on="event", how="inner").query("role == 'touchpoint'")
    for k, rows in tp.groupby("stage_index"):
        o = out.loc[rows["customer_id"]]
        assert (rows["timestamp"].to_numpy() >= o[f"entry_{k}"].to_numpy()).all()
        if k + 1 < len(JOURNEY.stages):
            nxt = o[f"entry_{k + 1}"].to_numpy()
            ok = pd.isna(nxt) | (rows["timestamp"].to_numpy() < nxt)
            assert ok.all()


# -- truth recovery -----------------------------------------------------------
def test_stage_shares_match_closed_form(large, large_out):
    """Closed-form shares inside simultaneous 95% Wilson intervals (Bonferroni)."""
    out = large_out
    eng = engine_outcomes(large.events)
    if eng is not None:  # the event engine agrees with pandas, then is used
        eng = eng.loc[out.index]
        assert (eng["furthest"] == out["furthest"]).all()
        assert (eng["exit_state"].fillna("-") == out["exit_state"].fillna("-")).all()
        out = eng
    cf = large.truth["closed_form"][:-1]
    checks = []
    for row in cf:
        k = row["stage_index"]
        at = out[out["furthest"] >= k]
        moved = int((at["furthest"] > k).sum())
        checks.append((row["p_move_on"], moved, len(at), row["stage"]))
        for e, p in row["p_exit"].items():
            if p > 0:
                k_e = int(((at["furthest"] == k) & (at["exit_state"] == e)).sum())
                checks.append((p, k_e, len(at), f"{row['stage']}->{e}"))
        # no censoring: every customer at the stage either moved on or exited
        assert ((at["furthest"] > k) | at["exit_state"].notna()).all()
    level = 1 - 0.05 / len(checks)
    for p, k_obs, n, what in checks:
        lo, hi = wilson(k_obs, n, level)
        assert lo <= p <= hi, (what, p, k_obs / n, lo, hi)


def test_baseline_customers_move_on_with_h_over_h_plus_c(large, large_out):
    out = large_out
    seg = large.customers.set_index("customer_id")["segment"]
    roles = JOURNEY.classify_events(large.events["event"].unique()).table.set_index("event")
    tp = large.events.join(roles, on="event").query("role == 'touchpoint'")
    rows = large.truth["closed_form"][:-1]
    for row in rows:
        k = row["stage_index"]
        exposed = set(
            tp.loc[(tp["stage_index"] == k) & (tp["event"] != "delivery_on_time"), "customer_id"]
        )
        at = out[
            (out["furthest"] >= k) & (seg.reindex(out.index) == "value") & ~out.index.isin(exposed)
        ]
        lo, hi = wilson(int((at["furthest"] > k).sum()), len(at), 1 - 0.05 / len(rows))
        assert lo <= row["baseline_p_move_on"] <= hi, (row["stage"], lo, hi)


TRANSITIONS = [  # (stage index, target, touchpoints of that stage in the model)
    (1, "next", ("chat_presales", "store_visit")),
    (2, "next", ("checkout_error", "price_alert")),
    (3, "next", ("delivery_late", "support_contact")),
    (3, "churned", ("delivery_late", "support_contact")),
]


@pytest.mark.parametrize("k, target, touch", TRANSITIONS)
def test_hazard_ratios_recovered_by_cause_specific_cox(large, large_out, k, target, touch):
    """Cause-specific Cox of one transition: the configured hazard ratios of the
    stage's touchpoints and of the segments lie inside simultaneous 95% intervals."""
    from lifelines import CoxPHFitter

    out = large_out
    end = pd.Timestamp(large.truth["observation_end"])
    stages = large.truth["stages"]
    at = out[out["furthest"] >= k]
    nxt = at[f"entry_{k + 1}"]
    exit_here = at["exit_at"].where(nxt.isna())
    stop = nxt.fillna(exit_here).fillna(end)
    if target == "next":
        event = nxt.notna()
        truth_to = stages[k + 1]
    else:
        event = exit_here.notna() & (at["exit_state"] == target)
        truth_to = target
    df = pd.DataFrame(
        {"T": (stop - at[f"entry_{k}"]).dt.total_seconds() / 86400, "E": event.astype(int)}
    )
    ev = large.events
    for name in touch:
        df[name] = df.index.isin(ev.loc[ev["event"] == name, "customer_id"]).astype(int)
    seg = large.customers.set_index("customer_id")["segment"].reindex(df.index)
    df["segment=premium"] = (seg == "premium").astype(int)
    df["segment=business"] = (seg == "business").astype(int)
    cph = CoxPHFitter().fit(df, "T", "E")
    truth = {
        h["covariate"]: h["hazard_ratio"]
        for h in large.truth["hazard_ratios"]
        if h["from"] == stages[k] and h["to"] == truth_to
    }
    covs = [c for c in df.columns if c not in ("T", "E")]
    z = stats.norm.ppf(1 - 0.05 / (2 * len(covs)))
    for cov in covs:
        b, se = cph.params_[cov], cph.standard_errors_[cov]
        lo, hi = np.exp(b - z * se), np.exp(b + z * se)
        assert lo <= truth[cov] <= hi, (cov, truth[cov], np.exp(b), lo, hi)


def test_driver_weights_recovered_by_ols():
    import statsmodels.api as sm

    data = generate(20_000, seed=8)
    s = data.survey
    fit = sm.OLS(
        s["overall_sat"].astype(float), sm.add_constant(s[list(RATINGS)].astype(float))
    ).fit()
    w = data.truth["survey"]["drivers"]["weights"]
    ci = fit.conf_int(alpha=0.05 / len(RATINGS))  # simultaneous 95%
    for col in RATINGS:
        assert ci.loc[col, 0] <= w[col] <= ci.loc[col, 1], (col, w[col], ci.loc[col].tolist())
    est_order = fit.params[list(RATINGS)].sort_values(ascending=False).index.tolist()
    assert est_order == data.truth["survey"]["drivers"]["order"]


def test_driver_weights_in_committed_sample(committed):
    import statsmodels.api as sm

    truth, _, _, survey = committed
    fit = sm.OLS(
        survey["overall_sat"].astype(float), sm.add_constant(survey[list(RATINGS)].astype(float))
    ).fit()
    ci = fit.conf_int(alpha=0.05 / len(RATINGS))
    w = truth["survey"]["drivers"]["weights"]
    for col in RATINGS:
        assert ci.loc[col, 0] <= w[col] <= ci.loc[col, 1], (col, w[col], ci.loc[col].tolist())


# -- survey design, verbatims, personal data ----------------------------------
def test_design_weights_sum_to_population_counts(committed):
    truth, customers, _, survey = committed
    strata = truth["survey"]["design"]["strata"]
    frame = customers[~customers["customer_id"].isin(truth["messiness"]["exit_only_customers"])]
    counts = frame["segment"].value_counts()
    sums = survey.groupby("stratum")["weight"].sum()
    sizes = survey.groupby("stratum").size()
    for h, d in strata.items():
        assert d["N_h"] == counts[h]
        assert sizes[h] == d["n_h"]
        assert sums[h] == pytest.approx(counts[h], rel=1e-12)
    fractions = sorted(d["fraction"] for d in strata.values())
    assert fractions[0] < fractions[1] < fractions[2]


def test_planted_pii_exactly_for_recorded_respondents(committed):
    truth, _, _, survey = committed
    planted = truth["survey"]["pii"]["respondents"]
    text = survey.set_index("respondent_id")["comment"].fillna("")
    emails = {r: EMAIL.findall(t) for r, t in text.items() if EMAIL.search(t)}
    phones = {r: PHONE.findall(t) for r, t in text.items() if PHONE.search(t)}
    assert set(emails) == {r for r, v in planted.items() if "email" in v}
    assert set(phones) == {r for r, v in planted.items() if "phone" in v}
    for r, v in planted.items():
        if "email" in v:
            assert emails[r] == [v["email"]]
        if "phone" in v:
            assert phones[r] == [v["phone"]]
    assert len(planted) >= 20
    langs = survey.set_index("respondent_id").loc[list(planted), "language"]
    assert langs.nunique() == 6


def test_themes_follow_the_experience(committed):
    """Late-delivery and checkout-error verbatims only from customers who had them."""
    truth, _, events, survey = committed
    themes = truth["survey"]["verbatims"]["respondent_theme"]
    s = survey.set_index("respondent_id")
    assert set(themes) == set(s.index[s["comment"].notna()])
    # a tracking gap may have dropped the event that a respondent did experience
    s = s[~s["customer_id"].isin(truth["messiness"]["stage_gap_customers"])]
    themes = {r: t for r, t in themes.items() if r in s.index}
    for theme, event in [
        ("late_delivery", "delivery_late"),
        ("checkout_error", "checkout_error"),
        ("helpful_support", "support_contact"),
    ]:
        who = [r for r, t in themes.items() if t == theme]
        assert len(who) >= 5
        cust = s.loc[who, ["customer_id", "date"]]
        first = events[events["event"] == event].groupby("customer_id")["timestamp"].min()
        had = first.reindex(cust["customer_id"]).to_numpy()
        assert (had < (cust["date"] + pd.Timedelta(days=1)).to_numpy()).all(), theme


def test_delivery_late_lowers_delivery_rating(committed):
    truth, _, events, survey = committed
    late = set(events.loc[events["event"] == "delivery_late", "customer_id"])
    had = survey["customer_id"].isin(late) & (
        survey["stage"].isin(["purchase", "loyalty", "advocacy"])
    )
    res = stats.ttest_ind(survey.loc[had, "rating_delivery"], survey.loc[~had, "rating_delivery"])
    assert truth["survey"]["ratings"]["effects"]["delivery_late"]["rating_delivery"] < 0
    assert res.statistic < 0 and res.pvalue < 0.001


# -- benchmark writer ---------------------------------------------------------
def test_write_event_log_exact_rows_and_deterministic(tmp_path):
    a = write_event_log(tmp_path / "a.parquet", n_events=30_000, seed=5, chunk_customers=1000)
    b = write_event_log(tmp_path / "b.parquet", n_events=30_000, seed=5, chunk_customers=1000)
    ea, eb = pd.read_parquet(a), pd.read_parquet(b)
    assert len(ea) == 30_000
    pd.testing.assert_frame_equal(ea, eb)
    assert list(ea.columns) == ["customer_id", "timestamp", "event", "channel"]
    assert ea["customer_id"].nunique() > 2000  # several chunks, distinct ids
    roles = JOURNEY.classify_events(ea["event"].unique())
    assert roles.unknown == ()


def test_stage_model_comes_from_the_journey():
    """A preset without events (research5): stages, exits and events follow it."""
    from cjresearch.engine.eventlog import EventLog

    data = generate(300, seed=2, journey="research5")
    assert data.truth["stages"] == ["research", "offer", "conversion", "usage", "loyalty"]
    assert [r["stage"] for r in data.truth["closed_form"]] == data.truth["stages"]
    assert set(data.survey["stage"]) <= set(data.truth["stages"])
    roles = data.journey.classify_events(data.events["event"].unique())
    assert roles.unknown == ()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        funnel = EventLog(data.events, data.journey).funnel()
    assert funnel["stage"].astype(str).tolist() == data.truth["stages"]
    # closed form of the first stage: h / (h + c) with the configured hazards
    cfg = SampleConfig()
    h, c = cfg.progress_hazard[0], cfg.exit_hazard["churned"][0]
    assert data.truth["closed_form"][0]["baseline_p_move_on"] == pytest.approx(h / (h + c))


def test_survey_stage_is_the_stage_on_the_survey_date(committed):
    """`stage` agrees with the stage entries in the event log around the survey date."""
    truth, _, events, survey = committed
    gaps = truth["messiness"]["stage_gap_customers"]
    s = survey[~survey["customer_id"].isin(gaps)]
    out = outcomes(events).loc[s["customer_id"]]
    k = s["stage"].map(JOURNEY.stage_index).to_numpy()
    day = s["date"].to_numpy()
    for j in range(len(JOURNEY.stages)):
        entry = out[f"entry_{j}"].to_numpy()
        entered_before = ~pd.isna(entry) & (entry < day)
        entered_after = pd.isna(entry) | (entry >= day + np.timedelta64(1, "D"))
        assert (k[entered_before] >= j).all()  # already there the day before
        assert (k[entered_after] < j).all()  # not there until the next day
    touch = s["touchpoint"].isin(
        JOURNEY.classify_events(events["event"].unique()).table.query("role == 'touchpoint'")[
            "event"
        ]
    )
    first = events.groupby(["customer_id", "event"])["timestamp"].min()
    seen = first.reindex(
        list(zip(s.loc[touch, "customer_id"], s.loc[touch, "touchpoint"], strict=True))
    )
    assert (seen.to_numpy() < (s.loc[touch, "date"] + pd.Timedelta(days=1)).to_numpy()).all()


def test_every_truth_key_is_documented(committed):
    truth = committed[0]
    readme = (SAMPLE_DIR / "README.md").read_text("utf-8")
    keys = [
        *truth,
        *(f"survey.{k}" for k in truth["survey"]),
        *truth["messiness"],
        *truth["closed_form"][0],
    ]
    missing = [k for k in keys if f"`{k}`" not in readme]
    assert not missing


def test_invalid_configuration_is_refused():
    from cjresearch.core.errors import DataValidationError
    from cjresearch.sample.generator import TouchpointEffect

    bad = SampleConfig(touchpoints={"checkout_error": TouchpointEffect(1.5, 0.5, 1.0)})
    with pytest.raises(DataValidationError, match="checkout_error"):
        generate(10, config=bad)
    with pytest.raises(DataValidationError, match="segment_probs"):
        generate(10, config=SampleConfig(segment_probs=(0.5, 0.5)))
    with pytest.raises(DataValidationError, match="n_customers"):
        generate(0)
