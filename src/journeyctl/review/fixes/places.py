"""Where things are in a map's text: from the loader's line and column to offsets, and the
extent of a value, a list item or a mapping's lines, for the edits of a fix.

The loader's positions (:mod:`journeyctl.model.source_map`) are 1-based lines and columns
counted in characters, with ``\\r\\n``, ``\\r`` and ``\\n`` each one line break, as libyaml
counts them; the text is the decoded file without its byte order mark.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

from journeyctl.loading.yaml_scalars import after_properties
from journeyctl.model.findings import DataPath, Position
from journeyctl.model.source_map import LoadedYaml

_BREAK = re.compile(r"\r\n|\r|\n")


class Places:
    """Offsets in one loaded map's text, and the extent of the values at data paths."""

    def __init__(self, loaded: LoadedYaml) -> None:
        self.loaded = loaded
        self.text = loaded.text
        self.starts = [0] + [m.end() for m in _BREAK.finditer(self.text)]
        first = _BREAK.search(self.text)
        #: the line break the file uses (its first one), for the lines a fix adds
        self.newline = first.group() if first else "\n"

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based line and column."""
        if line > len(self.starts):
            # In a file without a final line break, libyaml ends a block collection that
            # closes the file on the line after the last one.
            return len(self.text)
        return min(self.starts[line - 1] + column - 1, len(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of an offset (the inverse of :meth:`offset`)."""
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def line_start(self, offset: int) -> int:
        """The offset where the line holding ``offset`` starts."""
        return max(self.text.rfind("\n", 0, offset), self.text.rfind("\r", 0, offset)) + 1

    def line_end(self, offset: int) -> int:
        """The offset of the line break ending the line holding ``offset`` (or of the end)."""
        found = _BREAK.search(self.text, offset)
        return found.start() if found else len(self.text)

    def next_line(self, offset: int) -> int:
        """The offset just after the line break ending the line holding ``offset``."""
        found = _BREAK.search(self.text, offset)
        return found.end() if found else len(self.text)

    def span(self, position: Position) -> tuple[int, int]:
        return self.offset(position.line, position.column), self.offset(position.end_line, position.end_column)

    def value(self, path: DataPath) -> tuple[int, int]:
        """The offsets of the value at ``path`` (as the loader recorded them)."""
        return self.span(self.loaded.source.value(path))

    def scalar(self, path: DataPath) -> tuple[int, int]:
        """The offsets of the scalar at ``path`` without its anchor and tag (``&where bok``,
        ``!!str bok``): what replacing the value must leave in place."""
        start, end = self.value(path)
        return min(after_properties(self.text, start), end), end

    def key(self, path: DataPath) -> tuple[int, int]:
        """The offsets of the key that ends ``path``."""
        return self.span(self.loaded.source.key(path))

    def content_end(self, path: DataPath) -> int:
        """Where the last scalar inside the value at ``path`` ends.

        A block collection's own end is where the next token begins, after any comments
        and blank lines that follow it: the last scalar marks where its content ends.
        Flow collections end at their closing bracket.
        """
        start, end = self.value(path)
        if self.is_flow(path):
            return end
        ends = [self.value(leaf)[1] for leaf in _leaves(data_at(self.loaded.data, path), path)]
        return max(ends, default=end)

    def is_flow(self, path: DataPath) -> bool:
        """Whether the collection at ``path`` is written in flow style (``[a, b]``, ``{a: 1}``)."""
        start, _ = self.value(path)
        return self.text[start:start + 1] in ("[", "{")

    def indent_of_keys(self, path: DataPath) -> str:
        """The indentation of the keys of the block mapping at ``path``."""
        mapping = data_at(self.loaded.data, path)
        first = next(iter(mapping))
        start, _ = self.key((*path, first))
        return " " * (start - self.line_start(start))


def data_at(data: Any, path: DataPath) -> Any:
    """The value at ``path`` in ``data`` (raises ``LookupError`` or ``TypeError`` if none)."""
    for part in path:
        data = data[part]
    return data


def find(data: Any, path: DataPath) -> tuple[DataPath, Any]:
    """The deepest existing prefix of ``path`` in ``data`` and the value there."""
    found: list = []
    for part in path:
        if isinstance(data, dict) and isinstance(part, str) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            break
        found.append(part)
    return tuple(found), data


def _leaves(data: Any, path: DataPath) -> Iterator[DataPath]:
    """The paths of the scalars and empty collections inside ``data``."""
    if not data and isinstance(data, (dict, list)):
        yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))
    else:
        yield path
