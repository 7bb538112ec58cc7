"""The lexer of Mermaid's journey grammar (``journey.jison``), rule for rule."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from journeyctl.importers.mermaid.preprocess import JS_DOT, JS_SPACE_RE, js_regex
from journeyctl.importers.mermaid.source import Reader, Source, shorten


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    start: int
    end: int
    text: str


_SKIP = "skip"
_LOOSE_COMMENT = "loose comment"
_OPEN_BLOCK = "open block"
_CLOSE_BLOCK = "close block"

# The lexer of journey.jison, rule for rule and in its order: the first rule that
# matches wins, even when a later one would match more.
_INITIAL_RULES = [
    (js_regex(r"%(?!\{)[^\n]*"), _SKIP),
    # Without the u flag a JavaScript class matches one UTF-16 unit: half of an emoji.
    (js_regex(r"[^}\U00010000-\U0010FFFF]%%[^\n]*"), _LOOSE_COMMENT),
    (js_regex(r"\n+"), "NEWLINE"),
    (js_regex(r"\s+"), _SKIP),
    (js_regex(r"#[^\n]*"), _SKIP),
    (js_regex(r"journey\b", re.IGNORECASE), "journey"),
    (js_regex(r"title\s[^#\n;]+", re.IGNORECASE), "title"),
    (js_regex(r"accTitle\s*:\s*", re.IGNORECASE), "acc_title"),
    (js_regex(r"accDescr\s*:\s*", re.IGNORECASE), "acc_descr"),
    (js_regex(r"accDescr\s*\{\s*", re.IGNORECASE), _OPEN_BLOCK),
    (js_regex(r"section\s[^#:\n;]+", re.IGNORECASE), "section"),
    (js_regex(r"[^#:\n;]+"), "taskName"),
    (js_regex(r":[^#\n;]+"), "taskData"),
    (js_regex(r":"), ":"),
    (js_regex(r"\Z"), "EOF"),
    (js_regex(JS_DOT), "INVALID"),
]
_VALUE = js_regex(r"[^\n]*")
_RULES = {
    "INITIAL": _INITIAL_RULES,
    "acc_title": [(_VALUE, "acc_title_value")],
    "acc_descr": [(_VALUE, "acc_descr_value")],
    "acc_descr_multiline": [(js_regex(r"\}"), _CLOSE_BLOCK), (js_regex(r"[^}]*"), "acc_descr_multiline_value")],
}
# Lexer states: these tokens enter one, these leave it (back to INITIAL).
_ENTER = {"acc_title": "acc_title", "acc_descr": "acc_descr", _OPEN_BLOCK: "acc_descr_multiline"}
_LEAVE = {"acc_title_value", "acc_descr_value", _CLOSE_BLOCK}
_SILENT = {_SKIP, _LOOSE_COMMENT, _OPEN_BLOCK, _CLOSE_BLOCK}


def journey_tokens(code: Source, reader: Reader, blocks: list[int]) -> Iterator[Token]:
    """The token stream of journey.jison's lexer; ``END`` once the input is used up.

    ``blocks`` receives the start of every ``accDescr {`` block, for the error when one is
    never closed.
    """
    text = code.text
    position, state, done = 0, "INITIAL", False
    while not done:
        # Like jison, try the rules once more on the empty rest (where the EOF rule matches).
        done = position >= len(text)
        for pattern, action in _RULES[state]:
            match = pattern.match(text, position)
            if match:
                break
        else:
            break
        start, position = match.span()
        if action == _LOOSE_COMMENT and not JS_SPACE_RE.match(text[start]):
            reader.warn(
                code,
                start,
                f"Mermaid reads '{shorten(match.group())}' as a comment ('%%' right after the first "
                "character of a line starts one), so it is not imported",
            )
        if action == _OPEN_BLOCK:
            blocks.append(start)
        if action in _LEAVE:
            state = "INITIAL"
        elif action in _ENTER:
            state = _ENTER[action]
        if action not in _SILENT:
            yield Token(action, start, position, match.group())
    yield Token("END", len(text), len(text), "")
