"""What one pass over the known events yields: the :class:`Scan`.

Both strategies of :func:`cjresearch.engine.scan.scan` (``lists`` in
:mod:`~cjresearch.engine.scanlists`, ``window`` in SQL) fill the same
:class:`Scan`; :func:`from_first_times` derives the stage entries from each stage's
first time the same way for both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["EXIT_SLOTS", "NONE", "Scan", "from_first_times"]

#: "never" in the per-customer time arrays (first time at a stage, exit time)
NONE = np.iinfo(np.int64).max
#: exit indexes are packed into the low bits of a timestamp in the SQL aggregate
EXIT_SLOTS = 64


@dataclass
class Scan:
    """What one pass over the known events yields.

    Per-customer arrays are in the engine's order; ``ids`` are sorted and
    ``order`` maps them to it (``ids[i]`` is row ``order[i]`` of the arrays).

    ``entered[i, k]`` is when customer i entered stage k (first seen at k or
    a later stage; µs, ``NONE`` if not reached), ``inferred[i, k]`` whether
    that entry was taken from a later stage, ``out_of_order[i]`` whether a
    stage was first seen after a later one.  ``exit_at``/``exit_idx`` give
    the first exit (``NONE``/0 without one).  ``no_id``, ``no_ts``, ``late``
    count rows without an id, without a readable timestamp, and after
    ``late_after_us``; ``last_seen`` is the latest timestamp (also of events
    after an exit that the scan left out).  ``same_key``
    counts events that repeat a customer's previous event at the same time
    (candidates for exact duplicates; None where the strategy does not
    count them), ``after_exit`` the events later than the customer's first
    exit (None where not counted; excluded from the results when the scan
    was asked to), ``ambiguous`` the ids that more than one written form
    gives (``"1"`` and ``"1.0"``).  ``repeat_ids``: the written ids (``rid``)
    of the customers with such repeats (lists strategy); ``collapsed``: the
    repeats were left out of the results.  ``pairs``
    (``prev_code`` -1 at a customer's first event, ``code``, ``n``) and
    ``moves`` (``prev_stage`` -1 before any stage event, ``code`` of stage
    and exit events, ``n``) are the path counts, or None until
    :func:`path_counts_sql` computes them.
    """

    ids: np.ndarray
    order: np.ndarray
    first_ts: np.ndarray
    last_ts: np.ndarray
    n_events: np.ndarray
    entered: np.ndarray
    inferred: np.ndarray
    out_of_order: np.ndarray
    exit_at: np.ndarray
    exit_idx: np.ndarray
    no_id: int = 0
    no_ts: int = 0
    late: int = 0
    last_seen: int | None = None
    same_key: int | None = None
    repeat_ids: Any = field(default=None, repr=False)
    collapsed: bool = False
    after_exit: int | None = None
    ambiguous: tuple[str, ...] = ()
    pairs: pd.DataFrame | None = field(default=None, repr=False)
    moves: pd.DataFrame | None = field(default=None, repr=False)
    strategy: str = "window"


def from_first_times(first: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``entered``, ``inferred``, ``out_of_order`` from each stage's first time."""
    # entered stage k = first time seen at stage k or later
    entered = np.minimum.accumulate(first[:, ::-1], axis=1)[:, ::-1]
    reached = entered != NONE
    inferred = reached & (entered != first)
    out_of_order = ((first != NONE) & (first > entered)).any(axis=1)
    return entered, inferred, out_of_order
