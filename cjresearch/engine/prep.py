"""Validation of an event log, in SQL on the chosen backend.

Checks happen once, at the edge, and every problem names the source, the
column, example rows and the fix: unreadable or empty files, missing columns,
missing or ambiguous ids (by the rule of :mod:`cjresearch.inputs.ids`), missing
events, unparseable timestamps, mixed time zones, events the journey does not
know, exact duplicate rows, events after the observation end (also a few rows
far after the rest of the log when the end is taken from the last event) and
events after the customer's exit.  Rows are never dropped silently:
exclusions are recorded with their count and reason, in this order:
duplicates, late events, events after the exit.

The valid log is then read as a view of integer columns (``h`` customer
hash, ``ts`` microseconds since 1970 UTC, ``code`` event code, ``kind``
0 stage / 1 touchpoint / 2 exit, ``sidx`` stage or exit index) beside the
customer id ``cid``; :mod:`cjresearch.engine.scan` makes one pass over it.
"""

from __future__ import annotations

import difflib
import math
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from cjresearch.core import columns as C
from cjresearch.core.errors import DataValidationError
from cjresearch.engine.backends import source_format
from cjresearch.engine.scan import Scan, scan
from cjresearch.inputs.ids import id_sql, normalize_ids, not_whole_sql, text_form_sql

if TYPE_CHECKING:  # pragma: no cover
    from cjresearch.engine.eventlog import EventLog

_TS_TYPES = ("TIMESTAMP", "DATE")
_TEXT_TYPES = ("VARCHAR", "STRING", "TEXT")
_OFFSET_RE = r"(Z|[+-][0-9]{2}:?[0-9]{2})$"


def to_utc_naive(value: Any) -> pd.Timestamp:
    """A date-like as a naive UTC Timestamp."""
    ts = pd.Timestamp(value)
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts


def ts_us(value: Any) -> int:
    """Microseconds since 1970 (UTC) of a date-like."""
    return int(to_utc_naive(value).to_datetime64().astype("datetime64[us]").astype(np.int64))


def _blank_file(path: Path) -> bool:
    """True for a file with nothing but white space (0 bytes, or only line breaks)."""
    return path.stat().st_size <= 4096 and not path.read_bytes().strip()


def prepare(
    log: EventLog,
    events: Any,
    *,
    customers: pd.DataFrame | Future | None,
    columns: dict[str, str] | None,
    observation_end: Any,
    unknown_events: str,
    late_events: str,
    duplicates: str,
    after_exit: str,
) -> dict[str, Any]:
    b, src, journey = log.backend, log.source, log.journey
    raw = log.view_prefix + "raw"
    line_offset = 0
    is_csv = False
    if isinstance(events, pd.DataFrame):
        frame = events.rename(columns=columns or {})
        frame = _frame_timestamps_to_utc(frame)
        frame = _frame_ids_to_text(frame, src)
        b.register_frame(raw, frame)
    else:
        path = str(events)
        fmt = source_format(path)
        if "*" not in path and not Path(path).exists():
            raise DataValidationError(
                "file not found",
                source=src,
                fix="check the path (relative paths start at the working directory)",
            )
        if "*" not in path and _blank_file(Path(path)):
            raise DataValidationError(
                "the file is empty (no header, no rows)",
                source=src,
                fix="check that the export finished and the path is right",
            )
        b.register_file(raw, str(Path(path).resolve()) if "*" not in path else path, fmt)
        is_csv = fmt == "csv"
        line_offset = 1 if is_csv else 0
    types = b.column_types(raw)
    rename = {} if isinstance(events, pd.DataFrame) else {v: k for k, v in (columns or {}).items()}
    col = {c: rename.get(c, c) for c in (*_REQUIRED, C.CHANNEL)}
    for need in _REQUIRED:
        if col[need] not in types:
            found = ", ".join(types)
            close = difflib.get_close_matches(need, list(types), n=1, cutoff=0.4)
            hint = (
                f"columns={{'{close[0]}': '{need}'}}"
                if close
                else f"columns={{'<your column>': '{need}'}}"
            )
            raise DataValidationError(
                f"required column '{need}' is missing (found: {found})",
                source=src,
                column=need,
                fix=f"rename it in the file or pass {hint}",
            )

    ts_col, ts_type = col[C.TIMESTAMP], types[col[C.TIMESTAMP]]
    ts_raw = b.ident(ts_col)
    if ts_type.startswith(_TS_TYPES):
        ts_expr = b.epoch_us(ts_raw)
    elif ts_type.startswith(_TEXT_TYPES):
        n_off = b.query(f"""SELECT
              sum(CASE WHEN {b.matches(f"trim({ts_raw})", _OFFSET_RE)} THEN 1 ELSE 0 END) AS off,
              sum(CASE WHEN {ts_raw} IS NOT NULL AND NOT {b.matches(f"trim({ts_raw})", _OFFSET_RE)}
                  THEN 1 ELSE 0 END) AS naive FROM {raw}""").iloc[0]
        with_off, naive = _int(n_off["off"]), _int(n_off["naive"])
        if with_off and naive:
            rows = [
                int(r) + line_offset
                for r in b.query_in_file_order(
                    f"SELECT _row FROM (SELECT {b.row_number()} AS _row, {ts_raw} FROM {raw}) AS x "
                    f"WHERE {b.matches(f'trim({ts_raw})', _OFFSET_RE)} ORDER BY _row LIMIT 5"
                )["_row"]
            ]
            raise DataValidationError(
                f"mixed time zones: {with_off} timestamps carry a UTC offset and {naive} do not",
                source=src,
                column=ts_col,
                rows=rows,
                fix="export all timestamps in one convention (ideally UTC with an offset, "
                "e.g. 2025-03-01T10:00:00+00:00)",
            )
        ts_expr = b.parse_ts_us(f"trim({ts_raw})", with_offset=bool(with_off))
    else:
        raise DataValidationError(
            f"timestamps have type {ts_type}, not date-times",
            source=src,
            column=ts_col,
            fix="give ISO 8601 text (2025-03-01 10:00:00) or a timestamp column",
        )

    # the customer id by the one rule of cjresearch.inputs.ids; ``rid`` is the cheap written form
    # that the lists strategy groups by (it applies the rule to the distinct ids)
    id_col, id_type = col[C.CUSTOMER_ID], types[col[C.CUSTOMER_ID]]
    id_raw = b.ident(id_col)
    cid = id_sql(b, id_raw, id_type)
    form = text_form_sql(b, id_raw, id_type)
    rid = f"CAST({id_raw} AS STRING)" if form is not None else cid
    ev = f"CAST({b.ident(col[C.EVENT])} AS STRING)"
    select = f"{cid} AS cid, {ev} AS event, {ts_expr} AS ts"

    def rows_where(cond: str, *, extra: str = "", join: str = "") -> list[int]:
        found = b.query_in_file_order(
            f"SELECT _row FROM (SELECT {b.row_number()} AS _row, {select}{extra} "
            f"FROM {raw}) AS x {join} WHERE {cond} ORDER BY _row LIMIT 5"
        )
        return [int(r) + line_offset for r in found["_row"]]

    # pass 1 reads only the event column (and a float id column): which names occur
    fraction = not_whole_sql(id_raw, id_type)
    frac = f", sum(CASE WHEN {fraction} THEN 1 ELSE 0 END) AS frac" if fraction else ""
    counts = b.query(f"SELECT {ev} AS event, count(*) AS n{frac} FROM {raw} GROUP BY {ev}")
    if counts.empty or int(counts["n"].sum()) == 0:
        what = " (the file is empty: a header line and no rows)" if is_csv else ""
        raise DataValidationError(
            f"the event log has no rows{what}",
            source=src,
            fix="check the export; an empty log cannot be analysed",
        )
    if fraction and _int(counts["frac"].sum()):
        bad = b.query(
            f"SELECT DISTINCT CAST({id_raw} AS DOUBLE) AS v FROM {raw} WHERE {fraction} LIMIT 3"
        )["v"]
        raise DataValidationError(
            f"{_int(counts['frac'].sum())} customer ids are numbers with decimals (e.g. "
            f"{', '.join(f'{v:g}' for v in bad)}), not ids",
            source=src,
            column=id_col,
            rows=rows_where(fraction.replace(id_raw, f"x.{id_raw}"), extra=f", {id_raw}"),
            fix="check that the right column is used as the customer id, or export the ids as text",
        )
    blank = counts["event"].isna() | (counts["event"].astype(str).str.strip() == "")
    if blank.any():
        raise DataValidationError(
            f"{int(counts.loc[blank, 'n'].sum())} rows have no event name",
            source=src,
            column=col[C.EVENT],
            rows=rows_where("event IS NULL OR trim(event) = ''"),
            fix="fill them in or remove those rows from the export",
        )

    roles = journey.classify_events(counts["event"])
    n_of = counts.set_index("event")["n"]
    if roles.unknown:
        listing = ", ".join(f"'{e}' ({int(n_of[e])} rows)" for e in roles.unknown[:8])
        more = f" and {len(roles.unknown) - 8} more" if len(roles.unknown) > 8 else ""
        if unknown_events == "error":
            cond = "event IN (" + ", ".join(_lit(e) for e in roles.unknown) + ")"
            raise DataValidationError(
                f"{len(roles.unknown)} event names are not in the journey definition: "
                f"{listing}{more}",
                source=src,
                column=col[C.EVENT],
                rows=rows_where(cond),
                fix=f"add them to a stage's events or touchpoints, or to ignore_events, in "
                f"{journey.source}; or pass unknown_events='exclude'",
            )
        log.exclusions.append(
            {
                "reason": f"events not in the journey definition: {listing}{more}",
                "rows": int(sum(n_of[e] for e in roles.unknown)),
            }
        )
    if roles.ignored:
        log.exclusions.append(
            {
                "reason": "events matching ignore_events in the journey definition",
                "rows": int(sum(n_of[e] for e in roles.ignored)),
            }
        )
    known = roles.table
    if known.empty or not (known["role"] == "stage").any():
        raise DataValidationError(
            "no event of the log places a customer in any stage",
            source=src,
            column=col[C.EVENT],
            fix=f"list the log's event names under the stages' events in {journey.source}",
        )

    mapping = known.assign(kind=known["role"].map(_KIND))
    exit_pos = {e: i for i, e in enumerate(journey.exit_ids)}
    mapping["sidx"] = np.where(
        mapping["kind"] == 2, mapping["state"].map(exit_pos).fillna(0), mapping["stage_index"]
    ).astype("int64")
    mapping = mapping[["event", "code", "kind", "sidx"]].astype({"code": "int64", "kind": "int64"})
    map_name = log.view_prefix + "map"
    b.register_frame(map_name, mapping)

    def known_view(name: str, rows_from: str) -> str:
        """The known events with integer codes (a view: each pass reads the source itself)."""
        b.materialize_view(
            name,
            f"""
            SELECT r.cid, r.rid, {b.hash64("r.cid")} AS h, r.ts, CAST(m.code AS SMALLINT) AS code,
                   CAST(m.kind AS TINYINT) AS kind, CAST(m.sidx AS TINYINT) AS sidx
            FROM {rows_from} AS r JOIN {map_name} AS m ON r.event = m.event""",
        )
        return name

    events_view = known_view(
        log.view_prefix + "known", f"(SELECT {select}, {rid} AS rid FROM {raw})"
    )
    explicit_end = observation_end if observation_end is not None else journey.observation_end
    end_us_guess = ts_us(explicit_end) if explicit_end is not None else None
    n_stages = len(journey.stages)

    def rescan(view: str, *, collapse: bool = False) -> Scan:
        return scan(
            b,
            view,
            mapping,
            n_stages=n_stages,
            late_after_us=end_us_guess,
            after_exit=after_exit,
            collapse=collapse,
        )

    # the lists strategy counts an event repeating the previous one (time, name) once, on
    # the bet that such repeats are exact duplicates; checked below, re-scanned if not
    scanned = rescan(events_view, collapse=duplicates == "collapse")
    ambiguous = scanned.ambiguous
    if form is not None and scanned.strategy == "window":
        ambiguous = tuple(
            b.query(
                f"SELECT cid FROM (SELECT DISTINCT {cid} AS cid, {form} AS form FROM {raw}) AS d "
                f"WHERE cid IS NOT NULL GROUP BY cid HAVING count(*) > 1 ORDER BY cid LIMIT 5"
            )["cid"]
        )
    if ambiguous:
        forms = b.query(
            f"SELECT DISTINCT cid, form FROM (SELECT {cid} AS cid, {form} AS form "
            f"FROM {raw}) AS d "
            f"WHERE cid IN ({', '.join(_lit(a) for a in ambiguous[:5])})"
        )
        shown = "; ".join(
            " / ".join(repr(f) for f in sorted(g["form"])) for _, g in forms.groupby("cid")
        )
        raise DataValidationError(
            f"{len(ambiguous)} customer id{'s are' if len(ambiguous) > 1 else ' is'} written in "
            f"more than one form that reads as the same id: {shown}",
            source=src,
            column=id_col,
            rows=rows_where("cid IN (" + ", ".join(_lit(a) for a in ambiguous[:5]) + ")"),
            fix="export each id in one form (1.0 reads as 1), or keep the column as text "
            "without decimals",
        )
    if scanned.no_id:
        raise DataValidationError(
            f"{scanned.no_id} rows have no customer id",
            source=src,
            column=id_col,
            rows=rows_where("cid IS NULL"),
            fix="fill them in (an id of spaces only counts as empty) or remove those rows "
            "from the export",
        )
    if scanned.no_ts:
        bad = b.query(
            f"SELECT CAST({ts_raw} AS STRING) AS v FROM {raw} WHERE {ts_expr} IS NULL LIMIT 3"
        )["v"]
        examples = ", ".join(repr(v) for v in bad if v is not None) or "empty values"
        raise DataValidationError(
            f"{scanned.no_ts} timestamps are missing or cannot be read (e.g. {examples})",
            source=src,
            column=ts_col,
            rows=rows_where("ts IS NULL"),
            fix="use ISO 8601 date-times such as 2025-03-01 10:00:00 (day/month order is "
            "never guessed)",
        )

    # exact duplicates (the same value in every column): counted only where the scan found
    # events repeating the previous one's time and name (the SQL route always), among the
    # customers it names
    if scanned.same_key is None or scanned.same_key > 0:
        raw_cols = ", ".join(b.ident(c) for c in types)
        only = (
            f" AND {rid} IN (SELECT rid FROM {log.view_prefix}repeats)"
            if scanned.repeat_ids is not None
            else ""
        )
        if only:
            b.register_frame(
                log.view_prefix + "repeats",
                pd.DataFrame({"rid": pd.Series(scanned.repeat_ids, dtype=object)}),
            )
        n_dup = _int(
            b.query(
                f"SELECT sum(n - 1) AS d FROM (SELECT count(*) AS n FROM {raw} WHERE {ev} IN "
                f"(SELECT event FROM {map_name}){only} GROUP BY {raw_cols} HAVING count(*) > 1) AS g"
            )["d"].iloc[0]
        )
        if n_dup and duplicates == "error":
            dup_rows = b.query_in_file_order(
                f"SELECT _row FROM (SELECT _row, row_number() OVER (PARTITION BY {raw_cols} "
                f"ORDER BY _row) AS k FROM (SELECT {b.row_number()} AS _row, * FROM {raw}) AS y "
                f"WHERE {ev} IN (SELECT event FROM {map_name})) AS z WHERE k > 1 "
                f"ORDER BY _row LIMIT 5"
            )
            raise DataValidationError(
                f"{n_dup} rows repeat another row exactly (the same value in every column)",
                source=src,
                rows=[int(r) + line_offset for r in dup_rows["_row"]],
                fix="remove the duplicate rows from the export, or pass "
                "duplicates='collapse' to count each such event once",
            )
        if n_dup:
            log.exclusions.append({"reason": REASON_DUPLICATES, "rows": n_dup})
            events_view = known_view(
                log.view_prefix + "distinct",
                f"(SELECT {select}, {rid} AS rid FROM (SELECT DISTINCT * FROM {raw}) AS d)",
            )
        # the scan stands when it left out exactly the duplicates; else (the SQL route, or
        # repeats that differ in another column and are two events) scan again
        if (n_dup or scanned.collapsed) and not (scanned.collapsed and n_dup == scanned.same_key):
            scanned = rescan(events_view)

    # observation end: argument > journey > last event (unless a few rows lie far beyond)
    late_reason = "events after the observation end"
    if explicit_end is not None:
        end = to_utc_naive(explicit_end)
    else:
        last_us = int(scanned.last_seen or 0)
        far_limit = _far_limit(b, events_view, scanned)
        if far_limit is not None:
            n_far = _int(
                b.query(f"SELECT count(*) AS n FROM {events_view} WHERE ts > {far_limit}")[
                    "n"
                ].iloc[0]
            )
            last_us = far_limit
            if late_events == "error":
                far = b.query(
                    f"SELECT DISTINCT ts FROM {events_view} WHERE ts > {far_limit} "
                    f"ORDER BY ts LIMIT 3"
                )["ts"]
                shown = ", ".join(str(_us_ts(v)) for v in far)
                raise DataValidationError(
                    f"{n_far} events lie far after the rest of the log ({shown}; the other "
                    f"events end at {_us_ts(last_us)}); the observation end would be taken "
                    f"from them",
                    source=src,
                    column=ts_col,
                    rows=rows_where(f"ts > {far_limit}"),
                    fix="set observation_end in the journey definition to the export date (and "
                    "correct those timestamps), or pass late_events='exclude' to set them "
                    "aside with a count",
                )
            late_reason = REASON_FAR_FUTURE
        end = pd.Timestamp(np.datetime64(last_us, "us"))
    end_us = ts_us(end)

    censor = None
    limit_expr = str(end_us)
    join = ""
    # read meanwhile in another thread: needed from here
    crm: pd.DataFrame | None = customers.result() if isinstance(customers, Future) else customers
    if crm is not None and C.OBSERVED_UNTIL in crm.columns:
        cust = crm[[C.CUSTOMER_ID, C.OBSERVED_UNTIL]].dropna()
        until = pd.to_datetime(cust[C.OBSERVED_UNTIL])
        if getattr(until.dt, "tz", None) is not None:
            until = until.dt.tz_convert("UTC").dt.tz_localize(None)
        cust_ids = normalize_ids(cust[C.CUSTOMER_ID], source="customers", column=C.CUSTOMER_ID)
        censor = pd.Series(
            until.to_numpy(dtype="datetime64[us]").astype(np.int64), index=cust_ids.to_numpy()
        )
        ends = log.view_prefix + "ends"
        b.register_frame(ends, pd.DataFrame({"cid": censor.index, "until_us": censor.to_numpy()}))
        join = f"LEFT JOIN {ends} AS o ON t.cid = o.cid"
        limit_expr = f"coalesce(o.until_us, {end_us})"
    if censor is None and late_reason == "events after the observation end":
        n_late = scanned.late
    else:
        n_late = _int(
            b.query(
                f"SELECT count(*) AS n FROM {events_view} AS t {join} WHERE t.ts > {limit_expr}"
            )["n"].iloc[0]
        )
    if n_late:
        if late_events == "error":
            rows = rows_where(f"ts > {end_us}") if censor is None else []
            raise DataValidationError(
                f"{n_late} events are after the observation end "
                f"({'per customer' if censor is not None else end})",
                source=src,
                column=ts_col,
                rows=rows,
                fix="move observation_end in the journey definition (or observed_until in the "
                "customers table) to the export date, or pass late_events='exclude'",
            )
        log.exclusions.append({"reason": late_reason, "rows": n_late})
        in_time = log.view_prefix + "in_time"
        b.materialize_view(
            in_time,
            f"SELECT t.cid, t.rid, t.h, t.ts, t.code, t.kind, t.sidx "
            f"FROM {events_view} AS t {join} "
            f"WHERE t.ts <= {limit_expr}",
        )
        events_view = in_time
        scanned = rescan(events_view)

    # events later than the customer's first exit (the lists strategy left them out already)
    if after_exit != "keep":
        first_exit = f"(SELECT h, min(ts) AS xts FROM {events_view} WHERE kind = 2 GROUP BY h) AS x"
        n_after = scanned.after_exit
        if n_after is None:
            n_after = _int(
                b.query(
                    f"SELECT count(*) AS n FROM {events_view} AS t JOIN "
                    f"{first_exit} ON t.h = x.h WHERE t.ts > x.xts"
                )["n"].iloc[0]
            )
        if n_after and after_exit == "error":
            rows = rows_where(
                f"x.ts > e.xts AND x.event IN (SELECT event FROM {map_name})",
                join=f"JOIN (SELECT cid, min(ts) AS xts FROM {events_view} "
                f"WHERE kind = 2 GROUP BY cid) AS e ON x.cid = e.cid",
            )
            raise DataValidationError(
                f"{n_after} events come after their customer's exit (the first exit event); "
                f"they would count as progress after leaving",
                source=src,
                column=ts_col,
                rows=rows,
                fix="pass after_exit='exclude' (the default) to set them aside with a count, or "
                "after_exit='keep' to keep them in the paths",
            )
        if n_after:
            log.exclusions.append({"reason": REASON_AFTER_EXIT, "rows": n_after})
            before_exit = log.view_prefix + "before_exit"
            b.materialize_view(
                before_exit,
                f"SELECT t.cid, t.rid, t.h, t.ts, t.code, t.kind, "
                f"t.sidx FROM {events_view} AS t LEFT JOIN "
                f"{first_exit} ON t.h = x.h "
                f"WHERE x.xts IS NULL OR t.ts <= x.xts",
            )
            events_view = before_exit
            if scanned.strategy != "lists":
                scanned = scan(b, events_view, mapping, n_stages=n_stages)

    return {
        "roles": mapping.merge(known[["code", "role", "state"]], on="code"),
        "observation_end": end,
        "events": events_view,
        "scan": scanned,
        "censor": censor,
    }


#: Exclusion reasons (``EventLog.exclusions``, the RowsExcludedWarning).
REASON_DUPLICATES = "exact duplicate rows collapsed (the same value in every column)"
REASON_AFTER_EXIT = "events after the customer's exit"
REASON_FAR_FUTURE = "events far after the rest of the log (see late_events)"
#: The far-future rule: at most this share of the rows can be "far" ...
FAR_SHARE = 0.01
#: ... after a hole in time longer than the log's span before it and than this
FAR_MIN_GAP_US = 365 * 86_400 * 1_000_000
#: ... in logs of at least this many rows.
FAR_MIN_ROWS = 10


def _far_limit(b: Any, view: str, scanned: Scan) -> int | None:
    """The time after which a few rows lie far beyond the rest of the log, or None.

    The rule: with k = max(1, ceil(1% of the n rows)), look at the k + 1 latest
    timestamps for a hole in time: rows that come after a gap longer than
    both a year and the span of the log before the gap are "far" (so at most
    k rows, and only in logs of at least 10 rows).  A 2099 row in a 2024 log
    is far; a log whose activity thins out towards its end has no such hole.
    Customers' last times bound the answer first, so that a clean log costs
    no extra pass.
    """
    n = int(scanned.n_events.sum())
    if n < FAR_MIN_ROWS or scanned.last_seen is None:
        return None
    k = max(1, math.ceil(FAR_SHARE * n))
    first = int(scanned.first_ts.min())

    def limit(before: int) -> int:  # far rows lie later than this, after ``before``
        return before + max(before - first, FAR_MIN_GAP_US)

    last = scanned.last_ts
    # the last non-far row is at least the (k+1)-th latest time, which is at least the
    # (k+1)-th latest customer end: when even that bound leaves no hole, there is none
    if len(last) > k:
        bound = int(np.partition(last, len(last) - k - 1)[len(last) - k - 1])
        if scanned.last_seen <= limit(bound):
            return None
    elif scanned.last_seen <= limit(first):
        return None
    top = b.query(f"SELECT ts FROM {view} WHERE ts IS NOT NULL ORDER BY ts DESC LIMIT {k + 1}")[
        "ts"
    ].to_numpy(dtype=np.int64)
    # the most rows (at most k) that lie after a hole: top[:i] after top[i]
    for i in range(len(top) - 1, 0, -1):
        if top[i - 1] > limit(int(top[i])):
            return int(top[i])
    return None


def _us_ts(value: Any) -> pd.Timestamp:
    return pd.Timestamp(np.datetime64(int(value), "us"))


_REQUIRED = (C.CUSTOMER_ID, C.TIMESTAMP, C.EVENT)
_KIND = {"stage": 0, "touchpoint": 1, "exit": 2}


def _int(value: Any) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def _lit(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _frame_ids_to_text(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """A customer id column of mixed Python types -> text by the id rule (SQL does the rest)."""
    ids = frame.get(C.CUSTOMER_ID)
    if (
        ids is not None
        and ids.dtype == object
        and pd.api.types.infer_dtype(ids, skipna=True) not in ("string", "empty")
    ):
        frame = frame.assign(
            **{C.CUSTOMER_ID: normalize_ids(ids, source=source, column=C.CUSTOMER_ID)}
        )
    return frame


def _frame_timestamps_to_utc(frame: pd.DataFrame) -> pd.DataFrame:
    ts = frame.get(C.TIMESTAMP)
    if ts is not None and isinstance(ts.dtype, pd.DatetimeTZDtype):
        frame = frame.assign(**{C.TIMESTAMP: ts.dt.tz_convert("UTC").dt.tz_localize(None)})
    return frame
