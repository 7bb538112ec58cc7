"""Canonical layout of journeyctl YAML (``journeyctl fmt``), comments kept.

The layout (documented for users in ``docs/git.md``):

- keys in schema order: the model's field order (``journeyctl``, ``kind``, ``id``,
  ``title``, …), then ``x-`` keys in their original order, then unknown keys in theirs;
  free-form mappings (``metrics``, ``demographics``, extension data) keep their order;
- two-space indentation; a block sequence is indented under its key (``- `` two
  columns in, the item's content four);
- one blank line between top-level sections (keys holding a block list or mapping)
  and between touchpoints; no other blank lines, except one kept between the file's
  leading comments and the first key, and before the comments that end the file;
- flow or block is the author's choice for each list and mapping; a flow collection
  is written on one line as ``[a, b]`` / ``{k: v}``, and becomes a block one when
  comments sit inside it, so every comment keeps its element;
- scalars are plain where that is safe and quoted where YAML 1.1 or 1.2 would read
  them as something other than text (``yes``, ``on``, ``1:30``, ``1_000``, a date in
  a text field); dates stay plain in ``reviewed``, ``milestone`` and extension data;
  double quotes, or single quotes for text holding ``"`` that needs no escape;
- block scalars (``|``, ``>``) keep the author's text and line breaks, re-indented;
  other multi-line text is written as a literal block;
- comments stay with their element: comment lines above an element stay above it when
  keys are reordered, an end-of-line comment stays on its element's line (and keeps
  its column when it still fits, at least two spaces after the content);
- LF line endings, UTF-8 without a byte-order mark, one final newline; a leading
  ``---`` marker and directives are dropped.

The layout is written by this module rather than by a YAML library's round-trip
emitter: ruamel.yaml drops comments inside flow collections and attaches a comment line
to the value *before* it, so once keys are reordered a section comment would travel with
the wrong element. Here comments are found in the libyaml token stream (the same parser
``load_yaml`` uses) and attached to the element they describe. Before anything is
returned, the result is parsed again and must hold the same data and the same comments;
otherwise :class:`FormatError` is raised and nothing is written.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import gc
import hashlib
import os
import math
import re
import typing
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from journeyctl.findings import Position
from journeyctl.suppressions import covers_a_line
from journeyctl.yamlload import YamlError, decode, load_yaml, reads_as_text

#: Indentation step.
INDENT = 2
#: ``dump_map`` writes a list of scalars (or a mapping of scalars) in flow style when the
#: whole line fits in this many columns.
FLOW_WIDTH = 80
#: An end-of-line comment is at least this many spaces after the content.
COMMENT_GAP = 2


class FormatError(Exception):
    """The text cannot be formatted (it does not parse, or formatting would change it)."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


# -- the tree -----------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class _Comment:
    text: str
    line: int  # 0-based
    column: int
    blank_before: bool = False
    #: a suppression directive (``# journeyctl: ignore[...]``): what it covers depends on lines
    directive: bool = False
    #: a blank line follows (for a directive on a line of its own: it then covers nothing)
    blank_after: bool = False


@dataclass(eq=False, slots=True)
class _Scalar:
    value: Any
    #: the author's block scalar: (header such as ``>-``, content lines without indentation)
    block: tuple[str, list[str]] | None = None


@dataclass(eq=False, slots=True)
class _Collection:
    is_map: bool
    #: True/False as written; None lets the emitter decide (``dump_map``)
    flow: bool | None
    owner: _Item
    items: list[_Item] = field(default_factory=list)
    foot: list[_Comment] = field(default_factory=list)
    #: comments after the closing bracket of a flow collection
    end_eol: list[_Comment] = field(default_factory=list)
    #: the items in writing order, once worked out (``_ordered``)
    order: list[_Item] | None = None
    start: int = 0  # source index span (flow collections)
    end: int = 0


@dataclass(eq=False, slots=True)
class _Item:
    """A mapping entry (``key`` set) or a sequence item; the root is an item too."""

    key: str | None
    parent: _Collection | None
    value: _Scalar | _Collection | None = None
    head: list[_Comment] = field(default_factory=list)
    eol: list[_Comment] = field(default_factory=list)
    start: int = 0  # source index of the key, the dash, or the flow item
    column: int = 0


# -- the schema: key order and which fields hold dates --------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    model: type | None
    schemaless: bool  # extension data, unknown keys, or a file that is not a journeyctl file


def _root_context(data: Any) -> _Context:
    if isinstance(data, dict) and "journeyctl" in data:
        from journeyctl.model import Catalog, Journey

        return _Context(Catalog if data.get("kind") == "catalog" else Journey, False)
    return _Context(None, True)


@cache
def _date_fields() -> frozenset:
    from journeyctl.model import Journey, RoadmapItem

    return frozenset({(Journey, "reviewed"), (RoadmapItem, "milestone")})


@cache
def _field_rank(model: type) -> dict[str, int]:
    return {name: i for i, name in enumerate(model.model_fields)}


@cache
def _child_model(model: type, key: str) -> type | None:
    from pydantic import BaseModel

    def find(annotation: Any) -> type | None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        for arg in typing.get_args(annotation):
            found = find(arg)
            if found is not None:
                return found
        return None

    return find(model.model_fields[key].annotation)


def _child(context: _Context, key: str) -> _Context:
    if context.schemaless or key.startswith("x-"):
        return _Context(None, True)
    if context.model is None:
        return context
    if key not in _field_rank(context.model):
        return _Context(None, True)
    return _Context(_child_model(context.model, key), False)


def _ordered(collection: _Collection, context: _Context) -> list[_Item]:
    """A mapping's items in writing order (worked out once: writing moves comments)."""
    if collection.order is None:
        collection.order = _order(collection, context)
    return collection.order


def _order(collection: _Collection, context: _Context) -> list[_Item]:
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


def _suppressed(item: _Item) -> bool:
    return any(c.directive for c in item.head) or any(c.directive for c in item.eol)


def _first_line_suppressed(collection: _Collection) -> bool:
    """Whether a suppression comment covers the line of the mapping's first key."""
    if _suppressed(collection.items[0]):
        return True
    owner = collection.owner
    on_dash = owner.key is None and owner.parent is not None and not owner.parent.is_map
    return (on_dash or owner.parent is None) and _suppressed(owner)


def _dates_plain(context: _Context, key: str | None) -> bool:
    """Whether an ISO date under ``key`` is a date (written plain) rather than text."""
    if key is not None and _child(context, key).schemaless:
        return True
    return context.schemaless or (context.model, key) in _date_fields()


# -- scalars --------------------------------------------------------------------------

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Characters a plain or single-quoted scalar cannot hold: controls, YAML 1.1 line
# breaks (NEL, LS, PS), the byte-order mark, tabs, surrogates and non-characters.
_NEEDS_ESCAPE = re.compile("[\x00-\x08\x09\x0b-\x1f\x7f-\x84\x86-\x9f\x85\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_ESCAPES = {
    "\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
    "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P",
}
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}")
_YAML11_BOOL_EXTRA = frozenset({"y", "Y", "n", "N"})


@cache
def _yaml11_resolver() -> Any:
    import yaml

    return yaml.resolver.Resolver()


def _reads_as_text_in_yaml11(value: str) -> bool:
    import yaml

    if value in _YAML11_BOOL_EXTRA:
        return False
    tag = _yaml11_resolver().resolve(yaml.ScalarNode, value, (True, False))
    return tag == "tag:yaml.org,2002:str"


def _plain_ok(value: str, flow: bool, dates_plain: bool) -> bool:
    """Whether ``value`` can be written unquoted and still read back as this text."""
    if not value or value[0] in " \t" or value[-1] in " \t" or _NEEDS_ESCAPE.search(value) or "\n" in value:
        return False
    first = value[0]
    if first in _INDICATORS:
        # In flow context libyaml always reads a leading `?` or `:` as an indicator.
        if first not in "-?:" or (flow and first != "-") or len(value) == 1 or value[1] in " \t":
            return False
    if value.startswith(("---", "...")) or ": " in value or " #" in value or value.endswith(":"):
        return False
    if flow and any(c in _FLOW_INDICATORS for c in value):
        return False
    if not reads_as_text(value):
        return False
    if not _reads_as_text_in_yaml11(value):
        return bool(dates_plain and _ISO_DATE.fullmatch(value))
    return True


def _double_quoted(value: str) -> str:
    out = ['"']
    for ch in value:
        escaped = _ESCAPES.get(ch)
        if escaped is not None:
            out.append(escaped)
        elif _NEEDS_ESCAPE.match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _quoted(value: str) -> str:
    if '"' in value and "\n" not in value and not _NEEDS_ESCAPE.search(value):
        return "'" + value.replace("'", "''") + "'"
    return _double_quoted(value)


def _number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return repr(value)


def _scalar_text(value: Any, flow: bool = False, dates_plain: bool = False) -> str:
    """One-line representation of a scalar."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value if _plain_ok(value, flow, dates_plain) else _quoted(value)
    raise TypeError(f"cannot write a {type(value).__name__} as YAML: {value!r}")


def _literal(value: Any) -> tuple[str, list[str]] | None:
    """A literal block (``|`` / ``|-``) for multi-line text, when one can hold it exactly."""
    if not isinstance(value, str) or "\n" not in value or _NEEDS_ESCAPE.search(value.replace("\t", "")):
        return None
    if value.endswith("\n\n") or value[0] in " \t\n":
        return None
    if value.endswith("\n"):
        return "|", value[:-1].split("\n")
    return "|-", value.split("\n")


# -- comments -----------------------------------------------------------------------


@dataclass(slots=True)
class _Token:
    kind: str
    start: int
    end: int
    #: a scalar's style (``|``, ``>``, quotes or None for plain); None for other tokens
    style: str | None = None


def _tokens(text: str) -> list[_Token]:
    """The libyaml tokens of ``text`` that cover characters, in document order.

    Only what is needed is kept: libyaml's token objects, with their two marks each,
    would take several times the memory of the text on a large file.
    """
    from yaml.cyaml import CParser

    parser = CParser(text)
    found: list[_Token] = []
    append = found.append
    try:
        while True:
            token = parser.get_token()
            if token is None:
                break
            start, end = token.start_mark.index, token.end_mark.index
            if end > start:
                kind = type(token).__name__
                append(_Token(kind, start, end, token.style if kind == "ScalarToken" else None))
    finally:
        parser.dispose()
    found.sort(key=lambda t: t.start)
    return found


_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*[ \t]+(#[^\n]*)")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def _comments(text: str, tokens: list[_Token], starts: list[int]) -> list[tuple[int, _Comment]]:
    """Every comment as ``(index, comment)``: in the gaps between tokens, and on block
    scalar header lines (which libyaml counts as part of the scalar)."""
    found: list[tuple[int, _Comment]] = []

    def add(index: int, end: int) -> None:
        line = bisect.bisect_right(starts, index) - 1
        body = text[index:end].rstrip()
        above = text[starts[line - 1]:starts[line]] if line > 0 else "x"
        comment = _Comment(body, line, index - starts[line], not above.strip())
        if covers_a_line(body):
            below = "x"
            if line + 1 < len(starts) and starts[line + 1] < len(text):
                below = text[starts[line + 1]:starts[line + 2] if line + 2 < len(starts) else len(text)]
            comment.directive, comment.blank_after = True, not below.strip()
        found.append((index, comment))

    position = 0
    for token in [*tokens, _Token("end", len(text), len(text), None)]:
        gap_end = token.start
        index = text.find("#", position, gap_end)
        while index != -1:
            end = text.find("\n", index, gap_end)
            end = gap_end if end == -1 else end
            add(index, end)
            index = text.find("#", end, gap_end)
        if token.kind == "ScalarToken" and token.style in ("|", ">"):
            line_end = text.find("\n", token.start, token.end)
            header = text[token.start:line_end if line_end != -1 else token.end]
            match = _BLOCK_HEADER.match(header)
            if match:
                add(token.start + match.start(1), token.start + match.end(1))
        position = max(position, token.end)
    return found


# -- building the tree from source -----------------------------------------------------


class _Builder:
    """Turns libyaml nodes (plus the loaded data) into the tree, then attaches comments."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = _line_starts(text)
        self.elements: list[_Item] = []
        self.element_starts: list[int] = []
        self.block_items: list[_Item] = []
        self.scalar_at: dict[int, _Item] = {}
        self.key_at: dict[int, _Item] = {}
        self.key_ends: list[tuple[int, _Item]] = []
        self.flow_start_at: dict[int, _Collection] = {}
        self.flow_end_at: dict[int, _Collection] = {}
        self.flows: list[_Collection] = []
        self.key_end_index: list[int] = []
        self.flow_starts: list[int] = []
        #: suppression comment line → the line it covers (``_covered_lines``)
        self.covered: dict[int, int] = {}

    def column(self, index: int) -> int:
        return index - self.starts[bisect.bisect_right(self.starts, index) - 1]

    def add_element(self, item: _Item, start: int) -> None:
        item.start = start
        item.column = self.column(start)
        self.elements.append(item)

    def build(self, node: Any, data: Any, owner: _Item) -> _Scalar | _Collection:
        from yaml.nodes import MappingNode, ScalarNode

        if isinstance(node, ScalarNode):
            start, end = node.start_mark.index, node.end_mark.index
            if end > start:
                self.scalar_at[start] = owner
            return _Scalar(data, self.block_text(node) if node.style in ("|", ">") else None)
        collection = _Collection(isinstance(node, MappingNode), bool(node.flow_style), owner)
        collection.start, collection.end = node.start_mark.index, node.end_mark.index
        if collection.flow:
            self.flow_start_at[collection.start] = collection
            self.flow_end_at[collection.end] = collection
            self.flows.append(collection)
        if collection.is_map:
            for (key_node, value_node), (key, value) in zip(node.value, data.items()):
                item = _Item(key, collection)
                self.add_element(item, key_node.start_mark.index)
                self.key_at[key_node.start_mark.index] = item
                self.key_ends.append((key_node.end_mark.index, item))
                collection.items.append(item)
                item.value = self.build(value_node, value, item)
        else:
            for child_node, value in zip(node.value, data):
                item = _Item(None, collection)
                if collection.flow:
                    self.add_element(item, child_node.start_mark.index)
                else:
                    self.elements.append(item)  # start: its dash, paired later
                    self.block_items.append(item)
                collection.items.append(item)
                item.value = self.build(child_node, value, item)
        return collection

    def block_text(self, node: Any) -> tuple[str, list[str]] | None:
        """The author's block scalar, if it can be re-indented as is."""
        text = self.text
        line_end = text.find("\n", node.start_mark.index)
        if line_end == -1:
            return None
        header = re.match(r"[|>][0-9+-]*", text[node.start_mark.index:line_end]).group(0)
        if any(c.isdigit() for c in header) or "+" in header:
            return None  # explicit indentation or kept trailing lines: write it canonically
        first_line = node.start_mark.line + 1
        last_line = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)
        lines = [self.line(n) for n in range(first_line, last_line + 1)]
        content = [line for line in lines if line.strip()]
        if not content:
            return None
        indent = len(content[0]) - len(content[0].lstrip(" "))
        # Trailing empty lines are chomped; lines of spaces beyond the indentation are text.
        while lines and not lines[-1].strip() and len(lines[-1]) <= indent:
            lines.pop()
        out = []
        for line in lines:
            if line.strip():
                out.append(line[indent:])
            else:
                out.append(line[indent:] if len(line) > indent else "")
        return header, out

    def line(self, number: int) -> str:
        start = self.starts[number]
        end = self.starts[number + 1] - 1 if number + 1 < len(self.starts) else len(self.text)
        return self.text[start:end]

    def pair_dashes(self, tokens: list[_Token]) -> dict[int, _Item]:
        dashes = [t for t in tokens if t.kind == "BlockEntryToken"]
        if len(dashes) != len(self.block_items):
            raise FormatError("cannot match list items to their '-' markers", Position.start())
        by_dash: dict[int, _Item] = {}
        for token, item in zip(dashes, self.block_items):
            item.start = token.start
            item.column = self.column(token.start)
            by_dash[token.start] = item
        self.element_starts = [item.start for item in self.elements]
        return by_dash


def _compose(text: str) -> Any:
    """libyaml's node tree with tag resolution off (``load_yaml`` already resolved the data)."""
    from yaml.cyaml import CParser

    class Composer(CParser):
        def resolve(self, kind: type, value: Any, implicit: Any) -> str:
            return "?"

        def descend_resolver(self, *args: Any) -> None:
            return None

        def ascend_resolver(self, *args: Any) -> None:
            return None

    composer = Composer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


def _tree(text: str, data: Any) -> tuple[_Item, bool, Counter]:
    """The tree of ``text`` with every comment attached; also whether the file's
    leading comments are separated from the content by a blank line, and the comments."""
    tokens = _tokens(text)
    for token in tokens:
        if token.kind in ("AnchorToken", "AliasToken"):
            raise FormatError(
                "anchors and aliases (&name, *name) are not supported by fmt: write the values out",
                _position(text, token.start),
            )
    node = _compose(text)
    builder = _Builder(text)
    root = _Item(None, None)
    if node is not None:
        root.value = builder.build(node, data, root)
    del node  # libyaml's node tree, marks and all, is the largest thing held here
    by_dash = builder.pair_dashes(tokens)
    comments = _comments(text, tokens, builder.starts)
    builder.covered = _covered_lines(text, builder.starts, comments)
    token_starts = [t.start for t in tokens]
    builder.key_end_index = [end for end, _ in builder.key_ends]
    builder.flow_starts = [f.start for f in builder.flows]
    for index, comment in comments:
        _attach(builder, root, tokens, token_starts, by_dash, index, comment)
    gap = False
    if root.head and builder.elements:
        first_line = bisect.bisect_right(builder.starts, builder.elements[0].start) - 1
        gap = first_line > 0 and not builder.line(first_line - 1).strip()
    _settle_flow(root.value)
    return root, gap, Counter(c.text for _, c in comments)


def _covered_lines(text: str, starts: list[int], comments: list[tuple[int, _Comment]]) -> dict[int, int]:
    """For each suppression comment on a line of its own: the line it covers, the next one
    that is not a comment (as ``journeyctl.suppressions`` counts)."""
    alone = {c.line for index, c in comments if not text[starts[c.line]:index].strip()}
    following: dict[int, int] = {}
    for line in sorted(alone, reverse=True):
        following[line] = following.get(line + 1, line + 1)
    return {c.line: following[c.line] for _, c in comments if c.directive and c.line in alone}


def _position(text: str, index: int) -> Position:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Position(line, column, line, column)


def _attach(
    builder: _Builder, root: _Item, tokens: list[_Token], token_starts: list[int],
    by_dash: dict[int, _Item], index: int, comment: _Comment,
) -> None:
    text = builder.text
    line_start = builder.starts[comment.line]
    inline = bool(text[line_start:index].strip())
    if inline:
        position = bisect.bisect_left(token_starts, index) - 1
        while position >= 0 and tokens[position].start >= index:
            position -= 1
        target = _inline_target(builder, root, tokens, position, by_dash)
        if isinstance(target, _Collection):
            target.end_eol.append(comment)
            return
        if target is not None:
            kind, item = target
            (item.eol if kind == "eol" else item.head).append(comment)
            return
    _attach_line(builder, root, index, comment)


def _inline_target(
    builder: _Builder, root: _Item, tokens: list[_Token], position: int, by_dash: dict[int, _Item]
) -> tuple[str, _Item] | _Collection | None:
    """Where a comment after token ``position`` on the same line belongs: an item's head
    or end of line, or the end of a flow collection."""
    while position >= 0:
        token = tokens[position]
        kind = token.kind
        if kind == "ScalarToken":
            item = builder.scalar_at.get(token.start) or builder.key_at.get(token.start)
            return ("eol", item) if item is not None else None
        if kind in ("FlowSequenceEndToken", "FlowMappingEndToken"):
            return builder.flow_end_at.get(token.end)
        if kind == "ValueToken":
            at = bisect.bisect_right(builder.key_end_index, token.start) - 1
            return ("eol", builder.key_ends[at][1]) if at >= 0 else None
        if kind == "BlockEntryToken":
            item = by_dash.get(token.start)
            return ("eol", item) if item is not None else None
        if kind == "FlowEntryToken":
            position -= 1
            continue
        if kind in ("FlowSequenceStartToken", "FlowMappingStartToken"):
            collection = builder.flow_start_at.get(token.start)
            if collection is None:
                return None
            if collection.items:
                return "head", collection.items[0]
            return "eol", collection.owner
        if kind in ("DocumentStartToken", "DirectiveToken"):
            return "head", root
        return None
    return "head", root


def _is_within(item: _Item, collection: _Collection) -> bool:
    parent = item.parent
    while parent is not None:
        if parent is collection:
            return True
        parent = parent.owner.parent
    return False


def _attach_line(builder: _Builder, root: _Item, index: int, comment: _Comment) -> None:
    """A comment on a line of its own: above the next element, or at the end of the
    collection it is indented into."""
    starts = builder.element_starts
    at = bisect.bisect_left(starts, index)
    after = builder.elements[at] if at < len(starts) else None
    before = builder.elements[at - 1] if at > 0 else None
    if before is None:
        root.head.append(comment)
        return
    flow = _enclosing_flow(builder, index)
    if flow is None and after is not None and comment.line in builder.covered:
        # A suppression comment belongs to the element it covers, however it is indented.
        if builder.covered[comment.line] == bisect.bisect_right(builder.starts, after.start) - 1:
            after.head.append(comment)
            return
    if flow is not None:
        if after is not None and _is_within(after, flow):
            after.head.append(comment)
        else:
            flow.foot.append(comment)
        return
    if after is not None and comment.column <= after.column:
        after.head.append(comment)
        return
    collection = before.parent
    while collection is not None:
        if not collection.flow and collection.items and collection.items[0].column <= comment.column:
            if after is None or not _is_within(after, collection):
                collection.foot.append(comment)
                return
            break
        collection = collection.owner.parent
    if after is not None:
        after.head.append(comment)
    elif isinstance(root.value, _Collection):
        root.value.foot.append(comment)
    else:
        root.eol.append(comment)


def _enclosing_flow(builder: _Builder, index: int) -> _Collection | None:
    flows = builder.flows
    at = bisect.bisect_right(builder.flow_starts, index) - 1
    if at < 0:
        return None
    candidate: _Collection | None = flows[at]
    while candidate is not None:
        if candidate.flow and candidate.start < index < candidate.end:
            return candidate
        parent = candidate.owner.parent
        candidate = parent if parent is not None and parent.flow else None
    return None


def _has_comments(collection: _Collection) -> bool:
    if collection.foot:
        return True
    for item in collection.items:
        if item.head or item.eol:
            return True
        if isinstance(item.value, _Collection) and (item.value.end_eol or _has_comments(item.value)):
            return True
    return False


def _settle_flow(value: Any) -> None:
    """Flow collections holding comments become block ones; empty ones stay flow."""
    if not isinstance(value, _Collection):
        return
    if value.flow and value.items and _has_comments(value):
        value.flow = False
        # The comment after the closing bracket stays on the line of the last item, the
        # line it was on (and the one a suppression comment there covers).
        last = value.items[-1]
        while isinstance(last.value, _Collection) and last.value.flow and last.value.items and _has_comments(last.value):
            last = last.value.items[-1]
        last.eol.extend(value.end_eol)
    else:
        value.owner.eol.extend(value.end_eol)
    value.end_eol = []
    if not value.items and value.foot:
        value.owner.eol.extend(value.foot)
        value.foot = []
    for item in value.items:
        _settle_flow(item.value)


# -- building the tree from data --------------------------------------------------------


def _from_data(data: Any, owner: _Item) -> _Scalar | _Collection:
    if isinstance(data, dict):
        collection = _Collection(True, None, owner)
        for key, value in data.items():
            if not isinstance(key, str):
                raise TypeError(f"mapping keys must be text, not {key!r}")
            item = _Item(key, collection)
            item.value = _from_data(value, item)
            collection.items.append(item)
        return collection
    if isinstance(data, (list, tuple)):
        collection = _Collection(False, None, owner)
        for value in data:
            item = _Item(None, collection)
            item.value = _from_data(value, item)
            collection.items.append(item)
        return collection
    return _Scalar(data)


# -- writing ----------------------------------------------------------------------------


def _with_comment(line: str, comments: list[_Comment]) -> str:
    if not comments:
        return line
    comment = comments[0]
    pad = max(comment.column - len(line), COMMENT_GAP)
    return f"{line}{' ' * pad}{comment.text}"


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def comments(self, comments: list[_Comment], indent: int) -> None:
        for i, comment in enumerate(comments):
            if i and comment.blank_before:
                self.blank()
            self.lines.append(" " * indent + comment.text)
        if comments and comments[-1].directive and comments[-1].blank_after:
            # A suppression comment followed by a blank line covers nothing; kept so, it
            # neither starts hiding the element below nor is reported unused for less.
            self.blank()

    def head(self, item: _Item, indent: int) -> None:
        # Extra end-of-line comments (only possible when a flow collection was split)
        # go above the element, where a second run finds them again.
        self.comments(item.eol[1:] + item.head, indent)

    def document(self, root: _Item, context: _Context, gap: bool) -> str:
        self.comments(root.head, 0)
        value = root.value
        if isinstance(value, _Collection) and value.items and not self.flow(value, 0, context):
            if root.head and gap:
                self.blank()
            if value.is_map:
                self.mapping(value, 0, context, top=True)
            else:
                self.sequence(value, 0, context)
            foot = value.foot
        else:
            if value is not None:
                self.value_line("", root, 0, context, None)
            foot = []
        if foot:
            if foot[0].blank_before:
                self.blank()
            self.comments(foot, 0)
        return "\n".join(self.lines) + "\n" if self.lines else ""

    def flow(self, collection: _Collection, prefix: int, context: _Context) -> bool:
        """Whether ``collection`` is written in flow style after ``prefix`` columns.

        For data without a style (``dump_map``) the decision is taken once and kept.
        """
        if not collection.items:
            return True
        if collection.flow is None:
            collection.flow = (
                all(isinstance(i.value, _Scalar) and not (isinstance(i.value.value, str) and "\n" in i.value.value)
                    for i in collection.items)
                and not (collection.is_map and collection.owner.key is None)
                and prefix + len(self.flow_text(collection, context)) <= FLOW_WIDTH
            )
        return collection.flow

    def flow_text(self, collection: _Collection, context: _Context) -> str:
        parts = []
        items = _ordered(collection, context) if collection.is_map else collection.items
        for item in items:
            child = _child(context, item.key) if collection.is_map else context
            value = item.value
            if isinstance(value, _Collection):
                text = self.flow_text(value, child)
            else:
                text = _scalar_text(value.value, flow=True, dates_plain=_dates_plain(context, item.key))
            if collection.is_map:
                text = f"{_scalar_text(item.key, flow=True)}: {text}"
            parts.append(text)
        inner = ", ".join(parts)
        return f"{{{inner}}}" if collection.is_map else f"[{inner}]"

    def section(self, item: _Item, context: _Context) -> bool:
        """A top-level entry holding a block collection."""
        value = item.value
        return isinstance(value, _Collection) and bool(value.items) and not self.flow(
            value, len(_scalar_text(item.key)) + 2, _child(context, item.key)
        )

    def mapping(self, collection: _Collection, indent: int, context: _Context, top: bool = False) -> None:
        items = _ordered(collection, context)
        for i, item in enumerate(items):
            if top and i and (self.section(items[i - 1], context) or self.section(item, context)):
                self.blank()
            self.head(item, indent)
            child = _child(context, item.key)
            prefix = f"{' ' * indent}{_scalar_text(item.key)}:"
            value = item.value
            if isinstance(value, _Collection) and value.items and not self.flow(value, len(prefix) + 1, child):
                self.lines.append(_with_comment(prefix, item.eol))
                if value.is_map:
                    self.mapping(value, indent + INDENT, child)
                else:
                    touchpoints = top and item.key == "touchpoints" and _is_journey(context)
                    self.sequence(value, indent + INDENT, child, blank_between=touchpoints)
                self.comments(value.foot, indent + INDENT)
            else:
                self.value_line(prefix + " ", item, indent, child, item.key, context)

    def value_line(
        self, prefix: str, item: _Item, indent: int, context: _Context, key: str | None,
        parent_context: _Context | None = None,
    ) -> None:
        """``prefix`` followed by a scalar or a flow collection (or a block scalar)."""
        value = item.value
        if isinstance(value, _Collection):
            self.lines.append(_with_comment(prefix + self.flow_text(value, context), item.eol))
            return
        block = value.block or _literal(value.value)
        if block is not None:
            header, content = block
            self.lines.append(_with_comment(prefix + header, item.eol))
            pad = " " * (indent + INDENT)
            self.lines.extend(pad + line if line else "" for line in content)
            return
        dates = _dates_plain(parent_context or context, key)
        self.lines.append(_with_comment(prefix + _scalar_text(value.value, dates_plain=dates), item.eol))

    def sequence(self, collection: _Collection, indent: int, context: _Context, blank_between: bool = False) -> None:
        dash = " " * indent + "-"
        for i, item in enumerate(collection.items):
            if blank_between and i:
                self.blank()
            value = item.value
            if isinstance(value, _Collection) and value.items and not self.flow(value, indent + 2, context):
                hoisted = [] if item.eol else _hoist(value, context)
                self.head(item, indent)
                self.comments(hoisted, indent)
                if item.eol:
                    self.lines.append(_with_comment(dash, item.eol))
                    self.block(value, indent + INDENT, context)
                else:
                    first = len(self.lines)
                    self.block(value, indent + INDENT, context)
                    self.lines[first] = dash + " " + self.lines[first][indent + INDENT:]
            else:
                self.head(item, indent)
                self.value_line(dash + " ", item, indent, context, None)

    def block(self, collection: _Collection, indent: int, context: _Context) -> None:
        if collection.is_map:
            self.mapping(collection, indent, context)
        else:
            self.sequence(collection, indent, context)
        self.comments(collection.foot, indent)


def _is_journey(context: _Context) -> bool:
    return context.model is not None and context.model.__name__ == "Journey"


def _hoist(collection: _Collection, context: _Context) -> list[_Comment]:
    """Comments above the first element of a list item move above the item's dash, so
    the element can share the dash's line."""
    hoisted: list[_Comment] = []
    while collection.items:
        first = _ordered(collection, context)[0] if collection.is_map else collection.items[0]
        hoisted.extend(first.eol[1:] + first.head)
        first.head = []
        del first.eol[1:]
        value = first.value
        if collection.is_map or first.eol or not isinstance(value, _Collection) or not value.items or value.flow:
            break
        collection = value
    return hoisted


# -- checking ---------------------------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    """Equal data with equal types (``1`` is not ``1.0`` is not ``true``); NaN equals NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def _first_difference(a: Any, b: Any, path: tuple = ()) -> tuple:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a:
            if key not in b or not _same(a[key], b[key]):
                return _first_difference(a[key], b.get(key), (*path, key)) if key in b else (*path, key)
        return path
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            if not _same(x, y):
                return _first_difference(x, y, (*path, i))
    return path


def _show_path(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the top level"


def _comment_texts(text: str) -> Counter:
    """The comments of ``text`` that ``fmt`` wrote. The lint's line scanner finds them at
    a fraction of the cost of libyaml's tokens, and can be trusted here: text that could
    mislead it (a ``#`` in a multi-line quoted scalar) is never written, and a comment
    that became part of a value would already have changed the data."""
    from journeyctl.suppressions import comments_in

    return Counter(c.text for c in comments_in(text.split("\n")))


def _check(original: Any, source: Any, comments: Counter, after: str) -> None:
    try:
        reloaded = load_yaml(after).data
    except YamlError as exc:
        raise FormatError(f"formatting produced invalid YAML ({exc.message}); the file is left unchanged", Position.start()) from None
    if not _same(original, reloaded):
        path = _first_difference(original, reloaded)
        position = source.value(path) if source is not None else Position.start()
        raise FormatError(
            f"formatting would change the value at {_show_path(path)}; the file is left unchanged", position
        )
    lost = comments - _comment_texts(after)
    if lost:
        comment = sorted(lost)[0]
        raise FormatError(f"formatting would lose the comment {comment!r}; the file is left unchanged", Position.start())


# -- public API ---------------------------------------------------------------------------


def format_text(text: str) -> str:
    """Format journeyctl YAML ``text`` canonically, keeping every comment.

    Raises :class:`FormatError` when the text does not parse, uses anchors or aliases,
    or (a safeguard) when the result would not hold exactly the same data and comments.
    """
    try:
        loaded = load_yaml(text)
    except YamlError as exc:
        raise FormatError(exc.message, exc.position) from None
    return _format(text, loaded)[0]


def _format(text: str, loaded: Any) -> tuple[str, bool]:
    """``format_text`` of ``text`` already loaded as ``loaded``; also whether the text
    holds a suppression comment that covers a line."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    # As in load_yaml: cyclic garbage collection passes over the growing trees would
    # make large files several times slower, and nothing here builds cycles worth collecting.
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            root, gap, comments = _tree(normalised, loaded.data)
        except FormatError:
            raise
        except Exception as exc:  # noqa: BLE001 - libyaml disagreeing with load_yaml: report, never crash
            raise FormatError(f"cannot format this file: {exc}", Position.start()) from None
        result = _Writer().document(root, _root_context(loaded.data), gap)
        del root
        _check(loaded.data, loaded.source, comments, result)
    finally:
        if collecting:
            gc.enable()
    return result, any(covers_a_line(comment) for comment in comments)


def dump_map(data: dict) -> str:
    """Journey (or catalog) data made of dicts, lists and scalars → canonical YAML text.

    The layout is exactly the one ``format_text`` produces, so ``format_text`` leaves the
    result unchanged. Lists of scalars, and mappings of scalars under a key, are written
    in flow style when the line fits in :data:`FLOW_WIDTH` columns. ``datetime.date``
    values are written as ISO dates.

    Raises ``TypeError`` for values that are not plain data.
    """
    root = _Item(None, None)
    root.value = _from_data(data, root)
    context = _root_context(data) if isinstance(data, dict) else _Context(None, True)
    if isinstance(data, dict) and context.model is None:
        from journeyctl.model import Catalog, Journey

        context = _Context(Catalog if data.get("kind") == "catalog" else Journey, False)
    text = _Writer().document(root, context, False)
    expected = _plain(data)
    if not _same(expected, load_yaml(text).data):
        path = _first_difference(expected, load_yaml(text).data)
        raise TypeError(f"cannot write the value at {_show_path(path)} so that it reads back the same")
    return text


def _plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_plain(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


# -- files --------------------------------------------------------------------------------


@dataclass(slots=True)
class FileResult:
    """What formatting one file found: its formatted text, or why it was left alone."""

    path: str
    location: Path
    original: str = ""
    formatted: str | None = None
    error: str | None = None
    #: the file's bytes differ from the formatted text (layout, line endings, encoding)
    changed: bool = False
    #: the file as read: (device, inode, size, modification time) and a digest of its bytes
    stamp: tuple[int, int, int, int] | None = None
    digest: bytes = b""
    #: the file holds a suppression comment that covers a line (``ignore[...]``)
    suppressions: bool = False


def format_file(location: Path, display: str, *, explicit: bool = True, max_size: int | None = None) -> FileResult | None:
    """Format one file in memory. ``None`` when the file was found by walking a folder
    and is not a journeyctl file (other YAML files are skipped silently)."""
    from journeyctl.config import DEFAULT_MAX_FILE_SIZE
    from journeyctl.files import FileTooLarge, read_limited
    from journeyctl.recognise import meant_for_journeyctl, opening_text, readable_text

    result = FileResult(display, location)
    limit = DEFAULT_MAX_FILE_SIZE if max_size is None else max_size
    try:
        # Taken before reading: any edit from here on changes it, and ``write`` refuses.
        result.stamp = _stamp(os.stat(location))
        raw = read_limited(location, limit)
    except FileTooLarge as exc:
        if not explicit and not meant_for_journeyctl(opening_text(location)):
            return None
        result.error = f"{display}:1:1: {exc}"
        return result
    except OSError as exc:
        if not explicit:
            return None
        result.error = f"{display}:1:1: cannot read: {exc.strerror}"
        return result
    try:
        text = decode(raw)
        result.original = text
        loaded = load_yaml(text)
        data = loaded.data
    except YamlError as exc:
        if not explicit and not meant_for_journeyctl(readable_text(raw)):
            return None
        result.error = f"{display}:{exc.position.line}:{exc.position.column}: {exc.message}"
        return result
    if not (isinstance(data, dict) and "journeyctl" in data):
        if not explicit:
            return None
        result.error = f"{display}:1:1: not a journeyctl file: the top level has no 'journeyctl: 1' key"
        return result
    try:
        result.formatted, result.suppressions = _format(text, loaded)
    except FormatError as exc:
        result.error = f"{display}:{exc.position.line}:{exc.position.column}: {exc.message}"
        return result
    result.changed = result.formatted.encode("utf-8") != raw
    result.digest = hashlib.sha256(raw).digest()
    return result


def _stamp(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def format_paths(paths: Iterable[str], config: Any, cwd: Path | None = None) -> list[FileResult]:
    """Format the journeyctl files under ``paths`` (default: the workspace) in memory.

    Raises :class:`journeyctl.workspace.UsageError` for a path that does not exist, and for
    a folder given (or configured) that holds no journeyctl file.
    """
    from journeyctl.files import UnsafePathError, is_link_loop, present, real_path, safe_target
    from journeyctl.workspace import UsageError
    from journeyctl.workspace.discovery import discover, display_path, no_journeyctl_files

    cwd = (cwd or Path.cwd()).resolve()
    root = config.root.resolve()
    requested = list(paths) or [str(root / p) for p in config.paths]
    required = bool(requested)
    requested = requested or [str(cwd)]
    results: list[FileResult] = []
    seen: set[Path] = set()
    for given in requested:
        location = real_path(cwd / given)
        if not present(location):
            raise UsageError(f"{given}: no such file or directory")
        found = [(p, False) for p in discover(location, config.exclude, root)] if location.is_dir() else [(location, True)]
        before = len(results)
        for path, explicit in found:
            if is_link_loop(path):  # never a file, so a mistake whatever it was meant for
                explicit = True
            elif not explicit:
                # A map named on the command line is formatted wherever its link leads; one
                # found in a folder only while it stays inside that folder.
                try:
                    path = safe_target(location, path.relative_to(location))
                except UnsafePathError as exc:
                    display = display_path(path, cwd)
                    results.append(FileResult(display, path, error=f"{display}:1:1: {exc.strerror}; not formatted"))
                    continue
            if path in seen:
                continue
            seen.add(path)
            result = format_file(path, display_path(path, cwd), explicit=explicit, max_size=config.max_file_size)
            if result is not None:
                results.append(result)
        earlier = results[:before]
        if required and location.is_dir() and len(results) == before and \
                not any(r.location.is_relative_to(location) for r in earlier):
            raise UsageError(no_journeyctl_files(given))
    # Only a suppression comment can make lint judge the formatted file differently.
    _check_findings([r for r in results if r.changed and r.formatted is not None and r.suppressions], config, cwd)
    return results


def _check_findings(results: list[FileResult], config: Any, cwd: Path) -> None:
    """Refuse (``error`` set, nothing to write) every result that lint would judge
    differently from the file as it is: the data is the same, so only a suppression
    comment that now covers another line could make the difference.

    Raises :class:`~journeyctl.config.ConfigError` for a bad rule configuration.
    """
    if not results:
        return
    import dataclasses

    from journeyctl.linter import active_rules, default_today, lint_file
    from journeyctl.selection import ignored_for
    from journeyctl.document import SourceFile
    from journeyctl.workspace import load_workspace
    from journeyctl.workspace.discovery import display_path

    rules = active_rules(config)
    today = default_today()
    root = config.root.resolve()
    workspace = load_workspace([str(r.location) for r in results], config, cwd)
    targets = {file.location: file for file in workspace.targets}
    docs = {id(doc.file): doc for doc in workspace.docs()}
    for result in results:
        file = targets.get(result.location)
        if file is None or file.loaded is None or file.text != result.original:
            result.formatted, result.error = None, f"{result.path}:1:1: the file changed while fmt was running; not formatted"
            continue
        if not file.ok:
            continue  # validation findings only, and they follow the data, which is unchanged
        off = ignored_for(display_path(file.location, root), config)
        file_rules = [r for r in rules if r.code not in off]
        doc = docs.get(id(file))
        before = lint_file(file, doc, file_rules, today, config.max_findings)
        formatted = SourceFile(file.path, file.location, file.kind, load_yaml(result.formatted), file.model)
        after = lint_file(
            formatted, dataclasses.replace(doc, file=formatted) if doc is not None else None,
            file_rules, today, config.max_findings,
        )
        lost, gained = _changed_findings(before, after)
        if lost or gained:
            # An unused suppression is only the echo of a finding that moved: name the finding.
            finding = min(lost + gained, key=lambda f: f.code == "JM005")
            what = "no longer report" if finding in lost else "newly report"
            position = finding.position if finding in lost else _where_suppressed(finding, doc, file_rules, today)
            result.formatted = None
            result.error = (
                f"{result.path}:{position.line}:{position.column}: formatting would move a suppression comment: "
                f"lint would {what} {finding.code} {finding.rule} ({finding.message}); the file is left unchanged"
            )


def _where_suppressed(finding: Any, doc: Any, rules: list, today: dt.date) -> Position:
    """Where a finding that formatting would reveal is in the file as it is (where its
    suppression comment hides it)."""
    from journeyctl.linter import lint_doc

    if doc is not None:
        for hidden in lint_doc(doc, [r for r in rules if r.code == finding.code], today):
            if (hidden.element, hidden.message) == (finding.element, finding.message):
                return hidden.position
    return Position.start()


_LINE_NUMBER = re.compile(r"\bon line \d+\b")


def _changed_findings(before: list, after: list) -> tuple[list, list]:
    """The findings only ``before`` has, and those only ``after`` has, compared without
    their positions (code, element and message; an unused suppression's message names
    its line, which is left out too)."""

    def key(finding: Any) -> tuple:
        message = finding.message
        if finding.code == "JM005":
            message = _LINE_NUMBER.sub("on its line", message)
        return finding.code, finding.element, message

    remaining = Counter(key(f) for f in after)
    lost = []
    for finding in sorted(before, key=lambda f: f.sort_key()):
        if remaining[key(finding)] > 0:
            remaining[key(finding)] -= 1
        else:
            lost.append(finding)
    spare = Counter(key(f) for f in before)
    gained = []
    for finding in sorted(after, key=lambda f: f.sort_key()):
        if spare[key(finding)] > 0:
            spare[key(finding)] -= 1
        else:
            gained.append(finding)
    return lost, gained


def write(result: FileResult) -> None:
    """Write a changed file atomically (temporary file + rename, permissions kept).

    Refused with :class:`~journeyctl.files.UnsafePathError` (an ``OSError``) when the file
    is read-only, has other hard links (the rename would leave them holding the old
    text), or changed after it was read: an edit made while ``fmt`` ran is never lost.
    """
    from journeyctl.files import UnsafePathError, read_limited, write_atomic

    if result.formatted is None or not result.changed:
        return
    location = result.location
    info = os.stat(location)
    if not info.st_mode & 0o222 or not os.access(location, os.W_OK):
        raise UnsafePathError("the file is read-only", location)
    if info.st_nlink > 1:
        raise UnsafePathError(
            f"the file has {info.st_nlink} hard links, which replacing it would break", location
        )

    def unchanged() -> None:
        now = os.stat(location)
        if _stamp(now) == result.stamp:
            try:
                same = hashlib.sha256(read_limited(location, now.st_size)).digest() == result.digest
            except OSError:
                same = False
            if same:
                return
        raise UnsafePathError("the file changed while fmt was running", location)

    write_atomic(location, result.formatted, before_replace=unchanged)


def unified_diff(result: FileResult) -> str:
    """A unified diff from the file as it is to the file as ``fmt`` would write it."""
    if result.formatted is None:
        return ""
    before = result.original.replace("\r\n", "\n").replace("\r", "\n").splitlines(keepends=True)
    after = result.formatted.splitlines(keepends=True)
    lines = list(difflib.unified_diff(before, after, f"a/{result.path}", f"b/{result.path}"))
    if not lines and result.changed:
        return f"--- a/{result.path}\n+++ b/{result.path}\n(line endings or encoding only)\n"
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def iter_changed(results: Iterable[FileResult]) -> Iterator[FileResult]:
    """The results whose file ``fmt`` would rewrite."""
    return (r for r in results if r.changed and r.formatted is not None)
