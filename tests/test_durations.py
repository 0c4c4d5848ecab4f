"""Durations in comments (cjresearch.survey.durations), as words_of reads them."""

from __future__ import annotations

from cjresearch.survey.durations import LONG, SHORT, duration_lemmas
from cjresearch.survey.wording import words_of


def test_durations_read_numbers_and_weekdays():
    def lemmas(text, lang):
        return [w.lemma for w in words_of(text, lang) if w.lemma in ("durshort", "durlong")]

    assert lemmas("10 working days", "en") == ["durlong"]
    assert lemmas("within 48 hours", "en") == ["durshort"]
    assert lemmas("less than a week", "en") == []
    assert lemmas("it took weeks", "en") == ["durlong"]
    assert lemmas("po dwóch tygodniach", "pl") == ["durlong"]
    assert lemmas("un paio di giorni", "it") == ["durshort"]
    assert lemmas("ordered Monday, came Tuesday", "en") == ["durshort"]
    assert lemmas("ordered Monday, came Friday", "en") == []


def test_a_time_of_day_and_clauses_are_not_durations():
    assert duration_lemmas(["at", "10", "hours"], [0, 0, 0], "en") == {}
    assert duration_lemmas(["in", "2", "hours"], [0, 0, 0], "en") == {2: SHORT}
    # weekdays in two sentences: no duration
    assert duration_lemmas(["monday", "tuesday"], [0, 1], "en") == {}
    assert duration_lemmas(["dupa", "3", "luni"], [0, 0, 0], "ro") == {2: LONG}
