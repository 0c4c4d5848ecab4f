"""The overview section: the evidence given, the funnel, moving on by segment."""

from __future__ import annotations

import logging
import re
from typing import Any

import pandas as pd

from cjresearch.charts import funnel_chart, step_chart
from cjresearch.core import formats
from cjresearch.core.i18n import text
from cjresearch.report.findings import anchor
from cjresearch.report.runner import show
from cjresearch.report.sections._common import lacking, note, say, table

__all__ = ["client_reason", "funnel", "input_table", "inputs", "steps"]

_log = logging.getLogger(__name__)

# the engine's reasons for setting rows aside (cjresearch.engine.prep), as i18n keys
_REASONS = (
    ("events matching ignore_events", "reason.ignored"),
    ("exact duplicate rows", "reason.duplicates"),
    ("events after the customer's exit", "reason.after_exit"),
    ("events far after the rest of the log", "reason.far_future"),
    ("events after the observation end", "reason.late"),
)


def client_reason(reason: str, language: str) -> str:
    """Why rows were set aside, for the client, from the engine's (or a warning's) wording.

    The analyst's wording, with its hints (``pass unobserved='keep'``), goes to the log.

    Examples
    --------
    >>> client_reason("exact duplicate rows collapsed (the same value in every column)", "it")
    'righe duplicate identiche, contate una sola volta'
    >>> client_reason("events not in the journey definition: 'x' (3 rows)", "en")
    "events the journey definition does not mention: 'x' (3 rows)"
    """
    _log.info("rows set aside: %s", reason)
    for start, key in _REASONS:
        if reason.startswith(start):
            return text(key, language)
    if reason.startswith("events not in the journey definition: "):
        listing = reason.split(": ", 1)[1]
        return text("reason.unknown_events", language, events=listing)
    m = re.match(r"(\d+) row\(s\) start at a stage the customer was already in", reason)
    if m:
        return text("reason.unobserved", language, n=formats.count(int(m.group(1)), language))
    return text("reason.other", language)


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
            (
                text("event_log", lang),
                text("customers", lang).lower(),
                formats.count(log["customers"], lang),
            ),
            (text("event_log", lang), text("events", lang), formats.count(log["events"], lang)),
            (
                text("event_log", lang),
                text("period_covered", lang),
                formats.date_range(log["first"], log["last"], lang),
            ),
        ]
        for reason, n in study.exclusions.itertuples(index=False):
            why = client_reason(str(reason), lang)
            rows.append(
                (
                    text("event_log", lang),
                    text("rows_set_aside", lang),
                    f"{formats.count(n, lang)} ({why})",
                )
            )
        for sentence in study.notes:
            why = client_reason(sentence, lang)
            rows.append((text("event_log", lang), text("rows_set_aside", lang), why))
    else:
        rows.append((text("event_log", lang), "", given))
    crm = study.customers
    rows.append(
        (
            text("customer_file", lang),
            text("customers", lang).lower(),
            formats.count(len(crm), lang) if crm is not None else given,
        )
    )
    responses = study.survey
    rows.append(
        (
            text("survey", lang),
            text("respondents", lang),
            formats.count(len(responses), lang) if responses is not None else given,
        )
    )
    return pd.DataFrame(
        rows, columns=[text("input", lang), text("measure", lang), text("value", lang)]
    )


def inputs(study: Any) -> None:
    """Data at a glance: the inputs given, their size, rows set aside; what is missing."""

    say("overview.inputs", study)
    table(
        study, input_table(study), caption=text("inputs_caption", study.language), export="inputs"
    )
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
    table(
        study,
        f[cols],
        caption=text("funnel_caption", study.language),
        export="funnel",
        shares=True,
    )
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
        study,
        conv[cols],
        caption=text("timeunit.steps_caption", study.language, within=within),
        export="steps_by_segment",
        shares=True,
    )
    if not segments:
        lacking(study, "customers")
        return
    table(
        study,
        study.segment_differences,
        caption=text("segment_differences_caption", study.language),
        export="segment_differences",
        anchor=anchor("segment"),
    )
