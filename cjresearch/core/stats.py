"""Small statistical helpers shared by several modules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError

__all__ = ["MIN_BASE", "adjust_pvalues", "check_level", "share_table", "wilson_interval", "z_value"]

#: Results on fewer cases than this are flagged ``small_base`` unless a caller says otherwise.
MIN_BASE = 30
#: Multiple-testing adjustments (statsmodels ``multipletests`` names).
_METHODS = {"holm", "fdr_bh", "bonferroni", "hommel", "fdr_by", "sidak", "holm-sidak"}


def check_level(level: float) -> float:
    """``level`` if it is a confidence level strictly between 0 and 1, else a clear error.

    Examples
    --------
    >>> check_level(0.9)
    0.9
    """
    try:
        ok = 0 < float(level) < 1
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise DataValidationError(
            f"level must be between 0 and 1, got {level!r}", fix="use e.g. level=0.95 (not 95)"
        )
    return float(level)


def z_value(level: float) -> float:
    """Two-sided normal quantile for a confidence ``level`` (0.95 -> 1.96)."""
    # the standard library's inverse (Wichura's AS241, ~1e-16): importing scipy.stats
    # here would cost every ``import cjresearch.engine.eventlog`` well over a second
    return NormalDist().inv_cdf(0.5 + check_level(level) / 2)


def wilson_interval(
    successes: Any, trials: Any, *, level: float = 0.95, quantile: float | None = None
) -> tuple[Any, Any]:
    """Wilson score interval of a binomial proportion (vectorised).

    Returns ``(low, high)`` arrays; NaN where ``trials`` is 0.  ``quantile``
    replaces the normal quantile of ``level`` (e.g. a t quantile on the design
    degrees of freedom, as :func:`cjresearch.survey.design.share_interval` uses).

    Examples
    --------
    >>> low, high = wilson_interval(81, 263)
    >>> round(float(low), 4), round(float(high), 4)
    (0.2553, 0.3662)
    """
    x = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    z = z_value(level) if quantile is None else float(quantile)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
        low = np.where(n > 0, np.clip(centre - half, 0, 1), np.nan)
        high = np.where(n > 0, np.clip(centre + half, 0, 1), np.nan)
    return low, high


def share_table(
    counts: Mapping[Any, int], total: int, key: str, *, level: float = 0.95, top: int | None = None
) -> pd.DataFrame:
    """``key``, ``n``, ``base`` (= ``total``), ``estimate`` (n / total) with Wilson
    ``ci_low``/``ci_high``; most frequent first, ties by ``str(key)``, the first ``top``.

    Examples
    --------
    >>> share_table({"a": 1, "b": 3}, 4, "path")[["path", "n", "estimate"]].values.tolist()
    [['b', 3, 0.75], ['a', 1, 0.25]]
    """
    items = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    if top is not None:
        items = items[:top]
    n = np.array([c for _, c in items], dtype=float)
    lo, hi = wilson_interval(n, np.full(len(n), float(total)), level=level)
    return pd.DataFrame(
        {
            key: [k for k, _ in items],
            "n": n.astype("int64"),
            "base": total,
            "estimate": n / total if total else np.nan,
            "ci_low": lo,
            "ci_high": hi,
        }
    )


def adjust_pvalues(
    p_values: Sequence[float] | np.ndarray, *, method: str | None = "holm"
) -> np.ndarray:
    """Adjust a family of p-values for multiple testing (statsmodels ``multipletests``).

    Missing p-values stay missing and do not count in the family.

    Examples
    --------
    >>> adjust_pvalues([0.01, 0.04, 0.03]).round(3).tolist()
    [0.03, 0.06, 0.06]
    >>> adjust_pvalues([0.01, 0.04, 0.03], method="fdr_bh").round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(p_values, dtype=float)
    if method is None or method == "none":
        return p.copy()
    if method not in _METHODS:
        raise DataValidationError(
            f"unknown multiple-testing method {method!r}",
            fix=f"use one of {sorted(_METHODS)} or None",
        )
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        from statsmodels.stats.multitest import multipletests

        out[ok] = multipletests(p[ok], method=method)[1]
    return out
