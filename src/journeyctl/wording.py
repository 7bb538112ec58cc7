"""Counted nouns in what journeyctl says: ``1 file``, ``3 files``, ``2 entries``.

Summaries of the linter, ``fmt``, ``diff``, ``paths`` and the Markdown report all count
things in English; they take their plural words from here so they say them the same way.
"""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` followed by ``singular`` when it is one, else by ``plural`` (``singular``
    plus ``s`` unless given): ``counted(2, "entry", "entries")`` is ``2 entries``."""
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"
