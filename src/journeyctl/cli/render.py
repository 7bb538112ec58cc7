"""``journeyctl render``: Graphviz and Mermaid diagrams, and the journey canvas, of journey maps."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from journeyctl.cli import common

TO_HELP = (
    "dot, svg, png, pdf or mermaid (default: the -o FILE's extension, .svg .png .pdf .dot .gv .mmd "
    ".mermaid .md; otherwise svg). svg, png and pdf need Graphviz's 'dot'; dot and mermaid need nothing."
)
MERMAID_HELP = (
    "With --to mermaid: 'flowchart' (default) draws the whole map, 'journey' draws Mermaid's "
    "journey diagram (customer and frontstage touchpoints; the emotion scale maps linearly onto "
    "scores 1-5, halves round up, no emotion scores as neutral; an emotion per persona gives a task line "
    "per score), "
    "'both' writes a Markdown file with the two diagrams in mermaid code blocks (.md instead of .mmd). "
    "-o FILE.md writes Markdown with the chosen diagrams in mermaid code blocks."
)
VIEW_HELP = (
    "flow (the default): the journey as a graph, drawn by Graphviz or Mermaid. canvas: the journey map "
    "stakeholders read, stages as columns and rows for doing, thinking, feeling, pain points, opportunities "
    "and the service blueprint's lanes; --to html (the default), svg, png or pdf (png and pdf need Chromium)."
)
OUTPUT_HELP = (
    "Output file for one map (default: stdout), or the folder that gets one file per journey "
    "(<journey-id>.<format>) when rendering a folder or several maps. Files rendered before are "
    "overwritten; nothing else in the folder is touched."
)


EVIDENCE_HELP = (
    "Draw what this event log shows (docs/evidence.md): edges as wide as their traffic, undocumented "
    "transitions dashed, drop-offs on touchpoints; on the canvas, an Observed row (cases, drop-offs, "
    "channels used, handoff times against their SLA). Needs 'pip install journeyctl[evidence]'."
)
ENGINE_HELP = "With --evidence: run its queries on this Ibis backend (default: DuckDB in-process)."


def render(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Journey map files or folders."),
    to: Optional[str] = typer.Option(None, "--to", metavar="FORMAT", help=TO_HELP),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="OUT", help=OUTPUT_HELP),
    persona: Optional[str] = typer.Option(
        None, "--persona", metavar="ID",
        help="Show only this persona's touchpoints (touchpoints without 'personas' are everyone's).",
    ),
    highlight_findings: bool = typer.Option(
        False, "--highlight-findings", help="Outline stages, touchpoints and transitions with lint findings, coloured by severity."
    ),
    mermaid: str = typer.Option("flowchart", "--mermaid", metavar="DIAGRAM", help=MERMAID_HELP),
    view_name: Optional[str] = typer.Option(None, "--view", metavar="VIEW", help=VIEW_HELP),
    evidence: Optional[str] = typer.Option(None, "--evidence", metavar="LOG", help=EVIDENCE_HELP),
    engine: Optional[str] = typer.Option(None, "--engine", metavar="URL", help=ENGINE_HELP),
    direction: str = typer.Option(
        "LR", "--direction", metavar="LR|TB",
        help="The flow view's stages left to right, lanes as rows (LR, default), or top to bottom, lanes as columns (TB).",
    ),
    page: Optional[str] = typer.Option(
        None, "--page", metavar="a4|a3|slide",
        help="Wrap a long journey's flow view into rows of stages that fit the page: A4 or A3 (landscape "
             "with LR, upright with TB) or a 16:9 slide. dot, svg, png and pdf only.",
    ),
) -> int:
    """Draw journey maps as Graphviz (DOT, SVG, PNG, PDF) or Mermaid diagrams, or as a canvas.

    One map without -o goes to stdout (SVG, PNG and PDF only when stdout is not a terminal).
    One map with -o FILE is drawn in the format FILE's extension names.
    A folder or several maps need -o DIR and get one file per journey.
    """
    from journeyctl.outputs.render import FORMATS, MARKDOWN_SUFFIX, render as render_view, suffix
    from journeyctl.outputs.render.batch import OutputError, is_many, prepare_folder, progress, write_into
    from journeyctl.outputs.render.graphviz_run import DotError
    from journeyctl.outputs.render.mermaid import DIAGRAMS

    if view_name == "canvas" or (view_name is None and (to == "html" or _names_html(output))):
        if highlight_findings:
            raise common.Failure("--highlight-findings outlines the flow view's elements: drop it, or use --view flow")
        return render_canvas(paths, to, output, persona, evidence, engine)
    if view_name not in (None, "flow"):
        raise common.Failure(f"--view: unknown view {view_name!r} (expected flow or canvas)")
    if to is not None and to not in FORMATS:
        raise common.Failure(f"--to: unknown format {to!r} (expected one of {', '.join(FORMATS)})")
    from journeyctl.outputs.render.layout import DIRECTIONS, PAGES

    if direction not in DIRECTIONS:
        raise common.Failure(f"--direction: unknown direction {direction!r} (expected LR or TB)")
    if page is not None and page not in PAGES:
        raise common.Failure(f"--page: unknown page {page!r} (expected one of {', '.join(PAGES)})")
    if mermaid not in DIAGRAMS:
        raise common.Failure(f"--mermaid: unknown diagram {mermaid!r} (expected one of {', '.join(DIAGRAMS)})")
    many = is_many(paths)
    if many and output is None:
        raise common.Failure("rendering a folder or several maps writes one file per journey: give the folder with -o DIR")
    folder = output_folder(output, many, "rendering")
    to_stdout = folder is None and (output is None or output == "-")
    output_file = None if folder is not None or to_stdout else output
    to = output_format(to, output_file, mermaid)
    markdown = output_file is not None and Path(output_file).suffix.lower() == MARKDOWN_SUFFIX
    if to_stdout and to in TERMINAL_REFUSED and sys.stdout.isatty():
        raise common.Failure(f"refusing to write {to.upper()} to a terminal: give a file with -o FILE")
    if evidence is not None:
        from journeyctl.cli.evidence_log import check_log

        if to == "mermaid":
            raise common.Failure("--evidence draws on Graphviz diagrams: give --to dot, svg, png or pdf")
        check_log(evidence, engine, "--evidence")
    maps = load_or_fail(paths, with_lint=highlight_findings)
    views, contradicted = _views(maps, paths, persona, many, evidence, engine, maps.findings)
    try:
        if folder is not None:
            prepare_folder(folder)
            with progress(len(views), show_progress(), color=not common.STATE.no_color) as step:
                for view in views:
                    content = render_view(
                        view, to, mermaid=mermaid, highlight_findings=highlight_findings,
                        direction=direction, page=page,
                    )
                    write_into(folder, view.journey.id + suffix(to, mermaid), content)
                    step(view.journey.id)
        else:
            for view in views:
                content = render_view(
                    view, to, mermaid=mermaid, highlight_findings=highlight_findings, markdown=markdown,
                    direction=direction, page=page,
                )
                common.write_output(content, output)
    except (DotError, OutputError) as exc:
        raise common.Failure(str(exc)) from None
    return max(report_broken(maps), int(contradicted))


def _names_html(output: str | None) -> bool:
    return output is not None and CANVAS_SUFFIXES.get(Path(output).suffix.lower()) == "html"


#: File suffixes that name a canvas format; .svg, .png and .pdf name the flow view's unless --view canvas.
CANVAS_SUFFIXES = {".html": "html", ".htm": "html", ".svg": "svg", ".png": "png", ".pdf": "pdf"}


def render_canvas(
    paths: list[str], to: str | None, output: str | None, persona: str | None,
    evidence: str | None = None, engine: str | None = None,
) -> int:
    """``render --view canvas``: the canvas of each map, as html, svg, png or pdf (with
    ``evidence``, an event log, its *Observed* row)."""
    from journeyctl.outputs.canvas import CANVAS_FORMATS, render_canvas as draw
    from journeyctl.outputs.canvas.chromium import ChromiumError
    from journeyctl.outputs.render.batch import OutputError, is_many, prepare_folder, progress, write_into

    if to is not None and to not in CANVAS_FORMATS:
        raise common.Failure(f"--to: the canvas is drawn as {', '.join(CANVAS_FORMATS)}, not {to!r}")
    many = is_many(paths)
    if many and output is None:
        raise common.Failure("rendering a folder or several maps writes one file per journey: give the folder with -o DIR")
    if many and output is not None and not output.endswith(("/", os.sep)) and not Path(output).is_dir() \
            and Path(output).suffix.lower() in CANVAS_SUFFIXES:
        raise common.Failure(
            f"-o {output}: rendering a folder or several maps writes one file per journey into a folder, "
            f"but {Path(output).suffix!r} names a file: give a folder (-o DIR)"
        )
    folder = output_folder(output, many, "rendering")
    to_stdout = folder is None and (output is None or output == "-")
    if not to_stdout and folder is None:
        named = CANVAS_SUFFIXES.get(Path(output).suffix.lower())
        if to is None and named is None:
            raise common.Failure(f"-o {output}: name the file .html, .svg, .png or .pdf, or give --to")
        if to is not None and named is not None and named != to:
            raise common.Failure(f"--to {to} contradicts -o {output}: drop --to or change the extension")
        to = to or named
    to = to or "html"
    if to_stdout and to in TERMINAL_REFUSED and sys.stdout.isatty():
        raise common.Failure(f"refusing to write {to.upper()} to a terminal: give a file with -o FILE")
    if evidence is not None:
        from journeyctl.cli.evidence_log import check_log

        check_log(evidence, engine, "--evidence")
    maps = load_or_fail(paths, with_lint=False)
    views, contradicted = _views(maps, paths, persona, many, evidence, engine)
    try:
        if folder is not None:
            prepare_folder(folder)
            with progress(len(views), show_progress(), color=not common.STATE.no_color) as step:
                for view in views:
                    write_into(folder, f"{view.journey.id}.{to}", draw(view, to))
                    step(view.journey.id)
        else:
            for view in views:
                common.write_output(draw(view, to), output)
    except (ChromiumError, OutputError) as exc:
        raise common.Failure(str(exc)) from None
    return max(report_broken(maps), int(contradicted))


def _views(maps, paths: list[str], persona: str | None, many: bool, evidence: str | None, engine: str | None,
           findings=()) -> tuple[list, bool]:
    """What is drawn of each loaded map, with the event log's evidence when one is given,
    and whether the log contradicted a map (such a map is left out)."""
    from journeyctl.outputs.render.view import UnknownPersona, make_view

    views = []
    contradicted = False
    for doc in maps.docs:
        try:
            view = make_view(doc, persona, findings)
        except UnknownPersona as exc:
            if not many:
                raise common.Failure(str(exc)) from None
            warn(f"skipped: {exc}")
            continue
        if evidence is not None:
            from journeyctl.cli.evidence_log import add_evidence

            view.evidence = add_evidence(doc, evidence, engine)
            if view.evidence is None:
                contradicted = True
                continue
        views.append(view)
    if not views and not maps.broken:
        raise common.Failure(_nothing_to_render(paths, persona))
    return views, contradicted


#: Formats never written to a terminal: a screenful of markup or binary is of no use there.
TERMINAL_REFUSED = frozenset({"svg", "png", "pdf", "html"})


def output_format(to: str | None, output_file: str | None, mermaid: str = "flowchart") -> str:
    """The format to draw: ``--to``, or the one ``output_file``'s extension names, or svg.

    An explicit ``--to`` that contradicts the extension, or an extension that names no
    format without ``--to``, is a :class:`~common.Failure`. ``.md`` names Mermaid in
    Markdown (fenced diagrams); with ``--mermaid both`` (always Markdown) ``.mmd`` is refused.
    """
    from journeyctl.outputs.render import MARKDOWN_SUFFIX, format_of

    if output_file is None:
        return to or "svg"
    named = format_of(output_file)
    extension = Path(output_file).suffix
    if mermaid == "both" and named == "mermaid" and extension.lower() != MARKDOWN_SUFFIX:
        raise common.Failure(f"-o {output_file}: --mermaid both writes Markdown: name the file .md")
    if to is None:
        if named is None and extension:
            raise common.Failure(
                f"-o {output_file}: the extension {extension!r} names no format: give --to dot, svg, png, pdf "
                "or mermaid, or name the file .svg, .png, .pdf, .dot, .mmd, or .md (Markdown with the Mermaid "
                "diagrams of --mermaid flowchart, journey or both in code blocks)"
            )
        return named or "svg"
    if named is not None and named != to:
        raise common.Failure(
            f"--to {to} contradicts -o {output_file}, which names {named}: drop --to or change the extension"
        )
    return to


def load_or_fail(paths: list[str], *, with_lint: bool):
    """The maps under ``paths`` (linted with ``with_lint``), or :class:`~common.Failure`."""
    from journeyctl.cli.maps import load_maps
    from journeyctl.loading.config import ConfigError
    from journeyctl.loading.workspace import UsageError

    groups = common.configs_for(paths)
    try:
        return load_maps(paths, groups, with_lint=with_lint)
    except (ConfigError, UsageError) as exc:
        raise common.Failure(str(exc)) from None


def output_folder(output: str | None, many: bool, doing: str) -> Path | None:
    """The folder to write one file per journey into, or None for a single output file.

    One map goes into a folder too when -o names an existing folder or ends with ``/``.
    Several maps with -o naming a file by its extension (``many.png``, ``all.md``) that is
    no existing folder are a :class:`~common.Failure`: a folder of that name would surprise.
    """
    from journeyctl.outputs.render import format_of

    if output is None or output == "-":
        return None
    path = Path(output)
    folder_named = path.is_dir() or output.endswith(("/", os.sep))
    if many and not folder_named and format_of(output) is not None:
        raise common.Failure(
            f"-o {output}: {doing} a folder or several maps writes one file per journey into a folder, "
            f"but {path.suffix!r} names a file: give a folder (-o DIR)"
        )
    if many or folder_named:
        return path
    return None


def _nothing_to_render(paths: list[str], persona: str | None) -> str:
    where = ", ".join(paths)
    if persona is not None:
        return f"no journey map in {where} has the persona {persona!r}"
    return f"no journey map found in {where}"


def warn(message: str) -> None:
    """``journeyctl: warning: message`` on stderr, unless --quiet."""
    if not common.STATE.quiet:
        print(f"journeyctl: warning: {' '.join(message.split())}", file=sys.stderr)


def show_progress() -> bool:
    return sys.stderr.isatty() and not common.STATE.quiet


def report_broken(maps) -> int:
    """Print the findings of maps that could not be rendered on stderr; 1 if there were any."""
    if not maps.broken:
        return 0
    from journeyctl.outputs.render.batch import broken_report

    sys.stdout.flush()
    sys.stderr.write(broken_report(maps))
    sys.stderr.flush()
    return 1


def register(app: typer.Typer) -> None:
    app.command("render")(render)
