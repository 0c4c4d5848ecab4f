"""Tests of cjresearch.timetoevent.multistate against R's mgus2 results and a closed-form Markov chain."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError
from cjresearch.timetoevent.multistate import MultiStateModel, journey_transitions

DATA = Path(__file__).parent / "data"


def _mgus2_transitions(sex):
    d = pd.read_csv(DATA / "mgus2.csv")
    d = d[d["sex"] == sex]
    etime = np.where(d["pstat"] == 1, d["ptime"], d["futime"]).astype(float)
    to = np.where(d["pstat"] == 1, "pcm", np.where(d["death"] == 1, "death", None))
    return pd.DataFrame(
        {"customer_id": d["id"], "from_state": "entry", "to_state": to, "start": 0.0, "stop": etime}
    )


@pytest.mark.parametrize(
    "sex, pcm, death, pcm_se",
    [("F", 1.323284, 8.823108, 0.1742312), ("M", 1.064693, 10.260294, None)],
)
def test_mgus2_restricted_mean_time_in_state_matches_r(sex, pcm, death, pcm_se):
    # R survival 3.8: Aalen-Johansen RMTS up to 240 months, in years (REFERENCES.md).
    # The product-integral is exact with ties, so 5e-6 years (R prints 7 digits).
    m = MultiStateModel(states=["entry", "pcm", "death"], n_boot=200, seed=1)
    m.fit(_mgus2_transitions(sex))
    rm = m.restricted_mean(240).set_index("state")
    assert rm.loc["pcm", "estimate"] / 12 == pytest.approx(pcm, abs=5e-6)
    assert rm.loc["death", "estimate"] / 12 == pytest.approx(death, abs=5e-6)
    assert rm["estimate"].sum() == pytest.approx(240)
    if pcm_se is not None:
        # R's SE is the infinitesimal jackknife; ours is a 200-resample bootstrap of the same
        # estimator: its Monte-Carlo error is about 1/sqrt(2*200) = 5%, so allow 15%.
        assert rm.loc["pcm", "se"] / 12 == pytest.approx(pcm_se, rel=0.15)


def test_three_state_chain_matches_closed_form():
    # aware -a-> consider -b-> buy, exponential: P0 = e^-at, P1 = a/(b-a)(e^-at - e^-bt)
    a_, b_ = 0.05, 0.03
    rng = np.random.default_rng(12)
    n = 3000
    t1 = rng.exponential(1 / a_, n)
    t2 = t1 + rng.exponential(1 / b_, n)
    c = rng.uniform(20, 120, n)
    rows = []
    for i in range(n):
        if c[i] <= t1[i]:
            rows.append((i, "aware", None, 0.0, c[i]))
            continue
        rows.append((i, "aware", "consider", 0.0, t1[i]))
        rows.append((i, "consider", "buy" if t2[i] <= c[i] else None, t1[i], min(t2[i], c[i])))
    tr = pd.DataFrame(rows, columns=["customer_id", "from_state", "to_state", "start", "stop"])
    m = MultiStateModel(states=["aware", "consider", "buy"], times=[10, 30, 60], n_boot=200)
    m.fit(tr)
    occ = m.occupancy_
    for t in (10, 30, 60):
        truth = {
            "aware": np.exp(-a_ * t),
            "consider": a_ / (b_ - a_) * (np.exp(-a_ * t) - np.exp(-b_ * t)),
        }
        truth["buy"] = 1 - truth["aware"] - truth["consider"]
        for state, p in truth.items():
            r = occ[(occ["time"] == t) & (occ["state"] == state)].iloc[0]
            assert r["ci_low"] < p < r["ci_high"], (t, state)
            assert abs(r["estimate"] - p) < 0.03
    sums = occ.groupby("time")["estimate"].sum()
    np.testing.assert_allclose(sums, 1.0)
    # Nelson-Aalen cumulative hazard of aware->consider is close to a*t
    h = m.hazards_[(m.hazards_["from_state"] == "aware")]
    assert h[h["time"] <= 30]["estimate"].iloc[-1] == pytest.approx(a_ * 30, rel=0.1)


T0 = pd.Timestamp("2025-01-01")


def test_journey_transitions_from_timeline():
    days = pd.to_timedelta
    e = pd.DataFrame(
        {
            "customer_id": ["a", "a", "a", "b", "b", "b"],
            "stage": ["aware", "consider", "buy", "aware", "consider", "buy"],
            "stage_index": [0, 1, 2, 0, 1, 2],
            "entered_at": T0 + days([0, 3, 7, 1, 4, 4], unit="D"),
        }
    )
    c = pd.DataFrame(
        {
            "customer_id": ["a", "b"],
            "first_seen": T0 + days([0, 1], unit="D"),
            "exit_state": ["churned", None],
            "exit_at": [T0 + pd.Timedelta(days=9), pd.NaT],
            "censor_at": T0 + days([9, 20], unit="D"),
        }
    )
    tr = journey_transitions(SimpleNamespace(entries=e, customers=c))
    assert tr.values.tolist() == [
        ["a", "aware", "consider", 0.0, 3.0],
        ["a", "consider", "buy", 3.0, 7.0],
        ["a", "buy", "churned", 7.0, 9.0],
        # b skipped 'consider' (same instant as 'buy'): collapsed to a direct jump
        ["b", "aware", "buy", 0.0, 3.0],
        ["b", "buy", None, 3.0, 19.0],
    ]
    c.loc[1, "censor_at"] = T0  # observation end before the stage entries: clock skew
    with pytest.raises(DataValidationError, match="end before they start"):
        journey_transitions(SimpleNamespace(entries=e, customers=c))


def test_bad_input_multistate():
    tr = pd.DataFrame(
        {"customer_id": [1], "from_state": ["a"], "to_state": ["b"], "start": [2.0], "stop": [1.0]}
    )
    with pytest.raises(DataValidationError, match="stop < start"):
        MultiStateModel(n_boot=0).fit(tr)
    with pytest.raises(DataValidationError, match="not in states"):
        MultiStateModel(states=["a"], n_boot=0).fit(tr.assign(stop=3.0))
    # a single customer, everyone censored: occupancy stays in the first state
    one = MultiStateModel(n_boot=0).fit(tr.assign(stop=3.0, to_state=None))
    assert one.probabilities([5.0]).values.tolist() == [[1.0]]


def test_level_outside_0_1_is_an_error():
    # level=95 used to reach numpy's quantile as a raw ValueError after the bootstrap
    tr = pd.DataFrame(
        {
            "customer_id": [1, 2, 2, 3],
            "from_state": ["a", "a", "b", "a"],
            "to_state": ["b", "b", None, None],
            "start": [0.0, 0, 2, 0],
            "stop": [1.0, 2, 5, 4],
        }
    )
    with pytest.raises(DataValidationError, match="level"):
        MultiStateModel(n_boot=5, level=95).fit(tr)
