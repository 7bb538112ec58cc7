"""Inline suppression comments: ``# journeyctl: ignore[...]`` and ``# journeyctl: ignore-file[...]``.

- ``# journeyctl: ignore[dead-end]`` at the end of a line suppresses findings of those rules
  that point at that line; on a line of its own it suppresses them on the next line that
  is not itself a comment (so several suppression comments may stack above an element;
  a blank line in between breaks the link).
- ``# journeyctl: ignore-file[stale-map]`` anywhere suppresses those rules in the whole file.
- Inside the brackets: rule codes or names (also prefixes and ``ALL``), separated by commas.
  A bare ``# journeyctl: ignore`` / ``ignore-file`` without brackets suppresses every rule.
- Validation findings (JM001–JM004) cannot be suppressed: a file that fails validation is
  not checked any further.

Comments are found by scanning the text the loader already holds, never by parsing it
again: a ``#`` only starts a comment outside quoted and block scalars and when it is at
the start of a line or follows a space, so ``"see #3"`` and ``https://x.example/#top``
are not comments.

This module owns suppressions from end to end: finding the comments, which findings each
one covers (:class:`Coverage`), and which comments are malformed or suppress nothing
(:func:`unused_suppressions`, reported by the linter as ``unused-suppression``, JM005).
The rules a selector may name are passed in, so nothing here depends on the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from journeyctl.checks.selectors import SelectorError, find_rule, match
from journeyctl.loading.yaml_comments import comments_in
from journeyctl.model.findings import Finding, Position

if TYPE_CHECKING:
    from journeyctl.model.rule import Rule

_CANDIDATE = re.compile(r"#[ \t]*journeyctl[ \t]*:")
_DIRECTIVE = re.compile(r"#[ \t]*journeyctl[ \t]*:[ \t]*(?P<word>[A-Za-z][\w-]*)?(?P<rest>.*)$")
_LIST = re.compile(r"^\[(?P<items>[^\]]*)\]")
DIRECTIVES = ("ignore", "ignore-file")


class Suppression(NamedTuple):
    """One suppression comment.

    ``rules`` are the selectors written in the brackets (empty for a bare directive, which
    means every rule); ``lines`` the lines whose findings it covers (empty for
    ``ignore-file``). ``used`` collects the selectors that suppressed something.
    """

    position: Position
    directive: str
    rules: tuple[str, ...]
    lines: frozenset[int]
    used: set[str]

    @property
    def whole_file(self) -> bool:
        return self.directive == "ignore-file"

    @property
    def text(self) -> str:
        inside = f"[{', '.join(self.rules)}]" if self.rules else ""
        return f"{self.directive}{inside}"


class BadComment(NamedTuple):
    """A ``# journeyctl:`` comment that cannot be understood."""

    position: Position
    message: str


def find_suppressions(text: str) -> tuple[list[Suppression], list[BadComment]]:
    """Every suppression comment in ``text``, in file order, and the malformed ones."""
    if not _CANDIDATE.search(text):
        return [], []
    lines = text.splitlines()
    comments = list(comments_in(lines))
    comment_only = {c.line for c in comments if c.own_line}
    # The line an own-line comment applies to: the next line that is not a comment too.
    # Worked out from the bottom up, so a block of many comment lines costs one pass.
    following: dict[int, int] = {}
    for line in sorted(comment_only, reverse=True):
        following[line] = following.get(line + 1, line + 1)
    suppressions: list[Suppression] = []
    bad: list[BadComment] = []
    for comment in comments:
        found = _DIRECTIVE.match(comment.text)
        if not found:
            continue
        position = Position(comment.line, comment.column, comment.line, comment.column + len(comment.text))
        word, rest = found["word"] or "", found["rest"]
        if word not in DIRECTIVES:
            if word.lower().startswith("ignore") or word.lower() in ("noqa", "disable", "skip"):
                bad.append(BadComment(position, f"unknown directive {word!r}: use 'ignore[...]' or 'ignore-file[...]'"))
            continue
        rules: tuple[str, ...] = ()
        if rest.startswith("["):
            listed = _LIST.match(rest)
            if not listed:
                bad.append(BadComment(position, f"'{word}[' is not closed: write {word}[rule, rule]"))
                continue
            rules = tuple(r.strip() for r in listed["items"].split(",") if r.strip())
            if not rules:
                bad.append(BadComment(position, f"'{word}[]' names no rule: list rules, or drop the brackets to mean all"))
                continue
        covered: frozenset[int] = frozenset()
        if word == "ignore":
            covered = frozenset({following[comment.line] if comment.own_line else comment.line})
        suppressions.append(Suppression(position, word, rules, covered, set()))
    return suppressions, bad


class Coverage:
    """The suppressions of one file, indexed by the line they cover.

    ``rules`` are the rules a selector in a comment may name (every registered rule).
    """

    def __init__(self, suppressions: list[Suppression], rules: Sequence[Rule]) -> None:
        self.rules = rules
        self.whole_file = [s for s in suppressions if s.whole_file]
        self.by_line: dict[int, list[Suppression]] = {}
        for s in suppressions:
            for line in s.lines:
                self.by_line.setdefault(line, []).append(s)
        # selector → the codes it names: a file may hold thousands of findings
        self._named: dict[str, frozenset[str]] = {}

    def codes_named(self, selector: str) -> frozenset[str]:
        """The codes of the rules ``selector`` names; empty when it names none."""
        codes = self._named.get(selector)
        if codes is None:
            try:
                codes = frozenset(r.code for r in match(selector, self.rules))
            except SelectorError:
                codes = frozenset()
            self._named[selector] = codes
        return codes

    def suppresses(self, finding: Finding, track: bool = True) -> bool:
        """Whether a suppression covers ``finding``; ``track`` records in each one which selector did."""
        hit = False
        for suppression in (*self.by_line.get(finding.line, ()), *self.whole_file):
            if not suppression.rules:
                hit = True
                if track:
                    suppression.used.add("")
                continue
            for selector in suppression.rules:
                if finding.code in self.codes_named(selector):
                    hit = True
                    if track:
                        suppression.used.add(selector)
        return hit

    def count_capped_as_used(self, suppressions: Iterable[Suppression], capped: set[str]) -> None:
        """Mark as used the selectors (and bare comments) that name a rule in ``capped``.

        Findings past the ``max-findings`` limit were never made, so a comment may only
        seem unused because what it hides was left out: it counts as used.
        """
        for suppression in suppressions:
            suppression.used.update(r for r in suppression.rules if self.codes_named(r) & capped)
            if not suppression.rules:
                suppression.used.add("")


def names_exactly(selector: str, rule: Rule) -> bool:
    """Whether ``selector`` is ``rule``'s own code or name (not a prefix or ``ALL``)."""
    return selector.upper() == rule.code or selector.lower() == rule.name


def unused_suppressions(
    suppressions: Iterable[Suppression], bad: Iterable[BadComment], enabled: set[str], rules: Sequence[Rule],
    unused_code: str,
) -> Iterator[tuple[Position, str, str | None]]:
    """``(position, message, selector)`` for each malformed or unused suppression, in file
    order: ``selector`` is the unused name in the brackets, ``""`` for an unused bare comment
    and None for a malformed one (which no fix can take out).

    Called after every rule has run on the file, with the codes of the rules that ran
    (``enabled``), each suppression's ``used`` selectors filled in, the rules a selector
    may name and the code of ``unused-suppression`` itself (a suppression of that rule is
    never reported).
    """
    found: list[tuple[Position, str, str | None]] = [(b.position, b.message, None) for b in bad]
    # A file may repeat one comment hundreds of thousands of times: resolve each selector once.
    resolved: dict[str, tuple] = {}
    for s in suppressions:
        where = "in this file" if s.whole_file else f"on line {min(s.lines)}"
        if not s.rules:
            if not s.used:
                found.append((s.position, f"unused suppression '{s.text}': no finding {where} to suppress", ""))
            continue
        for selector in s.rules:
            if selector in s.used:
                continue
            if selector not in resolved:
                resolved[selector] = _resolve(selector, rules)
            named, label, error = resolved[selector]
            if error is not None:
                found.append((s.position, f"suppression '{s.text}': {error}", selector))
                continue
            if all(r.code == unused_code for r in named):
                continue  # a suppression of this rule is never itself reported
            if not any(r.code in enabled for r in named):
                message = f"unused suppression of {label}: the rule is not enabled for this file"
                found.append((s.position, message, selector))
            else:
                found.append((s.position, f"unused suppression of {label}: no such finding {where}", selector))
    found.sort(key=lambda item: (item[0].line, item[0].column))
    yield from found


def _resolve(selector: str, rules: Sequence[Rule]) -> tuple:
    """``(rules, label, None)`` for a selector, or ``((), "", error)`` if it names no rule."""
    try:
        named = match(selector, rules)
    except SelectorError as exc:
        return (), "", exc
    rule = find_rule(selector, rules)
    return named, f"{rule.code} {rule.name}" if rule else repr(selector), None


def covers_a_line(comment: str) -> bool:
    """Whether ``comment`` (from its ``#``) is an ``ignore`` directive: one that covers
    its own line, or the next line that is not a comment when it stands alone."""
    found = _DIRECTIVE.match(comment)
    return found is not None and found["word"] == "ignore"
