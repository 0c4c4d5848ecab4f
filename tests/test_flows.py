"""Tests of cjresearch.painpoints.flows on hand-checked logs and the sample generator's truth."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError, RowsExcludedWarning
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.engine.eventlog import EventLog
from cjresearch.journey.definition import load_journey
from cjresearch.painpoints.flows import (
    after_dropoff,
    common_paths,
    loops,
    repeats,
    stage_flows,
    transition_matrix,
)

TRUTH = json.loads((SAMPLE_DIR / "truth.json").read_text())
J = load_journey(
    {
        "name": "t",
        "stages": [
            {"id": "look", "events": ["view"], "touchpoints": ["chat"]},
            {"id": "buy", "events": ["cart", "pay"], "touchpoints": ["pay_error"]},
            {"id": "keep", "events": ["reorder"]},
        ],
        "exits": [{"id": "lost", "events": ["bye"]}],
        "ignore_events": ["debug_*"],
    }
)


def _log(rows):
    return pd.DataFrame(rows, columns=["customer_id", "timestamp", "event"]).assign(
        timestamp=lambda d: pd.to_datetime(d["timestamp"])
    )


HAND = _log(
    [
        ("a", "2025-01-01", "view"),
        ("a", "2025-01-02", "cart"),
        ("a", "2025-01-03", "pay_error"),
        ("a", "2025-01-04", "cart"),
        ("a", "2025-01-05", "pay"),
        ("a", "2025-01-09", "reorder"),
        ("b", "2025-01-01", "view"),
        ("b", "2025-01-02", "chat"),
        ("b", "2025-01-03", "bye"),
        ("c", "2025-01-01", "view"),
        ("c", "2025-01-02", "cart"),
        ("c", "2025-01-03", "pay_error"),
        ("c", "2025-01-04", "cart"),
        ("c", "2025-01-05", "pay_error"),
        ("c", "2025-01-06", "bye"),
        ("d", "2025-01-01", "view"),
        ("d", "2025-01-01", "debug_x"),
    ]
)


def test_common_paths_hand_checked():
    with pytest.warns(RowsExcludedWarning, match="1 rows excluded"):
        p = common_paths(HAND, J)
    # stage paths: a look→buy→keep; b look→lost; c look→buy→lost; d look
    assert dict(zip(p["path"], p["n"], strict=True)) == {
        "look → buy → keep": 1,
        "look → lost": 1,
        "look → buy → lost": 1,
        "look": 1,
    }
    assert (p["base"] == 4).all() and p["estimate"].sum() == pytest.approx(1.0)
    with pytest.warns(RowsExcludedWarning):
        e = common_paths(HAND, J, by="event", max_steps=3)
    assert "view → cart → pay_error → …" in set(e["path"])
    assert e.set_index("path").loc["view → cart → pay_error → …", "n"] == 2


def test_repeats_and_loops_find_the_retried_checkout():
    with pytest.warns(RowsExcludedWarning):
        r = repeats(HAND, J).set_index("event")
    # cart: a twice, c twice -> 2 of 2; pay_error: c twice, a once -> 1 of 2
    assert (r.loc["cart", "n"], r.loc["cart", "base"], r.loc["cart", "estimate"]) == (2, 2, 1.0)
    assert r.loc["pay_error", "estimate"] == 0.5 and r.loc["pay_error", "max_times"] == 2
    assert r.loc["cart", "role"] == "stage" and r.loc["pay_error", "state"] == "buy"
    with pytest.warns(RowsExcludedWarning):
        lp = loops(HAND, J).set_index("loop")
    # a: cart → pay_error → cart; c: the same twice over (cart pe cart pe)
    assert lp.loc["cart → pay_error → cart", "n"] == 2
    assert lp.loc["pay_error → cart → pay_error", "occurrences"] == 1
    assert lp.loc["cart → pay_error → cart", "estimate"] == pytest.approx(2 / 4)


def test_transition_matrix_rows_sum_to_one_and_intervals_are_wilson():
    with pytest.warns(RowsExcludedWarning):
        log = EventLog(HAND, J)
    t = transition_matrix(log.touchpoint_transitions())
    assert t.groupby("from_event")["estimate"].sum().round(12).eq(1).all()
    row = t[(t["from_event"] == "cart") & (t["to_event"] == "pay_error")].iloc[0]
    # cart is followed by pay_error 3 times out of 4 (a once, c twice; a's other is pay);
    # Wilson 95% interval for 3/4 by hand: (0.75 + z^2/8 -+ z sqrt(3/64 + z^2/64)) / (1 + z^2/4)
    assert (row["n"], row["base"]) == (3, 4)
    assert row["ci_low"] == pytest.approx(0.30064, abs=1e-4)
    assert row["ci_high"] == pytest.approx(0.95442, abs=1e-4)


def test_after_dropoff_and_stage_flows_hand_checked():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        log = EventLog(HAND, J)
        tl = log.timeline()
        a = after_dropoff(HAND, tl)
    got = {(s, o, p): n for s, o, p, n in a[["stage", "outcome", "path", "n"]].values}
    assert got == {
        ("look", "lost", "view → chat → bye"): 1,
        ("look", "(still waiting)", "view"): 1,
        ("buy", "lost", "cart → pay_error → cart → pay_error → bye"): 1,
    }
    f = stage_flows(tl).set_index(["stage", "target"])
    assert f.loc[("look", "buy"), "n"] == 2 and f.loc[("look", "buy"), "base"] == 4
    assert f.loc[("look", "lost"), "n"] == 1 and f.loc[("look", "(still waiting)"), "n"] == 1
    assert f.loc[("buy", "keep"), "n"] == 1 and f.loc[("buy", "lost"), "n"] == 1
    assert f.loc[("keep", "(still waiting)"), "n"] == 1


def test_bad_input():
    with pytest.raises(DataValidationError, match="does not know"):
        common_paths(_log([("a", "2025-01-01", "nope")]), J)
    with pytest.raises(DataValidationError, match="missing column"):
        repeats(HAND.drop(columns="timestamp"), J)
    with pytest.raises(DataValidationError, match="by="):
        common_paths(HAND, J, by="touchpoint")


@pytest.fixture(scope="module")
def sample_events():
    from cjresearch.inputs.tables import read_table

    return read_table(SAMPLE_DIR / "events.parquet")


def test_sample_paths_match_the_generator(sample_events):
    # truth.json closed_form: a customer ends 'awareness -> lost' with probability
    # p_exit[awareness][lost] = 0.2349 and 'awareness -> consideration -> lost' with
    # p_move_on[awareness] * p_exit[consideration][lost] = 0.7358 * 0.2532 = 0.1863 (censoring
    # cuts a few paths short). Found 0.244 [0.229, 0.260] and 0.184 [0.171, 0.199].
    j = load_journey(SAMPLE_DIR / "journey.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        p = common_paths(sample_events, j).set_index("path")
    cf = {c["stage"]: c for c in TRUTH["closed_form"]}
    expected = {
        "awareness → lost": cf["awareness"]["p_exit"]["lost"],
        "awareness → consideration → lost": cf["awareness"]["p_move_on"]
        * cf["consideration"]["p_exit"]["lost"],
    }
    for path, prob in expected.items():
        assert p.loc[path, "ci_low"] < prob < p.loc[path, "ci_high"], path


def test_sample_flows_agree_with_the_funnel(sample_events):
    j = load_journey(SAMPLE_DIR / "journey.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        log = EventLog(sample_events, j)
    f = stage_flows(log.timeline())
    funnel = log.funnel().set_index("stage")
    moved = f[f["kind"] == "moved on"].set_index("target")["n"]
    for stage, n in moved.items():
        assert n == funnel.loc[stage, "n"]
    assert (
        f.groupby("stage")["n"].sum().to_dict()
        == f.drop_duplicates("stage").set_index("stage")["base"].to_dict()
    )


# --- the engine computes the same paths (flows functions given an EventLog) ----------


def _engine_and_pandas(events, journey, log):
    """(function name, pandas result, engine result) for every path function."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        tl = log.timeline()
        for name, f, kw in (
            ("common_paths", common_paths, {}),
            ("common_paths", common_paths, {"top": 50, "max_steps": 3}),
            ("common_paths", common_paths, {"by": "event", "top": 40}),
            ("common_paths", common_paths, {"by": "event", "top": 500, "max_steps": 4}),
            ("repeats", repeats, {}),
            ("loops", loops, {"top": 30}),
        ):
            yield f"{name} {kw}", f(events, journey, **kw), f(log, **kw)
        for kw in ({}, {"top": 50, "max_steps": 3}):
            yield f"after_dropoff {kw}", after_dropoff(events, tl, **kw), after_dropoff(log, **kw)


def _assert_engine_equals_pandas(events, journey, log):
    for what, pandas_result, engine_result in _engine_and_pandas(events, journey, log):
        assert len(pandas_result), what
        pd.testing.assert_frame_equal(engine_result, pandas_result, obj=what)


def test_engine_paths_equal_pandas_on_the_hand_checked_log():
    # z's only event is ignored: z is no customer of the analysis (base 4, not 5)
    events = pd.concat([HAND, _log([("z", "2025-01-01", "debug_y")])], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        log = EventLog(events, J)
        assert common_paths(events, J)["base"].iloc[0] == 4
    _assert_engine_equals_pandas(events, J, log)
    one = after_dropoff(log, stage="buy")
    assert one["path"].tolist() == ["cart → pay_error → cart → pay_error → bye"]


def test_engine_paths_equal_pandas_on_the_sample(sample_events):
    j = load_journey(SAMPLE_DIR / "journey.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        log = EventLog(SAMPLE_DIR / "events.parquet", j)
    _assert_engine_equals_pandas(sample_events, j, log)


def test_engine_paths_equal_pandas_on_a_shuffled_random_log():
    # few distinct times (many ties, ordered by journey order), every kind of event
    rng = np.random.default_rng(21)
    names = np.array(["view", "chat", "cart", "pay", "pay_error", "reorder", "bye", "debug_x"])
    n = rng.poisson(5, 600) + 1
    ids = np.repeat([f"c{i:04d}" for i in range(600)], n)
    ev = pd.DataFrame(
        {
            "customer_id": ids,
            "timestamp": pd.Timestamp("2025-01-01")
            + pd.to_timedelta(rng.integers(0, 10, len(ids)) * 6, unit="h"),
            "event": names[
                rng.choice(len(names), len(ids), p=[0.25, 0.1, 0.2, 0.1, 0.15, 0.1, 0.05, 0.05])
            ],
        }
    )
    ev = ev.sample(frac=1, random_state=21).reset_index(drop=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        log = EventLog(ev, J)
    _assert_engine_equals_pandas(ev, J, log)


def test_unreadable_timestamp_is_a_clear_error_in_the_pandas_path():
    bad = HAND.assign(timestamp=HAND["timestamp"].astype(str))
    bad.loc[3, "timestamp"] = "yesterday"
    with (
        pytest.raises(DataValidationError, match=r"column 'timestamp'.*'yesterday'.*row 3"),
        pytest.warns(RowsExcludedWarning),
    ):
        repeats(bad, J)
    with pytest.raises(DataValidationError, match=r"column 'customer_id': 1 rows have no customer"):
        loops(HAND.assign(customer_id=HAND["customer_id"].where(HAND.index != 2)), J)
    with pytest.raises(DataValidationError, match=r"column 'event': 1 rows have no event name"):
        loops(HAND.assign(event=HAND["event"].where(HAND.index != 4)), J)
    with pytest.raises(DataValidationError, match="journey definition is missing"):
        loops(HAND)
    with pytest.raises(DataValidationError, match="needs the timeline"):
        after_dropoff(HAND)
