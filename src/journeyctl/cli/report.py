"""``journeyctl report``: a Markdown (or HTML) report per journey, and an index for several."""

from __future__ import annotations

from typing import Optional

import typer

from journeyctl.cli import common

FORMATS = ("md", "html")


def report(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Journey map files or folders."),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", metavar="OUT",
        help="Output file for one map (default: stdout), or the folder that gets <journey-id>.md per journey "
             "and index.md when reporting on a folder or several maps. A Markdown report written to a file "
             "gets its canvas beside it (<journey-id>.canvas.svg) and shows it. Files reported before are "
             "overwritten; nothing else in the folder is touched.",
    ),
    output_format: str = typer.Option(
        "md", "--format", metavar="FORMAT",
        help="md (GitHub-flavoured Markdown) or html (one self-contained page: the canvas, the flow diagram "
             "drawn by Graphviz when 'dot' is installed, and the report's sections).",
    ),
    evidence: Optional[str] = typer.Option(
        None, "--evidence", metavar="LOG",
        help="Add an evidence section: the map held against this event log (docs/evidence.md).",
    ),
    engine: Optional[str] = typer.Option(
        None, "--engine", metavar="URL", help="With --evidence: run its queries on this Ibis backend (default: DuckDB)."
    ),
) -> int:
    """Write a Markdown report per journey, readable on GitHub, or an HTML page.

    Canvas, personas, stages, emotion curve, pain points, handoffs, roadmap, paths,
    lint findings and metrics. A folder or several maps need -o DIR and get
    <journey-id>.md (or .html) each plus index.md. Date rules measure against today,
    or JOURNEYCTL_TODAY (YYYY-MM-DD) when it is set.
    """
    from pathlib import Path

    from journeyctl.cli.render import load_or_fail, output_folder, report_broken, show_progress
    from journeyctl.outputs.render.batch import OutputError, is_many, prepare_folder, progress, write_into
    from journeyctl.outputs.render.report import render_index, render_report

    if output_format not in FORMATS:
        raise common.Failure(f"--format: unknown format {output_format!r} (expected one of {', '.join(FORMATS)})")
    many = is_many(paths)
    if many and output is None:
        raise common.Failure("reporting on a folder or several maps writes one file per journey: give the folder with -o DIR")
    if evidence is not None:
        from journeyctl.cli.evidence_log import check_log

        check_log(evidence, engine, "--evidence")
    maps = load_or_fail(paths, with_lint=True)
    if not maps.docs and not maps.broken:
        raise common.Failure(f"no journey map found in {', '.join(paths)}")
    observed = {}
    if evidence is not None:
        from journeyctl.cli.evidence_log import add_evidence

        observed = {doc.journey.id: add_evidence(doc, evidence, engine) for doc in maps.docs}
        if None in observed.values():
            return 1
    folder = output_folder(output, many, "reporting on")
    if output_format == "html":
        return _html_reports(maps, folder, output, many, observed)
    try:
        if folder is not None:
            prepare_folder(folder)
            with progress(len(maps.docs), show_progress(), color=not common.STATE.no_color) as step:
                for doc in maps.docs:
                    canvas = _write_canvas(folder, doc)
                    write_into(folder, f"{doc.journey.id}.md", render_report(doc, maps.findings, canvas, observed.get(doc.journey.id)))
                    step(doc.journey.id)
            if many:
                write_into(folder, "index.md", render_index(maps.docs, maps.findings))
        else:
            for doc in maps.docs:
                canvas = None
                if output is not None and output != "-":
                    # the canvas goes beside the report, which links it
                    canvas = _write_canvas(Path(output).parent, doc)
                common.write_output(render_report(doc, maps.findings, canvas, observed.get(doc.journey.id)), output)
    except OutputError as exc:
        raise common.Failure(str(exc)) from None
    return report_broken(maps)


def _write_canvas(folder, doc) -> str:
    """Write the canvas SVG of ``doc`` into ``folder``; its file name, for the report's link."""
    from journeyctl.outputs.canvas import render_canvas
    from journeyctl.outputs.render.batch import write_into
    from journeyctl.outputs.render.view import make_view

    name = f"{doc.journey.id}.canvas.svg"
    write_into(folder, name, render_canvas(make_view(doc), "svg"))
    return name


def _html_reports(maps, folder, output: str | None, many: bool, observed: dict) -> int:
    """``report --format html``: one self-contained page per journey."""
    from journeyctl.cli.render import report_broken, show_progress
    from journeyctl.outputs.canvas.report_page import render_report_page
    from journeyctl.outputs.render.batch import OutputError, prepare_folder, progress, write_into

    try:
        if folder is not None:
            prepare_folder(folder)
            with progress(len(maps.docs), show_progress(), color=not common.STATE.no_color) as step:
                for doc in maps.docs:
                    write_into(folder, f"{doc.journey.id}.html", render_report_page(doc, maps.findings, observed.get(doc.journey.id)))
                    step(doc.journey.id)
        else:
            for doc in maps.docs:
                common.write_output(render_report_page(doc, maps.findings, observed.get(doc.journey.id)), output)
    except OutputError as exc:
        raise common.Failure(str(exc)) from None
    return report_broken(maps)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
