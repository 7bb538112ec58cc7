"""``journeyctl paths``: every entry→end path of a journey, the longest and the worst."""

from __future__ import annotations

from typing import Optional

import typer

from journeyctl.cli import common

FORMATS = ("text", "json")


def paths(
    maps_paths: list[str] = typer.Argument(..., metavar="PATH", help="Journey map files or folders."),
    persona: Optional[str] = typer.Option(
        None, "--persona", metavar="ID", help="Only this persona's touchpoints (touchpoints without 'personas' are everyone's)."
    ),
    output_format: str = typer.Option("text", "--format", metavar="FORMAT", help="text or json."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    max_paths: int = typer.Option(
        1000, "--max-paths", min=1, metavar="N", help="Stop after N paths per journey (the output says so).",
    ),
) -> int:
    """List every path from an entry to an end; flag the longest and the worst.

    Each path: length, channel switches, handoffs, lowest and mean emotion.
    The worst path has the lowest mean emotion (then the lowest minimum).
    Paths visit a touchpoint at most once; the search stops after
    --max-paths paths (or 200,000 steps) and says so.
    """
    from journeyctl.analysis.paths import analyse_paths, format_text
    from journeyctl.cli.render import load_or_fail, report_broken, warn
    from journeyctl.outputs.render.view import UnknownPersona, make_view
    from journeyctl.text.strictjson import dumps

    if output_format not in FORMATS:
        raise common.Failure(f"--format: unknown format {output_format!r} (expected one of {', '.join(FORMATS)})")
    maps = load_or_fail(maps_paths, with_lint=False)
    reports = []
    for doc in maps.docs:
        try:
            view = make_view(doc, persona)
        except UnknownPersona as exc:
            if len(maps.docs) == 1:
                raise common.Failure(str(exc)) from None
            warn(f"skipped: {exc}")
            continue
        reports.append((doc, analyse_paths(view.graph, view.shown_ids, persona=persona, max_paths=max_paths)))
    if not reports and not maps.broken:
        raise common.Failure(f"no journey map found in {', '.join(maps_paths)}")
    if output_format == "json":
        document = {"version": 1, "journeys": [{"path": doc.path, **r.to_dict()} for doc, r in reports]}
        text = dumps(document, indent=2) + "\n"
    else:
        text = format_text([r for _, r in reports]) if reports else ""
    common.write_output(text, output)
    return report_broken(maps)


def register(app: typer.Typer) -> None:
    app.command("paths")(paths)
