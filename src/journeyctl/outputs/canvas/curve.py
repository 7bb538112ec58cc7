"""The emotion curve of a canvas sheet: one line per persona across its columns.

Points are placed at the centre of their touchpoint's column (personas' markers spread a
little apart, so equal values stay visible), and vertically on the journey's emotion
scale with neutral in the middle, as :func:`~journeyctl.outputs.render.view.emotion_position`
places them for every output.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeyctl.model import EmotionScale, Persona, Touchpoint
from journeyctl.outputs.render.view import emotion_position, format_number

#: Width of one touchpoint column, in CSS pixels (the layout's columns are as wide).
COLUMN_WIDTH = 220
#: Height of the emotion curve's drawing area, and its padding above the top and below the bottom.
FEELING_HEIGHT = 150
FEELING_PAD = 16

#: Okabe–Ito colours (told apart by colour-blind readers), each persona's line also has its
#: own marker and dash pattern, so the curves differ in print and in greyscale too.
SERIES_COLORS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
SERIES_MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down", "plus", "cross")
SERIES_DASHES = ("", "7 4", "2 3", "10 3 2 3", "4 4", "1 5", "12 6")
#: Horizontal offset between the markers of different personas at one touchpoint.
SERIES_SPREAD = 6


@dataclass(frozen=True, slots=True)
class Point:
    """A point of a curve: ``x`` from the start edge of the curve, ``y`` from its top."""

    x: float
    y: float
    value: float
    touchpoint: str


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    color: str
    marker: str
    dash: str
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Curve:
    width: float
    height: float
    neutral_y: float
    ticks: tuple[Tick, ...]
    series: tuple[Series, ...]


@dataclass(frozen=True, slots=True)
class LineStyle:
    """How one persona's line looks: label, colour, marker and dash pattern."""

    label: str
    persona: str | None
    color: str
    marker: str
    dash: str


def line_styles(selected: Persona | None, personas: list[Persona], everyone: str) -> list[LineStyle]:
    """One line per persona (only ``selected`` when given); ``everyone`` names the one line
    of a journey without personas."""
    people: list[Persona | None] = [selected] if selected is not None else list(personas)
    styles = []
    for index, persona in enumerate(people or [None]):
        at = index % len(SERIES_COLORS)
        label = persona.name if persona is not None else everyone
        styles.append(LineStyle(label, persona.id if persona else None, SERIES_COLORS[at], SERIES_MARKERS[at],
                                SERIES_DASHES[at]))
    return styles


def emotion_curve(scale: EmotionScale, touchpoints: list[Touchpoint], styles: list[LineStyle]) -> Curve:
    """The curve across ``touchpoints`` (one per column): a point wherever a persona passes
    a touchpoint that records their emotion."""
    inner = FEELING_HEIGHT - 2 * FEELING_PAD

    def y_of(value: float) -> float:
        return round(FEELING_PAD + (1 - (emotion_position(scale, value) + 1) / 2) * inner, 2)

    series = []
    for index, style in enumerate(styles):
        offset = (index - (len(styles) - 1) / 2) * SERIES_SPREAD
        points = []
        for at, tp in enumerate(touchpoints):
            if style.persona is not None and tp.personas is not None and style.persona not in tp.personas:
                continue
            value = tp.emotion_for(style.persona)
            if value is None:
                continue
            points.append(Point(round((at + 0.5) * COLUMN_WIDTH + offset, 2), y_of(value), value, tp.id))
        series.append(Series(style.label, style.color, style.marker, style.dash, tuple(points)))
    neutral = scale.neutral_value
    ticks = tuple(Tick(y_of(v), format_number(v)) for v in (scale.max, neutral, scale.min))
    return Curve(COLUMN_WIDTH * len(touchpoints), FEELING_HEIGHT, y_of(neutral), ticks, tuple(series))
