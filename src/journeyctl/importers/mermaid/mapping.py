"""A parsed journey diagram → a journeyctl map (plain data in schema order)."""

from __future__ import annotations

from journeyctl.importers.mermaid.diagram import JourneyDiagram
from journeyctl.importers.mermaid.scores import MERMAID_SCORES, ScoreRange, plain_number, score_decimal
from journeyctl.importers.slugs import UniqueIds, slugify


UNSPECIFIED_CHANNEL = {
    "id": "unspecified",
    "name": "Unspecified",
    "kind": "other",
    "description": "Imported from a Mermaid journey diagram, which does not say which channel a step uses.",
}
UNNAMED_SECTION = "Unnamed section"
DEFAULT_TITLE = "Imported journey"
DEFAULT_ID = "imported-journey"


def journey_map(diagram: JourneyDiagram, score_range: ScoreRange = MERMAID_SCORES) -> dict:
    """The journeyctl map (plain data, keys in schema order) of a parsed journey diagram.

    A diagram without tasks (or sections) gives a map without touchpoints (or stages),
    which lint then reports: the import keeps what the diagram says.
    """
    title = diagram.title or diagram.acc_title or DEFAULT_TITLE
    data: dict = {"journeyctl": 1, "id": slugify(title) or DEFAULT_ID, "title": title}
    if diagram.description:
        data["description"] = diagram.description
    middle = (score_range.low + score_range.high) / 2
    if score_range != MERMAID_SCORES:
        half = (score_range.high - score_range.low) / 2
        data["emotion_scale"] = {"min": plain_number(-half, number=True), "max": plain_number(half, number=True)}

    persona_ids: dict[str, str] = {}
    taken = UniqueIds()
    for task in diagram.tasks:
        for actor in task.actors:
            if actor not in persona_ids:
                persona_ids[actor] = taken.unique(slugify(actor) or f"persona-{len(persona_ids) + 1}")
    if persona_ids:
        data["personas"] = [{"id": ident, "name": actor} for actor, ident in persona_ids.items()]
    data["channels"] = [dict(UNSPECIFIED_CHANNEL)]

    stage_ids: list[str] = []
    stages: list[dict] = []
    taken = UniqueIds()
    for section in diagram.sections:
        name = section.name or UNNAMED_SECTION
        stage_ids.append(taken.unique(slugify(name) or f"stage-{len(stages) + 1}"))
        stages.append({"id": stage_ids[-1], "name": name})
    data["stages"] = stages

    taken = UniqueIds()
    touchpoint_ids = [taken.unique(slugify(t.name) or f"touchpoint-{n}") for n, t in enumerate(diagram.tasks, 1)]
    touchpoints: list[dict] = []
    last = len(diagram.tasks) - 1
    for index, task in enumerate(diagram.tasks):
        touchpoint: dict = {
            "id": touchpoint_ids[index],
            "name": task.name,
            "stage": stage_ids[task.section],
            "channel": UNSPECIFIED_CHANNEL["id"],
            "lane": "customer",
        }
        if index == 0:
            touchpoint["entry"] = True
        if index == last:
            touchpoint["end"] = "success"
        touchpoint["emotion"] = plain_number(score_decimal(task.score) - middle, number=True)
        if persona_ids:
            touchpoint["personas"] = list(dict.fromkeys(persona_ids[a] for a in task.actors))
        if index < last:
            touchpoint["next"] = [touchpoint_ids[index + 1]]
        touchpoints.append(touchpoint)
    data["touchpoints"] = touchpoints
    if diagram.acc_title:
        data["x-mermaid"] = {"accTitle": diagram.acc_title}
    return data
