"""Result frames as tables a reader can take in: the report's and the explorers' format.

One format for every table a person reads: escaped HTML (safe for respondent
text), no index column, floats to three significant digits, missing values
blank.  :func:`html_table` writes it; with a ``language`` the headers of the
shared result columns become their labels (:func:`cjresearch.core.i18n.column_label`)
and true/false cells read yes/no in that language (:func:`readable`).  The
report (:func:`cjresearch.report.display.table`) leaves both to the page, which
knows the language only when it is assembled.

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"estimate": [0.5], "small_base": [True], "own": ["<b>"]})
>>> readable(f, language="pt").to_dict("records")
[{'Estimativa': 0.5, 'Base pequena': 'sim', 'own': '<b>'}]
>>> "&lt;b&gt;" in html_table(f, language="en")
True
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd

from cjresearch.core.i18n import column_label, text

__all__ = ["FLOAT_FORMAT", "html_table", "is_boolean", "readable"]

#: Format of float cells in tables.
FLOAT_FORMAT = "{:,.3g}"


def is_boolean(column: pd.Series) -> bool:
    """A bool column, or one whose values are all True/False (missing allowed), e.g. an
    object column after a merge."""
    if pd.api.types.is_bool_dtype(column.dtype):
        return True
    if column.dtype != object:
        return False
    values = column.dropna()
    return len(values) > 0 and all(isinstance(v, (bool, np.bool_)) for v in values)


def readable(frame: pd.DataFrame, *, language: str) -> pd.DataFrame:
    """``frame`` with labelled headers and yes/no for true/false, in ``language``.

    The values are otherwise unchanged (numbers stay numbers); missing flags
    stay missing.
    """
    yes, no = text("yes", language), text("no", language)
    out = frame.copy()
    for name in out.columns:
        col = out[name]
        if is_boolean(col):
            out[name] = col.astype(object).map(lambda v: v if pd.isna(v) else (yes if v else no))
    out.columns = [column_label(str(c), language) for c in out.columns]
    return out


def html_table(
    frame: pd.DataFrame,
    *,
    language: str | None = None,
    caption: str | None = None,
    index: bool = False,
    float_format: str = FLOAT_FORMAT,
) -> str:
    """``frame`` as an escaped HTML table of class ``cjr-table``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    language : str, optional
        Label the headers and write yes/no in this language (see
        :func:`readable`); without it, headers and cells are written as they are.
    caption : str, optional
        A caption above the table (escaped too).
    index : bool
        Show the index.
    float_format : str
        Format of float cells.
    """
    shown: Any = frame if language is None else readable(frame, language=language)
    body = shown.to_html(
        index=index,
        escape=True,
        border=0,
        classes="cjr-table",
        float_format=float_format.format,
        na_rep="",
    )
    if caption:
        body = f'<p class="cjr-caption">{html.escape(caption)}</p>' + body
    return str(body)
