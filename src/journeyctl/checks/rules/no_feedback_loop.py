"""No touchpoint collects feedback from the customer.

What it does
------------
Flags a journey in which no touchpoint has ``feedback: true`` (a survey, a review, a
rating, a complaint form). The finding points at the ``touchpoints`` key.

The rule is off unless selected (``--extend-select no-feedback-loop``): some maps
describe a slice of a longer journey whose feedback step lives in another map.

Why it matters
--------------
A journey that never asks the customer how it went can only be improved on guesses.
Marking where feedback is collected also shows where the evidence for pain points and
emotions comes from, and whether it reaches the teams that can act on it.

Example
-------
.. code-block:: yaml

    - id: receipt-email
      name: Gets the receipt
      stage: follow-up
      channel: email
      end: success

Fix
---
.. code-block:: yaml

    - id: receipt-email
      name: Gets the receipt and a two-question survey
      stage: follow-up
      channel: email
      feedback: true
      end: success
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM307"
NAME = "no-feedback-loop"
SEVERITY = Severity.INFO
OPT_IN = True
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    if any(touchpoint.feedback for touchpoint in doc.journey.touchpoints):
        return
    yield Problem(
        ("touchpoints",),
        f"journey {doc.journey.id!r} never asks the customer how it went: "
        "mark the touchpoint that collects feedback (survey, review, rating) with 'feedback: true'",
        at_key=True,
        element=f"journey:{doc.journey.id}",
    )
