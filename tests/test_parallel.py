"""Linting on every core: a large workspace checked by a pool of processes reports exactly
what one process reports, cached or not, whatever is broken in it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from journeyctl.checks import staged
from journeyctl.cli import run

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402  (benchmarks/ is not a package)

MAPS = staged.PARALLEL_FILES + 12

CATALOG = """\
journeyctl: 1
kind: catalog
teams:
  - {id: regional-desk, name: Regional desk}
channels:
  - {id: kiosk, name: Kiosk, kind: in-person}
"""


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    root = tmp_path / "ws"
    paths = generate.write_corpus(root, MAPS, 10)
    (root / "journeyctl.toml").write_text("", encoding="utf-8")
    (root / "maps" / "retail" / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    # broken in every way resolving the workspace cares about
    paths[3].write_text(paths[3].read_text(encoding="utf-8").replace("title:", "title: [", 1), encoding="utf-8")
    paths[7].write_text(paths[5].read_text(encoding="utf-8"), encoding="utf-8")  # a duplicate journey id
    text = paths[9].read_text(encoding="utf-8")
    paths[9].write_text(text.replace("journey: ", "journey: no-such-", 1), encoding="utf-8")
    (root / "maps" / "health" / "catalog.yaml").write_text("journeyctl: 1\nkind: catalog\nteams: 3\n", encoding="utf-8")
    (root / "maps" / "other.yaml").write_text("name: not a map\n", encoding="utf-8")
    monkeypatch.setenv("JOURNEYCTL_TODAY", generate.TODAY.isoformat())
    monkeypatch.chdir(root)
    return root


def lint(out: Path, *args: str) -> tuple[int, bytes]:
    code = run(["lint", "--select", "ALL", "--format", "json", "-o", str(out), *args])
    return code, out.read_bytes()


def test_a_pool_reports_what_one_process_reports(workspace, tmp_path):
    out = tmp_path / "out.json"
    expected = lint(out, "--no-cache", "--jobs", "1")
    assert expected[0] == 1
    assert b'"code": "JM001"' in expected[1] and b'"code": "JM004"' in expected[1] and b"no-such-" in expected[1]
    assert lint(out, "--no-cache", "--jobs", "2") == expected
    assert lint(out, "--jobs", "2") == expected  # cold: entries worked out by the pool
    assert lint(out, "--jobs", "2") == expected  # warm
    maps = sorted((workspace / "maps").rglob("*.yaml"))
    maps[20].write_text(maps[20].read_text(encoding="utf-8").replace("emotion: ", "emotion: -", 1), encoding="utf-8")
    expected = lint(out, "--no-cache", "--jobs", "1")
    assert lint(out, "--jobs", "2") == expected
    assert lint(out, "--jobs", "1") == expected


def test_the_pool_is_used_only_for_a_large_workspace(workspace, tmp_path, monkeypatch):
    started = []
    real = staged._pool

    def pool(jobs, initializer, state):
        started.append(jobs)
        return real(jobs, initializer, state)

    monkeypatch.setattr(staged, "_pool", pool)
    lint(tmp_path / "out.json", "--no-cache", "--jobs", "2")
    # reading and checking ahead; the few maps whose links or ids did not resolve as
    # assumed are checked again here
    assert started == [2]
    started.clear()
    lint(tmp_path / "out.json", "--no-cache", "--jobs", "2", "maps/retail")
    assert started == []  # a folder of a few maps is read here
    started.clear()
    lint(tmp_path / "out.json", "--no-cache", "--jobs", "1")
    assert started == []


def test_jobs_comes_from_the_configuration_unless_given(workspace, tmp_path, monkeypatch):
    started = []
    real = staged._pool
    monkeypatch.setattr(staged, "_pool", lambda jobs, *rest: (started.append(jobs), real(jobs, *rest))[1])
    (workspace / "journeyctl.toml").write_text("jobs = 1\n", encoding="utf-8")
    lint(tmp_path / "out.json", "--no-cache")
    assert started == []
    (workspace / "journeyctl.toml").write_text("jobs = 2\n", encoding="utf-8")
    lint(tmp_path / "out.json", "--no-cache")
    assert started == [2]
    started.clear()
    lint(tmp_path / "out.json", "--no-cache", "-j", "1")
    assert started == []


@pytest.mark.parametrize("value, message", [
    ("0", "journeyctl.toml: 'jobs': must be a positive whole number, not 0"),
    ('"all"', "journeyctl.toml: 'jobs': must be a positive whole number, not 'all'"),
])
def test_a_bad_jobs_setting_is_one_line(workspace, tmp_path, capsys, value, message):
    (workspace / "journeyctl.toml").write_text(f"jobs = {value}\n", encoding="utf-8")
    assert run(["lint", "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"journeyctl: error: {workspace / message}\n"


def test_memory_is_let_go_file_by_file(workspace, tmp_path):
    """A checked file keeps only its path: its document, model and graph are let go."""
    from journeyctl.checks.linter import lint as run_lint
    from journeyctl.loading.config import load_config
    from journeyctl.loading.workspace.cached import StoredYaml

    result = run_lint([], load_config(), cache=True, jobs=2)
    journeys = [t for t in result.workspace.targets if t.kind == "journey"]
    assert len(journeys) == MAPS - 1  # one does not parse
    # each holds at most its ids and links, never its parsed document
    assert all(isinstance(t.loaded, StoredYaml) for t in journeys)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_cold_run_resolves_the_workspace_from_stored_files(workspace, tmp_path, monkeypatch, jobs):
    """With one process as with several, a cold run of a large workspace never holds its
    maps' documents all at once: when the workspace is resolved, every map that parsed is
    a stored file (its ids and links), and the report is an uncached run's."""
    from journeyctl.loading.workspace.cached import StoredYaml

    expected = lint(tmp_path / "out.json", "--no-cache", "--jobs", "1")
    journeys = []
    real = staged.link_targets

    def link_targets(targets, *rest):
        journeys.extend(type(t.loaded).__name__ for t in targets if t.kind == "journey")
        return real(targets, *rest)

    monkeypatch.setattr(staged, "link_targets", link_targets)
    assert lint(tmp_path / "out.json", "--jobs", jobs) == expected
    assert journeys == ["StoredYaml"] * (MAPS - 1)  # the one that does not parse has no kind


def test_maps_whose_links_break_are_checked_again_in_the_pool(workspace, tmp_path, monkeypatch):
    for path in (workspace / "maps").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("touchpoint: ", "touchpoint: gone-", 1), encoding="utf-8")
    started = []
    real = staged._pool
    monkeypatch.setattr(staged, "_pool", lambda jobs, *rest: (started.append(jobs), real(jobs, *rest))[1])
    out = tmp_path / "out.json"
    expected = lint(out, "--no-cache", "--jobs", "1")
    assert expected[1].count(b"has no touchpoint 'gone-") > staged.PARALLEL_FILES
    assert lint(out, "--no-cache", "--jobs", "2") == expected
    assert started == [2, 2]
    assert lint(out, "--jobs", "2") == expected
    assert lint(out, "--jobs", "2") == expected
