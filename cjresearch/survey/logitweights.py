"""Relative weights of a logistic regression: key drivers of a yes/no outcome.

Tonidandel & LeBreton (2010, *Organizational Research Methods* 13, 767-781)
extend Johnson's (2000) relative weights to a binary outcome:

1. the drivers ``X`` (standardised) are replaced by their closest orthogonal
   counterparts ``Z = X Λ⁻¹``, where ``Λ = R^{1/2}`` is the symmetric square
   root of the drivers' correlation matrix ``R`` (``Λ`` also holds the
   correlations of ``X`` with ``Z``);
2. ``y`` is fitted by a logistic regression on ``Z``, giving logit
   coefficients ``b``;
3. these are fully standardised (Menard 2004):
   ``β_k = b_k · sd(Z_k) · R_O / sd(logit ŷ)``, where ``logit ŷ`` is the
   fitted linear predictor and ``R_O² = corr(y, p̂)²`` is the squared
   correlation of the outcome with the predicted probability;
4. driver ``j``'s weight is ``ε_j = Σ_k Λ_jk² β_k²``.

The weights sum to ``R_O²`` (the columns of ``Λ²`` sum to one and the
``Z`` are uncorrelated, so ``sd(logit ŷ)² = Σ_k b_k² sd(Z_k)²``).  This is the
published procedure as implemented in the authors' RWA-Web and in R's ``rwa``
package (``rwa_logit``).  The logistic fit on ``Z`` is a reparametrisation of
the fit on ``X`` (same likelihood, same ``p̂``), so it is done once on ``X`` and
the coefficients are carried over: ``b_Z = Λ (b_X · sd(X))``.

Survey weights enter every step (weighted correlations and standard
deviations, a weighted logistic fit).  Everything is computed for a batch of
weight vectors at once: the bootstrap resamples as frequency weights.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from scipy.special import expit

from cjresearch.core.errors import DataValidationError

__all__ = [
    "LOGISTIC_METHOD",
    "batch_logistic_weights",
    "fit_logistic_weights",
    "logistic_coefficients",
    "logistic_relative_weights",
    "resample_weights",
]

LOGISTIC_METHOD = "logistic relative weights (Tonidandel & LeBreton 2010)"


def _logit_fit(
    x1: np.ndarray,
    y: np.ndarray,
    wts: np.ndarray,
    start: np.ndarray | None = None,
    *,
    max_iter: int = 50,
    tol: float = 1e-8,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weighted logistic MLE by Newton's method for each row of ``wts`` (B, n).

    Starts from ``start`` (q,) or the weighted log-odds, and stops a fit once
    its step is below ``tol`` (relative): Newton's quadratic convergence leaves
    the estimate some ``tol²`` from the maximum.  Returns the coefficients
    (B, q), the fitted probabilities (B, n) and whether each fit converged to
    finite probabilities (False under separation, whose estimates run off).
    """
    b, n = wts.shape
    q = x1.shape[1]
    outer = (x1[:, :, None] * x1[:, None, :]).reshape(n, q * q)
    coef = np.zeros((b, q))
    if start is None:
        ybar = np.clip(wts @ y / wts.sum(axis=1), 1e-6, 1 - 1e-6)
        coef[:, 0] = np.log(ybar / (1 - ybar))
    else:
        coef[:] = start
    done = np.zeros(b, dtype=bool)
    with np.errstate(over="ignore", invalid="ignore"):
        p = expit(coef @ x1.T)
        for _ in range(max_iter):
            h = ((wts * (p * (1 - p))) @ outer).reshape(b, q, q)
            g = (wts * (y - p)) @ x1
            h[done] = np.eye(q)  # finished fits stay put
            g[done] = 0.0
            try:
                step = np.linalg.solve(h, g[..., None])[..., 0]
            except np.linalg.LinAlgError:
                step = np.einsum("bij,bj->bi", np.linalg.pinv(h), g)
            coef = coef + step
            p = expit(coef @ x1.T)
            big = np.abs(step).max(axis=1)
            done |= big <= tol * (1 + np.abs(coef).max(axis=1))
            if done.all():
                break
    return coef, p, done & np.isfinite(coef).all(axis=1)


def batch_logistic_weights(
    x: np.ndarray, y: np.ndarray, wts: np.ndarray, base: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """Logistic relative weights for each row of the weight matrix ``wts`` (B, n).

    ``x`` (n, p) holds the drivers, ``y`` (n,) the 0/1 outcome.  Returns
    ``weights`` (B, p, the ε_j), ``r2`` (B, R_O²), ``std_coef`` (B, p: the
    drivers' logit coefficients fully standardised, ``b_X · sd(X) · R_O /
    sd(logit ŷ)``) and ``ok`` (B,: False where a driver or the outcome is
    constant, the drivers are collinear or the fit does not converge; those
    rows are NaN).  ``base`` (n,), the full sample's weights, gives the
    centring and scaling of the fit and its starting values (default: the
    first row of ``wts``).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    wts = np.atleast_2d(np.asarray(wts, dtype=float))
    n, p = x.shape
    # a fixed affine change of x (the first row's mean and sd) conditions the fit;
    # it changes no weight, correlation or fitted probability
    w0 = wts[0] if base is None else np.asarray(base, dtype=float)
    m0 = np.average(x, axis=0, weights=w0)
    s0 = np.sqrt(np.average((x - m0) ** 2, axis=0, weights=w0))
    xs = (x - m0) / np.where(s0 > 0, s0, 1.0)
    sw = wts.sum(axis=1)
    mean = wts @ xs / sw[:, None]
    second = (wts @ (xs[:, :, None] * xs[:, None, :]).reshape(n, p * p)).reshape(-1, p, p)
    cov = second / sw[:, None, None] - mean[:, :, None] * mean[:, None, :]
    sd = np.sqrt(np.clip(np.einsum("bii->bi", cov), 0, None))
    my = wts @ y / sw
    ok = (sd > 1e-10).all(axis=1) & (my > 0) & (my < 1)
    if not ok.all():  # rows with a constant driver or outcome are NaN
        out = {
            "weights": np.full((len(wts), p), np.nan),
            "r2": np.full(len(wts), np.nan),
            "std_coef": np.full((len(wts), p), np.nan),
            "ok": ok.copy(),
        }
        if ok.any():
            part = batch_logistic_weights(x, y, wts[ok], base=base)
            for key, value in out.items():
                value[ok] = part[key]
        return out
    corr = cov / (sd[:, :, None] * sd[:, None, :])
    vals, vecs = np.linalg.eigh(corr)
    ok &= vals.min(axis=1) > 1e-12
    lam = np.einsum("bij,bj,bkj->bik", vecs, np.sqrt(np.clip(vals, 0, None)), vecs)
    x1 = np.column_stack([np.ones(n), xs])
    start = _logit_fit(x1, y, w0[None, :])[0][0] if len(wts) > 1 else None
    coef, phat, conv = _logit_fit(x1, y, wts, start)
    ok &= conv
    b_std = coef[:, 1:] * sd  # per standard deviation of each driver
    b_z = np.einsum("bij,bj->bi", lam, b_std)  # on the orthogonal Z (sd 1)
    sd_eta = np.sqrt((b_z**2).sum(axis=1))  # sd of logit ŷ: the Z are uncorrelated
    mp = np.sum(wts * phat, axis=1) / sw
    cyp = np.sum(wts * (y - my[:, None]) * (phat - mp[:, None]), axis=1) / sw
    vp = np.sum(wts * (phat - mp[:, None]) ** 2, axis=1) / sw
    r2 = cyp**2 / (my * (1 - my) * vp)
    scale = np.sqrt(r2) / sd_eta
    beta = b_z * scale[:, None]
    eps = np.einsum("bij,bj->bi", lam**2, beta**2)
    out = {"weights": eps, "r2": r2, "std_coef": b_std * scale[:, None], "ok": ok}
    for key in ("weights", "r2", "std_coef"):
        out[key] = np.where(ok if out[key].ndim == 1 else ok[:, None], out[key], np.nan)
    return out


def fit_logistic_weights(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> dict[str, np.ndarray]:
    """:func:`batch_logistic_weights` of one sample (weights ``w``): 1-d results; raises if unfit."""
    res = batch_logistic_weights(x, y, np.asarray(w, dtype=float)[None, :])
    if not res["ok"][0]:
        raise DataValidationError(
            "the logistic regression of the outcome on the drivers could not be fitted: "
            "a driver or the outcome is constant, the drivers are collinear, or the drivers "
            "separate the 0s from the 1s perfectly",
            fix="drop constant or duplicated drivers and check the outcome's coding "
            "(or use model='linear')",
        )
    return {k: np.asarray(v[0]) for k, v in res.items()}


def logistic_relative_weights(
    x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None
) -> np.ndarray:
    """Relative weights of the drivers ``x`` for a 0/1 outcome ``y`` (Tonidandel & LeBreton 2010).

    The weights sum to ``corr(y, p̂)²``, the squared correlation of the outcome
    with the logistic model's predicted probability (see the module notes).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=(2000, 2))
    >>> y = (rng.random(2000) < 1 / (1 + np.exp(-(1.5 * x[:, 0] + 0.5 * x[:, 1])))).astype(float)
    >>> eps = logistic_relative_weights(x, y)
    >>> bool(eps[0] > eps[1] > 0)
    True
    """
    x = np.asarray(x, dtype=float)
    w = np.ones(len(x)) if weights is None else np.asarray(weights, dtype=float)
    return fit_logistic_weights(x, y, w)["weights"]


def logistic_coefficients(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, std_coef: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Model-based SEs of the fully standardised coefficients and their Wald p-values.

    A statsmodels binomial GLM with the weights scaled to mean 1 (so that the
    SEs are those of a sample of ``n``, as the linear model's WLS does); the
    standardisation factor ``sd(X) · R_O / sd(logit ŷ)`` is taken as fixed.
    """
    import statsmodels.api as sm
    from scipy import stats

    m = np.average(x, axis=0, weights=w)
    s = np.sqrt(np.average((x - m) ** 2, axis=0, weights=w))
    z = (x - m) / s
    try:
        res = sm.GLM(
            y, sm.add_constant(z), family=sm.families.Binomial(), var_weights=w / w.mean()
        ).fit(tol=1e-12)
    except Exception as exc:  # noqa: BLE001 - statsmodels/numpy errors become a plain message
        raise DataValidationError(f"the logistic regression could not be fitted ({exc})") from None
    b, se = np.asarray(res.params[1:]), np.asarray(res.bse[1:])
    factor = np.divide(std_coef, b, out=np.zeros_like(b), where=b != 0)
    pv = 2 * stats.norm.sf(np.abs(b / se))
    return np.abs(factor) * se, pv


def resample_weights(
    rng: np.random.Generator, w: np.ndarray, psu: np.ndarray, n_boot: int
) -> Iterator[np.ndarray]:
    """Bootstrap resamples as frequency weights, in blocks of rows (B, n).

    Respondents are drawn with replacement, or whole PSUs when the design has
    clusters: the same draws as the linear key drivers' bootstrap.
    """
    n = len(w)
    ids, pos = np.unique(psu, return_inverse=True)
    clustered = len(ids) < n
    block = max(1, min(n_boot, int(2_000_000 // max(n, 1))))
    done = 0
    while done < n_boot:
        size = min(block, n_boot - done)
        counts = np.empty((size, n))
        for i in range(size):
            if clustered:
                draw = np.bincount(rng.integers(0, len(ids), len(ids)), minlength=len(ids))
                counts[i] = draw[pos]
            else:
                counts[i] = np.bincount(rng.integers(0, n, n), minlength=n)
        done += size
        yield counts * w
