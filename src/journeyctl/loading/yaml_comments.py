"""The comments of a YAML text, found by scanning its lines (never by parsing it again).

A ``#`` only starts a comment outside quoted and block scalars and when it is at the
start of a line or follows a space, so ``"see #3"`` and ``https://x.example/#top`` are not
comments. Suppression comments (:mod:`journeyctl.checks.suppressions`) and the symbol
index (:mod:`journeyctl.analysis.symbols`) both read them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_SPECIAL = re.compile(r"[#'\"|>]")
_BLOCK_HEADER = re.compile(r"[|>](?P<a>[-+]?)(?P<digit>[1-9]?)(?P<b>[-+]?)[ \t]*(?:#.*)?$")


class Comment(NamedTuple):
    line: int
    column: int  # 1-based column of '#'
    text: str  # from '#' to the end of the line, trailing blanks removed
    own_line: bool


def comments_in(lines: list[str]) -> Iterator[Comment]:
    """The YAML comments of ``lines``, skipping ``#`` inside quoted and block scalars."""
    scanner = _Scanner()
    for number, line in enumerate(lines, start=1):
        found = scanner.feed(line)
        if found is not None:
            column, own_line = found
            yield Comment(number, column + 1, line[column:].rstrip(), own_line)


class _Scanner:
    """Line by line, just enough YAML lexing to tell comments from scalar content."""

    def __init__(self) -> None:
        self.quote: str | None = None  # a quoted scalar continues on the next line
        self.block_parent: int | None = None  # inside a block scalar whose parent is this indented
        self.block_indent: int | None = None  # its content indentation, once known

    def feed(self, line: str) -> tuple[int, bool] | None:
        """The column (0-based) of the comment on ``line`` and whether it is alone there."""
        if self.block_parent is not None:
            if not line.strip():
                return None
            indent = len(line) - len(line.lstrip(" "))
            if self.block_indent is None and indent > self.block_parent:
                self.block_indent = indent
            if self.block_indent is not None and indent >= self.block_indent:
                return None
            self.block_parent = self.block_indent = None
        start = 0
        if self.quote is not None:
            end = _close_quote(line, 0, self.quote)
            if end is None:
                return None
            self.quote = None
            start = end
        elif not _SPECIAL.search(line):
            return None
        return self._scan(line, start)

    def _scan(self, line: str, i: int) -> tuple[int, bool] | None:
        n = len(line)
        at_start = i == 0  # a new scalar may begin here
        key_col = dash_col = -1
        token_col = -1
        flow = 0
        while i < n:
            c = line[i]
            if c in " \t":
                i += 1
                continue
            if c == "#" and (i == 0 or line[i - 1] in " \t"):
                return i, not line[:i].strip()
            if at_start:
                if c in "'\"":
                    end = _close_quote(line, i + 1, c)
                    if end is None:
                        self.quote = c
                        return None
                    token_col, i, at_start = i, end, False
                    continue
                if c in "-?" and (i + 1 == n or line[i + 1] in " \t"):
                    dash_col = i
                    i += 1
                    continue
                if c in "&!*":  # anchor, tag or alias: a scalar may still follow
                    while i < n and line[i] not in " \t":
                        i += 1
                    continue
                if c in "|>" and flow == 0:
                    header = _BLOCK_HEADER.match(line, i)
                    if header:
                        parent = key_col if key_col >= 0 else dash_col if dash_col >= 0 else len(line) - len(line.lstrip(" "))
                        if key_col < 0 and dash_col < 0:
                            parent -= 1
                        self.block_parent = parent
                        if header["digit"]:
                            self.block_indent = max(parent, 0) + int(header["digit"])
                        hash_at = line.find("#", i)
                        return (hash_at, False) if hash_at >= 0 else None
            if c in "[{":
                flow += 1
                at_start = True
                i += 1
                continue
            if c in "]}":
                flow = max(flow - 1, 0)
                at_start = False
                i += 1
                continue
            if c == "," and flow:
                at_start = True
                i += 1
                continue
            if c == ":" and (i + 1 == n or line[i + 1] in " \t" or (flow and line[i + 1] in ",[]{}")):
                key_col = token_col if token_col >= 0 else key_col
                at_start = True
                i += 1
                continue
            if at_start:
                token_col = i
                at_start = False
            i += 1
        return None


def _close_quote(line: str, i: int, quote: str) -> int | None:
    """The index just after the quote that closes a scalar opened before ``i``, or ``None``."""
    n = len(line)
    while i < n:
        c = line[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and i + 1 < n and line[i + 1] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return None
