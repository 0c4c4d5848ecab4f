"""Fine-Gray subdistribution-hazard regression, built as R's ``finegray()`` does.

:func:`finegray_frame` expands a competing-risks frame with
inverse-probability-of-censoring weights; :class:`FineGray` fits a weighted Cox
model to it (:func:`~cjresearch.timetoevent.coxfit.cox_fit`, R's ``coxph``
algorithm).  Events at time 0 are kept: as in R, the rows then start just
below 0 (at -1), so that an event at 0 lies inside its interval.  Cumulative
incidence curves are in :mod:`cjresearch.timetoevent.competing`.
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
    ``fg_id``.  The first row of each customer starts at 0, or at -1 when some
    duration is 0 (R's ``finegray``: a start below every time), so that
    events at time 0 stay in the data.

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
        fg_start=0.0 if t.min() > 0 else 2 * t.min() - 1.0,  # R: below every time
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

    The model is a weighted Cox model on :func:`finegray_frame` (R:
    ``coxph(Surv(fgstart, fgstop, fgstatus) ~ ..., weights = fgwt,
    cluster = id)`` on ``finegray()`` data); its coefficients are R's.

    Parameters
    ----------
    event_of_interest : int
        The event code modelled (1 = reached the stage); other non-zero codes
        compete.
    variance : {"robust", "model"}
        Which standard error ``summary["se"]`` (and the intervals and
        p-values) use.  ``"robust"`` (default): the sandwich variance clustered
        on the customer, R's ``robust se`` with ``cluster = id``; it treats
        the rows of one customer as one unit and the censoring weights as
        weights, not as counts of people, and agrees with ``cmprsk::crr``'s
        Fine-Gray variance (within 0.05% on continuous times, 0.6% on
        mgus2's tied months).  ``"model"``: the inverse information of the
        weighted partial likelihood, R's ``se(coef)`` on the same data
        (``coxph``'s ``naive.var``); it treats the expanded rows as
        independent and is off by a few per cent.  Both are kept in
        ``se_model_`` and ``se_robust_``.
    ties : {"efron", "breslow"}
        Handling of tied event times (R's ``coxph`` default is Efron;
        ``cmprsk::crr`` is Breslow-like).
    level : float
        Confidence level of the intervals.

    Attributes
    ----------
    summary : DataFrame
        ``term``, ``effect`` (log subdistribution hazard ratio), ``estimate``
        (its exp), ``se`` (as chosen by ``variance``), ``ci_low``,
        ``ci_high``, ``p_value``, ``n`` (customers), ``n_event`` (events of
        interest used in the fit: all of them, those at time 0 included).
    se_model_, se_robust_ : Series
        Both standard errors of ``coef_``.

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

    def __init__(
        self,
        *,
        event_of_interest: int = 1,
        variance: str = "robust",
        ties: str = "efron",
        level: float = 0.95,
    ) -> None:
        self.event_of_interest = event_of_interest
        self.variance = variance
        self.ties = ties
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
        from cjresearch.timetoevent.coxfit import TIES, cox_fit
        from cjresearch.timetoevent.coxmodels import cox_design, hazard_ratio_table

        check_level(self.level)
        if self.variance not in ("robust", "model"):
            raise DataValidationError(
                f"variance={self.variance!r} is not allowed",
                fix="use variance='robust' (default) or variance='model'",
            )
        if self.ties not in TIES:
            raise DataValidationError(
                f"ties={self.ties!r} is not allowed", fix="use ties='efron' or ties='breslow'"
            )
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
        try:
            fit = cox_fit(
                long[terms].to_numpy(float),
                long["fg_stop"].to_numpy(),
                long["fg_status"].to_numpy(),
                start=long["fg_start"].to_numpy(),
                weight=long["fg_weight"].to_numpy(),
                cluster=long["fg_id"].to_numpy(),
                ties=self.ties,
            )
        except np.linalg.LinAlgError as exc:
            raise DataValidationError(
                "the Fine-Gray model could not be fitted: the data do not pin down the effects "
                "(a covariate that perfectly predicts the event, or too few events)",
                source="durations",
                fix="drop or merge sparse covariates/levels",
            ) from exc
        self.fit_ = fit
        self.expanded_rows_ = len(long)
        self.coef_ = pd.Series(fit.coef, index=terms)
        self.se_model_ = pd.Series(np.sqrt(np.diag(fit.var)), index=terms)
        self.se_robust_ = pd.Series(np.sqrt(np.diag(fit.var_robust)), index=terms)
        se = self.se_robust_ if self.variance == "robust" else self.se_model_
        table = pd.DataFrame(
            {"coef": fit.coef, "se(coef)": se.to_numpy(), "p": wald_p(fit.coef, se.to_numpy())},
            index=terms,
        )
        self.summary = hazard_ratio_table(table, self.level, len(data), fit.n_event)
        return self

    def _repr_html_(self) -> str:
        if not hasattr(self, "summary"):
            return "<p>FineGray (not fitted)</p>"
        return (
            f"<p>Fine-Gray subdistribution hazard ratios ({self.variance} standard errors; "
            f"{int(self.summary['n_event'].iloc[0])} events used)</p>"
            + self.summary.to_html(index=False, float_format=lambda v: f"{v:.3g}")
        )

    def __repr__(self) -> str:
        return (
            f"FineGray(event_of_interest={self.event_of_interest}, variance={self.variance!r}, "
            f"ties={self.ties!r}, level={self.level})"
        )


def wald_p(coef: np.ndarray, se: np.ndarray) -> np.ndarray:
    """Two-sided p-values of Wald tests coef / se."""
    from scipy import stats

    with np.errstate(divide="ignore", invalid="ignore"):
        return 2 * stats.norm.sf(np.abs(np.asarray(coef) / np.asarray(se)))
