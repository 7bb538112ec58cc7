"""The canvas grows linearly with the map (its time target is in benchmarks/canvas.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from cost import fastest
from journeyctl.outputs.canvas import metrics
from journeyctl.outputs.canvas.html import render_html
from journeyctl.outputs.canvas.layout import build_canvas
from journeyctl.outputs.canvas.svg import render_svg
from journeyctl.outputs.render.view import make_view
from render.support import load_doc

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import generate  # noqa: E402  (benchmarks/ is not a package)


def canvas_cost(tmp_path: Path, touchpoints: int) -> float:
    folder = tmp_path / str(touchpoints)  # one journey id per workspace
    folder.mkdir()
    path = folder / "map.yaml"
    path.write_text(generate.journey_map(0, touchpoints), encoding="utf-8")
    doc = load_doc(path)

    def draw() -> None:
        for cached in (metrics._wrapped, metrics._units, metrics.char_width):
            cached.cache_clear()
        canvas = build_canvas(make_view(doc))
        render_html(canvas)
        render_svg(canvas)

    return fastest(draw)


def test_eight_times_the_touchpoints_cost_about_eight_times_as_much(tmp_path):
    small = canvas_cost(tmp_path, 100)
    # linear is 8 times; anything quadratic in the touchpoints (or in sheets × columns) is 64
    assert canvas_cost(tmp_path, 800) < 20 * small
