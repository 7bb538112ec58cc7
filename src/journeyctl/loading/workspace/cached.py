"""A loader that hands over the files the cache knows without parsing them.

For a journey whose bytes are unchanged, :class:`CachingLoader` returns a *stored* file:
a :class:`~journeyctl.model.document.SourceFile` holding only what resolving the workspace
reads (kind, id, touchpoint ids, links, the validation findings and where the ``id`` is),
taken from its cache entry. The linter then needs the whole file only when its findings
cannot come from the cache (:meth:`CachingLoader.realise`). Catalogs, files that did not
parse and files the cache does not know are always loaded in full.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from journeyctl.loading.cache import (
    Cache, Entry, code_fingerprint, digest, facts_text, file_stat, key_of, now_ns, trusted,
)
from journeyctl.loading.config import Config
from journeyctl.loading.files import FileTooLarge, read_limited, real_path
from journeyctl.loading.references import mappings
from journeyctl.loading.workspace.catalogs import Loader
from journeyctl.loading.workspace.discovery import display_path, looks_like_catalog
from journeyctl.loading.workspace.reading import read_source, validate_file
from journeyctl.loading.yaml_errors import YamlError, decode
from journeyctl.model import Journey
from journeyctl.model.document import JourneyIds, SourceFile
from journeyctl.model.findings import Finding, Position, Severity
from journeyctl.model.ids import IdSet
from journeyctl.model.source_map import SourceMap


def finding_to_json(finding: Finding) -> list:
    p = finding.position
    return [
        finding.path, p.line, p.column, p.end_line, p.end_column, finding.code, finding.rule,
        int(finding.severity), finding.message, finding.journey, finding.element, finding.extra,
    ]


def finding_from_json(data: list) -> Finding:
    path, line, column, end_line, end_column, code, rule, severity, message, journey, element, extra = data
    return Finding(
        path, Position(line, column, end_line, end_column), code, rule, Severity(severity), message,
        journey, element, extra,
    )


class StoredYaml:
    """The parts of a loaded document that resolving the workspace reads: a skeleton of the
    data (version, id, touchpoint ids and cross-journey links) and where the ``id`` is.
    The text is read again only if a reporter asks for it (source lines).

    A run holds one for every map until the workspace is resolved, so a valid journey's
    skeleton is kept as its version, id and the journeys each linking touchpoint names,
    and :attr:`data` is made from them when asked (a skeleton of dictionaries took three
    times the memory). ``validation`` is how many of the file's findings came with it.
    """

    __slots__ = ("_skeleton", "_version", "_id", "_links", "_id_span", "_location", "_limit", "validation")

    def __init__(
        self, data: dict, id_span: tuple | None, location: Path, limit: int, validation: int = 0,
    ) -> None:
        compact = _compact(data)
        self._skeleton = data if compact is None else None
        self._version, self._id, self._links = compact or (None, None, None)
        # four numbers in one (an int takes a third of the memory of a tuple of four)
        self._id_span = None if id_span is None else sum(n << (32 * (3 - i)) for i, n in enumerate(id_span))
        self._location = location
        self._limit = limit
        self.validation = validation

    @property
    def data(self) -> dict:
        if self._skeleton is not None:
            return self._skeleton
        data: dict = {"journeyctl": self._version}
        if self._id is not None:
            data["id"] = self._id
        if self._links is not None:
            data["touchpoints"] = [
                {"next": [{"journey": j} for j in ((tp,) if isinstance(tp, str) else tp)]} for tp in self._links
            ]
        return data

    def reuse_id(self, ident: str) -> None:
        """Hold ``ident`` (the model's id) as the skeleton's id, when they are equal."""
        if self._id == ident:
            self._id = ident

    @property
    def id_span(self) -> tuple | None:
        span = self._id_span
        return None if span is None else tuple((span >> (32 * (3 - i))) & 0xFFFFFFFF for i in range(4))

    @property
    def source(self) -> SourceMap:
        """A map of the top-level mapping and its ``id`` value, the one path resolving
        reports at (made when asked: a run holds a stored file for every map)."""
        span = self.id_span
        return SourceMap((1, 1, 1, 1, {"id": (*span, *span)}) if span else None)

    @property
    def text(self) -> str:
        try:
            return decode(read_limited(self._location, self._limit))
        except (OSError, FileTooLarge, YamlError):
            return ""


def _compact(data: dict) -> tuple | None:
    """``data`` as (version, id, the journeys each touchpoint links to: one id, or a tuple
    of them), when that is all it holds (a valid journey's skeleton); else None."""
    if data.keys() - {"journeyctl", "id", "touchpoints"} or data.get("journeyctl") not in (1, 2):
        return None
    ident = data.get("id")
    if "id" in data and not isinstance(ident, str):
        return None
    touchpoints = data.get("touchpoints")
    if touchpoints is None:
        return data["journeyctl"], ident, None
    links = []
    for tp in touchpoints:
        if not (isinstance(tp, dict) and tp.keys() == {"next"} and isinstance(tp["next"], list)):
            return None
        if not all(isinstance(t, dict) and t.keys() == {"journey"} and isinstance(t["journey"], str) for t in tp["next"]):
            return None
        linked = tuple(t["journey"] for t in tp["next"])
        links.append(linked[0] if len(linked) == 1 else linked)  # (most link once: no tuple)
    return data["journeyctl"], ident, tuple(links)


def facts_of(file: SourceFile) -> dict | None:
    """What a stored file needs of a fully loaded one, or None when it must always be loaded
    in full (a catalog, a file that did not parse, one that may be a broken catalog)."""
    if file.kind == "journey" and file.loaded is not None:
        if file.findings and looks_like_catalog(file):
            return None
        data = file.loaded.data
        version = data.get("journeyctl")
        other = isinstance(version, (int, float)) and not isinstance(version, bool) and version != 1
        raw_touchpoints = data.get("touchpoints")
        model = file.model
        valid = isinstance(model, Journey)
        touchpoints = None
        if isinstance(raw_touchpoints, list):
            # A valid journey's touchpoint ids come from its model: of its touchpoints only
            # the links are kept. An invalid one is indexed by its raw ids (all kept).
            touchpoints = []
            for tp in raw_touchpoints:
                if not isinstance(tp, dict):
                    continue
                links = [{"journey": t["journey"]} for _, t in mappings(tp, "next") if isinstance(t.get("journey"), str)]
                if valid and not links:
                    continue
                touchpoints.append({
                    **({"id": tp["id"]} if not valid and isinstance(tp.get("id"), str) else {}),
                    **({"next": links} if links else {}),
                })
        span = file.source.value(("id",))
        try:
            joined = IdSet(t.id for t in model.touchpoints).join() if valid else None
        except ValueError:  # an empty id, or one with a line break: loaded in full each time
            return None
        return {
            "kind": "journey",
            "findings": [finding_to_json(f) for f in file.findings],
            "data": {
                "journeyctl": 2 if other else 1,
                **({"id": data["id"]} if isinstance(data.get("id"), str) else {}),
                **({"touchpoints": touchpoints} if touchpoints is not None else {}),
            },
            "model": [model.id, joined] if joined is not None else None,
            "id_span": [span.line, span.column, span.end_line, span.end_column] if file.source.has(("id",)) else None,
        }
    if file.kind is None and not file.findings:
        return {"kind": None}
    return None


def stored_file(location: Path, display: str, facts: dict, limit: int) -> SourceFile:
    """A file rebuilt from its facts (see :func:`facts_of`)."""
    file = SourceFile(display, location)
    if facts["kind"] is None:
        file.loaded = StoredYaml({}, None, location, limit)
        return file
    file.kind = "journey"
    span = facts["id_span"]
    file.loaded = StoredYaml(facts["data"], tuple(span) if span else None, location, limit, len(facts["findings"]))
    if facts["model"] is not None:
        ident, touchpoints = facts["model"]
        file.model = JourneyIds(ident, IdSet.joined(touchpoints))
        file.loaded.reuse_id(file.model.id)
    file.findings = [finding_from_json(f) for f in facts["findings"]]
    return file


def stored_facts(file: SourceFile) -> dict:
    """The facts ``file``, a stored file, was rebuilt from (the inverse of :func:`stored_file`)."""
    loaded = file.loaded
    if file.kind is None:
        return {"kind": None}
    model = file.model
    span = loaded.id_span
    return {
        "kind": "journey",
        "findings": [finding_to_json(f) for f in file.findings[:loaded.validation]],
        "data": loaded.data,
        "model": [model.id, model.touchpoint_ids.join()] if isinstance(model, JourneyIds) else None,
        "id_span": list(span) if span else None,
    }


class CachingLoader(Loader):
    """A :class:`Loader` that returns stored files for the journeys ``cache`` knows.

    ``entries`` holds the cache entry of each file it handed over (new or updated ones are
    written by :meth:`save`), and ``digests`` the hash of each file it loaded in full
    (the catalogs among them, whose hashes are in the keys of the maps below them).
    """

    def __init__(self, config: Config, cwd: Path, cache: Cache | None) -> None:
        super().__init__(config, cwd)
        self.cache = cache
        #: location → (findings, the links followed: each journey with the touchpoints
        #: asked of it, as JSON text) of the files checked ahead
        self.ahead: dict[Path, tuple[tuple[Finding, ...], str]] = {}
        #: entries :meth:`known` read, so that loading the file does not read them again
        self.peeked: dict[Path, Entry] = {}
        self.stats: dict[Path, os.stat_result] = {}
        self.entries: dict[Path, Entry] = {}
        self.digests: dict[Path, str] = {}
        self.changed: set[Path] = set()
        self.settings = settings_key(config, code=cache is not None)
        #: the stored file of each entry whose facts text was let go (see :meth:`_stored`)
        self.held: dict[Path, SourceFile] = {}

    def get(self, location: Path) -> SourceFile:
        location = self.real_path(location)
        file = self.files.get(location)
        if file is None:
            file = self.files[location] = self._load(location)
        return file

    def known(self, location: Path) -> bool:
        """Whether the file at ``location`` (a real path) can be handed over without reading
        it. A journey that can is made from its entry at once (and its entry's text let go):
        a warm run of a large workspace takes up every map this way."""
        entry = self.cache.get(location) if self.cache is not None else None
        display = display_path(location, self.cwd)
        if entry is None or entry.facts_key != facts_key(self.settings, display):
            return False
        try:
            info = os.stat(location)
        except OSError:
            return False
        if not (entry.trusted and entry.stat == file_stat(info)):
            # read again (by another process, maybe): its findings still hold if its bytes do
            self.peeked[location] = entry
            return False
        if not entry.facts:  # always loaded in full, here (a catalog)
            self.peeked[location] = entry
            self.stats[location] = info
            return True
        file = self._stored(location, display, entry)
        if file is not None:
            self.files[location] = file
        return file is not None

    def receive(self, location: Path, answer: tuple[Entry, tuple | None]) -> None:
        """Load the file at ``location`` (a real path) from what was worked out for it,
        maybe by another process: its entry (:func:`entry_for`) and what its check ahead
        found, which goes to ``ahead``. The file was just read, so no stat or hash needs
        checking. Loaded as it arrives, so that a run never holds the answers of the whole
        workspace at once."""
        self.files[location] = self._load(location, answer)

    def _load(self, location: Path, answer: tuple[Entry, tuple | None] | None = None) -> SourceFile:
        display = display_path(location, self.cwd)
        if answer is not None:
            fresh, ahead = answer
            if ahead is not None:
                self.ahead[location] = ahead
            old = self.peeked.pop(location) if location in self.peeked else (
                self.cache.get(location) if self.cache is not None else None
            )
            if old is not None and old.digest == fresh.digest and old.facts_key == fresh.facts_key:
                fresh.result_key, fresh.findings = old.result_key, old.findings
            self.changed.add(location)
            file = self._stored(location, display, fresh) if fresh.facts else None
            if file is not None:
                return file
        key = facts_key(self.settings, display)
        if location in self.peeked:
            entry = self.peeked.pop(location)
        else:
            entry = self.cache.get(location) if self.cache is not None else None
        if entry is not None and entry.facts_key != key:
            entry = None
        try:
            info = self.stats.pop(location, None) or os.stat(location)
        except OSError:
            return self._full(location, display, None)
        if entry is not None and entry.trusted and entry.stat == file_stat(info) and entry.facts:
            file = self._stored(location, display, entry)
            if file is not None:
                return file
            entry = None
        read_at = now_ns()
        try:
            raw = read_limited(location, self.config.max_file_size)
        except (OSError, FileTooLarge):
            return self._full(location, display, None)
        content = digest(raw)
        known_facts = None
        if entry is not None and entry.digest == content:
            seen = (entry.stat, entry.trusted)
            entry.stat, entry.trusted = file_stat(info), trusted(info, read_at)
            if (entry.stat, entry.trusted) != seen:
                self.changed.add(location)
            file = self._stored(location, display, entry) if entry.facts else None
            if file is not None:
                return file
            known_facts, entry.facts = entry.facts, ""
        else:
            entry = Entry(os.fsdecode(location), file_stat(info), trusted(info, read_at), content, key, "")
        file = self._full(location, display, raw)
        self.digests[location] = content
        entry.facts = facts_text(facts_of(file))
        self.entries[location] = entry
        if entry.facts != known_facts:
            # (a catalog, always loaded in full, whose entry is as it was is not written again)
            self.changed.add(location)
        return file

    def _full(self, location: Path, display: str, raw: bytes | None) -> SourceFile:
        file = read_source(location, display, self.config, raw=raw)
        validate_file(file, self.config)
        return file

    def _stored(self, location: Path, display: str, entry: Entry) -> SourceFile | None:
        """The file rebuilt from ``entry``, or None when the entry does not hold what it should."""
        try:
            file = stored_file(location, display, json.loads(entry.facts), self.config.max_file_size)
        except Exception:  # noqa: BLE001 - a damaged entry is a miss, never a failure
            return None
        # The file holds what the text says, in less memory: the text (and the key, which
        # its path gives) is made again from it if the entry is written (:meth:`_put`).
        entry.facts = entry.facts_key = None
        entry.location = os.fsdecode(location)  # the path's own text, not a copy of it
        self.held[location] = file
        self.entries[location] = entry
        return file

    @staticmethod
    def is_stored(file: SourceFile) -> bool:
        """Whether ``file`` was rebuilt from its facts (see :func:`stored_file`)."""
        return isinstance(file.loaded, StoredYaml)

    def realise(self, file: SourceFile) -> SourceFile:
        """The stored ``file`` loaded in full, with the findings resolving the workspace
        added to it since (they are the same for the whole file)."""
        location = file.location
        entry = self.entries[location]
        try:
            raw = read_limited(location, self.config.max_file_size)
        except (OSError, FileTooLarge):
            raw = None
        if raw is None or digest(raw) != entry.digest:
            # Changed since this run looked at it: checked as it is now, and not stored.
            del self.entries[location]
        full = self._full(location, file.path, raw)
        added = file.findings[validation_count(file):]
        full.findings.extend(added)
        # not kept in ``files``: once checked, the full file is let go
        return full

    def results(self, file: SourceFile, key: str) -> list[Finding] | None:
        """The findings stored for ``file`` under ``key``, or None."""
        entry = self.entries.get(file.location)
        if entry is None or entry.result_key != key or entry.findings is None:
            return None
        try:
            return [finding_from_json(f) for f in entry.findings]
        except Exception:  # noqa: BLE001 - a damaged entry is a miss
            return None

    def keep(self, file: SourceFile, key: str, findings: list[Finding], *, now: bool = False) -> None:
        """Store ``findings`` under ``key`` in the file's entry; ``now`` writes the entry at
        once and lets it go (a run that keeps entries to the end holds every finding twice)."""
        entry = self.entries.get(file.location)
        if entry is None:
            return
        entry.result_key, entry.findings = key, [finding_to_json(f) for f in findings]
        self.changed.add(file.location)
        if now:
            self.flush([file.location])

    def flush(self, locations: Iterable[Path]) -> None:
        """Write the entries of ``locations`` that changed, and let them all go."""
        for location in locations:
            entry = self.entries.pop(location, None)
            if entry is not None and location in self.changed:
                self._put(location, entry)
            self.changed.discard(location)
            self.held.pop(location, None)

    def save(self) -> None:
        """Write the entries that are new or changed."""
        if self.cache is None:
            return
        for location in sorted(self.changed):
            entry = self.entries.get(location)
            if entry is not None:
                self._put(location, entry)
        self.cache.save()

    def _put(self, location: Path, entry: Entry) -> None:
        if self.cache is None:
            return
        if entry.facts is None:
            held = self.held[location]
            entry.facts, entry.facts_key = facts_text(stored_facts(held)), facts_key(self.settings, held.path)
        self.cache.put(location, entry)


def settings_key(config: Config, code: bool = True) -> str:
    """The key of everything loading and validating a file depends on, besides its bytes
    (``code``: journeyctl's code among them, which a run that keeps nothing can leave out)."""
    return key_of([code_fingerprint() if code else "", config.max_file_size, config.max_touchpoints, config.max_findings])


def facts_key(settings: str, display: str) -> str:
    """The key a file's facts are stored under: ``settings`` (:func:`settings_key`) and
    the file's path as reported."""
    return key_of([settings, display])


def entry_for(location: Path, cwd: Path, config: Config) -> tuple[Entry, SourceFile] | None:
    """The cache entry of the file at ``location`` (a real path), worked out by reading,
    parsing and validating it, with the file so loaded: what another process hands a
    :class:`CachingLoader` (``fresh``). None when it cannot be read."""
    display = display_path(location, cwd)
    try:
        info = os.stat(location)
        read_at = now_ns()
        raw = read_limited(location, config.max_file_size)
    except (OSError, FileTooLarge):
        return None
    file = read_source(location, display, config, raw=raw)
    validate_file(file, config)
    entry = Entry(
        os.fsdecode(location), file_stat(info), trusted(info, read_at), digest(raw),
        facts_key(settings_key(config), display), facts_text(facts_of(file)),
    )
    return entry, file


def validation_count(file: SourceFile) -> int:
    """How many of a stored file's findings came with its facts: the others were added by
    resolving the workspace."""
    return file.loaded.validation


def light(file: SourceFile, limit: int) -> SourceFile:
    """``file`` once checked: its path and kind, its text read again if a reporter asks."""
    return SourceFile(file.path, file.location, file.kind, StoredYaml({}, None, file.location, limit))
