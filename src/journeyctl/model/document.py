"""A loaded journeyctl file and the journey it defines: the types every layer above loading shares.

A :class:`SourceFile` is one file as read (its text, data, source map, model and the
JM001–JM004 findings loading gave it); a :class:`JourneyDoc` is a valid journey with
everything its references resolve to, which is all a rule or a renderer reads; a
:class:`Workspace` is the files a command asked for and their journeys.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from journeyctl.model import Catalog, Channel, Journey, Persona, Team
from journeyctl.model.findings import Finding
from journeyctl.model.ids import IdSet
from journeyctl.model.source_map import LoadedYaml, SourceMap


class JourneyIds:
    """A valid journey reduced to what resolving a workspace reads of it: its id and its
    touchpoints' ids. The model of a file the lint cache or another process vouched for
    (``journeyctl.loading.workspace.cached``): a run holds one for every such map, and an
    empty pydantic ``Journey`` took five times the memory."""

    __slots__ = ("id", "touchpoint_ids")

    def __init__(self, ident: str, touchpoint_ids: IdSet) -> None:
        self.id = ident
        self.touchpoint_ids = touchpoint_ids

    def __repr__(self) -> str:
        return f"JourneyIds({self.id!r}, {len(self.touchpoint_ids)} touchpoints)"


def is_journey(model: object) -> bool:
    """Whether ``model`` is a valid journey, whole or as its ids (:class:`JourneyIds`)."""
    return isinstance(model, (Journey, JourneyIds))


@dataclass(slots=True)
class SourceFile:
    """One file of the workspace and what loading it found."""

    path: str
    location: Path
    kind: str | None = None  # "journey", "catalog", or None when not a journeyctl file
    loaded: LoadedYaml | None = None
    model: Journey | JourneyIds | Catalog | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def source(self) -> SourceMap:
        return self.loaded.source if self.loaded else SourceMap(None)

    @property
    def text(self) -> str:
        return self.loaded.text if self.loaded else ""

    @property
    def ok(self) -> bool:
        """Loaded and validated without JM001–JM004 findings."""
        return self.model is not None and not self.findings

    @property
    def journey_id(self) -> str | None:
        if is_journey(self.model):
            return self.model.id
        data = self.loaded.data if self.loaded else None
        value = data.get("id") if isinstance(data, dict) else None
        return value if isinstance(value, str) else None


class JourneyDoc(NamedTuple):
    """A valid journey and everything its references resolve to."""

    file: SourceFile
    journey: Journey
    #: the journey's own definitions over its catalogs' (shared with other journeys: read only)
    personas: Mapping[str, Persona]
    channels: Mapping[str, Channel]
    teams: Mapping[str, Team]

    @property
    def path(self) -> str:
        return self.file.path

    @property
    def journey_personas(self) -> list[Persona]:
        """The personas the journey lists, in order, catalog references resolved."""
        return [self.personas[p] if isinstance(p, str) else p for p in self.journey.personas]

    @property
    def source(self) -> SourceMap:
        return self.file.source


class Workspace(NamedTuple):
    """The files asked for (``targets``) and the journeys they define."""

    root: Path
    targets: list[SourceFile]
    journeys: dict[str, JourneyDoc]
    #: journey id → touchpoint ids, over the whole workspace (for cross-journey links)
    journey_index: dict[str, frozenset[str]]
    #: the valid journeys in target order, when several workspaces are combined (their ids
    #: may repeat across workspaces, so ``journeys`` cannot hold them all)
    combined: list[JourneyDoc] | None = None

    @property
    def findings(self) -> list[Finding]:
        return [f for file in self.targets for f in file.findings]

    def docs(self) -> Iterator[JourneyDoc]:
        """Valid journeys among the targets, in target order."""
        if self.combined is not None:
            yield from self.combined
            return
        for file in self.targets:
            if file.ok and isinstance(file.model, Journey):
                doc = self.journeys.get(file.model.id)
                if doc is not None and doc.file is file:
                    yield doc


def combine(workspaces: list[Workspace]) -> Workspace:
    """The targets and journeys of several workspaces (maps from several repositories)."""
    if len(workspaces) == 1:
        return workspaces[0]
    journeys: dict[str, JourneyDoc] = {}
    index: dict[str, frozenset[str]] = {}
    for workspace in workspaces:
        for ident, doc in workspace.journeys.items():
            journeys.setdefault(ident, doc)
        for ident, touchpoints in workspace.journey_index.items():
            index.setdefault(ident, touchpoints)
    return Workspace(
        workspaces[0].root, [t for w in workspaces for t in w.targets], journeys, index,
        [doc for w in workspaces for doc in w.docs()],
    )
