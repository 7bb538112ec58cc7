"""Evidence as text for a terminal: the counts per touchpoint and transition, what the map
does not show and what nobody does, the unmapped activities and the fitness."""

from __future__ import annotations

from journeyctl.evidence.results import Evidence, TransitionEvidence, Variant
from journeyctl.text.escape import terminal
from journeyctl.text.wording import counted, duration, percent

#: Unmapped activities listed before "… and N more".
SHOWN_ACTIVITIES = 10
ARROW = " → "


def evidence_text(evidence: Evidence, source: str = "") -> str:
    """``evidence`` as lines for a terminal; ``source`` names the log."""
    out = [
        f"journey {evidence.journey!r}" + (f" against {terminal(source)}" if source else ""),
        f"{counted(evidence.cases, 'case')}, {counted(evidence.events, 'event')}, "
        f"{evidence.unmapped_events} unmapped",
        "",
        *_table(
            ("touchpoint", "cases", "visits", "events", "drop-offs", "drop-off rate"),
            [(t.id, t.cases, t.visits, t.events, t.drop_offs, percent(t.drop_off_rate)) for t in evidence.touchpoints],
        ),
        "",
    ]
    observed = [t for t in evidence.transitions if t.count]
    if observed:
        out += _table(
            ("transition", "cases", "count", "median", "p90", "SLA", "over SLA", ""),
            [_transition_row(t) for t in observed],
        )
    else:
        out.append("no transition observed")
    unused = [t for t in evidence.transitions if t.unused]
    out.append(f"unused transitions: {', '.join(t.source + ARROW + t.target for t in unused) or 'none'}")
    for source_id, target, sla in evidence.unread_slas:
        out.append(f"not checked: the SLA {terminal(sla)!r} of {source_id}{ARROW}{target} is not a duration (10m, 4h, 2d)")
    out.append("")
    if evidence.unmapped_activities:
        out.append(f"unmapped activities ({counted(evidence.unmapped_events, 'event')}):")
        width = len(str(evidence.unmapped_activities[0].events))
        for activity in evidence.unmapped_activities[:SHOWN_ACTIVITIES]:
            out.append(f"  {activity.events:>{width}}  {terminal(activity.activity)}")
        rest = len(evidence.unmapped_activities) - SHOWN_ACTIVITIES
        if rest > 0:
            out.append(f"  … and {counted(rest, 'more activity', 'more activities')}")
    else:
        out.append("unmapped activities: none")
    out.append("")
    fitness = evidence.fitness
    out.append(
        f"fitness: {fitness.fitting_cases} of {counted(evidence.cases, 'case')} ({percent(fitness.rate)}) start at "
        "an entry, end at an end and take only mapped transitions"
    )
    if fitness.top_variants:
        out.append("most frequent variants that do not fit:")
        width = max(len(counted(v.cases, "case")) for v in fitness.top_variants)
        out += [f"  {counted(v.cases, 'case'):<{width}}  {variant_text(v)}" for v in fitness.top_variants]
    if evidence.has_channels:
        out += ["", "channels seen in the log (events), against the map's:"]
        for t in evidence.touchpoints:
            if t.channels:
                seen = ", ".join(f"{terminal(c.channel)} ({c.events})" for c in t.channels)
                other = "  ← not only the mapped one" if any(c.channel != t.channel for c in t.channels) else ""
                out.append(f"  {t.id}: mapped {t.channel or '–'}; seen {seen}{other}")
    return "\n".join(out) + "\n"


def variant_text(variant: Variant) -> str:
    return ARROW.join(variant.touchpoints) if variant.touchpoints else "(no event of a touchpoint)"


def _transition_row(t: TransitionEvidence) -> tuple:
    return (
        t.source + ARROW + t.target,
        t.cases,
        t.count,
        duration(t.median_seconds),
        duration(t.p90_seconds),
        duration(t.sla_seconds),
        percent(t.over_sla_rate),
        "" if t.mapped else "undocumented",
    )


def _table(headers: tuple, rows: list[tuple]) -> list[str]:
    """Left-aligned first column, right-aligned others, two spaces apart."""
    cells = [tuple(str(c) for c in row) for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        parts = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(parts).rstrip())
    return lines
