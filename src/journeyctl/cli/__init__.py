"""The command line: a thin layer that parses options and calls the library.

Every command lives in its own module under ``journeyctl.cli`` and imports what it needs
inside its function, so ``journeyctl --help`` stays instant; a run registers only the
module of the command it runs (:data:`COMMANDS`).
"""

from __future__ import annotations

import os
import sys

from journeyctl.cli.quick import APP_HELP, CONFIG_HELP, NO_COLOR_HELP, QUIET_HELP

#: Each command and the module that registers it (``register(app)``), in the order help
#: lists them: adding a command is one line here. A run imports the module of the
#: command it runs; help and shell completion import them all.
COMMANDS = {
    "clean": "journeyctl.cli.clean",
    "diff": "journeyctl.cli.diff",
    "evidence": "journeyctl.cli.evidence",
    "fmt": "journeyctl.cli.fmt",
    "import": "journeyctl.cli.import_",
    "init": "journeyctl.cli.init",
    "lint": "journeyctl.cli.lint",
    "lsp": "journeyctl.cli.lsp",
    "paths": "journeyctl.cli.paths",
    "rename": "journeyctl.cli.rename",
    "render": "journeyctl.cli.render",
    "report": "journeyctl.cli.report",
    "rules": "journeyctl.cli.rules",
    "rule": "journeyctl.cli.rules",
    "schema": "journeyctl.cli.schema",
    "show": "journeyctl.cli.show",
}


def _version(value: bool) -> None:
    import typer

    from journeyctl import __version__

    if value:
        typer.echo(f"journeyctl {__version__}")
        raise typer.Exit(0)


# The help texts of the global options live with the quick help, which writes them too.


def _global_callback():
    """The callback of the global options (typer is imported when a command line is built)."""
    import typer

    from journeyctl.cli import common

    def _global(
        version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
        config: str = typer.Option(None, "--config", metavar="FILE", help=CONFIG_HELP),
        no_color: bool = typer.Option(False, "--no-color", help=NO_COLOR_HELP),
        quiet: bool = typer.Option(False, "-q", "--quiet", help=QUIET_HELP),
        debug: bool = typer.Option(False, "--debug", help="Show a traceback for internal errors."),
    ) -> None:
        common.STATE.config = config
        common.STATE.no_color = no_color or bool(os.environ.get("NO_COLOR"))
        common.STATE.quiet = quiet
        common.STATE.debug = debug

    return _global


def _with_global_options(callback):
    """``callback`` taking ``--config``, ``--no-color`` and ``-q`` too, so that they work after
    the command name (``journeyctl lint -q``) and show in its help; given there, they add to
    (or, for ``--config``, replace) what was given before it."""
    import functools
    import inspect
    from typing import Optional

    import typer

    from journeyctl.cli import common

    @functools.wraps(callback)
    def command(*args, config=None, no_color=False, quiet=False, **kwargs):
        if config is not None:
            common.STATE.config = config
        common.STATE.no_color = common.STATE.no_color or no_color
        common.STATE.quiet = common.STATE.quiet or quiet
        return callback(*args, **kwargs)

    signature = inspect.signature(callback)
    options = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
        for name, default, annotation in (
            ("config", typer.Option(None, "--config", metavar="FILE", help=CONFIG_HELP), Optional[str]),
            ("no_color", typer.Option(False, "--no-color", help=NO_COLOR_HELP), bool),
            ("quiet", typer.Option(False, "-q", "--quiet", help=QUIET_HELP), bool),
        )
    ]
    command.takes_global_options = True
    command.__signature__ = signature.replace(parameters=[*signature.parameters.values(), *options])
    command.__annotations__ = {**callback.__annotations__, **{p.name: p.annotation for p in options}}
    return command


def _new_app(args: list[str]):
    """The command line with the commands ``args`` may run: the one it names, or all of
    them when it names none (help, a mistyped command, completion)."""
    import importlib

    import typer

    app = typer.Typer(
        name="journeyctl",
        help=APP_HELP,
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_global_callback())
    name = _command_name(args)
    modules = [COMMANDS[name]] if name in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for module in modules:
        importlib.import_module(module).register(app)
    groups = [app]
    while groups:
        group = groups.pop()
        for info in group.registered_commands:
            # a sub-app built when its module was imported keeps its commands across runs
            if not getattr(info.callback, "takes_global_options", False):
                info.callback = _with_global_options(info.callback)
        groups.extend(sub.typer_instance for sub in group.registered_groups)
    return app


#: The global options that take a value: what follows them is not the command's name.
_VALUED = {"--config"}


def _command_name(args: list[str]) -> str | None:
    """The command ``args`` run (the first word that is not a global option), or None."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return arg
    return None


def _tidy_help(command) -> None:
    """Show a list argument as ``PATH...`` in help, not ``PATH <list[str]>``, and a required
    one as ``PATH...`` in the usage line, not ``{PATH}...``."""
    for sub in getattr(command, "commands", {}).values():
        _tidy_help(sub)
        for param in sub.params:
            if param.param_type_name != "argument":
                continue
            name = param.metavar or param.name.upper()
            shown = f"{name}..." if param.nargs != 1 and not name.endswith("...") else name
            usage = shown if param.required or name.startswith("[") else f"[{name}]{shown[len(name):]}"
            param.display_type_rich = lambda ctx: None
            param._rich_display_name = lambda shown=shown: shown
            param._usage_display_name = lambda usage=usage: usage
            # Older Typer releases build help without Rich, through click's own methods.
            param.get_usage_pieces = lambda ctx, usage=usage: [usage]
            param.get_help_record = _named_help_record(param.get_help_record, shown)


def _named_help_record(help_record, shown: str):
    def named(ctx):
        record = help_record(ctx)
        return None if record is None else (shown, record[1])

    return named


def _command(args: list[str]):
    """The click command of the command line, with the commands ``args`` may run."""
    import typer
    command = typer.main.get_command(_new_app(args))
    _tidy_help(command)
    return command


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
    args = sys.argv[1:] if argv is None else list(argv)
    if os.environ.get(COMPLETE_VAR):
        return _complete(_command([]))
    if args in (["--help"], ["-h"], ["--version"]):
        # The commonest runs without a command are answered without building the command line.
        from journeyctl.cli.quick import answer

        try:
            return answer(args[0])
        except (KeyboardInterrupt, Exception) as exc:  # noqa: BLE001 - told as the full path tells it
            return _failed_output(exc)
    from journeyctl.cli import common

    _without_pydantic_plugins()
    call = _quick_lint(args)
    if call is None:
        import typer

        try:  # recent typer releases vendor click
            from typer import _click as click
        except ImportError:  # pragma: no cover - older typer depends on click itself
            import click

        command = _command(args)
        exit_, abort, errors = typer.Exit, typer.Abort, click.exceptions

        def call():
            # Invoked directly rather than through typer's main(), which would end the run on
            # its own terms: exit code 130 for Ctrl-C, 1 when the output pipe closes.
            with command.make_context("journeyctl", args) as ctx:
                return command.invoke(ctx)
    else:
        # A plain lint runs without typer: what only typer raises cannot happen.
        exit_ = abort = _Never
        errors = _NoClick
    try:
        result = call()
    except exit_ as exc:
        return exc.exit_code
    except SystemExit as exc:  # --install-completion and --show-completion end this way
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    except errors.NoArgsIsHelpError as exc:
        print(exc.format_message(), file=sys.stderr)
        return 2
    except errors.UsageError as exc:
        command_name = exc.ctx.command_path if exc.ctx is not None else "journeyctl"
        common.error(f"{exc.format_message()} (see '{command_name} --help')")
        return 2
    except errors.ClickException as exc:
        common.error(exc.format_message())
        return 2
    except (abort, KeyboardInterrupt):
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


def _without_pydantic_plugins() -> None:
    """Tell pydantic, in journeyctl's own process, that no plugin is installed.

    Pydantic asks its plugin loader for plugins each time it builds a validator; the first
    time, the loader imports ``importlib.metadata`` and reads the entry points of every
    installed distribution: a tenth of the time of a one-map lint. journeyctl uses no
    plugin. ``PYDANTIC_DISABLE_PLUGINS`` would skip the reading but not the import, and
    would pass on to every program journeyctl starts; a loader that finds no plugin does
    neither. A loader already imported (journeyctl used as a library) is left alone.
    """
    name = "pydantic.plugin._loader"
    if name not in sys.modules:
        import types

        loader = types.ModuleType(name, "Pydantic's plugin loader, as journeyctl runs it: no plugins.")
        loader.get_plugins = tuple

        def real(attribute: str):
            # Anything else a pydantic release asks of its loader comes from the real one
            # (not what the import system looks up on every module, such as __path__).
            if attribute.startswith("__"):
                raise AttributeError(attribute)
            import importlib

            del sys.modules[name]
            return getattr(importlib.import_module(name), attribute)

        loader.__getattr__ = real
        sys.modules[name] = loader


class _Never(Exception):
    """An exception nothing raises: what a run without typer catches in place of typer's."""


class _NoClick:
    """The click exceptions a run without typer catches: none can be raised."""

    NoArgsIsHelpError = UsageError = ClickException = _Never


def _quick_lint(args: list[str]):
    """A function running the plain ``lint`` command line ``args`` without typer, as typer
    would run it (:mod:`journeyctl.cli.quick_lint`), or None for any other command line."""
    if _command_name(args) != "lint":
        return None
    from journeyctl.cli.quick_lint import parse

    parsed = parse(args)
    if parsed is None:
        return None

    def call():
        from journeyctl.cli import common
        from journeyctl.cli.lint import lint

        before, after = parsed.before, parsed.after
        # What the global options' callback and then the command's own options set.
        common.STATE.config = before["config"] if after["config"] is None else after["config"]
        common.STATE.no_color = before["no_color"] or bool(os.environ.get("NO_COLOR")) or after["no_color"]
        common.STATE.quiet = before["quiet"] or after["quiet"]
        common.STATE.debug = before["debug"]
        return lint(**parsed.arguments)

    return call


def _failed_output(exc: BaseException) -> int:
    """Report, as :func:`run` does, what stopped the quick help or version; exit code 2."""
    from journeyctl.cli import common

    if isinstance(exc, KeyboardInterrupt):
        common.error("interrupted")
    elif isinstance(exc, BrokenPipeError):
        common.error("the output was closed before all of it was written")
    elif isinstance(exc, OSError):
        common.error(f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror or str(exc))
    else:
        common.error(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
    return 2


#: The variable a shell's completion script sets when it asks for completions.
COMPLETE_VAR = "_JOURNEYCTL_COMPLETE"


def _complete(command) -> int:
    """Answer the shell completion script's request (see ``--show-completion``)."""
    try:
        command._main_shell_completion({}, "journeyctl", COMPLETE_VAR)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    return 0
