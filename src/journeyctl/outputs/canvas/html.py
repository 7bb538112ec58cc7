"""The canvas as one self-contained HTML page.

No script, no network: the style sheet is inline and the emotion curve is inline SVG, so
the page reads the same with scripts off, offline, attached to an e-mail. It prints on
A3 landscape, one sheet per page, rows never split across pages. A right-to-left map
lays its columns out right to left (``dir="rtl"``), with numbers and ids in ``<bdi>``
so the bidirectional algorithm never reorders them.
"""

from __future__ import annotations

from journeyctl.outputs.canvas.curve import COLUMN_WIDTH, Curve
from journeyctl.outputs.canvas.layout import HEADER_WIDTH, Block, Canvas, Row, Sheet
from journeyctl.outputs.canvas.shapes import marker_path
from journeyctl.outputs.render.view import format_number
from journeyctl.text.escape import xml_text

STYLE = """\
@page { size: A3 landscape; margin: 10mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 24px; background: #fff; color: #1f2933;
  font: 13px/1.35 "DejaVu Sans", "Noto Sans", "Noto Sans Hebrew", "Noto Sans CJK SC", "Noto Color Emoji", sans-serif; }
header.canvas-head { margin: 0 0 16px; max-width: 1470px; }
h1 { font-size: 22px; font-weight: 600; margin: 0 0 4px; }
.subtitle { color: #52606d; margin: 0 0 6px; }
.description { margin: 0 0 8px; max-width: 70em; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; margin: 8px 0 0;
  padding: 0; list-style: none; color: #3e4c59; font-size: 12px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.legend svg { flex: none; }
.sheet { margin: 0 0 28px; }
.sheet + .sheet { break-before: page; }
table.canvas { table-layout: fixed; border-collapse: separate; border-spacing: 0; }
table.canvas col.head { width: %(head)dpx; }
table.canvas col.step { width: %(column)dpx; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { vertical-align: top; text-align: start; padding: 8px 10px; border-bottom: 1px solid #e4e7eb;
  overflow-wrap: anywhere; word-break: normal; }
td { border-inline-start: 1px solid #eef0f2; }
th[scope=row] { position: sticky; inset-inline-start: 0; z-index: 1; background: #f5f7fa; color: #323f4b;
  font-size: 12px; font-weight: 600; letter-spacing: .02em; border-inline-end: 2px solid #cbd2d9; }
th.stage { color: #fff; font-size: 13px; font-weight: 600; padding: 7px 10px; border-inline-start: 2px solid #fff; }
th.stage.odd { background: #334e68; }
th.stage.even { background: #486581; }
th.corner { background: #243b53; color: #fff; font-size: 12px; }
tr.lane-customer td { background: #fff; }
tr.lane-frontstage td { background: #f0f6fc; }
tr.lane-backstage td { background: #f4f1fa; }
tr.lane-support td { background: #f7f7f5; }
tr.lane-observed td { background: #eef7f5; }
tr.line th, tr.line td { padding: 2px 10px; font-size: 11px; font-weight: 400; font-style: italic;
  color: #616e7c; border-bottom: 2px dashed #9aa5b1; background: #fff; }
tr.feeling td { padding: 0; }
tr.feeling svg { display: block; }
p { margin: 0 0 4px; }
p:last-child { margin-bottom: 0; }
.title { font-weight: 600; }
.quote { font-style: italic; color: #3e4c59; }
.quote::before { content: "\\201C"; }
.quote::after { content: "\\201D"; }
.note { font-size: 11.5px; color: #52606d; }
.tag { display: inline-block; font-size: 11px; padding: 1px 7px; border-radius: 9px; background: #e4e7eb;
  color: #323f4b; margin-bottom: 4px; }
.mark { font-size: 12px; font-weight: 600; }
.branch { font-size: 12px; color: #243b53; }
.tone-critical { background: #7b1f1f; color: #fff; }
.tone-high { background: #c0392b; color: #fff; }
.tone-medium { background: #f0b429; color: #1f2933; }
.tone-low { background: #d9e2ec; color: #1f2933; }
.tone-must { background: #1f4e79; color: #fff; }
.tone-should { background: #4a7fb0; color: #fff; }
.tone-could { background: #c5d8ea; color: #102a43; }
.tone-wont { background: #e4e7eb; color: #52606d; }
.tone-sla { background: #fff3c4; color: #513c06; }
.tone-warning { background: #fde4d4; color: #8a3300; }
.mark.tone-entry { color: #0b6e4f; }
.mark.tone-decision { color: #8d2b0b; }
.mark.tone-success { color: #0b6e4f; }
.mark.tone-abandoned { color: #ab091e; }
.mark.tone-end { color: #3e4c59; }
.mark.tone-warning { background: none; color: #a84300; }
.branch.tone-external { font-weight: 600; color: #5c2a9d; }
@media print { body { margin: 0; } th[scope=row] { position: static; } }
""" % {"head": HEADER_WIDTH, "column": COLUMN_WIDTH}


def render_html(canvas: Canvas) -> str:
    """The canvas as a complete HTML document."""
    direction = "rtl" if canvas.rtl else "ltr"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{xml_text(canvas.language)}" dir="{direction}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="journeyctl">',
        f"<title>{xml_text(canvas.title)}</title>",
        f"<style>\n{STYLE}</style>",
        "</head>",
        "<body>",
        canvas_body(canvas),
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def canvas_body(canvas: Canvas) -> str:
    """The canvas's heading, legend and sheets, for a page of its own or a report."""
    out = ['<header class="canvas-head">', f"<h1>{xml_text(canvas.title)}</h1>",
           f'<p class="subtitle">{xml_text(canvas.subtitle)}</p>']
    if canvas.description:
        out.append(f'<p class="description">{xml_text(canvas.description)}</p>')
    if canvas.legend and canvas.sheets and canvas.sheets[0].curve is not None:
        out.append(f'<ul class="legend" aria-label="{xml_text(canvas.words["legend"])}">')
        for entry in canvas.legend:
            out.append(f"<li>{_legend_sample(entry.color, entry.marker, entry.dash)}"
                       f"<span>{xml_text(entry.label)}</span></li>")
        out.append("</ul>")
    out.append("</header>")
    for index, sheet in enumerate(canvas.sheets):
        out.append(_sheet(canvas, sheet, index))
    return "\n".join(out)


def _sheet(canvas: Canvas, sheet: Sheet, index: int) -> str:
    n = len(sheet.columns)
    out = [f'<section class="sheet" id="sheet-{index + 1}">',
           f'<table class="canvas" style="width:{sheet.width}px">',
           '<colgroup><col class="head">' + '<col class="step">' * n + "</colgroup>",
           "<thead>", "<tr>", f'<th scope="col" class="corner">{xml_text(canvas.words["stage"])}</th>']
    for stage in sheet.stages:
        parity = "odd" if stage.number % 2 else "even"
        # a stage begun on the sheet before is marked with an ellipsis, in every language
        name = ("… " if stage.continued else "") + xml_text(stage.name)
        out.append(f'<th scope="colgroup" colspan="{stage.count}" class="stage {parity}">'
                   f"<bdi>{stage.number}.</bdi> {name}</th>")
    out += ["</tr>", "</thead>", "<tbody>"]
    for row in sheet.rows:
        out.append(_row(canvas, sheet, row))
    out += ["</tbody>", "</table>", "</section>"]
    return "\n".join(out)


def _row(canvas: Canvas, sheet: Sheet, row: Row) -> str:
    n = len(sheet.columns)
    title = xml_text(row.title)
    if row.kind == "line":
        return f'<tr class="line" data-row="{row.key}"><th scope="row">{title}</th><td colspan="{n}"></td></tr>'
    if row.kind == "feeling":
        curve = sheet.curve
        return (f'<tr class="feeling" data-row="feeling"><th scope="row">{title}</th>'
                f'<td colspan="{n}">{curve_svg(curve, canvas.rtl, canvas.words)}</td></tr>')
    cells = "".join(
        f'<td data-touchpoint="{xml_text(cell.touchpoint or "")}">{_blocks(cell.blocks)}</td>\n'
        for cell in row.cells
    )
    return f'<tr class="lane-{row.lane}" data-row="{row.key}"><th scope="row">{title}</th>{cells}</tr>'


def _blocks(blocks: tuple[Block, ...]) -> str:
    # one paragraph a line: the cell's text content keeps a space between its paragraphs
    return "\n".join(_block(b) for b in blocks)


def _block(b: Block) -> str:
    classes = b.kind + (f" tone-{b.tone}" if b.tone else "")
    body = "".join(f"<bdi>{xml_text(s.text)}</bdi>" if s.isolated else xml_text(s.text) for s in b.spans)
    if b.kind == "tag":
        return f'<p><span class="{classes}">{body}</span></p>'
    return f'<p class="{classes}">{body}</p>'


def curve_svg(curve: Curve, rtl: bool, words: dict[str, str]) -> str:
    """The emotion curve as inline SVG, ``curve.width`` × ``curve.height`` pixels."""

    def x_of(x: float) -> float:
        return round(curve.width - x, 2) if rtl else x

    label = xml_text(words["feeling"])
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{curve.width:g}" height="{curve.height:g}" '
           f'viewBox="0 0 {curve.width:g} {curve.height:g}" role="img" aria-label="{label}">']
    for tick in curve.ticks:
        dash = "" if tick.y == curve.neutral_y else ' stroke-dasharray="1 4"'
        colour = "#7b8794" if tick.y == curve.neutral_y else "#cbd2d9"
        out.append(f'<line x1="0" y1="{tick.y:g}" x2="{curve.width:g}" y2="{tick.y:g}" stroke="{colour}" '
                   f'stroke-width="1"{dash}/>')
    # faint column boundaries, so each point reads against its touchpoint's column
    for boundary in range(COLUMN_WIDTH, int(curve.width), COLUMN_WIDTH):
        out.append(f'<line x1="{boundary}" y1="0" x2="{boundary}" y2="{curve.height:g}" stroke="#eef0f2" '
                   'stroke-width="1"/>')
    anchor = "end" if rtl else "start"
    for tick in curve.ticks:
        out.append(f'<text x="{x_of(4):g}" y="{tick.y - 3:g}" font-size="10" fill="#7b8794" '
                   f'text-anchor="{anchor}" direction="ltr">{xml_text(tick.label)}</text>')
    out.append(_series_svg(curve, x_of))
    out.append("</svg>")
    return "".join(out)


def _series_svg(curve: Curve, x_of) -> str:
    out = []
    for series in curve.series:
        points = [(x_of(p.x), p.y) for p in series.points]
        if len(points) > 1:
            dash = f' stroke-dasharray="{series.dash}"' if series.dash else ""
            coords = " ".join(f"{x:g},{y:g}" for x, y in points)
            out.append(f'<polyline points="{coords}" fill="none" stroke="{series.color}" stroke-width="2.5" '
                       f'stroke-linejoin="round"{dash}/>')
        for point, (x, y) in zip(series.points, points):
            out.append(f'<path d="{marker_path(series.marker, x, y)}" fill="{series.color}" stroke="#fff" '
                       f'stroke-width="1"><title>{xml_text(series.label)}: {xml_text(format_number(point.value))}'
                       "</title></path>")
    return "".join(out)


def _legend_sample(color: str, marker: str, dash: str) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="14" viewBox="0 0 40 14" aria-hidden="true">'
            f'<line x1="2" y1="7" x2="38" y2="7" stroke="{color}" stroke-width="2.5"{dash_attr}/>'
            f'<path d="{marker_path(marker, 20, 7)}" fill="{color}" stroke="#fff" stroke-width="1"/></svg>')
