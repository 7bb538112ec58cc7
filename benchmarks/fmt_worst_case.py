"""``journeyctl fmt --check`` (and ``lint``) on the largest maps the default limits admit.

The target: every command finishes within 10 s and 500 MB resident on any input the
default limits admit (``max-file-size`` and the values per document). Two shapes are the
most expensive per byte: a map whose bulk is one mapping of short keys, and one whose
bulk is a long list of short items. Each is generated as large as the limits allow and
run as a subprocess, reporting wall-clock time and peak resident memory.

Usage::

    python benchmarks/fmt_worst_case.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from journeyctl.loading.config import DEFAULT_MAX_FILE_SIZE  # noqa: E402
from journeyctl.loading.yamlload import MAX_VALUES  # noqa: E402

SECONDS, MEGABYTES = 10.0, 500
HEAD = """\
journeyctl: 1
id: worst-case
title: The largest map the limits admit
owner: x
reviewed: 2026-11-01
teams: [{id: x, name: X}]
stages:
  - id: book
    name: Book
touchpoints:
  - id: call
    name: Calls the office
    stage: book
    channel: phone
    owner: x
    entry: true
    end: success
"""


def _largest(line, values_per_line: int, key: str, max_values: int) -> str:
    """``HEAD`` plus as many ``line(i)`` as fit under both limits (CRLF, so fmt rewrites it)."""
    parts = [HEAD, f"{key}:\n"]
    size = sum(len(part) + part.count("\n") for part in parts)
    values, i = 200, 0
    while True:
        text = line(i)
        if size + len(text) + 1 > DEFAULT_MAX_FILE_SIZE or values + values_per_line > max_values:
            break
        parts.append(text)
        size, values, i = size + len(text) + 1, values + values_per_line, i + 1
    return "".join(parts).replace("\n", "\r\n")


def _run(command: list[str], cwd: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the maps here and keep them")
    parser.add_argument("--values", type=int, default=MAX_VALUES, help="values per map (default: the limit)")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="journeyctl-fmt-worst-"))
    shapes = {
        "keys": _largest(lambda i: f"  k{i:x}: {i % 10}\n", 2, "x-data", args.values),
        "list": _largest(lambda i: f"  - v{i:x}\n", 1, "x-list", args.values),
    }
    env_python = [sys.executable, "-m", "journeyctl", "-q"]
    failed = False
    print(f"limits: max-file-size {DEFAULT_MAX_FILE_SIZE:,} bytes, {args.values:,} values; "
          f"targets: {SECONDS:g} s, {MEGABYTES} MB", flush=True)
    for name, text in shapes.items():
        (folder / name).mkdir(parents=True, exist_ok=True)
        (folder / name / "map.yaml").write_bytes(text.encode())
        for command in (["lint", "map.yaml"], ["fmt", "--check", "map.yaml"]):
            seconds, megabytes, code = _run(env_python + command, folder / name)
            ok = seconds <= SECONDS and megabytes <= MEGABYTES
            failed |= not ok
            print(f"{name:5} {len(text):>11,} bytes  {' '.join(command):22} exit {code}  "
                  f"{seconds:6.1f} s  {megabytes:6.0f} MB  {'PASS' if ok else 'FAIL'}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
