"""Evidence as Markdown, readable on GitHub: the same sections as the text, as tables."""

from __future__ import annotations

from journeyctl.evidence.results import Evidence
from journeyctl.outputs.evidence.as_text import ARROW, SHOWN_ACTIVITIES, variant_text
from journeyctl.text.escape import markdown_inline
from journeyctl.text.wording import counted, duration, percent


def evidence_markdown(evidence: Evidence, source: str = "", *, heading: str = "#", title: str = "") -> str:
    """``evidence`` as a Markdown document, or a section of one: ``heading`` is the level of
    its title, ``title`` replaces the default ``Evidence: <journey id>``."""
    sub = heading + "#"
    out = [f"{heading} {title or 'Evidence: ' + markdown_inline(evidence.journey)}", ""]
    if source:
        out += [f"From the event log {markdown_inline(source)}.", ""]
    out += [
        f"{counted(evidence.cases, 'case')}, {counted(evidence.events, 'event')}, "
        f"{evidence.unmapped_events} of them unmapped. **Fitness: {percent(evidence.fitness.rate)}** "
        f"({evidence.fitness.fitting_cases} of {counted(evidence.cases, 'case')} start at an entry, end at an end "
        "and take only mapped transitions).",
        "",
        f"{sub} Touchpoints",
        "",
        "| Touchpoint | Cases | Visits | Events | Drop-offs | Drop-off rate |",
        "|---|---:|---:|---:|---:|---:|",
        *(
            f"| {markdown_inline(t.id)} | {t.cases} | {t.visits} | {t.events} | {t.drop_offs} | "
            f"{percent(t.drop_off_rate)} |"
            for t in evidence.touchpoints
        ),
        "",
        f"{sub} Transitions",
        "",
        "| Transition | In the map | Cases | Count | Median | p90 | SLA | Over SLA |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {markdown_inline(t.source + ARROW + t.target)} | "
            f"{'yes' if t.mapped else '**undocumented**'}{' (unused)' if t.unused else ''} | {t.cases} | {t.count} | "
            f"{duration(t.median_seconds)} | {duration(t.p90_seconds)} | {duration(t.sla_seconds)} | "
            f"{percent(t.over_sla_rate)} |"
            for t in evidence.transitions
        ),
        "",
    ]
    for source_id, target, sla in evidence.unread_slas:
        out += [f"The SLA {markdown_inline(sla)} of {markdown_inline(source_id + ARROW + target)} is not a duration "
                "(10m, 4h, 2d) and was not checked.", ""]
    out += [f"{sub} Unmapped activities", ""]
    if evidence.unmapped_activities:
        out += ["| Activity | Events |", "|---|---:|"]
        out += [f"| {markdown_inline(a.activity)} | {a.events} |" for a in evidence.unmapped_activities[:SHOWN_ACTIVITIES]]
        rest = len(evidence.unmapped_activities) - SHOWN_ACTIVITIES
        if rest > 0:
            out.append(f"| … and {counted(rest, 'more activity', 'more activities')} | |")
    else:
        out.append("Every activity of the log is evidence of a touchpoint.")
    out.append("")
    if evidence.fitness.top_variants:
        out += [f"{sub} Most frequent variants that do not fit", "", "| Cases | Variant |", "|---:|---|"]
        out += [f"| {v.cases} | {markdown_inline(variant_text(v))} |" for v in evidence.fitness.top_variants]
        out.append("")
    if evidence.has_channels:
        out += [f"{sub} Channels", "", "| Touchpoint | Mapped | Seen in the log |", "|---|---|---|"]
        for t in evidence.touchpoints:
            if t.channels:
                seen = ", ".join(f"{markdown_inline(c.channel)} ({c.events})" for c in t.channels)
                out.append(f"| {markdown_inline(t.id)} | {markdown_inline(t.channel or '–')} | {seen} |")
        out.append("")
    return "\n".join(out)
