"""Pairwise differences between groups of a censoring-aware conversion table.

:func:`compare_conversion` takes the table of
:func:`cjresearch.timetoevent.progression.conversion` broken down by a group
(a segment) and, within each step and horizon, compares every pair of groups:
the difference of their estimates, its interval and a Wald test.  The groups
are disjoint sets of customers, so their estimates are independent and the
variance of the difference is the sum of their variances; the p-values are
adjusted for every pair of every step together (Holm by default).
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
from scipy import stats

from cjresearch.core.columns import CI_HIGH, CI_LOW, ESTIMATE, SE, N
from cjresearch.core.errors import DataValidationError
from cjresearch.core.stats import adjust_pvalues, check_level, z_value

__all__ = ["compare_conversion"]


def compare_conversion(
    conversion: pd.DataFrame,
    *,
    by: str,
    level: float = 0.95,
    adjust: str | None = "holm",
    min_base: int = 30,
) -> pd.DataFrame:
    """Differences of conversion between the groups of ``by``, per step and horizon.

    Parameters
    ----------
    conversion : DataFrame
        :func:`cjresearch.timetoevent.progression.conversion` with ``by`` among
        its group columns (it has ``n``, ``estimate`` and ``se``).
    by : str
        The group column to compare (a segment).
    level : float
        Confidence level of the differences.
    adjust : str or None
        Multiple-testing method over all pairs of all steps (see
        :func:`cjresearch.core.stats.adjust_pvalues`).
    min_base : int
        Pairs where a group has fewer customers are flagged ``small_base``.

    Returns
    -------
    DataFrame
        The other group columns (``from_stage``, ``horizon``, ...), ``group_a``,
        ``group_b``, ``n_a``, ``n_b``, ``estimate_a``, ``estimate_b``, ``effect``
        (``estimate_b - estimate_a``), ``se``, ``ci_low``, ``ci_high``,
        ``p_value``, ``p_adjusted``, ``small_base``.

    Examples
    --------
    >>> conv = pd.DataFrame({"from_stage": "a", "segment": ["x", "y"], "horizon": 30.0,
    ...     "n": [400, 300], "estimate": [0.5, 0.6], "se": [0.025, 0.03]})
    >>> r = compare_conversion(conv, by="segment")
    >>> r[["group_a", "group_b", "effect"]].round(3).values.tolist()
    [['x', 'y', 0.1]]
    >>> round(float(r["p_value"].iloc[0]), 4)
    0.0104
    """
    need = [by, N, ESTIMATE, SE]
    missing = [c for c in need if c not in conversion.columns]
    if missing:
        raise DataValidationError(
            f"the conversion table has no column {', '.join(map(repr, missing))} "
            f"(found: {', '.join(map(str, conversion.columns))})",
            fix=f"give conversion(..., by=[..., '{by}']) as it is returned",
        )
    check_level(level)
    z = z_value(level)
    keys = [
        c
        for c in ("from_stage", "to_stage", "cohort", "horizon", "time_unit")
        if c in conversion.columns and c != by
    ]
    rows = []
    groups = conversion.groupby(keys, sort=False, observed=True) if keys else [((), conversion)]
    for key, g in groups:
        key = key if isinstance(key, tuple) else (key,)
        g = g.sort_values(by, kind="stable").reset_index(drop=True)
        for i, j in combinations(range(len(g)), 2):
            a, b = g.iloc[i], g.iloc[j]
            effect = float(b[ESTIMATE] - a[ESTIMATE])
            se = float(np.hypot(a[SE], b[SE]))
            p = float(2 * stats.norm.sf(abs(effect) / se)) if se > 0 else np.nan
            rows.append(
                {
                    **dict(zip(keys, key, strict=True)),
                    "group_a": a[by],
                    "group_b": b[by],
                    "n_a": int(a[N]),
                    "n_b": int(b[N]),
                    "estimate_a": float(a[ESTIMATE]),
                    "estimate_b": float(b[ESTIMATE]),
                    "effect": effect,
                    SE: se,
                    CI_LOW: effect - z * se,
                    CI_HIGH: effect + z * se,
                    "p_value": p,
                }
            )
    cols = [
        *keys,
        "group_a",
        "group_b",
        "n_a",
        "n_b",
        "estimate_a",
        "estimate_b",
        "effect",
        SE,
        CI_LOW,
        CI_HIGH,
        "p_value",
    ]
    out = pd.DataFrame(rows, columns=cols)
    out["p_adjusted"] = adjust_pvalues(out["p_value"].to_numpy(), method=adjust)
    out["small_base"] = (out["n_a"] < min_base) | (out["n_b"] < min_base)
    out.attrs = dict(conversion.attrs)
    return out
