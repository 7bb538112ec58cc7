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

Lines are built as styled pieces; Rich writes them when the report is coloured, and
without colour they are joined as they are, so a plain report does not import Rich.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from itertools import groupby

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
    findings = ordered(result.findings)
    full = form == "full"
    out: list[_Line] = []
    for path, group in groupby(findings, key=lambda f: f.path):
        group = list(group)
        if not quiet:
            out.append(_Line((_visible(path), "bold underline"), f" ({_counts(group)})"))
        lines = _lines(source(path)) if full and source is not None else None
        snippet: list[_Line] = []
        for f in group:
            if snippet:  # a blank line after a finding with a source line, before the next one
                out.append(_Line())
            out.append(_Line(
                (f"{_visible(f.path)}:{f.line}:{f.column}:", "bold"), " ",
                (f.severity.label, _STYLES[f.severity]), " ",
                (_visible(f.code), _STYLES[f.severity]), " ",
                (f"[{_visible(f.rule)}]", "dim"), " ",
                _visible(f.message),
            ))
            snippet = _snippet(f, lines) if full else []
            out.extend(snippet)
        if not quiet or snippet:
            out.append(_Line())
    if not quiet:
        out.append(_summary(result, findings))
    return _written(out, color)


class _Line:
    """One line of the report: pieces of text, each plain or ``(text, style)``, and the
    style of the whole line."""

    __slots__ = ("pieces", "style")

    def __init__(self, *pieces: str | tuple[str, str], style: str = "") -> None:
        self.pieces = pieces
        self.style = style

    def plain(self) -> str:
        return "".join(piece if isinstance(piece, str) else piece[0] for piece in self.pieces)


def _written(lines: list[_Line], color: bool) -> str:
    """The lines as text: with ``color``, through Rich with ANSI colour codes; else joined
    as they are, which is what Rich writes without colour (the pieces are escaped for the
    terminal already, and no line is wrapped).

    Everything is fixed here rather than taken from the environment (TERM, COLUMNS,
    NO_COLOR…): the caller decides about colour, and the same result gives the same bytes.
    """
    if not color:
        return "".join(f"{line.plain()}\n" for line in lines)
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=True, color_system="standard", soft_wrap=True, width=80, highlight=False,
        markup=False, emoji=False, legacy_windows=False, force_jupyter=False, force_interactive=False, _environ={},
    )
    for line in lines:
        console.print(Text.assemble(*line.pieces, style=line.style))
    return buffer.getvalue()


def _lines(text: str | None) -> list[str] | None:
    # The line breaks YAML knows (the source map counts lines the same way).
    return None if text is None else text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _snippet(finding: Finding, lines: list[str] | None) -> list[_Line]:
    """The source line under a finding with carets under its span, and a hint for invalid YAML."""
    p = finding.position
    shown: list[_Line] = []
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
        shown.append(_Line(f"{gutter} |", style="dim"))
        shown.append(_Line((f"{p.line} | ", "dim"), before, (span, style), after))
        # The carets line up under the span in terminal cells (a CJK character takes two).
        from rich.cells import cell_len

        carets = "^" * max(1, cell_len(span.rstrip()) or cell_len(span))
        shown.append(_Line((f"{gutter} | ", "dim"), " " * cell_len(before), (carets, style)))
    hint = yaml_hint(finding.message) if finding.rule == "invalid-yaml" else None
    if hint is not None:
        shown.append(_Line(f"{gutter} = ", ("hint:", "bold"), " ", hint))
    return shown


def _summary(result: LintResult, findings: list[Finding]) -> _Line:
    journeys = counted(result.journeys, "journey")
    files = counted(result.files, "file")
    if not findings:
        return _Line(f"All checks passed: {journeys} in {files}", style="bold green")
    worst = max(f.severity for f in findings)
    with_findings = counted(len({f.path for f in findings}), "file")
    return _Line(f"Found {_counts(findings)} in {with_findings} ({journeys})", style=_STYLES[worst])


def _counts(findings: list[Finding]) -> str:
    """``2 errors, 1 warning``: the non-zero counts, most severe first."""
    counts = [sum(1 for f in findings if f.severity is s) for s in _NOUNS]
    return ", ".join(counted(n, _NOUNS[s]) for s, n in zip(_NOUNS, counts) if n)
