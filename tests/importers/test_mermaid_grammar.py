"""The importer's grammar is Mermaid's: random diagrams get the same verdict from both.

Diagrams are built from fragments of the journey grammar and its traps (``;``, ``%%``
after a statement, entity codes, ``accDescr {`` blocks, front matter, CRLF, U+2028,
emoji next to ``%%``…) with a fixed seed, so every run checks the same few hundred
texts. A disagreement names the text; it becomes a fixture once understood.

Hostile input of any shape must end in a map that validates or in located errors,
never in another exception.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from mermaid_parser import parse_mermaid

from journeyctl.checks.linter import lint_text
from journeyctl.importers.mermaid import MermaidImportError, import_markdown, import_mermaid, parse_journey
from journeyctl.loading.config import Config
from journeyctl.model import Journey
from journeyctl.model.findings import Severity
from journeyctl.review.fmt import dump_map

FRAGMENTS = [
    "journey", "title", "Title", "section", "SECTION", "accTitle", "accDescr", "{", "}", ":", ";",
    "#", "#59;", "#quot;", "%%", "%%{init: {}}%%", "%", " ", "  ", "\t", "Make tea", "5", "3", "0",
    "6", "2.5", "five", "Me", "Cat", ",", "Ω", "🙂", "\n", "\n", "\n", "---", "x", "-",
    '<b class="a">', ">", "\r\n", "style", "classDef", "\u2028", "journeys", "\x1f", "\u00a0", "\ufeff",
]  # fmt: skip
HEADERS = [
    "journey", "journey", "  journey", "journey ", "%% c\njourney", "---\ntitle: F\n---\njourney", "journey title T",
]  # fmt: skip
TASK_NAMES = ["Task", "Make tea", "Ω x", "a#59;b", "🙂"]
TASK_COLONS = [":", " :", ""]
SCORES = [" 5", "3", " 0", "x", " ", "2.5", " 12", "-1", "1e3", " Infinity", "0x10"]
TASK_ENDS = ["", ": Me", ":Me, Cat", ": Me,", ": ", ": A: B", " # c", " %% c"]
SECTIONS = ["section A", "section  ", "Section B # c", "section A: x", "section", "section\tC"]
TITLES = ["title T", "title", "TITLE  x # y", "title a;b"]
ACCESSIBILITY = ["accTitle: a", "accDescr: d", "accDescr {\n  x\n}", "accDescr {", "}", "accDescr{}"]


def _diagram(rng: random.Random) -> str:
    lines = [rng.choice(HEADERS)] if rng.random() < 0.9 else []
    for _ in range(rng.randint(0, 7)):
        kind = rng.random()
        if kind < 0.3:
            task = rng.choice(TASK_NAMES) + rng.choice(TASK_COLONS) + rng.choice(SCORES) + rng.choice(TASK_ENDS)
            lines.append(rng.choice(["", "  "]) + task)
        elif kind < 0.45:
            lines.append(rng.choice(SECTIONS))
        elif kind < 0.55:
            lines.append(rng.choice(TITLES))
        elif kind < 0.65:
            lines.append(rng.choice(ACCESSIBILITY))
        else:
            lines.append("".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 5))))
    return "\n".join(lines) + rng.choice(["\n", "", "\n\n"])


def _accepted(text: str) -> bool:
    try:
        parse_journey(text)
    except MermaidImportError:
        return False
    return True


def test_random_diagrams_get_the_same_verdict_from_mermaid_and_the_importer():
    rng = random.Random(20261122)
    texts = [_diagram(rng) for _ in range(600)]
    assert sum(map(_accepted, texts)) > 100, "the generator should produce valid diagrams too"
    verdicts = parse_mermaid(texts)
    disagreements = [
        (text, verdict) for text, verdict in zip(texts, verdicts) if _accepted(text) != (verdict is None)
    ]
    assert disagreements == []


def _check(import_function, text: str) -> None:
    try:
        result = import_function(text)
    except MermaidImportError as exc:
        assert exc.errors
        assert all(e.line >= 1 and e.column >= 1 and "\n" not in e.message for e in exc.errors)
        return
    for data in result.maps:
        text = dump_map(data)
        errors = {f.code for f in lint_text(text, "map.yaml", Config()) if f.severity is Severity.ERROR}
        if data["touchpoints"]:
            Journey.model_validate(data)
            assert errors == set()
        else:
            # A diagram without tasks imports as what it says; lint tells what is missing.
            assert errors == {"JM002"}


grammar_soup = st.lists(st.sampled_from(FRAGMENTS + HEADERS + SECTIONS + ACCESSIBILITY), max_size=20).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(grammar_soup, st.text(max_size=200)))
def test_any_text_gives_a_valid_map_or_located_errors(text):
    _check(import_mermaid, text)
    _check(import_markdown, f"```mermaid\n{text}\n```\n")
