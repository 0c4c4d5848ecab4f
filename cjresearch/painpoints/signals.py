"""Where customers drop out, stall or churn, and which touchpoints go with it.

Behavioural evidence from the stage durations (:func:`cjresearch.timetoevent.progression.
stage_durations`), always censoring-aware: a customer who has not moved on
*yet* is censored, not lost.

* :func:`dropoff` -- per step, the share who never move on (1 minus the
  Aalen-Johansen cumulative incidence of reaching the next stage, with exits
  competing) beside the naive share, and the share who exit;
* :func:`slowest_steps` -- median time to the next stage with R's
  ``quantile.survfit`` interval, slowest first;
* :func:`churn_by_stage` -- exits per 100 customer-days (or -minutes, ...) in each stage with
  exact Poisson intervals, and each stage's share of all exits;
* :func:`~cjresearch.painpoints.touchpoints.touchpoint_effects` (in
  :mod:`cjresearch.painpoints.touchpoints`) -- for every touchpoint of the journey, the
  cause-specific hazard ratio of moving on and of exiting from a Cox model of
  the step with exposure during the step as covariate, beside the naive odds
  ratio (which counts customers still in progress as non-converters), with
  Holm or Benjamini-Hochberg adjusted p-values.

Times and horizons are in the durations' time unit (:mod:`cjresearch.core.timeunits`),
named in each result's ``time_unit`` column.

Importance-performance analysis of the survey is in :mod:`cjresearch.painpoints.ipa`; the ranked pain-point table that joins all evidence is in
:mod:`cjresearch.painpoints.ranking`.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from cjresearch.core.columns import (
    CI_HIGH,
    CI_LOW,
    ESTIMATE,
    SE,
    SMALL_BASE,
    N,
)
from cjresearch.core.errors import (
    DataValidationError,
    RowsExcludedWarning,
    UnreliableEstimateWarning,
    require_columns,
)
from cjresearch.core.stats import MIN_BASE, check_level
from cjresearch.core.timeunits import (
    TIME_UNITS,
    check_time_unit,
    choose_time_unit,
    tag_time_unit,
    time_unit_of,
)
from cjresearch.timetoevent.competing import cumulative_incidence
from cjresearch.timetoevent.coxmodels import with_exposure
from cjresearch.timetoevent.progression import time_to_stage

__all__ = [
    "churn_by_stage",
    "dropoff",
    "slowest_steps",
]

_STEP_COLUMNS = ("customer_id", "from_stage", "to_stage", "duration", "event")


def check_frame(frame: Any, cols: Sequence[str], source: str) -> pd.DataFrame:
    return require_columns(frame, cols, source=source)


def stage_steps(durations: pd.DataFrame) -> pd.DataFrame:
    d = check_frame(durations, _STEP_COLUMNS, "durations")
    d = d[d["from_stage"].astype(str) != "start"]
    if d.empty:
        raise DataValidationError(
            "no stage-to-stage steps in the durations",
            source="durations",
            column="from_stage",
            fix="use stage_durations(timeline, kind='step')",
        )
    return d


def step_exposure(
    step: pd.DataFrame,
    exposure: pd.DataFrame,
    stage: Any,
) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """The step's rows with one 0/1 column per touchpoint of ``stage``, and what was left out.

    A customer is exposed when the touchpoint happened before the step's
    outcome (entering the next stage, the exit, or censoring), wherever it
    falls before it: also before the stage's first event or in a skipped
    stage (:func:`cjresearch.timetoevent.coxmodels.with_exposure` with ``since="start"``).
    When ``exposure`` holds the whole-log rows of ``EventLog.exposure()``
    (missing ``stage``), the touchpoint events not counted are returned per
    reason: ``after the outcome`` (events of the step's customers after it)
    and ``customer not in the step`` (never entered the stage, or the step
    is not in the durations).
    """
    tps = list(stage.touchpoints)
    counted = with_exposure(step, exposure, events=tps, counts=True, since="start")
    left: list[dict[str, Any]] = []
    whole = exposure[exposure["stage"].isna()] if "stage" in exposure else exposure.iloc[:0]
    if len(whole):
        ids = counted["customer_id"].astype(str)
        for tp in tps:
            total = (
                whole[whole["event"].astype(str) == tp]
                .groupby(whole["customer_id"].astype(str))["n"]
                .sum()
            )
            inside = total.reindex(ids.to_numpy(), fill_value=0).to_numpy()
            after = np.clip(inside - counted[tp].to_numpy(), 0, None)
            outside = total[~total.index.isin(ids)]
            for reason, events, people in (
                ("after the outcome", int(after.sum()), int((after > 0).sum())),
                ("customer not in the step", int(outside.sum()), len(outside)),
            ):
                if events:
                    left.append(
                        {
                            "stage": stage.id,
                            "touchpoint": tp,
                            "reason": reason,
                            "events": events,
                            "customers": people,
                        }
                    )
    for tp in tps:
        counted[tp] = (counted[tp] > 0).astype(int)
    return counted, left


def report_left_out(left: list[dict[str, Any]], what: str, out: pd.DataFrame) -> None:
    """Record the left-out touchpoint events in ``out.attrs["excluded"]`` and the
    ``excluded_events`` column, and warn once.  The attrs hold plain records, not a
    DataFrame: pandas compares attrs when it combines frames."""
    table = pd.DataFrame(left, columns=["stage", "touchpoint", "reason", "events", "customers"])
    out.attrs["excluded"] = table.to_dict("records")
    per = table.groupby(["stage", "touchpoint"])["events"].sum()
    key = pd.MultiIndex.from_frame(out[["stage", "touchpoint"]].astype(str))
    out["excluded_events"] = per.reindex(key, fill_value=0).to_numpy().astype("int64")
    if len(table):
        parts = "; ".join(
            f"'{r.touchpoint}' {r.events} ({r.reason}, {r.customers} customers)"
            for r in table.itertuples()
        )
        warnings.warn(
            f"{what}: {int(table['events'].sum())} touchpoint events not counted as "
            f"exposure of their stage's step: {parts}",
            RowsExcludedWarning,
            stacklevel=3,
        )


def value_at(curve: pd.DataFrame, t: float, col: str) -> float:
    c = curve[curve["time"] <= t]
    return float(c[col].iloc[-1]) if len(c) else float("nan")


def dropoff(
    durations: pd.DataFrame,
    *,
    horizon: float | None = None,
    min_at_risk: int = 20,
    level: float = 0.95,
    min_base: int = MIN_BASE,
) -> pd.DataFrame:
    """Share of the customers entering each stage who never move on, censoring-aware.

    For each step ``from_stage -> to_stage`` the Aalen-Johansen cumulative
    incidence of reaching ``to_stage`` (event 1) and of exiting (event 2, a
    competing event) is read at ``horizon`` (in the durations' time unit);
    ``estimate`` = 1 - incidence
    of moving on: the share who have not moved on by then, customers still
    waiting counted by what the others did, not as lost.  The interval is the
    incidence's log(-log) interval, mirrored.

    Parameters
    ----------
    durations : DataFrame
        From :func:`cjresearch.timetoevent.progression.stage_durations` (``kind="step"``).
    horizon : float, optional
        Time after entering the stage, in the durations' unit
        (``attrs["time_unit"]``). Default: per step, the last time at which
        at least ``min_at_risk`` customers are still waiting (the tail beyond
        it is too thin to read) -- a time of the data, so right in any unit.
    level : float
        Confidence level.

    Returns
    -------
    DataFrame
        One row per step: ``from_stage``, ``to_stage``, ``n`` (customers who
        entered the stage), ``moved_on``, ``exited``, ``in_progress`` (counts),
        ``horizon``, ``estimate`` (share not moving on), ``se``, ``ci_low``,
        ``ci_high``, ``exit_share`` with ``exit_share_ci_low``/``exit_share_ci_high``
        (cumulative incidence of exiting), ``naive`` (share not moved on yet,
        the funnel's view), ``small_base``, ``time_unit`` (of ``horizon``).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"customer_id": list("abcd"), "from_stage": "a", "to_stage": "b",
    ...                   "duration": [1.0, 2, 3, 4], "event": [1, 2, 0, 1]})
    >>> r = dropoff(d, horizon=5, min_at_risk=1)
    >>> float(r["estimate"].iloc[0]), float(r["naive"].iloc[0])
    (0.25, 0.5)
    """
    d = stage_steps(durations)
    rows = []
    for (frm, to), g in d.groupby(["from_stage", "to_stage"], observed=True, sort=True):
        if g.empty:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UnreliableEstimateWarning)
            cif = cumulative_incidence(g, event_types=[1, 2], entry=None, level=level)
        c1, c2 = cif[cif["event_type"] == 1], cif[cif["event_type"] == 2]
        h = horizon
        if h is None:
            ok = c1[c1["n_risk"] >= min_at_risk]
            h = float(ok["time"].max()) if len(ok) else float(g["duration"].max())
        f1 = value_at(c1, h, ESTIMATE)
        rows.append(
            {
                "from_stage": str(frm),
                "to_stage": str(to),
                N: len(g),
                "moved_on": int((g["event"] == 1).sum()),
                "exited": int((g["event"] == 2).sum()),
                "in_progress": int((g["event"] == 0).sum()),
                "horizon": h,
                ESTIMATE: 1 - f1,
                SE: value_at(c1, h, SE),
                CI_LOW: 1 - value_at(c1, h, CI_HIGH),
                CI_HIGH: 1 - value_at(c1, h, CI_LOW),
                "exit_share": value_at(c2, h, ESTIMATE),
                "exit_share_ci_low": value_at(c2, h, CI_LOW),
                "exit_share_ci_high": value_at(c2, h, CI_HIGH),
                "naive": float((g["event"] != 1).mean()),
            }
        )
    out = pd.DataFrame(rows)
    out[SMALL_BASE] = out[N] < min_base
    return tag_time_unit(out, time_unit_of(durations))


def slowest_steps(durations: pd.DataFrame, *, level: float = 0.95) -> pd.DataFrame:
    """Median time from entering a stage to reaching the next, slowest step first.

    Kaplan-Meier per step with exits and the still-waiting censored (the
    median of the cause-specific time to move on), read with R's
    ``quantile.survfit`` rule and interval (:func:`cjresearch.timetoevent.progression.
    time_to_stage`).  A step whose curve never falls to one half has no median
    (``estimate`` missing) and is listed first: fewer than half ever move on.

    Returns
    -------
    DataFrame
        ``from_stage``, ``to_stage``, ``estimate`` (median time in the
        durations' unit), ``ci_low``, ``ci_high``, ``n``, ``n_event``,
        ``small_base``, ``rank`` (1 = slowest), ``time_unit``.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"customer_id": range(6), "from_stage": ["a"] * 3 + ["b"] * 3,
    ...                   "to_stage": ["b"] * 3 + ["c"] * 3,
    ...                   "duration": [1.0, 2, 3, 10, 20, 30], "event": 1})
    >>> slowest_steps(d)[["from_stage", "estimate"]].values.tolist()
    [['b', 20.0], ['a', 2.0]]
    """
    d = stage_steps(durations).copy()
    d["_step"] = d["from_stage"].astype(str) + "\u2192" + d["to_stage"].astype(str)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnreliableEstimateWarning)
        med = time_to_stage(d, by="_step", percentiles=[0.5], level=level, entry=None)
    pairs = d.drop_duplicates("_step").set_index("_step")[["from_stage", "to_stage"]]
    med = med.join(pairs, on="_step")
    med["from_stage"] = med["from_stage"].astype(str)
    med["to_stage"] = med["to_stage"].astype(str)
    med["_key"] = med[ESTIMATE].fillna(np.inf)
    med = med.sort_values(["_key", "from_stage"], ascending=[False, True]).reset_index(drop=True)
    med["rank"] = np.arange(1, len(med) + 1)
    out = med[
        ["from_stage", "to_stage", ESTIMATE, CI_LOW, CI_HIGH, N, "n_event", SMALL_BASE, "rank"]
    ].copy()
    return tag_time_unit(out, time_unit_of(durations))


def _garwood(k: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    a = 1 - check_level(level)
    lo = np.where(k > 0, stats.chi2.ppf(a / 2, 2 * k) / 2, 0.0)
    hi = stats.chi2.ppf(1 - a / 2, 2 * (k + 1)) / 2
    return lo, hi


def churn_by_stage(
    timeline: Any,
    *,
    level: float = 0.95,
    per: float = 100.0,
    unit: str = "days",
    min_base: int = MIN_BASE,
) -> pd.DataFrame:
    """Where exits concentrate: exits per ``per`` customer-days (-minutes, ...) in each stage.

    A customer's stay in a stage runs from entering it to entering the next
    stage, exiting, or the end of observation (customers still waiting
    contribute the time observed).  ``estimate`` = exits in the stage / time
    spent in it (in ``unit``) x ``per``; the interval is the exact (Garwood) Poisson
    interval of the count.  Under a constant exit hazard this is its maximum
    likelihood estimate.

    Parameters
    ----------
    timeline : Timeline
        ``EventLog.timeline()``.
    unit : {"days", "minutes", "hours", "weeks", "seconds", "auto"}
        Unit of the customer-time; ``"auto"`` picks it from the median
        positive stay (:func:`cjresearch.core.timeunits.choose_time_unit`).  Use
        the unit of the durations of the same report.

    Returns
    -------
    DataFrame
        One row per stage: ``stage``, ``n`` (customers who entered), ``n_exit``,
        ``customer_time`` (time spent in the stage, in ``unit``; was
        ``customer_days``), ``estimate`` (rate per ``per`` customer-units),
        ``ci_low``, ``ci_high``, ``share_of_exits``, one ``n_exit_<state>``
        column per exit state, ``small_base`` (fewer than 30 customers),
        ``time_unit``.

    Examples
    --------
    >>> from cjresearch.engine.eventlog import EventLog
    >>> from cjresearch.core.paths import SAMPLE_DIR
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     tl = EventLog(SAMPLE_DIR / "events.parquet", SAMPLE_DIR / "journey.yaml").timeline()
    >>> r = churn_by_stage(tl)
    >>> r["stage"].tolist()[:2], round(float(r["share_of_exits"].sum()), 6)
    (['awareness', 'consideration'], 1.0)
    >>> h = churn_by_stage(tl, unit="hours")
    >>> bool(abs(h["estimate"] * 24 - r["estimate"]).max() < 1e-9), h["time_unit"].iloc[0]
    (True, 'hours')
    """
    unit = check_time_unit(unit, allow_auto=True)
    for name in ("entries", "customers", "journey"):
        if not hasattr(timeline, name):
            raise DataValidationError(
                f"the timeline has no '{name}'",
                source="timeline",
                fix="pass EventLog(...).timeline()",
            )
    j = timeline.journey
    wide = timeline.wide()
    cust = timeline.customers.set_index("customer_id").reindex(wide.index)
    end = pd.to_datetime(cust["censor_at"])
    furthest = cust["furthest_index"].to_numpy()
    exited = cust["exit_state"].notna().to_numpy()
    rows, stays = [], []
    for k, sid in enumerate(j.stage_ids):
        entered = pd.to_datetime(wide[sid])
        nxt = pd.to_datetime(wide[j.stage_ids[k + 1]]) if k + 1 < len(j.stage_ids) else None
        stop = end if nxt is None else nxt.where(nxt.notna(), end)
        inside = entered.notna().to_numpy()
        secs = (stop - entered).dt.total_seconds().clip(lower=0).to_numpy()
        ex_here = inside & exited & (furthest == k)
        stays.append(secs[inside])
        row = {
            "stage": sid,
            N: int(inside.sum()),
            "n_exit": int(ex_here.sum()),
            "customer_time": float(np.nansum(secs[inside])),
        }
        for e in j.exit_ids:
            row[f"n_exit_{e}"] = int((ex_here & (cust["exit_state"] == e).to_numpy()).sum())
        rows.append(row)
    out = pd.DataFrame(rows)
    if unit == "auto":
        unit = choose_time_unit(pd.to_timedelta(np.concatenate(stays), unit="s"))
    out["customer_time"] = out["customer_time"] / TIME_UNITS[unit].total_seconds()
    counts = out["n_exit"].to_numpy(float)
    t = out["customer_time"].to_numpy(float)
    lo, hi = _garwood(counts, level)
    with np.errstate(divide="ignore", invalid="ignore"):
        out[ESTIMATE] = np.where(t > 0, counts / t * per, np.nan)
        out[CI_LOW] = np.where(t > 0, lo / t * per, np.nan)
        out[CI_HIGH] = np.where(t > 0, hi / t * per, np.nan)
    total = counts.sum()
    out["share_of_exits"] = counts / total if total else np.nan
    out[SMALL_BASE] = out[N] < min_base
    return tag_time_unit(out, unit)
