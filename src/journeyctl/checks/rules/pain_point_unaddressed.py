"""A pain point that no roadmap item addresses.

What it does
------------
Flags every pain point that no roadmap item addresses. An item addresses a pain point
when its ``addresses`` list names the pain point, or names the touchpoint that holds it
(an item that reworks a whole step answers for every pain point at that step).

Items that will not be delivered do not count: ``priority: wont`` (the MoSCoW "won't
have" list) and ``status: dropped``. A ``done`` item counts. When a pain point is named
only by such items, the message says which. The finding points at the pain point's
``id``.

Why it matters
--------------
A map that records pain without a plan to relieve it is a catalogue of complaints. Every
pain point should either have an improvement on the roadmap or an explicit decision not
to act on it — write that decision down with a suppression comment and a reason, so the
next review does not rediscover it.

Example
-------
.. code-block:: yaml

    touchpoints:
      - id: call-office
        # ...
        pain_points:
          - id: on-hold
            summary: Waits on hold for 9 minutes
    roadmap:
      - id: chatbot
        title: Answer common questions with a chatbot
        addresses: [on-hold]
        priority: wont

Fix
---
.. code-block:: yaml

    roadmap:
      - id: callback-queue
        title: Offer a call-back instead of hold
        addresses: [on-hold]
        priority: must
        status: planned
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model import Priority, RoadmapStatus
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM301"
NAME = "pain-point-unaddressed"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    addressed: set[str] = set()
    # id → "'item' (won't have)" for the items that name it but will not be delivered
    undelivered: dict[str, list[str]] = {}
    for item in doc.journey.roadmap:
        if item.priority is Priority.WONT:
            why = "won't have"
        elif item.status is RoadmapStatus.DROPPED:
            why = "dropped"
        else:
            addressed.update(item.addresses)
            continue
        for target in item.addresses:
            undelivered.setdefault(target, []).append(f"{item.id!r} ({why})")
    for touchpoint in doc.journey.touchpoints:
        if touchpoint.id in addressed:
            continue
        for index, pain in enumerate(touchpoint.pain_points):
            if pain.id in addressed:
                continue
            named = list(dict.fromkeys(undelivered.get(pain.id, []) + undelivered.get(touchpoint.id, [])))
            if named:
                what = f"is addressed only by roadmap items that will not be delivered: {', '.join(named)}"
            else:
                what = "is not addressed by any roadmap item"
            yield Problem(
                graph.touchpoint_path(touchpoint.id, "pain_points", index, "id"),
                f"pain point {pain.id!r} at touchpoint {touchpoint.id!r} {what}; "
                "plan an improvement that lists it (or the touchpoint) in 'addresses'",
                at_key=True,
                element=f"pain_point:{pain.id}",
            )
