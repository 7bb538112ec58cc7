"""The journey has no owner.

What it does
------------
Flags a journey without a top-level ``owner`` (a team id). The finding points at the
journey's ``id``.

Why it matters
--------------
A map without an owner is nobody's job to review, so it goes stale; findings on it have
nobody to go to, and its roadmap has nobody to push it. The owner is the team that keeps
the map true, not necessarily one that runs its touchpoints.

Example
-------
.. code-block:: yaml

    journeyctl: 1
    id: emergency-plumber
    title: Booking an emergency plumber

Fix
---
.. code-block:: yaml

    journeyctl: 1
    id: emergency-plumber
    title: Booking an emergency plumber
    owner: cx-home-services
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM404"
NAME = "no-owner"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    if doc.journey.owner is not None:
        return
    yield Problem(
        ("id",),
        f"journey {doc.journey.id!r} has no owner: name the team that keeps the map up to date in 'owner'",
        at_key=True,
        element=f"journey:{doc.journey.id}",
    )
