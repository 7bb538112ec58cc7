"""A frontstage touchpoint has no backstage or support work behind it.

What it does
------------
Flags every ``frontstage`` touchpoint (the default lane) none of whose neighbours is in
the ``backstage`` or ``support`` lane. Neighbours are the touchpoints it leads to and
the touchpoints that lead to it, one transition away, in the same journey; links into
another journey do not count. The finding points at the touchpoint's ``id``.

The rule is off unless selected (``--extend-select unsupported-frontstage``): it is for
maps drawn as service blueprints, where every step the customer sees should show what
makes it possible behind the line of visibility.

Why it matters
--------------
What staff do in front of the customer depends on work the customer never sees:
systems, dispatch, stock, billing. A blueprint that shows only the frontstage hides
where service failures really start, and leaves the supporting teams out of the
conversation.

Example
-------
.. code-block:: yaml

    - id: call-office
      name: Calls the office
      stage: book
      channel: phone
      owner: reception
      next: [confirm-sms]

Fix
---
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
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model import Lane
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM205"
NAME = "unsupported-frontstage"
SEVERITY = Severity.INFO
OPT_IN = True
OPTIONS: dict = {}

_BEHIND = (Lane.BACKSTAGE, Lane.SUPPORT)


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    for touchpoint in doc.journey.touchpoints:
        if touchpoint.lane is not Lane.FRONTSTAGE:
            continue
        neighbours = chain(graph.successors(touchpoint.id), graph.predecessors(touchpoint.id))
        if any(graph.touchpoints[n].lane in _BEHIND for n in neighbours):
            continue
        yield Problem(
            graph.touchpoint_path(touchpoint.id, "id"),
            f"frontstage touchpoint {touchpoint.id!r} has no backstage or support touchpoint next to it: "
            "show the work behind it that makes it possible",
            at_key=True,
            element=f"touchpoint:{touchpoint.id}",
        )
