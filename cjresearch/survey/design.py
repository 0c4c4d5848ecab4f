"""Survey designs and design-based (Taylor linearisation) standard errors.

A :class:`SurveyDesign` holds the respondents, their weights and the sampling
design (strata, clusters = primary sampling units, finite-population
correction).  Every estimate in the package (means, totals, ratios, shares,
the NPS as the mean of +1/0/-1) goes through the same machinery:

1. the estimate and its *influence values* (linearised contributions of each
   respondent) are computed;
2. if the weights were calibrated (post-stratification, raking) the influence
   values are replaced by their residuals within the calibration cells, by
   R's formulas;
3. the influence values are summed per PSU and the between-PSU variance is
   taken within strata, times ``n_h / (n_h - 1)`` and ``1 - f_h``, plus the
   later stages' variance when every stage has an fpc (as R's
   ``survey::svyrecvar``).

This agrees with R's ``survey`` package (tests reproduce its published ``api``
results).  Domains (groups) are estimated as R does: respondents outside the
domain keep their place in the design with zero influence.

Intervals
---------
Means, totals and differences use Student-t intervals with the design degrees
of freedom (number of PSUs minus number of strata), as ``svyciprop`` and most
design-based software do; pass ``df=numpy.inf`` for the normal interval of
R's ``confint``.  Shares (proportions) use by default the Wilson score interval
with the *design-effective* sample size ``n_eff = p (1 - p) / var(p)`` and the
t quantile (Kott & Carr 1997; Dean & Pagano 2015), which keeps good coverage
near 0 and 1 and at small n; ``method="logit"`` (as ``svyciprop``) and
``"wald"`` are available.

The intervals, influence values and numeric column checks live in
:mod:`~cjresearch.survey.estimation` (exported here too).

Variance of a trimmed design drops earlier calibration (the trimmed weights no
longer meet the margins), which is conservative.  The stages, the
calibration residuals and the variance formula live in
:mod:`~cjresearch.survey.variance`: multi-stage designs with an fpc at every
stage get R's multi-stage variance, others the first-stage (ultimate
cluster) variance.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.columns import CI_HIGH, CI_LOW, ESTIMATE, SE, N
from cjresearch.core.errors import DataValidationError, UnreliableEstimateWarning
from cjresearch.core.rows import file_rows
from cjresearch.inputs.schema import check_weights, design_column
from cjresearch.survey.estimation import Influence, interval, numeric_column, share_interval
from cjresearch.survey.variance import (
    CalibrationLayer,
    design_stages,
    design_variance,
    fpc_weights,
)
from cjresearch.survey.weighting import Weighting

__all__ = ["Influence", "SurveyDesign", "as_design", "interval", "numeric_column", "share_interval"]


class SurveyDesign(Weighting):
    """A survey sample with its weights and sampling design.

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    weights : str, optional
        Column of sampling (or analysis) weights; all must be positive.
        Without it every respondent weighs 1, unless ``fpc`` is given: then,
        as in R's ``svydesign``, the weight is one over the product of the
        stages' sampling fractions (``N_h / n_h`` for one stage).
    strata : str, optional
        Column of strata.
    cluster : str or list of str, optional
        Column of primary sampling units (clusters), or one column per stage
        (``["district", "school"]``); each stage is nested in the one before.
    fpc : str or list of str, optional
        Finite-population correction, one column per stage: the population
        number of units in the stratum (stage 1) or in the parent cluster
        (later stages), values > 1, or the sampling fraction (values <= 1), as
        in R.  With fpc at every stage the variance is the multi-stage one.
    nest : bool
        Cluster ids are numbered within strata (PSU 1 and 2 in every stratum,
        as in NHANES): make them unique within strata, as R's ``nest=TRUE``.
        Without it an id that appears in two strata is an error.
    lonely_psu : {"fail", "certainty"}
        What to do with a stratum holding a single PSU: raise, or treat it as
        sampled with certainty (no variance contribution).
    source : str
        Name used in error messages.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"y": [1.0, 2, 3, 4], "w": [1.0, 1, 2, 2]})
    >>> d = SurveyDesign(df, weights="w")
    >>> round(float(d.mean("y")["estimate"].iloc[0]), 3)
    2.833
    """

    def __init__(
        self,
        data: pd.DataFrame,
        *,
        weights: str | None = None,
        strata: str | None = None,
        cluster: str | Sequence[str] | None = None,
        fpc: str | Sequence[str] | None = None,
        nest: bool = False,
        lonely_psu: str = "fail",
        source: str | None = None,
    ) -> None:
        # messages name the file the survey was read from and its line numbers
        source = source or (
            str(data.attrs.get("source", "survey")) if isinstance(data, pd.DataFrame) else "survey"
        )
        if not isinstance(data, pd.DataFrame):
            raise DataValidationError(
                f"expected a pandas DataFrame, got {type(data).__name__}", source=source
            )
        if len(data) == 0:
            raise DataValidationError("the survey has no rows", source=source)
        if lonely_psu not in ("fail", "certainty"):
            raise DataValidationError(
                f"lonely_psu must be 'fail' or 'certainty', got {lonely_psu!r}"
            )
        self.data = data
        self.source = source
        self.spec = {
            "weights": weights,
            "strata": strata,
            "cluster": cluster,
            "fpc": fpc,
            "nest": nest,
        }
        self.lonely_psu = lonely_psu
        if weights is None:
            w = np.ones(len(data))
        else:
            design_column(data, weights, "weights", source)
            w = check_weights(data[weights], source=source, column=weights).to_numpy()
        self.weights_ = np.asarray(w, dtype=float)
        self.stages_ = design_stages(
            data,
            strata=strata,
            cluster=cluster,
            fpc=fpc,
            nest=nest,
            lonely_psu=lonely_psu,
            source=source,
        )
        if weights is None and fpc is not None:  # as R's svydesign: weights from the fpc
            self.weights_ = fpc_weights(self.stages_)
        first = self.stages_[0]
        self._strata = first.group
        self.psu_codes = first.unit
        self._n_h = first.n
        self._f_h = first.frac
        # post-stratification / raking steps, in order (see cjresearch.survey.variance)
        self.calibration_margins: list[CalibrationLayer] = []
        self.rake_report_: pd.DataFrame | None = None

    # ------------------------------------------------------------------ basics
    @property
    def degf(self) -> int:
        """Design degrees of freedom: PSUs minus strata."""
        return int(self._n_h.sum() - len(self._n_h))

    @property
    def weights(self) -> pd.Series:
        """The (possibly adjusted) weights, indexed like the data."""
        return pd.Series(self.weights_, index=self.data.index, name="weight")

    def to_frame(self, *, name: str = "weight") -> pd.DataFrame:
        """The data with the (adjusted) weights in column ``name``, ready to export."""
        out = self.data.copy()
        out[name] = self.weights_
        return out

    def with_weights(self, weights: np.ndarray) -> SurveyDesign:
        """The same design (strata, clusters, calibration margins) with new weights."""
        new = object.__new__(SurveyDesign)
        new.__dict__.update(self.__dict__)
        new.weights_ = np.asarray(weights, dtype=float)
        new.calibration_margins = list(self.calibration_margins)
        new.rake_report_ = None
        return new

    def __repr__(self) -> str:
        return (
            f"SurveyDesign(n={len(self.data)}, strata={len(self._n_h)}, "
            f"psu={int(self._n_h.sum())}, calibrated={len(self.calibration_margins) > 0})"
        )

    # ---------------------------------------------------------------- variance
    def variance(self, x: np.ndarray) -> np.ndarray:
        """Covariance matrix of the totals of the weighted influence columns ``x`` (n x k)."""
        return design_variance(x, self.stages_, self.calibration_margins)

    def variance_diag(self, infl: Influence) -> np.ndarray:
        """Variances of the k estimates of ``infl`` (sparse path when not calibrated)."""
        if self.calibration_margins or len(self.stages_) > 1 or infl.k <= 20:
            return np.diag(self.variance(infl.dense()))
        n_psu = int(self.psu_codes.max()) + 1
        psu_stratum = np.zeros(n_psu, dtype=int)
        psu_stratum[self.psu_codes] = self._strata
        key = self.psu_codes[infl.rows].astype(np.int64) * infl.k + infl.cols
        ukey, inv = np.unique(key, return_inverse=True)
        z = np.bincount(inv, weights=infl.vals)  # PSU x estimate totals
        psu, col = ukey // infl.k, ukey % infl.k
        h = psu_stratum[psu]
        n_h = self._n_h[h].astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            c = np.where(n_h > 1, n_h / (n_h - 1), 0.0) * (1 - self._f_h[h])
        hk = h.astype(np.int64) * infl.k + col
        uh, inv_h = np.unique(hk, return_inverse=True)
        s1 = np.bincount(inv_h, weights=z)
        s2 = np.bincount(inv_h, weights=z**2)
        nh = self._n_h[uh // infl.k].astype(float)
        ch = np.bincount(inv_h, weights=c) / np.bincount(inv_h)
        contrib = ch * (s2 - s1**2 / nh)
        return np.bincount(uh % infl.k, weights=contrib, minlength=infl.k)

    # ------------------------------------------------------------- estimation
    def group_codes(
        self, by: str | Sequence[str] | None, *, warn: bool = True
    ) -> tuple[list[str], pd.DataFrame, np.ndarray]:
        """The group columns, one row per group (their levels), and each respondent's
        group code (-1: a missing level), for estimates ``by`` these columns."""
        if by is None:
            return [], pd.DataFrame(index=[0]), np.zeros(len(self.data), dtype=int)
        cols = [by] if isinstance(by, str) else list(by)
        for c in cols:
            if c not in self.data.columns:
                raise DataValidationError(
                    "grouping column not found",
                    source=self.source,
                    column=c,
                    fix=f"use one of {list(self.data.columns)[:12]}",
                )
        keys = self.data[cols]
        if len(cols) == 1 and isinstance(keys[cols[0]].dtype, pd.CategoricalDtype):
            col = keys[cols[0]]
            codes = col.cat.codes.to_numpy().astype(int)
            groups = pd.DataFrame(
                {
                    cols[0]: pd.Categorical(
                        col.cat.categories, categories=col.cat.categories, ordered=col.cat.ordered
                    )
                }
            )
        elif len(cols) == 1:
            codes, uniques = pd.factorize(keys[cols[0]], sort=True)
            groups = pd.DataFrame({cols[0]: uniques})
        else:
            mcodes, muniques = pd.MultiIndex.from_frame(keys).factorize(sort=True)
            codes = np.asarray(mcodes)
            groups = pd.DataFrame(list(muniques), columns=cols)
        missing = codes < 0
        if warn and missing.any():
            warnings.warn(
                f"{int(missing.sum())} respondents with a missing '{', '.join(cols)}' "
                "are left out of the groups",
                UnreliableEstimateWarning,
                stacklevel=3,
            )
        return cols, groups, np.asarray(codes)

    def _column(self, column: str | np.ndarray | pd.Series) -> np.ndarray:
        if isinstance(column, str):
            return numeric_column(self.data, column, source=self.source).to_numpy()
        arr = np.asarray(column, dtype=float)
        if arr.shape != (len(self.data),):
            raise DataValidationError(
                "values do not have one entry per respondent", source=self.source
            )
        return arr

    def domain_means(
        self, y: np.ndarray, codes: np.ndarray, n_groups: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, Influence]:
        """Domain means of ``y``: estimates, unweighted n, weighted sum and influence matrix."""
        w = self.weights_
        ok = ~np.isnan(y) & (codes >= 0)
        yy = np.where(ok, y, 0.0)
        cc = np.where(ok, codes, 0)
        sw = np.bincount(cc, weights=w * ok, minlength=n_groups)
        swy = np.bincount(cc, weights=w * yy * ok, minlength=n_groups)
        n = np.bincount(cc, weights=ok.astype(float), minlength=n_groups)
        with np.errstate(divide="ignore", invalid="ignore"):
            est = swy / sw
        rows = np.nonzero(ok)[0]
        g = cc[rows]
        with np.errstate(divide="ignore", invalid="ignore"):
            vals = w[rows] * (yy[rows] - est[g]) / sw[g]
        return est, n.astype(int), sw, Influence(rows, g, vals, n_groups, len(y))

    def _table(
        self,
        cols: list[str],
        groups: pd.DataFrame,
        est: np.ndarray,
        n: np.ndarray,
        x: Influence,
        level: float,
        df: float | None,
    ) -> pd.DataFrame:
        se = np.sqrt(np.clip(self.variance_diag(x), 0, None))
        dfv = self.degf if df is None else df
        lo, hi = interval(est, se, level=level, df=dfv)
        out = groups.copy() if cols else pd.DataFrame(index=range(len(est)))
        out[N] = n
        out[ESTIMATE] = est
        out[SE] = np.where(n > 0, se, np.nan)
        out[CI_LOW] = np.where(n > 0, lo, np.nan)
        out[CI_HIGH] = np.where(n > 0, hi, np.nan)
        return out.reset_index(drop=True)

    def mean(
        self,
        column: str | np.ndarray,
        *,
        by: str | Sequence[str] | None = None,
        level: float = 0.95,
        df: float | None = None,
    ) -> pd.DataFrame:
        """Weighted mean of ``column`` (overall or per group), with design-based SE and CI.

        Missing values are left out of the base (domain estimation).  The
        result has the group columns, ``n``, ``estimate``, ``se``, ``ci_low``,
        ``ci_high``, ``deff`` (design variance over the variance of a simple
        random sample of the same size) and ``n_eff``.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"y": [1.0, 2, 3, 4, 5, 6], "g": list("aabbbb")})
        >>> SurveyDesign(df).mean("y", by="g")[["g", "n", "estimate"]]
           g  n  estimate
        0  a  2       1.5
        1  b  4       4.5
        """
        y = self._column(column)
        cols, groups, codes = self.group_codes(by)
        est, n, sw, x = self.domain_means(y, codes, len(groups))
        out = self._table(cols, groups, est, n, x, level, df)
        # design effect: design variance over SRS variance s^2 / n
        w = self.weights_
        ok = ~np.isnan(y) & (codes >= 0)
        cc = np.where(ok, codes, 0)
        dev2 = np.where(ok, (np.nan_to_num(y) - np.nan_to_num(est[cc])) ** 2, 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            s2 = np.bincount(cc, weights=w * dev2, minlength=len(groups)) / sw * n / (n - 1)
            deff = out[SE].to_numpy() ** 2 / (s2 / n)
        out["deff"] = deff
        with np.errstate(divide="ignore", invalid="ignore"):
            out["n_eff"] = n / deff
        return out

    def total(
        self,
        column: str | np.ndarray,
        *,
        by: str | Sequence[str] | None = None,
        level: float = 0.95,
        df: float | None = None,
    ) -> pd.DataFrame:
        """Estimated population total of ``column`` (overall or per group).

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"y": [1.0, 2, 3], "w": [10.0, 10, 20]})
        >>> float(SurveyDesign(df, weights="w").total("y")["estimate"].iloc[0])
        90.0
        """
        y = self._column(column)
        cols, groups, codes = self.group_codes(by)
        ok = ~np.isnan(y) & (codes >= 0)
        rows = np.nonzero(ok)[0]
        vals = self.weights_[rows] * y[rows]
        x = Influence(rows, codes[rows], vals, len(groups), len(y))
        est = np.bincount(codes[rows], weights=vals, minlength=len(groups))
        n = np.bincount(codes[rows], minlength=len(groups)).astype(int)
        return self._table(cols, groups, est, n, x, level, df)

    def ratio(
        self,
        numerator: str,
        denominator: str,
        *,
        by: str | Sequence[str] | None = None,
        level: float = 0.95,
        df: float | None = None,
    ) -> pd.DataFrame:
        """Ratio of two population totals, ``sum(w y) / sum(w x)``, per group.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"y": [1.0, 2, 3], "x": [2.0, 2, 2]})
        >>> float(SurveyDesign(df).ratio("y", "x")["estimate"].iloc[0])
        1.0
        """
        y = self._column(numerator)
        z = self._column(denominator)
        cols, groups, codes = self.group_codes(by)
        ok = ~np.isnan(y) & ~np.isnan(z) & (codes >= 0)
        rows = np.nonzero(ok)[0]
        w = self.weights_
        cc = codes[rows]
        ty = np.bincount(cc, weights=w[rows] * y[rows], minlength=len(groups))
        tz = np.bincount(cc, weights=w[rows] * z[rows], minlength=len(groups))
        with np.errstate(divide="ignore", invalid="ignore"):
            est = ty / tz
            x = Influence(
                rows, cc, w[rows] * (y[rows] - est[cc] * z[rows]) / tz[cc], len(groups), len(y)
            )
        n = np.bincount(cc, minlength=len(groups)).astype(int)
        return self._table(cols, groups, est, n, x, level, df)

    def proportion(
        self,
        column: str | np.ndarray,
        *,
        by: str | Sequence[str] | None = None,
        level: float = 0.95,
        method: str = "wilson",
        df: float | None = None,
    ) -> pd.DataFrame:
        """Share of respondents with ``column`` true (0/1 or boolean), with a share interval.

        See :func:`share_interval` for the methods; the default is Wilson on
        the design-effective sample size with t quantiles on the design df.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"top": [1, 0, 0, 1, 1, 1, 0, 1, 1, 1]})
        >>> r = SurveyDesign(df).proportion("top")
        >>> float(r["estimate"].iloc[0])
        0.7
        """
        y = self._column(column)
        bad = ~np.isnan(y) & (y != 0) & (y != 1)
        if bad.any():
            raise DataValidationError(
                "a share needs values 0/1 (or True/False)",
                source=self.source,
                column=column if isinstance(column, str) else None,
                rows=file_rows(self.data, self.data.index[bad]),
                fix="recode the item to 0/1",
            )
        out = self.mean(y, by=by, level=level, df=df)
        dfv = self.degf if df is None else df
        _, groups, codes = self.group_codes(by, warn=False)
        ok = ~np.isnan(y) & (codes >= 0)
        cc = np.where(ok, codes, 0)
        w = self.weights_
        sw = np.bincount(cc, weights=w * ok, minlength=len(groups))
        sw2 = np.bincount(cc, weights=w**2 * ok, minlength=len(groups))
        with np.errstate(divide="ignore", invalid="ignore"):
            kish = sw**2 / sw2
        lo, hi = share_interval(
            out[ESTIMATE], out[SE], out[N], level=level, df=dfv, method=method, n_kish=kish
        )
        out[CI_LOW] = np.where(out[N] > 0, lo, np.nan)
        out[CI_HIGH] = np.where(out[N] > 0, hi, np.nan)
        return out

    def contrast(self, x: Influence, est: np.ndarray, coef: np.ndarray) -> tuple[float, float]:
        """Estimate and SE of ``coef @ est`` given the influence values ``x`` of ``est``."""
        coef = np.asarray(coef, dtype=float)
        value = float(coef @ np.asarray(est))
        lin = np.bincount(x.rows, weights=x.vals * coef[x.cols], minlength=x.n)
        se = float(np.sqrt(max(self.variance(lin)[0, 0], 0.0)))
        return value, se


def as_design(
    data: pd.DataFrame,
    design: SurveyDesign | Mapping[str, Any] | None,
    *,
    source: str | None = None,
) -> SurveyDesign:
    """Turn ``design`` (None, a mapping of options, or a design) into a design on ``data``.

    A mapping holds :class:`SurveyDesign` options and optionally the weighting
    steps, applied in this order: ``post_stratify`` (``{column: counts}``),
    ``rake`` (``{column: counts}``) and ``trim`` (options of
    :meth:`SurveyDesign.trim`).  This is the notebook's weighting spec.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"sex": ["f", "f", "m", "m"], "w": [1.0, 1, 1, 3]})
    >>> d = as_design(df, {"weights": "w", "rake": {"sex": {"f": 50, "m": 50}}})
    >>> d.weights.tolist()
    [25.0, 25.0, 12.5, 37.5]
    """
    if design is None:
        return SurveyDesign(data, source=source)
    if isinstance(design, SurveyDesign):
        if design.data is data:
            return design
        if not design.data.index.equals(data.index):
            raise DataValidationError(
                "the design was built on different data (its rows differ)",
                fix="pass design=SurveyDesign(data, ...) built on this frame, "
                "or a dict such as {'weights': 'weight'}",
            )
        same = design.with_weights(design.weights_)
        same.data = data
        return same
    if isinstance(design, Mapping):
        spec = dict(design)
        steps = {k: spec.pop(k) for k in ("post_stratify", "rake", "trim") if k in spec}
        unknown = set(spec) - {"weights", "strata", "cluster", "fpc", "nest", "lonely_psu"}
        if unknown:
            raise DataValidationError(
                f"unknown design options {sorted(unknown)}",
                fix="use weights, strata, cluster, fpc, nest, lonely_psu, post_stratify, rake, "
                "trim",
            )
        d = SurveyDesign(data, source=source, **spec)
        for column, population in (steps.get("post_stratify") or {}).items():
            d = d.post_stratify(column, population)
        if steps.get("rake"):
            d = d.rake(steps["rake"])
        if steps.get("trim"):
            d = d.trim(**steps["trim"])
        return d
    raise DataValidationError(
        f"design must be None, a dict or a SurveyDesign, got {type(design).__name__}"
    )
