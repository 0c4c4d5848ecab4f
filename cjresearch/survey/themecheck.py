"""How well found themes agree with hand-coded ones: precision and recall with intervals.

A researcher who codes a few dozen comments by hand can check the themes (or
the sentiment) on the client's own comments before quoting them; the package's
benchmark does the same on its evaluation set (``tests/data/verbatims``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from numbers import Integral
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.core.stats import wilson_interval

if TYPE_CHECKING:
    from cjresearch.survey.textmodel import ThemeModel

__all__ = ["coded_flags", "cross_validated_accuracy", "theme_accuracy"]


def coded_flags(coded: pd.Series, themes: Sequence[str], *, sep: str = ";") -> pd.DataFrame:
    """Hand-coded themes (``"late_delivery;price_too_high"``, empty for none) as flags.

    Examples
    --------
    >>> coded_flags(pd.Series(["a;b", ""]), ["a", "b"]).values.tolist()
    [[True, True], [False, False]]
    """
    sets = [
        {t.strip() for t in str(v).split(sep) if t.strip()} if pd.notna(v) else set() for v in coded
    ]
    unknown = sorted(set().union(*sets) - set(themes)) if sets else []
    if unknown:
        raise DataValidationError(
            f"hand-coded themes {unknown} are not among the themes found",
            source="coded themes",
            fix=f"use the theme names {list(themes)}",
        )
    return pd.DataFrame({t: [t in s for s in sets] for t in themes}, index=coded.index)


def theme_accuracy(
    found: pd.DataFrame,
    coded: pd.DataFrame,
    *,
    by: pd.Series | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Precision and recall of each theme (per group of ``by``), Wilson intervals.

    ``found`` and ``coded`` hold one boolean column per theme on the same rows.
    Recall is the share of hand-coded mentions found; precision the share of
    found mentions that were hand-coded.  A theme never coded has no recall,
    one never found no precision (NaN).

    Examples
    --------
    >>> f = pd.DataFrame({"a": [True, True, False, False]})
    >>> c = pd.DataFrame({"a": [True, False, True, False]})
    >>> r = theme_accuracy(f, c)
    >>> r[["theme", "n_coded", "n_found", "n_both", "recall", "precision"]].values.tolist()
    [['a', 2, 2, 1, 0.5, 0.5]]
    """
    if not found.index.equals(coded.index):
        raise DataValidationError(
            "the found and the hand-coded themes are on different rows",
            source="coded themes",
            fix="code the same comments, in the same order, as were passed to find_themes",
        )
    groups = pd.Series("all", index=found.index) if by is None else by.astype(str)
    rows = []
    for group, idx in groups.groupby(groups, sort=True).groups.items():
        for theme in coded.columns:
            f = found.loc[idx, theme].fillna(False).astype(bool).to_numpy()
            c = coded.loc[idx, theme].fillna(False).astype(bool).to_numpy()
            rows.append(
                {"group": group, "theme": theme, "n_coded": int(c.sum()), "n_found": int(f.sum())}
                | {"n_both": int((f & c).sum())}
            )
    out = pd.DataFrame(rows)
    both = out["n_both"].to_numpy(float)
    for name, base in (("recall", "n_coded"), ("precision", "n_found")):
        n = out[base].to_numpy(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[name] = np.where(n > 0, both / n, np.nan)
        lo, hi = wilson_interval(both, n, level=level)
        out[f"{name}_ci_low"], out[f"{name}_ci_high"] = lo, hi
    if by is None:
        out = out.drop(columns="group")
    return out


def cross_validated_accuracy(
    coded: pd.DataFrame,
    model: ThemeModel,
    *,
    text: str = "comment",
    language: str | None = "language",
    themes: str = "themes",
    default_language: str = "en",
    folds: int = 5,
    shipped: bool = True,
    level: float = 0.95,
) -> pd.DataFrame:
    """How well themes learned from ``coded`` comments are found in comments not learned from.

    The comments are split at random (seed 0) into ``folds`` parts, a comment
    written twice in one part, those with the same themes spread evenly over the
    parts; a copy of
    ``model`` (unfitted: a :class:`~cjresearch.survey.textmodel.ThemeModel` or
    :class:`~cjresearch.survey.embeddings.EmbeddingModel`) learns from all parts
    but one and :func:`~cjresearch.survey.text.find_themes` finds the themes in
    that part, with the word lists and, when ``shipped``, the package's model
    beside it (as the report does).  Returns :func:`theme_accuracy` of each coded
    theme over all parts; ``attrs`` holds the pooled ``recall`` and
    ``precision`` (over all themes' mentions) with Wilson intervals
    (``recall_ci``, ``precision_ci``), ``n_comments``, ``folds`` and ``method``.
    The intervals are approximate: they treat every coded mention as
    independent, though mentions in one comment are not and each part is read
    by another model.  The figures hold for comments like the coded ones: code a
    random sample of the comments, not comments picked for their themes, or
    precision comes out too high.

    Examples
    --------
    >>> from cjresearch.survey.textmodel import ThemeModel
    >>> coded = pd.DataFrame({
    ...     "comment": ["box was torn", "torn box", "box arrived crushed", "crushed box",
    ...                 "box torn apart", "the box was crushed", "torn and crushed box",
    ...                 "my box came torn"] + ["great shop", "nice staff", "all fine",
    ...                 "good prices", "quick and easy", "lovely app"] * 2,
    ...     "language": "en", "themes": ["damaged_box"] * 8 + [""] * 12})
    >>> r = cross_validated_accuracy(coded, ThemeModel(), folds=4, shipped=False)
    >>> r[["theme", "n_coded"]].values.tolist(), r.attrs["method"]
    ([['damaged_box', 8]], 'lexicon + model')
    """
    from cjresearch.survey.text import find_themes
    from cjresearch.survey.textmodel import (
        MIN_EXAMPLES,
        ThemeModel,
        coded_theme_sets,
        shipped_model,
    )

    if not isinstance(model, ThemeModel):
        raise DataValidationError(
            f"model={model!r} is not a theme model",
            fix="pass an unfitted cjresearch.survey.textmodel.ThemeModel or EmbeddingModel",
        )
    if isinstance(folds, bool) or not (isinstance(folds, Integral) and folds >= 2):
        raise DataValidationError(f"folds={folds!r}: use a whole number of at least 2")
    model.check_coded(coded, text, language, themes)
    source = str(coded.attrs.get("source", "coded comments"))
    data = coded[coded[text].notna() & coded[text].astype(str).str.strip().ne("")]
    data = data.reset_index(drop=True)
    codes, counts = coded_theme_sets(data[themes], themes)
    # random parts; the same comment written twice stays in one part, and comments with
    # the same themes are spread evenly over the parts (stratified)
    same = data[text].astype(str).str.lower().str.split().str.join(" ")
    groups, distinct = pd.factorize(same)
    if len(distinct) < folds:
        raise DataValidationError(
            f"{source}, column {text!r}: {len(distinct)} different comments cannot be split "
            f"into {folds} parts",
            fix="code more comments, or use fewer folds",
        )
    firsts = np.flatnonzero(~same.duplicated().to_numpy())  # group g's first row: firsts[g]
    keys = np.array([";".join(sorted(codes[i])) for i in firsts])
    order = np.random.default_rng(0).permutation(len(keys))
    group_part = np.empty(len(keys), dtype=int)
    group_part[order[np.argsort(keys[order], kind="stable")]] = np.arange(len(keys)) % folds
    part = group_part[groups]
    for t in counts:
        has = np.array([t in c for c in codes])
        least = min(int((has & (part != k)).sum()) for k in range(folds))
        if least < MIN_EXAMPLES:
            raise DataValidationError(
                f"{source}, column {themes!r}: theme {t!r} has {counts[t]} comments, too few "
                f"to learn it without one part of {folds} (each part left out must leave "
                f"{MIN_EXAMPLES})",
                fix=f"code more comments with {t!r}",
            )
    found = []
    method = ""
    for k in range(folds):
        fitted = dataclasses.replace(model).fit(
            data[part != k],
            text=text,
            language=language,
            themes=themes,
            default_language=default_language,
        )
        flags = find_themes(
            data[part == k],
            text=text,
            language=language,
            default_language=default_language,
            model=[shipped_model(), fitted] if shipped else fitted,
        )
        found.append(flags[list(counts)])
        method = flags.attrs["method"]
    out = theme_accuracy(
        pd.concat(found).loc[data.index], coded_flags(data[themes], list(counts)), level=level
    )
    both = out["n_both"].sum()
    for name, base in (("recall", "n_coded"), ("precision", "n_found")):
        n = out[base].sum()
        lo, hi = wilson_interval(both, n, level=level)
        out.attrs[name] = float(both / n) if n else float("nan")
        out.attrs[f"{name}_ci"] = (float(lo), float(hi))
    out.attrs |= {"n_comments": len(data), "folds": folds, "method": method}
    return out
