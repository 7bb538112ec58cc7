"""Output formats for lint results: thin adapters over one finding model.

Each reporter is a function ``render(result) -> str`` in its own module; ``REPORTERS``
maps a format name to that module, imported only when the format is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from journeyctl.linter import LintResult

REPORTERS: dict[str, str] = {
    "text": "journeyctl.reporters.text",
    "json": "journeyctl.reporters.json",
}


def reporter(name: str) -> Callable[..., str]:
    """The ``render`` function of the format ``name``."""
    return importlib.import_module(REPORTERS[name]).render


def render(name: str, result: LintResult, **options: object) -> str:
    return reporter(name)(result, **options)
