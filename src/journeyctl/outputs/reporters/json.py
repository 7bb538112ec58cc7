"""The JSON report (docs/output.md).

``{"version": 1, "findings": [...], "summary": {...}}``: each finding is
:meth:`Finding.to_dict` (1-based lines and columns, the path relative to the current
folder with ``/``), in report order; the summary counts files, journeys and findings by
severity. Text is written as UTF-8, not ``\\u`` escapes, so Greek or Hebrew messages stay
readable.
"""

from __future__ import annotations

from journeyctl.model.results import LintResult
from journeyctl.outputs.reporters.as_reported import reported
from journeyctl.text.strictjson import dumps


def render(result: LintResult, **_: object) -> str:
    document = {
        "version": 1,
        "findings": [f.to_dict() for f in reported(result.findings)],
        "summary": result.summary(),
    }
    return dumps(document, indent=2) + "\n"
