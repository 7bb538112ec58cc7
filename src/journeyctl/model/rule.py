"""A rule as the linter, the reporters and the documentation see it.

The catalog (:mod:`journeyctl.checks.rules`) builds one per rule module; it lives down here with
the other shared types so that a lint result or a SARIF report can name rules without
depending on the rule modules.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, NamedTuple

from journeyctl.model.findings import Severity


class Rule(NamedTuple):
    """A rule as the linter and the documentation see it."""

    code: str
    name: str
    severity: Severity
    opt_in: bool
    options: dict[str, Any]
    module: ModuleType
    #: A validation check (JM001–JM004): always on, not selectable, run while loading.
    validation: bool = False

    @property
    def doc(self) -> str:
        return (self.module.__doc__ or "").strip()

    @property
    def fix(self) -> str:
        """What ``journeyctl lint --fix`` does about a finding: ``safe — …``, ``unsafe — …`` or ``none``."""
        return getattr(self.module, "FIX", "none")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    def check(self, doc, graph, options):
        """The rule's problems in one journey (none for a rule that does not look at journeys)."""
        check = getattr(self.module, "check", None)
        return check(doc, graph, options) if check is not None else ()
