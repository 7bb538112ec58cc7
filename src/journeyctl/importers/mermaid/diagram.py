"""What a Mermaid journey diagram says, what an import makes of it, and its limits."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem in the input, at a 1-based line and column of the file that was read."""

    line: int
    column: int
    message: str


class MermaidImportError(Exception):
    """The input is not a journey diagram the import accepts; ``errors`` says where and why."""

    def __init__(self, errors: list[Diagnostic]) -> None:
        super().__init__("; ".join(f"{e.line}:{e.column}: {e.message}" for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Section:
    """A ``section`` statement; ``name`` is ``None`` for tasks written before any section."""

    name: str | None
    line: int
    column: int


@dataclass(frozen=True)
class Task:
    """A task: its name, score (any finite number), actors and the index of its section."""

    name: str
    score: float
    actors: tuple[str, ...]
    section: int
    line: int
    column: int


@dataclass
class JourneyDiagram:
    """What a journey diagram says, as Mermaid reads it."""

    title: str | None = None
    acc_title: str | None = None
    description: str | None = None
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    line: int = 1
    column: int = 1


@dataclass
class ImportResult:
    """The maps made from the input (journey data ready for ``dump_map``), warnings, and
    the errors of the Markdown blocks that could not be imported."""

    maps: list[dict]
    warnings: list[Diagnostic]
    errors: list[Diagnostic] = field(default_factory=list)
    #: How many journey diagrams the input holds, imported or not.
    diagrams: int = 1

@dataclass(frozen=True)
class Limits:
    """How much one import may read and make (docs/security.md).

    The counts hold for the whole input (every journey block of a Markdown file
    together), because writing and linting the maps costs in proportion to them: with
    these defaults an import ends within seconds whatever the input. A journey diagram
    Mermaid can draw is far smaller: it draws every task as a column 150 pixels wide,
    and refuses text longer than 50,000 characters by default.
    """

    text: int = 1_000_000
    diagrams: int = 200
    tasks: int = 2_000
    sections: int = 2_000
    actors: int = 1_000
    actor_mentions: int = 20_000
    diagnostics: int = 1_000


class Budget:
    """What an import has used of its :class:`Limits` so far."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.text = 0
        self.tasks = 0
        self.sections = 0
        self.actor_mentions = 0
