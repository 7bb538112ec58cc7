"""A decision point has fewer than two branches, or a branch without a condition.

What it does
------------
For every touchpoint with ``decision: true``:

- flags the touchpoint (at its ``id``) when its ``next`` list has fewer than two entries;
- otherwise flags each ``next`` entry that has no ``when`` (or an empty one), at that entry.

Links into another journey count as branches like any other.

Why it matters
--------------
A decision is where the journey forks: a technician is free or not, auto-renew is on or
off. With one branch it is not a decision, and the other outcome — usually the unhappy
one — is missing from the map. A branch without ``when`` leaves readers guessing which
customers go which way.

Example
-------
.. code-block:: yaml

    - id: dispatch-job
      name: Job dispatched to a technician
      stage: service
      lane: backstage
      decision: true
      next:
        - visit
        - reschedule

Fix
---
.. code-block:: yaml

    - id: dispatch-job
      name: Job dispatched to a technician
      stage: service
      lane: backstage
      decision: true
      next:
        - {to: visit, when: technician free}
        - {to: reschedule, when: no technician today}
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM106"
NAME = "decision-branches"
SEVERITY = Severity.ERROR
OPT_IN = False
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    for touchpoint in doc.journey.touchpoints:
        if not touchpoint.decision:
            continue
        edges = graph.outgoing[touchpoint.id]
        if len(edges) < 2:
            count = "no branch" if not edges else "only one branch"
            yield Problem(
                graph.touchpoint_path(touchpoint.id, "id"),
                f"decision {touchpoint.id!r} has {count}: a decision needs at least two, each with a 'when'",
                at_key=True,
                element=f"touchpoint:{touchpoint.id}",
            )
            continue
        for edge in edges:
            if not (edge.transition.when or "").strip():
                yield Problem(
                    graph.edge_path(edge),
                    f"branch {edge.id} of decision {touchpoint.id!r} has no 'when': say which customers go this way",
                    element=f"transition:{edge.id}",
                )
