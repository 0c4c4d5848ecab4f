"""Touchpoint exposure as Cox covariates: fixed (before the step's outcome) or
time-varying (counting-process rows split at each exposure).

* :func:`with_exposure` -- exposure before each step's outcome, as 0/1 or counts;
* :func:`exposure_times` -- touchpoint events on each customer's step clock;
* :func:`exposure_intervals` -- the wait split at those times, for
  :class:`~cjresearch.timetoevent.coxmodels.TimeVaryingCox`.

Re-exported by :mod:`cjresearch.timetoevent.coxmodels`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.core.timeunits import TIME_UNITS, check_time_unit, time_unit_of
from cjresearch.timetoevent.survtables import check_columns

__all__ = ["exposure_intervals", "exposure_times", "with_exposure"]


def with_exposure(
    durations: pd.DataFrame,
    exposure: pd.DataFrame,
    *,
    events: Sequence[str] | None = None,
    counts: bool = False,
    since: str = "from_stage",
) -> pd.DataFrame:
    """Add touchpoint exposure *before each step's outcome* to a durations frame.

    ``exposure`` is ``EventLog.exposure()``: per customer and stage, how often
    each event happened before entering the stage (or up to censoring when
    the stage was not reached). The step ``from_stage -> to_stage`` ends in
    its outcome: entering ``to_stage``, the exit, or censoring. With
    ``since="from_stage"`` (default) exposure is counted *during* the step:
    the count before the outcome minus the count before entering
    ``from_stage`` (an event before the customer entered ``from_stage`` is
    not counted).  With ``since="start"`` it is every event before the
    outcome, wherever it falls (e.g. a stage's touchpoint met before the
    stage's first event, or in a stage the customer skipped).  Events after
    the outcome are never counted.  One column per event, 0/1 (or the count
    with ``counts=True``).  Rows of ``exposure`` without a stage (the whole
    log) are not used.

    Use it as a baseline covariate only when exposure happens early in the
    stay (as in the sample, where it is drawn at stage entry); when it may
    come late, use :func:`exposure_intervals` and :class:`TimeVaryingCox`,
    or customers who wait longer get more chances to be "exposed".

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"customer_id": ["a", "b"], "from_stage": "visit",
    ...                   "to_stage": "buy", "duration": [3.0, 5.0], "event": [1, 0]})
    >>> x = pd.DataFrame({"customer_id": ["a", "a", "b"], "stage": ["visit", "buy", "buy"],
    ...                   "event": ["ad", "ad", "chat"], "n": [1, 2, 1]})
    >>> with_exposure(d, x)[["customer_id", "ad", "chat"]].values.tolist()
    [['a', 1, 0], ['b', 0, 1]]
    """
    check_columns(durations, ["customer_id", "from_stage", "to_stage"], "durations")
    check_columns(exposure, ["customer_id", "stage", "event", "n"], "exposure")
    if since not in ("from_stage", "start"):
        raise DataValidationError(
            f"since={since!r} is not allowed", fix="use since='from_stage' or since='start'"
        )
    ex = exposure[exposure["stage"].notna()]
    ex = ex.assign(stage=ex["stage"].astype(str), event=ex["event"].astype(str))
    if events is not None:
        ex = ex[ex["event"].isin(list(events))]
    wide = ex.pivot_table(
        index=["customer_id", "stage"], columns="event", values="n", aggfunc="sum", fill_value=0
    )
    names = list(events) if events is not None else sorted(wide.columns)
    wide = wide.reindex(columns=names, fill_value=0)
    key_to = pd.MultiIndex.from_arrays(
        [durations["customer_id"], durations["to_stage"].astype(str)]
    )
    key_from = pd.MultiIndex.from_arrays(
        [durations["customer_id"], durations["from_stage"].astype(str)]
    )
    during = wide.reindex(key_to, fill_value=0).to_numpy()
    if since == "from_stage":
        during = np.clip(during - wide.reindex(key_from, fill_value=0).to_numpy(), 0, None)
    out = durations.copy()
    for j, name in enumerate(names):
        out[name] = during[:, j] if counts else (during[:, j] > 0).astype(int)
    return out


def exposure_times(
    durations: pd.DataFrame,
    events: pd.DataFrame,
    *,
    touchpoints: Sequence[str],
    unit: str | None = None,
) -> pd.DataFrame:
    """Times of touchpoint events on each customer's step clock.

    Parameters
    ----------
    durations : DataFrame
        One step (one row per customer) from
        :func:`~cjresearch.timetoevent.progression.stage_durations`, with ``origin``.
    events : DataFrame
        ``customer_id``, ``timestamp``, ``event`` (the event log).
    touchpoints : list of str
        Event names counted as exposure.
    unit : str, optional
        Time unit of ``time``; default the durations' own
        (``attrs["time_unit"]``, days when absent), so that event times and
        durations share one clock.

    Returns
    -------
    DataFrame
        ``customer_id``, ``time`` (since the step's start, only events
        inside the wait), ``event``: input for :func:`exposure_intervals`.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.Timestamp("2025-01-01")
    >>> d = pd.DataFrame({"customer_id": ["a"], "origin": [t], "duration": [5.0]})
    >>> ev = pd.DataFrame({"customer_id": ["a", "a"], "event": ["chat", "chat"],
    ...                    "timestamp": [t + pd.Timedelta(days=2), t + pd.Timedelta(days=9)]})
    >>> exposure_times(d, ev, touchpoints=["chat"])["time"].tolist()
    [2.0]
    """
    check_columns(durations, ["customer_id", "origin", "duration"], "durations")
    check_columns(events, ["customer_id", "timestamp", "event"], "events")
    ev = events.loc[
        events["event"].astype(str).isin([str(x) for x in touchpoints]),
        ["customer_id", "timestamp", "event"],
    ]
    ev = ev.merge(durations[["customer_id", "origin", "duration"]], on="customer_id")
    secs = TIME_UNITS[check_time_unit(unit or time_unit_of(durations))].total_seconds()
    ev["time"] = (
        pd.to_datetime(ev["timestamp"]) - pd.to_datetime(ev["origin"])
    ).dt.total_seconds() / secs
    ev = ev[(ev["time"] >= 0) & (ev["time"] < ev["duration"])]
    return (
        ev[["customer_id", "time", "event"]]
        .sort_values(["customer_id", "time"])
        .reset_index(drop=True)
    )


def exposure_intervals(
    durations: pd.DataFrame,
    exposures: pd.DataFrame,
    *,
    id_col: str = "customer_id",
    time: str = "time",
    name: str = "exposed",
    duration: str = "duration",
    event: str = "event",
    cumulative: bool = False,
) -> pd.DataFrame:
    """Split each customer's wait at the times of touchpoint exposures.

    Parameters
    ----------
    durations : DataFrame
        One row per customer (a single step) with ``id_col``, ``duration``,
        ``event`` and any fixed covariates.
    exposures : DataFrame
        ``id_col`` and ``time`` (time of the exposure on the step's clock).
        Exposures at or after the end of the wait are ignored.
    cumulative : bool
        If True the covariate counts exposures so far; else it is 0/1
        (exposed at least once).

    Returns
    -------
    DataFrame
        Counting-process rows: the durations columns plus ``start``, ``stop``,
        ``name`` and ``event`` (only on the last interval).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"customer_id": [1], "duration": [5.0], "event": [1]})
    >>> x = pd.DataFrame({"customer_id": [1], "time": [2.0]})
    >>> exposure_intervals(d, x)[["start", "stop", "exposed", "event"]].values.tolist()
    [[0.0, 2.0, 0.0, 0.0], [2.0, 5.0, 1.0, 1.0]]
    """
    check_columns(durations, [id_col, duration, event], "durations")
    check_columns(exposures, [id_col, time], "exposures")
    if durations[id_col].duplicated().any():
        raise DataValidationError(
            "more than one row per customer",
            source="durations",
            column=id_col,
            fix="filter the durations to a single step",
        )
    ex = exposures[[id_col, time]].merge(durations[[id_col, duration]], on=id_col)
    bad = ex[time] < 0
    if bad.any():
        raise DataValidationError(
            f"{int(bad.sum())} exposures before the start of the wait",
            source="exposures",
            column=time,
            fix="measure exposure times from the step's start",
        )
    at_start = ex[ex[time] == 0].groupby(id_col).size()
    ex = ex[(ex[time] > 0) & (ex[time] < ex[duration])]
    ex = ex.groupby([id_col, time]).size().rename("k").reset_index()
    base = durations.reset_index(drop=True)
    first = base[[id_col]].assign(**{time: 0.0})
    first["k"] = first[id_col].map(at_start).fillna(0).astype(int).to_numpy()
    cuts = pd.concat([first, ex])
    cuts = cuts.sort_values([id_col, time], kind="stable")
    cuts["count"] = cuts.groupby(id_col)["k"].cumsum()
    cuts = cuts.merge(base, on=id_col)
    cuts["start"] = cuts[time].astype(float)
    cuts["stop"] = cuts.groupby(id_col)["start"].shift(-1).fillna(cuts[duration]).astype(float)
    last = cuts.groupby(id_col).cumcount(ascending=False) == 0
    cuts[event] = np.where(last, cuts[event], 0).astype(float)
    cuts[name] = cuts["count"].astype(float) if cumulative else (cuts["count"] > 0).astype(float)
    return cuts.drop(columns=[time, "k", "count"]).reset_index(drop=True)
