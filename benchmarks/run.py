"""Benchmark journeyctl against the floor (bare libyaml loading) and a peer (check-jsonschema).

Generates the corpus with ``generate.py``, runs every command as a subprocess ``--runs``
times (interleaved, so a busy machine slows every command alike), and prints the median
wall-clock times, the ratios with their targets and PASS/FAIL, and the peak resident
memory. The same figures, with a description of the machine, go to
``benchmarks/results.md`` (``--output``).

Targets (the performance issue):

- throughput: ``journeyctl lint --select ALL --format json`` of 100 maps × 60
  touchpoints takes at most 2.0× a bare PyYAML ``CSafeLoader`` load of the same files,
  and check-jsonschema validating them against ``schemas/journey.schema.json`` takes at
  least 1.5× as long as journeyctl;
- growth: one map of 6,000 touchpoints lints in at most 12× the time of one of 600;
- start-up: ``journeyctl --help`` and the lint of one small map add at most 0.12 s to
  ``python -c pass`` (the scale issue; it was 0.25 s), in CPU time of the child, best of
  ``STARTUP_RUNS`` runs: on a loaded machine wall time measures the other processes;
- memory: the corpus lint peaks under 300 MB resident;
- render: DOT for a 1,000-touchpoint map is generated in under 1 s (Graphviz's layout
  excluded; timed inside the process, after loading);
- organisation scale (``scale.py``, skipped with ``--no-scale``): a workspace of 2,000
  maps, cold, warm and after edits, against the floor of the same files.

Usage::

    pip install -e '.[bench]'
    python benchmarks/run.py [--runs 5] [--output benchmarks/results.md] [--keep DIR]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402  (the sibling module, importable once the folder is on the path)
import scale  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "journey.schema.json"
MAPS, TOUCHPOINTS = 100, 60
GROWTH = (600, 6000)
RENDER_TOUCHPOINTS = 1000
SMALL_TOUCHPOINTS = 12
#: A map near the largest render --to svg admits (its layout cost just under
#: journeyctl.outputs.render.layout.MAX_LAYOUT_COST): Graphviz must lay it out within SVG_LIMIT seconds.
SVG_TOUCHPOINTS = 450
SVG_LIMIT = 10.0
#: The commands the start-up targets judge, and how many runs each gets (at least --runs).
STARTUP_COMMANDS = ("python -c pass", "journeyctl --help", "lint, one small map", "import pydantic, yaml; one model")
STARTUP_RUNS = 20

FLOOR = """\
import sys, yaml
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
"""

# What every lint imports and builds before journeyctl's own code: PyYAML, and pydantic
# with a model built, its plugins off (pydantic still imports importlib.metadata then,
# which journeyctl's own process spares). A plain lint command line does not import typer.
DEPENDENCIES = (
    "import os; os.environ['PYDANTIC_DISABLE_PLUGINS'] = '1'\n"
    "import yaml, pydantic\n"
    "class Probe(pydantic.BaseModel):\n    name: str\n"
    "os._exit(0)"
)

# Prints the seconds DOT generation took: the view and the DOT text, after loading.
RENDER_DOT = """\
import sys, time
from pathlib import Path
from journeyctl.loading.config import Config
from journeyctl.loading.workspace import load_workspace
from journeyctl.outputs.render.dot import render_dot
from journeyctl.outputs.render.view import make_view
path = Path(sys.argv[1])
doc = next(load_workspace([str(path)], Config(root=path.parent), path.parent).docs())
start = time.perf_counter()
text = render_dot(make_view(doc))
print(time.perf_counter() - start, len(text))
"""


# Runs a command and prints the peak resident memory of that command alone. A child keeps
# the high-water mark of the process it was forked from, so measuring from this (large)
# script would report at least its own size; this launcher is small.
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


@dataclass
class Command:
    name: str
    argv: list[str]
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kb: int = 0
    inner: list[float] = field(default_factory=list)  # seconds the process reports itself

    @property
    def median(self) -> float:
        return statistics.median(self.inner or self.wall)

    @property
    def best_cpu(self) -> float:
        """The least CPU time of the runs: what the command costs when nothing disturbs it."""
        return min(self.cpu)


def _tool(name: str, module: str) -> list[str] | None:
    """The console script ``name`` of this interpreter's environment, else ``python -m module``."""
    script = Path(sys.executable).with_name(name)
    if script.exists():
        return [str(script)]
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None
    return [sys.executable, "-m", module]


def _measure(command: Command, cwd: Path, env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run once and record the wall-clock and CPU time of the child alone."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command.argv, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        command.wall.append(time.perf_counter() - start)
        command.cpu.append(usage.ru_utime + usage.ru_stime)
        out.seek(0)
        err.seek(0)
        return os.waitstatus_to_exitcode(status), out.read(), err.read()


def _peak_rss(command: Command, cwd: Path, env: dict[str, str]) -> None:
    """Record the command's peak resident memory (kilobytes on Linux), in an untimed run."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, *command.argv], cwd=cwd, env=env, capture_output=True, check=True
    )
    rss, code = done.stdout.split()
    _check(command.name, int(code), done.stderr)
    command.rss_kb = int(rss)


def _check(name: str, code: int, stderr: bytes) -> None:
    if code != 0:
        sys.exit(f"run.py: {name} exited with {code}:\n{stderr.decode(errors='replace')[-2000:]}")


def machine() -> list[tuple[str, str]]:
    """What the figures were measured on: no dates, no host names."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    libyaml = getattr(yaml, "__with_libyaml__", False)
    return [
        ("CPU", cpu),
        ("Cores", str(os.cpu_count())),
        ("Memory", memory or "unknown"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("PyYAML", f"{yaml.__version__} ({'with' if libyaml else 'without'} libyaml)"),
        ("pydantic", version("pydantic")),
        ("typer", version("typer")),
        ("check-jsonschema", version("check-jsonschema")),
    ]


def _write_corpus(folder: Path) -> dict[str, Path | list[Path]]:
    maps = generate.write_corpus(folder / "corpus", MAPS, TOUCHPOINTS)
    single = {}
    for size in (*GROWTH, RENDER_TOUCHPOINTS, SMALL_TOUCHPOINTS, SVG_TOUCHPOINTS):
        path = folder / f"single-{size}" / f"{generate.journey_id(size)}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        # Each single map is a workspace of its own: the corpus holds a journey of the same id.
        (path.parent / "journeyctl.toml").write_text("", encoding="utf-8")
        path.write_text(generate.journey_map(size, size), encoding="utf-8")
        single[size] = path
    return {"maps": maps, **{str(k): v for k, v in single.items()}}


@dataclass
class Target:
    label: str
    value: float
    limit: float
    unit: str
    higher_is_better: bool = False
    measured: bool = True

    @property
    def passed(self) -> bool:
        if not self.measured:
            return False
        return self.value >= self.limit if self.higher_is_better else self.value <= self.limit

    def row(self) -> tuple[str, str, str, str]:
        bound = "≥" if self.higher_is_better else ("<" if self.unit == "MB" else "≤")
        shown = "n/a" if not self.measured else _number(self.value, self.unit)
        verdict = "PASS" if self.passed else ("n/a" if not self.measured else "FAIL")
        return self.label, shown, f"{bound} {_number(self.limit, self.unit)}", verdict


def _number(value: float, unit: str) -> str:
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "s":
        return f"{value:.3f} s"
    return f"{value:.0f} {unit}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of every command (default 5)")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "results.md"), help="Markdown results file")
    parser.add_argument("--keep", metavar="DIR", help="write the corpus to DIR and keep it")
    parser.add_argument("--no-scale", action="store_true", help="skip the 2,000-map workspace (benchmarks/scale.py)")
    args = parser.parse_args(argv)

    journeyctl = _tool("journeyctl", "journeyctl")
    if journeyctl is None:
        sys.exit("run.py: journeyctl is not installed in this environment (pip install -e '.[bench]')")
    peer = _tool("check-jsonschema", "check_jsonschema")
    python = [sys.executable]

    # An installed package ships byte-compiled modules; a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile every module from source at each start.
    compileall.compile_dir(str(ROOT / "src" / "journeyctl"), quiet=1)

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="journeyctl-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        corpus = _write_corpus(folder)
        files = [str(p.relative_to(folder / "corpus")) for p in corpus["maps"]]
        corpus_bytes = sum(p.stat().st_size for p in corpus["maps"])
        env = {**os.environ, "JOURNEYCTL_TODAY": generate.TODAY.isoformat(), "NO_COLOR": "1"}
        scale.as_installed(env)
        env.pop("GITHUB_ACTIONS", None)
        # Without the cache, so that every round measures a cold run (scale.py measures the cache).
        lint = [*journeyctl, "lint", "--select", "ALL", "--format", "json", "--no-cache"]
        commands = [
            Command("python -c pass", [*python, "-c", "pass"]),
            Command("journeyctl --help", [*journeyctl, "--help"]),
            Command("lint, one small map", [*lint, str(corpus[str(SMALL_TOUCHPOINTS)])]),
            # What start-up cannot go below: importing the dependencies every lint needs.
            Command("import pydantic, yaml; one model", [*python, "-c", DEPENDENCIES]),
            Command("floor: CSafeLoader load", [*python, "-c", FLOOR, *files]),
            Command("journeyctl lint", [*lint, "maps"]),
            Command("check-jsonschema", [*(peer or ["false"]), "--schemafile", str(SCHEMA), *files]),
            Command(f"lint, {GROWTH[0]:,} touchpoints", [*lint, str(corpus[str(GROWTH[0])])]),
            Command(f"lint, {GROWTH[1]:,} touchpoints", [*lint, str(corpus[str(GROWTH[1])])]),
            Command(f"DOT, {RENDER_TOUCHPOINTS:,} touchpoints", [*python, "-c", RENDER_DOT, str(corpus[str(RENDER_TOUCHPOINTS)])]),
            Command(f"svg, {SVG_TOUCHPOINTS:,} touchpoints",
                    [*journeyctl, "render", "--to", "svg", str(corpus[str(SVG_TOUCHPOINTS)]), "-o", str(folder / "out.svg")]),
        ]
        by_name = {c.name: c for c in commands}
        if peer is None:
            commands.remove(by_name["check-jsonschema"])
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        cwd = folder / "corpus"
        for round_number in range(args.runs + 1):  # the first round warms caches and is not kept
            for command in commands:
                code, stdout, stderr = _measure(command, cwd, env)
                # The corpus has findings only from opt-in rules (infos, which do not fail a
                # lint): any exit code but 0 means a broken benchmark, not a slow one.
                _check(command.name, code, stderr)
                if command.name == "journeyctl lint" and round_number == 0:
                    summary = json.loads(stdout)["summary"]
                    if summary["errors"] or summary["files"] != MAPS:
                        sys.exit(f"run.py: the corpus does not lint cleanly: {summary}")
                if command.name.startswith("DOT"):
                    command.inner.append(float(stdout.split()[0]))
            if round_number == 0:
                for command in commands:
                    command.wall.clear()
                    command.cpu.clear()
                    command.inner.clear()
            print(f"round {round_number}/{args.runs} done", file=sys.stderr)
        # Start-up is judged by the least CPU time a short process took, and five samples of
        # a 0.13 s process vary by about 5 ms here from one run of this script to the next:
        # the start-up commands get more runs, interleaved as the others.
        startup = [by_name[name] for name in STARTUP_COMMANDS]
        for _ in range(max(0, STARTUP_RUNS - args.runs)):
            for command in startup:
                code, _, stderr = _measure(command, cwd, env)
                _check(command.name, code, stderr)
        for command in commands:
            _peak_rss(command, cwd, env)
        scaled = None if args.no_scale else scale.measure([sys.executable, "-m", "journeyctl"], folder, max(2, args.runs // 2))
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    bare_cpu = by_name["python -c pass"].best_cpu
    floor = by_name["floor: CSafeLoader load"].median
    linted = by_name["journeyctl lint"]
    small, large = (by_name[f"lint, {n:,} touchpoints"].median for n in GROWTH)
    peer_time = by_name["check-jsonschema"].median if peer else float("nan")
    targets = [
        Target("lint ÷ floor (CSafeLoader load)", linted.median / floor, 2.0, "×"),
        Target("check-jsonschema ÷ lint", peer_time / linted.median, 1.5, "×", higher_is_better=True, measured=peer is not None),
        Target(f"lint {GROWTH[1]:,} ÷ lint {GROWTH[0]:,} touchpoints", large / small, 12.0, "×"),
        Target("--help start-up over python -c pass (CPU)", by_name["journeyctl --help"].best_cpu - bare_cpu, 0.12, "s"),
        Target("lint of one small map over python -c pass (CPU)", by_name["lint, one small map"].best_cpu - bare_cpu, 0.12, "s"),
        Target("peak RSS, corpus lint", linted.rss_kb / 1024, 300, "MB"),
        Target(f"DOT generation, {RENDER_TOUCHPOINTS:,} touchpoints", by_name[f"DOT, {RENDER_TOUCHPOINTS:,} touchpoints"].median, 1.0, "s"),
        Target(f"svg with Graphviz, {SVG_TOUCHPOINTS:,} touchpoints", by_name[f"svg, {SVG_TOUCHPOINTS:,} touchpoints"].median,
               SVG_LIMIT, "s"),
    ]

    timing_rows = [
        (c.name, f"{statistics.median(c.wall):.3f}", f"{statistics.median(c.cpu):.3f}", f"{c.rss_kb / 1024:.0f}")
        for c in commands
    ]
    report = _markdown(machine(), load, args.runs, corpus_bytes, timing_rows, [t.row() for t in targets], peer is not None)
    passed = all(t.passed for t in targets)
    if scaled is not None:
        report += scale.markdown(scaled)
        passed = passed and all(t.verdict != "FAIL" for t in scale.targets(scaled))
    Path(args.output).write_text(report + _measured_apart(Path(args.output)), encoding="utf-8")
    print(_plain(timing_rows, [t.row() for t in targets]))
    if scaled is not None:
        print(scale.plain(scaled))
    print(f"written: {args.output}")
    return 0 if passed else 1


#: Sections of the results that other scripts measure (benchmarks/canvas.py, evidence.py,
#: lsp.py): a run of this one keeps them as they are.
MEASURED_APART = ("## Canvas", "## Evidence", "## Language server")


def _measured_apart(results: Path) -> str:
    """The sections of ``results`` that other benchmark scripts wrote, to keep."""
    if not results.exists():
        return ""
    sections = results.read_text(encoding="utf-8").split("\n## ")
    kept = ["## " + section for section in sections[1:] if ("## " + section).startswith(MEASURED_APART)]
    return "".join("\n" + section.rstrip("\n") + "\n" for section in kept)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _markdown(machine_rows, load, runs, corpus_bytes, timing_rows, target_rows, has_peer) -> str:
    lines = [
        "# journeyctl benchmark results",
        "",
        "Written by `python benchmarks/run.py`; see the README's *Performance* section for what",
        "is measured and how to reproduce it. Times are medians of "
        f"{runs} interleaved runs of each command as a subprocess ({max(runs, STARTUP_RUNS)} for the "
        "start-up commands, whose best CPU time is what their targets judge).",
        "",
        "## Machine",
        "",
        *_table(("", ""), machine_rows),
        "",
        f"Load average (1 min) when the run started: {load:.2f}.",
        "",
        "## Corpus",
        "",
        f"- throughput: {MAPS} maps × {TOUCHPOINTS} touchpoints, {corpus_bytes / 1024 / 1024:.1f} MiB of YAML "
        f"(`benchmarks/generate.py`, seed {generate.DEFAULT_SEED});",
        f"- growth: one map of {GROWTH[0]:,} and one of {GROWTH[1]:,} touchpoints; "
        f"render: one of {RENDER_TOUCHPOINTS:,}; start-up: one of {SMALL_TOUCHPOINTS}.",
        "- journeyctl runs `lint --select ALL --format json` (every rule, opt-in ones included).",
        "",
        "## Targets",
        "",
        *_table(("Target", "Measured", "Limit", "Result"), target_rows),
        "",
        "## Timings",
        "",
        *_table(("Command", "Wall (s)", "CPU (s)", "Peak RSS (MB)"), timing_rows),
        "",
        "DOT generation is timed inside its process, after loading the map; the row above is",
        "the whole process.",
    ]
    if not has_peer:
        lines += ["", "check-jsonschema was not installed (`pip install -e '.[bench]'`)."]
    return "\n".join(lines) + "\n"


def _plain(timing_rows, target_rows) -> str:
    width = max(len(r[0]) for r in timing_rows + target_rows)
    out = [f"{'command':<{width}}  {'wall s':>8}  {'cpu s':>8}  {'rss MB':>7}"]
    out += [f"{name:<{width}}  {wall:>8}  {cpu:>8}  {rss:>7}" for name, wall, cpu, rss in timing_rows]
    out += ["", f"{'target':<{width}}  {'measured':>10}  {'limit':>10}  result"]
    out += [f"{label:<{width}}  {value:>10}  {limit:>10}  {verdict}" for label, value, limit, verdict in target_rows]
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
