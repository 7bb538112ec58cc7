"""The fixed lint result, full of hostile text, that every reporter test renders.

The findings arrive out of order on purpose (reporters sort), and carry quotes,
newlines, ``%``, ``:``, ``,``, ``<>&``, control characters, Greek, Hebrew and emoji in
messages and paths. The rules are stand-ins with their own documentation, so the golden
files do not change when the real rule catalog's wording does.
"""

from __future__ import annotations

import types
from pathlib import Path

from journeyctl.model.document import SourceFile, Workspace
from journeyctl.model.findings import Finding, Position, Severity
from journeyctl.model.results import LintResult
from journeyctl.model.rule import Rule

HOME = "maps/home services/emergency-plumber.yaml"
GREEK = "maps/Ελληνικά/ταξίδι.yaml"
WEIRD = "maps/weird,name:100%.yaml"
CLEAN = "maps/clean.yaml"

DEAD_END_DOC = '''A touchpoint that is not an end has no outgoing transition.

What it does
------------
Flags every touchpoint without ``end`` whose ``next`` list
is missing or empty.

Second paragraph.

Why it matters
--------------
Customers get stuck <here> & "there".

Example
-------
.. code-block:: yaml

    - id: voicemail
      next: []

Fix
---
.. code-block:: yaml

    - id: voicemail
      end: abandoned
'''


def make_rule(code: str, name: str, severity: Severity, doc: str | None = None) -> Rule:
    module = types.ModuleType(f"stand_in_{name.replace('-', '_')}", doc or f"{name} stand-in summary.")
    return Rule(code, name, severity, False, {}, module)


RULES = (
    make_rule("JM001", "invalid-yaml", Severity.ERROR),
    make_rule("JM103", "dead-end", Severity.ERROR, DEAD_END_DOC),
    make_rule("JM107", "duplicate-transition", Severity.WARNING),
    make_rule("JM108", "backward-transition", Severity.INFO),
    make_rule("JM204", "missing-owner", Severity.WARNING),
    make_rule("JM302", "low-emotion-unexplained", Severity.WARNING),
)


def finding(
    path: str = HOME, line: int = 1, column: int = 1, end_line: int | None = None, end_column: int | None = None,
    code: str = "JM103", rule: str = "dead-end", severity: Severity = Severity.ERROR, message: str = "a message",
    journey: str | None = "emergency-plumber", element: str | None = None,
) -> Finding:
    """A finding with defaults for everything a test does not care about."""
    end_line = line if end_line is None else end_line
    end_column = column + 1 if end_column is None else end_column
    return Finding(path, Position(line, column, end_line, end_column), code, rule, severity, message, journey, element)


SAMPLE_FINDINGS = (
    finding(
        GREEK, 9, 9, 11, 1, "JM108", "backward-transition", Severity.INFO,
        "μετάβαση προς τα πίσω: 'πληρωμή' → 'επιλογή' 🚀", "ταξίδι", "transition:πληρωμή->επιλογή",
    ),
    finding(
        HOME, 20, 7, 20, 9, "JM204", "missing-owner", Severity.WARNING,
        'touchpoint "a,b:c" has no owner; 100% <b>&amp;</b> [bold]not markup[/bold] :smile:',
        element="touchpoint:a,b:c",
    ),
    finding(
        WEIRD, 3, 5, 3, 6, "JM001", "invalid-yaml", Severity.ERROR,
        "invalid YAML: line one\nline two\r\x1b[31mred\x07 \x00 end", None, None,
    ),
    finding(
        HOME, 14, 7, 14, 9, "JM103", "dead-end", Severity.ERROR,
        "touchpoint 'voicemail' is a dead end: it has no 'next' and no 'end'", element="touchpoint:voicemail",
    ),
    finding(
        GREEK, 30, 11, 30, 29, "JM302", "low-emotion-unexplained", Severity.WARNING,
        "הלקוח מתוסכל (emotion -2) 😡 and no pain point says why", "ταξίδι", "touchpoint:αναμονή",
    ),
    finding(
        HOME, 41, 9, 41, 15, "JM107", "duplicate-transition", Severity.WARNING,
        "transition 'call->visit' is listed twice", element="transition:call->visit",
    ),
    finding(
        HOME, 40, 9, 40, 15, "JM107", "duplicate-transition", Severity.WARNING,
        "transition 'call->visit' is listed twice", element="transition:call->visit",
    ),
)


def workspace(*paths: str) -> Workspace:
    """A workspace whose targets are ``paths`` (nothing is read from disk)."""
    targets = [SourceFile(path, Path(path)) for path in paths]
    return Workspace(Path("workspace-root"), targets, {}, {})


def sample_result() -> LintResult:
    """The sample: findings in four files, one of them clean."""
    return LintResult(list(SAMPLE_FINDINGS), 4, 3, workspace(HOME, CLEAN, GREEK, WEIRD), RULES)


def clean_result() -> LintResult:
    """Seven files, twelve journeys, no findings."""
    return LintResult([], 7, 12, workspace(*(f"maps/m{i}.yaml" for i in range(7))), RULES)
