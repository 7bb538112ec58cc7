"""The Mermaid code blocks of a Markdown text, and which of them hold a journey diagram."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from journeyctl.importers.mermaid.diagram import MermaidImportError
from journeyctl.importers.mermaid.preprocess import detect_journey, preprocess
from journeyctl.importers.mermaid.source import Lines, Reader, Source


#: Info strings of the code blocks read: Mermaid's own documentation shows diagrams in
#: ``mermaid-example`` blocks (drawn next to their source).
MARKDOWN_LANGUAGES = ("mermaid", "mermaid-example")


_MARKDOWN_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
# A line that opens a fence (found with one search, not line by line: a long document
# costs one scan).
_OPENING = re.compile(r"(?:\A|(?<=[\r\n]))( {0,3})(`{3,}|~{3,})([^\r\n]*)(?:\r\n|\r|\n)?")


def mermaid_blocks(text: str) -> Iterator[Source]:
    """The content of every fenced code block whose info string is ``mermaid`` or
    ``mermaid-example`` (CommonMark fences).

    Only those blocks are copied (with the offset of every character).
    """
    position = 0
    while (opening := _OPENING.search(text, position)) is not None:
        indent, fence, info = opening.groups()
        content_start = opening.end()
        if fence[0] == "`" and "`" in info:
            position = content_start
            continue
        closing = _closing_fence(fence[0], len(fence)).search(text, content_start)
        content_end = closing.start() if closing else len(text)
        position = closing.end() if closing else len(text)
        words = info.split()
        if not words or words[0] not in MARKDOWN_LANGUAGES:
            continue
        spans = []
        for line in _MARKDOWN_LINE.finditer(text, content_start, content_end):
            if line.end() > line.start():
                content = line.group()
                removable = len(content) - len(content.lstrip(" "))
                spans.append((line.start() + min(removable, len(indent)), line.end()))
        yield Source.of_spans(text, spans, content_end)


@functools.lru_cache(maxsize=64)
def _closing_fence(char: str, length: int) -> re.Pattern:
    return re.compile(rf"(?<=[\r\n]) {{0,3}}{re.escape(char)}{{{length},}}[ \t]*(?:\r\n|\r|\n|\Z)")


def looks_like_journey(block: Source) -> bool:
    """Whether the block is meant as a journey diagram, so that its errors are reported.

    True when Mermaid reads it as one, and also when its front matter is broken or its
    first word is ``journey`` in the wrong case, which only a journey's author writes.
    """
    reader = Reader(Lines(""))
    try:
        code, _ = preprocess(block, reader)
        code, _ = preprocess(code, reader)
    except MermaidImportError:
        return re.search(r"^\s*journey", block.text, re.MULTILINE) is not None
    not_journey = detect_journey(code, block)
    return not_journey is None or not_journey.meant_as_journey
