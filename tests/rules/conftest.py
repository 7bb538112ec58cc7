"""The evidence rules' fixtures read their event logs with the log readers' stand-in until
``journeyctl.evidence.logs`` exists."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from log_standin import as_module


@pytest.fixture(autouse=True)
def _log_readers(monkeypatch):
    if importlib.util.find_spec("journeyctl.evidence.logs") is None:
        monkeypatch.setitem(sys.modules, "journeyctl.evidence.logs", as_module())
