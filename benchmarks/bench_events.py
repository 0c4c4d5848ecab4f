"""Benchmark: timeline + funnel + transitions, cjresearch (DuckDB) vs idiomatic pandas.

Run with ``make bench`` (or ``python benchmarks/bench_events.py --sizes 1e6 5e6 2e7``).
Logs are generated once with :func:`cjresearch.sample.generator.write_event_log` and kept
in ``benchmarks/data/`` (not committed).  The generator writes customer by
customer, as CRM exports do; a copy sorted by time, as analytics exports come,
is measured too (``--time-ordered``; the default does both for the largest
size).  Each measurement runs in a fresh child process so that its peak
memory (max RSS, which includes the Python interpreter and libraries) is its
own; cjresearch runs ``--repeats`` times (median and best are printed), since
a shared machine's speed drifts.  Both implementations start from the same
Parquet file and produce the same outputs; the script checks that the funnel
counts and the transition counts agree before it prints a ratio.

A bare DuckDB scan-and-group-by of the same file (customer id, count) is
printed as a yardstick for the machine's speed at the time of the run.

Targets on the 2-core reference machine: 20M events in under 4 s, at least
10x faster than pandas, peak memory under 2 GB.  This is a benchmark, not a
test: it prints figures and never fails on time.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE.parent))


def _log_path(n_events: int, time_ordered: bool = False) -> Path:
    """The generated log (customer by customer), or a copy sorted by time; made once,
    in a child process (a child's peak memory would otherwise include the parent's)."""
    path = DATA / f"events_{n_events}.parquet"
    ordered = DATA / f"events_{n_events}_by_time.parquet"
    target = ordered if time_ordered else path
    if not target.exists():
        proc = mp.get_context("spawn").Process(
            target=_make_log, args=(n_events, str(path), str(ordered))
        )
        proc.start()
        proc.join()
    return target


def _make_log(n_events: int, path: str, ordered: str) -> None:
    if not Path(path).exists():
        from cjresearch.sample.generator import write_event_log

        print(f"  generating {n_events:,} events -> {Path(path).name}", flush=True)
        write_event_log(path, n_events=n_events, seed=20)
    if not Path(ordered).exists():
        import duckdb

        print(f"  sorting by time -> {Path(ordered).name}", flush=True)
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")
        con.execute(
            f"COPY (SELECT * FROM read_parquet('{path}') ORDER BY timestamp) "
            f"TO '{ordered}' (FORMAT parquet)"
        )


def run_duckdb_groupby(path: str) -> dict:
    """The yardstick: scan the three columns and group by customer (first and last
    time, number of events), fetched to pandas; nothing else."""
    import duckdb
    import pandas  # noqa: F401 - imported before the clock starts, as for the others

    t0 = time.perf_counter()
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    out = con.execute(
        f"SELECT customer_id, min(timestamp) AS first, max(timestamp) AS last, "
        f"count(event) AS n FROM read_parquet('{path}') "
        f"GROUP BY customer_id"
    ).fetchdf()
    return {"seconds": time.perf_counter() - t0, "customers": len(out)}


def run_cjresearch(path: str) -> dict:
    from cjresearch.core.errors import RowsExcludedWarning
    from cjresearch.core.paths import SAMPLE_DIR
    from cjresearch.engine.eventlog import EventLog

    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        log = EventLog(path, SAMPLE_DIR / "journey.yaml")
    log.timeline()
    funnel = log.funnel()
    stages = log.stage_transitions()
    touch = log.touchpoint_transitions()
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "funnel": funnel["n"].tolist(),
        "touch": int(touch["n"].sum()),
        "stage_moves": int(stages["n"].sum()),
        "customers": int(funnel["base"].iloc[0]),
    }


def run_pandas(path: str) -> dict:
    """The same outputs the way a pandas user would write them: sort + groupby."""
    import numpy as np
    import pandas as pd

    from cjresearch.core.paths import SAMPLE_DIR
    from cjresearch.journey.definition import load_journey

    t0 = time.perf_counter()
    journey = load_journey(SAMPLE_DIR / "journey.yaml")
    df = pd.read_parquet(path, columns=["customer_id", "timestamp", "event"])
    roles = journey.classify_events(df["event"].unique()).table
    kind = roles["role"].map({"stage": 0, "touchpoint": 1, "exit": 2})
    exit_pos = {e: i for i, e in enumerate(journey.exit_ids)}
    sidx = np.where(kind == 2, roles["state"].map(exit_pos), roles["stage_index"])
    df = df.merge(
        pd.DataFrame({"event": roles["event"], "code": roles["code"], "kind": kind, "sidx": sidx}),
        on="event",
    )
    df = df.sort_values(["customer_id", "timestamp", "code"], ignore_index=True)
    # timeline: first entry per stage, made monotone (reached k = seen at k or later)
    first = (
        df[df["kind"] == 0]
        .groupby(["customer_id", "sidx"])["timestamp"]
        .min()
        .unstack()
        .reindex(columns=range(len(journey.stages)))
    )
    # cummin leaves gaps as NaT; the forward fill carries a later stage's time into them
    entered = first.iloc[:, ::-1].cummin(axis=1).ffill(axis=1).iloc[:, ::-1]
    customers = df.groupby("customer_id").agg(
        first_seen=("timestamp", "min"),
        last_seen=("timestamp", "max"),
        n_log_events=("event", "size"),
    )
    exits = df[df["kind"] == 2].groupby("customer_id").first()[["sidx", "timestamp"]]
    customers = customers.join(exits.rename(columns={"sidx": "exit", "timestamp": "exit_at"}))
    entered = entered.reindex(customers.index)
    funnel = entered.notna().sum().tolist()
    # touchpoint transitions: consecutive events per customer
    prev = df.groupby("customer_id")["code"].shift()
    touch = df.assign(prev=prev).groupby(["prev", "code"], dropna=False).size()
    # stage transitions: consecutive stage events that change stage, plus exits
    st = df[df["kind"] != 1]
    last_stage = st["sidx"].where(st["kind"] == 0).groupby(st["customer_id"]).ffill()
    prev_stage = last_stage.groupby(st["customer_id"]).shift()
    moves = st[(st["kind"] == 2) | prev_stage.isna() | (prev_stage != st["sidx"])]
    stage_moves = moves.groupby(
        [prev_stage.loc[moves.index], moves["kind"], moves["sidx"]], dropna=False
    ).size()
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "funnel": funnel,
        "touch": int(touch.sum()),
        "stage_moves": int(stage_moves.sum()),
        "customers": len(customers),
    }


def _child(fn_name: str, path: str, queue) -> None:
    result = globals()[fn_name](path)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(result)


def measure(fn_name: str, path: Path) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn_name, str(path), queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e6, 5e6, 2e7])
    parser.add_argument("--repeats", type=int, default=3, help="cjresearch runs per log")
    parser.add_argument("--no-pandas", action="store_true", help="skip the pandas baseline")
    parser.add_argument(
        "--time-ordered",
        choices=["largest", "all", "none"],
        default="largest",
        help="also measure a copy of the log sorted by time",
    )
    args = parser.parse_args(argv)
    print("event engine: timeline + funnel + stage and touchpoint transitions")
    print(
        f"{'events':>12} {'order':>9} {'impl':>11} {'seconds':>8} {'best':>6} {'peak MB':>8} "
        f"{'ratio':>6}"
    )
    runs = []
    for size in args.sizes:
        runs.append((int(size), False))
        if args.time_ordered == "all" or (
            args.time_ordered == "largest" and size == max(args.sizes)
        ):
            runs.append((int(size), True))
    for n, by_time in runs:
        path = _log_path(n, by_time)
        order = "time" if by_time else "customer"
        base = measure("run_duckdb_groupby", path)
        print(
            f"{n:>12,} {order:>9} {'bare DuckDB':>11} {base['seconds']:8.2f} "
            f"{'':>6} {base['peak_mb']:8.0f}   (scan + group by customer, to pandas: a yardstick)",
            flush=True,
        )
        cjs = [measure("run_cjresearch", path) for _ in range(max(1, args.repeats))]
        seconds = sorted(r["seconds"] for r in cjs)
        cj = cjs[0] | {
            "seconds": seconds[len(seconds) // 2],
            "peak_mb": max(r["peak_mb"] for r in cjs),
        }
        print(
            f"{n:>12,} {order:>9} {'cjresearch':>11} {cj['seconds']:8.2f} {seconds[0]:6.2f} "
            f"{cj['peak_mb']:8.0f}   {cj['seconds'] / base['seconds']:.1f}x the yardstick",
            flush=True,
        )
        if args.no_pandas:
            continue
        pdr = measure("run_pandas", path)
        same = all(
            all(r[k] == pdr[k] for k in ("funnel", "touch", "stage_moves", "customers"))
            for r in cjs
        )
        ratio = pdr["seconds"] / cj["seconds"]
        print(
            f"{n:>12,} {order:>9} {'pandas':>11} {pdr['seconds']:8.2f} {'':>6} "
            f"{pdr['peak_mb']:8.0f} {ratio:5.1f}x  outputs equal: {'yes' if same else 'NO'}",
            flush=True,
        )
        if not same:
            print(f"   cjresearch {cj}\n   pandas     {pdr}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
