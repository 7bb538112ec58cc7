"""The journey has no entry touchpoint.

What it does
------------
Flags a journey in which no touchpoint has ``entry: true``. The finding points at the
top-level ``touchpoints`` key.

While this rule fires, ``unreachable`` stays quiet for the journey: without an entry
every touchpoint would be unreachable, and one finding says it better than fifty.

Why it matters
--------------
An entry says where customers start: the search, the call, the letter that lands on the
mat. Without one, nobody can tell which path is the journey and which steps are detours,
and reachability, path length and channel switches cannot be measured.

Example
-------
.. code-block:: yaml

    touchpoints:
      - id: search
        name: Searches for a plumber
        stage: discover
        channel: web
        next: [call-office]

Fix
---
.. code-block:: yaml

    touchpoints:
      - id: search
        name: Searches for a plumber
        stage: discover
        channel: web
        entry: true            # customers start here
        next: [call-office]

A journey may have several entries (a yard sign and a web search both lead in).
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM101"
NAME = "no-entry"
SEVERITY = Severity.ERROR
OPT_IN = False
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    if not graph.entries:
        yield Problem(
            ("touchpoints",),
            f"journey {doc.journey.id!r} has no entry: mark the touchpoint(s) where customers start with 'entry: true'",
            at_key=True,
            element=f"journey:{doc.journey.id}",
        )
