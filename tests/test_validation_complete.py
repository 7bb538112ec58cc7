"""Every JM002–JM004 problem of a map comes in one run: no validation finding hides another."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import yaml

from journeyctl.checks.linter import lint
from journeyctl.loading.config import Config

from minimal_map import MINIMAL


def lint_files(root: Path, files: dict[str, str], *paths: str) -> list[tuple]:
    """``(path, line, column, code, message)`` of every finding, in the linter's order."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    result = lint(list(paths), Config(root=root), cwd=root)
    return [(f.path, f.line, f.column, f.code, f.message) for f in result.findings]


def one_map(root: Path, text: str) -> list[tuple]:
    return [f[1:] for f in lint_files(root, {"map.yaml": text}, "map.yaml")]


BROKEN_EVERYWHERE = """\
journeyctl: 1
id: plumber
title: Booking a plumber
stages:
  - id: book
    name: Book
  - id: book
    name: Again
touchpoints:
  - id: call
    name: Calls the office
    stage: booc
    channel: fone
    colour: red
    entry: true
    emotion: 7
    next: [{when: [later]}]
  - id: visit
    stage: book
    channel: phone
    end: success
    emotion: -9
"""


def test_every_validation_problem_of_a_map_is_reported_at_once_in_order(tmp_path):
    assert one_map(tmp_path, BROKEN_EVERYWHERE) == [
        (7, 9, "JM004", "duplicate stage id 'book' (also stage 1 in the list)"),
        (12, 12, "JM003", "touchpoint 'call': unknown stage 'booc' — did you mean 'book'?"),
        (13, 14, "JM003", "touchpoint 'call': unknown channel 'fone' — did you mean 'phone'?"),
        (14, 5, "JM002", "unknown field 'colour' (extension keys must start with 'x-')"),
        (16, 14, "JM002", "touchpoint 'call': emotion 7 is outside the journey's emotion scale (-2 to 2)"),
        (17, 12, "JM002", "a transition needs exactly one of 'to' (a touchpoint) or 'journey' (another journey)"),
        (17, 19, "JM002", "'when' must be text, not a list"),
        (18, 5, "JM002", "touchpoint 'visit' is missing the required field 'name'"),
        (22, 14, "JM002", "touchpoint 'visit': emotion -9 is outside the journey's emotion scale (-2 to 2)"),
    ]


def test_an_unknown_field_does_not_hide_an_emotion_out_of_scale(tmp_path):
    text = MINIMAL.replace("    entry: true\n", "    entry: true\n    emotoin: 1\n    emotion: 5\n")
    assert one_map(tmp_path, text) == [
        (13, 5, "JM002", "unknown field 'emotoin' — did you mean 'emotion'? (extension keys must start with 'x-')"),
        (14, 14, "JM002", "touchpoint 'call': emotion 5 is outside the journey's emotion scale (-2 to 2)"),
    ]


def test_a_duplicate_id_does_not_hide_unknown_stage_and_channel_references(tmp_path):
    text = MINIMAL.replace("    stage: book", "    stage: bok").replace("channel: phone", "channel: fax") + (
        "  - {id: call, name: Again, stage: book, channel: web, end: success}\n"
    )
    assert one_map(tmp_path, text) == [
        (10, 12, "JM003", "touchpoint 'call': unknown stage 'bok' — did you mean 'book'?"),
        (11, 14, "JM003", "touchpoint 'call': unknown channel 'fax' — did you mean 'faq'?"),
        (14, 10, "JM004", "duplicate id 'call': already used by a touchpoint (touchpoint, pain point and roadmap "
                         "ids are unique across the journey)"),
    ]


def test_a_field_error_does_not_hide_the_rule_between_two_fields_of_the_same_mapping(tmp_path):
    # Pydantic skips a model's own validator once one field fails; validation does not.
    text = MINIMAL.replace("    channel: phone\n", "    feedback: often\n")
    assert one_map(tmp_path, text) == [
        (8, 5, "JM002", "a frontstage touchpoint needs a 'channel'"),
        (11, 15, "JM002", "'feedback' must be true or false, not 'often' (write true or false without quotes)"),
    ]


def test_a_problem_both_pydantic_and_validation_see_is_reported_once(tmp_path):
    text = MINIMAL.replace("    channel: phone\n", "")
    assert one_map(tmp_path, text) == [(8, 5, "JM002", "a frontstage touchpoint needs a 'channel'")]
    text = MINIMAL.replace("    end: success\n", "    end: success\n    next: [{when: later}, {to: call, touchpoint: x}]\n")
    assert one_map(tmp_path, text) == [
        (14, 12, "JM002", "a transition needs exactly one of 'to' (a touchpoint) or 'journey' (another journey)"),
        (14, 27, "JM002", "'touchpoint' is only allowed together with 'journey'"),
    ]


def test_emotions_are_not_checked_against_an_invalid_scale(tmp_path):
    text = MINIMAL.replace("    entry: true\n", "    entry: true\n    emotion: 7\n") + "emotion_scale: {min: 3, max: 1}\n"
    assert one_map(tmp_path, text) == [(15, 16, "JM002", "'min' (3) must be below 'max' (1)")]


def test_an_emotion_of_the_wrong_type_is_only_the_schema_finding(tmp_path):
    text = MINIMAL.replace("    entry: true\n", "    entry: true\n    emotion: high\n")
    assert one_map(tmp_path, text) == [(13, 14, "JM002", "'emotion' must be a number or a mapping, not 'high'")]


def test_a_reference_that_is_not_an_id_is_only_the_schema_finding(tmp_path):
    text = MINIMAL.replace("    stage: book", "    stage: Book")
    assert one_map(tmp_path, text) == [
        (10, 12, "JM002", "'Book' is not a valid id for 'stage': use lowercase letters, digits and '-', "
                          "starting with a letter or digit (e.g. 'book')"),
    ]


def test_references_into_a_list_that_is_not_a_list_are_not_checked(tmp_path):
    text = MINIMAL.replace("channel: phone", "channel: yard-sign") + "channels: yard-sign\n"
    assert one_map(tmp_path, text) == [(14, 11, "JM002", "'channels' must be a list, not 'yard-sign'")]


def test_references_of_a_broken_touchpoint_are_still_checked(tmp_path):
    text = MINIMAL + "  - {id: visit, stage: book, channel: phone, next: [nowhere]}\n"
    assert one_map(tmp_path, text) == [
        (14, 5, "JM002", "touchpoint 'visit' is missing the required field 'name'"),
        (14, 53, "JM003", "touchpoint 'visit': unknown touchpoint 'nowhere'"),
    ]


def test_a_touchpoint_without_a_text_id_is_named_by_its_place(tmp_path):
    text = MINIMAL + "  - {id: 7, name: Visit, stage: bok, channel: phone, end: success}\n"
    assert one_map(tmp_path, text) == [
        (14, 10, "JM002", "'id' must be text, not 7 (quote it to make it text)"),
        (14, 33, "JM003", "touchpoint 2 in the list: unknown stage 'bok' — did you mean 'book'?"),
    ]


def test_a_journey_id_used_twice_does_not_hide_the_second_files_references(tmp_path):
    second = MINIMAL.replace("channel: phone", "channel: fone")
    found = lint_files(tmp_path, {"a.yaml": MINIMAL, "b.yaml": second}, ".")
    assert [f for f in found if f[0] == "b.yaml"] == [
        ("b.yaml", 2, 5, "JM004", "duplicate journey id 'plumber': also defined in a.yaml"),
        ("b.yaml", 11, 14, "JM003", "touchpoint 'call': unknown channel 'fone' — did you mean 'phone'?"),
    ]


def test_a_catalog_reports_its_schema_duplicate_and_reference_problems_together(tmp_path):
    catalog = (
        "journeyctl: 1\nkind: catalog\n"
        "teams: [{id: t, name: T}, {id: t, name: U}]\n"
        "personas: [{id: p, name: P, age: 40, preferred_channels: [fone]}]\n"
    )
    assert lint_files(tmp_path, {"catalog.yaml": catalog}, "catalog.yaml") == [
        ("catalog.yaml", 3, 32, "JM004", "duplicate team id 't' (also team 1 in the list)"),
        ("catalog.yaml", 4, 29, "JM002", "unknown field 'age' (extension keys must start with 'x-')"),
        ("catalog.yaml", 4, 59, "JM003", "persona 'p': unknown channel 'fone' — did you mean 'phone'?"),
    ]


def test_rules_after_validation_still_wait_for_a_valid_map(tmp_path):
    # A dead end (JM1xx) is not reported while the map has a validation finding.
    text = MINIMAL.replace("    end: success\n", "    colour: red\n")
    assert one_map(tmp_path, text) == [
        (13, 5, "JM002", "unknown field 'colour' (extension keys must start with 'x-')"),
    ]


def test_a_broken_journey_links_into_journeys_outside_the_paths_given(tmp_path):
    other = MINIMAL.replace("id: plumber", "id: renewal")
    broken = MINIMAL.replace("    end: success\n", "    colour: red\n    next: [{journey: renewal}, {journey: renewl}]\n")
    found = lint_files(tmp_path, {"a/map.yaml": broken, "b/renewal.yaml": other}, "a/map.yaml")
    assert found == [
        ("a/map.yaml", 13, 5, "JM002", "unknown field 'colour' (extension keys must start with 'x-')"),
        ("a/map.yaml", 14, 42, "JM003", "touchpoint 'call': unknown journey 'renewl' — did you mean 'renewal'?"),
    ]


def test_a_map_of_another_format_version_gets_only_the_version_finding(tmp_path):
    text = MINIMAL.replace("journeyctl: 1", "journeyctl: 2").replace("stage: book", "stage: bok") + (
        "  - {id: call, name: Again, stage: book, channel: web, end: success}\n"
    )
    assert one_map(tmp_path, text) == [
        (1, 13, "JM002", "unsupported format version 2: this journeyctl reads version 1"),
    ]


def test_an_invalid_neutral_does_not_hide_a_scale_upside_down(tmp_path):
    text = MINIMAL + "emotion_scale: {min: 3, max: 1, neutral: calm}\n"
    assert one_map(tmp_path, text) == [
        (14, 16, "JM002", "'min' (3) must be below 'max' (1)"),
        (14, 42, "JM002", "'neutral' must be a number, not 'calm'"),
    ]


def test_emotions_are_checked_against_valid_ends_whatever_the_neutral(tmp_path):
    text = MINIMAL.replace("    entry: true\n", "    entry: true\n    emotion: 6\n") + (
        "emotion_scale: {min: 1, max: 5, neutral: [3]}\n"
    )
    assert one_map(tmp_path, text) == [
        (13, 14, "JM002", "touchpoint 'call': emotion 6 is outside the journey's emotion scale (1 to 5)"),
        (15, 42, "JM002", "'neutral' must be a number, not a list"),
    ]


def test_a_missing_list_of_stages_is_one_finding_not_one_per_reference(tmp_path):
    text = MINIMAL.replace("stages:\n  - id: book\n    name: Book\n", "") + (
        "  - {id: visit, name: Visit, stage: book, channel: web, end: success}\n"
    )
    assert one_map(tmp_path, text) == [(1, 1, "JM002", "journey 'plumber' is missing the required field 'stages'")]


# -- an unknown key anywhere hides nothing ---------------------------------------------------

WORKSPACE = Path(__file__).parent / "fixtures" / "workspace"


def _with_problems(data: dict) -> dict:
    """The fixture plumber map with an unknown stage, an emotion out of scale and a duplicate id."""
    data = copy.deepcopy(data)
    touchpoints = {t["id"]: t for t in data["touchpoints"]}
    touchpoints["visit"]["stage"] = "servic"
    touchpoints["sign"]["emotion"] = 9
    data["roadmap"][0]["id"] = "call"
    return data


def _mapping_paths(node, prefix=()):
    if isinstance(node, dict):
        yield prefix
        for key, value in node.items():
            yield from _mapping_paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _mapping_paths(value, prefix + (index,))


def _semantic_findings(root: Path, data: dict) -> tuple[set, list]:
    (root / "home" / "plumber.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    found = [(f[3], f[4]) for f in lint_files(root, {}, "home/plumber.yaml")]
    return {f for f in found if f[0] in ("JM003", "JM004") or "emotion scale" in f[1]}, found


def test_an_unknown_key_in_any_mapping_hides_no_other_validation_finding(tmp_path):
    shutil.copytree(WORKSPACE, tmp_path / "ws")
    root = tmp_path / "ws"
    data = _with_problems(yaml.safe_load((root / "home" / "plumber.yaml").read_text(encoding="utf-8")))
    baseline, everything = _semantic_findings(root, data)
    assert sorted(baseline) == [
        ("JM002", "touchpoint 'sign': emotion 9 is outside the journey's emotion scale (-2 to 2)"),
        ("JM003", "touchpoint 'visit': unknown stage 'servic' — did you mean 'service'?"),
        ("JM004", "duplicate id 'call': already used by a touchpoint (touchpoint, pain point and roadmap ids are "
                  "unique across the journey)"),
    ]
    assert sorted(everything) == sorted(baseline)
    paths = list(_mapping_paths(data))
    assert len(paths) == 21
    for path in paths:
        changed = _with_problems(data)
        node = changed
        for part in path:
            node = node[part]
        node["colour"] = "red"
        found, everything = _semantic_findings(root, changed)
        assert found == baseline, path
        # What the unknown key adds is schema findings only (demographics take any key).
        assert {f[0] for f in everything if f not in baseline} <= {"JM002"}, path
