"""A journey held against an event log, computed as queries (docs/evidence.md).

The log is an Ibis table with the columns ``case_id``, ``activity``, ``ts``, ``channel``
(may be null) and ``seq`` (the row's place in the file, which breaks timestamp ties). Every
step is an Ibis expression, so the same queries run on DuckDB and on any other Ibis
backend; Python only loops over the map (its touchpoints and transitions) and over the
small aggregated results. Three passes read the events: one counts them per activity and
channel, one counts the cases, and one window pass over each case's mapped events in
order (previous and next touchpoint, next timestamp, place) keeps the events that begin or
end a visit (``cache``); the per-touchpoint, per-transition and per-case counts read those.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable
from typing import Any

from journeyctl.evidence.durations import sla_seconds
from journeyctl.evidence.patterns import glob_regex, is_glob, matches
from journeyctl.evidence.results import (
    ChannelUse,
    Evidence,
    EvidenceError,
    Fitness,
    TouchpointEvidence,
    TransitionEvidence,
    UnmappedActivity,
    Variant,
)
from journeyctl.model import Journey

#: How many of the most frequent non-fitting variants a result lists.
TOP_VARIANTS = 5
#: Durations and rates are given to the millisecond and to six places, so that engines
#: that add up floating-point numbers in another order still give the same result.
SECONDS_PLACES = 3
RATE_PLACES = 6
#: Events of one case are numbered with at most this many digits.
VISIT_DIGITS = 10


def compute_evidence(journey: Journey, table: Any, *, top_variants: int = TOP_VARIANTS) -> Evidence:
    """The evidence ``table`` (an event log, see the module) gives for ``journey``.

    Raises :class:`EvidenceError` when an activity of the log is evidence of two touchpoints.
    """
    import ibis

    cached = []
    try:
        activities = table.group_by(["activity", "channel"]).aggregate(events=ibis._.count()).cache()
        cached.append(activities)
        mapping = _activity_mapping(journey, activities.group_by("activity").aggregate(events=ibis._.events.sum()))
        _refuse_ambiguous(journey, mapping)
        mapped = mapping.filter(mapping.touchpoint.notnull()).select("activity", "touchpoint")

        per_activity = _rows(mapping.filter(mapping.touchpoint.isnull()).select("activity", "events"))
        events = _scalar(activities.events.sum()) or 0
        unmapped_events = sum(row["events"] for row in per_activity)
        cases = _scalar(table.case_id.nunique()) or 0
        channel_rows = _rows(
            activities.filter(activities.channel.notnull())
            .inner_join(mapped, "activity")
            .group_by(["touchpoint", "channel"])
            .aggregate(events=ibis._.events.sum())
        )
        touchpoint_events = _rows(
            activities.inner_join(mapped, "activity").group_by("touchpoint").aggregate(events=ibis._.events.sum())
        )
        visits = _visits(journey, table.select("case_id", "activity", "ts", "seq").inner_join(mapped, "activity")).cache()
        cached.append(visits)
        touchpoint_rows = {row["touchpoint"]: row for row in _rows(_per_touchpoint(journey, visits))}
        for row in touchpoint_events:
            touchpoint_rows.setdefault(row["touchpoint"], {})["events"] = row["events"]
        transition_rows = _rows(_per_transition(journey, visits))
        fitting, with_visits, variants = _fitness(journey, visits, top_variants)
    finally:
        for table_kept in reversed(cached):
            _release(table_kept)
    return Evidence(
        journey=journey.id,
        cases=cases,
        events=events,
        unmapped_events=unmapped_events,
        touchpoints=_touchpoints(journey, touchpoint_rows, channel_rows),
        transitions=_transitions(journey, transition_rows),
        unmapped_activities=tuple(
            UnmappedActivity(row["activity"], row["events"])
            for row in sorted(
                (r for r in per_activity if r["activity"] is not None), key=lambda r: (-r["events"], r["activity"])
            )
        ),
        fitness=_fitness_result(cases, fitting, with_visits, variants, top_variants),
        has_channels=bool(channel_rows),
        unread_slas=tuple(
            (tp.id, t.to, t.handoff.sla)
            for tp, t in _mapped_transitions(journey)
            if t.handoff is not None and t.handoff.sla and sla_seconds(t.handoff.sla) is None
        ),
    )


# -- activities → touchpoints ------------------------------------------------------------


def _activity_mapping(journey: Journey, activities: Any) -> Any:
    """``activities`` (activity, events) with the touchpoint each is evidence of (null: none)
    and how many touchpoints claim it (``claims``)."""
    import ibis

    activity = activities.activity
    claims = []
    for touchpoint in journey.touchpoints:
        if not touchpoint.events:
            continue
        tests = [activity.re_search(glob_regex(p)) if is_glob(p) else activity == p for p in touchpoint.events]
        claims.append((touchpoint.id, functools.reduce(operator.or_, tests).fill_null(False)))
    if not claims:
        return activities.mutate(touchpoint=ibis.null("string"), claims=ibis.literal(0))
    return activities.mutate(
        touchpoint=ibis.cases(*((claim, ident) for ident, claim in claims), else_=ibis.null("string")),
        claims=functools.reduce(operator.add, (claim.cast("int64") for _, claim in claims)),
    )


def _refuse_ambiguous(journey: Journey, mapping: Any) -> None:
    rows = _rows(mapping.filter(mapping.claims > 1).select("activity").order_by("activity").limit(4))
    if not rows:
        return
    activity = rows[0]["activity"]
    claimed = [t.id for t in journey.touchpoints if any(matches(p, activity) for p in t.events)]
    more = f" (and {len(rows) - 1} more activit{'y' if len(rows) == 2 else 'ies'})" if len(rows) > 1 else ""
    if len(rows) > 3:
        more = " (and more activities)"
    raise EvidenceError(
        f"activity {activity!r} is evidence of {len(claimed)} touchpoints: "
        f"{', '.join(repr(c) for c in claimed)}{more}; "
        "make their 'events' patterns disjoint"
    )


# -- visits and transitions --------------------------------------------------------------


def _visits(journey: Journey, events: Any) -> Any:
    """The events that begin or end a visit (a run of a case's events at one touchpoint),
    from one window pass over the mapped events of each case in order: ``case_id``,
    ``touchpoint``, ``place`` (the event's place in its case, 1, 2…), ``starts`` and
    ``ends`` (1 when it begins or ends its visit), ``first`` (the case's first event),
    ``is_last`` (its last), ``next_touchpoint`` (at a visit's end: the next visit's
    touchpoint, else null), ``seconds_to_next`` (from this event to the next visit's
    first event) and ``unmapped_step``. Events inside a visit change no count, so they
    are left out before the rows are kept."""
    import ibis

    in_case = ibis.window(group_by=events.case_id, order_by=[events.ts, events.seq])
    events = events.mutate(
        previous=events.touchpoint.lag().over(in_case),
        following=events.touchpoint.lead().over(in_case),
        following_ts=events.ts.lead().over(in_case),
        place=ibis.row_number().over(in_case) + 1,
    )
    starts = events.previous.isnull() | (events.previous != events.touchpoint)
    ends = events.following.isnull() | (events.following != events.touchpoint)
    moves = ends & events.following.notnull()
    steps = events.filter(starts | ends).select(
        case_id=events.case_id,
        touchpoint=events.touchpoint,
        place=events.place,
        starts=starts.cast("int8"),
        ends=ends.cast("int8"),
        first=events.previous.isnull(),
        is_last=events.following.isnull(),
        next_touchpoint=ibis.ifelse(moves, events.following, ibis.null("string")),
        seconds_to_next=ibis.ifelse(
            moves, _seconds_between(events.ts, events.following_ts), ibis.null("float64")
        ),
    )
    return steps.mutate(unmapped_step=_unmapped(journey, steps.touchpoint, steps.next_touchpoint))


def _seconds_between(start: Any, end: Any) -> Any:
    """Seconds from ``start`` to ``end`` to the millisecond, in the operations every
    backend has (some cannot subtract timestamps, nor read microseconds)."""
    def seconds(ts: Any) -> Any:
        # Whole seconds (some engines give fractions, some truncate), then milliseconds.
        return ts.epoch_seconds().cast("float64").floor().cast("float64") + ts.millisecond().cast("float64") / 1000

    return seconds(end) - seconds(start)


def _unmapped(journey: Journey, source: Any, target: Any) -> Any:
    """True where source→target is a transition the map does not have (null target: false)."""
    pairs = sorted({f"{tp.id}>{t.to}" for tp, t in _mapped_transitions(journey)})
    key = source.concat(">", target)
    if not pairs:
        return target.notnull()
    return target.notnull() & ~key.isin(pairs)


def _per_touchpoint(journey: Journey, visits: Any) -> Any:
    import ibis

    ends = _ends(journey)
    at_end = visits.touchpoint.isin(ends) if ends else ibis.literal(False)
    return visits.group_by("touchpoint").aggregate(
        cases=visits.case_id.nunique(),
        visits=visits.starts.cast("int64").sum(),
        drop_offs=(visits.is_last & ~at_end).cast("int64").sum(),
    )


def _per_transition(journey: Journey, visits: Any) -> Any:
    import ibis

    observed = visits.filter(visits.next_touchpoint.notnull())
    slas = [
        ((observed.touchpoint == tp.id) & (observed.next_touchpoint == t.to), seconds)
        for tp, t in _mapped_transitions(journey)
        if (seconds := _sla(t)) is not None
    ]
    sla = ibis.cases(*slas, else_=ibis.null("float64")) if slas else ibis.null("float64")
    observed = observed.mutate(over_sla=ibis.ifelse(observed.seconds_to_next > sla, 1, 0))
    return observed.group_by(["touchpoint", "next_touchpoint"]).aggregate(
        cases=observed.case_id.nunique(),
        count=observed.count(),
        median=observed.seconds_to_next.quantile(0.5),
        p90=observed.seconds_to_next.quantile(0.9),
        over_sla=observed.over_sla.sum(),
    )


def _fitness(journey: Journey, visits: Any, top_variants: int) -> tuple[int, int, list[dict]]:
    """The number of fitting cases, of cases with a visit, and the most frequent variants
    of the cases with a visit that do not fit."""
    import ibis

    entries = [t.id for t in journey.touchpoints if t.entry]
    ends = _ends(journey)
    bad_start = visits.first & (~visits.touchpoint.isin(entries) if entries else ibis.literal(True))
    bad_end = visits.is_last & (~visits.touchpoint.isin(ends) if ends else ibis.literal(True))
    flagged = visits.mutate(misfit=(bad_start | bad_end | visits.unmapped_step).cast("int64"))
    per_case = flagged.group_by("case_id").aggregate(
        misfits=flagged.misfit.sum(),
        # An ordered aggregate (`group_concat(order_by=…)`) is not available on every
        # backend, nor are lambdas in the same syntax: each step carries its place in the case,
        # zero-padded so that sorting the text sorts the steps, and loses it once sorted.
        variant=(flagged.place.cast("string").lpad(VISIT_DIGITS, "0") + ":" + flagged.touchpoint)
        .collect(where=flagged.starts == 1)
        .sort()
        .join(" ")
        .re_replace(f"[0-9]{{{VISIT_DIGITS}}}:", ""),
    )
    (counts,) = _rows(per_case.aggregate(
        fitting=(per_case.misfits == 0).cast("int64").sum(), with_visits=per_case.count()
    ))
    misfits = per_case.filter(per_case.misfits > 0)
    counted = misfits.group_by("variant").aggregate(cases=misfits.count())
    # One more than asked for: the cases with no mapped event at all may take a place.
    top = counted.order_by([ibis.desc("cases"), "variant"]).limit(top_variants + 1)
    return counts["fitting"] or 0, counts["with_visits"], _rows(top)


# -- from rows to results ----------------------------------------------------------------


def _touchpoints(journey: Journey, rows: dict[str, dict], channel_rows: list[dict]) -> tuple[TouchpointEvidence, ...]:
    channels: dict[str, list[ChannelUse]] = {}
    for row in sorted(channel_rows, key=lambda r: (-r["events"], r["channel"])):
        channels.setdefault(row["touchpoint"], []).append(ChannelUse(row["channel"], row["events"]))
    result = []
    for touchpoint in journey.touchpoints:
        row = rows.get(touchpoint.id, {})
        cases = row.get("cases", 0)
        drop_offs = row.get("drop_offs", 0)
        result.append(TouchpointEvidence(
            id=touchpoint.id,
            cases=cases,
            visits=row.get("visits", 0),
            events=row.get("events", 0),
            drop_offs=drop_offs,
            drop_off_rate=round(drop_offs / cases, RATE_PLACES) if cases else None,
            channel=touchpoint.channel,
            channels=tuple(channels.get(touchpoint.id, ())),
        ))
    return tuple(result)


def _transitions(journey: Journey, rows: list[dict]) -> tuple[TransitionEvidence, ...]:
    """Mapped transitions in the map's order, each followed by the undocumented ones out of
    the same touchpoint (by their target's place in the map)."""
    observed = {(row["touchpoint"], row["next_touchpoint"]): row for row in rows}
    order = {t.id: i for i, t in enumerate(journey.touchpoints)}
    result: list[TransitionEvidence] = []
    listed: set[tuple[str, str]] = set()
    for touchpoint, transition in _mapped_transitions(journey):
        pair = (touchpoint.id, transition.to)
        if pair in listed:
            continue
        listed.add(pair)
        result.append(_transition(pair, True, observed.get(pair), _sla(transition)))
    undocumented = sorted(
        (pair for pair in observed if pair not in listed), key=lambda p: (order[p[0]], order[p[1]])
    )
    result += [_transition(pair, False, observed[pair], None) for pair in undocumented]
    return tuple(sorted(result, key=lambda t: order[t.source]))  # stable: mapped first per source


def _transition(pair: tuple[str, str], mapped: bool, row: dict | None, sla: float | None) -> TransitionEvidence:
    count = row["count"] if row else 0
    over = row["over_sla"] if row else None
    return TransitionEvidence(
        source=pair[0],
        target=pair[1],
        mapped=mapped,
        cases=row["cases"] if row else 0,
        count=count,
        median_seconds=_seconds(row["median"]) if row else None,
        p90_seconds=_seconds(row["p90"]) if row else None,
        sla_seconds=sla,
        over_sla_rate=round(over / count, RATE_PLACES) if sla is not None and count else None,
    )


def _fitness_result(cases: int, fitting: int, with_visits: int, rows: list[dict], top_variants: int) -> Fitness:
    """The fitness, its variants joined by the variant of the cases none of whose events is
    evidence of a touchpoint (an empty one), which the visits cannot show."""
    counted = [(row["cases"], row["variant"]) for row in rows]
    if cases > with_visits:
        counted.append((cases - with_visits, ""))
    counted.sort(key=lambda c: (-c[0], c[1]))
    return Fitness(
        fitting_cases=fitting,
        rate=round(fitting / cases, RATE_PLACES) if cases else None,
        top_variants=tuple(
            Variant(_steps(variant), n) for n, variant in counted[:top_variants]
        ),
    )


def _steps(variant: str) -> tuple[str, ...]:
    """The touchpoints of a variant as the query writes it (``search compare …``)."""
    return tuple(variant.split(" ")) if variant else ()


def _seconds(value: float | None) -> float | int | None:
    if value is None:
        return None
    value = round(value, SECONDS_PLACES)
    return int(value) if value == int(value) else value


# -- the map -----------------------------------------------------------------------------


def _mapped_transitions(journey: Journey) -> Iterable[tuple[Any, Any]]:
    for touchpoint in journey.touchpoints:
        for transition in touchpoint.next:
            if transition.to is not None:
                yield touchpoint, transition


def _ends(journey: Journey) -> list[str]:
    return [t.id for t in journey.touchpoints if t.end is not None]


def _sla(transition: Any) -> float | None:
    return sla_seconds(transition.handoff.sla) if transition.handoff and transition.handoff.sla else None


# -- running queries ---------------------------------------------------------------------


def _rows(expr: Any) -> list[dict]:
    return expr.to_pyarrow().to_pylist()


def _scalar(expr: Any) -> Any:
    return expr.to_pyarrow().as_py()


def _release(table: Any) -> None:
    try:
        table.release()
    except Exception:  # noqa: BLE001 - a temporary table the backend drops on its own anyway
        pass
