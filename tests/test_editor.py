"""The editor layer without the protocol: columns in client units, the cursor's context in
half-typed maps, renames on the symbol index, and unsaved buffers standing for files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journeyctl.analysis.symbols import TOUCHPOINT, Span, Symbol
from journeyctl.checks.linter import lint
from journeyctl.editor.context import CursorContext, cursor_context
from journeyctl.editor.positions import UTF8, UTF16, UTF32, from_units, to_units
from journeyctl.editor.session import Session
from journeyctl.loading.config import Config

FIXTURE = Path(__file__).parent / "fixtures" / "lsp"


@pytest.mark.parametrize(("line", "column", "utf16", "utf8"), [
    ("plain ascii", 5, 5, 5),
    ("  - {name: \"😀\", id: x}", 16, 17, 19),  # an emoji: 2 UTF-16 units, 4 bytes
    ("name: Κλήση", 11, 11, 16),  # Greek: 1 unit, 2 bytes each
    ("name: שלום עולם", 10, 10, 14),  # Hebrew
    ("name: 予約する", 9, 9, 15),  # CJK: 3 bytes each
    ("name: 👩‍👩‍👧 family", 12, 15, 25),  # a ZWJ family: 3 astral characters, 2 joiners, a space
    ("short", 8, 8, 8),  # past the end of the line
])
def test_columns_in_client_units(line: str, column: int, utf16: int, utf8: int) -> None:
    assert to_units(line, column, UTF16) == utf16
    assert to_units(line, column, UTF8) == utf8
    assert to_units(line, column, UTF32) == column
    assert from_units(line, utf16, UTF16) == min(column, len(line))
    assert from_units(line, utf8, UTF8) == min(column, len(line))


def test_a_column_inside_a_surrogate_pair_falls_to_its_character() -> None:
    assert from_units("a😀b", 2, UTF16) == 1
    assert from_units("a😀b", 3, UTF16) == 2
    assert from_units("a😀b", 3, UTF8) == 1


def context(text: str) -> CursorContext | None:
    """The context at the ``|`` in ``text``."""
    before, _, after = text.partition("|")
    lines = (before + after).split("\n")
    row = before.count("\n")
    return cursor_context(lines, row, len(before.split("\n")[-1]))


MAP_HEAD = "journeyctl: 1\nid: a\ntouchpoints:\n  - id: call\n"


@pytest.mark.parametrize(("text", "key", "parents", "prefix", "in_key", "linked"), [
    (MAP_HEAD + "    stage: di|", "stage", ("touchpoints",), "di", False, None),
    (MAP_HEAD + "    next: [call, re|", "next", ("touchpoints",), "re", False, None),
    (MAP_HEAD + "    next:\n      - |", "next", ("touchpoints",), "", False, None),
    (MAP_HEAD + "    next:\n      - to: bo|\n        when: x", "to", ("touchpoints", "next"), "bo", False, None),
    (MAP_HEAD + "    next: [{journey: after, touchpoint: s|", "touchpoint", ("touchpoints", "next"), "s", False, "after"),
    (MAP_HEAD + "    next:\n      - journey: after\n        touchpoint: |", "touchpoint", ("touchpoints", "next"), "",
     False, "after"),
    (MAP_HEAD + "    emotion: {homeowner: -1, new|", "emotion", ("touchpoints",), "new", True, None),
    (MAP_HEAD + "    emotion:\n      hom|", "emotion", ("touchpoints",), "hom", True, None),
    (MAP_HEAD + "    pain_points:\n      - id: p\n        severity: |", "severity",
     ("touchpoints", "pain_points"), "", False, None),
    ("journeyctl: 1\nstatus: |", "status", (), "", False, None),
    ("journeyctl: 1\nroadmap:\n  - id: r\n    addresses: [on-hold, |]", "addresses", ("roadmap",), "", False, None),
    (MAP_HEAD + '    channel: "ph|', "channel", ("touchpoints",), "ph", False, None),
])
def test_cursor_context(text: str, key: str, parents: tuple, prefix: str, in_key: bool, linked: str | None) -> None:
    found = context(text)
    assert (found.key, found.parents, found.prefix, found.in_key, found.linked_journey) == (
        key, parents, prefix, in_key, linked
    )


@pytest.mark.parametrize("text", [
    MAP_HEAD + "    name: Calls the |",  # inside free text
    MAP_HEAD + "    stage: book  # see di|",  # in a comment
    MAP_HEAD + "    stage:|",  # no space after the colon yet
    MAP_HEAD + "    next: [call, {to: x}] |",  # after a value
])
def test_no_context_where_no_id_is_expected(text: str) -> None:
    assert context(text) is None


def test_the_prefix_starts_after_a_multibyte_character() -> None:
    found = context('journeyctl: 1\ntouchpoints:\n  - {name: "📞", stage: bo|')
    assert (found.key, found.prefix, found.start) == ("stage", "bo", 23)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


def test_buffers_stand_for_files_in_the_linter(workspace: Path) -> None:
    workspace = workspace.resolve()
    aftercare = workspace / "maps" / "aftercare.yaml"
    renamed = aftercare.read_text(encoding="utf-8").replace("id: survey", "id: poll")
    result = lint(["maps/booking.yaml"], Config(root=workspace), cwd=workspace, overlay={aftercare: renamed})
    assert [(f.code, f.line, f.message) for f in result.findings if f.code == "JM003"] == [
        ("JM003", 38, "touchpoint 'booked': journey 'aftercare' has no touchpoint 'survey'"),
    ]
    # on disk, nothing changed
    result = lint(["maps/booking.yaml"], Config(root=workspace), cwd=workspace)
    assert [f for f in result.findings if f.code == "JM003"] == []


def test_session_findings_read_the_buffer(workspace: Path) -> None:
    workspace = workspace.resolve()
    booking = workspace / "maps" / "booking.yaml"
    session = Session()
    session.buffers[booking] = booking.read_text(encoding="utf-8").replace("next: [call-office]", "next: [call-ofice]")
    assert [(f.code, f.line, f.column) for f in session.findings(booking) if f.code == "JM003"] == [("JM003", 18, 12)]
    # the index reads the buffer too
    index = session.reindex(booking)
    assert index.at(booking, 17, 13).symbol == Symbol(TOUCHPOINT, "call-ofice", booking)
    assert index.at(booking, 17, 13).span == Span(17, 11, 17, 21)


def test_other_yaml_gets_no_diagnostics(workspace: Path) -> None:
    workspace = workspace.resolve()
    other = workspace / "docker-compose.yaml"
    other.write_text("services:\n  web: {image: nginx}\n", encoding="utf-8")
    session = Session()
    session.buffers[other] = other.read_text(encoding="utf-8")
    assert session.findings(other) == []
    # a map that lost its key is reported, as `journeyctl lint` reports it
    booking = workspace / "maps" / "booking.yaml"
    session.buffers[booking] = booking.read_text(encoding="utf-8").replace("journeyctl: 1", "journeyctl: [")
    assert [(f.code, f.line) for f in session.findings(booking)] == [("JM001", 3)]  # where the parser stops
