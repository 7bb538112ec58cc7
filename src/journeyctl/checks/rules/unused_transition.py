"""No case of the event log takes a mapped transition.

What it does
------------
With an event log configured (``[evidence]``, see docs/evidence.md), flags each
transition of the map that no case takes, pointing at its ``next`` entry. Only
transitions between two touchpoints that both name their ``events`` are checked: a
touchpoint the log cannot see says nothing about its transitions.

Why it matters
--------------
A transition nobody takes is either a path that no longer exists (the map is out of
date), a path customers cannot find (a broken link, a hidden option), or evidence that is
not recorded. Each of these is worth knowing before the map is used to decide.

Example
-------
No case of the log leaves a voicemail:

.. code-block:: yaml

    - id: call-office
      entry: true
      events: [call.answered]
      next:
        - dispatch-job
        - voicemail
    - id: dispatch-job
      events: [job.dispatched]
      end: success
    - id: voicemail
      events: [call.voicemail]
      end: abandoned

.. code-block:: csv

    case_id,activity,timestamp
    c1,call.answered,2026-03-02T09:00:00
    c1,job.dispatched,2026-03-02T09:10:00

Fix
---
Remove the transition if the path is gone, or find out why nobody takes it, or record
its events:

.. code-block:: yaml

    - id: call-office
      entry: true
      events: [call.answered]
      next: [dispatch-job]
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity
from journeyctl.text.wording import counted

CODE = "JM502"
NAME = "unused-transition"
SEVERITY = Severity.WARNING
OPT_IN = True
NEEDS_EVIDENCE = True
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    evidence = options.get("evidence")
    if evidence is None:
        return
    seen = {t.id for t in doc.journey.touchpoints if t.events}
    unused = {(t.source, t.target) for t in evidence.transitions if t.unused}
    for touchpoint in doc.journey.touchpoints:
        for edge in graph.outgoing[touchpoint.id]:
            pair = (edge.source, edge.target)
            if pair in unused and edge.source in seen and edge.target in seen:
                unused.discard(pair)  # a transition listed twice is reported once
                yield Problem(
                    graph.edge_path(edge),
                    f"none of the {counted(evidence.cases, 'case')} of the event log takes {edge.id}: remove it "
                    "if the path is gone, or find out why nobody takes it",
                    element=f"transition:{edge.id}",
                )
