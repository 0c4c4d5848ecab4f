"""`make bench`: run every benchmark in benchmarks/ and print its figures."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # child processes import the benchmark modules by name

#: arguments for benchmarks whose defaults are the quick variant
ARGS = {"bench_report": ["--large"]}  # the 1M-customer / 20M-event client too


def main() -> int:
    for path in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {path.stem} ===", flush=True)
        importlib.import_module(path.stem).main(ARGS.get(path.stem, []))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
