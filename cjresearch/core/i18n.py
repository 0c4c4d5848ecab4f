"""Fixed report texts in the report languages: en, ro, bg, pl, pt (European), pt-BR, it.

Everything a report prints that is neither narrative nor data comes from here:
the title block, table of contents and provenance headings of the page, chart
titles, axis and tooltip labels, and the headers of the shared result columns
(``n``, ``estimate``, ``ci_low``, ...).  Stage labels come from the journey
definition (:meth:`cjresearch.journey.definition.Journey.label`), never from here.
The texts themselves are in ``i18n.yaml`` beside this module, one entry per key with
its translations.  Brazilian Portuguese (``pt-BR``) falls back to European Portuguese
(``pt``): an entry carries a ``pt-BR`` text only where Brazilian usage differs
(*registro*, *arquivo*, *pesquisa*, *usuário*, *equipe*, ...); :data:`FALLBACK` says
which language stands in for which.

Examples
--------
>>> text("contents", "ro")
'Cuprins'
>>> column_label("ci_low", "bg")
'95% ДИ долна'
>>> column_label("not_a_known_column", "pl")
'not_a_known_column'
>>> text("event_log", "pt"), text("event_log", "pt-BR")
('Registo de eventos', 'Registro de eventos')
>>> text("contents", "pt-BR")  # the same in both
'Índice'
"""

from __future__ import annotations

from pathlib import Path

import yaml

from cjresearch.core.errors import DataValidationError

__all__ = [
    "COLUMNS",
    "FALLBACK",
    "LANGUAGES",
    "TEXTS",
    "VALUES",
    "check_language",
    "column_label",
    "format_number",
    "format_percent",
    "pick",
    "text",
    "value_label",
]

#: Report languages (``pt`` is European Portuguese, ``pt-BR`` Brazilian Portuguese).
LANGUAGES = ("en", "ro", "bg", "pl", "pt", "pt-BR", "it")

#: A language's stand-in where one of its texts is not written out (the same words).
FALLBACK = {"pt-BR": "pt"}


Table = dict[str, dict[str, str]]


def _load() -> tuple[Table, Table, dict[str, Table]]:
    """The tables of ``i18n.yaml`` next to this module, read once on import."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when it is there
    path = Path(__file__).with_name("i18n.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return data["texts"], data["columns"], data.get("values", {})


#: Fixed texts: ``{key: {language: text}}`` (the ``texts`` of ``i18n.yaml``).
#: Headers of the shared result columns in tables (``cjresearch.core.columns`` and
#: friends), the ``columns`` of ``i18n.yaml``.
#: Codes that result columns hold (``kind: top_box``, ``direction: back``), as words:
#: ``{column: {code: {language: text}}}``, the ``values`` of ``i18n.yaml``.
TEXTS, COLUMNS, VALUES = _load()


def pick(entry: dict[str, str], language: str) -> str:
    """The text of ``entry`` in ``language``, else in its stand-in (:data:`FALLBACK`).

    Examples
    --------
    >>> pick({"pt": "ficheiro", "pt-BR": "arquivo"}, "pt-BR"), pick({"pt": "sim"}, "pt-BR")
    ('arquivo', 'sim')
    """
    while language not in entry and language in FALLBACK:
        language = FALLBACK[language]
    return entry[language]


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
    out = pick(entry, check_language(language))
    return out.format(**fields) if fields else out


def column_label(column: str, language: str) -> str:
    """The header of a shared result column in ``language`` (other names unchanged)."""
    entry = COLUMNS.get(column)
    return pick(entry, check_language(language)) if entry else column


def value_label(column: str, value: object, language: str) -> str | None:
    """The words for the code ``value`` of result column ``column``, or None if not a code.

    Examples
    --------
    >>> value_label("direction", "back", "it"), value_label("direction", "sideways", "it")
    ('indietro', None)
    """
    entry = VALUES.get(column, {}).get(str(value)) or VALUES.get("*", {}).get(str(value))
    return pick(entry, check_language(language)) if entry else None


#: Decimal and thousands separators of each report language.
_SEPARATORS = {
    "en": (".", ","),
    "ro": (",", "."),
    "bg": (",", "\u00a0"),
    "pl": (",", "\u00a0"),
    "pt": (",", "."),
    "pt-BR": (",", "."),
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
