"""Every rule against its fixture maps: ``tests/rules/<rule-name>/{valid,invalid}-*.yaml``.

Convention (adding a case never needs code):

- ``valid-*.yaml`` must produce no finding at all.
- ``invalid-*.yaml`` lists every finding it must produce as comment lines such as
  ``# expect: JM103 14:5 touchpoint 'voicemail' is a dead end`` (code, line:column, then a
  part of the message the finding must contain; one per finding, anywhere in the file).
  The part is usually what the message says is wrong, before the advice on what to do.
- ``# options: {"max-steps": 3}`` (JSON) sets the rule's options; ``# today: 2026-11-22``
  sets today's date (default 2026-11-22).
- Only the fixture's rule is selected. Validation (JM001–JM004) always runs, and
  ``unused-suppression`` (JM005) runs too when the fixture has a ``# journeyctl:`` comment.
- A folder ``<rule-name>/{valid,invalid}-<case>/`` holding several files (a catalog, a
  second journey) is linted as one workspace; its ``# expect:`` lines name line:column
  within the file they are written in. An ``events.csv`` in it is the event log the
  evidence rules read, as if the configuration named it under ``[evidence]``.

The sorted ``(file, code, line, column, message part)`` lists must be equal, where a
finding's message part is the expected part its message contains.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from journeyctl.checks.linter import lint
from journeyctl.checks.rules import all_rules
from journeyctl.loading.config import Config, EvidenceSettings

HERE = Path(__file__).parent
DEFAULT_TODAY = dt.date(2026, 11, 22)

EXPECT = re.compile(
    r"#\s*expect:\s*(?P<code>JM\d{3})\s+(?P<line>\d+):(?P<column>\d+)(?:[ \t]+(?P<message>\S.*?))?[ \t]*$",
    re.MULTILINE,
)
OPTIONS = re.compile(r"#\s*options:\s*(?P<json>\{.*\})\s*$", re.MULTILINE)
TODAY = re.compile(r"#\s*today:\s*(?P<date>\d{4}-\d{2}-\d{2})\s*$", re.MULTILINE)
SUPPRESSION = re.compile(r"#\s*journeyctl\s*:")
#: In a fixture folder, the event log the evidence rules read (``[evidence] events``).
EVENT_LOG = "events.csv"
YAML = (".yaml", ".yml")


def _is_case(path: Path) -> bool:
    if not path.name.startswith(("valid-", "invalid-")):
        return False
    return path.is_dir() or path.name.endswith(YAML)


def cases() -> list[Path]:
    return sorted(
        case for folder in HERE.iterdir() if folder.is_dir() and not folder.name.startswith(("_", "."))
        for case in folder.iterdir() if _is_case(case)
    )


def _files(case: Path) -> list[Path]:
    if case.is_file():
        return [case]
    return sorted(p for p in case.rglob("*") if p.is_file() and p.name.endswith(YAML))


def _settings(texts: list[str]) -> tuple[dict, dt.date]:
    options: dict = {}
    today = DEFAULT_TODAY
    for text in texts:
        for found in OPTIONS.finditer(text):
            options.update(json.loads(found["json"]))
        for found in TODAY.finditer(text):
            today = dt.date.fromisoformat(found["date"])
    return options, today


def _rule(case: Path):
    name = case.parent.name
    for rule in all_rules():
        if rule.name == name:
            return rule
    pytest.fail(f"{case.parent.name}: no registered rule of that name")


def run_case(case: Path, tmp_path: Path) -> tuple[list[tuple], list[tuple]]:
    """``(expected, actual)`` findings of a fixture, as sorted ``(file, code, line, column,
    message part)``; an actual finding shows its whole message unless it contains an expected
    part at its position."""
    rule = _rule(case)
    # A private copy, so neither sibling fixtures nor a configuration above the tests
    # folder (catalogs, journeys, journeyctl.toml) can take part.
    workspace = tmp_path / "ws"
    if case.is_file():
        workspace.mkdir()
        shutil.copyfile(case, workspace / case.name)
    else:
        shutil.copytree(case, workspace)
    base = case.parent if case.is_file() else case
    texts = {f.relative_to(base).as_posix(): f.read_text(encoding="utf-8") for f in _files(case)}
    options, today = _settings(list(texts.values()))
    select = [rule.code]
    if any(SUPPRESSION.search(text) for text in texts.values()):
        select.append("JM005")
    config = Config(root=workspace, select=select, rules={rule.code: options} if options else {})
    if (workspace / EVENT_LOG).is_file():
        config.evidence = EvidenceSettings(events=workspace / EVENT_LOG)
    result = lint([str(workspace)], config, cwd=workspace, today=today)
    expected = sorted(
        (name, m["code"], int(m["line"]), int(m["column"]), m["message"] or "")
        for name, text in texts.items() for m in EXPECT.finditer(text)
    )
    unmatched = list(expected)
    actual = []
    for f in result.findings:
        position = (f.path, f.code, f.line, f.column)
        pinned = next((e for e in unmatched if e[:4] == position and e[4] and e[4] in f.message), None)
        if pinned is None:
            actual.append((*position, f.message))
        else:
            unmatched.remove(pinned)
            actual.append(pinned)
    return expected, sorted(actual)


@pytest.mark.parametrize("case", cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(case: Path, tmp_path: Path) -> None:
    expected, actual = run_case(case, tmp_path)
    if case.name.startswith("valid-"):
        assert not expected, "a valid fixture must not expect findings"
    else:
        code = _rule(case).code
        assert any(e[1] == code for e in expected), f"an invalid fixture must expect at least one {code}"
        unpinned = [e[:4] for e in expected if not e[4]]
        assert unpinned == [], "every expected finding must pin a part of its message"
    assert actual == expected


def test_every_rule_has_valid_and_invalid_fixtures() -> None:
    missing = []
    for rule in all_rules():
        folder = HERE / rule.name
        names = [p.name for p in folder.iterdir() if _is_case(p)] if folder.is_dir() else []
        for kind in ("valid-", "invalid-"):
            if not any(n.startswith(kind) for n in names):
                missing.append(f"{rule.name}: no {kind}* fixture")
    assert missing == []


def test_every_fixture_folder_is_a_rule() -> None:
    names = {rule.name for rule in all_rules()}
    folders = {p.name for p in HERE.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    assert sorted(folders - names) == []
