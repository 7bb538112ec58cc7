"""A touchpoint the organisation runs has no owner.

What it does
------------
Flags every touchpoint in the ``frontstage``, ``backstage`` or ``support`` lane (the
default lane is ``frontstage``) that has no ``owner``. ``customer``-lane touchpoints
are exempt: the customer runs those. The journey's own ``owner`` does not stand in for
a touchpoint's: it is the team that keeps the map, not the team that runs the step.
The finding points at the touchpoint's ``id``.

Why it matters
--------------
A step nobody owns is a step nobody improves, staffs or answers for. Owners also make
team boundaries visible, which is what ``missing-handoff`` checks.

Example
-------
.. code-block:: yaml

    - id: confirm-sms
      name: Gets the arrival window by SMS
      stage: book
      channel: sms

Fix
---
.. code-block:: yaml

    - id: confirm-sms
      name: Gets the arrival window by SMS
      stage: book
      channel: sms
      owner: dispatch
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model import Lane
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM204"
NAME = "missing-owner"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    for touchpoint in doc.journey.touchpoints:
        if touchpoint.lane is Lane.CUSTOMER or touchpoint.owner is not None:
            continue
        yield Problem(
            graph.touchpoint_path(touchpoint.id, "id"),
            f"{touchpoint.lane.value} touchpoint {touchpoint.id!r} has no owner: "
            "name the team that runs it in 'owner'",
            at_key=True,
            element=f"touchpoint:{touchpoint.id}",
        )
