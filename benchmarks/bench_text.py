"""Verbatim themes: precision and recall per theme and language, and speed.

Two methods on the hand-written comments of tests/data/verbatims:

- ``lexicon``: :func:`cjresearch.survey.text.find_themes` as shipped (lemmas,
  one typo, negation scope, clauses, phrases);
- ``baseline``: the same cue lists, each slot's stems found anywhere in the
  comment's words without lemmas, typos, negation, clauses or window (how the
  themes were found before issue #15).

The development sets were used to revise the cue lists; the held-out sets
were not.  Speed is comments per second on 20,000 comments.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from cjresearch.survey.lexicon import LEXICON
from cjresearch.survey.text import find_themes
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


def main(argv: list[str] | None = None) -> None:
    sets = {
        "development": sorted(DATA.glob("dev*.csv")),
        "held-out": sorted(DATA.glob("heldout*.csv")),
    }
    for label, files in sets.items():
        df = pd.concat([pd.read_csv(f, keep_default_na=False) for f in files], ignore_index=True)
        lex = find_themes(df)
        base = baseline_themes(df)
        a, b = scores(df, lex), scores(df, base)
        print(f"\n{label} ({', '.join(f.name for f in files)}; {len(df)} comments)")
        print(f"{'language':<9}{'recall':>8}{'precision':>10}   baseline: recall precision")
        for g in a.index:
            print(
                f"{g:<9}{a.loc[g, 'recall']:>8.3f}{a.loc[g, 'precision']:>10.3f}"
                f"   {b.loc[g, 'recall']:>16.3f}{b.loc[g, 'precision']:>10.3f}"
            )
        coded = coded_flags(df["themes"], list(lex.columns))
        per_theme = theme_accuracy(lex, coded, by=df["language"])
        print("per theme and language (lexicon): recall / precision")
        table = per_theme.pivot(index="theme", columns="group", values=["recall", "precision"])
        print(table.round(2).to_string())
        neg = df["tags"].str.contains("negation").to_numpy()
        right = (lex.fillna(False).astype(bool).to_numpy() == coded.to_numpy()).all(axis=1)
        rb = (base.to_numpy() == coded.to_numpy()).all(axis=1)
        print(
            f"negation comments exactly right: lexicon {right[neg].sum()}/{neg.sum()}, "
            f"baseline {rb[neg].sum()}/{neg.sum()}"
        )
    big = pd.concat([df] * (20_000 // len(df) + 1), ignore_index=True).iloc[:20_000]
    t0 = time.perf_counter()
    find_themes(big)
    t1 = time.perf_counter()
    baseline_themes(big)
    t2 = time.perf_counter()
    print(
        f"\nspeed on {len(big):,} comments: lexicon {len(big) / (t1 - t0):,.0f}/s, "
        f"baseline {len(big) / (t2 - t1):,.0f}/s (ratio {(t1 - t0) / (t2 - t1):.1f}x)"
    )


if __name__ == "__main__":
    main()
