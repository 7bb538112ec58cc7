"""``journeyctl show``: a map as one fact per line (also a git diff driver)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from journeyctl.cli import common


def show(
    path: str = typer.Argument(..., metavar="FILE", help="A journey or catalog file."),
    textconv: bool = typer.Option(
        False, "--textconv", help="Act as a git diff driver: print any file that is not a map as it is, never fail."
    ),
) -> int:
    """Print a map as one fact per line, so that 'git diff' of maps speaks journey."""
    from journeyctl.loading.config import DEFAULT_MAX_FILE_SIZE
    from journeyctl.loading.files import FileTooLarge, read_limited
    from journeyctl.loading.yaml_errors import YamlError, decode
    from journeyctl.loading.yamlload import load_yaml
    from journeyctl.review.show import facts, textconv as convert

    too_large = False
    try:
        raw = read_limited(Path(path), DEFAULT_MAX_FILE_SIZE)
    except FileTooLarge as exc:
        if not textconv:
            raise common.Failure(f"{path}: {exc}") from None
        too_large = True
    except OSError as exc:
        raise common.Failure(f"{path}: cannot read: {exc.strerror}") from None
    if textconv:
        # A map over the size limit is shown as it is, like any file that is not a map.
        output = Path(path).read_bytes() if too_large else convert(raw)
        sys.stdout.flush()
        sys.stdout.buffer.write(output)
        sys.stdout.buffer.flush()
        return 0
    try:
        data = load_yaml(decode(raw)).data
    except YamlError as exc:
        print(common.visible(f"{path}:{exc.position.line}:{exc.position.column}: {exc.message}"), file=sys.stderr)
        return 1
    if not (isinstance(data, dict) and "journeyctl" in data):
        print(
            f"{common.visible(path)}:1:1: not a journeyctl file: the top level has no 'journeyctl: 1' key",
            file=sys.stderr,
        )
        return 1
    if not common.STATE.quiet:  # quiet: only whether the file is a map, by exit code and error line
        common.write_output("".join(line + "\n" for line in facts(data)), None)
    return 0


def register(app: typer.Typer) -> None:
    app.command("show")(show)
