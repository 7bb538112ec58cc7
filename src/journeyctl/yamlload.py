"""YAML text → plain data plus a source map.

Parsing uses libyaml's composer (through PyYAML's C binding) because it builds the node
tree, with a mark on every node, in C: measured on a 6,000-touchpoint map it costs less
than a plain ``yaml.load`` with ``CSafeLoader``, while ruamel.yaml's C composer was about
1.5× slower and its pure-Python round-trip loader about 6× slower. ``journeyctl fmt``
reads comments from the same parser's token stream and lays out the same node tree
(see ``journeyctl.fmt``).

Scalars are resolved with the YAML 1.2 core schema rather than PyYAML's YAML 1.1 one:
``yes``/``no``/``on``/``off`` and sexagesimals such as ``1:30`` stay text, so an id or a
name is never silently turned into a boolean or a number. Only safe, standard tags are
accepted; anything that would construct an object is rejected.
"""

from __future__ import annotations

import gc
import re
import sys
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from journeyctl.findings import DataPath, Position

#: Default limits; the linter may pass others from the configuration.
MAX_DEPTH = 64
#: Aliases may repeat a node; beyond this many nodes per byte of input the document is
#: treated as an alias bomb.
MAX_EXPANSION_PER_BYTE = 1
#: Values (scalars, lists and mappings, aliases expanded) in one document. Every value
#: costs memory in the loader, the models and any finding about it: a file over the size
#: limit's worth of one-character list items would take gigabytes. The largest journey the
#: touchpoint limit allows holds well under half of this.
MAX_VALUES = 1_000_000

_IMPLICIT = "?"  # tag our resolver gives every untagged node
_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}
_NEG_INF = {"-.inf", "-.Inf", "-.INF"}
_NAN = {".nan", ".NaN", ".NAN"}
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# Plain scalars that start with anything else are always text (the fast path).
_MAYBE_NOT_TEXT = frozenset("-+.0123456789~nNtTfF")


#: Integers with more decimal digits than this are refused (Python itself converts longer
#: ones between text and numbers only on request, at a quadratic cost): a map never needs
#: them, and every writer would fail on them. A lower limit set for Python
#: (``PYTHONINTMAXSTRDIGITS``) is followed, since the writers would fail at that one.
MAX_INT_DIGITS = min(4300, sys.get_int_max_str_digits() or 4300)
_INT_BOUND = 10**MAX_INT_DIGITS  # the smallest integer of more digits (hexadecimal and octal ones too)


class NumberTooLong(ValueError):
    """A plain scalar reads as an integer of more than :data:`MAX_INT_DIGITS` digits."""


class YamlError(Exception):
    """The text is not a YAML document journeyctl accepts (reported as JM001)."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


try:
    from yaml.cyaml import CParser
except ImportError:  # pragma: no cover - depends on the PyYAML build
    CParser = None


class _Composer(CParser or object):  # type: ignore[misc]
    """libyaml's composer with tag resolution switched off: we resolve scalars ourselves."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _IMPLICIT

    def descend_resolver(self, *args: Any) -> None:
        return None

    def ascend_resolver(self, *args: Any) -> None:
        return None


def _require_c_parser() -> None:
    if CParser is None:  # pragma: no cover - depends on the PyYAML build
        raise RuntimeError("PyYAML was built without libyaml; reinstall PyYAML from a wheel")


# The source map keeps positions, not libyaml's node tree: a node and its two marks are
# three objects the cyclic garbage collector would walk for the rest of the run, while
# tuples of ints are left alone once it has seen them. Positions are 1-based and flat,
# one tuple per node, because building and freeing them is a good part of loading:
#
# - a scalar: ``(line, column, end_line, end_column)``;
# - a collection: the same four and its children, a list of entries or a dict of
#   key → the key's four numbers followed by the value's entry, all in one tuple.
_COLLECTION = 5  # the length of a collection's entry; a scalar's has 4
Span = tuple  # (line, column, end_line, end_column)


def _span(node: Node) -> Span:
    start, end = node.start_mark, node.end_mark
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _mark_position(node: Node) -> Position:
    return Position(*_span(node))


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
            if len(entry) != _COLLECTION:
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
            if len(entry) != _COLLECTION:
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


@dataclass(slots=True)
class LoadedYaml:
    """A parsed document: plain Python data and where each part of it came from."""

    data: Any
    source: SourceMap
    text: str


def decode(raw: bytes) -> str:
    """Decode file bytes as YAML allows (UTF-8, or UTF-16/32 with a BOM).

    Raises :class:`YamlError` with the line of the first undecodable byte.
    """
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
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


def load_yaml(text: str, *, max_depth: int = MAX_DEPTH) -> LoadedYaml:
    """Parse one YAML document into plain data (dict/list/str/int/float/bool/None).

    Raises :class:`YamlError` for syntax errors, several documents, duplicate keys,
    disallowed tags, complex keys, excessive nesting, alias bombs and more than
    :data:`MAX_VALUES` values.
    """
    _require_c_parser()
    _check_unusual_breaks(text)
    if _nesting_bound(text) > _SAFE_NESTING:
        _check_nesting(text, max_depth)
    # The node tree holds no reference cycles worth collecting while it is built, and
    # cyclic garbage collection passes over the growing tree make large files load several
    # times slower; collection resumes as soon as loading ends.
    collecting = gc.isenabled()
    gc.disable()
    try:
        root = compose(text, max_depth)
        if root is None:
            return LoadedYaml(None, SourceMap(None), text)
        expansion = max(10_000, len(text) * MAX_EXPANSION_PER_BYTE)
        budget = _Budget(min(expansion, MAX_VALUES), max_depth, aliases=expansion < MAX_VALUES)
        data, entry = _convert(root, budget, 0, set())
        del root  # freed here, while collection is off, rather than walked by it later
    finally:
        if collecting:
            gc.enable()
    return LoadedYaml(data, SourceMap(entry), text)


def compose(text: str, max_depth: int = MAX_DEPTH) -> Node | None:
    """libyaml's node tree of ``text``, every node marked with its place in the text, and
    tags left unresolved (:func:`load_yaml` resolves scalars itself). ``journeyctl fmt``
    builds its layout tree from the same nodes.

    Raises :class:`YamlError` for syntax errors and several documents.
    """
    try:
        composer = _Composer(text)
    except UnicodeEncodeError as exc:
        # Only text that did not come from decoding a file can hold lone surrogates.
        raise _not_allowed(text, exc.start) from None
    try:
        return composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(text, exc) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(text, exc) from None
    except yaml.YAMLError as exc:
        raise YamlError(_clean(str(exc)), Position.start()) from None
    except RecursionError:
        raise YamlError(f"the document is nested too deeply (more than {max_depth} levels)", Position.start()) from None
    finally:
        composer.dispose()


#: libyaml's composer recurses in C once per nesting level and crashes the process, instead
#: of raising, at around 20,000 levels on an 8 MB stack; deeper-looking text is checked first.
_SAFE_NESTING = 10_000


def _nesting_bound(text: str) -> int:
    """An upper bound of the nesting depth of ``text``, found without parsing it.

    Every flow level needs its own ``[`` or ``{``; every block level needs more indentation
    or a compact indicator (``- ``, ``? ``) on the line, so at most two levels per column.
    """
    if 3 * len(text) + 2 <= _SAFE_NESTING:
        return 3 * len(text) + 2
    longest = max(map(len, text.splitlines()), default=0)
    return text.count("[") + text.count("{") + 2 * longest + 2


def _check_nesting(text: str, max_depth: int) -> None:
    """Raise :class:`YamlError` at the first collection nested deeper than ``max_depth``.

    Walks libyaml's events, which needs no recursion; syntax errors are left to the composer.
    """
    try:
        parser = CParser(text)
    except UnicodeEncodeError:
        return
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                if depth > max_depth:
                    mark = event.start_mark
                    raise YamlError(_too_deep(max_depth), _point(mark.line, mark.column))
                depth += 1
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml 0.2.6 and later stop at their own nesting limit while scanning ahead, before
        # any event of the too-deep collection reaches us; the pure-Python parser has no such
        # limit and scans ahead at most a line or 1,024 characters, so it finds the first
        # collection deeper than ours at the same cost whatever libyaml's version.
        if "nesting depth" in (exc.problem or ""):
            _check_nesting_slowly(text, max_depth)
            mark = exc.context_mark or exc.problem_mark
            raise YamlError(_too_deep(max_depth), _point(mark.line, mark.column)) from None
        return
    except yaml.YAMLError:
        return
    finally:
        parser.dispose()


def _check_nesting_slowly(text: str, max_depth: int) -> None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                if depth > max_depth:
                    mark = event.start_mark
                    raise YamlError(_too_deep(max_depth), _point(mark.line, mark.column))
                depth += 1
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return


def _too_deep(max_depth: int) -> str:
    return f"the document is nested too deeply (more than {max_depth} levels)"


def _point(line: int, column: int) -> Position:
    """A zero-width position from libyaml's 0-based line and column."""
    return Position(line + 1, column + 1, line + 1, column + 1)


def _clean(message: str) -> str:
    return " ".join(message.split())


def _syntax_error(text: str, exc: yaml.MarkedYAMLError) -> YamlError:
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
    return YamlError(_clean(f"invalid YAML: {problem}"), position)


def _token(text: str, index: int) -> str:
    """The anchor (``&x``) or alias (``*x``) that starts at ``index``."""
    match = re.compile(r"[&*][^\s,\[\]{}]+").match(text, index)
    return match.group() if match else "(unnamed)"


def _reader_error(text: str, exc: yaml.reader.ReaderError) -> YamlError:
    # libyaml reads the UTF-8 encoding of the text, so its offset counts bytes, not characters.
    offset = len(text.encode("utf-8", "surrogatepass")[: max(exc.position, 0)].decode("utf-8", "ignore"))
    return _not_allowed(text, offset)


def _not_allowed(text: str, offset: int) -> YamlError:
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


def _check_unusual_breaks(text: str) -> None:
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


class _Budget:
    __slots__ = ("aliases", "left", "limit", "max_depth")

    def __init__(self, limit: int, max_depth: int, aliases: bool = True) -> None:
        self.left = self.limit = limit
        self.max_depth = max_depth
        # Whether running out means aliases expanded the text (the limit follows its size)
        # rather than that it holds more than MAX_VALUES values.
        self.aliases = aliases


def _convert(node: Node, budget: _Budget, depth: int, active: set[int]) -> tuple[Any, tuple]:
    """``(data, source-map entry)`` for ``node``.

    Plain untagged scalars, nearly every node of a journey, are converted inline by the
    collection loops below; this function handles everything else and every error.
    """
    budget.left -= 1
    if budget.left < 0:
        if not budget.aliases:
            raise YamlError(
                f"the document holds more than {budget.limit:,} values: split it into several maps",
                _mark_position(node),
            )
        raise YamlError(
            f"aliases expand the document to more than {budget.limit} nodes (an alias bomb?)",
            _mark_position(node),
        )
    if depth > budget.max_depth:
        raise YamlError(f"the document is nested too deeply (more than {budget.max_depth} levels)", _mark_position(node))
    tag = node.tag
    if tag != _IMPLICIT and tag != "!" and tag not in _ALLOWED_TAGS:
        raise YamlError(
            f"the tag {tag.replace(_CORE, '!!')!r} is not allowed: journeyctl files hold plain data only",
            _mark_position(node),
        )
    if isinstance(node, ScalarNode):
        try:
            return _scalar(node), _span(node)
        except NumberTooLong:
            raise _too_long(node) from None
    key = id(node)
    if key in active:
        raise YamlError("an alias refers to the node that contains it (a recursive structure)", _mark_position(node))
    active.add(key)
    try:
        if isinstance(node, SequenceNode):
            return _sequence(node, budget, depth, active)
        return _mapping(node, budget, depth, active)
    finally:
        active.discard(key)


def _sequence(node: SequenceNode, budget: _Budget, depth: int, active: set[int]) -> tuple[list, tuple]:
    items: list[Any] = []
    entries: list[tuple] = []
    inline = depth < budget.max_depth  # children at depth + 1 are within the limit
    for item in node.value:
        if inline and item.__class__ is ScalarNode and item.tag == _IMPLICIT and budget.left > 0:
            budget.left -= 1
            value = item.value
            try:
                items.append(
                    value if item.style or (value and value[0] not in _MAYBE_NOT_TEXT) else resolve_plain(value)
                )
            except NumberTooLong:
                raise _too_long(item) from None
            start, end = item.start_mark, item.end_mark
            entries.append((start.line + 1, start.column + 1, end.line + 1, end.column + 1))
        else:
            value, entry = _convert(item, budget, depth + 1, active)
            items.append(value)
            entries.append(entry)
    start, end = node.start_mark, node.end_mark
    return items, (start.line + 1, start.column + 1, end.line + 1, end.column + 1, entries)


def _mapping(node: MappingNode, budget: _Budget, depth: int, active: set[int]) -> tuple[dict, tuple]:
    result: dict[str, Any] = {}
    entries: dict[str, tuple] = {}
    inline = depth < budget.max_depth
    for key_node, value_node in node.value:
        if key_node.__class__ is not ScalarNode:
            raise YamlError("a mapping key must be plain text, not a list or mapping", _mark_position(key_node))
        key = key_node.value
        if key == "<<" and not key_node.style:  # libyaml gives plain scalars the style ''
            raise YamlError("merge keys (<<) are not supported: write the keys out", _mark_position(key_node))
        if key in result:
            first = next(k for k, _ in node.value if isinstance(k, ScalarNode) and k.value == key)
            raise YamlError(
                f"duplicate key {key!r} (first defined on line {first.start_mark.line + 1})",
                _mark_position(key_node),
            )
        key_start, key_end = key_node.start_mark, key_node.end_mark
        if inline and value_node.__class__ is ScalarNode and value_node.tag == _IMPLICIT and budget.left > 0:
            budget.left -= 1
            value = value_node.value
            try:
                result[key] = (
                    value if value_node.style or (value and value[0] not in _MAYBE_NOT_TEXT) else resolve_plain(value)
                )
            except NumberTooLong:
                raise _too_long(value_node) from None
            start, end = value_node.start_mark, value_node.end_mark
            entries[key] = (
                key_start.line + 1, key_start.column + 1, key_end.line + 1, key_end.column + 1,
                start.line + 1, start.column + 1, end.line + 1, end.column + 1,
            )
        else:
            result[key], entry = _convert(value_node, budget, depth + 1, active)
            entries[key] = (key_start.line + 1, key_start.column + 1, key_end.line + 1, key_end.column + 1, *entry)
    start, end = node.start_mark, node.end_mark
    return result, (start.line + 1, start.column + 1, end.line + 1, end.column + 1, entries)


def _scalar(node: ScalarNode) -> Any:
    value = node.value
    tag = node.tag
    if tag == _IMPLICIT:
        if node.style:  # quoted or block scalars are always text; plain ones have no style
            return value
        return resolve_plain(value)
    if tag == "!" or tag == _CORE + "str":
        return value
    resolved = resolve_plain(value)
    expected = {
        _CORE + "int": int,
        _CORE + "float": float,
        _CORE + "bool": bool,
        _CORE + "null": type(None),
    }.get(tag)
    if expected is float and isinstance(resolved, int) and not isinstance(resolved, bool):
        return float(resolved)
    if expected is None or type(resolved) is not expected:
        raise YamlError(f"{value!r} is not a valid {tag.replace(_CORE, '!!')}", _mark_position(node))
    return resolved


def resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted) scalar with the YAML 1.2 core schema.

    Raises :class:`NumberTooLong` for an integer of more than :data:`MAX_INT_DIGITS` digits.
    """
    if value and value[0] not in _MAYBE_NOT_TEXT:
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        if value.startswith(("0o", "0x")):
            number = int(value[2:], 8 if value[1] == "o" else 16)
            if number >= _INT_BOUND:
                raise NumberTooLong(value)
            return number
        if len(value) - (value[0] in "+-") > MAX_INT_DIGITS:
            raise NumberTooLong(value)
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    if value in _INF:
        return float("inf")
    if value in _NEG_INF:
        return float("-inf")
    if value in _NAN:
        return float("nan")
    return value


def reads_as_text(value: str) -> bool:
    """Whether ``value``, written as a plain scalar, would be read back as this text."""
    try:
        return isinstance(resolve_plain(value), str)
    except NumberTooLong:
        return False


def _too_long(node: Node) -> YamlError:
    return YamlError(
        f"the number has more than {MAX_INT_DIGITS:,} digits: journeyctl reads numbers up to that length "
        "(quote it if it is text)",
        _mark_position(node),
    )
