"""The ``lists`` strategy of the one pass over the events (DuckDB).

One grouped pass over the source gathers each customer's events as a list of
packed keys ``ts * 256 + code``; a thread reads the batches of lists ahead while
two workers walk them with vectorised NumPy passes (:func:`walk`).  See
:mod:`cjresearch.engine.scan` for when it applies and how it compares with the
``window`` strategy.
"""

from __future__ import annotations

import contextlib
import queue
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.engine.backends import ValueOutOfRange
from cjresearch.engine.scanresult import NONE, Scan

__all__ = ["MAX_STAGES", "N_CODES", "Regroup", "scan_lists", "walk"]

_SHIFT = 8
#: event codes the packed key holds (the low ``_SHIFT`` bits)
N_CODES = 2**_SHIFT
#: stages the per-customer bit masks hold
MAX_STAGES = 62
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


class Regroup:
    """Two written forms of one id (``" 7"`` and ``"7"``): group by the normalised id."""


def scan_lists(
    b: Any,
    source: str,
    mapping: pd.DataFrame,
    *,
    n_stages: int,
    late_after_us: int | None,
    after_exit: str,
    collapse: bool,
    key: str,
) -> Scan | Regroup | None:
    """Each customer's events as a sorted list of ``ts * 256 + code`` keys come from
    DuckDB in batches; a thread reads them ahead (and at the end sorts the ids) while
    NumPy walks them."""
    # DuckDB's lists come nearly in order when the file lists customer by customer; then
    # the few out of order are sorted in NumPy, else DuckDB sorts every list
    keys = f"list(ts * {N_CODES} + code)"
    if not _looks_grouped(b, source):
        keys = f"list_sort({keys})"
    batches = b.record_batches(f"SELECT {key}, {keys} AS v FROM {source} GROUP BY {key}", _BATCH)
    tables = _tables(mapping)
    late_key = None
    if late_after_us is not None and abs(late_after_us) < NONE >> (_SHIFT + 1):
        late_key = (late_after_us << _SHIFT) + N_CODES - 1
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
        return Regroup()
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
    kind = np.full(N_CODES, -1, dtype=np.int8)
    kind[codes] = mapping["kind"].to_numpy()
    sidx = np.full(N_CODES, -1, dtype=np.int8)
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
    cut[cust_e[first_e]] = flat[exit_rows[first_e]] | (N_CODES - 1)
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
    exit_idx[cust_e[first_e]] = tables["sidx"][exit_key & (N_CODES - 1)]

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
        (prev_e + 1) * N_CODES + code[exit_rows], minlength=(n_stages + 1) * N_CODES
    ).reshape(n_stages + 1, N_CODES)
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
            minlength=N_CODES * N_CODES,
        )
    else:
        both = np.zeros(N_CODES * N_CODES, dtype=np.int64)
    inner = starts[starts > 0]
    straddle = code[inner - 1] + N_CODES * code[inner].astype(np.int64)
    return both, straddle, code[starts]


def _pairs(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> np.ndarray:
    """``[previous code + 1, code]`` counts (row 0: a segment's first code)."""
    out = np.zeros((N_CODES + 1, N_CODES), dtype=np.int64)
    if parts:
        both = np.sum([p[0] for p in parts], axis=0)
        both -= np.bincount(np.concatenate([p[1] for p in parts]), minlength=N_CODES * N_CODES)
        out[1:] = both.reshape(N_CODES, N_CODES).T
        out[0] = np.bincount(np.concatenate([p[2] for p in parts]), minlength=N_CODES)
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
        else np.zeros((n_stages + 1, N_CODES), np.int64)
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
