"""Configuration: the nearest ``journeyctl.toml`` or ``[tool.journeyctl]`` in ``pyproject.toml``.

Only the shape of the configuration is checked here; rule names and rule options are
checked by the linter against the rule registry, so this module needs no rule imports.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeyctl.findings import Severity

CONFIG_NAMES = ("journeyctl.toml", "pyproject.toml")

#: Defaults for the resource limits (see docs/security.md).
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
DEFAULT_MAX_TOUCHPOINTS = 10_000
DEFAULT_MAX_FINDINGS = 1_000


class ConfigError(Exception):
    """A configuration problem: reported as one line and exit code 2."""


@dataclass(slots=True)
class Config:
    """Settings for one run; every field has the documented default."""

    file: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    paths: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    #: rule name or code → {"severity": ..., option: value}
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    max_touchpoints: int = DEFAULT_MAX_TOUCHPOINTS
    #: findings reported per rule and file; one more finding counts the rest
    max_findings: int = DEFAULT_MAX_FINDINGS

    def where(self, key: str) -> str:
        """``journeyctl.toml: 'fail-on'`` — how errors name a key."""
        return f"{self.file}: {key!r}" if self.file else repr(key)


def find_config(start: Path) -> Path | None:
    """The nearest ``journeyctl.toml``, or ``pyproject.toml`` with ``[tool.journeyctl]``."""
    for folder in (start, *start.parents):
        candidate = folder / "journeyctl.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _has_tool_table(candidate):
            return candidate
    return None


def find_root(start: Path) -> Path:
    """The workspace root when no configuration says: the top of the repository, else ``start``.

    Catalogs in parent folders must apply when a map is linted from its own folder, so the
    root cannot simply be the current directory inside a repository.
    """
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def _has_tool_table(path: Path) -> bool:
    try:
        return "journeyctl" in _read_toml(path).get("tool", {})
    except ConfigError:
        return False


def _read_toml(path: Path, shown: Path | None = None) -> dict[str, Any]:
    """The TOML table in ``path``; errors name the file as ``shown`` (default: ``path``)."""
    shown = shown or path
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot read the configuration: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: the configuration is not UTF-8 text") from None


def load_config(explicit: Path | None = None, cwd: Path | None = None) -> Config:
    """Load ``explicit`` or the nearest configuration above ``cwd``; defaults when none."""
    cwd = cwd or Path.cwd()
    if explicit is not None:
        if not (cwd / explicit).is_file():
            raise ConfigError(f"{explicit}: configuration file not found")
        path: Path | None = explicit
    else:
        path = find_config(cwd)
    if path is None:
        return Config(root=find_root(cwd.resolve()))
    # Errors name the file as the user gave it; it is read relative to ``cwd``.
    table = _read_toml(cwd / path, path)
    if path.name == "pyproject.toml":
        table = table.get("tool", {}).get("journeyctl", {})
    config = Config(file=path, root=(cwd / path).parent.resolve())
    _apply(config, table)
    return config


_KEYS = {
    "paths", "exclude", "select", "extend-select", "ignore", "per-file-ignores", "fail-on", "rules",
    "max-file-size", "max-touchpoints", "max-findings",
}


def _apply(config: Config, table: dict[str, Any]) -> None:
    for key in table:
        if key not in _KEYS:
            from journeyctl.validate import suggest

            raise ConfigError(f"{config.where(key)}: unknown setting{suggest(key, _KEYS)}")
    config.paths = _strings(config, table, "paths", config.paths)
    config.exclude = _strings(config, table, "exclude", config.exclude)
    if "select" in table:
        config.select = _strings(config, table, "select", [])
    config.extend_select = _strings(config, table, "extend-select", [])
    config.ignore = _strings(config, table, "ignore", [])
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{config.where('per-file-ignores')}: must be a table of glob = [rules]")
    config.per_file_ignores = {
        str(glob): _strings(config, per_file, glob, [], key_name=f"per-file-ignores.{glob}") for glob in per_file
    }
    if "fail-on" in table:
        config.fail_on = parse_fail_on(table["fail-on"], config.where("fail-on"))
    for key, attr in (
        ("max-file-size", "max_file_size"), ("max-touchpoints", "max_touchpoints"), ("max-findings", "max_findings"),
    ):
        if key in table:
            value = table[key]
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{config.where(key)}: must be a positive whole number, not {_toml(value)}")
            setattr(config, attr, value)
    rules = table.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(f"{config.where('rules')}: must hold [rules.<name>] tables")
    config.rules = {str(name): dict(options) for name, options in rules.items()}


def parse_fail_on(value: Any, where: str) -> Severity:
    if isinstance(value, str):
        try:
            return Severity.parse(value)
        except ValueError:
            pass
    raise ConfigError(f"{where}: must be 'error', 'warning' or 'info', not {_toml(value)}")


def _strings(config: Config, table: dict, key: str, default: list[str], key_name: str | None = None) -> list[str]:
    if key not in table:
        return default
    value = table[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{config.where(key_name or key)}: must be a list of strings, not {_toml(value)}")
    return list(value)


def _toml(value: Any) -> str:
    """A configuration value as it is written in TOML (``true``, not ``True``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    return repr(value)
