"""The ground floor: what every room shares and nothing else.

:mod:`~cjresearch.core.columns` (the column vocabulary of tidy results),
:mod:`~cjresearch.core.errors` (error and warning types),
:mod:`~cjresearch.core.paths` (project paths, atomic writes),
:mod:`~cjresearch.core.rows` (file row numbers for messages),
:mod:`~cjresearch.core.stats` (shared statistics: Wilson intervals, p-value
adjustment, the small-base rule), :mod:`~cjresearch.core.i18n` (fixed report
texts and number formats in six languages), :mod:`~cjresearch.core.tables` (result
frames as tables for readers), :mod:`~cjresearch.core.vega` (the offline Vega
bundle) and :mod:`~cjresearch.core.timeunits` (time units and their labels).
Nothing here imports from another room.
"""

__all__: list[str] = []
