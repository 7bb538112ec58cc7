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

from journeyctl.findings import Severity
from journeyctl.graph import JourneyGraph
from journeyctl.validate import Problem
from journeyctl.workspace import JourneyDoc

CODE = "JM304"
NAME = "too-many-channel-switches"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {"max-switches": 4}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    limit = options["max-switches"]
    # Skipping entries that cannot succeed spares a search of everything they reach.
    can_succeed = graph.reaching(graph.successes)
    for entry in graph.entries:
        if entry not in can_succeed:
            continue
        path = graph.shortest_path([entry], graph.successes)
        switches = graph.channel_switches(path)
        if switches <= limit:
            continue
        yield Problem(
            graph.touchpoint_path(entry, "id"),
            f"from entry {entry!r}, the shortest way to a success end switches channel {switches} times "
            f"({_channels(graph, path)}), over the limit of {limit} (max-switches): keep the customer on fewer channels",
            at_key=True,
            element=f"touchpoint:{entry}",
        )


def _channels(graph: JourneyGraph, path: list[str]) -> str:
    """The channels along ``path`` with repeats collapsed: ``web -> phone -> sms``."""
    channels: list[str] = []
    for tid in path:
        channel = graph.touchpoints[tid].channel
        if channel is not None and (not channels or channels[-1] != channel):
            channels.append(channel)
    return " -> ".join(channels)
