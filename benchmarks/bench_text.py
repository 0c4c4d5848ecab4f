"""Verbatim themes: precision and recall per theme and language, and speed.

Methods on the hand-written comments (development: ``cjresearch/survey/coded``;
held-out: ``tests/data/verbatims/heldout_*.csv``):

- ``lists + model`` (shipped): :func:`cjresearch.survey.text.find_themes`, the
  word lists (lemmas, one typo, negation scope, clauses, phrases) unless the
  classifier trained on the development comments vetoes them, or the
  classifier (:mod:`cjresearch.survey.textmodel`);
- ``lists``: the word lists alone (``model=None``);
- ``model``: the classifier alone;
- ``baseline``: the same cue lists, each slot's stems found anywhere in the
  comment's words without lemmas, typos, negation, clauses or window (how the
  themes were found before issue #15).

The development sets were used to revise the cue lists and train the model
(their figures are in-sample); the held-out sets (writers F, G and Z9 to Z12) were
not.  On the development
sets the model is also measured leaving one writer out (trained on the others).
Speed is comments per second on 20,000 comments.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from cjresearch.survey.lexicon import LEXICON
from cjresearch.survey.text import find_themes
from cjresearch.survey.textmodel import ThemeModel, coded_comments, shipped_model
from cjresearch.survey.themecheck import coded_flags, theme_accuracy
from cjresearch.survey.wording import compile_cues, fold

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "verbatims"


def baseline_themes(df: pd.DataFrame) -> pd.DataFrame:
    """Stems anywhere in the comment, no lemmas, typos, negation or window."""
    out = {}
    words = [fold(str(t)).split() for t in df["comment"]]
    words = [[w.strip(".,!?;:()\"'") for w in ws] for ws in words]
    for theme, by_lang in LEXICON.items():
        cues = {lang: compile_cues(c, lang) for lang, c in by_lang.items()}
        flags = []
        for ws, lang in zip(words, df["language"], strict=True):
            flags.append(
                any(
                    all(
                        any(w.startswith(s.split("_")[0].rstrip("=")) for w in ws for s in slot)
                        for slot in cue.slots
                    )
                    for cue in cues.get(lang, [])
                )
            )
        out[theme] = flags
    return pd.DataFrame(out, index=df.index)


def scores(df: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    coded = coded_flags(df["themes"], list(found.columns))
    acc = theme_accuracy(found, coded, by=df["language"])
    per = acc.groupby("group")[["n_coded", "n_found", "n_both"]].sum()
    per.loc["all"] = per.sum()
    per["recall"] = per["n_both"] / per["n_coded"]
    per["precision"] = per["n_both"] / per["n_found"]
    return per


def _line(name: str, per: pd.DataFrame) -> str:
    cells = "  ".join(
        f"{g} {per.loc[g, 'recall']:.2f}/{per.loc[g, 'precision']:.2f}" for g in per.index
    )
    return f"{name:<14}{cells}"


def main(argv: list[str] | None = None) -> None:
    dev = coded_comments()
    held = pd.concat(
        [pd.read_csv(f, keep_default_na=False) for f in sorted(DATA.glob("heldout*.csv"))],
        ignore_index=True,
    )
    for label, df in {"development (in-sample)": dev, "held-out": held}.items():
        methods = {
            "lists + model": find_themes(df),
            "lists": find_themes(df, model=None),
            "model": shipped_model().flags(df),
            "baseline": baseline_themes(df),
        }
        print(f"\n{label}: {len(df)} comments; recall/precision per language")
        for name, found in methods.items():
            print(_line(name, scores(df, found)))
        lex = methods["lists + model"]
        coded = coded_flags(df["themes"], list(lex.columns))
        per_theme = theme_accuracy(lex, coded, by=df["language"])
        print("per theme and language (lists + model): recall / precision")
        table = per_theme.pivot(index="theme", columns="group", values=["recall", "precision"])
        print(table.round(2).to_string())
        neg = df["tags"].str.contains("negation").to_numpy()
        for name, found in methods.items():
            right = (found.fillna(False).astype(bool).to_numpy() == coded.to_numpy()).all(axis=1)
            print(f"negation comments exactly right, {name}: {right[neg].sum()}/{neg.sum()}")
    print("\ndevelopment, one writer left out (the model trained on the other writers)")
    writer = dev["file"].str[0]  # a1.csv and a2.csv are one writer's
    for left in sorted(writer.unique()):
        test = dev[writer == left].reset_index(drop=True)
        model = ThemeModel().fit(dev[writer != left])
        both = find_themes(test, model=model)
        print(_line(f"{left} l+m", scores(test, both)))
        print(_line(f"{left} model", scores(test, model.flags(test))))
    df = held
    big = pd.concat([df] * (20_000 // len(df) + 1), ignore_index=True).iloc[:20_000]
    t0 = time.perf_counter()
    find_themes(big)
    t1 = time.perf_counter()
    baseline_themes(big)
    t2 = time.perf_counter()
    print(
        f"\nspeed on {len(big):,} comments: lists + model {len(big) / (t1 - t0):,.0f}/s, "
        f"baseline {len(big) / (t2 - t1):,.0f}/s (ratio {(t1 - t0) / (t2 - t1):.1f}x)"
    )


if __name__ == "__main__":
    main()
