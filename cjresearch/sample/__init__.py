"""The sample generator: synthetic clients with known ground truth.

:mod:`~cjresearch.sample.generator` (customers, events, CRM, files),
:mod:`~cjresearch.sample.simulate` (journeys as competing risks),
:mod:`~cjresearch.sample.survey` (answers with planted drivers) and
:mod:`~cjresearch.sample.text` (verbatims with planted themes and personal data).
``python -m cjresearch.sample --customers 3000 --out data/sample`` writes a sample.
"""

from cjresearch.sample.generator import (
    DEFAULT_SEED,
    SampleConfig,
    SampleData,
    SurveyConfig,
    TouchpointEffect,
    generate,
    main,
    write_event_log,
    write_sample,
)

__all__ = [
    "DEFAULT_SEED",
    "SampleConfig",
    "SampleData",
    "SurveyConfig",
    "TouchpointEffect",
    "generate",
    "main",
    "write_event_log",
    "write_sample",
]
