"""A plain ``lint`` command line runs without typer: it must read exactly as typer reads it.

Every command line below runs twice through :func:`journeyctl.cli.run`: once as typer
parses it, once as :mod:`journeyctl.cli.quick_lint` does; the arguments ``lint`` receives,
the global state and the exit code must be the same. Command lines the quick parser does
not take must go to typer, whose messages and exit codes they then get.
"""

from __future__ import annotations

import inspect

import pytest

from journeyctl.cli import common, quick_lint, run
import journeyctl.cli.lint as lint_module

PLAIN = [
    ["lint"],
    ["lint", "maps"],
    ["lint", "a.yaml", "b.yaml", "folder/"],
    ["lint", "--format", "json", "maps"],
    ["lint", "--format=json", "maps"],
    ["lint", "--format=", "maps"],
    ["lint", "--format", "sarif", "--format", "json"],
    ["lint", "-o", "report.json", "--output", "other.json", "maps"],
    ["lint", "--output=report.sarif", "--format", "sarif"],
    ["lint", "-o", "-"],
    ["lint", "--select", "JM1", "--select", "dead-end,JM3", "--extend-select=ALL", "--ignore", "JM401"],
    ["lint", "--select", "-x", "--ignore", "--fix"],
    ["lint", "--fail-on", "warning", "--statistics", "--output-format", "full"],
    ["lint", "--fix", "--unsafe-fixes", "maps"],
    ["lint", "--diff", "--unsafe-fixes", "--no-cache"],
    ["lint", "--no-cache", "--no-cache"],
    ["lint", "-j", "1"],
    ["lint", "--jobs", "1024", "maps"],
    ["lint", "--jobs=2"],
    ["lint", "maps", "-"],
    ["lint", ""],
    ["lint", "lint"],
    ["lint", "Ελληνικά/ταξίδι.yaml", "עברית.yaml", "путь.yaml", "旅程 🚀.yaml"],
    ["lint", "maps/a=b.yaml", "--select=JM1=x"],
    ["-q", "lint"],
    ["--quiet", "--no-color", "--debug", "lint", "maps"],
    ["--config", "strict.toml", "lint", "maps"],
    ["--config", "lint", "lint"],
    ["--config", "strict.toml", "lint", "--config", "lenient.toml"],
    ["lint", "--config", "strict.toml", "-q", "--no-color", "maps"],
    ["lint", "--config=strict.toml", "--quiet"],
    ["-q", "lint", "-q", "--format", "github"],
]

# Command lines typer must read: help, mistakes, and spellings the quick parser leaves to it.
LEFT_TO_TYPER = [
    ["lint", "--help"],
    ["lint", "-h"],
    ["lint", "maps", "--help"],
    ["--help", "lint"],
    ["--version", "lint"],
    ["lint", "--bogus"],
    ["lint", "--formats", "json"],
    ["lint", "--format"],
    ["lint", "-o"],
    ["lint", "--select"],
    ["lint", "--fix=yes"],
    ["lint", "--no-cache="],
    ["lint", "-ojson.txt"],
    ["lint", "-o=report.txt"],
    ["lint", "-qj2"],
    ["lint", "-j"],
    ["lint", "-j", "0"],
    ["lint", "-j", "1025"],
    ["lint", "-j", "04"],
    ["lint", "-j", "+4"],
    ["lint", "-j", " 4"],
    ["lint", "-j", "4.0"],
    ["lint", "-j", "1_0"],
    ["lint", "-j", "٤"],
    ["lint", "-j", "many"],
    ["lint", "--", "-odd.yaml"],
    ["lint", "-odd.yaml"],
    ["lint", "--debug"],
    ["--config=strict.toml", "lint"],
    ["--config"],
    ["--bogus", "lint"],
    ["lint-all"],
    ["render", "maps"],
    [],
]


@pytest.fixture
def recorded(monkeypatch):
    """Runs a command line and returns what ``lint`` was called with, the global state
    and the exit code (``lint`` itself does nothing)."""
    signature = inspect.signature(lint_module.lint)
    calls = []

    def record(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        calls.append((dict(bound.arguments), common.State(**vars(common.STATE))))
        return 0

    monkeypatch.setattr(lint_module, "lint", record)

    def go(argv, *, typer_only: bool):
        calls.clear()
        common.STATE = common.State(config="stale", no_color=True, quiet=True, debug=True)
        with monkeypatch.context() as patch:
            if typer_only:
                patch.setattr(quick_lint, "parse", lambda args: None)
            code = run(list(argv))
        return code, list(calls)

    return go


@pytest.mark.parametrize("no_color_variable", [None, "1"])
@pytest.mark.parametrize("argv", PLAIN, ids=" ".join)
def test_a_plain_command_line_reads_as_typer_reads_it(argv, no_color_variable, recorded, monkeypatch):
    if no_color_variable is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color_variable)
    assert quick_lint.parse(argv) is not None
    slow = recorded(argv, typer_only=True)
    fast = recorded(argv, typer_only=False)
    assert fast == slow
    assert slow[0] == 0 and len(slow[1]) == 1


def test_what_the_quick_parser_reads_exactly():
    call = quick_lint.parse(
        ["-q", "--config", "a.toml", "lint", "x.yaml", "--select", "JM1", "-j", "3", "--select=JM3",
         "--config", "b.toml", "--no-color", "-o", "-", "y.yaml"]
    )
    assert call.before == {"config": "a.toml", "no_color": False, "quiet": True, "debug": False}
    assert call.after == {"config": "b.toml", "no_color": True, "quiet": False}
    assert call.arguments == {"paths": ["x.yaml", "y.yaml"], "select": ["JM1", "JM3"], "jobs": 3, "output": "-"}
    assert quick_lint.parse(["lint"]).arguments == {"paths": None}


@pytest.mark.parametrize("argv", LEFT_TO_TYPER, ids=lambda a: " ".join(a) or "(nothing)")
def test_anything_else_is_left_to_typer(argv):
    assert quick_lint.parse(argv) is None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["lint", "--bogus"], "No such option: --bogus (Possible options: --jobs) (see 'journeyctl lint --help')"),
        (["lint", "--format"], "Option '--format' requires an argument. (see 'journeyctl --help')"),
        (["lint", "--fix=yes"], "Option '--fix' does not take a value. (see 'journeyctl --help')"),
        (["lint", "-j", "0"], "Invalid value for '--jobs' / '-j': Input should be greater than or equal to 1 "
                              "(see 'journeyctl lint --help')"),
        (["lint", "-j", "1025"], "Invalid value for '--jobs' / '-j': Input should be less than or equal to 1024 "
                                 "(see 'journeyctl lint --help')"),
        (["lint", "-j", "many"], "Invalid value for '--jobs' / '-j': Input should be a valid integer, unable to parse "
                                 "string as an integer (see 'journeyctl lint --help')"),
    ],
)
def test_a_bad_lint_command_line_gets_typers_message_and_exit_code_2(argv, message, capsys):
    assert run(argv) == 2
    assert capsys.readouterr().err == f"journeyctl: error: {message}\n"


def test_lint_help_is_typers(capsys):
    assert run(["lint", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Usage: journeyctl lint [OPTIONS] [PATH]...\n")
    assert "--no-cache" in out and "--jobs N" in out


def _click_lint():
    from journeyctl.cli import _command

    return _command(["lint"])


def _kind(param) -> str:
    if param.is_flag:
        return quick_lint.FLAG
    if param.multiple:
        return quick_lint.VALUES
    return quick_lint.JOBS if param.name == "jobs" else quick_lint.VALUE


def test_the_quick_parser_knows_every_option_of_lint_as_typer_declares_it():
    command = _click_lint().commands["lint"]
    declared = {
        opt: (param.name, _kind(param))
        for param in command.params if param.param_type_name == "option"
        for opt in param.opts
    }
    assert declared == quick_lint.OPTIONS
    # The bounds of --jobs: typer takes 1024 (PLAIN) and refuses 0 and 1025 (the bad lines).
    assert quick_lint.JOBS_RANGE == (1, 1024)
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    assert [(p.name, p.nargs) for p in arguments] == [("paths", -1)]


def test_the_quick_parser_knows_every_global_option_but_those_that_end_the_run():
    group = _click_lint()
    declared = {
        opt: (param.name, _kind(param))
        for param in group.params if param.param_type_name == "option"
        for opt in param.opts
    }
    ending = {"--version", "--install-completion", "--show-completion"}
    assert {k: v for k, v in declared.items() if k not in ending} == quick_lint.GLOBAL_OPTIONS


def test_a_plain_lint_runs_and_reports_as_through_typer(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text("journeyctl: 1\nid: Bad Id\n", encoding="utf-8")
    outputs = []
    for typer_only in (True, False):
        with monkeypatch.context() as patch:
            if typer_only:
                patch.setattr(quick_lint, "parse", lambda args: None)
            code = run(["lint", "--no-cache", "--format", "json", "bad.yaml"])
        captured = capsys.readouterr()
        outputs.append((code, captured.out, captured.err))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 1 and '"code": "JM002"' in outputs[0][1]
