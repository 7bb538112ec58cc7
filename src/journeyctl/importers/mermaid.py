"""Mermaid ``journey`` diagrams → journeyctl maps (``journeyctl import mermaid``).

**Reading.** The text is read the way Mermaid 11 reads it (the journey grammar of
``journey.jison`` and the preprocessing ``mermaid.parse`` applies), so a diagram imports
exactly when Mermaid accepts it:

- optional YAML front matter between ``---`` lines; its ``title`` is the diagram's title
  unless a ``title`` statement follows; ``config`` and other keys only style the drawing
  and are ignored; ``%%{init: …}%%`` directives are ignored too;
- the header ``journey`` (lower case: Mermaid does not recognise ``Journey``), then
  statements: ``title …``, ``accTitle: …``, ``accDescr: …``, ``accDescr { … }`` (several
  lines), ``section …`` and tasks ``Name: score`` or ``Name: score: Actor, Actor``;
  keywords ignore case and spacing is free;
- comments: a line starting with ``%%``, and ``#`` to the end of a line anywhere (so a
  ``#`` cannot appear in a name except as ``#35;``). A ``%%`` *after* a statement is not a
  comment in Mermaid: it becomes part of the section name, title or actor name, or
  makes a score unreadable; and a line with ``%%`` right after its first character
  (``5%% off: 3``) is a comment as a whole. The import warns about each;
- ``;`` does not separate statements in a journey diagram: Mermaid rejects it, and so
  does the import (write ``#59;`` for a ``;`` inside a name);
- entity codes (``#59;``, ``#quot;``) stand for the character they code, as in Mermaid's
  drawing; names are trimmed; ``<br>`` (``<br/>``, ``<BR />``) in a section or task name
  is a line break, as Mermaid draws it (``#60;br#62;`` is the text ``<br>``);
- tasks before the first ``section`` are valid: Mermaid draws them without a section
  heading, and the import puts them in a stage named "Unnamed section" (as it does for a
  section whose name is blank).

Mermaid's own quirks are kept on purpose, down to its regular expressions matching
UTF-16 units; the tests check the verdicts against the real parser. Whenever Mermaid
accepts a diagram and its parse holds meaningful values, the import succeeds and keeps
what the parse holds. Where the parse holds no meaningful value, the import says so with
a located error: a score that is not a finite number (Mermaid reads ``Pay: by card: 5``
as the task ``Pay`` scored ``by card``, drawn at NaN coordinates: the error suggests
``#58;``), a blank score (Mermaid reads it as 0), an empty actor name among others
(``Me,``). A ``:`` with no actors after it (``Sign Up: 5:``, in Mermaid's own tests) lists
no actors. Text after a second ``:`` in a task (``Task: 5: Me: extra``), which Mermaid
ignores, is dropped with a warning. A diagram or section without tasks is imported as it
is (a map without touchpoints or stages, which lint reports).

**Mapping.**

- sections → ``stages``, in order; tasks → ``touchpoints``, in order, linked one after
  the other (each ``next`` is the following task); the first task is the ``entry``, the
  last one ends the journey with ``end: success``;
- a task's score → ``emotion``: the score minus the middle of the score range, so the
  range maps onto an emotion scale centred on 0. Scores within Mermaid's 1–5 land on
  the default scale -2..2 (``score - 3``); when a score lies outside, the range is
  guessed (from 1, or the lowest score rounded down, to 5, 10 or the highest score
  rounded up) with a warning, or stated by the caller (``--score-range 1..10``), and the
  map gets that ``emotion_scale`` (1..10 → -4.5..4.5);
- actors → ``personas`` (``name`` is the actor's text), in order of first appearance;
  every touchpoint lists its actors in ``personas`` (``[]`` for a task without actors
  when the diagram has actors elsewhere, because an absent list means "every persona");
- ``title`` → ``title`` (else ``accTitle``, else "Imported journey"); ``accDescr`` →
  ``description``; ``accTitle`` is also kept as ``x-mermaid: {accTitle: …}``, which the
  journey renderer writes back;
- Mermaid records no channels and a task is something the actor does, so every
  touchpoint is in the ``customer`` lane with ``channel: unspecified``, a channel the
  map declares (``kind: other``) so that the map is valid and the gap is visible; no
  ``reviewed`` date (the output is the same whenever it is made) and no pain points or
  owners are invented, so lint reports those gaps as warnings, never errors.

**Ids** are slugs of the names: accents are removed, Greek and Cyrillic are
transliterated, other letters (Hebrew, Arabic, CJK…) cannot be, and such a name falls back
to ``stage-N``, ``touchpoint-N`` or ``persona-N`` (N: its 1-based position); emoji and
punctuation only separate words. Ids are unique (``-2``, ``-3``… on a clash) and depend
only on the diagram, so importing again gives the same map. The journey ``id`` is the
slug of the title, else ``imported-journey``.

**Markdown.** :func:`import_markdown` imports every fenced ``mermaid`` or
``mermaid-example`` (Mermaid's own documentation) code block (`````
or ``~~~``, indented at most three spaces; blocks inside lists or quotes are not looked
at) whose diagram is a journey; other diagrams are skipped. A block that cannot be
imported is reported with its errors and the others are imported all the same. Positions
in diagnostics are lines and columns of the Markdown file. HTML in names is kept as text
(Mermaid would sanitise it for the drawing).

**Limits** (:class:`Limits`, docs/security.md) bound what one input may make, so that an
import ends within seconds: the text of its journey diagrams, the diagrams, tasks,
sections, actors and actor names, and the diagnostics reported.
"""

from __future__ import annotations

import functools
import html
import math
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

# -- results --------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem in the input, at a 1-based line and column of the file that was read."""

    line: int
    column: int
    message: str


class MermaidImportError(Exception):
    """The input is not a journey diagram the import accepts; ``errors`` says where and why."""

    def __init__(self, errors: list[Diagnostic]) -> None:
        super().__init__("; ".join(f"{e.line}:{e.column}: {e.message}" for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Section:
    """A ``section`` statement; ``name`` is ``None`` for tasks written before any section."""

    name: str | None
    line: int
    column: int


@dataclass(frozen=True)
class Task:
    """A task: its name, score (any finite number), actors and the index of its section."""

    name: str
    score: float
    actors: tuple[str, ...]
    section: int
    line: int
    column: int


@dataclass
class JourneyDiagram:
    """What a journey diagram says, as Mermaid reads it."""

    title: str | None = None
    acc_title: str | None = None
    description: str | None = None
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    line: int = 1
    column: int = 1


@dataclass
class ImportResult:
    """The maps made from the input (journey data ready for ``dump_map``), warnings, and
    the errors of the Markdown blocks that could not be imported."""

    maps: list[dict]
    warnings: list[Diagnostic]
    errors: list[Diagnostic] = field(default_factory=list)
    #: How many journey diagrams the input holds, imported or not.
    diagrams: int = 1


@dataclass(frozen=True)
class ScoreRange:
    """The range a diagram's scores are written on (Mermaid draws 1 to 5)."""

    low: Decimal
    high: Decimal

    def __str__(self) -> str:
        return f"{_plain_number(self.low)}..{_plain_number(self.high)}"

    @classmethod
    def parse(cls, text: str) -> ScoreRange:
        """``LOW..HIGH`` (``1..10``, ``-5..5``, ``0.5..4.5``); ValueError when it is not one."""
        match = re.fullmatch(r"\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*\.\.\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*", text, re.ASCII)
        if not match:
            raise ValueError(f"'{text}' is not a score range: write LOW..HIGH, for example 1..10")
        low, high = Decimal(match.group(1)), Decimal(match.group(2))
        if low >= high:
            raise ValueError(f"'{text}' is not a score range: LOW must be below HIGH")
        return cls(low, high)


MERMAID_SCORES = ScoreRange(Decimal(1), Decimal(5))


@dataclass(frozen=True)
class Limits:
    """How much one import may read and make (docs/security.md).

    The counts hold for the whole input (every journey block of a Markdown file
    together), because writing and linting the maps costs in proportion to them: with
    these defaults an import ends within seconds whatever the input. A journey diagram
    Mermaid can draw is far smaller: it draws every task as a column 150 pixels wide,
    and refuses text longer than 50,000 characters by default.
    """

    text: int = 1_000_000
    diagrams: int = 200
    tasks: int = 2_000
    sections: int = 2_000
    actors: int = 1_000
    actor_mentions: int = 20_000
    diagnostics: int = 1_000


class _Budget:
    """What an import has used of its :class:`Limits` so far."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.text = 0
        self.tasks = 0
        self.sections = 0
        self.actor_mentions = 0


# -- public functions --------------------------------------------------------------------


def parse_journey(text: str, limits: Limits = Limits()) -> tuple[JourneyDiagram, list[Diagnostic]]:
    """Read one Mermaid diagram; return it with the warnings, or raise :class:`MermaidImportError`."""
    budget = _Budget(limits)
    _spend_text(budget, len(text), 1, 1)
    return _read_diagram(_Source.of(text), _Lines(text), budget)


def import_mermaid(text: str, *, score_range: ScoreRange | None = None, limits: Limits = Limits()) -> ImportResult:
    """One Mermaid journey diagram → one map.

    ``score_range`` is the range the scores are written on; by default 1..5 when every
    score lies within it, else a range guessed from the scores (with a warning).
    """
    diagram, warnings = parse_journey(text, limits)
    scores, found = diagram_score_range(diagram, score_range)
    return ImportResult([journey_map(diagram, scores)], sorted(warnings + found))


def import_markdown(
    text: str, *, score_range: ScoreRange | None = None, limits: Limits = Limits()
) -> ImportResult:
    """Every journey diagram in the ``mermaid`` code blocks of a Markdown text → one map each.

    A block that cannot be imported adds its errors to the result's ``errors``; the other
    blocks are imported all the same. Journey ids are made unique across the maps (``-2``,
    ``-3``…), so the maps can live in one workspace. Raises :class:`MermaidImportError`
    only when the text holds no journey diagram at all.
    """
    lines = _Lines(text)
    maps: list[dict] = []
    warnings: list[Diagnostic] = []
    errors: list[Diagnostic] = []
    journey_ids = _Ids()
    budget = _Budget(limits)
    blocks = []
    for block in _mermaid_blocks(text):
        if _looks_like_journey(block):
            where = lines.position(block.origin[0])
            if len(blocks) == limits.diagrams:
                message = f"more than {limits.diagrams:,} journey diagrams: over the import's limit"
                raise MermaidImportError([Diagnostic(*where, message)])
            _spend_text(budget, len(block.text), *where)
            blocks.append(block)
    if not blocks:
        message = (
            "no Mermaid journey diagram found: expected a ```mermaid (or ```mermaid-example) "
            "code block starting with 'journey'"
        )
        raise MermaidImportError([Diagnostic(1, 1, message)])
    for block in blocks:
        try:
            diagram, found = _read_diagram(block, lines, budget)
            scores, guessed = diagram_score_range(diagram, score_range)
        except MermaidImportError as exc:
            errors.extend(exc.errors)
            continue
        data = journey_map(diagram, scores)
        warnings.extend(found + guessed)
        data["id"] = journey_ids.unique(data["id"])
        maps.append(data)
    return ImportResult(maps, sorted(warnings), sorted(errors), len(blocks))


def _spend_text(budget: _Budget, length: int, line: int, column: int) -> None:
    budget.text += length
    if budget.text > budget.limits.text:
        message = (
            f"the journey diagrams are {budget.text:,} characters long, over the {budget.limits.text:,} an import "
            "reads (Mermaid itself draws at most 50,000)"
        )
        raise MermaidImportError([Diagnostic(line, column, message)])


def diagram_score_range(
    diagram: JourneyDiagram, given: ScoreRange | None = None
) -> tuple[ScoreRange, list[Diagnostic]]:
    """The range the diagram's scores are read on, and a warning when it had to be guessed.

    With ``given``, a score outside it is an error. Without, scores within 1..5 are read
    on Mermaid's own scale; otherwise the range runs from 1 (or the lowest score, rounded
    down, when lower) to 5, 10 or the highest score rounded up, whichever holds them all.
    """
    scores = [_decimal(task.score) for task in diagram.tasks]
    if given is not None:
        outside = [
            Diagnostic(task.line, task.column, f"task '{_shorten(task.name)}': score {_plain_number(score)} "
                       f"is outside the score range {given}")
            for task, score in zip(diagram.tasks, scores) if not given.low <= score <= given.high
        ]
        if outside:
            raise MermaidImportError(outside)
        return given, []
    first = next((t for t, s in zip(diagram.tasks, scores) if not 1 <= s <= 5), None)
    if first is None:
        return MERMAID_SCORES, []
    low = min(Decimal(1), min(scores).to_integral_value(rounding=ROUND_FLOOR))
    top = max(scores)
    high = Decimal(5) if top <= 5 else Decimal(10) if top <= 10 else top.to_integral_value(rounding=ROUND_CEILING)
    guessed = ScoreRange(low, high)
    message = (
        f"task '{_shorten(first.name)}' scores {_plain_number(_decimal(first.score))}, outside Mermaid's 1..5: "
        f"the scores are read on the range {guessed} (say which with --score-range LOW..HIGH)"
    )
    return guessed, [Diagnostic(first.line, first.column, message)]


UNSPECIFIED_CHANNEL = {
    "id": "unspecified",
    "name": "Unspecified",
    "kind": "other",
    "description": "Imported from a Mermaid journey diagram, which does not say which channel a step uses.",
}
UNNAMED_SECTION = "Unnamed section"
DEFAULT_TITLE = "Imported journey"
DEFAULT_ID = "imported-journey"


def journey_map(diagram: JourneyDiagram, score_range: ScoreRange = MERMAID_SCORES) -> dict:
    """The journeyctl map (plain data, keys in schema order) of a parsed journey diagram.

    A diagram without tasks (or sections) gives a map without touchpoints (or stages),
    which lint then reports: the import keeps what the diagram says.
    """
    title = diagram.title or diagram.acc_title or DEFAULT_TITLE
    data: dict = {"journeyctl": 1, "id": slugify(title) or DEFAULT_ID, "title": title}
    if diagram.description:
        data["description"] = diagram.description
    middle = (score_range.low + score_range.high) / 2
    if score_range != MERMAID_SCORES:
        half = (score_range.high - score_range.low) / 2
        data["emotion_scale"] = {"min": _plain_number(-half, number=True), "max": _plain_number(half, number=True)}

    persona_ids: dict[str, str] = {}
    taken = _Ids()
    for task in diagram.tasks:
        for actor in task.actors:
            if actor not in persona_ids:
                persona_ids[actor] = taken.unique(slugify(actor) or f"persona-{len(persona_ids) + 1}")
    if persona_ids:
        data["personas"] = [{"id": ident, "name": actor} for actor, ident in persona_ids.items()]
    data["channels"] = [dict(UNSPECIFIED_CHANNEL)]

    stage_ids: list[str] = []
    stages: list[dict] = []
    taken = _Ids()
    for section in diagram.sections:
        name = section.name or UNNAMED_SECTION
        stage_ids.append(taken.unique(slugify(name) or f"stage-{len(stages) + 1}"))
        stages.append({"id": stage_ids[-1], "name": name})
    data["stages"] = stages

    taken = _Ids()
    touchpoint_ids = [taken.unique(slugify(t.name) or f"touchpoint-{n}") for n, t in enumerate(diagram.tasks, 1)]
    touchpoints: list[dict] = []
    last = len(diagram.tasks) - 1
    for index, task in enumerate(diagram.tasks):
        touchpoint: dict = {
            "id": touchpoint_ids[index],
            "name": task.name,
            "stage": stage_ids[task.section],
            "channel": UNSPECIFIED_CHANNEL["id"],
            "lane": "customer",
        }
        if index == 0:
            touchpoint["entry"] = True
        if index == last:
            touchpoint["end"] = "success"
        touchpoint["emotion"] = _plain_number(_decimal(task.score) - middle, number=True)
        if persona_ids:
            touchpoint["personas"] = list(dict.fromkeys(persona_ids[a] for a in task.actors))
        if index < last:
            touchpoint["next"] = [touchpoint_ids[index + 1]]
        touchpoints.append(touchpoint)
    data["touchpoints"] = touchpoints
    if diagram.acc_title:
        data["x-mermaid"] = {"accTitle": diagram.acc_title}
    return data


def _decimal(score: float) -> Decimal:
    # From the shortest text of the float: 3.3 - 3 is 0.3, not 0.2999999999999998.
    return Decimal(repr(score))


def _plain_number(value: Decimal, *, number: bool = False) -> str | int | float:
    """``value`` as short text (``10``, ``4.5``), or with ``number`` as an int or float.

    Whole numbers beyond 2**53 are floats, as JavaScript holds them (``1e300``, not 301 digits).
    """
    if value == value.to_integral_value() and abs(value) <= 2**53:
        whole = int(value)
        return whole if number else str(whole)
    return float(value) if number else str(float(value))


# -- ids -----------------------------------------------------------------------------------

SLUG_MAX_LENGTH = 48

_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o", "ϊ": "i", "ΐ": "i", "ϋ": "y", "ΰ": "y",
}  # fmt: skip
# Greek vowel pairs read as one sound (ELOT 743): ου → ou, αυ → av, ευ → ev, ηυ → iv.
_GREEK_PAIRS = {"ου": "ou", "αυ": "av", "ευ": "ev", "ηυ": "iv"}
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u", "ђ": "dj", "ј": "j",
    "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}  # fmt: skip
# Latin letters that do not decompose into an ASCII letter plus accents.
_LATIN = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i", "ŋ": "ng",
}  # fmt: skip


def slugify(name: str) -> str | None:
    """A slug for ``name`` (``Go to work`` → ``go-to-work``), or None when it has none.

    None when nothing is left, or when the name holds letters that cannot be written in
    ASCII (Hebrew, CJK…): half a name would make a misleading id.
    """
    bases = "".join(_base_letters(char) for char in unicodedata.normalize("NFC", name).lower())
    words: list[str] = []
    index = 0
    while index < len(bases):
        pair = bases[index:index + 2]
        if pair in _GREEK_PAIRS:
            words.append(_GREEK_PAIRS[pair])
            index += 2
            continue
        char = bases[index]
        index += 1
        if char.isascii():
            words.append(char if char.isalnum() else "-")
        elif char in _TRANSLITERATION:
            words.append(_TRANSLITERATION[char])
        elif unicodedata.category(char) == "Nd":
            words.append(str(unicodedata.decimal(char)))
        elif unicodedata.category(char) in ("Lu", "Ll", "Lt", "Lo"):
            return None
        else:
            words.append("-")
    slug = re.sub(r"-+", "-", "".join(words)).strip("-")
    if len(slug) > SLUG_MAX_LENGTH:
        cut = slug[:SLUG_MAX_LENGTH + 1]
        slug = cut[:cut.rfind("-")] if "-" in cut else slug[:SLUG_MAX_LENGTH]
    return slug or None


_TRANSLITERATION = {**_GREEK, **_CYRILLIC, **_LATIN}


def _base_letters(char: str) -> str:
    """``char`` without accents (``ά`` → ``α``, ``é`` → ``e``, ``ﬁ`` → ``fi``).

    Letters whose marks make another letter (``й``, ``ё``, ``ϋ``) are kept whole.
    """
    if char.isascii() or char in _TRANSLITERATION:
        return char
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


class _Ids:
    """Ids handed out so far: a clash gets ``-2``, ``-3``… (the first suffix free)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        # The next suffix to try for each base, so that a thousand tasks with one name
        # cost a thousand steps, not half a million.
        self.next: dict[str, int] = {}

    def unique(self, base: str) -> str:
        ident, n = base, self.next.get(base, 2)
        if ident in self.taken:
            ident = f"{base}-{n}"
            while ident in self.taken:
                n += 1
                ident = f"{base}-{n}"
            self.next[base] = n + 1
        self.taken.add(ident)
        return ident


# -- text that remembers where it came from ------------------------------------------------


class _Source:
    """Text being rewritten the way Mermaid rewrites it before parsing.

    ``origin[i]`` is the offset in the file of character ``i``; one more entry gives the
    offset just past the end. Diagnostics about the rewritten text thus point into the file.
    """

    __slots__ = ("text", "origin")

    def __init__(self, text: str, origin: list[int]) -> None:
        self.text = text
        self.origin = origin

    @classmethod
    def of(cls, text: str) -> _Source:
        return cls(text, list(range(len(text) + 1)))

    @classmethod
    def of_spans(cls, text: str, spans: list[tuple[int, int]], end: int) -> _Source:
        """The spans ``(start, end)`` of ``text`` put together; ``end`` is the offset past
        the result when there are no spans."""
        origin: list[int] = []
        for start, stop in spans:
            origin.extend(range(start, stop))
        origin.append(spans[-1][1] if spans else end)
        return cls("".join(text[start:stop] for start, stop in spans), origin)

    def slice(self, start: int, end: int | None = None) -> _Source:
        end = len(self.text) if end is None else end
        return _Source(self.text[start:end], self.origin[start:end + 1])

    def sub(self, pattern: re.Pattern, repl: str | Callable[[re.Match], str], count: int = 0) -> _Source:
        """``pattern.sub`` that keeps origins (see :meth:`edit`)."""
        matches = pattern.finditer(self.text)
        if count:
            matches = (m for _, m in zip(range(count), matches))
        return self.edit((m.start(), m.end(), repl(m) if callable(repl) else repl) for m in matches)

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> _Source:
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
        return _Source("".join(parts), origin)

    def append(self, text: str) -> _Source:
        return _Source(self.text + text, self.origin + [self.origin[-1]] * len(text))


class _Lines:
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


class _Reader:
    """Collects diagnostics for one diagram: at most ``limit`` of each kind, then a count."""

    def __init__(self, lines: _Lines, limit: int = Limits.diagnostics) -> None:
        self.lines = lines
        self.limit = limit
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.more_errors = 0
        self.more_warnings = 0
        self.first_unreported_error: tuple[int, int] | None = None
        self.first_unreported_warning: tuple[int, int] | None = None

    def position(self, source: _Source, index: int) -> tuple[int, int]:
        return self.lines.position(source.origin[min(index, len(source.text))])

    def at(self, source: _Source, index: int, message: str) -> Diagnostic:
        return Diagnostic(*self.position(source, index), message)

    def fail(self, source: _Source, index: int, message: str) -> MermaidImportError:
        return MermaidImportError(sorted([*self.all_errors(), self.at(source, index, message)]))

    def error(self, source: _Source, index: int, message: str) -> None:
        if len(self.errors) < self.limit:
            self.errors.append(self.at(source, index, message))
        else:
            self.more_errors += 1
            self.first_unreported_error = self.first_unreported_error or self.position(source, index)

    def warn(self, source: _Source, index: int, message: str) -> None:
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


# -- Mermaid's preprocessing ---------------------------------------------------------------

# JavaScript's \s (also what String.trim removes) and its `.` (which excludes every line
# terminator): Python's differ.
_WS = "\t\n\v\f\r \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000\ufeff"
_S = f"[{_WS}]"
_NOT_S = f"[^{_WS}]"
_INLINE_S = "[" + _WS.replace("\n", "").replace("\r", "") + "]"
_S_RE = re.compile(_S)
_DOT = "[^\n\r\u2028\u2029]"


def _js(pattern: str, flags: int = 0) -> re.Pattern:
    # JavaScript's \w and \b are ASCII-only, and /i folds ASCII letters only.
    return re.compile(pattern.replace("\\s", _S).replace("\\S", _NOT_S), re.ASCII | flags)


def _js_trim(text: str) -> str:
    return text.strip(_WS)


_NEWLINES = _js(r"\r\n?")
_FRONT_MATTER = _js(f"^({_INLINE_S}*)-{{3}}\\s*[\n\r](.*?)[\n\r]\\1-{{3}}\\s*[\n\r]+", re.DOTALL)
_DIRECTIVE = _js(
    r"%{2}\{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!\}%{2})" + _DOT + r"|\r?\n)*))?\s*(?:\}%{2})?",
    re.IGNORECASE,
)
_IS_JOURNEY = _js(r"\A\s*journey")
_WORD = _js(r"\S+")
_ENTITY = _js(r"#(\w+);")
_INTEGER = _js(r"\+?\d+")
_TAG_NAME = _js(r"<\w+")
_DOUBLE_QUOTED_ATTRIBUTE = _js(r'="([^"]*)"')
_TERMINATORS = "\n\r\u2028\u2029"
_TERMINATOR = re.compile(f"[{_TERMINATORS}]")
# Mermaid hides entity codes from its parsers behind these markers and decodes them into
# HTML character references in the drawing.
_CODED_NUMBER = re.compile("\ufb02\u00b0\u00b0(\\d+)\u00b6\u00df")
_CODED_NAME = re.compile("\ufb02\u00b0(\\w+)\u00b6\u00df", re.ASCII)

# Mermaid rewrites the text with a few regular expressions that backtrack quadratically
# on long runs of blank lines or unclosed tags. The functions below compute the same
# rewrites in one pass each; their docstrings name the expression they replace.


def _requote_tags(source: _Source) -> _Source:
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
            while start > last and text[start - 1] in _WS:
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
            while start > last and text[start - 1] in _WS:
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
            elif char in _WS:
                after_colon = False


def _preprocess(source: _Source, reader: _Reader) -> tuple[_Source, str | None]:
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
    return source.slice(len(source.text) - len(source.text.lstrip(_WS))), title


def _front_matter_title(source: _Source, match: re.Match, reader: _Reader) -> str | None:
    from journeyctl.yamlload import YamlError, load_yaml

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
class _NotJourney:
    """Why Mermaid would not read a text as a journey diagram, and where."""

    source: _Source
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


def _detect(code: _Source, source: _Source) -> _NotJourney | None:
    """Mermaid's diagram detection: None when the code starts with ``journey``.

    ``source`` is the diagram as read, where an empty diagram is reported (at its start).
    """
    probe = code.sub(_FRONT_MATTER, "", count=1).sub(_DIRECTIVE, "")
    probe = probe.edit(_any_comment_edits(probe.text))
    if _IS_JOURNEY.match(probe.text):
        return None
    stripped = probe.text.lstrip(_WS)
    index = len(probe.text) - len(stripped)
    if not stripped:
        return _NotJourney(source, 0, "the diagram is empty: expected 'journey' and its statements", False)
    if stripped.startswith("---"):
        return _NotJourney(probe, index, "the front matter is not closed: expected a line '---' after it", True)
    first = _WORD.match(stripped).group()
    if first.lower().startswith("journey"):
        message = f"the diagram type must be written 'journey' in lower case, not '{_shorten(first)}'"
        return _NotJourney(probe, index, message, True)
    return _NotJourney(probe, index, f"not a journey diagram: expected 'journey', found '{_shorten(first)}'", False)


def _encode_entities(code: _Source) -> _Source:
    """Mermaid's ``encodeEntities``: hide ``#…;`` codes from the parser."""

    def coded(match: re.Match) -> str:
        inner = match.group(1)
        if _INTEGER.fullmatch(inner):
            return f"\ufb02\u00b0\u00b0{inner}\u00b6\u00df"
        return f"\ufb02\u00b0{inner}\u00b6\u00df"

    code = code.edit(_drop_semicolon_edits(code.text, "style"))
    code = code.edit(_drop_semicolon_edits(code.text, "classDef"))
    return code.sub(_ENTITY, coded)


def _decode(text: str) -> str:
    """The text Mermaid draws for parsed text: entity codes become their characters."""
    text = _CODED_NUMBER.sub(lambda m: html.unescape(f"&#{m.group(1)};"), text)
    return _CODED_NAME.sub(lambda m: html.unescape(f"&{m.group(1)};"), text)


def _pieces(text: str, separator: str) -> Iterator[str]:
    """``text.split(separator)``, one piece at a time."""
    start = 0
    while (end := text.find(separator, start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


_LINE_BREAK_TAG = _js(r"<br\s*/?>", re.IGNORECASE)


def _drawn_name(raw: str) -> str:
    """A section or task name as Mermaid draws it: ``<br>`` a line break, entities decoded, trimmed.

    The break is found before the entities are decoded: Mermaid draws ``#60;br#62;`` as text.
    """
    return _js_trim(_decode(_LINE_BREAK_TAG.sub("\n", raw)))


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# -- the journey grammar ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
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
    (_js(r"%(?!\{)[^\n]*"), _SKIP),
    # Without the u flag a JavaScript class matches one UTF-16 unit: half of an emoji.
    (_js(r"[^}\U00010000-\U0010FFFF]%%[^\n]*"), _LOOSE_COMMENT),
    (_js(r"\n+"), "NEWLINE"),
    (_js(r"\s+"), _SKIP),
    (_js(r"#[^\n]*"), _SKIP),
    (_js(r"journey\b", re.IGNORECASE), "journey"),
    (_js(r"title\s[^#\n;]+", re.IGNORECASE), "title"),
    (_js(r"accTitle\s*:\s*", re.IGNORECASE), "acc_title"),
    (_js(r"accDescr\s*:\s*", re.IGNORECASE), "acc_descr"),
    (_js(r"accDescr\s*\{\s*", re.IGNORECASE), _OPEN_BLOCK),
    (_js(r"section\s[^#:\n;]+", re.IGNORECASE), "section"),
    (_js(r"[^#:\n;]+"), "taskName"),
    (_js(r":[^#\n;]+"), "taskData"),
    (_js(r":"), ":"),
    (_js(r"\Z"), "EOF"),
    (_js(_DOT), "INVALID"),
]
_VALUE = _js(r"[^\n]*")
_RULES = {
    "INITIAL": _INITIAL_RULES,
    "acc_title": [(_VALUE, "acc_title_value")],
    "acc_descr": [(_VALUE, "acc_descr_value")],
    "acc_descr_multiline": [(_js(r"\}"), _CLOSE_BLOCK), (_js(r"[^}]*"), "acc_descr_multiline_value")],
}
# Lexer states: these tokens enter one, these leave it (back to INITIAL).
_ENTER = {"acc_title": "acc_title", "acc_descr": "acc_descr", _OPEN_BLOCK: "acc_descr_multiline"}
_LEAVE = {"acc_title_value", "acc_descr_value", _CLOSE_BLOCK}
_SILENT = {_SKIP, _LOOSE_COMMENT, _OPEN_BLOCK, _CLOSE_BLOCK}


def _tokens(code: _Source, reader: _Reader, blocks: list[int]) -> Iterator[_Token]:
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
        if action == _LOOSE_COMMENT and not _S_RE.match(text[start]):
            reader.warn(
                code,
                start,
                f"Mermaid reads '{_shorten(match.group())}' as a comment ('%%' right after the first "
                "character of a line starts one), so it is not imported",
            )
        if action == _OPEN_BLOCK:
            blocks.append(start)
        if action in _LEAVE:
            state = "INITIAL"
        elif action in _ENTER:
            state = _ENTER[action]
        if action not in _SILENT:
            yield _Token(action, start, position, match.group())
    yield _Token("END", len(text), len(text), "")


def _read_diagram(source: _Source, lines: _Lines, budget: _Budget) -> tuple[JourneyDiagram, list[Diagnostic]]:
    reader = _Reader(lines, budget.limits.diagnostics)
    code, front_title = _preprocess(source, reader)
    # mermaid.parse preprocesses the text once more before it detects and parses it.
    code, _ = _preprocess(code, reader)
    not_journey = _detect(code, source)
    if not_journey is not None:
        raise reader.fail(not_journey.source, not_journey.index, not_journey.message)
    code = _encode_entities(code).append("\n")
    diagram = JourneyDiagram(title=front_title)
    _Parser(code, reader, diagram, budget).parse()
    if reader.errors:
        raise MermaidImportError(sorted(reader.all_errors()))
    return diagram, sorted(reader.all_warnings())


class _Parser:
    """journey.jison's grammar: ``journey`` then statements, each a line or part of one."""

    def __init__(self, code: _Source, reader: _Reader, diagram: JourneyDiagram, budget: _Budget) -> None:
        self.code = code
        self.reader = reader
        self.diagram = diagram
        self.budget = budget
        self.limits = budget.limits
        self.actors_seen: set[str] = set()
        self.blocks: list[int] = []
        self.tokens = _tokens(code, reader, self.blocks)
        # Whether a title statement was read: it replaces the front matter's title quietly,
        # but a second statement silently dropping the first deserves a warning.
        self.titled = False

    def fail(self, token: _Token, message: str) -> MermaidImportError:
        return self.reader.fail(self.code, token.start, message)

    def parse(self) -> None:
        first = next(self.tokens)
        if first.kind != "journey":
            raise self.fail(first, f"expected 'journey' to start the diagram, found '{_shorten(first.text.strip())}'")
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
                value = _js_trim(next(self.tokens).text)
                if kind == "acc_title":
                    self.diagram.acc_title = _decode(value) or None
                else:
                    self.diagram.description = _decode(value) or None
            elif kind == "acc_descr_multiline_value":
                value = re.sub(f"\n{_S}+", "\n", _js_trim(token.text))
                self.diagram.description = _decode(value) or None
            elif kind == "section":
                self.section(token)
            elif kind == "taskName":
                self.task(token, next(self.tokens))
            elif kind != "NEWLINE":
                raise self.unexpected(token, previous)
            previous = token

    def unexpected(self, token: _Token, previous: _Token) -> MermaidImportError:
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
        return self.fail(token, f"unexpected '{_shorten(token.text)}'")

    def title(self, token: _Token) -> None:
        raw = token.text[6:]
        name = _js_trim(_decode(raw))
        if not name:
            return
        self.warn_comment(token, raw, "the title")
        if self.titled and self.diagram.title != name:
            self.reader.warn(
                self.code,
                token.start,
                f"Mermaid keeps only the last title: '{_shorten(name)}' replaces '{_shorten(self.diagram.title)}'",
            )
        self.diagram.title = name
        self.titled = True

    def section(self, token: _Token) -> None:
        self.budget.sections += 1
        if self.budget.sections > self.limits.sections:
            raise self.fail(token, f"more than {self.limits.sections:,} sections: over the import's limit")
        raw = token.text[8:]
        self.warn_comment(token, raw, "the section name")
        line, column = self.reader.position(self.code, token.start)
        self.diagram.sections.append(Section(_drawn_name(raw) or None, line, column))

    def task(self, name_token: _Token, data: _Token) -> None:
        name = _drawn_name(name_token.text)
        if data.kind == "INVALID" and data.text == ";":
            raise self.fail(data, _SEMICOLON)
        if data.kind == ":":
            raise self.fail(data, f"task '{_shorten(name)}' has no score after ':'")
        if data.kind != "taskData":
            raise self.fail(name_token, f"task '{_shorten(name)}' has no score: expected ':' and a number")
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
        score_follows = len(pieces) > 1 and math.isfinite(_js_number(pieces[1])) and bool(_js_trim(pieces[1]))
        score = self.score(name, pieces[0], offsets[0], score_follows)
        actors: list[str] = []
        # 'Task: 5:' (in Mermaid's own tests) lists no actors: Mermaid reads one empty name
        # and draws nobody.
        if len(pieces) > 1 and _js_trim(pieces[1]):
            actors = self.actors(name, pieces[1], offsets[1])
        if len(pieces) > 2:
            ignored = pieces[2]
            self.reader.warn(
                self.code,
                offsets[2] - 1,
                f"Mermaid ignores ':{_shorten(ignored)}' after the actors of task '{_shorten(name)}', "
                "so it is not imported",
            )
        line, column = self.reader.position(self.code, name_token.start)
        task = Task(name or "Unnamed task", score, tuple(actors), len(self.diagram.sections) - 1, line, column)
        self.diagram.tasks.append(task)

    def score(self, task: str, text: str, offset: int, score_follows: bool) -> float:
        """The score Mermaid reads (any finite number); ``score_follows``: a number follows the next ':'."""
        value = _js_number(text)
        shown = _js_trim(text)
        if math.isfinite(value) and shown:
            return value
        if not shown:
            # Mermaid reads a blank score as 0, which nobody wrote.
            message = f"task '{_shorten(task)}' has no score: expected a number"
            self.reader.error(self.code, offset - 1, message)
            return 3.0
        at = offset + len(text) - len(text.lstrip(_WS))
        kind = "a finite number" if math.isinf(value) else "a number"
        message = f"task '{_shorten(task)}': score '{_shorten(shown)}' is not {kind}"
        if "%%" in shown:
            message += " ('%%' after a statement is not a comment in Mermaid; use '#')"
        elif score_follows and math.isnan(value):
            message += " (a ':' inside a task name ends the name: write it as #58;)"
        self.reader.error(self.code, at, message)
        return 3.0

    def actors(self, task: str, text: str, offset: int) -> list[str]:
        actors: list[str] = []
        for raw in _pieces(text, ","):
            self.budget.actor_mentions += 1
            if self.budget.actor_mentions > self.limits.actor_mentions:
                message = f"more than {self.limits.actor_mentions:,} actor names: over the import's limit"
                raise self.reader.fail(self.code, offset, message)
            actor = _js_trim(raw)
            if not actor:
                # Point at the ',' (or the ':') next to the missing name.
                self.reader.error(self.code, offset - 1, f"task '{_shorten(task)}': empty actor name")
            else:
                if "%%" in actor:
                    self.reader.warn(
                        self.code,
                        offset + raw.index("%%"),
                        f"'%%' is part of the actor name '{_shorten(_decode(actor))}': Mermaid reads '%%' as a "
                        "comment only at the start of a line",
                    )
                actors.append(_js_trim(_decode(actor)) or "Unnamed actor")
                if actors[-1] not in self.actors_seen:
                    self.actors_seen.add(actors[-1])
                    if len(self.actors_seen) > self.limits.actors:
                        message = f"the diagram has more than {self.limits.actors:,} actors: over the import's limit"
                        raise self.reader.fail(self.code, offset + len(raw) - len(raw.lstrip(_WS)), message)
            offset += len(raw) + 1
        return actors

    def warn_comment(self, token: _Token, raw: str, what: str) -> None:
        if "%%" not in raw:
            return
        start = token.start + len(token.text) - len(raw) + raw.index("%%")
        self.reader.warn(
            self.code,
            start,
            f"'%%' is part of {what} '{_shorten(_js_trim(_decode(raw)))}': Mermaid reads '%%' as a "
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
    text = _js_trim(text)
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


# -- Markdown -------------------------------------------------------------------------------

_FENCE = re.compile(r"( {0,3})(`{3,}|~{3,})(.*)")
#: Info strings of the code blocks read: Mermaid's own documentation shows diagrams in
#: ``mermaid-example`` blocks (drawn next to their source).
MARKDOWN_LANGUAGES = ("mermaid", "mermaid-example")


_MARKDOWN_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
# A line that opens a fence (found with one search, not line by line: a long document
# costs one scan).
_OPENING = re.compile(r"(?:\A|(?<=[\r\n]))( {0,3})(`{3,}|~{3,})([^\r\n]*)(?:\r\n|\r|\n)?")


def _mermaid_blocks(text: str) -> Iterator[_Source]:
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
        yield _Source.of_spans(text, spans, content_end)


@functools.lru_cache(maxsize=64)
def _closing_fence(char: str, length: int) -> re.Pattern:
    return re.compile(rf"(?<=[\r\n]) {{0,3}}{re.escape(char)}{{{length},}}[ \t]*(?:\r\n|\r|\n|\Z)")


def _looks_like_journey(block: _Source) -> bool:
    """Whether the block is meant as a journey diagram, so that its errors are reported.

    True when Mermaid reads it as one, and also when its front matter is broken or its
    first word is ``journey`` in the wrong case, which only a journey's author writes.
    """
    reader = _Reader(_Lines(""))
    try:
        code, _ = _preprocess(block, reader)
        code, _ = _preprocess(code, reader)
    except MermaidImportError:
        return re.search(r"^\s*journey", block.text, re.MULTILINE) is not None
    not_journey = _detect(code, block)
    return not_journey is None or not_journey.meant_as_journey
