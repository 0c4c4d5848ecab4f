"""The key findings of a :class:`~cjresearch.report.study.Study` and the tables they rest on.

A mixin of :class:`~cjresearch.report.study.Study` (kept apart so that each module
stays small, like :mod:`~cjresearch.report.studyparts`).  The key findings open
the report (the overview section) but rest on tables that other sections
show: the drop-off and the ranked pain points (painpoints), the key drivers,
group and wave comparisons (survey) and the segment differences (overview).
Each of those tables is computed once here, with the parameters its section
runs with (:meth:`StudyFindings.section_parameters`), and both the summary
and the section read the same memoised table.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

__all__ = ["StudyFindings"]


class StudyFindings:
    """Key findings of a study and the shared tables behind them (see ``Study._memo``)."""

    # provided by Study
    spec: Any
    base_dir: Path
    _memo: Any
    has: Any
    if TYPE_CHECKING:

        @property
        def survey(self) -> pd.DataFrame | None: ...

        @property
        def responses(self) -> pd.DataFrame: ...

        @property
        def measures(self) -> dict[str, Any]: ...

        @property
        def design(self) -> Any: ...

        @property
        def survey_groups(self) -> list[str]: ...

        @property
        def wave(self) -> str | None: ...

        @property
        def drivers(self) -> list[str]: ...

        @property
        def outcome(self) -> str | None: ...

        @property
        def driver_method(self) -> str: ...

        @property
        def segments(self) -> list[str]: ...

        @property
        def step_conversion(self) -> pd.DataFrame: ...

        @property
        def dropoff(self) -> pd.DataFrame: ...

        def ranked_painpoints(
            self,
            *,
            ratings: Any = None,
            theme_map: Any = None,
            value: str | None = None,
            reference: Any = None,
            n_boot: int = 200,
        ) -> pd.DataFrame: ...

    # -- the sections of the report ------------------------------------------------------
    def _section_notebook(self, item: Any) -> tuple[str, Path, dict[str, Any]]:
        from cjresearch.core.paths import NOTEBOOKS_DIR

        name, params = (item, {}) if isinstance(item, str) else (item.notebook, item.parameters)
        path = self.base_dir / name if name.endswith(".ipynb") else NOTEBOOKS_DIR / f"{name}.ipynb"
        return Path(name).stem, path, dict(params)

    @property
    def section_names(self) -> list[str]:
        """The report's sections, by notebook name (``overview``, ``survey``, ...)."""
        return [self._section_notebook(s)[0] for s in self.spec.sections]

    def section_parameters(self, name: str) -> dict[str, Any]:
        """The parameters section ``name`` runs with: its notebook's defaults and the
        configured ones (what papermill gives the notebook; ``{}`` for a section the
        report does not have)."""
        import papermill

        for item in self.spec.sections:
            stem, path, given = self._section_notebook(item)
            if stem != name:
                continue
            declared = papermill.inspect_notebook(str(path)) if path.is_file() else {}
            found: dict[str, Any] = {}
            for key, spec in declared.items():
                try:
                    found[key] = ast.literal_eval(spec["default"])
                except (ValueError, SyntaxError):
                    continue
            return found | given
        return {}

    # -- the tables the findings rest on ---------------------------------------------------
    def key_drivers(self, *, n_boot: int = 300) -> Any:
        """The fitted :class:`~cjresearch.survey.drivers.KeyDrivers`, or None without an
        outcome and two drivers."""
        outcome = self.outcome
        if self.survey is None or outcome is None or len(self.drivers) < 2:
            return None

        def make() -> Any:
            from cjresearch.survey.drivers import KeyDrivers

            return KeyDrivers(
                outcome,
                self.drivers,
                design=self.design,
                n_boot=n_boot,
                method=self.driver_method,
            ).fit(self.responses)

        return self._memo(f"drivers:{n_boot}", make)

    def group_comparison(self, measure: str, group: str) -> pd.DataFrame:
        """Pairwise differences of ``measure`` between the groups of survey column ``group``
        (:func:`cjresearch.survey.crosstab.compare`)."""

        def make() -> pd.DataFrame:
            from cjresearch.survey.crosstab import compare

            return compare(
                self.responses,
                by=group,
                measure=self.measures[measure],
                design=self.design,
                min_base=self.spec.min_base,
            )

        return self._memo(f"compare:{measure}:{group}", make)

    def wave_comparison(self, measure: str) -> pd.DataFrame:
        """Differences of ``measure`` between consecutive waves
        (:func:`cjresearch.survey.crosstab.compare_waves`)."""

        def make() -> pd.DataFrame:
            from cjresearch.survey.crosstab import compare_waves

            return compare_waves(
                self.responses,
                wave=str(self.wave),
                measure=self.measures[measure],
                design=self.design,
                min_base=self.spec.min_base,
            )

        return self._memo(f"waves:{measure}", make)

    @property
    def segment_differences(self) -> pd.DataFrame | None:
        """Differences between segments of :attr:`step_conversion`
        (:func:`cjresearch.timetoevent.contrasts.compare_conversion`), or None without
        events or segments."""
        if not self.has("events", "journey") or not self.segments:
            return None

        def make() -> pd.DataFrame:
            from cjresearch.timetoevent.contrasts import compare_conversion

            return compare_conversion(
                self.step_conversion, by=self.segments[0], min_base=self.spec.min_base
            )

        return self._memo("segment_differences", make)

    def findings_evidence(self) -> dict[str, Any]:
        """The tables of :meth:`findings`, for the sections the report has (None: not
        measured): keyword arguments of :func:`cjresearch.report.findings.key_findings`."""
        from cjresearch.core.errors import SmallSampleWarning
        from cjresearch.report.findings import ANCHORS

        sections = set(self.section_names)
        kinds = ["segment"]
        found: dict[str, Any] = {"min_base": self.spec.min_base}
        if self.segments:
            found |= {"segments": self.segment_differences, "segment_by": self.segments[0]}
        events = self.has("events", "journey")
        if "painpoints" in sections:
            kinds += ["dropoff", "painpoint"]
            p = self.section_parameters("painpoints")
            if events:
                found["dropoff"] = self.dropoff
                found["painpoints"] = self.ranked_painpoints(
                    ratings=p.get("ratings"),
                    theme_map=p.get("theme_map"),
                    value=p.get("value"),
                    reference=p.get("reference"),
                    n_boot=int(p.get("n_boot", 200)),
                )
        if "survey" in sections:
            kinds += ["driver", "survey_group", "wave"]
            n_boot = int(self.section_parameters("survey").get("n_boot", 300))
            key = self.key_drivers(n_boot=n_boot)
            if key is not None:
                found |= {"drivers": key.summary, "outcome": str(self.outcome)}
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SmallSampleWarning)
                if self.survey is not None and self.survey_groups and self.measures:
                    group = self.survey_groups[0]
                    found |= {
                        "groups": pd.concat(
                            [self.group_comparison(m, group) for m in self.measures],
                            ignore_index=True,
                        ),
                        "group_by": group,
                    }
                if self.survey is not None and self.wave is not None and self.measures:
                    found["waves"] = pd.concat(
                        [self.wave_comparison(m) for m in self.measures], ignore_index=True
                    )
        found["kinds"] = [k for k in ANCHORS if k in kinds]
        return found

    def findings(self) -> list[Any]:
        """The key findings (:func:`cjresearch.report.findings.key_findings`) of the
        tables of :meth:`findings_evidence`."""

        def make() -> list[Any]:
            from cjresearch.report.findings import key_findings

            return key_findings(**self.findings_evidence())

        return list(self._memo("findings", make))
