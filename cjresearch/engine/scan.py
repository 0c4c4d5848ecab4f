"""One pass over the known events: per-customer facts and path counts.

Every question the event engine answers comes from two things: per customer,
the first and last time, the number of events, the first time at each stage
and the first exit; and, over all customers, how often each event follows
each other event (and each stage event or exit follows the last stage).
Two strategies compute them, with identical results:

``lists`` (DuckDB, the default)
    One grouped pass over the source gathers each customer's events as a
    list of packed keys ``ts * 256 + code`` (sorted, the list is ordered by
    time, then journey order).  The lists arrive in batches of flat,
    customer-contiguous arrays; a thread reads them ahead while two workers
    walk them with a handful of vectorised NumPy passes (:func:`walk`).  No
    window, no second scan of the source, no per-row Python.  When the file
    lists customer by customer, DuckDB gathers the lists nearly in order and
    NumPy sorts the few that are not; otherwise DuckDB sorts every list.
``window`` (Spark, and logs the packing cannot hold)
    A per-customer aggregate and an ordered window pass, both in SQL, so that
    only small results leave the cluster.

The ``lists`` strategy needs at most 256 event names, at most 62 stages and
timestamps within about 1,100 years of 1970 (and reports missing timestamps
through ``window``); otherwise it hands over to ``window``.  Its speed
depends on the order of the file: a log exported customer by customer is
gathered about twice as fast as one in time order (see ``make bench``).

The :class:`Scan` is defined in :mod:`~cjresearch.engine.scanresult`, the ``lists``
strategy in :mod:`~cjresearch.engine.scanlists`; this module chooses the strategy
(:func:`scan`) and holds the ``window`` one.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from cjresearch.engine.scanlists import MAX_STAGES, N_CODES, Regroup, scan_lists
from cjresearch.engine.scanresult import EXIT_SLOTS, NONE, Scan, from_first_times

__all__ = ["EXIT_SLOTS", "NONE", "Scan", "from_first_times", "path_counts_sql", "scan"]


def scan(
    b: Any,
    source: str,
    mapping: pd.DataFrame,
    *,
    n_stages: int,
    late_after_us: int | None = None,
    after_exit: str = "keep",
    collapse: bool = False,
) -> Scan:
    """Scan ``source`` (columns cid, rid, h, ts, code, kind, sidx) with the best strategy.

    ``rid`` is the customer id as written (text) and ``cid`` the id by the rule
    of :mod:`cjresearch.inputs.ids`; the ``lists`` strategy groups by the cheap ``rid``
    and applies the rule to the distinct ids (grouping by ``cid`` only when
    two written forms give one id).  ``after_exit``: ``"exclude"`` leaves
    the events after each customer's first exit out of the results (and
    counts them), ``"error"`` counts them, ``"keep"`` does neither (the
    ``window`` strategy never does: see :mod:`cjresearch.engine.prep`).
    ``collapse``: the ``lists`` strategy counts an event that repeats the
    customer's previous event (same time and name) once (``collapsed``).
    """
    if (
        getattr(b, "record_batches", None) is not None
        and n_stages <= MAX_STAGES
        and int(mapping["code"].max()) < N_CODES
    ):
        found = scan_lists(
            b,
            source,
            mapping,
            n_stages=n_stages,
            late_after_us=late_after_us,
            after_exit=after_exit,
            collapse=collapse,
            key="rid",
        )
        if isinstance(found, Regroup):
            found = scan_lists(
                b,
                source,
                mapping,
                n_stages=n_stages,
                late_after_us=late_after_us,
                after_exit=after_exit,
                collapse=collapse,
                key="cid",
            )
        if isinstance(found, Scan):
            if (
                isinstance(found.repeat_ids, list)
                and found.repeat_ids
                and found.strategy == "lists-cid"
            ):
                found.repeat_ids = None  # grouped by the normalised id: not the written one
            found.strategy = "lists"
            return found
    return _scan_sql(b, source, n_stages=n_stages, late_after_us=late_after_us)


# -- window (SQL) -----------------------------------------------------------------------


def _scan_sql(b: Any, source: str, *, n_stages: int, late_after_us: int | None) -> Scan:
    late = (
        f"sum(CASE WHEN ts > {late_after_us} THEN 1 ELSE 0 END)"
        if late_after_us is not None
        else "0"
    )
    stages = "".join(
        f"coalesce(min(CASE WHEN kind = 0 AND sidx = {k} THEN ts END), {NONE}) AS s{k}, "
        for k in range(n_stages)
    )
    # h groups the rows; h2, a second independent hash, detects two ids sharing h
    agg = b.query(f"""
        SELECT {b.any_value("cid")} AS cid, min(h2) <> max(h2) AS clash,
               coalesce(min(ts), 0) AS first_ts, coalesce(max(ts), 0) AS last_ts,
               count(*) AS n, count(ts) AS n_ts, {late} AS late, {stages}
               coalesce(min(CASE WHEN kind = 2 THEN ts * {EXIT_SLOTS} + sidx END), {NONE})
                   AS exit_key
        FROM (SELECT *, {b.hash64("concat(cid, '#')")} AS h2 FROM {source}) AS e
        GROUP BY h ORDER BY cid""")
    if agg["clash"].astype(bool).any():  # pragma: no cover
        from cjresearch.core.errors import DataValidationError

        raise DataValidationError(
            "two customer ids share an internal 64-bit hash key; results would merge them",
            column="customer_id",
            fix="please report this; as a work-around prefix the ids with a constant",
        )
    ids = agg["cid"].to_numpy(dtype=object)
    first_at = agg[[f"s{k}" for k in range(n_stages)]].to_numpy(dtype=np.int64)
    exit_key = agg["exit_key"].to_numpy(dtype=np.int64)
    has_exit = exit_key != NONE
    blank = pd.isna(ids) | (ids == "")
    n = agg["n"].to_numpy(dtype=np.int64)
    n_ts = agg["n_ts"].to_numpy(dtype=np.int64)
    last = agg["last_ts"].to_numpy(dtype=np.int64)
    entered, inferred, out_of_order = from_first_times(first_at)
    return Scan(
        ids=ids,
        order=np.arange(len(ids)),
        first_ts=agg["first_ts"].to_numpy(dtype=np.int64),
        last_ts=last,
        n_events=n,
        entered=entered,
        inferred=inferred,
        out_of_order=out_of_order,
        exit_at=np.where(has_exit, exit_key // EXIT_SLOTS, NONE),
        exit_idx=np.where(has_exit, exit_key % EXIT_SLOTS, 0),
        no_id=int(n[blank].sum()),
        no_ts=int((n - n_ts).sum()),
        late=int(pd.to_numeric(agg["late"]).sum()),
        last_seen=int(last[n_ts > 0].max()) if (n_ts > 0).any() else None,
    )


def path_counts_sql(b: Any, compact: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``pairs`` and ``moves`` (see :class:`Scan`) from one ordered window pass."""
    prev_stage = b.lag_non_null("CASE WHEN kind = 0 THEN sidx END")
    win = "PARTITION BY h ORDER BY ts, code"
    p = b.query(f"""
        SELECT prev_code, code, kind, prev_stage, count(*) AS n FROM (
            SELECT code, kind, lag(code) OVER ({win}) AS prev_code,
                   {prev_stage} OVER ({win}) AS prev_stage
            FROM {compact}) AS w
        GROUP BY prev_code, code, kind, prev_stage""")
    p = p.assign(
        prev_code=p["prev_code"].fillna(-1).astype(np.int64),
        prev_stage=p["prev_stage"].fillna(-1).astype(np.int64),
        code=p["code"].astype(np.int64),
        n=p["n"].astype(np.int64),
    )
    pairs = p.groupby(["prev_code", "code"], as_index=False)["n"].sum()
    moves = p[p["kind"] != 1].groupby(["prev_stage", "code"], as_index=False)["n"].sum()
    return pairs, moves
