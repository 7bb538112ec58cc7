"""JUnit XML: one suite per file, a failing case per finding, always well-formed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import reporter_samples
from hypothesis import given
from hypothesis import strategies as st
from reporter_samples import CLEAN, GREEK, HOME, WEIRD, finding, workspace

from journeyctl.model.results import LintResult
from journeyctl.outputs.reporters import render


def _parse(result: LintResult) -> ET.Element:
    return ET.fromstring(render("junit", result).encode("utf-8"))


def test_sample_structure_and_counts():
    root = _parse(reporter_samples.sample_result())
    assert root.tag == "testsuites"
    assert root.attrib == {"name": "journeyctl", "tests": "8", "failures": "7", "errors": "0", "skipped": "0"}
    suites = [(s.get("name"), s.get("tests"), s.get("failures"), s.get("errors")) for s in root]
    assert suites == [(CLEAN, "1", "0", "0"), (HOME, "4", "4", "0"), (WEIRD, "1", "1", "0"), (GREEK, "2", "2", "0")]


def test_clean_file_has_one_passing_case():
    clean = _parse(reporter_samples.sample_result())[0]
    assert [(c.get("name"), c.get("classname"), list(c)) for c in clean] == [("all checks passed", CLEAN, [])]


def test_each_finding_is_a_failing_case():
    home = _parse(reporter_samples.sample_result())[1]
    assert [c.get("name") for c in home] == [
        "JM103 dead-end line 14", "JM204 missing-owner line 20",
        "JM107 duplicate-transition line 40", "JM107 duplicate-transition line 41",
    ]
    case = home[1]
    assert (case.get("classname"), case.get("file"), case.get("line")) == (HOME, HOME, "20")
    (failure,) = list(case)
    assert failure.tag == "failure"
    assert failure.get("type") == "JM204"
    message = 'touchpoint "a,b:c" has no owner; 100% <b>&amp;</b> [bold]not markup[/bold] :smile:'
    assert failure.get("message") == message
    assert failure.text == f"{HOME}:20:7: warning: JM204 [missing-owner] {message}"


def test_unicode_survives():
    greek = _parse(reporter_samples.sample_result())[3]
    assert greek[0].find("failure").get("message") == "μετάβαση προς τα πίσω: 'πληρωμή' → 'επιλογή' 🚀"
    assert greek[1].find("failure").get("message") == "הלקוח מתוסכל (emotion -2) 😡 and no pain point says why"


def test_characters_xml_forbids_are_replaced_and_the_rest_kept():
    failure = _parse(reporter_samples.sample_result())[2][0].find("failure")
    assert failure.get("message") == "invalid YAML: line one\nline two\r\\x1b[31mred\\x07 \\x00 end"


@pytest.mark.parametrize(("raw", "shown"), [
    ("\x00\x08\x0b\x0c\x1f", "\\x00\\x08\\x0b\\x0c\\x1f"),
    ("\ufffe\uffff", "\\ufffe\\uffff"),
    ("\ud800", "\\ud800"),
    ("\t\n\x7f\x85\ue000\ufffd\U0010ffff", "\t\n\x7f\x85\ue000\ufffd\U0010ffff"),
])
def test_forbidden_characters(raw, shown):
    root = _parse(LintResult([finding(path=f"{raw}.yaml", message=raw, rule=raw, code=raw)], 1, 1, None, ()))
    suite = root[0]
    assert suite.get("name") == f"{shown}.yaml"
    assert suite[0].get("name") == f"{shown} {shown} line 1"
    assert suite[0].find("failure").get("message") == shown
    assert suite[0].find("failure").get("type") == shown


@given(path=st.text(min_size=1), message=st.text(), rule=st.text())
def test_output_always_parses(path, message, rule):
    root = _parse(LintResult([finding(path=path, message=message, rule=rule)], 1, 1, workspace(path, "b.yaml"), ()))
    assert [s.get("tests") for s in root] == (["1", "1"] if path != "b.yaml" else ["1"])


def test_clean_result_lists_every_checked_file():
    root = _parse(reporter_samples.clean_result())
    assert root.attrib == {"name": "journeyctl", "tests": "7", "failures": "0", "errors": "0", "skipped": "0"}
    assert [s.get("name") for s in root] == [f"maps/m{i}.yaml" for i in range(7)]


def test_without_a_workspace_only_files_with_findings_are_listed():
    root = _parse(LintResult([finding(path="b.yaml"), finding(path="a.yaml")], 2, 2, None, ()))
    assert [s.get("name") for s in root] == ["a.yaml", "b.yaml"]
