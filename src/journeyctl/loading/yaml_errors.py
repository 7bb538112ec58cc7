"""What goes wrong reading YAML, said in one line with a position (JM001).

Turns libyaml's marks into positions and its errors (syntax, undecodable bytes, characters
YAML does not allow, line breaks only some parsers see) into :class:`YamlError`.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from journeyctl.model.findings import Position
from journeyctl.model.source_map import Span


class YamlError(Exception):
    """The text is not a YAML document journeyctl accepts (reported as JM001)."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


def span(node: Any) -> Span:
    start, end = node.start_mark, node.end_mark
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def mark_position(node: Any) -> Position:
    return Position(*span(node))


def point(line: int, column: int) -> Position:
    """A zero-width position from libyaml's 0-based line and column."""
    return Position(line + 1, column + 1, line + 1, column + 1)


#: The byte order marks YAML allows, and the encoding each announces.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def encode_like(text: str, raw: bytes) -> bytes:
    """``text`` encoded as the file ``raw`` was (:func:`decode`'s inverse): same BOM, same encoding."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return bom + text.encode(codec)
    return text.encode("utf-8")


def decode(raw: bytes) -> str:
    """Decode file bytes as YAML allows (UTF-8, or UTF-16/32 with a BOM).

    Raises :class:`YamlError` with the line of the first undecodable byte.
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise _decode_error(raw, exc.start + len(bom), codec) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _decode_error(raw, exc.start, "utf-8") from None


def _decode_error(raw: bytes, offset: int, codec: str) -> YamlError:
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return YamlError(
        f"the file is not valid {codec.upper()} text (byte 0x{raw[offset]:02x} at offset {offset})",
        Position(line, column, line, column + 1),
    )


def too_deep(max_depth: int) -> str:
    return f"the document is nested too deeply (more than {max_depth} levels)"


def clean(message: str) -> str:
    return " ".join(message.split())


def syntax_error(text: str, exc: yaml.MarkedYAMLError) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    position = Position(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 1) if mark else Position.start()
    problem = exc.problem or "invalid YAML"
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return YamlError("invalid YAML: a tab character cannot indent YAML; use spaces", position)
    if exc.context and exc.context not in problem:
        problem = f"{exc.context}: {problem}"
    if "expected a single document" in problem:
        problem = "the file holds several YAML documents; a journeyctl file holds exactly one"
    elif exc.problem == "found undefined alias" and mark is not None:
        problem = f"the alias {_token(text, mark.index)} refers to no anchor defined before it"
    elif (exc.context or "").startswith("found duplicate anchor") and exc.context_mark and mark is not None:
        problem = (
            f"the anchor {_token(text, mark.index)} is defined twice "
            f"(first on line {exc.context_mark.line + 1})"
        )
    return YamlError(clean(f"invalid YAML: {problem}"), position)


def _token(text: str, index: int) -> str:
    """The anchor (``&x``) or alias (``*x``) that starts at ``index``."""
    match = re.compile(r"[&*][^\s,\[\]{}]+").match(text, index)
    return match.group() if match else "(unnamed)"


def reader_error(text: str, exc: yaml.reader.ReaderError) -> YamlError:
    # libyaml reads the UTF-8 encoding of the text, so its offset counts bytes, not characters.
    offset = len(text.encode("utf-8", "surrogatepass")[: max(exc.position, 0)].decode("utf-8", "ignore"))
    return not_allowed(text, offset)


def not_allowed(text: str, offset: int) -> YamlError:
    """The character at ``offset`` may not appear in YAML text."""
    offset = min(max(offset, 0), len(text) - 1)
    line, column = _line_column(text, offset)
    return YamlError(
        f"invalid YAML: the character U+{ord(text[offset]):04X} is not allowed in YAML text",
        Position(line, column, line, column + 1),
    )


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, with ``\\r\\n``, ``\\r`` and ``\\n`` as line breaks."""
    crlf = text.count("\r\n", 0, offset)
    line = text.count("\n", 0, offset) + text.count("\r", 0, offset) - crlf + 1
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    return line, offset - start + 1


# libyaml follows YAML 1.1, where these characters break lines; to YAML 1.2, to editors and
# to code review they are ordinary characters. Left in, they would fold a name into
# something else ("a\u2028b" read as "a b") and shift every reported line after them.
_UNUSUAL_BREAKS = {
    "\x85": ("NEXT LINE", "\\N"),
    "\u2028": ("LINE SEPARATOR", "\\L"),
    "\u2029": ("PARAGRAPH SEPARATOR", "\\P"),
}


def check_unusual_breaks(text: str) -> None:
    """Raise :class:`YamlError` at the first NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR."""
    found = [offset for offset in map(text.find, _UNUSUAL_BREAKS) if offset >= 0]
    if not found:
        return
    offset = min(found)
    name, escape = _UNUSUAL_BREAKS[text[offset]]
    line, column = _line_column(text, offset)
    raise YamlError(
        f"invalid YAML: the character U+{ord(text[offset]):04X} ({name}) is a line break to some YAML "
        f"parsers and not to others; write it as {escape} in a double-quoted string",
        Position(line, column, line, column + 1),
    )
