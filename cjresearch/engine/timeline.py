"""The per-customer stage timeline that the event engine builds from its one scan.

:class:`Timeline` holds each customer's entries into the journey's stages (as
arrays, with the tidy ``entries`` frame made on first use), their exit and
censoring times; :func:`timeline_from_scan` builds it from a
:class:`~cjresearch.engine.scanresult.Scan`, :func:`require_no_entries_after_exit`
guards the analyses that read time forwards.  :class:`cjresearch.engine.eventlog.EventLog`
(``EventLog.timeline()``) is the way in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core import columns as C
from cjresearch.core.errors import DataValidationError
from cjresearch.engine.prep import ts_us
from cjresearch.engine.scanresult import NONE, Scan
from cjresearch.journey.definition import Journey

__all__ = [
    "Timeline",
    "require_no_entries_after_exit",
    "timeline_from_scan",
    "to_us_array",
    "us_to_ts",
]


@dataclass(frozen=True)
class Timeline:
    """Per-customer stage timeline.

    Attributes
    ----------
    customers : DataFrame
        One row per customer: ``customer_id``, ``first_seen``, ``last_seen``,
        ``n_log_events`` (rows of the log), ``furthest_stage``, ``furthest_index`` (-1: no stage),
        ``exit_state``, ``exit_at``, ``censor_at``, ``out_of_order`` (an
        earlier stage first seen after a later one).
    journey : Journey
    entries : DataFrame
        One row per customer and stage entered: ``customer_id``, ``stage``
        (ordered categorical of stage ids), ``stage_index``, ``entered_at``,
        ``inferred``.  Built from the arrays below on first use.
    entered_us, inferred : ndarray
        Customers x stages: entry time in microseconds since 1970 (the
        largest int64 where not reached) and whether it was inferred, in the
        engine's customer order; ``order`` maps ``customers`` rows to it.
    """

    customers: pd.DataFrame
    journey: Journey
    entered_us: np.ndarray = field(repr=False, compare=False)
    inferred: np.ndarray = field(repr=False, compare=False)
    order: np.ndarray = field(repr=False, compare=False)

    @cached_property
    def sorted_entries(self) -> tuple[np.ndarray, np.ndarray]:
        """Entry times (µs, ``NONE`` if not reached) and flags, in ``customers`` order."""
        return self.entered_us[self.order], self.inferred[self.order]

    @cached_property
    def entries(self) -> pd.DataFrame:
        entered, inferred = self.sorted_entries
        r, k = np.nonzero(entered != NONE)
        return pd.DataFrame(
            {
                C.CUSTOMER_ID: self.customers[C.CUSTOMER_ID].to_numpy()[r],
                C.STAGE: pd.Categorical.from_codes(k, dtype=self.journey.stage_dtype()),  # type: ignore[arg-type]
                "stage_index": k.astype("int64"),
                "entered_at": us_to_ts(entered[r, k]),
                "inferred": inferred[r, k],
            }
        )

    def wide(self) -> pd.DataFrame:
        """Entry times with one column per stage (NaT where not reached)."""
        entered = self.sorted_entries[0]
        values = entered.astype("datetime64[us]")
        values[entered == NONE] = np.datetime64("NaT")
        return pd.DataFrame(
            values,
            index=pd.Index(self.customers[C.CUSTOMER_ID], name=C.CUSTOMER_ID),
            columns=list(self.journey.stage_ids),
        )


def timeline_from_scan(
    scan: Scan, journey: Journey, *, observation_end: pd.Timestamp, censor: pd.Series | None
) -> Timeline:
    """The :class:`Timeline` of one scan of the events (:func:`cjresearch.engine.scan.scan`).

    ``observation_end`` ends every customer's observation unless ``censor`` (customer
    id -> own observation end in microseconds, missing: none) gives an earlier or later
    one; an exit ends it at once.
    """
    ids, o = scan.ids, scan.order  # per-customer arrays are in engine order: take them by o
    reached = scan.entered != NONE
    furthest = np.where(reached.any(axis=1), reached.sum(axis=1) - 1, -1)[o]
    has_exit = (scan.exit_at != NONE)[o]
    exit_ids = pd.array(list(journey.exit_ids) or [""], dtype="string")
    exit_state = exit_ids.take(np.where(has_exit, scan.exit_idx[o], -1), allow_fill=True)
    exit_us = np.where(has_exit, scan.exit_at[o], 0)

    end_us = ts_us(observation_end)
    observed_until = np.full(len(ids), end_us, dtype=np.int64)
    if censor is not None:
        own = censor.reindex(ids).to_numpy(dtype="float64")
        observed_until = np.where(np.isnan(own), observed_until, own).astype(np.int64)
    censor_us = np.where(has_exit, np.minimum(exit_us, observed_until), observed_until)

    customers = pd.DataFrame(
        {
            C.CUSTOMER_ID: ids,
            "first_seen": us_to_ts(scan.first_ts[o]),
            "last_seen": us_to_ts(scan.last_ts[o]),
            "n_log_events": scan.n_events[o].astype("int64"),
            "furthest_stage": pd.Categorical.from_codes(furthest, dtype=journey.stage_dtype()),
            "furthest_index": furthest.astype("int64"),
            "exit_state": exit_state,
            "exit_at": us_to_ts(exit_us, mask=~has_exit),
            "censor_at": us_to_ts(censor_us),
            "out_of_order": scan.out_of_order[o],
        },
        copy=False,
    )  # fresh arrays: no copy into consolidated blocks
    return Timeline(
        customers=customers,
        journey=journey,
        entered_us=scan.entered,
        inferred=scan.inferred,
        order=o,
    )


def require_no_entries_after_exit(timeline: Any, *, source: str = "timeline") -> None:
    """Refuse a timeline in which customers enter stages after their exit.

    That happens only with ``EventLog(..., after_exit="keep")``; survival and
    multi-state analyses would read such a path as time running backwards.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.Timestamp("2025-01-01")
    >>> class T:
    ...     customers = pd.DataFrame({"customer_id": ["a"], "exit_at": [t]})
    ...     entries = pd.DataFrame({"customer_id": ["a"], "entered_at": [t + pd.Timedelta("1D")]})
    >>> require_no_entries_after_exit(T())
    Traceback (most recent call last):
    ...
    cjresearch.core.errors.DataValidationError: timeline, column 'exit_at': 1 customer enters a stage after exiting (row a). Fix: read the event log with EventLog(..., after_exit='exclude') (the default), which sets aside the events after a customer's exit.
    """
    cust = timeline.customers
    if "exit_at" not in cust.columns:
        return
    if isinstance(timeline, Timeline):
        entered = timeline.sorted_entries[0]
        reached = entered != NONE
        last_entry = np.where(reached, entered, np.iinfo(np.int64).min).max(
            axis=1, initial=np.iinfo(np.int64).min
        )
        exit_us = to_us_array(cust["exit_at"].fillna(pd.Timestamp.max))
        bad_ids = cust[C.CUSTOMER_ID].to_numpy()[last_entry > exit_us]
    else:
        e = timeline.entries.merge(cust[[C.CUSTOMER_ID, "exit_at"]], on=C.CUSTOMER_ID)
        late = pd.to_datetime(e["entered_at"]) > pd.to_datetime(e["exit_at"])
        bad_ids = pd.unique(e.loc[late, C.CUSTOMER_ID])
    if len(bad_ids):
        n = len(bad_ids)
        raise DataValidationError(
            f"{n} customer{'s enter' if n > 1 else ' enters'} a stage after exiting",
            source=source,
            column="exit_at",
            rows=list(bad_ids)[:5],
            fix="read the event log with EventLog(..., after_exit='exclude') (the default), "
            "which sets aside the events after a customer's exit",
        )


def to_us_array(values: pd.Series) -> np.ndarray:
    """Date-likes as microseconds since 1970 (``int64``)."""
    return pd.to_datetime(values).to_numpy(dtype="datetime64[us]").astype(np.int64)


def us_to_ts(us: np.ndarray, mask: np.ndarray | None = None) -> pd.Series:
    """Microseconds since 1970 as naive ``datetime64[us]`` (the engine's resolution)."""
    values = np.asarray(us, dtype=np.int64).astype("datetime64[us]")
    if mask is not None:
        values[mask] = np.datetime64("NaT")
    return pd.Series(values)
