"""Lint from evidence: ``[evidence]`` in the configuration names an event log and switches
the evidence rules on; its settings are checked with one-line errors naming the key."""

from __future__ import annotations

import json

import pytest

from journeyctl.cli import run
from support import FLOW, log_file

ROWS = """
    k1, a, 10:00
    k1, c, 10:01
    k2, a, 10:00
    k2, b, 10:01
    k2, c, 11:30
    k3, a, 10:00
"""


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "flow.yaml").write_text(FLOW, encoding="utf-8")
    (tmp_path / "logs").mkdir()
    log_file(tmp_path / "logs", ROWS)
    return tmp_path


def test_the_evidence_rules_run_when_the_configuration_names_a_log(workspace, capsys):
    (workspace / "journeyctl.toml").write_text(
        '[evidence]\nevents = "logs/log.csv"\n\n[rules.high-drop-off]\nmax-rate = 0.3\n', encoding="utf-8"
    )
    assert run(["lint", "maps", "--format", "json"]) == 0

    findings = [
        (f["line"], f["column"], f["code"], f["message"].split(":")[0])
        for f in json.loads(capsys.readouterr().out)["findings"]
        if f["code"].startswith("JM5")
    ]
    assert findings == [
        (7, 5, "JM503", "1 of 3 cases of the event log drop off at touchpoint 'a' (33.3%, over max-rate 30.0%)"),
        (13, 5, "JM501", "the event log has 1 transition from 'a' to 'c' (1 case), which the map does not show"),
        (21, 42, "JM504", "100.0% of 1 handoff b->c in the event log take longer than the SLA of 1h (median 1h 29m, "
                          "p90 1h 29m)"),
        (22, 9, "JM502", "none of the 3 cases of the event log takes b->d"),
    ]


def test_without_a_log_the_evidence_rules_stay_off(workspace, capsys):
    assert run(["lint", "maps", "--format", "json"]) == 0
    assert '"JM5' not in capsys.readouterr().out
    assert run(["lint", "maps", "--format", "json", "--select", "JM5"]) == 0  # selected, but nothing to read
    assert '"JM5' not in capsys.readouterr().out


def test_an_ignored_evidence_rule_stays_off(workspace, capsys):
    (workspace / "journeyctl.toml").write_text(
        '[evidence]\nevents = "logs/log.csv"\nignore = ["unused-transition"]\n', encoding="utf-8"
    )
    assert run(["lint", "maps", "--format", "json"]) == 2  # `ignore` is no key of [evidence]
    assert capsys.readouterr().err == (
        f"journeyctl: error: {workspace.resolve()}/journeyctl.toml: 'evidence.ignore': unknown setting\n"
    )
    (workspace / "journeyctl.toml").write_text(
        'ignore = ["unused-transition"]\n[evidence]\nevents = "logs/log.csv"\n', encoding="utf-8"
    )
    assert run(["lint", "maps", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"JM501"' in out and '"JM502"' not in out


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('evidence = "logs/log.csv"\n', "{root}/journeyctl.toml: 'evidence': must be a table with events = \"path/to/log\""),
        ("[evidence]\ncase = \"ticket\"\n", "{root}/journeyctl.toml: 'evidence': needs events = \"path/to/log\", the event "
                                           "log to read"),
        ("[evidence]\nevents = 3\n", "{root}/journeyctl.toml: 'evidence.events': must be a non-empty string, not 3"),
        ("[evidence]\nevent = \"x\"\n", "{root}/journeyctl.toml: 'evidence.event': unknown setting — did you mean 'events'?"),
        ("[evidence]\nevents = \"logs/none.csv\"\n",
         "{root}/journeyctl.toml: 'evidence.events': {root}/logs/none.csv: no such file"),
    ],
)
def test_a_bad_evidence_table_is_one_line_and_exit_2(workspace, capsys, config, message):
    (workspace / "journeyctl.toml").write_text(config, encoding="utf-8")
    assert run(["lint", "maps"]) == 2
    assert capsys.readouterr() == ("", f"journeyctl: error: {message.format(root=workspace.resolve())}\n")


def test_an_activity_of_two_touchpoints_stops_the_lint_with_one_line(workspace, capsys):
    (workspace / "maps" / "flow.yaml").write_text(FLOW.replace("events: [d]", "events: ['?']"), encoding="utf-8")
    (workspace / "journeyctl.toml").write_text('[evidence]\nevents = "logs/log.csv"\n', encoding="utf-8")
    assert run(["lint", "maps"]) == 2
    assert capsys.readouterr().err == (
        "journeyctl: error: maps/flow.yaml: activity 'a' is evidence of 2 touchpoints: 'a', 'd' (and 2 more "
        "activities); make their 'events' patterns disjoint\n"
    )
