"""A must-have roadmap item is past its milestone and not done.

What it does
------------
Flags every roadmap item with ``priority: must`` whose ``milestone`` has passed and
whose ``status`` is neither ``done`` nor ``dropped``. A date milestone passes the day
after that date; a quarter milestone (``2027-Q1``) passes after the quarter's last day.
Items without a milestone are not checked. The finding points at the ``milestone``.

Why it matters
--------------
"Must have" is a promise: the journey does not work without it. A must-have that slips
past its milestone without anyone updating the map is either late (and the people who
rely on it should know) or no longer a must (and the roadmap should say so).

Example
-------
.. code-block:: yaml

    roadmap:
      - id: callback-queue
        title: Offer a call-back instead of hold
        priority: must
        milestone: 2026-Q3
        status: in-progress

Fix
---
Deliver it (``status: done``), move the milestone to a date the team commits to, or
lower the priority:

.. code-block:: yaml

    roadmap:
      - id: callback-queue
        title: Offer a call-back instead of hold
        priority: must
        milestone: 2027-Q1
        status: in-progress
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model import Priority, RoadmapStatus, milestone_deadline
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM402"
NAME = "must-have-overdue"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {}

_CLOSED = (RoadmapStatus.DONE, RoadmapStatus.DROPPED)


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    today = options["today"]
    for index, item in enumerate(doc.journey.roadmap):
        if item.priority is not Priority.MUST or item.milestone is None or item.status in _CLOSED:
            continue
        deadline = milestone_deadline(item.milestone)
        if deadline >= today:
            continue
        due = deadline.isoformat()
        if item.milestone != due:
            due = f"the end of {item.milestone} ({due})"
        yield Problem(
            ("roadmap", index, "milestone"),
            f"must-have roadmap item {item.id!r} was due by {due} and is still {item.status.value!r}: "
            "deliver it, move the milestone, or lower its priority",
            element=f"roadmap:{item.id}",
        )
