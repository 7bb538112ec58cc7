"""Formatting files: finding them, formatting each in memory, refusing what lint would
judge differently, and writing changed files safely (or showing the diff)."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeyctl.loading.yaml_errors import YamlError, decode
from journeyctl.loading.yamlload import load_yaml
from journeyctl.model.findings import Position
from journeyctl.review.fmt.canonical import format_loaded
from journeyctl.review.fmt.tree import FormatError


@dataclass(slots=True)
class FileResult:
    """What formatting one file found: its formatted text, or why it was left alone."""

    path: str
    location: Path
    original: str = ""
    formatted: str | None = None
    error: str | None = None
    #: the file's bytes differ from the formatted text (layout, line endings, encoding)
    changed: bool = False
    #: the file as read: (device, inode, size, modification time) and a digest of its bytes
    stamp: tuple[int, int, int, int] | None = None
    digest: bytes = b""
    #: the file holds a suppression comment that covers a line (``ignore[...]``)
    suppressions: bool = False


def format_file(location: Path, display: str, *, explicit: bool = True, max_size: int | None = None) -> FileResult | None:
    """Format one file in memory. ``None`` when the file was found by walking a folder
    and is not a journeyctl file (other YAML files are skipped silently)."""
    from journeyctl.loading.config import DEFAULT_MAX_FILE_SIZE
    from journeyctl.loading.files import FileTooLarge, read_limited
    from journeyctl.loading.recognise import meant_for_journeyctl, opening_text, readable_text

    result = FileResult(display, location)
    limit = DEFAULT_MAX_FILE_SIZE if max_size is None else max_size
    try:
        # Taken before reading: any edit from here on changes it, and ``write`` refuses.
        result.stamp = _stamp(os.stat(location))
        raw = read_limited(location, limit)
    except FileTooLarge as exc:
        if not explicit and not meant_for_journeyctl(opening_text(location)):
            return None
        result.error = f"{display}:1:1: {exc}"
        return result
    except OSError as exc:
        if not explicit:
            return None
        result.error = f"{display}:1:1: cannot read: {exc.strerror}"
        return result
    try:
        text = decode(raw)
        result.original = text
        loaded = load_yaml(text)
        data = loaded.data
    except YamlError as exc:
        if not explicit and not meant_for_journeyctl(readable_text(raw)):
            return None
        result.error = f"{display}:{exc.position.line}:{exc.position.column}: {exc.message}"
        return result
    if not (isinstance(data, dict) and "journeyctl" in data):
        if not explicit:
            return None
        result.error = f"{display}:1:1: not a journeyctl file: the top level has no 'journeyctl: 1' key"
        return result
    try:
        result.formatted, result.suppressions = format_loaded(text, loaded)
    except FormatError as exc:
        result.error = f"{display}:{exc.position.line}:{exc.position.column}: {exc.message}"
        return result
    result.changed = result.formatted.encode("utf-8") != raw
    result.digest = hashlib.sha256(raw).digest()
    return result


def _stamp(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def format_paths(paths: Iterable[str], config: Any, cwd: Path | None = None) -> list[FileResult]:
    """Format the journeyctl files under ``paths`` (default: the workspace) in memory.

    Raises :class:`journeyctl.loading.workspace.UsageError` for a path that does not exist, and for
    a folder given, configured or implied (no path: the current folder) that holds no
    journeyctl file.
    """
    from journeyctl.loading.files import UnsafePathError, is_link_loop, safe_target
    from journeyctl.loading.workspace import UsageError, requested_locations
    from journeyctl.loading.workspace.discovery import discover, display_path, no_journeyctl_files

    cwd = (cwd or Path.cwd()).resolve()
    root = config.root.resolve()
    results: list[FileResult] = []
    seen: set[Path] = set()
    for given, location in requested_locations(paths, config, cwd):
        found = [(p, False) for p in discover(location, config.exclude, root)] if location.is_dir() else [(location, True)]
        before = len(results)
        for path, explicit in found:
            if is_link_loop(path):  # never a file, so a mistake whatever it was meant for
                explicit = True
            elif not explicit:
                # A map named on the command line is formatted wherever its link leads; one
                # found in a folder only while it stays inside that folder.
                try:
                    path = safe_target(location, path.relative_to(location))
                except UnsafePathError as exc:
                    display = display_path(path, cwd)
                    results.append(FileResult(display, path, error=f"{display}:1:1: {exc.strerror}; not formatted"))
                    continue
            if path in seen:
                continue
            seen.add(path)
            result = format_file(path, display_path(path, cwd), explicit=explicit, max_size=config.max_file_size)
            if result is not None:
                results.append(result)
        earlier = results[:before]
        if location.is_dir() and len(results) == before and \
                not any(r.location.is_relative_to(location) for r in earlier):
            raise UsageError(no_journeyctl_files(given))
    # Only a suppression comment can make lint judge the formatted file differently.
    _check_findings([r for r in results if r.changed and r.formatted is not None and r.suppressions], config, cwd)
    return results


def _check_findings(results: list[FileResult], config: Any, cwd: Path) -> None:
    """Refuse (``error`` set, nothing to write) every result that lint would judge
    differently from the file as it is: the data is the same, so only a suppression
    comment that now covers another line could make the difference.

    Raises :class:`~journeyctl.loading.config.ConfigError` for a bad rule configuration.
    """
    if not results:
        return
    from journeyctl.checks.linter import active_rules, default_today, lint_file
    from journeyctl.checks.selection import ignored_for
    from journeyctl.loading.workspace import load_workspace
    from journeyctl.loading.workspace.discovery import display_path
    from journeyctl.model.document import SourceFile

    rules = active_rules(config)
    today = default_today()
    root = config.root.resolve()
    workspace = load_workspace([str(r.location) for r in results], config, cwd)
    targets = {file.location: file for file in workspace.targets}
    docs = {id(doc.file): doc for doc in workspace.docs()}
    for result in results:
        file = targets.get(result.location)
        if file is None or file.loaded is None or file.text != result.original:
            result.formatted, result.error = None, f"{result.path}:1:1: the file changed while fmt was running; not formatted"
            continue
        if not file.ok:
            continue  # validation findings only, and they follow the data, which is unchanged
        off = ignored_for(display_path(file.location, root), config)
        file_rules = [r for r in rules if r.code not in off]
        doc = docs.get(id(file))
        before = lint_file(file, doc, file_rules, today, config.max_findings)
        formatted = SourceFile(file.path, file.location, file.kind, load_yaml(result.formatted), file.model)
        after = lint_file(
            formatted, doc._replace(file=formatted) if doc is not None else None,
            file_rules, today, config.max_findings,
        )
        lost, gained = changed_findings(before, after)
        if lost or gained:
            # An unused suppression is only the echo of a finding that moved: name the finding.
            finding = min(lost + gained, key=lambda f: f.code == "JM005")
            what = "no longer report" if finding in lost else "newly report"
            position = finding.position if finding in lost else _where_suppressed(finding, doc, file_rules, today)
            result.formatted = None
            result.error = (
                f"{result.path}:{position.line}:{position.column}: formatting would move a suppression comment: "
                f"lint would {what} {finding.code} {finding.rule} ({finding.message}); the file is left unchanged"
            )


def _where_suppressed(finding: Any, doc: Any, rules: list, today: dt.date) -> Position:
    """Where a finding that formatting would reveal is in the file as it is (where its
    suppression comment hides it)."""
    from journeyctl.checks.linter import lint_doc

    if doc is not None:
        for hidden in lint_doc(doc, [r for r in rules if r.code == finding.code], today):
            if (hidden.element, hidden.message) == (finding.element, finding.message):
                return hidden.position
    return Position.start()


_LINE_NUMBER = re.compile(r"\bon line \d+\b")


def changed_findings(before: list, after: list) -> tuple[list, list]:
    """The findings only ``before`` has, and those only ``after`` has, compared without
    their positions (code, element and message; an unused suppression's message names
    its line, which is left out too)."""

    def key(finding: Any) -> tuple:
        message = finding.message
        if finding.code == "JM005":
            message = _LINE_NUMBER.sub("on its line", message)
        return finding.code, finding.element, message

    remaining = Counter(key(f) for f in after)
    lost = []
    for finding in sorted(before, key=lambda f: f.sort_key()):
        if remaining[key(finding)] > 0:
            remaining[key(finding)] -= 1
        else:
            lost.append(finding)
    spare = Counter(key(f) for f in before)
    gained = []
    for finding in sorted(after, key=lambda f: f.sort_key()):
        if spare[key(finding)] > 0:
            spare[key(finding)] -= 1
        else:
            gained.append(finding)
    return lost, gained


def write(result: FileResult) -> None:
    """Write a changed file atomically (temporary file + rename, permissions kept).

    Refused with :class:`~journeyctl.loading.files.UnsafePathError` (an ``OSError``) when the file
    is read-only, has other hard links (the rename would leave them holding the old
    text), or changed after it was read: an edit made while ``fmt`` ran is never lost.
    """
    from journeyctl.loading.files import UnsafePathError, read_limited, write_atomic

    if result.formatted is None or not result.changed:
        return
    location = result.location
    info = os.stat(location)
    if not info.st_mode & 0o222 or not os.access(location, os.W_OK):
        raise UnsafePathError("the file is read-only", location)
    if info.st_nlink > 1:
        raise UnsafePathError(
            f"the file has {info.st_nlink} hard links, which replacing it would break", location
        )

    def unchanged() -> None:
        now = os.stat(location)
        if _stamp(now) == result.stamp:
            try:
                same = hashlib.sha256(read_limited(location, now.st_size)).digest() == result.digest
            except OSError:
                same = False
            if same:
                return
        raise UnsafePathError("the file changed while fmt was running", location)

    write_atomic(location, result.formatted, before_replace=unchanged)


def unified_diff(result: FileResult, names: tuple[str, str] | None = None) -> str:
    """A unified diff from the file as it is to the file as ``fmt`` would write it; ``names``:
    its headers' (default: ``a/`` and ``b/`` and the path; see
    :func:`~journeyctl.loading.files.diff_names`)."""
    if result.formatted is None:
        return ""
    old, new = names or (f"a/{result.path}", f"b/{result.path}")
    before = result.original.replace("\r\n", "\n").replace("\r", "\n").splitlines(keepends=True)
    after = result.formatted.splitlines(keepends=True)
    lines = list(difflib.unified_diff(before, after, old, new))
    if not lines and result.changed:
        return f"--- {old}\n+++ {new}\n(line endings or encoding only)\n"
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def iter_changed(results: Iterable[FileResult]) -> Iterator[FileResult]:
    """The results whose file ``fmt`` would rewrite."""
    return (r for r in results if r.changed and r.formatted is not None)
