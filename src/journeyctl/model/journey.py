"""The journeyctl v1 file format as pydantic models (docs/format.md)."""

# No `from __future__ import annotations` here: pydantic would evaluate every field's
# annotation from its text when the models are made, which took a millisecond of every
# start. A method returning its own class names it as a string.

import enum
import math
from collections.abc import Iterable
from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

from journeyctl.model.types import (
    SLUG_PATTERN,
    IsoDate,
    LanguageTag,
    Milestone,
    Flag,
    Model,
    Number,
    Scalar,
    Slug,
    Text,
    schema_extra,
    text_list,
)


class ChannelKind(str, enum.Enum):
    DIGITAL = "digital"
    VOICE = "voice"
    MESSAGING = "messaging"
    SOCIAL = "social"
    IN_PERSON = "in-person"
    PRINT = "print"
    SELF_SERVICE = "self-service"
    OTHER = "other"


class Lane(str, enum.Enum):
    """Where a touchpoint sits relative to the line of visibility."""

    CUSTOMER = "customer"
    FRONTSTAGE = "frontstage"
    BACKSTAGE = "backstage"
    SUPPORT = "support"

    @property
    def visible(self) -> bool:
        """Customer and frontstage touchpoints are above the line of visibility."""
        return self in (Lane.CUSTOMER, Lane.FRONTSTAGE)


class Severity(str, enum.Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return ("low", "medium", "high", "critical").index(self.value)


class Priority(str, enum.Enum):
    """MoSCoW priority of a roadmap item."""

    MUST = "must"
    SHOULD = "should"
    COULD = "could"
    WONT = "wont"


class RoadmapStatus(str, enum.Enum):
    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


class JourneyStatus(str, enum.Enum):
    DRAFT = "draft"
    ACTIVE = "active"
    RETIRED = "retired"


class JourneyState(str, enum.Enum):
    CURRENT = "current"
    FUTURE = "future"


class Lifecycle(str, enum.Enum):
    AWARENESS = "awareness"
    CONSIDERATION = "consideration"
    PURCHASE = "purchase"
    ONBOARDING = "onboarding"
    USAGE = "usage"
    SERVICE = "service"
    RETENTION = "retention"
    ADVOCACY = "advocacy"


BUILTIN_CHANNELS: dict[str, tuple[str, ChannelKind]] = {
    "web": ("Website", ChannelKind.DIGITAL),
    "app": ("Mobile app", ChannelKind.DIGITAL),
    "email": ("E-mail", ChannelKind.DIGITAL),
    "phone": ("Phone", ChannelKind.VOICE),
    "sms": ("SMS", ChannelKind.MESSAGING),
    "chat": ("Live chat", ChannelKind.MESSAGING),
    "chatbot": ("Chatbot", ChannelKind.MESSAGING),
    "social": ("Social media", ChannelKind.SOCIAL),
    "messaging": ("Messaging app", ChannelKind.MESSAGING),
    "in-person": ("In person", ChannelKind.IN_PERSON),
    "mail": ("Postal mail", ChannelKind.PRINT),
    "print": ("Print", ChannelKind.PRINT),
    "self-service": ("Self-service", ChannelKind.SELF_SERVICE),
    "faq": ("FAQ", ChannelKind.SELF_SERVICE),
    "knowledge-base": ("Knowledge base", ChannelKind.SELF_SERVICE),
    "video": ("Video call", ChannelKind.DIGITAL),
}


class Persona(Model):
    """A customer archetype: who takes the journey, what they want and how they reach us."""

    id: Slug = Field(description="Persona id, unique in the journey and its catalogs.")
    name: Text = Field(description="Display name of the persona.")
    segment: str | None = Field(None, description="Customer segment, e.g. an age band or a plan.")
    description: str | None = Field(None, description="Who this persona is, in a sentence or two.")
    demographics: dict[str, Scalar] = Field(
        default_factory=dict, description="Demographic facts, e.g. {income: middle, employment: full-time}."
    )
    goals: list[str] = text_list("What the persona wants to achieve.")
    needs: list[str] = text_list("What the persona needs from the organisation.")
    frustrations: list[str] = text_list("What annoys or blocks the persona.")
    preferred_channels: list[Slug] = text_list("Channel ids the persona prefers to use.")


class Channel(Model):
    """A channel through which a touchpoint happens (declared ones add to the built-ins)."""

    id: Slug = Field(description="Channel id; a declared channel with a built-in id overrides it.")
    name: Text = Field(description="Display name of the channel.")
    kind: ChannelKind = Field(ChannelKind.OTHER, description="What kind of channel this is.")
    description: str | None = Field(None, description="What the channel is.")


class Team(Model):
    """A team or function of the organisation that owns touchpoints."""

    id: Slug = Field(description="Team id, used by `owner` fields.")
    name: Text = Field(description="Display name of the team.")
    description: str | None = Field(None, description="What the team does.")


class Stage(Model):
    """A phase of the journey; stages are listed in the order the customer goes through them."""

    id: Slug = Field(description="Stage id, unique in the journey.")
    name: Text = Field(description="Display name of the stage.")
    description: str | None = Field(None, description="What happens in this stage.")
    lifecycle: Lifecycle | None = Field(
        None, description="Customer-lifecycle phase this stage belongs to (used by lifecycle-gap)."
    )


class Handoff(Model):
    """What travels with a transition that crosses teams or channels."""

    carries: list[Text] = text_list("The context that travels with the customer, e.g. [order number, photos].")
    sla: str | None = Field(None, description="How fast the receiving side must pick it up, e.g. 10m, 4h, 2d.")
    note: str | None = Field(None, description="Anything else the receiving side must know.")


# The checks that involve several fields of one mapping. Pydantic runs a model's own
# validators only once every field is valid, so validation also calls these on the raw
# mapping: a typo in one field must not hide a missing channel in the same touchpoint.


def transition_target_problem(to: Any, journey: Any, touchpoint: Any) -> str | None:
    """What is wrong with a transition's targets, or None."""
    if (to is None) == (journey is None):
        return "a transition needs exactly one of 'to' (a touchpoint) or 'journey' (another journey)"
    if touchpoint is not None and journey is None:
        return "'touchpoint' is only allowed together with 'journey'"
    return None


def channel_problem(lane: Lane, channel: Any) -> str | None:
    """A touchpoint above the line of visibility without a channel, or None."""
    if channel is None and lane not in (Lane.BACKSTAGE, Lane.SUPPORT):
        return f"a {lane.value} touchpoint needs a 'channel'"
    return None


def scale_problem(low: float, high: float, neutral: float | None) -> str | None:
    """An emotion scale whose ends are not in order, or whose neutral lies outside it, or None."""
    if low >= high:
        return f"'min' ({low}) must be below 'max' ({high})"
    if neutral is not None and not low <= neutral <= high:
        return f"'neutral' ({neutral}) must lie between {low} and {high}"
    return None


def mean_emotion(values: Iterable[float]) -> float:
    """The mean of some emotions, computed so that numbers near the largest float cannot
    overflow to infinity, and whole when it is a whole number (``-2`` rather than ``-2.0``)."""
    values = list(values)
    mean = math.fsum(value / len(values) for value in values)
    return int(mean) if mean == int(mean) and all(isinstance(v, int) for v in values) else mean


#: Each persona's emotion at a touchpoint: persona id → number (at least one persona).
EmotionByPersona = Annotated[
    dict[Slug, Number],
    Field(min_length=1, json_schema_extra={"propertyNames": {"pattern": SLUG_PATTERN}}),
]


def _transition_from_id(value: Any) -> Any:
    return {"to": value} if isinstance(value, str) else value


def _given(field: str) -> dict[str, Any]:
    """JSON Schema: ``field`` is present and not null."""
    return {"required": [field], "properties": {field: {"type": "string"}}}


class Transition(Model):
    """A way out of a touchpoint: to another touchpoint, or into another journey."""

    # The checks of `_one_target`, for editors.
    model_config = ConfigDict(
        json_schema_extra=schema_extra(
            oneOf=[_given("to"), _given("journey")], **{"if": _given("touchpoint"), "then": _given("journey")}
        )
    )

    to: Slug | None = Field(None, description="Id of the next touchpoint in this journey.")
    journey: Slug | None = Field(None, description="Id of another journey of the workspace this one continues in.")
    touchpoint: Slug | None = Field(None, description="With `journey`: the touchpoint of that journey to continue at.")
    when: str | None = Field(None, description="The condition under which the customer takes this branch.")
    handoff: Handoff | None = Field(None, description="What travels with the customer across teams or channels.")

    @model_validator(mode="after")
    def _one_target(self) -> "Transition":
        problem = transition_target_problem(self.to, self.journey, self.touchpoint)
        if problem:
            raise ValueError(problem)
        return self

    @property
    def is_external(self) -> bool:
        return self.journey is not None


NextItem = Annotated[
    Transition,
    BeforeValidator(_transition_from_id, json_schema_input_type=Union[Slug, Transition]),
]


class PainPoint(Model):
    """Something that hurts the customer (or staff) at a touchpoint."""

    id: Slug = Field(description="Pain point id, unique in the journey.")
    summary: Text = Field(description="What goes wrong, in one line.")
    severity: Severity = Field(Severity.MEDIUM, description="How badly it hurts.")
    evidence: str | list[str] | None = Field(
        None, description="Where we know it from: feedback, call logs, KPIs, research."
    )

    @property
    def evidence_list(self) -> list[str]:
        if self.evidence is None:
            return []
        return [self.evidence] if isinstance(self.evidence, str) else list(self.evidence)


class Outcomes(Model):
    """Strengths and weaknesses observed at a touchpoint."""

    strengths: list[str] = text_list("What works well here.")
    weaknesses: list[str] = text_list("What works badly here.")


class Touchpoint(Model):
    """One step of the journey: an interaction between the customer and the organisation."""

    # The check of `_channel_required`, for editors.
    model_config = ConfigDict(
        json_schema_extra=schema_extra(**{
            "if": {"required": ["lane"], "properties": {"lane": {"enum": ["backstage", "support"]}}},
            "else": _given("channel"),
        })
    )

    id: Slug = Field(description="Touchpoint id, unique in the journey.")
    name: Text = Field(description="What happens, in a few words.")
    stage: Slug = Field(description="Id of the stage this touchpoint belongs to.")
    channel: Slug | None = Field(
        None, description="Channel id (built-in or declared); required unless the lane is backstage or support."
    )
    lane: Lane = Field(Lane.FRONTSTAGE, description="Where the touchpoint sits relative to the line of visibility.")
    owner: Slug | None = Field(None, description="Id of the team that runs this touchpoint.")
    entry: Flag = Field(False, description="The journey can start here.")
    end: Slug | None = Field(
        None, description="Marks a terminal touchpoint and how the journey ends: success, abandoned or another word."
    )
    decision: Flag = Field(False, description="A decision point: at least two branches, each with `when`.")
    feedback: Flag = Field(False, description="The touchpoint collects customer feedback (survey, review).")
    description: str | None = Field(None, description="More about the touchpoint.")
    action: str | None = Field(None, description="What the customer does.")
    thought: str | None = Field(None, description="What the customer thinks.")
    emotion: Number | EmotionByPersona | None = Field(
        None,
        description=(
            "How the customer feels, on the journey's emotion scale: one number for every persona, "
            "or a mapping from persona id to each persona's number, e.g. {homeowner-in-a-hurry: -2, property-manager: 0}."
        ),
    )
    personas: list[Slug] | None = Field(
        None, description="Ids of the personas who pass through here (default: every persona of the journey)."
    )
    pain_points: list[PainPoint] = text_list("Pain points at this touchpoint.")
    outcomes: Outcomes | None = Field(None, description="Strengths and weaknesses observed here.")
    resources: list[str] = text_list("People, tools and systems this touchpoint needs.")
    metrics: dict[str, Union[Number, str]] = Field(
        default_factory=dict, description="KPIs measured here, e.g. {csat: 3.1, volume_per_week: 420}."
    )
    events: list[Text] = text_list(
        "Activity names in an event log that are evidence of this touchpoint: exact names, or glob "
        "patterns with *, ? and [...] (journeyctl evidence)."
    )
    next: list[NextItem] = text_list("Where the customer can go next: touchpoint ids or transitions.")

    @model_validator(mode="after")
    def _channel_required(self) -> "Touchpoint":
        problem = channel_problem(self.lane, self.channel)
        if problem:
            raise ValueError(problem)
        return self

    @property
    def emotion_varies_by_persona(self) -> bool:
        """Whether ``emotion`` is a mapping from persona id to number."""
        return isinstance(self.emotion, dict)

    def emotion_by_persona(self) -> dict[str | None, float]:
        """The emotions recorded here, by persona id in the order the map lists them.

        A plain number applies to every persona and comes under the key None
        (``{None: -1}``); a mapping comes as it is (``{"homeowner": -2, "manager": 0}``);
        no emotion is an empty dict.
        """
        if self.emotion is None:
            return {}
        if isinstance(self.emotion, dict):
            return dict(self.emotion)
        return {None: self.emotion}

    def emotion_for(self, persona: str | None) -> float | None:
        """How ``persona`` feels here, or None when no emotion is recorded for them.

        A plain number is every persona's emotion. With a mapping, a persona the mapping
        does not list has no emotion here. ``persona=None`` asks for the touchpoint's one
        overall emotion, for outputs that show a single value: the plain number, or the
        mean of the personas' numbers.
        """
        emotion = self.emotion
        if not isinstance(emotion, dict):
            return emotion
        if persona is not None:
            return emotion.get(persona)
        return mean_emotion(emotion.values())


class EmotionScale(Model):
    """The range emotions are scored on."""

    min: Number = Field(-2, description="The most negative emotion.")
    max: Number = Field(2, description="The most positive emotion.")
    neutral: Number | None = Field(
        None, description="The neutral score (default 0, or the middle of the scale when 0 is outside it)."
    )

    @model_validator(mode="after")
    def _ordered(self) -> "EmotionScale":
        problem = scale_problem(self.min, self.max, self.neutral)
        if problem:
            raise ValueError(problem)
        return self

    @property
    def neutral_value(self) -> float:
        if self.neutral is not None:
            return self.neutral
        return 0 if self.min <= 0 <= self.max else (self.min + self.max) / 2


class RoadmapItem(Model):
    """A planned improvement, prioritised with MoSCoW."""

    id: Slug = Field(description="Roadmap item id, unique in the journey.")
    title: Text = Field(description="The improvement, in one line.")
    description: str | None = Field(None, description="More about the improvement.")
    addresses: list[Slug] = text_list("Ids of the pain points and/or touchpoints this item improves.")
    priority: Priority = Field(description="MoSCoW priority: must, should, could or wont.")
    milestone: Milestone | None = Field(None, description="Target date (2027-03-31) or quarter (2027-Q1).")
    owner: Slug | None = Field(None, description="Id of the team that delivers it.")
    status: RoadmapStatus = Field(RoadmapStatus.IDEA, description="Where the item stands.")


def _persona_kind(value: Any) -> str:
    return "ref" if isinstance(value, str) else "inline"


PersonaEntry = Annotated[
    Union[Annotated[Slug, Tag("ref")], Annotated[Persona, Tag("inline")]],
    Discriminator(_persona_kind),
]


class Journey(Model):
    """One customer journey map: a graph of touchpoints grouped in stages."""

    journeyctl: Literal[1] = Field(description="Format version; always 1.")
    kind: Literal["journey"] = Field("journey", description="File kind; `journey` (the default).")
    id: Slug = Field(description="Journey id, unique in the workspace.")
    title: Text = Field(description="Title of the journey.")
    language: LanguageTag | None = Field(
        None,
        description=(
            "BCP 47 tag of the map's language (en, el, et, ru, he, pt-BR…): the fixed words of every output "
            "come in it; a language without bundled words falls back to its base language, then English."
        ),
    )
    description: str | None = Field(None, description="What the journey covers.")
    owner: Slug | None = Field(None, description="Id of the team that owns this map.")
    reviewed: IsoDate | None = Field(None, description="Date of the last review of the map.")
    status: JourneyStatus = Field(JourneyStatus.ACTIVE, description="draft, active or retired.")
    state: JourneyState = Field(JourneyState.CURRENT, description="current (as-is) or future (to-be).")
    tags: list[str] = text_list("Free-form tags.")
    emotion_scale: EmotionScale = Field(
        default_factory=EmotionScale, description="The range emotions are scored on (default -2 to 2, neutral 0)."
    )
    personas: list[PersonaEntry] = text_list("Personas: inline definitions or ids from a catalog.")
    channels: list[Channel] = text_list("Channels beyond (or overriding) the built-in ones.")
    teams: list[Team] = text_list("Teams that own touchpoints.")
    stages: list[Stage] = Field(min_length=1, description="The stages, in order.")
    touchpoints: list[Touchpoint] = Field(min_length=1, description="The touchpoints.")
    roadmap: list[RoadmapItem] = text_list("Planned improvements.")

    @field_validator("journeyctl", mode="before")
    @classmethod
    def _version(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip() == "1":
            raise ValueError("the format version must be the number 1: write journeyctl: 1 without quotes")
        if value is None:
            raise ValueError("the format version is empty: write journeyctl: 1")
        if value != 1 or isinstance(value, bool):
            raise ValueError(f"unsupported format version {_shown_version(value)}: this journeyctl reads version 1")
        return value


class Catalog(Model):
    """Personas, channels and teams shared by every journey at or below the catalog's folder."""

    journeyctl: Literal[1] = Field(description="Format version; always 1.")
    kind: Literal["catalog"] = Field(description="File kind; `catalog`.")
    personas: list[Persona] = text_list("Shared personas.")
    channels: list[Channel] = text_list("Shared channels.")
    teams: list[Team] = text_list("Shared teams.")

    @field_validator("journeyctl", mode="before")
    @classmethod
    def _version(cls, value: Any) -> Any:
        return Journey._version(value)


def _shown_version(value: Any) -> str:
    """A version value as a map's author wrote it, never as a Python repr."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "(a mapping)"
    if isinstance(value, list):
        return "(a list)"
    return repr(value) if isinstance(value, str) else str(value)
