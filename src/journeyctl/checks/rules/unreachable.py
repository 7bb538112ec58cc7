"""A touchpoint cannot be reached from any entry.

What it does
------------
Follows the ``next`` transitions from every touchpoint with ``entry: true`` and flags
each touchpoint that no path reaches. The finding points at the touchpoint's ``id``.

Links from other journeys are not followed: a touchpoint that another journey leads into
(``next: [{journey: renewal, touchpoint: reminder}]``) should be marked ``entry: true``
in its own journey, so that each map can be checked on its own and gives the same
answer whether it is linted alone or with the whole workspace.

When the journey has no entry at all, ``no-entry`` reports that once and this rule stays
quiet.

Why it matters
--------------
An unreachable step is either a leftover from an older version of the map or a missing
transition: customers are meant to get there but the map does not say how. Either way
the journey shown is not the journey customers take.

Example
-------
.. code-block:: yaml

    - id: search
      name: Searches for a plumber
      stage: discover
      channel: web
      entry: true
      next: [call-office]
    - id: book-online
      name: Books online
      stage: book
      channel: web
      next: [confirm-sms]

Fix
---
.. code-block:: yaml

    - id: search
      name: Searches for a plumber
      stage: discover
      channel: web
      entry: true
      next:
        - call-office
        - to: book-online
          when: office is closed

Or delete the touchpoint if customers no longer pass through it.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM104"
NAME = "unreachable"
SEVERITY = Severity.ERROR
OPT_IN = False
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    if not graph.entries:
        return
    reached = graph.reachable()
    entries = ", ".join(repr(e) for e in graph.entries[:3]) + (", …" if len(graph.entries) > 3 else "")
    for touchpoint in doc.journey.touchpoints:
        if touchpoint.id not in reached:
            yield Problem(
                graph.touchpoint_path(touchpoint.id, "id"),
                f"touchpoint {touchpoint.id!r} cannot be reached from any entry ({entries}): "
                "add a transition to it, mark it 'entry: true', or remove it",
                at_key=True,
                element=f"touchpoint:{touchpoint.id}",
            )
