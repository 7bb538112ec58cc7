"""The fixed words of the canvas in the map's language, and its reading direction.

The canvas reads the bundled catalogues (:mod:`journeyctl.text.words`) through this one
table, so its layout names each word once, by what it is on the canvas.
"""

from __future__ import annotations

import unicodedata

from journeyctl.model import Journey
from journeyctl.text.words import Words, is_right_to_left
from journeyctl.text.words import words_for as catalogue_words

#: Canvas word → catalogue key; "^" first: the word capitalised, as in a heading.
_KEYS = {
    "stage": "stage", "doing": "doing", "touchpoint": "touchpoint", "thinking": "thinking", "feeling": "feeling",
    "pain_points": "pain_points", "opportunities": "opportunities", "frontstage": "frontstage",
    "backstage": "backstage", "support": "support", "handoffs": "handoffs", "metrics": "metrics",
    "line_of_interaction": "^line_of_interaction", "line_of_visibility": "^line_of_visibility",
    "line_of_internal_interaction": "^line_of_internal_interaction",
    "entry": "^entry", "decision": "^decision", "end": "^end", "success": "end.success", "abandoned": "end.abandoned",
    "continues_in": "^continues_in_journey", "at_touchpoint": "at_touchpoint", "carries": "report.carries",
    "nothing": "nothing", "sla": "sla", "owner": "owner", "resources": "report.resources",
    "evidence": "report.evidence", "every_customer": "every_customer", "persona": "persona",
    "emotion_scale": "report.emotion_scale", "legend": "legend", "reviewed": "report.reviewed",
    "never": "report.never", "observed": "observed", "not_observed": "observed.none",
    "channels_used": "observed.channels", "off_mapped_channel": "observed.off_channel",
    "flow": "report.flow", "flow_left_out": "report.flow_left_out", "median": "observed.median", "p90": "observed.p90", "over_sla": "observed.over_sla", "state_current": "journey_state.current", "state_future": "journey_state.future",
    **{p: f"priority_title.{p}" for p in ("must", "should", "could", "wont")},
    **{s: f"^severity.{s}" for s in ("low", "medium", "high", "critical")},
    **{s: f"status.{s}" for s in ("idea", "planned", "in-progress", "done", "dropped")},
}


def words_of(journey: Journey) -> Words:
    """The catalogue of the map's language."""
    return catalogue_words(getattr(journey, "language", None))


def words_for(journey: Journey) -> dict[str, str]:
    """The fixed words the canvas of ``journey`` uses, by canvas name."""
    words = words_of(journey)
    return {name: words.capitalized(key[1:]) if key.startswith("^") else words[key] for name, key in _KEYS.items()}


def language_of(journey: Journey) -> str:
    """The map's language (BCP 47), English when it names none."""
    return getattr(journey, "language", None) or "en"


def right_to_left(journey: Journey) -> bool:
    """Whether the canvas reads right to left: the map's language says so, or, when it
    names none, the first letter of its title is a right-to-left one (as HTML's
    ``dir="auto"`` decides)."""
    language = getattr(journey, "language", None)
    if language:
        return is_right_to_left(language)
    for ch in journey.title:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False
