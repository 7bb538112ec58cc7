"""Where each part of a loaded document came from: the source map every finding's
position is resolved through, and the loaded document it belongs to.

The loader (:mod:`journeyctl.loading.yamlload`) builds them; they live with the model
so that documents, validation and the linter can hold them without the loader.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from journeyctl.model.findings import DataPath, Position


# The source map keeps positions, not libyaml's node tree: a node and its two marks are
# three objects the cyclic garbage collector would walk for the rest of the run, while
# tuples of ints are left alone once it has seen them. Positions are 1-based and flat,
# one tuple per node, because building and freeing them is a good part of loading:
#
# - a scalar: ``(line, column, end_line, end_column)``;
# - a collection: the same four and its children, a list of entries or a dict of
#   key → the key's four numbers followed by the value's entry, all in one tuple.
COLLECTION = 5  # the length of a collection's entry; a scalar's has 4
Span = tuple  # (line, column, end_line, end_column)


class SourceMap:
    """Answers "where in the file is this path?" for a loaded document.

    A path that does not exist resolves to its nearest existing ancestor, so a finding
    about a missing field points at the mapping that lacks it.
    """

    __slots__ = ("_root",)

    def __init__(self, root: tuple | None) -> None:
        self._root = root

    def _walk(self, path: DataPath) -> tuple[Span | None, tuple | None]:
        """Return ``(key span or None, entry)`` for the deepest existing prefix of ``path``."""
        entry, key_span = self._root, None
        if entry is None:
            return None, None
        for part in path:
            if len(entry) != COLLECTION:
                break
            children = entry[4]
            if type(children) is dict and isinstance(part, str):
                found = children.get(part)
                if found is None:
                    break
                key_span, entry = found[:4], found[4:]
            elif type(children) is list and isinstance(part, int) and 0 <= part < len(children):
                key_span, entry = None, children[part]
            else:
                break
        return key_span, entry

    def value(self, path: DataPath) -> Position:
        """Position of the value at ``path`` (or of its nearest existing ancestor)."""
        _, entry = self._walk(path)
        return Position(*entry[:4]) if entry is not None else Position.start()

    def key(self, path: DataPath) -> Position:
        """Position of the mapping key that ends ``path``; for list items, of the item."""
        key_span, entry = self._walk(path)
        if path and isinstance(path[-1], str) and key_span is not None:
            return Position(*key_span)
        return Position(*entry[:4]) if entry is not None else Position.start()

    def has(self, path: DataPath) -> bool:
        entry = self._root
        if entry is None:
            return False
        for part in path:
            if len(entry) != COLLECTION:
                return False
            children = entry[4]
            if type(children) is dict and isinstance(part, str):
                found = children.get(part)
                if found is None:
                    return False
                entry = found[4:]
            elif type(children) is list and isinstance(part, int) and 0 <= part < len(children):
                entry = children[part]
            else:
                return False
        return True


class LoadedYaml(NamedTuple):
    """A parsed document: plain Python data and where each part of it came from."""

    data: Any
    source: SourceMap
    text: str
