"""Configuration: the nearest ``journeyctl.toml`` or ``[tool.journeyctl]`` in ``pyproject.toml``.

Only the shape of the configuration is checked here; rule names and rule options are
checked by the linter against the rule registry, so this module needs no rule imports.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from journeyctl.loading.files import present, real_path
from journeyctl.model.findings import Severity

#: Defaults for the resource limits (see docs/security.md).
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
DEFAULT_MAX_TOUCHPOINTS = 8_000
DEFAULT_MAX_FINDINGS = 1_000
#: Fewer files than this to parse are parsed in one process: starting a pool costs about
#: 0.09 s, and a second core saves about 1.7 ms per map of benchmarks/scale.py (see
#: docs/cache.md for the measurement).
PARALLEL_FILES = 48
#: Each limit's attribute and the most it may be raised to: a limit set to anything larger
#: would not protect (a ``max-file-size`` of 10**18 made reading a file allocate that much).
LIMITS = {
    "max-file-size": ("max_file_size", 256 * 1024 * 1024),
    # a document holds at most MAX_VALUES values (see yamlload), so more touchpoints cannot load
    "max-touchpoints": ("max_touchpoints", 1_000_000),
    "max-findings": ("max_findings", 1_000_000),
    # processes that read and check maps at once (default: one per core)
    "jobs": ("jobs", 1024),
}


class ConfigError(Exception):
    """A configuration problem: reported as one line and exit code 2."""


class EvidenceSettings(NamedTuple):
    """The ``[evidence]`` table: the event log the evidence rules read, and how."""

    #: the log, relative to the configuration's folder
    events: Path
    case: str | None = None
    activity: str | None = None
    timestamp: str | None = None
    channel: str | None = None
    #: an Ibis backend URL (None: DuckDB in-process)
    engine: str | None = None


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
    #: ``[evidence]``: the event log that switches the evidence rules on
    evidence: EvidenceSettings | None = None
    #: processes for a large workspace; None: one per core
    jobs: int | None = None

    def job_count(self) -> int:
        """The processes a large workspace is read and checked by: ``jobs``, else one per core."""
        return self.jobs or os.cpu_count() or 1

    def where(self, key: str) -> str:
        """``journeyctl.toml: 'fail-on'`` — how errors name a key."""
        return f"{self.file}: {key!r}" if self.file else repr(key)


def find_workspace(start: Path) -> tuple[Path, Path | None] | None:
    """``(root, configuration file or None)`` of the workspace ``start`` is in, or ``None``.

    The root is the nearest folder at or above ``start`` holding a ``journeyctl.toml``, a
    ``pyproject.toml`` with ``[tool.journeyctl]``, or ``.git`` (a folder, or the file of a
    worktree): a repository is a workspace of its own even inside another one.
    """
    for folder in (start, *start.parents):
        candidate = folder / "journeyctl.toml"
        if candidate.is_file():
            return folder, candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _has_tool_table(candidate):
            return folder, candidate
        if (folder / ".git").exists():
            return folder, None
    return None


def find_config(start: Path) -> Path | None:
    """The configuration of the workspace ``start`` is in (see :func:`find_workspace`)."""
    found = find_workspace(start)
    return found[1] if found else None


def find_root(start: Path) -> Path:
    """The root of the workspace ``start`` is in, else ``start`` itself.

    Catalogs in parent folders must apply when a map is linted from its own folder, so the
    root cannot simply be the current directory inside a repository.
    """
    found = find_workspace(start)
    return found[0] if found else start


def _has_tool_table(path: Path) -> bool:
    try:
        return "journeyctl" in _read_toml(path).get("tool", {})
    except ConfigError:
        return False


def _read_toml(path: Path, shown: Path | None = None) -> dict[str, Any]:
    """The TOML table in ``path``; errors name the file as ``shown`` (default: ``path``)."""
    shown = shown or path
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot read the configuration: {exc.strerror}") from None
    if not data:  # an empty file, which marks a workspace's root: no parser needed
        return {}
    import tomllib  # (and so a workspace without a configuration does not import it)

    try:
        return tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: the configuration is not UTF-8 text") from None


def load_config(explicit: Path | None = None, cwd: Path | None = None) -> Config:
    """Load ``explicit`` or the configuration of the workspace ``cwd`` is in; defaults when none."""
    cwd = cwd or Path.cwd()
    if explicit is not None:
        if not (cwd / explicit).is_file():
            raise ConfigError(f"{explicit}: configuration file not found")
        return _load_file(explicit, cwd)
    found = find_workspace(cwd.resolve())
    if found is None:
        return Config(root=cwd.resolve())
    root, path = found
    return Config(root=root) if path is None else _load_file(path, cwd)


def _load_file(path: Path, cwd: Path) -> Config:
    # Errors name the file as the user gave it; it is read relative to ``cwd``.
    table = _read_toml(cwd / path, path)
    if path.name == "pyproject.toml":
        table = table.get("tool", {}).get("journeyctl", {})
    config = Config(file=path, root=(cwd / path).parent.resolve())
    _apply(config, table)
    return config


def configs_for(
    paths: Iterable[str], cwd: Path | None = None, explicit: Path | None = None
) -> list[tuple[Config, list[str]]]:
    """The configuration each of ``paths`` belongs to, with the paths of each, in order.

    A map is checked with the configuration and catalogs of its own workspace (see
    :func:`find_workspace`), wherever it is run from, so ``lint ../repo/maps/a.yaml``
    gives what ``lint maps/a.yaml`` gives in ``repo``. ``explicit`` (``--config``)
    gives the settings of every path, each still rooted in its own workspace; no paths
    means the workspace of ``cwd``; a path in no workspace, or missing, goes with
    ``cwd``'s configuration.
    """
    cwd = (cwd or Path.cwd()).resolve()
    paths = list(paths)
    if explicit is not None or not paths:
        chosen = load_config(explicit, cwd)
        if explicit is None or not paths:
            return [(chosen, paths)]
    groups: dict[Path | None, tuple[Config, list[str]]] = {}
    for given in paths:
        location = cwd / given
        found = None
        if present(location):  # a missing path is reported when it is read
            real = real_path(location)
            found = find_workspace(real if real.is_dir() else real.parent)
        key = found[0] if found else None
        if key not in groups:
            if explicit is not None:
                # The settings are the file's; the catalogs and ids are still the map's workspace's.
                config = dataclasses.replace(chosen, root=found[0]) if found else chosen
            elif found is None:
                config = load_config(cwd=cwd)
            else:
                config = Config(root=found[0]) if found[1] is None else _load_file(found[1], cwd)
            groups[key] = (config, [])
        groups[key][1].append(given)
    return list(groups.values())


_KEYS = {
    "paths", "exclude", "select", "extend-select", "ignore", "per-file-ignores", "fail-on", "rules",
    "max-file-size", "max-touchpoints", "max-findings", "jobs",
    "evidence",
}
_EVIDENCE_KEYS = ("events", "case", "activity", "timestamp", "channel", "engine")


def _apply(config: Config, table: dict[str, Any]) -> None:
    for key in table:
        if key not in _KEYS:
            from journeyctl.loading.validate import suggest

            raise ConfigError(f"{config.where(key)}: unknown setting{suggest(key, _KEYS)}")
    config.paths = _strings(config, table, "paths", config.paths)
    config.exclude = _strings(config, table, "exclude", config.exclude)
    _check_globs(config, "exclude", config.exclude)
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
    for glob in config.per_file_ignores:
        _check_globs(config, f"per-file-ignores.{glob}", [glob])
    if "fail-on" in table:
        config.fail_on = parse_fail_on(table["fail-on"], config.where("fail-on"))
    for key, (attr, ceiling) in LIMITS.items():
        if key in table:
            value = table[key]
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{config.where(key)}: must be a positive whole number, not {_toml(value)}")
            if value > ceiling:
                raise ConfigError(f"{config.where(key)}: must be at most {ceiling:,}, not {value:,}")
            setattr(config, attr, value)
    if "evidence" in table:
        config.evidence = _evidence(config, table["evidence"])
    rules = table.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(f"{config.where('rules')}: must hold [rules.<name>] tables")
    config.rules = {str(name): dict(options) for name, options in rules.items()}


def _evidence(config: Config, table: Any) -> EvidenceSettings:
    """The ``[evidence]`` table, checked: ``events`` names the log, the rest are optional text."""
    if not isinstance(table, dict):
        raise ConfigError(f"{config.where('evidence')}: must be a table with events = \"path/to/log\"")
    for key in table:
        if key not in _EVIDENCE_KEYS:
            from journeyctl.loading.validate import suggest

            raise ConfigError(f"{config.where('evidence.' + key)}: unknown setting{suggest(key, _EVIDENCE_KEYS)}")
    for key in _EVIDENCE_KEYS:
        value = table.get(key)
        if key in table and (not isinstance(value, str) or not value.strip()):
            raise ConfigError(f"{config.where('evidence.' + key)}: must be a non-empty string, not {_toml(value)}")
    if "events" not in table:
        raise ConfigError(f"{config.where('evidence')}: needs events = \"path/to/log\", the event log to read")
    return EvidenceSettings(
        events=config.root / table["events"],
        **{key: table.get(key) for key in _EVIDENCE_KEYS[1:]},
    )


def _check_globs(config: Config, key: str, patterns: list[str]) -> None:
    from journeyctl.loading.globs import GlobError, check

    try:
        check(patterns)
    except GlobError as exc:
        raise ConfigError(f"{config.where(key)}: {exc}") from None


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
