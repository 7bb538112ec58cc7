"""The flow view as Graphviz draws it: bands, frames, rows and labels checked on ``dot -Tjson``.

Every example and the map of hostile labels is laid out by the real ``dot``, in both
directions and on every page, and the drawing is held to the facts a reader relies on:
the lanes are bands in blueprint order with straight lines between them, every
touchpoint sits inside its lane's band and its stage's frame, the frames of a row start
on one line, a wrapped drawing is no wider than 2:1, and every edge label sits next to
its edge.
"""

from __future__ import annotations

import json
import math
import re

import pytest

from journeyctl.model import Lane
from journeyctl.outputs.render.dot import render_dot
from journeyctl.outputs.render.layout import LANE_ORDER
from journeyctl.outputs.render.view import make_view
from render.support import HOSTILE, doc_from_text, example_maps, load_doc, run_dot

ALL_MAPS = [*example_maps(), HOSTILE]
LAYOUTS = [("LR", None), ("LR", "a4"), ("LR", "a3"), ("LR", "slide"), ("TB", None), ("TB", "slide")]
#: How far (in points) an edge label's text may be from its edge's curve: three lines of
#: its text. Graphviz sets a label beside its edge in the column between the two nodes,
#: and a steep edge may leave the label's corner by that much.
LABEL_REACH = 3 * 9 * 1.2 + 3
#: Graphviz rounds the boxes of clusters to whole points.
FRAME_ROUNDING = 1.0
#: Graphviz writes coordinates with two decimals.
EPSILON = 0.05


class Drawing:
    """``dot -Tjson`` of a DOT text: node boxes, cluster boxes, edge curves and labels, in
    points with y growing upwards."""

    def __init__(self, dot_text: str) -> None:
        data = json.loads(run_dot(dot_text, "json"))
        self.width, self.height = (float(v) for v in data["bb"].split(",")[2:])
        self.nodes: dict[str, tuple[float, float, float, float]] = {}
        names: dict[int, str] = {}
        self.clusters: dict[str, tuple[float, float, float, float]] = {}
        self.members: dict[str, set[str]] = {}
        objects = data["objects"]
        for obj in objects:
            if "pos" in obj:
                x, y = (float(v) for v in obj["pos"].split(","))
                w, h = float(obj["width"]) * 72, float(obj["height"]) * 72
                self.nodes[obj["name"]] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
                names[obj["_gvid"]] = obj["name"]
        for obj in objects:
            if obj["name"].startswith("cluster"):
                self.clusters[obj["name"]] = tuple(float(v) for v in obj["bb"].split(","))
                self.members[obj["name"]] = {names[i] for i in obj.get("nodes", [])}
        self.edges: list[tuple[str, str, list[tuple[float, float]], tuple[float, float, float, float] | None]] = []
        for edge in data.get("edges", []):
            points = [tuple(p) for op in edge.get("_draw_", []) if op["op"] in ("b", "B") for p in op["points"]]
            label = _text_box(edge.get("_ldraw_", []))
            self.edges.append((names[edge["tail"]], names[edge["head"]], points, label))


def _text_box(ops) -> tuple[float, float, float, float] | None:
    """The box around the text an ``_ldraw_`` draws, from each line's anchor, width and size."""
    boxes = []
    size = 9.0
    for op in ops:
        if op["op"] == "F":
            size = float(op["size"])
        elif op["op"] == "T":
            x, y = op["pt"]
            width = float(op["width"])
            left = {"l": x, "c": x - width / 2, "r": x - width}[op["align"]]
            boxes.append((left, y - size * 0.25, left + width, y + size * 0.9))
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _curve(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points along the cubic Bézier pieces of a Graphviz spline."""
    out = []
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i:i + 4]
        for step in range(21):
            t = step / 20
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out or points


def _distance_to_box(point: tuple[float, float], box: tuple[float, float, float, float]) -> float:
    x, y = point
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return math.hypot(dx, dy)


def _inside(inner, outer) -> bool:
    return (inner[0] >= outer[0] - EPSILON and inner[1] >= outer[1] - EPSILON
            and inner[2] <= outer[2] + EPSILON and inner[3] <= outer[3] + EPSILON)


def _draw(path, direction, page):
    doc = load_doc(path)
    dot = render_dot(make_view(doc), direction=direction, page=page)
    return doc, dot, Drawing(dot)


def _rows(drawing: Drawing) -> int:
    return len({name.split(":")[1] for name in drawing.nodes if name.startswith("line:")})


def _across(direction: str):
    """Where a box lies across the flow, as (first edge, last edge) from the flow's start
    side: from the top in a left-to-right layout, from the left in a top-to-bottom one."""
    if direction == "LR":
        return lambda box: (-box[3], -box[1])
    return lambda box: (box[0], box[2])


def _separator(drawing: Drawing, row: int, kind: str, direction: str) -> float:
    """Where a row's line (or start/end edge) runs across the flow, from the flow's start
    side: the same in every column of the row."""
    positions = set()
    for name, box in drawing.nodes.items():
        if re.fullmatch(rf"line:{row}:[0-9+]+:{kind}", name):
            positions.add(round(-(box[1] + box[3]) / 2 if direction == "LR" else (box[0] + box[2]) / 2, 1))
    assert len(positions) == 1, (row, kind, sorted(positions))
    return positions.pop()


@pytest.mark.parametrize(("direction", "page"), LAYOUTS, ids=[f"{d}-{p or 'none'}" for d, p in LAYOUTS])
@pytest.mark.parametrize("path", ALL_MAPS, ids=[p.stem for p in ALL_MAPS])
def test_lanes_are_bands_and_touchpoints_sit_in_their_band_and_frame(path, direction, page):
    doc, dot, drawing = _draw(path, direction, page)
    across = _across(direction)
    lanes = {tp.id: tp.lane for tp in doc.journey.touchpoints}
    shown = [lane for lane in LANE_ORDER if f"lane:0:{lane.value}" in drawing.nodes]
    assert shown[:3] == [Lane.CUSTOMER, Lane.FRONTSTAGE, Lane.BACKSTAGE]
    kinds = ["start", *["interaction", "visibility", "internal"][:len(shown) - 1], "end"]
    for row in range(_rows(drawing)):
        # The lines run straight through the row, in blueprint order, and each lane's
        # name lies between the lines around its band.
        edges = [_separator(drawing, row, kind, direction) for kind in kinds]
        assert edges == sorted(edges), (row, edges)
        for index, lane in enumerate(shown):
            first, last = across(drawing.nodes[f"lane:{row}:{lane.value}"])
            assert edges[index] < first and last < edges[index + 1], (row, lane)
        row_of = {name: row for name in drawing.nodes if re.match(rf"(line|lane):{row}:", name)}
        # Every touchpoint of the row inside its lane's band and its stage's frame.
        frames = {name: members for name, members in drawing.members.items() if name.startswith("cluster_stage_")}
        for frame, members in frames.items():
            if not any(row_of.get(m) == row for m in members):
                continue
            for name in members & lanes.keys():
                first, last = across(drawing.nodes[name])
                index = shown.index(lanes[name])
                assert edges[index] < first and last < edges[index + 1], (name, lanes[name])
                assert _inside(drawing.nodes[name], drawing.clusters[frame]), (name, frame)
        # Every frame of the row starts on the row's start line.
        starts = [across(drawing.clusters[f])[0] for f, m in frames.items() if any(row_of.get(n) == row for n in m)]
        assert max(starts) - min(starts) <= FRAME_ROUNDING, (row, starts)


@pytest.mark.parametrize(("direction", "page"), LAYOUTS, ids=[f"{d}-{p or 'none'}" for d, p in LAYOUTS])
@pytest.mark.parametrize("path", ALL_MAPS, ids=[p.stem for p in ALL_MAPS])
def test_rows_follow_each_other_and_a_page_keeps_the_drawing_within_two_to_one(path, direction, page):
    doc, dot, drawing = _draw(path, direction, page)
    rows = _rows(drawing)
    starts = [_separator(drawing, row, "start", direction) for row in range(rows)]
    ends = [_separator(drawing, row, "end", direction) for row in range(rows)]
    for row in range(1, rows):
        assert ends[row - 1] < starts[row]
    if page is None:
        assert rows == 1
    else:
        wide, narrow = max(drawing.width, drawing.height), min(drawing.width, drawing.height)
        assert drawing.width / drawing.height <= 2, (drawing.width, drawing.height, rows)
        if direction == "LR":
            # Landscape pages: a wrapped drawing is no taller than wide by more than 2:1 either.
            assert wide / narrow <= 2, (drawing.width, drawing.height)


@pytest.mark.parametrize(("direction", "page"), LAYOUTS, ids=[f"{d}-{p or 'none'}" for d, p in LAYOUTS])
@pytest.mark.parametrize("path", ALL_MAPS, ids=[p.stem for p in ALL_MAPS])
def test_every_edge_label_is_next_to_its_edge(path, direction, page):
    doc, dot, drawing = _draw(path, direction, page)
    labelled = 0
    for tail, head, points, label in drawing.edges:
        if label is None:
            continue
        labelled += 1
        nearest = min(_distance_to_box(p, label) for p in _curve(points))
        assert nearest <= LABEL_REACH, (tail, head, round(nearest, 1))
    assert labelled == dot.count("label=<<I>[") + dot.count("label=<⇢")


def test_the_plumber_on_a_slide_wraps_into_rows_joined_by_numbered_connectors():
    path = next(p for p in ALL_MAPS if p.stem == "emergency-plumber")
    doc, dot, drawing = _draw(path, "LR", "slide")
    assert _rows(drawing) == 4
    # A transition from one row to another (or back against the flow) ends at a numbered
    # circle after its source and starts again from the same number before its target.
    pairs = re.findall(r'^  "([^"]+)" -> "to:(\d+)"', dot, re.M)
    arrivals = dict((number, target) for number, target in re.findall(r'^  "from:(\d+)" -> "([^"]+)"', dot, re.M))
    assert [(source, arrivals[number]) for source, number in pairs] == [
        ("search", "call-office"),
        ("search", "book-online"),
        ("yard-sign", "call-office"),
        ("confirm-sms", "en-route"),
        ("repair", "pay-on-site"),
        ("complaint-callback", "diagnose"),
    ]
    assert [number for _, number in pairs] == ["1", "2", "3", "4", "5", "6"]
    # The label goes with the stretch from the source.
    assert re.search(r'^  "search" -> "to:2" \[label=<<I>\[office is closed or the line is busy\]</I>>', dot, re.M)


def test_top_to_bottom_puts_the_lanes_side_by_side(tmp_path):
    text = """
id: two
title: Two
stages: [{id: a, name: A}, {id: b, name: B}]
touchpoints:
  - {id: c, name: C, stage: a, channel: web, lane: customer, entry: true, next: [f]}
  - {id: f, name: F, stage: a, channel: web, next: [s]}
  - {id: s, name: S, stage: b, lane: support, end: success}
"""
    view = make_view(doc_from_text(tmp_path, text))
    drawing = Drawing(render_dot(view, direction="TB"))
    x = {name: (box[0] + box[2]) / 2 for name, box in drawing.nodes.items()}
    y = {name: (box[1] + box[3]) / 2 for name, box in drawing.nodes.items()}
    assert x["lane:0:customer"] < x["lane:0:frontstage"] < x["lane:0:backstage"] < x["lane:0:support"]
    assert x["c"] < x["f"] < x["s"]
    # Stages follow each other downwards.
    assert y["c"] > y["s"]
    assert drawing.clusters["cluster_stage_0"][0] == pytest.approx(drawing.clusters["cluster_stage_1"][0], abs=EPSILON)
