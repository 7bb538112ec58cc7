"""Scalars resolved with the YAML 1.2 core schema: ``yes`` and ``1:30`` stay text.

Only the safe, standard tags are accepted; integers longer than Python converts cheaply
are refused.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from yaml.events import ScalarEvent

from journeyctl.loading.yaml_errors import YamlError, mark_position


CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = {CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}
_NEG_INF = {"-.inf", "-.Inf", "-.INF"}
_NAN = {".nan", ".NaN", ".NAN"}
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# Plain scalars that start with anything else are always text (the fast path).
MAYBE_NOT_TEXT = frozenset("-+.0123456789~nNtTfF")


# A node's properties ahead of its scalar: an anchor (``&where``) and a tag (``!!str``,
# ``!local``, ``!<tag:yaml.org,2002:str>``), in either order, each followed by blanks.
_PROPERTIES = re.compile(r"(?:(?:&[^\s,\[\]{}]+|!<[^>]*>|![^\s,\[\]{}]*)[ \t]+)*")


def after_properties(text: str, start: int = 0) -> int:
    """Where the scalar itself begins in ``text``, for a node that starts at ``start``: after
    its anchor and tag, which the loader's position of the node includes."""
    return _PROPERTIES.match(text, start).end()


#: Integers with more decimal digits than this are refused (Python itself converts longer
#: ones between text and numbers only on request, at a quadratic cost): a map never needs
#: them, and every writer would fail on them. A lower limit set for Python
#: (``PYTHONINTMAXSTRDIGITS``) is followed, since the writers would fail at that one.
MAX_INT_DIGITS = min(4300, sys.get_int_max_str_digits() or 4300)
_INT_BOUND = 10**MAX_INT_DIGITS  # the smallest integer of more digits (hexadecimal and octal ones too)


class NumberTooLong(ValueError):
    """A plain scalar reads as an integer of more than :data:`MAX_INT_DIGITS` digits."""


def tagged_scalar(node: ScalarEvent) -> Any:
    """The value of a scalar event with a tag (``!!int 3``): resolved, and refused with
    :class:`YamlError` when it is not what the tag says."""
    value = node.value
    tag = node.tag
    if tag is None:  # untagged
        if node.style:  # quoted or block scalars are always text; plain ones have no style
            return value
        return resolve_plain(value)
    if tag == "!" or tag == CORE + "str":
        return value
    resolved = resolve_plain(value)
    expected = {
        CORE + "int": int,
        CORE + "float": float,
        CORE + "bool": bool,
        CORE + "null": type(None),
    }.get(tag)
    if expected is float and isinstance(resolved, int) and not isinstance(resolved, bool):
        return float(resolved)
    if expected is None or type(resolved) is not expected:
        raise YamlError(f"{value!r} is not a valid {tag.replace(CORE, '!!')}", mark_position(node))
    return resolved


def resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted) scalar with the YAML 1.2 core schema.

    Raises :class:`NumberTooLong` for an integer of more than :data:`MAX_INT_DIGITS` digits.
    """
    if value and value[0] not in MAYBE_NOT_TEXT:
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


def too_long(node: Any) -> YamlError:
    return YamlError(
        f"the number has more than {MAX_INT_DIGITS:,} digits: journeyctl reads numbers up to that length "
        "(quote it if it is text)",
        mark_position(node),
    )
