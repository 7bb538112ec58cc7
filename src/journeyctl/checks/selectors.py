"""What a rule selector names: a code (``JM103``), a code prefix (``JM1``), a name
(``dead-end``) or ``ALL``.

The same words select rules in the configuration and on the command line
(:mod:`journeyctl.checks.selection`) and name them in suppression comments
(:mod:`journeyctl.checks.suppressions`); the rules to match against are passed in, so this
module depends on no rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from journeyctl.loading.validate import CODES, suggest

if TYPE_CHECKING:
    from journeyctl.model.rule import Rule

ALL = "ALL"
#: Validation checks by code and by name (they are not selectable).
VALIDATION = {**{code: name for name, code in CODES.items()}, **{name: name for name in CODES}}


class SelectorError(ValueError):
    """A selector that names no rule; the message says which and suggests a fix."""


def match(selector: str, rules: Sequence[Rule]) -> list[Rule]:
    """The rules ``selector`` names, in catalog order; :class:`SelectorError` if none."""
    text = selector.strip()
    if text.upper() == ALL:
        return list(rules)
    if text in VALIDATION or text.upper() in VALIDATION:
        name = VALIDATION.get(text) or VALIDATION[text.upper()]
        raise SelectorError(
            f"{text!r} is the validation check {name!r}: it always runs and cannot be selected or ignored"
        )
    upper = text.upper()
    if upper.startswith("JM"):
        found = [r for r in rules if r.code.startswith(upper)]
    else:
        found = [r for r in rules if r.name == text.lower()]
    if not found:
        raise SelectorError(f"{text!r} matches no rule{suggest(text, vocabulary(rules))}")
    return found


def find_rule(key: str, rules: Sequence[Rule]) -> Rule | None:
    """The rule whose code or name is exactly ``key`` (case-insensitive code)."""
    for rule in rules:
        if rule.code == key.upper() or rule.name == key.lower():
            return rule
    return None


def vocabulary(rules: Sequence[Rule]) -> list[str]:
    """Every name and code of ``rules``: what a misspelt selector is compared with."""
    return [r.name for r in rules] + [r.code for r in rules]
