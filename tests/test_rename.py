"""``journeyctl rename``: every place an id is named, in every file, or nothing at all.

The workspace (tests/fixtures/rename) has a catalog and two journeys, one linking into the
other; ``aftercare.yaml`` has CRLF line endings, a quoted id and Greek and emoji text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journeyctl.cli import run
from journeyctl.loading.config import Config
from journeyctl.review.fixes import rename

WORKSPACE = Path(__file__).resolve().parent / "fixtures" / "rename"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(WORKSPACE, folder)
    monkeypatch.chdir(folder)
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-12-01")
    return folder


def _changed(folder: Path) -> dict[str, list[tuple[bytes, bytes]]]:
    """For each file that differs from the fixture: its (old line, new line) pairs."""
    changed = {}
    for original in sorted(WORKSPACE.rglob("*.yaml")):
        name = original.relative_to(WORKSPACE).as_posix()
        old, new = original.read_bytes().splitlines(True), (folder / name).read_bytes().splitlines(True)
        assert len(old) == len(new), name
        pairs = [(a, b) for a, b in zip(old, new) if a != b]
        if pairs:
            changed[name] = pairs
    return changed


def test_a_touchpoint_is_renamed_in_its_map_and_in_links_from_other_maps(workspace: Path, capsys) -> None:
    assert run(["rename", "touchpoint", "survey", "poll"]) == 0
    assert capsys.readouterr().err == "Renamed touchpoint 'survey' to 'poll': 2 places in 2 files\n"
    assert _changed(workspace) == {
        "maps/aftercare.yaml": [(b"  - id: survey\r\n", b"  - id: poll\r\n")],
        "maps/booking.yaml": [(
            b"      - {journey: aftercare, touchpoint: survey}  # journeyctl: ignore[JM108, dead-end]\n",
            b"      - {journey: aftercare, touchpoint: poll}  # journeyctl: ignore[JM108, dead-end]\n",
        )],
    }


def test_a_catalog_team_is_renamed_in_the_catalog_and_every_map_that_uses_it(workspace: Path, capsys) -> None:
    assert run(["rename", "team", "reception", "front-desk", "--dry-run"]) == 0
    assert capsys.readouterr().out == "catalog.yaml: 1 place\nmaps/aftercare.yaml: 1 place\nmaps/booking.yaml: 3 places\n"
    assert _changed(workspace) == {}
    assert run(["rename", "team", "reception", "front-desk"]) == 0
    assert _changed(workspace) == {
        "catalog.yaml": [(b"  - {id: reception, name: Reception}\n", b"  - {id: front-desk, name: Reception}\n")],
        "maps/aftercare.yaml": [(b"    owner: reception\r\n", b"    owner: front-desk\r\n")],
        "maps/booking.yaml": [
            (b"owner: reception\n", b"owner: front-desk\n"),
            (b"    owner: reception\n", b"    owner: front-desk\n"),
            (b"    owner: reception\n", b"    owner: front-desk\n"),
        ],
    }
    capsys.readouterr()
    assert run(["lint", "--format", "json"]) == 0  # the same warnings as before the rename, no error
    assert capsys.readouterr().out.count('"code": "JM') == 3


def test_a_pain_point_is_renamed_where_roadmap_items_address_it(workspace: Path) -> None:
    assert run(["rename", "pain-point", "on-hold", "hold-queue"]) == 0
    assert _changed(workspace) == {"maps/booking.yaml": [
        (b"      - {id: on-hold, summary: Waits on hold for 9 minutes, severity: high}\n",
         b"      - {id: hold-queue, summary: Waits on hold for 9 minutes, severity: high}\n"),
        (b"    addresses: [on-hold, call-office]\n", b"    addresses: [hold-queue, call-office]\n"),
    ]}


def test_a_quoted_id_keeps_its_quotes_and_a_stage_is_picked_by_journey(workspace: Path, capsys) -> None:
    assert run(["rename", "stage", "book", "rebooking"]) == 2
    assert capsys.readouterr().err == (
        "journeyctl: error: stage 'book' is defined in 2 files (maps/aftercare.yaml, maps/booking.yaml): "
        "say which with --journey ID\n"
    )
    assert run(["rename", "stage", "book", "rebooking", "--journey", "aftercare"]) == 0
    assert _changed(workspace) == {"maps/aftercare.yaml": [
        (b"  - {id: book, name: Book again}\r\n", b"  - {id: rebooking, name: Book again}\r\n"),
        (b'    stage: "book"\r\n', b'    stage: "rebooking"\r\n'),
    ]}


def test_a_journey_is_renamed_with_the_links_into_it(workspace: Path, capsys) -> None:
    assert run(["rename", "journey", "aftercare", "after-visit", "--diff"]) == 1
    assert capsys.readouterr().out == (
        "--- a/maps/aftercare.yaml\n+++ b/maps/aftercare.yaml\n@@ -1,5 +1,5 @@\n journeyctl: 1\r\n"
        "-id: aftercare\r\n+id: after-visit\r\n title: Μετά την επίσκεψη 🔧\r\n owner: dispatch\r\n"
        " reviewed: 2026-09-14\r\n"
        "--- a/maps/booking.yaml\n+++ b/maps/booking.yaml\n@@ -35,7 +35,7 @@\n     emotion: 1\n     end: success\n"
        "     next:\n-      - {journey: aftercare, touchpoint: survey}  # journeyctl: ignore[JM108, dead-end]\n"
        "+      - {journey: after-visit, touchpoint: survey}  # journeyctl: ignore[JM108, dead-end]\n"
        " roadmap:\n   - id: callback\n     title: Offer a call-back\n"
    )
    assert _changed(workspace) == {}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["touchpoint", "survey", "Survey_2"],
         "'Survey_2' is not a valid id: use lowercase letters, digits and '-', starting with a letter or digit"),
        (["touchpoint", "call-office", "on-hold"], "cannot rename touchpoint 'call-office' to 'on-hold': 'on-hold' already exists"),
        (["journey", "booking", "aftercare"], "cannot rename journey 'booking' to 'aftercare': 'aftercare' already exists"),
        (["channel", "yard-sign", "web"], "cannot rename channel 'yard-sign' to 'web': 'web' already exists"),
        (["persona", "nobody", "somebody"], "no persona 'nobody' is defined"),
        (["touchpoint", "call-ofice", "phone-call"], "no touchpoint 'call-ofice' is defined — did you mean 'call-office'?"),
        (["team", "Reception", "front-desk"], "no team 'Reception' is defined — did you mean 'reception'?"),
        (["stage", "call-office", "phone-call"],
         "no stage 'call-office' is defined, but a touchpoint is: journeyctl rename touchpoint call-office phone-call"),
        (["channel", "web", "website"],
         "'web' is a built-in channel and cannot be renamed: declare a channel of your own under 'channels:' "
         "and use its id instead"),
        (["stage", "book", "x", "--journey", "nowhere"], "--journey: no journey 'nowhere' in the workspace"),
        (["widget", "a", "b"],
         "unknown kind 'widget' (expected one of stage, channel, team, persona, touchpoint, journey, pain-point, "
         "roadmap-item)"),
    ],
)
def test_a_rename_that_cannot_be_done_writes_nothing_and_says_why(workspace: Path, capsys, args, message) -> None:
    assert run(["rename", *args]) == 2
    assert capsys.readouterr().err == f"journeyctl: error: {message}\n"
    assert _changed(workspace) == {}


def test_nothing_is_written_when_one_file_changed_since_it_was_read(workspace: Path) -> None:
    files = rename.rename_paths([], Config(root=workspace), "team", "reception", "front-desk", cwd=workspace)
    assert [f.path for f in files] == ["catalog.yaml", "maps/aftercare.yaml", "maps/booking.yaml"]
    booking = workspace / "maps" / "booking.yaml"
    booking.write_bytes(booking.read_bytes() + b"# edited meanwhile\n")
    with pytest.raises(rename.NotWritten, match="maps/booking.yaml: the file changed since it was read; nothing was renamed"):
        rename.write_all(files)
    assert (workspace / "catalog.yaml").read_bytes() == (WORKSPACE / "catalog.yaml").read_bytes()
    assert (workspace / "maps" / "aftercare.yaml").read_bytes() == (WORKSPACE / "maps" / "aftercare.yaml").read_bytes()


def test_rename_edits_are_offsets_in_each_files_text(workspace: Path) -> None:
    from journeyctl.loading.workspace import load_workspace

    loaded = load_workspace([], Config(root=workspace), workspace)
    edits = rename.rename_edits(loaded, "touchpoint", "rebook", "again")
    texts = {f.location: f.text for f in loaded.targets}
    assert sorted((location.name, [texts[location][e.start:e.end] for e in found], {e.text for e in found})
                  for location, found in edits.items()) == [("aftercare.yaml", ["rebook", "rebook"], {"again"})]


def test_an_anchored_or_tagged_id_keeps_its_anchor_and_tag(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "map.yaml").write_text(
        "journeyctl: 1\nid: anchors\ntitle: Âncoras\nlanguage: pt-BR\n"
        "stages:\n  - id: &st book\n    name: Agendar\n"
        "touchpoints:\n"
        "  - id: !!str start\n    name: Início\n    stage: *st\n    channel: web\n    entry: true\n    next: [fin]\n"
        "  - id: fin\n    name: Fim\n    stage: !!str book\n    channel: web\n    end: success\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert run(["rename", "stage", "book", "booking"]) == 0
    assert run(["rename", "touchpoint", "start", "begin"]) == 0
    assert capsys.readouterr().err == (
        "Renamed stage 'book' to 'booking': 2 places in 1 file\n"
        "Renamed touchpoint 'start' to 'begin': 1 place in 1 file\n"
    )
    assert (tmp_path / "map.yaml").read_text(encoding="utf-8") == (
        "journeyctl: 1\nid: anchors\ntitle: Âncoras\nlanguage: pt-BR\n"
        "stages:\n  - id: &st booking\n    name: Agendar\n"
        "touchpoints:\n"
        "  - id: !!str begin\n    name: Início\n    stage: *st\n    channel: web\n    entry: true\n    next: [fin]\n"
        "  - id: fin\n    name: Fim\n    stage: !!str booking\n    channel: web\n    end: success\n"
    )


def test_a_map_that_does_not_parse_is_named_as_left_out(workspace: Path, capsys) -> None:
    # Its links cannot be read, so a place in it that names the id may stay behind: the
    # rename goes ahead with the maps it can read, and says which one it could not.
    (workspace / "maps" / "draft.yaml").write_text(
        "journeyctl: 1\nid: draft\ntitle: Draft\nstages: [{id: s, name: S}]\ntouchpoints:\n"
        "  - {id: t, name: T, stage: s, channel: web, next: [{journey: aftercare, touchpoint: survey}]}\n"
        "  - [\n",
        encoding="utf-8",
    )
    assert run(["rename", "touchpoint", "survey", "poll", "--dry-run"]) == 0
    assert capsys.readouterr().err == (
        "journeyctl: warning: maps/draft.yaml:8:1: not renamed: the file is not valid YAML, so the places in it "
        "that name 'survey' cannot be found\n"
    )
    assert run(["rename", "touchpoint", "survey", "poll"]) == 0
    assert capsys.readouterr().err == (
        "journeyctl: warning: maps/draft.yaml:8:1: not renamed: the file is not valid YAML, so the places in it "
        "that name 'survey' cannot be found\n"
        "Renamed touchpoint 'survey' to 'poll': 2 places in 2 files\n"
    )


@pytest.mark.parametrize("new", ["2027", "true", "null", "1e3", "0x1f"])
def test_a_new_id_that_yaml_would_read_as_no_text_is_quoted_where_it_is_plain(workspace: Path, new: str) -> None:
    # '2027' is a valid id, but 'stage: 2027' is a number: plain places get quotes, quoted
    # places keep theirs.
    assert run(["rename", "stage", "book", new, "--journey", "aftercare"]) == 0
    assert _changed(workspace) == {"maps/aftercare.yaml": [
        (b"  - {id: book, name: Book again}\r\n", f'  - {{id: "{new}", name: Book again}}\r\n'.encode()),
        (b'    stage: "book"\r\n', f'    stage: "{new}"\r\n'.encode()),
    ]}
