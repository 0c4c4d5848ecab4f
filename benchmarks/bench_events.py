"""Benchmark: timeline + funnel + transitions, cjresearch (DuckDB) vs idiomatic pandas.

Run with ``make bench`` (or ``python benchmarks/bench_events.py --sizes 1e6 5e6 2e7``).
Logs are generated once with :func:`cjresearch.sample.write_event_log` and kept
in ``benchmarks/data/`` (not committed).  Each measurement runs in a fresh
child process so that its peak memory (max RSS, which includes the Python
interpreter and libraries) is its own.  Both implementations start from the
same Parquet file and produce the same outputs; the script checks that the
funnel counts and the transition counts agree before it prints a ratio.

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


def _log_path(n_events: int) -> Path:
    path = DATA / f"events_{n_events}.parquet"
    if not path.exists():
        from cjresearch.sample import write_event_log

        print(f"  generating {n_events:,} events -> {path.name}", flush=True)
        write_event_log(path, n_events=n_events, seed=20)
    return path


def run_cjresearch(path: str) -> dict:
    from cjresearch.errors import RowsExcludedWarning
    from cjresearch.events import EventLog
    from cjresearch.paths import SAMPLE_DIR

    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        log = EventLog(path, SAMPLE_DIR / "journey.yaml")
    log.timeline()
    funnel = log.funnel()
    stages = log.stage_transitions()
    touch = log.touchpoint_transitions()
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "funnel": funnel["n"].tolist(),
            "touch": int(touch["n"].sum()), "stage_moves": int(stages["n"].sum()),
            "customers": int(funnel["base"].iloc[0])}


def run_pandas(path: str) -> dict:
    """The same outputs the way a pandas user would write them: sort + groupby."""
    import numpy as np
    import pandas as pd

    from cjresearch.journey import load_journey
    from cjresearch.paths import SAMPLE_DIR

    t0 = time.perf_counter()
    journey = load_journey(SAMPLE_DIR / "journey.yaml")
    df = pd.read_parquet(path, columns=["customer_id", "timestamp", "event"])
    roles = journey.classify_events(df["event"].unique()).table
    kind = roles["role"].map({"stage": 0, "touchpoint": 1, "exit": 2})
    exit_pos = {e: i for i, e in enumerate(journey.exit_ids)}
    sidx = np.where(kind == 2, roles["state"].map(exit_pos), roles["stage_index"])
    df = df.merge(pd.DataFrame({"event": roles["event"], "code": roles["code"],
                                "kind": kind, "sidx": sidx}), on="event")
    df = df.sort_values(["customer_id", "timestamp", "code"], ignore_index=True)
    # timeline: first entry per stage, made monotone (reached k = seen at k or later)
    first = (df[df["kind"] == 0].groupby(["customer_id", "sidx"])["timestamp"].min()
             .unstack().reindex(columns=range(len(journey.stages))))
    # cummin leaves gaps as NaT; the forward fill carries a later stage's time into them
    entered = first.iloc[:, ::-1].cummin(axis=1).ffill(axis=1).iloc[:, ::-1]
    customers = df.groupby("customer_id").agg(first_seen=("timestamp", "min"),
                                              last_seen=("timestamp", "max"),
                                              n_events=("event", "size"))
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
    stage_moves = moves.groupby([prev_stage.loc[moves.index], moves["kind"], moves["sidx"]],
                                dropna=False).size()
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "funnel": funnel, "touch": int(touch.sum()),
            "stage_moves": int(stage_moves.sum()), "customers": len(customers)}


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
    parser.add_argument("--no-pandas", action="store_true", help="skip the pandas baseline")
    args = parser.parse_args(argv)
    print("event engine: timeline + funnel + stage and touchpoint transitions")
    print(f"{'events':>12} {'impl':>11} {'seconds':>8} {'peak MB':>8} {'ratio':>6}")
    for size in args.sizes:
        n = int(size)
        path = _log_path(n)
        cj = measure("run_cjresearch", path)
        print(f"{n:>12,} {'cjresearch':>11} {cj['seconds']:8.2f} {cj['peak_mb']:8.0f}", flush=True)
        if args.no_pandas:
            continue
        pdr = measure("run_pandas", path)
        same = all(cj[k] == pdr[k] for k in ("funnel", "touch", "stage_moves", "customers"))
        ratio = pdr["seconds"] / cj["seconds"]
        print(f"{n:>12,} {'pandas':>11} {pdr['seconds']:8.2f} {pdr['peak_mb']:8.0f} "
              f"{ratio:5.1f}x  outputs equal: {'yes' if same else 'NO'}", flush=True)
        if not same:
            print(f"   cjresearch {cj}\n   pandas     {pdr}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
