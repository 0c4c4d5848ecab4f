"""Benchmark: survival curves on 1M customers, aggregated vs lifelines on raw rows.

``cjresearch.timetoevent.progression.kaplan_meier`` and
``cjresearch.timetoevent.competing.cumulative_incidence`` aggregate the data to one row per
distinct time before estimating; lifelines' fitters work on the raw rows.  Both
are run here on the same simulated durations (1M customers, exponential
times rounded to days, with censoring and a competing exit) in the same
process; the script checks that the curves agree before it prints the ratio.
Target from the issue: the curves for 1M customers in about a second.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd


def simulate(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    convert = rng.exponential(60, n)
    churn = rng.exponential(150, n)
    censor = rng.uniform(0, 365, n)
    t = np.minimum.reduce([convert, churn, censor])
    event = np.select([t == convert, t == churn], [1, 2], 0)
    return pd.DataFrame(
        {"duration": np.ceil(t), "event": event, "segment": rng.choice(["a", "b", "c"], n)}
    )


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=float, default=1e6)
    args = parser.parse_args(argv)
    from lifelines import AalenJohansenFitter, KaplanMeierFitter

    from cjresearch.timetoevent.competing import cumulative_incidence
    from cjresearch.timetoevent.progression import kaplan_meier

    data = simulate(int(args.customers))
    n = len(data)
    print(f"survival curves on {n:,} customers (one process; seconds)")
    print(f"{'curve':>34} {'cjresearch':>10} {'lifelines':>10} {'ratio':>6}  agree")

    km, t_cj = timed(lambda: kaplan_meier(data, entry=None))
    fitter, t_ll = timed(lambda: KaplanMeierFitter().fit(data["duration"], data["event"] == 1))
    ref = fitter.survival_function_.iloc[:, 0]
    mine = km.set_index("time")["estimate"].reindex(ref.index).ffill().fillna(1.0)
    agree = np.allclose(mine.to_numpy(), ref.to_numpy(), atol=1e-10)
    print(
        f"{'Kaplan-Meier, all customers':>34} {t_cj:10.2f} {t_ll:10.2f} {t_ll / t_cj:5.1f}x  "
        f"{'yes' if agree else 'NO'}"
    )

    _, t_cj = timed(lambda: kaplan_meier(data, by="segment", entry=None))

    def per_segment():
        for _, g in data.groupby("segment"):
            KaplanMeierFitter().fit(g["duration"], g["event"] == 1)

    _, t_ll = timed(per_segment)
    print(f"{'Kaplan-Meier by segment (3)':>34} {t_cj:10.2f} {t_ll:10.2f} {t_ll / t_cj:5.1f}x")

    ci, t_cj = timed(lambda: cumulative_incidence(data, entry=None))
    # lifelines breaks tied times by jittering them; compare at the end of each day
    ajf, t_ll = timed(
        lambda: AalenJohansenFitter(calculate_variance=False, seed=1).fit(
            data["duration"], data["event"], event_of_interest=1
        )
    )
    ref = ajf.cumulative_density_.iloc[:, 0].sort_index()
    days = np.arange(1, int(data["duration"].max()) + 1)
    ref_days = ref.reindex(days + 0.5, method="ffill").set_axis(days).fillna(0.0)
    col = "event_type" if "event_type" in ci.columns else None
    mine = ci[ci[col] == 1] if col else ci
    mine = mine.set_index("time")["estimate"].reindex(days).ffill().fillna(0.0)
    gap = float(np.abs(mine.to_numpy() - ref_days.to_numpy()).max())
    print(
        f"{'Aalen-Johansen (convert vs churn)':>34} {t_cj:10.2f} {t_ll:10.2f} "
        f"{t_ll / t_cj:5.1f}x  max gap {gap:.1e} (lifelines jitters ties)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
