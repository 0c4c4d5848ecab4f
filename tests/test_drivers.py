"""Reliability and key drivers against closed forms, brute force and the sample's truth."""

from __future__ import annotations

import json
from itertools import permutations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import stats

from cjresearch.core.errors import (
    DataValidationError,
    RowsExcludedWarning,
    UnreliableEstimateWarning,
)
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.survey.drivers import (
    KeyDrivers,
    cronbach_alpha,
    item_analysis,
    lmg,
    relative_weights,
)

DRIVERS = ["rating_website", "rating_checkout", "rating_delivery", "rating_support", "rating_price"]


def _items(seed=3, n=150, k=4):
    rng = np.random.default_rng(seed)
    f = rng.normal(size=n)
    x = np.clip(np.round(3 + f[:, None] * 0.9 + rng.normal(scale=0.8, size=(n, k))), 1, 5)
    return pd.DataFrame(x, columns=[f"i{j}" for j in range(k)])


def test_alpha_and_feldt_interval_equal_icc_from_two_way_anova():
    """Alpha = ICC(C,k) = 1 - MS_error / MS_subjects (McGraw & Wong 1996), with its F interval."""
    df = _items()
    long = df.reset_index().melt(id_vars="index", var_name="item", value_name="y")
    table = sm.stats.anova_lm(smf.ols("y ~ C(index) + C(item)", data=long).fit())
    ms_subj = table.loc["C(index)", "mean_sq"]
    ms_err = table.loc["Residual", "mean_sq"]
    n, k = df.shape
    r = cronbach_alpha(df, items=list(df.columns)).iloc[0]
    assert r["estimate"] == pytest.approx(1 - ms_err / ms_subj, rel=1e-10)
    f_obs = ms_subj / ms_err
    d1, d2 = n - 1, (n - 1) * (k - 1)
    assert r["ci_low"] == pytest.approx(1 - stats.f.ppf(0.975, d1, d2) / f_obs, rel=1e-10)
    assert r["ci_high"] == pytest.approx(1 - stats.f.ppf(0.025, d1, d2) / f_obs, rel=1e-10)


def test_item_analysis_closed_forms():
    df = _items(seed=4)
    ia = item_analysis(df, items=list(df.columns)).set_index("item")
    for c in df.columns:
        rest = df.drop(columns=c)
        assert ia.loc[c, "item_total_corr"] == pytest.approx(df[c].corr(rest.sum(axis=1)))
        assert ia.loc[c, "alpha_if_deleted"] == pytest.approx(
            cronbach_alpha(rest, items=list(rest.columns))["estimate"].iloc[0]
        )


def test_sample_trust_scale_alpha():
    """The generator's latent alpha is 0.878; rounding to 1-5 answers lowers it a little."""
    survey = pd.read_csv(SAMPLE_DIR / "survey.csv")
    truth = json.loads((SAMPLE_DIR / "truth.json").read_text())["survey"]["trust"]
    r = cronbach_alpha(survey, items=truth["items"]).iloc[0]
    assert 0.80 < r["estimate"] < truth["alpha_latent"]  # found 0.850 (0.836-0.863)


def test_orthogonal_drivers_importance_is_squared_correlation():
    # exactly orthogonal, centred columns: a replicated 2^3 factorial design
    base = np.array([[a, b, c] for a in (-1, 1) for b in (-1, 1) for c in (-1, 1)], float)
    x = np.tile(base, (25, 1))
    rng = np.random.default_rng(0)
    y = x @ np.array([1.0, 0.5, 0.2]) + rng.normal(size=len(x))
    df = pd.DataFrame(np.c_[x, y], columns=["a", "b", "c", "y"])
    r_y = df.corr()["y"][["a", "b", "c"]].to_numpy()
    corr = df.corr().to_numpy()
    assert lmg(corr) == pytest.approx(r_y**2, abs=1e-12)
    assert relative_weights(corr) == pytest.approx(r_y**2, abs=1e-12)


def test_lmg_equals_brute_force_shapley_over_orders():
    rng = np.random.default_rng(2)
    z = rng.normal(size=(400, 3))
    x = z @ np.array([[1, 0.6, 0.3], [0, 0.8, 0.4], [0, 0, 0.9]])
    df = pd.DataFrame(x, columns=["a", "b", "c"])
    df["y"] = df.a + 0.7 * df.b + rng.normal(size=400)

    def r2(cols):
        if not cols:
            return 0.0
        return sm.OLS(df.y, sm.add_constant(df[list(cols)])).fit().rsquared

    orders = list(permutations("abc"))
    shap = {v: 0.0 for v in "abc"}
    for order in orders:
        for i, v in enumerate(order):
            shap[v] += (r2(order[: i + 1]) - r2(order[:i])) / len(orders)
    got = lmg(df.corr().to_numpy())
    assert got == pytest.approx([shap[v] for v in "abc"], rel=1e-9)
    assert got.sum() == pytest.approx(r2("abc"))
    assert relative_weights(df.corr().to_numpy()).sum() == pytest.approx(r2("abc"))


def test_sample_driver_order_matches_truth():
    survey = pd.read_csv(SAMPLE_DIR / "survey.csv")
    truth = json.loads((SAMPLE_DIR / "truth.json").read_text())["survey"]["drivers"]
    kd = KeyDrivers(
        truth["outcome"],
        DRIVERS,
        design={"weights": "weight", "strata": "stratum"},
        n_boot=200,
        seed=1,
    ).fit(survey)
    s = kd.summary
    assert s["driver"].tolist() == truth["order"]
    # top driver's interval excludes the second's estimate; intervals bracket estimates
    assert s["ci_low"].iloc[0] > s["estimate"].iloc[1]
    assert ((s.ci_low <= s.estimate) & (s.estimate <= s.ci_high)).all()
    assert s["estimate"].sum() == pytest.approx(kd.r2_)
    # weighted standardised coefficients equal those of a statsmodels WLS on z-scores
    cols = [*DRIVERS, truth["outcome"]]
    w = survey["weight"]
    z = (survey[cols] - np.average(survey[cols], axis=0, weights=w)) / np.sqrt(
        np.average(
            (survey[cols] - np.average(survey[cols], axis=0, weights=w)) ** 2, axis=0, weights=w
        )
    )
    ref = sm.WLS(z[truth["outcome"]], sm.add_constant(z[DRIVERS]), weights=w).fit().params
    assert s.set_index("driver")["std_coef"][DRIVERS].to_numpy() == pytest.approx(
        ref[DRIVERS].to_numpy()
    )
    assert not s["collinear"].any()


def test_vif_flags_collinear_drivers():
    from statsmodels.stats.outliers_influence import variance_inflation_factor

    rng = np.random.default_rng(9)
    a = rng.normal(size=300)
    df = pd.DataFrame({"a": a, "b": a + rng.normal(scale=0.2, size=300), "c": rng.normal(size=300)})
    df["y"] = df.a + df.c + rng.normal(size=300)
    with pytest.warns(UnreliableEstimateWarning, match="VIF"):
        s = KeyDrivers("y", ["a", "b", "c"], n_boot=20).fit(df).summary.set_index("driver")
    X = sm.add_constant(df[["a", "b", "c"]]).to_numpy()
    for j, c in enumerate("abc", start=1):
        assert s.loc[c, "vif"] == pytest.approx(variance_inflation_factor(X, j))
    assert s.loc["a", "collinear"] and not s.loc["c", "collinear"]


def test_bad_input():
    df = _items()
    df.loc[3, "i1"] = np.nan
    with pytest.warns(RowsExcludedWarning, match="1 respondents"):
        assert cronbach_alpha(df, items=list(df.columns))["n"].iloc[0] == len(df) - 1
    df["i2"] = np.nan
    with pytest.raises(DataValidationError, match="all values are missing"):
        cronbach_alpha(df, items=list(df.columns))
    with pytest.raises(DataValidationError, match="at least two"):
        KeyDrivers("y", ["a"])


def test_cronbach_alpha_level_outside_0_1_is_an_error():
    # level=95 used to return the alpha with NaN interval bounds
    df = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [1, 2, 3, 4, 4], "c": [2, 2, 3, 5, 5]})
    with pytest.raises(DataValidationError, match="level"):
        cronbach_alpha(df, items=["a", "b", "c"], level=95)
    with pytest.raises(DataValidationError, match="level"):
        KeyDrivers("c", ["a", "b"], n_boot=5, level=95).fit(df)


@pytest.mark.bad_input
def test_a_zero_among_ratings_from_one_is_said_to_be_used_as_a_rating():
    """0 ('not applicable' in many surveys) used to enter the driver model silently."""
    import warnings

    from cjresearch.core.errors import UnreliableEstimateWarning
    from cjresearch.inputs.measures import Measure
    from cjresearch.survey.drivers import key_drivers

    rng = np.random.default_rng(4)
    d = pd.DataFrame(
        {
            "sat": rng.integers(1, 6, 200),
            "r1": rng.integers(1, 6, 200),
            "r2": rng.integers(1, 6, 200),
        }
    )
    d.loc[:9, "r1"] = 0
    with pytest.warns(UnreliableEstimateWarning, match=r"'r1': 10 answer\(s\) coded 0 .* 1-5"):
        key_drivers(d, outcome="sat", drivers=["r1", "r2"], n_boot=5)
    with pytest.warns(UnreliableEstimateWarning, match="declare na_codes=\\[0\\]"):
        Measure("r1", kind="mean").prepare(d)
    with warnings.catch_warnings():  # declared as a code, or a true 0-10 score: silent
        warnings.simplefilter("error", UnreliableEstimateWarning)
        key_drivers(d, outcome="sat", drivers=["r1", "r2"], n_boot=5, na_codes=[0])
        Measure("nps", kind="nps").prepare(pd.DataFrame({"nps": list(range(11)) * 5}))


def test_each_driver_shows_the_sign_of_its_effect_beside_its_importance():
    """Importance is a share of R^2 and has no direction; ``sign`` gives it (known truth:
    y rises with a and falls with b)."""
    rng = np.random.default_rng(5)
    df = pd.DataFrame(rng.normal(size=(400, 2)), columns=["a", "b"])
    df["y"] = 1.5 * df["a"] - 1.0 * df["b"] + rng.normal(size=400)
    s = KeyDrivers("y", ["a", "b"], n_boot=20).fit(df).summary.set_index("driver")
    assert s.loc["a", "sign"] == 1 and s.loc["b", "sign"] == -1
    assert (s["estimate"] > 0).all()
    cols = list(s.reset_index().columns)
    assert cols.index("sign") == cols.index("ci_high") + 1
