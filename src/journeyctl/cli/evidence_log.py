"""Reading an event log for a command: ``evidence``, and ``render`` and ``report`` with
``--evidence`` (docs/evidence.md)."""

from __future__ import annotations

from pathlib import Path

from journeyctl.cli import common


def check_log(events: str, engine: str | None, option: str = "--events") -> None:
    """:class:`~common.Failure` unless ``events`` is a file and the evidence extra is installed."""
    from journeyctl.evidence.run import missing_extra

    problem = missing_extra(engine)
    if problem:
        raise common.Failure(problem)
    if not Path(events).is_file():
        raise common.Failure(f"{option} {events}: no such file")


def evidence_of(doc, events: str, engine: str | None, columns=None):
    """The evidence the log ``events`` gives for ``doc``'s journey.

    A log that cannot be read is a :class:`~common.Failure` (exit 2); an activity that is
    evidence of two touchpoints raises :class:`~journeyctl.evidence.results.EvidenceError`,
    which the caller reports against the map (exit 1).
    """
    from journeyctl.evidence.logs import LogError
    from journeyctl.evidence.run import MissingExtra, evidence_from_log

    try:
        return evidence_from_log(doc.journey, Path(events), columns, engine)
    except (LogError, MissingExtra) as exc:
        raise common.Failure(str(exc)) from None


def add_evidence(doc, events: str, engine: str | None):
    """The evidence of ``events`` for ``doc``, or None (said on stderr) when an activity is
    evidence of two of its touchpoints."""
    from journeyctl.evidence.results import EvidenceError

    try:
        return evidence_of(doc, events, engine)
    except EvidenceError as exc:
        common.error(f"{doc.path}: {exc}")
        return None
