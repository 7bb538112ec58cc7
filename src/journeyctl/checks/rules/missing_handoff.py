"""A transition between touchpoints owned by different teams has no handoff.

What it does
------------
Flags every ``next`` entry whose source and target touchpoints both have an ``owner``
and the owners differ, when the entry has no ``handoff``. The finding points at the
``next`` entry.

Transitions where either side has no owner are left to ``missing-owner``; links into
another journey are not checked, because the owner of the touchpoint on the other side
lives in another file. A handoff that is present but carries nothing is reported by
``empty-handoff`` instead.

Why it matters
--------------
Handoffs between teams are where context gets lost: the customer explains the problem
to reception and has to explain it again to dispatch. Writing the handoff down — what
travels, how fast it must be picked up — makes the team boundary visible and gives the
receiving team something to be held to.

Example
-------
.. code-block:: yaml

    - id: call-office
      name: Calls the office
      stage: book
      channel: phone
      owner: reception
      next: [dispatch-job]
    - id: dispatch-job
      name: Job dispatched to a technician
      stage: book
      lane: backstage
      owner: dispatch
      next: [confirm-sms]

Fix
---
.. code-block:: yaml

    - id: call-office
      name: Calls the office
      stage: book
      channel: phone
      owner: reception
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

CODE = "JM201"
NAME = "missing-handoff"
SEVERITY = Severity.ERROR
OPT_IN = False
OPTIONS: dict = {}
#: What ``journeyctl lint --fix`` does about a finding (docs/fixes.md).
FIX = (
    "unsafe — a stub ``handoff: {carries: []}`` is added to the transition (a bare ``next`` id "
    "becomes ``{to: id, handoff: {carries: []}}``); ``empty-handoff`` reports it until you list "
    "what travels"
)


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    for edge in graph.edges():
        if edge.target is None or edge.transition.handoff is not None:
            continue
        source = graph.touchpoints[edge.source].owner
        target = graph.touchpoints[edge.target].owner
        if source is None or target is None or source == target:
            continue
        yield Problem(
            graph.edge_path(edge),
            f"transition {edge.id} crosses from team {source!r} to {target!r} without a handoff: "
            "say what travels with the customer (handoff.carries)",
            element=f"transition:{edge.id}",
        )
