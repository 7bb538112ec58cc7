"""Write the advance-width table the SVG canvas wraps its text with.

The SVG canvas names DejaVu Sans first in its ``font-family`` and wraps every text with
that font's real advance widths, so a line never runs out of its cell. This script reads
the widths out of the TrueType files (Debian's ``fonts-dejavu-core``: the ``head``,
``hhea``, ``hmtx`` and ``cmap`` tables, with the standard library alone) and writes them,
run-length encoded, to ``src/journeyctl/outputs/canvas/dejavu_widths.txt``. DejaVu's
licence (Bitstream Vera / public domain) allows redistributing the metrics.

Usage::

    python -m journeyctl.outputs.canvas.font_table [REGULAR.ttf BOLD.ttf]
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

FONTS = Path("/usr/share/fonts/truetype/dejavu")
TARGET = Path(__file__).resolve().parent / "dejavu_widths.txt"
#: Widths are stored in thousandths of an em.
UNITS = 1000


def tables(data: bytes) -> dict[str, bytes]:
    count = struct.unpack_from(">H", data, 4)[0]
    found = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        found[tag.decode("ascii")] = data[offset:offset + length]
    return found


def character_map(cmap: bytes) -> dict[int, int]:
    """Code point → glyph index, from the Unicode subtables (format 12, else format 4)."""
    count = struct.unpack_from(">H", cmap, 2)[0]
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * i)
        subtables[(platform, encoding)] = offset
    mapping: dict[int, int] = {}
    if (3, 10) in subtables:
        base = subtables[(3, 10)]
        groups = struct.unpack_from(">I", cmap, base + 12)[0]
        for g in range(groups):
            start, end, glyph = struct.unpack_from(">III", cmap, base + 16 + 12 * g)
            for code in range(start, end + 1):
                mapping[code] = glyph + code - start
        return mapping
    base = subtables[(3, 1)]
    segments = struct.unpack_from(">H", cmap, base + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", cmap, base + 14)
    starts = struct.unpack_from(f">{segments}H", cmap, base + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", cmap, base + 16 + 4 * segments)
    range_at = base + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", cmap, range_at)
    for s in range(segments):
        for code in range(starts[s], ends[s] + 1):
            if code == 0xFFFF:
                continue
            if offsets[s] == 0:
                glyph = (code + deltas[s]) & 0xFFFF
            else:
                at = range_at + 2 * s + offsets[s] + 2 * (code - starts[s])
                glyph = struct.unpack_from(">H", cmap, at)[0]
                glyph = (glyph + deltas[s]) & 0xFFFF if glyph else 0
            if glyph:
                mapping[code] = glyph
    return mapping


def widths(path: Path) -> dict[int, int]:
    """Code point → advance width in thousandths of an em."""
    found = tables(path.read_bytes())
    per_em = struct.unpack_from(">H", found["head"], 18)[0]
    metrics = struct.unpack_from(">H", found["hhea"], 34)[0]
    advances = [struct.unpack_from(">H", found["hmtx"], 4 * i)[0] for i in range(metrics)]
    result = {}
    for code, glyph in character_map(found["cmap"]).items():
        advance = advances[min(glyph, metrics - 1)]
        result[code] = round(advance * UNITS / per_em)
    return result


def runs(table: dict[int, int]) -> list[tuple[int, int, int]]:
    """(first, last, width) for every run of consecutive code points of one width."""
    out: list[list[int]] = []
    for code in sorted(table):
        width = table[code]
        if out and out[-1][1] == code - 1 and out[-1][2] == width:
            out[-1][1] = code
        else:
            out.append([code, code, width])
    return [tuple(r) for r in out]


def main(argv: list[str]) -> int:
    regular, bold = (Path(a) for a in argv) if argv else (FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf")
    lines = [
        "# DejaVu Sans advance widths, thousandths of an em: first last width (hex code points).",
        "# Written by python -m journeyctl.outputs.canvas.font_table; the fonts' licence allows redistributing them.",
    ]
    for name, path in (("regular", regular), ("bold", bold)):
        lines.append(f"[{name}]")
        lines += [f"{a:x} {b:x} {w}" if a != b else f"{a:x} {w}" for a, b, w in runs(widths(path))]
    TARGET.write_text("\n".join(lines) + "\n", encoding="ascii")
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
