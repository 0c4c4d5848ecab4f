"""Row numbers as the user sees them in the file (the ground floor every reader and
validator uses to name rows in messages)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["file_rows"]


def file_rows(data: pd.DataFrame | pd.Series, labels: Iterable[Any]) -> list[Any]:
    """Map index labels of ``data`` to the user's row numbers in the file.

    Uses ``data.attrs["line_numbers"]`` (set by :func:`cjresearch.inputs.tables.read_table`); labels
    it does not cover (frames built in memory) are returned unchanged.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": [1, 2, 3]})
    >>> df.attrs["line_numbers"] = (2, 3, 5)
    >>> file_rows(df[df["a"] > 1], [1, 2])
    [3, 5]
    >>> file_rows(pd.DataFrame({"a": [1]}), [0])
    [0]
    """
    lines = data.attrs.get("line_numbers")
    out: list[Any] = []
    for lab in labels:
        if lines is not None and isinstance(lab, (int, np.integer)) and 0 <= lab < len(lines):
            out.append(int(lines[int(lab)]))
        else:
            out.append(lab.item() if isinstance(lab, np.generic) else lab)
    return out
