"""GitHub Actions workflow commands: one annotation per finding.

::

    ::error file=maps/home.yaml,line=14,col=7,endLine=14,endColumn=8,title=JM103 dead-end::touchpoint …

Severity picks the command (error → ``::error``, warning → ``::warning``, info →
``::notice``). Values are escaped as the runner expects — in the message ``%``, CR and
LF; in properties also ``:`` and ``,`` — so no path or message can end the command early
or start another one; other control characters are shown as ``\\x1b``-style escapes, and
bidirectional overrides as ``\\u202e``, so an annotation reads as it displays.

The runner rejects an annotation that sets ``col``/``endColumn`` on a span over several
lines, or an ``endColumn`` before ``col``, so columns are given only for single-line
spans. ``endColumn`` is the column of the last character (inclusive), whereas finding
positions end just after it; a span that ends at column 1 of a later line really ends on
the line before.
"""

from __future__ import annotations

from journeyctl.model.findings import Finding, Severity
from journeyctl.model.results import LintResult
from journeyctl.outputs.reporters.as_reported import reported
from journeyctl.text.escape import github_command_data, github_command_property

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(result: LintResult, **_: object) -> str:
    return "".join(_command(f) + "\n" for f in reported(result.findings))


def _command(finding: Finding) -> str:
    properties = {"file": finding.path, **_span(finding), "title": f"{finding.code} {finding.rule}"}
    listed = ",".join(f"{name}={github_command_property(str(value))}" for name, value in properties.items())
    return f"::{_COMMANDS[finding.severity]} {listed}::{github_command_data(finding.message)}"


def _span(finding: Finding) -> dict[str, int]:
    p = finding.position
    end_line, end_column = p.end_line, p.end_column - 1
    if end_line > p.line and end_column == 0:
        end_line, end_column = end_line - 1, None
    end_line = max(end_line, p.line)
    if end_line != p.line:
        return {"line": p.line, "endLine": end_line}
    span = {"line": p.line, "col": p.column, "endLine": end_line}
    if end_column is not None and end_column >= p.column:
        span["endColumn"] = end_column
    return span
