"""What hovering over an id or a rule shows: Markdown for the editor's hover box."""

from __future__ import annotations

from journeyctl.analysis.symbols import CHANNEL, RULE, TOUCHPOINT, Occurrence
from journeyctl.editor.session import Session
from journeyctl.model import BUILTIN_CHANNELS
from journeyctl.model.rule import Rule
from journeyctl.text.escape import markdown_code, markdown_inline

_KIND_WORDS = {"pain_point": "pain point", "roadmap_item": "roadmap item"}


def hover_text(session: Session, occurrence: Occurrence) -> str:
    """What to show for the id (or rule) at ``occurrence``."""
    symbol = occurrence.symbol
    if symbol.kind == RULE:
        rule = session.rule(symbol.id)
        return rule_text(rule) if rule else f"{_code(symbol.id)} names no rule"
    kind = _KIND_WORDS.get(symbol.kind, symbol.kind)
    item = session.item(occurrence)
    if item is None:
        if symbol.kind == CHANNEL and symbol.home is None and symbol.id in BUILTIN_CHANNELS:
            name, channel_kind = BUILTIN_CHANNELS[symbol.id]
            return f"**{markdown_inline(name)}** — built-in channel {_code(symbol.id)} ({getattr(channel_kind, 'value', channel_kind)})"
        return f"unknown {kind} {_code(symbol.id)}"
    name = item.get("name", item.get("title", item.get("summary")))
    head = f"{kind} {_code(symbol.id)}"
    if name is not None:
        head = f"**{markdown_inline(str(name))}** — {head}"
    if symbol.kind != TOUCHPOINT:
        return head
    facts = []
    for key in ("stage", "channel", "lane", "owner"):
        value = item.get(key)
        if isinstance(value, str):
            facts.append(f"{key}: {_code(value)}")
    emotion = item.get("emotion")
    if isinstance(emotion, dict):
        facts.append("emotion: " + ", ".join(f"{markdown_inline(str(k))} {_number(v)}" for k, v in emotion.items()))
    elif emotion is not None:
        facts.append(f"emotion: {_number(emotion)}")
    return head + ("\n\n" + " · ".join(facts) if facts else "")


def rule_text(rule: Rule) -> str:
    """A rule's code, name, default severity and summary."""
    return f"**{rule.code} {rule.name}** ({rule.severity.label})\n\n{markdown_inline(rule.summary)}"


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else markdown_inline(str(value))


def _code(text: str) -> str:
    return markdown_code(text, table_cell=False)
