"""A study: the client's inputs, mapped and validated once, and what the engine made of them.

The report runner opens one study per report, computes what the sections
share (the engine's timeline, the waiting times between stages, the funnel,
exposure and paths) once, and hands it to every section notebook as a cache
file keyed by the fingerprints of the inputs.  A researcher opens the same
study in JupyterLab in one line, so exploration and the report use the same
mapped, validated data::

    from cjresearch.report.study import open_study
    study = open_study("report.yaml")
    study.funnel          # the funnel the report shows
    study.log             # the event engine, for any other question
    study.survey          # the validated survey responses

Every input is optional.  :meth:`Study.has` says what the client gave, and
:meth:`Study.not_measured` says, in the report language, what therefore cannot
be measured.

Examples
--------
>>> from cjresearch.core.paths import SAMPLE_DIR
>>> study = open_study(SAMPLE_DIR / "report.yaml")
>>> study.has("events"), study.has("survey"), study.time_unit
(True, True, 'days')
>>> first = study.funnel.iloc[0]
>>> str(first["stage"]), int(first["n"]), first["definition"]
('awareness', 2984, 'reached')
"""

from __future__ import annotations

import hashlib
import json
import pickle
import time
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from cjresearch import __version__
from cjresearch.core.errors import (
    DataValidationError,
    MissingTranslationWarning,
    ReportError,
    RowsExcludedWarning,
)
from cjresearch.core.i18n import check_language
from cjresearch.core.i18n import text as _text
from cjresearch.report.config import (
    DEFAULT_SECTIONS,
    ReportSpec,
    TableInput,
    parse_spec,
)
from cjresearch.report.studyevents import StudyEvents
from cjresearch.report.studyfindings import StudyFindings
from cjresearch.report.studyparts import StudyEvidence

__all__ = ["INPUTS", "Study", "open_study"]

INPUTS = ("events", "customers", "survey")
_CACHE_VERSION = 2


def _read_config(config: str | Path | Mapping[str, Any]) -> tuple[Any, Path, str]:
    if isinstance(config, Mapping):
        return dict(config), Path.cwd(), "<config>"
    path = Path(config)
    if not path.is_file():
        raise DataValidationError(
            "report configuration not found",
            source=str(config),
            fix="give the path of a report YAML file",
        )
    if path.suffix == ".json":  # written by write_resolved for the section notebooks
        payload = json.loads(path.read_text(encoding="utf-8"))
        return payload["config"], Path(payload["base_dir"]), payload["source"]
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataValidationError(
            f"not valid YAML ({exc.__class__.__name__}: {getattr(exc, 'problem', exc)})",
            source=path.name,
        ) from None
    return raw, path.resolve().parent, path.name


class Study(StudyEvents, StudyEvidence, StudyFindings):
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

    def __init__(self, spec: ReportSpec, base_dir: str | Path, *, source: str = "<config>") -> None:
        self.spec = spec
        self.base_dir = Path(base_dir).resolve()
        self.source = source
        self.language = check_language(spec.language)
        self.currency = spec.currency
        self._results: dict[str, Any] = {}
        self._log: Any = None
        self._shown: set[str] = set()  # results whose warnings this process has shown
        self._transient: set[str] = set()  # results not written by save() (see prepare)

    # -- what was given ------------------------------------------------------------
    def path(self, name: str) -> Path | None:
        """The absolute path of input ``name`` (events, customers, survey, coded), or None."""
        given = getattr(self.spec.data, name)
        return None if given is None else (self.base_dir / given.path).resolve()

    def has(self, *names: str) -> bool:
        """Whether the client gave every input in ``names`` (events, customers, survey,
        journey)."""
        for name in names:
            if name not in (*INPUTS, "journey"):
                raise DataValidationError(
                    f"unknown input '{name}'", fix=f"use one of {', '.join(INPUTS)}, journey"
                )
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
        """``make()`` once; rows it sets aside are kept as notes (see :attr:`notes`).

        Its other warnings are kept with the result and shown again the first time
        a process reads the result from a saved study (a section kernel), so that
        a caveat computed once still reaches the section that uses it.
        """
        if key not in self._results:
            with warnings.catch_warnings(record=True) as seen:
                warnings.simplefilter("always", RowsExcludedWarning)
                self._results[key] = make()
            notes = self._results.setdefault("notes", [])
            kept = self._results.setdefault("warnings", {}).setdefault(key, [])
            self._shown.add(key)
            for w in seen:
                if issubclass(w.category, RowsExcludedWarning):
                    if str(w.message) not in notes:
                        notes.append(str(w.message))
                else:
                    kept.append((w.category, str(w.message)))
                    warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        elif key not in self._shown:
            self._shown.add(key)
            for category, message in self._results.get("warnings", {}).get(key, []):
                warnings.warn(message, category, stacklevel=3)
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
        journey = self._journey_as_given()
        missing = journey.missing_labels(self.language) if journey is not None else []
        if missing:
            warnings.warn(
                f"{journey.source}: no '{self.language}' label for {missing} (the report's "
                f"language); they are shown as given. Fix: add label: {{{self.language}: ...}}",
                MissingTranslationWarning,
                stacklevel=2,
            )
        return journey

    def _journey_as_given(self) -> Any:
        from cjresearch.journey.definition import list_presets, load_journey

        given = self.spec.journey
        if given is None:
            return None
        if isinstance(given, Mapping):
            return load_journey(given)
        if given in list_presets():
            # a preset by name: the log's events are named as the stage and exit ids
            preset = load_journey(given)
            return load_journey(
                {
                    "preset": given,
                    "stages": [{"id": s, "events": [s]} for s in preset.stage_ids],
                    "exits": [{"id": e, "events": [e]} for e in preset.exit_ids],
                }
            )
        path = self.base_dir / given
        if not path.is_file():
            raise DataValidationError(
                f"journey '{given}' is neither a file nor a preset",
                source=self.source,
                fix=f"give a journey YAML file relative to the configuration, or one of "
                f"{', '.join(list_presets())}",
            )
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
            raise DataValidationError(
                "the configuration gives no survey", source=self.source, fix="add data.survey"
            )
        return frame

    def _read(self, name: str) -> pd.DataFrame | None:
        from cjresearch.inputs.surveys import read_customers, read_survey

        given: TableInput | None = getattr(self.spec.data, name)
        if given is None:
            return None
        path = self.base_dir / given.path
        if name == "customers":
            return read_customers(path, columns=given.columns or None)
        return read_survey(
            path,
            columns=given.columns or None,
            measures=self._declared_measures() + self._driver_measures(),
            journey=self.journey,
        )

    def _declared_measures(self) -> list[Any]:
        """The configured measures; ``survey.na_codes`` applies to those without their own
        whose scale does not contain the codes."""
        from cjresearch.inputs.measures import Measure

        shared = self.spec.survey.na_codes
        found = []
        for name, m in self.spec.survey.measures.items():
            given = m.model_dump(exclude_none=True, exclude_defaults=True) | {"kind": m.kind}
            scale = (0, 10) if m.kind == "nps" else m.scale
            if (
                shared
                and not m.na_codes
                and scale is not None
                and not any(scale[0] <= c <= scale[1] for c in shared)
            ):
                given["na_codes"] = list(shared)
            found.append(Measure.from_config(name, given))
        return found

    def _driver_measures(self) -> list[Any]:
        """The ratings as mean measures, so that their scale and na codes are read at the edge."""
        from cjresearch.inputs.measures import Measure

        opts = self.spec.survey
        declared = set(opts.measures) | {m.column for m in opts.measures.values() if m.column}
        scale = (opts.driver_scale[0], opts.driver_scale[1]) if opts.driver_scale else None
        return [
            Measure(d, kind="mean", scale=scale, na_codes=tuple(opts.na_codes))
            for d in dict.fromkeys(opts.drivers)
            if d not in declared
        ]

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
                f"file (found: {', '.join(map(str, crm.columns))})",
                source=self.source,
                fix="name customer columns under 'segments', or map them with "
                "data.customers.columns",
            )
        return list(wanted)

    # -- computing once, sharing ----------------------------------------------------
    def prepare(
        self, sections: Iterable[str] | None = None, *, from_stage: str | None = None
    ) -> Study:
        """Read every input and compute what ``sections`` share; returns ``self``.

        ``sections`` are section names (overview, survey, progression,
        painpoints; default all); only what they use is computed.
        ``from_stage`` is the pain-point section's parameter of that name.
        """
        if self.has("events", "journey"):
            _ = self.log  # reads the customers file meanwhile
        _ = self.customers, self.survey
        wanted = set(DEFAULT_SECTIONS if sections is None else sections)
        # what only the runner needs, when no section reads it (save() leaves it out; a
        # later reader computes it again from the log)
        self._transient = (
            set() if wanted & {"progression", "painpoints"} else {"timeline", "durations"}
        )
        if self.has("events", "journey"):
            needs = ["timeline", "time_unit", "durations", "funnel", "log_summary"]
            if "overview" in wanted:
                needs.append("step_conversion")
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
            if self.text_column is not None:
                # found once here, not in every section's kernel
                _ = self.themes
                if "survey" in wanted:
                    _ = self.sentiment, self.uncaught, self.theme_check
        if "overview" in wanted:
            # the key findings open the overview; the tables they rest on are computed
            # first, each under its own key, so that each section reads its own warnings
            self.findings_evidence()
            self.findings()
        return self

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_log"] = None  # a database connection does not travel
        state["_shown"] = set()
        state["_results"] = {k: v for k, v in self._results.items() if k not in self._transient}
        return state

    def save(self, path: str | Path) -> Path:
        """Write the study's computed results to ``path`` atomically (a pickle)."""
        from cjresearch.core.paths import atomic_path

        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target, mode=0o600) as tmp, open(tmp, "wb") as fh:
            # 0600: the study holds the client's rows (customers, survey answers)
            pickle.dump(
                {"version": _CACHE_VERSION, "study": self}, fh, protocol=pickle.HIGHEST_PROTOCOL
            )
        return target

    def fingerprint(self) -> str:
        """A key of the configuration, the input files and the package version."""
        from cjresearch.report.provenance import fingerprint

        h = hashlib.sha256()
        h.update(self.spec.model_dump_json().encode())
        h.update(__version__.encode())
        for name in (*INPUTS, "coded"):
            p = self.path(name)
            h.update(f"{name}:{fingerprint(p) if p is not None else '-'}".encode())
        if isinstance(self.spec.journey, str) and (self.base_dir / self.spec.journey).is_file():
            h.update(fingerprint(self.base_dir / self.spec.journey).encode())
        return h.hexdigest()[:20]

    def __repr__(self) -> str:
        given = [n for n in INPUTS if self.has(n)]
        return (
            f"Study({self.spec.client!r}, inputs: {', '.join(given) or 'none'}, "
            f"language: {self.language})"
        )


def open_study(
    config: str | Path | Mapping[str, Any],
    *,
    cache: str | Path | None = None,
    base_dir: str | Path | None = None,
) -> Study:
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
        _wait_for(Path(cache))
        cached = load_cache(Path(cache))
        if cached is not None and cached.spec == spec and cached.base_dir == study.base_dir:
            return cached
    return study


def pending_marker(cache: Path) -> Path:
    """The file that says a study is being computed into ``cache`` (see :func:`_wait_for`)."""
    return cache.with_name(cache.name + ".pending")


def _wait_for(cache: Path, *, poll: float = 0.05) -> None:
    """Wait while the report runner computes the study (section kernels start meanwhile).

    The runner writes :func:`pending_marker` before it starts the kernels and
    removes it once the study file is written, or when the study failed: then
    there is nothing to wait for, and the section stops at once (the runner
    reports why).
    """
    marker = pending_marker(cache)
    if cache.is_file() or not marker.exists():
        return
    while marker.exists() and not cache.is_file():
        time.sleep(poll)
    if not cache.is_file():
        raise ReportError(
            "the report's study could not be computed (the report runner's message says why)"
        )


def load_cache(path: Path) -> Study | None:
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
    payload = {
        "config": study.spec.model_dump(mode="json", exclude_defaults=True),
        "base_dir": str(study.base_dir),
        "source": study.source,
    }
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    return target
