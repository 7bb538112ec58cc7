"""Import → ``journeyctl render --to mermaid --mermaid journey`` → real Mermaid → import.

Every imported fixture map is drawn back as a journey diagram; real Mermaid must accept
the drawing, and importing it again must give the same map (title, ``accTitle``,
``accDescr``, line breaks in names included), except for what a journey diagram cannot
hold: stages without touchpoints (Mermaid draws no empty section), and emotions, which
the renderer maps onto whole Mermaid scores from 1 to 5 whatever the map's scale.
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
    """The map without what a journey diagram cannot carry, and its emotions apart, as
    fractions of the scale's half-width (-1 to 1)."""
    scale = data.get("emotion_scale", {"min": -2, "max": 2})
    data = {key: value for key, value in data.items() if key != "emotion_scale"}
    used = {t["stage"] for t in data["touchpoints"]}
    data["stages"] = [s for s in data["stages"] if s["id"] in used]
    emotions = [t["emotion"] / scale["max"] for t in data["touchpoints"]]
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
        # Half a Mermaid score: the half-width of the scale spans two scores.
        assert emotions == pytest.approx(expected_emotions, abs=0.25), path.name


def test_accessibility_texts_and_line_breaks_are_written_back(capsys):
    drawing = _render(FIXTURES / "valid-line-breaks-and-accessibility-texts.yaml", capsys)
    assert drawing == (
        "journey\n"
        "    title Opening an account\n"
        "    accTitle: Account opening, step by step\n"
        "    accDescr: How a new customer opens an account#10;and what they feel on the way\n"
        "    section First<br>steps\n"
        "        Fills in the form<br>online: 4: Me\n"
        "        Reads #60;br#62; as text: 3: Me\n"
        "        Waits<br>a day: 2: Me\n"
    )
