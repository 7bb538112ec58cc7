"""Every command on the most expensive inputs the default limits admit: time and memory.

The bound (docs/security.md): each command finishes within 10 seconds and 500 MB on a
2-core machine. The inputs:

- ``realistic``: a generated map of ``max-touchpoints`` (8,000) touchpoints, ``generate.py``;
- ``schema-errors``: as many values as the loader holds, each a schema error;
- ``values``: a file just under ``max-file-size`` of list items, refused at the value limit;
- ``comments``: a file just under ``max-file-size`` of suppression comments.

Each command runs once per input as a subprocess; the wall time and the peak resident
memory of that process are reported, with PASS or FAIL against the bound. ``diff`` compares
the input with a copy of itself; ``render --to svg`` needs Graphviz and stops at its own
120-second layout limit.

Usage::

    python benchmarks/limits.py [--only NAME ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

import generate  # noqa: E402

from journeyctl.loading.config import DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_TOUCHPOINTS  # noqa: E402
from journeyctl.loading.yamlload import MAX_VALUES  # noqa: E402

SECONDS = 10.0
MEGABYTES = 500


def inputs() -> dict[str, str]:
    head = "journeyctl: 1\nid: t\ntitle: T\nstages: [{id: s, name: S}]\n"
    tail = "touchpoints: [{id: t, name: T, stage: s, channel: web, entry: true, end: success}]\n"
    comment = "# journeyctl: ignore[dead-end]\n"
    items = (DEFAULT_MAX_FILE_SIZE - 40) // 2
    return {
        "realistic": generate.journey_map(DEFAULT_MAX_TOUCHPOINTS, DEFAULT_MAX_TOUCHPOINTS),
        # the root, id, title, stages (3 values) and touchpoints (7) leave the rest to tags
        "schema-errors": head + tail + "tags: [" + ",".join(["1"] * (MAX_VALUES - 20)) + "]\n",
        "values": "journeyctl: 1\nid: t\ntags: [" + ",".join(["1"] * items) + "]\n",
        "comments": head + comment * ((DEFAULT_MAX_FILE_SIZE - len(head) - len(tail)) // len(comment)) + tail,
    }


def commands(name: str) -> list[list[str]]:
    return [
        ["lint", name],
        ["paths", name],
        ["report", name, "-o", "report.md"],
        ["render", "--to", "dot", name, "-o", "map.dot"],
        ["render", "--to", "mermaid", name, "-o", "map.mmd"],
        ["render", "--to", "svg", name, "-o", "map.svg"],
        ["show", name],
        ["diff", "copy/" + name, name],
        ["fmt", "--check", name],
    ]


def run(argv: list[str], cwd: Path) -> tuple[float, float, int]:
    """``(seconds, peak MB, exit code)`` of ``journeyctl argv`` in a fresh process."""
    env = {**os.environ, "JOURNEYCTL_TODAY": generate.TODAY.isoformat(), "NO_COLOR": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    with open(os.devnull, "wb") as devnull:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "journeyctl", *argv], cwd=cwd, env=env,
                                   stdout=devnull, stderr=devnull)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="inputs to measure (default: all)")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    print(f"load average (1 min) at the start: {load:.2f}; bound: {SECONDS:.0f} s, {MEGABYTES} MB\n")
    print("| input | command | exit | seconds | peak MB | result |\n|---|---|---|---|---|---|")
    failed = 0
    for name, text in inputs().items():
        if args.only and name not in args.only:
            continue
        # One folder per input: linting a file reads its folder's catalogs.
        folder = Path(tempfile.mkdtemp(prefix=f"journeyctl-limits-{name}-"))
        try:
            (folder / "copy").mkdir()
            for where in (folder, folder / "copy"):
                (where / f"{name}.yaml").write_text(text, encoding="utf-8")
            for command in commands(f"{name}.yaml"):
                seconds, megabytes, code = run(command, folder)
                ok = seconds <= SECONDS and megabytes < MEGABYTES
                failed += not ok
                print(f"| {name} | {' '.join(command)} | {code} | {seconds:.2f} | {megabytes:.0f} | "
                      f"{'PASS' if ok else 'FAIL'} |", flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
