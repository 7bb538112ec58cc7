"""The fixed words of the canvas, its reading direction, and each persona's emotion.

The canvas reads a journey through these three questions only, so the map's language
and per-persona emotions reach it in one place.
"""

from __future__ import annotations

import unicodedata

from journeyctl.model import Journey, Touchpoint

#: The canvas's fixed words (English).
WORDS: dict[str, str] = {
    "stage": "Stage",
    "doing": "Doing",
    "touchpoint": "Touchpoint",
    "thinking": "Thinking",
    "feeling": "Feeling",
    "pain_points": "Pain points",
    "opportunities": "Opportunities",
    "line_of_interaction": "Line of interaction",
    "frontstage": "Frontstage",
    "line_of_visibility": "Line of visibility",
    "backstage": "Backstage",
    "line_of_internal_interaction": "Line of internal interaction",
    "support": "Support",
    "handoffs": "Handoffs",
    "metrics": "Metrics",
    "entry": "Entry",
    "decision": "Decision",
    "end": "End",
    "success": "success",
    "abandoned": "abandoned",
    "continues_in": "Continues in",
    "carries": "Carries",
    "nothing": "nothing",
    "sla": "SLA",
    "owner": "Owner",
    "resources": "Resources",
    "evidence": "Evidence",
    "every_customer": "Every customer",
    "neutral": "neutral",
    "persona": "Persona",
    "continued": "continued",
    "emotion_scale": "Emotion scale",
    "legend": "Legend",
    "no_emotion": "No emotion recorded",
    "must": "Must",
    "should": "Should",
    "could": "Could",
    "wont": "Won't",
    "low": "Low",
    "medium": "Medium",
    "high": "High",
    "critical": "Critical",
    "idea": "idea",
    "planned": "planned",
    "in-progress": "in progress",
    "done": "done",
    "dropped": "dropped",
    "state_current": "current state (as-is)",
    "state_future": "future state (to-be)",
    "reviewed": "reviewed",
    "never_reviewed": "never reviewed",
    "touchpoints_count": "touchpoints",
    "flow": "Flow",
    "canvas": "Canvas",
}

_RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar", "dv", "fa", "he", "iw", "ku", "ps", "sd", "ug", "ur", "yi"})


def words_for(journey: Journey) -> dict[str, str]:
    """The fixed words the canvas of ``journey`` uses."""
    return WORDS


def language_of(journey: Journey) -> str:
    """The map's language (BCP 47), English when it names none."""
    return getattr(journey, "language", None) or "en"


def right_to_left(journey: Journey) -> bool:
    """Whether the canvas reads right to left: the map's language says so, or, when it
    names none, the first letter of its title is a right-to-left one (as HTML's
    ``dir="auto"`` decides)."""
    language = getattr(journey, "language", None)
    if language:
        return language.split("-")[0].lower() in _RIGHT_TO_LEFT_LANGUAGES
    for ch in journey.title:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def emotion_for(touchpoint: Touchpoint, persona: str | None) -> float | None:
    """How ``persona`` (None: every customer) feels at ``touchpoint``, or None.

    ``emotion`` is a number (everyone feels the same) or a mapping from persona id to a
    number; a persona the mapping leaves out has no emotion there.
    """
    emotion = touchpoint.emotion
    if isinstance(emotion, dict):
        return emotion.get(persona) if persona is not None else None
    return emotion
