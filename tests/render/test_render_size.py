"""Maps too large for Graphviz to lay out in seconds get one line instead of a long wait."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from journeyctl.cli import run
from journeyctl.outputs.render.dot import render_dot
import journeyctl.outputs.render.graphviz_run
from journeyctl.outputs.render.layout import MAX_LAYOUT_COST, layout_cost
from journeyctl.outputs.render.view import make_view
from render.support import doc_from_text, load_doc

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import generate  # noqa: E402  (benchmarks/ is not a package)

CHAIN = """
id: chain
title: Chain
stages: [{id: a, name: A}, {id: b, name: B}]
touchpoints:
  - {id: t0, name: T0, stage: a, channel: web, entry: true, next: [t1]}
  - {id: t1, name: T1, stage: a, channel: web, next: [t2]}
  - {id: t2, name: T2, stage: b, channel: web, entry: true, next: [t0]}
  - {id: t3, name: T3, stage: b, channel: web, end: success}
"""


def tangle(touchpoints: int) -> str:
    """A chain whose every step also jumps back: the worst shape for Graphviz found."""
    lines = ["journeyctl: 1", "id: tangle", "title: Tangle", "stages: [{id: s1, name: S1}, {id: s2, name: S2}]",
             "touchpoints:"]
    for i in range(touchpoints):
        tail = f", next: [t{i + 1}, t{(i * 7) % touchpoints}]" if i < touchpoints - 1 else ", end: success"
        lines.append(f"  - {{id: t{i}, name: T, stage: s{1 + 2 * i // touchpoints}, channel: web, entry: true{tail}}}")
    return "\n".join(lines) + "\n"


def test_layout_cost_counts_nodes_transitions_and_the_columns_they_cross(tmp_path):
    # Columns 0-4: stage a = [entry:t0] [t0] [t1], stage b = [entry:t2, t3] [t2]: 6 nodes
    # and 2 entry arrows. Transitions: t0->t1 (next column), t1->t2 (crosses column 3) and
    # t2->t0 (back across columns 2 and 3): 3 edges and 3 hidden nodes.
    view = make_view(doc_from_text(tmp_path, CHAIN))
    assert layout_cost(view) == 6 + 2 + 3 + 3


def test_a_realistic_map_of_300_touchpoints_is_laid_out(tmp_path):
    # The benchmark corpus's maps: a happy path with detours, handoffs and pain points.
    path = tmp_path / "map.yaml"
    path.write_text(generate.journey_map(0, 300), encoding="utf-8")
    view = make_view(load_doc(path))
    assert (len(view.touchpoints), layout_cost(view)) == (300, 1156)
    assert layout_cost(view) <= MAX_LAYOUT_COST


def test_a_map_too_large_for_graphviz_is_one_line_and_graphviz_never_runs(tmp_path, monkeypatch, capsys):
    def never(*args, **kwargs):
        raise AssertionError("Graphviz was run")

    monkeypatch.setattr(journeyctl.outputs.render.graphviz_run, "run_dot", never)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tangle.yaml").write_text(tangle(125), encoding="utf-8")
    assert run(["render", "--to", "svg", "tangle.yaml", "-o", "tangle.svg"]) == 2
    assert capsys.readouterr() == (
        "",
        "journeyctl: error: tangle.yaml: too large for Graphviz to lay out in reasonable time "
        "(125 touchpoints, 248 transitions: layout cost 5,295, at most 2,000): use --to dot or --to mermaid\n",
    )
    assert not (tmp_path / "tangle.svg").exists()
    # What the line suggests works, and writes the file.
    assert run(["render", "--to", "dot", "tangle.yaml", "-o", "tangle.dot"]) == 0
    assert (tmp_path / "tangle.dot").read_text(encoding="utf-8").startswith('digraph "tangle" {\n')


@pytest.mark.parametrize("touchpoints", [60, 70])
def test_the_worst_shape_under_the_bound_is_admitted(tmp_path, touchpoints):
    view = make_view(doc_from_text(tmp_path, tangle(touchpoints).removeprefix("journeyctl: 1\n")))
    assert layout_cost(view) <= MAX_LAYOUT_COST


def test_an_entry_dot_sits_right_in_front_of_its_touchpoint(tmp_path):
    # Every step of a chain is an entry: each dot shares the column of the step before its
    # own, instead of all of them piling up in the stage's first column.
    text = ("id: entries\ntitle: Entries\nstages: [{id: s, name: S}]\ntouchpoints:\n"
            + "".join(f"  - {{id: t{i}, name: T{i}, stage: s, channel: web, entry: true, next: [t{i + 1}]}}\n"
                      for i in range(3))
            + "  - {id: t3, name: T3, stage: s, channel: web, entry: true, end: success}\n")
    dot = render_dot(make_view(doc_from_text(tmp_path, text)))
    separators = '"line:0:{0}:start"; "line:0:{0}:interaction"; "line:0:{0}:visibility"; "line:0:{0}:end"; '
    assert re.findall(r"^      \{ rank=same; (.*) \}$", dot, re.M) == [
        separators.format(1) + '"entry:t0";',
        separators.format(2) + '"t0"; "entry:t1";',
        separators.format(3) + '"t1"; "entry:t2";',
        separators.format(4) + '"t2"; "entry:t3";',
        separators.format(5) + '"t3";',
    ]


def test_a_map_with_too_much_label_text_for_graphviz_is_one_line(tmp_path, monkeypatch, capsys):
    # A chain of 990 steps whose names and conditions are all 300 characters: a modest
    # layout cost, but 1.5 MB of DOT for Graphviz to measure and place.
    def never(*args, **kwargs):
        raise AssertionError("Graphviz was run")

    monkeypatch.setattr(journeyctl.outputs.render.graphviz_run, "run_dot", never)
    monkeypatch.chdir(tmp_path)
    text = ("lorem ipsum dolor sit amet " * 12)[:300]
    lines = ["journeyctl: 1", "id: wordy", "title: Wordy", "stages: [{id: s, name: S}]", "touchpoints:"]
    for i in range(990):
        tail = f"next: [{{to: t{i + 1}, when: '{text}'}}]" if i < 989 else "end: success"
        lines.append(f"  - {{id: t{i}, name: '{text}', stage: s, channel: web, entry: {str(i == 0).lower()}, {tail}}}")
    (tmp_path / "wordy.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    view = make_view(load_doc(tmp_path / "wordy.yaml"))
    assert layout_cost(view) == 1981 <= MAX_LAYOUT_COST
    assert run(["render", "--to", "png", "wordy.yaml", "-o", "wordy.png"]) == 2
    out, err = capsys.readouterr()
    assert (out, not (tmp_path / "wordy.png").exists()) == ("", True)
    size = len(render_dot(view))
    assert 1_400_000 < size
    assert err == (
        "journeyctl: error: wordy.yaml: too large for Graphviz to lay out in reasonable time "
        f"(990 touchpoints, 989 transitions: {size:,} characters of DOT, at most 1,000,000): "
        "use --to dot or --to mermaid\n"
    )


def test_the_dot_of_a_map_beyond_the_layout_bound_keeps_plain_edges(tmp_path):
    # Within the bound a transition passes a point in every column it crosses (as many as
    # the layout cost counts); beyond it the DOT, for other tools, stays in proportion to
    # the map instead of growing with the square of its long jumps.
    small = make_view(doc_from_text(tmp_path, tangle(60).removeprefix("journeyctl: 1\n")))
    assert layout_cost(small) <= MAX_LAYOUT_COST
    assert '"via:' in render_dot(small)
    large = make_view(doc_from_text(tmp_path, tangle(600).removeprefix("journeyctl: 1\n")))
    assert layout_cost(large) > MAX_LAYOUT_COST
    dot = render_dot(large)
    assert '"via:' not in dot
    assert len(dot) < 3_000 * len(large.touchpoints)
