"""Generate a deterministic corpus of realistic journey maps for the benchmarks.

Every map has what real maps have: inline personas and teams, stages with lifecycle
phases, a happy path of customer and frontstage steps, detours that branch off at
decisions (backstage and support steps among them) and rejoin the happy path or end
abandoned, handoffs wherever a team or a channel changes, pain points, outcomes,
metrics, extension keys, comments, block scalars, text in several scripts, a roadmap
that addresses every pain point and, in a corpus, a link into the next journey.

The maps lint without findings as of :data:`TODAY` (``run.py`` sets
``JOURNEYCTL_TODAY`` to it) and validate against ``schemas/journey.schema.json``.
The same seed, map count and size always give byte-identical files.

Usage::

    python benchmarks/generate.py [FOLDER] [--maps 100] [--touchpoints 60] [--seed 2026]

FOLDER defaults to a new temporary folder; the folder written to is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

#: The date the maps are fresh on: reviews are recent and must-have milestones ahead.
TODAY = dt.date(2026, 11, 1)
DEFAULT_SEED = 2026

_TOPICS = [
    "broadband-setup", "home-insurance-claim", "mortgage-application", "parcel-return",
    "gym-membership", "energy-switch", "clinic-appointment", "car-rental", "boiler-repair",
    "student-loan", "mobile-contract", "pet-insurance", "furniture-delivery", "tax-refund",
    "hotel-stay", "bank-account-opening", "water-leak-report", "school-enrolment",
    "train-ticket-refund", "software-trial",
]
_AREAS = ["retail", "utilities", "health", "finance", "travel"]

# (id, name, lifecycle) in the order a customer lives through them.
_STAGES = [
    ("discover", "Discover", "awareness"),
    ("compare", "Compare offers", "consideration"),
    ("buy", "Buy", "purchase"),
    ("set-up", "Set up", "onboarding"),
    ("use", "Use", "usage"),
    ("get-help", "Get help", "service"),
    ("renew", "Renew", "retention"),
    ("recommend", "Recommend", "advocacy"),
]

_TEAMS = [
    ("reception", "Reception desk"), ("dispatch", "Dispatch"), ("field-service", "Field service"),
    ("billing", "Billing"), ("digital", "Digital channels"), ("contact-centre", "Contact centre"),
    ("logistics", "Logistics"), ("quality", "Quality and complaints"), ("sales", "Sales"),
    ("it-ops", "IT operations"),
]
_VISIBLE_CHANNELS = ["web", "app", "email", "phone", "sms", "chat", "chatbot", "in-person", "mail", "video"]
_PRIMARY = ["web", "app", "phone"]
_FOLLOW_UP = ["email", "sms", "chat", "phone"]

_VERBS = [
    "searches", "compares", "reads", "calls", "books", "pays", "uploads", "confirms", "waits",
    "chats", "checks", "signs", "receives", "reports", "returns", "rates", "asks", "tracks",
    "cancels", "reschedules", "verifies", "collects", "installs", "activates", "renews",
]
_OBJECTS = [
    "offer", "price", "slot", "invoice", "contract", "photos", "identity", "parcel", "account",
    "password", "appointment", "quote", "receipt", "warranty", "voucher", "meter-reading",
    "delivery-window", "claim", "refund", "review",
]
_BACKSTAGE = [
    "assigns-technician", "checks-stock", "approves-credit", "routes-ticket", "syncs-crm",
    "prints-label", "schedules-visit", "reviews-claim", "updates-ledger", "sends-reminder",
]
_THOUGHTS = [
    "Will this take long?", "I hope they call back today.", "Finally, that was easy.",
    "Why do I have to type this again?", "Θα με πάρουν τηλέφωνο;", "למה זה לוקח כל כך הרבה זמן?",
    "Kas see on tõesti kõik?", "Надеюсь, это последний шаг.", "Good, a clear price: 49 € incl. VAT.",
]
_PAINS = [
    ("long-wait", "Waits on hold for {n} minutes at the morning peak"),
    ("repeat-details", "Has to repeat the order number to a second agent"),
    ("unclear-price", "The price changes between the quote and the invoice"),
    ("no-callback", "No call-back time is given, so customers ring a competitor"),
    ("form-timeout", "The form times out after {n} minutes and loses the photos"),
    ("missed-window", "The technician arrives outside the promised window"),
    ("lost-email", "Confirmation e-mail lands in spam for {n}% of customers"),
    ("broken-link", "The tracking link in the SMS opens an error page"),
]
_EVIDENCE = [
    "Call logs Q3: median wait {n} min", "Exit survey: {n}% could not finish", "NPS verbatims, October",
    "Complaints log: {n} cases a month", "Usability test, 6 of 8 participants", "Web analytics: {n}% drop-off",
]
_CARRIES = [
    "order number", "address", "problem description", "photos", "access notes", "customer id",
    "preferred time", "payment reference", "chat transcript", "meter reading",
]
_IMPROVEMENTS = [
    "call-back", "live-slots", "single-form", "price-lock", "sms-tracking", "shared-notes",
    "chat-handover", "auto-reminder", "self-service-reschedule", "instant-quote",
]
_RESOURCES = ["Booking screen", "CRM", "Two agents on the morning shift", "Route planner", "Payment gateway", "Knowledge base"]

_PLAIN = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff][^:#\"'\n]*[^:#\s\"']")


def _q(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same text, else quoted."""
    if _PLAIN.fullmatch(text) and not re.fullmatch(r"[-+0-9.].*|true|false|null|~", text, re.IGNORECASE):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


@dataclass
class _Step:
    id: str
    name: str
    stage: str
    lane: str
    channel: str | None
    owner: str | None
    next: list[dict] = field(default_factory=list)
    end: str | None = None
    entry: bool = False
    segment: int = 0
    children: list[_Step] = field(default_factory=list)
    pains: list[str] = field(default_factory=list)


def journey_id(index: int) -> str:
    return f"{_TOPICS[index % len(_TOPICS)]}-{index:03d}"


def _entry_id(index: int, seed: int) -> str:
    rng = random.Random(f"{seed}:{index}:entry")
    return f"{rng.choice(['searches', 'sees', 'hears-about'])}-{rng.choice(_OBJECTS)}-0"


def journey_map(index: int, touchpoints: int, seed: int = DEFAULT_SEED, link_to: int | None = None) -> str:
    """The YAML text of map ``index`` with ``touchpoints`` touchpoints (at least 8).

    ``link_to`` is the index of another map of the corpus the journey continues in.
    """
    rng = random.Random(f"{seed}:{index}")
    main_length = min(10, max(4, touchpoints // 6))
    # no more stages than steps on the happy path: every stage has a touchpoint
    stages = sorted(rng.sample(range(len(_STAGES)), min(rng.choice([5, 6]), main_length)))
    stage_ids = [_STAGES[s][0] for s in stages]
    teams = rng.sample(_TEAMS, rng.randint(4, 6))
    team_ids = [t[0] for t in teams]
    primary = rng.choice(_PRIMARY)
    follow_up = rng.choice([c for c in _FOLLOW_UP if c != primary])

    steps: list[_Step] = []
    main: list[_Step] = []
    for i in range(main_length):
        stage = stage_ids[i * len(stage_ids) // main_length]
        lane = "customer" if i == 0 or rng.random() < 0.3 else "frontstage"
        channel = primary if i < main_length // 2 else follow_up
        ident = _entry_id(index, seed) if i == 0 else f"{rng.choice(_VERBS)}-{rng.choice(_OBJECTS)}-{len(steps)}"
        step = _Step(ident, _name(ident), stage, lane, channel, None if lane == "customer" else rng.choice(team_ids))
        step.segment = i
        main.append(step)
        steps.append(step)
    main[0].entry = True
    main[-1].end = "success"
    main[-1].lane = "frontstage"
    main[-1].owner = main[-1].owner or team_ids[0]

    alternative = _Step(f"hears-about-{rng.choice(_OBJECTS)}-{len(steps)}", "", stage_ids[0], "customer", primary, None)
    alternative.name, alternative.entry = _name(alternative.id), True
    steps.append(alternative)
    alternative.next.append({"to": main[1]})

    segments: list[list[_Step]] = [[m] for m in main[:-1]]
    while len(steps) < touchpoints:
        k = rng.randrange(len(segments))
        parent = rng.choice(segments[k])
        roll = rng.random()
        lane = "frontstage" if roll < 0.5 else "backstage" if roll < 0.75 else "support" if roll < 0.85 else "customer"
        if lane in ("backstage", "support"):
            ident = f"{rng.choice(_BACKSTAGE)}-{len(steps)}"
            channel = rng.choice(_VISIBLE_CHANNELS) if rng.random() < 0.3 else None
        else:
            ident = f"{rng.choice(_VERBS)}-{rng.choice(_OBJECTS)}-{len(steps)}"
            channel = rng.choice(_VISIBLE_CHANNELS) if rng.random() < 0.4 else parent.channel or primary
        step = _Step(ident, _name(ident), main[k].stage, lane, channel, None if lane == "customer" else rng.choice(team_ids))
        step.segment = k
        parent.children.append(step)
        segments[k].append(step)
        steps.append(step)

    for step in steps:
        if step in main:
            if step.segment < main_length - 1:
                step.next = [{"to": main[step.segment + 1]}] + [{"to": c} for c in step.children]
        elif step is alternative:
            pass
        elif step.children:
            step.next = [{"to": c} for c in step.children]
        elif rng.random() < 0.12:
            step.end = rng.choice(["abandoned", "abandoned", "referred"])
        else:
            step.next = [{"to": main[step.segment + 1]}]
    if link_to is not None:
        main[-2].next.append({"journey": journey_id(link_to), "touchpoint": _entry_id(link_to, seed)})

    personas = _personas(rng, primary)
    pains = _pain_points(rng, steps)
    roadmap = _roadmap(rng, steps, pains, team_ids)

    out: list[str] = []
    w = out.append
    topic = journey_id(index)
    w(f"# yaml-language-server: $schema=../../schemas/journey.schema.json\n#\n# {topic}: as-is map, generated for the benchmarks.\n")
    w("journeyctl: 1\n")
    w(f"id: {topic}\n")
    w(f"title: {_q(topic.replace('-', ' ').capitalize())}\n")
    w("description: >-\n  From the first look to a happy customer: who does what, where it hurts,\n"
      "  and what we are changing about it.\n")
    w(f"owner: {team_ids[0]}\n")
    w(f"reviewed: {TODAY - dt.timedelta(days=rng.randint(3, 120))}\n")
    w("status: active\nstate: current\n")
    w(f"tags: {_flow([_AREAS[index % len(_AREAS)], 'generated', rng.choice(['b2c', 'b2b'])])}\n")
    w("emotion_scale: {min: -2, max: 2}\n")
    w(f"x-workshop-board: https://boards.example.com/{topic}\n\n")
    w("personas:\n")
    for p in personas:
        w(f"  - id: {p['id']}\n    name: {_q(p['name'])}\n    segment: {_q(p['segment'])}\n")
        w(f"    demographics: {{income: {p['income']}, age: {p['age']}}}\n")
        w(f"    goals: {_flow(p['goals'])}\n    frustrations: {_flow(p['frustrations'])}\n")
        w(f"    preferred_channels: {_flow(p['channels'])}\n")
    w("\nteams:\n")
    for tid, tname in teams:
        w(f"  - id: {tid}\n    name: {_q(tname)}\n")
    w("\nstages:\n")
    for s in stages:
        sid, sname, life = _STAGES[s]
        w(f"  - id: {sid}\n    name: {_q(sname)}\n    lifecycle: {life}\n")
    w("\ntouchpoints:\n")
    for stage in stage_ids:
        in_stage = [s for s in steps if s.stage == stage]
        if not in_stage:
            continue
        w(f"  # --- {stage} {'-' * (60 - len(stage))}\n")
        for step in in_stage:
            _write_step(w, rng, step, pains.get(step.id, []), personas)
    w("roadmap:\n")
    for item in roadmap:
        w(f"  - id: {item['id']}\n    title: {_q(item['title'])}\n")
        w(f"    addresses: {_flow(item['addresses'])}\n    priority: {item['priority']}\n")
        if item["milestone"]:
            w(f"    milestone: {item['milestone']}\n")
        w(f"    owner: {item['owner']}\n    status: {item['status']}\n")
    return "".join(out)


def _name(ident: str) -> str:
    words = ident.rsplit("-", 1)[0].replace("-", " ")
    return words[0].upper() + words[1:]


def _personas(rng: random.Random, primary: str) -> list[dict]:
    people = [("senior-phone-first", "Galina, 68, phone first", "65+", 68),
              ("busy-parent", "Maarja, 41, busy parent", "35-54", 41),
              ("student", "Dmitri, 20, student", "18-24", 20),
              ("small-business", "Eleni, 52, runs a bakery", "b2b", 52)]
    chosen = rng.sample(people, rng.randint(2, 3))
    return [
        {
            "id": pid, "name": name, "segment": segment,
            "income": rng.choice(["low", "middle", "high"]), "age": age,
            "goals": rng.sample(["Get it done in one go", "Know the price up front", "Talk to a person", "Track progress"], 2),
            "frustrations": rng.sample(["Being put on hold", "Vague time windows", "Repeating details", "Hidden fees"], 2),
            "channels": [primary, rng.choice([c for c in _VISIBLE_CHANNELS if c != primary])],
        }
        for pid, name, segment, age in chosen
    ]


def _pain_points(rng: random.Random, steps: list[_Step]) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for i, step in enumerate(steps):
        if step.lane in ("customer", "frontstage") and rng.random() < 0.3:
            pains = []
            for j in range(rng.choice([1, 1, 2])):
                slug, summary = rng.choice(_PAINS)
                n = rng.randint(3, 40)
                pain = {"id": f"{slug}-{i}-{j}", "summary": summary.format(n=n),
                        "severity": rng.choice(["low", "medium", "medium", "high", "critical"]),
                        "evidence": rng.choice(_EVIDENCE).format(n=n), "jira": rng.random() < 0.3}
                pains.append(pain)
                step.pains.append(pain["id"])
            found[step.id] = pains
    return found


def _roadmap(rng: random.Random, steps: list[_Step], pains: dict[str, list[dict]], teams: list[str]) -> list[dict]:
    ids = [p["id"] for s in steps for p in pains.get(s.id, [])]
    items = []
    while ids:
        take = ids[: rng.randint(1, 3)]
        ids = ids[len(take):]
        priority = rng.choice(["must", "should", "should", "could"])
        status = rng.choice(["idea", "planned", "in-progress", "done"])
        year = TODAY.year + 1
        milestone = f"{year}-Q{rng.randint(1, 4)}" if rng.random() < 0.7 else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        items.append({
            "id": f"{rng.choice(_IMPROVEMENTS)}-r{len(items) + 1}", "title": f"Fix: {take[0].rsplit('-', 2)[0].replace('-', ' ')}",
            "addresses": take, "priority": priority, "milestone": milestone if status != "done" or rng.random() < 0.5 else None,
            "owner": rng.choice(teams), "status": status,
        })
    visible = [s.id for s in steps if s.lane != "backstage"]
    items.append({"id": f"redesign-everything-r{len(items) + 1}", "title": "Redesign the whole journey",
                  "addresses": rng.sample(visible, 2), "priority": "wont", "milestone": None,
                  "owner": rng.choice(teams), "status": "idea"})
    return items


def _write_step(w, rng: random.Random, step: _Step, pains: list[dict], personas: list[dict]) -> None:
    w(f"  - id: {step.id}\n    name: {_q(step.name)}\n    stage: {step.stage}\n")
    if step.channel is not None:
        w(f"    channel: {step.channel}\n")
    if step.lane != "frontstage" or rng.random() < 0.2:
        w(f"    lane: {step.lane}\n")
    if step.owner is not None:
        w(f"    owner: {step.owner}\n")
    if step.entry:
        w("    entry: true\n")
    if step.end is not None:
        w(f"    end: {step.end}\n")
    if len(step.next) > 1:
        w("    decision: true\n")
    if step.lane in ("customer", "frontstage") and rng.random() < 0.05:
        w("    feedback: true\n")
    visible = step.lane in ("customer", "frontstage")
    if visible and not step.entry and rng.random() < 0.2:
        w(f"    personas: {_flow(sorted(p['id'] for p in rng.sample(personas, 2)))}\n")
    if rng.random() < 0.25:
        w("    description: >-\n      Usually happens on a weekday morning; about a third of customers\n"
          "      come back to this step after a first failed attempt.\n")
    if visible:
        w(f"    action: {_q(step.name + ' and notes the reference number')}\n")
        if rng.random() < 0.6:
            w(f"    thought: {_q(rng.choice(_THOUGHTS))}\n")
        emotion = rng.choice([-2, -1, -1, 0]) if pains else rng.choice([0, 1, 1, 2])
        w(f"    emotion: {emotion}\n")
    if pains:
        w("    pain_points:\n")
        for p in pains:
            w(f"      - id: {p['id']}\n        summary: {_q(p['summary'])}\n        severity: {p['severity']}\n")
            w(f"        evidence: {_q(p['evidence'])}\n")
            if p["jira"]:
                w(f"        x-jira: CX-{rng.randint(100, 999)}\n")
    if visible and rng.random() < 0.2:
        w(f"    outcomes:\n      strengths: {_flow(['Friendly staff', 'Clear next step'][: rng.randint(1, 2)])}\n"
          f"      weaknesses: {_flow(['Long queue at the peak'])}\n")
    if rng.random() < 0.3:
        w(f"    resources: {_flow(rng.sample(_RESOURCES, 2))}\n")
    if rng.random() < 0.3:
        w(f"    metrics: {{csat: {rng.randint(20, 49) / 10}, volume_per_week: {rng.randint(10, 900)}, median_wait: {rng.randint(1, 30)}m}}\n")
    if rng.random() < 0.05:
        w(f"    x-ticket: CX-{rng.randint(100, 999)}\n")
    if not step.next:
        w("\n")
        return
    decision = len(step.next) > 1
    w("    next:\n")
    for branch in step.next:
        if "journey" in branch:
            w(f"      - journey: {branch['journey']}\n        touchpoint: {branch['touchpoint']}\n"
              "        when: the customer also wants the follow-on service\n")
            continue
        target: _Step = branch["to"]
        handoff = _needs_handoff(step, target) or rng.random() < 0.1
        if not decision and not handoff:
            w(f"      - {target.id}\n")
            continue
        w(f"      - to: {target.id}\n")
        if decision:
            w(f"        when: {_q(rng.choice(['slot available', 'customer prefers to call', 'paid online', 'photos attached', 'after hours', 'needs a specialist']) + ' (' + target.id.rsplit('-', 1)[1] + ')')}\n")
        if handoff:
            w(f"        handoff:\n          carries: {_flow(rng.sample(_CARRIES, rng.randint(1, 3)))}\n")
            if rng.random() < 0.5:
                w(f"          sla: {rng.randint(5, 60)}m\n")
            if rng.random() < 0.2:
                w("          note: The receiving team reads the notes before calling back.\n")
    w("\n")


def _needs_handoff(source: _Step, target: _Step) -> bool:
    """A team change, or a channel change out of a step the organisation runs."""
    if source.owner and target.owner and source.owner != target.owner:
        return True
    return source.lane != "customer" and bool(source.channel and target.channel) and source.channel != target.channel


def write_corpus(folder: Path, maps: int, touchpoints: int, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write ``maps`` maps (each linking into the next) below ``folder``; return their paths."""
    written = []
    for index in range(maps):
        path = folder / "maps" / _AREAS[index % len(_AREAS)] / f"{journey_id(index)}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        link = (index + 1) % maps if maps > 1 else None
        path.write_text(journey_map(index, touchpoints, seed, link), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", help="where to write (default: a new temporary folder)")
    parser.add_argument("--maps", type=int, default=100)
    parser.add_argument("--touchpoints", type=int, default=60)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    folder = Path(args.folder) if args.folder else Path(tempfile.mkdtemp(prefix="journeyctl-corpus-"))
    write_corpus(folder, args.maps, max(8, args.touchpoints), args.seed)
    print(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
