"""Running journeyctl on hostile input: in-process for speed, in a child process to measure.

``run_cli`` calls :func:`journeyctl.cli.run` with stdout and stderr captured (usable
inside hypothesis tests, where pytest's ``capsys`` is not). ``measure_cli`` runs the
command in a fresh interpreter and reports the exit code, the output, the wall time and
how much the peak resident memory grew while the command ran, after a warm-up run on a
small valid map so that importing journeyctl and its models is not counted.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from journeyctl.cli import run

VALID_MAP = """\
journeyctl: 1
id: plumber
title: Booking a plumber
owner: cx
reviewed: 2026-09-14
teams: [{id: cx, name: CX}]
stages: [{id: s, name: S}]
touchpoints:
  - {id: t, name: T, stage: s, channel: web, lane: customer, entry: true, end: success}
"""


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    seconds: float = 0.0
    extra_rss_mb: float = 0.0

    def json(self) -> dict:
        return json.loads(self.out)

    def findings(self) -> list[tuple]:
        """``(path, code, line, column, message)`` of each finding of a JSON report."""
        return [(f["path"], f["code"], f["line"], f["column"], f["message"]) for f in self.json()["findings"]]


def run_cli(argv: list[str], cwd: Path | None = None) -> Outcome:
    """Run ``journeyctl argv`` in this process (in ``cwd``), capturing its output."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(argv)
    finally:
        os.chdir(previous)
    return Outcome(code, out.getvalue(), err.getvalue())


_CHILD = """\
import contextlib, io, json, os, resource, sys, time
from pathlib import Path
from journeyctl.cli import run

argv, warm_up = json.loads(sys.argv[1])
Path("warm-up.yaml").write_text(warm_up, encoding="utf-8")
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    run(["lint", "--format", "json", "warm-up.yaml"])
os.unlink("warm-up.yaml")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out, err = io.StringIO(), io.StringIO()
started = time.perf_counter()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    code = run(argv)
seconds = time.perf_counter() - started
extra_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"code": code, "out": out.getvalue(), "err": err.getvalue(), "seconds": seconds,
                  "extra_rss_mb": extra_kb / 1024}))
"""


def measure_cli(argv: list[str], cwd: Path, timeout: float = 60) -> Outcome:
    """Run ``journeyctl argv`` in a fresh interpreter in ``cwd``: result, time, peak memory growth.

    ``cwd`` must not hold a file named ``warm-up.yaml``.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps([argv, VALID_MAP])],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=env, timeout=timeout, check=False,
    )
    if completed.returncode != 0:
        raise AssertionError(f"the measuring process failed ({completed.returncode}): {completed.stderr}")
    result = json.loads(completed.stdout)
    return Outcome(result["code"], result["out"], result["err"], result["seconds"], result["extra_rss_mb"])
