"""Tests of cjresearch.inputs.schema: column mapping, ids, weights, timestamps, the report."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError
from cjresearch.inputs.schema import (
    ValidationReport,
    check_ids,
    check_weights,
    map_columns,
    parse_timestamps,
    validation_report,
)


def with_lines(values, start=2, **kw) -> pd.Series:
    """A series as read from a file whose first data row is on line ``start``."""
    s = pd.Series(values, **kw)
    s.attrs["line_numbers"] = range(start, start + len(s))
    return s


# --- column mapping ---------------------------------------------------------------------


def test_map_columns_renames_and_keeps_attrs():
    df = pd.DataFrame({"Client ID": ["a"], "Q1": [3]})
    df.attrs = {"source": "crm.csv", "question_text": {"Q1": "How likely?"}}
    out = map_columns(df, {"Client ID": "customer_id", "Q1": "nps"}, required=["customer_id"])
    assert list(out.columns) == ["customer_id", "nps"]
    assert out.attrs["source"] == "crm.csv"
    assert out.attrs["question_text"] == {"nps": "How likely?"}
    assert list(df.columns) == ["Client ID", "Q1"]  # input untouched


def test_missing_required_column_lists_found_and_suggests_mapping():
    df = pd.DataFrame({"ResponseId": ["R1"], "Q1": [3], "StartDate": ["x"]})
    df.attrs["source"] = "qualtrics.csv"
    with pytest.raises(DataValidationError) as exc:
        map_columns(df, required=["respondent_id"])
    err = exc.value
    assert err.source == "qualtrics.csv" and err.column == "respondent_id"
    assert "columns found: 'ResponseId', 'Q1', 'StartDate'" in err.problem
    assert "close matches: 'ResponseId'" in err.problem
    assert err.fix == "name it with columns={'ResponseId': 'respondent_id'}"


def test_missing_required_column_without_close_match_still_shows_the_fix():
    df = pd.DataFrame({"foo": [1]})
    with pytest.raises(DataValidationError) as exc:
        map_columns(df, required=["customer_id"], source="x.csv")
    assert "close matches" not in exc.value.problem
    assert exc.value.fix == "name it with columns={'<column in your file>': 'customer_id'}"


def test_mapping_names_an_unknown_column():
    df = pd.DataFrame({"Client ID": ["a"]})
    with pytest.raises(DataValidationError) as exc:
        map_columns(df, {"Client Id": "customer_id"}, source="crm.csv")
    assert "columns= names 'Client Id'" in exc.value.problem
    assert "close matches: 'Client ID'" in exc.value.problem
    assert "crm.csv" in str(exc.value) and exc.value.fix


def test_mapping_that_would_duplicate_a_column():
    df = pd.DataFrame({"id": ["a"], "customer_id": ["b"]})
    with pytest.raises(DataValidationError, match="already has"):
        map_columns(df, {"id": "customer_id"}, source="crm.csv")
    with pytest.raises(DataValidationError, match="maps several columns to 'weight'"):
        map_columns(pd.DataFrame({"a": [1], "b": [2]}), {"a": "weight", "b": "weight"})


# --- ids and weights --------------------------------------------------------------------


def test_duplicate_ids_named_with_their_file_rows():
    s = with_lines(["C1", "C2", "C1", "C3", "C2", "C1"], name="customer_id")
    with pytest.raises(DataValidationError) as exc:
        check_ids(s, source="customers.csv", column="customer_id")
    err = exc.value
    assert "2 ids appear more than once" in err.problem
    assert "'C1' on rows 2, 4, 7" in err.problem and "'C2' on rows 3, 6" in err.problem
    assert err.rows == [2, 3, 4, 6, 7]
    assert "customers.csv, column 'customer_id'" in str(err) and "remove duplicates" in err.fix


def test_missing_ids_and_numeric_ids():
    with pytest.raises(DataValidationError) as exc:
        check_ids(with_lines(["a", None, " "]), source="s.csv", column="respondent_id")
    assert exc.value.rows == [3, 4] and "2 row(s) have no id" in exc.value.problem
    assert check_ids(
        pd.Series([1.0, 20.0, np.nan]), source="s", column="c", unique=False, allow_missing=True
    ).tolist() == ["1", "20", None]


@pytest.mark.parametrize(
    "values, problem, rows",
    [
        ([1.0, "x", 2.0, "1,5"], "2 weights are not numbers: 'x', '1,5'", [3, 5]),
        ([1.0, None, 2.0], "1 weight is missing", [3]),
        ([1.0, np.inf, 2.0], "1 weight is infinite", [3]),
        ([1.0, 0.0, -1.0], "2 weights are zero or negative", [3, 4]),
    ],
)
def test_bad_weights(values, problem, rows):
    with pytest.raises(DataValidationError) as exc:
        check_weights(
            with_lines(values, dtype=object if "x" in values else None), source="survey.csv"
        )
    assert exc.value.problem == problem
    assert exc.value.rows == rows
    assert exc.value.column == "weight" and exc.value.source == "survey.csv"
    assert exc.value.fix


def test_weights_from_text():
    assert check_weights(pd.Series(["1.5", " 2 "]), source="s").tolist() == [1.5, 2.0]


# --- timestamps -------------------------------------------------------------------------


def test_iso_timestamps_naive_kept_as_is():
    s = pd.Series(["2025-01-03", "2025-01-03 10:00", "2025-01-03T10:00:05.250", None, ""])
    out = parse_timestamps(s, source="e.csv", column="timestamp")
    assert out.dtype == "datetime64[ns]"
    assert out.tolist()[:3] == [
        pd.Timestamp("2025-01-03"),
        pd.Timestamp("2025-01-03 10:00"),
        pd.Timestamp("2025-01-03 10:00:05.250"),
    ]
    assert out.isna().tolist() == [False, False, False, True, True]


def test_offsets_converted_to_utc():
    s = pd.Series(
        [
            "2025-01-03T10:00:00+02:00",
            "2025-01-03T10:00:00Z",
            "2025-01-03T10:00:00-05:30",
            "2025-03-30T03:30:00+0300",
        ]
    )
    out = parse_timestamps(s, source="e.csv", column="timestamp")
    assert out.tolist() == [
        pd.Timestamp("2025-01-03 08:00"),
        pd.Timestamp("2025-01-03 10:00"),
        pd.Timestamp("2025-01-03 15:30"),
        pd.Timestamp("2025-03-30 00:30"),
    ]


def test_mixed_time_zones_rejected_with_rows():
    s = with_lines(
        [
            "2025-01-03T10:00:00+02:00",
            "2025-01-03 10:00",
            "2025-01-04T10:00:00+02:00",
            "2025-01-05T10:00:00Z",
        ]
    )
    with pytest.raises(DataValidationError) as exc:
        parse_timestamps(s, source="events.csv", column="timestamp")
    err = exc.value
    assert err.source == "events.csv" and err.column == "timestamp"
    assert "3 values with an offset (rows 2, 4, 5) and 1 without (row 3)" in err.problem
    assert err.rows == [3]
    assert "UTC" in err.fix


def test_mixed_python_datetimes_rejected():
    s = pd.Series([dt.datetime(2025, 1, 1, tzinfo=dt.UTC), dt.datetime(2025, 1, 2)], dtype=object)
    with pytest.raises(DataValidationError, match="mixes time-zone offsets"):
        parse_timestamps(s, source="x.xlsx", column="observed_until")


def test_ambiguous_day_month_not_guessed():
    s = with_lines(["2025-01-03", "03/01/2025", "04/01/2025", "2025-01-05"])
    with pytest.raises(DataValidationError) as exc:
        parse_timestamps(s, source="customers.csv", column="observed_until")
    err = exc.value
    assert "2 values are not a date in ISO 8601 form" in err.problem
    assert "'03/01/2025'" in err.problem and "never guessed" in err.problem
    assert err.rows == [3, 4]
    assert "format=" in err.fix


def test_explicit_format():
    s = pd.Series(["03/01/2025 14:05", "28/02/2025 00:00"])
    out = parse_timestamps(s, source="c.csv", column="t", format="%d/%m/%Y %H:%M")
    assert out.tolist() == [pd.Timestamp("2025-01-03 14:05"), pd.Timestamp("2025-02-28")]
    with pytest.raises(DataValidationError) as exc:
        parse_timestamps(
            with_lines(["03/01/2025 14:05", "2025-01-03"]),
            source="c.csv",
            column="t",
            format="%d/%m/%Y %H:%M",
        )
    assert exc.value.rows == [3] and "format '%d/%m/%Y %H:%M'" in exc.value.problem
    off = parse_timestamps(
        pd.Series(["03/01/2025 14:05 +0100"]),
        source="c.csv",
        column="t",
        format="%d/%m/%Y %H:%M %z",
    )
    assert off.tolist() == [pd.Timestamp("2025-01-03 13:05")]


def test_impossible_dates_and_numbers():
    with pytest.raises(DataValidationError) as exc:
        parse_timestamps(with_lines(["2025-02-28", "2025-02-30"]), source="c.csv", column="t")
    assert exc.value.rows == [3] and "'2025-02-30'" in exc.value.problem
    with pytest.raises(DataValidationError, match="holds numbers, not dates"):
        parse_timestamps(pd.Series([45000, 45001]), source="c.csv", column="t")


def test_datetime_dtypes():
    aware = pd.Series(pd.to_datetime(["2025-01-03 10:00"]).tz_localize("Europe/Bucharest"))
    assert parse_timestamps(aware, source="p", column="t").tolist() == [
        pd.Timestamp("2025-01-03 08:00")
    ]
    naive = pd.Series(pd.to_datetime(["2025-01-03 10:00"]))
    assert parse_timestamps(naive, source="p", column="t").tolist() == [
        pd.Timestamp("2025-01-03 10:00")
    ]
    dates = pd.Series([dt.date(2025, 1, 3), None], dtype=object)
    out = parse_timestamps(dates, source="x.xlsx", column="t")
    assert out.iloc[0] == pd.Timestamp("2025-01-03") and pd.isna(out.iloc[1])


# --- report -----------------------------------------------------------------------------


def test_validation_report_frame_and_html():
    r = ValidationReport(source="s.csv", n_rows=5)
    r.add("nps", "set to missing", 2, "non-answers such as 'N/A'", rows=[3, 5])
    frame = r.to_frame()
    assert frame.to_dict("records") == [
        {
            "column": "nps",
            "action": "set to missing",
            "count": 2,
            "reason": "non-answers such as 'N/A'",
            "rows": "3, 5",
        }
    ]
    assert "&#x27;N/A&#x27;" in r._repr_html_() or "'N/A'" in r._repr_html_()
    df = pd.DataFrame({"a": [1]})
    df.attrs["validation"] = r
    assert validation_report(df) is r


@pytest.mark.bad_input
def test_absurd_weights_are_refused_and_extreme_ones_warned():
    """1e308 used to pass (a zero-width interval); weights spread over 1:10,000 were silent."""
    import warnings

    from cjresearch.core.errors import UnreliableEstimateWarning
    from cjresearch.inputs.schema import check_weights
    from cjresearch.survey.design import SurveyDesign

    with pytest.raises(DataValidationError, match=r"1 weight is above 1e\+10") as err:
        check_weights(pd.Series([1.0, 1e308, 2.0]), source="s.csv")
    assert err.value.rows == [1]
    with pytest.raises(DataValidationError, match="above 1e"):
        SurveyDesign(pd.DataFrame({"w": [1.0, 1e308]}), weights="w")
    with pytest.warns(UnreliableEstimateWarning, match="20,000 times the smallest"):
        check_weights(pd.Series([0.5, 1.0, 10_000.0]), source="s.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_weights(pd.Series([0.2, 1.0, 1500.0]), source="s.csv")  # expansion weights: fine
