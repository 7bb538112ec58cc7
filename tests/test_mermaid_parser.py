"""The Mermaid parser harness: real Mermaid accepts what is valid and rejects the rest.

Rendering tests rely on ``parse_mermaid`` to prove that emitted diagrams parse; these
tests prove that the harness itself says yes and no correctly, in order, for the three
diagram kinds journeyctl emits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import mermaid_parser
from mermaid_parser import parse_mermaid, require_mermaid

VALID = {
    "journey": (
        "journey\n"
        "    title Renew a contract\n"
        "    section Awareness\n"
        "      Sees the renewal letter: 3: Maria, Dimitris\n"
        "      Calls the hotline: 1: Maria\n"
        "    section Service\n"
        "      Signs online: 5\n"
    ),
    "flowchart": (
        "flowchart LR\n"
        '    subgraph st_awareness["Awareness"]\n'
        '      tp_letter["Renewal letter"]\n'
        '      tp_call{"Calls the hotline"}\n'
        "    end\n"
        '    tp_letter -->|"asks for details"| tp_call\n'
        '    tp_call -.->|"#quot;2d#quot; SLA"| tp_sign(["Signs online"])\n'
    ),
    "xychart-beta": (
        "xychart-beta\n"
        '    title "Emotion curve"\n'
        '    x-axis ["Letter", "Hotline", "Signature"]\n'
        '    y-axis "Emotion" -2 --> 2\n'
        "    line [0, -1.5, 2]\n"
    ),
    "journey scores off Mermaid's 1 to 5, and a colon without actors": (
        "journey\n"
        "    section Rated out of ten\n"
        "      Orders: 8: Me\n"
        "      Waits: 0:\n"
    ),
    "entity codes in every label": (
        "journey\n"
        "    title Quote #quot;x#quot; #35;1 #59; end\n"
        "    section Stage #58; one\n"
        "      Task #59; with #35; and #58;: 3: Me\n"
    ),
    "scripts and emoji": (
        "flowchart LR\n"
        '    a["Ελληνικά עברית Русский 中文 😀"] --> b["ok"]\n'
    ),
}

INVALID = {
    "unclosed flowchart node": (
        "flowchart LR\n    A[unclosed",
        "Parse error on line 3:",
        "'TEXT', 'TAGSTART', got '1'",
    ),
    "journey score not a number": (
        "journey\n  section A\n  Task: notanumber: Me",
        'journey task "Task": score is not a number (got NaN)',
        'journey task "Task": score is not a number (got NaN)',
    ),
    "journey blank score (Number() reads 0)": (
        "journey\n  section A\n  Task:  : Me",
        'journey task "Task": no score',
        'journey task "Task": no score',
    ),
    "journey empty actor": (
        "journey\n  section A\n  Task: 3: Me,",
        'journey task "Task": empty actor name in ["Me",""]',
        'journey task "Task": empty actor name in ["Me",""]',
    ),
    "colon in journey section name": (
        "journey\n  section A: b\n  Task: 3: Me",
        "Parse error on line 2:",
        "'section', 'taskName', got 'taskData'",
    ),
    "semicolon in journey task name": (
        "journey\n  section A\n  Task; c: 3: Me",
        "Parse error on line 3:",
        "Expecting 'taskData', got 'INVALID'",
    ),
    "quote in flowchart label": (
        'flowchart LR\n  a["say "hi"] --> b',
        "Parse error on line 2:",
        "got 'STR'",
    ),
    "quote in xychart category": (
        'xychart-beta\n  x-axis ["say "hi""]\n  line [1]',
        "Parse error on line 2:",
        "'NEWLINE', 'SEMI', 'EOF', got 'ALPHA'",
    ),
    "unclosed xychart category list": (
        "xychart-beta\n  x-axis [a, b\n  line [1, 2]",
        "Parse error on line 2:",
        "Expecting 'SQUARE_BRACES_END', 'COMMA', got 'NEWLINE'",
    ),
    "xychart without a series": (
        'xychart-beta\n  x-axis ["a", "b"]',
        "xychart has no line or bar to draw",
        "xychart has no line or bar to draw",
    ),
    "xychart series shorter than the categories": (
        'xychart-beta\n  x-axis ["a", "b", "c"]\n  line [1, 2]',
        'xychart line 1: no value for ["c"]',
        'xychart line 1: no value for ["c"]',
    ),
    "unknown diagram type": (
        "nonsense",
        "No diagram type detected matching given configuration for text: nonsense",
        "No diagram type detected matching given configuration for text: nonsense",
    ),
    "longer than Mermaid renders": (
        "flowchart LR\n" + "  a --> b\n" * 5000,
        "diagram text is 50013 characters long; Mermaid renders at most 50000",
        "diagram text is 50013 characters long; Mermaid renders at most 50000",
    ),
}


@pytest.fixture(scope="module")
def verdicts() -> dict[str, str | None]:
    """Every case of this module, parsed in one batch."""
    texts = list(VALID.values()) + [text for text, _, _ in INVALID.values()]
    return dict(zip(texts, parse_mermaid(texts), strict=True))


@pytest.mark.parametrize("name", list(VALID))
def test_valid_diagram_parses(verdicts: dict[str, str | None], name: str) -> None:
    assert verdicts[VALID[name]] is None


@pytest.mark.parametrize("name", list(INVALID))
def test_invalid_diagram_gives_error(verdicts: dict[str, str | None], name: str) -> None:
    text, first_line, last_line = INVALID[name]
    error = verdicts[text]
    assert isinstance(error, str)
    lines = error.splitlines()
    assert lines[0] == first_line
    assert lines[-1].endswith(last_line)


def test_batch_results_come_back_in_order() -> None:
    texts = [
        "flowchart TD\n  first --> second",
        "journey\n  section Only\n  Task: many: Me",
        "xychart-beta\n  x-axis [one, two]\n  bar [3, 4]",
    ]
    assert parse_mermaid(texts) == [
        None,
        'journey task "Task": score is not a number (got NaN)',
        None,
    ]


def test_repeated_text_gets_the_same_result() -> None:
    valid, invalid = "flowchart TD\n  again --> twice", "flowchart TD\n  again[oops"
    results = parse_mermaid([valid, invalid, valid, invalid])
    assert results[0] is None
    assert results[2] is None
    assert results[1] == results[3]
    assert results[1].splitlines()[0] == "Parse error on line 3:"


def test_empty_batch() -> None:
    assert parse_mermaid([]) == []


def test_rejects_non_text() -> None:
    with pytest.raises(TypeError, match="parse_mermaid expects a list of str"):
        parse_mermaid([b"flowchart LR\n  a --> b"])  # type: ignore[list-item]


def test_missing_parser_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mermaid_parser.shutil, "which", lambda _name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="`node` is not on PATH"):
        require_mermaid()


def test_missing_parser_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mermaid_parser.shutil, "which", lambda _name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="tests/mermaid/install.sh"):
        require_mermaid()


def test_missing_packages_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(mermaid_parser.shutil, "which", lambda _name: "/usr/bin/node")
    monkeypatch.setattr(mermaid_parser, "MERMAID_DIR", tmp_path)
    assert mermaid_parser.mermaid_available() is False
    assert mermaid_parser.mermaid_unavailable_reason() == (
        f"Mermaid parser unavailable: npm package 'mermaid' is not installed in {tmp_path}; "
        "run `bash tests/mermaid/install.sh` (needs Node.js and npm)"
    )
