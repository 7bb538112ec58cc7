"""The versions of the maps in a git repository, for ``journeyctl diff --git``.

A revision's YAML files are written to a temporary folder (a snapshot) and both sides are
loaded from there, or from the working tree, like any two folders.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from journeyctl.loading.config import Config
from journeyctl.loading.recognise import OPENING_BYTES
from journeyctl.loading.workspace import UsageError
from journeyctl.review.diff.results import DiffResult
from journeyctl.review.diff.sides import Side, compare, load_side


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed or not on PATH") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]}: {message[0] if message else 'failed'}")
    return done.stdout


def _revision(spec: str, repo: Path) -> str:
    try:
        return _git(["rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"], repo).decode().strip()
    except UsageError:
        raise UsageError(f"unknown revision {spec!r}") from None


_YAML_NAME = re.compile(r"\.ya?ml$")


def snapshot(repo: Path, commit: str, dest: Path, max_size: int | None = None) -> None:
    """Write every YAML file of ``commit`` below ``dest`` (both sides are linted with the
    current configuration, so the delta shows what the maps' change did).

    A file over ``max_size`` bytes is written as its first bytes and a hole up to its full
    size (sparse), which the linter recognises and reports as too large without anyone
    holding its bytes. Other blobs are read in batches of at most :data:`_BATCH_BYTES`.
    """
    from journeyctl.loading.files import UnsafePathError, safe_target

    listing = _git(["ls-tree", "-r", "-z", "-l", "--full-tree", commit], repo)
    batches: list[list[tuple[str, Path]]] = [[]]
    batch_size = 0
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, sha, size_field = meta.decode().split()
        path = name.decode("utf-8", "surrogateescape")
        if not (kind == "blob" and mode in ("100644", "100755") and _YAML_NAME.search(path)):
            continue
        try:
            target = safe_target(dest, path)
        except UnsafePathError:
            # A crafted tree can name an entry '..'; git refuses to check such a path out,
            # and writing it would put a file outside the snapshot.
            continue
        size = int(size_field)
        target.parent.mkdir(parents=True, exist_ok=True)
        if max_size is not None and size > max_size:
            _write_head(repo, sha, target, size)
            continue
        if batch_size + size > _BATCH_BYTES and batches[-1]:
            batches.append([])
            batch_size = 0
        batches[-1].append((sha, target))
        batch_size += size
    for batch in batches:
        if batch:
            _write_blobs(repo, batch)


#: Blob bytes read from git at a time while writing a snapshot.
_BATCH_BYTES = 64 * 1024 * 1024


def _write_head(repo: Path, sha: str, target: Path, size: int) -> None:
    """A blob too large to lint: the start journeyctl reads to recognise a map
    (:data:`~journeyctl.loading.recognise.OPENING_BYTES`), then a hole to its full size."""
    with subprocess.Popen(
        ["git", "cat-file", "blob", sha], cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as process:
        head = process.stdout.read(OPENING_BYTES)
        process.kill()
    with target.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)


def _write_blobs(repo: Path, blobs: list[tuple[str, Path]]) -> None:
    output = _git(["cat-file", "--batch"], repo, stdin="".join(f"{sha}\n" for sha, _ in blobs).encode())
    position = 0
    for _, target in blobs:
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].split()[2])
        target.write_bytes(output[header_end + 1:header_end + 1 + size])
        position = header_end + 1 + size + 1


def diff_git(
    spec: str, paths: Iterable[str], config: Config, cwd: Path | None = None, today: dt.date | None = None
) -> DiffResult:
    """Compare a revision with the working tree (``REV``), or two revisions (``A..B``, or
    ``A...B`` from their merge base), limited to ``paths`` (default: the workspace)."""
    cwd = (cwd or Path.cwd()).resolve()
    repo = Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip()).resolve()
    if "..." in spec:
        first, second = spec.split("...", 1)
        head = _revision(second or "HEAD", repo)
        base = _git(["merge-base", _revision(first or "HEAD", repo), head], repo).decode().strip()
        revisions: list[str | None] = [base, head]
    elif ".." in spec:
        first, second = spec.split("..", 1)
        revisions = [_revision(first or "HEAD", repo), _revision(second or "HEAD", repo)]
    else:
        revisions = [_revision(spec, repo), None]
    paths = list(paths)
    with tempfile.TemporaryDirectory(prefix="journeyctl-diff-") as temp:
        sides: list[Side] = []
        present = False
        for number, commit in enumerate(revisions):
            if commit is None:
                root, side_cwd, side_config = repo, cwd, config
            else:
                root = Path(temp) / str(number)
                root.mkdir()
                snapshot(repo, commit, root, config.max_file_size)
                side_cwd = root / cwd.relative_to(repo)
                side_config = _moved_config(config, repo, root)
            requested = _requested(paths, side_config, cwd, side_cwd)
            present = present or bool(requested)
            sides.append(load_side(requested, side_config, side_cwd, today))
        if not present:
            raise UsageError(f"{' '.join(paths) or '.'}: no such file or directory in either version")
        return compare(sides[0], sides[1])


def _moved_config(config: Config, repo: Path, root: Path) -> Config:
    try:
        relative = config.root.resolve().relative_to(repo)
    except ValueError:
        return config
    return dataclasses.replace(config, root=root / relative)


def _requested(paths: list[str], config: Config, cwd: Path, side_cwd: Path) -> list[str]:
    """The paths to load on one side, as paths relative to ``side_cwd``; those missing there
    (added or removed by the change) are left out."""
    if paths:
        wanted = [(side_cwd / p).resolve() for p in paths]
    elif config.paths:
        wanted = [(config.root / p).resolve() for p in config.paths]
    else:
        wanted = [side_cwd]
    found = []
    for location in wanted:
        if location.exists():
            try:
                found.append(location.relative_to(side_cwd.resolve()).as_posix() or ".")
            except ValueError:
                found.append(str(location))
    return found
