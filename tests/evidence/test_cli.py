"""``journeyctl evidence``: formats, output file, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journeyctl.cli import run
from support import FLOW, log_file

SRC = Path(__file__).resolve().parents[2] / "src"

ROWS = """
    k1, a, 10:00, web
    k1, b, 10:05, phone
    k1, c, 10:35, email
    k2, a, 11:00, web
    k2, b, 11:01, chat
    k2, c, 13:01, email
    k3, b, 09:00, phone
    k3, newsletter | *sale*, 09:01, email
"""


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "flow.yaml").write_text(FLOW, encoding="utf-8")
    log_file(tmp_path, ROWS)
    return tmp_path


def test_json_has_the_documented_shape_and_numbers(files, capsys):
    assert run(["evidence", "flow.yaml", "--events", "log.csv", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == {
        "version": 1,
        "journey": "flow",
        "cases": 3,
        "events": 8,
        "unmapped_events": 1,
        "touchpoints": [
            {"id": "a", "cases": 2, "visits": 2, "events": 2, "drop_offs": 0, "drop_off_rate": 0.0,
             "channel": "web", "channels": [{"channel": "web", "events": 2}]},
            {"id": "b", "cases": 3, "visits": 3, "events": 3, "drop_offs": 1, "drop_off_rate": 0.333333,
             "channel": "phone", "channels": [{"channel": "phone", "events": 2}, {"channel": "chat", "events": 1}]},
            {"id": "c", "cases": 2, "visits": 2, "events": 2, "drop_offs": 0, "drop_off_rate": 0.0,
             "channel": "email", "channels": [{"channel": "email", "events": 2}]},
            {"id": "d", "cases": 0, "visits": 0, "events": 0, "drop_offs": 0, "drop_off_rate": None,
             "channel": "phone", "channels": []},
        ],
        "transitions": [
            {"from": "a", "to": "b", "mapped": True, "cases": 2, "count": 2, "median_seconds": 180,
             "p90_seconds": 276, "sla_seconds": None, "over_sla_rate": None},
            {"from": "b", "to": "c", "mapped": True, "cases": 2, "count": 2, "median_seconds": 4500,
             "p90_seconds": 6660, "sla_seconds": 3600, "over_sla_rate": 0.5},
            {"from": "b", "to": "d", "mapped": True, "cases": 0, "count": 0, "median_seconds": None,
             "p90_seconds": None, "sla_seconds": None, "over_sla_rate": None},
        ],
        "unmapped_activities": [{"activity": "newsletter | *sale*", "events": 1}],
        "fitness": {"fitting_cases": 2, "rate": 0.666667, "top_variants": [{"touchpoints": ["b"], "cases": 1}]},
    }
    assert list(json.loads(out)) == [
        "version", "journey", "cases", "events", "unmapped_events", "touchpoints", "transitions",
        "unmapped_activities", "fitness",
    ]


@pytest.mark.parametrize("output_format", ["text", "json", "md"])
def test_every_format_is_deterministic_and_goes_to_the_output_file(files, capsys, output_format):
    argv = ["evidence", "flow.yaml", "--events", "log.csv", "--format", output_format]
    assert run(argv) == 0
    first = capsys.readouterr().out
    assert run([*argv, "-o", "out.txt"]) == 0
    assert capsys.readouterr() == ("", "")
    assert (files / "out.txt").read_text(encoding="utf-8") == first


def test_text_names_what_the_map_does_not_show(files, capsys):
    assert run(["evidence", "flow.yaml", "--events", "log.csv"]) == 0
    assert capsys.readouterr().out == """\
journey 'flow' against log.csv
3 cases, 8 events, 1 unmapped

touchpoint  cases  visits  events  drop-offs  drop-off rate
a               2       2       2          0           0.0%
b               3       3       3          1          33.3%
c               2       2       2          0           0.0%
d               0       0       0          0              –

transition  cases  count  median     p90  SLA  over SLA
a → b           2      2      3m  4m 36s    –         –
b → c           2      2  1h 15m  1h 51m   1h     50.0%
unused transitions: b → d

unmapped activities (1 event):
  1  newsletter | *sale*

fitness: 2 of 3 cases (66.7%) start at an entry, end at an end and take only mapped transitions
most frequent variants that do not fit:
  1 case  b

channels seen in the log (events), against the map's:
  a: mapped web; seen web (2)
  b: mapped phone; seen phone (2), chat (1)  ← not only the mapped one
  c: mapped email; seen email (2)
"""


def test_markdown_escapes_what_the_log_says(files, capsys):
    assert run(["evidence", "flow.yaml", "--events", "log.csv", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "| newsletter \\| \\*sale\\* | 1 |" in out
    assert "| b → c | yes | 2 | 2 | 1h 15m | 1h 51m | 1h | 50.0% |" in out
    assert "| b → d | yes (unused) | 0 | 0 | – | – | – | – |" in out


def test_an_activity_of_two_touchpoints_is_one_line_and_exit_1(files, capsys):
    (files / "flow.yaml").write_text(FLOW.replace("events: [d]", "events: ['?']"), encoding="utf-8")
    assert run(["evidence", "flow.yaml", "--events", "log.csv"]) == 1
    assert capsys.readouterr() == (
        "",
        "journeyctl: error: flow.yaml: activity 'a' is evidence of 2 touchpoints: 'a', 'd' (and 2 more "
        "activities); make their 'events' patterns disjoint\n",
    )


def test_a_map_with_findings_is_reported_and_exits_1(files, capsys):
    (files / "flow.yaml").write_text(FLOW.replace("events: [d]", "events: [c]"), encoding="utf-8")
    assert run(["evidence", "flow.yaml", "--events", "log.csv"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "flow.yaml:34:14" in err and "activity 'c' is already evidence of touchpoint 'c'" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--events", "log.csv", "--format", "html"], "--format: unknown format 'html' (expected one of text, json, md)"),
        (["--events", "nothing.csv"], "--events nothing.csv: no such file"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(files, capsys, argv, message):
    assert run(["evidence", "flow.yaml", *argv]) == 2
    assert capsys.readouterr() == ("", f"journeyctl: error: {message}\n")


def test_a_folder_of_two_maps_is_refused(files, capsys):
    (files / "maps").mkdir()
    for name in ("one", "two"):
        (files / "maps" / f"{name}.yaml").write_text(FLOW.replace("id: flow", f"id: {name}"), encoding="utf-8")
    assert run(["evidence", "maps", "--events", "log.csv"]) == 2
    assert capsys.readouterr().err == (
        "journeyctl: error: maps: evidence takes one journey map file, found 2 journey maps\n"
    )


def test_without_the_extra_it_says_how_to_install_it(files, capsys, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "duckdb" else real(name, *a))
    assert run(["evidence", "flow.yaml", "--events", "log.csv"]) == 2
    assert capsys.readouterr().err == (
        "journeyctl: error: evidence needs DuckDB: pip install 'journeyctl[evidence]'\n"
    )


def test_help_imports_neither_ibis_nor_duckdb():
    probe = (
        "import sys\nfrom journeyctl.cli import run\nrun(['evidence', '--help'])\n"
        "print(sorted(m for m in ('ibis', 'duckdb', 'pyarrow', 'pandas') if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env={**os.environ, "PYTHONPATH": str(SRC)}, capture_output=True, text=True,
        check=False,
    )
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert "--events LOG" in done.stdout
