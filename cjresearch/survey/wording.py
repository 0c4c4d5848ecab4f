"""Words of a comment as the theme cues see them: lemmas, negation scope, clauses.

A comment becomes a list of :class:`Word`: the word as written (lower case),
folded (no accents), its lemma from simplemma folded the same way, whether it
lies in a negator's scope, and its clause.  :func:`compile_cues` reads the cue
syntax of :mod:`cjresearch.survey.lexicon`; :func:`cue_matches` and
:func:`sentiment_score` apply it.  simplemma ships its dictionaries: nothing is
downloaded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import product

import pandas as pd

from cjresearch.core.errors import DataValidationError
from cjresearch.survey.durations import duration_lemmas
from cjresearch.survey.grammar import (
    ASKING,
    BREAKS,
    CANCELLERS,
    CONTRASTS,
    EXCEPTIVES,
    EXTENDERS,
    IF_PHRASES,
    IF_REACH,
    IFS,
    NEGATING_PAIRS,
    NEGATIVE,
    NEGATORS,
    ONLY,
    POSITIVE,
    SAID_NEAR,
    SAID_REACH,
    SAID_THAT,
    SCOPE,
    UNPAIRING,
    WINDOW,
    fold,
)
from cjresearch.survey.scope import answered, expected, marvels, priced_questions, promised
from cjresearch.survey.transliteration import cyrillic, latin_only

__all__ = [
    "Cue",
    "Word",
    "check_text_columns",
    "comment_languages",
    "comment_words",
    "compile_cues",
    "cue_matches",
    "fold",
    "known",
    "lemma",
    "sentiment_score",
    "stems_of",
    "word_hits",
    "words_of",
]

# a dash ("–", "—", or "-" between spaces) ends a negator's scope, not a phrase or a sentence
# (not a range: "1–2 dni")
_TOKEN = re.compile(r"\w+|[.!?;:,()]+|(?<!\d)[–—]+|[–—]+(?!\d)|(?<=\s)-+(?=\s)")
_DASH = re.compile(r"[–—-]+")
_SENTENCE = re.compile(r"[.!?;]")
# "(Tom?) was brilliant": a mark closing an aside before a lower-case word ends no sentence
_ASIDE = re.compile(r"[.!?]+\)(?=\s+[^\W\d_A-ZÀ-ÞА-Я])")
# the abbreviated currency of an amount, then a lower-case word, ends no sentence:
# "40 лв. повече от другите магазини?", "20 zł. za dostawę" (see _currency_dot)
_CURRENCY_DOT = re.compile(r"(?<=\d)(\s?(?:лв|lv|zł|zl|lei|eur))\.(?=\s+(\w+))")
# English contractions: "didn't" -> "did not", "can't" -> "can not"
_NT = re.compile(r"(\w)n[’']t\b")
_CANNOT = re.compile(r"\bcan(?:not|[’']t)\b")
#: "don't get me wrong" announces, like "not gonna lie": it negates nothing
_GET_ME_WRONG = re.compile(r"\b(?:do not|don[’']?t) get me wrong\b")
# "day" in a phrase: a number before it counts days ("in 3 days" is not "in a day")
_DAY = frozenset({"day", "zi", "ziua", "ден", "dzien", "dia", "giorno"})
LEMMA_LANGUAGES = ("en", "ro", "bg", "pl", "pt", "it")


@lru_cache(maxsize=200_000)
def known(word: str, language: str) -> bool:
    """Whether simplemma's dictionary knows the word (a typo is unknown)."""
    if language not in LEMMA_LANGUAGES:
        return True
    import simplemma

    try:
        return bool(simplemma.is_known(word, lang=language))
    except (ValueError, KeyError):
        return True


@lru_cache(maxsize=200_000)
def lemma(word: str, language: str) -> str:
    """The folded lemma of a lower-case word (the folded word when simplemma has none)."""
    if language in LEMMA_LANGUAGES and not word.isdigit():
        import simplemma

        try:
            return fold(simplemma.lemmatize(word, lang=language))
        except (ValueError, KeyError):  # a language simplemma lacks
            pass
    return fold(word)


@dataclass(frozen=True)
class Word:
    """One word of a comment."""

    raw: str  # lower case, as written
    folded: str
    lemma: str
    negator: bool
    negated: bool  # within a negator's scope
    clause: int
    known: bool = True  # in the language's dictionary: never read as a typo
    tone: int = 0  # +1 a positive word, -1 a negative one (grammar.POSITIVE, NEGATIVE)
    mark: bool = False  # right after a punctuation mark: a phrase does not run across it

    def starts(self, stems: Sequence[str]) -> bool:
        """The word or its lemma starts with one of ``stems``, or nearly (one typo).

        A typo is one letter wrong, missing, extra or two letters swapped, in a
        stem of six letters or more, and only for words the dictionary does not
        know ("доствака", "przesda"; not "przeszła" for "przyszł").
        """
        return _starts(self.folded, self.lemma, self.known, tuple(stems))


@lru_cache(maxsize=1_000_000)
def _starts(folded: str, lemma: str, known: bool, stems: tuple[str, ...]) -> bool:
    for s in stems:
        if s.endswith("="):  # the whole word: "late=" is not "lately"
            if s[:-1] in (folded, lemma):
                return True
        elif folded.startswith(s) or lemma.startswith(s):
            return True
    return not known and any(_near(folded, s.rstrip("=")) for s in stems)


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance (edits and adjacent swaps), capped at 2."""
    if abs(len(a) - len(b)) > 1:
        return 2
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return min(prev[-1], 2)


@lru_cache(maxsize=500_000)
def _near(word: str, stem: str) -> bool:
    """``word`` starts with ``stem`` but for one typo (stems of five letters or more)."""
    n = len(stem)
    if n < 6 or not word or word[0] != stem[0] or len(word) < n - 1:  # "" after "não só"
        return False
    return any(_osa(word[:k], stem) <= 1 for k in (n - 1, n, n + 1) if k <= len(word))


def _currency_dot(text: str, language: str) -> str:
    """``text`` without the dot of an abbreviated currency ("40 лв.") that a lower-case
    word other than a question's first (``ASKING``: "кога", "gdzie") follows."""
    asking = ASKING.get(language, frozenset())

    def keep(m: re.Match[str]) -> str:
        after = m.group(2)
        if after[0].islower() and not after[0].isdigit() and after not in asking:
            return m.group(1)
        return m.group(0)

    return _CURRENCY_DOT.sub(keep, text)


def words_of(text: str, language: str) -> list[Word]:
    """The words of ``text`` with their lemma, negation scope and clause.

    Examples
    --------
    >>> [(w.folded, w.negated) for w in words_of("Not helpful, but fast", "en")]
    [('not', False), ('helpful', True), ('but', False), ('fast', False)]
    """
    low = _currency_dot(_ASIDE.sub(")", text), language).lower()
    if language == "en":
        low = _NT.sub(r"\1 not", _CANNOT.sub("can not", _GET_ME_WRONG.sub("honestly", low)))
    elif language == "bg" and latin_only(low):  # "mnogo burzo"
        low = cyrillic(low)
    low = priced_questions(low, language)
    negators = NEGATORS.get(language, frozenset())
    breaks = BREAKS.get(language, frozenset())
    contrasts = CONTRASTS.get(language, frozenset())
    extenders = EXTENDERS.get(language, frozenset())
    said_that = SAID_THAT.get(language, frozenset())
    only = ONLY.get(language, frozenset())
    pairs = NEGATING_PAIRS.get(language, frozenset())
    pos, neg = _tone(language)
    cancellers = CANCELLERS.get(language, ())
    ifs = IFS.get(language, frozenset())
    exceptives = EXCEPTIVES.get(language, frozenset())
    unpairing = UNPAIRING.get(language, frozenset())
    if_reach, if_phrases = IF_REACH.get(language, 1), IF_PHRASES.get(language, ())
    out: list[Word] = []
    void = False  # the word after a negator that does not negate ("não só"): no cue
    clause, left = 0, 0  # left: words still in the current negator's scope
    said = False  # the last word was a verb of saying within a negator's scope
    embedded = False  # within the clause a negated saying verb opened
    said_at = 0  # where that clause starts
    cancelled = 0  # words after a cancelled negation whose negators only agree with it
    questions: set[int] = set()  # clauses that end with a question mark
    marks: set[int] = set()  # the positions of the words right after a punctuation mark
    tokens = _TOKEN.findall(low)
    for k, token in enumerate(tokens):
        if _DASH.fullmatch(token):  # "Nie mogę narzekać – zamówienie przyszło"
            left, said, cancelled, embedded = 0, False, 0, False
            continue
        if not token[0].isalnum() and token[0] != "_":  # punctuation
            if _SENTENCE.search(token):
                if "?" in token:
                    questions.add(clause)
                clause += 1
            marks.add(len(out))
            if not (said and token == ","):  # "I won't say, that prices are high"
                left, embedded = 0, False
            said, cancelled = False, 0
            continue
        if token in breaks:
            left, embedded = 0, False
        folded = fold(token)
        lem, is_known = lemma(token, language), known(token, language)
        tone = (
            1
            if _starts(folded, lem, is_known, pos)
            else -1
            if _starts(folded, lem, is_known, neg)
            else 0
        )
        if void:  # "não só chegou": not "só chegou" (only arrived, late)
            folded, lem, void = "", "", False
        # "not only fast": no negation, and neither word is a cue's ("não só ... ainda")
        after = fold(tokens[k + 1]) if k + 1 < len(tokens) else ""
        void = folded in negators and after in only
        pair = (folded, after) in pairs and not (out and out[-1].folded in unpairing)
        is_neg = (folded in negators and not void) or pair
        if void:
            folded, lem = "", ""
        # "nu aș ezita nicio clipă": "nicio" agrees with the cancelled "nu"
        is_neg, cancelled = is_neg and not cancelled, max(cancelled - 1, 0)
        # "nu pot să zic că n-au fost de ajutor": a negator early in the clause said,
        # before any word of tone ("... că livrarea a fost rapidă, nimeni nu ..." is two)
        if (
            is_neg
            and embedded
            and left
            and len(out) - said_at <= SAID_NEAR
            and not any(w.tone for w in out[said_at:])
        ):
            is_neg, embedded, left, cancelled = False, False, 0, 2
            # the clause said is affirmed whole: "... că cei de la suport nu m-au ajutat"
            out[said_at:] = [replace(w, negated=False) for w in out[said_at:]]
        # "if not for the delay", "se não fosse", "were it not": a condition
        before = [w.folded for w in out[-if_reach:] if w.clause == clause]
        if is_neg and (ifs.intersection(before) or tuple(before[-2:]) in if_phrases):
            is_neg = False
        out.append(
            Word(
                token,
                folded,
                lem,
                is_neg,
                left > 0,
                clause,
                is_known,
                0 if is_neg else tone,
                len(out) in marks,
            )
        )
        if token in contrasts:  # "charged but ..." ends the clause with the "but"
            clause += 1
        said = said and folded in extenders
        if is_neg:
            left = SCOPE
        elif left and len(out) > 1 and (out[-2].folded, folded) in exceptives:  # "non posso che"
            left, cancelled = 0, 2
        elif left and folded in extenders:  # "I can't say the prices are high"
            # "... say, that ...": the negator reaches to the end of the clause said
            # ("it's not cheap, I'll say that": the saying verb is not the negator's)
            embedded = (
                folded in said_that
                and len(out) > 1
                and out[-2].folded in extenders
                and any(w.negator for w in out[-5:-2])
            )
            left, said, said_at = SAID_REACH if embedded else SCOPE, True, len(out)
        elif left and folded.startswith(cancellers):  # "I wouldn't hesitate to recommend"
            left, cancelled = 0, 2
        elif left:
            left -= 1
            embedded = embedded and left > 0
    out = answered(expected(marvels(out, language), language, marks), questions, marks, language)
    durations = duration_lemmas([w.folded for w in out], [w.clause for w in out], language)
    for j, lem in durations.items():
        out[j] = replace(out[j], lemma=lem)
    return promised(out, language, marks)


def comment_languages(
    data: pd.DataFrame, text: str, language: str | None, default_language: str
) -> tuple[pd.Series, pd.Series]:
    """Each respondent's language and whether they commented."""
    langs = (
        pd.Series(default_language, index=data.index)
        if language is None
        else data[language]
        .astype(object)
        .where(data[language].notna(), default_language)
        .astype(str)
    )
    # "pt-BR", "pt_BR" and "PT" are read as "pt"
    langs = langs.str.replace("_", "-", regex=False).str.split("-").str[0].str.lower()
    has = data[text].notna() & (data[text].astype(str).str.strip() != "")
    return langs, has


def check_text_columns(data: pd.DataFrame, text: str, language: str | None) -> None:
    """The comment column ``text`` and the ``language`` column (if any) are in ``data``."""
    for c in (text, language):
        if c is not None and c not in data.columns:
            raise DataValidationError(
                "column not found",
                source=str(data.attrs.get("source", "survey")),
                column=c,
                fix=f"use one of {list(data.columns)[:12]}",
            )


def comment_words(
    data: pd.DataFrame, text: str, language: str | None, default_language: str
) -> tuple[pd.Series, pd.Series, list[list[Word]]]:
    """Each respondent's language, whether they commented, and their comment's words."""
    langs, has = comment_languages(data, text, language, default_language)
    words = [
        (words_of(str(t), lang) if h else [])
        for t, h, lang in zip(data[text], has, langs, strict=True)
    ]
    return langs, has, words


@dataclass(frozen=True)
class Cue:
    """A compiled cue: its slots (alternative stems) and the negator slot, if any."""

    text: str
    slots: tuple[tuple[str, ...], ...]
    negator: int | None  # index of the slot made of negators
    excluded: frozenset[str] = frozenset()  # stems that may not lie near the cue's words


def compile_cues(cues: Sequence[str], language: str) -> list[Cue]:
    """Read cues written as ``"stem|stem stem"`` (see :mod:`cjresearch.survey.lexicon`).

    A stem with ``_`` is a phrase: ``"next_day"`` matches "next day" in that order;
    a stem ending in ``=`` is a whole word: ``"late="`` is not "lately"; a slot
    starting with ``!`` lists words that may not lie within ``SCOPE`` words of the
    cue's words (after them only, for a negated cue), in its clause:
    ``"not receiv !refund"``
    reads "not received my parcel", not "not received a refund".
    """
    negators = NEGATORS.get(language, frozenset())
    out = []
    for cue in cues:
        parts = [p for p in cue.split() if p.strip("|!")]
        slots = tuple(
            tuple(fold(s) for s in p.split("|") if s) for p in parts if not p.startswith("!")
        )
        excluded = frozenset(
            fold(s) for p in parts if p.startswith("!") for s in p[1:].split("|") if s
        )
        if not slots:
            raise DataValidationError(
                f"the theme cue {cue!r} has no words to match",
                source="lexicon",
                fix='write a cue as stems separated by "|" and slots by spaces, e.g. "late|delay"',
            )
        neg = [i for i, slot in enumerate(slots) if all(s in negators for s in slot)]
        out.append(Cue(cue, slots, neg[0] if neg else None, excluded))
    return out


def stems_of(cues: Sequence[Cue]) -> frozenset[str]:
    """Every stem of ``cues``, phrase words and excluded words included (for :func:`word_hits`)."""
    return frozenset(
        p for c in cues for slot in (*c.slots, c.excluded) for s in slot for p in s.split("_")
    )


@lru_cache(maxsize=200_000)
def _hits(folded: str, lemma: str, known: bool, stems: frozenset[str]) -> frozenset[str]:
    return frozenset(s for s in stems if _starts(folded, lemma, known, (s,)))


def word_hits(words: Sequence[Word], stems: frozenset[str]) -> list[frozenset[str]]:
    """For each word, the ``stems`` it starts with (computed once per distinct word)."""
    return [_hits(w.folded, w.lemma, w.known, stems) for w in words]


def _phrase_at(
    hits: Sequence[frozenset[str]], words: Sequence[Word], i: int, parts: Sequence[str]
) -> bool:
    """Words from ``i`` on start with ``parts`` in order (numbers between are skipped, but
    for a count of days: "за 3 дни" is not "за ден"; no punctuation mark between)."""
    k = i
    for part in parts:
        while k < len(words) and k > i and words[k].folded.isdigit() and not part.isdigit():
            if words[k].mark or (part.rstrip("=") in _DAY and words[k].folded != "1"):
                return False
            k += 1
        if k >= len(words) or part not in hits[k] or (k > i and words[k].mark):
            return False
        k += 1
    return True


def _candidates(
    words: Sequence[Word], hits: Sequence[frozenset[str]], stems: Sequence[str]
) -> list[int]:
    single = frozenset(s for s in stems if "_" not in s)
    phrases = [s.split("_") for s in stems if "_" in s]
    return [
        i
        for i, h in enumerate(hits)
        if not h.isdisjoint(single) or any(_phrase_at(hits, words, i, p) for p in phrases)
    ]


def cue_matches(
    cue: Cue,
    words: Sequence[Word],
    core: Sequence[str] = (),
    hits: Sequence[frozenset[str]] | None = None,
) -> bool:
    """Whether ``cue`` is found in ``words`` (one clause, within ``WINDOW`` words).

    ``core``: stems that on their own name the theme ("late", "ritard"); a
    negated cue whose negator also reaches one of them is about that word, not
    a complaint: "non è arrivata in ritardo" (it did not arrive late).
    ``hits``: :func:`word_hits` of ``words`` on stems including the cue's
    (computed here when omitted).

    Examples
    --------
    >>> [late] = compile_cues(["not arriv"], "en")
    >>> cue_matches(late, words_of("It did not arrive", "en"))
    True
    >>> [helpful] = compile_cues(["support help"], "en")
    >>> cue_matches(helpful, words_of("Support did not help at all", "en"))
    False
    """
    if hits is None:
        hits = word_hits(words, stems_of([cue]))
    # clauses where a word of the cue that carries a tone is negated: "support did
    # not help, they replied with templates" is not praise of the replies
    denied: set[int] = set()
    if cue.negator is None:
        pools = []
        for slot in cue.slots:
            found = _candidates(words, hits, slot)
            pools.append([i for i in found if not words[i].negated])
            denied.update(words[i].clause for i in found if words[i].negated and words[i].tone)
    else:
        pools = []
        for k, slot in enumerate(cue.slots):
            if k == cue.negator:
                pools.append([i for i, w in enumerate(words) if w.negator and w.folded in slot])
            else:
                pools.append(_candidates(words, hits, slot))
    if not all(pools):
        return False
    if len(pools) == 1:
        return any(
            words[i].clause not in denied
            and not (cue.excluded and _excluded(cue.excluded, words, hits, i, i, back=True))
            for i in pools[0]
        )
    for combo in product(*pools):
        if len(set(combo)) < len(combo) or words[combo[0]].clause in denied:
            continue
        if words[combo[0]].clause != words[combo[-1]].clause or any(
            words[i].clause != words[combo[0]].clause for i in combo
        ):
            continue
        if max(combo) - min(combo) > WINDOW:
            continue
        if cue.negator is not None:
            p = combo[cue.negator]
            before = all(combo[k] < p for k in range(cue.negator))
            # after the negator: within its scope (the next SCOPE words, one clause)
            after = all(
                p < combo[k] <= p + SCOPE and words[combo[k]].negated
                for k in range(cue.negator + 1, len(combo))
            )
            if not (before and after):
                continue
            # a core word the cue itself reads is the cue's: "não poderia estar mais satisfeito"
            own = _own_words(cue, combo, words, hits)
            reach = [w for k, w in enumerate(words[p + 1 : p + 1 + SCOPE], p + 1) if k not in own]
            if core and any(w.negated and w.starts(core) for w in reach):
                continue
        if cue.excluded and _excluded(
            cue.excluded, words, hits, min(combo), max(combo), back=cue.negator is None
        ):
            continue
        return True
    return False


def _own_words(
    cue: Cue, combo: Sequence[int], words: Sequence[Word], hits: Sequence[frozenset[str]]
) -> set[int]:
    """The positions of the words a match of ``cue`` at ``combo`` reads, phrases whole."""
    own = set(combo)
    for i, slot in zip(combo, cue.slots, strict=True):
        for stem in slot:
            parts = stem.split("_")
            if len(parts) > 1 and _phrase_at(hits, words, i, parts):
                own.update(range(i, i + len(parts)))
    return own


def _excluded(
    stems: frozenset[str],
    words: Sequence[Word],
    hits: Sequence[frozenset[str]],
    first: int,
    last: int,
    back: bool,
) -> bool:
    """A word from ``first`` (``back``: ``SCOPE`` words before it) to ``SCOPE`` words
    after ``last``, in one clause, is excluded.

    Negated cues look forward only: in "the delivery was not fast" the "the" is
    not the "the" of "not the fastest".  The words after ``last`` end at the next
    negator but one that agrees with it: "not received the parcel, nor my money"
    is about the parcel, "não recebi nenhum e-mail" about an e-mail.
    """
    clause = words[first].clause
    for i in range(max(first - SCOPE, 0) if back else first, min(last + SCOPE + 1, len(words))):
        if i > last + 1 and words[i].negator:
            return False
        if words[i].clause == clause and not hits[i].isdisjoint(stems):
            return True
    return False


@lru_cache(maxsize=16)
def _tone(language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (
        tuple(sorted(fold(s) for s in POSITIVE.get(language, ()))),
        tuple(sorted(fold(s) for s in NEGATIVE.get(language, ()))),
    )


def sentiment_score(words: Sequence[Word], language: str, themes: Mapping[str, int]) -> int:
    """Positive minus negative words (a negated word counts for the other side) plus themes.

    ``themes`` maps each theme found in the comment to its polarity (+1 praise,
    -1 complaint).  Above 0 is positive, below 0 negative, 0 neutral.

    Examples
    --------
    >>> sentiment_score(words_of("Not good, really disappointing", "en"), "en", {})
    -2
    """
    score = sum(themes.values())
    for w in words:
        score += -w.tone if w.negated else w.tone
    return score
