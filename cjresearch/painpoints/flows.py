"""The paths customers take: common paths, transitions, repeats and loops, drop-off paths, flows.

Event-level functions take an :class:`~cjresearch.engine.eventlog.EventLog` (then the
event engine computes the result in SQL, without loading the log into pandas:
:meth:`~cjresearch.engine.eventlog.EventLog.common_paths`, ``repeats``, ``loops``,
``after_dropoff``), or the event log as a pandas DataFrame (``customer_id``,
``timestamp``, ``event``) and the journey definition, with identical results.
With a DataFrame, events the journey ignores are left out (and counted in a :class:`~cjresearch.core.errors.
RowsExcludedWarning`), events it does not know are an error.  Within a
customer, events are ordered by time, then as the event engine orders them
(by stage, stage events before touchpoints, exits last, then by name).

* :func:`common_paths` -- most common stage paths or event paths, with shares;
* :func:`transition_matrix` -- the touchpoint transition matrix from
  ``EventLog.touchpoint_transitions()`` with Wilson intervals on each share;
* :func:`repeats` -- events customers repeat (checkout retried ...);
* :func:`loops` -- A -> B -> A returns;
* :func:`after_dropoff` -- what customers did in the stage they never left;
* :func:`stage_flows` -- stage-to-stage flow (Sankey-style) data from the timeline.
"""

from __future__ import annotations

import warnings
from collections import Counter
from typing import Any

import pandas as pd

from cjresearch.core.columns import BASE, CI_HIGH, CI_LOW, ESTIMATE, N
from cjresearch.core.errors import DataValidationError, RowsExcludedWarning
from cjresearch.core.stats import share_table, wilson_interval
from cjresearch.engine.eventlog import EventLog

__all__ = [
    "after_dropoff",
    "common_paths",
    "journey_events",
    "loops",
    "repeats",
    "stage_flows",
    "transition_matrix",
]

ARROW = " \u2192 "
WAITING = "(still waiting)"


def _ordered(events: pd.DataFrame, journey: Any) -> pd.DataFrame:
    """Known events with their role, sorted per customer; ignored events dropped."""
    if not isinstance(events, pd.DataFrame):
        raise DataValidationError(
            f"expected a pandas DataFrame, got {type(events).__name__}",
            source="events",
            fix="pass an EventLog, or read the log with cjresearch.inputs.tables.read_table",
        )
    if journey is None:
        raise DataValidationError(
            "the journey definition is missing",
            source="journey",
            fix="pass the journey with a DataFrame of events, or pass an EventLog",
        )
    missing = [c for c in ("customer_id", "timestamp", "event") if c not in events.columns]
    if missing:
        raise DataValidationError(
            f"missing column(s) {', '.join(missing)}",
            source="events",
            fix="map the log's columns to customer_id, timestamp, event",
        )
    for col, what in (("customer_id", "no customer id"), ("event", "no event name")):
        blank = events[col].isna() | (events[col].astype(str).str.strip() == "")
        if blank.any():
            raise DataValidationError(
                f"{int(blank.sum())} rows have {what}",
                source="events",
                column=col,
                rows=events.index[blank][:5].tolist(),
                fix="fill them in or remove those rows",
            )
    roles = journey.classify_events(events["event"].dropna().astype(str).unique())
    if roles.unknown:
        rows = events.index[events["event"].astype(str).isin(roles.unknown)][:5].tolist()
        raise DataValidationError(
            f"events the journey does not know: {list(roles.unknown)[:5]}",
            source="events",
            column="event",
            rows=rows,
            fix="add them to the journey file or to ignore_events",
        )
    repeated = events.duplicated()
    if repeated.any():  # as the engine's default duplicates="collapse"
        warnings.warn(
            f"events: {int(repeated.sum())} rows excluded: exact duplicate rows "
            "collapsed (the same value in every column)",
            RowsExcludedWarning,
            stacklevel=3,
        )
    d = events.loc[~repeated, ["customer_id", "timestamp", "event"]].copy()
    d["event"] = d["event"].astype(str)
    tab = roles.table.set_index("event")
    known = d["event"].isin(tab.index)
    if (~known).any():
        warnings.warn(
            f"events: {int((~known).sum())} rows excluded: ignored by the journey",
            RowsExcludedWarning,
            stacklevel=3,
        )
        d = d[known]
    d["customer_id"] = d["customer_id"].astype(str)
    stamps = (
        pd.to_datetime(d["timestamp"], errors="coerce", format="ISO8601")
        if not pd.api.types.is_datetime64_any_dtype(d["timestamp"])
        else d["timestamp"]
    )
    bad = stamps.isna()
    if bad.any():
        raise DataValidationError(
            f"{int(bad.sum())} timestamps are missing or cannot be read "
            f"(e.g. {d.loc[bad, 'timestamp'].iloc[0]!r})",
            source="events",
            column="timestamp",
            rows=d.index[bad][:5].tolist(),
            fix="use ISO 8601 date-times such as 2025-03-01 10:00:00, or pass an EventLog",
        )
    d["timestamp"] = stamps
    d["role"] = d["event"].map(tab["role"])
    d["state"] = d["event"].map(tab["state"])
    d["_order"] = d["event"].map(tab["code"])
    # as the engine's default after_exit="exclude": events later than the first exit
    first_exit = d[d["role"] == "exit"].groupby("customer_id")["timestamp"].min()
    until = d["customer_id"].map(first_exit)
    late = until.notna() & (d["timestamp"] > until)
    if late.any():
        warnings.warn(
            f"events: {int(late.sum())} rows excluded: events after the customer's exit",
            RowsExcludedWarning,
            stacklevel=3,
        )
        d = d[~late]
    return d.sort_values(["customer_id", "timestamp", "_order"], kind="stable").reset_index(
        drop=True
    )


def journey_events(events: pd.DataFrame, journey: Any) -> pd.DataFrame:
    """The events the journey knows, in path order, with their ``role`` and ``state``.

    Ignored events, exact duplicate rows and events later than a customer's
    first exit are dropped, as the event engine does by default (each once,
    with a :class:`~cjresearch.core.errors.RowsExcludedWarning`); pass the result
    to the other functions of this module to prepare a large log only once.

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.journey.definition import load_journey
    >>> j = load_journey({"name": "t", "stages": [{"id": "a", "events": ["a1"]}]})
    >>> ev = pd.DataFrame({"customer_id": ["x"], "timestamp": ["2025-01-01"], "event": ["a1"]})
    >>> journey_events(ev, j)[["event", "role", "state"]].values.tolist()
    [['a1', 'stage', 'a']]
    """
    return _ordered(events, journey).drop(columns="_order")


def _collapse(seq: list[str]) -> list[str]:
    return [s for i, s in enumerate(seq) if i == 0 or s != seq[i - 1]]


def _share_table(
    counts: Counter[Any], total: int, key: str, level: float, top: int | None
) -> pd.DataFrame:
    return share_table(counts, total, key, level=level, top=top)


def common_paths(
    events: pd.DataFrame | EventLog,
    journey: Any = None,
    *,
    by: str = "stage",
    top: int = 10,
    max_steps: int = 8,
    level: float = 0.95,
) -> pd.DataFrame:
    """The most common customer paths, with the share of customers taking each.

    Parameters
    ----------
    events : DataFrame or EventLog
        The log as a DataFrame (with ``journey``), or an
        :class:`~cjresearch.engine.eventlog.EventLog`: then the engine computes the
        same result (:meth:`~cjresearch.engine.eventlog.EventLog.common_paths`) and
        ``journey`` is not needed.
    by : {"stage", "event"}
        ``"stage"``: the sequence of stages and exit states each customer's
        stage events and exits pass through (touchpoints left out);
        ``"event"``: the sequence of events.  Repeats in a row are collapsed.
    top : int
        Number of paths returned.
    max_steps : int
        Longer paths are cut after this many steps and end in ``"…"``.

    Returns
    -------
    DataFrame
        ``path`` (steps joined by " → "), ``steps``, ``n`` (customers),
        ``base`` (all customers), ``estimate`` (share), ``ci_low``,
        ``ci_high`` (Wilson).

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.journey.definition import load_journey
    >>> j = load_journey({"name": "t", "stages": [{"id": "a", "events": ["a1"]},
    ...                   {"id": "b", "events": ["b1"]}]})
    >>> ev = pd.DataFrame({"customer_id": ["x", "x", "y", "z", "z"],
    ...                    "timestamp": pd.to_datetime(["2025-01-01", "2025-01-02",
    ...                        "2025-01-01", "2025-01-01", "2025-01-03"]),
    ...                    "event": ["a1", "b1", "a1", "a1", "b1"]})
    >>> common_paths(ev, j)[["path", "n"]].values.tolist()
    [['a → b', 2], ['a', 1]]
    """
    if isinstance(events, EventLog):
        return events.common_paths(by=by, top=top, max_steps=max_steps, level=level)
    if by not in ("stage", "event"):
        raise DataValidationError(f"by={by!r} is not allowed", fix="use 'stage' or 'event'")
    d = _ordered(events, journey)
    total = int(d["customer_id"].nunique())  # customers with a known event, as the engine
    if by == "stage":
        d = d[d["role"] != "touchpoint"]
        col = "state"
    else:
        col = "event"
    counts: Counter[str] = Counter()
    steps: dict[str, int] = {}
    for _, seq in d.groupby("customer_id", sort=False)[col]:
        s = _collapse(seq.tolist())
        cut = s[:max_steps] + (["\u2026"] if len(s) > max_steps else [])
        key = ARROW.join(cut)
        counts[key] += 1
        steps[key] = len(s[:max_steps])
    out = _share_table(counts, total, "path", level, top)
    out.insert(1, "steps", out["path"].map(steps).astype("int64"))
    return out


def transition_matrix(
    transitions: pd.DataFrame, *, level: float = 0.95, min_n: int = 0
) -> pd.DataFrame:
    """The touchpoint transition matrix (long form) with an interval on each share.

    ``transitions`` is ``EventLog.touchpoint_transitions()``: one row per
    consecutive pair of events.  ``estimate`` is the share of transitions out
    of ``from_event`` that go to ``to_event`` (row-normalised matrix), with a
    Wilson interval on the count of transitions out of ``from_event`` (a
    customer can contribute several transitions, so read it as approximate).

    Returns
    -------
    DataFrame
        ``from_event``, ``to_event``, ``n``, ``base``, ``estimate``,
        ``ci_low``, ``ci_high``; pairs with ``n < min_n`` are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"from_event": ["a", "a", "b"], "to_event": ["b", "c", "c"],
    ...                   "n": [3, 1, 2]})
    >>> transition_matrix(t)[["from_event", "to_event", "estimate"]].values.tolist()
    [['a', 'b', 0.75], ['a', 'c', 0.25], ['b', 'c', 1.0]]
    """
    for c in ("from_event", "to_event", "n"):
        if c not in transitions.columns:
            raise DataValidationError(
                f"missing column {c}",
                source="transitions",
                fix="pass EventLog.touchpoint_transitions() unchanged",
            )
    t = transitions.groupby(["from_event", "to_event"], as_index=False)["n"].sum()
    t[BASE] = t.groupby("from_event")["n"].transform("sum")
    t[ESTIMATE] = t["n"] / t[BASE]
    t[CI_LOW], t[CI_HIGH] = wilson_interval(
        t["n"].to_numpy(float), t[BASE].to_numpy(float), level=level
    )
    t = t[t["n"] >= min_n]
    return t.sort_values(["from_event", "to_event"]).reset_index(drop=True)


def repeats(
    events: pd.DataFrame | EventLog, journey: Any = None, *, level: float = 0.95
) -> pd.DataFrame:
    """Events customers do more than once (a checkout started again, support called twice).

    ``events`` is the log as a DataFrame (with ``journey``) or an
    :class:`~cjresearch.engine.eventlog.EventLog` (computed in the engine).

    Returns
    -------
    DataFrame
        One row per event: ``event``, ``role``, ``state``, ``base``
        (customers with the event), ``n`` (customers with it twice or more),
        ``estimate`` (share repeating) with Wilson ``ci_low``/``ci_high``,
        ``mean_times`` (occurrences per customer with the event), ``max_times``.
        Sorted by share repeating.

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.journey.definition import load_journey
    >>> j = load_journey({"name": "t", "stages": [{"id": "a", "events": ["go"]}]})
    >>> ev = pd.DataFrame({"customer_id": ["x", "x", "y"], "event": "go",
    ...                    "timestamp": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-01"])})
    >>> repeats(ev, j)[["event", "n", "base", "estimate"]].values.tolist()
    [['go', 1, 2, 0.5]]
    """
    if isinstance(events, EventLog):
        return events.repeats(level=level)
    d = _ordered(events, journey)
    per = d.groupby(["event", "customer_id"]).size().rename("k").reset_index()
    g = per.groupby("event")["k"]
    out = pd.DataFrame(
        {
            BASE: g.size(),
            N: g.apply(lambda k: int((k >= 2).sum())),
            "mean_times": g.mean(),
            "max_times": g.max(),
        }
    ).reset_index()
    out[ESTIMATE] = out[N] / out[BASE]
    out[CI_LOW], out[CI_HIGH] = wilson_interval(
        out[N].to_numpy(float), out[BASE].to_numpy(float), level=level
    )
    roles = d.drop_duplicates("event").set_index("event")
    out.insert(1, "role", out["event"].map(roles["role"]))
    out.insert(2, "state", out["event"].map(roles["state"]))
    out = out.sort_values([ESTIMATE, "event"], ascending=[False, True], kind="stable")
    return out[
        ["event", "role", "state", BASE, N, ESTIMATE, CI_LOW, CI_HIGH, "mean_times", "max_times"]
    ].reset_index(drop=True)


def loops(
    events: pd.DataFrame | EventLog, journey: Any = None, *, top: int = 10, level: float = 0.95
) -> pd.DataFrame:
    """Returns to an earlier event: ``A → B → A`` in a customer's collapsed event sequence.

    ``events`` is the log as a DataFrame (with ``journey``) or an
    :class:`~cjresearch.engine.eventlog.EventLog` (computed in the engine).

    Returns
    -------
    DataFrame
        ``loop``, ``n`` (customers with the loop at least once), ``base`` (all
        customers), ``estimate``, ``ci_low``, ``ci_high``, ``occurrences``.

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.journey.definition import load_journey
    >>> j = load_journey({"name": "t", "stages": [{"id": "a", "events": ["cart", "pay"]}]})
    >>> ev = pd.DataFrame({"customer_id": ["x"] * 3 + ["y"],
    ...     "timestamp": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-01"]),
    ...     "event": ["cart", "pay", "cart", "cart"]})
    >>> loops(ev, j)[["loop", "n", "estimate"]].values.tolist()
    [['cart → pay → cart', 1, 0.5]]
    """
    if isinstance(events, EventLog):
        return events.loops(top=top, level=level)
    d = _ordered(events, journey)
    customers: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    for _, seq in d.groupby("customer_id", sort=False)["event"]:
        s = _collapse(seq.tolist())
        found = [ARROW.join(s[i : i + 3]) for i in range(len(s) - 2) if s[i] == s[i + 2]]
        occurrences.update(found)
        customers.update(set(found))
    out = _share_table(customers, int(d["customer_id"].nunique()), "loop", level, top)
    out["occurrences"] = out["loop"].map(occurrences).fillna(0).astype("int64")
    return out


def after_dropoff(
    events: pd.DataFrame | EventLog,
    timeline: Any = None,
    *,
    stage: str | None = None,
    top: int = 10,
    max_steps: int = 6,
    level: float = 0.95,
) -> pd.DataFrame:
    """What customers did in the stage they never left, and how it ended.

    ``events`` is the log as a DataFrame, with ``timeline`` (``EventLog.
    timeline()`` of the same log), or an :class:`~cjresearch.engine.eventlog.EventLog`
    (computed in the engine; ``timeline`` is then not needed).

    For customers whose furthest stage is ``stage`` (every stage but the last
    when omitted): the collapsed sequence of their events from entering that
    stage on, and the ``outcome`` (the exit state, or "(still waiting)").

    Returns
    -------
    DataFrame
        ``stage``, ``outcome``, ``path``, ``n`` (customers), ``base``
        (customers who stopped at the stage), ``estimate`` (share),
        ``ci_low``, ``ci_high``; the ``top`` paths per stage.

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.engine.eventlog import EventLog
    >>> from cjresearch.journey.definition import load_journey
    >>> j = load_journey({"name": "t", "stages": [{"id": "a", "events": ["a1"],
    ...     "touchpoints": ["err"]}, {"id": "b", "events": ["b1"]}],
    ...     "exits": [{"id": "lost", "events": ["bye"]}]})
    >>> ev = pd.DataFrame({"customer_id": ["x", "x", "x", "y", "y"],
    ...     "timestamp": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03",
    ...                                  "2025-01-01", "2025-01-05"]),
    ...     "event": ["a1", "err", "bye", "a1", "b1"]})
    >>> r = after_dropoff(ev, EventLog(ev, j).timeline())
    >>> r[["stage", "outcome", "path", "n"]].values.tolist()
    [['a', 'lost', 'a1 → err → bye', 1]]
    """
    if isinstance(events, EventLog):
        return events.after_dropoff(stage=stage, top=top, max_steps=max_steps, level=level)
    if timeline is None:
        raise DataValidationError(
            "after_dropoff of a DataFrame needs the timeline",
            source="timeline",
            fix="pass EventLog(...).timeline(), or the EventLog itself",
        )
    journey = timeline.journey
    d = _ordered(events, journey)
    cust = timeline.customers.set_index("customer_id")
    entries = timeline.entries.assign(stage=timeline.entries["stage"].astype(str))
    last = journey.stage_ids[-1]
    stages = [stage] if stage is not None else [s for s in journey.stage_ids if s != last]
    frames = []
    for sid in stages:
        k = journey.stage_index(sid)
        who = cust.index[cust["furthest_index"] == k]
        if not len(who):
            continue
        entry = entries[(entries["stage"] == sid)].set_index("customer_id")["entered_at"]
        sub = d[d["customer_id"].isin(who.astype(str))].copy()
        sub = sub[sub["timestamp"] >= sub["customer_id"].map(entry)]
        counts: Counter[tuple[str, str]] = Counter()
        for cid, seq in sub.groupby("customer_id", sort=False)["event"]:
            s = _collapse(seq.tolist())
            path = ARROW.join(s[:max_steps] + (["\u2026"] if len(s) > max_steps else []))
            outcome = cust.loc[cid, "exit_state"]
            counts[(WAITING if pd.isna(outcome) else str(outcome), path)] += 1
        t = _share_table(counts, len(who), "_key", level, top)
        t.insert(0, "stage", sid)
        t.insert(1, "outcome", [o for o, _ in t["_key"]])
        t.insert(2, "path", [p for _, p in t["_key"]])
        frames.append(t.drop(columns="_key"))
    cols = ["stage", "outcome", "path", N, BASE, ESTIMATE, CI_LOW, CI_HIGH]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)


def stage_flows(timeline: Any, *, language: str = "en") -> pd.DataFrame:
    """Stage-to-stage flow data (for a Sankey-style chart) from the timeline.

    For every stage: the customers who entered it and where they went next:
    the next stage, each exit state, or still waiting at the end of
    observation.  The ``moved on`` count of a stage equals the customers
    entering the next stage (skipped stages count as passed through).

    Returns
    -------
    DataFrame
        ``stage``, ``stage_index``, ``label`` (in ``language``), ``target``
        (next stage id, exit id or "(still waiting)"), ``target_label``,
        ``kind`` (``"moved on"``, ``"exit"``, ``"waiting"``), ``n``, ``base``
        (customers who entered the stage), ``estimate`` (n / base).

    Examples
    --------
    >>> from cjresearch.engine.eventlog import EventLog
    >>> from cjresearch.core.paths import SAMPLE_DIR
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     tl = EventLog(SAMPLE_DIR / "events.parquet", SAMPLE_DIR / "journey.yaml").timeline()
    >>> f = stage_flows(tl)
    >>> bool((f.groupby("stage", observed=True)["estimate"].sum().round(9) == 1).all())
    True
    """
    journey = timeline.journey
    cust = timeline.customers
    reached = timeline.entries.groupby("stage_index").size()
    rows = []
    ids = journey.stage_ids
    for k, sid in enumerate(ids):
        base = int(reached.get(k, 0))
        if not base:
            continue
        stopped = cust[cust["furthest_index"] == k]

        targets: list[tuple[str, str, str, int]] = []
        if k + 1 < len(ids):
            targets.append(
                (
                    ids[k + 1],
                    journey.label(ids[k + 1], language),
                    "moved on",
                    int(reached.get(k + 1, 0)),
                )
            )
        targets += [
            (e, journey.label(e, language), "exit", int((stopped["exit_state"] == e).sum()))
            for e in journey.exit_ids
        ]
        targets.append((WAITING, WAITING, "waiting", int(stopped["exit_state"].isna().sum())))
        rows += [
            {
                "stage": sid,
                "stage_index": k,
                "label": journey.label(sid, language),
                "target": t,
                "target_label": lab,
                "kind": kind,
                N: n,
                BASE: base,
            }
            for t, lab, kind, n in targets
        ]
    out = pd.DataFrame(rows)
    out[ESTIMATE] = out[N] / out[BASE]
    return out
