"""Benchmark: building a client report from a cold start, with peak memory.

Run with ``make bench`` (sample and large client) or
``python benchmarks/bench_report.py [--large]`` (``--large``: also the large client).

* **sample** -- ``cjresearch report data/sample/report.yaml`` exactly as
  ``make report`` runs it (every section; notebooks two at a time).
  Target on the 2-core reference machine: under 60 s.
* **large** (``--large``) -- the client the target is set for: 1M customers
  with 20M events (about 20 events each: :func:`cjresearch.sample.generator.write_event_log`,
  seed 20, with ``extra_events_mean=4.7`` browsing events per customer; kept in
  ``benchmarks/data/``) and a customer file (CSV) for every customer in it; the
  report runs the overview section (the evidence, the funnel, censoring-aware
  conversion of every step by segment).  Target on the 2-core reference
  machine: at most 25 s and 2.5 GB.  The figures print with a yardstick: a bare
  DuckDB scan-and-group-by of the same log, timed in the same run.

Each build runs in a fresh ``python`` process (cold imports, new kernels).  The
Vega bundle every page embeds is built once per machine and vl-convert version and
then read from the user's cache folder (:func:`cjresearch.core.paths.cache_dir`), as for
every user; the sample build, run first, fills it.
Peak memory is the largest resident set of any single process of the build
(the runner or one notebook kernel), from ``getrusage(RUSAGE_CHILDREN)`` of a
small wrapper process.  This is a benchmark, not a test: it prints figures and
never fails on time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
#: Browsing events per customer beside the journey's own: about 20 events per customer,
#: so that 20M events are the 1M customers the report target is set for.
LARGE_EXTRA_EVENTS = 4.7
sys.path.insert(0, str(ROOT))

_WRAPPER = """
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - t0
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "status": done.returncode,
                  "stderr": done.stderr[-2000:]}))
"""


def build(config: Path, out: Path) -> dict:
    """Build one report in a fresh process; seconds, peak memory, exit status."""
    cmd = [
        sys.executable,
        "-c",
        _WRAPPER,
        sys.executable,
        "-m",
        "cjresearch.report.cli",
        "report",
        str(config),
        "--out",
        str(out),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def large_client(directory: Path, n_events: int) -> Path:
    """Config of a client with ``n_events`` events and one CRM row per customer."""
    import numpy as np
    import pandas as pd
    import pyarrow.parquet as pq
    import yaml

    from cjresearch.core.paths import SAMPLE_DIR
    from cjresearch.sample.generator import write_event_log
    from cjresearch.sample.simulate import SampleConfig

    events = DATA / f"client_events_{n_events}.parquet"
    if not events.exists():
        print(f"  generating {n_events:,} events -> {events.name}", flush=True)
        write_event_log(
            events,
            n_events=n_events,
            seed=20,
            config=SampleConfig(extra_events_mean=LARGE_EXTRA_EVENTS),
        )
    ids = pd.unique(pq.read_table(events, columns=["customer_id"])["customer_id"].to_pandas())
    rng = np.random.default_rng(20)
    crm = pd.DataFrame(
        {
            "customer_id": ids,
            "segment": rng.choice(["value", "premium", "business"], len(ids), p=[0.5, 0.3, 0.2]),
        }
    )
    directory.mkdir(parents=True, exist_ok=True)
    crm.to_csv(directory / "customers.csv", index=False)
    cfg = {
        "client": f"Large client ({len(ids):,} customers, {n_events:,} events)",
        "id": "large",
        "period": "synthetic",
        "language": "en",
        "data": {
            "events": str(events),
            "customers": "customers.csv",
            "survey": str(SAMPLE_DIR / "survey.csv"),
            "journey": str(SAMPLE_DIR / "journey.yaml"),
        },
        "sections": ["overview"],
    }
    (directory / "report.yaml").write_text(yaml.safe_dump(cfg))
    return directory / "report.yaml"


def _print(name: str, r: dict) -> None:
    state = "ok" if r["status"] == 0 else f"FAILED (exit {r['status']})"
    print(f"  {name:<28} {r['seconds']:7.1f} s   peak {r['peak_mb']:7.0f} MB   {state}", flush=True)
    if r["status"] != 0:
        print("    " + r["stderr"].strip().replace("\n", "\n    "))


def yardstick(events: Path) -> float:
    """A bare DuckDB scan-and-group-by of the log (three columns, grouped by customer,
    fetched to pandas): the machine's speed at this moment, for reading the figures."""
    import duckdb

    t0 = time.perf_counter()
    duckdb.sql(
        f"SELECT customer_id, count(*) AS n, min(timestamp) AS a, max(timestamp) AS b "
        f"FROM read_parquet('{events}') GROUP BY customer_id"
    ).df()
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--large",
        action="store_true",
        help="also build the 1M-customer / 20M-event client (a few minutes)",
    )
    parser.add_argument(
        "--events", type=float, default=2e7, help="events of the large client (default 2e7)"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="builds of the large client (median and best are printed)",
    )
    args = parser.parse_args(argv)
    from cjresearch.core.paths import SAMPLE_DIR

    print("report builds from a cold start (fresh process, new kernels):", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        _print("sample (make report)", build(SAMPLE_DIR / "report.yaml", Path(tmp) / "sample"))
        if args.large:
            t0 = time.perf_counter()
            cfg = large_client(Path(tmp) / "large", int(args.events))
            with open(Path(tmp) / "large" / "customers.csv", encoding="utf-8") as fh:
                n_customers = sum(1 for _ in fh) - 1
            print(
                f"  (large client: {n_customers:,} customers, {int(args.events):,} events; "
                f"prepared in {time.perf_counter() - t0:.0f} s)"
            )
            runs = []
            for i in range(args.runs):
                r = build(cfg, Path(tmp) / f"out{i}")
                _print(f"large, run {i + 1}", r)
                runs.append(r)
            ok = [r for r in runs if r["status"] == 0]
            if ok:
                secs = sorted(r["seconds"] for r in ok)
                peak = max(r["peak_mb"] for r in ok)
                bare = yardstick(DATA / f"client_events_{int(args.events)}.parquet")
                print(
                    f"  large client report: median {statistics.median(secs):.1f} s, "
                    f"best {secs[0]:.1f} s, peak {peak / 1024:.2f} GB "
                    f"(target: at most 25 s and 2.5 GB)"
                )
                print(
                    f"  yardstick: a bare DuckDB scan-and-group-by of the log took "
                    f"{bare:.2f} s just now (0.8 s on a quiet reference machine); "
                    f"report / yardstick = {statistics.median(secs) / bare:.0f}x"
                )
        else:
            print("  large client skipped (run with --large)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
