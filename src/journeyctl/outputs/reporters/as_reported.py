"""Findings as every report format shows them: in one order, encodable as UTF-8, with the
list of files that were checked and fingerprints that identify a finding across runs."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from journeyctl.model.findings import Finding
from journeyctl.model.results import LintResult
from journeyctl.text.escape import SURROGATES, unicode_text


def _order(finding: Finding) -> tuple:
    # Finding.sort_key alone leaves ties (same place, code and message); every field takes
    # part here so the order never depends on the order the findings arrived in.
    p = finding.position
    return (
        finding.path, p.line, p.column, p.end_line, p.end_column, finding.code, finding.message,
        finding.severity, finding.rule, finding.journey or "", finding.element or "",
    )


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` by file, then position, then code: the order every format reports in."""
    return sorted(findings, key=_order)


def reportable(finding: Finding) -> Finding:
    """``finding`` with every text encodable as UTF-8: a file name that is not valid UTF-8
    shows each undecodable byte as ``\\xff`` (:func:`~journeyctl.text.escape.unicode_text`)."""
    if _encodable(finding.path, finding.message, finding.journey, finding.element):
        return finding  # nearly always: no copy
    return replace(
        finding,
        path=unicode_text(finding.path),
        message=unicode_text(finding.message),
        journey=None if finding.journey is None else unicode_text(finding.journey),
        element=None if finding.element is None else unicode_text(finding.element),
    )


def _encodable(*texts: str | None) -> bool:
    return not any(text is not None and not text.isascii() and SURROGATES.search(text) for text in texts)


def reported(findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` in report order (:func:`ordered`), each :func:`reportable`."""
    return [reportable(f) for f in ordered(findings)]


def checked_paths(result: LintResult) -> list[str]:
    """Every file the lint looked at (those without findings too), sorted, as reported."""
    paths = {f.path for f in result.findings}
    if result.workspace is not None:
        paths.update(target.path for target in result.workspace.targets)
    return [unicode_text(path) for path in sorted(paths)]


def fingerprints(findings: list[Finding]) -> list[str]:
    """A stable, unique identifier for each of ``findings`` (given in report order).

    It hashes the rule code, the file, the journey and what the finding is about (the
    element, or the message when there is no element), never the line or column, so it
    survives edits elsewhere in the file. Findings that would hash alike are told apart
    by their occurrence number in report order.
    """
    seen: Counter[tuple[str, ...]] = Counter()
    result = []
    for f in findings:
        key = (f.code, f.path, f.journey or "", f.element or f.message)
        occurrence = seen[key]
        seen[key] += 1
        # Length-prefixed fields: no text in a field can shift where the next one starts.
        data = "".join(f"{len(part)}:{part}" for part in (*key, str(occurrence)))
        result.append(hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest())
    return result
