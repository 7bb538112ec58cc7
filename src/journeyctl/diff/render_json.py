"""A diff as JSON (``journeyctl diff --format json``, shape in docs/output.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journeyctl.diff.results import DiffResult
from journeyctl.render.escape import unicode_text
from journeyctl.strictjson import dumps


def render_json(result: DiffResult) -> str:
    """``result`` as JSON, every string valid UTF-8 (file names that are not show each
    undecodable byte as ``\\xff``)."""
    return dumps(_unicode(result.to_dict(), unicode_text), indent=2) + "\n"


def _unicode(value: Any, text: Callable[[str], str]) -> Any:
    """``value`` (JSON data) with ``text`` applied to every string in it, keys included."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, dict):
        return {_unicode(k, text): _unicode(v, text) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_unicode(v, text) for v in value]
    return value
