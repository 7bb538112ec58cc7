"""The map has not been reviewed recently, or says nothing about when it was.

What it does
------------
Flags a journey with no ``reviewed`` date (pointing at its ``id``) or whose ``reviewed``
date is more than ``max-age-days`` before today (pointing at the date). A date more than
a day in the future is flagged as well: it is almost always a typo, and it would keep
the map looking fresh for ever (one day of slack allows for time zones). Journeys with
``status: retired`` are not checked: nobody maintains them any more.

Messages name dates, never a number of days ago, so a finding stays the same from one
day to the next and CI systems can track it.

Why it matters
--------------
Journeys change faster than their maps: new channels, new staff, a fixed pain point, a
new one. A map nobody has looked at for half a year misleads the people who use it to
decide. Recording the review date makes the age of every map visible and reviewable.

Example
-------
.. code-block:: yaml

    journeyctl: 1
    id: emergency-plumber
    title: Booking an emergency plumber
    reviewed: 2025-10-12

Fix
---
Review the map with the teams that own its touchpoints, update what changed, and record
the date:

.. code-block:: yaml

    journeyctl: 1
    id: emergency-plumber
    title: Booking an emergency plumber
    reviewed: 2026-10-12

Options
-------
``max-age-days`` (default 180): how many days after its review a map counts as stale.

.. code-block:: toml

    [rules.stale-map]
    max-age-days = 90
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model import JourneyStatus
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM401"
NAME = "stale-map"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {"max-age-days": 180}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    journey = doc.journey
    if journey.status is JourneyStatus.RETIRED:
        return
    element = f"journey:{journey.id}"
    if journey.reviewed is None:
        yield Problem(
            ("id",),
            f"journey {journey.id!r} has no 'reviewed' date: review the map and record when",
            at_key=True,
            element=element,
        )
        return
    today: dt.date = options["today"]
    limit = options["max-age-days"]
    # Compare ages in days rather than shifting dates, which overflows for huge limits.
    age = (today - journey.reviewed).days
    if age < -1:
        yield Problem(
            ("reviewed",),
            f"journey {journey.id!r} says it was reviewed on {journey.reviewed.isoformat()}, "
            "which is in the future: correct the date",
            element=element,
        )
    elif age > limit:
        yield Problem(
            ("reviewed",),
            f"journey {journey.id!r} was last reviewed on {journey.reviewed.isoformat()}, more than {limit} days "
            "ago (max-age-days): review it with the teams that run it and update 'reviewed'",
            element=element,
        )
