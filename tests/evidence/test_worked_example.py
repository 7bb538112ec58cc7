"""docs/evidence.md's worked example: its map and log, run, print exactly its output."""

from __future__ import annotations

import re
from pathlib import Path

from journeyctl.cli import run

DOC = Path(__file__).resolve().parents[2] / "docs" / "evidence.md"
BLOCK = re.compile(r"<!-- worked example: (?P<name>[\w.]+) -->\n```\w*\n(?P<text>.*?)```", re.DOTALL)


def blocks() -> dict[str, str]:
    return {m["name"]: m["text"] for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))}


def test_the_worked_example_prints_what_the_documentation_shows(tmp_path, monkeypatch, capsys):
    found = blocks()
    assert sorted(found) == ["events.csv", "output", "plumber.yaml"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plumber.yaml").write_text(found["plumber.yaml"], encoding="utf-8")
    (tmp_path / "events.csv").write_text(found["events.csv"], encoding="utf-8")
    assert run(["evidence", "plumber.yaml", "--events", "events.csv"]) == 0
    assert capsys.readouterr() == (found["output"], "")


def test_the_worked_example_map_lints_clean(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plumber.yaml").write_text(blocks()["plumber.yaml"], encoding="utf-8")
    assert run(["lint", "plumber.yaml", "--select", "JM0,JM1", "-q"]) == 0
