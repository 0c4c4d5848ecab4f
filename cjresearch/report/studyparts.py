"""The survey and pain-point evidence of a :class:`~cjresearch.report.study.Study`.

A mixin of :class:`~cjresearch.report.study.Study` (kept apart so that each module
stays small): the survey as the configuration describes it (design, measures,
groups, drivers, themes) and the pain-point results the sections share.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.core.i18n import text as _text

__all__ = ["StudyEvidence"]


class StudyEvidence:
    """Survey and pain-point results of a study, computed once (see ``Study._memo``)."""

    # provided by Study
    spec: Any
    source: str
    language: str
    base_dir: Any
    if TYPE_CHECKING:

        @property
        def survey(self) -> pd.DataFrame | None: ...

        @property
        def responses(self) -> pd.DataFrame: ...

        @property
        def customers(self) -> pd.DataFrame | None: ...

        @property
        def journey(self) -> Any: ...

        @property
        def durations(self) -> pd.DataFrame: ...

        @property
        def exposure(self) -> pd.DataFrame: ...

        @property
        def timeline(self) -> Any: ...

        @property
        def horizons(self) -> list[float]: ...

        @property
        def segments(self) -> list[str]: ...

    _memo: Any
    _declared_measures: Any

    # -- the survey, as configured -------------------------------------------------------
    @property
    def design(self) -> Any:
        """The survey design (weights, strata, clusters from ``survey.design``), or None."""

        def make() -> Any:
            from cjresearch.survey.design import as_design

            given = {str(k): v for k, v in self.spec.survey.design.items()}
            return as_design(self.survey, given or None) if self.survey is not None else None

        return self._memo("design", make)

    @property
    def measures(self) -> dict[str, Any]:
        """The survey's measures by name: the configured ones, else those inferred."""

        def make() -> dict[str, Any]:
            from cjresearch.inputs.measures import infer_measures

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
                f"(found: {', '.join(map(str, self.survey.columns))})",
                source=self.source,
                fix="name a survey column, or map it with data.survey.columns",
            )
        return name

    @property
    def survey_groups(self) -> list[str]:
        """Survey columns to break scores down by: configured, else stage and segment if present."""
        if self.survey is None:
            return []
        wanted = self.spec.survey.segments
        if wanted:
            return [c for c in wanted if self._survey_column(c, "segments")]
        return [
            c
            for c in ("stage", "segment")
            if c in self.survey.columns and self.survey[c].notna().any()
        ]

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
        """Themes found in the comments (:func:`cjresearch.survey.text.find_themes`)."""

        def make() -> pd.DataFrame:
            from cjresearch.survey.text import find_themes

            responses, text = self.responses, self.text_column
            if text is None:
                raise DataValidationError(
                    "the survey has no comment column",
                    source=self.source,
                    fix="name it under survey.text",
                )
            column = "language" if "language" in responses.columns else None
            models: Any = "auto"
            if self.coded is not None:
                from cjresearch.survey.textmodel import shipped_model

                models = [
                    shipped_model(),
                    self._theme_model().fit(self.coded, default_language=self.comment_language),
                ]
            return find_themes(
                responses,
                text=text,
                language=column,
                default_language=self.comment_language,
                model=models,
            )

        return self._memo("themes", make)

    @property
    def comment_language(self) -> str:
        """The language of comments without one: the report's (pt-BR comments read as pt)."""
        return self.language.split("-")[0]

    @property
    def uncaught(self) -> pd.DataFrame:
        """What no theme caught (:func:`cjresearch.survey.textsummary.uncaught_comments`)."""

        def make() -> pd.DataFrame:
            from cjresearch.survey.textsummary import uncaught_comments

            responses = self.responses
            column = "language" if "language" in responses.columns else None
            return uncaught_comments(
                responses,
                self.themes,
                text=str(self.text_column),
                language=column,
                default_language=self.comment_language,
            )

        return self._memo("uncaught", make)

    @property
    def coded(self) -> pd.DataFrame | None:
        """The comments coded by hand for this study (``data.coded``), or None."""

        def make() -> pd.DataFrame | None:
            from cjresearch.core.rows import file_rows
            from cjresearch.inputs.tables import read_table
            from cjresearch.survey.wording import comment_languages

            given = self.spec.data.coded
            if given is None:
                return None
            frame = read_table(self.base_dir / given.path, columns=given.columns or None)
            missing = [c for c in ("comment", "themes") if c not in frame.columns]
            if missing:
                raise DataValidationError(
                    f"{given.path}: the coded comments have no column {missing} (found: "
                    f"{', '.join(map(str, frame.columns))})",
                    source=self.source,
                    fix="name them comment and themes, or map them with data.coded.columns",
                )
            # blank language cells are in the report's language; codes must look like codes
            if "language" in frame.columns:
                given_langs = frame["language"].astype("string").str.strip()
                bad = ~given_langs.str.fullmatch(r"[A-Za-z]{2,3}([-_][A-Za-z]{2})?")
                bad = bad.fillna(False) & given_langs.ne("").fillna(False)
                if bad.any():
                    rows = file_rows(frame, list(frame.index[bad.to_numpy(dtype=bool)]))
                    raise DataValidationError(
                        f"{given.path}, column 'language': {given_langs[bad].iloc[0]!r} is not "
                        f"a language code (rows {', '.join(map(str, rows[:10]))})",
                        source=self.source,
                        fix="write codes such as en, ro or pt-BR, or leave the cell empty for "
                        f"the report's language ({self.comment_language})",
                    )
                frame = frame.assign(language=given_langs.replace("", pd.NA).astype(object))
            langs, _ = comment_languages(
                frame,
                "comment",
                "language" if "language" in frame.columns else None,
                self.comment_language,
            )
            codes = frame["themes"]
            if pd.api.types.is_numeric_dtype(codes):  # theme ids written as numbers: 3, not 3.0
                codes = codes.map(lambda v: v if pd.isna(v) else f"{v:g}")
            return frame.assign(language=langs, themes=codes.where(codes.notna(), "").astype(str))

        return self._memo("coded", make)

    def _theme_model(self) -> Any:
        """An unfitted model of the kind ``survey.theme_model`` names."""
        if self.spec.survey.theme_model == "sentences":
            from cjresearch.survey.embeddings import EmbeddingModel

            return EmbeddingModel()
        from cjresearch.survey.textmodel import ThemeModel

        return ThemeModel()

    @property
    def theme_check(self) -> pd.DataFrame | None:
        """How well the themes learned from ``data.coded`` are found in coded comments
        left out of the learning (:func:`cjresearch.survey.themecheck.cross_validated_accuracy`),
        or None without coded comments."""

        def make() -> pd.DataFrame | None:
            from cjresearch.survey.themecheck import cross_validated_accuracy

            if self.coded is None:
                return None
            return cross_validated_accuracy(
                self.coded, self._theme_model(), default_language=self.comment_language
            )

        return self._memo("theme_check", make)

    @property
    def sentiment(self) -> pd.DataFrame:
        """Each comment's tone (:func:`cjresearch.survey.textsummary.comment_sentiment`)."""

        def make() -> pd.DataFrame:
            from cjresearch.survey.textsummary import comment_sentiment

            responses, text = self.responses, self.text_column
            column = "language" if "language" in responses.columns else None
            return comment_sentiment(
                responses,
                text=str(text),
                language=column,
                default_language=self.language,
                themes=self.themes,
            )

        return self._memo("sentiment", make)

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
        """Censoring-aware drop-off by the last horizon (:func:`cjresearch.painpoints.signals.dropoff`)."""

        def make() -> pd.DataFrame:
            from cjresearch.painpoints.signals import dropoff

            return dropoff(self.durations, horizon=self.horizons[-1])

        return self._memo("dropoff", make)

    def touchpoint_effects(self, *, reference: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Hazard ratios of each touchpoint, adjusted for the segments."""
        key = f"effects:{sorted((reference or {}).items())}"

        def make() -> pd.DataFrame:
            from cjresearch.painpoints.touchpoints import touchpoint_effects

            if not any(stage.touchpoints for stage in self.journey.stages[:-1]):
                return pd.DataFrame(columns=["stage", "touchpoint"])
            adjust = [c for c in self.segments if c in self.durations.columns]
            return touchpoint_effects(
                self.durations,
                self.exposure,
                journey=self.journey,
                adjust=adjust,
                reference=reference,
            )

        return self._memo(key, make)

    def importance_performance(self, *, n_boot: int = 200) -> pd.DataFrame | None:
        """Importance vs performance of the drivers, or None without outcome and drivers."""
        outcome = self.outcome
        if self.survey is None or outcome is None or len(self.drivers) < 2:
            return None

        def make() -> pd.DataFrame:
            from cjresearch.painpoints.ipa import importance_performance

            return importance_performance(
                self.responses,
                outcome=outcome,
                drivers=self.drivers,
                design=dict(self.spec.survey.design) or None,
                n_boot=n_boot,
                method=self.driver_method,
            )

        return self._memo(f"ipa:{n_boot}", make)

    def ranked_painpoints(
        self,
        *,
        ratings: Mapping[str, str] | None = None,
        theme_map: Mapping[str, str] | None = None,
        value: str | None = None,
        reference: Mapping[str, Any] | None = None,
        n_boot: int = 200,
    ) -> pd.DataFrame:
        """The ranked pain points (:func:`cjresearch.painpoints.ranking.rank_painpoints`).

        Survey and comment evidence join when the survey links respondents to
        customers and ``ratings`` / ``theme_map`` say which rating and theme
        belong to which touchpoint.  Computed once per set of arguments (the
        pain-point section and the key findings read the same table).
        """
        value = (
            value
            if value and self.customers is not None and value in self.customers.columns
            else None
        )
        key = (
            f"ranked:{sorted((ratings or {}).items())}:{sorted((theme_map or {}).items())}:"
            f"{value}:{sorted((reference or {}).items())}:{n_boot}"
        )
        return self._memo(
            key,
            lambda: self._ranked(
                ratings=ratings,
                theme_map=theme_map,
                value=value,
                reference=reference,
                n_boot=n_boot,
            ),
        )

    def _ranked(
        self,
        *,
        ratings: Mapping[str, str] | None,
        theme_map: Mapping[str, str] | None,
        value: str | None,
        reference: Mapping[str, Any] | None,
        n_boot: int,
    ) -> pd.DataFrame:
        from cjresearch.painpoints.ranking import (
            excess_loss,
            rank_painpoints,
            survey_evidence,
            theme_evidence,
        )

        effects = self.touchpoint_effects(reference=reference)
        if effects.empty:
            return effects
        loss = excess_loss(
            self.durations,
            self.exposure,
            journey=self.journey,
            customers=self.customers,
            value=value,
            horizon=self.horizons[-1],
        )
        said = wrote = None
        s = self.survey
        if s is not None and ratings and "customer_id" in s.columns:
            said = survey_evidence(
                s,
                self.exposure,
                ratings=dict(ratings),
                outcome=self.outcome,
                effort="ces" if "ces" in s.columns else None,
                importance=self.importance_performance(n_boot=n_boot),
                if_unlinked="empty",
            )
        split = self.split_measure
        if s is not None and theme_map and self.text_column is not None and split is not None:
            wrote = theme_evidence(s, self.themes, theme_map=dict(theme_map), measure=split)
        return rank_painpoints(effects, loss, survey=said, themes=wrote, language=self.language)

    def emotion(self) -> pd.DataFrame | None:
        """The emotion curve of the journey map: the split measure by stage, or None."""
        from cjresearch.survey.scores import score

        s, m = self.survey, self.split_measure
        if s is None or m is None or "stage" not in s.columns:
            return None
        return score(s, m, by="stage", design=self.design)
