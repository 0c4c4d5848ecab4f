"""Beyond the themes: the tone of each comment and what no theme caught.

:func:`comment_sentiment` gives each comment a tone (negative, neutral,
positive) from the word lists of :mod:`cjresearch.survey.lexicon`: positive
minus negative words, a negated word counting for the other side, plus one
for each praise theme and minus one for each complaint theme found.  Its
flags go into :func:`cjresearch.survey.text.theme_prevalence` like theme
flags, which gives each tone's share with the design's intervals.

:func:`uncaught_comments` lists the words and two-word phrases (by lemma, stop
words left out) most frequent in comments that no theme caught, each with its
share of those comments and a redacted example: the themes the list lacks.
"""

from __future__ import annotations

import itertools
import warnings
from collections import Counter
from collections.abc import Mapping

import numpy as np
import pandas as pd

from cjresearch.core.columns import N
from cjresearch.core.errors import UnreliableEstimateWarning
from cjresearch.core.stats import wilson_interval
from cjresearch.survey.durations import LONG, SHORT
from cjresearch.survey.grammar import NEGATIVE, PRICE_QUESTION, STOP_WORDS_TEXT
from cjresearch.survey.lexicon import THEME_POLARITY
from cjresearch.survey.text import PLACEHOLDERS, check_theme_rows, redact
from cjresearch.survey.wording import (
    Word,
    check_text_columns,
    comment_words,
    fold,
    sentiment_score,
)

__all__ = ["SENTIMENTS", "comment_sentiment", "uncaught_comments"]

SENTIMENTS = ("negative", "neutral", "positive")
_PLACEHOLDERS = frozenset({*PLACEHOLDERS, PRICE_QUESTION})


def comment_sentiment(
    data: pd.DataFrame,
    *,
    text: str = "comment",
    language: str | None = "language",
    default_language: str = "en",
    themes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each comment's tone as three flags: ``negative``, ``neutral``, ``positive``.

    Missing where there is no comment.  ``themes`` (:func:`find_themes` of the
    same rows) adds the shipped themes' polarity.  Pass the result to
    :func:`~cjresearch.survey.text.theme_prevalence` for shares with intervals.

    Examples
    --------
    >>> df = pd.DataFrame({"comment": ["Great shop, thank you", "Not good at all", "It is blue"]})
    >>> s = comment_sentiment(df, language=None)
    >>> s.idxmax(axis=1).tolist()
    ['positive', 'negative', 'neutral']
    """
    check_text_columns(data, text, language)
    langs, has, words = comment_words(data, text, language, default_language)
    unknown = sorted(set(langs[has]) - set(NEGATIVE))
    if unknown:
        warnings.warn(
            f"no sentiment word lists for languages {unknown}; their comments count as neutral",
            UnreliableEstimateWarning,
            stacklevel=2,
        )
    found = None
    if themes is not None:
        check_theme_rows(data, themes)
        found = (
            themes[[t for t in themes.columns if t in THEME_POLARITY]].fillna(False).astype(bool)
        )
    flags = found.to_numpy(bool) if found is not None else None
    names = list(found.columns) if found is not None else []
    scores = []
    for i, (ws, lang) in enumerate(zip(words, langs, strict=True)):
        polarity: Mapping[str, int] = (
            {t: THEME_POLARITY[t] for t, on in zip(names, flags[i], strict=True) if on}
            if flags is not None
            else {}
        )
        scores.append(sentiment_score(ws, lang, polarity))
    score = np.sign(np.asarray(scores, dtype=int))
    out = pd.DataFrame(index=data.index)
    for value, name in zip((-1, 0, 1), SENTIMENTS, strict=True):
        col = pd.array(score == value, dtype="boolean")
        col[~has.to_numpy()] = pd.NA
        out[name] = col
    out.attrs["method"] = "word lists"
    return out


def _term(w: Word) -> str:
    """A word as the summary shows it: its lemma, or as written for a duration's unit."""
    return w.folded if w.lemma in (SHORT, LONG) else w.lemma


def uncaught_comments(
    data: pd.DataFrame,
    themes: pd.DataFrame,
    *,
    text: str = "comment",
    language: str | None = "language",
    default_language: str = "en",
    n: int = 8,
    level: float = 0.95,
) -> pd.DataFrame:
    """The words and phrases most frequent in comments no theme caught, with an example.

    The ``n`` most frequent per language, languages with most uncaught comments
    first.  One row per term: ``language``, ``term`` (lemmas), ``n_comment`` (uncaught
    comments holding it), ``estimate`` (their share of the language's uncaught
    comments) with ``ci_low``/``ci_high`` (Wilson), ``n`` (uncaught comments of
    the language) and ``example`` (the shortest such comment, redacted).
    ``attrs["n_uncaught"]`` and ``attrs["n_comment"]`` give the totals.

    Examples
    --------
    >>> df = pd.DataFrame({"comment": ["Box arrived torn", "the box was torn again", "late"]})
    >>> from cjresearch.survey.text import find_themes
    >>> themes = find_themes(df, language=None, model=None)  # the word lists alone
    >>> u = uncaught_comments(df, themes, language=None, n=3)
    >>> u["phrase"].tolist()[:2], int(u["n_comment"].iloc[0]), u.attrs["n_uncaught"]
    (['box', 'tear'], 2, 2)
    """
    check_text_columns(data, text, language)
    check_theme_rows(data, themes)
    langs, has, words = comment_words(data, text, language, default_language)
    caught = themes.fillna(False).astype(bool).any(axis=1).to_numpy()
    counts: Counter[tuple[str, str]] = Counter()
    example: dict[tuple[str, str], str] = {}
    bases: Counter[str] = Counter()
    for i, (ws, lang) in enumerate(zip(words, langs, strict=True)):
        if not has.iat[i] or caught[i]:
            continue
        bases[lang] += 1
        stop = frozenset(fold(STOP_WORDS_TEXT.get(lang, "")).split())
        keep = [
            w
            for w in ws
            if w.folded not in stop
            and w.lemma not in stop
            and len(w.folded) > 2
            and not w.folded.isdigit()
            and w.folded not in _PLACEHOLDERS
            and not w.negator
        ]
        terms = {_term(w) for w in keep}
        terms |= {f"{_term(a)} {_term(b)}" for a, b in itertools.pairwise(keep)}
        quote = str(redact(str(data[text].iat[i])))
        for t in terms:
            key = (lang, t)
            counts[key] += 1
            if key not in example or len(quote) < len(example[key]):
                example[key] = quote
    # a phrase seen once says nothing; a word always inside one phrase adds nothing
    ranked = sorted(
        ((k, c) for k, c in counts.items() if c >= 2 or " " not in k[1]),
        key=lambda kv: (-kv[1], -kv[0][1].count(" "), kv[0]),
    )
    rows: list[dict[str, object]] = []
    shown: list[tuple[str, str, int]] = []
    per: Counter[str] = Counter()
    for (lang, term), c in ranked:
        if per[lang] == n or any(
            lang == sl and term in st.split() and c == sc for sl, st, sc in shown
        ):
            continue
        shown.append((lang, term, c))
        per[lang] += 1
        rows.append({"language": lang, "phrase": term, "n_comment": c, N: bases[lang]})
    out = pd.DataFrame(rows, columns=["language", "phrase", "n_comment", N])
    order = {lang: k for k, (lang, _) in enumerate(sorted(bases.items(), key=lambda kv: -kv[1]))}
    out = out.sort_values(
        ["language", "n_comment"],
        key=lambda c: c.map(order) if c.name == "language" else -c,
        kind="stable",
    ).reset_index(drop=True)
    lo, hi = wilson_interval(out["n_comment"].to_numpy(float), out[N].to_numpy(float), level=level)
    out.insert(3, "estimate", out["n_comment"] / out[N])
    out.insert(4, "ci_low", lo)
    out.insert(5, "ci_high", hi)
    out["example"] = [
        example[(lg, t)] for lg, t in zip(out["language"], out["phrase"], strict=True)
    ]
    out.attrs["n_uncaught"] = int(sum(bases.values()))
    out.attrs["n_comment"] = int(has.sum())
    return out
