"""``journeyctl init``: a repository that lints clean, is formatted, and has working CI files."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from journeyctl.checks.linter import active_rules
from journeyctl.cli import run
from journeyctl.loading.config import Config, load_config
from journeyctl.outputs.scaffold import next_quarter
from journeyctl.review.fmt import format_text

REPO = Path(__file__).parents[1]
FILES = [
    "journeyctl.toml",
    "catalog.yaml",
    "journeys/first-journey.yaml",
    "schemas/journey.schema.json",
    "schemas/catalog.schema.json",
    ".pre-commit-config.yaml",
    ".gitignore",
    ".github/workflows/journeyctl.yml",
    ".gitlab/journeyctl.gitlab-ci.yml",
]


@pytest.fixture
def created(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-11-22")
    monkeypatch.chdir(tmp_path)
    assert run(["init", "repo"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:10] == ["Created a journeyctl map repository in repo:", *(f"  {f}" for f in FILES)]
    return tmp_path / "repo"


def files_below(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_init_writes_exactly_these_files(created):
    assert files_below(created) == sorted(FILES)


def test_the_new_repository_lints_clean_with_every_rule(created, capsys, monkeypatch):
    assert run(["lint", str(created)]) == 0
    monkeypatch.chdir(created)
    capsys.readouterr()
    assert run(["lint", "--select", "ALL", "--fail-on", "info", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] == []
    assert report["summary"] == {"files": 2, "journeys": 1, "errors": 0, "warnings": 0, "infos": 0}


def test_the_new_repository_is_already_formatted(created, capsys):
    assert run(["fmt", "--check", str(created)]) == 0
    for name in ("catalog.yaml", "journeys/first-journey.yaml"):
        text = (created / name).read_text()
        assert format_text(text) == text


def test_the_first_map_is_dated_today_with_a_milestone_next_quarter(created):
    data = yaml.safe_load((created / "journeys" / "first-journey.yaml").read_text())
    assert data["reviewed"] == dt.date(2026, 11, 22)
    assert [item["milestone"] for item in data["roadmap"] if "milestone" in item] == ["2027-Q1"]


@pytest.mark.parametrize(
    ("today", "quarter"),
    [(dt.date(2026, 1, 1), "2026-Q2"), (dt.date(2026, 6, 30), "2026-Q3"), (dt.date(2026, 7, 1), "2026-Q4"),
     (dt.date(2026, 12, 31), "2027-Q1")],
)
def test_next_quarter(today, quarter):
    assert next_quarter(today) == quarter


def test_the_configuration_lists_every_setting_at_its_default(created):
    path = created / "journeyctl.toml"
    assert load_config(path) == Config(file=path, root=created)
    text = path.read_text()
    setting = re.compile(r'^# (\[|[a-z"][a-z0-9_."/*-]* = |  ")')
    uncommented = "\n".join(line[2:] if setting.match(line) or line == "# ]" else line for line in text.splitlines())
    (created / "all.toml").write_text(uncommented + "\n")
    config = load_config(created / "all.toml")
    assert [r.code for r in active_rules(config)] == [r.code for r in active_rules(Config(root=created))]
    assert {r.code: r.severity for r in active_rules(config)} == {r.code: r.severity for r in active_rules(Config(root=created))}
    assert config.fail_on == Config().fail_on
    assert (config.max_file_size, config.max_touchpoints) == (Config().max_file_size, Config().max_touchpoints)
    assert config.per_file_ignores == {"drafts/*.yaml": ["stale-map"]}
    for rule in active_rules(Config(root=created)):
        assert f"# [rules.{rule.name}]  # {rule.code}\n" in text


def test_the_schemas_are_the_ones_journeyctl_prints(created, capsys):
    for kind in ("journey", "catalog"):
        assert run(["schema", "--kind", kind]) == 0
        assert (created / "schemas" / f"{kind}.schema.json").read_text() == capsys.readouterr().out


def test_the_github_workflow_lints_to_sarif_checks_formatting_and_comments_the_diff(created):
    workflow = yaml.safe_load((created / ".github" / "workflows" / "journeyctl.yml").read_text())
    jobs = workflow["jobs"]
    assert sorted(jobs) == ["diff", "format", "lint"]
    lint_steps = jobs["lint"]["steps"]
    assert lint_steps[3]["run"] == "journeyctl lint --format sarif --output journeyctl.sarif"
    assert lint_steps[4]["uses"] == "github/codeql-action/upload-sarif@v3"
    assert lint_steps[4]["with"]["sarif_file"] == "journeyctl.sarif"
    assert jobs["lint"]["permissions"]["security-events"] == "write"
    assert jobs["format"]["steps"][-1]["run"] == "journeyctl fmt --check --diff"
    assert jobs["diff"]["if"] == "github.event_name == 'pull_request'"
    assert jobs["diff"]["steps"][0]["with"]["fetch-depth"] == 0
    assert jobs["diff"]["steps"][3]["run"] == (
        "journeyctl diff --git origin/${{ github.base_ref }} --format md --output journeyctl-diff.md"
    )
    assert jobs["diff"]["permissions"]["pull-requests"] == "write"


def test_the_gitlab_jobs_publish_a_code_quality_report(created):
    jobs = yaml.safe_load((created / ".gitlab" / "journeyctl.gitlab-ci.yml").read_text())
    assert sorted(jobs) == ["journeyctl-fmt", "journeyctl-lint"]
    assert jobs["journeyctl-lint"]["script"][1] == "journeyctl lint --format gitlab --output gl-code-quality-report.json"
    assert jobs["journeyctl-lint"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"


def test_the_pre_commit_config_runs_the_hooks_this_repository_publishes(created):
    config = yaml.safe_load((created / ".pre-commit-config.yaml").read_text())
    hooks = config["repos"][0]["hooks"]
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == [h["id"] for h in published] == ["journeyctl-lint", "journeyctl-fmt"]
    for local, hook in zip(hooks, published):
        assert (local["entry"], local["files"], local["pass_filenames"]) == (hook["entry"], hook["files"], hook["pass_filenames"])
        assert re.search(hook["files"], "journeys/first-journey.yaml")
        assert hook["language"] == "python"


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "catalog.yaml").write_text("mine\n")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "journeyctl.yml").write_text("mine too\n")
    assert run(["init"]) == 2
    assert capsys.readouterr().err == (
        "journeyctl: error: .: these files already exist, nothing was written (use --force to overwrite them): "
        "catalog.yaml, .github/workflows/journeyctl.yml\n"
    )
    assert files_below(tmp_path) == [".github/workflows/journeyctl.yml", "catalog.yaml"]
    assert (tmp_path / "catalog.yaml").read_text() == "mine\n"


def test_init_force_overwrites_the_files_it_writes_and_keeps_the_others(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-11-22")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "catalog.yaml").write_text("mine\n")
    (tmp_path / "notes.md").write_text("not init's\n")
    assert run(["init", "--force"]) == 0
    assert files_below(tmp_path) == sorted([*FILES, "notes.md"])
    assert (tmp_path / "catalog.yaml").read_text() != "mine\n"
    assert (tmp_path / "notes.md").read_text() == "not init's\n"
    capsys.readouterr()
    assert run(["lint"]) == 0


def test_init_force_never_writes_through_a_link_out_of_the_folder(tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".github").symlink_to(outside, target_is_directory=True)
    assert run(["init", str(repo), "--force"]) == 2
    assert "refusing to write through a symbolic link" in capsys.readouterr().err
    assert files_below(repo) == [] and files_below(outside) == []


def test_init_help_states_the_overwrite_policy(capsys):
    assert run(["init", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "nothing is written unless --force overwrites them" in help_text


def test_init_into_a_file_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "file").write_text("")
    assert run(["init", str(tmp_path / "file")]) == 2
    assert capsys.readouterr().err == f"journeyctl: error: {tmp_path / 'file'}: not a folder\n"


def test_git_ignores_the_lint_cache_of_the_new_repository(created):
    import subprocess

    subprocess.run(["git", "init", "-q", str(created)], check=True)
    assert run(["lint", "--no-color", str(created)]) == 0
    assert (created / ".journeyctl_cache").is_dir()
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=created, capture_output=True, text=True, check=True,
    ).stdout
    assert ".journeyctl_cache" not in status
    assert "journeys/first-journey.yaml" in status
