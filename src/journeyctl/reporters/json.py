"""The JSON report of SPEC §6."""

from __future__ import annotations

import json

from journeyctl.linter import LintResult


def render(result: LintResult, **_: object) -> str:
    document = {
        "version": 1,
        "findings": [f.to_dict() for f in result.findings],
        "summary": result.summary(),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
