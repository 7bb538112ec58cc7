"""Which workspace a map belongs to: its catalogs, configuration and journey ids are its
workspace's, whatever the current folder; paths that hold no map, link loops and hidden files."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
from pathlib import Path

import pytest

from journeyctl.cli import run
from journeyctl.loading.config import Config, configs_for, find_workspace, load_config
from journeyctl.loading.workspace import load_workspace

REPO = Path(__file__).resolve().parent.parent

CATALOG = """\
journeyctl: 1
kind: catalog
teams: [{id: cx, name: CX}, {id: billing, name: Billing}]
personas: [{id: caller, name: Caller}]
"""

MAP = """\
journeyctl: 1
id: {id}
title: Booking a plumber
owner: cx
reviewed: 2026-09-14
personas: [caller]
stages: [{{id: s, name: S}}]
touchpoints:
  - {{id: call, name: Calls, stage: s, channel: phone, owner: billing, entry: true, next: [done]}}
  - {{id: done, name: Done, stage: s, channel: phone, owner: billing, end: success}}
"""


def write(root: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def cli(argv: list[str], cwd: Path) -> tuple[int, str, str]:
    """``journeyctl argv`` run in ``cwd``: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(argv)
    finally:
        os.chdir(previous)
    return code, out.getvalue(), err.getvalue()


def findings(argv: list[str], cwd: Path) -> tuple[int, list[tuple]]:
    code, out, _ = cli(["lint", "--format", "json", *argv], cwd)
    report = json.loads(out)
    return code, [(f["path"], f["code"], f["line"], f["column"], f["message"]) for f in report["findings"]]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A repository with a catalog at its top and a map two folders down; a sibling folder."""
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-10-01")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root, {"catalog.yaml": CATALOG, "maps/home/plumber.yaml": MAP.format(id="plumber")})
    (tmp_path / "sibling").mkdir()
    return root


# -- the workspace of a map ----------------------------------------------------------------


def test_the_workspace_root_is_the_nearest_folder_with_a_configuration_or_git(tmp_path):
    write(tmp_path, {
        "journeyctl.toml": "", "a/pyproject.toml": "[tool.journeyctl]\n", "b/pyproject.toml": "[tool.black]\n",
    })
    (tmp_path / "a" / "sub" / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "b" / "deep").mkdir(parents=True)
    assert find_workspace(tmp_path / "b" / "deep") == (tmp_path, tmp_path / "journeyctl.toml")
    assert find_workspace(tmp_path / "a" / "sub") == (tmp_path / "a", tmp_path / "a" / "pyproject.toml")
    # A repository is a workspace of its own, even inside a configured folder.
    assert find_workspace(tmp_path / "a" / "sub" / "repo") == (tmp_path / "a" / "sub" / "repo", None)
    assert load_config(cwd=tmp_path / "a" / "sub" / "repo").file is None


def test_a_map_is_linted_with_the_catalogs_above_it_from_any_current_folder(repo):
    inside = findings(["maps/home/plumber.yaml"], repo)
    assert inside == (0, [])
    assert findings(["../repo/maps/home/plumber.yaml"], repo.parent / "sibling") == inside
    assert findings([str(repo / "maps" / "home")], Path("/")) == inside
    assert findings(["plumber.yaml"], repo / "maps" / "home") == inside


def test_the_configuration_of_the_map_applies_from_any_current_folder(repo):
    write(repo, {"journeyctl.toml": 'select = ["JM401"]\n\n[rules.stale-map]\nmax-age-days = 1\n'})
    expected = [("../repo/maps/home/plumber.yaml", "JM401", 5, 11,
                 "the map was last reviewed on 2026-09-14, 17 days ago (limit: 1 days, max-age-days)")]
    code, found = findings(["../repo/maps/home/plumber.yaml"], repo.parent / "sibling")
    assert (code, [f[:4] for f in found]) == (0, [f[:4] for f in expected])
    assert findings(["maps/home/plumber.yaml"], repo)[1][0][1:4] == ("JM401", 5, 11)


def test_an_explicit_configuration_still_applies_to_every_map(repo):
    write(repo, {"journeyctl.toml": 'select = ["JM401"]\n', "../sibling/strict.toml": 'select = ["JM404"]\n'})
    code, out, err = cli(["--config", "strict.toml", "lint", "--format", "json", "../repo/maps/home/plumber.yaml"],
                         repo.parent / "sibling")
    # strict.toml selects only JM404 and the map has an owner; catalogs still come from the map's workspace
    assert (code, json.loads(out)["findings"], err) == (0, [], "")


def test_maps_of_two_workspaces_are_each_checked_with_their_own_configuration(tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-10-01")
    write(tmp_path, {
        "a/journeyctl.toml": 'ignore = ["JM404"]\n', "a/map.yaml": MAP.format(id="one").replace("owner: cx\n", ""),
        "b/journeyctl.toml": "", "b/map.yaml": MAP.format(id="two").replace("owner: cx\n", ""),
        "a/catalog.yaml": CATALOG, "b/catalog.yaml": CATALOG,
    })
    groups = configs_for(["a/map.yaml", "b/map.yaml", "a"], tmp_path)
    assert [(c.root, p) for c, p in groups] == [(tmp_path / "a", ["a/map.yaml", "a"]), (tmp_path / "b", ["b/map.yaml"])]
    code, found = findings(["a/map.yaml", "b/map.yaml"], tmp_path)
    assert (code, found) == (0, [(
        "b/map.yaml", "JM404", 2, 1, "journey 'two' has no owner: name the team that keeps the map up to date in 'owner'"
    )])


def test_without_a_path_the_current_folders_workspace_is_used(repo):
    write(repo, {"journeyctl.toml": 'paths = ["maps"]\n', "other/x.yaml": MAP.format(id="other")})
    code, out, _ = cli(["lint", "--format", "json"], repo / "other")
    assert (code, json.loads(out)["summary"]["files"]) == (0, 1)


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["render", "--to", "dot", "{map}"], 0),
        (["render", "--to", "mermaid", "{map}"], 0),
        (["report", "{map}"], 0),
        (["paths", "{map}"], 0),
        (["show", "{map}"], 0),
        (["fmt", "--diff", "{map}"], 1),  # the map is not in the canonical layout
        (["diff", "{map}", "{map}"], 0),
    ],
    ids=lambda value: " ".join(value[:2]) if isinstance(value, list) else str(value),
)
def test_every_command_gives_the_same_output_from_any_current_folder(repo, argv, code):
    inside = cli([a.format(map="maps/home/plumber.yaml") for a in argv], repo)
    outside = cli([a.format(map="../repo/maps/home/plumber.yaml") for a in argv], repo.parent / "sibling")
    assert inside[0] == code and inside[1] != ""
    if code == 0:
        assert inside[2] == ""
    # a diff names the file from the top of its repository, as git does, wherever it is made
    shown = inside[1] if argv[:2] == ["fmt", "--diff"] else inside[1].replace(
        "maps/home/plumber.yaml", "../repo/maps/home/plumber.yaml"
    )
    assert outside == (inside[0], shown, inside[2])


def test_the_examples_give_the_same_findings_from_any_current_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-10-01")
    here = findings(["examples"], REPO)
    elsewhere = findings([str(REPO / "examples")], tmp_path)
    assert here[0] == elsewhere[0]
    assert [f[1:] for f in here[1]] == [f[1:] for f in elsewhere[1]]
    assert not [f for f in here[1] if f[1] in ("JM001", "JM002", "JM003", "JM004")]


# -- the repository's own workspace --------------------------------------------------------


def test_the_repository_workspace_is_the_examples_not_the_test_fixtures(monkeypatch):
    config = load_config(cwd=REPO / "tests" / "fixtures")
    assert (config.file, config.root, config.paths) == (REPO / "pyproject.toml", REPO, ["examples"])
    workspace = load_workspace([], config, REPO)
    assert {f.path.split("/")[0] for f in workspace.targets} == {"examples"}
    assert workspace.findings == []


def test_lint_and_fmt_in_the_repository_root_check_the_examples_only(monkeypatch):
    import re

    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-10-01")
    examples = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "examples").rglob("*.yaml"))
    code, out, err = cli(["lint", "--format", "json"], REPO)
    report = json.loads(out)
    assert (code, err, report["summary"]["files"]) == (0, "", len(examples))
    assert {f["path"] for f in report["findings"]} <= set(examples)
    code, out, err = cli(["fmt", "--check"], REPO)
    counts = re.fullmatch(r"(\d+) files? would be reformatted, (\d+) files? already formatted\n", err.splitlines(True)[-1])
    assert counts is not None and int(counts[1]) + int(counts[2]) == len(examples)


# -- paths that hold no map ----------------------------------------------------------------


NO_FILES = (
    "journeyctl: error: {path}: no journeyctl files found (no *.yaml or *.yml file with a top-level 'journeyctl:' "
    "key outside hidden and excluded paths)\n"
)


@pytest.mark.parametrize(
    "argv",
    [["lint"], ["fmt", "--check"], ["render", "--to", "dot", "-o", "out"], ["report", "-o", "out"], ["paths"]],
    ids=lambda argv: argv[0],
)
@pytest.mark.parametrize("folder", ["empty", "other", "hidden", "excluded"])
def test_a_path_holding_no_journeyctl_file_is_an_error(tmp_path, argv, folder):
    write(tmp_path, {
        "journeyctl.toml": 'exclude = ["excluded"]\n', "other/compose.yml": "services: {}\n",
        "hidden/.map.yaml": MAP.format(id="a"), "excluded/map.yaml": MAP.format(id="b"),
    })
    (tmp_path / "empty").mkdir()
    assert cli([*argv, folder], tmp_path) == (2, "", NO_FILES.format(path=folder))


def test_configured_paths_holding_no_journeyctl_file_are_an_error(tmp_path):
    write(tmp_path, {"journeyctl.toml": 'paths = ["mpas"]\n', "mpas/README.md": "x\n"})
    assert cli(["lint"], tmp_path) == (2, "", NO_FILES.format(path=tmp_path / "mpas"))


@pytest.mark.parametrize("argv", [["lint"], ["fmt"], ["fmt", "--check"]])
def test_an_empty_folder_without_a_path_given_is_the_same_error_as_dot(tmp_path, argv):
    # CI runs `journeyctl lint` with no path: a folder with no map must not pass green.
    assert cli(argv, tmp_path) == (2, "", NO_FILES.format(path="."))
    assert cli([*argv, "."], tmp_path) == (2, "", NO_FILES.format(path="."))


@pytest.mark.parametrize("argv", [["lint"], ["fmt"], ["fmt", "--check"]])
def test_a_configuration_that_excludes_every_map_is_an_error_without_a_path(tmp_path, argv):
    write(tmp_path, {"journeyctl.toml": 'exclude = ["*.yaml"]\n', "maps/a.yaml": MAP.format(id="a")})
    assert cli(argv, tmp_path) == (2, "", NO_FILES.format(path="."))
    assert cli(argv, tmp_path / "maps") == (2, "", NO_FILES.format(path="."))


def test_a_folder_whose_maps_were_named_before_is_not_empty(tmp_path):
    write(tmp_path, {"maps/a.yaml": MAP.format(id="a")})
    code, found = findings(["maps/a.yaml", "maps"], tmp_path)
    assert code == 1 and {f[0] for f in found} == {"maps/a.yaml"}


def test_diff_accepts_an_empty_side(tmp_path):
    write(tmp_path, {"new/a.yaml": MAP.format(id="a")})
    (tmp_path / "old").mkdir()
    code, out, err = cli(["diff", "--format", "json", "old", "new"], tmp_path)
    assert (code, err) == (0, "")
    assert [(j["id"], j["status"]) for j in json.loads(out)["journeys"]] == [("a", "added")]


# -- symbolic link loops -------------------------------------------------------------------


LOOP_FINDING = "loop.yaml (1 error)\nloop.yaml:1:1: error JM001 [invalid-yaml] cannot read the file: Too many levels of symbolic links\n"


@pytest.fixture
def loop(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-10-01")
    write(tmp_path, {"journeyctl.toml": "", "catalog.yaml": CATALOG, "map.yaml": MAP.format(id="plumber")})
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    return tmp_path


@pytest.mark.parametrize("given", [["loop.yaml"], ["."], []], ids=["named", "in a folder", "workspace"])
def test_lint_reports_a_link_loop_as_a_located_finding(loop, given):
    assert findings(given, loop) == (
        1, [("loop.yaml", "JM001", 1, 1, "cannot read the file: Too many levels of symbolic links")]
    )


@pytest.mark.parametrize(
    "argv",
    [["render", "--to", "dot", "loop.yaml"], ["render", "--to", "dot", "-o", "out", "."], ["report", "loop.yaml"],
     ["report", "-o", "out", "."], ["paths", "loop.yaml"], ["paths", "."]],
    ids=" ".join,
)
def test_render_report_and_paths_report_a_link_loop_with_the_maps_they_cannot_read(loop, argv):
    code, _, err = cli(argv, loop)
    assert code == 1
    assert err.startswith(LOOP_FINDING)


@pytest.mark.parametrize("given", [["loop.yaml"], ["."], []], ids=["named", "in a folder", "workspace"])
def test_fmt_reports_a_link_loop_and_formats_the_rest(loop, given):
    before = (loop / "map.yaml").read_bytes()
    code, out, err = cli(["fmt", "--check", *given], loop)
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == "loop.yaml:1:1: cannot read: Too many levels of symbolic links"
    assert err.splitlines()[-1].endswith("1 file could not be formatted")
    assert (loop / "map.yaml").read_bytes() == before


@pytest.mark.parametrize("sides", [["loop.yaml", "map.yaml"], ["map.yaml", "loop.yaml"]], ids=["old", "new"])
def test_diff_reports_a_link_loop_as_a_finding_of_its_side(loop, sides):
    code, out, err = cli(["diff", "--format", "json", *sides], loop)
    assert (code, err) == (0, "")
    delta = json.loads(out)["findings"]
    side = "fixed" if sides[0] == "loop.yaml" else "introduced"
    assert [(f["path"], f["code"], f["line"], f["column"], f["message"]) for f in delta[side]] == [
        ("loop.yaml", "JM001", 1, 1, "cannot read the file: Too many levels of symbolic links")
    ]


def test_show_reports_a_link_loop_in_one_line(loop):
    assert cli(["show", "loop.yaml"], loop) == (
        2, "", "journeyctl: error: loop.yaml: cannot read: Too many levels of symbolic links\n"
    )


# -- hidden files ----------------------------------------------------------------------------


@pytest.mark.parametrize("catalog", [".catalog.yaml", ".shared/catalog.yaml"])
def test_a_hidden_catalog_is_never_used(tmp_path, monkeypatch, catalog):
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-10-01")
    write(tmp_path, {"journeyctl.toml": "", catalog: CATALOG, "map.yaml": MAP.format(id="plumber")})
    if "/" in catalog:  # a catalog in a hidden folder applies to nothing, even a map beside it
        write(tmp_path, {".shared/map.yaml": MAP.format(id="hidden")})
        assert findings([".shared/map.yaml"], tmp_path)[1][0][:4] == (".shared/map.yaml", "JM003", 4, 8)
    code, found = findings([], tmp_path)
    assert code == 1
    assert [f[:4] for f in found] == [
        ("map.yaml", "JM003", 4, 8), ("map.yaml", "JM003", 6, 12), ("map.yaml", "JM003", 9, 62),
        ("map.yaml", "JM003", 10, 61),
    ]
    assert findings(["map.yaml"], tmp_path) == (code, found)


# -- journey ids are unique in the workspace -----------------------------------------------


def test_a_journey_id_clash_is_reported_whichever_of_the_two_maps_is_linted(tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-10-01")
    write(tmp_path, {
        "journeyctl.toml": "", "catalog.yaml": CATALOG,
        "home/plumber.yaml": MAP.format(id="plumber"), "shop/plumber.yaml": MAP.format(id="plumber"),
    })
    message = "duplicate journey id 'plumber': also defined in {other}"
    assert findings(["home/plumber.yaml"], tmp_path) == (
        1, [("home/plumber.yaml", "JM004", 2, 5, message.format(other="shop/plumber.yaml"))]
    )
    assert findings(["shop/plumber.yaml"], tmp_path) == (
        1, [("shop/plumber.yaml", "JM004", 2, 5, message.format(other="home/plumber.yaml"))]
    )
    assert findings(["../shop"], tmp_path / "home") == (
        1, [("../shop/plumber.yaml", "JM004", 2, 5, message.format(other="plumber.yaml"))]
    )
    # Both linted: reported once, on the second.
    assert findings([], tmp_path) == (
        1, [("shop/plumber.yaml", "JM004", 2, 5, message.format(other="home/plumber.yaml"))]
    )


def test_journeys_outside_the_configured_paths_do_not_clash(tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-10-01")
    write(tmp_path, {
        "journeyctl.toml": 'paths = ["maps"]\n', "maps/catalog.yaml": CATALOG,
        "maps/plumber.yaml": MAP.format(id="plumber"), "fixtures/plumber.yaml": MAP.format(id="plumber"),
    })
    assert findings(["maps/plumber.yaml"], tmp_path) == (0, [])


def test_the_loader_resolves_paths_as_real_path_does(tmp_path):
    """A folder is resolved once for its files; every kind of path still comes out as
    :func:`~journeyctl.loading.files.real_path` makes it."""
    from journeyctl.loading.files import real_path
    from journeyctl.loading.workspace.catalogs import Loader

    (tmp_path / "maps" / "deep").mkdir(parents=True)
    (tmp_path / "maps" / "deep" / "a.yaml").write_text("journeyctl: 1\n", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "maps")
    (tmp_path / "maps" / "b.yaml").symlink_to(tmp_path / "maps" / "deep" / "a.yaml")
    (tmp_path / "maps" / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "maps" / "loop.yaml").symlink_to(tmp_path / "maps" / "loop.yaml")
    paths = [
        tmp_path / "linked" / "deep" / "a.yaml", tmp_path / "linked" / "b.yaml", tmp_path / "maps" / "b.yaml",
        tmp_path / "linked" / "dangling.yaml", tmp_path / "linked" / "loop.yaml", tmp_path / "linked" / "missing.yaml",
        tmp_path / "linked" / "deep" / ".." / "b.yaml", Path("relative.yaml"), tmp_path / "maps" / "deep" / "a.yaml",
    ]
    loader = Loader(Config(root=tmp_path), tmp_path)
    assert [loader.real_path(p) for p in paths] == [real_path(p) for p in paths]
    assert loader.real_path(paths[0]) == tmp_path.resolve() / "maps" / "deep" / "a.yaml"
    assert loader.real_path(paths[1]) == tmp_path.resolve() / "maps" / "deep" / "a.yaml"
