"""The vectorised journey simulation behind :mod:`cjresearch.sample.generator`.

Customers move through the stages of a journey definition as competing
risks: in each stage the time to the next stage and the time to each exit are
exponential with a per-day hazard times ``exp(linear predictor)`` (segment and
touchpoint exposure); the earliest wins, and the observation end censors.
Exposure to each touchpoint of a stage is drawn at stage entry, so it is a
baseline covariate of that stage's transitions.  Everything is done with numpy
arrays stage by stage, never customer by customer, so that the same code
writes a few thousand customers for the committed sample and millions for
benchmarks.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.journey.definition import Journey
from cjresearch.sample.survey import SurveyConfig

__all__ = ["SECOND", "Plan", "SampleConfig", "TouchpointEffect", "make_plan", "simulate"]

SECOND = 1.0 / 86400.0
_MIN_STAY = 60 * SECOND  # one minute between a stage entry and the next move


@dataclass(frozen=True)
class TouchpointEffect:
    """How exposure to one touchpoint event changes the hazards of its stage.

    ``prevalence`` is the probability of exposure at stage entry;
    ``hr_progress`` multiplies the hazard of moving to the next stage and
    ``hr_exit`` the hazard of every exit.  ``complement_of`` names another
    touchpoint of the same stage: the event is then written exactly for the
    customers *not* exposed to that one (e.g. delivered on time = not late) and
    has no effect of its own.
    """

    prevalence: float = 0.2
    hr_progress: float = 1.0
    hr_exit: float = 1.0
    complement_of: str | None = None


def _default_effects() -> dict[str, TouchpointEffect]:
    return {
        "newsletter_open": TouchpointEffect(0.40, 1.2, 0.8),
        "store_visit": TouchpointEffect(0.15, 1.2, 0.9),
        "chat_presales": TouchpointEffect(0.25, 1.6, 1.0),
        "checkout_error": TouchpointEffect(0.20, 0.5, 1.5),
        "price_alert": TouchpointEffect(0.25, 1.0, 1.0),
        "delivery_late": TouchpointEffect(0.20, 0.6, 2.0),
        "delivery_on_time": TouchpointEffect(complement_of="delivery_late"),
        "support_contact": TouchpointEffect(0.15, 1.0, 0.8),
        "app_login": TouchpointEffect(0.50, 1.4, 0.7),
    }


@dataclass(frozen=True)
class SampleConfig:
    """Everything the generator draws from; every value ends up in ``truth.json``.

    Hazards are per day.  ``progress_hazard[i]`` is the baseline hazard of
    moving from stage ``i`` to stage ``i + 1`` (by position in the journey; the
    last value is reused for longer journeys).  ``exit_hazard[exit_id][i]`` is
    the baseline hazard of that exit from stage ``i``; when the journey's exit
    ids are not keys here, the entries are assigned to its exits in order.
    Segment hazard ratios are relative to the first segment (the baseline) and
    the same on every transition; touchpoint effects are keyed by event name
    (touchpoints of the journey without an entry get ``default_effect``).

    Examples
    --------
    >>> cfg = SampleConfig()
    >>> cfg.touchpoints["checkout_error"].hr_progress
    0.5
    """

    start: str = "2025-01-01"
    observation_end: str = "2026-01-01"
    acquisition_days: float = 350.0
    segments: tuple[str, ...] = ("value", "premium", "business")
    segment_probs: tuple[float, ...] = (0.5, 0.3, 0.2)
    segment_hr_progress: dict[str, float] = field(
        default_factory=lambda: {"premium": 1.3, "business": 0.8}
    )
    segment_hr_exit: dict[str, float] = field(
        default_factory=lambda: {"premium": 0.7, "business": 1.2}
    )
    order_value_median: dict[str, float] = field(
        default_factory=lambda: {"value": 35.0, "premium": 120.0, "business": 300.0}
    )
    channels: tuple[str, ...] = ("search", "social", "ads", "referral", "direct")
    channel_probs: tuple[float, ...] = (0.3, 0.25, 0.2, 0.1, 0.15)
    acquisition_events: dict[str, str] = field(
        default_factory=lambda: {
            "search": "search_visit",
            "social": "social_visit",
            "ads": "ad_click",
        }
    )
    personas: tuple[str, ...] = ("bargain_hunter", "researcher", "loyalist", "impulse_buyer")
    persona_probs: tuple[float, ...] = (0.3, 0.3, 0.2, 0.2)
    persona_activity: dict[str, float] = field(
        default_factory=lambda: {"researcher": 1.6, "impulse_buyer": 0.6}
    )
    regions: tuple[str, ...] = ("GB", "RO", "BG", "PL", "PT", "IT")
    region_probs: tuple[float, ...] = (0.25, 0.2, 0.1, 0.2, 0.1, 0.15)
    region_languages: dict[str, str] = field(
        default_factory=lambda: {
            "GB": "en",
            "RO": "ro",
            "BG": "bg",
            "PL": "pl",
            "PT": "pt",
            "IT": "it",
        }
    )
    progress_hazard: tuple[float, ...] = (0.10, 0.06, 0.08, 0.02, 0.015)
    exit_hazard: dict[str, tuple[float, ...]] = field(
        default_factory=lambda: {
            "churned": (0.005, 0.01, 0.01, 0.008, 0.004, 0.003),
            "lost": (0.04, 0.03, 0.02, 0.0, 0.0, 0.0),
        }
    )
    touchpoints: dict[str, TouchpointEffect] = field(default_factory=_default_effects)
    default_effect: TouchpointEffect = TouchpointEffect(0.2, 1.0, 1.0)
    extra_events_mean: float = 1.5
    tie_share: float = 0.03
    debug_share: float = 0.04
    exit_only_share: float = 0.003
    gap_share: float = 0.01
    app_share: float = 0.3
    event_channels: dict[str, str] = field(
        default_factory=lambda: {
            "newsletter_open": "email",
            "unsubscribe": "email",
            "store_visit": "store",
            "chat_presales": "chat",
            "support_contact": "phone",
            "app_login": "app",
        }
    )
    survey: SurveyConfig = field(default_factory=SurveyConfig)


def concrete_name(pattern: str) -> str:
    """An event name matching a journey pattern (``"debug_*"`` -> ``"debug_event"``)."""
    name = pattern.replace("*", "event").replace("?", "x")
    while "[" in name and "]" in name:
        i, j = name.index("["), name.index("]")
        name = name[:i] + name[i + 1 : i + 2] + name[j + 1 :]
    return name


@dataclass
class Plan:
    """The journey and the configuration resolved into arrays."""

    journey: Journey
    config: SampleConfig
    start: pd.Timestamp
    end_days: float
    events: list[str]  # event vocabulary; codes index it
    channels: list[str]  # channel vocabulary
    event_channel: np.ndarray  # channel code per event code, -1 = device
    stage_events: list[np.ndarray]  # event codes per stage
    touch_names: list[str]  # all touchpoints, flat
    touch_stage: np.ndarray  # stage index of each touchpoint
    touch_code: np.ndarray  # event code of each touchpoint
    touch_effect: list[TouchpointEffect]
    progress_h: np.ndarray  # (K-1,)
    exit_ids: list[str]
    exit_h: np.ndarray  # (K, E)
    exit_events: list[np.ndarray]
    seg_lp: np.ndarray  # (S,) log hazard ratio, progression
    seg_le: np.ndarray  # (S,) log hazard ratio, exits
    acq_code: np.ndarray  # awareness event code per channel, -1 = random
    debug_code: int  # -1 when the journey ignores nothing
    extra: dict[str, Any] = field(default_factory=dict)


def make_plan(journey: Journey, config: SampleConfig) -> Plan:
    """Resolve ``config`` against ``journey`` (stage names come from the journey)."""
    cfg = config
    k = len(journey.stages)
    if k < 2:
        raise DataValidationError(
            f"the journey has {k} stage; the generator needs at least 2",
            source=journey.source,
            fix="define two or more stages",
        )
    if not journey.exits:
        raise DataValidationError(
            "the journey defines no exits",
            source=journey.source,
            fix="add an exit such as 'churned' with its events",
        )
    for name, probs, values in [
        ("segment_probs", cfg.segment_probs, cfg.segments),
        ("channel_probs", cfg.channel_probs, cfg.channels),
        ("persona_probs", cfg.persona_probs, cfg.personas),
        ("region_probs", cfg.region_probs, cfg.regions),
    ]:
        if len(probs) != len(values) or abs(sum(probs) - 1) > 1e-9 or min(probs) < 0:
            raise DataValidationError(
                f"config.{name} must be {len(values)} shares summing to 1",
                source="SampleConfig",
                fix="give one share per value",
            )
    effects = {**cfg.touchpoints, "default_effect": cfg.default_effect}
    for name, eff in effects.items():
        if not 0 <= eff.prevalence <= 1 or eff.hr_progress <= 0 or eff.hr_exit <= 0:
            raise DataValidationError(
                f"touchpoint effect '{name}' has prevalence {eff.prevalence}, hazard ratios "
                f"{eff.hr_progress} and {eff.hr_exit}",
                source="SampleConfig",
                fix="use a prevalence between 0 and 1 and positive hazard ratios",
            )
    bad = {k: v for k, v in cfg.survey.fraction.items() if not 0 <= v <= 1}
    if bad:
        raise DataValidationError(
            f"survey sampling fractions outside 0-1: {bad}",
            source="SurveyConfig",
            fix="use fractions between 0 and 1",
        )
    events: list[str] = []

    def code(name: str) -> int:
        if name not in events:
            events.append(name)
        return events.index(name)

    stage_events = []
    for s in journey.stages:
        if not s.events:
            raise DataValidationError(
                f"stage '{s.id}' has no events",
                source=journey.source,
                fix="give every stage at least one event",
            )
        stage_events.append(np.array([code(concrete_name(p)) for p in s.events]))
    touch_names, touch_stage, touch_code, touch_effect = [], [], [], []
    for s in journey.stages:
        for p in s.touchpoints:
            name = concrete_name(p)
            touch_names.append(name)
            touch_stage.append(s.index)
            touch_code.append(code(name))
            touch_effect.append(cfg.touchpoints.get(name, cfg.default_effect))
    for name, eff in zip(touch_names, touch_effect, strict=True):
        if eff.complement_of is not None:
            i = touch_names.index(name)
            if (
                eff.complement_of not in touch_names
                or touch_stage[touch_names.index(eff.complement_of)] != touch_stage[i]
            ):
                raise DataValidationError(
                    f"touchpoint '{name}' is the complement of '{eff.complement_of}', "
                    "which is not a touchpoint of the same stage",
                    source="SampleConfig",
                    fix="drop complement_of or move both touchpoints into one stage",
                )
    exit_ids = list(journey.exit_ids)
    keys = list(cfg.exit_hazard)
    rates = [
        cfg.exit_hazard[e] if e in cfg.exit_hazard else cfg.exit_hazard[keys[i % len(keys)]]
        for i, e in enumerate(exit_ids)
    ]
    exit_h = np.array([[r[min(i, len(r) - 1)] for r in rates] for i in range(k)], dtype=float)
    exit_events = [
        np.array([code(concrete_name(p)) for p in e.events] or [code(e.id)]) for e in journey.exits
    ]
    ph = cfg.progress_hazard
    progress_h = np.array([ph[min(i, len(ph) - 1)] for i in range(k - 1)], dtype=float)
    if (progress_h <= 0).any() or (exit_h < 0).any() or (exit_h[-1] <= 0).all():
        raise DataValidationError(
            "hazards must be positive (and the last stage needs an exit)",
            source="SampleConfig",
            fix="check progress_hazard/exit_hazard",
        )
    debug_code = code(concrete_name(journey.ignore_events[0])) if journey.ignore_events else -1
    channels = ["web", "app"]
    for ch in cfg.event_channels.values():
        if ch not in channels:
            channels.append(ch)
    event_channel = np.array(
        [channels.index(cfg.event_channels[e]) if e in cfg.event_channels else -1 for e in events],
        dtype=np.int64,
    )
    first = [events[c] for c in stage_events[0]]
    acq_code = np.array(
        [
            events.index(cfg.acquisition_events[c])
            if cfg.acquisition_events.get(c) in first
            else -1
            for c in cfg.channels
        ]
    )
    seg_lp = np.log([cfg.segment_hr_progress.get(s, 1.0) for s in cfg.segments])
    seg_le = np.log([cfg.segment_hr_exit.get(s, 1.0) for s in cfg.segments])
    start = pd.Timestamp(cfg.start)
    end_days = (pd.Timestamp(cfg.observation_end) - start) / pd.Timedelta(days=1)
    return Plan(
        journey,
        cfg,
        start,
        float(end_days),
        events,
        channels,
        event_channel,
        stage_events,
        touch_names,
        np.array(touch_stage, dtype=int),
        np.array(touch_code, dtype=int),
        touch_effect,
        progress_h,
        exit_ids,
        exit_h,
        exit_events,
        seg_lp,
        seg_le,
        acq_code,
        debug_code,
    )


def simulate(plan: Plan, n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Simulate ``n`` customers; times are float days since ``plan.start``.

    Returns customer attributes (codes), ``entry`` (n, K) stage entry times
    (NaN when not reached), ``exit_state`` (-1 none), ``exit_at``,
    ``exposed_at`` (n, T) touchpoint event times (NaN when not exposed; the
    true experience, also when a tracking gap dropped the event), ``gap_stage``
    (-1, or the stage whose events a tracking gap dropped), ``exit_only`` and
    the event columns ``ev_cust``, ``ev_time``, ``ev_code``, ``ev_channel``.
    """
    cfg = plan.config
    k_stages = len(plan.stage_events)
    seg = rng.choice(len(cfg.segments), size=n, p=cfg.segment_probs)
    chan = rng.choice(len(cfg.channels), size=n, p=cfg.channel_probs)
    persona = rng.choice(len(cfg.personas), size=n, p=cfg.persona_probs)
    region = rng.choice(len(cfg.regions), size=n, p=cfg.region_probs)
    device = (rng.random(n) < cfg.app_share).astype(np.int64)  # 0 web, 1 app
    acq = np.floor(rng.random(n) * cfg.acquisition_days) + rng.uniform(0.3, 0.95, n)
    acq = np.minimum(acq, plan.end_days - 2 * _MIN_STAY)
    med = np.array([cfg.order_value_median.get(s, 50.0) for s in cfg.segments])
    order_value = np.round(med[seg] * np.exp(rng.normal(0.0, 0.5, n)), 2)
    activity = np.array([cfg.persona_activity.get(p, 1.0) for p in cfg.personas])[persona]
    exit_only = rng.random(n) < cfg.exit_only_share

    entry = np.full((n, k_stages), np.nan)
    exit_state = np.full(n, -1, dtype=np.int64)
    exit_at = np.full(n, np.nan)
    exposed_at = np.full((n, len(plan.touch_names)), np.nan)
    ev: list[tuple[np.ndarray, np.ndarray, np.ndarray, int]] = []  # cust, time, code, stage

    active = np.flatnonzero(~exit_only)
    t = acq[active]
    for k in range(k_stages):
        if active.size == 0:
            break
        m = active.size
        entry[active, k] = t
        lin_p = plan.seg_lp[seg[active]].copy()
        lin_e = plan.seg_le[seg[active]].copy()
        tps = [int(i) for i in np.flatnonzero(plan.touch_stage == k)]
        exposed = np.zeros((m, len(tps)), dtype=bool)
        for j, ti in enumerate(tps):
            eff = plan.touch_effect[ti]
            if eff.complement_of is None:
                exposed[:, j] = rng.random(m) < eff.prevalence
                lin_p += exposed[:, j] * np.log(eff.hr_progress)
                lin_e += exposed[:, j] * np.log(eff.hr_exit)
        for j, ti in enumerate(tps):
            ref = plan.touch_effect[ti].complement_of
            if ref is not None:
                exposed[:, j] = ~exposed[:, tps.index(plan.touch_names.index(ref))]
        t_prog = (
            rng.exponential(1.0, m) / (plan.progress_h[k] * np.exp(lin_p))
            if k < k_stages - 1
            else np.full(m, np.inf)
        )
        t_exit = np.full(m, np.inf)
        which = np.full(m, -1)
        for e in range(len(plan.exit_ids)):
            if plan.exit_h[k, e] > 0:
                te = rng.exponential(1.0, m) / (plan.exit_h[k, e] * np.exp(lin_e))
                win = te < t_exit
                t_exit[win], which[win] = te[win], e
        moved = t_prog < t_exit
        stay = np.minimum(t_prog, t_exit) + _MIN_STAY
        end = t + stay
        censored = end >= plan.end_days
        stay_end = np.where(censored, plan.end_days, end)
        # stage events: the entry event, then extra ones inside the stay
        codes = plan.stage_events[k]
        first = codes[rng.integers(len(codes), size=m)]
        if k == 0:
            acq_c = plan.acq_code[chan[active]]
            first = np.where(acq_c >= 0, acq_c, first)
        ev.append((active, t, first, k))
        span = np.maximum(stay_end - t - _MIN_STAY / 2, 0.0)  # ends before the next move
        n_extra = rng.poisson(cfg.extra_events_mean * activity[active])
        rep = np.repeat(np.arange(m), n_extra)
        u = rng.random(rep.size)
        u[rng.random(rep.size) < cfg.tie_share] = 0.0  # identical timestamps
        ev.append(
            (active[rep], t[rep] + u * span[rep], codes[rng.integers(len(codes), size=rep.size)], k)
        )
        # touchpoint exposure: inside the stay, before the next move
        for j, ti in enumerate(tps):
            x = np.flatnonzero(exposed[:, j])
            when = t[x] + rng.random(x.size) * span[x]
            exposed_at[active[x], ti] = when
            ev.append((active[x], when, np.full(x.size, plan.touch_code[ti]), k))
        # exits
        ex = np.flatnonzero(~moved & ~censored)
        ecode = np.empty(ex.size, dtype=np.int64)
        for e in range(len(plan.exit_ids)):
            sel = which[ex] == e
            ecode[sel] = plan.exit_events[e][
                rng.integers(len(plan.exit_events[e]), size=int(sel.sum()))
            ]
        exit_state[active[ex]] = which[ex]
        exit_at[active[ex]] = end[ex]
        ev.append((active[ex], end[ex], ecode, -1))
        go = moved & ~censored
        active, t = active[go], end[go]

    # messiness: customers with only an exit event; ignored debug events
    xo = np.flatnonzero(exit_only)
    xo_t = np.minimum(acq[xo] + rng.uniform(0, 30, xo.size), plan.end_days - _MIN_STAY)
    e0 = plan.exit_events[0]
    ev.append((xo, xo_t, e0[rng.integers(len(e0), size=xo.size)], -1))
    exit_state[xo], exit_at[xo] = 0, xo_t
    if plan.debug_code >= 0:
        dbg = np.flatnonzero((rng.random(n) < cfg.debug_share) & ~exit_only)
        last = np.nanmax(np.column_stack([entry[dbg], exit_at[dbg]]), axis=1)
        last = np.minimum(np.where(np.isnan(last), acq[dbg], last), plan.end_days - _MIN_STAY)
        ev.append(
            (
                dbg,
                acq[dbg] + rng.random(dbg.size) * (last - acq[dbg]),
                np.full(dbg.size, plan.debug_code),
                -1,
            )
        )

    cust = np.concatenate([e[0] for e in ev]).astype(np.int64)
    time = np.concatenate([e[1] for e in ev])
    evc = np.concatenate([e[2] for e in ev]).astype(np.int64)
    evs = np.concatenate([np.full(e[0].size, e[3]) for e in ev])
    # messiness: a tracking gap drops all events of one passed-through stage
    gap = np.full(n, -1, dtype=np.int64)
    pick = rng.integers(k_stages - 1, size=n)
    has_gap = (
        (rng.random(n) < cfg.gap_share) & ~exit_only & ~np.isnan(entry[np.arange(n), pick + 1])
    )
    gap[has_gap] = pick[has_gap]
    keep = (evs < 0) | (gap[cust] != evs)
    cust, time, evc = cust[keep], time[keep], evc[keep]
    chc = plan.event_channel[evc]
    chc = np.where(chc < 0, device[cust], chc)
    return {
        "segment": seg,
        "channel": chan,
        "persona": persona,
        "region": region,
        "acquired": acq,
        "order_value": order_value,
        "entry": entry,
        "exit_state": exit_state,
        "exit_at": exit_at,
        "exposed_at": exposed_at,
        "exit_only": exit_only,
        "gap_stage": gap,
        "ev_cust": cust,
        "ev_time": time,
        "ev_code": evc,
        "ev_channel": chc,
    }


def to_seconds(plan: Plan, days: np.ndarray) -> np.ndarray:
    """Float days since start -> int64 nanoseconds since epoch, floored to the second."""
    base = plan.start.value // 10**9
    return (base + np.floor(days * 86400.0).astype(np.int64)) * 10**9


# -- closed-form truth -----------------------------------------------------
def closed_form(plan: Plan) -> list[dict[str, Any]]:
    """Per stage: baseline and population probabilities of moving on / each exit.

    The population figures average ``h / (h + c)`` over the exposure
    combinations of the stage (independent draws) and over the segment mix of
    customers *entering* that stage (which shifts stage by stage because
    segments progress at different rates); no censoring.
    """
    cfg = plan.config
    k_stages = len(plan.stage_events)
    mix = np.array(cfg.segment_probs, dtype=float)
    out = []
    for k in range(k_stages):
        h = plan.progress_h[k] if k < k_stages - 1 else 0.0
        c = plan.exit_h[k]
        tps = [
            i
            for i in np.flatnonzero(plan.touch_stage == k)
            if plan.touch_effect[i].complement_of is None
        ]
        p_seg = np.zeros(len(mix))
        e_seg = np.zeros((len(mix), len(c)))
        for combo in itertools.product([0, 1], repeat=len(tps)):
            pr, lp, le = 1.0, 0.0, 0.0
            for x, i in zip(combo, tps, strict=True):
                eff = plan.touch_effect[i]
                pr *= eff.prevalence if x else 1 - eff.prevalence
                lp += x * np.log(eff.hr_progress)
                le += x * np.log(eff.hr_exit)
            hp = h * np.exp(plan.seg_lp + lp)
            he = np.outer(np.exp(plan.seg_le + le), c)
            tot = hp + he.sum(axis=1)
            p_seg += pr * hp / tot
            e_seg += pr * he / tot[:, None]
        row: dict[str, Any] = {
            "stage": plan.journey.stage_ids[k],
            "stage_index": k,
            "progress_hazard": float(h),
            "exit_hazard": dict(zip(plan.exit_ids, map(float, c), strict=True)),
            "baseline_p_move_on": float(h / (h + c.sum())),
            "baseline_p_exit": {
                e: float(ci / (h + c.sum())) for e, ci in zip(plan.exit_ids, c, strict=True)
            },
            "baseline_mean_stay_days": float(1 / (h + c.sum())),
            "segment_mix_at_entry": dict(zip(cfg.segments, map(float, mix), strict=True)),
            "p_move_on": float(mix @ p_seg),
            "p_exit": {e: float(mix @ e_seg[:, i]) for i, e in enumerate(plan.exit_ids)},
        }
        out.append(row)
        if h > 0:
            mix = mix * p_seg / (mix @ p_seg)
    reach = 1.0
    for row in out:
        row["p_reach_from_first"] = reach
        reach *= row["p_move_on"]
    return out
