"""Columns in the units a language client counts.

journeyctl counts columns in characters (code points); the Language Server Protocol
counts UTF-16 code units unless client and server agree on UTF-8 bytes or UTF-32 (code
points). A character beyond the Basic Multilingual Plane, such as most emoji, is one code
point, two UTF-16 units and four UTF-8 bytes.
"""

from __future__ import annotations

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def _width(character: str, encoding: str) -> int:
    point = ord(character)
    if encoding == UTF16:
        return 2 if point > 0xFFFF else 1
    if encoding == UTF8:
        return 1 if point < 0x80 else 2 if point < 0x800 else 3 if point < 0x10000 else 4
    return 1


def to_units(line: str, column: int, encoding: str = UTF16) -> int:
    """The client column of character ``column`` of ``line`` (past the end: counted as 1 each)."""
    if encoding == UTF32 or line.isascii():
        return column
    inside = line[:column]
    return sum(_width(c, encoding) for c in inside) + max(column - len(line), 0)


def from_units(line: str, units: int, encoding: str = UTF16) -> int:
    """The character column of client column ``units`` on ``line``.

    A column inside a character (half of a surrogate pair) falls to the character's start;
    one past the end of the line, to the line's end.
    """
    if encoding == UTF32 or line.isascii():
        return min(units, len(line))
    counted = 0
    for index, character in enumerate(line):
        width = _width(character, encoding)
        if counted + width > units:
            return index
        counted += width
    return len(line)
