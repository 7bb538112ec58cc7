"""The golden files of the renderers, and the script that regenerates them.

For every journey in ``examples/`` and in ``tests/render/maps/``: the DOT
(``<id>.dot``), both Mermaid diagrams (``<id>.flowchart.mmd``, ``<id>.journey.mmd``) and
the Markdown report (``<id>.md``), the canvas as HTML and SVG (``<id>.canvas.html``,
``<id>.canvas.svg``), plus the report index of the examples
(``examples-index.md``), and the canvas of ``tests/fixtures/observed/plumber.yaml`` with its
event log's *Observed* row. Reports use the lint findings of the default configuration on
a fixed date, so the files never depend on the day they are made.

The script also refreshes what the README shows: ``docs/example-report.md`` (the report
of the emergency-plumber example, which the tests keep equal to its golden file), the canvas
SVG that report links (``docs/emergency-plumber.canvas.svg``) and
``docs/emergency-plumber.svg`` (wrapped for a slide and drawn by Graphviz, so it is not
compared: its bytes depend on the Graphviz version).

Run ``python tests/golden/update.py`` after a deliberate change to the output, and
review the diff: ``tests/golden/test_render_golden.py`` compares the files byte for byte.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from journeyctl.outputs.canvas import render_canvas  # noqa: E402
from journeyctl.outputs.render.dot import render_dot  # noqa: E402
from journeyctl.outputs.render.graphviz_run import run_dot  # noqa: E402
from journeyctl.outputs.render.mermaid import flowchart, journey_diagram  # noqa: E402
from journeyctl.outputs.render.report import render_index, render_report  # noqa: E402
from journeyctl.outputs.render.view import make_view  # noqa: E402
from render.support import EXAMPLES, MAPS, lint_findings, load_docs  # noqa: E402

SUFFIXES = (".dot", ".flowchart.mmd", ".journey.mmd", ".md", ".canvas.html", ".canvas.svg")
DOCS = HERE.parents[1] / "docs"
#: A map and an event log whose canvas shows the Observed row.
OBSERVED = HERE.parent / "fixtures" / "observed"
#: The example the README shows, and its files under docs/.
SHOWCASE = "emergency-plumber"
#: The page the README's picture is wrapped for.
SHOWCASE_PAGE = "slide"
DOCS_REPORT = DOCS / "example-report.md"
DOCS_SVG = DOCS / f"{SHOWCASE}.svg"
#: The canvas the example report links, beside it.
DOCS_CANVAS = DOCS / f"{SHOWCASE}.canvas.svg"


def goldens() -> dict[str, str]:
    """File name → expected content, for every golden file."""
    files: dict[str, str] = {}
    for folder in (EXAMPLES, MAPS):
        docs = load_docs(folder)
        findings = lint_findings(folder)
        for doc in docs:
            view = make_view(doc)
            name = doc.journey.id
            files[f"{name}.dot"] = render_dot(view)
            files[f"{name}.flowchart.mmd"] = flowchart(view)
            files[f"{name}.journey.mmd"] = journey_diagram(view)
            files[f"{name}.md"] = render_report(doc, findings, canvas=f"{name}.canvas.svg")
            files[f"{name}.canvas.html"] = render_canvas(view, "html")
            files[f"{name}.canvas.svg"] = render_canvas(view, "svg")
        if folder == EXAMPLES:
            files["examples-index.md"] = render_index(docs, findings)
    files.update(observed_canvases())
    return files


def observed_canvases() -> dict[str, str]:
    """The canvas of docs/evidence.md's worked example with its Observed row, from the
    committed map and log."""
    from journeyctl.evidence.run import evidence_from_log

    (doc,) = load_docs(OBSERVED / "plumber.yaml")
    view = make_view(doc)
    view.evidence = evidence_from_log(doc.journey, OBSERVED / "events.csv")
    name = f"{doc.journey.id}.canvas"
    return {f"{name}.html": render_canvas(view, "html"), f"{name}.svg": render_canvas(view, "svg")}


def existing() -> list[Path]:
    return sorted(p for p in HERE.iterdir() if p.name.endswith((*SUFFIXES, "-index.md")))


def main() -> int:
    expected = goldens()
    for path in existing():
        if path.name not in expected:
            path.unlink()
            print(f"removed {path.name}")
    for name, text in sorted(expected.items()):
        _write(HERE / name, text.encode("utf-8"))
    _write(DOCS_REPORT, expected[f"{SHOWCASE}.md"].encode("utf-8"))
    _write(DOCS_CANVAS, expected[f"{SHOWCASE}.canvas.svg"].encode("utf-8"))
    if shutil.which("dot") is None:
        print(f"Graphviz 'dot' not found: {DOCS_SVG.name} not redrawn")
    else:
        (doc,) = [d for d in load_docs(EXAMPLES) if d.journey.id == SHOWCASE]
        _write(DOCS_SVG, run_dot(render_dot(make_view(doc), page=SHOWCASE_PAGE), "svg"))
    return 0


def _write(path: Path, data: bytes) -> None:
    old = path.read_bytes() if path.exists() else None
    if old != data:
        path.write_bytes(data)
        print(f"{'updated' if old is not None else 'created'} {path.relative_to(HERE.parents[1])}")


if __name__ == "__main__":
    sys.exit(main())
