"""A first map drafted from an event log (``journeyctl import events``).

What the log says becomes the map's claim, to be reviewed by someone who knows the journey:

- each **activity** becomes a touchpoint (its id the activity's slug, its name the activity,
  ``events:`` the activity itself, with ``*``, ``?`` and ``[`` written so that they match
  only themselves); touchpoints are listed in the order customers meet them (the mean place
  of the activity's events in their cases, then by name);
- consecutive events of a case with the same activity are one visit; each pair of
  consecutive visits is an observed **transition**, kept when its share of the transitions
  leaving its activity is at least ``min_share``;
- **entries** are the activities at least ``min_share`` of the cases start with (the most
  frequent first activity always is one); **ends** are the activities at least half of the
  cases that reach them end at, and those no kept transition leaves: the one most cases end
  at is ``end: success``, the others ``end: abandoned``;
- the map must lint without errors, so the draft is completed where the thresholds cut it
  apart: an activity no kept transition reaches gets its most frequent observed incoming
  transition from a reachable touchpoint (or becomes an entry when it has none), and a
  touchpoint from which no end can be reached gets its most frequent observed way out (or
  becomes an end);
- the **channel** of a touchpoint is the one most of its events name (a built-in channel
  when the name is one, ``Call centre`` → a declared ``call-centre``), else ``unspecified``
  (declared, ``kind: other``); all touchpoints sit in one stage, ``observed``: a log does
  not say where its stages begin.

The counting is done on the engine (Ibis expressions); only the per-activity and per-pair
totals come back to Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from journeyctl.importers.slugs import UniqueIds, slugify
from journeyctl.model.journey import BUILTIN_CHANNELS

STAGE = {"id": "observed", "name": "Observed", "description": "Every touchpoint seen in the event log."}
UNSPECIFIED_CHANNEL = {
    "id": "unspecified",
    "name": "Unspecified",
    "kind": "other",
    "description": "The event log does not say which channel these steps use.",
}
DEFAULT_MIN_SHARE = 0.05
#: An activity where at least this share of the cases that reach it end is an end.
END_SHARE = 0.5


class DraftError(Exception):
    """The log cannot make a map (too many activities); one line."""


@dataclass
class Observed:
    """What a log says, in totals: per activity and per pair of consecutive visits."""

    cases: int
    events: dict[str, int]
    activity_cases: dict[str, int]
    position: dict[str, float]
    pairs: dict[tuple[str, str], int]
    starts: dict[str, int]
    ends: dict[str, int]
    channels: dict[str, dict[str, int]] = field(default_factory=dict)


def observe(table) -> Observed:
    """The totals of the log ``table`` (the columns of :func:`journeyctl.evidence.logs.open_log`).

    Three passes over the events: one orders each case's events (the only window, the costly
    part) and sums them up by activity, the activity before it when that is another one (a
    transition between visits), and whether the event starts or ends its case; two plain
    aggregations count the events per activity and channel and the cases per activity.
    """
    import ibis

    _ = ibis._
    order = ibis.window(group_by="case_id", order_by=["ts", "seq"])
    events = table.mutate(
        previous=_.activity.lag().over(order), following=_.activity.lead().over(order), place=ibis.row_number().over(order)
    )
    steps = events.group_by(
        [
            "activity",
            ibis.ifelse(_.previous != _.activity, _.previous, ibis.null("string")).name("from_other"),
            _.previous.isnull().name("first"),
            _.following.isnull().name("last"),
        ]
    ).aggregate(n=_.count(), places=_.place.sum())
    per_channel = table.group_by(["activity", "channel"]).aggregate(events=_.count())
    per_activity = table.group_by("activity").aggregate(cases=_.case_id.nunique())

    observed = Observed(cases=0, events={}, activity_cases={}, position={}, pairs={}, starts={}, ends={})
    places: dict[str, int] = {}
    for row in steps.to_pyarrow().to_pylist():
        activity, source, n = row["activity"], row["from_other"], row["n"]
        places[activity] = places.get(activity, 0) + row["places"]
        if source is not None:
            observed.pairs[(source, activity)] = observed.pairs.get((source, activity), 0) + n
        if row["first"]:
            observed.starts[activity] = observed.starts.get(activity, 0) + n
            observed.cases += n
        if row["last"]:
            observed.ends[activity] = observed.ends.get(activity, 0) + n
    for row in per_channel.to_pyarrow().to_pylist():
        activity = row["activity"]
        observed.events[activity] = observed.events.get(activity, 0) + row["events"]
        if row["channel"] is not None:
            observed.channels.setdefault(activity, {})[row["channel"]] = row["events"]
    observed.position = {a: places[a] / observed.events[a] for a in places}
    observed.activity_cases = {row["activity"]: row["cases"] for row in per_activity.to_pyarrow().to_pylist()}
    return observed


def draft_map(observed: Observed, log_name: str, min_share: float = DEFAULT_MIN_SHARE, max_touchpoints: int | None = None) -> dict:
    """The map (plain data, keys in schema order) drafted from what a log says."""
    activities = sorted(observed.events, key=lambda a: (observed.position.get(a, 0.0), a))
    if max_touchpoints is not None and len(activities) > max_touchpoints:
        raise DraftError(
            f"{log_name}: {len(activities):,} different activities, more than the {max_touchpoints:,} touchpoints "
            "a map may have: group them first"
        )
    taken = UniqueIds()
    ids = {a: taken.unique(slugify(a) or f"touchpoint-{n}") for n, a in enumerate(activities, 1)}

    outgoing: dict[str, int] = {}
    for (source, _), count in observed.pairs.items():
        outgoing[source] = outgoing.get(source, 0) + count
    kept = {pair for pair, count in observed.pairs.items() if count >= min_share * outgoing[pair[0]]}
    entries = {a for a, n in observed.starts.items() if n >= min_share * observed.cases}
    entries.add(_most(observed.starts))
    ends = {a for a, n in observed.ends.items() if n >= END_SHARE * observed.activity_cases[a]}
    ends |= {a for a in activities if not any(source == a for source, _ in kept)}
    _connect(activities, observed, kept, entries, ends)
    success = max(ends, key=lambda a: (observed.ends.get(a, 0), _reverse(a)))

    channel_ids, declared = _channels(activities, observed)
    touchpoints = []
    for activity in activities:
        touchpoint: dict = {
            "id": ids[activity],
            "name": " ".join(activity.split()),
            "stage": STAGE["id"],
            "channel": channel_ids[activity],
        }
        if activity in entries:
            touchpoint["entry"] = True
        if activity in ends:
            touchpoint["end"] = "success" if activity == success else "abandoned"
        touchpoint["events"] = [escape_glob(activity)]
        following = sorted((t for s, t in kept if s == activity), key=lambda t: (-observed.pairs[(activity, t)], t))
        if following:
            touchpoint["next"] = [ids[t] for t in following]
        touchpoints.append(touchpoint)
    stem = Path(log_name).name.split(".")[0]
    data: dict = {
        "journeyctl": 1,
        "id": slugify(stem) or "drafted-journey",
        "title": f"Drafted from {Path(log_name).name}",
        "status": "draft",
    }
    if declared:
        data["channels"] = declared
    data["stages"] = [dict(STAGE)]
    data["touchpoints"] = touchpoints
    return data


def escape_glob(activity: str) -> str:
    """``activity`` as an ``events:`` entry matching only itself (``Pay [card]`` → ``Pay [[]card]``)."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in activity)


def _connect(activities: list[str], observed: Observed, kept: set, entries: set, ends: set) -> None:
    """Complete the draft so that every touchpoint is reachable from an entry and can reach an end.

    The most frequent observed transition that mends a gap is added first; a touchpoint no
    observed transition can mend becomes an entry (or an end), the busiest first.
    """
    for forward, starts in ((True, entries), (False, ends)):
        while True:
            done = _reach(starts, kept, forward)
            missing = [a for a in activities if a not in done]
            if not missing:
                break
            mends = [
                (n, _reverse(s), _reverse(t), (s, t))
                for (s, t), n in observed.pairs.items()
                if ((s in done and t not in done) if forward else (t in done and s not in done))
            ]
            if mends:
                kept.add(max(mends)[3])
            else:
                starts.add(max(missing, key=lambda a: (observed.events[a], _reverse(a))))


def _reach(start: set, pairs: set, forward: bool) -> set:
    edges: dict[str, list[str]] = {}
    for source, target in pairs:
        a, b = (source, target) if forward else (target, source)
        edges.setdefault(a, []).append(b)
    seen, todo = set(start), list(start)
    while todo:
        for following in edges.get(todo.pop(), ()):
            if following not in seen:
                seen.add(following)
                todo.append(following)
    return seen


def _most(counts: dict[str, int]) -> str:
    """The key with the largest count, the first in name order among equals."""
    return min(counts, key=lambda k: (-counts[k], k))


def _reverse(text: str) -> tuple:
    """A key under which ``max`` prefers the name first in order (ties break the same way everywhere)."""
    return tuple(-ord(c) for c in text) + (1,)


def _channels(activities: list[str], observed: Observed) -> tuple[dict[str, str], list[dict]]:
    """Each activity's channel id, and the channels the map must declare."""
    taken = UniqueIds()
    taken.taken.update(BUILTIN_CHANNELS, {UNSPECIFIED_CHANNEL["id"]})
    ids: dict[str, str] = {}
    declared: dict[str, dict] = {}
    result: dict[str, str] = {}
    for activity in activities:
        counts = observed.channels.get(activity)
        if not counts:
            declared.setdefault(UNSPECIFIED_CHANNEL["id"], dict(UNSPECIFIED_CHANNEL))
            result[activity] = UNSPECIFIED_CHANNEL["id"]
            continue
        name = _most(counts)
        if name not in ids:
            slug = slugify(name)
            if slug in BUILTIN_CHANNELS:
                ids[name] = slug
            else:
                ids[name] = taken.unique(slug or f"channel-{len(declared) + 1}")
                declared[ids[name]] = {"id": ids[name], "name": " ".join(name.split()), "kind": "other"}
        result[activity] = ids[name]
    return result, sorted(declared.values(), key=lambda c: c["id"])
