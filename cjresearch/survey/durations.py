"""Durations in comments: "10 working days", "dwóch tygodniach", "ordered Monday, here Tuesday".

A word of time after a number (digits or a number word, up to two words before
it) makes a duration in days; a weekday a day or two after another weekday
named just before it, in the same clause, makes a short one.
:func:`duration_lemmas` gives the words of time that end a short or a long
duration, which :func:`cjresearch.survey.wording.words_of` reads as the lemmas
``SHORT`` and ``LONG`` and the cues of :mod:`cjresearch.survey.lexicon` match.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cjresearch.survey.grammar import WINDOW, word_sets

__all__ = [
    "DURATION_UNITS",
    "LESS_THAN",
    "LONG",
    "LONG_DAYS",
    "NUMBER_WORDS",
    "PLURAL_UNITS",
    "SHORT",
    "SHORT_DAYS",
    "WEEKDAYS",
    "duration_lemmas",
]

#: the lemma given to a word of time ending a short or a long duration (cue stems)
SHORT, LONG = "durshort", "durlong"

#: a duration of at most this many days is short ("in 2 days", "within 24 hours") ...
SHORT_DAYS = 2
#: ... and of at least this many long ("10 working days", "two weeks", "a month")
LONG_DAYS = 7


def _units(table: dict[str, str]) -> dict[str, dict[str, float]]:
    """``"day days:1 week:7"`` -> {"day": 1, "days": 1, "week": 7} per language."""
    out: dict[str, dict[str, float]] = {}
    for lang, text in table.items():
        out[lang] = {}
        for group in text.split(";"):
            forms, days = group.rsplit(":", 1)
            out[lang].update(dict.fromkeys(forms.split(), float(days)))
    return out


#: words of time and their length in days (folded, as written); a number or a
#: number word up to two words before makes a duration: "10 working days",
#: "dwóch tygodniach", "un paio di giorni"; "weeks" and "months" alone are long
DURATION_UNITS: dict[str, dict[str, float]] = _units(
    {
        "en": "hour hours hr hrs:0.04; day days:1; week weeks:7; fortnight:14; month months:30",
        "ro": "ora ore orei:0.04; zi zile zilei:1; saptamana saptamani saptamanii:7;"
        " luna luni lunii:30",
        "bg": "час часа часове:0.04; ден дни дена деня:1; седмица седмици седмица:7;"
        " месец месеца месеци:30",
        "pl": "godzina godziny godzin godzine:0.04; dzien dni dnia dniach:1;"
        " tydzien tygodnie tygodni tygodnia tygodniach tydzen:7;"
        " miesiac miesiace miesiecy miesiaca miesiacach:30",
        "pt": "hora horas:0.04; dia dias:1; semana semanas:7; mes meses:30",
        "it": "ora ore:0.04; giorno giorni:1; settimana settimane:7; mese mesi:30",
    }
)
#: number words (folded) and their value; "a few" counts as three
NUMBER_WORDS: dict[str, dict[str, float]] = _units(
    {
        "en": "a an one:1; two couple:2; three few several:3; four:4; five:5; six:6; seven:7;"
        " eight:8; nine:9; ten:10; eleven:11; twelve:12; fifteen:15; twenty:20; thirty:30",
        "ro": "o un una unu:1; doua doi:2; trei cateva citeva:3; patru:4; cinci:5; sase:6;"
        " sapte:7; opt:8; noua:9; zece:10; cincisprezece:15; douazeci:20; treizeci:30",
        "bg": "един една едно:1; два две:2; три няколко:3; четири:4; пет:5; шест:6; седем:7;"
        " осем:8; девет:9; десет:10; петнадесет петнайсет:15; двадесет двайсет:20",
        "pl": "jeden jedna jednego jednym:1; dwa dwie dwoch dwu dwoma:2;"
        " trzy trzech kilka kilku:3; cztery czterech:4; piec pieciu:5; szesc szesciu:6;"
        " siedem siedmiu:7; osiem osmiu:8; dziewiec dziewieciu:9; dziesiec dziesieciu:10;"
        " pietnascie:15; dwadziescia:20; trzydziesci:30",
        "pt": "um uma:1; dois duas:2; tres alguns algumas:3; quatro:4; cinco:5; seis:6; sete:7;"
        " oito:8; nove:9; dez:10; quinze:15; vinte:20; trinta:30",
        "it": "un uno una:1; due paio:2; tre qualche alcuni:3; quattro:4; cinque:5; sei:6;"
        " sette:7; otto:8; nove:9; dieci:10; quindici:15; venti:20; trenta:30",
    }
)
#: plurals that are long without a number: "it took weeks", "settimane di attesa"
PLURAL_UNITS: dict[str, frozenset[str]] = word_sets(
    {
        "en": "weeks months",
        "ro": "saptamani",  # not "luni": also Monday
        "bg": "седмици месеци",
        "pl": "tygodnie tygodni miesiace miesiecy",
        "pt": "semanas meses",
        "it": "settimane mesi",
    }
)
#: "less than a week" is neither short nor long
LESS_THAN: dict[str, frozenset[str]] = word_sets(
    {
        "en": "less under",
        "ro": "putin",
        "bg": "малко",
        "pl": "mniej niecale niecaly niecala",
        "pt": "menos",
        "it": "meno",
    }
)
#: the days of the week, Monday first, with their inflected forms (folded):
#: "ordered on Monday, here on Tuesday" is a short duration
WEEKDAYS: dict[str, dict[str, float]] = _units(
    {
        "en": "monday:0; tuesday tues:1; wednesday:2; thursday thurs:3;"
        " friday fri:4; saturday:5; sunday:6",
        "ro": "luni:0; marti:1; miercuri:2; joi:3; vineri:4; sambata:5; duminica:6",
        "bg": "понеделник:0; вторник:1; сряда:2; четвъртък:3; петък:4; събота:5; неделя:6",
        "pl": "poniedzialek:0; wtorek:1; sroda srode:2; czwartek:3; piatek:4;"
        " sobota sobote:5; niedziela niedziele:6",
        "pt": "segunda:0; terca:1; quarta:2; quinta:3; sexta:4; sabado:5; domingo:6",
        "it": "lunedi:0; martedi:1; mercoledi:2; giovedi:3; venerdi:4; sabato:5; domenica:6",
    }
)
#: words before a number of hours that make it a time of day: "at 10 hours",
#: "às 15 horas" ("às" folds to "as"), "в 10 часа", "alle 15", "o 15"
CLOCK: dict[str, frozenset[str]] = word_sets(
    {"en": "at", "pt": "as", "bg": "в", "it": "alle", "pl": "o"}
)


def _number(word: str, numbers: Mapping[str, float]) -> float | None:
    """The value of a number written in digits or words ("10", "dwóch"), else None."""
    if word.isdecimal():
        return float(int(word))
    return numbers.get(word)


def duration_lemmas(folded: Sequence[str], clauses: Sequence[int], language: str) -> dict[int, str]:
    """The positions of the words of time that end a short or a long duration.

    ``folded``: a comment's words without case or accents; ``clauses``: each
    word's clause.  Returns {position: ``SHORT`` or ``LONG``}: "10 working days"
    and "dwóch tygodniach" are long, "48 hours" and "a day" short; "weeks" and
    "months" alone are long; "less than a week" and "at 10 hours" are neither.

    Examples
    --------
    >>> duration_lemmas(["took", "10", "working", "days"], [0, 0, 0, 0], "en")
    {3: 'durlong'}
    >>> duration_lemmas(["ordered", "monday", "came", "tuesday"], [0, 0, 0, 0], "en")
    {3: 'durshort'}
    """
    units = DURATION_UNITS.get(language, {})
    numbers = NUMBER_WORDS.get(language, {})
    plural = PLURAL_UNITS.get(language, frozenset())
    less = LESS_THAN.get(language, frozenset())
    weekdays = WEEKDAYS.get(language, {})
    clock = CLOCK.get(language, frozenset())
    out: dict[int, str] = {}
    last_day: tuple[int, float] | None = None  # the last weekday named: where, which
    for j, word in enumerate(folded):
        number_before = j > 0 and _number(folded[j - 1], numbers) is not None
        if word in weekdays and not (word in units and number_before):  # not "3 luni"
            day = weekdays[word]
            if (
                last_day is not None
                and clauses[last_day[0]] == clauses[j]
                and j - last_day[0] <= WINDOW * 2
                and 0 < (day - last_day[1]) % 7 <= SHORT_DAYS
            ):
                out[j] = SHORT
            last_day = (j, day)
            continue
        if word not in units:
            continue
        count, below = None, False
        hours = units[word] < 1  # "two hours", not "due magliette, ora" (now)
        for i in range(j - 1, max(j - (2 if hours else 3), -1), -1):
            if clauses[i] != clauses[j]:
                break
            count = _number(folded[i], numbers)
            if count is not None:
                below = any(x in less for x in folded[max(i - 3, 0) : i])
                if hours and i > 0 and folded[i - 1] in clock:  # a time of day
                    count = None
                break
        if count is None:
            if word in plural:
                out[j] = LONG
            continue
        days = count * units[word]
        if days <= SHORT_DAYS:
            out[j] = SHORT
        elif days >= LONG_DAYS and not below:
            out[j] = LONG
    return out
