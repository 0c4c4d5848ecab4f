"""One ranked table of pain points joining behavioural, survey and verbatim evidence.

* :func:`excess_loss` -- per touchpoint, the extra share of exposed customers
  who have not moved on (and who exited) by a horizon, censoring-aware, and
  the customers and value that represents;
* :func:`survey_evidence` -- per touchpoint, how respondents linked to
  exposed customers rate the touchpoint, the outcome and the effort, against
  the others;
* :func:`theme_evidence` -- per touchpoint's verbatim theme, detractors vs
  promoters, with redacted quotes;
* :func:`rank_painpoints` -- the ranked table, with a fixed scoring rule.

Touchpoints come from the journey definition; which survey rating and which
verbatim theme belong to a touchpoint is client knowledge and is passed in
(``ratings={"checkout_error": "rating_checkout"}``, ``themes={...}``).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.columns import CI_HIGH, CI_LOW, ESTIMATE, SE, N
from cjresearch.core.errors import (
    UnreliableEstimateWarning,
)
from cjresearch.core.formats import number
from cjresearch.core.i18n import text, value_label
from cjresearch.core.stats import z_value
from cjresearch.core.timeunits import default_horizons, tag_time_unit, time_unit_of
from cjresearch.painpoints.evidence import survey_evidence, theme_evidence
from cjresearch.painpoints.signals import (
    check_frame,
    report_left_out,
    stage_steps,
    step_exposure,
    value_at,
)
from cjresearch.timetoevent.competing import cumulative_incidence

__all__ = ["excess_loss", "rank_painpoints", "survey_evidence", "theme_evidence"]


def _cif_at(g: pd.DataFrame, h: float, level: float) -> dict[str, float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnreliableEstimateWarning)
        cif = cumulative_incidence(g, event_types=[1, 2], entry=None, level=level)
    out = {}
    for k in (1, 2):
        c = cif[cif["event_type"] == k]
        out[f"f{k}"], out[f"se{k}"] = value_at(c, h, ESTIMATE), value_at(c, h, SE)
    return out


def excess_loss(
    durations: pd.DataFrame,
    exposure: pd.DataFrame,
    *,
    journey: Any,
    customers: pd.DataFrame | None = None,
    value: str | None = None,
    horizon: float | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Customers (and value) lost to each touchpoint: exposed vs not, by ``horizon``.

    Among the customers who entered a touchpoint's stage, exposed when the
    touchpoint happened before the step's outcome (as in
    :func:`cjresearch.painpoints.touchpoints.touchpoint_effects`), the Aalen-Johansen
    cumulative incidence of moving on by ``horizon`` (exits competing, the
    still-waiting censored) is estimated for the exposed and the unexposed.
    ``horizon`` is in the durations' time unit (``attrs["time_unit"]``);
    its default is the longest of :func:`~cjresearch.core.timeunits.default_horizons`
    (90 days, 60 minutes, 24 hours, 12 weeks). ``excess`` = unexposed minus exposed (the extra share of
    exposed customers not moved on), with the standard error of a
    difference of independent groups.  ``estimate`` (the *impact*) =
    ``exposed x excess`` customers; ``excess_exit`` is the same for exits.
    With ``customers[value]`` (e.g. order value) ``value_at_stake`` =
    impact x mean value of the exposed customers, its interval by the delta
    method (uncertainty of the impact and of the mean value).  The contrast
    is unadjusted: read it as a size, and the Cox hazard ratio as the effect.

    Returns
    -------
    DataFrame
        One row per touchpoint: ``stage``, ``touchpoint``, ``n``, ``exposed``,
        ``horizon``, ``moved_on_share_exposed``, ``moved_on_share_unexposed``
        (cumulative incidence of moving on by the horizon; formerly
        ``moved_on_exposed``/``moved_on_unexposed``), ``excess`` (a share),
        ``excess_se``, ``estimate`` (impact, customers), ``se``, ``ci_low``,
        ``ci_high``, ``excess_exit``, ``excess_exit_ci_low``,
        ``excess_exit_ci_high``, ``mean_value``, ``value_at_stake``,
        ``value_at_stake_ci_low``, ``value_at_stake_ci_high``, ``time_unit`` (of ``horizon``),
        ``excluded_events`` (touchpoint events not counted as exposure of the step; detail in
        ``attrs["excluded"]``, see :func:`cjresearch.painpoints.touchpoints.touchpoint_effects`).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from cjresearch.journey.definition import load_journey
    >>> j = load_journey({"name": "t", "stages": [{"id": "a", "events": ["a_ev"],
    ...     "touchpoints": ["err"]}, {"id": "b", "events": ["b_ev"]}]})
    >>> d = pd.DataFrame({"customer_id": list("abcd"), "from_stage": "a", "to_stage": "b",
    ...                   "duration": [1.0, 2, 3, 4], "event": [1, 1, 2, 1]})
    >>> ex = pd.DataFrame({"customer_id": ["c", "d"], "stage": "b", "event": "err", "n": 1})
    >>> float(excess_loss(d, ex, journey=j, horizon=10)["estimate"].iloc[0])
    1.0
    """
    d = stage_steps(durations)
    unit = time_unit_of(durations)
    if horizon is None:
        horizon = default_horizons(unit)[-1]
    z = z_value(level)
    vals = None
    if value is not None:
        cust = check_frame(customers, ["customer_id", value], "customers")
        vals = cust.drop_duplicates("customer_id").set_index("customer_id")[value]
        vals = pd.to_numeric(vals, errors="coerce")
    rows = []
    left: list[dict[str, Any]] = []
    for stage in journey.stages[:-1]:
        step = d[d["from_stage"].astype(str) == stage.id]
        if not stage.touchpoints or step.empty:
            continue
        step, left_here = step_exposure(step, exposure, stage)
        left += left_here
        for tp in stage.touchpoints:
            exp_ = step[tp].to_numpy() > 0
            row: dict[str, Any] = {
                "stage": stage.id,
                "touchpoint": tp,
                N: len(step),
                "exposed": int(exp_.sum()),
                "horizon": horizon,
            }
            if exp_.any() and not exp_.all():
                a, b = _cif_at(step[exp_], horizon, level), _cif_at(step[~exp_], horizon, level)
                diff, se = b["f1"] - a["f1"], float(np.hypot(a["se1"], b["se1"]))
                dexit, se_x = a["f2"] - b["f2"], float(np.hypot(a["se2"], b["se2"]))
                k = row["exposed"]
                row.update(
                    {
                        "moved_on_share_exposed": a["f1"],
                        "moved_on_share_unexposed": b["f1"],
                        "excess": diff,
                        "excess_se": se,
                        ESTIMATE: k * diff,
                        SE: k * se,
                        CI_LOW: k * (diff - z * se),
                        CI_HIGH: k * (diff + z * se),
                        "excess_exit": dexit,
                        "excess_exit_ci_low": dexit - z * se_x,
                        "excess_exit_ci_high": dexit + z * se_x,
                    }
                )
                if vals is not None:
                    v = vals.reindex(step.loc[exp_, "customer_id"]).dropna().to_numpy(float)
                    if len(v) > 1:
                        mv, se_mv = float(v.mean()), float(v.std(ddof=1) / np.sqrt(len(v)))
                        at = k * diff * mv
                        se_at = float(np.hypot(mv * k * se, k * diff * se_mv))
                        row.update(
                            {
                                "mean_value": mv,
                                "value_at_stake": at,
                                "value_at_stake_ci_low": at - z * se_at,
                                "value_at_stake_ci_high": at + z * se_at,
                            }
                        )
            rows.append(row)
    cols = [
        "stage",
        "touchpoint",
        N,
        "exposed",
        "horizon",
        "moved_on_share_exposed",
        "moved_on_share_unexposed",
        "excess",
        "excess_se",
        ESTIMATE,
        SE,
        CI_LOW,
        CI_HIGH,
        "excess_exit",
        "excess_exit_ci_low",
        "excess_exit_ci_high",
        "mean_value",
        "value_at_stake",
        "value_at_stake_ci_low",
        "value_at_stake_ci_high",
    ]
    out = tag_time_unit(pd.DataFrame(rows).reindex(columns=cols), unit)
    report_left_out(left, "excess loss", out)
    return out


POINTS = {"slower": 3, "exits": 3, "rating": 2, "importance": 1, "effort": 1, "theme": 1}


def _sig(est: Any, p: Any, alpha: float, sign: int) -> bool:
    return bool(pd.notna(est) and pd.notna(p) and p < alpha and sign * est > 0)


def _says(key: str, language: str, **fields: object) -> str:
    return text(f"evidence.{key}", language, **fields)


def _num(x: object, language: str) -> str:
    return number(x, language, decimals=2)


def _theme(theme: object, language: str) -> str:
    return value_label("theme", theme, language) or str(theme)


def rank_painpoints(
    effects: pd.DataFrame,
    loss: pd.DataFrame,
    *,
    survey: pd.DataFrame | None = None,
    themes: pd.DataFrame | None = None,
    alpha: float = 0.05,
    language: str = "en",
) -> pd.DataFrame:
    """The ranked pain-point table, one row per touchpoint (and its stage).

    ``evidence`` and ``missing`` are sentences in ``language`` (a report language),
    numbers written by :mod:`cjresearch.core.formats`.

    Scoring rule (fixed, additive; every test at ``alpha`` on multiplicity-
    adjusted p-values):

    * **3** if exposure slows moving on: hazard ratio of progress < 1;
    * **3** if exposure speeds exits: hazard ratio of exit > 1;
    * **2** if exposed respondents rate the touchpoint's rating lower;
    * **1** if that rating's key-driver importance is at or above the mean
      importance and the exposed rate it lower (point estimate);
    * **1** if exposed respondents report more effort;
    * **1** if the touchpoint's verbatim theme is mentioned more by
      detractors than by promoters.

    Rows are sorted by points (descending), then by impact (excess customers
    not moved on, descending, missing last), then by touchpoint name, so the
    order is stable.  ``kind``: ``"pain point"`` (points > 0),
    ``"opportunity"`` (no points, but exposure speeds moving on or slows
    exits), else ``"no clear evidence"``.  ``missing`` names the evidence
    that was not available (no linked survey, no rating or theme mapped,
    no exposure), so a row with few points may be unmeasured rather than fine.

    Parameters
    ----------
    effects : DataFrame
        :func:`cjresearch.painpoints.touchpoints.touchpoint_effects`.
    loss : DataFrame
        :func:`excess_loss`.
    survey : DataFrame, optional
        :func:`survey_evidence`.
    themes : DataFrame, optional
        :func:`theme_evidence`.

    Returns
    -------
    DataFrame
        ``rank``, ``stage``, ``touchpoint``, ``kind``, ``points``,
        ``evidence`` (the reasons in words), ``exposed`` (customers affected),
        ``estimate`` (impact: excess customers not moved on) with ``ci_low``,
        ``ci_high``, ``value_at_stake`` with its interval, ``hr_progress``
        with interval and adjusted p, ``hr_exit`` likewise, the survey and
        theme columns, ``quotes``, ``missing``.

    Examples
    --------
    >>> import pandas as pd
    >>> eff = pd.DataFrame({"stage": "a", "touchpoint": ["x", "x", "y", "y"],
    ...     "outcome": ["progress", "exit"] * 2, "estimate": [0.5, 1.0, 1.5, 1.0],
    ...     "ci_low": [0.4, 0.8, 1.2, 0.8], "ci_high": [0.6, 1.2, 1.8, 1.2],
    ...     "p_adjusted": [0.001, 0.9, 0.001, 0.9], "exposed": [50, 50, 60, 60]})
    >>> loss = pd.DataFrame({"stage": "a", "touchpoint": ["x", "y"], "exposed": [50, 60],
    ...     "estimate": [12.0, -9.0], "ci_low": [5.0, -15.0], "ci_high": [19.0, -3.0]})
    >>> r = rank_painpoints(eff, loss)
    >>> r[["touchpoint", "points", "kind"]].values.tolist()
    [['x', 3, 'pain point'], ['y', 0, 'opportunity']]
    """
    check_frame(
        effects,
        ["stage", "touchpoint", "outcome", ESTIMATE, CI_LOW, CI_HIGH, "p_adjusted"],
        "effects",
    )
    check_frame(loss, ["stage", "touchpoint", ESTIMATE, CI_LOW, CI_HIGH], "loss")
    if survey is not None and survey.empty:
        survey = None  # survey_evidence(..., if_unlinked="empty") found no link
    keys = ["stage", "touchpoint"]
    out = loss[keys + [c for c in loss.columns if c not in keys]].copy()
    for outcome, tag in (("progress", "hr_progress"), ("exit", "hr_exit")):
        e = effects[effects["outcome"] == outcome].set_index(keys)
        idx = pd.MultiIndex.from_frame(out[keys])
        for src, dst in (
            (ESTIMATE, tag),
            (CI_LOW, f"{tag}_ci_low"),
            (CI_HIGH, f"{tag}_ci_high"),
            ("p_adjusted", f"{tag}_p_adjusted"),
        ):
            out[dst] = e[src].reindex(idx).to_numpy()
    idx_tp = out["touchpoint"]
    for extra in (survey, themes):
        if extra is not None:
            add = extra.drop(columns=[c for c in ("stage", N) if c in extra.columns])
            add = add.set_index("touchpoint")
            for c in add.columns:
                out[c] = idx_tp.map(add[c]).to_numpy()
    pts, reasons, missing, kinds = [], [], [], []
    for _, r in out.iterrows():
        got: list[str] = []
        score = 0
        checks = [
            (
                "slower",
                _sig(1 - r.get("hr_progress", np.nan), r.get("hr_progress_p_adjusted"), alpha, 1),
                _says("slower", language, hr=_num(r.get("hr_progress"), language)),
            ),
            (
                "exits",
                _sig(r.get("hr_exit", np.nan) - 1, r.get("hr_exit_p_adjusted"), alpha, 1),
                _says("exits", language, hr=_num(r.get("hr_exit"), language)),
            ),
            (
                "rating",
                _sig(r.get("rating_gap", np.nan), r.get("rating_gap_p_adjusted"), alpha, -1),
                _says("rating", language, gap=_num(r.get("rating_gap"), language)),
            ),
            (
                "importance",
                bool(
                    r.get("high_importance") is True
                    and pd.notna(r.get("rating_gap"))
                    and r["rating_gap"] < 0
                ),
                _says("importance", language),
            ),
            (
                "effort",
                _sig(r.get("effort_gap", np.nan), r.get("effort_gap_p_adjusted"), alpha, -1),
                _says("effort", language),
            ),
            (
                "theme",
                _sig(r.get("theme_gap", np.nan), r.get("theme_gap_p_adjusted"), alpha, 1),
                _says("theme", language, theme=_theme(r.get("theme"), language)),
            ),
        ]
        for key, hit, words in checks:
            if hit:
                score += POINTS[key]
                got.append(words)
        miss = []
        if not r.get("exposed"):
            miss.append(_says("no_exposed", language))
        elif pd.isna(r.get("hr_progress")):
            miss.append(_says("no_hazard_ratio", language))
        if survey is None:
            miss.append(_says("no_survey", language))
        elif pd.isna(r.get("rating_gap")):
            miss.append(_says("no_rating", language))
        if themes is None or pd.isna(r.get("theme")):
            miss.append(_says("no_theme", language))
        good = _sig(
            r.get("hr_progress", np.nan) - 1, r.get("hr_progress_p_adjusted"), alpha, 1
        ) or _sig(1 - r.get("hr_exit", np.nan), r.get("hr_exit_p_adjusted"), alpha, 1)
        pts.append(score)
        reasons.append("; ".join(got))
        missing.append("; ".join(miss))
        kinds.append("pain point" if score else "opportunity" if good else "no clear evidence")
    out["points"], out["evidence"], out["missing"], out["kind"] = pts, reasons, missing, kinds
    out["_impact"] = out[ESTIMATE].astype(float).fillna(-np.inf)
    out = (
        out.sort_values(
            ["points", "_impact", "touchpoint"], ascending=[False, False, True], kind="stable"
        )
        .drop(columns="_impact")
        .reset_index(drop=True)
    )
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    front = [
        "rank",
        "stage",
        "touchpoint",
        "kind",
        "points",
        "evidence",
        "exposed",
        ESTIMATE,
        CI_LOW,
        CI_HIGH,
    ]
    if "quotes" not in out:
        out["quotes"] = ""
    out["quotes"] = out["quotes"].fillna("")
    rest = [c for c in out.columns if c not in front and c not in ("quotes", "missing")]
    return out[front + rest + ["quotes", "missing"]]
