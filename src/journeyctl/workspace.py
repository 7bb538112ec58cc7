"""The workspace: finding journeyctl files, loading them, applying catalogs, resolving links.

Data flows one way: file bytes → :class:`~journeyctl.yamlload.LoadedYaml` → models →
:class:`JourneyDoc` (a journey with everything its references may point at). Problems at
each step become JM001–JM004 findings on the :class:`SourceFile`; a file with such
findings gets no further checks.
"""

from __future__ import annotations

import os
import re
from collections import ChainMap
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeyctl.config import Config
from journeyctl.files import FileTooLarge, is_link_loop, present, read_limited, real_path
from journeyctl.findings import Finding, Position, Severity
from journeyctl.globs import Globs
from journeyctl.model import BUILTIN_CHANNELS, Catalog, Channel, Journey, Persona, Team
from journeyctl.recognise import meant_for_journeyctl, opening_text
from journeyctl.references import (
    Context,
    cross_field_problems,
    duplicate_catalog_ids,
    duplicate_ids,
    emotions_out_of_scale,
    inline_context,
    mappings,
    unknown_catalog_references,
    unknown_references,
)
from journeyctl.validate import Problem, make_finding, validate_model
from journeyctl.yamlload import LoadedYaml, SourceMap, YamlError, decode, load_yaml

YAML_SUFFIXES = (".yaml", ".yml")
#: Folders never searched: version control, dependencies, virtual environments.
SKIPPED_DIRS = {"node_modules", "__pycache__", "venv"}


class UsageError(Exception):
    """A problem with what the user asked for (missing path…): one line and exit code 2."""


@dataclass(slots=True)
class SourceFile:
    """One file of the workspace and what loading it found."""

    path: str
    location: Path
    kind: str | None = None  # "journey", "catalog", or None when not a journeyctl file
    loaded: LoadedYaml | None = None
    model: Journey | Catalog | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def source(self) -> SourceMap:
        return self.loaded.source if self.loaded else SourceMap(None)

    @property
    def text(self) -> str:
        return self.loaded.text if self.loaded else ""

    @property
    def ok(self) -> bool:
        """Loaded and validated without JM001–JM004 findings."""
        return self.model is not None and not self.findings

    @property
    def journey_id(self) -> str | None:
        if isinstance(self.model, Journey):
            return self.model.id
        data = self.loaded.data if self.loaded else None
        value = data.get("id") if isinstance(data, dict) else None
        return value if isinstance(value, str) else None

    def add(self, rule: str, problem: Problem) -> None:
        self.findings.append(make_finding(rule, self.path, self.source, problem, self.journey_id))


@dataclass(slots=True)
class JourneyDoc:
    """A valid journey and everything its references resolve to."""

    file: SourceFile
    journey: Journey
    #: the journey's own definitions over its catalogs' (shared with other journeys: read only)
    personas: Mapping[str, Persona]
    channels: Mapping[str, Channel]
    teams: Mapping[str, Team]

    @property
    def path(self) -> str:
        return self.file.path

    @property
    def journey_personas(self) -> list[Persona]:
        """The personas the journey lists, in order, catalog references resolved."""
        return [self.personas[p] if isinstance(p, str) else p for p in self.journey.personas]

    @property
    def source(self) -> SourceMap:
        return self.file.source


@dataclass(slots=True)
class Workspace:
    """The files asked for (``targets``) and the journeys they define."""

    root: Path
    targets: list[SourceFile]
    journeys: dict[str, JourneyDoc]
    #: journey id → touchpoint ids, over the whole workspace (for cross-journey links)
    journey_index: dict[str, frozenset[str]]
    #: the valid journeys in target order, when several workspaces are combined (their ids
    #: may repeat across workspaces, so ``journeys`` cannot hold them all)
    combined: list[JourneyDoc] | None = None

    @property
    def findings(self) -> list[Finding]:
        return [f for file in self.targets for f in file.findings]

    def docs(self) -> Iterator[JourneyDoc]:
        """Valid journeys among the targets, in target order."""
        if self.combined is not None:
            yield from self.combined
            return
        for file in self.targets:
            if file.ok and isinstance(file.model, Journey):
                doc = self.journeys.get(file.model.id)
                if doc is not None and doc.file is file:
                    yield doc


def combine(workspaces: list[Workspace]) -> Workspace:
    """The targets and journeys of several workspaces (maps from several repositories)."""
    if len(workspaces) == 1:
        return workspaces[0]
    journeys: dict[str, JourneyDoc] = {}
    index: dict[str, frozenset[str]] = {}
    for workspace in workspaces:
        for ident, doc in workspace.journeys.items():
            journeys.setdefault(ident, doc)
        for ident, touchpoints in workspace.journey_index.items():
            index.setdefault(ident, touchpoints)
    return Workspace(
        workspaces[0].root, [t for w in workspaces for t in w.targets], journeys, index,
        [doc for w in workspaces for doc in w.docs()],
    )


def hidden(relative: str) -> bool:
    """Whether a path relative to the root has a hidden part (a name starting with ``.``).

    Hidden files and folders are not part of the workspace: discovery skips them, they
    are never used as catalogs and never resolve cross-journey links. Only a hidden map
    named on the command line is read (and checked with the catalogs that are not hidden).
    """
    return any(part.startswith(".") and part not in (".", "..") for part in relative.split("/"))


def display_path(location: Path, cwd: Path) -> str:
    """Path relative to ``cwd`` with ``/`` separators (``../`` when outside it).

    Reports stay the same wherever the repository is checked out. A path that shares
    nothing with ``cwd`` but the filesystem root (``/dev/stdin``, another drive) is shown
    absolute: ``../../../dev/stdin`` would only hide what it is.
    """
    try:
        return location.relative_to(cwd).as_posix()
    except ValueError:
        pass
    try:
        common = Path(os.path.commonpath([location, cwd]))
    except ValueError:
        return location.as_posix()
    if common == Path(common.anchor):
        return location.as_posix()
    return Path(os.path.relpath(location, cwd)).as_posix()


def discover(folder: Path, exclude: Iterable[str], root: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` below ``folder``, sorted, skipping hidden and excluded paths.

    ``exclude`` holds gitignore patterns relative to ``root`` (see :mod:`journeyctl.globs`).
    """
    excluded = Globs(exclude)
    found: list[Path] = []
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".") and d not in SKIPPED_DIRS
            and not excluded.matches(display_path(real_path(here / d), root), folder=True)
        )
        for name in sorted(files):
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                path = here / name
                if not excluded.matches(display_path(real_path(path), root)):
                    found.append(path)
    return found


def read_source(location: Path, display: str, config: Config) -> SourceFile:
    """Read and parse one file; JM001 findings for anything that is not YAML we accept."""
    file = SourceFile(display, location)
    try:
        raw = read_limited(location, config.max_file_size)
    except FileTooLarge as exc:
        file.findings.append(_file_finding(file, str(exc)))
        return file
    except OSError as exc:
        # A dangling link or a link to a device in a pull request is bad input like any other.
        file.findings.append(_file_finding(file, f"cannot read the file: {exc.strerror}"))
        return file
    try:
        file.loaded = load_yaml(decode(raw))
    except YamlError as exc:
        file.findings.append(Finding(display, exc.position, "JM001", "invalid-yaml", Severity.ERROR, exc.message))
        return file
    data = file.loaded.data
    if isinstance(data, dict) and "journeyctl" in data:
        file.kind = "catalog" if data.get("kind") == "catalog" else "journey"
    return file


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
    if file.kind != "journey" or _has_invalid_yaml(file) or _other_version(data):
        return file, None
    # As in a workspace: references are checked whatever else is wrong with the map.
    index: dict[str, frozenset[str]] = {}
    if isinstance(file.model, Journey):
        index[file.model.id] = frozenset(t.id for t in file.model.touchpoints)
    _index_invalid(file, index)
    scope = Scope(_builtin_channels(), {}, {})
    context = inline_context(data, Context(scope.personas, scope.channels, scope.teams, index))
    _add_limited(file, "unknown-reference", unknown_references(data, context), config.max_findings)
    return file, (_journey_doc(file, scope) if file.ok else None)


def _file_finding(file: SourceFile, message: str) -> Finding:
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
        file.add("invalid-yaml", Problem(
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
    if _other_version(data):
        # A later format's map is not read as this one: its version finding says it all.
        _add_limited(file, "schema", problems, limit)
        return
    # Every problem of the map in one run: the checks below read the raw document, so an
    # invalid field anywhere hides nothing else (references are checked with the workspace).
    if file.kind == "journey":
        reported = set(problems)
        problems += [p for p in cross_field_problems(data) if p not in reported]
        problems += emotions_out_of_scale(data)
        _add_limited(file, "schema", problems, limit)
        _add_limited(file, "duplicate-id", duplicate_ids(data), limit)
    else:
        _add_limited(file, "schema", problems, limit)
        _add_limited(file, "duplicate-id", duplicate_catalog_ids(data), limit)


def _other_version(data: dict) -> bool:
    """Whether the file says it is of a format version other than 1."""
    version = data.get("journeyctl")
    return isinstance(version, (int, float)) and not isinstance(version, bool) and version != 1


def _add_limited(file: SourceFile, rule: str, problems: Iterable[Problem], limit: int) -> None:
    """Add at most ``limit`` of ``problems`` to ``file``, then one that counts the rest."""
    count = 0
    for problem in problems:
        count += 1
        if count <= limit:
            file.add(rule, problem)
        elif count == limit + 1:
            rest = problem.path
    if count > limit:
        file.add(rule, Problem(
            rest,
            f"{count - limit:,} more {rule} findings in this file are not reported "
            f"(max-findings: {limit:,} per rule and file)",
        ))


class _Loader:
    """Loads files once, whether they are targets, catalogs or link targets."""

    def __init__(self, config: Config, cwd: Path) -> None:
        self.config = config
        self.cwd = cwd
        self.files: dict[Path, SourceFile] = {}
        # folder → its catalog files: every journey asks for its folder chain, and scanning
        # a folder again for each of its journeys would be quadratic in the folder's size
        self.folder_catalogs: dict[Path, list[SourceFile]] = {}
        # folder → what its catalogs define, shared by every journey of the folder: copying
        # a big catalog into each journey made the cost catalog size × number of maps
        self.scopes: dict[Path, Scope] = {}

    def get(self, location: Path) -> SourceFile:
        location = real_path(location)
        file = self.files.get(location)
        if file is None:
            file = read_source(location, display_path(location, self.cwd), self.config)
            validate_file(file, self.config)
            self.files[location] = file
        return file

    def catalog_files(self, folder: Path, root: Path) -> list[SourceFile]:
        """Catalog files, valid or not, from ``root`` (farthest) down to ``folder`` (nearest)."""
        return [file for here in reversed(self._chain(folder, root)) for file in self._catalogs_in(here, root)]

    def scope(self, folder: Path, root: Path) -> Scope:
        """What the valid catalogs from ``root`` down to ``folder`` define (nearer ones win)."""
        scope = self.scopes.get(folder)
        if scope is None:
            chain = self._chain(folder, root)
            if len(chain) > 1:
                outer = self.scope(chain[1], root)
            else:
                outer = Scope(_builtin_channels(), {}, {})
            catalogs = [f.model for f in self._catalogs_in(folder, root) if isinstance(f.model, Catalog)]
            scope = outer.extended(catalogs) if catalogs else outer
            self.scopes[folder] = scope
        return scope

    @staticmethod
    def _chain(folder: Path, root: Path) -> list[Path]:
        """``folder`` and its parents up to ``root`` (just ``folder`` when outside ``root``)."""
        chain = [folder, *folder.parents]
        return chain[: chain.index(root) + 1] if root in chain else [folder]

    def _catalogs_in(self, folder: Path, root: Path) -> list[SourceFile]:
        found = self.folder_catalogs.get(folder)
        if found is None:
            found = self.folder_catalogs[folder] = [] if hidden(display_path(folder, root)) else [
                file for file in map(self.get, self._yaml_files(folder))
                if file.kind == "catalog" or (file.findings and _looks_like_catalog(file))
            ]
        return found

    def _yaml_files(self, folder: Path) -> list[Path]:
        try:
            return sorted(
                p for p in folder.iterdir()
                if p.name.endswith(YAML_SUFFIXES) and not p.name.startswith(".") and p.is_file()
            )
        except OSError:
            return []


@dataclass(frozen=True, slots=True)
class Scope:
    """Personas, channels and teams the catalogs of a folder chain define (read only)."""

    channels: Mapping[str, Channel]
    personas: Mapping[str, Persona]
    teams: Mapping[str, Team]

    def extended(self, catalogs: list[Catalog]) -> Scope:
        """This scope with ``catalogs`` (farthest first) over it."""
        channels, personas, teams = dict(self.channels), dict(self.personas), dict(self.teams)
        for catalog in catalogs:
            channels.update((c.id, c) for c in catalog.channels)
            personas.update((p.id, p) for p in catalog.personas)
            teams.update((t.id, t) for t in catalog.teams)
        return Scope(channels, personas, teams)


def load_workspace(
    paths: Iterable[str], config: Config, cwd: Path | None = None, *, allow_empty: bool = False,
    workspace_ids: bool = True,
) -> Workspace:
    """Load the files under ``paths`` (default: the configured paths, or the current folder).

    Raises :class:`UsageError` for a path that does not exist, and for a folder given
    (or configured) that holds no journeyctl file, unless ``allow_empty``: a misspelt path
    in CI must not pass as "no findings". With ``workspace_ids``, a target journey whose id
    another journey of the workspace defines is reported even when that one is not loaded
    (``diff`` turns it off: the other version of a map is not a clash).
    """
    cwd = (cwd or Path.cwd()).resolve()
    root = config.root.resolve()
    requested = list(paths) or [str(root / p) for p in config.paths]
    required = bool(requested) and not allow_empty
    requested = requested or [str(cwd)]
    loader = _Loader(config, cwd)
    targets: list[SourceFile] = []
    seen: set[Path] = set()
    for given in requested:
        location = real_path(cwd / given)
        if not present(location):
            raise UsageError(f"{given}: no such file or directory")
        if location.is_dir():
            before = len(targets)
            for path in discover(location, config.exclude, root):
                file = loader.get(path)
                if file.location in seen:
                    continue
                # Other YAML files are skipped silently, unless they were clearly meant for us;
                # a link loop never leads to a file, so it is a mistake whatever it was meant for.
                if file.kind is None and not (
                    file.findings and (_looks_like_journeyctl(file) or is_link_loop(file.location))
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
                file.findings.append(_file_finding(
                    file, "not a journeyctl file: the top level has no 'journeyctl: 1' key"
                ))
            targets.append(file)
    return _resolve(targets, loader, root, workspace_ids)


def no_journeyctl_files(given: str) -> str:
    """The error for a folder that holds no journeyctl file."""
    return (
        f"{given}: no journeyctl files found (no *.yaml or *.yml file with a top-level 'journeyctl:' key "
        "outside hidden and excluded paths)"
    )


def _holds_seen(folder: Path, seen: set[Path]) -> bool:
    """Whether a file already taken from another path lies in ``folder`` (``lint maps maps/a``)."""
    return any(path.is_relative_to(folder) for path in seen)


def _looks_like_journeyctl(file: SourceFile) -> bool:
    """A file found by discovery that failed to parse is reported only if it was meant for us."""
    return meant_for_journeyctl(file.loaded.text if file.loaded else opening_text(file.location))


def _looks_like_catalog(file: SourceFile) -> bool:
    """A catalog that failed to load, recognised by its text."""
    text = file.loaded.text if file.loaded else opening_text(file.location)
    return meant_for_journeyctl(text) and _CATALOG_KIND.search(text) is not None


_CATALOG_KIND = re.compile(r"^[\"']?kind[\"']?[ \t]*:[ \t]*[\"']?catalog\b", re.MULTILINE)


def _resolve(targets: list[SourceFile], loader: _Loader, root: Path, workspace_ids: bool = True) -> Workspace:
    journeys = [f for f in targets if f.ok and isinstance(f.model, Journey)]
    index: dict[str, frozenset[str]] = {}
    owners: dict[str, SourceFile] = {}
    for file in journeys:
        model = file.model
        if model.id in owners:
            first = owners[model.id]
            file.add("duplicate-id", Problem(
                ("id",), f"duplicate journey id {model.id!r}: also defined in {first.path}", element=f"journey:{model.id}"
            ))
            continue
        owners[model.id] = file
        index[model.id] = frozenset(t.id for t in model.touchpoints)
    if workspace_ids:
        _duplicates_elsewhere(loader, root, owners, targets)
    for file in targets:
        _index_invalid(file, index)
    if any(_missing_links(f.loaded.data, index) for f in targets if f.kind == "journey" and not _has_invalid_yaml(f)):
        _index_workspace(loader, root, index)
    # A broken catalog that applies to a target is reported with it: without its errors,
    # the target's unknown references would not say why.
    for file in list(targets):
        if file.kind == "journey":
            for catalog in loader.catalog_files(file.location.parent, root):
                if catalog.findings and catalog not in targets and \
                        not Globs(loader.config.exclude).matches(display_path(catalog.location, root)):
                    targets.append(catalog)
    docs: dict[str, JourneyDoc] = {}
    for file in targets:
        if file.kind != "journey" or _has_invalid_yaml(file) or _other_version(file.loaded.data):
            continue
        # Checked whatever else is wrong with the map: a duplicate id or a typo elsewhere
        # must not hide an unknown reference.
        scope = loader.scope(file.location.parent, root)
        context = inline_context(file.loaded.data, Context(scope.personas, scope.channels, scope.teams, index))
        _add_limited(
            file, "unknown-reference", unknown_references(file.loaded.data, context), loader.config.max_findings
        )
        if file.ok:
            docs[file.model.id] = _journey_doc(file, scope)
    for file in targets:
        if file.kind == "catalog" and not _has_invalid_yaml(file) and not _other_version(file.loaded.data):
            channels = loader.scope(file.location.parent, root).channels
            _add_limited(
                file, "unknown-reference", unknown_catalog_references(file.loaded.data, channels),
                loader.config.max_findings,
            )
    return Workspace(root, targets, docs, index)


def _builtin_channels() -> dict[str, Channel]:
    return {cid: Channel(id=cid, name=name, kind=kind) for cid, (name, kind) in BUILTIN_CHANNELS.items()}


def _has_invalid_yaml(file: SourceFile) -> bool:
    return any(f.code == "JM001" for f in file.findings)


def _missing_links(data: dict, index: dict[str, Any]) -> bool:
    """Whether the journey (valid or not: its links are checked either way) links to one not indexed."""
    return any(
        isinstance(link := t.get("journey"), str) and link not in index
        for _, tp in mappings(data, "touchpoints") for _, t in mappings(tp, "next")
    )


def _workspace_files(loader: _Loader, root: Path) -> list[Path]:
    """Every file discovery finds in the workspace (the configured paths, or all of the root)."""
    folders = [root / p for p in loader.config.paths] or [root]
    paths = [p for folder in folders if folder.is_dir() for p in discover(folder, loader.config.exclude, root)]
    return paths + [folder for folder in folders if folder.is_file()]


def _duplicates_elsewhere(
    loader: _Loader, root: Path, owners: dict[str, SourceFile], targets: list[SourceFile]
) -> None:
    """Report a target journey whose id another journey of the workspace also defines.

    Ids are unique in the workspace, so linting one of two clashing maps must say so too.
    Only files whose text holds one of the ids are parsed: the others cannot clash.
    """
    if not owners:
        return
    ids = {ident.encode() for ident in owners}
    linted = {id(file) for file in targets}
    for path in _workspace_files(loader, root):
        location = real_path(path)
        known = loader.files.get(location)
        if known is not None and id(known) in linted:
            continue
        if known is None:
            try:
                raw = read_limited(location, loader.config.max_file_size)
            except (OSError, FileTooLarge):
                continue
            # A NUL among the first bytes: UTF-16 or UTF-32, where the ids are not ASCII bytes.
            if b"\x00" not in raw[:4] and not any(ident in raw for ident in ids):
                continue
        file = loader.get(path)
        if not isinstance(file.model, Journey) or file.model.id not in owners:
            continue
        target = owners[file.model.id]
        if not any(f.code == "JM004" and f.element == f"journey:{file.model.id}" for f in target.findings):
            target.add("duplicate-id", Problem(
                ("id",), f"duplicate journey id {file.model.id!r}: also defined in {file.path}",
                element=f"journey:{file.model.id}",
            ))


def _index_workspace(loader: _Loader, root: Path, index: dict[str, frozenset[str]]) -> None:
    """Add every other journey of the workspace (the configured paths, or all of the root)."""
    for path in _workspace_files(loader, root):
        file = loader.get(path)
        if isinstance(file.model, Journey) and file.model.id not in index:
            index[file.model.id] = frozenset(t.id for t in file.model.touchpoints)
        else:
            _index_invalid(file, index)


def _index_invalid(file: SourceFile, index: dict[str, frozenset[str]]) -> None:
    """Index a journey that failed validation by its raw id and touchpoint ids.

    Its own findings say what is wrong; links into it must not add "unknown journey".
    """
    data = file.loaded.data if file.loaded else None
    if file.kind != "journey" or isinstance(file.model, Journey) or not isinstance(data, dict):
        return
    ident = data.get("id")
    if not isinstance(ident, str) or ident in index:
        return
    touchpoints = data.get("touchpoints")
    index[ident] = frozenset(
        t["id"] for t in (touchpoints if isinstance(touchpoints, list) else [])
        if isinstance(t, dict) and isinstance(t.get("id"), str)
    )


def _journey_doc(file: SourceFile, scope: Scope) -> JourneyDoc:
    """The journey with its catalogs' definitions; its own (inline wins) are laid over them
    without copying the catalogs, which may be far bigger than the journey."""
    journey: Journey = file.model
    return JourneyDoc(
        file, journey,
        _over(scope.personas, {p.id: p for p in journey.personas if isinstance(p, Persona)}),
        _over(scope.channels, {c.id: c for c in journey.channels}),
        _over(scope.teams, {t.id: t for t in journey.teams}),
    )


def _over(shared: Mapping[str, Any], own: dict[str, Any]) -> Mapping[str, Any]:
    return ChainMap(own, shared) if own else shared
