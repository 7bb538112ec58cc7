"""Durations and shares as the evidence outputs say them, and SLAs as maps write them."""

from __future__ import annotations

import pytest

from journeyctl.evidence.durations import sla_seconds
from journeyctl.text.wording import duration, percent


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0s"), (45, "45s"), (0.5, "0.5s"), (210, "3m 30s"), (5100.25, "1h 25m 0.25s"), (100800, "1d 4h"),
     (59.9999, "1m"), (-90, "-1m 30s"), (None, "–")],
)
def test_durations_read_as_people_say_them(seconds, text):
    assert duration(seconds) == text


def test_shares_are_percentages_with_one_decimal():
    assert [percent(x) for x in (1 / 3, 0.25, 0, 1, None)] == ["33.3%", "25.0%", "0.0%", "100.0%", "–"]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("10m", 600), ("4h", 14400), ("2d", 172800), ("1w", 604800), ("1.5h", 5400), ("1h 30m", 5400),
     ("1h30m", 5400), (" 10m ", 600), ("10", None), ("10 minutes", None), ("10m; soon", None), ("", None),
     ("m", None), ("-5m", None)],
)
def test_slas_are_read_as_seconds(text, seconds):
    assert sla_seconds(text) == seconds
