"""``journeyctl show``: one fact per line, and the textconv mode that never fails."""

from __future__ import annotations

from journeyctl.cli import run
from journeyctl.loading.yamlload import load_yaml
from journeyctl.review.show import facts, textconv

MAP = """\
journeyctl: 1
id: plumber
title: Booking a plumber
tags: [home, b2c]
emotion_scale: {min: -2, max: 2}
personas:
  - id: owner
    name: Homeowner
    goals: [Fix it today, "Know the price: up front"]
    preferred_channels: [phone, sms]
  - senior
stages:
  - {id: book, name: Book}
touchpoints:
  - id: call-office
    name: Calls the office
    stage: book
    channel: phone
    emotion: -2
    pain_points:
      - {id: on-hold, summary: Waits on hold, severity: high}
    metrics: {csat: 3.1, volume: 420}
    next:
      - to: dispatch-job
        when: slot available
        handoff:
          carries: [address, problem description]
          sla: 10m
      - voicemail
      - {journey: renewal, touchpoint: reminder}
roadmap:
  - {id: callback, title: Offer a call-back, addresses: [on-hold], priority: must, milestone: 2027-Q1}
"""

FACTS = [
    "journey plumber: journeyctl 1",
    "journey plumber: id plumber",
    'journey plumber: title "Booking a plumber"',
    "journey plumber: tags [home, b2c]",
    "journey plumber: emotion_scale.min -2",
    "journey plumber: emotion_scale.max 2",
    'persona owner: name Homeowner',
    'persona owner: goals "Fix it today"',
    'persona owner: goals "Know the price: up front"',
    "persona owner: preferred_channels [phone, sms]",
    "persona senior: from a catalog",
    'stage book: name Book',
    'touchpoint call-office: name "Calls the office"',
    "touchpoint call-office: stage book",
    "touchpoint call-office: channel phone",
    "touchpoint call-office: emotion -2",
    "touchpoint call-office: metrics.csat 3.1",
    "touchpoint call-office: metrics.volume 420",
    'pain point on-hold at call-office: summary "Waits on hold"',
    "pain point on-hold at call-office: severity high",
    'transition call-office->dispatch-job when "slot available" handoff carries [address, "problem description"] sla 10m',
    "transition call-office->voicemail",
    "transition call-office->journey:renewal/reminder",
    'roadmap item callback: title "Offer a call-back"',
    "roadmap item callback: addresses [on-hold]",
    "roadmap item callback: priority must",
    "roadmap item callback: milestone 2027-Q1",
]


def test_a_map_becomes_one_fact_per_line():
    assert facts(load_yaml(MAP).data) == FACTS


def test_layout_key_order_and_comments_do_not_change_the_facts():
    from journeyctl.review.fmt import format_text

    shuffled = "# a comment\n" + MAP.replace("id: plumber\ntitle: Booking a plumber\n", "title: Booking a plumber  # t\nid: plumber\n")
    assert textconv(shuffled.encode()) == textconv(format_text(MAP).encode()) == ("\n".join(FACTS) + "\n").encode()


def test_text_that_could_be_read_as_something_else_is_quoted():
    data = {"journeyctl": 1, "id": "j", "title": "2026", "x-a": "true", "x-b": 2026, "x-c": "two\nlines", "x-d": None}
    assert facts(data)[2:] == [
        'journey j: title "2026"', 'journey j: x-a "true"', "journey j: x-b 2026",
        'journey j: x-c "two\\nlines"', "journey j: x-d null",
    ]


def test_textconv_passes_anything_else_through_unchanged():
    for raw in (b"name: a workflow\non: push\n", b"journeyctl: 1\nid: [broken\n", b"\xff\xfe\x00binary", b""):
        assert textconv(raw) == raw


def test_show_command(tmp_path, capsys):
    (tmp_path / "m.yaml").write_text(MAP)
    (tmp_path / "broken.yaml").write_text("journeyctl: 1\nid: [x\n")
    assert run(["show", str(tmp_path / "m.yaml")]) == 0
    assert capsys.readouterr().out == "\n".join(FACTS) + "\n"
    assert run(["show", str(tmp_path / "broken.yaml")]) == 1
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'broken.yaml'}:3:1: invalid YAML:")
    assert run(["show", "--textconv", str(tmp_path / "broken.yaml")]) == 0
    assert capsys.readouterr().out == "journeyctl: 1\nid: [x\n"
    assert run(["show", str(tmp_path / "missing.yaml")]) == 2


def test_show_never_reads_a_pipe(tmp_path, capsys):
    import os

    os.mkfifo(tmp_path / "pipe.yaml")
    assert run(["show", "--textconv", str(tmp_path / "pipe.yaml")]) == 2
    assert capsys.readouterr().err == (
        f"journeyctl: error: {tmp_path / 'pipe.yaml'}: cannot read: not a regular file (a folder, device, pipe or socket)\n"
    )
