"""Aggregated event tables and Kaplan-Meier building blocks (private).

Shared by :mod:`cjresearch.timetoevent.progression`, :mod:`cjresearch.timetoevent.competing` and
:mod:`cjresearch.timetoevent.multistate`: validation of a durations frame, event tables
with one row per distinct time (what makes curves on a million customers
take about a second), the Kaplan-Meier product with Greenwood and
infinitesimal-jackknife (weighted) variances, and confidence transforms.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.errors import (
    DataValidationError,
    RowsExcludedWarning,
    UnreliableEstimateWarning,
    require_columns,
)

__all__ = [
    "check_durations",
    "curve_at",
    "event_table",
    "group_positions",
    "needed_columns",
    "read_at",
]


# --------------------------------------------------------------------------
# validation and shared helpers
# --------------------------------------------------------------------------
def check_columns(frame: pd.DataFrame, cols: Sequence[str], source: str) -> None:
    require_columns(
        frame, cols, source=source, fix=f"pass a frame with the columns {', '.join(cols)}"
    )


def needed_columns(data: pd.DataFrame, *names: str | None) -> pd.DataFrame:
    """The columns of ``data`` an estimate reads (names it lacks are left for the
    validation to report), so that copies and group splits skip the rest."""
    keep = list(dict.fromkeys(n for n in names if n is not None and n in data.columns))
    return data if len(keep) == data.shape[1] else data[keep]


# --------------------------------------------------------------------------
# validation of a durations frame
# --------------------------------------------------------------------------
def check_durations(
    data: pd.DataFrame,
    *,
    duration: str = "duration",
    event: str = "event",
    entry: str | None = "entry",
    weight: str | None = None,
    source: str = "durations",
) -> pd.DataFrame:
    """Validate a durations frame and return it with the columns standardised.

    Returns a frame with float columns ``_t`` (duration), ``_e`` (event code,
    int), ``_entry`` and ``_w`` (weight). Raises :class:`DataValidationError`
    for missing columns, missing or negative durations, and warns when every
    row is censored.

    Examples
    --------
    >>> import pandas as pd
    >>> check_durations(pd.DataFrame({"duration": [1, 2], "event": [1, 0]}))["_t"].tolist()
    [1.0, 2.0]
    """
    if not isinstance(data, pd.DataFrame):
        raise DataValidationError(
            f"expected a DataFrame of durations, got {type(data).__name__}", source=source
        )
    check_columns(data, [duration, event], source)
    if len(data) == 0:
        raise DataValidationError(
            "no rows to analyse", source=source, fix="check the filters that produced this frame"
        )
    t = pd.to_numeric(data[duration], errors="coerce")
    if t.isna().any():
        raise DataValidationError(
            f"{int(t.isna().sum())} missing or non-numeric durations",
            source=source,
            column=duration,
            rows=data.index[t.isna()].tolist(),
            fix="drop or repair these rows",
        )
    if (t < 0).any():
        raise DataValidationError(
            f"{int((t < 0).sum())} negative durations",
            source=source,
            column=duration,
            rows=data.index[t < 0].tolist(),
            fix="an event before its start usually means clock skew between systems; "
            "correct the timestamps",
        )
    e = data[event]
    if e.dtype == bool:
        e = e.astype(int)
    e = pd.to_numeric(e, errors="coerce")
    if e.isna().any() or (e < 0).any() or (e != e.round()).any():
        raise DataValidationError(
            "event codes must be 0 (censored), 1, 2, ... (event types)",
            source=source,
            column=event,
            rows=data.index[e.isna() | (e < 0)].tolist(),
        )
    out = data.copy(deep=False)  # new columns only: the caller's data is not changed
    out["_t"] = t.astype(float)
    out["_e"] = e.astype(int)
    out["_entry"] = 0.0
    if entry is not None and entry in data.columns:
        en = pd.to_numeric(data[entry], errors="coerce").fillna(0.0).astype(float)
        if (en > out["_t"]).any():
            raise DataValidationError(
                "entry time after the event/censoring time",
                source=source,
                column=entry,
                rows=data.index[en > out["_t"]].tolist(),
                fix="entry must be <= duration",
            )
        out["_entry"] = en
    out["_w"] = 1.0
    if weight is not None:
        check_columns(data, [weight], source)
        w = pd.to_numeric(data[weight], errors="coerce")
        if w.isna().any() or (w < 0).any():
            raise DataValidationError(
                "weights must be non-negative numbers",
                source=source,
                column=weight,
                rows=data.index[w.isna() | (w < 0)].tolist(),
            )
        out["_w"] = w.astype(float)
    zero = float((out["_t"] == 0).mean())
    if zero > 0.05:
        warnings.warn(
            f"{zero:.0%} of the durations are 0 (moves at the same instant: inferred "
            "stages or duplicated timestamps); they count as happening at time 0",
            UnreliableEstimateWarning,
            stacklevel=3,
        )
    if (out["_e"] == 0).all():
        warnings.warn(
            "every row is censored: no events, so no curve can fall below 1",
            UnreliableEstimateWarning,
            stacklevel=3,
        )
    return out


# --------------------------------------------------------------------------
# aggregated event tables and Kaplan-Meier
# --------------------------------------------------------------------------
def event_table(
    t: np.ndarray,
    e: np.ndarray,
    *,
    entry: np.ndarray | None = None,
    weight: np.ndarray | None = None,
    n_types: int | None = None,
) -> pd.DataFrame:
    """Aggregate individual durations to one row per distinct time.

    Columns: ``time``, ``n_risk`` (weighted number in the risk set just
    before ``time``: entry < time <= duration), ``n_event`` (all event
    types), ``n_event_<k>`` per event type k >= 1, ``n_censor``.
    Distinct times by hashing (O(n)), then a sort of the distinct times only: this
    is what makes curves on millions of customers fast.

    Examples
    --------
    >>> import numpy as np
    >>> event_table(np.array([1., 1., 2.]), np.array([1, 0, 1]))["n_risk"].tolist()
    [3.0, 1.0]
    """
    t = np.asarray(t, float) + 0.0  # -0.0 becomes 0.0: one time, not two
    e = np.asarray(e, int)
    w = None if weight is None else np.asarray(weight, float)
    # distinct times by hashing (O(n)), then only the few distinct values are sorted:
    # no sort of the n rows, which is what made a million customers slow
    codes, uniq = pd.factorize(t, sort=False)
    order = np.argsort(uniq, kind="stable")
    times = uniq[order]
    rank = np.empty(len(uniq), dtype=np.intp)
    rank[order] = np.arange(len(uniq))
    inv = rank[codes]
    nt = len(times)
    k = int(e.max()) if n_types is None else n_types
    cols: dict[str, np.ndarray] = {"time": times}
    # one pass counts every (time, event type) pair; types above k count as censored
    combo = inv * (k + 1) + np.where(e <= k, e, 0)
    counts = np.bincount(combo, weights=w, minlength=nt * (k + 1)).reshape(nt, k + 1)
    counts = counts.astype(float)
    out_w = counts.sum(axis=1)
    total = float(out_w.sum())
    gone = np.r_[0.0, np.cumsum(out_w)[:-1]]  # weight of durations < s
    if entry is None or not (np.asarray(entry, float) > 0).any():
        arrived = np.full(nt, total)  # no delayed entry: everyone is there from the start
    else:
        en = np.asarray(entry, float)
        # at risk at times[j] when entry < times[j] (entry <= 0: from the origin, 0 included)
        first = np.where(en > 0, np.searchsorted(times, en, side="right"), 0)
        arrived = np.cumsum(np.bincount(first, weights=w, minlength=nt + 1))[:nt]
    cols["n_risk"] = arrived - gone
    for j in range(1, k + 1):
        cols[f"n_event_{j}"] = counts[:, j]
    ev = counts[:, 1:].sum(axis=1)
    cols["n_event"] = ev
    cols["n_censor"] = out_w - ev
    return pd.DataFrame(cols)


def km_from_table(tab: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    n, d = tab["n_risk"].to_numpy(), tab["n_event"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        haz = np.where(n > 0, d / n, 0.0)
        surv = np.cumprod(1.0 - haz)
        term = np.where((n > d) & (n > 0), d / (n * (n - d)), np.where(d > 0, np.inf, 0.0))
    return surv, np.sqrt(np.cumsum(term))


def log_ci(
    surv: np.ndarray, se_log: np.ndarray, z: float, conf_type: str
) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if conf_type == "log":
            lo, hi = surv * np.exp(-z * se_log), np.minimum(surv * np.exp(z * se_log), 1.0)
        elif conf_type == "log-log":
            ll = np.log(-np.log(surv))
            sell = se_log / np.abs(np.log(surv))
            lo, hi = np.exp(-np.exp(ll + z * sell)), np.exp(-np.exp(ll - z * sell))
            lo, hi = np.where(surv >= 1, 1.0, lo), np.where(surv >= 1, 1.0, hi)
        else:
            raise DataValidationError(f"conf_type={conf_type!r} is not 'log' or 'log-log'")
    lo = np.where(surv <= 0, np.nan, lo)
    hi = np.where(surv <= 0, np.nan, hi)
    return lo, hi


def curve_at(curve: pd.DataFrame, times: Sequence[float], cols: Sequence[str]) -> pd.DataFrame:
    """Values ``cols`` of a step curve at given times (last row with time <= t; NaN before
    the curve starts), one row per time."""
    t = curve["time"].to_numpy()
    pos = np.searchsorted(t, np.asarray(times, float), side="right") - 1
    out = curve[list(cols)].iloc[np.clip(pos, 0, None)].reset_index(drop=True)
    out.loc[pos < 0, list(cols)] = np.nan
    return out


def read_at(
    curve: pd.DataFrame,
    times: Sequence[float],
    *,
    extend: bool = False,
    values: Sequence[str],
    counts: Sequence[str] = ("n_event", "n_censor"),
) -> pd.DataFrame:
    """One curve (rows sorted by ``time``, starting at time 0) read at ``times``, as R's
    ``summary(survfit, times=)``: ``values`` from the last row at or before each time
    (the curve is flat between its times); ``n_risk`` at the time (that of the first row
    at or after it, 0 past the last); ``counts`` summed since the previous time asked for
    when ``times`` increase (R's ``dosum``), else those of the row read.  Past the curve's
    last time (the last follow-up) the values are NaN unless ``extend`` (R drops such
    times; ``extend=True`` holds the last value, as R's ``extend=TRUE``).  One row per time,
    in the order given, with the asked time in ``time``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"time": [0., 2, 5], "n_risk": [4., 4, 2], "n_event": [0., 1, 1],
    ...                   "n_censor": [0., 1, 1], "estimate": [1., .75, .375]})
    >>> read_at(c, [1, 2, 3, 6], values=["estimate"])[["n_risk", "estimate"]].values.tolist()
    [[4.0, 1.0], [4.0, 0.75], [2.0, 0.75], [0.0, nan]]
    """
    t = curve["time"].to_numpy(float)
    at = np.asarray(times, float)
    if np.isnan(at).any():
        raise DataValidationError(
            "times contains missing values", column="times", fix="pass numbers only"
        )
    i1 = np.searchsorted(t, at, side="right") - 1  # last row at or before
    i2 = np.searchsorted(t, at, side="left")  # first row at or after
    out = curve[list(values)].iloc[np.clip(i1, 0, None)].reset_index(drop=True)
    out.loc[i1 < 0, list(values)] = np.nan
    if not extend:
        out.loc[at > t[-1], list(values)] = np.nan
    n_risk = np.r_[curve["n_risk"].to_numpy(float), 0.0]
    out.insert(0, "n_risk", n_risk[np.minimum(i2, len(t))])
    dosum = len(at) == 1 or bool(np.all(np.diff(at) > 0))
    for k, c in enumerate(counts):
        x = curve[c].to_numpy(float)
        if dosum:
            cum = np.r_[0.0, np.cumsum(x)][i1 + 1]
            out.insert(1 + k, c, np.diff(np.r_[0.0, cum]))
        else:
            out.insert(1 + k, c, np.where(i1 >= 0, x[np.clip(i1, 0, None)], 0.0))
    out.insert(0, "time", at)
    return out


def split_groups(
    data: pd.DataFrame,
    by: str | Sequence[str] | None,
    *,
    found: tuple[list[tuple], Iterable[np.ndarray]] | None = None,
) -> tuple[Iterable[tuple[tuple, pd.DataFrame]], list[str]]:
    """``(key tuple, rows of the group)`` in sorted key order, one group at a time (a
    list of all groups, or pandas' own iteration, would hold a second copy of the data);
    rows with a missing key are left out with a warning.  ``found``: the
    :func:`group_positions` of ``by`` when the caller has them already."""
    if not by:
        return [((), data)], []
    keys = [by] if isinstance(by, str) else list(by)
    check_columns(data, keys, "durations")
    if data[keys].isna().any().any():
        warnings.warn(
            f"rows with a missing {keys} were left out", RowsExcludedWarning, stacklevel=3
        )
    labels, positions = found if found is not None else group_positions(data, keys)
    return ((lab, data.take(pos)) for lab, pos in zip(labels, positions, strict=True)), keys


def group_positions(
    data: pd.DataFrame, keys: Sequence[str]
) -> tuple[list[tuple], Iterator[np.ndarray]]:
    """The groups of ``keys`` (sorted, observed, missing keys left out) and, lazily, the
    row positions of each, in the order of the rows.

    Examples
    --------
    >>> import pandas as pd
    >>> labels, pos = group_positions(pd.DataFrame({"g": ["b", "a", "b", None]}), ["g"])
    >>> labels, [p.tolist() for p in pos]
    ([('a',), ('b',)], [[1], [0, 2]])
    """
    grouped = data.groupby(list(keys), observed=True, sort=True)
    codes = grouped.ngroup().to_numpy()
    labels = [k if isinstance(k, tuple) else (k,) for k in grouped.size().index]
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(labels) + 1), side="left")
    return labels, (order[bounds[j] : bounds[j + 1]] for j in range(len(labels)))


def km_ij_se_log(
    t: np.ndarray, e: np.ndarray, entry: np.ndarray, w: np.ndarray, tab: pd.DataFrame
) -> np.ndarray:
    """Infinitesimal-jackknife (robust) standard error of log S(t) for weighted KM.

    Greenwood's formula treats weighted counts as if they were counts of
    people, which is wrong for sampling weights. The IJ variance is
    ``sum_i (w_i dlogS/dw_i)^2`` (R's ``survfit(..., robust=TRUE)``), with
    dlogS(t)/dw_i = -sum_{t_j<=t} (dN_i(t_j) - Y_i(t_j) h_j) / (n_j - d_j);
    computed here with cumulative sums in O(n log n).

    Examples
    --------
    >>> import numpy as np
    >>> t, e = np.array([1., 2, 3, 4]), np.array([1, 1, 0, 1])
    >>> tab = event_table(t, e)
    >>> km_ij_se_log(t, e, np.zeros(4), np.ones(4), tab).round(3).tolist()[:2]
    [0.289, 0.5]
    """
    times = tab["time"].to_numpy()
    entry = np.where(np.asarray(entry, float) <= 0, -np.inf, entry)
    n, d = tab["n_risk"].to_numpy(), tab["n_event"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        b = np.where(n > d, 1.0 / (n - d), np.where(d > 0, np.inf, 0.0))
        c = np.where(n > 0, d / n, 0.0) * b
    c = np.nan_to_num(c, posinf=np.inf)
    a_cum = np.cumsum(c)
    a_at = lambda x: np.where(
        (pos := np.searchsorted(times, x, side="right") - 1) >= 0, a_cum[np.maximum(pos, 0)], 0.0
    )
    a_e, a_t = a_at(entry), a_at(t)
    idx_t = np.searchsorted(times, t)
    with np.errstate(invalid="ignore"):
        v = np.where(e == 1, b[idx_t], 0.0) - a_t + a_e
    w2 = w**2
    # group 1: finished by time t (T_i <= t)
    o_t = np.argsort(t, kind="stable")
    k_t = np.searchsorted(t[o_t], times, side="right")
    cs = lambda x, o: np.r_[0.0, np.cumsum(x[o])]
    g1 = cs(w2 * v**2, o_t)[k_t]
    # group 2: at risk beyond t (e_i < t < T_i): sum w^2 (A(t) - A(e_i))^2
    o_e = np.argsort(entry, kind="stable")
    k_e = np.searchsorted(entry[o_e], times, side="left")
    s = [cs(w2 * a_e**k, o_e)[k_e] - cs(w2 * a_e**k, o_t)[k_t] for k in (0, 1, 2)]
    with np.errstate(invalid="ignore"):
        g2 = a_cum**2 * s[0] - 2 * a_cum * s[1] + s[2]
        return np.sqrt(np.maximum(g1 + g2, 0.0))


def logrank_parts(
    t: np.ndarray, e: np.ndarray, en: np.ndarray, g: np.ndarray, levels: Sequence[Any]
) -> tuple[np.ndarray, np.ndarray]:
    """O - E vector and variance matrix over the groups for one stratum."""
    tab = event_table(t, e, entry=en, n_types=1)
    times = tab["time"].to_numpy()
    keep = tab["n_event"].to_numpy() > 0
    times = times[keep]
    n = tab["n_risk"].to_numpy()[keep]
    d = tab["n_event"].to_numpy()[keep]
    k = len(levels)
    o = np.zeros(k)
    nk = np.zeros((k, len(times)))
    for j, lev in enumerate(levels):
        m = g == lev
        if not m.any():
            continue
        # at-risk of group j at each pooled event time (entry < time <= duration)
        tt, ee, ent = t[m], e[m], np.where(en[m] <= 0, -np.inf, en[m])
        nk[j] = np.searchsorted(np.sort(ent), times, side="left") - np.searchsorted(
            np.sort(tt), times, side="left"
        )
        o[j] = ee.sum()
    ex = (nk * d / n).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(n > 1, d * (n - d) / (n - 1), 0.0) / n
    v = np.diag((nk * c).sum(axis=1)) - (nk * c / n) @ nk.T
    return o - ex, v
