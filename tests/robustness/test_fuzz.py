"""Fuzzing: random maps from the JSON Schema, and random damage to the example maps.

Whatever the input, every command answers with findings or success — exit 0 or 1, never
2, never a traceback — and the JSON report is always well-formed with every finding
inside the file. Runs are reproducible (``derandomize``), bounded (``max_examples``) and
free of deadline flakiness (``deadline=None``); no example database is written.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robustness_support import run_cli
from schema_strategy import coherent_documents, documents, dump

from journeyctl.model.schema import schema

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").rglob("*.yaml"))
# Rendering a valid catalog is a usage error (there is no journey to draw), so the commands
# that draw or report journeys are fuzzed on the journey maps only.
JOURNEY_EXAMPLES = [p for p in EXAMPLES if p.name != "catalog.yaml"]
FUZZ = settings(
    derandomize=True, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
SUMMARY_KEYS = ["files", "journeys", "errors", "warnings", "infos"]
FINDING_KEYS = [
    "path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message", "journey", "element",
]


def line_count(content: bytes) -> int:
    return content.count(b"\n") + content.count(b"\r") - content.count(b"\r\n") + 1


def check_lint(folder: Path, name: str, content: bytes, beside: dict[str, bytes] | None = None) -> dict:
    """Lint ``content`` as ``folder/name`` and check everything a JSON report promises.

    ``beside`` are other files of the folder (a catalog) whose findings may be reported too.
    """
    files = {name: content, **(beside or {})}
    for file_name, file_content in files.items():
        (folder / file_name).write_bytes(file_content)
    outcome = run_cli(["lint", "--format", "json", name], folder)
    assert outcome.err == "", outcome.err
    report = json.loads(outcome.out)
    assert list(report) == ["version", "findings", "summary"] and report["version"] == 1
    assert list(report["summary"]) == SUMMARY_KEYS
    errors = sum(1 for f in report["findings"] if f["severity"] == "error")
    assert report["summary"]["errors"] == errors
    assert outcome.code == (1 if errors else 0)
    for finding in report["findings"]:
        assert list(finding) == FINDING_KEYS
        assert finding["path"] in files
        assert 1 <= finding["line"] <= finding["end_line"] <= line_count(files[finding["path"]]) + 1, finding
        assert finding["column"] >= 1 and finding["end_column"] >= 1, finding
        assert finding["code"].startswith("JM") and finding["message"], finding
    return report


def check_other_commands(folder: Path, name: str) -> None:
    """Every other command that reads a map answers 0 or 1 with nothing on stderr but findings."""
    for argv in (
        ["render", "--to", "dot", name],
        ["render", "--to", "mermaid", "--mermaid", "both", name],
        ["report", name],
        ["paths", name],
        ["show", name],
        ["fmt", "--check", "--diff", name],
    ):
        outcome = run_cli(argv, folder)
        assert outcome.code in (0, 1), (argv, outcome.err)
        assert "Traceback" not in outcome.err and "internal error" not in outcome.err, (argv, outcome.err)


# -- random maps from the schema ---------------------------------------------------------

# Raw documents mostly stop at validation; repaired ones mostly reach the rules and renderers.
JOURNEYS = st.one_of(coherent_documents(schema("journey")), documents(schema("journey")))
CATALOGS = documents(schema("catalog"))


@settings(FUZZ, max_examples=100)
@given(document=JOURNEYS, style=st.sampled_from(["block", "flow", "json"]))
def test_random_journeys_from_the_schema_give_findings_or_success(document, style):
    content = dump(document, style).encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        (folder / "journeyctl.toml").write_text("", encoding="utf-8")
        report = check_lint(folder, "map.yaml", content)
        if report["summary"]["journeys"]:
            check_other_commands(folder, "map.yaml")


@settings(FUZZ, max_examples=25)
@given(journey=JOURNEYS, catalog=CATALOGS)
def test_random_catalogs_beside_random_journeys_give_findings_or_success(journey, catalog):
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        (folder / "journeyctl.toml").write_text("", encoding="utf-8")
        check_lint(
            folder, "map.yaml", dump(journey, "block").encode("utf-8", "surrogatepass"),
            {"catalog.yaml": dump(catalog, "block").encode("utf-8", "surrogatepass")},
        )


# -- damaged examples --------------------------------------------------------------------


def _flip(data: bytes, at: int, value: int) -> bytes:
    at %= len(data) or 1
    return data[:at] + bytes([value]) + data[at + 1:]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def _delete_line(data: bytes, at: int) -> bytes:
    lines = _lines(data)
    del lines[at % len(lines)]
    return b"".join(lines)


def _duplicate_line(data: bytes, at: int) -> bytes:
    lines = _lines(data)
    at %= len(lines)
    return b"".join(lines[: at + 1] + lines[at:])


def _indent(data: bytes, at: int, change: int) -> bytes:
    lines = _lines(data)
    at %= len(lines)
    line = lines[at]
    lines[at] = (b" " * change + line) if change > 0 else line[min(-change, len(line) - len(line.lstrip(b" "))):]
    return b"".join(lines)


def _tab(data: bytes, at: int) -> bytes:
    lines = _lines(data)
    at %= len(lines)
    lines[at] = b"\t" + lines[at]
    return b"".join(lines)


def _swap(data: bytes, first: int, second: int) -> bytes:
    lines = _lines(data)
    first, second = first % len(lines), second % len(lines)
    lines[first], lines[second] = lines[second], lines[first]
    return b"".join(lines)


def _truncate(data: bytes, at: int) -> bytes:
    return data[: at % (len(data) + 1)]


def _insert(data: bytes, at: int, extra: bytes) -> bytes:
    at %= len(data) + 1
    return data[:at] + extra + data[at:]


POSITION = st.integers(min_value=0, max_value=1 << 20)
MUTATION = st.one_of(
    st.tuples(st.just(_flip), POSITION, st.integers(0, 255)),
    st.tuples(st.just(_delete_line), POSITION),
    st.tuples(st.just(_duplicate_line), POSITION),
    st.tuples(st.just(_indent), POSITION, st.sampled_from([-4, -2, -1, 1, 2, 4])),
    st.tuples(st.just(_tab), POSITION),
    st.tuples(st.just(_swap), POSITION, POSITION),
    st.tuples(st.just(_truncate), POSITION),
    st.tuples(
        st.just(_insert), POSITION,
        st.one_of(st.binary(max_size=6), st.sampled_from([b"&a ", b"*a", b"!!python/object:os.system ", b"- ", b": ",
                                                           b"{", b"]", b"'", b'"', b"\r", b"\xef\xbb\xbf", b"---\n"])),
    ),
)


@settings(FUZZ, max_examples=300)
@given(example=st.sampled_from(EXAMPLES), mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_damaged_examples_give_findings_or_success(example, mutations):
    content = example.read_bytes()
    for operation, *arguments in mutations:
        content = operation(content, *arguments)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        (folder / "journeyctl.toml").write_text("", encoding="utf-8")
        check_lint(folder, example.name, content)


@settings(FUZZ, max_examples=40)
@given(example=st.sampled_from(JOURNEY_EXAMPLES), mutations=st.lists(MUTATION, min_size=1, max_size=2))
def test_every_command_survives_a_damaged_example(example, mutations):
    content = example.read_bytes()
    for operation, *arguments in mutations:
        content = operation(content, *arguments)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        (folder / "journeyctl.toml").write_text("", encoding="utf-8")
        (folder / example.name).write_bytes(content)
        check_other_commands(folder, example.name)


def test_the_examples_are_there_to_be_damaged():
    assert len(EXAMPLES) >= 8
