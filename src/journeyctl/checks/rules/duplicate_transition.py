"""The same transition is listed twice.

What it does
------------
Flags every ``next`` entry that leads to the same place as an earlier entry of the same
touchpoint — the same touchpoint, or the same journey (and touchpoint) for a link into
another journey — whatever their ``when`` conditions say. The finding points at the
later entry.

Why it matters
--------------
A transition is known by where it starts and ends (``from->to``): reports, diagrams and
``journeyctl diff`` show it once. A second copy is usually a merge leftover, and when its
condition or handoff differs from the first, it is unclear which one holds.

Example
-------
.. code-block:: yaml

    next:
      - to: pay
        when: paid by card
      - visit-summary
      - to: pay
        when: paid by voucher

Fix
---
.. code-block:: yaml

    next:
      - to: pay
        when: paid by card or voucher
      - visit-summary
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM107"
NAME = "duplicate-transition"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {}
#: What ``journeyctl lint --fix`` does about a finding (docs/fixes.md).
FIX = (
    "safe — the later entry is taken out of ``next``; unsafe when it has a ``when`` or a "
    "handoff the first lacks, or a comment would go with it"
)


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    for touchpoint in doc.journey.touchpoints:
        first: dict[str, int] = {}
        for edge in graph.outgoing[touchpoint.id]:
            if edge.id in first:
                yield Problem(
                    graph.edge_path(edge),
                    f"transition {edge.id} is listed twice in 'next' (first as entry {first[edge.id] + 1}): "
                    "merge the two into one",
                    element=f"transition:{edge.id}",
                )
            else:
                first[edge.id] = edge.index
