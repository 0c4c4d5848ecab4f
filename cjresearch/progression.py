"""Stage progression as time-to-event data.

A customer who has not reached the next stage *yet* is censored, not lost.
This module turns the event engine's :class:`~cjresearch.events.Timeline` into
a tidy *durations* frame (one row per customer and step) and estimates from it:

* :func:`stage_durations` -- durations for every stage-to-stage step and from
  the journey start to every stage, with right-censoring at the observation
  end or a non-churn exit, delayed entry (left truncation) and churn as a
  competing event;
* :func:`kaplan_meier` -- Kaplan-Meier curves by group from aggregated event
  tables (counts per distinct time; a million customers take about a second),
  Greenwood standard errors and R's default ``log`` confidence intervals;
* :func:`time_to_stage` -- median and other percentiles of the time to reach a
  stage, with R's (``quantile.survfit``) confidence limits;
* :func:`logrank` -- log-rank test between groups, optionally stratified;
* :func:`conversion` -- the censoring-aware share reaching a stage within N
  days beside the naive funnel share.

The durations frame has the columns ``customer_id``, ``from_stage``,
``to_stage``, ``entry`` (delayed-entry time, 0 when observed from the origin),
``duration`` (time from the origin to the event or censoring, in days),
``event`` (0 censored, 1 reached ``to_stage``, 2 exited, a competing event),
``exit_state`` and ``origin`` (the timestamp the clock starts at), plus any
customer attributes passed in.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from cjresearch._stats import z_value
from cjresearch._survtables import (
    _groups,
    _km_from_table,
    _log_ci,
    _logrank_parts,
    _require,
    check_durations,
    event_table,
    km_ij_se_log,
)
from cjresearch.columns import CI_HIGH, CI_LOW, ESTIMATE, P_VALUE, SE, SMALL_BASE, N
from cjresearch.errors import (
    DataValidationError,
    RowsExcludedWarning,
    SmallSampleWarning,
    UnreliableEstimateWarning,
)
from cjresearch.schema import parse_timestamps

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

CENSORED, REACHED, EXITED = 0, 1, 2
START = "start"
_MIN_BASE = 30



def stage_durations(
    timeline: Any,
    *,
    customers: pd.DataFrame | None = None,
    kind: str = "step",
    churn: Sequence[str] | None = None,
    start: str | None = None,
    observed_from: str | None = None,
    unit: str = "D",
    out_of_order: str = "error",
    unobserved: str = "drop",
) -> pd.DataFrame:
    """Durations of every journey step, censoring-aware.

    Parameters
    ----------
    timeline : Timeline
        Anything with ``entries`` (customer_id, stage, stage_index, entered_at)
        and ``customers`` (customer_id, first_seen, exit_state, exit_at,
        censor_at) frames, as returned by ``EventLog.timeline()``.
    customers : DataFrame, optional
        Customer attributes (segment, channel, weight, ...) joined by
        ``customer_id``.
    kind : {"step", "from_start", "both"}
        ``"step"``: stage *s* to the next stage, for customers who entered *s*.
        ``"from_start"``: journey start to each stage (``from_stage="start"``).
    churn : list of str, optional
        Exit states that compete with progression (default: every exit state).
        Other exits censor the customer at the exit time.
    start : str, optional
        Column of ``customers`` (or of ``timeline.customers``) with the
        journey start; default ``first_seen``.
    observed_from : str, optional
        Column with the time each customer came under observation. When it is
        later than the origin of a step, the customer enters the risk set late
        (left truncation, column ``entry``). Default: no truncation.
    unit : str
        Time unit of ``duration`` (a pandas Timedelta unit, default days).
    out_of_order : {"error", "drop"}
        What to do with customers whose stage timestamps go backwards.
    unobserved : {"drop", "keep"}
        Steps from a stage the event engine *inferred* at the customer's
        first observation (already there or past it when first seen; and all
        from-start rows when the first stage was inferred): the time is
        unknown, so they are dropped with a :class:`RowsExcludedWarning`;
        ``"keep"`` keeps them as day-0 moves.

    Returns
    -------
    DataFrame
        One row per customer and step; columns described in the module doc.

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> t = pd.Timestamp("2025-01-01")
    >>> entries = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...     "stage": ["visit", "buy", "visit"], "stage_index": [0, 1, 0],
    ...     "entered_at": [t, t + pd.Timedelta(days=3), t], "inferred": False})
    >>> custs = pd.DataFrame({"customer_id": ["a", "b"], "first_seen": [t, t],
    ...     "exit_state": [None, None], "exit_at": pd.NaT,
    ...     "censor_at": [t + pd.Timedelta(days=10)] * 2})
    >>> d = stage_durations(SimpleNamespace(entries=entries, customers=custs))
    >>> d[["customer_id", "to_stage", "duration", "event"]].to_string(index=False)
    'customer_id to_stage  duration  event\\n          a      buy       3.0      1\\n          b      buy      10.0      0'
    """
    if kind not in ("step", "from_start", "both"):
        raise DataValidationError(f"kind={kind!r} is not one of 'step', 'from_start', 'both'")
    if out_of_order not in ("error", "drop"):
        raise DataValidationError(f"out_of_order={out_of_order!r} is not 'error' or 'drop'")
    entries = getattr(timeline, "entries", None)
    cust = getattr(timeline, "customers", None)
    if not isinstance(entries, pd.DataFrame) or not isinstance(cust, pd.DataFrame):
        raise DataValidationError(
            "expected a Timeline with 'entries' and 'customers' frames",
            source="timeline", fix="pass EventLog(...).timeline()")
    _require(entries, ["customer_id", "stage", "stage_index", "entered_at"], "timeline.entries")
    _require(cust, ["customer_id", "first_seen", "exit_state", "exit_at", "censor_at"],
             "timeline.customers")
    cust = cust.copy()
    if customers is not None:
        _require(customers, ["customer_id"], "customers")
        extra = [c for c in customers.columns if c == "customer_id" or c not in cust.columns]
        cust = cust.merge(customers[extra], on="customer_id", how="left")
    for col in (start, observed_from):
        if col is not None and col not in cust.columns:
            raise DataValidationError(f"no column {col!r} for the journey start / observation",
                                      source="customers", column=col)
    unit_s = pd.to_timedelta(1, unit=unit).total_seconds()  # type: ignore[call-overload]

    # stage order
    if isinstance(entries["stage"].dtype, pd.CategoricalDtype):
        order = [str(s) for s in entries["stage"].cat.categories]
    else:
        order = (entries[["stage", "stage_index"]].drop_duplicates()
                 .sort_values("stage_index")["stage"].astype(str).tolist())
    idx_of = {s: i for i, s in enumerate(order)}
    ent = entries.assign(stage=entries["stage"].astype(str))
    ent = ent.assign(pos=ent["stage"].map(idx_of))
    wide = ent.pivot_table(index="customer_id", columns="pos", values="entered_at",
                           aggfunc="min")
    wide = wide.reindex(columns=range(len(order)))
    wide = wide.reindex(cust["customer_id"].to_numpy())
    if unobserved not in ("drop", "keep"):
        raise DataValidationError(f"unobserved={unobserved!r} is not 'drop' or 'keep'")
    if "inferred" in ent.columns and unobserved == "drop":
        first = ent["customer_id"].map(cust.set_index("customer_id")["first_seen"])
        ent["_unobs"] = ent["inferred"].fillna(False).astype(bool) & \
            (pd.to_datetime(ent["entered_at"]) == pd.to_datetime(first))
        unobs = ent.assign(_unobs=ent["_unobs"].astype(int)).pivot_table(
            index="customer_id", columns="pos", values="_unobs", aggfunc="max")
        unobs = unobs.reindex(index=wide.index, columns=range(len(order))).fillna(0) > 0
    else:
        unobs = pd.DataFrame(False, index=wide.index, columns=range(len(order)))

    # timestamps must not go backwards along the stage order
    filled = wide.apply(pd.to_datetime)
    vals = filled.to_numpy(dtype="datetime64[ns]").astype("int64").astype(float)
    vals[filled.isna().to_numpy()] = np.nan
    running = np.fmax.accumulate(np.nan_to_num(vals, nan=-np.inf), axis=1)
    bad = np.any(vals[:, 1:] < running[:, :-1], axis=1) if vals.shape[1] > 1 else \
        np.zeros(len(vals), bool)
    if bad.any():
        ids = wide.index[bad].tolist()
        if out_of_order == "error":
            raise DataValidationError(
                f"{len(ids)} customer(s) entered a later stage before an earlier one",
                source="timeline.entries", column="entered_at", rows=ids,
                fix="check the timestamps (clock skew?) or the journey's stage order, "
                    "or pass out_of_order='drop' to leave these customers out")
        warnings.warn(f"{len(ids)} customer(s) with stages out of order were left out "
                      f"(e.g. {ids[:3]})", RowsExcludedWarning, stacklevel=2)
        keep = ~bad
        wide, cust = wide[keep], cust.set_index("customer_id").loc[wide.index[keep]].reset_index()
        unobs = unobs[keep]
    cust = cust.set_index("customer_id").loc[wide.index]

    exit_state = cust["exit_state"]
    exited = exit_state.notna()
    competing = exited if churn is None else exit_state.isin(list(churn))
    exit_at = pd.to_datetime(cust["exit_at"])
    censor_at = pd.to_datetime(cust["censor_at"])
    # customer columns: put on the engine's clock (naive UTC) with a clear error for bad dates
    start_at = parse_timestamps(cust[start], source="customers", column=start) if start \
        else pd.to_datetime(cust["first_seen"])
    obs_from = parse_timestamps(cust[observed_from], source="customers", column=observed_from) \
        if observed_from else None
    attrs = cust.drop(columns=[c for c in ("first_seen", "last_seen", "n_events",
                                           "furthest_stage", "furthest_index", "exit_at",
                                           "censor_at", "exit_state") if c in cust.columns])

    def build(origin: pd.Series, target: pd.Series, frm: str, to: str,
              skip: pd.Series) -> pd.DataFrame:
        ok = origin.notna() & ~skip.to_numpy()
        reached = target.notna() & ok
        end = censor_at.where(~(competing & ~reached), exit_at)
        end = target.where(reached, end)
        event = np.where(reached, REACHED, np.where(competing, EXITED, CENSORED))
        out = pd.DataFrame({
            "from_stage": frm, "to_stage": to,
            "entry": 0.0,
            "duration": (end - origin).dt.total_seconds() / unit_s,
            "event": event,
            "exit_state": exit_state.where(event == EXITED),
            "origin": origin,
        }, index=origin.index)
        if obs_from is not None:
            out["entry"] = ((obs_from - origin).dt.total_seconds() / unit_s).clip(lower=0) \
                .fillna(0.0)
        return out[ok.to_numpy()]

    parts = []
    if kind in ("step", "both"):
        for k in range(len(order) - 1):
            parts.append(build(pd.to_datetime(wide[k]), pd.to_datetime(wide[k + 1]),
                               order[k], order[k + 1], unobs[k]))
    if kind in ("from_start", "both"):
        for k in range(1, len(order)):
            parts.append(build(start_at, pd.to_datetime(wide[k]), START, order[k], unobs[0]))
    if not parts:
        raise DataValidationError("the journey needs at least two stages for durations",
                                  source="timeline.entries", column="stage")
    n_unobs = int(unobs.to_numpy()[:, :-1].sum()) if kind != "from_start" else 0
    if kind != "step":  # journey start unseen: every from-start row of the customer
        n_unobs += int(unobs[0].sum()) * (len(order) - 1)
    if n_unobs:
        warnings.warn(f"{n_unobs} row(s) start at a stage the customer was already in (or past) "
                      "when first seen (inferred at first_seen): their waiting time is unknown, "
                      "so they were left out; pass unobserved='keep' to count them as day-0 moves",
                      RowsExcludedWarning, stacklevel=2)
    out = pd.concat(parts)
    out.index.name = "customer_id"
    out = out.reset_index().merge(attrs, left_on="customer_id", right_index=True, how="left")
    neg = out["duration"] < 0
    if neg.any():
        ids = out.loc[neg, "customer_id"].tolist()
        raise DataValidationError(
            f"{int(neg.sum())} duration(s) are negative: the customer was censored or exited "
            "before entering the step's start stage", source="timeline.customers",
            column="censor_at", rows=ids,
            fix="check the observation end and exit times against the event timestamps "
                "(clock skew between systems?)")
    trunc_bad = out["entry"] > out["duration"]
    if trunc_bad.any():
        warnings.warn(f"{int(trunc_bad.sum())} row(s) left the step before coming under "
                      "observation and were left out", RowsExcludedWarning, stacklevel=2)
        out = out[~trunc_bad]
    cats = [START] + order
    out["from_stage"] = pd.Categorical(out["from_stage"], categories=cats, ordered=True)
    out["to_stage"] = pd.Categorical(out["to_stage"], categories=order, ordered=True)
    return out.reset_index(drop=True)



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
) -> pd.DataFrame:
    """Kaplan-Meier survival (not yet reached) curves, one row per group and time.

    Events of types other than ``event_of_interest`` count as censored (use
    :func:`cjresearch.competing.cumulative_incidence` when they compete).
    Computed from aggregated event tables; equal to lifelines'
    ``KaplanMeierFitter`` and to R's ``survfit`` (Greenwood variance; the
    default ``log`` interval is R's default).

    Returns
    -------
    DataFrame
        Group columns, ``time``, ``n_risk``, ``n_event``, ``n_censor``,
        ``estimate`` (survival), ``se`` (of the survival), ``ci_low``,
        ``ci_high``, ``n`` (customers in the group). Starts with a row at
        time 0 with estimate 1.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"duration": [1, 2, 3, 4], "event": [1, 0, 1, 1]})
    >>> kaplan_meier(d)["estimate"].round(3).tolist()
    [1.0, 0.75, 0.75, 0.375, 0.0]
    """
    d = check_durations(data, duration=duration, event=event, entry=entry, weight=weight)
    d["_e"] = (d["_e"] == event_of_interest).astype(int)
    z = z_value(level)
    groups, keys = _groups(d, by)
    frames = []
    for key, g in groups:
        if (g["_e"] == 0).all() and keys:
            warnings.warn(f"group {dict(zip(keys, key))} has no events: its curve stays at 1",
                          UnreliableEstimateWarning, stacklevel=2)
        tab = event_table(g["_t"].to_numpy(), g["_e"].to_numpy(), entry=g["_entry"].to_numpy(),
                          weight=g["_w"].to_numpy(), n_types=1)
        surv, se_log = _km_from_table(tab)
        if weight is not None:  # sampling weights: robust (IJ) variance, not Greenwood
            se_log = km_ij_se_log(g["_t"].to_numpy(), g["_e"].to_numpy(),
                                  g["_entry"].to_numpy(), g["_w"].to_numpy(), tab)
        se_s = np.where(surv > 0, surv * np.where(np.isfinite(se_log), se_log, 0.0), np.nan)
        lo, hi = _log_ci(surv, se_log, z, conf_type)
        f = pd.DataFrame({
            "time": np.r_[0.0, tab["time"]],
            "n_risk": np.r_[tab["n_risk"].iloc[0] if len(tab) else 0, tab["n_risk"]],
            "n_event": np.r_[0.0, tab["n_event"]],
            "n_censor": np.r_[0.0, tab["n_censor"]],
            ESTIMATE: np.r_[1.0, surv], SE: np.r_[0.0, se_s],
            CI_LOW: np.r_[1.0, lo], CI_HIGH: np.r_[1.0, hi],
            "_se_log": np.r_[0.0, se_log],
        })
        if len(tab) and tab["time"].iloc[0] == 0:
            f = f.iloc[1:]
        f[N] = len(g)
        for k, v in zip(keys, key):
            f.insert(0, k, v)
        frames.append(f)
    out = pd.concat(frames, ignore_index=True)
    return out.drop(columns="_se_log")


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
        Group columns, ``percentile``, ``estimate``, ``ci_low``, ``ci_high``,
        ``n``, ``events``, ``small_base``.

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
    for key, g in (curve.groupby(keys, observed=True, sort=True) if keys else [((), curve)]):
        key = key if isinstance(key, tuple) else (key,)
        x, s = g["time"].to_numpy(), g[ESTIMATE].to_numpy()
        for q in percentiles:
            p = 1 - q
            row = dict(zip(keys, key))
            row.update({"percentile": q, ESTIMATE: _quantile_r(x, s, p),
                        CI_LOW: _quantile_r(x, g[CI_LOW].to_numpy(), p),
                        CI_HIGH: _quantile_r(x, g[CI_HIGH].to_numpy(), p),
                        N: int(g[N].iloc[0]), "events": float(g["n_event"].sum())})
            rows.append(row)
    out = pd.DataFrame(rows)
    out[SMALL_BASE] = out["events"] < _MIN_BASE
    return out


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
        ``events``, ``groups``; plus one row per group with ``observed`` and
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
    _require(d, [by], "durations")
    d = d.dropna(subset=[by])
    d["_e"] = (d["_e"] == event_of_interest).astype(int)
    levels = sorted(d[by].unique().tolist())
    if len(levels) < 2:
        raise DataValidationError(f"only one group ({levels}) in {by!r}: nothing to compare",
                                  source="durations", column=by)
    k = len(levels)
    oe, v = np.zeros(k), np.zeros((k, k))
    skeys = None if strata is None else ([strata] if isinstance(strata, str) else list(strata))
    groups = [((), d)] if skeys is None else list(d.groupby(skeys, observed=True))
    obs = np.zeros(k)
    for _, s in groups:
        g = s[by].to_numpy()
        a, b = _logrank_parts(s["_t"].to_numpy(), s["_e"].to_numpy(), s["_entry"].to_numpy(),
                              g, levels)
        oe += a
        v += b
        obs += np.array([s.loc[g == lev, "_e"].sum() for lev in levels])
    no_ev = [lev for lev, o in zip(levels, obs) if o == 0]
    if no_ev:
        warnings.warn(f"group(s) {no_ev} of {by!r} have no events; the test still runs but "
                      "says little about them", SmallSampleWarning, stacklevel=2)
    try:
        stat = float(oe[:-1] @ np.linalg.solve(v[:-1, :-1], oe[:-1]))
    except np.linalg.LinAlgError:
        raise DataValidationError(
            "the log-rank variance is singular (a group with no one at risk at any event "
            "time?)", source="durations", column=by,
            fix="merge tiny groups or drop groups without events") from None
    out = pd.DataFrame([{"statistic": stat, "df": k - 1,
                         P_VALUE: float(stats.chi2.sf(stat, k - 1)), N: len(d),
                         "events": int(obs.sum()), "groups": k,
                         "test": "stratified log-rank" if strata is not None else "log-rank"}])
    out.attrs["detail"] = pd.DataFrame({by: levels, "observed": obs, "expected": obs - oe})
    return out


# --------------------------------------------------------------------------
# censoring-aware conversion beside the naive funnel
# --------------------------------------------------------------------------
def _at(curve: pd.DataFrame, days: Sequence[float], cols: Sequence[str]) -> pd.DataFrame:
    """Values of step curves at given times (last row with time <= day)."""
    t = curve["time"].to_numpy()
    pos = np.searchsorted(t, np.asarray(days, float), side="right") - 1
    out = curve[list(cols)].iloc[np.clip(pos, 0, None)].reset_index(drop=True)
    out.loc[pos < 0, list(cols)] = np.nan
    return out


def conversion(
    data: pd.DataFrame,
    *,
    days: Sequence[float],
    by: str | Sequence[str] | None = None,
    cohort_freq: str | None = None,
    competing: bool = True,
    duration: str = "duration",
    event: str = "event",
    entry: str | None = "entry",
    weight: str | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Share of customers reaching the stage within N days, censoring-aware.

    ``estimate`` counts customers who have not converted *yet* as censored:
    it is ``1 - Kaplan-Meier`` when nobody exits, and the Aalen-Johansen
    cumulative incidence when churn (event 2) competes and ``competing`` is
    True. ``naive`` is the funnel share: converted within N days divided by
    everyone, which treats the not-yet-converted as lost and so understates
    conversion for recent cohorts; ``understatement`` is the difference.

    Parameters
    ----------
    days : list of float
        Horizons N.
    by : str or list, optional
        Group columns (segment, channel, persona, ...).
    cohort_freq : str, optional
        Also group by the period of ``origin`` (e.g. ``"M"`` for entry month),
        to show how the naive funnel understates recent cohorts.

    Returns
    -------
    DataFrame
        Group columns, ``days``, ``n``, ``estimate``, ``se``, ``ci_low``,
        ``ci_high``, ``naive``, ``understatement``, ``method``, ``small_base``.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"duration": [2, 5, 5, 8], "event": [1, 0, 0, 1]})
    >>> r = conversion(d, days=[6])
    >>> float(r["estimate"].iloc[0]), float(r["naive"].iloc[0])
    (0.25, 0.25)
    >>> float(conversion(d, days=[9])["estimate"].iloc[0])
    1.0
    """
    from cjresearch.competing import cumulative_incidence

    d = check_durations(data, duration=duration, event=event, entry=entry, weight=weight)
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    if cohort_freq is not None:
        _require(d, ["origin"], "durations")
        d["cohort"] = pd.to_datetime(d["origin"]).dt.to_period(cohort_freq).astype(str)
        keys = keys + ["cohort"]
    use_aj = competing and bool((d["_e"] >= 2).any())
    kw: dict[str, Any] = {"by": keys or None, "duration": "_t", "event": "_e",
                          "entry": "_entry", "weight": "_w" if weight else None, "level": level}
    base = d.drop(columns=[c for c in (duration, event, entry, weight) if c and c in d.columns
                           and not c.startswith("_")])
    if use_aj:
        curves = cumulative_incidence(base, event_types=[1], **kw)
        flip = False
    else:
        curves = kaplan_meier(base, event_of_interest=1, **kw)
        flip = True
    rows = []
    grouped = curves.groupby(keys, observed=True, sort=True) if keys else [((), curves)]
    raw: dict[Any, pd.DataFrame] = dict(iter(d.groupby(keys, observed=True, sort=True))) \
        if keys else {(): d}
    for key, c in grouped:
        g = raw[key]
        key = key if isinstance(key, tuple) else (key,)
        v = _at(c, days, [ESTIMATE, SE, CI_LOW, CI_HIGH])
        if flip:
            v = pd.DataFrame({ESTIMATE: 1 - v[ESTIMATE], SE: v[SE],
                              CI_LOW: 1 - v[CI_HIGH], CI_HIGH: 1 - v[CI_LOW]})
        w = g["_w"].to_numpy()
        for i, day in enumerate(days):
            conv = ((g["_e"] == 1) & (g["_t"] <= day)).to_numpy()
            naive = float((w * conv).sum() / w.sum())
            row = dict(zip(keys, key))
            row.update({"days": day, N: len(g), ESTIMATE: float(v[ESTIMATE].iloc[i]),
                        SE: float(v[SE].iloc[i]), CI_LOW: float(v[CI_LOW].iloc[i]),
                        CI_HIGH: float(v[CI_HIGH].iloc[i]), "naive": naive,
                        "understatement": float(v[ESTIMATE].iloc[i]) - naive,
                        "method": "Aalen-Johansen" if use_aj else "1 - Kaplan-Meier"})
            rows.append(row)
    out = pd.DataFrame(rows)
    out[SMALL_BASE] = out[N] < _MIN_BASE
    return out
