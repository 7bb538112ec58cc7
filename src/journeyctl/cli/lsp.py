"""``journeyctl lsp``: the language server for editors, over stdio."""

from __future__ import annotations

from pathlib import Path

import typer

from journeyctl.cli import common


def lsp(
    stdio: bool = typer.Option(
        True, "--stdio", help="Speak over stdin and stdout (the default, and the only way; accepted for clients that pass it).",
    ),
) -> int:
    """Run the language server (diagnostics, completion, hover, definitions, references, rename)."""
    try:
        from journeyctl.editor.server import serve
    except ImportError as exc:
        raise common.Failure(
            f"the language server needs the 'lsp' extra ({exc.name} is missing): pip install 'journeyctl[lsp]'"
        ) from None
    serve(Path(common.STATE.config).resolve() if common.STATE.config else None)
    return 0


def register(app: typer.Typer) -> None:
    app.command("lsp")(lsp)
