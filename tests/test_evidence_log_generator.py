"""The event-log generator of the evidence benchmark (benchmarks/evidence_log.py) makes
logs of the shape the benchmark and the README claim: deterministic, the size asked for,
the same events in every format, and every kind of deviation from the map present."""

from __future__ import annotations

import hashlib

import pytest

pytest.importorskip("duckdb")

from evidence_log_fixture import EXAMPLE_MAP, evidence_log, realistic_log  # noqa: E402
from journeyctl.evidence.logs import LogColumns, connect, open_log  # noqa: E402


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_same_seed_gives_the_same_file_and_another_seed_another(tmp_path):
    first = realistic_log(tmp_path / "a.csv", events=5000)
    second = realistic_log(tmp_path / "b.csv", events=5000)
    other = realistic_log(tmp_path / "c.csv", events=5000, seed=7)
    assert _digest(first) == _digest(second) != _digest(other)


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("logs")
    return {suffix: realistic_log(folder / f"plumber{suffix}", events=4000) for suffix in (".parquet", ".csv", ".jsonl", ".xes.gz")}


def _events(path) -> list[tuple]:
    table = open_log(path, LogColumns(), connect())
    return sorted(tuple(row.values()) for row in table.select("case_id", "activity", "ts", "channel").to_pyarrow().to_pylist())


def test_every_format_holds_the_same_events(logs):
    parquet = _events(logs[".parquet"])
    assert len(parquet) == 4000
    for suffix in (".csv", ".jsonl", ".xes.gz"):
        assert _events(logs[suffix]) == parquet, suffix


def test_the_log_deviates_from_the_map_in_every_way_the_benchmark_needs(logs):
    import yaml

    data = yaml.safe_load(EXAMPLE_MAP.read_text(encoding="utf-8"))
    touchpoints = {t["name"]: t for t in data["touchpoints"]}
    con = connect().con
    path = logs[".parquet"]
    activities = {a for (a,) in con.execute(f"SELECT DISTINCT activity FROM '{path}'").fetchall()}
    assert set(touchpoints) <= activities
    assert activities - set(touchpoints) == set(evidence_log.NOISE)
    # Rework: the same activity twice in a row in a case.
    ((repeats,),) = con.execute(
        f"SELECT count(*) FROM (SELECT activity, lag(activity) OVER (PARTITION BY case_id ORDER BY timestamp, activity) AS previous "
        f"FROM '{path}') WHERE activity = previous"
    ).fetchall()
    assert repeats > 0
    # Drop-outs: cases whose last step is not an end of the map.
    last = con.execute(
        f"SELECT arg_max(activity, timestamp) FROM '{path}' GROUP BY case_id"
    ).fetchall()
    ends = {name for name, t in touchpoints.items() if t.get("end")}
    assert any(a not in ends for (a,) in last) and any(a in ends for (a,) in last)
    # Channel switches: a step logged on another channel than the map's.
    switched = con.execute(
        f"SELECT DISTINCT activity, channel FROM '{path}' WHERE channel IS NOT NULL"
    ).fetchall()
    assert any(touchpoints[a].get("channel") not in (None, c) for a, c in switched if a in touchpoints)


def test_handoffs_mostly_meet_their_sla_and_undocumented_transitions_appear(logs):
    import yaml

    data = yaml.safe_load(EXAMPLE_MAP.read_text(encoding="utf-8"))
    names = {t["id"]: t["name"] for t in data["touchpoints"]}
    mapped, slas = set(), {}
    for t in data["touchpoints"]:
        for item in t.get("next", []):
            target = item if isinstance(item, str) else item.get("to")
            if target in names:
                mapped.add((t["name"], names[target]))
                if isinstance(item, dict) and (item.get("handoff") or {}).get("sla"):
                    slas[(t["name"], names[target])] = evidence_log._seconds(item["handoff"]["sla"])
    con = connect().con
    pairs = con.execute(
        "SELECT activity, following, epoch(next_ts) - epoch(timestamp) FROM (SELECT activity, timestamp, "
        "lead(activity) OVER w AS following, lead(timestamp) OVER w AS next_ts "
        f"FROM '{logs['.parquet']}' WINDOW w AS (PARTITION BY case_id ORDER BY timestamp, activity)) "
        "WHERE following IS NOT NULL AND following <> activity"
    ).fetchall()
    timed = [(seconds, slas[(a, b)]) for a, b, seconds in pairs if (a, b) in slas]
    over = sum(seconds > sla for seconds, sla in timed) / len(timed)
    assert len(timed) > 100 and 0.05 < over < 0.3
    noise = set(evidence_log.NOISE)
    undocumented = {(a, b) for a, b, _ in pairs if (a, b) not in mapped and not {a, b} & noise}
    assert undocumented
