"""Query backends of the event engine: embedded DuckDB, or Apache Spark.

The event engine (:mod:`cjresearch.engine.eventlog`) is written once, as SQL in the
subset that DuckDB and Spark SQL share.  A backend registers sources as
views, runs queries and returns small pandas results; the few spellings that
differ between the two dialects are the methods below (``hash64``,
``epoch_us``, ``lag_non_null``, ``parse_ts_us``, ``matches``).

Examples
--------
>>> import pandas as pd
>>> b = get_backend("duckdb")
>>> b.register_frame("t", pd.DataFrame({"x": [1, 2, 3]}))
>>> int(b.query("SELECT sum(x) AS s FROM t")["s"].iloc[0])
6
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from cjresearch.core.errors import DataValidationError

__all__ = ["Backend", "DuckDBBackend", "SparkBackend", "get_backend"]


class ValueOutOfRange(Exception):
    """A computed value does not fit its SQL type (raised by :meth:`DuckDBBackend.record_batches`)."""


class Backend:
    """What the event engine needs from a query engine."""

    name = "abstract"

    def register_frame(self, name: str, frame: pd.DataFrame) -> None:  # pragma: no cover
        raise NotImplementedError

    def register_file(self, name: str, path: str, fmt: str) -> None:  # pragma: no cover
        raise NotImplementedError

    def materialize(self, name: str, sql: str) -> None:  # pragma: no cover
        raise NotImplementedError

    def materialize_view(self, name: str, sql: str) -> None:  # pragma: no cover
        raise NotImplementedError

    def query(self, sql: str) -> pd.DataFrame:  # pragma: no cover
        raise NotImplementedError

    def query_in_file_order(self, sql: str) -> pd.DataFrame:
        """Like :meth:`query`, for queries whose row numbers must follow the file."""
        return self.query(sql)

    def column_types(self, name: str) -> dict[str, str]:  # pragma: no cover
        raise NotImplementedError

    def drop(self, name: str) -> None:  # pragma: no cover
        raise NotImplementedError

    # -- dialect ---------------------------------------------------------
    def ident(self, name: str) -> str:
        """A quoted identifier."""
        return '"' + name.replace('"', '""') + '"'

    def hash64(self, expr: str) -> str:  # pragma: no cover
        raise NotImplementedError

    def any_value(self, expr: str) -> str:
        """An aggregate returning any one value of the group."""
        return f"any_value({expr})"

    def epoch_us(self, expr: str) -> str:  # pragma: no cover
        raise NotImplementedError

    def parse_ts_us(self, expr: str, *, with_offset: bool) -> str:  # pragma: no cover
        raise NotImplementedError

    def lag_non_null(self, expr: str) -> str:  # pragma: no cover
        """The previous non-null value of ``expr`` in the window (before ``OVER``)."""
        raise NotImplementedError

    def matches(self, expr: str, pattern: str) -> str:  # pragma: no cover
        raise NotImplementedError

    def trim(self, expr: str) -> str:  # pragma: no cover
        """``expr`` without leading and trailing spaces, tabs and line breaks."""
        raise NotImplementedError

    def row_number(self) -> str:  # pragma: no cover
        raise NotImplementedError


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class DuckDBBackend(Backend):
    """Embedded DuckDB (the default).

    Parameters
    ----------
    connection : duckdb.DuckDBPyConnection, optional
        An existing connection; a private in-memory one is made otherwise.
    threads : int, optional
        Worker threads (DuckDB's default: all cores).
    memory_limit : str, optional
        e.g. ``"2GB"``; DuckDB spills to disk beyond it.
    """

    name = "duckdb"

    def __init__(
        self, connection: Any = None, *, threads: int | None = None, memory_limit: str | None = None
    ) -> None:
        import duckdb

        self.con = connection if connection is not None else duckdb.connect()
        if connection is None:
            # scans and writes need not keep file order (faster, less memory);
            # the few queries that number rows ask for it (query_in_file_order)
            self.con.execute("SET preserve_insertion_order = false")
            self.con.execute("SET enable_progress_bar = false")  # never into a notebook or report
        if threads is not None:
            self.con.execute(f"SET threads = {int(threads)}")
        if memory_limit is not None:
            self.con.execute(f"SET memory_limit = {_sql_str(memory_limit)}")
        self._frames: dict[str, pd.DataFrame] = {}
        self._files: dict[str, str] = {}  # view name -> path, to name it in read errors

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """Turn DuckDB's failures to read a registered file into a DataValidationError."""
        import duckdb

        try:
            yield
        except (duckdb.InvalidInputException, duckdb.IOException) as exc:
            err = self._read_error(str(exc))
            if err is None:
                raise
            raise err from None

    def _read_error(self, message: str) -> DataValidationError | None:
        """The error a user can act on, or None when ``message`` is not about reading a file."""
        low = message.lower()
        if not self._files or not any(w in low for w in ("csv", "parquet", "unicode", "file")):
            return None
        paths = list(self._files.values())
        named = [p for p in paths if p in message or Path(p).name in message]
        name = Path((named or paths)[-1]).name
        line = re.search(r"\bLine:\s*(\d+)", message)
        rows = [int(line.group(1))] if line else None
        if "unicode" in low or "utf-8" in low or "utf8" in low:
            return DataValidationError(
                "the file is not UTF-8 text (or not a text file at all)",
                source=name,
                rows=rows,
                fix="save it as UTF-8 (Excel: File > Save As > 'CSV UTF-8'; "
                "or open it in a text editor and save it with UTF-8 encoding)",
            )
        detail = [
            ln.strip()
            for ln in message.splitlines()
            if ln.strip() and not ln.startswith(("Original Line", "Possible Solution"))
        ]
        what = " ".join(detail[:2]).replace("Invalid Input Error: ", "").replace("IO Error: ", "")
        if "parquet" in low:
            return DataValidationError(
                f"cannot be read as Parquet ({what})",
                source=name,
                fix="check that the file is a complete Parquet file (export it again)",
            )
        return DataValidationError(
            f"cannot be read as CSV ({what})",
            source=name,
            rows=rows,
            fix="check that line for an unclosed quote or a different number of fields, "
            "and export the file again as CSV (UTF-8, with a header line)",
        )

    def register_frame(self, name: str, frame: pd.DataFrame) -> None:
        self._frames[name] = frame  # keep a reference alive while registered
        self.con.execute(f"DROP VIEW IF EXISTS {_quote(name)}")  # a file's view of that name
        self.con.register(name, frame)

    def register_file(self, name: str, path: str, fmt: str) -> None:
        if fmt == "parquet":
            src = f"read_parquet({_sql_str(path)})"
        elif fmt == "csv":
            src = f"read_csv({_sql_str(path)}, all_varchar = true, header = true)"
        else:
            raise ValueError(f"unsupported format {fmt!r}")
        self._files[name] = path
        with self._reading():
            self.con.execute(f"CREATE OR REPLACE TEMP VIEW {_quote(name)} AS SELECT * FROM {src}")

    def materialize(self, name: str, sql: str) -> None:
        with self._reading():
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {_quote(name)} AS {sql}")

    def materialize_view(self, name: str, sql: str) -> None:
        with self._reading():
            self.con.execute(f"CREATE OR REPLACE TEMP VIEW {_quote(name)} AS {sql}")

    def query(self, sql: str) -> pd.DataFrame:
        with self._reading():
            return self.con.execute(sql).fetchdf()

    def record_batches(self, sql: str, batch_rows: int) -> Any:
        """The result as pyarrow record batches of ``batch_rows`` rows.

        Raises :class:`ValueOutOfRange` when an integer overflows (the packed
        keys of :mod:`cjresearch.engine.scan` for far-off dates).
        """
        import duckdb

        reader = None
        try:
            with self._reading():
                reader = self.con.sql(sql).to_arrow_reader(batch_rows)
                yield from reader
        except duckdb.OutOfRangeException as exc:
            raise ValueOutOfRange(str(exc)) from None
        finally:  # release the connection for the next query, also when stopped early
            if reader is not None:
                reader.close()

    def query_in_file_order(self, sql: str) -> pd.DataFrame:
        setting = self.con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()
        self.con.execute("SET preserve_insertion_order = true")
        try:
            return self.query(sql)
        finally:
            self.con.execute(f"SET preserve_insertion_order = {bool(setting and setting[0])}")

    def column_types(self, name: str) -> dict[str, str]:
        with self._reading():
            rows = self.con.execute(f"DESCRIBE SELECT * FROM {_quote(name)}").fetchall()
        return {r[0]: str(r[1]).upper() for r in rows}

    def drop(self, name: str) -> None:
        if name in self._frames:
            self.con.unregister(name)
            del self._frames[name]
        self._files.pop(name, None)
        self.con.execute(f"DROP TABLE IF EXISTS {_quote(name)}")
        self.con.execute(f"DROP VIEW IF EXISTS {_quote(name)}")

    def hash64(self, expr: str) -> str:
        return f"hash({expr})"

    def epoch_us(self, expr: str) -> str:
        return f"epoch_us({expr})"

    def parse_ts_us(self, expr: str, *, with_offset: bool) -> str:
        target = "TIMESTAMPTZ" if with_offset else "TIMESTAMP"
        return f"epoch_us(TRY_CAST({expr} AS {target}))"

    def lag_non_null(self, expr: str) -> str:
        return f"lag({expr} IGNORE NULLS)"

    def matches(self, expr: str, pattern: str) -> str:
        return f"regexp_matches({expr}, {_sql_str(pattern)})"

    def trim(self, expr: str) -> str:
        return f"trim({expr}, ' ' || chr(9) || chr(13) || chr(10))"

    def row_number(self) -> str:
        return "row_number() OVER ()"


class SparkBackend(Backend):
    """Apache Spark through PySpark (local mode in the tests, a cluster in production).

    The session time zone is set to UTC: the engine works in UTC throughout.
    """

    name = "spark"

    def __init__(self, session: Any = None) -> None:
        if session is None:
            from pyspark.sql import SparkSession

            session = (
                SparkSession.builder.master("local[2]")
                .appName("cjresearch")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate()
            )
        self.spark = session
        self.spark.sparkContext.setLogLevel("ERROR")
        self.spark.conf.set("spark.sql.session.timeZone", "UTC")
        self.spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")
        self._cached: list[Any] = []

    def register_frame(self, name: str, frame: pd.DataFrame) -> None:
        self.spark.createDataFrame(frame).createOrReplaceTempView(name)

    def register_file(self, name: str, path: str, fmt: str) -> None:
        reader = self.spark.read
        if fmt == "parquet":
            try:
                df = reader.parquet(path)
                df.schema  # noqa: B018 - forces the footer to be read here
            except Exception as exc:  # pyspark's AnalysisException
                if "NANOS" in str(exc):
                    raise DataValidationError(
                        "Spark cannot read nanosecond timestamps in Parquet",
                        source=Path(path).name,
                        column=None,
                        fix="write the file with microsecond timestamps, e.g. pandas "
                        "df.to_parquet(path, coerce_timestamps='us')",
                    ) from None
                raise
        elif fmt == "csv":
            df = reader.option("header", True).option("inferSchema", False).csv(path)
        else:
            raise ValueError(f"unsupported format {fmt!r}")
        df.createOrReplaceTempView(name)

    def materialize(self, name: str, sql: str) -> None:
        df = self.spark.sql(sql).cache()
        df.count()
        self._cached.append(df)
        df.createOrReplaceTempView(name)

    def materialize_view(self, name: str, sql: str) -> None:
        self.spark.sql(sql).createOrReplaceTempView(name)

    def query(self, sql: str) -> pd.DataFrame:
        return self.spark.sql(sql).toPandas()

    def column_types(self, name: str) -> dict[str, str]:
        return {
            f.name: f.dataType.simpleString().upper() for f in self.spark.table(name).schema.fields
        }

    def drop(self, name: str) -> None:
        self.spark.catalog.dropTempView(name)

    def ident(self, name: str) -> str:
        return "`" + name.replace("`", "``") + "`"

    def hash64(self, expr: str) -> str:
        return f"xxhash64({expr})"

    def epoch_us(self, expr: str) -> str:
        return f"unix_micros(CAST({expr} AS TIMESTAMP))"

    def parse_ts_us(self, expr: str, *, with_offset: bool) -> str:
        # With the session time zone at UTC a plain cast reads naive values as UTC
        # and honours explicit offsets.
        return f"unix_micros(try_cast({expr} AS TIMESTAMP))"

    def lag_non_null(self, expr: str) -> str:
        return f"lag({expr}) IGNORE NULLS"

    def matches(self, expr: str, pattern: str) -> str:
        return f"({expr} RLIKE {_sql_str(pattern)})"

    def trim(self, expr: str) -> str:
        return f"trim(BOTH concat(' ', chr(9), chr(13), chr(10)) FROM {expr})"

    def row_number(self) -> str:
        return "(monotonically_increasing_id() + 1)"


def get_backend(backend: str | Backend | Any = "duckdb") -> Backend:
    """Turn ``"duckdb"``, ``"spark"``, a backend, a DuckDB connection or a SparkSession
    into a :class:`Backend`."""
    if isinstance(backend, Backend):
        return backend
    if isinstance(backend, str):
        if backend == "duckdb":
            return DuckDBBackend()
        if backend == "spark":
            return SparkBackend()
        raise DataValidationError(
            f"unknown backend {backend!r}", column=None, fix="use 'duckdb' (default) or 'spark'"
        )
    kind = type(backend).__module__
    if kind.startswith("duckdb"):
        return DuckDBBackend(backend)
    if kind.startswith("pyspark"):
        return SparkBackend(backend)
    raise DataValidationError(
        f"cannot use a {type(backend).__name__} as backend",
        fix="pass 'duckdb', 'spark', a DuckDB connection or a SparkSession",
    )


def source_format(path: str | Path) -> str:
    """``"parquet"`` or ``"csv"`` from a path's suffix (globs allowed)."""
    text = str(path).lower()
    if re.search(r"\.parquet$|\.pq$", text):
        return "parquet"
    if re.search(r"\.csv$|\.csv\.gz$|\.tsv$", text):
        return "csv"
    raise DataValidationError(
        "unsupported file type for an event log",
        source=Path(str(path)).name,
        fix="give a .parquet or .csv path, or read other formats with cjresearch.inputs.tables "
        "and pass the DataFrame",
    )
