"""Each customer's exposure to events before each stage, counted in the event engine.

:meth:`cjresearch.engine.eventlog.EventLog.exposure` is the way in (its docstring says
what counts as *before*); the counting is one SQL join of the compact event table
with every customer's cut-off time per stage.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cjresearch.core import columns as C
from cjresearch.engine.backends import Backend
from cjresearch.engine.scanresult import NONE
from cjresearch.engine.timeline import Timeline, to_us_array

__all__ = ["exposure_counts"]


def exposure_counts(
    backend: Backend, table: str, timeline: Timeline, roles: pd.DataFrame, *, scratch: str
) -> pd.DataFrame:
    """Event counts per customer before each stage and in the whole log.

    Parameters
    ----------
    backend : Backend
    table : str
        The engine's compact event table (``h``, ``ts``, ``code``, ``kind``, ``sidx``).
    timeline : Timeline
        Its timeline: stage entries, else the censoring time, are the cut-offs.
    roles : DataFrame
        ``code`` -> ``event`` of the log's event names.
    scratch : str
        A table name free for the cut-offs while the query runs.

    Returns
    -------
    DataFrame
        As :meth:`cjresearch.engine.eventlog.EventLog.exposure`.
    """
    wide = timeline.wide()
    cust = timeline.customers.set_index(C.CUSTOMER_ID)
    frames = []
    for k, sid in enumerate(timeline.journey.stage_ids):
        col = wide[sid]
        cut = col.fillna(cust["censor_at"].reindex(col.index))
        frames.append(
            pd.DataFrame(
                {
                    "cid": col.index.astype(str),
                    "sidx": k,
                    "reached": col.notna().to_numpy(),
                    "cut_us": to_us_array(cut),
                }
            )
        )
    # sidx -1: the whole log (no cut)
    frames.append(
        pd.DataFrame(
            {
                "cid": wide.index.astype(str),
                "sidx": -1,
                "reached": False,
                "cut_us": np.full(len(wide), NONE, dtype=np.int64),
            }
        )
    )
    cuts = pd.concat(frames, ignore_index=True)
    backend.register_frame(scratch, cuts)
    try:
        res = backend.query(f"""
            SELECT s.cid, s.sidx, s.reached, e.code, count(*) AS n
            FROM {table} AS e JOIN (SELECT *, {backend.hash64("cid")} AS h FROM {scratch}) AS s
                ON e.h = s.h
            WHERE e.kind <> 2 AND (e.ts < s.cut_us OR (e.ts = s.cut_us
                                   AND (NOT s.reached OR e.sidx < s.sidx)))
            GROUP BY s.cid, s.sidx, s.reached, e.code""")
    finally:
        backend.drop(scratch)
    names = roles.set_index("code")["event"]
    sidx = res["sidx"].astype(int).to_numpy()
    whole = sidx < 0
    reached = pd.array(res["reached"].astype(bool).to_numpy(), dtype="boolean")
    reached[whole] = pd.NA
    out = pd.DataFrame(
        {
            C.CUSTOMER_ID: res["cid"].astype(str),
            C.STAGE: pd.Categorical.from_codes(sidx, dtype=timeline.journey.stage_dtype()),  # type: ignore[arg-type]
            "reached": reached,
            C.EVENT: res["code"].map(names),
            C.N: res["n"].astype("int64"),
        }
    )
    return out.sort_values([C.CUSTOMER_ID, C.STAGE, C.EVENT]).reset_index(drop=True)
