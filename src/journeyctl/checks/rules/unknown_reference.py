"""A reference does not resolve.

What it does
------------
Checks that every id the map refers to exists: a touchpoint's ``stage``, ``channel``
(built-in, declared in the journey or in a catalog), ``owner`` (a team) and
``personas``; ``next.to``; a cross-journey link's ``journey`` and ``touchpoint`` (in the
workspace); a roadmap item's ``addresses`` (pain points or touchpoints) and ``owner``; the
journey's ``owner``; persona references to catalogs and personas' ``preferred_channels``.
The message suggests the closest existing id.

Why it matters
--------------
A misspelt reference breaks the graph silently: a transition to ``dispach-job`` leads
nowhere, a touchpoint in stage ``bok`` belongs to no stage.

Example
-------
.. code-block:: yaml

    - id: call-office
      name: Calls the office
      stage: bok
      channel: phone
      next: [dispach-job]

Fix
---
.. code-block:: yaml

    - id: call-office
      name: Calls the office
      stage: book
      channel: phone
      next: [dispatch-job]
"""

from journeyctl.model.findings import Severity

CODE = "JM003"
NAME = "unknown-reference"
SEVERITY = Severity.ERROR
#: What ``journeyctl lint --fix`` does about a finding (docs/fixes.md).
FIX = (
    "safe — the unknown id is replaced by the one close match its message suggests; unsafe when "
    "two are about as close (``--unsafe-fixes`` takes the closest)"
)
VALIDATION = True
