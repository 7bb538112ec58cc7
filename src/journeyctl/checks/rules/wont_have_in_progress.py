"""A won't-have roadmap item is being worked on.

What it does
------------
Flags every roadmap item with ``priority: wont`` whose ``status`` is ``planned`` or
``in-progress``. The finding points at the ``status``.

Why it matters
--------------
The "won't have" list of MoSCoW records what was deliberately left out, so that it is
not raised again at every planning meeting. An item on that list that is planned or in
progress means either the decision changed and the priority was never updated, or
effort is going where everyone agreed it should not.

Example
-------
.. code-block:: yaml

    roadmap:
      - id: national-call-centre
        title: Outsource night calls to a national call centre
        priority: wont
        status: in-progress

Fix
---
Record the decision (``status: dropped``, or ``idea`` to keep it on the list), or raise
the priority if the work really goes ahead:

.. code-block:: yaml

    roadmap:
      - id: national-call-centre
        title: Outsource night calls to a national call centre
        priority: wont
        status: dropped
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model import Priority, RoadmapStatus
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM403"
NAME = "wont-have-in-progress"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {}

_ACTIVE = (RoadmapStatus.PLANNED, RoadmapStatus.IN_PROGRESS)


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    for index, item in enumerate(doc.journey.roadmap):
        if item.priority is not Priority.WONT or item.status not in _ACTIVE:
            continue
        yield Problem(
            ("roadmap", index, "status"),
            f"roadmap item {item.id!r} is a won't-have but its status is {item.status.value!r}: "
            "set the status to 'dropped', or raise the priority if the work goes ahead",
            element=f"roadmap:{item.id}",
        )
