"""The canvas in a real browser: every text visible inside its cell, nothing clipped or
overlapping, right-to-left maps mirrored, A3 landscape print, the SVG as an image.

Headless Chromium loads each canvas with a check script (``check_canvas.js``) and hands
back what it found through the DOM.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from canvas.browser import A3_LANDSCAPE, check_page, chromium, expected_texts, pdf_pages
from journeyctl.outputs.canvas import render_canvas
from journeyctl.outputs.canvas.layout import SHEET_COLUMNS
from journeyctl.outputs.render.view import make_view
from render.support import EXAMPLES, HOSTILE, doc_from_text, load_doc, load_docs

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import generate  # noqa: E402  (benchmarks/ is not a package)

EXAMPLE_DOCS = {doc.journey.id: doc for doc in load_docs(EXAMPLES)}


def checked(tmp_path, doc, persona=None):
    view = make_view(doc, persona)
    result = check_page(tmp_path, render_canvas(view, "html"), render_canvas(view, "svg"), expected_texts(view))
    return view, result


@pytest.mark.parametrize("journey", sorted(EXAMPLE_DOCS))
def test_every_example_shows_every_text_inside_its_cell(tmp_path, journey):
    view, result = checked(tmp_path, EXAMPLE_DOCS[journey])
    assert result["problems"] == []
    assert result["facts"]["cells"] >= len(view.touchpoints)
    assert result["facts"]["svg_cells"] >= len(view.touchpoints)
    assert result["facts"]["image_width"] > 0 and result["facts"]["image_height"] > 0


def test_hostile_labels_stay_inside_their_cells(tmp_path):
    view, result = checked(tmp_path, load_doc(HOSTILE))
    assert result["problems"] == []
    assert result["facts"]["image_width"] > 0


HOSTILE_SCRIPTS = """
id: scripts
title: "Every script: Ελληνικά, עברית, Русский, Eesti, 中文, 日本語, 😀"
stages: [{id: s1, name: "Στάδιο ένα"}, {id: s2, name: "שלב שני"}]
personas:
  - {id: p1, name: "Мария 👩🏽‍💻"}
  - {id: p2, name: "‏אברהם‏ \u202eevil\u202c"}
touchpoints:
  - id: a
    name: "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenhersteller"
    stage: s1
    channel: web
    entry: true
    action: "子供が熱を出したので予約アプリで小児科の空きを探しています。とても長い文章です。"
    thought: "<script>alert('x')</script> & &amp; \u200f‏rtl mark\u200e 👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦"
    emotion: -2
    pain_points:
      - id: pp1
        summary: "Ο πελάτης περιμένει 14 λεπτά στη γραμμή — «απαράδεκτο»"
        severity: critical
        evidence: "Kõnekeskuse andmed: ootamine ülipikk, tõesti ülipikk järjekord"
    next: [b]
  - id: b
    name: "זימון תור 2. קביעת תור *2700"
    stage: s2
    channel: phone
    owner: t1
    thought: "Почему так долго? Ничего не понятно, всё очень сложно и запутанно"
    emotion: 2
    end: success
teams: [{id: t1, name: "מוקד טלפוני *2700"}]
roadmap:
  - {id: r1, title: "Ανάκληση αντί για αναμονή — 回拨 — обратный звонок 📞", addresses: [pp1], priority: must}
"""


def test_hostile_scripts_stay_inside_their_cells(tmp_path):
    view, result = checked(tmp_path, doc_from_text(tmp_path, HOSTILE_SCRIPTS))
    assert result["problems"] == []


def test_a_200_touchpoint_map_shows_every_text(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(generate.journey_map(1, 200), encoding="utf-8")
    doc = load_doc(path)
    view, result = checked(tmp_path, doc)
    assert result["problems"] == []
    assert result["facts"]["cells"] >= 200


def test_a_hebrew_map_reads_right_to_left(tmp_path):
    _, result = checked(tmp_path, EXAMPLE_DOCS["clinic-appointment-he"])
    facts = result["facts"]
    assert facts["dir"] == "rtl"
    # the first stage starts at the table's right edge, beside the row headers there
    assert facts["first_stage_right"] < facts["table_right"]
    assert facts["first_stage_left"] > facts["table_left"] + (facts["table_right"] - facts["table_left"]) / 2


def test_an_english_map_reads_left_to_right(tmp_path):
    _, result = checked(tmp_path, EXAMPLE_DOCS["emergency-plumber"])
    facts = result["facts"]
    assert facts["dir"] == "ltr"
    assert facts["first_stage_right"] < facts["table_left"] + (facts["table_right"] - facts["table_left"]) / 2


def test_printing_gives_a3_landscape_pages():
    chromium()
    pdf = render_canvas(make_view(EXAMPLE_DOCS["emergency-plumber"]), "pdf")
    assert pdf.startswith(b"%PDF-")
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    # Chromium sizes pages in whole device units: within a point of 1190.55 × 841.89
    for width, height in pages:
        assert abs(width - A3_LANDSCAPE[0]) < 1 and abs(height - A3_LANDSCAPE[1]) < 1


def test_png_is_the_canvas_at_its_width():
    chromium()
    view = make_view(EXAMPLE_DOCS["emergency-plumber"])
    png = render_canvas(view, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(png[16:20], "big")
    assert width == 150 + 220 * SHEET_COLUMNS + 2 * 24 + 48
