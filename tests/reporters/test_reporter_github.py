"""GitHub workflow commands: severities, spans, and escaping that hostile text cannot break."""

from __future__ import annotations

import re

import pytest
import reporter_samples
from hypothesis import example, given
from hypothesis import strategies as st
from reporter_samples import finding

from journeyctl.model.findings import Severity
from journeyctl.model.results import LintResult
from journeyctl.outputs.reporters import render
from journeyctl.text.escape import github_command_data as escape_data, github_command_property as escape_property


def _lines(*findings) -> list[str]:
    # Split on LF only, as the runner does: U+2028 and friends do not end a command.
    return render("github", LintResult(list(findings), 1, 1, None, ())).split("\n")[:-1]


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    """Read a command back the way the runner does: split, then unescape."""
    assert line.startswith("::")
    head, _, data = line[2:].partition("::")
    command, _, listed = head.partition(" ")
    properties = {}
    for item in listed.split(","):
        name, _, value = item.partition("=")
        properties[name] = _unescape(value)
    return command, properties, _unescape(data)


def _unescape(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def test_sample_lines():
    lines = render("github", reporter_samples.sample_result()).split("\n")[:-1]
    assert lines[0] == (
        "::error file=maps/home services/emergency-plumber.yaml,line=14,col=7,endLine=14,endColumn=8,"
        "title=JM103 dead-end::touchpoint 'voicemail' is a dead end: it has no 'next' and no 'end'"
    )
    assert lines[4] == (
        "::error file=maps/weird%2Cname%3A100%25.yaml,line=3,col=5,endLine=3,endColumn=5,"
        "title=JM001 invalid-yaml::invalid YAML: line one%0Aline two%0D\\x1b[31mred\\x07 \\x00 end"
    )
    assert len(lines) == 7


@pytest.mark.parametrize(("severity", "command"), [
    (Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "notice"),
])
def test_severity_picks_the_command(severity, command):
    assert _lines(finding(severity=severity))[0].startswith(f"::{command} file=")


@pytest.mark.parametrize(("span", "properties"), [
    ((5, 3, 5, 10), "line=5,col=3,endLine=5,endColumn=9"),
    # Zero-width: no endColumn, which would come before col.
    ((5, 3, 5, 3), "line=5,col=3,endLine=5"),
    # Several lines: the runner refuses columns there.
    ((5, 3, 8, 4), "line=5,endLine=8"),
    # Ends at column 1 of line 9: really ends on line 8.
    ((5, 3, 9, 1), "line=5,endLine=8"),
    ((5, 3, 6, 1), "line=5,col=3,endLine=5"),
])
def test_span_properties(span, properties):
    line, column, end_line, end_column = span
    assert _lines(finding(path="a.yaml", line=line, column=column, end_line=end_line, end_column=end_column))[0] == (
        f"::error file=a.yaml,{properties},title=JM103 dead-end::a message"
    )


def test_escape_data():
    assert escape_data("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b"
    assert escape_data("%0A") == "%250A"
    assert escape_data("\x1b[31m\x00\x7f\x9b\ttab") == "\\x1b[31m\\x00\\x7f\\x9b\ttab"


def test_escape_property():
    assert escape_property("a:b,c%d\ne\rf") == "a%3Ab%2Cc%25d%0Ae%0Df"
    assert escape_property("::error x=y::") == "%3A%3Aerror x=y%3A%3A"


def test_hostile_message_cannot_start_another_command():
    lines = _lines(finding(message="oops\n::error file=evil.yaml::injected\r\n::add-mask::x"))
    assert len(lines) == 1
    assert lines[0].endswith("::oops%0A::error file=evil.yaml::injected%0D%0A::add-mask::x")


def test_hostile_path_and_title_stay_in_their_properties():
    lines = _lines(finding(path="a,line=99:b\n::x.yaml", code="JM1,0:3", rule="dead,end::x"))
    command, properties, data = _parse(lines[0])
    assert command == "error"
    assert properties == {
        "file": "a,line=99:b\n::x.yaml", "line": "1", "col": "1", "endLine": "1", "endColumn": "1",
        "title": "JM1,0:3 dead,end::x",
    }
    assert data == "a message"


@given(path=st.text(min_size=1), message=st.text())
@example(path="a\u2028b\x85c", message="\u2029\x0b\x0c\x1c%0A")
def test_any_path_and_message_round_trip(path, message):
    lines = _lines(finding(path=path, message=message))
    assert len(lines) == 1
    _, properties, data = _parse(lines[0])
    assert properties["file"] == _shown(path)
    assert data == _shown(message)


def _shown(text: str) -> str:
    """What the runner reads back: the text, with control characters other than tab, CR, LF as escapes."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m.group()):02x}", text)


def test_clean_result_prints_nothing():
    assert render("github", reporter_samples.clean_result()) == ""
