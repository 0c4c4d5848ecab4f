"""Event engine: hand-checked fixtures, file inputs, bad input, and DuckDB == Spark."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError, RowsExcludedWarning
from cjresearch.engine.backends import DuckDBBackend
from cjresearch.engine.eventlog import EventLog, build_timeline

JOURNEY = {
    "name": "fixture",
    "stages": [
        {"id": "aware", "events": ["ad"]},
        {"id": "consider", "events": ["view"], "touchpoints": ["chat"]},
        {"id": "buy", "events": ["order"], "touchpoints": ["late"]},
    ],
    "exits": [{"id": "churned", "events": ["close"]}, {"id": "lost", "events": ["lost"]}],
    "ignore_events": ["debug_*"],
}

# Each customer exercises one case the engine must get right.
ROWS = [
    # a: the plain path, with a touchpoint at the same second as a stage event
    ("a", "2025-01-01 10:00", "ad"),
    ("a", "2025-01-02 10:00", "view"),
    ("a", "2025-01-02 10:00", "chat"),
    ("a", "2025-01-05 00:00", "order"),
    # b: rows out of order in the file; skips 'consider'
    ("b", "2025-01-03 00:00", "order"),
    ("b", "2025-01-01 00:00", "ad"),
    # c: re-enters an earlier stage, then churns
    ("c", "2025-01-01 00:00", "ad"),
    ("c", "2025-01-02 00:00", "view"),
    ("c", "2025-01-03 00:00", "ad"),
    ("c", "2025-01-04 00:00", "close"),
    # d: only an exit event
    ("d", "2025-01-02 00:00", "close"),
    # e: no events after the first (plus an ignored debug event)
    ("e", "2025-01-04 00:00", "ad"),
    ("e", "2025-01-04 00:00", "debug_x"),
    # f: two stage events at the same timestamp (tie broken by journey order)
    ("f", "2025-01-06 00:00", "view"),
    ("f", "2025-01-06 00:00", "ad"),
    # g: reaches 'buy' before 'consider' is first seen (out-of-order stages), then is lost
    ("g", "2025-01-01 00:00", "order"),
    ("g", "2025-01-02 00:00", "view"),
    ("g", "2025-01-03 00:00", "lost"),
    ("g", "2025-01-03 00:00", "close"),
    # h: leaves through the second exit state
    ("h", "2025-01-02 00:00", "ad"),
    ("h", "2025-01-03 12:34:56", "lost"),
]


def fixture_events() -> pd.DataFrame:
    ev = pd.DataFrame(ROWS, columns=["customer_id", "timestamp", "event"])
    ev["timestamp"] = pd.to_datetime(ev["timestamp"], format="ISO8601")
    return ev


def make_log(events=None, **kw) -> EventLog:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        return EventLog(fixture_events() if events is None else events, JOURNEY, **kw)


@pytest.fixture(scope="module")
def log() -> EventLog:
    return make_log()


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def test_ignored_events_are_reported_not_silently_dropped():
    with pytest.warns(RowsExcludedWarning, match="1 rows excluded: events matching ignore_events"):
        log = EventLog(fixture_events(), JOURNEY)
    assert log.exclusions == [
        {"reason": "events matching ignore_events in the journey definition", "rows": 1}
    ]


def test_timeline_customers(log):
    c = log.timeline().customers.set_index("customer_id")
    assert list(c.index) == list("abcdefgh")
    assert c.loc["a", "furthest_stage"] == "buy" and pd.isna(c.loc["a", "exit_state"])
    assert c.loc["b", "furthest_stage"] == "buy"
    assert c.loc["c", "furthest_stage"] == "consider"
    assert c.loc["c", "exit_state"] == "churned" and c.loc["c", "exit_at"] == ts("2025-01-04")
    # d: only an exit event: no stage, exited, censored at the exit
    assert pd.isna(c.loc["d", "furthest_stage"]) and c.loc["d", "furthest_index"] == -1
    assert c.loc["d", "exit_state"] == "churned" and c.loc["d", "censor_at"] == ts("2025-01-02")
    # g: two exits at the same time -> the one listed first in the journey wins
    assert c.loc["g", "exit_state"] == "churned"
    assert c.loc["h", "exit_state"] == "lost" and c.loc["h", "exit_at"] == ts("2025-01-03 12:34:56")
    # not exited: censored at the observation end (the last timestamp of the log)
    assert log.observation_end == ts("2025-01-06")
    assert (c.loc[["a", "b", "e", "f"], "censor_at"] == ts("2025-01-06")).all()
    assert c["n_log_events"].to_dict() == {
        "a": 4,
        "b": 2,
        "c": 4,
        "d": 1,
        "e": 1,
        "f": 2,
        "g": 4,
        "h": 2,
    }
    assert c.loc["a", "first_seen"] == ts("2025-01-01 10:00")
    assert c["out_of_order"].to_dict() == {k: k == "g" for k in "abcdefgh"}


def test_timeline_entries(log):
    e = log.timeline().entries
    got = {(r.customer_id, r.stage): (r.entered_at, r.inferred) for r in e.itertuples()}
    assert got == {
        ("a", "aware"): (ts("2025-01-01 10:00"), False),
        ("a", "consider"): (ts("2025-01-02 10:00"), False),
        ("a", "buy"): (ts("2025-01-05"), False),
        ("b", "aware"): (ts("2025-01-01"), False),
        ("b", "consider"): (ts("2025-01-03"), True),  # skipped: entered when buying
        ("b", "buy"): (ts("2025-01-03"), False),
        ("c", "aware"): (ts("2025-01-01"), False),  # re-entry does not move first entry
        ("c", "consider"): (ts("2025-01-02"), False),
        ("e", "aware"): (ts("2025-01-04"), False),
        ("f", "aware"): (ts("2025-01-06"), False),
        ("f", "consider"): (ts("2025-01-06"), False),
        ("g", "aware"): (ts("2025-01-01"), True),
        ("g", "consider"): (ts("2025-01-01"), True),  # seen later, but was past it already
        ("g", "buy"): (ts("2025-01-01"), False),
        ("h", "aware"): (ts("2025-01-02"), False),
    }
    assert list(e["stage"].cat.categories) == ["aware", "consider", "buy"]
    assert e["stage"].cat.ordered


def test_wide_timeline(log):
    w = log.timeline().wide()
    assert list(w.columns) == ["aware", "consider", "buy"]
    assert pd.isna(w.loc["d"]).all()
    assert w.loc["b", "consider"] == ts("2025-01-03")


def test_funnel(log):
    f = log.funnel()
    assert f["stage"].tolist() == ["aware", "consider", "buy"]
    assert f["n"].tolist() == [7, 5, 3]  # d never entered a stage
    assert f["base"].tolist() == [8, 7, 5]
    assert np.allclose(f["estimate"], [7 / 8, 5 / 7, 3 / 5])
    # Wilson interval of 3/5, computed independently by statsmodels
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(3, 5, method="wilson")
    assert f.loc[2, "ci_low"] == pytest.approx(low) and f.loc[2, "ci_high"] == pytest.approx(high)
    assert f["exited"].tolist() == [1, 1, 1]  # h from aware, c from consider, g from buy
    assert f["in_progress"].tolist() == [1, 1, 2]  # e; f; a and b (censored, not lost)


def test_funnel_counts_inferred_entries(log):
    f = log.funnel()
    assert (f["definition"] == "reached").all()
    # aware: g (bought first); consider: b (skipped it) and g (seen only after buying)
    assert f["n_inferred"].tolist() == [1, 2, 0]


def test_strict_funnel_hand_checked(log):
    f = log.funnel(definition="strict")
    assert (f["definition"] == "strict").all() and (f["n_inferred"] == 0).all()
    # step 1 (an 'ad'): a b c e f h (d: only an exit; g: no ad); step 2 (a 'view' at or
    # after it): a c f (f's view at the same instant comes after its ad); step 3: a
    assert f["n"].tolist() == [6, 3, 1]
    assert f["base"].tolist() == [8, 6, 3]
    assert np.allclose(f["estimate"], [6 / 8, 3 / 6, 1 / 3])
    assert f["exited"].tolist() == [1, 1, 0]  # h; c
    assert f["in_progress"].tolist() == [2, 1, 1]  # b e; f; a
    # within one day of the ad (inclusive): a's view comes exactly one day later
    w = log.funnel(definition="strict", window=pd.Timedelta(days=1))
    assert w["n"].tolist() == [6, 3, 0]
    assert list(w.columns) == list(log.funnel().columns)


def test_strict_funnel_window_may_start_at_any_first_stage_event():
    d = pd.Timestamp("2025-01-01")
    rows = [
        ("x", 0, "ad"),
        ("x", 10, "ad"),
        ("x", 11, "view"),
        ("x", 12, "order"),
        ("y", 0, "ad"),
        ("y", 1, "view"),
        ("y", 5, "ad"),
        ("y", 6, "order"),
    ]
    ev = pd.DataFrame(
        [(c, d + pd.Timedelta(days=t), e) for c, t, e in rows],
        columns=["customer_id", "timestamp", "event"],
    )
    log = make_log(ev)
    # x: from day 0 nothing within 3 days, from day 10 all three steps; y: from day 0
    # view on day 1, order only on day 6; from day 5 no view after it
    assert log.funnel(definition="strict", window="3D")["n"].tolist() == [2, 2, 1]
    assert log.funnel(definition="strict")["n"].tolist() == [2, 2, 2]


def strict_brute_force(ev: pd.DataFrame, log: EventLog, window) -> list[int]:
    """The strict funnel by hand: every first-stage event starts a greedy walk.

    Events later than the customer's first exit are set aside first (the engine's
    default ``after_exit="exclude"``).
    """
    roles = log.roles.set_index("event")
    known = ev[ev["event"].isin(roles.index)]
    exits = known[roles.loc[known["event"], "kind"].to_numpy() == 2]
    first_exit = exits.groupby("customer_id")["timestamp"].min()
    until = known["customer_id"].map(first_exit)
    known = known[until.isna() | (known["timestamp"] <= until)]
    n_stages = len(log.journey.stage_ids)
    reach_of = {}
    for cid, g in known.groupby("customer_id"):
        stage = g[roles.loc[g["event"], "kind"].to_numpy() == 0]
        sidx = roles.loc[stage["event"], "sidx"].to_numpy()
        times = [sorted(stage["timestamp"][sidx == k]) for k in range(n_stages)]
        best = 0
        for t1 in times[0]:
            t, reach = t1, 1
            for k in range(1, n_stages):
                later = [u for u in times[k] if u >= t and (window is None or u - t1 <= window)]
                if not later:
                    break
                t, reach = later[0], reach + 1
            best = max(best, reach)
        reach_of[cid] = best
    reach = np.array(list(reach_of.values()))
    return [int((reach >= k + 1).sum()) for k in range(n_stages)]


@pytest.mark.parametrize("seed", [4, 5])
def test_strict_funnel_equals_brute_force_on_random_logs(seed):
    ev = random_log(seed, 400)  # few distinct times: many ties
    log = make_log(ev)
    for window in (None, pd.Timedelta(0), pd.Timedelta(hours=6), pd.Timedelta(days=1)):
        got = log.funnel(definition="strict", window=window)["n"].tolist()
        assert got == strict_brute_force(ev, log, window), window
    assert log.funnel(definition="strict")["n"].iloc[-1] < log.funnel()["n"].iloc[-1]


def test_funnel_bad_options(log):
    with pytest.raises(DataValidationError, match="definition='ordered' is not allowed"):
        log.funnel(definition="ordered")
    with pytest.raises(DataValidationError, match="strict funnel only"):
        log.funnel(window=pd.Timedelta(days=1))
    with pytest.raises(DataValidationError, match="not a duration"):
        log.funnel(definition="strict", window="soon")


def test_stage_transitions(log):
    t = log.stage_transitions()
    got = {(r.from_stage, r.to_stage): (r.n, r.direction) for r in t.itertuples()}
    assert got == {
        ("(start)", "aware"): (6, "start"),  # a b c e f h
        ("aware", "lost"): (1, "exit"),  # h
        ("(start)", "churned"): (1, "exit"),  # d
        ("(start)", "buy"): (1, "start"),  # g
        ("aware", "consider"): (3, "forward"),  # a c f
        ("aware", "buy"): (1, "skip"),  # b
        ("consider", "aware"): (1, "back"),  # c re-enters
        ("aware", "churned"): (1, "exit"),  # c
        ("consider", "buy"): (1, "forward"),  # a
        ("buy", "consider"): (1, "back"),  # g
        ("consider", "lost"): (1, "exit"),  # g, then
        ("consider", "churned"): (1, "exit"),  # g's second exit at the same time
    }


def test_touchpoint_transitions(log):
    t = log.touchpoint_transitions()
    got = dict(zip(zip(t["from_event"], t["to_event"], strict=True), t["n"], strict=True))
    assert got == {
        ("(start)", "ad"): 6,
        ("(start)", "close"): 1,
        ("(start)", "order"): 1,
        ("ad", "lost"): 1,  # h
        ("ad", "view"): 3,
        ("view", "chat"): 1,
        ("chat", "order"): 1,  # a (tie: stage first)
        ("ad", "order"): 1,  # b (sorted by time)
        ("view", "ad"): 1,
        ("ad", "close"): 1,  # c
        ("order", "view"): 1,
        ("view", "close"): 1,
        ("close", "lost"): 1,  # g: exits by order
    }
    assert t.groupby("from_event")["share"].sum().round(12).eq(1).all()


def test_exposure(log):
    x = log.exposure()
    got = {(r.customer_id, r.stage, r.event): (r.n, r.reached) for r in x.itertuples()}
    # a reached buy on 01-05: before it ad, view, chat once each
    assert got[("a", "buy", "chat")] == (1, True)
    assert got[("a", "consider", "ad")] == (1, True)
    assert ("a", "consider", "chat") not in got  # same second as entry: not before
    # c never bought: exposure up to censoring (its exit on 01-04), exits not counted
    assert got[("c", "buy", "ad")] == (2, False)
    assert got[("c", "buy", "view")] == (1, False)
    assert not any(k[2] == "close" for k in got)
    assert not any(k[0] == "d" for k in got)


def test_exposure_at_the_instant_of_entry_follows_journey_order_and_lists_the_whole_log(log):
    x = log.exposure()
    staged = x[x["stage"].notna()]
    got = {(r.customer_id, r.stage, r.event): r.n for r in staged.itertuples()}
    # f: ad and view at the same instant; the ad (an earlier stage) comes first
    assert got[("f", "consider", "ad")] == 1
    assert ("f", "aware", "ad") not in got  # the entering event itself is not before
    whole = x[x["stage"].isna()]
    assert whole["reached"].isna().all()
    total = {(r.customer_id, r.event): r.n for r in whole.itertuples()}
    # every non-exit event, wherever it falls: a's order (entry into the last stage),
    # c's second ad, g's view after buying
    assert total[("a", "order")] == 1 and total[("c", "ad")] == 2 and total[("g", "view")] == 1
    assert sum(total.values()) == 15  # 21 rows - 1 ignored - 5 exits (c, d, g twice, h)


def test_per_customer_observation_end():
    ev = fixture_events()
    customers = pd.DataFrame(
        {"customer_id": ["a", "e"], "observed_until": pd.to_datetime(["2025-01-05", "2025-01-04"])}
    )
    tl = make_log(ev, customers=customers).timeline()
    c = tl.customers.set_index("customer_id")
    assert c.loc["a", "censor_at"] == ts("2025-01-05")
    assert c.loc["e", "censor_at"] == ts("2025-01-04")
    assert c.loc["b", "censor_at"] == ts("2025-01-06")


def test_build_timeline_shortcut_equals_eventlog(log):
    tl = build_timeline(fixture_events(), JOURNEY)
    pd.testing.assert_frame_equal(tl.customers, log.timeline().customers)


def test_csv_and_parquet_paths_match_dataframe(tmp_path, log):
    ev = fixture_events()
    ev.to_parquet(tmp_path / "ev.parquet")
    text = ev.assign(timestamp=ev["timestamp"].dt.strftime("%Y-%m-%d %H:%M:%S"))
    text.rename(columns={"customer_id": "Client"}).to_csv(tmp_path / "ev.csv", index=False)
    for path, kw in (
        (tmp_path / "ev.parquet", {}),
        (tmp_path / "ev.csv", {"columns": {"Client": "customer_id"}}),
    ):
        other = make_log(path, **kw)
        pd.testing.assert_frame_equal(other.timeline().customers, log.timeline().customers)
        pd.testing.assert_frame_equal(other.timeline().entries, log.timeline().entries)
        pd.testing.assert_frame_equal(other.touchpoint_transitions(), log.touchpoint_transitions())


def test_timezone_offsets_are_converted_to_utc(tmp_path):
    ev = pd.DataFrame(
        {
            "customer_id": ["a", "a"],
            "timestamp": ["2025-01-01T10:00:00+02:00", "2025-01-02T00:30:00+02:00"],
            "event": ["ad", "view"],
        }
    )
    ev.to_csv(tmp_path / "tz.csv", index=False)
    c = make_log(tmp_path / "tz.csv").timeline().customers
    assert c.loc[0, "first_seen"] == ts("2025-01-01 08:00")
    assert c.loc[0, "last_seen"] == ts("2025-01-01 22:30")


# --- the two strategies (DuckDB's grouped lists, the SQL window) agree -----------


class WindowOnly(DuckDBBackend):
    """DuckDB without record batches: the SQL aggregate + window strategy."""

    record_batches = None


def assert_same_results(a: EventLog, b: EventLog) -> None:
    pd.testing.assert_frame_equal(a.timeline().customers, b.timeline().customers)
    pd.testing.assert_frame_equal(a.timeline().entries, b.timeline().entries)
    pd.testing.assert_frame_equal(a.funnel(), b.funnel())
    pd.testing.assert_frame_equal(a.stage_transitions(), b.stage_transitions())
    pd.testing.assert_frame_equal(a.touchpoint_transitions(), b.touchpoint_transitions())


@pytest.fixture(params=["lists sorted by DuckDB", "lists sorted by NumPy"])
def small_batches(request, monkeypatch):
    """Many batches of lists, so that batch edges are exercised; the lists are sorted
    by DuckDB (a log in time order) or come as DuckDB gathers them and are sorted in
    NumPy (a log customer by customer)."""
    from cjresearch.engine import scanlists as _eventscan

    monkeypatch.setattr(_eventscan, "_BATCH", 97)
    by_numpy = request.param.endswith("NumPy")
    monkeypatch.setattr(_eventscan, "_looks_grouped", lambda *a: by_numpy)


def test_lists_and_window_strategies_agree_on_the_fixtures():
    ours, other = make_log(), make_log(backend=WindowOnly())
    assert (ours._scan.strategy, other._scan.strategy) == ("lists", "window")
    assert_same_results(ours, other)
    pd.testing.assert_frame_equal(ours.exposure(), other.exposure())


def random_log(seed: int, n_customers: int) -> pd.DataFrame:
    """Shuffled rows, few distinct times (many ties), every kind of event, re-entries,
    and one customer with many events."""
    rng = np.random.default_rng(seed)
    names = np.array(["ad", "view", "chat", "order", "late", "close", "lost", "debug_x"])
    n = rng.poisson(6, n_customers) + 1
    n[7] = 400
    ids = np.repeat([f"c{i:05d}" for i in range(n_customers)], n)
    day = rng.integers(0, 12, len(ids))
    ev = pd.DataFrame(
        {
            "customer_id": ids,
            "timestamp": pd.Timestamp("2025-01-01") + pd.to_timedelta(day * 6, unit="h"),
            "event": names[
                rng.choice(len(names), len(ids), p=[0.3, 0.2, 0.1, 0.15, 0.1, 0.06, 0.04, 0.05])
            ],
        }
    )
    return ev.sample(frac=1, random_state=seed).reset_index(drop=True)


@pytest.mark.parametrize("seed", [1, 2])
def test_lists_and_window_strategies_agree_on_random_logs(seed, small_batches):
    ev = random_log(seed, 3_000)
    customers = pd.DataFrame(
        {
            "customer_id": ["c00001", "c00002"],
            "observed_until": pd.to_datetime(["2025-01-02", "2025-01-03"]),
        }
    )
    for kw in (
        {},
        {"observation_end": "2025-01-03 12:00", "late_events": "exclude"},
        {"customers": customers, "late_events": "exclude"},
    ):
        ours, window = make_log(ev, **kw), make_log(ev, backend=WindowOnly(), **kw)
        assert (ours._scan.strategy, window._scan.strategy) == ("lists", "window")
        assert ours.exclusions == window.exclusions
        assert_same_results(ours, window)
    c = ours.timeline().customers
    assert c["out_of_order"].any() and c["exit_state"].notna().any()  # the cases occurred


def test_the_order_of_the_log_decides_who_sorts_the_lists(monkeypatch):
    from cjresearch.engine import scanlists as _eventscan

    seen = []
    real = _eventscan._looks_grouped
    monkeypatch.setattr(_eventscan, "_looks_grouped", lambda *a: seen.append(real(*a)) or seen[-1])
    ev = random_log(3, 500).drop_duplicates()  # no re-scan for collapsed duplicates
    make_log(ev.sort_values("customer_id", kind="stable"))
    make_log(ev)  # shuffled, like a log in time order
    assert seen == [True, False]


def test_lists_strategy_on_the_sample_equals_the_window_strategy():
    from cjresearch.core.paths import SAMPLE_DIR

    path, journey = SAMPLE_DIR / "events.parquet", SAMPLE_DIR / "journey.yaml"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        assert_same_results(EventLog(path, journey), EventLog(path, journey, backend=WindowOnly()))


def test_far_off_dates_fall_back_to_the_window_strategy(tmp_path):
    # 9999-12-30 in microseconds times 256 overflows 64 bits: the packed keys cannot hold it
    path = write_csv(tmp_path, ["a,2025-01-01,ad", "a,9999-12-30,order", "b,2025-01-02,ad"])
    log = make_log(path)
    assert log._scan.strategy == "window"
    c = log.timeline().customers.set_index("customer_id")
    assert c.loc["a", "furthest_stage"] == "buy"
    assert c.loc["a", "last_seen"] == np.datetime64("9999-12-30", "us")


def test_more_than_256_event_names_use_the_window_strategy():
    many = [f"tp{i:03d}" for i in range(300)]
    journey = {
        "name": "wide",
        "stages": [
            {"id": "s1", "events": ["ad"], "touchpoints": many},
            {"id": "s2", "events": ["buy"]},
        ],
    }
    a = ["ad", *many, "buy"]
    ev = pd.DataFrame(
        {
            "customer_id": ["a"] * len(a) + ["b", "b"],
            "timestamp": pd.Timestamp("2025-01-01")
            + pd.to_timedelta([*range(len(a)), 0, 1], unit="h"),
            "event": [*a, "tp000", "ad"],
        }
    )
    log = EventLog(ev, journey)
    assert log._scan.strategy == "window"
    pairs = log.touchpoint_transitions().set_index(["from_event", "to_event"])["n"]
    assert pairs[("(start)", "ad")] == 1 and pairs[("ad", "tp000")] == 1
    assert pairs[("tp150", "tp151")] == 1 and pairs[("tp299", "buy")] == 1
    assert pairs[("tp000", "ad")] == 1 and pairs.sum() == len(ev)
    assert log.funnel()["n"].tolist() == [2, 1]


# --- bad input ----------------------------------------------------------------


def write_csv(tmp_path, rows, header="customer_id,timestamp,event"):
    path = tmp_path / "events.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n")
    return path


def test_missing_column_names_file_and_fix(tmp_path):
    path = write_csv(tmp_path, ["a,2025-01-01,ad"], header="client,timestamp,event")
    with pytest.raises(DataValidationError) as err:
        make_log(path)
    msg = str(err.value)
    assert "events.csv" in msg and "'customer_id' is missing" in msg
    assert "found: client, timestamp, event" in msg and "columns=" in msg


def test_empty_file(tmp_path):
    path = write_csv(tmp_path, [])
    with pytest.raises(DataValidationError, match="events.csv: the event log has no rows"):
        make_log(path)


def test_unparseable_timestamps_name_lines(tmp_path):
    path = write_csv(
        tmp_path, ["a,2025-01-01,ad", "a,yesterday,view", "b,2025-01-02,ad", "b,31/01/2025,view"]
    )
    with pytest.raises(DataValidationError) as err:
        make_log(path)
    msg = str(err.value)
    assert "column 'timestamp': 2 timestamps are missing or cannot be read" in msg
    assert "'yesterday'" in msg and "rows 3, 5" in msg and "ISO 8601" in msg


def test_mixed_time_zones(tmp_path):
    path = write_csv(
        tmp_path,
        ["a,2025-01-01T10:00:00+02:00,ad", "a,2025-01-01 11:00,view", "b,2025-01-02T09:00:00Z,ad"],
    )
    with pytest.raises(DataValidationError) as err:
        make_log(path)
    msg = str(err.value)
    assert "mixed time zones: 2 timestamps carry a UTC offset and 1 do not" in msg
    assert "rows 2, 4" in msg


def test_unknown_events_error_or_excluded_with_count(tmp_path):
    path = write_csv(
        tmp_path,
        ["a,2025-01-01,ad", "a,2025-01-02,wishlist", "b,2025-01-02,ad", "b,2025-01-03,wishlist"],
    )
    with pytest.raises(DataValidationError) as err:
        make_log(path)
    msg = str(err.value)
    assert "1 event names are not in the journey definition: 'wishlist' (2 rows)" in msg
    assert "rows 3, 5" in msg and "unknown_events='exclude'" in msg
    with pytest.warns(RowsExcludedWarning, match="2 rows excluded: events not in the journey"):
        log = EventLog(path, JOURNEY, unknown_events="exclude")
    assert log.timeline().customers["n_log_events"].tolist() == [1, 1]


def test_events_after_observation_end(tmp_path):
    path = write_csv(tmp_path, ["a,2025-01-01,ad", "a,2025-03-02,view", "b,2025-01-02,ad"])
    with pytest.raises(DataValidationError) as err:
        make_log(path, observation_end="2025-02-01")
    msg = str(err.value)
    assert "1 events are after the observation end (2025-02-01 00:00:00)" in msg
    assert "row 3" in msg
    with pytest.warns(RowsExcludedWarning, match="1 rows excluded: events after the observation"):
        log = EventLog(path, JOURNEY, observation_end="2025-02-01", late_events="exclude")
    c = log.timeline().customers
    assert c["furthest_stage"].tolist() == ["aware", "aware"]
    assert (c["censor_at"] == ts("2025-02-01")).all()


def test_missing_ids_and_events(tmp_path):
    path = write_csv(tmp_path, ["a,2025-01-01,ad", ",2025-01-02,ad"])
    with pytest.raises(DataValidationError, match=r"1 rows have no customer id \(row 3\)"):
        make_log(path)
    path = write_csv(tmp_path, ["a,2025-01-01,ad", "b,2025-01-02,"])
    with pytest.raises(DataValidationError, match=r"1 rows have no event name \(row 3\)"):
        make_log(path)


def test_bad_options():
    with pytest.raises(DataValidationError, match="unknown_events='maybe' is not allowed"):
        EventLog(fixture_events(), JOURNEY, unknown_events="maybe")


# --- DuckDB and Spark give identical results -------------------------------------


def assert_same_paths(a: EventLog, b: EventLog) -> None:
    """The ordered questions (strict funnel, paths) agree between two engines."""
    for window in (None, pd.Timedelta(days=1)):
        pd.testing.assert_frame_equal(
            a.funnel(definition="strict", window=window),
            b.funnel(definition="strict", window=window),
        )
    for by in ("stage", "event"):
        pd.testing.assert_frame_equal(
            a.common_paths(by=by, max_steps=3), b.common_paths(by=by, max_steps=3)
        )
    pd.testing.assert_frame_equal(a.repeats(), b.repeats())
    pd.testing.assert_frame_equal(a.loops(), b.loops())
    pd.testing.assert_frame_equal(a.after_dropoff(max_steps=2), b.after_dropoff(max_steps=2))


@pytest.mark.slow
@pytest.mark.xdist_group("spark")
def test_spark_backend_identical(log):
    pytest.importorskip("pyspark")
    from cjresearch.engine.backends import SparkBackend

    spark = SparkBackend()
    try:
        other = make_log(backend=spark)
        pd.testing.assert_frame_equal(other.timeline().customers, log.timeline().customers)
        pd.testing.assert_frame_equal(other.timeline().entries, log.timeline().entries)
        pd.testing.assert_frame_equal(other.funnel(), log.funnel())
        pd.testing.assert_frame_equal(other.stage_transitions(), log.stage_transitions())
        pd.testing.assert_frame_equal(other.touchpoint_transitions(), log.touchpoint_transitions())
        pd.testing.assert_frame_equal(other.exposure(), log.exposure())
        assert_same_paths(other, log)
        # and on a realistic sample log with censoring, skips and exits
        from cjresearch.core.paths import SAMPLE_DIR

        path, journey = SAMPLE_DIR / "events.parquet", SAMPLE_DIR / "journey.yaml"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RowsExcludedWarning)
            duck, sp = EventLog(path, journey), EventLog(path, journey, backend=spark)
        pd.testing.assert_frame_equal(sp.timeline().customers, duck.timeline().customers)
        pd.testing.assert_frame_equal(sp.timeline().entries, duck.timeline().entries)
        pd.testing.assert_frame_equal(sp.stage_transitions(), duck.stage_transitions())
        pd.testing.assert_frame_equal(sp.touchpoint_transitions(), duck.touchpoint_transitions())
        assert_same_paths(sp, duck)
    finally:
        spark.spark.stop()


# --- ids, duplicates, events after the exit, far-future rows, unreadable files ----------

ID_JOURNEY = {
    "name": "ids",
    "stages": [{"id": "seen", "events": ["ad"]}, {"id": "bought", "events": ["buy"]}],
}


def ids_of(log: EventLog) -> list[str]:
    return log.timeline().customers["customer_id"].tolist()


def test_ids_are_the_same_text_on_every_path(tmp_path):
    from cjresearch.inputs.surveys import read_customers
    from cjresearch.inputs.tables import read_table

    # an integer id in a DataFrame / Parquet, a float id (pandas made ints floats), text ids
    ts_ = pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03"])
    ints = pd.DataFrame(
        {"customer_id": [101, 101, 7], "timestamp": ts_, "event": ["ad", "buy", "ad"]}
    )
    floats = ints.assign(customer_id=[101.0, 101.0, 7.0])
    ints.to_parquet(tmp_path / "ints.parquet")
    floats.to_parquet(tmp_path / "floats.parquet")
    (tmp_path / "text.csv").write_text(
        "customer_id,timestamp,event\n101,2025-01-01,ad\n 101 ,2025-01-02,buy\n007,2025-01-03,ad\n"
    )
    (tmp_path / "floats.csv").write_text(
        "customer_id,timestamp,event\n101.0,2025-01-01,ad\n"
        "101.0,2025-01-02,buy\n7.0,2025-01-03,ad\n"
    )
    expected = ["101", "7"]
    for source in (
        ints,
        floats,
        tmp_path / "ints.parquet",
        tmp_path / "floats.parquet",
        tmp_path / "floats.csv",
    ):
        for backend in ("duckdb", WindowOnly()):
            assert ids_of(EventLog(source, ID_JOURNEY, backend=backend)) == expected, source
    for backend in ("duckdb", WindowOnly()):
        log = EventLog(tmp_path / "text.csv", ID_JOURNEY, backend=backend)
        assert ids_of(log) == ["007", "101"]  # leading zeros kept, spaces trimmed
        assert log.funnel()["n"].tolist() == [2, 1]
    # the CRM read by the readers gives the same text: the merge works
    (tmp_path / "crm.csv").write_text("Client,segment\n101,a\n7,b\n")
    crm = read_customers(tmp_path / "crm.csv", columns={"Client": "customer_id"})
    table = read_table(tmp_path / "crm.csv", columns={"Client": "customer_id"})
    tl = EventLog(ints, ID_JOURNEY).timeline().customers
    for frame in (crm, table):
        merged = tl.merge(frame, on="customer_id", how="left")
        assert merged["segment"].astype(str).tolist() == ["a", "b"]


def test_ambiguous_and_blank_ids_are_refused_on_every_path(tmp_path):
    (tmp_path / "amb.csv").write_text(
        "customer_id,timestamp,event\n1,2025-01-01,ad\n2,2025-01-02,ad\n1.0,2025-01-03,buy\n"
    )
    (tmp_path / "blank.csv").write_text(
        "customer_id,timestamp,event\n1,2025-01-01,ad\n  ,2025-01-02,ad\n"
    )
    amb = pd.DataFrame(
        {
            "customer_id": ["1", "2", "1.0"],
            "timestamp": pd.to_datetime(["2025-01-01"] * 3),
            "event": ["ad"] * 3,
        }
    )
    for backend in ("duckdb", WindowOnly()):
        for source in (tmp_path / "amb.csv", amb):
            with pytest.raises(DataValidationError) as err:
                EventLog(source, ID_JOURNEY, backend=backend)
            msg = str(err.value)
            assert "column 'customer_id'" in msg and "'1' / '1.0'" in msg
            if not isinstance(source, pd.DataFrame):
                assert "rows 2, 4" in msg
        for source in (tmp_path / "blank.csv", amb.assign(customer_id=["1", " ", "2"])):
            with pytest.raises(DataValidationError, match="1 rows have no customer id"):
                EventLog(source, ID_JOURNEY, backend=backend)
    with pytest.raises(DataValidationError, match=r"no customer id \(row 3\)"):
        EventLog(tmp_path / "blank.csv", ID_JOURNEY)


def test_the_sql_id_rule_equals_the_pandas_and_arrow_rules():
    import pyarrow as pa

    from cjresearch.inputs.ids import id_sql, normalize_arrow, normalize_ids

    b = DuckDBBackend()
    text = [" 00101", "101.0", "-3.00", "0.0", "00.0", "1.5", "x.0", " ", "", None, "a b", "\t7\n"]
    floats = [101.0, -3.0, 0.0, np.nan, 1e17]
    ints = [101, -3, 0, 123456789012]
    for values in (text, floats, ints):
        frame = pd.DataFrame({"v": values})
        b.register_frame("ids_t", frame)
        kind = (
            b.column_types("ids_t")["V"]
            if "V" in b.column_types("ids_t")
            else b.column_types("ids_t")["v"]
        )
        sql = b.query(f"SELECT {id_sql(b, 'v', kind)} AS id FROM ids_t")["id"]
        ours = normalize_ids(frame["v"], source="t", column="v")
        assert [None if pd.isna(v) else v for v in sql] == ours.tolist(), values
    assert (
        normalize_arrow(pa.array(text)).to_pylist()
        == normalize_ids(pd.Series(text), source="t", column="v").tolist()
    )
    assert normalize_ids(pd.Series(text), source="t", column="v").tolist() == [
        "00101",
        "101",
        "-3",
        "0",
        "00.0",
        "1.5",
        "x.0",
        None,
        None,
        None,
        "a b",
        "7",
    ]


def test_float_ids_with_decimals_are_refused(tmp_path):
    ev = pd.DataFrame(
        {
            "customer_id": [1.5, 2.0],
            "timestamp": pd.to_datetime(["2025-01-01"] * 2),
            "event": ["ad", "ad"],
        }
    )
    ev.to_parquet(tmp_path / "f.parquet")
    for source in (ev, tmp_path / "f.parquet"):
        with pytest.raises(DataValidationError, match="numbers with decimals .e.g. 1.5"):
            EventLog(source, ID_JOURNEY)


DUP_ROWS = [
    "a,2025-01-01,ad,web",
    "a,2025-01-01,ad,web",
    "a,2025-01-02,buy,web",
    "a,2025-01-02,buy,app",
    "b,2025-01-01,ad,web",
    "b,2025-01-01,ad,web",
    "b,2025-01-01,ad,web",
]


@pytest.mark.parametrize("backend", ["duckdb", "window"])
def test_exact_duplicates_are_collapsed_and_counted(tmp_path, backend):
    path = write_csv(tmp_path, DUP_ROWS, header="customer_id,timestamp,event,channel")
    be = WindowOnly() if backend == "window" else "duckdb"
    with pytest.warns(RowsExcludedWarning, match="3 rows excluded: exact duplicate rows"):
        log = EventLog(path, ID_JOURNEY, backend=be)
    assert {
        "reason": "exact duplicate rows collapsed (the same value in every column)",
        "rows": 3,
    } in log.exclusions
    # a: ad once, buy twice (web and app differ: not duplicates); b: ad once
    assert log.timeline().customers["n_log_events"].tolist() == [3, 1]
    pairs = log.touchpoint_transitions().set_index(["from_event", "to_event"])["n"]
    assert pairs.to_dict() == {("(start)", "ad"): 2, ("ad", "buy"): 1, ("buy", "buy"): 1}
    x = log.exposure()
    assert x[(x["customer_id"] == "a") & (x["stage"] == "bought")]["n"].tolist() == [1]
    with pytest.raises(DataValidationError) as err:
        EventLog(path, ID_JOURNEY, backend=be, duplicates="error")
    assert "3 rows repeat another row exactly" in str(err.value)
    assert "rows 3, 7, 8" in str(err.value) and "duplicates='collapse'" in str(err.value)


ORDER_JOURNEY = {
    "name": "orders",
    "stages": [
        {"id": "purchase", "events": ["purchase"]},
        {"id": "approved", "events": ["approved"]},
        {"id": "shipped", "events": ["shipped"]},
        {"id": "delivered", "events": ["delivered", "review_posted"]},
    ],
    "exits": [{"id": "cancelled", "events": ["cancelled"]}],
}
ORDER_ROWS = [
    "o1,2025-01-01,purchase",
    "o1,2025-01-02,cancelled",
    "o1,2025-01-09,review_posted",
    "o2,2025-01-01,purchase",
    "o2,2025-01-02,approved",
    "o2,2025-01-03,shipped",
    "o2,2025-01-04,delivered",
    # o3: a stage event at the very instant of the exit stays (not after it)
    "o3,2025-01-01,purchase",
    "o3,2025-01-05,approved",
    "o3,2025-01-05,cancelled",
    "o3,2025-01-06,shipped",
]


@pytest.mark.parametrize("backend", ["duckdb", "window"])
def test_events_after_the_exit_are_set_aside(tmp_path, backend):
    path = write_csv(tmp_path, ORDER_ROWS)
    be = WindowOnly() if backend == "window" else "duckdb"
    with pytest.warns(RowsExcludedWarning, match="2 rows excluded: events after the customer's"):
        log = EventLog(path, ORDER_JOURNEY, backend=be)
    c = log.timeline().customers.set_index("customer_id")
    assert c["furthest_stage"].astype(str).to_dict() == {
        "o1": "purchase",
        "o2": "delivered",
        "o3": "approved",
    }
    assert c["n_log_events"].to_dict() == {"o1": 2, "o2": 4, "o3": 3}
    assert log.funnel()["n"].tolist() == [3, 2, 1, 1]
    moves = log.stage_transitions()
    assert (
        not (moves["from_stage"] == "approved").any()
        or moves.set_index(["from_stage", "to_stage"])["n"].get(("approved", "shipped")) == 1
    )
    pairs = log.touchpoint_transitions()
    assert not pairs["from_event"].isin(["cancelled"]).any()
    # today's behaviour, on request: the review after the cancellation counts as delivered
    kept = EventLog(path, ORDER_JOURNEY, backend=be, after_exit="keep")
    assert (
        kept.timeline().customers.set_index("customer_id").loc["o1", "furthest_stage"]
        == "delivered"
    )
    with pytest.raises(DataValidationError) as err:
        EventLog(path, ORDER_JOURNEY, backend=be, after_exit="error")
    assert "2 events come after their customer's exit" in str(err.value)
    assert "rows 4, 12" in str(err.value)


@pytest.mark.parametrize("seed", [3])
def test_lists_and_window_agree_on_duplicates_and_exits(seed, small_batches):
    ev = random_log(seed, 2_000)
    ev = pd.concat([ev, ev.iloc[::7]], ignore_index=True).sample(frac=1, random_state=seed)
    for kw in ({}, {"after_exit": "keep"}, {"after_exit": "exclude", "duplicates": "collapse"}):
        ours, window = make_log(ev, **kw), make_log(ev, backend=WindowOnly(), **kw)
        assert ours.exclusions == window.exclusions
        assert any("duplicate" in e["reason"] for e in ours.exclusions)
        assert_same_results(ours, window)
        pd.testing.assert_frame_equal(ours.exposure(), window.exposure())
    assert any("exit" in e["reason"] for e in ours.exclusions)


def test_far_future_rows_are_found(tmp_path):
    rows = [f"c{i},2024-{1 + i % 12:02d}-{1 + i % 27:02d},ad" for i in range(40)]
    last = max(pd.Timestamp(r.split(",")[1]) for r in rows)
    path = write_csv(tmp_path, [*rows[:20], "c3,2099-01-01,buy", *rows[20:]])
    for be in ("duckdb", WindowOnly()):
        with pytest.raises(DataValidationError) as err:
            EventLog(path, ID_JOURNEY, backend=be)
        msg = str(err.value)
        assert "1 events lie far after the rest of the log (2099-01-01 00:00:00" in msg
        assert "row 22" in msg and "observation_end" in msg and "late_events='exclude'" in msg
        with pytest.warns(RowsExcludedWarning, match="1 rows excluded: events far after"):
            log = EventLog(path, ID_JOURNEY, backend=be, late_events="exclude")
        assert log.observation_end == last
        assert log.funnel()["n"].tolist() == [40, 0]
    # a log that simply goes on, and an explicit observation end, are not questioned
    assert EventLog(write_csv(tmp_path, rows), ID_JOURNEY).observation_end == last
    log = EventLog(path, ID_JOURNEY, observation_end="2100-01-01")
    assert log.observation_end == ts("2100-01-01")


def test_after_observation_end_is_the_old_name_of_late_events(tmp_path):
    path = write_csv(tmp_path, ["a,2025-01-01,ad", "a,2025-03-02,ad", "b,2025-01-02,ad"])
    with pytest.warns(DeprecationWarning, match="late_events"):
        log = make_log(path, observation_end="2025-02-01", after_observation_end="exclude")
    assert log.exclusions[-1] == {"reason": "events after the observation end", "rows": 1}


@pytest.mark.bad_input
@pytest.mark.parametrize(
    "content,expected",
    [
        (b"customer_id,timestamp,event\n\xe9a,2025-01-01,ad\n", "not UTF-8"),
        (bytes(range(256)) * 20, "not UTF-8"),
        (b"", "the file is empty"),
        (b"\n\r\n  \n", "the file is empty (no header"),  # was "missing (found: column0)"
        (b"customer_id,timestamp,event\n", "the file is empty"),
    ],
)
def test_unreadable_csv_files_name_the_file_and_the_fix(tmp_path, content, expected):
    path = tmp_path / "events.csv"
    path.write_bytes(content)
    with pytest.raises(DataValidationError) as err:
        EventLog(path, ID_JOURNEY)
    assert str(err.value).startswith("events.csv") and expected in str(err.value)


def test_a_bad_line_deep_in_the_csv_is_reported_with_its_line(tmp_path):
    lines = [f"c{i},2025-01-01,ad" for i in range(30_000)]
    path = tmp_path / "events.csv"
    path.write_bytes(
        ("customer_id,timestamp,event\n" + "\n".join(lines) + "\n").encode()
        + b"caf\xe9,2025-01-02,ad\n"
    )
    with pytest.raises(DataValidationError) as err:
        EventLog(path, ID_JOURNEY)
    assert "events.csv: the file is not UTF-8" in str(err.value)
    assert "row 30002" in str(err.value) and "UTF-8" in str(err.value).split("Fix:")[1]


def test_downstream_analyses_refuse_paths_kept_after_the_exit(tmp_path):
    from cjresearch.timetoevent.durations import stage_durations
    from cjresearch.timetoevent.multistate import MultiStateModel, journey_transitions

    path = write_csv(tmp_path, ORDER_ROWS)
    kept = EventLog(path, ORDER_JOURNEY, after_exit="keep").timeline()
    for analyse in (stage_durations, journey_transitions):
        with pytest.raises(DataValidationError, match="after_exit='exclude'") as err:
            analyse(kept)
        assert "2 customers enter a stage after exiting (rows o1, o3)" in str(err.value)
    with pytest.warns(RowsExcludedWarning):
        tl = EventLog(path, ORDER_JOURNEY).timeline()
    moves = journey_transitions(tl)
    # o1 purchase -> cancelled; o3 purchase -> approved -> cancelled (same instant: kept)
    o1 = moves[moves["customer_id"] == "o1"]
    assert o1[["from_state", "to_state"]].values.tolist() == [["purchase", "cancelled"]]
    assert len(stage_durations(tl)) > 0
    MultiStateModel().fit(moves)


def test_a_log_that_thins_out_has_no_far_future_rows(tmp_path):
    # 3 years of activity, the last 1% of rows spread thinly over the final year: no hole
    rng = np.random.default_rng(5)
    days = np.concatenate([rng.integers(0, 730, 990), np.sort(rng.integers(730, 1100, 10))])
    rows = [
        f"c{i},{(pd.Timestamp('2022-01-01') + pd.Timedelta(days=int(d))).date()},ad"
        for i, d in enumerate(days)
    ]
    log = EventLog(write_csv(tmp_path, rows), ID_JOURNEY)
    assert log.observation_end == pd.Timestamp("2022-01-01") + pd.Timedelta(days=int(days.max()))
    assert log.exclusions == []


@pytest.mark.slow
@pytest.mark.xdist_group("spark")
def test_spark_agrees_on_ids_duplicates_and_exits(tmp_path):
    pytest.importorskip("pyspark")
    from cjresearch.engine.backends import SparkBackend

    spark = SparkBackend()
    try:
        orders = write_csv(tmp_path, ORDER_ROWS)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RowsExcludedWarning)
            assert_same_results(
                EventLog(orders, ORDER_JOURNEY, backend=spark), EventLog(orders, ORDER_JOURNEY)
            )
            dups = tmp_path / "dups.csv"
            dups.write_text("customer_id,timestamp,event,channel\n" + "\n".join(DUP_ROWS) + "\n")
            a, b = EventLog(dups, ID_JOURNEY, backend=spark), EventLog(dups, ID_JOURNEY)
            assert a.exclusions == b.exclusions
            assert_same_results(a, b)
        ev = pd.DataFrame(
            {
                "customer_id": [101.0, 101.0, 7.0],
                "timestamp": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03"]),
                "event": ["ad", "buy", "ad"],
            }
        )
        assert ids_of(EventLog(ev, ID_JOURNEY, backend=spark)) == ["101", "7"]
        (tmp_path / "amb.csv").write_text(
            "customer_id,timestamp,event\n 1,2025-01-01,ad\n1.0,2025-01-02,ad\n"
        )
        with pytest.raises(DataValidationError, match="'1' / '1.0'"):
            EventLog(tmp_path / "amb.csv", ID_JOURNEY, backend=spark)
    finally:
        spark.spark.stop()


def test_the_observation_end_counts_the_events_after_an_exit(tmp_path):
    # the log was observed until its last row, even if that row follows an exit
    path = write_csv(tmp_path, ORDER_ROWS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        ours = EventLog(path, ORDER_JOURNEY)
        window = EventLog(path, ORDER_JOURNEY, backend=WindowOnly())
    assert ours.observation_end == window.observation_end == ts("2025-01-09")
    assert_same_results(ours, window)
    c = ours.timeline().customers.set_index("customer_id")
    assert c.loc["o2", "censor_at"] == ts("2025-01-09")
    assert c.loc["o1", "last_seen"] == ts("2025-01-02")  # the kept events' last time


@pytest.mark.bad_input
def test_a_stage_whose_events_never_occur_is_flagged_not_shown_as_reached(tmp_path):
    """Every customer 'reaches' a stage no event of which occurs (all inferred from a later
    stage): the funnel warns, and the report's funnel says so in the report language."""
    from types import SimpleNamespace

    from cjresearch.core.errors import UnreliableEstimateWarning
    from cjresearch.core.i18n import text
    from cjresearch.report.sections import overview

    path = write_csv(tmp_path, ["a,2025-01-01,ad", "a,2025-01-02,order", "b,2025-01-01,ad"])
    log = EventLog(path, JOURNEY)  # 'view' (consider) never occurs
    with pytest.warns(UnreliableEstimateWarning, match=r"no event of stage\(s\) \['consider'\]"):
        f = log.funnel()
    row = f.set_index("stage").loc["consider"]
    assert row["n"] == row["n_inferred"] == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnreliableEstimateWarning)
        log.funnel(definition="strict")  # counts actual events only: nothing inferred

    notes: list[str] = []
    study = SimpleNamespace(
        language="ro",
        journey=log.journey,
        has=lambda what: True,
        not_measured=lambda *a: [],
        funnel=f.assign(label=["Conștientizare", "Considerare", "Cumpărare"]),
    )
    mp = pytest.MonkeyPatch()
    mp.setattr(overview, "show", lambda *a, **k: None)
    mp.setattr(overview, "table", lambda *a, **k: None)
    mp.setattr(overview, "say", lambda *a, **k: None)
    mp.setattr(overview, "note", lambda t: notes.append(t))
    try:
        overview.funnel(study)
    finally:
        mp.undo()
    assert notes == [text("stage_never_seen", "ro", stages="Considerare")]
