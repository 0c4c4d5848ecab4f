"""Cox partial likelihood on (start, stop] data, written to R's ``coxph`` algorithm.

:func:`cox_fit` fits a Cox model with case weights, strata, delayed entry and
Efron's or Breslow's handling of tied event times, and gives both variances
R reports: the model-based one (inverse information, ``se(coef)``) and the
robust sandwich ``D'D`` from weighted dfbeta residuals collapsed by cluster
(``robust se`` of ``coxph(..., cluster=id)``).  The score residuals follow
survival's ``agscore3.c`` line by line (Efron: each tied death gets
``(x - mean of the pseudo-death means)`` plus a look-ahead correction), so
the robust variance on tied times is R's, not an approximation of it.

Used by :class:`~cjresearch.timetoevent.coxmodels.ProgressionCox` and
:class:`~cjresearch.timetoevent.finegray.FineGray`.  Sums over risk sets are
differences of cumulative sums (rows sorted once by stop and by start), so an
iteration costs O(n p^2) after one O(n log n) sort.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cjresearch.core.errors import DataValidationError

__all__ = ["CoxFit", "cox_fit"]

TIES = ("efron", "breslow")


@dataclass
class CoxFit:
    """Result of :func:`cox_fit` (covariates in the order given)."""

    coef: np.ndarray
    var: np.ndarray  # model-based: inverse of the information matrix
    var_robust: np.ndarray  # sandwich from weighted dfbeta residuals, collapsed by cluster
    loglik_null: float
    loglik: float
    n_event: int  # rows with an event (not weighted)
    iterations: int
    converged: bool


class _Stratum:
    """The parts of one stratum that do not depend on the coefficients."""

    def __init__(
        self,
        x: np.ndarray,
        start: np.ndarray,
        stop: np.ndarray,
        status: np.ndarray,
        w: np.ndarray,
        ties: str,
    ) -> None:
        self.x, self.w, self.start, self.stop = x, w, start, stop
        dead = status == 1
        self.times = np.unique(stop[dead])
        k = len(self.times)
        self.death_at = np.where(dead, np.searchsorted(self.times, stop), -1)
        dd = self.death_at[dead]
        self.dead = dead
        self.d = np.bincount(dd, minlength=k).astype(float)  # deaths per time (rows)
        self.wsum = np.bincount(dd, weights=w[dead], minlength=k)
        # rows at risk at t_j: start < t_j <= stop -> (stop >= t_j) minus (start >= t_j)
        self.o_stop = np.argsort(stop, kind="stable")
        self.o_start = np.argsort(start, kind="stable")
        self.p_stop = np.searchsorted(stop[self.o_stop], self.times, side="left")
        self.p_start = np.searchsorted(start[self.o_start], self.times, side="left")
        # pseudo-deaths: Efron splits d tied deaths into d steps k/d; Breslow keeps one
        if ties == "efron":
            self.jj = np.repeat(np.arange(k), self.d.astype(int))
            first = np.r_[0, np.cumsum(self.d.astype(int))[:-1]]
            self.frac = (np.arange(len(self.jj)) - first[self.jj]) / self.d[self.jj]
            self.mult = (self.wsum / self.d)[self.jj]
        else:
            self.jj = np.arange(k)
            self.frac = np.zeros(k)
            self.mult = self.wsum
        # event times each row is at risk at: [lo, hi)
        self.lo = np.searchsorted(self.times, start, side="right")
        self.hi = np.searchsorted(self.times, stop, side="right")

    def risk_sum(self, v: np.ndarray) -> np.ndarray:
        """sum of ``v`` over the risk set at each event time (v: rows x ...)."""
        c_stop = np.concatenate([np.zeros((1,) + v.shape[1:]), np.cumsum(v[self.o_stop], 0)])
        c_start = np.concatenate([np.zeros((1,) + v.shape[1:]), np.cumsum(v[self.o_start], 0)])
        return c_start[self.p_start] - c_stop[self.p_stop] + (c_stop[-1] - c_start[-1])

    def parts(
        self, beta: np.ndarray, *, info: bool = True
    ) -> tuple[float, np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        x, w = self.x, self.w
        eta = x @ beta
        r = np.exp(eta)
        wr = w * r
        p = x.shape[1]
        k = len(self.times)
        s0 = self.risk_sum(wr)
        s1 = self.risk_sum(wr[:, None] * x)
        dead = self.dead
        dd = self.death_at[dead]
        d0 = np.bincount(dd, weights=wr[dead], minlength=k)
        d1 = np.stack(
            [np.bincount(dd, weights=(wr * x[:, a])[dead], minlength=k) for a in range(p)], 1
        )
        jj, frac, mult = self.jj, self.frac, self.mult
        den = s0[jj] - frac * d0[jj]
        xbar = (s1[jj] - frac[:, None] * d1[jj]) / den[:, None]
        loglik = float((w[dead] * eta[dead]).sum() - (mult * np.log(den)).sum())
        score = (w[dead, None] * x[dead]).sum(0) - (mult[:, None] * xbar).sum(0)
        imat = np.zeros((p, p))
        if info:
            for a in range(p):
                for b in range(a, p):
                    s2 = self.risk_sum(wr * x[:, a] * x[:, b])
                    d2 = np.bincount(dd, weights=(wr * x[:, a] * x[:, b])[dead], minlength=k)
                    m = (s2[jj] - frac * d2[jj]) / den - xbar[:, a] * xbar[:, b]
                    imat[a, b] = imat[b, a] = float((mult * m).sum())
        return loglik, score, imat, (r, den, xbar)

    def score_residuals(self, beta: np.ndarray) -> np.ndarray:
        """Per-row score residuals (not weighted), as survival's agscore3."""
        _, _, _, (r, den, xbar) = self.parts(beta, info=False)
        x, k = self.x, len(self.times)
        jj, frac = self.jj, self.frac
        h = self.mult / den  # hazard increment of each pseudo-death
        hj = np.bincount(jj, weights=h, minlength=k)
        hxj = np.stack(
            [np.bincount(jj, weights=h * xbar[:, a], minlength=k) for a in range(x.shape[1])], 1
        )
        m1 = np.bincount(jj, weights=h * frac, minlength=k)
        m2 = np.stack(
            [
                np.bincount(jj, weights=h * frac * xbar[:, a], minlength=k)
                for a in range(x.shape[1])
            ],
            1,
        )
        cnt = np.bincount(jj, minlength=k).astype(float)
        m3 = (
            np.stack(
                [np.bincount(jj, weights=xbar[:, a], minlength=k) for a in range(x.shape[1])], 1
            )
            / cnt[:, None]
        )
        ch = np.r_[0.0, np.cumsum(hj)]
        chx = np.vstack([np.zeros((1, x.shape[1])), np.cumsum(hxj, 0)])
        h_i = ch[self.hi] - ch[self.lo]
        hx_i = chx[self.hi] - chx[self.lo]
        res = -r[:, None] * (x * h_i[:, None] - hx_i)
        dead = self.dead
        j = self.death_at[dead]
        xd = x[dead]
        res[dead] += xd - m3[j] + r[dead, None] * (xd * m1[j, None] - m2[j])
        return res


def cox_fit(
    x: np.ndarray,
    stop: np.ndarray,
    status: np.ndarray,
    *,
    start: np.ndarray | None = None,
    weight: np.ndarray | None = None,
    strata: np.ndarray | None = None,
    cluster: np.ndarray | None = None,
    ties: str = "efron",
    max_iter: int = 50,
    tol: float = 1e-12,
) -> CoxFit:
    """Fit a Cox model by Newton-Raphson (with step halving), as R's ``coxph``.

    A row is at risk at event time t when ``start < t <= stop`` (``start``
    None: at risk from the beginning; R's ``finegray`` puts events at time 0
    on (-1, 0]).  ``weight`` are case weights; ``cluster`` labels the rows of
    one subject for the robust variance (default: each row its own cluster).
    Iterates until the relative change of the log partial likelihood is below
    ``tol`` (R's default is 1e-9; tighter here, so the coefficients are those
    of the maximum, not of R's stopping point).

    Examples
    --------
    >>> import numpy as np
    >>> f = cox_fit(np.array([[0.], [1.], [0.], [1.]]), np.array([1., 2, 3, 4]),
    ...             np.array([1, 1, 1, 0]))
    >>> round(float(f.coef[0]), 4)
    -0.9406
    """
    if ties not in TIES:
        raise DataValidationError(
            f"ties={ties!r} is not a tie-handling method", fix="use ties='efron' or 'breslow'"
        )
    x = np.asarray(x, float)
    n, p = x.shape
    stop = np.asarray(stop, float)
    status = np.asarray(status, int)
    start = np.full(n, -np.inf) if start is None else np.asarray(start, float)
    w = np.ones(n) if weight is None else np.asarray(weight, float)
    keep = w > 0  # rows of weight 0 change nothing (R drops them too)
    x, stop, status, start, w = x[keep], stop[keep], status[keep], start[keep], w[keep]
    xc = x - x.mean(0)  # centring changes nothing but the rounding
    labels = (
        np.zeros(len(stop), int)
        if strata is None
        else np.unique(np.asarray(strata)[keep], return_inverse=True)[1]
    )
    masks = [labels == v for v in np.unique(labels)]
    strata_ = [(m, _Stratum(xc[m], start[m], stop[m], status[m], w[m], ties)) for m in masks]
    strata_ = [(m, s) for m, s in strata_ if len(s.times)]

    def total(beta: np.ndarray, info: bool = True) -> tuple[float, np.ndarray, np.ndarray]:
        ll, u, imat = 0.0, np.zeros(p), np.zeros((p, p))
        for _, s in strata_:
            a, b, c, _ = s.parts(beta, info=info)
            ll, u, imat = ll + a, u + b, imat + c
        return ll, u, imat

    beta = np.zeros(p)
    ll0, u, imat = total(beta)
    ll = ll0
    converged, iterations = False, 0
    while iterations < max_iter:
        iterations += 1
        try:
            step = np.linalg.solve(imat, u)
        except np.linalg.LinAlgError:  # flat likelihood (e.g. an infinite coefficient)
            step = np.linalg.lstsq(imat, u, rcond=None)[0]
        new = beta + step
        ll_new, u_new, i_new = total(new)
        halvings = 0
        while not np.isfinite(ll_new) or ll_new < ll - 1e-12 * abs(ll):
            step /= 2
            new = beta + step
            ll_new, u_new, i_new = total(new)
            halvings += 1
            if halvings > 30:
                break
        if not ll_new >= ll - 1e-12 * abs(ll):  # no better point along the Newton step
            break
        done = abs(ll_new - ll) <= tol * abs(ll_new)
        beta, ll, u, imat = new, ll_new, u_new, i_new
        if done:
            converged = True
            break
    try:
        var = np.linalg.inv(imat)
    except np.linalg.LinAlgError:  # no information on some coefficient: infinite variance
        var = np.linalg.pinv(imat)
        var[np.isclose(np.diag(imat), 0.0)] = np.inf
    resid = np.zeros((len(stop), p))
    for m, s in strata_:
        resid[m] = s.score_residuals(beta)
    dfb = (w[:, None] * resid) @ var
    if cluster is not None:
        cl = np.unique(np.asarray(cluster)[keep], return_inverse=True)[1]
        dfb = np.stack([np.bincount(cl, weights=dfb[:, a]) for a in range(p)], 1)
    return CoxFit(
        coef=beta,
        var=var,
        var_robust=dfb.T @ dfb,
        loglik_null=ll0,
        loglik=ll,
        n_event=int((status == 1).sum()),
        iterations=iterations,
        converged=converged,
    )
