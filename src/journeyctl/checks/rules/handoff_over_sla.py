"""A handoff takes longer than its SLA too often.

What it does
------------
With an event log configured (``[evidence]``, see docs/evidence.md), flags each
transition with a ``handoff.sla`` where the share of observed handoffs strictly longer
than the SLA exceeds ``max-rate``. A handoff lasts from the last event of the visit it
leaves to the first event of the visit it reaches. The finding points at the ``sla``.

Why it matters
--------------
An SLA nobody meets is a promise the customer pays for: the wait the map does not show.
Either the process needs fixing or the SLA does not describe reality.

Example
-------
One of the two dispatches takes longer than 10 minutes:

.. code-block:: yaml

    - id: call-office
      entry: true
      events: [call.answered]
      next:
        - to: dispatch-job
          handoff:
            carries: [address]
            sla: 10m
    - id: dispatch-job
      events: [job.dispatched]
      end: success

.. code-block:: csv

    case_id,activity,timestamp
    c1,call.answered,2026-03-02T09:00:00
    c1,job.dispatched,2026-03-02T09:25:00
    c2,call.answered,2026-03-02T10:00:00
    c2,job.dispatched,2026-03-02T10:05:00

Fix
---
Fix what makes the handoff slow, or record the SLA the organisation actually keeps:

.. code-block:: yaml

    next:
      - to: dispatch-job
        handoff:
          carries: [address]
          sla: 30m

Options
-------
``max-rate`` (default 0): the largest acceptable share of handoffs over the SLA, between
0 and 1.

.. code-block:: toml

    [rules.handoff-over-sla]
    max-rate = 0.05
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity
from journeyctl.text.wording import counted, duration, percent

CODE = "JM504"
NAME = "handoff-over-sla"
SEVERITY = Severity.WARNING
OPT_IN = True
NEEDS_EVIDENCE = True
OPTIONS: dict = {"max-rate": 0.0}


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    evidence = options.get("evidence")
    if evidence is None:
        return
    observed = {(t.source, t.target): t for t in evidence.transitions if t.over_sla_rate is not None}
    for touchpoint in doc.journey.touchpoints:
        for edge in graph.outgoing[touchpoint.id]:
            t = observed.pop((edge.source, edge.target), None)
            if t is None or edge.transition.handoff is None or t.over_sla_rate <= options["max-rate"]:
                continue
            yield Problem(
                (*graph.edge_path(edge), "handoff", "sla"),
                f"{percent(t.over_sla_rate)} of {counted(t.count, 'handoff')} {edge.id} in the event log take longer than "
                f"the SLA of {duration(t.sla_seconds)} (median {duration(t.median_seconds)}, p90 "
                f"{duration(t.p90_seconds)}): fix the handoff or record the SLA it keeps",
                element=f"transition:{edge.id}",
            )
