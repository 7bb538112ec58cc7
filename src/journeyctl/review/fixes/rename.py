"""Renaming an id everywhere: its definition and every place that names it, in every file.

The places come from the workspace's symbol index (:mod:`journeyctl.analysis.symbols`): the
map's own references, other maps' cross-journey links, catalog definitions and the maps
that use them, and ``addresses``. Each is the exact text of the id, so a rename replaces
only that and keeps quotes, comments and layout. The rename is one transaction: it is
refused as a whole (nothing written) when the new id is not valid or already taken, when
the result would not load as cleanly as before, or when any file changed since it was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from journeyctl.analysis.symbols import (
    CHANNEL,
    JOURNEY,
    PAIN_POINT,
    PERSONA,
    ROADMAP_ITEM,
    STAGE,
    TEAM,
    TOUCHPOINT,
    Symbol,
    SymbolIndex,
    builtin_channel_refusal,
    index_workspace,
)
from journeyctl.loading.config import Config
from journeyctl.loading.yaml_scalars import resolve_plain
from journeyctl.model import BUILTIN_CHANNELS
from journeyctl.model.document import Workspace
from journeyctl.model.fixes import Edit
from journeyctl.model.types import SLUG_PATTERN
from journeyctl.review.fixes.apply import apply_edits
from journeyctl.review.fixes.places import Places

#: The kinds ``journeyctl rename`` takes, as the command line spells them.
KINDS = {
    "stage": STAGE,
    "channel": CHANNEL,
    "team": TEAM,
    "persona": PERSONA,
    "touchpoint": TOUCHPOINT,
    "journey": JOURNEY,
    "pain-point": PAIN_POINT,
    "roadmap-item": ROADMAP_ITEM,
}
#: Touchpoints, pain points and roadmap items share one namespace in a journey.
_SHARED_NAMESPACE = (TOUCHPOINT, PAIN_POINT, ROADMAP_ITEM)
_SLUG = re.compile(SLUG_PATTERN)


class RenameError(Exception):
    """A rename that cannot be done; the message is one line for the user."""


@dataclass(slots=True)
class RenamedFile:
    """One file a rename changes: its display path, text before and after, and the edits."""

    path: str
    location: Path
    original: str
    text: str
    edits: list[Edit]
    #: the file starts with a UTF-8 byte order mark (which ``original`` and ``text`` are without)
    bom: bool = False

    def diff(self, names: tuple[str, str] | None = None) -> str:
        """The unified diff of the rename in this file, as ``git apply`` takes it; ``names``:
        its headers' (default: ``a/`` and ``b/`` and the path)."""
        from journeyctl.review.fixes.workflow import unified_diff

        return unified_diff(self.original, self.text, names or self.path, bom=self.bom)


def rename_edits(
    workspace: Workspace, kind: str, old: str, new: str, *, journey: str | None = None,
) -> dict[Path, list[Edit]]:
    """The edits (offsets in each file's loaded text) that rename the ``kind`` id ``old`` to ``new``.

    ``kind`` is a key of :data:`KINDS`. ``journey`` picks the journey whose stage,
    touchpoint, pain point or roadmap item is meant when several journeys define ``old``.
    Raises :class:`RenameError` for an invalid or taken ``new``, an ``old`` defined nowhere,
    or an ambiguous one.
    """
    if kind not in KINDS:
        raise RenameError(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    if not _SLUG.fullmatch(new):
        raise RenameError(
            f"{new!r} is not a valid id: use lowercase letters, digits and '-', starting with a letter or digit"
        )
    index = index_workspace(workspace)
    symbol = _the_symbol(index, workspace, KINDS[kind], kind, old, new, journey)
    if new == old:
        return {}
    _check_free(index, symbol, kind, new)
    files = {file.location: file for file in workspace.targets}
    edits: dict[Path, list[Edit]] = {}
    # A valid id may still read as no text when plain ('2027', 'true', 'null'): quoted there.
    plain = new if resolve_plain(new) == new else f'"{new}"'
    for occurrence in index.of(symbol):
        places = Places(files[occurrence.location].loaded)
        span = occurrence.span
        start = places.offset(span.line + 1, span.column + 1)
        end = places.offset(span.end_line + 1, span.end_column + 1)
        quoted = places.text[start - 1:start] in ("'", '"') and places.text[end:end + 1] == places.text[start - 1]
        edit = Edit(start, end, new if quoted else plain)
        found = edits.setdefault(occurrence.location, [])
        if edit not in found:  # an alias is recorded at its anchor's place
            found.append(edit)
    return edits


def renamed_files(workspace: Workspace, edits: dict[Path, list[Edit]]) -> list[RenamedFile]:
    """The files ``edits`` change, with their new text, by path."""
    files = {file.location: file for file in workspace.targets}
    found = [
        RenamedFile(files[location].path, location, files[location].text,
                    apply_edits(files[location].text, changes), sorted(changes), _starts_with_bom(location))
        for location, changes in edits.items()
    ]
    return sorted(found, key=lambda f: f.path)


def _starts_with_bom(location: Path) -> bool:
    from journeyctl.review.fixes.workflow import UTF8_BOM

    try:
        with open(location, "rb") as file:
            return file.read(len(UTF8_BOM)) == UTF8_BOM
    except OSError:
        return False  # reported when the file is written


def _the_symbol(
    index: SymbolIndex, workspace: Workspace, kind: str, word: str, old: str, new: str, journey: str | None,
) -> Symbol:
    defined = [s for s in index.symbols(kind) if s.id == old]
    if journey is not None and kind not in (JOURNEY,):
        home = index.journey_home(journey)
        if home is None:
            raise RenameError(f"--journey: no journey {journey!r} in the workspace")
        local = [s for s in defined if s.home == home]
        # A persona, channel or team the journey uses may be defined in a catalog.
        defined = local or [s for s in defined if _names(index, s, home)]
    if not defined:
        raise RenameError(_not_defined(index, kind, word, old, new, journey))
    if len(defined) > 1:
        homes = sorted(_shown(workspace, s.home) for s in defined)
        raise RenameError(
            f"{word} {old!r} is defined in {len(defined)} files ({', '.join(homes)}): "
            "say which with --journey ID"
        )
    return defined[0]


def _not_defined(index: SymbolIndex, kind: str, word: str, old: str, new: str, journey: str | None) -> str:
    """Why no ``old`` can be renamed, in one line, with what may have been meant."""
    from journeyctl.loading.validate import suggest

    if kind == CHANNEL and old in BUILTIN_CHANNELS:
        return builtin_channel_refusal(old)
    where = f" in journey {journey!r}" if journey else ""
    other = next((w for w, k in KINDS.items() if k != kind and any(s.id == old for s in index.symbols(k))), None)
    if other is not None:
        return f"no {word} {old!r} is defined{where}, but a {other} is: journeyctl rename {other} {old} {new}"
    return f"no {word} {old!r} is defined{where}{suggest(old, {s.id for s in index.symbols(kind)})}"


def _names(index: SymbolIndex, symbol: Symbol, location: Path) -> bool:
    return any(o.location == location for o in index.of(symbol))


def _shown(workspace: Workspace, home: Path | None) -> str:
    return next((f.path for f in workspace.targets if f.location == home), str(home))


def _check_free(index: SymbolIndex, symbol: Symbol, word: str, new: str) -> None:
    """Refuse ``new`` when an id of the same namespace is already called so where ``symbol`` is used."""
    if symbol.kind == JOURNEY:
        taken = [s for s in index.symbols(JOURNEY) if s.id == new]
    elif symbol.kind in (STAGE, *_SHARED_NAMESPACE):
        kinds = _SHARED_NAMESPACE if symbol.kind in _SHARED_NAMESPACE else (STAGE,)
        taken = [s for k in kinds for s in index.symbols(k) if s.id == new and s.home == symbol.home]
    else:
        places = {o.location for o in index.of(symbol)}
        taken = [index.visible(symbol.kind, place)[new] for place in sorted(places)
                 if new in index.visible(symbol.kind, place)]
    if taken:
        raise RenameError(f"cannot rename {word} {symbol.id!r} to {new!r}: {new!r} already exists")


INVALID_YAML = "JM001"


class NotWritten(Exception):
    """A rename was refused before any file was written; the message says why."""


@dataclass(slots=True)
class Rename:
    """A checked rename, not yet written: the files it changes, and the maps it could not
    read (``path:line:column``), in which places that name the id may stay behind."""

    files: list[RenamedFile]
    unreadable: list[str]


def rename_paths(
    paths: list[str], config: Config, kind: str, old: str, new: str, *, journey: str | None = None,
    cwd: Path | None = None,
) -> list[RenamedFile]:
    """The files the rename changes under ``paths`` (default: the workspace), checked, not written.

    Raises :class:`RenameError` as :func:`rename_edits` does, and when the renamed maps
    would not load as cleanly as before (a new unreadable file, duplicate id or unknown
    reference).
    """
    return plan_rename(paths, config, kind, old, new, journey=journey, cwd=cwd).files


def plan_rename(
    paths: list[str], config: Config, kind: str, old: str, new: str, *, journey: str | None = None,
    cwd: Path | None = None,
) -> Rename:
    """:func:`rename_paths`, with the maps that do not parse and so could not be searched."""
    from journeyctl.loading.workspace import load_workspace

    from journeyctl.loading.files import real_path
    from journeyctl.review.fixes.workflow import OUTSIDE, writable_here

    workspace = load_workspace(paths, config, cwd)
    files = renamed_files(workspace, rename_edits(workspace, kind, old, new, journey=journey))
    named = {real_path((cwd or Path.cwd()) / given) for given in paths}
    for file in files:
        if not writable_here(file.location, config.root.resolve(), named):
            raise RenameError(f"cannot rename {kind} {old!r}: {file.path}: {OUTSIDE} ({file.location})")
    after = load_workspace(paths, config, cwd, overlay={f.location: f.text for f in files})
    before_counts = _validation_counts(workspace)
    for code, count in sorted(_validation_counts(after).items()):
        if count > before_counts.get(code, 0):
            first = next(f for t in after.targets for f in t.findings if f.code == code)
            raise RenameError(
                f"cannot rename {kind} {old!r} to {new!r}: {first.path}:{first.line}:{first.column} "
                f"would get {code} {first.rule}: {first.message}"
            )
    unreadable = [
        f"{f.path}:{f.line}:{f.column}" for t in workspace.targets if t.loaded is None
        for f in t.findings if f.code == INVALID_YAML
    ]
    return Rename(files, unreadable)


def _validation_counts(workspace: Workspace) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in workspace.findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    return counts


def write_all(files: list[RenamedFile]) -> None:
    """Write every renamed file, or none: each must still hold the text that was read.

    Every file is checked before the first is written (and each again just before its
    atomic rename). Raises :class:`NotWritten` when one changed or cannot be written.
    """
    from journeyctl.loading.files import FileTooLarge, read_limited
    from journeyctl.loading.yaml_errors import YamlError, decode, encode_like
    from journeyctl.review.fixes.workflow import write_checked

    raws: list[tuple[RenamedFile, bytes]] = []
    for file in files:
        try:
            raw = read_limited(file.location, len(file.original.encode("utf-32")) + 4)
            same = decode(raw) == file.original
        except (OSError, FileTooLarge, YamlError):
            same = False
        if not same:
            raise NotWritten(f"{file.path}: the file changed since it was read; nothing was renamed")
        raws.append((file, raw))
    for done, (file, raw) in enumerate(raws):
        try:
            write_checked(file.location, raw, encode_like(file.text, raw))
        except OSError as exc:
            written = ", ".join(f.path for f, _ in raws[:done]) or "none"
            raise NotWritten(
                f"{file.path}: cannot write: {exc.strerror or exc} (files already renamed: {written})"
            ) from None
