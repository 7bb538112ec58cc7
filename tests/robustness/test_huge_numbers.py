"""Numbers too large for Python's conversions are located findings in every command.

An integer of more than 4,300 digits (decimal, or hexadecimal/octal of that size) is
refused when the file is read (JM001): Python will not convert it to text, so every
writer would fail on it. A number a float cannot hold where a number is validated
(emotions, the emotion scale, metrics) is a JM002 finding. Either way the other maps of
the run are checked as usual.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journeyctl.cli import run
from journeyctl.loading.yaml_errors import YamlError
from journeyctl.loading.yaml_scalars import MAX_INT_DIGITS, NumberTooLong, reads_as_text, resolve_plain
from journeyctl.loading.yamlload import load_yaml

from minimal_map import MINIMAL

TOO_LONG = (
    "the number has more than 4,300 digits: journeyctl reads numbers up to that length (quote it if it is text)"
)
TOO_LARGE = "must be a number between -1.7e308 and 1.7e308"

#: name → (map text, the one finding of ``lint`` without its file name)
HUGE = {
    "emotion": (
        MINIMAL.replace("    entry: true\n", "    entry: true\n    emotion: " + "9" * 310 + "\n"),
        f":13:14 JM002 [schema] 'emotion' {TOO_LARGE}",
    ),
    "scale": (
        MINIMAL + "emotion_scale: {min: -" + "9" * 320 + ", max: 2}\n",
        f":14:22 JM002 [schema] 'min' {TOO_LARGE}",
    ),
    "metric": (
        MINIMAL + "    metrics: {volume: " + "1" * 400 + "}\n",
        f":14:23 JM002 [schema] 'volume' {TOO_LARGE}",
    ),
    "integer": (MINIMAL + "x-count: " + "1" * 4400 + "\n", f":14:10 JM001 [invalid-yaml] {TOO_LONG}"),
    "negative": (MINIMAL + "x-count: [-" + "1" * 4301 + "]\n", f":14:11 JM001 [invalid-yaml] {TOO_LONG}"),
    "hex-name": (
        MINIMAL.replace("name: Calls the office", "name: 0x" + "f" * 4000),
        f":9:11 JM001 [invalid-yaml] {TOO_LONG}",
    ),
    "hex-extension": (MINIMAL + "x-hash: 0x" + "a" * 4000 + "\n", f":14:9 JM001 [invalid-yaml] {TOO_LONG}"),
}


@pytest.fixture
def maps(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "ok.yaml").write_text(MINIMAL.replace("id: plumber", "id: fine"), encoding="utf-8")
    for name, (text, _) in HUGE.items():
        (tmp_path / f"{name}.yaml").write_text(text.replace("id: plumber", f"id: {name}"), encoding="utf-8")
    return tmp_path


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = run(["--no-color", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", HUGE)
def test_lint_reports_a_huge_number_at_its_line_and_column(maps, capsys, name):
    code, out, err = cli(capsys, "lint", "--select", "JM0", f"{name}.yaml")
    assert (code, err) == (1, "")
    assert out.splitlines()[:2] == [f"{name}.yaml (1 error)", f"{name}.yaml" + HUGE[name][1].replace(" JM", ": error JM", 1)]


def test_the_other_maps_of_the_run_are_linted_as_usual(maps, capsys):
    alone = cli(capsys, "lint", "--format", "json", "ok.yaml")
    code, out, err = cli(capsys, "lint", "--format", "json", ".")
    assert (code, err) == (1, "")
    report = json.loads(out)
    assert [f for f in report["findings"] if f["path"] == "ok.yaml"] == json.loads(alone[1])["findings"]
    assert sorted(f["path"] for f in report["findings"] if f["code"] < "JM1") == sorted(f"{n}.yaml" for n in HUGE)
    assert report["summary"]["files"] == len(HUGE) + 1


@pytest.mark.parametrize("name", HUGE)
@pytest.mark.parametrize(
    "command",
    [["render", "--to", "dot"], ["render", "--to", "mermaid"], ["report"], ["paths"], ["paths", "--format", "json"]],
)
def test_commands_that_need_a_valid_map_report_the_finding_and_exit_1(maps, capsys, name, command):
    code, out, err = cli(capsys, *command, f"{name}.yaml")
    assert code == 1
    assert f"{name}.yaml" + HUGE[name][1].replace(" JM", ": error JM", 1) in (out + err).splitlines()
    assert "Traceback" not in out + err and "internal error" not in out + err


@pytest.mark.parametrize("name", HUGE)
def test_lint_json_sarif_and_gitlab_reports_are_written(maps, capsys, name):
    for fmt in ("json", "sarif", "gitlab"):
        code, out, err = cli(capsys, "lint", "--format", fmt, f"{name}.yaml")
        assert (code, err) == (1, "")
        assert HUGE[name][1].split("] ", 1)[1] in out


@pytest.mark.parametrize("name", HUGE)
def test_diff_shows_the_finding_introduced(maps, capsys, name):
    code, out, err = cli(capsys, "diff", "ok.yaml", f"{name}.yaml")
    assert (code, err) == (0, "")
    assert f"  introduced: {name}.yaml{HUGE[name][1]}" in out.splitlines()


@pytest.mark.parametrize("name", HUGE)
def test_diff_of_a_file_with_itself_has_no_change(maps, capsys, name):
    assert cli(capsys, "diff", "--exit-code", f"{name}.yaml", f"{name}.yaml")[0] == 0


@pytest.mark.parametrize("name", [n for n, (_, finding) in HUGE.items() if "JM001" in finding])
def test_fmt_and_show_give_one_located_line_and_change_nothing(maps, capsys, name):
    before = (maps / f"{name}.yaml").read_bytes()
    location = HUGE[name][1].split(" ")[0]
    code, out, err = cli(capsys, "fmt", f"{name}.yaml")
    assert (code, out, err.splitlines()[0]) == (1, "", f"{name}.yaml{location}: {TOO_LONG}")
    assert (maps / f"{name}.yaml").read_bytes() == before
    assert cli(capsys, "show", f"{name}.yaml") == (1, "", f"{name}.yaml{location}: {TOO_LONG}\n")


@pytest.mark.parametrize("name", [n for n, (_, finding) in HUGE.items() if "JM002" in finding])
def test_fmt_and_show_keep_a_number_too_large_for_a_float_exactly(maps, capsys, name):
    before = load_yaml((maps / f"{name}.yaml").read_text(encoding="utf-8")).data
    assert cli(capsys, "fmt", f"{name}.yaml")[0] == 0
    assert load_yaml((maps / f"{name}.yaml").read_text(encoding="utf-8")).data == before
    code, out, err = cli(capsys, "show", f"{name}.yaml")
    assert (code, err) == (0, "")
    digits = "9" * 310 if name == "emotion" else "9" * 320 if name == "scale" else "1" * 400
    assert sum(digits in line for line in out.splitlines()) == 1


# -- the limit itself --------------------------------------------------------------------


def test_integers_up_to_the_limit_are_read_and_longer_ones_refused():
    assert MAX_INT_DIGITS == 4300
    assert resolve_plain("9" * 4300) == 10**4300 - 1
    assert resolve_plain("-" + "9" * 4300) == -(10**4300 - 1)
    with pytest.raises(NumberTooLong):
        resolve_plain("1" + "0" * 4300)
    with pytest.raises(NumberTooLong):
        resolve_plain("0" * 4301)  # Python counts the digits, not the value


def test_hexadecimal_and_octal_integers_are_limited_by_their_value():
    below = 10**4300 - 1
    assert resolve_plain(hex(below)) == below
    assert resolve_plain("0o" + format(below, "o")) == below
    with pytest.raises(NumberTooLong):
        resolve_plain(hex(below + 1))
    with pytest.raises(NumberTooLong):
        resolve_plain("0o" + format(below + 1, "o"))


def test_a_too_long_number_in_a_list_a_mapping_or_with_a_tag_is_located():
    digits = "7" * 4301
    for text, where in [
        (f"a: {digits}\n", (1, 4)),
        (f"a:\n  - {digits}\n", (2, 5)),
        (f"a: [1, {digits}]\n", (1, 8)),
        (f"a: !!int {digits}\n", (1, 4)),
    ]:
        with pytest.raises(YamlError) as caught:
            load_yaml(text)
        assert (caught.value.position.line, caught.value.position.column, caught.value.message) == (*where, TOO_LONG)


def test_a_quoted_long_number_is_text_and_stays_quoted():
    digits = "5" * 5000
    assert load_yaml(f'a: "{digits}"\n').data == {"a": digits}
    assert reads_as_text(digits) is False
    assert reads_as_text("five") is True


def test_fmt_and_show_keep_a_quoted_long_number_quoted(maps, capsys):
    digits = "1" * 5000
    (maps / "quoted.yaml").write_text(MINIMAL + f'x-ref: "{digits}"\n', encoding="utf-8")
    assert cli(capsys, "fmt", "quoted.yaml")[0] == 0
    assert (maps / "quoted.yaml").read_text(encoding="utf-8").endswith(f'x-ref: "{digits}"\n')
    code, out, err = cli(capsys, "show", "quoted.yaml")
    assert (code, err) == (0, "")
    assert f'journey plumber: x-ref "{digits}"' in out.splitlines()


def test_a_lower_limit_set_for_python_is_followed(maps):
    (maps / "long.yaml").write_text(MINIMAL + "x-count: " + "1" * 700 + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "journeyctl", "--no-color", "lint", "--select", "JM0", "long.yaml"],
        capture_output=True, text=True, cwd=maps, env={**os.environ, "PYTHONINTMAXSTRDIGITS": "640"},
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines()[1] == (
        "long.yaml:14:10: error JM001 [invalid-yaml] the number has more than 640 digits: journeyctl reads numbers up to "
        "that length (quote it if it is text)"
    )
