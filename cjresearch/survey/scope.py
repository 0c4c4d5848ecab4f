"""Readings of a comment's words beyond a negator's scope (issue #15).

:func:`cjresearch.survey.wording.words_of` tokenises a comment, marks each
negator's scope and then applies these rules, each a list of words in, a list
out (the word lists they use are in :mod:`cjresearch.survey.grammar`):

- :func:`marvels`: "never had a parcel this fast" and "I didn't expect it so
  soon" are praise, not denials;
- :func:`expected`: what a customer thought would happen, then contrasted ("I
  thought it would take ages, but it came in two days"), and what used to be
  ("deliveries used to be slow") did not happen;
- :func:`promised`: what a shop promised, when a wait that goes on or a week
  follows, did not happen ("They promised next-day delivery and it took three
  weeks");
- :func:`answered`: a yes-or-no question answered with a short "no" is denied
  ("Would I recommend? Not a chance.");
- :func:`priced_questions` works on the text before tokenising: an amount of
  money in a question reads as :data:`~cjresearch.survey.grammar.PRICE_QUESTION`
  ("£7.99 delivery for socks??"), a cue of high prices.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from cjresearch.survey.durations import SHORT
from cjresearch.survey.grammar import (
    ASKING,
    BE_USED,
    BREAKS,
    CANCELLERS,
    CONTRASTS,
    EXPECTING,
    HABIT,
    HEDGES,
    INTENSIFIERS,
    NEVER,
    NO_ANSWERS,
    NOT_DENIAL,
    PRICE_QUESTION,
    PROMISED,
    SCOPE,
    STILL,
    THAT,
    THOUGHT,
    WAITING,
    WHY,
    fold,
)
from cjresearch.survey.lexicon_delivery import DELIVERY_WORDS

if TYPE_CHECKING:
    from cjresearch.survey.wording import Word

__all__ = ["answered", "expected", "marvels", "priced_questions", "promised"]

#: an amount of money: "£7.99", "$12", "19,99 zł", "40 лв.", "80 лева", "R$ 39", "12 euro"
_AMOUNT = re.compile(
    r"(?:(?:£|€|\$|r\$)\s*\d[\d.,]*|\d[\d.,]*\s*(?:£|€|\$|zł|zl|lei|ron|лв|лева|лев|евро|lv|leva"
    r"|reais|real|euros?|eur|pln|bgn|usd|dollars?|quid|złotych|zlotych|złote|zlote)(?!\w))"
)
_WORD = re.compile(r"\w+")
#: the longest short answer after the negator: "Not in a million years."
_SHORT_ANSWER = 4


def priced_questions(text: str, language: str) -> str:
    """``text`` (lower case) with each amount of money in a sentence that asks
    read as :data:`~cjresearch.survey.grammar.PRICE_QUESTION`.

    "£7.99 delivery on a £12 order??", "200 zł za zwykłą bluzę?": customers ask
    about a price to say it is too high; not a sentence that starts with a word
    of ``ASKING`` ("where is my £60 order?").

    Examples
    --------
    >>> priced_questions("£7.99 for socks?? really. where is my £5 voucher?", "en")
    ' xxamountxx  for socks?? really. where is my £5 voucher?'
    """
    if "?" not in text:
        return text
    asking = ASKING.get(language, frozenset())
    parts = re.split(r"(?<=[.!?])\s+", text)
    return " ".join(
        _AMOUNT.sub(f" {PRICE_QUESTION} ", p)
        if "?" in p and next(iter(_WORD.findall(p)), "") not in asking
        else p
        for p in parts
    )


def marvels(words: list[Word], language: str) -> list[Word]:
    """Undo the negation of "never had a parcel this fast" and "I didn't expect it so soon".

    After a "never" or "nobody" (``NEVER``), or a negated verb of expecting
    (``EXPECTING``), an intensifier (``INTENSIFIERS``: "so", "such", "this") less
    than ``2 * SCOPE`` words on, in the clause, and followed within two words by a positive word
    marvels: the words after the negator, to the end of its scope or two words
    after the intensifier, are not negated.  "It never arrived, so
    disappointed" stays a denial.
    """
    never = NEVER.get(language, frozenset())
    expecting = EXPECTING.get(language, ())
    intensifiers = INTENSIFIERS.get(language, frozenset())
    out = list(words)
    for i, w in enumerate(words):
        marvel = w.negator and w.folded in never
        if not marvel and w.negator:  # "didn't expect", "nie spodziewałam się"
            marvel = any(
                x.folded.startswith(expecting) and x.negated for x in words[i + 1 : i + 1 + SCOPE]
            )
        if not marvel:
            continue
        for j in range(i + 1, min(i + 2 * SCOPE, len(words))):
            if words[j].clause != w.clause:
                break
            if words[j].folded in intensifiers and any(x.tone > 0 for x in words[j + 1 : j + 3]):
                end = min(max(j + 3, i + 1 + SCOPE), len(words))
                for k in range(i + 1, end):
                    out[k] = replace(out[k], negated=False)
                break
    return out


def _contrasted(words: Sequence[Word], i: int, contrasts: frozenset[str]) -> bool:
    """A contrast ends the clause of word ``i`` or starts the next one."""
    clause = words[i].clause
    for k in range(i + 1, len(words)):
        w = words[k]
        if w.clause == clause and w.folded in contrasts:
            return True
        if w.clause != clause:
            return w.clause == clause + 1 and w.folded in contrasts
    return False


def expected(words: list[Word], language: str, marks: set[int]) -> list[Word]:
    """What a customer thought would happen, then contrasted, or what used to be.

    "I thought it would take ages but it came in two days", "pensavo di dover
    aspettare settimane e invece ...": after a verb of thinking in the past
    (``THOUGHT``) followed within three words by a word of ``THAT`` and
    contrasted (``CONTRASTS``) at the end of its clause or the start of the
    next, the rest of its clause up to a punctuation mark (``marks``: the
    positions of the words that follow one; a mark right after the verb does
    not count: "Myślałem, że ...") is read as negated, and its negators as
    words ("I thought it would never arrive, but ..." is not a complaint).  So
    after a past habit (``HABIT``: "deliveries used to be slow", not "I am used
    to fast deliveries").  "I thought the staff were helpful, but ..." is an
    opinion and stays.
    """
    thought = THOUGHT.get(language, frozenset())
    that = THAT.get(language, frozenset())
    habit = HABIT.get(language, frozenset())
    be_used = BE_USED.get(language, frozenset())
    contrasts = CONTRASTS.get(language, frozenset())
    out = list(words)
    for i, w in enumerate(words):
        if w.negated or w.negator:
            continue
        if w.folded in habit:
            if language == "en" and (
                i + 1 >= len(words)
                or words[i + 1].folded != "to"
                or (i > 0 and words[i - 1].folded in be_used)
            ):
                continue
        elif not (
            w.folded in thought
            and any(x.folded in that for x in words[i + 1 : i + 4])
            and _contrasted(words, i, contrasts)
        ):
            continue
        for k in range(i + 1, len(words)):
            x = words[k]
            if x.clause != w.clause or x.folded in contrasts or (k in marks and k > i + 1):
                break
            out[k] = replace(x, negated=True, negator=False)
    return out


#: "e" (and) ends what was promised in Portuguese and Italian, as written: not "é"/"è" (is)
_AND = {"pt": "e", "it": "e"}
#: a delivery promised in hours: "24h", "48h"
_HOURS = re.compile(r"\d+h")


def _goes_on(words: Sequence[Word], language: str) -> bool:
    """A wait goes on in ``words``: a word of ``STILL`` before a negator or a word of
    ``WAITING`` ("still waiting", "ainda não", "dalej brak"), or a week or more
    after a word of ``WAITING`` ("took a week", "sono passate due settimane")."""
    still = STILL.get(language, frozenset())
    waiting = WAITING.get(language, ())
    for k, x in enumerate(words):
        if x.folded in still and any(y.negator or y.starts(waiting) for y in words[k + 1 : k + 4]):
            return True
        if x.lemma == "durlong" and any(y.starts(waiting) for y in words[max(k - 3, 0) : k]):
            return True
    return False


def promised(words: list[Word], language: str, marks: set[int]) -> list[Word]:
    """What a shop promised about a delivery did not happen when a wait goes on later.

    After a word of a promise or a claim (``PROMISED``: "promised", "niby",
    "prometeram", "обещаха"), the rest of its clause up to a punctuation mark
    (``marks``), an "and" or a contrast (``BREAKS``), when it holds a delivery
    word (``lexicon_delivery.DELIVERY_WORDS``) or a short duration ("48h"), is read as
    negated, but for its delivery words (which a late delivery's cue may need),
    when later in the comment a wait goes on (:func:`_goes_on`): "They promised
    next-day delivery and it took three weeks" is not a fast delivery, "Niby
    wysyłka 24h, a paczki dalej brak" neither.  A promise kept ("They promised
    two days and it came in two, will still order") stays, and so does what a
    site "says" about anything but a delivery.  Call it after the durations are
    read.
    """
    promise = PROMISED.get(language, frozenset())
    breaks = BREAKS.get(language, frozenset())
    ends = breaks | {fold(b) for b in breaks}
    written_and = _AND.get(language)
    delivery = DELIVERY_WORDS.get(language, ())
    out = list(words)
    for i, w in enumerate(words):
        if w.negated or w.negator or w.folded not in promise:
            continue
        stretch = []
        for k in range(i + 1, len(words)):
            x = words[k]
            if x.clause != w.clause or k in marks or x.folded in ends or x.raw == written_and:
                break
            stretch.append(k)
        about = any(
            words[k].starts(delivery)
            or words[k].lemma == SHORT
            or _HOURS.fullmatch(words[k].folded)
            for k in stretch
        )
        after = words[(stretch[-1] if stretch else i) + 1 :]
        if about and _goes_on(after, language):
            for k in stretch:
                if not words[k].starts(delivery):
                    out[k] = replace(out[k], negated=True, negator=False)
    return out


def answered(words: list[Word], questions: set[int], marks: set[int], language: str) -> list[Word]:
    """A yes-or-no question answered with a short "no" is denied.

    The words of a clause that ends with a question mark, from its last
    punctuation mark on (``marks``), are negated when the next clause starts
    with a negator or a word of ``NO_ANSWERS`` (the Italian "no", "nope"; after
    words of ``HEDGES``: "Raczej nie.", "Direi di no.") followed by at
    most four words ("Would I recommend? Not a chance.", "Recomand? Nu."), unless the question starts with a word of
    ``WHY`` ("Why so expensive? No idea.") or the answer says it does not know
    (``NOT_DENIAL``: "No idea", "Nu știu", "No surprise there") or only
    announces ("Not gonna lie, yes").  An amount
    asked about is not denied ("200 zł for a hoodie? No way").
    """
    why = WHY.get(language, frozenset())
    not_denial = NOT_DENIAL.get(language, ())
    cancellers = CANCELLERS.get(language, ())
    hedges = HEDGES.get(language, frozenset())
    no_answers = NO_ANSWERS.get(language, frozenset())
    clauses: dict[int, list[int]] = {}
    for k, w in enumerate(words):
        clauses.setdefault(w.clause, []).append(k)
    out = list(words)
    for q in questions:
        asked, answer = clauses.get(q), clauses.get(q + 1)
        while answer and len(answer) > 1 and words[answer[0]].folded in hedges:
            answer = answer[1:]  # "Raczej nie.", "Direi di no."
        if not asked or not answer:
            continue
        if not (words[answer[0]].negator or words[answer[0]].folded in no_answers):
            continue
        reply = [answer[0]]
        for k in answer[1:]:
            if k in marks:
                break
            reply.append(k)
        if len(reply) > 1 + _SHORT_ANSWER or any(
            words[k].folded.startswith(not_denial + cancellers) for k in reply[1:]
        ):
            continue
        start = max([k for k in asked if k in marks and k != asked[0]] or [asked[0]])
        stretch = [k for k in asked if k >= start]
        if any(words[k].folded in why for k in stretch[:2]):
            continue
        if words[answer[0]].folded in no_answers and any(words[k].negator for k in stretch):
            continue  # "Avete mai visto una consegna così veloce? No!"
        for k in stretch:
            if not words[k].negator and words[k].folded != PRICE_QUESTION:
                out[k] = replace(out[k], negated=True)
    return out
