"""Writing the tree as text in the canonical layout (indentation, blank lines, flow or
block style, comments in place)."""

from __future__ import annotations

from journeyctl.review.fmt.fields import Context, child_context, dates_are_plain, in_writing_order
from journeyctl.review.fmt.quoting import literal_block, scalar_text
from journeyctl.review.fmt.tree import Collection, Comment, Item, Scalar

#: Indentation step.
INDENT = 2
#: ``dump_map`` writes a list of scalars (or a mapping of scalars) in flow style when the
#: whole line fits in this many columns.
FLOW_WIDTH = 80
#: An end-of-line comment is at least this many spaces after the content.
COMMENT_GAP = 2


def _with_comment(line: str, comments: list[Comment]) -> str:
    if not comments:
        return line
    comment = comments[0]
    pad = max(comment.column - len(line), COMMENT_GAP)
    return f"{line}{' ' * pad}{comment.text}"


class _Writer:
    """Collects the lines of the text while walking the tree."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def comments(self, comments: list[Comment], indent: int) -> None:
        for i, comment in enumerate(comments):
            if i and comment.blank_before:
                self.blank()
            self.lines.append(" " * indent + comment.text)
        if comments and comments[-1].directive and comments[-1].blank_after:
            # A suppression comment followed by a blank line covers nothing; kept so, it
            # neither starts hiding the element below nor is reported unused for less.
            self.blank()

    def head(self, item: Item, indent: int) -> None:
        # Extra end-of-line comments (only possible when a flow collection was split)
        # go above the element, where a second run finds them again.
        self.comments(item.eol[1:] + item.head, indent)

    def document(self, root: Item, context: Context, gap: bool) -> str:
        self.comments(root.head, 0)
        value = root.value
        if isinstance(value, Collection) and value.items and not self.flow(value, 0, context):
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

    def flow(self, collection: Collection, prefix: int, context: Context) -> bool:
        """Whether ``collection`` is written in flow style after ``prefix`` columns.

        For data without a style (``dump_map``) the decision is taken once and kept.
        """
        if not collection.items:
            return True
        if collection.flow is None:
            collection.flow = (
                all(isinstance(i.value, Scalar) and not (isinstance(i.value.value, str) and "\n" in i.value.value)
                    for i in collection.items)
                and not (collection.is_map and collection.owner.key is None)
                and prefix + len(self.flow_text(collection, context)) <= FLOW_WIDTH
            )
        return collection.flow

    def flow_text(self, collection: Collection, context: Context) -> str:
        parts = []
        items = in_writing_order(collection, context) if collection.is_map else collection.items
        for item in items:
            child = child_context(context, item.key) if collection.is_map else context
            value = item.value
            if isinstance(value, Collection):
                text = self.flow_text(value, child)
            else:
                text = scalar_text(value.value, flow=True, dates_plain=dates_are_plain(context, item.key))
            if collection.is_map:
                text = f"{scalar_text(item.key, flow=True)}: {text}"
            parts.append(text)
        inner = ", ".join(parts)
        return f"{{{inner}}}" if collection.is_map else f"[{inner}]"

    def section(self, item: Item, context: Context) -> bool:
        """A top-level entry holding a block collection."""
        value = item.value
        return isinstance(value, Collection) and bool(value.items) and not self.flow(
            value, len(scalar_text(item.key)) + 2, child_context(context, item.key)
        )

    def mapping(self, collection: Collection, indent: int, context: Context, top: bool = False) -> None:
        items = in_writing_order(collection, context)
        for i, item in enumerate(items):
            if top and i and (self.section(items[i - 1], context) or self.section(item, context)):
                self.blank()
            self.head(item, indent)
            child = child_context(context, item.key)
            prefix = f"{' ' * indent}{scalar_text(item.key)}:"
            value = item.value
            if isinstance(value, Collection) and value.items and not self.flow(value, len(prefix) + 1, child):
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
        self, prefix: str, item: Item, indent: int, context: Context, key: str | None,
        parent_context: Context | None = None,
    ) -> None:
        """``prefix`` followed by a scalar or a flow collection (or a block scalar)."""
        value = item.value
        if isinstance(value, Collection):
            self.lines.append(_with_comment(prefix + self.flow_text(value, context), item.eol))
            return
        block = value.block or literal_block(value.value)
        if block is not None:
            header, content = block
            self.lines.append(_with_comment(prefix + header, item.eol))
            pad = " " * (indent + INDENT)
            self.lines.extend(pad + line if line else "" for line in content)
            return
        dates = dates_are_plain(parent_context or context, key)
        self.lines.append(_with_comment(prefix + scalar_text(value.value, dates_plain=dates), item.eol))

    def sequence(self, collection: Collection, indent: int, context: Context, blank_between: bool = False) -> None:
        dash = " " * indent + "-"
        for i, item in enumerate(collection.items):
            if blank_between and i:
                self.blank()
            value = item.value
            if isinstance(value, Collection) and value.items and not self.flow(value, indent + 2, context):
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

    def block(self, collection: Collection, indent: int, context: Context) -> None:
        if collection.is_map:
            self.mapping(collection, indent, context)
        else:
            self.sequence(collection, indent, context)
        self.comments(collection.foot, indent)


def _is_journey(context: Context) -> bool:
    return context.model is not None and context.model.__name__ == "Journey"


def _hoist(collection: Collection, context: Context) -> list[Comment]:
    """Comments above the first element of a list item move above the item's dash, so
    the element can share the dash's line."""
    hoisted: list[Comment] = []
    while collection.items:
        first = in_writing_order(collection, context)[0] if collection.is_map else collection.items[0]
        hoisted.extend(first.eol[1:] + first.head)
        first.head = []
        del first.eol[1:]
        value = first.value
        if collection.is_map or first.eol or not isinstance(value, Collection) or not value.items or value.flow:
            break
        collection = value
    return hoisted


def write_document(root: Item, context: Context, gap: bool) -> str:
    """The text of the tree under ``root``; ``gap``: a blank line between the file's
    leading comments and its first key."""
    return _Writer().document(root, context, gap)
