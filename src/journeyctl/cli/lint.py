"""``journeyctl lint``: validate maps and run the rules."""

from __future__ import annotations

import os
import sys
from typing import Optional

from journeyctl.cli import common

#: How long a run may take before a progress indicator appears (seconds).
PROGRESS_DELAY = 0.5
#: The report formats that carry each finding's fix (docs/output.md).
FIX_FORMATS = ("sarif",)


def _formats() -> list[str]:
    from journeyctl.outputs.reporters import REPORTERS

    return list(REPORTERS)


def lint(
    paths: list[str] | None = None,
    output_format: str | None = None,
    output: str | None = None,
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: str | None = None,
    statistics: bool = False,
    text_form: str | None = None,
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    no_cache: bool = False,
    jobs: int | None = None,
) -> int:
    """Validate journey maps and run the lint rules; --fix applies the fixes it knows."""
    with common.imports_uncollected("journeyctl.checks.linter"):
        from journeyctl.checks.linter import combine_results, lint as run_lint
        from journeyctl.checks.selection import Layer, parse_list
        from journeyctl.loading.config import ConfigError, parse_fail_on
        from journeyctl.loading.workspace import UsageError
        from journeyctl.outputs.reporters import TEXT_FORMS, render

    formats = _formats()
    fmt = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if fmt not in formats:
        raise common.Failure(f"--format: unknown format {fmt!r} (expected one of {', '.join(formats)})")
    if text_form is not None and text_form not in TEXT_FORMS:
        raise common.Failure(
            f"--output-format: unknown form {text_form!r} (expected one of {', '.join(TEXT_FORMS)})"
        )
    if unsafe_fixes and not (fix or diff):
        raise common.Failure("--unsafe-fixes: give --fix (or --diff) too")
    groups = common.configs_for(paths or [])
    overrides = Layer(
        parse_list(select) if select else None, parse_list(extend_select or []), parse_list(ignore or []),
        where={"select": "--select", "extend-select": "--extend-select", "ignore": "--ignore"},
    )
    try:
        threshold = parse_fail_on(fail_on, "--fail-on") if fail_on is not None else None
        if fix or diff:
            results = _fixed(groups, overrides, unsafe=unsafe_fixes, write=not diff)
            if diff:
                return results
        else:
            with _progress() as progress:
                results = [
                    (config, run_lint(
                        group, config, overrides=overrides, progress=progress, cache=not no_cache,
                        jobs=jobs or config.job_count(),
                    ))
                    for config, group in groups
                ]
    except (ConfigError, UsageError) as exc:
        raise common.Failure(str(exc)) from None
    result = combine_results([r for _, r in results])
    if fmt in FIX_FORMATS:
        from journeyctl.review.fixes import report_fixes

        result = result._replace(findings=report_fixes(result.findings, _source_reader(results)))
    # Each workspace fails on what its own configuration says, unless --fail-on is given.
    failed = any(r.fails(threshold or config.fail_on) for config, r in results)
    to_stdout = output is None or output == "-"
    terminal = to_stdout and sys.stdout.isatty()
    color = fmt == "text" and terminal and not common.STATE.no_color
    form = text_form or ("full" if terminal else "concise")
    report = render(
        fmt, result, color=color, form=form, quiet=common.STATE.quiet, source=_source_reader(results),
    )
    common.write_output(report, output)
    if statistics:
        table = _statistics(result)
        # A machine-readable report on stdout must stay parseable: the counts go to stderr.
        stream = sys.stderr if to_stdout and fmt != "text" else sys.stdout
        stream.write(table)
        stream.flush()
    return 1 if failed else 0


def _fixed(groups, overrides, *, unsafe: bool, write: bool):
    """Fix the maps of each workspace; with ``write``, write them and return ``(config,
    result)`` per workspace for the report of what remains; without, print the diff and
    return the exit code (1 when a file would change)."""
    from journeyctl.checks.linter import lint as run_lint
    from journeyctl.review.fixes import workflow
    from journeyctl.text.wording import counted

    runs = [
        (config, group, workflow.fix_paths(group, config, overrides=overrides, unsafe=unsafe))
        for config, group in groups
    ]
    for _, _, run in runs:
        for line in run.refused:
            print(common.visible(line), file=sys.stderr)
    fixed = sum(run.fixed for _, _, run in runs)
    remaining = sum(len(run.result.findings) for _, _, run in runs)
    if not write:
        common.write_output("".join(f.diff(common.diff_names(f.location, f.path)) for _, _, run in runs for f in run.files), None)
        if not common.STATE.quiet:
            print(f"Would fix {counted(fixed, 'finding')} ({remaining} remaining)", file=sys.stderr)
        return 1 if fixed else 0
    results = []
    for config, group, run in runs:
        failed = workflow.write(run.files)
        for file, exc in failed:
            fixed -= len(file.fixes)
            print(f"{common.visible(file.path)}:1:1: not fixed: cannot write: {exc.strerror or exc}", file=sys.stderr)
        # What remains is what is on disk: a file that could not be written still has its findings.
        result = run_lint(group, config, overrides=overrides) if failed else run.result
        results.append((config, result))
    if not common.STATE.quiet:
        remaining = sum(len(r.findings) for _, r in results)
        print(f"Fixed {counted(fixed, 'finding')} ({remaining} remaining)", file=sys.stderr)
    return results


def _source_reader(results):
    """``source(path)``: the text of a linted file, for the source lines of the full text form.

    ``results`` are ``(config, result)`` per workspace. Files that loaded keep their text;
    one that did not parse (the findings most in need of a source line) is read again,
    within its workspace's size limit. None when it cannot be read.
    """
    files = {
        target.path: (target, config.max_file_size)
        for config, result in results if result.workspace is not None
        for target in result.workspace.targets
    }

    def source(path: str) -> str | None:
        from journeyctl.loading.files import FileTooLarge, read_limited
        from journeyctl.loading.yaml_errors import YamlError, decode

        if path not in files:
            return None
        target, limit = files[path]
        if target.loaded is not None:
            return target.loaded.text
        try:
            return decode(read_limited(target.location, limit))
        except (OSError, FileTooLarge, YamlError):  # no source line to show is no failure
            return None

    return source


def _statistics(result) -> str:
    """One line per rule with findings: count, code, name, severity; most frequent first."""
    rows = result.statistics()
    if not rows:
        return "No findings.\n"
    width = max(len(str(count)) for *_, count in rows)
    name_width = max(len(name) for _, name, _, _ in rows)
    return "".join(
        f"{count:>{width}}  {code}  {name:<{name_width}}  {severity.label}\n" for code, name, severity, count in rows
    )


class _progress:
    """A transient progress indicator on stderr for runs that take a while.

    It appears only when stderr is a terminal (never when piped or redirected, never with
    ``--quiet``) and the run has lasted :data:`PROGRESS_DELAY`, so quick runs print nothing.
    """

    def __init__(self) -> None:
        self.display = None
        self.timer = None
        self.task = None

    def __enter__(self):
        if common.STATE.quiet or not sys.stderr.isatty():
            return None
        import threading

        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

        console = Console(file=sys.stderr, no_color=common.STATE.no_color)
        self.display = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            console=console, transient=True,
        )
        self.task = self.display.add_task("Loading maps", total=None)
        self.timer = threading.Timer(PROGRESS_DELAY, self.display.start)
        self.timer.daemon = True
        self.timer.start()
        return self.update

    def update(self, done: int, total: int) -> None:
        self.display.update(self.task, description="Checking maps", completed=done, total=total)

    def __exit__(self, *exc_info) -> None:
        if self.display is not None:
            self.timer.cancel()
            self.timer.join()
            self.display.stop()


def register(app) -> None:
    """Add ``lint`` to the command line ``app`` (typer reads its options from the signature)."""
    import typer

    def command(
        paths: list[str] = typer.Argument(None, metavar="PATH", help="Files or folders (default: the workspace)."),
        output_format: Optional[str] = typer.Option(
            None, "--format", metavar="FORMAT",
            help="text, json, sarif, github, junit or gitlab (default: text; github when GITHUB_ACTIONS=true).",
        ),
        output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to FILE."),
        select: list[str] = typer.Option(
            None, "--select", metavar="RULES",
            help="Run only these rules: codes, prefixes (JM1), names or ALL; comma-separated, repeatable.",
        ),
        extend_select: list[str] = typer.Option(None, "--extend-select", metavar="RULES", help="Run these rules too."),
        ignore: list[str] = typer.Option(None, "--ignore", metavar="RULES", help="Do not run these rules."),
        fail_on: Optional[str] = typer.Option(
            None, "--fail-on", metavar="SEVERITY", help="Exit 1 on findings at or above: error (default), warning or info.",
        ),
        statistics: bool = typer.Option(False, "--statistics", help="Count the findings per rule after the report."),
        text_form: Optional[str] = typer.Option(
            None, "--output-format", metavar="FORM",
            help="With --format text: 'full' shows each finding's source line with carets under it, "
            "'concise' one line per finding (default: full on a terminal, concise otherwise).",
        ),
        fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes, then report what remains."),
        unsafe_fixes: bool = typer.Option(
            False, "--unsafe-fixes", help="With --fix or --diff: apply the unsafe fixes too (check what they add).",
        ),
        diff: bool = typer.Option(
            False, "--diff", help="Write nothing; print a unified diff of what --fix would change (exit 1 if any).",
        ),
        no_cache: bool = typer.Option(
            False, "--no-cache", help="Neither read nor write the cache of results in .journeyctl_cache/.",
        ),
        jobs: Optional[int] = typer.Option(
            None, "--jobs", "-j", metavar="N", min=1, max=1024,
            help="Processes that read and check a large workspace (default: the 'jobs' setting, else one per core).",
        ),
    ) -> int:
        """Validate journey maps and run the lint rules; --fix applies the fixes it knows."""
        return lint(
            paths, output_format, output, select, extend_select, ignore, fail_on, statistics, text_form,
            fix, unsafe_fixes, diff, no_cache, jobs,
        )

    app.command("lint")(command)
