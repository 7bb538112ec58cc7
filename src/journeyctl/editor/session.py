"""What the language server knows: the open buffers, and per workspace its files and symbols.

Diagnostics come from the linter exactly as ``journeyctl lint PATH`` runs it from the
workspace's root (its configuration, catalogs, cross-journey links and suppressions),
with the text of every open buffer in place of its file on disk. The symbol index is
rebuilt from the workspace's files, read again only when they change on disk, and the
open buffers.

Plain Python, no protocol: :mod:`~journeyctl.editor.server` turns what this answers into
LSP messages, with columns in the client's units.
"""

from __future__ import annotations

import gc
import os
import threading
from pathlib import Path

from journeyctl.analysis.symbols import JOURNEY, LINE_BREAK, Occurrence, SymbolIndex, build_index
from journeyctl.checks.linter import lint, lint_text
from journeyctl.checks.rules import all_rules
from journeyctl.loading.config import Config, ConfigError, configs_for, find_root
from journeyctl.loading.files import real_path
from journeyctl.loading.recognise import meant_for_journeyctl
from journeyctl.loading.workspace.discovery import discover, display_path
from journeyctl.loading.workspace.reading import read_source
from journeyctl.model.document import SourceFile, Workspace
from journeyctl.model.findings import Finding
from journeyctl.model.rule import Rule

#: The files a configuration is read from.
CONFIG_NAMES = ("journeyctl.toml", "pyproject.toml")


class Session:
    """The open buffers and what the workspaces around them hold."""

    def __init__(self, config: Path | None = None) -> None:
        #: the configuration file that replaces each workspace's own (``--config``)
        self.config = config
        #: real path → the text of the open buffer
        self.buffers: dict[Path, str] = {}
        #: workspace root → its symbol index (replaced whole, never changed in place)
        self.indexes: dict[Path, SymbolIndex] = {}
        #: real path → the file the current index read
        self.files: dict[Path, SourceFile] = {}
        #: workspace root → the files its index read, as a workspace (for renames)
        self.workspaces: dict[Path, Workspace] = {}
        self._read: dict[Path, tuple[tuple, SourceFile]] = {}
        self._roots: dict[Path, Path] = {}
        self._lock = threading.Lock()
        self.rules: dict[str, Rule] = {rule.code: rule for rule in all_rules()}

    # -- buffers and workspaces

    def root_of(self, location: Path) -> Path:
        folder = location.parent
        root = self._roots.get(folder)
        if root is None:
            root = self._roots[folder] = find_root(folder).resolve()
        return root

    def config_for(self, location: Path) -> Config:
        """The configuration ``journeyctl lint`` uses for the map (raises ``ConfigError``)."""
        return configs_for([str(location)], cwd=location.parent, explicit=self.config)[0][0]

    def lines(self, location: Path) -> list[str]:
        """The lines of a file as the editor has it: its buffer if open, else as last read."""
        text = self.buffers.get(location)
        if text is None:
            file = self.files.get(location)
            text = file.text if file is not None else _read_text(location)
        return LINE_BREAK.split(text)

    # -- diagnostics

    def findings(self, location: Path) -> list[Finding]:
        """The lint findings of one file, with every open buffer in place of its file.

        Raises ``ConfigError`` for a bad configuration.
        """
        with self._lock:
            config = self.config_for(location)
            # The configuration is read again at every check: a journeyctl.toml added, removed
            # or edited counts even when the client does not say so.
            self._roots[location.parent] = config.root.resolve()
            buffers = dict(self.buffers)
        if location in buffers and not meant_for_journeyctl(buffers[location]):
            return []  # someone else's YAML: editors attach the server to every YAML file
        if not location.is_file():  # a new file, not saved yet: on its own
            return lint_text(buffers.get(location, ""), location.name, config)
        result = lint([str(location)], config, cwd=config.root.resolve(), overlay=buffers, allow_empty=True)
        targets = result.workspace.targets if result.workspace is not None else []
        target = next((t for t in targets if t.location == location), None)
        if target is not None and location in buffers:
            # the index is rebuilt next: the buffer need not be parsed twice
            self._read[location] = (("buffer", buffers[location]), target)
        path = target.path if target is not None else display_path(location, config.root)
        return [f for f in result.findings if f.path == path]

    def forget(self, changed: list[Path]) -> bool:
        """Let go of what was read of files changed on disk; whether a configuration changed.

        A changed configuration can move a workspace's root: every root is found again.
        """
        # Not under the lock: a reindex under way would hold up the editor. An index it
        # stores from what it read before is replaced by the run that follows.
        configuration = any(location.name in CONFIG_NAMES for location in changed)
        if configuration:
            self._roots.clear()
        for location in changed:
            self._read.pop(location, None)
        for root in list(self.indexes):
            if configuration or any(location.is_relative_to(root) for location in changed):
                self.indexes.pop(root, None)
        return configuration

    # -- the symbol index

    def reindex(self, location: Path) -> SymbolIndex:
        """Rebuild the symbol index of the workspace ``location`` is in."""
        with self._lock:
            try:
                config = self.config_for(location)
            except ConfigError:  # the diagnostics say so; ids are found all the same
                config = Config(root=self.root_of(location))
            root = config.root.resolve()
            buffers = dict(self.buffers)
            folders = [root / p for p in config.paths] or [root]
            paths = {real_path(p) for f in folders if f.is_dir() for p in discover(f, config.exclude, root)}
            paths |= {real_path(f) for f in folders if f.is_file()}
            paths |= {p for p in buffers if p == location or p.is_relative_to(root)}
            files = [self._file(path, config, buffers.get(path)) for path in sorted(paths)]
            index = build_index([f for f in files if f is not None], root)
            for file in files:
                if file is not None:
                    self.files[file.location] = file
            self.indexes[root] = index
            self.workspaces[root] = Workspace(root, [f for f in files if f is not None], {}, {})
            # Loading freezes what it reads out of the cyclic collector's sight, for speed in
            # one run; a server reads for hours, so what it dropped is let go of here.
            gc.unfreeze()
            return index

    def index(self, location: Path) -> SymbolIndex:
        """The symbol index of the workspace ``location`` is in (built if there is none yet)."""
        found = self.indexes.get(self.root_of(location))
        return found if found is not None else self.reindex(location)

    def _file(self, location: Path, config: Config, buffer: str | None) -> SourceFile | None:
        """The file read (or parsed from its buffer) again only when it changed."""
        display = display_path(location, config.root)
        if buffer is not None:
            key: tuple = ("buffer", buffer)
        else:
            try:
                stat = location.stat()
            except OSError:
                return None
            key = ("disk", stat.st_mtime_ns, stat.st_size)
        known = self._read.get(location)
        if known is not None and known[0] == key:
            return known[1]
        file = read_source(location, display, config, buffer)
        self._read[location] = (key, file)
        return file

    # -- what is at a place

    def occurrence(self, location: Path, line: int, column: int) -> Occurrence | None:
        return self.index(location).at(location, line, column)

    def item(self, occurrence: Occurrence) -> dict | None:
        """The mapping that defines the occurrence's symbol (its first definition), if any."""
        index = self.index(occurrence.location)
        for definition in index.definitions(occurrence.symbol):
            file = self.files.get(definition.location)
            data = file.loaded.data if file is not None and file.loaded is not None else None
            for part in (definition.data_path or ())[:-1]:
                try:
                    data = data[part]
                except (KeyError, IndexError, TypeError):
                    data = None
                    break
            if isinstance(data, dict):
                return data
        return None

    def workspace(self, location: Path) -> Workspace:
        """The files the index of ``location``'s workspace read (built if there is none yet)."""
        self.index(location)
        return self.workspaces[self.root_of(location)]

    def journey_of(self, location: Path) -> str | None:
        """The id of the journey the file at ``location`` defines, if it is a map."""
        found = next(
            (o for o in self.index(location).in_file(location) if o.definition and o.symbol.kind == JOURNEY), None
        )
        return found.symbol.id if found is not None else None

    def rule(self, selector: str) -> Rule | None:
        """The rule a code or name in a suppression comment names exactly."""
        wanted = selector.strip()
        return self.rules.get(wanted.upper()) or next((r for r in self.rules.values() if r.name == wanted.lower()), None)


def _read_text(location: Path) -> str:
    try:
        return location.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def location_of(path: str) -> Path:
    """The real path of a file path a client gives."""
    return real_path(Path(os.path.abspath(path)))
