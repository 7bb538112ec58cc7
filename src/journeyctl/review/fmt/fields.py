"""What the model says about each mapping ``fmt`` writes: its key order, and whether
an ISO date in it is a date (written plain) or text (quoted).

The key order is the model's field order, then ``x-`` keys, then unknown keys; mappings
the model does not describe (extension data, free-form fields) keep the author's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from journeyctl.review.fmt.tree import Collection, Item


@dataclass(frozen=True, slots=True)
class Context:
    """What is known about a mapping being written: the model it holds, if any."""

    model: type | None
    schemaless: bool  # extension data, unknown keys, or a file that is not a journeyctl file


def root_context(data: Any) -> Context:
    """The context of a file's top level: a journey or catalog, or no schema at all."""
    if isinstance(data, dict) and "journeyctl" in data:
        from journeyctl.model import Catalog, Journey

        return Context(Catalog if data.get("kind") == "catalog" else Journey, False)
    return Context(None, True)


@cache
def _date_fields() -> frozenset:
    from journeyctl.model import Journey, RoadmapItem

    return frozenset({(Journey, "reviewed"), (RoadmapItem, "milestone")})


@cache
def _field_rank(model: type) -> dict[str, int]:
    return {name: i for i, name in enumerate(model.model_fields)}


def _child_model(model: type | None, key: str) -> type | None:
    from journeyctl.model.field_order import nested_model

    return None if model is None else nested_model(model, key)


def child_context(context: Context, key: str) -> Context:
    """The context of the value under ``key``."""
    if context.schemaless or key.startswith("x-"):
        return Context(None, True)
    if context.model is None:
        return context
    if key not in _field_rank(context.model):
        return Context(None, True)
    return Context(_child_model(context.model, key), False)


def in_writing_order(collection: Collection, context: Context) -> list[Item]:
    """A mapping's items in writing order (worked out once: writing moves comments)."""
    if collection.order is None:
        collection.order = _order(collection, context)
    return collection.order


def _order(collection: Collection, context: Context) -> list[Item]:
    items = collection.items
    if context.model is None or not items:
        return items
    rank = _field_rank(context.model)
    known = sorted((it for it in items if it.key in rank), key=lambda it: rank[it.key])
    extensions = [it for it in items if it.key not in rank and it.key.startswith("x-")]
    unknown = [it for it in items if it.key not in rank and not it.key.startswith("x-")]
    ordered = known + extensions + unknown
    first = items[0]
    if ordered[0] is not first and (_first_line_suppressed(collection) or _suppressed(ordered[0])):
        # The first key's line is also the mapping's own line (and its list item's): a
        # suppression comment there covers both, so which key comes first stays as written.
        ordered.remove(first)
        ordered.insert(0, first)
    return ordered


def _suppressed(item: Item) -> bool:
    return any(c.directive for c in item.head) or any(c.directive for c in item.eol)


def _first_line_suppressed(collection: Collection) -> bool:
    """Whether a suppression comment covers the line of the mapping's first key."""
    if _suppressed(collection.items[0]):
        return True
    owner = collection.owner
    on_dash = owner.key is None and owner.parent is not None and not owner.parent.is_map
    return (on_dash or owner.parent is None) and _suppressed(owner)


def dates_are_plain(context: Context, key: str | None) -> bool:
    """Whether an ISO date under ``key`` is a date (written plain) rather than text."""
    if key is not None and child_context(context, key).schemaless:
        return True
    return context.schemaless or (context.model, key) in _date_fields()
