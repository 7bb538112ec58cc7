"""``journeyctl fmt``: rewrite maps in the canonical layout, comments kept."""

from __future__ import annotations

import sys

import typer

from journeyctl.cli import common
from journeyctl.text.wording import counted


def fmt(
    paths: list[str] = typer.Argument(None, metavar="PATH", help="Files or folders (default: the workspace)."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 and name the files that would change."),
    diff: bool = typer.Option(False, "--diff", help="Write nothing; print a unified diff of the changes (exit 1 if any)."),
) -> int:
    """Format journey maps canonically (key order, indentation, quoting), keeping every comment."""
    from journeyctl.loading.config import ConfigError
    from journeyctl.loading.workspace import UsageError
    from journeyctl.review import fmt as formatter

    try:
        results = [r for config, group in common.configs_for(paths or []) for r in formatter.format_paths(group, config)]
    except (UsageError, ConfigError) as exc:
        raise common.Failure(str(exc)) from None
    dry = check or diff
    failed = [r for r in results if r.formatted is None]
    changed = list(formatter.iter_changed(results))
    for result in failed:
        print(common.visible(result.error), file=sys.stderr)
    if diff:
        common.write_output(
            "".join(formatter.unified_diff(r, common.diff_names(r.location, r.path)) for r in changed), None
        )
    unwritten = 0
    for result in changed:
        if dry:
            if check and not common.STATE.quiet:
                print(f"would reformat {common.visible(result.path)}", file=sys.stderr)
            continue
        try:
            formatter.write(result)
        except OSError as exc:
            print(
                f"{common.visible(result.path)}:1:1: cannot write: {exc.strerror}; the file is left unchanged",
                file=sys.stderr,
            )
            unwritten += 1
            continue
        if not common.STATE.quiet:
            print(f"reformatted {common.visible(result.path)}", file=sys.stderr)
    if not common.STATE.quiet:
        unchanged = len(results) - len(failed) - len(changed)
        parts = [
            f"{counted(len(changed) - unwritten, 'file')} {'would be reformatted' if dry else 'reformatted'}",
            f"{counted(unchanged, 'file')} {'already formatted' if dry else 'left unchanged'}",
        ]
        if failed or unwritten:
            parts.append(f"{counted(len(failed) + unwritten, 'file')} could not be formatted")
        print(", ".join(parts), file=sys.stderr)
    return 1 if failed or unwritten or (dry and changed) else 0


def register(app: typer.Typer) -> None:
    app.command("fmt")(fmt)
