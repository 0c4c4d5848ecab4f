"""Funnel chart: the spec validates and encodes exactly the funnel's numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from cjresearch.charts import funnel_chart
from cjresearch.core.errors import DataValidationError
from cjresearch.journey.definition import load_journey

JOURNEY = load_journey("classic6")


def _funnel() -> pd.DataFrame:
    # deliberately out of order, to check that stages are drawn in journey order
    n = [100, 60, 30]
    base = [100, 100, 60]
    return pd.DataFrame(
        {
            "stage": pd.Categorical(
                ["decision", "awareness", "consideration"],
                categories=JOURNEY.stage_ids,
                ordered=True,
            ),
            "stage_index": [2, 0, 1],
            "n": [n[2], n[0], n[1]],
            "base": [base[2], base[0], base[1]],
            "estimate": [0.5, 1.0, 0.6],
            "ci_low": [0.37, 0.963, 0.502],
            "ci_high": [0.63, 1.0, 0.691],
            "share": [0.3, 1.0, 0.6],
            "label": ["Decision", "Awareness", "Consideration"],
        }
    )


def test_funnel_spec_validates_and_encodes_the_funnel() -> None:
    chart = funnel_chart(_funnel(), journey=JOURNEY, language="en")
    spec = chart.to_dict(validate=True)  # raises on an invalid Vega-Lite spec
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
    bars, rules, _, _ = spec["layer"]
    assert bars["mark"]["type"] == "bar" and rules["mark"]["type"] == "rule"
    assert bars["encoding"]["x"]["field"] == "estimate"
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, 1]
    assert bars["encoding"]["y"]["field"] == "label"
    assert bars["encoding"]["y"]["sort"] == ["Awareness", "Consideration", "Decision"]
    assert rules["encoding"]["x"]["field"] == "ci_low"
    assert rules["encoding"]["x2"]["field"] == "ci_high"
    tips = [t["field"] for t in bars["encoding"]["tooltip"]]
    assert tips == ["label", "n", "base", "estimate", "ci_low", "ci_high", "share"]
    assert spec["title"]["text"] == "Conversion into each stage from the one before"
    rows = next(iter(spec["datasets"].values()))
    assert [
        (r["stage"], r["n"], r["base"], r["estimate"], r["ci_low"], r["ci_high"]) for r in rows
    ] == [
        ("awareness", 100, 100, 1.0, 0.963, 1.0),
        ("consideration", 60, 100, 0.6, 0.502, 0.691),
        ("decision", 30, 60, 0.5, 0.37, 0.63),
    ]


def test_funnel_shows_the_share_of_all_customers_beside_each_step() -> None:
    """A 50% step loss after a 40% one: the diamonds say that 30% are left overall."""
    spec = funnel_chart(_funnel(), journey=JOURNEY, language="en").to_dict(validate=True)
    bars, _, overall, labels = spec["layer"]
    assert overall["mark"]["shape"] == "diamond" and overall["encoding"]["x"]["field"] == "share"
    assert labels["mark"]["type"] == "text" and labels["encoding"]["text"]["format"] == ".0%"
    # one legend names both readings
    scale = bars["encoding"]["color"]["scale"]
    assert scale["domain"] == ["From the previous stage", "Share of all customers"]
    assert overall["encoding"]["color"]["scale"] == scale
    assert [t["as"] for t in overall["transform"]] == ["series"]
    assert "diamonds: share of all customers" in spec["title"]["subtitle"]
    # without a share column there is no second reading
    plain = funnel_chart(_funnel().drop(columns="share"), journey=JOURNEY).to_dict(validate=True)
    assert len(plain["layer"]) == 2
    assert plain["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["From the previous stage"]


@pytest.mark.parametrize(
    "language, first, title_word",
    [
        ("ro", "Conștientizare", "Conversia"),
        ("pl", JOURNEY.label("awareness", "pl"), "Konwersja"),
        ("bg", JOURNEY.label("awareness", "bg"), "Преминаване"),
    ],
)
def test_funnel_labels_follow_report_language(language: str, first: str, title_word: str) -> None:
    spec = funnel_chart(_funnel(), journey=JOURNEY, language=language).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert rows[0]["label"] == first
    assert [r["label"] for r in rows] == [
        JOURNEY.label(s, language) for s in ("awareness", "consideration", "decision")
    ]
    assert spec["title"]["text"].startswith(title_word)


def test_funnel_without_journey_uses_label_column() -> None:
    spec = funnel_chart(_funnel().drop(columns="share")).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [r["label"] for r in rows] == ["Awareness", "Consideration", "Decision"]
    assert "share" not in rows[0]


def test_funnel_rejects_bad_input() -> None:
    with pytest.raises(DataValidationError, match="missing columns ci_low, ci_high"):
        funnel_chart(_funnel().drop(columns=["ci_low", "ci_high"]))
    with pytest.raises(DataValidationError, match="language 'de'"):
        funnel_chart(_funnel(), language="de")
