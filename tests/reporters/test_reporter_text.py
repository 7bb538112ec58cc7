"""The text report: grouping, the summary line, colour on and off, no wrapping."""

from __future__ import annotations

import pytest
import reporter_samples
from reporter_samples import GREEK, HOME, finding, workspace

from journeyctl.findings import Severity
from journeyctl.linter import LintResult
from journeyctl.reporters import render


def _text(findings, files=1, journeys=1, color=False) -> str:
    return render("text", LintResult(list(findings), files, journeys, None, ()), color=color)


def test_findings_are_grouped_under_a_file_header_with_full_locations():
    output = _text([
        finding(GREEK, 2, 3, message="δεύτερο", code="JM204", rule="missing-owner", severity=Severity.WARNING),
        finding(HOME, 14, 7, message="dead"),
        finding(GREEK, 1, 5, message="πρώτο", code="JM108", rule="backward-transition", severity=Severity.INFO),
    ], files=2, journeys=2)
    assert output == (
        f"{HOME} (1 error)\n"
        f"{HOME}:14:7 JM103 [dead-end] dead\n"
        "\n"
        f"{GREEK} (1 warning, 1 info)\n"
        f"{GREEK}:1:5 JM108 [backward-transition] πρώτο\n"
        f"{GREEK}:2:3 JM204 [missing-owner] δεύτερο\n"
        "\n"
        "Found 1 error, 1 warning, 1 info in 2 files (2 journeys)\n"
    )


@pytest.mark.parametrize(("severities", "files", "journeys", "summary"), [
    ([Severity.ERROR] * 3 + [Severity.WARNING], 7, 12, "Found 3 errors, 1 warning in 1 file (12 journeys)"),
    ([Severity.WARNING], 1, 1, "Found 1 warning in 1 file (1 journey)"),
    ([Severity.INFO, Severity.INFO], 2, 0, "Found 2 infos in 1 file (0 journeys)"),
])
def test_summary_counts_findings_files_with_findings_and_journeys(severities, files, journeys, summary):
    findings = [finding(line=i + 1, severity=s) for i, s in enumerate(severities)]
    assert _text(findings, files, journeys).splitlines()[-1] == summary


def test_summary_counts_each_file_with_findings_once():
    findings = [finding(HOME, 1), finding(HOME, 2), finding(GREEK, 1)]
    assert _text(findings, 7, 12).splitlines()[-1] == "Found 3 errors in 2 files (12 journeys)"


def test_clean_result_says_all_checks_passed():
    assert render("text", reporter_samples.clean_result()) == "All checks passed: 12 journeys in 7 files\n"
    assert render("text", LintResult([], 1, 1, workspace(HOME))) == "All checks passed: 1 journey in 1 file\n"


def test_without_color_there_are_no_escape_codes():
    output = render("text", reporter_samples.sample_result(), color=False)
    assert "\x1b" not in output
    assert "\\x1b[31m" in output  # the message's own escape sequence, made visible


def test_default_is_without_color():
    result = reporter_samples.sample_result()
    assert render("text", result) == render("text", result, color=False)


def test_with_color_severities_have_their_colours():
    output = _text([
        finding(line=1, severity=Severity.ERROR, code="JM103"),
        finding(line=2, severity=Severity.WARNING, code="JM204"),
        finding(line=3, severity=Severity.INFO, code="JM108"),
    ], color=True)
    assert "\x1b[1;31mJM103\x1b[0m" in output
    assert "\x1b[1;33mJM204\x1b[0m" in output
    assert "\x1b[1;34mJM108\x1b[0m" in output
    assert output.splitlines()[-1] == "\x1b[1;31mFound 1 error, 1 warning, 1 info in 1 file (1 journey)\x1b[0m"


def test_clean_summary_is_green():
    assert render("text", reporter_samples.clean_result(), color=True) == (
        "\x1b[1;32mAll checks passed: 12 journeys in 7 files\x1b[0m\n"
    )


def test_output_ignores_terminal_environment(monkeypatch):
    result = reporter_samples.sample_result()
    expected = {color: render("text", result, color=color) for color in (False, True)}
    for name, value in {"COLUMNS": "20", "LINES": "5", "TERM": "dumb", "NO_COLOR": "1", "FORCE_COLOR": "1",
                        "COLORTERM": "truecolor", "TTY_COMPATIBLE": "1"}.items():
        monkeypatch.setenv(name, value)
    assert {color: render("text", result, color=color) for color in (False, True)} == expected


def test_long_messages_are_not_wrapped():
    message = "word " * 200 + "שלום " * 50 + "🚀" * 40
    line = _text([finding(message=message.strip())]).splitlines()[1]
    assert line == f"{HOME}:1:1 JM103 [dead-end] {message.strip()}"


def test_markup_and_emoji_codes_are_printed_literally():
    output = _text([finding(message="[bold red]x[/] :smile: [link=http://x]y[/link]")], color=True)
    assert "[bold red]x[/] :smile: [link=http://x]y[/link]" in output


@pytest.mark.parametrize(("raw", "shown"), [
    ("a\nb", "a\\nb"),
    ("a\r\nb", "a\\r\\nb"),
    ("a\tb", "a\\tb"),
    ("\x1b[2J\x07", "\\x1b[2J\\x07"),
    ("\x00\x7f\x85\x9b", "\\x00\\x7f\\x85\\x9b"),
    ("αβγ אבג 🚀 \u200f", "αβγ אבג 🚀 \u200f"),
])
def test_control_characters_are_shown_as_escapes(raw, shown):
    output = _text([finding(path=f"maps/{raw}.yaml", message=raw, rule=f"dead{raw}end")])
    assert output.split("\n")[:2] == [
        f"maps/{shown}.yaml (1 error)",
        f"maps/{shown}.yaml:1:1 JM103 [dead{shown}end] {shown}",
    ]
