"""The order a map's fields are listed in: each model's field order, the one source for it.

``journeyctl diff`` lists a changed element's field changes in this order and ``journeyctl
show`` its facts, so both follow the schema (docs/format.md) and a field added to a model
takes its place in both without another list to keep in step.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel

from journeyctl.model.journey import (
    Channel,
    Handoff,
    Journey,
    PainPoint,
    Persona,
    RoadmapItem,
    Stage,
    Team,
    Touchpoint,
    Transition,
)

# By the names diff and show give the elements of a map. A catalog is left out: its header
# (``journeyctl``, ``kind``) keeps the order it is written in.
_MODELS: dict[str, type[BaseModel]] = {
    "journey": Journey,
    "persona": Persona,
    "channel": Channel,
    "team": Team,
    "stage": Stage,
    "touchpoint": Touchpoint,
    "transition": Transition,
    "handoff": Handoff,
    "pain_point": PainPoint,
    "roadmap": RoadmapItem,
}


@cache
def field_order(kind: str) -> tuple[str, ...]:
    """The fields of a ``kind`` of element (``touchpoint``, ``pain_point``, ``handoff``…) in
    the model's order; nothing for a kind without a model."""
    model = _MODELS.get(kind)
    return tuple(model.model_fields) if model is not None else ()
