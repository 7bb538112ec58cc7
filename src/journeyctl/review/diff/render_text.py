"""A diff as plain sentences for a terminal (``journeyctl diff``, the default format)."""

from __future__ import annotations

from journeyctl.review.diff.results import DiffResult, JourneyDiff
from journeyctl.review.diff.sentences import sentence, summary
from journeyctl.text.escape import terminal_json


def _heading(journey: JourneyDiff) -> str:
    if journey.kind == "catalog":
        return f"catalog {journey.path}"
    return f"{journey.id or '(no id)'} ({journey.path})"


def render_text(result: DiffResult) -> str:
    """One heading per changed map with a sentence per change, the lint delta, a summary."""
    if not result.changed:
        return "No changes in journey terms; no lint findings introduced or fixed.\n"
    lines: list[str] = []
    plain = str
    for journey in result.journeys:
        if journey.status == "unchanged":
            continue
        lines.append(f"{_heading(journey)}: {journey.status}")
        if journey.note:
            lines.append(f"  the file {journey.note}: see the lint findings")
        if journey.status == "changed":
            lines.extend(f"  {sentence(c, plain, plain)}." for c in journey.changes)
    journeys, lint = summary(result)
    if result.introduced or result.fixed or result.not_checked:
        lines.append(f"lint: {lint}")
        groups = [("introduced", result.introduced), ("fixed", result.fixed)]
        groups += [(f"not checked: {n.reason} ({n.path})", n.findings) for n in result.not_checked]
        for word, findings in groups:
            lines.extend(f"  {word}: {f.path}:{f.line}:{f.column} {f.code} [{f.rule}] {f.message}" for f in findings)
    lines.append(f"{journeys}; lint: {lint}")
    return "\n".join(map(terminal_json, lines)) + "\n"
