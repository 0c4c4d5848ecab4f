"""The event engine: the only code that reads and orders events.

:class:`~cjresearch.engine.eventlog.EventLog` validates a log in SQL, reads it
once (DuckDB, or Spark on a cluster) and gives the timeline, funnels,
transitions, paths and exposure.  :mod:`~cjresearch.engine.backends` wraps the
two engines, :mod:`~cjresearch.engine.prep` validates and encodes the log,
:mod:`~cjresearch.engine.scan` is the one pass over it (:mod:`~cjresearch.engine.scanlists`
its DuckDB strategy, :mod:`~cjresearch.engine.scanresult` what it yields),
:mod:`~cjresearch.engine.timeline` the per-customer stage timeline built from it,
:mod:`~cjresearch.engine.sequences` the path tables and
:mod:`~cjresearch.engine.exposure` the event counts before each stage.
"""

__all__: list[str] = []
