"""``journeyctl diff`` on crafted before/after pairs: exactly the expected changes and lint delta."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeyctl.cli import run
from journeyctl.loading.config import Config
from journeyctl.review.diff.render import render
from journeyctl.review.diff.sides import diff_paths

BEFORE = """\
journeyctl: 1
id: repair
title: Getting a boiler repaired
owner: service
teams: [{id: service, name: Service}, {id: hotline, name: Hotline}]
personas:
  - id: tenant
    name: Tenant
stages:
  - {id: report, name: Report}
  - {id: fix, name: Fix}
touchpoints:
  - id: call
    name: Calls the hotline
    stage: report
    channel: phone
    owner: hotline
    entry: true
    emotion: -2
    pain_points:
      - id: hold
        summary: Long hold
        severity: medium
    next:
      - to: old-visit
        when: slot free
        handoff: {carries: [address], sla: 1h}
      - voicemail
  - id: voicemail
    name: Leaves a message
    stage: report
    channel: phone
    end: abandoned
  - id: old-visit
    name: Engineer visits
    stage: fix
    channel: in-person
    lane: frontstage
    end: success
  - id: survey
    name: Answers a survey
    stage: fix
    channel: email
    end: success
roadmap:
  - id: callback
    title: Offer call-backs
    addresses: [hold]
    priority: must
    status: planned
"""

AFTER = """\
journeyctl: 1
id: repair
title: Getting a boiler repaired fast
owner: service
teams: [{id: service, name: Service}, {id: hotline, name: Hotline}]
personas:
  - id: tenant
    name: Tenant
  - id: landlord
    name: Landlord
stages:
  - {id: report, name: Report}
  - {id: fix, name: Fix}
touchpoints:
  - id: call
    name: Calls the hotline
    stage: report
    channel: phone
    owner: hotline
    entry: true
    emotion: -1
    pain_points:
      - id: hold
        summary: Long hold
        severity: high
    next:
      - to: visit
        when: slot free today
        handoff: {carries: [address, photos], sla: 1h}
      - voicemail
      - chat
  - id: voicemail
    name: Leaves a message
    stage: report
    channel: phone
  - id: visit
    name: Engineer visits
    stage: fix
    channel: in-person
    end: success
  - id: chat
    name: Chats with an agent
    stage: report
    channel: chat
    owner: hotline
    end: success
roadmap:
  - id: callback
    title: Offer call-backs
    addresses: [hold]
    priority: must
    status: done
"""

EXPECTED = {
    "version": 1,
    "journeys": [
        {
            "id": "repair",
            "path": "after/repair.yaml",
            "status": "changed",
            "changes": [
                {"kind": "journey", "id": "repair", "change": "changed", "field": "title",
                 "old": "Getting a boiler repaired", "new": "Getting a boiler repaired fast"},
                {"kind": "persona", "id": "landlord", "change": "added", "field": None, "old": None, "new": None},
                {"kind": "touchpoint", "id": "call", "change": "changed", "field": "emotion", "old": -2, "new": -1},
                {"kind": "touchpoint", "id": "voicemail", "change": "changed", "field": "end",
                 "old": "abandoned", "new": None},
                {"kind": "touchpoint", "id": "visit", "change": "renamed", "field": "id",
                 "old": "old-visit", "new": "visit"},
                {"kind": "touchpoint", "id": "chat", "change": "added", "field": None, "old": None, "new": None},
                {"kind": "touchpoint", "id": "survey", "change": "removed", "field": None, "old": None, "new": None},
                {"kind": "transition", "id": "call->visit", "change": "changed", "field": "when",
                 "old": "slot free", "new": "slot free today"},
                {"kind": "transition", "id": "call->visit", "change": "changed", "field": "handoff.carries",
                 "old": ["address"], "new": ["address", "photos"]},
                {"kind": "transition", "id": "call->chat", "change": "added", "field": None, "old": None, "new": None},
                {"kind": "pain_point", "id": "hold", "change": "changed", "field": "severity",
                 "old": "medium", "new": "high"},
                {"kind": "roadmap", "id": "callback", "change": "changed", "field": "status",
                 "old": "planned", "new": "done"},
            ],
        }
    ],
    "findings": {
        "introduced": [
            {"path": "after/repair.yaml", "line": 32, "column": 5, "end_line": 32, "end_column": 7,
             "code": "JM103", "rule": "dead-end", "severity": "error",
             "message": "touchpoint 'voicemail' is a dead end: it has no 'next' and no 'end'",
             "journey": "repair", "element": "touchpoint:voicemail"},
        ],
        "fixed": [],
        "not_checked": [],
    },
}


@pytest.fixture
def pair(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in (("before", BEFORE), ("after", AFTER)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "repair.yaml").write_text(text)
    return tmp_path


def config(root: Path) -> Config:
    return Config(root=root, select=["JM103"])


def test_crafted_pair_gives_exactly_the_expected_json(pair):
    result = diff_paths("before", "after", config(pair))
    assert json.loads(render(result, "json")) == EXPECTED


def test_the_reverse_diff_mirrors_it(pair):
    result = diff_paths("after", "before", config(pair)).to_dict()
    changes = {(c["kind"], c["id"], c["change"], c["field"]) for c in result["journeys"][0]["changes"]}
    assert ("touchpoint", "old-visit", "renamed", "id") in changes
    assert ("touchpoint", "survey", "added", None) in changes
    assert ("touchpoint", "chat", "removed", None) in changes
    assert [f["code"] for f in result["findings"]["fixed"]] == ["JM103"]
    assert result["findings"]["introduced"] == []


def test_text_output_says_it_in_sentences(pair):
    assert render(diff_paths("before", "after", config(pair)), "text") == """\
repair (after/repair.yaml): changed
  journey repair: title changed from "Getting a boiler repaired" to "Getting a boiler repaired fast".
  persona landlord (Landlord) was added.
  touchpoint call: emotion changed from -2 to -1.
  touchpoint voicemail: end removed (was "abandoned").
  touchpoint old-visit was renamed to visit.
  touchpoint chat (Chats with an agent) was added.
  touchpoint survey (Answers a survey) was removed.
  transition call->visit: when changed from "slot free" to "slot free today".
  transition call->visit: handoff.carries changed from ["address"] to ["address", "photos"].
  transition call->chat was added.
  pain point hold: severity changed from "medium" to "high".
  roadmap item callback: status changed from "planned" to "done".
lint: 1 finding introduced, 0 fixed
  introduced: after/repair.yaml:32:5 JM103 [dead-end] touchpoint 'voicemail' is a dead end: it has no 'next' and no 'end'
1 map: 1 changed; lint: 1 finding introduced, 0 fixed
"""


def test_markdown_output_is_ready_for_a_pull_request_comment(pair):
    text = render(diff_paths("before", "after", config(pair)), "md")
    assert text.splitlines()[:8] == [
        "### journeyctl diff",
        "",
        "1 map: 1 changed · lint: 1 finding introduced, 0 fixed",
        "",
        "#### `repair` changed",
        "`after/repair.yaml`",
        "",
        "- journey `repair`: **title** changed from `\"Getting a boiler repaired\"` to `\"Getting a boiler repaired fast\"`",
    ]
    assert "- touchpoint `old-visit` was renamed to `visit`" in text
    assert text.endswith(
        "#### Lint findings introduced\n\n"
        "| file | line | rule | message |\n"
        "| --- | --- | --- | --- |\n"
        "| `after/repair.yaml` | 32:5 | JM103 `dead-end` | touchpoint 'voicemail' is a dead end: it has no 'next' and no 'end' |\n"
    )


def test_markdown_escapes_labels_and_values(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base = "journeyctl: 1\nid: j\ntitle: T\nstages: [{id: s, name: S}]\ntouchpoints:\n"
    (tmp_path / "a.yaml").write_text(base + "  - {id: a, name: A, stage: s, channel: web, entry: true, end: success}\n")
    (tmp_path / "b.yaml").write_text(
        base + "  - {id: a, name: 'A | *b* <i>', stage: s, channel: web, entry: true, end: success}\n"
        "  - {id: c, name: '`x` | [y](z)', stage: s, channel: web, end: success}\n"
    )
    text = render(diff_paths("a.yaml", "b.yaml", config(tmp_path)), "md")
    # a code span in a list item shows `|` as it is: a backslash there would be shown too
    assert "- touchpoint `a`: **name** changed from `\"A\"` to `\"A | *b* <i>\"`" in text
    assert "- touchpoint `c` (\\`x\\` \\| \\[y\\](z)) was added" in text


def test_defaults_written_out_are_no_change(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(BEFORE)
    (tmp_path / "b.yaml").write_text(
        BEFORE.replace("title: Getting a boiler repaired\n", "title: Getting a boiler repaired\nstatus: active\nstate: current\n")
        .replace("    channel: phone\n    owner: hotline\n", "    channel: phone\n    lane: frontstage\n    owner: hotline\n    decision: false\n")
    )
    result = diff_paths("a.yaml", "b.yaml", config(tmp_path)).to_dict()
    assert result["journeys"] == [{"id": "repair", "path": "b.yaml", "status": "unchanged", "changes": []}]


def test_journeys_are_matched_by_id_across_files_and_folders(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "v1" / "old-place").mkdir(parents=True)
    (tmp_path / "v2" / "new-place").mkdir(parents=True)
    (tmp_path / "v1" / "old-place" / "repair.yaml").write_text(BEFORE)
    (tmp_path / "v2" / "new-place" / "renamed.yaml").write_text(BEFORE)
    (tmp_path / "v2" / "other.yaml").write_text(BEFORE.replace("id: repair", "id: other"))
    result = diff_paths("v1", "v2", config(tmp_path)).to_dict()
    assert result["journeys"] == [
        {"id": "repair", "path": "v2/new-place/renamed.yaml", "status": "changed", "changes": [
            {"kind": "journey", "id": "repair", "change": "changed", "field": "path",
             "old": "old-place/repair.yaml", "new": "new-place/renamed.yaml"},
        ]},
        {"id": "other", "path": "v2/other.yaml", "status": "added", "changes": [
            {"kind": "journey", "id": "other", "change": "added", "field": None, "old": None, "new": None},
        ]},
    ]


def test_a_map_that_stops_parsing_is_compared_through_its_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(BEFORE)
    (tmp_path / "b.yaml").write_text(BEFORE.replace("  - id: voicemail\n", "  - id: [voicemail\n"))
    result = diff_paths("a.yaml", "b.yaml", config(tmp_path))
    assert result.to_dict()["journeys"] == [{"id": "repair", "path": "b.yaml", "status": "changed", "changes": []}]
    assert [(f.code, f.line) for f in result.introduced] == [("JM001", 30)]
    assert render(result, "text").splitlines()[:2] == [
        "repair (b.yaml): changed", "  the file does not parse: see the lint findings",
    ]


def test_an_invalid_map_is_still_compared_as_far_as_its_data_allows(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(BEFORE)
    (tmp_path / "b.yaml").write_text(BEFORE.replace("    emotion: -2\n", "    emotion: very low\n    chanel: sms\n"))
    result = diff_paths("a.yaml", "b.yaml", config(tmp_path))
    assert [c.to_dict() for c in result.journeys[0].changes] == [
        {"kind": "touchpoint", "id": "call", "change": "changed", "field": "emotion", "old": -2, "new": "very low"},
        {"kind": "touchpoint", "id": "call", "change": "changed", "field": "chanel", "old": None, "new": "sms"},
    ]
    assert sorted(f.code for f in result.introduced) == ["JM002", "JM002"]


def test_cli_exit_codes_and_usage_errors(pair, capsys):
    assert run(["diff", "before", "after"]) == 0
    assert run(["diff", "before", "after", "--exit-code"]) == 1
    assert run(["diff", "before", "before", "--exit-code"]) == 0
    capsys.readouterr()
    assert run(["diff", "before"]) == 2
    assert capsys.readouterr().err == (
        "journeyctl: error: diff needs OLD and NEW (two files or folders), or --git REV (see 'journeyctl diff --help')\n"
    )
    assert run(["diff", "before", "nowhere"]) == 2
    assert capsys.readouterr().err == "journeyctl: error: nowhere: no such file or directory\n"
    assert run(["diff", "before", "after", "--format", "xml"]) == 2


def test_cli_writes_json_to_a_file(pair, capsys):
    assert run(["diff", "before", "before", "--format", "json", "-o", "out.json"]) == 0
    assert json.loads((pair / "out.json").read_text()) == {
        "version": 1,
        "journeys": [{"id": "repair", "path": "before/repair.yaml", "status": "unchanged", "changes": []}],
        "findings": {"introduced": [], "fixed": [], "not_checked": []},
    }
    assert capsys.readouterr().out == ""


def test_markdown_keeps_math_mentions_and_links_dead_as_the_report_does(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base = "journeyctl: 1\nid: j\ntitle: T\nstages: [{id: s, name: S}]\ntouchpoints:\n"
    (tmp_path / "a.yaml").write_text(base + "  - {id: a, name: A, stage: s, channel: web, entry: true, end: success}\n")
    (tmp_path / "b.yaml").write_text(
        base + "  - {id: a, name: A, stage: s, channel: web, entry: true, end: success}\n"
        "  - {id: c, name: 'Pays $5 for $x^2$, asks @octocat at https://evil.example or www.evil.example',"
        " stage: s, channel: web, end: success}\n"
    )
    text = render(diff_paths("a.yaml", "b.yaml", config(tmp_path)), "md")
    wj = "\u2060"
    assert (
        f"- touchpoint `c` (Pays \\$5 for \\$x^2\\$, asks @{wj}octocat at https:{wj}//evil.example or "
        f"www{wj}.evil.example) was added\n"
    ) in text


def test_markdown_escapes_a_pipe_in_a_code_span_only_in_a_table_row(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "journeyctl: 1\nid: j\ntitle: T\nstages: [{id: s, name: S}]\ntouchpoints:\n" \
        "  - {id: a, name: A, stage: s, channel: web, entry: true, end: success}\n"
    (tmp_path / "a|old.yaml").write_text(text)
    (tmp_path / "b|new.yaml").write_text(text.replace("name: A,", "name: 'A|B',").replace("end: success", "end: 3"))
    out = render(diff_paths("a|old.yaml", "b|new.yaml", config(tmp_path)), "md")
    lines = out.splitlines()
    assert "`b|new.yaml`" in lines  # the path under the heading: no table
    assert "- touchpoint `a`: **name** changed from `\"A\"` to `\"A|B\"`" in lines
    # in a table row GitHub would split the cell at a bare `|`, code span or not
    assert "| `b\\|new.yaml` | 6:68 | JM002 `schema` | 'end' must be text, not 3 (quote it to make it text) |" in lines


def test_emotion_changes_are_told_persona_by_persona(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    personas = "personas:\n  - {id: tenant, name: Tenant}\n  - {id: landlord, name: Landlord}\n"
    base = BEFORE.replace("personas:\n  - id: tenant\n    name: Tenant\n", personas)
    (tmp_path / "a.yaml").write_text(base)
    (tmp_path / "b.yaml").write_text(base.replace("    emotion: -2\n", "    emotion: {tenant: -1, landlord: -2}\n"))
    (tmp_path / "c.yaml").write_text(base.replace("    emotion: -2\n", "    emotion: {tenant: -1, landlord: 0}\n"))
    emotion = [
        (c["id"], c["field"], c["old"], c["new"])
        for c in diff_paths("a.yaml", "b.yaml", config(tmp_path)).to_dict()["journeys"][0]["changes"]
    ]
    # The plain -2 was every persona's emotion: only the tenant's changed.
    assert emotion == [("call", "emotion.tenant", -2, -1)]
    text = render(diff_paths("b.yaml", "c.yaml", config(tmp_path)), "text")
    assert "  touchpoint call: emotion for landlord changed from -2 to 0.\n" in text
    back = render(diff_paths("c.yaml", "a.yaml", config(tmp_path)), "md")
    assert "- touchpoint `call`: **emotion** for `tenant` changed from `-1` to `-2`" in back
    assert "- touchpoint `call`: **emotion** for `landlord` changed from `0` to `-2`" in back
