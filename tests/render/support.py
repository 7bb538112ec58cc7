"""Helpers for the renderer tests: loading maps, and running the real Graphviz ``dot``."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journeyctl.checks.linter import lint
from journeyctl.loading.config import Config
from journeyctl.loading.workspace import load_workspace
from journeyctl.model.document import JourneyDoc

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
MAPS = Path(__file__).resolve().parent / "maps"
HOSTILE = MAPS / "hostile-labels.yaml"
#: The date the date rules measure against in every renderer test.
TODAY = dt.date(2026, 12, 1)
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def root_of(path: Path) -> Path:
    """The workspace root for a map: ``examples/`` for the examples, else the map's folder."""
    path = path.resolve()
    if path == EXAMPLES or EXAMPLES in path.parents:
        return EXAMPLES
    return path if path.is_dir() else path.parent


def load_docs(*paths: Path) -> list[JourneyDoc]:
    """The valid journeys under ``paths``; fails the test when a map does not load."""
    workspace = load_workspace([str(p) for p in paths], Config(root=root_of(paths[0])), REPO)
    assert workspace.findings == []
    return list(workspace.docs())


def load_doc(path: Path) -> JourneyDoc:
    (doc,) = load_docs(path)
    return doc


def lint_findings(*paths: Path):
    """The lint findings of ``paths`` with the default configuration, on :data:`TODAY`."""
    return lint([str(p) for p in paths], Config(root=root_of(paths[0])), cwd=REPO, today=TODAY).findings


def write_map(folder: Path, text: str, name: str = "map.yaml") -> Path:
    """Write a map given as an indented string (``journeyctl: 1`` is added) into ``folder``."""
    path = folder / name
    path.write_text("journeyctl: 1\n" + textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def doc_from_text(folder: Path, text: str) -> JourneyDoc:
    return load_doc(write_map(folder, text))


def example_maps() -> list[Path]:
    """Every journey map under ``examples/`` (catalogs left out), sorted."""
    return sorted(
        p for p in EXAMPLES.rglob("*.y*ml")
        if p.suffix in (".yaml", ".yml") and "kind: catalog" not in p.read_text(encoding="utf-8")
    )


def require_dot() -> str:
    """The path of Graphviz ``dot``; skips the test without it (fails it under CI)."""
    dot = shutil.which("dot")
    if dot is None:
        reason = "Graphviz 'dot' is not installed; run `bash tests/setup-tools.sh`"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return dot


def run_dot(dot_text: str, fmt: str = "svg") -> bytes:
    completed = subprocess.run(
        [require_dot(), f"-T{fmt}"], input=dot_text.encode("utf-8"), capture_output=True, check=False
    )
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    assert b"Warning" not in completed.stderr and b"Error" not in completed.stderr, completed.stderr
    return completed.stdout


def svg_node_texts(svg: bytes) -> dict[str, str]:
    """Node id (the SVG ``<title>``) → the text drawn in the node, lines joined by spaces."""
    root = ET.fromstring(svg)
    texts = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "node":
            continue
        title = group.find(f"{SVG}title").text
        lines = ["".join(t.itertext()) for t in group.iter(f"{SVG}text")]
        texts[title] = normalise(" ".join(lines))
    return texts


def svg_edge_texts(svg: bytes) -> dict[str, str]:
    """Transition (``from->to``, the first line of its tooltip) → its label text, lines
    joined by spaces: a transition drawn in several stretches (through points in the
    columns on the way, or to and from numbered connectors) has its label on one."""
    root = ET.fromstring(svg)
    texts: dict[str, str] = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "edge":
            continue
        link = next((a for a in group.iter(f"{SVG}a") if a.get(f"{XLINK}title")), None)
        title = link.get(f"{XLINK}title").split("\n")[0] if link is not None else group.find(f"{SVG}title").text
        lines = ["".join(t.itertext()) for t in group.iter(f"{SVG}text")]
        text = normalise(" ".join(lines))
        texts[title] = normalise(f"{texts.get(title, '')} {text}")
    return texts


def normalise(text: str) -> str:
    """Whitespace collapsed: renderers wrap lines and trim, they must not change words."""
    return " ".join(text.split())


def plain_layout(dot_text: str) -> dict[str, tuple[float, float, float, float]]:
    """Node name → (x, y, width, height) from ``dot -Tplain`` (y grows upwards)."""
    import shlex

    out = run_dot(dot_text, "plain").decode("utf-8")
    layout = {}
    for line in out.splitlines():
        if line.startswith("node "):
            parts = shlex.split(line)
            layout[parts[1]] = tuple(float(v) for v in parts[2:6])
    return layout
