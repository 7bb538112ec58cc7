"""The Markdown report: sections, escaping that keeps GitHub's tables whole, Mermaid that parses."""

from __future__ import annotations

import json
import re

import pytest

from journeyctl.outputs.render.report import axis_label, render_index, render_report
from mermaid_parser import parse_mermaid
from render.support import HOSTILE, MAPS, doc_from_text, example_maps, lint_findings, load_doc, load_docs

SMALL = """
id: small
title: Small | map
owner: desk
reviewed: 2026-11-01
tags: [one, "two|three"]
personas:
  - id: ann
    name: Ann
    segment: 30-39
    demographics: {age: 34, remote: true}
    goals: [Fast answer]
    preferred_channels: [phone]
  - {id: bo, name: Bo}
teams: [{id: desk, name: Front desk}, {id: ops, name: Ops}]
stages: [{id: one, name: One, description: First.}, {id: two, name: Two}, {id: spare, name: Spare}]
touchpoints:
  - id: start
    name: Start
    stage: one
    channel: web
    lane: customer
    entry: true
    description: The landing page.
    action: Opens the site
    thought: "Is $5 the price?"
    emotion: -1
    personas: [ann]
    pain_points:
      - {id: slow, summary: "Slow | page", severity: high, evidence: ["Logs: 9s", "Survey"]}
    next: [call]
  - id: call
    name: Call
    stage: one
    channel: phone
    owner: desk
    emotion: 1
    metrics: {csat: 4.2, volume: 100}
    outcomes: {strengths: [Kind staff]}
    next:
      - {to: done, when: solved, handoff: {carries: [ticket, notes], sla: 1h, note: Same day}}
  - {id: done, name: Done, stage: two, channel: email, owner: ops, end: success, emotion: 2}
roadmap:
  - {id: faster, title: Faster page, addresses: [slow], priority: must, milestone: 2027-Q1, owner: desk,
     status: planned}
  - {id: never, title: Never this, priority: wont}
"""


@pytest.fixture
def small(tmp_path):
    doc = doc_from_text(tmp_path, SMALL)
    return render_report(doc, lint_findings(tmp_path / "map.yaml"))


def section(report: str, title: str) -> str:
    start = report.index(f"\n## {title}\n")
    end = report.find("\n## ", start + 1)
    return report[start + 1: end if end != -1 else len(report)]


def test_header(small):
    assert small.startswith(
        "# Small \\| map\n\n"
        "|  |  |\n|---|---|\n"
        "| Id | `small` |\n"
        "| Owner | Front desk |\n"
        "| Status | active |\n"
        "| State | current (as-is) |\n"
        "| Reviewed | 2026-11-01 |\n"
        "| Tags | one, two\\|three |\n"
        "| Emotion scale | -2 to 2, neutral 0 |\n"
        "| Size | 3 stages, 3 touchpoints, 2 transitions |\n"
    )


def test_personas(small):
    assert section(small, "Personas") == (
        "## Personas\n\n"
        "### Ann\n\n"
        "- **Id:** `ann`\n- **Segment:** 30-39\n- **Demographics:** age: 34, remote: true\n"
        "- **Preferred channels:** Phone\n\n"
        "**Goals**\n\n- Fast answer\n\n"
        "### Bo\n\n"
        "- **Id:** `bo`\n"
    )


def test_stage_tables(small):
    assert section(small, "Stages") == (
        "## Stages\n\n"
        "### 1. One\n\nFirst.\n\n"
        "| # | Touchpoint | Doing | Thinking | Lane | Channel | Owner | Emotion | Pain points |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
        "| 1 | **Start**<br>`start` · entry · ⚠ high<br>The landing page. | Opens the site | Is \\$5 the price? "
        "| customer | Website | – | -1 | Slow \\| page (high) |\n"
        "| 2 | **Call**<br>`call` | – | – | frontstage | Phone | Front desk | 1 | – |\n\n"
        "### 2. Two\n\n"
        "| # | Touchpoint | Doing | Thinking | Lane | Channel | Owner | Emotion | Pain points |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
        "| 3 | **Done**<br>`done` · end: success | – | – | frontstage | E-mail | Ops | 2 | – |\n\n"
        "### 3. Spare\n\nNo touchpoints.\n"
    )


def test_emotion_curve_per_persona(small):
    assert section(small, "Emotion curve") == (
        "## Emotion curve\n\n"
        "Emotion at each touchpoint the persona passes through, on the journey's scale (-2 to 2); "
        "the x-axis names the touchpoints, numbered as in the stage tables.\n\n"
        "### Ann\n\n"
        '```mermaid\nxychart-beta\n    title "Ann"\n    x-axis ["1. Start", "2. Call", "3. Done"]\n'
        '    y-axis "Emotion" -2 --> 2\n    line [-1, 1, 2]\n```\n\n'
        "### Bo\n\n"
        '```mermaid\nxychart-beta\n    title "Bo"\n    x-axis ["2. Call", "3. Done"]\n'
        '    y-axis "Emotion" -2 --> 2\n    line [1, 2]\n```\n'
    )


def test_pain_points_handoffs_and_roadmap(small):
    assert section(small, "Pain points") == (
        "## Pain points\n\n### High (1)\n\n"
        "- **Slow \\| page** — at 1. Start, id `slow`. Addressed by: Faster page (must, planned).\n"
        "  - Evidence: Logs: 9s\n  - Evidence: Survey\n"
    )
    assert section(small, "Handoffs") == (
        "## Handoffs\n\n| From | To | When | Carries | SLA | Note |\n|---|---|---|---|---|---|\n"
        "| 2. Call<br>Front desk | 3. Done<br>Ops | solved | ticket, notes | 1h | Same day |\n"
    )
    assert section(small, "Roadmap") == (
        "## Roadmap\n\n### Must have (1)\n\n"
        "| Item | Milestone | Status | Owner | Addresses |\n|---|---|---|---|---|\n"
        "| **Faster page**<br>`faster` | 2027-Q1 | planned | Front desk | Slow \\| page (`slow`) |\n\n"
        "### Won't have (this time) (1)\n\n"
        "| Item | Milestone | Status | Owner | Addresses |\n|---|---|---|---|---|\n"
        "| **Never this**<br>`never` | – | idea | – | – |\n"
    )


def test_paths_findings_and_metrics(small):
    assert section(small, "Paths") == (
        "## Paths\n\n"
        "1 path from 1 entry to an end or into another journey. Longest: path 1 (3 touchpoints). "
        "Worst: path 1 (mean emotion 0.67, lowest -1).\n\n"
        "| # | Path | Outcome | Touchpoints | Channel switches | Handoffs | Lowest emotion | Mean emotion |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| 1 (longest, worst) | Start → Call → Done | success | 3 | 2 | 1 | -1 | 0.67 |\n"
    )
    findings = section(small, "Lint findings")
    assert findings.startswith(
        "## Lint findings\n\n| Severity | Code | Rule | Line | Message |\n|---|---|---|---|---|\n"
    )
    assert "| warning | JM305 | empty-stage |" in findings
    assert section(small, "Outcomes, resources and metrics") == (
        "## Outcomes, resources and metrics\n\n"
        "| Touchpoint | Metrics | Strengths | Weaknesses | Resources |\n|---|---|---|---|---|\n"
        "| 2. Call | csat: 4.2<br>volume: 100 | Kind staff | – | – |\n"
    )


def test_index(tmp_path):
    docs = load_docs(MAPS)
    assert render_index(docs, lint_findings(MAPS)) == (
        "# Journey maps\n\n2 journeys.\n\n"
        "| Journey | Id | Owner | Status | State | Reviewed | Touchpoints | Pain points | Findings |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
        "| [Title with \"quotes\", \\<tags\\> \\& \\| pipes \\| \\#hash; %% ; Ελληνικά עברית Русский 中文 🚰]"
        "(hostile-labels.md) | `hostile-labels` | Team \\<A\\> \\& \"B\" | active | current | 2026-10-01 | 18 | 1 | 9 |\n"
        "| [Other journey](other-journey.md) | `other-journey` | Team A | active | current | – | 1 | 0 | 2 |\n"
    )


def _cells(row: str) -> list[str]:
    """GitHub's split of a table row: at every ``|`` not escaped with a backslash."""
    parts = re.split(r"(?<!\\)\|", row.strip())
    return parts[1:-1]


def test_hostile_report_keeps_every_table_whole_and_every_heading_ours():
    report = render_report(load_doc(HOSTILE), lint_findings(HOSTILE))
    lines = report.split("\n")
    in_fence = False
    width = None
    for line in lines:
        if line.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if line.startswith("|"):
            cells = _cells(line)
            width = width or len(cells)
            assert len(cells) == width, line
        else:
            width = None
        if line.startswith("#"):
            assert re.match(r"#{1,3} \S", line), line
    assert not in_fence
    assert "### Sanjay, property manager: 50% \\#\u20601; really\n" in report
    assert "- \\- looks like a list\n- 1\\. looks numbered\n" in report
    assert "| 1 | **Quotes \"double\" and 'single' and \\`back\\`**<br>`quotes` · entry · ⚠ critical |" in report
    assert "**Back\\\\slash \\\\N \\\\G \\\\l \\\\\\\\ end\\\\**" in report
    assert "First line<br>second line<br>third line" in report


def test_report_mermaid_blocks_parse_for_every_example_and_the_hostile_map():
    blocks, names = [], []
    for path in [*example_maps(), HOSTILE]:
        report = render_report(load_doc(path), lint_findings(path))
        found = re.findall(r"```mermaid\n(.*?)```", report, re.S)
        assert len(found) >= 2, path
        blocks += found
        names += [f"{path.stem} #{i}" for i in range(len(found))]
    errors = {name: error for name, error in zip(names, parse_mermaid(blocks)) if error is not None}
    assert errors == {}


def test_report_is_deterministic():
    first = render_report(load_doc(HOSTILE), lint_findings(HOSTILE))
    assert render_report(load_doc(HOSTILE), lint_findings(HOSTILE)) == first


def test_a_bare_map(tmp_path):
    doc = doc_from_text(tmp_path, """
        id: bare
        title: Bare
        stages: [{id: a, name: A}]
        touchpoints:
          - {id: x, name: X, stage: a, lane: backstage, entry: true, end: success}
    """)
    report = render_report(doc)
    assert section(report, "Personas") == (
        "## Personas\n\nThe map names no personas: every touchpoint is for every customer.\n"
    )
    assert section(report, "Emotion curve").endswith("### Every customer\n\nNo touchpoint on this path records an emotion.\n")
    assert section(report, "Pain points") == "## Pain points\n\nNo pain points recorded.\n"
    assert section(report, "Handoffs") == "## Handoffs\n\nNo transition carries a handoff.\n"
    assert section(report, "Roadmap") == "## Roadmap\n\nNo roadmap items.\n"
    assert section(report, "Lint findings") == "## Lint findings\n\nNo findings.\n"
    assert report.endswith("## Outcomes, resources and metrics\n\nNone recorded.\n")
    blocks = re.findall(r"```mermaid\n(.*?)```", report, re.S)
    assert parse_mermaid(blocks) == [None] * len(blocks)


def test_emotion_curve_names_touchpoints_whatever_they_say(tmp_path):
    names = ['Says "hi", [then] --> leaves; #1 %% x', "Αναζητά υδραυλικό για επείγουσα βλάβη στο σπίτι",
             "קביעת תור אצל הרופא", "$$x$$ fa:fa-car", "Line one\nline two", "配管工を予約する預約水管工배관공を予約します"]
    touchpoints = "".join(
        f"  - {{id: t{i}, name: {json.dumps(name)}, stage: s, channel: web, emotion: {i % 5 - 2},"
        f" entry: {'true' if i == 0 else 'false'}, {'end: success' if i == len(names) - 1 else f'next: [t{i + 1}]'}}}\n"
        for i, name in enumerate(names)
    )
    doc = doc_from_text(tmp_path, f"id: m\ntitle: M\nstages: [{{id: s, name: S}}]\ntouchpoints:\n{touchpoints}")
    report = render_report(doc)
    [chart] = re.findall(r"```mermaid\n(xychart-beta\n.*?)```", report, re.S)
    axis = re.search(r"^    x-axis \[(.*)\]$", chart, re.M).group(1)
    assert axis == (
        '"1. Says #34;hi#34;, #91;then#93;…", "2. Αναζητά υδραυλικό…", "3. קביעת תור אצל הרופא", '
        '"4. $\u2060$x$\u2060$ fa#58;\u2060fa-car", "5. Line one line two", "6. 配管工を予約する預約水管工배관공を予約し…"'
    )
    assert parse_mermaid([chart]) == [None]


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Calls the office", "7. Calls the office"),
        ("Searches for an emergency plumber near me", "7. Searches for an…"),
        ("Emoji 👩‍🔧👩‍🔧👩‍🔧👩‍🔧👩‍🔧👩‍🔧👩‍🔧", "7. Emoji 👩‍🔧👩‍🔧👩‍🔧👩‍🔧…"),
        ("e\u0301" * 13, "7. " + "e\u0301" * 10 + "…"),
        ("x" + "e\u0301" * 13, "7. x" + "e\u0301" * 9 + "…"),
    ],
)
def test_axis_labels_are_cut_between_whole_characters(name, label):
    assert axis_label(7, name) == label
