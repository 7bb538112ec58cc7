"""Activity patterns: globs as the shell reads them, as regular expressions that DuckDB
(RE2), Spark (Java) and Python read alike."""

from __future__ import annotations

import fnmatch

import pytest

from journeyctl.evidence.patterns import glob_regex, is_glob, matches

PATTERNS = [
    "order.*", "ticket_?", "pay[!0-9]x", "a%b_c", "[]x]", "a[", "tab\tx", "é*ω", "x[z-a]y", "q.[a-c]*",
    "(a|b)+", "c++", "$x^", "{1,2}", "back\\slash", "Καλημέρα*", "שלום?", "Привет [а-я]*", "tere õ*", "注文*", "🎉*",
    "[&&]", "[[]",
]
ACTIVITIES = [
    "order.created", "order_x", "orderXcreated", "ticket_1", "ticket_12", "payax", "pay1x", "a%b_c", "aXbYc", "]", "x",
    "a[", "tab\tx", "éabcω", "xy", "q.b", "q.bzz", "q.d", "(a|b)+", "ab", "c++", "$x^", "{1,2}", "back\\slash",
    "Καλημέρα σας", "שלום!", "Привет мир", "Привет Мир", "tere õhtust", "注文確定", "🎉 paid", "&", "[", "order.\ncreated",
]


def test_exact_names_are_no_globs():
    assert [is_glob(p) for p in ("a%b_c", "a[", "c++", "order.*", "[]x]")] == [False, False, False, True, True]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_patterns_match_as_the_shell_does(pattern):
    assert [a for a in ACTIVITIES if matches(pattern, a)] == [
        a for a in ACTIVITIES if fnmatch.fnmatchcase(a, pattern)
    ]


@pytest.mark.parametrize("pattern", [p for p in PATTERNS if is_glob(p)])
def test_duckdb_reads_the_expressions_the_same_way(pattern):
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    found = [a for a in ACTIVITIES if con.execute("select regexp_matches(?, ?)", [a, glob_regex(pattern)]).fetchone()[0]]
    assert found == [a for a in ACTIVITIES if fnmatch.fnmatchcase(a, pattern)]


def test_expressions_escape_only_ascii_punctuation():
    assert glob_regex("a%b_c*") == r"(?s)^a\%b\_c.*\z"
    assert glob_regex("注文*") == r"(?s)^注文.*\z"
    assert glob_regex("tab\t*") == r"(?s)^tab\x09.*\z"
    assert glob_regex("[!a-c]?") == r"(?s)^[^a-c].\z"
