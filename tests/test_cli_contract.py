"""The command-line contract: exit codes, one-line errors, the JSON shape, and never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journeyctl import __version__
from journeyctl.cli import run

FIXTURES = Path(__file__).parent / "fixtures" / "workspace"

VALID = """\
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

BROKEN = VALID.replace("title: Booking a plumber", "title: 12").replace("channel: web", "channel: wbe")


@pytest.fixture
def maps(tmp_path, monkeypatch) -> Path:
    """A folder with a valid and a broken map in ``maps/``, as the current directory."""
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "valid.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "maps" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def test_a_valid_map_exits_0(maps, capsys):
    assert run(["lint", "maps/valid.yaml"]) == 0
    assert capsys.readouterr().err == ""
    assert run(["lint", "--format", "json", "maps/valid.yaml"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_a_broken_map_exits_1_with_path_line_column_lines(maps, capsys):
    assert run(["--no-color", "lint", "maps/broken.yaml"]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    assert "maps/broken.yaml:3:8: error JM002 [schema] 'title' must be text, not 12 (quote it to make it text)" in out.splitlines()


def test_invalid_yaml_is_a_finding_not_a_usage_error(maps, capsys):
    (maps / "maps" / "syntax.yaml").write_text("journeyctl: 1\nid: [x\n", encoding="utf-8")
    assert run(["--no-color", "lint", "maps/syntax.yaml"]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    assert ("maps/syntax.yaml:3:1: error JM001 [invalid-yaml] invalid YAML: while parsing a flow sequence: "
            "did not find expected ',' or ']'") in out.splitlines()


def test_the_workspace_is_linted_when_no_path_is_given(maps, capsys):
    assert run(["lint", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert {f["path"] for f in report["findings"]} == {"maps/broken.yaml"}
    assert report["summary"]["files"] == 2


# -- usage errors: exit 2 and exactly one line on stderr ---------------------------------


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["lint", "missing.yaml"], "journeyctl: error: missing.yaml: no such file or directory"),
        (["lint", "maps/valid.yaml", "nope/"], "journeyctl: error: nope/: no such file or directory"),
        (["lint", "--bogus"], "journeyctl: error: No such option: --bogus (Possible options: --jobs) (see 'journeyctl lint --help')"),
        (["lint", "--format", "xml", "maps"],
         "journeyctl: error: --format: unknown format 'xml' (expected one of text, json, sarif, github, junit, gitlab)"),
        (["frobnicate"], "journeyctl: error: No such command 'frobnicate'. (see 'journeyctl --help')"),
        (["--config", "absent.toml", "lint"], "journeyctl: error: absent.toml: configuration file not found"),
        (["schema", "--kind", "persona"], "journeyctl: error: unknown kind 'persona' (expected journey or catalog)"),
    ],
)
def test_a_usage_error_exits_2_with_one_line_on_stderr(maps, capsys, argv, line):
    assert run(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == line + "\n"


def test_an_internal_error_is_one_line_not_a_traceback(maps, capsys, monkeypatch):
    import journeyctl.checks.linter

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(journeyctl.checks.linter, "lint", explode)
    assert run(["lint", "maps"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "journeyctl: error: internal error: RuntimeError: boom (run with --debug for the traceback)\n"


def test_the_version_is_printed(capsys):
    assert run(["--version"]) == 0
    assert capsys.readouterr() == (f"journeyctl {__version__}\n", "")


# -- JSON output (docs/output.md) ------------------------------------------------------------


def test_json_output_has_exactly_the_documented_shape(maps, capsys):
    (maps / "maps" / "deep").mkdir()
    shutil.move(maps / "maps" / "broken.yaml", maps / "maps" / "deep" / "broken.yaml")
    assert run(["lint", "--format", "json", "maps"]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    assert json.loads(out) == {
        "version": 1,
        "findings": [
            {
                "path": "maps/deep/broken.yaml", "line": 3, "column": 8, "end_line": 3, "end_column": 10,
                "code": "JM002", "rule": "schema", "severity": "error",
                "message": "'title' must be text, not 12 (quote it to make it text)",
                "journey": "plumber", "element": None,
            },
            {   # a schema finding hides no reference finding
                "path": "maps/deep/broken.yaml", "line": 9, "column": 41, "end_line": 9, "end_column": 44,
                "code": "JM003", "rule": "unknown-reference", "severity": "error",
                "message": "touchpoint 't': unknown channel 'wbe' — did you mean 'web'?",
                "journey": "plumber", "element": "touchpoint:t",
            },
        ],
        "summary": {"files": 2, "journeys": 2, "errors": 2, "warnings": 0, "infos": 0},
    }


def test_json_output_keeps_the_key_order_of_the_spec(maps, capsys):
    run(["lint", "--format", "json", "maps/broken.yaml"])
    report = json.loads(capsys.readouterr().out)
    assert list(report) == ["version", "findings", "summary"]
    assert list(report["findings"][0]) == [
        "path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message", "journey", "element",
    ]
    assert list(report["summary"]) == ["files", "journeys", "errors", "warnings", "infos"]


def test_json_positions_are_1_based_and_reference_findings_are_located(maps, capsys):
    (maps / "maps" / "broken.yaml").write_text(VALID.replace("channel: web", "channel: wbe"), encoding="utf-8")
    (maps / "maps" / "valid.yaml").unlink()  # same journey id: it would be a clash in the workspace
    assert run(["lint", "--format", "json", "maps/broken.yaml"]) == 1
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert finding == {
        "path": "maps/broken.yaml", "line": 9, "column": 41, "end_line": 9, "end_column": 44, "code": "JM003",
        "rule": "unknown-reference", "severity": "error",
        "message": "touchpoint 't': unknown channel 'wbe' — did you mean 'web'?",
        "journey": "plumber", "element": "touchpoint:t",
    }


def test_json_paths_are_relative_to_the_current_folder_however_they_were_given(maps, capsys, monkeypatch):
    monkeypatch.chdir(maps / "maps")
    assert run(["lint", "--format", "json", "../maps/broken.yaml"]) == 1
    (finding, *_) = json.loads(capsys.readouterr().out)["findings"]
    assert finding["path"] == "broken.yaml"


def test_json_output_can_be_written_to_a_file(maps, capsys):
    assert run(["lint", "--format", "json", "--output", "report.json", "maps/broken.yaml"]) == 1
    assert capsys.readouterr() == ("", "")
    report = json.loads((maps / "report.json").read_text(encoding="utf-8"))
    assert report["summary"] == {"files": 1, "journeys": 1, "errors": 2, "warnings": 0, "infos": 0}


def test_the_same_input_gives_byte_identical_output(maps, capsys):
    run(["lint", "--format", "json", "maps"])
    first = capsys.readouterr().out
    run(["lint", "--format", "json", "maps"])
    assert capsys.readouterr().out == first


def test_a_clean_fixture_workspace_reports_no_finding(tmp_path, monkeypatch, capsys):
    # A copy: inside the repository, the repository's own configuration (paths = ["examples"])
    # is the workspace of any folder without one.
    shutil.copytree(FIXTURES, tmp_path / "workspace")
    monkeypatch.chdir(tmp_path / "workspace")
    assert run(["lint", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {
        "version": 1, "findings": [],
        "summary": {"files": 6, "journeys": 3, "errors": 0, "warnings": 0, "infos": 0},
    }


# -- hostile input: findings, never a traceback ------------------------------------------

HOSTILE = {
    "binary.yaml": b"\x00\x01\x02\xff\xfe\x00",
    "nul.yaml": b"journeyctl: 1\nid: a\x00b\n",
    "deep.yaml": b"journeyctl: 1\nx: " + b"[" * 50_000 + b"]" * 50_000 + b"\n",
    "bomb.yaml": (
        b"journeyctl: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    ),
    "recursive.yaml": b"journeyctl: 1\nid: &x [*x]\n",
    "tag.yaml": b"journeyctl: 1\nid: !!python/object/apply:os.system [echo hi]\n",
    "list.yaml": b"- journeyctl: 1\n",
    "types.yaml": b"journeyctl: 1\nid: {a: 1}\ntitle: [1]\nstages: 5\ntouchpoints: {x: y}\n",
    "utf16.yaml": "journeyctl: 1\nid: é\n".encode("utf-16"),
    "labels.yaml": "journeyctl: 1\nid: \u202eevil\ntitle: \"\\u0000 \\x1b[31m\"\n".encode(),
    "huge-line.yaml": b"journeyctl: 1\ntitle: " + b"x" * 1_000_000 + b"\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_gives_findings_and_exit_1_never_a_traceback(tmp_path, monkeypatch, capsys, name):
    (tmp_path / name).write_bytes(HOSTILE[name])
    monkeypatch.chdir(tmp_path)
    code = run(["lint", "--format", "json", name])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and err == ""
    assert code == 1
    report = json.loads(out)
    assert report["summary"]["errors"] >= 1
    assert all(f["path"] == name and f["line"] >= 1 and f["column"] >= 1 for f in report["findings"])


def test_the_hostile_findings_say_what_is_wrong(tmp_path, monkeypatch, capsys):
    for name, content in HOSTILE.items():
        (tmp_path / name).write_bytes(content)
    monkeypatch.chdir(tmp_path)
    run(["lint", "--format", "json", *sorted(HOSTILE)])
    report = json.loads(capsys.readouterr().out)
    found = {(f["path"], f["code"], f["line"], f["column"]): f["message"] for f in report["findings"]}
    assert found[("binary.yaml", "JM001", 1, 4)] == "the file is not valid UTF-8 text (byte 0xff at offset 3)"
    assert found[("nul.yaml", "JM001", 2, 6)] == "invalid YAML: the character U+0000 is not allowed in YAML text"
    assert found[("deep.yaml", "JM001", 2, 68)] == "the document is nested too deeply (more than 64 levels)"
    assert found[("recursive.yaml", "JM001", 2, 5)] == "an alias refers to the node that contains it (a recursive structure)"
    assert found[("tag.yaml", "JM001", 2, 5)] == (
        "the tag '!!python/object/apply:os.system' is not allowed: journeyctl files hold plain data only"
    )
    assert found[("list.yaml", "JM001", 1, 1)] == "not a journeyctl file: the top level has no 'journeyctl: 1' key"
    assert found[("types.yaml", "JM002", 4, 9)] == "'stages' must be a list, not 5"


# -- the installed script ----------------------------------------------------------------


def _script() -> str:
    found = shutil.which("journeyctl") or str(Path(sys.executable).parent / "journeyctl")
    assert Path(found).exists(), "the journeyctl script is not installed (pip install -e .)"
    return found


def test_the_installed_script_keeps_the_contract(maps):
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    broken = subprocess.run([_script(), "lint", "maps/broken.yaml"], capture_output=True, text=True, env=env, cwd=maps)
    assert (broken.returncode, broken.stderr) == (1, "")
    assert "maps/broken.yaml:3:8: error JM002 [schema] 'title' must be text, not 12 (quote it to make it text)" in broken.stdout
    valid = subprocess.run([_script(), "lint", "maps/valid.yaml"], capture_output=True, text=True, env=env, cwd=maps)
    assert (valid.returncode, valid.stderr) == (0, "")
    missing = subprocess.run([_script(), "lint", "gone.yaml"], capture_output=True, text=True, env=env, cwd=maps)
    assert (missing.returncode, missing.stdout, missing.stderr) == (
        2, "", "journeyctl: error: gone.yaml: no such file or directory\n"
    )
    version = subprocess.run([_script(), "--version"], capture_output=True, text=True, env=env, cwd=maps)
    assert (version.returncode, version.stdout, version.stderr) == (0, f"journeyctl {__version__}\n", "")


def test_python_dash_m_runs_the_same_command_line(maps):
    result = subprocess.run(
        [sys.executable, "-m", "journeyctl", "lint", "--format", "json", "maps/broken.yaml"],
        capture_output=True, text=True, cwd=maps,
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert json.loads(result.stdout)["summary"]["errors"] == 2  # the schema error and the unknown channel
