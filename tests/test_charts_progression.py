"""Progression charts: specs validate and encode exactly the result frames' numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cjresearch.charts.progression import (
    conversion_chart,
    curve_chart,
    forest_chart,
    occupancy_chart,
)
from cjresearch.core.errors import DataValidationError
from cjresearch.timetoevent.competing import cumulative_incidence
from cjresearch.timetoevent.progression import conversion, kaplan_meier


def _data(n=300, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "duration": rng.exponential(30, n).round(1),
            "event": rng.choice([0, 1, 2], n),
            "g": rng.choice(["a", "b"], n),
        }
    )


def _values(spec, layer_data=None):
    return list(spec["datasets"].values())


def test_curve_chart_bands_lines_and_at_risk_table():
    km = kaplan_meier(_data(), by="g")
    spec = curve_chart(km, group="g", risk_times=[0, 30, 60]).to_dict(validate=True)
    band, line = spec["vconcat"][0]["layer"]
    assert band["mark"]["type"] == "area" and band["encoding"]["y"]["field"] == "ci_low"
    assert band["encoding"]["y2"]["field"] == "ci_high"
    assert line["encoding"]["y"]["field"] == "estimate"
    datasets = _values(spec)
    curve = pd.DataFrame(next(d for d in datasets if "estimate" in d[0]))
    np.testing.assert_allclose(curve["estimate"], km["estimate"].round(5))
    risk = pd.DataFrame(next(d for d in datasets if "at_risk" in d[0]))
    # at risk at day 30 = customers whose duration is at least 30, per group (counted
    # from the raw data, independently of the curve table)
    data = _data()
    for g in ("a", "b"):
        expect = int((data.loc[data["g"] == g, "duration"] >= 30).sum())
        assert risk[(risk["g"] == g) & (risk["time"] == 30)]["at_risk"].item() == expect


def test_at_risk_counts_between_and_after_the_observed_times():
    d = pd.DataFrame({"duration": [1, 2, 5, 8, 9, 10], "event": [1, 0, 1, 0, 1, 0]})
    spec = curve_chart(kaplan_meier(d, entry=None), risk_times=[0, 3, 6, 9.5, 12]).to_dict()
    risk = pd.DataFrame(next(v for v in spec["datasets"].values() if "at_risk" in v[0]))
    assert risk["at_risk"].tolist() == [6, 4, 3, 1, 0]


def test_curve_chart_thins_large_curves_keeping_step_values():
    rng = np.random.default_rng(1)
    big = pd.DataFrame({"duration": rng.exponential(30, 20_000), "event": 1})
    km = kaplan_meier(big)
    spec = curve_chart(km).to_dict(validate=True)
    curve = pd.DataFrame(next(d for d in _values(spec) if "estimate" in d[0]))
    assert len(curve) < 5000
    # every drawn point is a point of the real curve
    # (times are rounded to 5 decimals in the spec, so where two event times fall within
    # 1e-5 of each other the lookup can land one step (1/20000 = 5e-5) away)
    kt = km["time"].to_numpy()
    pos = np.searchsorted(kt, curve["time"] - 1e-5)
    assert np.abs(kt[pos] - curve["time"]).max() < 1e-5
    np.testing.assert_allclose(curve["estimate"], km["estimate"].to_numpy()[pos], atol=1e-4)


def test_incidence_curves_by_event_type():
    ci = cumulative_incidence(_data(), event_types=[1, 2])
    spec = curve_chart(ci, group="event_type", y_title="Cumulative incidence").to_dict(
        validate=True
    )
    assert spec["vconcat"][0]["layer"][0]["encoding"]["color"]["field"] == "event_type"


def test_forest_chart_log_axis_and_reference_line():
    hr = pd.DataFrame(
        {
            "term": ["segment[plus]", "paid"],
            "estimate": [1.52, 2.05],
            "ci_low": [1.3, 1.8],
            "ci_high": [1.77, 2.33],
            "p_value": [0.001, 0.0],
        }
    )
    spec = forest_chart(hr).to_dict(validate=True)
    ref, rules, points = spec["layer"]
    assert rules["encoding"]["x"]["scale"]["type"] == "log"
    assert points["encoding"]["y"]["sort"] == ["segment[plus]", "paid"]
    assert ref["mark"]["type"] == "rule" and [{"x": 1.0}] in _values(spec)


def test_occupancy_chart_stacks_in_stage_order():
    occ = pd.DataFrame(
        {
            "time": [0, 0, 0, 10, 10, 10],
            "state": pd.Categorical(
                ["aware", "buy", "churned"] * 2, categories=["aware", "buy", "churned"]
            ),
            "estimate": [1, 0, 0, 0.5, 0.3, 0.2],
        }
    )
    spec = occupancy_chart(occ).to_dict(validate=True)
    assert spec["encoding"]["y"]["stack"] == "zero"
    assert spec["encoding"]["color"]["sort"] == ["aware", "buy", "churned"]
    drawn = pd.DataFrame(_values(spec)[0])
    assert drawn.groupby("time")["estimate"].sum().tolist() == [1.0, 1.0]


def test_conversion_chart_shows_both_measures():
    conv = conversion(_data(), horizons=[30, 60], by="g")
    spec = conversion_chart(conv, group="g").to_dict(validate=True)
    layers = spec["spec"]["layer"]
    assert [
        layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        for layer in layers
    ] == ["bar", "rule", "tick"]
    drawn = pd.DataFrame(_values(spec)[0])
    np.testing.assert_allclose(drawn["naive"], conv["naive"].round(4))
    np.testing.assert_allclose(drawn["estimate"], conv["estimate"].round(4))


def test_bad_frames_get_clear_errors():
    with pytest.raises(DataValidationError, match="missing column"):
        curve_chart(pd.DataFrame({"time": [0]}))
    with pytest.raises(DataValidationError, match="DataFrame"):
        forest_chart([1, 2])


@pytest.mark.parametrize("language", ["ro", "bg"])
def test_charts_speak_the_report_language(language):
    from cjresearch.core.i18n import text

    km = kaplan_meier(_data(), by="g")
    spec = curve_chart(km, group="g", language=language).to_dict(validate=True)
    assert spec["vconcat"][0]["title"] == text("time_to_stage", language)
    assert spec["vconcat"][0]["layer"][0]["encoding"]["y"]["title"] == text(
        "not_yet_reached", language
    )
    hr = pd.DataFrame({"term": ["x"], "estimate": [1.5], "ci_low": [1.1], "ci_high": [2.0]})
    spec = forest_chart(hr, language=language).to_dict(validate=True)
    assert text("hr_title", language) in str(spec["title"])
    assert "Hazard ratio" not in str(spec)


def test_cumulative_incidence_legend_names_the_outcomes() -> None:
    """Event types 1 and 2 read "moved on" and "left" in the legend and the at-risk rows."""
    d = pd.DataFrame({"duration": [1, 2, 3, 4, 5, 6, 7, 8], "event": [1, 2, 1, 0, 2, 1, 1, 0]})
    ci = cumulative_incidence(d, event_types=[1, 2])
    spec = curve_chart(
        ci,
        group="event_type",
        labels={1: "moved on", 2: "left"},
        group_title="Outcome",
        title="Moving on or leaving",
    ).to_dict(validate=True)
    top, risk = spec["vconcat"]
    color = top["layer"][1]["encoding"]["color"]
    assert color["title"] == "Outcome" and color["sort"] == ["moved on", "left"]
    assert top["title"] == "Moving on or leaving"
    values = {r["event_type"] for d in spec["datasets"].values() for r in d if "event_type" in r}
    assert values == {"moved on", "left"}
    assert risk["encoding"]["y"]["sort"] == ["moved on", "left"]


def test_conversion_facets_follow_the_horizon_not_the_label_text() -> None:
    """'within 30 days' sorts before 'within 7 days' as text; the facets go 7, 30, 90."""
    c = pd.DataFrame(
        {
            "horizon": [30, 7, 90] * 2,
            "estimate": 0.5,
            "ci_low": 0.4,
            "ci_high": 0.6,
            "naive": 0.4,
            "n": 100,
            "time_unit": "days",
            "g": list("aaabbb"),
        }
    )
    spec = conversion_chart(c, group="g").to_dict(validate=True)
    assert spec["facet"]["row"]["sort"] == {"field": "horizon", "op": "min", "order": "ascending"}
    assert spec["title"] == "Conversion counting the not-yet-converted as censored"
    assert "title" not in spec["spec"]  # one title over the facets, not one per facet
