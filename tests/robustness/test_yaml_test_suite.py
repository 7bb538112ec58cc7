"""Every case of the official YAML test suite through ``journeyctl lint --format json``.

The suite sits beside the repository (``../shared/data/yaml-test-suite``); each case
folder holds ``in.yaml`` and, when a parser must reject it, an ``error`` file. Each
``in.yaml`` is linted as an explicit path (so a YAML file that is not a map is a JM001
finding too), and again with a ``journeyctl: 1`` line in front, which sends the documents
that still parse through validation. Whatever the case, the command must answer with
well-formed JSON, exit 0 or 1, and locate every finding inside the file; a case the suite
marks as an error must give a JM001 parse finding — apart from the few libyaml accepts,
listed below with the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from robustness_support import run_cli

SUITE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "yaml-test-suite"
CASES = sorted(p.parent.relative_to(SUITE).as_posix() for p in SUITE.rglob("in.yaml")) if SUITE.is_dir() else []
NOT_A_MAP = "not a journeyctl file: the top level has no 'journeyctl: 1' key"

#: Invalid YAML that libyaml (and so journeyctl) accepts. None of them yields anything but
#: plain data, and none is a journeyctl map, so each is still reported as not being one.
LIBYAML_LENIENCIES = {
    "9C9N": "the lines of a flow sequence may be indented less than its key",
    "9JBA": "a comment may follow the end of a flow sequence without a space",
    "CVW2": "a comment may follow a comma in a flow sequence without a space",
    "DK95/01": "a tab may start the continuation line of a double-quoted scalar",
    "G5U8": "a lone '-' in a flow sequence is read as a plain scalar",
    "MUS6/00": "a comment may follow a %YAML directive without a space",
    "QB6E": "the lines of a double-quoted scalar may be indented less than its key",
    "S98Z": "leading empty lines of a block scalar may be indented more than its first line",
    "SU5Z": "a comment may follow a double-quoted scalar without a space",
    "X4QW": "a comment may follow a block scalar indicator without a space",
    "Y79Y/003": "a tab may indent the items of a flow sequence",
    "YJV2": "a lone '-' in a flow sequence is read as a plain scalar",
}


def _require_suite() -> None:
    if CASES:
        return
    reason = f"the YAML test suite is not at {SUITE}"
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def lint_copy(folder: Path, name: str, content: bytes) -> list[dict]:
    """Lint ``content`` as ``folder/name``; check the invariants; return the findings."""
    (folder / name).write_bytes(content)
    outcome = run_cli(["lint", "--format", "json", name], folder)
    assert outcome.err == "", outcome.err
    assert outcome.code in (0, 1)
    report = outcome.json()
    assert list(report) == ["version", "findings", "summary"]
    findings = report["findings"]
    assert outcome.code == (1 if report["summary"]["errors"] else 0)
    lines = content.count(b"\n") + content.count(b"\r") - content.count(b"\r\n") + 1
    for f in findings:
        assert f["path"] == name
        assert 1 <= f["line"] <= f["end_line"] <= lines + 1, f
        assert f["column"] >= 1 and f["end_column"] >= 1, f
        assert f["message"] and "\n" not in f["message"], f
    return findings


def test_the_suite_is_complete():
    _require_suite()
    assert len(CASES) >= 400
    assert all((SUITE / case / "in.yaml").is_file() for case in LIBYAML_LENIENCIES)


@pytest.mark.parametrize("case", CASES or ["(missing)"])
def test_every_case_gives_findings_or_success_in_well_formed_json(tmp_path, case):
    _require_suite()
    content = (SUITE / case / "in.yaml").read_bytes()
    name = case.replace("/", "-") + ".yaml"
    findings = lint_copy(tmp_path, name, content)
    parse_errors = [f for f in findings if f["code"] == "JM001" and f["message"] != NOT_A_MAP]
    if (SUITE / case / "error").exists() and case not in LIBYAML_LENIENCIES:
        assert len(parse_errors) == 1, findings
    elif case in LIBYAML_LENIENCIES:
        assert [(f["code"], f["message"]) for f in findings] == [("JM001", NOT_A_MAP)]
    # As the opening of a journeyctl map: validation sees whatever the rest holds.
    lint_copy(tmp_path, "map-" + name, b"journeyctl: 1\n" + content)

