"""Survey charts: Vega-Lite specs (validated by altair's to_dict) with the results' numbers."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from cjresearch.charts.survey import (
    driver_chart,
    likert_chart,
    nps_composition_chart,
    score_chart,
    theme_chart,
)
from cjresearch.core.errors import DataValidationError, SmallSampleWarning
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.survey.drivers import key_drivers
from cjresearch.survey.scores import likert_distribution, nps
from cjresearch.survey.text import find_themes, theme_prevalence

DESIGN = {"weights": "weight", "strata": "stratum"}


@pytest.fixture(scope="module")
def survey():
    return pd.read_csv(SAMPLE_DIR / "survey.csv")


def _data(spec):
    return next(iter(spec["datasets"].values()))


def test_score_chart(survey):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        r = nps(survey, by="stage", design=DESIGN)
    spec = score_chart(r, group="stage", language="pl").to_dict()
    rule, point = spec["layer"]
    assert (rule["mark"]["type"], point["mark"]["type"]) == ("rule", "point")
    assert (
        rule["encoding"]["x"]["field"] == "ci_low" and rule["encoding"]["x2"]["field"] == "ci_high"
    )
    assert rule["encoding"]["x"]["scale"]["domain"] == [-100, 100]
    assert "datum.small_base" in str(spec["layer"][0]["encoding"]["opacity"])
    rows = {d["stage"]: d for d in _data(spec)}
    for _, row in r.iterrows():
        assert rows[row["stage"]]["estimate"] == pytest.approx(row["estimate"])
        assert rows[row["stage"]]["ci_high"] == pytest.approx(row["ci_high"])
    assert "Oszacowanie" in spec["title"]


def test_likert_chart_diverges_around_the_midpoint(survey):
    dist = likert_distribution(survey, items=["rating_delivery", "rating_price"], design=DESIGN)
    spec = likert_chart(dist, scale=(1, 5)).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert (
        spec["encoding"]["x"]["field"] == "x_start" and spec["encoding"]["x2"]["field"] == "x_end"
    )
    for item in ("rating_delivery", "rating_price"):
        rows = sorted((d for d in _data(spec) if d["item"] == item), key=lambda d: d["answer"])
        shares = dist[dist.item == item].set_index("answer")["estimate"]
        left = shares[[1, 2]].sum() + shares[3] / 2
        assert rows[0]["x_start"] == pytest.approx(-left)
        assert rows[-1]["x_end"] == pytest.approx(1 - left)
        middle = rows[2]
        assert middle["x_start"] == pytest.approx(-middle["x_end"])


def test_nps_composition_chart(survey):
    r = nps(survey, by="segment", design=DESIGN)
    spec = nps_composition_chart(r, group="segment", language="it").to_dict()
    assert spec["encoding"]["x"]["stack"] == "normalize"
    data = pd.DataFrame(_data(spec))
    assert set(data["part"]) == {"Detrattori", "Passivi", "Promotori"}
    sums = data.groupby("segment")["share"].sum()
    assert sums.tolist() == pytest.approx([1.0] * len(sums))
    prom = data[data.part == "Promotori"].set_index("segment")["share"]
    assert prom.to_dict() == pytest.approx(r.set_index("segment")["promoters"].to_dict())


def test_driver_chart(survey):
    s = key_drivers(
        survey,
        outcome="overall_sat",
        drivers=[
            "rating_website",
            "rating_checkout",
            "rating_delivery",
            "rating_support",
            "rating_price",
        ],
        design=DESIGN,
        n_boot=50,
    )
    spec = driver_chart(s).to_dict()
    bars, rules, marks = spec["layer"]
    assert bars["encoding"]["y"]["sort"] == s["driver"].tolist()
    assert bars["encoding"]["y"]["sort"][0] == "rating_delivery"
    assert rules["encoding"]["x"]["field"] == "ci_low"
    assert marks["encoding"]["text"]["field"] == "marker"
    # a frame without sign (an older summary) still draws, without direction
    plain = driver_chart(s.drop(columns="sign")).to_dict()
    assert len(plain["layer"]) == 2 and "color" not in plain["layer"][0]["encoding"]


@pytest.mark.parametrize("language", ["en", "ro", "bg", "pl", "pt", "it"])
def test_driver_chart_shows_each_drivers_direction(language):
    """Truth: a 'satisfied' flag rises with a and falls with b (logistic model); the bars
    are coloured and marked +/- by the sign, with the legend in the report language."""
    import numpy as np

    from cjresearch.core.i18n import text

    rng = np.random.default_rng(1)
    df = pd.DataFrame(rng.normal(size=(600, 2)), columns=["a", "b"])
    df["satisfied"] = (rng.random(600) < 1 / (1 + np.exp(-(1.2 * df.a - 0.8 * df.b)))).astype(int)
    s = key_drivers(df, outcome="satisfied", drivers=["a", "b"], n_boot=20)
    assert s.attrs["model"] == "logistic"
    spec = driver_chart(s, language=language).to_dict()
    bars, _, marks = spec["layer"]
    up = text("survey_chart.raises", language)
    down = text("survey_chart.lowers", language)
    colour = bars["encoding"]["color"]
    assert colour["title"] == text("survey_chart.direction", language)
    assert colour["scale"]["domain"] == [up, down]
    assert marks["encoding"]["color"]["legend"] is None  # one legend, from the bars
    rows = pd.DataFrame(_data(spec)).set_index("driver")
    assert rows.loc["a", "direction"] == up and rows.loc["a", "marker"] == "+"
    assert rows.loc["b", "direction"] == down and rows.loc["b", "marker"] == "−"


def test_theme_chart_by_nps_group(survey):
    from cjresearch.survey.scores import nps_category

    frame = survey.assign(nps_group=nps_category(survey["nps"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        prev = theme_prevalence(frame, find_themes(frame), by="nps_group", design=DESIGN)
    spec = theme_chart(prev, group="nps_group", language="bg").to_dict()
    assert spec["layer"][0]["encoding"]["color"]["field"] == "nps_group"
    assert spec["layer"][0]["encoding"]["x"]["title"].startswith("Дял")
    assert len(_data(spec)) == len(prev)


def test_charts_refuse_wrong_frames():
    with pytest.raises(DataValidationError, match="missing column"):
        score_chart(pd.DataFrame({"estimate": [1.0]}))
    with pytest.raises(DataValidationError, match="language"):
        driver_chart(
            pd.DataFrame({"driver": ["a"], "estimate": [0.1], "ci_low": [0.0], "ci_high": [0.2]}),
            language="de",
        )


def test_score_chart_of_any_measure():
    """score() results carry a 'kind' column: it is not taken for the group, and an NPS
    named otherwise is still drawn on -100..100 while a share is not."""
    from cjresearch.inputs.measures import Measure
    from cjresearch.survey.scores import score

    df = pd.DataFrame(
        {"seg": ["a"] * 40 + ["b"] * 40, "ltr": [10, 3, 8, 9] * 20, "ok": [1, 0, 1, 1] * 20}
    )
    spec = score_chart(score(df, Measure("ltr", kind="nps"), by="seg")).to_dict()
    assert spec["layer"][0]["encoding"]["y"]["field"] == "seg"
    assert spec["layer"][0]["encoding"]["x"]["scale"] == {"domain": [-100, 100]}
    assert sorted(r["estimate"] for r in _data(spec)) == pytest.approx([25.0, 25.0])
    share = score_chart(score(df, Measure("ok", kind="binary"), by="seg")).to_dict()
    assert share["layer"][0]["encoding"]["y"]["field"] == "seg"
    assert share["layer"][0]["encoding"]["x"]["scale"] == {"zero": False}
