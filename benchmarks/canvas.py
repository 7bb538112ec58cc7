"""The canvas of a 1,000-touchpoint map as HTML and SVG, against linting the same map.

Target (the canvas issue): the canvas HTML and SVG of a generated 1,000-touchpoint map
(``generate.py``) are written in under 1 s, browser excluded. The baseline is measured
in the same run: a plain lint of the same map, which every render command does first.
Both run in this process, on the same loaded journey, as medians of 5 interleaved runs;
the canvas's text-measuring caches are emptied before each of its runs. Times are the
process's CPU time, so other work on a shared machine does not count against either.

The result goes into ``results.md`` (its *Canvas* section is replaced).

Usage::

    python benchmarks/canvas.py [--touchpoints 1000] [--no-write]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from journeyctl.checks.linter import lint  # noqa: E402
from journeyctl.loading.config import Config  # noqa: E402
from journeyctl.loading.workspace import load_workspace  # noqa: E402
from journeyctl.outputs.canvas import metrics  # noqa: E402
from journeyctl.outputs.canvas.html import render_html  # noqa: E402
from journeyctl.outputs.canvas.layout import build_canvas  # noqa: E402
from journeyctl.outputs.canvas.svg import render_svg  # noqa: E402
from journeyctl.outputs.render.view import make_view  # noqa: E402

LIMIT = 1.0
RUNS = 5
RESULTS = HERE / "results.md"
SECTION = "## Canvas"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--touchpoints", type=int, default=1000)
    parser.add_argument("--no-write", action="store_true", help="print the result without updating results.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "big.yaml"
        path.write_text(generate.journey_map(0, args.touchpoints), encoding="utf-8")
        config = Config(root=root)
        (doc,) = load_workspace([str(path)], config, root).docs()

        def lint_map() -> None:
            lint([str(path)], config, cwd=root, today=generate.TODAY)

        def canvas() -> None:
            # every run starts cold, as a fresh process would: no text measured before
            for cached in (metrics._wrapped, metrics._units, metrics.char_width, metrics._faces):
                cached.cache_clear()
            drawn = build_canvas(make_view(doc))
            render_html(drawn)
            render_svg(drawn)

        times: dict[str, list[float]] = {"lint": [], "canvas": []}
        for _ in range(RUNS):
            for name, job in (("lint", lint_map), ("canvas", canvas)):
                start = time.process_time()
                job()
                times[name].append(time.process_time() - start)
    lint_s, canvas_s = (statistics.median(times[k]) for k in ("lint", "canvas"))
    verdict = "PASS" if canvas_s <= LIMIT else "FAIL"
    lines = [
        SECTION, "",
        f"Written by `python benchmarks/canvas.py`: one generated map of {args.touchpoints:,} touchpoints, "
        f"medians of {RUNS} interleaved runs in one process (CPU seconds), the map loaded once.", "",
        "| Measure | CPU seconds | ÷ lint |", "|---|---|---|",
        f"| lint of the map (baseline) | {lint_s:.3f} | 1.00× |",
        f"| canvas HTML + SVG | {canvas_s:.3f} | {canvas_s / lint_s:.2f}× |", "",
        f"Target: canvas HTML + SVG of {args.touchpoints:,} touchpoints ≤ {LIMIT:.3f} s: "
        f"{canvas_s:.3f} s, {verdict}.", "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        current = RESULTS.read_text(encoding="utf-8")
        before, found, after = current.partition(f"\n{SECTION}\n")
        rest = after[after.find("\n## ") + 1:] if found and "\n## " in after else ""
        RESULTS.write_text(before.rstrip("\n") + "\n\n" + text + ("\n" + rest if rest else ""), encoding="utf-8")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
