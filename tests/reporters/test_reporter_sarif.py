"""SARIF: valid against the official 2.1.0 schema, rules described, fingerprints stable."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import reporter_samples
from reporter_samples import HOME, RULES, finding, make_rule

from journeyctl.model.findings import Severity
from journeyctl.model.results import LintResult
from journeyctl.outputs.reporters import render

REPO = Path(__file__).resolve().parents[2]
# The official SARIF 2.1.0 schema, kept with the tests so they need nothing outside the repository.
SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _sarif(result: LintResult) -> dict:
    return json.loads(render("sarif", result))


def _results(findings, rules=RULES) -> list[dict]:
    return _sarif(LintResult(list(findings), 1, 1, None, rules))["runs"][0]["results"]


@pytest.mark.parametrize("make", [reporter_samples.sample_result, reporter_samples.clean_result])
def test_validates_against_the_official_schema(validator, make):
    document = _sarif(make())
    errors = sorted(validator.iter_errors(document), key=str)
    assert errors == []
    assert document["version"] == "2.1.0"
    assert document["$schema"].endswith("sarif-schema-2.1.0.json")


def test_driver_lists_the_rules_that_ran_by_code():
    driver = _sarif(reporter_samples.sample_result())["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["informationUri"]) == (
        "journeyctl", "0.1.0", "https://journeyctl.dev",
    )
    assert [r["id"] for r in driver["rules"]] == ["JM001", "JM103", "JM107", "JM108", "JM204", "JM302"]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels == {
        "JM001": "error", "JM103": "error", "JM107": "warning", "JM108": "note", "JM204": "warning", "JM302": "warning",
    }


def test_rule_descriptor_comes_from_the_rule_documentation():
    rules = _sarif(reporter_samples.sample_result())["runs"][0]["tool"]["driver"]["rules"]
    dead_end = rules[1]
    assert dead_end["name"] == "dead-end"
    assert dead_end["shortDescription"] == {"text": "A touchpoint that is not an end has no outgoing transition."}
    assert dead_end["fullDescription"] == {
        "text": "Flags every touchpoint without `end` whose `next` list is missing or empty.",
    }
    assert dead_end["help"]["text"] == reporter_samples.DEAD_END_DOC.strip()
    assert dead_end["help"]["markdown"] == (
        "A touchpoint that is not an end has no outgoing transition.\n"
        "\n"
        "## What it does\n"
        "Flags every touchpoint without `end` whose `next` list\n"
        "is missing or empty.\n"
        "\n"
        "Second paragraph.\n"
        "\n"
        "## Why it matters\n"
        "Customers get stuck <here> & \"there\".\n"
        "\n"
        "## Example\n"
        "```yaml\n"
        "- id: voicemail\n"
        "  next: []\n"
        "```\n"
        "\n"
        "## Fix\n"
        "```yaml\n"
        "- id: voicemail\n"
        "  end: abandoned\n"
        "```"
    )


def test_every_real_rule_gets_a_valid_descriptor(validator):
    from journeyctl.checks.rules import all_rules

    result = LintResult([], 0, 0, None, all_rules())
    document = _sarif(result)
    assert sorted(validator.iter_errors(document), key=str) == []
    descriptors = document["runs"][0]["tool"]["driver"]["rules"]
    assert [d["id"] for d in descriptors] == sorted(r.code for r in all_rules())
    for descriptor in descriptors:
        assert descriptor["shortDescription"]["text"]
        assert descriptor["help"]["markdown"]
        assert ".. code-block::" not in descriptor["help"]["markdown"]


def test_a_code_no_rule_documents_still_gets_a_descriptor(validator):
    result = LintResult([finding(code="JM999", rule="mystery", severity=Severity.WARNING)], 1, 1, None, ())
    document = _sarif(result)
    assert sorted(validator.iter_errors(document), key=str) == []
    assert document["runs"][0]["tool"]["driver"]["rules"] == [{
        "id": "JM999", "name": "mystery", "shortDescription": {"text": "mystery"},
        "defaultConfiguration": {"level": "warning"},
    }]
    assert document["runs"][0]["results"][0]["ruleIndex"] == 0


def test_result_points_at_rule_file_and_region():
    result = _sarif(reporter_samples.sample_result())["runs"][0]
    assert result["columnKind"] == "unicodeCodePoints"
    first = result["results"][0]
    assert {k: first[k] for k in ("ruleId", "ruleIndex", "level", "message")} == {
        "ruleId": "JM103", "ruleIndex": 1, "level": "error",
        "message": {"text": "touchpoint 'voicemail' is a dead end: it has no 'next' and no 'end'"},
    }
    assert first["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "maps/home%20services/emergency-plumber.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 14, "startColumn": 7, "endLine": 14, "endColumn": 9},
    }}]
    rules = result["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in result["results"])
    levels = [(r["ruleId"], r["level"]) for r in result["results"]]
    assert levels == [
        ("JM103", "error"), ("JM204", "warning"), ("JM107", "warning"), ("JM107", "warning"),
        ("JM001", "error"), ("JM108", "note"), ("JM302", "warning"),
    ]


def test_columns_count_code_points():
    # "ταξίδι: 🚀" — the rocket is one code point (two UTF-16 units, four UTF-8 bytes).
    region = _results([finding(line=2, column=9, end_column=10)])[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (9, 10)


@pytest.mark.parametrize(("path", "location"), [
    ("maps/a b#c%d.yaml", {"uri": "maps/a%20b%23c%25d.yaml", "uriBaseId": "%SRCROOT%"}),
    ("c:d.yaml", {"uri": "c%3Ad.yaml", "uriBaseId": "%SRCROOT%"}),
    ("maps/ελ/שלום.yaml", {"uri": "maps/%CE%B5%CE%BB/%D7%A9%D7%9C%D7%95%D7%9D.yaml", "uriBaseId": "%SRCROOT%"}),
    ("/srv/maps/a b.yaml", {"uri": "file:///srv/maps/a%20b.yaml"}),
    ("C:/maps/a.yaml", {"uri": "file:///C:/maps/a.yaml"}),
])
def test_artifact_uris_are_encoded(path, location):
    results = _results([finding(path=path)])
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"] == location


def _fingerprints(findings) -> list[str]:
    return [r["partialFingerprints"]["journeyctl/v1"] for r in _results(findings)]


def test_fingerprints_survive_edits_above_the_finding():
    before = _fingerprints([finding(line=14, element="touchpoint:a"), finding(line=20, element="touchpoint:b")])
    after = _fingerprints([finding(line=31, column=3, element="touchpoint:a"), finding(line=40, element="touchpoint:b")])
    assert before == after
    assert len(set(before)) == 2


def test_fingerprints_change_with_rule_file_or_element():
    base = _fingerprints([finding(element="touchpoint:a")])
    assert _fingerprints([finding(code="JM204", rule="missing-owner", element="touchpoint:a")]) != base
    assert _fingerprints([finding(path="maps/other.yaml", element="touchpoint:a")]) != base
    assert _fingerprints([finding(element="touchpoint:b")]) != base


def test_fingerprints_use_the_message_when_there_is_no_element():
    assert _fingerprints([finding(message="one")]) != _fingerprints([finding(message="two")])
    assert _fingerprints([finding(line=3, message="one")]) == _fingerprints([finding(line=9, message="one")])


def test_fingerprints_are_unique_in_the_sample():
    results = _sarif(reporter_samples.sample_result())["runs"][0]["results"]
    prints = [r["partialFingerprints"]["journeyctl/v1"] for r in results]
    assert len(set(prints)) == len(prints) == 7


def test_rules_for_findings_outside_the_rules_that_ran_are_added():
    results = _sarif(LintResult([finding(HOME, code="JM999", rule="mystery")], 1, 1, None, (make_rule(
        "JM103", "dead-end", Severity.ERROR),)))["runs"][0]
    assert [r["id"] for r in results["tool"]["driver"]["rules"]] == ["JM103", "JM999"]
    assert results["results"][0]["ruleIndex"] == 1
