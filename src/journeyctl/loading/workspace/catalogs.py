"""Loading each file once, and what the catalogs of a folder chain define for its journeys.

A journey sees the personas, channels and teams of the catalogs in its folder and every
folder above it up to the workspace root (nearer ones win), then its own inline ones.
"""

from __future__ import annotations

import os
import stat
from collections import ChainMap
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from journeyctl.loading.config import Config
from journeyctl.loading.files import real_path
from journeyctl.loading.workspace.discovery import (
    YAML_SUFFIXES,
    Glance,
    discover,
    display_path,
    glance,
    hidden,
    looks_like_catalog,
)
from journeyctl.loading.workspace.reading import read_source, validate_file
from journeyctl.model import BUILTIN_CHANNELS, Catalog, Channel, Journey, Persona, Team
from journeyctl.model.document import JourneyDoc, SourceFile


class Loader:
    """Loads files once, whether they are targets, catalogs or link targets."""

    def __init__(self, config: Config, cwd: Path, overlay: Mapping[Path, str] | None = None) -> None:
        self.config = config
        self.cwd = cwd
        #: real path → the text to read instead of the file's (edits not yet written)
        self.overlay = overlay or {}
        self.files: dict[Path, SourceFile] = {}
        # folder → its catalog files: every journey asks for its folder chain, and scanning
        # a folder again for each of its journeys would be quadratic in the folder's size
        self.folder_catalogs: dict[Path, list[SourceFile]] = {}
        # folder → what its catalogs define, shared by every journey of the folder: copying
        # a big catalog into each journey made the cost catalog size × number of maps
        self.scopes: dict[Path, Scope] = {}
        # file → what a glance at its start says it is (see :func:`~.discovery.glance`)
        self.glances: dict[Path, Glance] = {}
        # path as found → its real path, and folder → the files discovery finds below it:
        # a run asks for both again and again (targets, duplicate ids, links)
        self.real: dict[Path, Path] = {}
        self.real_folders: dict[Path, Path] = {}
        self.walks: dict[Path, list[Path]] = {}
        self.chains: dict[Path, list[SourceFile]] = {}

    def discover(self, folder: Path, root: Path) -> list[Path]:
        """:func:`~.discovery.discover` of ``folder``, walked once per run."""
        found = self.walks.get(folder)
        if found is None:
            found = self.walks[folder] = discover(folder, self.config.exclude, root)
        return found

    def real_path(self, path: Path) -> Path:
        found = self.real.get(path)
        if found is None:
            found = self.real[path] = self._resolve(path)
        return found

    def _resolve(self, path: Path) -> Path:
        """:func:`real_path` of ``path``, its folder's resolved once for all its files: a
        file that is not a symbolic link costs one ``lstat``, not one per folder above it."""
        # (not ``path.parts``, which the path would keep: a run holds one per file)
        if not path.is_absolute() or ".." in os.fspath(path).split(os.sep) or path.parent == path:
            return real_path(path)
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return real_path(path)
        except OSError:
            return real_path(path)
        parent = path.parent
        folder = self.real_folders.get(parent)
        if folder is None:
            folder = self.real_folders[parent] = real_path(parent)
        # the path itself when it is real already: a run holds one per file
        return path if folder == parent else folder / path.name

    def glance(self, location: Path) -> Glance:
        """What a file not loaded yet is, from a bounded look at its start."""
        found = self.glances.get(location)
        if found is None:
            # Text read instead of the file may say something else than its start on disk.
            found = self.glances[location] = Glance(None) if location in self.overlay else glance(location)
        return found

    def get(self, location: Path) -> SourceFile:
        location = self.real_path(location)
        file = self.files.get(location)
        if file is None:
            file = read_source(location, display_path(location, self.cwd), self.config, self.overlay.get(location))
            validate_file(file, self.config)
            self.files[location] = file
        return file

    def catalog_files(self, folder: Path, root: Path) -> list[SourceFile]:
        """Catalog files, valid or not, from ``root`` (farthest) down to ``folder`` (nearest)."""
        found = self.chains.get(folder)
        if found is None:
            found = self.chains[folder] = [
                file for here in reversed(self._chain(folder, root)) for file in self._catalogs_in(here, root)
            ]
        return found

    def scope(self, folder: Path, root: Path) -> Scope:
        """What the valid catalogs from ``root`` down to ``folder`` define (nearer ones win)."""
        scope = self.scopes.get(folder)
        if scope is None:
            chain = self._chain(folder, root)
            if len(chain) > 1:
                outer = self.scope(chain[1], root)
            else:
                outer = Scope(builtin_channels(), {}, {})
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
            # Only files that may be catalogs are loaded: the maps beside them may be big.
            found = self.folder_catalogs[folder] = [] if hidden(display_path(folder, root)) else [
                file for file in map(self.get, self._yaml_files(folder))
                if file.kind == "catalog" or (file.findings and looks_like_catalog(file))
            ]
        return found

    def _yaml_files(self, folder: Path) -> list[Path]:
        """The YAML files of ``folder`` that may be catalogs (or that are loaded already)."""
        try:
            found = sorted(
                p for p in folder.iterdir()
                if p.name.endswith(YAML_SUFFIXES) and not p.name.startswith(".") and p.is_file()
            )
        except OSError:
            return []
        return [
            p for p in found
            if self.real_path(p) in self.files or self.glance(self.real_path(p)).kind in ("catalog", None)
        ]


class Scope(NamedTuple):
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


def builtin_channels() -> dict[str, Channel]:
    return {cid: Channel(id=cid, name=name, kind=kind) for cid, (name, kind) in BUILTIN_CHANNELS.items()}


def journey_doc(file: SourceFile, scope: Scope) -> JourneyDoc:
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
