"""Recognising a journeyctl file by its text, even one too broken to parse.

A file found by walking a folder is ours when its top level has a ``journeyctl:`` key.
When it parses, the loaded data says so; when it does not (invalid YAML, too large,
unreadable), only its text can, and then it is reported only if it was clearly meant
for journeyctl, while other YAML files beside the maps are skipped in silence. Lint and
fmt answer that question here, so the same file is treated the same way by both.
"""

from __future__ import annotations

import re
from pathlib import Path

from journeyctl.loading.files import read_limited
from journeyctl.loading.yaml_errors import YamlError, decode

#: A top-level ``journeyctl:`` key, as text: the file may be too broken to parse.
_JOURNEYCTL_KEY = re.compile(r"^\ufeff?[\"']?journeyctl[\"']?[ \t]*:", re.MULTILINE)
#: Enough of a file's start to find its top-level keys without reading all of a huge one.
OPENING_BYTES = 65536


def meant_for_journeyctl(text: str) -> bool:
    """Whether ``text`` has a top-level ``journeyctl:`` key."""
    return _JOURNEYCTL_KEY.search(text) is not None


def readable_text(raw: bytes) -> str:
    """``raw`` decoded as the loader would (UTF-16 and UTF-32 files too), or as UTF-8 with
    replacement characters where it cannot be."""
    try:
        return decode(raw)
    except YamlError:
        return raw.decode("utf-8", errors="replace")


def opening_text(location: Path) -> str:
    """The readable text of the start of the file at ``location``; empty if it cannot be read."""
    try:
        raw = read_limited(location, OPENING_BYTES, truncate=True)
    except OSError:
        return ""
    return readable_text(raw)
