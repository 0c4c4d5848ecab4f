"""Bulgarian written in Latin letters ("shlyokavitsa"), read in Cyrillic.

Customers often write Bulgarian in Latin letters ("mnogo burzo pristigna");
:func:`cjresearch.survey.wording.words_of` reads such a comment through
:func:`cyrillic` so that the Cyrillic cue lists, lemmas and negators apply.  The
spelling is ambiguous: "u" is read "ъ" before "r" or "l" and a consonant
("burzo" -> бързо) and "у" elsewhere, "i" after a vowel "й", "ia" after a consonant at
the end of a word "ия" ("vtoria" -> втория); "a" written for
"ъ" ("sam" for съм) and "j" for "й" are not guessed.
"""

from __future__ import annotations

import re

__all__ = ["cyrillic", "latin_only"]

_LATIN = re.compile(r"[a-z]")
_CYRILLIC = re.compile(r"[а-яё]")
# longest spellings first
_TO_CYRILLIC = [
    ("sht", "щ"), ("zh", "ж"), ("ch", "ч"), ("sh", "ш"), ("yu", "ю"),
    ("iu", "ю"), ("ya", "я"), ("q", "я"),
    ("w", "в"), ("x", "х"), ("j", "ж"), ("y", "ъ"), ("a", "а"), ("b", "б"), ("v", "в"),
    ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("k", "к"), ("l", "л"),
    ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("f", "ф"), ("h", "х"), ("c", "ц"),
]  # fmt: skip
_SCHWA = re.compile(r"u(?=[rl](?:[^aeiouy]|$))")  # "burzo" -> бързо, "kurier" -> куриер
_SHT = re.compile(r"(?<![0-9])6t")  # "ne6to": нещо
_DIGIT_LETTER = re.compile(r"(?<![0-9])[46](?=[a-z])|(?<=[a-z])[46](?![0-9])")  # "4ao": чао
_SHORT_I = re.compile(r"(?<=[aeiou])i(?![aeiou])")  # "sait" -> сайт, "moi" -> мой
_IA = re.compile(r"(?<=[^aeiou\W])ia\b")  # "vtoria" -> втория, "informacia" -> информация


def latin_only(text: str) -> bool:
    """Whether lower-case ``text`` has Latin letters and no Cyrillic ones."""
    return bool(_LATIN.search(text)) and not _CYRILLIC.search(text)


def cyrillic(text: str) -> str:
    """Bulgarian written in Latin letters, in Cyrillic ("mnogo burzo" -> "много бързо").

    Examples
    --------
    >>> cyrillic("mnogo burzo pristigna, blagodarya")
    'много бързо пристигна, благодаря'
    """
    out = _IA.sub("ия", _SHORT_I.sub("й", _SCHWA.sub("ъ", text.lower())))
    out = _DIGIT_LETTER.sub(lambda m: "ч" if m.group(0) == "4" else "ш", _SHT.sub("sht", out))
    for latin, cyr in _TO_CYRILLIC:
        out = out.replace(latin, cyr)
    return out.replace("u", "у")
