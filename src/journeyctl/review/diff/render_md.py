"""A diff as a pull-request comment (``journeyctl diff --format md``)."""

from __future__ import annotations

import dataclasses
from typing import Any

from journeyctl.review.diff.results import DiffResult
from journeyctl.review.diff.sentences import sentence, summary
from journeyctl.text.escape import markdown_code, markdown_inline, terminal_json


def render_markdown(result: DiffResult) -> str:
    """A section per changed map with a bullet per change, and a table per lint delta."""
    journeys, lint = summary(result)
    lines = ["### journeyctl diff", ""]
    if not result.changed:
        lines.append("No changes in journey terms; no lint findings introduced or fixed.")
        return "\n".join(lines) + "\n"
    lines += [f"{journeys} · lint: {lint}", ""]

    def code(value: Any) -> str:
        return markdown_code(str(value), table_cell=False)

    def strong(name: str) -> str:
        return f"**{markdown_inline(name)}**"

    for journey in result.journeys:
        if journey.status == "unchanged":
            continue
        title = (
            f"catalog {markdown_code(journey.path, table_cell=False)}" if journey.kind == "catalog"
            else markdown_code(journey.id or "(no id)", table_cell=False)
        )
        lines.append(f"#### {title} {journey.status}")
        if journey.kind != "catalog":
            lines.append(markdown_code(journey.path, table_cell=False))
        lines.append("")
        if journey.note:
            lines.append(f"- the file {journey.note}: see the lint findings")
        if journey.status == "changed":
            for change in journey.changes:
                if change.label:
                    change = dataclasses.replace(change, label=markdown_inline(change.label))
                lines.append(f"- {sentence(change, code, strong)}")
        lines.append("")
    groups = [(f"Lint findings {word}", findings) for word, findings in
              (("introduced", result.introduced), ("fixed", result.fixed))]
    groups += [(f"Lint findings not checked: {n.reason} ({markdown_code(n.path, table_cell=False)})", n.findings) for n in result.not_checked]
    for heading, findings in groups:
        if not findings:
            continue
        lines += [f"#### {heading}", "", "| file | line | rule | message |", "| --- | --- | --- | --- |"]
        lines.extend(
            f"| {markdown_code(f.path)} | {f.line}:{f.column} | {f.code} {markdown_code(f.rule)} | {markdown_inline(f.message)} |"
            for f in findings
        )
        lines.append("")
    return "\n".join(map(terminal_json, lines)).rstrip("\n") + "\n"
