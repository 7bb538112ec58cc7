"""Where each node of a journey's flow diagram goes, and whether Graphviz can lay it out.

The flow view is a service blueprint drawn by Graphviz: stages follow each other in the
direction of the flow (left to right, or top to bottom with ``--direction TB``), and the
lanes of a service blueprint — customer, frontstage, backstage, support — are bands
across it, apart from each other by the lines of interaction, visibility and internal
interaction.

Every touchpoint gets a column (a Graphviz rank): stages in order, and within a stage the
flow, each node one column after the furthest node that leads to it. Transitions that run
against the flow (into an earlier stage, or closing a loop within a stage) are set aside
so they do not push their target onwards. Within a column, the lanes are stacked between
separator nodes: a node at the start of the column (the stage frames' common edge), one
for each line, and one at its end; the separators of a line are chained through every
column of a row, which draws the line and keeps it straight.

With a page (``--page a4|a3|slide``) a long journey wraps into rows of stages (columns of
stages top to bottom) so that the drawing has about the page's proportions; a stage too
long for one row is itself split. Rows share the Graphviz ranks: the first column of every
row is the same rank, so the rows start at the same edge. Where the rows break is worked
out from estimated sizes of the labels (:func:`text_width`), before Graphviz runs.

The same columns give :func:`layout_cost`, the measure the size check compares with
:data:`MAX_LAYOUT_COST` before Graphviz ever runs.
"""

from __future__ import annotations

import math
import unicodedata
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from journeyctl.model import Lane
from journeyctl.outputs.render.graphviz_run import DotError
from journeyctl.outputs.render.view import JourneyView

#: The largest :func:`layout_cost` handed to Graphviz. Measured on a 2-core machine with
#: Graphviz 2.43 and the blueprint layout (separators in every column, a point in every
#: column a transition crosses): realistic maps (``benchmarks/generate.py``) cost about 4
#: per touchpoint and lay out in 2-3 s at 300 touchpoints (cost 1,156), 5.5 s at 400
#: (1,563) and 450 (1,809), and 14.5 s at 500 (2,115); a chain whose every step also jumps
#: back (the worst shape found before its backward transitions became connectors) lays
#: out in half a second at 70 (1,828). At this bound a map lays out in seconds, well
#: within :data:`~journeyctl.outputs.render.graphviz_run.DOT_TIMEOUT`.
MAX_LAYOUT_COST = 2000
#: The longest DOT text handed to Graphviz, in characters: the volume of label text it
#: must measure and place. A chain of 600 touchpoints whose names and conditions are all
#: 300 characters (0.9 MB) lays out in 2 s, 990 of them (1.5 MB) in 6 s; realistic maps
#: at the layout bound are about 0.4 MB.
MAX_DOT_SIZE = 1_000_000

#: Directions of the flow: stages left to right (lanes as rows), or top to bottom (lanes
#: as columns).
DIRECTIONS = ("LR", "TB")
#: Pages a diagram can be wrapped to, as (long side, short side) in any unit: ISO A4 and
#: A3, and a 16:9 slide. A flow from left to right fills them in landscape; a flow from
#: top to bottom fills A4 and A3 upright, and a slide (always landscape) with more columns.
PAGES: dict[str, tuple[float, float]] = {"a4": (297.0, 210.0), "a3": (420.0, 297.0), "slide": (16.0, 9.0)}


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
    columns = [c for stage in _stage_columns(view)[0] for c in stage]
    column = {name: number for number, c in enumerate(columns) for name in c.members()}
    last = len(columns)
    cost = len(column) + len(view.external_targets) + sum(1 for tp in view.touchpoints if tp.entry)
    for edge in view.edges:
        target = column.get(edge.target, last) if edge.target is not None else last
        cost += 1 + max(0, abs(target - column[edge.source]) - 1)
    return cost


# -- lanes and lines -------------------------------------------------------------------

#: The lanes of a service blueprint, from the customer's side.
LANE_ORDER = (Lane.CUSTOMER, Lane.FRONTSTAGE, Lane.BACKSTAGE, Lane.SUPPORT)
#: The lines of a service blueprint, each between two neighbouring lanes of
#: :data:`LANE_ORDER`: interaction (customer | frontstage), visibility (frontstage |
#: backstage), internal interaction (backstage | support).
BLUEPRINT_LINES = ("interaction", "visibility", "internal")
#: Lanes always drawn, so the line of visibility is always there to read the map by.
_ALWAYS_SHOWN = (Lane.CUSTOMER, Lane.FRONTSTAGE, Lane.BACKSTAGE)


def separator_name(row: int, column: int | str, line: str) -> str:
    """The node that carries a line through a column of a row: one of
    :data:`BLUEPRINT_LINES`, or ``start``/``end`` (the stage frames' common edges). The
    column is a number, or ``3+`` for the gap between two stage frames after column 3."""
    return f"line:{row}:{column}:{line}"


def lane_label_name(row: int, lane: Lane) -> str:
    """The node that names a lane at the start of a row."""
    return f"lane:{row}:{lane.value}"


def empty_stage_name(stage_index: int) -> str:
    """The placeholder node of a stage without touchpoints."""
    return f"stage:{stage_index}:empty"


@dataclass
class Column:
    """The nodes Graphviz puts in one rank of one row, by lane."""

    #: The column's place in its row: 1 for the first (0 is the row's lane names)
    number: int
    stage: int
    lanes: dict[Lane, list[str]] = field(default_factory=lambda: {lane: [] for lane in LANE_ORDER})

    def members(self) -> list[str]:
        return [name for lane in LANE_ORDER for name in self.lanes[lane]]


@dataclass
class StageFrame:
    """The part of a stage in one row: all of it, or a piece of a stage split across rows."""

    stage: int
    #: 0 for the stage's first piece, 1 for the next…
    part: int
    columns: list[Column]


@dataclass
class Row:
    """One row of stages (a column of stages in a top-to-bottom flow)."""

    frames: list[StageFrame]

    @property
    def columns(self) -> list[Column]:
        return [c for frame in self.frames for c in frame.columns]


@dataclass
class Layout:
    """Every node's row and column, the bands shown, and the transitions that must not
    shape the columns."""

    rows: list[Row]
    #: The lanes drawn as bands, from the customer's side: a contiguous run of
    #: :data:`LANE_ORDER`, at least customer to backstage
    lanes: tuple[Lane, ...]
    #: (source, target) of transitions drawn against the flow, which must not push
    #: their target onwards
    backward: set[tuple[str, str | None]]
    row_of: dict[str, int] = field(default_factory=dict)

    @property
    def lines(self) -> tuple[str, ...]:
        """The lines between the bands, from the customer's side."""
        first = LANE_ORDER.index(self.lanes[0])
        return BLUEPRINT_LINES[first:first + len(self.lanes) - 1]

    def between(self) -> list[tuple[Lane, str | None]]:
        """Each band with the line after it (None after the last)."""
        return [(lane, self.lines[i] if i < len(self.lines) else None) for i, lane in enumerate(self.lanes)]

    def crosses_rows(self, source: str, target: str | None) -> bool:
        """Whether a transition runs from one row to another (target None: out of the journey)."""
        return target is not None and target in self.row_of and self.row_of[source] != self.row_of[target]


# -- sizes ------------------------------------------------------------------------------

#: Estimated advance of a character in ems: narrow scripts in Helvetica, and the wide
#: (CJK) characters and emoji. Generous, so a row estimated to fit does fit.
_NARROW_EM = 0.6
_WIDE_EM = 1.05


def text_width(text: str, size: float) -> float:
    """The estimated width in points of one line of ``text`` at font ``size``."""
    width = 0.0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += _WIDE_EM if unicodedata.east_asian_width(ch) in ("W", "F") else _NARROW_EM
    return width * size


#: (width, height) in points of a node, estimated before Graphviz runs
Size = tuple[float, float]


def lay_out(
    view: JourneyView,
    *,
    page: str | None = None,
    direction: str = "LR",
    size_of: Callable[[str], Size] | None = None,
    labels_after: Callable[[str], list[Size]] | None = None,
    fixed: tuple[float, float] = (0.0, 0.0),
) -> Layout:
    """Give every node a row and a column: stages in order, the flow within a stage in order.

    Within a stage, transitions that close a loop (found by a depth-first walk that starts
    at the touchpoints nothing in the stage leads to) are set aside, and each node goes
    one column after the furthest node that leads to it. Transitions into an earlier
    stage and loop-closing ones are the ``backward`` ones.

    With a ``page``, the columns wrap into rows so that the drawing keeps within the
    page's proportions, by the estimated ``size_of`` each node (width, height in points,
    as drawn left to right), the space ``gap_after`` each node's column for the labels of
    the transitions that leave it, and the ``fixed`` size of what is drawn once (the
    title, the lane names).
    """
    stage_columns, backward = _stage_columns(view)
    used = {tp.lane for tp in view.touchpoints}
    indices = [LANE_ORDER.index(lane) for lane in (*used, *_ALWAYS_SHOWN)]
    lanes = LANE_ORDER[min(indices):max(indices) + 1]
    if page is None:
        pieces = [[StageFrame(index, 0, columns)] for index, columns in enumerate(stage_columns)]
        rows = [Row([frame for piece in pieces for frame in piece])]
    else:
        size_of = size_of or (lambda name: (0.0, 0.0))
        labels_after = labels_after or (lambda name: [])
        rows = _wrap(stage_columns, _page_aspect(page, direction), direction, lanes, size_of, labels_after, fixed)
    row_of: dict[str, int] = {}
    for row_index, row in enumerate(rows):
        for number, column in enumerate(row.columns, start=1):
            column.number = number
            for name in column.members():
                row_of[name] = row_index
    return Layout(rows, lanes, backward, row_of)


def _page_aspect(page: str, direction: str) -> float:
    """The page's width over its height: landscape, except A4 and A3 for a flow from top
    to bottom."""
    long, short = PAGES[page]
    return short / long if direction == "TB" and page != "slide" else long / short


#: Points between two nodes of a column and between columns (Graphviz's nodesep and
#: ranksep, as the DOT writer sets them), and around a stage frame.
NODE_GAP = 0.3 * 72
COLUMN_GAP = 0.45 * 72
FRAME_MARGIN = 16.0
#: How much longer (along the flow) and broader (across it) Graphviz draws a row than
#: the sum of its estimated node sizes, by direction: it adds the minimum sizes of its
#: nodes, the edges' hidden nodes and the stacked labels between the columns. Measured
#: on the examples with each page: 1.1-1.5 along and 1.35-2.1 across from left to
#: right, 1.1-1.4 along and 1.15-1.75 across from top to bottom.
GROWTH = {"LR": (1.35, 1.7), "TB": (1.3, 1.8)}
#: The widest estimated proportions (width over height) a wrapped drawing may have, so
#: that one drawn a quarter wider than estimated still keeps within 2:1.
MOST_ASPECT = 1.4


def _wrap(
    stage_columns: list[list[Column]],
    aspect: float,
    direction: str,
    lanes: tuple[Lane, ...],
    size_of: Callable[[str], Size],
    labels_after: Callable[[str], list[Size]],
    fixed: tuple[float, float],
) -> list[Row]:
    """The rows of stage pieces whose drawing comes closest to the page's ``aspect``
    (width over height) without being wider than :data:`MOST_ASPECT`, as far as the
    estimated sizes tell: fewer rows when two counts come as close."""

    def along(size: Size) -> float:
        return size[0] if direction == "LR" else size[1]

    def across(size: Size) -> float:
        return size[1] if direction == "LR" else size[0]

    def length(column: Column) -> float:
        names = column.members()
        labels = [label for n in names for label in labels_after(n)]
        return (max((along(size_of(n)) for n in names), default=0.0) + COLUMN_GAP
                + max((along(label) for label in labels), default=0.0))

    def breadth(columns: list[Column]) -> float:
        nodes = 2 * FRAME_MARGIN
        for lane in lanes:
            nodes += NODE_GAP + max(
                (sum(across(size_of(n)) + NODE_GAP for n in c.lanes[lane]) for c in columns), default=0.0
            )
        labels = max(
            (sum(across(label) + NODE_GAP for n in c.members() for label in labels_after(n)) for c in columns),
            default=0.0,
        )
        return max(nodes, labels)

    columns = [c for stage in stage_columns for c in stage]
    lengths = {id(c): length(c) for c in columns}
    total = sum(lengths.values())
    fixed_along, fixed_across = fixed
    grow_along, grow_across = GROWTH[direction]
    best: tuple[float, list[Row]] | None = None
    for count in range(1, len(columns) + 1):
        rows = _balanced(stage_columns, lengths, total, count)
        extent_along = grow_along * (fixed_along + max(sum(lengths[id(c)] for c in row.columns) for row in rows))
        extent_across = grow_across * (fixed_across + sum(breadth(row.columns) for row in rows))
        drawn = extent_along / extent_across if direction == "LR" else extent_across / extent_along
        # Too wide is out; among the rest, the nearest to the page's proportions.
        miss = abs(math.log(drawn / aspect)) if drawn <= MOST_ASPECT else math.inf
        if best is None or miss < best[0] or (best[0] == math.inf and miss == math.inf and drawn < best_drawn):
            best = (miss, rows)
            best_drawn = drawn
    assert best is not None
    return best[1]


def _balanced(stage_columns: list[list[Column]], lengths: dict[int, float], total: float, count: int) -> list[Row]:
    """The rows of the shortest length limit that packs the stages into ``count`` rows
    at most (found by halving the interval between ``total / count`` and ``total``)."""
    low, high = total / count, total * (1 + 1e-9)
    best = _pack(stage_columns, lengths, high)
    for _ in range(40):
        middle = (low + high) / 2
        rows = _pack(stage_columns, lengths, middle)
        if len(rows) <= count:
            best, high = rows, middle
        else:
            low = middle
    return best


def _pack(stage_columns: list[list[Column]], lengths: dict[int, float], limit: float) -> list[Row]:
    """Stages into rows of at most ``limit`` (a stage longer than that split into pieces)."""
    rows: list[Row] = []
    frames: list[StageFrame] = []
    used = 0.0
    for index, columns in enumerate(stage_columns):
        stage_length = sum(lengths[id(c)] for c in columns)
        if frames and used + stage_length > limit:
            rows.append(Row(frames))
            frames, used = [], 0.0
        if stage_length <= limit or len(columns) == 1:
            frames.append(StageFrame(index, 0, columns))
            used += stage_length
            continue
        piece: list[Column] = []
        part = 0
        for column in columns:
            if piece and used + lengths[id(column)] > limit:
                frames.append(StageFrame(index, part, piece))
                rows.append(Row(frames))
                frames, used, piece, part = [], 0.0, [], part + 1
            piece.append(column)
            used += lengths[id(column)]
        frames.append(StageFrame(index, part, piece))
    if frames or not rows:
        rows.append(Row(frames))
    return rows


def _stage_columns(view: JourneyView) -> tuple[list[list[Column]], set[tuple[str, str | None]]]:
    graph = view.graph
    stage_of = {tp.id: tp.stage for tp in view.touchpoints}
    backward: set[tuple[str, str | None]] = set()
    stage_columns: list[list[Column]] = []
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
        columns = [Column(0, index) for _ in range(width)]
        for name, lane in lane_of.items():
            columns[layer[name]].lanes[lane].append(name)
        stage_columns.append(columns)
    return stage_columns, backward
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

