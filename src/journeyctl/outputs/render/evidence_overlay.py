"""What the evidence of an event log adds to the flow diagram: edges as wide as the
traffic they carry, the undocumented transitions customers take (dashed, in a warning
colour), and on each touchpoint its cases and a drop-off badge.

The DOT writer asks :func:`flow_overlay` for the attributes of each node and edge and
applies them over its own; nothing here knows the rest of the diagram.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeyctl.evidence.results import Evidence
from journeyctl.text.escape import dot_html, dot_tooltip, left_to_right
from journeyctl.text.wording import duration, percent
from journeyctl.text.words import Words, words_for

#: Okabe–Ito vermillion: what the map does not show, and where customers drop out.
WARNING_COLOR = "#d55e00"
#: A mapped transition nobody takes.
UNUSED_COLOR = "#bdbdbd"
#: Edge widths run from the thinnest to the widest with the share of the busiest edge's count.
THINNEST, WIDEST = 1.0, 6.0


@dataclass(frozen=True)
class FlowOverlay:
    """DOT attributes to set on touchpoint nodes and transition edges, rows (DOT HTML) to add
    to the edges' labels, and the edges to add."""

    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    edge_rows: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    undocumented: tuple[tuple[str, str, dict[str, str]], ...] = ()


NO_OVERLAY = FlowOverlay()


def flow_overlay(evidence: Evidence, shown: frozenset[str], words: Words | None = None) -> FlowOverlay:
    """The overlay of ``evidence`` on a diagram showing the touchpoints ``shown``, its
    labels in the language of ``words`` (English without)."""
    words = words or words_for(None)
    # numbers, durations and shares stay one left-to-right piece in a right-to-left map
    ltr = left_to_right if words.right_to_left else str
    busiest = max((t.count for t in evidence.transitions), default=0)
    nodes = {}
    for t in evidence.touchpoints:
        if t.id not in shown:
            continue
        rows = [dot_html(words.counted(t.cases, "count.case"))]
        if t.drop_offs:
            rows.append(
                f'<FONT COLOR="{WARNING_COLOR}"><B>↘ {dot_html(words.counted(t.drop_offs, "count.drop_off"))} '
                f"({dot_html(ltr(percent(t.drop_off_rate)))})</B></FONT>"
            )
        nodes[t.id] = {"xlabel": f'<<FONT POINT-SIZE="8">{"<BR/>".join(rows)}</FONT>>'}
    edges = {}
    edge_rows = {}
    undocumented = []
    for t in evidence.transitions:
        if t.source not in shown or t.target not in shown:
            continue
        attrs = {"penwidth": _width(t.count, busiest)}
        if t.count:
            facts = [ltr(f"{t.count}×"), words.text("overlay.median", duration=ltr(duration(t.median_seconds)))]
            if t.over_sla_rate is not None:
                facts.append(words.text("overlay.over_sla", share=ltr(percent(t.over_sla_rate))))
            color = WARNING_COLOR if t.undocumented else "#252525"
            row = f'<FONT POINT-SIZE="8" COLOR="{color}">{dot_html(" · ".join(facts))}</FONT>'
        else:
            attrs["color"] = f'"{UNUSED_COLOR}"'
            row = f'<FONT POINT-SIZE="8" COLOR="{UNUSED_COLOR}">{dot_html(words["overlay.unused"])}</FONT>'
        if t.undocumented:
            undocumented.append((t.source, t.target, {
                **attrs,
                "label": f"<{row}>",
                "style": '"dashed"',
                "color": f'"{WARNING_COLOR}"',
                "constraint": "false",
                "tooltip": dot_tooltip(words.text("overlay.undocumented", transition=ltr(f"{t.source}->{t.target}"))),
            }))
        else:
            edges[(t.source, t.target)] = attrs
            edge_rows[(t.source, t.target)] = [row]
    return FlowOverlay(nodes, edges, edge_rows, tuple(undocumented))


def _width(count: int, busiest: int) -> str:
    if not busiest or not count:
        return "0.5"
    return f"{THINNEST + (WIDEST - THINNEST) * count / busiest:.1f}"
