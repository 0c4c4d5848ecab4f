"""Reliability of multi-item scales and key-driver analysis.

Reliability: Cronbach's alpha with Feldt's (1965) F-distribution interval,
corrected item-total correlations and alpha-if-item-deleted (listwise
complete answers).

Key drivers: which ratings move an outcome (overall satisfaction, NPS).
Relative importance splits the model R^2 among correlated drivers, either by
LMG (the Shapley value of R^2 over all orders of entry; Lindeman, Merenda &
Gold 1980) or by Johnson's (2000) relative weights.  Both are computed from the
(weighted) correlation matrix; percentile bootstrap intervals resample
respondents (whole PSUs when the design has clusters).  Beside them:
standardised regression coefficients from a statsmodels WLS fit (model-based
SEs) and variance inflation factors (VIF > 5 flags collinearity).

A yes/no outcome (a 'satisfied' flag) is fitted by a logistic regression
instead: its relative weights (Tonidandel & LeBreton 2010,
:mod:`cjresearch.survey.logitweights`) split the model's R² (the squared
correlation of the outcome with the predicted probability) among the drivers.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from math import factorial
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from cjresearch.core.columns import CI_HIGH, CI_LOW, ESTIMATE, P_VALUE, N
from cjresearch.core.errors import (
    DataValidationError,
    RowsExcludedWarning,
    UnreliableEstimateWarning,
)
from cjresearch.core.stats import check_level
from cjresearch.inputs.answers import warn_zero_code, zero_looks_like_a_code
from cjresearch.inputs.measures import Measure
from cjresearch.survey.design import SurveyDesign, as_design, numeric_column
from cjresearch.survey.logitweights import (
    LOGISTIC_METHOD,
    batch_logistic_weights,
    fit_logistic_weights,
    logistic_coefficients,
    resample_weights,
)

__all__ = [
    "KeyDrivers",
    "cronbach_alpha",
    "item_analysis",
    "key_drivers",
    "lmg",
    "relative_weights",
]


def _complete(
    data: pd.DataFrame,
    columns: Sequence[str],
    what: str,
    source: str | None = None,
    prepared: Mapping[str, pd.Series] | None = None,
) -> pd.DataFrame:
    cols = list(columns)
    if len(set(cols)) != len(cols):
        raise DataValidationError(f"{what}: a column is listed twice", fix="list each column once")
    ready = prepared or {}
    frame = pd.DataFrame(
        {c: ready[c] if c in ready else numeric_column(data, c, source=source) for c in cols}
    )
    ok = frame.notna().all(axis=1)
    if not ok.all():
        warnings.warn(
            f"{what}: {int((~ok).sum())} respondents with a missing answer are left out "
            f"(listwise), {int(ok.sum())} remain",
            RowsExcludedWarning,
            stacklevel=3,
        )
    return frame[ok]


# ------------------------------------------------------------------ reliability
def _alpha(x: np.ndarray) -> float:
    k = x.shape[1]
    cov = np.cov(x, rowvar=False, ddof=1)
    total = cov.sum()
    if total <= 0:
        return float("nan")
    return float(k / (k - 1) * (1 - np.trace(cov) / total))


def cronbach_alpha(
    data: pd.DataFrame, *, items: Sequence[str], level: float = 0.95
) -> pd.DataFrame:
    """Cronbach's alpha of a multi-item scale with Feldt's interval.

    Returns one row: ``n`` (complete respondents), ``k`` (items),
    ``estimate``, ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [1, 2, 3, 4, 4], "c": [2, 2, 3, 5, 5]})
    >>> round(float(cronbach_alpha(df, items=["a", "b", "c"])["estimate"].iloc[0]), 3)
    0.979
    """
    if len(items) < 2:
        raise DataValidationError("alpha needs at least two items", fix="list the scale's items")
    x = _complete(data, items, "cronbach_alpha").to_numpy()
    n, k = x.shape
    if n < 3:
        raise DataValidationError(f"only {n} complete respondents", fix="alpha needs at least 3")
    if (x.std(axis=0) == 0).any():
        raise DataValidationError(
            "an item has the same answer for everyone", fix="drop constant items from the scale"
        )
    a = _alpha(x)
    level = check_level(level)
    d1, d2 = n - 1, (n - 1) * (k - 1)
    lo = 1 - (1 - a) * stats.f.ppf(0.5 + level / 2, d1, d2)
    hi = 1 - (1 - a) * stats.f.ppf(0.5 - level / 2, d1, d2)
    return pd.DataFrame({N: [n], "k": [k], ESTIMATE: [a], CI_LOW: [lo], CI_HIGH: [hi]})


def item_analysis(data: pd.DataFrame, *, items: Sequence[str]) -> pd.DataFrame:
    """Per item: mean, corrected item-total correlation and alpha if the item is deleted.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [1, 2, 3, 4, 4], "c": [2, 2, 3, 5, 5]})
    >>> item_analysis(df, items=["a", "b", "c"])["item"].tolist()
    ['a', 'b', 'c']
    """
    if len(items) < 3:
        raise DataValidationError(
            "item analysis needs at least three items", fix="alpha-if-deleted needs two items left"
        )
    frame = _complete(data, items, "item_analysis")
    x = frame.to_numpy()
    total = x.sum(axis=1)
    rows = []
    for j, item in enumerate(items):
        rest = total - x[:, j]
        rows.append(
            {
                "item": item,
                N: len(x),
                "mean": x[:, j].mean(),
                "item_total_corr": float(np.corrcoef(x[:, j], rest)[0, 1]),
                "alpha_if_deleted": _alpha(np.delete(x, j, axis=1)),
            }
        )
    return pd.DataFrame(rows)


# ------------------------------------------------------------ relative importance
def _wcorr(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    m = np.average(x, axis=0, weights=w)
    c = x - m
    cov = (c * w[:, None]).T @ c / w.sum()
    s = np.sqrt(np.diag(cov))
    return cov / np.outer(s, s)


def _subset_r2(corr: np.ndarray) -> np.ndarray:
    """R^2 of the outcome (last column) on every subset of drivers, indexed by bitmask."""
    p = corr.shape[0] - 1
    rxx, rxy = corr[:p, :p], corr[:p, p]
    r2 = np.zeros(2**p)
    for mask in range(1, 2**p):
        idx = [j for j in range(p) if mask >> j & 1]
        sub = rxy[idx]
        r2[mask] = float(sub @ np.linalg.solve(rxx[np.ix_(idx, idx)], sub))
    return r2


def lmg(corr: np.ndarray) -> np.ndarray:
    """LMG (Shapley) shares of R^2 from a correlation matrix (outcome last); they sum to R^2.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[1.0, 0.0, 0.6], [0.0, 1.0, 0.3], [0.6, 0.3, 1.0]])
    >>> lmg(c).round(2).tolist()
    [0.36, 0.09]
    """
    p = corr.shape[0] - 1
    r2 = _subset_r2(corr)
    out = np.zeros(p)
    for j in range(p):
        bit = 1 << j
        for mask in range(2**p):
            if mask & bit:
                continue
            s = mask.bit_count()
            out[j] += (
                factorial(s) * factorial(p - s - 1) / factorial(p) * (r2[mask | bit] - r2[mask])
            )
    return out


def relative_weights(corr: np.ndarray) -> np.ndarray:
    """Johnson's relative weights from a correlation matrix (outcome last); they sum to R^2.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[1.0, 0.0, 0.6], [0.0, 1.0, 0.3], [0.6, 0.3, 1.0]])
    >>> relative_weights(c).round(2).tolist()
    [0.36, 0.09]
    """
    p = corr.shape[0] - 1
    vals, vecs = np.linalg.eigh(corr[:p, :p])
    if vals.min() <= 1e-12:
        raise DataValidationError(
            "the drivers are perfectly collinear",
            fix="drop a driver that is a combination of others",
        )
    lam = vecs @ np.diag(np.sqrt(vals)) @ vecs.T
    beta = np.linalg.solve(lam, corr[:p, p])
    return (lam**2) @ (beta**2)


class KeyDrivers:
    """Key-driver analysis: relative importance with bootstrap intervals, beside regression.

    Parameters
    ----------
    outcome : str
        The outcome column (overall satisfaction, NPS, ...).
    drivers : list of str
        The driver columns (touchpoint ratings).
    design : SurveyDesign or dict, optional
        Weights (and clusters, resampled whole in the bootstrap).
    method : {"lmg", "relative_weights"}
        The importance measure of the linear model.
    model : {"auto", "linear", "logistic"}
        ``"auto"`` fits a logistic regression when the outcome is binary (only
        0 and 1 after preparation: a 0/1 or True/False column, or a binary
        :class:`~cjresearch.inputs.measures.Measure`) and a linear one
        otherwise.  The logistic model's importance is always its relative
        weights (Tonidandel & LeBreton 2010; ``method`` is then not used);
        ``"linear"`` keeps the linear probability model with ``method``.
    n_boot : int
        Bootstrap resamples for the intervals.
    level : float
        Confidence level.
    seed : int
        Seed of the bootstrap.
    vif_limit : float
        VIFs above this flag a driver as ``collinear``.
    na_codes : sequence or dict, optional
        Answers meaning "not applicable" / "don't know", such as ``[0]`` on
        1-5 ratings: a sequence applies to every driver (not to the
        outcome), ``{column: codes}`` to the columns named (the outcome
        too).  They are set to missing per driver and counted
        (``na_excluded_``, with a :class:`~cjresearch.core.errors.RowsExcludedWarning`);
        the model then uses the complete cases (respondents with an answer
        to every driver and the outcome after the na codes are removed),
        also counted and warned.

    Notes
    -----
    Outcome and drivers may also be :class:`~cjresearch.inputs.measures.Measure`
    objects: their columns are read by
    :meth:`~cjresearch.inputs.measures.Measure.prepare` (their own na codes,
    scale check; binary labels become 0/1).

    *Binary outcome* (``model_ == "logistic"``): the drivers are replaced by
    their closest orthogonal counterparts ``Z`` (Johnson 2000), the outcome is
    fitted by a (weighted) logistic regression on ``Z``, its coefficients are
    fully standardised as ``b · sd(Z) · R_O / sd(logit ŷ)`` with
    ``R_O² = corr(y, p̂)²``, and each driver's weight is the sum of its squared
    correlations with the ``Z`` times their squared standardised coefficients
    (:mod:`cjresearch.survey.logitweights`).  The weights sum to ``R_O²``,
    reported as ``r2_``.  Intervals come from the same bootstrap as the linear
    model's.  ``std_coef`` is then the driver's fully standardised logit
    coefficient, ``std_coef_se`` and ``p_value`` are model-based (Wald, the
    weights scaled to mean 1), and ``sign`` is the sign of the logit
    coefficient.  The summary's ``attrs`` name the model and the importance
    method (``attrs["model"]``, ``attrs["method"]``).

    Attributes
    ----------
    summary : DataFrame
        One row per driver, most important first: ``driver``, ``n``,
        ``estimate`` (share of R^2 explained by the driver), ``ci_low``,
        ``ci_high``, ``sign`` (+1: a higher rating goes with a higher outcome,
        -1: with a lower one, from the standardised coefficient; the
        importance itself has no direction), ``share`` (estimate / R^2),
        ``rank``, ``std_coef``,
        ``std_coef_se``, ``p_value`` (model-based), ``vif``, ``collinear``.
    r2_ : float
        R^2 of the full model (logistic: ``corr(y, p̂)²``).
    model_ : str
        ``"linear"`` or ``"logistic"``.
    method_ : str
        The importance method used, in words (for the report).
    na_excluded_ : Series
        Per column, the answers set to missing as na codes.
    n_excluded_ : int
        Respondents left out for a missing answer (after na codes).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame(rng.normal(size=(300, 2)), columns=["a", "b"])
    >>> df["y"] = 2 * df.a + df.b + rng.normal(size=300)
    >>> kd = KeyDrivers("y", ["a", "b"], n_boot=50).fit(df)
    >>> kd.summary["driver"].tolist()
    ['a', 'b']
    """

    def __init__(
        self,
        outcome: str | Measure,
        drivers: Sequence[str | Measure],
        *,
        design: SurveyDesign | Mapping[str, Any] | None = None,
        method: str = "lmg",
        model: str = "auto",
        n_boot: int = 500,
        level: float = 0.95,
        seed: int = 0,
        vif_limit: float = 5.0,
        na_codes: Sequence[float] | Mapping[str, Sequence[float]] = (),
    ) -> None:
        if method not in ("lmg", "relative_weights"):
            raise DataValidationError(
                f"unknown method {method!r}", fix="use 'lmg' or 'relative_weights'"
            )
        if model not in ("auto", "linear", "logistic"):
            raise DataValidationError(
                f"unknown model {model!r}", fix="use 'auto', 'linear' or 'logistic'"
            )
        self.model = model
        if len(drivers) < 2:
            raise DataValidationError("key-driver analysis needs at least two drivers")
        if method == "lmg" and len(drivers) > 15:
            raise DataValidationError(
                f"LMG over {len(drivers)} drivers needs 2^{len(drivers)} models",
                fix="use method='relative_weights' or fewer drivers",
            )
        self._measures = {m.column: m for m in [outcome, *drivers] if isinstance(m, Measure)}
        self.outcome = outcome.column if isinstance(outcome, Measure) else outcome
        self.drivers = [d.column if isinstance(d, Measure) else d for d in drivers]
        self.design = design
        if isinstance(na_codes, Mapping):
            unknown = sorted(set(na_codes) - {self.outcome, *self.drivers})
            if unknown:
                raise DataValidationError(
                    f"na_codes names columns {unknown} that are neither the outcome nor a driver",
                    fix="key na_codes by the outcome and driver columns",
                )
            self.na_codes = {str(c): tuple(v) for c, v in na_codes.items()}
        else:
            self.na_codes = {c: tuple(na_codes) for c in self.drivers}
        self.method, self.n_boot, self.level, self.seed = method, n_boot, level, seed
        self.vif_limit = vif_limit

    def fit(self, data: pd.DataFrame) -> KeyDrivers:
        """Fit on ``data`` (one row per respondent); returns self."""
        check_level(self.level)
        d = as_design(data, self.design)
        prepared = self._prepare(d)
        frame = _complete(
            d.data, [*self.drivers, self.outcome], "key drivers", d.source, prepared=prepared
        )
        self.n_excluded_ = int(len(d.data) - len(frame))
        if len(frame) < len(self.drivers) + 10:
            raise DataValidationError(
                f"only {len(frame)} complete respondents for {len(self.drivers)} drivers",
                fix="collect more answers",
            )
        keep = d.data.index.get_indexer(frame.index)
        x = frame.to_numpy()
        if (x.std(axis=0) == 0).any():
            const = [c for c, s in zip(frame.columns, x.std(axis=0), strict=True) if s == 0]
            raise DataValidationError(f"constant columns {const}", fix="drop them from the drivers")
        w = d.weights_[keep]
        psu = d.psu_codes[keep]
        corr = _wcorr(x, w)
        rng = np.random.default_rng(self.seed)
        self.model_ = self._model(x[:, -1])
        if self.model_ == "logistic":
            self.method_ = LOGISTIC_METHOD
            fitted = fit_logistic_weights(x[:, :-1], x[:, -1], w)
            est, coef = fitted["weights"], fitted["std_coef"]
            boot = np.vstack(
                [
                    batch_logistic_weights(x[:, :-1], x[:, -1], wb, base=w)["weights"]
                    for wb in resample_weights(rng, w, psu, self.n_boot)
                ]
            )
            se, pv = logistic_coefficients(x[:, :-1], x[:, -1], w, coef)
        else:
            self.method_ = self.method
            importance = lmg if self.method == "lmg" else relative_weights
            est = importance(corr)
            boot = self._linear_boot(x, w, psu, rng, importance)
            coef, se, pv = self._std_regression(x, w)
        r2 = float(est.sum())
        alpha = (1 - self.level) / 2
        lo, hi = np.nanquantile(boot, [alpha, 1 - alpha], axis=0)
        vif = np.diag(np.linalg.inv(corr[:-1, :-1]))
        out = pd.DataFrame(
            {
                "driver": self.drivers,
                N: len(x),
                ESTIMATE: est,
                CI_LOW: lo,
                CI_HIGH: hi,
                "sign": np.sign(coef).astype(int),
                "share": est / r2,
                "std_coef": coef,
                "std_coef_se": se,
                P_VALUE: pv,
                "vif": vif,
                "collinear": vif > self.vif_limit,
            }
        )
        out = out.sort_values(ESTIMATE, ascending=False, kind="stable").reset_index(drop=True)
        out.insert(list(out.columns).index("share") + 1, "rank", np.arange(1, len(out) + 1))
        if out["collinear"].any():
            warnings.warn(
                f"drivers {out.loc[out.collinear, 'driver'].tolist()} have VIF > "
                f"{self.vif_limit:g}; their separate importance is uncertain",
                UnreliableEstimateWarning,
                stacklevel=2,
            )
        out.attrs.update(model=self.model_, method=self.method_)
        self.summary, self.r2_, self.boot_ = out, r2, boot
        self.corr_ = pd.DataFrame(corr, index=frame.columns, columns=frame.columns)
        return self

    def _model(self, y: np.ndarray) -> str:
        """The model the outcome calls for: logistic for a 0/1 outcome under ``"auto"``."""
        binary = bool(np.isin(y, (0.0, 1.0)).all())
        if self.model == "logistic" and not binary:
            odd = sorted(set(np.unique(y).tolist()) - {0.0, 1.0})[:5]
            raise DataValidationError(
                f"model='logistic' needs a 0/1 outcome; column '{self.outcome}' also has {odd}",
                fix="code the outcome 0/1 (or give a binary Measure), or use model='linear'",
            )
        if self.model == "linear" or not binary:
            return "linear"
        return "logistic"

    def _linear_boot(
        self,
        x: np.ndarray,
        w: np.ndarray,
        psu: np.ndarray,
        rng: np.random.Generator,
        importance: Callable[[np.ndarray], np.ndarray],
    ) -> np.ndarray:
        """Bootstrap importances of the linear model: respondents, or whole PSUs, resampled."""
        ids = np.unique(psu)
        members = [np.nonzero(psu == i)[0] for i in ids] if len(ids) < len(psu) else None
        boot = np.empty((self.n_boot, len(self.drivers)))
        for b in range(self.n_boot):
            if members is None:
                take = rng.integers(0, len(x), len(x))
            else:
                take = np.concatenate([members[i] for i in rng.integers(0, len(ids), len(ids))])
            try:
                boot[b] = importance(_wcorr(x[take], w[take]))
            except (np.linalg.LinAlgError, DataValidationError):
                boot[b] = np.nan
        return boot

    def prepare(self, data: pd.DataFrame) -> pd.DataFrame:
        """The driver and outcome columns as analysed: numbers, na codes set to missing.

        Before the listwise deletion of :meth:`fit`; sets ``na_excluded_``.

        >>> import pandas as pd, warnings
        >>> df = pd.DataFrame({"a": [1, 0, 3], "b": [2, 2, 0], "y": [1, 2, 3]})
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     KeyDrivers("y", ["a", "b"], na_codes=[0]).prepare(df)["a"].tolist()
        [1.0, nan, 3.0]
        """
        d = as_design(data, self.design)
        return pd.DataFrame(self._prepare(d), index=d.data.index)

    def _prepare(self, d: SurveyDesign) -> dict[str, pd.Series]:
        """Columns with na codes set to missing (counted in ``na_excluded_``, warned)."""
        out: dict[str, pd.Series] = {}
        counts: dict[str, int] = {}
        for c in [*self.drivers, self.outcome]:
            m = self._measures.get(c)
            if m is not None:
                values = m.prepare(d.data, source=d.source)
                raw = d.data[c]
                counts[c] = int((raw.notna() & values.isna()).sum())
            else:
                values = numeric_column(d.data, c, source=d.source)
                codes = self.na_codes.get(c, ())
                if 0 not in codes and zero_looks_like_a_code(values):
                    warn_zero_code(values, d.source, c)
                hit = values.isin(codes) if codes else pd.Series(False, index=values.index)
                counts[c] = int(hit.sum())
                values = values.mask(hit)
            out[c] = values
        self.na_excluded_ = pd.Series(counts, name="na_excluded", dtype=int)
        plain = {c: k for c, k in counts.items() if k and c not in self._measures}
        if plain:
            listed = ", ".join(f"{c} {k}" for c, k in plain.items())
            warnings.warn(
                f"key drivers: answers coded as not applicable / don't know set to "
                f"missing: {listed}",
                RowsExcludedWarning,
                stacklevel=3,
            )
        return out

    def _std_regression(self, x: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, ...]:
        import statsmodels.api as sm

        m = np.average(x, axis=0, weights=w)
        s = np.sqrt(np.average((x - m) ** 2, axis=0, weights=w))
        z = (x - m) / s
        try:
            res = sm.WLS(z[:, -1], sm.add_constant(z[:, :-1]), weights=w).fit()
        except Exception as exc:  # noqa: BLE001 - statsmodels/numpy errors become a plain message
            raise DataValidationError(f"the regression could not be fitted ({exc})") from None
        return res.params[1:], res.bse[1:], res.pvalues[1:]

    def _repr_html_(self) -> str:
        if not hasattr(self, "summary"):
            return "<p>KeyDrivers (not fitted)</p>"
        head = f"<p>Key drivers of <b>{self.outcome}</b> ({self.method_}), R² = {self.r2_:.3f}</p>"
        return head + self.summary.round(3).to_html(index=False)


def key_drivers(
    data: pd.DataFrame,
    *,
    outcome: str | Measure,
    drivers: Sequence[str | Measure],
    design: SurveyDesign | Mapping[str, Any] | None = None,
    method: str = "lmg",
    model: str = "auto",
    n_boot: int = 500,
    level: float = 0.95,
    seed: int = 0,
    na_codes: Sequence[float] | Mapping[str, Sequence[float]] = (),
) -> pd.DataFrame:
    """Relative importance of ``drivers`` for ``outcome``: the summary of :class:`KeyDrivers`.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> df = pd.DataFrame(rng.normal(size=(200, 3)), columns=["a", "b", "c"])
    >>> df["y"] = df.a + 0.5 * df.c + rng.normal(size=200)
    >>> key_drivers(df, outcome="y", drivers=["a", "b", "c"], n_boot=20)["driver"].tolist()
    ['a', 'c', 'b']
    """
    return (
        KeyDrivers(
            outcome,
            drivers,
            design=design,
            method=method,
            model=model,
            n_boot=n_boot,
            level=level,
            seed=seed,
            na_codes=na_codes,
        )
        .fit(data)
        .summary
    )
