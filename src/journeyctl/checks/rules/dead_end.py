"""A touchpoint that is not an end has no outgoing transition.

What it does
------------
Flags every touchpoint without ``end`` whose ``next`` list is missing or empty.

Why it matters
--------------
A customer who arrives here has nowhere to go: the map stops without saying whether the
journey succeeded or was abandoned. Either a step is missing from the map, or the
touchpoint really is the end and should say so.

Example
-------
.. code-block:: yaml

    - id: voicemail
      name: Leaves a voicemail
      stage: book
      channel: phone

Fix
---
.. code-block:: yaml

    - id: voicemail
      name: Leaves a voicemail
      stage: book
      channel: phone
      next: [call-back]        # or: end: abandoned
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM103"
NAME = "dead-end"
SEVERITY = Severity.ERROR
OPTIONS: dict = {}
#: What ``journeyctl lint --fix`` does about a finding (docs/fixes.md).
FIX = (
    "unsafe — ``end: success`` is added to the touchpoint; check that the journey is meant to end "
    "there, and how (``abandoned``?)"
)


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    for tid in graph.dead_ends:
        yield Problem(
            graph.touchpoint_path(tid, "id"),
            f"touchpoint {tid!r} is a dead end: it has no 'next' and no 'end'",
            at_key=True,
            element=f"touchpoint:{tid}",
        )
