"""Import → ``journeyctl render --to mermaid --mermaid journey`` → real Mermaid → import.

Every imported fixture map is drawn back as a journey diagram; real Mermaid must accept
the drawing, and importing it again must give the same map, except for what a journey
diagram cannot hold: ``accDescr`` (the renderer writes no description), stages without
touchpoints (Mermaid draws no empty section), and emotions, which the renderer rounds to
whole Mermaid scores.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mermaid_parser import parse_mermaid

from journeyctl.cli import run
from journeyctl.importers.mermaid import import_mermaid

FIXTURES = Path(__file__).parent / "mermaid"
MAPS = sorted(FIXTURES.glob("valid-*.yaml"))


def _render(path: Path, capsys) -> str:
    assert run(["render", str(path), "--to", "mermaid", "--mermaid", "journey"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def _comparable(data: dict) -> tuple[dict, list]:
    """The map without what a journey diagram cannot carry, and its emotions apart."""
    data = {key: value for key, value in data.items() if key != "description"}
    used = {t["stage"] for t in data["touchpoints"]}
    data["stages"] = [s for s in data["stages"] if s["id"] in used]
    emotions = [t["emotion"] for t in data["touchpoints"]]
    data["touchpoints"] = [{k: v for k, v in t.items() if k != "emotion"} for t in data["touchpoints"]]
    return data, emotions


def test_every_fixture_map_is_drawn():
    assert len(MAPS) == len(list(FIXTURES.glob("valid-*.mmd")))


def test_drawn_maps_parse_in_mermaid_and_import_back_to_the_same_map(capsys):
    drawings = [_render(path, capsys) for path in MAPS]
    assert parse_mermaid(drawings) == [None] * len(MAPS)
    for path, drawing in zip(MAPS, drawings):
        original = import_mermaid(path.with_suffix(".mmd").read_text(encoding="utf-8")).maps[0]
        again = import_mermaid(drawing)
        assert again.warnings == [], path.name
        expected, expected_emotions = _comparable(original)
        actual, emotions = _comparable(again.maps[0])
        assert actual == expected, path.name
        assert emotions == pytest.approx(expected_emotions, abs=0.5), path.name
