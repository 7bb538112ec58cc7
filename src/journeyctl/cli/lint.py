"""``journeyctl lint``: validate maps and run the rules."""

from __future__ import annotations

from typing import Optional

import typer

from journeyctl.cli import common

FORMATS = ("text", "json")


def lint(
    paths: list[str] = typer.Argument(None, help="Files or folders (default: the workspace)."),
    output_format: Optional[str] = typer.Option(None, "--format", help=f"Output format: {', '.join(FORMATS)}."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to FILE."),
) -> int:
    """Validate journey maps and run the lint rules."""
    from journeyctl.linter import lint as run_lint
    from journeyctl.reporters import render
    from journeyctl.workspace import UsageError

    fmt = output_format or "text"
    if fmt not in FORMATS:
        raise common.Failure(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    config = common.load_config()
    try:
        result = run_lint(paths or [], config)
    except UsageError as exc:
        raise common.Failure(str(exc)) from None
    common.write_output(render(fmt, result), output)
    return 1 if result.fails(config.fail_on) else 0


def register(app: typer.Typer) -> None:
    app.command("lint")(lint)
