"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure DevOps…).

A ``testsuites`` root holds one ``testsuite`` per checked file (``name`` = its path);
each finding is a failing ``testcase`` named ``JM103 dead-end line 14`` whose
``failure`` carries the message and, as ``type``, the rule code. A file without findings
gets one passing test case, so the report shows it was checked. Findings are failures,
never ``error`` elements (JUnit's "the test could not run"), so ``errors`` is always 0.

The document is built with :mod:`xml.etree.ElementTree`, which escapes markup; characters
XML 1.0 cannot carry at all (most control characters, lone surrogates, U+FFFE/U+FFFF)
are shown as escapes such as ``\\x1b`` so the report always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from journeyctl.model.findings import Finding
from journeyctl.model.results import LintResult
from journeyctl.outputs.reporters.as_reported import checked_paths, reported

CLEAN_CASE = "all checks passed"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(result: LintResult, **_: object) -> str:
    findings = reported(result.findings)
    by_path = {path: list(group) for path, group in groupby(findings, key=lambda f: f.path)}
    root = ET.Element("testsuites")
    total_tests = 0
    for path in checked_paths(result):
        failures = by_path.get(path, [])
        tests = len(failures) or 1
        total_tests += tests
        suite = ET.SubElement(root, "testsuite", _counts(path, tests, len(failures)))
        if not failures:
            ET.SubElement(suite, "testcase", {"name": CLEAN_CASE, "classname": _xml(path)})
        for f in failures:
            case = ET.SubElement(suite, "testcase", {
                "name": _xml(f"{f.code} {f.rule} line {f.line}"), "classname": _xml(path),
                "file": _xml(path), "line": str(f.line),
            })
            failure = ET.SubElement(case, "failure", {"message": _xml(f.message), "type": _xml(f.code)})
            failure.text = _xml(_details(f))
    root.attrib.update(_counts("journeyctl", total_tests, len(findings)))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _counts(name: str, tests: int, failures: int) -> dict[str, str]:
    return {"name": _xml(name), "tests": str(tests), "failures": str(failures), "errors": "0", "skipped": "0"}


def _details(finding: Finding) -> str:
    location = f"{finding.path}:{finding.line}:{finding.column}"
    return f"{location}: {finding.severity.label}: {finding.code} [{finding.rule}] {finding.message}"


def _xml(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids replaced by visible escapes."""
    return _NOT_XML.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
