"""Rendering many maps at once: load them once, then write one file per journey safely.

``render``, ``report`` and ``paths`` share this: the maps named on the command line are
loaded (and linted when findings are shown), the ones that cannot be rendered because
they do not load or validate are set aside with their findings, and each output file is
written atomically into the output folder, never through a symbolic link that leads out
of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from journeyctl.config import Config
from journeyctl.findings import Finding
from journeyctl.workspace import JourneyDoc


class OutputError(Exception):
    """An output file or folder cannot be written: one line for the user."""


@dataclass(slots=True)
class Maps:
    """The journeys to render and what was found loading them."""

    docs: list[JourneyDoc]
    #: JM001–JM004 findings of the files that cannot be rendered
    broken: list[Finding]
    #: lint findings of every target (empty unless the maps were linted)
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    journeys: int = 0


def load_maps(
    paths: Iterable[str],
    config: Config | list[tuple[Config, list[str]]],
    *,
    with_lint: bool = False,
    cwd: Path | None = None,
    today: dt.date | None = None,
) -> Maps:
    """Load (and with ``with_lint``, lint) the maps under ``paths``.

    ``config`` is one configuration for every path, or the paths of each workspace with
    its configuration (:func:`~journeyctl.config.configs_for`; ``paths`` is then unused).
    Raises :class:`~journeyctl.workspace.UsageError` for a missing path and
    :class:`~journeyctl.config.ConfigError` for a bad configuration.
    """
    groups = [(config, list(paths))] if isinstance(config, Config) else config
    if with_lint:
        from journeyctl.linter import combine_results, lint

        result = combine_results([lint(p, c, cwd=cwd, today=today) for c, p in groups])
        workspace, findings = result.workspace, result.findings
    else:
        from journeyctl.workspace import combine, load_workspace

        workspace, findings = combine([load_workspace(p, c, cwd) for c, p in groups]), []
    broken = sorted(workspace.findings, key=Finding.sort_key)
    journeys = sum(1 for f in workspace.targets if f.kind == "journey")
    return Maps(list(workspace.docs()), broken, findings, len(workspace.targets), journeys)


def is_many(paths: Iterable[str], cwd: Path | None = None) -> bool:
    """Whether ``paths`` name a folder or several maps (one output file per journey)."""
    paths = list(paths)
    base = cwd or Path.cwd()
    return len(paths) != 1 or (base / paths[0]).is_dir()


def prepare_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) unless it exists; it must be a folder."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder: {exc.strerror}") from None


def write_into(folder: Path, name: str, content: str | bytes) -> Path:
    """Write ``content`` to ``folder/name`` atomically and return the path written.

    The output folder holds generated files: one already there is overwritten
    (:func:`~journeyctl.files.write_files`). A symbolic link at ``folder/name`` is followed
    only when it leads to a file inside ``folder``; one that leads anywhere else is
    refused, so rendering into a shared folder can never overwrite a file elsewhere.
    """
    from journeyctl.files import UnsafePathError, write_files

    try:
        return write_files(folder, {name: content}, overwrite=True)[0]
    except UnsafePathError as exc:
        raise OutputError(str(exc)) from None
    except IsADirectoryError as exc:
        raise OutputError(f"{exc.filename}: is a folder") from None
    except OSError as exc:
        raise OutputError(f"{exc.filename}: cannot write: {exc.strerror}") from None


@contextmanager
def progress(total: int, enabled: bool, *, color: bool = True) -> Iterator[Callable[[str], None]]:
    """``step(name)`` to call once per file written; a progress bar on stderr when ``enabled``."""
    if not enabled or total < 2:
        yield lambda name: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True, no_color=not color)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console, transient=True
    ) as bar:
        task = bar.add_task("rendering", total=total)

        def step(name: str) -> None:
            bar.update(task, advance=1, description=name)

        yield step


def broken_report(maps: Maps) -> str:
    """The findings of the maps that cannot be rendered, as ``journeyctl lint`` prints them."""
    from journeyctl.linter import LintResult
    from journeyctl.reporters import render

    return render("text", LintResult(maps.broken, maps.files, maps.journeys))
