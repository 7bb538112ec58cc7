"""The journey stops before any post-purchase stage.

What it does
------------
Flags a journey none of whose stages with touchpoints is in a post-purchase phase of the
customer lifecycle: ``lifecycle`` one of ``onboarding``, ``usage``, ``service``,
``retention`` or ``advocacy``. A post-purchase stage without touchpoints does not count:
the journey still stops before it (``empty-stage`` reports the stage itself). A journey
whose stages carry no ``lifecycle`` at all is flagged too, since nothing shows that it
goes past the purchase. A journey that continues into another journey (a ``next``
entry with ``journey:``) is not flagged: the lifecycle goes on in that map, which this
rule does not see. The finding points at the ``stages`` key.

The rule is off unless selected (``--extend-select lifecycle-gap``): it suits
organisations that map whole customer lifecycles rather than single tasks.

Why it matters
--------------
Most of a customer's relationship happens after the sale: getting started, using the
product, getting help, renewing, recommending. Maps that end at the checkout optimise
acquisition and leave retention — where churn happens — unmapped.

Example
-------
.. code-block:: yaml

    stages:
      - {id: discover, name: Discover, lifecycle: awareness}
      - {id: buy, name: Buy, lifecycle: purchase}

Fix
---
.. code-block:: yaml

    stages:
      - {id: discover, name: Discover, lifecycle: awareness}
      - {id: buy, name: Buy, lifecycle: purchase}
      - {id: first-week, name: First week, lifecycle: onboarding}
    touchpoints:
      - {id: setup-call, name: Gets a set-up call, stage: first-week, channel: phone, end: success}
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model import Lifecycle
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity

CODE = "JM308"
NAME = "lifecycle-gap"
SEVERITY = Severity.INFO
OPT_IN = True
OPTIONS: dict = {}

POST_PURCHASE = (Lifecycle.ONBOARDING, Lifecycle.USAGE, Lifecycle.SERVICE, Lifecycle.RETENTION, Lifecycle.ADVOCACY)


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    if graph.exits:
        return
    used = {touchpoint.stage for touchpoint in doc.journey.touchpoints}
    phases = [stage.lifecycle for stage in doc.journey.stages if stage.id in used and stage.lifecycle is not None]
    if any(phase in POST_PURCHASE for phase in phases):
        return
    wanted = ", ".join(phase.value for phase in POST_PURCHASE[:-1]) + f" or {POST_PURCHASE[-1].value}"
    if phases:
        covered = ", ".join(dict.fromkeys(phase.value for phase in phases))
        what = f"stops before any post-purchase stage: its stages with touchpoints cover only {covered}"
        advice = "map what comes after the purchase"
    else:
        what = "does not show that it goes past the purchase: no stage with touchpoints has a 'lifecycle'"
        advice = "set 'lifecycle' on the stages, and map what comes after the purchase"
    yield Problem(
        ("stages",),
        f"journey {doc.journey.id!r} {what}; {advice} in a stage with lifecycle {wanted}",
        at_key=True,
        element=f"journey:{doc.journey.id}",
    )
