"""``journeyctl import mermaid`` on the largest and the most hostile inputs its limits admit.

Targets (the hardening issue): every input the default limits admit is imported, or
refused with a located error, within 10 seconds and 500 MB of peak resident memory. A
diagram of 200,000 actors took 33 s and 1.1 GB before the import had limits.

Each input runs in a fresh process (``python -m journeyctl``), one at a time, so that
the peak memory measured is its own. ``tests/robustness/test_mermaid_import_cost.py``
checks the same inputs against a baseline measured in the test, without absolute times.

Usage::

    python benchmarks/mermaid_import.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from journeyctl.importers.mermaid import Limits  # noqa: E402
from journeyctl.loading.config import DEFAULT_MAX_FILE_SIZE  # noqa: E402

SECONDS = 10.0
MEGABYTES = 500
LIMITS = Limits()


def _fill(unit: str, head: str = "") -> str:
    return head + unit * ((DEFAULT_MAX_FILE_SIZE - len(head) - 100) // len(unit))


def inputs() -> dict[str, str]:
    actors = [f"Actor {n:04d}" for n in range(LIMITS.actors)]
    per_task = LIMITS.actor_mentions // LIMITS.tasks
    lines = ["journey", "  title At the limits"]
    for n in range(LIMITS.tasks):
        names = ", ".join(actors[(n * per_task + k) % len(actors)] for k in range(per_task))
        lines += [f"  section Section {n}", f"    Task {n} with a name of ordinary length: {1 + n % 5}: {names}"]
    return {
        "at-the-limits.mmd": "\n".join(lines) + "\n",
        "200k-actors.mmd": "journey\n  section A\n    T: 5: " + ", ".join(f"A{n}" for n in range(200_000)) + "\n",
        "100k-actors.mmd": "journey\n  section A\n    T: 5: " + ", ".join(f"A{n}" for n in range(100_000)) + "\n",
        "comments.mmd": _fill("x%%\n", "journey\n  section A\n    T: 5\n"),
        "long-name.mmd": "journey\n  section A\n    " + "a" * (LIMITS.text - 100) + ": 5\n",
        "fences.md": _fill("```\nx\n```\n"),
        "blocks.md": "".join(
            f"```mermaid\njourney\n  section A\n    T{n}: 3: Me\n```\n" for n in range(LIMITS.diagrams)
        ),
        "prose.md": _fill("Some prose, and no diagram at all.\n"),
    }


def measure(folder: Path, name: str) -> tuple[int, float, float]:
    """Exit code, seconds and peak resident MB of one import in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "journeyctl", "-q", "import", "mermaid", name, "-o", f"out-{name}/"],
        cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    return os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the inputs into this folder and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="journeyctl-mermaid-"))
    folder.mkdir(parents=True, exist_ok=True)
    failed = False
    print(f"{'input':<22} {'exit':>4} {'seconds':>8} {'peak MB':>8}  (targets: {SECONDS:.0f} s, {MEGABYTES} MB)")
    for name, text in inputs().items():
        (folder / name).write_text(text, encoding="utf-8")
        code, seconds, megabytes = measure(folder, name)
        verdict = "PASS" if seconds <= SECONDS and megabytes <= MEGABYTES else "FAIL"
        failed |= verdict == "FAIL"
        print(f"{name:<22} {code:>4} {seconds:>8.2f} {megabytes:>8.0f}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
