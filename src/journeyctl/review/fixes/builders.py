"""The fix of each finding that has one, as edits of the map's text.

Each builder reads the finding's data path (recorded by validation and the linter), finds
the text the loader recorded there and edits only that: the rest of the file, its comments
and its layout are left as they are. Block and flow style are both handled: a list item is
taken out of ``next: [a, b]`` as out of ``- to: a`` lines, a key is added to ``{id: a}`` as
to an indented mapping. A finding whose place cannot be edited safely gets no fix.

=====================  ===================================================  ======
rule                   fix                                                  safe
=====================  ===================================================  ======
JM002 schema           an unknown key or enum value → the one close match   yes [1]
JM003 unknown-ref.     an unknown id → the one close match                  yes [1]
JM005 unused-supp.     the comment taken out, or the one unused name;       yes [3]
                       a misspelt rule name → the one close match
JM103 dead-end         ``end: success`` added to the touchpoint             no
JM107 duplicate-trans. the later entry taken out of ``next``                yes [2]
JM201 missing-handoff  ``handoff: {carries: []}`` added to the transition   no
JM405 deprecated-lang. the language tag → the one BCP 47 prefers             yes
=====================  ===================================================  ======

[1] unsafe when two names are about as close. [2] unsafe when the later entry has a
``when`` or handoff of its own, or a comment would go with it. [3] unsafe when the
rules it names did not run (a narrower ``--select``), or when the name is no rule and not
close to one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from journeyctl.checks.rules import all_rules
from journeyctl.checks.selectors import SelectorError, match, vocabulary
from journeyctl.loading.validate import close_matches
from journeyctl.loading.yaml_comments import comments_in
from journeyctl.loading.yaml_scalars import resolve_plain
from journeyctl.model.findings import Finding
from journeyctl.model.fixes import Edit, Fix
from journeyctl.review.fixes.places import Places, data_at, find

#: The code of each rule with a fix, and what it does (docs/fixes.md, ``journeyctl rule``).
FIXABLE = {
    "JM002": "safe",
    "JM003": "safe",
    "JM005": "safe",
    "JM103": "unsafe",
    "JM107": "safe",
    "JM201": "unsafe",
    "JM405": "safe",
}

EMPTY_HANDOFF = "JM203"


def fix_for(finding: Finding, places: Places) -> Fix | None:
    """The fix of ``finding`` in the map ``places`` reads, or None when it has none."""
    build = _BUILDERS.get(finding.code)
    if build is None or ("path" not in finding.extra and finding.code != "JM005"):
        return None
    try:
        return build(finding, places)
    except (LookupError, TypeError, ValueError):  # the text no longer matches the finding
        return None


def _replace_name(finding: Finding, places: Places) -> Fix | None:
    """A misspelt key, enum value or reference → the close match the message suggests."""
    suggestions = finding.extra.get("suggestions", ())
    if not suggestions:
        return None
    path, data = finding.extra["path"], places.loaded.data
    word = suggestions[0]
    safe = len(suggestions) == 1
    if finding.extra.get("at_key"):
        owner = data_at(data, path[:-1])
        if not isinstance(owner, dict) or word in owner:
            return None  # renaming the key would make a duplicate key
        start, end = places.key(path)
        old = path[-1]
    else:
        found, old = find(data, path)
        if not isinstance(old, str) or (found != path and found != path[:-1]):
            return None
        start, end = places.scalar(found)
    return Fix(f"Replace {old!r} with {word!r}", (Edit(start, end, _scalar(word, places.text[start:start + 1])),), safe)


def _scalar(word: str, first: str) -> str:
    """``word`` as a YAML scalar, quoted as the text it replaces was (or when it must be)."""
    if first in ("'", '"'):
        return f"{first}{word}{first}"
    if resolve_plain(word) != word or re.search(r"[:#,\[\]{}&*!|>'\"%@`]|^[-?]|\s", word):
        return f'"{word}"'
    return word


def _add_end(finding: Finding, places: Places) -> Fix | None:
    """A dead end becomes the journey's successful end (the author may mean another end)."""
    touchpoint = finding.extra["path"][:2]
    if not isinstance(data_at(places.loaded.data, touchpoint), dict):
        return None
    return Fix("Add 'end: success'", (_add_key(places, touchpoint, "end", "success"),), safe=False)


def _add_handoff(finding: Finding, places: Places) -> Fix | None:
    """A handoff stub on a transition between teams, for the author to fill in."""
    path = finding.extra["path"]
    entry = data_at(places.loaded.data, path)
    if isinstance(entry, str):
        start, end = places.value(path)
        edit = Edit(start, end, f"{{to: {_scalar(entry, places.text[start:start + 1])}, handoff: {{carries: []}}}}")
    elif isinstance(entry, dict) and "handoff" not in entry:
        edit = _add_key(places, path, "handoff", "{carries: []}")
    else:
        return None
    return Fix("Add a handoff stub 'handoff: {carries: []}'", (edit,), safe=False, introduces=(EMPTY_HANDOFF,))


def _add_key(places: Places, path: tuple, key: str, value: str) -> Edit:
    """An edit adding ``key: value`` as the last entry of the mapping at ``path``."""
    if places.is_flow(path):
        _, end = places.value(path)
        mapping = data_at(places.loaded.data, path)
        if not mapping:
            return Edit(end - 1, end - 1, f"{key}: {value}")
        return Edit(places.content_end((*path, list(mapping)[-1])), places.content_end((*path, list(mapping)[-1])),
                    f", {key}: {value}")
    indent = places.indent_of_keys(path)
    after = places.line_end(_last_content(places, path))
    return Edit(after, after, f"{places.newline}{indent}{key}: {value}")


def _last_content(places: Places, path: tuple) -> int:
    """An offset on the last line of the block collection's content.

    A block scalar ends at the start of the line after it: its last line is the one before.
    """
    end = places.content_end(path)
    if end > 0 and end == places.line_start(end) and places.text[end - 1] in "\r\n":
        return end - 1
    return end


def _remove_duplicate(finding: Finding, places: Places) -> Fix | None:
    """Take the later of two equal transitions out of ``next``."""
    path = finding.extra["path"]
    items_path, index = path[:-1], path[-1]
    items = data_at(places.loaded.data, items_path)
    if not isinstance(items, list) or not isinstance(index, int) or len(items) < 2:
        return None
    if places.is_flow(items_path):
        if index > 0:
            start, end = places.content_end((*items_path, index - 1)), places.content_end(path)
        else:
            start, end = places.value(path)[0], places.value((*items_path, 1))[0]
    else:
        item_start = places.value(path)[0]
        line = places.line_start(item_start)
        dash = places.text[line:item_start].rstrip()
        if not dash.endswith("-") or dash[:-1].strip():
            return None
        start, end = line, places.next_line(_last_content(places, path))
    removed = places.text[start:end]
    target = finding.element.split(":", 1)[-1] if finding.element else "the transition"
    # Safe when the later entry says nothing the first does not (a 'when' or a handoff of
    # its own would be lost) and no comment goes with it.
    entry = _as_mapping(items[index])
    first = next(_as_mapping(item) for item in items if _target(_as_mapping(item)) == _target(entry))
    says_nothing_more = all(first.get(key) == value for key, value in entry.items())
    return Fix(
        f"Remove the duplicate transition {target}", (Edit(start, end, ""),),
        safe=says_nothing_more and not _has_comment(removed),
    )


def _as_mapping(entry: object) -> dict:
    """A ``next`` entry as a mapping: ``dispatch`` is ``{to: dispatch}``."""
    return {"to": entry} if isinstance(entry, str) else entry if isinstance(entry, dict) else {}


def _target(entry: dict) -> tuple:
    return entry.get("to"), entry.get("journey"), entry.get("touchpoint")


def _has_comment(text: str) -> bool:
    return any(True for _ in comments_in(text.splitlines()))


_LIST = re.compile(r"\[([^\]]*)\]")


def _remove_suppression(finding: Finding, places: Places) -> Fix | None:
    """Take an unused suppression out: the whole comment, or the one unused name in its list."""
    selector = finding.extra.get("selector")
    if selector is None:
        return None
    start = places.offset(finding.position.line, finding.position.column)
    end = places.offset(finding.position.end_line, finding.position.end_column)
    comment = places.text[start:end]
    listed = _LIST.search(comment)
    names = [n.strip() for n in listed.group(1).split(",")] if listed else []
    meant = _meant_rule(selector) if selector and not finding.extra.get("ran") else ()
    if meant:
        return _replace_misspelt(places, start + listed.start(1), listed.group(1), selector, meant)
    if selector and len([n for n in names if n]) > 1:
        fix = _remove_name(places, start + listed.start(1), listed.group(1), selector, comment)
    else:
        fix = _remove_comment(places, start, end, comment)
    # A name that is no rule is more likely a misspelt rule than one no longer needed, and
    # a rule that did not run (a narrower --select) may well find something next time.
    return fix if fix is None or not selector or finding.extra.get("ran") else replace(fix, safe=False)


def _meant_rule(selector: str) -> tuple[str, ...]:
    """The close matches among rule codes and names of a selector that names no rule."""
    try:
        match(selector, all_rules())
    except SelectorError:
        return close_matches(selector, vocabulary(all_rules()))
    return ()


def _replace_misspelt(places: Places, at: int, inside: str, selector: str, meant: tuple[str, ...]) -> Fix | None:
    """Put the rule the misspelt ``selector`` stands for in its place in the list."""
    for start, end in _name_spans(at, inside):
        if places.text[start:end] == selector:
            return Fix(f"Replace {selector!r} with {meant[0]!r}", (Edit(start, end, meant[0]),), len(meant) == 1)
    return None


def _name_spans(at: int, inside: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each name in the bracketed list ``inside`` that starts at offset ``at``."""
    spans = []
    offset = 0
    for piece in inside.split(","):
        lead = len(piece) - len(piece.lstrip())
        spans.append((at + offset + lead, at + offset + len(piece.rstrip())))
        offset += len(piece) + 1
    return spans


def _remove_comment(places: Places, start: int, end: int, comment: str) -> Fix:
    """Take the comment from ``start`` to ``end`` out: its whole line when it stands alone."""
    line = places.line_start(start)
    if not places.text[line:start].strip():  # the comment is alone on its line
        return Fix(f"Remove the unused suppression '{comment}'", (Edit(line, places.next_line(start), ""),), True)
    before = len(places.text[line:start].rstrip()) + line
    return Fix(f"Remove the unused suppression '{comment}'", (Edit(before, end, ""),), True)


def _remove_name(places: Places, at: int, inside: str, selector: str, comment: str) -> Fix | None:
    """Take ``selector`` out of the bracketed list ``inside`` that starts at offset ``at``."""
    parts = _name_spans(at, inside)
    names = [places.text[s:e] for s, e in parts]
    if selector not in names:
        return None
    index = names.index(selector)
    if index + 1 < len(parts):
        start, end = parts[index][0], parts[index + 1][0]
    else:
        start, end = parts[index - 1][1], parts[index][1]
    return Fix(f"Remove {selector!r} from the unused suppression '{comment}'", (Edit(start, end, ""),), True)


_BUILDERS: dict[str, Callable[[Finding, Places], Fix | None]] = {
    "JM002": _replace_name,
    "JM003": _replace_name,
    "JM005": _remove_suppression,
    "JM103": _add_end,
    "JM107": _remove_duplicate,
    "JM201": _add_handoff,
    "JM405": _replace_name,
}
