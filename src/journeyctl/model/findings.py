"""The one diagnostic model every check produces and every reporter consumes.

Also what a check yields before the linter stamps it into a finding: a :class:`Problem`
at a :data:`DataPath`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # only an annotation: a finding without a fix needs no fix types
    from journeyctl.model.fixes import Fix

#: Where something is in a document's data: its keys and list indexes from the top,
#: such as ``("touchpoints", 3, "next", 0)``. The loader's source map turns one into a
#: line and column, so checks never handle YAML marks.
DataPath = tuple


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """``'error'`` → ``Severity.ERROR``; raises ``ValueError`` on anything else."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or info)") from None


class Position(NamedTuple):
    """A 1-based span in a source file."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def start(cls) -> Position:
        return cls(1, 1, 1, 1)


class Problem(NamedTuple):
    """A located problem before it is stamped with a file, code and rule name.

    What validation and rules yield: ``at_key`` points the finding at the key rather than
    its value; ``element`` becomes the finding's :attr:`Finding.element`.
    """

    path: DataPath
    message: str
    at_key: bool = False
    element: str | None = None
    #: the close matches of a misspelt name or value ("did you mean"), best first: what
    #: a fix may write in its place
    suggestions: tuple[str, ...] = ()

    def facts(self) -> dict:
        """What a fix needs to know of the problem, for :attr:`Finding.extra`."""
        facts: dict = {"path": self.path, "at_key": self.at_key}
        if self.suggestions:
            facts["suggestions"] = self.suggestions
        return facts


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one file.

    ``path`` is the file as given on the command line or found in the workspace, with
    ``/`` separators. ``journey`` is the id of the journey (or catalog) when known and
    ``element`` names the most specific thing the finding is about, such as
    ``touchpoint:call-office`` or ``transition:call-office->dispatch-job``.
    """

    path: str
    position: Position
    code: str
    rule: str
    severity: Severity
    message: str
    journey: str | None = None
    element: str | None = None
    # Structured facts a reporter or renderer may use (e.g. the touchpoint ids involved);
    # never shown to users directly and excluded from equality so fingerprints stay stable.
    # ``path``, ``at_key`` and ``suggestions`` (:meth:`Problem.facts`) say where the problem
    # is in the document's data, for the fixes (journeyctl.review.fixes).
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    #: the edits that resolve the finding, when journeyctl knows them (journeyctl.review.fixes)
    fix: Fix | None = field(default=None, compare=False, hash=False)

    @property
    def line(self) -> int:
        return self.position.line

    @property
    def column(self) -> int:
        return self.position.column

    def sort_key(self) -> tuple:
        return (self.path, self.position.line, self.position.column, self.code, self.message)

    def to_dict(self) -> dict:
        """The JSON shape of `lint --format json` (docs/output.md)."""
        return {
            "path": self.path,
            "line": self.position.line,
            "column": self.position.column,
            "end_line": self.position.end_line,
            "end_column": self.position.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.label,
            "message": self.message,
            "journey": self.journey,
            "element": self.element,
        }
