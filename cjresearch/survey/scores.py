"""Survey scores with confidence intervals: NPS, CSAT, CES, top/bottom box, Likert means.

Every score is a design-based mean (see :mod:`cjresearch.survey.design`): the NPS is
the mean of +1 (promoter, 9-10), 0 (passive, 7-8) and -1 (detractor, 0-6)
times 100; top-box scores are shares.  Each result row carries ``n`` (the
unweighted number of answers), ``estimate``, ``se``, ``ci_low``, ``ci_high``
and ``small_base`` (``n < min_base``), plus the grouping columns and a
``measure`` column naming the score.

Intervals: means and the NPS use t intervals on the design degrees of freedom
(PSUs minus strata; ``n - 1`` for a simple sample); shares use the Wilson
interval on the design-effective sample size (see
:func:`cjresearch.survey.design.share_interval`).  Groups with no answers are kept
as rows with ``n = 0`` and missing estimates, never dropped.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from cjresearch.core.columns import CI_HIGH, CI_LOW, ESTIMATE, SE, SMALL_BASE, N
from cjresearch.core.errors import DataValidationError, SmallSampleWarning
from cjresearch.inputs.schema import check_nps_use
from cjresearch.survey.design import SurveyDesign, as_design, numeric_column

if TYPE_CHECKING:
    from cjresearch.inputs.measures import Measure, MeasuresLike

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

DesignLike = SurveyDesign | Mapping[str, Any] | None
By = str | Sequence[str] | None


def _flag(out: pd.DataFrame, min_base: int, what: str) -> pd.DataFrame:
    if min_base < 0:
        raise DataValidationError(f"min_base must be >= 0, got {min_base}")
    out[SMALL_BASE] = out[N] < min_base
    small = int(out[SMALL_BASE].sum())
    if small:
        warnings.warn(
            f"{what}: {small} of {len(out)} groups have fewer than {min_base} answers "
            "(flagged small_base); read their intervals with care",
            SmallSampleWarning,
            stacklevel=3,
        )
    return out


def nps_category(values: pd.Series) -> pd.Series:
    """Promoter (9-10), passive (7-8) or detractor (0-6) for each 0-10 answer.

    Examples
    --------
    >>> import pandas as pd
    >>> nps_category(pd.Series([10, 7, 3, None])).tolist()
    ['promoter', 'passive', 'detractor', nan]
    """
    v = pd.to_numeric(values, errors="coerce")
    cat = np.select([v >= 9, v >= 7, v >= 0], ["promoter", "passive", "detractor"], default="")
    out = pd.Series(cat, index=values.index, dtype=object)
    out[v.isna()] = np.nan
    return pd.Series(
        pd.Categorical(out, categories=["detractor", "passive", "promoter"]),
        index=values.index,
        name="nps_group",
    ).astype(object)


def nps(
    data: pd.DataFrame,
    *,
    score: str = "nps",
    by: By = None,
    design: DesignLike = None,
    level: float = 0.95,
    min_base: int = 30,
    check_use: bool = True,
) -> pd.DataFrame:
    """Net Promoter Score (-100..100) with CI and the shares of promoters, passives, detractors.

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    score : str
        Column of 0-10 likelihood-to-recommend answers (whole numbers).
    by : str or list of str, optional
        Grouping columns (stage, touchpoint, segment, wave, ...).
    design : SurveyDesign or dict, optional
        The sampling design, e.g. ``{"weights": "weight", "strata": "stratum",
        "cluster": "psu"}``; unweighted simple random sample if omitted.
    level : float
        Confidence level.
    min_base : int
        Groups with fewer answers are flagged ``small_base``.
    check_use : bool
        Refuse a column of 30+ answers that all lie within 1-7, a 1-5 or 1-7
        rating whose "NPS" would be about -100 (see :func:`check_nps_use`);
        False accepts it (a filtered frame of detractors, say).

    Returns
    -------
    DataFrame
        Group columns, ``measure``, ``n``, ``estimate``, ``se``, ``ci_low``,
        ``ci_high``, ``promoters``, ``passives``, ``detractors`` (weighted
        shares, 0-1), ``small_base``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"nps": [10, 9, 8, 7, 6, 0, 10, 10], "seg": list("aaaabbbb")})
    >>> nps(df, by="seg", min_base=2)[["seg", "n", "estimate", "promoters"]]
      seg  n  estimate  promoters
    0   a  4      50.0        0.5
    1   b  4       0.0        0.5
    """
    d = as_design(data, design)
    v = numeric_column(d.data, score, source=d.source, low=0, high=10, integer=True)
    if check_use:
        check_nps_use(v, source=d.source, column=score)
    out = _nps_table(d, v.to_numpy(), by=by, level=level)
    return _flag(out, min_base, f"NPS of '{score}'")


def _nps_table(d: SurveyDesign, v: np.ndarray, *, by: By, level: float) -> pd.DataFrame:
    """NPS rows (before small-base flags) from checked 0-10 answers ``v`` (NaN = no answer)."""
    code = np.where(v >= 9, 1.0, np.where(v >= 7, 0.0, -1.0))
    code[np.isnan(v)] = np.nan
    out = d.mean(code, by=by, level=level)
    for col in (ESTIMATE, SE, CI_LOW, CI_HIGH):
        out[col] = out[col] * 100
    out[CI_LOW] = out[CI_LOW].clip(lower=-100)
    out[CI_HIGH] = out[CI_HIGH].clip(upper=100)
    _, _, codes = d.group_codes(by, warn=False)
    for name, val in (("promoters", 1.0), ("passives", 0.0), ("detractors", -1.0)):
        ind = np.where(np.isnan(code), np.nan, (code == val).astype(float))
        out[name] = d.domain_means(ind, codes, len(out))[0]
    out.insert(list(out.columns).index(N), "measure", "nps")
    return out.drop(columns=["deff", "n_eff"])


def likert(
    data: pd.DataFrame,
    *,
    item: str,
    scale: tuple[int, int] = (1, 5),
    top: int = 1,
    bottom: int = 1,
    by: By = None,
    design: DesignLike = None,
    level: float = 0.95,
    min_base: int = 30,
    measures: Sequence[str] = ("top_box", "bottom_box", "mean"),
) -> pd.DataFrame:
    """Top-box share, bottom-box share and mean of a Likert item, with intervals.

    ``top=2`` gives the top-2-box share (the ``top`` highest scale points).
    The result is long: one row per group and measure (``top{top}_box``,
    ``bottom{bottom}_box``, ``mean``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"q": [5, 4, 3, 1, 5]})
    >>> r = likert(df, item="q", top=2, min_base=1)
    >>> r[["measure", "n", "estimate"]]
           measure  n  estimate
    0     top2_box  5       0.6
    1  bottom1_box  5       0.2
    2         mean  5       3.6
    """
    lo_s, hi_s = scale
    if (
        not (isinstance(top, int) and isinstance(bottom, int))
        or top < 1
        or bottom < 1
        or top > hi_s - lo_s
        or bottom > hi_s - lo_s
    ):
        raise DataValidationError(
            f"top={top} / bottom={bottom} do not fit the scale {scale}",
            fix="use a number of scale points smaller than the scale length",
        )
    d = as_design(data, design)
    v = numeric_column(d.data, item, source=d.source, low=lo_s, high=hi_s, integer=True).to_numpy()
    out = _likert_table(
        d, v, scale=scale, top=top, bottom=bottom, by=by, level=level, measures=measures
    )
    out.insert(0, "item", item)
    return _flag(out, min_base, f"item '{item}'")


def _likert_table(
    d: SurveyDesign,
    v: np.ndarray,
    *,
    scale: tuple[float, float],
    top: int,
    bottom: int,
    by: By,
    level: float,
    measures: Sequence[str],
) -> pd.DataFrame:
    """Box shares and mean rows (before small-base flags) from checked answers ``v``."""
    lo_s, hi_s = scale
    parts = []
    for m in measures:
        if m == "top_box":
            ind = np.where(np.isnan(v), np.nan, (v > hi_s - top).astype(float))
            r = d.proportion(ind, by=by, level=level)
            name = f"top{top}_box"
        elif m == "bottom_box":
            ind = np.where(np.isnan(v), np.nan, (v < lo_s + bottom).astype(float))
            r = d.proportion(ind, by=by, level=level)
            name = f"bottom{bottom}_box"
        elif m == "mean":
            r = d.mean(v, by=by, level=level)
            name = "mean"
        else:
            raise DataValidationError(f"unknown measure {m!r}", fix="use top_box, bottom_box, mean")
        r = r.drop(columns=["deff", "n_eff"])
        r.insert(list(r.columns).index(N), "measure", name)
        parts.append(r)
    return pd.concat(parts, ignore_index=True)


def csat(
    data: pd.DataFrame,
    *,
    score: str = "csat",
    scale: tuple[int, int] = (1, 5),
    top: int = 2,
    by: By = None,
    design: DesignLike = None,
    level: float = 0.95,
    min_base: int = 30,
) -> pd.DataFrame:
    """CSAT: top-2-box share (satisfied) and mean, with intervals, per group.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"csat": [5, 4, 2, 5]})
    >>> csat(df, min_base=1)[["measure", "estimate"]]
        measure  estimate
    0  top2_box      0.75
    1      mean      4.00
    """
    return likert(
        data,
        item=score,
        scale=scale,
        top=top,
        by=by,
        design=design,
        level=level,
        min_base=min_base,
        measures=("top_box", "mean"),
    )


def ces(
    data: pd.DataFrame,
    *,
    score: str = "ces",
    scale: tuple[int, int] = (1, 7),
    top: int = 3,
    by: By = None,
    design: DesignLike = None,
    level: float = 0.95,
    min_base: int = 30,
) -> pd.DataFrame:
    """Customer Effort Score (CES 2.0, 1-7, higher = easier): share agreeing (5-7) and mean.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"ces": [7, 6, 2, 5]})
    >>> ces(df, min_base=1)[["measure", "estimate"]]
        measure  estimate
    0  top3_box      0.75
    1      mean      5.00
    """
    return likert(
        data,
        item=score,
        scale=scale,
        top=top,
        by=by,
        design=design,
        level=level,
        min_base=min_base,
        measures=("top_box", "mean"),
    )


def likert_distribution(
    data: pd.DataFrame,
    *,
    items: Sequence[str],
    scale: tuple[int, int] = (1, 5),
    by: By = None,
    design: DesignLike = None,
    level: float = 0.95,
    min_base: int = 30,
) -> pd.DataFrame:
    """Weighted share of each answer of each item (for diverging stacked bars), with intervals.

    Returns one row per item, group and answer: ``item``, group columns,
    ``answer``, ``n`` (answers to the item in the group), ``estimate``
    (share), ``ci_low``, ``ci_high``, ``small_base``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"q": [1, 2, 2, 3]})
    >>> likert_distribution(df, items=["q"], scale=(1, 3), min_base=1)[["answer", "estimate"]]
       answer  estimate
    0       1      0.25
    1       2      0.50
    2       3      0.25
    """
    if isinstance(items, str):
        items = [items]
    d = as_design(data, design)
    parts = []
    for item in items:
        v = numeric_column(
            d.data, item, source=d.source, low=scale[0], high=scale[1], integer=True
        ).to_numpy()
        for answer in range(scale[0], scale[1] + 1):
            ind = np.where(np.isnan(v), np.nan, (v == answer).astype(float))
            r = d.proportion(ind, by=by, level=level).drop(columns=["deff", "n_eff"])
            r.insert(0, "item", item)
            r.insert(list(r.columns).index(N), "answer", answer)
            parts.append(r)
    out = pd.concat(parts, ignore_index=True)
    group_cols = [] if by is None else ([by] if isinstance(by, str) else list(by))
    out = out.sort_values(["item", *group_cols, "answer"], kind="stable").reset_index(drop=True)
    return _flag(out, min_base, "Likert distribution")


def score(
    data: pd.DataFrame,
    measure: Measure | str,
    *,
    by: By = None,
    design: DesignLike = None,
    level: float = 0.95,
    min_base: int = 30,
    measures: MeasuresLike = None,
) -> pd.DataFrame:
    """The estimate of any measure with its interval, overall or per group.

    NPS: as :func:`cjresearch.survey.scores.nps` (-100..100); ``top_box`` and
    ``bottom_box``: as the box rows of :func:`cjresearch.survey.scores.likert`
    (shares 0-1, Wilson interval on the design-effective size); ``mean``:
    design-based mean with t interval; ``binary``: share of 1.  The same code
    paths compute them, so the numbers are identical.

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    measure : Measure or str
        A :class:`~cjresearch.inputs.measures.Measure`, or a name in ``measures``
        (or ``data.attrs["measures"]``), or a column that
        :func:`~cjresearch.inputs.measures.infer_measures` recognises.
    by : str or list of str, optional
        Grouping columns.
    design : SurveyDesign or dict, optional
        The sampling design.
    level : float
        Confidence level.
    min_base : int
        Groups with fewer answers are flagged ``small_base``.
    measures : mapping or list of Measure, optional
        Named measures to look ``measure`` up in.

    Returns
    -------
    DataFrame
        Group columns, ``measure`` (its name), ``kind``, ``n`` (answers left
        after na codes), ``estimate``, ``se``, ``ci_low``, ``ci_high``,
        ``small_base``.

    Examples
    --------
    >>> import pandas as pd, warnings
    >>> from cjresearch.inputs.measures import Measure
    >>> df = pd.DataFrame({"sat": [5, 4, 0, 2, 5, 1], "seg": list("aaabbb")})
    >>> m = Measure("sat", kind="top_box", scale=(1, 5), na_codes=[0])
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     score(df, m, by="seg")[["seg", "measure", "kind", "n", "estimate"]]
      seg measure     kind  n  estimate
    0   a     sat  top_box  2  1.000000
    1   b     sat  top_box  3  0.333333
    """
    from cjresearch.inputs.measures import resolve_measure  # measures builds on this module

    m = resolve_measure(measure, data=data, measures=measures)
    d = as_design(data, design)
    v = m.prepare(d.data, source=d.source).to_numpy()
    if m.kind == "nps":
        out = _nps_table(d, v, by=by, level=level).drop(
            columns=["promoters", "passives", "detractors"]
        )
    elif m.kind in ("top_box", "bottom_box"):
        out = _likert_table(
            d,
            v,
            scale=m.scale,  # type: ignore[arg-type]
            top=m.top,  # type: ignore[arg-type]
            bottom=m.bottom,  # type: ignore[arg-type]
            by=by,
            level=level,
            measures=(m.kind,),
        )
    elif m.kind == "binary":
        out = d.proportion(v, by=by, level=level).drop(columns=["deff", "n_eff"])
        out.insert(list(out.columns).index("n"), "measure", "")
    else:
        out = d.mean(v, by=by, level=level).drop(columns=["deff", "n_eff"])
        out.insert(list(out.columns).index("n"), "measure", "")
    out["measure"] = m.name
    out.insert(list(out.columns).index("measure") + 1, "kind", m.kind)
    return _flag(out, min_base, f"measure '{m.name}'")
