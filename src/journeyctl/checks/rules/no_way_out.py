"""Customers who reach a touchpoint can never leave the journey.

What it does
------------
Flags each touchpoint from which no path leads to an end, a dead end or another journey:
every way on loops back, like an IVR menu whose options all return to the menu. The
finding points at the touchpoint's ``id``.

Only touchpoints reachable from an entry are checked (an unreachable loop is reported
by ``unreachable``), unless the journey has no entry at all. When the journey has no end,
``no-end`` reports that once and this rule stays quiet. Dead ends are reported by
``dead-end`` and count as a way out here, so one problem never gives two findings.

Why it matters
--------------
A loop with no exit is the journey customers describe as "going round in circles": the
chatbot that always offers the same three articles, the phone menu that sends everyone
back to the start. In the map it hides the missing escape route — a human agent, a
call-back, an honest "we can't help".

Example
-------
.. code-block:: yaml

    - id: ivr-menu
      name: Phone menu
      stage: contact
      channel: phone
      entry: true
      decision: true
      next:
        - {to: ivr-billing, when: presses 1}
        - {to: ivr-faults, when: presses 2}
    - id: ivr-billing
      name: Billing message
      stage: contact
      channel: phone
      next: [ivr-menu]
    - id: ivr-faults
      name: Faults message
      stage: contact
      channel: phone
      next: [ivr-menu]
    - {id: faq, name: Finds the answer online, stage: contact, channel: web, entry: true, end: success}

Fix
---
.. code-block:: yaml

    - id: ivr-menu
      name: Phone menu
      stage: contact
      channel: phone
      entry: true
      decision: true
      next:
        - {to: ivr-billing, when: presses 1}
        - {to: ivr-faults, when: presses 2}
        - {to: agent, when: presses 0}
    - id: agent
      name: Talks to an agent
      stage: contact
      channel: phone
      end: success
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM105"
NAME = "no-way-out"
SEVERITY = Severity.ERROR
OPT_IN = False
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    if not graph.ends:
        return
    escapes = graph.reaching([*graph.ends, *graph.dead_ends, *graph.exits])
    checked = graph.reachable() if graph.entries else graph.touchpoints.keys()
    for touchpoint in doc.journey.touchpoints:
        tid = touchpoint.id
        if tid in checked and tid not in escapes:
            yield Problem(
                graph.touchpoint_path(tid, "id"),
                f"no way out of touchpoint {tid!r}: every path from it loops back without reaching an end "
                "or another journey, so customers who get here never finish",
                at_key=True,
                element=f"touchpoint:{tid}",
            )
