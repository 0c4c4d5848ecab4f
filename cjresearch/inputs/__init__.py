"""Inputs and validation: the client's files read, mapped and checked at the edge.

:mod:`~cjresearch.inputs.tables` (``read_table``: CSV, Parquet, Excel, SPSS; the CSV
reader in :mod:`~cjresearch.inputs.csvfiles`),
:mod:`~cjresearch.inputs.schema` (column mapping, ids, weights, timestamps),
:mod:`~cjresearch.inputs.ids` (the one id rule, in SQL, Arrow and pandas),
:mod:`~cjresearch.inputs.measures` (how a score column is read; the
:class:`~cjresearch.inputs.measures.Measure` class in :mod:`~cjresearch.inputs.measurespec`) and
:mod:`~cjresearch.inputs.surveys` (``read_survey``, ``read_customers``).
Every problem is a :class:`~cjresearch.core.errors.DataValidationError` naming
file, column, rows and fix.
"""

__all__: list[str] = []
