"""The lint cache: what each file of a workspace was found to be, and its findings, kept
under ``.journeyctl_cache/`` at the workspace root.

One entry per file, named after a hash of the file's real path, holds:

- the file's ``stat`` (size, mtime, ctime, inode) and a hash of its bytes: a file whose
  stat is unchanged is not read again; one whose stat changed is read and hashed, and
  only a different hash means a different file;
- its *facts* (kind, ids, touchpoint ids, links, validation findings), under a key of
  everything validation depends on, so that a run can resolve the workspace without
  parsing files it knows;
- its findings, under the key the linter computed from everything that can change them
  (:mod:`journeyctl.checks.cached`).

Every entry is written to a temporary file and renamed into place, so concurrent runs
never see half an entry (the last one to finish wins, and both are right). An entry that
cannot be read, does not parse, or was written by another version is a miss, never an
error; a workspace where the folder cannot be written is linted without a cache.

A stat is trusted only when the file had not changed for :data:`RACY_NS` when it was
read: an edit within the same clock tick as the read could keep size and mtime, and
ctime is in the stat because setting mtime back (``touch -d``) moves it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeyctl import __version__
from journeyctl.loading.files import write_atomic

#: The folder at the workspace root.
CACHE_DIR = ".journeyctl_cache"
#: Raised whenever the layout of an entry changes: older entries are then misses.
FORMAT = 1
#: How long a file must have stayed unchanged before its stat alone is trusted (2 s:
#: coarse-timestamp filesystems such as FAT and some network mounts round to it).
RACY_NS = 2_000_000_000

_TAG = """Signature: 8a477f597d28d172789f06886806bc55
# This file is a cache directory tag created by journeyctl.
# For information about cache directory tags, see:
#\thttps://bford.info/cachedir/
"""


def file_stat(info: os.stat_result) -> list[int]:
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def trusted(info: os.stat_result, read_at_ns: int) -> bool:
    """Whether the stat of a file read at ``read_at_ns`` may stand for its content later."""
    return max(info.st_mtime_ns, info.st_ctime_ns) < read_at_ns - RACY_NS


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def key_of(parts: Any) -> str:
    """A hash of ``parts`` (anything JSON can write), for a cache key."""
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


_code_fingerprint: str | None = None


def code_fingerprint() -> str:
    """journeyctl's version and the name, size and mtime of every module of the installed
    package: an editable install under development never serves results of older code."""
    global _code_fingerprint
    if _code_fingerprint is None:
        package = Path(__file__).resolve().parent.parent
        files = []
        for folder, dirs, names in os.walk(package):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                if name.endswith(".py"):
                    info = os.stat(os.path.join(folder, name))
                    files.append((os.path.relpath(os.path.join(folder, name), package), info.st_size, info.st_mtime_ns))
        _code_fingerprint = key_of([__version__, files])
    return _code_fingerprint


@dataclass(slots=True)
class Entry:
    """What the cache knows of one file (see the module's docstring)."""

    location: str
    stat: list[int]
    trusted: bool
    digest: str
    facts_key: str
    facts: dict
    result_key: str | None = None
    findings: list | None = None

    def to_json(self) -> dict:
        return {
            "format": FORMAT, "location": self.location, "stat": self.stat, "trusted": self.trusted,
            "digest": self.digest, "facts_key": self.facts_key, "facts": self.facts,
            "result_key": self.result_key, "findings": self.findings,
        }


class Cache:
    """The cache folder of one workspace; see :func:`open_cache`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries = folder / "files"

    def _name(self, location: Path) -> Path:
        return self.entries / f"{digest(os.fsencode(location))}.json"

    def get(self, location: Path) -> Entry | None:
        """The entry of the file at ``location``, or None (absent, unreadable, corrupt, foreign)."""
        try:
            data = json.loads(self._name(location).read_bytes())
            entry = Entry(
                data["location"], data["stat"], data["trusted"], data["digest"], data["facts_key"], data["facts"],
                data["result_key"], data["findings"],
            )
        except Exception:  # noqa: BLE001 - any damage to a cache file is a miss, never a failure
            return None
        if data.get("format") != FORMAT or entry.location != os.fsdecode(location) or not isinstance(entry.facts, dict):
            return None
        return entry

    def put(self, location: Path, entry: Entry) -> None:
        """Store ``entry`` (atomically); a cache that cannot be written is only slower."""
        try:
            text = json.dumps(entry.to_json(), ensure_ascii=False, separators=(",", ":"))
            write_atomic(self._name(location), text.encode("utf-8", "surrogatepass"), durable=False)
        except (OSError, ValueError, UnicodeError):
            pass


def open_cache(root: Path) -> Cache | None:
    """The cache of the workspace at ``root``, created when missing (with a ``CACHEDIR.TAG``
    and a ``.gitignore`` of ``*`` inside, so backup tools and git leave it alone), or None
    when it cannot be used: a read-only workspace, or a cache folder that is a symbolic link
    (nothing is written out of the workspace)."""
    folder = root / CACHE_DIR
    try:
        if folder.is_symlink():
            return None
        if not folder.is_dir():
            _create(folder)
        files = folder / "files"
        if files.is_symlink():
            return None
        files.mkdir(exist_ok=True)
    except OSError:
        return None
    return Cache(folder)


def _create(folder: Path) -> None:
    """Create the cache folder whole, with its tag and ``.gitignore``, or not at all: it is
    built under a temporary name and renamed into place (a concurrent run may win)."""
    temp = Path(tempfile.mkdtemp(prefix=f"{CACHE_DIR}.", suffix=".tmp", dir=folder.parent))
    try:
        (temp / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
        (temp / ".gitignore").write_text("# Created by journeyctl: the lint cache.\n*\n", encoding="utf-8")
        (temp / "files").mkdir()
        os.rename(temp, folder)
    except OSError:
        if not folder.is_dir():
            raise
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def clean(root: Path) -> bool:
    """Remove the cache of the workspace at ``root``; False when there was none.

    A cache folder that is a symbolic link is unlinked, never followed.
    """
    folder = root / CACHE_DIR
    if folder.is_symlink():
        folder.unlink()
        return True
    if not folder.is_dir():
        return False
    shutil.rmtree(folder)
    return True


def now_ns() -> int:
    return time.time_ns()
