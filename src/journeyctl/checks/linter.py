"""The linter: load the workspace, run the selected rules, apply suppressions, sort findings.

The order for each file: validation (JM001–JM004, done while loading; a file with such a
finding gets nothing else) → the selected rules, with their configured severity and
options → ``per-file-ignores`` → suppression comments → ``unused-suppression`` (JM005),
both worked out by :mod:`journeyctl.checks.suppressions`.

Rules that measure time (``stale-map``, ``must-have-overdue``) read "today" from the
``today`` argument, else from the ``JOURNEYCTL_TODAY`` environment variable (an ISO
date, for reproducible CI runs and golden files), else from the clock. The evidence rules
read the evidence of the event log the configuration's ``[evidence]`` names
(:mod:`journeyctl.checks.evidence_source`), which also switches them on.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.checks.evidence_source import EvidenceSource, needs_evidence
from journeyctl.checks.rules import all_rules
from journeyctl.checks.selection import (
    Layer,
    check_per_file_ignores,
    check_rule_tables,
    config_layer,
    configure,
    ignored_for,
    selected,
)
from journeyctl.checks.selectors import SelectorError
from journeyctl.checks.suppressions import Coverage, find_suppressions, names_exactly, unused_suppressions
from journeyctl.loading.config import PARALLEL_FILES, Config, ConfigError
from journeyctl.loading.workspace import load_text, load_workspace
from journeyctl.loading.workspace.discovery import display_path
from journeyctl.model.document import JourneyDoc, SourceFile
from journeyctl.model.findings import Finding
from journeyctl.model.results import LintResult
from journeyctl.model.rule import Rule

TODAY_VARIABLE = "JOURNEYCTL_TODAY"
UNUSED_SUPPRESSION = "JM005"

#: ``progress(done, total)``: called once before the rules run and after each file.
Progress = Callable[[int, int], None]


def default_today() -> dt.date:
    """``JOURNEYCTL_TODAY`` when set (raises :class:`ConfigError` if it is not an ISO date), else today."""
    value = os.environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{TODAY_VARIABLE}={value!r} is not an ISO date (YYYY-MM-DD)") from None


def active_rules(config: Config, overrides: Layer | None = None) -> tuple[Rule, ...]:
    """The rules to run with their configured severity and options.

    Raises :class:`ConfigError` naming the file and key for a selector that matches no
    rule, an unknown rule table, option or severity, or an option of the wrong type.
    """
    rules = all_rules()
    check_rule_tables(config, rules)
    check_per_file_ignores(config, rules)
    # The evidence rules are off until the configuration names an event log.
    evidence_layer = Layer(None, [r.code for r in rules if needs_evidence(r)]) if config.evidence else None
    layers = [evidence_layer] * bool(evidence_layer) + [config_layer(config)] + ([overrides] if overrides else [])
    try:
        chosen = selected(layers, rules)
    except SelectorError as exc:
        raise ConfigError(str(exc)) from None
    configured = (configure(rule, config) for rule in chosen)
    return tuple(rule for rule in configured if rule is not None)


def lint_doc(
    doc: JourneyDoc, rules: Iterable[Rule], today: dt.date | None = None, *, max_findings: int | None = None,
    evidence: EvidenceSource | None = None,
) -> list[Finding]:
    """Run ``rules`` on one valid journey (no suppressions applied).

    With ``max_findings``, each rule reports at most that many findings and then one more
    that counts the rest: a map built to trip a rule at every one of a million
    transitions must not cost gigabytes of findings nobody will read.
    """
    graph = JourneyGraph(doc.journey)
    today = today or default_today()
    findings = []
    for rule in rules:
        options = dict(rule.options)
        options["today"] = today
        if evidence is not None and needs_evidence(rule):
            options["evidence"] = evidence(doc)
        count = 0
        for problem in rule.check(doc, graph, options):
            count += 1
            if max_findings is not None and count > max_findings:
                if count == max_findings + 1:  # the count of the rest points at the first of them
                    rest = doc.source.key(problem.path) if problem.at_key else doc.source.value(problem.path)
                continue
            position = doc.source.key(problem.path) if problem.at_key else doc.source.value(problem.path)
            findings.append(Finding(
                doc.path, position, rule.code, rule.name, rule.severity, problem.message,
                journey=doc.journey.id, element=problem.element, extra=problem.facts(),
            ))
        if max_findings is not None and count > max_findings:
            findings.append(_the_rest(doc.path, rest, rule, count - max_findings, max_findings, doc.journey.id))
    return findings


def _the_rest(path: str, position, rule: Rule, count: int, limit: int, journey: str | None) -> Finding:
    """The finding that stands for ``count`` findings of ``rule`` past the limit."""
    return Finding(
        path, position, rule.code, rule.name, rule.severity,
        f"{count:,} more {rule.name} findings in this file are not reported (max-findings: {limit:,} per rule and file)",
        journey=journey, extra={"capped": True},
    )


def _cycle_collection_paused(function: Callable) -> Callable:
    """Run ``function`` with the cyclic garbage collector paused (reference counting goes on).

    Linting builds large acyclic structures (documents, models, graphs) that every pass
    of the collector would walk again: on a workspace of a hundred maps those passes took
    longer than the rules. Nothing the linter creates forms reference cycles.
    """

    @functools.wraps(function)
    def paused(*args, **kwargs):
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused


@_cycle_collection_paused
def lint(
    paths: Iterable[str],
    config: Config,
    *,
    cwd: Path | None = None,
    today: dt.date | None = None,
    overrides: Layer | None = None,
    progress: Progress | None = None,
    allow_empty: bool = False,
    workspace_ids: bool = True,
    overlay: Mapping[Path, str] | None = None,
    cache: bool = False,
    jobs: int = 1,
) -> LintResult:
    """Lint ``paths`` (default: the workspace) and return sorted findings.

    With ``cache``, the findings of each file whose inputs are unchanged come from the
    workspace's cache, and the others are stored there (:mod:`journeyctl.checks.staged`).
    With ``jobs`` over 1, that many processes read and check a large workspace's files
    (:meth:`~journeyctl.loading.config.Config.job_count` is what the command line uses). Such
    runs and cached ones keep only findings: their workspace holds no journey docs.

    ``overrides`` is the command line's selection layer. Raises :class:`ConfigError` for
    a bad configuration and :class:`~journeyctl.loading.workspace.UsageError` for a bad path (and,
    unless ``allow_empty``, for a folder holding no journeyctl file). ``workspace_ids`` and
    ``overlay``: see :func:`~journeyctl.loading.workspace.load_workspace`.
    """
    rules = active_rules(config, overrides)
    today = today or default_today()
    evidence = (
        EvidenceSource(config.evidence, config.where("evidence.events"))
        if config.evidence is not None and any(needs_evidence(r) for r in rules) else None
    )
    root = config.root.resolve()
    cwd = (cwd or Path.cwd()).resolve()
    # Texts not yet written (``overlay``) are not what the cache knows, and an event log is
    # not in its keys: such runs are plain.
    plain = bool(overlay) or evidence is not None
    store = None
    if cache and not plain:
        from journeyctl.loading.cache import open_cache

        store = open_cache(root)
    paths = list(paths)
    if store is None and (jobs == 1 or plain or _few_files(paths, cwd)):
        workspace = load_workspace(
            paths, config, cwd, allow_empty=allow_empty, workspace_ids=workspace_ids, overlay=overlay,
        )
        docs = {id(doc.file): doc for doc in workspace.docs()}
        found = (
            file_findings(file, docs.get(id(file)), rules, config, today, evidence) for file in workspace.targets
        )
    else:
        # The staged run: files the cache knows are not parsed, the others are checked one
        # at a time (or on every core), and only their findings are kept.
        from journeyctl.checks.staged import StagedRun

        run = StagedRun(config, cwd, store, overrides, today, jobs, rules_for=active_rules, check=file_findings)
        workspace = run.load(paths, allow_empty=allow_empty, workspace_ids=workspace_ids)
        found = run.findings()
    findings: list[Finding] = []
    total = len(workspace.targets)
    if progress:
        progress(0, total)
    for done, file_found in enumerate(found, start=1):
        findings.extend(file_found)
        if progress:
            progress(done, total)
    findings.sort(key=Finding.sort_key)
    journeys = sum(1 for f in workspace.targets if f.kind == "journey")
    return LintResult(findings, len(workspace.targets), journeys, workspace, rules)


def _few_files(paths: list[str], cwd: Path) -> bool:
    """Whether ``paths`` name only files, too few for a pool to pay (``lint one.yaml``)."""
    return 0 < len(paths) < PARALLEL_FILES and all((cwd / p).is_file() for p in paths)


def file_findings(
    file: SourceFile, doc: JourneyDoc | None, rules: Sequence[Rule], config: Config, today: dt.date,
    evidence: EvidenceSource | None = None,
) -> list[Finding]:
    """Every finding of one target: its loading's, then its rules' (when it is valid)."""
    found = list(file.findings)
    if file.ok:
        off = ignored_for(display_path(file.location, config.root.resolve()), config)
        file_rules = [r for r in rules if r.code not in off]
        found.extend(lint_file(file, doc, file_rules, today, config.max_findings, evidence))
    return found


def combine_results(results: list[LintResult]) -> LintResult:
    """One result for the maps of several workspaces, each linted with its own configuration."""
    if len(results) == 1:
        return results[0]
    from journeyctl.model.document import combine

    findings = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    rules = {rule.code: rule for r in results for rule in r.rules}
    workspaces = [r.workspace for r in results if r.workspace is not None]
    return LintResult(
        findings, sum(r.files for r in results), sum(r.journeys for r in results),
        combine(workspaces) if workspaces else None, tuple(rules[code] for code in sorted(rules)),
    )


def lint_text(text: str, display: str, config: Config, *, today: dt.date | None = None) -> list[Finding]:
    """Lint one map given as text, on its own (see :func:`~journeyctl.loading.workspace.load_text`),
    with the configured rules; ``display`` names it in the findings."""
    file, doc = load_text(text, display, config)
    findings = list(file.findings)
    if doc is not None:
        findings.extend(lint_file(file, doc, active_rules(config), today or default_today(), config.max_findings))
    findings.sort(key=Finding.sort_key)
    return findings


def lint_file(
    file: SourceFile, doc: JourneyDoc | None, rules: Sequence[Rule], today: dt.date, max_findings: int | None = None,
    evidence: EvidenceSource | None = None,
) -> list[Finding]:
    """The rule findings for one validated file (journey or catalog), suppressions applied."""
    checks = [r for r in rules if r.code != UNUSED_SUPPRESSION]
    found = lint_doc(doc, checks, today, max_findings=max_findings, evidence=evidence) if doc is not None else []
    suppressions, bad = find_suppressions(file.text)
    if not suppressions and not bad:
        return found
    cover = Coverage(suppressions, all_rules())
    kept = [f for f in found if not cover.suppresses(f)]
    unused = next((r for r in rules if r.code == UNUSED_SUPPRESSION), None)
    if unused is None:
        return kept
    capped = {f.code for f in found if f.extra.get("capped")}
    if capped:
        cover.count_capped_as_used(suppressions, capped)
    # Only a comment naming this rule hides its findings: a bare 'ignore-file' must not
    # hide the report that it is itself unused.
    own = Coverage([s for s in suppressions if any(names_exactly(r, unused) for r in s.rules)], all_rules())
    journey = doc.journey.id if doc is not None else file.journey_id
    enabled = {r.code for r in checks}
    reported = 0
    for position, message, selector in unused_suppressions(suppressions, bad, enabled, all_rules(), unused.code):
        finding = Finding(
            file.path, position, unused.code, unused.name, unused.severity, message, journey=journey,
            # what a fix needs: the name to take out, and whether a rule it names ran
            extra={} if selector is None else {
                "selector": selector, "ran": bool(cover.codes_named(selector) & enabled),
            },
        )
        if own.suppresses(finding, track=False):
            continue
        reported += 1
        if max_findings is None or reported <= max_findings:
            kept.append(finding)
        elif reported == max_findings + 1:
            rest = position
    if max_findings is not None and reported > max_findings:
        kept.append(_the_rest(file.path, rest, unused, reported - max_findings, max_findings, journey))
    return kept
