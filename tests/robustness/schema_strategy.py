"""Hypothesis strategies for journeyctl documents, built from the JSON Schema the models publish.

``documents(schema)`` draws documents that follow the schema's shape: required keys always,
optional ones sometimes, ``x-`` extension keys now and then, enums, numbers, booleans and
lists of a few items. Ids come mostly from a small pool so that references (``next``,
``stage``, ``owner``, personas…) often resolve and the rules see real graphs, and free text
is drawn from an alphabet full of markup, quotes, control characters and other scripts.
Conditional parts of the schema (``if``/``then``/``else``) are not enforced, so some
documents are invalid: they must give findings, never a crash.

Only the keywords the generated schemas use are supported; an unknown one raises, so a
change to the models cannot silently shrink what is tested.
"""

from __future__ import annotations

import json
import random
from typing import Any

import yaml
from hypothesis import strategies as st

SLUG_PATTERN = "^[a-z0-9][a-z0-9-]*$"
ID_POOL = ["a", "b", "c", "start", "end", "web", "phone", "email", "cx", "ops", "s1", "s-2", "x1"]

# Text that tries every output format's syntax, plus other scripts and invisible characters.
HOSTILE_PIECES = [
    '"', "'", "\\", "<", ">", "&", "|", "`", "*", "_", "#", ":", ";", "%", "%%", "{", "}", "[", "]", "(", ")",
    "-->", "==>", "::error::", "]]>", "<!--", "\n", "\r\n", "\t", "\x1b[31m", "\u202e", "\u200d", "\ufeff",
    "Σ", "שלום", "Привет", "東京", "😀", "👩\u200d💻", "end", "section", "title", "subgraph", "style", "graph",
    "\\n", "\\l", "${x}", "%0A", "&amp;", "<br>", "$(id)", "\x00", "\x7f", "\x9b",
]

_KNOWN = {
    "$schema", "$id", "title", "description", "default", "x-journeyctl-version", "$defs", "examples",
    "type", "properties", "required", "additionalProperties", "patternProperties", "items", "minItems",
    "maxItems", "minLength", "pattern", "format", "enum", "const", "anyOf", "oneOf", "allOf", "$ref",
    "if", "then", "else", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "uniqueItems",
    "additionalItems", "discriminator", "minProperties", "propertyNames",
}


def hostile_text(min_size: int = 0) -> st.SearchStrategy[str]:
    """Short text made of syntax-breaking pieces, words and random characters.

    With ``min_size`` the text is never blank, as the models require of names.
    """
    piece = st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=3), st.sampled_from(["a", "b", " ", "ok"]))
    text = st.lists(piece, min_size=min_size, max_size=6).map("".join)
    return text.filter(str.strip) if min_size else text


def coherent_documents(schema: dict) -> st.SearchStrategy[dict]:
    """Documents from ``schema`` whose references were repaired (see :func:`coherent`)."""
    return st.tuples(documents(schema), st.randoms(use_true_random=False)).map(lambda pair: coherent(*pair))


def documents(schema: dict) -> st.SearchStrategy[dict]:
    """Documents drawn from the journeyctl JSON Schema ``schema``."""
    defs = schema.get("$defs", {})
    cache: dict[str, st.SearchStrategy] = {}

    def ref(name: str) -> st.SearchStrategy:
        if name not in cache:
            cache[name] = st.deferred(lambda: build(defs[name]))
        return cache[name]

    def build(node: dict) -> st.SearchStrategy:
        unknown = set(node) - _KNOWN
        if unknown:
            raise ValueError(f"the schema strategy does not know {sorted(unknown)}")
        if "$ref" in node:
            return ref(node["$ref"].rsplit("/", 1)[-1])
        if "const" in node:
            return st.just(node["const"])
        if "enum" in node:
            return st.sampled_from(node["enum"])
        if "properties" in node and "oneOf" in node:
            # An object that must take one of several shapes (a transition goes `to` a
            # touchpoint or into a `journey`): pick a shape, then draw the object.
            rest = {k: v for k, v in node.items() if k != "oneOf"}
            return st.one_of([
                _object({**rest, "required": [*rest.get("required", []), *option.get("required", [])]})
                for option in node["oneOf"]
            ])
        for key in ("anyOf", "oneOf"):
            if key in node:
                return st.one_of([build(option) for option in node[key]])
        kind = node.get("type")
        if isinstance(kind, list):
            return st.one_of([build({**node, "type": k}) for k in kind])
        if kind == "string":
            return _string(node)
        # Mostly within the default emotion scale (-2..2), sometimes outside it or extreme.
        extreme = st.sampled_from([10**30, -(2**63), 2**64])
        if kind == "integer":
            return st.one_of(st.integers(-2, 2), st.integers(-5, 5), extreme)
        if kind == "number":
            return st.one_of(
                st.integers(-2, 2), st.floats(-5, 5, allow_nan=False, allow_infinity=False), extreme,
                st.sampled_from([1e308, -1e308, 5e-324, 0.1 + 0.2]),
            )
        if kind == "boolean":
            return st.booleans()
        if kind == "null":
            return st.none()
        if kind == "array":
            items = build(node.get("items", {"type": "string"}))
            return st.lists(items, min_size=node.get("minItems", 0), max_size=max(node.get("minItems", 0), 4))
        if kind == "object" or "properties" in node:
            return _object(node)
        return st.one_of(st.none(), st.booleans(), st.integers(-3, 3), hostile_text())

    def _object(node: dict) -> st.SearchStrategy:
        properties = node.get("properties", {})
        # What `else` requires (a channel above the line of visibility) is drawn always.
        required = set(node.get("required", [])) | set(node.get("else", {}).get("required", []))
        fields = {
            name: (build(sub) if name in required else st.one_of(st.just(_MISSING), build(sub)))
            for name, sub in properties.items()
        }
        keyed = node.get("patternProperties", {}).get(SLUG_PATTERN)
        if "additionalProperties" in node and isinstance(node["additionalProperties"], dict):
            extra = st.dictionaries(hostile_text(1), build(node["additionalProperties"]), max_size=2)
        elif keyed is not None:
            # A mapping keyed by ids (each persona's emotion): keys that fit the pattern or not.
            keys = st.one_of(_string({"pattern": SLUG_PATTERN}), hostile_text(1))
            extra = st.dictionaries(keys, build(keyed), min_size=node.get("minProperties", 0), max_size=3)
        else:
            extra = st.just({})
        extension = st.one_of(st.just({}), st.fixed_dictionaries({"x-note": hostile_text()}))

        def assemble(parts: tuple[dict, dict, dict]) -> dict:
            drawn, more, ext = parts
            document = {k: v for k, v in drawn.items() if v is not _MISSING}
            return {**more, **document, **ext}

        return st.tuples(st.fixed_dictionaries(fields), extra, extension).map(assemble)

    return build(schema)


_MISSING = object()

BUILTIN_CHANNELS = ["web", "app", "email", "phone", "sms", "chat", "social", "in-person", "self-service"]


def coherent(document: Any, rnd: random.Random) -> Any:
    """``document`` with its references repaired so that it mostly validates.

    Random documents rarely hold together (a touchpoint in a stage that does not exist,
    a transition to nowhere), and then validation stops before the rules and renderers
    ever see their text. This keeps the random shape and text but makes ids unique and
    points every reference at something that exists, so most documents reach the rules.
    """
    if not isinstance(document, dict):
        return document
    doc = dict(document)
    for key in ("personas", "channels", "teams", "stages"):
        items = [dict(i) for i in doc.get(key, []) if isinstance(i, dict)] if isinstance(doc.get(key), list) else []
        _unique(items, key[:2])
        if key in doc:
            doc[key] = items
    stages = [s["id"] for s in doc.get("stages", [])] or ["s"]
    if not doc.get("stages"):
        doc["stages"] = [{"id": "s", "name": "Stage"}]
    teams = [t["id"] for t in doc.get("teams", [])]
    personas = [p["id"] for p in doc.get("personas", [])]
    channels = BUILTIN_CHANNELS + [c["id"] for c in doc.get("channels", [])]
    touchpoints = [dict(t) for t in doc.get("touchpoints", []) if isinstance(t, dict)]
    touchpoints = touchpoints or [{"name": "Step"}]
    pain_lists = [
        [dict(p) for p in t["pain_points"] if isinstance(p, dict)] if isinstance(t.get("pain_points"), list) else None
        for t in touchpoints
    ]
    pains = [p for found in pain_lists if found for p in found]
    roadmap = [dict(r) for r in doc.get("roadmap", []) if isinstance(r, dict)]
    _unique(touchpoints + pains + roadmap, "e")
    ids = [t["id"] for t in touchpoints]
    doc.pop("emotion_scale", None)
    for t, found in zip(touchpoints, pain_lists):
        if found is not None:
            t["pain_points"] = found
        t["stage"] = rnd.choice(stages)
        if t.get("lane") not in ("backstage", "support") or rnd.random() < 0.5:
            t["channel"] = rnd.choice(channels)
        _reference(t, "owner", teams, rnd)
        if isinstance(t.get("emotion"), (int, float)) and not isinstance(t["emotion"], bool):
            t["emotion"] = max(-2, min(2, t["emotion"]))
        elif isinstance(t.get("emotion"), dict) and personas:
            # Each persona's emotion, for personas of the journey, within the scale.
            t["emotion"] = {
                rnd.choice(personas): max(-2, min(2, value)) if isinstance(value, (int, float)) else value
                for value in t["emotion"].values()
            } or {personas[0]: 0}
        if "personas" in t:
            t["personas"] = [p for p in personas if rnd.random() < 0.5]
        t["next"] = [_transition(n, ids, rnd) for n in (t.get("next") or [])][:3]
    for persona in doc.get("personas", []):
        if "preferred_channels" in persona:
            persona["preferred_channels"] = [rnd.choice(channels)]
    for r in roadmap:
        r["addresses"] = [rnd.choice(ids + [p["id"] for p in pains])] if rnd.random() < 0.7 else []
        _reference(r, "owner", teams, rnd)
    rnd.choice(touchpoints)["entry"] = True
    rnd.choice(touchpoints)["end"] = rnd.choice(["success", "abandoned"])
    doc["touchpoints"] = touchpoints
    if roadmap:
        doc["roadmap"] = roadmap
    _reference(doc, "owner", teams, rnd)
    if isinstance(doc.get("personas"), list):
        doc["personas"] = [p for p in doc["personas"] if isinstance(p, dict)]
    return doc


def _unique(items: list[dict], prefix: str) -> None:
    seen: set[str] = set()
    for number, item in enumerate(items):
        ident = item.get("id")
        if not isinstance(ident, str) or ident in seen:
            ident = f"{prefix}{number}"
            while ident in seen:
                ident += "x"
            item["id"] = ident
        seen.add(ident)


def _reference(item: dict, key: str, targets: list[str], rnd: random.Random) -> None:
    if key in item:
        if targets:
            item[key] = rnd.choice(targets)
        else:
            del item[key]


def _transition(item: Any, ids: list[str], rnd: random.Random) -> Any:
    target = rnd.choice(ids)
    if isinstance(item, dict):
        kept = {k: v for k, v in item.items() if k not in ("to", "journey", "touchpoint")}
        return {"to": target, **kept}
    return target


def _string(node: dict) -> st.SearchStrategy[str]:
    pattern = node.get("pattern")
    if pattern == SLUG_PATTERN:
        return st.one_of(st.sampled_from(ID_POOL), st.from_regex(r"[a-z0-9][a-z0-9-]{0,6}", fullmatch=True))
    if node.get("format") == "date":
        return st.dates().map(lambda d: d.isoformat())
    if pattern is not None:
        return st.from_regex(pattern, fullmatch=True)
    return hostile_text(node.get("minLength", 0))


def dump(document: Any, style: str) -> str:
    """``document`` as YAML text in ``style``: ``block``, ``flow`` or ``json``."""
    if style == "json":
        return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    return yaml.safe_dump(
        document, allow_unicode=True, sort_keys=False, default_flow_style=style == "flow", width=60,
    )
