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


#: Findings encoded per call: a report of many findings is never held as dictionaries all
#: at once (about 600 bytes each, more than the text they become).
CHUNK = 1024


def render(result: LintResult, **_: object) -> str:
    """The report, as ``strictjson.dumps(document, indent=2)`` writes it.

    A finding's members are strings, integers and nulls (already UTF-8 safe:
    :func:`reported`), so the C encoder writes the findings (:data:`CHUNK` at a time) with
    the indentation as the separator of their members, and only the places where one
    finding ends and the next begins are rewritten: the pure-Python encoder ``indent``
    needs cost more than the rest of a warm run of a large workspace.
    ``test_reporter_json`` holds the two writers to the same bytes.
    """
    findings = reported(result.findings)
    summary = dumps(result.summary(), indent=2).replace("\n", "\n  ")
    if not findings:
        return f'{{\n  "version": 1,\n  "findings": [],\n  "summary": {summary}\n}}\n'
    parts = ['{\n  "version": 1,\n  "findings": [\n    {\n      ']
    for start in range(0, len(findings), CHUNK):
        if start:
            parts.append(_BETWEEN)
        dicts = [f.to_dict() for f in findings[start:start + CHUNK]]
        text = json.dumps(dicts, ensure_ascii=False, allow_nan=False, separators=(_MEMBER, ": "))
        # A JSON string never holds a raw line break, so every one is a separator, and
        # "}" before ",\n" ends a finding (a string value ends in '"').
        parts.append(text[2:-2].replace("}" + _MEMBER + "{", _BETWEEN))
    parts.append(f'\n    }}\n  ],\n  "summary": {summary}\n}}\n')
    return "".join(parts)
