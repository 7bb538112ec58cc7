"""The human-readable report: findings grouped by file, then a summary line."""

from __future__ import annotations

from itertools import groupby

from journeyctl.linter import LintResult


def render(result: LintResult, **_: object) -> str:
    lines: list[str] = []
    for path, findings in groupby(result.findings, key=lambda f: f.path):
        for f in findings:
            lines.append(f"{path}:{f.line}:{f.column} {f.code} [{f.rule}] {f.message}")
    s = result.summary()
    lines.append(
        f"{s['errors']} error(s), {s['warnings']} warning(s), {s['infos']} info(s) "
        f"in {s['files']} file(s)"
    )
    return "\n".join(lines) + "\n"
