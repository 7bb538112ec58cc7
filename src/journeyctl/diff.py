"""What changed between two versions of a set of maps, in journey terms (``journeyctl diff``).

Both sides are loaded and linted with the same configuration; journeys are matched by
journey id across files (so a moved file is a changed journey, not a removal and an
addition), catalogs by path. Inside a journey, elements are matched by id: journey
fields, personas, channels, teams, stages, touchpoints, transitions (``from->to``),
pain points and roadmap items. A touchpoint, stage, pain point or roadmap item whose id
changed while everything else stayed the same is *renamed*, and references to it (a
touchpoint's ``stage``, ``next`` targets, ``addresses``) are compared through the rename.
Fields compare by effective value, so writing out a default (``lane: frontstage``) is no
change. Lint findings are matched by journey, code, element and message — never by line —
into those the change introduced and those it fixed. Validation (JM001–JM004) stops the
rules, so when one version of a map fails validation, the other version's rule findings are
*not checked* rather than fixed or introduced: nothing says whether they still hold.

The comparison works on the raw data, so a map that fails validation is still compared
as far as its data allows; a file that does not parse is reported by its JM001 finding.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeyctl.config import Config
from journeyctl.findings import Finding
from journeyctl.render.escape import markdown_code, markdown_inline, terminal_json
from journeyctl.strictjson import dumps
from journeyctl.wording import counted

#: Element kinds in the order changes are listed.
KINDS = ("journey", "persona", "channel", "team", "stage", "touchpoint", "transition", "pain_point", "roadmap")
#: Kinds whose elements may be renamed (same content, new id).
RENAMEABLE = ("stage", "touchpoint", "pain_point", "roadmap")
_SECTIONS = {"personas": "persona", "channels": "channel", "teams": "team", "stages": "stage",
             "touchpoints": "touchpoint", "roadmap": "roadmap"}
#: Effective values of fields that have a default (docs/format.md and the models).
DEFAULTS: dict[str, dict[str, Any]] = {
    "journey": {"kind": "journey", "status": "active", "state": "current", "emotion_scale": {"min": -2, "max": 2}},
    "channel": {"kind": "other"},
    "touchpoint": {"lane": "frontstage", "entry": False, "decision": False, "feedback": False},
    "pain_point": {"severity": "medium"},
    "roadmap": {"status": "idea"},
}
_ORDER: dict[str, tuple[str, ...]] = {
    "journey": ("journeyctl", "kind", "id", "title", "description", "owner", "reviewed", "status", "state", "tags",
                "emotion_scale", "stages"),
    "persona": ("source", "name", "segment", "description", "demographics", "goals", "needs", "frustrations",
                "preferred_channels"),
    "channel": ("name", "kind", "description"),
    "team": ("name", "description"),
    "stage": ("name", "description", "lifecycle"),
    "touchpoint": ("name", "stage", "channel", "lane", "owner", "entry", "end", "decision", "feedback",
                   "description", "action", "thought", "emotion", "personas", "outcomes", "resources", "metrics"),
    "transition": ("when", "handoff"),
    "pain_point": ("touchpoint", "summary", "severity", "evidence"),
    "roadmap": ("title", "description", "addresses", "priority", "milestone", "owner", "status"),
}
_NAMES = {"pain_point": "pain point", "roadmap": "roadmap item"}
_LABEL_FIELDS = ("name", "title", "summary")


# -- results ------------------------------------------------------------------------------


@dataclass(slots=True)
class Change:
    """One change: an element added, removed or renamed, or one field of it changed."""

    kind: str
    id: str | None
    change: str  # added | removed | changed | renamed
    field: str | None = None
    old: Any = None
    new: Any = None
    #: the element's name or title, for sentences (not part of the JSON)
    label: str | None = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "change": self.change, "field": self.field,
                "old": self.old, "new": self.new}


@dataclass(slots=True)
class JourneyDiff:
    """The changes of one journey (or catalog) file."""

    id: str | None
    path: str
    status: str  # added | removed | changed | unchanged
    changes: list[Change] = field(default_factory=list)
    kind: str = "journey"  # or "catalog"
    #: why the journey could not be compared element by element, if it could not
    note: str | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "path": self.path, "status": self.status,
                "changes": [c.to_dict() for c in self.changes]}


@dataclass(slots=True)
class NotChecked:
    """Rule findings of one version of a map that the other version could not be checked
    for, because that version fails validation (or does not parse) and so gets no rule
    findings at all."""

    #: the version that fails validation: ``new`` (the findings are the old version's, and
    #: may or may not be fixed) or ``old`` (the findings are the new version's, and may or
    #: may not be introduced)
    failing: str
    #: the path of the failing version
    path: str
    findings: list[Finding]

    @property
    def reason(self) -> str:
        return f"the {self.failing} version fails validation"

    def to_dict(self) -> dict:
        return {"version": self.failing, "path": self.path, "reason": self.reason,
                "findings": [f.to_dict() for f in self.findings]}


@dataclass(slots=True)
class DiffResult:
    """Every journey's changes and the lint delta."""

    journeys: list[JourneyDiff]
    introduced: list[Finding]
    fixed: list[Finding]
    not_checked: list[NotChecked] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.introduced or self.fixed or self.not_checked
                    or any(j.status != "unchanged" for j in self.journeys))

    def to_dict(self) -> dict:
        """The JSON shape of `journeyctl diff --format json` (docs/output.md)."""
        return {
            "version": 1,
            "journeys": [j.to_dict() for j in self.journeys],
            "findings": {"introduced": [f.to_dict() for f in self.introduced],
                         "fixed": [f.to_dict() for f in self.fixed],
                         "not_checked": [n.to_dict() for n in self.not_checked]},
        }


# -- elements of a map ----------------------------------------------------------------------


@dataclass(slots=True)
class Element:
    """One identifiable thing in a map, with its own fields (nested elements excluded)."""

    kind: str
    id: str
    fields: dict[str, Any]
    #: (id, occurrence): what elements are matched by
    key: tuple = ()
    #: the touchpoint a transition leaves from or a pain point sits on
    parent: str | None = None
    #: for transitions: the target (touchpoint id, or ``journey:x/y``)
    target: str | None = None

    @property
    def label(self) -> str | None:
        for name in _LABEL_FIELDS:
            value = self.fields.get(name)
            if isinstance(value, str):
                return value
        return None


def _ident(value: Any, fallback: str) -> str:
    return value if isinstance(value, str) and value else fallback


def _items(data: dict, key: str) -> list:
    value = data.get(key)
    return value if isinstance(value, list) else []


def transition_target(item: Any) -> str:
    """``to`` for a touchpoint in the journey, ``journey:x`` or ``journey:x/y`` for another one."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        if isinstance(item.get("to"), str):
            return item["to"]
        if item.get("journey") is not None:
            touchpoint = f"/{item['touchpoint']}" if item.get("touchpoint") is not None else ""
            return f"journey:{item['journey']}{touchpoint}"
    return "?"


def elements(data: Any, grouped: bool = False) -> list[Element]:
    """Every element of a journey or catalog document, in document order by kind; with
    ``grouped``, a touchpoint's pain points and transitions follow it instead."""
    if not isinstance(data, dict):
        return []
    found: list[Element] = []
    is_catalog = data.get("kind") == "catalog"
    header = {k: v for k, v in data.items() if k not in _SECTIONS}
    found.append(Element("catalog" if is_catalog else "journey", _ident(data.get("id"), ""), header))
    for section, kind in _SECTIONS.items():
        for index, item in enumerate(_items(data, section)):
            fallback = f"#{index + 1}"
            if kind == "persona" and isinstance(item, str):
                found.append(Element(kind, item, {"source": "catalog"}))
                continue
            if not isinstance(item, dict):
                found.append(Element(kind, fallback, {"value": item}))
                continue
            ident = _ident(item.get("id"), fallback)
            nested = ("pain_points", "next") if kind == "touchpoint" else ()
            found.append(Element(kind, ident, {k: v for k, v in item.items() if k != "id" and k not in nested}))
            if kind == "touchpoint":
                found.extend(_touchpoint_parts(ident, item))
    if not grouped:
        order = {kind: i for i, kind in enumerate(("catalog", *KINDS))}
        found.sort(key=lambda e: order[e.kind])
    occurrences: Counter = Counter()
    for element in found:
        base = (element.kind, element.parent, element.target) if element.kind == "transition" else (element.kind, element.id)
        occurrences[base] += 1
        element.key = (element.id, occurrences[base])
    return found


def _touchpoint_parts(touchpoint: str, item: dict) -> Iterator[Element]:
    for index, point in enumerate(_items(item, "pain_points")):
        if isinstance(point, dict):
            fields = {"touchpoint": touchpoint, **{k: v for k, v in point.items() if k != "id"}}
            yield Element("pain_point", _ident(point.get("id"), f"{touchpoint}#{index + 1}"), fields, parent=touchpoint)
    for step in _items(item, "next"):
        target = transition_target(step)
        fields = {k: v for k, v in step.items() if k not in ("to", "journey", "touchpoint")} if isinstance(step, dict) else {}
        yield Element("transition", f"{touchpoint}->{target}", fields, parent=touchpoint, target=target)


# -- comparing two maps ------------------------------------------------------------------------


def _effective(kind: str, name: str, value: Any) -> Any:
    if value is None or value == [] or value == {}:
        value = DEFAULTS.get(kind, {}).get(name)
    if kind == "journey" and name == "emotion_scale" and isinstance(value, dict):
        value = {"min": -2, "max": 2, **value}
    return value


def _field_names(kind: str, old: dict, new: dict) -> list[str]:
    known = _ORDER.get(kind, ())
    rest = [k for k in (*new, *old) if k not in known]
    return [k for k in known if k in old or k in new] + list(dict.fromkeys(rest))


def _field_changes(kind: str, ident: str, old: dict, new: dict, label: str | None, prefix: str = "") -> Iterator[Change]:
    for name in _field_names(kind, old, new) if not prefix else list(dict.fromkeys((*new, *old))):
        before = _effective(kind, prefix + name, old.get(name))
        after = _effective(kind, prefix + name, new.get(name))
        if _same(before, after):
            continue
        if isinstance(before, dict) and isinstance(after, dict):
            yield from _field_changes(kind, ident, before, after, label, f"{prefix}{name}.")
        else:
            yield Change(kind, ident, "changed", prefix + name, before, after, label)


def _same(a: Any, b: Any) -> bool:
    """Equal values of equal types, all the way down (``1`` is not ``1.0`` is not ``true``)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and a != a:  # .nan: a value equals itself
        return b != b
    return a == b


class _Renames:
    """Ids renamed between the two sides, per kind (old id → new id)."""

    def __init__(self) -> None:
        self.maps: dict[str, dict[str, str]] = {kind: {} for kind in RENAMEABLE}

    def apply(self, element: Element) -> Element:
        """The old side's element with references renamed to the new ids."""
        tps, stages, points = self.maps["touchpoint"], self.maps["stage"], self.maps["pain_point"]
        fields = dict(element.fields)
        ident, parent, target = element.id, element.parent, element.target
        if element.kind in RENAMEABLE:
            ident = self.maps[element.kind].get(ident, ident)
        if element.kind == "touchpoint" and isinstance(fields.get("stage"), str):
            fields["stage"] = stages.get(fields["stage"], fields["stage"])
        if element.kind == "pain_point" and isinstance(fields.get("touchpoint"), str):
            fields["touchpoint"] = tps.get(fields["touchpoint"], fields["touchpoint"])
        if element.kind == "roadmap" and isinstance(fields.get("addresses"), list):
            fields["addresses"] = [tps.get(a, points.get(a, a)) if isinstance(a, str) else a for a in fields["addresses"]]
        if element.kind == "transition":
            parent = tps.get(parent, parent)
            target = tps.get(target, target)
            ident = f"{parent}->{target}"
        key = (ident, *element.key[1:])
        return dataclasses.replace(element, id=ident, fields=fields, parent=parent, target=target, key=key)


def _content(element: Element, nested: Any = None) -> str:
    """What an element holds besides its id, defaults applied: equal content, same element."""
    fields = {}
    for name, value in element.fields.items():
        value = _effective(element.kind, name, value)
        if value is not None and value != DEFAULTS.get(element.kind, {}).get(name):
            fields[name] = value
    return json.dumps([fields, nested], sort_keys=True, default=str)


def _find_renames(kind: str, old: list[Element], new: list[Element], renames: _Renames,
                  old_data: dict, new_data: dict) -> None:
    old_ids = {e.id for e in old}
    new_ids = {e.id for e in new}
    gone = [e for e in old if e.id not in new_ids]
    came = [e for e in new if e.id not in old_ids]
    if not gone or not came:
        return
    found = renames.maps[kind]
    changed = True
    while changed:  # a chain of renamed touchpoints only matches once its neighbours do
        changed = False
        taken = set(found.values())
        for before in gone:
            if before.id in found:
                continue
            signature = _content(renames.apply(before), _nested(kind, old_data, before.id, renames))
            for after in came:
                if after.id in taken:
                    continue
                if signature == _content(after, _nested(kind, new_data, after.id, None)):
                    found[before.id] = after.id
                    taken.add(after.id)
                    changed = True
                    break


def _nested(kind: str, data: dict, ident: str, renames: _Renames | None) -> Any:
    """A touchpoint's pain points and transitions, which are part of its content."""
    if kind != "touchpoint":
        return None
    for item in _items(data, "touchpoints"):
        if isinstance(item, dict) and item.get("id") == ident:
            steps = [transition_target(s) for s in _items(item, "next")]
            if renames is not None:
                steps = [renames.maps["touchpoint"].get(s, s) for s in steps]
            details = [{k: v for k, v in s.items() if k not in ("to", "journey", "touchpoint")}
                       for s in _items(item, "next") if isinstance(s, dict)]
            return [item.get("pain_points"), steps, details]
    return None


def compare_maps(ident: str | None, old_data: Any, new_data: Any) -> list[Change]:
    """The changes from ``old_data`` to ``new_data`` (two versions of one journey or catalog)."""
    old_elements, new_elements = elements(old_data), elements(new_data)
    old_by_kind = {k: [e for e in old_elements if e.kind == k] for k in ("catalog", *KINDS)}
    new_by_kind = {k: [e for e in new_elements if e.kind == k] for k in ("catalog", *KINDS)}
    old_dict = old_data if isinstance(old_data, dict) else {}
    new_dict = new_data if isinstance(new_data, dict) else {}
    renames = _Renames()
    for kind in RENAMEABLE:
        _find_renames(kind, old_by_kind[kind], new_by_kind[kind], renames, old_dict, new_dict)
    changes: list[Change] = []
    for kind in ("catalog", *KINDS):
        if kind in ("journey", "catalog"):
            for before, after in zip(old_by_kind[kind], new_by_kind[kind]):
                changes.extend(_field_changes(kind, ident, before.fields, after.fields, None))
            if kind == "journey":
                changes.extend(_stage_order(ident, old_by_kind["stage"], new_by_kind["stage"], renames))
            continue
        changes.extend(_compare_kind(kind, [renames.apply(e) for e in old_by_kind[kind]], new_by_kind[kind], renames))
    return changes


def _stage_order(ident: str | None, old: list[Element], new: list[Element], renames: _Renames) -> Iterator[Change]:
    before = [renames.maps["stage"].get(e.id, e.id) for e in old]
    after = [e.id for e in new]
    common = set(before) & set(after)
    if [s for s in before if s in common] != [s for s in after if s in common]:
        yield Change("journey", ident, "changed", "stages", before, after)


def _compare_kind(kind: str, old: list[Element], new: list[Element], renames: _Renames) -> Iterator[Change]:
    old_by_key = {e.key: e for e in old}
    new_keys = {e.key for e in new}
    reverse = {v: k for k, v in renames.maps.get(kind, {}).items()}
    for element in new:
        before = old_by_key.get(element.key)
        if before is None:
            yield Change(kind, element.id, "added", label=element.label)
            continue
        if element.id in reverse:
            yield Change(kind, element.id, "renamed", "id", reverse[element.id], element.id, element.label)
        yield from _field_changes(kind, element.id, before.fields, element.fields, element.label)
    for element in old:
        if element.key not in new_keys:
            original = reverse.get(element.id, element.id) if kind in RENAMEABLE else element.id
            yield Change(kind, original, "removed", label=element.label)


# -- loading both sides ---------------------------------------------------------------------------


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
    from journeyctl.linter import lint

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
    from journeyctl.validate import CODES as VALIDATION_CODES  # validation stops a file's rules

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
    in a workspace of its own). Raises :class:`~journeyctl.workspace.UsageError` for a
    missing path."""
    from journeyctl.files import present

    cwd = (cwd or Path.cwd()).resolve()
    for given in (old, new):
        if not present(cwd / given):
            raise _usage(f"{given}: no such file or directory")
    return compare(load_side([old], config, cwd, today), load_side([new], new_config or config, cwd, today))


# -- git ----------------------------------------------------------------------------------------


def _usage(message: str) -> Exception:
    # Imported here: ``journeyctl show --textconv`` runs once per file version and uses
    # only the element extraction above, not the workspace and its models.
    from journeyctl.workspace import UsageError

    return UsageError(message)


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise _usage("git is not installed or not on PATH") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _usage(f"git {args[0]}: {message[0] if message else 'failed'}")
    return done.stdout


def _revision(spec: str, repo: Path) -> str:
    from journeyctl.workspace import UsageError

    try:
        return _git(["rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"], repo).decode().strip()
    except UsageError:
        raise _usage(f"unknown revision {spec!r}") from None


_YAML_NAME = re.compile(r"\.ya?ml$")


def snapshot(repo: Path, commit: str, dest: Path, max_size: int | None = None) -> None:
    """Write every YAML file of ``commit`` below ``dest`` (both sides are linted with the
    current configuration, so the delta shows what the maps' change did).

    A file over ``max_size`` bytes is written as its first bytes and a hole up to its full
    size (sparse), which the linter recognises and reports as too large without anyone
    holding its bytes. Other blobs are read in batches of at most :data:`_BATCH_BYTES`.
    """
    from journeyctl.files import UnsafePathError, safe_target

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


#: The start of a file the linter reads to tell whether a file too large to read was a map.
_HEAD_BYTES = 65536


def _write_head(repo: Path, sha: str, target: Path, size: int) -> None:
    """A blob too large to lint: its first :data:`_HEAD_BYTES`, then a hole to its full size."""
    with subprocess.Popen(
        ["git", "cat-file", "blob", sha], cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as process:
        head = process.stdout.read(_HEAD_BYTES)
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
            raise _usage(f"{' '.join(paths) or '.'}: no such file or directory in either version")
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


# -- output ---------------------------------------------------------------------------------------

FORMATS = ("text", "md", "json")


def render(result: DiffResult, output_format: str) -> str:
    """``result`` as ``text`` (sentences), ``md`` (a pull-request comment) or ``json``.

    Always valid UTF-8: a file name that is not shows each undecodable byte as ``\\xff``.
    """
    from journeyctl.render.escape import unicode_text

    if output_format == "json":
        return dumps(_unicode(result.to_dict(), unicode_text), indent=2) + "\n"
    return unicode_text(_render_markdown(result) if output_format == "md" else _render_text(result))


def _unicode(value: Any, text: Callable[[str], str]) -> Any:
    """``value`` (JSON data) with ``text`` applied to every string in it, keys included."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, dict):
        return {_unicode(k, text): _unicode(v, text) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_unicode(v, text) for v in value]
    return value


def _value(value: Any) -> str:
    return dumps(value)


def _noun(kind: str) -> str:
    return _NAMES.get(kind, kind)


def _summary(result: DiffResult) -> tuple[str, str]:
    counts = Counter(j.status for j in result.journeys)
    parts = [f"{counts[s]} {s}" for s in ("changed", "added", "removed", "unchanged") if counts[s]]
    journeys = f"{counted(len(result.journeys), 'map')}: {', '.join(parts)}" if parts else "no maps"
    lint = (f"{counted(len(result.introduced), 'finding')} introduced, {len(result.fixed)} fixed")
    unknown = sum(len(n.findings) for n in result.not_checked)
    if unknown:
        lint += f", {unknown} not checked"
    return journeys, lint


def _sentence(change: Change, code: Any, strong: Any) -> str:
    """One change as a sentence; ``code`` and ``strong`` mark up ids/values and field names."""
    noun = _noun(change.kind)
    who = f"{noun} {code(change.id)}" if change.id is not None else noun
    label = f" ({change.label})" if change.label else ""
    if change.change == "added":
        return f"{who}{label} was added"
    if change.change == "removed":
        return f"{who}{label} was removed"
    if change.change == "renamed":
        return f"{noun} {code(change.old)} was renamed to {code(change.new)}"
    name = strong(change.field)
    if change.old is None:
        return f"{who}: {name} set to {code(_value(change.new))}"
    if change.new is None:
        return f"{who}: {name} removed (was {code(_value(change.old))})"
    return f"{who}: {name} changed from {code(_value(change.old))} to {code(_value(change.new))}"


def _heading(journey: JourneyDiff) -> str:
    if journey.kind == "catalog":
        return f"catalog {journey.path}"
    return f"{journey.id or '(no id)'} ({journey.path})"


def _render_text(result: DiffResult) -> str:
    if not result.changed:
        return "No changes in journey terms; no lint findings introduced or fixed.\n"
    lines: list[str] = []
    plain = str
    for journey in result.journeys:
        if journey.status == "unchanged":
            continue
        lines.append(f"{_heading(journey)}: {journey.status}")
        if journey.note:
            lines.append(f"  the file {journey.note}: see the lint findings")
        if journey.status == "changed":
            lines.extend(f"  {_sentence(c, plain, plain)}." for c in journey.changes)
    journeys, lint = _summary(result)
    if result.introduced or result.fixed or result.not_checked:
        lines.append(f"lint: {lint}")
        groups = [("introduced", result.introduced), ("fixed", result.fixed)]
        groups += [(f"not checked: {n.reason} ({n.path})", n.findings) for n in result.not_checked]
        for word, findings in groups:
            lines.extend(f"  {word}: {f.path}:{f.line}:{f.column} {f.code} [{f.rule}] {f.message}" for f in findings)
    lines.append(f"{journeys}; lint: {lint}")
    return "\n".join(map(terminal_json, lines)) + "\n"


def _render_markdown(result: DiffResult) -> str:
    journeys, lint = _summary(result)
    lines = ["### journeyctl diff", ""]
    if not result.changed:
        lines.append("No changes in journey terms; no lint findings introduced or fixed.")
        return "\n".join(lines) + "\n"
    lines += [f"{journeys} · lint: {lint}", ""]

    def code(value: Any) -> str:
        return markdown_code(str(value))

    def strong(name: str) -> str:
        return f"**{markdown_inline(name)}**"

    for journey in result.journeys:
        if journey.status == "unchanged":
            continue
        title = f"catalog {markdown_code(journey.path)}" if journey.kind == "catalog" else markdown_code(journey.id or "(no id)")
        lines.append(f"#### {title} {journey.status}")
        if journey.kind != "catalog":
            lines.append(f"{markdown_code(journey.path)}")
        lines.append("")
        if journey.note:
            lines.append(f"- the file {journey.note}: see the lint findings")
        if journey.status == "changed":
            for change in journey.changes:
                if change.label:
                    change = dataclasses.replace(change, label=markdown_inline(change.label))
                lines.append(f"- {_sentence(change, code, strong)}")
        lines.append("")
    groups = [(f"Lint findings {word}", findings) for word, findings in
              (("introduced", result.introduced), ("fixed", result.fixed))]
    groups += [(f"Lint findings not checked: {n.reason} ({markdown_code(n.path)})", n.findings) for n in result.not_checked]
    for heading, findings in groups:
        if not findings:
            continue
        lines += [f"#### {heading}", "", "| file | line | rule | message |", "| --- | --- | --- | --- |"]
        lines.extend(
            f"| {markdown_code(f.path)} | {f.line}:{f.column} | {f.code} {markdown_code(f.rule)} | {markdown_inline(f.message)} |"
            for f in findings
        )
        lines.append("")
    return "\n".join(map(terminal_json, lines)).rstrip("\n") + "\n"
