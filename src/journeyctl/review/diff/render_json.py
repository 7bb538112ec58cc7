"""A diff as JSON (``journeyctl diff --format json``, shape in docs/output.md)."""

from __future__ import annotations

from journeyctl.review.diff.results import DiffResult
from journeyctl.text.strictjson import dumps


def render_json(result: DiffResult) -> str:
    """``result`` as JSON, every string valid UTF-8 (file names that are not show each
    undecodable byte as ``\\xff``, as every JSON writer does: :func:`~journeyctl.text.strictjson.dumps`)."""
    return dumps(result.to_dict(), indent=2) + "\n"
