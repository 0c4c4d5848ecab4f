"""Design-based comparisons between groups and waves, banner tables, multiple testing.

Tests of independence of a two-way table (Rao-Scott F and chi-square, as R's
``svychisq``) are :func:`~cjresearch.survey.chisq.rao_scott`, also importable
from here; :func:`banner` runs it on every table.

Differences between two groups are contrasts of domain estimates of one
design (see :mod:`cjresearch.survey.design`): their standard error comes from the
linearised influence values of both groups, so weights, strata and clusters
(and a shared PSU across groups) are respected.  Tests are Wald t tests on the
design degrees of freedom; intervals use the same t quantile.  Waves are
compared the same way; if waves are independent samples, declaring the wave as
a stratum of the design makes their estimates independent, as they are.

Multiple testing: p-values of a family (all pairs of a comparison, all cells of
a banner) are adjusted with statsmodels' ``multipletests``; Holm (family-wise
error) by default, ``"fdr_bh"`` for Benjamini-Hochberg.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from cjresearch.core.columns import (
    BASE,
    CI_HIGH,
    CI_LOW,
    EFFECT,
    ESTIMATE,
    P_VALUE,
    SE,
    SMALL_BASE,
    N,
)
from cjresearch.core.errors import DataValidationError
from cjresearch.core.stats import adjust_pvalues
from cjresearch.inputs.measures import Measure, MeasuresLike, named_measures, resolve_measure
from cjresearch.survey.chisq import rao_scott
from cjresearch.survey.design import SurveyDesign, as_design, interval, share_interval

__all__ = ["adjust_pvalues", "banner", "banner_table", "compare", "compare_waves", "rao_scott"]

DesignLike = SurveyDesign | Mapping[str, Any] | None


_LEGACY = {
    "nps": "nps",
    "mean": "mean",
    "top_box": "top_box",
    "bottom_box": "bottom_box",
    "share": "binary",
    "binary": "binary",
}


def _measure(
    data: pd.DataFrame,
    score: str | None,
    measure: Measure | str | None,
    measures: MeasuresLike,
    scale: tuple[int, int],
    top: int,
) -> Measure:
    """The measure of a comparison (see :func:`compare`)."""
    if isinstance(measure, Measure):
        if score is not None and score != measure.column:
            raise DataValidationError(
                f"score={score!r} and measure '{measure.name}' (column "
                f"'{measure.column}') disagree",
                fix="leave score out when passing a Measure",
            )
        return measure
    named = {**named_measures(data.attrs.get("measures")), **named_measures(measures)}
    if isinstance(measure, str) and measure in named:
        return resolve_measure(measure, data=data, measures=measures)
    if isinstance(measure, str) and measure in _LEGACY:
        kind = _LEGACY[measure]
        column = "nps" if score is None else score
        if kind == "top_box":
            return Measure(measure, kind=kind, column=column, scale=(scale[0], scale[1]), top=top)
        if kind == "bottom_box":
            return Measure(
                measure, kind=kind, column=column, scale=(scale[0], scale[1]), bottom=top
            )
        return Measure(measure, kind=kind, column=column)
    if measure is not None:
        return resolve_measure(measure, data=data, measures=measures)
    return resolve_measure(None, data=data, column="nps" if score is None else score)


def compare(
    data: pd.DataFrame,
    *,
    by: str,
    score: str | None = None,
    measure: Measure | str | None = None,
    measures: MeasuresLike = None,
    design: DesignLike = None,
    pairs: str | Sequence[tuple[Any, Any]] = "all",
    scale: tuple[int, int] = (1, 5),
    top: int = 2,
    level: float = 0.95,
    adjust: str | None = "holm",
    min_base: int = 30,
) -> pd.DataFrame:
    """Differences of a score between groups (``effect = estimate_b - estimate_a``).

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    by : str
        The grouping column (segment, persona, wave, ...).
    score : str, optional
        The answer column (``"nps"`` if neither it nor a Measure is given).
    measure : Measure or str, optional
        What to compare (see :mod:`cjresearch.inputs.measures`): a
        :class:`~cjresearch.inputs.measures.Measure`; the name of one in
        ``measures`` (or in ``data.attrs["measures"]`` from
        :func:`~cjresearch.inputs.surveys.read_survey`); or one of the kinds
        ``"nps"`` (-100..100), ``"mean"``, ``"top_box"``, ``"bottom_box"``
        (share of the box on ``scale``, ``top`` points) or ``"share"`` /
        ``"binary"`` (share of 1 in a 0/1 column) applied to ``score``.
        Omitted: the measure :func:`~cjresearch.inputs.measures.infer_measures`
        proposes for ``score`` (NPS only for a valid 0-10 column named like
        ``nps``; CSAT 1-5 and CES 1-7 as top-box shares; 0/1 flags); any
        other column is an error asking for the measure.  Na codes of the
        measure are set to missing (counted, warned) and the scale is checked.
    measures : mapping or list of Measure, optional
        Named measures, ``{name: Measure or config}``.
    design : SurveyDesign or dict, optional
        The sampling design.
    pairs : "all", "consecutive" or list of (a, b)
        Which pairs of groups; "consecutive" compares each group with the
        next in sort (or category) order, as for waves.
    scale, top : (int, int), int
        Scale and box size of ``measure="top_box"`` (``"bottom_box"``: its
        size); a Measure carries its own.
    level : float
        Confidence level of the difference.
    adjust : str or None
        Multiple-testing method for ``p_adjusted`` over all pairs.
    min_base : int
        Pairs where a group has fewer answers are flagged ``small_base``.

    Returns
    -------
    DataFrame
        ``measure`` (its name), ``kind``, ``group_a``, ``group_b``, ``n_a``,
        ``n_b``, ``estimate_a``, ``estimate_b``, ``effect``, ``se``,
        ``ci_low``, ``ci_high``, ``p_value``, ``p_adjusted``, ``small_base``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"nps": [10, 9, 10, 8, 3, 2, 9, 1], "seg": list("aaaabbbb")})
    >>> r = compare(df, by="seg", min_base=1)
    >>> r[["group_a", "group_b", "effect"]]
      group_a group_b  effect
    0       a       b  -125.0

    A 1-5 rating where 0 means "not applicable":

    >>> import warnings
    >>> from cjresearch.inputs.measures import Measure
    >>> df["ease"] = [5, 4, 0, 5, 2, 1, 0, 3]
    >>> ease = Measure("ease", kind="mean", scale=(1, 5), na_codes=[0])
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     r = compare(df, by="seg", measure=ease, min_base=1)
    >>> r[["measure", "kind", "n_a", "n_b", "estimate_a", "estimate_b"]]
      measure  kind  n_a  n_b  estimate_a  estimate_b
    0    ease  mean    3    3    4.666667         2.0
    """
    m = _measure(data, score, measure, measures, scale, top)
    d = as_design(data, design)
    y = m.code(m.prepare(d.data, source=d.source))
    _, groups, codes = d.group_codes(by)
    est, n, _, infl = d.domain_means(y, codes, len(groups))
    labels = list(groups[by])
    index = {g: i for i, g in enumerate(labels)}
    if isinstance(pairs, str):
        if pairs == "all":
            chosen = list(combinations(range(len(labels)), 2))
        elif pairs == "consecutive":
            chosen = [(i, i + 1) for i in range(len(labels) - 1)]
        else:
            raise DataValidationError(
                f"pairs must be 'all', 'consecutive' or a list, got {pairs!r}"
            )
    else:
        chosen = []
        for a, b in pairs:
            for g in (a, b):
                if g not in index:
                    raise DataValidationError(
                        f"group {g!r} not found in '{by}'", fix=f"use one of {labels[:12]}"
                    )
            chosen.append((index[a], index[b]))
    if not chosen:
        raise DataValidationError(f"'{by}' has fewer than two groups to compare", column=by)
    rows = []
    for i, j in chosen:
        coef = np.zeros(len(labels))
        coef[i], coef[j] = -1.0, 1.0
        if n[i] == 0 or n[j] == 0:
            eff, se = np.nan, np.nan
        else:
            eff, se = d.contrast(infl, est, coef)
        rows.append(
            {
                "group_a": labels[i],
                "group_b": labels[j],
                "n_a": int(n[i]),
                "n_b": int(n[j]),
                "estimate_a": est[i],
                "estimate_b": est[j],
                EFFECT: eff,
                SE: se,
            }
        )
    out = pd.DataFrame(rows)
    lo, hi = interval(out[EFFECT], out[SE], level=level, df=d.degf)
    out[CI_LOW], out[CI_HIGH] = lo, hi
    with np.errstate(divide="ignore", invalid="ignore"):
        t = out[EFFECT] / out[SE]
    out[P_VALUE] = np.where(out[SE] > 0, 2 * stats.t.sf(np.abs(t), d.degf), np.nan)
    out["p_adjusted"] = adjust_pvalues(out[P_VALUE].to_numpy(), method=adjust)
    out[SMALL_BASE] = (out["n_a"] < min_base) | (out["n_b"] < min_base)
    out.insert(0, "measure", m.name)
    out.insert(1, "kind", m.kind)
    return out


def compare_waves(
    data: pd.DataFrame,
    *,
    wave: str = "wave",
    score: str | None = None,
    measure: Measure | str | None = None,
    measures: MeasuresLike = None,
    design: DesignLike = None,
    **options: Any,
) -> pd.DataFrame:
    """Change of a score between consecutive waves (see :func:`compare` for ``measure``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"nps": [10, 9, 2, 10, 9, 9], "wave": ["Q1"] * 3 + ["Q2"] * 3})
    >>> round(float(compare_waves(df, min_base=1)["effect"].iloc[0]), 1)
    66.7
    """
    return compare(
        data,
        by=wave,
        score=score,
        measure=measure,
        measures=measures,
        design=design,
        pairs="consecutive",
        **options,
    )


def _points(m: Measure) -> list[float]:
    """Every answer of a measure's short whole-number scale (binary: 0, 1); else empty."""
    lo_s, hi_s = (0, 1) if m.kind == "binary" else (m.scale or (0.5, 0))
    if float(lo_s).is_integer() and float(hi_s).is_integer() and 0 < hi_s - lo_s <= 10:
        return [float(a) for a in range(int(lo_s), int(hi_s) + 1)]
    return []


def banner(
    data: pd.DataFrame,
    *,
    row: str | None = None,
    columns: str,
    measure: Measure | str | None = None,
    measures: MeasuresLike = None,
    design: DesignLike = None,
    level: float = 0.95,
    alpha: float = 0.05,
    adjust: str | None = "holm",
    min_base: int = 30,
    total: bool = True,
) -> pd.DataFrame:
    """Banner cross-tab: weighted column percentages of ``row`` answers by ``columns`` groups.

    With ``measure`` (a :class:`~cjresearch.inputs.measures.Measure` or the name of
    one in ``measures``) the row variable is that measure's column read by
    :meth:`~cjresearch.inputs.measures.Measure.prepare`: na codes are left out of
    the base (counted, warned), the scale is checked, binary labels become
    0/1, and every point of a whole-number scale gets a row (also when
    nobody chose it).

    Each column group gets a letter (A, B, ...).  A cell lists in
    ``higher_than`` the letters of the columns whose share it exceeds
    significantly (design-based t test of the difference of shares, p-values
    adjusted with ``adjust`` over all the table's comparisons, at ``alpha``).
    The test of the whole table (are answers and columns independent?) is
    the design-based Rao-Scott F and chi-square of :func:`rao_scott`, kept in
    ``result.attrs["independence"]`` and shown by :func:`banner_table`.

    Returns
    -------
    DataFrame
        One row per answer and column: ``answer``, ``column``, ``letter``,
        ``n`` (respondents giving the answer), ``base`` (respondents in the
        column with an answer), ``estimate`` (weighted share, 0-1), ``se``,
        ``ci_low``, ``ci_high`` (Wilson on the design-effective size),
        ``higher_than``, ``small_base``.  With ``total=True`` a "Total"
        column (no letter) comes first.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"q": ["yes"] * 45 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 40,
    ...                    "seg": ["a"] * 50 + ["b"] * 50})
    >>> b = banner(df, row="q", columns="seg", total=False)
    >>> b[["answer", "column", "letter", "estimate"]]
      answer column letter  estimate
    0     no      a      A       0.1
    1     no      b      B       0.8
    2    yes      a      A       0.9
    3    yes      b      B       0.2
    >>> b["higher_than"].tolist()
    ['', 'A', 'B', '']
    """
    d = as_design(data, design)
    m = None
    if measure is not None:
        m = (
            measure
            if isinstance(measure, Measure)
            else resolve_measure(measure, data=data, measures=measures)
        )
        if row is not None and row != m.column:
            raise DataValidationError(
                f"row={row!r} and measure '{m.name}' (column '{m.column}') disagree",
                fix="leave row out when passing a measure",
            )
        row = m.column
    if row is None:
        raise DataValidationError(
            "banner needs the row variable", fix="pass row='column' or measure=..."
        )
    for c in (row, columns):
        if c not in d.data.columns:
            raise DataValidationError(
                "column not found",
                source=d.source,
                column=c,
                fix=f"use one of {list(d.data.columns)[:12]}",
            )
    answers_col = d.data[row] if m is None else m.prepare(d.data, source=d.source)
    if isinstance(answers_col.dtype, pd.CategoricalDtype):
        answers = list(answers_col.cat.categories)
    elif m is not None and _points(m):
        answers = _points(m)
    else:
        answers = sorted(answers_col.dropna().unique(), key=str)
    if not answers:
        raise DataValidationError("no answers in the row variable", source=d.source, column=row)
    _, groups, codes = d.group_codes(columns)
    labels = list(groups[columns])
    if len(labels) > 26:
        raise DataValidationError(
            f"{len(labels)} column groups; letters run out after 26",
            column=columns,
            fix="merge small groups",
        )
    letters = list(string.ascii_uppercase[: len(labels)])
    answered = answers_col.notna().to_numpy()
    parts, tests = [], []
    for ans in answers:
        ind = np.where(answered, (answers_col == ans).to_numpy(dtype=float), np.nan)
        est, base, _, infl = d.domain_means(ind, codes, len(labels))
        se = np.sqrt(np.clip(d.variance_diag(infl), 0, None))
        cnt = np.bincount(
            np.where(codes >= 0, codes, 0), weights=(ind == 1) & (codes >= 0), minlength=len(labels)
        )
        lo, hi = share_interval(est, se, base, level=level, df=d.degf)
        for k, lab in enumerate(labels):
            parts.append(
                {
                    "answer": ans,
                    "column": lab,
                    "letter": letters[k],
                    N: int(cnt[k]),
                    BASE: int(base[k]),
                    ESTIMATE: est[k],
                    SE: se[k],
                    CI_LOW: lo[k],
                    CI_HIGH: hi[k],
                }
            )
        for i, j in combinations(range(len(labels)), 2):
            if base[i] == 0 or base[j] == 0:
                continue
            coef = np.zeros(len(labels))
            coef[i], coef[j] = 1.0, -1.0
            eff, s = d.contrast(infl, est, coef)
            p = 2 * stats.t.sf(abs(eff / s), d.degf) if s > 0 else np.nan
            tests.append((ans, i, j, eff, p))
    out = pd.DataFrame(parts)
    out["higher_than"] = ""
    whole = pd.api.types.is_float_dtype(answers_col) and all(float(a).is_integer() for a in answers)
    if tests:
        padj = adjust_pvalues(np.array([t[4] for t in tests]), method=adjust)
        pos = {
            (a, lab): k for k, (a, lab) in enumerate(zip(out["answer"], out["column"], strict=True))
        }
        marks: dict[int, list[str]] = {}
        for (ans, i, j, eff, _), p in zip(tests, padj, strict=True):
            if not np.isnan(p) and p < alpha:
                hi_k, lo_k = (i, j) if eff > 0 else (j, i)
                marks.setdefault(pos[(ans, labels[hi_k])], []).append(letters[lo_k])
        for k, ls in marks.items():
            out.loc[k, "higher_than"] = "".join(sorted(ls))
    out[SMALL_BASE] = out[BASE] < min_base
    if total:
        rows = []
        all_codes = np.where(answered, 0, -1)
        for ans in answers:
            ind = np.where(answered, (answers_col == ans).to_numpy(dtype=float), np.nan)
            est, base, _, infl = d.domain_means(ind, all_codes, 1)
            se = np.sqrt(np.clip(d.variance_diag(infl), 0, None))
            lo, hi = share_interval(est, se, base, level=level, df=d.degf)
            rows.append(
                {
                    "answer": ans,
                    "column": "Total",
                    "letter": "",
                    N: int(np.nansum(ind)),
                    BASE: int(base[0]),
                    ESTIMATE: est[0],
                    SE: se[0],
                    CI_LOW: lo[0],
                    CI_HIGH: hi[0],
                    "higher_than": "",
                    SMALL_BASE: base[0] < min_base,
                }
            )
        out = pd.concat([pd.DataFrame(rows), out], ignore_index=True)
        out["column"] = pd.Categorical(out["column"], categories=["Total", *labels])
        out = out.sort_values(["answer", "column"], kind="stable", key=None).reset_index(drop=True)
        out["column"] = out["column"].astype(object)
    if whole:  # scores read as floats: show 4, not 4.0
        out["answer"] = out["answer"].astype(int)
    n_answers = answers_col[answered & (codes >= 0)].nunique()
    if n_answers > 1 and len(np.unique(codes[answered & (codes >= 0)])) > 1:
        table_design = d.with_weights(d.weights_)
        table_design.data = d.data.assign(**{row: answers_col.to_numpy()})
        out.attrs["independence"] = rao_scott(
            table_design.data, row=row, column=columns, design=table_design
        )
    return out


def banner_table(result: pd.DataFrame, *, decimals: int = 0) -> pd.DataFrame:
    """Display form of :func:`banner`: answers x columns, cells like ``"45% B"``, bases last.

    Small bases are marked with ``*``.  When the banner carries its test of
    independence, a last row ``independence`` gives the Rao-Scott F, its
    degrees of freedom and p-value (in the first column).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"q": ["yes"] * 45 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 40,
    ...                    "seg": ["a"] * 50 + ["b"] * 50})
    >>> t = banner_table(banner(df, row="q", columns="seg", total=False))
    >>> t.to_dict("index")
    {'no': {'a (A)': '10%', 'b (B)': '80% A'}, 'yes': {'a (A)': '90% B', 'b (B)': '20%'}, 'base': {'a (A)': '50', 'b (B)': '50'}, 'independence': {'a (A)': 'Rao-Scott F(1.0, 99.0) = 49.00, p < 0.001', 'b (B)': ''}}
    """
    r = result.copy()
    head = np.where(
        r["letter"] != "",
        r["column"].astype(str) + " (" + r["letter"] + ")",
        r["column"].astype(str),
    )
    r["head"] = head
    order = list(dict.fromkeys(head))
    cell = (
        (r[ESTIMATE] * 100)
        .round(decimals)
        .map(lambda v: "" if np.isnan(v) else f"{v:.{decimals}f}%")
    )
    cell = cell + np.where(r["higher_than"] != "", " " + r["higher_than"], "")
    cell = cell + np.where(r[SMALL_BASE], " *", "")
    r["cell"] = cell
    table = r.pivot(index="answer", columns="head", values="cell")[order]
    bases = r.drop_duplicates("head").set_index("head")[BASE][order]
    table.loc["base"] = bases.astype(str)
    test = result.attrs.get("independence")
    if test is not None:
        f = test.iloc[0]
        p = f[P_VALUE]
        shown = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
        table.loc["independence"] = ""
        table.loc["independence", order[0]] = (
            f"Rao-Scott F({f['df']:.1f}, {f['df_denominator']:.1f}) = {f['statistic']:.2f}, {shown}"
        )
    table.columns.name = "column"
    return table
