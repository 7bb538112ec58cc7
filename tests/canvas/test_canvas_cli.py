"""``journeyctl render --view canvas`` and ``report --format html`` from the command line."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

import journeyctl.outputs.canvas.chromium as chromium_module
from journeyctl.cli import run
from journeyctl.outputs.canvas.report_page import inline, markdown_to_html
from render.support import EXAMPLES

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
PLUMBER = "examples/home-services/emergency-plumber.yaml"


@pytest.fixture
def examples(tmp_path, monkeypatch):
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-12-01")
    return tmp_path / "examples"


def test_an_html_file_name_draws_the_canvas(examples, tmp_path):
    assert run(["render", PLUMBER, "-o", "plumber.html"]) == 0
    assert (tmp_path / "plumber.html").read_bytes() == (GOLDEN / "emergency-plumber.canvas.html").read_bytes()


def test_view_canvas_to_stdout_is_html_and_svg_on_request(examples, capsysbinary):
    assert run(["render", PLUMBER, "--view", "canvas"]) == 0
    assert capsysbinary.readouterr().out == (GOLDEN / "emergency-plumber.canvas.html").read_bytes()
    assert run(["render", PLUMBER, "--view", "canvas", "--to", "svg"]) == 0
    assert capsysbinary.readouterr().out == (GOLDEN / "emergency-plumber.canvas.svg").read_bytes()


def test_svg_without_view_stays_the_flow_graph(examples, tmp_path):
    assert run(["render", PLUMBER, "--to", "dot"]) == 0
    assert run(["render", PLUMBER, "--to", "html", "-o", "x.svg"]) == 2


def test_a_folder_gets_one_canvas_per_journey(examples, tmp_path):
    assert run(["render", "examples", "--view", "canvas", "--to", "svg", "-o", "out"]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(p.name.replace(".canvas.svg", ".svg") for p in GOLDEN.glob("*.canvas.svg")
                           if p.name.split(".")[0] not in ("hostile-labels", "other-journey", "emergency-plumber-observed"))


def test_several_maps_into_an_html_file_name_are_a_usage_error(examples, tmp_path, capsys):
    assert run(["render", "examples", "--view", "canvas", "-o", "all.html"]) == 2
    assert capsys.readouterr().err == (
        "journeyctl: error: -o all.html: rendering a folder or several maps writes one file per journey into a "
        "folder, but '.html' names a file: give a folder (-o DIR)\n"
    )
    assert not (tmp_path / "all.html").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--view", "canvas", "--to", "dot"], "--to: the canvas is drawn as html, svg, png, pdf, not 'dot'"),
    (["--view", "board"], "--view: unknown view 'board' (expected flow or canvas)"),
    (["--view", "canvas", "--highlight-findings"],
     "--highlight-findings outlines the flow view's elements: drop it, or use --view flow"),
    (["--view", "canvas", "-o", "x.txt"], "-o x.txt: name the file .html, .svg, .png or .pdf, or give --to"),
    (["--view", "canvas", "--to", "svg", "-o", "x.png"], "--to svg contradicts -o x.png: drop --to or change the extension"),
    (["--view", "canvas", "--persona", "nobody"],
     "journey 'emergency-plumber' has no persona 'nobody' (its personas: homeowner-in-a-hurry, property-manager, "
     "senior-phone-first)"),
])
def test_usage_errors_are_one_line(examples, capsys, args, message):
    assert run(["render", PLUMBER, *args]) == 2
    assert capsys.readouterr().err == f"journeyctl: error: {message}\n"


def test_html_never_goes_to_a_terminal(examples, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run(["render", PLUMBER, "--view", "canvas"]) == 2
    assert capsys.readouterr().err == "journeyctl: error: refusing to write HTML to a terminal: give a file with -o FILE\n"


def test_missing_chromium_is_one_line(examples, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(chromium_module.shutil, "which", lambda name: None)
    assert run(["render", PLUMBER, "--view", "canvas", "-o", "p.png"]) == 2
    assert capsys.readouterr().err == (
        "journeyctl: error: Chromium not found: install it (apt-get install chromium, brew install --cask chromium) "
        "or use --to html or --to svg\n"
    )
    assert not (tmp_path / "p.png").exists()


def test_one_persona_canvas(examples, capsys):
    assert run(["render", PLUMBER, "--view", "canvas", "--persona", "senior-phone-first"]) == 0
    out = capsys.readouterr().out
    assert "Persona: Galina, 68, phone first · " in out
    assert "Books a slot online" not in out


def test_report_html_is_one_page_with_canvas_flow_and_sections(examples, tmp_path):
    assert run(["report", PLUMBER, "--format", "html", "-o", "report.html"]) == 0
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.count("<html") == 1 and "<script" not in page and "http://" not in page.replace(
        "http://www.w3.org/", "")
    assert page.index('<table class="canvas"') < page.index("<h2>Flow</h2>") < page.index("<h2>Personas</h2>")
    for section in ("Stages", "Pain points", "Handoffs", "Roadmap", "Paths", "Lint findings"):
        assert f"<h2>{section}</h2>" in page
    assert "```" not in page and "<h2>Map</h2>" not in page


def test_report_html_says_when_graphviz_is_missing(examples, tmp_path, monkeypatch):
    import journeyctl.outputs.render.graphviz_run as graphviz_run

    monkeypatch.setattr(graphviz_run.shutil, "which", lambda name: None)
    assert run(["report", PLUMBER, "--format", "html", "-o", "report.html"]) == 0
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<p class="missing">The flow diagram is left out: Graphviz &#39;dot&#39; not found: install it' in page


def test_report_markdown_becomes_html():
    assert inline(r"**Bold** \<b\> `a\|b` x<br>y \*") == "<strong>Bold</strong> &lt;b&gt; <code>a|b</code> x<br>y *"
    assert markdown_to_html("# T\n\n| a | b |\n|---|---|\n| 1 \\| 2 | `x|y` |\n\n- one\n  - sub\n\n```mermaid\nx\n```\ntext\n") == (
        "<h1>T</h1>\n<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>\n"
        "<tr><td>1 | 2</td><td><code>x|y</code></td></tr>\n</tbody></table>\n"
        "<ul>\n<li>one</li>\n<li class=\"sub\">sub</li>\n</ul>\n<p>text</p>\n"
    )


def test_the_markdown_reports_canvas_section_speaks_the_maps_language(tmp_path):
    from journeyctl.outputs.render.report import render_report
    from render.support import doc_from_text

    doc = doc_from_text(tmp_path, """
        id: el
        title: Επισκευή (κλιματιστικό)
        language: el
        stages: [{id: s, name: Στάδιο}]
        touchpoints:
          - {id: a, name: Κλήση, stage: s, channel: phone, entry: true, end: success}
    """)
    report = render_report(doc, canvas="el map.canvas.svg")
    assert "## Καμβάς\n\n[![Καμβάς: Επισκευή (κλιματιστικό)](el%20map.canvas.svg)](el%20map.canvas.svg)\n" in report
    assert "## Καμβάς" not in render_report(doc)
