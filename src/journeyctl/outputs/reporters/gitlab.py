"""GitLab Code Quality JSON: the report a merge request's Code Quality widget reads.

An array of issues ``{description, check_name, fingerprint, severity, location: {path,
lines: {begin, end}}}``. ``check_name`` is ``JM103 dead-end``; the fingerprint is the
same stable hash the SARIF report uses (rule, file, element, occurrence), unique within
the report, so GitLab can tell new findings from old ones across pipelines.

Severity mapping: error → ``major``, warning → ``minor``, info → ``info``. A journey
map error (a dead end, a missing handoff) is a real defect in the service design that
fails the pipeline, but it is not an outage or a security hole, so ``critical`` and
``blocker`` stay free for tools whose findings are; ranking our errors at ``major``
keeps them below those in a shared widget without hiding them.
"""

from __future__ import annotations

from journeyctl.model.findings import Finding, Severity
from journeyctl.model.results import LintResult
from journeyctl.outputs.reporters.as_reported import fingerprints, reported
from journeyctl.text.strictjson import dumps

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(result: LintResult, **_: object) -> str:
    findings = reported(result.findings)
    issues = [_issue(f, fingerprint) for f, fingerprint in zip(findings, fingerprints(findings))]
    return dumps(issues, indent=2) + "\n"


def _issue(finding: Finding, fingerprint: str) -> dict:
    p = finding.position
    # A span that stops at column 1 of a line ends with the line before it.
    end = p.end_line - 1 if p.end_column == 1 and p.end_line > p.line else p.end_line
    return {
        "description": finding.message,
        "check_name": f"{finding.code} {finding.rule}",
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": {
            "path": finding.path,
            "lines": {"begin": p.line, "end": max(end, p.line)},
        },
    }
