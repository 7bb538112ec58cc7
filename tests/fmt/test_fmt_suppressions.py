"""``fmt`` and suppression comments: what a ``# journeyctl: ignore[...]`` comment covers
(its line, or the next line that is not a comment) is the same after formatting, and fmt
refuses to write a file that lint would judge differently."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from journeyctl.checks.linter import lint
from journeyctl.cli import run
from journeyctl.loading.config import Config
from journeyctl.review.fmt import build, emit
from journeyctl.review.fmt import format_text

TODAY = dt.date(2026, 11, 22)

HEAD = """\
journeyctl: 1
id: callback
title: Asking for a call-back
stages:
  - {id: contact, name: Contact}
touchpoints:
  - id: call
    name: Calls the office
    stage: contact
    channel: phone
    entry: true
    next: [voicemail, done]
"""
VOICEMAIL = """\
  - id: voicemail
    name: Leaves a voicemail
    stage: contact
    channel: phone
"""
DONE = """\
  - id: done
    name: Called back
    stage: contact
    channel: phone
    end: success
"""
#: what ``fmt`` makes of HEAD: blank lines between sections and touchpoints
HEAD_FORMATTED = HEAD.replace("stages:", "\nstages:").replace("touchpoints:", "\ntouchpoints:")
DEAD_VOICEMAIL = "touchpoint 'voicemail' is a dead end: it has no 'next' and no 'end'"


def findings(folder: Path) -> list[tuple]:
    config = Config(root=folder, select=["JM103", "JM107", "JM005"])
    return [(f.code, f.line, f.column, f.message) for f in lint(["map.yaml"], config, cwd=folder, today=TODAY).findings]


def formatted(folder: Path, text: str, monkeypatch) -> tuple[list, list, str]:
    """Lint ``text``, format it with ``journeyctl fmt`` and lint again."""
    monkeypatch.chdir(folder)
    (folder / "journeyctl.toml").write_text('select = ["JM103", "JM107", "JM005"]\n')
    (folder / "map.yaml").write_text(text)
    before = findings(folder)
    assert run(["-q", "fmt", "map.yaml"]) == 0
    after = (folder / "map.yaml").read_text()
    assert format_text(after) == after
    return before, findings(folder), after


def test_a_suppression_indented_into_the_item_above_still_covers_the_next_item(tmp_path, monkeypatch):
    text = HEAD + "    # journeyctl: ignore[dead-end]\n" + VOICEMAIL + DONE
    before, after, result = formatted(tmp_path, text, monkeypatch)
    assert before == after == []
    assert result == HEAD_FORMATTED + "\n  # journeyctl: ignore[dead-end]\n" + VOICEMAIL + "\n" + DONE


def test_a_suppression_followed_by_a_blank_line_keeps_it_and_still_covers_nothing(tmp_path, monkeypatch):
    text = HEAD + "  # journeyctl: ignore[dead-end]\n\n" + VOICEMAIL + DONE
    before, after, result = formatted(tmp_path, text, monkeypatch)
    assert before == [
        ("JM005", 13, 3, "unused suppression of JM103 dead-end: no such finding on line 14"),
        ("JM103", 15, 5, DEAD_VOICEMAIL),
    ]
    assert after == [
        ("JM005", 16, 3, "unused suppression of JM103 dead-end: no such finding on line 17"),
        ("JM103", 18, 5, DEAD_VOICEMAIL),
    ]
    assert result == HEAD_FORMATTED + "\n  # journeyctl: ignore[dead-end]\n\n" + VOICEMAIL + "\n" + DONE


def test_the_first_key_of_an_item_stays_first_when_a_suppression_covers_its_line(tmp_path, monkeypatch):
    # The comment covers the line of 'name', not of 'id' where dead-end points: moving
    # 'id' up to that line would start hiding the finding.
    item = "  - name: Leaves a voicemail\n    channel: phone\n    id: voicemail\n    stage: contact\n"
    text = HEAD + "  # journeyctl: ignore[dead-end]\n" + item + DONE
    before, after, result = formatted(tmp_path, text, monkeypatch)
    assert before == [
        ("JM005", 13, 3, "unused suppression of JM103 dead-end: no such finding on line 14"),
        ("JM103", 16, 5, DEAD_VOICEMAIL),
    ]
    assert after == [
        ("JM005", 16, 3, "unused suppression of JM103 dead-end: no such finding on line 17"),
        ("JM103", 18, 5, DEAD_VOICEMAIL),
    ]
    assert result == HEAD_FORMATTED + (
        "\n  # journeyctl: ignore[dead-end]\n"
        "  - name: Leaves a voicemail\n    id: voicemail\n    stage: contact\n    channel: phone\n\n"
    ) + DONE


def test_a_suppression_on_a_key_that_would_become_first_keeps_its_line(tmp_path, monkeypatch):
    item = (
        "  - name: Leaves a voicemail\n    # journeyctl: ignore[dead-end]\n    id: voicemail\n"
        "    stage: contact\n    channel: phone\n"
    )
    text = HEAD + item + DONE
    before, after, result = formatted(tmp_path, text, monkeypatch)
    assert before == after == []
    assert result == HEAD_FORMATTED + (
        "\n  - name: Leaves a voicemail\n    # journeyctl: ignore[dead-end]\n    id: voicemail\n"
        "    stage: contact\n    channel: phone\n\n"
    ) + DONE


def test_a_suppression_after_a_split_flow_list_stays_on_the_line_of_its_last_item(tmp_path, monkeypatch):
    text = HEAD.replace(
        "next: [voicemail, done]",
        "next: [done,  # the way out\n      done]  # journeyctl: ignore[duplicate-transition]",
    ) + DONE
    before, after, result = formatted(tmp_path, text, monkeypatch)
    assert before == after == []
    assert result == HEAD_FORMATTED.replace(
        "next: [voicemail, done]\n",
        "next:\n      - done      # the way out\n      - done  # journeyctl: ignore[duplicate-transition]\n",
    ) + "\n" + DONE


def test_fmt_refuses_to_write_when_lint_would_report_something_else(tmp_path, monkeypatch, capsys):
    # Were the comment placed as before (at the end of the item above, then a blank line
    # between touchpoints), dead-end would start to be reported: fmt must notice.
    monkeypatch.setattr(build, "covered_lines", lambda *args: {})
    monkeypatch.chdir(tmp_path)
    (tmp_path / "journeyctl.toml").write_text('select = ["JM103", "JM005"]\n')
    text = HEAD + "    # journeyctl: ignore[dead-end]\n" + VOICEMAIL + DONE
    (tmp_path / "map.yaml").write_text(text)
    assert run(["fmt", "map.yaml"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "map.yaml:14:5: formatting would move a suppression comment: lint would newly report JM103 dead-end "
        f"({DEAD_VOICEMAIL}); the file is left unchanged",
        "0 files reformatted, 0 files left unchanged, 1 file could not be formatted",
    ]
    assert (tmp_path / "map.yaml").read_text() == text
    assert run(["-q", "fmt", "--check", "map.yaml"]) == 1


def test_fmt_refuses_when_a_reported_finding_would_become_suppressed(tmp_path, monkeypatch, capsys):
    # Were the blank line after the comment dropped, it would start to hide the dead end.
    monkeypatch.setattr(emit._Writer, "blank", lambda self: None)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "journeyctl.toml").write_text('select = ["JM103"]\n')
    text = HEAD_FORMATTED + "\n  # journeyctl: ignore[dead-end]\n\n" + VOICEMAIL + "\n" + DONE
    (tmp_path / "map.yaml").write_text(text)
    assert run(["fmt", "map.yaml"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"map.yaml:18:5: formatting would move a suppression comment: lint would no longer report JM103 dead-end "
        f"({DEAD_VOICEMAIL}); the file is left unchanged"
    )
    assert (tmp_path / "map.yaml").read_text() == text


def test_checking_suppressions_needs_a_valid_rule_selection(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "journeyctl.toml").write_text('select = ["nonsense"]\n')
    text = HEAD + "  # journeyctl: ignore[dead-end]\n" + VOICEMAIL + DONE
    (tmp_path / "map.yaml").write_text(text)
    assert run(["fmt", "map.yaml"]) == 2
    assert capsys.readouterr().err.splitlines()[0].startswith("journeyctl: error: ")
    assert (tmp_path / "map.yaml").read_text() == text


def test_fmt_refuses_when_splitting_a_flow_list_would_part_a_suppression_from_its_finding(tmp_path, monkeypatch, capsys):
    # The comment covers the line holding both 'done' entries; a comment inside the list
    # makes fmt write it as a block list, where the second 'done' gets a line of its own.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "journeyctl.toml").write_text('select = ["JM107", "JM005"]\n')
    text = HEAD.replace(
        "    next: [voicemail, done]",
        "    # journeyctl: ignore[duplicate-transition]\n    next: [done, done,  # twice\n      voicemail]",
    ) + VOICEMAIL.replace("channel: phone", "channel: phone\n    end: abandoned") + DONE
    (tmp_path / "map.yaml").write_text(text)
    assert findings(tmp_path) == []
    assert run(["fmt", "map.yaml"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "map.yaml:13:18: formatting would move a suppression comment: lint would newly report JM107 "
        "duplicate-transition (transition call->done is listed twice in 'next' (first as entry 1): merge the two "
        "into one); the file is left unchanged",
        "0 files reformatted, 0 files left unchanged, 1 file could not be formatted",
    ]
    assert (tmp_path / "map.yaml").read_text() == text
