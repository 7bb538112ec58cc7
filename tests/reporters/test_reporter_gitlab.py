"""GitLab Code Quality: one issue per finding, severities mapped, fingerprints unique."""

from __future__ import annotations

import json

import pytest
import reporter_samples
from reporter_samples import HOME, WEIRD, finding

from journeyctl.model.findings import Severity
from journeyctl.model.results import LintResult
from journeyctl.outputs.reporters import render


def _issues(*findings) -> list[dict]:
    return json.loads(render("gitlab", LintResult(list(findings), 1, 1, None, ())))


def test_sample_issue():
    issues = json.loads(render("gitlab", reporter_samples.sample_result()))
    assert len(issues) == 7
    assert {k: v for k, v in issues[4].items() if k != "fingerprint"} == {
        "description": "invalid YAML: line one\nline two\r\x1b[31mred\x07 \x00 end",
        "check_name": "JM001 invalid-yaml",
        "severity": "major",
        "location": {"path": WEIRD, "lines": {"begin": 3, "end": 3}},
    }
    assert all(len(i["fingerprint"]) == 64 for i in issues)


@pytest.mark.parametrize(("severity", "expected"), [
    (Severity.ERROR, "major"), (Severity.WARNING, "minor"), (Severity.INFO, "info"),
])
def test_severity_mapping(severity, expected):
    assert _issues(finding(severity=severity))[0]["severity"] == expected


@pytest.mark.parametrize(("span", "lines"), [
    ((4, 2, 4, 9), {"begin": 4, "end": 4}),
    ((4, 2, 7, 3), {"begin": 4, "end": 7}),
    ((4, 2, 7, 1), {"begin": 4, "end": 6}),
    ((4, 2, 5, 1), {"begin": 4, "end": 4}),
])
def test_lines(span, lines):
    line, column, end_line, end_column = span
    issue = _issues(finding(line=line, column=column, end_line=end_line, end_column=end_column))[0]
    assert issue["location"] == {"path": HOME, "lines": lines}


def test_identical_findings_get_distinct_fingerprints():
    same = [finding(line=n, message="transition 'a->b' is listed twice", element="transition:a->b") for n in (5, 9, 12)]
    prints = [i["fingerprint"] for i in _issues(*same)]
    assert len(set(prints)) == 3


def test_fingerprints_are_unique_in_the_sample():
    prints = [i["fingerprint"] for i in json.loads(render("gitlab", reporter_samples.sample_result()))]
    assert len(set(prints)) == len(prints)


def test_fingerprints_survive_edits_above_and_match_sarif():
    before = [i["fingerprint"] for i in _issues(finding(line=5, element="x"), finding(line=9, element="x"))]
    after = [i["fingerprint"] for i in _issues(finding(line=25, element="x"), finding(line=29, element="x"))]
    assert before == after
    sarif = json.loads(render("sarif", LintResult([finding(line=5, element="x"), finding(line=9, element="x")], 1, 1)))
    assert [r["partialFingerprints"]["journeyctl/v1"] for r in sarif["runs"][0]["results"]] == before


def test_clean_result_is_an_empty_array():
    assert render("gitlab", reporter_samples.clean_result()) == "[]\n"
