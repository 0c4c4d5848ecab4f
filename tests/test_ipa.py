"""Tests of cjresearch.painpoints.ipa: importance-performance analysis against the sample's truth."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.inputs.tables import read_table
from cjresearch.painpoints.ipa import importance_performance

TRUTH = json.loads((SAMPLE_DIR / "truth.json").read_text())
SURVEY = read_table(SAMPLE_DIR / "survey.csv")


def test_importance_performance_on_sample():
    # truth.json survey.drivers: weights delivery 0.55 > checkout 0.40 > support 0.30 >
    # website 0.20 > price 0.10. The two heaviest come first by importance; performance is the
    # weighted mean rating (checked against numpy's weighted average).
    drivers = {c: c.replace("rating_", "") for c in TRUTH["survey"]["drivers"]["order"]}
    r = importance_performance(
        SURVEY, outcome="overall_sat", drivers=drivers, design={"weights": "weight"}, n_boot=50
    )
    assert r["driver"].tolist()[:2] == TRUTH["survey"]["drivers"]["order"][:2]
    s = SURVEY
    for _, row in r.iterrows():
        ok = s[row["driver"]].notna()
        mean = np.average(s.loc[ok, row["driver"]], weights=s.loc[ok, "weight"])
        assert row["estimate"] == pytest.approx(mean)
        assert row["ci_low"] < mean < row["ci_high"]
        assert row["high_importance"] == (row["importance"] >= r["importance"].mean())
    q = r.set_index("driver")["quadrant"]
    assert set(q) <= {
        "concentrate here",
        "keep up the good work",
        "low priority",
        "possible overkill",
    }
    lowest = r.sort_values("estimate")["driver"].iloc[0]
    assert lowest == "rating_price" and q[lowest] == "low priority"


def test_importance_performance_quadrants_by_construction():
    # a rating that drives the outcome but is rated low lands in "concentrate here"
    rng = np.random.default_rng(0)
    df = pd.DataFrame(rng.integers(1, 6, size=(400, 3)).astype(float), columns=["a", "b", "c"])
    df["a"] = np.minimum(df["a"], 3)
    df["y"] = 2 * df.a + 0.1 * df.b + rng.normal(size=400)
    r = importance_performance(
        df, outcome="y", drivers={"a": "A", "b": "B", "c": "C"}, n_boot=20
    ).set_index("driver")
    assert r.loc["a", "quadrant"] == "concentrate here" and r.loc["a", "touchpoint"] == "A"
    assert r.loc["a", "estimate"] == pytest.approx(df["a"].mean())
    with pytest.raises(DataValidationError, match="missing column"):
        importance_performance(df, outcome="nope", drivers=["a", "b"])
