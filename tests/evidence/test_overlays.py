"""``render --evidence`` and ``report --evidence``: the log's numbers drawn on the flow
diagram and written into the report."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from journeyctl.cli import run
from support import FLOW, log_file

ROWS = """
    k1, a, 10:00
    k1, b, 10:05
    k1, c, 10:35
    k2, a, 11:00
    k2, b, 11:01
    k2, c, 13:01
    k3, a, 09:00
    k3, c, 09:01
    k4, a, 09:00
"""


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "flow.yaml").write_text(FLOW, encoding="utf-8")
    log_file(tmp_path, ROWS)
    return tmp_path


def dot_of(capsys, *extra: str) -> str:
    assert run(["render", "flow.yaml", "--to", "dot", "--evidence", "log.csv", *extra]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_edges_are_as_wide_as_their_traffic_and_undocumented_ones_dashed_in_orange(files, capsys):
    lines = dot_of(capsys).splitlines()
    # The flow view's invisible edges only order its lanes and lines.
    edges = [line.strip() for line in lines
             if " -> " in line and "style=invis" not in line and not line.strip().startswith('"line:')]
    assert edges == [
        '"entry:a" -> "a" [tooltip="entry"]',
        '"a" -> "b" [label=<<FONT POINT-SIZE="8" COLOR="#252525">2× · median 3m</FONT>>, tooltip="a->b", '
        "penwidth=6.0]",
        '"b" -> "c" [style="bold,dashed", penwidth=6.0, label=<⇢ notes · SLA 1h<BR/><FONT POINT-SIZE="8" '
        'COLOR="#252525">2× · median 1h 15m · 50.0% over SLA</FONT>>, tooltip="b->c"]',
        '"b" -> "d" [label=<<FONT POINT-SIZE="8" COLOR="#bdbdbd">unused</FONT>>, tooltip="b->d", penwidth=0.5, '
        'color="#bdbdbd"]',
        '"a" -> "c" [penwidth=3.5, label=<<FONT POINT-SIZE="8" COLOR="#d55e00">1× · median 1m</FONT>>, '
        'style="dashed", color="#d55e00", constraint=false, tooltip="undocumented: a->c"]',
    ]


def test_touchpoints_show_their_cases_and_a_drop_off_badge(files, capsys):
    dot = dot_of(capsys)
    assert 'xlabel=<<FONT POINT-SIZE="8">4 cases<BR/><FONT COLOR="#d55e00"><B>↘ 1 drop-off (25.0%)</B></FONT></FONT>>' in dot
    assert 'xlabel=<<FONT POINT-SIZE="8">3 cases</FONT>>' in dot
    assert 'xlabel=<<FONT POINT-SIZE="8">0 cases</FONT>>' in dot


def test_without_evidence_the_diagram_is_unchanged(files, capsys):
    assert run(["render", "flow.yaml", "--to", "dot"]) == 0
    plain = capsys.readouterr().out
    assert "xlabel" not in plain and "undocumented" not in plain and "penwidth=6.0" not in plain


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")
def test_graphviz_accepts_the_overlay(files, capsys):
    done = subprocess.run(["dot", "-Tsvg"], input=dot_of(capsys), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "undocumented: a&#45;&gt;c" in done.stdout


def test_a_persona_view_draws_only_the_edges_between_shown_touchpoints(files, capsys):
    text = FLOW.replace("title: A flow\n", "title: A flow\npersonas: [{id: p, name: P}, {id: q, name: Q}]\n")
    text = text.replace("    events: [c]\n", "    events: [c]\n    personas: [q]\n")
    (files / "flow.yaml").write_text(text, encoding="utf-8")
    dot = dot_of(capsys, "--persona", "p")
    assert '"a" -> "c"' not in dot
    assert '"a" -> "b"' in dot


def test_evidence_is_refused_on_mermaid(files, capsys):
    assert run(["render", "flow.yaml", "--to", "mermaid", "--evidence", "log.csv"]) == 2
    assert capsys.readouterr().err == (
        "journeyctl: error: --evidence draws on Graphviz diagrams: give --to dot, svg, png or pdf\n"
    )


def test_a_missing_log_is_one_line(files, capsys):
    assert run(["render", "flow.yaml", "--to", "dot", "--evidence", "nothing.csv"]) == 2
    assert capsys.readouterr().err == "journeyctl: error: --evidence nothing.csv: no such file\n"


def test_the_report_has_an_evidence_section_before_the_findings(files, capsys):
    assert run(["report", "flow.yaml", "--evidence", "log.csv"]) == 0
    report = capsys.readouterr().out
    section = report[report.index("## Evidence\n"):]
    assert section.startswith(
        "## Evidence\n\n4 cases, 9 events, 0 of them unmapped. **Fitness: 50.0%** (2 of 4 cases start at an entry, "
        "end at an end and take only mapped transitions).\n\n### Touchpoints\n"
    )
    assert "| a → c | **undocumented** | 1 | 1 | 1m | 1m | – | – |" in section
    assert report.index("## Evidence") < report.index("## Lint findings")
    assert run(["report", "flow.yaml"]) == 0
    assert "## Evidence" not in capsys.readouterr().out


def test_an_activity_of_two_touchpoints_stops_the_report_with_exit_1(files, capsys):
    (files / "flow.yaml").write_text(FLOW.replace("events: [d]", "events: ['?']"), encoding="utf-8")
    assert run(["report", "flow.yaml", "--evidence", "log.csv"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("journeyctl: error: flow.yaml: activity 'a' is evidence of 2 touchpoints: 'a', 'd'")
