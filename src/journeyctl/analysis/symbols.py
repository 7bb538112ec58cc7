"""The symbols of a workspace: where each id is defined and every place that names it.

Every id a map or catalog defines (a stage, touchpoint, pain point, roadmap item, persona,
channel, team or journey) is a :class:`Symbol`; each place in a file that defines or names
it is an :class:`Occurrence` with the exact span of the id's text. Rule codes and names in
suppression comments are occurrences too (kind ``rule``; they have no definition in a file).
The language server answers definition, references, hover and completion from this index,
and renames rewrite exactly its spans.

The index reads the raw documents and their source maps, not the models: a map being
edited is usually invalid, and its references must still be found. A reference resolves
the way the loader resolves it:

- stages, touchpoints, pain points and roadmap items belong to their journey (a
  cross-journey link names the other journey's touchpoint);
- personas, channels and teams: the journey's own definition, else the nearest catalog
  of its folder chain up to the workspace root (a later catalog of one folder wins, as
  in loading), else a built-in channel, which has no definition;
- a journey id: the journey of the workspace that defines it (the first, by path, when
  two do);
- ``addresses`` names a pain point or a touchpoint of the journey.

A reference that resolves to nothing gets a symbol all the same (``home`` is the journey
for journey-local kinds, None for the others), so an unknown id's uses are found together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeyctl.loading.references import mappings
from journeyctl.loading.yaml_comments import comments_in
from journeyctl.loading.yaml_scalars import after_properties
from journeyctl.model import BUILTIN_CHANNELS
from journeyctl.model.document import SourceFile, Workspace
from journeyctl.model.findings import DataPath

STAGE = "stage"
TOUCHPOINT = "touchpoint"
PAIN_POINT = "pain_point"
ROADMAP_ITEM = "roadmap_item"
PERSONA = "persona"
CHANNEL = "channel"
TEAM = "team"
JOURNEY = "journey"
RULE = "rule"

#: Kinds whose ids belong to one journey.
JOURNEY_KINDS = (STAGE, TOUCHPOINT, PAIN_POINT, ROADMAP_ITEM)
#: Kinds a journey may define itself or take from its catalogs.
SHARED_KINDS = (PERSONA, CHANNEL, TEAM)
#: Every kind, in the order listings show them.
KINDS = (JOURNEY, STAGE, TOUCHPOINT, PAIN_POINT, ROADMAP_ITEM, PERSONA, CHANNEL, TEAM, RULE)

_LISTS = {PERSONA: "personas", CHANNEL: "channels", TEAM: "teams"}
# The selectors of a suppression comment: its directive and the bracketed list after it.
_SUPPRESSION = re.compile(r"#[ \t]*journeyctl[ \t]*:[ \t]*(?:ignore-file|ignore)[ \t]*\[(?P<items>[^\]]*)\]")
_ITEM = re.compile(r"[^,\s]+")
#: Lines as YAML (and the Language Server Protocol) count them.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Where a text lies in a file: 0-based lines and columns (characters), end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    def contains(self, line: int, column: int) -> bool:
        """Whether the place ``(line, column)`` is in the span or right after its end
        (where an editor's cursor is once a word is typed)."""
        return (self.line, self.column) <= (line, column) <= (self.end_line, self.end_column)


@dataclass(frozen=True, slots=True)
class Symbol:
    """An id of one kind. ``home`` tells equal ids apart: the file of the journey a
    journey-local id belongs to, or the file whose definition a persona, channel, team or
    journey id resolves to (None for a built-in channel, a rule, or an id defined nowhere)."""

    kind: str
    id: str
    home: Path | None = None


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place a symbol is defined or named.

    ``path`` is the file as the workspace displays it and ``location`` its real path;
    ``data_path`` is where the id's value lies in the document's data (None for a rule
    named in a comment); a definition's ``name`` is the defined item's name (or title, or
    a pain point's summary) when it has one.
    """

    symbol: Symbol
    path: str
    location: Path
    span: Span
    definition: bool
    data_path: DataPath | None = None
    name: str | None = None


@dataclass(slots=True)
class SymbolIndex:
    """Every occurrence of every symbol in a set of files."""

    occurrences: list[Occurrence] = field(default_factory=list)
    #: file → what a journey there may name, per shared kind and id (see :meth:`visible`)
    scopes: dict[Path, dict[str, dict[str, Symbol]]] = field(default_factory=dict)
    _by_symbol: dict[Symbol, list[Occurrence]] = field(default_factory=dict)
    _by_file: dict[Path, list[Occurrence]] = field(default_factory=dict)
    # (kind, file) → id → symbol, for the kinds a file defines: what completion offers
    _defined: dict[tuple[str, Path], dict[str, Symbol]] = field(default_factory=dict)

    def add(self, occurrence: Occurrence) -> None:
        self.occurrences.append(occurrence)
        self._by_symbol.setdefault(occurrence.symbol, []).append(occurrence)
        self._by_file.setdefault(occurrence.location, []).append(occurrence)
        if occurrence.definition:
            symbol = occurrence.symbol
            self._defined.setdefault((symbol.kind, occurrence.location), {}).setdefault(symbol.id, symbol)

    def of(self, symbol: Symbol) -> list[Occurrence]:
        """Every occurrence of ``symbol``, definitions and references, in file order."""
        return sorted(self._by_symbol.get(symbol, ()), key=_file_order)

    def definitions(self, symbol: Symbol) -> list[Occurrence]:
        return [o for o in self.of(symbol) if o.definition]

    def definition(self, symbol: Symbol) -> Occurrence | None:
        """The first definition of ``symbol`` in file order, if it has one."""
        found = [o for o in self._by_symbol.get(symbol, ()) if o.definition]
        return min(found, key=_file_order) if found else None

    def references(self, symbol: Symbol) -> list[Occurrence]:
        return [o for o in self.of(symbol) if not o.definition]

    def in_file(self, location: Path) -> list[Occurrence]:
        """The occurrences in one file, in text order."""
        return sorted(self._by_file.get(location, ()), key=lambda o: o.span)

    def at(self, location: Path, line: int, column: int) -> Occurrence | None:
        """The occurrence at a 0-based place in a file (the first of two that touch it)."""
        return next((o for o in self.in_file(location) if o.span.contains(line, column)), None)

    def symbols(self, kind: str) -> list[Symbol]:
        """The defined symbols of ``kind``, sorted by id and home."""
        found = {o.symbol for o in self.occurrences if o.definition and o.symbol.kind == kind}
        return sorted(found, key=lambda s: (s.id, str(s.home)))

    def visible(self, kind: str, location: Path) -> dict[str, Symbol]:
        """What an id of ``kind`` written in the file at ``location`` may name: id → symbol.

        Journey-local kinds: the journey's own; personas, channels and teams: the file's
        own, its catalogs' and (channels) the built-in ones; journeys: every journey.
        """
        if kind in SHARED_KINDS:
            return dict(self.scopes.get(location, {}).get(kind, {}))
        if kind == JOURNEY:
            return {s.id: s for s in self.symbols(JOURNEY)}
        return dict(self._defined.get((kind, location), {}))

    def journey_home(self, journey: str) -> Path | None:
        """The file that defines journey ``journey`` (the first by path when several do)."""
        symbol = self.visible(JOURNEY, Path()).get(journey)
        return symbol.home if symbol else None


def _file_order(occurrence: Occurrence) -> tuple:
    return (occurrence.path, occurrence.span)


def index_workspace(workspace: Workspace) -> SymbolIndex:
    """The symbol index of a loaded workspace's files."""
    return build_index(workspace.targets, workspace.root)


def build_index(files: Iterable[SourceFile], root: Path) -> SymbolIndex:
    """The symbol index of ``files`` (journeys and catalogs; others are skipped).

    Catalogs apply to the journeys at or below their folder within ``root``; only
    catalogs among ``files`` are seen.
    """
    files = sorted(
        (f for f in files if f.kind in ("journey", "catalog") and f.loaded is not None
         and isinstance(f.loaded.data, dict)),
        key=lambda f: f.path,
    )
    root = root.resolve()
    index = SymbolIndex()
    catalogs: dict[Path, list[SourceFile]] = {}
    for file in files:
        if file.kind == "catalog":
            catalogs.setdefault(file.location.parent, []).append(file)
    journeys: dict[str, Path] = {}
    for file in files:
        ident = file.loaded.data.get("id") if file.kind == "journey" else None
        if isinstance(ident, str):
            journeys.setdefault(ident, file.location)
    folder_scopes: dict[Path, dict[str, dict[str, Symbol]]] = {}
    for file in files:
        outer = _folder_scope(file.location.parent, root, catalogs, folder_scopes)
        scope = _own_scope(file, outer)
        index.scopes[file.location] = scope
        reader = _Reader(file, index, scope, journeys)
        if file.kind == "journey":
            reader.journey()
        else:
            reader.catalog()
        reader.rules()
    return index


def _folder_scope(
    folder: Path, root: Path, catalogs: Mapping[Path, list[SourceFile]],
    cache: dict[Path, dict[str, dict[str, Symbol]]],
) -> dict[str, dict[str, Symbol]]:
    """What the catalogs from ``root`` down to ``folder`` define (nearer wins), with the
    built-in channels below them all."""
    found = cache.get(folder)
    if found is not None:
        return found
    if folder != root and root in folder.parents:
        outer = _folder_scope(folder.parent, root, catalogs, cache)
    else:
        outer = {PERSONA: {}, CHANNEL: {c: Symbol(CHANNEL, c) for c in BUILTIN_CHANNELS}, TEAM: {}}
    found = {kind: dict(symbols) for kind, symbols in outer.items()}
    for catalog in catalogs.get(folder, ()):
        for kind in SHARED_KINDS:
            found[kind].update((ident, Symbol(kind, ident, catalog.location)) for ident in _ids(catalog, kind))
    cache[folder] = found
    return found


def _own_scope(file: SourceFile, outer: dict[str, dict[str, Symbol]]) -> dict[str, dict[str, Symbol]]:
    """``outer`` with the file's own personas, channels and teams over it."""
    scope = {}
    for kind in SHARED_KINDS:
        own = _ids(file, kind)
        scope[kind] = {**outer[kind], **{i: Symbol(kind, i, file.location) for i in own}} if own else outer[kind]
    return scope


def _ids(file: SourceFile, kind: str) -> list[str]:
    return [i for _, item in mappings(file.loaded.data, _LISTS[kind]) if isinstance(i := item.get("id"), str)]


class _Reader:
    """Reads one file's definitions and references into the index."""

    def __init__(
        self, file: SourceFile, index: SymbolIndex, scope: dict[str, dict[str, Symbol]], journeys: dict[str, Path]
    ) -> None:
        self.file = file
        self.data = file.loaded.data
        self.lines = LINE_BREAK.split(file.text)
        self.index = index
        self.scope = scope
        self.journeys = journeys

    def add(
        self, symbol: Symbol, path: DataPath, definition: bool = False, *, key: bool = False, item: Any = None,
    ) -> None:
        source = self.file.source
        position = source.key(path) if key else source.value(path)
        span = self._unquoted(Span(position.line - 1, position.column - 1, position.end_line - 1, position.end_column - 1))
        name = _name(item) if definition else None
        self.index.add(Occurrence(symbol, self.file.path, self.file.location, span, definition, path, name))

    def _unquoted(self, span: Span) -> Span:
        """The span of a scalar's text, without its anchor, tag (``&where "book"``) and quotes."""
        if span.line != span.end_line or span.line >= len(self.lines):
            return span
        line = self.lines[span.line]
        column = min(after_properties(line, span.column), span.end_column)
        text = line[column:span.end_column]
        if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
            return Span(span.line, column + 1, span.end_line, span.end_column - 1)
        return Span(span.line, column, span.end_line, span.end_column)

    def shared(self, kind: str, ident: Any, path: DataPath, *, key: bool = False) -> None:
        if isinstance(ident, str):
            self.add(self.scope[kind].get(ident, Symbol(kind, ident)), path, key=key)

    def definitions(self, kind: str, key: str, base: DataPath = ()) -> None:
        holder = self.data
        for part in base:
            holder = holder[part]
        home = self.file.location
        for index, item in mappings(holder, key):
            if isinstance(ident := item.get("id"), str):
                self.add(Symbol(kind, ident, home), (*base, key, index, "id"), definition=True, item=item)

    def catalog(self) -> None:
        for kind in SHARED_KINDS:
            self.definitions(kind, _LISTS[kind])
        self.preferred_channels()

    def preferred_channels(self) -> None:
        for index, persona in mappings(self.data, "personas"):
            for c_index, channel in _strings(persona, "preferred_channels"):
                self.shared(CHANNEL, channel, ("personas", index, "preferred_channels", c_index))

    def journey(self) -> None:
        data, home = self.data, self.file.location
        ident = data.get("id")
        if isinstance(ident, str):
            self.add(Symbol(JOURNEY, ident, self.journeys.get(ident)), ("id",), definition=True, item=data)
        for kind in (*SHARED_KINDS, STAGE):
            self.definitions(kind, _LISTS.get(kind, "stages"))
        personas = data.get("personas")
        for index, persona in enumerate(personas if isinstance(personas, list) else ()):
            self.shared(PERSONA, persona, ("personas", index))
        self.preferred_channels()
        self.shared(TEAM, data.get("owner"), ("owner",))
        touchpoints = mappings(data, "touchpoints")
        touchpoint_ids = {i for _, t in touchpoints if isinstance(i := t.get("id"), str)}
        pain_points = set()
        for t_index, touchpoint in touchpoints:
            base = ("touchpoints", t_index)
            if isinstance(t_id := touchpoint.get("id"), str):
                self.add(Symbol(TOUCHPOINT, t_id, home), (*base, "id"), definition=True, item=touchpoint)
            self.definitions(PAIN_POINT, "pain_points", base)
            pain_points.update(
                i for _, p in mappings(touchpoint, "pain_points") if isinstance(i := p.get("id"), str)
            )
        for t_index, touchpoint in touchpoints:
            self.touchpoint(("touchpoints", t_index), touchpoint)
        for r_index, item in mappings(data, "roadmap"):
            base = ("roadmap", r_index)
            if isinstance(r_id := item.get("id"), str):
                self.add(Symbol(ROADMAP_ITEM, r_id, home), (*base, "id"), definition=True, item=item)
            self.shared(TEAM, item.get("owner"), (*base, "owner"))
            for a_index, ref in _strings(item, "addresses"):
                kind = TOUCHPOINT if ref in touchpoint_ids and ref not in pain_points else PAIN_POINT
                self.add(Symbol(kind, ref, home), (*base, "addresses", a_index))

    def touchpoint(self, base: DataPath, touchpoint: dict) -> None:
        home = self.file.location
        if isinstance(stage := touchpoint.get("stage"), str):
            self.add(Symbol(STAGE, stage, home), (*base, "stage"))
        self.shared(CHANNEL, touchpoint.get("channel"), (*base, "channel"))
        self.shared(TEAM, touchpoint.get("owner"), (*base, "owner"))
        for p_index, persona in _strings(touchpoint, "personas"):
            self.shared(PERSONA, persona, (*base, "personas", p_index))
        emotion = touchpoint.get("emotion")
        if isinstance(emotion, dict):  # a persona's feeling at this step, keyed by persona id
            for persona in emotion:
                self.shared(PERSONA, persona, (*base, "emotion", persona), key=True)
        raw_next = touchpoint.get("next")
        for n_index, transition in enumerate(raw_next if isinstance(raw_next, list) else ()):
            path = (*base, "next", n_index)
            if isinstance(transition, str):
                self.add(Symbol(TOUCHPOINT, transition, home), path)
            elif isinstance(transition, dict):
                if isinstance(to := transition.get("to"), str):
                    self.add(Symbol(TOUCHPOINT, to, home), (*path, "to"))
                if isinstance(journey := transition.get("journey"), str):
                    target = self.journeys.get(journey)
                    self.add(Symbol(JOURNEY, journey, target), (*path, "journey"))
                    if isinstance(wanted := transition.get("touchpoint"), str):
                        self.add(Symbol(TOUCHPOINT, wanted, target), (*path, "touchpoint"))

    def rules(self) -> None:
        """Rule codes and names in suppression comments."""
        if "journeyctl" not in self.file.text:
            return
        for comment in comments_in(self.lines):
            found = _SUPPRESSION.match(comment.text)
            if not found:
                continue
            start = comment.column - 1 + found.start("items")
            for item in _ITEM.finditer(found["items"]):
                line = comment.line - 1
                span = Span(line, start + item.start(), line, start + item.end())
                self.index.add(Occurrence(Symbol(RULE, item.group()), self.file.path, self.file.location, span, False))


def _name(item: Any) -> str | None:
    """What a defined item is called: its name, title (journeys, roadmap items) or summary
    (pain points)."""
    if not isinstance(item, dict):
        return None
    found = next((item[k] for k in ("name", "title", "summary") if k in item), None)
    return found if isinstance(found, str) else None


def _strings(data: Mapping, key: str) -> Iterator[tuple[int, str]]:
    items = data.get(key)
    for index, item in enumerate(items if isinstance(items, list) else ()):
        if isinstance(item, str):
            yield index, item


def rename_refusal(index: SymbolIndex, symbol: Symbol) -> str | None:
    """Why ``symbol`` cannot be renamed at all, or None: only what the workspace defines can."""
    kind = symbol.kind.replace("_", " ")
    if symbol.kind == RULE:
        return f"{symbol.id!r} names a rule: rule codes and names cannot be renamed"
    if index.definitions(symbol):
        return None
    if symbol.kind == CHANNEL and symbol.home is None and symbol.id in BUILTIN_CHANNELS:
        return builtin_channel_refusal(symbol.id)
    return f"{kind} {symbol.id!r} is not defined in the workspace"


def builtin_channel_refusal(channel: str) -> str:
    """Why the built-in ``channel`` cannot be renamed, and what to do instead."""
    return (
        f"{channel!r} is a built-in channel and cannot be renamed: "
        "declare a channel of your own under 'channels:' and use its id instead"
    )
