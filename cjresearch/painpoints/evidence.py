"""Survey evidence for pain points: how respondents who met a touchpoint answer.

:func:`survey_evidence` compares the ratings, outcome and effort of respondents
exposed to each touchpoint with the others (Welch differences, adjusted
p-values); :func:`theme_evidence` asks whether a touchpoint's verbatim theme is
mentioned more by the dissatisfied.
:func:`~cjresearch.painpoints.ranking.rank_painpoints` puts them beside the
behavioural evidence.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from cjresearch.core.columns import CI_HIGH, CI_LOW, EFFECT, N
from cjresearch.core.errors import (
    DataValidationError,
    SmallSampleWarning,
    UnreliableEstimateWarning,
)
from cjresearch.core.stats import adjust_pvalues, check_level
from cjresearch.inputs.measures import Measure, MeasuresLike, named_measures
from cjresearch.painpoints.signals import (
    check_frame,
)

__all__ = ["survey_evidence", "theme_evidence"]


def _exposed_ids(exposure: pd.DataFrame, touchpoint: str) -> set[str]:
    return set(exposure.loc[exposure["event"].astype(str) == touchpoint, "customer_id"].astype(str))


def _gap(frame: pd.DataFrame, column: str, flag: np.ndarray, level: float) -> dict[str, float]:
    """Welch difference of means (exposed minus not) with its interval and p-value."""
    y = pd.to_numeric(frame[column], errors="coerce").to_numpy(float)
    a, b = y[flag & ~np.isnan(y)], y[~flag & ~np.isnan(y)]
    if len(a) < 2 or len(b) < 2:
        return {"gap": np.nan, "lo": np.nan, "hi": np.nan, "p": np.nan, "n": len(a)}
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    se = np.sqrt(va + vb)
    if se == 0:
        return {
            "gap": float(a.mean() - b.mean()),
            "lo": np.nan,
            "hi": np.nan,
            "p": np.nan,
            "n": len(a),
        }
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    t = float(stats.t.ppf(0.5 + check_level(level) / 2, df))
    gap = float(a.mean() - b.mean())
    return {
        "gap": gap,
        "lo": gap - t * se,
        "hi": gap + t * se,
        "p": float(2 * stats.t.sf(abs(gap / se), df)),
        "n": len(a),
    }


def survey_evidence(
    survey: pd.DataFrame,
    exposure: pd.DataFrame,
    *,
    ratings: Mapping[str, str],
    outcome: str | None = "overall_sat",
    effort: str | None = "ces",
    effort_higher_is_easier: bool = True,
    importance: pd.DataFrame | None = None,
    level: float = 0.95,
    method: str = "holm",
    if_unlinked: str = "error",
    measures: MeasuresLike = None,
) -> pd.DataFrame:
    """How respondents who met a touchpoint answer, against the other respondents.

    Respondents are linked to the event log by ``customer_id`` (respondents
    without one are left out); *exposed* means the customer's log holds the
    touchpoint, anywhere (``EventLog.exposure()`` lists whole-log rows for
    this, so a touchpoint after the last stage entered also counts).  Per touchpoint in
    ``ratings`` (``{touchpoint: rating column}``): the difference of the mean
    rating (exposed minus not, Welch interval and test, unweighted), of the
    ``outcome`` and of ``effort`` (signed so that a negative gap is always
    worse), p-values adjusted over touchpoints per measure, and, from an
    :func:`cjresearch.painpoints.ipa.importance_performance` table, the rating's
    importance.

    ``measures`` (Measure objects or ``{name: config}``, matched to the
    rating, outcome and effort columns by their ``column``) sets their na
    codes to missing (counted, warned) and checks their scales before the
    gaps are computed; a measure of the effort column with
    ``higher_is_better=False`` signs its gap as ``effort_higher_is_easier=False``.

    ``if_unlinked="empty"`` returns an empty frame (and warns) instead of
    raising when the survey has no ``customer_id`` column or no respondent
    links to the log; :func:`rank_painpoints` then reports "no linked survey".

    Returns
    -------
    DataFrame
        One row per touchpoint: ``touchpoint``, ``rating``, ``respondents``
        (linked), ``n`` (exposed respondents), ``rating_gap`` with
        ``rating_gap_ci_low``, ``rating_gap_ci_high``, ``rating_gap_p_adjusted``
        (adjusted over the touchpoints); the same with
        ``outcome_`` and ``effort_`` prefixes; ``importance``,
        ``high_importance``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"customer_id": list("abcdef"), "r": [1, 2, 1, 4, 5, 4]})
    >>> ex = pd.DataFrame({"customer_id": list("abc"), "stage": "x", "event": "err", "n": 1})
    >>> e = survey_evidence(s, ex, ratings={"err": "r"}, outcome=None, effort=None)
    >>> float(e["rating_gap"].iloc[0])
    -3.0
    """
    if if_unlinked not in ("error", "empty"):
        raise DataValidationError(
            f"if_unlinked={if_unlinked!r} is not allowed", fix="use 'error' or 'empty'"
        )
    check_frame(exposure, ["customer_id", "event"], "exposure")
    known = set(exposure["customer_id"].astype(str))
    unlinked = (
        "customer_id" not in survey.columns
        or not survey["customer_id"].dropna().astype(str).isin(known).any()
    )
    if unlinked and if_unlinked == "empty":
        warnings.warn(
            "the survey does not link to the event log (no customer_id matches): "
            "the pain points go without survey evidence",
            UnreliableEstimateWarning,
            stacklevel=2,
        )
        return pd.DataFrame(columns=["touchpoint", "rating", "respondents", N])
    check_frame(survey, ["customer_id", *ratings.values()], "survey")
    linked = survey[survey["customer_id"].notna()]
    if unlinked:
        raise DataValidationError(
            "no survey respondent links to a customer of the event log",
            source="survey",
            column="customer_id",
            fix="check that survey customer ids use the log's format",
        )
    by_column = {m.column: m for m in named_measures(measures).values()}
    if by_column:
        linked = linked.copy()
        wanted = {c for c in (*ratings.values(), outcome, effort) if c is not None}
        for name in wanted & set(by_column) & set(linked.columns):
            linked[name] = by_column[name].prepare(linked, source="survey")
        if effort is not None and effort in by_column:
            effort_higher_is_easier = by_column[effort].higher_is_better
    ids = linked["customer_id"].astype(str).to_numpy()
    rows = []
    for tp, col in ratings.items():
        flag = np.isin(ids, list(_exposed_ids(exposure, tp)))
        row: dict[str, Any] = {"touchpoint": tp, "rating": col, "respondents": len(linked)}
        for prefix, column, sign in (
            ("rating", col, 1.0),
            ("outcome", outcome, 1.0),
            ("effort", effort, 1.0 if effort_higher_is_easier else -1.0),
        ):
            if column is None or column not in linked.columns:
                continue
            g = _gap(linked, column, flag, level)
            lo, hi = sorted((sign * g["lo"], sign * g["hi"]))
            row.update(
                {
                    f"{prefix}_gap": sign * g["gap"],
                    f"{prefix}_gap_ci_low": lo,
                    f"{prefix}_gap_ci_high": hi,
                    f"{prefix}_gap_p_adjusted": g["p"],
                }
            )
            if prefix == "rating":  # n: exposed respondents who rated the touchpoint
                row[N] = g["n"]
        rows.append(row)
    out = pd.DataFrame(rows)
    for prefix in ("rating", "outcome", "effort"):
        if (col := f"{prefix}_gap_p_adjusted") in out:
            out[col] = adjust_pvalues(out[col].to_numpy(float), method=method)
    if importance is not None:
        imp = importance.set_index("driver")
        out["importance"] = out["rating"].map(imp["importance"])
        out["high_importance"] = out["rating"].map(imp["high_importance"]).astype("boolean")
    return out


def theme_evidence(
    survey: pd.DataFrame,
    themes: pd.DataFrame,
    *,
    theme_map: Mapping[str, str],
    score: str | None = None,
    measure: Measure | str | None = None,
    measures: MeasuresLike = None,
    n_quotes: int = 2,
    level: float = 0.95,
    method: str = "holm",
) -> pd.DataFrame:
    """Per touchpoint's theme: mentioned more by the dissatisfied than the satisfied? With quotes.

    ``themes`` is :func:`cjresearch.survey.text.find_themes` of the survey;
    ``theme_map`` is ``{touchpoint: theme}``.  Uses
    :func:`cjresearch.survey.text.theme_differences` (share among the dissatisfied
    minus among the satisfied side of ``measure``: detractors and promoters
    for an NPS, the default when ``score``, ``"nps"`` if omitted, is a valid
    0-10 NPS; adjusted p-values) and :func:`cjresearch.survey.text.quotes`
    (redacted).

    Returns
    -------
    DataFrame
        ``touchpoint``, ``theme``, ``theme_mentions``, ``theme_gap``,
        ``theme_gap_ci_low``, ``theme_gap_ci_high``, ``theme_gap_p_adjusted``, ``quotes`` (redacted,
        joined by " | ").

    Examples
    --------
    >>> import pandas as pd
    >>> from cjresearch.survey.text import find_themes
    >>> s = pd.DataFrame({"nps": [0, 1, 2, 3, 9, 10, 10, 9],
    ...                   "comment": ["late, mail me at a@b.com"] * 4 + ["great shop"] * 4})
    >>> t = theme_evidence(s, find_themes(s, language=None), theme_map={"d": "late_delivery"})
    >>> t["quotes"].iloc[0]
    'late, mail me at [email]'
    """
    from cjresearch.survey.text import quotes, theme_differences

    missing = sorted(set(theme_map.values()) - set(themes.columns))
    if missing:
        raise DataValidationError(
            f"unknown theme(s) {missing}",
            source="theme_map",
            fix=f"use themes from {list(themes.columns)}",
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        diff = theme_differences(
            survey,
            themes[sorted(set(theme_map.values()))],
            score=score,
            measure=measure,
            measures=measures,
            level=level,
            adjust=method,
        ).set_index("theme")
    rows = []
    for tp, th in theme_map.items():
        q = quotes(survey, themes, theme=th, n=n_quotes)["quote"].tolist()
        r = diff.loc[th]
        rows.append(
            {
                "touchpoint": tp,
                "theme": th,
                "theme_mentions": int(themes[th].fillna(False).astype(bool).sum()),
                "theme_gap": r[EFFECT],
                "theme_gap_ci_low": r[CI_LOW],
                "theme_gap_ci_high": r[CI_HIGH],
                "theme_gap_p_adjusted": r["p_adjusted"],
                "quotes": " | ".join(q),
            }
        )
    return pd.DataFrame(rows)


#: Points of the scoring rule (see :func:`rank_painpoints`).
