"""Measures on surveys of other shapes than the sample: CSAT only, a binary flag with 14
ratings where 0 = not applicable, Likert items only, NPS only.

Every estimate is checked against an independent pandas/numpy computation (closed forms)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from cjresearch.core.errors import DataValidationError, RowsExcludedWarning
from cjresearch.inputs.measures import Measure, infer_measures, named_measures, resolve_measure
from cjresearch.inputs.surveys import read_survey
from cjresearch.painpoints.ipa import importance_performance
from cjresearch.survey.crosstab import banner, compare, compare_waves
from cjresearch.survey.drivers import KeyDrivers, relative_weights
from cjresearch.survey.logitweights import logistic_relative_weights
from cjresearch.survey.scores import csat, likert, nps, score
from cjresearch.survey.text import find_themes, theme_differences

RATINGS = [f"r{k:02d}" for k in range(1, 15)]


# ------------------------------------------------------------------ generated surveys
def csat_only(seed: int = 1, n: int = 450) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    seg = rng.choice(["east", "north", "south"], n)
    p = {
        "north": [0.05, 0.1, 0.2, 0.35, 0.3],
        "south": [0.2, 0.2, 0.2, 0.2, 0.2],
        "east": [0.1, 0.1, 0.3, 0.3, 0.2],
    }
    answers = np.array([rng.choice(np.arange(1, 6), p=p[s]) for s in seg])
    return pd.DataFrame(
        {
            "respondent_id": [f"R{i}" for i in range(n)],
            "segment": seg,
            "csat": answers,
            "weight": rng.uniform(0.5, 2.0, n),
        }
    )


def flag_and_ratings(seed: int = 2, n: int = 700) -> pd.DataFrame:
    """A binary 'satisfied' flag, 14 ratings 1-5 with 0 = not applicable, comments."""
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 6, size=(n, 14)).astype(float)
    latent = 0.9 * x[:, 0] + 0.5 * x[:, 1] + 0.25 * x[:, 2] + rng.normal(0, 1, n)
    sat = (latent > np.median(latent)).astype(int)
    na = rng.random((n, 14)) < 0.07
    x[na] = 0
    df = pd.DataFrame(x.astype(int), columns=RATINGS)
    df.insert(0, "respondent_id", [f"R{i}" for i in range(n)])
    df["satisfied"] = sat
    late = rng.random(n) < np.where(sat == 0, 0.5, 0.1)
    has = rng.random(n) < 0.8
    df["comment"] = np.where(~has, None, np.where(late, "parcel was late", "great shop"))
    return df


def likert_only(seed: int = 3, n: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    items = {
        q: rng.choice(np.arange(1, 6), n, p=p)
        for q, p in (("q_trust", [0.1, 0.1, 0.2, 0.3, 0.3]), ("q_ease", [0.3, 0.2, 0.2, 0.2, 0.1]))
    }
    df = pd.DataFrame(items)
    df["q_ease"] = df["q_ease"].where(rng.random(n) > 0.1, 9)  # 9 = don't know
    df["comment"] = np.where(df["q_trust"] <= 2, "too expensive", "great shop")
    df["wave"] = np.repeat(["W1", "W2", "W3"], n // 3)
    return df


def nps_only(seed: int = 4, n: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = rng.choice(["a", "b"], n)
    p = {
        "a": np.r_[[0.03] * 7, [0.1] * 2, [0.295] * 2],
        "b": np.r_[[0.06] * 7, [0.15] * 2, [0.14] * 2],
    }
    ans = np.array([rng.choice(11, p=p[s]) for s in g])
    late = rng.random(n) < np.where(ans <= 6, 0.6, 0.15)
    return pd.DataFrame(
        {
            "seg": g,
            "nps": ans,
            "w": rng.uniform(0.5, 2, n),
            "comment": np.where(late, "late again", "great shop"),
        }
    )


def _domain_se(values: np.ndarray, n_rows: int) -> float:
    """SE of a mean over the answered rows of an SRS of n_rows (domain estimation, as R's svymean
    on a subset): sqrt((m - 1)/m * N/(N - 1) * s^2 / m)."""
    m = len(values)
    return float(np.sqrt((m - 1) / m * n_rows / (n_rows - 1) * values.var(ddof=1) / m))


# --------------------------------------------------------------------------- Measure
def test_from_config_validates_with_clear_errors():
    m = Measure.from_config("csat", {"kind": "top_box", "scale": [1, 5], "top": 2, "na_codes": [0]})
    assert (m.kind, m.column, m.scale, m.top, m.bottom, m.na_codes) == (
        "top_box",
        "csat",
        (1, 5),
        2,
        2,
        (0,),
    )
    with pytest.raises(DataValidationError, match="did you mean 'top_box'"):
        Measure.from_config("csat", {"kind": "topbox", "scale": [1, 5]})
    with pytest.raises(DataValidationError, match="needs its scale"):
        Measure.from_config("csat", {"kind": "top_box"})
    with pytest.raises(DataValidationError, match="mean measure needs its scale"):
        Measure.from_config("q", {"kind": "mean"})
    with pytest.raises(DataValidationError, match=r"unknown key\(s\) \['na_code'\].*'na_codes'"):
        Measure.from_config("q", {"kind": "mean", "scale": [1, 5], "na_code": [0]})
    with pytest.raises(DataValidationError, match="0-10 scale"):
        Measure("ltr", kind="nps", scale=(1, 5))
    with pytest.raises(DataValidationError, match=r"na_codes \[3\] lie inside the scale 1-5"):
        Measure("q", kind="mean", scale=(1, 5), na_codes=[3])
    with pytest.raises(DataValidationError, match="overlap"):
        Measure("q", kind="top_box", scale=(1, 5), top=3, bottom=3)
    with pytest.raises(DataValidationError, match="top/bottom apply to box measures"):
        Measure("q", kind="mean", scale=(1, 5), top=2)
    assert Measure("q", kind="top_box", scale=(1, 3)).bottom == 1  # shortened, no overlap
    assert Measure("ces", kind="top_box", scale=(1, 7), top=3).bottom == 3


def test_prepare_removes_na_codes_counts_them_and_checks_the_scale():
    df = pd.DataFrame({"q": [5, 0, 3, 99, 1, 0]})
    m = Measure("q", kind="mean", scale=(1, 5), na_codes=[0, 99])
    with pytest.warns(RowsExcludedWarning, match=r"3 answers coded 0, 99 .* \(rows 1, 3, 5\)"):
        v = m.prepare(df)
    assert v.tolist()[0::2] == [5.0, 3.0, 1.0] and v.isna().sum() == 3
    with pytest.raises(DataValidationError) as err, pytest.warns(RowsExcludedWarning):
        Measure("q", kind="mean", scale=(1, 5), na_codes=[0]).prepare(df)
    text = str(err.value)
    for part in (
        "column 'q'",
        "1 value is outside the declared scale 1-5",
        "found 99",
        "row 3",
        "na_codes=[99]",
    ):
        assert part in text, text
    with pytest.raises(DataValidationError, match="non-numeric values such as 'n/a'"):
        Measure("q", kind="mean", scale=(1, 5)).prepare(pd.DataFrame({"q": [1, "n/a"]}))
    with (
        pytest.raises(DataValidationError, match="no answers left"),
        pytest.warns(RowsExcludedWarning),
    ):
        Measure("q", kind="mean", scale=(1, 5), na_codes=[0]).prepare(pd.DataFrame({"q": [0, 0]}))
    with pytest.raises(DataValidationError, match=r"column not found \(close: 'q'\)"):
        Measure("qq", kind="mean", scale=(1, 5)).prepare(df)


def test_binary_labels_and_satisfied_split_per_kind():
    lab = Measure("ok", kind="binary", scale=("no", "yes"), na_codes=["dk"])
    with pytest.warns(RowsExcludedWarning):
        v = lab.prepare(pd.DataFrame({"ok": ["yes", "no", "dk", None, " yes"]}))
    assert v.iloc[[0, 1, 4]].tolist() == [1.0, 0.0, 1.0] and v.iloc[[2, 3]].isna().all()
    with pytest.raises(DataValidationError, match="neither 'no' nor 'yes'"):
        lab.prepare(pd.DataFrame({"ok": ["yes", "maybe"]}))
    s = pd.Series([1, 2, 3, 4, 5, np.nan])
    box = Measure("c", kind="top_box", scale=(1, 5), top=2)
    assert box.satisfied(s).tolist() == [False, False, False, True, True, False]
    assert box.dissatisfied(s).tolist() == [True, True, False, False, False, False]
    mean = Measure("c", kind="mean", scale=(1, 5))  # midpoint 3 on neither side
    assert mean.satisfied(s).tolist() == box.satisfied(s).tolist()
    assert Measure("c", kind="mean", scale=(1, 10)).dissatisfied(pd.Series([5, 6])).tolist() == [
        True,
        False,
    ]
    effort = Measure("ces", kind="top_box", scale=(1, 7), top=3, higher_is_better=False)
    assert effort.satisfied(pd.Series([1, 7])).tolist() == [True, False]
    n = Measure("nps", kind="nps")
    assert n.satisfied(pd.Series([10, 9, 8, 6])).tolist() == [True, True, False, False]
    assert n.dissatisfied(pd.Series([10, 7, 6, 0])).tolist() == [False, False, True, True]
    b = Measure("f", kind="binary")
    assert b.satisfied(np.array([1, 0])).tolist() == [True, False]


def test_infer_measures_is_conservative():
    rng = np.random.default_rng(0)
    df = pd.DataFrame(
        {
            "nps": rng.integers(0, 11, 60),
            "csat": rng.integers(1, 6, 60),
            "ces": rng.integers(1, 8, 60),
            "ok": rng.integers(0, 2, 60),
            "flag": rng.random(60) < 0.5,
            "nps_csat_like": rng.integers(1, 6, 60),  # named like nps, values of a 1-5 scale
            "csat_coded": np.r_[rng.integers(1, 6, 59), 0],  # 0 = n/a? not guessed
            "rating_app": rng.integers(1, 6, 60),
            "weight": rng.integers(0, 2, 60),
            "respondent_id": np.arange(60),
        }
    )
    got = infer_measures(df)
    assert {k: m.kind for k, m in got.items()} == {
        "nps": "nps",
        "csat": "top_box",
        "ces": "top_box",
        "ok": "binary",
        "flag": "binary",
    }
    assert (got["csat"].scale, got["csat"].top) == ((1, 5), 2)
    assert (got["ces"].scale, got["ces"].top) == ((1, 7), 3)


# ------------------------------------------------------------------------ CSAT only
def test_csat_only_compare_uses_the_csat_not_nps():
    """The users' bug: compare(by='segment', score='csat') returned NPS -100 for every group."""
    df = csat_only()
    r = compare(df, by="segment", score="csat", design={"strata": "segment"})
    assert set(r["measure"]) == {"csat"} and set(r["kind"]) == {"top_box"}
    share = df.assign(top=df.csat >= 4).groupby("segment")["top"].mean()
    row = r[(r.group_a == "east") & (r.group_b == "north")].iloc[0]
    assert row["estimate_a"] == pytest.approx(share["east"])
    assert row["effect"] == pytest.approx(share["north"] - share["east"])
    a, b = ((df.csat[df.segment == g] >= 4).astype(float) for g in ("east", "north"))
    assert row["se"] == pytest.approx(np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b)))
    with pytest.raises(DataValidationError, match="not a 0-10 NPS.*within 1-5"):
        compare(df, by="segment", score="csat", measure="nps")
    with pytest.raises(DataValidationError, match="not a 0-10 NPS"):
        nps(df, score="csat")


def test_csat_only_score_equals_csat_and_pandas():
    df = csat_only()
    m = Measure("csat", kind="top_box", scale=(1, 5), top=2)
    got = score(df, m, by="segment", design={"weights": "weight"}, min_base=1)
    ref = csat(df, by="segment", design={"weights": "weight"}, min_base=1)
    ref = ref[ref.measure == "top2_box"].reset_index(drop=True)
    cols = ["n", "estimate", "se", "ci_low", "ci_high"]
    pd.testing.assert_frame_equal(got[cols], ref[cols])  # the same code path
    for _, row in got.iterrows():
        g = df[df.segment == row["segment"]]
        assert row["estimate"] == pytest.approx(np.average(g.csat >= 4, weights=g.weight))
    mean = score(df, Measure("sat", column="csat", kind="mean", scale=(1, 5)), min_base=1).iloc[0]
    assert mean["estimate"] == pytest.approx(df.csat.mean())
    assert mean["se"] == pytest.approx(df.csat.std(ddof=1) / np.sqrt(len(df)))
    bottom = score(df, Measure("low", column="csat", kind="bottom_box", scale=(1, 5), bottom=1))
    assert bottom["estimate"].iloc[0] == pytest.approx((df.csat == 1).mean())
    assert list(got.columns) == [
        "segment",
        "measure",
        "kind",
        "n",
        "estimate",
        "se",
        "ci_low",
        "ci_high",
        "small_base",
    ]


# ------------------------------------------------- binary flag + 14 ratings, 0 = n/a
def test_flag_survey_scores_and_na_codes_leave_the_base():
    df = flag_and_ratings()
    flag = score(df, Measure("satisfied", kind="binary")).iloc[0]
    assert flag["estimate"] == pytest.approx(df.satisfied.mean())
    r = Measure("r01", kind="mean", scale=(1, 5), na_codes=[0])
    with pytest.warns(RowsExcludedWarning, match=f"{int((df.r01 == 0).sum())} answers coded 0"):
        got = score(df, r).iloc[0]
    answered = df.r01[df.r01 != 0].to_numpy(float)
    assert got["n"] == len(answered)
    assert got["estimate"] == pytest.approx(answered.mean())  # 0 is not a rating
    assert got["estimate"] > df.r01.mean() + 0.1
    assert got["se"] == pytest.approx(_domain_se(answered, len(df)), rel=1e-10)
    t = stats.t.ppf(0.975, len(df) - 1)
    assert got["ci_low"] == pytest.approx(got["estimate"] - t * got["se"])
    with pytest.raises(DataValidationError, match=r"found 0.*na_codes=\[0\]"):
        score(df, Measure("r01", kind="mean", scale=(1, 5)))


def test_flag_survey_theme_differences_dissatisfied_vs_satisfied():
    df = flag_and_ratings()
    flags = find_themes(df, language=None)
    r = theme_differences(df, flags, measure=Measure("satisfied", kind="binary")).set_index("theme")
    late = r.loc["late_delivery"]
    com = df[df.comment.notna()]
    sat = com.comment[com.satisfied == 1].str.contains("late")
    dis = com.comment[com.satisfied == 0].str.contains("late")
    assert (late["group_a"], late["group_b"]) == ("satisfied", "dissatisfied")
    assert (late["n_a"], late["n_b"]) == (len(sat), len(dis))
    assert late["effect"] == pytest.approx(dis.mean() - sat.mean())
    assert late["p_adjusted"] < 0.001
    # a config mapping by name gives the same
    r2 = theme_differences(
        df, flags, measure="sat", measures={"sat": {"kind": "binary", "column": "satisfied"}}
    )
    assert r2.set_index("theme").loc["late_delivery", "effect"] == pytest.approx(late["effect"])
    with pytest.raises(DataValidationError, match="column 'nps'"):
        theme_differences(df, flags)  # no NPS, no measure: an error, not a guess


def test_key_drivers_drop_na_codes_per_driver_and_take_a_binary_outcome():
    df = flag_and_ratings()
    with pytest.warns(RowsExcludedWarning):
        kd = KeyDrivers(
            "satisfied",
            RATINGS,
            method="relative_weights",
            model="linear",
            n_boot=20,
            na_codes=[0],
        ).fit(df)
    clean = df[RATINGS].replace(0, np.nan)
    assert kd.na_excluded_[RATINGS].tolist() == (df[RATINGS] == 0).sum().tolist()
    assert kd.na_excluded_["satisfied"] == 0  # 0 of the outcome is 'not satisfied'
    complete = pd.concat([clean, df.satisfied], axis=1).dropna()
    assert kd.summary["n"].iloc[0] == len(complete) and kd.n_excluded_ == len(df) - len(complete)
    expected = relative_weights(np.corrcoef(complete.to_numpy(float), rowvar=False))
    got = kd.summary.set_index("driver").loc[RATINGS, "estimate"].to_numpy()
    np.testing.assert_allclose(got, expected, rtol=1e-10)
    assert kd.summary["driver"].iloc[0] == "r01"  # planted: r01 > r02 > r03 > noise
    assert kd.summary["driver"].iloc[1] == "r02"
    # the same with Measures instead of na_codes
    ms = [Measure(c, kind="mean", scale=(1, 5), na_codes=[0]) for c in RATINGS]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        kd2 = KeyDrivers(
            Measure("satisfied", kind="binary"),
            ms,
            method="relative_weights",
            model="linear",
            n_boot=5,
        ).fit(df)
    np.testing.assert_allclose(kd2.summary.set_index("driver").loc[RATINGS, "estimate"], expected)
    # left to itself (model="auto") the binary outcome gets a logistic model
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        kd3 = KeyDrivers(Measure("satisfied", kind="binary"), ms, n_boot=5).fit(df)
    assert kd3.model_ == "logistic" and kd3.summary.attrs["model"] == "logistic"
    x = complete[RATINGS].to_numpy(float)
    np.testing.assert_allclose(
        kd3.summary.set_index("driver").loc[RATINGS, "estimate"],
        logistic_relative_weights(x, complete["satisfied"].to_numpy(float)),
        rtol=1e-10,
    )
    with pytest.raises(DataValidationError, match="neither the outcome nor a driver"):
        KeyDrivers("satisfied", RATINGS, na_codes={"r99": [0]})


def test_importance_performance_with_na_codes():
    df = flag_and_ratings()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        r = importance_performance(
            df, outcome="satisfied", drivers=RATINGS[:5], n_boot=10, na_codes=[0]
        ).set_index("driver")
    for c in RATINGS[:5]:
        answered = df[c][df[c] != 0].to_numpy(float)
        assert r.loc[c, "n"] == len(answered)
        assert r.loc[c, "estimate"] == pytest.approx(answered.mean())
        assert r.loc[c, "se"] == pytest.approx(_domain_se(answered, len(df)), rel=1e-10)
    assert r.index[0] == "r01"


def test_banner_of_a_measure_leaves_na_codes_out():
    df = flag_and_ratings()
    with pytest.warns(RowsExcludedWarning):
        b = banner(
            df,
            columns="satisfied",
            measure=Measure("r01", kind="mean", scale=(1, 5), na_codes=[0]),
            total=False,
        )
    assert sorted(set(b.answer)) == [1, 2, 3, 4, 5]
    cell = b[(b.answer == 5) & (b.column == 1)].iloc[0]
    g = df.r01[(df.satisfied == 1) & (df.r01 != 0)]
    assert cell["base"] == len(g) and cell["estimate"] == pytest.approx((g == 5).mean())


# ----------------------------------------------------------------------- Likert only
def test_likert_only_scores_compare_waves_and_themes():
    df = likert_only()
    ease = Measure("q_ease", kind="top_box", scale=(1, 5), top=2, na_codes=[9])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsExcludedWarning)
        got = score(df, ease, by="wave", min_base=1)
        ref = likert(
            df.assign(q_ease=df.q_ease.replace(9, np.nan)),
            item="q_ease",
            top=2,
            by="wave",
            measures=("top_box",),
            min_base=1,
        )
        waves = compare_waves(df, measure=ease, design={"strata": "wave"})
    cols = ["n", "estimate", "se", "ci_low", "ci_high"]
    pd.testing.assert_frame_equal(got[cols], ref[cols])
    for _, row in got.iterrows():
        a = df.q_ease[(df.wave == row["wave"]) & (df.q_ease != 9)]
        assert row["n"] == len(a) and row["estimate"] == pytest.approx((a >= 4).mean())
    share = df[df.q_ease != 9].assign(t=lambda d: d.q_ease >= 4).groupby("wave")["t"].mean()
    assert waves["effect"].tolist() == pytest.approx(
        [share["W2"] - share["W1"], share["W3"] - share["W2"]]
    )
    assert list(zip(waves.group_a, waves.group_b, strict=True)) == [("W1", "W2"), ("W2", "W3")]
    trust = Measure("q_trust", kind="mean", scale=(1, 5))
    r = theme_differences(df, find_themes(df, language=None), measure=trust).set_index("theme")
    # mean kind: lower part (1-2) against upper part (4-5); comments planted by q_trust <= 2
    assert r.loc["price_too_high", "n_b"] == (df.q_trust <= 2).sum()
    assert r.loc["price_too_high", "n_a"] == (df.q_trust >= 4).sum()
    assert r.loc["price_too_high", "effect"] == pytest.approx(1.0)
    with pytest.raises(DataValidationError, match="no measure says how to read this column"):
        compare(df, by="wave", score="q_trust")


# ------------------------------------------------------------------------- NPS only
def test_nps_only_results_identical_to_the_nps_code_paths():
    df = nps_only()
    m = Measure("nps", kind="nps")
    design = {"weights": "w", "strata": "seg"}
    got = score(df, m, by="seg", design=design)
    ref = nps(df, by="seg", design=design)
    cols = ["seg", "n", "estimate", "se", "ci_low", "ci_high", "small_base"]
    pd.testing.assert_frame_equal(got[cols], ref[cols])
    code = np.select([df.nps >= 9, df.nps >= 7], [100.0, 0.0], -100.0)
    a = df.seg == "a"
    assert got["estimate"].iloc[0] == pytest.approx(np.average(code[a], weights=df.w[a]))
    legacy = compare(df, by="seg", design=design)
    new = compare(df, by="seg", measure=m, design=design)
    num = ["effect", "se", "ci_low", "ci_high", "p_value"]
    pd.testing.assert_frame_equal(legacy[num], new[num])
    assert legacy["measure"].iloc[0] == "nps" and legacy["kind"].iloc[0] == "nps"


def test_nps_only_theme_differences_identical_to_promoters_vs_detractors():
    df = nps_only()
    flags = find_themes(df, language=None)
    design = {"weights": "w"}
    default = theme_differences(df, flags, design=design)
    explicit = theme_differences(df, flags, measure=Measure("nps", kind="nps"), design=design)
    pd.testing.assert_frame_equal(default, explicit)
    # reference: the pre-measure computation, promoters vs detractors as a compare of shares
    frame = df.assign(
        _g=np.select([df.nps >= 9, df.nps <= 6], ["promoter", "detractor"], None),
        _t=flags["late_delivery"].astype(float),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = compare(
            frame,
            by="_g",
            score="_t",
            measure="share",
            design=design,
            pairs=[("promoter", "detractor")],
            adjust=None,
        ).iloc[0]
    row = default.set_index("theme").loc["late_delivery"]
    assert (row["group_a"], row["group_b"]) == ("promoters", "detractors")
    for col in ("n_a", "n_b", "estimate_a", "estimate_b", "effect", "se", "p_value"):
        assert row[col] == pytest.approx(ref[col], rel=1e-12), col
    prom, det = frame[frame._g == "promoter"], frame[frame._g == "detractor"]
    assert row["effect"] == pytest.approx(
        np.average(det._t, weights=det.w) - np.average(prom._t, weights=prom.w)
    )


# ---------------------------------------------------------------------- read_survey
def test_read_survey_applies_measures_once_at_the_edge(tmp_path):
    path = tmp_path / "s.csv"
    pd.DataFrame(
        {
            "respondent_id": ["a", "b", "c", "d"],
            "csat": ["5", "0", "4 - Good", "1"],
            "ok": ["yes", "no", "yes", "don't know"],
        }
    ).to_csv(path, index=False)
    spec = {
        "csat": {"kind": "top_box", "scale": [1, 5], "na_codes": [0]},
        "ok": {"kind": "binary", "scale": ["no", "yes"], "na_codes": ["don't know"]},
    }
    with pytest.warns(RowsExcludedWarning):
        s = read_survey(path, measures=spec)
    assert s["csat"].tolist()[0::2] == [5.0, 4.0] and np.isnan(s["csat"].iloc[1])
    assert s["ok"].tolist()[:3] == [1.0, 0.0, 1.0] and np.isnan(s["ok"].iloc[3])
    report = s.attrs["validation"].to_frame()
    assert report.set_index("column").loc["csat", "count"] == 1
    assert set(s.attrs["measures"]) == {"csat", "ok"}
    # analyses find the declared measure by column name; the na codes are not reported twice
    with warnings.catch_warnings():
        warnings.simplefilter("error", RowsExcludedWarning)
        r = compare(s.assign(g=["x", "x", "y", "y"]), by="g", score="csat", min_base=1)
    assert r["kind"].iloc[0] == "top_box" and r["n_a"].iloc[0] == 1
    bad = tmp_path / "bad.csv"
    pd.DataFrame({"respondent_id": ["a", "b", "c"], "csat": [5, 7, 99]}).to_csv(bad, index=False)
    with pytest.raises(DataValidationError) as err:
        read_survey(bad, measures=[Measure("csat", kind="top_box", scale=(1, 5), na_codes=[0])])
    text = str(err.value)
    for part in (
        "bad.csv",
        "column 'csat'",
        "outside the declared scale 1-5",
        "found 7, 99",
        "rows 3, 4",
        "na_codes=[7, 99]",
    ):
        assert part in text, text
    with pytest.raises(DataValidationError, match="close matches: 'csat'"):
        read_survey(bad, measures=[Measure("cast", kind="top_box", scale=(1, 5))])


def test_resolve_and_named_measures():
    df = pd.DataFrame({"q": [1, 2, 3]})
    m = Measure("q", kind="mean", scale=(1, 5), label={"en": "Quality", "ro": "Calitate"})
    assert resolve_measure("q", measures=[m]) is m
    assert m.title("ro") == "Calitate" and m.title("pl") == "Quality"
    assert named_measures({"a": m})["a"] is m
    with pytest.raises(DataValidationError, match="unknown measure 'zz'"):
        resolve_measure("zz", data=df)


def test_survey_evidence_rating_gap_without_na_codes():
    from cjresearch.painpoints.ranking import survey_evidence

    s = pd.DataFrame({"customer_id": list("abcdefgh"), "r": [1, 0, 2, 1, 5, 4, 0, 5]})
    ex = pd.DataFrame({"customer_id": list("abcd"), "stage": "x", "event": "err", "n": 1})
    with pytest.warns(RowsExcludedWarning, match="2 answers coded 0"):
        e = survey_evidence(
            s,
            ex,
            ratings={"err": "r"},
            outcome=None,
            effort=None,
            measures=[Measure("r", kind="mean", scale=(1, 5), na_codes=[0])],
        )
    a, b = np.array([1.0, 2, 1]), np.array([5.0, 4, 5])
    welch = stats.ttest_ind(a, b, equal_var=False)
    assert e["rating_gap"].iloc[0] == pytest.approx(a.mean() - b.mean())
    assert e["n"].iloc[0] == 3
    assert e["rating_gap_p_adjusted"].iloc[0] == pytest.approx(welch.pvalue)
