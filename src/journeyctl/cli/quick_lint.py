"""``journeyctl lint`` read from a plain command line without building the command line.

Building it imports typer, click and typer's pydantic adapters, which took a third of the
time of a one-map lint. The command lines people and CI type most (``journeyctl lint``,
``journeyctl -q lint --format json -o report.json maps/``) use only the option spellings
below; :func:`parse` reads those into the very arguments typer would pass, and refuses
everything else: help, a mistyped or unknown option, a missing value, an unusual spelling
(``-ofile``, ``-qj2``, ``--``), a number typer would have to convert. A refused command line
takes the ordinary path, so every message and exit code of a bad one is typer's own.
``tests/test_cli_quick_lint.py`` holds :data:`OPTIONS` against the options typer builds
from ``journeyctl.cli.lint`` and compares what both read, command line by command line.
"""

from __future__ import annotations

#: What an option takes: nothing (a flag), one value (the last one given counts), one
#: value each time it is given (a list), or a number of processes.
FLAG, VALUE, VALUES, JOBS = "flag", "value", "values", "jobs"

#: The options given before the command name, and the parameter each one sets.
GLOBAL_OPTIONS = {
    "--config": ("config", VALUE),
    "--no-color": ("no_color", FLAG),
    "-q": ("quiet", FLAG),
    "--quiet": ("quiet", FLAG),
    "--debug": ("debug", FLAG),
}

#: The options of ``lint`` (as :func:`journeyctl.cli.lint.register` declares them), and
#: the global options a command takes after its name too.
OPTIONS = {
    "--format": ("output_format", VALUE),
    "--output": ("output", VALUE),
    "-o": ("output", VALUE),
    "--select": ("select", VALUES),
    "--extend-select": ("extend_select", VALUES),
    "--ignore": ("ignore", VALUES),
    "--fail-on": ("fail_on", VALUE),
    "--statistics": ("statistics", FLAG),
    "--output-format": ("text_form", VALUE),
    "--fix": ("fix", FLAG),
    "--unsafe-fixes": ("unsafe_fixes", FLAG),
    "--diff": ("diff", FLAG),
    "--no-cache": ("no_cache", FLAG),
    "--jobs": ("jobs", JOBS),
    "-j": ("jobs", JOBS),
    "--config": ("config", VALUE),
    "--no-color": ("no_color", FLAG),
    "-q": ("quiet", FLAG),
    "--quiet": ("quiet", FLAG),
}

#: The parameters of the global options a command takes after its name too.
COMMAND_GLOBALS = ("config", "no_color", "quiet")

#: The bounds of ``--jobs`` (typer's ``min`` and ``max``).
JOBS_RANGE = (1, 1024)


class LintCall:
    """A ``lint`` command line as typer would pass it on: the global options given before
    the command name (``before``), those given after it (``after``), and the arguments of
    ``lint`` itself (``arguments``, those given)."""

    __slots__ = ("before", "after", "arguments")

    def __init__(self) -> None:
        self.before: dict[str, object] = {"config": None, "no_color": False, "quiet": False, "debug": False}
        self.after: dict[str, object] = {"config": None, "no_color": False, "quiet": False}
        self.arguments: dict[str, object] = {}


def parse(args: list[str]) -> LintCall | None:
    """``args`` (the command line after ``journeyctl``) read as a ``lint`` command, or None
    when it is not one or uses anything but the plain spellings this module knows."""
    call = LintCall()
    rest = iter(args)
    for arg in rest:
        if arg == "lint":
            break
        if not _take(GLOBAL_OPTIONS.get(arg), arg, rest, call.before):
            return None
    else:
        return None
    options: dict[str, object] = {}
    paths: list[str] = []
    for arg in rest:
        if arg.startswith("-") and arg != "-":
            name, equals, value = arg.partition("=")
            spec = OPTIONS.get(name) if name.startswith("--") or not equals else None
            if spec is None or not _take(spec, name, iter([value]) if equals else rest, options, given=bool(equals)):
                return None
        else:
            paths.append(arg)
    call.after.update({key: options.pop(key) for key in COMMAND_GLOBALS if key in options})
    call.arguments = {"paths": paths or None, **options}
    return call


def _take(spec, name: str, rest, into: dict[str, object], *, given: bool = False) -> bool:
    """Read the option ``name`` (its value from ``rest``) into ``into``; False when typer
    might read it otherwise."""
    if spec is None:
        return False
    key, kind = spec
    if kind == FLAG:
        if given:  # `--fix=yes`: typer says a flag takes no value
            return False
        into[key] = True
        return True
    value = next(rest, None)
    if value is None:  # typer says the option needs a value
        return False
    if kind == VALUES:
        into.setdefault(key, []).append(value)
    elif kind == JOBS:
        # Only a plain number in range: typer converts and range-checks anything else itself.
        if not (value.isascii() and value.isdigit() and value[0] != "0"):
            return False
        number = int(value)
        if not JOBS_RANGE[0] <= number <= JOBS_RANGE[1]:
            return False
        into[key] = number
    else:
        into[key] = value
    return True
