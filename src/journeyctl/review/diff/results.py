"""What a diff found: each journey's changes, the lint delta and what could not be checked.

Shared by the comparison, which produces these, and the renderers, which read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journeyctl.model.findings import Finding


@dataclass(slots=True)
class Change:
    """One change: an element added, removed or renamed, or one field of it changed."""

    kind: str
    id: str | None
    change: str  # added | removed | changed | renamed
    field: str | None = None
    old: Any = None
    new: Any = None
    #: the element's name or title, for sentences (not part of the JSON)
    label: str | None = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "change": self.change, "field": self.field,
                "old": self.old, "new": self.new}


@dataclass(slots=True)
class JourneyDiff:
    """The changes of one journey (or catalog) file."""

    id: str | None
    path: str
    status: str  # added | removed | changed | unchanged
    changes: list[Change] = field(default_factory=list)
    kind: str = "journey"  # or "catalog"
    #: why the journey could not be compared element by element, if it could not
    note: str | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "path": self.path, "status": self.status,
                "changes": [c.to_dict() for c in self.changes]}


@dataclass(slots=True)
class NotChecked:
    """Rule findings of one version of a map that the other version could not be checked
    for, because that version fails validation (or does not parse) and so gets no rule
    findings at all."""

    #: the version that fails validation: ``new`` (the findings are the old version's, and
    #: may or may not be fixed) or ``old`` (the findings are the new version's, and may or
    #: may not be introduced)
    failing: str
    #: the path of the failing version
    path: str
    findings: list[Finding]

    @property
    def reason(self) -> str:
        return f"the {self.failing} version fails validation"

    def to_dict(self) -> dict:
        return {"version": self.failing, "path": self.path, "reason": self.reason,
                "findings": [f.to_dict() for f in self.findings]}


@dataclass(slots=True)
class DiffResult:
    """Every journey's changes and the lint delta."""

    journeys: list[JourneyDiff]
    introduced: list[Finding]
    fixed: list[Finding]
    not_checked: list[NotChecked] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.introduced or self.fixed or self.not_checked
                    or any(j.status != "unchanged" for j in self.journeys))

    def to_dict(self) -> dict:
        """The JSON shape of `journeyctl diff --format json` (docs/output.md)."""
        return {
            "version": 1,
            "journeys": [j.to_dict() for j in self.journeys],
            "findings": {"introduced": [f.to_dict() for f in self.introduced],
                         "fixed": [f.to_dict() for f in self.fixed],
                         "not_checked": [n.to_dict() for n in self.not_checked]},
        }
