"""Fuzzing the edge: random and mutated inputs give a result or a clear error, nothing else.

Property-based tests (hypothesis) feed the readers, the journey loader, the event
engine and the report configuration files and mappings built from valid ones
and then broken: truncated, bytes inserted or replaced, delimiters swapped,
quotes unbalanced, a huge field, mixed types, other encodings.  The only outcomes
allowed are a correct result or a :class:`DataValidationError` (its subclass
``JourneyDefinitionError`` included) -- never another exception (a raw pandas,
DuckDB, pyarrow or YAML traceback) and never a hang (each example has a
deadline).  Each test reports how many examples it tried (``-rA`` or the summary
line ``fuzzed examples``); ``FUZZ_EXAMPLES`` scales them (CI: the defaults) and
``FUZZ_RANDOM=1`` draws new examples instead of the fixed ones.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjresearch.core.errors import DataValidationError

SCALE = float(os.environ.get("FUZZ_EXAMPLES", "1"))
EXAMPLES = {"table": 600, "survey": 400, "journey": 600, "events": 120, "config": 1000}


def _examples(kind: str) -> int:
    return max(5, int(EXAMPLES[kind] * SCALE))


def _settings(kind: str) -> settings:
    return settings(
        max_examples=_examples(kind),
        deadline=5000,  # ms per example: a hang fails the test
        # the same examples on every run (CI is reproducible); FUZZ_RANDOM=1 explores
        derandomize=os.environ.get("FUZZ_RANDOM") != "1",
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )


def _count(request: pytest.FixtureRequest, kind: str) -> None:
    """Say once (per test) how many examples the test tries."""
    if not request.node.user_properties:
        request.node.user_properties.append(("fuzzed examples", _examples(kind)))


SURVEY_CSV = (
    "respondent_id,customer_id,wave,weight,nps,csat,comment\n"
    "r1,c1,2025-Q1,1.0,9,5,Great service\n"
    'r2,c2,2025-Q1,1.5,6,3,"Slow, but fine"\n'
    "r3,c3,2025-Q2,0.8,10,4,N/A\n"
    'r4,,2025-Q2,1.2,N/A,2,"He said ""no"""\n'
)
EVENTS_CSV = (
    "customer_id,timestamp,event\n"
    "a,2025-01-01 10:00:00,ad\n"
    "a,2025-01-02 11:00:00,view\n"
    "a,2025-01-03 12:00:00,order\n"
    "b,2025-01-01 09:00:00,ad\n"
    "b,2025-01-05 09:30:00,churn\n"
    "c,2025-01-02 08:00:00,view\n"
)
JOURNEY = {
    "name": "fuzz",
    "stages": [
        {"id": "aware", "events": ["ad"]},
        {"id": "consider", "events": ["view"]},
        {"id": "buy", "events": ["order"]},
    ],
    "exits": [{"id": "lost", "events": ["churn"]}],
}


@st.composite
def _mutated(draw: st.DrawFn, base: str) -> bytes:
    """``base`` broken in one to three ways."""
    data = base.encode("utf-8")
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(
            st.sampled_from(
                ["truncate", "insert", "replace", "delimiter", "quote", "huge", "encoding", "swap"]
            )
        )
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "truncate":
            data = data[:at]
        elif kind == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        elif kind == "replace":
            data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at + 4 :]
        elif kind == "delimiter":
            old, new = draw(st.sampled_from([(b",", b";"), (b",", b"\t"), (b"\n", b"\r")]))
            data = data.replace(old, new, draw(st.integers(1, 5)))
        elif kind == "quote":
            data = data[:at] + b'"' + data[at:]
        elif kind == "huge":
            data = data[:at] + b"x" * draw(st.integers(10_000, 300_000)) + data[at:]
        elif kind == "encoding":
            data = data.decode("utf-8", "replace").encode(
                draw(st.sampled_from(["latin-1", "utf-16"])), "replace"
            )
        else:  # two lines swapped (e.g. the header moves)
            lines = data.split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
    return data


def _only_clear_errors(call: Callable[[], Any]) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return call()
        except DataValidationError as err:
            assert str(err), "an error without a message"
            return None


@pytest.mark.slow
@_settings("table")
@given(data=_mutated(SURVEY_CSV))
def test_read_table_gives_a_frame_or_a_clear_error(
    tmp_path: Path, request: pytest.FixtureRequest, data: bytes
) -> None:
    from cjresearch.inputs.tables import read_table

    path = tmp_path / "export.csv"
    path.write_bytes(data)
    out = _only_clear_errors(lambda: read_table(path))
    assert out is None or isinstance(out, pd.DataFrame)
    _count(request, "table")


@pytest.mark.slow
@_settings("survey")
@given(data=_mutated(SURVEY_CSV))
def test_read_survey_gives_responses_or_a_clear_error(
    tmp_path: Path, request: pytest.FixtureRequest, data: bytes
) -> None:
    from cjresearch.inputs.surveys import read_survey

    path = tmp_path / "survey.csv"
    path.write_bytes(data)
    out = _only_clear_errors(lambda: read_survey(path))
    if out is not None:
        assert out["respondent_id"].is_unique
        assert out["respondent_id"].map(lambda v: isinstance(v, str) and v != "").all()
    _count(request, "survey")


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=True), st.text(max_size=12)
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def _journeys(draw: st.DrawFn) -> Any:
    """The valid journey with one to three keys or values replaced by random ones."""
    import copy

    j: Any = copy.deepcopy(JOURNEY)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(["top", "stage", "exit", "drop"]))
        if where == "top":
            j[
                draw(
                    st.sampled_from(
                        [
                            "name",
                            "stages",
                            "exits",
                            "preset",
                            "observation_end",
                            "ignore_events",
                            "unknown",
                        ]
                    )
                )
            ] = draw(_values)
        elif where == "stage" and isinstance(j.get("stages"), list) and j["stages"]:
            k = draw(st.integers(0, len(j["stages"]) - 1))
            if isinstance(j["stages"][k], dict):
                j["stages"][k][draw(st.sampled_from(["id", "events", "label", "touchpoints"]))] = (
                    draw(_values)
                )
        elif where == "exit" and isinstance(j.get("exits"), list) and j["exits"]:
            j["exits"][0] = draw(_values)
        elif where == "drop" and isinstance(j, dict) and j:
            j.pop(draw(st.sampled_from(sorted(j, key=str))))
    return j


@pytest.mark.slow
@_settings("journey")
@given(definition=_journeys())
def test_load_journey_gives_a_journey_or_a_clear_error(
    request: pytest.FixtureRequest, definition: Any
) -> None:
    from cjresearch.journey.definition import Journey, load_journey

    out = _only_clear_errors(lambda: load_journey(definition))
    assert out is None or (isinstance(out, Journey) and out.stage_ids)
    _count(request, "journey")


@pytest.mark.slow
@_settings("events")
@given(data=_mutated(EVENTS_CSV))
def test_the_engine_gives_a_timeline_or_a_clear_error(
    tmp_path: Path, request: pytest.FixtureRequest, data: bytes
) -> None:
    from cjresearch.engine.eventlog import EventLog

    path = tmp_path / "events.csv"
    path.write_bytes(data)

    def run() -> Any:
        log = EventLog(path, JOURNEY, unknown_events="exclude", late_events="exclude")
        return log.timeline().customers, log.funnel()

    out = _only_clear_errors(run)
    if out is not None:
        customers, funnel = out
        assert (funnel["n"].diff().dropna() <= 0).all()  # the funnel never grows
        assert len(customers) == funnel["base"].iloc[0]
    _count(request, "events")


@st.composite
def _configs(draw: st.DrawFn) -> Any:
    """A valid report configuration with keys replaced, dropped or misspelt."""
    cfg: dict[str, Any] = {
        "client": "Fuzz",
        "language": "pt",
        "time_unit": "days",
        "horizons": [7, 30],
        "data": {"events": {"path": "e.csv", "columns": {"who": "customer_id"}}, "survey": "s.csv"},
        "survey": {"measures": {"nps": {"kind": "nps"}}, "na_codes": [0]},
        "sections": ["overview", {"notebook": "progression", "parameters": {"n_boot": 10}}],
    }
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(sorted(cfg) + ["languag", "min_base", "funnel", "segments"]))
        if draw(st.booleans()):
            cfg[key] = draw(_values)
        elif key in cfg and key != "client":
            del cfg[key]
    return cfg


@pytest.mark.slow
@_settings("config")
@given(raw=_configs())
def test_the_configuration_is_valid_or_refused_by_name(
    request: pytest.FixtureRequest, raw: Any
) -> None:
    from cjresearch.report.config import ReportSpec, parse_spec

    try:
        out = parse_spec(raw, source="fuzz.yaml")
    except DataValidationError as err:
        assert str(err).startswith("fuzz.yaml")
        out = None
    assert out is None or isinstance(out, ReportSpec)
    _count(request, "config")
