"""Small maps and logs for the evidence tests, and running the evidence on them."""

from __future__ import annotations

from pathlib import Path

import yaml

from journeyctl.model import Journey

#: a (entry) → b → c (end, success), b → d (end, abandoned); b → c hands off within 1h.
FLOW = """\
journeyctl: 1
id: flow
title: A flow
stages:
  - {id: s, name: S}
touchpoints:
  - id: a
    name: A
    stage: s
    channel: web
    entry: true
    events: [a]
    next: [b]
  - id: b
    name: B
    stage: s
    channel: phone
    events: [b]
    next:
      - to: c
        handoff: {carries: [notes], sla: 1h}
      - d
  - id: c
    name: C
    stage: s
    channel: email
    end: success
    events: [c]
  - id: d
    name: D
    stage: s
    channel: phone
    end: abandoned
    events: [d]
"""


def journey(text: str) -> Journey:
    return Journey.model_validate(yaml.safe_load(text))


def log_file(folder: Path, rows: str, header: str = "case_id,activity,timestamp,channel") -> Path:
    """A CSV log of ``rows`` (``case,activity,HH:MM[:SS[.fff]][,channel]`` lines, all on
    2026-03-02 unless the time has a date)."""
    lines = [header]
    for row in rows.strip().splitlines():
        parts = [p.strip() for p in row.split(",")]
        if "T" not in parts[2]:
            parts[2] = f"2026-03-02T{parts[2]}"
        lines.append(",".join(parts + [""] * (4 - len(parts))))
    path = folder / "log.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def evidence_of(map_text: str, log: Path, engine):
    """The evidence of ``log`` for the map ``map_text``, computed on ``engine`` (a backend)."""
    from journeyctl.evidence.compute import compute_evidence
    from journeyctl.evidence.logs import LogColumns, open_log

    return compute_evidence(journey(map_text), open_log(log, LogColumns(), engine))
