"""The event engine: event log + journey definition -> stage timeline, funnel, paths.

One implementation, written in the SQL that DuckDB (embedded, the default) and
Spark SQL share; the engine reads a Parquet/CSV path or a DataFrame without
loading the log into pandas, compacts it once into integer columns (customer
hash, microseconds, event code) and answers every question from that table.
Only small results (per-customer rows, counts) come back to pandas.

Definitions
-----------
*Entered stage k at* the first time the customer is observed at stage k **or
any later stage** (a customer who bought went through the decision stage at
the latest when buying).  Entry times are therefore non-decreasing along the
journey; an entry taken from a later stage is flagged ``inferred``.  Re-entry
into an earlier stage does not change first entries (it shows in the stage
transitions).  *Exit*: the first event of an exit state; ties go to the exit
listed first.  *Censoring time*: the exit time for exited customers, else the
customer's observation end (``observed_until`` from the customers table, else
the journey's ``observation_end``, else the last timestamp in the log).
Events at the same timestamp are ordered by journey order (stage events
before touchpoints of the same stage, exits last), then by name.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import columns as C
from ._eventprep import EXIT_SLOTS, _ts_us, prepare
from ._stats import wilson_interval
from .backends import Backend, get_backend
from .errors import DataValidationError, RowsExcludedWarning
from .journey import Journey, load_journey

__all__ = ["EventLog", "Timeline", "build_timeline"]

_KIND = {"stage": 0, "touchpoint": 1, "exit": 2}
_REQUIRED = (C.CUSTOMER_ID, C.TIMESTAMP, C.EVENT)


@dataclass(frozen=True)
class Timeline:
    """Per-customer stage timeline.

    Attributes
    ----------
    entries : DataFrame
        One row per customer and stage entered: ``customer_id``, ``stage``
        (ordered categorical of stage ids), ``stage_index``, ``entered_at``,
        ``inferred``.
    customers : DataFrame
        One row per customer: ``customer_id``, ``first_seen``, ``last_seen``,
        ``n_events``, ``furthest_stage``, ``furthest_index`` (-1: no stage),
        ``exit_state``, ``exit_at``, ``censor_at``, ``out_of_order`` (an
        earlier stage first seen after a later one).
    journey : Journey
    """

    entries: pd.DataFrame
    customers: pd.DataFrame
    journey: Journey

    def wide(self) -> pd.DataFrame:
        """Entry times with one column per stage (NaT where not reached)."""
        out = self.entries.pivot(index=C.CUSTOMER_ID, columns=C.STAGE, values="entered_at")
        out = out.reindex(index=self.customers[C.CUSTOMER_ID],
                          columns=list(self.journey.stage_ids))
        out.columns = list(out.columns)
        return out


class EventLog:
    """An event log bound to a journey definition, ready for questions.

    Parameters
    ----------
    events : str, Path or DataFrame
        A ``.parquet`` or ``.csv`` path (globs allowed) or a DataFrame with
        ``customer_id``, ``timestamp`` and ``event`` columns (after ``columns``).
    journey : Journey, str or Path
        A journey definition, its path, or a preset name.
    customers : DataFrame, optional
        With ``customer_id`` and optionally ``observed_until`` (per-customer
        observation end).
    columns : dict, optional
        ``{"name in the file": "canonical name"}``, e.g. ``{"Client": "customer_id"}``.
    backend : "duckdb", "spark", a DuckDB connection, a SparkSession or a Backend
    observation_end : date-like, optional
        Overrides the journey's observation end.
    unknown_events : {"error", "exclude"}
        Events that the journey does not mention: stop with an error naming them
        (default), or exclude them and report how many rows were excluded.
    after_observation_end : {"error", "exclude"}
        Events after the observation end: error (default) or exclude with a report.

    Examples
    --------
    >>> from cjresearch.paths import SAMPLE_DIR
    >>> log = EventLog(SAMPLE_DIR / "events.parquet", SAMPLE_DIR / "journey.yaml")
    >>> f = log.funnel()
    >>> list(f.columns[:4])
    ['stage', 'stage_index', 'label', 'n']
    >>> bool((f["n"].diff().dropna() <= 0).all())   # reach can only shrink
    True
    """

    def __init__(
        self,
        events: str | Path | pd.DataFrame,
        journey: Journey | str | Path,
        *,
        customers: pd.DataFrame | None = None,
        columns: dict[str, str] | None = None,
        backend: Any = "duckdb",
        observation_end: Any = None,
        unknown_events: str = "error",
        after_observation_end: str = "error",
        source: str | None = None,
    ) -> None:
        for arg, value in (("unknown_events", unknown_events),
                           ("after_observation_end", after_observation_end)):
            if value not in ("error", "exclude"):
                raise DataValidationError(f"{arg}={value!r} is not allowed",
                                          fix=f"pass {arg}='error' or '{arg}'='exclude'")
        self.journey = journey if isinstance(journey, Journey) else load_journey(journey)
        self.backend: Backend = get_backend(backend)
        self.source = source or (Path(str(events)).name if not isinstance(events, pd.DataFrame)
                                 else "events")
        self.exclusions: list[dict[str, Any]] = []
        self._prefix = f"cj{id(self):x}_"
        self._timeline: Timeline | None = None
        self._paths: pd.DataFrame | None = None
        prep = prepare(self, events, customers=customers, columns=columns,
                       observation_end=observation_end, unknown_events=unknown_events,
                       after_observation_end=after_observation_end)
        self.roles: pd.DataFrame = prep["roles"]
        self.observation_end: pd.Timestamp = prep["observation_end"]
        self._compact = prep["compact"]
        self._agg = prep["agg"]
        self._censor = prep["censor"]  # customer_id -> observed_until (or None)
        for item in self.exclusions:
            warnings.warn(f"{self.source}: {item['rows']} rows excluded: {item['reason']}",
                          RowsExcludedWarning, stacklevel=2)

    # -- timeline ----------------------------------------------------------
    def timeline(self) -> Timeline:
        """The per-customer stage timeline (computed once, then cached)."""
        if self._timeline is None:
            self._timeline = self._build_timeline()
        return self._timeline

    def _build_timeline(self) -> Timeline:
        b, agg = self.backend, self._agg
        n_stages = len(self.journey.stages)
        stage_cols = "".join(f", coalesce(s{k}, -1) AS s{k}" for k in range(n_stages))
        per_customer = b.query(f"""
            SELECT h, cid AS customer_id, CASE WHEN h2_lo <> h2_hi THEN 1 ELSE 0 END AS clash,
                   first_ts, last_ts, n AS n_events, coalesce(exit_key, -1) AS exit_key
                   {stage_cols}
            FROM {agg} ORDER BY cid""")
        # h2 is a second, independent hash: two ids that share h almost surely differ in h2
        if per_customer["clash"].any():  # pragma: no cover
            raise DataValidationError(
                "two customer ids share an internal 64-bit hash key; results would merge them",
                source=self.source, column=C.CUSTOMER_ID,
                fix="please report this; as a work-around prefix the ids with a constant")
        ids = per_customer["customer_id"].to_numpy()
        self._hashes = per_customer["h"].to_numpy()  # the engine's key, aligned with ids

        big = np.iinfo(np.int64).max
        first = per_customer[[f"s{k}" for k in range(n_stages)]].to_numpy().astype(np.int64)
        first[first < 0] = big
        # entered stage k = first time seen at stage k or later
        entered = np.minimum.accumulate(first[:, ::-1], axis=1)[:, ::-1]
        observed = first != big
        reached = entered != big
        inferred = reached & (entered != first)
        out_of_order = (observed & (first > entered)).any(axis=1)

        # exact integers (never through float64: the packed key exceeds 2**53)
        exit_key = per_customer["exit_key"].to_numpy().astype(np.int64)
        has_exit = exit_key >= 0
        exit_key = np.where(has_exit, exit_key, 0)
        exit_ids = np.array(list(self.journey.exit_ids) or [""], dtype=object)
        exit_state = exit_ids[exit_key % EXIT_SLOTS].astype(object)
        exit_state[~has_exit] = None
        exit_us = np.where(has_exit, exit_key // EXIT_SLOTS, 0)

        end_us = _ts_us(self.observation_end)
        observed_until = np.full(len(ids), end_us, dtype=np.int64)
        if self._censor is not None:
            own = self._censor.reindex(ids).to_numpy(dtype="float64")
            observed_until = np.where(np.isnan(own), observed_until, own).astype(np.int64)
        censor_us = np.where(has_exit, np.minimum(exit_us, observed_until), observed_until)

        furthest = np.where(reached.any(axis=1), reached.sum(axis=1) - 1, -1)
        dtype = self.journey.stage_dtype()
        customers = pd.DataFrame({
            C.CUSTOMER_ID: ids,
            "first_seen": _us_to_ts(per_customer["first_ts"].to_numpy()),
            "last_seen": _us_to_ts(per_customer["last_ts"].to_numpy()),
            "n_events": per_customer["n_events"].to_numpy().astype("int64"),
            "furthest_stage": pd.Categorical.from_codes(furthest, dtype=dtype),  # type: ignore[arg-type]
            "furthest_index": furthest.astype("int64"),
            "exit_state": pd.array(exit_state, dtype="string"),
            "exit_at": _us_to_ts(np.where(has_exit, exit_us, 0), mask=~has_exit),
            "censor_at": _us_to_ts(censor_us),
            "out_of_order": out_of_order,
        })
        r, k = np.nonzero(reached)
        entries = pd.DataFrame({
            C.CUSTOMER_ID: ids[r],
            C.STAGE: pd.Categorical.from_codes(k, dtype=dtype),  # type: ignore[arg-type]
            "stage_index": k.astype("int64"),
            "entered_at": _us_to_ts(entered[r, k]),
            "inferred": inferred[r, k],
        })
        return Timeline(entries=entries, customers=customers, journey=self.journey)

    # -- funnel --------------------------------------------------------------
    def funnel(self, *, level: float = 0.95, language: str = "en") -> pd.DataFrame:
        """Customers reaching each stage, and conversion between consecutive stages.

        Columns: ``stage``, ``stage_index``, ``label``, ``n`` (customers who
        reached the stage), ``base`` (customers at the previous stage; all
        customers for the first stage), ``estimate`` (n / base) with Wilson
        ``ci_low``/``ci_high``, ``share`` of all customers, ``exited``
        (customers whose furthest stage this was and who then exited), and
        ``in_progress`` (furthest stage, not exited: censored, *not* lost).

        This is the naive funnel: a customer who has not converted *yet* does
        not count as converted.  The censoring-aware view is in
        :mod:`cjresearch.progression`.
        """
        tl = self.timeline()
        n_all = len(tl.customers)
        counts = tl.entries.groupby("stage_index").size()
        n = np.array([int(counts.get(k, 0)) for k in range(len(self.journey.stages))])
        base = np.concatenate([[n_all], n[:-1]])
        low, high = wilson_interval(n, base, level=level)
        cust = tl.customers
        exited = cust[cust["exit_state"].notna()].groupby("furthest_index").size()
        waiting = cust[cust["exit_state"].isna()].groupby("furthest_index").size()
        return pd.DataFrame({
            C.STAGE: pd.Categorical(self.journey.stage_ids, dtype=self.journey.stage_dtype()),
            "stage_index": np.arange(len(n)),
            "label": [self.journey.label(s, language) for s in self.journey.stage_ids],
            C.N: n,
            C.BASE: base,
            C.ESTIMATE: np.divide(n, base, out=np.full(len(n), np.nan), where=base > 0),
            C.CI_LOW: low,
            C.CI_HIGH: high,
            "share": n / n_all if n_all else np.nan,
            "exited": [int(exited.get(k, 0)) for k in range(len(n))],
            "in_progress": [int(waiting.get(k, 0)) for k in range(len(n))],
        })

    # -- paths ------------------------------------------------------------------
    def _path_counts(self) -> pd.DataFrame:
        """(prev_code, code, prev_stage) -> n, from one ordered pass over the log."""
        if self._paths is None:
            b, t = self.backend, self._compact
            prev_stage = b.lag_non_null("CASE WHEN kind = 0 THEN sidx END")
            win = "PARTITION BY h ORDER BY ts, code"
            self._paths = b.query(f"""
                SELECT prev_code, code, prev_stage, count(*) AS n FROM (
                    SELECT code, lag(code) OVER ({win}) AS prev_code,
                           {prev_stage} OVER ({win}) AS prev_stage
                    FROM {t}) AS w
                GROUP BY prev_code, code, prev_stage""")
        return self._paths

    def touchpoint_transitions(self) -> pd.DataFrame:
        """Counts of consecutive event pairs per customer.

        Columns ``from_event`` (``"(start)"`` for a customer's first event),
        ``to_event``, ``n`` (number of transitions), ``share`` of all
        transitions out of ``from_event``.  Sorted by ``from_event``, ``to_event``.
        """
        p = self._path_counts()
        names = self.roles.set_index("code")["event"]
        pairs = p.groupby(["prev_code", "code"], dropna=False)["n"].sum().reset_index()
        pairs["from_event"] = pairs["prev_code"].map(names).fillna("(start)")
        pairs["to_event"] = pairs["code"].map(names)
        out = pairs.groupby(["from_event", "to_event"], as_index=False)["n"].sum()
        out["n"] = out["n"].astype("int64")
        out["share"] = out["n"] / out.groupby("from_event")["n"].transform("sum")
        return out.sort_values(["from_event", "to_event"]).reset_index(drop=True)  # type: ignore[call-overload]

    def stage_transitions(self) -> pd.DataFrame:
        """Moves between stages (and into exit states) along each customer's path.

        A move is a stage event whose stage differs from the stage of the
        customer's previous stage event (repeats in a stage are collapsed;
        moves back to an earlier stage are kept).  ``from_stage`` is
        ``"(start)"`` for the first stage event.  Exit events count as moves
        into the exit state.  Columns ``from_stage``, ``to_stage``, ``n``,
        ``direction`` (``forward``, ``skip``, ``back``, ``exit``, ``start``).
        """
        p = self._path_counts()
        roles = self.roles.set_index("code")
        kind = p["code"].map(roles["kind"])
        sidx = p["code"].map(roles["sidx"])
        moves = p[((kind == 0) & (p["prev_stage"].isna() | (p["prev_stage"] != sidx)))
                  | (kind == 2)].copy()
        stage_ids = list(self.journey.stage_ids)
        exit_ids = list(self.journey.exit_ids)
        mk = moves["code"].map(roles["kind"])
        ms = moves["code"].map(roles["sidx"]).astype(int)
        moves["to_stage"] = np.where(mk == 0, [stage_ids[i] if i < len(stage_ids) else "" for i in ms],
                                     [exit_ids[i] if i < len(exit_ids) else "" for i in ms])
        prev = moves["prev_stage"]
        moves["from_stage"] = [stage_ids[int(v)] if pd.notna(v) else "(start)" for v in prev]
        step = ms - prev.fillna(-1).astype(int)
        moves["direction"] = np.select(
            [mk == 2, prev.isna(), step == 1, step > 1], ["exit", "start", "forward", "skip"],
            default="back")
        out = moves.groupby(["from_stage", "to_stage", "direction"], as_index=False)["n"].sum()
        order = {s: i for i, s in enumerate(["(start)", *stage_ids, *exit_ids])}
        out = out.sort_values(["from_stage", "to_stage"],
                              key=lambda col: col.map(order)).reset_index(drop=True)  # type: ignore[call-overload]
        out["n"] = out["n"].astype("int64")
        return out[["from_stage", "to_stage", "n", "direction"]]

    def exposure(self) -> pd.DataFrame:
        """Each customer's touchpoint exposure before each stage.

        For every customer and stage: how many times each event (stage events
        and touchpoints, not exits) happened strictly before the customer
        entered the stage, or, for stages not reached, up to the censoring
        time.  Columns ``customer_id``, ``stage``, ``reached``, ``event``, ``n``.
        Only non-zero counts are listed.
        """
        tl = self.timeline()
        b, t = self.backend, self._compact
        wide = tl.wide()
        cust = tl.customers.set_index(C.CUSTOMER_ID)
        frames = []
        for k, sid in enumerate(self.journey.stage_ids):
            col = wide[sid]
            cut = col.fillna(cust["censor_at"].reindex(col.index))
            frames.append(pd.DataFrame({"h": self._hashes, "cid": col.index.astype(str),
                                        "sidx": k,
                                        "reached": col.notna().to_numpy(),
                                        "cut_us": _to_us_array(cut)}))
        cuts = pd.concat(frames, ignore_index=True)
        name = self._prefix + "cuts"
        b.register_frame(name, cuts)
        try:
            res = b.query(f"""
                SELECT s.cid, s.sidx, s.reached, e.code, count(*) AS n
                FROM {t} AS e JOIN {name} AS s ON e.h = s.h
                WHERE e.kind <> 2 AND (e.ts < s.cut_us OR (NOT s.reached AND e.ts = s.cut_us))
                GROUP BY s.cid, s.sidx, s.reached, e.code""")
        finally:
            b.drop(name)
        names = self.roles.set_index("code")["event"]
        stage_ids = np.array(self.journey.stage_ids, dtype=object)
        out = pd.DataFrame({
            C.CUSTOMER_ID: res["cid"].astype(str),
            C.STAGE: pd.Categorical(stage_ids[res["sidx"].astype(int)],
                                    dtype=self.journey.stage_dtype()),
            "reached": res["reached"].astype(bool),
            C.EVENT: res["code"].map(names),
            C.N: res["n"].astype("int64"),
        })
        return out.sort_values([C.CUSTOMER_ID, C.STAGE, C.EVENT]).reset_index(drop=True)


def build_timeline(events: str | Path | pd.DataFrame, journey: Journey | str | Path,
                   **kwargs: Any) -> Timeline:
    """Shortcut for ``EventLog(events, journey, **kwargs).timeline()``.

    Examples
    --------
    >>> import pandas as pd
    >>> ev = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                    "timestamp": pd.to_datetime(["2025-01-01", "2025-01-03", "2025-01-02"]),
    ...                    "event": ["ad", "buy", "ad"]})
    >>> j = {"name": "t", "stages": [{"id": "seen", "events": ["ad"]},
    ...                              {"id": "bought", "events": ["buy"]}]}
    >>> tl = build_timeline(ev, j)
    >>> tl.customers[["customer_id", "furthest_stage"]].values.tolist()
    [['a', 'bought'], ['b', 'seen']]
    """
    if not isinstance(journey, Journey):
        journey = load_journey(journey)
    return EventLog(events, journey, **kwargs).timeline()


def _to_us_array(values: pd.Series) -> np.ndarray:
    return pd.to_datetime(values).to_numpy(dtype="datetime64[us]").astype(np.int64)


def _us_to_ts(us: np.ndarray, mask: np.ndarray | None = None) -> pd.Series:
    """Microseconds since 1970 as naive ``datetime64[us]`` (the engine's resolution)."""
    values = np.asarray(us, dtype=np.int64).astype("datetime64[us]")
    if mask is not None:
        values[mask] = np.datetime64("NaT")
    return pd.Series(values)

