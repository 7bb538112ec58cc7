"""``journeyctl evidence`` in JSON, text and Markdown (docs/output.md), and the overlays it
lays on renders and reports."""

from __future__ import annotations

from collections.abc import Callable

from journeyctl.evidence.results import Evidence


def formatter(name: str) -> Callable[[Evidence, str], str] | None:
    """The function writing ``name`` (json, text, md) output, or None for an unknown format."""
    if name == "json":
        from journeyctl.outputs.evidence.as_json import evidence_json

        return evidence_json
    if name == "text":
        from journeyctl.outputs.evidence.as_text import evidence_text

        return evidence_text
    if name == "md":
        from journeyctl.outputs.evidence.as_markdown import evidence_markdown

        return evidence_markdown
    return None


FORMATS = ("text", "json", "md")
