"""Design variance against R's survey package: raking, nested PSU ids, multi-stage designs.

Reference values: ``tests/reference/survey.R`` (R 4.2, ``survey`` 4.1.1) on the ``api``
data and on the simulated ``sim_survey.csv`` / ``sim_twostage.csv`` it writes, saved
in ``tests/reference/survey.json``.

Tolerances
----------
* Raking: relative 1e-7.  R's iterative proportional fitting was run until the
  largest change of a margin table was below 1e-12 of the weight total, ours until the
  largest relative margin gap is below 1e-8; the raked weights then agree to about
  1e-9 (measured: SEs within 3e-9 relative), so 1e-7 tests the variance formula and
  leaves room only for where each IPF stopped.  The old formula (cell means of x/w
  *weighted* by w) was off by 0.03% to 1.6% on these same cases (measured; 3000 times
  the tolerance and more).
* Nested ids and multi-stage designs: relative 1e-9; nothing is iterated, so only
  floating-point summation order differs (measured: below 1e-14).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError
from cjresearch.survey.design import SurveyDesign

HERE = Path(__file__).parent
R = json.loads((HERE / "reference" / "survey.json").read_text(encoding="utf-8"))
RAKE_REL = 1e-7
EXACT_REL = 1e-9
POP_STYPE = {"E": 4421, "H": 755, "M": 1018}


@pytest.fixture(scope="module")
def apiclus1() -> pd.DataFrame:
    df = pd.read_csv(HERE / "data" / "apiclus1.csv")
    df["awarded"] = (df["awards"] == "Yes").astype(float)
    return df


@pytest.fixture(scope="module")
def sim() -> pd.DataFrame:
    return pd.read_csv(HERE / "reference" / "sim_survey.csv")


def _check(got: pd.DataFrame, ref: dict, rel: float) -> None:
    assert got["estimate"].iloc[0] == pytest.approx(ref["estimate"], rel=rel)
    assert got["se"].iloc[0] == pytest.approx(ref["se"], rel=rel)


# --- 1. raking ----------------------------------------------------------------------------
def test_raked_cluster_design_matches_r(apiclus1):
    """rake(dclus1, list(~stype, ~sch.wide), ...): R's ?rake example, converged."""
    ref = R["rake_apiclus1"]
    d = SurveyDesign(apiclus1, weights="pw", cluster="dnum", fpc="fpc").rake(
        {"stype": POP_STYPE, "sch.wide": {"No": 1072, "Yes": 5122}}
    )
    _check(d.mean("api00"), ref["api00"], RAKE_REL)  # old code: SE 0.2% off
    _check(d.total("enroll"), ref["enroll"], RAKE_REL)
    _check(d.mean("awarded"), ref["awards"], RAKE_REL)
    by = d.mean("api00", by="stype")
    assert by["stype"].tolist() == ref["api00_by_stype"]["stype"]
    assert by["estimate"].to_numpy() == pytest.approx(ref["api00_by_stype"]["api00"], rel=RAKE_REL)
    assert by["se"].to_numpy() == pytest.approx(ref["api00_by_stype"]["se"], rel=RAKE_REL)


def test_raked_stratified_design_matches_r():
    """Raking apistrat to its stratum totals and the population's comp.imp counts."""
    ref = R["rake_apistrat"]
    df = pd.read_csv(HERE / "data" / "apistrat.csv")
    d = SurveyDesign(df, weights="pw", strata="stype", fpc="fpc").rake(ref["margins"])
    _check(d.mean("api00"), ref["api00"], RAKE_REL)
    _check(d.total("enroll"), ref["enroll"], RAKE_REL)
    _check(d.mean("meals"), ref["meals"], RAKE_REL)


def test_raked_simulated_design_with_unequal_weights_in_every_cell_matches_r(sim):
    """Simulated: 6 strata x 5 PSUs, weights varying within every raking cell (where the
    weighted and unweighted cell means differ most), two margins, domains."""
    ref = R["sim_rake"]
    d = SurveyDesign(sim, weights="w", strata="stratum", cluster="psu", nest=True)
    r = d.rake(ref["margins"])
    _check(r.mean("y"), ref["y"], RAKE_REL)
    _check(r.mean("b"), ref["b"], RAKE_REL)
    _check(r.total("y"), ref["y_total"], RAKE_REL)
    by = r.mean("y", by="brand")
    assert by["estimate"].to_numpy() == pytest.approx(ref["y_by_brand"]["y"], rel=RAKE_REL)
    assert by["se"].to_numpy() == pytest.approx(ref["y_by_brand"]["se"], rel=RAKE_REL)


def test_raking_after_post_stratification_keeps_each_steps_weights(apiclus1):
    """Raking to a margin that an earlier post-stratification already met changes
    neither the weights nor the SE (each step is residualised with its own weights)."""
    d = SurveyDesign(apiclus1, weights="pw", cluster="dnum", fpc="fpc").post_stratify(
        "stype", POP_STYPE
    )
    again = d.rake({"stype": POP_STYPE})
    assert again.weights_ == pytest.approx(d.weights_, rel=1e-12)
    assert again.mean("api00")["se"].iloc[0] == pytest.approx(
        d.mean("api00")["se"].iloc[0], rel=1e-9
    )


# --- 2. PSU ids numbered within strata ----------------------------------------------------
def test_nested_psu_ids_match_r_nest_true(sim):
    ref = R["sim_nest"]
    d = SurveyDesign(sim, weights="w", strata="stratum", cluster="psu", nest=True)
    assert d.degf == ref["degf"] == 24  # 30 PSUs - 6 strata
    _check(d.mean("y"), ref["y"], EXACT_REL)
    _check(d.mean("b"), ref["b"], EXACT_REL)


@pytest.mark.bad_input
def test_repeated_psu_ids_without_nest_are_refused_with_the_nest_fix(sim):
    with pytest.raises(DataValidationError) as err:
        SurveyDesign(sim, weights="w", strata="stratum", cluster="psu")
    e = err.value
    assert e.column == "psu"
    assert "nest=True" in e.fix and "more than one stratum" in str(e)
    # the same ids made unique by hand need no option and give the same design
    sim2 = sim.assign(psu2=sim["stratum"] * 10 + sim["psu"])
    a = SurveyDesign(sim2, weights="w", strata="stratum", cluster="psu2").mean("y")
    b = SurveyDesign(sim, weights="w", strata="stratum", cluster="psu", nest=True).mean("y")
    assert a["se"].iloc[0] == pytest.approx(b["se"].iloc[0], rel=1e-12)


# --- 3. multi-stage designs ---------------------------------------------------------------
def test_two_stage_cluster_design_matches_r_apiclus2():
    """svydesign(id=~dnum+snum, fpc=~fpc1+fpc2, data=apiclus2): SE 30.099 (the first
    stage alone gives 29.889, as this package did before)."""
    ref = R["apiclus2"]
    df = pd.read_csv(HERE / "data" / "apiclus2.csv")
    d = SurveyDesign(df, weights="pw", cluster=["dnum", "snum"], fpc=["fpc1", "fpc2"])
    _check(d.mean("api00"), ref["api00"], EXACT_REL)
    assert round(d.mean("api00")["se"].iloc[0], 3) == 30.099
    _check(d.total("enroll"), ref["enroll"], EXACT_REL)
    by = d.mean("api00", by="stype")
    assert by["se"].to_numpy() == pytest.approx(ref["api00_by_stype"]["se"], rel=EXACT_REL)
    one = SurveyDesign(df, weights="pw", cluster="dnum", fpc="fpc1").mean("api00")
    _check(one, ref["api00_one_stage"], EXACT_REL)


def test_fpc_without_weights_gives_the_weights_as_r():
    """svydesign(id=~dnum, fpc=~fpc, data=apiclus1) with no weights: weight 757/15 = 50.47
    (R's), not 1.  apistrat's and apiclus2's pw are N_h/n_h and the product over stages,
    so their fpc alone gives pw back (pw is stored as float32 in the api data)."""
    ref = R["fpc_only_apiclus1"]
    df = pd.read_csv(HERE / "data" / "apiclus1.csv")
    d = SurveyDesign(df, cluster="dnum", fpc="fpc")
    assert d.weights_ == pytest.approx(np.full(len(df), ref["weight"]), rel=1e-12)
    _check(d.total("enroll"), ref["enroll"], EXACT_REL)
    _check(d.mean("api00"), ref["api00"], EXACT_REL)
    strat = pd.read_csv(HERE / "data" / "apistrat.csv")
    assert SurveyDesign(strat, strata="stype", fpc="fpc").weights_ == pytest.approx(
        strat["pw"].to_numpy(), rel=1e-7
    )
    two = pd.read_csv(HERE / "data" / "apiclus2.csv")
    w2 = SurveyDesign(two, cluster=["dnum", "snum"], fpc=["fpc1", "fpc2"]).weights_
    assert w2 == pytest.approx(two["pw"].to_numpy(), rel=1e-12)


def test_stratified_two_stage_design_with_certainty_units_matches_r():
    """Simulated: 3 strata, 4 PSUs each, up to 3 SSUs per PSU (all of them in PSUs
    with 2 or 3), several rows per SSU, PSU ids numbered within strata."""
    ref = R["sim_twostage"]
    df = pd.read_csv(HERE / "reference" / "sim_twostage.csv")
    d = SurveyDesign(
        df, weights="w", strata="stratum", cluster=["psu", "ssu"], fpc=["N1", "M"], nest=True
    )
    _check(d.mean("y"), ref["y"], EXACT_REL)
    _check(d.total("y"), ref["y_total"], EXACT_REL)


@pytest.mark.bad_input
def test_multi_stage_errors_name_the_column_and_fix():
    df = pd.DataFrame({"p": [1, 1, 2, 2], "s": [1, 2, 1, 2], "N1": [10] * 4, "N2": [5, 5, 9, 9]})
    with pytest.raises(DataValidationError, match="1 fpc columns for 2 stages") as err:
        SurveyDesign(df, cluster=["p", "s"], fpc=["N1"])
    assert "fpc=['N1', 'N2']" in err.value.fix
    bad = df.assign(N2=[5, 6, 9, 9])
    with pytest.raises(DataValidationError, match="fpc differs within a stage-1 cluster") as err:
        SurveyDesign(bad, cluster=["p", "s"], fpc=["N1", "N2"])
    assert err.value.column == "N2"
    # one SSU sampled out of several: a lonely unit at stage 2
    lone = pd.DataFrame({"p": [1, 2, 2], "s": [1, 1, 2], "N1": [10] * 3, "N2": [4, 5, 5]})
    with pytest.raises(DataValidationError, match="stage-1 clusters have a single") as err:
        SurveyDesign(lone, cluster=["p", "s"], fpc=["N1", "N2"])
    assert err.value.column == "s" and "lonely_psu='certainty'" in err.value.fix
    ok = SurveyDesign(
        lone.assign(y=[1.0, 2, 4]), cluster=["p", "s"], fpc=["N1", "N2"], lonely_psu="certainty"
    )
    assert np.isfinite(ok.mean("y")["se"].iloc[0])
