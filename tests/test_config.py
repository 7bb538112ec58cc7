"""Loading the configuration: where it is found, what it holds, and one clear line when it is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeyctl.cli import run
from journeyctl.loading.config import (
    DEFAULT_MAX_FILE_SIZE,
    DEFAULT_MAX_TOUCHPOINTS,
    Config,
    ConfigError,
    find_config,
    find_root,
    load_config,
)
from journeyctl.model.findings import Severity

MAP = """\
journeyctl: 1
id: plumber
title: Booking a plumber
owner: cx
reviewed: 2026-09-14
teams: [{id: cx, name: CX}]
stages: [{id: s, name: S}]
touchpoints:
  - {id: t, name: T, stage: s, channel: web, lane: customer, entry: true, end: success}
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# -- where the configuration is found ----------------------------------------------------


def test_without_a_configuration_every_setting_has_its_default(tmp_path):
    config = load_config(cwd=tmp_path)
    assert config.file is None
    assert config.root == tmp_path.resolve()
    assert (config.paths, config.exclude, config.select, config.extend_select, config.ignore) == ([], [], None, [], [])
    assert (config.per_file_ignores, config.rules, config.fail_on) == ({}, {}, Severity.ERROR)
    assert (config.max_file_size, config.max_touchpoints) == (DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_TOUCHPOINTS)


def test_journeyctl_toml_in_the_current_folder_is_found(tmp_path):
    write(tmp_path / "journeyctl.toml", 'fail-on = "warning"\n')
    config = load_config(cwd=tmp_path)
    assert (config.file, config.root, config.fail_on) == (tmp_path / "journeyctl.toml", tmp_path, Severity.WARNING)


def test_the_configuration_is_searched_upward_and_its_folder_is_the_root(tmp_path):
    write(tmp_path / "journeyctl.toml", 'exclude = ["drafts"]\n')
    deep = tmp_path / "maps" / "home"
    deep.mkdir(parents=True)
    config = load_config(cwd=deep)
    assert (config.file, config.root, config.exclude) == (tmp_path / "journeyctl.toml", tmp_path, ["drafts"])


def test_tool_journeyctl_in_pyproject_toml_is_found(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "maps"\n\n[tool.journeyctl]\npaths = ["maps"]\n')
    config = load_config(cwd=tmp_path)
    assert (config.file, config.paths) == (tmp_path / "pyproject.toml", ["maps"])


def test_a_pyproject_toml_without_the_table_is_passed_over(tmp_path):
    write(tmp_path / "journeyctl.toml", 'paths = ["outer"]\n')
    write(tmp_path / "inner" / "pyproject.toml", '[tool.black]\nline-length = 100\n')
    config = load_config(cwd=tmp_path / "inner")
    assert (config.file, config.paths) == (tmp_path / "journeyctl.toml", ["outer"])


def test_a_broken_pyproject_toml_on_the_way_up_is_passed_over(tmp_path):
    write(tmp_path / "journeyctl.toml", 'paths = ["outer"]\n')
    write(tmp_path / "inner" / "pyproject.toml", "[tool\n")
    assert find_config(tmp_path / "inner") == tmp_path / "journeyctl.toml"


def test_the_nearest_configuration_wins(tmp_path):
    write(tmp_path / "journeyctl.toml", 'paths = ["outer"]\n')
    write(tmp_path / "inner" / "pyproject.toml", '[tool.journeyctl]\npaths = ["inner"]\n')
    assert load_config(cwd=tmp_path / "inner").paths == ["inner"]


def test_journeyctl_toml_wins_over_pyproject_toml_in_the_same_folder(tmp_path):
    write(tmp_path / "journeyctl.toml", 'paths = ["a"]\n')
    write(tmp_path / "pyproject.toml", '[tool.journeyctl]\npaths = ["b"]\n')
    assert load_config(cwd=tmp_path).paths == ["a"]


def test_an_explicit_configuration_file_overrides_the_search(tmp_path):
    write(tmp_path / "journeyctl.toml", 'paths = ["found"]\n')
    explicit = write(tmp_path / "ci" / "strict.toml", 'fail-on = "info"\n')
    config = load_config(explicit, cwd=tmp_path)
    assert (config.file, config.root, config.paths, config.fail_on) == (explicit, tmp_path / "ci", [], Severity.INFO)


def test_a_relative_explicit_configuration_is_read_from_the_given_folder(tmp_path):
    write(tmp_path / "ci" / "strict.toml", 'fail-on = "warning"\npaths = [\n')
    with pytest.raises(ConfigError) as caught:
        load_config(Path("ci/strict.toml"), cwd=tmp_path)
    assert str(caught.value) == "ci/strict.toml: invalid TOML: Invalid value (at end of document)"
    write(tmp_path / "ci" / "strict.toml", 'fail-on = "warning"\n')
    config = load_config(Path("ci/strict.toml"), cwd=tmp_path)
    assert (config.file, config.root, config.fail_on) == (Path("ci/strict.toml"), tmp_path / "ci", Severity.WARNING)


def test_an_explicit_pyproject_toml_reads_its_tool_table(tmp_path):
    explicit = write(tmp_path / "pyproject.toml", '[tool.journeyctl]\nignore = ["JM404"]\n')
    assert load_config(explicit, cwd=tmp_path).ignore == ["JM404"]


def test_without_a_configuration_the_root_is_the_top_of_the_repository(tmp_path):
    (tmp_path / ".git").mkdir()
    deep = tmp_path / "maps" / "home"
    deep.mkdir(parents=True)
    assert find_root(deep) == tmp_path
    assert load_config(cwd=deep).root == tmp_path


def test_without_a_configuration_or_a_repository_the_root_is_the_current_folder(tmp_path):
    deep = tmp_path / "maps"
    deep.mkdir()
    assert load_config(cwd=deep).root == deep


def test_a_git_file_of_a_worktree_marks_the_repository_too(tmp_path):
    write(tmp_path / ".git", "gitdir: /elsewhere/.git/worktrees/maps\n")
    (tmp_path / "maps").mkdir()
    assert find_root(tmp_path / "maps") == tmp_path


# -- what it holds -----------------------------------------------------------------------


def test_every_setting_is_read(tmp_path):
    write(tmp_path / "journeyctl.toml", """\
paths = ["maps", "catalogs"]
exclude = ["drafts/*"]
select = ["JM1", "dead-end"]
extend-select = ["JM307"]
ignore = ["JM404"]
fail-on = "warning"
max-file-size = 1000
max-touchpoints = 50

[per-file-ignores]
"legacy/*.yaml" = ["JM401", "stale-map"]

[rules.journey-too-long]
severity = "error"
max-steps = 20
""")
    config = load_config(cwd=tmp_path)
    assert config.paths == ["maps", "catalogs"]
    assert config.exclude == ["drafts/*"]
    assert config.select == ["JM1", "dead-end"]
    assert config.extend_select == ["JM307"]
    assert config.ignore == ["JM404"]
    assert config.fail_on is Severity.WARNING
    assert (config.max_file_size, config.max_touchpoints) == (1000, 50)
    assert config.per_file_ignores == {"legacy/*.yaml": ["JM401", "stale-map"]}
    assert config.rules == {"journey-too-long": {"severity": "error", "max-steps": 20}}


def test_a_single_string_is_read_as_a_list_of_one(tmp_path):
    write(tmp_path / "journeyctl.toml", 'exclude = "drafts"\nselect = "ALL"\n')
    config = load_config(cwd=tmp_path)
    assert (config.exclude, config.select) == (["drafts"], ["ALL"])


@pytest.mark.parametrize(
    ("value", "severity"), [("error", Severity.ERROR), ("Warning", Severity.WARNING), (" info ", Severity.INFO)]
)
def test_fail_on_accepts_each_severity(tmp_path, value, severity):
    write(tmp_path / "journeyctl.toml", f'fail-on = "{value}"\n')
    assert load_config(cwd=tmp_path).fail_on is severity


def test_an_empty_configuration_is_all_defaults_rooted_at_its_folder(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.journeyctl]\n")
    config = load_config(cwd=tmp_path)
    assert (config.file, config.root, config.paths, config.fail_on) == (
        tmp_path / "pyproject.toml", tmp_path, [], Severity.ERROR
    )


def test_where_names_the_file_and_the_key():
    assert Config(file=Path("journeyctl.toml")).where("fail-on") == "journeyctl.toml: 'fail-on'"
    assert Config().where("fail-on") == "'fail-on'"


# -- what is wrong with it ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('patsh = ["maps"]', "'patsh': unknown setting — did you mean 'paths'?"),
        ('fail_on = "warning"', "'fail_on': unknown setting — did you mean 'fail-on'?"),
        ('colour = "red"', "'colour': unknown setting"),
        ("paths = 3", "'paths': must be a list of strings, not 3"),
        ("paths = [1, 2]", "'paths': must be a list of strings, not [1, 2]"),
        ("exclude = true", "'exclude': must be a list of strings, not true"),
        ("select = [true]", "'select': must be a list of strings, not [true]"),
        ('ignore = {JM1 = "x"}', "'ignore': must be a list of strings, not {JM1 = 'x'}"),
        ('extend-select = [["JM1"]]', "'extend-select': must be a list of strings, not [['JM1']]"),
        ('fail-on = "warn"', "'fail-on': must be 'error', 'warning' or 'info', not 'warn'"),
        ("fail-on = 1", "'fail-on': must be 'error', 'warning' or 'info', not 1"),
        ('per-file-ignores = ["a"]', "'per-file-ignores': must be a table of glob = [rules]"),
        ('[per-file-ignores]\n"a/*" = 3', "'per-file-ignores.a/*': must be a list of strings, not 3"),
        ("rules = 3", "'rules': must hold [rules.<name>] tables"),
        ('[rules]\ndead-end = "off"', "'rules': must hold [rules.<name>] tables"),
        ("max-file-size = -1", "'max-file-size': must be a positive whole number, not -1"),
        ("max-file-size = 0", "'max-file-size': must be a positive whole number, not 0"),
        ("max-touchpoints = true", "'max-touchpoints': must be a positive whole number, not true"),
        ("max-touchpoints = 1.5", "'max-touchpoints': must be a positive whole number, not 1.5"),
        # Limits too large to protect anything (a huge max-file-size was a MemoryError)
        ("max-file-size = 9223372036854775807",
         "'max-file-size': must be at most 268,435,456, not 9,223,372,036,854,775,807"),
        ("max-file-size = 268435457", "'max-file-size': must be at most 268,435,456, not 268,435,457"),
        ("max-touchpoints = 1000001", "'max-touchpoints': must be at most 1,000,000, not 1,000,001"),
        ("max-findings = 1e9", "'max-findings': must be a positive whole number, not 1000000000.0"),
        ("max-findings = 10000000000", "'max-findings': must be at most 1,000,000, not 10,000,000,000"),
        ('max-findings = "10"', "'max-findings': must be a positive whole number, not '10'"),
    ],
)
def test_a_bad_setting_names_the_file_and_the_key(tmp_path, toml, message):
    path = write(tmp_path / "journeyctl.toml", toml + "\n")
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    assert str(caught.value) == f"{path}: {message}"


def test_a_bad_setting_in_pyproject_toml_names_that_file(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[tool.journeyctl]\nfail-on = "never"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    assert str(caught.value) == f"{path}: 'fail-on': must be 'error', 'warning' or 'info', not 'never'"


def test_invalid_toml_names_the_file_and_the_line(tmp_path):
    path = write(tmp_path / "journeyctl.toml", 'paths = ["a"]\nexclude = [\n')
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    assert str(caught.value).startswith(f"{path}: invalid TOML: ")


def test_invalid_toml_reports_its_position(tmp_path):
    path = write(tmp_path / "journeyctl.toml", 'paths = ["a"]\nfail-on = warning\n')
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    assert str(caught.value) == f"{path}: invalid TOML: Invalid value (at line 2, column 11)"


def test_a_configuration_that_is_not_utf8_is_refused(tmp_path):
    path = write(tmp_path / "journeyctl.toml", "paths = ['caf\xe9']\n".encode("latin-1"))
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    assert str(caught.value) == f"{path}: the configuration is not UTF-8 text"


def test_a_missing_explicit_configuration_is_an_error(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "missing.toml", cwd=tmp_path)
    assert str(caught.value) == f"{tmp_path / 'missing.toml'}: configuration file not found"


def test_a_folder_given_as_the_configuration_is_an_error(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path, cwd=tmp_path)
    assert str(caught.value) == f"{tmp_path}: configuration file not found"


# -- through the command line: exit 2 and one line ---------------------------------------


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('patsh = ["maps"]', "'patsh': unknown setting — did you mean 'paths'?"),
        ("paths = 3", "'paths': must be a list of strings, not 3"),
        ('fail-on = "warn"', "'fail-on': must be 'error', 'warning' or 'info', not 'warn'"),
        ("paths = [", "invalid TOML: Invalid value (at end of document)"),
    ],
)
def test_the_command_line_reports_a_bad_found_configuration_in_one_line(tmp_path, monkeypatch, capsys, toml, message):
    path = write(tmp_path / "journeyctl.toml", toml + "\n")
    write(tmp_path / "map.yaml", MAP)
    monkeypatch.chdir(tmp_path)
    assert run(["lint", "map.yaml"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"journeyctl: error: {path}: {message}\n"


def test_the_command_line_reports_a_bad_explicit_configuration_in_one_line(tmp_path, monkeypatch, capsys):
    write(tmp_path / "ci.toml", "max-file-size = 0\n")
    write(tmp_path / "map.yaml", MAP)
    monkeypatch.chdir(tmp_path)
    assert run(["--config", "ci.toml", "lint", "map.yaml"]) == 2
    assert capsys.readouterr() == ("", "journeyctl: error: ci.toml: 'max-file-size': must be a positive whole number, not 0\n")


def test_the_command_line_reports_a_missing_configuration_in_one_line(tmp_path, monkeypatch, capsys):
    write(tmp_path / "map.yaml", MAP)
    monkeypatch.chdir(tmp_path)
    assert run(["--config", "nope.toml", "lint", "map.yaml"]) == 2
    assert capsys.readouterr() == ("", "journeyctl: error: nope.toml: configuration file not found\n")


def test_the_explicit_configuration_replaces_the_one_found(tmp_path, monkeypatch, capsys):
    write(tmp_path / "journeyctl.toml", 'patsh = "broken"\n')
    write(tmp_path / "ok.toml", 'fail-on = "error"\n')
    write(tmp_path / "map.yaml", MAP)
    monkeypatch.chdir(tmp_path)
    assert run(["--config", "ok.toml", "lint", "map.yaml"]) == 0
    assert capsys.readouterr().err == ""


def test_a_configuration_above_the_current_folder_applies(tmp_path, monkeypatch, capsys):
    write(tmp_path / "journeyctl.toml", 'exclude = ["drafts"]\n')
    write(tmp_path / "maps" / "map.yaml", MAP)
    write(tmp_path / "maps" / "drafts" / "broken.yaml", "journeyctl: 1\nid: [\n")
    monkeypatch.chdir(tmp_path / "maps")
    assert run(["lint", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["findings"], report["summary"]) == (
        [], {"files": 1, "journeys": 1, "errors": 0, "warnings": 0, "infos": 0}
    )


@pytest.mark.parametrize(("key", "ceiling"), [("max-file-size", 268_435_456), ("max-touchpoints", 1_000_000),
                                              ("max-findings", 1_000_000)])
def test_every_limit_accepts_its_ceiling(tmp_path, key, ceiling):
    write(tmp_path / "journeyctl.toml", f"{key} = {ceiling}\n")
    assert getattr(load_config(cwd=tmp_path), key.replace("-", "_")) == ceiling


def test_a_huge_limit_is_one_line_and_exit_2_not_a_memory_error(tmp_path, monkeypatch, capsys):
    from journeyctl.cli import run

    write(tmp_path / "journeyctl.toml", "max-file-size = 9223372036854775807\n")
    write(tmp_path / "map.yaml", "journeyctl: 1\n")
    monkeypatch.chdir(tmp_path)
    assert run(["lint", "map.yaml"]) == 2
    assert capsys.readouterr() == ("", (
        f"journeyctl: error: {tmp_path / 'journeyctl.toml'}: 'max-file-size': must be at most 268,435,456, "
        "not 9,223,372,036,854,775,807\n"
    ))
