"""Rule selection and rule settings: select / extend-select / ignore, per-file-ignores,
[rules.*] severities and options, and every way a configuration can be wrong (exit 2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journeyctl.checks.linter import active_rules, default_today, lint
from journeyctl.checks.rules import all_rules
from journeyctl.checks.selection import Layer
from journeyctl.cli import run
from journeyctl.loading.config import Config, ConfigError, load_config
from journeyctl.model.findings import Severity

# One map that breaks several rules at known places:
#   JM103 dead-end at 13:5, JM108 backward-transition at 19:9, JM401 stale-map (no 'reviewed'),
#   JM404 no-owner, JM307 no-feedback-loop (opt-in).
MAP = """\
journeyctl: 1
id: plumber
title: Booking a plumber
stages:
  - {id: book, name: Book}
  - {id: service, name: Service}
touchpoints:
  - id: call
    name: Calls the office
    stage: book
    channel: phone
    entry: true
    next: [voicemail, visit]
  - id: voicemail
    name: Leaves a voicemail
    stage: book
    channel: phone
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
teams:
  - {id: field, name: Field team}
"""
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "plumber.yaml").write_text(MAP, encoding="utf-8")
    return tmp_path


def codes(root: Path, config: Config | None = None, overrides: Layer | None = None) -> list[str]:
    config = config or Config(root=root)
    result = lint([], config, cwd=root, today=TODAY, overrides=overrides)
    return sorted({f.code for f in result.findings})


DEFAULT = ["JM103", "JM108", "JM204", "JM401", "JM404"]


def test_default_selection_leaves_out_opt_in_rules(workspace: Path) -> None:
    assert codes(workspace) == DEFAULT
    opt_in = {r.code for r in all_rules() if r.opt_in}
    assert opt_in >= {"JM205", "JM307", "JM308"}
    assert not opt_in & {r.code for r in active_rules(Config(root=workspace))}


@pytest.mark.parametrize("selector, expected", [
    (["JM103"], ["JM103"]),
    (["dead-end"], ["JM103"]),
    (["jm103"], ["JM103"]),
    (["JM1"], ["JM103", "JM108"]),
    (["JM4", "backward-transition"], ["JM108", "JM401", "JM404"]),
    (["ALL"], ["JM103", "JM108", "JM204", "JM205", "JM307", "JM308", "JM401", "JM404"]),
    (["JM3"], ["JM307", "JM308"]),  # a prefix turns opt-in rules on too
    (["no-feedback-loop"], ["JM307"]),
])
def test_select(workspace: Path, selector: list[str], expected: list[str]) -> None:
    assert codes(workspace, Config(root=workspace, select=selector)) == expected


def test_extend_select_adds_to_the_default(workspace: Path) -> None:
    config = Config(root=workspace, extend_select=["JM307"])
    assert codes(workspace, config) == sorted(DEFAULT + ["JM307"])


def test_ignore_wins_within_a_layer(workspace: Path) -> None:
    config = Config(root=workspace, select=["ALL"], ignore=["JM3", "JM205", "missing-owner"])
    assert codes(workspace, config) == ["JM103", "JM108", "JM401", "JM404"]


def test_command_line_select_starts_afresh(workspace: Path) -> None:
    config = Config(root=workspace, ignore=["JM108"])
    assert "JM108" not in codes(workspace, config)
    assert codes(workspace, config, Layer(select=["JM108"])) == ["JM108"]


def test_command_line_ignore_and_extend_select_apply_after_the_config(workspace: Path) -> None:
    config = Config(root=workspace, select=["JM1"])
    assert codes(workspace, config, Layer(extend_select=["JM404"], ignore=["JM103"])) == ["JM108", "JM404"]


@pytest.mark.parametrize("glob", ["maps/plumber.yaml", "maps/*", "*.yaml", "**/plumber.yaml", "plumber.yaml"])
def test_per_file_ignores(workspace: Path, glob: str) -> None:
    config = Config(root=workspace, per_file_ignores={glob: ["JM4", "dead-end"]})
    assert codes(workspace, config) == ["JM108", "JM204"]


def test_per_file_ignores_not_matching(workspace: Path) -> None:
    config = Config(root=workspace, per_file_ignores={"drafts/*": ["JM4"], "other.yaml": ["JM103"]})
    assert codes(workspace, config) == DEFAULT


def test_severity_override_and_off(workspace: Path) -> None:
    config = Config(root=workspace, rules={
        "backward-transition": {"severity": "error"}, "JM401": {"severity": "off"}, "no-owner": {"severity": "info"},
    })
    result = lint([], config, cwd=workspace, today=TODAY)
    found = {f.code: f.severity for f in result.findings}
    assert found == {
        "JM103": Severity.ERROR, "JM108": Severity.ERROR, "JM204": Severity.WARNING, "JM404": Severity.INFO,
    }


def test_options_reach_the_rule(workspace: Path) -> None:
    text = (workspace / "maps" / "plumber.yaml").read_text()
    (workspace / "maps" / "plumber.yaml").write_text(text.replace("title:", "reviewed: 2026-10-01\ntitle:"))
    assert "JM401" not in codes(workspace)
    config = Config(root=workspace, rules={"stale-map": {"max-age-days": 30}})
    result = lint([], config, cwd=workspace, today=TODAY)
    (stale,) = [f for f in result.findings if f.code == "JM401"]
    assert (stale.line, stale.column) == (3, 11)


def test_today_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2027-01-31")
    assert default_today() == dt.date(2027, 1, 31)
    monkeypatch.setenv("JOURNEYCTL_TODAY", "31.01.2027")
    with pytest.raises(ConfigError, match=r"^JOURNEYCTL_TODAY='31.01.2027' is not an ISO date \(YYYY-MM-DD\)$"):
        default_today()
    monkeypatch.delenv("JOURNEYCTL_TODAY")
    assert default_today() == dt.date.today()


def test_today_changes_date_rules(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (workspace / "maps" / "plumber.yaml").read_text()
    (workspace / "maps" / "plumber.yaml").write_text(text.replace("title:", "reviewed: 2026-10-01\ntitle:"))
    config = Config(root=workspace, select=["stale-map"])
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-11-01")
    assert lint([], config, cwd=workspace).findings == []
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2027-11-01")
    assert [f.code for f in lint([], config, cwd=workspace).findings] == ["JM401"]


# -- bad configuration: one line on stderr naming the file and key, exit 2 ---------------

BAD = [
    ('select = ["JM9"]', "journeyctl.toml: 'select': 'JM9' matches no rule"),
    ('select = ["deadend"]', "journeyctl.toml: 'select': 'deadend' matches no rule — did you mean 'dead-end'?"),
    ('ignore = ["schema"]', "journeyctl.toml: 'ignore': 'schema' is the validation check 'schema': "
                            "it always runs and cannot be selected or ignored"),
    ('extend-select = ["JM002"]', "journeyctl.toml: 'extend-select': 'JM002' is the validation check 'schema': "
                                  "it always runs and cannot be selected or ignored"),
    ('[per-file-ignores]\n"a/*" = ["stale-maps"]',
     "journeyctl.toml: 'per-file-ignores.a/*': 'stale-maps' matches no rule — did you mean 'stale-map'?"),
    ('[rules.stale-maps]\nmax-age-days = 3', "journeyctl.toml: 'rules.stale-maps': unknown rule — did you mean 'stale-map'?"),
    ('[rules.JM002]\nseverity = "warning"',
     "journeyctl.toml: 'rules.JM002': validation checks (JM001–JM004) always run as errors and take no settings"),
    ('[rules.stale-map]\nmax-age = 3',
     "journeyctl.toml: 'rules.stale-map.max-age': stale-map has no option 'max-age' — did you mean "
     "'max-age-days'? (options: max-age-days)"),
    ('[rules.dead-end]\nmax-steps = 3',
     "journeyctl.toml: 'rules.dead-end.max-steps': dead-end has no option 'max-steps' "
     "(options: none besides 'severity')"),
    ('[rules.stale-map]\nmax-age-days = "90"', "journeyctl.toml: 'rules.stale-map.max-age-days': must be a whole number, not '90'"),
    ('[rules.stale-map]\nmax-age-days = true', "journeyctl.toml: 'rules.stale-map.max-age-days': must be a whole number, not True"),
    ('[rules.stale-map]\nmax-age-days = -1', "journeyctl.toml: 'rules.stale-map.max-age-days': must not be negative, not -1"),
    ('[rules.JM303]\nseverity = "fatal"',
     "journeyctl.toml: 'rules.JM303.severity': must be 'error', 'warning', 'info' or 'off', not 'fatal'"),
    ('fail-on = "never"', "journeyctl.toml: 'fail-on': must be 'error', 'warning' or 'info', not 'never'"),
    ('select = "JM1"\nignore = [3]', "journeyctl.toml: 'ignore': must be a list of strings, not [3]"),
    ('rules = 3', "journeyctl.toml: 'rules': must hold [rules.<name>] tables"),
    ('per-file-ignores = ["JM1"]', "journeyctl.toml: 'per-file-ignores': must be a table of glob = [rules]"),
    ('select = 3', "journeyctl.toml: 'select': must be a list of strings, not 3"),
    ('selct = ["JM1"]', "journeyctl.toml: 'selct': unknown setting — did you mean 'select'?"),
]


@pytest.mark.parametrize("toml, message", BAD, ids=[b[0].splitlines()[0] for b in BAD])
def test_bad_configuration_exits_2_with_one_line(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, toml: str, message: str
) -> None:
    (workspace / "journeyctl.toml").write_text(toml + "\n", encoding="utf-8")
    monkeypatch.chdir(workspace)
    assert run(["lint"]) == 2
    out, err = capsys.readouterr()
    expected = message.replace("journeyctl.toml", str(workspace / "journeyctl.toml"))
    assert (out, err) == ("", f"journeyctl: error: {expected}\n")


def test_bad_configuration_raises_config_error_from_the_library(workspace: Path) -> None:
    (workspace / "journeyctl.toml").write_text('[rules.stale-map]\nmax-age-days = 1.5\n', encoding="utf-8")
    config = load_config(cwd=workspace)
    with pytest.raises(ConfigError, match=r"'rules\.stale-map\.max-age-days': must be a whole number, not 1\.5$"):
        lint([], config, cwd=workspace)


def test_configuration_in_pyproject(workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    (workspace / "pyproject.toml").write_text(
        '[tool.journeyctl]\nselect = ["dead-end"]\n[tool.journeyctl.rules.dead-end]\nseverity = "warning"\n'
    )
    monkeypatch.chdir(workspace)
    assert run(["lint", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"code": "JM103"' in out and '"severity": "warning"' in out and out.count('"code"') == 1


BIGGEST = 2**63 - 1  # the largest TOML integer


@pytest.mark.parametrize(("rule", "key", "value", "expected"), [
    ("stale-map", "max-age-days", 0, ["JM401"]), ("stale-map", "max-age-days", BIGGEST, []),
    ("journey-too-long", "max-steps", 0, ["JM303"]), ("journey-too-long", "max-steps", BIGGEST, []),
    ("too-many-channel-switches", "max-switches", BIGGEST, []),
])
def test_numeric_rule_options_work_at_both_ends_of_their_range(workspace: Path, rule, key, value, expected) -> None:
    """0 flags whatever the rule measures; the largest TOML integer flags nothing and overflows nothing."""
    text = (workspace / "maps" / "plumber.yaml").read_text()
    (workspace / "maps" / "plumber.yaml").write_text(text.replace("title:", "reviewed: 2026-10-01\ntitle:"))
    config = Config(root=workspace, select=[rule], rules={rule: {key: value}})
    assert [f.code for f in lint([], config, cwd=workspace, today=TODAY).findings] == expected
