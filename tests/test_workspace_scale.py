"""A big catalog beside many maps costs the catalog once plus the maps, not their product."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from journeyctl.checks.linter import lint
from journeyctl.loading.config import Config
from journeyctl.loading.workspace import load_workspace


def catalog(entries: int) -> str:
    lines = ["journeyctl: 1", "kind: catalog", "personas:"]
    lines += [f"  - {{id: persona-{i}, name: Persona {i}, goals: [Get it done]}}" for i in range(entries)]
    lines.append("teams:")
    lines += [f"  - {{id: team-{i}, name: Team {i}}}" for i in range(entries)]
    lines.append("channels:")
    lines += [f"  - {{id: channel-{i}, name: Channel {i}, kind: digital}}" for i in range(entries)]
    return "\n".join(lines) + "\n"


def tiny_map(number: int, with_catalog: bool) -> str:
    who = f"owner: team-{number}\npersonas: [persona-{number}]\n" if with_catalog else ""
    channel = f"channel-{number}" if with_catalog else "web"
    return (
        f"journeyctl: 1\nid: m{number}\ntitle: T\nreviewed: 2026-09-14\n{who}stages: [{{id: s, name: S}}]\n"
        f"touchpoints:\n  - {{id: t, name: T, stage: s, channel: {channel}, lane: customer, entry: true, "
        "end: success}\n"
    )


def workspace(root: Path, maps: int, entries: int) -> Path:
    root.mkdir()
    if entries:
        (root / "catalog.yaml").write_text(catalog(entries), encoding="utf-8")
    for number in range(maps):
        (root / "maps" / f"{number // 50}").mkdir(parents=True, exist_ok=True)
        (root / "maps" / f"{number // 50}" / f"m{number}.yaml").write_text(
            tiny_map(number, bool(entries)), encoding="utf-8"
        )
    return root


def seconds(root: Path) -> float:
    start = time.perf_counter()
    result = lint([], Config(root=root, select=["JM404"]), cwd=root)
    elapsed = time.perf_counter() - start
    assert not [f for f in result.findings if f.code.startswith("JM00")]
    return elapsed


def test_lint_time_grows_with_catalog_plus_maps_not_their_product(tmp_path):
    both = workspace(tmp_path / "both", maps=400, entries=5000)
    catalog_only = workspace(tmp_path / "catalog", maps=1, entries=5000)
    maps_only = workspace(tmp_path / "maps", maps=400, entries=0)
    seconds(maps_only)  # warm-up: imports and caches
    # Copying the catalog into each journey made "both" ~8 times the sum of the other two.
    assert seconds(both) < 2.5 * (seconds(catalog_only) + seconds(maps_only))


def test_journeys_share_their_catalogs_definitions_and_memory_stays_bounded(tmp_path):
    both = workspace(tmp_path / "both", maps=60, entries=600)
    catalog_only = workspace(tmp_path / "catalog", maps=1, entries=600)
    maps_only = workspace(tmp_path / "maps", maps=60, entries=0)

    def kept(root: Path) -> int:
        """Memory the loaded workspace holds on to."""
        tracemalloc.start()
        try:
            loaded = load_workspace([], Config(root=root), root)
            held = tracemalloc.get_traced_memory()[0]
            assert loaded.targets
            return held
        finally:
            tracemalloc.stop()

    docs = list(load_workspace([], Config(root=both), both).docs())
    assert len(docs) == 60
    assert all(doc.personas is docs[0].personas and doc.teams is docs[0].teams for doc in docs)
    # With a copy of the catalog per journey this was 1.6 times the sum, and growing with the maps.
    assert kept(both) < 1.35 * (kept(catalog_only) + kept(maps_only))


def big_map(ident: str, touchpoints: int) -> str:
    """A valid map of ``touchpoints`` steps in a row (about 150 bytes each)."""
    lines = [f"journeyctl: 1\nid: {ident}\ntitle: Big\nowner: team\nreviewed: 2026-09-14",
             "teams: [{id: team, name: Team}]\nstages: [{id: s, name: S}]\ntouchpoints:"]
    for i in range(touchpoints):
        step = "end: success" if i == touchpoints - 1 else f"next: [t{i + 1}]"
        entry = "entry: true, " if i == 0 else ""
        lines.append(f"  - {{id: t{i}, name: Step {i} of the big journey, stage: s, channel: web, "
                     f"lane: customer, {entry}{step}}}")
    return "\n".join(lines) + "\n"


def linking_map(ident: str, link: str) -> str:
    return (
        f"journeyctl: 1\nid: {ident}\ntitle: Small\nowner: team\nreviewed: 2026-09-14\n"
        "teams: [{id: team, name: Team}]\nstages: [{id: s, name: S}]\ntouchpoints:\n"
        "  - {id: start, name: Start, stage: s, channel: web, lane: customer, entry: true, end: success,\n"
        f"     next: [{{journey: {link}, touchpoint: t0}}]}}\n"
    )


def test_linting_one_map_glances_at_its_siblings_instead_of_loading_them(tmp_path):
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "a.yaml").write_text(linking_map("a", "linked"), encoding="utf-8")
    (alone / "linked.yaml").write_text(big_map("linked", 3), encoding="utf-8")
    crowded = tmp_path / "crowded"
    crowded.mkdir()
    (crowded / "a.yaml").write_text(linking_map("a", "linked"), encoding="utf-8")
    (crowded / "linked.yaml").write_text(big_map("linked", 3), encoding="utf-8")
    for number in range(4):
        # each sibling names the linted map's id and the linked one in its text, but defines neither
        text = big_map(f"sibling-{number}", 4000).replace("title: Big", "title: Not a or linked")
        (crowded / f"sibling-{number}.yaml").write_text(text, encoding="utf-8")

    def cost(root: Path) -> tuple[float, int]:
        tracemalloc.start()
        try:
            start = time.perf_counter()
            result = lint(["a.yaml"], Config(root=root), cwd=root)
            elapsed = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        # the link resolved (the linked map was loaded) and nothing else was said
        assert [(f.path, f.code) for f in result.findings] == [], result.findings
        return elapsed, peak

    cost(alone)  # warm-up: imports and caches
    base_seconds, base_peak = cost(alone)
    seconds_crowded, peak_crowded = cost(crowded)
    # Loading the four ~600 kB siblings took ~100 times as long and ~100 times the memory.
    assert seconds_crowded < 10 * base_seconds + 0.05
    assert peak_crowded < 4 * base_peak + 4 * 65536 * 4


def test_a_sibling_that_glances_like_a_clash_is_loaded_and_still_reported(tmp_path):
    (tmp_path / "a.yaml").write_text(linking_map("a", "linked"), encoding="utf-8")
    (tmp_path / "linked.yaml").write_text(big_map("linked", 2), encoding="utf-8")
    # quoted id with a comment: the glance reads it; flow style: the glance cannot, so it loads
    (tmp_path / "clash.yaml").write_text(big_map("a", 2).replace("id: a\n", "'id': \"a\"  # same\n"), "utf-8")
    (tmp_path / "flow.yaml").write_text(
        "{journeyctl: 1, id: a, title: F, stages: [{id: s, name: S}], touchpoints: [{id: t, name: T, stage: s,"
        " channel: web, lane: customer, entry: true, end: success}]}\n", "utf-8")
    result = lint(["a.yaml"], Config(root=tmp_path, select=["JM404"]), cwd=tmp_path)
    assert [(f.path, f.position.line, f.position.column, f.code, f.message) for f in result.findings] == [
        ("a.yaml", 2, 5, "JM004", "duplicate journey id 'a': also defined in clash.yaml"),
    ]
    (tmp_path / "clash.yaml").unlink()
    result = lint(["a.yaml"], Config(root=tmp_path, select=["JM404"]), cwd=tmp_path)
    assert [(f.path, f.code, f.message) for f in result.findings] == [
        ("a.yaml", "JM004", "duplicate journey id 'a': also defined in flow.yaml"),
    ]


def test_a_link_that_does_not_resolve_is_offered_the_glanced_ids_of_maps_not_loaded(tmp_path):
    (tmp_path / "a.yaml").write_text(linking_map("a", "linkd"), encoding="utf-8")
    (tmp_path / "linked.yaml").write_text(big_map("linked", 2), encoding="utf-8")
    result = lint(["a.yaml"], Config(root=tmp_path, select=["JM404"]), cwd=tmp_path)
    assert [(f.path, f.position.line, f.position.column, f.code, f.message) for f in result.findings] == [
        ("a.yaml", 10, 23, "JM003", "touchpoint 'start': unknown journey 'linkd' — did you mean 'linked'?"),
    ]
