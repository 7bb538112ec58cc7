"""A new map repository (``journeyctl init``): configuration, catalog, a first map, hooks, CI.

The files are written by :func:`journeyctl.loading.files.write_files`, which keeps files that
are already there unless ``--force`` asks to overwrite them; the first map is lint-clean on the day it is written (its ``reviewed`` date is
that day and its roadmap milestone lies in the next quarter).

The files are package data under ``journeyctl/templates/init/`` (listed in pyproject's
package-data, so a wheel carries them), written as they will be written except for
``{{name}}`` placeholders that :func:`scaffold` fills: the version, the dates, the default
limits and the rule lists.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources

from journeyctl import __version__
from journeyctl.loading.config import DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_FINDINGS, DEFAULT_MAX_TOUCHPOINTS


@dataclass(frozen=True, slots=True)
class Scaffold:
    """The files of a new map repository: relative path → text."""

    files: dict[str, str]


def next_quarter(today: dt.date) -> str:
    """The quarter after the one ``today`` falls in, as ``2027-Q1``."""
    quarter = (today.month - 1) // 3 + 1
    return f"{today.year + 1}-Q1" if quarter == 4 else f"{today.year}-Q{quarter + 1}"


# ``{{name}}``, without spaces: GitHub's own ``${{ github.token }}`` is left as it is.
_PLACEHOLDER = re.compile(r"\{\{([a-z_]+)\}\}")


def _fill(template: str, values: dict[str, str]) -> str:
    """The template's text with every ``{{name}}`` replaced; a name without a value is a bug."""
    text = (resources.files("journeyctl") / "templates" / "init" / template).read_text(encoding="utf-8")
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def _rule_values() -> dict[str, str]:
    """The parts of ``journeyctl.toml`` that list the rules, as the rule registry has them."""
    from journeyctl.checks.rules import all_rules

    rules = all_rules()
    tables = []
    for rule in rules:
        lines = [f"# [rules.{rule.name}]  # {rule.code}", f'# severity = "{rule.severity.label}"']
        lines += [f"# {name} = {value!r}" for name, value in rule.options.items()]
        tables.append("\n".join(lines) + "\n")
    return {
        "selected_rules": "".join(f'#   "{r.code}",\n' for r in rules if not r.opt_in),
        "opt_in_rules": ", ".join(f"{r.code} {r.name}" for r in rules if r.opt_in),
        "rule_tables": "\n".join(tables),
    }


def scaffold(today: dt.date) -> Scaffold:
    """The files of a new map repository, dated ``today``."""
    from journeyctl.model.schema import schema_text

    values = {
        "version": __version__,
        "reviewed": today.isoformat(),
        "milestone": next_quarter(today),
        "max_file_size": str(DEFAULT_MAX_FILE_SIZE),
        "max_touchpoints": str(DEFAULT_MAX_TOUCHPOINTS),
        "max_findings": str(DEFAULT_MAX_FINDINGS),
        **_rule_values(),
    }
    # The templates are flat and without leading dots, so that simple patterns list them
    # as package data.
    return Scaffold({
        "journeyctl.toml": _fill("journeyctl.toml", values),
        "catalog.yaml": _fill("catalog.yaml", values),
        "journeys/first-journey.yaml": _fill("first-journey.yaml", values),
        "schemas/journey.schema.json": schema_text("journey"),
        "schemas/catalog.schema.json": schema_text("catalog"),
        ".pre-commit-config.yaml": _fill("pre-commit-config.yaml", values),
        ".gitignore": _fill("gitignore", values),
        ".github/workflows/journeyctl.yml": _fill("github-workflow.yml", values),
        ".gitlab/journeyctl.gitlab-ci.yml": _fill("gitlab-ci.yml", values),
    })
