"""Rule documentation from the rule modules' docstrings: ``journeyctl rule`` and ``docs/rules.md``.

A rule's docstring is its only documentation. This module turns it into plain text for
the terminal and into Markdown for ``docs/rules.md``, which is generated, committed, and
kept equal to the generator by a test. Regenerate it with::

    python -m journeyctl.checks.rule_docs > docs/rules.md
"""

from __future__ import annotations

import re
import sys
import textwrap

from journeyctl.checks.rules import catalog
from journeyctl.model.rule import Rule

_HEADING = re.compile(r"^(?P<title>\S.*)\n(?P<rule>-{3,})$", re.MULTILINE)
_CODE_BLOCK = re.compile(r"^(?P<indent>[ \t]*)\.\. code-block:: *(?P<lang>\w*)\n\n(?P<body>(?:(?:[ \t]+.*)?\n)+)", re.MULTILINE)
_LITERAL = re.compile(r"``(?P<text>.+?)``")


def _body(rule: Rule) -> str:
    """The docstring without its summary line."""
    lines = rule.doc.splitlines()
    return "\n".join(lines[1:]).strip("\n") + "\n"


def _severity(rule: Rule) -> str:
    if rule.validation:
        return rule.severity.label + ", always on"
    return rule.severity.label + (", opt-in" if rule.opt_in else "")


def rule_text(rule: Rule) -> str:
    """What ``journeyctl rule NAME`` prints: a header, then the docstring for a terminal."""
    body = _CODE_BLOCK.sub(lambda m: textwrap.indent(textwrap.dedent(m["body"]).strip("\n"), "    ") + "\n\n", _body(rule))
    body = _LITERAL.sub(lambda m: m["text"], body)
    body = re.sub(r"\n{3,}", "\n\n", body)
    header = f"{rule.code} {rule.name} ({_severity(rule)})"
    fix = _LITERAL.sub(lambda m: m["text"], rule.fix)
    lines = [header, "=" * len(header), "", rule.summary, "", body.rstrip("\n"), "", f"Fix: {fix}"]
    return "\n".join(lines) + "\n"


def rule_markdown(rule: Rule) -> str:
    """One rule as a Markdown section of ``docs/rules.md``."""

    def fence(m: re.Match) -> str:
        code = textwrap.dedent(m["body"]).strip("\n")
        return f"```{m['lang'] or 'text'}\n{code}\n```\n\n"

    body = _CODE_BLOCK.sub(fence, _body(rule))
    body = _HEADING.sub(lambda m: f"#### {m['title']}\n", body)
    body = _LITERAL.sub(lambda m: f"`{m['text']}`", body)
    body = re.sub(r"\n{3,}", "\n\n", body).strip("\n")
    fix = _LITERAL.sub(lambda m: f"`{m['text']}`", rule.fix)
    lines = [
        f"### {rule.code} {rule.name}", "",
        f"*{rule.summary}* — default severity: **{_severity(rule)}**.", "",
        body, "",
        f"**Fix: {fix.split(' — ')[0]}**" + (f" — {fix.split(' — ', 1)[1]}" if " — " in fix else ""),
    ]
    return "\n".join(lines) + "\n"


INTRO = """\
# Rules

<!-- Generated from the rule modules by `python -m journeyctl.checks.rule_docs > docs/rules.md`; do not edit. -->

Every rule has a stable code and a kebab-case name; either one selects it, and
`journeyctl rule NAME` prints the same text as this page.

## Choosing rules

Settings live in `journeyctl.toml` (or `[tool.journeyctl]` in `pyproject.toml`); the
command line has `--select`, `--extend-select` and `--ignore` (comma-separated,
repeatable) and `--fail-on`.

```toml
select = ["ALL"]                 # codes, prefixes ("JM1"), names, or ALL
extend-select = ["lifecycle-gap"]
ignore = ["backward-transition"]
fail-on = "warning"              # exit 1 on warnings too (default: error)

[per-file-ignores]
"drafts/*" = ["stale-map", "JM3"]

[rules.journey-too-long]         # a code works as well as a name
max-steps = 15
severity = "error"               # error | warning | info | off
```

- **Selection** starts from every rule that is not opt-in. The configuration and then the
  command line each apply `select` (which replaces the set, so `--select` starts afresh),
  then `extend-select` (adds), then `ignore` (removes).
- **Opt-in rules** are only left out of that starting set: any selector that matches one —
  `ALL`, a prefix such as `JM3`, its code or its name — turns it on.
- **`per-file-ignores`** maps globs, matched against the path relative to the
  configuration file's folder (`*` also crosses `/`; a glob without `/` also matches the
  file name alone), to selectors.
- **`[rules.<name-or-code>]`** tables set `severity` (`off` disables the rule) and the
  rule's options. An unknown rule, option or severity, or an option of the wrong type,
  stops the run with exit code 2 and names the file and key.
- **Validation** (JM001 invalid-yaml, JM002 schema, JM003 unknown-reference, JM004
  duplicate-id) always runs and cannot be selected, ignored or suppressed: a file that
  fails it gets no other finding until it is fixed. Every JM002–JM004 problem of a map
  comes in the same run — an unknown field does not hide an emotion out of scale, nor a
  duplicate id an unknown stage. A reference is checked when it is an id and the list it
  points into is a list; a reference to an id defined twice resolves. A file with a JM001
  finding gets nothing else.
- **Rules do not pile on**: `unreachable` is quiet while the journey has no entry, and
  `no-way-out` while it has no end.

## Where findings point

A finding points at the most specific place in the file: the `next` entry for a
transition rule, the `id` key of the touchpoint (or stage) for a touchpoint rule, and for
a rule about the whole journey the top-level key of the part it is about (`touchpoints`
for `no-entry` and `no-end`, `stages`, `reviewed`), or the journey's `id` when there is
no such key. That is also the line a suppression comment must cover.

## Suppressing a finding

```yaml
  - id: voicemail            # journeyctl: ignore[dead-end]
    name: Leaves a voicemail
  # journeyctl: ignore[JM108, missing-handoff]
  - id: visit
# journeyctl: ignore-file[stale-map]
```

A trailing comment covers its own line; a comment on a line of its own covers the next
line that is not a comment. `ignore-file` covers the whole file. Without brackets,
`ignore` and `ignore-file` cover every rule. A suppression that suppresses nothing is
reported by `unused-suppression` (JM005).

## Fixes

`journeyctl lint --fix` applies the safe fixes (the *fix* column below), `--unsafe-fixes`
the unsafe ones too, and `--diff` shows what they would change without writing it; see
[fixes.md](fixes.md).

## Today's date

`stale-map` and `must-have-overdue` compare dates with today. Set `JOURNEYCTL_TODAY`
(an ISO date such as `2026-11-22`) to pin it, for reproducible CI runs and golden files.
"""


def rules_markdown() -> str:
    """The whole of ``docs/rules.md``."""
    rules = catalog()
    table = ["| code | name | severity | fix | summary |", "|---|---|---|---|---|"]
    for rule in rules:
        summary = rule.summary.replace("|", "\\|")
        fix = rule.fix.split(" — ")[0]
        table.append(f"| {rule.code} | [{rule.name}](#{_anchor(rule)}) | {_severity(rule)} | {fix} | {summary} |")
    sections = [INTRO, "## Catalog\n", "\n".join(table) + "\n", "## The rules\n"]
    sections += [rule_markdown(rule) for rule in rules]
    return "\n".join(sections)


def _anchor(rule: Rule) -> str:
    """GitHub's anchor for the heading ``### JM103 dead-end``."""
    return _heading_anchor(rule.code, rule.name)


def _heading_anchor(code: str, name: str) -> str:
    return f"{code} {name}".lower().replace(" ", "-")


#: Where docs/rules.md is published; each rule's section is at its heading's anchor.
RULES_URL = "https://journeyctl.dev/docs/rules"


def rule_url(code: str, name: str) -> str:
    """The address of a rule's documentation, such as ``…/docs/rules#jm103-dead-end``."""
    return f"{RULES_URL}#{_heading_anchor(code, name)}"


def main() -> None:
    sys.stdout.write(rules_markdown())


if __name__ == "__main__":
    main()
