"""The words of a diff report, shared by the text and Markdown renderers: one sentence per
change and the summary line."""

from __future__ import annotations

from collections import Counter
from typing import Any

from journeyctl.review.diff.elements import noun_for
from journeyctl.review.diff.results import Change, DiffResult
from journeyctl.text.strictjson import dumps
from journeyctl.text.wording import counted

def summary(result: DiffResult) -> tuple[str, str]:
    """How many maps changed and the lint delta: ``2 maps: 1 changed, 1 unchanged`` and
    ``1 finding introduced, 0 fixed``."""
    counts = Counter(j.status for j in result.journeys)
    parts = [f"{counts[s]} {s}" for s in ("changed", "added", "removed", "unchanged") if counts[s]]
    journeys = f"{counted(len(result.journeys), 'map')}: {', '.join(parts)}" if parts else "no maps"
    lint = (f"{counted(len(result.introduced), 'finding')} introduced, {len(result.fixed)} fixed")
    unknown = sum(len(n.findings) for n in result.not_checked)
    if unknown:
        lint += f", {unknown} not checked"
    return journeys, lint


def sentence(change: Change, code: Any, strong: Any) -> str:
    """One change as a sentence; ``code`` and ``strong`` mark up ids/values and field names."""
    noun = noun_for(change.kind)
    who = f"{noun} {code(change.id)}" if change.id is not None else noun
    label = f" ({change.label})" if change.label else ""
    if change.change == "added":
        return f"{who}{label} was added"
    if change.change == "removed":
        return f"{who}{label} was removed"
    if change.change == "renamed":
        return f"{noun} {code(change.old)} was renamed to {code(change.new)}"
    name = strong(change.field)
    if change.kind == "touchpoint" and change.field.startswith("emotion."):
        # One persona's number in a per-persona emotion: "emotion for `homeowner`".
        name = f"{strong('emotion')} for {code(change.field.removeprefix('emotion.'))}"
    if change.old is None:
        return f"{who}: {name} set to {code(dumps(change.new))}"
    if change.new is None:
        return f"{who}: {name} removed (was {code(dumps(change.old))})"
    return f"{who}: {name} changed from {code(dumps(change.old))} to {code(dumps(change.new))}"
