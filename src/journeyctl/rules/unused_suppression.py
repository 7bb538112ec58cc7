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

from collections.abc import Iterable, Iterator

from journeyctl.findings import Position, Severity
from journeyctl.selection import SelectorError, find_rule, match
from journeyctl.suppressions import BadComment, Suppression

CODE = "JM005"
NAME = "unused-suppression"
SEVERITY = Severity.WARNING
OPTIONS: dict = {}


def check_comments(
    suppressions: Iterable[Suppression], bad: Iterable[BadComment], enabled: set[str]
) -> Iterator[tuple[Position, str]]:
    """``(position, message)`` for each malformed or unused suppression, in file order.

    Called by the linter after every other rule has run on the file, with the codes of
    the rules that ran (``enabled``) and each suppression's ``used`` selectors filled in.
    """
    found = [(b.position, b.message) for b in bad]
    # A file may repeat one comment hundreds of thousands of times: resolve each selector once.
    resolved: dict[str, tuple] = {}
    for s in suppressions:
        where = "in this file" if s.whole_file else f"on line {min(s.lines)}"
        if not s.rules:
            if not s.used:
                found.append((s.position, f"unused suppression '{s.text}': no finding {where} to suppress"))
            continue
        for selector in s.rules:
            if selector in s.used:
                continue
            if selector not in resolved:
                resolved[selector] = _resolve(selector)
            named, label, error = resolved[selector]
            if error is not None:
                found.append((s.position, f"suppression '{s.text}': {error}"))
                continue
            if all(r.code == CODE for r in named):
                continue  # a suppression of this rule is never itself reported
            if not any(r.code in enabled for r in named):
                found.append((s.position, f"unused suppression of {label}: the rule is not enabled for this file"))
            else:
                found.append((s.position, f"unused suppression of {label}: no such finding {where}"))
    found.sort(key=lambda item: (item[0].line, item[0].column))
    yield from found


def _resolve(selector: str) -> tuple:
    """``(rules, label, None)`` for a selector, or ``((), "", error)`` if it names no rule."""
    try:
        named = match(selector)
    except SelectorError as exc:
        return (), "", exc
    rule = find_rule(selector)
    return named, f"{rule.code} {rule.name}" if rule else repr(selector), None
