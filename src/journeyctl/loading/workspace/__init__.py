"""The workspace: finding journeyctl files, loading them, applying catalogs, resolving links.

Data flows one way: file bytes → :class:`~journeyctl.loading.yamlload.LoadedYaml` → models →
:class:`~journeyctl.model.document.JourneyDoc` (a journey with everything its references may
point at). Problems at each step become JM001–JM004 findings on the
:class:`~journeyctl.model.document.SourceFile`; a file with such findings gets no further checks.

This module ties the steps together and resolves what crosses files: duplicate journey
ids and the cross-journey index that links are checked against. Its siblings hold the
steps: :mod:`~journeyctl.loading.workspace.discovery` (which files), :mod:`~journeyctl.loading.workspace.reading`
(one file, validated) and :mod:`~journeyctl.loading.workspace.catalogs` (each file loaded once,
the catalogs of a folder chain).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from journeyctl.loading.config import Config
from journeyctl.loading.files import is_link_loop, present, real_path
from journeyctl.loading.globs import Globs
from journeyctl.loading.references import (
    Context,
    inline_context,
    mappings,
    unknown_catalog_references,
    unknown_references,
)
from journeyctl.loading.workspace.catalogs import Loader, Scope, builtin_channels, journey_doc
from journeyctl.loading.workspace.discovery import discover, display_path, looks_like_journeyctl, no_journeyctl_files
from journeyctl.loading.workspace.reading import (
    add_limited,
    add_problem,
    file_finding,
    has_invalid_yaml,
    other_version,
    validate_file,
)
from journeyctl.loading.yaml_errors import YamlError
from journeyctl.loading.yamlload import load_yaml
from journeyctl.model import Journey
from journeyctl.model.document import JourneyDoc, JourneyIds, SourceFile, Workspace, is_journey
from journeyctl.model.findings import Finding, Problem, Severity
from journeyctl.model.ids import IdSet


class UsageError(Exception):
    """A problem with what the user asked for (missing path…): one line and exit code 2."""


def requested_locations(paths: Iterable[str], config: Config, cwd: Path) -> Iterator[tuple[str, Path]]:
    """Each path asked for, as given, with its real location: ``paths``, or else the
    configured paths, or else the current folder.

    No path means the current folder, and its emptiness is the same error as for `.`:
    a CI job whose configuration excludes every map must not pass green. Raises
    :class:`UsageError` for a path that does not exist.
    """
    root = config.root.resolve()
    for given in list(paths) or [str(root / p) for p in config.paths] or ["."]:
        location = real_path(cwd / given)
        if not present(location):
            raise UsageError(f"{given}: no such file or directory")
        yield given, location


def load_text(text: str, display: str, config: Config) -> tuple[SourceFile, JourneyDoc | None]:
    """One map given as text, on its own (no catalogs, no other journeys): loaded,
    validated, its references resolved; the doc is None when JM001–JM004 findings stop it.

    For text a command is about to write, such as an imported map.
    """
    file = SourceFile(display, Path(display))
    try:
        file.loaded = load_yaml(text)
    except YamlError as exc:
        file.findings.append(Finding(display, exc.position, "JM001", "invalid-yaml", Severity.ERROR, exc.message))
        return file, None
    data = file.loaded.data
    if isinstance(data, dict) and "journeyctl" in data:
        file.kind = "catalog" if data.get("kind") == "catalog" else "journey"
    validate_file(file, config)
    if file.kind != "journey" or has_invalid_yaml(file) or other_version(data):
        return file, None
    # As in a workspace: references are checked whatever else is wrong with the map.
    index: dict[str, frozenset[str]] = {}
    if isinstance(file.model, Journey):
        index[file.model.id] = touchpoint_ids(file.model)
    _index_invalid(file, index)
    scope = Scope(builtin_channels(), {}, {})
    context = inline_context(data, Context(scope.personas, scope.channels, scope.teams, index))
    add_limited(file, "unknown-reference", unknown_references(data, context), config.max_findings)
    return file, (journey_doc(file, scope) if file.ok else None)


def load_workspace(
    paths: Iterable[str], config: Config, cwd: Path | None = None, *, allow_empty: bool = False,
    workspace_ids: bool = True, overlay: Mapping[Path, str] | None = None,
) -> Workspace:
    """Load the files under ``paths`` (default: the configured paths, or the current folder).

    Raises :class:`UsageError` for a path that does not exist, and for a folder given,
    configured or implied (no path: the current folder) that holds no journeyctl file,
    unless ``allow_empty``: a misspelt path or an ``exclude`` that leaves nothing in CI must
    not pass as "no findings". With ``workspace_ids``, a target journey whose id
    another journey of the workspace defines is reported even when that one is not loaded
    (``diff`` turns it off: the other version of a map is not a clash). ``overlay`` maps
    real paths to texts read in place of those files (edits checked before they are written).
    """
    cwd = (cwd or Path.cwd()).resolve()
    loader = Loader(config, cwd, overlay)
    targets = gather_targets(paths, loader, allow_empty=allow_empty)
    root = config.root.resolve()
    links = link_targets(targets, loader, root, workspace_ids)
    return check_targets(targets, loader, root, links)


def gather_targets(paths: Iterable[str], loader: Loader, *, allow_empty: bool = False) -> list[SourceFile]:
    """The files ``paths`` ask for, each loaded through ``loader``, in the order a report lists them.

    Raises :class:`UsageError` as :func:`load_workspace` says.
    """
    config, cwd = loader.config, loader.cwd
    root = config.root.resolve()
    required = not allow_empty
    targets: list[SourceFile] = []
    seen: set[Path] = set()
    for given, location in requested_locations(paths, config, cwd):
        if location.is_dir():
            before = len(targets)
            for path in loader.discover(location, root):
                file = loader.get(path)
                if file.location in seen:
                    continue
                # Other YAML files are skipped silently, unless they were clearly meant for us;
                # a link loop never leads to a file, so it is a mistake whatever it was meant for.
                if file.kind is None and not (
                    file.findings and (looks_like_journeyctl(file) or is_link_loop(file.location))
                ):
                    continue
                seen.add(file.location)
                targets.append(file)
            if required and len(targets) == before and not _holds_seen(location, seen):
                raise UsageError(no_journeyctl_files(given))
        elif location not in seen:
            seen.add(location)
            file = loader.get(location)
            if file.kind is None and not file.findings:
                file.findings.append(file_finding(
                    file, "not a journeyctl file: the top level has no 'journeyctl: 1' key"
                ))
            targets.append(file)
    return targets


def _holds_seen(folder: Path, seen: set[Path]) -> bool:
    """Whether a file already taken from another path lies in ``folder`` (``lint maps maps/a``)."""
    return any(path.is_relative_to(folder) for path in seen)


class Links(NamedTuple):
    """What crosses files, worked out over the targets: each journey id's touchpoint ids
    (the workspace's journeys the targets link to included), and the glanced ids of the
    other journeys, which only suggest what a link that does not resolve may have meant."""

    index: dict[str, frozenset[str]]
    others: frozenset[str]


def link_targets(targets: list[SourceFile], loader: Loader, root: Path, workspace_ids: bool = True) -> Links:
    """Report duplicate journey ids, index the journeys the targets link to, and add to
    ``targets`` the broken catalogs that apply to them.

    Reads of each file only its kind, ids, touchpoint ids and links, so that a loader may
    hand over files it knows without parsing them (see :mod:`~journeyctl.loading.workspace.cached`).
    """
    journeys = [f for f in targets if f.ok and is_journey(f.model)]
    index: dict[str, frozenset[str]] = {}
    owners: dict[str, SourceFile] = {}
    for file in journeys:
        model = file.model
        if model.id in owners:
            first = owners[model.id]
            add_problem(file, "duplicate-id", Problem(
                ("id",), f"duplicate journey id {model.id!r}: also defined in {first.path}", element=f"journey:{model.id}"
            ))
            continue
        owners[model.id] = file
        index[model.id] = touchpoint_ids(model)
    if workspace_ids:
        _duplicates_elsewhere(loader, root, owners, targets)
    for file in targets:
        _index_invalid(file, index)
    wanted = {
        link for f in targets if f.kind == "journey" and not has_invalid_yaml(f)
        for link in _missing_links(f.loaded.data, index)
    }
    others: frozenset[str] = frozenset()
    if wanted:
        others = _index_workspace(loader, root, index, wanted)
    # A broken catalog that applies to a target is reported with it: without its errors,
    # the target's unknown references would not say why.
    for file in list(targets):
        if file.kind == "journey":
            for catalog in loader.catalog_files(file.location.parent, root):
                if catalog.findings and catalog not in targets and \
                        not Globs(loader.config.exclude).matches(display_path(catalog.location, root)):
                    targets.append(catalog)
    return Links(index, others)


def check_targets(
    targets: list[SourceFile], loader: Loader, root: Path, links: Links,
) -> Workspace:
    """Check the references of the targets against their catalogs and ``links``, and
    gather the valid journeys."""
    docs: dict[str, JourneyDoc] = {}
    for file in targets:
        doc = check_target(file, loader, root, links)
        if doc is not None:
            docs[doc.journey.id] = doc
    return Workspace(root, targets, docs, links.index)


def check_target(file: SourceFile, loader: Loader, root: Path, links: Links) -> JourneyDoc | None:
    """Check the references of one target (a journey or a catalog); the journey with its
    catalogs' definitions when it is valid."""
    if file.kind is None or has_invalid_yaml(file) or other_version(file.loaded.data):
        return None
    scope = loader.scope(file.location.parent, root)
    if file.kind == "catalog":
        add_limited(
            file, "unknown-reference", unknown_catalog_references(file.loaded.data, scope.channels),
            loader.config.max_findings,
        )
        return None
    # Checked whatever else is wrong with the map: a duplicate id or a typo elsewhere
    # must not hide an unknown reference.
    context = inline_context(
        file.loaded.data, Context(scope.personas, scope.channels, scope.teams, links.index, links.others)
    )
    add_limited(file, "unknown-reference", unknown_references(file.loaded.data, context), loader.config.max_findings)
    return journey_doc(file, scope) if file.ok else None


def _missing_links(data: dict, index: dict[str, Any]) -> set[str]:
    """The journeys not indexed that the journey (valid or not: its links are checked either
    way) links to."""
    return {
        link for _, tp in mappings(data, "touchpoints") for _, t in mappings(tp, "next")
        if isinstance(link := t.get("journey"), str) and link not in index
    }


def _workspace_files(loader: Loader, root: Path) -> list[Path]:
    """Every file discovery finds in the workspace (the configured paths, or all of the root)."""
    folders = [root / p for p in loader.config.paths] or [root]
    paths = [p for folder in folders if folder.is_dir() for p in loader.discover(folder, root)]
    return paths + [folder for folder in folders if folder.is_file()]


def _duplicates_elsewhere(
    loader: Loader, root: Path, owners: dict[str, SourceFile], targets: list[SourceFile]
) -> None:
    """Report a target journey whose id another journey of the workspace also defines.

    Ids are unique in the workspace, so linting one of two clashing maps must say so too.
    Only maps whose top-level ``id:`` (found by a glance at their start) is one of the ids
    are parsed: the others cannot clash, and parsing big siblings made linting one small
    map cost the whole folder.
    """
    if not owners:
        return
    linted = {id(file) for file in targets}
    for path in _workspace_files(loader, root):
        location = loader.real_path(path)
        known = loader.files.get(location)
        if known is not None and id(known) in linted:
            continue
        if known is None:
            glanced = loader.glance(location)
            # Only a map that may define one of the ids is loaded (and so confirmed).
            if glanced.kind is not None and not (glanced.kind == "journey" and glanced.journey_id in owners):
                continue
        file = loader.get(path)
        if not is_journey(file.model) or file.model.id not in owners:
            continue
        target = owners[file.model.id]
        if not any(f.code == "JM004" and f.element == f"journey:{file.model.id}" for f in target.findings):
            add_problem(target, "duplicate-id", Problem(
                ("id",), f"duplicate journey id {file.model.id!r}: also defined in {file.path}",
                element=f"journey:{file.model.id}",
            ))


def _index_workspace(
    loader: Loader, root: Path, index: dict[str, frozenset[str]], wanted: set[str]
) -> frozenset[str]:
    """Add the journeys of the workspace (the configured paths, or all of the root) that
    the targets link to: only maps whose glanced id is ``wanted`` (or cannot be glanced)
    are loaded, for their touchpoint ids. Returns the glanced ids of the others, which
    only suggest what a link that does not resolve may have meant."""
    others: set[str] = set()
    for path in _workspace_files(loader, root):
        location = loader.real_path(path)
        if location not in loader.files:
            glanced = loader.glance(location)
            if glanced.kind is not None and (
                glanced.kind != "journey" or glanced.journey_id not in wanted or glanced.journey_id in index
            ):
                if glanced.journey_id is not None:
                    others.add(glanced.journey_id)
                continue
        file = loader.get(path)
        if is_journey(file.model) and file.model.id not in index:
            index[file.model.id] = touchpoint_ids(file.model)
        else:
            _index_invalid(file, index)
    return frozenset(others - set(index))


def _index_invalid(file: SourceFile, index: dict[str, frozenset[str]]) -> None:
    """Index a journey that failed validation by its raw id and touchpoint ids.

    Its own findings say what is wrong; links into it must not add "unknown journey".
    """
    data = file.loaded.data if file.loaded else None
    if file.kind != "journey" or is_journey(file.model) or not isinstance(data, dict):
        return
    ident = data.get("id")
    if not isinstance(ident, str) or ident in index:
        return
    touchpoints = data.get("touchpoints")
    index[ident] = IdSet(
        t["id"] for t in (touchpoints if isinstance(touchpoints, list) else [])
        if isinstance(t, dict) and isinstance(t.get("id"), str)
    )


def touchpoint_ids(journey: Journey | JourneyIds) -> IdSet:
    """The touchpoint ids of ``journey``, as the journey index holds them (a journey the
    cache handed over has them ready)."""
    if isinstance(journey, JourneyIds):
        return journey.touchpoint_ids
    return IdSet(t.id for t in journey.touchpoints)
