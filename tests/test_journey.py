"""Journey definitions: presets, labels, patterns and clear errors."""

from __future__ import annotations

import pandas as pd
import pytest

from cjresearch.core.errors import JourneyDefinitionError
from cjresearch.core.paths import SAMPLE_DIR
from cjresearch.journey.definition import LANGUAGES, list_presets, load_journey

PRESET_STAGES = {
    "classic6": ["awareness", "consideration", "decision", "purchase", "loyalty", "advocacy"],
    "research5": ["research", "offer", "conversion", "usage", "loyalty"],
    "retention5": ["awareness", "consideration", "purchase", "retention", "advocacy"],
    "compact4": ["awareness", "consideration", "decision", "loyalty"],
}


@pytest.mark.parametrize("name", sorted(PRESET_STAGES))
def test_presets_have_their_stages_and_every_label(name):
    j = load_journey(name)
    assert list(j.stage_ids) == PRESET_STAGES[name]
    assert set(LANGUAGES) <= set(j.languages)
    for state in [*j.stage_ids, *j.exit_ids]:
        for lang in LANGUAGES:
            assert j.label(state, lang) and j.label(state, lang) != state


def test_list_presets():
    assert list_presets() == sorted(PRESET_STAGES)


def test_labels_are_translated():
    j = load_journey("classic6")
    assert [j.label("purchase", lang) for lang in LANGUAGES] == [
        "Purchase",
        "Achiziție",
        "Покупка",
        "Zakup",
        "Compra",
        "Compra",  # pt-BR: the European Portuguese label
        "Acquisto",
    ]


def test_sample_definition():
    j = load_journey(SAMPLE_DIR / "journey.yaml")
    assert j.preset == "classic6" and j.observation_end is None
    assert j.stages[3].events == ("order_placed",)
    assert j.exit_ids == ("churned", "lost")
    assert j.source == "journey.yaml"


def test_patterns_and_roles():
    j = load_journey(
        {
            "stages": [
                {"id": "seen", "events": ["ad_*", "visit?"]},
                {"id": "bought", "events": ["order"], "touchpoints": ["[cd]heckout_error"]},
            ],
            "exits": [{"id": "gone", "events": ["close"]}],
            "ignore_events": ["debug_*"],
        }
    )
    roles = j.classify_events(
        ["ad_x", "visit1", "visit12", "checkout_error", "close", "debug_1", "order"]
    )
    table = roles.table.set_index("event")
    assert table.loc["ad_x", "state"] == "seen" and table.loc["visit1", "role"] == "stage"
    assert table.loc["checkout_error", "role"] == "touchpoint"
    assert table.loc["checkout_error", "stage_index"] == 1
    assert table.loc["close", "role"] == "exit"
    assert roles.unknown == ("visit12",) and roles.ignored == ("debug_1",)
    assert table["code"].tolist() == list(range(len(table)))


def test_observation_end_date_and_utc():
    j = load_journey(
        {"stages": [{"id": "a", "events": ["x"]}], "observation_end": "2025-06-30T12:00:00+02:00"}
    )
    assert j.observation_end == pd.Timestamp("2025-06-30 10:00")


def test_round_trip_through_to_dict():
    j = load_journey(SAMPLE_DIR / "journey.yaml")
    again = load_journey(j.to_dict())
    assert again.stages == j.stages and again.exits == j.exits


@pytest.mark.parametrize(
    "definition, message",
    [
        ({"stages": []}, "no stages defined"),
        (
            {"stages": [{"id": "Awareness", "events": ["x"]}]},
            "stage id 'Awareness' is not a valid id",
        ),
        ({"stages": [{"id": "a"}, {"id": "a"}]}, "stage id 'a' is used twice"),
        ({"stages": [{"id": "a"}], "exits": [{"id": "a"}]}, "exit id 'a' is used twice"),
        (
            {"stages": [{"id": "a", "evnets": ["x"]}]},
            "unknown key 'evnets' in stage 1.*did you mean 'events'",
        ),
        ({"stagse": [{"id": "a"}]}, "unknown key 'stagse'.*did you mean 'stages'"),
        ({"preset": "classic7"}, "unknown preset 'classic7'.*did you mean 'classic6'"),
        (
            {"preset": "compact4", "stages": [{"id": "awareness"}, {"id": "loyalty"}]},
            "do not follow preset 'compact4'",
        ),
        (
            {"languages": ["en", "ro"], "stages": [{"id": "a", "label": {"en": "A"}}]},
            "'a' has no label in ro",
        ),
        (
            {"stages": [{"id": "a", "events": "x"}], "observation_end": "soon"},
            "observation_end 'soon' is not a date",
        ),
        ({"stages": [{"id": "a", "events": [{"name": "x"}]}]}, "must be a list of event names"),
    ],
)
def test_invalid_definitions(definition, message):
    with pytest.raises(JourneyDefinitionError, match=message):
        load_journey(definition)


def test_ambiguous_patterns():
    j = load_journey(
        {"stages": [{"id": "a", "events": ["buy*"]}, {"id": "b", "events": ["buy_now"]}]}
    )
    with pytest.raises(
        JourneyDefinitionError,
        match="event 'buy_now' matches the patterns of stage 'a' and stage 'b'",
    ):
        j.classify_events(["buy_now"])


def test_yaml_errors_name_the_file_and_line(tmp_path):
    path = tmp_path / "client.yaml"
    path.write_text("name: x\nstages:\n  - id: a\n    events: [x\n")
    with pytest.raises(JourneyDefinitionError, match=r"client.yaml: not valid YAML at line \d"):
        load_journey(path)
    with pytest.raises(JourneyDefinitionError, match="missing.yaml: file not found"):
        load_journey(tmp_path / "missing.yaml")


def test_unknown_stage_label_lookup():
    j = load_journey("compact4")
    with pytest.raises(JourneyDefinitionError, match="unknown stage or exit 'decison'.*'decision'"):
        j.label("decison")
