"""Writing files: never half-written, never through a link out of the folder, never over
what is not ours.

The rules (docs/security.md): every file is written to a temporary file beside it and
renamed over the target, so a failure or an interruption leaves the old file or none;
``render``/``report`` into ``-o DIR`` replace only the files they produce there
(``<journey-id>.<ext>`` and ``index.md``) and leave everything else alone; ``init`` and
``import`` never replace a file unless told; a symbolic link is followed only while it
stays inside the folder being written to; ``fmt`` rewrites a map found in a folder only
while its real location is inside that folder.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from robustness_support import VALID_MAP, run_cli

import journeyctl.loading.files
from journeyctl.review.fmt import format_text

MAP = VALID_MAP
UNFORMATTED = MAP.replace("id: plumber\n", "id:   plumber\n")


@pytest.fixture
def maps(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-10-01")
    (tmp_path / "journeyctl.toml").write_text("", encoding="utf-8")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "plumber.yaml").write_text(format_text(MAP), encoding="utf-8")
    (tmp_path / "maps" / "electrician.yaml").write_text(format_text(MAP.replace("plumber", "electrician")), encoding="utf-8")
    return tmp_path


def names(folder: Path) -> list[str]:
    """The files in ``folder``, but the lint cache (not an output of the command)."""
    return sorted(p.name for p in folder.iterdir() if p.name != ".journeyctl_cache")


# -- render and report into a folder -----------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "ours"),
    [
        (["render", "--to", "dot", "maps", "-o", "out"], ["electrician.dot", "plumber.dot"]),
        (["render", "--to", "mermaid", "maps", "-o", "out"], ["electrician.mmd", "plumber.mmd"]),
        (["report", "maps", "-o", "out"],
         ["electrician.canvas.svg", "electrician.md", "index.md", "plumber.canvas.svg", "plumber.md"]),
        (["render", "--view", "canvas", "maps", "-o", "out"], ["electrician.html", "plumber.html"]),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) and v[0] in ("render", "report") else None,
)
def test_an_output_folder_gets_only_its_own_files_replaced(maps, argv, ours):
    out = maps / "out"
    out.mkdir()
    (out / "README.md").write_text("mine\n", encoding="utf-8")
    (out / "notes.yaml").write_text("mine: true\n", encoding="utf-8")
    (out / ours[0]).write_text("stale\n", encoding="utf-8")
    assert run_cli(argv, maps).code == 0
    assert names(out) == sorted(["README.md", "notes.yaml", *ours])
    assert (out / "README.md").read_text(encoding="utf-8") == "mine\n"
    assert (out / "notes.yaml").read_text(encoding="utf-8") == "mine: true\n"
    assert (out / ours[0]).read_text(encoding="utf-8") != "stale\n"


@pytest.mark.parametrize(
    ("argv", "target"),
    [
        (["render", "--to", "dot", "maps", "-o", "out"], "plumber.dot"),
        (["report", "maps", "-o", "out"], "index.md"),
    ],
)
def test_an_output_folder_link_out_of_it_is_refused_and_its_target_kept(maps, argv, target):
    out = maps / "out"
    out.mkdir()
    precious = maps / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    (out / target).symlink_to(precious)
    outcome = run_cli(argv, maps)
    assert outcome.code == 2
    assert outcome.err == (
        f"journeyctl: error: {Path('out') / target}: refusing to write through a symbolic link that leads outside "
        f"out (to {precious.resolve()})\n"
    )
    assert precious.read_text(encoding="utf-8") == "keep me\n"
    assert (out / target).is_symlink()


def test_a_failed_write_into_a_folder_leaves_no_partial_file(maps, monkeypatch):
    out = maps / "out"
    out.mkdir()
    (out / "plumber.dot").write_text("old\n", encoding="utf-8")
    real_replace = os.replace

    def fail_for_the_plumber(source, target):
        if str(target).endswith("plumber.dot"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(journeyctl.loading.files.os, "replace", fail_for_the_plumber)
    outcome = run_cli(["render", "--to", "dot", "maps", "-o", "out"], maps)
    assert (outcome.code, outcome.err) == (
        2, f"journeyctl: error: {(out / 'plumber.dot').resolve()}: cannot write: No space left on device\n",
    )
    assert (out / "plumber.dot").read_text(encoding="utf-8") == "old\n"
    assert names(out) == ["electrician.dot", "plumber.dot"]
    assert (out / "electrician.dot").read_text(encoding="utf-8").startswith("digraph")


# -- single output files -----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "--format", "json", "-o", "report.json", "maps"],
        ["render", "--to", "dot", "maps/plumber.yaml", "-o", "report.json"],
        ["report", "maps/plumber.yaml", "-o", "report.json"],
        ["diff", "--format", "json", "-o", "report.json", "maps/plumber.yaml", "maps/electrician.yaml"],
    ],
    ids=lambda argv: argv[0],
)
@pytest.mark.parametrize("problem", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=repr)
def test_a_report_file_is_never_left_half_written(maps, monkeypatch, argv, problem):
    (maps / "report.json").write_text("old\n", encoding="utf-8")

    def fail(source, target):
        raise problem

    monkeypatch.setattr(journeyctl.loading.files.os, "replace", fail)
    outcome = run_cli(argv, maps)
    # a Markdown report writes the canvas it links first, beside it: that write fails first
    written = f"{(maps / 'plumber.canvas.svg').resolve()}" if argv[0] == "report" else "report.json"
    expected = "interrupted" if isinstance(problem, KeyboardInterrupt) else f"{written}: cannot write: No space left on device"
    assert (outcome.code, outcome.out, outcome.err) == (2, "", f"journeyctl: error: {expected}\n")
    assert (maps / "report.json").read_text(encoding="utf-8") == "old\n"
    assert names(maps) == ["journeyctl.toml", "maps", "report.json"]


def test_an_output_file_that_is_a_link_is_replaced_never_written_through(maps):
    precious = maps / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    (maps / "report.json").symlink_to(precious)
    assert run_cli(["lint", "--format", "json", "-o", "report.json", "maps"], maps).code == 0
    assert precious.read_text(encoding="utf-8") == "keep me\n"
    assert not (maps / "report.json").is_symlink()
    assert (maps / "report.json").read_text(encoding="utf-8").startswith('{\n  "version": 1,')


# -- devices and pipes as --output --------------------------------------------------------


def _full_device(tmp_path: Path) -> Path:
    """A device that refuses every write (ENOSPC): a node of our own when we may create one,
    so that a regression could never replace the system's /dev/full."""
    if os.geteuid() == 0:
        node = tmp_path / "full"
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        try:
            with open(node, "wb", buffering=0) as handle:
                handle.write(b"x")
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                return node
        pytest.skip("device nodes do not work in the temporary folder")
    if not Path("/dev/full").is_char_device():
        pytest.skip("no /dev/full")
    return Path("/dev/full")


def test_a_device_that_refuses_the_report_is_one_line_and_stays_a_device(maps, tmp_path):
    full = _full_device(tmp_path)
    outcome = run_cli(["lint", "--format", "json", "-o", str(full), "maps"], maps)
    assert (outcome.code, outcome.out) == (2, "")
    assert outcome.err == f"journeyctl: error: {full}: cannot write: No space left on device\n"
    assert full.is_char_device()


def test_dev_null_is_written_into_not_replaced(maps):
    outcome = run_cli(["lint", "--format", "json", "-o", "/dev/null", "maps"], maps)
    assert (outcome.code, outcome.out, outcome.err) == (0, "", "")
    assert Path("/dev/null").is_char_device()


def test_a_named_pipe_with_a_reader_gets_the_report_and_stays_a_pipe(maps):
    pipe = maps / "report.pipe"
    os.mkfifo(pipe)
    # The reader end is open before the run; the report (a few hundred bytes) fits in the
    # pipe's buffer, so it is read back after the run without a second thread.
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        outcome = run_cli(["lint", "--format", "json", "-o", str(pipe), "maps"], maps)
        os.set_blocking(reader, True)
        received = b"".join(iter(lambda: os.read(reader, 65536), b""))
    finally:
        os.close(reader)
    assert (outcome.code, outcome.out, outcome.err) == (0, "", "")
    assert json.loads(received)["summary"] == {"files": 2, "journeys": 2, "errors": 0, "warnings": 0, "infos": 0}
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_a_named_pipe_nobody_reads_is_an_error_not_a_wait(maps):
    pipe = maps / "report.pipe"
    os.mkfifo(pipe)
    outcome = run_cli(["lint", "--format", "json", "-o", str(pipe), "maps"], maps)
    assert (outcome.code, outcome.out) == (2, "")
    assert outcome.err == f"journeyctl: error: {pipe}: cannot write: no process is reading from the pipe\n"
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_a_regular_report_file_is_still_replaced_atomically(maps, monkeypatch):
    report = maps / "report.json"
    report.write_text("old\n", encoding="utf-8")
    renames = []
    real_replace = os.replace
    monkeypatch.setattr(journeyctl.loading.files.os, "replace", lambda a, b: (renames.append(Path(b)), real_replace(a, b)))
    outcome = run_cli(["lint", "--format", "json", "-o", "report.json", "maps"], maps)
    assert (outcome.code, outcome.err) == (0, "")
    # (the lint cache's entries are renamed into place too)
    assert [r for r in renames if ".journeyctl_cache" not in r.parts] == [Path("report.json")]
    assert report.read_text(encoding="utf-8").startswith('{\n  "version": 1,')


# -- fmt ---------------------------------------------------------------------------------


def test_fmt_does_not_follow_a_link_out_of_the_folder_it_formats(maps):
    elsewhere = maps / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "shared.yaml").write_text(UNFORMATTED, encoding="utf-8")
    (maps / "maps" / "shared.yaml").symlink_to(elsewhere / "shared.yaml")
    outcome = run_cli(["fmt", "maps"], maps)
    assert outcome.code == 1
    assert outcome.err.splitlines() == [
        f"maps/shared.yaml:1:1: {(maps / 'maps').resolve() / 'shared.yaml'}: refusing to "
        f"write through a symbolic link that leads outside {(maps / 'maps').resolve()} "
        f"(to {(elsewhere / 'shared.yaml').resolve()}); not formatted",
        "0 files reformatted, 2 files left unchanged, 1 file could not be formatted",
    ]
    assert (elsewhere / "shared.yaml").read_text(encoding="utf-8") == UNFORMATTED


def test_fmt_follows_a_link_that_stays_inside_and_keeps_the_link(maps):
    (maps / "maps" / "real").mkdir()
    (maps / "maps" / "real" / "shared.yaml").write_text(UNFORMATTED.replace("plumber", "shared"), encoding="utf-8")
    (maps / "maps" / "shared.yaml").symlink_to(Path("real") / "shared.yaml")
    assert run_cli(["fmt", "maps"], maps).code == 0
    assert (maps / "maps" / "shared.yaml").is_symlink()
    assert (maps / "maps" / "real" / "shared.yaml").read_text(encoding="utf-8") == format_text(
        UNFORMATTED.replace("plumber", "shared")
    )


def test_fmt_interrupted_leaves_every_map_whole(maps, monkeypatch):
    (maps / "maps" / "plumber.yaml").write_text(UNFORMATTED, encoding="utf-8")

    def interrupt(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(journeyctl.loading.files.os, "replace", interrupt)
    outcome = run_cli(["fmt", "maps"], maps)
    assert (outcome.code, outcome.err) == (2, "journeyctl: error: interrupted\n")
    assert (maps / "maps" / "plumber.yaml").read_text(encoding="utf-8") == UNFORMATTED
    assert names(maps / "maps") == ["electrician.yaml", "plumber.yaml"]


# -- init --------------------------------------------------------------------------------


def test_init_refuses_a_linked_folder_that_leads_out_and_writes_nothing(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / ".github").symlink_to(tmp_path / "elsewhere")
    outcome = run_cli(["init", "repo"], tmp_path)
    assert outcome.code == 2
    assert outcome.err == (
        f"journeyctl: error: repo: cannot write: {Path('repo') / '.github/workflows/journeyctl.yml'}: refusing to "
        f"write through a symbolic link that leads outside repo (to "
        f"{(tmp_path / 'elsewhere' / 'workflows' / 'journeyctl.yml').resolve()})\n"
    )
    assert names(tmp_path / "repo") == [".github"]
    assert names(tmp_path / "elsewhere") == []


def test_init_never_replaces_a_file_even_through_a_link(tmp_path):
    (tmp_path / "repo").mkdir()
    precious = tmp_path / "precious.toml"
    precious.write_text("keep = true\n", encoding="utf-8")
    (tmp_path / "repo" / "journeyctl.toml").symlink_to(precious)
    outcome = run_cli(["init", "repo"], tmp_path)
    assert (outcome.code, outcome.err) == (
        2,
        "journeyctl: error: repo: these files already exist, nothing was written (use --force to overwrite them): "
        "journeyctl.toml\n",
    )
    assert precious.read_text(encoding="utf-8") == "keep = true\n"
    assert names(tmp_path / "repo") == ["journeyctl.toml"]
    # --force overwrites files in the repository, never one a link leads to elsewhere.
    outcome = run_cli(["init", "repo", "--force"], tmp_path)
    assert outcome.code == 2
    assert "refusing to write through a symbolic link that leads outside repo" in outcome.err
    assert precious.read_text(encoding="utf-8") == "keep = true\n"
    assert names(tmp_path / "repo") == ["journeyctl.toml"]


# -- diff --git: snapshots of other revisions --------------------------------------------


def _git(repo: Path, *args: str, stdin: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    done = subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


def test_a_crafted_revision_cannot_write_outside_the_snapshot(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "journeyctl.toml").write_text("", encoding="utf-8")
    (repo / "plumber.yaml").write_text(MAP, encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    # A tree whose entries are named '..': git accepts such objects from a remote unless
    # it checks them, and 'ls-tree' lists the blob as ../../../escaped.yaml.
    blob = _git(repo, "hash-object", "-w", "--stdin", stdin=MAP.replace("plumber", "escaped"))
    tree = _git(repo, "mktree", stdin=f"100644 blob {blob}\tescaped.yaml\n")
    for _ in range(3):
        tree = _git(repo, "mktree", stdin=f"040000 tree {tree}\t..\n")
    commit = _git(repo, "commit-tree", tree, "-m", "crafted")
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    # The snapshot goes to temp/journeyctl-diff-…/0, so three '..' would land in tmp_path.
    outcome = run_cli(["diff", "--git", commit, "plumber.yaml"], repo)
    assert (outcome.code, outcome.err) == (0, "")
    assert not (tmp_path / "escaped.yaml").exists()
    assert names(temp) == []
