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
        "emotions -2 to 2 (3 is neutral); scores on another range (1 to 10, say) are read on that "
        "range, centred on 0, with a warning: --score-range states it. Actors become personas, the "
        "title and accDescr become the title and description, accTitle is kept under x-mermaid.",
        "Mermaid does not record channels: every touchpoint is in the customer lane on the channel "
        "'unspecified' (kind other), which the map declares; replace it with the real channel. Lint "
        "then warns about what a diagram cannot say (owner, review date, pain points).",
        "In Markdown, every mermaid (or mermaid-example) code block holding a journey becomes one "
        "map; the blocks that cannot be imported are reported and the others written. Problems are "
        "reported as FILE:LINE:COLUMN: message, with exit code 1; so are lint's findings on a map "
        "that was written but that lint rejects (a diagram without tasks, for example).",
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
    force: bool = typer.Option(
        False, "--force", help="Overwrite files that already exist (without it, nothing is written then)."
    ),
    markdown: bool = typer.Option(
        False, "--markdown", help="Read FILE as Markdown (the default for .md and .markdown files)."
    ),
    score_range: Optional[str] = typer.Option(
        None,
        "--score-range",
        metavar="LOW..HIGH",
        help="The range the diagram's scores are written on (for example 1..10); its middle "
        "becomes the neutral emotion 0. Default: 1..5, or a range guessed from the scores.",
    ),
) -> int:
    """Convert a Mermaid journey diagram into a journeyctl map (see ``MERMAID_HELP``)."""
    from journeyctl.importers.mermaid import Limits, MermaidImportError, ScoreRange, import_markdown, import_mermaid
    from journeyctl.loading.files import FileTooLarge
    from journeyctl.loading.yaml_errors import YamlError, decode

    scores = None
    if score_range is not None:
        try:
            scores = ScoreRange.parse(score_range)
        except ValueError as exc:
            raise common.Failure(f"--score-range: {exc}") from None
    display = "<stdin>" if file == "-" else file
    config = common.load_config()
    try:
        text = decode(_read(file, config.max_file_size))
    except FileTooLarge as exc:
        _report(display, 1, 1, str(exc))
        return 1
    except YamlError as exc:
        _report(display, exc.position.line, exc.position.column, exc.message)
        return 1
    as_markdown = markdown or (file != "-" and Path(file).suffix.lower() in MARKDOWN_SUFFIXES)
    # A map with more touchpoints than lint reads is not worth making.
    limits = Limits(tasks=min(Limits.tasks, config.max_touchpoints), diagnostics=config.max_findings)
    convert = import_markdown if as_markdown else import_mermaid
    try:
        result = convert(text, score_range=scores, limits=limits)
    except MermaidImportError as exc:
        for problem in exc.errors:
            _report(display, problem.line, problem.column, problem.message)
        return 1
    reported = [(w, "warning: ") for w in result.warnings] + [(e, "") for e in result.errors]
    for problem, prefix in sorted(reported, key=lambda item: item[0]):
        _report(display, problem.line, problem.column, prefix + problem.message)
    rejected = _write(display, result.maps, output, force, diagrams=result.diagrams, config=config)
    return 1 if result.errors or rejected else 0


EVENTS_HELP = "\n\n".join(
    [
        "Draft a journeyctl map from an event log (CSV, Parquet, JSON Lines or XES).",
        "Each activity becomes a touchpoint with its name in events:, in the order customers meet "
        "them; pairs of consecutive activities in a case become transitions when they are at least "
        "--min-share of the transitions leaving their activity; the activities cases start at become "
        "entries and those most of their cases end at become ends (the most frequent one success). "
        "Every touchpoint sits in one stage, on the channel most of its events name. The draft lints "
        "without errors; review it (docs/event-logs.md).",
        "Columns are found by their common names (case_id, activity, timestamp, channel and the XES "
        "names) or named with --case, --activity, --timestamp and --channel.",
    ]
)


@import_app.command("events", help=EVENTS_HELP)
def events(
    log: str = typer.Argument(..., metavar="LOG", help="The event log: .csv, .tsv, .parquet, .jsonl, .xes or .xes.gz."),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", metavar="OUT", help="Write the map to the file OUT. Default: standard output."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite OUT if it exists (without it, nothing is written then)."),
    min_share: float = typer.Option(
        0.05, "--min-share", min=0.0, max=1.0, metavar="SHARE",
        help="Keep a transition when it is at least this share (0 to 1) of the transitions leaving its activity.",
    ),
    case: Optional[str] = typer.Option(None, "--case", metavar="COLUMN", help="The column of case ids."),
    activity: Optional[str] = typer.Option(None, "--activity", metavar="COLUMN", help="The column of activity names."),
    timestamp: Optional[str] = typer.Option(None, "--timestamp", metavar="COLUMN", help="The column of timestamps."),
    channel: Optional[str] = typer.Option(None, "--channel", metavar="COLUMN", help="The column of channels."),
    engine: Optional[str] = typer.Option(
        None, "--engine", metavar="URL", help="An Ibis backend URL to compute on (default: DuckDB in this process)."
    ),
) -> int:
    """Draft a map from an event log (see ``EVENTS_HELP``)."""
    try:
        from journeyctl.evidence.logs import LogColumns, LogError, connect, open_log
        from journeyctl.importers.events import DraftError, draft_map, observe

        import ibis  # noqa: F401  (said plainly below when the extra is missing)
    except ModuleNotFoundError as exc:
        raise common.Failure(
            f"journeyctl import events needs the '{exc.name}' package: pip install 'journeyctl[evidence]'"
        ) from None
    config = common.load_config()
    columns = LogColumns(case=case, activity=activity, timestamp=timestamp, channel=channel)
    try:
        table = open_log(Path(log), columns, connect(engine))
        data = draft_map(observe(table), log, min_share, config.max_touchpoints)
    except (LogError, DraftError) as exc:
        raise common.Failure(str(exc)) from None
    return 1 if _write(log, [data], output, force, diagrams=1, config=config) else 0


def _read(file: str, limit: int) -> bytes:
    """The bytes of FILE (or standard input), refusing more than ``limit`` bytes."""
    from journeyctl.loading.files import FileTooLarge, UnsafePathError, read_limited

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


def _write(display: str, maps: list[dict], output: str | None, force: bool, *, diagrams: int, config) -> bool:
    """Write the maps: one to stdout or a file, or each to ``<id>.yaml`` in a folder.

    Each map is linted on its own first; the findings at or above ``fail-on`` are reported
    after the writing, and the return value says whether there were any.
    """
    from journeyctl.loading.files import ExistingFiles, UnsafePathError, present, write_files, write_output_file
    from journeyctl.review.fmt import dump_map

    texts = [(data["id"], dump_map(data)) for data in maps]
    if not texts:
        return False
    if output is None or output == "-":
        if diagrams > 1:
            raise common.Failure(
                f"{display} holds {diagrams} journey diagrams: write them into a folder with -o DIR"
            )
        rejected = _lint(texts[0][1], "<stdout>", config)
        common.write_output(texts[0][1], None)
        return _report_findings(rejected)
    target = Path(output)
    as_folder = diagrams > 1 or target.is_dir() or output.endswith(("/", "\\"))
    if as_folder and target.exists() and not target.is_dir():
        raise common.Failure(f"{output}: not a folder, but {display} holds {diagrams} journey diagrams")
    shown = [target / f"{ident}.yaml" for ident, _ in texts] if as_folder else [target]
    rejected = [finding for path, (_, text) in zip(shown, texts) for finding in _lint(text, str(path), config)]
    try:
        if as_folder:
            write_files(target, {f"{ident}.yaml": text for ident, text in texts}, overwrite=force)
        else:
            # The one file the user named: written as a shell redirect would (a device or a
            # pipe is written into), and kept, like a folder's files, unless --force.
            if not force and present(target):
                raise ExistingFiles([output])
            write_output_file(target, texts[0][1])
    except ExistingFiles as exc:
        existing = target / exc.paths[0] if as_folder else target
        raise common.Failure(f"{existing}: already exists (use --force to overwrite it)") from None
    except UnsafePathError as exc:
        raise common.Failure(str(exc)) from None
    except OSError as exc:
        raise common.Failure(f"{exc.filename or output}: cannot write: {exc.strerror}") from None
    if not common.STATE.quiet:
        for path in shown:
            print(f"wrote {common.visible(str(path))}", file=sys.stderr)
    return _report_findings(rejected)


def _lint(text: str, shown: str, config) -> list:
    """The findings of lint on an imported map that make lint fail (``fail-on``)."""
    from journeyctl.checks.linter import lint_text

    return [f for f in lint_text(text, shown, config) if f.severity >= config.fail_on]


def _report_findings(findings: list) -> bool:
    for f in findings:
        _report(f.path, f.position.line, f.position.column, f"{f.code} [{f.rule}] {f.message}")
    return bool(findings)


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
