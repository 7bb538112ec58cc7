"""A big catalog beside many maps costs the catalog once plus the maps, not their product."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from journeyctl.config import Config
from journeyctl.linter import lint
from journeyctl.workspace import load_workspace


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
