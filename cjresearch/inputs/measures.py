"""What a survey score means: the :class:`Measure` specification.

A survey need not have an NPS.  A :class:`Measure` says how one answer column
is read and summarised, so that every analysis (scores with
:func:`cjresearch.survey.scores.score`, comparisons, banners, theme differences, key
drivers) works on any survey:

==============  =====================================  ==================  ========================
``kind``        estimate                               satisfied           dissatisfied
==============  =====================================  ==================  ========================
``nps``         NPS -100..100 (scale 0-10)             promoters (9-10)    detractors (0-6)
``top_box``     share in the top ``top`` points        top ``top`` points  bottom ``bottom`` points
``bottom_box``  share in the bottom ``bottom`` points  top ``top`` points  bottom ``bottom`` points
``mean``        mean answer                            above the midpoint  below the midpoint
``binary``      share of 1 (the scale's high value)    1                   0
==============  =====================================  ==================  ========================

Shares are 0-1 (as :func:`cjresearch.survey.scores.csat`), the NPS -100..100 (as
:func:`cjresearch.survey.scores.nps`), means on the answer scale.  With
``higher_is_better=False`` (an effort scale where 7 = very difficult) the
satisfied and dissatisfied sides swap; the estimate itself is unchanged.  For
``mean`` the midpoint belongs to neither side (1-5: 4-5 against 1-2; 1-10:
6-10 against 1-5).

``na_codes`` are the values a survey tool uses for "not applicable" or "don't
know" (often 0, 9, 99 on a 1-5 scale).  :meth:`Measure.prepare` sets them to
missing, counts them and warns (:class:`~cjresearch.core.errors.RowsExcludedWarning`);
they are never used as ratings.  Any other value outside the scale is an error
naming column, rows, the values found, the declared scale and the fix.

:class:`Measure` is defined in :mod:`~cjresearch.inputs.measurespec`; this module
gives the measures of a survey: by name (:func:`named_measures`), the one meant
for a column (:func:`resolve_measure`) and those proposed from the data
(:func:`infer_measures`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.columns import RESPONDENT_ID, SEGMENT, STAGE, TOUCHPOINT, WAVE, WEIGHT
from cjresearch.core.errors import DataValidationError
from cjresearch.inputs.measurespec import KINDS, Measure
from cjresearch.inputs.schema import check_nps_use

__all__ = [
    "KINDS",
    "Measure",
    "MeasuresLike",
    "infer_measures",
    "named_measures",
    "resolve_measure",
]


MeasuresLike = Mapping[str, "Measure | Mapping[str, Any]"] | Sequence[Measure] | None


def named_measures(measures: MeasuresLike | Any) -> dict[str, Measure]:
    """``{name: Measure}`` from Measure objects or ``{name: Measure or config mapping}``.

    >>> named_measures({"sat": {"kind": "binary"}})["sat"].scale
    (0, 1)
    """
    if measures is None:
        return {}
    if isinstance(measures, Mapping):
        return {str(k): Measure.from_config(str(k), v) for k, v in measures.items()}
    out: dict[str, Measure] = {}
    for m in measures:
        if not isinstance(m, Measure):
            raise DataValidationError(
                f"measures= holds {m!r}, not a Measure",
                fix="pass Measure objects or a mapping {name: config}",
            )
        out[m.name] = m
    return out


def resolve_measure(
    measure: Measure | str | None,
    *,
    data: pd.DataFrame | None = None,
    measures: MeasuresLike = None,
    column: str | None = None,
) -> Measure:
    """The :class:`Measure` meant by ``measure``.

    A Measure is returned as is.  A name is looked up in ``measures`` (Measure
    objects or ``{name: config}``), then in ``data.attrs["measures"]`` (set
    by :func:`cjresearch.inputs.surveys.read_survey`).  Without a measure, the one
    :func:`infer_measures` proposes for ``column`` (or for the column named
    ``measure``) is used (a measure declared for that column in
    ``measures`` or ``data.attrs["measures"]`` comes first); if it proposes none the answer is an error asking
    for the measure: an NPS is never assumed for a column that is not a
    valid 0-10 NPS.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"csat": [1, 2, 5, 4, 3]})
    >>> resolve_measure(None, data=df, column="csat").kind
    'top_box'
    >>> resolve_measure("sat", measures={"sat": {"kind": "mean", "scale": [1, 5]}}).scale
    (1, 5)
    """
    if isinstance(measure, Measure):
        return measure
    known = named_measures(measures)
    if data is not None:
        known = {**named_measures(data.attrs.get("measures")), **known}
    if isinstance(measure, str) and measure in known:
        return known[measure]
    target = column if column is not None else measure
    if measure is None and target is not None:
        declared = [m for m in known.values() if m.column == target]
        if declared:
            return declared[0]
    if measure is not None and not isinstance(measure, str):
        raise DataValidationError(
            f"measure must be a Measure or a name, got {measure!r}",
            fix="pass Measure(...) or the name of one in measures=",
        )
    if target is not None and data is not None and target in data.columns:
        proposed = infer_measures(data[[target]])
        if target in proposed:
            return proposed[target]
        raise DataValidationError(
            "no measure says how to read this column, and it is not one of the common cases "
            "(NPS 0-10 named nps, CSAT 1-5, CES 1-7, 0/1 flag)",
            source="survey",
            column=target,
            fix=f"pass measure=Measure({target!r}, kind=..., scale=...), e.g. "
            f"Measure({target!r}, kind='mean', scale=(1, 5), na_codes=[0])",
        )
    if measure is None and target is not None and data is not None:
        raise DataValidationError(
            "column not found, and no measure was given",
            source="survey",
            column=target,
            fix="pass measure=Measure(name, kind=..., column=..., scale=...) for the survey's "
            f"score (columns are {list(data.columns)[:12]})",
        )
    raise DataValidationError(
        f"unknown measure {measure!r}",
        fix=f"pass a Measure, or one of the names {sorted(known)} "
        "given in measures=, or an answer column of the data",
    )


_NPS_NAMES = ("nps", "ltr", "recommend", "likelihood_to_recommend")
_NOT_MEASURES = {
    RESPONDENT_ID,
    "customer_id",
    WEIGHT,
    WAVE,
    STAGE,
    TOUCHPOINT,
    SEGMENT,
    "stratum",
    "strata",
    "psu",
    "cluster",
    "fpc",
    "channel",
    "date",
}


def infer_measures(data: pd.DataFrame) -> dict[str, Measure]:
    """Measures proposed from column names and values, for the common cases only.

    * a column named like ``nps`` (``nps``, ``nps_*``, ``*_nps``, ``ltr``,
      ``recommend``) whose answers are whole numbers within 0-10 and use the
      scale (not all within 1-7): ``nps``;
    * ``csat*`` with whole answers within 1-5: ``top_box`` (top 2 of 1-5, as
      :func:`cjresearch.survey.scores.csat`);
    * ``ces*`` with whole answers within 1-7: ``top_box`` (top 3 of 1-7, as
      :func:`cjresearch.survey.scores.ces`);
    * a boolean column, or a 0/1 column holding both values (ids, weights and
      design columns excepted): ``binary``.

    Nothing else is guessed (no na codes, no Likert scales): declare those
    with :class:`Measure`.  Never proposes an NPS for a column that is not 0-10.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"nps": [0, 10, 9, 7], "csat": [1, 5, 4, 3], "ok": [1, 0, 1, 1],
    ...                    "rating_app": [1, 5, 0, 2]})
    >>> {k: m.kind for k, m in infer_measures(df).items()}
    {'nps': 'nps', 'csat': 'top_box', 'ok': 'binary'}
    """
    if not isinstance(data, pd.DataFrame):
        raise DataValidationError(f"expected a pandas DataFrame, got {type(data).__name__}")
    out: dict[str, Measure] = {}
    for col in data.columns:
        name = str(col)
        raw = data[col]
        low = name.lower()
        if low in _NOT_MEASURES or low.endswith("_id"):
            continue
        if pd.api.types.is_bool_dtype(raw):
            out[name] = Measure(name, kind="binary")
            continue
        if not pd.api.types.is_numeric_dtype(raw):
            continue
        v = raw.dropna().astype(float)
        if v.empty or not (v == np.round(v)).all():
            continue
        lo, hi = v.min(), v.max()
        if (
            (low in _NPS_NAMES or low.startswith("nps_") or low.endswith("_nps"))
            and lo >= 0
            and hi <= 10
        ):
            try:
                check_nps_use(v, source="survey", column=name)
            except DataValidationError:
                continue
            out[name] = Measure(name, kind="nps")
        elif low.startswith("csat") and lo >= 1 and hi <= 5:
            out[name] = Measure(name, kind="top_box", scale=(1, 5), top=2)
        elif low.startswith("ces") and lo >= 1 and hi <= 7:
            out[name] = Measure(name, kind="top_box", scale=(1, 7), top=3)
        elif set(v.unique()) == {0.0, 1.0}:
            out[name] = Measure(name, kind="binary")
    return out
