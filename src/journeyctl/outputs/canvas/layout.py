"""The journey canvas as a layout: sheets of columns, rows of cells, the emotion curve.

Computed once from a :class:`~journeyctl.outputs.render.view.JourneyView`; the HTML and
SVG writers only draw it. Columns are touchpoints: stages in order, each stage's
touchpoints in path order (the journey graph's topological order within the stage, file
order breaking ties and cycles). Rows are what the customer does, meets, thinks and
feels, the pain points and opportunities, then — below the lines of interaction,
visibility and internal interaction — what the organisation does, and last, given an event
log's evidence, what the log shows (*Observed*). A row with nothing in any column is left out.

A long journey is cut into sheets of at most :data:`SHEET_COLUMNS` columns, at stage
boundaries where that leaves no sheet more than half empty, so every sheet fits an A3 landscape page and the canvas
stays readable at slide width. Geometry is in CSS pixels and measured from the start
side (left, or right in a right-to-left canvas): writers mirror it when they draw.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from journeyctl.model import Lane, Touchpoint
from journeyctl.outputs.canvas.curve import COLUMN_WIDTH, Curve, emotion_curve, line_styles
from journeyctl.outputs.canvas.wording import language_of, right_to_left, words_for, words_of
from journeyctl.outputs.render.view import JourneyView, format_number
from journeyctl.text.wording import duration, percent

#: Width of the row headers, in CSS pixels (a column's is the curve's COLUMN_WIDTH).
HEADER_WIDTH = 150
#: Columns per sheet: 150 + 6 × 220 = 1,470 px fits A3 landscape (1,512 px inside 10 mm margins).
SHEET_COLUMNS = 6
@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a block's text; ``isolated`` (numbers, ids) keeps its own direction."""

    text: str
    isolated: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of a cell: ``kind`` says how it looks (title, text, note, tag, mark,
    branch, quote), ``tone`` colours it (a severity, a MoSCoW priority, an end)."""

    kind: str
    spans: tuple[Span, ...]
    tone: str | None = None

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


def block(kind: str, *parts: str | Span, tone: str | None = None) -> Block:
    spans = tuple(p if isinstance(p, Span) else Span(p) for p in parts if p != "")
    return Block(kind, spans, tone)


@dataclass(frozen=True, slots=True)
class Cell:
    blocks: tuple[Block, ...] = ()
    #: the touchpoint id the cell describes (for tests and links), if any
    touchpoint: str | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """A row of the canvas: ``kind`` is ``cells``, ``line`` (a line of the blueprint) or
    ``feeling`` (the curve); ``key`` names it (``doing``, ``backstage``…)."""

    key: str
    kind: str
    title: str
    cells: tuple[Cell, ...] = ()
    #: the lane a cells row belongs to, for its tint
    lane: str | None = None


@dataclass(frozen=True, slots=True)
class Column:
    number: int
    touchpoint: Touchpoint


@dataclass(frozen=True, slots=True)
class StageSpan:
    number: int
    name: str
    first: int
    count: int
    #: the stage began on the sheet before
    continued: bool = False


@dataclass(frozen=True, slots=True)
class Sheet:
    columns: tuple[Column, ...]
    stages: tuple[StageSpan, ...]
    rows: tuple[Row, ...]
    curve: Curve | None

    @property
    def width(self) -> int:
        return HEADER_WIDTH + COLUMN_WIDTH * len(self.columns)


@dataclass(frozen=True, slots=True)
class LegendEntry:
    label: str
    color: str
    marker: str
    dash: str


@dataclass(slots=True)
class Canvas:
    title: str
    subtitle: str
    language: str
    rtl: bool
    words: dict[str, str]
    sheets: list[Sheet] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    description: str | None = None

    @property
    def width(self) -> int:
        return max((s.width for s in self.sheets), default=HEADER_WIDTH)


def path_order(view: JourneyView) -> list[Touchpoint]:
    """The shown touchpoints, stage by stage, each stage in path order.

    Within a stage, a touchpoint comes after those that lead to it (Kahn's algorithm over
    the transitions inside the stage); file order breaks ties, and a cycle is entered at
    its touchpoint that comes first in the file.
    """
    graph = view.graph
    order: list[Touchpoint] = []
    for stage in view.journey.stages:
        members = view.stage_touchpoints(stage)
        ids = {tp.id for tp in members}
        waiting = {tp.id: 0 for tp in members}
        for tp in members:
            for nxt in set(graph.successors(tp.id)):
                if nxt in ids and nxt != tp.id:
                    waiting[nxt] += 1
        file_rank = {tp.id: graph.order[tp.id] for tp in members}
        ready = [(file_rank[t], t) for t, count in waiting.items() if count == 0]
        heapq.heapify(ready)
        placed: set[str] = set()
        while len(placed) < len(members):
            if not ready:  # a cycle: enter it where the file does
                first = min((file_rank[t], t) for t in waiting if t not in placed)
                ready.append(first)
            _, current = heapq.heappop(ready)
            if current in placed:
                continue
            placed.add(current)
            order.append(graph.touchpoints[current])
            for nxt in set(graph.successors(current)):
                if nxt in ids and nxt not in placed and nxt != current:
                    waiting[nxt] -= 1
                    if waiting[nxt] == 0:
                        heapq.heappush(ready, (file_rank[nxt], nxt))
    return order


def build_canvas(view: JourneyView) -> Canvas:
    """The canvas of ``view``: its sheets, rows, cells and curves."""
    return _Builder(view).build()


class _Builder:
    def __init__(self, view: JourneyView) -> None:
        self.view = view
        self.journey = view.journey
        self.doc = view.doc
        self.words = words_for(self.journey)
        self.rtl = right_to_left(self.journey)
        self.order = path_order(view)
        self.numbers = {tp.id: n for n, tp in enumerate(self.order, 1)}
        self.stage_numbers = {s.id: n for n, s in enumerate(self.journey.stages, 1)}
        self.pain_owner = {p.id: tp.id for tp in self.journey.touchpoints for p in tp.pain_points}
        self.roadmap_for: dict[str, list] = {}
        for item in self.journey.roadmap:
            seen = []
            for ref in item.addresses:
                target = self.pain_owner.get(ref, ref)
                if target not in seen:
                    seen.append(target)
                    self.roadmap_for.setdefault(target, []).append(item)

    # -- the whole -----------------------------------------------------------------

    def build(self) -> Canvas:
        words = self.words
        journey = self.journey
        reviewed = journey.reviewed.isoformat() if journey.reviewed else words["never"]
        subtitle = " · ".join([
            words[f"state_{journey.state.value}"], f"{words['reviewed']}: {reviewed}",
            words_of(journey).counted(len(self.order), "count.touchpoint"),
        ])
        if self.view.persona is not None:
            subtitle = f"{words['persona']}: {self.view.persona.name} · {subtitle}"
        canvas = Canvas(
            title=journey.title, subtitle=subtitle, language=language_of(journey), rtl=self.rtl,
            words=words, description=journey.description,
        )
        series = line_styles(self.view.persona, self.doc.journey_personas, self.words["every_customer"])
        canvas.legend = [LegendEntry(s.label, s.color, s.marker, s.dash) for s in series]
        all_rows = self.rows(self.order)
        keep = {row.key for row in all_rows if row.kind != "cells" or any(c.blocks for c in row.cells)}
        keep = self.lines_kept(keep)
        for columns, stages in self.sheets():
            rows = tuple(self.sheet_row(row, columns) for row in all_rows if row.key in keep)
            curve = emotion_curve(journey.emotion_scale, [c.touchpoint for c in columns], series) if "feeling" in keep else None
            canvas.sheets.append(Sheet(tuple(columns), tuple(stages), rows, curve))
        return canvas

    def lines_kept(self, keep: set[str]) -> set[str]:
        """The lines of the blueprint that separate rows which are both shown."""
        above = {"doing", "touchpoint", "thinking", "feeling", "pain_points", "opportunities"}
        lanes = ["frontstage", "backstage", "support"]
        kept = set(keep)
        for line, below in (
            ("line_of_interaction", lanes), ("line_of_visibility", lanes[1:]),
            ("line_of_internal_interaction", lanes[2:]),
        ):
            if keep & set(below) and keep & above:
                kept.add(line)
            else:
                kept.discard(line)
        return kept

    def sheets(self) -> list[tuple[list[Column], list[StageSpan]]]:
        """Columns cut into sheets: whole stages where they fit, long stages split."""
        sheets: list[tuple[list[Column], list[StageSpan]]] = []
        columns: list[Column] = []
        stages: list[StageSpan] = []
        for stage in self.journey.stages:
            members = [Column(self.numbers[tp.id], tp) for tp in self.order if tp.stage == stage.id]
            if not members:
                continue
            room = SHEET_COLUMNS - len(columns)
            # A stage that does not fit starts a new sheet, unless that would leave more
            # than half of this one empty: then it is split.
            if columns and len(members) > room and len(members) <= SHEET_COLUMNS and room <= SHEET_COLUMNS // 2:
                sheets.append((columns, stages))
                columns, stages = [], []
            continued = False
            while members:
                room = SHEET_COLUMNS - len(columns)
                part, members = members[:room], members[room:]
                stages.append(StageSpan(self.stage_numbers[stage.id], stage.name, len(columns), len(part), continued))
                columns.extend(part)
                continued = True
                if members or len(columns) == SHEET_COLUMNS:
                    sheets.append((columns, stages))
                    columns, stages = [], []
        if columns:
            sheets.append((columns, stages))
        return sheets

    @staticmethod
    def sheet_row(row: Row, columns: list[Column]) -> Row:
        if row.kind != "cells":
            return row
        # a row holds one cell per column in column order, and a sheet's columns are consecutive
        first = columns[0].number - 1
        cells = row.cells[first:first + len(columns)]
        return Row(row.key, row.kind, row.title, cells, row.lane)

    # -- rows ----------------------------------------------------------------------

    def rows(self, order: list[Touchpoint]) -> list[Row]:
        w = self.words

        def cells(make) -> tuple[Cell, ...]:
            return tuple(Cell(tuple(make(tp)), tp.id) for tp in order)

        visible = (Lane.CUSTOMER, Lane.FRONTSTAGE)
        return [
            Row("doing", "cells", w["doing"], cells(lambda tp: self.paragraphs("text", tp.action)), "customer"),
            Row("touchpoint", "cells", w["touchpoint"],
                cells(lambda tp: self.touchpoint(tp) if tp.lane in visible else []), "customer"),
            Row("thinking", "cells", w["thinking"], cells(lambda tp: self.paragraphs("quote", tp.thought)), "customer"),
            Row("feeling", "feeling", w["feeling"]),
            Row("pain_points", "cells", w["pain_points"], cells(self.pain_points), "customer"),
            Row("opportunities", "cells", w["opportunities"], cells(self.opportunities), "customer"),
            Row("line_of_interaction", "line", w["line_of_interaction"]),
            Row("frontstage", "cells", w["frontstage"], cells(self.frontstage), "frontstage"),
            Row("line_of_visibility", "line", w["line_of_visibility"]),
            Row("backstage", "cells", w["backstage"],
                cells(lambda tp: self.touchpoint(tp) if tp.lane is Lane.BACKSTAGE else []), "backstage"),
            Row("line_of_internal_interaction", "line", w["line_of_internal_interaction"]),
            Row("support", "cells", w["support"],
                cells(lambda tp: self.touchpoint(tp) if tp.lane is Lane.SUPPORT else []), "support"),
            Row("handoffs", "cells", w["handoffs"], cells(self.handoffs), "support"),
            Row("metrics", "cells", w["metrics"], cells(self.metrics), "support"),
            Row("observed", "cells", w["observed"], cells(self.observed), "observed"),
        ]

    @staticmethod
    def paragraphs(kind: str, text: str | None) -> list[Block]:
        if not text:
            return []
        return [block(kind, line.strip()) for line in text.splitlines() if line.strip()]

    def numbered(self, kind: str, tp: Touchpoint, tone: str | None = None) -> Block:
        return block(kind, Span(f"{self.numbers[tp.id]}.", True), " ", tp.name, tone=tone)

    def touchpoint(self, tp: Touchpoint) -> list[Block]:
        w = self.words
        out = [self.numbered("title", tp)]
        if tp.channel:
            out.append(block("tag", self.view.channel_name(tp.channel) or tp.channel))
        if tp.lane not in (Lane.CUSTOMER, Lane.FRONTSTAGE) and tp.owner:
            out.append(block("note", f"{w['owner']}: ", self.team(tp.owner)))
        if tp.entry:
            out.append(block("mark", f"▶ {w['entry']}", tone="entry"))
        if tp.decision:
            out.append(block("mark", f"◆ {w['decision']}", tone="decision"))
        if tp.end is not None:
            word = w.get(tp.end, tp.end) if tp.end in ("success", "abandoned") else tp.end
            tone = tp.end if tp.end in ("success", "abandoned") else "end"
            symbol = {"success": "✔", "abandoned": "✖"}.get(tp.end, "■")
            out.append(block("mark", f"{symbol} {w['end']}: {word}", tone=tone))
        out += self.branches(tp)
        if tp.description:
            out += self.paragraphs("note", tp.description)
        if tp.lane not in (Lane.CUSTOMER, Lane.FRONTSTAGE) and tp.resources:
            out.append(block("note", f"{w['resources']}: {', '.join(tp.resources)}"))
        return out

    def branches(self, tp: Touchpoint) -> list[Block]:
        """Where the customer goes next, when it is not simply the next column: every
        branch of a decision or a conditional transition, and continuations elsewhere."""
        arrow = "←" if self.rtl else "→"
        edges = self.view.graph.outgoing[tp.id]
        shown = [e for e in edges if e.target is None or e.target in self.view.shown_ids]
        plain_next = len(shown) == 1 and shown[0].target is not None and not shown[0].transition.when
        out = []
        for edge in shown:
            t = edge.transition
            condition = f"{t.when}: " if t.when else ""
            if edge.target is None:
                where: list[str | Span] = [Span(t.journey, True)]
                if t.touchpoint:
                    before, _, after = self.words["at_touchpoint"].partition("{touchpoint}")
                    where += [f" {before}", Span(t.touchpoint, True), after]
                out.append(block("branch", condition, f"↪ {self.words['continues_in']} ", *where, tone="external"))
            elif not plain_next:
                target = self.view.graph.touchpoints[edge.target]
                out.append(block("branch", condition, f"{arrow} ", Span(f"{self.numbers[target.id]}.", True),
                                 " ", target.name))
        return out

    def pain_points(self, tp: Touchpoint) -> list[Block]:
        out = []
        for pain in sorted(tp.pain_points, key=lambda p: -p.severity.rank):
            out.append(block("tag", self.words[pain.severity.value], tone=pain.severity.value))
            out.append(block("title", pain.summary))
            for evidence in pain.evidence_list:
                out.append(block("note", f"{self.words['evidence']}: {evidence.strip()}"))
        return out

    def opportunities(self, tp: Touchpoint) -> list[Block]:
        out = []
        for item in self.roadmap_for.get(tp.id, []):
            facts = [self.words[item.priority.value], self.words[item.status.value]]
            if item.milestone:
                facts.append(str(item.milestone))
            out.append(block("tag", " · ".join(facts), tone=item.priority.value))
            out.append(block("title", item.title))
        return out

    def frontstage(self, tp: Touchpoint) -> list[Block]:
        if tp.lane is not Lane.FRONTSTAGE:
            return []
        out = []
        if tp.owner:
            out.append(block("title", self.team(tp.owner)))
        if tp.resources:
            out.append(block("note", f"{self.words['resources']}: {', '.join(tp.resources)}"))
        return out

    def handoffs(self, tp: Touchpoint) -> list[Block]:
        out = []
        graph = self.view.graph
        arrow = "←" if self.rtl else "→"
        for edge in graph.outgoing[tp.id]:
            handoff = edge.transition.handoff
            if handoff is None or (edge.target is not None and edge.target not in self.view.shown_ids):
                continue
            source = self.team(tp.owner) if tp.owner else tp.name
            if edge.target is not None:
                target_tp = graph.touchpoints[edge.target]
                target = self.team(target_tp.owner) if target_tp.owner else target_tp.name
                number = Span(f"{self.numbers[target_tp.id]}.", True)
                out.append(block("title", source, f" {arrow} ", target, " (", number, ")"))
            else:
                out.append(block("title", source, f" {arrow} ", Span(edge.transition.journey, True)))
            carries = ", ".join(handoff.carries) or self.words["nothing"]
            out.append(block("text", f"{self.words['carries']}: {carries}"))
            if handoff.sla:
                out.append(block("tag", f"{self.words['sla']} {handoff.sla}", tone="sla"))
        return out

    def metrics(self, tp: Touchpoint) -> list[Block]:
        return [
            block("text", f"{key}: ", Span(format_number(value) if isinstance(value, (int, float))
                                            and not isinstance(value, bool) else str(value), True))
            for key, value in tp.metrics.items()
        ]

    def observed(self, tp: Touchpoint) -> list[Block]:
        """What the event log shows of ``tp`` (with ``--evidence``): its cases; its visits
        when some cases came back; its drop-offs; the channels customers used when some
        were not the mapped one; how long its handoffs took against their SLA."""
        evidence = self.view.evidence
        if evidence is None:
            return []
        seen = evidence.touchpoint(tp.id)
        if seen is None or not seen.cases:
            return [block("note", self.words["not_observed"])]
        counted = words_of(self.journey).counted
        out = [block("title", counted(seen.cases, "count.case"))]
        # what is as expected stays quiet: repeat visits, drop-offs and other channels speak
        if seen.visits > seen.cases:
            out.append(block("text", counted(seen.visits, "count.visit")))
        if seen.drop_offs:
            drop_offs = f"↘ {counted(seen.drop_offs, 'count.drop_off')} ({percent(seen.drop_off_rate)})"
            out.append(block("tag", drop_offs, tone="warning"))
        elsewhere = sum(c.events for c in seen.channels if c.channel != seen.channel)
        if elsewhere:
            used = ", ".join(f"{self.view.channel_name(c.channel) or c.channel} ({c.events})" for c in seen.channels)
            out.append(block("note", f"{self.words['channels_used']}: {used}"))
            if seen.channel:
                share = percent(elsewhere / sum(c.events for c in seen.channels))
                out.append(block("mark", "⚠ " + self.words["off_mapped_channel"].format(share=share), tone="warning"))
        out += self.observed_handoffs(tp)
        return out

    def observed_handoffs(self, tp: Touchpoint) -> list[Block]:
        """The handoffs of ``tp`` the handoffs row shows, with their observed timing."""
        out = []
        arrow = "←" if self.rtl else "→"
        for edge in self.view.graph.outgoing[tp.id]:
            handoff = edge.transition.handoff
            if handoff is None or edge.target is None or edge.target not in self.view.shown_ids:
                continue
            seen = self.view.evidence.transition(tp.id, edge.target)
            target = Span(f"{self.numbers[edge.target]}.", True)
            if seen is None or not seen.count:
                out.append(block("note", f"{arrow} ", target, f" {self.words['not_observed']}"))
                continue
            timing = " · ".join([self.words["median"].format(duration=duration(seen.median_seconds)),
                                 self.words["p90"].format(duration=duration(seen.p90_seconds))])
            out.append(block("text", f"{arrow} ", target, f" {timing}"))
            if seen.over_sla_rate is not None and handoff.sla:
                words = self.words["over_sla"].format(share=percent(seen.over_sla_rate), sla=handoff.sla)
                out.append(block("tag", words, tone="warning" if seen.over_sla_rate else "sla"))
        return out

    def team(self, team_id: str) -> str:
        team = self.doc.teams.get(team_id)
        return team.name if team is not None else team_id
