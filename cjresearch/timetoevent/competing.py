"""Competing risks: converting vs churning.

When churn competes with progression, ``1 - Kaplan-Meier`` overstates
conversion (it pretends churned customers could still convert). The
Aalen-Johansen estimator of the *cumulative incidence* gives the share that has
reached the stage by time t while churn removes customers for good.

* :func:`cumulative_incidence` -- Aalen-Johansen cumulative incidence of every
  event type by group, from aggregated event tables, with the
  Marubini-Valsecchi (Greenwood-type) variance and log(-log) intervals;
* :func:`restricted_mean_time` -- area under the curves up to a horizon
  (restricted mean time in state); :func:`restricted_mean_incidence` gives it
  with R's infinitesimal-jackknife standard error;
* :func:`gray_test` -- Gray's test that cumulative incidence curves differ
  between groups (``cmprsk::cuminc``), in :mod:`cjresearch.timetoevent.graytest`;
* :class:`FineGray` -- Fine-Gray subdistribution-hazard regression, in
  :mod:`cjresearch.timetoevent.finegray` (both re-exported here).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from cjresearch.core.columns import CI_HIGH, CI_LOW, ESTIMATE, SE, N
from cjresearch.core.errors import UnreliableEstimateWarning
from cjresearch.core.stats import z_value
from cjresearch.core.timeunits import tag_time_unit, time_origin, time_unit_of
from cjresearch.timetoevent.finegray import FineGray, finegray_frame
from cjresearch.timetoevent.graytest import gray_test
from cjresearch.timetoevent.survtables import (
    check_durations,
    curve_at,
    event_table,
    needed_columns,
    read_at,
    split_groups,
)

_IJ_MAX = 50_000_000  # customers x event times above which weighted CIs use the bootstrap

__all__ = [
    "FineGray",
    "aalen_johansen",
    "cumulative_incidence",
    "finegray_frame",
    "gray_test",
    "restricted_mean_incidence",
    "restricted_mean_time",
]


def _aj_group(g: pd.DataFrame, types: Sequence[int], z: float) -> pd.DataFrame:
    tab = event_table(
        g["_t"].to_numpy(),
        g["_e"].to_numpy(),
        entry=g["_entry"].to_numpy(),
        weight=g["_w"].to_numpy(),
        n_types=max(max(types), int(g["_e"].max())),
    )
    n, d = tab["n_risk"].to_numpy(), tab["n_event"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        haz = np.where(n > 0, d / n, 0.0)
        surv = np.cumprod(1 - haz)
        lag = np.r_[1.0, surv[:-1]]
        a = np.where(n > d, d / (n * (n - d)), 0.0)
    frames = []
    for k in types:
        dk = tab[f"n_event_{k}"].to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            inc = np.where(n > 0, lag * dk / n, 0.0)
            f = np.cumsum(inc)
            second = np.cumsum(np.where(n > 0, lag**2 * dk * (n - dk) / n**3, 0.0))
            b = np.where(n > 0, lag * dk / n**2, 0.0)
        first = f**2 * np.cumsum(a) - 2 * f * np.cumsum(f * a) + np.cumsum(f**2 * a)
        third = f * np.cumsum(b) - np.cumsum(f * b)
        var = np.maximum(first + second - 2 * third, 0.0)
        se = np.sqrt(var)
        with np.errstate(divide="ignore", invalid="ignore"):
            sell = se / (f * np.abs(np.log(f)))
            lo = np.exp(-np.exp(np.log(-np.log(f)) + z * sell))
            hi = np.exp(-np.exp(np.log(-np.log(f)) - z * sell))
        lo = np.where(f > 0, lo, 0.0)
        hi = np.where(f > 0, hi, 0.0)
        frames.append(
            pd.DataFrame(
                {
                    "event_type": k,
                    "time": np.r_[0.0, tab["time"]],
                    "n_risk": np.r_[n[0] if len(n) else 0.0, n],
                    "n_event": np.r_[0.0, dk],
                    ESTIMATE: np.r_[0.0, f],
                    SE: np.r_[0.0, se],
                    CI_LOW: np.r_[0.0, lo],
                    CI_HIGH: np.r_[0.0, hi],
                    N: len(g),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def cumulative_incidence(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    duration: str = "duration",
    event: str = "event",
    event_types: Sequence[int] | None = None,
    entry: str | None = "entry",
    weight: str | None = None,
    level: float = 0.95,
    n_boot: int = 200,
    seed: int = 0,
    times: Sequence[float] | None = None,
    extend: bool = False,
) -> pd.DataFrame:
    """Aalen-Johansen cumulative incidence of each event type, by group.

    Event code 0 is censoring; every other code is an event type that ends
    the wait (in a durations frame: 1 reached the stage, 2 churned). Without
    weights ``se`` is the Marubini-Valsecchi (Greenwood-type) formula. With
    ``weight`` (sampling weights) the counts are weighted and ``se`` is the
    infinitesimal-jackknife (robust) one, as in R's ``survfit``; above
    50 million customers x event times it comes from ``n_boot`` bootstrap
    resamples of customers instead.

    Returns
    -------
    DataFrame
        Group columns, ``event_type``, ``time``, ``n_risk``, ``n_event`` (of
        this type), ``estimate`` (cumulative incidence), ``se``, ``ci_low``,
        ``ci_high``, ``n``, ``time_unit`` (of ``time``: the durations'
        unit); a first row at time 0 with estimate 0.

        With ``times``, the curves read at those times instead (R's
        ``summary(survfit, times=)``), one row per group, event type and time
        in the order given: ``time`` (as asked), ``n_risk`` (at risk at that
        time, 0 past the last follow-up), ``n_event`` (of this type, since the
        previous time asked for when ``times`` increase), and the estimate,
        ``se`` and interval of the last step at or before the time.  Past a
        group's last follow-up the estimate is NaN (R leaves such times out),
        or the last value with ``extend=True``.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"duration": [1, 2, 3, 4], "event": [1, 2, 0, 1]})
    >>> ci = cumulative_incidence(d, event_types=[1])
    >>> ci["estimate"].round(3).tolist()
    [0.0, 0.25, 0.25, 0.25, 0.75]
    >>> at = cumulative_incidence(d, event_types=[1], times=[2.5, 5])
    >>> at[["time", "n_risk", "estimate"]].values.tolist()
    [[2.5, 2.0, 0.25], [5.0, 0.0, nan]]
    """
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    d = check_durations(
        needed_columns(data, *keys, duration, event, entry, weight),
        duration=duration,
        event=event,
        entry=entry,
        weight=weight,
    )
    out = aalen_johansen(
        d,
        keys,
        event_types=event_types,
        weighted=weight is not None,
        level=level,
        n_boot=n_boot,
        seed=seed,
    )
    if times is not None:
        parts = []
        for key, f in out.groupby([*keys, "event_type"], sort=False):
            rows = read_at(
                f, times, extend=extend, values=[ESTIMATE, SE, CI_LOW, CI_HIGH], counts=["n_event"]
            )
            rows[N] = f[N].iloc[0]
            for k, v in reversed(list(zip([*keys, "event_type"], key, strict=True))):
                rows.insert(0, k, v)  # type: ignore[arg-type]
            parts.append(rows)
        out = pd.concat(parts, ignore_index=True)
    out = tag_time_unit(out, time_unit_of(data))
    out.attrs["time_since"] = time_origin(data)  # for the time axis of charts
    return out


def aalen_johansen(
    d: pd.DataFrame,
    keys: Sequence[str],
    *,
    event_types: Sequence[int] | None = None,
    weighted: bool = False,
    level: float = 0.95,
    n_boot: int = 200,
    seed: int = 0,
    at: Sequence[float] | None = None,
    groups: tuple[list[tuple], Sequence[np.ndarray]] | None = None,
) -> pd.DataFrame:
    """The curves of :func:`cumulative_incidence` from a frame that
    :func:`~cjresearch.timetoevent.survtables.check_durations` has checked (columns ``_t``,
    ``_e``, ``_entry``, ``_w`` and the group columns ``keys``); no time unit attached.

    For estimators that check their input once and need the curves on the way
    (:func:`cjresearch.timetoevent.progression.conversion`).  With ``at``, each group's curve
    is read at those times as it is computed (one row per group, event type and
    time, in the order given: columns ``at``, ``event_type``, the estimate, its
    interval and ``n``; NaN before time 0): a curve of millions of distinct times is
    never held whole.  ``groups``: the
    :func:`~cjresearch.timetoevent.survtables.group_positions` of ``keys`` when the caller has them.
    """
    types = (
        sorted(t for t in d["_e"].unique() if t > 0) if event_types is None else list(event_types)
    )
    if not types:
        warnings.warn(
            "no events: every cumulative incidence stays at 0",
            UnreliableEstimateWarning,
            stacklevel=3,
        )
        types = [1]
    z = z_value(level)
    slim = d[[*keys, "_t", "_e", "_entry", "_w"]]  # each group's copy holds only these
    parts, keys = split_groups(slim, list(keys), found=groups)
    frames = []
    for key, g in parts:
        f = _aj_group(g, types, z)
        if weighted and len(g) * (g["_e"] > 0).sum() > _IJ_MAX:
            f = _bootstrap_ci(g, f, types, z, n_boot=n_boot, level=level, seed=seed)
        elif weighted:
            f = _ij_ci(g, f, types, z)
        if len(f) > 1 and f["time"].iloc[1] == 0:
            f = f[~((f["time"] == 0) & (f[ESTIMATE] == 0) & (f["n_event"] == 0))]
        if at is not None:
            f = _read_at(f, at)
        for k, v in zip(keys, key, strict=True):
            f.insert(0, k, v)
        frames.append(f)
    return pd.concat(frames, ignore_index=True)


def _read_at(curves: pd.DataFrame, times: Sequence[float]) -> pd.DataFrame:
    """Each event type's estimates at ``times`` (the curve's last row at or before each)."""
    parts = []
    for k, f in curves.groupby("event_type", sort=False):
        rows = curve_at(f, times, [ESTIMATE, SE, CI_LOW, CI_HIGH, N])
        rows.insert(0, "event_type", k)
        rows.insert(0, "at", np.asarray(times, dtype=float))
        parts.append(rows)
    return pd.concat(parts, ignore_index=True)


def _aj_influence(
    t: np.ndarray,
    e: np.ndarray,
    en: np.ndarray,
    w: np.ndarray,
    types: Sequence[int],
    tau: float | None = None,
) -> tuple[np.ndarray, dict[int, np.ndarray], dict[int, tuple[float, float]]]:
    """Infinitesimal-jackknife influence of each customer on the Aalen-Johansen
    cumulative incidence (and on its area up to ``tau``), as R's ``survfit`` computes
    its standard errors. Returns event times, {type: se at those times} and
    {type: (area, se of area)}. O(customers x event times)."""
    times = np.unique(t[e > 0])
    if tau is not None:
        times = times[times <= tau]
    nxt = np.minimum(
        np.r_[times[1:], np.inf if tau is None else tau], np.inf if tau is None else tau
    )
    en_eff = np.where(en <= 0, -np.inf, en)
    u = np.zeros(len(t))
    d_f = {k: np.zeros(len(t)) for k in types}
    infl_rm = {k: np.zeros(len(t)) for k in types}
    f = dict.fromkeys(types, 0.0)
    rm = dict.fromkeys(types, 0.0)
    se = {k: np.zeros(len(times)) for k in types}
    s_prev = 1.0
    w2 = w**2
    for j, tj in enumerate(times):
        y = (en_eff < tj) & (t >= tj)
        at = t == tj
        d_n = at & (e > 0)
        nj, dj = float(w[y].sum()), float(w[d_n].sum())
        for k in types:
            d_nk = at & (e == k)
            hk = float(w[d_nk].sum()) / nj
            d_f[k] += s_prev * (hk * u + (d_nk - y * hk) / nj)
            f[k] += s_prev * hk
            se[k][j] = np.sqrt((w2 * d_f[k] ** 2).sum())
            if tau is not None:
                infl_rm[k] += d_f[k] * (nxt[j] - tj)
                rm[k] += f[k] * (nxt[j] - tj)
        if nj > dj:
            u -= (d_n - y * (dj / nj)) / (nj - dj)
        s_prev *= 1 - dj / nj
    areas = {k: (rm[k], float(np.sqrt((w2 * infl_rm[k] ** 2).sum()))) for k in types}
    return times, se, areas


def restricted_mean_incidence(
    data: pd.DataFrame,
    *,
    tau: float,
    by: str | Sequence[str] | None = None,
    duration: str = "duration",
    event: str = "event",
    event_types: Sequence[int] | None = None,
    entry: str | None = "entry",
    weight: str | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Restricted mean time spent in each event state up to ``tau``, with SEs.

    The area under the Aalen-Johansen cumulative incidence from 0 to ``tau``
    -- e.g. the expected time spent "converted" (or "churned") in the first
    ``tau`` minutes, hours, days or weeks (the durations' unit) -- with the infinitesimal-jackknife standard error R's
    ``survfit`` reports (valid with sampling weights too) and a normal
    interval. Cost grows with customers x event times: aggregate or sample
    for very large data.

    Returns
    -------
    DataFrame
        Group columns, ``event_type``, ``estimate``, ``se``, ``ci_low``,
        ``ci_high`` (times), ``n``, ``tau``, ``time_unit`` (of ``tau`` and the
        estimates: the durations' unit).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"duration": [1, 2, 3, 4], "event": [1, 2, 0, 1]})
    >>> float(restricted_mean_incidence(d, tau=4, event_types=[1])["estimate"].iloc[0])
    0.75
    """
    d = check_durations(data, duration=duration, event=event, entry=entry, weight=weight)
    types = (
        sorted(int(t) for t in d["_e"].unique() if t > 0)
        if event_types is None
        else list(event_types)
    )
    z = z_value(level)
    groups, keys = split_groups(d, by)
    rows = []
    for key, g in groups:
        _, _, areas = _aj_influence(
            g["_t"].to_numpy(),
            g["_e"].to_numpy(),
            g["_entry"].to_numpy(),
            g["_w"].to_numpy(),
            types,
            tau,
        )
        for k in types:
            est, se = areas[k]
            row = dict(zip(keys, key, strict=True))
            row.update(
                {
                    "event_type": k,
                    ESTIMATE: est,
                    SE: se,
                    CI_LOW: est - z * se,
                    CI_HIGH: est + z * se,
                    N: len(g),
                    "tau": tau,
                }
            )
            rows.append(row)
    return tag_time_unit(pd.DataFrame(rows), time_unit_of(data))


def _bootstrap_ci(
    g: pd.DataFrame,
    f: pd.DataFrame,
    types: Sequence[int],
    z: float,
    *,
    n_boot: int,
    level: float,
    seed: int,
) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    f = f.copy()
    sims: dict[int, list[np.ndarray]] = {k: [] for k in types}
    for _ in range(n_boot):
        b = _aj_group(g.iloc[rng.integers(0, len(g), len(g))], types, z)
        for k in types:
            bk, fk = b[b["event_type"] == k], f[f["event_type"] == k]
            pos = np.searchsorted(bk["time"].to_numpy(), fk["time"].to_numpy(), side="right") - 1
            sims[k].append(np.where(pos >= 0, bk[ESTIMATE].to_numpy()[np.maximum(pos, 0)], 0.0))
    alpha = 1 - level
    for k in types:
        arr = np.array(sims[k])
        m = (f["event_type"] == k).to_numpy()
        f.loc[m, SE] = arr.std(axis=0, ddof=1)
        f.loc[m, CI_LOW] = np.quantile(arr, alpha / 2, axis=0)
        f.loc[m, CI_HIGH] = np.quantile(arr, 1 - alpha / 2, axis=0)
    return f


def _ij_ci(g: pd.DataFrame, f: pd.DataFrame, types: Sequence[int], z: float) -> pd.DataFrame:
    times, se, _ = _aj_influence(
        g["_t"].to_numpy(), g["_e"].to_numpy(), g["_entry"].to_numpy(), g["_w"].to_numpy(), types
    )
    f = f.copy()
    for k in types:
        m = (f["event_type"] == k).to_numpy()
        pos = np.searchsorted(times, f.loc[m, "time"].to_numpy(), side="right") - 1
        s_k = np.where(pos >= 0, se[k][np.maximum(pos, 0)], 0.0)
        est = f.loc[m, ESTIMATE].to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            sell = s_k / (est * np.abs(np.log(est)))
            lo = np.exp(-np.exp(np.log(-np.log(est)) + z * sell))
            hi = np.exp(-np.exp(np.log(-np.log(est)) - z * sell))
        f.loc[m, SE] = s_k
        f.loc[m, CI_LOW] = np.where(est > 0, lo, 0.0)
        f.loc[m, CI_HIGH] = np.where(est > 0, hi, 0.0)
    return f


def restricted_mean_time(
    curves: pd.DataFrame,
    *,
    tau: float,
    by: str | Sequence[str] | None = None,
    column: str = ESTIMATE,
    level: float = 0.95,
) -> pd.DataFrame:
    """Area under step curves from 0 to ``tau`` (restricted mean time in state).

    For a cumulative incidence curve, the expected time spent in the
    "converted" (or "churned") state up to ``tau``; for a survival curve, the
    restricted mean time *not yet* converted.  ``tau`` and the result are in
    the curves' time unit (their ``time_unit`` column), named in the result's
    ``time_unit`` column.

    The standard error needs the risk sets, so it is given for Kaplan-Meier
    curves (columns ``n_risk`` and ``n_event``, as
    :func:`~cjresearch.timetoevent.progression.kaplan_meier` returns them):
    ``sum_j A_j^2 d_j / (n_j (n_j - d_j))`` over event times before ``tau``,
    where ``A_j`` is the area under the curve from ``t_j`` to ``tau`` -- the
    formula of R's ``print(survfit(...), rmean=tau)``; without censoring it
    equals the variance of the mean of ``min(T, tau)``.  A cumulative
    incidence curve's area depends on all event types at once: its ``se`` and
    interval are missing here; :func:`restricted_mean_incidence` computes them
    from the customers' data.

    Returns
    -------
    DataFrame
        Group columns (and ``event_type`` for cumulative incidence curves),
        ``n`` (the curve's customers), ``estimate``, ``se``, ``ci_low``,
        ``ci_high`` (normal interval), ``tau``, ``time_unit``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"time": [0.0, 1.0, 3.0], "estimate": [0.0, 0.5, 1.0]})
    >>> float(restricted_mean_time(c, tau=4)["estimate"].iloc[0])
    2.0
    """
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    if "event_type" in curves.columns and "event_type" not in keys:
        keys = keys + ["event_type"]
    z = z_value(level)
    rows = []
    for key, g in curves.groupby(keys, observed=True, sort=True) if keys else [((), curves)]:
        key = key if isinstance(key, tuple) else (key,)
        g = g.sort_values("time", kind="stable").drop_duplicates("time", keep="last")
        t = np.minimum(g["time"].to_numpy(), tau)
        widths = np.diff(np.r_[t, tau])
        areas = g[column].to_numpy(float) * widths
        est = float(np.sum(areas))
        n = (
            g[N].iloc[0]
            if N in g.columns
            else (g["n_risk"].iloc[0] if "n_risk" in g.columns else np.nan)
        )
        se = np.nan
        if {"n_risk", "n_event"} <= set(g.columns) and "event_type" not in g.columns:
            before = g["time"].to_numpy() < tau
            after = np.cumsum(areas[::-1])[::-1]  # area from t_j to tau
            d = g["n_event"].to_numpy(float)
            r = g["n_risk"].to_numpy(float)
            with np.errstate(divide="ignore", invalid="ignore"):
                hh = np.where(r - d > 0, d / (r * (r - d)), 0.0)
            se = float(np.sqrt(np.sum((after**2 * hh)[before])))
        row = dict(zip(keys, key, strict=True))
        row.update(
            {
                N: n,
                ESTIMATE: est,
                SE: se,
                CI_LOW: est - z * se,
                CI_HIGH: est + z * se,
                "tau": tau,
            }
        )
        rows.append(row)
    return tag_time_unit(pd.DataFrame(rows), time_unit_of(curves))
