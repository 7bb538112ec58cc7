"""Which findings of a lint may come from the cache: the key of each file's findings.

A file's findings depend on, and its key is made of:

- journeyctl's version and code (:func:`~journeyctl.loading.cache.code_fingerprint`), the
  rules that run with their severity and options, the configuration's limits, excludes
  and ``per-file-ignores``, and the date the time rules measure against;
- the file's path as reported and a hash of its bytes;
- the hashes of the catalogs that apply to it (its folder's and every folder's above);
- what resolving the workspace found for it: its validation findings and the duplicate
  journey ids reported on it (which name the other file);
- for every journey it links to, that journey's touchpoint ids, or, when one does not
  resolve, every journey id of the workspace (the finding suggests the nearest).

No rule reads more of other files than this (rules see one journey and its catalogs).
A file the cache cannot vouch for (unreadable, changed during the run) is always linted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from journeyctl.loading.cache import code_fingerprint, key_of
from journeyctl.loading.references import mappings
from journeyctl.loading.workspace import Links, check_targets, gather_targets, link_targets
from journeyctl.loading.workspace.cached import CachingLoader, finding_to_json
from journeyctl.loading.workspace.reading import has_invalid_yaml
from journeyctl.model.document import SourceFile, Workspace
from journeyctl.model.findings import Finding
from journeyctl.model.rule import Rule


class StoredResults:
    """One cached lint run: loads the workspace through ``loader`` and says, per target,
    which findings the cache holds for it."""

    def __init__(self, loader: CachingLoader, rules: Iterable[Rule], today: dt.date) -> None:
        self.loader = loader
        config = loader.config
        self.run_key = key_of([
            code_fingerprint(), today.isoformat(),
            [(r.code, r.name, int(r.severity), sorted((k, repr(v)) for k, v in r.options.items())) for r in rules],
            config.paths, config.exclude, sorted((k, list(v)) for k, v in config.per_file_ignores.items()),
            config.max_file_size, config.max_touchpoints, config.max_findings,
        ])
        self.keys: dict[int, str] = {}
        self.known: dict[int, list[Finding]] = {}

    def load(self, paths: Iterable[str], *, allow_empty: bool, workspace_ids: bool) -> Workspace:
        """The workspace, with the files whose findings are stored left unparsed."""
        loader = self.loader
        root = loader.config.root.resolve()
        targets = gather_targets(paths, loader, allow_empty=allow_empty)
        links = link_targets(targets, loader, root, workspace_ids)
        for i, file in enumerate(targets):
            key = self._key(file, root, links)
            if key is None:
                continue
            known = loader.results(file, key)
            if known is not None:
                self.known[id(file)] = known
                continue
            if loader.is_stored(file):
                file = targets[i] = loader.realise(file)
            self.keys[id(file)] = key
        misses = {id(f) for f in targets if id(f) not in self.known}
        return check_targets(targets, loader, root, links, only=misses)

    def findings(self, file: SourceFile) -> list[Finding] | None:
        return self.known.get(id(file))

    def keep(self, file: SourceFile, findings: list[Finding]) -> None:
        key = self.keys.get(id(file))
        if key is not None:
            self.loader.keep(file, key, findings)

    def save(self) -> None:
        self.loader.save()

    def _key(self, file: SourceFile, root: Path, links: Links) -> str | None:
        loader = self.loader
        content = loader.digests.get(file.location)
        if content is None or file.location not in loader.entries:
            return None
        catalogs = []
        if file.kind is not None:
            for catalog in loader.catalog_files(file.location.parent, root):
                if catalog.location not in loader.digests:
                    return None
                catalogs.append((catalog.path, loader.digests[catalog.location]))
        linked = []
        if file.kind == "journey" and not has_invalid_yaml(file):
            wanted = sorted({
                t["journey"] for _, tp in mappings(file.loaded.data, "touchpoints") for _, t in mappings(tp, "next")
                if isinstance(t.get("journey"), str)
            })
            linked = [(ident, sorted(links.index[ident]) if ident in links.index else None) for ident in wanted]
            if any(touchpoints is None for _, touchpoints in linked):
                linked.append((sorted(links.index), sorted(links.others)))
        return key_of([
            self.run_key, file.path, file.kind, content, catalogs, [finding_to_json(f) for f in file.findings], linked,
        ])
