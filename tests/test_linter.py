"""The lint engine as a library: pile-on rules, validation first, progress, statistics, order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from journeyctl.checks.linter import lint, lint_text
from journeyctl.loading.config import Config
from journeyctl.model.findings import Severity

TODAY = dt.date(2026, 11, 22)
HEAD = """\
journeyctl: 1
id: {id}
title: A journey
owner: cx
reviewed: 2026-11-01
teams: [{{id: cx, name: CX}}]
stages: [{{id: s, name: S}}]
touchpoints:
"""


def touchpoint(tid: str, *extra: str) -> str:
    lines = [f"  - id: {tid}", f"    name: {tid.title()}", "    stage: s", "    channel: web", "    owner: cx"]
    return "\n".join(lines + [f"    {e}" for e in extra]) + "\n"


def run(tmp_path: Path, files: dict[str, str], **config: object):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return lint([], Config(root=tmp_path, **config), cwd=tmp_path, today=TODAY)


def found(result) -> list[tuple]:
    return [(f.path, f.code, f.line, f.column) for f in result.findings]


def test_no_entry_does_not_pile_on_unreachable(tmp_path: Path) -> None:
    text = HEAD.format(id="j") + touchpoint("a", "next: [b]") + touchpoint("b", "end: success")
    assert found(run(tmp_path, {"j.yaml": text})) == [("j.yaml", "JM101", 8, 1)]


def test_no_end_does_not_pile_on_no_way_out(tmp_path: Path) -> None:
    text = HEAD.format(id="j") + touchpoint("a", "entry: true", "next: [b]") + touchpoint("b", "next: [a]")
    assert found(run(tmp_path, {"j.yaml": text})) == [("j.yaml", "JM102", 8, 1)]


def test_the_same_loop_with_an_end_elsewhere_is_a_trap(tmp_path: Path) -> None:
    text = (HEAD.format(id="j") + touchpoint("a", "entry: true", "next: [b]") + touchpoint("b", "next: [a]")
            + touchpoint("c", "entry: true", "end: success"))
    assert found(run(tmp_path, {"j.yaml": text})) == [("j.yaml", "JM105", 9, 5), ("j.yaml", "JM105", 16, 5)]


def test_validation_findings_stop_the_rules_for_that_file_only(tmp_path: Path) -> None:
    broken = HEAD.format(id="broken") + touchpoint("a", "entry: true").replace("channel: web", "channel: fax")
    dead = HEAD.format(id="dead") + touchpoint("a", "entry: true") + touchpoint("b", "end: success")
    result = run(tmp_path, {"broken.yaml": broken, "dead.yaml": dead})
    assert found(result) == [
        ("broken.yaml", "JM003", 12, 14),
        ("dead.yaml", "JM103", 9, 5),
        ("dead.yaml", "JM104", 15, 5),
    ]
    assert (result.files, result.journeys) == (2, 2)


def test_findings_are_sorted_and_the_same_every_run(tmp_path: Path) -> None:
    files = {
        f"{name}.yaml": HEAD.format(id=name) + touchpoint("a", "entry: true") + touchpoint("z", "next: [z]")
        for name in ("b", "a", "c")
    }
    first = run(tmp_path, files)
    assert found(first) == [
        (path, code, line, column)
        for path in ("a.yaml", "b.yaml", "c.yaml")
        for code, line, column in (("JM102", 8, 1), ("JM103", 9, 5), ("JM104", 15, 5))
    ]
    assert run(tmp_path, {}).findings == first.findings


def test_statistics_and_summary(tmp_path: Path) -> None:
    text = (HEAD.format(id="j") + touchpoint("a", "entry: true", "next: [b, b, c]") + touchpoint("b")
            + touchpoint("c"))
    result = run(tmp_path, {"j.yaml": text})
    assert result.statistics() == [
        ("JM103", "dead-end", Severity.ERROR, 2),
        ("JM102", "no-end", Severity.ERROR, 1),
        ("JM107", "duplicate-transition", Severity.WARNING, 1),
    ]
    assert result.summary() == {"files": 1, "journeys": 1, "errors": 3, "warnings": 1, "infos": 0}
    assert result.fails(Severity.ERROR)
    assert [r.code for r in result.rules][:4] == ["JM005", "JM101", "JM102", "JM103"]


def test_progress_is_reported_per_file(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    text = HEAD.format(id="{}") + touchpoint("a", "entry: true", "end: success")
    for name in ("x", "y"):
        (tmp_path / f"{name}.yaml").write_text(text.replace("id: {}", f"id: {name}"))
    lint([], Config(root=tmp_path), cwd=tmp_path, today=TODAY, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(0, 2), (1, 2), (2, 2)]


def test_lint_text_finds_what_lint_finds_in_the_same_map_alone(tmp_path, monkeypatch):
    text = (
        "journeyctl: 1\nid: alone\ntitle: Alone\nreviewed: 2026-01-01\nwhatever: 1\n"
        "stages: [{id: s, name: S}]\n"
        "touchpoints:\n"
        "  - {id: a, name: A, stage: nowhere, channel: carrier-pigeon, entry: true, next: [b]}\n"
        "  - {id: b, name: B, stage: s, channel: web, lane: customer}\n"
    )
    monkeypatch.chdir(tmp_path)
    Path("alone.yaml").write_text(text, encoding="utf-8")
    today = dt.date(2026, 6, 1)
    expected = lint(["alone.yaml"], Config(), today=today).findings
    found = lint_text(text, "alone.yaml", Config(), today=today)
    assert [(f.code, f.position.line, f.position.column, f.message) for f in found] == [
        (f.code, f.position.line, f.position.column, f.message) for f in expected
    ]
    assert {f.code for f in found} == {"JM002", "JM003"}
