"""Data and source-map entries built straight from libyaml's events, within a budget.

No node tree is held: each value costs its data and one tuple of positions
(:mod:`journeyctl.model.source_map`). The budget bounds the values (aliases expanded) and
the nesting, and running out is reported at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from journeyctl.loading.yaml_errors import (
    YamlError,
    clean,
    mark_position,
    not_allowed,
    point,
    reader_error,
    span,
    syntax_error,
    too_deep,
)
from journeyctl.loading.yaml_scalars import (
    ALLOWED_TAGS,
    CORE,
    MAYBE_NOT_TEXT,
    NumberTooLong,
    resolve_plain,
    tagged_scalar,
    too_long,
)
from journeyctl.model.findings import Position
from journeyctl.model.source_map import COLLECTION, Span


try:
    from yaml.cyaml import CParser
except ImportError:  # pragma: no cover - depends on the PyYAML build
    CParser = None


def require_c_parser() -> None:
    if CParser is None:  # pragma: no cover - depends on the PyYAML build
        raise RuntimeError("PyYAML was built without libyaml; reinstall PyYAML from a wheel")


def check_nesting(text: str, max_depth: int) -> None:
    """Raise :class:`YamlError` at the first collection nested deeper than ``max_depth``.

    Walks libyaml's events, which needs no recursion; syntax errors are left to the caller.
    """
    try:
        parser = CParser(text)
    except UnicodeEncodeError:
        return
    try:
        _walk_nesting(iter(parser.get_event, None), max_depth)
    except yaml.MarkedYAMLError as exc:
        # libyaml 0.2.6 and later stop at their own nesting limit while scanning ahead, before
        # any event of the too-deep collection reaches us; the pure-Python parser has no such
        # limit and scans ahead at most a line or 1,024 characters, so it finds the first
        # collection deeper than ours at the same cost whatever libyaml's version.
        if "nesting depth" in (exc.problem or ""):
            _check_nesting_slowly(text, max_depth)
            mark = exc.context_mark or exc.problem_mark
            raise YamlError(too_deep(max_depth), point(mark.line, mark.column)) from None
        return
    except yaml.YAMLError:
        return
    finally:
        parser.dispose()


def _check_nesting_slowly(text: str, max_depth: int) -> None:
    try:
        _walk_nesting(yaml.parse(text, Loader=yaml.SafeLoader), max_depth)
    except yaml.YAMLError:
        return


def _walk_nesting(events: Iterator[Any], max_depth: int) -> None:
    """Raise :class:`YamlError` at the first collection of ``events`` nested deeper than
    ``max_depth``."""
    depth = 0
    for event in events:
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            if depth > max_depth:
                mark = event.start_mark
                raise YamlError(too_deep(max_depth), point(mark.line, mark.column))
            depth += 1
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            depth -= 1


class Budget:
    """How many more values (aliases expanded) a document may hold, and how deep it may nest."""

    __slots__ = ("aliases", "left", "limit", "max_depth")

    def __init__(self, limit: int, max_depth: int, aliases: bool = True) -> None:
        self.left = self.limit = limit
        self.max_depth = max_depth
        # Whether running out means aliases expanded the text (the limit follows its size)
        # rather than that it holds more than yamlload.MAX_VALUES values.
        self.aliases = aliases

    def exhausted(self, position: Position) -> YamlError:
        if not self.aliases:
            return Limit(
                f"the document holds more than {self.limit:,} values: split it into several maps", position
            )
        return Limit(f"aliases expand the document to more than {self.limit} nodes (an alias bomb?)", position)


class Limit(YamlError):
    """The value budget ran out or the nesting went too deep: reported at once, without
    reading the rest of the text (libyaml before 0.2.6 reads deep flow nesting in quadratic
    time)."""


class _Unfinished(YamlError):
    """An error about a collection whose end the builder has not reached yet."""

    def __init__(self, message: str, start: Any, depth: int) -> None:
        super().__init__(message, point(start.line, start.column))
        self.start = start
        self.depth = depth  # the stack depth at which the collection is open


class _Frame:
    """A list or mapping being built."""

    __slots__ = ("anchor", "data", "entries", "key", "key_span", "start")

    def __init__(self, data: Any, entries: Any, start: Any, anchor: str | None) -> None:
        self.data = data
        self.entries = entries
        self.start = start
        self.anchor = anchor
        self.key: Any = _NO_KEY if type(data) is dict else None
        self.key_span: Span | None = None


_NO_KEY = object()  # a mapping frame waiting for its next key


def build(text: str, budget: Budget) -> tuple[Any, tuple | None]:
    """``(data, source-map entry)`` of the one document in ``text`` (``(None, None)`` if none).

    Builds straight from libyaml's events, so that no node tree is ever held: each value
    costs its data and one tuple of positions. Errors about the data (tags, keys, limits) are
    reported after any syntax error in the rest of the text, as a parser that composes the
    whole tree first would; running out of the value budget and nesting too deep are
    reported at once.
    """
    try:
        parser = CParser(text)
    except UnicodeEncodeError as exc:
        # Only text that did not come from decoding a file can hold lone surrogates.
        raise not_allowed(text, exc.start) from None
    get = parser.get_event
    try:
        try:
            get()  # stream start
            document = get()
            if isinstance(document, StreamEndEvent):
                return None, None
            stack: list[_Frame] = []
            try:
                result = _build_document(get, budget, stack)
            except Limit:
                raise
            except YamlError as exc:
                # a collection the error is about may have been opened without being stacked
                _drain(get, exc, max(len(stack), exc.depth if isinstance(exc, _Unfinished) else 0), document)
                raise
            _end_of_stream(get, document)
            return result
        except yaml.MarkedYAMLError as exc:
            if "nesting depth" in (exc.problem or ""):
                # libyaml's own limit, far beyond ours: find the first collection beyond ours
                check_nesting(text, budget.max_depth)
            raise syntax_error(text, exc) from None
        except yaml.reader.ReaderError as exc:
            raise reader_error(text, exc) from None
        except yaml.YAMLError as exc:
            raise YamlError(clean(str(exc)), Position.start()) from None
    finally:
        parser.dispose()


def _end_of_stream(get: Any, document: Any) -> None:
    event = get()  # document end
    event = get()
    if not isinstance(event, StreamEndEvent):
        raise yaml.composer.ComposerError(
            "expected a single document in the stream", document.start_mark,
            "but found another document", event.start_mark,
        )


def _drain(get: Any, exc: YamlError, depth: int, document: Any) -> None:
    """Read the rest of the text: find the end of the collection ``exc`` is about, and let a
    syntax error anywhere after it win."""
    unfinished = exc.depth if isinstance(exc, _Unfinished) else None
    while depth > 0:
        event = get()
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            depth += 1
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            depth -= 1
            if unfinished is not None and depth == unfinished - 1:
                end = event.end_mark
                exc.position = Position(exc.start.line + 1, exc.start.column + 1, end.line + 1, end.column + 1)
                unfinished = None
    _end_of_stream(get, document)


_OPEN: Any = object()  # an anchored collection still being built: an alias to it is a loop


def _build_document(get: Any, budget: Budget, stack: list[_Frame]) -> tuple[Any, tuple]:
    # anchor → (data, entry, raw text, style) — the raw text and style of a scalar, which may
    # serve as a key — or _OPEN; where each anchor was defined
    anchors: dict[str, tuple] = {}
    anchor_marks: dict[str, Any] = {}
    max_depth = budget.max_depth
    while True:
        event = get()
        kind = event.__class__
        parent = stack[-1] if stack else None
        anchor = getattr(event, "anchor", None) if kind is not AliasEvent else None
        if anchor is not None:
            if anchor in anchor_marks:
                raise yaml.composer.ComposerError(
                    "found duplicate anchor; first occurrence", anchor_marks[anchor],
                    "second occurrence", event.start_mark,
                )
            anchor_marks[anchor] = event.start_mark
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            frame = stack.pop()
            start, end = frame.start.start_mark, event.end_mark
            value = frame.data
            entry = (start.line + 1, start.column + 1, end.line + 1, end.column + 1, frame.entries)
            if frame.anchor is not None:
                anchors[frame.anchor] = (value, entry, None, None)
            parent = stack[-1] if stack else None
        elif parent is not None and parent.key is _NO_KEY:
            _read_key(event, kind, parent, anchors, len(stack))
            continue
        elif kind is AliasEvent:
            value, entry = _copy(_anchored(anchors, event, stack), budget, len(stack))
        else:
            budget.left -= 1
            if budget.left < 0:
                if kind is ScalarEvent:
                    raise budget.exhausted(mark_position(event))
                raise budget.exhausted(point(event.start_mark.line, event.start_mark.column))
            if len(stack) > max_depth:
                if kind is ScalarEvent:
                    raise Limit(too_deep(max_depth), mark_position(event))
                raise Limit(too_deep(max_depth), point(event.start_mark.line, event.start_mark.column))
            tag = event.tag
            if tag is not None and tag != "!" and tag not in ALLOWED_TAGS:
                message = f"the tag {tag.replace(CORE, '!!')!r} is not allowed: journeyctl files hold plain data only"
                if kind is ScalarEvent:
                    raise YamlError(message, mark_position(event))
                raise _Unfinished(message, event.start_mark, len(stack) + 1)
            if kind is not ScalarEvent:
                if anchor is not None:
                    anchors[anchor] = _OPEN
                stack.append(_Frame({} if kind is MappingStartEvent else [], {} if kind is MappingStartEvent else [],
                                    event, anchor))
                continue
            raw = event.value
            try:
                if tag is None or tag == "!":
                    value = raw if event.style or (raw and raw[0] not in MAYBE_NOT_TEXT) else resolve_plain(raw)
                else:
                    value = tagged_scalar(event)
            except NumberTooLong:
                raise too_long(event) from None
            start, end = event.start_mark, event.end_mark
            entry = (start.line + 1, start.column + 1, end.line + 1, end.column + 1)
            if anchor is not None:
                anchors[anchor] = (value, entry, raw, event.style)
        # attach the value to its parent
        if parent is None:
            return value, entry
        if type(parent.data) is list:
            parent.data.append(value)
            parent.entries.append(entry)
        else:
            parent.data[parent.key] = value
            parent.entries[parent.key] = (*parent.key_span, *entry)
            parent.key = _NO_KEY


def _read_key(event: Any, kind: type, parent: _Frame, anchors: dict[str, tuple], depth: int) -> None:
    """Take ``event`` as the next key of the mapping ``parent``: plain text only, once."""
    if kind is ScalarEvent:
        key, style, key_span = event.value, event.style, span(event)
        if event.anchor is not None:
            try:
                value = key if style or (key and key[0] not in MAYBE_NOT_TEXT) else resolve_plain(key)
            except NumberTooLong:
                raise too_long(event) from None
            anchors[event.anchor] = (value, key_span, key, style)
    elif kind is AliasEvent:
        anchored = anchors.get(event.anchor)
        if anchored is None:
            raise yaml.composer.ComposerError(None, None, "found undefined alias", event.start_mark)
        if anchored is _OPEN or anchored[2] is None:
            position = Position(*anchored[1][:4]) if anchored is not _OPEN else mark_position(event)
            raise YamlError("a mapping key must be plain text, not a list or mapping", position)
        key, key_span, style = anchored[2], span(event), anchored[3]  # the key is where the alias is
    else:
        raise _Unfinished("a mapping key must be plain text, not a list or mapping", event.start_mark, depth + 1)
    if key == "<<" and not style:  # libyaml gives plain scalars the style ''
        raise YamlError("merge keys (<<) are not supported: write the keys out", Position(*key_span))
    if key in parent.data:
        first = parent.entries[key]
        raise YamlError(f"duplicate key {key!r} (first defined on line {first[0]})", Position(*key_span))
    parent.key, parent.key_span = key, key_span


def _anchored(anchors: dict[str, tuple], event: Any, stack: list[_Frame]) -> tuple:
    """The ``(data, entry)`` the alias ``event`` repeats."""
    anchored = anchors.get(event.anchor)
    if anchored is None:
        raise yaml.composer.ComposerError(None, None, "found undefined alias", event.start_mark)
    if anchored is _OPEN:
        level = next(i for i, frame in enumerate(stack) if frame.anchor == event.anchor)
        raise _Unfinished("an alias refers to the node that contains it (a recursive structure)",
                          stack[level].start.start_mark, level + 1)
    return anchored


def _copy(anchored: tuple, budget: Budget, depth: int) -> tuple[Any, tuple]:
    """A fresh copy of an anchored value for an alias; every value in it costs budget again."""
    return _copy_value(anchored[0], anchored[1], budget, depth), anchored[1]


def _copy_value(data: Any, entry: tuple, budget: Budget, depth: int) -> Any:
    budget.left -= 1
    if budget.left < 0:
        raise budget.exhausted(Position(*entry[:4]))
    if depth > budget.max_depth:
        raise Limit(too_deep(budget.max_depth), Position(*entry[:4]))
    if len(entry) != COLLECTION:
        return data
    children = entry[4]
    if type(data) is list:
        return [_copy_value(item, child, budget, depth + 1) for item, child in zip(data, children)]
    return {key: _copy_value(value, children[key][4:], budget, depth + 1) for key, value in data.items()}
