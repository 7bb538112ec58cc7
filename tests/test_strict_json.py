"""Every JSON writer writes strict RFC 8259 JSON, and a value always equals itself.

YAML's ``.nan``, ``.inf`` and ``-.inf`` are findings where a number is validated; where
they remain (``x-`` keys, demographics) JSON gets the strings ".nan", ".inf" and "-.inf".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeyctl.cli import run
from journeyctl.text.strictjson import dumps, finite

from minimal_map import MINIMAL

NON_FINITE = MINIMAL + (
    "x-score: .nan\n"
    "x-range: [.inf, -.inf, 1.5]\n"
    "personas: [{id: p, name: P, demographics: {age: .NaN}}]\n"
)
CHANGED = MINIMAL + "x-score: 1.5\npersonas: [{id: p, name: P, demographics: {age: .Inf}}]\n"


def strict(text: str):
    """Parse ``text`` refusing NaN, Infinity and -Infinity, which RFC 8259 does not have."""
    def refuse(constant: str):
        raise AssertionError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture
def maps(tmp_path, monkeypatch) -> Path:
    """An empty workspace as the current folder; each test writes its maps (one id per workspace)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def write(**files: str) -> None:
    for name, text in files.items():
        Path(f"{name}.yaml").write_text(text, encoding="utf-8")


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = run(["--no-color", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_non_finite_floats_are_written_as_their_yaml_spelling():
    value = {"a": float("nan"), "b": [float("inf"), (float("-inf"), 2.5)], "c": "x", "d": 1}
    assert dumps(value) == '{"a": ".nan", "b": [".inf", ["-.inf", 2.5]], "c": "x", "d": 1}'
    assert finite(float("nan")) == ".nan"
    assert dumps([1.0, "é"], indent=None) == '[1.0, "é"]'  # finite values are untouched, text not escaped


def test_a_file_diffed_with_itself_has_no_change_even_with_nan(maps, capsys):
    write(v=NON_FINITE)
    assert cli(capsys, "diff", "--exit-code", "v.yaml", "v.yaml") == (
        0, "No changes in journey terms; no lint findings introduced or fixed.\n", ""
    )
    code, out, err = cli(capsys, "diff", "--format", "json", "v.yaml", "v.yaml")
    assert (code, err) == (0, "")
    assert strict(out)["journeys"] == [{"id": "plumber", "path": "v.yaml", "status": "unchanged", "changes": []}]


def test_diff_json_writes_non_finite_values_as_strings(maps, capsys):
    write(v=NON_FINITE, w=CHANGED)
    code, out, err = cli(capsys, "diff", "--format", "json", "v.yaml", "w.yaml")
    assert (code, err) == (0, "")
    assert "NaN" not in out and "Infinity" not in out
    assert strict(out)["journeys"][0]["changes"] == [
        {"kind": "journey", "id": "plumber", "change": "changed", "field": "x-score", "old": ".nan", "new": 1.5},
        {"kind": "journey", "id": "plumber", "change": "changed", "field": "x-range", "old": [".inf", "-.inf", 1.5],
         "new": None},
        {"kind": "persona", "id": "p", "change": "changed", "field": "demographics.age", "old": ".nan", "new": ".inf"},
    ]


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab"])
def test_lint_reports_of_a_map_with_non_finite_extensions_are_strict(maps, capsys, fmt):
    write(v=NON_FINITE)
    code, out, err = cli(capsys, "lint", "--format", fmt, "v.yaml")
    assert (code, err) == (0, "")
    strict(out)


def test_show_spells_non_finite_values_as_yaml_does(maps, capsys):
    write(v=NON_FINITE)
    code, out, err = cli(capsys, "show", "v.yaml")
    assert (code, err) == (0, "")
    assert [line for line in out.splitlines() if "x-" in line or "demographics" in line] == [
        "journey plumber: x-score .nan",
        "journey plumber: x-range .inf",
        "journey plumber: x-range -.inf",
        "journey plumber: x-range 1.5",
        "persona p: demographics.age .nan",
    ]


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("    emotion: .nan", 14, "'emotion' must be a finite number"),
        ("    emotion: -.inf", 14, "'emotion' must be a finite number"),
        ("    metrics: {csat: .inf}", 21, "'csat' must be a finite number"),
    ],
)
def test_non_finite_numbers_where_a_number_is_validated_are_findings(maps, capsys, line, column, message):
    Path("n.yaml").write_text(MINIMAL.replace("    entry: true\n", f"    entry: true\n{line}\n"), encoding="utf-8")
    code, out, err = cli(capsys, "lint", "--format", "json", "n.yaml")
    assert (code, err) == (1, "")
    assert [(f["line"], f["column"], f["code"], f["message"]) for f in strict(out)["findings"]] == [
        (13, column, "JM002", message),
    ]


def test_a_non_finite_emotion_scale_is_a_finding(maps, capsys):
    Path("n.yaml").write_text(MINIMAL + "emotion_scale: {min: -.inf, max: 2}\n", encoding="utf-8")
    code, out, err = cli(capsys, "lint", "--format", "json", "n.yaml")
    assert (code, err) == (1, "")
    assert [(f["line"], f["column"], f["code"], f["message"]) for f in strict(out)["findings"]] == [
        (14, 22, "JM002", "'min' must be a finite number"),
    ]


def test_paths_json_means_stay_finite_at_the_edge_of_the_float_range(maps, capsys):
    text = MINIMAL.replace(
        "    entry: true\n    end: success\n",
        "    entry: true\n    emotion: 1.7e308\n    next: [b]\n"
        "  - {id: b, name: B, stage: book, channel: web, emotion: 1.7e308, end: success}\n",
    ) + "emotion_scale: {min: -1.7e308, max: 1.7e308}\n"
    Path("big.yaml").write_text(text, encoding="utf-8")
    code, out, err = cli(capsys, "paths", "--format", "json", "big.yaml")
    assert (code, err) == (0, "")
    (path,) = strict(out)["journeys"][0]["paths"]
    assert (path["min_emotion"], path["mean_emotion"]) == (1.7e308, 1.7e308)


def test_paths_means_are_unchanged_for_ordinary_emotions(maps, capsys):
    text = MINIMAL.replace(
        "    entry: true\n    end: success\n",
        "    entry: true\n    emotion: -2\n    next: [b]\n"
        "  - {id: b, name: B, stage: book, channel: web, emotion: 0.1, next: [c]}\n"
        "  - {id: c, name: C, stage: book, channel: web, emotion: 0.2, end: success}\n",
    )
    Path("m.yaml").write_text(text, encoding="utf-8")
    code, out, _ = cli(capsys, "paths", "--format", "json", "m.yaml")
    (path,) = strict(out)["journeys"][0]["paths"]
    assert (code, path["min_emotion"], path["mean_emotion"]) == (0, -2, round((-2 + 0.1 + 0.2) / 3, 2))
