"""Tables for readers (cjresearch.core.tables): labels, yes/no, escaping, no index."""

from __future__ import annotations

import pandas as pd
import pytest

from cjresearch.core.i18n import LANGUAGES, text
from cjresearch.core.tables import html_table, readable
from cjresearch.report.display import table


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "estimate": [0.25, 0.5, 0.75],
            "small_base": [True, False, True],
            "reached": pd.array([True, None, False], dtype="boolean"),
            "mixed": [True, "True", None],  # not a flag: left as it is
            "comment": ["<b>x</b>", "a & b", None],
        },
        index=[10, 11, 12],
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_flags_read_yes_no_in_every_language(language: str) -> None:
    yes, no = text("yes", language), text("no", language)
    assert yes != no and yes not in ("True", "False") and no not in ("True", "False")
    out = readable(_frame(), language=language)
    assert out.iloc[:, 1].tolist() == [yes, no, yes]
    assert out.iloc[:, 2].tolist()[0] == yes and pd.isna(out.iloc[1, 2]) and out.iloc[2, 2] == no
    assert out.iloc[:, 3].tolist()[:2] == [True, "True"]
    assert out.iloc[:, 0].tolist() == [0.25, 0.5, 0.75]  # numbers stay numbers


def test_headers_are_labels_and_the_index_is_not_shown() -> None:
    page = html_table(_frame(), language="pl", caption="<Wyniki>")
    assert "<th>Oszacowanie</th>" in page and "<th>Mała baza</th>" in page
    assert "<th>mixed</th>" in page  # a column without a label keeps its name
    assert ">10<" not in page and "<tbody>\n    <tr>\n      <th>" not in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "a &amp; b" in page and "<b>" not in page
    assert page.startswith('<p class="cjr-caption">&lt;Wyniki&gt;</p>')
    assert ">tak<" in page and ">nie<" in page and ">True<" in page  # only the mixed column


def test_without_a_language_the_report_table_is_unchanged() -> None:
    f = _frame()
    # with a float format the report writes the frame as it is (no localisation)
    assert table(f, float_format="{:,.3g}").data == html_table(f)
    assert "<th>small_base</th>" in html_table(f)  # the page translates headers later


@pytest.mark.parametrize("language", ["en", "pt-BR", "bg"])
def test_report_tables_read_object_flags_as_yes_no(language: str) -> None:
    """A column of True/False with gaps (object dtype after a merge) reads yes/no, not True."""
    from cjresearch.report.tabletext import localize

    frame = pd.DataFrame(
        {"important": pd.Series([True, None, False], dtype=object), "mixed": [True, "x", None]}
    )
    out = localize(frame, language, headers=False)
    assert out["important"].iloc[0] == text("yes", language)
    assert out["important"].iloc[2] == text("no", language)
    assert "True" not in out["important"].astype(str).tolist()
    assert out["mixed"].iloc[1] == "x"  # not a flag column: left as it is


@pytest.mark.parametrize("language", ["en", "pl"])
def test_a_wide_report_table_shows_the_readers_columns_and_keeps_the_rest(language: str) -> None:
    """More than READER_COLUMNS columns: the page table has the estimate, its interval,
    base and adjusted p-value; the whole table is behind a translated "details"."""
    from bs4 import BeautifulSoup

    from cjresearch.report.tabletext import READER_COLUMNS, column_header

    extra = {f"x{i}": [float(i)] * 2 for i in range(READER_COLUMNS)}
    frame = pd.DataFrame(
        {
            "stage": ["a", "b"],
            **extra,
            "se": [0.1, 0.2],
            "estimate": [0.5, 0.6],
            "ci_low": [0.3, 0.4],
            "ci_high": [0.7, 0.8],
            "n": [40, 50],
            "p_value": [0.01, 0.2],
            "p_adjusted": [0.02, 0.4],
        }
    )
    soup = BeautifulSoup(table(frame, language=language).data, "html.parser")
    page, whole = soup.select("table")
    heads = [th.get_text() for th in page.select("thead th")]
    assert len(heads) == READER_COLUMNS
    for col in ["stage", "estimate", "ci_low", "ci_high", "n", "p_adjusted"]:
        assert column_header(col, language) in heads
    assert column_header("se", language) not in heads
    assert len(whole.select("thead th")) == frame.shape[1]
    assert whole.find_parent("details") is not None
    summary = soup.select_one("details > summary").get_text()
    assert summary == text("all_columns", language, n=frame.shape[1])
    # a narrow table, or one without a report language, is shown whole
    assert "<details" not in table(frame.iloc[:, :5], language=language).data
    assert "<details" not in table(frame).data


@pytest.mark.parametrize("language", LANGUAGES)
def test_redaction_placeholders_read_in_the_report_language(language: str) -> None:
    from cjresearch.report.tabletext import localize
    from cjresearch.survey.text import redact

    quote = redact("Call me on +40 731 577 756 or ana@x.ro, [phone] me")
    f = pd.DataFrame({"example": [quote], "theme": ["[phone]"]})
    out = localize(f, language).iloc[0].tolist()
    phone, email = text("redacted_phone", language), text("redacted_email", language)
    assert out[0] == f"Call me on [{phone}] or [{email}], [{phone}] me"
    assert out[1] == "[phone]"  # only the respondents' words hold placeholders
    if language != "en":
        assert "phone" not in phone and "email" not in email
