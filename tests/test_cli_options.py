"""Options every command takes (--config, --no-color, -q), its help, and shell completion."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from journeyctl.cli import common, run
from minimal_map import MINIMAL

SRC = Path(__file__).resolve().parents[1] / "src"
# No owner, no review date, a frontstage touchpoint without owner: three warnings, no error.
WARNED = MINIMAL


@pytest.fixture(autouse=True)
def fresh_state(monkeypatch):
    """Each run starts from the defaults, as a new process would."""
    monkeypatch.setattr(common, "STATE", common.State())
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def maps(tmp_path, monkeypatch) -> Path:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "plumber.yaml").write_text(WARNED, encoding="utf-8")
    (tmp_path / "strict.toml").write_text('fail-on = "warning"\nignore = ["JM404"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-12-01")
    return tmp_path


@pytest.mark.parametrize(
    "argv",
    [
        ["--config", "strict.toml", "lint", "--format", "json", "maps"],
        ["lint", "--config", "strict.toml", "--format", "json", "maps"],
        ["lint", "--format", "json", "maps", "--config", "strict.toml"],
    ],
    ids=["before", "after", "at-the-end"],
)
def test_config_works_before_and_after_the_command(maps, capsys, argv):
    assert run(argv) == 1  # fail-on = "warning" from strict.toml
    out = capsys.readouterr().out
    assert '"code": "JM401"' in out
    assert '"code": "JM404"' not in out  # ignored by strict.toml


def test_a_config_after_the_command_replaces_one_before_it(maps, capsys):
    (maps / "lenient.toml").write_text("", encoding="utf-8")
    assert run(["--config", "strict.toml", "lint", "--config", "lenient.toml", "--format", "json", "maps"]) == 0


def test_a_missing_config_after_the_command_is_one_line(maps, capsys):
    assert run(["lint", "maps", "--config", "nowhere.toml"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("journeyctl: error: nowhere.toml") and err.count("\n") == 1


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_lint_prints_only_the_findings(maps, capsys, where):
    argv = ["lint", "--output-format", "concise", "maps"]
    argv = ["-q", *argv] if where == "before" else [*argv, "-q"]
    assert run(argv) == 0
    assert capsys.readouterr() == (
        "maps/plumber.yaml:2:1: warning JM401 [stale-map] journey 'plumber' has no 'reviewed' date: "
        "review the map and record when\n"
        "maps/plumber.yaml:2:1: warning JM404 [no-owner] journey 'plumber' has no owner: "
        "name the team that keeps the map up to date in 'owner'\n"
        "maps/plumber.yaml:8:5: warning JM204 [missing-owner] frontstage touchpoint 'call' has no owner: "
        "name the team that runs it in 'owner'\n",
        "",
    )


def test_quiet_lint_of_a_clean_map_prints_nothing(maps, capsys):
    assert run(["lint", "-q", "--ignore", "JM401,JM404,JM204", "maps"]) == 0
    assert capsys.readouterr() == ("", "")


def test_quiet_diff_prints_nothing_and_exits_1_on_changes(maps, capsys):
    changed = maps / "changed.yaml"
    changed.write_text(WARNED.replace("name: Calls the office", "name: Phones the office"), encoding="utf-8")
    assert run(["diff", "-q", "maps/plumber.yaml", "changed.yaml"]) == 1
    assert capsys.readouterr() == ("", "")
    assert run(["diff", "maps/plumber.yaml", "maps/plumber.yaml", "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")


def test_quiet_diff_still_writes_the_report_it_was_asked_for(maps, capsys):
    changed = maps / "changed.yaml"
    changed.write_text(WARNED.replace("name: Calls the office", "name: Phones the office"), encoding="utf-8")
    assert run(["diff", "-q", "--format", "json", "-o", "d.json", "maps/plumber.yaml", "changed.yaml"]) == 1
    assert capsys.readouterr() == ("", "")
    assert '"field": "name"' in (maps / "d.json").read_text(encoding="utf-8")


def test_quiet_show_prints_no_facts_only_why_a_file_is_not_a_map(maps, capsys):
    assert run(["show", "-q", "maps/plumber.yaml"]) == 0
    assert capsys.readouterr() == ("", "")
    (maps / "list.yaml").write_text("- a\n", encoding="utf-8")
    assert run(["show", "-q", "list.yaml"]) == 1
    assert capsys.readouterr() == (
        "", "list.yaml:1:1: not a journeyctl file: the top level has no 'journeyctl: 1' key\n"
    )


def test_no_color_after_the_command(maps, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run(["lint", "maps", "--no-color", "--output-format", "concise"]) == 0
    assert "\x1b[" not in capsys.readouterr().out
    assert run(["lint", "maps", "--output-format", "concise"]) == 0
    assert "\x1b[" in capsys.readouterr().out  # a terminal gets colour otherwise


@pytest.mark.parametrize("command", ["lint", "render", "report", "fmt", "diff", "paths", "show", "init", "schema"])
def test_every_command_help_lists_the_shared_options(capsys, command):
    assert run([command, "--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--config FILE", "--no-color", "-q, --quiet"):
        assert option in out


@pytest.mark.parametrize(
    ("command", "usage", "argument"),
    [
        ("lint", "Usage: journeyctl lint [OPTIONS] [PATH]...", "  PATH...  Files or folders (default: the workspace)."),
        ("render", "Usage: journeyctl render [OPTIONS] PATH...", "  PATH...  Journey map files or folders.  [required]"),
        ("fmt", "Usage: journeyctl fmt [OPTIONS] [PATH]...", "  PATH..."),
        ("show", "Usage: journeyctl show [OPTIONS] FILE", "  FILE  A journey or catalog file.  [required]"),
    ],
)
def test_help_shows_arguments_by_name_not_by_python_type(capsys, command, usage, argument):
    assert run([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == usage
    assert any(line.startswith(argument) for line in out.splitlines())
    assert "<list[str]>" not in out and "<str>" not in out and "{PATH}" not in out


def _journeyctl(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": str(SRC), **env}
    return subprocess.run(
        [sys.executable, "-m", "journeyctl", *argv], env=environ, capture_output=True, text=True, check=False
    )


def test_show_completion_prints_a_script_for_the_shell():
    done = _journeyctl("--show-completion", "bash", _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    assert done.returncode == 0
    assert "_JOURNEYCTL_COMPLETE=complete_bash" in done.stdout
    assert "complete -o default -F _journeyctl_completion journeyctl" in done.stdout


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [("journeyctl li", "1", ["lint"]), ("journeyctl lint --fo", "2", ["--format"]), ("journeyctl re", "1", ["rename", "render", "report"])],
)
def test_completion_answers_the_shell(words, cword, expected):
    done = _journeyctl(COMP_WORDS=words, COMP_CWORD=cword, _JOURNEYCTL_COMPLETE="complete_bash")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.split() == expected


def test_install_completion_writes_the_script_into_the_home_folder(tmp_path):
    # Typer finds the shell by walking up the process tree: run from bash, whatever runs
    # the tests (``exit`` keeps bash from replacing itself with the command).
    environ = {**os.environ, "PYTHONPATH": str(SRC), "HOME": str(tmp_path), "SHELL": "/bin/bash"}
    done = subprocess.run(
        ["bash", "-c", '"$@"; exit $?', "bash", sys.executable, "-m", "journeyctl", "--install-completion"],
        env=environ, capture_output=True, text=True, check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    script = tmp_path / ".bash_completions" / "journeyctl.sh"
    assert "_JOURNEYCTL_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text(encoding="utf-8")


# -- the text forms ----------------------------------------------------------------------

SYNTAX = "journeyctl: 1\nid: plumber\ntitle: Fix: the leak\n"
SYNTAX_FULL = (
    "maps/syntax.yaml (1 error)\n"
    "maps/syntax.yaml:3:11: error JM001 [invalid-yaml] invalid YAML: mapping values are not allowed in this context\n"
    "  |\n"
    "3 | title: Fix: the leak\n"
    "  |           ^\n"
    "  = hint: a ': ' inside a value starts a new key: quote the value (title: \"a: b\"), "
    "or indent this line like the keys around it\n"
    "\n"
    "Found 1 error in 1 file (0 journeys)\n"
)
SYNTAX_CONCISE = (
    "maps/syntax.yaml (1 error)\n"
    "maps/syntax.yaml:3:11: error JM001 [invalid-yaml] invalid YAML: mapping values are not allowed in this context\n"
    "\n"
    "Found 1 error in 1 file (0 journeys)\n"
)


@pytest.fixture
def syntax(maps) -> Path:
    (maps / "maps" / "syntax.yaml").write_text(SYNTAX, encoding="utf-8")
    return maps


def test_a_terminal_gets_the_full_form(syntax, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run(["lint", "--no-color", "maps/syntax.yaml"]) == 1
    assert capsys.readouterr() == (SYNTAX_FULL, "")


def test_a_pipe_gets_the_concise_form_unless_full_is_asked_for(syntax, capsys):
    assert run(["lint", "maps/syntax.yaml"]) == 1
    assert capsys.readouterr() == (SYNTAX_CONCISE, "")
    assert run(["lint", "maps/syntax.yaml", "--output-format", "full"]) == 1
    assert capsys.readouterr() == (SYNTAX_FULL, "")


def test_concise_can_be_forced_on_a_terminal_and_a_file_gets_it_by_default(syntax, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run(["lint", "--no-color", "--output-format", "concise", "maps/syntax.yaml"]) == 1
    assert capsys.readouterr() == (SYNTAX_CONCISE, "")
    assert run(["lint", "maps/syntax.yaml", "-o", "report.txt"]) == 1
    assert (syntax / "report.txt").read_text(encoding="utf-8") == SYNTAX_CONCISE


def test_an_unknown_text_form_is_a_usage_error(syntax, capsys):
    assert run(["lint", "--output-format", "long", "maps/syntax.yaml"]) == 2
    assert capsys.readouterr() == (
        "", "journeyctl: error: --output-format: unknown form 'long' (expected one of concise, full)\n"
    )
