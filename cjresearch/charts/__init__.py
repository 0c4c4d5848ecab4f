"""Altair charts of cjresearch results; they draw, they never compute statistics.

Topic modules: :mod:`.events` (funnel, step conversion with a segment
dropdown), :mod:`.survey`, :mod:`.progression`, :mod:`.painpoints`,
:mod:`.journeymap`.  In a notebook, :func:`enable_offline` makes altair charts draw
without network (:mod:`.offline`).
"""

from cjresearch.charts.events import funnel_chart, step_chart
from cjresearch.charts.journeymap import journey_map_chart
from cjresearch.charts.offline import enable_offline
from cjresearch.charts.painpoints import (
    dropoff_chart,
    flow_chart,
    ipa_chart,
    painpoint_chart,
    touchpoint_chart,
    transition_chart,
)
from cjresearch.charts.progression import (
    conversion_chart,
    curve_chart,
    forest_chart,
    occupancy_chart,
)
from cjresearch.charts.survey import (
    driver_chart,
    likert_chart,
    nps_composition_chart,
    score_chart,
    theme_chart,
)

__all__ = [
    "conversion_chart",
    "curve_chart",
    "driver_chart",
    "dropoff_chart",
    "enable_offline",
    "flow_chart",
    "forest_chart",
    "funnel_chart",
    "ipa_chart",
    "journey_map_chart",
    "likert_chart",
    "nps_composition_chart",
    "occupancy_chart",
    "painpoint_chart",
    "score_chart",
    "step_chart",
    "theme_chart",
    "touchpoint_chart",
    "transition_chart",
]
