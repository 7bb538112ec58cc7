"""What ``journeyctl evidence`` finds: plain data, shared by its outputs, the overlays on
renders and reports, and the lint rules that read evidence."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChannelUse:
    """Events of a touchpoint seen on one channel of the log."""

    channel: str
    events: int


@dataclass(frozen=True)
class TouchpointEvidence:
    """One touchpoint of the map as the log shows it."""

    id: str
    cases: int
    visits: int
    events: int
    drop_offs: int
    drop_off_rate: float | None  # None: no case visited it
    channel: str | None  # the channel the map gives it
    channels: tuple[ChannelUse, ...]  # the channels the log shows, most events first


@dataclass(frozen=True)
class TransitionEvidence:
    """A transition observed in the log, or mapped and never observed (``count`` 0)."""

    source: str
    target: str
    mapped: bool
    cases: int
    count: int
    median_seconds: float | None
    p90_seconds: float | None
    sla_seconds: float | None
    over_sla_rate: float | None  # None: no SLA, or no observation

    @property
    def undocumented(self) -> bool:
        return not self.mapped

    @property
    def unused(self) -> bool:
        return self.mapped and self.count == 0


@dataclass(frozen=True)
class UnmappedActivity:
    """An activity of the log that is evidence of no touchpoint."""

    activity: str
    events: int


@dataclass(frozen=True)
class Variant:
    """A sequence of visits, and how many cases took exactly it."""

    touchpoints: tuple[str, ...]
    cases: int


@dataclass(frozen=True)
class Fitness:
    """How many cases the map explains: they start at an entry, end at an end and take
    mapped transitions only."""

    fitting_cases: int
    rate: float | None  # None: the log has no case
    top_variants: tuple[Variant, ...]  # the most frequent variants that do not fit


@dataclass(frozen=True)
class Evidence:
    """A journey held against an event log."""

    journey: str
    cases: int
    events: int
    unmapped_events: int
    touchpoints: tuple[TouchpointEvidence, ...]
    transitions: tuple[TransitionEvidence, ...]
    unmapped_activities: tuple[UnmappedActivity, ...]
    fitness: Fitness
    has_channels: bool  # the log gives a channel for at least one event of a touchpoint
    unread_slas: tuple[tuple[str, str, str], ...] = ()  # (from, to, sla) whose SLA is not a duration

    def touchpoint(self, ident: str) -> TouchpointEvidence | None:
        return next((t for t in self.touchpoints if t.id == ident), None)

    def transition(self, source: str, target: str) -> TransitionEvidence | None:
        return next((t for t in self.transitions if (t.source, t.target) == (source, target)), None)


class EvidenceError(Exception):
    """The log cannot be read against the map (one line, shown to the user as is)."""
