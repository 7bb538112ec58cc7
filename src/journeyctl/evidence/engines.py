"""The engine evidence is computed on: DuckDB in this process by default, or any Ibis backend.

:func:`connect` with no URL opens an in-memory DuckDB database that works on every core this
process may use, holds at most :data:`DEFAULT_MEMORY_LIMIT` in memory
(``JOURNEYCTL_MEMORY_LIMIT`` or ``memory_limit=`` changes it) and spills the rest to a
temporary folder, removed when the connection goes.
With a URL it is ``ibis.connect(url)``: ``duckdb:///path/to.db``, ``postgres://…``,
``pyspark://?spark.master=local[2]`` (Spark in local mode on two cores; any ``spark.*``
setting can be given the same way), and the other backends Ibis knows.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref

from journeyctl.evidence.errors import EngineError

#: How much memory the default DuckDB engine may hold before it spills to disk.
DEFAULT_MEMORY_LIMIT = "1.5GB"
MEMORY_LIMIT_VARIABLE = "JOURNEYCTL_MEMORY_LIMIT"


def connect(engine: str | None = None, *, memory_limit: str | None = None):
    """An Ibis backend: DuckDB in this process for ``None``, else ``ibis.connect(engine)``.

    Raises :class:`EngineError` (one line) when the backend is not installed or does not
    answer.
    """
    import ibis

    if engine is None:
        return _duckdb(memory_limit or os.environ.get(MEMORY_LIMIT_VARIABLE) or DEFAULT_MEMORY_LIMIT)
    try:
        return ibis.connect(engine)
    except ModuleNotFoundError as exc:
        raise EngineError(f"--engine {engine}: the backend needs the Python package '{exc.name}'") from None
    except Exception as exc:  # any backend's own error: shown in one line
        raise EngineError(f"--engine {engine}: cannot connect: {first_line(exc)}") from None


def is_duckdb(backend) -> bool:
    return getattr(backend, "name", None) == "duckdb"


def _duckdb(memory_limit: str):
    import ibis

    spill = tempfile.mkdtemp(prefix="journeyctl-spill-")
    try:
        backend = ibis.duckdb.connect(memory_limit=memory_limit, temp_directory=spill, threads=_cores())
    except Exception as exc:
        shutil.rmtree(spill, ignore_errors=True)
        raise EngineError(f"cannot start DuckDB (memory limit {memory_limit!r}): {first_line(exc)}") from None
    weakref.finalize(backend, shutil.rmtree, spill, True)
    utc_session(backend.con)
    quiet_session(backend.con)
    return backend


def scratch_duckdb(memory_limit: str | None = None):
    """A plain DuckDB connection for reading and converting logs for another engine."""
    import duckdb

    limit = memory_limit or os.environ.get(MEMORY_LIMIT_VARIABLE) or DEFAULT_MEMORY_LIMIT
    spill = tempfile.mkdtemp(prefix="journeyctl-spill-")
    con = duckdb.connect(config={"memory_limit": limit, "temp_directory": spill, "threads": _cores()})
    weakref.finalize(con, shutil.rmtree, spill, True)
    utc_session(con)
    quiet_session(con)
    return con


def _cores() -> int:
    """The cores this process may run on (DuckDB works on every one of them)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def utc_session(con) -> None:
    """Make DuckDB's session time zone UTC where it has one (with the ICU extension loaded);
    without ICU, DuckDB already converts every time zone to UTC."""
    try:
        con.execute("SET TimeZone = 'UTC'").fetchall()
    except Exception:  # no ICU extension: no session time zone to set
        pass


def quiet_session(con) -> None:
    """No progress bar: DuckDB draws one on stderr for queries over two seconds, in the
    middle of the command's own output and messages."""
    con.execute("SET enable_progress_bar = false")


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message, without DuckDB's ``… Error:`` prefix."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    for prefix in ("Invalid Input Error: ", "IO Error: ", "Binder Error: ", "Conversion Error: ", "Parser Error: "):
        text = text.removeprefix(prefix)
    return text
