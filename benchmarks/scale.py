"""Organisation scale: a generated workspace of 2,000 maps, linted cold, warm and after edits.

The workspace (``write_workspace``): maps of 10 to 40 touchpoints (the bundled examples
have 10 to 25, the throughput corpus 60) in five area folders of twenty team folders,
a catalog at the root and one in each area, and every map continuing in another one
(a cross-journey link). Each lint is ``journeyctl lint --select ALL --format json`` run
from the workspace root with the default number of processes (one per core).

Measured, each as a ratio to the *floor* (a bare single-process PyYAML ``CSafeLoader``
load of the same files, measured in the same run), best of ``--runs``:

- cold: no cache;
- warm: the cache written and nothing changed;
- one map changed: a map's title edited before each run; its target adds the time of
  that map's own lint (``lint --no-cache MAP`` less ``python -c pass``);
- one catalog changed: an area's catalog edited, so its 400 maps are checked again;
- peak resident memory of the cold lint at 2,000 and at 8,000 maps (the largest process:
  each pool process holds one map at a time and the main one only facts and findings),
  with the default rules (no findings on these maps: what a run itself holds), then of
  the warm lint that follows, and, for reference, of a cold lint with every rule (about
  seven findings per map, all held for the sorted report).

Targets (the scale issue, 2 cores): cold ≤ 1.0× the floor, warm ≤ 0.1×, one map changed
≤ 0.1× + that map; memory must not grow with the number of maps (8,000 maps within
1.5× the peak of 2,000, cold and warm).

Usage::

    python benchmarks/scale.py [--runs 3] [--maps 2000] [--large 8000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402  (the sibling module, importable once the folder is on the path)

from journeyctl.loading.cache import RACY_NS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MAPS, LARGE = 2000, 8000
AREAS = generate._AREAS
GROUPS = 20
SIZES = (10, 40)

FLOOR = """\
import sys, yaml
for path in open(sys.argv[1], encoding="utf-8").read().split("\\n"):
    with open(path, encoding="utf-8") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
"""

PEAK_RSS = """\
import os, sys
pid = os.fork()
if pid == 0:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""

CATALOG = """\
journeyctl: 1
kind: catalog
# {note}
personas:
  - id: {area}-regular
    name: Regular {area} customer
    preferred_channels: [web, phone]
channels:
  - {{id: {area}-kiosk, name: {area} kiosk, kind: in-person}}
teams:
  - {{id: {area}-desk, name: {area} desk}}
"""


def write_workspace(folder: Path, maps: int, seed: int = generate.DEFAULT_SEED) -> list[Path]:
    """Write the workspace of ``maps`` maps (see the module's docstring); return the maps."""
    rng = random.Random(f"{seed}:scale")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "journeyctl.toml").write_text("", encoding="utf-8")
    (folder / "catalog.yaml").write_text(CATALOG.format(area="all", note="every area"), encoding="utf-8")
    for area in AREAS:
        (folder / area).mkdir(exist_ok=True)
        (folder / area / "catalog.yaml").write_text(CATALOG.format(area=area, note="first"), encoding="utf-8")
    written = []
    for index in range(maps):
        area = AREAS[index % len(AREAS)]
        path = folder / area / f"team-{(index // len(AREAS)) % GROUPS:02d}" / f"{generate.journey_id(index)}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = generate.journey_map(index, rng.randint(*SIZES), seed, (index + 1) % maps)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


@dataclass
class Scenario:
    name: str
    seconds: list[float] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(self.seconds)


def _timed(argv: list[str], cwd: Path, env: dict[str, str], expect: tuple[int, ...] = (0, 1)) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in expect:
        sys.exit(f"scale.py: {' '.join(argv[:4])}… exited with {done.returncode}:\n{done.stderr.decode()[-2000:]}")
    return elapsed


def _peak_rss_mb(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    done = subprocess.run([sys.executable, "-c", PEAK_RSS, *argv], cwd=cwd, env=env, capture_output=True, check=True)
    rss, _ = done.stdout.split()
    return int(rss) / 1024


def _edit(path: Path, round_number: int) -> None:
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\ntitle: ")
    line, newline, tail = rest.partition("\n")
    path.write_text(f"{head}{sep}{line.split(' (edit')[0]} (edit {round_number}){newline}{tail}", encoding="utf-8")


def _edit_catalog(path: Path, round_number: int) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(text.splitlines()[2], f"# edit {round_number}"), encoding="utf-8")


def as_installed(env: dict[str, str]) -> None:
    """Let ``env``'s commands import journeyctl as an installed package does, from
    bytecode: compile this checkout's sources now, and let Python keep bytecode. With
    ``PYTHONDONTWRITEBYTECODE`` set, every module edited since its bytecode was written
    would be compiled again at each run, and start-up measured the compiler."""
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def measure(journeyctl: list[str], folder: Path, runs: int, maps: int = MAPS, large: int = LARGE) -> dict:
    """Every figure of the module's docstring, measured in ``folder``."""
    env = {**os.environ, "JOURNEYCTL_TODAY": generate.TODAY.isoformat(), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    # this checkout's journeyctl, whatever is installed
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    as_installed(env)
    workspace = folder / "scale"
    written = write_workspace(workspace, maps)
    files = [*written, workspace / "catalog.yaml", *(workspace / a / "catalog.yaml" for a in AREAS)]
    listing = folder / "files.txt"
    listing.write_text("\n".join(str(p) for p in files), encoding="utf-8")
    size = sum(p.stat().st_size for p in files)
    # A stat is trusted once a file has been unchanged for two seconds (the racy-file rule).
    time.sleep(2.5)
    lint = [*journeyctl, "lint", "--select", "ALL", "--format", "json"]
    cache = workspace / ".journeyctl_cache"
    changed, catalog = written[len(written) // 2], workspace / AREAS[1] / "catalog.yaml"
    floor, cold, warm, one, cat, alone = (Scenario(n) for n in (
        "floor: CSafeLoader load", "cold lint", "warm, nothing changed", "warm, one map changed",
        "warm, one area catalog changed", "that map alone",
    ))
    bare = Scenario("python -c pass")
    for round_number in range(runs):
        floor.seconds.append(_timed([sys.executable, "-c", FLOOR, str(listing)], workspace, env, (0,)))
        bare.seconds.append(_timed([sys.executable, "-c", "pass"], workspace, env, (0,)))
        shutil.rmtree(cache, ignore_errors=True)
        cold.seconds.append(_timed(lint, workspace, env))
        time.sleep(2.5)  # let the files the cold run saw as just written be trusted
        _timed(lint, workspace, env)
        warm.seconds.append(_timed(lint, workspace, env))
        _edit(changed, round_number)
        one.seconds.append(_timed(lint, workspace, env))
        alone.seconds.append(_timed([*lint, "--no-cache", str(changed)], workspace, env))
        _edit_catalog(catalog, round_number)
        cat.seconds.append(_timed(lint, workspace, env))
        print(f"scale: round {round_number + 1}/{runs} done", file=sys.stderr)
    # Memory with the default rules (no findings on this workspace: what the run itself
    # holds) and with every rule (about seven findings per map, which the report holds).
    default = [*journeyctl, "lint", "--format", "json"]
    rss, rss_warm, rss_all = {}, {}, {}
    for count in (maps, large) if large else (maps,):
        if count != maps:
            write_workspace(workspace, count)
            # A file changed less than RACY_NS before a run read it is hashed again by the
            # next run (an edit in the same clock tick keeps its stat): wait that out, or
            # the warm run would measure re-hashing the maps written last, not a warm run.
            time.sleep(RACY_NS / 1e9 + 0.5)
        shutil.rmtree(cache, ignore_errors=True)
        rss[count] = _peak_rss_mb(default, workspace, env)
        rss_warm[count] = _peak_rss_mb(default, workspace, env)
        shutil.rmtree(cache, ignore_errors=True)
        rss_all[count] = _peak_rss_mb(lint, workspace, env)
        shutil.rmtree(workspace)
    return {
        "maps": maps, "bytes": size, "floor": floor, "cold": cold, "warm": warm, "one": one, "catalog": cat,
        "alone": alone, "bare": bare, "rss": rss, "rss_warm": rss_warm, "rss_all": rss_all,
    }


@dataclass
class Target:
    label: str
    value: float
    limit: float | None
    unit: str

    @property
    def verdict(self) -> str:
        if self.limit is None:
            return "(reported)"
        return "PASS" if self.value <= self.limit else "FAIL"

    def row(self) -> tuple[str, str, str, str]:
        shown = f"{self.value:.2f}×" if self.unit == "×" else f"{self.value:.0f} MB"
        bound = "" if self.limit is None else (f"≤ {self.limit:.2f}×" if self.unit == "×" else f"≤ {self.limit:.0f} MB")
        return self.label, shown, bound, self.verdict


def targets(figures: dict) -> list[Target]:
    floor = figures["floor"].best
    that_map = max(0.0, figures["alone"].best - figures["bare"].best) / floor
    rows = [
        Target(f"cold lint of {figures['maps']:,} maps ÷ floor", figures["cold"].best / floor, 1.0, "×"),
        Target("warm, nothing changed ÷ floor", figures["warm"].best / floor, 0.1, "×"),
        Target("warm, one map changed ÷ floor (limit: 0.1× + that map)", figures["one"].best / floor, 0.1 + that_map, "×"),
        Target("warm, one area catalog changed (a fifth of the maps) ÷ floor", figures["catalog"].best / floor, None, "×"),
    ]
    for run, measured in (("cold", figures["rss"]), ("warm", figures["rss_warm"])):
        small = measured[figures["maps"]]
        rows.append(Target(f"peak RSS, {run} lint of {figures['maps']:,} maps", small, None, "MB"))
        for count, peak in measured.items():
            if count != figures["maps"]:
                rows.append(Target(
                    f"peak RSS, {run} lint of {count:,} maps (limit: 1.5× that of {figures['maps']:,})", peak,
                    1.5 * small, "MB",
                ))
    for count, peak in figures["rss_all"].items():
        rows.append(Target(f"peak RSS, cold lint of {count:,} maps, every rule (findings held for the report)", peak,
                           None, "MB"))
    return rows


def timings(figures: dict) -> list[tuple[str, str]]:
    return [
        (s.name, f"{s.best:.3f}") for s in (
            figures["bare"], figures["floor"], figures["cold"], figures["warm"], figures["one"], figures["alone"],
            figures["catalog"],
        )
    ]


def markdown(figures: dict) -> str:
    """The section of benchmarks/results.md."""
    lines = [
        "",
        "## Organisation scale",
        "",
        f"`benchmarks/scale.py`: a generated workspace of {figures['maps']:,} maps "
        f"({figures['bytes'] / 1024 / 1024:.1f} MiB of YAML, 10–40 touchpoints each, catalogs at the root and in each "
        "of five area folders, every map linking to another), linted with `lint --select ALL --format json` on "
        f"every core. Times are the best of {len(figures['cold'].seconds)} runs; each ratio is to the floor, "
        "a single-process `CSafeLoader` load of the same files measured in the same run.",
        "",
        "| Target | Measured | Limit | Result |",
        "|---|---|---|---|",
        *(f"| {' | '.join(row)} |" for row in (t.row() for t in targets(figures))),
        "",
        "| Run | Best (s) |",
        "|---|---|",
        *(f"| {name} | {seconds} |" for name, seconds in timings(figures)),
    ]
    return "\n".join(lines) + "\n"


def plain(figures: dict) -> str:
    out = [f"{name:<40} {seconds:>8} s" for name, seconds in timings(figures)]
    out += [f"{label:<70} {value:>8} {limit:>9} {verdict}" for label, value, limit, verdict in (t.row() for t in targets(figures))]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--maps", type=int, default=MAPS)
    parser.add_argument("--large", type=int, default=LARGE, help="maps of the memory comparison (0: skip it)")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    args = parser.parse_args(argv)
    journeyctl = [sys.executable, "-m", "journeyctl"]
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="journeyctl-scale-"))
    try:
        figures = measure(journeyctl, folder, args.runs, args.maps, args.large)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(plain(figures))
    return 0 if all(t.verdict != "FAIL" for t in targets(figures)) else 1


if __name__ == "__main__":
    raise SystemExit(main())
