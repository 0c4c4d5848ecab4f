"""The report configuration schema: errors that name the key, and the README in step."""

from __future__ import annotations

import re

import pytest

from cjresearch.core.errors import DataValidationError
from cjresearch.core.paths import PROJECT_DIR
from cjresearch.report.config import DEFAULT_SECTIONS, config_keys, parse_spec


def _readme_keys() -> list[str]:
    text = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    start = text.index("<!-- config-keys")
    table = text[start : text.index("\n\n", text.index("| key |", start))]
    return re.findall(r"^\| `([^`]+)` \|", table, re.MULTILINE)


def test_readme_documents_every_key_of_the_schema() -> None:
    documented = _readme_keys()
    assert len(documented) == len(set(documented))
    assert set(documented) == set(config_keys())


def test_the_smallest_configuration() -> None:
    spec = parse_spec({"client": "  Client  "})
    assert spec.client == "Client"
    assert spec.data.events is None and spec.data.survey is None
    assert spec.sections == list(DEFAULT_SECTIONS)
    assert spec.time_unit == "auto" and spec.funnel.definition == "reached"


def test_inputs_are_paths_or_mappings() -> None:
    spec = parse_spec(
        {
            "client": "c",
            "data": {
                "events": {
                    "path": "e.csv",
                    "columns": {"Order": "customer_id"},
                    "after_exit": "keep",
                },
                "survey": "s.csv",
            },
        }
    )
    assert spec.data.events.columns == {"Order": "customer_id"}
    assert spec.data.events.after_exit == "keep" and spec.data.events.duplicates == "collapse"
    assert spec.data.survey.path == "s.csv" and spec.data.survey.columns == {}


def test_the_older_place_of_the_journey_is_read() -> None:
    spec = parse_spec({"client": "c", "data": {"events": "e.csv", "journey": "j.yaml"}})
    assert spec.journey == "j.yaml"
    with pytest.raises(DataValidationError, match="journey is given twice"):
        parse_spec({"client": "c", "journey": "a.yaml", "data": {"journey": "j.yaml"}})


@pytest.mark.parametrize(
    "raw, match",
    [
        ({"clinet": "x"}, r"unknown key 'clinet'.*'clinet' -> 'client'"),
        ({"client": "x", "data": {"event": "e.csv"}}, r"unknown key 'event' in data.*'events'"),
        (
            {"client": "x", "data": {"events": {"path": "e", "colums": {}}}},
            r"unknown key 'colums' in data.events.*'columns'",
        ),
        (
            {"client": "x", "data": {"events": {"path": "e", "after_exit": "drop"}}},
            r"data.events.after_exit: 'drop' is not allowed.*Fix: use one of exclude, error, keep",
        ),
        (
            {"client": "x", "time_unit": "day"},
            (
                r"time_unit: 'day' is not allowed \(did you mean "
                r"'days'\?\)"
            ),
        ),
        (
            {"client": "x", "survey": {"measures": {"q": {"kind": "top-box"}}}},
            r"survey.measures.q.kind: 'top-box'.*'top_box'",
        ),
        ({"client": "x", "survey": {"mesures": {}}}, r"unknown key 'mesures' in survey"),
        ({"client": " "}, r"client: must not be empty"),
        ({"client": "x", "min_base": -1}, r"min_base"),
        ({"client": "x", "funnel": {"definition": "ordered"}}, r"funnel.definition"),
        ({"period": "2025"}, r"'client' is missing"),
        (["client"], r"must be a mapping"),
        ({"client": "x", "labels": {"a_b": {"fr": "x"}}}, r"labels of 'a_b'.*'fr'.*report lang"),
    ],
)
def test_errors_name_the_key_and_the_fix(raw: object, match: str) -> None:
    with pytest.raises(DataValidationError, match=match):
        parse_spec(raw, source="report.yaml")


@pytest.mark.bad_input
def test_an_empty_data_path_is_named_not_taken_for_the_folder():
    """`survey: ""` used to reach the reader as '.', 'is a folder, not a file', with no name."""
    with pytest.raises(DataValidationError, match=r"data\.survey\.path: the path is empty"):
        parse_spec({"client": "x", "data": {"survey": ""}}, source="r.yaml")
    with pytest.raises(DataValidationError, match=r"data\.events\.path: the path is empty"):
        parse_spec({"client": "x", "data": {"events": {"path": " "}}}, source="r.yaml")


@pytest.mark.bad_input
def test_the_reader_names_an_empty_path_and_a_folder(tmp_path):
    from cjresearch.inputs.tables import read_table

    with pytest.raises(DataValidationError, match="the path is empty"):
        read_table("")
    with pytest.raises(DataValidationError, match=f"'{tmp_path}' is a folder"):
        read_table(tmp_path)
