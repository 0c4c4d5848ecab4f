"""The overview section: the evidence given, the funnel, moving on by segment."""

from __future__ import annotations

from typing import Any

import pandas as pd

from cjresearch.charts import funnel_chart, step_chart
from cjresearch.core.i18n import text
from cjresearch.report.findings import anchor
from cjresearch.report.runner import show, table
from cjresearch.report.sections._common import lacking, note, say

__all__ = ["funnel", "input_table", "inputs", "steps"]


def input_table(study: Any) -> pd.DataFrame:
    """One row per piece of evidence: what was given and how much of it.

    Columns ``input``, ``measure``, ``value`` in the report language; an
    input the client did not give says so.
    """
    lang = study.language
    given = text("not_given", lang)
    rows: list[tuple[str, str, str]] = []
    if study.has("events"):
        log = study.log_summary
        rows += [
            (text("event_log", lang), text("customers", lang).lower(), f"{log['customers']:,}"),
            (text("event_log", lang), text("events", lang), f"{log['events']:,}"),
            (
                text("event_log", lang),
                text("period_covered", lang),
                f"{log['first']:%Y-%m-%d} – {log['last']:%Y-%m-%d}",
            ),
        ]
        for reason, n in study.exclusions.itertuples(index=False):
            rows.append(
                (text("event_log", lang), text("rows_set_aside", lang), f"{int(n):,} ({reason})")
            )
        for sentence in study.notes:
            rows.append((text("event_log", lang), text("rows_set_aside", lang), sentence))
    else:
        rows.append((text("event_log", lang), "", given))
    crm = study.customers
    rows.append(
        (
            text("customer_file", lang),
            text("customers", lang).lower(),
            f"{len(crm):,}" if crm is not None else given,
        )
    )
    responses = study.survey
    rows.append(
        (
            text("survey", lang),
            text("respondents", lang),
            f"{len(responses):,}" if responses is not None else given,
        )
    )
    return pd.DataFrame(
        rows, columns=[text("input", lang), text("measure", lang), text("value", lang)]
    )


def inputs(study: Any) -> None:
    """Data at a glance: the inputs given, their size, rows set aside; what is missing."""

    say("overview.inputs", study)
    table(input_table(study), caption=text("inputs_caption", study.language), export="inputs")
    lacking(study, "events", "customers", "survey")
    journey = study.journey if study.has("events") else None
    if journey is not None and (missing := journey.missing_labels(study.language)):
        shown = ", ".join(journey.label(s, study.language) for s in missing)
        note(text("labels_missing", study.language, stages=shown))


def funnel(study: Any) -> None:
    """The naive funnel: customers reaching each stage, conversion with intervals."""

    say("overview.funnel", study)
    if lacking(study, "events"):
        return
    f = study.funnel
    show(funnel_chart(f, journey=study.journey, language=study.language))
    cols = [
        c
        for c in (
            "stage",
            "label",
            "n",
            "base",
            "estimate",
            "ci_low",
            "ci_high",
            "share",
            "n_inferred",
            "definition",
        )
        if c in f.columns
    ]
    table(f[cols], caption=text("funnel_caption", study.language), export="funnel")
    unseen = f[(f["n"] > 0) & (f["n_inferred"] == f["n"])]
    if len(unseen):
        labels = ", ".join(str(s) for s in unseen["label"])
        note(text("stage_never_seen", study.language, stages=labels))


def steps(study: Any) -> None:
    """Moving on from each stage within the last horizon, by segment when there are segments,
    and the differences between the segments (the evidence of the key findings)."""
    from cjresearch.core.timeunits import horizon_label

    say("overview.steps", study, horizon=study.horizon_text() if study.has("events") else "")
    if lacking(study, "events"):
        return
    segments = study.segments
    by = ["from_stage", *segments[:1]]
    conv = study.step_conversion
    if segments:
        show(step_chart(conv, journey=study.journey, by=segments[0], language=study.language))
    cols = [c for c in (*by, "n", "estimate", "ci_low", "ci_high", "naive") if c in conv.columns]
    within = horizon_label(study.horizons[-1], study.time_unit, study.language)
    table(
        conv[cols],
        caption=text("timeunit.steps_caption", study.language, within=within),
        export="steps_by_segment",
    )
    if not segments:
        lacking(study, "customers")
        return
    table(
        study.segment_differences,
        caption=text("segment_differences_caption", study.language),
        export="segment_differences",
        anchor=anchor("segment"),
    )
