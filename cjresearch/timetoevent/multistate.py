"""The whole journey as a multi-state model.

Customers move between stages and may exit (churn, lost). Under a Markov
assumption the Aalen-Johansen estimator -- the product-integral of the
Nelson-Aalen transition-hazard matrices -- gives the probability of being in
each stage (or exited) at time t since the journey start, with censoring
handled properly (a customer still in a stage at the observation end is
censored there, not lost).

* :func:`journey_transitions` -- the timeline as one row per stay in a state
  (``customer_id``, ``from_state``, ``to_state`` or missing when censored,
  ``start``, ``stop``, in minutes, hours, days or weeks since ``first_seen``,
  the unit in ``attrs["time_unit"]``);
* :class:`MultiStateModel` -- transition hazards, stage occupancy with
  bootstrap intervals over customers, restricted mean time in each state,
  all in the transitions' time unit (a ``time_unit`` column of each result).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.columns import CI_HIGH, CI_LOW, ESTIMATE, SE, N
from cjresearch.core.errors import DataValidationError
from cjresearch.core.stats import check_level
from cjresearch.core.timeunits import (
    TIME_UNITS,
    check_time_unit,
    choose_time_unit,
    tag_time_unit,
    time_unit_of,
)
from cjresearch.timetoevent.survtables import check_columns

__all__ = ["MultiStateModel", "journey_transitions"]


def journey_transitions(timeline: Any, *, unit: str = "days") -> pd.DataFrame:
    """One row per customer and stay in a stage, on the journey clock.

    Stages entered at the same instant (skipped, inferred stages) collapse
    to the last of them; the final stay ends in the exit state at
    ``exit_at`` or is censored (``to_state`` missing) at ``censor_at``.

    Parameters
    ----------
    timeline : Timeline
        ``EventLog.timeline()``.
    unit : {"days", "minutes", "hours", "weeks", "seconds", "auto"}
        Time unit of ``start`` and ``stop`` (or a pandas unit string of the
        same length); ``"auto"`` picks it from the median length of the
        stays that ended in a move (:func:`cjresearch.core.timeunits.choose_time_unit`).
        Recorded in ``attrs["time_unit"]``, which :class:`MultiStateModel` reads.

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> t = pd.Timestamp("2025-01-01")
    >>> e = pd.DataFrame({"customer_id": ["a", "a"], "stage": ["visit", "buy"],
    ...     "stage_index": [0, 1], "entered_at": [t, t + pd.Timedelta(days=2)]})
    >>> c = pd.DataFrame({"customer_id": ["a"], "first_seen": [t], "exit_state": ["churned"],
    ...     "exit_at": [t + pd.Timedelta(days=5)], "censor_at": [t + pd.Timedelta(days=5)]})
    >>> journey_transitions(SimpleNamespace(entries=e, customers=c))[["from_state", "to_state",
    ...     "start", "stop"]].values.tolist()
    [['visit', 'buy', 0.0, 2.0], ['buy', 'churned', 2.0, 5.0]]
    >>> tr = journey_transitions(SimpleNamespace(entries=e, customers=c), unit="hours")
    >>> tr["stop"].tolist(), tr.attrs["time_unit"]
    ([48.0, 120.0], 'hours')
    """
    entries, cust = getattr(timeline, "entries", None), getattr(timeline, "customers", None)
    if not isinstance(entries, pd.DataFrame) or not isinstance(cust, pd.DataFrame):
        raise DataValidationError(
            "expected a Timeline with 'entries' and 'customers' frames",
            source="timeline",
            fix="pass EventLog(...).timeline()",
        )
    check_columns(
        entries, ["customer_id", "stage", "stage_index", "entered_at"], "timeline.entries"
    )
    check_columns(
        cust,
        ["customer_id", "first_seen", "exit_state", "exit_at", "censor_at"],
        "timeline.customers",
    )
    from cjresearch.engine.timeline import require_no_entries_after_exit

    require_no_entries_after_exit(timeline)
    unit = check_time_unit(unit, allow_auto=True)
    td = pd.Timedelta(seconds=1) if unit == "auto" else TIME_UNITS[unit]
    e = entries.merge(cust[["customer_id", "first_seen"]], on="customer_id")
    e = e.assign(
        time=(pd.to_datetime(e["entered_at"]) - pd.to_datetime(e["first_seen"])) / td,
        state=e["stage"].astype(str),
    )
    e = e.sort_values(["customer_id", "time", "stage_index"], kind="stable")
    e = e.drop_duplicates(["customer_id", "time"], keep="last")
    c = cust.assign(
        exit_time=(pd.to_datetime(cust["exit_at"]) - pd.to_datetime(cust["first_seen"])) / td,
        censor_time=(pd.to_datetime(cust["censor_at"]) - pd.to_datetime(cust["first_seen"])) / td,
    )
    e["next_state"] = e.groupby("customer_id")["state"].shift(-1)
    e["next_time"] = e.groupby("customer_id")["time"].shift(-1)
    e = e.merge(c[["customer_id", "exit_state", "exit_time", "censor_time"]], on="customer_id")
    last = e["next_state"].isna()
    exited = last & e["exit_state"].notna()
    out = pd.DataFrame(
        {
            "customer_id": e["customer_id"].to_numpy(),
            "from_state": e["state"].to_numpy(),
            "to_state": e["next_state"]
            .astype(object)
            .where(~last, e["exit_state"].astype(object).where(exited))
            .to_numpy(),
            "start": e["time"].to_numpy(float),
            "stop": np.where(
                last, np.where(exited, e["exit_time"], e["censor_time"]), e["next_time"]
            ).astype(float),
        }
    )
    out["to_state"] = [None if pd.isna(v) else v for v in out["to_state"]]
    bad = out["stop"] < out["start"]
    if bad.any():
        raise DataValidationError(
            f"{int(bad.sum())} stays end before they start (exit or observation end before the "
            "stage entry)",
            source="timeline.customers",
            column="censor_at",
            rows=out.loc[bad, "customer_id"].tolist(),
            fix="check exit and observation-end times against the event timestamps",
        )
    if unit == "auto":  # the times above are in seconds
        moved = out["to_state"].notna()
        unit = choose_time_unit(pd.to_timedelta((out["stop"] - out["start"])[moved], unit="s"))
        scale = TIME_UNITS[unit].total_seconds()
        out["start"] = out["start"] / scale
        out["stop"] = out["stop"] / scale
    out.attrs["time_unit"] = unit
    return out


class MultiStateModel:
    """Aalen-Johansen multi-state model of the journey.

    Parameters
    ----------
    states : list of str, optional
        State order (stages, then exit states); default: order of appearance.
    level : float
        Confidence level of the bootstrap intervals.
    n_boot : int
        Bootstrap resamples of customers (0 = no intervals).
    times : list of float, optional
        Times at which occupancy is reported with intervals, in the
        transitions' time unit (default: up to 100 evenly spaced points to the
        last transition).
    seed : int
        Seed of the bootstrap.

    Attributes
    ----------
    time_unit_ : str
        Time unit of every time (the transitions' ``attrs["time_unit"]``,
        days when absent); ``times`` and ``tau`` are in it too.
    occupancy_ : DataFrame
        ``time``, ``state``, ``estimate`` (probability of being in the state),
        ``ci_low``, ``ci_high``, ``n``, ``time_unit``.
    hazards_ : DataFrame
        Nelson-Aalen cumulative transition hazards: ``from_state``,
        ``to_state``, ``time``, ``estimate``, ``time_unit``.
    summary : DataFrame
        Transition counts: ``from_state``, ``to_state``, ``n``.

    Examples
    --------
    >>> import pandas as pd
    >>> tr = pd.DataFrame({"customer_id": [1, 2, 2, 3], "from_state": ["a", "a", "b", "a"],
    ...     "to_state": ["b", "b", None, None], "start": [0., 0, 2, 0], "stop": [1., 2, 5, 4]})
    >>> m = MultiStateModel(n_boot=0).fit(tr)
    >>> m.probabilities([3.0]).round(3).values.tolist()
    [[0.333, 0.667]]
    """

    def __init__(
        self,
        *,
        states: Sequence[str] | None = None,
        level: float = 0.95,
        n_boot: int = 200,
        times: Sequence[float] | None = None,
        seed: int = 0,
    ) -> None:
        self.states = list(states) if states is not None else None
        self.level = level
        self.n_boot = n_boot
        self.times = times
        self.seed = seed

    # ------------------------------------------------------------------ core
    def _arrays(self, tr: pd.DataFrame) -> dict[str, np.ndarray]:
        return {
            "from": tr["from_state"].map(self._idx).to_numpy(int),
            "to": tr["to_state"].map(self._idx).fillna(-1).to_numpy(int),
            "start": tr["start"].to_numpy(float),
            "stop": tr["stop"].to_numpy(float),
            "cid": tr["_cid"].to_numpy(int),
        }

    def _curve(self, a: dict[str, np.ndarray], p0: np.ndarray) -> Any:
        """Occupancy p(t) and cumulative hazards at each distinct transition time."""
        k = len(self.states_)
        moved = a["to"] >= 0
        times = np.unique(a["stop"][moved])
        risk = np.zeros((len(times), k))
        for s in range(k):
            m = a["from"] == s
            st, sp = np.sort(a["start"][m]), np.sort(a["stop"][m])
            risk[:, s] = np.searchsorted(st, times, side="left") - np.searchsorted(
                sp, times, side="left"
            )
        ti = np.searchsorted(times, a["stop"][moved])
        d = np.zeros((len(times), k, k))
        np.add.at(d, (ti, a["from"][moved], a["to"][moved]), 1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            da = np.where(risk[:, :, None] > 0, d / risk[:, :, None], 0.0)
        p = np.empty((len(times), k))
        cur = p0.copy()
        eye = np.eye(k)
        for i in range(len(times)):
            step = eye + da[i] - np.diag(da[i].sum(axis=1))
            cur = cur @ step
            p[i] = cur
        return times, p, np.cumsum(da, axis=0)

    def fit(self, transitions: pd.DataFrame) -> MultiStateModel:
        """Fit from :func:`journey_transitions` output; returns self."""
        check_level(self.level)
        check_columns(
            transitions, ["customer_id", "from_state", "to_state", "start", "stop"], "transitions"
        )
        self.time_unit_ = time_unit_of(transitions)
        tr = transitions.copy()
        if len(tr) == 0:
            raise DataValidationError("no stays to analyse", source="transitions")
        if (tr["stop"] < tr["start"]).any():
            raise DataValidationError(
                "stays with stop < start",
                source="transitions",
                column="stop",
                rows=tr.index[tr["stop"] < tr["start"]].tolist(),
                fix="check the timestamps (clock skew?)",
            )
        seen = pd.unique(pd.concat([tr["from_state"], tr["to_state"].dropna()]))
        self.states_ = self.states or list(seen)
        unknown = set(seen) - set(self.states_)
        if unknown:
            raise DataValidationError(
                f"states {sorted(unknown)} are not in states=",
                source="transitions",
                fix="list every state",
            )
        self._idx = {s: i for i, s in enumerate(self.states_)}
        tr["_cid"] = pd.factorize(tr["customer_id"])[0]
        first = tr.sort_values("start", kind="stable").drop_duplicates("_cid")
        if (first["start"] > 0).any() and (first["start"] == 0).any():
            # journeys observed from a later time enter the risk set late (left truncation);
            # the initial distribution is taken from those starting at time 0
            first = first[first["start"] == 0]
        p0 = np.bincount(first["from_state"].map(self._idx), minlength=len(self.states_))
        p0 = p0 / p0.sum()
        self._p0 = p0
        a = self._a = self._arrays(tr)
        self.event_times_, self.p_, cumhaz = self._curve(a, p0)
        self.n_customers_ = int(tr["_cid"].max() + 1)
        pairs = tr.dropna(subset=["to_state"]).groupby(["from_state", "to_state"]).size()
        self.summary = pairs.rename(N).reset_index()
        haz = []
        for f, t in pairs.index:
            haz.append(
                pd.DataFrame(
                    {
                        "from_state": f,
                        "to_state": t,
                        "time": self.event_times_,
                        ESTIMATE: cumhaz[:, self._idx[f], self._idx[t]],
                    }
                )
            )
        self.hazards_ = pd.concat(haz, ignore_index=True) if haz else pd.DataFrame()
        if haz:
            tag_time_unit(self.hazards_, self.time_unit_)
        grid = (
            np.asarray(self.times, float)
            if self.times is not None
            else np.linspace(0, self.event_times_.max() if len(self.event_times_) else 1.0, 101)
        )
        est = self.probabilities(grid).to_numpy()
        lo = hi = np.full_like(est, np.nan)
        if self.n_boot > 0:
            sims = np.stack([self._at(tb, pb, p0, grid) for tb, pb in self._boot(a, p0)])
            alpha = 1 - self.level
            lo, hi = np.quantile(sims, [alpha / 2, 1 - alpha / 2], axis=0)
        self.occupancy_ = pd.DataFrame(
            {
                "time": np.repeat(grid, len(self.states_)),
                "state": pd.Categorical(
                    np.tile(self.states_, len(grid)), categories=self.states_, ordered=True
                ),
                ESTIMATE: est.ravel(),
                CI_LOW: np.ravel(lo),
                CI_HIGH: np.ravel(hi),
                N: self.n_customers_,
            }
        )
        tag_time_unit(self.occupancy_, self.time_unit_)
        return self

    def _boot(self, a: dict[str, np.ndarray], p0: np.ndarray) -> Any:
        """Curves refitted on resamples of customers (seeded, reproducible)."""
        rng = np.random.default_rng(self.seed)
        n = int(a["cid"].max() + 1)
        by_c = np.argsort(a["cid"], kind="stable")
        bounds = np.searchsorted(a["cid"][by_c], np.arange(n + 1))
        lengths = np.diff(bounds)
        for _ in range(self.n_boot):
            pick = rng.integers(0, n, n)
            lens = lengths[pick]
            offs = np.repeat(bounds[pick] - np.cumsum(np.r_[0, lens[:-1]]), lens)
            rows = by_c[offs + np.arange(lens.sum())]
            tb, pb, _ = self._curve({key: v[rows] for key, v in a.items()}, p0)
            yield tb, pb

    @staticmethod
    def _area(times: np.ndarray, p: np.ndarray, p0: np.ndarray, tau: float) -> np.ndarray:
        t = np.r_[0.0, times[times < tau], tau]
        full = np.vstack([p0, p[: len(t) - 2]])
        return (full * np.diff(t)[:, None]).sum(axis=0)

    @staticmethod
    def _at(times: np.ndarray, p: np.ndarray, p0: np.ndarray, at: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(times, at, side="right") - 1
        full = np.vstack([p0, p]) if len(p) else p0[None, :]
        return full[pos + 1]

    def probabilities(self, times: Sequence[float] | np.ndarray) -> pd.DataFrame:
        """State occupancy probabilities at the given times (rows) by state (columns)."""
        if not hasattr(self, "p_"):
            raise DataValidationError("fit the model first")
        at = np.asarray(times, float)
        return pd.DataFrame(
            self._at(self.event_times_, self.p_, self._p0, at),
            index=pd.Index(at, name="time"),
            columns=self.states_,
        )

    def restricted_mean(self, tau: float) -> pd.DataFrame:
        """Expected time spent in each state between 0 and ``tau``.

        One row per state: ``state``, ``n`` (customers), ``estimate``, ``se``,
        ``ci_low``, ``ci_high``, ``tau``, ``time_unit``.  ``tau`` and the estimates are in the model's time unit
        (``time_unit_``, also the result's ``time_unit`` column).  ``se`` and
        the interval come from the bootstrap over customers (``n_boot``
        resamples; missing when ``n_boot=0``).
        """
        if not hasattr(self, "p_"):
            raise DataValidationError("fit the model first")
        area = self._area(self.event_times_, self.p_, self._p0, tau)
        se = lo = hi = np.full(len(area), np.nan)
        if self.n_boot > 0:
            sims = np.stack(
                [self._area(tb, pb, self._p0, tau) for tb, pb in self._boot(self._a, self._p0)]
            )
            se = sims.std(axis=0, ddof=1)
            alpha = 1 - self.level
            lo, hi = np.quantile(sims, [alpha / 2, 1 - alpha / 2], axis=0)
        out = pd.DataFrame(
            {
                "state": self.states_,
                N: self.n_customers_,
                ESTIMATE: area,
                SE: se,
                CI_LOW: lo,
                CI_HIGH: hi,
                "tau": tau,
            }
        )
        return tag_time_unit(out, self.time_unit_)

    def _repr_html_(self) -> str:
        if not hasattr(self, "summary"):
            return "<p>MultiStateModel (not fitted)</p>"
        return (
            f"<p>Multi-state model: {self.n_customers_} customers, "
            f"{len(self.states_)} states</p>" + self.summary.to_html(index=False)
        )

    def __repr__(self) -> str:
        return f"MultiStateModel(n_boot={self.n_boot}, level={self.level})"
