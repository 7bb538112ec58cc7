"""Evidence tests run on every engine of ``ENGINES``; the log readers' stand-in is used
until ``journeyctl.evidence.logs`` exists."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from log_standin import as_module

#: The engines every expectation must hold on (None: DuckDB in-process).
ENGINES = [None]


@pytest.fixture(autouse=True)
def _log_readers(monkeypatch):
    if importlib.util.find_spec("journeyctl.evidence.logs") is None:
        monkeypatch.setitem(sys.modules, "journeyctl.evidence.logs", as_module())


@pytest.fixture(params=ENGINES, ids=lambda e: e or "duckdb")
def engine(request):
    """The ``--engine`` URL of the engine a test runs on (None: the default, DuckDB)."""
    return request.param
