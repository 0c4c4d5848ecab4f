"""Tests of cjresearch.timetoevent.graytest against cmprsk::cuminc's Tests table.

Reference values: tests/reference/timetoevent.json (tests/reference/timetoevent.R).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError
from cjresearch.timetoevent.competing import gray_test

HERE = Path(__file__).parent
REF = json.loads((HERE / "reference" / "timetoevent.json").read_text())["gray"]


@pytest.fixture(scope="module")
def sim() -> pd.DataFrame:
    return pd.read_csv(HERE / "reference" / "timetoevent_sim.csv")


@pytest.fixture(scope="module")
def mgus2() -> pd.DataFrame:
    d = pd.read_csv(HERE / "data" / "mgus2.csv")
    d["etime"] = np.where(d["pstat"] == 1, d["ptime"], d["futime"])
    d["ev"] = np.where(d["pstat"] == 1, 1, np.where(d["death"] == 1, 2, 0))
    return d


def _check(got: pd.DataFrame, ref: dict) -> None:
    # The same arithmetic as Gray's Fortran in double precision, summed in another order:
    # agreement to ~1e-12 expected; tolerance 1e-9 relative on statistic and p-value.
    assert got["event_type"].tolist() == [int(c) for c in ref["cause"]]
    np.testing.assert_allclose(got["statistic"], ref["stat"], rtol=1e-9)
    np.testing.assert_allclose(got["p_value"], ref["pv"], rtol=1e-9)
    assert got["df"].tolist() == ref["df"]


def test_mgus2_by_sex_matches_cuminc(mgus2):
    # two groups, tied months: death differs by sex (p = 0.0006), progression does not
    got = gray_test(mgus2, by="sex", duration="etime", event="ev")
    _check(got, REF["mgus2_sex"])
    assert got["n_event"].tolist() == [115, 860]


def test_three_groups_strata_and_rho_match_cuminc(sim):
    _check(gray_test(sim, by="g", duration="time"), REF["sim_g"])
    _check(gray_test(sim, by="g", strata="s", duration="time"), REF["sim_g_strata"])
    _check(gray_test(sim, by="g", duration="ctime", rho=1), REF["sim_g_rho1"])
    # the strata and rho change the answer: the options are not ignored
    assert REF["sim_g"]["stat"][0] != pytest.approx(REF["sim_g_strata"]["stat"][0], rel=1e-3)


def test_no_difference_gives_uniform_p_values():
    # groups drawn from one distribution: about 5% of tests reject at 0.05
    rng = np.random.default_rng(3)
    p = []
    for _ in range(200):
        n = 120
        t = rng.exponential(1, n)
        d = pd.DataFrame(
            {
                "duration": t,
                "event": rng.choice([0, 1, 2], n, p=[0.2, 0.5, 0.3]),
                "g": rng.choice(["a", "b"], n),
            }
        )
        p.append(gray_test(d, by="g", event_types=[1])["p_value"].iloc[0])
    # binomial(200, 0.05): P(X > 20) < 0.01
    assert sum(x < 0.05 for x in p) <= 20


def test_bad_input_is_a_clear_error(sim):
    with pytest.raises(DataValidationError, match="only one group"):
        gray_test(sim.assign(g="x"), by="g", duration="time")
    with pytest.raises(DataValidationError, match="without a group"):
        gray_test(sim.assign(g=np.where(sim["id"] < 5, None, sim["g"])), by="g", duration="time")
