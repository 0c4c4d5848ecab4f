"""Comparisons, banners and multiple testing against closed forms and scipy/statsmodels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from cjresearch.core.errors import DataValidationError
from cjresearch.survey.crosstab import adjust_pvalues, banner, banner_table, compare, compare_waves


@pytest.fixture(scope="module")
def two_groups():
    rng = np.random.default_rng(7)
    n_a, n_b = 60, 90
    return pd.DataFrame(
        {
            "seg": ["a"] * n_a + ["b"] * n_b,
            "nps": np.r_[
                rng.choice(11, n_a, p=np.r_[[0.03] * 7, [0.1] * 2, [0.295] * 2]),
                rng.choice(11, n_b, p=np.r_[[0.06] * 7, [0.15] * 2, [0.14] * 2]),
            ],
            "sat": np.r_[rng.normal(7, 1.5, n_a), rng.normal(6.4, 2.0, n_b)],
        }
    )


def test_independent_groups_give_welch_statistic(two_groups):
    """With the group as a stratum (independent samples) the design SE is Welch's."""
    df = two_groups
    r = compare(df, by="seg", score="sat", measure="mean", design={"strata": "seg"}).iloc[0]
    a, b = df.sat[df.seg == "a"], df.sat[df.seg == "b"]
    welch = stats.ttest_ind(b, a, equal_var=False)
    assert r["effect"] == pytest.approx(b.mean() - a.mean())
    assert r["effect"] / r["se"] == pytest.approx(welch.statistic, rel=1e-10)
    # NPS: the same on the +100/0/-100 codes
    code = np.select([df.nps >= 9, df.nps >= 7], [100.0, 0.0], -100.0)
    rn = compare(df, by="seg", design={"strata": "seg"}).iloc[0]
    ca, cb = code[df.seg == "a"], code[df.seg == "b"]
    assert rn["effect"] == pytest.approx(cb.mean() - ca.mean())
    assert rn["se"] == pytest.approx(np.sqrt(ca.var(ddof=1) / len(ca) + cb.var(ddof=1) / len(cb)))
    assert rn["p_value"] == pytest.approx(2 * stats.t.sf(abs(rn["effect"] / rn["se"]), len(df) - 2))


def test_simple_random_sample_domain_se_closed_form(two_groups):
    """Unstratified SRS: var of a domain mean is (n_g - 1)/n_g * n/(n - 1) * s_g^2 / n_g."""
    df = two_groups
    r = compare(df, by="seg", score="sat", measure="mean").iloc[0]
    n = len(df)
    var = sum(
        (len(g) - 1) / len(g) * n / (n - 1) * g.var(ddof=1) / len(g)
        for _, g in df.groupby("seg")["sat"]
    )
    assert r["se"] == pytest.approx(np.sqrt(var), rel=1e-10)
    lo = r["effect"] - stats.t.ppf(0.975, n - 1) * r["se"]
    assert r["ci_low"] == pytest.approx(lo)


def test_consecutive_waves_and_holm_adjustment():
    rng = np.random.default_rng(11)
    waves = np.repeat(["2025-Q1", "2025-Q2", "2025-Q3"], 200)
    p_by_wave = {"2025-Q1": 0.3, "2025-Q2": 0.3, "2025-Q3": 0.6}
    top = np.array([rng.random() < p_by_wave[w] for w in waves])
    df = pd.DataFrame({"wave": waves, "nps": np.where(top, 10, 5)})
    r = compare_waves(df, design={"strata": "wave"})
    assert list(zip(r.group_a, r.group_b, strict=True)) == [
        ("2025-Q1", "2025-Q2"),
        ("2025-Q2", "2025-Q3"),
    ]
    assert r["p_adjusted"].tolist() == pytest.approx(adjust_pvalues(r["p_value"], method="holm"))
    assert r["p_adjusted"].iloc[1] < 0.001 and r["p_adjusted"].iloc[0] > 0.05


def test_adjust_pvalues_against_hand_computation():
    p = [0.01, 0.02, 0.03, 0.04, np.nan]
    # Holm: sorted p times (4, 3, 2, 1), running maximum
    assert adjust_pvalues(p)[:4].tolist() == pytest.approx([0.04, 0.06, 0.06, 0.06])
    assert np.isnan(adjust_pvalues(p)[4])
    # BH: p * m / rank, running minimum from the top
    assert adjust_pvalues(p, method="fdr_bh")[:4].tolist() == pytest.approx([0.04] * 4)
    with pytest.raises(DataValidationError, match="unknown multiple-testing"):
        adjust_pvalues(p, method="tukey")


def test_banner_weighted_percentages_and_letters():
    rng = np.random.default_rng(5)
    n = 300
    seg = rng.choice(["x", "y", "z"], n)
    p_yes = {"x": 0.2, "y": 0.5, "z": 0.55}
    ans = np.where(rng.random(n) < np.vectorize(p_yes.get)(seg), "yes", "no")
    w = rng.uniform(0.5, 2.0, n)
    df = pd.DataFrame({"seg": seg, "q": ans, "w": w})
    b = banner(df, row="q", columns="seg", design={"weights": "w", "strata": "seg"})
    yes = b[b.answer == "yes"].set_index("column")
    for s in "xyz":
        m = df.seg == s
        assert yes.loc[s, "estimate"] == pytest.approx(np.average(df.q[m] == "yes", weights=w[m]))
        assert yes.loc[s, "base"] == m.sum()
    assert yes.loc["Total", "estimate"] == pytest.approx(np.average(df.q == "yes", weights=w))
    # y and z both beat x, and not each other: letters follow Holm-adjusted design tests
    assert yes.loc["y", "higher_than"] == "A" and yes.loc["z", "higher_than"] == "A"
    assert yes.loc["x", "higher_than"] == ""
    table = banner_table(b)
    assert list(table.columns) == ["Total", "x (A)", "y (B)", "z (C)"]
    assert table.loc["base", "x (A)"] == str((df.seg == "x").sum())


def test_banner_p_values_equal_unpooled_test_for_independent_columns():
    df = pd.DataFrame(
        {
            "q": ["yes"] * 30 + ["no"] * 20 + ["yes"] * 20 + ["no"] * 30,
            "seg": ["a"] * 50 + ["b"] * 50,
        }
    )
    # unpooled test with the design's n - 1 denominators: t = 2.0207; df = 98 -> p = 0.0460
    p1, p2 = 0.6, 0.4
    t = (p1 - p2) / np.sqrt(p1 * (1 - p1) / 49 + p2 * (1 - p2) / 49)
    p = 2 * stats.t.sf(t, 98)
    assert p < 0.05
    b = banner(df, row="q", columns="seg", design={"strata": "seg"}, adjust=None, total=False)
    assert b.set_index(["answer", "column"]).loc[("yes", "a"), "higher_than"] == "B"
    b2 = banner(
        df,
        row="q",
        columns="seg",
        design={"strata": "seg"},
        adjust=None,
        alpha=p * 0.999,
        total=False,
    )
    assert (b2["higher_than"] == "").all()


def test_bad_comparisons_are_errors(two_groups):
    with pytest.raises(DataValidationError, match="fewer than two groups"):
        compare(two_groups[two_groups.seg == "a"], by="seg")
    with pytest.raises(DataValidationError, match="group 'c' not found"):
        compare(two_groups, by="seg", pairs=[("a", "c")])
    with pytest.raises(DataValidationError, match="grouping column not found"):
        compare(two_groups, by="segment")


def test_banner_of_float_scores_shows_whole_answers():
    df = pd.DataFrame({"csat": [1.0, 2.0, 2.0, 5.0], "seg": list("abab")})
    b = banner(df, row="csat", columns="seg", min_base=1)
    assert sorted(b["answer"].unique().tolist()) == [1, 2, 5]


def test_compare_of_a_1_5_csat_is_not_an_nps():
    """Users' bug: compare(by=..., score="csat") on a 1-5 CSAT gave NPS -100 for every group."""
    rng = np.random.default_rng(3)
    df = pd.DataFrame(
        {
            "segment": np.repeat(["a", "b"], 100),
            "csat": np.r_[
                rng.choice(np.arange(1, 6), 100, p=[0.1, 0.1, 0.2, 0.3, 0.3]),
                rng.choice(np.arange(1, 6), 100, p=[0.3, 0.2, 0.2, 0.2, 0.1]),
            ],
        }
    )
    r = compare(df, by="segment", score="csat").iloc[0]
    top = (df.csat >= 4).groupby(df.segment).mean()
    assert r["measure"] == "csat" and r["kind"] == "top_box"
    assert (r["estimate_a"], r["estimate_b"]) == pytest.approx((top["a"], top["b"]))
    with pytest.raises(DataValidationError, match="is not a 0-10 NPS"):
        compare(df, by="segment", score="csat", measure="nps")
    with pytest.raises(DataValidationError, match="no measure says how to read this column"):
        compare(df.rename(columns={"csat": "overall"}), by="segment", score="overall")


# --- Rao-Scott tests of independence against R's svychisq ---------------------------------
def test_rao_scott_matches_r_svychisq():
    """R ``svychisq(~a + b, design, statistic="F")`` and ``"Chisq"`` (``tests/reference/
    survey.R``, survey 4.1.1) on apiclus1, apistrat, and the simulated stratified cluster
    sample, raked and not.  Tolerance: relative 1e-7 for the raked design (its weights
    come from IPF stopped at ~1e-9, see test_variance.py), 1e-9 otherwise (no
    iteration; measured agreement below 1e-13)."""
    import json
    from pathlib import Path

    from cjresearch.survey.crosstab import rao_scott
    from cjresearch.survey.design import SurveyDesign

    here = Path(__file__).parent
    ref = json.loads((here / "reference" / "survey.json").read_text(encoding="utf-8"))
    c1 = pd.read_csv(here / "data" / "apiclus1.csv")
    st = pd.read_csv(here / "data" / "apistrat.csv")
    sim = pd.read_csv(here / "reference" / "sim_survey.csv")
    ds = SurveyDesign(sim, weights="w", strata="stratum", cluster="psu", nest=True)
    cases = {
        "apiclus1_schwide_stype": (
            "sch.wide",
            "stype",
            SurveyDesign(c1, weights="pw", cluster="dnum", fpc="fpc"),
            1e-9,
        ),
        "apistrat_awards_stype": (
            "awards",
            "stype",
            SurveyDesign(st, weights="pw", strata="stype", fpc="fpc"),
            1e-9,
        ),
        "sim_brand_age": ("brand", "age", ds, 1e-9),
        "sim_brand_region_raked": (
            "brand",
            "region",
            ds.rake(ref["sim_rake"]["margins"]),
            1e-7,
        ),
    }
    for name, (a, b, design, rel) in cases.items():
        r = ref["chisq"][name]
        got = rao_scott(design.data, row=a, column=b, design=design)
        f, chi = got.iloc[0], got.iloc[1]
        assert f["statistic"] == pytest.approx(r["F"], rel=rel), name
        assert f["df"] == pytest.approx(r["ndf"], rel=rel), name
        assert f["df_denominator"] == pytest.approx(r["ddf"], rel=rel), name
        assert f["p_value"] == pytest.approx(r["p_F"], rel=rel), name
        assert chi["statistic"] * chi["deff_mean"] == pytest.approx(r["X2"], rel=rel), name
        assert chi["df"] == r["df"]
        assert chi["p_value"] == pytest.approx(r["p_chisq"], rel=rel), name


def test_rao_scott_with_missing_answers_matches_r_svychisq():
    """acs.k3 is missing for 39 of apiclus1's 183 schools.  R's svychisq keeps them in the
    design (domain estimation, as here): F, its degrees of freedom, the chi-square and both
    p-values agree to 1e-9.  R scales its Pearson table to NROW(design), all 183 schools,
    so its X2 (2.080) and mean design effect are this package's (on the 144 answering,
    X2 1.636) times 183/144; the tests' statistics are unchanged by that scale."""
    import json
    from pathlib import Path

    from cjresearch.survey.crosstab import rao_scott
    from cjresearch.survey.design import SurveyDesign

    here = Path(__file__).parent
    r = json.loads((here / "reference" / "survey.json").read_text(encoding="utf-8"))["chisq"][
        "apiclus1_schwide_k3big_missing"
    ]
    c1 = pd.read_csv(here / "data" / "apiclus1.csv")
    c1["k3big"] = (c1["acs.k3"] > 20).where(c1["acs.k3"].notna())
    design = SurveyDesign(c1, weights="pw", cluster="dnum", fpc="fpc")
    got = rao_scott(c1, row="sch.wide", column="k3big", design=design)
    f, chi = got.iloc[0], got.iloc[1]
    assert f["n"] == 144
    assert f["statistic"] == pytest.approx(r["F"], rel=1e-9)
    assert (f["df"], f["df_denominator"]) == pytest.approx((r["ndf"], r["ddf"]), rel=1e-9)
    assert f["p_value"] == pytest.approx(r["p_F"], rel=1e-9)
    assert chi["p_value"] == pytest.approx(r["p_chisq"], rel=1e-9)
    x2 = chi["statistic"] * chi["deff_mean"]
    assert x2 * 183 / 144 == pytest.approx(r["X2"], rel=1e-9)


def test_banner_carries_the_rao_scott_test_of_its_table():
    c1 = pd.read_csv(Path(__file__).parent / "data" / "apiclus1.csv")
    design = {"weights": "pw", "cluster": "dnum", "fpc": "fpc"}
    b = banner(c1, row="sch.wide", columns="stype", design=design)
    test = b.attrs["independence"]
    assert test["p_value"].iloc[0] == pytest.approx(0.0217474623707969, rel=1e-9)  # R, above
    row = banner_table(b).loc["independence"]
    assert row.iloc[0] == "Rao-Scott F(1.5, 20.9) = 5.19, p = 0.022"


@pytest.mark.bad_input
def test_rao_scott_needs_two_answers_on_each_side():
    df = pd.DataFrame({"a": ["x"] * 6, "b": list("pqpqpq")})
    from cjresearch.survey.crosstab import rao_scott

    with pytest.raises(DataValidationError, match="two or more answers") as err:
        rao_scott(df, row="a", column="b")
    assert err.value.column == "a"
