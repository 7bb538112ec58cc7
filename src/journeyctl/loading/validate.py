"""Turn raw documents into models, and model problems into findings (JM002–JM004).

Messages are written for the analyst who wrote the map, not for a programmer: they name
the element, the field and what is expected, and suggest the closest valid name when a
key or a reference looks like a typo.
"""

from __future__ import annotations

import enum
import re
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from journeyctl.model import Catalog
from journeyctl.model.field_order import nested_model
from journeyctl.model.findings import DataPath, Finding, Problem, Severity
from journeyctl.model.source_map import SourceMap
from journeyctl.model.types import SLUG_PATTERN
from journeyctl.text import lookalikes
from journeyctl.text.wording import listed
from journeyctl.text.words import language_tag_problem

CODES = {
    "invalid-yaml": "JM001",
    "schema": "JM002",
    "unknown-reference": "JM003",
    "duplicate-id": "JM004",
}


def make_finding(
    rule: str, file_path: str, source: SourceMap, problem: Problem, journey: str | None
) -> Finding:
    position = source.key(problem.path) if problem.at_key else source.value(problem.path)
    return Finding(
        path=file_path,
        position=position,
        code=CODES[rule],
        rule=rule,
        severity=Severity.ERROR,
        message=problem.message,
        journey=journey,
        element=problem.element,
        extra=problem.facts(),
    )


def suggest(word: str, candidates: Iterable[str]) -> str:
    """`` — did you mean 'x'?`` for the closest candidate, or an empty string."""
    return did_you_mean(close_matches(word, candidates))


#: How much less alike than the best match another candidate may be and still make the
#: suggestion a choice between them rather than one clear name.
AS_CLOSE = 0.1


def close_matches(word: str, candidates: Iterable[str]) -> tuple[str, ...]:
    """The candidate closest to ``word`` and the next one if it is about as close (within
    :data:`AS_CLOSE`), best first; empty when none is close.

    A fix applies one clear suggestion safely; two about as close are the author's choice.
    """
    import difflib  # only a map with a misspelt name needs it

    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=2, cutoff=0.6)
    if len(matches) == 2 and _likeness(word, matches[1]) < _likeness(word, matches[0]) - AS_CLOSE:
        matches.pop()
    return tuple(matches)


def _likeness(word: str, candidate: str) -> float:
    import difflib

    return difflib.SequenceMatcher(None, word, candidate).ratio()


def did_you_mean(matches: tuple[str, ...]) -> str:
    """`` — did you mean 'x'?`` for the first of ``matches``, or an empty string."""
    return f" — did you mean {matches[0]!r}?" if matches else ""


def validate_model(model: type[BaseModel], data: Any) -> tuple[BaseModel | None, list[Problem]]:
    """Validate ``data`` against ``model``; on failure return located, readable problems."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, list(_problems(model, data, exc.errors(include_url=False)))


def _problems(model: type[BaseModel], data: Any, errors: list[dict]) -> Iterator[Problem]:
    seen: set[tuple] = set()
    for path, rest, error in _merge_unions(data, errors):
        # One message per place (a missing field is a place of its own): a union reports
        # every alternative, and the first one reads best.
        place = (path, rest[-1]) if error["type"] == "missing" and rest else path
        if place in seen and error["type"] != "extra_forbidden":
            continue
        seen.add(place)
        yield _problem(model, data, path, rest, error)


def _merge_unions(data: Any, errors: list[dict]) -> Iterator[tuple[DataPath, list, dict]]:
    """Located errors, with the alternatives of a union that all failed merged into one.

    Pydantic reports a union member by member (``('evidence', 'str')``, ``('evidence',
    'list[str]', 0)``). When one member got past the type check and failed inside, its
    errors are the ones that matter; when every member rejected the type, the reader needs
    one message naming every accepted type.
    """
    located = [(*_data_path(data, error["loc"]), _union_site(data, error["loc"]), error) for error in errors]
    sites: dict[DataPath, list] = {}
    # Sites where a member accepted the type and failed on the value (an empty mapping, a
    # bad key): those errors say what is wrong, the other members' type errors do not.
    inside: set[DataPath] = set()
    for entry in located:
        if entry[2] is not None and entry[3]["type"] in _TYPE_WORDS:
            sites.setdefault(entry[2], []).append(entry)
        elif entry[2] is not None:
            inside.add(entry[2])
    done: set[DataPath] = set()
    for path, rest, site, error in located:
        group = sites.get(site) if site is not None else None
        if group and site in inside and error["type"] in _TYPE_WORDS and path == site:
            continue
        if not group or len(group) < 2 or error["type"] not in _TYPE_WORDS:
            yield path, rest, error
            continue
        if site in done:
            continue
        done.add(site)
        deeper = [entry for entry in group if len(entry[0]) > len(site)]
        if deeper:
            for d_path, d_rest, _, d_error in deeper:
                yield d_path, _names(d_rest), d_error
            continue
        words = sorted({_TYPE_WORDS[e["type"]] for _, _, _, e in group}, key=_WORD_ORDER.index)
        yield path, rest, {**error, "type": "union_type", "expected": words}


def _union_site(data: Any, loc: tuple) -> DataPath | None:
    """The data path where a union member label first appears in ``loc``, if any."""
    path: list = []
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif _is_label(part):
            return tuple(path)
        else:
            continue  # a discriminator tag, or a missing key
        path.append(part)
    return None


def _is_label(part: Any) -> bool:
    """A location part pydantic adds for a union member or a validator, never a data key."""
    return isinstance(part, str) and (
        part in ("str", "int", "float", "bool") or "[" in part or part.startswith(("function-", "tagged-"))
    )


def _names(rest: list) -> list[str]:
    """Field names among the location parts missing from the data (not labels or tags)."""
    return [p for p in rest if isinstance(p, str) and not _is_label(p) and p not in _TAGS]


#: Discriminator tags of the models' tagged unions (a persona entry is a "ref" or "inline").
_TAGS = ("ref", "inline")


def _data_path(data: Any, loc: tuple) -> tuple[DataPath, list]:
    """Follow an error location through the real data, dropping union/validator labels."""
    path: list = []
    current = data
    rest: list = []
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
        else:
            rest.append(part)
    return tuple(path), rest


def _field_name(path: DataPath, rest: list) -> str:
    names = _names(rest)
    if names:
        return names[-1]
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "value"


_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a number",
    "float_type": "a number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}
_WORD_ORDER = ["text", "a number", "a whole number", "true or false", "a list", "a mapping"]


def _either(words: list[str]) -> str:
    """``text, a number or true/false``."""
    return listed(["true/false" if w == "true or false" else w for w in words])


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    if value is None:
        return "empty"
    text = repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _problem(model: type[BaseModel], data: Any, path: DataPath, rest: list, error: dict) -> Problem:
    kind = error["type"]
    value = error.get("input")
    field = _field_name(path, rest)
    ctx = error.get("ctx") or {}
    if kind == "missing":
        missing = rest[-1] if rest else field
        return Problem(path, f"{_owner_phrase(data, path)} is missing the required field '{missing}'")
    if kind == "extra_forbidden" and model is Catalog and path == ("language",):
        return Problem(path, "unknown field 'language': a catalog is shared by maps in any language, so each "
                             "map names its own ('language' at the top of the journey)", at_key=True)
    if kind == "extra_forbidden":
        matches = close_matches(str(path[-1]), _fields_at(model, path[:-1]))
        return Problem(
            path, f"unknown field {path[-1]!r}{did_you_mean(matches)} (extension keys must start with 'x-')",
            at_key=True, suggestions=matches,
        )
    if kind == "string_pattern_mismatch":
        at_key = "[key]" in rest
        subject = f"a key of '{_field_name(path[:-1], [])}'" if at_key else f"'{field}'"
        unmasked = lookalikes.unmasked(value) if isinstance(value, str) else None
        if unmasked is not None and re.fullmatch(SLUG_PATTERN, unmasked[0]):
            latin, letters = unmasked
            said = letters[0] if len(letters) == 1 else f"{', '.join(letters[:-1])}, and {letters[-1]}"
            return Problem(
                path, f"{_shown(value)} is not a valid id for {subject}: {said}{did_you_mean((latin,))}",
                at_key=at_key, suggestions=(latin,),
            )
        return Problem(path, f"{_shown(value)} is not a valid id for {subject}: use lowercase letters, digits and '-', "
                       f"starting with a letter or digit{_slug_hint(value)}", at_key=at_key)
    if kind == "literal_error" and path == ("kind",):
        # The file kind decides the model, so the journey model's single choice would mislead.
        return Problem(path, f"'kind' must be journey or catalog, not {_shown(value)}")
    if kind in ("enum", "literal_error"):
        expected = _choices(model, path, field)
        matches = close_matches(value, expected) if isinstance(value, str) else ()
        listed = ", ".join(expected) if expected else ctx.get("expected", "")
        return Problem(
            path, f"'{field}' must be one of {listed}, not {_shown(value)}{did_you_mean(matches)}", suggestions=matches,
        )
    if kind == "too_short" and isinstance(value, dict):
        return Problem(path, f"'{field}' must not be an empty mapping")
    if kind == "too_short":
        return Problem(path, f"'{field}' must list at least one item")
    if kind == "string_too_short":
        subject = f"an item of '{field}'" if path and isinstance(path[-1], int) else f"'{field}'"
        return Problem(path, f"{subject} must not be empty")
    if kind == "value_error" and path == ("language",) and isinstance(value, str):
        problem = language_tag_problem(value)
        if problem is not None:  # an irregular grandfathered tag: what to write instead is the fix
            message, preferred = problem
            return Problem(path, message, suggestions=(preferred,) if preferred else ())
    if kind in ("value_error", "assertion_error"):
        message = str(ctx.get("error", error["msg"]))
        # Validators of one value say what it must be; the field name comes from here.
        return Problem(path, f"{_subject(path, field)} {message}" if message.startswith("must ") else message)
    if kind == "model_type" and "inline" in rest:
        return Problem(path, f"each item of '{field}' must be a persona id or a mapping, not {_shown(value)}")
    if kind == "model_type" and path and path[-2:-1] == ("next",):
        return Problem(path, f"a 'next' entry must be a touchpoint id or a mapping with 'to' or 'journey', not {_shown(value)}")
    if kind in _TYPE_WORDS or kind == "union_type":
        expected = _either(error["expected"]) if kind == "union_type" else _TYPE_WORDS[kind]
        hint = " (quote it to make it text)" if expected == "text" and isinstance(value, (int, float, bool)) else ""
        if expected == "true or false" and isinstance(value, str):
            hint = " (write true or false without quotes)"
        subject = _subject(path, field)
        if path and isinstance(path[-1], int) and not _names(rest):
            subject = f"each item of '{field}'"
        return Problem(path, f"{subject} must be {expected}, not {_shown(value)}{hint}")
    if kind == "finite_number":
        return Problem(path, f"{_subject(path, field)} must be a finite number")
    return Problem(path, f"'{field}': {error['msg']}")


def _subject(path: DataPath, field: str) -> str:
    """How a message names the value at ``path``: ``'channel'``, or ``the emotion of persona
    'x'`` for a value of a per-persona emotion mapping."""
    if len(path) >= 2 and path[-2] == "emotion" and isinstance(path[-1], str):
        return f"the emotion of persona {path[-1]!r}"
    return f"'{field}'"


def _slug_hint(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    slug = "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in value.lower()).split())
    return f" (e.g. {slug!r})" if slug else ""


def _owner_phrase(data: Any, path: DataPath) -> str:
    node = data
    for part in path:
        node = node[part]
    kind = _kind_of(path) if path else "journey"
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        return f"{kind} {node['id']!r}" if kind else f"{node['id']!r}"
    if not path:
        return "the file"
    return f"this {kind}" if kind else "this entry"


def _kind_of(path: DataPath) -> str:
    names = [p for p in path if isinstance(p, str)]
    return {
        "touchpoints": "touchpoint",
        "pain_points": "pain point",
        "stages": "stage",
        "personas": "persona",
        "channels": "channel",
        "teams": "team",
        "roadmap": "roadmap item",
        "next": "transition",
    }.get(names[-1] if names else "", "")


def _model_at(model: type[BaseModel], path: DataPath) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``path``."""
    current: type[BaseModel] | None = model
    for part in path:
        if isinstance(part, int):
            continue
        current = nested_model(current, part)
        if current is None:
            return None
    return current


def _fields_at(model: type[BaseModel], path: DataPath) -> list[str]:
    found = _model_at(model, path)
    return list(found.model_fields) if found else []


def _choices(model: type[BaseModel], path: DataPath, field: str) -> list[str]:
    owner = _model_at(model, path[:-1]) if path else None
    if owner is None or field not in owner.model_fields:
        return []
    return _enum_values(owner.model_fields[field].annotation)


def _enum_values(annotation: Any) -> list[str]:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [m.value for m in annotation]
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    for arg in typing.get_args(annotation):
        if arg is not type(None) and not isinstance(arg, types.NoneType):
            values = _enum_values(arg)
            if values:
                return values
    return []
