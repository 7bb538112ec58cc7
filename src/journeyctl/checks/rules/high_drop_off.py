"""Too many customers drop out at a touchpoint.

What it does
------------
With an event log configured (``[evidence]``, see docs/evidence.md), flags each
touchpoint that is not an ``end`` where the share of cases that drop off — whose last
visit is there — exceeds ``max-rate``, among touchpoints visited by at least
``min-cases`` cases. The finding points at the touchpoint's ``id``.

Why it matters
--------------
Customers leave journeys that are confusing or too long. A step where many of them stop
is where the journey fails, whether or not the map marks a pain point there.

Example
-------
One of the two cases of the log stops at ``get-quote`` (50%):

.. code-block:: yaml

    - id: get-quote
      entry: true
      events: ["quote.*"]
      next: [book]
    - id: book
      events: [booking.done]
      end: success

.. code-block:: csv

    case_id,activity,timestamp
    c1,quote.shown,2026-03-02T09:00:00
    c1,booking.done,2026-03-02T09:04:00
    c2,quote.shown,2026-03-02T10:00:00

Fix
---
Find out why customers stop, record it as a pain point with the evidence and plan the
improvement: the finding goes once the log shows fewer drop-offs. Where stopping is an
outcome the journey should show (a customer who only wanted a price), make the step an
``end`` that says so:

.. code-block:: yaml

    - id: get-quote
      entry: true
      events: ["quote.*"]
      end: quote-only
      next: [book]

Options
-------
``max-rate`` (default 0.2): the largest acceptable share of drop-offs, between 0 and 1.
``min-cases`` (default 1): check only touchpoints visited by at least this many cases.

.. code-block:: toml

    [rules.high-drop-off]
    max-rate = 0.1
    min-cases = 30
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity
from journeyctl.text.wording import percent

CODE = "JM503"
NAME = "high-drop-off"
SEVERITY = Severity.WARNING
OPT_IN = True
NEEDS_EVIDENCE = True
OPTIONS: dict = {"max-rate": 0.2, "min-cases": 1}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    evidence = options.get("evidence")
    if evidence is None:
        return
    for t in evidence.touchpoints:
        if t.drop_off_rate is None or t.cases < options["min-cases"] or t.drop_off_rate <= options["max-rate"]:
            continue
        yield Problem(
            graph.touchpoint_path(t.id, "id"),
            f"{t.drop_offs} of {t.cases} cases of the event log drop off at touchpoint {t.id!r} "
            f"({percent(t.drop_off_rate)}, over max-rate {percent(options['max-rate'])}): find out why they stop",
            at_key=True,
            element=f"touchpoint:{t.id}",
        )
