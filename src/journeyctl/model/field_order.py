"""The order a map's fields are listed in: each model's field order, the one source for it;
and which model a field holds.

``journeyctl diff`` lists a changed element's field changes in this order and ``journeyctl
show`` its facts, so both follow the schema (docs/format.md) and a field added to a model
takes its place in both without another list to keep in step.
"""

from __future__ import annotations

import typing
from functools import cache
from typing import Any

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


@cache
def nested_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    """The model the field ``key`` of ``model`` holds — itself, in a list or optional — or
    ``None`` for a field of plain values (or no such field)."""
    field = model.model_fields.get(key)
    return None if field is None else _model_in(field.annotation)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
