"""``journeyctl import mermaid`` on the command line: inputs, outputs, messages, exit codes."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from journeyctl.cli import run

HERE = Path(__file__).parent
FIXTURES = HERE / "mermaid"
MARKDOWN = HERE / "markdown"
DOCS_EXAMPLE = (FIXTURES / "valid-mermaid-docs-example.mmd").read_text(encoding="utf-8")
DOCS_MAP = (FIXTURES / "valid-mermaid-docs-example.yaml").read_text(encoding="utf-8")
SEMICOLON = (
    "';' does not separate statements in a Mermaid journey diagram: start a new line "
    "(write #59; for a ';' in a name)"
)


@pytest.fixture
def fixtures(monkeypatch):
    """Run from the fixture folder so that messages show short relative paths."""
    monkeypatch.chdir(FIXTURES)
    return FIXTURES


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_a_diagram_goes_to_stdout(fixtures, capsys):
    assert run(["import", "mermaid", "valid-mermaid-docs-example.mmd"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (DOCS_MAP, "")


def test_standard_input(monkeypatch, capsys):
    _stdin(monkeypatch, DOCS_EXAMPLE.encode("utf-8"))
    assert run(["import", "mermaid", "-"]) == 0
    assert capsys.readouterr() == (DOCS_MAP, "")


def test_standard_input_as_markdown(monkeypatch, capsys):
    _stdin(monkeypatch, f"Intro\n\n```mermaid\n{DOCS_EXAMPLE}```\n".encode("utf-8"))
    assert run(["import", "mermaid", "--markdown", "-"]) == 0
    assert capsys.readouterr() == (DOCS_MAP, "")


def test_errors_on_standard_input_name_it(monkeypatch, capsys):
    _stdin(monkeypatch, b"journey\nsection A\nT: 5; U: 3\n")
    assert run(["import", "mermaid", "-"]) == 1
    assert capsys.readouterr() == ("", f"<stdin>:3:5: {SEMICOLON}\n")


def test_output_file(tmp_path, fixtures, capsys):
    target = tmp_path / "day.yaml"
    assert run(["import", "mermaid", "valid-mermaid-docs-example.mmd", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == DOCS_MAP
    assert capsys.readouterr() == ("", f"wrote {target}\n")


def test_quiet_writes_without_a_word(tmp_path, fixtures, capsys):
    target = tmp_path / "day.yaml"
    assert run(["-q", "import", "mermaid", "valid-mermaid-docs-example.mmd", "-o", str(target)]) == 0
    assert capsys.readouterr() == ("", "")
    assert target.read_text(encoding="utf-8") == DOCS_MAP


def test_an_existing_file_is_kept_unless_forced(tmp_path, fixtures, capsys):
    target = tmp_path / "day.yaml"
    target.write_text("precious\n", encoding="utf-8")
    assert run(["import", "mermaid", "valid-mermaid-docs-example.mmd", "-o", str(target)]) == 2
    assert capsys.readouterr() == (
        "", f"journeyctl: error: {target}: already exists (use --force to overwrite it)\n"
    )
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert run(["import", "mermaid", "valid-mermaid-docs-example.mmd", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8") == DOCS_MAP


def test_a_file_in_the_output_folder_is_kept_unless_forced(tmp_path, fixtures, capsys):
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "my-working-day.yaml").write_text("precious\n", encoding="utf-8")
    assert run(["import", "mermaid", "valid-mermaid-docs-example.mmd", "-o", str(folder)]) == 2
    assert capsys.readouterr() == (
        "", f"journeyctl: error: {folder / 'my-working-day.yaml'}: already exists (use --force to overwrite it)\n"
    )
    assert (folder / "my-working-day.yaml").read_text(encoding="utf-8") == "precious\n"
    assert run(["import", "mermaid", "valid-mermaid-docs-example.mmd", "-o", str(folder), "--force"]) == 0
    assert (folder / "my-working-day.yaml").read_text(encoding="utf-8") == DOCS_MAP


def test_an_output_folder_gets_the_journey_id_as_file_name(tmp_path, fixtures, capsys):
    assert run(["import", "mermaid", "valid-mermaid-docs-example.mmd", "-o", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-working-day.yaml"]
    assert (tmp_path / "my-working-day.yaml").read_text(encoding="utf-8") == DOCS_MAP


def test_errors_are_located_and_exit_1(fixtures, capsys):
    assert run(["import", "mermaid", "invalid-scores.mmd"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "invalid-scores.mmd:4:20: task 'Spelled out': score 'five' is not a number",
        "invalid-scores.mmd:5:12: task 'Blank' has no score: expected a number",
        "invalid-scores.mmd:6:28: task 'Hash before the score' has no score: expected a number",
        "invalid-scores.mmd:7:32: task 'Comment after the score': score '4 %% great' is not a number "
        "('%%' after a statement is not a comment in Mermaid; use '#')",
        "invalid-scores.mmd:8:16: task 'Endless': score 'Infinity' is not a finite number",
    ]


def test_nothing_is_written_when_the_diagram_is_invalid(tmp_path, fixtures, capsys):
    target = tmp_path / "out.yaml"
    assert run(["import", "mermaid", "invalid-semicolon-separator.mmd", "-o", str(target)]) == 1
    assert not target.exists()
    assert capsys.readouterr() == ("", f"invalid-semicolon-separator.mmd:4:22: {SEMICOLON}\n")


def test_warnings_go_to_stderr_and_the_map_is_written(fixtures, capsys):
    assert run(["import", "mermaid", "valid-with-warnings.mmd"]) == 0
    out, err = capsys.readouterr()
    assert out == (FIXTURES / "valid-with-warnings.yaml").read_text(encoding="utf-8")
    assert [line.split(": warning: ")[0] for line in err.splitlines()] == [
        "valid-with-warnings.mmd:3:3",
        "valid-with-warnings.mmd:4:22",
        "valid-with-warnings.mmd:5:35",
        "valid-with-warnings.mmd:6:39",
        "valid-with-warnings.mmd:7:7",
    ]


def test_markdown_with_two_journeys_needs_a_folder(monkeypatch, capsys):
    monkeypatch.chdir(MARKDOWN)
    assert run(["import", "mermaid", "two-journeys.md"]) == 2
    assert capsys.readouterr() == (
        "", "journeyctl: error: two-journeys.md holds 2 journey diagrams: write them into a folder with -o DIR\n"
    )


def test_markdown_journeys_become_one_file_each(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(MARKDOWN)
    folder = tmp_path / "maps"
    assert run(["import", "mermaid", "two-journeys.md", "-o", str(folder)]) == 0
    golden = MARKDOWN / "two-journeys"
    names = ["reporting-a-broken-laptop-2.yaml", "reporting-a-broken-laptop.yaml"]
    assert sorted(p.name for p in folder.iterdir()) == names
    for name in names:
        output = (folder / name).read_bytes()
        if os.environ.get("JOURNEYCTL_UPDATE_GOLDEN") == "1":
            golden.mkdir(exist_ok=True)
            (golden / name).write_bytes(output)
        assert output == (golden / name).read_bytes()
    assert capsys.readouterr() == (
        "", f"wrote {folder / names[1]}\nwrote {folder / names[0]}\n"
    )


def test_markdown_refuses_to_overwrite_any_file_before_writing_one(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(MARKDOWN)
    (tmp_path / "reporting-a-broken-laptop-2.yaml").write_text("precious\n", encoding="utf-8")
    assert run(["import", "mermaid", "two-journeys.md", "-o", str(tmp_path)]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reporting-a-broken-laptop-2.yaml"]
    assert capsys.readouterr().err == (
        f"journeyctl: error: {tmp_path / 'reporting-a-broken-laptop-2.yaml'}: already exists "
        "(use --force to overwrite it)\n"
    )


def test_markdown_errors_point_at_lines_of_the_markdown_file(monkeypatch, capsys):
    monkeypatch.chdir(MARKDOWN)
    assert run(["import", "mermaid", "broken-journeys.md"]) == 1
    assert capsys.readouterr() == (
        "",
        "broken-journeys.md:6:23: task 'Opens a ticket': score 'three' is not a number\n"
        f"broken-journeys.md:14:38: {SEMICOLON}\n",
    )


def test_markdown_writes_the_good_blocks_and_reports_the_bad_ones(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("maps.md").write_text(
        "```mermaid\njourney\n  title Broken\n  section A\n    T: 4; U: 3\n```\n\n"
        "```mermaid-example\njourney\n  title Fine\n  section B\n    V: 4: Me\n```\n",
        encoding="utf-8",
    )
    assert run(["import", "mermaid", "maps.md", "-o", "out"]) == 1
    assert capsys.readouterr() == ("", f"maps.md:5:9: {SEMICOLON}\nwrote out/fine.yaml\n")
    assert sorted(p.name for p in Path("out").iterdir()) == ["fine.yaml"]
    assert "name: V\n" in Path("out/fine.yaml").read_text(encoding="utf-8")


def test_a_map_lint_rejects_is_written_and_its_findings_fail_the_import(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _stdin(monkeypatch, b"journey\n  title Nothing yet\n  section Later\n")
    assert run(["import", "mermaid", "-", "-o", "empty.yaml"]) == 1
    assert capsys.readouterr() == (
        "",
        "wrote empty.yaml\n"
        "empty.yaml:15:14: JM002 [schema] 'touchpoints' must list at least one item\n",
    )
    assert Path("empty.yaml").read_text(encoding="utf-8").endswith(
        "stages:\n  - id: later\n    name: Later\n\ntouchpoints: []\n"
    )
    _stdin(monkeypatch, b"journey\n  title Nothing yet\n  section Later\n")
    assert run(["import", "mermaid", "-"]) == 1
    out, err = capsys.readouterr()
    assert out == Path("empty.yaml").read_text(encoding="utf-8")
    assert err == "<stdout>:15:14: JM002 [schema] 'touchpoints' must list at least one item\n"


def test_score_range_states_the_scale(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("ten.mmd").write_text("journey\n  section A\n    Good: 8: Me\n    Bad: 1: Me\n", encoding="utf-8")
    assert run(["import", "mermaid", "ten.mmd"]) == 0
    out, err = capsys.readouterr()
    assert err == (
        "ten.mmd:3:5: warning: task 'Good' scores 8, outside Mermaid's 1..5: the scores are read on the "
        "range 1..10 (say which with --score-range LOW..HIGH)\n"
    )
    assert "emotion_scale: {min: -4.5, max: 4.5}\n" in out
    assert run(["import", "mermaid", "ten.mmd", "--score-range", "0..10"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "emotion_scale: {min: -5, max: 5}\n" in out
    assert [line for line in out.splitlines() if "emotion:" in line] == ["    emotion: 3", "    emotion: -4"]
    assert run(["import", "mermaid", "ten.mmd", "--score-range", "1..5"]) == 1
    assert capsys.readouterr() == ("", "ten.mmd:3:5: task 'Good': score 8 is outside the score range 1..5\n")
    assert run(["import", "mermaid", "ten.mmd", "--score-range", "10..1"]) == 2
    assert capsys.readouterr() == (
        "", "journeyctl: error: --score-range: '10..1' is not a score range: LOW must be below HIGH\n"
    )


def test_markdown_without_a_journey(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("notes.md").write_text("# Notes\n\n```mermaid\nflowchart LR\n  a --> b\n```\n", encoding="utf-8")
    assert run(["import", "mermaid", "notes.md"]) == 1
    assert capsys.readouterr() == (
        "",
        "notes.md:1:1: no Mermaid journey diagram found: expected a ```mermaid (or ```mermaid-example) code "
        "block starting with 'journey'\n",
    )


def test_a_missing_file_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run(["import", "mermaid", "nope.mmd"]) == 2
    assert capsys.readouterr() == ("", "journeyctl: error: nope.mmd: no such file\n")


def test_bytes_that_are_not_utf8_are_located(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("latin1.mmd").write_bytes(b"journey\nsection Caf\xe9\n")
    assert run(["import", "mermaid", "latin1.mmd"]) == 1
    assert capsys.readouterr() == (
        "", "latin1.mmd:2:12: the file is not valid UTF-8 text (byte 0xe9 at offset 19)\n"
    )


def test_help_says_how_channels_are_filled(capsys):
    assert run(["import", "mermaid", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "every touchpoint is in the customer lane on the channel 'unspecified' (kind other)" in help_text


def test_a_link_in_the_output_folder_cannot_lead_the_write_elsewhere(tmp_path, fixtures, capsys):
    outside = tmp_path / "outside.yaml"
    outside.write_text("precious\n", encoding="utf-8")
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "my-working-day.yaml").symlink_to(outside)
    assert run(["import", "mermaid", "valid-mermaid-docs-example.mmd", "-o", str(folder), "--force"]) == 2
    assert capsys.readouterr() == (
        "",
        f"journeyctl: error: {folder / 'my-working-day.yaml'}: refusing to write through a symbolic link "
        f"that leads outside {folder} (to {outside.resolve()})\n",
    )
    assert outside.read_text(encoding="utf-8") == "precious\n"


def test_input_over_the_size_limit_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("journeyctl.toml").write_text("max-file-size = 100\n", encoding="utf-8")
    Path("big.mmd").write_text(DOCS_EXAMPLE, encoding="utf-8")
    size = len(DOCS_EXAMPLE.encode("utf-8"))
    assert run(["import", "mermaid", "big.mmd"]) == 1
    assert capsys.readouterr() == (
        "", f"big.mmd:1:1: the file is {size:,} bytes, over the limit of 100 (max-file-size)\n"
    )
    _stdin(monkeypatch, DOCS_EXAMPLE.encode("utf-8"))
    assert run(["import", "mermaid", "-"]) == 1
    assert capsys.readouterr() == ("", "<stdin>:1:1: the file is over the limit of 100 bytes (max-file-size)\n")


def test_only_regular_files_are_read(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("folder.mmd").mkdir()
    assert run(["import", "mermaid", "folder.mmd"]) == 2
    assert capsys.readouterr() == (
        "", "journeyctl: error: folder.mmd: not a regular file (a folder, device, pipe or socket)\n"
    )


def test_max_touchpoints_lowers_the_task_limit(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("journeyctl.toml").write_text("max-touchpoints = 2\n", encoding="utf-8")
    Path("three.mmd").write_text("journey\n  section A\n    T: 3\n    U: 4\n    V: 5\n", encoding="utf-8")
    assert run(["import", "mermaid", "three.mmd", "-o", "three.yaml"]) == 1
    assert capsys.readouterr() == ("", "three.mmd:5:5: more than 2 tasks: over the import's limit\n")
    assert not Path("three.yaml").exists()
