"""What every command shares: global options, error output, loading the configuration."""

from __future__ import annotations

import contextlib
import gc
import sys
from dataclasses import dataclass
from pathlib import Path


class Failure(Exception):
    """A problem to report as one line on stderr with exit code 2."""


@dataclass
class State:
    config: str | None = None
    no_color: bool = False
    quiet: bool = False
    debug: bool = False


STATE = State()


def error(message: str) -> None:
    """Print ``journeyctl: error: message`` as one line on stderr.

    Control characters and bidirectional overrides are shown as escapes. A closed stderr
    is ignored: there is nowhere left to report to.
    """
    try:
        print(f"journeyctl: error: {visible(' '.join(message.split()))}", file=sys.stderr)
    except OSError:
        pass


def visible(text: str) -> str:
    """``text`` for one line of a terminal or a CI log (see :func:`journeyctl.text.escape.terminal`)."""
    from journeyctl.text.escape import terminal

    return terminal(text)


def diff_names(location: Path, path: str) -> tuple[str, str]:
    """The names a diff gives a file (see :func:`journeyctl.loading.files.diff_names`), for a terminal."""
    from journeyctl.loading.files import diff_names as names

    old, new = names(location, path)
    return visible(old), visible(new)


@contextlib.contextmanager
def imports_uncollected(module: str):
    """Keep the cyclic garbage collector off the objects the imports inside make.

    For the imports of a command, ``module`` the costly one: they build many thousands of
    objects that live as long as the process (modules, classes, the validators pydantic
    builds for the models) and no garbage, and the collector's passes over them took a
    twentieth of a one-map lint. The collector is paused while they are made, then they
    are moved out of its sight (``gc.freeze``); reference counting frees what it always
    frees. When ``module`` is imported already (a second run in one process), nothing is
    done: freezing then would keep whatever else the process made.
    """
    if module in sys.modules or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def load_config():
    """The configuration for this run, or :class:`Failure` with the file and key at fault."""
    from journeyctl.loading.config import ConfigError, load_config as load

    try:
        return load(Path(STATE.config) if STATE.config else None)
    except ConfigError as exc:
        raise Failure(str(exc)) from None


def configs_for(paths: list[str]):
    """Each path's workspace configuration, grouped (``--config`` applies to all), or
    :class:`Failure`: maps are checked with the catalogs and settings of their own
    workspace, wherever the command runs."""
    from journeyctl.loading.config import ConfigError, configs_for as find

    try:
        return find(paths, explicit=Path(STATE.config) if STATE.config else None)
    except ConfigError as exc:
        raise Failure(str(exc)) from None


def write_output(text: str | bytes, output: str | None) -> None:
    """Write ``text`` to the file ``output`` (:func:`journeyctl.loading.files.write_output_file`), or to stdout.

    Text is always written as valid UTF-8: an undecodable byte of a file name left in it
    is shown as ``\\xff`` (:func:`~journeyctl.text.escape.unicode_text`).
    """
    if isinstance(text, str):
        from journeyctl.text.escape import unicode_text

        text = unicode_text(text)
    if output is None or output == "-":
        try:
            if isinstance(text, bytes):
                sys.stdout.flush()
                sys.stdout.buffer.write(text)
            else:
                sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise  # the reader went away: run() says so
        except OSError as exc:
            raise Failure(f"cannot write the output: {exc.strerror}") from None
        return
    from journeyctl.loading.files import write_output_file

    try:
        write_output_file(Path(output), text)
    except OSError as exc:
        raise Failure(f"{output}: cannot write: {exc.strerror}") from None
