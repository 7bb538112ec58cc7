"""What every command shares: global options, error output, loading the configuration."""

from __future__ import annotations

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
    """Print ``journeyctl: error: message`` as one line on stderr."""
    print(f"journeyctl: error: {' '.join(message.split())}", file=sys.stderr)


def load_config():
    """The configuration for this run, or :class:`Failure` with the file and key at fault."""
    from journeyctl.config import ConfigError, load_config as load

    try:
        return load(Path(STATE.config) if STATE.config else None)
    except ConfigError as exc:
        raise Failure(str(exc)) from None


def write_output(text: str, output: str | None) -> None:
    """Write ``text`` to the file ``output`` atomically, or to stdout."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from journeyctl.files import write_atomic

    try:
        write_atomic(Path(output), text)
    except OSError as exc:
        raise Failure(f"{output}: cannot write: {exc.strerror}") from None
