"""The canvas layout: columns in path order, the rows and what each cell says, the curve."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from journeyctl.outputs.canvas import render_canvas
from journeyctl.outputs.canvas.curve import COLUMN_WIDTH, FEELING_HEIGHT, FEELING_PAD
from journeyctl.outputs.canvas.layout import SHEET_COLUMNS, build_canvas, path_order
from journeyctl.outputs.canvas.metrics import text_width, wrap
from journeyctl.outputs.render.view import make_view
from render.support import doc_from_text, write_map

MAP = """
id: repair
title: Getting a boiler repaired
emotion_scale: {min: -2, max: 2}
personas:
  - {id: owner, name: Home owner}
  - {id: tenant, name: Tenant}
teams:
  - {id: desk, name: Service desk}
  - {id: crew, name: Field crew}
stages:
  - {id: ask, name: Ask}
  - {id: fix, name: Fix}
  - {id: empty, name: Nothing here}
touchpoints:
  - id: confirm
    name: Gets a confirmation
    stage: ask
    channel: sms
    owner: desk
    emotion: 1
    next: [visit]
  - id: call
    name: Calls the desk
    stage: ask
    channel: phone
    owner: desk
    entry: true
    decision: true
    action: Rings the hotline
    thought: Will anyone answer?
    emotion: -2
    pain_points:
      - {id: hold, summary: Waits on hold, severity: high, evidence: Call logs}
    metrics: {csat: 3.5, calls: 120}
    next:
      - to: confirm
        when: slot free
        handoff: {carries: [address, photos], sla: 10m}
      - to: gives-up
        when: no slot
  - id: gives-up
    name: Gives up
    stage: ask
    channel: phone
    lane: customer
    end: abandoned
    personas: [tenant]
  - id: visit
    name: Engineer visits
    stage: fix
    channel: in-person
    owner: crew
    emotion: 2
    next: [order-part]
  - id: order-part
    name: Orders the part
    stage: fix
    lane: backstage
    owner: crew
    resources: [Parts portal]
    next:
      - journey: billing
        touchpoint: invoice
roadmap:
  - {id: callback, title: Offer a call-back, addresses: [hold], priority: must, status: planned, milestone: 2027-Q1}
  - {id: app, title: Book in the app, addresses: [call], priority: could}
"""


BILLING = """
id: billing
title: Billing
stages: [{id: s, name: S}]
touchpoints:
  - {id: invoice, name: Invoice, stage: s, channel: email, entry: true, end: success}
"""


@pytest.fixture
def doc(tmp_path):
    write_map(tmp_path, BILLING, "billing.yaml")
    return doc_from_text(tmp_path, MAP)


def cell_texts(sheet, key):
    (row,) = [r for r in sheet.rows if r.key == key]
    return [[b.text for b in cell.blocks] for cell in row.cells]


def test_columns_follow_the_path_within_each_stage(doc):
    assert [tp.id for tp in path_order(make_view(doc))] == ["call", "confirm", "gives-up", "visit", "order-part"]


def test_a_cycle_inside_a_stage_is_entered_where_the_file_enters_it(tmp_path):
    loop = doc_from_text(tmp_path, """
        id: loop
        title: Loop
        stages: [{id: s, name: S}]
        touchpoints:
          - {id: b, name: B, stage: s, channel: web, next: [a]}
          - {id: a, name: A, stage: s, channel: web, entry: true, next: [b, c]}
          - {id: c, name: C, stage: s, channel: web, end: success}
    """)
    assert [tp.id for tp in path_order(make_view(loop))] == ["b", "a", "c"]


def test_rows_are_those_with_something_to_show_in_blueprint_order(doc):
    (sheet,) = build_canvas(make_view(doc)).sheets
    assert [r.key for r in sheet.rows] == [
        "doing", "touchpoint", "thinking", "feeling", "pain_points", "opportunities", "line_of_interaction",
        "frontstage", "line_of_visibility", "backstage", "handoffs", "metrics",
    ]
    assert [s.name for s in sheet.stages] == ["Ask", "Fix"]
    assert [(s.first, s.count) for s in sheet.stages] == [(0, 3), (3, 2)]


def test_each_cell_says_what_its_row_shows(doc):
    (sheet,) = build_canvas(make_view(doc)).sheets
    assert cell_texts(sheet, "doing") == [["Rings the hotline"], [], [], [], []]
    assert cell_texts(sheet, "touchpoint") == [
        ["1. Calls the desk", "Phone", "▶ Entry", "◆ Decision", "slot free: → 2. Gets a confirmation",
         "no slot: → 3. Gives up"],
        ["2. Gets a confirmation", "SMS"],
        ["3. Gives up", "Phone", "✖ End: abandoned"],
        ["4. Engineer visits", "In person"],
        [],
    ]
    assert cell_texts(sheet, "backstage")[4] == [
        "5. Orders the part", "Owner: Field crew", "↪ Continues in journey billing at invoice", "Resources: Parts portal",
    ]
    assert cell_texts(sheet, "pain_points")[0] == ["High", "Waits on hold", "Evidence: Call logs"]
    assert cell_texts(sheet, "opportunities")[0] == [
        "Must have · planned · 2027-Q1", "Offer a call-back", "Could have · idea", "Book in the app",
    ]
    assert cell_texts(sheet, "frontstage") == [["Service desk"], ["Service desk"], [], ["Field crew"], []]
    assert cell_texts(sheet, "handoffs")[0] == [
        "Service desk → Service desk (2.)", "Carries: address, photos", "SLA 10m",
    ]
    assert cell_texts(sheet, "metrics")[0] == ["csat: 3.5", "calls: 120"]


def test_the_fixed_words_come_in_the_maps_language(tmp_path):
    greek = doc_from_text(tmp_path, """
        id: el
        title: Επισκευή
        language: el
        stages: [{id: s, name: Στάδιο}]
        touchpoints:
          - id: a
            name: Κλήση
            stage: s
            channel: phone
            owner: t
            entry: true
            end: success
            action: Τηλεφωνεί
            pain_points: [{id: p, summary: Αναμονή, severity: high}]
          - {id: b, name: Πίσω, stage: s, lane: backstage, owner: t, entry: true, end: success}
        teams: [{id: t, name: Ομάδα}]
    """)
    canvas = build_canvas(make_view(greek))
    assert canvas.language == "el" and not canvas.rtl
    (sheet,) = canvas.sheets
    titles = {row.key: row.title for row in sheet.rows}
    assert titles["doing"] == "Τι κάνει"
    assert titles["line_of_visibility"] == "Γραμμή ορατότητας"
    assert cell_texts(sheet, "pain_points")[0][0] == "Υψηλή"
    assert '<html lang="el" dir="ltr">' in render_canvas(make_view(greek), "html")


def test_each_persona_has_their_own_emotions(tmp_path):
    doc = doc_from_text(tmp_path, """
        id: per-persona
        title: Per persona
        personas: [{id: a, name: A}, {id: b, name: B}]
        stages: [{id: s, name: S}]
        touchpoints:
          - {id: one, name: One, stage: s, channel: web, entry: true, emotion: {a: -2, b: 1}, next: [two]}
          - {id: two, name: Two, stage: s, channel: web, end: success, emotion: {a: 2}}
    """)
    (sheet,) = build_canvas(make_view(doc)).sheets
    a, b = sheet.curve.series
    assert [(p.touchpoint, p.value) for p in a.points] == [("one", -2), ("two", 2)]
    assert [(p.touchpoint, p.value) for p in b.points] == [("one", 1)]


def test_numbers_and_ids_are_isolated(doc):
    (sheet,) = build_canvas(make_view(doc)).sheets
    (row,) = [r for r in sheet.rows if r.key == "touchpoint"]
    title = row.cells[0].blocks[0]
    assert [(s.text, s.isolated) for s in title.spans] == [("1.", True), (" ", False), ("Calls the desk", False)]


def test_the_curve_has_a_line_per_persona_through_their_touchpoints(doc):
    (sheet,) = build_canvas(make_view(doc)).sheets
    curve = sheet.curve
    assert curve.width == 5 * COLUMN_WIDTH and curve.height == FEELING_HEIGHT
    inner = FEELING_HEIGHT - 2 * FEELING_PAD
    assert [(t.label, t.y) for t in curve.ticks] == [
        ("2", FEELING_PAD), ("0", FEELING_PAD + inner / 2), ("-2", FEELING_PAD + inner)]
    owner, tenant = curve.series
    assert owner.label == "Home owner" and tenant.label == "Tenant"
    assert [(p.touchpoint, p.value) for p in owner.points] == [("call", -2), ("confirm", 1), ("visit", 2)]
    assert [p.x for p in owner.points] == [110 - 3, 330 - 3, 770 - 3]
    assert [p.y for p in owner.points] == [FEELING_PAD + inner, FEELING_PAD + inner / 4, FEELING_PAD]
    assert (owner.color, owner.marker, owner.dash) != (tenant.color, tenant.marker, tenant.dash)


def test_one_persona_shows_only_their_touchpoints_and_curve(doc):
    canvas = build_canvas(make_view(doc, "owner"))
    (sheet,) = canvas.sheets
    assert [c.touchpoint.id for c in sheet.columns] == ["call", "confirm", "visit", "order-part"]
    assert [s.label for s in sheet.curve.series] == ["Home owner"]
    assert canvas.subtitle.startswith("Persona: Home owner · ")


def chain(tmp_path, stage_sizes):
    ids = [(i, k) for k, size in enumerate(stage_sizes) for i in range(size)]
    steps = []
    for n, (_, k) in enumerate(ids):
        tail = f"next: [t{n + 1}]" if n < len(ids) - 1 else "end: success"
        steps.append(f"  - {{id: t{n}, name: Step {n}, stage: s{k}, channel: web, entry: {str(n == 0).lower()}, {tail}}}")
    stages = ", ".join(f"{{id: s{k}, name: Stage {k}}}" for k in range(len(stage_sizes)))
    return doc_from_text(tmp_path, f"id: long\ntitle: Long\nstages: [{stages}]\ntouchpoints:\n" + "\n".join(steps))


def sheet_stages(doc):
    return [[(s.name, s.count, s.continued) for s in sheet.stages] for sheet in build_canvas(make_view(doc)).sheets]


def test_a_long_journey_is_cut_into_sheets_at_stage_boundaries(tmp_path):
    assert SHEET_COLUMNS == 6
    assert sheet_stages(chain(tmp_path, [4, 4, 4, 2])) == [
        [("Stage 0", 4, False)], [("Stage 1", 4, False)], [("Stage 2", 4, False), ("Stage 3", 2, False)],
    ]


def test_a_stage_longer_than_a_sheet_is_split_and_marked_continued(tmp_path):
    assert sheet_stages(chain(tmp_path, [2, 9])) == [
        [("Stage 0", 2, False), ("Stage 1", 4, False)], [("Stage 1", 5, True)],
    ]


def test_a_sheet_is_filled_rather_than_left_more_than_half_empty(tmp_path):
    assert sheet_stages(chain(tmp_path, [2, 5])) == [
        [("Stage 0", 2, False), ("Stage 1", 4, False)], [("Stage 1", 1, True)],
    ]


def test_a_right_to_left_title_mirrors_the_svg(tmp_path):
    doc = doc_from_text(tmp_path, """
        id: he
        title: זימון תור
        stages: [{id: s, name: שלב}]
        touchpoints:
          - {id: a, name: א, stage: s, channel: web, entry: true, end: success, emotion: 1}
    """)
    canvas = build_canvas(make_view(doc))
    assert canvas.rtl
    html = render_canvas(make_view(doc), "html")
    assert '<html lang="en" dir="rtl">' in html
    svg = ET.fromstring(render_canvas(make_view(doc), "svg"))
    assert svg.get("direction") == "rtl"
    # the header column sits at the right edge: 24 margin + 220 column, then the 150 header
    header = svg.find(".//{http://www.w3.org/2000/svg}g[@class='cell header']/{http://www.w3.org/2000/svg}rect")
    assert float(header.get("x")) == 24 + 220


def test_markup_and_forbidden_characters_are_escaped(tmp_path):
    doc = doc_from_text(tmp_path, """
        id: x
        title: "<script>alert(1)</script> & \\x01 \\uFFFE"
        stages: [{id: s, name: "a\\"b'c"}]
        touchpoints:
          - {id: a, name: "</td><td>", stage: s, channel: web, entry: true, end: success}
    """)
    view = make_view(doc)
    html = render_canvas(view, "html")
    assert "<script>" not in html and "</td><td>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \ufffd \ufffd" in html
    assert "&lt;/td&gt;&lt;td&gt;" in html
    svg = render_canvas(view, "svg")
    ET.fromstring(svg)  # well-formed XML 1.0
    assert "\x01" not in svg and "\ufffe" not in svg
    assert "<script" not in svg and "foreignObject" not in svg and "href" not in svg


def test_output_is_deterministic(doc):
    view = make_view(doc)
    assert render_canvas(view, "html") == render_canvas(make_view(doc), "html")
    assert render_canvas(view, "svg") == render_canvas(make_view(doc), "svg")


def test_text_is_measured_with_dejavu_sans_widths():
    # DejaVu Sans: "A" is 1401/2048 em, a space 651/2048 em; bold "A" 1585/2048 em
    assert text_width("A", 1000) == 684
    assert text_width(" ", 1000) == 318
    assert text_width("A", 1000, bold=True) == 774
    assert text_width("e\u0301", 1000) == text_width("e", 1000)  # a combining mark takes no room
    assert text_width("中", 1000) == 1000 and text_width("😀", 1000) == 1250


def test_wrapping_breaks_at_spaces_between_cjk_characters_and_inside_overlong_words():
    assert wrap("one two three", text_width("one two", 10), 10) == ["one two", "three"]
    assert wrap("日本語の文章", text_width("日本語", 10), 10) == ["日本語", "の文章"]
    assert wrap("abcdef", text_width("abc", 10), 10) == ["abc", "def"]
    assert wrap("e\u0301e\u0301e\u0301", text_width("ee", 10), 10) == ["e\u0301e\u0301", "e\u0301"]
    assert wrap("  ", 100, 10) == []
