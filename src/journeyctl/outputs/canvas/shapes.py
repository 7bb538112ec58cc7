"""The markers of the emotion curves, as SVG path data (one per persona's line)."""

from __future__ import annotations

#: Half the size of a marker, in pixels.
RADIUS = 5


def marker_path(marker: str, x: float, y: float, r: float = RADIUS) -> str:
    """SVG path data for ``marker`` centred on ``x``, ``y``."""

    def pt(dx: float, dy: float) -> str:
        return f"{round(x + dx, 2):g},{round(y + dy, 2):g}"

    if marker == "circle":
        return f"M{pt(-r, 0)}a{r:g},{r:g} 0 1,0 {2 * r:g},0a{r:g},{r:g} 0 1,0 {-2 * r:g},0Z"
    if marker == "square":
        s = r * 0.9
        return f"M{pt(-s, -s)}L{pt(s, -s)}L{pt(s, s)}L{pt(-s, s)}Z"
    if marker == "triangle":
        return f"M{pt(0, -r * 1.15)}L{pt(r * 1.1, r * 0.85)}L{pt(-r * 1.1, r * 0.85)}Z"
    if marker == "triangle-down":
        return f"M{pt(0, r * 1.15)}L{pt(r * 1.1, -r * 0.85)}L{pt(-r * 1.1, -r * 0.85)}Z"
    if marker == "diamond":
        return f"M{pt(0, -r * 1.25)}L{pt(r * 1.1, 0)}L{pt(0, r * 1.25)}L{pt(-r * 1.1, 0)}Z"
    if marker == "plus":
        a, b = r * 0.4, r * 1.1
        return (f"M{pt(-a, -b)}L{pt(a, -b)}L{pt(a, -a)}L{pt(b, -a)}L{pt(b, a)}L{pt(a, a)}L{pt(a, b)}"
                f"L{pt(-a, b)}L{pt(-a, a)}L{pt(-b, a)}L{pt(-b, -a)}L{pt(-a, -a)}Z")
    # cross: the plus turned by 45 degrees
    a, b = r * 0.35, r * 1.05
    return (f"M{pt(-b, -b + a)}L{pt(-b + a, -b)}L{pt(0, -a)}L{pt(b - a, -b)}L{pt(b, -b + a)}L{pt(a, 0)}"
            f"L{pt(b, b - a)}L{pt(b - a, b)}L{pt(0, a)}L{pt(-b + a, b)}L{pt(-b, b - a)}L{pt(-a, 0)}Z")
