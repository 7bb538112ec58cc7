"""A diff in the format asked for: ``text``, ``md`` or ``json``."""

from __future__ import annotations

from journeyctl.review.diff.render_json import render_json
from journeyctl.review.diff.render_md import render_markdown
from journeyctl.review.diff.render_text import render_text
from journeyctl.review.diff.results import DiffResult
from journeyctl.text.escape import unicode_text

FORMATS = ("text", "md", "json")


def render(result: DiffResult, output_format: str) -> str:
    """``result`` as ``text`` (sentences), ``md`` (a pull-request comment) or ``json``.

    Always valid UTF-8: a file name that is not shows each undecodable byte as ``\\xff``.
    """
    if output_format == "json":
        return render_json(result)
    return unicode_text(render_markdown(result) if output_format == "md" else render_text(result))
