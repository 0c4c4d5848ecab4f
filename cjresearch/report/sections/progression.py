"""The progression section: stage-to-stage waiting times as time-to-event data."""

from __future__ import annotations

from typing import Any

import pandas as pd

from cjresearch.charts.progression import (
    conversion_chart,
    curve_chart,
    forest_chart,
    occupancy_chart,
)
from cjresearch.core.i18n import text
from cjresearch.report.runner import show
from cjresearch.report.sections._common import lacking, note, quiet, say, table

__all__ = [
    "choose_step",
    "competing",
    "conversion",
    "curves",
    "models",
    "step_counts",
    "step_outcomes",
    "whole_journey",
]


def choose_step(study: Any, from_stage: str | None = None) -> str:
    """The step studied in detail (:meth:`cjresearch.report.study.Study.step`)."""
    return str(study.step(from_stage))


def _step(study: Any, from_stage: str | None) -> pd.DataFrame:
    d = study.durations
    return d[d["from_stage"] == choose_step(study, from_stage)]


def step_outcomes(study: Any, *, from_stage: str | None = None) -> None:
    """Customers per step and outcome: moved on, exited, still waiting."""

    say("progression.data", study)
    if lacking(study, "events"):
        return
    table(
        study,
        step_counts(study.durations, language=study.language),
        caption=text("step_outcomes_caption", study.language),
        export="step_outcomes",
    )


def conversion(study: Any, *, from_stage: str | None = None) -> None:
    """Censoring-aware conversion within each horizon beside the naive funnel; by cohort."""
    from cjresearch.timetoevent.progression import conversion as _conversion

    step_from = choose_step(study, from_stage) if study.has("events") else ""
    say("progression.conversion", study, stage=_label(study, step_from))
    if lacking(study, "events"):
        return
    step = _step(study, from_stage)
    group = study.segments[0] if study.segments else None
    conv = _conversion(step, horizons=study.horizons, by=group)
    show(conversion_chart(conv, group=group, language=study.language))
    table(
        study,
        conv,
        caption=text("conversion_caption", study.language),
        export="conversion",
        shares=True,
    )
    cohorts = _conversion(step, horizons=study.horizons[-1:], cohort_freq="M")
    table(study, cohorts, caption=text("cohorts_caption", study.language), shares=True)


def curves(study: Any, *, from_stage: str | None = None) -> None:
    """Kaplan-Meier curves by segment, the log-rank test, the quartiles of the wait."""
    from cjresearch.timetoevent.progression import kaplan_meier, logrank, time_to_stage

    say("progression.curves", study)
    if lacking(study, "events"):
        return
    step = _step(study, from_stage)
    group = study.segments[0] if study.segments else None
    show(curve_chart(kaplan_meier(step, by=group), group=group, language=study.language))
    if group is not None:
        table(study, logrank(step, by=group), caption=text("logrank_caption", study.language))
    table(
        study,
        time_to_stage(step, by=group),
        caption=text("quartiles_caption", study.language),
        export="time_to_stage",
    )


def competing(study: Any, *, from_stage: str | None = None) -> None:
    """Cumulative incidence of moving on and of leaving."""
    from cjresearch.timetoevent.competing import cumulative_incidence

    say("progression.competing", study)
    if lacking(study, "events"):
        return
    step = _step(study, from_stage)
    if not (step["event"] == 2).any():
        note(text("no_exits", study.language))
        return
    ci = cumulative_incidence(step, event_types=[1, 2])
    lang = study.language
    show(
        curve_chart(
            ci,
            group="event_type",
            labels={1: text("outcome_moved_on", lang), 2: text("outcome_exited", lang)},
            group_title=text("competing_legend", lang),
            y_title=text("cumulative_incidence", lang),
            title=text("competing_title", lang),
            language=lang,
        )
    )


def models(study: Any, *, from_stage: str | None = None) -> None:
    """Cox hazard ratios of moving on by customer trait; Fine-Gray beside it."""
    from cjresearch.timetoevent.coxmodels import ProgressionCox
    from cjresearch.timetoevent.finegray import FineGray

    say("progression.models", study)
    if lacking(study, "events"):
        return
    covariates = [c for c in study.segments if c in study.durations.columns]
    if not covariates:
        if not lacking(study, "customers"):
            note(text("no_covariates", study.language))
        return
    step = _step(study, from_stage)
    with quiet():
        cox = ProgressionCox().fit(step, covariates=covariates)
    show(forest_chart(cox.summary, language=study.language))
    table(study, cox.summary, caption=text("cox_caption", study.language), export="cox")
    table(study, cox.ph_check_, caption=text("ph_caption", study.language))
    if (step["event"] == 2).any():
        fine_gray = FineGray().fit(step, covariates=covariates)
        table(study, fine_gray.summary, caption=text("finegray_caption", study.language))


def whole_journey(study: Any, *, n_boot: int = 100) -> None:
    """The multi-state model: the probability of being in each stage over time."""
    from cjresearch.timetoevent.multistate import MultiStateModel, journey_transitions

    say("progression.multistate", study)
    if lacking(study, "events"):
        return
    j = study.journey
    ms = MultiStateModel(states=list(j.stage_ids) + list(j.exit_ids), n_boot=n_boot).fit(
        journey_transitions(study.timeline, unit=study.time_unit)
    )
    show(occupancy_chart(ms.occupancy_, language=study.language))
    table(
        study,
        ms.restricted_mean(study.horizons[-1]),
        caption=text("restricted_mean_caption", study.language, horizon=study.horizon_text()),
    )


def step_counts(durations: pd.DataFrame, *, language: str = "en") -> pd.DataFrame:
    """Customers per step and outcome (moved on, left, still waiting) with their share.

    Columns ``from_stage``, ``to_stage``, ``outcome`` (in ``language``), ``n`` and
    ``share`` (of the step's customers).
    """
    labels = {
        0: text("outcome_waiting", language),
        1: text("outcome_moved_on", language),
        2: text("outcome_exited", language),
    }
    counts = (
        durations.groupby(["from_stage", "to_stage", "event"], observed=True)
        .size()
        .rename("n")
        .reset_index()
    )
    counts["share"] = counts["n"] / counts.groupby("from_stage", observed=True)["n"].transform(
        "sum"
    )
    counts["outcome"] = counts.pop("event").map(labels)
    return counts[["from_stage", "to_stage", "outcome", "n", "share"]]


def _label(study: Any, stage: str) -> str:
    return study.journey.label(stage, study.language) if stage else ""
