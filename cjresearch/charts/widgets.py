"""ipywidgets explorers for the researcher in JupyterLab (not used in client reports).

Each explorer holds its controls (``.controls``), the frame behind the current
view (``.result``) and an output area redrawn whenever a control changes.  The
numbers come from the package's computation functions; the explorers only
filter the rows and pass the options on:

* :class:`ScoreExplorer` -- NPS, CSAT or CES by stage, touchpoint, segment or
  wave (:func:`cjresearch.survey.scores.nps` and friends), for one segment, stage and
  wave, with survey weights on or off;
* :class:`ProgressionExplorer` -- Kaplan-Meier curves of one step of the
  journey (:func:`cjresearch.timetoevent.progression.kaplan_meier`) by group, for the
  customers who entered the step in a chosen period, weights on or off.

The charts draw without network (:mod:`cjresearch.charts.offline`: an explorer
loads the Vega bundle if the notebook has not), and the tables read like the
report's (:func:`cjresearch.core.tables.html_table`: labelled headers in the
explorer's ``language``, no index column, yes/no for true/false).

Set a control's ``value`` (in code or with the mouse) and ``.result`` updates::

    explorer = ScoreExplorer(responses, design={"weights": "weight"})
    explorer                          # shows the controls, table and chart
    explorer.controls["segment"].value = "premium"
    explorer.result                   # the scores of premium customers
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from cjresearch.charts.offline import OfflineChart, ensure_vega
from cjresearch.core.errors import DataValidationError, require_columns
from cjresearch.core.i18n import check_language, text
from cjresearch.core.tables import html_table

__all__ = ["ALL", "TABLE_ROWS", "ProgressionExplorer", "ScoreExplorer"]

#: The dropdown entry that keeps every row.
ALL = "(all)"
#: Most rows of ``.result`` an explorer's table shows.
TABLE_ROWS = 30


def _options(values: pd.Series) -> list[str]:
    return [ALL] + sorted(str(v) for v in pd.unique(values.dropna()))


def _require(data: Any, columns: list[str], source: str) -> pd.DataFrame:
    return require_columns(data, columns, source=source)


class _Explorer:
    controls: dict[str, Any]
    result: pd.DataFrame
    language: str

    def _build(self) -> None:
        import ipywidgets as w

        self.output = w.Output()
        self.message = ""
        for c in self.controls.values():
            c.observe(self.update, names="value")
        self.widget = w.VBox([w.HBox(list(self.controls.values())), self.output])
        self.update()

    def _compute(self) -> pd.DataFrame:  # pragma: no cover - defined by subclasses
        raise NotImplementedError

    def _chart(self) -> Any:  # pragma: no cover
        return None

    def update(self, change: Any = None) -> None:
        """Recompute ``result`` from the controls and redraw (the controls' callback)."""
        from IPython.core.interactiveshell import InteractiveShell
        from IPython.display import HTML, display

        try:
            self.result = self._compute()
            self.message = ""
        except (DataValidationError, ValueError) as exc:
            self.result = pd.DataFrame()
            self.message = str(exc)
        if not InteractiveShell.initialized():  # a script or a test: data only
            return
        self.output.clear_output(wait=True)
        with self.output:
            if self.message:
                print(self.message)
            else:
                chart = self._chart()
                if chart is not None:
                    display(OfflineChart(chart))
                display(HTML(self.table()))

    def table(self) -> str:
        """The current result as the HTML table the explorer shows (its first
        :data:`TABLE_ROWS` rows; ``.result`` holds them all)."""
        page = html_table(self.result.head(TABLE_ROWS), language=self.language)
        more = len(self.result) - TABLE_ROWS
        if more > 0:
            note = text("more_rows", self.language, n=more)
            page += f'<p class="cjr-caption">{html.escape(note)}</p>'
        return page

    def _ipython_display_(self) -> None:
        from IPython.display import display

        ensure_vega()
        display(self.widget)


class ScoreExplorer(_Explorer):
    """Survey scores by group for a chosen segment, stage and wave, weights on or off.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per respondent (as read by :func:`cjresearch.inputs.surveys.read_survey`).
    design : mapping, optional
        The sampling design used when weights are on, e.g.
        ``{"weights": "weight", "strata": "stratum"}``.  The explorer filters
        rows and builds the design on what is left (the point estimates are
        those of the domain; intervals treat it as its own sample).
    by : str
        Initial grouping: ``stage``, ``touchpoint``, ``segment`` or ``wave``.
    score : str
        Initial score: ``nps``, ``csat`` or ``ces``.
    min_base : int
        Groups with fewer answers are flagged ``small_base``.
    language : str
        Language of the table headers and yes/no cells (en, ro, bg, pl, pt, it).

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.core.paths import SAMPLE_DIR
    >>> ex = ScoreExplorer(pd.read_csv(SAMPLE_DIR / "survey.csv"), design={"weights": "weight"})
    >>> ex.controls["segment"].value = "premium"
    >>> ex.controls["weights"].value = False
    >>> int(ex.result["n"].sum()), list(ex.result.columns[:2])
    (374, ['stage', 'measure'])
    """

    GROUPS = ("stage", "touchpoint", "segment", "wave")
    SCORES = ("nps", "csat", "ces")

    def __init__(
        self,
        responses: pd.DataFrame,
        *,
        design: Mapping[str, Any] | None = None,
        by: str = "stage",
        score: str = "nps",
        min_base: int = 30,
        language: str = "en",
    ) -> None:
        import ipywidgets as w

        self.language = check_language(language)
        self.data = _require(responses, ["segment", "stage", "wave"], "responses")
        self.design = dict(design) if design else None
        self.min_base = min_base
        self.controls = {
            "score": w.Dropdown(options=list(self.SCORES), value=score, description="Score"),
            "by": w.Dropdown(options=list(self.GROUPS), value=by, description="By"),
            "segment": w.Dropdown(
                options=_options(self.data["segment"]), value=ALL, description="Segment"
            ),
            "stage": w.Dropdown(
                options=_options(self.data["stage"]), value=ALL, description="Stage"
            ),
            "wave": w.Dropdown(options=_options(self.data["wave"]), value=ALL, description="Wave"),
            "weights": w.Checkbox(
                value=self.design is not None, description="Weights", disabled=self.design is None
            ),
        }
        self._build()

    def selection(self) -> pd.DataFrame:
        """The respondents the controls keep."""
        keep = pd.Series(True, index=self.data.index)
        for col in ("segment", "stage", "wave"):
            value = self.controls[col].value
            if value != ALL:
                keep &= self.data[col].astype(str) == value
        return self.data[keep]

    def _compute(self) -> pd.DataFrame:
        from cjresearch.survey import scores as survey

        c = self.controls
        rows = self.selection()
        if rows.empty:
            raise DataValidationError(
                "no respondents match the selection", fix="choose another segment, stage or wave"
            )
        scores: dict[str, Callable[..., pd.DataFrame]] = {
            "nps": survey.nps,
            "csat": survey.csat,
            "ces": survey.ces,
        }
        fn = scores[c["score"].value]
        design = self.design if c["weights"].value else None
        return fn(rows, by=c["by"].value, design=design, min_base=self.min_base)

    def _chart(self) -> Any:
        from cjresearch.charts.survey import score_chart

        return score_chart(self.result, group=self.controls["by"].value)


class ProgressionExplorer(_Explorer):
    """Kaplan-Meier curves of one journey step by group, for an entry period.

    Parameters
    ----------
    durations : pandas.DataFrame
        From :func:`cjresearch.timetoevent.progression.stage_durations` (with customer
        columns such as ``segment`` joined in): ``from_stage``, ``duration``,
        ``event``, ``entry``, ``origin``.
    group : str
        Column giving one curve per group (``segment``, ``channel``, ...).
    weight : str, optional
        Column of customer weights used when weights are on.
    language : str
        Language of the table headers (en, ro, bg, pl, pt, it).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"from_stage": ["a"] * 4 + ["b"] * 2, "duration": [1, 2, 3, 4, 1, 2],
    ...                   "event": [1, 0, 1, 1, 1, 1], "entry": 0.0, "segment": "x",
    ...                   "origin": pd.to_datetime(["2025-01-05"] * 6)})
    >>> ex = ProgressionExplorer(d)
    >>> ex.controls["stage"].value = "a"
    >>> ex.result["estimate"].round(3).tolist()
    [1.0, 0.75, 0.75, 0.375, 0.0]
    """

    def __init__(
        self,
        durations: pd.DataFrame,
        *,
        group: str = "segment",
        weight: str | None = None,
        language: str = "en",
    ) -> None:
        import ipywidgets as w

        self.language = check_language(language)
        self.data = _require(
            durations, ["from_stage", "duration", "event", "origin", group], "durations"
        )
        self.group, self.weight = group, weight
        stages = (
            list(self.data["from_stage"].cat.categories)
            if isinstance(self.data["from_stage"].dtype, pd.CategoricalDtype)
            else list(pd.unique(self.data["from_stage"]))
        )
        stages = [str(s) for s in stages if (self.data["from_stage"] == s).any()]
        months = sorted(pd.to_datetime(self.data["origin"]).dt.to_period("M").astype(str).unique())
        self.controls = {
            "stage": w.Dropdown(options=stages, value=stages[0], description="Step from"),
            "segment": w.Dropdown(
                options=_options(self.data[group]), value=ALL, description=group.capitalize()
            ),
            "period": w.SelectionRangeSlider(
                options=months, index=(0, len(months) - 1), description="Entered"
            ),
            "weights": w.Checkbox(
                value=weight is not None, description="Weights", disabled=weight is None
            ),
        }
        self._build()

    def selection(self) -> pd.DataFrame:
        """The customers (rows of the step) the controls keep."""
        c = self.controls
        d = self.data
        keep = d["from_stage"].astype(str) == c["stage"].value
        if c["segment"].value != ALL:
            keep &= d[self.group].astype(str) == c["segment"].value
        month = pd.to_datetime(d["origin"]).dt.to_period("M").astype(str)
        first, last = c["period"].value
        keep &= (month >= first) & (month <= last)
        return d[keep]

    def _compute(self) -> pd.DataFrame:
        from cjresearch.timetoevent.progression import kaplan_meier

        rows = self.selection()
        if rows.empty:
            raise DataValidationError(
                "no customers match the selection", fix="choose another step, group or period"
            )
        by = self.group if self.controls["segment"].value == ALL else None
        weight = self.weight if self.controls["weights"].value else None
        return kaplan_meier(rows, by=by, weight=weight)

    def _chart(self) -> Any:
        from cjresearch.charts.progression import curve_chart

        by = self.group if self.controls["segment"].value == ALL else None
        return curve_chart(self.result, group=by)
