"""A new map repository (``journeyctl init``): configuration, catalog, a first map, hooks, CI.

Every file is written only after checking that none of them exists yet, each one
atomically; the first map is lint-clean on the day it is written (its ``reviewed`` date is
that day and its roadmap milestone lies in the next quarter).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from journeyctl import __version__
from journeyctl.config import DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_FINDINGS, DEFAULT_MAX_TOUCHPOINTS


class ExistingFiles(Exception):
    """Some files ``init`` would write are already there; nothing was written."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(", ".join(paths))
        self.paths = paths


@dataclass(frozen=True, slots=True)
class Scaffold:
    """The files of a new map repository: relative path → text."""

    files: dict[str, str]


def next_quarter(today: dt.date) -> str:
    """The quarter after the one ``today`` falls in, as ``2027-Q1``."""
    quarter = (today.month - 1) // 3 + 1
    return f"{today.year + 1}-Q1" if quarter == 4 else f"{today.year}-Q{quarter + 1}"


def _config() -> str:
    from journeyctl.rules import all_rules

    rules = all_rules()
    default = [r.code for r in rules if not r.opt_in]
    opt_in = ", ".join(f"{r.code} {r.name}" for r in rules if r.opt_in)
    selected = "".join(f'#   "{code}",\n' for code in default)
    tables = []
    for rule in rules:
        lines = [f"# [rules.{rule.name}]  # {rule.code}", f'# severity = "{rule.severity.label}"']
        lines += [f"# {name} = {value!r}" for name, value in rule.options.items()]
        tables.append("\n".join(lines) + "\n")
    return f"""\
# journeyctl configuration. Every setting is listed with its default value:
# uncomment a line to change it. 'journeyctl rules' lists the rules and
# 'journeyctl rule NAME' explains one.

# Files and folders to lint and format when no path is given (default: this folder).
# paths = []

# Files and folders to leave out: gitignore patterns relative to this folder, as in
# per-file-ignores ("drafts" at any depth, "/drafts" here only, "legacy/**/*.yaml").
# exclude = []

# Rules to run: codes (JM103), code prefixes (JM1), names (dead-end) or ALL.
# The default is every rule that is not opt-in:
# select = [
{selected}# ]

# Rules to add to the selection, such as the opt-in ones: {opt_in}.
# extend-select = []

# Rules to leave out.
# ignore = []

# The lowest severity that makes 'journeyctl lint' exit with 1: error, warning or info.
# fail-on = "error"

# Resource limits: the largest file, the most touchpoints in one journey, and the most
# findings one rule reports in one file (one more finding counts the rest).
# max-file-size = {DEFAULT_MAX_FILE_SIZE}
# max-touchpoints = {DEFAULT_MAX_TOUCHPOINTS}
# max-findings = {DEFAULT_MAX_FINDINGS}

# Rules to leave out for some files, by gitignore pattern (default: none), for example:
# [per-file-ignores]
# "drafts/*.yaml" = ["stale-map"]

# Each rule's severity (error, warning, info or off) and options.
""" + "\n".join(tables)


CATALOG = """\
# yaml-language-server: $schema=schemas/catalog.schema.json
#
# Personas, channels and teams shared by every map in this repository.
# Maps refer to them by id; a map can also define its own inline.
journeyctl: 1
kind: catalog

personas:
  - id: app-first
    name: Amira, 29, manages everything in the app
    segment: 25-34
    description: Works shifts in a hospital; banks on her phone between patients.
    demographics: {income: middle, employment: full-time, digital_confidence: high}
    goals: [Sort problems out without calling anyone]
    needs: [Instant confirmation that the card is blocked]
    frustrations: [Being told to visit a branch]
    preferred_channels: [app, chat]
  - id: phone-first
    name: Walter, 71, prefers the phone
    segment: 65+
    description: Retired teacher; reads every letter from the bank and keeps them in a folder.
    demographics: {income: pension, employment: retired, digital_confidence: low}
    goals: [Talk to a person who can fix it in one call]
    needs: [A reference number for the call, Written confirmation by post]
    frustrations: [Automated menus, Repeating his details]
    preferred_channels: [phone, mail]

# Built-in channels (web, app, email, phone, sms, chat, mail, in-person, ...) need
# no declaration; declare your own here.
channels:
  - id: branch
    name: Branch counter
    kind: in-person
    description: Staffed counter in one of the bank's branches.

teams:
  - id: customer-experience
    name: Customer experience
    description: Owns the journey maps and their quarterly review.
  - id: contact-centre
    name: Contact centre
  - id: digital-banking
    name: Digital banking
  - id: card-operations
    name: Card operations
  - id: customer-insight
    name: Customer insight
"""


def _first_journey(today: dt.date) -> str:
    return f"""\
# yaml-language-server: $schema=../schemas/journey.schema.json
#
# A first map to copy from. 'journeyctl lint' checks it, 'journeyctl fmt'
# keeps its layout canonical, and 'journeyctl render' draws it.
journeyctl: 1
id: replace-lost-card
title: Replacing a lost bank card
description: From noticing the card is gone to paying with the new one.
owner: customer-experience       # a team id from catalog.yaml
reviewed: {today.isoformat()}             # lint warns when a map is not reviewed for 180 days
status: active
state: current                   # current (as-is) or future (to-be)
tags: [cards, service]
personas: [app-first, phone-first]   # ids from catalog.yaml

stages:
  - id: report
    name: Report the loss
    lifecycle: service
  - id: replace
    name: Replace the card
    lifecycle: service
  - id: activate
    name: Activate the new card
    lifecycle: usage
  - id: follow-up
    name: Follow-up
    lifecycle: retention

touchpoints:
  - id: freeze-in-app
    name: Freezes the card in the app
    stage: report
    channel: app
    owner: digital-banking
    entry: true                  # a journey starts here
    action: Freezes the card and orders a replacement in two taps
    thought: Good, nobody can use it now.
    emotion: 1                   # on the scale -2..2
    personas: [app-first]        # default: every persona of the journey
    next:
      - to: order-card
        handoff:                 # the transition crosses teams: say what travels with it
          carries: [card number, delivery address]
          sla: 5m

  - id: call-card-line
    name: Calls the 24-hour card line
    stage: report
    channel: phone
    owner: contact-centre
    entry: true
    action: Reports the loss and confirms the address
    thought: What if someone is using it right now?
    emotion: -1
    personas: [phone-first]
    pain_points:
      - id: repeat-security
        summary: Answers the same security questions twice after a transfer
        severity: medium
        evidence: "Sample of 40 calls: 26 transfers repeated the security check"
    next:
      - to: order-card
        handoff:
          carries: [card number, delivery address, caller verified]
          sla: 5m

  - id: order-card
    name: Old card blocked, new card sent to print
    stage: replace
    lane: backstage              # below the line of visibility: no channel needed
    owner: card-operations
    description: Blocks the old card for good and queues the replacement at the card printer.
    next: [card-arrives]

  - id: card-arrives
    name: New card arrives by post
    stage: activate
    channel: mail
    lane: customer
    decision: true               # a decision point: every branch says when it is taken
    action: Opens the envelope with the new card
    thought: Now I need to activate it.
    emotion: 1
    next:
      - {{to: activate-in-app, when: uses the app}}
      - {{to: activate-by-phone, when: prefers to call}}

  - id: activate-in-app
    name: Activates the card in the app
    stage: activate
    channel: app
    owner: digital-banking
    action: Scans the card and chooses a PIN
    emotion: 2
    personas: [app-first]
    next:
      - to: switch-on-card
        handoff:
          carries: [card number, activation channel]
          sla: 1m

  - id: activate-by-phone
    name: Activates the card on the automated line
    stage: activate
    channel: phone
    owner: contact-centre
    action: Keys in the card number and the date of birth
    emotion: 0
    personas: [phone-first]
    next:
      - to: switch-on-card
        handoff:
          carries: [card number, activation channel]
          sla: 1m

  - id: switch-on-card
    name: Card switched on for payments
    stage: activate
    lane: backstage
    owner: card-operations
    description: Enables the new card for payments and closes the replacement case.
    next:
      - to: feedback-survey
        handoff:
          carries: [case reference, activation channel]
          sla: 1d

  - id: feedback-survey
    name: Answers a two-question survey
    stage: follow-up
    channel: email
    owner: customer-insight
    end: success                 # the journey ends here, successfully
    feedback: true
    action: Rates the replacement and leaves a comment
    emotion: 1
    metrics: {{response_rate: 0.18, csat: 4.2}}

roadmap:
  - id: single-security-check
    title: Pass the security check along with every transfer
    addresses: [repeat-security]   # pain point and touchpoint ids
    priority: must               # must, should, could or wont
    milestone: {next_quarter(today)}
    owner: contact-centre
    status: planned
  - id: courier-delivery
    title: Deliver replacement cards by courier
    description: Weighed and dropped; post arrives within two days for 97% of customers.
    priority: wont
    status: dropped
"""


def _pre_commit() -> str:
    return """\
# pre-commit hooks for the maps: 'pip install pre-commit && pre-commit install'.
# They run the journeyctl installed in this environment ('pip install journeyctl').
repos:
  - repo: local
    hooks:
      - id: journeyctl-lint
        name: journeyctl lint
        entry: journeyctl lint
        language: system
        files: \\.ya?ml$
        pass_filenames: false
      - id: journeyctl-fmt
        name: journeyctl fmt
        entry: journeyctl fmt
        language: system
        files: \\.ya?ml$
        pass_filenames: false
"""


def _github_workflow() -> str:
    return f"""\
# Lints the maps (findings appear in code scanning), checks their formatting, and
# comments on pull requests with what changed in journey terms.
name: journeyctl

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

jobs:
  lint:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install journeyctl=={__version__}
      - name: Lint the maps
        run: journeyctl lint --format sarif --output journeyctl.sarif
      - name: Upload the findings to code scanning
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: journeyctl.sarif
          category: journeyctl

  format:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install journeyctl=={__version__}
      - name: Check that the maps are formatted
        run: journeyctl fmt --check --diff

  diff:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: write
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install journeyctl=={__version__}
      - name: Describe the change in journey terms
        run: journeyctl diff --git origin/${{{{ github.base_ref }}}} --format md --output journeyctl-diff.md
      - name: Comment on the pull request
        env:
          GH_TOKEN: ${{{{ github.token }}}}
          PR: ${{{{ github.event.pull_request.number }}}}
        run: gh pr comment "$PR" --edit-last --body-file journeyctl-diff.md || gh pr comment "$PR" --body-file journeyctl-diff.md
"""


def _gitlab_ci() -> str:
    return f"""\
# GitLab CI jobs for the maps. Use them from .gitlab-ci.yml with:
#   include:
#     - local: .gitlab/journeyctl.gitlab-ci.yml
# Lint findings appear in merge requests through the Code Quality report.
journeyctl-lint:
  image: python:3.12-slim
  script:
    - pip install journeyctl=={__version__}
    - journeyctl lint --format gitlab --output gl-code-quality-report.json
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json

journeyctl-fmt:
  image: python:3.12-slim
  script:
    - pip install journeyctl=={__version__}
    - journeyctl fmt --check --diff
"""


def scaffold(today: dt.date) -> Scaffold:
    """The files of a new map repository, dated ``today``."""
    from journeyctl.schema import schema_text

    return Scaffold({
        "journeyctl.toml": _config(),
        "catalog.yaml": CATALOG,
        "journeys/first-journey.yaml": _first_journey(today),
        "schemas/journey.schema.json": schema_text("journey"),
        "schemas/catalog.schema.json": schema_text("catalog"),
        ".pre-commit-config.yaml": _pre_commit(),
        ".github/workflows/journeyctl.yml": _github_workflow(),
        ".gitlab/journeyctl.gitlab-ci.yml": _gitlab_ci(),
    })


def write(folder: Path, files: Scaffold) -> list[str]:
    """Write ``files`` below ``folder``; raises :class:`ExistingFiles` (writing nothing)
    when any of them exists, and :class:`~journeyctl.files.UnsafePathError` (writing
    nothing) when a link would lead one out of ``folder``. Returns the paths written."""
    from journeyctl.files import safe_target, write_atomic

    existing = [name for name in files.files if (folder / name).exists() or (folder / name).is_symlink()]
    if existing:
        raise ExistingFiles(existing)
    # A linked subfolder (.github → elsewhere) must not carry files out of the repository;
    # every target is checked before the first one is written.
    targets = {name: safe_target(folder, name) for name in files.files}
    for name, text in files.files.items():
        target = targets[name]
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text)
    return list(files.files)
