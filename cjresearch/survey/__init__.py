"""Survey analysis: scores of any measure, designs, comparisons, drivers, verbatims.

:mod:`~cjresearch.survey.scores` (NPS, CSAT, CES, top/bottom box, Likert, any
declared measure), :mod:`~cjresearch.survey.design` and
:mod:`~cjresearch.survey.weighting` (complex designs, raking, trimming) with
:mod:`~cjresearch.survey.estimation` (design-based intervals, influence values),
:mod:`~cjresearch.survey.crosstab` (comparisons, banners, waves),
:mod:`~cjresearch.survey.drivers` (reliability, key drivers) and
:mod:`~cjresearch.survey.text` (verbatim themes and quotes).

The scores are also importable from here: ``from cjresearch.survey import score``.
"""

from cjresearch.survey.scores import (
    ces,
    check_nps_use,
    csat,
    likert,
    likert_distribution,
    nps,
    nps_category,
    score,
)

__all__ = [
    "ces",
    "check_nps_use",
    "csat",
    "likert",
    "likert_distribution",
    "nps",
    "nps_category",
    "score",
]
