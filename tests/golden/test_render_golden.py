"""Renderer output of every example (and the hostile-label map) equals its golden file.

Regenerate with ``python tests/golden/update.py`` and review the diff.
"""

from __future__ import annotations

import pytest

from golden.update import DOCS_REPORT, HERE, SHOWCASE, existing, goldens

EXPECTED = goldens()


def test_there_is_one_golden_file_per_output():
    assert sorted(p.name for p in existing()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_output_equals_golden_file(name):
    path = HERE / name
    assert path.exists(), f"{name} is missing: run python tests/golden/update.py"
    assert EXPECTED[name].encode("utf-8") == path.read_bytes(), f"{name} differs: run python tests/golden/update.py"


def test_the_example_report_in_the_docs_is_current():
    assert DOCS_REPORT.read_bytes() == EXPECTED[f"{SHOWCASE}.md"].encode("utf-8"), (
        "docs/example-report.md differs: run python tests/golden/update.py"
    )
