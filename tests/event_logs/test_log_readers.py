"""Event logs read into the table evidence computes on: exact rows, exact errors."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("ibis")

from journeyctl.evidence.logs import LOG_COLUMNS, LogColumns, LogError, connect, open_log  # noqa: E402


def rows(path: Path, columns: LogColumns = LogColumns(), backend=None) -> list[tuple]:
    table = open_log(path, columns, backend or connect())
    assert table.columns == LOG_COLUMNS
    return [tuple(row.values()) for row in table.order_by("seq").to_pyarrow().to_pylist()]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error(path: Path, columns: LogColumns = LogColumns()) -> str:
    with pytest.raises(LogError) as caught:
        open_log(path, columns, connect())
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_csv_columns_by_common_names_any_case_with_time_zones_in_utc(tmp_path, engine):
    path = write(
        tmp_path,
        "calls.csv",
        "Case_ID,ACTIVITY,Timestamp,channel\n"
        "c1,Searches,2026-05-01T09:00:00+03:00,web\n"
        "c1,Calls the office,2026-05-01 07:00:00,phone\n"
        "c2,Ζητά προσφορά,2026-05-01,\n",
    )
    assert rows(path, backend=engine) == [
        ("c1", "Searches", datetime(2026, 5, 1, 6, 0), "web", 0),
        ("c1", "Calls the office", datetime(2026, 5, 1, 7, 0), "phone", 1),
        ("c2", "Ζητά προσφορά", datetime(2026, 5, 1, 0, 0), None, 2),
    ]


def test_csv_delimiter_and_quotes_are_detected(tmp_path, engine):
    path = write(
        tmp_path,
        "semicolons.csv",
        'case;activity;timestamp\n"00042";"Pays; by card";2026-05-01T10:00:00Z\n'
        '"00042";"Says ""thanks""";2026-05-01T10:00:05.250-02:30\n',
    )
    assert rows(path, backend=engine) == [
        ("00042", "Pays; by card", datetime(2026, 5, 1, 10, 0), None, 0),
        ("00042", 'Says "thanks"', datetime(2026, 5, 1, 12, 30, 5, 250000), None, 1),
    ]


def test_csv_tabs_xes_names_and_multiline_fields(tmp_path, engine):
    path = write(
        tmp_path,
        "export.tsv",
        "case:concept:name\tconcept:name\ttime:timestamp\tcase:channel\n"
        'א-1\t"Пишет\nв чат"\t2026-05-01T10:00:00+02:00\tchat\n'
        "א-1\t確認\t2026-05-01T10:00:00+02:00\tchat\n",
    )
    assert rows(path, backend=engine) == [
        ("א-1", "Пишет\nв чат", datetime(2026, 5, 1, 8, 0), "chat", 0),
        ("א-1", "確認", datetime(2026, 5, 1, 8, 0), "chat", 1),
    ]


def test_columns_named_by_the_user_win_over_common_names(tmp_path, engine):
    path = write(
        tmp_path,
        "tickets.csv",
        "ticket,step,activity,opened_at,medium,channel\nT-1,Opened,x,2026-05-01 08:00,📧 mail,web\n",
    )
    given = LogColumns(case="TICKET", activity="step", timestamp="opened_at", channel="medium")
    assert rows(path, given, engine) == [("T-1", "Opened", datetime(2026, 5, 1, 8, 0), "📧 mail", 0)]


def test_seq_is_the_line_order_of_a_large_file(tmp_path):
    import duckdb

    path = tmp_path / "large.csv"
    count = 600_000
    # Many equal timestamps, cases interleaved: only the file order tells the events apart.
    duckdb.sql(
        f"COPY (SELECT i AS line, 'case-' || (i * 7919 % 1000) AS case_id, 'step ' || (i % 13) AS activity, "
        f"'2026-05-01 00:00:00' AS timestamp FROM range({count}) t(i)) TO '{path}' (HEADER)"
    )
    table = open_log(path, LogColumns(), connect())
    ordered = table.order_by("seq").select("seq", "case_id", "activity").to_pyarrow()
    seqs = ordered.column("seq").to_pylist()
    cases = ordered.column("case_id").to_pylist()
    steps = ordered.column("activity").to_pylist()
    assert seqs == list(range(count))
    assert cases == [f"case-{i * 7919 % 1000}" for i in range(count)]
    assert steps == [f"step {i % 13}" for i in range(count)]


@pytest.mark.parametrize(
    ("text", "columns", "expected"),
    [
        ("case,activity\nc1,a\n", LogColumns(),
         "no timestamp column: expected one named 'timestamp' or 'time:timestamp' (any case) in the first row, "
         "found 'case' and 'activity'; name it with --timestamp"),
        ("case_id,case,activity,timestamp\n1,1,a,2026-05-01\n", LogColumns(),
         "'case_id' and 'case' could each be the case column: name one with --case"),
        ("case,activity,timestamp\n1,a,2026-05-01\n", LogColumns(channel="medium"),
         "no column 'medium' (given with --channel); the columns are 'case', 'activity' and 'timestamp'"),
        ("case,activity,timestamp\n", LogColumns(), "no events (the log has a header or schema but no rows)"),
        ("case,activity,timestamp\n1,a,2026-05-01\n2,b,31/12/2026\n", LogColumns(),
         "row 2: the timestamp '31/12/2026' is not a date and time (expected ISO 8601, like 2026-05-01T09:30:00+03:00)"),
        ("case,activity,timestamp\n1,a,2026-05-01\n2,b,\n", LogColumns(), "row 2: no timestamp (column 'timestamp')"),
        ("case,activity,timestamp\n1,a,2026-05-01\n  ,b,2026-05-01\n", LogColumns(), "row 2: no case id (column 'case')"),
        ("case,activity,timestamp\n1,,2026-05-01\n2,b,x\n", LogColumns(), "row 1: no activity (column 'activity')"),
        ("case,activity,timestamp\n1,a,2026-05-01\n2,b,2026-05-01,extra\n", LogColumns(),
         "line 3: 4 fields where the header has 3 (delimiter ',')"),
    ],
)
def test_bad_csv_logs_give_one_line_errors(tmp_path, text, columns, expected):
    path = write(tmp_path, "log.csv", text)
    assert error(path, columns) == f"{path}: {expected}"


def test_missing_and_empty_files(tmp_path):
    assert error(tmp_path / "nowhere.csv") == f"{tmp_path / 'nowhere.csv'}: no such file"
    assert error(write(tmp_path, "empty.csv", "")) == f"{tmp_path / 'empty.csv'}: the file is empty: no events"
    assert error(tmp_path) == f"{tmp_path}: a folder, not an event log"


# The same three events in every format: a case in Tallinn's summer time, ties in time
# broken by file order, a channel on the trace (XES) or on each event.
EXPECTED = [
    ("tellimus-1", "Tellib kulleri", datetime(2026, 6, 1, 6, 0), "web", 0),
    ("tellimus-1", "Maksab", datetime(2026, 6, 1, 6, 0), "web", 1),
    ("заказ-2", "Звонит", datetime(2026, 6, 2, 0, 0), "phone", 2),
]

XES = """\
<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="event"><string key="concept:name" value="__INVALID__"/></global>
  <classifier name="Activity" keys="concept:name"/>
  <string key="concept:name" value="deliveries"/>
  <trace>
    <string key="concept:name" value="tellimus-1"/>
    <string key="channel" value="web"/>
    <event>
      <string key="concept:name" value="Tellib kulleri"/>
      <date key="time:timestamp" value="2026-06-01T09:00:00.000+03:00"/>
      <string key="org:resource" value="Mari"/>
    </event>
    <event>
      <date key="time:timestamp" value="2026-06-01T09:00:00+03:00"/>
      <string key="concept:name" value="Maksab"/>
      <list key="items"><values><string key="concept:name" value="not an activity"/></values></list>
    </event>
  </trace>
  <trace>
    <event>
      <string key="concept:name" value="Звонит"/>
      <date key="time:timestamp" value="2026-06-02T00:00:00Z"/>
    </event>
    <string key="concept:name" value="заказ-2"/>
    <string key="channel" value="phone"/>
  </trace>
</log>
"""


def _table():
    import pyarrow as pa

    return pa.table(
        {
            "case_id": [e[0] for e in EXPECTED],
            "activity": [e[1] for e in EXPECTED],
            "timestamp": ["2026-06-01T09:00:00+03:00", "2026-06-01T09:00:00+03:00", "2026-06-02T00:00:00Z"],
            "channel": [e[3] for e in EXPECTED],
        }
    )


def test_parquet_with_typed_timestamps_and_numeric_case_ids(tmp_path, engine):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    pq.write_table(
        pa.table(
            {
                "CASE": pa.array([17, 17, 4], pa.int64()),
                "Activity": ["b", "a", "c"],
                "Timestamp": pa.array(
                    [datetime(2026, 6, 1, 9), datetime(2026, 6, 1, 9), datetime(2026, 6, 1, 8)], pa.timestamp("ms", "Europe/Tallinn")
                ),
            }
        ),
        path,
    )
    assert rows(path, backend=engine) == [
        ("17", "b", datetime(2026, 6, 1, 9), None, 0),
        ("17", "a", datetime(2026, 6, 1, 9), None, 1),
        ("4", "c", datetime(2026, 6, 1, 8), None, 2),
    ]


def test_parquet_with_text_timestamps(tmp_path, engine):
    import pyarrow.parquet as pq

    path = tmp_path / "events.pq"
    pq.write_table(_table(), path)
    assert rows(path, backend=engine) == EXPECTED


def test_json_lines(tmp_path, engine):
    import json

    lines = [
        dict(zip(("case_id", "activity", "timestamp", "channel"), values))
        for values in zip(*[column.to_pylist() for column in _table().columns])
    ]
    lines[0]["extra"] = {"nested": [1, 2]}
    path = write(tmp_path, "events.jsonl", "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    assert rows(path, backend=engine) == EXPECTED


@pytest.mark.parametrize("name", ["events.xes", "events.xes.gz", "events-without-suffix"])
def test_xes_plain_gzipped_and_sniffed(tmp_path, engine, name):
    import gzip

    path = tmp_path / name
    data = XES.encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if name.endswith(".gz") else data)
    given = LogColumns(channel="case:channel")
    assert rows(path, given, backend=engine) == EXPECTED


def test_xes_in_batches_keeps_file_order(tmp_path, monkeypatch):
    from journeyctl.evidence import xes

    monkeypatch.setattr(xes, "BATCH_EVENTS", 2)
    traces = "".join(
        f'<trace><string key="concept:name" value="c{t}"/>'
        + "".join(
            f'<event><string key="concept:name" value="a{e}"/><date key="time:timestamp" value="2026-06-01T00:00:00Z"/></event>'
            for e in range(t % 4)
        )
        + "</trace>"
        for t in range(20)
    )
    path = write(tmp_path, "many.xes", f"<log>{traces}</log>")
    read = rows(path)
    assert [(case, activity, seq) for case, activity, _, _, seq in read] == [
        (f"c{t}", f"a{e}", n) for n, (t, e) in enumerate((t, e) for t in range(20) for e in range(t % 4))
    ]


def test_formats_are_sniffed_when_the_name_does_not_say(tmp_path):
    import pyarrow.parquet as pq

    from journeyctl.evidence.formats import CSV, JSONL, PARQUET, XES as XES_FORMAT, log_format

    pq.write_table(_table(), tmp_path / "a.bin")
    write(tmp_path, "b.log", '\ufeff {"case_id": 1}\n')
    write(tmp_path, "c.txt", "case,activity\n")
    write(tmp_path, "d.data", XES)
    write(tmp_path, "e.CSV", '{"looks": "like json"}')
    found = [log_format(tmp_path / name) for name in ("a.bin", "b.log", "c.txt", "d.data", "e.CSV")]
    assert found == [PARQUET, JSONL, CSV, XES_FORMAT, CSV]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("bad.xes", "<log><trace><event></trace></log>", "bad.xes:1:22: not well-formed XML: mismatched tag"),
        ("notxes.xes", "<html><body/></html>", "notxes.xes: not an XES log (the root element is <html>, not <log>)"),
        ("none.xes", "<log><trace/></log>", "none.xes: no events (the XES log has no event inside a trace)"),
        ("bad.jsonl", '{"case_id": 1, "activity": "a", "timestamp": "2026-01-01"}\n{"case_id": \n',
         "bad.jsonl: cannot read it as JSON Lines: Malformed JSON in file "),
        ("nots.xes", '<log><trace><string key="concept:name" value="c"/><event><string key="concept:name" value="a"/>'
         "</event></trace></log>",
         "nots.xes: no timestamp column: expected one named 'timestamp' or 'time:timestamp' (any case) in the first row, "
         "found 'case:concept:name' and 'concept:name'; name it with --timestamp"),
        ("late.xes", '<log><trace><string key="concept:name" value="c"/><event><string key="concept:name" value="a"/>'
         '<date key="time:timestamp" value="yesterday"/></event></trace></log>',
         "late.xes: event 1: the timestamp 'yesterday' is not a date and time (expected ISO 8601, like 2026-05-01T09:30:00+03:00)"),
    ],
)
def test_bad_logs_of_other_formats(tmp_path, name, text, expected):
    path = write(tmp_path, name, text)
    assert error(path).startswith(f"{tmp_path}/{expected}")


def test_engines_by_url_and_their_errors(monkeypatch):
    from journeyctl.evidence.engines import DEFAULT_MEMORY_LIMIT, EngineError

    assert DEFAULT_MEMORY_LIMIT == "1.5GB"
    monkeypatch.setenv("JOURNEYCTL_MEMORY_LIMIT", "700MB")
    ((limit, spill),) = connect().con.execute(
        "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
    ).fetchall()
    assert limit == "667.5 MiB" and "journeyctl-spill-" in spill  # 700 MB in MiB
    ((limit,),) = connect(memory_limit="2GB").con.execute("SELECT current_setting('memory_limit')").fetchall()
    assert limit == "1.8 GiB"
    assert connect("duckdb://").name == "duckdb"
    with pytest.raises(EngineError) as caught:
        connect("nosuch://host")
    assert str(caught.value) == "--engine nosuch://host: cannot connect: Don't know how to connect to 'nosuch://host'"


def test_an_engine_that_reads_no_files_is_sent_the_rows(tmp_path):
    import ibis

    class NoFiles:
        """An engine like a database server: tables made from data, no file reading."""

        name = "server"

        def __init__(self):
            self.inner = ibis.duckdb.connect()

        def read_parquet(self, *args, **kwargs):
            raise NotImplementedError

        def create_table(self, name, data, temp=False):
            assert temp
            return self.inner.create_table(name, data)

    path = write(tmp_path, "log.csv", "case,activity,timestamp\nc1,a,2026-05-01T10:00:00+02:00\n")
    assert rows(path, backend=NoFiles()) == [("c1", "a", datetime(2026, 5, 1, 8, 0), None, 0)]


def test_xes_is_converted_in_memory_bounded_by_a_batch_not_by_the_file(tmp_path, monkeypatch):
    import tracemalloc

    from journeyctl.evidence import xes

    monkeypatch.setattr(xes, "BATCH_EVENTS", 1000)

    def peak(traces: int) -> int:
        path = tmp_path / f"log-{traces}.xes"
        with path.open("w", encoding="utf-8") as out:
            out.write("<log>")
            for t in range(traces):
                out.write(f'<trace><string key="concept:name" value="case-{t}"/>')
                for e in range(5):
                    out.write(
                        f'<event><string key="concept:name" value="step {e}"/>'
                        f'<date key="time:timestamp" value="2026-06-01T00:00:0{e}Z"/></event>'
                    )
                out.write("</trace>")
            out.write("</log>")
        tracemalloc.start()
        xes.convert_xes(path, path.name, tmp_path / f"parts-{traces}", LogColumns())
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    peak(100)  # the first conversion imports PyArrow: not measured
    small, large = peak(1_000), peak(8_000)
    # Eight times the events, about the same memory: what grows is the list of part files.
    assert large < 1.5 * small


def test_a_parquet_timestamp_column_of_numbers_is_refused_not_guessed(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "epoch.parquet"
    pq.write_table(pa.table({"case_id": ["c1"], "activity": ["a"], "timestamp": pa.array([1780000000], pa.int64())}), path)
    assert error(path) == (
        f"{path}: the timestamp column 'timestamp' holds BIGINT values, not dates and times (name another one with --timestamp)"
    )
