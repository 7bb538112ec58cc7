"""The last line of defence: whatever goes wrong inside a command, one line and exit 2.

Every command is run with an output that fails the way real outputs fail — a reader that
went away (``journeyctl lint | head``), a full disk, Ctrl-C, a bug — and must answer with
exactly one line on stderr and exit code 2; ``--debug`` shows the traceback instead. The
other robustness tests prove that bad *input* never gets this far.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from robustness_support import VALID_MAP

from journeyctl.cli import run

MERMAID = "journey\n    title Booking\n    section Find\n        Search: 3: Me\n"


class FailingOutput(io.StringIO):
    """A standard output whose every write raises ``problem`` (text and binary alike)."""

    def __init__(self, problem: BaseException) -> None:
        super().__init__()
        self.problem = problem
        self.buffer = _FailingBinary(problem)

    def write(self, text: str) -> int:
        raise self.problem

    def isatty(self) -> bool:
        return False


class _FailingBinary(io.BytesIO):
    def __init__(self, problem: BaseException) -> None:
        super().__init__()
        self.problem = problem

    def write(self, data: bytes) -> int:
        raise self.problem


COMMANDS = [
    ["lint", "map.yaml"],
    ["lint", "--format", "json", "map.yaml"],
    ["lint", "--format", "sarif", "--statistics", "map.yaml"],
    ["render", "--to", "dot", "map.yaml"],
    ["render", "--to", "mermaid", "map.yaml"],
    ["render", "--to", "png", "map.yaml"],
    ["report", "map.yaml"],
    ["paths", "map.yaml"],
    ["show", "map.yaml"],
    ["show", "--textconv", "map.yaml"],
    ["diff", "map.yaml", "old.yaml"],
    ["fmt", "--diff", "messy.yaml"],
    ["schema"],
    ["rules"],
    ["rule", "dead-end"],
    ["import", "mermaid", "journey.mmd"],
    ["init", "new"],
    ["--version"],
    ["--help"],
    ["lint", "--help"],
]


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-10-01")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "journeyctl.toml").write_text("", encoding="utf-8")
    (tmp_path / "map.yaml").write_text(VALID_MAP, encoding="utf-8")
    # Journey ids are unique in the workspace: the other maps must not clash with map.yaml.
    old = VALID_MAP.replace("title: Booking", "title: Finding").replace("id: plumber", "id: plumber-before")
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "messy.yaml").write_text(VALID_MAP.replace("id: plumber", "id:    plumber-messy"), encoding="utf-8")
    (tmp_path / "journey.mmd").write_text(MERMAID, encoding="utf-8")
    return tmp_path


def run_with_output(argv: list[str], output: io.StringIO) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(err):
        code = run(argv)
    return code, err.getvalue()


def _needs_dot(argv: list[str]) -> None:
    if "png" in argv and subprocess.run(["which", "dot"], capture_output=True).returncode:
        pytest.skip("Graphviz's dot is not installed")


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
@pytest.mark.parametrize(
    ("problem", "line"),
    [
        (BrokenPipeError(32, "Broken pipe"), "the output was closed before all of it was written"),
        (OSError(28, "No space left on device"), "cannot write the output: No space left on device"),
        (KeyboardInterrupt(), "interrupted"),
        (RuntimeError("boom"), "internal error: RuntimeError: boom (run with --debug for the traceback)"),
    ],
    ids=["broken pipe", "disk full", "Ctrl-C", "bug"],
)
def test_a_failing_output_is_one_line_and_exit_2_for_every_command(folder, argv, problem, line):
    _needs_dot(argv)
    code, err = run_with_output(argv, FailingOutput(problem))
    if type(problem) is OSError and ("--textconv" in argv or "--help" in argv or "--version" in argv):
        # Help, the version and textconv output are written straight to the stream, not as a
        # report: the system's refusal is all there is to say.
        line = "No space left on device"
    assert (code, err) == (2, f"journeyctl: error: {line}\n")


@pytest.mark.parametrize("argv", COMMANDS[:6], ids=" ".join)
def test_debug_shows_the_traceback_of_a_bug(folder, argv):
    _needs_dot(argv)
    with pytest.raises(RuntimeError, match="boom"):
        run_with_output(["--debug", *argv], FailingOutput(RuntimeError("boom")))


def test_a_bug_deep_inside_a_command_is_one_line(folder, monkeypatch):
    import journeyctl.analysis.graph

    def explode(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(journeyctl.analysis.graph.JourneyGraph, "__init__", explode)
    for argv in (["lint", "map.yaml"], ["render", "--to", "dot", "map.yaml"], ["report", "map.yaml"],
                 ["paths", "map.yaml"]):
        code, err = run_with_output(argv, io.StringIO())
        assert (code, err) == (
            2, "journeyctl: error: internal error: ZeroDivisionError: division by zero "
               "(run with --debug for the traceback)\n",
        )


def test_an_error_line_never_carries_control_characters(folder):
    code, err = run_with_output(["lint", "gone\x1b[2J\u202e\n.yaml"], io.StringIO())
    assert (code, err) == (2, "journeyctl: error: gone\\x1b[2J\\u202e .yaml: no such file or directory\n")


def test_a_closed_stderr_as_well_still_exits_2(folder):
    err = FailingOutput(BrokenPipeError(32, "Broken pipe"))
    with contextlib.redirect_stdout(FailingOutput(BrokenPipeError(32, "Broken pipe"))), contextlib.redirect_stderr(err):
        assert run(["schema"]) == 2


# -- the installed command in a real pipe ------------------------------------------------


def _big_map(folder: Path) -> None:
    lines = ["journeyctl: 1", "id: big", "title: Big", "stages: [{id: s, name: S}]", "touchpoints:"]
    lines += [f"  - {{id: t{i}, name: T {i}, stage: s, channel: web, next: [t{i + 1}]}}" for i in range(1500)]
    lines.append("  - {id: t1500, name: End, stage: s, channel: web, end: success}")
    (folder / "big.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    "argv",
    [["lint", "big.yaml"], ["lint", "--format", "json", "big.yaml"], ["render", "--to", "dot", "big.yaml"],
     ["show", "big.yaml"], ["schema"]],
    ids=" ".join,
)
def test_a_reader_that_goes_away_ends_the_process_with_one_line(folder, argv):
    _big_map(folder)
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head` once it has what it wants
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    done = subprocess.run(
        [sys.executable, "-m", "journeyctl", *argv], stdout=write_end, stderr=subprocess.PIPE, text=True,
        cwd=folder, env=env, timeout=120,
    )
    os.close(write_end)
    assert (done.returncode, done.stderr) == (
        2, "journeyctl: error: the output was closed before all of it was written\n",
    )


def test_piping_into_head_prints_the_head_and_no_traceback(folder):
    _big_map(folder)
    done = subprocess.run(
        f"'{sys.executable}' -m journeyctl lint --format json big.yaml | head -n 3",
        shell=True, capture_output=True, text=True, cwd=folder, timeout=120,
    )
    assert done.stdout == '{\n  "version": 1,\n  "findings": [\n'
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert done.stderr in ("", "journeyctl: error: the output was closed before all of it was written\n")
