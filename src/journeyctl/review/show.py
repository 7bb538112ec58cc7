"""A map as one fact per line (``journeyctl show``), for reviewing and for ``git diff``.

As a git diff driver (``textconv``) this turns a map into lines that speak journey:

    touchpoint call-office: channel phone
    transition call-office->dispatch-job when "slot available" handoff carries [address, "problem description"] sla 10m

Facts follow the map's element order and the schema's field order, so changes to layout,
key order or comments produce no diff at all. Single words (ids, ``2027-Q1``) are written
bare, any other text as a JSON string (one line, whatever it holds: control characters,
line separators and bidirectional overrides are written as JSON escapes). Lists of ids stay on
one line; other lists and mappings give one fact per item (``goals "…"``,
``metrics.csat 3.1``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

from journeyctl.loading.yaml_scalars import reads_as_text
from journeyctl.review.diff.elements import Element, elements, field_order, noun_for
from journeyctl.text.escape import terminal_json
from journeyctl.text.strictjson import dumps

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_KEYWORDS = {"true", "false", "null", "yes", "no", "on", "off"}


def word(value: Any) -> str:
    """A scalar as one word: ids bare, numbers and booleans as in YAML, other text quoted."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
        return repr(value)
    if isinstance(value, str) and _bare(value):
        return value
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return dumps(value, default=str)


def _bare(text: str) -> bool:
    """One word that cannot be mistaken for a number, a boolean or null."""
    return bool(_WORD.fullmatch(text)) and text.lower() not in _KEYWORDS and reads_as_text(text)


def _is_id_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and _bare(v) for v in value)


def _values(name: str, value: Any) -> Iterator[str]:
    """``name value`` facts for one field: one per list item or mapping key."""
    if isinstance(value, dict):
        if not value:
            yield f"{name} {{}}"
        for key, item in value.items():
            yield from _values(f"{name}.{key}", item)
    elif isinstance(value, list) and not _is_id_list(value):
        if not value:
            yield f"{name} []"
        for item in value:
            yield from _values(name, item)
    elif isinstance(value, list):
        yield f"{name} [{', '.join(value)}]"
    else:
        yield f"{name} {word(value)}"


def _ordered(kind: str, fields: dict) -> list[str]:
    known = field_order(kind)
    return [k for k in known if k in fields] + [k for k in fields if k not in known]


def _transition(element: Element) -> str:
    parts = [f"transition {element.id}"]
    fields = element.fields
    if "when" in fields:
        parts.append(f"when {word(fields['when'])}")
    handoff = fields.get("handoff")
    if isinstance(handoff, dict):
        parts.append("handoff")
        for key in _ordered("handoff", handoff):
            value = handoff[key]
            if isinstance(value, list):
                parts.append(f"{key} [{', '.join(word(v) for v in value)}]")
            else:
                parts.append(f"{key} {word(value)}")
    elif "handoff" in fields:
        parts.append(f"handoff {word(handoff)}")
    for key in fields:
        if key not in ("when", "handoff"):
            parts.append(f"{key} {dumps(fields[key], default=str)}")
    return " ".join(parts)


def facts(data: Any) -> list[str]:
    """The facts of a journey or catalog document, one per line; a touchpoint's pain
    points and transitions follow the touchpoint."""
    lines: list[str] = []
    for element in elements(data, grouped=True):
        if element.kind == "transition":
            lines.append(_transition(element))
            continue
        if element.kind == "catalog":
            subject = "catalog"
        elif element.kind == "pain_point":
            subject = f"pain point {element.id} at {element.parent}"
        else:
            subject = f"{noun_for(element.kind)} {element.id}".rstrip()
        fields = {k: v for k, v in element.fields.items() if not (element.kind == "pain_point" and k == "touchpoint")}
        if element.kind == "persona" and fields == {"source": "catalog"}:
            lines.append(f"{subject}: from a catalog")
            continue
        if not fields:
            lines.append(subject)
        for name in _ordered(element.kind, fields):
            lines.extend(f"{subject}: {fact}" for fact in _values(name, fields[name]))
    return [terminal_json(line) for line in lines]


def textconv(raw: bytes) -> bytes:
    """The facts of a map file, or the file unchanged when it is not a map that parses.

    Never raises: git calls this for every version of every file the driver applies to.
    """
    try:
        from journeyctl.loading.yaml_errors import decode
        from journeyctl.loading.yamlload import load_yaml

        data = load_yaml(decode(raw)).data
        if not (isinstance(data, dict) and "journeyctl" in data):
            return raw
        return ("\n".join(facts(data)) + "\n").encode("utf-8")
    except Exception:  # noqa: BLE001 - anything at all: show the file as it is
        return raw
