"""An id is defined twice.

What it does
------------
Reports ids defined more than once: personas, channels, teams and stages within their
kind; touchpoints, pain points and roadmap items across all three (a roadmap item's
``addresses`` may name either a touchpoint or a pain point, so they share one
namespace); and journey ids across the workspace.

Why it matters
--------------
References by id become ambiguous: a transition or a roadmap item could mean either
element, and reports would count one touchpoint twice.

Example
-------
.. code-block:: yaml

    - id: call-office
      name: Calls the office
      pain_points:
        - id: call-office
          summary: Waits on hold

Fix
---
.. code-block:: yaml

    - id: call-office
      name: Calls the office
      pain_points:
        - id: on-hold
          summary: Waits on hold
"""

from journeyctl.model.findings import Severity

CODE = "JM004"
NAME = "duplicate-id"
SEVERITY = Severity.ERROR
VALIDATION = True
