"""The elements of a map: every identifiable thing in a journey or catalog, with its fields.

Journey fields, personas, channels, teams, stages, touchpoints, transitions (``from->to``),
pain points and roadmap items, read from the raw data so that a map that fails validation
still has elements as far as its data allows. ``journeyctl diff`` matches them across two
versions of a map; ``journeyctl show`` lists them one fact per line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from journeyctl.model.field_order import field_order as model_field_order

#: Element kinds in the order changes are listed.
KINDS = ("journey", "persona", "channel", "team", "stage", "touchpoint", "transition", "pain_point", "roadmap")
#: Kinds whose elements may be renamed (same content, new id).
RENAMEABLE = ("stage", "touchpoint", "pain_point", "roadmap")
_SECTIONS = {"personas": "persona", "channels": "channel", "teams": "team", "stages": "stage",
             "touchpoints": "touchpoint", "roadmap": "roadmap"}
_NOUNS = {"pain_point": "pain point", "roadmap": "roadmap item"}
_LABEL_FIELDS = ("name", "title", "summary")
# Fields the extraction gives an element besides its model's own, listed first: the
# ``source`` of a persona that comes from a catalog and the touchpoint a pain point sits on.
_ADDED_FIELDS = {"persona": ("source",), "pain_point": ("touchpoint",)}


def noun_for(kind: str) -> str:
    """A kind of element in words: ``touchpoint``, ``pain point``, ``roadmap item``."""
    return _NOUNS.get(kind, kind)


def field_order(kind: str) -> tuple[str, ...]:
    """The order a ``kind`` of element's fields are listed in: the model's field order,
    after the fields the extraction adds."""
    return _ADDED_FIELDS.get(kind, ()) + model_field_order(kind)


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


def list_under(data: dict, key: str) -> list:
    """The list under ``key``; nothing when it is missing or not a list."""
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
        for index, item in enumerate(list_under(data, section)):
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
    for index, point in enumerate(list_under(item, "pain_points")):
        if isinstance(point, dict):
            fields = {"touchpoint": touchpoint, **{k: v for k, v in point.items() if k != "id"}}
            yield Element("pain_point", _ident(point.get("id"), f"{touchpoint}#{index + 1}"), fields, parent=touchpoint)
    for step in list_under(item, "next"):
        target = transition_target(step)
        fields = {k: v for k, v in step.items() if k not in ("to", "journey", "touchpoint")} if isinstance(step, dict) else {}
        yield Element("transition", f"{touchpoint}->{target}", fields, parent=touchpoint, target=target)
