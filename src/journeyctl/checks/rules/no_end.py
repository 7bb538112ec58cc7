"""The journey has no end touchpoint.

What it does
------------
Flags a journey in which no touchpoint has ``end`` (``success``, ``abandoned`` or another
word). The finding points at the top-level ``touchpoints`` key.

A journey that hands customers over to another journey still needs an end: mark the last
step ``end: success`` and keep its ``next`` link into the other journey. While this rule
fires, ``no-way-out`` stays quiet for the journey.

Why it matters
--------------
An end says what "done" means — the leak is fixed, the refund is paid — and where
customers give up. Without one, the map cannot show a successful path, its length or the
channel switches along it, and loops that never finish cannot be told from the journey.

Example
-------
.. code-block:: yaml

    - id: pay
      name: Pays the technician
      stage: service
      channel: in-person
      next:
        - journey: maintenance-renewal

Fix
---
.. code-block:: yaml

    - id: pay
      name: Pays the technician
      stage: service
      channel: in-person
      end: success             # the journey succeeds here...
      next:
        - journey: maintenance-renewal   # ...and continues in another one
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM102"
NAME = "no-end"
SEVERITY = Severity.ERROR
OPT_IN = False
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    if not graph.ends:
        yield Problem(
            ("touchpoints",),
            f"journey {doc.journey.id!r} has no end: mark where it finishes with 'end: success' "
            "(and where customers give up with 'end: abandoned')",
            at_key=True,
            element=f"journey:{doc.journey.id}",
        )
