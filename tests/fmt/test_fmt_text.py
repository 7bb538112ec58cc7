"""``format_text`` and ``dump_map``: the canonical layout, comments kept, meaning kept."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeyctl.loading.yamlload import load_yaml
from journeyctl.review.fmt import FormatError, dump_map, format_text
from journeyctl.review.fmt import emit, quoting, verify

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").rglob("*.yaml"))


def comments(text: str) -> Counter:
    return verify._comment_texts(text)


def same(a, b) -> bool:
    return verify._same_data(a, b)


TORTURE = """\
# yaml-language-server: $schema=x.json
# head of file

title: Torture   # the title
id: torture
journeyctl: 1
x-first: 1
tags: [a,   # first tag
  b]   # after tags
stages:
  # before first stage
  - {id: s1, name: S1}
  - name: S2   # name first
    # before id
    id: s2
  # trailing stage comment
touchpoints:
  # --- section one ---
  - id: a
    stage: s1
    name: A
    channel: web
    entry: true
    next:
      - b   # to b
      # between next items
      - to: c
        when: "yes"
    # end of a
  - # dash comment
    id: b
    name: "on"
    stage: s1
    channel: web
    description: |  # literal header
      line one
        indented
      line three
    next: [c]
  -
    # comment on own line after dash
    id: c
    name: '1:30'
    stage: s2
    channel: web
    end: success
    metrics: {
      # inside flow map
      csat: 3.10,
      nps: 40   # eol in flow
    }
roadmap: []   # nothing yet
# end of file 1

# end of file 2
"""

TORTURE_FORMATTED = """\
# yaml-language-server: $schema=x.json
# head of file

journeyctl: 1
id: torture
title: Torture   # the title

tags:
  - a       # first tag
  - b  # after tags

stages:
  # before first stage
  - {id: s1, name: S1}
  # before id
  - id: s2
    name: S2   # name first
  # trailing stage comment

touchpoints:
  # --- section one ---
  - id: a
    name: A
    stage: s1
    channel: web
    entry: true
    next:
      - b   # to b
      # between next items
      - to: c
        when: "yes"
    # end of a

  -  # dash comment
    id: b
    name: "on"
    stage: s1
    channel: web
    description: |  # literal header
      line one
        indented
      line three
    next: [c]

  # comment on own line after dash
  - id: c
    name: "1:30"
    stage: s2
    channel: web
    end: success
    metrics:
      # inside flow map
      csat: 3.1
      nps: 40   # eol in flow

roadmap: []   # nothing yet
x-first: 1
# end of file 1

# end of file 2
"""


def test_a_map_full_of_comments_gets_the_canonical_layout():
    assert format_text(TORTURE) == TORTURE_FORMATTED


def test_the_canonical_layout_is_a_fixed_point():
    assert format_text(TORTURE_FORMATTED) == TORTURE_FORMATTED


def test_formatting_keeps_the_data_and_every_comment():
    assert same(load_yaml(TORTURE).data, load_yaml(TORTURE_FORMATTED).data)
    assert comments(TORTURE) == comments(TORTURE_FORMATTED)
    assert sum(comments(TORTURE).values()) == 21


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name + "/" + p.name)
def test_examples_keep_meaning_and_comments_and_are_idempotent(path):
    text = path.read_text(encoding="utf-8")
    once = format_text(text)
    assert same(load_yaml(text).data, load_yaml(once).data)
    assert comments(text) == comments(once)
    assert format_text(once) == once


def test_keys_follow_the_schema_then_extensions_then_unknown_keys():
    text = "zeta: 1\nx-b: 2\ntitle: T\nx-a: 3\nid: j\njourneyctl: 1\nalpha: 4\n"
    assert format_text(text) == "journeyctl: 1\nid: j\ntitle: T\nx-b: 2\nx-a: 3\nzeta: 1\nalpha: 4\n"


def test_nested_keys_follow_their_models_and_free_mappings_keep_their_order():
    text = """\
journeyctl: 1
id: j
touchpoints:
  - next:
      - when: later
        handoff: {sla: 1h, carries: [a]}
        to: b
    stage: s
    id: a
    metrics: {zeta: 1, alpha: 2}
    pain_points:
      - severity: high
        summary: Slow
        id: slow
"""
    assert format_text(text) == """\
journeyctl: 1
id: j

touchpoints:
  - id: a
    stage: s
    pain_points:
      - id: slow
        summary: Slow
        severity: high
    metrics: {zeta: 1, alpha: 2}
    next:
      - to: b
        when: later
        handoff: {carries: [a], sla: 1h}
"""


def test_head_comments_move_with_their_key_when_keys_are_reordered():
    text = """\
journeyctl: 1
# about the title
title: T
# about the id
id: j   # the id
"""
    assert format_text(text) == "journeyctl: 1\n# about the id\nid: j   # the id\n# about the title\ntitle: T\n"


def test_the_file_header_stays_first_even_when_the_first_key_moves():
    text = "# yaml-language-server: $schema=../schemas/journey.schema.json\ntitle: T\njourneyctl: 1\n"
    assert format_text(text) == "# yaml-language-server: $schema=../schemas/journey.schema.json\njourneyctl: 1\ntitle: T\n"


def test_a_comment_indented_into_the_previous_item_stays_at_its_end():
    text = """\
journeyctl: 1
stages:
  - id: a
    name: A
    # still about a
  - id: b
    name: B
  # after the last stage
touchpoints: []
"""
    assert format_text(text) == """\
journeyctl: 1

stages:
  - id: a
    name: A
    # still about a
  - id: b
    name: B
  # after the last stage

touchpoints: []
"""


def test_comments_inside_flow_collections_turn_them_into_block_collections():
    text = "journeyctl: 1\ntags: [\n  # the first\n  a,\n  b,  # the second\n]\nx-n: {k: [1, # one\n  2]}\n"
    assert format_text(text) == """\
journeyctl: 1

tags:
  # the first
  - a
  - b  # the second

x-n:
  k:
    - 1      # one
    - 2
"""


def test_flow_and_block_style_are_the_authors_choice():
    text = "journeyctl: 1\ntags:\n  - a\n  - b\nx-flow: {  b: [1,2],  a: 'x' }\nx-long: [\n  one,\n  two\n]\n"
    assert format_text(text) == "journeyctl: 1\n\ntags:\n  - a\n  - b\n\nx-flow: {b: [1, 2], a: x}\nx-long: [one, two]\n"


def test_block_scalars_keep_their_text_and_are_reindented():
    text = """\
journeyctl: 1
description: >-
      Folded text that the author
      wrapped by hand.

      A second paragraph.
touchpoints:
- id: a
  description: |
        keep
          this
"""
    assert format_text(text) == """\
journeyctl: 1
description: >-
  Folded text that the author
  wrapped by hand.

  A second paragraph.

touchpoints:
  - id: a
    description: |
      keep
        this
"""


def test_multiline_plain_and_quoted_text_is_written_on_one_line_or_as_a_literal_block():
    text = 'journeyctl: 1\ntitle: A title\n  wrapped by hand\ndescription: "Two\\nlines"\n'
    assert format_text(text) == "journeyctl: 1\ntitle: A title wrapped by hand\ndescription: |-\n  Two\n  lines\n"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Plain text", "Plain text"),
        ("yes", '"yes"'),
        ("No", '"No"'),
        ("on", '"on"'),
        ("y", '"y"'),
        ("1:30", '"1:30"'),
        ("2026-01-01", '"2026-01-01"'),
        ("1_000", '"1_000"'),
        ("0o17", '"0o17"'),
        ("017", '"017"'),
        ("3.5", '"3.5"'),
        (".inf", '".inf"'),
        ("null", '"null"'),
        ("~", '"~"'),
        ("", '""'),
        ("<<", '"<<"'),
        ("=", '"="'),
        ("a: b", '"a: b"'),
        ("a #b", '"a #b"'),
        ("a#b", "a#b"),
        ("ends:", '"ends:"'),
        ("- item", '"- item"'),
        ("-item", "-item"),
        ("? what", '"? what"'),
        ("@home", '"@home"'),
        ("%done", '"%done"'),
        ("`code`", '"`code`"'),
        ("&anchor", '"&anchor"'),
        ("*star", '"*star"'),
        ("!bang", '"!bang"'),
        ("[x]", '"[x]"'),
        ("a, [b]", "a, [b]"),
        ("--- x", '"--- x"'),
        (" leading", '" leading"'),
        ("trailing ", '"trailing "'),
        ('Says "hi"', 'Says "hi"'),
        ('"quoted"', "'\"quoted\"'"),
        ("'single'", "\"'single'\""),
        ('both "a" \'b\'', 'both "a" \'b\''),
        ("tab\there", '"tab\\there"'),
        ("bell\x07", '"bell\\a"'),
        ("line\u2028sep", '"line\\Lsep"'),
        ("35-54", "35-54"),
        ("2027-Q1", "2027-Q1"),
        ("Ελληνικά, עברית, русский, 日本語 😀", "Ελληνικά, עברית, русский, 日本語 😀"),
    ],
)
def test_text_is_plain_where_safe_and_quoted_where_yaml_would_read_something_else(value, written):
    text = dump_map({"journeyctl": 1, "title": value})
    assert text == f"journeyctl: 1\ntitle: {written}\n"
    assert load_yaml(text).data["title"] == value
    assert format_text(text) == text


def test_text_in_flow_collections_quotes_flow_indicators():
    text = dump_map({"journeyctl": 1, "tags": ["a, b", "c]", "{d}", "plain"]})
    assert text == 'journeyctl: 1\ntags: ["a, b", "c]", "{d}", plain]\n'


def test_dates_stay_dates_in_date_fields_and_extensions_but_are_quoted_in_text_fields():
    data = {
        "journeyctl": 1,
        "title": "2026-01-01",
        "reviewed": "2026-10-12",
        "roadmap": [{"id": "r", "title": "2027-03-31", "milestone": "2027-03-31", "priority": "must"}],
        "x-refreshed": "2026-10-05",
    }
    assert dump_map(data) == """\
journeyctl: 1
title: "2026-01-01"
reviewed: 2026-10-12

roadmap:
  - id: r
    title: "2027-03-31"
    priority: must
    milestone: 2027-03-31

x-refreshed: 2026-10-05
"""


def test_numbers_booleans_and_null_are_written_canonically():
    text = "journeyctl: 1\nx-v: [0x1F, 1.50, -0.0, .NaN, -.inf, True, ~, Null, +7]\n"
    assert format_text(text) == "journeyctl: 1\nx-v: [31, 1.5, -0.0, .nan, -.inf, true, null, null, 7]\n"


def test_line_endings_byte_order_mark_and_document_marker_are_normalised():
    text = "\ufeff---\r\njourneyctl: 1\r\nid: j   # crlf\r\n...\r\n"
    assert format_text(text) == "journeyctl: 1\nid: j   # crlf\n"


def test_end_of_line_comments_keep_their_column_or_sit_two_spaces_after_the_content():
    text = "journeyctl: 1\nid: j             # aligned\ntitle: 'T' # kept\nx-a: yes # tight\n"
    assert format_text(text) == 'journeyctl: 1\nid: j             # aligned\ntitle: T   # kept\nx-a: "yes"  # tight\n'


def test_a_blank_line_after_the_file_header_is_kept():
    assert format_text("# header\n\n\n\njourneyctl: 1\n") == "# header\n\njourneyctl: 1\n"
    assert format_text("# header\njourneyctl: 1\n") == "# header\njourneyctl: 1\n"


def test_sequences_inside_sequences_and_root_level_lists():
    assert format_text("- - a\n  - b\n- [c]\n-   - d\n") == "- - a\n  - b\n- [c]\n- - d\n"


def test_a_file_that_does_not_parse_is_an_error_with_its_position():
    with pytest.raises(FormatError) as caught:
        format_text("journeyctl: 1\nid: [unclosed\ntitle: x\n")
    assert (caught.value.position.line, caught.value.position.column) == (3, 6)
    assert caught.value.message.startswith("invalid YAML:")


def test_anchors_and_aliases_are_refused():
    with pytest.raises(FormatError) as caught:
        format_text("journeyctl: 1\nx-a: &shared [a]\nx-b: *shared\n")
    assert caught.value.message == (
        "anchors and aliases (&name, *name) are not supported by fmt: write the values out"
    )
    assert (caught.value.position.line, caught.value.position.column) == (2, 6)


def test_a_result_that_would_change_the_data_is_refused(monkeypatch):
    monkeypatch.setattr(quoting, "_number", lambda value: "0" if value == -2 else str(value))
    with pytest.raises(FormatError) as caught:
        format_text("journeyctl: 1\ntouchpoints:\n  - id: a\n    emotion: -2\n")
    assert caught.value.message == (
        "formatting would change the value at touchpoints[0].emotion; the file is left unchanged"
    )
    assert (caught.value.position.line, caught.value.position.column) == (4, 14)


def test_a_result_that_would_lose_a_comment_is_refused(monkeypatch):
    monkeypatch.setattr(emit, "_with_comment", lambda line, comments: line)
    with pytest.raises(FormatError) as caught:
        format_text("journeyctl: 1\nid: j  # keep me\n")
    assert caught.value.message == "formatting would lose the comment '# keep me'; the file is left unchanged"


# -- dump_map --------------------------------------------------------------------------


def test_dump_map_writes_the_layout_fmt_produces():
    data = {
        "title": "Buying online",
        "journeyctl": 1,
        "id": "buy",
        "reviewed": dt.date(2026, 1, 2),
        "emotion_scale": {"min": -2, "max": 2},
        "personas": [{"id": "p", "name": "P", "preferred_channels": ["web", "app"]}],
        "stages": [{"id": "s", "name": "S"}],
        "touchpoints": [
            {"id": "a", "name": "Looks", "stage": "s", "channel": "web", "entry": True, "emotion": -1.5,
             "next": ["b", {"to": "b", "when": "later: maybe"}]},
            {"id": "b", "name": 'Says "done"', "stage": "s", "channel": "web", "end": "success",
             "resources": ["A very long resource description that goes on", "and another one that is long"]},
        ],
    }
    text = dump_map(data)
    assert text == """\
journeyctl: 1
id: buy
title: Buying online
reviewed: 2026-01-02
emotion_scale: {min: -2, max: 2}

personas:
  - id: p
    name: P
    preferred_channels: [web, app]

stages:
  - id: s
    name: S

touchpoints:
  - id: a
    name: Looks
    stage: s
    channel: web
    entry: true
    emotion: -1.5
    next:
      - b
      - to: b
        when: "later: maybe"

  - id: b
    name: Says "done"
    stage: s
    channel: web
    end: success
    resources:
      - A very long resource description that goes on
      - and another one that is long
"""
    assert format_text(text) == text


def test_dump_map_rejects_what_is_not_plain_data():
    with pytest.raises(TypeError):
        dump_map({"journeyctl": 1, "x-obj": object()})
    with pytest.raises(TypeError):
        dump_map({"journeyctl": 1, 3: "x"})


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True), _text,
    st.sampled_from(["yes", "on", "1:30", "2026-01-01", "- a", "a: b", "#", "null", "0x10", "a\nb", "a\n", "\tx"]),
)
_keys = st.one_of(st.sampled_from(["id", "name", "next", "x-a", "reviewed", "yes", "1", "a b"]), _text)
_data = st.recursive(
    _scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(_keys, children, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_keys, _data, max_size=5))
def test_any_plain_data_round_trips_through_dump_map_and_is_a_fixed_point_of_format_text(data):
    data = {"journeyctl": 1, **data}
    text = dump_map(data)
    reloaded = load_yaml(text).data
    assert same(reloaded, data)
    assert format_text(text) == text


def test_a_per_persona_emotion_keeps_its_personas_order_and_style_and_language_follows_the_title():
    text = """\
touchpoints:
  - emotion: {landlord: +1,   homeowner-in-a-hurry: -2}   # the landlord is not in a hurry
    id: call
    name: Calls
  - id: wait
    emotion:
      homeowner-in-a-hurry: -1.50
      landlord: 0
title: T
language: el
id: j
journeyctl: 1
"""
    formatted = format_text(text)
    assert formatted == """\
journeyctl: 1
id: j
title: T
language: el

touchpoints:
  - id: call
    name: Calls
    emotion: {landlord: 1, homeowner-in-a-hurry: -2}      # the landlord is not in a hurry

  - id: wait
    emotion:
      homeowner-in-a-hurry: -1.5
      landlord: 0
"""
    assert format_text(formatted) == formatted
