"""Resource limits: every limit is a located JM001 finding, reached in bounded time and memory.

Each case runs ``journeyctl lint --format json`` in a fresh interpreter that measures the
wall time and how much its peak resident memory grew (after a warm-up run). The bounds
are generous — CI machines are slow and shared — but far below what the same input costs
without the limit (a billion-laughs document would expand to 10⁹ nodes).
"""

from __future__ import annotations

import pytest
from robustness_support import measure_cli

from journeyctl.config import DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_TOUCHPOINTS
from journeyctl.yamlload import MAX_DEPTH

SECONDS = 2.0
EXTRA_MB = 200

BILLION_LAUGHS = """\
journeyctl: 1
id: lol
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def lint_measured(tmp_path, name: str, content: bytes, *extra: str):
    (tmp_path / name).write_bytes(content)
    outcome = measure_cli(["lint", "--format", "json", *extra, name], tmp_path)
    assert (outcome.code, outcome.err) == (1, "")
    assert outcome.seconds < SECONDS, f"took {outcome.seconds:.2f} s"
    assert outcome.extra_rss_mb < EXTRA_MB, f"peak memory grew by {outcome.extra_rss_mb:.0f} MB"
    return outcome


# -- alias expansion ---------------------------------------------------------------------


def test_billion_laughs_is_refused_quickly_in_bounded_memory(tmp_path):
    outcome = lint_measured(tmp_path, "lol.yaml", BILLION_LAUGHS.encode())
    # The budget (10,000 nodes: the floor for small files) runs out while an alias is being
    # expanded; the finding points at the node being copied then, one of a's strings.
    assert outcome.findings() == [
        ("lol.yaml", "JM001", 3, 57, "aliases expand the document to more than 10000 nodes (an alias bomb?)"),
    ]
    assert outcome.json()["summary"] == {"files": 1, "journeys": 0, "errors": 1, "warnings": 0, "infos": 0}


def test_an_alias_bomb_hidden_in_a_large_file_is_refused_in_bounded_memory(tmp_path):
    # The budget grows with the file (one node per byte), so padding buys a bigger
    # budget — but never more nodes than plain text of the same size could hold.
    padding = ("# " + "x" * 97 + "\n") * 2_000
    text = padding + BILLION_LAUGHS
    outcome = lint_measured(tmp_path, "padded.yaml", text.encode())
    ((path, code, line, column, message),) = outcome.findings()
    assert (path, code, message) == (
        "padded.yaml", "JM001", f"aliases expand the document to more than {len(text)} nodes (an alias bomb?)",
    )
    assert line > 2_000 and column >= 1


def test_an_alias_that_contains_itself_is_refused(tmp_path):
    outcome = lint_measured(tmp_path, "loop.yaml", b"journeyctl: 1\nid: &x {a: [*x]}\n")
    assert outcome.findings() == [
        ("loop.yaml", "JM001", 2, 5, "an alias refers to the node that contains it (a recursive structure)"),
    ]


# -- nesting depth -----------------------------------------------------------------------


def test_nesting_one_level_too_deep_is_located(tmp_path):
    depth = MAX_DEPTH + 1
    text = "journeyctl: 1\nx: " + "[" * depth + "]" * depth + "\n"
    outcome = lint_measured(tmp_path, "deep.yaml", text.encode())
    # The top-level mapping is level 1 and x's list level 2, so the list that opens at
    # column 3 + 64 is the first one beyond 64 levels.
    assert outcome.findings() == [
        ("deep.yaml", "JM001", 2, 4 + MAX_DEPTH, f"the document is nested too deeply (more than {MAX_DEPTH} levels)"),
    ]


def test_nesting_at_the_limit_is_accepted(tmp_path):
    depth = MAX_DEPTH - 1  # plus the top-level mapping
    text = "journeyctl: 1\nx-deep: " + "[" * depth + "]" * depth + "\n"
    (tmp_path / "deep.yaml").write_text(text, encoding="utf-8")
    outcome = measure_cli(["lint", "--format", "json", "deep.yaml"], tmp_path)
    assert [f[1] for f in outcome.findings()] == ["JM002"] * 4  # id, title, stages, touchpoints missing


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("flow.yaml", "journeyctl: 1\nx: " + "[" * 200_000 + "]" * 200_000 + "\n", (2, 68)),
        ("block.yaml", "journeyctl: 1\nx:\n" + "".join("  " * i + "- \n" for i in range(1, 3_000)), (67, 131)),
        ("compact.yaml", "journeyctl: 1\nx:\n" + "- " * 100_000 + "x\n", (3, 129)),
    ],
)
def test_nesting_deep_enough_to_crash_a_recursive_parser_is_refused_in_time(tmp_path, name, text, where):
    outcome = lint_measured(tmp_path, name, text.encode())
    assert outcome.findings() == [
        (name, "JM001", *where, f"the document is nested too deeply (more than {MAX_DEPTH} levels)"),
    ]


# -- file size ---------------------------------------------------------------------------


def test_a_file_over_the_default_size_limit_is_not_even_read(tmp_path):
    content = b"journeyctl: 1\n" + b"#" * (DEFAULT_MAX_FILE_SIZE - 14) + b"\n"
    outcome = lint_measured(tmp_path, "huge.yaml", content)
    assert outcome.findings() == [
        ("huge.yaml", "JM001", 1, 1, "the file is 10,485,761 bytes, over the limit of 10,485,760 (max-file-size)"),
    ]
    assert outcome.extra_rss_mb < 10  # well below the size of the file


def test_the_size_limit_is_configurable(tmp_path):
    (tmp_path / "journeyctl.toml").write_text("max-file-size = 100\n", encoding="utf-8")
    outcome = lint_measured(tmp_path, "map.yaml", b"journeyctl: 1\n" + b"#" * 86 + b"\n")
    assert outcome.findings() == [
        ("map.yaml", "JM001", 1, 1, "the file is 101 bytes, over the limit of 100 (max-file-size)"),
    ]


def test_a_file_exactly_at_the_size_limit_is_read(tmp_path):
    (tmp_path / "journeyctl.toml").write_text("max-file-size = 100\n", encoding="utf-8")
    (tmp_path / "map.yaml").write_bytes(b"journeyctl: 1\n" + b"#" * 85 + b"\n")
    outcome = measure_cli(["lint", "--format", "json", "map.yaml"], tmp_path)
    assert [f[1] for f in outcome.findings()] == ["JM002"] * 4


def test_a_file_over_the_size_limit_found_in_a_folder_is_reported(tmp_path):
    (tmp_path / "journeyctl.toml").write_text("max-file-size = 100\n", encoding="utf-8")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "map.yaml").write_bytes(b"journeyctl: 1\n" + b"#" * 200 + b"\n")
    outcome = measure_cli(["lint", "--format", "json", "maps"], tmp_path)
    assert outcome.findings() == [
        ("maps/map.yaml", "JM001", 1, 1, "the file is 215 bytes, over the limit of 100 (max-file-size)"),
    ]


# -- touchpoints per journey -------------------------------------------------------------


def touchpoints_map(count: int) -> bytes:
    lines = ["journeyctl: 1", "id: many", "title: Many", "stages: [{id: s, name: S}]", "touchpoints:"]
    lines += [f"  - {{id: t{i}, name: T, stage: s, channel: web}}" for i in range(count)]
    return ("\n".join(lines) + "\n").encode()


def test_more_touchpoints_than_the_default_limit_are_refused_before_validation(tmp_path):
    outcome = lint_measured(tmp_path, "many.yaml", touchpoints_map(DEFAULT_MAX_TOUCHPOINTS + 1))
    assert outcome.findings() == [
        ("many.yaml", "JM001", 6, 3,
         "the journey has 10,001 touchpoints, over the limit of 10,000 (max-touchpoints)"),
    ]


def test_the_touchpoint_limit_is_configurable(tmp_path):
    (tmp_path / "journeyctl.toml").write_text("max-touchpoints = 3\n", encoding="utf-8")
    outcome = lint_measured(tmp_path, "four.yaml", touchpoints_map(4))
    assert outcome.findings() == [
        ("four.yaml", "JM001", 6, 3, "the journey has 4 touchpoints, over the limit of 3 (max-touchpoints)"),
    ]


# -- files that never end ----------------------------------------------------------------


def _device_or_skip(device: str) -> None:
    import os
    import stat

    if not (os.path.exists(device) and stat.S_ISCHR(os.stat(device).st_mode)):
        pytest.skip(f"{device} is not a character device here")


def test_a_map_that_links_to_an_endless_device_is_a_finding(tmp_path):
    _device_or_skip("/dev/zero")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    outcome = measure_cli(["lint", "--format", "json", "zero.yaml"], tmp_path)
    assert (outcome.code, outcome.err) == (1, "")
    # Files are known by their real location, so the finding names what the link leads to.
    assert outcome.findings() == [
        ("/dev/zero", "JM001", 1, 1, "cannot read the file: not a regular file (a folder, device, pipe or socket)"),
    ]
    assert outcome.seconds < SECONDS and outcome.extra_rss_mb < EXTRA_MB


def test_devices_pipes_and_dangling_links_in_a_folder_are_skipped_without_blocking(tmp_path):
    import os

    _device_or_skip("/dev/zero")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "maps" / "nowhere.yaml").symlink_to(tmp_path / "missing.yaml")
    os.mkfifo(tmp_path / "maps" / "pipe.yaml")
    (tmp_path / "maps" / "map.yaml").write_bytes(b"journeyctl: 1\nid: m\n")
    outcome = measure_cli(["lint", "--format", "json", "maps"], tmp_path, timeout=30)
    assert (outcome.code, outcome.err) == (1, "")
    assert {f[0] for f in outcome.findings()} == {"maps/map.yaml"}
    assert outcome.json()["summary"]["files"] == 1
    assert outcome.seconds < SECONDS
