"""Text that remembers where each character came from, and the diagnostics about it.

Mermaid rewrites a diagram before parsing it; every diagnostic still points at a line and
column of the file that was read.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable

from journeyctl.importers.mermaid.diagram import Diagnostic, Limits, MermaidImportError


class Source:
    """Text being rewritten the way Mermaid rewrites it before parsing.

    ``origin[i]`` is the offset in the file of character ``i``; one more entry gives the
    offset just past the end. Diagnostics about the rewritten text thus point into the file.
    """

    __slots__ = ("text", "origin")

    def __init__(self, text: str, origin: list[int]) -> None:
        self.text = text
        self.origin = origin

    @classmethod
    def of(cls, text: str) -> Source:
        return cls(text, list(range(len(text) + 1)))

    @classmethod
    def of_spans(cls, text: str, spans: list[tuple[int, int]], end: int) -> Source:
        """The spans ``(start, end)`` of ``text`` put together; ``end`` is the offset past
        the result when there are no spans."""
        origin: list[int] = []
        for start, stop in spans:
            origin.extend(range(start, stop))
        origin.append(spans[-1][1] if spans else end)
        return cls("".join(text[start:stop] for start, stop in spans), origin)

    def slice(self, start: int, end: int | None = None) -> Source:
        end = len(self.text) if end is None else end
        return Source(self.text[start:end], self.origin[start:end + 1])

    def sub(self, pattern: re.Pattern, repl: str | Callable[[re.Match], str], count: int = 0) -> Source:
        """``pattern.sub`` that keeps origins (see :meth:`edit`)."""
        matches = pattern.finditer(self.text)
        if count:
            matches = (m for _, m in zip(range(count), matches))
        return self.edit((m.start(), m.end(), repl(m) if callable(repl) else repl) for m in matches)

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> Source:
        """Replace the spans ``(start, end, new)`` (in order, not overlapping).

        Kept characters keep their origins; new text takes those of the characters it
        replaces when it keeps their length or is a prefix of them, else the span's start.
        """
        parts: list[str] = []
        origin: list[int] = []
        last = 0
        for start, end, new in edits:
            parts.append(self.text[last:start])
            origin.extend(self.origin[last:start])
            old = self.text[start:end]
            if len(new) == len(old) or old.startswith(new):
                origin.extend(self.origin[start:start + len(new)])
            else:
                origin.extend([self.origin[start]] * len(new))
            parts.append(new)
            last = end
        parts.append(self.text[last:])
        origin.extend(self.origin[last:])
        return Source("".join(parts), origin)

    def append(self, text: str) -> Source:
        return Source(self.text + text, self.origin + [self.origin[-1]] * len(text))


class Lines:
    """Offsets of the read file → 1-based (line, column); ``\\r\\n``, ``\\r`` and ``\\n`` end lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: array | None = None

    @property
    def starts(self) -> array:
        # Made on first use, compactly: a long document of short lines holds millions.
        if self._starts is None:
            self._starts = array("q", [0])
            self._starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", self.text))
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        low, high = 0, len(self.starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1, offset - self.starts[low] + 1


class Reader:
    """Collects diagnostics for one diagram: at most ``limit`` of each kind, then a count."""

    def __init__(self, lines: Lines, limit: int = Limits.diagnostics) -> None:
        self.lines = lines
        self.limit = limit
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.more_errors = 0
        self.more_warnings = 0
        self.first_unreported_error: tuple[int, int] | None = None
        self.first_unreported_warning: tuple[int, int] | None = None

    def position(self, source: Source, index: int) -> tuple[int, int]:
        return self.lines.position(source.origin[min(index, len(source.text))])

    def at(self, source: Source, index: int, message: str) -> Diagnostic:
        return Diagnostic(*self.position(source, index), message)

    def fail(self, source: Source, index: int, message: str) -> MermaidImportError:
        return MermaidImportError(sorted([*self.all_errors(), self.at(source, index, message)]))

    def error(self, source: Source, index: int, message: str) -> None:
        if len(self.errors) < self.limit:
            self.errors.append(self.at(source, index, message))
        else:
            self.more_errors += 1
            self.first_unreported_error = self.first_unreported_error or self.position(source, index)

    def warn(self, source: Source, index: int, message: str) -> None:
        if len(self.warnings) < self.limit:
            self.warnings.append(self.at(source, index, message))
        else:
            self.more_warnings += 1
            self.first_unreported_warning = self.first_unreported_warning or self.position(source, index)

    def all_errors(self) -> list[Diagnostic]:
        """The errors, and one that counts those past the limit (where the first of them is)."""
        return self.errors + self._more(self.first_unreported_error, self.more_errors, "errors")

    def all_warnings(self) -> list[Diagnostic]:
        return self.warnings + self._more(self.first_unreported_warning, self.more_warnings, "warnings")

    @staticmethod
    def _more(where: tuple[int, int] | None, count: int, what: str) -> list[Diagnostic]:
        if where is None:
            return []
        return [Diagnostic(*where, f"{count:,} more {what} in this diagram are not reported")]

def shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
