"""Both versions of the maps, loaded and linted, and what changed between them.

Both sides are linted with the same configuration; journeys are matched by journey id
across files (so a moved file is a changed journey, not a removal and an addition),
catalogs by path. Lint findings are matched by journey, code, element and message — never
by line — into those the change introduced and those it fixed. Validation (JM001–JM004)
stops the rules, so when one version of a map fails validation, the other version's rule
findings are *not checked* rather than fixed or introduced: nothing says whether they
still hold.

The comparison works on the raw data, so a map that fails validation is still compared
as far as its data allows; a file that does not parse is reported by its JM001 finding.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeyctl.loading.config import Config
from journeyctl.loading.workspace import UsageError
from journeyctl.model.findings import Finding
from journeyctl.review.diff.compare import compare_maps
from journeyctl.review.diff.results import Change, DiffResult, JourneyDiff, NotChecked


@dataclass(slots=True)
class _Doc:
    path: str
    kind: str  # journey | catalog
    data: Any
    id: str | None
    #: the path relative to the side's folder, for matching files across two folders
    relative: str | None
    parses: bool = True
    #: whether the rules ran on it (it parsed and validated without JM001–JM004 findings)
    checked: bool = True


@dataclass(slots=True)
class Side:
    """One version of the maps: their raw data and their lint findings."""

    docs: list[_Doc] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def load_side(paths: list[str], config: Config, cwd: Path, today: dt.date | None = None) -> Side:
    """Load and lint ``paths`` (files or folders, relative to ``cwd``)."""
    from journeyctl.checks.linter import lint

    if not paths:
        return Side()
    # The other side is another version of the same maps: its ids are not clashes.
    result = lint(paths, config, cwd=cwd, today=today, allow_empty=True, workspace_ids=False)
    folders = [(cwd / p).resolve() for p in paths if (cwd / p).is_dir()]
    side = Side(findings=list(result.findings))
    for file in result.workspace.targets:
        parses = file.loaded is not None
        data = file.loaded.data if parses else None
        if parses and file.kind is None:
            continue
        relative = None
        for folder in folders:
            try:
                relative = file.location.relative_to(folder).as_posix()
                break
            except ValueError:
                continue
        kind = file.kind or "journey"
        ident = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) and kind == "journey" else None
        side.docs.append(_Doc(file.path, kind, data, ident, relative, parses, file.ok))
    return side


def compare(old: Side, new: Side) -> DiffResult:
    """Match the journeys of two sides, compare each pair, and compute the lint delta."""
    pairs = _pair(old.docs, new.docs)
    journeys: list[JourneyDiff] = []
    pair_of: dict[tuple[str, str], int] = {}
    for number, (before, after) in enumerate(pairs):
        if before is not None:
            pair_of[("old", before.path)] = number
        if after is not None:
            pair_of[("new", after.path)] = number
        journeys.append(_journey_diff(before, after))
    journeys.sort(key=lambda j: (j.path, j.id or ""))

    def key(side: str, finding: Finding) -> tuple:
        return (pair_of.get((side, finding.path), finding.path), finding.code, finding.element, finding.message)

    old_keys = Counter(key("old", f) for f in old.findings)
    new_keys = Counter(key("new", f) for f in new.findings)
    introduced, unknown_new = _unchecked(_unmatched(new.findings, "new", key, old_keys), "new", pairs, pair_of)
    fixed, unknown_old = _unchecked(_unmatched(old.findings, "old", key, new_keys), "old", pairs, pair_of)
    return DiffResult(journeys, introduced, fixed, unknown_old + unknown_new)


def _unchecked(
    findings: list[Finding], side: str, pairs: list[tuple[_Doc | None, _Doc | None]], pair_of: dict
) -> tuple[list[Finding], list[NotChecked]]:
    """Split ``side``'s unmatched findings into those the change made (introduced or fixed)
    and rule findings whose counterpart file fails validation, which nobody checked."""
    from journeyctl.loading.validate import CODES as VALIDATION_CODES  # validation stops a file's rules

    validation = frozenset(VALIDATION_CODES.values())
    other = 1 if side == "old" else 0
    made: list[Finding] = []
    unknown: dict[int, list[Finding]] = {}
    for finding in findings:
        number = pair_of.get((side, finding.path))
        counterpart = pairs[number][other] if number is not None else None
        if counterpart is not None and not counterpart.checked and finding.code not in validation:
            unknown.setdefault(number, []).append(finding)
        else:
            made.append(finding)
    failing = "new" if side == "old" else "old"
    result = [NotChecked(failing, pairs[n][other].path, found) for n, found in unknown.items()]
    result.sort(key=lambda n: n.path)
    return made, result


def _unmatched(findings: list[Finding], side: str, key: Any, other: Counter) -> list[Finding]:
    left = Counter(other)
    out = []
    for finding in sorted(findings, key=Finding.sort_key):
        k = key(side, finding)
        if left[k] > 0:
            left[k] -= 1
        else:
            out.append(finding)
    return out


def _pair(old: list[_Doc], new: list[_Doc]) -> list[tuple[_Doc | None, _Doc | None]]:
    pairs: list[tuple[_Doc | None, _Doc | None]] = []
    old_ids = Counter(d.id for d in old if d.id)
    new_ids = Counter(d.id for d in new if d.id)
    left_old, left_new = list(old), list(new)
    by_id = {d.id: d for d in new if d.id and new_ids[d.id] == 1}
    for doc in old:
        if doc.id and old_ids[doc.id] == 1 and doc.id in by_id:
            pairs.append((doc, by_id[doc.id]))
            left_old.remove(doc)
            left_new.remove(by_id[doc.id])
    for doc in list(left_old):
        match = next((d for d in left_new if d.relative is not None and d.relative == doc.relative
                      and d.kind == doc.kind and not (d.id and doc.id and d.id != doc.id)), None)
        if match is not None:
            pairs.append((doc, match))
            left_old.remove(doc)
            left_new.remove(match)
    journeys_old = [d for d in left_old if d.kind == "journey"]
    journeys_new = [d for d in left_new if d.kind == "journey"]
    if len(journeys_old) == 1 and len(journeys_new) == 1 and not (journeys_old[0].id and journeys_new[0].id):
        pairs.append((journeys_old[0], journeys_new[0]))
        left_old.remove(journeys_old[0])
        left_new.remove(journeys_new[0])
    pairs.extend((d, None) for d in left_old)
    pairs.extend((None, d) for d in left_new)
    return pairs


def _journey_diff(before: _Doc | None, after: _Doc | None) -> JourneyDiff:
    doc = after or before
    ident = (after.id if after and after.id else None) or (before.id if before else None)
    kind = doc.kind
    if before is None or after is None:
        status = "added" if before is None else "removed"
        return JourneyDiff(ident, doc.path, status, [Change(kind, ident, status)], kind)
    if not before.parses or not after.parses:
        same_text = not before.parses and not after.parses
        note = "does not parse" if not after.parses else "did not parse before"
        return JourneyDiff(ident, after.path, "unchanged" if same_text else "changed", [], kind, note)
    changes = compare_maps(ident, before.data, after.data)
    if kind == "journey" and before.relative and after.relative and before.relative != after.relative:
        changes.insert(0, Change("journey", ident, "changed", "path", before.relative, after.relative))
    return JourneyDiff(ident, after.path, "changed" if changes else "unchanged", changes, kind)


def diff_paths(
    old: str, new: str, config: Config, cwd: Path | None = None, today: dt.date | None = None,
    new_config: Config | None = None,
) -> DiffResult:
    """Compare two files or folders, NEW with ``new_config`` when given (each side may be
    in a workspace of its own). Raises :class:`~journeyctl.loading.workspace.UsageError` for a
    missing path."""
    from journeyctl.loading.files import present

    cwd = (cwd or Path.cwd()).resolve()
    for given in (old, new):
        if not present(cwd / given):
            raise UsageError(f"{given}: no such file or directory")
    return compare(load_side([old], config, cwd, today), load_side([new], new_config or config, cwd, today))
