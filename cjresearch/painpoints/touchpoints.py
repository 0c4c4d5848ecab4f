"""Touchpoint effects: which touchpoints go with slower progress or faster exits.

:func:`touchpoint_effects` fits, for every touchpoint of the journey, a Cox
model of moving on and of exiting from the step, exposed vs not, adjusted for
the stage's other touchpoints (see its docstring).  The other pain-point
signals (drop-off, stalls, churn) are in :mod:`cjresearch.painpoints.signals`.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.columns import (
    CI_HIGH,
    CI_LOW,
    EFFECT,
    ESTIMATE,
    P_VALUE,
    SE,
    SMALL_BASE,
    N,
)
from cjresearch.core.errors import (
    DataValidationError,
    SmallSampleWarning,
)
from cjresearch.core.stats import MIN_BASE, adjust_pvalues, z_value
from cjresearch.painpoints.signals import check_frame, report_left_out, stage_steps, step_exposure
from cjresearch.timetoevent.coxmodels import ProgressionCox

__all__ = ["touchpoint_effects"]


def _woolf(a: float, b: float, c: float, d: float, z: float) -> tuple[float, float, float]:
    """Odds ratio (a*d)/(b*c) with Woolf's interval; NaN when a margin is empty."""
    if min(a + b, c + d, a + c, b + d) == 0:
        return (np.nan, np.nan, np.nan)
    if min(a, b, c, d) == 0:  # Haldane-Anscombe correction
        a, b, c, d = a + 0.5, b + 0.5, c + 0.5, d + 0.5
    lor = np.log(a * d / (b * c))
    se = np.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    return float(np.exp(lor)), float(np.exp(lor - z * se)), float(np.exp(lor + z * se))


def touchpoint_effects(
    durations: pd.DataFrame,
    exposure: pd.DataFrame,
    *,
    journey: Any,
    touchpoints: Sequence[str] | None = None,
    adjust: Sequence[str] = (),
    reference: Mapping[str, Any] | None = None,
    level: float = 0.95,
    method: str = "holm",
    max_corr: float = 0.9,
    min_base: int = MIN_BASE,
) -> pd.DataFrame:
    """Touchpoints that separate customers who move on from those who do not.

    For each touchpoint of a stage (from the journey definition), among the
    customers who entered the stage: exposure before the step's outcome
    (entering the next stage, the exit, or censoring), wherever the
    touchpoint falls before it, also before the stage's first event or in a
    skipped stage (:func:`step_exposure`), as a covariate of two cause-specific Cox models of the step, one for moving
    on (``outcome="progress"``) and one for exiting (``outcome="exit"``).
    The other touchpoints of the stage are adjusted for unless their exposure
    correlates above ``max_corr`` with this one (a complement such as
    "delivered on time" vs "late"), plus the ``adjust`` columns.  This handles
    customers still waiting correctly (censored).  Beside it, the *naive*
    odds ratio of having moved on (exposed vs not; customers still waiting
    count as not converted) and the exposure shares among converters and the
    rest, as a funnel would show them: it mixes speed with outcome and
    shrinks towards what the still-waiting will do, so read the hazard ratio.

    Parameters
    ----------
    durations : DataFrame
        ``stage_durations(..., kind="step")``, with customer attributes for ``adjust``.
    exposure : DataFrame
        ``EventLog.exposure()``.
    journey : Journey
        Gives each stage's touchpoints.
    touchpoints : list of str, optional
        Restrict to these touchpoints.
    adjust : list of str
        Further covariates (segment, channel) of every model.
    method : str
        Multiple-testing adjustment over all rows (``"holm"`` or ``"fdr_bh"``).

    Returns
    -------
    DataFrame
        One row per touchpoint and outcome: ``stage``, ``to_stage``,
        ``touchpoint``, ``outcome``, ``n`` (customers in the step),
        ``exposed``, ``n_event``, ``exposed_share_converters`` and
        ``exposed_share_others`` (the share exposed among customers who moved
        on, and among the rest; also under their former names
        ``exposed_converters`` and ``exposed_others``), ``estimate`` (hazard ratio),
        ``effect`` (its log), ``se`` (of the log), ``ci_low``, ``ci_high``,
        ``p_value``, ``p_adjusted``, ``odds_ratio``, ``odds_ratio_ci_low``,
        ``odds_ratio_ci_high`` (naive, progress rows only), ``adjusted_for``,
        ``note`` (why a row has no estimate), ``small_base`` (fewer than 30
        exposed or fewer than 10 events), ``excluded_events`` (the
        touchpoint's events not counted as exposure of the step).
        ``attrs["excluded"]`` lists those events as records (dicts with
        ``stage``, ``touchpoint``, ``reason``: ``after the outcome`` or
        ``customer not in the step``, ``events``, ``customers``;
        ``pd.DataFrame(result.attrs["excluded"])`` makes a table), and a
        :class:`~cjresearch.core.errors.RowsExcludedWarning` reports them; both need the whole-log rows of ``EventLog.exposure()``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from cjresearch.journey.definition import load_journey
    >>> j = load_journey({"name": "t", "stages": [{"id": "a", "events": ["a_ev"],
    ...     "touchpoints": ["err"]}, {"id": "b", "events": ["b_ev"]}]})
    >>> rng = np.random.default_rng(1)
    >>> x = rng.integers(0, 2, 400)
    >>> d = pd.DataFrame({"customer_id": [f"c{i}" for i in range(400)], "from_stage": "a",
    ...     "to_stage": "b", "duration": rng.exponential(1 / (0.5 ** x)), "event": 1})
    >>> ex = pd.DataFrame({"customer_id": d.customer_id[x == 1], "stage": "b",
    ...                    "event": "err", "n": 1})
    >>> r = touchpoint_effects(d, ex, journey=j)
    >>> r["outcome"].tolist(), bool(r["ci_low"].iloc[0] < 0.5 < r["ci_high"].iloc[0])
    (['progress', 'exit'], True)
    """
    d = stage_steps(durations)
    check_frame(exposure, ["customer_id", "stage", "event", "n"], "exposure")
    z = z_value(level)
    wanted = None if touchpoints is None else set(touchpoints)
    rows: list[dict[str, Any]] = []
    left: list[dict[str, Any]] = []
    last = journey.stages[-1]
    for tp in last.touchpoints:  # no next stage to move on to: say so, do not drop silently
        if wanted is None or tp in wanted:
            rows += [
                {
                    "stage": last.id,
                    "touchpoint": tp,
                    "outcome": o,
                    N: 0,
                    "exposed": 0,
                    "note": "touchpoint of the last stage: there is no next step",
                }
                for o in ("progress", "exit")
            ]
    for stage in journey.stages[:-1]:
        tps = [t for t in stage.touchpoints if wanted is None or t in wanted]
        if not tps:
            continue
        step = d[d["from_stage"].astype(str) == stage.id]
        if step.empty:
            for tp in tps:
                for outcome in ("progress", "exit"):
                    rows.append(
                        {
                            "stage": stage.id,
                            "touchpoint": tp,
                            "outcome": outcome,
                            N: 0,
                            "exposed": 0,
                            "note": "no customer entered the stage",
                        }
                    )
            continue
        step, left_here = step_exposure(step, exposure, stage)
        left += left_here
        x = step[list(stage.touchpoints)]
        with np.errstate(invalid="ignore", divide="ignore"):
            corr = x.corr().abs().fillna(0.0)
        conv = (step["event"] == 1).to_numpy()
        for tp in tps:
            exp_ = step[tp].to_numpy() > 0
            others: list[str] = []
            for o in stage.touchpoints:  # greedy: skip near-complements of those kept
                if (
                    o != tp
                    and x[o].std() > 0
                    and all(corr.loc[k, o] <= max_corr for k in (tp, *others))
                ):
                    others.append(o)
            a, b = float((exp_ & conv).sum()), float((exp_ & ~conv).sum())
            c, dd = float((~exp_ & conv).sum()), float((~exp_ & ~conv).sum())
            orr = _woolf(a, b, c, dd, z)
            base = {
                "stage": stage.id,
                "to_stage": str(step["to_stage"].iloc[0]),
                "touchpoint": tp,
                N: len(step),
                "exposed": int(exp_.sum()),
                "exposed_share_converters": a / (a + c) if a + c else np.nan,
                "exposed_share_others": b / (b + dd) if b + dd else np.nan,
                "adjusted_for": ", ".join([*others, *adjust]),
            }
            for outcome, code in (("progress", 1), ("exit", 2)):
                row = dict(base, outcome=outcome, n_event=int((step["event"] == code).sum()))
                if outcome == "progress":
                    row.update(
                        odds_ratio=orr[0], odds_ratio_ci_low=orr[1], odds_ratio_ci_high=orr[2]
                    )
                if exp_.all() or not exp_.any():
                    row["note"] = (
                        "no customer was exposed"
                        if not exp_.any()
                        else "every customer was exposed: nothing to compare"
                    )
                elif row["n_event"] == 0:
                    row["note"] = f"no customer {'moved on' if code == 1 else 'exited'}"
                elif int((step.loc[exp_, "event"] == code).sum()) == 0:
                    row["note"] = (
                        f"no exposed customer {'moved on' if code == 1 else 'exited'}"
                        ": the hazard ratio is not estimable"
                    )
                else:
                    try:
                        with warnings.catch_warnings():
                            warnings.simplefilter("ignore")
                            m = ProgressionCox(event_of_interest=code, level=level).fit(
                                step,
                                covariates=[tp, *others, *adjust],
                                reference=reference,
                                check_ph=False,
                            )
                        s = m.summary.set_index("term").loc[tp]
                        row.update(
                            {
                                ESTIMATE: s[ESTIMATE],
                                EFFECT: s[EFFECT],
                                SE: s[SE],
                                CI_LOW: s[CI_LOW],
                                CI_HIGH: s[CI_HIGH],
                                P_VALUE: s[P_VALUE],
                            }
                        )
                    except DataValidationError as exc:
                        row["note"] = f"the model could not be fitted ({exc})"
                rows.append(row)
    cols = [
        "stage",
        "to_stage",
        "touchpoint",
        "outcome",
        N,
        "exposed",
        "n_event",
        "exposed_share_converters",
        "exposed_share_others",
        ESTIMATE,
        EFFECT,
        SE,
        CI_LOW,
        CI_HIGH,
        P_VALUE,
        "p_adjusted",
        "odds_ratio",
        "odds_ratio_ci_low",
        "odds_ratio_ci_high",
        "adjusted_for",
        "note",
    ]
    out = pd.DataFrame(rows).reindex(columns=cols)
    if out.empty:
        raise DataValidationError(
            "the journey names no touchpoints to study",
            source="journey",
            column="touchpoints",
            fix="list touchpoints under each stage of the journey file",
        )
    out["note"] = out["note"].fillna("")
    out["p_adjusted"] = adjust_pvalues(out[P_VALUE].astype(float).to_numpy(), method=method)
    out[SMALL_BASE] = (out["exposed"].fillna(0) < min_base) | (out["n_event"].fillna(0) < 10)
    # the former names of the two shares, kept for notebooks written against them
    out["exposed_converters"] = out["exposed_share_converters"]
    out["exposed_others"] = out["exposed_share_others"]
    report_left_out(left, "touchpoint effects", out)
    if out[SMALL_BASE].any():
        warnings.warn(
            f"touchpoint effects: {int(out[SMALL_BASE].sum())} rows rest on fewer than "
            f"{min_base} exposed customers or 10 events (flagged small_base)",
            SmallSampleWarning,
            stacklevel=2,
        )
    return out
