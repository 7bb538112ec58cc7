"""The journeyctl file format as pydantic models, re-exported here for every layer.

The types that several layers share live beside them, each in a module of its own:
findings, the source map, documents, lint results and rules.
"""

from journeyctl.model.journey import (
    BUILTIN_CHANNELS,
    Catalog,
    Channel,
    ChannelKind,
    EmotionScale,
    Handoff,
    Journey,
    JourneyState,
    JourneyStatus,
    Lane,
    Lifecycle,
    Outcomes,
    PainPoint,
    Persona,
    Priority,
    RoadmapItem,
    RoadmapStatus,
    Severity,
    Stage,
    Team,
    Touchpoint,
    Transition,
)
from journeyctl.model.types import milestone_deadline

__all__ = [
    "BUILTIN_CHANNELS",
    "Catalog",
    "Channel",
    "ChannelKind",
    "EmotionScale",
    "Handoff",
    "Journey",
    "JourneyState",
    "JourneyStatus",
    "Lane",
    "Lifecycle",
    "Outcomes",
    "PainPoint",
    "Persona",
    "Priority",
    "RoadmapItem",
    "RoadmapStatus",
    "Severity",
    "Stage",
    "Team",
    "Touchpoint",
    "Transition",
    "milestone_deadline",
]
