"""Path analysis: every entry→end path, its costs, the longest and the worst, and the bounds."""

from __future__ import annotations

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.analysis.paths import analyse_paths, format_emotion, format_text
from journeyctl.outputs.render.view import make_view
from cost import fastest
from render.support import doc_from_text

BOOKING = """
id: booking
title: Booking
personas:
  - {id: caller, name: Caller}
  - {id: clicker, name: Clicker}
teams: [{id: desk, name: Desk}, {id: ops, name: Ops}]
stages: [{id: s, name: S}]
touchpoints:
  - id: search
    name: Search
    stage: s
    channel: web
    lane: customer
    entry: true
    emotion: -1
    next:
      - call
      - {to: form, when: office closed}
  - id: call
    name: Call
    stage: s
    channel: phone
    owner: desk
    personas: [caller]
    decision: true
    emotion: -2
    next:
      - {to: dispatch, when: slot free, handoff: {carries: [address], sla: 10m}}
      - {to: voicemail, when: after hours}
  - id: form
    name: Form
    stage: s
    channel: web
    owner: desk
    personas: [clicker]
    emotion: 0
    next:
      - {to: dispatch, handoff: {carries: [address, photos]}}
  - {id: voicemail, name: Voicemail, stage: s, channel: phone, owner: desk, end: abandoned, emotion: -2}
  - id: dispatch
    name: Dispatch
    stage: s
    lane: backstage
    owner: ops
    next:
      - {to: visit, handoff: {carries: [job sheet]}}
  - id: visit
    name: Visit
    stage: s
    channel: in-person
    owner: ops
    emotion: 2
    next:
      - {to: dispatch, when: revisit needed}
      - {to: done, when: fixed}
      - {journey: booking, touchpoint: search, when: needs another job}
  - {id: done, name: Done, stage: s, channel: email, owner: ops, end: success, emotion: 1}
"""


def report_for(tmp_path, text=BOOKING, persona=None, **bounds):
    doc = doc_from_text(tmp_path, text)
    view = make_view(doc, persona)
    return analyse_paths(view.graph, view.shown_ids, persona=persona, **bounds)


def test_every_path_with_its_costs(tmp_path):
    report = report_for(tmp_path)
    rows = [
        (p.touchpoints, p.outcome, p.length, p.channel_switches, p.handoffs, p.min_emotion, p.mean_emotion)
        for p in report.paths
    ]
    assert rows == [
        (("search", "call", "dispatch", "visit", "done"), "success", 5, 3, 2, -2, 0.0),
        (("search", "call", "dispatch", "visit"), "→ booking/search", 4, 2, 2, -2, -1 / 3),
        (("search", "call", "voicemail"), "abandoned", 3, 1, 0, -2, -5 / 3),
        (("search", "form", "dispatch", "visit", "done"), "success", 5, 2, 2, -1, 0.5),
        (("search", "form", "dispatch", "visit"), "→ booking/search", 4, 1, 2, -1, 1 / 3),
    ]
    assert report.entries == ["search"]
    assert report.truncated is None
    assert report.longest == 0
    assert report.worst == 2


def test_persona_walks_only_their_touchpoints(tmp_path):
    report = report_for(tmp_path, persona="clicker")
    assert [p.touchpoints for p in report.paths] == [
        ("search", "form", "dispatch", "visit", "done"),
        ("search", "form", "dispatch", "visit"),
    ]
    assert report.persona == "clicker"
    assert report.worst == 1


def test_text_output(tmp_path):
    assert format_text([report_for(tmp_path, persona="clicker")]) == (
        "booking (persona clicker): 2 paths from 1 entry\n"
        "  1. search → form → dispatch → visit → done  [success]\n"
        "     5 touchpoints, 2 channel switches, 2 handoffs, emotion min -1, mean 0.5\n"
        "  2. search → form → dispatch → visit  [→ booking/search]\n"
        "     4 touchpoints, 1 channel switch, 2 handoffs, emotion min -1, mean 0.33\n"
        "  longest: path 1 (5 touchpoints)\n"
        "  worst: path 2 (mean emotion 0.33, min -1)\n"
    )


def test_json_shape(tmp_path):
    data = report_for(tmp_path, persona="clicker").to_dict()
    assert data == {
        "journey": "booking",
        "persona": "clicker",
        "entries": ["search"],
        "truncated": None,
        "longest": 1,
        "worst": 2,
        "paths": [
            {
                "number": 1, "touchpoints": ["search", "form", "dispatch", "visit", "done"], "end": "success",
                "exit": None, "length": 5, "channel_switches": 2, "handoffs": 2, "min_emotion": -1,
                "mean_emotion": 0.5, "longest": True, "worst": False,
            },
            {
                "number": 2, "touchpoints": ["search", "form", "dispatch", "visit"], "end": None,
                "exit": "booking/search", "length": 4, "channel_switches": 1, "handoffs": 2, "min_emotion": -1,
                "mean_emotion": 0.33, "longest": False, "worst": True,
            },
        ],
    }


def test_entry_that_is_an_end_and_a_journey_without_paths(tmp_path):
    report = report_for(tmp_path, """
        id: tiny
        title: Tiny
        stages: [{id: s, name: S}]
        touchpoints:
          - {id: only, name: Only, stage: s, channel: web, entry: true, end: success}
          - {id: loop-a, name: A, stage: s, channel: web, entry: true, next: [loop-b]}
          - {id: loop-b, name: B, stage: s, channel: web, next: [loop-a]}
    """)
    assert [p.touchpoints for p in report.paths] == [("only",)]
    assert report.worst is None
    assert format_text([report]).splitlines()[-1] == "  longest: path 1 (1 touchpoint)"


def test_no_path_reaches_an_end(tmp_path):
    report = report_for(tmp_path, """
        id: trapped
        title: Trapped
        stages: [{id: s, name: S}]
        touchpoints:
          - {id: menu, name: Menu, stage: s, channel: phone, entry: true, next: [press-1]}
          - {id: press-1, name: Press 1, stage: s, channel: phone, next: [menu]}
          - {id: unused-end, name: End, stage: s, channel: phone, end: success}
    """)
    assert report.paths == []
    assert format_text([report]) == "trapped: 0 paths from 1 entry\n  no path from an entry reaches an end\n"


def _diamonds(count: int) -> str:
    """``count`` decisions in a row, each with two ways to the next: 2**count paths."""
    lines = ["id: diamonds", "title: Diamonds", "stages: [{id: s, name: S}]", "touchpoints:"]
    for i in range(count):
        lines.append(f"  - {{id: d{i}, name: D{i}, stage: s, channel: web, {'entry: true, ' if i == 0 else ''}"
                     f"next: [a{i}, b{i}]}}")
        lines.append(f"  - {{id: a{i}, name: A{i}, stage: s, channel: web, next: [d{i + 1}]}}")
        lines.append(f"  - {{id: b{i}, name: B{i}, stage: s, channel: app, next: [d{i + 1}]}}")
    lines.append(f"  - {{id: d{count}, name: End, stage: s, channel: web, end: success}}")
    return "\n".join(lines) + "\n"


def test_exponentially_many_paths_stop_at_the_bound(tmp_path):
    (tmp_path / "small").mkdir()
    doc = doc_from_text(tmp_path, _diamonds(40))
    small = doc_from_text(tmp_path / "small", _diamonds(9))  # 512 paths: over the bound too
    report = analyse_paths(JourneyGraph(doc.journey), max_paths=500)
    # 2**40 paths, but the search stops at 500 as it does for 2**9: about the same cost.
    baseline = fastest(lambda: analyse_paths(JourneyGraph(small.journey), max_paths=500))
    assert fastest(lambda: analyse_paths(JourneyGraph(doc.journey), max_paths=500)) < 20 * baseline
    assert len(report.paths) == 500
    assert report.truncated == "stopped after 500 paths; there are more"
    assert "  truncated: stopped after 500 paths; there are more" in format_text([report])


def test_exactly_max_paths_is_not_truncated(tmp_path):
    doc = doc_from_text(tmp_path, _diamonds(3))
    report = analyse_paths(JourneyGraph(doc.journey), max_paths=8)
    assert len(report.paths) == 8
    assert report.truncated is None


def test_the_search_itself_is_bounded(tmp_path):
    doc = doc_from_text(tmp_path, _diamonds(40))
    report = analyse_paths(JourneyGraph(doc.journey), max_paths=10**9, max_steps=1000)
    assert report.truncated == "stopped after 1,000 steps of the search; there may be more paths"


def test_loops_are_walked_once(tmp_path):
    report = report_for(tmp_path)
    for path in report.paths:
        assert len(set(path.touchpoints)) == len(path.touchpoints)


def test_format_emotion():
    assert [format_emotion(v) for v in (None, -0.001, 0.5, -1 / 3, 2.0, 1.999)] == ["–", "0", "0.5", "-0.33", "2", "2"]


def _ladder(count: int) -> str:
    """``count`` touchpoints, each with two ways on."""
    lines = ["id: long", "title: Long", "stages: [{id: s, name: S}]", "touchpoints:"]
    for i in range(count - 1):
        targets = ", ".join(f"t{j}" for j in (i + 1, i + 2) if j < count)
        lines.append(f"  - {{id: t{i}, name: T{i}, stage: s, channel: {'web' if i % 3 else 'app'}, "
                     f"emotion: {i % 5 - 2}, {'entry: true, ' if i == 0 else ''}next: [{targets}]}}")
    lines.append(f"  - {{id: t{count - 1}, name: End, stage: s, channel: web, end: success}}")
    return "\n".join(lines) + "\n"


def test_long_maps_with_many_paths_stay_fast(tmp_path):
    """2,000 touchpoints, each with two ways on: measuring a path must not cost its length."""
    count = 2000
    (tmp_path / "short").mkdir()
    doc = doc_from_text(tmp_path, _ladder(count))
    short = doc_from_text(tmp_path / "short", _ladder(count // 8))
    report = analyse_paths(JourneyGraph(doc.journey))
    # 1,000 paths either way, 8 times as long: 8 times the cost if measuring a path is
    # linear in its length, 64 times if it is quadratic.
    baseline = fastest(lambda: analyse_paths(JourneyGraph(short.journey)))
    assert fastest(lambda: analyse_paths(JourneyGraph(doc.journey))) < 24 * baseline
    assert len(report.paths) == 1000
    assert report.paths[0].length == count
    assert report.paths[0].channel_switches == 2 * ((count - 2) // 3) + 1
