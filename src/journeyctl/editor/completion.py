"""What to offer where an id or an enum value is expected.

The place comes from :func:`~journeyctl.editor.context.cursor_context` (the text around
the cursor, which need not parse); the ids from the workspace's symbol index as last built.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from journeyctl.analysis.symbols import (
    CHANNEL,
    JOURNEY,
    PAIN_POINT,
    PERSONA,
    STAGE,
    TEAM,
    TOUCHPOINT,
    Symbol,
    SymbolIndex,
)
from journeyctl.editor.context import CursorContext
from journeyctl.editor.session import Session
from journeyctl.model import (
    BUILTIN_CHANNELS,
    ChannelKind,
    JourneyState,
    JourneyStatus,
    Lane,
    Lifecycle,
    Priority,
    RoadmapStatus,
    Severity,
)

_ENDS = ("success", "abandoned")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One completion: the text to insert, what it is, and a word about it."""

    label: str
    kind: str  # a symbol kind, or "value" for an enum value
    detail: str = ""


def candidates(session: Session, location: Path, context: CursorContext) -> list[Candidate]:
    """What may be written at ``context`` in the file at ``location``, sorted, filtered by
    the prefix typed so far."""
    found = _offer(session, location, context)
    return sorted((c for c in found if c.label.startswith(context.prefix)), key=lambda c: c.label)


def _offer(session: Session, location: Path, context: CursorContext) -> list[Candidate]:
    key, parents = context.key, context.parents
    section = parents[0] if parents else None
    if context.in_key:
        return _ids(session, location, context.prefix, PERSONA) if key == "emotion" else []
    if key is None:
        return []
    values = _enum_values(key, section, parents)
    if values is not None:
        return [Candidate(v, "value") for v in values]
    if key == "stage" and section == "touchpoints":
        return _ids(session, location, context.prefix, STAGE)
    if key in ("channel", "preferred_channels"):
        return _ids(session, location, context.prefix, CHANNEL)
    if key == "owner":
        return _ids(session, location, context.prefix, TEAM)
    if key == "personas" and section in (None, "touchpoints"):
        return _ids(session, location, context.prefix, PERSONA)
    if key in ("next", "to") and section == "touchpoints":
        return _ids(session, location, context.prefix, TOUCHPOINT)
    if key == "journey" and "next" in parents:
        return _ids(session, location, context.prefix, JOURNEY)
    if key == "touchpoint" and "next" in parents and context.linked_journey:
        home = session.index(location).journey_home(context.linked_journey)
        return _ids(session, home, context.prefix, TOUCHPOINT) if home is not None else []
    if key == "addresses" and section == "roadmap":
        return [c for kind in (PAIN_POINT, TOUCHPOINT) for c in _ids(session, location, context.prefix, kind)]
    return []


def _enum_values(key: str, section: str | None, parents: tuple[str, ...]) -> list[str] | None:
    chosen: type[enum.Enum] | None = None
    if key == "lane":
        chosen = Lane
    elif key == "severity" and "pain_points" in parents:
        chosen = Severity
    elif key == "priority":
        chosen = Priority
    elif key == "status":
        chosen = RoadmapStatus if section == "roadmap" else JourneyStatus if section is None else None
    elif key == "state" and section is None:
        chosen = JourneyState
    elif key == "lifecycle":
        chosen = Lifecycle
    elif key == "kind":
        if section == "channels":
            chosen = ChannelKind
        elif section is None:
            return ["catalog", "journey"]
    elif key == "end" and section == "touchpoints":
        return list(_ENDS)
    return [member.value for member in chosen] if chosen is not None else None


def _ids(session: Session, location: Path, prefix: str, kind: str) -> list[Candidate]:
    index = session.index(location)
    return [
        Candidate(ident, kind, _detail(index, symbol)) for ident, symbol in index.visible(kind, location).items()
        if ident.startswith(prefix)
    ]


def _detail(index: SymbolIndex, symbol: Symbol) -> str:
    """A short word about the id: its name, or where it comes from."""
    if symbol.kind == CHANNEL and symbol.home is None and symbol.id in BUILTIN_CHANNELS:
        return f"{BUILTIN_CHANNELS[symbol.id][0]} (built-in)"
    definition = index.definition(symbol)
    return definition.name or "" if definition is not None else ""
