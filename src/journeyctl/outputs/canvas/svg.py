"""The canvas as one standalone SVG that GitHub shows as an image.

No script, no ``foreignObject``, no external reference: text is laid out here, line by
line, with DejaVu Sans's real advance widths (:mod:`.metrics`), so it never runs out of
its cell; the font is named first in ``font-family``, with fallbacks for the scripts it
lacks. Every cell is a ``<g class="cell">`` whose first ``<rect>`` is its box. A
right-to-left canvas is mirrored: its header column and first stage are on the right.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeyctl.outputs.canvas.curve import COLUMN_WIDTH, Curve
from journeyctl.outputs.canvas.layout import HEADER_WIDTH, Block, Canvas, Row, Sheet
from journeyctl.outputs.canvas.metrics import text_width, wrap
from journeyctl.outputs.canvas.shapes import marker_path
from journeyctl.text.escape import xml_text

FONT_FAMILY = (
    "'DejaVu Sans', 'Noto Sans', 'Noto Sans Hebrew', 'Noto Sans CJK SC', 'Noto Color Emoji', sans-serif"
)
MARGIN = 24
PAD_X = 10
PAD_Y = 8
BLOCK_GAP = 4
SHEET_GAP = 28
STAGE_HEIGHT = 32
LINE_ROW_HEIGHT = 22
#: The widest a persona's name in the legend gets before it wraps.
LEGEND_LABEL_WIDTH = 360
#: The first strong isolate and the pop directional isolate: numbers and ids keep their order.
FSI, PDI = "\u2068", "\u2069"


@dataclass(frozen=True, slots=True)
class Style:
    size: float
    leading: float
    bold: bool = False
    italic: bool = False
    color: str = "#1f2933"


STYLES: dict[str, Style] = {
    "title": Style(13, 17, bold=True),
    "text": Style(12.5, 16),
    "quote": Style(12.5, 16, italic=True, color="#3e4c59"),
    "note": Style(11, 14, color="#52606d"),
    "tag": Style(11, 14, color="#323f4b"),
    "mark": Style(12, 16, bold=True),
    "branch": Style(12, 16, color="#243b53"),
    "header": Style(12, 16, bold=True, color="#323f4b"),
    "stage": Style(13, 17, bold=True, color="#ffffff"),
    "line": Style(11, 14, italic=True, color="#616e7c"),
}
#: Tag fills and text colours by tone (severities, MoSCoW priorities, SLA, what the log warns of).
TAG_COLORS: dict[str | None, tuple[str, str]] = {
    None: ("#e4e7eb", "#323f4b"),
    "critical": ("#7b1f1f", "#ffffff"),
    "high": ("#c0392b", "#ffffff"),
    "medium": ("#f0b429", "#1f2933"),
    "low": ("#d9e2ec", "#1f2933"),
    "must": ("#1f4e79", "#ffffff"),
    "should": ("#4a7fb0", "#ffffff"),
    "could": ("#c5d8ea", "#102a43"),
    "wont": ("#e4e7eb", "#52606d"),
    "sla": ("#fff3c4", "#513c06"),
    "warning": ("#fde4d4", "#8a3300"),
}
MARK_COLORS = {
    "entry": "#0b6e4f", "decision": "#8d2b0b", "success": "#0b6e4f", "abandoned": "#ab091e",
    "end": "#3e4c59", "external": "#5c2a9d", "warning": "#a84300",
}
LANE_FILLS = {"customer": "#ffffff", "frontstage": "#f0f6fc", "backstage": "#f4f1fa", "support": "#f7f7f5",
              "observed": "#eef7f5"}
TAG_PAD = 7
INNER = COLUMN_WIDTH - 2 * PAD_X


def render_svg(canvas: Canvas) -> str:
    """The canvas as a complete SVG document."""
    return _Drawing(canvas).draw()


def measure(canvas: Canvas) -> tuple[float, float]:
    """The width and height of the canvas's SVG (and, closely, of its HTML page)."""
    drawing = _Drawing(canvas)
    drawing.draw()
    return drawing.width, drawing.height


def _isolated_text(block: Block) -> str:
    return "".join(f"{FSI}{s.text}{PDI}" if s.isolated else s.text for s in block.spans)


def _balance(lines: list[str]) -> list[str]:
    """Close an isolate a line break cut, and reopen it on the next line."""
    out = []
    carry = False
    for line in lines:
        if carry:
            line = FSI + line
        opened = line.count(FSI) - line.count(PDI)
        carry = opened > 0
        out.append(line + PDI * max(opened, 0))
    return out


def _block_lines(block: Block, width: float) -> list[str]:
    style = STYLES[block.kind]
    text = " ".join(_isolated_text(block).split())
    if block.kind == "quote":
        text = f"“{text}”"
    if block.kind == "tag":
        width -= 2 * TAG_PAD
    return _balance(wrap(text, width, style.size, style.bold))


def _stage_label(stage) -> str:
    """``2. Book``; ``2. … Book`` on the sheet after the one the stage began on."""
    return f"{FSI}{stage.number}.{PDI} " + ("… " if stage.continued else "") + stage.name


class _Drawing:
    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.rtl = canvas.rtl
        self.out: list[str] = []
        self.width = canvas.width + 2 * MARGIN
        self.height = 0.0

    # -- coordinates ---------------------------------------------------------------

    def x_of(self, sheet_width: float, d: float) -> float:
        """Absolute x of the point ``d`` pixels from the start edge of a sheet."""
        return round(MARGIN + (sheet_width - d if self.rtl else d), 2)

    def span(self, sheet_width: float, d0: float, d1: float) -> tuple[float, float]:
        """Absolute x and width of the band from ``d0`` to ``d1`` from the start edge."""
        a, b = self.x_of(sheet_width, d0), self.x_of(sheet_width, d1)
        return min(a, b), abs(b - a)

    # -- drawing -------------------------------------------------------------------

    def draw(self) -> str:
        self.out = []
        y = self.heading(MARGIN)
        for index, sheet in enumerate(self.canvas.sheets):
            if index:
                y += SHEET_GAP
            y = self.sheet(sheet, y)
        self.height = round(y + MARGIN, 2)
        direction = "rtl" if self.rtl else "ltr"
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width:g}" height="{self.height:g}" '
            f'viewBox="0 0 {self.width:g} {self.height:g}" font-family="{FONT_FAMILY}" direction="{direction}" '
            f'role="img" aria-label="{xml_text(self.canvas.title)}">\n'
            f"<title>{xml_text(self.canvas.title)}</title>\n"
            f'<rect x="0" y="0" width="{self.width:g}" height="{self.height:g}" fill="#ffffff"/>\n'
        )
        return head + "\n".join(self.out) + "\n</svg>\n"

    def text(self, line: str, x: float, y: float, style: Style, color: str | None = None) -> None:
        attrs = f'font-size="{style.size:g}" fill="{color or style.color}"'
        if style.bold:
            attrs += ' font-weight="bold"'
        if style.italic:
            attrs += ' font-style="italic"'
        # text-anchor start is the right end of a right-to-left line: the cell's start side
        self.out.append(f'<text x="{x:g}" y="{round(y, 2):g}" {attrs} text-anchor="start">{xml_text(line)}</text>')

    def paragraph(self, lines: list[str], x0: float, width: float, y: float, style: Style,
                  color: str | None = None) -> float:
        """Lines of text in the band ``x0``…``x0 + width``, from the start side; the y below them."""
        x = x0 + width if self.rtl else x0
        for line in lines:
            y += style.leading
            self.text(line, x, y - (style.leading - style.size) / 2 - style.size * 0.2, style, color)
        return y

    def heading(self, y: float) -> float:
        canvas = self.canvas
        width = canvas.width
        title = Style(22, 28, bold=True)
        y = self.paragraph(wrap(canvas.title, width, 22, True), MARGIN, width, y, title)
        subtitle = Style(13, 18, color="#52606d")
        y = self.paragraph(wrap(canvas.subtitle, width, 13), MARGIN, width, y, subtitle)
        if canvas.description:
            y = self.paragraph(wrap(canvas.description, min(width, 900), 13), MARGIN, min(width, 900), y,
                               Style(13, 18)) + 2
        if canvas.legend and canvas.sheets and canvas.sheets[0].curve is not None:
            y = self.legend(y + 6)
        return y + 14

    def legend(self, y: float) -> float:
        """One sample line and label per persona, wrapped into rows as wide as the canvas."""
        style = Style(12, 16, color="#3e4c59")
        width = self.canvas.width
        d = 0.0
        row_y, row_height = y, 20.0
        for entry in self.canvas.legend:
            lines = wrap(entry.label, LEGEND_LABEL_WIDTH, 12) or [""]
            label_width = max(text_width(line, 12) for line in lines) + 1
            needed = 46 + label_width + 18
            if d and d + needed > width:
                d, row_y, row_height = 0.0, row_y + row_height, 20.0
            row_height = max(row_height, len(lines) * style.leading + 4)
            x, _ = self.span(width, d, d + 40)
            sample_y = row_y + 9
            dash = f' stroke-dasharray="{entry.dash}"' if entry.dash else ""
            self.out.append(f'<line x1="{x + 2:g}" y1="{sample_y:g}" x2="{x + 38:g}" y2="{sample_y:g}" '
                            f'stroke="{entry.color}" stroke-width="2.5"{dash}/>')
            self.out.append(f'<path d="{marker_path(entry.marker, x + 20, sample_y)}" fill="{entry.color}" '
                            f'stroke="#ffffff" stroke-width="1"/>')
            lx, lw = self.span(width, d + 46, d + 46 + label_width)
            self.paragraph(lines, lx, lw, row_y - 1, style)
            d += needed
        return row_y + row_height

    def sheet(self, sheet: Sheet, y: float) -> float:
        width = sheet.width
        self.out.append(f'<g class="sheet">')
        # the stage band: as tall as its longest stage name needs, for every stage
        labels = [(stage, _balance(self.stage_lines(stage))) for stage in sheet.stages]
        band = max([STAGE_HEIGHT] + [len(lines) * STYLES["stage"].leading + 2 * PAD_Y - 2 for _, lines in labels])
        x, w = self.span(width, 0, HEADER_WIDTH)
        self.out.append(f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{band:g}" fill="#243b53"/>')
        self.paragraph(wrap(self.canvas.words["stage"], HEADER_WIDTH - 2 * PAD_X, 12, True), x + PAD_X,
                       w - 2 * PAD_X, y + 7, Style(12, 16, bold=True, color="#ffffff"))
        for stage, lines in labels:
            d0 = HEADER_WIDTH + stage.first * COLUMN_WIDTH
            x, w = self.span(width, d0, d0 + stage.count * COLUMN_WIDTH)
            fill = "#334e68" if stage.number % 2 else "#486581"
            self.out.append(f'<g class="cell stage"><rect x="{x + 1:g}" y="{y:g}" width="{w - 2:g}" '
                            f'height="{band:g}" fill="{fill}"/>')
            self.paragraph(lines, x + PAD_X, w - 2 * PAD_X, y + 7, STYLES["stage"])
            self.out.append("</g>")
        y += band
        for row in sheet.rows:
            y = self.row(sheet, row, y)
        self.out.append("</g>")
        return y

    @staticmethod
    def stage_lines(stage) -> list[str]:
        return wrap(_stage_label(stage), stage.count * COLUMN_WIDTH - 2 * PAD_X - 4, 13, True)

    def row(self, sheet: Sheet, row: Row, y: float) -> float:
        width = sheet.width
        if row.kind == "line":
            x, w = self.span(width, 0, width)
            self.out.append(f'<g class="cell line"><rect x="{x:g}" y="{y:g}" width="{w:g}" '
                            f'height="{LINE_ROW_HEIGHT}" fill="#ffffff"/>')
            hx, hw = self.span(width, 0, width)
            self.paragraph(wrap(row.title, width - 2 * PAD_X, 11)[:1], hx + PAD_X, hw - 2 * PAD_X, y + 2,
                           STYLES["line"])
            bottom = y + LINE_ROW_HEIGHT - 1
            self.out.append(f'<line x1="{x:g}" y1="{bottom:g}" x2="{x + w:g}" y2="{bottom:g}" stroke="#9aa5b1" '
                            f'stroke-width="2" stroke-dasharray="6 4"/></g>')
            return y + LINE_ROW_HEIGHT
        header = wrap(row.title, HEADER_WIDTH - 2 * PAD_X, 12, True)
        height = len(header) * STYLES["header"].leading + 2 * PAD_Y
        if row.kind == "feeling":
            height = max(height, sheet.curve.height)
        else:
            laid = [self.cell_lines(cell.blocks) for cell in row.cells]
            for blocks in laid:
                height = max(height, self.cell_height(blocks))
        hx, hw = self.span(width, 0, HEADER_WIDTH)
        self.out.append(f'<g class="cell header"><rect x="{hx:g}" y="{y:g}" width="{hw:g}" height="{height:g}" '
                        f'fill="#f5f7fa"/>')
        self.paragraph(header, hx + PAD_X, hw - 2 * PAD_X, y + PAD_Y, STYLES["header"])
        self.out.append("</g>")
        if row.kind == "feeling":
            self.curve(sheet, sheet.curve, y, height)
        else:
            fill = LANE_FILLS.get(row.lane or "", "#ffffff")
            for index, (cell, blocks) in enumerate(zip(row.cells, laid)):
                d0 = HEADER_WIDTH + index * COLUMN_WIDTH
                cx, cw = self.span(width, d0, d0 + COLUMN_WIDTH)
                self.out.append(f'<g class="cell" data-row="{row.key}" data-touchpoint="{xml_text(cell.touchpoint or "")}">'
                                f'<rect x="{cx:g}" y="{y:g}" width="{cw:g}" height="{height:g}" fill="{fill}" '
                                f'stroke="#e4e7eb" stroke-width="1"/>')
                self.cell(blocks, cx + PAD_X, y + PAD_Y)
                self.out.append("</g>")
        return y + height

    def cell_lines(self, blocks: tuple[Block, ...]) -> list[tuple[Block, list[str]]]:
        return [(b, _block_lines(b, INNER)) for b in blocks]

    @staticmethod
    def cell_height(laid: list[tuple[Block, list[str]]]) -> float:
        if not laid:
            return 0
        total = sum(len(lines) * STYLES[b.kind].leading + (4 if b.kind == "tag" else 0) for b, lines in laid)
        return total + BLOCK_GAP * (len(laid) - 1) + 2 * PAD_Y

    def cell(self, laid: list[tuple[Block, list[str]]], x: float, y: float) -> None:
        for index, (block, lines) in enumerate(laid):
            if index:
                y += BLOCK_GAP
            style = STYLES[block.kind]
            if block.kind == "tag":
                fill, color = TAG_COLORS.get(block.tone, TAG_COLORS[None])
                widest = max((text_width(line, style.size) for line in lines), default=0)
                pill = min(INNER, widest + 2 * TAG_PAD)
                px = x + INNER - pill if self.rtl else x
                height = len(lines) * style.leading + 4
                self.out.append(f'<rect x="{round(px, 2):g}" y="{round(y, 2):g}" width="{round(pill, 2):g}" '
                                f'height="{height:g}" rx="7" fill="{fill}"/>')
                self.paragraph(lines, x + TAG_PAD if not self.rtl else x, INNER - TAG_PAD, y + 2, style, color)
                y += height
                continue
            color = MARK_COLORS.get(block.tone or "") if block.kind in ("mark", "branch") else None
            y = self.paragraph(lines, x, INNER, y, style, color)

    def curve(self, sheet: Sheet, curve: Curve, y: float, height: float) -> None:
        width = sheet.width
        top = y + (height - curve.height) / 2
        x, w = self.span(width, HEADER_WIDTH, width)
        self.out.append(f'<g class="curve"><rect x="{x:g}" y="{y:g}" width="{w:g}" height="{height:g}" '
                        f'fill="#ffffff" stroke="#e4e7eb" stroke-width="1"/>')

        def at(px: float) -> float:
            return self.x_of(width, HEADER_WIDTH + px)

        for boundary in range(COLUMN_WIDTH, int(curve.width), COLUMN_WIDTH):
            bx = at(boundary)
            self.out.append(f'<line x1="{bx:g}" y1="{y:g}" x2="{bx:g}" y2="{y + height:g}" stroke="#eef0f2" '
                            'stroke-width="1"/>')
        for tick in curve.ticks:
            neutral = tick.y == curve.neutral_y
            dash = "" if neutral else ' stroke-dasharray="1 4"'
            ty = round(top + tick.y, 2)
            self.out.append(f'<line x1="{x:g}" y1="{ty:g}" x2="{x + w:g}" y2="{ty:g}" '
                            f'stroke="{"#7b8794" if neutral else "#cbd2d9"}" stroke-width="1"{dash}/>')
            label_x = at(4)
            anchor = "end" if self.rtl else "start"
            self.out.append(f'<text x="{label_x:g}" y="{ty - 3:g}" font-size="10" fill="#7b8794" '
                            f'text-anchor="{anchor}" direction="ltr">{xml_text(tick.label)}</text>')
        for series in curve.series:
            points = [(at(p.x), round(top + p.y, 2)) for p in series.points]
            if len(points) > 1:
                dash = f' stroke-dasharray="{series.dash}"' if series.dash else ""
                coords = " ".join(f"{px:g},{py:g}" for px, py in points)
                self.out.append(f'<polyline points="{coords}" fill="none" stroke="{series.color}" '
                                f'stroke-width="2.5" stroke-linejoin="round"{dash}/>')
            for px, py in points:
                self.out.append(f'<path d="{marker_path(series.marker, px, py)}" fill="{series.color}" '
                                f'stroke="#ffffff" stroke-width="1"/>')
        self.out.append("</g>")
