"""Renderer output of every example (and the hostile-label map) equals its golden file.

Regenerate with ``python tests/golden/update.py`` and review the diff.
"""

from __future__ import annotations

import pytest

from golden.update import HERE, existing, goldens

EXPECTED = goldens()


def test_there_is_one_golden_file_per_output():
    assert sorted(p.name for p in existing()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_output_equals_golden_file(name):
    path = HERE / name
    assert path.exists(), f"{name} is missing: run python tests/golden/update.py"
    assert EXPECTED[name].encode("utf-8") == path.read_bytes(), f"{name} differs: run python tests/golden/update.py"
