"""A stage has no touchpoint.

What it does
------------
Flags every stage that no touchpoint names in its ``stage`` field. The finding points at
the stage's ``id``.

Why it matters
--------------
An empty stage is a hole in the journey: either the steps of that phase were never
mapped (the map claims a coverage it does not have), or the stage is left over from an
earlier version and only clutters the diagram and the report.

Example
-------
.. code-block:: yaml

    stages:
      - {id: book, name: Book}
      - {id: service, name: Service visit}
    touchpoints:
      - {id: call-office, name: Calls the office, stage: book, channel: phone, entry: true, end: success}

Fix
---
.. code-block:: yaml

    stages:
      - {id: book, name: Book}
      - {id: service, name: Service visit}
    touchpoints:
      - {id: call-office, name: Calls the office, stage: book, channel: phone, entry: true, next: [repair]}
      - {id: repair, name: Repairs the leak, stage: service, channel: in-person, end: success}
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM305"
NAME = "empty-stage"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    used = {touchpoint.stage for touchpoint in doc.journey.touchpoints}
    for index, stage in enumerate(doc.journey.stages):
        if stage.id in used:
            continue
        yield Problem(
            ("stages", index, "id"),
            f"stage {stage.id!r} has no touchpoint: map the steps that happen in it, or remove the stage",
            at_key=True,
            element=f"stage:{stage.id}",
        )
