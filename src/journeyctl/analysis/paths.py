"""Every way through a journey: entry→end paths and what each costs the customer.

A path starts at an ``entry`` touchpoint and follows ``next`` until it reaches a
touchpoint marked ``end`` (of any kind) or leaves for another journey through a
cross-journey link. Paths are simple: a touchpoint appears at most once, so a rework loop
(complaint → revisit) is walked once per path, never round and round.

The number of simple paths can grow exponentially with the branches of a map, so the walk
is bounded twice: it stops after ``max_paths`` paths and after ``max_steps`` steps of the
depth-first search, and says so in :attr:`PathReport.truncated`. Only touchpoints from
which an end or an exit can still be reached are walked into.

For each path: its length (touchpoints), channel switches, handoffs (transitions along
it that carry a ``handoff``) and the lowest and mean emotion of the touchpoints that
record one. The **longest** path has the most touchpoints; the **worst** has the lowest
mean emotion (the lowest minimum breaks a tie): the mean weighs the whole experience,
where one bad moment on an otherwise good path should not outrank a path that is bad
throughout. Ties go to the path found first.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from journeyctl.analysis.graph import Edge, JourneyGraph
from journeyctl.model import Touchpoint
from journeyctl.text.wording import counted

DEFAULT_MAX_PATHS = 1000
DEFAULT_MAX_STEPS = 200_000


@dataclass(frozen=True, slots=True)
class JourneyPath:
    """One entry→end path."""

    touchpoints: tuple[str, ...]
    #: the ``end`` word of the last touchpoint, or None when the path leaves the journey
    end: str | None
    #: ``journey`` or ``journey/touchpoint`` the path continues in, for a cross-journey exit
    exit: str | None
    channel_switches: int
    handoffs: int
    min_emotion: float | None
    mean_emotion: float | None

    @property
    def length(self) -> int:
        return len(self.touchpoints)

    @property
    def outcome(self) -> str:
        """``success``, ``abandoned``… or ``→ other-journey`` for an exit."""
        return self.end if self.end is not None else f"→ {self.exit}"


@dataclass(slots=True)
class PathReport:
    """The paths of one journey (for one persona or everyone)."""

    journey: str
    persona: str | None
    entries: list[str]
    paths: list[JourneyPath] = field(default_factory=list)
    #: why the walk stopped before finding every path, or None when it found them all
    truncated: str | None = None

    @property
    def longest(self) -> int | None:
        """Index of the longest path (the first of equals), or None without paths."""
        if not self.paths:
            return None
        return max(range(len(self.paths)), key=lambda i: (self.paths[i].length, -i))

    @property
    def worst(self) -> int | None:
        """Index of the path with the lowest mean emotion (then lowest minimum), or None."""
        scored = [i for i, p in enumerate(self.paths) if p.mean_emotion is not None]
        if not scored:
            return None
        return min(scored, key=lambda i: (self.paths[i].mean_emotion, self.paths[i].min_emotion, i))

    def to_dict(self) -> dict:
        longest, worst = self.longest, self.worst
        return {
            "journey": self.journey,
            "persona": self.persona,
            "entries": list(self.entries),
            "truncated": self.truncated,
            "longest": None if longest is None else longest + 1,
            "worst": None if worst is None else worst + 1,
            "paths": [
                {
                    "number": i + 1,
                    "touchpoints": list(p.touchpoints),
                    "end": p.end,
                    "exit": p.exit,
                    "length": p.length,
                    "channel_switches": p.channel_switches,
                    "handoffs": p.handoffs,
                    "min_emotion": p.min_emotion,
                    "mean_emotion": None if p.mean_emotion is None else round(p.mean_emotion, 2),
                    "longest": i == longest,
                    "worst": i == worst,
                }
                for i, p in enumerate(self.paths)
            ],
        }


def analyse_paths(
    graph: JourneyGraph,
    shown: Iterable[str] | None = None,
    *,
    persona: str | None = None,
    max_paths: int = DEFAULT_MAX_PATHS,
    max_steps: int = DEFAULT_MAX_STEPS,
) -> PathReport:
    """Every entry→end path of ``graph`` through the touchpoints ``shown`` (default: all).

    ``persona`` picks each touchpoint's emotion for that persona (without one: the plain
    number, or the mean of a per-persona emotion); the caller narrows ``shown`` to that
    persona's touchpoints.
    """
    allowed = set(graph.touchpoints) if shown is None else set(shown) & set(graph.touchpoints)
    entries = [tid for tid in graph.entries if tid in allowed]
    report = PathReport(graph.journey.id, persona, entries)
    successors = {tid: _successors(graph, tid, allowed) for tid in allowed}
    exits = {tid: [e for e in graph.outgoing[tid] if e.target is None] for tid in allowed}
    useful = _can_finish(graph, allowed, successors, exits)

    def add(found: JourneyPath) -> bool:
        if len(report.paths) == max_paths:
            report.truncated = f"stopped after {max_paths:,} paths; there are more"
            return False
        report.paths.append(found)
        return True

    # The costs of the path so far are kept per depth, so a path found at depth d costs
    # O(1) to measure rather than O(d): long maps with many paths stay fast.
    handoff_to = _first_handoffs(graph, allowed)
    steps = 0
    for entry in entries:
        if entry not in useful:
            continue
        if graph.touchpoints[entry].end is not None:
            alone = _Tally.start(graph.touchpoints[entry], persona)
            if not add(_finish([entry], alone, graph.touchpoints[entry].end, None)):
                return report
            continue
        path = [entry]
        tallies = [_Tally.start(graph.touchpoints[entry], persona)]
        on_path = {entry}
        stack = [iter(_branches(graph, entry, successors, useful))]
        while stack:
            branch = next(stack[-1], None)
            if branch is None:
                stack.pop()
                on_path.discard(path.pop())
                tallies.pop()
                continue
            if isinstance(branch, Edge):  # a cross-journey exit out of path[-1]
                t = branch.transition
                tally = tallies[-1].crossing(t.handoff is not None)
                found = _finish(path, tally, None, f"{t.journey}/{t.touchpoint}" if t.touchpoint else t.journey)
            elif branch in on_path:
                continue
            else:
                tally = tallies[-1].step(graph.touchpoints[branch], (path[-1], branch) in handoff_to, persona)
                if graph.touchpoints[branch].end is not None:
                    found = _finish([*path, branch], tally, graph.touchpoints[branch].end, None)
                else:
                    steps += 1
                    if steps > max_steps:
                        report.truncated = f"stopped after {max_steps:,} steps of the search; there may be more paths"
                        return report
                    path.append(branch)
                    tallies.append(tally)
                    on_path.add(branch)
                    stack.append(iter(_branches(graph, branch, successors, useful)))
                    continue
            if not add(found):
                return report
    return report


#: Emotions are summed shrunk by this power of two, which is exact, so that a path of
#: emotions near the largest float cannot overflow to an infinite mean; for any other
#: map the means are bit for bit what plain sums give.
_SHRINK = 2.0**-32


@dataclass(frozen=True, slots=True)
class _Tally:
    """The costs of a path so far."""

    handoffs: int
    switches: int
    channel: str | None  # the last channel seen, for counting switches
    emotion_sum: float  # shrunk by _SHRINK
    emotion_count: int
    emotion_min: float | None

    @classmethod
    def start(cls, touchpoint: Touchpoint, persona: str | None) -> _Tally:
        emotion = touchpoint.emotion_for(persona)
        shrunk = 0.0 if emotion is None else emotion * _SHRINK
        return cls(0, 0, touchpoint.channel, shrunk, int(emotion is not None), emotion)

    def step(self, touchpoint: Touchpoint, handoff: bool, persona: str | None) -> _Tally:
        channel, switches = self.channel, self.switches
        if touchpoint.channel is not None:
            switches += channel is not None and touchpoint.channel != channel
            channel = touchpoint.channel
        emotion = touchpoint.emotion_for(persona)
        if emotion is None:
            return _Tally(self.handoffs + handoff, switches, channel, self.emotion_sum, self.emotion_count, self.emotion_min)
        lowest = emotion if self.emotion_min is None else min(self.emotion_min, emotion)
        return _Tally(
            self.handoffs + handoff, switches, channel, self.emotion_sum + emotion * _SHRINK, self.emotion_count + 1,
            lowest,
        )

    def crossing(self, handoff: bool) -> _Tally:
        return _Tally(
            self.handoffs + handoff, self.switches, self.channel, self.emotion_sum, self.emotion_count, self.emotion_min
        )


def _finish(touchpoints: list[str], tally: _Tally, end: str | None, exit_to: str | None) -> JourneyPath:
    return JourneyPath(
        touchpoints=tuple(touchpoints),
        end=end,
        exit=exit_to,
        channel_switches=tally.switches,
        handoffs=tally.handoffs,
        min_emotion=tally.emotion_min,
        mean_emotion=tally.emotion_sum / tally.emotion_count / _SHRINK if tally.emotion_count else None,
    )


def _first_handoffs(graph: JourneyGraph, allowed: set[str]) -> set[tuple[str, str]]:
    """``(source, target)`` pairs whose first transition carries a handoff."""
    pairs: set[tuple[str, str]] = set()
    for tid in allowed:
        seen: set[str] = set()
        for edge in graph.outgoing[tid]:
            if edge.target is None or edge.target in seen:
                continue
            seen.add(edge.target)
            if edge.transition.handoff is not None:
                pairs.add((tid, edge.target))
    return pairs


def _successors(graph: JourneyGraph, tid: str, allowed: set[str]) -> list[str]:
    return list(dict.fromkeys(t for t in graph.successors(tid) if t in allowed))


def _branches(graph: JourneyGraph, tid: str, successors: dict, useful: set[str]) -> list:
    """What the walk tries from ``tid``, in ``next`` order: touchpoint ids and exit edges."""
    if graph.touchpoints[tid].end is not None:
        return []
    wanted = set(successors[tid])
    out: list = []
    for edge in graph.outgoing[tid]:
        if edge.target is None:
            out.append(edge)
        elif edge.target in wanted and edge.target in useful:
            out.append(edge.target)
            wanted.discard(edge.target)
    return out


def _can_finish(graph: JourneyGraph, allowed: set[str], successors, exits) -> set[str]:
    """Touchpoints from which an end or a cross-journey exit can be reached."""
    predecessors: dict[str, list[str]] = {tid: [] for tid in allowed}
    for tid in allowed:
        if graph.touchpoints[tid].end is None:
            for nxt in successors[tid]:
                predecessors[nxt].append(tid)
    start = [tid for tid in allowed if graph.touchpoints[tid].end is not None or exits[tid]]
    seen = set(start)
    queue = deque(start)
    while queue:
        for prev in predecessors[queue.popleft()]:
            if prev not in seen:
                seen.add(prev)
                queue.append(prev)
    return seen


def format_emotion(value: float | None) -> str:
    """An emotion or a mean for people: at most two decimals, ``–`` when there is none."""
    if value is None:
        return "–"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_text(reports: list[PathReport]) -> str:
    """The reports as text, one block per journey."""
    blocks = []
    for report in reports:
        who = f" (persona {report.persona})" if report.persona else ""
        count = len(report.paths)
        head = (
            f"{report.journey}{who}: {counted(count, 'path')} "
            f"from {counted(len(report.entries), 'entry', 'entries')}"
        )
        out = [head]
        width = len(str(count))
        for number, path in enumerate(report.paths, 1):
            out.append(f"  {number:>{width}}. {' → '.join(path.touchpoints)}  [{path.outcome}]")
            out.append(
                f"  {'':>{width}}  {counted(path.length, 'touchpoint')}, "
                f"{counted(path.channel_switches, 'channel switch', 'channel switches')}, "
                f"{counted(path.handoffs, 'handoff')}, "
                f"emotion min {format_emotion(path.min_emotion)}, mean {format_emotion(path.mean_emotion)}"
            )
        if not report.paths:
            out.append("  no path from an entry reaches an end")
        longest, worst = report.longest, report.worst
        if longest is not None:
            out.append(f"  longest: path {longest + 1} ({counted(report.paths[longest].length, 'touchpoint')})")
        if worst is not None:
            path = report.paths[worst]
            out.append(
                f"  worst: path {worst + 1} (mean emotion {format_emotion(path.mean_emotion)}, "
                f"min {format_emotion(path.min_emotion)})"
            )
        if report.truncated:
            out.append(f"  truncated: {report.truncated}")
        blocks.append("\n".join(out))
    return "\n\n".join(blocks) + "\n"
