"""The tree ``fmt`` lays out: every element of a map with its value and comments.

A mapping entry or a list item is an :class:`Item`; its value is a :class:`Scalar` or
a :class:`Collection` of items. Comments hang on the item they describe (above it, at
the end of its line) or on a collection (at its end), so they travel with their element
when keys are reordered. The tree is built from a source text (``build``) or from plain
data (:func:`from_data`, for ``dump_map``) and written out by ``emit``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journeyctl.model.findings import Position


class FormatError(Exception):
    """The text cannot be formatted (it does not parse, or formatting would change it)."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass(eq=False, slots=True)
class Comment:
    """A comment: its text, where it was, and what it does to lint."""

    text: str
    line: int  # 0-based
    column: int
    blank_before: bool = False
    #: a suppression directive (``# journeyctl: ignore[...]``): what it covers depends on lines
    directive: bool = False
    #: a blank line follows (for a directive on a line of its own: it then covers nothing)
    blank_after: bool = False


@dataclass(eq=False, slots=True)
class Scalar:
    """A scalar value as loaded, with the author's block scalar if it had one."""

    value: Any
    #: the author's block scalar: (header such as ``>-``, content lines without indentation)
    block: tuple[str, list[str]] | None = None


@dataclass(eq=False, slots=True)
class Collection:
    """A mapping or a list: its items, and the comments at its end."""

    is_map: bool
    #: True/False as written; None lets the emitter decide (``dump_map``)
    flow: bool | None
    owner: Item
    items: list[Item] = field(default_factory=list)
    foot: list[Comment] = field(default_factory=list)
    #: comments after the closing bracket of a flow collection
    end_eol: list[Comment] = field(default_factory=list)
    #: the items in writing order, once worked out (``in_writing_order``)
    order: list[Item] | None = None
    start: int = 0  # source index span (flow collections)
    end: int = 0


@dataclass(eq=False, slots=True)
class Item:
    """A mapping entry (``key`` set) or a sequence item; the root is an item too."""

    key: str | None
    parent: Collection | None
    value: Scalar | Collection | None = None
    head: list[Comment] = field(default_factory=list)
    eol: list[Comment] = field(default_factory=list)
    start: int = 0  # source index of the key, the dash, or the flow item
    column: int = 0


def from_data(data: Any, owner: Item) -> Scalar | Collection:
    """The tree of plain data (dicts, lists, scalars), for an item ``owner``; no comments."""
    if isinstance(data, dict):
        collection = Collection(True, None, owner)
        for key, value in data.items():
            if not isinstance(key, str):
                raise TypeError(f"mapping keys must be text, not {key!r}")
            item = Item(key, collection)
            item.value = from_data(value, item)
            collection.items.append(item)
        return collection
    if isinstance(data, (list, tuple)):
        collection = Collection(False, None, owner)
        for value in data:
            item = Item(None, collection)
            item.value = from_data(value, item)
            collection.items.append(item)
        return collection
    return Scalar(data)
