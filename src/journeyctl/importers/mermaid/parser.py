"""The parser of Mermaid's journey grammar: a diagram's text → a :class:`JourneyDiagram`."""

from __future__ import annotations

import math
import re

from journeyctl.importers.mermaid.diagram import Budget, Diagnostic, JourneyDiagram, MermaidImportError, Section, Task
from journeyctl.importers.mermaid.lexer import Token, journey_tokens
from journeyctl.importers.mermaid.preprocess import JS_SPACE, JS_WHITESPACE, decode_entities, detect_journey, drawn_name, encode_entities, js_trim, preprocess, split_pieces
from journeyctl.importers.mermaid.source import Lines, Reader, Source, shorten


def read_diagram(source: Source, lines: Lines, budget: Budget) -> tuple[JourneyDiagram, list[Diagnostic]]:
    reader = Reader(lines, budget.limits.diagnostics)
    code, front_title = preprocess(source, reader)
    # mermaid.parse preprocesses the text once more before it detects and parses it.
    code, _ = preprocess(code, reader)
    not_journey = detect_journey(code, source)
    if not_journey is not None:
        raise reader.fail(not_journey.source, not_journey.index, not_journey.message)
    code = encode_entities(code).append("\n")
    diagram = JourneyDiagram(title=front_title)
    _Parser(code, reader, diagram, budget).parse()
    if reader.errors:
        raise MermaidImportError(sorted(reader.all_errors()))
    return diagram, sorted(reader.all_warnings())


class _Parser:
    """journey.jison's grammar: ``journey`` then statements, each a line or part of one."""

    def __init__(self, code: Source, reader: Reader, diagram: JourneyDiagram, budget: Budget) -> None:
        self.code = code
        self.reader = reader
        self.diagram = diagram
        self.budget = budget
        self.limits = budget.limits
        self.actors_seen: set[str] = set()
        self.blocks: list[int] = []
        self.tokens = journey_tokens(code, reader, self.blocks)
        # Whether a title statement was read: it replaces the front matter's title quietly,
        # but a second statement silently dropping the first deserves a warning.
        self.titled = False

    def fail(self, token: Token, message: str) -> MermaidImportError:
        return self.reader.fail(self.code, token.start, message)

    def parse(self) -> None:
        first = next(self.tokens)
        if first.kind != "journey":
            raise self.fail(first, f"expected 'journey' to start the diagram, found '{shorten(first.text.strip())}'")
        self.diagram.line, self.diagram.column = self.reader.position(self.code, first.start)
        previous = first
        while True:
            token = next(self.tokens)
            kind = token.kind
            if kind == "EOF":
                return
            if kind == "title":
                self.title(token)
            elif kind in ("acc_title", "acc_descr"):
                value = js_trim(next(self.tokens).text)
                if kind == "acc_title":
                    self.diagram.acc_title = decode_entities(value) or None
                else:
                    self.diagram.description = decode_entities(value) or None
            elif kind == "acc_descr_multiline_value":
                value = re.sub(f"\n{JS_SPACE}+", "\n", js_trim(token.text))
                self.diagram.description = decode_entities(value) or None
            elif kind == "section":
                self.section(token)
            elif kind == "taskName":
                self.task(token, next(self.tokens))
            elif kind != "NEWLINE":
                raise self.unexpected(token, previous)
            previous = token

    def unexpected(self, token: Token, previous: Token) -> MermaidImportError:
        if token.kind == "END":
            return self.reader.fail(self.code, self.blocks[-1], "the accDescr block is not closed: expected '}'")
        if token.kind == "INVALID" and token.text == ";":
            return self.fail(token, _SEMICOLON)
        if token.kind in ("taskData", ":"):
            same_line = "\n" not in self.code.text[previous.start:token.start]
            if previous.kind == "section" and same_line:
                return self.fail(
                    token,
                    "this line is a section (it starts with 'section'), and a section name cannot "
                    "contain ':' (write #58; for a colon in a name)",
                )
            return self.fail(token, "':' without a task name before it")
        if token.kind == "journey":
            return self.fail(
                token,
                f"'{token.text}' is read as the keyword 'journey', which only starts the diagram "
                f"(write #{ord(token.text[0])}; for its first letter to begin a name with it)",
            )
        return self.fail(token, f"unexpected '{shorten(token.text)}'")

    def title(self, token: Token) -> None:
        raw = token.text[6:]
        name = js_trim(decode_entities(raw))
        if not name:
            return
        self.warn_comment(token, raw, "the title")
        if self.titled and self.diagram.title != name:
            self.reader.warn(
                self.code,
                token.start,
                f"Mermaid keeps only the last title: '{shorten(name)}' replaces '{shorten(self.diagram.title)}'",
            )
        self.diagram.title = name
        self.titled = True

    def section(self, token: Token) -> None:
        self.budget.sections += 1
        if self.budget.sections > self.limits.sections:
            raise self.fail(token, f"more than {self.limits.sections:,} sections: over the import's limit")
        raw = token.text[8:]
        self.warn_comment(token, raw, "the section name")
        line, column = self.reader.position(self.code, token.start)
        self.diagram.sections.append(Section(drawn_name(raw) or None, line, column))

    def task(self, name_token: Token, data: Token) -> None:
        name = drawn_name(name_token.text)
        if data.kind == "INVALID" and data.text == ";":
            raise self.fail(data, _SEMICOLON)
        if data.kind == ":":
            raise self.fail(data, f"task '{shorten(name)}' has no score after ':'")
        if data.kind != "taskData":
            raise self.fail(name_token, f"task '{shorten(name)}' has no score: expected ':' and a number")
        self.budget.tasks += 1
        if self.budget.tasks > self.limits.tasks:
            raise self.fail(name_token, f"more than {self.limits.tasks:,} tasks: over the import's limit")
        if not self.diagram.sections:
            self.diagram.sections.append(Section(None, *self.reader.position(self.code, name_token.start)))
        self.warn_comment(name_token, name_token.text, "the task name")
        # Mermaid splits the text after the first ':' at every ':': the score, the actors,
        # and pieces it ignores.
        # (At most three pieces: a diagram of colons must not become millions of strings.)
        pieces = data.text[1:].split(":", 2)
        offsets = [data.start + 1]
        for piece in pieces[:-1]:
            offsets.append(offsets[-1] + len(piece) + 1)
        # 'Pay: by card: 5' reads 'by card' as the score: the number after it tells.
        score_follows = len(pieces) > 1 and math.isfinite(_js_number(pieces[1])) and bool(js_trim(pieces[1]))
        score = self.score(name, pieces[0], offsets[0], score_follows)
        actors: list[str] = []
        # 'Task: 5:' (in Mermaid's own tests) lists no actors: Mermaid reads one empty name
        # and draws nobody.
        if len(pieces) > 1 and js_trim(pieces[1]):
            actors = self.actors(name, pieces[1], offsets[1])
        if len(pieces) > 2:
            ignored = pieces[2]
            self.reader.warn(
                self.code,
                offsets[2] - 1,
                f"Mermaid ignores ':{shorten(ignored)}' after the actors of task '{shorten(name)}', "
                "so it is not imported",
            )
        line, column = self.reader.position(self.code, name_token.start)
        task = Task(name or "Unnamed task", score, tuple(actors), len(self.diagram.sections) - 1, line, column)
        self.diagram.tasks.append(task)

    def score(self, task: str, text: str, offset: int, score_follows: bool) -> float:
        """The score Mermaid reads (any finite number); ``score_follows``: a number follows the next ':'."""
        value = _js_number(text)
        shown = js_trim(text)
        if math.isfinite(value) and shown:
            return value
        if not shown:
            # Mermaid reads a blank score as 0, which nobody wrote.
            message = f"task '{shorten(task)}' has no score: expected a number"
            self.reader.error(self.code, offset - 1, message)
            return 3.0
        at = offset + len(text) - len(text.lstrip(JS_WHITESPACE))
        kind = "a finite number" if math.isinf(value) else "a number"
        message = f"task '{shorten(task)}': score '{shorten(shown)}' is not {kind}"
        if "%%" in shown:
            message += " ('%%' after a statement is not a comment in Mermaid; use '#')"
        elif score_follows and math.isnan(value):
            message += " (a ':' inside a task name ends the name: write it as #58;)"
        self.reader.error(self.code, at, message)
        return 3.0

    def actors(self, task: str, text: str, offset: int) -> list[str]:
        actors: list[str] = []
        for raw in split_pieces(text, ","):
            self.budget.actor_mentions += 1
            if self.budget.actor_mentions > self.limits.actor_mentions:
                message = f"more than {self.limits.actor_mentions:,} actor names: over the import's limit"
                raise self.reader.fail(self.code, offset, message)
            actor = js_trim(raw)
            if not actor:
                # Point at the ',' (or the ':') next to the missing name.
                self.reader.error(self.code, offset - 1, f"task '{shorten(task)}': empty actor name")
            else:
                if "%%" in actor:
                    self.reader.warn(
                        self.code,
                        offset + raw.index("%%"),
                        f"'%%' is part of the actor name '{shorten(decode_entities(actor))}': Mermaid reads '%%' as a "
                        "comment only at the start of a line",
                    )
                actors.append(js_trim(decode_entities(actor)) or "Unnamed actor")
                if actors[-1] not in self.actors_seen:
                    self.actors_seen.add(actors[-1])
                    if len(self.actors_seen) > self.limits.actors:
                        message = f"the diagram has more than {self.limits.actors:,} actors: over the import's limit"
                        raise self.reader.fail(self.code, offset + len(raw) - len(raw.lstrip(JS_WHITESPACE)), message)
            offset += len(raw) + 1
        return actors

    def warn_comment(self, token: Token, raw: str, what: str) -> None:
        if "%%" not in raw:
            return
        start = token.start + len(token.text) - len(raw) + raw.index("%%")
        self.reader.warn(
            self.code,
            start,
            f"'%%' is part of {what} '{shorten(js_trim(decode_entities(raw)))}': Mermaid reads '%%' as a "
            "comment only at the start of a line",
        )


_SEMICOLON = (
    "';' does not separate statements in a Mermaid journey diagram: start a new line "
    "(write #59; for a ';' in a name)"
)

_JS_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_JS_PREFIXED = re.compile(r"0(?:([xX])[0-9a-fA-F]+|([oO])[0-7]+|([bB])[01]+)", re.ASCII)


def _js_number(text: str) -> float:
    """JavaScript's ``Number(text)``, the conversion Mermaid applies to a score."""
    text = js_trim(text)
    if not text:
        return 0.0
    if _JS_DECIMAL.fullmatch(text):
        return float(text)
    prefixed = _JS_PREFIXED.fullmatch(text)
    if prefixed:
        base = 16 if prefixed.group(1) else 8 if prefixed.group(2) else 2
        return float(int(text[2:], base))
    if text in ("Infinity", "+Infinity"):
        return math.inf
    if text == "-Infinity":
        return -math.inf
    return math.nan
