"""``journeyctl lint --fix``: fix maps pass after pass, check every result, write safely.

Each pass lints the maps as they stand (the fixed texts held in memory, never written
half-way), works out the fixes of their findings and applies those that do not collide
(:func:`~journeyctl.review.fixes.apply.apply_fixes`); the next pass lints the new texts and
takes the fixes that had to wait. It stops when a pass changes nothing, after at most
:data:`MAX_PASSES`.

A pass's new text of a map is kept only if it parses and lints with no finding the map did
not have before (compared without positions; the findings a fix knowingly introduces, such
as a handoff stub's empty handoff, and suppressions a fix left with nothing to suppress,
do not count — the next pass takes those out; nor, on a map that failed validation, the
rule findings that appear once it passes). Otherwise the map keeps its text and those
fixes are not tried again; the reason is reported. (When several fixes were applied together,
the map's fixes are tried again one per pass, to keep all but the one at fault.)

Nothing is written until every pass is done, and a map is written only if its bytes on
disk are still those read at the start (checked again just before the atomic rename).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeyctl.checks.linter import lint
from journeyctl.loading.config import Config
from journeyctl.loading.files import FileTooLarge, UnsafePathError, read_limited, real_path, write_atomic
from journeyctl.loading.yaml_errors import YamlError, decode, encode_like
from journeyctl.model.document import SourceFile
from journeyctl.model.findings import Finding
from journeyctl.model.fixes import Fix
from journeyctl.model.results import LintResult
from journeyctl.review.fixes import fixes_for
from journeyctl.review.fixes.apply import apply_fixes

#: Passes before giving up on reaching a text no fix changes (ruff stops at 100; a map
#: needs a pass per nested fix, such as a suppression a fix left unused).
MAX_PASSES = 10
#: Passes in all, counting those that try one fix at a time on a map where fixes applied
#: together brought a new finding.
MAX_ROUNDS = 100
UNUSED_SUPPRESSION = "JM005"
#: invalid-yaml, schema, unknown-reference, duplicate-id: a map with one gets no rule findings
VALIDATION = frozenset({"JM001", "JM002", "JM003", "JM004"})


class FileChanged(OSError):
    """A file changed on disk after journeyctl read it: it is not overwritten."""


@dataclass(slots=True)
class FixedFile:
    """A map the fixes change: its bytes and text as read, and its text after the fixes."""

    path: str
    location: Path
    raw: bytes
    original: str
    text: str
    fixes: list[Fix] = field(default_factory=list)

    def diff(self, names: tuple[str, str] | None = None) -> str:
        """The unified diff of the fixes; ``names``: its headers' (default: ``a/`` and ``b/`` and the path)."""
        return unified_diff(self.original, self.text, names or self.path, bom=self.raw.startswith(UTF8_BOM))


@dataclass(slots=True)
class FixRun:
    """What fixing found: the maps changed, the findings left, and the fixes refused."""

    result: LintResult
    files: list[FixedFile]
    #: one line per fix that was not kept, ``path:line:col: why``
    refused: list[str] = field(default_factory=list)

    @property
    def fixed(self) -> int:
        return sum(len(f.fixes) for f in self.files)


def fix_paths(
    paths: Iterable[str], config: Config, *, unsafe: bool = False, cwd: Path | None = None, **options: Any,
) -> FixRun:
    """Fix the maps under ``paths`` in memory (see the module's docstring); nothing is written.

    ``options`` go to :func:`~journeyctl.checks.linter.lint` (``overrides``, ``today``…).
    """
    paths = list(paths)
    texts: dict[Path, str] = {}
    originals: dict[Path, str] = {}  # each changed map's text as first linted, from disk
    applied: dict[Path, list[Fix]] = {}
    refused: list[str] = []
    blocked: set[tuple] = set()
    one_by_one: set[Path] = set()  # maps where fixes applied together brought a new finding
    result = lint(paths, config, cwd=cwd, overlay=texts, **options)
    passes = 0
    for _ in range(MAX_ROUNDS):
        if passes >= MAX_PASSES:
            break
        passes += 0 if one_by_one else 1
        proposed: dict[Path, tuple[str, list[Fix], SourceFile]] = {}
        for file, findings in _by_file(result):
            chosen = [
                (finding, fix) for finding, fix in fixes_for(findings, file.loaded)
                if (fix.safe or unsafe) and _key(file, finding, fix) not in blocked
            ]
            if file.location in one_by_one:
                chosen = chosen[:1]
            text, taken = apply_fixes(file.text, [fix for _, fix in chosen])
            if taken and text != file.text:
                proposed[file.location] = (text, [pair for pair in chosen if pair[1] in taken], file)
        if not proposed:
            break
        checked = lint(paths, config, cwd=cwd, overlay={**texts, **{k: v[0] for k, v in proposed.items()}}, **options)
        before, after = _findings_by_location(result), _findings_by_location(checked)
        kept_all = True
        for location, (text, taken, file) in proposed.items():
            gained = _new_findings(before.get(location, []), after.get(location, []), [fix for _, fix in taken])
            if gained and len(taken) > 1:
                # Which of them brings it? Take them one at a time from now on.
                kept_all = False
                one_by_one.add(location)
                continue
            if gained:
                kept_all = False
                new, fixed = gained[0], taken[0][0]
                refused.append(
                    f"{file.path}:{fixed.line}:{fixed.column}: not fixed: "
                    + "; ".join(fix.title for _, fix in taken)
                    + f" would bring {new.code} {new.rule}: {new.message}"
                )
                blocked.update(_key(file, finding, fix) for finding, fix in taken)
                continue
            originals.setdefault(location, file.text)
            texts[location] = text
            applied.setdefault(location, []).extend(fix for _, fix in taken)
        result = checked if kept_all else lint(paths, config, cwd=cwd, overlay=texts, **options)
    files = []
    root = config.root.resolve()
    named = {real_path((cwd or Path.cwd()) / given) for given in paths}
    for location, text in texts.items():
        file = next(f for f in result.workspace.targets if f.location == location)
        if not writable_here(location, root, named):
            refused.append(f"{file.path}:1:1: not fixed: {OUTSIDE} ({location})")
            continue
        try:
            raw = read_limited(location, config.max_file_size)
            same = decode(raw) == originals[location]
        except (OSError, FileTooLarge, YamlError):
            same = False
        if not same:
            refused.append(f"{file.path}:1:1: not fixed: the file changed while journeyctl was fixing it")
            continue
        files.append(FixedFile(file.path, location, raw, originals[location], text, applied[location]))
    files.sort(key=lambda f: f.path)
    if len(files) < len(texts):  # what remains is what the maps left alone still have
        result = lint(paths, config, cwd=cwd, overlay={f.location: f.text for f in files}, **options)
    return FixRun(result, files, refused)


def _by_file(result: LintResult) -> Iterable[tuple[SourceFile, list[Finding]]]:
    """Each loaded target with its findings (those with a fix come from a loaded file)."""
    found: dict[str, list[Finding]] = {}
    for finding in result.findings:
        found.setdefault(finding.path, []).append(finding)
    for file in result.workspace.targets:
        if file.loaded is not None and file.path in found:
            yield file, found[file.path]


def _findings_by_location(result: LintResult) -> dict[Path, list[Finding]]:
    locations = {file.path: file.location for file in result.workspace.targets}
    found: dict[Path, list[Finding]] = {}
    for finding in result.findings:
        if finding.path in locations:
            found.setdefault(locations[finding.path], []).append(finding)
    return found


def _key(file: SourceFile, finding: Finding, fix: Fix) -> tuple:
    """A fix of a finding, recognisable from one pass to the next (positions move)."""
    return file.location, finding.code, finding.element, finding.message, fix.title


def _new_findings(before: list[Finding], after: list[Finding], taken: list[Fix]) -> list[Finding]:
    """The findings ``after`` has and ``before`` had not, but for those the fixes expect."""
    from journeyctl.review.fmt.workflow import changed_findings

    expected = {code for fix in taken for code in fix.introduces} | {UNUSED_SUPPRESSION}
    _, gained = changed_findings(before, after)
    if any(f.code in VALIDATION for f in before):
        # The rules did not run on a map that failed validation: what they find once it is
        # valid was there all along.
        return [f for f in gained if f.code in VALIDATION]
    return [f for f in gained if f.code not in expected]


OUTSIDE = "the map is reached through a symbolic link that leads out of the workspace"


def writable_here(location: Path, root: Path, named: set[Path]) -> bool:
    """Whether a map at the real path ``location`` may be rewritten: it lies inside the
    workspace ``root``, or it was named on the command line (as ``fmt`` decides)."""
    return location.is_relative_to(root) or location in named


def write(files: Iterable[FixedFile]) -> list[tuple[FixedFile, OSError]]:
    """Write each fixed map (same encoding and byte order mark as it had), atomically and
    only if it is still as it was read; return the files that could not be written and why."""
    failed = []
    for file in files:
        try:
            write_checked(file.location, file.raw, encode_like(file.text, file.raw))
        except OSError as exc:
            failed.append((file, exc))
    return failed


def write_checked(location: Path, raw: bytes, data: bytes) -> None:
    """Replace ``location`` by ``data`` if it still holds ``raw``; raise :class:`FileChanged` if not.

    Refused as ``fmt`` refuses (:class:`~journeyctl.loading.files.UnsafePathError`): a
    read-only file, and one with other hard links, which the rename would leave holding
    the old text.
    """
    info = os.stat(location)
    if not info.st_mode & 0o222 or not os.access(location, os.W_OK):
        raise UnsafePathError("the file is read-only", location)
    if info.st_nlink > 1:
        raise UnsafePathError(f"the file has {info.st_nlink} hard links, which replacing it would break", location)

    def unchanged() -> None:
        if not still(location, raw):
            raise FileChanged("the file changed since journeyctl read it; it is left as it is")

    unchanged()
    write_atomic(location, data, before_replace=unchanged)


def still(location: Path, raw: bytes) -> bool:
    """Whether the file at ``location`` holds exactly ``raw``."""
    try:
        return read_limited(location, len(raw)) == raw
    except (OSError, FileTooLarge):
        return False


#: The byte order mark of a UTF-8 file, which the texts of maps are read without.
UTF8_BOM = b"\xef\xbb\xbf"


def unified_diff(before: str, after: str, path: str | tuple[str, str], *, bom: bool = False) -> str:
    """A unified diff from ``before`` to ``after``, as git shows one (``a/path``, ``b/path``,
    or the two names given: see :func:`~journeyctl.loading.files.diff_names`).

    ``bom``: the file starts with a UTF-8 byte order mark, which a change of its first
    line must show, or ``git apply`` finds that line different and rejects the patch.
    """
    if bom:
        before, after = "\ufeff" + before, "\ufeff" + after
    old, new = (f"a/{path}", f"b/{path}") if isinstance(path, str) else path
    lines = list(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), old, new))
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)

