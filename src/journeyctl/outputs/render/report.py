"""The Markdown report of a journey, readable on GitHub without any other tool.

Sections, in order: title and metadata; personas; the map (a Mermaid flowchart, with
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
"""

from __future__ import annotations

from collections.abc import Iterable

from journeyctl.analysis.paths import PathReport, analyse_paths, format_emotion
from journeyctl.model import Persona, Priority, Severity, Touchpoint
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Finding
from journeyctl.outputs.render.mermaid import flowchart
from journeyctl.outputs.render.view import JourneyView, format_number, highest_severity, make_view
from journeyctl.text.escape import markdown_code, markdown_inline, mermaid_text, one_line, shorten
from journeyctl.text.wording import counted

#: Paths listed in the report (plus the longest and the worst, wherever they are);
#: ``journeyctl paths`` lists them all.
MAX_PATH_ROWS = 10
#: Characters of a touchpoint's number and name on the x-axis of an emotion curve.
AXIS_LABEL_WIDTH = 24

_PRIORITY_TITLES = {
    Priority.MUST: "Must have",
    Priority.SHOULD: "Should have",
    Priority.COULD: "Could have",
    Priority.WONT: "Won't have (this time)",
}
_STATE_WORDS = {"current": "current (as-is)", "future": "future (to-be)"}


def render_report(doc: JourneyDoc, findings: Iterable[Finding] = ()) -> str:
    """The Markdown report of one journey with its lint ``findings``."""
    return _Report(make_view(doc, findings=findings)).write()


def render_index(docs: list[JourneyDoc], findings: Iterable[Finding] = ()) -> str:
    """The index of a workspace's reports: one row per journey, linking ``<id>.md``."""
    findings = list(findings)
    rows = []
    for doc in docs:
        journey = doc.journey
        count = sum(1 for f in findings if f.journey == journey.id)
        pains = sum(len(t.pain_points) for t in journey.touchpoints)
        rows.append([
            f"[{markdown_inline(journey.title)}]({journey.id}.md)",
            markdown_code(journey.id),
            _team(doc, journey.owner),
            journey.status.value,
            journey.state.value,
            journey.reviewed.isoformat() if journey.reviewed else "–",
            str(len(journey.touchpoints)),
            str(pains),
            str(count),
        ])
    out = [f"# Journey maps\n\n{counted(len(docs), 'journey')}.\n"]
    out.append(_table(
        ["Journey", "Id", "Owner", "Status", "State", "Reviewed", "Touchpoints", "Pain points", "Findings"], rows
    ))
    return "\n".join(out)


class _Report:
    def __init__(self, view: JourneyView) -> None:
        self.view = view
        self.doc = view.doc
        self.journey = view.journey
        self.numbers = {tp.id: n for n, tp in enumerate(view.in_stage_order, 1)}
        self.sections: list[str] = []

    def write(self) -> str:
        for section in (
            self.header, self.personas, self.map, self.stages, self.emotion_curve, self.pain_points,
            self.handoffs, self.roadmap, self.paths, self.findings, self.details,
        ):
            text = section()
            if text:
                self.sections.append(text)
        return "\n".join(self.sections)

    # -- sections -------------------------------------------------------------------

    def header(self) -> str:
        journey = self.journey
        scale = journey.emotion_scale
        out = [f"# {markdown_inline(journey.title)}\n"]
        if journey.description:
            out.append(f"{markdown_inline(journey.description)}\n")
        rows = [
            ["Id", markdown_code(journey.id)],
            ["Owner", _team(self.doc, journey.owner)],
            ["Status", journey.status.value],
            ["State", _STATE_WORDS[journey.state.value]],
            ["Reviewed", journey.reviewed.isoformat() if journey.reviewed else "never"],
            ["Tags", ", ".join(markdown_inline(t) for t in journey.tags) or "–"],
            ["Emotion scale", f"{format_number(scale.min)} to {format_number(scale.max)}, "
                              f"neutral {format_number(scale.neutral_value)}"],
            ["Size", f"{counted(len(journey.stages), 'stage')}, {counted(len(journey.touchpoints), 'touchpoint')}, "
                     f"{counted(len(self.view.edges), 'transition')}"],
        ]
        out.append(_table(["", ""], rows))
        return "\n".join(out)

    def personas(self) -> str:
        personas = self.doc.journey_personas
        out = ["## Personas\n"]
        if not personas:
            out.append("The map names no personas: every touchpoint is for every customer.\n")
            return "\n".join(out)
        for persona in personas:
            out.append(self.persona(persona))
        return "\n".join(out)

    def persona(self, persona: Persona) -> str:
        out = [f"### {markdown_inline(persona.name)}\n"]
        facts = [f"- **Id:** {markdown_code(persona.id, table_cell=False)}"]
        if persona.segment:
            facts.append(f"- **Segment:** {markdown_inline(persona.segment)}")
        if persona.demographics:
            values = ", ".join(
                f"{markdown_inline(key)}: {markdown_inline(_scalar(value))}"
                for key, value in persona.demographics.items()
            )
            facts.append(f"- **Demographics:** {values}")
        if persona.preferred_channels:
            facts.append(f"- **Preferred channels:** {', '.join(self.channel(c) for c in persona.preferred_channels)}")
        if persona.description:
            out.append(f"{markdown_inline(persona.description)}\n")
        out.append("\n".join(facts) + "\n")
        for title, items in (("Goals", persona.goals), ("Needs", persona.needs), ("Frustrations", persona.frustrations)):
            if items:
                out.append(f"**{title}**\n\n" + "\n".join(f"- {markdown_inline(i)}" for i in items) + "\n")
        return "\n".join(out)

    def map(self) -> str:
        return (
            "## Map\n\n"
            "Fill colour: emotion (red negative, blue positive). Thick arrows: handoffs. "
            "Outline: the most severe lint finding (red error, orange warning, green info).\n\n"
            f"```mermaid\n{flowchart(self.view, highlight_findings=True)}```\n"
        )

    def stages(self) -> str:
        out = ["## Stages\n"]
        for index, stage in enumerate(self.journey.stages, 1):
            out.append(f"### {index}. {markdown_inline(stage.name)}\n")
            if stage.description:
                out.append(f"{markdown_inline(stage.description)}\n")
            touchpoints = self.view.stage_touchpoints(stage)
            if not touchpoints:
                out.append("No touchpoints.\n")
                continue
            rows = [
                [
                    str(self.numbers[tp.id]),
                    self.touchpoint_cell(tp),
                    markdown_inline(tp.action) if tp.action else "–",
                    markdown_inline(tp.thought) if tp.thought else "–",
                    tp.lane.value,
                    self.channel(tp.channel) if tp.channel else "–",
                    _team(self.doc, tp.owner),
                    self.emotion_cell(tp),
                    "<br>".join(
                        f"{markdown_inline(p.summary)} ({p.severity.value})" for p in tp.pain_points
                    ) or "–",
                ]
                for tp in touchpoints
            ]
            out.append(_table(
                ["#", "Touchpoint", "Doing", "Thinking", "Lane", "Channel", "Owner", "Emotion", "Pain points"], rows
            ))
        return "\n".join(out)

    def emotion_curve(self) -> str:
        scale = self.journey.emotion_scale
        groups: dict[tuple[str, ...], list[str]] = {}
        personas = self.doc.journey_personas
        for persona in personas or [None]:
            view = make_view(self.doc, persona.id) if persona is not None else self.view
            points = tuple(
                (tp.id, emotion) for tp in view.in_stage_order if (emotion := view.emotion_of(tp)) is not None
            )
            groups.setdefault(points, []).append(persona.name if persona is not None else "Every customer")
        # Personas who feel the same at the same touchpoints share one chart.
        out = [
            "## Emotion curve\n",
            f"Emotion at each touchpoint the persona passes through, on the journey's scale "
            f"({format_number(scale.min)} to {format_number(scale.max)}); the x-axis names the touchpoints, "
            f"numbered as in the stage tables.\n",
        ]
        for points, names in groups.items():
            heading = " · ".join(markdown_inline(n) for n in names)
            out.append(f"### {heading}\n")
            if not points:
                out.append("No touchpoint on this path records an emotion.\n")
                continue
            tps = [self.view.graph.touchpoints[t] for t, _ in points]
            title = mermaid_text(one_line(" · ".join(names)))
            axis = ", ".join(f'"{mermaid_text(axis_label(self.numbers[t.id], t.name))}"' for t in tps)
            values = ", ".join(format_number(emotion) for _, emotion in points)
            out.append(
                "```mermaid\nxychart-beta\n"
                f'    title "{title}"\n'
                f"    x-axis [{axis}]\n"
                f'    y-axis "Emotion" {format_number(scale.min)} --> {format_number(scale.max)}\n'
                f"    line [{values}]\n```\n"
            )
        return "\n".join(out)

    def emotion_cell(self, tp: Touchpoint) -> str:
        """A touchpoint's emotion: its number, or each persona's (``Name: -2``, one a line)
        when it varies by persona and no persona is selected."""
        if tp.emotion_varies_by_persona and self.view.persona is None:
            return "<br>".join(
                f"{markdown_inline(self.persona_name(persona))}: {format_number(emotion)}"
                for persona, emotion in tp.emotion_by_persona().items()
            )
        emotion = self.view.emotion_of(tp)
        return format_number(emotion) if emotion is not None else "–"

    def persona_name(self, persona: str) -> str:
        known = self.doc.personas.get(persona)
        return known.name if known is not None else persona

    def pain_points(self) -> str:
        addressed_by: dict[str, list] = {}
        for item in self.journey.roadmap:
            for ref in item.addresses:
                addressed_by.setdefault(ref, []).append(item)
        out = ["## Pain points\n"]
        pains = [(tp, p) for tp in self.view.in_stage_order for p in tp.pain_points]
        if not pains:
            out.append("No pain points recorded.\n")
            return "\n".join(out)
        for severity in sorted(Severity, key=lambda s: -s.rank):
            group = [(tp, p) for tp, p in pains if p.severity is severity]
            if not group:
                continue
            out.append(f"### {severity.value.capitalize()} ({len(group)})\n")
            items = []
            for tp, pain in group:
                fixes = list({item.id: item for item in addressed_by.get(pain.id, []) + addressed_by.get(tp.id, [])}.values())
                fix_text = "; ".join(
                    f"{markdown_inline(item.title)} ({item.priority.value}, {item.status.value})" for item in fixes
                ) or "**not addressed by the roadmap**"
                lines = [
                    f"- **{markdown_inline(pain.summary)}** — at {self.touchpoint_ref(tp)}, "
                    f"id {markdown_code(pain.id, table_cell=False)}. Addressed by: {fix_text}."
                ]
                lines += [f"  - Evidence: {markdown_inline(e)}" for e in pain.evidence_list]
                items.append("\n".join(lines))
            out.append("\n".join(items) + "\n")
        return "\n".join(out)

    def handoffs(self) -> str:
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
                target = f"journey {markdown_code(t.journey)}" + (f" at {markdown_code(t.touchpoint)}" if t.touchpoint else "")
            rows.append([
                f"{self.touchpoint_ref(source)}<br>{_team(self.doc, source.owner)}",
                target,
                markdown_inline(edge.transition.when) if edge.transition.when else "–",
                ", ".join(markdown_inline(c) for c in handoff.carries) or "**nothing**",
                markdown_inline(handoff.sla) if handoff.sla else "–",
                markdown_inline(handoff.note) if handoff.note else "–",
            ])
        out = ["## Handoffs\n"]
        if not rows:
            out.append("No transition carries a handoff.\n")
            return "\n".join(out)
        out.append(_table(["From", "To", "When", "Carries", "SLA", "Note"], rows))
        return "\n".join(out)

    def roadmap(self) -> str:
        out = ["## Roadmap\n"]
        if not self.journey.roadmap:
            out.append("No roadmap items.\n")
            return "\n".join(out)
        names = {tp.id: tp.name for tp in self.journey.touchpoints}
        names.update({p.id: p.summary for tp in self.journey.touchpoints for p in tp.pain_points})
        for priority in Priority:
            items = [item for item in self.journey.roadmap if item.priority is priority]
            if not items:
                continue
            out.append(f"### {_PRIORITY_TITLES[priority]} ({len(items)})\n")
            rows = [
                [
                    f"**{markdown_inline(item.title)}**<br>{markdown_code(item.id)}"
                    + (f"<br>{markdown_inline(item.description)}" if item.description else ""),
                    markdown_inline(item.milestone) if item.milestone else "–",
                    item.status.value,
                    _team(self.doc, item.owner),
                    "<br>".join(f"{markdown_inline(names.get(a, a))} ({markdown_code(a)})" for a in item.addresses)
                    or "–",
                ]
                for item in items
            ]
            out.append(_table(["Item", "Milestone", "Status", "Owner", "Addresses"], rows))
        return "\n".join(out)

    def paths(self) -> str:
        report: PathReport = analyse_paths(self.view.graph)
        out = ["## Paths\n"]
        count = len(report.paths)
        summary = (
            f"{counted(count, 'path')} from {counted(len(report.entries), 'entry', 'entries')} to an end "
            f"or into another journey."
        )
        longest, worst = report.longest, report.worst
        if longest is not None:
            summary += f" Longest: path {longest + 1} ({counted(report.paths[longest].length, 'touchpoint')})."
        if worst is not None:
            path = report.paths[worst]
            summary += (
                f" Worst: path {worst + 1} (mean emotion {format_emotion(path.mean_emotion)}, "
                f"lowest {format_emotion(path.min_emotion)})."
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
            flags = [word for word, flagged in (("longest", longest), ("worst", worst)) if flagged == index]
            rows.append([
                str(number) + (f" ({', '.join(flags)})" if flags else ""),
                " → ".join(markdown_inline(names[t].name) for t in path.touchpoints),
                markdown_inline(path.outcome),
                str(path.length),
                str(path.channel_switches),
                str(path.handoffs),
                format_emotion(path.min_emotion),
                format_emotion(path.mean_emotion),
            ])
        out.append(_table(
            ["#", "Path", "Outcome", "Touchpoints", "Channel switches", "Handoffs", "Lowest emotion", "Mean emotion"],
            rows,
        ))
        if count > len(shown):
            out.append(f"{count - len(shown)} more: `journeyctl paths` lists them all.\n")
        return "\n".join(out)

    def findings(self) -> str:
        findings = self.view.findings
        out = ["## Lint findings\n"]
        if not findings:
            out.append("No findings.\n")
            return "\n".join(out)
        rows = [
            [f.severity.label, f.code, markdown_inline(f.rule), str(f.line), markdown_inline(f.message)]
            for f in sorted(findings, key=Finding.sort_key)
        ]
        out.append(_table(["Severity", "Code", "Rule", "Line", "Message"], rows))
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
                f"{self.numbers[tp.id]}. {markdown_inline(tp.name)}",
                "<br>".join(
                    f"{markdown_inline(key)}: {markdown_inline(_scalar(value))}" for key, value in tp.metrics.items()
                ) or "–",
                "<br>".join(markdown_inline(s) for s in strengths) or "–",
                "<br>".join(markdown_inline(w) for w in weaknesses) or "–",
                "<br>".join(markdown_inline(r) for r in tp.resources) or "–",
            ])
        out = ["## Outcomes, resources and metrics\n"]
        if not rows:
            out.append("None recorded.\n")
            return "\n".join(out)
        out.append(_table(["Touchpoint", "Metrics", "Strengths", "Weaknesses", "Resources"], rows))
        return "\n".join(out)

    # -- pieces ---------------------------------------------------------------------

    def touchpoint_cell(self, tp: Touchpoint) -> str:
        roles = []
        if tp.entry:
            roles.append("entry")
        if tp.decision:
            roles.append("decision")
        if tp.end is not None:
            roles.append(f"end: {markdown_inline(tp.end)}")
        if tp.feedback:
            roles.append("feedback")
        cell = f"**{markdown_inline(tp.name)}**<br>{markdown_code(tp.id)}"
        if roles:
            cell += f" · {', '.join(roles)}"
        if tp.pain_points:
            severity = highest_severity(tp.pain_points)
            cell += f" · ⚠ {severity.value}"
        if tp.description:
            cell += f"<br>{markdown_inline(tp.description)}"
        return cell

    def touchpoint_ref(self, tp: Touchpoint) -> str:
        return f"{self.numbers.get(tp.id, '?')}. {markdown_inline(tp.name)}"

    def channel(self, channel_id: str) -> str:
        channel = self.doc.channels.get(channel_id)
        return markdown_inline(channel.name) if channel is not None else markdown_code(channel_id)


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
