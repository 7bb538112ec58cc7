"""Rule documentation: every docstring has the agreed sections, and docs/rules.md is current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeyctl.checks.rule_docs import rule_markdown, rules_markdown
from journeyctl.checks.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("What it does", "Why it matters", "Example", "Fix")


def _sections(doc: str) -> list[str]:
    return re.findall(r"^(\S.*)\n-{3,}$", doc, re.MULTILINE)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.name)
def test_docstring_sections(rule) -> None:
    expected = list(SECTIONS) + (["Options"] if rule.options else [])
    assert [s for s in _sections(rule.doc) if s in (*SECTIONS, "Options")] == expected
    assert rule.summary.endswith(".")
    assert re.fullmatch(r"JM\d{3}", rule.code) and re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)


def test_rules_are_in_catalog_order_with_unique_codes_and_names() -> None:
    codes = [r.code for r in all_rules()]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    assert len({r.name for r in all_rules()}) == len(codes)


def test_rule_markdown_shape() -> None:
    rule = next(r for r in all_rules() if r.name == "dead-end")
    text = rule_markdown(rule)
    assert text.startswith(
        "### JM103 dead-end\n\n*A touchpoint that is not an end has no outgoing transition.* — "
        "default severity: **error**.\n\n#### What it does\n\nFlags every touchpoint without `end` whose `next`"
    )
    assert "#### Fix\n\n```yaml\n- id: voicemail\n  name: Leaves a voicemail\n" in text


def test_committed_rules_md_is_current() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "docs/rules.md is out of date: python -m journeyctl.checks.rule_docs > docs/rules.md"
