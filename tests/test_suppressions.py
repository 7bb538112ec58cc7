"""Inline suppressions: where a comment applies, what counts as a comment, and JM005."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journeyctl.checks.linter import lint
from journeyctl.checks.suppressions import comments_in, find_suppressions
from journeyctl.loading.config import Config

TODAY = dt.date(2026, 11, 22)

# 'voicemail' (line 14) and 'letter' (line 18) are dead ends (JM103).
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
    next: [voicemail, letter, done]
"""
VOICEMAIL = """\
  - id: voicemail
    name: Leaves a voicemail
    stage: contact
    channel: phone
  - id: letter
    name: Writes a letter
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


def findings(tmp_path: Path, text: str, **config: object) -> list[tuple]:
    (tmp_path / "map.yaml").write_text(text, encoding="utf-8")
    settings = {"select": ["JM103", "JM005"], **config}
    result = lint(["map.yaml"], Config(root=tmp_path, **settings), cwd=tmp_path, today=TODAY)
    return [(f.code, f.line, f.column, f.message) for f in result.findings]


DEAD_VOICEMAIL = ("JM103", 13, 5, "touchpoint 'voicemail' is a dead end: it has no 'next' and no 'end'")
DEAD_LETTER = ("JM103", 17, 5, "touchpoint 'letter' is a dead end: it has no 'next' and no 'end'")


def test_without_suppressions(tmp_path: Path) -> None:
    assert findings(tmp_path, HEAD + VOICEMAIL + DONE) == [DEAD_VOICEMAIL, DEAD_LETTER]


def test_on_the_line(tmp_path: Path) -> None:
    text = HEAD + VOICEMAIL.replace("id: voicemail", "id: voicemail  # journeyctl: ignore[dead-end]") + DONE
    assert findings(tmp_path, text) == [DEAD_LETTER]


def test_on_the_line_above_by_code(tmp_path: Path) -> None:
    text = HEAD + "  # journeyctl: ignore[JM103]\n" + VOICEMAIL + DONE
    assert findings(tmp_path, text) == [
        ("JM103", 18, 5, "touchpoint 'letter' is a dead end: it has no 'next' and no 'end'"),
    ]


def test_stacked_comments_above(tmp_path: Path) -> None:
    text = HEAD + "  # journeyctl: ignore[dead-end]\n  # (being retired)\n" + VOICEMAIL + DONE
    assert [f[:3] for f in findings(tmp_path, text)] == [("JM103", 19, 5)]


def test_a_blank_line_breaks_the_link(tmp_path: Path) -> None:
    text = HEAD + "  # journeyctl: ignore[dead-end]\n\n" + VOICEMAIL + DONE
    assert findings(tmp_path, text) == [
        ("JM005", 13, 3, "unused suppression of JM103 dead-end: no such finding on line 14"),
        ("JM103", 15, 5, "touchpoint 'voicemail' is a dead end: it has no 'next' and no 'end'"),
        ("JM103", 19, 5, "touchpoint 'letter' is a dead end: it has no 'next' and no 'end'"),
    ]


def test_not_the_line_below(tmp_path: Path) -> None:
    text = HEAD + VOICEMAIL.replace("name: Leaves a voicemail", "name: Leaves a voicemail  # journeyctl: ignore") + DONE
    assert findings(tmp_path, text) == [
        DEAD_VOICEMAIL,
        ("JM005", 14, 31, "unused suppression 'ignore': no finding on line 14 to suppress"),
        DEAD_LETTER,
    ]


def test_whole_file(tmp_path: Path) -> None:
    assert findings(tmp_path, HEAD + VOICEMAIL + DONE + "# journeyctl: ignore-file[dead-end]\n") == []


def test_bare_ignore_covers_every_rule(tmp_path: Path) -> None:
    text = HEAD + VOICEMAIL.replace("id: letter", "id: letter # journeyctl: ignore") + DONE
    assert findings(tmp_path, text) == [DEAD_VOICEMAIL]


def test_several_rules_in_one_comment_each_reported_when_unused(tmp_path: Path) -> None:
    text = HEAD + VOICEMAIL.replace("id: letter", "id: letter  # journeyctl: ignore[dead-end, JM108, nope]") + DONE
    assert findings(tmp_path, text) == [
        DEAD_VOICEMAIL,
        ("JM005", 17, 17, "suppression 'ignore[dead-end, JM108, nope]': 'nope' matches no rule — did you mean 'no-end'?"),
        ("JM005", 17, 17, "unused suppression of JM108 backward-transition: the rule is not enabled for this file"),
    ]


def test_unknown_rule_gets_a_suggestion(tmp_path: Path) -> None:
    text = HEAD + VOICEMAIL + DONE + "# journeyctl: ignore-file[dead-ends]\n"
    assert findings(tmp_path, text)[-1] == (
        "JM005", 26, 1, "suppression 'ignore-file[dead-ends]': 'dead-ends' matches no rule — did you mean 'dead-end'?",
    )


def test_unused_file_suppression(tmp_path: Path) -> None:
    text = HEAD.replace("voicemail, letter, ", "") + DONE + "# journeyctl: ignore-file[JM103]\n"
    assert findings(tmp_path, text) == [
        ("JM005", 18, 1, "unused suppression of JM103 dead-end: no such finding in this file"),
    ]


def test_validation_findings_cannot_be_suppressed(tmp_path: Path) -> None:
    text = HEAD.replace("channel: phone", "channel: fax  # journeyctl: ignore") + DONE
    text = text.replace("next: [voicemail, letter, done]", "next: [done]")
    assert [f[:3] for f in findings(tmp_path, text)] == [("JM003", 10, 14)]


def test_unused_suppression_can_be_switched_off(tmp_path: Path) -> None:
    unused = "# journeyctl: ignore\n" + HEAD.replace("voicemail, letter, ", "") + DONE
    assert [f[:3] for f in findings(tmp_path, unused)] == [("JM005", 1, 1)]
    assert findings(tmp_path, unused, select=["JM103"]) == []
    assert findings(tmp_path, unused, ignore=["unused-suppression"]) == []
    assert findings(tmp_path, unused, per_file_ignores={"map.yaml": ["JM005"]}) == []
    assert findings(tmp_path, unused, rules={"unused-suppression": {"severity": "off"}}) == []


def test_suppressions_work_without_unused_suppression(tmp_path: Path) -> None:
    text = HEAD + "# journeyctl: ignore[dead-end]\n" + VOICEMAIL + DONE
    assert findings(tmp_path, text, select=["JM103"]) == [("JM103", 18, 5, DEAD_LETTER[3])]


def test_a_bare_file_suppression_does_not_hide_its_own_report(tmp_path: Path) -> None:
    text = "# journeyctl: ignore-file\n" + HEAD.replace("voicemail, letter, ", "") + DONE
    assert findings(tmp_path, text) == [
        ("JM005", 1, 1, "unused suppression 'ignore-file': no finding in this file to suppress"),
    ]


def test_unused_suppression_is_suppressed_only_by_name(tmp_path: Path) -> None:
    text = ("# journeyctl: ignore-file[unused-suppression]\n# journeyctl: ignore-file[JM103]\n"
            + HEAD.replace("voicemail, letter, ", "") + DONE)
    assert findings(tmp_path, text) == []


@pytest.mark.parametrize("comment, message", [
    ("# journeyctl: ignores[dead-end]", "unknown directive 'ignores': use 'ignore[...]' or 'ignore-file[...]'"),
    ("# journeyctl: ignore[dead-end", "'ignore[' is not closed: write ignore[rule, rule]"),
    ("# journeyctl: ignore-file[]", "'ignore-file[]' names no rule: list rules, or drop the brackets to mean all"),
])
def test_malformed_comments(tmp_path: Path, comment: str, message: str) -> None:
    text = comment + "\n" + HEAD.replace("voicemail, letter, ", "") + DONE
    assert findings(tmp_path, text) == [("JM005", 1, 1, message)]


def test_other_journeyctl_comments_are_left_alone(tmp_path: Path) -> None:
    text = "# journeyctl: 1 is the format version\n" + HEAD.replace("voicemail, letter, ", "") + DONE
    assert findings(tmp_path, text) == []


def test_catalog_files_are_checked_for_unused_suppressions(tmp_path: Path) -> None:
    (tmp_path / "catalog.yaml").write_text(
        "journeyctl: 1\nkind: catalog\nteams:\n  - {id: a, name: A}  # journeyctl: ignore[missing-owner]\n"
    )
    result = lint(["catalog.yaml"], Config(root=tmp_path, select=["ALL"]), cwd=tmp_path, today=TODAY)
    assert [(f.code, f.line, f.column) for f in result.findings] == [("JM005", 4, 23)]


# -- what is a comment -----------------------------------------------------------------

def comment_columns(text: str) -> list[tuple[int, int]]:
    return [(c.line, c.column) for c in comments_in(text.splitlines())]


@pytest.mark.parametrize("text, expected", [
    ("a: b # c", [(1, 6)]),
    ("a: b#c", []),
    ("# top", [(1, 1)]),
    ("url: https://example.com/#frag # real", [(1, 32)]),
    ('a: "x # y" # z', [(1, 12)]),
    ('a: "say \\" # not" # yes', [(1, 19)]),
    ("a: 'it''s # not' # yes", [(1, 18)]),
    ("a: it's # yes", [(1, 9)]),
    ("a: [\"# no\", '# no', x] # yes", [(1, 24)]),
    ("a: {k: '# no'}  # yes", [(1, 17)]),
    ("- '# no' # yes", [(1, 10)]),
    ("a: &anchor '# no' # yes", [(1, 19)]),
    ('a: "multi\n  line # no\n  end" # yes', [(3, 8)]),
    ("a: 'multi\n  # no\n  end'", []),
    ("a: |\n  # no\n  text # no\nb: 1 # yes", [(4, 6)]),
    ("a: >- # header\n  # no\n\n  # no\n# yes", [(1, 7), (5, 1)]),
    ("- k: |\n    # no\n  j: 2 # yes", [(3, 8)]),
    ("a: |2\n   # no\n  # no\n# yes", [(4, 1)]),
    ("a: b\n  # indented comment\nc: d", [(2, 3)]),
])
def test_comments_in(text: str, expected: list[tuple[int, int]]) -> None:
    assert comment_columns(text) == expected


def test_quick_path_for_files_without_directives() -> None:
    assert find_suppressions("a: 'x # journeyctl ignore'\n# journeyctl-ignore\n") == ([], [])


def test_directive_inside_a_string_is_not_a_suppression() -> None:
    text = 'title: "# journeyctl: ignore[dead-end]"\ndescription: |\n  # journeyctl: ignore\n'
    assert find_suppressions(text) == ([], [])


def test_suppression_lines() -> None:
    text = "a: 1 # journeyctl: ignore[x]\n# journeyctl: ignore[y]\n# plain\nb: 2\n# journeyctl: ignore-file\n"
    suppressions, bad = find_suppressions(text)
    assert bad == []
    assert [(s.directive, s.rules, sorted(s.lines)) for s in suppressions] == [
        ("ignore", ("x",), [1]), ("ignore", ("y",), [4]), ("ignore-file", (), []),
    ]
