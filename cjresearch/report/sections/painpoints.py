"""The pain-point section: drop-off, paths, friction touchpoints, importance vs performance,
the ranked pain points and the customer journey map."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cjresearch.charts.journeymap import journey_map_chart
from cjresearch.charts.painpoints import (
    dropoff_chart,
    flow_chart,
    ipa_chart,
    painpoint_chart,
    touchpoint_chart,
    transition_chart,
)
from cjresearch.core.i18n import text
from cjresearch.report.findings import anchor
from cjresearch.report.runner import show
from cjresearch.report.sections._common import lacking, note, quiet, relabelled, say, table

__all__ = ["dropoff", "importance", "journey_map", "paths", "ranked", "touchpoints"]


def dropoff(study: Any) -> None:
    """Where customers drop out or stall: drop-off by the horizon, slowest steps, exits."""
    from cjresearch.core.timeunits import unit_label
    from cjresearch.painpoints.signals import churn_by_stage, slowest_steps

    say("painpoints.dropoff", study)
    if lacking(study, "events"):
        return
    stalls = study.dropoff
    show(dropoff_chart(stalls, journey=study.journey, language=study.language))
    table(
        study,
        stalls,
        caption=text("dropoff_caption", study.language),
        export="dropoff",
        shares=True,
        anchor=anchor("dropoff"),
    )
    say("painpoints.slowest", study)
    table(study, slowest_steps(study.durations), caption=text("slowest_caption", study.language))
    if study.journey.exit_ids:
        say("painpoints.exits", study)
        per = text(
            "timeunit.per_customer_time",
            study.language,
            n=100,
            unit=unit_label(study.time_unit, study.language, n=100),
        )
        table(
            study,
            churn_by_stage(study.timeline, unit=study.time_unit),
            caption=text("exits_caption", study.language, per=per),
        )


def paths(study: Any, *, from_stage: str | None = None) -> None:
    """The paths customers take: flows between stages, common paths, repeats, loops."""
    from cjresearch.painpoints.flows import stage_flows, transition_matrix

    say("painpoints.paths", study)
    if lacking(study, "events"):
        return
    lang, j = study.language, study.journey
    show(flow_chart(stage_flows(study.timeline, language=lang), language=lang))
    table(study, study.paths("stage_paths"), caption=text("stage_paths_caption", lang))
    table(study, study.paths("event_paths"), caption=text("event_paths_caption", lang))
    say("painpoints.repeats", study)
    table(study, study.paths("repeats").head(10), caption=text("repeats_caption", lang))
    table(study, study.paths("loops"), caption=text("loops_caption", lang))
    stage = study.step(from_stage)
    table(
        study,
        study.paths("after_dropoff", stage=stage),
        caption=text("after_dropoff_caption", lang, stage=j.label(stage, lang)),
    )
    say("painpoints.transitions", study)
    show(transition_chart(transition_matrix(study.transitions), min_share=0.05, language=lang))


def touchpoints(study: Any, *, reference: Mapping[str, Any] | None = None) -> None:
    """Touchpoints that go with slower progress or faster exits (hazard ratios)."""

    say("painpoints.touchpoints", study)
    if lacking(study, "events"):
        return
    effects = study.touchpoint_effects(reference=reference)
    if effects.empty:
        note(text("no_touchpoints", study.language))
        return
    show(touchpoint_chart(relabelled(study, effects), outcome="progress", language=study.language))
    table(study, effects, caption=text("touchpoints_caption", study.language), export="touchpoints")


def importance(study: Any, *, n_boot: int = 200) -> None:
    """Importance (key-driver share) against performance (mean rating) of each rating."""

    say("painpoints.importance", study)
    if lacking(study, "survey"):
        return
    ipa = study.importance_performance(n_boot=n_boot)
    if ipa is None:
        note(text("no_driver_analysis", study.language))
        return
    show(ipa_chart(relabelled(study, ipa), language=study.language))
    table(study, ipa, caption=text("ipa_caption", study.language), export="importance_performance")


def ranked(
    study: Any,
    *,
    ratings: Mapping[str, str] | None = None,
    theme_map: Mapping[str, str] | None = None,
    value: str | None = None,
    reference: Mapping[str, Any] | None = None,
    n_boot: int = 200,
) -> None:
    """One ranked table joining behaviour, survey answers and comments per touchpoint."""

    say("painpoints.ranked", study, horizon=study.horizon_text())
    if lacking(study, "events"):
        return
    ranked_ = study.ranked_painpoints(
        ratings=ratings, theme_map=theme_map, value=value, reference=reference, n_boot=n_boot
    )
    if ranked_.empty:
        note(text("no_touchpoints", study.language))
        return
    lacking(study, "survey")
    show(painpoint_chart(relabelled(study, ranked_), language=study.language))
    table(
        study,
        ranked_,
        caption=text("ranked_caption", study.language, horizon=study.horizon_text()),
        export="painpoints",
        anchor=anchor("painpoint"),
    )


def journey_map(
    study: Any,
    *,
    ratings: Mapping[str, str] | None = None,
    theme_map: Mapping[str, str] | None = None,
    value: str | None = None,
    reference: Mapping[str, Any] | None = None,
    n_boot: int = 200,
) -> None:
    """The customer journey map: stages, emotion curve, pain points, opportunities.

    Exported beside the report as ``figures/journey_map.svg``, ``.png`` and ``.pdf``
    (one page, titled) and as the ``journey_map`` sheet of ``tables.xlsx`` (and
    ``tables/journey_map.csv``): a stage per row, the measured numbers, empty
    columns for the team.
    """
    from cjresearch.painpoints.journeymap import journey_map as _map
    from cjresearch.painpoints.journeymap import journey_map_html, journey_map_sheet
    from cjresearch.report.exports import export_table
    from cjresearch.report.figures import export_figure

    say("painpoints.map", study)
    if lacking(study, "journey"):
        return
    with quiet():
        ranked_ = (
            study.ranked_painpoints(
                ratings=ratings,
                theme_map=theme_map,
                value=value,
                reference=reference,
                n_boot=n_boot,
            )
            if study.has("events")
            else None
        )
        emotion = study.emotion()
    if ranked_ is not None and ranked_.empty:
        ranked_ = None
    the_map = _map(
        study.journey,
        emotion=emotion,
        painpoints=ranked_,
        dropoff=study.dropoff if study.has("events") else None,
        language=study.language,
    )
    caption = text("map_caption", study.language, client=study.spec.client)
    show(journey_map_chart(the_map))
    from IPython.display import display

    display(journey_map_html(the_map, caption=caption))
    display(export_figure(journey_map_chart(the_map, title=caption), "journey_map"))
    display(export_table(journey_map_sheet(the_map), "journey_map", caption=caption))
