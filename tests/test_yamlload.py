"""The YAML loader: YAML 1.2 scalars, the source map, and every way a file can fail (JM001)."""

from __future__ import annotations

import math

import pytest

from journeyctl.loading.yaml_errors import YamlError, decode
from journeyctl.loading.yaml_scalars import resolve_plain
from journeyctl.loading.yamlload import MAX_DEPTH, load_yaml
from journeyctl.model.findings import Position


def error_of(text: str) -> tuple[tuple[int, int], str]:
    """``((line, column), message)`` of the YamlError that loading ``text`` raises."""
    with pytest.raises(YamlError) as caught:
        load_yaml(text)
    return (caught.value.position.line, caught.value.position.column), caught.value.message


def span(position: Position) -> tuple[int, int, int, int]:
    return (position.line, position.column, position.end_line, position.end_column)


# -- YAML 1.2 core scalars ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("plain", "expected"),
    [
        # YAML 1.1 booleans stay text: an id or a name is never turned into a boolean.
        ("yes", "yes"), ("no", "no"), ("on", "on"), ("off", "off"), ("y", "y"), ("n", "n"),
        ("Yes", "Yes"), ("NO", "NO"),
        ("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False),
        # Sexagesimals stay text: a time of day is not a number of seconds.
        ("1:30", "1:30"), ("190:20:30", "190:20:30"),
        ("0o17", 15), ("0x1F", 31), ("017", 17), ("+12", 12), ("-3", -3), ("0", 0),
        ("1_000", "1_000"), ("0b101", "0b101"),
        ("1.5", 1.5), ("1.", 1.0), (".5", 0.5), ("1e3", 1000.0), ("-2.5E-1", -0.25),
        (".inf", math.inf), ("+.Inf", math.inf), ("-.INF", -math.inf),
        ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None),
        # Dates stay text; the models parse them.
        ("2026-01-01", "2026-01-01"),
        ("nope", "nope"), ("-", "-"), (".", "."), ("tru", "tru"), ("nulls", "nulls"),
    ],
)
def test_plain_scalars_resolve_with_the_yaml_1_2_core_schema(plain, expected):
    value = resolve_plain(plain)
    assert value == expected and type(value) is type(expected)


def test_nan_resolves_to_a_float_nan():
    assert math.isnan(resolve_plain(".nan")) and math.isnan(resolve_plain(".NaN"))


def test_a_whole_document_keeps_yaml_1_1_lookalikes_as_text():
    loaded = load_yaml("a: yes\nb: on\nc: 1:30\nd: 0o17\ne: .inf\nf: ~\ng: 2026-09-14\nh: 'true'\ni: \"12\"\n")
    assert loaded.data == {
        "a": "yes", "b": "on", "c": "1:30", "d": 15, "e": math.inf, "f": None, "g": "2026-09-14",
        "h": "true", "i": "12",
    }


def test_quoted_and_block_scalars_are_always_text():
    loaded = load_yaml("a: '1'\nb: \"true\"\nc: |\n  12\nd: >-\n  null\n")
    assert loaded.data == {"a": "1", "b": "true", "c": "12\n", "d": "null"}


def test_a_yaml_directive_does_not_switch_back_to_yaml_1_1():
    assert load_yaml("%YAML 1.1\n---\na: yes\n").data == {"a": "yes"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!str 12\n", {"a": "12"}),
        ("a: !!int '3'\n", {"a": 3}),
        ("a: !!float 1\n", {"a": 1.0}),
        ("a: !!bool true\n", {"a": True}),
        ("a: !!null ~\n", {"a": None}),
        ("a: !!seq [1]\n", {"a": [1]}),
        ("a: !!map {b: 1}\n", {"a": {"b": 1}}),
        ("a: ! '12'\n", {"a": "12"}),
    ],
)
def test_standard_tags_are_accepted(text, expected):
    assert load_yaml(text).data == expected


def test_a_standard_tag_that_does_not_fit_the_value_is_an_error():
    assert error_of("a: !!int x\n") == ((1, 4), "'x' is not a valid !!int")


def test_anchors_and_aliases_that_repeat_data_are_expanded():
    loaded = load_yaml("base: &b {x: 1}\nother: *b\n")
    assert loaded.data == {"base": {"x": 1}, "other": {"x": 1}}


def test_an_empty_document_loads_as_none():
    assert load_yaml("").data is None
    assert load_yaml("# only a comment\n").data is None


@pytest.mark.parametrize(("text", "expected"), [("- a\n- b\n", ["a", "b"]), ("hello\n", "hello"), ("12\n", 12)])
def test_a_top_level_list_or_scalar_loads_as_is(text, expected):
    # Whether such a file is a journeyctl file is the workspace's question, not the loader's.
    assert load_yaml(text).data == expected


# -- the source map ----------------------------------------------------------------------

BLOCK = """\
journeyctl: 1
id: plumber
touchpoints:
  - id: search
    name: Searches
    next: [call, {to: visit, when: later}]
  - id: call
    next:
      - to: visit
        when: slot free
"""


def test_block_keys_and_values_have_1_based_spans():
    source = load_yaml(BLOCK).source
    assert span(source.key(("id",))) == (2, 1, 2, 3)
    assert span(source.value(("id",))) == (2, 5, 2, 12)
    assert span(source.key(("touchpoints", 0, "name"))) == (5, 5, 5, 9)
    assert span(source.value(("touchpoints", 0, "name"))) == (5, 11, 5, 19)


def test_a_list_item_is_located_by_its_value_and_its_key_is_the_item_itself():
    source = load_yaml(BLOCK).source
    assert span(source.value(("touchpoints", 1))) == (7, 5, 11, 1)
    assert span(source.key(("touchpoints", 1))) == (7, 5, 11, 1)
    assert span(source.value(("touchpoints", 1, "next", 0, "when"))) == (10, 15, 10, 24)


def test_flow_sequences_and_mappings_locate_each_item():
    source = load_yaml(BLOCK).source
    assert span(source.value(("touchpoints", 0, "next"))) == (6, 11, 6, 43)
    assert span(source.value(("touchpoints", 0, "next", 0))) == (6, 12, 6, 16)
    assert span(source.value(("touchpoints", 0, "next", 1))) == (6, 18, 6, 42)
    assert span(source.key(("touchpoints", 0, "next", 1, "when"))) == (6, 30, 6, 34)
    assert span(source.value(("touchpoints", 0, "next", 1, "when"))) == (6, 36, 6, 41)


def test_a_missing_path_falls_back_to_its_nearest_existing_ancestor():
    source = load_yaml(BLOCK).source
    # The second touchpoint has no 'name': a finding about it points at the touchpoint.
    assert source.value(("touchpoints", 1, "name")) == source.value(("touchpoints", 1))
    assert source.key(("touchpoints", 1, "name")) == source.value(("touchpoints", 1))
    assert source.value(("touchpoints", 7, "id")) == source.value(("touchpoints",))
    assert source.value(("id", "deeper")) == source.value(("id",))
    assert source.value(()) == Position(1, 1, 11, 1)


def test_has_tells_whether_a_path_exists():
    source = load_yaml(BLOCK).source
    assert source.has(("touchpoints", 0, "next", 1, "to"))
    assert not source.has(("touchpoints", 1, "name"))
    assert not source.has(("touchpoints", 2))
    assert not source.has(("id", 0))


def test_an_empty_document_locates_everything_at_the_start():
    source = load_yaml("").source
    assert source.value(("id",)) == Position(1, 1, 1, 1)
    assert source.key(("id",)) == Position(1, 1, 1, 1)


def test_multi_line_scalars_span_their_lines():
    text = "a: |\n  x\n  y\nb: >-\n  p\n  q\nc: \"multi\n  line\"\nd: plain\n  continued\ne: 1\n"
    loaded = load_yaml(text)
    assert loaded.data == {"a": "x\ny\n", "b": "p q", "c": "multi line", "d": "plain continued", "e": 1}
    source = loaded.source
    assert span(source.value(("a",))) == (1, 4, 4, 1)  # a block scalar ends where the next line starts
    assert span(source.value(("c",))) == (7, 4, 8, 8)
    assert span(source.value(("d",))) == (9, 4, 10, 12)
    assert span(source.key(("e",))) == (11, 1, 11, 2)


def test_columns_count_code_points_in_cjk_and_emoji_text():
    source = load_yaml("名前: 東京 😀 x\nb: [😀😀, z]\n").source
    assert span(source.key(("名前",))) == (1, 1, 1, 3)
    assert span(source.value(("名前",))) == (1, 5, 1, 11)
    assert span(source.value(("b", 0))) == (2, 5, 2, 7)
    assert span(source.value(("b", 1))) == (2, 9, 2, 10)


def test_crlf_line_endings_give_the_same_positions_as_lf():
    text = "a: 1\nb: [x,\n  y]\nc:\n  - z\n"
    lf, crlf = load_yaml(text), load_yaml(text.replace("\n", "\r\n"))
    assert crlf.data == lf.data == {"a": 1, "b": ["x", "y"], "c": ["z"]}
    for path in (("a",), ("b", 1), ("c", 0)):
        assert crlf.source.value(path) == lf.source.value(path)
    assert span(crlf.source.value(("b", 1))) == (3, 3, 3, 4)


def test_a_byte_order_mark_does_not_shift_the_first_line():
    source = load_yaml("\ufeffa: 1\nb: 2\n").source
    assert span(source.key(("a",))) == (1, 1, 1, 2)
    assert span(source.value(("a",))) == (1, 4, 1, 5)


# -- JM001: what the loader refuses ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a: [1, 2\n", (2, 1), "invalid YAML: while parsing a flow sequence: did not find expected ',' or ']'"),
        ("a: b: c\n", (1, 5), "invalid YAML: mapping values are not allowed in this context"),
        ("- a\nb: 1\n", (2, 1), "invalid YAML: while parsing a block collection: did not find expected '-' indicator"),
        ("k: \"a\\q\"\n", (1, 6), "invalid YAML: while parsing a quoted scalar: found unknown escape character"),
        ("名前: a: b\n", (1, 6), "invalid YAML: mapping values are not allowed in this context"),
    ],
)
def test_syntax_errors_are_located(text, where, message):
    assert error_of(text) == (where, message)


def test_a_duplicate_key_names_the_line_of_the_first_one():
    assert error_of("id: a\ntitle: T\nid: b\n") == ((3, 1), "duplicate key 'id' (first defined on line 1)")


def test_a_duplicate_key_inside_a_list_item_is_located():
    text = "touchpoints:\n  - id: a\n    name: A\n    name: B\n"
    assert error_of(text) == ((4, 5), "duplicate key 'name' (first defined on line 3)")


def test_a_duplicate_key_in_a_flow_mapping_is_located():
    assert error_of("x: {a: 1, a: 2}\n") == ((1, 11), "duplicate key 'a' (first defined on line 1)")


@pytest.mark.parametrize("text", ["a:\n\tb: 1\n", "a: 1\n\tb: 1\n", "a: 1\r\n\tb: 1\r\n"])
def test_a_tab_used_for_indentation_says_so(text):
    assert error_of(text) == ((2, 1), "invalid YAML: a tab character cannot indent YAML; use spaces")


def test_several_documents_are_refused():
    assert error_of("a: 1\n---\nb: 2\n") == (
        (2, 1), "invalid YAML: the file holds several YAML documents; a journeyctl file holds exactly one"
    )


def test_an_explicit_document_end_is_fine():
    assert load_yaml("---\na: 1\n...\n").data == {"a": 1}


@pytest.mark.parametrize(
    ("text", "where", "tag"),
    [
        ("a: !!python/object:os.system x\n", (1, 4), "!!python/object:os.system"),
        ("a: !!python/name:os.system\n", (1, 4), "!!python/name:os.system"),
        ("a: !custom x\n", (1, 4), "!custom"),
        ("a: !!binary aGVsbG8=\n", (1, 4), "!!binary"),
        ("a: !!timestamp 2026-01-01\n", (1, 4), "!!timestamp"),
        ("a: !!set {x}\n", (1, 4), "!!set"),
        ("a:\n  b: !!omap [{x: 1}]\n", (2, 6), "!!omap"),
    ],
)
def test_tags_that_would_construct_objects_are_refused(text, where, tag):
    assert error_of(text) == (where, f"the tag {tag!r} is not allowed: journeyctl files hold plain data only")


@pytest.mark.parametrize(
    ("text", "where"), [("a: &x [*x]\n", (1, 4)), ("a: &x {b: *x}\n", (1, 4)), ("a: &x\n  - b: [*x]\n", (1, 4))]
)
def test_recursive_aliases_are_refused(text, where):
    assert error_of(text) == (where, "an alias refers to the node that contains it (a recursive structure)")


def test_an_undefined_alias_is_named():
    assert error_of("a: 1\nb: *nope\n") == ((2, 4), "invalid YAML: the alias *nope refers to no anchor defined before it")


def test_a_redefined_anchor_names_the_first_line():
    assert error_of("a: &x 1\nb: &x 2\n") == ((2, 4), "invalid YAML: the anchor &x is defined twice (first on line 1)")


def test_an_alias_bomb_is_refused():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdefgh", "abcdefg"):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
    # Located at the node where the budget ran out: aliases themselves keep no position.
    assert error_of("\n".join(lines) + "\n") == (
        (1, 35), "aliases expand the document to more than 10000 nodes (an alias bomb?)"
    )


def test_merge_keys_are_refused_but_a_quoted_key_named_like_one_is_text():
    assert error_of("base: {a: 1}\n<<: {b: 2}\n") == ((2, 1), "merge keys (<<) are not supported: write the keys out")
    assert load_yaml("'<<': 1\n").data == {"<<": 1}


def test_a_complex_key_is_refused():
    assert error_of("? [a]\n: b\n") == ((1, 3), "a mapping key must be plain text, not a list or mapping")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5), (1, MAX_DEPTH + 2)),
        ("".join(" " * i + "- \n" for i in range(MAX_DEPTH + 5)), (MAX_DEPTH + 2, MAX_DEPTH + 2)),
    ],
)
def test_excessive_nesting_is_refused(text, where):
    assert error_of(text) == (where, f"the document is nested too deeply (more than {MAX_DEPTH} levels)")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[" * 100_000 + "]" * 100_000, (1, 66)),
        ("{a: " * 50_000 + "}" * 50_000, (1, 261)),
        ("- " * 60_000 + "x\n", (1, 131)),
        ("a:\n" + "".join("  " * i + "- b:\n" for i in range(1, 2_600)), (34, 67)),
    ],
)
def test_nesting_deep_enough_to_exhaust_the_parser_stack_is_refused_in_time(text, where):
    # The C composer recurses once per level; such depths used to crash the interpreter.
    # The first collection nested too deeply is reported.
    assert error_of(text) == (where, f"the document is nested too deeply (more than {MAX_DEPTH} levels)")


def test_a_large_flat_document_is_not_mistaken_for_deep_nesting():
    text = "".join(f"- {{id: t{i}, next: [t{i + 1}]}}\n" for i in range(8_000))
    assert len(load_yaml(text).data) == 8_000


@pytest.mark.parametrize(
    ("text", "where", "codepoint"),
    [
        ("a: b\x00c\n", (1, 5), "0000"),
        ("ab: 1\n名前名前: b\x00c\n", (2, 8), "0000"),  # columns in characters, not UTF-8 bytes
        ("x: \x07\n", (1, 4), "0007"),
        ("x: ok\ny: \ud800\n", (2, 4), "D800"),
    ],
)
def test_characters_yaml_does_not_allow_are_located(text, where, codepoint):
    assert error_of(text) == (where, f"invalid YAML: the character U+{codepoint} is not allowed in YAML text")


# -- bytes → text ------------------------------------------------------------------------


def decode_error(raw: bytes) -> tuple[tuple[int, int], str]:
    with pytest.raises(YamlError) as caught:
        decode(raw)
    return (caught.value.position.line, caught.value.position.column), caught.value.message


def test_invalid_utf8_names_the_byte_its_offset_and_its_line():
    assert decode_error(b"id: a\ntitle: caf\xe9\n") == (
        (2, 11), "the file is not valid UTF-8 text (byte 0xe9 at offset 16)"
    )
    assert decode_error(b"\xff\n") == ((1, 1), "the file is not valid UTF-8 text (byte 0xff at offset 0)")


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf8_utf16_and_utf32_with_a_byte_order_mark_are_decoded(codec):
    text = "title: Café ☕ 東京\n"
    raw = text.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        raw = ("\ufeff" + text).encode(codec)
    assert decode(raw) == text


def test_invalid_utf16_after_its_byte_order_mark_is_reported():
    raw = b"\xff\xfe" + "a: 1\n".encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate
    (line, column), message = decode_error(raw)
    assert message.startswith("the file is not valid UTF-16-LE text (byte 0x")
    assert line == 2


def test_plain_utf8_without_a_byte_order_mark_is_the_default():
    assert decode("名前: 😀\n".encode()) == "名前: 😀\n"


@pytest.mark.parametrize(
    "text",
    ["[" * 500 + "]" * 500, "{a: " * 300 + "}" * 300, "- " * 400 + "x\n",
     "a:\n" + "".join("  " * i + "- b:\n" for i in range(1, 300))],
)
def test_the_nesting_finding_does_not_depend_on_libyaml_having_a_limit_of_its_own(text):
    # libyaml 0.2.6 stops at 1,000 levels while scanning ahead; older ones do not. Both paths
    # must find the same first collection, so the finding is the same whatever the version.
    from journeyctl.loading import yaml_events

    with pytest.raises(YamlError) as fast:
        yaml_events.check_nesting(text, MAX_DEPTH)
    with pytest.raises(YamlError) as slow:
        yaml_events._check_nesting_slowly(text, MAX_DEPTH)
    assert (slow.value.position, str(slow.value)) == (fast.value.position, str(fast.value))


# -- cost and order of errors of the event-driven loader ----------------------------------


def _peak_bytes(work) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_loader_holds_a_few_hundred_bytes_per_value_never_a_node_tree():
    import yaml

    count = 50_000
    text = "journeyctl: 1\ntags: [" + ", ".join(f"tag-{i}" for i in range(count)) + "]\n"
    loaded = _peak_bytes(lambda: load_yaml(text))
    # A composed node tree holds a node and two marks, each with a dictionary, per value.
    composed = _peak_bytes(lambda: yaml.compose(text, Loader=yaml.CSafeLoader))
    assert loaded / count < 300, f"{loaded / count:.0f} bytes per value"
    assert loaded < composed  # data and positions take less than the bare tree did


def test_an_error_in_the_data_gives_way_to_a_syntax_error_later_in_the_text():
    # Both found in one pass; the syntax error is the one to fix first.
    assert error_of("a: !!python/object {}\nb: [\n") == (
        (3, 1), "invalid YAML: while parsing a flow node: did not find expected node content"
    )
    assert error_of("a: 1\na: 2\n---\nb: 1\n") == (
        (3, 1), "invalid YAML: the file holds several YAML documents; a journeyctl file holds exactly one"
    )


def test_an_error_about_a_collection_spans_the_whole_collection():
    with pytest.raises(YamlError) as caught:
        load_yaml("a: 1\nb: !!set\n  x: 1\n  y: 2\nc: 3\n")
    assert caught.value.position == Position(2, 4, 5, 1)
    assert caught.value.message == "the tag '!!set' is not allowed: journeyctl files hold plain data only"


def test_running_out_of_values_stops_reading_at_once(monkeypatch):
    from journeyctl.loading import yamlload

    monkeypatch.setattr(yamlload, "MAX_VALUES", 5)
    monkeypatch.setattr(yamlload, "MAX_EXPANSION_PER_BYTE", 10_000)  # not an alias bomb
    # The list and four items make five values; the mapping after them is one too many, and
    # the broken rest is never read.
    assert error_of("[a, b, c, d, {e: [\n") == (
        (1, 14), "the document holds more than 5 values: split it into several maps"
    )


def test_an_alias_of_text_may_serve_as_a_key_and_an_alias_of_a_list_may_not():
    assert load_yaml("a: &k x\n*k : 1\n").data == {"a": "x", "x": 1}
    assert error_of("a: &k [x]\n*k : 1\n") == ((1, 4), "a mapping key must be plain text, not a list or mapping")
    assert error_of("a: &k x\n*k : 1\nx: 2\n") == ((3, 1), "duplicate key 'x' (first defined on line 2)")


def test_each_alias_gets_its_own_copy_of_the_data():
    data = load_yaml("a: &l [1, {b: 2}]\nc: *l\n").data
    assert data == {"a": [1, {"b": 2}], "c": [1, {"b": 2}]}
    assert data["a"] is not data["c"] and data["a"][1] is not data["c"][1]
