"""The report's narrative: every language translates every part, keeping its structure."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from cjresearch.core.i18n import FALLBACK, LANGUAGES
from cjresearch.report import narrative as nar

TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
SECTIONS = Path(nar.__file__).resolve().parent / "sections"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _headings(text: str) -> list[int]:
    return [len(line) - len(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")]


def _marks(text: str) -> tuple[int, int, list[str]]:
    """Bold marks, italic marks and backquoted names, in a comparable form."""
    bold = text.count("**")
    return bold, text.replace("**", "").count("*"), sorted(re.findall(r"`[^`]+`", text))


def test_english_narrative_covers_every_part_that_speaks() -> None:
    # every key a section part says exists in English, and no English key is unused
    said = {
        m
        for f in SECTIONS.glob("*.py")
        for m in re.findall(r"""\bsay\(\s*["']([\w.]+)["']""", f.read_text("utf-8"))
    }
    english = set(nar._catalog("en"))
    assert said and said - english == set()
    assert english - said == set()
    # the survey section opens with its own heading, not inside the overview's steps
    assert nar.narrative("survey.sample", "en").startswith("# Survey analysis")
    assert "Survey analysis" not in nar.narrative("overview.steps", "en")


def _merged(language: str) -> dict[str, str]:
    """The language's texts, its stand-in's where it has none (pt for pt-BR)."""
    stand_in = FALLBACK.get(language)
    return {**(nar._catalog(stand_in) if stand_in else {}), **nar._catalog(language)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_missing_keys(language: str) -> None:
    assert nar.missing_keys(language) == []
    assert set(_merged(language)) == set(nar._catalog("en"))


@pytest.mark.parametrize("language", TRANSLATED)
def test_translation_keeps_the_structure(language: str) -> None:
    english, catalog = nar._catalog("en"), _merged(language)
    for key, en in english.items():
        text = catalog[key]
        assert _fields(text) == _fields(en), key
        assert _headings(text) == _headings(en), key
        assert _marks(text) == _marks(en), key
        assert text.count("\n\n") == en.count("\n\n"), f"{key}: paragraphs"
        if len(en) > 40:
            assert text != en, f"{key} is not translated"
        # the placeholders fill in (no stray braces), and no field is left unfilled
        filled = nar.narrative(key, language, **{f: "<X>" for f in _fields(en)})
        assert "{" not in filled and "}" not in filled, key


def test_bulgarian_is_cyrillic() -> None:
    for key, text in nar._catalog("bg").items():
        letters = [ch for ch in re.sub(r"`[^`]+`|\*\w+\*", "", text) if ch.isalpha()]
        cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in letters)
        assert cyrillic / len(letters) > 0.8, key


def test_narrative_in_a_language_with_fields() -> None:
    out = nar.narrative("progression.conversion", "ro", stage="Considerare")
    assert out.splitlines()[0] == "## Câți avansează și când?"
    assert "etapa *Considerare*" in out
    assert nar.narrative("overview.steps", "it", horizon="90 giorni").count("entro 90 giorni") == 1
