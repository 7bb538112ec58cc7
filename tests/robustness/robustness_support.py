"""Running journeyctl on hostile input: in-process for speed, in a child process to measure.

``run_cli`` calls :func:`journeyctl.cli.run` with stdout and stderr captured (usable
inside hypothesis tests, where pytest's ``capsys`` is not). ``measure_cli`` runs the
command in a fresh interpreter and reports the exit code, the output, how much the peak
resident memory grew while the command ran (after a warm-up run on a small valid map, so
that importing journeyctl and its models is not counted) and how long it took compared
with a baseline measured in the same process: wall-clock bounds fail on a loaded machine,
ratios to work done on the same machine at the same time do not.
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

import journeyctl
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
    baseline_seconds: float = 0.0

    @property
    def ratio(self) -> float:
        """How many baselines the command took (see :func:`measure_cli`)."""
        return self.seconds / self.baseline_seconds

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
import contextlib, io, json, os, resource, sys, tempfile, time
from pathlib import Path
import yaml
from journeyctl.cli import run

argv, warm_up, inputs = json.loads(sys.argv[1])
warm_up_path = Path(tempfile.mkdtemp()) / "warm-up.yaml"
warm_up_path.write_text(warm_up, encoding="utf-8")
def lint_warm_up():
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        run(["lint", "--format", "json", str(warm_up_path)])
lint_warm_up()
def scan(path):
    # libyaml's events: the least any command must do with the bytes, and safe on alias bombs.
    raw = Path(path).read_bytes()
    for _ in yaml.parse(raw, Loader=yaml.CSafeLoader):
        pass
def fastest(work, times=3):
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out, err = io.StringIO(), io.StringIO()
started = time.perf_counter()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    code = run(argv)
seconds = time.perf_counter() - started
extra_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
# The baseline comes after the command, so that its memory is not counted.
baseline = fastest(lint_warm_up)
for path in inputs:
    try:
        baseline = max(baseline, fastest(lambda: scan(path), 1))
    except yaml.YAMLError:
        pass
warm_up_path.unlink()
warm_up_path.parent.rmdir()
print(json.dumps({"code": code, "out": out.getvalue(), "err": err.getvalue(), "seconds": seconds,
                  "extra_rss_mb": extra_kb / 1024, "baseline_seconds": baseline}))
"""


def measure_cli(argv: list[str], cwd: Path, timeout: float = 60, inputs: list[str] = ()) -> Outcome:
    """Run ``journeyctl argv`` in a fresh interpreter in ``cwd``: result, time, peak memory growth.

    The baseline is the longer of linting a small valid map and reading the libyaml events
    of each of ``inputs`` (paths relative to ``cwd``; any that is not YAML is left out), so
    ``Outcome.ratio`` compares a command with what it cannot do without.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    # The child runs in another folder: it must import the journeyctl under test, not one
    # a relative PYTHONPATH or an installed copy would give it.
    source = str(Path(journeyctl.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([source, *filter(None, [env.get("PYTHONPATH")])])
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps([argv, VALID_MAP, list(inputs)])],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=env, timeout=timeout, check=False,
    )
    if completed.returncode != 0:
        raise AssertionError(f"the measuring process failed ({completed.returncode}): {completed.stderr}")
    result = json.loads(completed.stdout)
    return Outcome(
        result["code"], result["out"], result["err"], result["seconds"], result["extra_rss_mb"],
        result["baseline_seconds"],
    )
