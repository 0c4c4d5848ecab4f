"""Ordered questions about each customer's sequence of events, in SQL on the engine.

Everything here reads the engine's compact table of valid events (integer
columns ``h`` customer hash, ``ts`` microseconds, ``code`` event code, ``kind``
0 stage / 1 touchpoint / 2 exit, ``sidx`` stage or exit index) and returns
small frames of counts; :class:`cjresearch.engine.eventlog.EventLog` turns them into
the tidy results.  Within a customer, events are ordered by time, then by
code (journey order), as everywhere in the engine.  The SQL is the subset
that DuckDB and Spark share, except for one spelling (:func:`_ordered_join`).

* :func:`strict_reach` -- the ordered (strict) funnel: how far each customer
  gets through the stages in order, within a window;
* :func:`common_paths` (from :func:`path_counts`) -- customers per collapsed
  stage or event path;
* :func:`repeats` (:func:`repeat_counts`) -- per event, customers with it
  once, twice or more;
* :func:`loops` (:func:`loop_counts`) -- ``A → B → A`` returns in the
  collapsed event sequence;
* :func:`after_dropoff` (:func:`dropoff_paths`) -- the path from entering
  the furthest stage on.

The frames equal those of :mod:`cjresearch.painpoints.flows` on a DataFrame (tested).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core import columns as C
from cjresearch.core.errors import DataValidationError
from cjresearch.core.stats import share_table, wilson_interval

ARROW = " \u2192 "
MORE = "\u2026"
WAITING = "(still waiting)"
_ORDER = "PARTITION BY h ORDER BY ts, code"
#: exit indexes packed into the low bits of a timestamp (as in the SQL scan)
_EXIT_SLOTS = 64


def _ordered_join(b: Any, value: str, order: str, keep: str) -> str:
    """SQL aggregate joining ``value`` with " → " in ``order`` over rows where ``keep``."""
    sep = ARROW.replace("'", "''")
    if getattr(b, "name", "") == "spark":
        return (
            f"array_join(transform(array_sort(collect_list(CASE WHEN {keep} THEN "
            f"named_struct('o', {order}, 'v', {value}) END)), x -> x.v), '{sep}')"
        )
    return f"string_agg({value}, '{sep}' ORDER BY {order}) FILTER (WHERE {keep})"


def strict_reach(b: Any, compact: str, *, n_stages: int, window_us: int | None) -> pd.DataFrame:
    """Customers by the number of stages passed in order, and whether they exited.

    A sequence starts at an event of the first stage at time t1 and takes,
    stage after stage, the earliest event of stage k at or after the event
    taken for stage k - 1 (events at the same instant are in journey order,
    so a later stage's event at that instant comes after).  With a window,
    every event taken must lie within ``window_us`` of t1, and every event of
    the first stage may start a sequence: the customer's ``reach`` is the
    furthest any of them gets.  (Taking the earliest next event is optimal
    for a given start; without a window the first start reaches furthest.)

    Returns columns ``reach`` (1 to ``n_stages``), ``exited`` (the customer
    has an exit event) and ``n`` (customers); customers without an event of
    the first stage are not listed.
    """
    stage0 = f"FROM {compact} WHERE kind = 0 AND sidx = 0"
    if window_us is None:
        start = f"SELECT h, min(ts) AS t0 {stage0} GROUP BY h"
        within = ""
    else:
        start = f"SELECT DISTINCT h, ts AS t0 {stage0}"
        within = f" AND e.ts <= s.t0 + {int(window_us)}"
    ctes = [f"s0 AS (SELECT h, t0, t0 AS t FROM ({start}) AS x)"]
    for k in range(1, n_stages):
        ctes.append(
            f"s{k} AS (SELECT s.h, s.t0, min(e.ts) AS t FROM s{k - 1} AS s "
            f"JOIN {compact} AS e ON e.h = s.h AND e.kind = 0 AND e.sidx = {k} "
            f"AND e.ts >= s.t{within} GROUP BY s.h, s.t0)"
        )
    steps = " UNION ALL ".join(f"SELECT h, {k + 1} AS r FROM s{k}" for k in range(n_stages))
    out = b.query(f"""
        WITH {", ".join(ctes)},
        reach AS (SELECT h, max(r) AS reach FROM ({steps}) AS u GROUP BY h),
        gone AS (SELECT DISTINCT h FROM {compact} WHERE kind = 2),
        flagged AS (SELECT r.reach, CASE WHEN g.h IS NULL THEN 0 ELSE 1 END AS exited
                    FROM reach AS r LEFT JOIN gone AS g ON r.h = g.h)
        SELECT reach, exited, count(*) AS n FROM flagged GROUP BY reach, exited""")
    return out.astype({"reach": "int64", "exited": bool, "n": "int64"})


def _collapsed(compact: str, key: str, where: str = "TRUE") -> str:
    """Rows of ``compact`` (with ``where``) where ``key`` changes along the customer's
    sequence (repeats in a row collapsed), numbered 1, 2, ... as ``step``."""
    return f"""(SELECT h, ts, code, kind, sidx, k,
                       row_number() OVER ({_ORDER}) AS step
                FROM (SELECT h, ts, code, kind, sidx, {key} AS k,
                             lag({key}) OVER ({_ORDER}) AS prev_k
                      FROM {compact} WHERE {where}) AS l
                WHERE prev_k IS NULL OR prev_k <> k) AS c"""


def path_counts(b: Any, compact: str, names: str, *, by: str, max_steps: int) -> pd.DataFrame:
    """Customers per collapsed path (``path``, ``steps``, ``n``), cut after ``max_steps``.

    ``names`` is a table (``code``, ``event``, ``state``).  ``by="stage"``:
    the stages and exit states of stage events and exits; ``by="event"``: events.
    """
    if by == "stage":
        key, label, where = "CAST(kind AS INT) * 64 + sidx", "m.state", "kind <> 1"
    else:
        key, label, where = "code", "m.event", "TRUE"
    joined = _ordered_join(b, label, "c.step", f"c.step <= {int(max_steps)}")
    out = b.query(f"""
        SELECT path, steps, count(*) AS n FROM (
            SELECT CASE WHEN max(c.step) > {int(max_steps)}
                        THEN concat({joined}, '{ARROW}{MORE}') ELSE {joined} END AS path,
                   least(max(c.step), {int(max_steps)}) AS steps
            FROM {_collapsed(compact, key, where)} JOIN {names} AS m ON c.code = m.code
            GROUP BY c.h) AS p
        GROUP BY path, steps""")
    return out.astype({"steps": "int64", "n": "int64"})


def repeat_counts(b: Any, compact: str) -> pd.DataFrame:
    """Per event ``code``: ``base`` (customers with it), ``n`` (twice or more),
    ``mean_times``, ``max_times``."""
    out = b.query(f"""
        SELECT code, count(*) AS base, sum(CASE WHEN k >= 2 THEN 1 ELSE 0 END) AS n,
               avg(k) AS mean_times, max(k) AS max_times
        FROM (SELECT h, code, count(*) AS k FROM {compact} GROUP BY h, code) AS per
        GROUP BY code""")
    return out.astype(
        {
            "code": "int64",
            "base": "int64",
            "n": "int64",
            "mean_times": "float64",
            "max_times": "int64",
        }
    )


def loop_counts(b: Any, compact: str) -> pd.DataFrame:
    """``A → B → A`` in the collapsed event sequence: ``a``, ``b`` (codes), ``n``
    (customers with it at least once), ``occurrences``."""
    out = b.query(f"""
        SELECT a, b, count(DISTINCT h) AS n, count(*) AS occurrences FROM (
            SELECT h, code AS a, lead(code, 1) OVER (PARTITION BY h ORDER BY step) AS b,
                   lead(code, 2) OVER (PARTITION BY h ORDER BY step) AS a2
            FROM {_collapsed(compact, "code")}) AS t
        WHERE a2 = a
        GROUP BY a, b""")
    return out.astype({"a": "int64", "b": "int64", "n": "int64", "occurrences": "int64"})


def dropoff_paths(b: Any, compact: str, names: str, *, max_steps: int) -> pd.DataFrame:
    """For customers whose furthest stage is k: the collapsed event path from entering k
    on, cut after ``max_steps``.  Columns ``furthest``, ``exit_idx`` (-1: no exit),
    ``path``, ``n`` (customers)."""
    joined = _ordered_join(b, "m.event", "c.step", f"c.step <= {int(max_steps)}")
    out = b.query(f"""
        WITH who AS (
            SELECT h, max(CASE WHEN kind = 0 THEN sidx END) AS furthest,
                   min(CASE WHEN kind = 2 THEN ts * {_EXIT_SLOTS} + sidx END) AS exit_key
            FROM {compact} GROUP BY h),
        entry AS (
            SELECT e.h, min(e.ts) AS entered FROM {compact} AS e JOIN who AS w
                ON e.h = w.h AND e.kind = 0 AND e.sidx = w.furthest
            GROUP BY e.h),
        since AS (
            SELECT e.h, e.ts, e.code, e.kind, e.sidx FROM {compact} AS e
            JOIN entry AS n ON e.h = n.h AND e.ts >= n.entered),
        paths AS (
            SELECT c.h,
                   CASE WHEN max(c.step) > {int(max_steps)}
                        THEN concat({joined}, '{ARROW}{MORE}') ELSE {joined} END AS path
            FROM {_collapsed("since", "code")} JOIN {names} AS m ON c.code = m.code
            GROUP BY c.h)
        SELECT w.furthest,
               CASE WHEN w.exit_key IS NULL THEN -1
                    ELSE ((w.exit_key % {_EXIT_SLOTS}) + {_EXIT_SLOTS}) % {_EXIT_SLOTS}
               END AS exit_idx,
               p.path, count(*) AS n
        FROM paths AS p JOIN who AS w ON p.h = w.h
        GROUP BY w.furthest, exit_idx, p.path""")
    return out.astype({"furthest": "int64", "exit_idx": "int64", "n": "int64"})


# -- the tidy frames ---------------------------------------------------------------


def common_paths(
    b: Any, compact: str, names: str, *, by: str, top: int, max_steps: int, level: float, total: int
) -> pd.DataFrame:
    """``path``, ``steps``, ``n``, ``base`` (``total`` customers), ``estimate``, CIs."""
    if by not in ("stage", "event"):
        raise DataValidationError(f"by={by!r} is not allowed", fix="use 'stage' or 'event'")
    p = path_counts(b, compact, names, by=by, max_steps=max_steps)
    out = share_table(
        dict(zip(p["path"], p["n"], strict=True)), total, "path", level=level, top=top
    )
    out.insert(
        1, "steps", out["path"].map(dict(zip(p["path"], p["steps"], strict=True))).astype("int64")
    )
    return out


def repeats(b: Any, compact: str, roles: pd.DataFrame, *, level: float) -> pd.DataFrame:
    """``event``, ``role``, ``state``, ``base``, ``n``, ``estimate``, CIs, ``mean_times``,
    ``max_times``; highest share first, then by event."""
    r = repeat_counts(b, compact)
    by_code = roles.set_index("code")
    out = pd.DataFrame(
        {
            col: r["code"].map(by_code[col]).astype(str).to_numpy()
            for col in ("event", "role", "state")
        }
    )
    out[C.BASE], out[C.N] = r["base"].to_numpy(), r["n"].to_numpy()
    out[C.ESTIMATE] = out[C.N] / out[C.BASE]
    out[C.CI_LOW], out[C.CI_HIGH] = wilson_interval(
        out[C.N].to_numpy(float), out[C.BASE].to_numpy(float), level=level
    )
    out["mean_times"] = r["mean_times"].to_numpy()
    out["max_times"] = r["max_times"].to_numpy()
    out = out.sort_values("event").sort_values(C.ESTIMATE, ascending=False, kind="stable")
    return out.reset_index(drop=True)


def loops(
    b: Any, compact: str, roles: pd.DataFrame, *, top: int, level: float, total: int
) -> pd.DataFrame:
    """``loop``, ``n``, ``base`` (``total`` customers), ``estimate``, CIs, ``occurrences``."""
    r = loop_counts(b, compact)
    names = roles.set_index("code")["event"].astype(str)
    first, second = r["a"].map(names), r["b"].map(names)
    keys = (first + ARROW + second + ARROW + first).tolist()
    out = share_table(dict(zip(keys, r["n"], strict=True)), total, "loop", level=level, top=top)
    out["occurrences"] = (
        out["loop"].map(dict(zip(keys, r["occurrences"], strict=True))).astype("int64")
    )
    return out


def after_dropoff(
    b: Any,
    compact: str,
    names: str,
    *,
    journey: Any,
    stage: str | None,
    top: int,
    max_steps: int,
    level: float,
    furthest: pd.Series,
) -> pd.DataFrame:
    """``stage``, ``outcome``, ``path``, ``n``, ``base`` (customers whose furthest stage
    it is, from ``furthest``: each customer's furthest stage index), ``estimate``, CIs."""
    ids = list(journey.stage_ids)
    if stage is not None and stage not in ids:
        raise DataValidationError(
            f"unknown stage {stage!r}", source="journey", fix=f"use one of {ids}"
        )
    stages = [stage] if stage is not None else ids[:-1]
    p = dropoff_paths(b, compact, names, max_steps=max_steps)
    exits = np.array([*journey.exit_ids, WAITING], dtype=object)
    p["outcome"] = exits[p["exit_idx"].to_numpy()]  # -1: the last, still waiting
    stopped = np.bincount(furthest.to_numpy() + 1, minlength=len(ids) + 1)[1:]
    frames = []
    for sid in stages:
        k = ids.index(sid)
        if not stopped[k]:
            continue
        here = p[p["furthest"] == k]
        t = share_table(
            dict(zip(zip(here["outcome"], here["path"], strict=True), here["n"], strict=True)),
            int(stopped[k]),
            "_key",
            level=level,
            top=top,
        )
        t.insert(0, "stage", sid)
        t.insert(1, "outcome", [o for o, _ in t["_key"]])
        t.insert(2, "path", [q for _, q in t["_key"]])
        frames.append(t.drop(columns="_key"))
    cols = ["stage", "outcome", "path", C.N, C.BASE, C.ESTIMATE, C.CI_LOW, C.CI_HIGH]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)


def strict_window_us(window: Any, definition: str) -> int | None:
    """The strict funnel's window in microseconds (None: no limit)."""
    if window is None:
        return None
    if definition != "strict":
        raise DataValidationError(
            "a window applies to the strict funnel only",
            fix="pass definition='strict' with window=..., or no window",
        )
    try:
        td: Any = pd.Timedelta(window)
    except (TypeError, ValueError):
        td = pd.NaT
    if pd.isna(td) or td < pd.Timedelta(0):
        raise DataValidationError(
            f"window={window!r} is not a duration of zero or more",
            fix="pass e.g. window=pd.Timedelta(days=7), or None for no limit",
        )
    return int(td / pd.Timedelta(microseconds=1))
