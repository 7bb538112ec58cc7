"""Fixes: each one byte for byte on its before/after fixtures, ``--fix`` twice as once,
the command line's ``--fix``, ``--unsafe-fixes`` and ``--diff``, and what is never written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fixes_cases import CASES, FIXTURES, TODAY, fixed_bytes
from journeyctl.checks.linter import lint_text
from journeyctl.cli import run
from journeyctl.loading.config import Config
from journeyctl.model.fixes import Edit, Fix
from journeyctl.review.fixes import apply_fixes, fixes_for, with_fixes, workflow


@pytest.mark.parametrize("case", CASES)
def test_fix_turns_before_into_after_byte_for_byte(case: str, tmp_path: Path) -> None:
    assert fixed_bytes(case, tmp_path) == (FIXTURES / case / "after.yaml").read_bytes()


@pytest.mark.parametrize("case", CASES)
def test_fixing_twice_is_fixing_once(case: str, tmp_path: Path) -> None:
    once = fixed_bytes(case, tmp_path)
    target = tmp_path / "map.yaml"
    run_again = workflow.fix_paths([str(target)], Config(root=tmp_path), unsafe=True, cwd=tmp_path, today=TODAY)
    assert run_again.files == [] and run_again.refused == []
    assert target.read_bytes() == once


def test_every_fixable_rule_has_fixtures() -> None:
    from journeyctl.review.fixes.builders import FIXABLE

    folders = {case.split("/")[0] for case in CASES}
    assert folders == {
        "did-you-mean-key", "did-you-mean-reference", "unused-suppression", "dead-end", "duplicate-transition",
        "missing-handoff", "deprecated-language",
    }
    assert set(FIXABLE) == {"JM002", "JM003", "JM005", "JM103", "JM107", "JM201", "JM405"}


MAP = """\
journeyctl: 1
id: plumber
title: Booking a plumber
owner: reception
reviewed: 2026-11-01
teams: [{id: reception, name: Reception}, {id: dispatch, name: Dispatch}]
stages: [{id: book, name: Book}, {id: boot, name: Boot}]
touchpoints:
  - id: call
    name: Calls
    stage: boo
    channel: phnoe
    owner: reception
    entry: true
    end: success
"""


def test_fixes_for_says_what_each_fix_does_and_whether_it_is_safe() -> None:
    findings = lint_text(MAP, "map.yaml", Config(), today=TODAY)
    fixes = [(f.code, f.line, fix.title, fix.safe, fix.edits) for f, fix in fixes_for(findings, MAP)]
    stage = MAP.index("stage: boo") + len("stage: ")
    channel = MAP.index("phnoe")
    assert fixes == [
        # 'boo' is as close to 'boot' as to 'book': the choice is the author's
        ("JM003", 11, "Replace 'boo' with 'boot'", False, (Edit(stage, stage + 3, "boot"),)),
        ("JM003", 12, "Replace 'phnoe' with 'phone'", True, (Edit(channel, channel + 5, "phone"),)),
    ]
    attached = with_fixes(findings, MAP)
    assert [f.fix.title if f.fix else None for f in attached] == ["Replace 'boo' with 'boot'", "Replace 'phnoe' with 'phone'"]
    assert attached == findings  # the fix is not part of what a finding is


def test_colliding_fixes_wait_for_the_next_pass() -> None:
    first = Fix("a", (Edit(0, 3, "x"),), True)
    touching = Fix("b", (Edit(3, 5, "y"),), True)
    apart = Fix("c", (Edit(7, 8, "z"),), True)
    assert apply_fixes("0123456789", [apart, touching, first]) == ("x3456z89", [first, apart])


def test_lint_fix_reports_what_it_fixed_and_what_remains(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOURNEYCTL_TODAY", TODAY.isoformat())
    shutil.copyfile(FIXTURES / "dead-end" / "block" / "before.yaml", "map.yaml")
    (tmp_path / "map.yaml").write_text((tmp_path / "map.yaml").read_text().replace("channel: phone\n    owner: reception\n    entry", "channel: phnoe\n    owner: reception\n    entry"))
    before = (tmp_path / "map.yaml").read_bytes()

    assert run(["lint", "--diff", "map.yaml"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "--- a/map.yaml\n+++ b/map.yaml\n@@ -13,7 +13,7 @@\n   - id: call\n     name: Helistab kontorisse\n"
        "     stage: book\n-    channel: phnoe\n+    channel: phone\n     owner: reception\n     entry: true\n"
        "     next: [voicemail]\n"
    )
    assert err == "Would fix 1 finding (2 remaining)\n"  # the dead end, and so no end
    assert (tmp_path / "map.yaml").read_bytes() == before

    assert run(["lint", "--fix", "--output-format", "concise", "map.yaml"]) == 1
    out, err = capsys.readouterr()
    assert err == "Fixed 1 finding (2 remaining)\n"
    assert "map.yaml:20:5: error JM103 [dead-end]" in out
    assert b"channel: phone\n    owner: reception\n    entry" in (tmp_path / "map.yaml").read_bytes()

    assert run(["lint", "--fix", "--unsafe-fixes", "map.yaml"]) == 0
    assert capsys.readouterr().err == "Fixed 1 finding (0 remaining)\n"
    once = (tmp_path / "map.yaml").read_bytes()
    assert run(["lint", "--fix", "--unsafe-fixes", "map.yaml"]) == 0
    assert capsys.readouterr().err == "Fixed 0 findings (0 remaining)\n"
    assert (tmp_path / "map.yaml").read_bytes() == once


def test_unsafe_fixes_alone_is_a_usage_error(capsys) -> None:
    assert run(["lint", "--unsafe-fixes"]) == 2
    assert capsys.readouterr().err == "journeyctl: error: --unsafe-fixes: give --fix (or --diff) too\n"


def test_a_fix_that_would_bring_a_new_finding_is_not_applied(tmp_path: Path) -> None:
    # 'chanel' → 'channel' is the right key, but its value is a list: the fix would turn
    # one schema finding into another, so it is refused and the file left as it is.
    text = MAP.replace("stage: boo\n    channel: phnoe", "stage: book\n    chanel: [phone]")
    target = tmp_path / "map.yaml"
    target.write_text(text)
    fixed = workflow.fix_paths([str(target)], Config(root=tmp_path), cwd=tmp_path, today=TODAY)
    assert fixed.files == []
    assert fixed.refused == [
        "map.yaml:12:5: not fixed: Replace 'chanel' with 'channel' would bring JM002 schema: "
        "'channel' must be text, not a list"
    ]


def test_a_file_changed_underneath_is_not_written(tmp_path: Path) -> None:
    target = tmp_path / "map.yaml"
    target.write_text(MAP)
    fixed = workflow.fix_paths([str(target)], Config(root=tmp_path), cwd=tmp_path, today=TODAY)
    assert [f.text.count("phone") for f in fixed.files] == [1]
    target.write_text(MAP + "# an edit made meanwhile\n")
    failed = workflow.write(fixed.files)
    assert [(f.path, type(exc)) for f, exc in failed] == [("map.yaml", workflow.FileChanged)]
    assert target.read_text() == MAP + "# an edit made meanwhile\n"


def test_a_change_just_before_the_rename_is_caught(tmp_path: Path, monkeypatch) -> None:
    import journeyctl.review.fixes.workflow as module

    target = tmp_path / "map.yaml"
    target.write_text(MAP)
    fixed = workflow.fix_paths([str(target)], Config(root=tmp_path), cwd=tmp_path, today=TODAY)
    real = module.write_atomic

    def edit_meanwhile(path, data, *, before_replace):
        target.write_text("edited\n")  # between the first check and the atomic rename
        real(path, data, before_replace=before_replace)

    monkeypatch.setattr(module, "write_atomic", edit_meanwhile)
    assert [type(exc) for _, exc in workflow.write(fixed.files)] == [workflow.FileChanged]
    assert target.read_text() == "edited\n"
    assert [p.name for p in tmp_path.iterdir()] == ["map.yaml"]  # no temporary file left


def test_a_fix_at_fault_does_not_cost_the_others_of_its_pass(tmp_path: Path) -> None:
    text = MAP.replace("stage: boo\n    channel: phnoe", "stage: book\n    chanel: [phone]\n    lane: backstag")
    target = tmp_path / "map.yaml"
    target.write_text(text)
    fixed = workflow.fix_paths([str(target)], Config(root=tmp_path), cwd=tmp_path, today=TODAY)
    assert [fix.title for f in fixed.files for fix in f.fixes] == ["Replace 'backstag' with 'backstage'"]
    assert [line.split(": not fixed: ")[1] for line in fixed.refused] == [
        "Replace 'chanel' with 'channel' would bring JM002 schema: 'channel' must be text, not a list"
    ]


def test_each_rules_documentation_says_whether_its_fix_is_safe() -> None:
    from journeyctl.checks.rules import catalog
    from journeyctl.review.fixes.builders import FIXABLE

    assert {rule.code: rule.fix.split(" — ")[0] for rule in catalog() if rule.fix != "none"} == FIXABLE
    dead_end = next(rule for rule in catalog() if rule.code == "JM103")
    assert dead_end.fix.startswith("unsafe — ``end: success`` is added to the touchpoint")


def test_a_read_only_map_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "map.yaml"
    target.write_text(MAP)
    fixed = workflow.fix_paths([str(target)], Config(root=tmp_path), cwd=tmp_path, today=TODAY)
    target.chmod(0o444)
    try:
        assert [str(exc) for _, exc in workflow.write(fixed.files)] == ["the file is read-only"]
    finally:
        target.chmod(0o644)
    assert target.read_text() == MAP


SAFETY = """\
journeyctl: 1
id: shop
title: Buying
owner: web-team
reviewed: 2026-11-01
teams: [{id: web-team, name: Web}]
stages: [{id: buy, name: Buy}]
touchpoints:
  - id: basket  # journeyctl: ignore[dead-ends, JM308, JM108]
    name: Basket
    stage: buy
    channel: web
    lane: customer
    entry: true
    next:
      - {to: paid, when: pays by card}
      - {to: paid, when: pays by voucher}
      - paid
  - id: paid
    name: Paid
    stage: buy
    channel: email
    end: success
"""


def test_a_fix_that_may_lose_what_the_author_meant_is_unsafe() -> None:
    findings = lint_text(SAFETY, "map.yaml", Config(), today=TODAY)
    assert [(f.code, f.line, fix.title, fix.safe) for f, fix in fixes_for(findings, SAFETY)] == [
        # 'dead-ends' is no rule: a misspelt one, put right
        ("JM005", 9, "Replace 'dead-ends' with 'dead-end'", True),
        ("JM005", 9, "Remove 'JM108' from the unused suppression '# journeyctl: ignore[dead-ends, JM308, JM108]'", True),
        # lifecycle-gap is opt-in and did not run: it may find something next time
        ("JM005", 9, "Remove 'JM308' from the unused suppression '# journeyctl: ignore[dead-ends, JM308, JM108]'", False),
        # the later entry has a 'when' of its own; the bare id says nothing more
        ("JM107", 17, "Remove the duplicate transition basket->paid", False),
        ("JM107", 18, "Remove the duplicate transition basket->paid", True),
    ]


RULE_FIXTURES = sorted((Path(__file__).resolve().parent / "rules").rglob("*.yaml"))


@pytest.mark.parametrize("fixture", RULE_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_rule_fixture_fixes_once_and_for_all(fixture: Path, tmp_path: Path) -> None:
    """Property: on any map, all fixes applied leave a map that still parses, and that a
    second --fix leaves byte for byte as it is."""
    target = tmp_path / "map.yaml"
    shutil.copyfile(fixture, target)
    config = Config(root=tmp_path)
    first = workflow.fix_paths([str(target)], config, unsafe=True, cwd=tmp_path, today=TODAY)
    assert not workflow.write(first.files)
    assert not any(f.code == "JM001" for f in first.result.findings)
    once = target.read_bytes()
    second = workflow.fix_paths([str(target)], config, unsafe=True, cwd=tmp_path, today=TODAY)
    assert (second.files, second.refused, target.read_bytes()) == ([], first.refused, once)


def test_a_map_linked_from_outside_the_workspace_is_not_rewritten(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "map.yaml"
    outside.parent.mkdir()
    outside.write_text(MAP)
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "link.yaml").symlink_to(outside)
    fixed = workflow.fix_paths([], Config(root=workspace), cwd=workspace, today=TODAY)
    assert fixed.files == []
    assert [f.code for f in fixed.result.findings] == ["JM003", "JM003"]  # still there: not fixed
    assert fixed.refused == [
        f"../elsewhere/map.yaml:1:1: not fixed: the map is reached through a symbolic link that leads out of the workspace ({outside})"
    ]
    # named on the command line, it is fixed wherever the link leads
    named = workflow.fix_paths(["link.yaml"], Config(root=workspace), cwd=workspace, today=TODAY)
    assert [f.location for f in named.files] == [outside]



BOM_MAP = (
    "\ufeff{first}\r\njourneyctl: 1\r\ntitle: Μήνυμα με BOM\r\nstages: [{{id: s, name: S}}]\r\n"
    "touchpoints: [{{id: a, name: A, stage: s, channel: web, entry: true, end: success}}]\r\n"
)


@pytest.mark.parametrize(
    ("before", "command", "after"),
    [
        ("id: bom", ["rename", "journey", "bom", "bom-2", "--diff"], "id: bom-2"),
        ("id: bom  # journeyctl: ignore[dead-end]", ["lint", "--diff", "map.yaml"], "id: bom"),
    ],
    ids=["rename", "lint"],
)
def test_a_diff_of_a_file_with_a_byte_order_mark_applies_with_git(
    tmp_path: Path, monkeypatch, capsys, before: str, command: list[str], after: str,
) -> None:
    # The byte order mark is on the file's first line: a diff that changes that line must
    # carry it, or 'git apply' finds the line different and rejects the patch.
    import subprocess

    monkeypatch.chdir(tmp_path)
    (tmp_path / "map.yaml").write_bytes(BOM_MAP.format(first=before).encode("utf-8"))
    subprocess.run(["git", "init", "-q", "."], check=True)
    assert run(command) == 1
    patch = capsys.readouterr().out
    assert f"\n-\ufeff{before}\r\n+\ufeff{after}\r\n" in patch
    subprocess.run(["git", "apply", "-"], input=patch.encode("utf-8"), check=True)
    assert (tmp_path / "map.yaml").read_bytes() == BOM_MAP.format(first=after).encode("utf-8")
