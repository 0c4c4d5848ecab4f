"""Key findings: the statements a report opens with, drawn from its result tables by rules.

:func:`key_findings` takes the tables the report's sections show and returns a
list of :class:`Finding`: each one kind of statement, the numbers it rests on
(estimate, interval, base, adjusted p-value), the key of the row it comes from
and the anchor of the table that shows it.  A statement is *supported* only
when the rules below say the statistics back it; otherwise the finding says
that the data cannot tell, with the numbers that show why.  Nothing here
computes a statistic that its table does not already hold, except the Holm
adjustment of the drop-off and driver comparisons (said below).

The rules (``alpha`` = 0.05, ``min_base`` = the report's minimum base):

* **Drop-off** (``dropoff``, from :func:`cjresearch.painpoints.signals.dropoff`,
  censoring-aware): among steps with ``n >= min_base``, the step with the
  largest share not moving on by the horizon is where the journey loses most,
  *if* its share is larger than every other step's (two-sided Wald test of the
  difference, the steps taken as independent, Holm-adjusted over the other
  steps, every adjusted p < ``alpha``) and its interval excludes 0.  Otherwise
  the data cannot tell it from the steps it is not significantly above.
* **Pain points** (``painpoint``, from
  :func:`cjresearch.painpoints.ranking.rank_painpoints`): the ``top`` first rows
  ranked ``"pain point"``, in rank order.  Each is stated with its first
  significant harmful effect: moving on more slowly (``hr_progress``
  interval below 1), else leaving faster (``hr_exit`` interval above 1), else a
  lower rating by the exposed (``rating_gap`` interval below 0), each with
  adjusted p < ``alpha``, and with ``exposed >= min_base``.  The customers
  it costs (excess not moved on by the horizon, with its interval) are added
  when that interval lies above 0.  A ranked row without such an effect is
  said to rest on weaker evidence (not supported); no ranked row at all says
  the data show no pain point.
* **Drivers** (``driver``, from :class:`cjresearch.survey.drivers.KeyDrivers`
  ``summary``): drivers whose coefficient p-value, Holm-adjusted over the
  drivers, is < ``alpha``, whose importance interval lies above 0, not
  flagged collinear and with ``n >= min_base``; the ``top`` first by
  importance.  The first is called the strongest only when its interval lies
  wholly above the next driver's; otherwise the data cannot tell which of the
  two matters more.
* **Segments** (``segment``, from
  :func:`cjresearch.timetoevent.contrasts.compare_conversion`) and **survey
  groups** (``survey_group``, from :func:`cjresearch.survey.crosstab.compare`):
  pairs with ``p_adjusted < alpha``, no small base and an interval excluding 0,
  the ``top`` largest (by ``abs(effect) / se``); none: the data cannot tell the
  groups apart.
* **Waves** (``wave``, from :func:`cjresearch.survey.crosstab.compare_waves`):
  per measure, the latest wave against the one before; a change is stated when
  ``p_adjusted < alpha`` and neither wave has a small base, else the data
  cannot tell whether it changed.

A table that is missing (the input was not given, or the section is not in
the report) gives one unsupported finding saying so (``*_missing`` keys).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from cjresearch.core.stats import adjust_pvalues

__all__ = [
    "ANCHORS",
    "Finding",
    "anchor",
    "driver_findings",
    "dropoff_findings",
    "group_findings",
    "key_findings",
    "painpoint_findings",
    "segment_findings",
    "wave_findings",
]

#: The anchor (HTML id) of the table that shows each kind's evidence.
ANCHORS = {
    "dropoff": "evidence-dropoff",
    "painpoint": "evidence-painpoints",
    "driver": "evidence-drivers",
    "segment": "evidence-segments",
    "survey_group": "evidence-groups",
    "wave": "evidence-waves",
}


def anchor(kind: str, measure: str | None = None) -> str:
    """The HTML id of the table showing a kind's evidence (per measure for the survey
    comparisons, which show one table per measure).

    Examples
    --------
    >>> anchor("painpoint"), anchor("wave", "NPS (0-10)")
    ('evidence-painpoints', 'evidence-waves-nps-0-10')
    """
    base = ANCHORS[kind]
    if measure is None:
        return base
    return base + "-" + (re.sub(r"[^a-z0-9]+", "-", str(measure).lower()).strip("-") or "x")


@dataclass(frozen=True)
class Finding:
    """One statement of the key findings.

    Attributes
    ----------
    kind : str
        ``dropoff``, ``painpoint``, ``driver``, ``segment``, ``survey_group`` or ``wave``.
    key : str
        The report text (``cjresearch/core/i18n.yaml``) that says it.
    supported : bool
        Whether the statistics back the statement (see the module's rules);
        False: the finding says the data cannot tell.
    estimate, ci_low, ci_high, n, p_adjusted : float or None
        The headline number, its interval, its base and adjusted p-value,
        as in the evidence table (differences oriented so that ``estimate``
        is not negative: see ``fields["flipped"]``).
    fields : dict
        Names and further numbers the sentence uses (stage, touchpoint, ...).
    row : dict
        The key of the evidence row (e.g. ``{"touchpoint": "checkout_error"}``).
    evidence : str
        The anchor of the evidence table (:data:`ANCHORS`).
    """

    kind: str
    key: str
    supported: bool
    estimate: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    n: float | None = None
    p_adjusted: float | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    row: dict[str, Any] = field(default_factory=dict)
    evidence: str = ""


def _num(v: Any) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _missing(kind: str) -> Finding:
    return Finding(kind, f"findings.{kind}_missing", False, evidence="")


# -- drop-off -----------------------------------------------------------------------------
def dropoff_findings(
    dropoff: pd.DataFrame | None, *, min_base: int = 30, alpha: float = 0.05
) -> list[Finding]:
    """Where the journey loses most customers (see the module's rules)."""
    if dropoff is None or dropoff.empty:
        return [_missing("dropoff")]
    ok = dropoff[
        (dropoff["n"] >= min_base) & dropoff["estimate"].notna() & dropoff["se"].notna()
    ].sort_values("estimate", ascending=False, kind="stable")
    if ok.empty:
        return [Finding("dropoff", "findings.dropoff_small", False, fields={"min_base": min_base})]
    top, rest = ok.iloc[0], ok.iloc[1:]
    diff = top["estimate"] - rest["estimate"].to_numpy()
    se = np.hypot(top["se"], rest["se"].to_numpy())
    p = 2 * stats.norm.sf(np.abs(diff) / np.where(se > 0, se, np.nan))
    p_adj = adjust_pvalues(p, method="holm")
    tied = rest[~(p_adj < alpha)]
    supported = tied.empty and top["ci_low"] > 0
    fields: dict[str, Any] = {
        "from_stage": top["from_stage"],
        "to_stage": top["to_stage"],
        "horizon": _num(top.get("horizon")),
        "time_unit": top.get("time_unit", "days"),
        "lost": round(float(top["n"] * top["estimate"])),
        "tied": [
            {
                "from_stage": r["from_stage"],
                "to_stage": r["to_stage"],
                "estimate": float(r["estimate"]),
                "ci_low": float(r["ci_low"]),
                "ci_high": float(r["ci_high"]),
                "n": int(r["n"]),
            }
            for _, r in tied.iterrows()
        ],
    }
    return [
        Finding(
            "dropoff",
            "findings.dropoff" if supported else "findings.dropoff_tie",
            bool(supported),
            estimate=float(top["estimate"]),
            ci_low=float(top["ci_low"]),
            ci_high=float(top["ci_high"]),
            n=int(top["n"]),
            p_adjusted=float(np.nanmax(p_adj)) if len(p_adj) else None,
            fields=fields,
            row={"from_stage": top["from_stage"]},
            evidence=ANCHORS["dropoff"],
        )
    ]


# -- pain points --------------------------------------------------------------------------
#: The harmful effects a pain point is stated with, in order: (name, column, harmful side).
_EFFECTS = (
    ("slower", "hr_progress", 1.0, -1),
    ("exits", "hr_exit", 1.0, 1),
    ("rating", "rating_gap", 0.0, -1),
)


def _harmful(r: pd.Series, alpha: float) -> tuple[str, str] | None:
    for name, col, null, side in _EFFECTS:
        p = r.get(f"{col}_p_adjusted")
        lo, hi = r.get(f"{col}_ci_low"), r.get(f"{col}_ci_high")
        if p is None or pd.isna(p) or lo is None or pd.isna(lo) or hi is None or pd.isna(hi):
            continue
        beyond = hi < null if side < 0 else lo > null
        if p < alpha and beyond:
            return name, col
    return None


def painpoint_findings(
    ranked: pd.DataFrame | None, *, min_base: int = 30, alpha: float = 0.05, top: int = 3
) -> list[Finding]:
    """The top-ranked pain points with effect, interval and customers affected."""
    if ranked is None or ranked.empty:
        return [_missing("painpoint")]
    pains = ranked[ranked["kind"] == "pain point"].sort_values("rank", kind="stable")
    if pains.empty:
        return [
            Finding("painpoint", "findings.painpoint_none", False, evidence=ANCHORS["painpoint"])
        ]
    out = []
    for _, r in pains.head(top).iterrows():
        row = {"stage": r["stage"], "touchpoint": r["touchpoint"]}
        base = {
            "rank": int(r["rank"]),
            "stage": r["stage"],
            "touchpoint": r["touchpoint"],
            "exposed": int(r["exposed"]),
            "evidence_text": r.get("evidence", ""),
        }
        found = _harmful(r, alpha)
        if found is None or r["exposed"] < min_base:
            out.append(
                Finding(
                    "painpoint",
                    "findings.painpoint_weak",
                    False,
                    n=int(r["exposed"]),
                    fields=base,
                    row=row,
                    evidence=ANCHORS["painpoint"],
                )
            )
            continue
        effect, col = found
        impact = r.get("ci_low") is not None and pd.notna(r.get("ci_low")) and r["ci_low"] > 0
        fields = {
            **base,
            "effect": effect,
            "effect_column": col,
            "rating": r.get("rating") if effect == "rating" else None,
            "horizon": _num(r.get("horizon")),
            "time_unit": r.get("time_unit", "days"),
            "impact": bool(impact),
            "lost": _num(r.get("estimate")),
            "lost_ci_low": _num(r.get("ci_low")),
            "lost_ci_high": _num(r.get("ci_high")),
        }
        out.append(
            Finding(
                "painpoint",
                "findings.painpoint" if impact else "findings.painpoint_no_impact",
                True,
                estimate=float(r[col]),
                ci_low=float(r[f"{col}_ci_low"]),
                ci_high=float(r[f"{col}_ci_high"]),
                n=int(r["exposed"]),
                p_adjusted=float(r[f"{col}_p_adjusted"]),
                fields=fields,
                row=row,
                evidence=ANCHORS["painpoint"],
            )
        )
    return out


# -- drivers ------------------------------------------------------------------------------
def driver_findings(
    drivers: pd.DataFrame | None,
    *,
    outcome: str = "",
    min_base: int = 30,
    alpha: float = 0.05,
    top: int = 2,
) -> list[Finding]:
    """The strongest drivers of the outcome (see the module's rules)."""
    if drivers is None or drivers.empty:
        return [_missing("driver")]
    d = drivers.sort_values("estimate", ascending=False, kind="stable").copy()
    d["p_adjusted"] = adjust_pvalues(d["p_value"].to_numpy(), method="holm")
    collinear = d["collinear"] if "collinear" in d.columns else pd.Series(False, index=d.index)
    ok = d[
        (d["p_adjusted"] < alpha)
        & (d["ci_low"] > 0)
        & (d["n"] >= min_base)
        & ~collinear.astype(bool)
    ]
    if ok.empty:
        return [
            Finding(
                "driver",
                "findings.driver_none",
                False,
                fields={"outcome": outcome},
                evidence=ANCHORS["driver"],
            )
        ]
    out = []
    for i, (_, r) in enumerate(ok.head(top).iterrows()):
        fields: dict[str, Any] = {
            "driver": r["driver"],
            "outcome": outcome,
            "share": _num(r.get("share")),
        }
        key, supported = "findings.driver_next", True
        if i == 0:
            nxt = d[d["driver"] != r["driver"]].head(1)
            separate = nxt.empty or bool(r["ci_low"] > nxt["ci_high"].iloc[0])
            key = "findings.driver_strongest" if separate else "findings.driver_tie"
            supported = separate
            if not nxt.empty:
                fields |= {
                    "other": nxt["driver"].iloc[0],
                    "other_estimate": float(nxt["estimate"].iloc[0]),
                    "other_ci_low": float(nxt["ci_low"].iloc[0]),
                    "other_ci_high": float(nxt["ci_high"].iloc[0]),
                }
        out.append(
            Finding(
                "driver",
                key,
                supported,
                estimate=float(r["estimate"]),
                ci_low=float(r["ci_low"]),
                ci_high=float(r["ci_high"]),
                n=int(r["n"]),
                p_adjusted=float(r["p_adjusted"]),
                fields=fields,
                row={"driver": r["driver"]},
                evidence=ANCHORS["driver"],
            )
        )
    return out


# -- group differences --------------------------------------------------------------------
def _oriented(
    kind: str, key: str, supported: bool, r: pd.Series, extra: Mapping[str, Any]
) -> Finding:
    """A difference stated from the higher group (estimate >= 0)."""
    flip = r["effect"] < 0
    hi, lo = ("a", "b") if flip else ("b", "a")
    sign = -1.0 if flip else 1.0
    ends = sorted((sign * r["ci_low"], sign * r["ci_high"]))
    return Finding(
        kind,
        key,
        supported,
        estimate=sign * float(r["effect"]),
        ci_low=float(ends[0]),
        ci_high=float(ends[1]),
        n=int(min(r["n_a"], r["n_b"])),
        p_adjusted=_num(r["p_adjusted"]),
        fields={
            **extra,
            "flipped": bool(flip),
            "high": r[f"group_{hi}"],
            "low": r[f"group_{lo}"],
            "estimate_high": float(r[f"estimate_{hi}"]),
            "estimate_low": float(r[f"estimate_{lo}"]),
            "n_high": int(r[f"n_{hi}"]),
            "n_low": int(r[f"n_{lo}"]),
            "group_a": r["group_a"],
            "group_b": r["group_b"],
        },
        row={
            "group_a": r["group_a"],
            "group_b": r["group_b"],
            **{k: extra[k] for k in ("from_stage", "measure") if k in extra},
        },
        evidence=anchor(kind, extra.get("measure")),
    )


def _significant(t: pd.DataFrame, alpha: float) -> pd.DataFrame:
    small = t["small_base"].astype(bool) if "small_base" in t.columns else False
    keep = (t["p_adjusted"] < alpha) & ~small & ((t["ci_low"] > 0) | (t["ci_high"] < 0))
    s = t[keep].copy()
    s["_z"] = (s["effect"].abs() / s["se"]).fillna(np.inf)
    return s.sort_values("_z", ascending=False, kind="stable")


def segment_findings(
    differences: pd.DataFrame | None, *, by: str = "", alpha: float = 0.05, top: int = 2
) -> list[Finding]:
    """Segments that move on differently (from :func:`compare_conversion`)."""
    if differences is None or differences.empty:
        return [_missing("segment")]
    sig = _significant(differences, alpha)
    if sig.empty:
        return [
            Finding(
                "segment",
                "findings.segment_none",
                False,
                fields={"by": by},
                evidence=ANCHORS["segment"],
            )
        ]
    return [
        _oriented(
            "segment",
            "findings.segment",
            True,
            r,
            {
                "by": by,
                "from_stage": r["from_stage"],
                "to_stage": r.get("to_stage"),
                "horizon": _num(r.get("horizon")),
                "time_unit": r.get("time_unit", "days"),
            },
        )
        for _, r in sig.head(top).iterrows()
    ]


def group_findings(
    comparisons: pd.DataFrame | None, *, by: str = "", alpha: float = 0.05, top: int = 2
) -> list[Finding]:
    """Survey groups that score differently (from :func:`cjresearch.survey.crosstab.compare`,
    the tables of every measure stacked)."""
    if comparisons is None or comparisons.empty:
        return [_missing("survey_group")]
    sig = _significant(comparisons, alpha)
    if sig.empty:
        return [
            Finding(
                "survey_group",
                "findings.survey_group_none",
                False,
                fields={"by": by},
                evidence=anchor("survey_group", comparisons["measure"].iloc[0]),
            )
        ]
    return [
        _oriented(
            "survey_group",
            "findings.survey_group",
            True,
            r,
            {"by": by, "measure": r["measure"], "measure_kind": r["kind"]},
        )
        for _, r in sig.head(top).iterrows()
    ]


def wave_findings(waves: pd.DataFrame | None, *, alpha: float = 0.05) -> list[Finding]:
    """What changed since the previous wave, per measure (from
    :func:`cjresearch.survey.crosstab.compare_waves`, the tables of every measure stacked)."""
    if waves is None or waves.empty:
        return [_missing("wave")]
    out = []
    for measure, t in waves.groupby("measure", sort=False):
        r = t.iloc[-1]
        changed = bool(
            pd.notna(r["p_adjusted"])
            and r["p_adjusted"] < alpha
            and not bool(r.get("small_base", False))
        )
        out.append(
            _oriented(
                "wave",
                "findings.wave_change" if changed else "findings.wave_same",
                changed,
                r,
                {"measure": measure, "measure_kind": r["kind"]},
            )
        )
    return out


def key_findings(
    *,
    dropoff: pd.DataFrame | None = None,
    painpoints: pd.DataFrame | None = None,
    drivers: pd.DataFrame | None = None,
    outcome: str = "",
    segments: pd.DataFrame | None = None,
    segment_by: str = "",
    groups: pd.DataFrame | None = None,
    group_by: str = "",
    waves: pd.DataFrame | None = None,
    min_base: int = 30,
    alpha: float = 0.05,
    kinds: Sequence[str] = tuple(ANCHORS),
) -> list[Finding]:
    """Every key finding of a report, in the order it opens with (see the module's rules).

    Parameters
    ----------
    dropoff, painpoints, drivers, segments, groups, waves : DataFrame, optional
        The evidence tables (None: not measured; the finding says so).
    outcome, segment_by, group_by : str
        Names the sentences use: the drivers' outcome, the segment and survey group columns.
    min_base : int
        The report's minimum base.
    alpha : float
        The significance level, on adjusted p-values.
    kinds : sequence of str
        The kinds to state (those whose evidence the report shows).

    Examples
    --------
    >>> d = pd.DataFrame({"from_stage": ["a", "b"], "to_stage": ["b", "c"], "n": [500, 400],
    ...     "estimate": [0.6, 0.3], "se": [0.02, 0.02], "ci_low": [0.56, 0.26],
    ...     "ci_high": [0.64, 0.34], "horizon": 30.0})
    >>> [(f.key, f.supported) for f in key_findings(dropoff=d, kinds=["dropoff", "wave"])]
    [('findings.dropoff', True), ('findings.wave_missing', False)]
    """
    makers = {
        "dropoff": lambda: dropoff_findings(dropoff, min_base=min_base, alpha=alpha),
        "painpoint": lambda: painpoint_findings(painpoints, min_base=min_base, alpha=alpha),
        "driver": lambda: driver_findings(drivers, outcome=outcome, min_base=min_base, alpha=alpha),
        "segment": lambda: segment_findings(segments, by=segment_by, alpha=alpha),
        "survey_group": lambda: group_findings(groups, by=group_by, alpha=alpha),
        "wave": lambda: wave_findings(waves, alpha=alpha),
    }
    out: list[Finding] = []
    for kind in ANCHORS:
        if kind in kinds:
            out += makers[kind]()
    return out
