"""The survey section: scores with intervals for every measure, comparisons, drivers, comments."""

from __future__ import annotations

import warnings
from typing import Any

import pandas as pd

from cjresearch.charts.survey import driver_chart, likert_chart, score_chart, theme_chart
from cjresearch.core.errors import UnreliableEstimateWarning
from cjresearch.core.i18n import format_number, format_percent, text, value_label
from cjresearch.report.findings import anchor
from cjresearch.report.runner import show
from cjresearch.report.sections._common import (
    labels,
    lacking,
    name,
    note,
    quiet,
    relabelled,
    say,
    table,
)

__all__ = [
    "comments",
    "comparisons",
    "drivers",
    "ratings",
    "reliability",
    "sample",
    "scores",
]


def sample(study: Any) -> None:
    """The respondents and, with weights, the design effect and effective sample size."""

    say("survey.sample", study)
    if lacking(study, "survey"):
        return
    if study.spec.survey.design.get("weights"):
        table(
            study,
            study.design.design_effect(),
            caption=text("design_effect_caption", study.language),
        )


def scores(study: Any) -> None:
    """Every measure overall and by group, with intervals and bases."""
    from cjresearch.survey.scores import score

    say("survey.scores", study)
    if lacking(study, "survey"):
        return
    measures = study.measures
    if not measures:
        note(text("no_measures", study.language))
        return
    data, design, base = study.survey, study.design, study.spec.min_base
    with quiet():
        overall = pd.concat(
            [score(data, m, design=design, min_base=base) for m in measures.values()],
            ignore_index=True,
        )
        table(study, overall, caption=text("scores_caption", study.language), export="scores")
        for group in study.survey_groups:
            for m in measures.values():
                by_group = score(data, m, by=group, design=design, min_base=base)
                show(score_chart(by_group, group=group, language=study.language))
                table(
                    study,
                    by_group,
                    caption=text("scores_by_caption", study.language, measure=m.name, group=group),
                    export=f"scores_{m.name}_by_{group}",
                )


def comparisons(study: Any) -> None:
    """Pairwise differences between groups, and between consecutive waves."""
    say("survey.comparisons", study)
    if lacking(study, "survey"):
        return
    groups, wave = study.survey_groups, study.wave
    if not groups and wave is None:
        note(text("no_groups", study.language))
        return
    with quiet():
        for name in study.measures:
            for group in groups[:1]:
                table(
                    study,
                    study.group_comparison(name, group),
                    caption=text("compare_caption", study.language, measure=name, group=group),
                    anchor=anchor("survey_group", name),
                )
            if wave is not None:
                table(
                    study,
                    study.wave_comparison(name),
                    caption=text("waves_caption", study.language, measure=name),
                    anchor=anchor("wave", name),
                )


def ratings(study: Any) -> None:
    """How the answers to each rating are spread."""
    from cjresearch.survey.scores import likert_distribution

    say("survey.ratings", study)
    if lacking(study, "survey"):
        return
    items = study.drivers
    if not items:
        note(text("no_drivers", study.language))
        return
    scale = study.driver_scale
    with quiet():
        dist = likert_distribution(study.survey, items=items, scale=scale, design=study.design)
    show(likert_chart(dist, scale=scale, language=study.language))


def drivers(study: Any, *, n_boot: int = 300) -> None:
    """Relative importance of the ratings for the outcome, with bootstrap intervals."""
    say("survey.drivers", study, outcome=name(study, study.outcome or ""))
    if lacking(study, "survey"):
        return
    key = study.key_drivers(n_boot=n_boot)
    if key is None:
        note(text("no_driver_analysis", study.language))
        return
    if key.model_ == "logistic":
        note(text("drivers_logistic", study.language))
    elif study.driver_method != "lmg":
        note(text("drivers_relative_weights", study.language))
    show(driver_chart(relabelled(study, key.summary), language=study.language))
    table(
        study,
        key.summary,
        caption=text("drivers_caption", study.language, outcome=name(study, study.outcome)),
        export="drivers",
        shares=True,
        anchor=anchor("driver"),
    )


def reliability(study: Any) -> None:
    """Cronbach's alpha of the configured multi-item scale and its items."""
    from cjresearch.survey.drivers import cronbach_alpha, item_analysis

    items = study.spec.survey.scale_items
    if not study.has("survey") or len(items) < 2:
        return
    say("survey.reliability", study)
    lang = study.language
    table(study, cronbach_alpha(study.survey, items=items), caption=text("alpha_caption", lang))
    table(study, item_analysis(study.survey, items=items), caption=text("items_caption", lang))


def comments(study: Any) -> None:
    """Themes in the comments, those separating dissatisfied from satisfied, and quotes."""
    from cjresearch.survey.text import quotes, theme_differences, theme_prevalence

    say("survey.comments", study)
    if lacking(study, "survey"):
        return
    if study.text_column is None:
        note(text("no_comments", study.language))
        return
    themes = study.themes
    data = study.survey
    split = study.split_measure
    if split is None:
        table(
            study,
            theme_prevalence(data, themes, design=study.design),
            caption=text("themes_caption", study.language),
            shares=True,
        )
        tone_and_gaps(study)
        return
    with quiet(), warnings.catch_warnings():
        # respondents in neither group (NPS passives, the scale's middle) are left out on purpose
        warnings.simplefilter("ignore", UnreliableEstimateWarning)
        grouped = data.assign(_split=study.satisfaction_groups(split))
        prevalence = theme_prevalence(
            grouped, themes, by="_split", design=study.design, min_base=study.spec.min_base
        )
        show(
            theme_chart(
                prevalence.rename(columns={"_split": split.name}),
                group=split.name,
                language=study.language,
            )
        )
        diffs = theme_differences(data, themes, measure=split, design=study.design)
    table(
        study,
        diffs,
        caption=text("theme_differences_caption", study.language, measure=split.name),
        export="theme_differences",
    )
    if len(diffs):
        top = diffs["theme"].iloc[0]
        shown = [c for c in (*study.survey_groups[:1], split.column) if c in data.columns]
        table(
            study,
            quotes(data, themes, theme=top, n=5, text=study.text_column, columns=shown),
            caption=text(
                "quotes_caption",
                study.language,
                theme=value_label("theme", top, study.language) or top,
            ),
        )
    tone_and_gaps(study)


def tone_and_gaps(study: Any) -> None:
    """The tone of the comments with intervals, and what no theme caught."""
    from cjresearch.survey.text import theme_prevalence

    lang, data = study.language, study.survey
    with quiet():
        tones = theme_prevalence(data, study.sentiment, design=study.design, min_base=0)
    tones["theme"] = [text(f"tone_{t}", lang) for t in tones["theme"]]
    table(
        study,
        tones.drop(columns="small_base").rename(columns={"theme": text("tone", lang)}),
        caption=text("sentiment_caption", lang),
        export="sentiment",
        shares=True,
    )
    gaps = study.uncaught
    caption = text(
        "uncaught_caption", lang, n=gaps.attrs["n_uncaught"], total=gaps.attrs["n_comment"]
    )
    if len(gaps):
        table(study, gaps, caption=caption, export="uncaught_comments", shares=True)
    else:
        note(caption)
    note(_themes_method(lang))
    check = study.theme_check
    if check is not None:
        note(coded_themes_note(study, check))


def coded_themes_note(study: Any, check: Any) -> str:
    """What the themes learned from the client's coded comments found in cross-validation."""
    lang = study.language

    def share(x: float) -> str:
        return format_percent(x, lang, digits=0)

    def per_theme(column: str) -> str:
        values = check[column].dropna()
        if len(check) < 2 or values.empty:
            return ""
        return f"; {text('per_theme', lang)} {share(values.min())}–{share(values.max())}"

    own = labels(study)
    fields = {
        "themes": ", ".join(
            own.get(t) or value_label("theme", t, lang) or name(study, t) for t in check["theme"]
        ),
        "n": format_number(check.attrs["n_comments"], lang),
        "model": text(f"theme_model_{study.spec.survey.theme_model}", lang),
        "folds": format_number(check.attrs["folds"], lang),
    }
    if check["n_found"].sum() == 0:
        return text("themes_method_coded_none", lang, **fields)
    recall_ci, precision_ci = check.attrs["recall_ci"], check.attrs["precision_ci"]
    return text(
        "themes_method_coded",
        lang,
        **fields,
        recall=share(check.attrs["recall"]),
        recall_low=share(recall_ci[0]),
        recall_high=share(recall_ci[1]),
        recall_themes=per_theme("recall"),
        precision=share(check.attrs["precision"]),
        precision_low=share(precision_ci[0]),
        precision_high=share(precision_ci[1]),
        precision_themes=per_theme("precision"),
    )


def _themes_method(lang: str) -> str:
    """How the themes were found, with the held-out figures (the shipped model's)."""
    from cjresearch.survey import textmodel

    def span(lo_hi: tuple[float, float]) -> str:
        return "–".join(format_percent(x, lang, digits=0) for x in lo_hi)

    return text(
        "themes_method",
        lang,
        n_train=format_number(len(textmodel.coded_comments()), lang),
        n_test=format_number(textmodel.HELDOUT_COMMENTS, lang),
        recall=span(textmodel.HELDOUT_RECALL),
        precision=span(textmodel.HELDOUT_PRECISION),
    )
