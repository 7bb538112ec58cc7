"""The worked example of docs/evidence.md read from every log format gives the same
evidence, to the byte of its JSON: CSV, JSON Lines, Parquet, XES and gzipped XES."""

from __future__ import annotations

import csv
import gzip
import io
import json
from xml.sax.saxutils import quoteattr

import pytest

from journeyctl.cli import run
from test_worked_example import blocks

FORMATS = ["events.csv", "events.jsonl", "events.parquet", "events.xes", "events.xes.gz"]


def _events() -> list[dict]:
    return list(csv.DictReader(io.StringIO(blocks()["events.csv"])))


def _xes(events: list[dict]) -> str:
    """An XES log: one trace per case in order of first appearance, the channel on each event."""
    cases: dict[str, list[dict]] = {}
    for event in events:
        cases.setdefault(event["case_id"], []).append(event)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<log xes.version="1849-2016">']
    for case, rows in cases.items():
        out.append(f'  <trace><string key="concept:name" value={quoteattr(case)}/>')
        for row in rows:
            channel = f'<string key="channel" value={quoteattr(row["channel"])}/>' if row["channel"] else ""
            out.append(
                f'    <event><string key="concept:name" value={quoteattr(row["activity"])}/>'
                f'<date key="time:timestamp" value="{row["timestamp"]}Z"/>{channel}</event>'
            )
        out.append("  </trace>")
    return "\n".join(out + ["</log>"]) + "\n"


def write_log(folder, name: str) -> None:
    events = _events()
    path = folder / name
    if name.endswith(".csv"):
        path.write_text(blocks()["events.csv"], encoding="utf-8")
    elif name.endswith(".jsonl"):
        path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    elif name.endswith(".parquet"):
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.table({key: [e[key] or None for e in events] for key in events[0]})
        pq.write_table(table, path)
    else:
        data = _xes(events).encode("utf-8")
        path.write_bytes(gzip.compress(data, mtime=0) if name.endswith(".gz") else data)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plumber.yaml").write_text(blocks()["plumber.yaml"], encoding="utf-8")
    return tmp_path


def evidence_json(capsys, log: str) -> str:
    assert run(["evidence", "plumber.yaml", "--events", log, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.mark.parametrize("name", FORMATS[1:])
def test_every_format_gives_the_same_evidence(folder, capsys, name):
    write_log(folder, "events.csv")
    write_log(folder, name)
    expected = evidence_json(capsys, "events.csv")
    assert evidence_json(capsys, name) == expected
    document = json.loads(expected)
    assert (document["cases"], document["events"], document["unmapped_events"]) == (8, 24, 2)
    assert document["fitness"]["fitting_cases"] == 3
