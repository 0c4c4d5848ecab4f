"""Fixed report texts in the six report languages: en, ro, bg, pl, pt, it.

Everything a report prints that is neither narrative nor data comes from here:
the title block, table of contents and provenance headings of the page, chart
titles, axis and tooltip labels, and the headers of the shared result columns
(``n``, ``estimate``, ``ci_low``, ...).  Stage labels come from the journey
definition (:meth:`cjresearch.journey.definition.Journey.label`), never from here.
The texts themselves are in ``i18n.yaml`` beside this module, one entry per key with
its six translations.

Examples
--------
>>> text("contents", "ro")
'Cuprins'
>>> column_label("ci_low", "bg")
'95% ДИ долна'
>>> column_label("not_a_known_column", "pl")
'not_a_known_column'
"""

from __future__ import annotations

from pathlib import Path

import yaml

from cjresearch.core.errors import DataValidationError

__all__ = [
    "COLUMNS",
    "LANGUAGES",
    "TEXTS",
    "check_language",
    "column_label",
    "format_number",
    "format_percent",
    "text",
]

#: Report languages.
LANGUAGES = ("en", "ro", "bg", "pl", "pt", "it")


def _load() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """The tables of ``i18n.yaml`` next to this module, read once on import."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when it is there
    path = Path(__file__).with_name("i18n.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return data["texts"], data["columns"]


#: Fixed texts: ``{key: {language: text}}`` (the ``texts`` of ``i18n.yaml``).
#: Headers of the shared result columns in tables (``cjresearch.core.columns`` and
#: friends), the ``columns`` of ``i18n.yaml``.
TEXTS, COLUMNS = _load()


def check_language(language: str) -> str:
    """Return ``language`` if reports speak it, else raise.

    Examples
    --------
    >>> check_language("it")
    'it'
    """
    if language not in LANGUAGES:
        raise DataValidationError(
            f"language '{language}' is not supported", fix=f"use one of {', '.join(LANGUAGES)}"
        )
    return language


def text(key: str, language: str, **fields: object) -> str:
    """The fixed text ``key`` in ``language`` (``{field}`` placeholders filled in).

    Examples
    --------
    >>> text("step_title", "pt", days=90)
    'Passagem à etapa seguinte em 90 dias'
    """
    try:
        entry = TEXTS[key]
    except KeyError:
        raise DataValidationError(
            f"no report text called '{key}'", fix=f"use one of {', '.join(sorted(TEXTS))}"
        ) from None
    out = entry[check_language(language)]
    return out.format(**fields) if fields else out


def column_label(column: str, language: str) -> str:
    """The header of a shared result column in ``language`` (other names unchanged)."""
    entry = COLUMNS.get(column)
    return entry[check_language(language)] if entry else column


#: Decimal and thousands separators of each report language.
_SEPARATORS = {
    "en": (".", ","),
    "ro": (",", "."),
    "bg": (",", "\u00a0"),
    "pl": (",", "\u00a0"),
    "pt": (",", "."),
    "it": (",", "."),
}


def format_number(value: float, language: str, *, digits: int = 0, sign: bool = False) -> str:
    """``value`` with ``digits`` decimals and the separators of ``language`` (a minus
    sign, not a hyphen; ``sign``: a plus sign on positive values too).

    Examples
    --------
    >>> format_number(1234.5, "en", digits=1), format_number(1234.5, "ro", digits=1)
    ('1,234.5', '1.234,5')
    >>> format_number(-0.25, "it", digits=2), format_number(3, "en", sign=True)
    ('−0,25', '+3')
    """
    decimal, thousands = _SEPARATORS[check_language(language)]
    out = f"{abs(value):,.{digits}f}".translate({ord(","): "\0", ord("."): "\1"})
    out = out.replace("\0", thousands).replace("\1", decimal)
    if round(value, digits) < 0:
        return "\u2212" + out
    return ("+" + out) if sign and round(value, digits) > 0 else out


def format_percent(share: float, language: str, *, digits: int = 1, sign: bool = False) -> str:
    """A share (0.337) as a percentage (``33.7%``) in ``language``.

    Examples
    --------
    >>> format_percent(0.3366, "en"), format_percent(0.3366, "pt")
    ('33.7%', '33,7%')
    """
    return format_number(100 * share, language, digits=digits, sign=sign) + "%"
