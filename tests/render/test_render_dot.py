"""Graphviz DOT: structure, layout checked with the real ``dot``, and labels that survive it."""

from __future__ import annotations

import hashlib
import re

import pytest

from journeyctl.model import Lane
from journeyctl.outputs.render import render
from journeyctl.outputs.render.dot import render_dot
from journeyctl.outputs.render.graphviz_run import DOT_MISSING, DotError, run_dot
from journeyctl.outputs.render.view import make_view
from journeyctl.text.escape import clean
from render.support import (
    HOSTILE,
    REPO,
    doc_from_text,
    example_maps,
    lint_findings,
    load_doc,
    normalise,
    plain_layout,
    run_dot as run_real_dot,
    svg_edge_texts,
    svg_node_texts,
)

ALL_MAPS = [*example_maps(), HOSTILE]
IDS = [p.stem for p in ALL_MAPS]

SMALL = """
id: small
title: Small
emotion_scale: {min: 1, max: 5, neutral: 3}
teams: [{id: desk, name: Desk}, {id: ops, name: Ops}]
stages: [{id: one, name: One}, {id: two, name: Two}, {id: empty, name: Empty}]
touchpoints:
  - {id: start, name: Start here, stage: one, channel: web, lane: customer, entry: true, emotion: 2,
     pain_points: [{id: p1, summary: P1, severity: low}, {id: p2, summary: P2, severity: high}],
     next: [choose]}
  - id: choose
    name: Choose
    stage: one
    channel: phone
    owner: desk
    decision: true
    emotion: 3
    next:
      - {to: work, when: yes please, handoff: {carries: [order id, photos], sla: 10m}}
      - {to: gave-up, when: no}
  - {id: work, name: Back office, stage: two, lane: backstage, owner: ops, next: [won]}
  - {id: won, name: Won, stage: two, channel: email, owner: ops, emotion: 5, end: success,
     next: [{journey: small, touchpoint: start, when: again}, choose]}
  - {id: gave-up, name: Gave up, stage: two, channel: phone, lane: customer, end: abandoned, emotion: 1}
"""


@pytest.fixture
def small(tmp_path):
    return make_view(doc_from_text(tmp_path, SMALL))


def legend_of(dot: str) -> str:
    """The legend, beside the title in the graph's label."""
    (line,) = [l for l in dot.splitlines() if l.startswith("  graph [")]
    return line[line.index("Legend"):]


def node_line(dot: str, name: str) -> str:
    (line,) = [l.strip() for l in dot.splitlines() if l.strip().startswith(f'"{name}" [')]
    return line


def edge_line(dot: str, source: str, target: str) -> str:
    (line,) = [l.strip() for l in dot.splitlines() if l.strip().startswith(f'"{source}" -> "{target}" [')]
    return line


def test_graph_is_left_to_right_with_one_cluster_per_stage_in_order(small):
    dot = render_dot(small)
    assert dot.startswith('digraph "small" {\n  graph [rankdir=LR, newrank=true, remincross=false, ')
    clusters = re.findall(r'subgraph "(cluster_stage_[^"]+)" \{\n\s+graph \[label=<<TABLE[^>]*><TR><TD[^>]*><B>([^<]*)</B>', dot)
    assert clusters == [("cluster_stage_0", "1. One"), ("cluster_stage_1", "2. Two"), ("cluster_stage_2", "3. Empty")]
    assert '"stage:2:empty" [shape=plaintext, style="", label=<<I>no touchpoints</I>>' in dot


def test_shapes_fills_and_markers(small):
    dot = render_dot(small)
    start = node_line(dot, "start")
    assert 'fillcolor="#ef8a62"' in start  # emotion 2 on 1..5 with neutral 3: the second class
    assert 'style="filled,rounded"' in start  # a customer step
    assert "penwidth=2" in start
    assert "⚠ 2 pain points · high" in start
    assert node_line(dot, "entry:start").startswith('"entry:start" [shape=circle, style=filled, fillcolor="#000000"')
    assert edge_line(dot, "entry:start", "start") == '"entry:start" -> "start" [tooltip="entry"]'
    choose = node_line(dot, "choose")
    assert "shape=diamond" in choose and 'fillcolor="#f7f7f7"' in choose
    won = node_line(dot, "won")
    assert "peripheries=2" in won and 'style="filled"' in won and "✔ end: success" in won
    assert 'fillcolor="#2166ac"' in won and 'fontcolor="#ffffff"' in won
    gave_up = node_line(dot, "gave-up")
    assert "peripheries=2" in gave_up and 'style="filled,rounded,dashed"' in gave_up and "✖ end: abandoned" in gave_up
    work = node_line(dot, "work")
    assert 'fillcolor="#ffffff"' in work and "backstage · ops" in work
    external = node_line(dot, "journey:small/start")
    assert external.startswith('"journey:small/start" [shape=note, style="filled,dashed"')


def test_edges_carry_conditions_and_handoffs(small):
    dot = render_dot(small)
    # From one stage to the next through a point in the gap between the frames: the
    # label on the first stretch, the arrowhead on the last.
    handoff = edge_line(dot, "choose", "via:0")
    assert handoff.endswith('tooltip="choose->work", arrowhead=none]')
    assert edge_line(dot, "via:0", "work") == '"via:0" -> "work" [style="bold,dashed", penwidth=2, tooltip="choose->work"]'
    assert 'style="bold,dashed", penwidth=2' in handoff
    assert "label=<<I>[yes please]</I><BR/>⇢ order id, photos · SLA 10m>" in handoff
    assert "label=<<I>[no]</I>>" in edge_line(dot, "choose", "via:1")
    assert 'style="dashed"' in edge_line(dot, "won", "journey:small/start")
    # Back to an earlier stage: from the source to a numbered connector, and from the
    # same number to the target, so it never pulls the layout or circles the diagram.
    assert edge_line(dot, "won", "to:1") == '"won" -> "to:1" [tooltip="won->choose"]'
    assert edge_line(dot, "from:1", "choose") == '"from:1" -> "choose" [tooltip="won->choose"]'
    assert "constraint" not in dot


def test_the_lines_of_a_blueprint_separate_the_lanes_in_every_column(small):
    dot = render_dot(small)
    assert ('{ rank=same; "line:0:4:start"; "line:0:4:interaction"; "line:0:4:visibility"; "line:0:4:end"; '
            '"gave-up"; "work"; }') in dot
    # Inside a cluster of a left-to-right layout a same-rank edge's head is drawn above its tail.
    assert '"gave-up" -> "line:0:4:start" [style=invis]' in dot
    assert '"line:0:4:interaction" -> "gave-up" [style=invis]' in dot
    assert '"work" -> "line:0:4:visibility" [style=invis]' in dot
    assert '"line:0:4:end" -> "work" [style=invis]' in dot
    assert ('"line:0:0:visibility" -> "line:0:1:visibility" [style=dashed, color="#737373", penwidth=1.2, '
            'arrowhead=none, weight=1000, tooltip="line of visibility"]') in dot
    assert '"line:0:0:visibility" [shape=plaintext' in dot and "line of visibility</I>" in dot
    assert "line of interaction</I>" in dot and '"line:0:0:internal"' not in dot
    assert re.findall(r'"lane:0:(\w+)" \[shape=plaintext[^\n]*<B>(\w+)</B>', dot) == [
        ("customer", "Customer"), ("frontstage", "Frontstage"), ("backstage", "Backstage"),
    ]


def test_legend_labels_every_fill_the_map_uses(small):
    # Emotions 2, 3, 5 and 1 on a 1-5 scale, and one touchpoint without an emotion: each
    # fill that appears is in the legend with the emotions drawn in it, and no other.
    legend = legend_of(render_dot(small))
    swatches = re.findall(r'<TD BGCOLOR="(#[0-9a-f]{6})"[^>]*><FONT COLOR="#[0-9a-f]{6}">([^<]*)</FONT></TD>', legend)
    assert swatches == [("#b2182b", "1"), ("#ef8a62", "2"), ("#f7f7f7", "3"), ("#2166ac", "5"), ("#ffffff", "none")]
    assert '<TD BGCOLOR="#b2182b" WIDTH="26"><FONT COLOR="#ffffff">1</FONT></TD>' in legend
    assert "lint findings" not in legend


def test_legend_labels_a_band_of_many_emotions_by_its_range(tmp_path):
    text = SMALL.replace("emotion_scale: {min: 1, max: 5, neutral: 3}", "emotion_scale: {min: -10, max: 10}")
    for ident, emotion in (("start", "-10"), ("choose", "-9"), ("won", "-8.5"), ("gave-up", "-9.5")):
        text = re.sub(rf"(id: {ident},?(?:.|\n)*?emotion: )[-0-9.]+", rf"\g<1>{emotion}", text, count=1)
    legend = legend_of(render_dot(make_view(doc_from_text(tmp_path, text))))
    assert re.findall(r'<FONT COLOR="#[0-9a-f]{6}">([^<]*)</FONT>', legend) == ["-10 to -8.5", "none"]


def test_legend_shows_the_outline_colour_of_each_severity_used(tmp_path):
    doc = doc_from_text(tmp_path, SMALL)
    view = make_view(doc, findings=lint_findings(tmp_path / "map.yaml"))
    legend = legend_of(render_dot(view, highlight_findings=True))
    assert ('<TR><TD ALIGN="LEFT">lint findings (outline)</TD><TD COLSPAN="2" ALIGN="LEFT" CELLPADDING="0">'
            '<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="3"><TR>'
            '<TD BORDER="3" COLOR="#d7191c">error</TD><TD BORDER="3" COLOR="#e69f00">warning</TD>'
            '</TR></TABLE></TD></TR>') in legend


def test_an_info_finding_is_not_outlined_in_red():
    # The plumber example's only finding is an info (a rework loop back to an earlier stage).
    path = REPO / "examples/home-services/emergency-plumber.yaml"
    findings = lint_findings(path)
    assert [(f.code, f.severity.label, f.element) for f in findings] == [
        ("JM108", "info", "transition:complaint-callback->diagnose"),
    ]
    dot = render_dot(make_view(load_doc(path), findings=findings), highlight_findings=True)
    loop = [edge_line(dot, "complaint-callback", "to:1"), edge_line(dot, "from:1", "diagnose")]
    assert all("penwidth=3" in line and 'color="#009e73"' in line for line in loop)
    assert dot.count("penwidth=3") == 2
    assert "#d7191c" not in dot and "#e69f00" not in dot
    legend = legend_of(dot)
    assert re.findall(r'<TD BORDER="3" COLOR="([^"]+)">([^<]+)</TD>', legend) == [("#009e73", "info")]


def test_persona_drops_other_touchpoints_and_their_edges(tmp_path):
    doc = doc_from_text(tmp_path, SMALL.replace(
        "title: Small\n", "title: Small\npersonas: [{id: a, name: A}, {id: b, name: B}]\n"
    ).replace("lane: customer, end: abandoned", "lane: customer, end: abandoned, personas: [b]"))
    dot = render_dot(make_view(doc, "a"))
    assert '"gave-up"' not in dot
    assert "persona: A" in dot
    assert '"gave-up"' in render_dot(make_view(doc, "b"))


def test_highlight_findings_outlines_by_the_most_severe_finding(tmp_path):
    path = tmp_path / "map.yaml"
    doc = doc_from_text(tmp_path, SMALL)
    findings = lint_findings(path)
    assert sorted((f.element, f.severity.label) for f in findings if f.element.startswith(("t", "p", "s"))) == [
        ("pain_point:p1", "warning"), ("pain_point:p2", "warning"), ("stage:empty", "warning"),
        ("touchpoint:gave-up", "warning"), ("transition:won->choose", "error"),
        ("transition:won->choose", "info"), ("transition:won->choose", "warning"),
    ]
    view = make_view(doc, findings=findings)
    dot = render_dot(view, highlight_findings=True)
    plain = render_dot(view)
    assert "penwidth=3" not in plain
    # error beats warning and info on the same transition; warnings are orange.
    assert 'color="#d7191c", penwidth=3' in edge_line(dot, "won", "to:1")
    assert 'color="#d7191c", penwidth=3' in edge_line(dot, "from:1", "choose")
    assert 'color="#e69f00", penwidth=3' in node_line(dot, "gave-up")
    # A pain point's finding outlines its touchpoint; a stage's finding its cluster.
    assert 'color="#e69f00", penwidth=3' in node_line(dot, "start")
    assert re.search(r'graph \[label=<[^\n]*<B>3\. Empty</B>[^\n]*>, style="rounded", color="#e69f00", penwidth=3', dot)
    assert "penwidth=3" not in edge_line(dot, "choose", "via:0")
    assert dot.count("penwidth=3") == 5
    assert "JM302 low-emotion-unexplained: touchpoint &#39;gave-up&#39;" not in node_line(dot, "gave-up")
    assert "\\nJM302 low-emotion-unexplained: touchpoint 'gave-up' has emotion 1" in node_line(dot, "gave-up")


def test_dot_missing_says_how_to_get_it(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(DotError) as caught:
        run_dot("digraph {}", "svg")
    assert str(caught.value) == DOT_MISSING == (
        "Graphviz 'dot' not found: install it (apt-get install graphviz, brew install graphviz) or use --to dot"
    )


@pytest.mark.parametrize("path", ALL_MAPS, ids=IDS)
def test_every_name_survives_dot_intact(path):
    doc = load_doc(path)
    view = make_view(doc, findings=lint_findings(path))
    svg = run_real_dot(render_dot(view, highlight_findings=True))
    nodes = svg_node_texts(svg)
    for tp in doc.journey.touchpoints:
        assert normalise(clean(tp.name)) in nodes[tp.id], tp.id
    edges = svg_edge_texts(svg)
    for tp in doc.journey.touchpoints:
        for transition in tp.next:
            if transition.to is None:
                continue
            label = edges[f"{tp.id}->{transition.to}"]
            if transition.when:
                assert normalise(clean(transition.when)) in label
            if transition.handoff is not None:
                for item in transition.handoff.carries:
                    assert normalise(clean(item)) in label


def test_the_hostile_map_keeps_backslashes_quotes_and_scripts():
    svg = run_real_dot(render_dot(make_view(load_doc(HOSTILE))))
    nodes = svg_node_texts(svg)
    assert nodes["backslash"].startswith("Back\\slash \\N \\G \\l \\\\ end\\ ")
    assert nodes["quotes"].startswith("Quotes \"double\" and 'single' and `back`")
    assert nodes["hebrew"].startswith("קביעת תור אצל הרופא (דחוף!)")
    assert nodes["emoji"].startswith("Emoji 🚰💧🔧 👩\u200d🔧 🏳️\u200d🌈 ✔✖⚠")
    assert nodes["controls"].startswith("Tab here, bell \ufffd, NUL \ufffd, RLM \u200f, LS done")
    assert 'xlink:title="Back\\slash \\N \\G \\l \\\\ end\\' in svg.decode("utf-8")


def test_output_is_deterministic(small):
    assert render_dot(small) == render_dot(small)
    doc = load_doc(HOSTILE)
    assert render(make_view(doc), "dot") == render(make_view(load_doc(HOSTILE)), "dot")


def test_text_longer_than_graphviz_reads_in_one_string_is_shortened(tmp_path):
    # Graphviz rejects any quoted or HTML string over 16,384 characters: long names,
    # conditions, descriptions and ids must still give DOT it accepts.
    long_id = "t" + "-x" * 1500
    name = "Ωραία " * 8000
    backslashes = "\\" * 30000
    doc = doc_from_text(tmp_path, f"""
id: long
title: '{'&' * 20000}'
stages: [{{id: s, name: '{'"' * 20000}'}}]
touchpoints:
  - id: {long_id}
    name: '{name}'
    description: '{backslashes}'
    stage: s
    channel: web
    entry: true
    next: [{{to: done, when: '{'<' * 20000}'}}]
  - {{id: done, name: Done, stage: s, channel: web, end: success}}
""")
    dot = render_dot(make_view(doc))
    # Every string is on one line: no line reaches the limit.
    assert max(len(line) for line in dot.splitlines()) < 16384
    node_id = long_id[:200] + "…" + hashlib.sha256(long_id.encode()).hexdigest()[:16]
    node = node_line(dot, node_id)
    label = node.split(", tooltip=")[0]
    assert "<B>Ωραία Ωραία Ωραία Ωραία<BR/>" in label and "Ωραία…</B>" in label
    assert label.count("Ωραία") == 49  # 300 characters, cut at the last space: 49 words
    assert "&amp;" * 299 + "…" in dot and "&amp;" * 300 not in dot
    texts = svg_node_texts(run_real_dot(dot))
    assert texts[node_id].startswith("Ωραία Ωραία")
