"""The human-readable report: findings grouped by file, coloured by severity, then a summary.

Two forms. ``concise`` (the default; what ``lint`` prints when its output is not a
terminal, so CI logs stay one line per finding)::

    examples/home.yaml (1 error, 1 warning)
    examples/home.yaml:14:7: error JM103 [dead-end] touchpoint 'voicemail' is a dead end: …
    examples/home.yaml:20:7: warning JM204 [missing-owner] touchpoint 'visit' has no owner

    Found 1 error, 1 warning in 1 file (12 journeys)

``full`` (what a terminal gets) adds, under each finding, its source line with carets
under the span on that line, and for invalid YAML a plain-language hint::

    examples/home.yaml:3:9: error JM001 [invalid-yaml] invalid YAML: mapping values are not allowed in this context
      |
    3 | title: a: b
      |         ^
      = hint: a ': ' inside a value starts a new key: quote the value (title: "a: b"), or …

Each finding line keeps the whole ``path:line:col`` so editors and terminals can jump to
it. Lines are never wrapped, whatever the terminal width, and control characters in
paths, messages and source lines are shown as escapes (``\\n``, ``\\x1b``) by
:func:`journeyctl.text.escape.terminal`, so a map cannot break the layout or send
escape sequences to the terminal. ``quiet`` keeps only the finding lines (and snippets).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from itertools import groupby

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from journeyctl.model.findings import Finding, Severity
from journeyctl.model.results import LintResult
from journeyctl.outputs.reporters.as_reported import ordered
from journeyctl.text.escape import terminal as _visible
from journeyctl.text.wording import counted
from journeyctl.text.yamlhints import hint as yaml_hint

_STYLES = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold blue",
}
_NOUNS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
# A source line longer than this is shown as a window around the finding's column.
_CONTEXT = 60


def render(
    result: LintResult,
    *,
    color: bool = False,
    form: str = "concise",
    quiet: bool = False,
    source: Callable[[str], str | None] | None = None,
    **_: object,
) -> str:
    """The report as text; with ``color`` it carries ANSI colour codes, else none at all.

    ``form`` is ``concise`` or ``full``; the full form shows each finding's source line,
    which ``source(path)`` gives as the file's text (or None when it cannot be shown).
    ``quiet`` leaves out the file headings and the summary.
    """
    buffer = io.StringIO()
    # Everything is fixed here rather than taken from the environment (TERM, COLUMNS,
    # NO_COLOR…): the caller decides about colour, and the same result gives the same bytes.
    console = Console(
        file=buffer, force_terminal=color, color_system="standard" if color else None, no_color=not color,
        soft_wrap=True, width=80, highlight=False, markup=False, emoji=False, legacy_windows=False,
        force_jupyter=False, force_interactive=False, _environ={},
    )
    findings = ordered(result.findings)
    full = form == "full"
    for path, group in groupby(findings, key=lambda f: f.path):
        group = list(group)
        if not quiet:
            console.print(Text.assemble((_visible(path), "bold underline"), f" ({_counts(group)})"))
        lines = _lines(source(path)) if full and source is not None else None
        snippet: list[Text] = []
        for f in group:
            if snippet:  # a blank line after a finding with a source line, before the next one
                console.print()
            console.print(Text.assemble(
                (f"{_visible(f.path)}:{f.line}:{f.column}:", "bold"), " ",
                (f.severity.label, _STYLES[f.severity]), " ",
                (_visible(f.code), _STYLES[f.severity]), " ",
                (f"[{_visible(f.rule)}]", "dim"), " ",
                _visible(f.message),
            ))
            snippet = _snippet(f, lines) if full else []
            for line in snippet:
                console.print(line)
        if not quiet or snippet:
            console.print()
    if not quiet:
        console.print(_summary(result, findings))
    return buffer.getvalue()


def _lines(text: str | None) -> list[str] | None:
    # The line breaks YAML knows (the source map counts lines the same way).
    return None if text is None else text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _snippet(finding: Finding, lines: list[str] | None) -> list[Text]:
    """The source line under a finding with carets under its span, and a hint for invalid YAML."""
    p = finding.position
    shown: list[Text] = []
    gutter = " " * len(str(p.line))
    if lines is not None and 1 <= p.line <= len(lines):
        line = lines[p.line - 1]
        start = min(p.column - 1, len(line))
        end = p.end_column - 1 if p.end_line == p.line else len(line)
        end = max(min(end, len(line)), start + 1)
        before, span, after = line[:start], line[start:end], line[end:]
        if len(before) > _CONTEXT:
            before = "…" + before[-_CONTEXT:]
        if len(span) > 2 * _CONTEXT:
            span, after = span[: 2 * _CONTEXT], "…"
        elif len(after) > _CONTEXT:
            after = after[:_CONTEXT] + "…"
        before, span, after = _visible(before), _visible(span), _visible(after)
        style = _STYLES[finding.severity]
        shown.append(Text(f"{gutter} |", "dim"))
        shown.append(Text.assemble((f"{p.line} | ", "dim"), before, (span, style), after))
        carets = "^" * max(1, cell_len(span.rstrip()) or cell_len(span))
        shown.append(Text.assemble((f"{gutter} | ", "dim"), " " * cell_len(before), (carets, style)))
    hint = yaml_hint(finding.message) if finding.rule == "invalid-yaml" else None
    if hint is not None:
        shown.append(Text.assemble(f"{gutter} = ", ("hint:", "bold"), " ", hint))
    return shown


def _summary(result: LintResult, findings: list[Finding]) -> Text:
    journeys = counted(result.journeys, "journey")
    files = counted(result.files, "file")
    if not findings:
        return Text(f"All checks passed: {journeys} in {files}", style="bold green")
    worst = max(f.severity for f in findings)
    with_findings = counted(len({f.path for f in findings}), "file")
    return Text(f"Found {_counts(findings)} in {with_findings} ({journeys})", style=_STYLES[worst])


def _counts(findings: list[Finding]) -> str:
    """``2 errors, 1 warning``: the non-zero counts, most severe first."""
    counts = [sum(1 for f in findings if f.severity is s) for s in _NOUNS]
    return ", ".join(counted(n, _NOUNS[s]) for s, n in zip(_NOUNS, counts) if n)
