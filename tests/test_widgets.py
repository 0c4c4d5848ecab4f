"""Researcher explorers: set control values, check the recomputed data (no browser).

References: the NPS by closed form (share of 9-10 minus share of 0-6, weighted
shares with the weight column) and Kaplan-Meier by lifelines'
KaplanMeierFitter on the same rows.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from cjresearch.charts.widgets import ALL, TABLE_ROWS, ProgressionExplorer, ScoreExplorer
from cjresearch.core.errors import SmallSampleWarning
from cjresearch.core.paths import SAMPLE_DIR


@pytest.fixture(scope="module")
def responses() -> pd.DataFrame:
    return pd.read_csv(SAMPLE_DIR / "survey.csv")


@pytest.fixture(scope="module")
def durations() -> pd.DataFrame:
    from cjresearch.engine.eventlog import EventLog
    from cjresearch.timetoevent.progression import stage_durations

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        log = EventLog(SAMPLE_DIR / "events.parquet", SAMPLE_DIR / "journey.yaml")
        return stage_durations(log.timeline(), customers=pd.read_csv(SAMPLE_DIR / "customers.csv"))


def _nps(rows: pd.DataFrame, weight: str | None = None) -> float:
    w = rows[weight] if weight else pd.Series(1.0, index=rows.index)
    return float(100 * (w[rows["nps"] >= 9].sum() - w[rows["nps"] <= 6].sum()) / w.sum())


def test_score_explorer_follows_segment_stage_wave_and_weights(responses) -> None:
    ex = ScoreExplorer(responses, design={"weights": "weight"}, by="stage")
    assert ex.controls["weights"].value is True
    ex.controls["weights"].value = False
    ex.controls["segment"].value = "premium"
    premium = responses[responses["segment"] == "premium"]
    got = ex.result.set_index("stage")
    assert sorted(got.index) == sorted(premium["stage"].unique())
    for stage, rows in premium.groupby("stage"):
        assert got.loc[stage, "n"] == len(rows)
        assert got.loc[stage, "estimate"] == pytest.approx(_nps(rows), abs=1e-9)
    # weights on: weighted shares
    ex.controls["weights"].value = True
    got = ex.result.set_index("stage")
    for stage, rows in premium.groupby("stage"):
        assert got.loc[stage, "estimate"] == pytest.approx(_nps(rows, "weight"), abs=1e-9)
    # weights are constant within a segment (its stratum); across segments they matter
    ex.controls["segment"].value = ALL
    got = ex.result.set_index("stage")
    aware = responses[responses["stage"] == "awareness"]
    assert got.loc["awareness", "estimate"] == pytest.approx(_nps(aware, "weight"), abs=1e-9)
    assert abs(_nps(aware, "weight") - _nps(aware)) > 0.5
    # a stage and a wave, grouped by segment now
    ex.controls["segment"].value = ALL
    ex.controls["by"].value = "segment"
    ex.controls["stage"].value = "purchase"
    ex.controls["wave"].value = "2025-Q2"
    keep = responses[(responses["stage"] == "purchase") & (responses["wave"] == "2025-Q2")]
    got = ex.result.set_index("segment")
    assert got["n"].sum() == len(keep)
    for seg, rows in keep.groupby("segment"):
        assert got.loc[seg, "estimate"] == pytest.approx(_nps(rows, "weight"), abs=1e-9)
        assert got.loc[seg, "small_base"] == (len(rows) < 30)


def test_score_explorer_switches_score_and_reports_empty_selection(responses) -> None:
    ex = ScoreExplorer(responses, by="wave")
    assert ex.controls["weights"].disabled  # no design given: weights unavailable
    ex.controls["score"].value = "csat"
    # CSAT top-two-box share (4-5 of 5) per wave, by hand
    top = ex.result[ex.result["measure"].astype(str).str.contains("top|csat", case=False)]
    shares = responses.groupby("wave")["csat"].apply(lambda s: (s >= 4).mean())
    got = top.set_index("wave")["estimate"]
    assert any(
        np.allclose(got.reindex(shares.index).to_numpy(dtype=float), v)
        for v in (shares.to_numpy(), 100 * shares.to_numpy())
    )
    q1_aware = responses.copy()
    q1_aware.loc[q1_aware["wave"] == "2025-Q1", "stage"] = "awareness"
    ex2 = ScoreExplorer(q1_aware, by="stage")
    ex2.controls["stage"].value = "advocacy"
    ex2.controls["wave"].value = "2025-Q1"  # nobody: a message, not an exception
    assert ex2.result.empty and "no respondents match" in ex2.message
    ex2.controls["wave"].value = ALL
    assert int(ex2.result["n"].sum()) == int((q1_aware["stage"] == "advocacy").sum())


def test_progression_explorer_matches_lifelines(durations) -> None:
    from lifelines import KaplanMeierFitter

    ex = ProgressionExplorer(durations, group="segment")
    assert ex.controls["stage"].value == "awareness"
    first = ex.result
    assert set(first["segment"]) == set(durations["segment"])  # one curve per segment
    ex.controls["stage"].value = "decision"
    ex.controls["segment"].value = "premium"
    rows = durations[(durations["from_stage"] == "decision") & (durations["segment"] == "premium")]
    got = ex.result
    assert int(got["n"].iloc[0]) == len(rows)
    kmf = KaplanMeierFitter().fit(rows["duration"], rows["event"] == 1, entry=rows["entry"])
    times = got["time"].to_numpy()[1::7]
    ref = kmf.survival_function_at_times(times).to_numpy()
    np.testing.assert_allclose(got["estimate"].to_numpy()[1::7], ref, atol=1e-10)
    # the entry period: only customers who entered the step in that month
    months = ex.controls["period"].options
    ex.controls["period"].value = (months[2], months[2])
    month = pd.to_datetime(rows["origin"]).dt.to_period("M").astype(str)
    assert int(ex.result["n"].iloc[0]) == int((month == months[2]).sum())


def test_explorer_tables_read_like_the_report(responses, durations) -> None:
    ex = ScoreExplorer(responses, by="stage", language="bg")
    with pytest.warns(SmallSampleWarning, match="2 of 6 groups have fewer than 30"):
        ex.controls["segment"].value = "value"  # two stages with small bases
    page = ex.table()
    assert "<th>Етап</th>" in page and "<th>Оценка</th>" in page and "<th>Малка база</th>" in page
    assert "small_base" not in page and ">True<" not in page and ">False<" not in page
    small = int(ex.result["small_base"].sum())
    assert 0 < small < len(ex.result)
    assert page.count("<td>да</td>") == small
    assert page.count("<td>не</td>") == len(ex.result) - small
    assert "<tbody>\n    <tr>\n      <th>" not in page  # no index column
    km = ProgressionExplorer(durations, group="segment", language="it")
    page = km.table()  # thousands of curve steps: the first rows and how many more
    assert "<th>Stima</th>" in page and page.count("<tr") == TABLE_ROWS + 1
    assert page.endswith(f'<p class="cjr-caption">altre {len(km.result) - TABLE_ROWS} righe</p>')
    with pytest.raises(ValueError, match="language 'de' is not supported"):
        ScoreExplorer(responses, language="de")
