"""The theme classifier beside the word lists (survey.textmodel)."""

from __future__ import annotations

import pandas as pd
import pytest

from cjresearch.core.errors import DataValidationError, UnreliableEstimateWarning
from cjresearch.survey.text import find_themes
from cjresearch.survey.textmodel import THRESHOLD, ThemeModel, coded_comments, shipped_model
from cjresearch.survey.themecheck import coded_flags


def _coded(rows: list[tuple[str, str]], language: str = "en") -> pd.DataFrame:
    return pd.DataFrame(
        {"comment": [c for c, _ in rows], "themes": [t for _, t in rows], "language": language}
    )


def test_a_theme_defined_by_example_is_found_in_new_comments():
    objects = ["box", "parcel", "package", "packaging", "carton"]
    harms = ["torn", "crushed", "dented", "ripped", "smashed"]
    other = ["great shop", "prices are fine", "will order again", "nice colours", "ok overall"]
    rows = [(f"the {o} arrived {h}", "damaged_box") for o in objects for h in harms[:3]]
    rows += [(f"{t}, thanks", "") for t in other] * 3
    model = ThemeModel().fit(_coded(rows))
    new = _coded(
        [("my parcel came ripped", ""), ("the carton was smashed", ""), ("great shop", "")]
    )
    assert model.flags(new)["damaged_box"].tolist() == [True, True, False]
    assert model.summary.set_index("theme").loc["damaged_box", "n_coded"] == 15


def test_negated_words_are_other_features():
    """'~helpful' in "not helpful" is not 'helpful': the model learns the difference."""
    pos = ["the agent was helpful", "staff very helpful", "helpful team", "helpful and kind staff"]
    neg = ["the agent was not helpful", "staff not helpful", "nobody helpful", "not helpful at all"]
    rows = [(c, "helpful_staff") for c in pos] * 2 + [(c, "") for c in neg] * 2
    model = ThemeModel().fit(_coded(rows))
    p = model.probabilities(
        _coded([("the team was helpful", ""), ("the team was not helpful", "")])
    )
    assert p["helpful_staff"].iloc[0] > 0.5 > p["helpful_staff"].iloc[1]


def test_unknown_language_and_missing_comment_get_no_probability():
    model = shipped_model()
    df = pd.DataFrame(
        {"comment": ["Paket kam zu spät", None, "Parcel late"], "language": ["de", "en", "en"]}
    )
    p = model.probabilities(df)
    assert p.iloc[:2].isna().all().all() and p.iloc[2].notna().all()
    flags = model.flags(df)
    assert flags.iloc[:2].isna().all().all() and flags.iloc[2].notna().all()


def test_bad_coded_comments_are_named():
    with pytest.raises(DataValidationError, match="column 'themes': column not found"):
        ThemeModel().fit(pd.DataFrame({"comment": ["a"]}))
    few = _coded([("box torn", "damaged_box")] * 2 + [("fine", "")] * 5)
    with pytest.raises(DataValidationError, match="at least 5 comments"):
        ThemeModel().fit(few)
    with pytest.raises(DataValidationError, match="call fit"):
        ThemeModel().probabilities(few)


def test_find_themes_adds_the_model_to_the_lists():
    df = pd.DataFrame(
        {
            "comment": ["I am still waiting for my order, three weeks now"] * 2,
            "language": ["en", "en"],
        }
    )
    lists = find_themes(df, model=None)
    both = find_themes(df)
    assert lists.attrs["method"] == "lexicon" and both.attrs["method"] == "lexicon + model"
    # what the lists find stays found; the model only adds
    assert (both.fillna(False) | ~lists.fillna(False)).all().all()
    custom = find_themes(df, lexicon={"waiting": {"en": ["wait"]}})
    assert list(custom.columns) == ["waiting"]  # the shipped model's themes are not added
    rows = [(f"box {h} again", "damaged_box") for h in ["torn", "crushed", "dented"]] * 2
    rows += [("fine", ""), ("ok", ""), ("good", "")] * 2
    mine = ThemeModel().fit(_coded(rows))
    assert mine.languages_ == ["en"]
    own = find_themes(df, model=mine)
    assert "damaged_box" in own.columns and "late_delivery" in own.columns
    assert not own["damaged_box"].any()  # about waiting, not a box


def test_a_theme_defined_by_example():
    """The researcher's own theme: found where its examples' words are, not elsewhere;
    missing without a comment or in a language the model never saw (with a warning)."""
    rows = [(f"the box came {h}", "damaged_box") for h in ["torn", "crushed", "dented"]] * 2
    rows += [("fine", ""), ("ok thanks", ""), ("good shop", "")] * 2
    mine = ThemeModel().fit(_coded(rows))
    df = pd.DataFrame(
        {
            "comment": ["box arrived crushed", "great prices", None, "cutia a venit strivita"],
            "language": ["en", "en", "en", "ro"],
        },
        index=[7, 7, 8, 9],  # a repeated index is kept as it is
    )
    with pytest.warns(
        UnreliableEstimateWarning, match=r"not trained on languages \['ro'\] and cannot read"
    ):
        found = find_themes(df, model=mine)
    assert found.index.equals(df.index)
    assert found["damaged_box"].tolist() == [True, False, pd.NA, pd.NA]
    assert found["price_too_high"].iloc[1] is not pd.NA  # the lists still read every language


def test_bad_models_are_named():
    df = pd.DataFrame({"comment": ["late"], "language": ["en"]})
    with pytest.raises(DataValidationError, match="not a theme model"):
        find_themes(df, model="lists")  # type: ignore[arg-type]
    rows = _coded([("box torn", "damaged_box")] * 5 + [("fine", "")] * 5)
    with pytest.raises(DataValidationError, match="c must be positive"):
        ThemeModel(c=0).fit(rows)
    with pytest.raises(DataValidationError, match="threshold"):
        ThemeModel(threshold=2).fit(rows)
    with pytest.raises(DataValidationError, match="too few words"):
        ThemeModel().fit(_coded([("!!", "damaged_box")] * 5 + [("?", "")] * 5))
    with pytest.raises(DataValidationError, match="column 'lang': column not found"):
        ThemeModel().fit(rows, language="lang")
    # the shipped model is shared: changing one caller's threshold changes no other's
    shipped_model().threshold = 0.01
    assert shipped_model().threshold == THRESHOLD
    # a low threshold takes a default veto below it; a veto set above it is named at use too
    assert ThemeModel(threshold=0.05).veto == 0.025
    with pytest.raises(DataValidationError, match="veto"):
        ThemeModel(threshold=0.3, veto=0.5).fit(rows)
    low = shipped_model()
    low.threshold = 0.05
    with pytest.raises(DataValidationError, match="veto=0.1"):
        find_themes(df, model=low)


@pytest.mark.slow
def test_the_model_finds_the_themes_of_a_writer_it_did_not_learn_from():
    """Leave one writer out: trained on the others' coded comments, the model alone
    finds most of that writer's themes at probability 0.5 (writers D and E; measured
    recall 0.84 and 0.84, precision 0.90 and 0.94 when trained on all the others)."""
    dev = coded_comments()
    for left in ["d.csv", "e.csv"]:
        test = dev[dev["file"] == left].reset_index(drop=True)
        model = ThemeModel(threshold=0.5).fit(dev[dev["file"] != left])
        found = model.flags(test).fillna(False).astype(bool)
        coded = coded_flags(test["themes"], list(found.columns)).astype(bool)
        both = (found & coded).to_numpy().sum()
        recall, precision = both / coded.to_numpy().sum(), both / found.to_numpy().sum()
        assert recall >= 0.75 and precision >= 0.88, (left, recall, precision)


def test_the_model_adds_no_opposite_of_what_the_lists_found():
    # a model taught (wrongly) that late parcels are fast ones
    rows = _coded(
        [(f"the parcel came late again, day {i}", "fast_delivery") for i in range(6)]
        + [(f"nice colour and size {i}", "") for i in range(6)]
    )
    wrong = ThemeModel().fit(rows)
    df = pd.DataFrame({"comment": ["The parcel came late again"], "language": ["en"]})
    assert wrong.probabilities(df)["fast_delivery"].iloc[0] >= wrong.threshold
    found = find_themes(df, model=wrong)
    assert found.loc[0, ["late_delivery", "fast_delivery"]].tolist() == [True, False]


def test_no_comments_no_themes_and_a_wrong_setting_is_named():
    empty = find_themes(pd.DataFrame({"comment": [], "language": []}))
    assert len(empty) == 0 and "late_delivery" in empty.columns
    with pytest.raises(DataValidationError) as bad:
        ThemeModel(c=-1).fit(_coded([("box torn", "damaged_box")] * 5 + [("fine", "")] * 5))
    assert "positive c" in str(bad.value) and "veto below" not in str(bad.value)
