"""Every format of the sample result, compared byte for byte with its golden file.

After an intended change of output, regenerate with
``JOURNEYCTL_UPDATE_GOLDEN=1 pytest tests/reporters`` and review the diff.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
import reporter_samples

from journeyctl.model.results import LintResult
from journeyctl.outputs.reporters import REPORTERS, render

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "sample.txt": ("text", {"color": False}),
    "sample.ansi.txt": ("text", {"color": True}),
    "sample.json": ("json", {}),
    "sample.sarif": ("sarif", {}),
    "sample.github.txt": ("github", {}),
    "sample.junit.xml": ("junit", {}),
    "sample.gitlab.json": ("gitlab", {}),
    "clean.txt": ("text", {"color": False}),
    "clean.junit.xml": ("junit", {}),
}


def _result(name: str) -> LintResult:
    return reporter_samples.clean_result() if name.startswith("clean") else reporter_samples.sample_result()


def test_every_format_has_a_golden_file():
    assert {fmt for fmt, _ in CASES.values()} == set(REPORTERS)


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_golden_file(name):
    fmt, options = CASES[name]
    output = render(fmt, _result(name), **options).encode("utf-8")
    golden = GOLDEN / name
    if os.environ.get("JOURNEYCTL_UPDATE_GOLDEN") == "1":
        golden.write_bytes(output)
    assert output == golden.read_bytes()


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_does_not_depend_on_finding_order(name):
    fmt, options = CASES[name]
    result = _result(name)
    expected = render(fmt, result, **options)
    for seed in range(5):
        random.Random(seed).shuffle(result.findings)
        assert render(fmt, result, **options) == expected


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_unknown_options_are_ignored(fmt):
    result = reporter_samples.sample_result()
    assert render(fmt, result, color=False, statistics=True) == render(fmt, result, color=False)


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_output_names_no_absolute_path(fmt):
    output = render(fmt, reporter_samples.sample_result())
    assert "workspace-root" not in output
    assert str(Path.cwd()) not in output
