"""``journeyctl evidence``: a journey map held against an event log (docs/evidence.md)."""

from __future__ import annotations

from typing import Optional

import typer

from journeyctl.cli import common

COLUMN_HELP = "The log's column holding the {what} (default: found by its common names)."


def evidence(
    map_path: str = typer.Argument(..., metavar="MAP", help="The journey map file."),
    events: str = typer.Option(
        ..., "--events", metavar="LOG", help="The event log: CSV, Parquet, JSON Lines or XES (.xes, .xes.gz)."
    ),
    output_format: str = typer.Option("text", "--format", metavar="FORMAT", help="text, json or md."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    engine: Optional[str] = typer.Option(
        None, "--engine", metavar="URL", help="Run the queries on this Ibis backend (default: DuckDB in-process)."
    ),
    case: Optional[str] = typer.Option(None, "--case", metavar="COLUMN", help=COLUMN_HELP.format(what="case id")),
    activity: Optional[str] = typer.Option(
        None, "--activity", metavar="COLUMN", help=COLUMN_HELP.format(what="activity name")
    ),
    timestamp: Optional[str] = typer.Option(
        None, "--timestamp", metavar="COLUMN", help=COLUMN_HELP.format(what="timestamp")
    ),
    channel: Optional[str] = typer.Option(
        None, "--channel", metavar="COLUMN", help=COLUMN_HELP.format(what="channel (optional)")
    ),
) -> int:
    """Hold a journey map against an event log of what customers did.

    Counts cases, visits and drop-offs per touchpoint; observed transitions
    with their durations against handoff SLAs, mapped or undocumented;
    mapped transitions nobody takes; activities no touchpoint claims; and
    the share of cases the map explains (fitness). A touchpoint's 'events'
    field names the activities that are evidence of it.
    """
    from journeyctl.cli.evidence_log import check_log, evidence_of
    from journeyctl.cli.render import load_or_fail, report_broken
    from journeyctl.evidence.results import EvidenceError
    from journeyctl.outputs.evidence import FORMATS, formatter

    write = formatter(output_format)
    if write is None:
        raise common.Failure(f"--format: unknown format {output_format!r} (expected one of {', '.join(FORMATS)})")
    check_log(events, engine)
    maps = load_or_fail([map_path], with_lint=False)
    if maps.broken:
        return report_broken(maps)
    if len(maps.docs) != 1:
        found = "no journey map" if not maps.docs else f"{len(maps.docs)} journey maps"
        raise common.Failure(f"{map_path}: evidence takes one journey map file, found {found}")
    (doc,) = maps.docs
    from journeyctl.evidence.logs import LogColumns

    columns = LogColumns(case=case, activity=activity, timestamp=timestamp, channel=channel)
    try:
        result = evidence_of(doc, events, engine, columns)
    except EvidenceError as exc:
        common.error(f"{doc.path}: {exc}")
        return 1
    if output_format == "md":
        # a document about the map, like the report: in the map's language (text is terminal
        # output and stays English, like lint and the command line's messages)
        from journeyctl.text.words import words_for

        common.write_output(write(result, events, words=words_for(doc.journey.language)), output)
    else:
        common.write_output(write(result, events), output)
    return 0


def register(app: typer.Typer) -> None:
    app.command("evidence")(evidence)
