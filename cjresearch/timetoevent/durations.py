"""Durations of journey steps from the stage timeline, censoring-aware.

:func:`stage_durations` turns the event engine's :class:`~cjresearch.engine.timeline.Timeline`
into a tidy *durations* frame (one row per customer and step): every
stage-to-stage step, or the journey start to every stage, with right-censoring
at the observation end or a non-churn exit, delayed entry (left truncation)
and churn as a competing event.  The estimators in :mod:`cjresearch.timetoevent.progression`,
:mod:`cjresearch.timetoevent.competing` and :mod:`cjresearch.timetoevent.coxmodels` read this frame.

The durations frame has the columns ``customer_id``, ``from_stage``,
``to_stage``, ``entry`` (delayed-entry time, 0 when observed from the origin),
``duration`` (time from the origin to the event or censoring, in the frame's
time unit),
``event`` (0 censored, 1 reached ``to_stage``, 2 exited, a competing event),
``exit_state`` and ``origin`` (the timestamp the clock starts at), plus any
customer attributes passed in.

The time unit (``"days"`` unless chosen otherwise) is recorded in
``durations.attrs["time_unit"]`` and read by every estimator downstream
(:mod:`cjresearch.core.timeunits`): row filters such as
``durations[durations["from_stage"] == "visit"]`` keep it, a ``merge`` does not.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any, cast

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError, RowsExcludedWarning
from cjresearch.core.timeunits import TIME_UNITS, check_time_unit, choose_time_unit
from cjresearch.inputs.timestamps import parse_timestamps
from cjresearch.timetoevent.survtables import check_columns

__all__ = ["CENSORED", "EXITED", "REACHED", "START", "stage_durations"]

CENSORED, REACHED, EXITED = 0, 1, 2
START = "start"


def stage_durations(
    timeline: Any,
    *,
    customers: pd.DataFrame | None = None,
    kind: str = "step",
    churn: Sequence[str] | None = None,
    start: str | None = None,
    observed_from: str | None = None,
    unit: str = "days",
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
    unit : {"days", "minutes", "hours", "weeks", "seconds", "auto"}
        Time unit of ``duration`` and ``entry`` (pandas unit strings of the
        same length, such as ``"D"`` or ``"min"``, also work).  ``"auto"``
        picks it from the median observed waiting time
        (:func:`cjresearch.core.timeunits.choose_time_unit`).  Recorded in
        ``attrs["time_unit"]`` of the result.
    out_of_order : {"error", "drop"}
        What to do with customers whose stage timestamps go backwards.
    unobserved : {"drop", "keep"}
        Steps from a stage the event engine *inferred* at the customer's
        first observation (already there or past it when first seen; and all
        from-start rows when the first stage was inferred): the time is
        unknown, so they are dropped with a :class:`RowsExcludedWarning`;
        ``"keep"`` keeps them as moves at time 0.

    Returns
    -------
    DataFrame
        One row per customer and step; columns described in the module doc;
        ``attrs["time_unit"]`` names the unit of ``duration`` and ``entry``.

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
    >>> d.attrs["time_unit"], stage_durations(SimpleNamespace(entries=entries, customers=custs),
    ...                                       unit="hours")["duration"].tolist()
    ('days', [72.0, 240.0])
    """
    if kind not in ("step", "from_start", "both"):
        raise DataValidationError(f"kind={kind!r} is not one of 'step', 'from_start', 'both'")
    if out_of_order not in ("error", "drop"):
        raise DataValidationError(f"out_of_order={out_of_order!r} is not 'error' or 'drop'")
    engine = _is_engine_timeline(timeline)
    entries = None if engine else getattr(timeline, "entries", None)
    cust = getattr(timeline, "customers", None)
    if not (engine or isinstance(entries, pd.DataFrame)) or not isinstance(cust, pd.DataFrame):
        raise DataValidationError(
            "expected a Timeline with 'entries' and 'customers' frames",
            source="timeline",
            fix="pass EventLog(...).timeline()",
        )
    if entries is not None:
        check_columns(
            entries, ["customer_id", "stage", "stage_index", "entered_at"], "timeline.entries"
        )
    check_columns(
        cust,
        ["customer_id", "first_seen", "exit_state", "exit_at", "censor_at"],
        "timeline.customers",
    )
    from cjresearch.engine.timeline import require_no_entries_after_exit

    require_no_entries_after_exit(timeline)
    if customers is not None:  # (nothing below changes ``cust`` in place: no copy needed)
        check_columns(customers, ["customer_id"], "customers")
        extra = [c for c in customers.columns if c == "customer_id" or c not in cust.columns]
        cust = cust.merge(customers[extra], on="customer_id", how="left")
    for col in (start, observed_from):
        if col is not None and col not in cust.columns:
            raise DataValidationError(
                f"no column {col!r} for the journey start / observation",
                source="customers",
                column=col,
            )
    unit = check_time_unit(unit, allow_auto=True)

    if unobserved not in ("drop", "keep"):
        raise DataValidationError(f"unobserved={unobserved!r} is not 'drop' or 'keep'")
    if engine:
        # the engine's own timeline: its customers x stages arrays, no pivot of a long form
        order = [str(s) for s in timeline.journey.stage_ids]
        wide, unobs = _wide_from_engine(timeline, cust, unobserved=unobserved)
    else:
        long_form = cast(pd.DataFrame, entries)
        if isinstance(long_form["stage"].dtype, pd.CategoricalDtype):
            order = [str(s) for s in long_form["stage"].cat.categories]
        else:
            order = (
                long_form[["stage", "stage_index"]]
                .drop_duplicates()
                .sort_values("stage_index")["stage"]
                .astype(str)
                .tolist()
            )
        wide, unobs = _wide_from_entries(long_form, cust, order, unobserved=unobserved)

    # positional arrays from here on: rows of ``wide`` are the rows of ``cust``
    if len(wide) != len(cust) or not np.array_equal(
        wide.index.to_numpy(), cust["customer_id"].to_numpy()
    ):
        cust = cust.set_index("customer_id").loc[wide.index].reset_index()
    times = _us(wide)  # customers x stages, NaT missing
    skips = unobs.to_numpy(dtype=bool)
    del wide, unobs

    # timestamps must not go backwards along the stage order (NaT is int64's minimum)
    ticks = times.view("int64")
    running = np.maximum.accumulate(ticks, axis=1)
    bad = (
        np.any((ticks[:, 1:] < running[:, :-1]) & ~np.isnat(times[:, 1:]), axis=1)
        if ticks.shape[1] > 1
        else np.zeros(len(ticks), bool)
    )
    del ticks, running
    if bad.any():
        ids = cust["customer_id"].to_numpy()[bad].tolist()
        if out_of_order == "error":
            raise DataValidationError(
                f"{len(ids)} customer(s) entered a later stage before an earlier one",
                source="timeline.entries",
                column="entered_at",
                rows=ids,
                fix="check the timestamps (clock skew?) or the journey's stage order, "
                "or pass out_of_order='drop' to leave these customers out",
            )
        warnings.warn(
            f"{len(ids)} customer(s) with stages out of order were left out (e.g. {ids[:3]})",
            RowsExcludedWarning,
            stacklevel=2,
        )
        keep = ~bad
        times, skips = times[keep], skips[keep]
        cust = cust[keep].reset_index(drop=True)

    exit_state = cust["exit_state"]
    exited = exit_state.notna().to_numpy()
    competing = exited if churn is None else exit_state.isin(list(churn)).to_numpy()
    exit_at = _us(cust["exit_at"])
    censor_at = _us(cust["censor_at"])
    # customer columns: put on the engine's clock (naive UTC) with a clear error for bad dates
    by_id = cust.set_index("customer_id") if start or observed_from else cust  # rows by id
    start_at = _us(
        parse_timestamps(by_id[start], source="customers", column=start)
        if start
        else cust["first_seen"]
    )
    obs_from = (
        _us(parse_timestamps(by_id[observed_from], source="customers", column=observed_from))
        if observed_from
        else None
    )
    attrs = cust.drop(
        columns=[
            c
            for c in (
                "customer_id",
                "first_seen",
                "last_seen",
                "n_log_events",
                "furthest_stage",
                "furthest_index",
                "exit_at",
                "censor_at",
                "exit_state",
            )
            if c in cust.columns
        ]
    )

    def build(
        origin: np.ndarray, target: np.ndarray, frm: int, to: int, skip: np.ndarray
    ) -> dict[str, np.ndarray]:
        """One step's rows, in small types (the columns of all steps are joined below)."""
        ok = ~np.isnat(origin) & ~skip
        rows = np.flatnonzero(ok)
        origin, target = origin[rows], target[rows]
        reached = ~np.isnat(target)
        comp = competing[rows]
        end = np.where(comp & ~reached, exit_at[rows], censor_at[rows])
        end = np.where(reached, target, end)
        seconds = (end - origin).astype("timedelta64[us]").astype("int64") / 1e6
        seconds[np.isnat(end)] = np.nan
        part = {
            "row": rows,
            "from": np.full(len(rows), frm, dtype=np.int16),
            "to": np.full(len(rows), to, dtype=np.int16),
            "duration": seconds,
            "event": np.where(reached, REACHED, np.where(comp, EXITED, CENSORED)).astype(np.int8),
            "origin": origin,
        }
        if obs_from is not None:
            lead = (obs_from[rows] - origin).astype("timedelta64[us]").astype("int64") / 1e6
            lead[np.isnat(obs_from[rows])] = 0.0
            part["entry"] = np.clip(lead, 0, None)
        return part

    cats = [START, *order]  # from_stage codes: 0 the journey start, k + 1 stage k
    parts = []
    if kind in ("step", "both"):
        for k in range(len(order) - 1):
            parts.append(build(times[:, k], times[:, k + 1], k + 1, k + 1, skips[:, k]))
    if kind in ("from_start", "both"):
        for k in range(1, len(order)):
            parts.append(build(start_at, times[:, k], 0, k, skips[:, 0]))
    if not parts:
        raise DataValidationError(
            "the journey needs at least two stages for durations",
            source="timeline.entries",
            column="stage",
        )
    n_unobs = int(skips[:, :-1].sum()) if kind != "from_start" else 0
    if kind != "step":  # journey start unseen: every from-start row of the customer
        n_unobs += int(skips[:, 0].sum()) * (len(order) - 1)
    if n_unobs:
        warnings.warn(
            f"{n_unobs} row(s) start at a stage the customer was already in (or past) "
            "when first seen (inferred at first_seen): their waiting time is unknown, "
            "so they were left out; pass unobserved='keep' to count them as moves "
            "at time 0",
            RowsExcludedWarning,
            stacklevel=2,
        )

    def joined(name: str) -> np.ndarray:
        whole = np.concatenate([part[name] for part in parts])
        for part in parts:  # free each piece as soon as it is copied: 2M customers x steps
            del part[name]
        return whole

    rows = joined("row")
    event = joined("event").astype(np.int64)
    seconds = joined("duration")
    if unit == "auto":
        moved = event == REACHED
        unit = choose_time_unit(seconds[moved] if moved.any() else seconds, unit="seconds")
    unit_s = TIME_UNITS[unit].total_seconds()
    seconds /= unit_s
    entry = joined("entry") / unit_s if obs_from is not None else np.zeros(len(rows))
    exits = exit_state.array.take(rows)
    exits[event != EXITED] = None
    out = pd.DataFrame(
        {
            "customer_id": cust["customer_id"].to_numpy()[rows],
            "from_stage": pd.Categorical.from_codes(
                cast(Any, joined("from")), categories=pd.Index(cats), ordered=True
            ),
            "to_stage": pd.Categorical.from_codes(
                cast(Any, joined("to")), categories=pd.Index(order), ordered=True
            ),
            "entry": entry,
            "duration": seconds,
            "event": event,
            "exit_state": exits,
            "origin": joined("origin"),
        },
        copy=False,
    )
    del entry, seconds, event
    # the customers' other columns, by position
    for name in attrs.columns:
        out[name] = attrs[name].array.take(rows)
    neg = out["duration"] < 0
    if neg.any():
        ids = out.loc[neg, "customer_id"].tolist()
        raise DataValidationError(
            f"{int(neg.sum())} duration(s) are negative: the customer was censored or exited "
            "before entering the step's start stage",
            source="timeline.customers",
            column="censor_at",
            rows=ids,
            fix="check the observation end and exit times against the event timestamps "
            "(clock skew between systems?)",
        )
    trunc_bad = out["entry"] > out["duration"]
    if trunc_bad.any():
        warnings.warn(
            f"{int(trunc_bad.sum())} row(s) left the step before coming under "
            "observation and were left out",
            RowsExcludedWarning,
            stacklevel=2,
        )
        out = out[~trunc_bad].reset_index(drop=True)
    out.attrs["time_unit"] = unit
    return out


def _us(values: pd.DataFrame | pd.Series) -> np.ndarray:
    """Timestamps as ``datetime64[us]`` numpy values (NaT where missing)."""
    if isinstance(values, pd.DataFrame):
        return (
            np.column_stack([_us(values[c]) for c in values.columns])
            if values.shape[1]
            else np.empty((len(values), 0), dtype="datetime64[us]")
        )
    return pd.to_datetime(values).to_numpy(dtype="datetime64[us]")


def _is_engine_timeline(timeline: Any) -> bool:
    """A :class:`cjresearch.engine.timeline.Timeline` (its arrays can be read directly)."""
    return all(hasattr(timeline, a) for a in ("entered_us", "inferred", "order", "journey"))


def _wide_from_engine(
    timeline: Any, cust: pd.DataFrame, *, unobserved: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Entry times (customers x stage positions) and the entries "unobserved" (inferred
    at first sight), from the engine's arrays; rows follow ``cust``."""
    wide = timeline.wide()
    wide.columns = range(wide.shape[1])
    if unobserved == "drop":
        first = timeline.customers["first_seen"].to_numpy(dtype="datetime64[us]")
        inferred = timeline.sorted_entries[1]  # in customers order, like wide()
        unobs = pd.DataFrame(
            inferred & (wide.to_numpy() == first[:, None]), index=wide.index, columns=wide.columns
        )
    else:
        unobs = pd.DataFrame(False, index=wide.index, columns=wide.columns)
    order = cust["customer_id"].to_numpy()
    if not np.array_equal(order, wide.index.to_numpy()):  # a merge reordered the customers
        wide, unobs = wide.reindex(order), unobs.reindex(order, fill_value=False)
    return wide, unobs


def _wide_from_entries(
    entries: pd.DataFrame, cust: pd.DataFrame, order: list[str], *, unobserved: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The same from any long ``entries`` frame (customer_id, stage, entered_at, inferred)."""
    idx_of = {s: i for i, s in enumerate(order)}
    ent = entries.assign(stage=entries["stage"].astype(str))
    ent = ent.assign(pos=ent["stage"].map(idx_of))
    wide = ent.pivot_table(index="customer_id", columns="pos", values="entered_at", aggfunc="min")
    wide = wide.reindex(columns=range(len(order)))
    wide = wide.reindex(cust["customer_id"].to_numpy())
    if "inferred" in ent.columns and unobserved == "drop":
        first = ent["customer_id"].map(cust.set_index("customer_id")["first_seen"])
        ent["_unobs"] = ent["inferred"].fillna(False).astype(bool) & (
            pd.to_datetime(ent["entered_at"]) == pd.to_datetime(first)
        )
        unobs = ent.assign(_unobs=ent["_unobs"].astype(int)).pivot_table(
            index="customer_id", columns="pos", values="_unobs", aggfunc="max"
        )
        unobs = unobs.reindex(index=wide.index, columns=range(len(order))).fillna(0) > 0
    else:
        unobs = pd.DataFrame(False, index=wide.index, columns=range(len(order)))
    return wide, unobs
