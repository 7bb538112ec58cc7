"""The human-readable report: findings grouped by file, coloured by severity, then a summary.

::

    examples/home.yaml (1 error, 1 warning)
    examples/home.yaml:14:7 JM103 [dead-end] touchpoint 'voicemail' is a dead end: …
    examples/home.yaml:20:7 JM204 [missing-owner] touchpoint 'visit' has no owner

    Found 1 error, 1 warning in 1 file (12 journeys)

Each finding line keeps the whole ``path:line:col`` so editors and terminals can jump to
it. Lines are never wrapped, whatever the terminal width, and control characters in
paths and messages are shown as escapes (``\\n``, ``\\x1b``) so a map cannot break the
one-finding-per-line layout or send escape sequences to the terminal.
"""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.text import Text

from journeyctl.findings import Finding, Severity
from journeyctl.linter import LintResult
from journeyctl.reporters import ordered
from journeyctl.render.escape import terminal as _visible

_STYLES = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold blue",
}
_NOUNS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def render(result: LintResult, *, color: bool = False, **_: object) -> str:
    """The report as text; with ``color`` it carries ANSI colour codes, else none at all."""
    buffer = io.StringIO()
    # Everything is fixed here rather than taken from the environment (TERM, COLUMNS,
    # NO_COLOR…): the caller decides about colour, and the same result gives the same bytes.
    console = Console(
        file=buffer, force_terminal=color, color_system="standard" if color else None, no_color=not color,
        soft_wrap=True, width=80, highlight=False, markup=False, emoji=False, legacy_windows=False,
        force_jupyter=False, force_interactive=False, _environ={},
    )
    findings = ordered(result.findings)
    for path, group in groupby(findings, key=lambda f: f.path):
        group = list(group)
        console.print(Text.assemble((_visible(path), "bold underline"), f" ({_counts(group)})"))
        for f in group:
            console.print(Text.assemble(
                (f"{_visible(f.path)}:{f.line}:{f.column}", "bold"), " ",
                (_visible(f.code), _STYLES[f.severity]), " ",
                (f"[{_visible(f.rule)}]", "dim"), " ",
                _visible(f.message),
            ))
        console.print()
    console.print(_summary(result, findings))
    return buffer.getvalue()


def _summary(result: LintResult, findings: list[Finding]) -> Text:
    journeys = _plural(result.journeys, "journey")
    files = _plural(result.files, "file")
    if not findings:
        return Text(f"All checks passed: {journeys} in {files}", style="bold green")
    worst = max(f.severity for f in findings)
    with_findings = _plural(len({f.path for f in findings}), "file")
    return Text(f"Found {_counts(findings)} in {with_findings} ({journeys})", style=_STYLES[worst])


def _counts(findings: list[Finding]) -> str:
    """``2 errors, 1 warning``: the non-zero counts, most severe first."""
    counts = [sum(1 for f in findings if f.severity is s) for s in _NOUNS]
    return ", ".join(_plural(n, _NOUNS[s]) for s, n in zip(_NOUNS, counts) if n)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
