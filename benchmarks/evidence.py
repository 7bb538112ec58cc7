"""Benchmark `journeyctl evidence` against the floor (bare DuckDB) and a peer (pm4py).

Generates logs for an example map with ``evidence_log.py`` (seed 2026) and runs every command
as a subprocess, each under a small launcher that reports its wall-clock time and the peak
resident memory of that process alone (DuckDB's memory included: it lives in the process).

Targets (the evidence issue), ratios measured in the same run:

- the floor: DuckDB computing the bare directly-follows counts of a Parquet log of
  ``--events`` (20 million) events, in a process of its own; ``journeyctl evidence --format
  json`` on the same file takes at most 2× as long;
- the peer: pm4py end to end from a CSV log of ``--peer-events`` (5 million) events (pandas
  reads it, then pm4py's directly-follows discovery); journeyctl on the same CSV file takes
  at least 3× less time. pm4py is never a dependency of journeyctl: it is installed into a
  separate virtual environment (``--pm4py-venv``, created with ``pip install pm4py`` when
  missing);
- memory: journeyctl's peak resident memory at 20 million events stays under 2 GB (DuckDB's
  default memory limit of 1.5 GB; the rest spills to disk);
- scale: ``--huge-events`` (100 million) events complete (``--huge-events 0`` skips it).

journeyctl runs from this checkout's ``src`` folder. The floor and ``evidence`` on the Parquet
log run ``--repeat`` times (3), one after the other in turn, and the best time of each is
compared, so that other work on the machine weighs on both alike; the peer, the CSV run and the
huge log run once.

Usage::

    pip install -e '.[evidence]'
    python benchmarks/evidence.py [--events 20000000] [--peer-events 5000000]
        [--huge-events 100000000] [--repeat 3] [--output benchmarks/results.md] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import evidence_log  # noqa: E402  (the sibling module)

ROOT = Path(__file__).resolve().parent.parent
# A map whose touchpoints name their events, so that evidence maps the whole log.
EXAMPLE_MAP = ROOT / "examples" / "contact-centre" / "social-to-chat.yaml"
SECTION = "## Evidence"
MB = 1024 * 1024

# Runs a command, then prints its wall-clock seconds, peak resident memory (kB) and exit
# code. A child keeps the high-water mark of the process it was forked from, so the
# measuring process must be small: this launcher is.
LAUNCHER = """\
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""

FLOOR = """\
import sys, duckdb
con = duckdb.connect(config={"memory_limit": sys.argv[2], "temp_directory": sys.argv[3]})
pairs = con.execute(
    "SELECT activity, following, count(*) FROM (SELECT activity, lead(activity) OVER "
    "(PARTITION BY case_id ORDER BY timestamp) AS following FROM read_parquet(?)) "
    "WHERE following IS NOT NULL GROUP BY ALL",
    [sys.argv[1]],
).fetchall()
print(len(pairs))
"""

PEER = """\
import sys
import pandas as pd
import pm4py
frame = pd.read_csv(sys.argv[1])
frame = pm4py.format_dataframe(frame, case_id="case_id", activity_key="activity", timestamp_key="timestamp")
dfg, starts, ends = pm4py.discover_dfg(frame)
print(len(dfg))
"""


@dataclass
class Run:
    name: str
    seconds: float
    rss_kb: int


def measure(name: str, argv: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> Run:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *argv], cwd=cwd, capture_output=True, text=True, env=env)
    seconds, rss, code = done.stdout.split()
    if int(code) not in ok:
        sys.exit(f"evidence.py: {name} exited with {code}:\n{done.stderr[-2000:]}")
    run = Run(name, float(seconds), int(rss))
    print(f"{name}: {run.seconds:.1f} s, {run.rss_kb / 1024:.0f} MB", file=sys.stderr)
    return run


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda run: run.seconds)


def evidence_argv(log: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "journeyctl", "evidence", str(EXAMPLE_MAP), "--events", str(log), "--format", "json", "-o", str(out)]


def pm4py_python(folder: Path) -> Path:
    """The interpreter of a virtual environment holding pm4py (made when missing)."""
    python = folder / "bin" / "python"
    if not python.exists():
        print(f"creating {folder} with pm4py (a benchmark peer, never a journeyctl dependency)", file=sys.stderr)
        venv.create(folder, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "pm4py"], check=True)
    return python


def version_of(python: Path, package: str) -> str:
    done = subprocess.run(
        [str(python), "-c", f"from importlib.metadata import version; print(version({package!r}))"],
        capture_output=True, text=True,
    )
    return done.stdout.strip() or "not installed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=20_000_000)
    parser.add_argument("--peer-events", type=int, default=5_000_000)
    parser.add_argument("--huge-events", type=int, default=100_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the floor and of evidence on the Parquet log")
    parser.add_argument("--pm4py-venv", type=Path, default=ROOT / "benchmarks" / ".venv-pm4py")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results.md")
    parser.add_argument("--keep", type=Path, help="keep the generated logs in this folder")
    args = parser.parse_args(argv)

    folder = args.keep or Path(tempfile.mkdtemp(prefix="journeyctl-evidence-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    spill = folder / "spill"
    spill.mkdir(exist_ok=True)
    try:
        label = "evidence --format json"
        logs = {
            "main": (folder / f"{EXAMPLE_MAP.stem}-{args.events}.parquet", args.events),
            "peer": (folder / f"{EXAMPLE_MAP.stem}-{args.peer_events}.csv", args.peer_events),
        }
        if args.huge_events:
            logs["huge"] = (folder / f"{EXAMPLE_MAP.stem}-{args.huge_events}.parquet", args.huge_events)
        for path, events in logs.values():
            if not path.exists():
                print(f"generating {path.name}", file=sys.stderr)
                evidence_log.write_log(EXAMPLE_MAP, path, events)

        main_log, peer_log = logs["main"][0], logs["peer"][0]
        out = folder / "out.json"
        floors, ours_runs = [], []
        for _ in range(max(1, args.repeat)):
            floors.append(measure("floor: DuckDB directly-follows counts", [sys.executable, "-c", FLOOR, str(main_log), "1.5GB", str(spill)], folder))
            ours_runs.append(measure(f"journeyctl {label}", evidence_argv(main_log, out), folder))
        floor, ours = best(floors), best(ours_runs)
        ours = Run(ours.name, ours.seconds, max(run.rss_kb for run in ours_runs))
        python = pm4py_python(args.pm4py_venv)
        peer = measure("pm4py: pandas read_csv + discover_dfg", [str(python), "-c", PEER, str(peer_log)], folder)
        ours_csv = measure(f"journeyctl {label}, CSV", evidence_argv(peer_log, out), folder)
        huge = None
        if "huge" in logs:
            huge = measure(f"journeyctl {label}, {args.huge_events:,} events", evidence_argv(logs["huge"][0], out), folder)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    targets = [
        (f"{label} ÷ floor, {args.events:,} events (Parquet)", ours.seconds / floor.seconds, "≤ 2.00×", ours.seconds <= 2 * floor.seconds),
        (f"pm4py ÷ journeyctl, {args.peer_events:,} events (CSV)", peer.seconds / ours_csv.seconds, "≥ 3.00×", peer.seconds >= 3 * ours_csv.seconds),
        (f"peak RSS, {args.events:,} events", ours.rss_kb / 1024, "< 2048 MB", ours.rss_kb * 1024 < 2048 * MB),
    ]
    runs = [floor, ours, peer, ours_csv] + ([huge] if huge else [])
    section = report(targets, runs, huge, args, version_of(python, "pm4py"))
    write_section(args.output, section)
    print(section)
    return 0 if all(passed for *_, passed in targets) else 1


def report(targets, runs: list[Run], huge: Run | None, args, pm4py_version: str) -> str:
    lines = [
        f"{SECTION} (`benchmarks/evidence.py`)",
        "",
        f"Logs generated by `benchmarks/evidence_log.py` (seed 2026) for `examples/contact-centre/social-to-chat.yaml`; "
        f"each command runs as a subprocess, the floor and `evidence` on the Parquet log {max(1, args.repeat)} times in turn "
        "(best time; peak RSS: the highest of the runs), the others once; peak RSS is the process's own (DuckDB included). "
        f"pm4py {pm4py_version} in a virtual environment of its own.",
        "",
    ]
    lines += ["| Target | Measured | Limit | Result |", "|---|---|---|---|"]
    for label, value, limit, passed in targets:
        shown = f"{value:.0f} MB" if limit.endswith("MB") else f"{value:.2f}×"
        lines.append(f"| {label} | {shown} | {limit} | {'PASS' if passed else 'FAIL'} |")
    if huge:
        lines.append(f"| {args.huge_events:,} events complete | {huge.seconds:.0f} s, {huge.rss_kb / 1024:.0f} MB | completes | PASS |")
    lines += ["", "| Command | Wall (s) | Peak RSS (MB) |", "|---|---|---|"]
    lines += [f"| {run.name} | {run.seconds:.1f} | {run.rss_kb / 1024:.0f} |" for run in runs]
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    """Put ``section`` in place of an earlier one (up to the next section or marker), else
    at the end of the results file; the other sections stay as they are."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# journeyctl benchmark results\n"
    start = text.find(f"\n{SECTION} ")
    if start < 0:
        path.write_text(text.rstrip("\n") + "\n\n" + section, encoding="utf-8")
        return
    ends = [i for i in (text.find("\n## ", start + 1), text.find("\n<!-- ", start + 1)) if i >= 0]
    rest = text[min(ends):].lstrip("\n") if ends else ""
    path.write_text(text[:start + 1] + section + ("\n" + rest if rest else ""), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
