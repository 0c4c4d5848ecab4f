"""Stage progression as time-to-event data.

A customer who has not reached the next stage *yet* is censored, not lost.
This module turns the event engine's :class:`~cjresearch.engine.timeline.Timeline` into
a tidy *durations* frame (one row per customer and step) and estimates from it:

* :func:`stage_durations` -- durations for every step (from
  :mod:`cjresearch.timetoevent.durations`, re-exported here);
* :func:`kaplan_meier` -- Kaplan-Meier curves by group from aggregated event
  tables (counts per distinct time; a million customers take about a second),
  Greenwood standard errors and R's default ``log`` confidence intervals;
* :func:`time_to_stage` -- median and other percentiles of the time to reach a
  stage, with R's (``quantile.survfit``) confidence limits;
* :func:`logrank` -- log-rank test between groups, optionally stratified;
* :func:`conversion` -- the censoring-aware share reaching a stage within N
  minutes, hours, days or weeks beside the naive funnel share.

The durations frame has the columns ``customer_id``, ``from_stage``,
``to_stage``, ``entry`` (delayed-entry time, 0 when observed from the origin),
``duration`` (time from the origin to the event or censoring, in the unit
of ``attrs["time_unit"]``, see :mod:`cjresearch.core.timeunits`),
``event`` (0 censored, 1 reached ``to_stage``, 2 exited, a competing event),
``exit_state`` and ``origin`` (the timestamp the clock starts at), plus any
customer attributes passed in.  Every time in the results (``time``,
percentiles, ``horizon``) is in the durations' unit, named in a
``time_unit`` column.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.columns import CI_HIGH, CI_LOW, ESTIMATE, P_VALUE, SE, SMALL_BASE, N
from cjresearch.core.errors import (
    DataValidationError,
    SmallSampleWarning,
    UnreliableEstimateWarning,
)
from cjresearch.core.stats import MIN_BASE, z_value
from cjresearch.core.timeunits import default_horizons, tag_time_unit, time_origin, time_unit_of
from cjresearch.timetoevent.durations import CENSORED, EXITED, REACHED, stage_durations
from cjresearch.timetoevent.survtables import (
    check_columns,
    check_durations,
    curve_at,
    event_table,
    group_positions,
    km_from_table,
    km_ij_se_log,
    log_ci,
    logrank_parts,
    needed_columns,
    read_at,
    split_groups,
)

__all__ = [
    "CENSORED",
    "EXITED",
    "REACHED",
    "check_durations",
    "conversion",
    "event_table",
    "kaplan_meier",
    "logrank",
    "stage_durations",
    "time_to_stage",
]


def kaplan_meier(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    duration: str = "duration",
    event: str = "event",
    event_of_interest: int = 1,
    entry: str | None = "entry",
    weight: str | None = None,
    level: float = 0.95,
    conf_type: str = "log",
    times: Sequence[float] | None = None,
    extend: bool = False,
) -> pd.DataFrame:
    """Kaplan-Meier survival (not yet reached) curves, one row per group and time.

    Events of types other than ``event_of_interest`` count as censored (use
    :func:`cjresearch.timetoevent.competing.cumulative_incidence` when they compete).
    Computed from aggregated event tables; equal to lifelines'
    ``KaplanMeierFitter`` and to R's ``survfit`` (Greenwood variance; the
    default ``log`` interval is R's default).

    Returns
    -------
    DataFrame
        Group columns, ``time``, ``n_risk``, ``n_event``, ``n_censor``,
        ``estimate`` (survival), ``se`` (of the survival), ``ci_low``,
        ``ci_high``, ``n`` (customers in the group), ``time_unit`` (of
        ``time``: the durations' unit). Starts with a row at time 0 with
        estimate 1.  ``attrs["time_since"]`` says where the clock starts
        (``"stage"``, ``"start"`` or None, :func:`cjresearch.core.timeunits.time_origin`)
        for the charts' time axis.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"duration": [1, 2, 3, 4], "event": [1, 0, 1, 1]})
    >>> kaplan_meier(d)["estimate"].round(3).tolist()
    [1.0, 0.75, 0.75, 0.375, 0.0]
    """
    unit = time_unit_of(data)
    d = check_durations(data, duration=duration, event=event, entry=entry, weight=weight)
    d["_e"] = (d["_e"] == event_of_interest).astype(int)
    z = z_value(level)
    groups, keys = split_groups(d, by)
    frames = []
    for key, g in groups:
        if (g["_e"] == 0).all() and keys:
            warnings.warn(
                f"group {dict(zip(keys, key, strict=True))} has no events: its curve stays at 1",
                UnreliableEstimateWarning,
                stacklevel=2,
            )
        tab = event_table(
            g["_t"].to_numpy(),
            g["_e"].to_numpy(),
            entry=g["_entry"].to_numpy(),
            weight=g["_w"].to_numpy(),
            n_types=1,
        )
        surv, se_log = km_from_table(tab)
        if weight is not None:  # sampling weights: robust (IJ) variance, not Greenwood
            se_log = km_ij_se_log(
                g["_t"].to_numpy(),
                g["_e"].to_numpy(),
                g["_entry"].to_numpy(),
                g["_w"].to_numpy(),
                tab,
            )
        se_s = np.where(surv > 0, surv * np.where(np.isfinite(se_log), se_log, 0.0), np.nan)
        lo, hi = log_ci(surv, se_log, z, conf_type)
        f = pd.DataFrame(
            {
                "time": np.r_[0.0, tab["time"]],
                "n_risk": np.r_[tab["n_risk"].iloc[0] if len(tab) else 0, tab["n_risk"]],
                "n_event": np.r_[0.0, tab["n_event"]],
                "n_censor": np.r_[0.0, tab["n_censor"]],
                ESTIMATE: np.r_[1.0, surv],
                SE: np.r_[0.0, se_s],
                CI_LOW: np.r_[1.0, lo],
                CI_HIGH: np.r_[1.0, hi],
                "_se_log": np.r_[0.0, se_log],
            }
        )
        if len(tab) and tab["time"].iloc[0] == 0:
            f = f.iloc[1:]
        if times is not None:
            f = read_at(f, times, extend=extend, values=[ESTIMATE, SE, CI_LOW, CI_HIGH])
        f[N] = len(g)
        for k, v in zip(keys, key, strict=True):
            f.insert(0, k, v)
        frames.append(f)
    out = pd.concat(frames, ignore_index=True).drop(columns="_se_log", errors="ignore")
    out = tag_time_unit(out, unit)
    out.attrs["time_since"] = time_origin(data)  # for the time axis of charts
    return out


# --------------------------------------------------------------------------
# percentiles of time to stage
# --------------------------------------------------------------------------
def _quantile_r(x: np.ndarray, y: np.ndarray, p: float, tol: float = 1e-9) -> float:
    """R's survival:::quantile.survfit rule: first time the curve is <= p;
    where it sits exactly at p over an interval, the interval's midpoint: from
    the time it reaches p to the time it falls below p (rows in between are
    censoring times where the curve stays flat), or the time it reaches p if it
    never falls below."""
    ok = ~np.isnan(y)
    x, y = x[ok], y[ok]
    if len(y) == 0 or y[-1] > p + tol:
        return float("nan")
    hit = np.flatnonzero(np.abs(y - p) < tol)
    below = np.flatnonzero(y < p - tol)
    if len(hit) and (not len(below) or hit[0] < below[0]):
        i = hit[0]
        return float((x[i] + x[below[0]]) / 2) if len(below) else float(x[i])
    return float(x[below[0]])


def time_to_stage(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    percentiles: Sequence[float] = (0.25, 0.5, 0.75),
    level: float = 0.95,
    min_base: int = MIN_BASE,
    **kwargs: Any,
) -> pd.DataFrame:
    """Median and other percentiles of the time to reach the stage, with CIs.

    The percentile *q* is the time by which a share *q* of customers has
    reached the stage, counting the not-yet-converted as censored. NaN means
    the curve never gets that far (too few conversions observed yet).
    Exits (event 2) count as censored here, so this is the waiting time of
    customers while they stay; for the share that actually converts when
    churn competes, read :func:`conversion`.
    Confidence limits follow R's ``quantile.survfit`` (inverting the
    pointwise interval of the curve).

    Returns
    -------
    DataFrame
        Group columns, ``percentile``, ``estimate``, ``ci_low``, ``ci_high``
        (times in the durations' unit), ``n``, ``n_event``, ``small_base``,
        ``time_unit``.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"duration": [1, 2, 3, 4, 5], "event": [1, 1, 1, 1, 1]})
    >>> time_to_stage(d, percentiles=[0.5])["estimate"].tolist()
    [3.0]
    """
    curve = kaplan_meier(data, by=by, level=level, **kwargs)
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    rows = []
    for key, g in curve.groupby(keys, observed=True, sort=True) if keys else [((), curve)]:
        key = key if isinstance(key, tuple) else (key,)
        x, s = g["time"].to_numpy(), g[ESTIMATE].to_numpy()
        for q in percentiles:
            p = 1 - q
            row = dict(zip(keys, key, strict=True))
            row.update(
                {
                    "percentile": q,
                    ESTIMATE: _quantile_r(x, s, p),
                    CI_LOW: _quantile_r(x, g[CI_LOW].to_numpy(), p),
                    CI_HIGH: _quantile_r(x, g[CI_HIGH].to_numpy(), p),
                    N: int(g[N].iloc[0]),
                    "n_event": float(g["n_event"].sum()),
                }
            )
            rows.append(row)
    out = pd.DataFrame(rows)
    out[SMALL_BASE] = out["n_event"] < min_base
    return tag_time_unit(out, time_unit_of(curve))


# --------------------------------------------------------------------------
# log-rank
# --------------------------------------------------------------------------
def logrank(
    data: pd.DataFrame,
    *,
    by: str,
    strata: str | Sequence[str] | None = None,
    duration: str = "duration",
    event: str = "event",
    event_of_interest: int = 1,
    entry: str | None = "entry",
) -> pd.DataFrame:
    """Log-rank test that the time to the stage is the same in every group.

    With ``strata``, the stratified log-rank test (R's
    ``survdiff(... + strata(x))``): observed minus expected and its variance
    are summed over strata, so groups are compared within each stratum.

    Returns
    -------
    DataFrame
        One row: ``statistic`` (chi-square), ``df``, ``p_value``, ``n``,
        ``n_event``, ``groups``; plus one row per group with ``observed`` and
        ``expected`` in the ``detail`` attribute (``out.attrs["detail"]``).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"duration": [1, 2, 3, 4, 5, 6], "event": 1,
    ...                   "g": list("aaabbb")})
    >>> round(float(logrank(d, by="g")["p_value"].iloc[0]), 3)
    0.025
    """
    d = check_durations(data, duration=duration, event=event, entry=entry)
    check_columns(d, [by], "durations")
    d = d.dropna(subset=[by])
    d["_e"] = (d["_e"] == event_of_interest).astype(int)
    levels = sorted(d[by].unique().tolist())
    if len(levels) < 2:
        raise DataValidationError(
            f"only one group ({levels}) in {by!r}: nothing to compare",
            source="durations",
            column=by,
        )
    k = len(levels)
    oe, v = np.zeros(k), np.zeros((k, k))
    skeys = None if strata is None else ([strata] if isinstance(strata, str) else list(strata))
    groups = [((), d)] if skeys is None else list(d.groupby(skeys, observed=True))
    obs = np.zeros(k)
    for _, s in groups:
        g = s[by].to_numpy()
        a, b = logrank_parts(
            s["_t"].to_numpy(), s["_e"].to_numpy(), s["_entry"].to_numpy(), g, levels
        )
        oe += a
        v += b
        obs += np.array([s.loc[g == lev, "_e"].sum() for lev in levels])
    no_ev = [lev for lev, o in zip(levels, obs, strict=True) if o == 0]
    if no_ev:
        warnings.warn(
            f"group(s) {no_ev} of {by!r} have no events; the test still runs but "
            "says little about them",
            SmallSampleWarning,
            stacklevel=2,
        )
    try:
        stat = float(oe[:-1] @ np.linalg.solve(v[:-1, :-1], oe[:-1]))
    except np.linalg.LinAlgError:
        raise DataValidationError(
            "the log-rank variance is singular (a group with no one at risk at any event time?)",
            source="durations",
            column=by,
            fix="merge tiny groups or drop groups without events",
        ) from None
    from scipy import stats  # here: importing scipy.stats costs every reader a second or two

    out = pd.DataFrame(
        [
            {
                "statistic": stat,
                "df": k - 1,
                P_VALUE: float(stats.chi2.sf(stat, k - 1)),
                N: len(d),
                "n_event": int(obs.sum()),
                "groups": k,
                "test": "stratified log-rank" if strata is not None else "log-rank",
            }
        ]
    )
    out.attrs["detail"] = pd.DataFrame({by: levels, "observed": obs, "expected": obs - oe})
    return out


# --------------------------------------------------------------------------
# censoring-aware conversion beside the naive funnel
# --------------------------------------------------------------------------
def conversion(
    data: pd.DataFrame,
    *,
    horizons: Sequence[float] | None = None,
    by: str | Sequence[str] | None = None,
    cohort_freq: str | None = None,
    competing: bool = True,
    duration: str = "duration",
    event: str = "event",
    entry: str | None = "entry",
    weight: str | None = None,
    level: float = 0.95,
    days: Sequence[float] | None = None,
    min_base: int = MIN_BASE,
) -> pd.DataFrame:
    """Share of customers reaching the stage within N time units, censoring-aware.

    ``estimate`` counts customers who have not converted *yet* as censored:
    it is ``1 - Kaplan-Meier`` when nobody exits, and the Aalen-Johansen
    cumulative incidence when churn (event 2) competes and ``competing`` is
    True. ``naive`` is the funnel share: converted within N days divided by
    everyone, which treats the not-yet-converted as lost and so understates
    conversion for recent cohorts; ``understatement`` is the difference.

    Parameters
    ----------
    horizons : list of float, optional
        Horizons N, in the durations' time unit (``attrs["time_unit"]``, see
        :mod:`cjresearch.core.timeunits`). Default:
        :func:`~cjresearch.core.timeunits.default_horizons` of that unit (7, 30
        and 90 days; 5, 15 and 60 minutes; ...).
    by : str or list, optional
        Group columns (segment, channel, persona, ...).
    cohort_freq : str, optional
        Also group by the period of ``origin`` (e.g. ``"M"`` for entry month),
        to show how the naive funnel understates recent cohorts.
    days : list of float, optional
        Deprecated name of ``horizons`` (a FutureWarning says so).
    min_base : int
        Groups of fewer customers are flagged ``small_base`` (default
        :data:`cjresearch.core.stats.MIN_BASE`, 30, as for survey scores).

    Returns
    -------
    DataFrame
        Group columns, ``horizon`` (was ``days``), ``n``, ``estimate``,
        ``se``, ``ci_low``, ``ci_high``, ``naive``, ``understatement``,
        ``method``, ``small_base``, ``time_unit`` (of ``horizon``).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"duration": [2, 5, 5, 8], "event": [1, 0, 0, 1]})
    >>> r = conversion(d, horizons=[6])
    >>> float(r["estimate"].iloc[0]), float(r["naive"].iloc[0]), r["time_unit"].iloc[0]
    (0.25, 0.25, 'days')
    >>> float(conversion(d, horizons=[9])["estimate"].iloc[0])
    1.0
    >>> d.attrs["time_unit"] = "minutes"
    >>> conversion(d)[["horizon", "time_unit"]].values.tolist()
    [[5.0, 'minutes'], [15.0, 'minutes'], [60.0, 'minutes']]
    """
    from cjresearch.timetoevent.competing import aalen_johansen

    if days is not None:
        if horizons is not None:
            raise DataValidationError(
                "pass horizons= only (days= is its old name)",
                fix="conversion(durations, horizons=[...])",
            )
        warnings.warn(
            "conversion(days=...) is deprecated: use horizons=..., which are in the "
            "durations' time unit",
            FutureWarning,
            stacklevel=2,
        )
        horizons = days
    unit = time_unit_of(data)
    horizons = default_horizons(unit) if horizons is None else list(horizons)
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    d = check_durations(
        needed_columns(
            data,
            *keys,
            duration,
            event,
            entry,
            weight,
            "origin" if cohort_freq is not None else None,
        ),
        duration=duration,
        event=event,
        entry=entry,
        weight=weight,
    )
    if cohort_freq is not None:
        check_columns(d, ["origin"], "durations")
        d["cohort"] = pd.to_datetime(d["origin"]).dt.to_period(cohort_freq).astype(str)
        keys = keys + ["cohort"]
    use_aj = competing and bool((d["_e"] >= 2).any())
    kw: dict[str, Any] = {
        "by": keys or None,
        "duration": "_t",
        "event": "_e",
        "entry": "_entry",
        "weight": "_w" if weight else None,
        "level": level,
    }
    # the groups, found once for the curves and for the naive shares
    if keys:
        labels, found = group_positions(d, keys)
        positions = list(found)
    else:
        labels, positions = [()], [np.arange(len(d))]
    if use_aj:
        curves = aalen_johansen(
            d,
            keys,
            event_types=[1],
            weighted=weight is not None,
            level=level,
            at=horizons,
            groups=(labels, positions),
        )
        flip = False
    else:
        base = d.drop(
            columns=[
                c
                for c in (duration, event, entry, weight)
                if c and c in d.columns and not c.startswith("_")
            ]
        )
        curves = kaplan_meier(base, event_of_interest=1, **kw)
        flip = True
    rows = []
    grouped = curves.groupby(keys, observed=True, sort=True) if keys else [((), curves)]
    # the naive share per group and horizon: weight converted by then / all weight
    t, w = d["_t"].to_numpy(), d["_w"].to_numpy()
    moved = (d["_e"] == 1).to_numpy()
    converted = [w * (moved & (t <= h)) for h in horizons]
    naive_of = {
        lab: (len(pos), [float(c[pos].sum() / w[pos].sum()) for c in converted])
        for lab, pos in zip(labels, positions, strict=True)
    }
    for key, c in grouped:
        key = key if isinstance(key, tuple) else (key,)
        n, naive_shares = naive_of[key]
        cols = [ESTIMATE, SE, CI_LOW, CI_HIGH]
        v = c[cols].reset_index(drop=True) if use_aj else curve_at(c, horizons, cols)
        if flip:
            v = pd.DataFrame(
                {
                    ESTIMATE: 1 - v[ESTIMATE],
                    SE: v[SE],
                    CI_LOW: 1 - v[CI_HIGH],
                    CI_HIGH: 1 - v[CI_LOW],
                }
            )
        for i, h in enumerate(horizons):
            naive = naive_shares[i]
            row = dict(zip(keys, key, strict=True))
            row.update(
                {
                    "horizon": float(h),
                    N: n,
                    ESTIMATE: float(v[ESTIMATE].iloc[i]),
                    SE: float(v[SE].iloc[i]),
                    CI_LOW: float(v[CI_LOW].iloc[i]),
                    CI_HIGH: float(v[CI_HIGH].iloc[i]),
                    "naive": naive,
                    "understatement": float(v[ESTIMATE].iloc[i]) - naive,
                    "method": "Aalen-Johansen" if use_aj else "1 - Kaplan-Meier",
                }
            )
            rows.append(row)
    out = pd.DataFrame(rows)
    out[SMALL_BASE] = out[N] < min_base
    return tag_time_unit(out, unit)
