"""None of a persona's preferred channels is offered on their way through the journey.

What it does
------------
For every persona of the journey (inline or from a catalog) that lists
``preferred_channels``, collects the channels of the touchpoints the persona passes
through — those whose ``personas`` list names them, or that have no ``personas`` list —
and flags the persona when none of the preferred channels is among them. Only
touchpoints in the ``customer`` and ``frontstage`` lanes count: the channel of a
backstage or support step (a dispatch app, a CRM) is not one the customer uses. A
persona who passes through no touchpoint at all is flagged too. The finding points at
the persona's entry in the journey's ``personas`` list.

Why it matters
--------------
Segments behave differently: the senior who only phones and the property manager who
lives in e-mail take the same journey on different channels. When the map offers a
persona none of the channels they prefer, either the map forgot their path or the
organisation really does force them onto channels they avoid — both worth knowing.

Example
-------
.. code-block:: yaml

    personas:
      - id: senior-phone-first
        name: Senior, phone first
        preferred_channels: [phone]
    touchpoints:
      - {id: book-online, name: Books online, stage: book, channel: web, entry: true, end: success}

Fix
---
.. code-block:: yaml

    touchpoints:
      - {id: book-online, name: Books online, stage: book, channel: web, entry: true, end: success}
      - {id: call-office, name: Calls the office, stage: book, channel: phone, entry: true, end: success}
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity
from journeyctl.text.wording import listed

CODE = "JM306"
NAME = "persona-channel-gap"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    visible = [t for t in doc.journey.touchpoints if t.lane.visible]
    for index, persona in enumerate(doc.journey_personas):
        preferred = persona.preferred_channels
        if not preferred:
            continue
        passes = [t for t in visible if t.personas is None or persona.id in t.personas]
        used = list(dict.fromkeys(t.channel for t in passes if t.channel is not None))
        if any(channel in used for channel in preferred):
            continue
        wanted = listed(preferred)
        if passes:
            what = (
                f"prefers {wanted}, but the touchpoints they pass through only use {listed(used, 'and')}: "
                "offer one of their channels, or map the path they really take"
            )
        else:
            what = (
                f"prefers {wanted}, but passes through no touchpoint the customer sees: "
                "list them in the 'personas' of the touchpoints they take"
            )
        yield Problem(("personas", index), f"persona {persona.id!r} {what}", element=f"persona:{persona.id}")
