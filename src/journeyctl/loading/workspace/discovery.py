"""Finding journeyctl files: which paths are searched, how they are shown, what looks like a map.

Discovery walks folders for ``*.yaml``/``*.yml``, skipping hidden, excluded and dependency
folders; paths are shown relative to the current folder so reports read the same wherever
the repository is checked out. A file too broken to parse is still recognised as meant for
journeyctl by its text (:mod:`journeyctl.loading.recognise`), and a file not loaded yet is
glanced at (:func:`glance`) for its journey id or catalog kind.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from journeyctl.loading.files import read_limited, real_path
from journeyctl.loading.globs import Globs
from journeyctl.loading.recognise import OPENING_BYTES, meant_for_journeyctl, opening_text
from journeyctl.model.document import SourceFile

YAML_SUFFIXES = (".yaml", ".yml")
#: Folders never searched: version control, dependencies, virtual environments.
SKIPPED_DIRS = {"node_modules", "__pycache__", "venv"}


def hidden(relative: str) -> bool:
    """Whether a path relative to the root has a hidden part (a name starting with ``.``).

    Hidden files and folders are not part of the workspace: discovery skips them, they
    are never used as catalogs and never resolve cross-journey links. Only a hidden map
    named on the command line is read (and checked with the catalogs that are not hidden).
    """
    return any(part.startswith(".") and part not in (".", "..") for part in relative.split("/"))


def display_path(location: Path, cwd: Path) -> str:
    """Path relative to ``cwd`` with ``/`` separators (``../`` when outside it).

    Reports stay the same wherever the repository is checked out. A path that shares
    nothing with ``cwd`` but the filesystem root (``/dev/stdin``, another drive) is shown
    absolute: ``../../../dev/stdin`` would only hide what it is.
    """
    try:
        return location.relative_to(cwd).as_posix()
    except ValueError:
        pass
    try:
        common = Path(os.path.commonpath([location, cwd]))
    except ValueError:
        return location.as_posix()
    if common == Path(common.anchor):
        return location.as_posix()
    return Path(os.path.relpath(location, cwd)).as_posix()


def discover(folder: Path, exclude: Iterable[str], root: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` below ``folder``, sorted, skipping hidden and excluded paths.

    ``exclude`` holds gitignore patterns relative to ``root`` (see :mod:`journeyctl.loading.globs`).
    """
    excluded = Globs(exclude)
    # Resolving every path (a system call per part) is only needed to match excludes.
    matches = excluded.matches if excluded.patterns else None
    found: list[Path] = []
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".") and d not in SKIPPED_DIRS
            and not (matches and matches(display_path(real_path(here / d), root), folder=True))
        )
        for name in sorted(files):
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                path = here / name
                if not (matches and matches(display_path(real_path(path), root))):
                    found.append(path)
    return found


def no_journeyctl_files(given: str) -> str:
    """The error for a folder that holds no journeyctl file."""
    return (
        f"{given}: no journeyctl files found (no *.yaml or *.yml file with a top-level 'journeyctl:' key "
        "outside hidden and excluded paths)"
    )


def looks_like_journeyctl(file: SourceFile) -> bool:
    """A file found by discovery that failed to parse is reported only if it was meant for us."""
    return meant_for_journeyctl(file.loaded.text if file.loaded else opening_text(file.location))


def looks_like_catalog(file: SourceFile) -> bool:
    """A catalog that failed to load, recognised by its text."""
    text = file.loaded.text if file.loaded else opening_text(file.location)
    return meant_for_journeyctl(text) and _CATALOG_KIND.search(text) is not None


_CATALOG_KIND = re.compile(r"^[\"']?kind[\"']?[ \t]*:[ \t]*[\"']?catalog\b", re.MULTILINE)


class Glance(NamedTuple):
    """What a bounded look at the start of a file says it is.

    ``kind`` is ``"journey"`` (with its ``journey_id``), ``"catalog"``, ``"other"`` (no
    journeyctl file, or unreadable), or None when only loading the file can tell.
    """

    kind: str | None
    journey_id: str | None = None


_UNSURE = Glance(None)
#: A top-level ``id:`` whose value is a plain or quoted scalar on the same line.
_TOP_LEVEL_ID = re.compile(
    r"""^["']?id["']?[ \t]*:[ \t]*(?:"([^"\\\n]*)"|'([^'\n]*)'|([^\s#"'&*!|>{}\[\],%@`][^\s#]*))[ \t]*(?:#.*)?$""",
    re.MULTILINE,
)
_ID_KEY = re.compile(r"^[\"']?id[\"']?[ \t]*:", re.MULTILINE)
_KIND_KEY = re.compile(r"^[\"']?kind[\"']?[ \t]*:", re.MULTILINE)


def glance(location: Path) -> Glance:
    """What the file at ``location`` is, found by reading at most its first 64 KiB.

    Linting one map needs of its siblings only their journey ids (for duplicate ids and
    links) and which are catalogs: loading them whole made one small map cost its whole
    folder. The glance is unsure (UTF-16, flow style, an anchor, several ``id:`` lines...)
    rather than wrong, and then the file is loaded. A map is recognised as
    :mod:`journeyctl.loading.recognise` does, by a top-level ``journeyctl:`` key near its start. A
    glance is only a reason to load a file or not, never a result: what is reported comes
    from loaded files.
    """
    try:
        raw = read_limited(location, OPENING_BYTES, truncate=True)
    except OSError:
        return Glance("other")
    if b"\x00" in raw[:4]:
        return _UNSURE  # UTF-16 or UTF-32: the keys are not ASCII bytes
    text = raw.decode("utf-8", errors="replace")
    if "journeyctl" not in text:
        return Glance("other")
    if not meant_for_journeyctl(text):
        return _UNSURE
    if _CATALOG_KIND.search(text):
        return Glance("catalog")
    if _KIND_KEY.search(text):
        return _UNSURE
    found = _TOP_LEVEL_ID.findall(text)
    if len(found) != 1 or len(_ID_KEY.findall(text)) != 1 or not any(found[0]):
        return _UNSURE
    return Glance("journey", next(part for part in found[0] if part))
