"""The canvas's *Observed* row: what an event log shows of each touchpoint and handoff,
in the map's language, drawn inside its cells, from ``render --view canvas --evidence``
and ``report --format html --evidence``."""

from __future__ import annotations

from pathlib import Path

import pytest

from canvas.browser import check_page
from journeyctl.cli import run
from journeyctl.outputs.canvas import render_canvas
from journeyctl.outputs.canvas.layout import build_canvas
from journeyctl.outputs.canvas.report_page import render_report_page
from journeyctl.outputs.render.view import make_view
from render.support import doc_from_text, load_doc

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "observed"
#: docs/evidence.md's worked example: its map (under an id of its own) and its log.
PLUMBER = FIXTURES / "plumber.yaml"
EVENTS = FIXTURES / "events.csv"


def evidence_for(doc, log: Path = EVENTS):
    from journeyctl.evidence.run import evidence_from_log

    return evidence_from_log(doc.journey, log)


def observed_view(doc, log: Path = EVENTS):
    view = make_view(doc)
    view.evidence = evidence_for(doc, log)
    return view


def observed_row(view) -> dict[str, list[tuple[str, str | None]]]:
    """Touchpoint id → the (text, tone) of each paragraph of its Observed cell."""
    (sheet,) = build_canvas(view).sheets
    (row,) = [r for r in sheet.rows if r.key == "observed"]
    return {cell.touchpoint: [(b.text, b.tone) for b in cell.blocks] for cell in row.cells}


def in_language(tmp_path, language: str):
    text = PLUMBER.read_text(encoding="utf-8").replace("title: ", f"language: {language}\ntitle: ", 1)
    return doc_from_text(tmp_path, text.removeprefix("journeyctl: 1\n"))


def test_each_touchpoint_shows_its_cases_drop_offs_other_channels_and_handoff_times():
    assert observed_row(observed_view(load_doc(PLUMBER))) == {
        "search": [("6 cases", None), ("↘ 1 drop-off (16.7%)", "warning")],
        "call-office": [
            ("5 cases", None),
            ("Channels used: Phone (5), Live chat (1)", None),
            ("⚠ 16.7% of events off the mapped channel", "warning"),
            ("→ 4. median 14m · 90% within 25m 42s", None),
            ("50.0% over the SLA of 10m", "warning"),
        ],
        "voicemail": [("2 cases", None)],
        "dispatch-job": [("4 cases", None), ("↘ 1 drop-off (25.0%)", "warning")],
        "visit": [("3 cases", None)],
    }


def test_the_row_comes_last_titled_observed_and_only_with_evidence():
    doc = load_doc(PLUMBER)
    (sheet,) = build_canvas(observed_view(doc)).sheets
    assert [(r.key, r.title, r.lane) for r in sheet.rows][-1] == ("observed", "Observed", "observed")
    (plain,) = build_canvas(make_view(doc)).sheets
    assert "observed" not in [r.key for r in plain.rows]


MAP = """
id: returns
title: Returning a parcel
teams: [{id: desk, name: Desk}, {id: store, name: Store}]
stages: [{id: s, name: Return}]
touchpoints:
  - id: form
    name: Fills in the form
    stage: s
    channel: web
    owner: desk
    entry: true
    events: [form]
    next:
      - to: label
        handoff: {carries: [order], sla: 1h}
      - to: shop
        handoff: {carries: [order], sla: 2h}
  - id: label
    name: Gets a label
    stage: s
    lane: backstage
    owner: store
    end: success
    events: [label]
  - id: shop
    name: Brings it to a shop
    stage: s
    channel: in-person
    owner: store
    end: success
    events: [shop]
"""
LOG = """case_id,activity,timestamp
k1,form,2026-03-02T10:00:00
k1,label,2026-03-02T10:30:00
k2,form,2026-03-02T11:00:00
k2,form,2026-03-02T11:10:00
k2,label,2026-03-02T11:40:00
k3,form,2026-03-02T12:00:00
k3,label,2026-03-02T12:20:00
k3,form,2026-03-02T12:25:00
k3,label,2026-03-02T12:35:00
"""


def test_repeat_visits_handoffs_within_sla_and_touchpoints_nobody_reached(tmp_path):
    doc = doc_from_text(tmp_path, MAP)
    log = tmp_path / "log.csv"
    log.write_text(LOG, encoding="utf-8")
    cells = observed_row(observed_view(doc, log))
    assert cells == {
        # k3 went round twice, so visits outnumber cases; a log without channels says nothing of them
        "form": [
            ("3 cases", None), ("4 visits", None),
            ("→ 2. median 25m · 90% within 30m", None), ("0.0% over the SLA of 1h", "sla"),
            ("→ 3. Not seen in the log", None),
        ],
        "label": [("3 cases", None), ("4 visits", None)],
        "shop": [("Not seen in the log", None)],
    }


def test_greek_words_and_plurals(tmp_path):
    cells = observed_row(observed_view(in_language(tmp_path, "el")))
    assert cells["search"] == [("6 περιπτώσεις", None), ("↘ 1 αποχώρηση (16.7%)", "warning")]
    assert [text for text, _ in cells["call-office"]] == [
        "5 περιπτώσεις",
        "Κανάλια στην πράξη: Τηλέφωνο (5), Ζωντανή συνομιλία (chat) (1)",
        "⚠ 16.7% των συμβάντων εκτός του καναλιού του χάρτη",
        "→ 4. διάμεσος 14m · 90% εντός 25m 42s",
        "50.0% πάνω από το SLA των 10m",
    ]


def test_hebrew_words_plurals_and_arrows_point_the_reading_way(tmp_path):
    view = observed_view(in_language(tmp_path, "he"))
    cells = observed_row(view)
    assert cells["voicemail"] == [("שני מקרים", None)]
    assert cells["dispatch-job"] == [("4 מקרים", None), ("↘ נטישה אחת (25.0%)", "warning")]
    assert cells["call-office"][3] == ("← 4. חציון 14m · 90% תוך 25m 42s", None)
    (sheet,) = build_canvas(view).sheets
    assert sheet.rows[-1].title == "נצפה"


def test_render_view_canvas_takes_the_evidence(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(FIXTURES)
    out = tmp_path / "canvas.html"
    assert run(["render", "--view", "canvas", "plumber.yaml", "--evidence", "events.csv", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<tr class="lane-observed" data-row="observed"><th scope="row">Observed</th>' in page
    assert '<span class="tag tone-warning">50.0% over the SLA of 10m</span>' in page
    assert capsys.readouterr().err == ""


def test_render_view_canvas_refuses_a_missing_log_in_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(FIXTURES)
    out = tmp_path / "canvas.svg"
    assert run(["render", "--view", "canvas", "plumber.yaml", "--evidence", "nowhere.csv", "-o", str(out)]) == 2
    assert capsys.readouterr().err == "journeyctl: error: --evidence nowhere.csv: no such file\n"
    assert not out.exists()


def test_the_html_report_pages_canvas_has_the_row(tmp_path, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    out = tmp_path / "report.html"
    assert run(["report", "plumber.yaml", "--format", "html", "--evidence", "events.csv", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    canvas = page[page.index('<table class="canvas"'):page.index("</table>")]
    assert '<tr class="lane-observed" data-row="observed"><th scope="row">Observed</th>' in canvas
    assert "<p class=\"title\">6 cases</p>" in canvas


def test_the_report_page_speaks_the_maps_language(tmp_path):
    page = render_report_page(in_language(tmp_path, "el"), evidence=evidence_for(load_doc(PLUMBER)))
    assert "<h2>Ροή</h2>" in page and "<h2>Flow</h2>" not in page
    assert '<th scope="row">Παρατηρήθηκε</th>' in page


def test_the_flow_note_speaks_the_maps_language(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no Graphviz
    page = render_report_page(in_language(tmp_path, "he"))
    assert "<h2>זרימה</h2>" in page
    assert '<p class="missing">תרשים הזרימה הושמט: Graphviz &#39;dot&#39; not found' in page


@pytest.mark.parametrize("language", ["en", "el", "he", "ru"])
def test_the_row_is_visible_inside_its_cells_in_a_browser(tmp_path, language):
    view = observed_view(in_language(tmp_path, language))
    cells = observed_row(view)
    texts = [{"touchpoint": tp, "text": text} for tp, blocks in cells.items() for text, _ in blocks]
    result = check_page(tmp_path, render_canvas(view, "html"), render_canvas(view, "svg"), texts)
    assert result["problems"] == []
    assert result["facts"]["svg_cells"] >= 2 * len(cells)
