"""``journeyctl diff`` when one version fails validation: the other version's rule findings
are *not checked* (validation stops the rules), never listed as fixed or introduced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeyctl.cli import run
from journeyctl.loading.config import Config
from journeyctl.review.diff.render import render
from journeyctl.review.diff.sides import diff_paths

VALID = """\
journeyctl: 1
id: repair
title: Repair
stages: [{id: report, name: Report}]
touchpoints:
  - id: call
    name: Calls
    stage: report
    channel: phone
    entry: true
    next: [stuck]
  - id: stuck
    name: Waits
    stage: report
    channel: phone
  - id: done
    name: Done
    stage: report
    channel: phone
    end: success
"""
# The same map with a typo in a field name: a JM002 finding, so no rule runs on it.
INVALID = VALID.replace("    name: Waits\n", "    name: Waits\n    colour: red\n")

DEAD_END = "touchpoint 'stuck' is a dead end: it has no 'next' and no 'end'"
UNREACHABLE = ("touchpoint 'done' cannot be reached from any entry ('call'): "
               "add a transition to it, mark it 'entry: true', or remove it")
SCHEMA = "unknown field 'colour' (extension keys must start with 'x-')"


@pytest.fixture
def maps(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "valid.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "invalid.yaml").write_text(INVALID, encoding="utf-8")
    (tmp_path / "journeyctl.toml").write_text('select = ["JM103", "JM104"]\n', encoding="utf-8")
    return tmp_path


def config(root: Path) -> Config:
    return Config(root=root, select=["JM103", "JM104"])


def test_findings_hidden_by_a_new_validation_error_are_not_fixed(maps):
    result = diff_paths("valid.yaml", "invalid.yaml", config(maps))
    assert [(f.code, f.line) for f in result.introduced] == [("JM002", 14)]
    assert result.fixed == []
    [unknown] = result.not_checked
    assert (unknown.failing, unknown.path) == ("new", "invalid.yaml")
    assert [(f.path, f.code, f.line, f.column) for f in unknown.findings] == [
        ("valid.yaml", "JM103", 12, 5), ("valid.yaml", "JM104", 16, 5),
    ]
    assert render(result, "text") == (
        "repair (invalid.yaml): changed\n"
        '  touchpoint stuck: colour set to "red".\n'
        "lint: 1 finding introduced, 0 fixed, 2 not checked\n"
        f"  introduced: invalid.yaml:14:5 JM002 [schema] {SCHEMA}\n"
        f"  not checked: the new version fails validation (invalid.yaml): valid.yaml:12:5 JM103 [dead-end] {DEAD_END}\n"
        f"  not checked: the new version fails validation (invalid.yaml): valid.yaml:16:5 JM104 [unreachable] {UNREACHABLE}\n"
        "1 map: 1 changed; lint: 1 finding introduced, 0 fixed, 2 not checked\n"
    )


def test_findings_that_appear_once_validation_passes_are_not_introduced(maps):
    result = diff_paths("invalid.yaml", "valid.yaml", config(maps))
    assert result.introduced == []
    assert [(f.code, f.path) for f in result.fixed] == [("JM002", "invalid.yaml")]
    [unknown] = result.not_checked
    assert (unknown.failing, unknown.path) == ("old", "invalid.yaml")
    assert [(f.code, f.line) for f in unknown.findings] == [("JM103", 12), ("JM104", 16)]
    assert render(result, "text").splitlines()[2:5] == [
        "lint: 0 findings introduced, 1 fixed, 2 not checked",
        f"  fixed: invalid.yaml:14:5 JM002 [schema] {SCHEMA}",
        f"  not checked: the old version fails validation (invalid.yaml): valid.yaml:12:5 JM103 [dead-end] {DEAD_END}",
    ]


def test_markdown_lists_them_under_their_own_heading(maps):
    text = render(diff_paths("valid.yaml", "invalid.yaml", config(maps)), "md")
    assert "1 map: 1 changed · lint: 1 finding introduced, 0 fixed, 2 not checked\n" in text
    assert text.endswith(
        "#### Lint findings not checked: the new version fails validation (`invalid.yaml`)\n"
        "\n"
        "| file | line | rule | message |\n"
        "| --- | --- | --- | --- |\n"
        f"| `valid.yaml` | 12:5 | JM103 `dead-end` | {DEAD_END} |\n"
        "| `valid.yaml` | 16:5 | JM104 `unreachable` | touchpoint 'done' cannot be reached from any entry ('call'): "
        "add a transition to it, mark it 'entry: true', or remove it |\n"
    )
    assert "#### Lint findings fixed" not in text


def test_json_has_a_not_checked_list(maps, capsys):
    assert run(["diff", "--format", "json", "valid.yaml", "invalid.yaml"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [f["code"] for f in findings["introduced"]] == ["JM002"]
    assert findings["fixed"] == []
    [unknown] = findings["not_checked"]
    assert {k: v for k, v in unknown.items() if k != "findings"} == {
        "version": "new", "path": "invalid.yaml", "reason": "the new version fails validation",
    }
    assert [(f["code"], f["path"], f["line"], f["element"]) for f in unknown["findings"]] == [
        ("JM103", "valid.yaml", 12, "touchpoint:stuck"), ("JM104", "valid.yaml", 16, "touchpoint:done"),
    ]


def test_a_rule_finding_both_versions_share_is_still_matched(maps):
    # The rules ran on both versions: nothing is left unchecked, the dead end is unchanged.
    (maps / "renamed.yaml").write_text(VALID.replace("title: Repair", "title: Repair fast"), encoding="utf-8")
    result = diff_paths("valid.yaml", "renamed.yaml", config(maps))
    assert (result.introduced, result.fixed, result.not_checked) == ([], [], [])


def test_a_map_that_stops_parsing_leaves_its_rule_findings_unchecked(maps):
    (maps / "broken.yaml").write_text(VALID.replace("    name: Waits\n", "    name: [Waits\n"), encoding="utf-8")
    result = diff_paths("valid.yaml", "broken.yaml", config(maps))
    assert [f.code for f in result.introduced] == ["JM001"]
    assert result.fixed == []
    assert [(n.failing, [f.code for f in n.findings]) for n in result.not_checked] == [("new", ["JM103", "JM104"])]
