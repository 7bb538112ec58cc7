"""The JSON report (docs/output.md).

``{"version": 1, "findings": [...], "summary": {...}}``: each finding is
:meth:`Finding.to_dict` (1-based lines and columns, the path relative to the current
folder with ``/``), in report order; the summary counts files, journeys and findings by
severity. Text is written as UTF-8, not ``\\u`` escapes, so Greek or Hebrew messages stay
readable.
"""

from __future__ import annotations

import json

from journeyctl.model.results import LintResult
from journeyctl.outputs.reporters.as_reported import reported
from journeyctl.text.strictjson import dumps

#: What separates the members of a finding, two levels deep in the document.
_MEMBER = ",\n      "
#: What stands between two findings.
_BETWEEN = "\n    },\n    {\n      "


def render(result: LintResult, **_: object) -> str:
    """The report, as ``strictjson.dumps(document, indent=2)`` writes it.

    A finding's members are strings, integers and nulls (already UTF-8 safe:
    :func:`reported`), so the C encoder writes the findings in one call with the
    indentation as the separator of their members, and only the places where one finding
    ends and the next begins are rewritten: the pure-Python encoder ``indent`` needs cost
    more than the rest of a warm run of a large workspace. ``test_reporter_json`` holds the
    two writers to the same bytes.
    """
    findings = [f.to_dict() for f in reported(result.findings)]
    summary = dumps(result.summary(), indent=2).replace("\n", "\n  ")
    listed = "[]"
    if findings:
        # A JSON string never holds a raw line break, so every one is a separator, and
        # "}" before ",\n" ends a finding (a string value ends in '"').
        text = json.dumps(findings, ensure_ascii=False, allow_nan=False, separators=(_MEMBER, ": "))
        listed = "[\n    {\n      " + text[2:-2].replace("}" + _MEMBER + "{", _BETWEEN) + "\n    }\n  ]"
    return f'{{\n  "version": 1,\n  "findings": {listed},\n  "summary": {summary}\n}}\n'
