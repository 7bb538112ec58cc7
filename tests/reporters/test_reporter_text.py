"""The text report: grouping, the summary line, colour on and off, no wrapping."""

from __future__ import annotations

import pytest
import reporter_samples
from reporter_samples import GREEK, HOME, finding, workspace

from journeyctl.model.findings import Severity
from journeyctl.model.results import LintResult
from journeyctl.outputs.reporters import render


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
        f"{HOME}:14:7: error JM103 [dead-end] dead\n"
        "\n"
        f"{GREEK} (1 warning, 1 info)\n"
        f"{GREEK}:1:5: info JM108 [backward-transition] πρώτο\n"
        f"{GREEK}:2:3: warning JM204 [missing-owner] δεύτερο\n"
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
    assert line == f"{HOME}:1:1: error JM103 [dead-end] {message.strip()}"


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
        f"maps/{shown}.yaml:1:1: error JM103 [dead{shown}end] {shown}",
    ]


# -- the full form: source lines with carets ---------------------------------------------

SOURCE = """\
journeyctl: 1
id: plumber
title: a: b
touchpoints:
  - id: voicemail
    name: "Ταξίδι 🚀"\tnext: x\x1b[2J
"""


def _full(findings, source=SOURCE, color=False, quiet=False) -> str:
    result = LintResult(list(findings), 1, 1, None, ())
    return render("text", result, color=color, form="full", quiet=quiet, source=lambda path: source)


def test_full_form_shows_the_line_with_carets_under_the_span():
    output = _full([finding(line=5, column=9, end_column=18, message="dead")])
    assert output == (
        f"{HOME} (1 error)\n"
        f"{HOME}:5:9: error JM103 [dead-end] dead\n"
        "  |\n"
        "5 |   - id: voicemail\n"
        "  |         ^^^^^^^^^\n"
        "\n"
        "Found 1 error in 1 file (1 journey)\n"
    )


def test_a_span_over_several_lines_is_underlined_to_the_end_of_its_first_line():
    output = _full([finding(line=4, column=1, end_line=6, end_column=3)])
    assert output.splitlines()[2:5] == ["  |", "4 | touchpoints:", "  | ^^^^^^^^^^^^"]


def test_carets_line_up_under_wide_characters_and_escapes():
    # Column 21 is the tab after the closing quote. Before it, 21 cells: the Greek letters
    # are one cell wide each, the rocket two. The tab is shown as two cells (\\t), and the
    # span's trailing space is not underlined.
    output = _full([finding(line=6, column=21, end_column=28, message="m")])
    assert output.splitlines()[2:5] == [
        "  |",
        '6 |     name: "Ταξίδι 🚀"\\tnext: x\\x1b[2J',
        "  | " + " " * 21 + "^" * len("\\tnext:"),
    ]
    assert "\x1b" not in output and "\t" not in output


def test_a_long_line_is_shown_as_a_window_around_the_column():
    line = "x: " + "a" * 300 + "BAD" + "b" * 300
    output = _full([finding(line=1, column=304, end_column=307)], source=line + "\n")
    shown, carets = output.splitlines()[3:5]
    assert shown == "1 | …" + "a" * 60 + "BAD" + "b" * 60 + "…"
    assert carets == "  | " + " " * 61 + "^^^"


@pytest.mark.parametrize(("message", "hint"), [
    ("invalid YAML: mapping values are not allowed in this context",
     "a ': ' inside a value starts a new key: quote the value (title: \"a: b\"), "
     "or indent this line like the keys around it"),
    ("invalid YAML: while scanning a simple key: could not find expected ':'",
     "a key needs ':' and a space after it (id: plumber, not id:plumber or id); "
     "the line at fault is often the one before the line shown"),
    ("invalid YAML: while scanning for the next token: found character that cannot start any token",
     "a plain value cannot start with @, ` or %, and YAML is indented with spaces, never tabs: "
     "quote the value or replace the tab"),
    ("invalid YAML: while parsing a block mapping: did not find expected key",
     "this line is not indented like the keys of its mapping: check its indentation"),
    ("invalid YAML: while parsing a block collection: did not find expected '-' indicator",
     "the items of a list ('- ') must line up with each other: check this line's indentation"),
])
def test_libyaml_wording_gets_a_plain_language_hint(message, hint):
    output = _full([finding(line=3, column=9, code="JM001", rule="invalid-yaml", message=message)])
    assert output.splitlines()[2:6] == ["  |", "3 | title: a: b", "  |         ^", f"  = hint: {hint}"]


def test_no_hint_for_other_rules_or_other_wording():
    for f in (finding(line=3, column=9, message="mapping values are not allowed in this context"),
              finding(line=3, column=9, code="JM001", rule="invalid-yaml", message="the file is too large")):
        assert "hint" not in _full([f])


def test_without_a_source_line_the_finding_stands_alone():
    output = _full([finding(line=1, column=1, message="cannot read the file")], source=None)
    assert output == f"{HOME} (1 error)\n{HOME}:1:1: error JM103 [dead-end] cannot read the file\n\nFound 1 error in 1 file (1 journey)\n"
    beyond = _full([finding(line=40, column=1)])
    assert beyond.splitlines()[1:3] == [f"{HOME}:40:1: error JM103 [dead-end] a message", ""]


def test_full_and_quiet_has_no_heading_and_no_summary():
    output = _full([finding(line=2, column=5, end_column=12), finding(line=3, column=1, end_column=6)], quiet=True)
    assert output == (
        f"{HOME}:2:5: error JM103 [dead-end] a message\n  |\n2 | id: plumber\n  |     ^^^^^^^\n\n"
        f"{HOME}:3:1: error JM103 [dead-end] a message\n  |\n3 | title: a: b\n  | ^^^^^\n\n"
    )


def test_concise_and_quiet_is_one_line_per_finding_and_nothing_else():
    result = LintResult([finding(line=2), finding(GREEK, 1, severity=Severity.WARNING)], 2, 2, None, ())
    assert render("text", result, quiet=True) == (
        f"{HOME}:2:1: error JM103 [dead-end] a message\n{GREEK}:1:1: warning JM103 [dead-end] a message\n"
    )
    assert render("text", LintResult([], 2, 2, None, ()), quiet=True) == ""


def test_full_form_carets_take_the_severity_colour():
    output = _full([finding(line=2, column=5, end_column=12, severity=Severity.WARNING)], color=True)
    assert "\x1b[1;33m^^^^^^^\x1b[0m" in output
    assert "\x1b[1;33mwarning\x1b[0m" in output


# -- without colour, the report is the coloured one without its colour codes ---------------

HOSTILE_SOURCE = (
    "journeyctl: 1\n"
    "title: Ταξίδι\tπελάτη — מסע הלקוח\n"
    "  - id: 顧客の旅程 🚀 \x1b[31mred\x1b[0m\n"
    "    name: \u202eevil\u202c [bold]markup[/bold] :rocket:\n"
    "    thought: Клиент ждёт " + "долго " * 30 + "\n"
)


@pytest.mark.parametrize("form", ["concise", "full"])
@pytest.mark.parametrize("quiet", [False, True])
def test_the_plain_report_is_the_coloured_one_without_its_colour_codes(form, quiet):
    import re

    findings = [
        finding(GREEK, 2, 8, end_column=30, message="Ταξίδι\tπελάτη — מסע הלקוח", severity=Severity.WARNING),
        finding(GREEK, 3, 9, end_column=40, message="顧客の旅程 🚀 \x1b[31mred\x1b[0m [bold]x[/bold] :rocket:"),
        finding(GREEK, 4, 11, message="\u202eevil\u202c\r\nnext line", code="JM001", rule="invalid-yaml"),
        finding(GREEK, 5, 14, end_column=200, severity=Severity.INFO, message="Клиент " * 40),
        finding(HOME, 1, 1, message="mapping values are not allowed in this context", code="JM001", rule="invalid-yaml"),
    ]
    result = LintResult(findings, 2, 3, None, ())
    options = {"form": form, "quiet": quiet, "source": lambda path: HOSTILE_SOURCE}
    plain = render("text", result, color=False, **options)
    coloured = render("text", result, color=True, **options)
    assert "\x1b[" in coloured
    assert plain == re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert "\x1b" not in plain
