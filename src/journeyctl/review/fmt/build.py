"""The tree of a source text: libyaml's nodes turned into elements, then every comment
attached to the element it describes (or to the end of its collection)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Any

from journeyctl.loading.yamlload import compose
from journeyctl.model.findings import Position
from journeyctl.review.fmt.comments import Token, covered_lines, find_comments, line_starts, scan_tokens
from journeyctl.review.fmt.tree import Collection, Comment, FormatError, Item, Scalar


class _Builder:
    """Turns libyaml nodes (plus the loaded data) into the tree, then attaches comments."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)
        self.elements: list[Item] = []
        self.element_starts: list[int] = []
        self.block_items: list[Item] = []
        self.scalar_at: dict[int, Item] = {}
        self.key_at: dict[int, Item] = {}
        self.key_ends: list[tuple[int, Item]] = []
        self.flow_start_at: dict[int, Collection] = {}
        self.flow_end_at: dict[int, Collection] = {}
        self.flows: list[Collection] = []
        self.key_end_index: list[int] = []
        self.flow_starts: list[int] = []
        #: suppression comment line → the line it covers (``covered_lines``)
        self.covered: dict[int, int] = {}

    def column(self, index: int) -> int:
        return index - self.starts[bisect.bisect_right(self.starts, index) - 1]

    def add_element(self, item: Item, start: int) -> None:
        item.start = start
        item.column = self.column(start)
        self.elements.append(item)

    def build(self, node: Any, data: Any, owner: Item) -> Scalar | Collection:
        from yaml.nodes import MappingNode, ScalarNode

        if isinstance(node, ScalarNode):
            start, end = node.start_mark.index, node.end_mark.index
            if end > start:
                self.scalar_at[start] = owner
            return Scalar(data, self.block_text(node) if node.style in ("|", ">") else None)
        collection = Collection(isinstance(node, MappingNode), bool(node.flow_style), owner)
        collection.start, collection.end = node.start_mark.index, node.end_mark.index
        if collection.flow:
            self.flow_start_at[collection.start] = collection
            self.flow_end_at[collection.end] = collection
            self.flows.append(collection)
        if collection.is_map:
            for (key_node, value_node), (key, value) in zip(node.value, data.items()):
                item = Item(key, collection)
                self.add_element(item, key_node.start_mark.index)
                self.key_at[key_node.start_mark.index] = item
                self.key_ends.append((key_node.end_mark.index, item))
                collection.items.append(item)
                item.value = self.build(value_node, value, item)
        else:
            for child_node, value in zip(node.value, data):
                item = Item(None, collection)
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

    def pair_dashes(self, tokens: list[Token]) -> dict[int, Item]:
        dashes = [t for t in tokens if t.kind == "BlockEntryToken"]
        if len(dashes) != len(self.block_items):
            raise FormatError("cannot match list items to their '-' markers", Position.start())
        by_dash: dict[int, Item] = {}
        for token, item in zip(dashes, self.block_items):
            item.start = token.start
            item.column = self.column(token.start)
            by_dash[token.start] = item
        self.element_starts = [item.start for item in self.elements]
        return by_dash


def tree_of_text(text: str, data: Any) -> tuple[Item, bool, Counter]:
    """The tree of ``text`` with every comment attached; also whether the file's
    leading comments are separated from the content by a blank line, and the comments."""
    tokens = scan_tokens(text)
    for token in tokens:
        if token.kind in ("AnchorToken", "AliasToken"):
            raise FormatError(
                "anchors and aliases (&name, *name) are not supported by fmt: write the values out",
                _position(text, token.start),
            )
    node = compose(text)
    builder = _Builder(text)
    root = Item(None, None)
    if node is not None:
        root.value = builder.build(node, data, root)
    del node  # libyaml's node tree, marks and all, is the largest thing held here
    by_dash = builder.pair_dashes(tokens)
    comments = find_comments(text, tokens, builder.starts)
    builder.covered = covered_lines(text, builder.starts, comments)
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


def _position(text: str, index: int) -> Position:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Position(line, column, line, column)


def _attach(
    builder: _Builder, root: Item, tokens: list[Token], token_starts: list[int],
    by_dash: dict[int, Item], index: int, comment: Comment,
) -> None:
    text = builder.text
    line_start = builder.starts[comment.line]
    inline = bool(text[line_start:index].strip())
    if inline:
        position = bisect.bisect_left(token_starts, index) - 1
        while position >= 0 and tokens[position].start >= index:
            position -= 1
        target = _inline_target(builder, root, tokens, position, by_dash)
        if isinstance(target, Collection):
            target.end_eol.append(comment)
            return
        if target is not None:
            kind, item = target
            (item.eol if kind == "eol" else item.head).append(comment)
            return
    _attach_line(builder, root, index, comment)


def _inline_target(
    builder: _Builder, root: Item, tokens: list[Token], position: int, by_dash: dict[int, Item]
) -> tuple[str, Item] | Collection | None:
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


def _is_within(item: Item, collection: Collection) -> bool:
    parent = item.parent
    while parent is not None:
        if parent is collection:
            return True
        parent = parent.owner.parent
    return False


def _attach_line(builder: _Builder, root: Item, index: int, comment: Comment) -> None:
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
    elif isinstance(root.value, Collection):
        root.value.foot.append(comment)
    else:
        root.eol.append(comment)


def _enclosing_flow(builder: _Builder, index: int) -> Collection | None:
    flows = builder.flows
    at = bisect.bisect_right(builder.flow_starts, index) - 1
    if at < 0:
        return None
    candidate: Collection | None = flows[at]
    while candidate is not None:
        if candidate.flow and candidate.start < index < candidate.end:
            return candidate
        parent = candidate.owner.parent
        candidate = parent if parent is not None and parent.flow else None
    return None


def _has_comments(collection: Collection) -> bool:
    if collection.foot:
        return True
    for item in collection.items:
        if item.head or item.eol:
            return True
        if isinstance(item.value, Collection) and (item.value.end_eol or _has_comments(item.value)):
            return True
    return False


def _settle_flow(value: Any) -> None:
    """Flow collections holding comments become block ones; empty ones stay flow."""
    if not isinstance(value, Collection):
        return
    if value.flow and value.items and _has_comments(value):
        value.flow = False
        # The comment after the closing bracket stays on the line of the last item, the
        # line it was on (and the one a suppression comment there covers).
        last = value.items[-1]
        while isinstance(last.value, Collection) and last.value.flow and last.value.items and _has_comments(last.value):
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
