"""Workspace discovery: which files are journeyctl files, which are skipped, and how each is reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journeyctl.loading.config import Config
from journeyctl.loading.workspace import UsageError, load_workspace
from journeyctl.loading.workspace.discovery import display_path

FIXTURES = Path(__file__).parent / "fixtures" / "workspace"

MAP = """\
journeyctl: 1
id: {id}
title: A journey
stages: [{{id: s, name: S}}]
touchpoints:
  - {{id: t, name: T, stage: s, channel: web, entry: true, end: success}}
"""


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def load(root: Path, *paths: str, **settings):
    return load_workspace(list(paths), Config(root=root, **settings), root)


def targets(root: Path, *paths: str, **settings) -> list[str]:
    return [f.path for f in load(root, *paths, **settings).targets]


def findings(root: Path, *paths: str, **settings) -> list[tuple]:
    return [(f.path, f.code, f.line, f.column, f.message) for f in load(root, *paths, **settings).findings]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(FIXTURES, target)
    return target


# -- what discovery finds ----------------------------------------------------------------


def test_the_workspace_is_every_journeyctl_file_below_the_folder_in_sorted_order(workspace):
    assert targets(workspace) == [
        "catalog.yaml", "home/catalog.yaml", "home/plumber.yaml", "home/renewal.yaml", "shop/catalog.yaml",
        "shop/checkout.yaml",
    ]


def test_other_yaml_files_are_skipped_silently_even_when_broken(workspace):
    result = load(workspace)
    assert "notes/docker-compose.yml" not in [f.path for f in result.targets]
    assert "notes/broken-unrelated.yaml" not in [f.path for f in result.targets]
    assert result.findings == []


def test_hidden_folders_are_never_searched(workspace):
    assert not [path for path in targets(workspace) if ".drafts" in path]


def test_hidden_files_and_tool_folders_are_skipped(tmp_path):
    write(tmp_path, {
        ".hidden.yaml": MAP.format(id="hidden"),
        "node_modules/pkg/map.yaml": MAP.format(id="dep"),
        "venv/map.yaml": MAP.format(id="venv"),
        "__pycache__/map.yaml": MAP.format(id="cache"),
        ".git/map.yaml": MAP.format(id="git"),
        "maps/a.yml": MAP.format(id="a"),
        "maps/b.yaml": MAP.format(id="b"),
        "maps/c.json": MAP.format(id="c"),
        "maps/d.YAML.txt": MAP.format(id="d"),
    })
    assert targets(tmp_path) == ["maps/a.yml", "maps/b.yaml"]


def test_a_folder_given_explicitly_is_searched_like_the_workspace(workspace):
    assert targets(workspace, "home") == ["home/catalog.yaml", "home/plumber.yaml", "home/renewal.yaml"]


def test_a_file_given_twice_or_with_its_folder_is_linted_once(workspace):
    assert targets(workspace, "home/plumber.yaml", "home", "home/plumber.yaml", "./home/plumber.yaml") == [
        "home/plumber.yaml", "home/catalog.yaml", "home/renewal.yaml",
    ]


def test_a_hidden_file_given_explicitly_is_linted(workspace):
    assert targets(workspace, ".drafts/draft.yaml") == [".drafts/draft.yaml"]
    assert [f[1] for f in findings(workspace, ".drafts/draft.yaml")] == ["JM002", "JM002", "JM002"]


# -- exclude and paths -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("patterns", "expected"),
    [
        (["shop"], ["catalog.yaml", "home/catalog.yaml", "home/plumber.yaml", "home/renewal.yaml"]),
        (["shop/"], ["catalog.yaml", "home/catalog.yaml", "home/plumber.yaml", "home/renewal.yaml"]),
        (["home/*"], ["catalog.yaml", "shop/catalog.yaml", "shop/checkout.yaml"]),
        (["catalog.yaml"], ["home/plumber.yaml", "home/renewal.yaml", "shop/checkout.yaml"]),
        (["*/renewal.yaml", "shop/check*"], ["catalog.yaml", "home/catalog.yaml", "home/plumber.yaml",
                                             "shop/catalog.yaml"]),
        (["nothing-matches"], ["catalog.yaml", "home/catalog.yaml", "home/plumber.yaml", "home/renewal.yaml",
                               "shop/catalog.yaml", "shop/checkout.yaml"]),
    ],
)
def test_exclude_globs_match_names_and_paths_relative_to_the_root(workspace, patterns, expected):
    assert targets(workspace, exclude=patterns) == expected


def test_exclude_globs_are_relative_to_the_root_even_when_a_subfolder_is_linted(workspace):
    assert targets(workspace, "home", exclude=["home/renewal.yaml"]) == ["home/catalog.yaml", "home/plumber.yaml"]


def test_configured_paths_replace_the_current_folder(workspace):
    assert targets(workspace, paths=["shop", "home/renewal.yaml"]) == [
        "shop/catalog.yaml", "shop/checkout.yaml", "home/renewal.yaml",
    ]


def test_paths_given_on_the_command_line_win_over_configured_paths(workspace):
    assert targets(workspace, "home/plumber.yaml", paths=["shop"]) == ["home/plumber.yaml"]


def test_configured_paths_are_relative_to_the_configuration_not_the_current_folder(workspace):
    config = Config(root=workspace, paths=["shop"])
    result = load_workspace([], config, workspace / "home")
    # Outside the current folder, so shown relative to it with '../'.
    assert [f.path for f in result.targets] == ["../shop/catalog.yaml", "../shop/checkout.yaml"]


# -- files that are not (valid) journeyctl files -----------------------------------------


@pytest.mark.parametrize(
    "content",
    ["services:\n  web: {}\n", "", "# only a comment\n", "- a\n- b\n", "just text\n", "journeyctl_version: 1\n"],
)
def test_an_explicit_file_without_journeyctl_is_an_error_finding(tmp_path, content):
    write(tmp_path, {"other.yaml": content})
    assert findings(tmp_path, "other.yaml") == [
        ("other.yaml", "JM001", 1, 1, "not a journeyctl file: the top level has no 'journeyctl: 1' key")
    ]


def test_a_broken_file_meant_for_journeyctl_is_reported_during_discovery(tmp_path):
    write(tmp_path, {"maps/broken.yaml": "journeyctl: 1\nid: plumber\ntitle: [unclosed\n"})
    assert findings(tmp_path) == [
        ("maps/broken.yaml", "JM001", 4, 1,
         "invalid YAML: while parsing a flow sequence: did not find expected ',' or ']'"),
    ]


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b"\xef\xbb\xbfjourneyctl: 1\nid: [x\n", (3, 1)),
        ("journeyctl: 1\nid: [x\n".encode("utf-16"), (3, 1)),
        (b"journeyctl: 1\r\nid: [x\r\n", (3, 1)),
        (b"# a comment first\n\"journeyctl\": 1\nid: [x\n", (4, 1)),
        (b"'journeyctl' : 1\nid: [x\n", (3, 1)),
    ],
)
def test_a_broken_file_is_recognised_by_its_journeyctl_key_whatever_its_encoding(tmp_path, content, where):
    write(tmp_path, {"broken.yaml": content})
    assert findings(tmp_path) == [
        ("broken.yaml", "JM001", *where, "invalid YAML: while parsing a flow sequence: did not find expected ',' or ']'")
    ]


def test_a_broken_file_with_journeyctl_only_below_the_top_level_is_skipped(tmp_path):
    # (beside a map: a workspace with no map at all is an error of its own)
    write(tmp_path, {"other.yaml": "tools:\n  journeyctl: 1\n  x: [\n", "map.yaml": MAP.format(id="a")})
    assert findings(tmp_path) == []
    assert targets(tmp_path) == ["map.yaml"]


def test_a_journeyctl_file_over_the_size_limit_is_reported_during_discovery(tmp_path):
    write(tmp_path, {"big.yaml": MAP.format(id="big"), "other.yaml": "x: " + "y" * 300 + "\n"})
    assert findings(tmp_path, max_file_size=100) == [
        ("big.yaml", "JM001", 1, 1, "the file is 151 bytes, over the limit of 100 (max-file-size)")
    ]


def test_a_journeyctl_file_with_bad_encoding_is_reported_during_discovery(tmp_path):
    write(tmp_path, {"maps/latin1.yaml": "journeyctl: 1\nid: cafe\ntitle: Café\n".encode("latin-1")})
    assert findings(tmp_path) == [
        ("maps/latin1.yaml", "JM001", 3, 11, "the file is not valid UTF-8 text (byte 0xe9 at offset 33)"),
    ]


def test_a_utf16_file_with_a_byte_order_mark_is_read(tmp_path):
    write(tmp_path, {"map.yaml": ("\ufeff" + MAP.format(id="utf16")).encode("utf-16-le")})
    result = load(tmp_path)
    assert result.findings == []
    assert [doc.journey.id for doc in result.docs()] == ["utf16"]


def test_a_crlf_file_is_read_with_the_same_positions(tmp_path):
    write(tmp_path, {"map.yaml": MAP.format(id="crlf").replace("\n", "\r\n")})
    assert findings(tmp_path) == []
    write(tmp_path, {"map.yaml": MAP.format(id="crlf").replace("\n", "\r\n").replace("title: A journey", "title: 7")})
    assert findings(tmp_path) == [("map.yaml", "JM002", 3, 8, "'title' must be text, not 7 (quote it to make it text)")]


def test_a_journeyctl_key_below_the_top_level_does_not_make_a_journeyctl_file(tmp_path):
    write(tmp_path, {"nested.yaml": "config:\n  journeyctl: 1\n", "map.yaml": MAP.format(id="a")})
    assert targets(tmp_path) == ["map.yaml"]


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    write(tmp_path, {"big.yaml": "# " + "x" * 1_198 + "\n" + MAP.format(id="big")})
    assert findings(tmp_path, "big.yaml", max_file_size=1_000) == [
        ("big.yaml", "JM001", 1, 1, "the file is 1,352 bytes, over the limit of 1,000 (max-file-size)")
    ]
    assert findings(tmp_path, "big.yaml", max_file_size=1_352) == []


def test_a_journey_over_the_touchpoint_limit_is_not_validated(tmp_path):
    write(tmp_path, {"map.yaml": MAP.format(id="many")})
    assert findings(tmp_path, max_touchpoints=1) == []
    text = MAP.format(id="many") + "  - {id: u, name: U, stage: s, channel: web, end: success}\n"
    write(tmp_path, {"map.yaml": text})
    assert findings(tmp_path, max_touchpoints=1) == [
        ("map.yaml", "JM001", 6, 3, "the journey has 2 touchpoints, over the limit of 1 (max-touchpoints)")
    ]


def test_a_catalog_given_explicitly_is_validated_and_has_no_journey(workspace):
    result = load(workspace, "home/catalog.yaml")
    assert [(f.path, f.kind, f.ok) for f in result.targets] == [("home/catalog.yaml", "catalog", True)]
    assert list(result.docs()) == []


def test_a_file_with_findings_yields_no_journey_doc(tmp_path):
    write(tmp_path, {"good.yaml": MAP.format(id="good"), "bad.yaml": MAP.format(id="bad") + "    emotion: 9\n"})
    result = load(tmp_path)
    assert [(f.path, f.ok) for f in result.targets] == [("bad.yaml", False), ("good.yaml", True)]
    assert [doc.path for doc in result.docs()] == ["good.yaml"]


def test_a_finding_of_a_file_whose_model_failed_still_names_its_journey(tmp_path):
    write(tmp_path, {"bad.yaml": MAP.format(id="bad").replace("title: A journey", "title: 7")})
    (finding,) = load(tmp_path).findings
    assert finding.journey == "bad"


# -- paths and errors --------------------------------------------------------------------


def test_a_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError) as caught:
        load(tmp_path, "nope/map.yaml")
    assert str(caught.value) == "nope/map.yaml: no such file or directory"


def test_paths_are_shown_relative_to_the_current_folder_with_slashes(tmp_path):
    assert display_path(tmp_path / "a" / "b.yaml", tmp_path) == "a/b.yaml"
    assert display_path(tmp_path.parent / "elsewhere.yaml", tmp_path) == "../elsewhere.yaml"
    # Sharing nothing but the root, a relative path would only hide what the file is.
    assert display_path(Path("/dev/stdin"), tmp_path) == "/dev/stdin"


def test_a_file_outside_the_current_folder_is_shown_relative_to_it(tmp_path):
    write(tmp_path, {"outside/map.yaml": MAP.format(id="outside"), "here/.keep": ""})
    result = load_workspace(["../outside/map.yaml"], Config(root=tmp_path / "here"), tmp_path / "here")
    assert [f.path for f in result.targets] == ["../outside/map.yaml"]


def test_loading_is_deterministic(workspace):
    first = [(f.path, f.kind) for f in load(workspace).targets]
    second = [(f.path, f.kind) for f in load(workspace).targets]
    assert first == second
