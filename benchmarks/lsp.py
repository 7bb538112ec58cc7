"""The language server's latencies, measured through a real client over stdio.

- **completion**: a map of 600 touchpoints is open, checked and (a second later) indexed;
  completions are requested where a touchpoint id is expected (``- to: ``, all 600 fit)
  and where a stage is (``stage:``). The time is from sending the request to reading the
  answer. Target: 50 ms (the 90th percentile).
- **diagnostics**: on the same map, a burst of keystrokes (one edit every 30 ms, as
  someone types) ends with a change of a stage reference; the time is from sending the last
  change to reading the diagnostics published for it, which include the finding that
  change causes. Target: 300 ms (the median), the server's debounce included. The time
  without the debounce is also held against the time ``journeyctl.checks.linter.lint``
  takes for the same map in this process, measured between the bursts of the same run
  (after warm-up runs, the median of as many lints as bursts; target: 1.25×): what
  the server adds to the lint itself, a ratio that holds on a busy machine too, where the
  absolute times grow with the load (the results give the load average).

The server runs as ``python -m journeyctl lsp`` from this checkout, driven by pygls's
client. The results replace the "Language server" section of ``benchmarks/results.md``
(``--output``); ``benchmarks/run.py`` writes the rest of that file.

Usage::

    python benchmarks/lsp.py [--rounds 60] [--output benchmarks/results.md]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

import generate  # noqa: E402
from lsprotocol import types as lsp  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from journeyctl.checks.linter import lint  # noqa: E402
from journeyctl.editor.server import DEBOUNCE  # noqa: E402
from journeyctl.loading.config import Config  # noqa: E402

TOUCHPOINTS = 600
COMPLETION_LIMIT = 0.050
DIAGNOSTICS_LIMIT = 0.300
#: What the server may add to the lint itself, whatever else the machine is doing.
OVERHEAD_LIMIT = 1.25
KEYSTROKE = 0.030
#: Seconds between opening the map and the first completion timed.
SETTLE = 1.0
#: Completions asked and lints run before any is timed: the first of each builds caches
#: (the protocol's converters, the rules' imports) that every later one finds ready.
WARM_UP = 3
#: Seconds after the diagnostics of a burst before the lint it is compared with: the
#: server indexes the map after publishing, and the two should not share the cores.
QUIET = 0.3
BEGIN, END = "<!-- lsp benchmark -->", "<!-- /lsp benchmark -->"


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("journeyctl-benchmark", "1")
        self.published: asyncio.Queue = asyncio.Queue()


def _client() -> Client:
    client = Client()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(ls: Client, params: lsp.PublishDiagnosticsParams) -> None:
        ls.published.put_nowait((time.perf_counter(), params))

    @client.feature(lsp.WINDOW_LOG_MESSAGE)
    def log(ls: Client, params: lsp.LogMessageParams) -> None:
        print(f"server: {params.message}", file=sys.stderr)

    return client


async def _published(client: Client, version: int) -> tuple[float, lsp.PublishDiagnosticsParams]:
    while True:
        at, params = await asyncio.wait_for(client.published.get(), timeout=30)
        if params.version == version:
            return at, params


def _position(lines: list[str], text: str, after: str) -> lsp.Position:
    row = next(i for i, line in enumerate(lines) if line.strip().startswith(text))
    return lsp.Position(row, lines[row].index(after) + len(after))


async def measure(folder: Path, rounds: int) -> dict[str, list[float] | float]:
    load = os.getloadavg()[0]
    path = folder / "big.yaml"
    text = generate.journey_map(0, TOUCHPOINTS)
    path.write_text(text, encoding="utf-8")
    (folder / "journeyctl.toml").write_text("", encoding="utf-8")
    lines = text.split("\n")
    client = _client()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "JOURNEYCTL_TODAY": "2026-10-01"}
    await client.start_io(sys.executable, "-m", "journeyctl", "lsp", env=env)
    # as current editors do, the client takes one edit range for every completion item
    capabilities = lsp.ClientCapabilities(text_document=lsp.TextDocumentClientCapabilities(
        completion=lsp.CompletionClientCapabilities(
            completion_list=lsp.CompletionListCapabilities(item_defaults=["editRange"]),
        ),
    ))
    await client.initialize_async(lsp.InitializeParams(capabilities=capabilities, root_uri=folder.as_uri()))
    client.initialized(lsp.InitializedParams())
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
    ))
    await _published(client, 1)
    await asyncio.sleep(SETTLE)  # the symbol index is built after the first diagnostics
    # where a transition's target is typed (every touchpoint fits), and a stage reference
    next_at = _position(lines, "- to:", "to: ")
    stage_at = _position(lines, "stage:", "stage: ")
    for position in [next_at, stage_at] * WARM_UP:
        await client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=position,
        ))
    completion: list[float] = []
    answers = set()
    for position in [next_at, stage_at] * (rounds // 2):
        started = time.perf_counter()
        result = await client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=position,
        ))
        completion.append(time.perf_counter() - started)
        answers.add(len(result.items))
    if min(answers) == 0:
        raise SystemExit("completion answered nothing: the benchmark measures no work")
    # keystrokes: letters typed at the end of a stage reference, which so names no stage
    stage_line = stage_at.line
    stage_text = lines[stage_line]
    diagnostics: list[float] = []
    # The lint of the same map in this process, the baseline of the server's overhead: run
    # between the bursts, so that both see the same load when the machine is busy.
    for _ in range(WARM_UP):
        lint([str(path)], Config(root=folder), cwd=folder)
    baseline: list[float] = []
    version = 1
    for _ in range(max(rounds // 4, 5)):
        for keystroke in range(4):
            if keystroke:
                await asyncio.sleep(KEYSTROKE)
            version += 1
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangePartial(
                    range=lsp.Range(lsp.Position(stage_line, len(stage_text)), lsp.Position(stage_line, len(stage_text))),
                    text="x",
                )],
            ))
            sent = time.perf_counter()
            stage_text += "x"
        at, params = await _published(client, version)
        if not any(d.code == "JM003" for d in params.diagnostics):
            raise SystemExit("the change did not show: the benchmark measures no work")
        diagnostics.append(at - sent)
        await asyncio.sleep(QUIET)
        started = time.perf_counter()
        lint([str(path)], Config(root=folder), cwd=folder)
        baseline.append(time.perf_counter() - started)
    client.shutdown(None)
    client.exit(None)
    await client.stop()
    return {"completion": completion, "diagnostics": diagnostics, "lint": statistics.median(baseline), "load": load}


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def report(found: dict) -> tuple[str, bool]:
    completion, diagnostics, baseline = found["completion"], found["diagnostics"], found["lint"]
    completion_p90 = _p90(completion)
    diagnostics_median = statistics.median(diagnostics)
    without = diagnostics_median - DEBOUNCE
    rows = [
        ("completion, 90th percentile", f"{completion_p90 * 1000:.1f} ms", f"≤ {COMPLETION_LIMIT * 1000:.0f} ms",
         completion_p90 <= COMPLETION_LIMIT),
        ("diagnostics after the last change, median", f"{diagnostics_median * 1000:.0f} ms",
         f"≤ {DIAGNOSTICS_LIMIT * 1000:.0f} ms", diagnostics_median <= DIAGNOSTICS_LIMIT),
        ("diagnostics without the debounce ÷ lint of the map in-process", f"{without / baseline:.2f}×",
         f"≤ {OVERHEAD_LIMIT:.2f}×", without / baseline <= OVERHEAD_LIMIT),
    ]
    passed = all(ok for *_, ok in rows)
    out = [
        BEGIN,
        "## Language server",
        "",
        f"Written by `python benchmarks/lsp.py`: `journeyctl lsp` over stdio, driven by pygls's client, on a "
        f"map of {TOUCHPOINTS} touchpoints ({len(completion)} completions, {len(diagnostics)} bursts of typing). "
        f"Load average (1 min) when the run started: {found['load']:.2f} on {os.cpu_count()} cores.",
        "",
        "| Target | Measured | Limit | Result |",
        "|---|---|---|---|",
        *(f"| {name} | {measured} | {limit} | {'PASS' if ok else 'FAIL'} |" for name, measured, limit, ok in rows),
        "",
        "| Measure | Value |",
        "|---|---|",
        f"| completion, median / slowest | {statistics.median(completion) * 1000:.1f} ms / {max(completion) * 1000:.1f} ms |",
        f"| diagnostics, fastest / slowest | {min(diagnostics) * 1000:.0f} ms / {max(diagnostics) * 1000:.0f} ms |",
        f"| debounce | {DEBOUNCE * 1000:.0f} ms |",
        f"| diagnostics without the debounce, median | {without * 1000:.0f} ms |",
        f"| `lint` of the same map in-process (baseline, median of {len(diagnostics)} between the bursts) "
        f"| {baseline * 1000:.0f} ms |",
        f"| the server's own time per check (without the debounce − baseline) | {(without - baseline) * 1000:.0f} ms |",
        END,
    ]
    return "\n".join(out) + "\n", passed


def write(section: str, output: Path) -> None:
    """Replace the section in ``output`` (or add it at the end)."""
    text = output.read_text(encoding="utf-8") if output.exists() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section.rstrip("\n") + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    output.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60, help="completions to time (bursts of typing: a quarter)")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "results.md"), help="Markdown results file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="journeyctl-lsp-") as folder:
        found = asyncio.run(measure(Path(folder).resolve(), args.rounds))
    section, passed = report(found)
    print(section)
    write(section, Path(args.output))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
