"""The report's narrative: headings and paragraphs of each section part, per language.

The texts live in ``texts/narrative.<language>.yaml`` (Markdown, ``{field}``
placeholders).  ``narrative.pt-BR.yaml`` holds only the Brazilian texts that differ
from European Portuguese (``narrative.pt.yaml``), which stands in for the rest
(:data:`cjresearch.core.i18n.FALLBACK`).  A language file may lack a key while it is
being translated; the English text is used then, and :func:`missing_keys` lists
what is still to translate (a test keeps the list empty).

Examples
--------
>>> narrative("overview.inputs", "en").splitlines()[0]
'## Data at a glance'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from cjresearch.core.i18n import FALLBACK, check_language

__all__ = ["missing_keys", "narrative"]

_DIR = Path(__file__).resolve().parent / "texts"


@cache
def _catalog(language: str) -> dict[str, str]:
    path = _DIR / f"narrative.{language}.yaml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v).strip() for k, v in data.items()}


def _own(key: str, language: str) -> str | None:
    """The text of ``key`` in ``language`` or its stand-in (``pt`` for ``pt-BR``)."""
    text = _catalog(language).get(key)
    while text is None and language in FALLBACK:
        language = FALLBACK[language]
        text = _catalog(language).get(key)
    return text


def narrative(key: str, language: str, **fields: object) -> str:
    """The narrative ``key`` in ``language`` with ``{field}`` placeholders filled in."""
    check_language(language)
    text = _own(key, language) or _catalog("en").get(key)
    if text is None:
        raise KeyError(f"no narrative '{key}'")
    return text.format(**fields) if fields else text


def missing_keys(language: str) -> list[str]:
    """Keys of the English narrative that ``language`` does not translate yet."""
    return sorted(k for k in _catalog("en") if _own(k, language) is None)
