"""An event log (CSV, Parquet, JSON Lines or XES) as one table on an engine.

:func:`open_log` gives an Ibis table with the columns

- ``case_id`` (string), ``activity`` (string), ``ts`` (timestamp, UTC, no time zone),
  ``channel`` (string, null when the log has no channel column or the row leaves it blank),
- ``seq`` (int64): the row's 0-based place in the file, so that events with equal
  timestamps keep the order they were written in, on every engine.

**Reading.** DuckDB reads every format (XES through a conversion, below). CSV: the
delimiter, quote and escape characters are detected; the first row must name the columns;
every row must have as many fields as the header. Every value is read as text, then the
timestamp is parsed: ISO 8601 dates and times (``2026-05-01T09:30:00+03:00``,
``2026-05-01 09:30``, ``2026-05-01``), or a column the file already types as a date or a
timestamp (Parquet). A time zone offset is converted to UTC; a time without one is taken as
UTC. Blank values count as missing; the values keep their text (around them, spaces are
dropped).

**Columns** are found by their common names, ignoring case (:data:`COMMON_NAMES`), or named
by the user (:class:`LogColumns`).

**Checks.** A missing or ambiguous column, a row without case, activity or timestamp, a
timestamp that is not one, an empty log, and a file the format's reader rejects raise
:class:`LogError`, one line naming the file and the row (rows count the events from 1,
after a CSV file's header).

**On the engine.** On DuckDB (the default engine) a Parquet file is queried where it lies;
the other formats are converted once into a Parquet file of the five columns in a temporary
folder, removed when the engine goes. Every other engine reads that Parquet file (Ibis's
``read_parquet``), written by DuckDB from the same reading, so that every engine sees the
same events: parsing and time zones are DuckDB's everywhere. An engine that reads no files (a
database server) is sent the rows (``create_table``).
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import shutil
import tempfile
import weakref
from pathlib import Path

from journeyctl.evidence import formats
from journeyctl.evidence.columns import COMMON_NAMES, LogColumns, option, resolve_columns
from journeyctl.evidence.engines import connect, first_line, is_duckdb, scratch_duckdb, utc_session
from journeyctl.evidence.errors import EngineError, LogError

__all__ = ["COMMON_NAMES", "EngineError", "LogColumns", "LogError", "connect", "open_log"]

#: The columns of the table :func:`open_log` returns, in order.
LOG_COLUMNS = ("case_id", "activity", "ts", "channel", "seq")

_TEXT_TYPES = ("VARCHAR", "JSON")
_TIMESTAMP_TYPES = ("TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP WITH TIME ZONE", "DATE")
_names = itertools.count()


def open_log(path: Path, columns: LogColumns = LogColumns(), backend=None):
    """The events of the log at ``path`` as an Ibis table on ``backend`` (default: a new
    DuckDB engine, :func:`connect`), with the columns of :data:`LOG_COLUMNS`.

    Raises :class:`LogError` for a log that cannot be read as events.
    """
    path = Path(path)
    shown = str(path)
    if backend is None:
        backend = connect()
    _check_file(path, shown)
    fmt = formats.log_format(path)
    workdir = Path(tempfile.mkdtemp(prefix="journeyctl-log-"))
    weakref.finalize(backend, shutil.rmtree, workdir, True)
    name = f"journeyctl_log_{next(_names)}"
    con = backend.con if is_duckdb(backend) else scratch_duckdb()
    utc_session(con)  # a DuckDB engine given by URL too: naive times are UTC
    try:
        source = _source(con, path, shown, fmt, columns, workdir)
        if fmt == formats.PARQUET and is_duckdb(backend):
            _run(con, f"CREATE OR REPLACE TEMP VIEW {name} AS {source.normalised()}")
            relation = name
        else:
            target = workdir / "events.parquet"
            _run(con, f"COPY ({source.normalised()}) TO {_literal(target)} (FORMAT parquet)")
            relation = f"read_parquet({_literal(target)})"
            if is_duckdb(backend):
                _run(con, f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM {relation}")
                relation = name
        _validate(con, relation, source)
    except LogError:
        raise
    except Exception as exc:  # DuckDB's reader rejects the file: say so in one line
        if type(exc).__module__.split(".")[0] not in ("duckdb", "_duckdb"):
            raise
        raise LogError(f"{shown}: cannot read it as {fmt}: {first_line(exc)}") from None
    if is_duckdb(backend):
        return backend.table(name)
    return _hand_over(backend, workdir / "events.parquet", name, shown)


def _hand_over(backend, converted: Path, name: str, shown: str):
    """The converted log as a table of ``backend``: read where it lies when the engine
    reads Parquet files (Spark, DataFusion, Polars…), else uploaded (a database server)."""
    try:
        try:
            return backend.read_parquet(converted, table_name=name)
        except (AttributeError, NotImplementedError):
            import pyarrow.parquet as pq

            return backend.create_table(name, pq.read_table(converted), temp=True)
    except Exception as exc:  # the engine's own error, in one line
        raise EngineError(f"{shown}: the engine cannot take the log: {first_line(exc)}") from None


def _check_file(path: Path, shown: str) -> None:
    if not path.exists():
        raise LogError(f"{shown}: no such file")
    if path.is_dir():
        raise LogError(f"{shown}: a folder, not an event log")
    try:
        size = path.stat().st_size
        with path.open("rb"):
            pass
    except OSError as exc:
        raise LogError(f"{shown}: cannot read: {exc.strerror}") from None
    if size == 0:
        raise LogError(f"{shown}: the file is empty: no events")


class _Source:
    """A log as DuckDB reads it: the relation, its columns' types, the chosen columns, and
    the expression of each row's place in the file."""

    def __init__(self, shown: str, relation: str, types: dict[str, str], chosen: dict, seq: str, row_word: str):
        self.shown = shown
        self.relation = relation
        self.types = types
        self.chosen = chosen
        self.seq = seq
        self.row_word = row_word

    def normalised(self) -> str:
        """The SELECT of the five columns of :data:`LOG_COLUMNS`, in file order."""
        parts = [
            f"{_text(self.chosen['case'])} AS case_id",
            f"{_text(self.chosen['activity'])} AS activity",
            f"{self.timestamp()} AS ts",
            f"{_text(self.chosen['channel'])} AS channel",
            f"CAST({self.seq} AS BIGINT) AS seq",
        ]
        return f"SELECT {', '.join(parts)} FROM {self.relation}"

    def timestamp(self) -> str:
        column = self.chosen["timestamp"]
        kind = self.types[column]
        if kind in _TEXT_TYPES:
            return f"CAST(TRY_CAST(trim(CAST({_ident(column)} AS VARCHAR)) AS TIMESTAMPTZ) AS TIMESTAMP)"
        if kind in _TIMESTAMP_TYPES:
            return f"CAST({_ident(column)} AS TIMESTAMP)"
        raise LogError(
            f"{self.shown}: the timestamp column {column!r} holds {kind} values, not dates and times"
            f" (name another one with {option('timestamp')})"
        )

    def raw(self, column: str, seq: int, con) -> str | None:
        """The value of ``column`` in the row at ``seq``, as text."""
        query = f"SELECT CAST({_ident(column)} AS VARCHAR) FROM (SELECT *, {self.seq} AS __seq FROM {self.relation}) WHERE __seq = ?"
        found = _run(con, query, [seq])
        return found[0][0] if found else None


def _source(con, path: Path, shown: str, fmt: str, given: LogColumns, workdir: Path) -> _Source:
    if fmt == formats.CSV:
        relation = (
            f"read_csv({_literal(path)}, all_varchar = true, header = true, skip = 0, "
            "strict_mode = true, null_padding = false)"
        )
        types = _describe(con, relation)
        if len(types) == 1:
            _check_one_column(path, shown, next(iter(types)))
        return _Source(shown, relation, types, resolve_columns(shown, list(types), given), "row_number() OVER () - 1", "row")
    if fmt == formats.JSONL:
        sampled = _describe(con, f"read_json({_literal(path)}, format = 'newline_delimited')")
        chosen = resolve_columns(shown, list(sampled), given)
        wanted = sorted({c for c in chosen.values() if c is not None})
        spec = ", ".join(f"{_literal(c)}: 'VARCHAR'" for c in wanted)
        relation = f"read_json({_literal(path)}, format = 'newline_delimited', columns = {{{spec}}})"
        return _Source(shown, relation, {c: "VARCHAR" for c in wanted}, chosen, "row_number() OVER () - 1", "row")
    if fmt == formats.PARQUET:
        relation = f"read_parquet({_literal(path)}, file_row_number = true)"
        types = _describe(con, relation)
        types.pop("file_row_number", None)
        return _Source(shown, relation, types, resolve_columns(shown, list(types), given), "file_row_number", "row")
    from journeyctl.evidence.xes import SEQ_COLUMN, convert_xes

    parts = convert_xes(path, shown, workdir / "xes", given)
    relation = f"read_parquet([{', '.join(_literal(p) for p in parts)}], union_by_name = true)"
    types = _describe(con, relation)
    types.pop(SEQ_COLUMN, None)
    return _Source(shown, relation, types, resolve_columns(shown, list(types), given), _ident(SEQ_COLUMN), "event")


def _describe(con, relation: str) -> dict[str, str]:
    return {name: kind for name, kind, *_ in _run(con, f"DESCRIBE SELECT * FROM {relation}")}


def _run(con, query: str, parameters: list | None = None) -> list[tuple]:
    """Every row of a DuckDB query (fetched in full: DuckDB takes no other query on a
    connection with a result left open)."""
    return con.execute(query, parameters or []).fetchall()


def _validate(con, relation: str, source: _Source) -> None:
    """Raise :class:`LogError` for an empty log or the first row without a case, an
    activity or a readable timestamp."""
    # Counting the missing values does not read the row numbers (in a Parquet file, each
    # row's number in the file): they are looked for only when a value is missing.
    ((events, missing),) = _run(
        con,
        f"SELECT count(*), 3 * count(*) - count(case_id) - count(activity) - count(ts) FROM {relation}",
    )
    shown, word = source.shown, source.row_word
    if not events:
        raise LogError(f"{shown}: no events (the log has a header or schema but no rows)")
    if not missing:
        return
    ((no_case, no_activity, no_time),) = _run(
        con,
        "SELECT min(seq) FILTER (WHERE case_id IS NULL), min(seq) FILTER (WHERE activity IS NULL), "
        f"min(seq) FILTER (WHERE ts IS NULL) FROM {relation}",
    )
    problems = []
    if no_case is not None:
        problems.append((no_case, f"no case id (column {source.chosen['case']!r})"))
    if no_activity is not None:
        problems.append((no_activity, f"no activity (column {source.chosen['activity']!r})"))
    if no_time is not None:
        column = source.chosen["timestamp"]
        value = source.raw(column, no_time, con)
        if value is None or not value.strip():
            problems.append((no_time, f"no timestamp (column {column!r})"))
        else:
            problems.append(
                (no_time, f"the timestamp {value!r} is not a date and time (expected ISO 8601, like 2026-05-01T09:30:00+03:00)")
            )
    if problems:
        seq, message = min(problems)
        raise LogError(f"{shown}: {word} {seq + 1}: {message}")


def _check_one_column(path: Path, shown: str, header: str) -> None:
    """A CSV file read as one column although its header holds a delimiter: its rows
    disagree on the number of fields. Find the first that differs from the header."""
    delimiter = max(",;\t|", key=header.count)
    if not header.count(delimiter):
        return
    opener = gzip.open if formats.is_gzipped(path) else open
    with opener(path, "rb") as raw:
        reader = csv.reader(io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline=""), delimiter=delimiter)
        fields = None
        for row in reader:
            if fields is None:
                fields = len(row)
            elif row and len(row) != fields:
                raise LogError(
                    f"{shown}: line {reader.line_num}: {len(row)} fields where the header has {fields} "
                    f"(delimiter {delimiter!r})"
                )


def _text(column: str | None) -> str:
    if column is None:
        return "CAST(NULL AS VARCHAR)"
    return f"NULLIF(trim(CAST({_ident(column)} AS VARCHAR)), '')"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"
