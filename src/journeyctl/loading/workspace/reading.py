"""Reading one file: bytes → parsed YAML → a validated model, with JM001, JM002 and JM004 findings.

References (JM003) need the other files of the workspace and are checked by
:func:`~journeyctl.loading.workspace.load_workspace`; the helpers for adding findings to a file
(one per problem, at most ``max-findings`` per rule) are shared with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from pathlib import Path

from journeyctl.loading.config import Config
from journeyctl.loading.files import FileTooLarge, read_limited
from journeyctl.loading.references import (
    cross_field_problems,
    duplicate_activities,
    duplicate_catalog_ids,
    duplicate_ids,
    emotions_out_of_scale,
)
from journeyctl.loading.validate import make_finding, validate_model
from journeyctl.loading.yaml_errors import YamlError, decode
from journeyctl.loading.yamlload import load_yaml
from journeyctl.model import Catalog, Journey
from journeyctl.model.document import SourceFile
from journeyctl.model.findings import Finding, Position, Problem, Severity


def add_problem(file: SourceFile, rule: str, problem: Problem) -> None:
    """Add the validation finding of ``rule`` (``schema``, ``duplicate-id``…) for ``problem``."""
    file.findings.append(make_finding(rule, file.path, file.source, problem, file.journey_id))


def read_source(
    location: Path, display: str, config: Config, text: str | None = None, raw: bytes | None = None
) -> SourceFile:
    """Read and parse one file; JM001 findings for anything that is not YAML we accept.

    ``text``, when given, is the file's text as it is about to be written (a fix, a
    rename): it is parsed instead of what is on disk. ``raw``, when given, is the file's
    bytes, already read.
    """
    file = SourceFile(display, location)
    try:
        if text is None:
            text = decode(raw if raw is not None else read_limited(location, config.max_file_size))
    except FileTooLarge as exc:
        file.findings.append(file_finding(file, str(exc)))
        return file
    except OSError as exc:
        # A dangling link or a link to a device in a pull request is bad input like any other.
        file.findings.append(file_finding(file, f"cannot read the file: {exc.strerror}"))
        return file
    except YamlError as exc:
        file.findings.append(Finding(display, exc.position, "JM001", "invalid-yaml", Severity.ERROR, exc.message))
        return file
    try:
        file.loaded = load_yaml(text)
    except YamlError as exc:
        file.findings.append(Finding(display, exc.position, "JM001", "invalid-yaml", Severity.ERROR, exc.message))
        return file
    data = file.loaded.data
    if isinstance(data, dict) and "journeyctl" in data:
        file.kind = "catalog" if data.get("kind") == "catalog" else "journey"
    return file


def file_finding(file: SourceFile, message: str) -> Finding:
    return Finding(file.path, Position.start(), "JM001", "invalid-yaml", Severity.ERROR, message)


def validate_file(file: SourceFile, config: Config) -> None:
    """Validate a journeyctl file: its model and emotions (JM002) and duplicate ids (JM004).

    References (JM003) need the workspace and are checked in :func:`load_workspace`.
    """
    if file.kind is None or file.findings:
        return
    data = file.loaded.data
    touchpoints = data.get("touchpoints")
    if isinstance(touchpoints, list) and len(touchpoints) > config.max_touchpoints:
        add_problem(file, "invalid-yaml", Problem(
            ("touchpoints",),
            f"the journey has {len(touchpoints):,} touchpoints, over the limit of "
            f"{config.max_touchpoints:,} (max-touchpoints)",
        ))
        return
    model_class = Catalog if file.kind == "catalog" else Journey
    model, problems = validate_model(model_class, data)
    limit = config.max_findings
    if model is not None:
        file.model = model
    if other_version(data):
        # A later format's map is not read as this one: its version finding says it all.
        add_limited(file, "schema", problems, limit)
        return
    # Every problem of the map in one run: the checks below read the raw document, so an
    # invalid field anywhere hides nothing else (references are checked with the workspace).
    if file.kind == "journey":
        reported = set(problems)
        problems += [p for p in cross_field_problems(data) if p not in reported]
        problems += emotions_out_of_scale(data)
        add_limited(file, "schema", problems, limit)
        add_limited(file, "duplicate-id", chain(duplicate_ids(data), duplicate_activities(data)), limit)
    else:
        add_limited(file, "schema", problems, limit)
        add_limited(file, "duplicate-id", duplicate_catalog_ids(data), limit)


def other_version(data: dict) -> bool:
    """Whether the file says it is of a format version other than 1."""
    version = data.get("journeyctl")
    return isinstance(version, (int, float)) and not isinstance(version, bool) and version != 1


def add_limited(file: SourceFile, rule: str, problems: Iterable[Problem], limit: int) -> None:
    """Add at most ``limit`` of ``problems`` to ``file``, then one that counts the rest."""
    count = 0
    for problem in problems:
        count += 1
        if count <= limit:
            add_problem(file, rule, problem)
        elif count == limit + 1:
            rest = problem.path
    if count > limit:
        add_problem(file, rule, Problem(
            rest,
            f"{count - limit:,} more {rule} findings in this file are not reported "
            f"(max-findings: {limit:,} per rule and file)",
        ))


def has_invalid_yaml(file: SourceFile) -> bool:
    return any(f.code == "JM001" for f in file.findings)
