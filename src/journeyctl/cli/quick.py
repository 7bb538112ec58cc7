"""``journeyctl --help``, ``-h`` and ``--version`` without building the command line.

Building it imports typer (and through it pydantic) and every command's module: most of
the time of a run that only asks for help. This module writes the same text, laid out as
click lays it out for the terminal's width; ``tests/test_cli_quick.py`` compares the two
byte for byte, so a command, option or help text changed elsewhere must be changed here.
"""

from __future__ import annotations

import sys

APP_HELP = "Customer journey maps as version-controlled YAML: lint, render, report, format and diff them."
CONFIG_HELP = "Use this configuration file instead of the nearest one."
NO_COLOR_HELP = "Never colour the output (also: NO_COLOR=1)."
QUIET_HELP = (
    "Print only findings and errors: lint drops the file headings, summary and progress; show prints "
    "no facts, only why a file is not a map; diff prints nothing and exits 1 on changes (as --exit-code); "
    "other commands drop progress and 'wrote' lines."
)

#: The global options, as help lists them.
OPTIONS = (
    ("--version", "Show the version and exit."),
    ("--config FILE", CONFIG_HELP),
    ("--no-color", NO_COLOR_HELP),
    ("-q, --quiet", QUIET_HELP),
    ("--debug", "Show a traceback for internal errors."),
    ("--install-completion", "Install completion for the current shell."),
    ("--show-completion", "Show completion for the current shell, to copy it or customize the installation."),
    ("-h, --help", "Show this message and exit."),
)

#: Each command and the first paragraph of its help, as help lists them.
COMMAND_HELP = (
    ("clean", "Remove the lint cache (.journeyctl_cache/ at the workspace root)."),
    ("diff", "Show changes in journey terms: touchpoints, transitions, emotions, pain points, roadmap, lint findings."),
    ("evidence", "Hold a journey map against an event log of what customers did."),
    ("fmt", "Format journey maps canonically (key order, indentation, quoting), keeping every comment."),
    ("init", "Create journeyctl.toml, a catalog, a first map, a pre-commit config and CI workflows."),
    ("lint", "Validate journey maps and run the lint rules; --fix applies the fixes it knows."),
    ("lsp", "Run the language server (diagnostics, completion, hover, definitions, references, rename)."),
    ("paths", "List every path from an entry to an end; flag the longest and the worst."),
    ("rename", "Rename an id everywhere: its definition, references, cross-journey links and catalogs (all files or none)."),
    ("render", "Draw journey maps as Graphviz (DOT, SVG, PNG, PDF) or Mermaid diagrams, or as a canvas."),
    ("report", "Write a Markdown report per journey, readable on GitHub, or an HTML page."),
    ("rules", "List every rule: code, name, default severity, opt-in, summary."),
    ("rule", "Show one rule's documentation: what it does, why it matters, an example, the fix, options."),
    ("schema", "Print the JSON Schema (2020-12) generated from the models."),
    ("show", "Print a map as one fact per line, so that 'git diff' of maps speaks journey."),
    ("import", "Turn journeys written for other tools into journeyctl maps."),
)


def answer(arg: str) -> int:
    """Answer ``--help``, ``-h`` or ``--version`` on stdout; the exit code."""
    if arg == "--version":
        from journeyctl import __version__

        sys.stdout.write(f"journeyctl {__version__}\n")
    else:
        sys.stdout.write(help_text(_width()) + "\n")
    return 0


def _width() -> int:
    """The width click lays help out in: the terminal's, at most 78 and at least 50.

    The terminal's width is found as ``shutil.get_terminal_size`` finds it (``COLUMNS``,
    then the terminal, then 80), without importing shutil and what it imports."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return max(min(columns if columns > 0 else 80, 80) - 2, 50)


def help_text(width: int) -> str:
    """The top-level help, ``width`` columns wide, without the final newline."""
    lines = ["Usage: journeyctl [OPTIONS] COMMAND [ARGS]...", ""]
    lines += _wrap(APP_HELP, width, "  ", "  ")
    lines += ["", "Options:"]
    lines += _definitions(OPTIONS, width)
    limit = width - 6 - max(len(name) for name, _ in COMMAND_HELP)
    lines += ["", "Commands:"]
    lines += _definitions([(name, _short_help(text, limit)) for name, text in COMMAND_HELP], width)
    return "\n".join(lines)


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    import textwrap

    wrapper = textwrap.TextWrapper(width, initial_indent=first, subsequent_indent=rest, replace_whitespace=False)
    return wrapper.fill(text).splitlines()


def _definitions(rows, width: int, indent: int = 2, col_max: int = 30, spacing: int = 2) -> list[str]:
    """A definition list as click writes one: terms in a column, texts wrapped beside them."""
    first_col = min(max(len(term) for term, _ in rows), col_max) + spacing
    text_width = max(width - first_col - 2, 10)
    lines = []
    for term, text in rows:
        wrapped = _wrap(text, text_width)
        if len(term) <= first_col - spacing:
            lines.append(" " * indent + term + " " * (first_col - len(term)) + wrapped[0])
        else:
            lines.append(" " * indent + term)
            lines.append(" " * (first_col + indent) + wrapped[0])
        lines += [" " * (first_col + indent) + line for line in wrapped[1:]]
    return lines


def _short_help(text: str, limit: int) -> str:
    """The first sentence of ``text``, or as many words as fit in ``limit`` and "..."."""
    words = text.split()
    total = 0
    for i, word in enumerate(words):
        total += len(word) + (i > 0)
        if total > limit:
            break
        if word.endswith("."):
            return " ".join(words[: i + 1])
        if total == limit and i != len(words) - 1:
            break
    else:
        return " ".join(words)
    total += len("...")
    while i > 0:
        total -= len(words[i]) + (i > 0)
        if total <= limit:
            break
        i -= 1
    return " ".join(words[:i]) + "..."
