"""Where each node of a journey's DOT diagram goes, and whether Graphviz can lay it out.

Every touchpoint gets a column (a Graphviz rank): stages left to right, and within a
stage the flow left to right, each node one column right of the furthest node that leads
to it. Transitions that run against the flow (into an earlier stage, or closing a loop
within a stage) are set aside so they do not push their target rightwards. Within a
column, the lanes of a service blueprint are stacked top to bottom around separator
nodes.

The same columns give :func:`layout_cost`, the measure the size check compares with
:data:`MAX_LAYOUT_COST` before Graphviz ever runs.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from journeyctl.model import Lane
from journeyctl.outputs.render.graphviz_run import DotError
from journeyctl.outputs.render.view import JourneyView

#: The largest :func:`layout_cost` handed to Graphviz. Measured on a 2-core machine with
#: Graphviz 2.43: realistic maps (``benchmarks/generate.py``) cost about 4 per touchpoint
#: and lay out in 0.6 s at 300 touchpoints (cost 1,156), 2-3.5 s at 520 (2,156) and 5-10 s
#: at 600 (2,393); a chain whose every step also jumps back (the worst shape found) takes
#: 1.4 s at cost 2,057 and 12 s at 5,295. At this bound every shape measured finishes
#: within a few seconds.
MAX_LAYOUT_COST = 2000
#: The longest DOT text handed to Graphviz, in characters: the volume of label text it
#: must measure and place. A chain of 600 touchpoints whose names and conditions are all
#: 300 characters (0.9 MB) lays out in 2 s, 990 of them (1.5 MB) in 6 s; realistic maps
#: at the layout bound are about 0.4 MB.
MAX_DOT_SIZE = 1_000_000


def check_layout_size(view: JourneyView, dot_text: str) -> None:
    """Raise :class:`DotError` when the journey is too large for Graphviz to lay out in
    seconds (:data:`MAX_LAYOUT_COST`, :data:`MAX_DOT_SIZE`); its DOT and Mermaid are
    still available."""
    cost = layout_cost(view)
    if cost > MAX_LAYOUT_COST:
        reason = f"layout cost {cost:,}, at most {MAX_LAYOUT_COST:,}"
    elif len(dot_text) > MAX_DOT_SIZE:
        reason = f"{len(dot_text):,} characters of DOT, at most {MAX_DOT_SIZE:,}"
    else:
        return
    raise DotError(
        f"{view.doc.path}: too large for Graphviz to lay out in reasonable time "
        f"({len(view.touchpoints):,} touchpoints, {len(view.edges):,} transitions: {reason}): "
        "use --to dot or --to mermaid"
    )


def layout_cost(view: JourneyView) -> int:
    """What Graphviz's layout of the journey costs, in nodes: every node and transition,
    plus the columns each transition crosses (Graphviz routes an edge through a hidden
    node in every column it passes).

    Graphviz's crossing minimisation grows much faster than this count, so the count is
    only compared with :data:`MAX_LAYOUT_COST`, measured on real and crafted maps.
    """
    layout = lay_out(view)
    column = {name: c.number for stage in layout.stage_columns for c in stage for name in c.members()}
    last = max(column.values(), default=0) + 1
    cost = len(column) + len(view.external_targets) + sum(1 for tp in view.touchpoints if tp.entry)
    for edge in view.edges:
        target = column.get(edge.target, last) if edge.target is not None else last
        cost += 1 + max(0, abs(target - column[edge.source]) - 1)
    return cost


# The three lines of a service blueprint, top to bottom: interaction (customer |
# frontstage), visibility (frontstage | backstage), internal interaction (backstage |
# support). Only the line of visibility is drawn; the others just keep the lanes apart.
BLUEPRINT_LINES = ("interaction", "visibility", "internal")
_LANE_ORDER = (Lane.CUSTOMER, Lane.FRONTSTAGE, Lane.BACKSTAGE, Lane.SUPPORT)


def separator_name(column: int, line: str) -> str:
    """The node that carries one of :data:`BLUEPRINT_LINES` through a column."""
    return f"line:{column}:{line}"


def empty_stage_name(stage_index: int) -> str:
    """The placeholder node of a stage without touchpoints."""
    return f"stage:{stage_index}:empty"


@dataclass
class Column:
    """The nodes Graphviz puts in one rank, by lane."""

    number: int
    lanes: dict[Lane, list[str]] = field(default_factory=lambda: {lane: [] for lane in _LANE_ORDER})

    def members(self) -> list[str]:
        return [name for lane in _LANE_ORDER for name in self.lanes[lane]]

    def has_line(self, line: str) -> bool:
        if line == "interaction":
            return bool(self.lanes[Lane.CUSTOMER] and self.lanes[Lane.FRONTSTAGE])
        if line == "internal":
            return bool(self.lanes[Lane.BACKSTAGE] and self.lanes[Lane.SUPPORT])
        return True

    def stacking(self) -> list[tuple[str, str]]:
        """Same-rank pairs (upper, lower) that stack the lanes around the separators."""
        visibility = separator_name(self.number, "visibility")
        pairs: list[tuple[str, str]] = []
        for upper_lanes, line, lower_lanes in (
            ((Lane.CUSTOMER,), "interaction", (Lane.FRONTSTAGE,)),
            ((Lane.BACKSTAGE,), "internal", (Lane.SUPPORT,)),
        ):
            if self.has_line(line):
                separator = separator_name(self.number, line)
                pairs += [(n, separator) for lane in upper_lanes for n in self.lanes[lane]]
                pairs += [(separator, n) for lane in lower_lanes for n in self.lanes[lane]]
        above = [Lane.CUSTOMER, Lane.FRONTSTAGE]
        below = [Lane.BACKSTAGE, Lane.SUPPORT]
        if self.has_line("interaction"):
            above = [Lane.FRONTSTAGE]
            pairs.append((separator_name(self.number, "interaction"), visibility))
        if self.has_line("internal"):
            below = [Lane.BACKSTAGE]
            pairs.append((visibility, separator_name(self.number, "internal")))
        pairs += [(n, visibility) for lane in above for n in self.lanes[lane]]
        pairs += [(visibility, n) for lane in below for n in self.lanes[lane]]
        return pairs


@dataclass
class Layout:
    """Every node's column, and the transitions that must not shape the columns."""

    #: stage index → its columns, left to right
    stage_columns: list[list[Column]]
    #: (source, target) of transitions drawn against the flow, which must not push
    #: their target to the right of their source
    backward: set[tuple[str, str | None]]


def lay_out(view: JourneyView) -> Layout:
    """Give every node a column: stages left to right, the flow within a stage left to right.

    Within a stage, transitions that close a loop (found by a depth-first walk that starts
    at the touchpoints nothing in the stage leads to) are set aside, and each node goes
    one column right of the furthest node that leads to it. Transitions into an earlier
    stage and loop-closing ones are the ``backward`` ones.
    """
    graph = view.graph
    stage_of = {tp.id: tp.stage for tp in view.touchpoints}
    backward: set[tuple[str, str | None]] = set()
    stage_columns: list[list[Column]] = []
    number = 0
    for index, stage in enumerate(view.journey.stages):
        touchpoints = view.stage_touchpoints(stage)
        lane_of: dict[str, Lane] = {}
        successors: dict[str, list[str]] = {}
        for tp in touchpoints:
            if tp.entry:
                lane_of[f"entry:{tp.id}"] = tp.lane
                successors[f"entry:{tp.id}"] = [tp.id]
            lane_of[tp.id] = tp.lane
            successors[tp.id] = []
            for edge in graph.outgoing[tp.id]:
                target = edge.target
                if target is None or target not in stage_of:
                    continue
                if stage_of[target] == stage.id:
                    successors[tp.id].append(target)
                elif graph.stage_order[stage_of[target]] < index:
                    backward.add((tp.id, target))
        if not touchpoints:
            lane_of[empty_stage_name(index)] = Lane.FRONTSTAGE
            successors[empty_stage_name(index)] = []
        loops = _loop_edges(successors)
        backward |= loops
        layer = _longest_path_layers(successors, loops)
        for tp in touchpoints:
            if tp.entry:
                # Right in front of its touchpoint, not in the stage's first column: an
                # entry dot far from its step drew a long arrow, and a long chain of
                # entries kept Graphviz busy for minutes.
                layer[f"entry:{tp.id}"] = layer[tp.id] - 1
        width = max(layer.values()) + 1
        columns = [Column(number + i) for i in range(width)]
        for name, lane in lane_of.items():
            columns[layer[name]].lanes[lane].append(name)
        stage_columns.append(columns)
        number += width
    return Layout(stage_columns, backward)


def _loop_edges(successors: dict[str, list[str]]) -> set[tuple[str, str]]:
    """Edges that close a cycle in a depth-first walk (iterative: maps may be deep)."""
    has_incoming = {t for targets in successors.values() for t in targets}
    roots = [n for n in successors if n not in has_incoming] + [n for n in successors if n in has_incoming]
    state: dict[str, int] = {}  # 1: on the walk's stack, 2: finished
    loops: set[tuple[str, str]] = set()
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors[root]))]
        while stack:
            node, pending = stack[-1]
            nxt = next(pending, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                loops.add((node, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(successors[nxt])))
    return loops


def _longest_path_layers(successors: dict[str, list[str]], loops: set[tuple[str, str]]) -> dict[str, int]:
    indegree = {n: 0 for n in successors}
    for node, targets in successors.items():
        for target in targets:
            if (node, target) not in loops:
                indegree[target] += 1
    layer = {n: 0 for n in successors}
    ready = deque(n for n in successors if indegree[n] == 0)
    while ready:
        node = ready.popleft()
        for target in successors[node]:
            if (node, target) in loops:
                continue
            layer[target] = max(layer[target], layer[node] + 1)
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return layer

