"""``report --format html``: the canvas, the flow diagram and the report in one page.

Self-contained like the canvas: no script, no network. The report's sections are the
Markdown report's own, turned into HTML here; the report writes only a small part of
Markdown (headings, paragraphs, tables, lists, bold, code spans, ``<br>``, backslash
escapes), so this reads exactly that part. Its Mermaid diagrams need a script to draw,
so they are left out: the flow diagram comes from Graphviz instead (a note says so when
``dot`` is not installed), and the canvas's *Feeling* row draws the emotion curves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from journeyctl.evidence.results import Evidence
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Finding
from journeyctl.outputs.canvas.html import STYLE, canvas_body
from journeyctl.outputs.canvas.layout import build_canvas
from journeyctl.outputs.render.report import render_report
from journeyctl.outputs.render.view import make_view
from journeyctl.text.escape import xml_text

REPORT_STYLE = """\
main.report { max-width: 1470px; margin-top: 32px; }
main.report h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #cbd2d9; padding-bottom: 4px; }
main.report h3 { font-size: 15px; margin: 18px 0 6px; }
main.report table { border-collapse: collapse; margin: 0 0 12px; }
main.report th, main.report td { border: 1px solid #d9e2ec; padding: 4px 8px; text-align: start; vertical-align: top; }
main.report thead th { background: #f0f4f8; }
main.report ul { margin: 0 0 10px; padding-inline-start: 22px; }
main.report code { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; background: #f0f4f8; padding: 0 3px; }
section.flow svg { max-width: 100%; height: auto; }
.missing { color: #8d2b0b; }
"""


def render_report_page(doc: JourneyDoc, findings: Iterable[Finding] = (), evidence: Evidence | None = None) -> str:
    """The HTML report of one journey: canvas, flow diagram and report sections (and,
    given an event log's ``evidence``, its overlay on the flow and its section)."""
    findings = list(findings)
    view = make_view(doc)
    view.evidence = evidence
    canvas = build_canvas(view)
    direction = "rtl" if canvas.rtl else "ltr"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{xml_text(canvas.language)}" dir="{direction}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="journeyctl">',
        f"<title>{xml_text(canvas.title)}</title>",
        f"<style>\n{STYLE}{REPORT_STYLE}</style>",
        "</head>",
        "<body>",
        canvas_body(canvas),
        _flow(doc, evidence, canvas.words),
        '<main class="report">',
        markdown_to_html(_without_diagrams(render_report(doc, findings, evidence=evidence))),
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def _flow(doc: JourneyDoc, evidence: Evidence | None, words: dict[str, str]) -> str:
    from journeyctl.outputs.render.dot import render_dot
    from journeyctl.outputs.render.graphviz_run import DotError, run_dot

    view = make_view(doc)
    view.evidence = evidence
    out = ['<section class="flow">', f"<h2>{xml_text(words['flow'])}</h2>"]
    try:
        svg = run_dot(render_dot(view), "svg").decode("utf-8")
    except DotError as exc:
        note = words["flow_left_out"].format(reason=str(exc).rstrip("."))
        out.append(f'<p class="missing">{xml_text(note)}</p>')
    else:
        # the SVG document without its XML declaration and DOCTYPE, inline in the page
        out.append(svg[svg.index("<svg"):])
    out.append("</section>")
    return "\n".join(out)


def _without_diagrams(markdown: str) -> str:
    """The report without its sections of Mermaid diagrams (the map and the emotion
    curves), whatever language their headings are in."""
    parts = re.split(r"(?m)^(?=## )", markdown)
    return "".join(p for p in parts if "```mermaid" not in p)


# -- the report's Markdown as HTML -------------------------------------------------

_INLINE = re.compile(r"\\(.)|<br>|\*\*|(`+)")


def inline(text: str) -> str:
    """One line of the report's Markdown as HTML: escapes, ``**bold**``, code spans, ``<br>``."""
    out: list[str] = []
    bold = False
    at = 0
    while at < len(text):
        match = _INLINE.search(text, at)
        if match is None:
            out.append(xml_text(text[at:]))
            break
        out.append(xml_text(text[at:match.start()]))
        token = match.group(0)
        at = match.end()
        if match.group(1) is not None:
            out.append(xml_text(match.group(1)))
        elif token == "<br>":
            out.append("<br>")
        elif token == "**":
            out.append("</strong>" if bold else "<strong>")
            bold = not bold
        else:
            fence = match.group(2)
            end = text.find(fence, at)
            if end == -1:
                out.append(xml_text(fence))
                continue
            code = text[at:end]
            if code.startswith(" ") and code.endswith(" ") and code.strip():
                code = code[1:-1]
            out.append(f"<code>{xml_text(code.replace(chr(92) + '|', '|'))}</code>")
            at = end + len(fence)
    if bold:
        out.append("</strong>")
    return "".join(out)


def _cells(line: str) -> list[str]:
    cells, current, escaped, in_code = [], "", False, False
    for ch in line.strip()[1:-1]:
        if ch == "|" and not escaped and not in_code:
            cells.append(current.strip())
            current = ""
            continue
        if ch == "`" and not escaped:
            in_code = not in_code
        escaped = ch == "\\" and not escaped
        current += ch
    cells.append(current.strip())
    return cells


def markdown_to_html(markdown: str) -> str:
    """The Markdown the report writes, as HTML (fenced blocks are left out)."""
    out: list[str] = []
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                i += 1
            i += 1
            continue
        heading = re.match(r"(#{1,6}) (.*)", line)
        if heading:
            level = len(heading.group(1))
            out.append(f"<h{level}>{inline(heading.group(2))}</h{level}>")
        elif line.startswith("| "):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(lines[i])
                i += 1
            head, body = _cells(rows[0]), [_cells(r) for r in rows[2:]]
            out.append("<table><thead><tr>" + "".join(f"<th>{inline(c)}</th>" for c in head) + "</tr></thead><tbody>")
            out += ["<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>" for row in body]
            out.append("</tbody></table>")
            continue
        elif line.startswith("- "):
            out.append("<ul>")
            while i < len(lines) and (lines[i].startswith("- ") or lines[i].startswith("  - ")):
                item = lines[i]
                if item.startswith("  - "):
                    out.append(f"<li class=\"sub\">{inline(item[4:])}</li>")
                else:
                    out.append(f"<li>{inline(item[2:])}</li>")
                i += 1
            out.append("</ul>")
            continue
        elif line.strip():
            out.append(f"<p>{inline(line)}</p>")
        i += 1
    return "\n".join(out) + "\n"
