"""Input hygiene: only plain YAML data, any encoding or line ending located, nothing changed silently.

Every case runs the real command line in this process and checks the exact findings (or
the exact absence of them). See docs/security.md for the decisions.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from robustness_support import run_cli

from journeyctl.loading.yamlload import load_yaml

# A valid map with one finding whose place is known: the misspelt channel 'wbe'.
MAP = (
    "journeyctl: 1\nid: plumber\ntitle: Booking a plumber\nowner: cx\nreviewed: 2026-09-14\n"
    "teams: [{id: cx, name: CX}]\nstages: [{id: s, name: S}]\ntouchpoints:\n"
    "  - {id: t, name: T, stage: s, channel: wbe, lane: customer, entry: true, end: success}\n"
)
WBE = (9, 41, 9, 44, "JM003", "touchpoint 't': unknown channel 'wbe' — did you mean 'web'?")


def lint(tmp_path: Path, content: bytes, name: str = "map.yaml") -> list[tuple]:
    """Lint one file; ``(line, column, end_line, end_column, code, message)`` per finding."""
    (tmp_path / name).write_bytes(content)
    outcome = run_cli(["lint", "--format", "json", name], tmp_path)
    assert outcome.err == ""
    report = outcome.json()
    assert outcome.code == (1 if report["summary"]["errors"] else 0)
    return [
        (f["line"], f["column"], f["end_line"], f["end_column"], f["code"], f["message"]) for f in report["findings"]
    ]


# -- only safe YAML: nothing in a map ever runs ------------------------------------------

# Each would create a file named PWNED-… if a loader constructed Python objects.
PAYLOAD = """\
%TAG !apply! tag:yaml.org,2002:python/object/apply:
---
journeyctl: 1
id: plumber
title: !apply!builtins.open [PWNED-tag-handle, w]
x-verbatim: !<tag:yaml.org,2002:python/object/apply:builtins.open> [PWNED-verbatim, w]
x-apply: !!python/object/apply:builtins.open [PWNED-apply, w]
stages: [{id: s, name: S}]
touchpoints:
  - {id: t, name: T, stage: s, channel: web, entry: true, end: success}
"""
VALID_PAYLOAD_FREE = "".join(
    line + "\n" for line in PAYLOAD.splitlines()[2:] if "python" not in line
).replace("title: !apply!builtins.open [PWNED-tag-handle, w]", "title: T")
PAYLOAD_FILES = {"PWNED-tag-handle", "PWNED-verbatim", "PWNED-apply"}
PAYLOAD_FINDING = (
    "map.yaml", "JM001", 5, 8,
    "the tag '!!python/object/apply:builtins.open' is not allowed: journeyctl files hold plain data only",
)


def test_the_payload_really_creates_files_when_a_loader_runs_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    yaml.unsafe_load(PAYLOAD)
    assert PAYLOAD_FILES <= {p.name for p in tmp_path.iterdir()}


COMMANDS = [
    ["lint", "--format", "json", "map.yaml"],
    ["fmt", "map.yaml"],
    ["fmt", "--check", "--diff", "map.yaml"],
    ["render", "--to", "dot", "map.yaml"],
    ["render", "--to", "mermaid", "map.yaml"],
    ["report", "map.yaml"],
    ["paths", "map.yaml"],
    ["show", "map.yaml"],
    ["diff", "--exit-code", "--format", "json", "old.yaml", "map.yaml"],
    ["lint", "--format", "json"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_no_command_runs_a_python_tag(tmp_path, argv):
    (tmp_path / "map.yaml").write_text(PAYLOAD, encoding="utf-8")
    (tmp_path / "old.yaml").write_text(VALID_PAYLOAD_FREE, encoding="utf-8")
    outcome = run_cli(argv, tmp_path)
    assert outcome.code == 1
    assert not {p.name for p in tmp_path.iterdir()} & PAYLOAD_FILES
    assert (tmp_path / "map.yaml").read_text(encoding="utf-8") == PAYLOAD
    if argv[0] == "lint":
        assert PAYLOAD_FINDING in outcome.findings()


def test_a_python_tag_is_a_located_finding(tmp_path):
    (tmp_path / "map.yaml").write_text(PAYLOAD, encoding="utf-8")
    assert run_cli(["lint", "--format", "json", "map.yaml"], tmp_path).findings() == [PAYLOAD_FINDING]


@pytest.mark.parametrize(
    ("value", "column", "tag"),
    [
        ("!!python/name:os.system", 8, "!!python/name:os.system"),
        ("!!python/module:os", 8, "!!python/module:os"),
        ("!!python/object/new:builtins.str [x]", 8, "!!python/object/new:builtins.str"),
        ("!!binary aGVsbG8=", 8, "!!binary"),
        ("!!set {a}", 8, "!!set"),
        ("!ruby/object:Gem::Installer {}", 8, "!ruby/object:Gem::Installer"),
        ("!custom x", 8, "!custom"),
    ],
)
def test_every_tag_that_builds_something_is_refused(tmp_path, value, column, tag):
    text = MAP.replace("title: Booking a plumber", f"title: {value}")
    assert lint(tmp_path, text.encode()) == [
        (3, column, 3, column + len(value), "JM001",
         f"the tag {tag!r} is not allowed: journeyctl files hold plain data only"),
    ]


# -- bytes, encodings and line endings ---------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode(), id="utf-8"),
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.encode(), id="utf-8 with BOM"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16 with BOM (native order)"),
        pytest.param(lambda t: b"\xff\xfe" + t.encode("utf-16-le"), id="utf-16-le with BOM"),
        pytest.param(lambda t: b"\xfe\xff" + t.encode("utf-16-be"), id="utf-16-be with BOM"),
        pytest.param(lambda t: b"\xff\xfe\x00\x00" + t.encode("utf-32-le"), id="utf-32-le with BOM"),
        pytest.param(lambda t: b"\x00\x00\xfe\xff" + t.encode("utf-32-be"), id="utf-32-be with BOM"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="CRLF"),
        pytest.param(lambda t: t.replace("\n", "\r").encode(), id="lone CR"),
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode(), id="BOM and CRLF"),
        pytest.param(
            lambda t: "".join(line + ("\n", "\r\n", "\r")[i % 3] for i, line in enumerate(t.splitlines())).encode(),
            id="mixed line endings",
        ),
        pytest.param(lambda t: t.rstrip("\n").encode(), id="no final line break"),
        pytest.param(lambda t: t.replace("title: Booking a plumber", "title: Booking\ta plumber").encode(),
                     id="tab inside a value"),
    ],
)
def test_accepted_encodings_and_line_endings_give_the_same_positions(tmp_path, encode):
    assert lint(tmp_path, encode(MAP)) == [WBE]


@pytest.mark.parametrize(
    ("content", "finding"),
    [
        (MAP.replace("Booking", "Bo\xf6king").encode("latin-1"),
         (3, 10, 3, 11, "JM001", "the file is not valid UTF-8 text (byte 0xf6 at offset 35)")),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
         (1, 1, 1, 2, "JM001", "the file is not valid UTF-8 text (byte 0x89 at offset 0)")),
        (MAP.replace("Booking", "Boo\x00king").encode(),
         (3, 11, 3, 12, "JM001", "invalid YAML: the character U+0000 is not allowed in YAML text")),
        (MAP.replace("\n", "\r").replace("Booking", "Boo\x00king").encode(),
         (3, 11, 3, 12, "JM001", "invalid YAML: the character U+0000 is not allowed in YAML text")),
        (MAP.encode("utf-16-le"),  # UTF-16 without a BOM reads as UTF-8 full of NULs
         (1, 2, 1, 3, "JM001", "invalid YAML: the character U+0000 is not allowed in YAML text")),
        (MAP.replace("Booking", "Boo\x1b[31mking").encode(),
         (3, 11, 3, 12, "JM001", "invalid YAML: the character U+001B is not allowed in YAML text")),
        (MAP.replace("owner: cx\n", "owner: cx\n\x0c\n").encode(),
         (5, 1, 5, 2, "JM001", "invalid YAML: the character U+000C is not allowed in YAML text")),
        (MAP.replace("  - {id: t", "\t- {id: t").encode(),
         (9, 1, 9, 1, "JM001", "invalid YAML: a tab character cannot indent YAML; use spaces")),
        (MAP.replace("\n", "\r\n").replace("  - {id: t", "\t- {id: t").encode(),
         (9, 1, 9, 1, "JM001", "invalid YAML: a tab character cannot indent YAML; use spaces")),
        (b"", (1, 1, 1, 1, "JM001", "not a journeyctl file: the top level has no 'journeyctl: 1' key")),
        (b"\xef\xbb\xbf", (1, 1, 1, 1, "JM001", "not a journeyctl file: the top level has no 'journeyctl: 1' key")),
    ],
    ids=[
        "latin-1", "binary", "NUL", "NUL after lone CRs", "UTF-16 without BOM", "ANSI escape", "form feed",
        "tab indentation", "tab indentation with CRLF", "empty file", "only a BOM",
    ],
)
def test_bytes_yaml_does_not_allow_are_located_findings(tmp_path, content, finding):
    assert lint(tmp_path, content) == [finding]


@pytest.mark.parametrize(
    ("character", "name", "escape"),
    [("\x85", "NEXT LINE", "\\N"), ("\u2028", "LINE SEPARATOR", "\\L"), ("\u2029", "PARAGRAPH SEPARATOR", "\\P")],
)
@pytest.mark.parametrize("where", ["plain", "quoted", "comment"])
def test_line_breaks_only_some_parsers_know_are_refused_where_they_stand(tmp_path, character, name, escape, where):
    # libyaml (YAML 1.1) would fold "Boo<LS>king" into "Boo king" and count an extra line;
    # editors, GitHub and YAML 1.2 see one line. Refusing them keeps names and lines true.
    line = {
        "plain": f"title: Boo{character}king a plumber",
        "quoted": f'title: "Boo{character}king a plumber"',
        "comment": f"title: Booking a plumber  # Boo{character}king",
    }[where]
    column = line.index(character) + 1
    assert lint(tmp_path, MAP.replace("title: Booking a plumber", line).encode()) == [
        (3, column, 3, column + 1, "JM001",
         f"invalid YAML: the character U+{ord(character):04X} ({name}) is a line break to some YAML parsers "
         f"and not to others; write it as {escape} in a double-quoted string"),
    ]


def test_the_escaped_forms_of_those_line_breaks_are_text(tmp_path):
    text = MAP.replace("title: Booking a plumber", 'title: "a\\Nb\\Lc\\Pd"')
    assert lint(tmp_path, text.encode()) == [WBE]
    assert load_yaml(text).data["title"] == "a\x85b\u2028c\u2029d"


def test_a_byte_order_mark_inside_the_text_is_kept_as_a_character(tmp_path):
    assert lint(tmp_path, MAP.replace("Booking", "Boo\ufeffking").encode()) == [WBE]


# -- YAML 1.1 surprises never change an id or a name -------------------------------------

TOUCHPOINT = """\
journeyctl: 1
id: plumber
title: Booking a plumber
owner: cx
reviewed: 2026-09-14
teams: [{{id: cx, name: CX}}]
stages: [{{id: s, name: S}}]
touchpoints:
  - id: {value}
    name: {value}
    stage: s
    channel: web
    lane: customer
    entry: true
    next: [{value}-end]
  - {{id: {value}-end, name: End, stage: s, channel: web, lane: customer, end: success}}
"""


@pytest.mark.parametrize("value", ["no", "yes", "on", "off", "y", "n", "2026-01-01"])
def test_yaml_1_1_booleans_and_dates_stay_the_text_that_was_written(tmp_path, value):
    assert lint(tmp_path, TOUCHPOINT.format(value=value).encode()) == []
    shown = run_cli(["show", "map.yaml"], tmp_path).out.splitlines()
    assert f"transition {value}->{value}-end" in shown
    # `show` quotes the values other YAML tools would misread; either way the text is kept.
    assert {f'touchpoint {value}: name "{value}"', f"touchpoint {value}: name {value}"} & set(shown)


@pytest.mark.parametrize(
    ("value", "id_message", "name_message"),
    [
        ("0777", "'id' must be text, not 777 (quote it to make it text)",
         "'name' must be text, not 777 (quote it to make it text)"),
        ("0x1F", "'id' must be text, not 31 (quote it to make it text)",
         "'name' must be text, not 31 (quote it to make it text)"),
        (".5", "'id' must be text, not 0.5 (quote it to make it text)",
         "'name' must be text, not 0.5 (quote it to make it text)"),
        ("1e3", "'id' must be text, not 1000.0 (quote it to make it text)",
         "'name' must be text, not 1000.0 (quote it to make it text)"),
        ("true", "'id' must be text, not true (quote it to make it text)",
         "'name' must be text, not true (quote it to make it text)"),
        ("null", "'id' must be text, not empty", "'name' must be text, not empty"),
        ("~", "'id' must be text, not empty", "'name' must be text, not empty"),
    ],
)
def test_numbers_booleans_and_null_where_text_belongs_are_findings_never_converted(
    tmp_path, value, id_message, name_message
):
    findings = lint(tmp_path, TOUCHPOINT.format(value=value).encode())
    assert [(f[0], f[1], f[4], f[5]) for f in findings if f[0] in (9, 10)] == [
        (9, 9, "JM002", id_message),
        (10, 11, "JM002", name_message),
    ]


@pytest.mark.parametrize(("value", "slug"), [("1:30", "1-30"), ("1_000", "1-000")])
def test_sexagesimals_and_underscored_numbers_stay_text(tmp_path, value, slug):
    # Text, so the id is checked as text: not a slug, and the message shows it as written.
    findings = lint(tmp_path, TOUCHPOINT.format(value=value).encode())
    assert findings[0] == (
        9, 9, 9, 9 + len(value), "JM002",
        f"{value!r} is not a valid id for 'id': use lowercase letters, digits and '-', starting with a letter "
        f"or digit (e.g. {slug!r})",
    )


@pytest.mark.parametrize(
    "name",
    ["'1:30'", "'0777'", "'1e3'", "'.5'", "'null'", "'yes'", '"true"', "1:30", "No", "OFF", "Yes", "2026-01-01"],
)
def test_quoted_numbers_and_plain_lookalikes_are_names_exactly_as_written(tmp_path, name):
    value = name.strip("'\"")
    text = TOUCHPOINT.format(value="t").replace("    name: t\n", f"    name: {name}\n")
    assert lint(tmp_path, text.encode()) == []
    outcome = run_cli(["render", "--to", "mermaid", "--mermaid", "journey", "map.yaml"], tmp_path)
    assert outcome.code == 0
    assert f"        {value}: 3" in outcome.out.replace("#58;", ":").replace("#46;", ".")


def test_keys_are_never_resolved(tmp_path):
    text = MAP.replace("owner: cx\n", "owner: cx\nx-flags: {yes: 1, no: 2, on: 3, null: 4, 1: 5}\n")
    assert lint(tmp_path, text.encode()) == [(10, 41, 10, 44, *WBE[4:])]


def test_a_map_read_through_a_link_inside_the_folder_is_linted(tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "real.yaml").write_text(MAP, encoding="utf-8")
    os.symlink("real.yaml", tmp_path / "maps" / "link.yaml")
    outcome = run_cli(["lint", "--format", "json", "maps/link.yaml"], tmp_path)
    assert outcome.findings() == [("maps/real.yaml", *WBE[4:5], *WBE[:2], WBE[5])]
    shutil.rmtree(tmp_path / "maps")


# -- values at the edge of what the models can hold --------------------------------------

ROADMAP = MAP.replace("channel: wbe", "channel: web") + (
    "roadmap:\n  - {id: r, title: R, priority: must, milestone: MILESTONE, addresses: [t]}\n"
)


@pytest.mark.parametrize(
    ("milestone", "message"),
    [
        ("0000-Q1", "'0000-Q1' is not a real quarter: years start at 0001"),
        ("0000-01-01", "'0000-01-01' is not a real date"),
        ("2027-02-30", "'2027-02-30' is not a real date"),
    ],
)
def test_milestones_no_calendar_holds_are_findings(tmp_path, milestone, message):
    findings = lint(tmp_path, ROADMAP.replace("MILESTONE", milestone).encode())
    assert [(f[0], f[4], f[5]) for f in findings] == [(11, "JM002", message)]


@pytest.mark.parametrize("milestone", ["0001-Q1", "9999-Q4", "9999-12-31", "0001-01-01"])
def test_milestones_at_the_ends_of_the_calendar_are_accepted(tmp_path, milestone):
    findings = lint(tmp_path, ROADMAP.replace("MILESTONE", milestone).encode())
    assert {f[4] for f in findings} <= {"JM402"}
