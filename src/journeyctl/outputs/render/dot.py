"""Graphviz DOT for a journey's flow view, written as text (no Graphviz needed to produce it).

The flow view is a service blueprint of the journey's graph (``--direction LR``, the
default, is described; ``TB`` turns it a quarter, stages top to bottom and lanes as
columns):

- the lanes are labelled horizontal bands, customer at the top, then frontstage,
  backstage and support, apart from each other by the dashed, labelled lines of
  interaction, visibility and internal interaction, straight across the diagram.
- one frame per stage, in stage order, every frame's top edge on the same line. With
  ``--page`` a long journey wraps into rows of stages that keep the page's proportions
  (:mod:`journeyctl.outputs.render.layout` works out the rows and columns); every row has
  its own lane names and lines.
- shapes: decision points are diamonds; an entry has a black start dot in front of it;
  an end has a double border, solid for ``success`` and dashed for any other end; a
  cross-journey link is a note. Customer steps have rounded corners.
- fill: the touchpoint's emotion on ColorBrewer's RdBu scale (seven classes, colour-blind
  safe), normalised to the journey's ``emotion_scale``; an emotion given per persona fills
  with the personas' mean (with ``--persona``, that persona's), and the label lists each
  persona's number. With ``--highlight-findings``, an element with lint findings is
  outlined in the colour of its most severe finding. The legend, beside the title, labels
  every fill and outline colour the diagram uses.
- handoff edges are bold and dashed, labelled with what they carry and their SLA; branch
  conditions label their edges. Labels are Graphviz edge labels, which it places beside
  their edge and leaves room for.

Labels are HTML-like labels with every character of map text escaped, so any script and
any punctuation survives and the DOT is always accepted by ``dot``. The diagram's own words
(legend, lane and line names, severities, end words) are in the map's ``language``
(:mod:`journeyctl.text.words`).

svg, png and pdf come from running Graphviz in :mod:`journeyctl.outputs.render.graphviz_run`.
"""

from __future__ import annotations

from journeyctl.analysis.graph import Edge
from journeyctl.model import Lane, Stage, Touchpoint
from journeyctl.outputs.render.layout import (
    MAX_LAYOUT_COST,
    Column,
    Layout,
    StageFrame,
    empty_stage_name,
    lane_label_name,
    lay_out,
    layout_cost,
    separator_name,
    text_width,
)
from journeyctl.outputs.render.view import (
    DARK_EMOTION_CLASSES,
    EMOTION_COLORS,
    FINDING_COLORS,
    NO_EMOTION_COLOR,
    ExternalTarget,
    JourneyView,
    end_word,
    format_number,
    highest_severity,
)
from journeyctl.text.escape import dot_html, dot_html_lines, dot_id, dot_tooltip, one_line, shorten, wrap
from journeyctl.text.words import Words

FONT = "Helvetica"
INK = "#404040"
LINE_COLOR = "#737373"
NAME_WIDTH = 26
DETAIL_WIDTH = 36
STAGE_NAME_WIDTH = 28
#: Characters of one map text (a name, a condition, what a handoff carries…) in a label.
#: Longer text is shortened: a label must stay within the 16,384 characters Graphviz
#: reads in one string even when every character is escaped, and the tooltip has it all.
TEXT_LIMIT = 300
#: Points Graphviz gives a line of text at each font size (its line height is 1.2 em),
#: and the margins of a node (``margin="0.12,0.06"``), for the estimated sizes the rows
#: are wrapped by.
LINE_HEIGHT = 1.2
NODE_MARGIN = (0.12 * 72, 0.06 * 72)
STAGE_FONT_SIZE = 12

#: The word (:mod:`journeyctl.text.words` key) for each lane and line of the blueprint.
LANE_WORDS = {lane: f"lane.{lane.value}" for lane in Lane}
LINE_WORDS = {
    "interaction": "line_of_interaction",
    "visibility": "line_of_visibility",
    "internal": "line_of_internal_interaction",
}
#: The legend's keys, in order; the connectors' only when the diagram has some.
LEGEND_KEYS = ("entry", "end", "lanes", "visibility", "pain_points", "handoff", "branch", "connector")


def render_dot(
    view: JourneyView, *, highlight_findings: bool = False, direction: str = "LR", page: str | None = None
) -> str:
    """The DOT text of the journey's flow view: stages along ``direction`` (``LR`` or
    ``TB``), wrapped into rows that fit ``page`` (``a4``, ``a3``, ``slide``) when given."""
    return _DotWriter(view, highlight_findings, direction, page).write()


class _DotWriter:
    def __init__(self, view: JourneyView, highlight_findings: bool, direction: str, page: str | None) -> None:
        self.view = view
        self.words = view.words
        self.highlight = highlight_findings
        self.direction = direction
        self.out: list[str] = []
        #: Clusters the lines written are in, besides those their depth says (the row's).
        self.base = 0
        self.overlay = _overlay(view)
        self.labels = {tp.id: self.touchpoint_rows(tp) for tp in view.touchpoints}
        self.layout: Layout = lay_out(
            view, page=page, direction=direction, size_of=self.size_of, labels_after=self.labels_after,
            fixed=self.fixed_extents(),
        )
        #: The column every row's lines end in: one after the longest row's last.
        self.end_column = max(len(row.columns) for row in self.layout.rows) + 1
        #: Where each node of a column is: its row and column.
        self.place: dict[str, tuple[int, int | str]] = {}
        #: The frame of each column: (row, frame index).
        self.frame_of: dict[tuple[int, int], tuple[int, int]] = {}
        for row_index, row in enumerate(self.layout.rows):
            for frame_index, frame in enumerate(row.frames):
                for column in frame.columns:
                    self.frame_of[(row_index, column.number)] = (row_index, frame_index)
                    for name in column.members():
                        self.place[name] = (row_index, column.number)
        #: Nodes drawn besides the touchpoints, by (row, column) and lane, each with its
        #: declaration: connectors and cross-journey links.
        self.extras: dict[tuple[int, int | str], dict[Lane, list[str]]] = {}
        self.declarations: dict[str, str] = {}
        #: Transitions drawn as a pair of numbered connectors instead of a curve: those
        #: from one row to another, and those against the flow (a rework loop), whose
        #: curves Graphviz lays around the whole diagram. Edge id → number.
        self.connectors: dict[str, int] = {}
        #: Transitions across more than one column: edge id → the points they pass, one
        #: in every column on the way, in the source's lane (Graphviz lays an edge through
        #: a frame it does not belong to outside the frame, through the gap between two
        #: frames wherever it likes, and a label far from a long edge).
        self.waypoints: dict[str, list[str]] = {}
        graph = view.graph
        placed: set[str] = set()
        # A point in every column an edge crosses is what the layout cost counts: beyond
        # the size Graphviz is given, the DOT (for other tools) keeps plain edges, so a
        # huge map's DOT stays in proportion to the map.
        routed = layout_cost(view) <= MAX_LAYOUT_COST
        for edge in view.edges:
            source_lane = graph.touchpoints[edge.source].lane
            if edge.target is None:
                target = ExternalTarget(edge.transition.journey, edge.transition.touchpoint)
                if target.key not in placed:
                    placed.add(target.key)
                    self.extra(self.after(edge.source), source_lane, f"journey:{target.key}",
                               self.external_node(target))
                continue
            backward = (edge.source, edge.target) in self.layout.backward
            if self.layout.crosses_rows(edge.source, edge.target) or backward:
                number = len(self.connectors) + 1
                self.connectors[edge.id] = number
                target_lane = graph.touchpoints[edge.target].lane
                self.extra(self.after(edge.source), source_lane, f"to:{number}", self.connector(edge, number, False))
                self.extra(self.before_node(edge.target), target_lane, f"from:{number}",
                           self.connector(edge, number, True))
            elif routed:
                self.route(edge)


    # -- document -----------------------------------------------------------------

    def write(self) -> str:
        view = self.view
        journey = view.journey
        self.line(0, f"digraph {dot_id(journey.id)} {{")
        self.line(1, f"graph [{self.attrs(self.graph_attrs())}]")
        self.line(1, f'node [fontname="{FONT}", fontsize=10, shape=box, style="filled", '
                     f'fillcolor="{NO_EMOTION_COLOR}", color="{INK}", fontcolor="#000000", margin="0.12,0.06"]')
        self.line(1, f'edge [fontname="{FONT}", fontsize=9, color="{INK}", fontcolor="#252525", arrowsize=0.7]')
        rows = list(enumerate(self.layout.rows))
        # Graphviz places clusters that nothing orders in the order they are written, which
        # a left-to-right layout turns round.
        for row_index, row in reversed(rows) if self.direction == "LR" else rows:
            # Each row is a cluster of its own, which keeps it in one piece above the next.
            self.line(0, "")
            self.line(1, f"subgraph {dot_id(f'cluster_row_{row_index}')} {{")
            self.line(2, 'graph [label="", peripheries=0, margin=0]')
            self.base = 1
            self.lane_names(row_index)
            for number, frame in enumerate(row.frames):
                if number:
                    self.gap(row_index, frame.columns[0].number - 1)
                self.stage_cluster(row_index, frame)
            self.row_end(row_index)
            self.base = 0
            self.line(1, "}")
        self.line(0, "")
        for tp in view.touchpoints:
            if tp.entry:
                self.line(1, f"{dot_id(f'entry:{tp.id}')} -> {dot_id(tp.id)} [{self.entry_attrs(tp.id)}]")
        for edge in view.edges:
            self.transition(edge)
        for source, target, attrs in self.overlay.undocumented:
            self.line(1, f"{dot_id(source)} -> {dot_id(target)} [{self.attrs(attrs)}]")
        self.lines_along_rows()
        self.rows_in_order()
        self.line(0, "}")
        return "\n".join(self.out) + "\n"

    def graph_attrs(self) -> dict[str, str]:
        journey = self.view.journey
        return {
            "rankdir": self.direction,
            "newrank": "true",
            # The second crossing-minimisation pass over all clusters ignores the
            # same-rank edges that keep the lanes in order.
            "remincross": "false",
            "fontname": f'"{FONT}"',
            "label": f"<{self.header()}>",
            "labelloc": "t",
            "labeljust": "l",
            "nodesep": "0.3",
            "ranksep": "0.45",
            "pad": "0.3",
            "tooltip": dot_tooltip(one_line(journey.title)),
        }

    def header(self) -> str:
        """The title, what the diagram shows, and the legend beside them."""
        view = self.view
        journey = view.journey
        scale = view.scale
        words = self.words
        state, status = words[f"journey_state_short.{journey.state.value}"], words[f"journey_status.{journey.status.value}"]
        details = [f"{journey.id} · {state} · {status}"]
        if view.persona is not None:
            details.append(words.text("diagram.persona", name=view.persona.name))
        scale_range = words.text("emotion_scale_range", min=format_number(scale.min), max=format_number(scale.max),
                                 neutral=format_number(scale.neutral_value))
        details.append(words.text("diagram.emotion_scale", range=scale_range))
        title = _element('FONT POINT-SIZE="16"', _element("B", dot_html(_short(journey.title))))
        sub = "".join(f'<BR ALIGN="LEFT"/><FONT POINT-SIZE="10">{dot_html(_short(d))}</FONT>' for d in details)
        return (
            '<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="4"><TR>'
            f'<TD ALIGN="LEFT" VALIGN="TOP">{title}{sub}<BR ALIGN="LEFT"/></TD>'
            f'<TD WIDTH="24"></TD><TD ALIGN="LEFT" VALIGN="TOP">{self.legend()}</TD>'
            "</TR></TABLE>"
        )

    # -- estimated sizes, for wrapping into rows ----------------------------------

    def size_of(self, name: str) -> tuple[float, float]:
        """The estimated (width, height) in points of a node, as Graphviz will draw it."""
        if name.startswith("entry:"):
            return (13.0, 13.0)
        rows = self.labels.get(name)
        if rows is None:
            return (text_width(self.words["diagram.no_touchpoints"], 10), 10 * LINE_HEIGHT)
        width = max(text_width(text, size) for text, size in rows) + 2 * NODE_MARGIN[0]
        height = sum(size * LINE_HEIGHT for _, size in rows) + 2 * NODE_MARGIN[1]
        if self.view.graph.touchpoints[name].decision:
            # A diamond holds its label in the middle half of each side.
            return (2 * width, 2 * height)
        return (width, height)

    def labels_after(self, name: str) -> list[tuple[float, float]]:
        """The estimated (width, height) of the labels of the transitions leaving a node."""
        sizes = []
        for edge in self.view.graph.outgoing.get(name, []):
            rows = self.edge_rows(edge)
            if rows:
                sizes.append((max(text_width(text, 9) for text in rows), len(rows) * 9 * LINE_HEIGHT))
        return sizes

    def fixed_extents(self) -> tuple[float, float]:
        """What is drawn besides the rows: the title and legend across the flow's start,
        and the lane names at the start of every row."""
        lanes = max(text_width(self.lane_name(lane), 11) for lane in Lane) + 30
        header = 16 * LINE_HEIGHT * 2 + 10 * LINE_HEIGHT * 3
        if self.direction == "LR":
            return (lanes, header)
        return (header + 40, 0.0)

    # -- rows, stages and lanes ---------------------------------------------------

    def lane_names(self, row: int) -> None:
        """The start of a row: each lane's name in its band, each line's name on the line."""
        names = [separator_name(row, 0, "start")]
        extras = self.extras.get((row, 0), {})
        for lane, line in self.layout.between():
            name = lane_label_name(row, lane)
            names.append(name)
            self.line(1, f'{dot_id(name)} [shape=plaintext, style="", margin=0, fontsize=11, '
                         f'fontcolor="{INK}", label=<<B>{dot_html(self.lane_name(lane))}</B>>, '
                         f'tooltip={dot_tooltip(self.lane_name(lane))}]')
            for extra in extras.get(lane, []):
                self.line(1, f"{dot_id(extra)} [{self.declarations[extra]}]")
                names.append(extra)
            if line is not None:
                names.append(separator_name(row, 0, line))
                # The line starts at its own name.
                self.line(1, f"{dot_id(separator_name(row, 0, line))} [shape=plaintext, style=\"\", margin=0, "
                             f'width=0, height=0, fontsize=8, fontcolor="{LINE_COLOR}", '
                             f"label=<<I>{dot_html(self.words[LINE_WORDS[line]])}</I>>]")
        names.append(separator_name(row, 0, "end"))
        for edge_name in (names[0], names[-1]):
            self.line(1, f"{dot_id(edge_name)} [{_POINT}]")
        self.line(1, f"{{ rank=same; {' '.join(f'{dot_id(n)};' for n in names)} }}")
        for upper, lower in zip(names, names[1:]):
            self.before(1, upper, lower)

    def row_end(self, row: int) -> None:
        """The column after the longest row's last stage, where every row's lines end."""
        self.stack(1, row, self.end_column, {})

    def stack(self, depth: int, row: int, key: int | str, lanes: dict[Lane, list[str]]) -> None:
        """One column: its separators, the nodes of each lane between them (and the
        connectors and links placed there), all in one rank."""
        separators = [separator_name(row, key, kind) for kind in self.separators()]
        for name in separators:
            self.line(depth, f"{dot_id(name)} [{_POINT}]")
        extras = self.extras.get((row, key), {})
        for names in extras.values():
            for name in names:
                self.line(depth, f"{dot_id(name)} [{self.declarations[name]}]")
        by_lane = {lane: [*lanes.get(lane, []), *extras.get(lane, [])] for lane, _ in self.layout.between()}
        members = " ".join(f"{dot_id(n)};" for n in [*separators, *(n for ns in by_lane.values() for n in ns)])
        self.line(depth, f"{{ rank=same; {members} }}")
        # Declared in the cluster of the column, or Graphviz ignores them when it orders
        # the cluster's nodes.
        for upper, lower in zip(separators, separators[1:]):
            self.before(depth, upper, lower)
        for index, (lane, _) in enumerate(self.layout.between()):
            for name in by_lane[lane]:
                self.before(depth, separators[index], name)
                self.before(depth, name, separators[index + 1])

    def after(self, name: str) -> tuple[int, int | str]:
        """The column right after a node's: in its frame, or the gap after the frame, or
        the end of the row."""
        row, number = self.place[name]
        frames = self.layout.rows[row].frames
        frame_index = self.frame_of[(row, number)][1]
        if number < frames[frame_index].columns[-1].number:
            return (row, number + 1)
        if frame_index + 1 < len(frames):
            return (row, f"{number}+")
        return (row, self.end_column)

    def before_node(self, name: str) -> tuple[int, int | str]:
        """The column right before a node's: in its frame, or the gap before the frame, or
        the start of the row."""
        row, number = self.place[name]
        frames = self.layout.rows[row].frames
        frame_index = self.frame_of[(row, number)][1]
        if number > frames[frame_index].columns[0].number:
            return (row, number - 1)
        if frame_index > 0:
            return (row, f"{number - 1}+")
        return (row, 0)

    def route(self, edge: Edge) -> None:
        """Points in the source's lane in every column between a transition's ends (in
        either direction: a loop back within a stage runs back along its lane)."""
        row, start = self.place[edge.source]
        end = self.place[edge.target][1]
        chain = self.chain(row)
        first, last = sorted((chain.index(start), chain.index(end)))
        between = chain[first + 1:last]
        if chain.index(start) > chain.index(end):
            between.reverse()
        lane = self.view.graph.touchpoints[edge.source].lane
        points = []
        for key in between:
            name = f"via:{len(self.declarations)}"
            self.extra((row, key), lane, name, _POINT)
            points.append(name)
        self.waypoints[edge.id] = points

    def extra(self, where: tuple[int, int | str], lane: Lane, name: str, declaration: str) -> None:
        self.extras.setdefault(where, {}).setdefault(lane, []).append(name)
        self.declarations[name] = declaration

    def connector(self, edge: Edge, number: int, arriving: bool) -> str:
        """A numbered circle where a transition leaves, and the same number where it
        arrives: the declaration of one of them."""
        graph = self.view.graph
        other = graph.touchpoints[edge.source if arriving else edge.target]
        key = "diagram.continued_from" if arriving else "diagram.continues_at"
        tooltip = self.words.text(key, name=one_line(other.name))
        return (f'shape=circle, style="", fixedsize=true, width=0.3, height=0.3, fontsize=9, '
                f"label=<<B>{number}</B>>, tooltip={dot_tooltip(tooltip)}")

    def gap(self, row: int, after: int) -> None:
        """Separators between two stage frames, outside both: Graphviz routes every edge
        from one cluster straight to another through the same hidden nodes, which would
        bend the lines."""
        self.stack(1, row, f"{after}+", {})

    def chain(self, row: int) -> list[int | str]:
        """The columns a row's lines run through, in order: its lane names, its stages'
        columns with the gaps between the stage frames, and the end."""
        numbers: list[int | str] = [0]
        for index, frame in enumerate(self.layout.rows[row].frames):
            if index:
                numbers.append(f"{frame.columns[0].number - 1}+")
            numbers += [column.number for column in frame.columns]
        return [*numbers, self.end_column]

    def lane_name(self, lane: Lane) -> str:
        """A lane's name as the title of its band: its word with a capital."""
        word = self.words[LANE_WORDS[lane]]
        return word[:1].upper() + word[1:]

    def separators(self) -> list[str]:
        return ["start", *self.layout.lines, "end"]

    def stage_cluster(self, row: int, frame: StageFrame) -> None:
        view = self.view
        index = frame.stage
        stage = view.journey.stages[index]
        findings = view.findings_for(f"stage:{stage.id}") if self.highlight else []
        outline = self.outline(f"stage:{stage.id}")
        attrs = {
            "label": f"<{self.stage_title(row, frame)}>",
            "style": '"rounded"',
            "color": f'"{outline}"' if outline else '"#969696"',
            "penwidth": "3" if outline else "1",
            # The row around the frame has none.
            "peripheries": "1",
            "fontsize": str(STAGE_FONT_SIZE),
            "labeljust": "l",
            "tooltip": dot_tooltip(_tooltip(stage.description or stage.name, findings)),
        }
        suffix = f"_{frame.part}" if frame.part else ""
        self.line(1, f"subgraph {dot_id(f'cluster_stage_{index}{suffix}')} {{")
        self.line(2, f"graph [{self.attrs(attrs)}]")
        if frame.part == 0:
            touchpoints = view.stage_touchpoints(stage)
            if not touchpoints:
                self.line(2, f'{dot_id(empty_stage_name(index))} [shape=plaintext, style="", '
                             f'label=<<I>{dot_html(self.words["diagram.no_touchpoints"])}</I>>, fontcolor="#737373"]')
        members = {name for column in frame.columns for name in column.members()}
        for tp in view.stage_touchpoints(stage):
            if tp.id in members:
                self.touchpoint(tp, 2)
        for column in frame.columns:
            self.column(row, column)
        self.line(1, "}")

    def stage_title(self, row: int, frame: StageFrame) -> str:
        """The stage's number and name, in a cell as tall as the tallest title of its row,
        so every frame of the row starts on the same line."""
        stage = self.view.journey.stages[frame.stage]
        name = f"{frame.stage + 1}. {_short(stage.name)}"
        text_lines = wrap(name, STAGE_NAME_WIDTH)
        if frame.part:
            text_lines.append(f"({self.words['diagram.continued']})")
        most = max(self.title_lines(f) for f in self.layout.rows[row].frames)
        height = round(most * STAGE_FONT_SIZE * LINE_HEIGHT + 4)
        content = _element("B", dot_html_lines(text_lines))
        return (f'<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR>'
                f'<TD HEIGHT="{height}" ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT">{content}</TD></TR></TABLE>')

    def title_lines(self, frame: StageFrame) -> int:
        stage = self.view.journey.stages[frame.stage]
        return len(wrap(f"{frame.stage + 1}. {_short(stage.name)}", STAGE_NAME_WIDTH)) + (1 if frame.part else 0)

    def column(self, row: int, column: Column) -> None:
        """One column of a stage: its separators, its lanes between them, all in one rank."""
        self.stack(2, row, column.number, column.lanes)

    def before(self, depth: int, first: str, second: str) -> None:
        """Keep ``first`` before ``second`` across the flow: above it, or left of it when
        the flow runs top to bottom.

        A same-rank edge's tail goes first, except inside a cluster of a left-to-right
        layout, where Graphviz turns the order of the cluster's nodes round.
        """
        if depth + self.base > 1 and self.direction == "LR":
            first, second = second, first
        self.line(depth, f"{dot_id(first)} -> {dot_id(second)} [style=invis]")

    def lines_along_rows(self) -> None:
        """Each line through every column of a row, straight; the frames' edges likewise."""
        self.line(0, "")
        for row_index, row in enumerate(self.layout.rows):
            numbers = self.chain(row_index)
            # A row shorter than the longest starts at the lane names: pulled there, not
            # left wherever the stretch to the common end puts it.
            if len(numbers) > 2:
                self.line(1, f"{dot_id(separator_name(row_index, 0, 'start'))} -> "
                             f"{dot_id(separator_name(row_index, numbers[-2], 'start'))} [style=invis, weight=100]")
            for kind in self.separators():
                for left, right in zip(numbers, numbers[1:]):
                    tail = dot_id(separator_name(row_index, left, kind))
                    head = dot_id(separator_name(row_index, right, kind))
                    if kind in ("start", "end"):
                        self.line(1, f"{tail} -> {head} [style=invis, weight=1000]")
                    else:
                        self.line(1, f'{tail} -> {head} [style=dashed, color="{LINE_COLOR}", penwidth=1.2, '
                                     f"arrowhead=none, weight=1000, tooltip={dot_tooltip(self.words[LINE_WORDS[kind]])}]")

    def rows_in_order(self) -> None:
        """Every row's lane names in the first rank and its lines' ends in the last, and
        each row after the one before it."""
        rows = range(len(self.layout.rows))
        if len(rows) == 1:
            return
        for number in (0, self.end_column):
            names = [separator_name(row, number, "start") for row in rows]
            self.line(1, f"{{ rank=same; {' '.join(f'{dot_id(n)};' for n in names)} }}")
        for upper, lower in zip(rows, rows[1:]):
            # Between two clusters, and so turned round in a left-to-right layout.
            self.before(1, separator_name(upper, 0, "end"), separator_name(lower, 0, "start"))

    # -- nodes --------------------------------------------------------------------

    def touchpoint(self, tp: Touchpoint, depth: int) -> None:
        view = self.view
        if tp.entry:
            self.line(depth, f"{dot_id(f'entry:{tp.id}')} [shape=circle, style=filled, fillcolor=\"#000000\", "
                             f"width=0.18, height=0.18, fixedsize=true, label=\"\", "
                             f"tooltip={dot_tooltip(self.words['entry'])}]")
        level = view.emotion_class(view.emotion_of(tp))
        findings = view.findings_for(f"touchpoint:{tp.id}") if self.highlight else []
        style = ["filled"]
        if tp.lane is Lane.CUSTOMER and not tp.decision:
            style.append("rounded")
        if tp.end is not None and tp.end != "success":
            style.append("dashed")
        attrs = {
            "label": f"<{self.touchpoint_label(tp)}>",
            "fillcolor": f'"{view.emotion_color(view.emotion_of(tp))}"',
            "style": f'"{",".join(style)}"',
            "tooltip": dot_tooltip(_tooltip(_touchpoint_details(tp, self.words), findings)),
        }
        if tp.decision:
            attrs["shape"] = "diamond"
            attrs["margin"] = '"0.02,0.02"'
        if tp.end is not None:
            attrs["peripheries"] = "2"
        if level in DARK_EMOTION_CLASSES:
            attrs["fontcolor"] = '"#ffffff"'
        attrs.update(self.overlay.nodes.get(tp.id, {}))
        outline = self.outline(f"touchpoint:{tp.id}")
        if outline:
            attrs["color"] = f'"{outline}"'
            attrs["penwidth"] = "3"
        elif tp.entry:
            attrs["penwidth"] = "2"
        self.line(depth, f"{dot_id(tp.id)} [{self.attrs(attrs)}]")

    def touchpoint_rows(self, tp: Touchpoint) -> list[tuple[str, int]]:
        """The lines of a touchpoint's label as plain text, each with its font size."""
        rows = [(line, 10) for line in wrap(_short(tp.name), NAME_WIDTH)]
        return rows + [(line, 8) for _, lines in self.details(tp) for line in lines]

    def details(self, tp: Touchpoint) -> list[tuple[bool, list[str]]]:
        """The blocks of small print under a touchpoint's name, each (bold, its lines):
        lane and where it happens, emotion, pain points, end."""
        words = self.words
        blocks: list[tuple[bool, list[str]]] = []
        where = " · ".join(part for part in (tp.channel, tp.owner) if part)
        role = words[f"lane.{tp.lane.value}"] if not tp.lane.visible else ""
        details = " · ".join(part for part in (role, where) if part)
        if details:
            blocks.append((False, [_short(details)]))
        emotion = self.emotion_lines(tp)
        if emotion:
            blocks.append((False, emotion))
        if tp.pain_points:
            count = words.counted(len(tp.pain_points), "count.pain_point")
            severity = words[f"severity.{highest_severity(tp.pain_points).value}"]
            blocks.append((True, [f"⚠ {count} · {severity}"]))
        if tp.end is not None:
            mark = "✔" if tp.end == "success" else "✖"
            end = words.text("diagram.end_value", end=end_word(words, tp.end))
            blocks.append((False, [f"{mark} {_short(end)}"]))
        return blocks

    def emotion_lines(self, tp: Touchpoint) -> list[str]:
        """``emotion -1``; with emotions per persona and no persona selected, a line for
        each persona (``Homeowner: -2``) under ``emotion per persona:``."""
        if tp.emotion_varies_by_persona and self.view.persona is None:
            personas = self.view.doc.personas
            lines = [self.words["diagram.emotion_per_persona"]]
            for persona, value in tp.emotion_by_persona().items():
                name = personas[persona].name if persona in personas else persona
                lines += wrap(f"{_short(name)}: {format_number(value)}", NAME_WIDTH)
            return lines
        emotion = self.view.emotion_of(tp)
        return [] if emotion is None else [self.words.text("diagram.emotion_value", value=format_number(emotion))]

    def touchpoint_label(self, tp: Touchpoint) -> str:
        label = [_element("B", dot_html_lines(wrap(_short(tp.name), NAME_WIDTH)))]
        for bold, lines in self.details(tp):
            content = _element("B", dot_html_lines(lines)) if bold else dot_html_lines(lines)
            label.append(f'<FONT POINT-SIZE="8">{content}</FONT>')
        return "<BR/>".join(label)

    def external_node(self, target: ExternalTarget) -> str:
        """The declaration of the note that says the journey continues in another."""
        words = self.words
        continues = words["continues_in_journey"]
        label = f'<FONT POINT-SIZE="8">{dot_html(continues)}</FONT><BR/>{_element("B", dot_html(_short(target.journey)))}'
        if target.touchpoint:
            at = words.text("at_touchpoint", touchpoint=_short(target.touchpoint))
            label += f'<BR/><FONT POINT-SIZE="8">{dot_html(at)}</FONT>'
        tooltip = f"{continues} {target.key}"
        return f'shape=note, style="filled,dashed", fillcolor="#ffffff", label=<{label}>, tooltip={dot_tooltip(tooltip)}'

    def outline(self, element: str) -> str | None:
        """The outline colour of ``element`` when findings are highlighted and it has some."""
        if not self.highlight:
            return None
        severity = self.view.finding_severity(element)
        return FINDING_COLORS[severity] if severity is not None else None

    def legend(self) -> str:
        """Every fill and outline colour the diagram uses, labelled, then the shapes."""
        emotions = self.view.emotion_legend()
        swatches = []
        for color, text in emotions:
            font = "#ffffff" if color in _DARK_FILLS else "#000000"
            border = ' BORDER="1"' if color == NO_EMOTION_COLOR else ""
            content = _element(f'FONT COLOR="{font}"', dot_html(text))
            swatches.append(f'<TD BGCOLOR="{color}"{border} WIDTH="26">{content}</TD>')
        outlines = [
            f'<TD BORDER="3" COLOR="{FINDING_COLORS[severity]}">{dot_html(severity.label)}</TD>'
            for severity in (self.view.outlined_severities if self.highlight else [])
        ]
        words = self.words
        keys = [words[f"diagram.legend_{key}"] for key in LEGEND_KEYS if key != "connector" or self.connectors]
        rows = [f'<TR><TD COLSPAN="3" ALIGN="LEFT"><B>{dot_html(words["legend"])}</B></TD></TR>']
        for title, cells in ((words["emotion"], swatches), (words["diagram.lint_findings"], outlines)):
            if cells:
                # Each row of colours is a table of its own, so the rows' cells do not
                # share widths.
                inner = f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="3"><TR>{"".join(cells)}</TR></TABLE>'
                rows.append(f'<TR><TD ALIGN="LEFT">{dot_html(title)}</TD>'
                            f'<TD COLSPAN="2" ALIGN="LEFT" CELLPADDING="0">{inner}</TD></TR>')
        # The keys in two columns, so the legend beside the title stays low.
        half = (len(keys) + 1) // 2
        for left, right in zip(keys[:half], [*keys[half:], ""]):
            rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT">{dot_html(left)}</TD>'
                        f'<TD ALIGN="LEFT">{dot_html(right) or "&#160;"}</TD></TR>')
        return (f'<TABLE BORDER="1" COLOR="#bdbdbd" STYLE="rounded" CELLBORDER="0" CELLSPACING="2" '
                f'CELLPADDING="2"><TR><TD><FONT POINT-SIZE="8"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" '
                f'CELLPADDING="2">{"".join(rows)}</TABLE></FONT></TD></TR></TABLE>')

    # -- edges --------------------------------------------------------------------

    def transition(self, edge: Edge) -> None:
        view = self.view
        t = edge.transition
        source = dot_id(edge.source)
        if t.to is None:
            target = dot_id(f"journey:{ExternalTarget(t.journey, t.touchpoint).key}")
        else:
            target = dot_id(t.to)
        findings = view.findings_for(f"transition:{edge.id}") if self.highlight else []
        attrs: dict[str, str] = {}
        rows = []
        if t.when:
            rows.append(f"<I>[{dot_html_lines(wrap(_short(t.when), DETAIL_WIDTH))}]</I>")
        if t.handoff is not None:
            rows.append(dot_html_lines(wrap(_short(_handoff_text(t.handoff, self.words)), DETAIL_WIDTH)))
            attrs["style"] = '"bold,dashed"'
            attrs["penwidth"] = "2"
        if t.to is None:
            attrs["style"] = '"dashed"'
        rows += self.overlay.edge_rows.get((edge.source, t.to), [])
        if rows:
            attrs["label"] = f"<{'<BR/>'.join(rows)}>"
        tooltip_parts = [edge.id]
        if t.handoff is not None and t.handoff.note:
            tooltip_parts.append(t.handoff.note)
        attrs["tooltip"] = dot_tooltip(_tooltip("\n".join(tooltip_parts), findings))
        number = self.connectors.get(edge.id)
        if (edge.source, t.to) in self.layout.backward and number is None:
            attrs["constraint"] = "false"
        attrs.update(self.overlay.edges.get((edge.source, t.to), {}))
        outline = self.outline(f"transition:{edge.id}")
        if outline:
            attrs["color"] = f'"{outline}"'
            attrs["penwidth"] = "3"
        if number is not None:
            self.line(1, f"{source} -> {dot_id(f'to:{number}')} [{self.attrs(attrs)}]")
            attrs.pop("label", None)
            self.line(1, f"{dot_id(f'from:{number}')} -> {target} [{self.attrs(attrs)}]")
            return
        waypoints = self.waypoints.get(edge.id, [])
        if not waypoints:
            self.line(1, f"{source} -> {target} [{self.attrs(attrs)}]")
            return
        # Through a point in every column on the way, the label on the first stretch.
        stops = [source, *(dot_id(w) for w in waypoints), target]
        for index, (tail, head) in enumerate(zip(stops, stops[1:])):
            piece = dict(attrs)
            if index:
                piece.pop("label", None)
            if head != target:
                piece["arrowhead"] = "none"
            self.line(1, f"{tail} -> {head} [{self.attrs(piece)}]")

    def edge_rows(self, edge: Edge) -> list[str]:
        """The lines of a transition's label as plain text, for its estimated size."""
        t = edge.transition
        rows = [f"[{line}]" for line in wrap(_short(t.when), DETAIL_WIDTH)] if t.when else []
        if t.handoff is not None:
            rows += wrap(_short(_handoff_text(t.handoff, self.words)), DETAIL_WIDTH)
        return rows

    def entry_attrs(self, tp_id: str) -> str:
        attrs = f"tooltip={dot_tooltip(self.words['entry'])}"
        if self.layout.crosses_rows(f"entry:{tp_id}", tp_id):
            attrs += ", constraint=false"
        return attrs

    # -- helpers ------------------------------------------------------------------

    def line(self, depth: int, text: str) -> None:
        self.out.append(("  " * (depth + self.base) + text) if text else "")

    @staticmethod
    def attrs(values: dict[str, str]) -> str:
        return ", ".join(f"{key}={value}" for key, value in values.items())


_DARK_FILLS = frozenset(EMOTION_COLORS[level] for level in DARK_EMOTION_CLASSES)


def _overlay(view: JourneyView):
    """What ``--evidence`` draws over the diagram (nothing without it)."""
    from journeyctl.outputs.render.evidence_overlay import NO_OVERLAY, flow_overlay

    return flow_overlay(view.evidence, view.shown_ids, view.words) if view.evidence is not None else NO_OVERLAY


def _short(text: str) -> str:
    return shorten(text, TEXT_LIMIT)


def _element(tag: str, content: str) -> str:
    """``<TAG>content</TAG>``; Graphviz rejects an element with nothing (or only spaces) in it."""
    if not content.strip(" "):
        return "&#160;"
    name = tag.split(" ", 1)[0]
    return f"<{tag}>{content}</{name}>"


#: An invisible node that only holds a place.
_POINT = 'shape=point, style=invis, width=0, height=0, label=""'


def _handoff_text(handoff, words: Words) -> str:
    carries = ", ".join(one_line(c) for c in handoff.carries) or words["nothing"]
    text = f"⇢ {carries}"
    if handoff.sla:
        text += f" · {words['sla']} {one_line(handoff.sla)}"
    return text


def _touchpoint_details(tp: Touchpoint, words: Words) -> str:
    parts = [tp.name]
    for key, value in (("description", tp.description), ("action", tp.action), ("thought", tp.thought)):
        if value:
            parts.append(f"{words[f'diagram.{key}']}: {value}")
    parts += [
        words.text("diagram.pain_point", severity=words[f"severity.{p.severity.value}"], summary=p.summary)
        for p in tp.pain_points
    ]
    return "\n".join(parts)


def _tooltip(text: str, findings) -> str:
    lines = [text] + [f"{f.code} {f.rule}: {f.message}" for f in findings]
    return "\n".join(lines)
