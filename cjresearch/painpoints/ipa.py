"""Importance-performance analysis of touchpoint ratings (survey evidence of pain points).

:func:`importance_performance` places each touchpoint rating by its
importance (relative importance from key-driver analysis,
:class:`cjresearch.survey.drivers.KeyDrivers`) and its performance (design-based
mean rating) into four quadrants.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from cjresearch.core.columns import CI_HIGH, CI_LOW, ESTIMATE, SE, N
from cjresearch.core.errors import RowsExcludedWarning, UnreliableEstimateWarning
from cjresearch.inputs.measures import Measure
from cjresearch.painpoints.signals import check_frame
from cjresearch.survey.design import as_design

__all__ = ["importance_performance"]


_QUADRANTS = {
    (True, False): "concentrate here",
    (True, True): "keep up the good work",
    (False, False): "low priority",
    (False, True): "possible overkill",
}


def importance_performance(
    survey: pd.DataFrame,
    *,
    outcome: str | Measure,
    drivers: Mapping[str, str] | Sequence[str],
    design: Any = None,
    n_boot: int = 200,
    level: float = 0.95,
    seed: int = 0,
    na_codes: Sequence[float] | Mapping[str, Sequence[float]] = (),
    method: str = "lmg",
) -> pd.DataFrame:
    """Importance-performance analysis of touchpoint ratings.

    *Importance*: the driver's share of the explained variance of ``outcome``
    (LMG relative importance, :class:`cjresearch.survey.drivers.KeyDrivers`, with
    bootstrap intervals).  *Performance*: the design-based mean rating with its
    interval.  Quadrants are split at the mean importance and the mean
    performance over the drivers (the data-centred split): high importance and
    low performance is ``"concentrate here"``.

    Parameters
    ----------
    survey : DataFrame
        One row per respondent.
    outcome : str or Measure
        Overall satisfaction or NPS column; a binary outcome (0/1 or a binary
        :class:`~cjresearch.inputs.measures.Measure`) is fitted by a logistic
        regression and its importance is the logistic relative weights
        (Tonidandel & LeBreton 2010; see :class:`~cjresearch.survey.drivers.KeyDrivers`,
        ``method`` is then not used).
    drivers : dict or list
        ``{rating column: touchpoint label}`` or a list of rating columns.
    design : SurveyDesign or dict, optional
        Sampling design, e.g. ``{"weights": "weight"}``.
    method : {"lmg", "relative_weights"}
        The importance measure (:class:`~cjresearch.survey.drivers.KeyDrivers`):
        LMG, exact but exponential in the number of drivers, or Johnson's
        relative weights.
    na_codes : sequence or dict, optional
        Rating values meaning "not applicable" / "don't know" (e.g. ``[0]``),
        as in :class:`~cjresearch.survey.drivers.KeyDrivers`: set to missing per
        driver (counted, warned).  Importance uses the complete cases after
        that; each driver's performance (and ``n``) uses every respondent
        who rated it.

    Returns
    -------
    DataFrame
        One row per driver: ``driver``, ``touchpoint``, ``n``, ``importance``,
        ``importance_ci_low``, ``importance_ci_high``, ``estimate``
        (performance), ``se``, ``ci_low``, ``ci_high``, ``high_importance``,
        ``high_performance``, ``quadrant``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame(rng.integers(1, 6, size=(300, 3)), columns=["a", "b", "c"])
    >>> df["a"] = np.minimum(df["a"], 3)
    >>> df["y"] = 2 * df.a + 0.2 * df.b + rng.normal(size=300)
    >>> r = importance_performance(df, outcome="y", drivers=["a", "b", "c"], n_boot=20)
    >>> r.set_index("driver").loc["a", "quadrant"]
    'concentrate here'
    """
    from cjresearch.survey.drivers import KeyDrivers

    names = dict(drivers) if isinstance(drivers, Mapping) else {c: c for c in drivers}
    cols = list(names)
    check_frame(
        survey, [*cols, outcome.column if isinstance(outcome, Measure) else outcome], "survey"
    )
    kd = KeyDrivers(
        outcome,
        cols,
        design=design,
        n_boot=n_boot,
        level=level,
        seed=seed,
        na_codes=na_codes,
        method=method,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnreliableEstimateWarning)
        kd.fit(survey)
    imp = kd.summary.set_index("driver")
    des = as_design(survey, design)
    with warnings.catch_warnings():  # the na codes were reported by fit
        warnings.simplefilter("ignore", RowsExcludedWarning)
        ratings = kd.prepare(survey)
    perf = pd.concat(
        [des.mean(ratings[c].to_numpy(), level=level).assign(driver=c) for c in cols]
    ).set_index("driver")
    out = pd.DataFrame(
        {
            "driver": cols,
            "touchpoint": [names[c] for c in cols],
            N: perf.loc[cols, N].to_numpy(),
            "importance": imp.loc[cols, ESTIMATE].to_numpy(),
            "importance_ci_low": imp.loc[cols, CI_LOW].to_numpy(),
            "importance_ci_high": imp.loc[cols, CI_HIGH].to_numpy(),
            ESTIMATE: perf.loc[cols, ESTIMATE].to_numpy(),
            SE: perf.loc[cols, SE].to_numpy(),
            CI_LOW: perf.loc[cols, CI_LOW].to_numpy(),
            CI_HIGH: perf.loc[cols, CI_HIGH].to_numpy(),
        }
    )
    out["high_importance"] = out["importance"] >= out["importance"].mean()
    out["high_performance"] = out[ESTIMATE] >= out[ESTIMATE].mean()
    out["quadrant"] = [
        _QUADRANTS[(bool(i), bool(p))]
        for i, p in zip(out["high_importance"], out["high_performance"], strict=True)
    ]
    return out.sort_values("importance", ascending=False, kind="stable").reset_index(drop=True)
