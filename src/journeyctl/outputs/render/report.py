"""The Markdown report of a journey, readable on GitHub without any other tool.

Sections, in order: title and metadata; the canvas (an image of the SVG written beside
the report, when there is one); personas; the map (a Mermaid flowchart, with
lint findings outlined); the stages, one table each (touchpoint with its description,
what the customer does and thinks there, lane, channel, owner, emotion, pain points); the
emotion curve (a Mermaid ``xychart-beta`` line per persona);
pain points by severity with their evidence; handoffs; the roadmap by MoSCoW priority;
the paths summary; the lint findings; outcomes, resources and metrics per touchpoint.

Touchpoints are numbered in stage order; the stage tables and the x-axis of the emotion
curves show the numbers with the names (shortened on the axis, where long names would
not fit).

All map text is escaped for Markdown (:func:`~journeyctl.text.escape.markdown_inline`),
so table cells, headings and list items stay what they are whatever the map says.

The report's own words come in the map's ``language`` (:mod:`journeyctl.text.words`); in a
right-to-left language, numbers, numbered headings and ids are isolated left to right
(:func:`~journeyctl.text.escape.left_to_right`). An emotion given per persona is listed per
persona in the stage tables and drawn on each persona's curve.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from journeyctl.analysis.paths import PathReport, analyse_paths, format_emotion
from journeyctl.model import Persona, Priority, Severity, Touchpoint
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Finding
from journeyctl.outputs.render.mermaid import flowchart
from journeyctl.outputs.render.view import JourneyView, end_word, format_number, highest_severity, make_view
from journeyctl.text.escape import left_to_right, markdown_code, markdown_inline, mermaid_text, one_line, shorten
from journeyctl.text.words import words_for

if TYPE_CHECKING:
    from journeyctl.evidence.results import Evidence

#: Paths listed in the report (plus the longest and the worst, wherever they are);
#: ``journeyctl paths`` lists them all.
MAX_PATH_ROWS = 10
#: Characters of a touchpoint's number and name on the x-axis of an emotion curve.
AXIS_LABEL_WIDTH = 24



def render_report(
    doc: JourneyDoc, findings: Iterable[Finding] = (), canvas: str | None = None, evidence: Evidence | None = None,
) -> str:
    """The Markdown report of one journey with its lint ``findings``.

    ``canvas`` names the canvas SVG written beside the report (``<id>.canvas.svg``): the
    report shows it as an image after its header. Given an event log's ``evidence``, the
    report has a section on it.
    """
    view = make_view(doc, findings=findings)
    view.evidence = evidence
    return _Report(view, canvas).write()


def render_index(docs: list[JourneyDoc], findings: Iterable[Finding] = ()) -> str:
    """The index of a workspace's reports: one row per journey, linking ``<id>.md``.

    Its words are in the maps' language when they all name the same one, else in English.
    """
    findings = list(findings)
    languages = {doc.journey.language and words_for(doc.journey.language).language for doc in docs}
    words = words_for(languages.pop() if len(languages) == 1 else None)
    rows = []
    for doc in docs:
        journey = doc.journey
        count = sum(1 for f in findings if f.journey == journey.id)
        pains = sum(len(t.pain_points) for t in journey.touchpoints)
        rows.append([
            f"[{markdown_inline(journey.title)}]({journey.id}.md)",
            markdown_code(journey.id),
            _team(doc, journey.owner),
            words[f"journey_status.{journey.status.value}"],
            words[f"journey_state_short.{journey.state.value}"],
            journey.reviewed.isoformat() if journey.reviewed else "–",
            str(len(journey.touchpoints)),
            str(pains),
            str(count),
        ])
    out = [f"# {words['report.index_title']}\n\n{words.counted(len(docs), 'count.journey')}.\n"]
    out.append(_table(
        [words[k] for k in ("report.journey", "report.id", "owner", "report.status", "report.state",
                            "report.reviewed", "report.touchpoints", "pain_points", "report.findings")],
        rows,
    ))
    return "\n".join(out)


class _Report:
    def __init__(self, view: JourneyView, canvas: str | None = None) -> None:
        self.view = view
        self.words = view.words
        self.canvas_file = canvas
        self.doc = view.doc
        self.journey = view.journey
        self.numbers = {tp.id: n for n, tp in enumerate(view.in_stage_order, 1)}
        self.sections: list[str] = []

    def write(self) -> str:
        for section in (
            self.header, self.canvas, self.personas, self.map, self.stages, self.emotion_curve, self.pain_points,
            self.handoffs, self.roadmap, self.paths, self.evidence, self.findings, self.details,
        ):
            text = section()
            if text:
                self.sections.append(text)
        return "\n".join(self.sections)

    # -- sections -------------------------------------------------------------------

    def evidence(self) -> str:
        if self.view.evidence is None:
            return ""
        from journeyctl.outputs.evidence.as_markdown import evidence_markdown

        return evidence_markdown(self.view.evidence, heading="##", title=self.words["report.evidence"], words=self.words)

    def header(self) -> str:
        journey, words = self.journey, self.words
        scale = journey.emotion_scale
        out = [f"# {markdown_inline(journey.title)}\n"]
        if journey.description:
            out.append(f"{markdown_inline(journey.description)}\n")
        rows = [
            [words["report.id"], self.code(journey.id)],
            [words["owner"], _team(self.doc, journey.owner)],
            [words["report.status"], words[f"journey_status.{journey.status.value}"]],
            [words["report.state"], words[f"journey_state.{journey.state.value}"]],
            [words["report.reviewed"], journey.reviewed.isoformat() if journey.reviewed else words["report.never"]],
            [words["report.tags"], ", ".join(markdown_inline(t) for t in journey.tags) or "–"],
            [words["report.emotion_scale"], words.text(
                "emotion_scale_range", min=self.number(scale.min), max=self.number(scale.max),
                neutral=self.number(scale.neutral_value),
            )],
            [words["report.size"], ", ".join((
                words.counted(len(journey.stages), "count.stage"),
                words.counted(len(journey.touchpoints), "count.touchpoint"),
                words.counted(len(self.view.edges), "count.transition"),
            ))],
        ]
        out.append(_table(["", ""], rows))
        return "\n".join(out)

    def canvas(self) -> str:
        if self.canvas_file is None:
            return ""
        # a relative link to the file beside the report: GitHub shows the SVG inline
        target = self.canvas_file.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        heading = markdown_inline(self.words["report.canvas"])
        return f"## {heading}\n\n[![{heading}: {markdown_inline(self.journey.title)}]({target})]({target})\n"

    def personas(self) -> str:
        personas = self.doc.journey_personas
        out = [f"## {self.words['report.personas']}\n"]
        if not personas:
            out.append(f"{self.words['report.no_personas']}\n")
            return "\n".join(out)
        for persona in personas:
            out.append(self.persona(persona))
        return "\n".join(out)

    def persona(self, persona: Persona) -> str:
        words = self.words
        out = [f"### {markdown_inline(persona.name)}\n"]
        facts = [f"- **{words['report.id']}:** {self.code(persona.id)}"]
        if persona.segment:
            facts.append(f"- **{words['report.segment']}:** {markdown_inline(persona.segment)}")
        if persona.demographics:
            values = ", ".join(
                f"{markdown_inline(key)}: {markdown_inline(_scalar(value))}"
                for key, value in persona.demographics.items()
            )
            facts.append(f"- **{words['report.demographics']}:** {values}")
        if persona.preferred_channels:
            channels = ", ".join(self.channel(c) for c in persona.preferred_channels)
            facts.append(f"- **{words['report.preferred_channels']}:** {channels}")
        if persona.description:
            out.append(f"{markdown_inline(persona.description)}\n")
        out.append("\n".join(facts) + "\n")
        for title, items in (
            (words["report.goals"], persona.goals), (words["report.needs"], persona.needs),
            (words["report.frustrations"], persona.frustrations),
        ):
            if items:
                out.append(f"**{title}**\n\n" + "\n".join(f"- {markdown_inline(i)}" for i in items) + "\n")
        return "\n".join(out)

    def map(self) -> str:
        return (
            f"## {self.words['report.map']}\n\n{self.words['report.map_key']}\n\n"
            f"```mermaid\n{flowchart(self.view, highlight_findings=True)}```\n"
        )

    def stages(self) -> str:
        words = self.words
        out = [f"## {words['report.stages']}\n"]
        for index, stage in enumerate(self.journey.stages, 1):
            out.append(f"### {self.ltr(f'{index}.')} {markdown_inline(stage.name)}\n")
            if stage.description:
                out.append(f"{markdown_inline(stage.description)}\n")
            touchpoints = self.view.stage_touchpoints(stage)
            if not touchpoints:
                out.append(f"{words['report.no_touchpoints']}\n")
                continue
            rows = [
                [
                    str(self.numbers[tp.id]),
                    self.touchpoint_cell(tp),
                    markdown_inline(tp.action) if tp.action else "–",
                    markdown_inline(tp.thought) if tp.thought else "–",
                    words[f"lane.{tp.lane.value}"],
                    self.channel(tp.channel) if tp.channel else "–",
                    _team(self.doc, tp.owner),
                    self.emotion_cell(tp),
                    "<br>".join(
                        f"{markdown_inline(p.summary)} ({words[f'severity.{p.severity.value}']})"
                        for p in tp.pain_points
                    ) or "–",
                ]
                for tp in touchpoints
            ]
            out.append(_table(
                ["#", *(words[k] for k in ("touchpoint", "doing", "thinking", "report.lane", "channel", "owner",
                                           "report.emotion", "pain_points"))],
                rows,
            ))
        return "\n".join(out)

    def emotion_curve(self) -> str:
        words = self.words
        scale = self.journey.emotion_scale
        groups: dict[tuple[str, ...], list[str]] = {}
        personas = self.doc.journey_personas
        for persona in personas or [None]:
            view = make_view(self.doc, persona.id) if persona is not None else self.view
            points = tuple(
                (tp.id, emotion) for tp in view.in_stage_order if (emotion := view.emotion_of(tp)) is not None
            )
            groups.setdefault(points, []).append(persona.name if persona is not None else words["every_customer"])
        # Personas who feel the same at the same touchpoints share one chart.
        out = [
            f"## {words['report.emotion_curve']}\n",
            words.text("report.emotion_curve_intro", min=self.number(scale.min), max=self.number(scale.max)) + "\n",
        ]
        for points, names in groups.items():
            heading = " · ".join(markdown_inline(n) for n in names)
            out.append(f"### {heading}\n")
            if not points:
                out.append(f"{words['report.no_emotion_on_path']}\n")
                continue
            tps = [self.view.graph.touchpoints[t] for t, _ in points]
            title = mermaid_text(one_line(" · ".join(names)))
            axis = ", ".join(f'"{mermaid_text(axis_label(self.numbers[t.id], t.name))}"' for t in tps)
            values = ", ".join(format_number(emotion) for _, emotion in points)
            out.append(
                "```mermaid\nxychart-beta\n"
                f'    title "{title}"\n'
                f"    x-axis [{axis}]\n"
                f'    y-axis "{mermaid_text(words["report.emotion"])}" {format_number(scale.min)} --> '
                f"{format_number(scale.max)}\n"
                f"    line [{values}]\n```\n"
            )
        return "\n".join(out)

    def emotion_cell(self, tp: Touchpoint) -> str:
        """A touchpoint's emotion: its number, or each persona's (``Name: -2``, one a line)
        when it varies by persona and no persona is selected."""
        if tp.emotion_varies_by_persona and self.view.persona is None:
            return "<br>".join(
                f"{markdown_inline(self.persona_name(persona))}: {self.number(emotion)}"
                for persona, emotion in tp.emotion_by_persona().items()
            )
        emotion = self.view.emotion_of(tp)
        return self.number(emotion) if emotion is not None else "–"

    def persona_name(self, persona: str) -> str:
        known = self.doc.personas.get(persona)
        return known.name if known is not None else persona

    def pain_points(self) -> str:
        addressed_by: dict[str, list] = {}
        for item in self.journey.roadmap:
            for ref in item.addresses:
                addressed_by.setdefault(ref, []).append(item)
        words = self.words
        out = [f"## {words['pain_points']}\n"]
        pains = [(tp, p) for tp in self.view.in_stage_order for p in tp.pain_points]
        if not pains:
            out.append(f"{words['report.no_pain_points']}\n")
            return "\n".join(out)
        for severity in sorted(Severity, key=lambda s: -s.rank):
            group = [(tp, p) for tp, p in pains if p.severity is severity]
            if not group:
                continue
            out.append(f"### {words.capitalized(f'severity.{severity.value}')} ({self.ltr(str(len(group)))})\n")
            items = []
            for tp, pain in group:
                fixes = list({item.id: item for item in addressed_by.get(pain.id, []) + addressed_by.get(tp.id, [])}.values())
                fix_text = "; ".join(
                    f"{markdown_inline(item.title)} ({words[f'priority.{item.priority.value}']}, "
                    f"{words[f'status.{item.status.value}']})"
                    for item in fixes
                ) or f"**{words['report.not_addressed']}**"
                where = words.text("report.pain_point_at", touchpoint=self.touchpoint_ref(tp),
                                   id=self.code(pain.id), fixes=fix_text)
                lines = [f"- **{markdown_inline(pain.summary)}** — {where}"]
                lines += [f"  - {words['report.evidence']}: {markdown_inline(e)}" for e in pain.evidence_list]
                items.append("\n".join(lines))
            out.append("\n".join(items) + "\n")
        return "\n".join(out)

    def handoffs(self) -> str:
        words = self.words
        rows = []
        graph = self.view.graph
        for edge in self.view.edges:
            handoff = edge.transition.handoff
            if handoff is None:
                continue
            source = graph.touchpoints[edge.source]
            if edge.target is not None:
                target_tp = graph.touchpoints[edge.target]
                target = f"{self.touchpoint_ref(target_tp)}<br>{_team(self.doc, target_tp.owner)}"
            else:
                t = edge.transition
                target = words.text("report.journey_ref", journey=self.code(t.journey, table_cell=True))
                if t.touchpoint:
                    target += " " + words.text("at_touchpoint", touchpoint=self.code(t.touchpoint, table_cell=True))
            rows.append([
                f"{self.touchpoint_ref(source)}<br>{_team(self.doc, source.owner)}",
                target,
                markdown_inline(edge.transition.when) if edge.transition.when else "–",
                ", ".join(markdown_inline(c) for c in handoff.carries) or f"**{words['nothing']}**",
                markdown_inline(handoff.sla) if handoff.sla else "–",
                markdown_inline(handoff.note) if handoff.note else "–",
            ])
        out = [f"## {words['handoffs']}\n"]
        if not rows:
            out.append(f"{words['report.no_handoffs']}\n")
            return "\n".join(out)
        headers = ("report.from", "report.to", "report.when", "report.carries", "sla", "report.note")
        out.append(_table([words[k] for k in headers], rows))
        return "\n".join(out)

    def roadmap(self) -> str:
        words = self.words
        out = [f"## {words['report.roadmap']}\n"]
        if not self.journey.roadmap:
            out.append(f"{words['report.no_roadmap']}\n")
            return "\n".join(out)
        names = {tp.id: tp.name for tp in self.journey.touchpoints}
        names.update({p.id: p.summary for tp in self.journey.touchpoints for p in tp.pain_points})
        for priority in Priority:
            items = [item for item in self.journey.roadmap if item.priority is priority]
            if not items:
                continue
            out.append(f"### {words[f'priority_title.{priority.value}']} ({self.ltr(str(len(items)))})\n")
            rows = [
                [
                    f"**{markdown_inline(item.title)}**<br>{self.code(item.id, table_cell=True)}"
                    + (f"<br>{markdown_inline(item.description)}" if item.description else ""),
                    markdown_inline(item.milestone) if item.milestone else "–",
                    words[f"status.{item.status.value}"],
                    _team(self.doc, item.owner),
                    "<br>".join(
                        f"{markdown_inline(names.get(a, a))} ({self.code(a, table_cell=True)})" for a in item.addresses
                    )
                    or "–",
                ]
                for item in items
            ]
            headers = ("report.item", "report.milestone", "report.status", "owner", "report.addresses")
            out.append(_table([words[k] for k in headers], rows))
        return "\n".join(out)

    def paths(self) -> str:
        words = self.words
        report: PathReport = analyse_paths(self.view.graph)
        out = [f"## {words['report.paths']}\n"]
        count = len(report.paths)
        summary = words.text(
            "report.paths_summary", paths=words.counted(count, "count.path"),
            entries=words.counted(len(report.entries), "count.entry"),
        )
        longest, worst = report.longest, report.worst
        if longest is not None:
            summary += " " + words.text(
                "report.longest_path", number=self.ltr(str(longest + 1)),
                touchpoints=words.counted(report.paths[longest].length, "count.touchpoint"),
            )
        if worst is not None:
            path = report.paths[worst]
            summary += " " + words.text(
                "report.worst_path", number=self.ltr(str(worst + 1)),
                mean=self.ltr(format_emotion(path.mean_emotion)), lowest=self.ltr(format_emotion(path.min_emotion)),
            )
        if report.truncated:
            summary += f" The search {markdown_inline(report.truncated)}."
        out.append(summary + "\n")
        if not report.paths:
            return "\n".join(out)
        names = self.view.graph.touchpoints
        shown = sorted(set(range(min(count, MAX_PATH_ROWS))) | {i for i in (longest, worst) if i is not None})
        rows = []
        for index in shown:
            path = report.paths[index]
            number = index + 1
            flags = [
                words[key] for key, flagged in (("report.longest", longest), ("report.worst", worst)) if flagged == index
            ]
            rows.append([
                str(number) + (f" ({', '.join(flags)})" if flags else ""),
                " → ".join(markdown_inline(names[t].name) for t in path.touchpoints),
                self.outcome(path.outcome),
                str(path.length),
                str(path.channel_switches),
                str(path.handoffs),
                self.emotion(path.min_emotion),
                self.emotion(path.mean_emotion),
            ])
        headers = ("report.path", "report.outcome", "report.touchpoints", "report.channel_switches", "handoffs",
                   "report.lowest_emotion", "report.mean_emotion")
        out.append(_table(["#", *(words[k] for k in headers)], rows))
        if count > len(shown):
            out.append(words.text("report.more_paths", count=self.ltr(str(count - len(shown)))) + "\n")
        return "\n".join(out)

    def findings(self) -> str:
        words = self.words
        findings = self.view.findings
        out = [f"## {words['report.lint_findings']}\n"]
        if not findings:
            out.append(f"{words['report.no_findings']}\n")
            return "\n".join(out)
        rows = [
            [f.severity.label, f.code, markdown_inline(f.rule), str(f.line), markdown_inline(f.message)]
            for f in sorted(findings, key=Finding.sort_key)
        ]
        headers = ("report.severity", "report.code", "report.rule", "report.line", "report.message")
        out.append(_table([words[k] for k in headers], rows))
        return "\n".join(out)

    def details(self) -> str:
        rows = []
        for tp in self.view.in_stage_order:
            outcomes = tp.outcomes
            strengths = outcomes.strengths if outcomes else []
            weaknesses = outcomes.weaknesses if outcomes else []
            if not (tp.metrics or strengths or weaknesses or tp.resources):
                continue
            rows.append([
                self.touchpoint_ref(tp),
                "<br>".join(
                    f"{markdown_inline(key)}: {self.metric(value)}" for key, value in tp.metrics.items()
                ) or "–",
                "<br>".join(markdown_inline(s) for s in strengths) or "–",
                "<br>".join(markdown_inline(w) for w in weaknesses) or "–",
                "<br>".join(markdown_inline(r) for r in tp.resources) or "–",
            ])
        words = self.words
        out = [f"## {words['report.details']}\n"]
        if not rows:
            out.append(f"{words['report.none_recorded']}\n")
            return "\n".join(out)
        headers = ("touchpoint", "metrics", "report.strengths", "report.weaknesses", "report.resources")
        out.append(_table([words[k] for k in headers], rows))
        return "\n".join(out)

    # -- pieces ---------------------------------------------------------------------

    def touchpoint_cell(self, tp: Touchpoint) -> str:
        words = self.words
        roles = []
        if tp.entry:
            roles.append(words["entry"])
        if tp.decision:
            roles.append(words["decision"])
        if tp.end is not None:
            roles.append(f"{words['end']}: {self.outcome(tp.end)}")
        if tp.feedback:
            roles.append(words["feedback"])
        cell = f"**{markdown_inline(tp.name)}**<br>{self.code(tp.id, table_cell=True)}"
        if roles:
            cell += f" · {', '.join(roles)}"
        if tp.pain_points:
            severity = highest_severity(tp.pain_points)
            cell += f" · ⚠ {words[f'severity.{severity.value}']}"
        if tp.description:
            cell += f"<br>{markdown_inline(tp.description)}"
        return cell

    def touchpoint_ref(self, tp: Touchpoint) -> str:
        number = self.numbers.get(tp.id, "?")
        return f"{self.ltr(f'{number}.')} {markdown_inline(tp.name)}"

    def outcome(self, end: str) -> str:
        """How a path or touchpoint ends: ``success`` and ``abandoned`` in the map's
        language, any other word of the map as written."""
        return markdown_inline(end_word(self.words, end))

    def ltr(self, text: str) -> str:
        """``text`` (a number, ``2.``, an id) kept left to right in a right-to-left report."""
        return left_to_right(text) if self.words.right_to_left else text

    def number(self, value: float) -> str:
        return self.ltr(format_number(value))

    def emotion(self, value: float | None) -> str:
        """An emotion or a mean (``–`` when there is none), kept left to right in a right-to-left report."""
        return "–" if value is None else self.ltr(format_emotion(value))

    def metric(self, value: object) -> str:
        """A metric's value: a number kept left to right in a right-to-left report, text as written."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return self.number(value)
        return markdown_inline(_scalar(value))

    def code(self, ident: str, *, table_cell: bool = False) -> str:
        """An id as a code span, kept left to right in a right-to-left report."""
        return self.ltr(markdown_code(ident, table_cell=table_cell))

    def channel(self, channel_id: str) -> str:
        name = self.view.channel_name(channel_id)
        return markdown_inline(name) if name is not None else markdown_code(channel_id)


def axis_label(number: int, name: str, width: int = AXIS_LABEL_WIDTH) -> str:
    """``"3. Calls the office"``: a touchpoint's number and name on one line, cut to
    ``width`` characters with ``…`` (at a space when one is near the end, never between a
    character and the marks or joiners that belong to it)."""
    return shorten(f"{number}. {one_line(name)}", width)


def _team(doc: JourneyDoc, team_id: str | None) -> str:
    if team_id is None:
        return "–"
    team = doc.teams.get(team_id)
    return markdown_inline(team.name) if team is not None else markdown_code(team_id)


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value)
    return str(value)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """A GitHub table; cells must already be escaped Markdown on one line."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell or "–" for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
