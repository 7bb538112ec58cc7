"""``journeyctl rename``: rename an id in its definition and everywhere it is used."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from journeyctl.cli import common

KIND_HELP = "stage, channel, team, persona, touchpoint, journey, pain-point or roadmap-item."


def rename(
    kind: str = typer.Argument(..., metavar="KIND", help=f"What the id names: {KIND_HELP}"),
    old: str = typer.Argument(..., metavar="OLD", help="The id as it is."),
    new: str = typer.Argument(..., metavar="NEW", help="The new id."),
    paths: list[str] = typer.Argument(None, metavar="PATH", help="Files or folders (default: the workspace)."),
    journey: Optional[str] = typer.Option(
        None, "--journey", metavar="ID",
        help="The journey whose stage, touchpoint, pain point or roadmap item is meant.",
    ),
    diff: bool = typer.Option(
        False, "--diff", help="Write nothing; print a unified diff of the changes (exit 1 if any).",
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Write nothing; list the files and places that would change.",
    ),
) -> int:
    """Rename an id everywhere: its definition, references, cross-journey links and catalogs (all files or none)."""
    from journeyctl.loading.config import ConfigError
    from journeyctl.loading.workspace import UsageError
    from journeyctl.review.fixes import rename as renaming
    from journeyctl.review.fixes.rename import RenameError
    from journeyctl.text.wording import counted

    groups = common.configs_for(paths or [])
    if len(groups) != 1:
        raise common.Failure("rename works in one workspace at a time: give paths of one workspace")
    config, group = groups[0]
    try:
        plan = renaming.plan_rename(group, config, kind, old, new, journey=journey)
    except (ConfigError, UsageError, RenameError) as exc:
        raise common.Failure(str(exc)) from None
    files = plan.files
    for where in plan.unreadable:
        print(
            f"journeyctl: warning: {common.visible(where)}: not renamed: the file is not valid YAML, "
            f"so the places in it that name {old!r} cannot be found",
            file=sys.stderr,
        )
    places = sum(len(f.edits) for f in files)
    if diff:
        common.write_output("".join(f.diff(common.diff_names(f.location, f.path)) for f in files), None)
        return 1 if files else 0
    if dry_run:
        for file in files:
            print(f"{common.visible(file.path)}: {counted(len(file.edits), 'place')}")
        return 0
    try:
        renaming.write_all(files)
    except renaming.NotWritten as exc:
        raise common.Failure(str(exc)) from None
    if not common.STATE.quiet:
        done = f"{counted(places, 'place')} in {counted(len(files), 'file')}"
        print(f"Renamed {kind} {old!r} to {new!r}: {done}", file=sys.stderr)
    return 0


def register(app: typer.Typer) -> None:
    app.command("rename")(rename)
