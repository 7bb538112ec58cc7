"""A stand-in for ``journeyctl.evidence.logs`` (the log readers) while it is not in place:
CSV files with the columns ``case_id``, ``activity``, ``timestamp`` and optionally
``channel`` (or the names given), read into the table the evidence is computed from.
The tests use the real module as soon as it exists (see ``conftest.py``)."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import types
from dataclasses import dataclass
from pathlib import Path

_NAMES = itertools.count()


class LogError(Exception):
    pass


@dataclass(frozen=True)
class LogColumns:
    case: str | None = None
    activity: str | None = None
    timestamp: str | None = None
    channel: str | None = None


def connect(engine: str | None = None):
    import ibis

    return ibis.duckdb.connect() if engine is None else ibis.connect(engine)


def open_log(path: Path, columns: LogColumns, backend):
    import pyarrow as pa

    with Path(path).open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = (columns.case or "case_id", columns.activity or "activity", columns.timestamp or "timestamp")
    channel = columns.channel or "channel"
    try:
        table = pa.table({
            "case_id": pa.array([r[names[0]] for r in rows], pa.string()),
            "activity": pa.array([r[names[1]] for r in rows], pa.string()),
            "ts": pa.array([dt.datetime.fromisoformat(r[names[2]]) for r in rows], pa.timestamp("us")),
            "channel": pa.array([r.get(channel) or None for r in rows], pa.string()),
            "seq": pa.array(range(len(rows)), pa.int64()),
        })
    except (KeyError, ValueError) as exc:
        raise LogError(f"{path}: {exc}") from None
    return backend.create_table(f"log_{next(_NAMES)}", table)


def as_module() -> types.ModuleType:
    module = types.ModuleType("journeyctl.evidence.logs")
    module.LogError, module.LogColumns, module.connect, module.open_log = LogError, LogColumns, connect, open_log
    return module
