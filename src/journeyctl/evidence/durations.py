"""SLA durations as a map writes them (``handoff.sla``): ``90s``, ``10m``, ``4h``, ``2d``, ``1w``,
``1.5h`` or several parts, ``1h 30m``, read as seconds."""

from __future__ import annotations

import re

UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}

_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhdw])")
_WHOLE = re.compile(r"(?:\s*\d+(?:\.\d+)?\s*[smhdw])+\s*")


def sla_seconds(text: str) -> float | None:
    """The duration ``text`` names, in seconds, or ``None`` when it is not a duration."""
    if not _WHOLE.fullmatch(text):
        return None
    total = sum(float(number) * UNIT_SECONDS[unit] for number, unit in _PART.findall(text))
    return int(total) if total == int(total) else total
