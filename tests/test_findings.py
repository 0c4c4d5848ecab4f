"""Tests of cjresearch.report.findings (the key findings' rules), their sentences in six
languages, cjresearch.timetoevent.contrasts, and the findings of the sample against its
computed tables and its planted truth."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from cjresearch.core.i18n import LANGUAGES, TEXTS, format_number, format_percent
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.journey.definition import load_journey
from cjresearch.report.findings import (
    ANCHORS,
    Finding,
    anchor,
    driver_findings,
    dropoff_findings,
    group_findings,
    key_findings,
    painpoint_findings,
    segment_findings,
    wave_findings,
)
from cjresearch.report.sections.summary import finding_text, findings_html
from cjresearch.timetoevent.contrasts import compare_conversion

TRUTH = json.loads((SAMPLE_DIR / "truth.json").read_text())


# -- hand-made tables ----------------------------------------------------------------------
def _dropoff(est: list[float], se: list[float], n: list[int]) -> pd.DataFrame:
    z = 1.96
    return pd.DataFrame(
        {
            "from_stage": ["awareness", "consideration", "decision"][: len(est)],
            "to_stage": ["consideration", "decision", "purchase"][: len(est)],
            "n": n,
            "horizon": 90.0,
            "estimate": est,
            "se": se,
            "ci_low": np.subtract(est, z * np.array(se)),
            "ci_high": np.add(est, z * np.array(se)),
            "time_unit": "days",
        }
    )


def test_dropoff_named_only_when_above_every_other_step() -> None:
    clear = dropoff_findings(_dropoff([0.5, 0.3, 0.2], [0.02, 0.02, 0.02], [800, 600, 400]))
    (f,) = clear
    assert f.supported and f.key == "findings.dropoff"
    assert f.row == {"from_stage": "awareness"} and f.n == 800 and f.estimate == 0.5
    assert f.fields["lost"] == 400 and f.fields["tied"] == []
    # the weakest comparison, Holm over the two: the closer step ranks second (x 1) and
    # the far one first (x 2); adjusted p's never fall below an earlier one
    se = np.hypot(0.02, 0.02)
    p_close, p_far = (2 * stats.norm.sf(d / se) for d in (0.2, 0.3))
    assert f.p_adjusted == pytest.approx(max(p_close, 2 * p_far), rel=1e-9)
    # 0.5 vs 0.47 with se 0.02 each: not significantly larger, so the data cannot tell
    (tie,) = dropoff_findings(_dropoff([0.5, 0.47, 0.2], [0.02, 0.02, 0.02], [800, 600, 400]))
    assert not tie.supported and tie.key == "findings.dropoff_tie"
    assert [t["from_stage"] for t in tie.fields["tied"]] == ["consideration"]


def test_dropoff_small_bases_do_not_compete_and_missing_input_cannot_tell() -> None:
    # the largest share rests on 10 customers: left out, the next one is named
    (f,) = dropoff_findings(
        _dropoff([0.9, 0.4, 0.2], [0.1, 0.02, 0.02], [10, 600, 400]), min_base=30
    )
    assert f.row == {"from_stage": "consideration"} and f.supported
    (small,) = dropoff_findings(_dropoff([0.9], [0.1], [10]), min_base=30)
    assert small.key == "findings.dropoff_small" and not small.supported
    for empty in (None, _dropoff([], [], [])):
        (m,) = dropoff_findings(empty)
        assert m.key == "findings.dropoff_missing" and not m.supported and m.estimate is None


def _ranked(**change: Any) -> pd.DataFrame:
    row = {
        "rank": 1,
        "stage": "decision",
        "touchpoint": "checkout_error",
        "kind": "pain point",
        "points": 6,
        "evidence": "moves on more slowly (HR 0.50)",
        "exposed": 250,
        "estimate": 60.0,
        "ci_low": 40.0,
        "ci_high": 80.0,
        "horizon": 90.0,
        "time_unit": "days",
        "hr_progress": 0.5,
        "hr_progress_ci_low": 0.4,
        "hr_progress_ci_high": 0.6,
        "hr_progress_p_adjusted": 0.0001,
        "hr_exit": 1.5,
        "hr_exit_ci_low": 1.2,
        "hr_exit_ci_high": 1.9,
        "hr_exit_p_adjusted": 0.001,
    }
    second = dict(row, rank=2, touchpoint="price_alert", kind="no clear evidence", points=0)
    return pd.DataFrame([row | change, second])


def test_painpoint_stated_with_its_significant_effect_and_impact() -> None:
    (f,) = painpoint_findings(_ranked())
    assert f.supported and f.key == "findings.painpoint"
    assert (f.estimate, f.ci_low, f.ci_high, f.n, f.p_adjusted) == (0.5, 0.4, 0.6, 250, 0.0001)
    assert f.fields["effect"] == "slower" and f.fields["impact"]
    assert f.row == {"stage": "decision", "touchpoint": "checkout_error"}
    # moving on not significant: the exit effect carries it
    (g,) = painpoint_findings(_ranked(hr_progress_p_adjusted=0.2))
    assert g.supported and g.fields["effect"] == "exits" and g.estimate == 1.5
    # an impact interval reaching 0: stated without the customers lost
    (h,) = painpoint_findings(_ranked(ci_low=-5.0))
    assert h.supported and h.key == "findings.painpoint_no_impact"


def test_painpoint_without_significant_effect_or_with_small_base_cannot_tell() -> None:
    weak = _ranked(hr_progress_p_adjusted=0.2, hr_exit_p_adjusted=0.06)
    (f,) = painpoint_findings(weak)
    assert not f.supported and f.key == "findings.painpoint_weak" and f.estimate is None
    # significant p but the interval reaches no effect: not stated either
    (g,) = painpoint_findings(_ranked(hr_progress_ci_high=1.01, hr_exit_p_adjusted=0.5))
    assert not g.supported
    (h,) = painpoint_findings(_ranked(exposed=12), min_base=30)
    assert not h.supported and h.n == 12
    (none,) = painpoint_findings(_ranked(kind="no clear evidence"))
    assert none.key == "findings.painpoint_none" and not none.supported
    (missing,) = painpoint_findings(None)
    assert missing.key == "findings.painpoint_missing"


def _drivers(est: list[float], lo: list[float], hi: list[float], p: list[float]) -> pd.DataFrame:
    names = [f"rating_{i}" for i in range(len(est))]
    return pd.DataFrame(
        {
            "driver": names,
            "n": 400,
            "estimate": est,
            "ci_low": lo,
            "ci_high": hi,
            "share": np.divide(est, sum(est)),
            "p_value": p,
            "collinear": False,
        }
    )


def test_drivers_strongest_only_when_its_interval_is_above_the_next() -> None:
    d = _drivers([0.2, 0.1, 0.01], [0.17, 0.07, -0.01], [0.23, 0.13, 0.03], [1e-9, 1e-5, 0.3])
    first, second = driver_findings(d, outcome="sat")
    assert first.key == "findings.driver_strongest" and first.supported
    assert second.key == "findings.driver_next" and second.row == {"driver": "rating_1"}
    # Holm over the three drivers
    assert first.p_adjusted == pytest.approx(3e-9) and second.p_adjusted == pytest.approx(2e-5)
    tie = _drivers([0.2, 0.18], [0.15, 0.14], [0.25, 0.22], [1e-9, 1e-8])
    first, _ = driver_findings(tie)
    assert first.key == "findings.driver_tie" and not first.supported
    assert first.fields["other"] == "rating_1"
    # the third driver (p 0.3 -> adjusted 0.3, interval reaching 0) is never stated
    (none,) = driver_findings(_drivers([0.01], [-0.01], [0.03], [0.3]))
    assert none.key == "findings.driver_none" and not none.supported
    assert driver_findings(None)[0].key == "findings.driver_missing"


def _pairs(effect: float, p: float, small: bool = False) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "measure": "nps",
            "kind": "nps",
            "from_stage": "awareness",
            "horizon": 90.0,
            "group_a": ["2025-Q1"],
            "group_b": ["2025-Q2"],
            "n_a": 200,
            "n_b": 250,
            "estimate_a": 10.0,
            "estimate_b": 10.0 + effect,
            "effect": effect,
            "se": 3.0,
            "ci_low": effect - 5.88,
            "ci_high": effect + 5.88,
            "p_value": p,
            "p_adjusted": p,
            "small_base": small,
        }
    )


def test_group_differences_need_adjusted_significance_and_bases() -> None:
    (f,) = segment_findings(_pairs(-12.0, 0.0001), by="segment")
    assert f.supported and f.key == "findings.segment"
    # stated from the higher group: estimate >= 0, the interval flipped
    assert f.fields["high"] == "2025-Q1" and f.fields["flipped"]
    assert (f.estimate, f.ci_low, f.ci_high) == (12.0, pytest.approx(6.12), pytest.approx(17.88))
    assert f.n == 200
    assert segment_findings(_pairs(4.0, 0.2))[0].key == "findings.segment_none"
    assert segment_findings(_pairs(12.0, 0.0001, small=True))[0].key == "findings.segment_none"
    assert segment_findings(None)[0].key == "findings.segment_missing"
    (g,) = group_findings(_pairs(12.0, 0.001), by="stage")
    assert g.supported and g.evidence == anchor("survey_group", "nps") == "evidence-groups-nps"
    assert group_findings(_pairs(12.0, 0.3))[0].key == "findings.survey_group_none"


def test_waves_change_stated_only_when_significant() -> None:
    (f,) = wave_findings(_pairs(12.0, 0.001))
    assert f.supported and f.key == "findings.wave_change" and f.evidence == "evidence-waves-nps"
    (g,) = wave_findings(_pairs(3.0, 0.4))
    assert not g.supported and g.key == "findings.wave_same" and g.p_adjusted == 0.4
    (h,) = wave_findings(_pairs(12.0, 0.001, small=True))
    assert not h.supported
    assert wave_findings(None)[0].key == "findings.wave_missing"


def test_key_findings_states_the_kinds_asked_for_in_order() -> None:
    got = key_findings(
        dropoff=_dropoff([0.5, 0.3], [0.02, 0.02], [800, 600]),
        waves=_pairs(3.0, 0.4),
        kinds=["wave", "dropoff", "driver"],
    )
    assert [f.kind for f in got] == ["dropoff", "driver", "wave"]
    assert [f.key for f in got][1] == "findings.driver_missing"
    assert set(ANCHORS) == {"dropoff", "painpoint", "driver", "segment", "survey_group", "wave"}


def test_compare_conversion_is_a_wald_test_of_independent_groups() -> None:
    conv = pd.DataFrame(
        {
            "from_stage": ["a", "a", "a", "b", "b"],
            "segment": ["x", "y", "z", "x", "y"],
            "horizon": 30.0,
            "n": [400, 300, 20, 200, 250],
            "estimate": [0.5, 0.6, 0.7, 0.4, 0.41],
            "se": [0.025, 0.03, 0.1, 0.035, 0.031],
        }
    )
    r = compare_conversion(conv, by="segment")
    assert len(r) == 4 and r["small_base"].tolist() == [False, True, True, False]
    xy = r.iloc[0]
    se = np.hypot(0.025, 0.03)
    assert xy["effect"] == pytest.approx(0.1) and xy["se"] == pytest.approx(se)
    assert xy["ci_low"] == pytest.approx(0.1 - stats.norm.ppf(0.975) * se)
    assert xy["p_value"] == pytest.approx(2 * stats.norm.sf(0.1 / se))
    p = r["p_value"].to_numpy()
    order = np.argsort(p)
    holm = np.maximum.accumulate(np.minimum(1, p[order] * (len(p) - np.arange(len(p)))))
    assert r["p_adjusted"].to_numpy()[order] == pytest.approx(holm)


def test_numbers_in_the_report_languages() -> None:
    assert format_number(2168, "en") == "2,168" and format_number(2168, "pl") == "2\u00a0168"
    assert format_percent(0.337, "ro") == "33,7%" and format_percent(-0.01, "en") == "\u22121.0%"
    assert format_number(6.19, "en", digits=1, sign=True) == "+6.2"


# -- sentences -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def stub() -> SimpleNamespace:
    return SimpleNamespace(journey=load_journey(SAMPLE_DIR / "journey.yaml"), language="en")


def _every_kind_of_finding() -> list[Finding]:
    drivers = _drivers([0.2, 0.1], [0.17, 0.07], [0.23, 0.13], [1e-9, 1e-5])
    tie = _drivers([0.2, 0.18], [0.15, 0.14], [0.25, 0.22], [1e-9, 1e-8])
    return [
        *dropoff_findings(_dropoff([0.5, 0.3], [0.02, 0.02], [800, 600])),
        *dropoff_findings(_dropoff([0.5, 0.49], [0.02, 0.02], [800, 600])),
        *dropoff_findings(_dropoff([0.5], [0.02], [8])),
        *painpoint_findings(_ranked()),
        *painpoint_findings(_ranked(ci_low=-1.0)),
        *painpoint_findings(_ranked(hr_progress_p_adjusted=0.3)),  # leaving faster
        *painpoint_findings(
            _ranked(hr_progress_p_adjusted=0.3, hr_exit_p_adjusted=0.3).assign(
                rating="rating_checkout",
                rating_gap=-1.2,
                rating_gap_ci_low=-1.5,
                rating_gap_ci_high=-0.9,
                rating_gap_p_adjusted=0.001,
            )
        ),
        *painpoint_findings(_ranked(hr_progress_p_adjusted=0.3, hr_exit_p_adjusted=0.3)),
        *painpoint_findings(_ranked(kind="x")),
        *driver_findings(drivers, outcome="sat"),
        *driver_findings(tie, outcome="sat"),
        *driver_findings(_drivers([0.01], [-0.01], [0.03], [0.3]), outcome="sat"),
        *segment_findings(
            _pairs(-0.2, 0.001).assign(
                se=0.03, ci_low=-0.26, ci_high=-0.14, estimate_a=0.5, estimate_b=0.3
            ),
            by="segment",
        ),
        *segment_findings(_pairs(0.02, 0.3), by="segment"),
        *group_findings(_pairs(12.0, 0.001), by="stage"),
        *group_findings(_pairs(12.0, 0.3), by="stage"),
        *wave_findings(_pairs(-12.0, 0.001)),
        *wave_findings(_pairs(0.03, 0.3).assign(kind="top_box")),
        *key_findings(kinds=list(ANCHORS)),  # every *_missing
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_finding_reads_in_every_language(stub: SimpleNamespace, language: str) -> None:
    stub.language = language
    found = _every_kind_of_finding()
    helpers = {"evidence", "with_ci", "p", "p_small", "pp", "points", "tied_step"}
    sentences = {
        k
        for k in TEXTS
        if k.startswith("findings.")
        and k.split(".", 1)[1] not in helpers
        and not k.startswith("findings.effect_")
    }
    assert {f.key for f in found} == sentences  # every sentence of the findings
    for f in found:
        sentence = finding_text(f, stub)
        assert not re.search(r"\{|\bnan\b", sentence), (f.key, sentence)
        effect = f.fields.get("effect")
        if f.supported and effect:  # the effect's own text is in the sentence
            assert sentence.count("95%") >= 1 and effect in {"slower", "exits", "rating"}
    assert {f.fields.get("effect") for f in found} >= {"slower", "exits", "rating"}
    page = findings_html(found, stub)
    assert page.count("<li") == len(found)
    assert page.count("cjr-cannot-tell") == sum(not f.supported for f in found)


def test_sentences_carry_the_numbers(stub: SimpleNamespace) -> None:
    stub.language = "en"
    (pain,) = painpoint_findings(_ranked())
    assert finding_text(pain, stub) == (
        "Pain point 1: checkout error (Decision). Customers exposed to it move on more "
        "slowly: hazard ratio 0.50 (95% CI 0.40 to 0.60), adjusted p < 0.001; 250 customers "
        "were exposed, and about 60 (95% CI 40 to 80) more of them than expected have not "
        "moved on within 90 days."
    )
    (wave,) = wave_findings(_pairs(-12.0, 0.001))
    assert finding_text(wave, stub) == (
        "NPS changed between 2025-Q1 and 2025-Q2: from 10.0 to \u22122.0, a change of "
        "\u221212.0 points (95% CI \u221217.9 to \u22126.1); adjusted p = 0.001; 200 and 250 answers."
    )
    html_text = findings_html([pain], stub)
    assert 'href="#evidence-painpoints"' in html_text


def test_sentences_name_ids_by_the_labels_the_configuration_gives() -> None:
    from cjresearch.report.config import parse_spec

    (pain,) = painpoint_findings(_ranked())
    labels = {"checkout_error": {"en": "Checkout error", "pt": "Erro no pagamento"}}
    for language, want in (("en", "Checkout error"), ("pt-BR", "Erro no pagamento")):
        spec = parse_spec({"client": "x", "language": language, "labels": labels}, source="t")
        study = SimpleNamespace(
            journey=load_journey(SAMPLE_DIR / "journey.yaml"), language=language, spec=spec
        )
        sentence = finding_text(pain, study)
        assert f": {want} (" in sentence and "checkout" not in sentence.replace(want, "")
    spec = parse_spec({"client": "x", "language": "it", "labels": labels}, source="t")
    assert spec.label_of("checkout_error") is None  # not given in Italian: the id's words


# -- the sample ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_study() -> Any:
    from cjresearch.report.study import open_study

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = open_study(SAMPLE_DIR / "report.yaml")
        study.findings()
    return study


def _row(table: pd.DataFrame, key: dict[str, Any]) -> pd.Series:
    hit = table
    for k, v in key.items():
        hit = hit[hit[k] == v]
    assert len(hit) == 1, key
    return hit.iloc[0]


@pytest.mark.slow
def test_sample_findings_equal_the_tables_the_sections_show(sample_study: Any) -> None:
    s = sample_study
    found = s.findings()
    p = s.section_parameters("painpoints")
    ranked = s.ranked_painpoints(
        ratings=p["ratings"],
        theme_map=p["theme_map"],
        value=p["value"],
        reference=p["reference"],
        n_boot=p["n_boot"],
    )
    drivers = s.key_drivers(n_boot=s.section_parameters("survey")["n_boot"]).summary
    assert [f.kind for f in found] == [
        "dropoff",
        "painpoint",
        "painpoint",
        "driver",
        "driver",
        "segment",
        "segment",
        "survey_group",
        "wave",
        "wave",
        "wave",
    ]
    for f in found:
        if f.kind == "dropoff":
            r = _row(s.dropoff, f.row)
            nums = (r["estimate"], r["ci_low"], r["ci_high"], r["n"])
        elif f.kind == "painpoint":
            r = _row(ranked, f.row)
            col = f.fields["effect_column"]
            nums = (r[col], r[f"{col}_ci_low"], r[f"{col}_ci_high"], r["exposed"])
            assert f.p_adjusted == r[f"{col}_p_adjusted"] < 0.05
            assert (f.fields["lost"], f.fields["lost_ci_low"]) == (r["estimate"], r["ci_low"])
        elif f.kind == "driver":
            r = _row(drivers, f.row)
            nums = (r["estimate"], r["ci_low"], r["ci_high"], r["n"])
        else:
            if f.kind == "segment":
                table = s.segment_differences
            elif f.kind == "survey_group":
                table = pd.concat([s.group_comparison(m, "stage") for m in s.measures])
            else:
                table = s.wave_comparison(f.fields["measure"])
            if f.row:
                r = _row(table, f.row)
                sign = -1 if f.fields["flipped"] else 1
                nums = (
                    sign * r["effect"],
                    min(sign * r["ci_low"], sign * r["ci_high"]),
                    max(sign * r["ci_low"], sign * r["ci_high"]),
                    min(r["n_a"], r["n_b"]),
                )
                assert f.p_adjusted == r["p_adjusted"]
            else:  # no pair differs: every pair's adjusted p is at least 0.05
                assert not f.supported and (table["p_adjusted"] >= 0.05).all()
                continue
        assert (f.estimate, f.ci_low, f.ci_high, f.n) == tuple(nums), f
    # nothing claimed that is not significant, on a base below the minimum
    for f in found:
        if f.supported:
            assert f.p_adjusted is not None and f.p_adjusted < 0.05, f
            assert f.n >= s.spec.min_base
            assert f.ci_low > (1 if f.fields.get("effect") == "exits" else 0) or (f.ci_high < 1), f
    # every wave comparison on the sample is not significant: it says the data cannot tell
    assert all(not f.supported for f in found if f.kind == "wave")
    # every ranked pain point beyond the planted two has no significant harmful effect
    others = ranked[~ranked["touchpoint"].isin(["checkout_error", "delivery_late"])]
    assert (others["kind"] != "pain point").all()


@pytest.mark.slow
def test_sample_findings_name_the_planted_pain_points_with_intervals(sample_study: Any) -> None:
    s = sample_study
    pains = [f for f in s.findings() if f.kind == "painpoint"]
    assert [f.fields["touchpoint"] for f in pains] == ["checkout_error", "delivery_late"]
    for f in pains:
        spec = TRUTH["touchpoints"][f.fields["touchpoint"]]
        assert f.supported and f.fields["effect"] == "slower"
        assert f.ci_low < spec["hr_progress"] < f.ci_high  # the planted hazard ratio inside
        sentence = finding_text(f, s)
        lo, hi = (format_number(v, "en", digits=2) for v in (f.ci_low, f.ci_high))
        label = s.spec.label_of(f.fields["touchpoint"])  # data/sample/report.yaml's labels
        assert label and label in sentence and f"95% CI {lo} to {hi}" in sentence
        assert f.fields["touchpoint"] not in sentence
    # the strongest driver is the planted one, the dropoff step is not claimed
    drivers = [f for f in s.findings() if f.kind == "driver"]
    assert drivers[0].fields["driver"] == TRUTH["survey"]["drivers"]["order"][0]
    assert drivers[0].supported
    sentences = [finding_text(f, s) for f in s.findings()]
    assert all(not re.search(r"\{|\bnan\b", t) for t in sentences)


@pytest.mark.slow
def test_every_client_shape_gets_findings_or_says_what_is_not_measured(tmp_path: Path) -> None:
    """Events only, a survey only, events and customers...: each kind of the report's
    sections gets a statement, and a missing input gives the 'not measured' sentence."""
    from zoo import MAKERS, SHAPES

    from cjresearch.report.study import open_study

    for shape in SHAPES:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            study = open_study(MAKERS[shape](tmp_path / shape))
            found = study.findings()
        assert {f.kind for f in found} >= {"segment"}, shape
        for f in found:
            assert not re.search(r"\{|\bnan\b", finding_text(f, study)), (shape, f.key)
            if f.key.endswith("_missing"):
                assert not f.supported and f.estimate is None
        if not study.has("events"):
            assert {f.key for f in found if f.kind in ("dropoff", "painpoint", "segment")} <= {
                "findings.dropoff_missing",
                "findings.painpoint_missing",
                "findings.segment_missing",
            }
        if not study.has("survey"):
            assert all(
                f.key.endswith("_missing")
                for f in found
                if f.kind in ("driver", "survey_group", "wave")
            )
