"""The maps a rendering command works on: loaded (and, when findings are shown, linted) once.

``render``, ``report`` and ``paths`` share this: the maps that cannot be rendered because
they do not load or validate are set aside with their findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from journeyctl.config import Config
from journeyctl.document import JourneyDoc
from journeyctl.findings import Finding


@dataclass(slots=True)
class Maps:
    """The journeys to render and what was found loading them."""

    docs: list[JourneyDoc]
    #: JM001–JM004 findings of the files that cannot be rendered
    broken: list[Finding]
    #: lint findings of every target (empty unless the maps were linted)
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    journeys: int = 0


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
    its configuration (:func:`~journeyctl.config.configs_for`; ``paths`` is then unused).
    Raises :class:`~journeyctl.workspace.UsageError` for a missing path and
    :class:`~journeyctl.config.ConfigError` for a bad configuration.
    """
    groups = [(config, list(paths))] if isinstance(config, Config) else config
    if with_lint:
        from journeyctl.linter import combine_results, lint

        result = combine_results([lint(p, c, cwd=cwd, today=today) for c, p in groups])
        workspace, findings = result.workspace, result.findings
    else:
        from journeyctl.document import combine
        from journeyctl.workspace import load_workspace

        workspace, findings = combine([load_workspace(p, c, cwd) for c, p in groups]), []
    broken = sorted(workspace.findings, key=Finding.sort_key)
    journeys = sum(1 for f in workspace.targets if f.kind == "journey")
    return Maps(list(workspace.docs()), broken, findings, len(workspace.targets), journeys)
