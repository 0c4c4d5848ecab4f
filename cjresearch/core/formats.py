"""Numbers, shares, intervals, dates and money as a reader of the report's language writes them.

One formatter for every number a client sees (tables, narrative fields, captions,
notes), built on Babel's CLDR data:

========  ==========  =================================================
language  locale      why
========  ==========  =================================================
en        ``en_GB``   the clients are European: day before month, €
ro        ``ro_RO``
bg        ``bg_BG``
pl        ``pl_PL``
pt        ``pt_PT``   European Portuguese
pt-BR     ``pt_BR``   Brazilian Portuguese
it        ``it_IT``
========  ==========  =================================================

Rules: no exponent notation and no float noise (``-1.11e-16`` is ``0``); a share
(0-1) is shown as a percentage; counts are whole numbers with the locale's digit
grouping; p-values below 0.001 read ``< 0.001``; True and False are the language's
yes and no; a missing value is an empty string.  The export files keep full
precision (:mod:`cjresearch.report.exports`); this module only writes text.

Examples
--------
>>> number(2984.456, "pt")
'2\xa0984'
>>> number(2984.456, "en"), number(-1.11e-16, "en"), number(0.01549, "en")
('2,984', '0', '0.0155')
>>> percent(0.4724, "ro"), percent(0.4724, "pt-BR")
('47,2\\xa0%', '47,2%')
>>> interval(0.442, 0.502, "it", share=True)
'44,2%–50,2%'
>>> count(1187, "pl"), count(29883, "pl")
('1\xa0187', '29\xa0883')
>>> p_value(0.00001, "en"), p_value(0.0312, "bg")
('< 0.001', '0,031')
>>> date_range("2016-10-04", "2018-09-20", "pt")
'4 de out. de 2016 – 20 de set. de 2018'
>>> money(1234.5, "pt", currency="EUR")
'1\\xa0234,50\\xa0€'
>>> yes_no(True, "ro"), yes_no(False, "it")
('da', 'no')
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
from babel import Locale
from babel.dates import format_date, format_interval
from babel.numbers import format_currency, format_decimal, format_percent

from cjresearch.core.i18n import check_language, text

__all__ = [
    "LOCALES",
    "count",
    "d3_locale",
    "date",
    "date_range",
    "format_value",
    "interval",
    "locale",
    "money",
    "number",
    "p_value",
    "percent",
    "period",
    "yes_no",
]

#: Babel locale of each report language (see the module docstring for the choice).
LOCALES = {
    "en": "en_GB",
    "ro": "ro_RO",
    "bg": "bg_BG",
    "pl": "pl_PL",
    "pt": "pt_PT",
    "pt-BR": "pt_BR",
    "it": "it_IT",
}


def locale(language: str) -> str:
    """The Babel locale of a report language.

    Examples
    --------
    >>> locale("pt-BR")
    'pt_BR'
    """
    return LOCALES[check_language(language)]


def _missing(x: Any) -> bool:
    try:
        return bool(pd.isna(x))  # None, NaN, NaT, pd.NA
    except (TypeError, ValueError):  # a list or another container: not one missing value
        return False


def _clean(x: float, decimals: int) -> float:
    """``x`` rounded to ``decimals``, without a negative zero."""
    r = round(float(x), decimals)
    return 0.0 if r == 0 else r


def _decimals(x: float, digits: int) -> int:
    """Decimals that show ``digits`` significant digits of ``x`` (at most 4; none past 100)."""
    a = abs(x)
    if a == 0 or a >= 10 ** (digits - 1):
        return 0
    return max(0, min(4, digits - 1 - math.floor(math.log10(a))))


def number(x: Any, language: str, *, digits: int = 3, decimals: int | None = None) -> str:
    """A number with about ``digits`` significant digits (or fixed ``decimals``), no exponent.

    Examples
    --------
    >>> number(1.144, "ro"), number(-24.44, "it"), number(3.7, "en", decimals=2)
    ('1,14', '-24,4', '3.70')
    """
    if _missing(x):
        return ""
    v = float(x)
    if math.isinf(v):
        return "∞" if v > 0 else "-∞"
    d = _decimals(v, digits) if decimals is None else decimals
    v = _clean(v, d)
    pattern = "#,##0" + ("." + "0" * d if d else "")
    if decimals is None and d:  # trailing zeros say nothing here
        pattern = "#,##0." + "#" * d
    return format_decimal(v, pattern, locale=locale(language))


def count(x: Any, language: str) -> str:
    """A whole number with the locale's digit grouping."""
    if _missing(x):
        return ""
    return format_decimal(round(float(x)), "#,##0", locale=locale(language))


def percent(x: Any, language: str, *, decimals: int = 1) -> str:
    """A share (0-1) as a percentage with ``decimals`` decimals."""
    if _missing(x):
        return ""
    v = _clean(float(x), decimals + 2)
    loc = locale(language)
    pattern = Locale.parse(loc).percent_formats[None].pattern  # where the sign goes, spacing
    if decimals:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals)
    return format_percent(v, pattern, locale=loc)


def interval(low: Any, high: Any, language: str, *, share: bool = False, digits: int = 3) -> str:
    """An interval ``low–high`` (shares as percentages)."""
    if _missing(low) and _missing(high):
        return ""
    fmt: Callable[[Any], str] = (
        (lambda v: percent(v, language))
        if share
        else (lambda v: number(v, language, digits=digits))
    )
    return f"{fmt(low)}–{fmt(high)}"


def p_value(p: Any, language: str) -> str:
    """A p-value: three decimals, ``< 0.001`` below that."""
    if _missing(p):
        return ""
    if float(p) < 0.001:
        return "< " + number(0.001, language, decimals=3)
    return number(p, language, decimals=3)


def money(x: Any, language: str, *, currency: str = "EUR") -> str:
    """An amount of ``currency`` (ISO 4217 code) as the language writes money."""
    if _missing(x):
        return ""
    return format_currency(_clean(float(x), 2), currency, locale=locale(language))


def _as_date(d: Any) -> dt.date:
    if isinstance(d, str):
        return dt.date.fromisoformat(d[:10])
    if isinstance(d, dt.datetime):
        return d.date()
    if isinstance(d, dt.date):
        return d
    return dt.date.fromisoformat(str(d)[:10])  # pandas.Timestamp, numpy.datetime64


def date(d: Any, language: str) -> str:
    """A date as the language writes it (medium length: ``4 Oct 2016``)."""
    if _missing(d):
        return ""
    return format_date(_as_date(d), "medium", locale=locale(language))


def date_range(start: Any, end: Any, language: str) -> str:
    """From ``start`` to ``end``, as the language writes a date interval."""
    return format_interval(
        _as_date(start), _as_date(end), "yMMMd", locale=locale(language)
    ).replace("\u2009", " ")


_PERIOD = re.compile(
    r"\s*(\d{4}-\d{2}(?:-\d{2})?)\s*(?:to|until|-|–|—|/|\.\.)\s*(\d{4}-\d{2}(?:-\d{2})?)\s*"
)


def period(given: str, language: str) -> str:
    """A period written ``2025-01 to 2025-12`` (months or days) as the language writes it;
    any other text unchanged.

    Examples
    --------
    >>> period("2025-01 to 2025-12", "pt"), period("Q1 2025", "pt")
    ('jan.–dez. de 2025', 'Q1 2025')
    """
    m = _PERIOD.fullmatch(given)
    if m is None:
        return given
    a, b = m.groups()
    days = len(a) == 10 and len(b) == 10
    start = dt.date.fromisoformat(a if days else a + "-01")
    end = dt.date.fromisoformat(b if days else b + "-01")
    skeleton = "yMMMd" if days else "yMMM"
    return format_interval(start, end, skeleton, locale=locale(language)).replace("\u2009", " ")


def yes_no(b: Any, language: str) -> str:
    """True and False as the language's yes and no (missing: empty)."""
    if _missing(b):
        return ""
    return text("yes" if bool(b) else "no", language)


#: How :func:`format_value` writes each kind of value.
KINDS = ("number", "count", "share", "p_value", "money", "flag", "date", "text")


def format_value(x: Any, kind: str, language: str, *, currency: str = "EUR") -> str:
    """``x`` written as a value of ``kind`` (one of :data:`KINDS`).

    Examples
    --------
    >>> format_value(0.25, "share", "en"), format_value(True, "flag", "pt")
    ('25.0%', 'sim')
    """
    if kind == "text" or isinstance(x, str):
        return "" if _missing(x) else str(x)
    if isinstance(x, bool) or type(x).__name__ == "bool_" or kind == "flag":
        return yes_no(x, language)
    if kind == "count":
        return count(x, language)
    if kind == "share":
        return percent(x, language)
    if kind == "p_value":
        return p_value(x, language)
    if kind == "money":
        return money(x, language, currency=currency)
    if kind == "date":
        return date(x, language)
    if isinstance(x, dt.date):
        return date(x, language)
    if isinstance(x, numbers.Integral):
        return count(x, language)
    try:
        return number(x, language)
    except (TypeError, ValueError):
        return str(x)


_D3_FIELDS = {
    "dd": "%d",
    "d": "%-d",
    "MM": "%m",
    "M": "%-m",
    "y": "%Y",
    "yyyy": "%Y",
    "yy": "%y",
    "HH": "%H",
    "H": "%-H",
    "hh": "%I",
    "h": "%-I",
    "mm": "%M",
    "ss": "%S",
    "a": "%p",
}
_LDML = re.compile(r"'([^']*)'|([A-Za-z])\2*")


def _d3_pattern(ldml: str) -> str:
    """A CLDR date or time pattern (``dd/MM/y``) as a d3 time format (``%d/%m/%Y``)."""

    def one(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            return m.group(1).replace("%", "%%") or "'"
        return _D3_FIELDS.get(m.group(0), "")

    return _LDML.sub(one, ldml).strip()


def d3_locale(language: str, currency: str = "EUR") -> dict[str, Any]:
    """How charts write numbers and dates in ``language``: vega-embed's ``formatLocale``
    and ``timeFormatLocale`` options (d3's locale definitions), from Babel's CLDR data.

    Examples
    --------
    >>> loc = d3_locale("pt-BR")
    >>> loc["formatLocale"]["decimal"], loc["formatLocale"]["thousands"]
    (',', '.')
    >>> loc["timeFormatLocale"]["date"], loc["timeFormatLocale"]["shortMonths"][0]
    ('%d/%m/%Y', 'jan.')
    """
    from babel.numbers import get_currency_symbol, get_decimal_symbol, get_group_symbol

    loc = locale(language)
    cldr = Locale.parse(loc)
    symbol = get_currency_symbol(currency, loc)
    pattern = cldr.currency_formats["standard"].pattern
    gap = "\u00a0" if pattern[1:2].isspace() or pattern[-2:-1].isspace() else ""
    days, months = cldr.days["format"], cldr.months["format"]
    periods = cldr.day_periods["format"]["abbreviated"]
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # CLDR counts from Monday, d3 from Sunday
    date_ = _d3_pattern(cldr.date_formats["short"].pattern)
    time_ = _d3_pattern(cldr.time_formats["medium"].pattern)
    return {
        "formatLocale": {
            "decimal": get_decimal_symbol(loc),
            "thousands": get_group_symbol(loc),
            "grouping": [3],
            "currency": [symbol + gap, ""] if pattern.startswith("¤") else ["", gap + symbol],
            "minus": "\u2212",
        },
        "timeFormatLocale": {
            "dateTime": f"{date_} {time_}",
            "date": date_,
            "time": time_,
            "periods": [periods.get("am", "AM"), periods.get("pm", "PM")],
            "days": [days["wide"][i] for i in sunday_first],
            "shortDays": [days["abbreviated"][i] for i in sunday_first],
            "months": [months["wide"][i] for i in range(1, 13)],
            "shortMonths": [months["abbreviated"][i] for i in range(1, 13)],
        },
    }
