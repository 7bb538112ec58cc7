"""A journey held against an event log, computed as queries (docs/evidence.md).

The log is an Ibis table with the columns ``case_id``, ``activity``, ``ts``, ``channel``
(may be null) and ``seq`` (the row's place in the file, which breaks timestamp ties). Every
step is an Ibis expression, so the same queries run on DuckDB and on any other Ibis
backend; Python only loops over the map and over small aggregated results: the distinct
activities and the distinct variants.

The queries, cheapest first:

1. the events per activity and channel (one pass over two columns); the activities are
   matched against the touchpoints' ``events:`` in Python, on that small set, which gives
   a tiny table of each mapped activity and its touchpoint's place in the map (a small
   integer: the queries compare and sort those, not names);
2. one window pass over each case's mapped events in order (the log joined with that
   table) keeps the last event of every visit, with the next visit's touchpoint and the
   seconds until it (``cache``);
3. one GROUP BY over those visits computes every per-transition aggregate (count, median
   and 90th percentile in one quantile call, observations over the SLA);
4. one per-case aggregation gives each case's variant (its visits' touchpoints in order,
   as a sorted list of numbers; the cases of the unmapped events take part with an empty
   one, so that every case is counted), counted per variant: the cases per touchpoint
   and per transition, the visits, drop-offs and fitness all follow from a variant and
   its number of cases, without a distinct count over the events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from journeyctl.evidence.durations import sla_seconds
from journeyctl.evidence.patterns import matches
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


def compute_evidence(journey: Journey, table: Any, *, top_variants: int = TOP_VARIANTS) -> Evidence:
    """The evidence ``table`` (an event log, see the module) gives for ``journey``.

    Raises :class:`EvidenceError` when an activity of the log is evidence of two touchpoints.
    """
    import ibis

    activity_rows = _rows(table.group_by(["activity", "channel"]).aggregate(events=ibis._.count()))
    per_activity: Counter[str] = Counter()
    for row in activity_rows:
        per_activity[row["activity"]] += row["events"]
    mapping = _activity_mapping(journey, sorted(per_activity))

    touchpoint_events: Counter[str] = Counter()
    channel_events: Counter[tuple[str, str]] = Counter()
    for row in activity_rows:
        touchpoint = mapping.get(row["activity"])
        if touchpoint is not None:
            touchpoint_events[touchpoint] += row["events"]
            if row["channel"] is not None:
                channel_events[touchpoint, row["channel"]] += row["events"]
    unmapped = [(activity, n) for activity, n in per_activity.items() if activity not in mapping]

    ids = [t.id for t in journey.touchpoints]
    variants: Counter[tuple[str, ...]] = Counter()
    transition_rows: list[dict] = []
    if mapping:
        place = {ident: i for i, ident in enumerate(ids)}
        mapped = _mapping_table(table, {activity: place[t] for activity, t in mapping.items()})
        visits = _visits(table.select("case_id", "activity", "ts", "seq").inner_join(mapped, "activity")).cache()
        try:
            for row in _rows(_per_transition(journey, visits, place)):
                pair = {"touchpoint": ids[row["touchpoint"]], "next_touchpoint": ids[row["next_touchpoint"]]}
                transition_rows.append(row | pair)
            elsewhere = table.filter(~table.activity.isin(list(mapping)))
            for row in _rows(_variants(visits, len(ids), elsewhere)):
                variants[tuple(ids[step % len(ids)] for step in row["variant"] or ())] += row["cases"]
        finally:
            _release(visits)
        cases = sum(variants.values())
        del variants[()]  # the cases none of whose events is evidence of a touchpoint
    else:
        cases = _scalar(table.case_id.nunique()) or 0
    counts = _VariantCounts(journey, variants)
    return Evidence(
        journey=journey.id,
        cases=cases,
        events=sum(per_activity.values()),
        unmapped_events=sum(n for _, n in unmapped),
        touchpoints=_touchpoints(journey, counts, touchpoint_events, channel_events),
        transitions=_transitions(journey, transition_rows, counts.transition_cases),
        unmapped_activities=tuple(
            UnmappedActivity(activity, n) for activity, n in sorted(unmapped, key=lambda r: (-r[1], r[0]))
        ),
        fitness=_fitness_result(cases, counts, top_variants),
        has_channels=bool(channel_events),
        unread_slas=tuple(
            (tp.id, t.to, t.handoff.sla)
            for tp, t in _mapped_transitions(journey)
            if t.handoff is not None and t.handoff.sla and sla_seconds(t.handoff.sla) is None
        ),
    )


# -- activities → touchpoints ------------------------------------------------------------


def _activity_mapping(journey: Journey, activities: list[str]) -> dict[str, str]:
    """The touchpoint each of ``activities`` (sorted) is evidence of; activities no
    touchpoint claims are left out.

    Raises :class:`EvidenceError` when an activity is claimed by two touchpoints.
    """
    claiming = [t for t in journey.touchpoints if t.events]
    mapping: dict[str, str] = {}
    ambiguous: list[tuple[str, list[str]]] = []
    for activity in activities:
        claimed = [t.id for t in claiming if any(matches(p, activity) for p in t.events)]
        if len(claimed) > 1:
            ambiguous.append((activity, claimed))
        elif claimed:
            mapping[activity] = claimed[0]
    if ambiguous:
        _refuse_ambiguous(ambiguous)
    return mapping


def _mapping_table(table: Any, codes: dict[str, int]) -> Any:
    """The tiny table of each mapped activity and its touchpoint's place in the map
    (``codes``), sent to the engine of ``table``."""
    import ibis

    mapped = ibis.memtable(
        {"activity": list(codes), "touchpoint": list(codes.values())},
        schema={"activity": "string", "touchpoint": "int16"},
    )
    # Ibis hands an in-memory table to the engine when a query first uses it, but some
    # backends (Spark) do not when they cache a result: one small query hands it over.
    table.get_backend().to_pyarrow(mapped.count())
    return mapped


def _refuse_ambiguous(ambiguous: list[tuple[str, list[str]]]) -> None:
    activity, claimed = ambiguous[0]
    more = ""
    if len(ambiguous) > 3:
        more = " (and more activities)"
    elif len(ambiguous) > 1:
        more = f" (and {len(ambiguous) - 1} more activit{'y' if len(ambiguous) == 2 else 'ies'})"
    raise EvidenceError(
        f"activity {activity!r} is evidence of {len(claimed)} touchpoints: "
        f"{', '.join(repr(c) for c in claimed)}{more}; "
        "make their 'events' patterns disjoint"
    )


# -- visits and transitions --------------------------------------------------------------


def _visits(events: Any) -> Any:
    """The last event of every visit (a run of a case's events at one touchpoint), from
    one window pass over the mapped events of each case in order: ``case_id``,
    ``touchpoint``, ``place`` (the event's place in its case, 0, 1…),
    ``next_touchpoint`` (the next visit's touchpoint; null after the case's last visit)
    and ``seconds_to_next`` (from this event to the next visit's first event). One row
    per visit: the other events of a visit change no count."""
    import ibis

    in_case = ibis.window(group_by=events.case_id, order_by=[events.ts, events.seq])
    events = events.mutate(
        following=events.touchpoint.lead().over(in_case),
        following_ts=events.ts.lead().over(in_case),
        place=ibis.row_number().over(in_case),
    )
    ends = events.filter(events.following.isnull() | (events.following != events.touchpoint))
    return ends.select(
        case_id=ends.case_id,
        touchpoint=ends.touchpoint,
        place=ends.place,
        next_touchpoint=ends.following,
        seconds_to_next=_seconds_between(ends.ts, ends.following_ts),
    )


def _seconds_between(start: Any, end: Any) -> Any:
    """Seconds from ``start`` to ``end`` to the millisecond, in the operations every
    backend has (some cannot subtract timestamps, nor read microseconds)."""
    def seconds(ts: Any) -> Any:
        # Whole seconds (some engines give fractions, some truncate), then milliseconds.
        return ts.epoch_seconds().cast("float64").floor().cast("float64") + ts.millisecond().cast("float64") / 1000

    return seconds(end) - seconds(start)


def _per_transition(journey: Journey, visits: Any, place: dict[str, int]) -> Any:
    """Per observed transition: ``count``, ``quantiles`` (the median and the 90th
    percentile of the durations, in one call) and ``over_sla`` (observations over the
    transition's SLA), in one GROUP BY."""
    import ibis

    observed = visits.filter(visits.next_touchpoint.notnull())
    slas = [
        ((observed.touchpoint == place[tp.id]) & (observed.next_touchpoint == place[t.to]), seconds)
        for tp, t in _mapped_transitions(journey)
        if (seconds := _sla(t)) is not None
    ]
    sla = ibis.cases(*slas, else_=ibis.null("float64")) if slas else ibis.null("float64")
    return observed.group_by(["touchpoint", "next_touchpoint"]).aggregate(
        count=observed.count(),
        quantiles=observed.seconds_to_next.quantile([0.5, 0.9]),
        over_sla=ibis.ifelse(observed.seconds_to_next > sla, 1, 0).sum(),
    )


def _variants(visits: Any, touchpoints: int, elsewhere: Any) -> Any:
    """Each case's visits, in order, as a sorted list of numbers ``place × touchpoints +
    touchpoint`` (the caller reads a visit's touchpoint back as the remainder), with the
    number of cases that have that list. The cases of the events ``elsewhere`` (none of
    them evidence of a touchpoint) take part, so that every case of the log is counted
    here, with an empty list (or null) when none of its events is evidence.

    An ordered aggregate (``collect(order_by=…)``) is not available on every backend, nor
    is a lambda that would drop the places in the same syntax, and text built per visit
    costs four times as much as numbers: the lists are sorted numbers, and cases whose
    visits are the same but whose places differ (a visit of two events) are added up by
    the caller, on the short list of distinct lists.
    """
    import ibis

    steps = visits.select(
        "case_id", step=visits.place.cast("int64") * touchpoints + visits.touchpoint.cast("int64")
    ).union(elsewhere.select("case_id", step=ibis.null("int64")))
    per_case = steps.group_by("case_id").aggregate(variant=steps.step.collect().sort())
    return per_case.group_by("variant").aggregate(cases=per_case.count())


class _VariantCounts:
    """What the variants and their numbers of cases say per touchpoint, per transition and
    about fitness: a case counts once for each touchpoint and each transition it takes."""

    def __init__(self, journey: Journey, variants: Counter[tuple[str, ...]]) -> None:
        entries = {t.id for t in journey.touchpoints if t.entry}
        ends = set(_ends(journey))
        mapped = {(tp.id, t.to) for tp, t in _mapped_transitions(journey)}
        self.touchpoint_cases: Counter[str] = Counter()
        self.visits: Counter[str] = Counter()
        self.drop_offs: Counter[str] = Counter()
        self.transition_cases: Counter[tuple[str, str]] = Counter()
        self.with_visits = 0
        self.fitting = 0
        self.misfits: list[tuple[int, str]] = []
        for steps, cases in variants.items():
            pairs = set(zip(steps, steps[1:]))
            self.with_visits += cases
            for touchpoint in set(steps):
                self.touchpoint_cases[touchpoint] += cases
            for touchpoint in steps:
                self.visits[touchpoint] += cases
            for pair in pairs:
                self.transition_cases[pair] += cases
            if steps[-1] not in ends:
                self.drop_offs[steps[-1]] += cases
            if steps[0] in entries and steps[-1] in ends and pairs <= mapped:
                self.fitting += cases
            else:
                self.misfits.append((cases, " ".join(steps)))


# -- from rows to results ----------------------------------------------------------------


def _touchpoints(
    journey: Journey,
    counts: _VariantCounts,
    events: Counter[str],
    channel_events: Counter[tuple[str, str]],
) -> tuple[TouchpointEvidence, ...]:
    channels: dict[str, list[ChannelUse]] = {}
    for (touchpoint, channel), n in sorted(channel_events.items(), key=lambda c: (-c[1], c[0][1])):
        channels.setdefault(touchpoint, []).append(ChannelUse(channel, n))
    result = []
    for touchpoint in journey.touchpoints:
        cases = counts.touchpoint_cases[touchpoint.id]
        drop_offs = counts.drop_offs[touchpoint.id]
        result.append(TouchpointEvidence(
            id=touchpoint.id,
            cases=cases,
            visits=counts.visits[touchpoint.id],
            events=events[touchpoint.id],
            drop_offs=drop_offs,
            drop_off_rate=round(drop_offs / cases, RATE_PLACES) if cases else None,
            channel=touchpoint.channel,
            channels=tuple(channels.get(touchpoint.id, ())),
        ))
    return tuple(result)


def _transitions(
    journey: Journey, rows: list[dict], cases: Counter[tuple[str, str]]
) -> tuple[TransitionEvidence, ...]:
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
        result.append(_transition(pair, True, observed.get(pair), cases[pair], _sla(transition)))
    undocumented = sorted(
        (pair for pair in observed if pair not in listed), key=lambda p: (order[p[0]], order[p[1]])
    )
    result += [_transition(pair, False, observed[pair], cases[pair], None) for pair in undocumented]
    return tuple(sorted(result, key=lambda t: order[t.source]))  # stable: mapped first per source


def _transition(
    pair: tuple[str, str], mapped: bool, row: dict | None, cases: int, sla: float | None
) -> TransitionEvidence:
    count = row["count"] if row else 0
    over = row["over_sla"] if row else None
    median, p90 = row["quantiles"] if row else (None, None)
    return TransitionEvidence(
        source=pair[0],
        target=pair[1],
        mapped=mapped,
        cases=cases,
        count=count,
        median_seconds=_seconds(median),
        p90_seconds=_seconds(p90),
        sla_seconds=sla,
        over_sla_rate=round(over / count, RATE_PLACES) if sla is not None and count else None,
    )


def _fitness_result(cases: int, counts: _VariantCounts, top_variants: int) -> Fitness:
    """The fitness, its variants joined by the variant of the cases none of whose events is
    evidence of a touchpoint (an empty one), which the visits cannot show."""
    counted = list(counts.misfits)
    if cases > counts.with_visits:
        counted.append((cases - counts.with_visits, ""))
    counted.sort(key=lambda c: (-c[0], c[1]))
    return Fitness(
        fitting_cases=counts.fitting,
        rate=round(counts.fitting / cases, RATE_PLACES) if cases else None,
        top_variants=tuple(Variant(_steps(variant), n) for n, variant in counted[:top_variants]),
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

