"""Turning model errors into findings: located, readable, one per problem (JM002)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeyctl.loading.config import Config
from journeyctl.loading.validate import make_finding, suggest, validate_model
from journeyctl.loading.workspace import load_workspace
from journeyctl.loading.yamlload import load_yaml
from journeyctl.model import Journey
from journeyctl.model.findings import Position, Severity
from journeyctl.model.findings import Problem

from minimal_map import MINIMAL


def findings(tmp_path: Path, text: str, name: str = "map.yaml") -> list[tuple]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    workspace = load_workspace([name], Config(root=tmp_path), tmp_path)
    return sorted((f.code, f.line, f.column, f.message) for f in workspace.findings)


# -- unknown keys ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "key", "hint"),
    [
        (MINIMAL + "titel: Other\n", (14, 1), "titel", "title"),
        (MINIMAL + "emotion_scale: {min: -2, maxx: 2}\n", (14, 26), "maxx", "max"),
        (MINIMAL + "personas: [{id: p, name: P, segmnt: x}]\n", (14, 29), "segmnt", "segment"),
        (MINIMAL + "channels: [{id: c, name: C, knd: print}]\n", (14, 29), "knd", "kind"),
        (MINIMAL + "teams: [{id: t, name: T, descripton: x}]\n", (14, 26), "descripton", "description"),
        (MINIMAL + "    chanel: web\n", (14, 5), "chanel", "channel"),
        (MINIMAL + "    next: [{to: call, wehn: x}]\n", (14, 23), "wehn", "when"),
        (MINIMAL + "    next: [{to: call, handoff: {carries: [a], sla_: 1h}}]\n", (14, 47), "sla_", "sla"),
        (MINIMAL + "    pain_points: [{id: p, summary: S, severty: low}]\n", (14, 39), "severty", "severity"),
        (MINIMAL + "    outcomes: {strength: [a]}\n", (14, 16), "strength", "strengths"),
        (MINIMAL + "roadmap: [{id: r, title: R, priority: must, adresses: [call]}]\n", (14, 45), "adresses", "addresses"),
        (MINIMAL.replace("    name: Book\n", "    name: Book\n    lifecycl: usage\n"), (7, 5), "lifecycl", "lifecycle"),
    ],
)
def test_an_unknown_key_at_any_level_is_located_at_the_key_with_a_suggestion(tmp_path, text, where, key, hint):
    message = f"unknown field {key!r} — did you mean {hint!r}? (extension keys must start with 'x-')"
    assert findings(tmp_path, text) == [("JM002", *where, message)]


def test_an_unknown_key_with_nothing_close_gets_no_suggestion(tmp_path):
    assert findings(tmp_path, MINIMAL + "    colour: blue\n") == [
        ("JM002", 14, 5, "unknown field 'colour' (extension keys must start with 'x-')")
    ]


def test_every_unknown_key_is_reported_even_in_one_mapping(tmp_path):
    assert findings(tmp_path, MINIMAL + "    colour: blue\n    size: big\n") == [
        ("JM002", 14, 5, "unknown field 'colour' (extension keys must start with 'x-')"),
        ("JM002", 15, 5, "unknown field 'size' (extension keys must start with 'x-')"),
    ]


EXTENDED = """\
journeyctl: 1
id: plumber
title: Booking a plumber
x-board: {url: https://example.com, cards: [1, 2]}
emotion_scale: {min: -2, max: 2, x-labels: [sad, happy]}
personas:
  - {id: p, name: P, x-source: panel 2026}
channels:
  - {id: c, name: C, x-cost: 12.5}
teams:
  - {id: t, name: T, x-slack: "#team"}
stages:
  - id: book
    name: Book
    x-colour: blue
touchpoints:
  - id: call
    name: Calls the office
    stage: book
    channel: phone
    owner: t
    entry: true
    end: success
    x-jira: CX-12
    outcomes: {strengths: [a], x-note: n}
    pain_points:
      - {id: hold, summary: On hold, x-ticket: 7}
    next:
      - to: call
        x-weight: 0.3
        handoff: {carries: [name], x-system: crm}
roadmap:
  - {id: r, title: R, priority: must, addresses: [hold], x-epic: E-1}
"""


def test_extension_keys_are_accepted_at_every_level(tmp_path):
    assert findings(tmp_path, EXTENDED) == []


def test_extension_keys_do_not_reach_the_model_but_stay_in_the_raw_document():
    loaded = load_yaml(EXTENDED)
    model, problems = validate_model(Journey, loaded.data)
    assert problems == []
    assert "x-board" not in model.model_dump()
    assert loaded.data["x-board"] == {"url": "https://example.com", "cards": [1, 2]}
    assert loaded.data["touchpoints"][0]["next"][0]["x-weight"] == 0.3


def test_extension_keys_in_a_catalog_are_accepted(tmp_path):
    text = "journeyctl: 1\nkind: catalog\nx-owner: cx\nteams: [{id: t, name: T, x-lead: Ana}]\n"
    assert findings(tmp_path, text, "catalog.yaml") == []


def test_a_key_that_only_looks_like_an_extension_is_unknown(tmp_path):
    assert findings(tmp_path, MINIMAL + "x_board: 1\nX-board: 2\n") == [
        ("JM002", 14, 1, "unknown field 'x_board' (extension keys must start with 'x-')"),
        ("JM002", 15, 1, "unknown field 'X-board' (extension keys must start with 'x-')"),
    ]


# -- strict typing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("title: Booking a plumber", "title: 2026", (3, 8), "'title' must be text, not 2026 (quote it to make it text)"),
        ("title: Booking a plumber", "title: 3.5", (3, 8), "'title' must be text, not 3.5 (quote it to make it text)"),
        ("title: Booking a plumber", "title: true", (3, 8), "'title' must be text, not true (quote it to make it text)"),
        ("    entry: true", '    entry: "yes"', (12, 12),
         "'entry' must be true or false, not 'yes' (write true or false without quotes)"),
        ("    entry: true", '    entry: "true"', (12, 12),
         "'entry' must be true or false, not 'true' (write true or false without quotes)"),
        ("    entry: true", "    entry: 1", (12, 12), "'entry' must be true or false, not 1"),
        ("    entry: true", "    entry: on", (12, 12),
         "'entry' must be true or false, not 'on' (write true or false without quotes)"),
    ],
)
def test_values_are_never_converted_silently(tmp_path, old, new, where, message):
    assert findings(tmp_path, MINIMAL.replace(old, new)) == [("JM002", *where, message)]


def test_a_quoted_number_is_not_an_emotion(tmp_path):
    assert findings(tmp_path, MINIMAL + '    emotion: "-1"\n') == [("JM002", 14, 14, "'emotion' must be a number or a mapping, not '-1'")]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("el", None),
        ("pt-BR", None),
        ("english", "'english' is not a BCP 47 language tag (e.g. en, el, he, pt-BR)"),
        ("he_IL", "'he_IL' is not a BCP 47 language tag (e.g. en, el, he, pt-BR)"),
        ("[el]", "'language' must be text, not a list"),
        # well-formed tags BCP 47 has replaced are the deprecated-language rule's (JM405)
        ("iw", None),
        ("art-lojban", None),
        ("zh-min-nan", None),
        # irregular grandfathered tags are not well formed: what to write instead
        ("i-klingon", "'i-klingon' is a grandfathered BCP 47 language tag, kept only for old data: write 'tlh' instead"),
        ("en-GB-oed",
         "'en-GB-oed' is a grandfathered BCP 47 language tag, kept only for old data: write 'en-GB-oxendict' instead"),
        ("i-enochian",
         "'i-enochian' is a grandfathered BCP 47 language tag, kept only for old data, with no modern equivalent: "
         "write a private-use tag such as 'x-enochian'"),
        ("he", None),
        ("sr-Latn-RS", None),
        ("zh-Hant-TW", None),
    ],
)
def test_a_maps_language_is_a_well_formed_tag(tmp_path, value, message):
    text = MINIMAL.replace("title: Booking a plumber\n", f"title: Booking a plumber\nlanguage: {value}\n")
    assert findings(tmp_path, text) == ([] if message is None else [("JM002", 4, 11, message)])


def test_a_catalog_has_no_language_of_its_own(tmp_path):
    text = "journeyctl: 1\nkind: catalog\nlanguage: el\n"
    assert findings(tmp_path, text, "catalog.yaml") == [
        ("JM002", 3, 1, "unknown field 'language': a catalog is shared by maps in any language, so each map names "
                        "its own ('language' at the top of the journey)"),
    ]


def test_a_name_that_yaml_1_1_would_turn_into_a_boolean_is_text(tmp_path):
    text = MINIMAL.replace("title: Booking a plumber", "title: yes").replace("    name: Calls the office", "    name: no")
    assert findings(tmp_path, text) == []


# -- several problems, each reported once ------------------------------------------------


def test_every_problem_of_a_file_is_reported_once(tmp_path):
    text = """\
journeyctl: 1
id: Plumber
title: 12
stages:
  - id: book
touchpoints:
  - id: call
    name: Calls
    stage: book
    channel: phone
    emotion: lots
    lane: outside
"""
    assert findings(tmp_path, text) == [
        ("JM002", 2, 5, "'Plumber' is not a valid id for 'id': use lowercase letters, digits and '-', "
                        "starting with a letter or digit (e.g. 'plumber')"),
        ("JM002", 3, 8, "'title' must be text, not 12 (quote it to make it text)"),
        ("JM002", 5, 5, "stage 'book' is missing the required field 'name'"),
        ("JM002", 11, 14, "'emotion' must be a number or a mapping, not 'lots'"),
        ("JM002", 12, 11, "'lane' must be one of customer, frontstage, backstage, support, not 'outside'"),
    ]


def test_a_schema_finding_carries_the_file_journey_and_severity(tmp_path):
    (tmp_path / "map.yaml").write_text(MINIMAL + "    emotion: lots\n", encoding="utf-8")
    finding = load_workspace(["map.yaml"], Config(root=tmp_path), tmp_path).findings[0]
    assert finding.to_dict() == {
        "path": "map.yaml", "line": 14, "column": 14, "end_line": 14, "end_column": 18, "code": "JM002",
        "rule": "schema", "severity": "error", "message": "'emotion' must be a number or a mapping, not 'lots'",
        "journey": "plumber", "element": None,
    }


def test_a_schema_finding_of_a_journey_with_a_broken_id_has_no_journey():
    loaded = load_yaml("journeyctl: 1\nid: 5\n")
    _, problems = validate_model(Journey, loaded.data)
    finding = make_finding("schema", "x.yaml", loaded.source, problems[0], None)
    assert (finding.journey, finding.code, finding.severity) == (None, "JM002", Severity.ERROR)


def test_a_long_value_is_shortened_in_the_message(tmp_path):
    long = "x" * 100
    (message,) = [f[3] for f in findings(tmp_path, MINIMAL + f"    lane: {long}\n")]
    assert message == f"'lane' must be one of customer, frontstage, backstage, support, not '{'x' * 56}…"


# -- the pieces --------------------------------------------------------------------------


def test_validate_model_returns_the_model_or_the_problems():
    data = load_yaml(MINIMAL).data
    model, problems = validate_model(Journey, data)
    assert isinstance(model, Journey) and problems == []
    model, problems = validate_model(Journey, {**data, "title": 1})
    assert model is None
    assert problems == [Problem(("title",), "'title' must be text, not 1 (quote it to make it text)")]


def test_validate_model_on_a_non_mapping_says_what_the_file_must_be():
    assert validate_model(Journey, ["a"])[1] == [Problem((), "'value' must be a mapping, not a list")]


def test_make_finding_points_at_the_key_or_the_value():
    source = load_yaml("a:\n  bb: ccc\n").source
    at_value = make_finding("schema", "f.yaml", source, Problem(("a", "bb"), "m"), "j")
    at_key = make_finding("schema", "f.yaml", source, Problem(("a", "bb"), "m", at_key=True), "j")
    assert at_value.position == Position(2, 7, 2, 10)
    assert at_key.position == Position(2, 3, 2, 5)


@pytest.mark.parametrize(
    ("word", "candidates", "expected"),
    [
        ("chanel", ["channel", "stage"], " — did you mean 'channel'?"),
        ("xyz", ["channel", "stage"], ""),
        ("web", [], ""),
        ("emial", ["email", "mail", "phone"], " — did you mean 'email'?"),
    ],
)
def test_suggest_names_the_closest_candidate(word, candidates, expected):
    assert suggest(word, candidates) == expected


# -- no message ever reads like a stack trace --------------------------------------------

JARGON = re.compile(
    r"Input should|input_value|input_type|\btype=|pydantic|Value error|validation error|union\[|function-after"
    r"|list\[|dict\[|tagged-union|StrictInt|\bNone\b|For further information",
)

# PyYAML writes NEL and the Unicode line separators raw, as YAML 1.1 line breaks; the loader
# refuses them (JM001), so text that holds them never reaches validation.
# Lone surrogates cannot come from a decoded file; the loader rejects them before validation.
_TEXT = st.characters(exclude_characters="\x85\u2028\u2029", exclude_categories=("Cs",))
JUNK = st.one_of(
    st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
    st.text(_TEXT, max_size=12), st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(_TEXT, max_size=4), st.integers(), max_size=2),
)

FULL = load_yaml((Path(__file__).parent / "fixtures" / "workspace" / "home" / "plumber.yaml").read_text("utf-8")).data


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


PATHS = [p for p in _paths(FULL) if p]


def _replace(node, path, value):
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        return {k: (_replace(v, rest, value) if k == head else v) for k, v in node.items()}
    return [(_replace(v, rest, value) if i == head else v) for i, v in enumerate(node)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), JUNK)
def test_any_wrong_value_anywhere_gives_located_plain_language_findings(path, junk):
    text = yaml.safe_dump(_replace(FULL, path, junk), allow_unicode=True, sort_keys=False)
    loaded = load_yaml(text)
    _, problems = validate_model(Journey, loaded.data)
    lines = text.count("\n")
    for problem in problems:
        finding = make_finding("schema", "map.yaml", loaded.source, problem, None)
        # the value itself may be text such as 'None', quoted back in the message
        said = finding.message.replace(repr(junk), "") if isinstance(junk, str) else finding.message
        assert not JARGON.search(said), finding.message
        assert 1 <= finding.line <= lines and finding.column >= 1


# -- look-alike letters in ids -----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("    stage: book", "    stage: b\u03bfok", (10, 12),
         "'b\u03bfok' is not a valid id for 'stage': its 'ο' is GREEK SMALL LETTER OMICRON (U+03BF), which only "
         "looks like the Latin 'o' — did you mean 'book'?"),
        ("  - id: call\n", "  - id: call\n    next: [\u0441all-\u043effice]\n", (9, 12),
         "'\u0441all-\u043effice' is not a valid id for 'to': its 'с' is CYRILLIC SMALL LETTER ES (U+0441), which "
         "only looks like the Latin 'c', and its 'о' is CYRILLIC SMALL LETTER O (U+043E), which only looks like "
         "the Latin 'o' — did you mean 'call-office'?"),
        ("  - id: call\n", "  - id: c\u0430ll\n", (8, 9),
         "'c\u0430ll' is not a valid id for 'id': its 'а' is CYRILLIC SMALL LETTER A (U+0430), which only looks "
         "like the Latin 'a' — did you mean 'call'?"),
        # a word in another script is no look-alike: the usual hint
        ("    stage: book", "    stage: \u043a\u043d\u0438\u0433\u0430", (10, 12),
         "'\u043a\u043d\u0438\u0433\u0430' is not a valid id for 'stage': use lowercase letters, digits and '-', "
         "starting with a letter or digit"),
    ],
)
def test_look_alike_letters_in_an_id_are_named_with_the_id_meant(tmp_path, old, new, where, message):
    assert findings(tmp_path, MINIMAL.replace(old, new)) == [("JM002", *where, message)]


def test_look_alike_letters_in_a_key_are_named_too(tmp_path):
    text = MINIMAL.replace("title: Booking a plumber\n", "title: Booking a plumber\npersonas: [{id: owner, name: O}]\n")
    text += "    emotion: {\u043ewner: -1}\n"
    assert findings(tmp_path, text) == [(
        "JM002", 15, 15,
        "'\u043ewner' is not a valid id for a key of 'emotion': its 'о' is CYRILLIC SMALL LETTER O (U+043E), which "
        "only looks like the Latin 'o' — did you mean 'owner'?",
    )]
