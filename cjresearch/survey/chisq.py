"""Design-based tests of independence in two-way tables (Rao-Scott).

:func:`rao_scott` tests whether two answers are independent in a survey with
weights, strata, clusters or calibration, as R's ``survey::svychisq`` with
``statistic="F"`` and ``"Chisq"``:

* Pearson's ``X2`` is computed on the weighted table scaled to the number of
  respondents ``n`` (complete on both variables);
* the generalised design effects ``delta`` are the eigenvalues of
  ``Delta = (C' D^-1 C / n)^-1 C' D^-1 V D^-1 C``, with ``p`` the weighted cell
  shares, ``D = diag(p)``, ``V`` their design-based covariance and ``C`` the
  interaction contrasts orthogonal to the main effects;
* **F** (the default, Rao & Scott 1984's second-order correction as in R):
  ``F = X2 / trace(Delta)`` on ``d0 = trace(Delta)^2 / trace(Delta^2)`` and
  ``d0 * df_design`` degrees of freedom;
* **chi-square** (first-order): ``X2 / mean(delta)`` on ``(r - 1)(c - 1)`` df.

Both fall back to Pearson's test for a simple random sample (every
``delta = 1``).  The F version is the better one with few PSUs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from cjresearch.core.columns import P_VALUE, N
from cjresearch.core.errors import DataValidationError
from cjresearch.survey.design import SurveyDesign, as_design

__all__ = ["rao_scott"]


def rao_scott(
    data: pd.DataFrame,
    *,
    row: str,
    column: str,
    design: SurveyDesign | Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Rao-Scott tests of independence of ``row`` and ``column`` (R's ``svychisq``).

    Respondents missing either answer are left out of the table (they keep
    their place in the design, as in domain estimation).

    Returns
    -------
    DataFrame
        Two rows, ``test`` = ``"rao_scott_f"`` and ``"rao_scott_chisq"``, with
        ``n`` (respondents in the table), ``statistic``, ``df``,
        ``df_denominator`` (F only), ``p_value`` and ``deff_mean`` (the mean
        generalised design effect; ``statistic * deff_mean`` is Pearson's X2
        for the chi-square row).  With missing answers R's ``svychisq`` scales
        its table to all rows of the design, so its X2 and mean design effect
        are these times (rows in the design) / ``n``; the statistics, degrees
        of freedom and p-values are the same.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"q": ["yes"] * 30 + ["no"] * 20 + ["yes"] * 15 + ["no"] * 35,
    ...                    "seg": ["a"] * 50 + ["b"] * 50})
    >>> r = rao_scott(df, row="q", column="seg")
    >>> r[["test", "statistic", "df"]].round(2)
                  test  statistic   df
    0      rao_scott_f        9.0  1.0
    1  rao_scott_chisq        9.0  1.0

    Pearson's X2 is 9.09; an unweighted sample's design effect is ``n / (n - 1)``:

    >>> round(float(r["deff_mean"].iloc[0] * r["statistic"].iloc[0]), 2)
    9.09
    """
    d = as_design(data, design)
    for c in (row, column):
        if c not in d.data.columns:
            raise DataValidationError(
                "column not found",
                source=d.source,
                column=c,
                fix=f"use one of {list(d.data.columns)[:12]}",
            )
    a, b = d.data[row], d.data[column]
    ok = (a.notna() & b.notna()).to_numpy()
    ra, la = pd.factorize(a, sort=True)
    rb, lb = pd.factorize(b, sort=True)
    nr, nc = len(la), len(lb)
    for col, k in ((row, nr), (column, nc)):
        if k < 2:
            raise DataValidationError(
                f"a test of independence needs two or more answers; found {k}",
                source=d.source,
                column=col,
                fix="choose a variable with at least two answers given",
            )
    n = int(ok.sum())
    w = np.where(ok, d.weights_, 0.0)
    cell = np.where(ok, ra + nr * rb, 0)  # rows vary fastest, as R's interaction()
    k = nr * nc
    sw = w.sum()
    p = np.bincount(cell, weights=w, minlength=k) / sw
    ind = np.zeros((len(w), k))
    ind[np.nonzero(ok)[0], cell[ok]] = 1.0
    x = np.where(ok[:, None], w[:, None] * (ind - p[None, :]) / sw, 0.0)
    v = d.variance(x)

    # Pearson's X2 on the weighted table scaled to n
    table = (p * n).reshape(nc, nr).T
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        x2 = float(np.nansum(np.where(expected > 0, (table - expected) ** 2 / expected, 0.0)))

    # interaction contrasts, orthogonal to the main effects on the r x c grid
    rr, cc = np.tile(np.arange(nr), nc), np.repeat(np.arange(nc), nr)
    x1 = np.column_stack(
        [np.ones(k)]
        + [(rr == i).astype(float) for i in range(1, nr)]
        + [(cc == j).astype(float) for j in range(1, nc)]
    )
    inter = np.column_stack(
        [((rr == i) & (cc == j)).astype(float) for j in range(1, nc) for i in range(1, nr)]
    )
    cmat = inter - x1 @ np.linalg.lstsq(x1, inter, rcond=None)[0]
    with np.errstate(divide="ignore"):
        idp = np.where(p > 0, 1 / np.where(p > 0, p, 1), 0.0)
    denom = cmat.T @ (idp[:, None] * cmat) / n
    numer = cmat.T @ (idp[:, None] * v * idp[None, :]) @ cmat
    delta = np.linalg.solve(denom, numer)
    tr, tr2 = float(np.trace(delta)), float(np.trace(delta @ delta))
    d0 = tr**2 / tr2
    ddf = d0 * d.degf
    f = x2 / tr
    df_chi = (nr - 1) * (nc - 1)
    mean_delta = tr / df_chi
    return pd.DataFrame(
        {
            "test": ["rao_scott_f", "rao_scott_chisq"],
            N: [n, n],
            "statistic": [f, x2 / mean_delta],
            "df": [d0, float(df_chi)],
            "df_denominator": [ddf, np.nan],
            P_VALUE: [
                float(stats.f.sf(f, d0, ddf)),
                float(stats.chi2.sf(x2 / mean_delta, df_chi)),
            ],
            "deff_mean": [mean_delta, mean_delta],
        }
    )
