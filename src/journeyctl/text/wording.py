"""Plural words and word lists in what journeyctl says: ``3 files``, ``web, email or phone``.

Summaries of the linter, ``fmt``, ``diff``, ``paths`` and the Markdown report all count
things in English, and messages list choices; they take their wording from here so they
say them the same way.
"""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` followed by ``singular`` when it is one, else by ``plural`` (``singular``
    plus ``s`` unless given): ``counted(2, "entry", "entries")`` is ``2 entries``."""
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def listed(words: list[str], conjunction: str = "or") -> str:
    """``a``, ``a or b``, ``a, b or c`` (``conjunction`` joins the last two)."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
