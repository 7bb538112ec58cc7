"""SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps…) read.

One run: ``tool.driver`` names journeyctl and lists every rule that ran or was reported
(id = code, name, descriptions and help from the rule's documentation, and as
``defaultConfiguration.level`` the severity the rule ran with);
each result points at its file relative to ``%SRCROOT%`` (the folder the lint ran in)
with a region whose columns count Unicode code points, as the YAML loader does. The
``journeyctl/v1`` partial fingerprint hashes the rule, file and element — never a line
number — so code scanning keeps tracking an alert when lines are added above it. A finding
``lint --fix`` can fix carries it as the result's ``fixes`` (safe or not in its ``properties``).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from journeyctl import __version__
from journeyctl.checks.rules import catalog as codes
from journeyctl.model.findings import Finding, Severity
from journeyctl.model.fixes import Fix
from journeyctl.model.results import LintResult
from journeyctl.model.rule import Rule
from journeyctl.outputs.reporters.as_reported import fingerprints, ordered, reportable
from journeyctl.text.strictjson import dumps

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://journeyctl.dev"
FINGERPRINT = "journeyctl/v1"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(result: LintResult, **_: object) -> str:
    findings = ordered(result.findings)
    rules = _reported_rules(result, findings)
    index = {descriptor["id"]: i for i, descriptor in enumerate(rules)}
    shown = [reportable(f) for f in findings]
    # The URI is built from the file name itself, which percent-encoding can carry exactly.
    results = [
        _result(f, _artifact_location(original.path), index[f.code], fingerprint)
        for original, f, fingerprint in zip(findings, shown, fingerprints(shown))
    ]
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "journeyctl",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return dumps(document, indent=2) + "\n"


def _reported_rules(result: LintResult, findings: list[Finding]) -> list[dict]:
    """Descriptors for the rules that ran and any other code a finding carries, by code."""
    descriptors = {rule.code: _descriptor(rule) for rule in result.rules}
    missing = {f.code for f in findings} - descriptors.keys()
    if missing:
        catalog = {rule.code: rule for rule in codes()}
        for f in findings:
            if f.code in missing and f.code not in descriptors:
                rule = catalog.get(f.code)
                descriptors[f.code] = _descriptor(rule) if rule else _bare_descriptor(f)
    return [descriptors[code] for code in sorted(descriptors)]


def _descriptor(rule: Rule) -> dict:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": _section(rule.doc, "What it does") or rule.summary or rule.name},
        "help": {"text": rule.doc or rule.name, "markdown": _markdown(rule.doc) or rule.name},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


def _bare_descriptor(finding: Finding) -> dict:
    """A finding whose code no rule module documents (such as the loader's JM001)."""
    return {
        "id": finding.code,
        "name": finding.rule,
        "shortDescription": {"text": finding.rule},
        "defaultConfiguration": {"level": _LEVELS[finding.severity]},
    }


def _result(finding: Finding, location: dict, rule_index: int, fingerprint: str) -> dict:
    p = finding.position
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": location,
                "region": {
                    "startLine": p.line,
                    "startColumn": p.column,
                    "endLine": p.end_line,
                    "endColumn": p.end_column,
                },
            },
        }],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        **({"fixes": [_fix(finding.fix, location)]} if _placed(finding.fix) else {}),
    }


def _placed(fix: Fix | None) -> bool:
    return fix is not None and len(fix.spans) == len(fix.edits)


def _fix(fix: Fix, location: dict) -> dict:
    """A fix as SARIF proposes one: its replacements in the result's file, each a region
    (empty to insert) and the text that takes its place; how safe it is in ``properties``."""
    return {
        "description": {"text": fix.title},
        "artifactChanges": [{
            "artifactLocation": location,
            "replacements": [
                {
                    "deletedRegion": {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column},
                    "insertedContent": {"text": edit.text},
                }
                for edit, (line, column, end_line, end_column) in zip(fix.edits, fix.spans)
            ],
        }],
        "properties": {"applicability": "safe" if fix.safe else "unsafe"},
    }


def _artifact_location(path: str) -> dict:
    """A relative path as a URI reference under ``%SRCROOT%``; an absolute one as a file URI.

    The URI percent-encodes the file name's bytes, so a name that is not valid UTF-8 is
    given exactly (``bad%FF.yaml``).
    """
    data = path.encode("utf-8", "surrogateescape")
    if re.match(rb"[A-Za-z]:/", data):
        return {"uri": "file:///" + quote(data, safe="/:")}
    if data.startswith(b"/"):
        return {"uri": "file://" + quote(data, safe="/")}
    # Percent-encoding keeps spaces, '#', '%' and a ':' that would read as a scheme out of the URI syntax.
    return {"uri": quote(data, safe="/"), "uriBaseId": "%SRCROOT%"}


_HEADING_RULE = re.compile(r"^(-{3,}|={3,}|~{3,})$")
_CODE_BLOCK = re.compile(r"^\s*\.\. code-block::\s*(\S*)\s*$")


def _section(doc: str, title: str) -> str:
    """The first paragraph of the docstring section ``title``, on one line."""
    lines = doc.splitlines()
    for i, line in enumerate(lines[:-1]):
        if line.strip() == title and _HEADING_RULE.match(lines[i + 1].strip()):
            body: list[str] = []
            for text in lines[i + 2:]:
                if not text.strip():
                    if body:
                        break
                    continue
                body.append(text.strip())
            return " ".join(body).replace("``", "`")
    return ""


def _markdown(doc: str) -> str:
    """The rule docstring (reStructuredText headings, literals, code blocks) as Markdown."""
    lines = doc.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        block = _CODE_BLOCK.match(line)
        if line.strip() and _HEADING_RULE.match(following):
            out.append(f"## {line.strip()}")
            i += 2
        elif block:
            i += 1
            code: list[str] = []
            while i < len(lines) and (not lines[i].strip() or lines[i][:1].isspace()):
                code.append(lines[i])
                i += 1
            while code and not code[0].strip():
                code.pop(0)
            while code and not code[-1].strip():
                code.pop()
            indent = min((len(c) - len(c.lstrip()) for c in code if c.strip()), default=0)
            out.append(f"```{block.group(1)}")
            out.extend(c[indent:] for c in code)
            out.append("```")
            out.append("")
        else:
            out.append(line.replace("``", "`"))
            i += 1
    return "\n".join(out).strip()
