"""Output formats for lint results: thin adapters over one finding model.

Each reporter is a function ``render(result, **options) -> str`` in its own module;
``REPORTERS`` maps a format name to that module, imported only when the format is used.
Every reporter ignores options it does not know, so the command line can pass the same
options (such as ``color``) to all of them.

What the formats share (the order findings are reported in, the list of files that were
checked, the fingerprints that identify a finding across runs) is in
:mod:`~journeyctl.outputs.reporters.as_reported`, so that a format module never imports
this registry back.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from journeyctl.model.results import LintResult

REPORTERS: dict[str, str] = {
    "text": "journeyctl.outputs.reporters.text",
    "json": "journeyctl.outputs.reporters.json",
    "sarif": "journeyctl.outputs.reporters.sarif",
    "github": "journeyctl.outputs.reporters.github",
    "junit": "journeyctl.outputs.reporters.junit",
    "gitlab": "journeyctl.outputs.reporters.gitlab",
}

#: The forms of the text report: one line per finding, or each with its source line.
TEXT_FORMS = ("concise", "full")


def reporter(name: str) -> Callable[..., str]:
    """The ``render`` function of the format ``name``."""
    return importlib.import_module(REPORTERS[name]).render


def render(name: str, result: LintResult, **options: object) -> str:
    return reporter(name)(result, **options)
