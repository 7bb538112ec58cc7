"""The fixes of `lint --format sarif`: each result that `lint --fix` can fix proposes its
edits by line and column, and applying them gives what `--fix` writes. (The JSON report
keeps the shape the product's contract fixes: no fixes there.)"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from journeyctl.cli import run

SCHEMA = Path(__file__).resolve().parents[2] / "tests" / "data" / "sarif-schema-2.1.0.json"

# A duplicate transition and an unused suppression (safe fixes), a dead end (unsafe), and
# a journey with no end (no fix); Greek text and an emoji before the edits on their line.
MAP = """\
journeyctl: 1
id: plumber
title: Κλήση υδραυλικού 📞
language: el
owner: reception
reviewed: 2026-11-01
teams: [{id: reception, name: Υποδοχή}]
stages: [{id: book, name: Κράτηση}]
touchpoints:
  - id: call
    name: "📞 Καλεί το γραφείο"
    stage: book
    channel: phone
    owner: reception
    entry: true
    next: [voicemail, voicemail]
  - id: voicemail
    name: Αφήνει μήνυμα 📞  # journeyctl: ignore[JM302]
    stage: book
    channel: phone
    owner: reception
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-12-01")
    (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8")
    return tmp_path


def report(capsys, *args: str) -> str:
    assert run(["lint", *args, "map.yaml"]) == 1
    return capsys.readouterr().out


def applied(text: str, edits: list[tuple[int, int, int, int, str]]) -> str:
    """``text`` with edits at 1-based lines and columns (code points) applied, last first."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    for line, column, end_line, end_column, content in sorted(edits, reverse=True):
        start, end = starts[line - 1] + column - 1, starts[end_line - 1] + end_column - 1
        text = text[:start] + content + text[end:]
    return text


def fixes(document: dict) -> list[tuple[str, str | None, str | None, list[tuple]]]:
    """``(rule, applicability, description, [(line, column, end line, end column, text)])`` per result."""
    found = []
    for result in document["runs"][0]["results"]:
        fix = (result.get("fixes") or [None])[0]
        if fix is None:
            found.append((result["ruleId"], None, None, []))
            continue
        (change,) = fix["artifactChanges"]
        assert change["artifactLocation"] == {"uri": "map.yaml", "uriBaseId": "%SRCROOT%"}
        found.append((result["ruleId"], fix["properties"]["applicability"], fix["description"]["text"], [
            (r["deletedRegion"]["startLine"], r["deletedRegion"]["startColumn"], r["deletedRegion"]["endLine"],
             r["deletedRegion"]["endColumn"], r["insertedContent"]["text"])
            for r in change["replacements"]
        ]))
    return found


def test_sarif_proposes_each_fixable_findings_fix_and_stays_valid(folder: Path, capsys) -> None:
    document = json.loads(report(capsys, "--format", "sarif"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert sorted(jsonschema.Draft4Validator(schema).iter_errors(document), key=str) == []
    assert fixes(document) == [
        ("JM102", None, None, []),
        ("JM107", "safe", "Remove the duplicate transition call->voicemail", [(16, 21, 16, 32, "")]),
        ("JM103", "unsafe", "Add 'end: success'", [(21, 21, 21, 21, "\n    end: success")]),  # an insertion
        ("JM005", "safe", "Remove the unused suppression '# journeyctl: ignore[JM302]'", [(18, 26, 18, 55, "")]),
    ]


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe-too"])
def test_applying_the_proposed_edits_is_what_fix_writes(folder: Path, capsys, unsafe: bool) -> None:
    edits = [
        edit for _, applicability, _, found in fixes(json.loads(report(capsys, "--format", "sarif")))
        if applicability == "safe" or (unsafe and applicability) for edit in found
    ]
    run(["lint", "--fix", *(["--unsafe-fixes"] if unsafe else []), "map.yaml"])
    assert applied(MAP, edits) == (folder / "map.yaml").read_text(encoding="utf-8") != MAP


def test_a_cached_run_proposes_the_same_fixes(folder: Path, capsys) -> None:
    first = report(capsys, "--format", "sarif")
    assert (folder / ".journeyctl_cache").is_dir()
    assert report(capsys, "--format", "sarif") == first == report(capsys, "--no-cache", "--format", "sarif")


def test_the_json_report_keeps_its_shape(folder: Path, capsys) -> None:
    findings = json.loads(report(capsys, "--format", "json"))["findings"]
    assert {tuple(f) for f in findings} == {(
        "path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message", "journey", "element",
    )}
