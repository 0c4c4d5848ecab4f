"""Validation of an event log, in SQL on the chosen backend.

Checks happen once, at the edge, and every problem names the source, the
column, example rows and the fix: missing columns, empty logs, missing ids or
events, unparseable timestamps, mixed time zones, events the journey does not
know, events after the observation end.  Rows are never dropped silently:
exclusions (when asked for) are recorded with their count and reason.

The valid log is then read as a view of integer columns (``h`` customer
hash, ``ts`` microseconds since 1970 UTC, ``code`` event code, ``kind``
0 stage / 1 touchpoint / 2 exit, ``sidx`` stage or exit index) beside the
customer id ``cid``; :mod:`cjresearch._eventscan` makes one pass over it.
"""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import columns as C
from ._eventscan import scan
from .backends import source_format
from .errors import DataValidationError

if TYPE_CHECKING:  # pragma: no cover
    from .events import EventLog

_TS_TYPES = ("TIMESTAMP", "DATE")
_TEXT_TYPES = ("VARCHAR", "STRING", "TEXT")
_OFFSET_RE = r"(Z|[+-][0-9]{2}:?[0-9]{2})$"


def to_utc_naive(value: Any) -> pd.Timestamp:
    """A date-like as a naive UTC Timestamp."""
    ts = pd.Timestamp(value)
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts


def _ts_us(value: Any) -> int:
    """Microseconds since 1970 (UTC) of a date-like."""
    return int(to_utc_naive(value).to_datetime64().astype("datetime64[us]").astype(np.int64))


def prepare(log: EventLog, events: Any, *, customers: pd.DataFrame | None,
            columns: dict[str, str] | None, observation_end: Any, unknown_events: str,
            after_observation_end: str) -> dict[str, Any]:
    b, src, journey = log.backend, log.source, log.journey
    raw = log._prefix + "raw"
    line_offset = 0
    if isinstance(events, pd.DataFrame):
        frame = events.rename(columns=columns or {})
        frame = _frame_timestamps_to_utc(frame)
        b.register_frame(raw, frame)
    else:
        path = str(events)
        fmt = source_format(path)
        if "*" not in path and not Path(path).exists():
            raise DataValidationError("file not found", source=src,
                                      fix="check the path (relative paths start at the "
                                          "working directory)")
        b.register_file(raw, str(Path(path).resolve()) if "*" not in path else path, fmt)
        line_offset = 1 if fmt == "csv" else 0
    types = b.column_types(raw)
    rename = {} if isinstance(events, pd.DataFrame) else {v: k for k, v in (columns or {}).items()}
    col = {c: rename.get(c, c) for c in (*_REQUIRED, C.CHANNEL)}
    for need in _REQUIRED:
        if col[need] not in types:
            found = ", ".join(types)
            close = difflib.get_close_matches(need, list(types), n=1, cutoff=0.4)
            hint = f"columns={{'{close[0]}': '{need}'}}" if close else \
                f"columns={{'<your column>': '{need}'}}"
            raise DataValidationError(
                f"required column '{need}' is missing (found: {found})", source=src, column=need,
                fix=f"rename it in the file or pass {hint}")

    ts_col, ts_type = col[C.TIMESTAMP], types[col[C.TIMESTAMP]]
    ts_raw = b.ident(ts_col)
    if ts_type.startswith(_TS_TYPES):
        ts_expr = b.epoch_us(ts_raw)
    elif ts_type.startswith(_TEXT_TYPES):
        n_off = b.query(f"""SELECT
              sum(CASE WHEN {b.matches(f'trim({ts_raw})', _OFFSET_RE)} THEN 1 ELSE 0 END) AS off,
              sum(CASE WHEN {ts_raw} IS NOT NULL AND NOT {b.matches(f'trim({ts_raw})', _OFFSET_RE)}
                  THEN 1 ELSE 0 END) AS naive FROM {raw}""").iloc[0]
        with_off, naive = _int(n_off["off"]), _int(n_off["naive"])
        if with_off and naive:
            rows = [int(r) + line_offset for r in b.query_in_file_order(
                f"SELECT _row FROM (SELECT {b.row_number()} AS _row, {ts_raw} FROM {raw}) AS x "
                f"WHERE {b.matches(f'trim({ts_raw})', _OFFSET_RE)} ORDER BY _row LIMIT 5")["_row"]]
            raise DataValidationError(
                f"mixed time zones: {with_off} timestamps carry a UTC offset and {naive} do not",
                source=src, column=ts_col, rows=rows,
                fix="export all timestamps in one convention (ideally UTC with an offset, "
                    "e.g. 2025-03-01T10:00:00+00:00)")
        ts_expr = b.parse_ts_us(f"trim({ts_raw})", with_offset=bool(with_off))
    else:
        raise DataValidationError(
            f"timestamps have type {ts_type}, not date-times", source=src, column=ts_col,
            fix="give ISO 8601 text (2025-03-01 10:00:00) or a timestamp column")

    cid = f"CAST({b.ident(col[C.CUSTOMER_ID])} AS STRING)"
    ev = f"CAST({b.ident(col[C.EVENT])} AS STRING)"
    select = f"{cid} AS cid, {ev} AS event, {ts_expr} AS ts"

    def rows_where(cond: str) -> list[int]:
        found = b.query_in_file_order(
            f"SELECT _row FROM (SELECT {b.row_number()} AS _row, {select} "
            f"FROM {raw}) AS x WHERE {cond} ORDER BY _row LIMIT 5")
        return [int(r) + line_offset for r in found["_row"]]

    # pass 1 reads only the event column: which names occur, how often
    counts = b.query(f"SELECT {ev} AS event, count(*) AS n FROM {raw} GROUP BY {ev}")
    if counts.empty or int(counts["n"].sum()) == 0:
        raise DataValidationError("the event log has no rows", source=src,
                                  fix="check the export; an empty log cannot be analysed")
    blank = counts["event"].isna() | (counts["event"].astype(str).str.strip() == "")
    if blank.any():
        raise DataValidationError(
            f"{int(counts.loc[blank, 'n'].sum())} rows have no event name", source=src,
            column=col[C.EVENT], rows=rows_where("event IS NULL OR trim(event) = ''"),
            fix="fill them in or remove those rows from the export")

    roles = journey.classify_events(counts["event"])
    n_of = counts.set_index("event")["n"]
    if roles.unknown:
        listing = ", ".join(f"'{e}' ({int(n_of[e])} rows)" for e in roles.unknown[:8])
        more = f" and {len(roles.unknown) - 8} more" if len(roles.unknown) > 8 else ""
        if unknown_events == "error":
            cond = "event IN (" + ", ".join(_lit(e) for e in roles.unknown) + ")"
            raise DataValidationError(
                f"{len(roles.unknown)} event names are not in the journey definition: "
                f"{listing}{more}", source=src, column=col[C.EVENT],
                rows=rows_where(cond),
                fix=f"add them to a stage's events or touchpoints, or to ignore_events, in "
                    f"{journey.source}; or pass unknown_events='exclude'")
        log.exclusions.append({"reason": f"events not in the journey definition: {listing}{more}",
                               "rows": int(sum(n_of[e] for e in roles.unknown))})
    if roles.ignored:
        log.exclusions.append({"reason": "events matching ignore_events in the journey "
                                         "definition", "rows": int(sum(n_of[e] for e in roles.ignored))})
    known = roles.table
    if known.empty or not (known["role"] == "stage").any():
        raise DataValidationError(
            "no event of the log places a customer in any stage", source=src,
            column=col[C.EVENT],
            fix=f"list the log's event names under the stages' events in {journey.source}")

    mapping = known.assign(kind=known["role"].map(_KIND))
    exit_pos = {e: i for i, e in enumerate(journey.exit_ids)}
    mapping["sidx"] = np.where(mapping["kind"] == 2, mapping["state"].map(exit_pos).fillna(0),
                               mapping["stage_index"]).astype("int64")
    mapping = mapping[["event", "code", "kind", "sidx"]].astype({"code": "int64", "kind": "int64"})
    map_name = log._prefix + "map"
    b.register_frame(map_name, mapping)

    # the known events with integer codes (a view: each pass reads the source itself)
    known_events = log._prefix + "known"
    b.materialize_view(known_events, f"""
        SELECT r.cid, {b.hash64('r.cid')} AS h, r.ts, CAST(m.code AS SMALLINT) AS code,
               CAST(m.kind AS TINYINT) AS kind, CAST(m.sidx AS TINYINT) AS sidx
        FROM (SELECT {select} FROM {raw}) AS r JOIN {map_name} AS m ON r.event = m.event""")
    explicit_end = observation_end if observation_end is not None else journey.observation_end
    end_us_guess = _ts_us(explicit_end) if explicit_end is not None else None
    n_stages = len(journey.stages)
    scanned = scan(b, known_events, mapping, n_stages=n_stages, late_after_us=end_us_guess)
    if scanned.no_id:
        raise DataValidationError(
            f"{scanned.no_id} rows have no customer id", source=src, column=col[C.CUSTOMER_ID],
            rows=rows_where("cid IS NULL OR cid = ''"),
            fix="fill them in or remove those rows from the export")
    if scanned.no_ts:
        bad = b.query(f"SELECT CAST({ts_raw} AS STRING) AS v FROM {raw} "
                      f"WHERE {ts_expr} IS NULL LIMIT 3")["v"]
        examples = ", ".join(repr(v) for v in bad if v is not None) or "empty values"
        raise DataValidationError(
            f"{scanned.no_ts} timestamps are missing or cannot be read (e.g. {examples})",
            source=src, column=ts_col, rows=rows_where("ts IS NULL"),
            fix="use ISO 8601 date-times such as 2025-03-01 10:00:00 (day/month order is "
                "never guessed)")

    # observation end: argument > journey > last event
    if explicit_end is not None:
        end = to_utc_naive(explicit_end)
    else:
        end = pd.Timestamp(np.datetime64(int(scanned.last_seen or 0), "us"))
    end_us = _ts_us(end)

    censor = None
    limit_expr = str(end_us)
    join = ""
    if customers is not None and C.OBSERVED_UNTIL in customers.columns:
        cust = customers[[C.CUSTOMER_ID, C.OBSERVED_UNTIL]].dropna()
        until = pd.to_datetime(cust[C.OBSERVED_UNTIL])
        if getattr(until.dt, "tz", None) is not None:
            until = until.dt.tz_convert("UTC").dt.tz_localize(None)
        censor = pd.Series(until.to_numpy(dtype="datetime64[us]").astype(np.int64),
                           index=cust[C.CUSTOMER_ID].astype(str).to_numpy())
        ends = log._prefix + "ends"
        b.register_frame(ends, pd.DataFrame({"cid": censor.index, "until_us": censor.to_numpy()}))
        join = f"LEFT JOIN {ends} AS o ON t.cid = o.cid"
        limit_expr = f"coalesce(o.until_us, {end_us})"
    if censor is None:
        n_late = scanned.late
    else:
        n_late = _int(b.query(f"SELECT count(*) AS n FROM {known_events} AS t {join} "
                              f"WHERE t.ts > {limit_expr}")["n"].iloc[0])
    events_view = known_events
    if n_late:
        if after_observation_end == "error":
            rows = rows_where(f"ts > {end_us}") if censor is None else []
            raise DataValidationError(
                f"{n_late} events are after the observation end "
                f"({'per customer' if censor is not None else end})", source=src, column=ts_col,
                rows=rows,
                fix="move observation_end in the journey definition (or observed_until in the "
                    "customers table) to the export date, or pass after_observation_end='exclude'")
        log.exclusions.append({"reason": "events after the observation end", "rows": n_late})
        events_view = log._prefix + "in_time"
        b.materialize_view(events_view, f"SELECT t.cid, t.h, t.ts, t.code, t.kind, t.sidx "
                                        f"FROM {known_events} AS t {join} "
                                        f"WHERE t.ts <= {limit_expr}")
        scanned = scan(b, events_view, mapping, n_stages=n_stages)

    return {"roles": mapping.merge(known[["code", "role", "state"]], on="code"),
            "observation_end": end, "events": events_view, "scan": scanned, "censor": censor}


_REQUIRED = (C.CUSTOMER_ID, C.TIMESTAMP, C.EVENT)
_KIND = {"stage": 0, "touchpoint": 1, "exit": 2}


def _int(value: Any) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def _lit(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _frame_timestamps_to_utc(frame: pd.DataFrame) -> pd.DataFrame:
    ts = frame.get(C.TIMESTAMP)
    if ts is not None and isinstance(ts.dtype, pd.DatetimeTZDtype):
        frame = frame.assign(**{C.TIMESTAMP: ts.dt.tz_convert("UTC").dt.tz_localize(None)})
    return frame
