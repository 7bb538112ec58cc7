"""Under CI a skipped test fails with its reason (tests/conftest.py); locally it skips."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

SKIPPING = """\
import pytest

def test_needs_a_tool():
    pytest.skip("the tool is not installed")

@pytest.mark.skipif(True, reason="not on this system")
def test_marked():
    pass

@pytest.mark.xfail(reason="known")
def test_expected_to_fail():
    assert False

def test_passes():
    pass
"""


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest((Path(__file__).parent / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_skipping=SKIPPING)
    return pytester


def test_a_skip_under_ci_is_a_failure_that_gives_the_reason(suite, monkeypatch):
    monkeypatch.setenv("CI", "true")
    result = suite.runpytest("-rfE")
    # a skip mark acts while the test is set up: its failure counts as an error
    result.assert_outcomes(passed=1, failed=1, errors=1, xfailed=1)
    result.stdout.fnmatch_lines([
        "*ERROR at setup of test_marked*",
        "skipped under CI, where .ci/run installs everything the tests need: not on this system",
        "*test_needs_a_tool*",
        "skipped under CI, where .ci/run installs everything the tests need: the tool is not installed",
    ])


def test_a_module_that_skips_as_a_whole_fails_under_ci(pytester, monkeypatch):
    pytester.makeconftest((Path(__file__).parent / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_module='import pytest\npytest.importorskip("no_such_module_here")\n')
    monkeypatch.setenv("CI", "true")
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    assert "could not import 'no_such_module_here'" in result.stdout.str()


def test_outside_ci_a_skip_stays_a_skip(suite, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    suite.runpytest().assert_outcomes(passed=1, skipped=2, xfailed=1)
