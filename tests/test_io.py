"""Tests of cjresearch.inputs.tables.read_table: formats, line numbers, bad files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyreadstat
import pytest

from cjresearch.core.errors import DataValidationError
from cjresearch.inputs.tables import file_rows, read_table

DATA = Path(__file__).resolve().parent / "data" / "io"


def write(path: Path, text: str, *, bom: bool = False) -> Path:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


# --- CSV -----------------------------------------------------------------------------


@pytest.mark.parametrize("delim", [",", ";", "\t"])
@pytest.mark.parametrize("bom", [False, True])
def test_csv_delimiters_and_bom(tmp_path, delim, bom):
    text = delim.join(["id", "name", "score"]) + "\n"
    text += delim.join(["007", '"Smith, Ann"' if delim == "," else "Smith, Ann", "3"]) + "\n"
    text += delim.join(["010", "Bo", "4.5"]) + "\n"
    df = read_table(write(tmp_path / "t.csv", text, bom=bom))
    assert list(df.columns) == ["id", "name", "score"]  # no BOM left in the first name
    assert df["id"].tolist() == ["007", "010"]  # leading zeros kept as text
    assert df["name"].tolist() == ["Smith, Ann", "Bo"]
    assert df["score"].tolist() == [3.0, 4.5]
    assert df.attrs["source"] == "t.csv"
    assert list(df.attrs["line_numbers"]) == [2, 3]


def test_csv_decimal_comma_with_semicolons(tmp_path):
    df = read_table(write(tmp_path / "eu.csv", "a;b;c\n1,5;2;x\n-0,25;3;y\n"))
    assert df["a"].tolist() == [1.5, -0.25]
    assert df["b"].tolist() == [2, 3]
    assert df["b"].dtype == np.int64


def test_excel_sep_hint_line(tmp_path):
    df = read_table(write(tmp_path / "s.csv", "sep=;\r\na;b\r\n1;x,y\r\n2;z\r\n"))
    assert list(df.columns) == ["a", "b"] and df["b"].tolist() == ["x,y", "z"]
    assert list(df.attrs["line_numbers"]) == [3, 4]


def test_csv_only_empty_cells_are_missing(tmp_path):
    df = read_table(write(tmp_path / "na.csv", "code,n\nNA,1\n,2\nNone,\n"))
    assert df["code"].tolist()[0] == "NA" and df["code"].tolist()[2] == "None"
    assert df["code"].isna().tolist() == [False, True, False]
    assert np.isnan(df["n"].iloc[2])


def test_csv_line_numbers_with_blank_lines_and_multiline_cells(tmp_path):
    text = 'id,comment\n1,ok\n\n2,"two\nlines"\n3,fine\n'
    df = read_table(write(tmp_path / "m.csv", text))
    assert df["comment"].tolist() == ["ok", "two\nlines", "fine"]
    assert list(df.attrs["line_numbers"]) == [2, 4, 6]
    # labels survive filtering: row label 2 is still file line 6
    assert file_rows(df[df["id"] > 1], [1, 2]) == [4, 6]


QUALTRICS = (
    "StartDate,ResponseId,Q1,Q2_1,Q3\n"
    '"Start Date","Response ID","How likely are you to recommend us?\nPlease choose",'
    '"Rate the website - Ease","Comments"\n'
    '"{""ImportId"":""startDate"",""timeZone"":""Europe/Bucharest""}",'
    '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2_1""}",'
    '"{""ImportId"":""QID3""}"\n'
    "2025-01-03 10:00:00,R_1,10,4,Great\n"
    "2025-01-03 11:00:00,R_2,3,2,\n"
    '2025-01-04 09:15:00,R_3,7,5,"Slow, but ok"\n'
)


def test_qualtrics_export_detected(tmp_path):
    df = read_table(write(tmp_path / "qualtrics.csv", QUALTRICS, bom=True))
    assert df.attrs["format"] == "survey-export"
    assert df["ResponseId"].tolist() == ["R_1", "R_2", "R_3"]
    assert df["Q1"].tolist() == [10, 3, 7]
    assert df["Q1"].dtype == np.int64  # re-typed once the text rows are gone
    assert df["Q2_1"].tolist() == [4, 2, 5]
    assert df.attrs["question_text"]["Q1"] == "How likely are you to recommend us?\nPlease choose"
    assert df.attrs["question_text"]["Q2_1"] == "Rate the website - Ease"
    # header line 1, question text lines 2-3 (a line break inside), ImportId line 4
    assert list(df.attrs["line_numbers"]) == [5, 6, 7]


def test_plain_csv_is_not_taken_for_an_export(tmp_path):
    df = read_table(write(tmp_path / "p.csv", "a,b\n{x},1\n2,2\n"))
    assert df.attrs["format"] == "csv" and "question_text" not in df.attrs
    assert len(df) == 2


# --- Excel, Parquet ---------------------------------------------------------------------


def test_excel_sheets_blank_rows_and_row_numbers(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "readme"
    ws.append(["not the data"])
    ws2 = wb.create_sheet("responses")
    ws2.append(["respondent_id", "nps", "date"])
    ws2.append(["R1", 9, pd.Timestamp("2025-01-02").to_pydatetime()])
    ws2.append([None, None, None])
    ws2.append(["R2", "N/A", pd.Timestamp("2025-01-05").to_pydatetime()])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    df = read_table(path, sheet="responses")
    assert df["respondent_id"].tolist() == ["R1", "R2"]
    assert df["nps"].tolist() == [9, "N/A"]
    assert df["date"].tolist() == [pd.Timestamp("2025-01-02"), pd.Timestamp("2025-01-05")]
    assert list(df.attrs["line_numbers"]) == [2, 4]  # sheet rows, blank row 3 skipped
    assert read_table(path, sheet=1)["respondent_id"].tolist() == ["R1", "R2"]
    with pytest.raises(DataValidationError) as exc:
        read_table(path, sheet="Responses")
    msg = str(exc.value)
    assert "book.xlsx" in msg and "no sheet 'Responses'" in msg and "readme, responses" in msg


def test_excel_qualtrics_export(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ResponseId", "Q1"])
    ws.append(["Response ID", "How likely ...?"])
    ws.append(['{"ImportId":"_recordId"}', '{"ImportId":"QID1"}'])
    ws.append(["R_1", "10"])
    ws.append(["R_2", "8"])
    path = tmp_path / "q.xlsx"
    wb.save(path)
    df = read_table(path)
    assert df["Q1"].tolist() == [10, 8]
    assert df.attrs["question_text"] == {"ResponseId": "Response ID", "Q1": "How likely ...?"}
    assert list(df.attrs["line_numbers"]) == [4, 5]


def test_parquet_round_trip(tmp_path):
    src = pd.DataFrame({"customer_id": ["C1", "C2"], "value": [1.5, np.nan]})
    src.to_parquet(tmp_path / "c.parquet")
    df = read_table(tmp_path / "c.parquet")
    pd.testing.assert_frame_equal(df, src)
    assert list(df.attrs["line_numbers"]) == [1, 2]


# --- SPSS -------------------------------------------------------------------------------


def test_spss_value_labels_become_ordered_categoricals_in_code_order():
    df = read_table(DATA / "sample.sav")
    raw, meta = pyreadstat.read_sav(str(DATA / "sample.sav"))
    for col, labels in meta.variable_value_labels.items():
        assert isinstance(df[col].dtype, pd.CategoricalDtype)
        assert df[col].cat.ordered
        assert list(df[col].cat.categories) == [labels[k] for k in sorted(labels)]
        assert df[col].astype(object).tolist() == [labels[v] for v in raw[col]]
    assert list(df["myord"].cat.categories) == ["low", "medium", "high"]
    assert df.attrs["variable_labels"] == meta.column_names_to_labels
    assert df.attrs["value_labels"]["myord"] == {1.0: "low", 2.0: "medium", 3.0: "high"}
    assert df["mynum"].tolist() == raw["mynum"].tolist()
    assert list(df.attrs["line_numbers"]) == [1, 2, 3, 4, 5]


def test_spss_partly_labelled_variable_keeps_its_codes():
    df = read_table(DATA / "simple_alltypes.sav")
    raw, meta = pyreadstat.read_sav(str(DATA / "simple_alltypes.sav"))
    # x has labels for 1, 2, 3 but also holds 4 and 9: codes kept, labels in attrs
    assert df["x"].dtype == np.float64
    pd.testing.assert_series_equal(df["x"], raw["x"])
    assert df.attrs["value_labels"]["x"] == meta.variable_value_labels["x"]
    assert meta.variable_value_labels["x"] == {1.0: "red", 2.0: "green", 3.0: "blue"}
    # string-coded labels a-d: every value labelled -> ordered categorical
    assert list(df["ca_subvar_1"].cat.categories) == ["a", "b", "c", "d"]
    assert df["y"].dtype == "datetime64[ns]"
    assert df["y"].iloc[0] == pd.Timestamp("2000-01-01")


# --- bad files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, problem",
    [
        ("", "the file is empty (no header, no rows)"),
        ("\n \n", "the file is empty (no header, no rows)"),
        ("a,b\n", "the file has a header but no data rows"),
        ("\ufeffa;b\r\n\r\n", "the file has a header but no data rows"),
    ],
)
def test_empty_files_are_clear_errors(tmp_path, text, problem):
    with pytest.raises(DataValidationError) as exc:
        read_table(write(tmp_path / "e.csv", text))
    assert exc.value.source == "e.csv"
    assert exc.value.problem == problem
    assert exc.value.fix


def test_empty_excel_and_header_only_parquet(tmp_path):
    openpyxl.Workbook().save(tmp_path / "x.xlsx")
    with pytest.raises(DataValidationError, match=r"x.xlsx: the sheet is empty.*Fix"):
        read_table(tmp_path / "x.xlsx")
    pd.DataFrame({"a": pd.Series([], dtype=float)}).to_parquet(tmp_path / "e.parquet")
    with pytest.raises(DataValidationError, match=r"e.parquet: the file has a header but no"):
        read_table(tmp_path / "e.parquet")


def test_not_utf8_names_line(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("id,city\n1,Iasi\n2,K\u00f6ln\n".encode("latin-1"))
    with pytest.raises(DataValidationError) as exc:
        read_table(path)
    msg = str(exc.value)
    assert "latin.csv" in msg and "not UTF-8" in msg and "line 3" in msg
    assert "CSV UTF-8" in exc.value.fix


def test_duplicate_header_names(tmp_path):
    with pytest.raises(DataValidationError) as exc:
        read_table(write(tmp_path / "d.csv", "id,nps,nps\n1,2,3\n"))
    assert "d.csv" in str(exc.value)
    assert "'nps' (columns 2, 3)" in exc.value.problem
    assert exc.value.fix


def test_row_with_too_many_fields_names_its_line(tmp_path):
    with pytest.raises(DataValidationError) as exc:
        read_table(write(tmp_path / "f.csv", "id,name\n1,Ann\n2,Smith, Bob\n"))
    assert exc.value.rows == [3]
    assert "f.csv" in str(exc.value) and "quote" in exc.value.fix


def test_missing_and_unsupported_files(tmp_path):
    with pytest.raises(DataValidationError, match="file not found"):
        read_table(tmp_path / "nope.csv")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf")
    with pytest.raises(DataValidationError, match=r"old.xls: unsupported .*save it as .xlsx"):
        read_table(tmp_path / "old.xls")
    (tmp_path / "broken.sav").write_bytes(b"not spss")
    with pytest.raises(DataValidationError, match=r"broken.sav: cannot be read as an SPSS"):
        read_table(tmp_path / "broken.sav")


def test_source_overrides_name(tmp_path):
    df = read_table(write(tmp_path / "x.csv", "a\n1\n"), source="crm extract")
    assert df.attrs["source"] == "crm extract"


# --- columns= and ids -----------------------------------------------------------------


def test_read_table_renames_with_columns(tmp_path):
    p = write(tmp_path / "crm.csv", "Client ID,Segment\n00101,a\n102,b\n")
    df = read_table(p, columns={"Client ID": "customer_id"})
    assert list(df.columns) == ["customer_id", "Segment"]
    assert df["customer_id"].tolist() == ["00101", "102"]  # text, leading zeros kept
    assert df.attrs["source"] == "crm.csv" and file_rows(df, [1]) == [3]
    with pytest.raises(DataValidationError) as err:
        read_table(p, columns={"ClientID": "customer_id"})
    msg = str(err.value)
    assert msg.startswith("crm.csv") and "'ClientID'" in msg and "close matches: 'Client ID'" in msg


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_read_table_gives_id_columns_as_engine_text(tmp_path, suffix):
    frame = pd.DataFrame({"customer_id": [101.0, np.nan, 7.0], "x": [1, 2, 3]})
    p = tmp_path / f"c{suffix}"
    if suffix == ".csv":
        write(p, "customer_id,x\n101.0,1\n,2\n 7 ,3\n")
    elif suffix == ".parquet":
        frame.to_parquet(p)
    else:
        frame.to_excel(p, index=False)
    ids = read_table(p)["customer_id"].tolist()
    assert ids == ["101", None, "7"]


def test_read_table_refuses_two_forms_of_one_id(tmp_path):
    p = write(tmp_path / "c.csv", "respondent_id,x\n1,1\n2,2\n1.0,3\n")
    with pytest.raises(DataValidationError) as err:
        read_table(p)
    msg = str(err.value)
    assert "c.csv, column 'respondent_id'" in msg and "'1' / '1.0'" in msg and "rows 2, 4" in msg
    # a column that is not an id is read as numbers as before
    assert read_table(p, columns={"respondent_id": "code"})["code"].tolist() == [1.0, 2.0, 1.0]


# (text, whether the Arrow path takes it; else the record reader reads it)
_TRICKY_CSVS = [
    ("a,b\n1,x\n2,y\n", True),
    ("a,b\n1,x\n\n,\n \t, \n2,y", True),  # blank lines of several kinds
    ("a,b\n1,x\n  \n2,y", False),  # a line of spaces: one field only
    ("a,b\n1,x\n\n,,\n2,y", False),  # ",," is ragged: record reader
    ("a,b\r\n1,x\r\n2,y\r\n", True),  # Windows line ends
    ("a,b\r1,x\r2,y\r", False),  # old Mac line ends
    ('a,b\n1,"two\nlines"\n3,z\n', False),  # a cell with a line break
    ('a,b\n1,"x, with comma"\n2,"say ""hi"""\n', True),  # quoting
    ("a,b\n1\n2,y\n", False),  # a short row
    ("a,b\n1,x,\n2,y\n", False),  # a trailing empty field
    ("\n\na,b\n1,x\n", False),  # blank lines before the header
    ("id;score\n007;3,5\n008;4\n", True),  # decimal commas
    ("a,b\n 1 ,\u00a0x\u3000\n-2.5e3,y\n", True),  # Unicode spaces, exponent
    ("a,b\n\u0661\u0662,x\n", True),  # Arabic-Indic digits stay text
    ('id,q\nQID1,Q1\n{"ImportId":"QID1"},{"ImportId":"QID2"}\n7,8\n', True),  # Qualtrics
    ('a,b\n1,"unclosed\n2,y\n', False),
    ('a,b\n"abc"def,x\na"b,y\n', True),  # quotes inside a cell
    ("a\n1\n\n2\n", True),  # one column, a blank line
    ("a,b\n\n\n", True),  # a header and blank lines only
]


@pytest.mark.parametrize(("text", "fast_path"), _TRICKY_CSVS)
def test_fast_csv_path_reads_as_the_record_reader_does(text, fast_path):
    """The Arrow path gives the record reader's frame and line numbers, or steps aside."""
    from cjresearch.inputs import csvfiles as cio

    delim = ";" if text.startswith("id;") else ","
    fast = cio._fast_csv(text, delim, 0, "t.csv", text_columns=["id"])
    assert (fast is not None) == fast_path
    try:
        records = cio._records(text, delim)
        slow = cio.frame_from_records(
            [h.strip() for h in records[0][1]],
            records[1:],
            "t.csv",
            decimal_comma=delim == ";",
            text_columns=["id"],
        )
    except DataValidationError:
        assert not fast_path
        return
    if fast is not None:
        pd.testing.assert_frame_equal(fast, slow)
        assert list(fast.attrs["line_numbers"]) == list(slow.attrs["line_numbers"])
        assert fast.attrs.get("question_text") == slow.attrs.get("question_text")


def test_large_csv_rows_and_ids(tmp_path):
    """A 200,000-row file (the Arrow path) keeps file line numbers past blank lines."""
    n = 200_000
    body = "\n".join(f"{i:07d},{i % 5}" for i in range(n))
    p = tmp_path / "big.csv"
    p.write_text(
        "customer_id,score\n" + body.replace("0000010,0", "\n0000010,0") + "\n", encoding="utf-8"
    )
    df = read_table(p)
    assert len(df) == n and df["customer_id"].iloc[10] == "0000010"
    assert df["score"].dtype == np.int64
    assert file_rows(df, [9, 10, 11]) == [11, 13, 14]


@pytest.mark.bad_input
def test_an_error_quotes_a_huge_field_shortened(tmp_path):
    """A 200 kB cell used to be quoted in full in the message."""
    from cjresearch.inputs.surveys import read_survey

    huge = "9" * 100 + "x" * 200_000
    path = tmp_path / "survey.csv"
    path.write_text(f"respondent_id,nps\nr1,7\nr2,{huge}\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        read_survey(path)
    message = str(err.value)
    assert len(message) < 1000, len(message)
    assert "survey.csv" in message and "200,100 characters" in message


@pytest.mark.bad_input
def test_points_group_thousands_in_a_file_with_decimal_commas(tmp_path):
    """In a ';' file that writes 3,5, '1.234' is 1234 (was read as 1.234)."""
    from cjresearch.inputs.tables import read_table

    body = "id;price;units;total\na;3,5;1.234;1.234,5\nb;2;12;7\nc;10,25;12.500;2.000.000\n"
    multi = body.replace("c;", '"c\nx";', 1)  # a line break in a cell: the record reader
    for text in (body, multi):
        path = tmp_path / "orders.csv"
        path.write_text(text, encoding="utf-8")
        df = read_table(path)
        assert df["price"].tolist() == [3.5, 2.0, 10.25]
        assert df["units"].tolist() == [1234.0, 12.0, 12500.0]
        assert df["total"].tolist() == [1234.5, 7.0, 2_000_000.0]
    # no decimal comma anywhere: nothing says the point groups thousands
    path.write_text("id;units\na;1.234\nb;2\n", encoding="utf-8")
    assert read_table(path)["units"].tolist() == [1.234, 2.0]
    # a point that is not a thousands group (1.5) keeps its meaning
    path.write_text("id;price;units\na;3,5;1.5\nb;2;2\n", encoding="utf-8")
    assert read_table(path)["units"].tolist() == [1.5, 2.0]
