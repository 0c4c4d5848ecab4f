"""Cox models of what speeds or slows progression (wrappers over lifelines).

* :class:`ProgressionCox` -- proportional hazards of reaching the next stage:
  hazard ratios with intervals, the proportional-hazards check with a
  plain-language note when it fails;
* :class:`TimeVaryingCox` with :func:`exposure_intervals` -- touchpoint
  exposure that happens *during* the wait (counting-process data), so a
  touchpoint is not credited with time before the customer saw it.

A hazard ratio above 1 means customers with that trait move on *faster*.
:class:`ProgressionCox` takes its coefficients and standard errors from
:func:`~cjresearch.timetoevent.coxfit.cox_fit` (R's ``coxph`` algorithm: Efron
or Breslow ties, and with weights R's robust variance from weighted dfbeta
residuals, which handle tied times as R does; lifelines' score residuals do
not split tied deaths, which put its weighted robust SEs 0.2-0.6% below R's);
lifelines' Efron fit supplies the concordance and the proportional-hazards
check.  Exposure covariates (:func:`with_exposure`, :func:`exposure_intervals`)
are built in :mod:`cjresearch.timetoevent.exposure`.  Errors from lifelines never
reach the user raw: they are re-raised as
:class:`~cjresearch.core.errors.DataValidationError` with a plain message.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from cjresearch.core.columns import CI_HIGH, CI_LOW, EFFECT, ESTIMATE, P_VALUE, SE, N
from cjresearch.core.errors import DataValidationError, UnreliableEstimateWarning
from cjresearch.core.stats import check_level, z_value
from cjresearch.timetoevent.coxfit import TIES, cox_fit
from cjresearch.timetoevent.exposure import exposure_intervals, exposure_times, with_exposure
from cjresearch.timetoevent.survtables import check_columns, check_durations

__all__ = [
    "ProgressionCox",
    "TimeVaryingCox",
    "exposure_intervals",
    "exposure_times",
    "with_exposure",
]


def cox_design(
    data: pd.DataFrame, covariates: Sequence[str], reference: Mapping[str, Any] | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Numeric design matrix; text/categorical columns become 0/1 dummies
    against their reference level (``reference[col]``, default the first
    level), named ``col[level]``."""
    reference = dict(reference or {})
    parts = []
    for c in covariates:
        col = data[c]
        if col.isna().any():
            raise DataValidationError(
                f"{int(col.isna().sum())} missing values",
                source="durations",
                column=c,
                rows=data.index[col.isna()].tolist()[:20],
                fix="drop these rows or fill the values before modelling",
            )
        if pd.api.types.is_bool_dtype(col) or pd.api.types.is_numeric_dtype(col):
            parts.append(col.astype(float).rename(c))
        else:
            cat = col.astype("category")
            levels = list(cat.cat.categories)
            if len(levels) < 2:
                raise DataValidationError(
                    f"only one level ({levels}): it cannot explain anything",
                    source="durations",
                    column=c,
                    fix="leave this covariate out",
                )
            ref = reference.get(c, levels[0])
            if ref not in levels:
                raise DataValidationError(
                    f"reference level {ref!r} does not occur",
                    source="durations",
                    column=c,
                    fix=f"choose one of {levels}",
                )
            for lev in [v for v in levels if v != ref]:
                parts.append((cat == lev).astype(float).rename(f"{c}[{lev}]"))
    x = pd.concat(parts, axis=1)
    const = [c for c in x.columns if x[c].nunique() < 2]
    if const:
        raise DataValidationError(
            f"covariate(s) {const} take a single value", source="durations", fix="leave them out"
        )
    return x, list(x.columns)


def lifelines_call(fn: Callable[[], Any], *, what: str) -> Any:
    """Run a lifelines fit; turn its errors and warnings into ours."""
    from lifelines.exceptions import ConvergenceError, ConvergenceWarning, StatisticalWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fn()
        except (ConvergenceError, np.linalg.LinAlgError, ZeroDivisionError) as exc:
            raise DataValidationError(
                f"the {what} could not be fitted: the data do not pin down the effects "
                "(a covariate that perfectly predicts who converts, a group without events, "
                "or too few events for the number of covariates)",
                source="durations",
                fix="drop or merge sparse covariates/levels, or add a small penalizer",
            ) from exc
        except (ValueError, TypeError, KeyError) as exc:
            raise DataValidationError(
                f"the {what} could not be fitted: {exc}", source="durations"
            ) from exc
    for w in caught:
        if issubclass(w.category, (ConvergenceWarning, StatisticalWarning)):
            text = str(w.message).split("\n")[0]
            warnings.warn(f"{what}: {text}", UnreliableEstimateWarning, stacklevel=3)
    return result


def hazard_ratio_table(summary: pd.DataFrame, level: float, n: int, events: int) -> pd.DataFrame:
    """A lifelines ``summary`` as the package's tidy table: ``term``, ``effect`` (log
    hazard ratio), ``estimate`` (hazard ratio) with ``se`` and Wald interval,
    ``p_value``, ``n``, ``n_event``."""
    z = z_value(level)
    b, se = summary["coef"].to_numpy(), summary["se(coef)"].to_numpy()
    with np.errstate(over="ignore"):
        return pd.DataFrame(
            {
                "term": [str(i) for i in summary.index],
                EFFECT: b,
                ESTIMATE: np.exp(b),
                SE: se,
                CI_LOW: np.exp(b - z * se),
                CI_HIGH: np.exp(b + z * se),
                P_VALUE: summary["p"].to_numpy(),
                N: n,
                "n_event": events,
            }
        )


_PH_NOTE = (
    "The effect of {term} on the speed of progression seems to change over the "
    "waiting time (proportional-hazards test p = {p:.3g}): read its hazard ratio as an "
    "average over the wait, and consider stratifying on it or splitting the time axis."
)


class ProgressionCox:
    """Cox proportional-hazards model of the time to reach a stage.

    Parameters
    ----------
    event_of_interest : int
        Event code counted as progression; other codes (churn) are treated as
        censoring, i.e. the model is of the cause-specific hazard.
    strata : list of str, optional
        Columns to stratify on (separate baseline hazard per level).
    penalizer : float
        Ridge penalty passed to lifelines (0 = plain maximum likelihood; the
        default).  With a penalty the whole fit is lifelines' (Efron ties only).
    ties : {"efron", "breslow"}
        Handling of tied times, as R's ``coxph(ties=)``; Efron (default) is
        R's default and the more accurate with many ties.
    level : float
        Confidence level.

    Attributes
    ----------
    summary : DataFrame
        ``term``, ``effect`` (log hazard ratio), ``estimate`` (hazard ratio),
        ``se``, ``ci_low``, ``ci_high`` (of the hazard ratio), ``p_value``,
        ``n``, ``n_event``.
    ph_check_ : DataFrame
        ``term``, ``statistic``, ``p_value``, ``ok``, ``note`` (plain language).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> x = rng.integers(0, 2, 400)
    >>> d = pd.DataFrame({"duration": rng.exponential(1 / np.exp(0.7 * x)), "event": 1, "x": x})
    >>> m = ProgressionCox().fit(d, covariates=["x"], check_ph=False)
    >>> bool(m.summary["ci_low"].iloc[0] < 2.01 < m.summary["ci_high"].iloc[0])
    True
    """

    def __init__(
        self,
        *,
        event_of_interest: int = 1,
        strata: Sequence[str] | None = None,
        penalizer: float = 0.0,
        ties: str = "efron",
        level: float = 0.95,
    ) -> None:
        self.event_of_interest = event_of_interest
        self.strata = list(strata) if strata else None
        self.penalizer = penalizer
        self.ties = ties
        self.level = level

    def fit(
        self,
        data: pd.DataFrame,
        *,
        covariates: Sequence[str],
        duration: str = "duration",
        event: str = "event",
        weight: str | None = None,
        entry: str | None = "entry",
        reference: Mapping[str, Any] | None = None,
        check_ph: bool = True,
    ) -> ProgressionCox:
        """Fit the model to a durations frame; returns self.

        ``covariates`` may be numeric (touchpoint exposure, linked survey
        scores) or categorical (segment, channel: dummy-coded against
        ``reference[col]``, default the first level). With ``weight`` the
        robust (sandwich) variance is used, as R's ``coxph`` does for
        non-integer weights (each row its own cluster). When the frame has an ``entry``
        column (customers observed from mid-journey, see
        :func:`~cjresearch.timetoevent.progression.stage_durations`), each customer counts
        as at risk only from their entry time (left truncation).
        """
        from lifelines import CoxPHFitter

        check_level(self.level)
        if self.ties not in TIES:
            raise DataValidationError(
                f"ties={self.ties!r} is not allowed", fix="use ties='efron' or ties='breslow'"
            )
        if self.ties != "efron" and self.penalizer:
            raise DataValidationError(
                "a penalised model is fitted by lifelines, which has Efron ties only",
                fix="use ties='efron' with a penalizer, or penalizer=0",
            )
        d = check_durations(data, duration=duration, event=event, entry=entry, weight=weight)
        check_columns(d, list(covariates) + (self.strata or []), "durations")
        truncated = bool((d["_entry"] > 0).any())
        x, terms = cox_design(d, covariates, reference)
        e = (d["_e"] == self.event_of_interest).astype(int)
        if e.sum() == 0:
            raise DataValidationError(
                "no events: the model has nothing to explain", source="durations", column=event
            )
        frame = pd.concat(
            [x, d[["_t"]].rename(columns={"_t": "T"}), e.rename("E"), d["_w"].rename("W")]
            + ([d["_entry"].rename("ENTRY")] if truncated else [])
            + ([d[self.strata]] if self.strata else []),
            axis=1,
        ).reset_index(drop=True)
        frame["T"] = frame["T"].clip(lower=1e-9)  # same-instant progression (skipped stages)
        cph = CoxPHFitter(penalizer=self.penalizer, alpha=1 - self.level)
        lifelines_call(
            lambda: cph.fit(
                frame,
                "T",
                "E",
                weights_col="W",
                strata=self.strata,
                entry_col="ENTRY" if truncated else None,
                robust=weight is not None,
            ),
            what="Cox model",
        )
        self.lifelines_model_ = cph
        self.terms_ = terms
        table = cph.summary
        self.log_likelihood_ratio_ = float(cph.log_likelihood_ratio_test().test_statistic)
        if not self.penalizer:
            fit = cox_fit(
                x.to_numpy(float),
                d["_t"].to_numpy(),
                e.to_numpy(),
                # entry 0: at risk from the origin, time 0 included (as the curves count it)
                start=np.where(d["_entry"] > 0, d["_entry"], -np.inf) if truncated else None,
                weight=d["_w"].to_numpy(),
                strata=(
                    frame[self.strata].astype(str).agg("\x1f".join, axis=1).to_numpy()
                    if self.strata
                    else None
                ),
                ties=self.ties,
            )
            var = fit.var_robust if weight is not None else fit.var
            se = np.sqrt(np.diag(var))
            with np.errstate(divide="ignore", invalid="ignore"):
                p = 2 * stats.norm.sf(np.abs(fit.coef / se))
            table = pd.DataFrame({"coef": fit.coef, "se(coef)": se, "p": p}, index=terms)
            self.fit_ = fit
            self.log_likelihood_ratio_ = 2 * (fit.loglik - fit.loglik_null)
        self.summary = hazard_ratio_table(table, self.level, len(d), int(e.sum()))
        self.concordance_ = float(cph.concordance_index_)
        self.ph_check_ = self._ph_check(cph, frame) if check_ph else None
        return self

    @staticmethod
    def _ph_check(cph: Any, frame: pd.DataFrame) -> pd.DataFrame:
        from lifelines.statistics import proportional_hazard_test

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                res = proportional_hazard_test(cph, frame, time_transform="rank").summary
        except Exception as exc:  # noqa: BLE001 - the check is advisory, never fail the fit
            warnings.warn(
                f"the proportional-hazards check could not run ({exc})",
                UnreliableEstimateWarning,
                stacklevel=3,
            )
            return pd.DataFrame(columns=["term", "statistic", P_VALUE, "ok", "note"])
        rows = []
        for term, r in res.iterrows():
            term = term[0] if isinstance(term, tuple) else term
            ok = bool(r["p"] >= 0.05)
            rows.append(
                {
                    "term": str(term),
                    "statistic": float(r["test_statistic"]),
                    P_VALUE: float(r["p"]),
                    "ok": ok,
                    "note": "no sign that the effect changes over the wait"
                    if ok
                    else _PH_NOTE.format(term=term, p=r["p"]),
                }
            )
        out = pd.DataFrame(rows)
        if not out["ok"].all():
            warnings.warn(
                "proportional hazards look doubtful for "
                f"{out.loc[~out['ok'], 'term'].tolist()}; see ph_check_",
                UnreliableEstimateWarning,
                stacklevel=3,
            )
        return out

    def _repr_html_(self) -> str:
        if not hasattr(self, "summary"):
            return "<p>ProgressionCox (not fitted)</p>"
        return (
            "<p>Cox model: hazard ratios of progressing (above 1 = faster)</p>"
            + self.summary.to_html(index=False, float_format=lambda v: f"{v:.3g}")
        )

    def __repr__(self) -> str:
        return (
            f"ProgressionCox(strata={self.strata}, penalizer={self.penalizer}, ties={self.ties!r})"
        )


class TimeVaryingCox:
    """Cox model on counting-process data (exposure that changes during the wait).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"customer_id": range(6), "duration": [5., 3, 4, 6, 2, 7],
    ...                   "event": [1, 1, 1, 0, 1, 1]})
    >>> x = pd.DataFrame({"customer_id": [0, 2, 3, 5], "time": [2., 1, 3, 6]})
    >>> rows = exposure_intervals(d, x)
    >>> TimeVaryingCox().fit(rows, covariates=["exposed"]).summary["term"].tolist()
    ['exposed']
    """

    def __init__(
        self, *, event_of_interest: int = 1, penalizer: float = 0.0, level: float = 0.95
    ) -> None:
        self.event_of_interest = event_of_interest
        self.penalizer = penalizer
        self.level = level

    def fit(
        self,
        data: pd.DataFrame,
        *,
        covariates: Sequence[str],
        id_col: str = "customer_id",
        start: str = "start",
        stop: str = "stop",
        event: str = "event",
    ) -> TimeVaryingCox:
        """Fit on rows from :func:`exposure_intervals`; returns self."""
        from lifelines import CoxTimeVaryingFitter

        check_level(self.level)
        check_columns(data, [id_col, start, stop, event] + list(covariates), "intervals")
        if (data[stop] <= data[start]).any():
            raise DataValidationError(
                "intervals with stop <= start",
                source="intervals",
                column=stop,
                rows=data.index[data[stop] <= data[start]].tolist(),
                fix="drop zero-length intervals",
            )
        x, terms = cox_design(data, covariates)
        frame = pd.concat(
            [
                x,
                data[[id_col, start, stop]]
                .reset_index(drop=True)
                .set_axis(["_id", "_start", "_stop"], axis=1)
                .set_index(x.index),
            ],
            axis=1,
        )
        frame["_E"] = (pd.to_numeric(data[event]) == self.event_of_interest).astype(int).to_numpy()
        ctv = CoxTimeVaryingFitter(penalizer=self.penalizer, alpha=1 - self.level)
        lifelines_call(
            lambda: ctv.fit(
                frame, event_col="_E", start_col="_start", stop_col="_stop", id_col="_id"
            ),
            what="time-varying Cox model",
        )
        self.lifelines_model_ = ctv
        self.terms_ = terms
        self.summary = hazard_ratio_table(
            ctv.summary, self.level, int(data[id_col].nunique()), int(frame["_E"].sum())
        )
        return self

    def _repr_html_(self) -> str:
        if not hasattr(self, "summary"):
            return "<p>TimeVaryingCox (not fitted)</p>"
        return "<p>Time-varying Cox model: hazard ratios of progressing</p>" + self.summary.to_html(
            index=False, float_format=lambda v: f"{v:.3g}"
        )

    def __repr__(self) -> str:
        return f"TimeVaryingCox(penalizer={self.penalizer})"
