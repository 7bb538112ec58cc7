"""`exclude` and `per-file-ignores` read the same gitignore patterns the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeyctl.checks.linter import lint
from journeyctl.cli import run
from journeyctl.loading.config import Config
from journeyctl.loading.workspace import load_workspace

MAP = "journeyctl: 1\nid: {id}\ntitle: T\nstages: [{{id: s, name: S}}]\n" \
      "touchpoints: [{{id: t, name: T, stage: s, channel: web, entry: true, end: success}}]\n"

FILES = [
    "a.yaml", "drafts/b.yaml", "x/drafts/c.yaml", "legacy/d.yaml", "legacy/old/e.yaml", "shop/drafts.yaml",
    "shop/f.draft.yaml",
]

PATTERNS = [
    (["drafts"], ["drafts/b.yaml", "x/drafts/c.yaml"]),
    (["drafts/"], ["drafts/b.yaml", "x/drafts/c.yaml"]),
    (["/drafts"], ["drafts/b.yaml"]),
    (["drafts*"], ["drafts/b.yaml", "x/drafts/c.yaml", "shop/drafts.yaml"]),
    (["legacy/**/*.yaml"], ["legacy/d.yaml", "legacy/old/e.yaml"]),
    (["legacy/*.yaml"], ["legacy/d.yaml"]),
    (["legacy"], ["legacy/d.yaml", "legacy/old/e.yaml"]),
    (["**/drafts/*.yaml"], ["drafts/b.yaml", "x/drafts/c.yaml"]),
    (["*.draft.yaml"], ["shop/f.draft.yaml"]),
    (["/a.yaml", "shop/*"], ["a.yaml", "shop/drafts.yaml", "shop/f.draft.yaml"]),
    (["*.yaml", "!a.yaml"], [f for f in FILES if f != "a.yaml"]),
    (["nothing"], []),
]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    for number, name in enumerate(FILES):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(MAP.format(id=f"j{number}"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("patterns", "matched"), PATTERNS, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_exclude_leaves_out_exactly_what_the_patterns_match(workspace, patterns, matched):
    targets = [f.path for f in load_workspace([], Config(root=workspace, exclude=patterns), workspace).targets]
    assert targets == sorted(set(FILES) - set(matched))


# Negation belongs to a list of patterns; a per-file-ignores key is one pattern.
@pytest.mark.parametrize(
    ("patterns", "matched"), [(p, m) for p, m in PATTERNS if not any(g.startswith("!") for g in p)],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_per_file_ignores_applies_to_exactly_what_the_same_patterns_match(workspace, patterns, matched):
    config = Config(root=workspace, select=["JM404"], per_file_ignores={p: ["JM404"] for p in patterns})
    flagged = {f.path for f in lint([], config, cwd=workspace).findings}
    assert sorted(set(FILES) - flagged) == sorted(matched)


def test_patterns_are_relative_to_the_root_when_a_subfolder_is_linted(workspace):
    config = Config(root=workspace, select=["JM404"], exclude=["/legacy/d.yaml"], per_file_ignores={"/drafts": ["JM404"]})
    assert [f.path for f in lint([".", "../drafts"], config, cwd=workspace / "legacy").findings] == [
        "old/e.yaml",
    ]


@pytest.mark.parametrize("key", ["exclude = [{}]", "[per-file-ignores]\n{} = [\"JM404\"]"])
def test_an_invalid_pattern_is_a_configuration_error(workspace, monkeypatch, capsys, key):
    (workspace / "journeyctl.toml").write_text(key.format('"!"') + "\n", encoding="utf-8")
    monkeypatch.chdir(workspace)
    assert run(["lint"]) == 2
    where = "exclude" if key.startswith("exclude") else "per-file-ignores.!"
    assert capsys.readouterr() == ("", (
        f"journeyctl: error: {workspace / 'journeyctl.toml'}: '{where}': invalid pattern '!': Invalid git pattern: '!'\n"
    ))
