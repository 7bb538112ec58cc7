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

import re

from journeyctl.findings import Finding, Severity
from journeyctl.linter import LintResult
from journeyctl.reporters import reported

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# Control characters other than tab, CR and LF (which the escaping covers): the log
# viewer would interpret escape sequences, so they are shown as \xNN instead. Bidirectional
# embeddings, overrides and isolates would reorder how an annotation displays: \uNNNN.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def render(result: LintResult, **_: object) -> str:
    return "".join(_command(f) + "\n" for f in reported(result.findings))


def _command(finding: Finding) -> str:
    properties = {"file": finding.path, **_span(finding), "title": f"{finding.code} {finding.rule}"}
    listed = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items())
    return f"::{_COMMANDS[finding.severity]} {listed}::{escape_data(finding.message)}"


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


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    text = _CONTROL.sub(_escape, text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
