"""Bounding the cost of an operation without a wall-clock limit.

A bound in seconds fails on a loaded machine; a ratio to a baseline measured in the same
test, on the same machine at the same moment, does not. Absolute time targets belong in
``benchmarks/``.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def fastest(work: Callable[[], object], times: int = 3) -> float:
    """The shortest of ``times`` runs of ``work``, in seconds: the least disturbed by other load."""
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best
