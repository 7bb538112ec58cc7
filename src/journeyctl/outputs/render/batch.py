"""Rendering many maps at once: one file per journey, written safely.

``render``, ``report`` and ``paths`` share this (the maps come from :mod:`journeyctl.cli.maps`):
each output file is written atomically into the output folder, never through a symbolic
link that leads out of it, and the maps that could not be rendered are reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeyctl.model.results import Maps


class OutputError(Exception):
    """An output file or folder cannot be written: one line for the user."""


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
    (:func:`~journeyctl.loading.files.write_files`). A symbolic link at ``folder/name`` is followed
    only when it leads to a file inside ``folder``; one that leads anywhere else is
    refused, so rendering into a shared folder can never overwrite a file elsewhere.
    """
    from journeyctl.loading.files import UnsafePathError, write_files

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
    from journeyctl.model.results import LintResult
    from journeyctl.outputs.reporters import render

    return render("text", LintResult(maps.broken, maps.files, maps.journeys))
