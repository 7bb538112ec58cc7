"""Mermaid: the journey diagram and the flowchart, checked with the real Mermaid parser."""

from __future__ import annotations

import re

import pytest

from journeyctl.outputs.render.mermaid import flowchart, journey_diagram, node_id, render_mermaid
from journeyctl.outputs.render.view import make_view
from journeyctl.text.escape import clean, one_line
from mermaid_parser import parse_mermaid
from render.support import HOSTILE, REPO, doc_from_text, example_maps, lint_findings, load_doc, normalise

SMALL = """
id: small
title: "Small: a #1 map"
emotion_scale: {min: 1, max: 5, neutral: 3}
personas:
  - {id: a, name: "Ann, 40"}
  - {id: b, name: Bo}
teams: [{id: desk, name: Desk}, {id: ops, name: Ops}]
stages: [{id: one, name: One}, {id: two, name: Two}, {id: back, name: Back office only}]
touchpoints:
  - {id: start, name: Start here, stage: one, channel: web, lane: customer, entry: true, emotion: 2,
     pain_points: [{id: p1, summary: P1, severity: low}, {id: p2, summary: P2, severity: high}],
     next: [choose]}
  - id: choose
    name: "Choose: yes | no"
    stage: one
    channel: phone
    owner: desk
    decision: true
    personas: [b]
    next:
      - {to: work, when: yes please, handoff: {carries: [order id, photos], sla: 10m}}
      - {to: gave-up, when: no}
  - {id: work, name: Back office, stage: back, lane: backstage, owner: ops, next: [won]}
  - {id: won, name: Won, stage: two, channel: email, owner: ops, emotion: 4.5, end: success,
     next: [{journey: small, touchpoint: start, when: again}]}
  - {id: gave-up, name: Gave up, stage: two, channel: phone, lane: customer, end: abandoned, emotion: 1}
"""


@pytest.fixture
def small(tmp_path):
    return make_view(doc_from_text(tmp_path, SMALL))


def test_journey_diagram(small):
    assert journey_diagram(small) == (
        "journey\n"
        "    title Small#58; a #35;1 map\n"
        "    section One\n"
        "        Start here: 2: Ann#44; 40, Bo\n"
        "        Choose#58; yes #124; no: 3: Bo\n"
        "    section Two\n"
        "        Won: 5: Ann#44; 40, Bo\n"
        "        Gave up: 1: Ann#44; 40, Bo\n"
    )


def test_journey_diagram_for_one_persona(small):
    view = make_view(small.doc, "a")
    assert journey_diagram(view) == (
        "journey\n"
        "    title Small#58; a #35;1 map\n"
        "    section One\n"
        "        Start here: 2: Ann#44; 40\n"
        "    section Two\n"
        "        Won: 5: Ann#44; 40\n"
        "        Gave up: 1: Ann#44; 40\n"
    )


def test_flowchart(small):
    assert flowchart(small) == (
        "flowchart LR\n"
        '    subgraph stage_1["1. One"]\n'
        "        direction LR\n"
        '        tp_start(["Start here<br>⚠ 2 pain points · high"])\n'
        '        tp_choose{"Choose#58; yes #124; no"}\n'
        "    end\n"
        '    subgraph stage_2["2. Two"]\n'
        "        direction LR\n"
        '        tp_won[["Won<br>✔ end#58; success"]]\n'
        '        tp_gave_up[["Gave up<br>✖ end#58; abandoned"]]\n'
        "    end\n"
        '    subgraph stage_3["3. Back office only"]\n'
        "        direction LR\n"
        '        subgraph stage_3_behind["behind the line of visibility"]\n'
        "            direction LR\n"
        '            tp_work["Back office"]\n'
        "        end\n"
        "    end\n"
        '    journey_1>"continues in journey small at start"]\n'
        "    tp_start --> tp_choose\n"
        '    tp_choose ==>|"#91;yes please#93;<br>⇢ order id, photos · SLA 10m"| tp_work\n'
        '    tp_choose -->|"#91;no#93;"| tp_gave_up\n'
        "    tp_work --> tp_won\n"
        '    tp_won -.->|"#91;again#93;"| journey_1\n'
        "    classDef emotion0 fill:#b2182b,color:#ffffff\n"
        "    classDef emotion1 fill:#ef8a62,color:#000000\n"
        "    classDef emotion6 fill:#2166ac,color:#ffffff\n"
        "    classDef entry stroke-width:3px\n"
        "    classDef endSuccess stroke-width:3px\n"
        "    classDef endOther stroke-width:2px,stroke-dasharray:5 3\n"
        "    classDef journeyLink stroke-dasharray:3 3\n"
        "    class tp_gave_up emotion0\n"
        "    class tp_start emotion1\n"
        "    class tp_won emotion6\n"
        "    class tp_start entry\n"
        "    class tp_won endSuccess\n"
        "    class tp_gave_up endOther\n"
        "    class journey_1 journeyLink\n"
    )


def test_flowchart_highlights_findings(tmp_path):
    doc = doc_from_text(tmp_path, SMALL)
    view = make_view(doc, findings=lint_findings(tmp_path / "map.yaml"))
    text = flowchart(view, highlight_findings=True)
    styled = re.findall(r"^    style (\S+) stroke:(#[0-9a-f]{6}),stroke-width:3px$", text, re.M)
    # start has unaddressed pain points and gave-up an unexplained low emotion (warnings:
    # orange); work->won (the fourth link) goes back to an earlier stage, an info: green.
    assert styled == [("tp_start", "#e69f00"), ("tp_gave_up", "#e69f00")]
    assert text.endswith("    linkStyle 3 stroke:#009e73,stroke-width:3px\n")
    assert "#d7191c" not in text
    assert "style " not in flowchart(view)


def test_node_ids_follow_touchpoint_ids():
    assert node_id("call-office") == "tp_call_office"
    assert node_id("end") == "tp_end"


def test_both_is_markdown_with_two_fenced_diagrams(small):
    text = render_mermaid(small, "both")
    assert text.startswith("# Small: a \\#\u20601 map\n\n## Journey\n\n```mermaid\njourney\n")
    assert text.count("```mermaid\n") == 2
    assert "## Flowchart\n\n```mermaid\nflowchart LR\n" in text
    assert text.endswith("```\n")
    with pytest.raises(ValueError):
        render_mermaid(small, "gantt")


def decode(text: str) -> str:
    """What Mermaid shows for a label: entity codes decoded, ``<br>`` as a line break."""
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text.replace("<br>", "\n"))


def test_hostile_labels_round_trip_through_the_codes():
    doc = load_doc(HOSTILE)
    view = make_view(doc)
    chart = flowchart(view)
    labels = dict(re.findall(r'^\s+(tp_\w+)\W{1,2}"(.*?)"\W{1,3}$', chart, re.M))
    for tp in doc.journey.touchpoints:
        assert normalise(decode(labels[node_id(tp.id)])).startswith(normalise(clean(tp.name))), tp.id
    tasks = re.findall(r"^        (.*): (\d): (.*)$", journey_diagram(view), re.M)
    visible = [tp for tp in view.in_stage_order if tp.lane.visible]
    assert [normalise(decode(task)) for task, _, _ in tasks] == [normalise(one_line(clean(tp.name))) for tp in visible]
    assert {decode(actors) for _, _, actors in tasks} <= {
        "Sanjay, property manager: 50% #1; really, רונית, מטופלת",
        "Sanjay, property manager: 50% #1; really",
        "רונית, מטופלת",
    }


ALL_MAPS = [*example_maps(), HOSTILE]


def test_every_diagram_parses_with_the_real_mermaid():
    texts, names = [], []
    for path in ALL_MAPS:
        doc = load_doc(path)
        views = [make_view(doc, findings=lint_findings(path))]
        views += [make_view(doc, p.id) for p in doc.journey_personas]
        for view in views:
            who = view.persona.id if view.persona else "all"
            texts += [journey_diagram(view), flowchart(view, highlight_findings=True)]
            names += [f"{doc.journey.id}/{who}/journey", f"{doc.journey.id}/{who}/flowchart"]
    errors = {name: error for name, error in zip(names, parse_mermaid(texts)) if error is not None}
    assert errors == {}
    assert len(texts) > 2 * len(ALL_MAPS)


def test_a_map_with_nothing_for_the_customer_still_parses(tmp_path):
    view = make_view(doc_from_text(tmp_path, """
        id: edge
        title: Edge
        stages: [{id: a, name: A}, {id: b, name: B}]
        touchpoints:
          - {id: x, name: X, stage: a, lane: backstage, entry: true, end: success}
    """))
    assert journey_diagram(view) == "journey\n    title Edge\n"
    chart = flowchart(view)
    assert '        stage_2_empty["no touchpoints"]\n' in chart
    assert '            tp_x(["X<br>✔ end#58; success"])\n' in chart
    assert parse_mermaid([journey_diagram(view), chart]) == [None, None]


def test_top_to_bottom_turns_only_the_flowchart_and_parses(tmp_path):
    # --direction TB stacks the stages downwards; inside a stage the steps still follow
    # each other left to right.
    view = make_view(load_doc(REPO / "examples/home-services/emergency-plumber.yaml"))
    across = flowchart(view)
    down = flowchart(view, direction="TB")
    assert down == across.replace("flowchart LR\n", "flowchart TB\n", 1)
    assert down.startswith("flowchart TB\n") and across.startswith("flowchart LR\n")
    assert parse_mermaid([down]) == [None]
