"""The command-line contract of ``journeyctl lint``, ``journeyctl rules`` and ``journeyctl rule``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeyctl.checks.rule_docs import rule_text
from journeyctl.checks.rules import all_rules, catalog
from journeyctl.cli import run

CLEAN = """\
journeyctl: 1
id: faq
title: Finding an answer
owner: support
reviewed: 2026-11-01
teams: [{id: support, name: Support}]
stages: [{id: search, name: Search}]
touchpoints:
  - id: open-faq
    name: Opens the FAQ
    stage: search
    channel: faq
    owner: support
    entry: true
    end: success
"""
# A dead end (error) at 18:5 and a backward transition (info) at 29:9.
BROKEN = """\
journeyctl: 1
id: plumber
title: Booking a plumber
owner: field
reviewed: 2026-11-01
teams: [{id: field, name: Field team}]
stages:
  - {id: book, name: Book}
  - {id: service, name: Service}
touchpoints:
  - id: call
    name: Calls the office
    stage: book
    channel: phone
    owner: field
    entry: true
    next: [visit, voicemail]
  - id: voicemail
    name: Leaves a voicemail
    stage: book
    channel: phone
    owner: field
  - id: visit
    name: Technician visits
    stage: service
    channel: phone
    owner: field
    next:
      - call
      - done
  - id: done
    name: Fixed
    stage: service
    channel: phone
    owner: field
    end: success
"""


@pytest.fixture
def maps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-11-22")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def lint_json(capsys, *args: str) -> tuple[int, list[tuple], str]:
    code = run(["lint", "--format", "json", *args])
    out, err = capsys.readouterr()
    report = json.loads(out)
    return code, [(f["path"], f["code"], f["line"], f["column"], f["severity"]) for f in report["findings"]], err


def test_clean_map_exits_0(maps: Path, capsys) -> None:
    code, found, err = lint_json(capsys, "clean.yaml")
    assert (code, found, err) == (0, [], "")


def test_findings_exit_1(maps: Path, capsys) -> None:
    code, found, err = lint_json(capsys)
    assert code == 1
    assert found == [("broken.yaml", "JM103", 18, 5, "error"), ("broken.yaml", "JM108", 29, 9, "info")]
    assert err == ""


@pytest.mark.parametrize("args, expected", [
    (["--select", "JM108"], 0),
    (["--select", "JM108", "--fail-on", "info"], 1),
    (["--select", "JM108", "--fail-on", "warning"], 0),
])
def test_fail_on(maps: Path, capsys, args: list[str], expected: int) -> None:
    assert lint_json(capsys, "broken.yaml", *args)[0] == expected


def test_fail_on_from_the_config(maps: Path, capsys) -> None:
    (maps / "journeyctl.toml").write_text('fail-on = "info"\nselect = ["JM108"]\n')
    assert lint_json(capsys, "broken.yaml")[0] == 1


def test_selectors_are_comma_separated_and_repeatable(maps: Path, capsys) -> None:
    code, found, _ = lint_json(
        capsys, "--select", "JM4, dead-end", "--select", "backward-transition", "--ignore", "JM4,JM103"
    )
    assert [f[1] for f in found] == ["JM108"]
    code, found, _ = lint_json(capsys, "--select", "dead-end", "--extend-select", "JM108")
    assert [f[1] for f in found] == ["JM103", "JM108"]


@pytest.mark.parametrize("args, message", [
    (["--select", "JM9"], "--select: 'JM9' matches no rule"),
    (["--ignore", "dead-ends"], "--ignore: 'dead-ends' matches no rule — did you mean 'dead-end'?"),
    (["--extend-select", "schema"],
     "--extend-select: 'schema' is the validation check 'schema': it always runs and cannot be selected or ignored"),
    (["--fail-on", "fatal"], "--fail-on: must be 'error', 'warning' or 'info', not 'fatal'"),
    (["--format", "xml"], "--format: unknown format 'xml' (expected one of text, json, sarif, github, junit, gitlab)"),
    (["missing.yaml"], "missing.yaml: no such file or directory"),
])
def test_usage_errors_exit_2_with_one_line(maps: Path, capsys, args: list[str], message: str) -> None:
    assert run(["lint", *args]) == 2
    assert capsys.readouterr() == ("", f"journeyctl: error: {message}\n")


def test_statistics_follow_a_text_report_on_stdout(maps: Path, capsys) -> None:
    assert run(["lint", "--statistics"]) == 1
    out, err = capsys.readouterr()
    assert out.endswith("\n1  JM103  dead-end             error\n1  JM108  backward-transition  info\n")
    assert err == ""


def test_statistics_go_to_stderr_beside_a_machine_report(maps: Path, capsys) -> None:
    assert run(["lint", "--format", "json", "--statistics"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["summary"] == {"files": 2, "journeys": 2, "errors": 1, "warnings": 0, "infos": 1}
    assert err == "1  JM103  dead-end             error\n1  JM108  backward-transition  info\n"


def test_statistics_on_stdout_when_the_report_goes_to_a_file(maps: Path, capsys) -> None:
    assert run(["lint", "--format", "sarif", "--output", "report.sarif", "--statistics", "clean.yaml"]) == 0
    assert capsys.readouterr() == ("No findings.\n", "")
    assert json.loads((maps / "report.sarif").read_text())["version"] == "2.1.0"


def test_github_format_on_github_actions(maps: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run(["lint", "--select", "dead-end", "broken.yaml"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=broken.yaml,line=18,col=5,")
    assert run(["lint", "--select", "dead-end", "--format", "json", "broken.yaml"]) == 1
    assert json.loads(capsys.readouterr().out)["findings"][0]["code"] == "JM103"


def test_no_progress_output_when_stderr_is_not_a_terminal(maps: Path, capsys) -> None:
    for index in range(30):
        (maps / f"copy-{index}.yaml").write_text(CLEAN.replace("id: faq", f"id: faq-{index}"))
    assert run(["lint", "--format", "json"]) == 1
    assert capsys.readouterr().err == ""


# -- journeyctl rules / rule ---------------------------------------------------------------

def test_rules_table(capsys) -> None:
    assert run(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "opt-in", "summary"]
    assert len(lines) == len(catalog()) + 1
    assert [line.split()[0] for line in lines[1:5]] == ["JM001", "JM002", "JM003", "JM004"]
    dead_end = next(line for line in lines if line.startswith("JM103"))
    assert dead_end.split(None, 3)[:3] == ["JM103", "dead-end", "error"]
    assert dead_end.endswith("  A touchpoint that is not an end has no outgoing transition.")
    frontstage = next(line for line in lines if line.startswith("JM205"))
    assert frontstage.split()[:4] == ["JM205", "unsupported-frontstage", "info", "yes"]


def test_rules_json(capsys) -> None:
    assert run(["rules", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in rows] == [r.code for r in catalog()]
    assert rows[[r["code"] for r in rows].index("JM103")] == {
        "code": "JM103", "name": "dead-end", "severity": "error", "opt_in": False, "validation": False,
        "summary": "A touchpoint that is not an end has no outgoing transition.", "options": {},
    }
    assert rows[0] == {
        "code": "JM001", "name": "invalid-yaml", "severity": "error", "opt_in": False, "validation": True,
        "summary": "The file is not YAML that journeyctl accepts.", "options": {},
    }


@pytest.mark.parametrize("name", ["dead-end", "JM103", "jm103"])
def test_rule_prints_the_documentation(capsys, name: str) -> None:
    assert run(["rule", name]) == 0
    out = capsys.readouterr().out
    rule = next(r for r in all_rules() if r.code == "JM103")
    assert out == rule_text(rule)
    assert out.startswith("JM103 dead-end (error)\n======================\n\nA touchpoint that is not an end")
    assert "\nWhat it does\n------------\n" in out and "\nFix\n---\n" in out
    assert ".. code-block::" not in out and "``" not in out
    assert "\nExample\n-------\n    - id: voicemail\n      name: Leaves a voicemail\n" in out
    assert "      channel: phone\n\nFix\n---\n    - id: voicemail\n" in out
    assert out.endswith(
        "      next: [call-back]        # or: end: abandoned\n\nFix: unsafe — end: success is added to the touchpoint; "
        "check that the journey is meant to end there, and how (abandoned?)\n"
    )


def test_unknown_rule_exits_2_with_a_suggestion(capsys) -> None:
    assert run(["rule", "deadend"]) == 2
    assert capsys.readouterr() == (
        "", "journeyctl: error: unknown rule 'deadend' — did you mean 'dead-end'? (see 'journeyctl rules')\n",
    )


def test_help_names_every_report_format(capsys) -> None:
    from journeyctl.outputs.reporters import REPORTERS

    assert run(["lint", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert all(name in help_text for name in REPORTERS)
