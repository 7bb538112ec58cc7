"""Finding the comments of a source text in libyaml's token stream.

A comment is whatever starts with ``#`` in a gap between two tokens, or on a block
scalar's header line (which libyaml counts as part of the scalar). Suppression comments
(``# journeyctl: ignore[...]``) are marked, with the line each one covers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from journeyctl.checks.suppressions import covers_a_line
from journeyctl.review.fmt.tree import Comment


@dataclass(slots=True)
class Token:
    """A libyaml token, reduced to what finding comments needs."""

    kind: str
    start: int
    end: int
    #: a scalar's style (``|``, ``>``, quotes or None for plain); None for other tokens
    style: str | None = None


def scan_tokens(text: str) -> list[Token]:
    """The libyaml tokens of ``text`` that cover characters, in document order.

    Only what is needed is kept: libyaml's token objects, with their two marks each,
    would take several times the memory of the text on a large file.
    """
    from yaml.cyaml import CParser

    parser = CParser(text)
    found: list[Token] = []
    append = found.append
    try:
        while True:
            token = parser.get_token()
            if token is None:
                break
            start, end = token.start_mark.index, token.end_mark.index
            if end > start:
                kind = type(token).__name__
                append(Token(kind, start, end, token.style if kind == "ScalarToken" else None))
    finally:
        parser.dispose()
    found.sort(key=lambda t: t.start)
    return found


_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*[ \t]+(#[^\n]*)")


def line_starts(text: str) -> list[int]:
    """The index in ``text`` where each line starts."""
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def find_comments(text: str, tokens: list[Token], starts: list[int]) -> list[tuple[int, Comment]]:
    """Every comment as ``(index, comment)``: in the gaps between tokens, and on block
    scalar header lines (which libyaml counts as part of the scalar)."""
    found: list[tuple[int, Comment]] = []

    def add(index: int, end: int) -> None:
        line = bisect.bisect_right(starts, index) - 1
        body = text[index:end].rstrip()
        above = text[starts[line - 1]:starts[line]] if line > 0 else "x"
        comment = Comment(body, line, index - starts[line], not above.strip())
        if covers_a_line(body):
            below = "x"
            if line + 1 < len(starts) and starts[line + 1] < len(text):
                below = text[starts[line + 1]:starts[line + 2] if line + 2 < len(starts) else len(text)]
            comment.directive, comment.blank_after = True, not below.strip()
        found.append((index, comment))

    position = 0
    for token in [*tokens, Token("end", len(text), len(text), None)]:
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


def covered_lines(text: str, starts: list[int], comments: list[tuple[int, Comment]]) -> dict[int, int]:
    """For each suppression comment on a line of its own: the line it covers, the next one
    that is not a comment (as ``journeyctl.checks.suppressions`` counts)."""
    alone = {c.line for index, c in comments if not text[starts[c.line]:index].strip()}
    following: dict[int, int] = {}
    for line in sorted(alone, reverse=True):
        following[line] = following.get(line + 1, line + 1)
    return {c.line: following[c.line] for _, c in comments if c.directive and c.line in alone}
