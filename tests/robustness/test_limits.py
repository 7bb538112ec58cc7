"""Resource limits: every limit is a located JM001 finding, reached in bounded time and memory.

Each case runs ``journeyctl lint --format json`` in a fresh interpreter that measures how
much its peak resident memory grew (after a warm-up run) and how long it took compared
with a baseline measured in the same process (see ``measure_cli``): a wall-clock bound
fails on a loaded machine. The bounds are generous — CI machines are slow and shared — but
far below what the same input costs without the limit (a billion-laughs document would
expand to 10⁹ nodes). Absolute time targets live in ``benchmarks/``.
"""

from __future__ import annotations

import json

import pytest
from robustness_support import measure_cli, run_cli

from journeyctl.loading.config import DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_TOUCHPOINTS
from journeyctl.loading.references import SUGGESTION_BUDGET
from journeyctl.loading.yamlload import MAX_DEPTH, MAX_VALUES

#: How many baselines a refused input may cost: enough for a machine busy with other work
#: between the baseline and the command, far below what the inputs cost without their limit.
#: The baseline, a warm lint of a small map, takes about 1.5 ms since a plain lint command
#: line is read without building typer's command line (it took 5.5 ms): 150 of them are
#: the time 50 were before.
FACTOR = 150
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


def lint_measured(tmp_path, name: str, content: bytes, *extra: str, scan: bool = True):
    """Lint ``name`` measured; the baseline includes libyaml's reading of it if ``scan``."""
    (tmp_path / name).write_bytes(content)
    outcome = measure_cli(["lint", "--format", "json", *extra, name], tmp_path, inputs=[name] if scan else [])
    assert (outcome.code, outcome.err) == (1, "")
    assert outcome.ratio < FACTOR, f"took {outcome.seconds:.2f} s, {outcome.ratio:.1f} baselines"
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
    # Short ids: pytest puts the test's id in the environment (PYTEST_CURRENT_TEST), and
    # one holding the text is longer than an environment variable of a child may be.
    ids=["flow", "block", "compact"],
)
def test_nesting_deep_enough_to_crash_a_recursive_parser_is_refused_in_time(tmp_path, name, text, where):
    # libyaml before 0.2.6 reads deep flow nesting in quadratic time: reading all of it is
    # no baseline, and the loader stops at the first level too deep.
    outcome = lint_measured(tmp_path, name, text.encode(), scan=False)
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
         "the journey has 8,001 touchpoints, over the limit of 8,000 (max-touchpoints)"),
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
    assert outcome.ratio < FACTOR and outcome.extra_rss_mb < EXTRA_MB


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
    assert outcome.ratio < FACTOR


# -- findings per rule and file ----------------------------------------------------------


def flood_map(touchpoints: int, fan_out: int) -> bytes:
    """Every touchpoint links to ``fan_out`` others (a sixth of them twice), across teams and
    channels, backwards too."""
    lines = [
        "journeyctl: 1", "id: flood", "title: Flood", "owner: a", "reviewed: 2026-09-14",
        "teams: [{id: a, name: A}, {id: b, name: B}]",
        "stages: [{id: s1, name: S1}, {id: s2, name: S2}]", "touchpoints:",
    ]
    for i in range(touchpoints):
        distinct = [f"t{(i * 7 + k * 13) % touchpoints}" for k in range(fan_out - fan_out // 6)]
        targets = ", ".join(distinct + distinct[: fan_out // 6])
        lines.append(
            f"  - {{id: t{i}, name: T, stage: s{1 + i % 2}, channel: {('web', 'phone')[i % 2]}, "
            f"owner: {'ab'[i % 2]}, entry: true, end: success, next: [{targets}]}}"
        )
    return ("\n".join(lines) + "\n").encode()


def test_a_map_built_to_trip_rules_everywhere_costs_bounded_findings(tmp_path):
    # 400 touchpoints x 60 transitions: 34,000 findings without the cap.
    (tmp_path / "flood.yaml").write_bytes(flood_map(400, 60))
    outcome = measure_cli(["lint", "--format", "json", "flood.yaml"], tmp_path, timeout=120, inputs=["flood.yaml"])
    assert outcome.code == 1
    counts = {}
    for f in outcome.json()["findings"]:
        counts[f["code"]] = counts.get(f["code"], 0) + 1
    assert counts == {"JM107": 1001, "JM108": 1001, "JM201": 1001, "JM202": 1001}
    summaries = sorted(f["message"] for f in outcome.json()["findings"] if " more " in f["message"])
    assert summaries == [
        f"{rest} more {rule} findings in this file are not reported (max-findings: 1,000 per rule and file)"
        for rest, rule in [
            ("11,000", "channel-switch-without-context"), ("11,000", "missing-handoff"),
            ("3,000", "duplicate-transition"), ("5,000", "backward-transition"),
        ]
    ]
    assert outcome.ratio < FACTOR, f"took {outcome.seconds:.2f} s, {outcome.ratio:.1f} baselines"
    assert outcome.extra_rss_mb < EXTRA_MB, f"peak memory grew by {outcome.extra_rss_mb:.0f} MB"


FIVE_UNOWNED = """\
journeyctl: 1
id: five
title: Five
owner: a
reviewed: 2026-09-14
teams: [{id: a, name: A}]
stages: [{id: s, name: S}]
touchpoints:
  - {id: t1, name: T, stage: s, channel: web, entry: true, next: [t2]}
  - {id: t2, name: T, stage: s, channel: web, next: [t3]}
  - {id: t3, name: T, stage: s, channel: web, next: [t4]}
  - {id: t4, name: T, stage: s, channel: web, next: [t5]}
  - {id: t5, name: T, stage: s, channel: web, end: success}
"""


def test_the_findings_limit_is_configurable_and_the_last_finding_counts_the_rest(tmp_path):
    (tmp_path / "journeyctl.toml").write_text("max-findings = 2\n", encoding="utf-8")
    (tmp_path / "five.yaml").write_text(FIVE_UNOWNED, encoding="utf-8")
    outcome = measure_cli(["lint", "--format", "json", "five.yaml"], tmp_path)
    assert [f[1:] for f in outcome.findings()] == [
        ("JM204", 9, 6, "frontstage touchpoint 't1' has no owner: name the team that runs it in 'owner'"),
        ("JM204", 10, 6, "frontstage touchpoint 't2' has no owner: name the team that runs it in 'owner'"),
        ("JM204", 11, 6, "3 more missing-owner findings in this file are not reported "
                         "(max-findings: 2 per rule and file)"),
    ]


@pytest.mark.parametrize("value", ["0", "-1", "1.5", "true", '"10"'])
def test_a_findings_limit_that_is_not_a_positive_whole_number_is_a_usage_error(tmp_path, value):
    (tmp_path / "journeyctl.toml").write_text(f"max-findings = {value}\n", encoding="utf-8")
    (tmp_path / "five.yaml").write_text(FIVE_UNOWNED, encoding="utf-8")
    outcome = measure_cli(["lint", "five.yaml"], tmp_path)
    shown = {'"10"': "'10'"}.get(value, value)
    assert (outcome.code, outcome.out) == (2, "")
    assert outcome.err == (
        f"journeyctl: error: {tmp_path / 'journeyctl.toml'}: 'max-findings': must be a positive whole number, "
        f"not {shown}\n"
    )


def test_a_suppression_of_a_finding_past_the_limit_is_not_called_unused(tmp_path):
    (tmp_path / "journeyctl.toml").write_text("max-findings = 2\n", encoding="utf-8")
    text = FIVE_UNOWNED.replace(
        "  - {id: t4,", "  # journeyctl: ignore[missing-owner]\n  - {id: t4,"
    )
    (tmp_path / "five.yaml").write_text(text, encoding="utf-8")
    outcome = measure_cli(["lint", "--format", "json", "five.yaml"], tmp_path)
    assert [(f[1], f[2]) for f in outcome.findings()] == [("JM204", 9), ("JM204", 10), ("JM204", 11)]


def test_unused_suppressions_are_limited_too(tmp_path):
    (tmp_path / "journeyctl.toml").write_text("max-findings = 2\n", encoding="utf-8")
    comments = "".join(f"# journeyctl: ignore[dead-end] {i}\n" for i in range(5))
    (tmp_path / "five.yaml").write_text(FIVE_UNOWNED.replace("  - {id: t1", comments + "  - {id: t1"), encoding="utf-8")
    outcome = measure_cli(["lint", "--format", "json", "--select", "JM005", "five.yaml"], tmp_path)
    assert [f[1:4] for f in outcome.findings()] == [("JM005", 9, 1), ("JM005", 10, 1), ("JM005", 11, 1)]
    assert outcome.findings()[-1][4] == (
        "3 more unused-suppression findings in this file are not reported (max-findings: 2 per rule and file)"
    )


def test_a_long_run_of_suppression_comments_is_read_in_linear_time(tmp_path):
    # Each comment looked for the next line that is not a comment by walking the run:
    # 200,000 comments took a quarter of an hour.
    comments = "# journeyctl: ignore[dead-end]\n" * 100_000
    (tmp_path / "many.yaml").write_text(FIVE_UNOWNED.replace("  - {id: t1", comments + "  - {id: t1"), encoding="utf-8")
    outcome = measure_cli(["lint", "--format", "json", "--select", "JM005", "many.yaml"], tmp_path, inputs=["many.yaml"])
    assert outcome.code == 0  # JM005 is a warning
    assert outcome.findings()[-1][1:] == (
        "JM005", 1_009, 1,
        "99,000 more unused-suppression findings in this file are not reported (max-findings: 1,000 per rule and file)",
    )
    # Comments give libyaml's events, the baseline, next to nothing to do.
    assert outcome.ratio < 10 * FACTOR, f"took {outcome.seconds:.2f} s, {outcome.ratio:.1f} baselines"
    assert outcome.extra_rss_mb < EXTRA_MB, f"peak memory grew by {outcome.extra_rss_mb:.0f} MB"


# -- values per document -----------------------------------------------------------------


def test_more_values_than_the_loader_holds_are_refused_where_the_limit_is_reached(tmp_path):
    # Just over the limit, one-character list items: the cheapest way to make values.
    items = MAX_VALUES + 10
    text = "journeyctl: 1\nid: t\ntags: [" + ",".join(["a"] * items) + "]\n"
    outcome = lint_measured(tmp_path, "values.yaml", text.encode())
    # The root mapping, its two keys' values and the list take four values before the items.
    column = len("tags: [") + 2 * (MAX_VALUES - 4) + 1
    assert outcome.findings() == [
        ("values.yaml", "JM001", 3, column,
         f"the document holds more than {MAX_VALUES:,} values: split it into several maps"),
    ]


def test_a_file_at_the_size_limit_full_of_values_is_refused_without_reading_it_all(tmp_path):
    # 5 million list items: holding them all cost gigabytes and half a minute. The loader
    # stops at the value limit, so the rest of the file, syntax error and all, is never read.
    head = "journeyctl: 1\nid: t\ntags: ["
    items = (DEFAULT_MAX_FILE_SIZE - len(head) - len(",]\n")) // 2
    text = head + ",".join(["1"] * items) + ",]\n"
    assert len(text) == DEFAULT_MAX_FILE_SIZE - 1
    outcome = lint_measured(tmp_path, "values.yaml", text.encode())
    column = len("tags: [") + 2 * (MAX_VALUES - 4) + 1
    assert outcome.findings() == [
        ("values.yaml", "JM001", 3, column,
         f"the document holds more than {MAX_VALUES:,} values: split it into several maps"),
    ]


#: The bound every command keeps on any input the default limits admit (docs/security.md),
#: less what the interpreter and journeyctl's modules take before the command starts.
BOUND_MB = 500 - 100


def test_the_most_values_the_limit_admits_each_a_schema_error_stay_within_the_memory_bound(tmp_path):
    # Every value a finding: the most expensive kind of value for validation to report.
    text = "journeyctl: 1\nid: t\ntags: [" + ",".join(["1"] * (MAX_VALUES - 4)) + "]\n"
    (tmp_path / "ints.yaml").write_text(text, encoding="utf-8")
    outcome = measure_cli(["lint", "--format", "json", "ints.yaml"], tmp_path, timeout=300, inputs=["ints.yaml"])
    assert (outcome.code, outcome.err) == (1, "")
    found = outcome.findings()
    assert len(found) == 1_001
    assert found[0][1:] == ("JM002", 1, 1, "journey 't' is missing the required field 'title'")
    # title, stages and touchpoints are missing; the rest are the list's items
    assert found[-1][1:] == (
        "JM002", 3, 2_006,
        f"{3 + MAX_VALUES - 4 - 1_000:,} more schema findings in this file are not reported "
        "(max-findings: 1,000 per rule and file)",
    )
    assert outcome.extra_rss_mb < BOUND_MB, f"peak memory grew by {outcome.extra_rss_mb:.0f} MB"
    assert outcome.ratio < FACTOR, f"took {outcome.seconds:.2f} s, {outcome.ratio:.1f} baselines"


@pytest.mark.parametrize(
    ("content", "code", "rest"),
    [
        ("tags: [" + ", ".join(["1"] * 5_000) + "]", "JM002", "4,000 more schema findings"),
        ("touchpoints:\n" + "".join("  - {id: t, name: T, stage: s, channel: web}\n" for _ in range(3_000)),
         "JM004", "1,999 more duplicate-id findings"),
        ("touchpoints:\n" + "".join(
            f"  - {{id: t{i}, name: T, stage: s, channel: web, next: [nowhere-{i}]}}\n" for i in range(3_000)
        ), "JM003", "2,000 more unknown-reference findings"),
    ],
    ids=["schema", "duplicate-id", "unknown-reference"],
)
def test_validation_findings_are_limited_per_rule_and_file(tmp_path, content, code, rest):
    text = "journeyctl: 1\nid: flood\ntitle: Flood\nstages: [{id: s, name: S}]\n" + content + "\n"
    if not content.startswith("touchpoints"):
        text += "touchpoints: [{id: t, name: T, stage: s, channel: web}]\n"
    outcome = lint_measured(tmp_path, "flood.yaml", text.encode())
    found = [f for f in outcome.findings() if f[1] == code]
    assert len(found) == 1001
    assert found[-1][4] == f"{rest} in this file are not reported (max-findings: 1,000 per rule and file)"


def test_only_the_first_unknown_references_get_a_suggestion(tmp_path):
    # Each suggestion compares the reference with every touchpoint: 6,000 typos on a map of
    # 6,000 touchpoints took minutes. The first ones get a suggestion while the budget of
    # comparisons lasts.
    lines = [f"  - {{id: step-{i}, name: T, stage: s, channel: web, next: [stpe-{i}]}}" for i in range(6_000)]
    text = "journeyctl: 1\nid: typos\ntitle: T\nstages: [{id: s, name: S}]\ntouchpoints:\n" + "\n".join(lines) + "\n"
    outcome = lint_measured(tmp_path, "typos.yaml", text.encode())
    messages = [f[4] for f in outcome.findings() if f[1] == "JM003"]
    suggested = SUGGESTION_BUDGET // 6_000
    assert messages[0] == "touchpoint 'step-0': unknown touchpoint 'stpe-0' — did you mean 'step-0'?"
    assert sum("did you mean" in m for m in messages) == suggested == 3
    assert messages[suggested] == f"touchpoint 'step-{suggested}': unknown touchpoint 'stpe-{suggested}'"


# -- Graphviz layout ---------------------------------------------------------------------


def crossing_map(touchpoints: int) -> str:
    """A chain whose every step also jumps back: Graphviz lays out 300 of them in over ten minutes."""
    lines = ["journeyctl: 1", "id: tangle", "title: Tangle", "stages: [{id: s1, name: S1}, {id: s2, name: S2}]",
             "touchpoints:"]
    for i in range(touchpoints):
        tail = f", next: [t{i + 1}, t{(i * 7) % touchpoints}]" if i < touchpoints - 1 else ", end: success"
        lines.append(f"  - {{id: t{i}, name: T, stage: s{1 + 2 * i // touchpoints}, channel: web, entry: true{tail}}}")
    return "\n".join(lines) + "\n"


def test_a_layout_graphviz_cannot_finish_in_time_is_stopped_with_one_line(tmp_path, monkeypatch):
    import shutil
    import time

    from cost import fastest

    import journeyctl.outputs.render.graphviz_run
    import journeyctl.outputs.render.layout

    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed")
    monkeypatch.setattr(journeyctl.outputs.render.graphviz_run, "DOT_TIMEOUT", 1)
    # The size checks would refuse this map before Graphviz runs; the time limit is the
    # backstop for shapes they do not foresee.
    monkeypatch.setattr(journeyctl.outputs.render.layout, "MAX_LAYOUT_COST", 10**9)
    monkeypatch.setattr(journeyctl.outputs.render.layout, "MAX_DOT_SIZE", 10**9)
    (tmp_path / "tangle.yaml").write_text(crossing_map(300), encoding="utf-8")
    (tmp_path / "small.yaml").write_text(crossing_map(10).replace("id: tangle", "id: small"), encoding="utf-8")
    render_small = ["render", "--to", "svg", "small.yaml", "-o", "small.svg"]
    assert run_cli(render_small, tmp_path).code == 0
    baseline = fastest(lambda: run_cli(render_small, tmp_path))
    started = time.perf_counter()
    outcome = run_cli(["render", "--to", "svg", "tangle.yaml", "-o", "tangle.svg"], tmp_path)
    # Over ten minutes if dot were waited for; the one second allowed and a few small renders.
    assert time.perf_counter() - started < 1 + 20 * baseline
    assert (outcome.code, outcome.out, outcome.err) == (
        2, "", "journeyctl: error: Graphviz 'dot' did not finish laying out the map within 1 seconds: "
               "use --to mermaid, or --to dot and lay it out with other settings\n",
    )
    assert not (tmp_path / "tangle.svg").exists()


# -- diff --git: other revisions ---------------------------------------------------------


def _git(repo, *args: str) -> str:
    import os
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True).stdout.strip()


def test_a_revision_with_a_huge_map_is_compared_without_reading_it(tmp_path, monkeypatch):
    import shutil

    import journeyctl.review.diff.git

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _git(tmp_path, "init", "-q")
    (tmp_path / "journeyctl.toml").write_text("max-file-size = 1000\n", encoding="utf-8")
    (tmp_path / "big.yaml").write_text("journeyctl: 1\n" + "#" * 4_985 + "\n", encoding="utf-8")
    (tmp_path / "small.yaml").write_text(FIVE_UNOWNED, encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "big")
    (tmp_path / "big.yaml").write_text(FIVE_UNOWNED.replace("id: five", "id: big"), encoding="utf-8")
    read: list[str] = []
    real = journeyctl.review.diff.git._write_blobs
    monkeypatch.setattr(journeyctl.review.diff.git, "_write_blobs", lambda repo, blobs: (
        read.extend(target.name for _, target in blobs), real(repo, blobs))[-1])
    monkeypatch.setattr(journeyctl.review.diff.git, "_BATCH_BYTES", 10)  # one blob per batch
    outcome = run_cli(["diff", "--git", "HEAD", "--format", "json"], tmp_path)
    assert (outcome.code, outcome.err) == (0, "")
    fixed = [(f["path"], f["code"], f["message"]) for f in json.loads(outcome.out)["findings"]["fixed"]]
    assert fixed == [("big.yaml", "JM001", "the file is 5,000 bytes, over the limit of 1,000 (max-file-size)")]
    assert read == ["small.yaml"]
