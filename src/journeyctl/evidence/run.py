"""From a map and the path of an event log to its evidence: the one function the command,
the overlays and the lint rules call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journeyctl.evidence.results import Evidence
from journeyctl.model import Journey

#: What the command line says when the optional dependencies are missing.
INSTALL_HINT = "pip install 'journeyctl[evidence]'"


class MissingExtra(Exception):
    """DuckDB or Ibis is not installed (one line, with the command that installs them)."""


def missing_extra(engine: str | None = None) -> str | None:
    """The message for missing optional dependencies of evidence, or None when all are there
    (DuckDB is needed only without ``engine``)."""
    from importlib.util import find_spec

    needed = ["ibis"] + (["duckdb"] if engine is None else [])
    missing = [name for name in needed if find_spec(name) is None]
    if not missing:
        return None
    names = " and ".join("Ibis" if m == "ibis" else "DuckDB" for m in missing)
    return f"evidence needs {names}: {INSTALL_HINT}"


def evidence_from_log(
    journey: Journey, log: Path, columns: Any = None, engine: str | None = None
) -> Evidence:
    """``journey`` held against the event log at ``log`` (CSV, Parquet, JSON Lines or XES),
    read with ``columns`` (a :class:`~journeyctl.evidence.logs.LogColumns`; default: found by
    their common names) on ``engine`` (an Ibis backend URL; default: DuckDB in-process).

    Raises :class:`MissingExtra`, :class:`~journeyctl.evidence.logs.LogError` for a log that
    cannot be read and :class:`~journeyctl.evidence.results.EvidenceError` for one that
    cannot be read against this map.
    """
    problem = missing_extra(engine)
    if problem:
        raise MissingExtra(problem)
    from journeyctl.evidence.compute import compute_evidence
    from journeyctl.evidence.logs import LogColumns, connect, open_log

    backend = connect(engine)
    table = open_log(log, columns if columns is not None else LogColumns(), backend)
    return compute_evidence(journey, table)
