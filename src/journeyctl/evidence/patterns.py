"""The activity names and glob patterns of a touchpoint's ``events:``, as regular expressions
every engine reads alike.

A pattern is a glob as the shell (and Python's ``fnmatch``) reads it: ``*`` matches any
text, ``?`` one character, ``[abc]``, ``[a-z]`` and ``[!abc]`` one character of (or not of) a
set; a ``[`` without its ``]`` is itself. Matching is case-sensitive and covers the whole
activity name. Anything else is literal, including ``%`` and ``_``, which mean something to
SQL's ``LIKE`` but nothing here.

The expressions are written in the syntax RE2 (DuckDB), Java (Spark) and Python share:
every literal character that is not a letter, digit or space is escaped or put in a set,
the pattern is anchored with ``^`` and ``\\z`` (Java's ``$`` also matches before a final
line break), and ``(?s)`` lets ``*`` and ``?`` match line breaks too.
"""

from __future__ import annotations

import re
from functools import cache

_GLOB_CHARACTERS = frozenset("*?[")


def is_glob(pattern: str) -> bool:
    """Whether ``pattern`` matches anything but the activity of the same name."""
    return any(part[0] in _GLOB_CHARACTERS for part in _parts(pattern))


@cache
def glob_regex(pattern: str) -> str:
    """``pattern`` as an anchored regular expression matching the whole activity name."""
    out = []
    for part in _parts(pattern):
        if part == "*":
            out.append(".*")
        elif part == "?":
            out.append(".")
        elif part.startswith("[") and len(part) > 1:
            out.append(_character_set(part[1:-1]))
        else:
            out.append("".join(_literal(c) for c in part))
    return "(?s)^" + "".join(out) + r"\z"


def matches(pattern: str, activity: str) -> bool:
    """Whether ``activity`` is evidence named by ``pattern`` (as the engines decide it)."""
    if not is_glob(pattern):
        return activity == pattern
    return re.search(glob_regex(pattern).replace(r"\z", r"\Z"), activity) is not None


def _parts(pattern: str) -> list[str]:
    """``pattern`` split into ``*``, ``?``, whole ``[...]`` sets and runs of literal text."""
    parts: list[str] = []
    literal: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        end = _set_end(pattern, i) if c == "[" else -1
        if c in "*?" or end > 0:
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append(c if c in "*?" else pattern[i:end + 1])
            i = i + 1 if c in "*?" else end + 1
        else:
            literal.append(c)
            i += 1
    if literal:
        parts.append("".join(literal))
    return parts


def _set_end(pattern: str, start: int) -> int:
    """The index of the ``]`` closing the set opened at ``start``, or -1 (fnmatch's rules:
    a ``!`` and then a ``]`` right after the ``[`` belong to the set)."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "!":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    end = pattern.find("]", i)
    return end


def _character_set(inside: str) -> str:
    negate = inside.startswith("!")
    if negate:
        inside = inside[1:]
    out = []
    i = 0
    while i < len(inside):
        if i + 2 < len(inside) and inside[i + 1] == "-":
            low, high = inside[i], inside[i + 2]
            if low <= high:  # fnmatch drops an empty range
                out.append(f"{_literal(low)}-{_literal(high)}")
            i += 3
        else:
            out.append(_literal(inside[i]))
            i += 1
    if not out:
        # `[!]]`-like sets that lost every member match nothing (or, negated, anything).
        return "." if negate else "[^\\s\\S]"
    return "[" + ("^" if negate else "") + "".join(out) + "]"


def _literal(c: str) -> str:
    """One character matching itself. Only ASCII punctuation is escaped with a backslash:
    RE2 rejects a backslash before anything else, and a control character is written as
    its code, which all three read."""
    if ord(c) > 127 or c.isalnum() or c == " ":
        return c
    return "\\" + c if c.isprintable() else f"\\x{ord(c):02x}"
