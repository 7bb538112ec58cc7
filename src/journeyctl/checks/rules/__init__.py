"""The rule catalog (docs/rules.md): an explicit registry of one module per rule.

Each rule module holds, and only holds:

- a docstring that *is* the rule's documentation: a one-line summary, then the sections
  ``What it does``, ``Why it matters``, ``Example``, ``Fix`` and, when it has any,
  ``Options`` (``journeyctl rule NAME`` and ``docs/rules.md`` print it);
- ``CODE`` (``"JM103"``), ``NAME`` (``"dead-end"``), ``SEVERITY`` (the default),
  ``OPT_IN`` (off unless selected) and ``OPTIONS`` (option name → default value);
- ``check(doc, graph, options)``, a generator of :class:`~journeyctl.model.findings.Problem`
  — a pure function of the journey and its graph that never reads files or prints.
  ``options`` holds the rule's options (configured values over the defaults) and
  ``today``, the date rules that measure time must use.

``unused-suppression`` (JM005) is the one rule about comments rather than the journey:
its module has no ``check``; :mod:`journeyctl.checks.suppressions` finds the unused and malformed
comments once every other rule has run on the file, and the linter stamps them.

The validation checks JM001–JM004 run while files load, not as rules; their modules
(``VALIDATION_MODULES``) hold only the documentation and the constants, so that
``journeyctl rules``, ``journeyctl rule`` and SARIF describe every code a finding can carry.

The linter, not the rule, stamps codes, names and severities, applies the configuration
and the suppression comments.
"""

from __future__ import annotations

import importlib
from functools import cache

from journeyctl.model.rule import Rule

#: Rule modules in catalog order (module names under ``journeyctl.checks.rules``).
RULE_MODULES: tuple[str, ...] = (
    "unused_suppression",
    "no_entry",
    "no_end",
    "dead_end",
    "unreachable",
    "no_way_out",
    "decision_branches",
    "duplicate_transition",
    "backward_transition",
    "missing_handoff",
    "channel_switch_without_context",
    "empty_handoff",
    "missing_owner",
    "unsupported_frontstage",
    "pain_point_unaddressed",
    "low_emotion_unexplained",
    "journey_too_long",
    "too_many_channel_switches",
    "empty_stage",
    "persona_channel_gap",
    "no_feedback_loop",
    "lifecycle_gap",
    "stale_map",
    "must_have_overdue",
    "wont_have_in_progress",
    "no_owner",
    "deprecated_language",
    "undocumented_transition",
    "unused_transition",
    "high_drop_off",
    "handoff_over_sla",
)

#: Documentation-only modules of the validation checks JM001–JM004.
VALIDATION_MODULES: tuple[str, ...] = ("invalid_yaml", "schema", "unknown_reference", "duplicate_id")


def _load(names: tuple[str, ...]) -> tuple[Rule, ...]:
    rules = []
    for name in names:
        module = importlib.import_module(f"journeyctl.checks.rules.{name}")
        rules.append(Rule(
            code=module.CODE, name=module.NAME, severity=module.SEVERITY, opt_in=getattr(module, "OPT_IN", False),
            options=dict(getattr(module, "OPTIONS", {})), module=module,
            validation=getattr(module, "VALIDATION", False),
        ))
    return tuple(rules)


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every lint rule (the ones the linter runs and selection applies to), in catalog order."""
    return _load(RULE_MODULES)


@cache
def catalog() -> tuple[Rule, ...]:
    """The whole catalog of codes for documentation: validation checks, then every rule."""
    return _load(VALIDATION_MODULES) + all_rules()
