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

from journeyctl.importers.mermaid.diagram import (
    Budget,
    Diagnostic,
    ImportResult,
    JourneyDiagram,
    Limits,
    MermaidImportError,
)
from journeyctl.importers.mermaid.mapping import journey_map
from journeyctl.importers.mermaid.markdown import looks_like_journey, mermaid_blocks
from journeyctl.importers.mermaid.parser import read_diagram
from journeyctl.importers.mermaid.scores import ScoreRange, diagram_score_range
from journeyctl.importers.mermaid.source import Lines, Source
from journeyctl.importers.slugs import UniqueIds

__all__ = [
    "Diagnostic",
    "ImportResult",
    "JourneyDiagram",
    "Limits",
    "MermaidImportError",
    "ScoreRange",
    "import_markdown",
    "import_mermaid",
    "parse_journey",
]


def parse_journey(text: str, limits: Limits = Limits()) -> tuple[JourneyDiagram, list[Diagnostic]]:
    """Read one Mermaid diagram; return it with the warnings, or raise :class:`MermaidImportError`."""
    budget = Budget(limits)
    _spend_text(budget, len(text), 1, 1)
    return read_diagram(Source.of(text), Lines(text), budget)


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
    lines = Lines(text)
    maps: list[dict] = []
    warnings: list[Diagnostic] = []
    errors: list[Diagnostic] = []
    journey_ids = UniqueIds()
    budget = Budget(limits)
    blocks = []
    for block in mermaid_blocks(text):
        if looks_like_journey(block):
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
            diagram, found = read_diagram(block, lines, budget)
            scores, guessed = diagram_score_range(diagram, score_range)
        except MermaidImportError as exc:
            errors.extend(exc.errors)
            continue
        data = journey_map(diagram, scores)
        warnings.extend(found + guessed)
        data["id"] = journey_ids.unique(data["id"])
        maps.append(data)
    return ImportResult(maps, sorted(warnings), sorted(errors), len(blocks))


def _spend_text(budget: Budget, length: int, line: int, column: int) -> None:
    budget.text += length
    if budget.text > budget.limits.text:
        message = (
            f"the journey diagrams are {budget.text:,} characters long, over the {budget.limits.text:,} an import "
            "reads (Mermaid itself draws at most 50,000)"
        )
        raise MermaidImportError([Diagnostic(line, column, message)])
