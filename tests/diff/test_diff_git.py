"""``journeyctl diff --git`` and the git diff driver, against a temporary repository."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys

import pytest

from journeyctl.cli import run

MAP = """\
journeyctl: 1
id: repair
title: Getting a boiler repaired
stages:
  - {id: report, name: Report}
touchpoints:
  - id: call
    name: Calls the hotline
    stage: report
    channel: phone
    entry: true
    emotion: -2
    next: [done]
  - id: done
    name: Booked
    stage: report
    channel: sms
    end: success
"""


def git(repo, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "reviewer@example.com")
    git(tmp_path, "config", "user.name", "Reviewer")
    git(tmp_path, "config", "commit.gpgsign", "false")
    (tmp_path / "journeyctl.toml").write_text('select = ["JM103"]\n')
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "repair.yaml").write_text(MAP)
    (tmp_path / "maps" / "other.yaml").write_text(MAP.replace("id: repair", "id: other"))
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "first maps")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def diff_json(capsys, *args: str) -> dict:
    capsys.readouterr()
    assert run(["diff", "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_working_tree_against_head(repo, capsys):
    (repo / "maps" / "repair.yaml").write_text(MAP.replace("emotion: -2", "emotion: -1").replace("    end: success\n", ""))
    result = diff_json(capsys, "--git", "HEAD")
    assert [j for j in result["journeys"] if j["status"] != "unchanged"] == [
        {"id": "repair", "path": "maps/repair.yaml", "status": "changed", "changes": [
            {"kind": "touchpoint", "id": "call", "change": "changed", "field": "emotion", "old": -2, "new": -1},
            {"kind": "touchpoint", "id": "done", "change": "changed", "field": "end", "old": "success", "new": None},
        ]},
    ]
    assert [(f["code"], f["path"], f["line"]) for f in result["findings"]["introduced"]] == [
        ("JM103", "maps/repair.yaml", 14, ),
    ]
    assert result["findings"]["fixed"] == []


def test_added_removed_and_moved_files(repo, capsys):
    git(repo, "mv", "maps/repair.yaml", "maps/boiler-repair.yaml")
    (repo / "maps" / "other.yaml").unlink()
    (repo / "maps" / "new.yaml").write_text(MAP.replace("id: repair", "id: brand-new"))
    result = diff_json(capsys, "--git", "HEAD", "maps")
    assert result["journeys"] == [
        {"id": "repair", "path": "maps/boiler-repair.yaml", "status": "changed", "changes": [
            {"kind": "journey", "id": "repair", "change": "changed", "field": "path",
             "old": "repair.yaml", "new": "boiler-repair.yaml"},
        ]},
        {"id": "brand-new", "path": "maps/new.yaml", "status": "added", "changes": [
            {"kind": "journey", "id": "brand-new", "change": "added", "field": None, "old": None, "new": None},
        ]},
        {"id": "other", "path": "maps/other.yaml", "status": "removed", "changes": [
            {"kind": "journey", "id": "other", "change": "removed", "field": None, "old": None, "new": None},
        ]},
    ]


def test_two_revisions_and_a_folder_that_only_exists_in_one(repo, capsys):
    (repo / "later").mkdir()
    (repo / "later" / "x.yaml").write_text(MAP.replace("id: repair", "id: later"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "later")
    (repo / "later" / "x.yaml").write_text("uncommitted edits are not part of A..B\n")
    result = diff_json(capsys, "--git", "HEAD~1..HEAD", "later")
    assert [(j["id"], j["status"]) for j in result["journeys"]] == [("later", "added")]
    result = diff_json(capsys, "--git", "HEAD~1...HEAD")
    assert [(j["id"], j["status"]) for j in result["journeys"]] == [
        ("later", "added"), ("other", "unchanged"), ("repair", "unchanged"),
    ]


def test_no_change_text_and_exit_code(repo, capsys):
    assert run(["diff", "--git", "HEAD", "--exit-code"]) == 0
    assert capsys.readouterr().out == "No changes in journey terms; no lint findings introduced or fixed.\n"
    (repo / "maps" / "repair.yaml").write_text(MAP.replace("title: Getting", "title: Having"))
    assert run(["diff", "--git", "HEAD", "--exit-code"]) == 1


def test_git_usage_errors(repo, tmp_path_factory, capsys, monkeypatch):
    assert run(["diff", "--git", "no-such-branch"]) == 2
    assert capsys.readouterr().err == "journeyctl: error: unknown revision 'no-such-branch'\n"
    assert run(["diff", "--git", "HEAD", "missing"]) == 2
    assert capsys.readouterr().err == "journeyctl: error: missing: no such file or directory in either version\n"
    monkeypatch.chdir(tmp_path_factory.mktemp("not-a-repo"))
    assert run(["diff", "--git", "HEAD"]) == 2
    assert capsys.readouterr().err.startswith("journeyctl: error: git rev-parse: fatal: not a git repository")


def test_git_diff_speaks_journey_with_the_textconv_driver(repo):
    (repo / ".gitattributes").write_text("*.yaml diff=journey\n")
    command = f"{shlex.quote(sys.executable)} -m journeyctl show --textconv"
    git(repo, "config", "diff.journey.textconv", command)
    edited = MAP.replace("    emotion: -2\n", "    emotion: -1   # after the call-back pilot\n") \
        .replace("title: Getting a boiler repaired\n", "# reordered keys and comments make no diff\ntitle: Getting a boiler repaired\n")
    (repo / "maps" / "repair.yaml").write_text(edited)
    (repo / "maps" / "other.yaml").write_text("journeyctl: 1\nid: [broken\n")
    output = git(repo, "diff", "--no-color", "-U0", "maps/repair.yaml")
    assert output.splitlines()[4:] == [
        "@@ -9 +9 @@ touchpoint call: entry true",
        "-touchpoint call: emotion -2",
        "+touchpoint call: emotion -1",
    ]
    broken = git(repo, "diff", "--no-color", "-U0", "maps/other.yaml")
    assert "+id: [broken" in broken.splitlines()
