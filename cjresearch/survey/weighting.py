"""Weighting: post-stratification, raking, trimming and the design effect of weights.

Each function takes a :class:`~cjresearch.survey.design.SurveyDesign` and returns a
new one (the input is not changed) whose weights meet the targets and whose
standard errors account for the calibration, as R's ``postStratify`` and
``rake`` do (the influence values are replaced by their residuals within the
calibration cells by ``survey::svyrecvar``'s formulas; see
:mod:`~cjresearch.survey.variance`).  The same operations are available as methods of the
design: ``design.post_stratify(...)``, ``design.rake(...)``, ``design.trim(...)``,
``design.design_effect()``.

Margins whose categories do not match the data's exactly are an error (an
empty or unknown cell cannot be calibrated); raking that does not converge
gives an :class:`~cjresearch.core.errors.UnreliableEstimateWarning` and its report.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from cjresearch.inputs.schema import design_column
from cjresearch.survey.variance import CalibrationLayer

if TYPE_CHECKING:
    from cjresearch.survey.design import SurveyDesign
from cjresearch.core.errors import DataValidationError, UnreliableEstimateWarning

__all__ = ["Weighting", "design_effect", "post_stratify", "rake", "trim"]


class Weighting:
    """The weighting methods of :class:`~cjresearch.survey.design.SurveyDesign` (a base class of
    it: this module builds on the design's data, weights and variance, and the design
    offers these as methods)."""

    def post_stratify(
        self, column: str, population: Mapping[Any, float] | pd.Series
    ) -> SurveyDesign:
        """Post-stratify to population counts of ``column`` (see :func:`post_stratify`)."""
        return post_stratify(self, column, population)  # type: ignore[arg-type]

    def rake(
        self,
        margins: Mapping[str, Mapping[Any, float] | pd.Series],
        *,
        max_iter: int = 100,
        tol: float = 1e-8,
    ) -> SurveyDesign:
        """Rake to population margins (see :func:`rake`)."""
        return rake(self, margins, max_iter=max_iter, tol=tol)  # type: ignore[arg-type]

    def trim(
        self,
        *,
        upper: float | None = None,
        lower: float | None = None,
        relative: bool = True,
        max_iter: int = 50,
    ) -> SurveyDesign:
        """Trim the weights (see :func:`trim`)."""
        return trim(
            self,  # type: ignore[arg-type]
            upper=upper,
            lower=lower,
            relative=relative,
            max_iter=max_iter,
        )

    def design_effect(self) -> pd.DataFrame:
        """Kish's design effect and effective n (see :func:`design_effect`)."""
        return design_effect(self)  # type: ignore[arg-type]


def __getattr__(name: str) -> Any:
    # ``as_design`` lived here before it moved to the design module; kept one release
    if name == "as_design":
        from cjresearch.survey import design

        warnings.warn(
            "cjresearch.survey.weighting.as_design moved: import it from cjresearch.survey.design "
            "(this alias goes in the next release)",
            DeprecationWarning,
            stacklevel=2,
        )
        return design.as_design
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _check_design(design: Any, what: str) -> SurveyDesign:
    if not isinstance(design, Weighting):
        raise DataValidationError(
            f"{what} needs a SurveyDesign, got {type(design).__name__}",
            fix=f"wrap the data first: SurveyDesign(data, weights=...).{what}(...), "
            f"or pass design={{'weights': ..., '{what}': ...}} to a score function",
        )
    return cast("SurveyDesign", design)


def _calibration_codes(
    design: SurveyDesign, column: str, population: Mapping[Any, float] | pd.Series, what: str
) -> tuple[np.ndarray, np.ndarray]:
    col = design_column(design.data, column, what, design.source)
    if col is None:
        raise DataValidationError(f"no {what} column given")
    pop = pd.Series(population, dtype=float)
    if (pop < 0).any() or pop.isna().any():
        raise DataValidationError(
            f"{what} margins must be non-negative numbers",
            column=column,
            source="population margins",
        )
    data_cats = set(pd.unique(col))
    pop_cats = set(pop.index)
    extra, absent = data_cats - pop_cats, pop_cats - data_cats
    if extra or absent:
        parts = []
        if extra:
            parts.append(
                f"categories in the data but not in the margins: {sorted(map(str, extra))}"
            )
        if absent:
            parts.append(
                f"categories in the margins but not in the data: {sorted(map(str, absent))}"
            )
        raise DataValidationError(
            "; ".join(parts),
            source=design.source,
            column=column,
            fix="make the margin categories match the data's exactly (merge empty cells first)",
        )
    cats = list(pop.index)
    codes = pd.Categorical(col, categories=cats).codes.astype(int)
    return codes, pop.to_numpy()


def post_stratify(
    design: SurveyDesign, column: str, population: Mapping[Any, float] | pd.Series
) -> SurveyDesign:
    """Post-stratify the weights to known population counts of ``column``.

    Returns a new design whose weights in each category sum to the
    population count, and whose standard errors account for the
    calibration (as R's ``postStratify``).

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.survey.design import SurveyDesign
    >>> df = pd.DataFrame({"sex": ["f", "f", "m"], "y": [1.0, 2, 3]})
    >>> d = SurveyDesign(df).post_stratify("sex", {"f": 50, "m": 50})
    >>> d.weights.tolist()
    [25.0, 25.0, 50.0]
    """
    _check_design(design, "post_stratify")
    codes, pop = _calibration_codes(design, column, population, "post-stratification")
    current = np.bincount(codes, weights=design.weights_, minlength=len(pop))
    new = design.with_weights(design.weights_ * (pop / current)[codes])
    new.calibration_margins.append(
        CalibrationLayer("post", [codes], [new.weights_.copy()], design.weights_.copy())
    )
    return new


def rake(
    design: SurveyDesign,
    margins: Mapping[str, Mapping[Any, float] | pd.Series],
    *,
    max_iter: int = 100,
    tol: float = 1e-8,
) -> SurveyDesign:
    """Rake (iterative proportional fitting) the weights to population margins.

    ``margins`` maps a column to population counts per category (or shares
    summing to 1, which are scaled to the current weight total).  The new
    design's ``rake_report_`` lists, per iteration, the largest relative
    gap between weighted and target margins; if the gap is still above
    ``tol`` after ``max_iter`` sweeps an :class:`UnreliableEstimateWarning`
    is raised.

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.survey.design import SurveyDesign
    >>> df = pd.DataFrame({"a": list("xxyy"), "b": list("pqpp")})
    >>> d = SurveyDesign(df).rake({"a": {"x": 60, "y": 40}, "b": {"p": 70, "q": 30}})
    >>> d.to_frame().groupby("a")["weight"].sum().round(6).tolist()
    [60.0, 40.0]
    >>> bool(d.rake_report_["converged"].iloc[-1])
    True
    """
    _check_design(design, "rake")
    if not margins:
        raise DataValidationError("no margins given", fix="pass {'column': {category: count}}")
    total_w = design.weights_.sum()
    layer, targets = [], []
    for col, pop in margins.items():
        codes, target = _calibration_codes(design, col, pop, "raking")
        if abs(target.sum() - 1) < 1e-6:
            target = target * total_w
        layer.append(codes)
        targets.append(target)
    totals = [t.sum() for t in targets]
    if max(totals) - min(totals) > 1e-6 * max(totals):
        raise DataValidationError(
            f"the margins sum to different totals {[round(t, 3) for t in totals]}",
            source="raking margins",
            fix="give every margin the same population total",
        )
    w = design.weights_.copy()
    report = []
    converged = False
    for it in range(1, max_iter + 1):
        after = []  # the weights after each margin's step, kept for the variance
        for codes, target in zip(layer, targets, strict=True):
            cur = np.bincount(codes, weights=w, minlength=len(target))
            w = w * (target / cur)[codes]
            after.append(w)
        gap = max(
            float(np.max(np.abs(np.bincount(c, weights=w, minlength=len(t)) - t) / t.clip(1e-12)))
            for c, t in zip(layer, targets, strict=True)
        )
        converged = gap < tol
        report.append({"iteration": it, "max_relative_gap": gap, "converged": converged})
        if converged:
            break
    if not converged:
        warnings.warn(
            f"raking did not converge in {max_iter} iterations (largest relative "
            f"margin gap {gap:.2g}); the margins may be incompatible or cells empty",
            UnreliableEstimateWarning,
            stacklevel=2,
        )
    new = design.with_weights(w)
    new.calibration_margins.append(CalibrationLayer("rake", layer, after))
    new.rake_report_ = pd.DataFrame(report)
    return new


def trim(
    design: SurveyDesign,
    *,
    upper: float | None = None,
    lower: float | None = None,
    relative: bool = True,
    max_iter: int = 50,
) -> SurveyDesign:
    """Trim weights to ``[lower, upper]`` and spread the trimmed amount over the others.

    With ``relative=True`` the bounds are multiples of the mean weight.
    The weight total is kept.  Calibration of earlier post-stratification
    or raking is dropped from the variance (conservative).

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.survey.design import SurveyDesign
    >>> df = pd.DataFrame({"w": [1.0, 1, 1, 9]})
    >>> d = SurveyDesign(df, weights="w").trim(upper=2.0)
    >>> [round(v, 3) for v in d.weights]
    [2.0, 2.0, 2.0, 6.0]
    """
    w = _check_design(design, "trim").weights_.copy()
    total = w.sum()
    scale = w.mean() if relative else 1.0
    hi = np.inf if upper is None else upper * scale
    lo = 0.0 if lower is None else lower * scale
    if hi <= lo:
        raise DataValidationError(f"upper bound {hi:g} is not above lower bound {lo:g}")
    if hi * len(w) < total or lo * len(w) > total:
        raise DataValidationError(
            "the bounds cannot keep the weight total", fix="widen the trimming bounds"
        )
    fixed = np.zeros(len(w), dtype=bool)
    for _ in range(max_iter):
        out_hi, out_lo = w > hi * (1 + 1e-12), w < lo * (1 - 1e-12)
        if not (out_hi | out_lo).any():
            break
        w[out_hi], w[out_lo] = hi, lo
        fixed |= out_hi | out_lo
        free = ~fixed
        w[free] *= (total - w[fixed].sum()) / w[free].sum()
    new = design.with_weights(w)
    new.calibration_margins = []
    return new


def design_effect(design: SurveyDesign) -> pd.DataFrame:
    """Kish's design effect of unequal weights and the effective sample size.

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.survey.design import SurveyDesign
    >>> d = SurveyDesign(pd.DataFrame({"w": [1.0, 1, 2, 2]}), weights="w")
    >>> d.design_effect()[["n", "deff_kish", "n_eff"]].round(3).values.tolist()
    [[4.0, 1.111, 3.6]]
    """
    w = _check_design(design, "design_effect").weights_
    n = len(w)
    deff = n * (w**2).sum() / w.sum() ** 2
    return pd.DataFrame(
        {
            "n": [n],
            "sum_weights": [w.sum()],
            "deff_kish": [deff],
            "n_eff": [n / deff],
            "min_weight": [w.min()],
            "max_weight": [w.max()],
            "df": [design.degf],
        }
    )
