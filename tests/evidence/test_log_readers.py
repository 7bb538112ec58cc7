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


def test_csv_columns_by_common_names_any_case_with_time_zones_in_utc(tmp_path):
    path = write(
        tmp_path,
        "calls.csv",
        "Case_ID,ACTIVITY,Timestamp,channel\n"
        "c1,Searches,2026-05-01T09:00:00+03:00,web\n"
        "c1,Calls the office,2026-05-01 07:00:00,phone\n"
        "c2,Ζητά προσφορά,2026-05-01,\n",
    )
    assert rows(path) == [
        ("c1", "Searches", datetime(2026, 5, 1, 6, 0), "web", 0),
        ("c1", "Calls the office", datetime(2026, 5, 1, 7, 0), "phone", 1),
        ("c2", "Ζητά προσφορά", datetime(2026, 5, 1, 0, 0), None, 2),
    ]


def test_csv_delimiter_and_quotes_are_detected(tmp_path):
    path = write(
        tmp_path,
        "semicolons.csv",
        'case;activity;timestamp\n"00042";"Pays; by card";2026-05-01T10:00:00Z\n'
        '"00042";"Says ""thanks""";2026-05-01T10:00:05.250-02:30\n',
    )
    assert rows(path) == [
        ("00042", "Pays; by card", datetime(2026, 5, 1, 10, 0), None, 0),
        ("00042", 'Says "thanks"', datetime(2026, 5, 1, 12, 30, 5, 250000), None, 1),
    ]


def test_csv_tabs_xes_names_and_multiline_fields(tmp_path):
    path = write(
        tmp_path,
        "export.tsv",
        "case:concept:name\tconcept:name\ttime:timestamp\tcase:channel\n"
        'א-1\t"Пишет\nв чат"\t2026-05-01T10:00:00+02:00\tchat\n'
        "א-1\t確認\t2026-05-01T10:00:00+02:00\tchat\n",
    )
    assert rows(path) == [
        ("א-1", "Пишет\nв чат", datetime(2026, 5, 1, 8, 0), "chat", 0),
        ("א-1", "確認", datetime(2026, 5, 1, 8, 0), "chat", 1),
    ]


def test_columns_named_by_the_user_win_over_common_names(tmp_path):
    path = write(
        tmp_path,
        "tickets.csv",
        "ticket,step,activity,opened_at,medium,channel\nT-1,Opened,x,2026-05-01 08:00,📧 mail,web\n",
    )
    given = LogColumns(case="TICKET", activity="step", timestamp="opened_at", channel="medium")
    assert rows(path, given) == [("T-1", "Opened", datetime(2026, 5, 1, 8, 0), "📧 mail", 0)]


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
