"""Which rules run, at which severity, with which options, on which file.

Selectors name rules: a code (``JM103``), a code prefix (``JM1``), a name
(``dead-end``) or ``ALL``. The configuration and the command line each form a *layer*
of ``select`` / ``extend-select`` / ``ignore``, applied in that order, config first:

- the starting set is every rule that is not opt-in;
- a layer's ``select`` replaces the set with the rules it matches (so ``--select`` on
  the command line starts afresh, like ruff);
- ``extend-select`` adds the rules it matches, ``ignore`` removes them.

Opt-in only means "not in the starting set": any selector that matches an opt-in rule
(``ALL``, a prefix, its code or name) turns it on. ``[rules.<name>] severity = "off"``
and ``per-file-ignores`` switch a rule off after that.

The validation checks JM001–JM004 are not rules: they always run, because a file that
fails them cannot be checked further. Naming one of them in a selector is an error, so
``ignore = ["JM002"]`` cannot silently do nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

from journeyctl.checks.rules import all_rules
from journeyctl.checks.selectors import VALIDATION, SelectorError, find_rule, vocabulary
from journeyctl.checks.selectors import match as rules_named
from journeyctl.loading.config import Config, ConfigError
from journeyctl.loading.globs import Globs
from journeyctl.loading.validate import suggest
from journeyctl.model.findings import Severity
from journeyctl.model.rule import Rule

class Layer(NamedTuple):
    """One source of ``select`` / ``extend-select`` / ``ignore`` (the config, or the command line)."""

    select: Sequence[str] | None = None
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    #: how errors name this layer: ``journeyctl.toml: 'select'`` or ``--select``
    where: Mapping[str, str] = MappingProxyType({})


def parse_list(values: Iterable[str]) -> list[str]:
    """Split comma-separated command-line values: ``["JM1,JM2", "stale-map"]`` → three selectors."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def match(selector: str, rules: Sequence[Rule] | None = None) -> list[Rule]:
    """The rules ``selector`` names, in catalog order (default: every rule); :class:`SelectorError` if none."""
    return rules_named(selector, all_rules() if rules is None else rules)


def config_layer(config: Config) -> Layer:
    return Layer(
        config.select, list(config.extend_select), list(config.ignore),
        where={key: config.where(key) for key in ("select", "extend-select", "ignore")},
    )


def selected(layers: Iterable[Layer], rules: Sequence[Rule] | None = None) -> list[Rule]:
    """Apply ``layers`` in order to the default set; raises :class:`SelectorError`."""
    rules = all_rules() if rules is None else rules
    enabled = {r.code for r in rules if not r.opt_in}
    for layer in layers:
        for key, selectors in (("select", layer.select), ("extend-select", layer.extend_select),
                               ("ignore", layer.ignore)):
            if selectors is None:
                continue
            codes = set()
            for selector in selectors:
                try:
                    codes.update(r.code for r in match(selector, rules))
                except SelectorError as exc:
                    raise SelectorError(f"{layer.where.get(key, key)}: {exc}") from None
            if key == "select":
                enabled = codes
            elif key == "extend-select":
                enabled |= codes
            else:
                enabled -= codes
    return [r for r in rules if r.code in enabled]


def configure(rule: Rule, config: Config) -> Rule | None:
    """``rule`` with the severity and options of its ``[rules.*]`` table; ``None`` when off.

    The tables were checked by :func:`check_rule_tables`.
    """
    table = rule_table(rule, config)
    if not table:
        return rule
    severity = table.get("severity", rule.severity)
    if severity == "off":
        return None
    if isinstance(severity, str):
        severity = Severity.parse(severity)
    options = {**rule.options, **{k: v for k, v in table.items() if k != "severity"}}
    return rule._replace(severity=severity, options=options)


def rule_table(rule: Rule, config: Config) -> dict[str, Any]:
    """The ``[rules.<code>]`` and ``[rules.<name>]`` settings of ``rule`` merged (name wins)."""
    merged: dict[str, Any] = {}
    for key, table in config.rules.items():
        if key.upper() == rule.code:
            merged = {**table, **merged}
        elif key.lower() == rule.name:
            merged.update(table)
    return merged


def check_rule_tables(config: Config, rules: Sequence[Rule] | None = None) -> None:
    """Raise :class:`ConfigError` for an unknown rule, severity, option or option type."""
    rules = all_rules() if rules is None else rules
    for key, table in config.rules.items():
        where = config.where(f"rules.{key}")
        rule = find_rule(key, rules)
        if rule is None:
            if key in VALIDATION or key.upper() in VALIDATION:
                raise ConfigError(f"{where}: validation checks (JM001–JM004) always run as errors and take no settings")
            raise ConfigError(f"{where}: unknown rule{suggest(key, vocabulary(rules))}")
        for option, value in table.items():
            option_where = config.where(f"rules.{key}.{option}")
            if option == "severity":
                if value not in ("error", "warning", "info", "off"):
                    raise ConfigError(f"{option_where}: must be 'error', 'warning', 'info' or 'off', not {value!r}")
                continue
            if option not in rule.options:
                known = ", ".join(rule.options) if rule.options else "none besides 'severity'"
                raise ConfigError(
                    f"{option_where}: {rule.name} has no option {option!r}{suggest(option, rule.options)} "
                    f"(options: {known})"
                )
            problem = option_problem(rule.options[option], value)
            if problem:
                raise ConfigError(f"{option_where}: {problem}")


def option_problem(default: Any, value: Any) -> str | None:
    """Why ``value`` cannot replace ``default`` (same type; numbers not negative), or ``None``."""
    if isinstance(default, bool):
        return None if isinstance(value, bool) else f"must be true or false, not {value!r}"
    if isinstance(default, int):
        if not isinstance(value, int) or isinstance(value, bool):
            return f"must be a whole number, not {value!r}"
        return None if value >= 0 else f"must not be negative, not {value!r}"
    if isinstance(default, float):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return f"must be a number, not {value!r}"
        return None if value >= 0 else f"must not be negative, not {value!r}"
    if isinstance(default, str):
        return None if isinstance(value, str) else f"must be text, not {value!r}"
    if isinstance(default, list):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return None
        return f"must be a list of strings, not {value!r}"
    return None if isinstance(value, type(default)) else f"must be a {type(default).__name__}, not {value!r}"


def check_per_file_ignores(config: Config, rules: Sequence[Rule] | None = None) -> None:
    for glob, selectors in config.per_file_ignores.items():
        for selector in selectors:
            try:
                match(selector, rules)
            except SelectorError as exc:
                raise ConfigError(f"{config.where(f'per-file-ignores.{glob}')}: {exc}") from None


def ignored_for(path: str, config: Config, rules: Sequence[Rule] | None = None) -> set[str]:
    """Codes ``per-file-ignores`` switches off for ``path`` (relative to the workspace root).

    Each key is a gitignore pattern, matched as ``exclude`` is (see :mod:`journeyctl.loading.globs`).
    """
    codes: set[str] = set()
    for glob, selectors in config.per_file_ignores.items():
        if Globs([glob]).matches(path):
            for selector in selectors:
                codes.update(r.code for r in match(selector, rules))
    return codes
