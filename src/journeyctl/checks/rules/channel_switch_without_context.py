"""A transition changes channel and no handoff says what context travels.

What it does
------------
Flags every ``next`` entry out of a touchpoint the organisation runs (any lane but
``customer``) into a touchpoint on a different channel, when the entry has no
``handoff`` with a non-empty ``carries`` list. The finding points at the ``next`` entry.

- Transitions out of ``customer``-lane touchpoints are not checked: when the customer
  moves on by themselves (searches the web, then calls), nobody on our side could have
  carried anything.
- When either touchpoint has no channel (backstage or support work), the transition is
  not checked: there is no channel change to see.
- Links into another journey are not checked: the channel on the other side lives in
  another file.
- A handoff with only ``sla`` or ``note`` still counts as missing context here: the
  rule asks for ``carries``, the list a reader (and ``journeyctl paths``) can see.
  Such a handoff is also reported by ``empty-handoff``.

Why it matters
--------------
Customers hate repeating themselves. When a phone call turns into an e-mail, or a chat
into a branch visit, the case history has to travel with them; if the map does not say
what travels, nobody is accountable for it and the customer starts again from zero.

Example
-------
.. code-block:: yaml

    - id: chat-agent
      name: Chats with an agent
      stage: support
      channel: chat
      owner: support
      next: [email-follow-up]
    - id: email-follow-up
      name: Gets the answer by e-mail
      stage: support
      channel: email
      owner: support
      end: success

Fix
---
.. code-block:: yaml

    - id: chat-agent
      name: Chats with an agent
      stage: support
      channel: chat
      owner: support
      next:
        - to: email-follow-up
          handoff:
            carries: [chat transcript, case number]
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model import Lane
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM202"
NAME = "channel-switch-without-context"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    for edge in graph.edges():
        if edge.target is None:
            continue
        source = graph.touchpoints[edge.source]
        target = graph.touchpoints[edge.target]
        if source.lane is Lane.CUSTOMER or source.channel is None or target.channel is None:
            continue
        if source.channel == target.channel:
            continue
        handoff = edge.transition.handoff
        if handoff is not None and handoff.carries:
            continue
        yield Problem(
            graph.edge_path(edge),
            f"transition {edge.id} changes channel from {source.channel!r} to {target.channel!r} "
            "but no handoff.carries says what context travels, so the customer may have to repeat themselves",
            element=f"transition:{edge.id}",
        )
