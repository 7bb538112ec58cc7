"""Headless Chromium for the canvas tests: the page's DOM after a check script ran, and PDFs.

The checks run inside the browser (``check_canvas.js``) on the real layout, and write what
they found into the page; ``chromium --headless --dump-dom`` hands the page back. No
DevTools connection and no dependency beyond Chromium itself.
"""

from __future__ import annotations

import html as html_text
import json
import re
import subprocess
from pathlib import Path

import pytest

from journeyctl.outputs.canvas.chromium import base_command, chromium_executable
from journeyctl.outputs.render.view import JourneyView
from journeyctl.text.escape import clean

HERE = Path(__file__).resolve().parent
#: A3 landscape in PostScript points (420 mm × 297 mm).
A3_LANDSCAPE = (1190.55, 841.89)


def chromium() -> str:
    found = chromium_executable()
    if found is None:
        pytest.skip("Chromium is not installed (tests/setup-tools.sh installs it)")
    return found


def expected_texts(view: JourneyView) -> list[dict[str, str]]:
    """What must be visible in each touchpoint's cells: name, action, thought, pain
    points and the roadmap items that address it."""
    pains = {p.id: tp.id for tp in view.journey.touchpoints for p in tp.pain_points}
    texts = []
    for tp in view.touchpoints:
        wanted = [tp.name, tp.action, tp.thought] + [p.summary for p in tp.pain_points]
        wanted += [item.title for item in view.journey.roadmap
                   if tp.id in item.addresses or any(pains.get(a) == tp.id for a in item.addresses)]
        for text in wanted:
            if text:
                for line in clean(text).split("\n"):
                    if line.strip():
                        texts.append({"touchpoint": tp.id, "text": " ".join(line.split())})
    return texts


def check_page(folder: Path, html: str, svg: str | None, texts: list[dict[str, str]]) -> dict:
    """Load ``html`` (with ``svg`` inline and as an ``<img>``) in Chromium, run the checks;
    returns ``{"problems": [...], "facts": {...}}``."""
    expected = json.dumps({"texts": texts}).replace("</", "<\\/")
    extra = [f'<script type="application/json" id="expected">{expected}</script>']
    if svg is not None:
        (folder / "canvas.svg").write_text(svg, encoding="utf-8")
        extra.append(f'<div id="inline">{svg}</div>')
        extra.append('<img id="as-image" src="canvas.svg" alt="">')
    extra.append(f"<script>{(HERE / 'check_canvas.js').read_text(encoding='utf-8')}</script>")
    page = html.replace("</body>", "\n".join(extra) + "\n</body>")
    source = folder / "page.html"
    source.write_text(page, encoding="utf-8")
    command = base_command(chromium(), folder / "profile") + [
        "--window-size=1600,1200", "--virtual-time-budget=10000", "--dump-dom", source.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, timeout=180, stdin=subprocess.DEVNULL)
    dom = done.stdout.decode("utf-8")
    found = re.search(r'<pre id="canvas-check">(.*?)</pre>', dom, re.S)
    assert found, f"the check script wrote nothing: {done.stderr.decode('utf-8', 'replace')[-2000:]}"
    return json.loads(html_text.unescape(found.group(1)))


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """The width and height in points of every page of a PDF Chromium wrote."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    return [(float(w), float(h)) for w, h in boxes]
