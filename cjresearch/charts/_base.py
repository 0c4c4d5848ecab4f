"""Shared pieces of the chart modules: languages, texts, checks, a common look.

Charts only draw results computed elsewhere; nothing here computes a statistic.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..errors import DataValidationError

__all__ = [
    "LANGUAGES",
    "MAX_ROWS",
    "WIDTH",
    "check_language",
    "check_rows",
    "require_columns",
    "text",
]

#: Report languages every chart text is available in.
LANGUAGES = ("en", "ro", "bg", "pl", "pt", "it")
#: Most rows a chart may embed (aggregate before charting).
MAX_ROWS = 5000
#: Default chart width in pixels.
WIDTH = 560

_TEXTS: dict[str, dict[str, str]] = {
    "funnel_title": {
        "en": "Conversion into each stage from the one before",
        "ro": "Conversia în fiecare etapă din etapa anterioară",
        "bg": "Преминаване към всеки етап от предходния",
        "pl": "Konwersja do każdego etapu z poprzedniego",
        "pt": "Conversão para cada etapa a partir da anterior",
        "it": "Conversione in ogni fase dalla precedente",
    },
    "funnel_subtitle": {
        "en": "Bars: estimate; lines: 95% confidence interval",
        "ro": "Bare: estimare; linii: interval de încredere 95%",
        "bg": "Стълбове: оценка; линии: 95% доверителен интервал",
        "pl": "Słupki: oszacowanie; linie: 95% przedział ufności",
        "pt": "Barras: estimativa; linhas: intervalo de confiança de 95%",
        "it": "Barre: stima; linee: intervallo di confidenza al 95%",
    },
    "stage": {"en": "Stage", "ro": "Etapă", "bg": "Етап", "pl": "Etap", "pt": "Etapa",
              "it": "Fase"},
    "conversion": {"en": "Conversion from previous stage",
                   "ro": "Conversie din etapa anterioară",
                   "bg": "Преминаване от предходния етап",
                   "pl": "Konwersja z poprzedniego etapu",
                   "pt": "Conversão da etapa anterior",
                   "it": "Conversione dalla fase precedente"},
    "share_all": {"en": "Share of all customers", "ro": "Pondere din toți clienții",
                  "bg": "Дял от всички клиенти", "pl": "Odsetek wszystkich klientów",
                  "pt": "Percentagem de todos os clientes", "it": "Quota di tutti i clienti"},
    "customers": {"en": "Customers", "ro": "Clienți", "bg": "Клиенти", "pl": "Klienci",
                  "pt": "Clientes", "it": "Clienti"},
    "base": {"en": "Base (previous stage)", "ro": "Bază (etapa anterioară)",
             "bg": "База (предходен етап)", "pl": "Baza (poprzedni etap)",
             "pt": "Base (etapa anterior)", "it": "Base (fase precedente)"},
    "ci_low": {"en": "95% CI low", "ro": "IÎ 95% inf.", "bg": "95% ДИ долна",
               "pl": "95% PU dolna", "pt": "IC 95% inf.", "it": "IC 95% inf."},
    "ci_high": {"en": "95% CI high", "ro": "IÎ 95% sup.", "bg": "95% ДИ горна",
                "pl": "95% PU górna", "pt": "IC 95% sup.", "it": "IC 95% sup."},
}


def check_language(language: str) -> str:
    """Return ``language`` if charts speak it, else raise.

    Examples
    --------
    >>> check_language("ro")
    'ro'
    """
    if language not in LANGUAGES:
        raise DataValidationError(f"language '{language}' is not supported",
                                  fix=f"use one of {', '.join(LANGUAGES)}")
    return language


def text(key: str, language: str) -> str:
    """A chart text in ``language``.

    Examples
    --------
    >>> text("stage", "pl")
    'Etap'
    """
    return _TEXTS[key][check_language(language)]


def require_columns(frame: Any, columns: Iterable[str], *, source: str) -> pd.DataFrame:
    """Check that ``frame`` is a DataFrame holding ``columns``."""
    if not isinstance(frame, pd.DataFrame):
        raise DataValidationError(f"expected a pandas DataFrame, got {type(frame).__name__}",
                                  source=source)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataValidationError(
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
            source=source, fix="pass the result frame unchanged")
    return frame


def check_rows(frame: pd.DataFrame, *, source: str, max_rows: int = MAX_ROWS) -> None:
    """Refuse frames too large to embed in a report."""
    if len(frame) > max_rows:
        raise DataValidationError(
            f"{len(frame)} rows are too many to chart (at most {max_rows})", source=source,
            fix="aggregate to one row per group before charting")
