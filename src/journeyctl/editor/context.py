"""Where the cursor is in a map being typed: which key's value (or which mapping's key).

While someone types, the buffer is usually not valid YAML (``next: [call, di``), so the
place is read from the text around the cursor, line by line, the way a person reads it:
the brackets opened on the cursor's line, then the keys the line sits under by its
indentation. Quoted scalars spanning lines, anchors and tags are not followed; a guess
about them costs at most a completion list that does not fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z0-9_-]*$")
# a line: its indentation, its dashes (list items), and a key with what follows it
_LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:-[ \t]+)*)(?:(?P<key>[\w-]+|\"[^\"]*\"|'[^']*')[ \t]*:(?:[ \t]+|$)(?P<value>.*))?")
_OWNER = re.compile(r"(?P<key>[\w-]+|\"[^\"]*\"|'[^']*')[ \t]*:[ \t]*$")
_LINKED = re.compile(r"(?:^|[\s{,])journey[ \t]*:[ \t]*[\"']?(?P<id>[a-z0-9][a-z0-9-]*)")


@dataclass(frozen=True, slots=True)
class CursorContext:
    """What the cursor is typing.

    ``key`` is the key whose value (or list item) is being typed, or with ``in_key`` the
    key of the mapping a new key is being typed in (``emotion: {|``); ``parents`` are the
    keys around it, outermost first; ``prefix`` is the part of the word typed so far, which
    starts at character ``start``; ``linked_journey`` is the journey a cross-journey link
    being typed names.
    """

    key: str | None
    parents: tuple[str, ...]
    prefix: str
    start: int
    in_key: bool = False
    linked_journey: str | None = None


def cursor_context(lines: list[str], row: int, column: int) -> CursorContext | None:
    """The context at character ``column`` of line ``row``; None in a comment or past the text."""
    if row >= len(lines):
        return None
    text = lines[row][:column]
    word = _WORD.search(text)
    prefix, start = word.group(), word.start()
    head = text[:start]
    if head.endswith(("'", '"')):
        head = head[:-1]
    if head.endswith(":"):  # `key:|`: the value needs its space first
        return None
    stack = _open_brackets(head)
    if stack is None:  # in a comment
        return None
    line = _LINE.match(head)
    parents = _ancestors(lines, row, len(line["indent"]))
    linked = _linked_journey(lines, row)
    if stack:
        owners = [_owner_of(head, index) for _, index, _ in stack]
        parents += [o for o in owners if o is not None]
        kind, index, comma = stack[-1]
        segment = head[max(index, comma) + 1:]
        if kind == "[":
            key = parents.pop() if owners[-1] is not None and parents else None
            if segment.strip():
                return None
            return CursorContext(key, tuple(parents), prefix, start, linked_journey=linked)
        found = re.fullmatch(r"[ \t]*(?P<key>[\w-]+)[ \t]*:[ \t]*", segment)
        if found:
            return CursorContext(found["key"], tuple(parents), prefix, start, linked_journey=linked)
        if segment.strip():
            return None
        key = parents.pop() if parents else None
        return CursorContext(key, tuple(parents), prefix, start, in_key=True, linked_journey=linked)
    if line["key"] is not None:
        if line["value"]:
            return None  # after a value: nothing to complete
        return CursorContext(_unquote(line["key"]), tuple(parents), prefix, start, linked_journey=linked)
    if line["dashes"]:
        key = parents.pop() if parents else None
        return CursorContext(key, tuple(parents), prefix, start, linked_journey=linked)
    if head.strip():
        return None
    key = parents.pop() if parents else None
    return CursorContext(key, tuple(parents), prefix, start, in_key=True, linked_journey=linked)


def _unquote(key: str) -> str:
    return key[1:-1] if key[:1] in "'\"" else key


def _open_brackets(head: str) -> list[tuple[str, int, int]] | None:
    """The flow brackets open at the end of ``head``: ``(bracket, index, index of the last
    comma in it or -1)``, outermost first; None when ``head`` ends in a comment."""
    stack: list[list] = []
    quote = None
    for index, character in enumerate(head):
        if quote:
            if character == quote:
                quote = None
            continue
        if character in "'\"" and (index == 0 or head[index - 1] in " \t[{,:"):
            quote = character
        elif character == "#" and (index == 0 or head[index - 1] in " \t"):
            return None
        elif character in "[{":
            stack.append([character, index, -1])
        elif character in "]}" and stack:
            stack.pop()
        elif character == "," and stack:
            stack[-1][2] = index
    return [tuple(entry) for entry in stack]


def _owner_of(head: str, index: int) -> str | None:
    """The key whose value the bracket at ``index`` opens (None for an item of a list)."""
    found = _OWNER.search(head, 0, index)
    if found and found.end() == index:
        return _unquote(found["key"])
    return None


def _ancestors(lines: list[str], row: int, indent: int) -> list[str]:
    """The keys the line ``row``, indented by ``indent``, sits under, outermost first."""
    keys: list[str] = []
    limit = indent
    for above in range(row - 1, -1, -1):
        if limit == 0:
            break
        raw = lines[above]
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        line = _LINE.match(raw)
        line_indent = len(line["indent"])
        if line_indent >= limit:
            continue
        key_indent = line_indent + len(line["dashes"] or "")
        value = (line["value"] or "").strip()
        if line["key"] is not None and key_indent < limit and (not value or value.startswith(("#", "&", "!"))):
            keys.append(_unquote(line["key"]))
        limit = line_indent
    return keys[::-1]


def _linked_journey(lines: list[str], row: int) -> str | None:
    """The journey a cross-journey link at line ``row`` names: on the line, else on the
    other lines of the same list item."""
    def shape(at: int) -> tuple[int, bool]:
        line = _LINE.match(lines[at])
        return len(line["indent"]) + len(line["dashes"] or ""), bool(line["dashes"])

    indent, starts = shape(row)
    item = [row]
    if not starts:
        for above in range(row - 1, -1, -1):
            if lines[above].strip():
                other, dashed = shape(above)
                if other != indent:
                    break
                item.append(above)
                if dashed:
                    break
    for below in range(row + 1, len(lines)):
        if lines[below].strip():
            other, dashed = shape(below)
            if other != indent or dashed:
                break
            item.append(below)
    for at in item:
        found = _LINKED.search(lines[at])
        if found:
            return found["id"]
    return None
