"""Tests of cjresearch.inputs.surveys: read_customers, read_survey, score parsing."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from cjresearch.core.errors import DataValidationError, RowsExcludedWarning
from cjresearch.inputs.schema import validation_report
from cjresearch.inputs.surveys import parse_scores, read_customers, read_survey, score_scales
from cjresearch.journey.definition import load_journey


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- customers --------------------------------------------------------------------------

CUSTOMERS = (
    "Client ID,Segment,observed_until,weight,acquired_at,notes\n"
    "0101,smb,2025-06-30,1.0,2025-01-02,a\n"
    "0102,enterprise,,2.5,2025-01-03,b\n"
    "0103,smb,2025-06-30 12:00,0.5,2025-01-03,c\n"
    "0104,smb,2025-05-01,1,2025-01-04,d\n"
)


def test_read_customers_happy_path(tmp_path):
    df = read_customers(
        write(tmp_path / "crm.csv", CUSTOMERS),
        columns={"Client ID": "customer_id", "Segment": "segment"},
    )
    assert df["customer_id"].tolist() == ["0101", "0102", "0103", "0104"]
    assert df["observed_until"].tolist()[0] == pd.Timestamp("2025-06-30")
    assert pd.isna(df["observed_until"].iloc[1])
    assert df["observed_until"].iloc[2] == pd.Timestamp("2025-06-30 12:00")
    assert df["weight"].tolist() == [1.0, 2.5, 0.5, 1.0]
    assert isinstance(df["segment"].dtype, pd.CategoricalDtype)
    assert sorted(df["segment"].cat.categories) == ["enterprise", "smb"]
    assert df["acquired_at"].dtype == object  # dates kept as text, not categories
    assert df["notes"].dtype == object  # every value distinct: stays text
    assert validation_report(df).issues == []


def test_customers_duplicate_ids_name_ids_and_file_lines(tmp_path):
    text = "customer_id,segment\nC1,a\nC2,a\n\nC1,b\nC3,b\n"
    with pytest.raises(DataValidationError) as exc:
        read_customers(write(tmp_path / "customers.csv", text))
    err = exc.value
    assert err.source == "customers.csv" and err.column == "customer_id"
    assert "'C1' on rows 2, 5" in err.problem  # line 4 is blank
    assert err.rows == [2, 5]
    assert "duplicates" in err.fix


def test_customers_missing_id_column_suggests_mapping(tmp_path):
    with pytest.raises(DataValidationError) as exc:
        read_customers(write(tmp_path / "crm.csv", CUSTOMERS))
    assert "crm.csv, column 'customer_id': required column is missing" in str(exc.value)
    assert "'Client ID'" in exc.value.problem
    assert "columns={" in exc.value.fix


def test_customers_bad_weight_and_date_rows(tmp_path):
    bad_w = "customer_id,weight\nA,1\nB,0\nC,-2\n"
    with pytest.raises(DataValidationError) as exc:
        read_customers(write(tmp_path / "w.csv", bad_w))
    assert exc.value.rows == [3, 4] and exc.value.column == "weight"
    assert "w.csv" in str(exc.value)
    bad_d = "customer_id,observed_until\nA,2025-06-30\nB,30/06/2025\n"
    with pytest.raises(DataValidationError) as exc:
        read_customers(write(tmp_path / "d.csv", bad_d))
    assert exc.value.rows == [3] and exc.value.column == "observed_until"
    assert "format=" in exc.value.fix
    ok = read_customers(
        write(tmp_path / "d2.csv", bad_d.replace("2025-06-30", "30/06/2025")),
        date_format="%d/%m/%Y",
    )
    assert ok["observed_until"].tolist() == [pd.Timestamp("2025-06-30")] * 2


# --- score parsing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("7", 7.0),
        (" 7 ", 7.0),
        ("7.0", 7.0),
        ("10 - Extremely likely", 10.0),
        ("0 = Not at all likely", 0.0),
        ("Extremely likely (10)", 10.0),
        ("1. Very dissatisfied", 1.0),
        ("5 Very satisfied", 5.0),
        ("Very likely - 9", 9.0),
        ("10 \u2013 Extremely likely", 10.0),
        ("4,0", 4.0),
    ],
)
def test_score_texts_parsed(text, expected):
    out = parse_scores(pd.Series([text]), source="s", column="nps", scale=(0, 10))
    assert out.iloc[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "N/A",
        "Don't know",
        "Don\u2019t know",
        "prefer not to say",
        "99 - Don't know",
        "Not applicable (98)",
    ],
)
def test_non_answers_become_missing_and_are_counted(text):
    s = pd.Series(["5", text, "3"])
    s.attrs["line_numbers"] = range(4, 7)
    with pytest.warns(RowsExcludedWarning) as rec:
        out = parse_scores(s, source="survey.csv", column="csat", scale=(1, 5))
    assert out.iloc[0] == 5.0 and np.isnan(out.iloc[1]) and out.iloc[2] == 3.0
    msg = str(rec[0].message)
    assert "survey.csv, column 'csat': 1 value(s) set to missing" in msg and "row 5" in msg


@pytest.mark.parametrize("text", ["1-2 times", "Very good", "0 to 10", "5 stars or 4"])
def test_unreadable_score_texts_are_errors(text):
    s = pd.Series(["5", text])
    s.attrs["line_numbers"] = (2, 9)
    with pytest.raises(DataValidationError) as exc:
        parse_scores(s, source="survey.csv", column="csat", scale=(1, 10))
    assert exc.value.rows == [9] and repr(text) in exc.value.problem
    assert "missing_values=" in exc.value.fix


def test_missing_values_option():
    with pytest.warns(RowsExcludedWarning):
        out = parse_scores(
            pd.Series(["Keine Angabe", "3"]),
            source="s",
            column="ces",
            scale=(1, 7),
            missing_values=["keine angabe"],
        )
    assert np.isnan(out.iloc[0]) and out.iloc[1] == 3.0


def test_scales_default_and_override():
    names = ["nps", "csat", "ces", "overall_sat", "rating_price", "trust_2", "comment", "effort"]
    assert score_scales(names) == {
        "nps": (0, 10),
        "csat": (1, 5),
        "ces": (1, 7),
        "overall_sat": (1, 10),
        "rating_price": (1, 5),
        "trust_2": (1, 5),
    }
    assert score_scales(names, {"csat": (1, 7), "effort": (1, 5)})["csat"] == (1, 7)


# --- survey -----------------------------------------------------------------------------

QUALTRICS = (
    "StartDate,ResponseId,Stage,Q_NPS,Q_CSAT,Q_CES,rating_price,Comment\n"
    '"Start Date","Response ID","Which stage?","How likely are you to recommend us?",'
    '"How satisfied?","How easy?","Price","Anything else?"\n'
    '"{""ImportId"":""startDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID9""}",'
    '"{""ImportId"":""QID1""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3""}",'
    '"{""ImportId"":""QID4_1""}","{""ImportId"":""QID5_TEXT""}"\n'
    "2025-01-03 10:00:00,R_a,purchase,10 - Extremely likely,5,3,4,Great\n"
    "2025-01-03 11:00:00,R_b,awareness,0 - Not at all likely,2,N/A,2,\n"
    '2025-01-04 09:15:00,R_c,purchase,7,4,"Don\'t know",5,"Slow, but ok"\n'
    "2025-01-04 09:20:00,R_d,loyalty,Extremely likely (10),3,7,,\n"
)
COLS = {
    "ResponseId": "respondent_id",
    "Stage": "stage",
    "Q_NPS": "nps",
    "Q_CSAT": "csat",
    "Q_CES": "ces",
    "StartDate": "date",
}


def test_read_survey_qualtrics_export(tmp_path):
    path = write(tmp_path / "qualtrics.csv", QUALTRICS)
    with pytest.warns(RowsExcludedWarning, match=r"'ces': 2 value\(s\) set to missing"):
        df = read_survey(path, columns=COLS, journey="classic6")
    assert df["respondent_id"].tolist() == ["R_a", "R_b", "R_c", "R_d"]
    assert df["nps"].tolist() == [10.0, 0.0, 7.0, 10.0]
    assert df["csat"].tolist() == [5.0, 2.0, 4.0, 3.0]
    assert df["ces"].tolist()[0] == 3.0 and df["ces"].tolist()[3] == 7.0
    assert df["ces"].isna().tolist() == [False, True, True, False]
    assert df["rating_price"].tolist()[:3] == [4.0, 2.0, 5.0]
    assert df["date"].iloc[0] == pd.Timestamp("2025-01-03 10:00")
    assert df["stage"].cat.ordered
    assert list(df["stage"].cat.categories) == list(load_journey("classic6").stage_ids)
    assert df["stage"].tolist() == ["purchase", "awareness", "purchase", "loyalty"]
    assert df.attrs["question_text"]["nps"] == "How likely are you to recommend us?"
    report = validation_report(df).to_frame()
    ces = report[report["column"] == "ces"].iloc[0]
    assert (ces["action"], ces["count"], ces["rows"]) == ("set to missing", 2, "5, 6")
    price = report[report["column"] == "rating_price"].iloc[0]
    assert (price["action"], price["count"], price["rows"]) == ("missing in file", 1, "7")


def test_survey_scores_out_of_range_name_file_rows_and_fix(tmp_path):
    text = "respondent_id,nps\nR1,10\nR2,11\nR3,-1\nR4,5\n"
    with pytest.raises(DataValidationError) as exc:
        read_survey(write(tmp_path / "survey.csv", text))
    err = exc.value
    assert err.source == "survey.csv" and err.column == "nps"
    assert err.problem == "2 values are outside the scale 0-10: 11, -1"
    assert err.rows == [3, 4]
    assert "scales={'nps': (lo, hi)}" in err.fix
    ok = read_survey(write(tmp_path / "survey.csv", text), scales={"nps": (-1, 11)})
    assert ok["nps"].tolist() == [10.0, 11.0, -1.0, 5.0]


def test_survey_unknown_stage(tmp_path):
    text = "respondent_id,stage\nR1,purchase\nR2,Purchase\nR3,retention\nR4,\n"
    with pytest.raises(DataValidationError) as exc:
        read_survey(write(tmp_path / "survey.csv", text), journey="classic6")
    err = exc.value
    assert err.column == "stage" and err.rows == [3, 4]
    assert "'Purchase', 'retention'" in err.problem
    assert "allowed: awareness, consideration, decision, purchase, loyalty, advocacy" in err.problem
    assert "'Purchase' -> 'purchase'" in err.problem
    assert "journey" in err.fix


def test_survey_bad_text_score_and_weights(tmp_path):
    text = "respondent_id,csat,weight\nR1,4,1\nR2,Very good,1\nR3,5,0\n"
    with pytest.raises(DataValidationError) as exc:
        read_survey(write(tmp_path / "s.csv", text.replace(",0\n", ",1\n")))
    assert exc.value.column == "csat" and exc.value.rows == [3]
    assert "'Very good'" in exc.value.problem
    with pytest.raises(DataValidationError) as exc:
        read_survey(write(tmp_path / "s.csv", text.replace("Very good", "3")))
    assert exc.value.column == "weight" and exc.value.rows == [4]
    assert "zero or negative" in exc.value.problem
    missing_w = "respondent_id,weight\nR1,1\nR2,\n"
    with pytest.raises(
        DataValidationError,
        match=r"s.csv, column 'weight': 1 weight is "
        r"missing \(row 3\)",
    ):
        read_survey(write(tmp_path / "s.csv", missing_w))


def test_survey_duplicate_respondents_and_missing_column(tmp_path):
    with pytest.raises(DataValidationError) as exc:
        read_survey(write(tmp_path / "s.csv", "respondent_id,nps\nR1,1\nR1,2\n"))
    assert exc.value.rows == [2, 3] and exc.value.column == "respondent_id"
    with pytest.raises(DataValidationError) as exc:
        read_survey(write(tmp_path / "s.csv", "ResponseId,nps\nR1,1\n"))
    assert exc.value.fix == "name it with columns={'ResponseId': 'respondent_id'}"


def test_all_missing_score_column_warns():
    raw = pd.DataFrame({"respondent_id": ["a", "b"], "ces": [np.nan, np.nan], "nps": [1, 2]})
    with pytest.warns(RowsExcludedWarning, match="'ces'.*no answers"):
        df = read_survey(raw)
    assert df["ces"].isna().all() and df["nps"].tolist() == [1.0, 2.0]
    assert validation_report(df).issues[0].action == "missing (all rows)"


def test_survey_scales_argument_checked():
    raw = pd.DataFrame({"respondent_id": ["a"], "effort": [3]})
    with pytest.raises(DataValidationError, match="scales= names column 'efort'"):
        read_survey(raw, scales={"efort": (1, 5)})
    with pytest.raises(DataValidationError, match=r"scales= gives \(5, 1\)"):
        read_survey(raw, scales={"effort": (5, 1)})
    assert read_survey(raw, scales={"effort": (1, 5)})["effort"].tolist() == [3.0]


def test_clean_survey_gives_no_warning():
    raw = pd.DataFrame(
        {
            "respondent_id": [1, 2],
            "wave": ["2025-Q2", "2025-Q1"],
            "customer_id": ["C1", None],
            "touchpoint": ["web", "web"],
            "nps": [9, 10],
            "comment": ["x", "y"],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = read_survey(raw)
    assert df["respondent_id"].tolist() == ["1", "2"]
    assert list(df["wave"].cat.categories) == ["2025-Q1", "2025-Q2"] and df["wave"].cat.ordered
    assert df["customer_id"].tolist() == ["C1", None]
    assert df["touchpoint"].dtype == "category" and df["comment"].dtype == object


def test_waves_in_natural_order_and_import_from_io():
    import cjresearch.inputs.tables

    with pytest.warns(DeprecationWarning, match="cjresearch.inputs.surveys"):
        from_io = cjresearch.inputs.tables.read_survey

    raw = pd.DataFrame(
        {"respondent_id": ["a", "b", "c", "d"], "wave": ["Wave 10", "Wave 2", "Wave 1", None]}
    )
    df = from_io(raw)
    assert list(df["wave"].cat.categories) == ["Wave 1", "Wave 2", "Wave 10"]
    assert df["wave"].isna().tolist() == [False, False, False, True]


def test_survey_from_spss_labels_back_to_codes(tmp_path):
    """An SPSS file whose NPS values are all labelled: read_table makes them categorical,
    read_survey maps them back to the codes pyreadstat stores."""
    labels = {float(i): str(i) for i in range(11)}
    labels[0.0], labels[10.0] = "Not at all likely", "Extremely likely"
    labels[99.0] = "Don't know"
    raw = pd.DataFrame({"respondent_id": ["R1", "R2", "R3", "R4"], "nps": [10.0, 0.0, 99.0, 6.0]})
    path = tmp_path / "survey.sav"
    pyreadstat.write_sav(
        raw,
        str(path),
        variable_value_labels={"nps": labels},
        column_labels=["Respondent", "Likelihood to recommend"],
    )
    with pytest.warns(RowsExcludedWarning, match=r"'nps': 1 value\(s\) set to missing.*row 3"):
        df = read_survey(path)
    assert df["nps"].tolist()[:2] == [10.0, 0.0] and df["nps"].iloc[3] == 6.0
    assert np.isnan(df["nps"].iloc[2])
    assert df.attrs["variable_labels"]["nps"] == "Likelihood to recommend"


def test_committed_sample_matches_plain_pandas_reading():
    """The shipped sample reads without errors and with the same values as pandas.read_csv."""
    from cjresearch.core.paths import SAMPLE_DIR

    if not (SAMPLE_DIR / "survey.csv").exists():
        pytest.skip("sample data not generated")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RowsExcludedWarning)
        s = read_survey(SAMPLE_DIR / "survey.csv", journey=SAMPLE_DIR / "journey.yaml")
        c = read_customers(SAMPLE_DIR / "customers.csv")
    ref = pd.read_csv(SAMPLE_DIR / "survey.csv", dtype={"respondent_id": str, "customer_id": str})
    assert s["respondent_id"].tolist() == ref["respondent_id"].tolist()
    for col in ["nps", "csat", "ces", "overall_sat", "rating_price", "trust_4", "weight"]:
        np.testing.assert_array_equal(s[col].to_numpy(), ref[col].to_numpy(dtype=float))
    assert s["stage"].astype(str).tolist() == ref["stage"].tolist()
    assert s["date"].tolist() == pd.to_datetime(ref["date"]).tolist()
    cref = pd.read_csv(SAMPLE_DIR / "customers.csv", dtype={"customer_id": str})
    assert c["customer_id"].tolist() == cref["customer_id"].tolist()
    assert c["segment"].astype(str).tolist() == cref["segment"].tolist()


def test_customer_ids_are_the_engine_text_and_blank_ids_are_refused(tmp_path):
    import pandas as pd
    import pytest

    from cjresearch.core.errors import DataValidationError
    from cjresearch.inputs.surveys import read_customers, read_survey

    p = tmp_path / "crm.csv"
    p.write_text("Client,segment\n00101,a\n102.0,b\n  ,c\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"1 row\(s\) have no id \(row 4\)"):
        read_customers(p, columns={"Client": "customer_id"})
    p.write_text("Client,segment\n00101,a\n102.0,b\n", encoding="utf-8")
    crm = read_customers(p, columns={"Client": "customer_id"})
    assert crm["customer_id"].tolist() == ["00101", "102"]
    s = read_survey(
        pd.DataFrame({"respondent_id": [1, 2, 3], "customer_id": [102.0, float("nan"), 101.0]})
    )
    assert s["customer_id"].tolist() == ["102", None, "101"]
    assert s["respondent_id"].tolist() == ["1", "2", "3"]
    p.write_text("respondent_id,customer_id\nR1,1\nR2,1.0\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"'1' / '1.0' \(rows 2, 3\)"):
        read_survey(p)


@pytest.mark.bad_input
def test_a_blank_score_is_reported_like_a_non_answer(tmp_path):
    """'N/A' was warned (and listed in the report), a blank cell only counted."""
    path = tmp_path / "answers.csv"
    path.write_text("respondent_id,nps\nr1,9\nr2,\nr3,N/A\nr4,7\n", encoding="utf-8")
    with pytest.warns(RowsExcludedWarning) as seen:
        read_survey(path)
    messages = [str(w.message) for w in seen]
    assert any(
        "1 value(s) set to missing (non-answers such as 'N/A'; row 4)" in m for m in messages
    )
    assert any("1 value(s) missing in file (empty cells; row 3)" in m for m in messages)


@pytest.mark.bad_input
@pytest.mark.parametrize("label", ["Total", "TOTAL", "Suma", "Общо", "Totale"])
def test_a_totals_row_at_the_end_of_an_export_is_left_out(tmp_path, label):
    """A trailing 'Total' row used to be read as a respondent (weight 4, its own scores)."""
    path = tmp_path / "export.csv"
    path.write_text(
        "respondent_id,weight,csat\nr1,1,4\nr2,1,5\nr3,2,3\n" + f"{label},4,12\n",
        encoding="utf-8",
    )
    with pytest.warns(RowsExcludedWarning, match=r"export.csv: 1 row\(s\) at the end .* \(row 5\)"):
        data = read_survey(path)
    assert data["respondent_id"].tolist() == ["r1", "r2", "r3"]
    assert data["weight"].sum() == 4
    # a respondent whose id happens to be 'Total' in the middle of the file stays
    path.write_text("respondent_id,csat\nr1,4\nTotal,5\nr3,3\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RowsExcludedWarning)
        assert len(read_survey(path)) == 3
