"""The building blocks of design-based estimates, apart from the design itself.

:func:`numeric_column` reads an answer column as numbers (or says why it cannot),
:class:`Influence` holds the linearised contributions of the respondents to a set
of estimates, and :func:`interval`, :func:`share_interval` and :func:`t_quantile`
turn an estimate and its standard error into a confidence interval (see
:mod:`cjresearch.survey.design` for the methods).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.core.rows import file_rows
from cjresearch.core.stats import check_level, wilson_interval

__all__ = ["Influence", "interval", "numeric_column", "share_interval", "t_quantile"]


def t_quantile(level: float, df: float) -> float:
    """The two-sided ``level`` quantile of Student's t with ``df`` degrees of freedom
    (normal when ``df`` is infinite or None; NaN below 1).

    Examples
    --------
    >>> round(t_quantile(0.95, float("inf")), 3), round(t_quantile(0.95, 10), 3)
    (1.96, 2.228)
    """
    from scipy import stats  # here: importing scipy.stats costs every reader a second or two

    level = check_level(level)
    if df is None or not np.isfinite(df):
        return float(stats.norm.ppf(0.5 + level / 2))
    if df < 1:
        return float("nan")
    return float(stats.t.ppf(0.5 + level / 2, df))


def interval(
    estimate: Any, se: Any, *, level: float = 0.95, df: float = np.inf
) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric interval ``estimate -/+ q * se`` (t with ``df``, normal if infinite).

    Examples
    --------
    >>> lo, hi = interval(10.0, 1.0, level=0.95)
    >>> round(float(lo), 2), round(float(hi), 2)
    (8.04, 11.96)
    """
    q = t_quantile(level, df)
    est = np.asarray(estimate, dtype=float)
    s = np.asarray(se, dtype=float)
    return est - q * s, est + q * s


def share_interval(
    p: Any,
    se: Any,
    n: Any,
    *,
    level: float = 0.95,
    df: float = np.inf,
    method: str = "wilson",
    n_kish: Any = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Confidence interval for a share ``p`` with design-based standard error ``se``.

    ``method="wilson"``: Wilson score interval on the effective sample size
    ``n_eff = p (1 - p) / se**2`` (capped at ``n``; when ``p`` is 0 or 1 the
    Kish effective size ``n_kish`` or ``n`` is used).  ``"logit"``: interval
    on the logit scale back-transformed (R's ``svyciprop(method="logit")``).
    ``"wald"``: ``p -/+ q se``.

    Examples
    --------
    Without a design effect the Wilson interval is the textbook one:

    >>> import numpy as np
    >>> p = 0.2; n = 50
    >>> lo, hi = share_interval(p, np.sqrt(p * (1 - p) / n), n)
    >>> round(float(lo), 4), round(float(hi), 4)
    (0.1124, 0.3304)
    """
    p = np.asarray(p, dtype=float)
    se = np.asarray(se, dtype=float)
    n = np.asarray(n, dtype=float)
    q = t_quantile(level, df)
    if method == "wald":
        return p - q * se, p + q * se
    if method == "logit":
        with np.errstate(divide="ignore", invalid="ignore"):
            lg = np.log(p / (1 - p))
            sl = se / (p * (1 - p))
            lo = 1 / (1 + np.exp(-(lg - q * sl)))
            hi = 1 / (1 + np.exp(-(lg + q * sl)))
        lo = np.where(p <= 0, 0.0, lo)
        hi = np.where(p >= 1, 1.0, hi)
        return lo, hi
    if method != "wilson":
        raise DataValidationError(
            f"unknown interval method {method!r}", fix="use 'wilson', 'logit' or 'wald'"
        )
    fallback = n if n_kish is None else np.asarray(n_kish, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        neff = np.where(se > 0, p * (1 - p) / se**2, fallback)
    neff = np.where((p <= 0) | (p >= 1) | ~np.isfinite(neff), fallback, neff)
    neff = np.minimum(neff, n)
    return wilson_interval(p * neff, neff, quantile=q)


def numeric_column(
    data: pd.DataFrame,
    name: str,
    *,
    source: str | None = None,
    low: float | None = None,
    high: float | None = None,
    integer: bool = False,
) -> pd.Series:
    """Return ``data[name]`` as float, raising a clear error on text or out-of-range values.

    Missing values stay missing (the respondent is simply not in the base).
    Messages name ``source`` (default: the file the frame was read from) and the
    rows as line numbers of that file.
    """
    source = source or str(data.attrs.get("source", "survey"))
    if name not in data.columns:
        raise DataValidationError(
            f"column not found; columns are {list(data.columns)[:12]}",
            source=source,
            column=name,
            fix="pass an existing column",
        )
    raw = data[name]
    if pd.api.types.is_bool_dtype(raw):
        raw = raw.astype(float)
    values = pd.to_numeric(raw, errors="coerce")
    text = values.isna() & raw.notna() & (raw.astype(str).str.strip() != "")
    if text.any():
        examples = ", ".join(repr(v) for v in raw[text].astype(str).unique()[:3])
        raise DataValidationError(
            f"{int(text.sum())} non-numeric values such as {examples}",
            source=source,
            column=name,
            rows=file_rows(data, data.index[text]),
            fix="recode text answers to numbers or set them to missing",
        )
    values = values.astype(float)
    out = pd.Series(False, index=data.index)
    if low is not None:
        out |= values < low
    if high is not None:
        out |= values > high
    if integer:
        out |= values.notna() & (values != np.round(values))
    if out.any():
        what = (
            f"outside {low:g}-{high:g}" if low is not None and high is not None else "out of range"
        )
        if integer:
            what += " or not whole numbers"
        raise DataValidationError(
            f"{int(out.sum())} values {what}",
            source=source,
            column=name,
            rows=file_rows(data, data.index[out]),
            fix="recode them or set them to missing",
        )
    if values.notna().sum() == 0 and len(values):
        raise DataValidationError(
            "all values are missing",
            source=source,
            column=name,
            fix="check the column mapping; no respondent answered this item",
        )
    return values


class Influence:
    """Sparse influence values: ``vals`` of respondent ``rows`` on estimate ``cols`` (k estimates)."""

    def __init__(
        self, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, k: int, n: int
    ) -> None:
        self.rows, self.cols, self.vals, self.k, self.n = rows, cols, vals, k, n

    def dense(self) -> np.ndarray:
        """The n x k matrix of influence values."""
        x = np.zeros((self.n, self.k))
        x[self.rows, self.cols] = self.vals
        return x
