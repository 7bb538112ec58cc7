"""JSON Schema (2020-12) of journeyctl files, generated from the models."""

from __future__ import annotations

from journeyctl import __version__
from journeyctl.text.strictjson import dumps

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def schema(kind: str) -> dict:
    """The JSON Schema for ``kind`` (``journey`` or ``catalog``)."""
    from journeyctl.model import Catalog, Journey

    model = Journey if kind == "journey" else Catalog
    document = model.model_json_schema(mode="validation")
    ordered = {
        "$schema": SCHEMA_URL,
        "$id": f"https://journeyctl.dev/schemas/v1/{kind}.schema.json",
        "title": f"journeyctl {kind} file (format v1)",
        "x-journeyctl-version": __version__,
    }
    ordered.update((k, v) for k, v in document.items() if k != "title")
    return ordered


def schema_text(kind: str) -> str:
    return dumps(schema(kind), indent=2) + "\n"
