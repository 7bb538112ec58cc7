"""A small map linted for real, then reported in every format."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from journeyctl.checks.linter import lint
from journeyctl.loading.config import Config
from journeyctl.model.findings import Position
from journeyctl.model.results import LintResult
from journeyctl.outputs.reporters import render

SCHEMA = Path(__file__).resolve().parents[2] / "tests" / "data" / "sarif-schema-2.1.0.json"
MAP = "maps/ταξίδι 1.yaml"
MAP_TEXT = """\
journeyctl: 1
id: boiler-repair
title: "Επισκευή λέβητα: «γρήγορα» & <σωστά>"
owner: reception
reviewed: 2026-01-10
teams:
  - id: reception
    name: Reception
stages:
  - id: book
    name: Book
touchpoints:
  - id: call
    name: Calls the office
    stage: book
    channel: phone
    owner: reception
    entry: true
    next: [voicemail, done]
  - id: voicemail
    name: "Leaves a voicemail 📞"
    stage: book
    channel: phone
    owner: reception
  - id: done
    name: Booked
    stage: book
    channel: phone
    owner: reception
    end: success
"""
CLEAN_TEXT = MAP_TEXT.replace("id: boiler-repair", "id: boiler-service").replace(
    '    name: "Leaves a voicemail 📞"', '    name: "Leaves a voicemail 📞"\n    end: abandoned'
)
MESSAGE = "touchpoint 'voicemail' is a dead end: it has no 'next' and no 'end'"


@pytest.fixture(scope="module")
def result(tmp_path_factory) -> LintResult:
    root = tmp_path_factory.mktemp("workspace")
    (root / "maps").mkdir()
    (root / MAP).write_text(MAP_TEXT, encoding="utf-8")
    (root / "maps" / "clean.yaml").write_text(CLEAN_TEXT, encoding="utf-8")
    result = lint([], Config(root=root), cwd=root, today=dt.date(2026, 3, 1))
    # Only the dead end matters here; rules added to the catalog later must not change
    # what this test is about (how a real finding is reported).
    return result._replace(findings=[f for f in result.findings if f.code == "JM103"])


def test_the_linter_found_the_dead_end(result):
    assert [(f.path, f.position) for f in result.findings] == [(MAP, Position(20, 5, 20, 7))]
    assert (result.files, result.journeys) == (2, 2)


def test_text(result):
    assert render("text", result, color=False) == (
        f"{MAP} (1 error)\n"
        f"{MAP}:20:5: error JM103 [dead-end] {MESSAGE}\n"
        "\n"
        "Found 1 error in 1 file (2 journeys)\n"
    )


def test_json(result):
    document = json.loads(render("json", result))
    assert document["findings"] == [{
        "path": MAP, "line": 20, "column": 5, "end_line": 20, "end_column": 7, "code": "JM103", "rule": "dead-end",
        "severity": "error", "message": MESSAGE, "journey": "boiler-repair", "element": "touchpoint:voicemail",
    }]
    assert document["summary"] == {"files": 2, "journeys": 2, "errors": 1, "warnings": 0, "infos": 0}


def test_sarif(result):
    document = json.loads(render("sarif", result))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert sorted(jsonschema.Draft4Validator(schema).iter_errors(document), key=str) == []
    run = document["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == sorted(r.code for r in result.rules)
    (sarif_result,) = run["results"]
    assert run["tool"]["driver"]["rules"][sarif_result["ruleIndex"]]["name"] == "dead-end"
    assert sarif_result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "maps/%CF%84%CE%B1%CE%BE%CE%AF%CE%B4%CE%B9%201.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 20, "startColumn": 5, "endLine": 20, "endColumn": 7},
    }


def test_github(result):
    assert render("github", result) == (
        f"::error file={MAP},line=20,col=5,endLine=20,endColumn=6,title=JM103 dead-end::{MESSAGE}\n"
    )


def test_junit(result):
    root = ET.fromstring(render("junit", result).encode("utf-8"))
    assert [(s.get("name"), s.get("tests"), s.get("failures")) for s in root] == [
        ("maps/clean.yaml", "1", "0"), (MAP, "1", "1"),
    ]
    assert root[1][0].get("name") == "JM103 dead-end line 20"


def test_gitlab(result):
    (issue,) = json.loads(render("gitlab", result))
    assert {k: v for k, v in issue.items() if k != "fingerprint"} == {
        "description": MESSAGE, "check_name": "JM103 dead-end", "severity": "major",
        "location": {"path": MAP, "lines": {"begin": 20, "end": 20}},
    }
