"""Gray's test: do the cumulative incidence curves of one event type differ between groups?

:func:`gray_test` is Gray's (1988) k-sample test as ``cmprsk::cuminc`` computes it
(the ``Tests`` table: ``stat``, ``pv``, ``df``): a weighted comparison of the
subdistribution hazards, where customers who churned stay in the risk set with
decreasing weight, so a group that converts more *because it churns less* is
detected, which a log-rank test of the cause-specific hazard would not test.
A translation of Gray's Fortran routine ``crstm`` (cmprsk, GPL), vectorised over
the groups; re-exported by :mod:`cjresearch.timetoevent.competing`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from cjresearch.core.columns import P_VALUE, N
from cjresearch.core.errors import DataValidationError
from cjresearch.timetoevent.survtables import check_columns, check_durations, needed_columns

__all__ = ["gray_test"]


def _crst(
    t: np.ndarray, m: np.ndarray, g: np.ndarray, ng: int, rho: float
) -> tuple[np.ndarray, np.ndarray]:
    """Scores of the first ng-1 groups and their covariance within one stratum
    (cmprsk's ``crst``); ``m`` is 0 censored, 1 the event type, 2 another."""
    rs = np.bincount(g, minlength=ng).astype(float)
    times, inv = np.unique(t, return_inverse=True)
    d = np.zeros((3, len(times), ng))
    np.add.at(d, (m, inv, g), 1.0)
    gone = d.sum(0)
    s, v = np.zeros(ng - 1), np.zeros((ng - 1, ng - 1))
    f1m, skmm = np.zeros(ng), np.ones(ng)
    v3, v2, c = np.zeros(ng), np.zeros((ng - 1, ng)), np.zeros((ng, ng))
    fm = 0.0
    k1 = ng - 1
    for j in range(len(times)):
        d1, d2 = d[1, j], d[2, j]
        nd1, nd2 = d1.sum(), d2.sum()
        if nd1 or nd2:
            ok = rs > 0
            rsafe = np.where(ok, rs, 1.0)
            skm = np.where(ok, skmm * (rs - d1 - d2) / rsafe, skmm)
            t1 = np.where(ok, rs / skmm, 0.0)
            tr = t1.sum()
            tq = np.where(ok, rs * (1 - f1m) / skmm, 0.0).sum()
            f = fm + nd1 / tr
            fb = (1 - fm) ** rho
            a = -fb * np.outer(t1, t1) / tr
            a[np.diag_indices(ng)] = fb * t1 * (1 - t1 / tr)
            c += a * nd1 / (tr * (1 - fm))
            s += np.where(ok, fb * (d1 - nd1 * rs * (1 - f1m) / (skmm * tq)), 0.0)[:k1]
            if nd1 > 0:
                with np.errstate(divide="ignore", invalid="ignore"):
                    t4 = np.where(skm > 0, 1 - (1 - f) / skm, 1.0)
                    t5 = 1 - (nd1 - 1) / (tr * skmm - 1) if nd1 > 1 else np.ones(ng)
                    t3 = np.where(ok, t5 * skmm * nd1 / (tr * rsafe), 0.0)
                v3 += t4**2 * t3
                tt = a[:k1] - t4 * c[:k1]
                v2 += tt * t4 * t3
                v += (tt * t3) @ tt.T
            if nd2 > 0:
                use = (skm > 0) & (d2 > 0)
                with np.errstate(divide="ignore", invalid="ignore"):
                    t4 = np.where(use, (1 - f) / skm, 0.0)
                    t5 = np.where(d2 > 1, 1 - (d2 - 1) / (rs - 1), 1.0)
                    t3 = np.where(use, t5 * skmm**2 * d2 / rsafe**2, 0.0)
                v3 += t4**2 * t3
                tt = t4 * c[:k1]
                v2 -= tt * t4 * t3
                v += (tt * t3) @ tt.T
            f1m = np.where(ok, f1m + skmm * d1 / rsafe, f1m)
            skmm, fm = skm, f
        rs = rs - gone[j]
    ck = c[:k1]
    v += (ck * v3) @ ck.T + ck @ v2.T + v2 @ ck.T
    return s, v


def gray_test(
    data: pd.DataFrame,
    *,
    by: str,
    strata: str | Sequence[str] | None = None,
    duration: str = "duration",
    event: str = "event",
    event_types: Sequence[int] | None = None,
    rho: float = 0.0,
) -> pd.DataFrame:
    """Gray's test that the cumulative incidence of an event type is the same in every group.

    One test per event type (1 = reached the stage, 2 = churned, ...), as the
    ``Tests`` table of R's ``cmprsk::cuminc(ftime, fstatus, group, strata, rho)``:
    the statistic is chi-square with (groups - 1) degrees of freedom under the
    hypothesis of equal subdistribution hazards.  ``rho`` is the power of the
    weight (1 - F(t-))^rho (0, the default: equal weight over time; larger values
    weigh early differences more).  With ``strata`` the scores and variances are
    summed over the strata.  The test uses counts of customers: no sampling
    weights, no delayed entry.

    Returns
    -------
    DataFrame
        ``event_type``, ``statistic``, ``df``, ``p_value``, ``n`` (customers),
        ``n_event`` (events of this type).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"duration": [1, 2, 3, 4, 5, 6, 7, 8],
    ...                   "event": [1, 1, 2, 1, 2, 2, 0, 1],
    ...                   "group": list("aaaabbbb")})
    >>> gray_test(d, by="group")[["event_type", "df"]].values.tolist()
    [[1, 1], [2, 1]]
    """
    keys = [] if strata is None else ([strata] if isinstance(strata, str) else list(strata))
    check_columns(data, [by, *keys], "durations")
    d = check_durations(
        needed_columns(data, by, *keys, duration, event), duration=duration, event=event, entry=None
    )
    missing = d[[by, *keys]].isna().any(axis=1)
    if missing.any():
        raise DataValidationError(
            f"{int(missing.sum())} rows without a group or stratum",
            source="durations",
            column=by,
            rows=d.index[missing].tolist()[:20],
            fix="drop these rows or give them a group",
        )
    groups, g = np.unique(d[by].astype(str).to_numpy(), return_inverse=True)
    if len(groups) < 2:
        raise DataValidationError(
            f"only one group ({groups.tolist()}): nothing to compare",
            source="durations",
            column=by,
            fix="choose a column with two or more groups",
        )
    st = (
        d[keys].astype(str).agg("\x1f".join, axis=1).to_numpy()
        if keys
        else np.zeros(len(d), dtype=str)
    )
    t, e = d["_t"].to_numpy(), d["_e"].to_numpy()
    types = sorted(int(k) for k in np.unique(e) if k > 0) if event_types is None else event_types
    ng = len(groups)
    rows = []
    for k in types:
        m = np.where(e == k, 1, np.where(e == 0, 0, 2))
        s, v = np.zeros(ng - 1), np.zeros((ng - 1, ng - 1))
        for level in np.unique(st):
            sel = st == level
            ss, vv = _crst(t[sel], m[sel], g[sel], ng, rho)
            s, v = s + ss, v + vv
        try:
            stat = float(s @ np.linalg.solve(v, s))
        except np.linalg.LinAlgError:
            stat = float("nan")
        rows.append(
            {
                "event_type": int(k),
                "statistic": stat,
                "df": ng - 1,
                P_VALUE: float(stats.chi2.sf(stat, ng - 1)),
                N: len(d),
                "n_event": int((e == k).sum()),
            }
        )
    return pd.DataFrame(rows)
