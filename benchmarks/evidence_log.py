"""Generate a realistic event log for a journey map (for `journeyctl evidence` and its benchmarks).

Cases walk the map from an entry: at each touchpoint they take one of its transitions, with
branch probabilities that fall off in the order the transitions are listed (the first one is the
common path), and they may

- drop out (a few percent at each step, more after a painful touchpoint),
- repeat a step (rework: the same activity logged again a little later),
- take an undocumented shortcut (to a touchpoint two or more steps ahead),
- be logged doing something the map does not know (noise activities such as ``Session timeout``),
- use another channel than the map says (15% of the events at every fourth touchpoint).

Timestamps start over a year; the gap before the next step is log-normal (minutes inside one
team, hours across a handoff); a handoff with ``sla`` is met most of the time and missed
by 10 to 20 percent of the cases. Activity names are each touchpoint's first exact
``events:`` entry, else its name.

The log is generated in chunks of cases with NumPy (no loop over events in Python) and written
through PyArrow (Parquet) and DuckDB (CSV, JSON Lines); events are in time order within each
chunk, and chunks follow each other in time. XES is written by a streaming writer (fine up to a
few million events). The same seed gives the same file.

Usage::

    python benchmarks/evidence_log.py MAP.yaml -n 1000000 -o events.parquet [--seed 2026]
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

import numpy as np
import yaml

NOISE = ["Session timeout", "Password reset", "Cookie banner dismissed", "Newsletter sign-up"]
OTHER_CHANNELS = ["web", "app", "email", "phone", "chat"]
EPOCH = np.datetime64("2026-01-01T00:00:00", "s")
YEAR = 365 * 24 * 3600
CHUNK_CASES = 200_000
MAX_STEPS = 60


@dataclass
class Walk:
    """The map as arrays: transition probabilities, entries, ends, names, channels, SLAs."""

    names: list[str]
    channels: list[str]
    entry: np.ndarray  # probability of starting at each touchpoint
    next_cdf: np.ndarray  # [n, n] cumulative probabilities of the next touchpoint
    has_next: np.ndarray
    is_end: np.ndarray
    handoff: np.ndarray  # [n, n]: an owner change between them
    sla: np.ndarray  # [n, n] seconds, 0 = none
    shortcut: np.ndarray  # [n] a touchpoint 2+ steps ahead, or -1
    pain: np.ndarray  # [n] a touchpoint with pain points
    switching: np.ndarray  # [n] a touchpoint customers also reach on other channels


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def _seconds(text: object) -> float:
    match = _DURATION.match(str(text)) if text is not None else None
    return float(match.group(1)) * _UNITS[match.group(2)] if match else 0.0


def load_walk(path: Path) -> Walk:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    touchpoints = data["touchpoints"]
    index = {t["id"]: n for n, t in enumerate(touchpoints)}
    size = len(touchpoints)
    names, channels = [], []
    for t in touchpoints:
        exact = [e for e in t.get("events", []) if not any(c in e for c in "*?[")]
        names.append(exact[0] if exact else t["name"])
        channels.append(t.get("channel") or "")
    weights = np.zeros((size, size))
    handoff = np.zeros((size, size), bool)
    sla = np.zeros((size, size))
    for n, t in enumerate(touchpoints):
        targets = []
        for item in t.get("next", []):
            target = item if isinstance(item, str) else item.get("to")
            if target in index:
                targets.append((target, item))
        for rank, (target, item) in enumerate(targets):
            weights[n, index[target]] += 0.6 ** rank
            if isinstance(item, dict) and item.get("handoff"):
                handoff[n, index[target]] = True
                sla[n, index[target]] = _seconds(item["handoff"].get("sla"))
    totals = weights.sum(axis=1, keepdims=True)
    has_next = totals[:, 0] > 0
    cdf = np.cumsum(np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0), axis=1)
    entry = np.array([1.0 if t.get("entry") else 0.0 for t in touchpoints])
    if not entry.any():
        entry[0] = 1.0
    entry /= entry.sum()
    is_end = np.array([bool(t.get("end")) for t in touchpoints])
    # A shortcut skips one step along the common path.
    first = np.where(has_next, np.argmax(cdf > 0, axis=1), -1)
    shortcut = np.array([first[first[n]] if first[n] >= 0 and first[first[n]] not in (-1, n) else -1 for n in range(size)])
    pain = np.array([bool(t.get("pain_points")) for t in touchpoints])
    # Every fourth touchpoint (with a channel) is also reached on other channels.
    switching = np.array([bool(t.get("channel")) and n % 4 == 1 for n, t in enumerate(touchpoints)])
    return Walk(names, channels, entry, cdf, has_next, is_end, handoff, sla, shortcut, pain, switching)


def generate(walk: Walk, events: int, seed: int):
    """Yield the log in chunks: (case ids, activity names index, timestamps, channel index)
    as NumPy arrays; activity indexes past the map's touchpoints are noise activities."""
    rng = np.random.default_rng(seed)
    size = len(walk.names)
    # Roughly 6 events a case: the number of cases is tuned as the log grows.
    made, first_case = 0, 0
    chunks = max(1, events // (CHUNK_CASES * 6))
    chunk = 0
    while made < events:
        cases = min(CHUNK_CASES, max(1, (events - made) // 5))
        case_ids, acts, times, chans = _chunk(walk, rng, cases, first_case, chunk, chunks, size)
        if made + len(case_ids) > events:
            keep = events - made
            case_ids, acts, times, chans = case_ids[:keep], acts[:keep], times[:keep], chans[:keep]
        made += len(case_ids)
        first_case += cases
        chunk += 1
        yield case_ids, acts, times, chans


def _chunk(walk: Walk, rng, cases: int, first_case: int, chunk: int, chunks: int, size: int):
    window = YEAR / max(chunks, 1)
    start = chunk * window + rng.uniform(0, window, cases)
    state = rng.choice(size, size=cases, p=walk.entry)
    clock = start.copy()
    alive = np.ones(cases, bool)
    out_case, out_act, out_time, out_chan = [], [], [], []
    ids = np.arange(first_case, first_case + cases)
    channel_ids = {c: n for n, c in enumerate(sorted(set(walk.channels) | set(OTHER_CHANNELS)))}
    own_channel = np.array([channel_ids[c] if c else -1 for c in walk.channels])
    others = np.array([channel_ids[c] for c in OTHER_CHANNELS])
    for _ in range(MAX_STEPS):
        live = np.flatnonzero(alive)
        if not live.size:
            break
        here = state[live]
        chan = own_channel[here].copy()
        switch = (rng.random(live.size) < 0.15) & walk.switching[here] & (chan >= 0)
        chan[switch] = others[rng.integers(0, others.size, switch.sum())]
        out_case.append(ids[live])
        out_act.append(here)
        out_time.append(clock[live])
        out_chan.append(chan)
        # Rework: the same step logged again a little later.
        again = rng.random(live.size) < 0.05
        if again.any():
            out_case.append(ids[live[again]])
            out_act.append(here[again])
            out_time.append(clock[live[again]] + rng.uniform(5, 30, again.sum()))
            out_chan.append(chan[again])
        # Noise: something the map does not know.
        noise = rng.random(live.size) < 0.03
        if noise.any():
            out_case.append(ids[live[noise]])
            out_act.append(size + rng.integers(0, len(NOISE), noise.sum()))
            out_time.append(clock[live[noise]] + rng.uniform(1, 30, noise.sum()))
            out_chan.append(own_channel[here[noise]])
        # Drop out, or end.
        drop = rng.random(live.size) < np.where(walk.pain[here], 0.08, 0.03)
        stop = walk.is_end[here] & (~walk.has_next[here] | (rng.random(live.size) < 0.7))
        stop |= drop | ~walk.has_next[here]
        alive[live[stop]] = False
        moving = live[~stop]
        here = state[moving]
        pick = rng.random(moving.size)
        following = np.minimum((walk.next_cdf[here] < pick[:, None]).sum(axis=1), size - 1)
        short = (rng.random(moving.size) < 0.02) & (walk.shortcut[here] >= 0)
        following[short] = walk.shortcut[here][short]
        sla = walk.sla[here, following]
        gap = np.where(walk.handoff[here, following], rng.lognormal(8.5, 0.8, moving.size), rng.lognormal(5.5, 1.0, moving.size))
        timed = sla > 0
        # With an SLA: 85% of handoffs well within it, the others over by up to a half.
        within = rng.random(moving.size) < 0.85
        gap[timed & within] = sla[timed & within] * rng.uniform(0.2, 0.95, (timed & within).sum())
        gap[timed & ~within] = sla[timed & ~within] * rng.uniform(1.01, 1.5, (timed & ~within).sum())
        clock[moving] += gap
        state[moving] = following
    case_ids = np.concatenate(out_case)
    acts = np.concatenate(out_act)
    times = np.concatenate(out_time)
    chans = np.concatenate(out_chan)
    order = np.argsort(times, kind="stable")
    return case_ids[order], acts[order], times[order], chans[order]


def write_log(map_path: Path, out: Path, events: int, seed: int = 2026) -> Path:
    """Write a log of ``events`` events for the map at ``map_path`` to ``out`` (.parquet,
    .csv, .jsonl, .xes or .xes.gz)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    walk = load_walk(map_path)
    activities = np.array(walk.names + NOISE, dtype=object)
    channel_names = sorted(set(walk.channels) | set(OTHER_CHANNELS))
    suffix = "".join(out.suffixes[-2:]) if out.name.endswith(".gz") else out.suffix
    parquet = out if suffix == ".parquet" else out.with_name(out.name + ".tmp.parquet")
    writer = None
    try:
        for case_ids, acts, times, chans in generate(walk, events, seed):
            table = pa.table(
                {
                    "case_id": pc.binary_join_element_wise("case-", pc.cast(pa.array(case_ids), pa.string()), ""),
                    "activity": pa.DictionaryArray.from_arrays(pa.array(acts, pa.int32()), pa.array(activities.tolist(), pa.string())),
                    "timestamp": pa.array((EPOCH + times.astype("timedelta64[s]")).astype("datetime64[s]"), pa.timestamp("s")),
                    "channel": pa.DictionaryArray.from_arrays(
                        pa.array(np.maximum(chans, 0), pa.int32(), mask=chans < 0), pa.array(channel_names, pa.string())
                    ),
                }
            )
            if writer is None:
                writer = pq.ParquetWriter(parquet, table.schema)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    if parquet == out:
        return out
    try:
        if suffix in (".csv", ".jsonl"):
            import duckdb

            form = "(HEADER, FORMAT csv)" if suffix == ".csv" else "(FORMAT json)"
            select = "SELECT case_id, activity, strftime(timestamp, '%Y-%m-%dT%H:%M:%SZ') AS timestamp, channel"
            duckdb.sql(f"COPY ({select} FROM read_parquet('{parquet}')) TO '{out}' {form}")
        elif suffix in (".xes", ".xes.gz"):
            _write_xes(parquet, out, gzipped=suffix == ".xes.gz")
        else:
            raise SystemExit(f"{out}: write .parquet, .csv, .jsonl, .xes or .xes.gz")
    finally:
        parquet.unlink()
    return out


def _write_xes(parquet: Path, out: Path, gzipped: bool) -> None:
    import pyarrow.parquet as pq

    rows = pq.read_table(parquet).sort_by([("case_id", "ascending"), ("timestamp", "ascending")]).to_pylist()
    opener = gzip.open if gzipped else open
    with opener(out, "wt", encoding="utf-8") as stream:
        stream.write('<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">\n')
        current = None
        for row in rows:
            if row["case_id"] != current:
                if current is not None:
                    stream.write("  </trace>\n")
                current = row["case_id"]
                stream.write(f'  <trace>\n    <string key="concept:name" value={quoteattr(current)}/>\n')
            stamp = row["timestamp"].strftime("%Y-%m-%dT%H:%M:%S+00:00")
            stream.write(
                f'    <event><string key="concept:name" value={quoteattr(row["activity"])}/>'
                f'<date key="time:timestamp" value="{stamp}"/>'
                + (f'<string key="channel" value={quoteattr(row["channel"])}/>' if row["channel"] else "")
                + "</event>\n"
            )
        if current is not None:
            stream.write("  </trace>\n")
        stream.write("</log>\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("map", type=Path)
    parser.add_argument("-n", "--events", type=int, default=100_000)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    write_log(args.map, args.output, args.events, args.seed)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
