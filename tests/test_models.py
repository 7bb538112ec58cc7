"""Every field of every model: what it accepts, and the located JM002 finding for what it refuses.

Each case adds one line to a minimal valid journey (``MINIMAL``, 13 lines) and states the
finding: ``(line, column, message)``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journeyctl.loading.config import Config
from journeyctl.loading.workspace import load_workspace
from journeyctl.model import (
    Catalog,
    ChannelKind,
    EmotionScale,
    Journey,
    JourneyState,
    JourneyStatus,
    Lane,
    Lifecycle,
    PainPoint,
    Priority,
    RoadmapStatus,
    Severity,
    Transition,
    milestone_deadline,
)

from minimal_map import MINIMAL
EXTRA = MINIMAL.count("\n") + 1  # the line a case adds


def findings(tmp_path: Path, text: str, name: str = "map.yaml") -> list[tuple]:
    """``(code, line, column, message)`` of every finding loading ``text`` produces."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    workspace = load_workspace([name], Config(root=tmp_path), tmp_path)
    return [(f.code, f.line, f.column, f.message) for f in workspace.findings]


def model_of(tmp_path: Path, text: str, name: str = "map.yaml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    workspace = load_workspace([name], Config(root=tmp_path), tmp_path)
    assert workspace.findings == []
    return workspace.targets[0].model


def test_the_minimal_journey_is_valid_and_gets_the_documented_defaults(tmp_path):
    journey = model_of(tmp_path, MINIMAL)
    assert isinstance(journey, Journey)
    assert (journey.kind, journey.status, journey.state) == ("journey", JourneyStatus.ACTIVE, JourneyState.CURRENT)
    assert (journey.emotion_scale.min, journey.emotion_scale.max, journey.emotion_scale.neutral_value) == (-2, 2, 0)
    assert journey.description is journey.owner is journey.reviewed is None
    assert journey.tags == journey.personas == journey.channels == journey.teams == journey.roadmap == []
    touchpoint = journey.touchpoints[0]
    assert touchpoint.lane is Lane.FRONTSTAGE
    assert (touchpoint.entry, touchpoint.decision, touchpoint.feedback) == (True, False, False)
    assert touchpoint.personas is None  # "every persona of the journey"
    assert touchpoint.pain_points == touchpoint.resources == touchpoint.next == []
    assert touchpoint.metrics == {}
    assert touchpoint.outcomes is touchpoint.emotion is touchpoint.owner is None


FULL = """\
journeyctl: 1
kind: journey
id: emergency-plumber
title: Booking an emergency plumber
description: From a leak to a fixed pipe.
owner: reception
reviewed: 2026-09-14
status: draft
state: future
tags: [home-services, b2c]
emotion_scale: {min: -3, max: 3, neutral: 0}
personas:
  - id: homeowner
    name: Homeowner in a hurry
    segment: 35-54
    description: Water on the floor.
    demographics: {income: middle, age: 41, share: 0.5, owner: true}
    goals: [Get it fixed today]
    needs: [A firm arrival time]
    frustrations: [Being put on hold]
    preferred_channels: [phone, sms]
channels:
  - {id: yard-sign, name: Yard sign, kind: print, description: A sign on the lawn}
teams:
  - {id: reception, name: Reception, description: Answers calls}
  - {id: dispatch, name: Dispatch}
stages:
  - {id: book, name: Book, description: First contact, lifecycle: purchase}
  - {id: service, name: Service, lifecycle: service}
touchpoints:
  - id: call
    name: Calls the office
    stage: book
    channel: phone
    lane: customer
    owner: reception
    entry: true
    decision: true
    feedback: false
    description: The first call.
    action: Dials the number on the sign
    thought: Will they come today?
    emotion: -2.5
    personas: [homeowner]
    pain_points:
      - id: on-hold
        summary: Waits on hold
        severity: critical
        evidence: [Call logs, Staff interviews]
      - {id: no-price, summary: No price on the phone, evidence: Survey Q3}
    outcomes: {strengths: [Friendly staff], weaknesses: [Long queue]}
    resources: [Two receptionists]
    metrics: {csat: 3.1, volume_per_week: 420, trend: down}
    next:
      - to: dispatch
        when: slot available
        handoff: {carries: [address, photos], sla: 10m, note: Urgent}
      - {journey: renewal, touchpoint: reminder, when: after hours}
  - id: dispatch
    name: Job dispatched
    stage: service
    lane: backstage
    owner: dispatch
    end: fixed
roadmap:
  - id: callback
    title: Offer a call-back
    description: Instead of holding.
    addresses: [on-hold, call]
    priority: must
    milestone: 2027-Q1
    owner: reception
    status: in-progress
  - {id: price-list, title: Publish prices, priority: wont, milestone: 2027-03-31, status: dropped}
"""

RENEWAL = """\
journeyctl: 1
id: renewal
title: Renewal
stages: [{id: remind, name: Remind}]
touchpoints:
  - {id: reminder, name: Reminder, stage: remind, channel: email, entry: true, end: success}
"""


def test_every_field_accepts_its_documented_values(tmp_path):
    (tmp_path / "renewal.yaml").write_text(RENEWAL, encoding="utf-8")
    journey = model_of(tmp_path, FULL)
    assert journey.reviewed == dt.date(2026, 9, 14)
    assert (journey.status, journey.state) == (JourneyStatus.DRAFT, JourneyState.FUTURE)
    assert journey.emotion_scale == EmotionScale(min=-3, max=3, neutral=0)
    persona = journey.personas[0]
    assert persona.demographics == {"income": "middle", "age": 41, "share": 0.5, "owner": True}
    assert persona.preferred_channels == ["phone", "sms"]
    assert journey.channels[0].kind is ChannelKind.PRINT
    assert journey.stages[0].lifecycle is Lifecycle.PURCHASE
    call, dispatch = journey.touchpoints
    assert (call.lane, call.decision, call.feedback, call.emotion) == (Lane.CUSTOMER, True, False, -2.5)
    assert [p.severity for p in call.pain_points] == [Severity.CRITICAL, Severity.MEDIUM]
    assert [p.evidence_list for p in call.pain_points] == [["Call logs", "Staff interviews"], ["Survey Q3"]]
    assert call.outcomes.weaknesses == ["Long queue"]
    assert call.metrics == {"csat": 3.1, "volume_per_week": 420, "trend": "down"}
    inside, outside = call.next
    assert (inside.to, inside.when, inside.is_external) == ("dispatch", "slot available", False)
    assert inside.handoff.carries == ["address", "photos"] and inside.handoff.sla == "10m"
    assert (outside.journey, outside.touchpoint, outside.is_external) == ("renewal", "reminder", True)
    assert (dispatch.channel, dispatch.lane, dispatch.end) == (None, Lane.BACKSTAGE, "fixed")
    must, wont = journey.roadmap
    assert (must.priority, must.status, must.milestone) == (Priority.MUST, RoadmapStatus.IN_PROGRESS, "2027-Q1")
    assert (wont.priority, wont.status, wont.milestone) == (Priority.WONT, RoadmapStatus.DROPPED, "2027-03-31")


@pytest.mark.parametrize(
    "line",
    [
        "    next: [call]",
        "    next: [{to: call}]",
        "    next: [{to: call, when: again, handoff: {}}]",
        "    emotion: 2",
        "    emotion: -2",
        "    emotion: 0.5",
        "    lane: support",
        "    lane: frontstage",
        "    personas: []",
        "    metrics: {nps: -12, note: fine}",
        "    pain_points: [{id: slow, summary: Slow, severity: low}]",
        "    outcomes: {}",
        "    x-anything: [1, {deep: true}]",
        "reviewed: 2024-02-29",
        "status: retired",
        "emotion_scale: {min: 1, max: 5}",
        "emotion_scale: {min: 0.5, max: 1.5, neutral: 1}",
        "roadmap: [{id: r, title: R, priority: could, milestone: 2027-Q4}]",
        "roadmap: [{id: r, title: R, priority: should, milestone: 2028-02-29, status: planned}]",
        "tags: []",
        "x-board: https://example.com/board",
    ],
)
def test_valid_field_values(tmp_path, line):
    assert findings(tmp_path, MINIMAL + line + "\n") == []


# -- journey (top level) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("description: [a]", 14, "'description' must be text, not a list"),
        ("owner: Team A", 8, "'Team A' is not a valid id for 'owner': use lowercase letters, digits and '-', "
                             "starting with a letter or digit (e.g. 'team-a')"),
        ("reviewed: 2026-02-30", 11, "'2026-02-30' is not a real date"),
        ("reviewed: 2026-9-1", 11, "'2026-9-1' is not an ISO date (YYYY-MM-DD)"),
        ("reviewed: 2026-09-14T10:00", 11, "'2026-09-14T10:00' is not an ISO date (YYYY-MM-DD)"),
        ("reviewed: 20260914", 11, "20260914 is not an ISO date (YYYY-MM-DD)"),
        ("status: gone", 9, "'status' must be one of draft, active, retired, not 'gone'"),
        ("status: Active", 9, "'status' must be one of draft, active, retired, not 'Active' — did you mean 'active'?"),
        ("state: as-is", 8, "'state' must be one of current, future, not 'as-is'"),
        ("tags: home", 7, "'tags' must be a list, not 'home'"),
        ("tags: [1]", 8, "each item of 'tags' must be text, not 1 (quote it to make it text)"),
        ("emotion_scale: 5", 16, "'emotion_scale' must be a mapping, not 5"),
        ("emotion_scale: {min: a}", 22, "'min' must be a number, not 'a'"),
        ("emotion_scale: {min: 2, max: 1}", 16, "'min' (2) must be below 'max' (1)"),
        ("emotion_scale: {min: -5, max: 5, neutral: 9}", 16, "'neutral' (9) must lie between -5 and 5"),
        ("emotion_scale: {min: -1, max: .inf}", 31, "'max' must be a finite number"),
        ("personas: homeowner", 11, "'personas' must be a list, not 'homeowner'"),
        ("channels: [web]", 12, "each item of 'channels' must be a mapping, not 'web'"),
        ("teams: [c]", 9, "each item of 'teams' must be a mapping, not 'c'"),
        ("roadmap: {id: r}", 10, "'roadmap' must be a list, not a mapping"),
        ("kind: map", 7, "'kind' must be journey or catalog, not 'map'"),
    ],
)
def test_journey_fields_reject_wrong_values(tmp_path, line, column, message):
    assert findings(tmp_path, MINIMAL + line + "\n") == [("JM002", EXTRA, column, message)]


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("journeyctl: 1", "journeyctl: 2", (1, 13), "unsupported format version 2: this journeyctl reads version 1"),
        ("journeyctl: 1", "journeyctl: 1.5", (1, 13), "unsupported format version 1.5: this journeyctl reads version 1"),
        ("journeyctl: 1", "journeyctl: true", (1, 13), "unsupported format version true: this journeyctl reads version 1"),
        ("journeyctl: 1", "journeyctl: {None: 0}", (1, 13),
         "unsupported format version (a mapping): this journeyctl reads version 1"),
        ("journeyctl: 1", "journeyctl: [1]", (1, 13), "unsupported format version (a list): this journeyctl reads version 1"),
        ("journeyctl: 1", "journeyctl: '1'", (1, 13),
         "the format version must be the number 1: write journeyctl: 1 without quotes"),
        ("journeyctl: 1", "journeyctl:", (1, 12), "the format version is empty: write journeyctl: 1"),
        ("id: plumber", "id: Plumber Booking", (2, 5),
         "'Plumber Booking' is not a valid id for 'id': use lowercase letters, digits and '-', "
         "starting with a letter or digit (e.g. 'plumber-booking')"),
        ("id: plumber", "id: -plumber", (2, 5),
         "'-plumber' is not a valid id for 'id': use lowercase letters, digits and '-', "
         "starting with a letter or digit (e.g. 'plumber')"),
        ("id: plumber", "id: 2026", (2, 5), "'id' must be text, not 2026 (quote it to make it text)"),
        ("title: Booking a plumber", "title: 2026", (3, 8), "'title' must be text, not 2026 (quote it to make it text)"),
        ("title: Booking a plumber", "title: ''", (3, 8), "'title' must not be empty"),
        ("title: Booking a plumber", "title:", (3, 7), "'title' must be text, not empty"),
    ],
)
def test_journey_identity_fields(tmp_path, old, new, where, message):
    assert findings(tmp_path, MINIMAL.replace(old, new)) == [("JM002", *where, message)]


def test_a_missing_field_of_the_journey_names_the_journey(tmp_path):
    text = MINIMAL.replace("title: Booking a plumber\n", "")
    assert findings(tmp_path, text) == [("JM002", 1, 1, "journey 'plumber' is missing the required field 'title'")]


def test_stages_and_touchpoints_must_not_be_empty(tmp_path):
    text = "journeyctl: 1\nid: j\ntitle: J\nstages: []\ntouchpoints: []\n"
    assert findings(tmp_path, text) == [
        ("JM002", 4, 9, "'stages' must list at least one item"),
        ("JM002", 5, 14, "'touchpoints' must list at least one item"),
    ]


def test_every_missing_required_field_of_a_journey_is_reported(tmp_path):
    assert findings(tmp_path, "journeyctl: 1\n") == [
        ("JM002", 1, 1, "the file is missing the required field 'id'"),
        ("JM002", 1, 1, "the file is missing the required field 'title'"),
        ("JM002", 1, 1, "the file is missing the required field 'stages'"),
        ("JM002", 1, 1, "the file is missing the required field 'touchpoints'"),
    ]


# -- touchpoint --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("    lane: sideways", 11, "'lane' must be one of customer, frontstage, backstage, support, not 'sideways'"),
        ("    lane: backstag", 11, "'lane' must be one of customer, frontstage, backstage, support, not 'backstag' "
                                 "— did you mean 'backstage'?"),
        ("    owner: Reception", 12, "'Reception' is not a valid id for 'owner': use lowercase letters, digits and "
                                     "'-', starting with a letter or digit (e.g. 'reception')"),
        ("    decision: 1", 15, "'decision' must be true or false, not 1"),
        ("    decision: yes", 15, "'decision' must be true or false, not 'yes' (write true or false without quotes)"),
        ("    feedback: 'true'", 15, "'feedback' must be true or false, not 'true' (write true or false without quotes)"),
        ("    description: 3", 18, "'description' must be text, not 3 (quote it to make it text)"),
        ("    action: [a]", 13, "'action' must be text, not a list"),
        ("    thought: true", 14, "'thought' must be text, not true (quote it to make it text)"),
        ("    emotion: '1'", 14, "'emotion' must be a number or a mapping, not '1'"),
        ("    emotion: true", 14, "'emotion' must be a number or a mapping, not true"),
        ("    emotion: .nan", 14, "'emotion' must be a finite number"),
        ("    emotion: .inf", 14, "'emotion' must be a finite number"),
        ("    personas: homeowner", 15, "'personas' must be a list, not 'homeowner'"),
        ("    personas: [Home Owner]", 16, "'Home Owner' is not a valid id for 'personas': use lowercase letters, "
                                         "digits and '-', starting with a letter or digit (e.g. 'home-owner')"),
        ("    pain_points: slow", 18, "'pain_points' must be a list, not 'slow'"),
        ("    outcomes: [good]", 15, "'outcomes' must be a mapping, not a list"),
        ("    outcomes: {strengths: fast}", 27, "'strengths' must be a list, not 'fast'"),
        ("    outcomes: {good: [x]}", 16, "unknown field 'good' (extension keys must start with 'x-')"),
        ("    resources: [{a: 1}]", 17, "each item of 'resources' must be text, not a mapping"),
        ("    metrics: [csat]", 14, "'metrics' must be a mapping, not a list"),
        ("    metrics: {csat: [1]}", 21, "'csat' must be text or a number, not a list"),
        ("    metrics: {csat: .nan}", 21, "'csat' must be a finite number"),
        ("    metrics: {csat: true}", 21, "'csat' must be text or a number, not true"),
        ("    next: call", 11, "'next' must be a list, not 'call'"),
        ("    next: [3]", 12, "a 'next' entry must be a touchpoint id or a mapping with 'to' or 'journey', not 3"),
        ("    next: [[call]]", 12, "a 'next' entry must be a touchpoint id or a mapping with 'to' or 'journey', "
                                 "not a list"),
        ("    next: [Call Back]", 12, "'Call Back' is not a valid id for 'to': use lowercase letters, digits and "
                                    "'-', starting with a letter or digit (e.g. 'call-back')"),
    ],
)
def test_touchpoint_fields_reject_wrong_values(tmp_path, line, column, message):
    assert findings(tmp_path, MINIMAL + line + "\n") == [("JM002", EXTRA, column, message)]


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("    name: Calls the office", "    name: 2026", (9, 11), "'name' must be text, not 2026 (quote it to make it text)"),
        ("    entry: true", '    entry: "yes"', (12, 12), "'entry' must be true or false, not 'yes' "
                                                          "(write true or false without quotes)"),
        ("    entry: true", "    entry: yes", (12, 12), "'entry' must be true or false, not 'yes' "
                                                        "(write true or false without quotes)"),
        ("    end: success", "    end: Success!", (13, 10), "'Success!' is not a valid id for 'end': use lowercase "
                                                            "letters, digits and '-', starting with a letter or digit "
                                                            "(e.g. 'success')"),
        ("    stage: book", "    stage: 7", (10, 12), "'stage' must be text, not 7 (quote it to make it text)"),
        ("    channel: phone", "    channel: Phone", (11, 14), "'Phone' is not a valid id for 'channel': use lowercase "
                                                              "letters, digits and '-', starting with a letter or "
                                                              "digit (e.g. 'phone')"),
    ],
)
def test_touchpoint_required_fields(tmp_path, old, new, where, message):
    assert findings(tmp_path, MINIMAL.replace(old, new)) == [("JM002", *where, message)]


def test_a_touchpoint_missing_its_required_fields_names_each_one(tmp_path):
    text = MINIMAL + "  - id: visit\n"
    assert findings(tmp_path, text) == [
        ("JM002", 14, 5, "touchpoint 'visit' is missing the required field 'name'"),
        ("JM002", 14, 5, "touchpoint 'visit' is missing the required field 'stage'"),
        # The channel rule involves two fields; it is checked even though others failed.
        ("JM002", 14, 5, "a frontstage touchpoint needs a 'channel'"),
    ]


@pytest.mark.parametrize(
    ("lane", "findings_expected"),
    [
        ("customer", [("JM002", 14, 5, "a customer touchpoint needs a 'channel'")]),
        ("frontstage", [("JM002", 14, 5, "a frontstage touchpoint needs a 'channel'")]),
        ("backstage", []),
        ("support", []),
    ],
)
def test_channel_is_required_above_the_line_of_visibility(tmp_path, lane, findings_expected):
    text = MINIMAL + f"  - id: visit\n    name: Visit\n    stage: book\n    lane: {lane}\n    end: success\n"
    assert findings(tmp_path, text) == findings_expected


def test_a_frontstage_touchpoint_without_a_lane_needs_a_channel_too(tmp_path):
    text = MINIMAL.replace("    channel: phone\n", "")
    assert findings(tmp_path, text) == [("JM002", 8, 5, "a frontstage touchpoint needs a 'channel'")]


@pytest.mark.parametrize(
    ("emotion", "scale", "message"),
    [
        ("5", "", "touchpoint 'call': emotion 5 is outside the journey's emotion scale (-2 to 2)"),
        ("-2.5", "", "touchpoint 'call': emotion -2.5 is outside the journey's emotion scale (-2 to 2)"),
        ("0", "emotion_scale: {min: 1, max: 5}\n", "touchpoint 'call': emotion 0 is outside the journey's "
                                                   "emotion scale (1 to 5)"),
        ("4.5", "emotion_scale: {min: 0, max: 4}\n", "touchpoint 'call': emotion 4.5 is outside the journey's "
                                                     "emotion scale (0 to 4)"),
    ],
)
def test_an_emotion_outside_the_scale_is_a_schema_error_at_the_value(tmp_path, emotion, scale, message):
    text = MINIMAL + f"    emotion: {emotion}\n" + scale
    assert findings(tmp_path, text) == [("JM002", EXTRA, 14, message)]


@pytest.mark.parametrize(("emotion", "scale"), [("-2", ""), ("2", ""), ("1", "emotion_scale: {min: 1, max: 5}\n")])
def test_an_emotion_on_the_bounds_of_the_scale_is_valid(tmp_path, emotion, scale):
    assert findings(tmp_path, MINIMAL + f"    emotion: {emotion}\n" + scale) == []


# -- transitions and handoffs ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("    next: [{to: call, journey: renewal}]", 12,
         "a transition needs exactly one of 'to' (a touchpoint) or 'journey' (another journey)"),
        ("    next: [{when: always}]", 12,
         "a transition needs exactly one of 'to' (a touchpoint) or 'journey' (another journey)"),
        ("    next: [{to: call, touchpoint: call}]", 12, "'touchpoint' is only allowed together with 'journey'"),
        ("    next: [{to: call, when: 1}]", 29, "'when' must be text, not 1 (quote it to make it text)"),
        ("    next: [{to: call, go: now}]", 23, "unknown field 'go' (extension keys must start with 'x-')"),
        ("    next: [{to: call, handof: {}}]", 23,
         "unknown field 'handof' — did you mean 'handoff'? (extension keys must start with 'x-')"),
        ("    next: [{to: call, handoff: [x]}]", 32, "'handoff' must be a mapping, not a list"),
        ("    next: [{to: call, handoff: {carries: x}}]", 42, "'carries' must be a list, not 'x'"),
        ("    next: [{to: call, handoff: {carries: ['']}}]", 43, "an item of 'carries' must not be empty"),
        ("    next: [{to: call, handoff: {sla: 10}}]", 38, "'sla' must be text, not 10 (quote it to make it text)"),
        ("    next: [{to: call, handoff: {note: [a]}}]", 39, "'note' must be text, not a list"),
        ("    next: [{journey: Renewal}]", 22, "'Renewal' is not a valid id for 'journey': use lowercase letters, "
                                              "digits and '-', starting with a letter or digit (e.g. 'renewal')"),
    ],
)
def test_transition_fields_reject_wrong_values(tmp_path, line, column, message):
    assert findings(tmp_path, MINIMAL + line + "\n") == [("JM002", EXTRA, column, message)]


def test_a_next_string_is_shorthand_for_a_transition():
    transition = Transition.model_validate({"to": "visit"})
    assert (transition.to, transition.journey, transition.when, transition.handoff) == ("visit", None, None, None)


# -- pain points -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "column", "message"),
    [
        ("{id: slow, summary: Slow, severity: huge}", 55, "'severity' must be one of low, medium, high, critical, "
                                                          "not 'huge'"),
        ("{id: slow, summary: Slow, severity: hgh}", 55, "'severity' must be one of low, medium, high, critical, "
                                                         "not 'hgh' — did you mean 'high'?"),
        ("{id: slow, summary: Slow, evidence: 1}", 55, "'evidence' must be text or a list, not 1"),
        ("{id: slow, summary: Slow, evidence: [1]}", 56, "each item of 'evidence' must be text, not 1 "
                                                         "(quote it to make it text)"),
        ("{id: slow, summary: Slow, evidence: {a: 1}}", 55, "'evidence' must be text or a list, not a mapping"),
        ("{id: slow, summary: 5}", 39, "'summary' must be text, not 5 (quote it to make it text)"),
        ("{id: Slow Wait, summary: Slow}", 24, "'Slow Wait' is not a valid id for 'id': use lowercase letters, "
                                               "digits and '-', starting with a letter or digit (e.g. 'slow-wait')"),
        ("{id: slow}", 19, "pain point 'slow' is missing the required field 'summary'"),
        ("{summary: Slow}", 19, "this pain point is missing the required field 'id'"),
        ("{id: slow, summary: Slow, sevrity: low}", 45,
         "unknown field 'sevrity' — did you mean 'severity'? (extension keys must start with 'x-')"),
    ],
)
def test_pain_point_fields_reject_wrong_values(tmp_path, item, column, message):
    assert findings(tmp_path, MINIMAL + f"    pain_points: [{item}]\n") == [("JM002", EXTRA, column, message)]


def test_pain_point_evidence_reads_as_a_list_whatever_its_form():
    assert PainPoint(id="a", summary="s").evidence_list == []
    assert PainPoint(id="a", summary="s", evidence="logs").evidence_list == ["logs"]
    assert PainPoint(id="a", summary="s", evidence=["a", "b"]).evidence_list == ["a", "b"]


# -- personas, channels, teams, stages ---------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "column", "message"),
    [
        ("segment: 3", 39, "'segment' must be text, not 3 (quote it to make it text)"),
        ("description: [x]", 43, "'description' must be text, not a list"),
        ("demographics: [1]", 44, "'demographics' must be a mapping, not a list"),
        ("demographics: {age: [1]}", 50, "'age' must be text, a number or true/false, not a list"),
        ("demographics: {age: {a: 1}}", 50, "'age' must be text, a number or true/false, not a mapping"),
        ("goals: text", 37, "'goals' must be a list, not 'text'"),
        ("needs: [1]", 38, "each item of 'needs' must be text, not 1 (quote it to make it text)"),
        ("frustrations: [[a]]", 45, "each item of 'frustrations' must be text, not a list"),
        ("preferred_channels: [Web]", 51, "'Web' is not a valid id for 'preferred_channels': use lowercase "
                                          "letters, digits and '-', starting with a letter or digit (e.g. 'web')"),
        ("goal: [x]", 30, "unknown field 'goal' — did you mean 'goals'? (extension keys must start with 'x-')"),
    ],
)
def test_persona_fields_reject_wrong_values(tmp_path, fields, column, message):
    line = f"personas:\n  - {{id: homeowner, name: H, {fields}}}\n"
    assert findings(tmp_path, MINIMAL + line) == [("JM002", EXTRA + 1, column, message)]


@pytest.mark.parametrize(
    ("entries", "column", "message"),
    [
        ("[3]", 12, "each item of 'personas' must be a persona id or a mapping, not 3"),
        ("[[galina]]", 12, "each item of 'personas' must be a persona id or a mapping, not a list"),
        ("[~]", 12, "each item of 'personas' must be a persona id or a mapping, not empty"),
        ("[Galina]", 12, "'Galina' is not a valid id for 'personas': use lowercase letters, digits and '-', "
                         "starting with a letter or digit (e.g. 'galina')"),
        ("[{id: galina}]", 12, "persona 'galina' is missing the required field 'name'"),
    ],
)
def test_a_persona_entry_of_a_journey_is_an_id_or_a_mapping(tmp_path, entries, column, message):
    assert findings(tmp_path, MINIMAL + f"personas: {entries}\n") == [("JM002", EXTRA, column, message)]


def test_a_persona_needs_an_id_and_a_name(tmp_path):
    assert findings(tmp_path, MINIMAL + "personas:\n  - {segment: x}\n") == [
        ("JM002", EXTRA + 1, 5, "this persona is missing the required field 'id'"),
        ("JM002", EXTRA + 1, 5, "this persona is missing the required field 'name'"),
    ]


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("channels: [{id: fax, name: Fax, kind: tv}]", 39, "'kind' must be one of digital, voice, messaging, social, "
                                                           "in-person, print, self-service, other, not 'tv'"),
        ("channels: [{id: fax, name: Fax, kind: digitl}]", 39, "'kind' must be one of digital, voice, messaging, "
                                                               "social, in-person, print, self-service, other, "
                                                               "not 'digitl' — did you mean 'digital'?"),
        ("channels: [{id: fax, name: 1}]", 28, "'name' must be text, not 1 (quote it to make it text)"),
        ("channels: [{id: fax}]", 12, "channel 'fax' is missing the required field 'name'"),
        ("channels: [{id: fax, name: Fax, description: 1}]", 46, "'description' must be text, not 1 "
                                                                 "(quote it to make it text)"),
        ("teams: [{id: c}]", 9, "team 'c' is missing the required field 'name'"),
        ("teams: [{id: C, name: C}]", 14, "'C' is not a valid id for 'id': use lowercase letters, digits and '-', "
                                          "starting with a letter or digit (e.g. 'c')"),
        ("teams: [{id: c, name: C, lead: x}]", 26, "unknown field 'lead' (extension keys must start with 'x-')"),
    ],
)
def test_channel_and_team_fields_reject_wrong_values(tmp_path, line, column, message):
    assert findings(tmp_path, MINIMAL + line + "\n") == [("JM002", EXTRA, column, message)]


@pytest.mark.parametrize(
    ("stage", "where", "message"),
    [
        ("{id: book, name: Book, lifecycle: later}", (5, 39), "'lifecycle' must be one of awareness, consideration, "
                                                             "purchase, onboarding, usage, service, retention, "
                                                             "advocacy, not 'later'"),
        ("{id: book, name: Book, lifecycle: retension}", (5, 39), "'lifecycle' must be one of awareness, "
                                                                 "consideration, purchase, onboarding, usage, "
                                                                 "service, retention, advocacy, not 'retension' "
                                                                 "— did you mean 'retention'?"),
        ("{id: book}", (5, 5), "stage 'book' is missing the required field 'name'"),
        ("{id: book, name: [Book]}", (5, 22), "'name' must be text, not a list"),
        ("{id: book, name: Book, order: 1}", (5, 28), "unknown field 'order' (extension keys must start with 'x-')"),
    ],
)
def test_stage_fields_reject_wrong_values(tmp_path, stage, where, message):
    text = MINIMAL.replace("  - id: book\n    name: Book\n", f"  - {stage}\n")
    assert findings(tmp_path, text) == [("JM002", where[0], where[1], message)]


# -- roadmap -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "column", "message"),
    [
        ("priority: Must", 54, "'priority' must be one of must, should, could, wont, not 'Must' "
                               "— did you mean 'must'?"),
        ("priority: won't", 54, "'priority' must be one of must, should, could, wont, not \"won't\" "
                                "— did you mean 'wont'?"),
        ("priority: must, status: doing", 68, "'status' must be one of idea, planned, in-progress, done, dropped, "
                                              "not 'doing' — did you mean 'done'?"),
        ("priority: must, milestone: 2027-Q5", 71, "'2027-Q5' is not a milestone: use an ISO date (2027-03-31) "
                                                   "or a quarter (2027-Q1)"),
        ("priority: must, milestone: 2027-02-30", 71, "'2027-02-30' is not a real date"),
        ("priority: must, milestone: 2027-3-1", 71, "'2027-3-1' is not a milestone: use an ISO date (2027-03-31) "
                                                    "or a quarter (2027-Q1)"),
        ("priority: must, milestone: Q1 2027", 71, "'Q1 2027' is not a milestone: use an ISO date (2027-03-31) "
                                                   "or a quarter (2027-Q1)"),
        ("priority: must, milestone: 2027", 71, "2027 is not a milestone: use an ISO date (2027-03-31) "
                                                "or a quarter (2027-Q1)"),
        ("priority: must, addresses: on-hold", 71, "'addresses' must be a list, not 'on-hold'"),
        ("priority: must, owner: [a]", 67, "'owner' must be text, not a list"),
        ("priority: must, description: 1", 73, "'description' must be text, not 1 (quote it to make it text)"),
        ("priority: must, due: 2027-01-01", 60, "unknown field 'due' (extension keys must start with 'x-')"),
    ],
)
def test_roadmap_fields_reject_wrong_values(tmp_path, fields, column, message):
    line = f"roadmap: [{{id: callback, title: Call back, {fields}}}]"
    assert findings(tmp_path, MINIMAL + line + "\n") == [("JM002", EXTRA, column, message)]


def test_a_roadmap_item_needs_a_title_and_a_priority(tmp_path):
    assert findings(tmp_path, MINIMAL + "roadmap: [{id: callback}]\n") == [
        ("JM002", EXTRA, 11, "roadmap item 'callback' is missing the required field 'title'"),
        ("JM002", EXTRA, 11, "roadmap item 'callback' is missing the required field 'priority'"),
    ]


@pytest.mark.parametrize(
    ("milestone", "deadline"),
    [
        ("2027-03-31", dt.date(2027, 3, 31)),
        ("2027-Q1", dt.date(2027, 3, 31)),
        ("2027-Q2", dt.date(2027, 6, 30)),
        ("2027-Q3", dt.date(2027, 9, 30)),
        ("2027-Q4", dt.date(2027, 12, 31)),
    ],
)
def test_a_milestone_ends_on_its_date_or_the_last_day_of_its_quarter(milestone, deadline):
    assert milestone_deadline(milestone) == deadline


# -- catalogs ----------------------------------------------------------------------------


def test_a_catalog_holds_personas_channels_and_teams(tmp_path):
    text = (
        "journeyctl: 1\nkind: catalog\nx-maintainer: CX\n"
        "personas: [{id: p, name: P, preferred_channels: [fax]}]\n"
        "channels: [{id: fax, name: Fax, kind: print}]\n"
        "teams: [{id: t, name: T}]\n"
    )
    catalog = model_of(tmp_path, text, "catalog.yaml")
    assert isinstance(catalog, Catalog)
    assert ([p.id for p in catalog.personas], [c.id for c in catalog.channels], [t.id for t in catalog.teams]) == (
        ["p"], ["fax"], ["t"]
    )


@pytest.mark.parametrize(
    ("line", "where", "message"),
    [
        ("stages: [{id: s, name: S}]", (3, 1), "unknown field 'stages' (extension keys must start with 'x-')"),
        ("id: shared", (3, 1), "unknown field 'id' — did you mean 'kind'? (extension keys must start with 'x-')"),
        ("personas: [p]", (3, 12), "each item of 'personas' must be a mapping, not 'p'"),
        ("teams: [{id: t}]", (3, 9), "team 't' is missing the required field 'name'"),
        ("chanels: []", (3, 1), "unknown field 'chanels' — did you mean 'channels'? "
                                "(extension keys must start with 'x-')"),
    ],
)
def test_catalog_fields_reject_wrong_values(tmp_path, line, where, message):
    text = f"journeyctl: 1\nkind: catalog\n{line}\n"
    assert findings(tmp_path, text, "catalog.yaml") == [("JM002", *where, message)]


def test_a_catalog_with_an_unsupported_version_says_so(tmp_path):
    assert findings(tmp_path, "journeyctl: 3\nkind: catalog\n", "catalog.yaml") == [
        ("JM002", 1, 13, "unsupported format version 3: this journeyctl reads version 1")
    ]


# -- enums and helpers -------------------------------------------------------------------


def test_lanes_above_the_line_of_visibility_are_customer_and_frontstage():
    assert [lane.value for lane in Lane if lane.visible] == ["customer", "frontstage"]


def test_severities_rank_from_low_to_critical():
    assert [s.rank for s in Severity] == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("scale", "neutral"),
    [({}, 0), ({"min": 1, "max": 5}, 3), ({"min": 1, "max": 4}, 2.5), ({"min": -1, "max": 9}, 0),
     ({"min": 1, "max": 5, "neutral": 2}, 2)],
)
def test_the_neutral_emotion_defaults_to_zero_or_the_middle_of_the_scale(scale, neutral):
    assert EmotionScale.model_validate(scale).neutral_value == neutral


def test_models_are_immutable():
    scale = EmotionScale()
    with pytest.raises(Exception):
        scale.min = 5  # type: ignore[misc]
