"""Helpers of the section parts: narrative, notes on what was not measured."""

from __future__ import annotations

import html
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from cjresearch.report.narrative import narrative

__all__ = ["lacking", "note", "quiet", "say"]


def _display(obj: Any) -> None:
    from IPython.display import display

    display(obj)


def say(key: str, study: Any, **fields: Any) -> None:
    """Show the narrative ``key`` (a heading and its paragraphs) in the study's language.

    Field values are escaped: they may come from the client's data.
    """
    from IPython.display import Markdown

    safe = {k: html.escape(str(v)) for k, v in fields.items()}
    _display(Markdown(narrative(key, study.language, **safe)))


def note(text: str) -> None:
    """Show a note to the reader (escaped)."""
    from IPython.display import HTML

    _display(HTML(f'<div class="cjr-note"><p>{html.escape(text)}</p></div>'))


def lacking(study: Any, *inputs: str) -> bool:
    """True (after saying why, in the report language) when an input of ``inputs`` is missing."""
    sentences = study.not_measured(*inputs)
    for s in sentences:
        note(s)
    return bool(sentences)


@contextmanager
def quiet() -> Iterator[None]:
    """Small-base warnings off: every table flags its small bases in ``small_base``."""
    from cjresearch.core.errors import SmallSampleWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        yield
