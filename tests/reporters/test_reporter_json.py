"""The JSON report has exactly the documented shape (docs/output.md)."""

from __future__ import annotations

import json
import os

import pytest
import reporter_samples
from reporter_samples import GREEK, WEIRD

from journeyctl.model.results import LintResult
from journeyctl.outputs.reporters import render


def test_document_shape_and_summary():
    document = json.loads(render("json", reporter_samples.sample_result()))
    assert list(document) == ["version", "findings", "summary"]
    assert document["version"] == 1
    assert document["summary"] == {"files": 4, "journeys": 3, "errors": 2, "warnings": 4, "infos": 1}
    assert [list(f) for f in document["findings"]] == [[
        "path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message", "journey",
        "element",
    ]] * 7


def test_findings_keep_paths_positions_and_text_exactly():
    findings = json.loads(render("json", reporter_samples.sample_result()))["findings"]
    assert findings[4] == {
        "path": WEIRD, "line": 3, "column": 5, "end_line": 3, "end_column": 6, "code": "JM001",
        "rule": "invalid-yaml", "severity": "error", "message": "invalid YAML: line one\nline two\r\x1b[31mred\x07 \x00 end",
        "journey": None, "element": None,
    }
    assert findings[5] == {
        "path": GREEK, "line": 9, "column": 9, "end_line": 11, "end_column": 1, "code": "JM108",
        "rule": "backward-transition", "severity": "info", "message": "μετάβαση προς τα πίσω: 'πληρωμή' → 'επιλογή' 🚀",
        "journey": "ταξίδι", "element": "transition:πληρωμή->επιλογή",
    }


def test_findings_are_in_file_then_position_order():
    findings = json.loads(render("json", reporter_samples.sample_result()))["findings"]
    assert [(f["path"], f["line"]) for f in findings] == sorted((f["path"], f["line"]) for f in findings)


def test_text_is_utf8_not_escaped():
    output = render("json", reporter_samples.sample_result())
    assert "ταξίδι" in output and "הלקוח" in output and "🚀" in output
    assert "\\u001b" in output and "\x1b" not in output
    assert output.endswith("}\n")


def test_clean_result():
    assert json.loads(render("json", reporter_samples.clean_result())) == {
        "version": 1, "findings": [], "summary": {"files": 7, "journeys": 12, "errors": 0, "warnings": 0, "infos": 0},
    }


def _as_indented(result) -> str:
    """The report as the standard library writes a document with ``indent=2``."""
    from journeyctl.outputs.reporters.as_reported import reported
    from journeyctl.text.strictjson import dumps

    document = {"version": 1, "findings": [f.to_dict() for f in reported(result.findings)], "summary": result.summary()}
    return dumps(document, indent=2) + "\n"


def test_bytes_are_those_of_the_standard_indented_writer():
    # hostile text (line breaks, escapes, quotes, controls, bidi, emoji, an undecodable
    # byte of a file name) in every member the report writes
    undecodable = os.fsdecode(b"maps/caf\xe9 \"quoted\" \\ back.yaml")
    odd = reporter_samples.finding(undecodable, message='a \u2028 b \u202e c " \\ \t', journey=undecodable)
    with_odd = LintResult([*reporter_samples.SAMPLE_FINDINGS, odd], 5, 3, None, reporter_samples.RULES)
    for result in (reporter_samples.sample_result(), reporter_samples.clean_result(), with_odd):
        assert render("json", result) == _as_indented(result)
    assert '"path": "maps/caf\\\\xe9 \\"quoted\\" \\\\ back.yaml"' in render("json", with_odd)
    output = render("json", reporter_samples.sample_result())
    assert output.startswith('{\n  "version": 1,\n  "findings": [\n    {\n      "path": ')
    assert '"findings": []' in render("json", reporter_samples.clean_result())


@pytest.mark.parametrize("extra", [0, 1, 2, 5])
def test_a_report_written_in_chunks_has_the_bytes_of_the_standard_writer(monkeypatch, extra):
    import journeyctl.outputs.reporters.json as json_reporter

    monkeypatch.setattr(json_reporter, "CHUNK", 2)
    findings = [
        reporter_samples.finding(f"maps/m{i:02d}.yaml", message=f"finding {i} \u2028 \"q\"") for i in range(1 + extra)
    ]
    result = LintResult(findings, len(findings), len(findings), None, reporter_samples.RULES)
    assert render("json", result) == _as_indented(result)
