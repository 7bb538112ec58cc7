"""``journeyctl diff``: what changed between two versions of the maps, in journey terms."""

from __future__ import annotations

from typing import Optional

import typer

from journeyctl.cli import common


def diff(
    paths: list[str] = typer.Argument(
        None, metavar="PATHS",
        help="OLD and NEW: two files or folders. With --git: the files or folders to compare (default: the workspace).",
    ),
    git: Optional[str] = typer.Option(
        None, "--git", metavar="REV", help="Compare the working tree with REV, or two revisions: A..B (A...B from their merge base)."
    ),
    output_format: str = typer.Option("text", "--format", help="Output format: text, md or json."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to FILE."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit with 1 when there are changes."),
) -> int:
    """Show changes in journey terms: touchpoints, transitions, emotions, pain points, roadmap, lint findings."""
    from journeyctl.loading.config import ConfigError
    from journeyctl.loading.workspace import UsageError
    from journeyctl.review.diff.git import diff_git
    from journeyctl.review.diff.render import FORMATS, render
    from journeyctl.review.diff.sides import diff_paths

    if output_format not in FORMATS:
        raise common.Failure(f"unknown format {output_format!r} (expected one of {', '.join(FORMATS)})")
    paths = list(paths or [])
    if git is None and len(paths) != 2:
        raise common.Failure("diff needs OLD and NEW (two files or folders), or --git REV (see 'journeyctl diff --help')")
    try:
        if git is not None:
            result = diff_git(git, paths, common.load_config())
        else:
            (old_config, _), = common.configs_for(paths[:1])
            (new_config, _), = common.configs_for(paths[1:])
            result = diff_paths(paths[0], paths[1], old_config, new_config=new_config)
    except (UsageError, ConfigError) as exc:
        raise common.Failure(str(exc)) from None
    if not common.STATE.quiet or (output is not None and output != "-"):
        common.write_output(render(result, output_format), output)
    # Quiet as `git diff --quiet`: nothing printed, the exit code says whether anything changed.
    return 1 if (exit_code or common.STATE.quiet) and result.changed else 0


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)
