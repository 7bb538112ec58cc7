"""Scores: the range a diagram's scores are written on (given or guessed), and numbers written plainly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from journeyctl.importers.mermaid.diagram import Diagnostic, JourneyDiagram, MermaidImportError
from journeyctl.importers.mermaid.source import shorten


@dataclass(frozen=True)
class ScoreRange:
    """The range a diagram's scores are written on (Mermaid draws 1 to 5)."""

    low: Decimal
    high: Decimal

    def __str__(self) -> str:
        return f"{plain_number(self.low)}..{plain_number(self.high)}"

    @classmethod
    def parse(cls, text: str) -> ScoreRange:
        """``LOW..HIGH`` (``1..10``, ``-5..5``, ``0.5..4.5``); ValueError when it is not one."""
        match = re.fullmatch(r"\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*\.\.\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*", text, re.ASCII)
        if not match:
            raise ValueError(f"'{text}' is not a score range: write LOW..HIGH, for example 1..10")
        low, high = Decimal(match.group(1)), Decimal(match.group(2))
        if low >= high:
            raise ValueError(f"'{text}' is not a score range: LOW must be below HIGH")
        return cls(low, high)


MERMAID_SCORES = ScoreRange(Decimal(1), Decimal(5))

def diagram_score_range(
    diagram: JourneyDiagram, given: ScoreRange | None = None
) -> tuple[ScoreRange, list[Diagnostic]]:
    """The range the diagram's scores are read on, and a warning when it had to be guessed.

    With ``given``, a score outside it is an error. Without, scores within 1..5 are read
    on Mermaid's own scale; otherwise the range runs from 1 (or the lowest score, rounded
    down, when lower) to 5, 10 or the highest score rounded up, whichever holds them all.
    """
    scores = [score_decimal(task.score) for task in diagram.tasks]
    if given is not None:
        outside = [
            Diagnostic(task.line, task.column, f"task '{shorten(task.name)}': score {plain_number(score)} "
                       f"is outside the score range {given}")
            for task, score in zip(diagram.tasks, scores) if not given.low <= score <= given.high
        ]
        if outside:
            raise MermaidImportError(outside)
        return given, []
    first = next((t for t, s in zip(diagram.tasks, scores) if not 1 <= s <= 5), None)
    if first is None:
        return MERMAID_SCORES, []
    low = min(Decimal(1), min(scores).to_integral_value(rounding=ROUND_FLOOR))
    top = max(scores)
    high = Decimal(5) if top <= 5 else Decimal(10) if top <= 10 else top.to_integral_value(rounding=ROUND_CEILING)
    guessed = ScoreRange(low, high)
    message = (
        f"task '{shorten(first.name)}' scores {plain_number(score_decimal(first.score))}, outside Mermaid's 1..5: "
        f"the scores are read on the range {guessed} (say which with --score-range LOW..HIGH)"
    )
    return guessed, [Diagnostic(first.line, first.column, message)]

def score_decimal(score: float) -> Decimal:
    # From the shortest text of the float: 3.3 - 3 is 0.3, not 0.2999999999999998.
    return Decimal(repr(score))


def plain_number(value: Decimal, *, number: bool = False) -> str | int | float:
    """``value`` as short text (``10``, ``4.5``), or with ``number`` as an int or float.

    Whole numbers beyond 2**53 are floats, as JavaScript holds them (``1e300``, not 301 digits).
    """
    if value == value.to_integral_value() and abs(value) <= 2**53:
        whole = int(value)
        return whole if number else str(whole)
    return float(value) if number else str(float(value))
