"""Even the shortest way from an entry to a successful end takes too many steps.

What it does
------------
For every entry touchpoint, finds the way to an ``end: success`` touchpoint that takes
the fewest steps the customer sees, and flags the entry when that number exceeds
``max-steps``. The finding points at the entry's ``id``.

- Steps are the touchpoints on the way in the ``customer`` and ``frontstage`` lanes,
  the entry and the end included. ``backstage`` and ``support`` work happens out of the
  customer's sight: drawing it in a blueprint does not make the journey longer.
- Each entry is checked on its own: customers who start on the web and customers who
  start with a phone call go through different journeys, and one short way in must not
  hide a long one.
- Only the shortest way counts: a rework loop or a detour some customers take does not
  make the journey too long. Entries with no way to a success end, and journeys with no
  success end at all, are left to the flow rules (``no-end``, ``dead-end``,
  ``no-way-out``).

Why it matters
--------------
Customers drop out of journeys that are long and confusing. When even the happy path
needs more steps than anyone would sit through, merging steps, pre-filling what is
already known, or removing approvals will do more than polishing any single step.

Example
-------
With ``max-steps = 3``:

.. code-block:: yaml

    - {id: search, name: Searches, stage: buy, channel: web, lane: customer, entry: true, next: [compare]}
    - {id: compare, name: Compares plans, stage: buy, channel: web, next: [register]}
    - {id: register, name: Registers, stage: buy, channel: web, next: [pay]}
    - {id: pay, name: Pays, stage: buy, channel: web, end: success}

Fix
---
.. code-block:: yaml

    - {id: search, name: Searches, stage: buy, channel: web, lane: customer, entry: true, next: [compare]}
    - {id: compare, name: Compares plans, stage: buy, channel: web, next: [pay]}
    - {id: pay, name: Pays as a guest, stage: buy, channel: web, end: success}

Options
-------
``max-steps`` (default 12): the most customer-visible steps the shortest way from an
entry to a success end may take.

.. code-block:: toml

    [rules.journey-too-long]
    max-steps = 15
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM303"
NAME = "journey-too-long"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {"max-steps": 12}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    limit = options["max-steps"]
    steps = _visible_steps_to_success(graph)
    for entry in graph.entries:
        count = steps.get(entry)
        if count is None or count <= limit:
            continue
        yield Problem(
            graph.touchpoint_path(entry, "id"),
            f"from entry {entry!r}, the shortest way to a success end takes {count} steps the customer sees, "
            f"over the limit of {limit} (max-steps): merge or remove steps",
            at_key=True,
            element=f"touchpoint:{entry}",
        )


def _visible_steps_to_success(graph: JourneyGraph) -> dict[str, int]:
    """For each touchpoint that can reach a success end: the fewest visible steps to one.

    One backward breadth-first walk from every success end at once, with 0/1 weights
    (a double-ended queue keeps it linear): a step costs 1 when the touchpoint is in a
    customer-visible lane.
    """
    cost = {tid: int(tp.lane.visible) for tid, tp in graph.touchpoints.items()}
    best: dict[str, int] = {}
    queue: deque[tuple[int, str]] = deque()
    for end in graph.successes:
        best[end] = cost[end]
        if cost[end]:
            queue.append((cost[end], end))
        else:
            queue.appendleft((0, end))
    while queue:
        distance, current = queue.popleft()
        if distance > best[current]:
            continue
        for previous in graph.predecessors(current):
            candidate = distance + cost[previous]
            if candidate < best.get(previous, candidate + 1):
                best[previous] = candidate
                if cost[previous]:
                    queue.append((candidate, previous))
                else:
                    queue.appendleft((candidate, previous))
    return best
