"""A touchpoint's emotion is below neutral and no pain point explains it.

What it does
------------
Flags every touchpoint whose ``emotion`` lies below the neutral score of the journey's
``emotion_scale`` while the touchpoint lists no ``pain_points``. The neutral score is
``emotion_scale.neutral`` when given, otherwise 0, or the middle of the scale when 0 is
outside it (a 1..5 scale has neutral 3). Touchpoints in every lane are checked. The
finding points at the ``emotion`` value. When ``emotion`` is a mapping from persona id to
number, each persona below neutral gets a finding of their own, at their value, naming
them.

Why it matters
--------------
A dip in the emotion curve is the most visible thing on a journey map, and the first
question anyone asks is "why?". Without a pain point the dip cannot be addressed by the
roadmap, tracked to evidence, or checked at the next review.

Example
-------
.. code-block:: yaml

    - id: reschedule
      name: Office calls back with a later slot
      stage: book
      channel: phone
      emotion: -1

Fix
---
.. code-block:: yaml

    - id: reschedule
      name: Office calls back with a later slot
      stage: book
      channel: phone
      emotion: -1
      pain_points:
        - id: no-same-day
          summary: One in five emergency calls cannot get a same-day technician
          evidence: "Dispatch board export Q3: 21% of jobs moved to the next day"
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM302"
NAME = "low-emotion-unexplained"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    neutral = doc.journey.emotion_scale.neutral_value
    for touchpoint in doc.journey.touchpoints:
        if touchpoint.pain_points:
            continue
        for persona, emotion in touchpoint.emotion_by_persona().items():
            if emotion >= neutral:
                continue
            where, whose = ("emotion",), ""
            if persona is not None:
                where, whose = ("emotion", persona), f" for persona {persona!r}"
            yield Problem(
                graph.touchpoint_path(touchpoint.id, *where),
                f"touchpoint {touchpoint.id!r} has emotion {_number(emotion)}{whose}, below neutral "
                f"({_number(neutral)}), but no pain point says why: add one to 'pain_points'",
                element=f"touchpoint:{touchpoint.id}",
            )


def _number(value: float) -> str:
    """``-1`` rather than ``-1.0``, so the message matches what the map says."""
    return str(int(value)) if float(value).is_integer() else str(value)
