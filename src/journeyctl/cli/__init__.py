"""The command line: a thin layer that parses options and calls the library.

Every command lives in its own module under ``journeyctl.cli`` and imports what it needs
inside its function, so ``journeyctl --help`` stays instant.
"""

from __future__ import annotations

import os
import sys

import typer

try:  # recent typer releases vendor click
    from typer import _click as click
except ImportError:  # pragma: no cover - older typer depends on click itself
    import click

from journeyctl import __version__
from journeyctl.cli import common

app = typer.Typer(
    name="journeyctl",
    help="Customer journey maps as version-controlled YAML: lint, render, report, format and diff them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"journeyctl {__version__}")
        raise typer.Exit(0)


@app.callback()
def _global(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
    config: str = typer.Option(None, "--config", metavar="FILE", help="Use this configuration file instead of the nearest one."),
    no_color: bool = typer.Option(False, "--no-color", help="Never colour the output (also: NO_COLOR=1)."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Print only findings and errors."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback for internal errors."),
) -> None:
    common.STATE.config = config
    common.STATE.no_color = no_color or bool(os.environ.get("NO_COLOR"))
    common.STATE.quiet = quiet
    common.STATE.debug = debug


def _register() -> None:
    from journeyctl.cli import diff, fmt, import_, init, lint, paths, render, report, rules, schema, show

    for module in (diff, fmt, import_, init, lint, paths, render, report, rules, schema, show):
        module.register(app)


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``journeyctl`` script: run a command and exit with its code."""
    code = run(argv)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        os._exit(2)  # the reader went away; the interpreter would only report it again
    except (OSError, ValueError):
        sys.exit(code)  # the interpreter reports the failed write as it always has
    # Nothing is left to do, so the interpreter is not torn down: its final garbage
    # collection and the freeing of every module and object took a sixth of a short run.
    os._exit(code)


def run(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` and return the exit code (0, 1 or 2)."""
    command = typer.main.get_command(app)
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        # Invoked directly rather than through typer's main(), which would end the run on its
        # own terms: exit code 130 for Ctrl-C, 1 when the output pipe closes.
        with command.make_context("journeyctl", args) as ctx:
            result = command.invoke(ctx)
    except typer.Exit as exc:
        return exc.exit_code
    except click.exceptions.NoArgsIsHelpError as exc:
        print(exc.format_message(), file=sys.stderr)
        return 2
    except click.exceptions.UsageError as exc:
        command_name = exc.ctx.command_path if exc.ctx is not None else "journeyctl"
        common.error(f"{exc.format_message()} (see '{command_name} --help')")
        return 2
    except click.exceptions.ClickException as exc:
        common.error(exc.format_message())
        return 2
    except (typer.Abort, KeyboardInterrupt):
        common.error("interrupted")
        return 2
    except BrokenPipeError:
        # `journeyctl lint | head`: the reader stopped reading; the rest cannot be written.
        common.error("the output was closed before all of it was written")
        return 2
    except common.Failure as exc:
        common.error(str(exc))
        return 2
    except OSError as exc:  # the system refused (a full disk…): not a bug, no traceback to offer
        common.error(f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror or str(exc))
        return 2
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, exit 2
        if common.STATE.debug:
            raise
        common.error(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
        return 2
    return result if isinstance(result, int) else 0
