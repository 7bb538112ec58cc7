"""The changes between two versions of one map (journey or catalog), in journey terms.

Elements are matched by id. A touchpoint, stage, pain point or roadmap item whose id
changed while everything else stayed the same is *renamed*, and references to it (a
touchpoint's ``stage``, ``next`` targets, ``addresses``) are compared through the rename.
Fields compare by effective value, so writing out a default (``lane: frontstage``) is no
change.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

from journeyctl.review.diff.elements import (
    KINDS,
    RENAMEABLE,
    Element,
    elements,
    field_order,
    list_under,
    transition_target,
)
from journeyctl.review.diff.results import Change

#: Effective values of fields that have a default (docs/format.md and the models).
DEFAULTS: dict[str, dict[str, Any]] = {
    "journey": {"kind": "journey", "status": "active", "state": "current", "emotion_scale": {"min": -2, "max": 2}},
    "channel": {"kind": "other"},
    "touchpoint": {"lane": "frontstage", "entry": False, "decision": False, "feedback": False},
    "pain_point": {"severity": "medium"},
    "roadmap": {"status": "idea"},
}


def _effective(kind: str, name: str, value: Any) -> Any:
    if value is None or value == [] or value == {}:
        value = DEFAULTS.get(kind, {}).get(name)
    if kind == "journey" and name == "emotion_scale" and isinstance(value, dict):
        value = {"min": -2, "max": 2, **value}
    return value


def _field_names(kind: str, old: dict, new: dict) -> list[str]:
    known = field_order(kind)
    rest = [k for k in (*new, *old) if k not in known]
    return [k for k in known if k in old or k in new] + list(dict.fromkeys(rest))


def _field_changes(kind: str, ident: str, old: dict, new: dict, label: str | None, prefix: str = "") -> Iterator[Change]:
    for name in _field_names(kind, old, new) if not prefix else list(dict.fromkeys((*new, *old))):
        before = _effective(kind, prefix + name, old.get(name))
        after = _effective(kind, prefix + name, new.get(name))
        if kind == "touchpoint" and prefix + name == "emotion":
            before, after = _per_persona(before, after)
        if _identical(before, after):
            continue
        if isinstance(before, dict) and isinstance(after, dict):
            yield from _field_changes(kind, ident, before, after, label, f"{prefix}{name}.")
        else:
            yield Change(kind, ident, "changed", prefix + name, before, after, label)


def _per_persona(before: Any, after: Any) -> tuple[Any, Any]:
    """A touchpoint's emotions on both sides, compared persona by persona when one side
    gives each persona's number: a plain number there was every persona's, so turning
    ``-2`` into ``{tenant: -1, landlord: -2}`` changes the tenant's emotion only."""
    if isinstance(before, dict) == isinstance(after, dict):
        return before, after
    personas = before if isinstance(before, dict) else after
    def spread(value: Any) -> Any:
        if isinstance(value, dict):
            return value
        return {} if value is None else {persona: value for persona in personas}
    return spread(before), spread(after)


def _identical(a: Any, b: Any) -> bool:
    """Equal values of equal types with mapping keys in the same order, all the way down
    (``1`` is not ``1.0`` is not ``true``; ``.nan`` is ``.nan``)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_identical(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_identical(x, y) for x, y in zip(a, b))
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
    for item in list_under(data, "touchpoints"):
        if isinstance(item, dict) and item.get("id") == ident:
            steps = [transition_target(s) for s in list_under(item, "next")]
            if renames is not None:
                steps = [renames.maps["touchpoint"].get(s, s) for s in steps]
            details = [{k: v for k, v in s.items() if k not in ("to", "journey", "touchpoint")}
                       for s in list_under(item, "next") if isinstance(s, dict)]
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
