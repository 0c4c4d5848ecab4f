"""The event-log results of a :class:`~cjresearch.report.study.Study`.

A mixin of :class:`~cjresearch.report.study.Study` (kept apart so that each module
stays small, like :mod:`~cjresearch.report.studyparts`): the event engine opened on
the configured log, and what the sections share from it (timeline, waiting
times, funnel, exposure, transitions, paths), each computed once.
"""

from __future__ import annotations

import itertools
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError, RowsExcludedWarning
from cjresearch.report.config import EventsInput

__all__ = ["StudyEvents"]


class StudyEvents:
    """The event engine of a study and its shared results (see ``Study._memo``)."""

    # provided by Study
    spec: Any
    source: str
    language: str
    base_dir: Path
    _results: dict[str, Any]
    _log: Any
    _memo: Any
    _read: Any
    has: Any
    if TYPE_CHECKING:

        @property
        def journey(self) -> Any: ...

        @property
        def customers(self) -> pd.DataFrame | None: ...

        @property
        def segments(self) -> list[str]: ...

    # -- the event engine ---------------------------------------------------------
    @property
    def log(self) -> Any:
        """The :class:`~cjresearch.engine.eventlog.EventLog` (opened on first use, never cached on disk)."""
        if self._log is None:
            self._log = self._open_log()
        return self._log

    def _open_log(self) -> Any:
        from cjresearch.engine.eventlog import EventLog

        given: EventsInput | None = self.spec.data.events
        if given is None:
            raise DataValidationError(
                "the configuration gives no event log", source=self.source, fix="add data.events"
            )
        if self.journey is None:
            raise DataValidationError(
                "the event log needs a journey definition",
                source=self.source,
                fix="add 'journey:' with a journey YAML file or a preset name",
            )
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="cjr-customers") as pool:
            # the customers file is read while the engine scans the events (DuckDB and
            # pyarrow work outside the GIL); the engine waits for it only when it needs it
            pending = (
                None
                if "customers" in self._results or not self.has("customers")
                else pool.submit(self._read, "customers")
            )
            with warnings.catch_warnings(record=True) as seen:
                warnings.simplefilter("always", RowsExcludedWarning)
                log = EventLog(
                    self.base_dir / given.path,
                    self.journey,
                    customers=self.customers if pending is None else pending,
                    columns=given.columns or None,
                    unknown_events=given.unknown_events,
                    late_events=given.late_events,
                    after_exit=given.after_exit,
                    duplicates=given.duplicates,
                )
            if pending is not None:
                crm = pending.result()
                self._memo("customers", lambda: crm)
        for w in seen:
            if not issubclass(w.category, RowsExcludedWarning):
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        self._results["exclusions"] = list(log.exclusions)
        return log

    @property
    def exclusions(self) -> pd.DataFrame:
        """Rows of the log set aside, and why: columns ``reason``, ``rows``."""
        if "exclusions" not in self._results:
            _ = self.log
        return pd.DataFrame(self._results["exclusions"], columns=["reason", "rows"])

    @property
    def timeline(self) -> Any:
        """The engine's per-customer timeline."""
        return self._memo("timeline", lambda: self.log.timeline())

    @property
    def time_unit(self) -> str:
        """The time unit of every duration, horizon and label (``auto`` resolved from the data)."""
        if self.spec.time_unit != "auto":
            return self.spec.time_unit
        if not self.has("events"):
            return "days"
        return str(self._memo("time_unit", lambda: self.durations.attrs["time_unit"]))

    @property
    def log_summary(self) -> dict[str, Any]:
        """The event log at a glance: ``customers``, ``events``, ``first`` and ``last``
        timestamp (after the rows set aside)."""

        def make() -> dict[str, Any]:
            people = self.timeline.customers
            return {
                "customers": len(people),
                "events": int(people["n_log_events"].sum()),
                "first": people["first_seen"].min(),
                "last": people["last_seen"].max(),
            }

        return self._memo("log_summary", make)

    @property
    def step_conversion(self) -> pd.DataFrame:
        """Moving on from each stage within the last horizon, by the first segment when
        there is one (:func:`cjresearch.timetoevent.progression.conversion`, censoring-aware)."""

        def make() -> pd.DataFrame:
            from cjresearch.timetoevent.progression import conversion

            out = conversion(
                self.durations, horizons=self.horizons[-1:], by=["from_stage", *self.segments[:1]]
            )
            order = {s: i for i, s in enumerate(self.journey.stage_ids)}
            rank = out["from_stage"].map(order).fillna(len(order))
            attrs = dict(out.attrs)
            out = out.iloc[np.argsort(rank.to_numpy(), kind="stable")].reset_index(drop=True)
            out.attrs = attrs
            return out  # in journey order, segments as they came

        return self._memo("step_conversion", make)

    @property
    def horizons(self) -> list[float]:
        """The horizons of the conversion tables, in :attr:`time_unit`."""
        from cjresearch.core.timeunits import default_horizons

        if self.spec.horizons:
            return [float(h) for h in self.spec.horizons]
        return [float(h) for h in default_horizons(self.time_unit)]

    @property
    def durations(self) -> pd.DataFrame:
        """Waiting times between consecutive stages (:func:`stage_durations`), in :attr:`time_unit`."""

        def make() -> pd.DataFrame:
            from cjresearch.timetoevent.durations import stage_durations

            return stage_durations(
                self.timeline, customers=self.customers, unit=self.spec.time_unit
            )

        return self._memo("durations", make)

    @property
    def funnel(self) -> pd.DataFrame:
        """The funnel of the configured definition, labels in the report language."""

        def make() -> pd.DataFrame:
            from cjresearch.core.timeunits import TIME_UNITS

            given = self.spec.funnel
            window = None if given.window is None else given.window * TIME_UNITS[self.time_unit]
            return self.log.funnel(
                definition=given.definition, window=window, language=self.language
            )

        return self._memo("funnel", make)

    @property
    def exposure(self) -> pd.DataFrame:
        """Each customer's touchpoint exposure (:meth:`EventLog.exposure`)."""
        return self._memo("exposure", lambda: self.log.exposure())

    @property
    def transitions(self) -> pd.DataFrame:
        """Consecutive touchpoint pairs (:meth:`EventLog.touchpoint_transitions`)."""
        return self._memo("transitions", lambda: self.log.touchpoint_transitions())

    def paths(self, kind: str, *, stage: str | None = None) -> pd.DataFrame:
        """Path tables of the engine: ``stage_paths``, ``event_paths``, ``repeats``,
        ``loops`` and ``after_dropoff`` (of ``stage``), computed once each."""
        makers = {
            "stage_paths": lambda: self.log.common_paths(by="stage"),
            "event_paths": lambda: self.log.common_paths(by="event", top=10),
            "repeats": lambda: self.log.repeats(),
            "loops": lambda: self.log.loops(),
            "after_dropoff": lambda: self.log.after_dropoff(stage=stage),
        }
        if kind not in makers:
            raise DataValidationError(
                f"unknown path table '{kind}'", fix=f"use one of {', '.join(makers)}"
            )
        return self._memo(f"paths:{kind}:{stage or ''}", makers[kind])

    def step(self, from_stage: str | None = None) -> str:
        """The step studied in detail: ``from_stage`` when given (checked), else the
        stage whose customers most often fail to reach the next one (the funnel's
        share, among stages with a next stage and at least 30 customers; the first
        stage when none has)."""
        stages = list(self.journey.stage_ids)
        if from_stage:
            if from_stage not in stages[:-1]:
                raise DataValidationError(
                    f"from_stage '{from_stage}' is not a stage with a next stage",
                    source=self.source,
                    fix=f"use one of {', '.join(stages[:-1])}",
                )
            return from_stage
        reach = self.funnel.set_index("stage")["n"]
        best, worst = stages[0], 2.0
        for here, after in itertools.pairwise(stages):
            n_here = int(reach.get(here, 0))
            if n_here >= 30 and (rate := int(reach.get(after, 0)) / n_here) < worst:
                best, worst = here, rate
        return best

    # -- time ---------------------------------------------------------------------------
    def horizon_text(self, horizon: float | None = None) -> str:
        """A horizon with its unit in the report language (default: the last horizon)."""
        from cjresearch.core.timeunits import unit_label

        h = self.horizons[-1] if horizon is None else horizon
        return f"{h:g} {unit_label(self.time_unit, self.language, n=h)}"
