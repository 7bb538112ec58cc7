"""The symbol index: every id's definition and references, with exact 0-based spans."""

from __future__ import annotations

from pathlib import Path

from journeyctl.analysis.symbols import (
    CHANNEL,
    JOURNEY,
    PAIN_POINT,
    PERSONA,
    RULE,
    STAGE,
    TEAM,
    TOUCHPOINT,
    Span,
    Symbol,
    SymbolIndex,
    index_workspace,
)
from journeyctl.loading.config import Config
from journeyctl.loading.workspace import load_workspace

LSP = Path(__file__).parent / "fixtures" / "lsp"


def index_of(root: Path) -> SymbolIndex:
    root = root.resolve()
    return index_workspace(load_workspace([], Config(root=root), root))


def where(index: SymbolIndex, symbol: Symbol) -> list[tuple]:
    """``(path, line, column, end_line, end_column, "def"|"ref")`` of each occurrence."""
    return [
        (o.path, o.span.line, o.span.column, o.span.end_line, o.span.end_column, "def" if o.definition else "ref")
        for o in index.of(symbol)
    ]


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_touchpoint_definition_and_references_in_next_to_and_addresses() -> None:
    index = index_of(LSP)
    booking = (LSP / "maps" / "booking.yaml").resolve()
    assert where(index, Symbol(TOUCHPOINT, "call-office", booking)) == [
        ("maps/booking.yaml", 17, 11, 17, 22, "ref"),  # next: [call-office]
        ("maps/booking.yaml", 18, 8, 18, 19, "def"),
        ("maps/booking.yaml", 41, 25, 41, 36, "ref"),  # addresses: [on-hold, call-office]
    ]
    assert where(index, Symbol(TOUCHPOINT, "booked", booking)) == [
        ("maps/booking.yaml", 27, 12, 27, 18, "ref"),  # - to: booked
        ("maps/booking.yaml", 29, 8, 29, 14, "def"),
    ]


def test_cross_journey_links_name_the_other_journey_and_its_touchpoint() -> None:
    index = index_of(LSP)
    aftercare = (LSP / "maps" / "aftercare.yaml").resolve()
    assert where(index, Symbol(JOURNEY, "aftercare", aftercare)) == [
        ("maps/aftercare.yaml", 1, 4, 1, 13, "def"),
        ("maps/booking.yaml", 37, 18, 37, 27, "ref"),
    ]
    assert where(index, Symbol(TOUCHPOINT, "survey", aftercare)) == [
        ("maps/aftercare.yaml", 9, 8, 9, 14, "def"),
        ("maps/booking.yaml", 37, 41, 37, 47, "ref"),
    ]


def test_catalog_definitions_are_what_journeys_name() -> None:
    index = index_of(LSP)
    catalog = (LSP / "catalog.yaml").resolve()
    assert where(index, Symbol(TEAM, "reception", catalog)) == [
        ("catalog.yaml", 9, 9, 9, 18, "def"),
        ("maps/booking.yaml", 3, 7, 3, 16, "ref"),
        ("maps/booking.yaml", 22, 11, 22, 20, "ref"),
        ("maps/booking.yaml", 44, 11, 44, 20, "ref"),
    ]
    assert where(index, Symbol(PERSONA, "homeowner", catalog)) == [
        ("catalog.yaml", 3, 8, 3, 17, "def"),
        ("maps/aftercare.yaml", 5, 11, 5, 20, "ref"),
        ("maps/booking.yaml", 5, 11, 5, 20, "ref"),
    ]
    assert where(index, Symbol(CHANNEL, "yard-sign", catalog)) == [
        ("catalog.yaml", 5, 32, 5, 41, "ref"),  # preferred_channels
        ("catalog.yaml", 7, 9, 7, 18, "def"),
        ("maps/aftercare.yaml", 12, 13, 12, 22, "ref"),
    ]


def test_built_in_channels_have_references_and_no_definition() -> None:
    index = index_of(LSP)
    assert where(index, Symbol(CHANNEL, "phone")) == [
        ("catalog.yaml", 5, 25, 5, 30, "ref"),
        ("maps/booking.yaml", 21, 13, 21, 18, "ref"),
    ]
    # a quoted id's span is its text, without the quotes
    assert where(index, Symbol(CHANNEL, "sms")) == [("maps/booking.yaml", 32, 14, 32, 17, "ref")]


def test_addresses_name_pain_points_and_stages_their_journey() -> None:
    index = index_of(LSP)
    booking = (LSP / "maps" / "booking.yaml").resolve()
    assert where(index, Symbol(PAIN_POINT, "on-hold", booking)) == [
        ("maps/booking.yaml", 25, 13, 25, 20, "def"),
        ("maps/booking.yaml", 41, 16, 41, 23, "ref"),
    ]
    assert where(index, Symbol(STAGE, "book", booking)) == [
        ("maps/booking.yaml", 8, 9, 8, 13, "def"),
        ("maps/booking.yaml", 20, 11, 20, 15, "ref"),
        ("maps/booking.yaml", 31, 11, 31, 15, "ref"),
    ]


def test_rule_codes_and_names_in_suppression_comments() -> None:
    index = index_of(LSP)
    assert where(index, Symbol(RULE, "JM108")) == [("maps/booking.yaml", 37, 71, 37, 76, "ref")]
    assert where(index, Symbol(RULE, "dead-end")) == [("maps/booking.yaml", 37, 78, 37, 86, "ref")]


def test_at_finds_the_occurrence_under_a_cursor_and_just_after_it() -> None:
    index = index_of(LSP)
    booking = (LSP / "maps" / "booking.yaml").resolve()
    assert index.at(booking, 37, 44).symbol == Symbol(TOUCHPOINT, "survey", (LSP / "maps" / "aftercare.yaml").resolve())
    assert index.at(booking, 17, 22).span == Span(17, 11, 17, 22)
    assert index.at(booking, 17, 10) is None
    assert index.at(booking, 11, 4) is None  # the key 'name:'


def test_visible_ids_per_kind() -> None:
    index = index_of(LSP)
    booking = (LSP / "maps" / "booking.yaml").resolve()
    assert sorted(index.visible(STAGE, booking)) == ["book", "discover"]
    assert sorted(index.visible(TOUCHPOINT, booking)) == ["booked", "call-office", "search"]
    assert sorted(index.visible(TEAM, booking)) == ["dispatch", "reception"]
    channels = index.visible(CHANNEL, booking)
    assert channels["yard-sign"].home == (LSP / "catalog.yaml").resolve()
    assert channels["web"].home is None and "knowledge-base" in channels
    assert sorted(index.visible(JOURNEY, booking)) == ["aftercare", "booking"]
    assert index.journey_home("aftercare") == (LSP / "maps" / "aftercare.yaml").resolve()


MAP = """\
journeyctl: 1
id: {id}
title: T
personas:
  - {{id: local, name: Local}}
  - shared
channels: [{{id: web, name: Our web}}]
stages: [{{id: s, name: S}}]
touchpoints:
  - {{name: "Κλήση 😀 שלום", id: call, stage: s, channel: web, owner: ops, entry: true}}
  - id: 'reply'
    name: Ответ
    stage: nowhere
    channel: chat
    personas: [local, shared]
    emotion: {{local: -1, "shared": 2}}
    next: [call, {{journey: {other}, touchpoint: gone}}]
# journeyctl: ignore-file[ stale-map ,JM4]
"""

CATALOG = """\
journeyctl: 1
kind: catalog
personas: [{{id: shared, name: {name}}}]
teams: [{{id: ops, name: Ops}}]
"""


def test_spans_count_characters_and_the_nearest_definition_wins(tmp_path: Path) -> None:
    write(tmp_path, {
        "catalog.yaml": CATALOG.format(name="Outer"),
        "sub/catalog.yaml": CATALOG.format(name="Inner"),
        "sub/a.yaml": MAP.format(id="a", other="missing"),
    })
    index = index_of(tmp_path)
    a = (tmp_path / "sub" / "a.yaml").resolve()
    inner, outer = (tmp_path / "sub" / "catalog.yaml").resolve(), (tmp_path / "catalog.yaml").resolve()
    # the touchpoint's id follows Greek, an emoji and Hebrew: columns count characters
    assert where(index, Symbol(TOUCHPOINT, "call", a)) == [
        ("sub/a.yaml", 9, 31, 9, 35, "def"),
        ("sub/a.yaml", 16, 11, 16, 15, "ref"),
    ]
    assert where(index, Symbol(TOUCHPOINT, "reply", a)) == [("sub/a.yaml", 10, 9, 10, 14, "def")]
    # inline personas and channels win over the catalogs'; the nearer catalog over the farther
    assert where(index, Symbol(PERSONA, "local", a)) == [
        ("sub/a.yaml", 4, 9, 4, 14, "def"),
        ("sub/a.yaml", 14, 15, 14, 20, "ref"),
        ("sub/a.yaml", 15, 14, 15, 19, "ref"),  # a key of the emotion mapping
    ]
    assert where(index, Symbol(PERSONA, "shared", inner)) == [
        ("sub/a.yaml", 5, 4, 5, 10, "ref"),
        ("sub/a.yaml", 14, 22, 14, 28, "ref"),
        ("sub/a.yaml", 15, 26, 15, 32, "ref"),
        ("sub/catalog.yaml", 2, 16, 2, 22, "def"),
    ]
    assert where(index, Symbol(PERSONA, "shared", outer)) == [("catalog.yaml", 2, 16, 2, 22, "def")]
    assert where(index, Symbol(CHANNEL, "web", a)) == [
        ("sub/a.yaml", 6, 16, 6, 19, "def"),
        ("sub/a.yaml", 9, 56, 9, 59, "ref"),
    ]
    assert where(index, Symbol(TEAM, "ops", inner)) == [
        ("sub/a.yaml", 9, 68, 9, 71, "ref"),
        ("sub/catalog.yaml", 3, 13, 3, 16, "def"),
    ]
    # what resolves to nothing is still indexed, together
    assert where(index, Symbol(STAGE, "nowhere", a)) == [("sub/a.yaml", 12, 11, 12, 18, "ref")]
    assert where(index, Symbol(JOURNEY, "missing")) == [("sub/a.yaml", 16, 27, 16, 34, "ref")]
    assert where(index, Symbol(TOUCHPOINT, "gone")) == [("sub/a.yaml", 16, 48, 16, 52, "ref")]
    assert where(index, Symbol(RULE, "stale-map")) == [("sub/a.yaml", 17, 27, 17, 36, "ref")]
    assert where(index, Symbol(RULE, "JM4")) == [("sub/a.yaml", 17, 38, 17, 41, "ref")]


def test_a_journey_id_two_maps_define_resolves_to_the_first_by_path(tmp_path: Path) -> None:
    write(tmp_path, {
        "catalog.yaml": CATALOG.format(name="Outer"),
        "a.yaml": MAP.format(id="a", other="b"),
        "b.yaml": MAP.format(id="b", other="a"),
        "c.yaml": MAP.format(id="b", other="a"),
    })
    index = index_of(tmp_path)
    b = (tmp_path / "b.yaml").resolve()
    assert where(index, Symbol(JOURNEY, "b", b)) == [
        ("a.yaml", 16, 27, 16, 28, "ref"),
        ("b.yaml", 1, 4, 1, 5, "def"),
        ("c.yaml", 1, 4, 1, 5, "def"),
    ]
    assert where(index, Symbol(TOUCHPOINT, "gone", b)) == [("a.yaml", 16, 42, 16, 46, "ref")]


def test_broken_files_are_skipped_and_invalid_maps_still_indexed(tmp_path: Path) -> None:
    write(tmp_path, {
        "broken.yaml": "journeyctl: 1\nid: [unclosed\n",
        "a.yaml": "journeyctl: 1\nid: a\nstages: 3\ntouchpoints:\n  - {id: t, stage: 7, next: [t, 5]}\n",
    })
    index = index_of(tmp_path)
    a = (tmp_path / "a.yaml").resolve()
    assert [(o.symbol.kind, o.symbol.id, o.span) for o in index.in_file(a)] == [
        (JOURNEY, "a", Span(1, 4, 1, 5)),
        (TOUCHPOINT, "t", Span(4, 9, 4, 10)),
        (TOUCHPOINT, "t", Span(4, 29, 4, 30)),
    ]
    assert index.in_file((tmp_path / "broken.yaml").resolve()) == []
