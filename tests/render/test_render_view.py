"""What the renderers show: emotion colours and scores, persona filtering, findings by element."""

from __future__ import annotations

import pytest

from journeyctl.model import EmotionScale
from journeyctl.model.findings import Finding, Position, Severity
from journeyctl.outputs.render.view import (
    EMOTION_COLORS,
    UnknownPersona,
    emotion_class,
    emotion_position,
    format_number,
    make_view,
    mermaid_score,
)
from render.support import doc_from_text

DEFAULT = EmotionScale()
FIVE = EmotionScale(min=1, max=5, neutral=3)
SKEWED = EmotionScale(min=1, max=5, neutral=2)


@pytest.mark.parametrize(
    ("scale", "value", "expected"),
    [
        (DEFAULT, -2, 0), (DEFAULT, -1, 1), (DEFAULT, 0, 3), (DEFAULT, 1, 5), (DEFAULT, 2, 6),
        (DEFAULT, -0.2, 3), (DEFAULT, 0.3, 4), (DEFAULT, -1.5, 0), (DEFAULT, 1.9, 6), (DEFAULT, -0.8, 2),
        (FIVE, 1, 0), (FIVE, 2, 1), (FIVE, 3, 3), (FIVE, 4, 5), (FIVE, 5, 6),
        # Neutral is always the middle colour, even off-centre on the scale.
        (SKEWED, 2, 3), (SKEWED, 1, 0), (SKEWED, 5, 6), (SKEWED, 3.5, 5),
    ],
)
def test_emotion_class_is_symmetric_around_neutral(scale, value, expected):
    assert emotion_class(scale, value) == expected


def test_emotion_position_clamps_to_the_scale():
    assert emotion_position(DEFAULT, -2) == -1.0
    assert emotion_position(DEFAULT, 1) == 0.5
    assert emotion_position(SKEWED, 3.5) == 0.5
    assert emotion_position(SKEWED, 1.5) == -0.5


def test_emotion_colours_are_colorbrewer_rdbu_7():
    assert EMOTION_COLORS == ("#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac")


@pytest.mark.parametrize(
    ("scale", "value", "expected"),
    [
        (DEFAULT, -2, 1), (DEFAULT, -1, 2), (DEFAULT, 0, 3), (DEFAULT, 1, 4), (DEFAULT, 2, 5),
        # 1 + 4 * 0.125 = 1.5 rounds half up to 2; 1 + 4 * 0.375 = 2.5 to 3.
        (DEFAULT, -1.5, 2), (DEFAULT, -0.5, 3), (DEFAULT, 0.4, 3), (DEFAULT, 0.6, 4),
        (FIVE, 1, 1), (FIVE, 3, 3), (FIVE, 4.5, 5),
        (EmotionScale(min=0, max=10), 3.75, 3), (EmotionScale(min=0, max=10), 6.2, 3),
        (EmotionScale(min=0, max=10), 6.25, 4),
        # Linear: neutral 2 on 1..5 scores 2, not 3.
        (SKEWED, 2, 2),
        # No emotion scores as neutral.
        (DEFAULT, None, 3), (SKEWED, None, 2), (EmotionScale(min=0, max=10), None, 1),
    ],
)
def test_mermaid_score_is_linear_and_rounds_half_up(scale, value, expected):
    assert mermaid_score(scale, value) == expected


@pytest.mark.parametrize(("value", "text"), [(2, "2"), (-0.5, "-0.5"), (2.0, "2"), (3.1, "3.1"), (0.1, "0.1")])
def test_format_number(value, text):
    assert format_number(value) == text


MAP = """
id: persona-map
title: Persona map
personas:
  - {id: alice, name: Alice}
  - {id: bob, name: Bob}
stages: [{id: s, name: S}]
touchpoints:
  - {id: start, name: Start, stage: s, channel: web, entry: true, next: [alice-only, both]}
  - {id: alice-only, name: Alice only, stage: s, channel: web, personas: [alice], next: [done]}
  - {id: both, name: Both, stage: s, channel: web, personas: [alice, bob], next: [done]}
  - {id: done, name: Done, stage: s, channel: web, end: success,
     next: [{journey: persona-map, touchpoint: start}]}
"""


def test_persona_keeps_their_touchpoints_and_the_edges_among_them(tmp_path):
    doc = doc_from_text(tmp_path, MAP)
    everyone = make_view(doc)
    assert [t.id for t in everyone.touchpoints] == ["start", "alice-only", "both", "done"]
    bob = make_view(doc, "bob")
    assert [t.id for t in bob.touchpoints] == ["start", "both", "done"]
    assert [e.id for e in bob.edges] == ["start->both", "both->done", "done->journey:persona-map/start"]
    assert [p.name for p in bob.personas_of(doc.journey.touchpoints[0])] == ["Bob"]
    assert [p.name for p in everyone.personas_of(doc.journey.touchpoints[0])] == ["Alice", "Bob"]


def test_unknown_persona_names_the_known_ones(tmp_path):
    doc = doc_from_text(tmp_path, MAP)
    with pytest.raises(UnknownPersona) as caught:
        make_view(doc, "carol")
    assert str(caught.value) == "journey 'persona-map' has no persona 'carol' (its personas: alice, bob)"


def test_findings_are_indexed_by_element_and_pain_points_count_for_their_touchpoint(tmp_path):
    doc = doc_from_text(tmp_path, MAP.replace(
        "personas: [alice], next: [done]}",
        "personas: [alice], next: [done], pain_points: [{id: slow, summary: Slow}]}",
    ))

    def finding(element, journey="persona-map"):
        return Finding("map.yaml", Position.start(), "JM999", "x", Severity.WARNING, "m", journey, element)

    view = make_view(doc, findings=[
        finding("touchpoint:start"), finding("pain_point:slow"), finding("transition:start->both"),
        finding("touchpoint:start", journey="other"), finding(None),
    ])
    assert sorted(view.findings_by_element) == ["touchpoint:alice-only", "touchpoint:start", "transition:start->both"]
    assert len(view.findings_for("touchpoint:start")) == 1
