"""A study: the client's inputs, mapped and validated once, and what the engine made of them.

The report runner opens one study per report, computes what the sections
share (the engine's timeline, the waiting times between stages, the funnel,
exposure and paths) once, and hands it to every section notebook as a cache
file keyed by the fingerprints of the inputs.  A researcher opens the same
study in JupyterLab in one line, so exploration and the report use the same
mapped, validated data::

    from cjresearch.study import open_study
    study = open_study("report.yaml")
    study.funnel          # the funnel the report shows
    study.log             # the event engine, for any other question
    study.survey          # the validated survey responses

Every input is optional.  :meth:`Study.has` says what the client gave, and
:meth:`Study.not_measured` says, in the report language, what therefore cannot
be measured.

Examples
--------
>>> from cjresearch.paths import SAMPLE_DIR
>>> study = open_study(SAMPLE_DIR / "report.yaml")
>>> study.has("events"), study.has("survey"), study.time_unit
(True, True, 'days')
>>> first = study.funnel.iloc[0]
>>> str(first["stage"]), int(first["n"]), first["definition"]
('awareness', 2984, 'reached')
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import pickle
import tempfile
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from . import __version__
from .config import DEFAULT_SECTIONS, EventsInput, ReportSpec, TableInput, parse_spec
from .errors import DataValidationError, RowsExcludedWarning
from .i18n import check_language
from .i18n import text as _text

__all__ = ["INPUTS", "Study", "open_study"]

INPUTS = ("events", "customers", "survey")
_CACHE_VERSION = 1


def _read_config(config: str | Path | Mapping[str, Any]) -> tuple[Any, Path, str]:
    if isinstance(config, Mapping):
        return dict(config), Path.cwd(), "<config>"
    path = Path(config)
    if not path.is_file():
        raise DataValidationError("report configuration not found", source=str(config),
                                  fix="give the path of a report YAML file")
    if path.suffix == ".json":   # written by write_resolved for the section notebooks
        payload = json.loads(path.read_text(encoding="utf-8"))
        return payload["config"], Path(payload["base_dir"]), payload["source"]
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataValidationError(f"not valid YAML ({exc.__class__.__name__}: "
                                  f"{getattr(exc, 'problem', exc)})", source=path.name) from None
    return raw, path.resolve().parent, path.name


class Study:
    """The inputs of one report, read once, and the results the sections share.

    Build it with :func:`open_study`.  Attributes are computed on first use
    and kept; :meth:`prepare` computes every shared result at once (what the
    report runner does before the sections run).

    Attributes
    ----------
    spec : ReportSpec
        The validated configuration.
    base_dir : Path
        The folder data paths are relative to.
    """

    def __init__(self, spec: ReportSpec, base_dir: str | Path, *, source: str = "<config>"
                 ) -> None:
        self.spec = spec
        self.base_dir = Path(base_dir).resolve()
        self.source = source
        self.language = check_language(spec.language)
        self._results: dict[str, Any] = {}
        self._log: Any = None

    # -- what was given ------------------------------------------------------------
    def path(self, name: str) -> Path | None:
        """The absolute path of input ``name`` (events, customers, survey), or None."""
        given = getattr(self.spec.data, name)
        return None if given is None else (self.base_dir / given.path).resolve()

    def has(self, *names: str) -> bool:
        """Whether the client gave every input in ``names`` (events, customers, survey,
        journey)."""
        for name in names:
            if name not in (*INPUTS, "journey"):
                raise DataValidationError(f"unknown input '{name}'",
                                          fix=f"use one of {', '.join(INPUTS)}, journey")
            if name == "journey":
                if self.spec.journey is None:
                    return False
            elif getattr(self.spec.data, name) is None:
                return False
        return True

    def not_measured(self, *names: str) -> list[str]:
        """Sentences, in the report language, for each missing input of ``names``."""
        return [_text(f"not_measured_{n}", self.language) for n in names if not self.has(n)]

    # -- inputs -----------------------------------------------------------------------
    def _memo(self, key: str, make: Any) -> Any:
        """``make()`` once; rows it sets aside are kept as notes (see :attr:`notes`)."""
        if key not in self._results:
            with warnings.catch_warnings(record=True) as seen:
                warnings.simplefilter("always", RowsExcludedWarning)
                self._results[key] = make()
            notes = self._results.setdefault("notes", [])
            for w in seen:
                if issubclass(w.category, RowsExcludedWarning):
                    if str(w.message) not in notes:
                        notes.append(str(w.message))
                else:
                    warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        return self._results[key]

    @property
    def notes(self) -> list[str]:
        """What the analyses set aside beyond the log's own exclusions, as sentences."""
        return list(self._results.get("notes", []))

    @property
    def journey(self) -> Any:
        """The journey definition (from a file, a preset name or a mapping), or None."""
        return self._memo("journey", self._load_journey)

    def _load_journey(self) -> Any:
        from .journey import list_presets, load_journey

        given = self.spec.journey
        if given is None:
            return None
        if isinstance(given, Mapping):
            return load_journey(given)
        if given in list_presets():
            # a preset by name: the log's events are named as the stage and exit ids
            preset = load_journey(given)
            return load_journey({
                "preset": given,
                "stages": [{"id": s, "events": [s]} for s in preset.stage_ids],
                "exits": [{"id": e, "events": [e]} for e in preset.exit_ids]})
        path = self.base_dir / given
        if not path.is_file():
            raise DataValidationError(
                f"journey '{given}' is neither a file nor a preset", source=self.source,
                fix=f"give a journey YAML file relative to the configuration, or one of "
                    f"{', '.join(list_presets())}")
        return load_journey(path)

    @property
    def customers(self) -> pd.DataFrame | None:
        """The validated customers table (text ids), or None."""
        return self._memo("customers", lambda: self._read("customers"))

    @property
    def survey(self) -> pd.DataFrame | None:
        """The validated survey responses, or None."""
        return self._memo("survey", lambda: self._read("survey"))

    @property
    def responses(self) -> pd.DataFrame:
        """The survey responses; an error naming the fix when no survey was given."""
        frame = self.survey
        if frame is None:
            raise DataValidationError("the configuration gives no survey", source=self.source,
                                      fix="add data.survey")
        return frame

    def _read(self, name: str) -> pd.DataFrame | None:
        from .survey_io import read_customers, read_survey

        given: TableInput | None = getattr(self.spec.data, name)
        if given is None:
            return None
        path = self.base_dir / given.path
        if name == "customers":
            return read_customers(path, columns=given.columns or None)
        return read_survey(path, columns=given.columns or None,
                           measures=self._declared_measures() + self._driver_measures(),
                           journey=self.journey)

    def _declared_measures(self) -> list[Any]:
        """The configured measures; ``survey.na_codes`` applies to those without their own
        whose scale does not contain the codes."""
        from .measures import Measure

        shared = self.spec.survey.na_codes
        found = []
        for name, m in self.spec.survey.measures.items():
            given = m.model_dump(exclude_none=True, exclude_defaults=True) | {"kind": m.kind}
            scale = (0, 10) if m.kind == "nps" else m.scale
            if shared and not m.na_codes and scale is not None and \
                    not any(scale[0] <= c <= scale[1] for c in shared):
                given["na_codes"] = list(shared)
            found.append(Measure.from_config(name, given))
        return found

    def _driver_measures(self) -> list[Any]:
        """The ratings as mean measures, so that their scale and na codes are read at the edge."""
        from .measures import Measure

        opts = self.spec.survey
        declared = set(opts.measures) | {m.column for m in opts.measures.values() if m.column}
        scale = (opts.driver_scale[0], opts.driver_scale[1]) if opts.driver_scale else None
        return [Measure(d, kind="mean", scale=scale, na_codes=tuple(opts.na_codes))
                for d in dict.fromkeys(opts.drivers) if d not in declared]

    @property
    def segments(self) -> list[str]:
        """Customer columns to break results by: the configured ones, else ``segment``."""
        crm = self.customers
        if crm is None:
            return []
        wanted = self.spec.segments or (["segment"] if "segment" in crm.columns else [])
        missing = [c for c in wanted if c not in crm.columns]
        if missing:
            raise DataValidationError(
                f"segments {', '.join(map(repr, missing))} are not columns of the customers "
                f"file (found: {', '.join(map(str, crm.columns))})", source=self.source,
                fix="name customer columns under 'segments', or map them with "
                    "data.customers.columns")
        return list(wanted)

    # -- the event engine ---------------------------------------------------------
    @property
    def log(self) -> Any:
        """The :class:`~cjresearch.events.EventLog` (opened on first use, never cached on disk)."""
        if self._log is None:
            self._log = self._open_log()
        return self._log

    def _open_log(self) -> Any:
        from .events import EventLog

        given: EventsInput | None = self.spec.data.events
        if given is None:
            raise DataValidationError("the configuration gives no event log",
                                      source=self.source, fix="add data.events")
        if self.journey is None:
            raise DataValidationError(
                "the event log needs a journey definition", source=self.source,
                fix="add 'journey:' with a journey YAML file or a preset name")
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always", RowsExcludedWarning)
            log = EventLog(self.base_dir / given.path, self.journey,
                           customers=self.customers, columns=given.columns or None,
                           unknown_events=given.unknown_events, late_events=given.late_events,
                           after_exit=given.after_exit, duplicates=given.duplicates)
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
        return str(self.durations.attrs["time_unit"])

    @property
    def horizons(self) -> list[float]:
        """The horizons of the conversion tables, in :attr:`time_unit`."""
        from .timeunits import default_horizons

        if self.spec.horizons:
            return [float(h) for h in self.spec.horizons]
        return [float(h) for h in default_horizons(self.time_unit)]

    @property
    def durations(self) -> pd.DataFrame:
        """Waiting times between consecutive stages (:func:`stage_durations`), in :attr:`time_unit`."""
        def make() -> pd.DataFrame:
            from .durations import stage_durations

            return stage_durations(self.timeline, customers=self.customers,
                                   unit=self.spec.time_unit)
        return self._memo("durations", make)

    @property
    def funnel(self) -> pd.DataFrame:
        """The funnel of the configured definition, labels in the report language."""
        def make() -> pd.DataFrame:
            from .timeunits import TIME_UNITS

            given = self.spec.funnel
            window = None if given.window is None else given.window * TIME_UNITS[self.time_unit]
            return self.log.funnel(definition=given.definition, window=window,
                                   language=self.language)
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
            raise DataValidationError(f"unknown path table '{kind}'",
                                      fix=f"use one of {', '.join(makers)}")
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
                    source=self.source, fix=f"use one of {', '.join(stages[:-1])}")
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
        from .timeunits import unit_label

        h = self.horizons[-1] if horizon is None else horizon
        return f"{h:g} {unit_label(self.time_unit, self.language, n=h)}"

    # -- the survey, as configured -------------------------------------------------------
    @property
    def design(self) -> Any:
        """The survey design (weights, strata, clusters from ``survey.design``), or None."""
        def make() -> Any:
            from .weighting import as_design

            given = {str(k): v for k, v in self.spec.survey.design.items()}
            return as_design(self.survey, given or None) if self.survey is not None else None
        return self._memo("design", make)

    @property
    def measures(self) -> dict[str, Any]:
        """The survey's measures by name: the configured ones, else those inferred."""
        def make() -> dict[str, Any]:
            from .measures import infer_measures

            if self.survey is None:
                return {}
            found = self._declared_measures() or list(infer_measures(self.survey).values())
            return {m.name: m for m in found}
        return self._memo("measures", make)

    def _survey_column(self, name: str | None, what: str) -> str | None:
        if name is None or self.survey is None:
            return None
        if name not in self.survey.columns:
            raise DataValidationError(
                f"survey.{what} names column '{name}', which the survey does not have "
                f"(found: {', '.join(map(str, self.survey.columns))})", source=self.source,
                fix="name a survey column, or map it with data.survey.columns")
        return name

    @property
    def survey_groups(self) -> list[str]:
        """Survey columns to break scores down by: configured, else stage and segment if present."""
        if self.survey is None:
            return []
        wanted = self.spec.survey.segments
        if wanted:
            return [c for c in wanted if self._survey_column(c, "segments")]
        return [c for c in ("stage", "segment") if c in self.survey.columns
                and self.survey[c].notna().any()]

    @property
    def wave(self) -> str | None:
        """The wave column: configured, else ``wave`` when the survey has one."""
        if self.spec.survey.wave:
            return self._survey_column(self.spec.survey.wave, "wave")
        s = self.survey
        return "wave" if s is not None and "wave" in s.columns and s["wave"].nunique() > 1 else None

    @property
    def drivers(self) -> list[str]:
        """The rating columns of the key-driver analysis (configured)."""
        return [c for c in self.spec.survey.drivers if self._survey_column(c, "drivers")]

    @property
    def driver_scale(self) -> tuple[int, int]:
        """The drivers' answer scale: configured, else the range of the answers."""
        if self.spec.survey.driver_scale:
            lo, hi = self.spec.survey.driver_scale
            return int(lo), int(hi)
        values = self.responses[self.drivers].stack() if self.drivers else pd.Series([1, 5])
        return int(values.min()), int(values.max())

    @property
    def driver_method(self) -> str:
        """The importance measure: LMG for up to 8 drivers, else Johnson's relative weights
        (LMG fits every subset of the drivers: 2**14 models for 14 ratings, each resample)."""
        return "lmg" if len(self.drivers) <= 8 else "relative_weights"

    @property
    def outcome(self) -> str | None:
        """The key-driver outcome column (a measure's column or a survey column)."""
        name = self.spec.survey.outcome
        if name is None:
            return None
        m = self.measures.get(name)
        return self._survey_column(m.column if m is not None else name, "outcome")

    @property
    def text_column(self) -> str | None:
        """The verbatim column: configured, else ``comment`` when present."""
        if self.spec.survey.text:
            return self._survey_column(self.spec.survey.text, "text")
        s = self.survey
        return "comment" if s is not None and "comment" in s.columns else None

    @property
    def themes(self) -> pd.DataFrame:
        """Themes found in the comments (:func:`cjresearch.text.find_themes`)."""
        def make() -> pd.DataFrame:
            from .text import find_themes

            responses, text = self.responses, self.text_column
            if text is None:
                raise DataValidationError("the survey has no comment column", source=self.source,
                                          fix="name it under survey.text")
            column = "language" if "language" in responses.columns else None
            return find_themes(responses, text=text, language=column,
                               default_language=self.language)
        return self._memo("themes", make)

    @property
    def split_measure(self) -> Any:
        """The measure that splits respondents into satisfied and dissatisfied.

        The outcome when it is a measure, else the first measure; None without measures.
        """
        ms = self.measures
        if not ms:
            return None
        return ms.get(self.spec.survey.outcome or "", next(iter(ms.values())))

    def satisfaction_groups(self, measure: Any) -> pd.Series:
        """Each respondent's group under ``measure``: satisfied, dissatisfied or missing."""
        values = measure.prepare(self.responses)
        sat, dis = measure.satisfied(values), measure.dissatisfied(values)
        out = pd.Series(pd.NA, index=self.responses.index, dtype="object")
        out[sat.fillna(False).astype(bool)] = _text("satisfied", self.language)
        out[dis.fillna(False).astype(bool)] = _text("dissatisfied", self.language)
        return out

    # -- pain points ---------------------------------------------------------------------
    @property
    def dropoff(self) -> pd.DataFrame:
        """Censoring-aware drop-off by the last horizon (:func:`cjresearch.painpoints.dropoff`)."""
        def make() -> pd.DataFrame:
            from .painpoints import dropoff

            return dropoff(self.durations, horizon=self.horizons[-1])
        return self._memo("dropoff", make)

    def touchpoint_effects(self, *, reference: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Hazard ratios of each touchpoint, adjusted for the segments."""
        key = f"effects:{sorted((reference or {}).items())}"

        def make() -> pd.DataFrame:
            from .painpoints import touchpoint_effects

            if not any(stage.touchpoints for stage in self.journey.stages[:-1]):
                return pd.DataFrame(columns=["stage", "touchpoint"])
            adjust = [c for c in self.segments if c in self.durations.columns]
            return touchpoint_effects(self.durations, self.exposure, journey=self.journey,
                                      adjust=adjust, reference=reference)
        return self._memo(key, make)

    def importance_performance(self, *, n_boot: int = 200) -> pd.DataFrame | None:
        """Importance vs performance of the drivers, or None without outcome and drivers."""
        outcome = self.outcome
        if self.survey is None or outcome is None or len(self.drivers) < 2:
            return None

        def make() -> pd.DataFrame:
            from .ipa import importance_performance

            return importance_performance(self.responses, outcome=outcome,
                                          drivers=self.drivers,
                                          design=dict(self.spec.survey.design) or None,
                                          n_boot=n_boot, method=self.driver_method)
        return self._memo(f"ipa:{n_boot}", make)

    def ranked_painpoints(self, *, ratings: Mapping[str, str] | None = None,
                          theme_map: Mapping[str, str] | None = None, value: str | None = None,
                          reference: Mapping[str, Any] | None = None,
                          n_boot: int = 200) -> pd.DataFrame:
        """The ranked pain points (:func:`cjresearch.painrank.rank_painpoints`).

        Survey and comment evidence join when the survey links respondents to
        customers and ``ratings`` / ``theme_map`` say which rating and theme
        belong to which touchpoint.
        """
        from .painrank import excess_loss, rank_painpoints, survey_evidence, theme_evidence

        effects = self.touchpoint_effects(reference=reference)
        if effects.empty:
            return effects
        value = value if value and self.customers is not None and \
            value in self.customers.columns else None
        loss = excess_loss(self.durations, self.exposure, journey=self.journey,
                           customers=self.customers, value=value, horizon=self.horizons[-1])
        said = wrote = None
        s = self.survey
        if s is not None and ratings and "customer_id" in s.columns:
            said = survey_evidence(s, self.exposure, ratings=dict(ratings),
                                   outcome=self.outcome,
                                   effort="ces" if "ces" in s.columns else None,
                                   importance=self.importance_performance(n_boot=n_boot),
                                   if_unlinked="empty")
        split = self.split_measure
        if s is not None and theme_map and self.text_column is not None and split is not None:
            wrote = theme_evidence(s, self.themes, theme_map=dict(theme_map), measure=split)
        return rank_painpoints(effects, loss, survey=said, themes=wrote)

    def emotion(self) -> pd.DataFrame | None:
        """The emotion curve of the journey map: the split measure by stage, or None."""
        from .survey import score

        s, m = self.survey, self.split_measure
        if s is None or m is None or "stage" not in s.columns:
            return None
        return score(s, m, by="stage", design=self.design)

    # -- computing once, sharing ----------------------------------------------------
    def prepare(self, sections: Iterable[str] | None = None, *,
                from_stage: str | None = None) -> Study:
        """Read every input and compute what ``sections`` share; returns ``self``.

        ``sections`` are section names (overview, survey, progression,
        painpoints; default all); only what they use is computed.
        ``from_stage`` is the pain-point section's parameter of that name.
        """
        _ = self.customers, self.survey
        wanted = set(DEFAULT_SECTIONS if sections is None else sections)
        if self.has("events", "journey"):
            needs = ["timeline", "time_unit", "durations", "funnel"]
            if "painpoints" in wanted:
                needs += ["exposure", "transitions", "dropoff"]
            for name in needs:
                getattr(self, name)
            if "painpoints" in wanted:
                for kind in ("stage_paths", "event_paths", "repeats", "loops"):
                    self.paths(kind)
                self.paths("after_dropoff", stage=self.step(from_stage))
        if self.survey is not None and wanted & {"survey", "painpoints"}:
            _ = self.measures, self.design
        return self

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_log"] = None   # a database connection does not travel
        return state

    def save(self, path: str | Path) -> Path:
        """Write the study's computed results to ``path`` atomically (a pickle)."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".study-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump({"version": _CACHE_VERSION, "study": self}, fh,
                            protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        return target

    def fingerprint(self) -> str:
        """A key of the configuration, the input files and the package version."""
        from .provenance import fingerprint

        h = hashlib.sha256()
        h.update(self.spec.model_dump_json().encode())
        h.update(__version__.encode())
        for name in INPUTS:
            p = self.path(name)
            h.update(f"{name}:{fingerprint(p) if p is not None else '-'}".encode())
        if isinstance(self.spec.journey, str) and (self.base_dir / self.spec.journey).is_file():
            h.update(fingerprint(self.base_dir / self.spec.journey).encode())
        return h.hexdigest()[:20]

    def __repr__(self) -> str:
        given = [n for n in INPUTS if self.has(n)]
        return (f"Study({self.spec.client!r}, inputs: {', '.join(given) or 'none'}, "
                f"language: {self.language})")


def open_study(config: str | Path | Mapping[str, Any], *, cache: str | Path | None = None,
               base_dir: str | Path | None = None) -> Study:
    """Open the study of a report configuration.

    Parameters
    ----------
    config : path or mapping
        The report YAML file (or its content as a mapping; then data paths are
        relative to ``base_dir``, default the working directory).
    cache : path, optional
        A study file written by :meth:`Study.save`; used when it exists and
        matches the configuration and inputs, else the study is computed anew.
    base_dir : path, optional
        Folder the data paths are relative to (default: the YAML file's folder).

    Returns
    -------
    Study
    """
    raw, folder, source = _read_config(config)
    spec = parse_spec(raw, source=source)
    study = Study(spec, Path(base_dir) if base_dir is not None else folder, source=source)
    if cache:
        cached = _load_cache(Path(cache))
        if cached is not None and cached.spec == spec and cached.base_dir == study.base_dir:
            return cached
    return study


def _load_cache(path: Path) -> Study | None:
    if not path.is_file():
        return None
    with open(path, "rb") as fh:
        payload = pickle.load(fh)
    if not isinstance(payload, dict) or payload.get("version") != _CACHE_VERSION:
        return None
    study = payload.get("study")
    return study if isinstance(study, Study) else None


def write_resolved(study: Study, path: str | Path) -> Path:
    """The study's configuration as JSON with its base folder (what the sections open)."""
    payload = {"config": study.spec.model_dump(mode="json", exclude_defaults=True),
               "base_dir": str(study.base_dir), "source": study.source}
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    return target
