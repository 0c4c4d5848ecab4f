"""Pain points and the journey map.

:mod:`~cjresearch.painpoints.signals` (drop-off, stalls, churn by stage),
:mod:`~cjresearch.painpoints.touchpoints` (touchpoint effects), :mod:`~cjresearch.painpoints.ranking` (excess loss,
survey and theme evidence, the ranked pain points),
:mod:`~cjresearch.painpoints.ipa` (importance vs performance),
:mod:`~cjresearch.painpoints.flows` (paths between stages),
:mod:`~cjresearch.painpoints.journeymap` (the customer journey map) and
:mod:`~cjresearch.painpoints.drilldown` (customer ids behind a finding).

The signals are also importable from here: ``from cjresearch.painpoints import dropoff``.
"""

from cjresearch.painpoints.signals import churn_by_stage, dropoff, slowest_steps
from cjresearch.painpoints.touchpoints import touchpoint_effects

__all__ = ["churn_by_stage", "dropoff", "slowest_steps", "touchpoint_effects"]
