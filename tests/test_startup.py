"""Start-up stays light: a command imports what only another command needs lazily.

Each case runs the command in a fresh interpreter and lists the top-level modules it
ended up importing; no timing is measured here (see benchmarks/run.py for that).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

SMALL_MAP = """\
journeyctl: 1
id: parcel-return
title: Returning a parcel
owner: logistics
reviewed: 2026-10-01
teams:
  - id: logistics
    name: Logistics
stages:
  - id: return
    name: Return
touchpoints:
  - id: request-label
    name: Requests a return label
    stage: return
    channel: web
    lane: customer
    entry: true
    next: [label-sent]
  - id: label-sent
    name: Receives the label by e-mail
    stage: return
    channel: email
    owner: logistics
    end: success
"""

# Prints the exit code and the imported top-level modules as JSON on stderr, so stdout
# stays free for the command's own output.
PROBE = """\
import json, sys
from journeyctl.cli import run
code = run(sys.argv[1:])
modules = sorted({name.split(".")[0] for name in sys.modules} | {n for n in sys.modules if n.startswith("journeyctl.")}
                 | ({"importlib.metadata"} & set(sys.modules)))
print(json.dumps({"code": code, "modules": modules}), file=sys.stderr)
"""


def probe(*args: str, cwd) -> dict:
    env = {**os.environ, "JOURNEYCTL_TODAY": "2026-11-01", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_lint_json_of_a_small_map_imports_no_renderer_formatter_or_schema_validator(tmp_path):
    (tmp_path / "parcel-return.yaml").write_text(SMALL_MAP, encoding="utf-8")
    result = probe("lint", "--format", "json", "-o", "report.json", "parcel-return.yaml", cwd=tmp_path)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert result["code"] == 0
    assert report["summary"] == {"files": 1, "journeys": 1, "errors": 0, "warnings": 0, "infos": 0}
    imported = set(result["modules"])
    assert imported.isdisjoint({"graphviz", "ruamel", "jsonschema", "rich", "typer", "click", "importlib.metadata"})
    # The JSON report needs none of the other reporters.
    assert imported.isdisjoint({"journeyctl.outputs.reporters.text", "journeyctl.outputs.reporters.sarif", "journeyctl.review.fmt"})
    # Only the command that runs is registered: no other command's module is imported.
    from journeyctl.cli import COMMANDS

    assert sorted(m for m in set(COMMANDS.values()) if m in imported) == ["journeyctl.cli.lint"]
    # A small workspace is read in this process: no pool, no multiprocessing.
    assert "multiprocessing" not in imported


#: What a plain lint of one map never needs: the command line's machinery (a plain lint
#: command line is read without typer), Rich (no colour), pydantic's plugin scan
#: (importlib.metadata), the evidence, fix and formatting code, and what only writing a
#: file or suggesting a misspelt name needs.
NOT_FOR_A_PLAIN_LINT = {
    "typer", "click", "rich", "importlib.metadata", "graphviz", "ruamel", "jsonschema", "multiprocessing",
    "tempfile", "shutil", "difflib", "journeyctl.evidence", "journeyctl.review", "journeyctl.outputs.render",
    "journeyctl.outputs.reporters.sarif", "journeyctl.outputs.reporters.json",
}


def test_a_plain_one_map_lint_imports_only_what_linting_it_needs(tmp_path):
    (tmp_path / "parcel-return.yaml").write_text(SMALL_MAP.replace("reviewed: 2026-10-01\n", ""), encoding="utf-8")
    result = probe("lint", "--no-cache", "parcel-return.yaml", cwd=tmp_path)
    assert result["code"] == 0
    imported = set(result["modules"])
    assert "journeyctl.outputs.reporters.text" in imported
    assert imported.isdisjoint(NOT_FOR_A_PLAIN_LINT), sorted(imported & NOT_FOR_A_PLAIN_LINT)


def test_a_lint_command_line_typer_must_read_builds_the_command_line(tmp_path):
    result = probe("lint", "--no-cache", "--bogus", cwd=tmp_path)
    assert result["code"] == 2
    assert "typer" in result["modules"]


def test_help_loads_neither_the_models_nor_the_linter(tmp_path):
    result = probe("--help", cwd=tmp_path)
    assert result["code"] == 0
    imported = set(result["modules"])
    assert imported.isdisjoint({"graphviz", "ruamel", "jsonschema", "rich"})
    assert imported.isdisjoint({"journeyctl.model", "journeyctl.checks.linter", "journeyctl.loading.workspace", "journeyctl.loading.yamlload"})


def test_help_and_version_alone_import_neither_typer_nor_pydantic(tmp_path):
    for flag in ("--help", "-h", "--version"):
        result = probe(flag, cwd=tmp_path)
        assert result["code"] == 0
        imported = set(result["modules"])
        assert imported.isdisjoint({"typer", "click", "pydantic", "yaml", "rich", "shutil"}), flag
        assert "journeyctl.cli.lint" not in imported


def test_the_plugin_loader_stand_in_hands_other_names_to_pydantic_s_own():
    """A pydantic release that asks its loader for more than get_plugins still works."""
    code = (
        "import sys\n"
        "from journeyctl.cli import _without_pydantic_plugins\n"
        "_without_pydantic_plugins()\n"
        "import pydantic\n"
        "class M(pydantic.BaseModel):\n"
        "    a: int\n"
        "assert M(a=1).a == 1\n"
        "assert sys.modules['pydantic.plugin._loader'].get_plugins is tuple\n"
        "from pydantic.plugin._loader import _plugins\n"
        "assert sys.modules['pydantic.plugin._loader'].get_plugins is not tuple\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
