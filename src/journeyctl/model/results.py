"""What a run found: a lint result as every reporter reads it, and the maps a rendering command works on."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from journeyctl.model.findings import Finding, Severity

if TYPE_CHECKING:  # only annotations: a reporter need not load the model to print findings
    from journeyctl.model.document import JourneyDoc, Workspace
    from journeyctl.model.rule import Rule


class LintResult(NamedTuple):
    """Everything a reporter needs: the findings and what was looked at."""

    findings: list[Finding]
    files: int
    journeys: int
    workspace: Workspace | None = None
    rules: tuple[Rule, ...] = ()

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

    def statistics(self) -> list[tuple[str, str, Severity, int]]:
        """``(code, name, severity, count)`` per rule with findings, most frequent first."""
        counts: dict[tuple[str, str, Severity], int] = {}
        for f in self.findings:
            key = (f.code, f.rule, f.severity)
            counts[key] = counts.get(key, 0) + 1
        return sorted(((c, n, s, k) for (c, n, s), k in counts.items()), key=lambda row: (-row[3], row[0], -row[2]))


class Maps(NamedTuple):
    """The journeys to render and what was found loading them."""

    docs: list[JourneyDoc]
    #: JM001–JM004 findings of the files that cannot be rendered
    broken: list[Finding]
    #: lint findings of every target (empty unless the maps were linted)
    findings: list[Finding]
    files: int
    journeys: int
