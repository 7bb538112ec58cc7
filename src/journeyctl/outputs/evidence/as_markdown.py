"""Evidence as Markdown, readable on GitHub: the same sections as the text, as tables."""

from __future__ import annotations

from journeyctl.evidence.results import Evidence
from journeyctl.outputs.evidence.as_text import ARROW, SHOWN_ACTIVITIES, variant_text
from journeyctl.text.escape import left_to_right, markdown_inline
from journeyctl.text.wording import duration, percent
from journeyctl.text.words import Words, words_for


def evidence_markdown(
    evidence: Evidence, source: str = "", *, heading: str = "#", title: str = "", words: Words | None = None,
) -> str:
    """``evidence`` as a Markdown document, or a section of one: ``heading`` is the level of
    its title, ``title`` replaces the default ``Evidence: <journey id>``. Its fixed words are
    those of ``words`` (the map's language; English without); in a right-to-left language
    numbers and ids stay left-to-right pieces."""
    w = words or words_for(None)
    ltr = left_to_right if w.right_to_left else str

    def ident(text: str) -> str:
        return ltr(markdown_inline(text))

    def row(*cells: str) -> str:
        return "| " + " | ".join(cells) + " |"

    sub = heading + "#"
    cases = w.counted(evidence.cases, "count.case")
    out = [f"{heading} {title or w.text('evidence.title', journey=ident(evidence.journey))}", ""]
    if source:
        out += [w.text("evidence.source", source=ltr(markdown_inline(source))), ""]
    out += [
        w.text(
            "evidence.summary", cases=cases, events=w.counted(evidence.events, "count.event"),
            unmapped=ltr(str(evidence.unmapped_events)), fitness=ltr(percent(evidence.fitness.rate)),
            fitting=ltr(str(evidence.fitness.fitting_cases)), all=cases,
        ),
        "",
        f"{sub} {w['evidence.touchpoints']}",
        "",
        row(*(w[f"evidence.col.{k}"] for k in ("touchpoint", "cases", "visits", "events", "drop_offs", "drop_off_rate"))),
        "|---|---:|---:|---:|---:|---:|",
        *(
            row(ident(t.id), *(ltr(str(n)) for n in (t.cases, t.visits, t.events, t.drop_offs)),
                ltr(percent(t.drop_off_rate)))
            for t in evidence.touchpoints
        ),
        "",
        f"{sub} {w['evidence.transitions']}",
        "",
        row(*(w[f"evidence.col.{k}"] for k in ("transition", "in_map", "cases", "count", "median", "p90", "sla", "over_sla"))),
        "|---|---|---:|---:|---:|---:|---:|---:|",
        *(
            row(ident(t.source + ARROW + t.target),
                (w["evidence.yes"] if t.mapped else w["evidence.undocumented"]) + (" " + w["evidence.unused"] if t.unused else ""),
                *(ltr(text) for text in (str(t.cases), str(t.count), duration(t.median_seconds), duration(t.p90_seconds),
                                         duration(t.sla_seconds), percent(t.over_sla_rate))))
            for t in evidence.transitions
        ),
        "",
    ]
    for source_id, target, sla in evidence.unread_slas:
        out += [w.text("evidence.unread_sla", sla=ident(sla), transition=ident(source_id + ARROW + target)), ""]
    out += [f"{sub} {w['evidence.unmapped']}", ""]
    if evidence.unmapped_activities:
        out += [row(w["evidence.col.activity"], w["evidence.col.events"]), "|---|---:|"]
        out += [row(ident(a.activity), ltr(str(a.events))) for a in evidence.unmapped_activities[:SHOWN_ACTIVITIES]]
        rest = len(evidence.unmapped_activities) - SHOWN_ACTIVITIES
        if rest > 0:
            out.append(f"| {w.text('evidence.more', more=w.counted(rest, 'count.more_activity'))} | |")
    else:
        out.append(w["evidence.all_mapped"])
    out.append("")
    if evidence.fitness.top_variants:
        out += [f"{sub} {w['evidence.variants']}", "", row(w["evidence.col.cases"], w["evidence.col.variant"]), "|---:|---|"]
        out += [row(ltr(str(v.cases)), ident(variant_text(v)) if v.touchpoints else w["evidence.no_touchpoint"])
                for v in evidence.fitness.top_variants]
        out.append("")
    if evidence.has_channels:
        out += [f"{sub} {w['evidence.channels']}", "",
                row(w["evidence.col.touchpoint"], w["evidence.col.mapped"], w["evidence.col.seen"]), "|---|---|---|"]
        for t in evidence.touchpoints:
            if t.channels:
                seen = ", ".join(f"{ident(c.channel)} ({ltr(str(c.events))})" for c in t.channels)
                out.append(row(ident(t.id), ident(t.channel or "–"), seen))
        out.append("")
    return "\n".join(out)
