"""A journeyctl file is recognised by a top-level ``journeyctl:`` key in its text, the
same way for lint's discovery and for fmt, even when the file does not parse."""

from __future__ import annotations

import pytest

from journeyctl.loading.recognise import meant_for_journeyctl, opening_text, readable_text


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("journeyctl: 1\nid: [broken\n", True),
        ("id: x\n'journeyctl': 1\n", True),
        ('"journeyctl" : 1\n', True),
        ("\ufeffjourneyctl: 1\n", True),
        ("journeyctl:\n", True),
        ("settings:\n  journeyctl: 1\n", False),
        ("# journeyctl: 1\n", False),
        ("journeyctl_version: 1\n", False),
        ("name: ci\non: push\n", False),
    ],
)
def test_a_top_level_journeyctl_key_marks_a_file_as_meant_for_journeyctl(text, meant):
    assert meant_for_journeyctl(text) is meant


def test_text_is_read_as_the_loader_reads_it_or_with_replacement_characters():
    assert readable_text("journeyctl: 1\n".encode("utf-16")) == "journeyctl: 1\n"
    assert readable_text(b"journeyctl: 1\nname: \xff\n") == "journeyctl: 1\nname: \ufffd\n"


def test_only_the_opening_of_a_file_is_read(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("journeyctl: 1\n" + "# filler\n" * 20_000 + "late: key\n", encoding="utf-8")
    opening = opening_text(big)
    assert meant_for_journeyctl(opening)
    assert "late: key" not in opening
    assert opening_text(tmp_path / "missing.yaml") == ""
