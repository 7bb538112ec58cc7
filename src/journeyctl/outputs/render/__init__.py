"""Renderers: Graphviz (DOT, and SVG/PNG/PDF through ``dot``), Mermaid and Markdown reports.

Every renderer reads a journey through :class:`~journeyctl.outputs.render.view.JourneyView` and
writes map text only through :mod:`journeyctl.text.escape`. Output is deterministic:
the same map gives the same bytes (no clock, no dictionary order, no file paths).
"""

from __future__ import annotations

from journeyctl.outputs.render.view import JourneyView

#: ``--to`` formats, the file suffix of each, and whether it is binary.
FORMATS: dict[str, str] = {"dot": ".dot", "svg": ".svg", "png": ".png", "pdf": ".pdf", "mermaid": ".mmd"}
BINARY_FORMATS = frozenset({"png", "pdf"})


#: File suffixes (lower case) that name a ``--to`` format: each format's own, and common aliases.
SUFFIX_FORMATS: dict[str, str] = {
    **{ext: to for to, ext in FORMATS.items()}, ".gv": "dot", ".mermaid": "mermaid", ".md": "mermaid",
}
#: The suffix of a Markdown file: Mermaid diagrams in fenced code blocks, which GitHub draws.
MARKDOWN_SUFFIX = ".md"


def format_of(name: str) -> str | None:
    """The ``--to`` format a file name's suffix names (``x.PNG`` → ``png``), or None."""
    from pathlib import PurePath

    return SUFFIX_FORMATS.get(PurePath(name).suffix.lower())


def suffix(to: str, mermaid: str = "flowchart") -> str:
    """The file suffix for ``--to`` (and ``--mermaid``): ``both`` Mermaid diagrams make Markdown."""
    if to == "mermaid" and mermaid == "both":
        return ".md"
    return FORMATS[to]


def render(
    view: JourneyView, to: str, *, mermaid: str = "flowchart", highlight_findings: bool = False,
    markdown: bool = False, direction: str = "LR", page: str | None = None,
) -> str | bytes:
    """The journey in format ``to``: text for dot, svg and mermaid; bytes for png and pdf.

    ``direction`` (``LR`` or ``TB``) is the way the stages follow each other, and ``page``
    (``a4``, ``a3``, ``slide``, Graphviz only) wraps the stages into rows that fit it.
    ``markdown`` (for a ``.md`` file) puts the Mermaid diagrams in fenced code blocks of a
    Markdown document, as ``mermaid="both"`` always does.

    Raises :class:`~journeyctl.outputs.render.graphviz_run.DotError` when svg/png/pdf need Graphviz and it
    is missing or fails, or the journey is too large for it to lay out in seconds.
    """
    if to == "mermaid":
        from journeyctl.outputs.render.mermaid import render_mermaid

        return render_mermaid(
            view, mermaid, highlight_findings=highlight_findings, markdown=markdown, direction=direction
        )
    from journeyctl.outputs.render.dot import render_dot
    from journeyctl.outputs.render.graphviz_run import run_dot
    from journeyctl.outputs.render.layout import check_layout_size

    dot_text = render_dot(view, highlight_findings=highlight_findings, direction=direction, page=page)
    if to == "dot":
        return dot_text
    if to not in FORMATS:
        raise ValueError(f"unknown format {to!r}")
    check_layout_size(view, dot_text)
    output = run_dot(dot_text, to)
    return output.decode("utf-8") if to == "svg" else output
