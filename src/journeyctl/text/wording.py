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


_DURATION_UNITS = (("d", 86400), ("h", 3600), ("m", 60))


def duration(seconds: float | None) -> str:
    """A duration as people read it: ``45s``, ``3m 30s``, ``1h 25m 0.25s``, ``2d 4h``
    (``–`` for none); seconds to the millisecond."""
    if seconds is None:
        return "–"
    sign, rest = ("-" if seconds < 0 else ""), round(abs(seconds), 3)
    parts = []
    for unit, size in _DURATION_UNITS:
        whole = int(rest // size)
        if whole:
            parts.append(f"{whole}{unit}")
            rest = round(rest - whole * size, 3)
    if rest or not parts:
        parts.append(f"{rest:.3f}".rstrip("0").rstrip(".") + "s")
    return sign + " ".join(parts)


def percent(share: float | None) -> str:
    """A share between 0 and 1 as a percentage with one decimal: ``33.3%`` (``–`` for none)."""
    return "–" if share is None else f"{share * 100:.1f}%"
