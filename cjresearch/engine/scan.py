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
"""

from __future__ import annotations

import contextlib
import queue
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.engine.backends import ValueOutOfRange

#: "never" in the per-customer time arrays (first time at a stage, exit time)
NONE = np.iinfo(np.int64).max
#: exit indexes are packed into the low bits of a timestamp in the SQL aggregate
EXIT_SLOTS = 64


@dataclass
class Scan:
    """What one pass over the known events yields.

    Per-customer arrays are in the engine's order; ``ids`` are sorted and
    ``order`` maps them to it (``ids[i]`` is row ``order[i]`` of the arrays).

    ``entered[i, k]`` is when customer i entered stage k (first seen at k or
    a later stage; µs, ``NONE`` if not reached), ``inferred[i, k]`` whether
    that entry was taken from a later stage, ``out_of_order[i]`` whether a
    stage was first seen after a later one.  ``exit_at``/``exit_idx`` give
    the first exit (``NONE``/0 without one).  ``no_id``, ``no_ts``, ``late``
    count rows without an id, without a readable timestamp, and after
    ``late_after_us``; ``last_seen`` is the latest timestamp (also of events
    after an exit that the scan left out).  ``same_key``
    counts events that repeat a customer's previous event at the same time
    (candidates for exact duplicates; None where the strategy does not
    count them), ``after_exit`` the events later than the customer's first
    exit (None where not counted; excluded from the results when the scan
    was asked to), ``ambiguous`` the ids that more than one written form
    gives (``"1"`` and ``"1.0"``).  ``repeat_ids``: the written ids (``rid``)
    of the customers with such repeats (lists strategy); ``collapsed``: the
    repeats were left out of the results.  ``pairs``
    (``prev_code`` -1 at a customer's first event, ``code``, ``n``) and
    ``moves`` (``prev_stage`` -1 before any stage event, ``code`` of stage
    and exit events, ``n``) are the path counts, or None until
    :func:`path_counts_sql` computes them.
    """

    ids: np.ndarray
    order: np.ndarray
    first_ts: np.ndarray
    last_ts: np.ndarray
    n_events: np.ndarray
    entered: np.ndarray
    inferred: np.ndarray
    out_of_order: np.ndarray
    exit_at: np.ndarray
    exit_idx: np.ndarray
    no_id: int = 0
    no_ts: int = 0
    late: int = 0
    last_seen: int | None = None
    same_key: int | None = None
    repeat_ids: Any = field(default=None, repr=False)
    collapsed: bool = False
    after_exit: int | None = None
    ambiguous: tuple[str, ...] = ()
    pairs: pd.DataFrame | None = field(default=None, repr=False)
    moves: pd.DataFrame | None = field(default=None, repr=False)
    strategy: str = "window"


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
        and n_stages <= _MAX_STAGES
        and int(mapping["code"].max()) < _N_CODES
    ):
        found = _scan_lists(
            b,
            source,
            mapping,
            n_stages=n_stages,
            late_after_us=late_after_us,
            after_exit=after_exit,
            collapse=collapse,
            key="rid",
        )
        if isinstance(found, _Regroup):
            found = _scan_lists(
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


def from_first_times(first: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``entered``, ``inferred``, ``out_of_order`` from each stage's first time."""
    # entered stage k = first time seen at stage k or later
    entered = np.minimum.accumulate(first[:, ::-1], axis=1)[:, ::-1]
    reached = entered != NONE
    inferred = reached & (entered != first)
    out_of_order = ((first != NONE) & (first > entered)).any(axis=1)
    return entered, inferred, out_of_order


# -- lists ------------------------------------------------------------------------

_SHIFT = 8
_N_CODES = 2**_SHIFT
_MAX_STAGES = 62
_BATCH = 20_000  # customers per batch of lists: small enough for the CPU caches
_WALKERS = 2
_AHEAD = 16  # batches read ahead (bounds the memory they hold)
_PROBE_ROWS = 65_536


def _looks_grouped(b: Any, source: str) -> bool:
    """Whether the log's first rows come customer by customer (as exports by customer do)."""
    head = b.query_in_file_order(f"SELECT rid FROM {source} LIMIT {_PROBE_ROWS}")["rid"]
    values = head.to_numpy()
    return len(values) < 2 or float((values[1:] == values[:-1]).mean()) >= 0.5


def _sort_segments(offsets: np.ndarray, flat: np.ndarray) -> np.ndarray:
    """``flat`` with each segment ``flat[offsets[i]:offsets[i + 1]]`` in ascending order.

    >>> _sort_segments(np.array([0, 3, 5, 6]), np.array([3, 1, 2, 5, 4, 0])).tolist()
    [1, 2, 3, 4, 5, 0]
    """
    down = np.flatnonzero(flat[1:] < flat[:-1]) + 1  # where the order breaks...
    segment = np.searchsorted(offsets, down, side="right") - 1
    bad = np.unique(segment[down != offsets[segment]])  # ...inside a segment
    if not len(bad):
        return flat
    lengths = offsets[bad + 1] - offsets[bad]
    rows = np.arange(lengths.sum()) + np.repeat(
        offsets[bad] - (np.cumsum(lengths) - lengths), lengths
    )
    keys = flat[rows]
    out = flat.copy()
    out[rows] = keys[np.lexsort((keys, np.repeat(np.arange(len(bad)), lengths)))]
    return out


class _Abort(Exception):
    """The packed keys cannot represent this log (missing timestamps)."""


class _Regroup:
    """Two written forms of one id (``" 7"`` and ``"7"``): group by the normalised id."""


def _scan_lists(
    b: Any,
    source: str,
    mapping: pd.DataFrame,
    *,
    n_stages: int,
    late_after_us: int | None,
    after_exit: str,
    collapse: bool,
    key: str,
) -> Scan | _Regroup | None:
    """Each customer's events as a sorted list of ``ts * 256 + code`` keys come from
    DuckDB in batches; a thread reads them ahead (and at the end sorts the ids) while
    NumPy walks them."""
    # DuckDB's lists come nearly in order when the file lists customer by customer; then
    # the few out of order are sorted in NumPy, else DuckDB sorts every list
    keys = f"list(ts * {_N_CODES} + code)"
    if not _looks_grouped(b, source):
        keys = f"list_sort({keys})"
    batches = b.record_batches(f"SELECT {key}, {keys} AS v FROM {source} GROUP BY {key}", _BATCH)
    tables = _tables(mapping)
    late_key = None
    if late_after_us is not None and abs(late_after_us) < NONE >> (_SHIFT + 1):
        late_key = (late_after_us << _SHIFT) + _N_CODES - 1
    walks = []
    ids = None
    items = _read_ahead(batches)
    # two walkers: NumPy releases the GIL inside its loops
    with ThreadPoolExecutor(max_workers=_WALKERS, thread_name_prefix="cj-walk") as pool:
        try:
            with contextlib.closing(items):
                for item in items:
                    if isinstance(item, _Ids):
                        ids = item
                        break
                    walks.append(
                        pool.submit(
                            walk,
                            item[1],
                            item[2],
                            tables,
                            n_stages=n_stages,
                            late_key=late_key,
                            after_exit=after_exit,
                            collapse=collapse,
                        )
                    )
                    if len(walks) > _AHEAD:  # hold a bounded number of batches in memory
                        walks[-_AHEAD - 1].result()
        except (_Abort, ValueOutOfRange):  # far-off dates overflow the packed key
            return None
        parts = [w.result() for w in walks]
    if ids is None:  # pragma: no cover - the reader always ends with the ids
        raise RuntimeError("the batch reader stopped before handing over the customer ids")
    if ids.regroup and not ids.ambiguous:
        return _Regroup()
    found = _assemble(parts, ids, tables, n_stages=n_stages)
    found.strategy = "lists-cid" if key == "cid" else "lists"
    found.collapsed = collapse and bool(found.same_key)
    return found


def _list_segments(batches: Any) -> Any:
    """(ids, offsets, keys) from batches of (cid, sorted list of keys)."""
    for batch in batches:
        lists = batch.column(1)
        if lists.values.null_count:  # missing timestamps: the SQL path reports them
            raise _Abort
        offsets = np.asarray(lists.offsets.to_numpy(), dtype=np.int64)
        flat = np.asarray(lists.values.to_numpy())[offsets[0] : offsets[-1]]
        yield batch.column(0), offsets - offsets[0], flat


@dataclass
class _Ids:
    """All customer ids (by the rule of :mod:`cjresearch.inputs.ids`), sorted; ``order``: their
    rows in the engine's order; ``blank`` (in the engine's order): missing or empty;
    ``ambiguous``: ids given by two written forms; ``regroup``: two groups share an id."""

    ids: Any
    order: np.ndarray
    blank: np.ndarray
    ambiguous: tuple[str, ...] = ()
    regroup: bool = False
    raw: Any = None  # the written ids, in the engine's order


def _normalised(raw: Any) -> tuple[Any, tuple[str, ...], bool]:
    """The distinct written ids -> (ids by the rule, ambiguous ids, whether two share one)."""
    import pyarrow.compute as pc

    from cjresearch.inputs.ids import WHITESPACE, normalize_arrow

    ids = normalize_arrow(raw)
    changed = pc.fill_null(pc.not_equal(ids, raw), False)
    if not pc.any(changed).as_py():
        return ids, (), False
    touched = pc.unique(pc.filter(ids, changed))
    mine = pc.fill_null(pc.is_in(ids, value_set=touched), False)
    frame = pd.DataFrame(
        {
            "id": pc.filter(ids, mine).to_pandas(),
            "form": pc.filter(pc.utf8_trim(raw, characters=WHITESPACE), mine).to_pandas(),
        }
    )
    if not frame["id"].duplicated().any():
        return ids, (), False
    forms = frame.groupby("id")["form"].nunique()
    return ids, tuple(sorted(forms.index[forms > 1])), True


def _read_ahead(batches: Any) -> Any:
    """Turn ``batches`` into :func:`_list_segments` in a thread, as far ahead as it gets;
    at the end the thread sorts all ids (the first item of each segment) and yields
    them as :class:`_Ids`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    q: queue.Queue[Any] = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()

    def put(item: Any) -> bool:
        """Hand over an item unless the consumer has stopped; False once it has."""
        while not stop.is_set():
            try:
                q.put(item, timeout=0.05)
                return True
            except queue.Full:
                pass
        return False

    def produce() -> None:
        try:
            chunks = []
            for item in _list_segments(batches):
                if not put(item):
                    return
                chunks.append(item[0])
            raw = pa.chunked_array(chunks, type=pa.string()).combine_chunks()
            ids, ambiguous, regroup = _normalised(raw)
            blank = pc.fill_null(pc.or_kleene(pc.is_null(ids), pc.equal(ids, "")), True)
            order = np.asarray(pc.sort_indices(ids), dtype=np.int64)
            put(
                _Ids(
                    ids=ids.take(order).to_numpy(zero_copy_only=False),
                    order=order,
                    blank=np.asarray(blank, dtype=bool),
                    ambiguous=ambiguous,
                    regroup=regroup,
                    raw=raw,
                )
            )
        except BaseException as exc:  # noqa: BLE001 - re-raised by the consumer
            put(exc)
        finally:
            batches.close()  # frees the query, in this thread, before the consumer goes on

    worker = threading.Thread(target=produce, daemon=True)
    worker.start()
    try:
        while True:
            item = q.get()
            if isinstance(item, BaseException):
                raise item
            yield item
            if isinstance(item, _Ids):
                return
    finally:
        stop.set()  # the producer stops at its next batch
        worker.join()


def _tables(mapping: pd.DataFrame) -> dict[str, np.ndarray]:
    """Lookup tables indexed by event code."""
    codes = mapping["code"].to_numpy()
    kind = np.full(_N_CODES, -1, dtype=np.int8)
    kind[codes] = mapping["kind"].to_numpy()
    sidx = np.full(_N_CODES, -1, dtype=np.int8)
    sidx[codes] = mapping["sidx"].to_numpy()
    stage = np.where(kind == 0, sidx, -1).astype(np.int8)
    n_bits = int(stage.max()) + 1
    bit_type = next(
        t for t in (np.uint8, np.uint16, np.uint32, np.uint64) if np.iinfo(t).bits >= n_bits
    )
    bit = np.where(stage >= 0, np.left_shift(1, np.maximum(stage, 0).astype(np.uint64)), 0).astype(
        bit_type
    )
    return {
        "kind": kind,
        "sidx": sidx,
        "stage": stage,
        "bit": bit,
        "is_stage": kind == 0,
        "is_exit": kind == 2,
    }


def _after_exit(
    offsets: np.ndarray, flat: np.ndarray, code: np.ndarray, tables: dict[str, np.ndarray]
) -> np.ndarray:
    """Mask of the events later (in time) than their customer's first exit."""
    starts = offsets[:-1]
    exit_rows = np.flatnonzero(tables["is_exit"][code])
    cust_e = np.searchsorted(starts, exit_rows, side="right") - 1
    first_e = np.ones(len(exit_rows), dtype=bool)
    np.not_equal(cust_e[1:], cust_e[:-1], out=first_e[1:])
    cut = np.full(len(starts), np.iinfo(np.int64).max, dtype=np.int64)
    # the whole instant of the exit stays (journey order puts exits last in an instant)
    cut[cust_e[first_e]] = flat[exit_rows[first_e]] | (_N_CODES - 1)
    return flat > np.repeat(cut, np.diff(offsets))


def walk(
    offsets: np.ndarray,
    flat: np.ndarray,
    tables: dict[str, np.ndarray],
    *,
    n_stages: int,
    late_key: int | None = None,
    after_exit: str = "keep",
    collapse: bool = False,
) -> dict[str, Any]:
    """Per-customer facts and path counts from customer-contiguous sorted keys.

    ``flat[offsets[i]:offsets[i + 1]]`` holds customer i's events as
    ``ts << 8 | code``; sorted ascending here (by time, then journey order,
    which puts a lower stage first at equal times).  Every customer has at
    least one event.
    ``tables`` come from :func:`_tables`; ``late_key`` counts keys above it.
    ``after_exit`` (``"exclude"``, ``"error"``, ``"keep"``): leave out and count,
    count, or keep the events later than the customer's first exit.  ``collapse``
    leaves out events that repeat the previous key (time and event) of the customer.
    The path counts come as raw parts that :func:`_assemble` combines.

    Examples
    --------
    >>> t = _tables(pd.DataFrame({"code": [0, 1, 2], "kind": [0, 1, 0], "sidx": [0, 0, 1]}))
    >>> key = lambda ts, code: (ts << 8) | code
    >>> w = walk(np.array([0, 3, 4]), np.array([key(5, 0), key(6, 1), key(9, 2), key(7, 1)]),
    ...          t, n_stages=2)
    >>> w["entered"].tolist() == [[5, 9], [NONE, NONE]], w["inferred"].tolist()
    (True, [[False, False], [False, False]])
    >>> p = _pairs([w["pairs"]])   # [previous code + 1, code]; row 0: a customer's first event
    >>> int(p[0, 0]), int(p[0, 1]), int(p[1, 1]), int(p[2, 2]), int(p.sum())
    (1, 1, 1, 1, 4)
    """
    flat = _sort_segments(offsets, flat)
    low = 0 if sys.byteorder == "little" else 7
    code = np.ascontiguousarray(flat.view(np.uint8)[low::8])
    # the same key as the previous event of the customer: a candidate exact duplicate
    same = flat[1:] == flat[:-1]
    same[offsets[1:-1] - 1] = False  # pairs across two customers do not count
    same_key = int(np.count_nonzero(same))
    repeats = np.zeros(len(offsets) - 1, dtype=bool)
    if same_key:
        repeats[np.searchsorted(offsets, np.flatnonzero(same) + 1, side="right") - 1] = True
        if collapse:  # each customer keeps its first event, never empty
            kept = np.diff(offsets) - np.add.reduceat(
                np.concatenate([[0], same.view(np.uint8)]), offsets[:-1], dtype=np.int64
            )
            offsets = np.concatenate([[0], np.cumsum(kept)])
            keep = np.concatenate([[True], ~same])
            flat, code = flat[keep], code[keep]
    late = 0 if late_key is None else int(np.count_nonzero(flat > late_key))
    latest = int(flat.max()) >> _SHIFT  # of all events: the log's last time, exits or not
    n_after = 0
    if after_exit != "keep":
        after = _after_exit(offsets, flat, code, tables)
        n_after = int(np.count_nonzero(after))
        if n_after and after_exit == "exclude":  # each customer keeps a prefix, never empty
            kept = np.diff(offsets) - np.add.reduceat(
                after.view(np.uint8), offsets[:-1], dtype=np.int64
            )
            offsets = np.concatenate([[0], np.cumsum(kept)])
            flat, code = flat[~after], code[~after]
    starts, ends = offsets[:-1], offsets[1:]
    n_cust = len(starts)

    # the first exit of each customer
    exit_rows = np.flatnonzero(tables["is_exit"][code])
    cust_e = np.searchsorted(starts, exit_rows, side="right") - 1
    first_e = np.ones(len(exit_rows), dtype=bool)
    np.not_equal(cust_e[1:], cust_e[:-1], out=first_e[1:])
    exit_key = flat[exit_rows[first_e]]
    exit_at = np.full(n_cust, NONE, dtype=np.int64)
    exit_at[cust_e[first_e]] = exit_key >> _SHIFT
    exit_idx = np.zeros(n_cust, dtype=np.int64)
    exit_idx[cust_e[first_e]] = tables["sidx"][exit_key & (_N_CODES - 1)]

    # the stage events alone, still customer-contiguous
    is_stage = tables["is_stage"][code]
    stage_rows = np.flatnonzero(is_stage)
    flat_s = flat[stage_rows]
    code_s = code[stage_rows]
    stage_s = tables["stage"][code_s]
    n_s = np.add.reduceat(is_stage.view(np.uint8), starts, dtype=np.int64)
    starts_s = np.zeros(n_cust, dtype=np.int64)
    np.cumsum(n_s[:-1], out=starts_s[1:])
    cust_s = np.repeat(np.arange(n_cust, dtype=np.int32), n_s)

    # the furthest stage so far, as level 0 (none) or k + 1; offsetting each customer's
    # levels by (n_stages + 1) * customer lets one running maximum serve all customers
    base = cust_s * np.int32(n_stages + 1)
    level = stage_s.astype(np.int32)
    level += 1
    level += base
    np.maximum.accumulate(level, out=level)
    before = np.empty_like(level)
    before[:1] = 0
    before[1:] = level[:-1]
    before -= base
    np.maximum(before, 0, out=before)
    # rows that reach a new furthest stage: the first such row at stage k is when k was
    # entered from below; "entered k" is the first jump to any stage >= k
    before -= stage_s
    jump = np.flatnonzero(before <= 0)
    first_jump = np.full((n_stages, n_cust), NONE, dtype=np.int64)  # stage-major
    first_jump.ravel()[stage_s[jump].astype(np.int64) * n_cust + cust_s[jump]] = (
        flat_s[jump] >> _SHIFT
    )
    entered = first_jump.copy()
    for k in range(n_stages - 2, -1, -1):
        np.minimum(entered[k], entered[k + 1], out=entered[k])
    inferred = (entered != NONE) & (entered != first_jump)
    # a stage seen at all, though entered from a later stage: seen out of order
    has_stage = n_s > 0
    seen = np.zeros(n_cust, dtype=tables["bit"].dtype)
    if has_stage.any():
        seen[has_stage] = np.bitwise_or.reduceat(tables["bit"][code_s], starts_s[has_stage])
    shifts = np.arange(n_stages, dtype=seen.dtype)[:, None]
    out_of_order = (((seen[None, :] >> shifts) & seen.dtype.type(1)).astype(bool) & inferred).any(
        axis=0
    )

    # moves: each exit after the last stage event before it (stage-to-stage: below)
    last_stage = np.searchsorted(stage_rows, exit_rows) - 1
    ok = last_stage >= starts_s[cust_e]
    prev_e = np.full(len(exit_rows), -1, dtype=np.int64)
    prev_e[ok] = stage_s[last_stage[ok]]
    exit_moves = np.bincount(
        (prev_e + 1) * _N_CODES + code[exit_rows], minlength=(n_stages + 1) * _N_CODES
    ).reshape(n_stages + 1, _N_CODES)
    return {
        "first_ts": flat[starts] >> _SHIFT,
        "last_ts": flat[ends - 1] >> _SHIFT,
        "n_events": ends - starts,
        "entered": entered.T,
        "inferred": inferred.T,
        "out_of_order": out_of_order,
        "exit_at": exit_at,
        "exit_idx": exit_idx,
        "pairs": _pair_parts(code, starts),
        "stage_pairs": _pair_parts(code_s, starts_s[has_stage]),
        "exit_moves": exit_moves,
        "same_key": same_key,
        "after_exit": n_after,
        "repeats": repeats,
        "late": late,
        "latest": latest,
    }


def _pair_parts(code: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Adjacent codes within segments, in three parts for :func:`_pairs`: a histogram
    of all adjacent pairs (``previous + 256 * next``), the pairs that straddle two
    segments (to take away), and each segment's first code."""
    if len(code) > 1:
        # every adjacent pair at once: a uint16 view that steps one byte at a time
        both = np.bincount(
            np.ndarray((len(code) - 1,), dtype="<u2", buffer=code, strides=(1,)),
            minlength=_N_CODES * _N_CODES,
        )
    else:
        both = np.zeros(_N_CODES * _N_CODES, dtype=np.int64)
    inner = starts[starts > 0]
    straddle = code[inner - 1] + _N_CODES * code[inner].astype(np.int64)
    return both, straddle, code[starts]


def _pairs(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> np.ndarray:
    """``[previous code + 1, code]`` counts (row 0: a segment's first code)."""
    out = np.zeros((_N_CODES + 1, _N_CODES), dtype=np.int64)
    if parts:
        both = np.sum([p[0] for p in parts], axis=0)
        both -= np.bincount(np.concatenate([p[1] for p in parts]), minlength=_N_CODES * _N_CODES)
        out[1:] = both.reshape(_N_CODES, _N_CODES).T
        out[0] = np.bincount(np.concatenate([p[2] for p in parts]), minlength=_N_CODES)
    return out


def _assemble(
    parts: list[dict[str, Any]], ids: _Ids, tables: dict[str, np.ndarray], *, n_stages: int
) -> Scan:
    """Join the batches and shape the path counts (customers stay in engine order)."""

    def cat(key: str) -> np.ndarray:
        if not parts:
            wide = key in ("entered", "inferred")
            return np.zeros(
                (0, n_stages) if wide else 0,
                dtype=bool if key in ("inferred", "out_of_order") else np.int64,
            )
        return np.concatenate([p[key] for p in parts])

    pairs = _pairs([p["pairs"] for p in parts])
    prev, nxt = np.nonzero(pairs)
    pair_frame = pd.DataFrame({"prev_code": prev - 1, "code": nxt, "n": pairs[prev, nxt]})
    stage_pairs = _pairs([p["stage_pairs"] for p in parts])
    prev, nxt = np.nonzero(stage_pairs)
    prev_stage = np.where(prev > 0, tables["stage"][np.maximum(prev - 1, 0)], -1)
    exit_moves = (
        np.sum([p["exit_moves"] for p in parts], axis=0)
        if parts
        else np.zeros((n_stages + 1, _N_CODES), np.int64)
    )
    e_prev, e_code = np.nonzero(exit_moves)
    moves: pd.DataFrame = (
        pd.DataFrame(  # type: ignore[assignment]
            {
                "prev_stage": np.concatenate([prev_stage, e_prev - 1]).astype(np.int64),
                "code": np.concatenate([nxt, e_code]).astype(np.int64),
                "n": np.concatenate([stage_pairs[prev, nxt], exit_moves[e_prev, e_code]]),
            }
        )
        .groupby(["prev_stage", "code"], as_index=False)["n"]
        .sum()
    )

    n_events = cat("n_events")
    last_ts = cat("last_ts")
    return Scan(
        ids=ids.ids,
        order=ids.order,
        first_ts=cat("first_ts"),
        last_ts=last_ts,
        n_events=n_events,
        entered=cat("entered"),
        inferred=cat("inferred"),
        out_of_order=cat("out_of_order"),
        exit_at=cat("exit_at"),
        exit_idx=cat("exit_idx"),
        no_id=int(n_events[ids.blank].sum()),
        late=sum(p["late"] for p in parts),
        same_key=sum(p["same_key"] for p in parts),
        repeat_ids=_repeat_ids(ids, cat("repeats")),
        after_exit=sum(p["after_exit"] for p in parts),
        ambiguous=ids.ambiguous,
        last_seen=max(p["latest"] for p in parts) if parts else None,
        pairs=pair_frame.astype(np.int64),
        moves=moves.astype(np.int64),
        strategy="lists",
    )


def _repeat_ids(ids: _Ids, repeats: np.ndarray) -> Any:
    """The written ids of the customers with repeated keys (engine order -> list)."""
    if not len(repeats) or not repeats.any() or ids.raw is None:
        return []
    return ids.raw.filter(repeats).to_pylist()


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
