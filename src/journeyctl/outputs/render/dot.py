"""Graphviz DOT for a journey, written as text (no Graphviz needed to produce it).

Layout, left to right:

- one cluster per stage, in stage order. An invisible anchor at the left of each stage
  points at every touchpoint of the stage, and every touchpoint points at the next
  stage's anchor, so no touchpoint can drift into a neighbouring stage's columns.
  Transitions back to an earlier stage (rework loops) do not constrain the layout.
- inside a stage, the touchpoints above the line of visibility (customer and frontstage)
  sit in one sub-cluster and those below it (backstage and support) in a shaded one. The
  two sub-clusters have anchors in the same column joined by an invisible same-rank edge,
  which makes Graphviz put the visible one on top.
- shapes: decision points are diamonds; an entry has a black start dot in front of it;
  an end has a double border, solid for ``success`` and dashed for any other end; a
  cross-journey link is a note. Customer steps have rounded corners.
- fill: the touchpoint's emotion on ColorBrewer's RdBu scale (seven classes, colour-blind
  safe), normalised to the journey's ``emotion_scale``; an emotion given per persona fills
  with the personas' mean (with ``--persona``, that persona's), and the label lists each
  persona's number. With ``--highlight-findings``, an
  element with lint findings is outlined in the colour of its most severe finding. The
  legend labels every fill and outline colour the diagram uses.
- handoff edges are bold and dashed, labelled with what they carry and their SLA; branch
  conditions label their edges.

Labels are HTML-like labels with every character of map text escaped, so any script and
any punctuation survives and the DOT is always accepted by ``dot``. The diagram's own words
(legend, lane and line names, severities, end words) are in the map's ``language``
(:mod:`journeyctl.text.words`).

Which column each node goes in is worked out in :mod:`journeyctl.outputs.render.layout`; svg, png
and pdf come from running Graphviz in :mod:`journeyctl.outputs.render.graphviz_run`.
"""

from __future__ import annotations

from journeyctl.analysis.graph import Edge
from journeyctl.model import Lane, Stage, Touchpoint
from journeyctl.outputs.render.layout import BLUEPRINT_LINES, Column, empty_stage_name, lay_out, separator_name
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
#: Characters of one map text (a name, a condition, what a handoff carries…) in a label.
#: Longer text is shortened: a label must stay within the 16,384 characters Graphviz
#: reads in one string even when every character is escaped, and the tooltip has it all.
TEXT_LIMIT = 300


def render_dot(view: JourneyView, *, highlight_findings: bool = False) -> str:
    """The DOT text of the journey."""
    return _DotWriter(view, highlight_findings).write()


class _DotWriter:
    def __init__(self, view: JourneyView, highlight_findings: bool) -> None:
        self.view = view
        self.words = view.words
        self.highlight = highlight_findings
        self.out: list[str] = []
        self.layout = lay_out(view)
        self.overlay = _overlay(view)

    # -- document -----------------------------------------------------------------

    def write(self) -> str:
        view = self.view
        journey = view.journey
        self.line(0, f"digraph {dot_id(journey.id)} {{")
        self.line(1, f"graph [{self.attrs(self.graph_attrs())}]")
        self.line(1, f'node [fontname="{FONT}", fontsize=10, shape=box, style="filled", '
                     f'fillcolor="{NO_EMOTION_COLOR}", color="{INK}", fontcolor="#000000", margin="0.12,0.06"]')
        self.line(1, f'edge [fontname="{FONT}", fontsize=9, color="{INK}", fontcolor="#252525", arrowsize=0.7]')
        for index, stage in enumerate(journey.stages):
            self.stage_cluster(index, stage)
        for target in view.external_targets:
            self.external_node(target)
        self.legend()
        self.line(0, "")
        for tp in view.touchpoints:
            if tp.entry:
                self.line(1, f"{dot_id(f'entry:{tp.id}')} -> {dot_id(tp.id)} [tooltip={dot_tooltip(self.words['entry'])}]")
        for edge in view.edges:
            self.transition(edge)
        for source, target, attrs in self.overlay.undocumented:
            self.line(1, f"{dot_id(source)} -> {dot_id(target)} [{self.attrs(attrs)}]")
        self.layout_constraints()
        self.line(0, "}")
        return "\n".join(self.out) + "\n"

    def graph_attrs(self) -> dict[str, str]:
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
        sub = "".join(f'<BR/><FONT POINT-SIZE="10">{dot_html(_short(d))}</FONT>' for d in details)
        return {
            "rankdir": "LR",
            "newrank": "true",
            # The second crossing-minimisation pass over all clusters ignores the
            # same-rank edges that keep the lanes in order.
            "remincross": "false",
            "fontname": f'"{FONT}"',
            "label": f"<{title}{sub}>",
            "labelloc": "t",
            "labeljust": "l",
            "nodesep": "0.3",
            "ranksep": "0.45",
            "pad": "0.3",
            "tooltip": dot_tooltip(one_line(journey.title)),
        }

    # -- stages and lanes ---------------------------------------------------------

    def stage_cluster(self, index: int, stage: Stage) -> None:
        view = self.view
        findings = view.findings_for(f"stage:{stage.id}") if self.highlight else []
        outline = self.outline(f"stage:{stage.id}")
        attrs = {
            "label": f"<{_element('B', f'{index + 1}. {dot_html(_short(stage.name))}')}>",
            "style": '"rounded"',
            "color": f'"{outline}"' if outline else '"#969696"',
            "penwidth": "3" if outline else "1",
            "fontsize": "12",
            "labeljust": "l",
            "tooltip": dot_tooltip(_tooltip(stage.description or stage.name, findings)),
        }
        self.line(1, f"subgraph {dot_id(f'cluster_stage_{index}')} {{")
        self.line(2, f"graph [{self.attrs(attrs)}]")
        touchpoints = view.stage_touchpoints(stage)
        if not touchpoints:
            self.line(2, f'{dot_id(empty_stage_name(index))} [shape=plaintext, style="", '
                         f'label=<<I>{dot_html(self.words["diagram.no_touchpoints"])}</I>>, fontcolor="#737373"]')
        for tp in touchpoints:
            self.touchpoint(tp, 2)
        for column in self.layout.stage_columns[index]:
            self.column(column)
        self.line(1, "}")

    def column(self, column: Column) -> None:
        """One column of a stage: its separators, and all of it in one rank."""
        names = []
        for line in BLUEPRINT_LINES:
            if column.has_line(line):
                name = separator_name(column.number, line)
                names.append(name)
                attrs = 'shape=point, style=invis, width=0, height=0, label=""'
                if line == "visibility" and column.number == 0:
                    # The line starts at its own name.
                    attrs = ('shape=plaintext, style="", margin=0, width=0, height=0, fontsize=8, '
                             f'fontcolor="{LINE_COLOR}", label=<<I>{dot_html(self.words["line_of_visibility"])}</I>>')
                self.line(2, f"{dot_id(name)} [{attrs}]")
        members = " ".join(f"{dot_id(n)};" for n in [*names, *column.members()])
        self.line(2, f"{{ rank=same; {members} }}")
        # Declared inside the stage's cluster, or Graphviz ignores them when it orders the
        # cluster's nodes. In a left-to-right layout a same-rank edge's tail goes below its
        # head, so each edge points upwards.
        for upper, lower in column.stacking():
            self.line(2, f"{dot_id(lower)} -> {dot_id(upper)} [style=invis]")

    def layout_constraints(self) -> None:
        """The line of visibility through every column, then the legend to its right."""
        self.line(0, "")
        columns = [c for stage in self.layout.stage_columns for c in stage]
        for left, right in zip(columns, columns[1:]):
            self.line(1, f"{dot_id(separator_name(left.number, 'visibility'))} -> "
                         f"{dot_id(separator_name(right.number, 'visibility'))} "
                         f'[style=dashed, color="{LINE_COLOR}", penwidth=1.2, arrowhead=none, weight=1000, '
                         f'tooltip={dot_tooltip(self.words["line_of_visibility"])}]')
        if columns:
            self.line(1, f"{dot_id(separator_name(columns[-1].number, 'visibility'))} -> \"legend:\" [style=invis]")

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

    def touchpoint_label(self, tp: Touchpoint) -> str:
        rows = [_element("B", dot_html_lines(wrap(_short(tp.name), NAME_WIDTH)))]
        where = " · ".join(part for part in (tp.channel, tp.owner) if part)
        role = self.words[f"lane.{tp.lane.value}"] if not tp.lane.visible else ""
        details = " · ".join(part for part in (role, where) if part)
        if details:
            rows.append(f'<FONT POINT-SIZE="8">{dot_html(_short(details))}</FONT>')
        emotion = self.emotion_lines(tp)
        if emotion:
            rows.append(f'<FONT POINT-SIZE="8">{dot_html_lines(emotion)}</FONT>')
        words = self.words
        if tp.pain_points:
            count = words.counted(len(tp.pain_points), "count.pain_point")
            severity = words[f"severity.{highest_severity(tp.pain_points).value}"]
            rows.append(f'<FONT POINT-SIZE="8"><B>⚠ {dot_html(count)} · {dot_html(severity)}</B></FONT>')
        if tp.end is not None:
            mark = "✔" if tp.end == "success" else "✖"
            end = words.text("diagram.end_value", end=end_word(words, tp.end))
            rows.append(f'<FONT POINT-SIZE="8">{mark} {dot_html(_short(end))}</FONT>')
        return "<BR/>".join(rows)

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

    def external_node(self, target: ExternalTarget) -> None:
        words = self.words
        continues = words["continues_in_journey"]
        label = f'<FONT POINT-SIZE="8">{dot_html(continues)}</FONT><BR/>{_element("B", dot_html(_short(target.journey)))}'
        if target.touchpoint:
            at = words.text("at_touchpoint", touchpoint=_short(target.touchpoint))
            label += f'<BR/><FONT POINT-SIZE="8">{dot_html(at)}</FONT>'
        tooltip = f"{continues} {target.key}"
        self.line(1, f"{dot_id(f'journey:{target.key}')} [shape=note, style=\"filled,dashed\", "
                     f"fillcolor=\"#ffffff\", label=<{label}>, tooltip={dot_tooltip(tooltip)}]")

    def outline(self, element: str) -> str | None:
        """The outline colour of ``element`` when findings are highlighted and it has some."""
        if not self.highlight:
            return None
        severity = self.view.finding_severity(element)
        return FINDING_COLORS[severity] if severity is not None else None

    def legend(self) -> None:
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
        keys = [words[f"diagram.legend_{key}"]
                for key in ("entry", "end", "lanes", "visibility", "pain_points", "handoff", "branch")]
        rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT"><B>{dot_html(words["legend"])}</B></TD></TR>']
        for title, cells in ((dot_html(words["emotion"]), swatches), (dot_html(words["diagram.lint_findings"]), outlines)):
            if cells:
                # Each row of colours is a table of its own, so the rows' cells do not
                # share widths.
                inner = f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="3"><TR>{"".join(cells)}</TR></TABLE>'
                rows.append(f'<TR><TD ALIGN="LEFT">{title}</TD><TD ALIGN="LEFT" CELLPADDING="0">{inner}</TD></TR>')
        rows += [f'<TR><TD COLSPAN="2" ALIGN="LEFT">{dot_html(key)}</TD></TR>' for key in keys]
        table = f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">{"".join(rows)}</TABLE>'
        self.line(1, f'"legend:" [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#bdbdbd", '
                     f'fontsize=8, margin="0.1,0.05", label=<{table}>, tooltip={dot_tooltip(words["legend"].lower())}]')

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
            carries = ", ".join(one_line(c) for c in t.handoff.carries) or self.words["nothing"]
            text = f"⇢ {carries}"
            if t.handoff.sla:
                text += f" · {self.words['sla']} {one_line(t.handoff.sla)}"
            rows.append(dot_html_lines(wrap(_short(text), DETAIL_WIDTH)))
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
        if (edge.source, t.to) in self.layout.backward:
            attrs["constraint"] = "false"
        attrs.update(self.overlay.edges.get((edge.source, t.to), {}))
        outline = self.outline(f"transition:{edge.id}")
        if outline:
            attrs["color"] = f'"{outline}"'
            attrs["penwidth"] = "3"
        self.line(1, f"{source} -> {target} [{self.attrs(attrs)}]")

    # -- helpers ------------------------------------------------------------------

    def line(self, depth: int, text: str) -> None:
        self.out.append(("  " * depth + text) if text else "")

    @staticmethod
    def attrs(values: dict[str, str]) -> str:
        return ", ".join(f"{key}={value}" for key, value in values.items())


_DARK_FILLS = frozenset(EMOTION_COLORS[level] for level in DARK_EMOTION_CLASSES)


def _overlay(view: JourneyView):
    """What ``--evidence`` draws over the diagram (nothing without it)."""
    from journeyctl.outputs.render.evidence_overlay import NO_OVERLAY, flow_overlay

    return flow_overlay(view.evidence, view.shown_ids) if view.evidence is not None else NO_OVERLAY


def _short(text: str) -> str:
    return shorten(text, TEXT_LIMIT)


def _element(tag: str, content: str) -> str:
    """``<TAG>content</TAG>``; Graphviz rejects an element with nothing (or only spaces) in it."""
    if not content.strip(" "):
        return "&#160;"
    name = tag.split(" ", 1)[0]
    return f"<{tag}>{content}</{name}>"


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
