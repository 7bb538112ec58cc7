"""The linter: load the workspace, run the rules, and hand back sorted findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from journeyctl.config import Config
from journeyctl.findings import Finding, Severity
from journeyctl.graph import JourneyGraph
from journeyctl.rules import Rule, all_rules
from journeyctl.workspace import JourneyDoc, Workspace, load_workspace


@dataclass(slots=True)
class LintResult:
    """Everything a reporter needs: the findings and what was looked at."""

    findings: list[Finding]
    files: int
    journeys: int
    workspace: Workspace | None = None
    rules: tuple[Rule, ...] = field(default_factory=tuple)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def summary(self) -> dict[str, int]:
        return {
            "files": self.files,
            "journeys": self.journeys,
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
        }

    def fails(self, fail_on: Severity) -> bool:
        return any(f.severity >= fail_on for f in self.findings)


def lint_doc(doc: JourneyDoc, rules: Iterable[Rule], today: dt.date | None = None) -> list[Finding]:
    """Run ``rules`` on one valid journey."""
    graph = JourneyGraph(doc.journey)
    findings = []
    for rule in rules:
        options = dict(rule.options)
        options["today"] = today or dt.date.today()
        for problem in rule.check(doc, graph, options):
            position = doc.source.key(problem.path) if problem.at_key else doc.source.value(problem.path)
            findings.append(Finding(
                doc.path, position, rule.code, rule.name, rule.severity, problem.message,
                journey=doc.journey.id, element=problem.element,
            ))
    return findings


def lint(
    paths: Iterable[str], config: Config, *, cwd: Path | None = None, today: dt.date | None = None
) -> LintResult:
    """Lint ``paths`` (default: the workspace) and return sorted findings."""
    workspace = load_workspace(paths, config, cwd)
    rules = tuple(r for r in all_rules() if not r.opt_in)
    findings = list(workspace.findings)
    for doc in workspace.docs():
        findings.extend(lint_doc(doc, rules, today))
    findings.sort(key=Finding.sort_key)
    journeys = sum(1 for f in workspace.targets if f.kind == "journey")
    return LintResult(findings, len(workspace.targets), journeys, workspace, rules)
