"""Helpers of the section parts: narrative, notes on what was not measured."""

from __future__ import annotations

import html
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from cjresearch.report.narrative import narrative

__all__ = ["labels", "lacking", "name", "note", "quiet", "relabelled", "say", "table"]


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


def labels(study: Any) -> dict[str, str]:
    """``{id: label}`` in the study's language: the journey's stages and exits, and the
    ids the configuration names under ``labels`` (touchpoints, rating columns...)."""
    try:
        journey = study.journey
    except Exception:  # noqa: BLE001 - no journey given: ids stay as they are
        journey = None
    out = dict(journey.labels(study.language)) if journey is not None else {}
    spec = getattr(study, "spec", None)
    if spec is None:  # a study-like object without a configuration
        return out
    for ident in spec.labels:
        label = spec.label_of(ident)
        if label is not None:
            out[ident] = label
    return out


def relabelled(study: Any, frame: Any, columns: tuple[str, ...] = ("touchpoint", "driver")) -> Any:
    """``frame`` with the ids of ``columns`` written as their labels, for a chart's axis
    (tables get their labels as they are shown: :func:`table`)."""
    names = labels(study)
    present = [c for c in columns if c in frame.columns]
    if not names or not present:
        return frame
    out = frame.copy()
    for c in present:
        out[c] = out[c].map(lambda v: names.get(str(v), v))
    return out


def name(study: Any, ident: Any) -> str:
    """How a sentence names ``ident``: its label (:func:`labels`), a result code in words
    (``nps`` -> NPS), else the id with spaces for underscores (``checkout_error``)."""
    from cjresearch.core.i18n import value_label

    s = str(ident)
    found = labels(study).get(s) or value_label("measure", s, study.language)
    return found if found is not None else s.replace("_", " ")


def table(study: Any, data: Any, *, shares: bool = False, **options: Any) -> Any:
    """Show a result table in the study's language: headers, codes, stage labels, numbers.

    ``shares``: the estimate and its interval are shares (shown as percentages); other
    options go to :func:`cjresearch.report.display.table`.
    """
    from cjresearch.report.runner import table as show_table

    return show_table(
        data,
        language=study.language,
        labels=labels(study),
        shares=shares,
        currency=study.currency,
        **options,
    )


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
