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

*Funnel* (:meth:`EventLog.funnel`): ``definition="reached"`` counts the
entries above (``n_inferred`` of them taken from a later stage);
``definition="strict"`` is the ordered funnel: an event of stage k at or
after the event taken for stage k - 1, the earliest one, optionally all
within a ``window`` of the first stage's event (any event of the first stage
may start; the customer counts as far as the best start gets).

*Exposure before stage k* (:meth:`EventLog.exposure`): events earlier than
the entry into k, and at the instant of entry the events of earlier stages;
up to censoring (inclusive) when k was not reached.  Whole-log rows (no
stage) count every event wherever it falls.
"""

from __future__ import annotations

import warnings
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core import columns as C
from cjresearch.core.errors import (
    DataValidationError,
    RowsExcludedWarning,
    UnreliableEstimateWarning,
)
from cjresearch.core.stats import wilson_interval
from cjresearch.engine import sequences as _eventpaths
from cjresearch.engine.backends import Backend, get_backend
from cjresearch.engine.exposure import exposure_counts
from cjresearch.engine.prep import prepare
from cjresearch.engine.scan import NONE, Scan, path_counts_sql
from cjresearch.engine.sequences import strict_reach, strict_window_us
from cjresearch.engine.timeline import (
    Timeline,
    require_no_entries_after_exit,
    timeline_from_scan,
)
from cjresearch.journey.definition import Journey, load_journey

__all__ = ["EventLog", "Timeline", "build_timeline", "require_no_entries_after_exit"]


class EventLog:
    """An event log bound to a journey definition, ready for questions.

    Parameters
    ----------
    events : str, Path or DataFrame
        A ``.parquet`` or ``.csv`` path (globs allowed) or a DataFrame with
        ``customer_id``, ``timestamp`` and ``event`` columns (after ``columns``).
    journey : Journey, str or Path
        A journey definition, its path, or a preset name.
    customers : DataFrame or Future of one, optional
        With ``customer_id`` and optionally ``observed_until`` (per-customer
        observation end).  A :class:`concurrent.futures.Future` (the customers
        file being read in another thread) is waited for only after the first
        scan of the events, which runs meanwhile.
    columns : dict, optional
        ``{"name in the file": "canonical name"}``, e.g. ``{"Client": "customer_id"}``.
    backend : "duckdb", "spark", a DuckDB connection, a SparkSession or a Backend
    observation_end : date-like, optional
        Overrides the journey's observation end.
    unknown_events : {"error", "exclude"}
        Events that the journey does not mention: stop with an error naming them
        (default), or exclude them and report how many rows were excluded.
    late_events : {"error", "exclude"}
        Events after the observation end: error (default) or exclude with a
        report.  When the observation end is taken from the last event, a
        few rows far after the rest of the log (a 2099 date in a 2024 log)
        would move everyone's observation end; they are late events too (the
        rule: at most 1% of the rows, at least 1, that come after a hole in
        time longer than a year and than the log's span before the hole, in
        logs of 10 rows or more; the observation end is then the last time
        before the hole).
    duplicates : {"collapse", "error"}
        Exact duplicate rows (same customer, timestamp, event and every
        other column): counted once, reported as excluded (default), or an
        error naming the rows.
    after_exit : {"exclude", "error", "keep"}
        Events later than the customer's first exit event: set aside with a
        count (default), an error naming the rows, or kept (then they count
        as progress after leaving, e.g. a review after a cancelled order
        makes it "delivered").  Events at the same instant as the exit are
        not after it (journey order puts exits last within an instant).
    after_observation_end : {"error", "exclude"}, optional
        Deprecated name of ``late_events``.

    Notes
    -----
    Customer ids are text by the rule of :mod:`cjresearch.inputs.ids` (the same as
    the readers'): ``00101`` stays ``00101``, an integer ``101`` and a whole
    float ``101.0`` become ``"101"``; blank ids and two written forms of one
    id (``1`` and ``1.0``) are errors naming the rows.

    Examples
    --------
    >>> from cjresearch.core.paths import SAMPLE_DIR
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
        customers: pd.DataFrame | Future | None = None,
        columns: dict[str, str] | None = None,
        backend: Any = "duckdb",
        observation_end: Any = None,
        unknown_events: str = "error",
        late_events: str = "error",
        duplicates: str = "collapse",
        after_exit: str = "exclude",
        after_observation_end: str | None = None,
        source: str | None = None,
    ) -> None:
        if after_observation_end is not None:
            warnings.warn(
                "EventLog(after_observation_end=...) is now called late_events=",
                DeprecationWarning,
                stacklevel=2,
            )
            late_events = after_observation_end
        for arg, value, allowed in (
            ("unknown_events", unknown_events, ("error", "exclude")),
            ("late_events", late_events, ("error", "exclude")),
            ("duplicates", duplicates, ("collapse", "error")),
            ("after_exit", after_exit, ("exclude", "error", "keep")),
        ):
            if value not in allowed:
                raise DataValidationError(
                    f"{arg}={value!r} is not allowed",
                    fix="pass " + " or ".join(f"{arg}={a!r}" for a in allowed),
                )
        self.journey = journey if isinstance(journey, Journey) else load_journey(journey)
        self.backend: Backend = get_backend(backend)
        self.source = source or (
            Path(str(events)).name if not isinstance(events, pd.DataFrame) else "events"
        )
        self.exclusions: list[dict[str, Any]] = []
        self.view_prefix = f"cj{id(self):x}_"  # names of this log's views in the engine
        self._timeline: Timeline | None = None
        self._compact: str | None = None
        self._registered: set[str] = set()
        prep = prepare(
            self,
            events,
            customers=customers,
            columns=columns,
            observation_end=observation_end,
            unknown_events=unknown_events,
            late_events=late_events,
            duplicates=duplicates,
            after_exit=after_exit,
        )
        self.roles: pd.DataFrame = prep["roles"]
        self.observation_end: pd.Timestamp = prep["observation_end"]
        self._events: str = prep["events"]  # view of the valid events (cid, h, ts, code, ...)
        self._scan: Scan = prep["scan"]
        self._censor = prep["censor"]  # customer_id -> observed_until (or None)
        for item in self.exclusions:
            warnings.warn(
                f"{self.source}: {item['rows']} rows excluded: {item['reason']}",
                RowsExcludedWarning,
                stacklevel=2,
            )

    # -- timeline ----------------------------------------------------------
    def timeline(self) -> Timeline:
        """The per-customer stage timeline (computed once, then cached)."""
        if self._timeline is None:
            self._timeline = timeline_from_scan(
                self._scan, self.journey, observation_end=self.observation_end, censor=self._censor
            )
        return self._timeline

    # -- funnel --------------------------------------------------------------
    def funnel(
        self,
        *,
        definition: str = "reached",
        window: Any = None,
        level: float = 0.95,
        language: str = "en",
    ) -> pd.DataFrame:
        """Customers reaching each stage, and conversion between consecutive stages.

        Parameters
        ----------
        definition : {"reached", "strict"}
            ``"reached"`` (default): a customer reached stage k when entered
            per the timeline: seen at stage k **or any later stage** (a buyer
            went through the decision stage); ``n_inferred`` counts those
            whose entry was inferred from a later stage only.
            ``"strict"``: the ordered funnel of product analytics (Amplitude,
            PostHog): step 1 counts customers with an event of the first
            stage; step k those who, at or after the event taken for step
            k - 1, had an event of stage k (events at the same instant are in
            journey order, so a stage-k event at the instant of the step
            k - 1 event comes after it).  The earliest such event is taken.
            Stages are never inferred (``n_inferred`` is 0).
        window : Timedelta, optional
            Strict funnel only: every step must happen within ``window`` of
            the step-1 event (inclusive).  Every event of the first stage may
            start the sequence, and a customer counts at step k when any of
            them reaches step k within the window (with no window, the
            first event of the first stage reaches furthest).
        level : float
            Confidence level of the Wilson intervals.
        language : str
            Language of ``label``.

        Returns
        -------
        DataFrame
            ``stage``, ``stage_index``, ``label``, ``n`` (customers who reached
            the stage), ``base`` (customers at the previous stage; all
            customers for the first stage), ``estimate`` (n / base) with
            Wilson ``ci_low``/``ci_high``, ``share`` of all customers,
            ``exited`` (customers whose furthest stage, in this definition,
            this was and who then exited), ``in_progress`` (furthest stage,
            not exited: censored, *not* lost), ``n_inferred`` and
            ``definition``.  A stage whose events never occur (every customer
            counted there inferred from a later stage) gives an
            :class:`~cjresearch.core.errors.UnreliableEstimateWarning`.

        This is the naive funnel: a customer who has not converted *yet* does
        not count as converted.  The censoring-aware view is in
        :mod:`cjresearch.timetoevent.progression`.

        Examples
        --------
        >>> import warnings
        >>> from cjresearch.core.paths import SAMPLE_DIR
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     log = EventLog(SAMPLE_DIR / "events.parquet", SAMPLE_DIR / "journey.yaml")
        >>> reached, strict = log.funnel(), log.funnel(definition="strict")
        >>> bool((strict["n"] <= reached["n"]).all()), strict["definition"].iloc[0]
        (True, 'strict')
        """
        if definition not in ("reached", "strict"):
            raise DataValidationError(
                f"definition={definition!r} is not allowed",
                fix="use definition='reached' or definition='strict'",
            )
        window_us = strict_window_us(window, definition)
        tl = self.timeline()
        n_all = len(tl.customers)
        n_k = len(self.journey.stage_ids)
        if definition == "reached":
            n = (tl.entered_us != NONE).sum(axis=0).astype(np.int64)
            n_inferred = tl.inferred.sum(axis=0).astype(np.int64)
            cust = tl.customers
            furthest = cust["furthest_index"].to_numpy()
            gone = cust["exit_state"].notna().to_numpy()
            exited = np.bincount(furthest[gone] + 1, minlength=n_k + 1)[1:]
            waiting = np.bincount(furthest[~gone] + 1, minlength=n_k + 1)[1:]
            _warn_unseen_stages(self, n, n_inferred)
        else:
            r = strict_reach(self.backend, self._compact_table(), n_stages=n_k, window_us=window_us)
            at = np.zeros((2, n_k + 1), dtype=np.int64)  # [exited, reach]
            np.add.at(at, (r["exited"].to_numpy(int), r["reach"].to_numpy()), r["n"].to_numpy())
            n = at[:, :0:-1].sum(axis=0).cumsum()[::-1]  # reach >= k + 1
            exited, waiting = at[1, 1:], at[0, 1:]
            n_inferred = np.zeros(n_k, dtype=np.int64)
        base = np.concatenate([[n_all], n[:-1]])
        low, high = wilson_interval(n, base, level=level)
        return pd.DataFrame(
            {
                C.STAGE: pd.Categorical(self.journey.stage_ids, dtype=self.journey.stage_dtype()),
                "stage_index": np.arange(len(n)),
                "label": [self.journey.label(s, language) for s in self.journey.stage_ids],
                C.N: n,
                C.BASE: base,
                C.ESTIMATE: np.divide(n, base, out=np.full(len(n), np.nan), where=base > 0),
                C.CI_LOW: low,
                C.CI_HIGH: high,
                "share": n / n_all if n_all else np.nan,
                "exited": exited.astype(np.int64),
                "in_progress": waiting.astype(np.int64),
                "n_inferred": n_inferred,
                "definition": definition,
            }
        )

    # -- paths ------------------------------------------------------------------
    def _compact_table(self) -> str:
        """The valid events as a table of integer columns (made on first use)."""
        if self._compact is None:
            self._compact = self.view_prefix + "compact"
            self.backend.materialize(
                self._compact, f"SELECT h, ts, code, kind, sidx FROM {self._events}"
            )
        return self._compact

    def _path_counts(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """``pairs`` and ``moves`` (see :class:`cjresearch.engine.scan.Scan`)."""
        sc = self._scan
        if sc.pairs is None or sc.moves is None:
            sc.pairs, sc.moves = path_counts_sql(self.backend, self._compact_table())
        return sc.pairs, sc.moves

    def touchpoint_transitions(self) -> pd.DataFrame:
        """Counts of consecutive event pairs per customer.

        Columns ``from_event`` (``"(start)"`` for a customer's first event),
        ``to_event``, ``n`` (number of transitions), ``share`` of all
        transitions out of ``from_event``.  Sorted by ``from_event``, ``to_event``.
        """
        pairs = self._path_counts()[0].copy()
        names = self.roles.set_index("code")["event"]
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
        p = self._path_counts()[1]
        roles = self.roles.set_index("code")
        kind = p["code"].map(roles["kind"])
        sidx = p["code"].map(roles["sidx"])
        moves = p[((kind == 0) & (p["prev_stage"] != sidx)) | (kind == 2)].copy()
        stage_ids = list(self.journey.stage_ids)
        exit_ids = list(self.journey.exit_ids)
        mk = moves["code"].map(roles["kind"])
        ms = moves["code"].map(roles["sidx"]).astype(int)
        moves["to_stage"] = np.where(
            mk == 0,
            [stage_ids[i] if i < len(stage_ids) else "" for i in ms],
            [exit_ids[i] if i < len(exit_ids) else "" for i in ms],
        )
        prev = moves["prev_stage"].astype(int)
        moves["from_stage"] = [stage_ids[v] if v >= 0 else "(start)" for v in prev]
        step = ms - prev
        moves["direction"] = np.select(
            [mk == 2, prev < 0, step == 1, step > 1],
            ["exit", "start", "forward", "skip"],
            default="back",
        )
        out = moves.groupby(["from_stage", "to_stage", "direction"], as_index=False)["n"].sum()
        order = {s: i for i, s in enumerate(["(start)", *stage_ids, *exit_ids])}
        out = out.sort_values(
            ["from_stage", "to_stage"], key=lambda col: col.map(order)
        ).reset_index(drop=True)  # type: ignore[call-overload]
        out["n"] = out["n"].astype("int64")
        return out[["from_stage", "to_stage", "n", "direction"]]

    # -- paths of events (what cjresearch.painpoints.flows computes from a DataFrame) ----------
    def _names_table(self) -> str:
        """The table (code, event, state) of the log's event names (made on first use)."""
        name = self.view_prefix + "names"
        if name not in self._registered:
            frame = self.roles[["code", "event", "state"]].astype({"code": "int64"})
            self.backend.register_frame(name, frame.astype({"event": str, "state": str}))
            self._registered.add(name)
        return name

    def common_paths(
        self, *, by: str = "stage", top: int = 10, max_steps: int = 8, level: float = 0.95
    ) -> pd.DataFrame:
        """The most common customer paths; see :func:`cjresearch.painpoints.flows.common_paths`.

        Same result as ``flows.common_paths(events, journey, ...)``, computed in
        the engine: ``path``, ``steps``, ``n``, ``base`` (all customers),
        ``estimate``, ``ci_low``, ``ci_high``.

        Examples
        --------
        >>> import warnings
        >>> from cjresearch.core.paths import SAMPLE_DIR
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     log = EventLog(SAMPLE_DIR / "events.parquet", SAMPLE_DIR / "journey.yaml")
        >>> log.common_paths(top=1)["path"].tolist()
        ['awareness → lost']
        """
        return _eventpaths.common_paths(
            self.backend,
            self._compact_table(),
            self._names_table(),
            by=by,
            top=top,
            max_steps=max_steps,
            level=level,
            total=len(self.timeline().customers),
        )

    def repeats(self, *, level: float = 0.95) -> pd.DataFrame:
        """Events customers do more than once; see :func:`cjresearch.painpoints.flows.repeats`.

        Columns ``event``, ``role``, ``state``, ``base`` (customers with the
        event), ``n`` (twice or more), ``estimate`` with Wilson ``ci_low``/
        ``ci_high``, ``mean_times``, ``max_times``; highest share first.

        Examples
        --------
        >>> import pandas as pd
        >>> ev = pd.DataFrame({"customer_id": ["x", "x", "y"], "event": "go",
        ...     "timestamp": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-01"])})
        >>> log = EventLog(ev, {"name": "t", "stages": [{"id": "a", "events": ["go"]}]})
        >>> log.repeats()[["event", "n", "base", "estimate"]].values.tolist()
        [['go', 1, 2, 0.5]]
        """
        return _eventpaths.repeats(self.backend, self._compact_table(), self.roles, level=level)

    def loops(self, *, top: int = 10, level: float = 0.95) -> pd.DataFrame:
        """Returns to an earlier event (``A → B → A``); see :func:`cjresearch.painpoints.flows.loops`.

        Columns ``loop``, ``n`` (customers), ``base`` (all customers),
        ``estimate``, ``ci_low``, ``ci_high``, ``occurrences``.

        Examples
        --------
        >>> import pandas as pd
        >>> ev = pd.DataFrame({"customer_id": ["x"] * 3 + ["y"], "event": ["cart", "pay",
        ...     "cart", "cart"], "timestamp": pd.to_datetime(["2025-01-01", "2025-01-02",
        ...     "2025-01-03", "2025-01-01"])})
        >>> log = EventLog(ev, {"name": "t", "stages": [{"id": "a", "events": ["cart", "pay"]}]})
        >>> log.loops()[["loop", "n", "estimate"]].values.tolist()
        [['cart → pay → cart', 1, 0.5]]
        """
        return _eventpaths.loops(
            self.backend,
            self._compact_table(),
            self.roles,
            top=top,
            level=level,
            total=len(self.timeline().customers),
        )

    def after_dropoff(
        self, *, stage: str | None = None, top: int = 10, max_steps: int = 6, level: float = 0.95
    ) -> pd.DataFrame:
        """What customers did in the stage they never left; see
        :func:`cjresearch.painpoints.flows.after_dropoff`.

        Columns ``stage``, ``outcome`` (exit state or "(still waiting)"),
        ``path`` (collapsed events from entering the stage on), ``n``,
        ``base`` (customers who stopped at the stage), ``estimate``,
        ``ci_low``, ``ci_high``; the ``top`` paths per stage.

        Examples
        --------
        >>> import pandas as pd
        >>> j = {"name": "t", "stages": [{"id": "a", "events": ["a1"], "touchpoints": ["err"]},
        ...      {"id": "b", "events": ["b1"]}], "exits": [{"id": "lost", "events": ["bye"]}]}
        >>> ev = pd.DataFrame({"customer_id": ["x", "x", "x", "y", "y"],
        ...     "timestamp": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03",
        ...                                  "2025-01-01", "2025-01-05"]),
        ...     "event": ["a1", "err", "bye", "a1", "b1"]})
        >>> EventLog(ev, j).after_dropoff()[["stage", "outcome", "path", "n"]].values.tolist()
        [['a', 'lost', 'a1 → err → bye', 1]]
        """
        return _eventpaths.after_dropoff(
            self.backend,
            self._compact_table(),
            self._names_table(),
            journey=self.journey,
            stage=stage,
            top=top,
            max_steps=max_steps,
            level=level,
            furthest=self.timeline().customers["furthest_index"],
        )

    def exposure(self) -> pd.DataFrame:
        """Each customer's touchpoint exposure before each stage, and in the whole log.

        For every customer and stage: how many times each event (stage events
        and touchpoints, not exits) happened before the customer entered the
        stage, or, for stages not reached, up to the censoring time (the exit,
        else the observation end; inclusive).  *Before entering* stage k
        follows the engine's order: earlier times, and at the very instant of
        entering, the events of earlier stages (their stage events and
        touchpoints come first in journey order); events of stage k or later
        at that instant do not count.

        Rows with a missing ``stage`` (and ``reached``) count each event in
        the customer's whole log, wherever it falls (also after the last
        stage entered, or after an exit): consumers use them to report the
        events a stage-bound count leaves out, and
        :func:`cjresearch.painpoints.drilldown.exposed_to` without a stage uses them.

        Returns
        -------
        DataFrame
            ``customer_id``, ``stage`` (ordered categorical, missing: the
            whole log), ``reached`` (boolean, missing for the whole log),
            ``event``, ``n``.  Only non-zero counts are listed.

        Examples
        --------
        >>> import pandas as pd
        >>> ev = pd.DataFrame({"customer_id": "a", "event": ["ad", "err", "buy", "err"],
        ...     "timestamp": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-02",
        ...                                  "2025-01-03"])})
        >>> j = {"name": "t", "stages": [{"id": "seen", "events": ["ad"], "touchpoints": ["err"]},
        ...                              {"id": "bought", "events": ["buy"]}]}
        >>> x = EventLog(ev, j).exposure()
        >>> x[x["event"] == "err"][["stage", "n"]].values.tolist()  # err at buy's instant counts
        [['bought', 1], [nan, 2]]
        """
        return exposure_counts(
            self.backend,
            self._compact_table(),
            self.timeline(),
            self.roles,
            scratch=self.view_prefix + "cuts",
        )


def build_timeline(
    events: str | Path | pd.DataFrame, journey: Journey | str | Path, **kwargs: Any
) -> Timeline:
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


def _warn_unseen_stages(log: EventLog, n: np.ndarray, n_inferred: np.ndarray) -> None:
    """Warn about stages whose every customer is inferred from a later stage's event."""
    never = [s for s, k, m in zip(log.journey.stage_ids, n, n_inferred, strict=True) if k == m > 0]
    if never:
        warnings.warn(
            f"{log.source}: no event of stage(s) {never} occurs in the log; the customers "
            "counted there were all seen at a later stage (n_inferred = n). Check the "
            "stage's events in the journey definition",
            UnreliableEstimateWarning,
            stacklevel=3,
        )
