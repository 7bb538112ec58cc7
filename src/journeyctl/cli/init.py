"""``journeyctl init``: scaffold a map repository."""

from __future__ import annotations

from pathlib import Path

import typer

from journeyctl.cli import common


def init(
    folder: str = typer.Argument(".", metavar="[DIR]", help="Where to create the repository (default: here)."),
    force: bool = typer.Option(
        False, "--force", help="Overwrite the files that already exist (without it, nothing is written then)."
    ),
) -> int:
    """Create journeyctl.toml, a catalog, a first map, a pre-commit config and CI workflows.

    When any of these files exists, nothing is written unless --force overwrites them.
    """
    from journeyctl.checks.linter import default_today
    from journeyctl.loading.config import ConfigError
    from journeyctl.loading.files import ExistingFiles, write_files
    from journeyctl.outputs.scaffold import scaffold

    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise common.Failure(f"{folder}: not a folder")
    try:
        files = scaffold(default_today())
    except ConfigError as exc:
        raise common.Failure(str(exc)) from None
    try:
        write_files(target, files.files, overwrite=force)
    except ExistingFiles as exc:
        raise common.Failure(
            f"{folder}: these files already exist, nothing was written (use --force to overwrite them): "
            f"{', '.join(exc.paths)}"
        ) from None
    except OSError as exc:
        raise common.Failure(f"{folder}: cannot write: {exc.strerror}") from None
    if not common.STATE.quiet:
        lines = [f"Created a journeyctl map repository in {folder}:"]
        lines += [f"  {name}" for name in files.files]
        lines += [
            "Next:",
            "  journeyctl lint                    check the maps",
            "  journeyctl fmt                     keep their layout canonical",
            "  pre-commit install                 lint and format before every commit",
            "  git config diff.journey.textconv \"journeyctl show --textconv\"",
            "  echo '*.yaml diff=journey' >> .gitattributes   git diff in journey terms",
        ]
        common.write_output("\n".join(lines) + "\n", None)
    return 0


def register(app: typer.Typer) -> None:
    app.command("init")(init)
