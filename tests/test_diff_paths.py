"""The files a ``--diff`` names, wherever it is made: ``git apply`` and ``patch -p1`` take
it from the top of the repository (as they take ``git diff``'s), and from the current
folder when the file is in it; outside git a path is named as it was given, never
``a/../``, which no ``-p`` strips and ``patch`` refuses."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from journeyctl.cli import run
from journeyctl.loading.files import diff_names

FIXTURE = Path(__file__).parent / "fixtures" / "lsp"
TODAY = "2026-10-01"

#: A map in Russian whose `lint --fix` puts a stage right and whose `fmt` changes its layout.
RU = (FIXTURE / "maps" / "booking.yaml").read_text(encoding="utf-8").replace(
    "title: Booking an emergency plumber", 'title:   "Вызов сантехника"'
).replace("    stage: book\n    channel: phone", "    stage: bok\n    channel: phone")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A git repository of maps in two languages, the current folder its `en` folder."""
    root = tmp_path / "repo"
    (root / "en").mkdir(parents=True)
    (root / "ru").mkdir()
    shutil.copyfile(FIXTURE / "catalog.yaml", root / "catalog.yaml")
    shutil.copyfile(FIXTURE / "maps" / "aftercare.yaml", root / "en" / "aftercare.yaml")
    (root / "ru" / "вызов.yaml").write_text(RU, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    monkeypatch.chdir(root / "en")
    monkeypatch.setenv("JOURNEYCTL_TODAY", TODAY)
    return root


def applies(patch: str, folder: Path, *command: str) -> None:
    subprocess.run(list(command), input=patch.encode("utf-8"), cwd=folder, check=True, capture_output=True)


@pytest.mark.parametrize(
    "command",
    [["lint", "--diff"], ["fmt", "--diff"], ["rename", "touchpoint", "search", "lookup", "--diff"]],
    ids=["lint", "fmt", "rename"],
)
def test_a_diff_of_a_file_outside_the_current_folder_names_it_from_the_top_of_the_repository(
    repo: Path, capsys, command: list[str],
) -> None:
    assert run([*command, "../ru/вызов.yaml"]) == 1
    patch = capsys.readouterr().out
    assert patch.startswith("--- a/ru/вызов.yaml\n+++ b/ru/вызов.yaml\n@@ ")
    expected = subprocess.run(
        ["patch", "-p1", "-o", "-", "ru/вызов.yaml"], input=patch.encode("utf-8"), cwd=repo,
        capture_output=True, check=True,
    ).stdout
    applies(patch, repo, "git", "apply", "--check", "-")
    applies(patch, repo, "git", "apply", "-")
    assert (repo / "ru" / "вызов.yaml").read_bytes() == expected != RU.encode("utf-8")


def test_a_diff_made_in_a_subfolder_applies_from_there_and_from_the_top(repo: Path, capsys) -> None:
    (repo / "en" / "вызов.yaml").write_text(RU, encoding="utf-8")
    assert run(["fmt", "--diff", "вызов.yaml"]) == 1
    patch = capsys.readouterr().out
    assert patch.startswith("--- a/en/вызов.yaml\n+++ b/en/вызов.yaml\n@@ ")
    applies(patch, repo, "git", "apply", "--check", "-")
    applies(patch, repo / "en", "patch", "-p2", "--dry-run")
    applies(patch, repo, "patch", "-p1")
    assert (repo / "en" / "вызов.yaml").read_text(encoding="utf-8") != RU


def test_outside_git_a_file_is_named_as_given(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "ru").mkdir()
    (tmp_path / "journeyctl.toml").write_text("", encoding="utf-8")
    shutil.copyfile(FIXTURE / "catalog.yaml", tmp_path / "catalog.yaml")
    (tmp_path / "en" / "x.yaml").write_text(RU, encoding="utf-8")
    (tmp_path / "ru" / "x.yaml").write_text(RU, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "en")
    monkeypatch.setenv("JOURNEYCTL_TODAY", TODAY)
    assert run(["lint", "--diff", "x.yaml"]) == 1
    patch = capsys.readouterr().out
    assert patch.startswith("--- a/x.yaml\n+++ b/x.yaml\n@@ ")
    applies(patch, tmp_path / "en", "patch", "-p1")
    assert run(["lint", "--diff", "../ru/x.yaml"]) == 1
    # no prefix to strip: ``-p0`` from the folder the diff was made in, as ``diff -u`` writes
    assert capsys.readouterr().out.startswith("--- ../ru/x.yaml\n+++ ../ru/x.yaml\n@@ ")


def test_diff_names(tmp_path: Path) -> None:
    (tmp_path / "repo" / "sub" / ".git").mkdir(parents=True)  # a repository inside another one
    (tmp_path / "repo" / ".git").mkdir()
    inner = tmp_path / "repo" / "sub" / "m.yaml"
    assert diff_names(inner, "../sub/m.yaml") == ("a/m.yaml", "b/m.yaml")
    assert diff_names(tmp_path / "repo" / "m.yaml", "m.yaml") == ("a/m.yaml", "b/m.yaml")
    assert diff_names(tmp_path / "m.yaml", "./maps/../m.yaml") == ("a/m.yaml", "b/m.yaml")
    assert diff_names(tmp_path / "m.yaml", str(tmp_path / "m.yaml")) == ((tmp_path / "m.yaml").as_posix(),) * 2
