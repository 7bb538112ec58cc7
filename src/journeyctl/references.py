"""Semantic checks the models cannot express: emotions within the journey's scale (JM002),
duplicate ids (JM004) and references (JM003)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from journeyctl.model import Catalog, Journey
from journeyctl.validate import Problem, suggest


@dataclass(slots=True)
class Context:
    """What a journey's references may point at, beyond the journey itself."""

    personas: Mapping[str, object] = field(default_factory=dict)
    channels: Mapping[str, object] = field(default_factory=dict)
    teams: Mapping[str, object] = field(default_factory=dict)
    #: journey id → that journey's touchpoint ids, for cross-journey links
    journeys: Mapping[str, frozenset[str]] = field(default_factory=dict)


def emotions_out_of_scale(journey: Journey) -> Iterator[Problem]:
    """Emotions outside ``emotion_scale`` (a touchpoint cannot see its journey's scale)."""
    scale = journey.emotion_scale
    for index, touchpoint in enumerate(journey.touchpoints):
        if touchpoint.emotion is not None and not scale.min <= touchpoint.emotion <= scale.max:
            yield Problem(
                ("touchpoints", index, "emotion"),
                f"touchpoint {touchpoint.id!r}: emotion {touchpoint.emotion:g} is outside the journey's "
                f"emotion scale ({scale.min:g} to {scale.max:g})",
                element=f"touchpoint:{touchpoint.id}",
            )


def duplicate_ids(journey: Journey) -> Iterator[Problem]:
    """Ids defined twice: per kind, and across touchpoints, pain points and roadmap items."""
    yield from _duplicates_per_kind((
        ("persona", journey.personas, "personas"),
        ("channel", journey.channels, "channels"),
        ("team", journey.teams, "teams"),
        ("stage", journey.stages, "stages"),
    ))
    # Touchpoints, pain points and roadmap items share one namespace: `addresses` may name
    # a touchpoint or a pain point, so the two must never collide.
    shared: dict[str, str] = {}
    for path, kind, ident in _shared_ids(journey):
        if ident in shared:
            yield Problem(
                path,
                f"duplicate id {ident!r}: already used by {shared[ident]} "
                "(touchpoint, pain point and roadmap ids are unique across the journey)",
                element=f"{kind.replace(' ', '_')}:{ident}",
            )
        else:
            shared[ident] = f"a {kind}"


def duplicate_catalog_ids(catalog: Catalog) -> Iterator[Problem]:
    """Personas, channels or teams a catalog defines twice."""
    yield from _duplicates_per_kind((
        ("persona", catalog.personas, "personas"),
        ("channel", catalog.channels, "channels"),
        ("team", catalog.teams, "teams"),
    ))


def _duplicates_per_kind(lists: Iterable[tuple[str, Sequence, str]]) -> Iterator[Problem]:
    for kind, items, prefix in lists:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if isinstance(item, str):
                continue
            if item.id in seen:
                yield Problem(
                    (prefix, index, "id"),
                    f"duplicate {kind} id {item.id!r} (also {kind} {seen[item.id] + 1} in the list)",
                    element=f"{kind}:{item.id}",
                )
            else:
                seen[item.id] = index


#: Candidates compared, in all, to suggest names for the unknown references of one document.
SUGGESTION_BUDGET = 20_000


class _Suggestions:
    """:func:`suggest` until :data:`SUGGESTION_BUDGET` candidates were compared, then nothing.

    A suggestion compares the reference with every candidate: on a map of thousands of
    touchpoints with thousands of unknown references that is millions of comparisons
    (minutes). People fix the first ones first, so those get the suggestions: all of them
    on an ordinary map, a few on the largest.
    """

    def __init__(self) -> None:
        self.left = SUGGESTION_BUDGET

    def __call__(self, word: str, candidates: Collection[str]) -> str:
        if len(candidates) > self.left:
            self.left = 0
            return ""
        self.left -= len(candidates)
        return suggest(word, candidates)


def unknown_catalog_references(catalog: Catalog, channels: Mapping[str, object]) -> Iterator[Problem]:
    """Preferred channels of a catalog's personas that no channel at the catalog's folder defines."""
    hint = _Suggestions()
    for index, persona in enumerate(catalog.personas):
        for c_index, channel in enumerate(persona.preferred_channels):
            if channel not in channels:
                yield Problem(
                    ("personas", index, "preferred_channels", c_index),
                    f"persona {persona.id!r}: unknown channel {channel!r}{hint(channel, channels)}",
                    element=f"persona:{persona.id}",
                )


def _shared_ids(journey: Journey) -> Iterator[tuple[tuple, str, str]]:
    for t_index, touchpoint in enumerate(journey.touchpoints):
        yield ("touchpoints", t_index, "id"), "touchpoint", touchpoint.id
    for t_index, touchpoint in enumerate(journey.touchpoints):
        for p_index, pain in enumerate(touchpoint.pain_points):
            yield ("touchpoints", t_index, "pain_points", p_index, "id"), "pain point", pain.id
    for r_index, item in enumerate(journey.roadmap):
        yield ("roadmap", r_index, "id"), "roadmap item", item.id


def unknown_references(journey: Journey, context: Context) -> Iterator[Problem]:
    """Every reference of the journey that does not resolve."""
    stages = {s.id for s in journey.stages}
    touchpoints = {t.id for t in journey.touchpoints}
    pain_points = {p.id for t in journey.touchpoints for p in t.pain_points}
    journey_personas = {p if isinstance(p, str) else p.id for p in journey.personas}
    hint = _Suggestions()

    def check(
        path: tuple, what: str, ref: str, known: Mapping | set, owner: str, element: str
    ) -> Iterator[Problem]:
        if ref not in known:
            yield Problem(path, f"{owner}: unknown {what} {ref!r}{hint(ref, known)}", element=element)

    this = f"journey:{journey.id}"
    if journey.owner is not None:
        yield from check(("owner",), "team", journey.owner, context.teams, f"journey {journey.id!r}", this)
    for index, persona in enumerate(journey.personas):
        if isinstance(persona, str):
            yield from check(
                ("personas", index), "persona", persona, context.personas, f"journey {journey.id!r}", this
            )
            continue
        for c_index, channel in enumerate(persona.preferred_channels):
            yield from check(
                ("personas", index, "preferred_channels", c_index), "channel", channel, context.channels,
                f"persona {persona.id!r}", f"persona:{persona.id}",
            )
    for t_index, tp in enumerate(journey.touchpoints):
        base = ("touchpoints", t_index)
        owner, element = f"touchpoint {tp.id!r}", f"touchpoint:{tp.id}"
        yield from check(base + ("stage",), "stage", tp.stage, stages, owner, element)
        if tp.channel is not None:
            yield from check(base + ("channel",), "channel", tp.channel, context.channels, owner, element)
        if tp.owner is not None:
            yield from check(base + ("owner",), "team", tp.owner, context.teams, owner, element)
        for p_index, persona in enumerate(tp.personas or ()):
            if persona in context.personas and persona not in journey_personas:
                # A touchpoint's personas are a subset of the journey's: the renderers, the
                # persona rules and `--persona` all start from the journey's list.
                yield Problem(
                    base + ("personas", p_index),
                    f"{owner}: persona {persona!r} is not one of the journey's personas: add it to the "
                    "top-level 'personas' list",
                    element=element,
                )
                continue
            yield from check(
                base + ("personas", p_index), "persona", persona, journey_personas, owner, element
            )
        for n_index, transition in enumerate(tp.next):
            path = base + ("next", n_index)
            if transition.to is not None:
                yield from check(
                    path + ("to",), "touchpoint", transition.to, touchpoints, owner,
                    f"transition:{tp.id}->{transition.to}",
                )
            elif transition.journey is not None:
                link = f"transition:{tp.id}->journey:{transition.journey}"
                target = context.journeys.get(transition.journey)
                if target is None:
                    yield from check(
                        path + ("journey",), "journey", transition.journey, context.journeys, owner, link
                    )
                elif transition.touchpoint is not None and transition.touchpoint not in target:
                    yield Problem(
                        path + ("touchpoint",),
                        f"{owner}: journey {transition.journey!r} has no touchpoint {transition.touchpoint!r}"
                        f"{hint(transition.touchpoint, target)}",
                        element=f"{link}/{transition.touchpoint}",
                    )
    addressable = pain_points | touchpoints  # built once: every roadmap address is looked up in it
    for r_index, item in enumerate(journey.roadmap):
        owner, element = f"roadmap item {item.id!r}", f"roadmap_item:{item.id}"
        if item.owner is not None:
            yield from check(("roadmap", r_index, "owner"), "team", item.owner, context.teams, owner, element)
        for a_index, ref in enumerate(item.addresses):
            yield from check(
                ("roadmap", r_index, "addresses", a_index), "pain point or touchpoint", ref,
                addressable, owner, element,
            )
