"""``journeyctl import``: turn journeys written for other tools into journeyctl maps."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from journeyctl.cli import common

import_app = typer.Typer(
    name="import",
    help="Turn journeys written for other tools into journeyctl maps.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

MARKDOWN_SUFFIXES = (".md", ".markdown")


# One paragraph per string: the help formatter wraps paragraphs itself.
MERMAID_HELP = "\n\n".join(
    [
        "Convert a Mermaid journey diagram into a journeyctl map.",
        "Sections become stages and tasks touchpoints, linked in the order they are written: the "
        "first task is the entry, the last one ends the journey with success. Scores 1 to 5 become "
        "emotions -2 to 2 (3 is neutral), actors become personas, the title and accDescr become the "
        "title and description.",
        "Mermaid does not record channels: every touchpoint is in the customer lane on the channel "
        "'unspecified' (kind other), which the map declares; replace it with the real channel. Lint "
        "then warns about what a diagram cannot say (owner, review date, pain points).",
        "In Markdown, every mermaid code block holding a journey becomes one map. Problems are "
        "reported as FILE:LINE:COLUMN: message, with exit code 1.",
    ]
)


@import_app.command("mermaid", help=MERMAID_HELP)
def mermaid(
    file: str = typer.Argument(
        ..., metavar="FILE", help="A Mermaid file, a Markdown file (.md, .markdown), or - for standard input."
    ),
    output: Optional[str] = typer.Option(
        None,
        "--output",
        "-o",
        metavar="OUT",
        help="Write the map to the file OUT, or each map to OUT/<id>.yaml when OUT is a folder "
        "(required when FILE holds several journeys). Default: standard output.",
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite files that already exist."),
    markdown: bool = typer.Option(
        False, "--markdown", help="Read FILE as Markdown (the default for .md and .markdown files)."
    ),
) -> int:
    """Convert a Mermaid journey diagram into a journeyctl map (see ``MERMAID_HELP``)."""
    from journeyctl.files import FileTooLarge
    from journeyctl.importers.mermaid import MermaidImportError, import_markdown, import_mermaid
    from journeyctl.yamlload import YamlError, decode

    display = "<stdin>" if file == "-" else file
    limit = common.load_config().max_file_size
    try:
        text = decode(_read(file, limit))
    except FileTooLarge as exc:
        _report(display, 1, 1, str(exc))
        return 1
    except YamlError as exc:
        _report(display, exc.position.line, exc.position.column, exc.message)
        return 1
    as_markdown = markdown or (file != "-" and Path(file).suffix.lower() in MARKDOWN_SUFFIXES)
    try:
        result = import_markdown(text) if as_markdown else import_mermaid(text)
    except MermaidImportError as exc:
        for problem in exc.errors:
            _report(display, problem.line, problem.column, problem.message)
        return 1
    for warning in result.warnings:
        _report(display, warning.line, warning.column, f"warning: {warning.message}")
    _write(display, result.maps, output, force)
    return 0


def _read(file: str, limit: int) -> bytes:
    """The bytes of FILE (or standard input), refusing more than ``limit`` bytes."""
    from journeyctl.files import FileTooLarge, UnsafePathError, read_limited

    if file == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise FileTooLarge(None, limit)
        return data
    try:
        return read_limited(Path(file), limit)
    except FileNotFoundError:
        raise common.Failure(f"{file}: no such file") from None
    except UnsafePathError as exc:
        raise common.Failure(f"{file}: {exc}") from None
    except OSError as exc:
        raise common.Failure(f"{file}: cannot read: {exc.strerror}") from None


def _report(display: str, line: int, column: int, message: str) -> None:
    print(common.visible(f"{display}:{line}:{column}: {message}"), file=sys.stderr)


def _write(display: str, maps: list[dict], output: str | None, force: bool) -> None:
    """Write the maps: one to stdout or a file, or each to ``<id>.yaml`` in a folder."""
    from journeyctl.files import UnsafePathError, safe_target, write_atomic
    from journeyctl.fmt import dump_map

    texts = [(data["id"], dump_map(data)) for data in maps]
    if output is None or output == "-":
        if len(texts) > 1:
            raise common.Failure(
                f"{display} holds {len(texts)} journey diagrams: write them into a folder with -o DIR"
            )
        common.write_output(texts[0][1], None)
        return
    target = Path(output)
    as_folder = len(texts) > 1 or target.is_dir() or output.endswith(("/", "\\"))
    # (what to show, where to write, text): in a folder, a symbolic link planted under a
    # map's name must not lead the write elsewhere.
    files: list[tuple[Path, Path, str]] = []
    try:
        if as_folder:
            if target.exists() and not target.is_dir():
                raise common.Failure(f"{output}: not a folder, but {display} holds {len(texts)} journey diagrams")
            for ident, text in texts:
                files.append((target / f"{ident}.yaml", safe_target(target, f"{ident}.yaml"), text))
        else:
            files.append((target, target, texts[0][1]))
    except UnsafePathError as exc:
        raise common.Failure(str(exc)) from None
    if not force:
        for shown, path, _ in files:
            if path.exists():
                raise common.Failure(f"{shown}: already exists (use --force to overwrite it)")
    try:
        if as_folder:
            target.mkdir(parents=True, exist_ok=True)
        for shown, path, text in files:
            write_atomic(path, text)
            if not common.STATE.quiet:
                print(f"wrote {common.visible(str(shown))}", file=sys.stderr)
    except OSError as exc:
        raise common.Failure(f"{exc.filename or output}: cannot write: {exc.strerror}") from None


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
