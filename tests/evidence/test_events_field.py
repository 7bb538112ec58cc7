"""The touchpoint field ``events:``: validated, in the schema, kept by ``fmt``; the same
activity on two touchpoints is a located validation finding."""

from __future__ import annotations

import json

from journeyctl.loading.config import Config
from journeyctl.loading.workspace import load_workspace
from journeyctl.model import Journey
from journeyctl.model.schema import schema
from journeyctl.review.fmt import format_text
from minimal_map import MINIMAL
from support import FLOW

TWO = MINIMAL.replace("    end: success\n", "    events: [call.started, 'ivr.*']\n    next: [visit]\n") + """\
  - id: visit
    name: Visit
    stage: book
    channel: in-person
    end: success
    events: [visit.done, call.started, 'ivr.*']
"""


def findings(tmp_path, text):
    (tmp_path / "map.yaml").write_text(text, encoding="utf-8")
    workspace = load_workspace(["map.yaml"], Config(root=tmp_path), tmp_path)
    return [(f.code, f.rule, f.line, f.column, f.message, f.element) for f in workspace.findings]


def test_events_are_a_list_of_names_and_patterns():
    import yaml

    journey = Journey.model_validate(yaml.safe_load(FLOW))
    assert [t.events for t in journey.touchpoints] == [["a"], ["b"], ["c"], ["d"]]


def test_the_same_activity_on_two_touchpoints_is_located_at_the_second(tmp_path):
    assert findings(tmp_path, TWO) == [
        ("JM004", "duplicate-id", 20, 26,
         "touchpoint 'visit': activity 'call.started' is already evidence of touchpoint 'call': "
         "an activity can be evidence of one touchpoint only", "touchpoint:visit"),
        ("JM004", "duplicate-id", 20, 40,
         "touchpoint 'visit': activity 'ivr.*' is already evidence of touchpoint 'call': "
         "an activity can be evidence of one touchpoint only", "touchpoint:visit"),
    ]


def test_the_same_activity_twice_on_one_touchpoint_is_no_finding(tmp_path):
    text = MINIMAL.replace("    end: success\n", "    end: success\n    events: [a, a]\n")
    assert findings(tmp_path, text) == []


def test_events_of_the_wrong_type_are_schema_findings(tmp_path):
    text = MINIMAL.replace("    end: success\n", "    end: success\n    events: [a, 3, '']\n")
    assert [(code, line, column) for code, _, line, column, _, _ in findings(tmp_path, text)] == [
        ("JM002", 14, 17), ("JM002", 14, 20),
    ]


def test_the_schema_describes_events():
    prop = schema("journey")["$defs"]["Touchpoint"]["properties"]["events"]
    assert prop["type"] == "array"
    assert prop["items"] == {"minLength": 1, "type": "string"}
    assert "glob" in prop["description"]


def test_fmt_keeps_events_in_the_models_order():
    text = MINIMAL.replace("    end: success\n", "    events: ['order.*', \"100%\"]  # the shop's\n    end: success\n")
    formatted = format_text(text)
    assert formatted.endswith("    end: success\n    events: [order.*, 100%]      # the shop's\n")
    assert format_text(formatted) == formatted
