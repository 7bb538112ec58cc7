"""Semantic checks the models cannot express: emotions within the journey's scale (JM002),
duplicate ids (JM004) and references (JM003).

They read the raw document, not the model, so that they run whether or not the rest of the
map is valid: a typo in one field must not hide an out-of-range emotion or an unknown stage
elsewhere. Each check looks only at values of the right type (anything else is the schema's
finding), and a reference is checked only when the list it points into is a list.
"""

from __future__ import annotations

import math
import re
from collections import ChainMap
from collections.abc import Collection, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from journeyctl.loading.validate import close_matches, did_you_mean
from journeyctl.model import Lane
from journeyctl.model.findings import Problem
from journeyctl.model.journey import channel_problem, scale_problem, transition_target_problem
from journeyctl.model.types import SLUG_PATTERN


_NONE: Mapping = MappingProxyType({})


class Context(NamedTuple):
    """What a journey's references may point at, beyond the journey itself.

    None for a kind whose definitions cannot be known (its list is not a list).
    """

    personas: Mapping[str, object] | None = _NONE
    channels: Mapping[str, object] | None = _NONE
    teams: Mapping[str, object] | None = _NONE
    #: journey id → that journey's touchpoint ids, for cross-journey links
    journeys: Mapping[str, frozenset[str]] = _NONE
    #: ids of other journeys of the workspace, not loaded: suggestions for an unknown journey
    other_journeys: frozenset[str] = frozenset()


#: References that are not ids are the schema's findings, not unknown references.
_SLUG = re.compile(SLUG_PATTERN)


def mappings(data: Mapping, key: str) -> list[tuple[int, dict]]:
    """``(index, item)`` for the mappings in the list at ``data[key]`` (none if it is not a list)."""
    items = data.get(key)
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)] if isinstance(items, list) else []


def ids(data: Mapping, key: str, *, required: bool = False) -> set[str] | None:
    """The string ids of the list at ``data[key]``.

    None when it is there but not a list, or when a ``required`` list is missing: its own
    finding says so, and every reference into it would only repeat that.
    """
    items = data.get(key, None if required else [])
    if not isinstance(items, list):
        return None
    return {i for _, item in mappings(data, key) if isinstance(i := item.get("id"), str)}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _named(kind: str, item: Mapping, index: int) -> str:
    """``touchpoint 'call'``, or ``touchpoint 3 in the list`` when its id is not text."""
    ident = _text(item.get("id"))
    return f"{kind} {ident!r}" if ident is not None else f"{kind} {index + 1} in the list"


def _element(kind: str, item: Mapping) -> str | None:
    ident = _text(item.get("id"))
    return f"{kind}:{ident}" if ident is not None else None


def _real(value: Any) -> bool:
    """A finite number a float can hold: what the models accept as a number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an int beyond the floats
        return False


def emotions_out_of_scale(data: Mapping) -> Iterator[Problem]:
    """Emotions outside ``emotion_scale`` (a touchpoint cannot see its journey's scale).

    The scale's ends must be valid numbers in order; otherwise its own findings say why
    and nothing is checked against it.
    """
    scale = data.get("emotion_scale", {})
    if not isinstance(scale, dict):
        return
    low, high = scale.get("min", -2), scale.get("max", 2)
    if not (_real(low) and _real(high)) or low >= high:
        return
    for index, touchpoint in mappings(data, "touchpoints"):
        for path, what, value in _emotions(touchpoint, ("touchpoints", index, "emotion")):
            if not low <= value <= high:
                yield Problem(
                    path,
                    f"{_named('touchpoint', touchpoint, index)}: {what} is outside the journey's "
                    f"emotion scale ({low:g} to {high:g})",
                    element=_element("touchpoint", touchpoint),
                )


def _emotions(touchpoint: Mapping, path: tuple) -> Iterator[tuple[tuple, str, float]]:
    """``(data path, how a message names it, value)`` for each numeric emotion of a touchpoint:
    its plain number, or each persona's number in a per-persona mapping."""
    emotion = touchpoint.get("emotion")
    if _real(emotion):
        yield path, f"emotion {emotion:g}", emotion
    elif isinstance(emotion, dict):
        for persona, value in emotion.items():
            if _real(value):
                yield path + (persona,), f"emotion {value:g} for persona {persona!r}", value


def cross_field_problems(data: Mapping) -> Iterator[Problem]:
    """The checks of the models' own validators: the emotion scale, every touchpoint and transition.

    Pydantic skips a model's validator when any of its fields is invalid; these run anyway.
    Their problems repeat the model's, which validation reports once.
    """
    scale = data.get("emotion_scale")
    if isinstance(scale, dict):
        low, high, neutral = scale.get("min", -2), scale.get("max", 2), scale.get("neutral")
        if _real(low) and _real(high):
            problem = scale_problem(low, high, neutral if _real(neutral) else None)
            if problem:
                yield Problem(("emotion_scale",), problem)
    for t_index, touchpoint in mappings(data, "touchpoints"):
        lane = touchpoint.get("lane", Lane.FRONTSTAGE.value)
        if isinstance(lane, str) and lane in Lane._value2member_map_:
            problem = channel_problem(Lane(lane), touchpoint.get("channel"))
            if problem:
                yield Problem(("touchpoints", t_index), problem)
        for n_index, transition in mappings(touchpoint, "next"):
            problem = transition_target_problem(
                transition.get("to"), transition.get("journey"), transition.get("touchpoint")
            )
            if problem:
                yield Problem(("touchpoints", t_index, "next", n_index), problem)


def duplicate_ids(data: Mapping) -> Iterator[Problem]:
    """Ids defined twice: per kind, and across touchpoints, pain points and roadmap items."""
    yield from _duplicates_per_kind(data, (("persona", "personas"), ("channel", "channels"), ("team", "teams"),
                                           ("stage", "stages")))
    # Touchpoints, pain points and roadmap items share one namespace: `addresses` may name
    # a touchpoint or a pain point, so the two must never collide.
    shared: dict[str, str] = {}
    for path, kind, ident in _shared_ids(data):
        if ident in shared:
            yield Problem(
                path,
                f"duplicate id {ident!r}: already used by {shared[ident]} "
                "(touchpoint, pain point and roadmap ids are unique across the journey)",
                element=f"{kind.replace(' ', '_')}:{ident}",
            )
        else:
            shared[ident] = f"a {kind}"


def duplicate_activities(data: Mapping) -> Iterator[Problem]:
    """An activity name (or pattern) listed under ``events`` of two touchpoints: every
    activity it matches would be evidence of both, so no event log could be read against it."""
    first: dict[str, str] = {}
    for t_index, touchpoint in mappings(data, "touchpoints"):
        events = touchpoint.get("events")
        if not isinstance(events, list):  # the schema check reports it
            continue
        owner = _named("touchpoint", touchpoint, t_index)
        for e_index, activity in enumerate(events):
            if not isinstance(activity, str):
                continue
            if activity in first and first[activity] != owner:
                yield Problem(
                    ("touchpoints", t_index, "events", e_index),
                    f"{owner}: activity {activity!r} is already evidence of {first[activity]}: "
                    "an activity can be evidence of one touchpoint only",
                    element=_element("touchpoint", touchpoint),
                )
            first.setdefault(activity, owner)


def duplicate_catalog_ids(data: Mapping) -> Iterator[Problem]:
    """Personas, channels or teams a catalog defines twice."""
    yield from _duplicates_per_kind(data, (("persona", "personas"), ("channel", "channels"), ("team", "teams")))


def _duplicates_per_kind(data: Mapping, lists: Iterable[tuple[str, str]]) -> Iterator[Problem]:
    for kind, key in lists:
        seen: dict[str, int] = {}
        for index, item in mappings(data, key):
            ident = _text(item.get("id"))
            if ident is None:
                continue
            if ident in seen:
                yield Problem(
                    (key, index, "id"),
                    f"duplicate {kind} id {ident!r} (also {kind} {seen[ident] + 1} in the list)",
                    element=f"{kind}:{ident}",
                )
            else:
                seen[ident] = index


#: Candidates compared, in all, to suggest names for the unknown references of one document.
SUGGESTION_BUDGET = 20_000


class _Suggestions:
    """:func:`close_matches` until :data:`SUGGESTION_BUDGET` candidates were compared, then nothing.

    A suggestion compares the reference with every candidate: on a map of thousands of
    touchpoints with thousands of unknown references that is millions of comparisons
    (minutes). People fix the first ones first, so those get the suggestions: all of them
    on an ordinary map, a few on the largest.
    """

    def __init__(self) -> None:
        self.left = SUGGESTION_BUDGET

    def __call__(self, word: str, candidates: Collection[str]) -> tuple[str, ...]:
        if len(candidates) > self.left:
            self.left = 0
            return ()
        self.left -= len(candidates)
        return close_matches(word, candidates)


def unknown_catalog_references(data: Mapping, channels: Mapping[str, object]) -> Iterator[Problem]:
    """Preferred channels of a catalog's personas that no channel at the catalog's folder defines."""
    hint = _Suggestions()
    for index, persona in mappings(data, "personas"):
        for c_index, channel in _strings(persona, "preferred_channels"):
            if channel not in channels and _SLUG.fullmatch(channel):
                matches = hint(channel, channels)
                yield Problem(
                    ("personas", index, "preferred_channels", c_index),
                    f"{_named('persona', persona, index)}: unknown channel {channel!r}{did_you_mean(matches)}",
                    element=_element("persona", persona), suggestions=matches,
                )


def _strings(data: Mapping, key: str) -> list[tuple[int, str]]:
    """``(index, text)`` for the strings in the list at ``data[key]``."""
    items = data.get(key)
    return [(i, item) for i, item in enumerate(items) if isinstance(item, str)] if isinstance(items, list) else []


def _shared_ids(data: Mapping) -> Iterator[tuple[tuple, str, str]]:
    touchpoints = mappings(data, "touchpoints")
    for t_index, touchpoint in touchpoints:
        if isinstance(ident := touchpoint.get("id"), str):
            yield ("touchpoints", t_index, "id"), "touchpoint", ident
    for t_index, touchpoint in touchpoints:
        for p_index, pain in mappings(touchpoint, "pain_points"):
            if isinstance(ident := pain.get("id"), str):
                yield ("touchpoints", t_index, "pain_points", p_index, "id"), "pain point", ident
    for r_index, item in mappings(data, "roadmap"):
        if isinstance(ident := item.get("id"), str):
            yield ("roadmap", r_index, "id"), "roadmap item", ident


def _emotion_personas(
    tp: Mapping, base: tuple, context: Context, journey_personas: set | None, owner: str, element: str | None,
    check: Any,
) -> Iterator[Problem]:
    """The persona ids of a per-persona emotion that are not the journey's personas, or
    that do not pass through the touchpoint (its own ``personas`` list)."""
    emotion = tp.get("emotion")
    if not isinstance(emotion, dict):
        return
    passing = {p for _, p in _strings(tp, "personas")} if isinstance(tp.get("personas"), list) else None
    for persona in emotion:
        if not (isinstance(persona, str) and _SLUG.fullmatch(persona)):
            continue
        path = base + ("emotion", persona)
        if context.personas is not None and journey_personas is not None and \
                persona in context.personas and persona not in journey_personas:
            yield Problem(
                path,
                f"{owner}: an emotion for persona {persona!r}, who is not one of the journey's personas: "
                "add it to the top-level 'personas' list",
                element=element, at_key=True,
            )
        elif journey_personas is not None and persona in journey_personas and passing is not None \
                and persona not in passing:
            yield Problem(
                path,
                f"{owner}: an emotion for persona {persona!r}, who does not pass through this touchpoint: "
                "add the persona to the touchpoint's 'personas' or remove the emotion",
                element=element, at_key=True,
            )
        else:
            yield from (
                Problem(problem.path, problem.message, element=problem.element, at_key=True,
                        suggestions=problem.suggestions)
                for problem in check(path, "persona", persona, journey_personas, owner, element)
            )


def _id_of(item: Any) -> Any:
    return item.get("id") if isinstance(item, dict) else None


def inline_context(data: Mapping, context: Context) -> Context:
    """``context`` with the personas, channels and teams the journey defines itself (inline wins).

    A list that is not a list makes its kind unknowable: references to it are not checked.
    """
    def merged(key: str, outer: Mapping[str, object] | None) -> Mapping[str, object] | None:
        own = ids(data, key)
        if own is None or outer is None:
            return None
        # Laid over the catalogs' definitions without copying them: they may be far bigger.
        return ChainMap(dict.fromkeys(own, True), outer) if own else outer

    return Context(
        merged("personas", context.personas), merged("channels", context.channels),
        merged("teams", context.teams), context.journeys, context.other_journeys,
    )


def unknown_references(data: Mapping, context: Context) -> Iterator[Problem]:
    """Every reference of the journey that does not resolve.

    ``context`` already holds the journey's own personas, channels and teams (see
    :func:`inline_context`); a kind it holds as None is not checked.
    """
    stages = ids(data, "stages", required=True)
    touchpoints = ids(data, "touchpoints", required=True)
    raw_personas = data.get("personas", [])
    journey_personas = (  # an id that is not text is reported by the schema, and names nothing
        {i for p in raw_personas if isinstance(i := p if isinstance(p, str) else _id_of(p), str)}
        if isinstance(raw_personas, list) else None
    )
    hint = _Suggestions()

    def check(path: tuple, what: str, ref: Any, known: Collection | None, owner: str, element: str | None) -> Iterator[Problem]:
        if isinstance(ref, str) and known is not None and ref not in known and _SLUG.fullmatch(ref):
            matches = hint(ref, known)
            yield Problem(
                path, f"{owner}: unknown {what} {ref!r}{did_you_mean(matches)}", element=element, suggestions=matches,
            )

    ident = _text(data.get("id"))
    this, this_element = (f"journey {ident!r}", f"journey:{ident}") if ident else ("the journey", None)
    yield from check(("owner",), "team", data.get("owner"), context.teams, this, this_element)
    for index, persona in (enumerate(raw_personas) if isinstance(raw_personas, list) else ()):
        if isinstance(persona, str):
            yield from check(("personas", index), "persona", persona, context.personas, this, this_element)
        elif isinstance(persona, dict):
            for c_index, channel in _strings(persona, "preferred_channels"):
                yield from check(
                    ("personas", index, "preferred_channels", c_index), "channel", channel, context.channels,
                    _named("persona", persona, index), _element("persona", persona),
                )
    for t_index, tp in mappings(data, "touchpoints"):
        base = ("touchpoints", t_index)
        owner, element = _named("touchpoint", tp, t_index), _element("touchpoint", tp)
        source = _text(tp.get("id"))
        yield from check(base + ("stage",), "stage", tp.get("stage"), stages, owner, element)
        yield from check(base + ("channel",), "channel", tp.get("channel"), context.channels, owner, element)
        yield from check(base + ("owner",), "team", tp.get("owner"), context.teams, owner, element)
        for p_index, persona in _strings(tp, "personas"):
            if context.personas is not None and journey_personas is not None and \
                    persona in context.personas and persona not in journey_personas and _SLUG.fullmatch(persona):
                # A touchpoint's personas are a subset of the journey's: the renderers, the
                # persona rules and `--persona` all start from the journey's list.
                yield Problem(
                    base + ("personas", p_index),
                    f"{owner}: persona {persona!r} is not one of the journey's personas: add it to the "
                    "top-level 'personas' list",
                    element=element,
                )
                continue
            yield from check(base + ("personas", p_index), "persona", persona, journey_personas, owner, element)
        yield from _emotion_personas(tp, base, context, journey_personas, owner, element, check)
        raw_next = tp.get("next")
        for n_index, transition in (enumerate(raw_next) if isinstance(raw_next, list) else ()):
            path = base + ("next", n_index)
            if isinstance(transition, str):
                transition = {"to": transition}
            elif not isinstance(transition, dict):
                continue
            to, journey = transition.get("to"), transition.get("journey")
            if to is not None:
                yield from check(
                    path + ("to",), "touchpoint", to, touchpoints, owner,
                    f"transition:{source}->{to}" if source is not None and isinstance(to, str) else None,
                )
            elif isinstance(journey, str):
                link = f"transition:{source}->journey:{journey}" if source is not None else None
                target = context.journeys.get(journey)
                wanted = transition.get("touchpoint")
                if target is None and _SLUG.fullmatch(journey):
                    matches = hint(journey, context.other_journeys.union(context.journeys))
                    yield Problem(
                        path + ("journey",), f"{owner}: unknown journey {journey!r}{did_you_mean(matches)}",
                        element=link, suggestions=matches,
                    )
                elif isinstance(wanted, str) and wanted not in target:
                    matches = hint(wanted, target)
                    yield Problem(
                        path + ("touchpoint",),
                        f"{owner}: journey {journey!r} has no touchpoint {wanted!r}{did_you_mean(matches)}",
                        element=f"{link}/{wanted}" if link else None, suggestions=matches,
                    )
    pain_points = {
        i for _, tp in mappings(data, "touchpoints") for _, p in mappings(tp, "pain_points")
        if isinstance(i := p.get("id"), str)
    }
    # built once: every roadmap address is looked up in it
    addressable = None if touchpoints is None else pain_points | touchpoints
    for r_index, item in mappings(data, "roadmap"):
        owner, element = _named("roadmap item", item, r_index), _element("roadmap_item", item)
        yield from check(("roadmap", r_index, "owner"), "team", item.get("owner"), context.teams, owner, element)
        for a_index, ref in _strings(item, "addresses"):
            yield from check(
                ("roadmap", r_index, "addresses", a_index), "pain point or touchpoint", ref,
                addressable, owner, element,
            )
