"""A transition goes back to an earlier stage.

What it does
------------
Flags every ``next`` entry whose target touchpoint belongs to a stage listed before the
stage of its source touchpoint. Transitions within a stage and links into other journeys
are not checked. The finding points at the ``next`` entry; it is for information.

Why it matters
--------------
Going back a stage is rework: the customer is sent back to booking after the visit
failed, or has to start the application again. Some loops are real and belong in the
map, but each one is worth a look — it is a place where the journey costs the customer
(and the organisation) twice.

Example
-------
.. code-block:: yaml

    stages:
      - {id: book, name: Book}
      - {id: service, name: Service}
    touchpoints:
      - id: visit
        name: Technician visits
        stage: service
        channel: in-person
        next:
          - {to: call-office, when: part missing}

Fix
---
Keep the loop if customers really go back, and find out why (here: carry the parts on
the first visit). To acknowledge it without the reminder, suppress it on that line:

.. code-block:: yaml

    next:
      - {to: call-office, when: part missing}  # journeyctl: ignore[backward-transition]
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM108"
NAME = "backward-transition"
SEVERITY = Severity.INFO
OPT_IN = False
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    stages = graph.stage_order
    for edge in graph.edges():
        if edge.target is None:
            continue
        source = graph.touchpoints[edge.source].stage
        target = graph.touchpoints[edge.target].stage
        if stages[target] < stages[source]:
            yield Problem(
                graph.edge_path(edge),
                f"transition {edge.id} goes back from stage {source!r} to the earlier stage {target!r} (rework)",
                element=f"transition:{edge.id}",
            )
