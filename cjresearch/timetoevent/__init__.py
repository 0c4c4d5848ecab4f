"""Time-to-event analysis of stage progression: censoring handled, never hidden.

:mod:`~cjresearch.timetoevent.durations` (waiting times per step, in one time
unit), :mod:`~cjresearch.timetoevent.progression` (Kaplan-Meier, conversion by
horizon, medians, restricted means, log-rank),
:mod:`~cjresearch.timetoevent.competing` (Aalen-Johansen, Gray's test, Fine-Gray),
:mod:`~cjresearch.timetoevent.coxmodels` (Cox models, fitted by
:mod:`~cjresearch.timetoevent.coxfit`; exposure covariates in
:mod:`~cjresearch.timetoevent.exposure`),
:mod:`~cjresearch.timetoevent.multistate` (stage occupancy),
:mod:`~cjresearch.timetoevent.designsurvival` (survival curves of a complex survey,
as R's ``svykm``) and
:mod:`~cjresearch.timetoevent.survtables` (shared risk-set tables).
"""

__all__: list[str] = []
