"""Bulgarian in Latin letters (cjresearch.survey.transliteration)."""

from __future__ import annotations

from cjresearch.survey.transliteration import cyrillic, latin_only
from cjresearch.survey.wording import words_of


def test_bulgarian_in_latin_letters_reads_as_cyrillic():
    assert cyrillic("mnogo burzo, blagodarya") == "много бързо, благодаря"
    assert cyrillic("kurier") == "куриер"  # "u" before "r" and a vowel stays "у"
    assert cyrillic("ne6to za 24h, 4 dni") == "нещо за 24х, 4 дни"  # digits stay numbers
    assert [w.folded for w in words_of("Mnogo burzo", "bg")] == ["много", "бързо"]
    assert [w.folded for w in words_of("Much faster", "en")] == ["much", "faster"]


def test_only_latin_text_is_transliterated():
    assert latin_only("mnogo burzo")
    assert not latin_only("много burzo")
    assert not latin_only("24 / 7")
