"""Escaping map text for DOT, Mermaid and Markdown: exact outputs for the tricky cases."""

from __future__ import annotations

import pytest

from journeyctl.text.escape import (
    clean,
    dot_html,
    dot_html_lines,
    dot_id,
    dot_tooltip,
    markdown_code,
    markdown_inline,
    mermaid_journey_text,
    mermaid_text,
    one_line,
    wrap,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb\rc\u2028d", "a\nb\nc\nd"),
        ("tab\there", "tab here"),
        ("bell\a nul\0 del\x7f", "bell\ufffd nul\ufffd del\ufffd"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("rlm \u200f and zwj 👩\u200d🔧", "rlm \u200f and zwj 👩\u200d🔧"),
    ],
)
def test_clean_keeps_text_and_replaces_what_no_output_can_carry(text, expected):
    assert clean(text) == expected


def test_one_line_joins_lines_with_single_spaces():
    assert one_line("  first line \n\n second\tline ") == "first line second line"


def test_wrap_breaks_at_spaces_and_keeps_long_words_and_line_breaks():
    assert wrap("Technician diagnoses the leak", 12) == ["Technician", "diagnoses", "the leak"]
    assert wrap("Supercalifragilistic word", 5) == ["Supercalifragilistic", "word"]
    assert wrap("one\ntwo three", 20) == ["one", "two three"]
    assert wrap("配管工を予約する 预约水管工", 4) == ["配管工を予約する", "预约水管工"]


def test_dot_html_escapes_markup_and_doubles_backslashes():
    assert dot_html('<b>"x" & \'y\'</b>') == "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
    assert dot_html("\\N \\G \\") == "\\\\N \\\\G \\\\"
    assert dot_html("&amp; stays text") == "&amp;amp; stays text"
    assert dot_html("two\nlines") == "two lines"


def test_dot_html_lines_joins_with_br():
    assert dot_html_lines(["a<", "b>"]) == "a&lt;<BR/>b&gt;"


def test_dot_id_quotes():
    assert dot_id("call-office") == '"call-office"'
    assert dot_id('say "hi" \\') == '"say \\"hi\\" \\\\"'


def test_dot_tooltip_writes_each_backslash_as_four_and_newlines_as_escapes():
    assert dot_tooltip('a\\N "q"\nb') == '"a\\\\\\\\N \\"q\\"\\nb"'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Calls the office", "Calls the office"),
        ("Receipt, warranty (2x) - ok? yes! 50/50 + a=b @home $5 _x_ *y* 'q'",
         "Receipt, warranty (2x) - ok? yes! 50/50 + a=b @home $5 _x_ *y* 'q'"),
        ('"quoted" #hash; a:b | c', "#34;quoted#34; #35;hash#59; a#58;b #124; c"),
        ("<br> & [x] {y} %% `t` ~ ^ \\", "#60;br#62; #38; #91;x#93; #123;y#125; #37;#37; #96;t#96; #126; #94; #92;"),
        ("Ελληνικά עברית Русский 中文 🚰", "Ελληνικά עברית Русский 中文 🚰"),
        ("zwj 👩\u200d🔧 rlm \u200f nbsp\u00a0", "zwj 👩#8205;🔧 rlm #8207; nbsp#160;"),
        ("#35; already coded", "#35;35#59; already coded"),
    ],
)
def test_mermaid_text_codes_every_meaningful_character(text, expected):
    assert mermaid_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$$k$$", "$\u2060$k$\u2060$"),  # would be drawn as KaTeX math
        ("$$$", "$\u2060$\u2060$"),
        ("fa:fa-car", "fa#58;\u2060fa-car"),  # would be drawn as an icon
        ("see fab:fa-github", "see fab#58;\u2060fa-github"),
        ("¶ß and ﬂ°", "¶\u2060ß and ﬂ\u2060°"),  # Mermaid's own entity placeholders
        ("$5 fa-x ¶", "$5 fa-x ¶"),
    ],
)
def test_mermaid_text_defuses_math_icons_and_placeholders(text, expected):
    assert mermaid_text(text, line_break="<br>") == expected


def test_mermaid_text_line_breaks():
    assert mermaid_text("one\ntwo", line_break="<br>") == "one<br>two"
    assert mermaid_text("one\ntwo") == "one two"


@pytest.mark.parametrize(
    ("text", "actor", "expected"),
    [
        ("section Sneaky", False, "#115;ection Sneaky"),
        ("Title", False, "#84;itle"),
        ("journey planning", False, "#106;ourney planning"),
        ("accTitle x", False, "#97;ccTitle x"),
        ("Sections of the form", False, "#83;ections of the form"),
        ("Sanjay, property manager", True, "Sanjay#44; property manager"),
        ("Sanjay, property manager", False, "Sanjay, property manager"),
        ("  two\nlines  ", False, "two lines"),
        ("   ", False, "#160;"),
    ],
)
def test_mermaid_journey_text(text, actor, expected):
    assert mermaid_journey_text(text, actor=actor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text, 3.5 stars", "plain text, 3.5 stars"),
        ("a | b", "a \\| b"),
        ("*bold* _it_ `code` [l](x) <b> & #h ~s~ $m$ \\",
         "\\*bold\\* \\_it\\_ \\`code\\` \\[l\\](x) \\<b\\> \\& \\#h \\~s\\~ \\$m\\$ \\\\"),
        ("- list", "\\- list"),
        ("+ list", "\\+ list"),
        ("1. numbered", "1\\. numbered"),
        ("2) numbered", "2\\) numbered"),
        ("0.14", "0.14"),
        ("-2", "-2"),
        ("> quote", "\\> quote"),
        ("line one\nline two", "line one<br>line two"),
        ("  padded  ", "padded"),
        # GitHub mentions and links these in plain text: a word joiner keeps them dead.
        ("ask @octocat or @my-org/team", "ask @\u2060octocat or @\u2060my-org/team"),
        ("mail ana@example.org", "mail ana@\u2060example.org"),
        ("see https://x.example/a?b, ftp://h or WWW.x.example", "see https:\u2060//x.example/a?b, ftp:\u2060//h or WWW\u2060.x.example"),
        ("a.www.example and awww.b stay", "a.www.example and awww.b stay"),
        ("Ρωτήστε @Ιωάννη", "Ρωτήστε @\u2060Ιωάννη"),
        ("fixed in #123, step #2b; #hash stays", "fixed in \\#\u2060123, step \\#\u20602b; \\#hash stays"),
    ],
)
def test_markdown_inline(text, expected):
    assert markdown_inline(text) == expected


def test_markdown_code_survives_backticks_and_pipes():
    assert markdown_code("call-office") == "`call-office`"
    assert markdown_code("a`b") == "``a`b``"
    assert markdown_code("`x") == "`` `x ``"
    assert markdown_code("a|b") == "`a\\|b`"


def test_terminal_text_shows_controls_bidi_and_undecodable_bytes_as_escapes():
    from journeyctl.text.escape import terminal

    assert terminal("a\nb\tc\x1b[31m\u202eé\udcff\ud800") == "a\\nb\\tc\\x1b[31m\\u202eé\\xff\\ud800"
    assert terminal("a\u2028b\u2029c\x85d") == "a\\u2028b\\u2029c\\x85d"


def test_terminal_json_writes_what_a_line_may_not_carry_as_json_escapes():
    from journeyctl.text.escape import terminal_json

    line = 'name: "a\nb\tc\x1b[31m\u202e\u2028\x85é"'
    assert terminal_json(line) == 'name: "a\\nb\\tc\\u001b[31m\\u202e\\u2028\\u0085é"'


def test_unicode_text_escapes_only_what_utf8_cannot_encode():
    from journeyctl.text.escape import unicode_text

    assert unicode_text("bad\udcff\udc80.yaml\n\u202eé") == "bad\\xff\\x80.yaml\n\u202eé"
    assert unicode_text("bad\udcff.yaml").encode("utf-8") == b"bad\\xff.yaml"


def test_every_language_shows_an_undecodable_byte_of_a_file_name_as_an_escape():
    from journeyctl.text.escape import clean, dot_html, markdown_inline

    assert clean("bad\udcff\udc80.yaml\ud800\x00") == "bad\\xff\\x80.yaml\ufffd\ufffd"
    assert markdown_code("bad\udcff.yaml") == "`bad\\xff.yaml`"
    assert markdown_inline("bad\udcff.yaml") == "bad\\\\xff.yaml"
    assert dot_html("bad\udcff.yaml") == "bad\\\\xff.yaml"  # Graphviz shows one backslash


def test_json_is_valid_utf8_whatever_file_names_it_holds():
    from journeyctl.text.strictjson import dumps

    assert dumps({"bad\udcfe": ["bad\udcff.yaml", 1.5]}) == '{"bad\\\\xfe": ["bad\\\\xff.yaml", 1.5]}'
    assert dumps({"path": "bad\udcff", "n": float("nan")}) == '{"path": "bad\\\\xff", "n": ".nan"}'


def test_markdown_shows_bidirectional_controls_as_escapes_wherever_they_are():
    # U+202A-U+202E and U+2066-U+2069 would reorder the rest of the line on GitHub
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    shown = "\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069"
    assert markdown_inline(f"a{controls}b") == "a" + shown.replace("\\", "\\\\") + "b"
    assert markdown_code(f"a{controls}|b") == f"`a{shown}\\|b`"
    # the marks that only hint a direction (U+200E, U+200F) and right-to-left text stay as written
    assert markdown_inline("\u05e9\u05dc\u05d5\u05dd\u200f") == "\u05e9\u05dc\u05d5\u05dd\u200f"


def test_a_code_span_escapes_pipes_only_in_a_table_cell():
    # in a table row GitHub splits at a bare | even inside a code span, and drops the backslash
    assert markdown_code("a|b") == "`a\\|b`"
    assert markdown_code("a|b", table_cell=True) == "`a\\|b`"
    # anywhere else a code span shows every character, a backslash included
    assert markdown_code("a|b", table_cell=False) == "`a|b`"
    assert markdown_code("`a|b`", table_cell=False) == "`` `a|b` ``"
