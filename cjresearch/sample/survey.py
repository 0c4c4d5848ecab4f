"""The synthetic survey of :mod:`cjresearch.sample.generator`: design, scores and verbatims.

A stratified sample (strata = segments, different sampling fractions, weight
``N_h / n_h``) of the customers with at least one stage event.  Touchpoint
ratings depend on what the respondent actually experienced before the survey
date; ``overall_sat`` is a rounded linear function of the ratings with known
driver weights; NPS, CSAT and CES follow the same latent satisfaction; the
trust items load on one factor; verbatims carry themes tied to the
experience, and some carry planted e-mail addresses and phone numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.sample.text import PII_SENTENCES, TEMPLATES, THEMES, plant_email, plant_phone

__all__ = ["RATINGS", "SurveyConfig", "simulate_survey"]

#: Touchpoint rating columns, in the order of ``SurveyConfig.driver_weights``.
RATINGS = ("rating_website", "rating_checkout", "rating_delivery", "rating_support", "rating_price")


@dataclass(frozen=True)
class SurveyConfig:
    """The survey's sampling design and response model (all of it lands in truth.json)."""

    fraction: dict[str, float] = field(
        default_factory=lambda: {"value": 0.27, "premium": 0.44, "business": 0.67}
    )
    delay_days: tuple[float, float] = (7.0, 120.0)
    rating_mean: dict[str, float] = field(
        default_factory=lambda: {
            "rating_website": 3.9,
            "rating_checkout": 3.9,
            "rating_delivery": 4.0,
            "rating_support": 3.6,
            "rating_price": 3.1,
        }
    )
    rating_person_sd: float = 0.5
    rating_noise_sd: float = 0.8
    # shifts of the latent rating for touchpoints experienced before the survey date
    rating_effects: dict[str, dict[str, float]] = field(
        default_factory=lambda: {
            "delivery_late": {"rating_delivery": -1.6},
            "delivery_on_time": {"rating_delivery": 0.3},
            "checkout_error": {"rating_checkout": -1.6},
            "support_contact": {"rating_support": 0.8},
            "price_alert": {"rating_price": 0.4},
            "chat_presales": {"rating_support": 0.3},
        }
    )
    driver_weights: dict[str, float] = field(
        default_factory=lambda: {
            "rating_website": 0.20,
            "rating_checkout": 0.40,
            "rating_delivery": 0.55,
            "rating_support": 0.30,
            "rating_price": 0.10,
        }
    )
    sat_intercept: float = 0.6
    sat_noise_sd: float = 0.8
    nps_slope: float = 1.1
    nps_intercept: float = -0.3
    nps_noise_sd: float = 1.0
    csat_noise_sd: float = 0.5
    ces_noise_sd: float = 0.8
    ces_website_slope: float = 0.4
    ces_checkout_error: float = -0.8
    trust_loadings: tuple[float, ...] = (0.9, 0.8, 0.85, 0.7)
    trust_mean: float = 3.3
    trust_noise_sd: float = 0.6
    trust_sat_corr: float = 0.6
    sat_center: float = 6.0
    sat_scale: float = 1.25
    comment_share: float = 0.75
    pii_share: float = 0.06


def _round_clip(x: np.ndarray, lo: int, hi: int) -> np.ndarray:
    return np.clip(np.round(x), lo, hi).astype(np.int64)


def simulate_survey(
    sim: dict[str, np.ndarray], ctx: dict[str, Any], cfg: SurveyConfig, rng: np.random.Generator
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Draw the survey sample and its answers; return the frame and its truth.

    ``ctx`` carries ``customer_ids``, ``segments``, ``regions``,
    ``region_languages``, ``stage_ids``, ``stage_first_event``, ``touch_names``,
    ``touch_stage`` and ``start`` (Timestamp of day 0).
    """
    segments, regions = ctx["segments"], ctx["regions"]
    frame = np.flatnonzero(~sim["exit_only"])
    seg = sim["segment"]
    picked, design = [], {}
    for h, name in enumerate(segments):
        pop = frame[seg[frame] == h]
        n_h = min(len(pop), round(cfg.fraction.get(name, 0.0) * len(pop)))
        take = np.sort(rng.choice(pop, size=n_h, replace=False)) if n_h else pop[:0]
        picked.append(take)
        design[name] = {
            "N_h": len(pop),
            "n_h": int(n_h),
            "fraction": n_h / len(pop) if len(pop) else 0.0,
            "weight": len(pop) / n_h if n_h else None,
        }
    idx = np.sort(np.concatenate(picked))
    n = idx.size
    entry = sim["entry"][idx]
    delay = rng.uniform(*cfg.delay_days, n)
    room = (ctx["end_days"] - entry[:, 0]) * rng.uniform(0.3, 0.99, n)
    when = entry[:, 0] + np.minimum(delay, room)
    day = np.floor(when)
    stage = np.nansum(entry <= when[:, None], axis=1) - 1
    exposed = sim["exposed_at"][idx] <= when[:, None]  # NaN compares False
    touch_names = ctx["touch_names"]

    def had(name: str) -> np.ndarray:
        return exposed[:, touch_names.index(name)] if name in touch_names else np.zeros(n, bool)

    touch_stage = np.asarray(ctx["touch_stage"])
    touchpoint = np.empty(n, dtype=object)
    for i in range(n):
        mine = [touch_names[j] for j in np.flatnonzero(exposed[i] & (touch_stage == stage[i]))]
        touchpoint[i] = (
            mine[rng.integers(len(mine))] if mine else ctx["stage_first_event"][stage[i]]
        )

    person = rng.normal(0, cfg.rating_person_sd, n)
    ratings = {}
    for col in RATINGS:
        lat = cfg.rating_mean[col] + person + rng.normal(0, cfg.rating_noise_sd, n)
        for tp, shifts in cfg.rating_effects.items():
            lat = lat + had(tp) * shifts.get(col, 0.0)
        ratings[col] = _round_clip(lat, 1, 5)
    w = np.array([cfg.driver_weights[c] for c in RATINGS])
    r = np.column_stack([ratings[c] for c in RATINGS])
    latent = cfg.sat_intercept + r @ w + rng.normal(0, cfg.sat_noise_sd, n)
    overall = _round_clip(latent, 1, 10)
    nps = _round_clip(
        cfg.nps_intercept + cfg.nps_slope * latent + rng.normal(0, cfg.nps_noise_sd, n), 0, 10
    )
    csat = _round_clip(1 + (latent - 1) * 4 / 9 + rng.normal(0, cfg.csat_noise_sd, n), 1, 5)
    ces = _round_clip(
        1
        + (latent - 1) * 6 / 9
        + cfg.ces_website_slope * (ratings["rating_website"] - 3.5)
        + cfg.ces_checkout_error * had("checkout_error")
        + rng.normal(0, cfg.ces_noise_sd, n),
        1,
        7,
    )
    z = (latent - cfg.sat_center) / cfg.sat_scale  # fixed, not sample-based
    rho = cfg.trust_sat_corr
    factor = rho * z + np.sqrt(1 - rho**2) * rng.normal(0, 1, n)
    trust = {
        f"trust_{i + 1}": _round_clip(
            cfg.trust_mean + lam * factor + rng.normal(0, cfg.trust_noise_sd, n), 1, 5
        )
        for i, lam in enumerate(cfg.trust_loadings)
    }

    # verbatims: a theme tied to the experience, a template in the respondent's language
    region = sim["region"][idx]
    lang = np.array([ctx["region_languages"].get(regions[g], "en") for g in region])
    weights = np.column_stack(
        [
            6.0 * had("delivery_late"),
            6.0 * had("checkout_error"),
            4.0 * had("support_contact"),
            np.where(ratings["rating_price"] <= 2, 3.0, 0.3),
            np.where(ratings["rating_website"] >= 4, 2.0, 0.3),
            2.0 * had("delivery_on_time"),
            np.where(overall >= 7, 1.5, 0.3),
        ]
    )
    u = rng.random(n)[:, None]
    theme_i = (np.cumsum(weights, axis=1) / weights.sum(axis=1, keepdims=True) < u).sum(axis=1)
    commented = rng.random(n) < cfg.comment_share
    pii_draw = rng.random(n) < cfg.pii_share
    pii_kind = rng.integers(3, size=n)  # 0 email, 1 phone, 2 both
    comments = np.empty(n, dtype=object)
    rid = np.array([f"R{i + 1:05d}" for i in range(n)])
    themes: dict[str, str] = {}
    pii: dict[str, dict[str, str]] = {}
    for i in range(n):
        if not commented[i]:
            comments[i] = None
            continue
        theme = THEMES[theme_i[i]]
        options = TEMPLATES[lang[i]][theme]
        text = options[rng.integers(len(options))]
        themes[rid[i]] = theme
        if pii_draw[i]:
            planted = {}
            e_tpl, p_tpl = PII_SENTENCES[lang[i]]
            if pii_kind[i] in (0, 2):
                planted["email"] = plant_email(rng, lang[i])
                text += " " + e_tpl.format(email=planted["email"])
            if pii_kind[i] in (1, 2):
                planted["phone"] = plant_phone(rng, lang[i])
                text += " " + p_tpl.format(phone=planted["phone"])
            pii[rid[i]] = planted
        comments[i] = text

    dates = ctx["start"] + pd.to_timedelta(day, unit="D")
    wave = [f"{d.year}-Q{d.quarter}" for d in dates]
    seg_names = np.array(segments, dtype=object)[seg[idx]]
    region_names = np.array(regions, dtype=object)[region]
    weight = np.array([design[s]["weight"] for s in seg_names], dtype=float)
    survey = pd.DataFrame(
        {
            "respondent_id": rid,
            "customer_id": np.asarray(ctx["customer_ids"], dtype=object)[idx],
            "wave": wave,
            "date": dates.normalize(),
            "language": lang,
            "stage": np.asarray(ctx["stage_ids"], dtype=object)[stage],
            "touchpoint": touchpoint,
            "segment": seg_names,
            "stratum": seg_names,
            "psu": [
                f"{s}-{g}-{wv}" for s, g, wv in zip(seg_names, region_names, wave, strict=True)
            ],
            "weight": weight,
            "nps": nps,
            "csat": csat,
            "ces": ces,
            "overall_sat": overall,
            **ratings,
            **trust,
            "comment": comments,
        }
    )
    lam = np.array(cfg.trust_loadings)
    var_items = lam**2 + cfg.trust_noise_sd**2
    k = lam.size
    alpha = k / (k - 1) * (1 - var_items.sum() / (lam.sum() ** 2 + k * cfg.trust_noise_sd**2))
    order = sorted(cfg.driver_weights, key=lambda c: cfg.driver_weights[c], reverse=True)
    truth = {
        "design": {
            "type": "stratified simple random sampling without replacement",
            "strata_column": "stratum",
            "strata": design,
            "population": "customers with at least one stage event",
            "population_size": int(frame.size),
            "sample_size": int(n),
            "psu": "segment-region-wave batches (fieldwork clusters; no extra selection stage)",
            "weight": "N_h / n_h",
        },
        "drivers": {
            "outcome": "overall_sat",
            "weights": dict(cfg.driver_weights),
            "intercept": cfg.sat_intercept,
            "noise_sd": cfg.sat_noise_sd,
            "order": order,
            "model": "overall_sat = clip(round(intercept + sum(weight * rating) "
            "+ N(0, noise_sd)), 1, 10)",
        },
        "scores": {
            "nps": f"clip(round({cfg.nps_intercept} + {cfg.nps_slope} * latent_sat + "
            f"N(0, {cfg.nps_noise_sd})), 0, 10)",
            "csat": f"clip(round(1 + (latent_sat - 1) * 4/9 + N(0, {cfg.csat_noise_sd})), 1, 5)",
            "ces": "clip(round(1 + (latent_sat - 1) * 6/9 + "
            f"{cfg.ces_website_slope} * (rating_website - 3.5) + "
            f"{cfg.ces_checkout_error} * checkout_error + "
            f"N(0, {cfg.ces_noise_sd})), 1, 7); higher = easier",
        },
        "ratings": {
            "mean": dict(cfg.rating_mean),
            "person_sd": cfg.rating_person_sd,
            "noise_sd": cfg.rating_noise_sd,
            "effects": {k2: dict(v) for k2, v in cfg.rating_effects.items()},
        },
        "trust": {
            "items": list(trust),
            "loadings": list(cfg.trust_loadings),
            "noise_sd": cfg.trust_noise_sd,
            "corr_with_satisfaction": rho,
            "factor": f"{rho} * (latent_sat - {cfg.sat_center}) / {cfg.sat_scale} + "
            f"{np.sqrt(1 - rho**2):.4f} * N(0, 1)",
            "items_model": "trust_i = clip(round(mean + loading_i * factor + "
            "N(0, noise_sd)), 1, 5)",
            "alpha_latent": float(alpha),
        },
        "verbatims": {
            "comment_share": cfg.comment_share,
            "themes": list(THEMES),
            "theme_counts": {t: sum(v == t for v in themes.values()) for t in THEMES},
            "respondent_theme": themes,
        },
        "pii": {"share_of_comments": cfg.pii_share, "respondents": pii},
    }
    return survey, truth
