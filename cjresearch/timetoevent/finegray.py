"""Fine-Gray subdistribution-hazard regression, built as R's ``finegray()`` does.

:func:`finegray_frame` expands a competing-risks frame with
inverse-probability-of-censoring weights; :class:`FineGray` fits a weighted Cox
model to it (lifelines).  Cumulative incidence curves are in
:mod:`cjresearch.timetoevent.competing`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.core.stats import check_level
from cjresearch.timetoevent.survtables import (
    check_columns,
    check_durations,
    event_table,
)

__all__ = ["FineGray", "finegray_frame"]


def finegray_frame(
    data: pd.DataFrame,
    *,
    duration: str = "duration",
    event: str = "event",
    event_of_interest: int = 1,
) -> pd.DataFrame:
    """Expand a competing-risks frame for a Fine-Gray fit (R's ``finegray``).

    Customers with a competing event stay in the risk set after it, on
    intervals cut at the censoring times, with weight G(t-)/G(T-) where G is
    the Kaplan-Meier curve of the censoring distribution (censorings tied
    with events come after them, as in R; Geskus 2011). Returns the input
    columns plus ``fg_start``, ``fg_stop``, ``fg_status``, ``fg_weight`` and
    ``fg_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"duration": [1., 2., 3., 4.], "event": [2, 0, 1, 1]})
    >>> finegray_frame(d)[["fg_start", "fg_stop", "fg_weight"]].round(2).values.tolist()
    [[0.0, 1.0, 1.0], [1.0, 2.0, 1.0], [2.0, 4.0, 0.67], [0.0, 2.0, 1.0], [0.0, 3.0, 1.0], [0.0, 4.0, 1.0]]
    """
    d = check_durations(data, duration=duration, event=event, entry=None)
    t, e = d["_t"].to_numpy(), d["_e"].to_numpy()
    # censoring distribution G: censorings are the "events"; at tied times events
    # happen before censorings, so an event at t is not at risk of censoring at t
    # (Geskus 2011, as R's finegray)
    ct = event_table(t, np.where(e == 0, 1, 2), n_types=2)
    ctimes = ct["time"].to_numpy()[ct["n_event_1"].to_numpy() > 0]
    n = ct["n_risk"].to_numpy() - ct["n_event_2"].to_numpy()
    dc = ct["n_event_1"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        g_all = np.cumprod(1 - np.where(n > 0, dc / n, 0.0))
    t_max = t[e == event_of_interest].max() if (e == event_of_interest).any() else t.max()
    base = d.drop(columns=["_t", "_e", "_entry", "_w"])
    out = base.assign(
        fg_id=np.arange(len(d)),
        fg_start=0.0,
        fg_stop=t,
        fg_status=(e == event_of_interest).astype(int),
        fg_weight=1.0,
    )
    comp = np.flatnonzero((e != 0) & (e != event_of_interest) & (t < t_max))
    pieces = [out]
    if len(comp):
        all_t = ct["time"].to_numpy()
        g_before = np.r_[1.0, g_all[:-1]]  # G(t-) at each table time
        rows_id, starts, stops, weights = [], [], [], []
        for i in comp:
            ti = t[i]
            k = int(np.searchsorted(all_t, ti))
            g_minus = g_before[k]  # G(T_i-): censorings at T_i come after
            cut = ctimes[(ctimes > ti) & (ctimes < t_max)]
            bounds = np.r_[ti, cut, t_max]
            # weight on (a, b] is G(a)/G(T_i-), G(a) after the drops at times <= a
            g_a = g_all[np.searchsorted(all_t, bounds[:-1])]
            wts = g_a / g_minus if g_minus > 0 else np.zeros(len(g_a))
            rows_id.append(np.full(len(wts), i))
            starts.append(bounds[:-1])
            stops.append(bounds[1:])
            weights.append(wts)
        ext = out.iloc[np.concatenate(rows_id)].copy()
        ext["fg_start"] = np.concatenate(starts)
        ext["fg_stop"] = np.concatenate(stops)
        ext["fg_status"] = 0
        ext["fg_weight"] = np.concatenate(weights)
        pieces.append(ext)
    res = pd.concat(pieces).sort_values(["fg_id", "fg_start"], kind="stable")
    res = res[res["fg_weight"] > 0]
    return res.reset_index(drop=True)


class FineGray:
    """Fine-Gray subdistribution-hazard regression.

    ``exp(coef)`` is the subdistribution hazard ratio: above 1 means a
    covariate *raises the cumulative incidence* of the event of interest
    (e.g. more customers converting by any day), accounting for churn.

    Parameters
    ----------
    event_of_interest : int
        The event code modelled (1 = reached the stage); other non-zero codes
        compete.
    level : float
        Confidence level of the intervals.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> x = rng.integers(0, 2, 300)
    >>> d = pd.DataFrame({"duration": rng.exponential(1 / np.exp(0.5 * x)), "x": x,
    ...                   "event": rng.choice([0, 1, 2], 300, p=[.2, .5, .3])})
    >>> fg = FineGray().fit(d, covariates=["x"])
    >>> list(fg.summary.columns[:4])
    ['term', 'effect', 'estimate', 'se']
    """

    def __init__(self, *, event_of_interest: int = 1, level: float = 0.95) -> None:
        self.event_of_interest = event_of_interest
        self.level = level

    def fit(
        self,
        data: pd.DataFrame,
        *,
        covariates: Sequence[str],
        duration: str = "duration",
        event: str = "event",
        reference: dict[str, Any] | None = None,
    ) -> FineGray:
        """Fit on a durations frame; categorical covariates are dummy-coded
        against ``reference[col]`` (default the first level)."""
        from cjresearch.timetoevent.coxmodels import cox_design, hazard_ratio_table, lifelines_call

        check_level(self.level)
        check_columns(data, list(covariates), "durations")
        x, terms = cox_design(data, covariates, reference)
        base = pd.concat(
            [data[[duration, event]].reset_index(drop=True), x.reset_index(drop=True)], axis=1
        )
        if not (pd.to_numeric(base[event], errors="coerce") == self.event_of_interest).any():
            raise DataValidationError(
                f"no events of type {self.event_of_interest}: nothing to model",
                source="durations",
                column=event,
            )
        long = finegray_frame(
            base, duration=duration, event=event, event_of_interest=self.event_of_interest
        )
        long = long[long["fg_stop"] > long["fg_start"]]
        from lifelines import CoxTimeVaryingFitter

        ctv = CoxTimeVaryingFitter(alpha=1 - self.level)
        cols = terms + ["fg_id", "fg_start", "fg_stop", "fg_status", "fg_weight"]
        lifelines_call(
            lambda: ctv.fit(
                long[cols],
                event_col="fg_status",
                start_col="fg_start",
                stop_col="fg_stop",
                weights_col="fg_weight",
                id_col="fg_id",
            ),
            what="Fine-Gray model",
        )
        self.lifelines_model_ = ctv
        self.expanded_rows_ = len(long)
        s = ctv.summary
        events = int((pd.to_numeric(data[event]) == self.event_of_interest).sum())
        self.summary = hazard_ratio_table(s, self.level, len(data), events)
        self.coef_ = pd.Series(s["coef"].to_numpy(), index=s.index)
        return self

    def _repr_html_(self) -> str:
        if not hasattr(self, "summary"):
            return "<p>FineGray (not fitted)</p>"
        return "<p>Fine-Gray subdistribution hazard ratios</p>" + self.summary.to_html(
            index=False, float_format=lambda v: f"{v:.3g}"
        )

    def __repr__(self) -> str:
        return f"FineGray(event_of_interest={self.event_of_interest}, level={self.level})"
