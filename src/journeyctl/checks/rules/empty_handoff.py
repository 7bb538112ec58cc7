"""A handoff carries nothing.

What it does
------------
Flags every ``handoff`` whose ``carries`` list is missing or empty, on any transition,
including links into another journey. The finding points at the ``handoff`` key.

A handoff with only an ``sla`` or a ``note`` is empty too: the SLA says how fast the
receiving side picks the customer up, the note adds remarks, but only ``carries`` says
what the receiving side gets — and it is what reports and ``journeyctl paths`` show.

Why it matters
--------------
An empty handoff looks like the team boundary was thought through when it was not. The
whole point of writing a handoff down is to name the context that must not be lost
(order number, photos, what the customer already tried).

Example
-------
.. code-block:: yaml

    next:
      - to: dispatch-job
        handoff:
          sla: 10m

Fix
---
.. code-block:: yaml

    next:
      - to: dispatch-job
        handoff:
          carries: [address, problem description, photos]
          sla: 10m
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM203"
NAME = "empty-handoff"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    for edge in graph.edges():
        handoff = edge.transition.handoff
        if handoff is None or handoff.carries:
            continue
        given = [name for name, value in (("an SLA", handoff.sla), ("a note", handoff.note)) if value]
        what = f"has {' and '.join(given)} but carries nothing" if given else "is empty"
        yield Problem(
            (*graph.edge_path(edge), "handoff"),
            f"the handoff on transition {edge.id} {what}: list the context that travels in 'carries'",
            at_key=True,
            element=f"transition:{edge.id}",
        )
