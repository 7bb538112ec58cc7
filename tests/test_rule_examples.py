"""Every rule's documented Example gives that rule's finding, and its Fix does not.

The Example and Fix are the first ``yaml`` code blocks under those headings of the rule
module's docstring (what ``journeyctl rule NAME`` and ``docs/rules.md`` show). Most are
fragments of a map, so each is wrapped in a minimal map the same way:

- A snippet that is a list (``- id: …``) is a list of touchpoints.
- A snippet that starts with ``next:`` is the ``next`` of a touchpoint ``here`` (an entry in
  the first stage).
- Top-level list keys (``teams:``, ``stages:``, ``touchpoints:``, ``roadmap:``, ``personas:``) are those
  sections; any other top-level key (``journeyctl:``, ``id:``, ``reviewed:``…) means the
  snippet gives the map's header, which otherwise is :data:`HEADER`. A map without
  touchpoints gets one entry that is also an end (:data:`START`).
- A Fix shows only what changes: its items replace the Example's items with the same ``id``
  and the sections it does not mention are the Example's; a Fix that is only ``next:``
  replaces the last ``next`` of the Example.
- What the fixed map refers to but does not declare is declared in both maps: teams and
  stages (named after their id), touchpoints in ``next`` (customer steps that end the journey with
  success, in the first stage) and other journeys linked with ``journey:`` (each a map of
  its own with only :data:`START`). A touchpoint written in block style (``- id: x`` on a
  line of its own) gets the ``name``, ``stage`` and, in a lane the customer sees, the
  ``channel`` it does not show.
- A sentence ``With ``max-steps = 3``:`` before the Example sets that option of the rule
  for both maps.
- A ``csv`` code block under the Example of an evidence rule is the event log both maps
  are held against, as if the configuration named it under ``[evidence]``.

Only the rule is selected, as in the fixture tests (``tests/rules``). The fixed map must
pass validation (JM001–JM004), and so must the Example of every other rule, so that its
finding comes from the rule and not from a broken wrapping.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
import tomllib
from pathlib import Path

import pytest
import yaml

from journeyctl.checks import rule_docs as docs
from journeyctl.checks.linter import lint
from journeyctl.checks.rules import catalog
from journeyctl.loading.config import Config, EvidenceSettings
from journeyctl.model.rule import Rule

TODAY = dt.date(2026, 11, 22)
HEADER = """\
journeyctl: 1
id: rule-example
title: A rule's documented example
owner: cx-home-services
reviewed: 2026-11-01
"""
START = "- {id: start, name: Starts, stage: %s, channel: web, entry: true, end: success}\n"
DEFAULT_STAGE = "book"
LIST_SECTIONS = ("teams", "stages", "touchpoints", "roadmap", "personas")
VALIDATION = {"JM001", "JM002", "JM003", "JM004"}

_ITEM_ID = re.compile(r"^-\s*\{?\s*id:\s*(?P<id>[^,\s}#]+)")
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):")
_SUPPRESSION = re.compile(r"#\s*journeyctl\s*:")


class Snippet:
    """A map fragment: its header lines (or ``None``) and its list sections as items."""

    def __init__(self, header: str | None, sections: dict[str, list[str]]) -> None:
        self.header = header
        self.sections = sections

    @classmethod
    def parse(cls, text: str) -> Snippet:
        """An Example or Fix code block as a fragment, as the module docstring describes."""
        if text.startswith("- "):
            return cls(None, {"touchpoints": _items(text)})
        if text.startswith("next:"):
            here = f"- id: here\n  name: Here\n  stage: {DEFAULT_STAGE}\n  channel: web\n  entry: true\n"
            return cls(None, {"touchpoints": [here + textwrap.indent(text, "  ")]})
        header: list[str] = []
        sections: dict[str, list[str]] = {}
        key = None
        for line in text.splitlines(keepends=True):
            top = _TOP_KEY.match(line)
            if top:
                key = top["key"]
                if key in LIST_SECTIONS:
                    sections[key] = []
                    continue
            if key in LIST_SECTIONS:
                sections[key].append(line)
            else:
                header.append(line)
        items = {k: _items(textwrap.dedent("".join(lines))) for k, lines in sections.items()}
        return cls("".join(header) or None, items)

    def fixed_by(self, fix: Snippet) -> Snippet:
        """This Example with ``fix`` applied: items with the same ``id`` replaced, new ones added."""
        sections = {k: list(v) for k, v in self.sections.items()}
        for key, items in fix.sections.items():
            merged = sections.setdefault(key, [])
            for item in items:
                at = next((i for i, old in enumerate(merged) if _id(old) == _id(item)), None)
                if at is None:
                    merged.append(item)
                else:
                    merged[at] = item
        return Snippet(fix.header or self.header, sections)

    def text(self, extra: dict[str, list[str]] | None = None) -> str:
        """The whole map: the header, this fragment's sections with the ``extra`` items, and
        :data:`START` when there is no touchpoint."""
        sections = {k: list(v) for k, v in self.sections.items()}
        for key, items in (extra or {}).items():
            sections.setdefault(key, []).extend(items)
        if not sections.get("touchpoints"):
            sections["touchpoints"] = [START % _first_stage(sections)]
        out = [self.header or HEADER]
        for key in LIST_SECTIONS:
            if sections.get(key):
                out.append(f"{key}:\n" + "".join(textwrap.indent(item, "  ") for item in sections[key]))
        return "".join(out)


def _items(text: str) -> list[str]:
    """The items of a YAML list written at the start of the lines, each with its own lines."""
    items: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("- ") or not items:
            items.append(line)
        else:
            items[-1] += line
    return [item if item.endswith("\n") else item + "\n" for item in items]


def _id(item: str) -> str | None:
    found = _ITEM_ID.match(item)
    return found["id"] if found else None


def _first_stage(sections: dict[str, list[str]]) -> str:
    stages = [_id(item) for item in sections.get("stages", [])]
    return next((s for s in stages if s), DEFAULT_STAGE)


def _replace_last_next(text: str, fix: str) -> str:
    """``text`` with its last ``next:`` block replaced by ``fix`` (a ``next:`` snippet)."""
    lines = text.splitlines(keepends=True)
    start = max(i for i, line in enumerate(lines) if line.lstrip().startswith("next:"))
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and len(lines[end]) - len(lines[end].lstrip()) > indent:
        end += 1
    return "".join(lines[:start]) + textwrap.indent(fix, " " * indent) + "".join(lines[end:])


def _completion(fixed: Snippet) -> tuple[dict[str, list[str]], list[str]]:
    """What the fixed map refers to without declaring it: extra items per section, and the
    ids of the other journeys it links to."""
    data = yaml.safe_load(fixed.text()) or {}
    touchpoints = [t for t in data.get("touchpoints") or [] if isinstance(t, dict)]
    declared_stages = {s.get("id") for s in data.get("stages") or [] if isinstance(s, dict)}
    declared = {t.get("id") for t in touchpoints}
    stages: list[str] = []
    for touchpoint in touchpoints:
        stage = touchpoint.get("stage", DEFAULT_STAGE)
        if stage not in declared_stages and stage not in stages:
            stages.append(stage)
    first_stage = next(iter([s.get("id") for s in data.get("stages") or []] + stages), DEFAULT_STAGE)
    stubs: list[str] = []
    journeys: list[str] = []
    for touchpoint in touchpoints:
        for step in touchpoint.get("next") or []:
            if isinstance(step, dict) and step.get("journey") and step["journey"] not in journeys:
                journeys.append(step["journey"])
            target = step if isinstance(step, str) else step.get("to")
            if target and target not in declared:
                declared.add(target)
                stubs.append(f"- {{id: {target}, name: {target}, stage: {first_stage}, channel: web, lane: customer, "
                             "end: success}\n")
    if not declared_stages and not stages:
        stages.append(DEFAULT_STAGE)
    declared_teams = {team.get("id") for team in data.get("teams") or [] if isinstance(team, dict)}
    owners = [data.get("owner")] + [t.get("owner") for t in touchpoints]
    owners += [item.get("owner") for item in data.get("roadmap") or [] if isinstance(item, dict)]
    teams = list(dict.fromkeys(o for o in owners if o and o not in declared_teams))
    extra = {
        "teams": [f"- {{id: {team}, name: {team}}}\n" for team in teams],
        "stages": [f"- {{id: {s}, name: {s}}}\n" for s in stages],
        "touchpoints": stubs,
    }
    return extra, journeys


def _filled(snippet: Snippet) -> Snippet:
    """``snippet`` with each block-style touchpoint given the name, stage and channel it lacks."""
    items = []
    for item in snippet.sections.get("touchpoints", []):
        first, rest = item.split("\n", 1)
        try:
            fields = (yaml.safe_load(item) or [{}])[0]
        except yaml.YAMLError:
            fields = {}
        if re.fullmatch(r"- id: \S+", first) and isinstance(fields, dict):
            missing = {"name": _id(item), "stage": DEFAULT_STAGE, "channel": "web"}
            if fields.get("lane") in ("backstage", "support"):
                del missing["channel"]
            added = "".join(f"  {key}: {value}\n" for key, value in missing.items() if key not in fields)
            item = f"{first}\n{added}{rest}"
        items.append(item)
    sections = dict(snippet.sections)
    if items:
        sections["touchpoints"] = items
    return Snippet(snippet.header, sections)


def _sections(rule: Rule) -> dict[str, str]:
    """The text under each heading of the rule's documentation."""
    parts = docs._HEADING.split(docs._body(rule))
    return dict(zip(parts[1::3], parts[3::3]))


def _options(rule: Rule) -> dict:
    """The options the Example's ``With ``key = value``:`` sentence sets."""
    found = re.search(r"^With ``(?P<setting>[^`]+)``:", _sections(rule)["Example"], re.MULTILINE)
    return tomllib.loads(found["setting"]) if found else {}


def _blocks(rule: Rule) -> dict[str, str]:
    """The first ``yaml`` code block under each heading of the rule's documentation."""
    blocks = {}
    for title, text in _sections(rule).items():
        for block in docs._CODE_BLOCK.finditer(text):
            if block["lang"] == "yaml":
                blocks[title] = textwrap.dedent(block["body"]).strip("\n") + "\n"
                break
    return blocks


def _event_log(rule: Rule) -> str | None:
    """The ``csv`` code block under the rule's Example: the event log of an evidence rule."""
    for block in docs._CODE_BLOCK.finditer(_sections(rule)["Example"]):
        if block["lang"] == "csv":
            return textwrap.dedent(block["body"]).strip("\n") + "\n"
    return None


def example_maps(rule: Rule) -> tuple[str, str, dict[str, str]]:
    """The rule's Example and Fix, each wrapped in a whole map as described above, and the
    other journeys they link to by file name."""
    blocks = _blocks(rule)
    example_text, fix_text = blocks["Example"], blocks["Fix"]
    if fix_text.startswith("next:"):
        fix_text = _replace_last_next(example_text, fix_text)
    example = _filled(Snippet.parse(example_text))
    fixed = example.fixed_by(_filled(Snippet.parse(fix_text)))
    extra, journeys = _completion(fixed)
    others = {}
    for journey in journeys:
        header = HEADER.replace("id: rule-example", f"id: {journey}")
        others[f"{journey}.yaml"] = Snippet(header, {}).text(extra={"teams": extra["teams"]})
    return example.text(extra), fixed.text(extra), others


def _codes(rule: Rule, text: str, others: dict[str, str], tmp_path: Path) -> list[str]:
    """The codes of the findings in the map ``text``, linted beside the ``others``."""
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    for name, other in others.items():
        (tmp_path / name).write_text(other, encoding="utf-8")
    # Validation always runs and cannot be selected; JM005 stands in as a harmless selection.
    select = [] if rule.validation else [rule.code]
    if rule.validation or _SUPPRESSION.search(text):
        select.append("JM005")
    options = _options(rule)
    config = Config(root=tmp_path, select=select, rules={rule.code: options} if options else {})
    log = _event_log(rule)
    if log is not None:
        (tmp_path / "events.csv").write_text(log, encoding="utf-8")
        config.evidence = EvidenceSettings(events=tmp_path / "events.csv")
    result = lint([str(tmp_path)], config, cwd=tmp_path, today=TODAY)
    return [f.code for f in result.findings if f.path == path.name]


@pytest.mark.parametrize("rule", catalog(), ids=lambda r: r.name)
def test_example_gives_the_finding_and_fix_does_not(rule: Rule, tmp_path: Path) -> None:
    example, fixed, others = example_maps(rule)
    example_codes = _codes(rule, example, others, tmp_path)
    fixed_codes = _codes(rule, fixed, others, tmp_path)
    assert rule.code in example_codes, f"the Example does not give {rule.code}:\n{example}"
    assert rule.code not in fixed_codes, f"the Fix still gives {rule.code}:\n{fixed}"
    if rule.code not in VALIDATION:
        assert VALIDATION.isdisjoint(example_codes), f"the Example is not a valid map: {example_codes}\n{example}"
    assert VALIDATION.isdisjoint(fixed_codes), f"the Fix is not a valid map: {fixed_codes}\n{fixed}"
