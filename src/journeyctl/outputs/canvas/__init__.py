"""The journey canvas: stages as columns, rows for what the customer does, thinks and
feels and what the organisation does behind the lines of the service blueprint.

:mod:`.layout` computes the canvas once (:mod:`.curve` its emotion curves); :mod:`.html`
and :mod:`.svg` draw it; :mod:`.chromium` turns the HTML into PNG or PDF;
:mod:`.report_page` is the HTML report.
"""

from __future__ import annotations

from journeyctl.outputs.canvas.layout import Canvas, build_canvas
from journeyctl.outputs.render.view import JourneyView

#: ``--to`` formats of the canvas.
CANVAS_FORMATS = ("html", "svg", "png", "pdf")


def render_canvas(view: JourneyView, to: str) -> str | bytes:
    """The canvas of ``view`` as ``html`` or ``svg`` text, or ``png`` or ``pdf`` bytes.

    PNG and PDF raise :class:`~journeyctl.outputs.canvas.chromium.ChromiumError` when
    Chromium is missing or fails.
    """
    canvas = build_canvas(view)
    if to == "svg":
        from journeyctl.outputs.canvas.svg import render_svg

        return render_svg(canvas)
    from journeyctl.outputs.canvas.html import render_html

    page = render_html(canvas)
    if to == "html":
        return page
    if to not in CANVAS_FORMATS:
        raise ValueError(f"unknown canvas format {to!r}")
    from journeyctl.outputs.canvas.chromium import print_page
    from journeyctl.outputs.canvas.svg import measure

    width, height = measure(canvas)
    return print_page(page, to, width, height)


__all__ = ["CANVAS_FORMATS", "Canvas", "build_canvas", "render_canvas"]
