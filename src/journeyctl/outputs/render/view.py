"""What a diagram or report shows of one journey.

A :class:`JourneyView` is a journey seen by the renderers: optionally narrowed to one
persona's touchpoints, with emotions placed on the journey's own scale and lint findings
attached to the elements they are about. Every renderer reads the journey through it, so
the DOT, Mermaid and Markdown outputs always agree on what is shown.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING

from journeyctl.analysis.graph import Edge, JourneyGraph
from journeyctl.model import BUILTIN_CHANNELS, EmotionScale, Journey, PainPoint, Persona, Severity, Stage, Touchpoint
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Finding
from journeyctl.model.findings import Severity as FindingSeverity
from journeyctl.text.words import Words, words_for

if TYPE_CHECKING:  # only an annotation: a view without evidence loads none of it
    from journeyctl.evidence.results import Evidence

#: ColorBrewer RdBu, 7 classes: diverging and safe for colour-blind readers. Index 0 is
#: the most negative emotion, 3 neutral, 6 the most positive.
EMOTION_COLORS = ("#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac")
#: Fills dark enough to need white text.
DARK_EMOTION_CLASSES = frozenset({0, 6})
#: Fill for a touchpoint with no emotion recorded.
NO_EMOTION_COLOR = "#ffffff"
#: Outline of an element with lint findings, by its most severe finding: ColorBrewer's red
#: for errors, Okabe–Ito orange and bluish green for warnings and infos — apart in hue and
#: in lightness, so colour-blind readers tell them apart too.
FINDING_COLORS = {
    FindingSeverity.ERROR: "#d7191c",
    FindingSeverity.WARNING: "#e69f00",
    FindingSeverity.INFO: "#009e73",
}


class UnknownPersona(ValueError):
    """``--persona`` names a persona the journey does not know."""


@dataclass(frozen=True, slots=True)
class ExternalTarget:
    """A cross-journey link target: another journey (and optionally its touchpoint)."""

    journey: str
    touchpoint: str | None

    @property
    def key(self) -> str:
        return f"{self.journey}/{self.touchpoint}" if self.touchpoint else self.journey


@dataclass
class JourneyView:
    """One journey as the renderers show it."""

    doc: JourneyDoc
    persona: Persona | None = None
    findings: list[Finding] = field(default_factory=list)
    #: what an event log shows of the journey (``--evidence``), for overlays and the canvas
    evidence: Evidence | None = None

    @property
    def journey(self) -> Journey:
        return self.doc.journey

    @cached_property
    def words(self) -> Words:
        """The fixed words of the outputs, in the map's ``language``."""
        return words_for(self.journey.language)

    @cached_property
    def graph(self) -> JourneyGraph:
        return JourneyGraph(self.journey)

    @cached_property
    def touchpoints(self) -> list[Touchpoint]:
        """The touchpoints shown, in file order: with a persona, only theirs."""
        return [t for t in self.journey.touchpoints if self.shows(t)]

    @cached_property
    def shown_ids(self) -> frozenset[str]:
        return frozenset(t.id for t in self.touchpoints)

    def shows(self, touchpoint: Touchpoint) -> bool:
        """Whether the touchpoint is shown: touchpoints without ``personas`` are everyone's."""
        if self.persona is None or touchpoint.personas is None:
            return True
        return self.persona.id in touchpoint.personas

    @cached_property
    def edges(self) -> list[Edge]:
        """Transitions among shown touchpoints (and cross-journey links out of them), in file order."""
        return [
            edge for tp in self.touchpoints for edge in self.graph.outgoing[tp.id]
            if edge.target is None or edge.target in self.shown_ids
        ]

    @cached_property
    def external_targets(self) -> list[ExternalTarget]:
        """Distinct cross-journey link targets, in order of first appearance."""
        seen: dict[str, ExternalTarget] = {}
        for edge in self.edges:
            if edge.target is None:
                target = ExternalTarget(edge.transition.journey, edge.transition.touchpoint)
                seen.setdefault(target.key, target)
        return list(seen.values())

    @cached_property
    def _by_stage(self) -> dict[str, list[Touchpoint]]:
        by_stage: dict[str, list[Touchpoint]] = {s.id: [] for s in self.journey.stages}
        for tp in self.touchpoints:
            by_stage.setdefault(tp.stage, []).append(tp)
        return by_stage

    def stage_touchpoints(self, stage: Stage) -> list[Touchpoint]:
        """The shown touchpoints of ``stage``, in file order."""
        return self._by_stage.get(stage.id, [])

    @cached_property
    def in_stage_order(self) -> list[Touchpoint]:
        """Shown touchpoints by stage, then in file order within a stage."""
        order = self.graph.stage_order
        return sorted(self.touchpoints, key=lambda t: order.get(t.stage, len(order)))

    def channel_name(self, channel_id: str) -> str | None:
        """The display name of a channel, None for an unknown one: a built-in channel's in
        the map's language, a declared channel's as the map or catalog names it."""
        channel = self.doc.channels.get(channel_id)
        if channel is None:
            return None
        if BUILTIN_CHANNELS.get(channel_id) == (channel.name, channel.kind) and channel.description is None:
            return self.words[f"channel.{channel_id}"]
        return channel.name

    # -- people -----------------------------------------------------------------------

    def personas_of(self, touchpoint: Touchpoint) -> list[Persona]:
        """Who passes through the touchpoint (with a persona selected: only them)."""
        if self.persona is not None:
            return [self.persona]
        if touchpoint.personas is None:
            return self.doc.journey_personas
        return [self.doc.personas[p] for p in touchpoint.personas if p in self.doc.personas]

    # -- emotion ----------------------------------------------------------------------

    @property
    def scale(self) -> EmotionScale:
        return self.journey.emotion_scale

    def emotion_of(self, touchpoint: Touchpoint) -> float | None:
        """The one emotion shown for a touchpoint: the selected persona's, or (with no
        persona selected) the plain number or the mean of the personas' numbers."""
        return touchpoint.emotion_for(self.persona.id if self.persona is not None else None)

    def emotion_class(self, value: float | None) -> int | None:
        """The colour class (0–6) of an emotion, or None when there is none."""
        return None if value is None else emotion_class(self.scale, value)

    def emotion_color(self, value: float | None) -> str:
        level = self.emotion_class(value)
        return NO_EMOTION_COLOR if level is None else EMOTION_COLORS[level]

    # -- findings ---------------------------------------------------------------------

    @cached_property
    def findings_by_element(self) -> dict[str, list[Finding]]:
        """Findings by the element they are about; a pain point's count for its touchpoint."""
        owner_of_pain = {p.id: t.id for t in self.journey.touchpoints for p in t.pain_points}
        by_element: dict[str, list[Finding]] = {}
        for finding in self.findings:
            element = finding.element
            if element is None:
                continue
            kind, _, ident = element.partition(":")
            if kind == "pain_point" and ident in owner_of_pain:
                element = f"touchpoint:{owner_of_pain[ident]}"
            by_element.setdefault(element, []).append(finding)
        return by_element

    def findings_for(self, element: str) -> list[Finding]:
        return self.findings_by_element.get(element, [])

    def finding_severity(self, element: str) -> FindingSeverity | None:
        """The severity of the most severe finding about ``element``, if any."""
        return max((f.severity for f in self.findings_for(element)), default=None)

    @cached_property
    def outlined_severities(self) -> list[FindingSeverity]:
        """The severities an outline shows somewhere on the diagram (shown stages,
        touchpoints and transitions), most severe first."""
        elements = [f"stage:{s.id}" for s in self.journey.stages]
        elements += [f"touchpoint:{t.id}" for t in self.touchpoints]
        elements += [f"transition:{e.id}" for e in self.edges]
        used = {self.finding_severity(e) for e in elements} - {None}
        return sorted(used, reverse=True)

    # -- legend -----------------------------------------------------------------------

    def emotion_legend(self) -> list[tuple[str, str]]:
        """(fill colour, label) for every fill the shown touchpoints use: each emotion
        colour with the emotions drawn in it (``-1``, ``1, 1.5``, or ``-1.8 to -1.2`` for
        more than three), then the fill of touchpoints without an emotion."""
        values: dict[int, set] = {}
        unset = False
        for tp in self.touchpoints:
            emotion = self.emotion_of(tp)
            if emotion is None:
                unset = True
            else:
                values.setdefault(emotion_class(self.scale, emotion), set()).add(emotion)
        entries = []
        for level in sorted(values):
            shown = sorted(values[level])
            if len(shown) > 3:
                label = self.words.text("range", low=format_number(shown[0]), high=format_number(shown[-1]))
            else:
                label = ", ".join(format_number(v) for v in shown)
            entries.append((EMOTION_COLORS[level], label))
        if unset:
            entries.append((NO_EMOTION_COLOR, self.words["none"]))
        return entries


def make_view(doc: JourneyDoc, persona: str | None = None, findings: Iterable[Finding] = ()) -> JourneyView:
    """The view of ``doc``; raises :class:`UnknownPersona` for a persona it does not know."""
    selected = None
    if persona is not None:
        known = {p.id: p for p in doc.journey_personas}
        for tp in doc.journey.touchpoints:
            for pid in tp.personas or ():
                if pid in doc.personas:
                    known.setdefault(pid, doc.personas[pid])
        if persona not in known:
            names = ", ".join(sorted(known)) or "none"
            raise UnknownPersona(
                f"journey {doc.journey.id!r} has no persona {persona!r} (its personas: {names})"
            )
        selected = known[persona]
    journey_findings = [f for f in findings if f.journey == doc.journey.id]
    return JourneyView(doc, selected, journey_findings)


def emotion_position(scale: EmotionScale, value: float) -> float:
    """Where ``value`` lies on the scale: -1 at ``min``, 0 at neutral, +1 at ``max``.

    The two halves are stretched separately, so neutral is always the middle colour even
    on a scale such as 1–5 with neutral 2.
    """
    neutral = scale.neutral_value
    if value < neutral:
        return max(-1.0, (value - neutral) / (neutral - scale.min))
    if value > neutral:
        return min(1.0, (value - neutral) / (scale.max - neutral))
    return 0.0


def emotion_class(scale: EmotionScale, value: float) -> int:
    """The colour class of ``value``: 3 is neutral, 0 and 6 the ends of the scale.

    The range -1…+1 of :func:`emotion_position` is cut into seven equal bands, the middle
    one centred on neutral; the result is symmetric around neutral.
    """
    position = emotion_position(scale, value)
    level = min(3, math.floor((abs(position) * 7 + 1) / 2))
    return 3 + level if position > 0 else 3 - level


def mermaid_score(scale: EmotionScale, value: float | None) -> int:
    """The Mermaid journey score (1–5) of an emotion: linear from ``min``→1 to ``max``→5.

    The exact decimal value is rounded half up (2.5 → 3); a touchpoint without an emotion
    gets the score of the neutral emotion.
    """
    if value is None:
        value = scale.neutral_value
    low, high, exact = (Fraction(str(v)) for v in (scale.min, scale.max, value))
    score = 1 + 4 * (exact - low) / (high - low)
    return max(1, min(5, math.floor(score + Fraction(1, 2))))


def end_word(words: Words, end: str) -> str:
    """How a touchpoint ends: ``success`` and ``abandoned`` in the map's language, any
    other word of the map as written."""
    key = f"end.{end}"
    return words[key] if key in words else end


def highest_severity(pain_points: Iterable[PainPoint]) -> Severity | None:
    return max((p.severity for p in pain_points), key=lambda s: s.rank, default=None)


def format_number(value: float | int) -> str:
    """A number as written in a map: ``2``, ``-0.5``, ``3.1`` (whole floats without ``.0``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)
