"""The journey as a directed graph, with the analyses rules and renderers share.

Every analysis is a breadth-first walk: linear in touchpoints plus transitions, so no
rule built on it is quadratic in the size of a journey.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import NamedTuple

from journeyctl.model import Journey, Touchpoint, Transition


class Edge(NamedTuple):
    """One ``next`` entry: ``source`` → ``transition`` (``index`` is its place in ``next``)."""

    source: str
    index: int
    transition: Transition

    @property
    def target(self) -> str | None:
        """The touchpoint id in this journey, or ``None`` for a cross-journey link."""
        return self.transition.to

    @property
    def id(self) -> str:
        """``from->to`` (or ``from->journey:id`` for a cross-journey link)."""
        t = self.transition
        if t.to is not None:
            return f"{self.source}->{t.to}"
        suffix = f"/{t.touchpoint}" if t.touchpoint else ""
        return f"{self.source}->journey:{t.journey}{suffix}"


class JourneyGraph:
    """Touchpoints as nodes, ``next`` entries as edges.

    Touchpoint ids are assumed unique (duplicate ids stop a journey before any rule runs);
    transitions to unknown touchpoints likewise never reach here.
    """

    def __init__(self, journey: Journey) -> None:
        self.journey = journey
        self.touchpoints: dict[str, Touchpoint] = {t.id: t for t in journey.touchpoints}
        self.order: dict[str, int] = {t.id: i for i, t in enumerate(journey.touchpoints)}
        self.stage_order: dict[str, int] = {s.id: i for i, s in enumerate(journey.stages)}
        self.outgoing: dict[str, list[Edge]] = {
            t.id: [Edge(t.id, i, tr) for i, tr in enumerate(t.next)] for t in journey.touchpoints
        }
        incoming: dict[str, list[Edge]] = {t.id: [] for t in journey.touchpoints}
        for edges in self.outgoing.values():
            for edge in edges:
                if edge.target in incoming:
                    incoming[edge.target].append(edge)
        self.incoming = incoming

    # -- basic facts ---------------------------------------------------------------

    @cached_property
    def entries(self) -> list[str]:
        return [t.id for t in self.journey.touchpoints if t.entry]

    @cached_property
    def ends(self) -> list[str]:
        """Touchpoints marked ``end`` (of any kind)."""
        return [t.id for t in self.journey.touchpoints if t.end is not None]

    @cached_property
    def successes(self) -> list[str]:
        """Touchpoints marked ``end: success``."""
        return [t.id for t in self.journey.touchpoints if t.end == "success"]

    @cached_property
    def exits(self) -> list[str]:
        """Touchpoints that leave this journey for another one."""
        return [tid for tid, edges in self.outgoing.items() if any(e.target is None for e in edges)]

    @cached_property
    def dead_ends(self) -> list[str]:
        """Non-end touchpoints with no transition at all."""
        return [t.id for t in self.journey.touchpoints if t.end is None and not t.next]

    def edges(self) -> Iterator[Edge]:
        for edges in self.outgoing.values():
            yield from edges

    def successors(self, touchpoint: str) -> Iterator[str]:
        for edge in self.outgoing.get(touchpoint, ()):
            if edge.target is not None and edge.target in self.touchpoints:
                yield edge.target

    def predecessors(self, touchpoint: str) -> Iterator[str]:
        for edge in self.incoming.get(touchpoint, ()):
            yield edge.source

    def edge_path(self, edge: Edge) -> tuple:
        """The source-map path of an edge's ``next`` entry."""
        return ("touchpoints", self.order[edge.source], "next", edge.index)

    def touchpoint_path(self, touchpoint: str, *rest: object) -> tuple:
        """The source-map path of a touchpoint (or of a field inside it)."""
        return ("touchpoints", self.order[touchpoint], *rest)

    # -- analyses ------------------------------------------------------------------

    def reachable(self, sources: Iterable[str] | None = None) -> set[str]:
        """Touchpoints reachable from ``sources`` (default: the entries), sources included."""
        start = [s for s in (self.entries if sources is None else sources) if s in self.touchpoints]
        seen = set(start)
        queue = deque(start)
        while queue:
            for nxt in self.successors(queue.popleft()):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        return seen

    def reaching(self, targets: Iterable[str]) -> set[str]:
        """Touchpoints from which some touchpoint of ``targets`` can be reached, targets included."""
        start = [t for t in targets if t in self.touchpoints]
        seen = set(start)
        queue = deque(start)
        while queue:
            for prev in self.predecessors(queue.popleft()):
                if prev not in seen:
                    seen.add(prev)
                    queue.append(prev)
        return seen
