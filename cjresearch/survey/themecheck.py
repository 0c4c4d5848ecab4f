"""How well found themes agree with hand-coded ones: precision and recall with intervals.

A researcher who codes a few dozen comments by hand can check the themes (or
the sentiment) on the client's own comments before quoting them; the package's
benchmark does the same on its evaluation set (``tests/data/verbatims``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.core.stats import wilson_interval

__all__ = ["coded_flags", "theme_accuracy"]


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
