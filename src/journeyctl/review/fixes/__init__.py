"""Fixes: the edits that resolve findings, for ``journeyctl lint --fix`` and the language server.

- :func:`fixes_for` — the fix of each finding of one map that has one;
- :func:`apply_fixes` — a text with the fixes that do not collide applied;
- :func:`report_fixes` — the findings of a report with their fixes, for SARIF;
- :mod:`~journeyctl.review.fixes.workflow` — fixing maps on disk, pass after pass, checked;
- :mod:`~journeyctl.review.fixes.rename` — the edits that rename an id everywhere.

Which rules have fixes, and which are safe, is in docs/fixes.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from journeyctl.model.findings import Finding
from journeyctl.model.fixes import Edit, Fix
from journeyctl.model.source_map import LoadedYaml
from journeyctl.review.fixes.apply import apply_edits, apply_fixes
from journeyctl.review.fixes.builders import FIXABLE, fix_for
from journeyctl.review.fixes.places import Places

__all__ = ["FIXABLE", "Edit", "Fix", "apply_edits", "apply_fixes", "fixes_for", "report_fixes", "with_fixes"]


def fixes_for(findings: Iterable[Finding], text: str | LoadedYaml) -> list[tuple[Finding, Fix]]:
    """``(finding, fix)`` for each of ``findings`` (of one map, as the linter made them) that has a fix.

    ``text`` is the map's text as linted, or its loaded document. The edits' offsets count
    characters of that text. A text that no longer parses has no fixes.
    """
    loaded = text if isinstance(text, LoadedYaml) else _load(text)
    if loaded is None:
        return []
    places = Places(loaded)
    found = []
    for finding in findings:
        fix = fix_for(finding, places)
        if fix is not None:
            found.append((finding, fix))
    return found


def with_fixes(findings: Iterable[Finding], text: str | LoadedYaml) -> list[Finding]:
    """``findings`` with their :attr:`~journeyctl.model.findings.Finding.fix` filled in where
    there is one, each edit placed by line and column (:attr:`Fix.spans`)."""
    loaded = text if isinstance(text, LoadedYaml) else _load(text)
    findings = list(findings)
    if loaded is None:
        return findings
    places = Places(loaded)
    fixes = {}
    for finding, fix in fixes_for(findings, loaded):
        spans = tuple((*places.position(e.start), *places.position(e.end)) for e in fix.edits)
        fixes[id(finding)] = dataclasses.replace(fix, spans=spans)
    return [dataclasses.replace(f, fix=fixes[id(f)]) if id(f) in fixes else f for f in findings]


def report_fixes(findings: Iterable[Finding], source: Callable[[str], str | None]) -> list[Finding]:
    """``findings`` of a lint report with their fixes (for the SARIF report).

    ``source(path)`` is the text of a file as linted, or None. Only files with a finding of
    a rule that has fixes are read; a finding keeps its order.
    """
    findings = list(findings)
    fixable: dict[str, list[int]] = {}
    for i, finding in enumerate(findings):
        if finding.code in FIXABLE:
            fixable.setdefault(finding.path, []).append(i)
    for path, indexes in fixable.items():
        text = source(path)
        if text is None:
            continue
        # A finding from the lint cache has its data path as a JSON list.
        mine = [_with_path_tuple(findings[i]) for i in indexes]
        for i, finding in zip(indexes, with_fixes(mine, text)):
            findings[i] = finding
    return findings


def _with_path_tuple(finding: Finding) -> Finding:
    path = finding.extra.get("path")
    if isinstance(path, list):
        return dataclasses.replace(finding, extra={**finding.extra, "path": tuple(path)})
    return finding


def _load(text: str) -> LoadedYaml | None:
    from journeyctl.loading.yaml_errors import YamlError
    from journeyctl.loading.yamlload import load_yaml

    try:
        return load_yaml(text)
    except YamlError:
        return None
