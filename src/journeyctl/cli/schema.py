"""``journeyctl schema``: print the JSON Schema of journey or catalog files."""

from __future__ import annotations

import typer

from journeyctl.cli import common


def schema(
    kind: str = typer.Option("journey", "--kind", help="journey or catalog."),
) -> int:
    """Print the JSON Schema (2020-12) generated from the models."""
    from journeyctl.model.schema import schema_text

    if kind not in ("journey", "catalog"):
        raise common.Failure(f"unknown kind {kind!r} (expected journey or catalog)")
    common.write_output(schema_text(kind), None)
    return 0


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
