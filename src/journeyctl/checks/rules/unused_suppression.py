"""A suppression comment suppresses nothing.

What it does
------------
Flags every ``# journeyctl: ignore[...]`` or ``# journeyctl: ignore-file[...]`` comment —
or each rule named inside one — that suppressed no finding: the rule found nothing on
that line (or in that file), the rule is not enabled, or the name is not a rule at all.
Malformed suppression comments (``ignore[dead-end`` without the closing bracket, a
misspelt directive such as ``ignores``) are flagged too. The finding points at the comment.

Suppressions themselves follow these rules:

- ``# journeyctl: ignore[dead-end]`` at the end of a line covers findings on that line; on
  a line of its own it covers the next line that is not a comment (stack several above
  one element if needed; a blank line breaks the link).
- ``# journeyctl: ignore-file[stale-map]`` anywhere covers the whole file.
- Inside the brackets, rule codes or names, separated by commas (prefixes such as ``JM3``
  and ``ALL`` work too). A bare ``# journeyctl: ignore`` or ``ignore-file`` covers every rule.
- Validation findings (JM001–JM004) cannot be suppressed.

Why it matters
--------------
Suppressions outlive the problems they hid. A stale one hides the next real finding on
the same line, and a misspelt rule name suppresses nothing while looking as if it does.

Example
-------
.. code-block:: yaml

    - id: voicemail            # journeyctl: ignore[dead-end]
      name: Leaves a voicemail
      stage: book
      channel: phone
      end: abandoned           # the dead end was fixed; the comment stayed

Fix
---
.. code-block:: yaml

    - id: voicemail
      name: Leaves a voicemail
      stage: book
      channel: phone
      end: abandoned

Turn the rule off like any other (``ignore = ["unused-suppression"]``, a
``per-file-ignores`` entry, or ``[rules.unused-suppression] severity = "off"``).
"""

from __future__ import annotations

from journeyctl.model.findings import Severity

CODE = "JM005"
NAME = "unused-suppression"
SEVERITY = Severity.WARNING
OPTIONS: dict = {}
#: What ``journeyctl lint --fix`` does about a finding (docs/fixes.md).
FIX = (
    "safe — the comment is taken out (its whole line when it stands alone), or only the unused "
    "name when the brackets list others; a misspelt rule name is put right when one rule is "
    "close to it. Unsafe when the rules it names did not run (a narrower ``--select``) or the "
    "name is no rule and close to none; a malformed comment is left for you"
)
