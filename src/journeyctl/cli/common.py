"""What every command shares: global options, error output, loading the configuration."""

from __future__ import annotations

import re
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


# Left in an error line, these would drive the terminal (escape sequences) or reorder what
# it shows (bidirectional overrides); paths and values in messages can hold any of them.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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
    """``text`` for one line of a terminal or a CI log: control characters (line breaks
    included) and bidirectional overrides shown as escapes.

    A file name in a pull request can hold a line break followed by ``::error::`` or
    ``::add-mask::``, which CI runners obey at the start of any line of output.
    """
    return _UNSAFE.sub(_escape, text)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return _NAMED.get(match.group()) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def load_config():
    """The configuration for this run, or :class:`Failure` with the file and key at fault."""
    from journeyctl.config import ConfigError, load_config as load

    try:
        return load(Path(STATE.config) if STATE.config else None)
    except ConfigError as exc:
        raise Failure(str(exc)) from None


def configs_for(paths: list[str]):
    """Each path's workspace configuration, grouped (``--config`` applies to all), or
    :class:`Failure`: maps are checked with the catalogs and settings of their own
    workspace, wherever the command runs."""
    from journeyctl.config import ConfigError, configs_for as find

    try:
        return find(paths, explicit=Path(STATE.config) if STATE.config else None)
    except ConfigError as exc:
        raise Failure(str(exc)) from None


def write_output(text: str, output: str | None) -> None:
    """Write ``text`` to the file ``output`` atomically, or to stdout."""
    if output is None or output == "-":
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise  # the reader went away: run() says so
        except OSError as exc:
            raise Failure(f"cannot write the output: {exc.strerror}") from None
        return
    from journeyctl.files import write_atomic

    try:
        write_atomic(Path(output), text)
    except OSError as exc:
        raise Failure(f"{output}: cannot write: {exc.strerror}") from None
