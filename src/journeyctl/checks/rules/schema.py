"""A field is missing, unknown, or of the wrong type or range.

What it does
------------
Validates the file against the journeyctl format (``docs/format.md``, the JSON
Schemas in ``schemas/``): required fields, unknown keys (with the closest known key as a
suggestion; only ``x-…`` extension keys are free), types (text, numbers, booleans, lists,
mappings — strictly, so ``name: 2026`` or ``entry: "yes"`` are reported instead of being
converted), allowed values (``lane``, ``severity``, ``priority``…), slugs for ids, ISO
dates, milestones, emotions within the journey's ``emotion_scale``, a channel on every
customer and frontstage touchpoint, and the format version. A YAML file given explicitly
on the command line that is not a journeyctl file is reported here too.

Why it matters
--------------
A typo in a key (``chanel:``) would otherwise silently drop the information it carries,
and every other rule, renderer and report relies on the map having the shape the format
promises.

Example
-------
.. code-block:: yaml

    - id: call-office
      name: Calls the office
      stage: book
      chanel: phone
      emotion: -5

Fix
---
.. code-block:: yaml

    - id: call-office
      name: Calls the office
      stage: book
      channel: phone
      emotion: -2
"""

from journeyctl.model.findings import Severity

CODE = "JM002"
NAME = "schema"
SEVERITY = Severity.ERROR
#: What ``journeyctl lint --fix`` does about a finding (docs/fixes.md).
FIX = (
    "safe — an unknown key or a value not among the choices is replaced by the one close match "
    "its message suggests; unsafe when two are about as close (``--unsafe-fixes`` takes the closest). "
    "An irregular grandfathered language tag becomes the one BCP 47 prefers (``i-klingon`` → ``tlh``), and "
    "an id with look-alike letters of another script the Latin id it looks like"
)
VALIDATION = True
