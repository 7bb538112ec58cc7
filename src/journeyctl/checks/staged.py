"""A lint in stages, for the cache and for every core: resolve the workspace from what
each file *is*, then check each file that needs it on its own, keeping only findings.

1. **Facts.** Every file is read, parsed and validated once, and only what resolving
   the workspace needs is kept (:mod:`journeyctl.loading.workspace.cached`). Files the
   cache knows, unchanged, are not read at all; on a large workspace the others are
   worked out by a pool of processes, which check each journey too, as if every journey
   it links to existed with every touchpoint it names, and say which links it followed.
2. **Links.** Duplicate journey ids and the index of cross-journey links are worked
   out over those facts, as in an uncached run.
3. **Checks.** A file whose key (below) is in the cache gets its stored findings; so
   does one the pool checked ahead, when its links did resolve as assumed and no
   duplicate id was found for it. Any other is loaded again, its references checked and
   its rules run, in this process or in the pool. Only findings travel back and stay in
   memory: the memory of a run grows with its largest map, not with the number of maps.

A file's findings depend on, and its key is made of:

- journeyctl's version and code (:func:`~journeyctl.loading.cache.code_fingerprint`), the
  rules that run with their severity and options, the configuration's limits, paths,
  excludes and ``per-file-ignores``, and the date the time rules measure against;
- the file's path as reported and a hash of its bytes;
- the hashes of the catalogs that apply to it (its folder's and every folder's above);
- what resolving the workspace found for it: its validation findings and the duplicate
  journey ids reported on it (which name the other file);
- for every journey it links to, that journey's touchpoint ids, or, when one does not
  resolve, every journey id of the workspace (the finding suggests the nearest).

No rule reads more of other files than this (a rule sees one journey and its catalogs).
A file the cache cannot vouch for (unreadable, or changed during the run) is linted and
not stored.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from journeyctl.checks.selection import Layer
from journeyctl.loading.cache import Cache, code_fingerprint, digest, key_of
from journeyctl.loading.config import PARALLEL_FILES, Config
from journeyctl.loading.files import FileTooLarge, read_limited, real_path
from journeyctl.loading.references import mappings
from journeyctl.loading.workspace import Links, check_target, gather_targets, link_targets, requested_locations
from journeyctl.loading.workspace.catalogs import Loader
from journeyctl.loading.workspace.cached import CachingLoader, entry_for, finding_to_json, light, validation_count
from journeyctl.loading.workspace.reading import has_invalid_yaml, read_source, validate_file
from journeyctl.model.document import JourneyDoc, SourceFile, Workspace
from journeyctl.model.findings import Finding
from journeyctl.model.rule import Rule

#: ``check(file, doc, rules, config, today)``: every finding of one target.
Check = Callable[[SourceFile, "JourneyDoc | None", Sequence[Rule], Config, dt.date], list[Finding]]
#: ``rules_for(config, overrides)``: the rules to run.
RulesFor = Callable[[Config, "Layer | None"], tuple[Rule, ...]]


class StagedRun:
    """One lint run in stages (see the module's docstring); ``cache`` None keeps nothing."""

    def __init__(
        self, config: Config, cwd: Path, cache: Cache | None, overrides: Layer | None, today: dt.date, jobs: int,
        *, rules_for: RulesFor, check: Check,
    ) -> None:
        self.loader = CachingLoader(config, cwd, cache)
        self.config, self.cwd, self.root = config, cwd, config.root.resolve()
        self.overrides, self.today, self.jobs = overrides, today, jobs
        self.rules_for, self.check = rules_for, check
        self.rules = rules_for(config, overrides)
        self.run_key = key_of([
            # journeyctl's code (a walk of its modules) only where results are kept
            code_fingerprint() if cache is not None else "", today.isoformat(),
            [(r.code, r.name, int(r.severity), sorted((k, repr(v)) for k, v in r.options.items())) for r in self.rules],
            config.paths, config.exclude, sorted((k, list(v)) for k, v in config.per_file_ignores.items()),
            config.max_file_size, config.max_touchpoints, config.max_findings,
        ])
        self.keys: dict[int, str] = {}
        self.touchpoint_keys: dict[str, str | None] = {}
        self.known: dict[int, list[Finding]] = {}
        self.targets: list[SourceFile] = []
        self.links = Links({}, frozenset())

    # -- stages 1 and 2 --------------------------------------------------------------------

    def load(self, paths: Iterable[str], *, allow_empty: bool, workspace_ids: bool) -> Workspace:
        """The targets, resolved, with the files whose findings are stored left unparsed.

        The workspace holds no journey docs: each is built, checked and let go in
        :meth:`findings`.
        """
        paths = list(paths)
        loader = self.loader
        self._prefetch(paths)
        targets = gather_targets(paths, loader, allow_empty=allow_empty)
        self.links = link_targets(targets, loader, self.root, workspace_ids)
        for i, file in enumerate(targets):
            key = self._key(file)
            known = loader.results(file, key) if key is not None else None
            if known is None:
                known = self._checked_ahead(file)
                if known is not None and key is not None:
                    loader.keep(file, key, known)
            loader.ahead.pop(file.location, None)
            if known is None:
                if key is not None:
                    self.keys[id(file)] = key
                continue
            # What the cache or the pool answered for is written now and let go, with the
            # file's facts: only the files still to check keep theirs (and the catalogs,
            # their scope).
            loader.flush([file.location])
            if file.kind != "catalog":
                loader.files.pop(file.location, None)
            targets[i] = light(file, self.config.max_file_size)
            self.known[id(targets[i])] = known
        loader.files = {location: f for location, f in loader.files.items() if f.kind == "catalog"}
        self.targets = targets
        return Workspace(self.root, targets, {}, self.links.index)

    def _prefetch(self, paths: list[str]) -> None:
        """Work out, on every core, the entries of the files the cache cannot vouch for,
        and check each journey ahead, keeping only what that found (see
        :func:`_read_one`). With one process, a large workspace is worked out the same way
        in this one, so that it never holds every document at once; a few files are
        simply loaded."""
        loader = self.loader
        found: list[Path] = []
        for _, location in requested_locations(paths, self.config, self.cwd):
            found += loader.discover(location, self.root) if location.is_dir() else [location]
        unknown = sorted({loader.real_path(p) for p in found} - set(loader.files))
        unknown = [p for p in unknown if not loader.known(p)]
        if len(unknown) < PARALLEL_FILES:
            return
        state = (self.config, self.cwd, self.overrides, self.today, None, self.rules_for, self.check)
        if self.jobs == 1:
            checker = _checker_state(*state)
            for location in unknown:
                read = _read_one(location, checker)
                if read is not None:
                    loader.receive(location, read)
            return
        with _pool(self.jobs, _start_checker, state) as pool:
            chunk = _chunk(len(unknown), self.jobs)
            for location, read in zip(unknown, pool.imap(_read_one, unknown, chunksize=chunk)):
                if read is not None:
                    loader.receive(location, read)

    def _checked_ahead(self, file: SourceFile) -> list[Finding] | None:
        """The findings checked ahead for ``file`` (:func:`_read_one`), if they hold: the
        journeys it links to exist with the touchpoints it names, and resolving the
        workspace added no finding to it (a duplicate id)."""
        ahead = self.loader.ahead.get(file.location)
        entry = self.loader.entries.get(file.location)
        if ahead is None or entry is None or not self.loader.is_stored(file):
            return None
        if len(file.findings) != validation_count(file):
            return None
        found, followed_text = ahead
        index = self.links.index
        followed = json.loads(followed_text)
        if all(journey in index and all(t in index[journey] for t in wanted) for journey, wanted in followed):
            return list(found)
        return None

    def _key(self, file: SourceFile) -> str | None:
        loader = self.loader
        entry = loader.entries.get(file.location)
        if entry is None:
            return None
        content = entry.digest
        catalogs = []
        if file.kind is not None:
            for catalog in loader.catalog_files(file.location.parent, self.root):
                if catalog.location not in loader.digests:
                    return None
                catalogs.append((catalog.path, loader.digests[catalog.location]))
        linked = []
        if file.kind == "journey" and not has_invalid_yaml(file):
            wanted = sorted({
                t["journey"] for _, tp in mappings(file.loaded.data, "touchpoints") for _, t in mappings(tp, "next")
                if isinstance(t.get("journey"), str)
            })
            linked = [(ident, self._touchpoints_key(ident)) for ident in wanted]
            if any(touchpoints is None for _, touchpoints in linked):
                index = self.links.index
                linked.append((sorted(index), sorted(self.links.others)))
        return key_of([
            self.run_key, file.path, file.kind, content, catalogs, [finding_to_json(f) for f in file.findings], linked,
        ])

    def _touchpoints_key(self, journey: str) -> str | None:
        """A hash of the touchpoint ids of ``journey`` (None: no such journey), once per
        journey: every map linking to it has it in its key."""
        found = self.touchpoint_keys.get(journey, False)
        if found is False:
            index = self.links.index
            found = self.touchpoint_keys[journey] = key_of(sorted(index[journey])) if journey in index else None
        return found

    # -- stage 3 ---------------------------------------------------------------------------

    def findings(self) -> Iterator[list[Finding]]:
        """The findings of each target, in target order; the cache is written at the end."""
        loader = self.loader
        misses = [(i, f) for i, f in enumerate(self.targets) if id(f) not in self.known]
        if self.jobs > 1 and len(misses) >= PARALLEL_FILES:
            checked = self._checked_in_pool([f for _, f in misses])
        else:
            checked = (self._check_here(f) for _, f in misses)
        pending = iter(misses)
        for i, file in enumerate(self.targets):
            known = self.known.get(id(file))
            if known is not None:
                yield known
                continue
            _, miss = next(pending)
            found, vouched = next(checked)
            key = self.keys.get(id(miss))
            if key is not None and vouched:
                loader.keep(miss, key, found, now=True)
            # Only the findings stay: the document, its model and its graph are let go.
            self.targets[i] = light(miss, self.config.max_file_size)
            yield found
        loader.save()

    def _check_here(self, file: SourceFile) -> tuple[list[Finding], bool]:
        loader = self.loader
        vouched = True
        if loader.is_stored(file):
            file = loader.realise(file)
            vouched = file.location in loader.entries
        doc = check_target(file, loader, self.root, self.links)
        return self.check(file, doc, self.rules, self.config, self.today), vouched

    def _checked_in_pool(self, files: list[SourceFile]) -> Iterator[tuple[list[Finding], bool]]:
        loader = self.loader
        work = []
        for file in files:
            entry = loader.entries.get(file.location)
            validation = validation_count(file) if loader.is_stored(file) and entry is not None else None
            added = file.findings[validation:] if validation is not None else None
            work.append((
                file.location, file.path, entry.digest if entry is not None else None,
                added if loader.is_stored(file) else None,
            ))
        # Files loaded in full here (catalogs, broken files) are checked here: their
        # findings of this run are on them already.
        here = {i for i, f in enumerate(files) if not loader.is_stored(f)}
        remote = [w for i, w in enumerate(work) if i not in here]
        state = (self.config, self.cwd, self.overrides, self.today, self.links, self.rules_for, self.check)
        with _pool(self.jobs, _start_checker, state) as pool:
            results = pool.imap(_check_one, remote, chunksize=_chunk(len(remote), self.jobs))
            for i, file in enumerate(files):
                yield self._check_here(file) if i in here else next(results)


# -- the pool ------------------------------------------------------------------------------


def _pool(jobs: int, initializer: Callable, state: tuple):
    import multiprocessing

    # fork: the workers start with every module imported; elsewhere they import their own.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method).Pool(jobs, initializer, state)


def _chunk(count: int, jobs: int) -> int:
    """Work handed out in pieces small enough to share it evenly, large enough to be cheap."""
    return max(1, min(32, count // (jobs * 8)))


_checker: dict = {}


def _read_one(location: Path, state: dict | None = None) -> tuple | None:
    """The entry of one file, and for a journey its findings checked ahead with the links
    it followed (see :class:`_AnyJourney`), for :meth:`CachingLoader.receive`; ``state``
    is what :func:`_checker_state` makes (default: this worker's)."""
    state = state or _checker
    config: Config = state["config"]
    read = entry_for(location, state["cwd"], config)
    if read is None:
        return None
    entry, file = read
    if file.kind != "journey" or not entry.facts:
        return entry, None
    followed = _AnyJourney()
    doc = check_target(file, state["loader"], state["root"], Links(followed, frozenset()))
    found = state["check"](file, doc, state["rules"], config, state["today"])
    # As compact as can be: the run holds these for every map until the workspace is resolved.
    asked = [[journey, sorted(wanted)] for journey, wanted in sorted(followed.asked.items())]
    followed_text = json.dumps(asked, ensure_ascii=False, separators=(",", ":"))
    return entry, (tuple(found), followed_text)


class _AnyJourney(Mapping):
    """Every journey, with every touchpoint: the journey index a file is checked against
    before the workspace is resolved. It records the journeys looked up and the
    touchpoints asked of each, which the resolved index must then hold."""

    def __init__(self) -> None:
        self.asked: dict[str, set[str]] = {}

    def get(self, journey, default=None):
        return _AnyTouchpoint(self.asked.setdefault(journey, set()))

    def __getitem__(self, journey):
        return self.get(journey)

    def __contains__(self, journey) -> bool:
        self.asked.setdefault(journey, set())
        return True

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0


class _AnyTouchpoint:
    __slots__ = ("wanted",)

    def __init__(self, wanted: set[str]) -> None:
        self.wanted = wanted

    def __contains__(self, touchpoint) -> bool:
        self.wanted.add(touchpoint)
        return True


def _checker_state(config, cwd, overrides, today, links, rules_for, check) -> dict:
    """What :func:`_read_one` and :func:`_check_one` need, made once per process."""
    return {
        "config": config, "cwd": cwd, "root": config.root.resolve(), "today": today, "links": links,
        "check": check, "rules": rules_for(config, overrides), "loader": Loader(config, cwd),
    }


def _start_checker(*state) -> None:
    _checker.update(_checker_state(*state))


def _check_one(work: tuple) -> tuple[list[Finding], bool]:
    """Load one stored file in full, add what resolving the workspace found for it, check
    it; its findings, and whether its bytes are still the ones its key was made of."""
    location, display, expected, added = work
    state = _checker
    config: Config = state["config"]
    try:
        raw = read_limited(location, config.max_file_size)
    except (OSError, FileTooLarge):
        raw = None
    file = read_source(location, display, config, raw=raw)
    validate_file(file, config)
    file.findings.extend(added or [])
    doc = check_target(file, state["loader"], state["root"], state["links"])
    found = state["check"](file, doc, state["rules"], config, state["today"])
    return found, raw is not None and digest(raw) == expected
