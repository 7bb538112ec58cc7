"""The shortest way from an entry to a successful end switches channel too often.

What it does
------------
For every entry touchpoint, takes the shortest way (fewest touchpoints; ties go to the
branch listed first) to an ``end: success`` touchpoint, counts how often the channel
changes along it, and flags the entry when the count exceeds ``max-switches``. The
finding points at the entry's ``id`` and lists the channels in order.

- Touchpoints without a channel (backstage and support work) are skipped when counting:
  ``phone`` → backstage step → ``phone`` is no switch.
- Each entry is checked on its own, for the same reason as ``journey-too-long``.
- Entries with no way to a success end, and journeys with no success end at all, are
  left to the flow rules.

Why it matters
--------------
Every change of channel is a seam: a new login, a new number to quote, a new person who
does not know the story. Customers tolerate one or two; a happy path that hops from web
to phone to e-mail to SMS to a branch visit loses them, whatever the handoffs carry.

Example
-------
With ``max-switches = 2``:

.. code-block:: yaml

    - {id: search, name: Searches, stage: buy, channel: web, lane: customer, entry: true, next: [call]}
    - {id: call, name: Calls sales, stage: buy, channel: phone, owner: sales, next: [contract]}
    - {id: contract, name: Gets the contract, stage: buy, channel: email, owner: sales, next: [sign]}
    - {id: sign, name: Signs in the app, stage: buy, channel: app, owner: sales, end: success}

Fix
---
.. code-block:: yaml

    - {id: search, name: Searches, stage: buy, channel: web, lane: customer, entry: true, next: [call]}
    - {id: call, name: Calls sales, stage: buy, channel: phone, owner: sales, next: [sign]}
    - {id: sign, name: Signs the contract online, stage: buy, channel: web, owner: sales, end: success}

Options
-------
``max-switches`` (default 4): the most channel changes the shortest way from an entry
to a success end may have.

.. code-block:: toml

    [rules.too-many-channel-switches]
    max-switches = 3
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM304"
NAME = "too-many-channel-switches"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {"max-switches": 4}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    limit = options["max-switches"]
    ways = _ShortestWays(graph)
    for entry in graph.entries:
        first = ways.first_channelled(entry)
        if first is None:
            continue
        switches = ways.switches[first]
        if switches <= limit:
            continue
        yield Problem(
            graph.touchpoint_path(entry, "id"),
            f"from entry {entry!r}, the shortest way to a success end switches channel {switches} times "
            f"({ways.channels(first, limit + 2)}), over the limit of {limit} (max-switches): "
            "keep the customer on fewer channels",
            at_key=True,
            element=f"touchpoint:{entry}",
        )


class _ShortestWays:
    """The shortest way from every touchpoint to a success end, and its channel changes.

    One backward breadth-first walk from the success ends gives each touchpoint its
    distance; its next step is the first touchpoint in its ``next`` list one step closer.
    Channel facts are then computed once per touchpoint, nearest to the end first, so
    the whole analysis stays linear however many entries the journey has.
    """

    def __init__(self, graph: JourneyGraph) -> None:
        distance = {end: 0 for end in graph.successes}
        order = list(distance)
        for current in order:  # grows while it is walked: a breadth-first queue
            for previous in graph.predecessors(current):
                if previous not in distance:
                    distance[previous] = distance[current] + 1
                    order.append(previous)
        self.graph = graph
        #: the first touchpoint with a channel on the way from here (this one included)
        self.channelled: dict[str, str | None] = {}
        #: for touchpoints with a channel: the next touchpoint on the way on another channel
        self.change: dict[str, str | None] = {}
        #: for touchpoints with a channel: how many channel changes remain on the way
        self.switches: dict[str, int] = {}
        for tid in order:
            step = None
            if distance[tid]:
                step = next(s for s in graph.successors(tid) if distance.get(s) == distance[tid] - 1)
            channel = graph.touchpoints[tid].channel
            onward = self.channelled[step] if step is not None else None
            if channel is None:
                self.channelled[tid] = onward
                continue
            self.channelled[tid] = tid
            if onward is None:
                change = None
            elif graph.touchpoints[onward].channel != channel:
                change = onward
            else:
                change = self.change[onward]
            self.change[tid] = change
            self.switches[tid] = 0 if change is None else 1 + self.switches[change]

    def first_channelled(self, entry: str) -> str | None:
        """The first touchpoint with a channel on the shortest way from ``entry`` (``None``: no way)."""
        return self.channelled.get(entry)

    def channels(self, start: str, most: int) -> str:
        """The channels along the way from ``start``: ``web -> phone -> sms`` (at most ``most``, then ``…``)."""
        channels: list[str] = []
        current: str | None = start
        while current is not None and len(channels) < most:
            channels.append(self.graph.touchpoints[current].channel)
            current = self.change[current]
        if current is not None:
            channels.append("…")
        return " -> ".join(channels)
