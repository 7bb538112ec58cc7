"""Customers take a transition the map does not show.

What it does
------------
With an event log configured (``[evidence]`` in the configuration, see
docs/evidence.md), flags each pair of touchpoints that cases of the log go between
directly while the map has no such transition. The finding points at the ``next`` of the
touchpoint they leave (at its ``id`` when it has no ``next``) and says how many cases
take it. Transitions taken by fewer than ``min-cases`` cases are not reported.

Why it matters
--------------
A map that leaves out a path customers really take hides where the journey goes wrong:
the customer who calls after searching because the web form failed, the one who skips
the confirmation. Designing from such a map fixes the wrong things.

Example
-------
Case c2 goes from ``search`` straight to ``voicemail``:

.. code-block:: yaml

    - id: search
      entry: true
      events: ["search.*"]
      next: [call-office]
    - id: call-office
      events: [call.answered]
      end: success
    - id: voicemail
      events: [call.voicemail]
      end: abandoned

.. code-block:: csv

    case_id,activity,timestamp
    c1,search.google,2026-03-02T09:00:00
    c1,call.answered,2026-03-02T09:04:00
    c2,search.maps,2026-03-02T10:30:00
    c2,call.voicemail,2026-03-02T10:31:00

Fix
---
Add the transition (and find out why customers take it), or fix the ``events`` that
make the log say so:

.. code-block:: yaml

    - id: search
      entry: true
      events: ["search.*"]
      next: [call-office, voicemail]

Options
-------
``min-cases`` (default 1): report a transition only when at least this many cases take it.

.. code-block:: toml

    [evidence]
    events = "logs/bookings.parquet"

    [rules.undocumented-transition]
    min-cases = 5
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity
from journeyctl.text.wording import counted

CODE = "JM501"
NAME = "undocumented-transition"
SEVERITY = Severity.WARNING
OPT_IN = True
NEEDS_EVIDENCE = True
OPTIONS: dict = {"min-cases": 1}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    evidence = options.get("evidence")
    if evidence is None:
        return
    for t in evidence.transitions:
        if t.mapped or t.cases < options["min-cases"]:
            continue
        has_next = bool(graph.outgoing[t.source])
        yield Problem(
            graph.touchpoint_path(t.source, "next" if has_next else "id"),
            f"the event log has {counted(t.count, 'transition')} from {t.source!r} to {t.target!r} "
            f"({counted(t.cases, 'case')}), which the map does not show: add the transition, or find out "
            "why customers take it",
            at_key=has_next,
            element=f"transition:{t.source}->{t.target}",
        )
