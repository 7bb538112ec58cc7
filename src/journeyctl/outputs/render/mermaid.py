"""Mermaid diagrams of a journey: a ``journey`` diagram and a ``flowchart`` of the whole map.

**journey** — the customer's view, as Mermaid draws it: a section per stage (stages with
nothing to show are left out), a task per customer or frontstage touchpoint in stage
order, and the personas who pass through it as the task's actors. The map's
``description`` is the diagram's ``accDescr``, and the ``accTitle`` that ``import
mermaid`` keeps under ``x-mermaid`` is written back; line breaks in stage and touchpoint
names are ``<br>``, which Mermaid draws as line breaks. The task's score is
the touchpoint's emotion mapped linearly from the journey's ``emotion_scale`` onto
Mermaid's 1–5 (``min`` → 1, ``max`` → 5) and rounded half up (2.5 → 3); a touchpoint
without an emotion scores as the scale's neutral emotion. When the emotion varies by
persona, the task is written once per distinct score, each line with the personas who
feel that way as its actors (one diagram shows every persona, and Mermaid draws each
line's face); with ``--persona`` it is that persona's score.

**flowchart** — the full graph, left to right: a subgraph per stage (backstage and support
touchpoints in a nested subgraph "behind the line of visibility"), decision points as
rhombi, entries as stadiums, ends as double-bordered boxes (dashed unless the end is
``success``), cross-journey links as flags; handoffs are thick arrows labelled with what
they carry and their SLA; branch conditions label their arrows; fills follow the
emotion colour scale of the Graphviz diagram.

Every piece of map text goes through :mod:`journeyctl.text.escape`, so the diagrams
parse in Mermaid whatever the labels hold. Node ids are derived from touchpoint ids
(``call-office`` → ``tp_call_office``), so a small change to a map makes a small diff.
"""

from __future__ import annotations

from journeyctl.analysis.graph import Edge
from journeyctl.model import Lane, Persona, Touchpoint
from journeyctl.outputs.render.view import (
    DARK_EMOTION_CLASSES,
    EMOTION_COLORS,
    FINDING_COLORS,
    ExternalTarget,
    JourneyView,
    end_word,
    highest_severity,
    mermaid_score,
)
from journeyctl.text.escape import (
    markdown_inline,
    mermaid_accessibility_text,
    mermaid_journey_text,
    mermaid_text,
    one_line,
)
from journeyctl.text.words import Words

DIAGRAMS = ("flowchart", "journey", "both")


def finding_style(severity) -> str:
    """The outline of an element whose most severe lint finding has ``severity``."""
    return f"stroke:{FINDING_COLORS[severity]},stroke-width:3px"
INDENT = "    "


def render_mermaid(
    view: JourneyView, diagram: str = "flowchart", *, highlight_findings: bool = False, markdown: bool = False,
    direction: str = "LR",
) -> str:
    """One diagram as Mermaid text (``flowchart`` or ``journey``), or as Markdown.

    A ``.mmd`` file holds one diagram, so ``both`` is always a Markdown document with the
    two diagrams in fenced ``mermaid`` blocks, which GitHub and most editors draw;
    ``markdown`` makes one diagram such a document too (for a ``.md`` file).
    """
    if diagram not in DIAGRAMS:
        raise ValueError(f"unknown Mermaid diagram {diagram!r} (expected one of {', '.join(DIAGRAMS)})")
    if diagram == "both" or markdown:
        sections = []
        if diagram in ("journey", "both"):
            sections.append(f"## Journey\n\n```mermaid\n{journey_diagram(view)}```\n")
        if diagram in ("flowchart", "both"):
            sections.append(f"## Flowchart\n\n```mermaid\n{flowchart(view, highlight_findings=highlight_findings, direction=direction)}```\n")
        return f"# {markdown_inline(view.journey.title)}\n\n" + "\n".join(sections)
    if diagram == "flowchart":
        return flowchart(view, highlight_findings=highlight_findings, direction=direction)
    return journey_diagram(view)


# -- journey diagram ---------------------------------------------------------------


def journey_diagram(view: JourneyView) -> str:
    """The Mermaid ``journey`` diagram of the customer's side of the journey."""
    out = ["journey", f"{INDENT}title {mermaid_journey_text(view.journey.title)}"]
    acc_title = _acc_title(view)
    if acc_title:
        out.append(f"{INDENT}accTitle: {mermaid_accessibility_text(acc_title)}")
    if view.journey.description and view.journey.description.strip():
        out.append(f"{INDENT}accDescr: {mermaid_accessibility_text(view.journey.description)}")
    for stage in view.journey.stages:
        tasks = [t for t in view.stage_touchpoints(stage) if t.lane.visible]
        if not tasks:
            continue
        out.append(f"{INDENT}section {mermaid_journey_text(stage.name, line_breaks=True)}")
        for tp in tasks:
            for score, personas in _scores(view, tp):
                actors = ", ".join(mermaid_journey_text(p.name, actor=True) for p in personas)
                task = f"{mermaid_journey_text(tp.name, line_breaks=True)}: {score}"
                out.append(f"{INDENT * 2}{task}: {actors}" if actors else f"{INDENT * 2}{task}")
    return "\n".join(out) + "\n"


def _scores(view: JourneyView, tp: Touchpoint) -> list[tuple[int, list[Persona]]]:
    """The task lines of a touchpoint: ``(score, personas)``, one line per distinct score.

    A plain emotion is one score for everyone. When the emotion varies by persona, the
    personas who score the same share a task line and the task is repeated for each other
    score, in order of first appearance; a persona the mapping leaves out scores neutral.
    """
    personas = view.personas_of(tp)
    if not tp.emotion_varies_by_persona or view.persona is not None:
        return [(mermaid_score(view.scale, view.emotion_of(tp)), personas)]
    by_score: dict[int, list[Persona]] = {}
    for persona in personas:
        by_score.setdefault(mermaid_score(view.scale, tp.emotion_for(persona.id)), []).append(persona)
    return list(by_score.items()) or [(mermaid_score(view.scale, view.emotion_of(tp)), [])]


def _acc_title(view: JourneyView) -> str | None:
    """The diagram's accessible title kept by ``import mermaid`` (``x-mermaid: {accTitle: …}``)."""
    loaded = view.doc.file.loaded
    extension = loaded.data.get("x-mermaid") if loaded is not None and isinstance(loaded.data, dict) else None
    title = extension.get("accTitle") if isinstance(extension, dict) else None
    return title if isinstance(title, str) and title.strip() else None


# -- flowchart ---------------------------------------------------------------------


def node_id(touchpoint_id: str) -> str:
    """The Mermaid id of a touchpoint: ``tp_`` and the id with ``-`` as ``_``."""
    return "tp_" + touchpoint_id.replace("-", "_")


def flowchart(view: JourneyView, *, highlight_findings: bool = False, direction: str = "LR") -> str:
    """The Mermaid ``flowchart`` of the whole journey graph, its stages one after another
    from left to right (``LR``) or top to bottom (``TB``)."""
    words = view.words
    out = [f"flowchart {direction}"]
    emotion_members: dict[int, list[str]] = {}
    role_members: dict[str, list[str]] = {"entry": [], "endSuccess": [], "endOther": []}
    finding_nodes: list[tuple[str, str]] = []
    for index, stage in enumerate(view.journey.stages, 1):
        touchpoints = view.stage_touchpoints(stage)
        out.append(f'{INDENT}subgraph stage_{index}["{index}. {mermaid_text(stage.name)}"]')
        out.append(f"{INDENT * 2}direction LR")
        behind = [t for t in touchpoints if not t.lane.visible]
        for tp in touchpoints:
            if tp.lane.visible:
                out.append(f"{INDENT * 2}{_node(tp, words)}")
        if not touchpoints:
            out.append(f'{INDENT * 2}stage_{index}_empty["{mermaid_text(words["diagram.no_touchpoints"])}"]')
        if behind:
            out.append(f'{INDENT * 2}subgraph stage_{index}_behind["{mermaid_text(words["diagram.behind_the_line"])}"]')
            out.append(f"{INDENT * 3}direction LR")
            for tp in behind:
                out.append(f"{INDENT * 3}{_node(tp, words)}")
            out.append(f"{INDENT * 2}end")
        out.append(f"{INDENT}end")
        for tp in touchpoints:
            level = view.emotion_class(view.emotion_of(tp))
            if level is not None:
                emotion_members.setdefault(level, []).append(node_id(tp.id))
            if tp.entry:
                role_members["entry"].append(node_id(tp.id))
            if tp.end is not None:
                role_members["endSuccess" if tp.end == "success" else "endOther"].append(node_id(tp.id))
            severity = view.finding_severity(f"touchpoint:{tp.id}") if highlight_findings else None
            if severity is not None:
                finding_nodes.append((node_id(tp.id), finding_style(severity)))
    external_ids = {}
    for number, target in enumerate(view.external_targets, 1):
        external_ids[target.key] = f"journey_{number}"
        out.append(f"{INDENT}{_external_node(f'journey_{number}', target, words)}")
    finding_links: dict[str, list[int]] = {}
    for number, edge in enumerate(view.edges):
        out.append(f"{INDENT}{_link(edge, external_ids, words)}")
        severity = view.finding_severity(f"transition:{edge.id}") if highlight_findings else None
        if severity is not None:
            finding_links.setdefault(finding_style(severity), []).append(number)
    for level in sorted(emotion_members):
        text = "#ffffff" if level in DARK_EMOTION_CLASSES else "#000000"
        out.append(f"{INDENT}classDef emotion{level} fill:{EMOTION_COLORS[level]},color:{text}")
    out.append(f"{INDENT}classDef entry stroke-width:3px")
    out.append(f"{INDENT}classDef endSuccess stroke-width:3px")
    out.append(f"{INDENT}classDef endOther stroke-width:2px,stroke-dasharray:5 3")
    out.append(f"{INDENT}classDef journeyLink stroke-dasharray:3 3")
    for level, members in sorted(emotion_members.items()):
        out.append(f"{INDENT}class {','.join(members)} emotion{level}")
    for role, members in role_members.items():
        if members:
            out.append(f"{INDENT}class {','.join(members)} {role}")
    if external_ids:
        out.append(f"{INDENT}class {','.join(external_ids.values())} journeyLink")
    for member, style in finding_nodes:
        out.append(f"{INDENT}style {member} {style}")
    for style, links in finding_links.items():
        out.append(f"{INDENT}linkStyle {','.join(map(str, links))} {style}")
    return "\n".join(out) + "\n"


def _node(tp: Touchpoint, words: Words) -> str:
    lines = [mermaid_text(tp.name, line_break="<br>")]
    if tp.pain_points:
        count = words.counted(len(tp.pain_points), "count.pain_point")
        severity = words[f"severity.{highest_severity(tp.pain_points).value}"]
        lines.append(f"⚠ {mermaid_text(count)} · {mermaid_text(severity)}")
    if tp.end is not None:
        mark = "✔" if tp.end == "success" else "✖"
        lines.append(f"{mark} {mermaid_text(words.text('diagram.end_value', end=end_word(words, tp.end)))}")
    label = f'"{"<br>".join(lines)}"'
    if tp.decision:
        shape = f"{{{label}}}"
    elif tp.entry:
        shape = f"([{label}])"
    elif tp.end is not None:
        shape = f"[[{label}]]"
    elif tp.lane is Lane.CUSTOMER:
        shape = f"({label})"
    else:
        shape = f"[{label}]"
    return f"{node_id(tp.id)}{shape}"


def _external_node(ident: str, target: ExternalTarget, words: Words) -> str:
    text = f"{words['continues_in_journey']} {target.journey}"
    if target.touchpoint:
        text += " " + words.text("at_touchpoint", touchpoint=target.touchpoint)
    return f'{ident}>"{mermaid_text(text)}"]'


def _link(edge: Edge, external_ids: dict[str, str], words: Words) -> str:
    t = edge.transition
    if t.to is None:
        target = external_ids[ExternalTarget(t.journey, t.touchpoint).key]
        arrow = "-.->"
    else:
        target = node_id(t.to)
        arrow = "==>" if t.handoff is not None else "-->"
    parts = []
    if t.when:
        parts.append(f"#91;{mermaid_text(one_line(t.when))}#93;")
    if t.handoff is not None:
        carries = ", ".join(one_line(c) for c in t.handoff.carries) or words["nothing"]
        text = f"⇢ {mermaid_text(carries)}"
        if t.handoff.sla:
            text += f" · {mermaid_text(words['sla'])} {mermaid_text(one_line(t.handoff.sla))}"
        parts.append(text)
    label = f'|"{"<br>".join(parts)}"|' if parts else ""
    return f"{node_id(edge.source)} {arrow}{label} {target}"
