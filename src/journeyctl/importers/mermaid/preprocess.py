"""Mermaid's rewriting of a diagram before it parses it, and its diagram detection.

Also the JavaScript semantics the rewriting relies on (whitespace, ``.``, ``trim``) and
the entity codes Mermaid hides from its parser.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from journeyctl.importers.mermaid.source import Reader, Source, shorten


# JavaScript's \s (also what String.trim removes) and its `.` (which excludes every line
# terminator): Python's differ.
JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000\ufeff"
JS_SPACE = f"[{JS_WHITESPACE}]"
_NOT_S = f"[^{JS_WHITESPACE}]"
_INLINE_S = "[" + JS_WHITESPACE.replace("\n", "").replace("\r", "") + "]"
JS_SPACE_RE = re.compile(JS_SPACE)
JS_DOT = "[^\n\r\u2028\u2029]"


def js_regex(pattern: str, flags: int = 0) -> re.Pattern:
    # JavaScript's \w and \b are ASCII-only, and /i folds ASCII letters only.
    return re.compile(pattern.replace("\\s", JS_SPACE).replace("\\S", _NOT_S), re.ASCII | flags)


def js_trim(text: str) -> str:
    return text.strip(JS_WHITESPACE)


_NEWLINES = js_regex(r"\r\n?")
_FRONT_MATTER = js_regex(f"^({_INLINE_S}*)-{{3}}\\s*[\n\r](.*?)[\n\r]\\1-{{3}}\\s*[\n\r]+", re.DOTALL)
_DIRECTIVE = js_regex(
    r"%{2}\{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!\}%{2})" + JS_DOT + r"|\r?\n)*))?\s*(?:\}%{2})?",
    re.IGNORECASE,
)
_IS_JOURNEY = js_regex(r"\A\s*journey")
_WORD = js_regex(r"\S+")
_ENTITY = js_regex(r"#(\w+);")
_INTEGER = js_regex(r"\+?\d+")
_TAG_NAME = js_regex(r"<\w+")
_DOUBLE_QUOTED_ATTRIBUTE = js_regex(r'="([^"]*)"')
_TERMINATORS = "\n\r\u2028\u2029"
_TERMINATOR = re.compile(f"[{_TERMINATORS}]")
# Mermaid hides entity codes from its parsers behind these markers and decodes them into
# HTML character references in the drawing.
_CODED_NUMBER = re.compile("\ufb02\u00b0\u00b0(\\d+)\u00b6\u00df")
_CODED_NAME = re.compile("\ufb02\u00b0(\\w+)\u00b6\u00df", re.ASCII)

# Mermaid rewrites the text with a few regular expressions that backtrack quadratically
# on long runs of blank lines or unclosed tags. The functions below compute the same
# rewrites in one pass each; their docstrings name the expression they replace.


def _requote_tags(source: Source) -> Source:
    """``/<(\\w+)([^>]*)>/g``: double-quoted attribute values in tags get single quotes."""
    text = source.text
    edits = []
    position = 0
    while (tag := _TAG_NAME.search(text, position)) is not None:
        closing = text.find(">", tag.end())
        if closing < 0:
            break
        attributes = text[tag.end():closing]
        requoted = _DOUBLE_QUOTED_ATTRIBUTE.sub(r"='\1'", attributes)
        if requoted != attributes:
            edits.append((tag.end(), closing, requoted))
        position = closing + 1
    return source.edit(edits)


def _comment_line_edits(text: str) -> Iterator[tuple[int, int, str]]:
    """``/^\\s*%%(?!{)[^\\n]+\\n?/gm`` → "": lines holding only a ``%%`` comment."""
    last = 0
    mark = text.find("%%")
    while mark >= 0:
        following = text[mark + 2:mark + 3]
        if following and following not in "{\n":
            start = mark
            while start > last and text[start - 1] in JS_WHITESPACE:
                start -= 1
            if start > 0 and text[start - 1] not in _TERMINATORS:
                line_break = _TERMINATOR.search(text, start, mark)
                start = line_break.end() if line_break else -1
            if start >= 0:
                end = text.find("\n", mark)
                end = len(text) if end < 0 else end + 1
                yield start, end, ""
                last = end
                mark = text.find("%%", end)
                continue
        mark = text.find("%%", mark + 1)


def _any_comment_edits(text: str) -> Iterator[tuple[int, int, str]]:
    """``/\\s*%%.*\\n/gm`` → "\\n": what diagram detection ignores."""
    last = 0
    mark = text.find("%%")
    line_end = -1
    while mark >= 0:
        if line_end < mark + 2:
            found = _TERMINATOR.search(text, mark + 2)
            line_end = found.start() if found else len(text)
        if line_end < len(text) and text[line_end] == "\n":
            start = mark
            while start > last and text[start - 1] in JS_WHITESPACE:
                start -= 1
            yield start, line_end + 1, "\n"
            last = line_end + 1
            mark = text.find("%%", last)
        else:
            mark = text.find("%%", mark + 1)


def _drop_semicolon_edits(text: str, keyword: str) -> Iterator[tuple[int, int, str]]:
    """``/<keyword>.*:\\S*#.*;/g`` → the match without its last character.

    Per line: after the first ``keyword``, a ``:`` followed by non-space characters up to
    a ``#``, then a ``;`` later on the line: the line's last ``;`` is dropped.
    """
    for line in re.finditer(f"[^{_TERMINATORS}]+", text):
        start = text.find(keyword, line.start(), line.end())
        semicolon = text.rfind(";", line.start(), line.end())
        if start < 0 or semicolon < 0:
            continue
        after_colon = False
        for index in range(start + len(keyword), semicolon):
            char = text[index]
            if char == "#" and after_colon:
                yield semicolon, semicolon + 1, ""
                break
            if char == ":":
                after_colon = True
            elif char in JS_WHITESPACE:
                after_colon = False


def preprocess(source: Source, reader: Reader) -> tuple[Source, str | None]:
    """Mermaid's ``preprocessDiagram``: line ends, front matter, directives, comment lines.

    Returns the code and the front matter's title.
    """
    source = _requote_tags(source.sub(_NEWLINES, "\n"))
    title = None
    match = _FRONT_MATTER.match(source.text)
    if match:
        title = _front_matter_title(source, match, reader)
        source = source.slice(match.end())
    source = source.sub(_DIRECTIVE, "")
    source = source.edit(_comment_line_edits(source.text))
    return source.slice(len(source.text) - len(source.text.lstrip(JS_WHITESPACE))), title


def _front_matter_title(source: Source, match: re.Match, reader: Reader) -> str | None:
    from journeyctl.loading.yaml_errors import YamlError
    from journeyctl.loading.yamlload import load_yaml

    indent = match.group(1)
    body = source.slice(match.start(2), match.end(2))
    if indent:
        body = body.sub(re.compile("^" + re.escape(indent), re.MULTILINE), "")
    try:
        data = load_yaml(body.text).data
    except YamlError as exc:
        index = _index_of(body.text, exc.position.line, exc.position.column)
        raise reader.fail(body, index, f"front matter: {exc.message}") from None
    title = data.get("title") if isinstance(data, dict) else None
    if isinstance(title, bool):
        return "true" if title else None
    if isinstance(title, int) or (isinstance(title, float) and math.isfinite(title)):
        if not title:
            return None
        return str(int(title)) if float(title).is_integer() and abs(title) < 1e21 else repr(title)
    if isinstance(title, str):
        return title or None
    if title:
        reader.warn(source, match.start(2), "front matter: 'title' is not text, so it is not imported")
    return None


@dataclass(frozen=True)
class NotJourney:
    """Why Mermaid would not read a text as a journey diagram, and where."""

    source: Source
    index: int
    message: str
    meant_as_journey: bool


def _index_of(text: str, line: int, column: int) -> int:
    """The offset of a 1-based line and column in ``text``, clamped to the text."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    if line > len(starts):
        return len(text)
    start = starts[max(line, 1) - 1]
    end = text.find("\n", start)
    return min(start + max(column, 1) - 1, len(text) if end < 0 else end)


def detect_journey(code: Source, source: Source) -> NotJourney | None:
    """Mermaid's diagram detection: None when the code starts with ``journey``.

    ``source`` is the diagram as read, where an empty diagram is reported (at its start).
    """
    probe = code.sub(_FRONT_MATTER, "", count=1).sub(_DIRECTIVE, "")
    probe = probe.edit(_any_comment_edits(probe.text))
    if _IS_JOURNEY.match(probe.text):
        return None
    stripped = probe.text.lstrip(JS_WHITESPACE)
    index = len(probe.text) - len(stripped)
    if not stripped:
        return NotJourney(source, 0, "the diagram is empty: expected 'journey' and its statements", False)
    if stripped.startswith("---"):
        return NotJourney(probe, index, "the front matter is not closed: expected a line '---' after it", True)
    first = _WORD.match(stripped).group()
    if first.lower().startswith("journey"):
        message = f"the diagram type must be written 'journey' in lower case, not '{shorten(first)}'"
        return NotJourney(probe, index, message, True)
    return NotJourney(probe, index, f"not a journey diagram: expected 'journey', found '{shorten(first)}'", False)


def encode_entities(code: Source) -> Source:
    """Mermaid's ``encodeEntities``: hide ``#…;`` codes from the parser."""

    def coded(match: re.Match) -> str:
        inner = match.group(1)
        if _INTEGER.fullmatch(inner):
            return f"\ufb02\u00b0\u00b0{inner}\u00b6\u00df"
        return f"\ufb02\u00b0{inner}\u00b6\u00df"

    code = code.edit(_drop_semicolon_edits(code.text, "style"))
    code = code.edit(_drop_semicolon_edits(code.text, "classDef"))
    return code.sub(_ENTITY, coded)


def decode_entities(text: str) -> str:
    """The text Mermaid draws for parsed text: entity codes become their characters."""
    text = _CODED_NUMBER.sub(lambda m: html.unescape(f"&#{m.group(1)};"), text)
    return _CODED_NAME.sub(lambda m: html.unescape(f"&{m.group(1)};"), text)


def split_pieces(text: str, separator: str) -> Iterator[str]:
    """``text.split(separator)``, one piece at a time."""
    start = 0
    while (end := text.find(separator, start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


_LINE_BREAK_TAG = js_regex(r"<br\s*/?>", re.IGNORECASE)


def drawn_name(raw: str) -> str:
    """A section or task name as Mermaid draws it: ``<br>`` a line break, entities decoded, trimmed.

    The break is found before the entities are decoded: Mermaid draws ``#60;br#62;`` as text.
    """
    return js_trim(decode_entities(_LINE_BREAK_TAG.sub("\n", raw)))
