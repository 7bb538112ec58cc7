"""Output safety: no text in a map can break the syntax of any output or inject into it.

``hostile/hostile-map.yaml`` puts quotes, backslashes, markup, diagram and workflow syntax,
CDATA ends, terminal escapes, bidi overrides, zero-width joiners and five scripts in every
place a map holds text; ``hostile/hostile-broken.yaml`` makes finding messages quote such
text back; and a copy of it gets a file name made of the same. Each output is checked by
what consumes it — Graphviz's ``dot``, the real Mermaid parser, an XML parser, the SARIF
schema — and by structure: rendering the hostile map and a twin with the same structure
but plain labels must give the same nodes, edges, lines, table cells and headings. The
renderers' own tests check that the labels come out intact; these prove that they cannot
come out as anything but labels.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from mermaid_parser import parse_mermaid
from robustness_support import run_cli

from journeyctl.loading.yamlload import load_yaml
from journeyctl.review.fmt import dump_map

HOSTILE = Path(__file__).parent / "hostile"
SARIF_SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "sarif-schema-2.1.0.json"
HOSTILE_NAME = "we:ird,na%me;\x1b[31m\u202e\n::error file=x::y ]]>.yaml"
FORMATS = ["text", "json", "sarif", "github", "junit", "gitlab"]
# What no terminal or log line may receive raw: control characters and bidi overrides.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
TODAY = "2026-10-01"


def visible(text: str, keep: str = "") -> str:
    """How the text and GitHub reports show a control character or a bidi override.

    The characters in ``keep`` are left for the format's own escaping.
    """
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

    def show(match: re.Match[str]) -> str:
        if match.group() in keep:
            return match.group()
        code = ord(match.group())
        return named.get(match.group()) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")

    return re.sub(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", show, text)


@pytest.fixture
def maps(tmp_path, monkeypatch) -> Path:
    """The hostile maps in a folder, with a copy of the broken one under a hostile name."""
    monkeypatch.setenv("JOURNEYCTL_TODAY", TODAY)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for name in ("hostile-map.yaml", "hostile-other.yaml", "hostile-broken.yaml"):
        shutil.copyfile(HOSTILE / name, tmp_path / name)
    (tmp_path / "journeyctl.toml").write_text("", encoding="utf-8")
    try:
        shutil.copyfile(HOSTILE / "hostile-broken.yaml", tmp_path / HOSTILE_NAME)
    except OSError:
        pytest.skip("this file system refuses such a file name")
    return tmp_path


def lint_all(folder: Path) -> dict[str, str]:
    """``lint --select ALL`` of the folder in every format."""
    outputs = {}
    for fmt in FORMATS:
        outcome = run_cli(["--no-color", "lint", "--select", "ALL", "--format", fmt, "."], folder)
        assert (outcome.code, outcome.err) == (1, ""), outcome.err
        outputs[fmt] = outcome.out
    return outputs


# -- lint reports ------------------------------------------------------------------------


def test_the_hostile_maps_give_findings_that_quote_hostile_text(maps):
    findings = json.loads(lint_all(maps)["json"])["findings"]
    paths = {f["path"] for f in findings}
    assert paths == {"hostile-map.yaml", "hostile-other.yaml", "hostile-broken.yaml", HOSTILE_NAME}
    messages = " ".join(f["message"] for f in findings)
    for piece in ("::error::", "\\x1b[2J", "\\u202e", "]]><x/>", "%0A", "title=x:y"):
        assert piece in messages
    assert len(findings) == 19


def test_text_report_has_one_line_per_finding_and_nothing_a_terminal_would_obey(maps):
    outputs = lint_all(maps)
    findings = json.loads(outputs["json"])["findings"]
    text = outputs["text"]
    assert not UNSAFE.search(text)
    lines = text.splitlines()
    expected = [
        f"{visible(f['path'])}:{f['line']}:{f['column']}: {f['severity']} {f['code']} [{f['rule']}] "
        f"{visible(f['message'])}"
        for f in findings
    ]
    assert [line for line in lines if line in expected] == expected
    assert len(lines) == len(findings) + 4 * 2 + 1  # a heading and a blank line per file, and the summary


_WORKFLOW_COMMAND = re.compile(
    r"::(error|warning|notice) file=([^,:\r\n]*),line=(\d+)(?:,col=(\d+))?,endLine=(\d+)(?:,endColumn=(\d+))?"
    r",title=(JM\d{3} [a-z-]+)::([^\r\n]*)"
)


def _unescape(value: str) -> str:
    codes = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}
    return re.sub(r"%(?:25|0D|0A|3A|2C)", lambda m: codes[m.group()], value)


def test_github_report_is_exactly_one_workflow_command_per_finding(maps):
    outputs = lint_all(maps)
    findings = json.loads(outputs["json"])["findings"]
    lines = outputs["github"].split("\n")
    assert lines[-1] == "" and len(lines) - 1 == len(findings)
    severities = {"error": "error", "warning": "warning", "info": "notice"}
    for line, finding in zip(lines, findings):
        match = _WORKFLOW_COMMAND.fullmatch(line)
        assert match, line
        assert not UNSAFE.search(line)
        command, path, start, *_, title, message = match.groups()
        assert command == severities[finding["severity"]]
        # The runner's own escapes carry CR and LF; tabs are harmless in a log line.
        assert (_unescape(path), int(start), title) == (
            visible(finding["path"], keep="\r\n\t"), finding["line"], f"{finding['code']} {finding['rule']}",
        )
        assert _unescape(message) == visible(finding["message"], keep="\r\n\t")


def test_junit_report_parses_with_one_failure_per_finding(maps):
    outputs = lint_all(maps)
    findings = json.loads(outputs["json"])["findings"]
    root = ET.fromstring(outputs["junit"].encode("utf-8"))
    failures = [
        (suite.get("name"), case.find("failure").get("message"))
        for suite in root.iter("testsuite") for case in suite.iter("testcase") if case.find("failure") is not None
    ]
    escaped_name = HOSTILE_NAME.replace("\x1b", "\\x1b")
    assert sorted(failures) == sorted((f["path"].replace("\x1b", "\\x1b"), f["message"]) for f in findings)
    assert {suite.get("name") for suite in root.iter("testsuite")} == {
        "hostile-map.yaml", "hostile-other.yaml", "hostile-broken.yaml", escaped_name,
    }
    assert root.get("failures") == str(len(findings))


def test_sarif_report_validates_and_carries_every_message_and_path(maps):
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not at {SARIF_SCHEMA}")
    outputs = lint_all(maps)
    findings = json.loads(outputs["json"])["findings"]
    document = json.loads(outputs["sarif"])
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(document)
    results = document["runs"][0]["results"]
    assert [
        (unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]), r["message"]["text"])
        for r in results
    ] == [(f["path"], f["message"]) for f in findings]


def test_gitlab_report_has_one_issue_per_finding_with_unique_fingerprints(maps):
    outputs = lint_all(maps)
    findings = json.loads(outputs["json"])["findings"]
    issues = json.loads(outputs["gitlab"])
    assert [(i["location"]["path"], i["description"]) for i in issues] == [(f["path"], f["message"]) for f in findings]
    assert len({i["fingerprint"] for i in issues}) == len(issues)


# -- renderings: the hostile map against a twin with plain labels ------------------------

LABEL_FIELDS = {
    "title", "name", "description", "summary", "when", "note", "sla", "segment", "goals", "needs",
    "frustrations", "evidence", "carries", "tags", "strengths", "weaknesses", "resources", "action", "thought",
}


def twin_of(text: str) -> str:
    """The map with every label replaced by plain words; structure and comments kept."""
    counter = itertools.count(1)

    def plain(value):
        if isinstance(value, str):
            return f"Label {next(counter)}"
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    def walk(node):
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key in ("metrics", "demographics") and isinstance(value, dict):
                    out[key] = {f"Key {next(counter)}": plain(v) for v in value.values()}
                else:
                    out[key] = plain(value) if key in LABEL_FIELDS else walk(value)
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    header = "".join(line + "\n" for line in itertools.takewhile(lambda l: l.startswith("#"), text.splitlines()))
    return header + dump_map(walk(load_yaml(text).data))


@pytest.fixture
def twins(maps, tmp_path_factory) -> tuple[Path, Path]:
    """The hostile folder (maps only) and its plain twin."""
    (maps / "hostile-broken.yaml").unlink()
    (maps / HOSTILE_NAME).unlink()
    plain = tmp_path_factory.mktemp("plain")
    (plain / "journeyctl.toml").write_text("", encoding="utf-8")
    for name in ("hostile-map.yaml", "hostile-other.yaml"):
        (plain / name).write_text(twin_of((maps / name).read_text(encoding="utf-8")), encoding="utf-8")
    return maps, plain


def render(folder: Path, *argv: str) -> str:
    outcome = run_cli(list(argv), folder)
    assert (outcome.code, outcome.err) == (0, ""), outcome.err
    return outcome.out


def test_the_twin_differs_only_in_its_labels(twins):
    hostile, plain = twins
    text = (plain / "hostile-map.yaml").read_text(encoding="utf-8")
    body = text[text.index("journeyctl: 1"):]
    assert "title: Label 1" in body and not re.search(r"[^\x0a\x20-\x7e]|::|<|]]>|%%", body)
    hostile_lint = json.loads(run_cli(["lint", "--format", "json", "."], hostile).out)["findings"]
    plain_lint = json.loads(run_cli(["lint", "--format", "json", "."], plain).out)["findings"]
    assert [(f["code"], f["element"]) for f in hostile_lint] == [(f["code"], f["element"]) for f in plain_lint]


def dot_structure(dot_text: str) -> tuple[list, list, list]:
    """Clusters, nodes and edges as Graphviz itself reads the DOT text."""
    done = subprocess.run(["dot", "-Tjson"], input=dot_text, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    graph = json.loads(done.stdout)
    objects = graph.get("objects", [])
    names = {o["_gvid"]: o["name"] for o in objects}
    clusters = sorted(o["name"] for o in objects if "nodes" in o)
    nodes = sorted(o["name"] for o in objects if "nodes" not in o)
    edges = sorted((names[e["tail"]], names[e["head"]]) for e in graph.get("edges", []))
    return clusters, nodes, edges


def _require_dot() -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed")


@pytest.mark.parametrize("options", [[], ["--highlight-findings"], ["--persona", "hebrew"]], ids=str)
def test_dot_parses_with_graphviz_into_exactly_the_twins_graph(twins, options):
    _require_dot()
    hostile, plain = twins
    argv = ["render", "--to", "dot", *options, "hostile-map.yaml"]
    clusters, nodes, edges = dot_structure(render(hostile, *argv))
    assert (clusters, nodes, edges) == dot_structure(render(plain, *argv))
    touchpoints = {"search", "call", "dispatch", "visit", "review", "give-up"}
    if not options:
        assert touchpoints | {"journey:hostile-other"} <= set(nodes)
        # The flow view's blueprint adds the lanes' names and the separators that draw
        # the lines through every column, and points along transitions across columns.
        assert len(nodes) == 62 and len(edges) == 127


def test_svg_is_well_formed_xml_without_any_element_from_a_label(twins):
    _require_dot()
    hostile, plain = twins
    tags = []
    for folder in (hostile, plain):
        outcome = subprocess.run(
            ["dot", "-Tsvg"], input=render(folder, "render", "--to", "dot", "hostile-map.yaml"),
            capture_output=True, text=True, timeout=120,
        )
        assert outcome.returncode == 0, outcome.stderr
        elements = list(ET.fromstring(outcome.stdout.encode("utf-8")).iter())
        assert not any(e.tag.endswith(("script", "foreignObject", "iframe")) for e in elements)
        assert not any(name.startswith("on") for e in elements for name in e.attrib)
        # One group per node, edge and cluster: labels wrap onto more lines, never into more groups.
        tags.append(sorted((e.get("class") or "", e.get("id") or "") for e in elements if e.tag.endswith("}g")))
    assert tags[0] == tags[1]


def test_canvas_svg_is_well_formed_xml_with_exactly_the_twins_groups(twins):
    hostile, plain = twins
    groups = []
    for folder in (hostile, plain):
        svg = render(folder, "render", "--view", "canvas", "--to", "svg", "hostile-map.yaml")
        elements = list(ET.fromstring(svg.encode("utf-8")).iter())
        assert not any(e.tag.endswith(("script", "foreignObject", "iframe", "a", "image", "use")) for e in elements)
        assert not any(name.startswith("on") or name.endswith("href") for e in elements for name in e.attrib)
        # one group per cell: labels wrap onto more lines, never into more cells
        groups.append([(e.get("class") or "", e.get("data-row") or "", e.get("data-touchpoint") or "")
                       for e in elements if e.tag.endswith("}g")])
    assert groups[0] == groups[1]


def _html_skeleton(page: str) -> list[str]:
    """The tags of an HTML page, in order, with their attributes' names."""
    return re.findall(r"<(/?[a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+)(?==))?", page)


def test_canvas_html_has_exactly_the_twins_markup(twins):
    hostile, plain = twins
    pages = [render(folder, "render", "--view", "canvas", "--to", "html", "hostile-map.yaml")
             for folder in (hostile, plain)]
    assert "<script" not in pages[0].lower()
    assert _html_skeleton(pages[0]) == _html_skeleton(pages[1])


def _flowchart_skeleton(text: str) -> list[str]:
    # Labels are quoted and their quotes are coded, so dropping every "…" leaves the syntax.
    return [re.sub(r'"[^"]*"', '""', line) for line in text.splitlines()]


def _journey_skeleton(text: str) -> list[tuple]:
    skeleton = []
    for line in text.splitlines():
        stripped = line.strip()
        first = stripped.split(" ", 1)[0]
        keyword = first if first in ("journey", "title", "section", "accTitle:", "accDescr:") else None
        # An accessible title or description is one value, whatever it holds.
        fields = [stripped] if first in ("accTitle:", "accDescr:") else stripped.split(":")
        score = fields[1].strip() if keyword is None and len(fields) > 1 else None
        skeleton.append((len(line) - len(line.lstrip()), keyword, len(fields), score))
    return skeleton


def test_mermaid_parses_with_the_real_parser_into_the_twins_diagrams(twins):
    hostile, plain = twins
    texts = {}
    for name, folder in (("hostile", hostile), ("plain", plain)):
        for diagram in ("flowchart", "journey"):
            for extra in ([], ["--highlight-findings"]):
                key = (name, diagram, bool(extra))
                texts[key] = render(folder, "render", "--to", "mermaid", "--mermaid", diagram, *extra, "hostile-map.yaml")
    errors = parse_mermaid(list(texts.values()))
    assert errors == [None] * len(texts), [e for e in errors if e]
    for (name, diagram, extra), text in texts.items():
        if name == "hostile":
            skeleton = _flowchart_skeleton if diagram == "flowchart" else _journey_skeleton
            assert skeleton(text) == skeleton(texts[("plain", diagram, extra)])


def _markdown_skeleton(text: str) -> tuple[list[tuple], list[str]]:
    """Per line: its Markdown role (and a table row's cell count); and the Mermaid blocks."""
    skeleton, blocks, fence, block = [], [], None, []
    for line in text.split("\n"):
        if fence is not None:
            if line == "```":
                skeleton.append(("fence",))
                if fence == "```mermaid":
                    blocks.append("\n".join(block) + "\n")
                fence, block = None, []
            else:
                skeleton.append(("code",))
                block.append(line)
            continue
        if line.startswith("```"):
            fence, block = line, []
            skeleton.append(("fence", line))
        elif line.startswith("#"):
            skeleton.append(("heading", len(line) - len(line.lstrip("#"))))
        elif line.startswith("|"):
            skeleton.append(("row", _cells(line)))
        elif re.match(r"\s*([-*+]|\d+\.) ", line):
            skeleton.append(("item", len(line) - len(line.lstrip())))
        elif line.startswith(">"):
            skeleton.append(("quote",))
        else:
            skeleton.append(("blank",) if not line.strip() else ("text",))
    assert fence is None, "a code block was left open"
    return skeleton, blocks


def _cells(row: str) -> int:
    """Unescaped pipes in a table row, as GitHub counts them."""
    count, i = 0, 0
    while i < len(row):
        if row[i] == "\\":
            i += 2
            continue
        count += row[i] == "|"
        i += 1
    return count


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "hostile-map.yaml"],
        ["report", "hostile-other.yaml"],
        ["render", "--to", "mermaid", "--mermaid", "both", "hostile-map.yaml"],
    ],
    ids=" ".join,
)
def test_markdown_keeps_every_table_row_heading_and_code_block_of_the_twin(twins, argv):
    hostile, plain = twins
    hostile_skeleton, mermaid_blocks = _markdown_skeleton(render(hostile, *argv))
    plain_skeleton, plain_blocks = _markdown_skeleton(render(plain, *argv))
    assert hostile_skeleton == plain_skeleton
    assert len(mermaid_blocks) == len(plain_blocks) >= 1
    assert parse_mermaid(mermaid_blocks) == [None] * len(mermaid_blocks)


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    "argv",
    [["report", "hostile-map.yaml"], ["render", "--to", "mermaid", "--mermaid", "both", "hostile-map.yaml"],
     ["diff", "--format", "md", "PLAIN", "hostile-map.yaml"]],
    ids=" ".join,
)
def test_markdown_shows_bidi_controls_as_escapes_the_same_way_everywhere(twins, argv):
    hostile, plain = twins
    out = render(hostile, *[str(plain / "hostile-map.yaml") if a == "PLAIN" else a for a in argv])
    assert not _BIDI.search(out)  # raw, they reorder the rest of the line on GitHub
    # shown as an escape, as GitHub shows it: \u202e in a code span, \\u202e outside one
    assert "\\u202e" in out


def test_the_report_index_of_the_folder_keeps_its_table(twins, tmp_path):
    hostile, plain = twins
    skeletons = []
    for folder, out in ((hostile, tmp_path / "hostile-out"), (plain, tmp_path / "plain-out")):
        outcome = run_cli(["report", ".", "-o", str(out)], folder)
        assert (outcome.code, outcome.err) == (0, ""), outcome.err
        assert sorted(p.name for p in out.iterdir()) == [
            "hostile-map.canvas.svg", "hostile-map.md", "hostile-other.canvas.svg", "hostile-other.md", "index.md",
        ]
        skeletons.append(_markdown_skeleton((out / "index.md").read_text(encoding="utf-8"))[0])
    assert skeletons[0] == skeletons[1]


# -- everything else that prints map text ------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["paths", "hostile-map.yaml"],
        ["paths", "--format", "json", "hostile-map.yaml"],
        ["show", "hostile-map.yaml"],
        ["rule", "dead-end"],
    ],
    ids=" ".join,
)
def test_terminal_output_never_carries_control_characters_or_bidi_overrides(twins, argv):
    hostile, plain = twins
    hostile_out, plain_out = render(hostile, *argv), render(plain, *argv)
    assert not UNSAFE.search(hostile_out)
    assert len(hostile_out.splitlines()) == len(plain_out.splitlines())


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_a_diff_that_renames_everything_to_hostile_text_stays_in_its_lines(twins, fmt):
    hostile, plain = twins
    shutil.copyfile(plain / "hostile-map.yaml", hostile / "plain.yaml")
    outcome = run_cli(["diff", "--format", fmt, "plain.yaml", "hostile-map.yaml"], hostile)
    assert (outcome.code, outcome.err) == (0, "")
    if fmt == "json":
        changes = json.loads(outcome.out)["journeys"][0]["changes"]
        assert len(changes) == 42 and {c["change"] for c in changes} == {"changed"}
        return
    assert not UNSAFE.search(outcome.out)
    if fmt == "md":
        skeleton, _ = _markdown_skeleton(outcome.out)
        assert ("heading", 1) not in skeleton[1:]


# -- file names in progress and error lines ----------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [["fmt", "--check", "."], ["fmt", "--check", "--diff", "."], ["fmt", "."], ["lint", "."],
     ["render", "--to", "dot", "-o", "out", "."], ["report", "-o", "out", "."]],
    ids=" ".join,
)
def test_a_hostile_file_name_cannot_start_a_line_of_output(tmp_path, argv):
    (tmp_path / "journeyctl.toml").write_text("", encoding="utf-8")
    try:
        (tmp_path / "x\n::add-mask::secret\x1b[2J.yaml").write_text("journeyctl: 1\nid: [broken\n", encoding="utf-8")
        (tmp_path / "y\n::error file=z::spoofed.yaml").write_text(
            "journeyctl: 1\nid:    y\ntitle: T\nstages: [{id: s, name: S}]\n"
            "touchpoints: [{id: t, name: T, stage: s, channel: web, entry: true, end: success}]\n",
            encoding="utf-8",
        )
    except OSError:
        pytest.skip("this file system refuses such a file name")
    outcome = run_cli(argv, tmp_path)
    assert outcome.code in (0, 1)
    for line in (outcome.out + outcome.err).splitlines():
        assert not line.startswith("::"), line
        assert not UNSAFE.search(line), line
    assert "x\\n::add-mask::secret\\x1b[2J.yaml" in outcome.out + outcome.err
