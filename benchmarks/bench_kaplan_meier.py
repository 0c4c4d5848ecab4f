"""Benchmark: plain Kaplan-Meier on 1M customers, cjresearch vs lifelines on raw rows.

``kaplan_meier`` returns the curve with Greenwood SEs, log intervals and at-risk,
event and censoring counts at every distinct time; lifelines' ``KaplanMeierFitter``
computes the same (survival, confidence interval, event table).  Both run on the same
simulated durations (exponential times rounded to days, censoring and a competing exit)
in this process, best of ``--repeat`` runs each; the script checks that estimates,
intervals and at-risk counts agree before it prints the ratio.  Target from issue #13: at
least as fast as lifelines (ratio >= 1).
"""

from __future__ import annotations

import argparse
import time

import numpy as np


def best(fn, repeat: int):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return out, min(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=float, default=1e6)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    from bench_progression import simulate
    from lifelines import KaplanMeierFitter

    from cjresearch.timetoevent.progression import kaplan_meier

    data = simulate(int(args.customers))
    km, t_cj = best(lambda: kaplan_meier(data, entry=None), args.repeat)

    def lifelines_km():
        f = KaplanMeierFitter().fit(data["duration"], data["event"] == 1)
        _ = f.confidence_interval_, f.event_table  # intervals and at-risk counts
        return f

    fitter, t_ll = best(lifelines_km, args.repeat)
    ref = fitter.survival_function_.iloc[:, 0]
    mine = km.set_index("time").reindex(ref.index)
    ok_est = np.allclose(mine["estimate"].ffill().fillna(1.0), ref.to_numpy(), atol=1e-10)
    risk = fitter.event_table["at_risk"].reindex(mine.index)
    ok_risk = np.allclose(mine["n_risk"].dropna(), risk[mine["n_risk"].notna()])
    print(f"plain Kaplan-Meier on {len(data):,} customers, best of {args.repeat} (seconds)")
    print(f"{'':>28} {'cjresearch':>10} {'lifelines':>10} {'ratio':>6}  agree")
    print(
        f"{'curve, intervals, at-risk':>28} {t_cj:10.3f} {t_ll:10.3f} {t_ll / t_cj:5.1f}x  "
        f"estimate {'yes' if ok_est else 'NO'}, at risk {'yes' if ok_risk else 'NO'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
