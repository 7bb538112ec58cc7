"""Loading the maps a rendering command works on (and, when findings are shown, linting them) once.

``render``, ``report`` and ``paths`` share this: the command layer loads and lints, and hands
the renderers the documents (:class:`~journeyctl.model.results.Maps`); the maps that cannot be
rendered because they do not load or validate are set aside with their findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from journeyctl.loading.config import Config
from journeyctl.model.findings import Finding
from journeyctl.model.results import Maps


def load_maps(
    paths: Iterable[str],
    config: Config | list[tuple[Config, list[str]]],
    *,
    with_lint: bool = False,
    cwd: Path | None = None,
    today: dt.date | None = None,
) -> Maps:
    """Load (and with ``with_lint``, lint) the maps under ``paths``.

    ``config`` is one configuration for every path, or the paths of each workspace with
    its configuration (:func:`~journeyctl.loading.config.configs_for`; ``paths`` is then unused).
    Raises :class:`~journeyctl.loading.workspace.UsageError` for a missing path and
    :class:`~journeyctl.loading.config.ConfigError` for a bad configuration.
    """
    groups = [(config, list(paths))] if isinstance(config, Config) else config
    if with_lint:
        from journeyctl.checks.linter import combine_results, lint

        result = combine_results([lint(p, c, cwd=cwd, today=today) for c, p in groups])
        workspace, findings = result.workspace, result.findings
    else:
        from journeyctl.loading.workspace import load_workspace
        from journeyctl.model.document import combine

        workspace, findings = combine([load_workspace(p, c, cwd) for c, p in groups]), []
    broken = sorted(workspace.findings, key=Finding.sort_key)
    journeys = sum(1 for f in workspace.targets if f.kind == "journey")
    return Maps(list(workspace.docs()), broken, findings, len(workspace.targets), journeys)
