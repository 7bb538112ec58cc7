"""The lint cache: what each file of a workspace was found to be, and its findings, kept
in ``.journeyctl_cache/index`` at the workspace root.

The index holds one line per file: the file's real path (a JSON string) and a tab, then
its *entry* (JSON):

- the file's ``stat`` (size, mtime, ctime, inode) and a hash of its bytes: a file whose
  stat is unchanged is not read again; one whose stat changed is read and hashed, and
  only a different hash means a different file;
- its *facts* (kind, ids, touchpoint ids, links, validation findings), under a key of
  everything validation depends on, so that a run can resolve the workspace without
  parsing files it knows;
- its findings, under the key the linter computed from everything that can change them
  (:mod:`journeyctl.checks.staged`).

One file, read in one go, because a warm run of a large workspace reads every entry:
opening a file per entry cost more than the rest of such a run. A run writes the entries
it changed as it goes to a new index under a temporary name (so that it holds none of
them in memory), copies the lines it did not change after them, and renames the new
index into place: concurrent runs never see half an index (the last one to finish wins,
and both are right). An entry that cannot be read, does not parse, or was written by
another version is a miss, never an error; a workspace where the folder cannot be written
is linted without a cache.

A stat is trusted only when the file had not changed for :data:`RACY_NS` when it was
read: an edit within the same clock tick as the read could keep size and mtime, and
ctime is in the stat because setting mtime back (``touch -d``) moves it.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeyctl import __version__

#: The folder at the workspace root.
CACHE_DIR = ".journeyctl_cache"
#: Raised whenever the layout of an entry changes: older entries are then misses.
FORMAT = 2
#: The index's first line: an index of another format is not read.
HEADER = f"journeyctl cache {FORMAT}".encode()
#: The index of the entries, in the cache folder.
INDEX = "index"
#: A new index left behind by a run that was killed is removed after this many seconds.
STALE_SECONDS = 3600
#: How long a file must have stayed unchanged before its stat alone is trusted (2 s:
#: coarse-timestamp filesystems such as FAT and some network mounts round to it).
RACY_NS = 2_000_000_000

_TAG = """Signature: 8a477f597d28d172789f06886806bc55
# This file is a cache directory tag created by journeyctl.
# For information about cache directory tags, see:
#\thttps://bford.info/cachedir/
"""


def facts_text(facts: dict | None) -> str:
    """``facts`` as an entry holds them (see :class:`Entry`); "" for None."""
    return "" if facts is None else json.dumps(facts, ensure_ascii=False, separators=(",", ":"))


def file_stat(info: os.stat_result) -> int:
    """A file's size, modification and change times and inode, as one number (a run holds
    one for every file it knows, and four numbers in a list took three times the memory)."""
    return pack_stat([info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino])


#: Each of a stat's four numbers takes this many bits of :func:`file_stat`'s, offset by
#: :data:`_STAT_OFFSET` (a time may be before 1970, an inode as large as 2**64 - 1).
_STAT_BITS = 66
_STAT_OFFSET = 1 << 64


def pack_stat(numbers: list) -> int:
    """The four numbers of an entry's ``stat`` as :func:`file_stat` gives them; raises
    :class:`ValueError` for anything else (a damaged entry)."""
    if len(numbers) != 4:
        raise ValueError("a stat is four numbers")
    packed = 0
    for number in numbers:
        if type(number) is not int or not -_STAT_OFFSET <= number < _STAT_OFFSET:
            raise ValueError(f"not a stat number: {number!r}")
        packed = packed << _STAT_BITS | (number + _STAT_OFFSET)
    return packed


def unpack_stat(packed: int) -> list[int]:
    mask = (1 << _STAT_BITS) - 1
    return [((packed >> (_STAT_BITS * (3 - i))) & mask) - _STAT_OFFSET for i in range(4)]


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
    #: :func:`file_stat` (a list of four numbers in the index)
    stat: int
    trusted: bool
    digest: str
    #: the facts' key and the facts as JSON text ("" when the file is always loaded in
    #: full); both None while a stored file rebuilt from them holds them instead (see
    #: ``CachingLoader._stored``)
    facts_key: str | None
    facts: str | None
    result_key: str | None = None
    findings: list | None = None

    def to_json(self) -> dict:
        return {
            "format": FORMAT, "location": self.location, "stat": unpack_stat(self.stat), "trusted": self.trusted,
            "digest": self.digest, "facts_key": self.facts_key, "facts": self.facts,
            "result_key": self.result_key, "findings": self.findings,
        }


class Cache:
    """The cache folder of one workspace; see :func:`open_cache`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.index = folder / INDEX
        #: the index as it was when first read, held open (a new index renamed into place
        #: meanwhile does not change what this run reads), and where each entry is in it
        #: by key (the JSON of the real path): ``offset << 32 | length``. Only that is held,
        #: not the entries, which a run of many maps would hold all at once.
        self._old: Any = None
        self._spans: dict[bytes, int] | None = None
        #: the new index being written
        self._out: Any = None
        self._temp: str | None = None

    @staticmethod
    def _key(location: Path) -> bytes:
        return json.dumps(os.fsdecode(location)).encode("ascii")

    def _read(self) -> dict[bytes, int]:
        if self._spans is None:
            self._spans = {}
            try:
                handle = self.index.open("rb")
            except OSError:
                return self._spans
            header = handle.readline()
            if header != HEADER + b"\n":
                handle.close()
                return self._spans
            offset = len(header)
            for line in handle:
                key, tab, value = line.partition(b"\t")
                if tab:
                    length = len(value) - value.endswith(b"\n")
                    self._spans[key] = (offset + len(key) + 1) << 32 | length
                offset += len(line)
            self._old = handle
        return self._spans

    def _value(self, span: int) -> bytes:
        """The entry at ``span`` of the index as it was (see ``_spans``)."""
        self._old.seek(span >> 32)
        return self._old.read(span & 0xFFFFFFFF)

    def get(self, location: Path) -> Entry | None:
        """The entry of the file at ``location``, or None (absent, unreadable, corrupt, foreign)."""
        span = self._read().get(self._key(location))
        if span is None:
            return None
        try:
            data = json.loads(self._value(span))
            entry = Entry(
                data["location"], pack_stat(data["stat"]), data["trusted"], data["digest"], data["facts_key"],
                data["facts"], data["result_key"], data["findings"],
            )
        except Exception:  # noqa: BLE001 - any damage to a cache entry is a miss, never a failure
            return None
        if data.get("format") != FORMAT or entry.location != os.fsdecode(location) or not isinstance(entry.facts, str):
            return None
        return entry

    def put(self, location: Path, entry: Entry) -> None:
        """Write ``entry`` to the new index; a cache that cannot be written is only slower."""
        if self._out is False:
            return
        key = self._key(location)
        try:
            text = json.dumps(entry.to_json(), ensure_ascii=False, separators=(",", ":"))
            line = b"%s\t%s\n" % (key, text.encode("utf-8", "surrogatepass"))
            if self._out is None:
                self._read()  # the old index, before the new one can take its place
                import tempfile  # a run that writes no cache does not import it

                fd, self._temp = tempfile.mkstemp(prefix=f"{INDEX}.", suffix=".tmp", dir=self.folder)
                self._out = os.fdopen(fd, "wb")
                self._out.write(HEADER + b"\n")
            self._out.write(line)
        except (OSError, ValueError, UnicodeError):
            self._abandon()
            return
        # the old line is not copied to the new index (nor read again by this run)
        self._spans.pop(key, None)

    def save(self) -> None:
        """Put the new index in place of the old one: the entries written, then the old
        lines of every other file. Nothing is written when no entry was."""
        if self._out:
            try:
                out = self._out
                for key, span in self._read().items():
                    out.write(b"%s\t%s\n" % (key, self._value(span)))
                out.close()
                self._close()  # (a file held open cannot be replaced everywhere)
                os.replace(self._temp, self.index)
            except OSError:
                self._abandon()
            else:
                self._out, self._temp = None, None
        self._close()

    def _close(self) -> None:
        """Let the old index go: the next run of this cache reads the index again."""
        if self._old is not None:
            self._old.close()
        self._old, self._spans = None, None

    def _abandon(self) -> None:
        """Stop writing: remove the new index, keep the old one."""
        if self._out:
            try:
                self._out.close()
            except OSError:
                pass
        if self._temp is not None:
            try:
                os.unlink(self._temp)
            except OSError:
                pass
        self._out, self._temp = False, None


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
        _tidy(folder)
    except OSError:
        return None
    return Cache(folder)


def _tidy(folder: Path) -> None:
    """Remove what runs left behind: a new index of a run that was killed, and the folder
    of entries of the first format (one file per entry)."""
    now = time.time()
    for item in os.scandir(folder):
        if item.name.startswith(f"{INDEX}.") and item.name.endswith(".tmp"):
            try:
                if now - item.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                    os.unlink(item.path)
            except OSError:
                pass
        elif item.name == "files" and item.is_dir(follow_symlinks=False):
            import shutil

            shutil.rmtree(item.path, ignore_errors=True)


def _create(folder: Path) -> None:
    """Create the cache folder whole, with its tag and ``.gitignore``, or not at all: it is
    built under a temporary name and renamed into place (a concurrent run may win)."""
    import shutil  # only creating or removing the folder needs these: a lint without the cache does neither
    import tempfile

    temp = Path(tempfile.mkdtemp(prefix=f"{CACHE_DIR}.", suffix=".tmp", dir=folder.parent))
    try:
        (temp / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
        (temp / ".gitignore").write_text("# Created by journeyctl: the lint cache.\n*\n", encoding="utf-8")
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
    import shutil

    shutil.rmtree(folder)
    return True


def now_ns() -> int:
    return time.time_ns()
