"""A map whose file name is not valid UTF-8 is reported, its name escaped, in every format.

Run as a real process, since what matters is the bytes written to stdout or to --output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from minimal_map import MINIMAL

SRC = Path(__file__).resolve().parents[2] / "src"
BAD_NAME = b"bad\xff.yaml"
SHOWN = "bad\\xff.yaml"  # the byte the name cannot decode, as an escape
FORMATS = ["text", "json", "sarif", "github", "junit", "gitlab"]

pytestmark = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names there must be Unicode")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("names")
    with open(os.path.join(os.fsencode(root), BAD_NAME), "w", encoding="utf-8") as handle:
        handle.write(MINIMAL.replace("id: plumber", "id: plumber-bad") + "x: 1\n")
    (root / "good.yaml").write_text(MINIMAL + "y: 2\n", encoding="utf-8")
    return root


def _lint(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "journeyctl", "lint", *args, "."], cwd=root, env=env, capture_output=True, check=False
    )


def _check(fmt: str, text: str) -> None:
    """Both maps are reported; the bad name appears escaped, exactly as documented."""
    if fmt == "text":
        lines = text.splitlines()
        assert f"{SHOWN}:14:1: error JM002 [schema] unknown field 'x' (extension keys must start with 'x-')" in lines
        assert "good.yaml:14:1: error JM002 [schema] unknown field 'y' (extension keys must start with 'x-')" in lines
    elif fmt == "json":
        assert [f["path"] for f in json.loads(text)["findings"]] == [SHOWN, "good.yaml"]
    elif fmt == "gitlab":
        issues = json.loads(text)
        assert [i["location"]["path"] for i in issues] == [SHOWN, "good.yaml"]
        assert len({i["fingerprint"] for i in issues}) == 2
    elif fmt == "sarif":
        results = json.loads(text)["runs"][0]["results"]
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
        assert uris == ["bad%FF.yaml", "good.yaml"]  # the URI carries the exact bytes
    elif fmt == "github":
        assert text.splitlines() == [
            f"::error file={SHOWN},line=14,col=1,endLine=14,endColumn=1,title=JM002 schema::"
            "unknown field 'x' (extension keys must start with 'x-')",
            "::error file=good.yaml,line=14,col=1,endLine=14,endColumn=1,title=JM002 schema::"
            "unknown field 'y' (extension keys must start with 'x-')",
        ]
    elif fmt == "junit":
        suites = ET.fromstring(text.encode("utf-8")).findall("testsuite")
        assert [s.get("name") for s in suites] == [SHOWN, "good.yaml"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_stdout_is_valid_utf8_and_reports_both_maps(workspace, fmt):
    done = _lint(workspace, "--format", fmt)
    assert (done.returncode, done.stderr) == (1, b"")
    _check(fmt, done.stdout.decode("utf-8"))  # strict: raises on invalid UTF-8


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_is_written_valid_utf8_and_reports_both_maps(workspace, fmt):
    report = workspace.parent / f"report-{workspace.name}.{fmt}"
    done = _lint(workspace, "--format", fmt, "--output", str(report))
    assert (done.returncode, done.stderr, done.stdout) == (1, b"", b"")
    _check(fmt, report.read_bytes().decode("utf-8"))


def _diff(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run(
        [sys.executable, "-m", "journeyctl", "diff", *args, BAD_NAME, b"good.yaml"],
        cwd=root, env=env, capture_output=True, check=False,
    )


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_diff_names_the_file_escaped_on_stdout_and_in_a_file(workspace, fmt):
    done = _diff(workspace, "--format", fmt)
    assert (done.returncode, done.stderr) == (0, b"")
    report = workspace.parent / f"diff-{workspace.name}.{fmt}"
    written = _diff(workspace, "--format", fmt, "-o", str(report))
    assert (written.returncode, written.stderr, written.stdout) == (0, b"", b"")
    for text in (done.stdout.decode("utf-8"), report.read_bytes().decode("utf-8")):
        if fmt == "json":
            journeys = json.loads(text)["journeys"]
            assert sorted((j["id"], j["path"], j["status"]) for j in journeys) == [
                ("plumber", "good.yaml", "added"), ("plumber-bad", SHOWN, "removed"),
            ]
        elif fmt == "text":
            assert f"plumber-bad ({SHOWN}): removed" in text.splitlines()
        else:  # Markdown shows the byte as every other output does, inside the code span
            assert f"#### `plumber-bad` removed\n`{SHOWN}`\n" in text


def _run(root: Path, *args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "journeyctl", *args], cwd=root, env=env, capture_output=True, check=False)


@pytest.fixture(scope="module")
def valid(tmp_path_factory) -> Path:
    """Two valid maps, one of them under a name that is not UTF-8; the other repeats its id."""
    root = tmp_path_factory.mktemp("valid-names")
    with open(os.path.join(os.fsencode(root), BAD_NAME), "w", encoding="utf-8") as handle:
        handle.write(MINIMAL)
    (root / "good.yaml").write_text(MINIMAL.replace("id: plumber", "id: plumber-good"), encoding="utf-8")
    return root


def test_paths_json_names_the_file_escaped_on_stdout_and_in_a_file(valid):
    done = _run(valid, "paths", ".", "--format", "json")
    report = valid.parent / f"paths-{valid.name}.json"
    written = _run(valid, "paths", ".", "--format", "json", "-o", str(report))
    assert (written.returncode, written.stderr, written.stdout) == (0, b"", b"")
    assert (done.returncode, done.stderr) == (0, b"")
    for text in (done.stdout.decode("utf-8"), report.read_bytes().decode("utf-8")):
        assert [j["path"] for j in json.loads(text)["journeys"]] == [SHOWN, "good.yaml"]

