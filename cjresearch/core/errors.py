"""Exception and warning types shared by the whole package.

Every problem with a user's input is raised as :class:`DataValidationError`
(a ``ValueError``) whose message names the file, the column, example rows and
the fix.  Estimates that are computed but should be read with care raise a
:class:`SmallSampleWarning` or :class:`UnreliableEstimateWarning`, which the
report shows next to the number they concern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "CJResearchError",
    "CJResearchWarning",
    "DataValidationError",
    "JourneyDefinitionError",
    "MissingTranslationWarning",
    "ReportError",
    "RowsExcludedWarning",
    "SmallSampleWarning",
    "UnreliableEstimateWarning",
    "format_rows",
    "require_columns",
    "shorten",
]


def format_rows(rows: Iterable[Any], *, limit: int = 5) -> str:
    """Render example row labels as ``"rows 3, 7, 12 and 40 more"``.

    Row labels are shown as given (the readers pass 1-based line numbers of
    the file, counting the header as line 1).

    Examples
    --------
    >>> format_rows([2, 5, 9])
    'rows 2, 5, 9'
    >>> format_rows(range(2, 30), limit=3)
    'rows 2, 3, 4 and 25 more'
    >>> format_rows([7])
    'row 7'
    """
    rows = list(rows)
    if not rows:
        return "no rows"
    shown = ", ".join(str(r) for r in rows[:limit])
    word = "row" if len(rows) == 1 else "rows"
    more = f" and {len(rows) - limit} more" if len(rows) > limit else ""
    return f"{word} {shown}{more}"


class CJResearchError(Exception):
    """Base class of the package's own errors."""


_MAX_QUOTED = 80  # characters of one quoted value kept in a message
_MAX_MESSAGE = 2000  # characters of a whole problem or fix text
# a quoted value starts after a non-word character and ends before one ("stage's" is
# an apostrophe, not a quote)
_QUOTED = re.compile(
    rf"(?<!\w)'([^'\n]{{{_MAX_QUOTED + 1},}}?)'(?!\w)"
    rf"|(?<!\w)\"([^\"\n]{{{_MAX_QUOTED + 1},}}?)\"(?!\w)"
)


def shorten(text: str, *, limit: int = _MAX_QUOTED) -> str:
    """Cut long values out of a message: a quoted value (a cell, a header) keeps its
    first characters and says how long it was; the whole text stops at ``limit``.

    Examples
    --------
    >>> shorten("cannot read '" + "x" * 500 + "' as a date", limit=2000)
    "cannot read 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (500 characters)' as a date"
    >>> len(shorten("y" * 5000)) < 100
    True
    """

    def cut(m: re.Match[str]) -> str:
        value = m.group(1) if m.group(1) is not None else m.group(2)
        q = "'" if m.group(1) is not None else '"'
        return f"{q}{value[:60]}… ({len(value):,} characters){q}"

    text = _QUOTED.sub(cut, text)
    if len(text) > limit:
        text = f"{text[: max(limit - 40, 20)]}… ({len(text):,} characters)"
    return text


class DataValidationError(CJResearchError, ValueError):
    """An input file or frame breaks a rule; the message says how to fix it.

    Parameters
    ----------
    problem : str
        What is wrong, in plain words.
    source : str, optional
        The file (or ``"events"`` / ``"survey"`` frame name) the problem is in.
    column : str, optional
        The column concerned.
    rows : sequence, optional
        Example row labels (1-based file lines where known).
    fix : str, optional
        What the user can do about it.

    Examples
    --------
    >>> err = DataValidationError("3 values outside 0-10", source="survey.csv",
    ...                           column="nps", rows=[12, 40, 41],
    ...                           fix="recode them or set them to missing")
    >>> print(err)
    survey.csv, column 'nps': 3 values outside 0-10 (rows 12, 40, 41). Fix: recode them or set them to missing.
    """

    def __init__(
        self,
        problem: str,
        *,
        source: str | None = None,
        column: str | None = None,
        rows: Sequence[Any] | None = None,
        fix: str | None = None,
    ) -> None:
        self.problem = problem
        self.source = source
        self.column = column
        self.rows = list(rows) if rows is not None else []
        self.fix = fix
        super().__init__(self._message())

    def _message(self) -> str:
        where = []
        if self.source:
            where.append(shorten(str(self.source), limit=_MAX_MESSAGE))
        if self.column:
            where.append(f"column '{shorten(str(self.column), limit=_MAX_QUOTED * 2)}'")
        text = ", ".join(where)
        problem = shorten(self.problem, limit=_MAX_MESSAGE)
        text = f"{text}: {problem}" if text else problem
        if self.rows:
            text += f" ({format_rows(self.rows)})"
        if self.fix:
            text += f". Fix: {shorten(self.fix, limit=_MAX_MESSAGE)}"
        if not text.endswith("."):
            text += "."
        return text


class JourneyDefinitionError(DataValidationError):
    """The journey definition (YAML) is invalid."""


class ReportError(CJResearchError):
    """A report could not be built; the message names notebook, cell and cause."""


class CJResearchWarning(UserWarning):
    """Base class of the package's own warnings."""


class SmallSampleWarning(CJResearchWarning):
    """An estimate rests on fewer cases than the configured minimum base."""


class UnreliableEstimateWarning(CJResearchWarning):
    """An estimate was computed but its assumptions look doubtful."""


class MissingTranslationWarning(CJResearchWarning):
    """A text the report needs is not given in the report language (shown in English)."""


class RowsExcludedWarning(CJResearchWarning):
    """Rows were excluded from the analysis; the message gives count and reason."""


def require_columns(
    frame: Any,
    columns: Iterable[str],
    *,
    source: str,
    fix: str = "pass the frame returned by the package unchanged",
) -> Any:
    """Check that ``frame`` is a pandas DataFrame holding ``columns``; return it.

    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"n": [1]}), ["n", "base"], source="funnel")
    Traceback (most recent call last):
    ...
    cjresearch.core.errors.DataValidationError: funnel: missing column base. Fix: pass the frame returned by the package unchanged.
    """
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise DataValidationError(
            f"expected a pandas DataFrame, got {type(frame).__name__}", source=source
        )
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataValidationError(
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))}",
            source=source,
            fix=fix,
        )
    return frame
