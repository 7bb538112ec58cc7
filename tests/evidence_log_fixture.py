"""Event logs of realistic shape for tests, made by the benchmark's generator
(benchmarks/evidence_log.py) from an example map."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_MAP = ROOT / "examples" / "home-services" / "emergency-plumber.yaml"
sys.path.insert(0, str(ROOT / "benchmarks"))

import evidence_log  # noqa: E402  (benchmarks/ is not a package)


def realistic_log(path: Path, events: int = 3000, seed: int = 2026, map_path: Path = EXAMPLE_MAP) -> Path:
    """A log of ``events`` events of customers taking the journey of ``map_path``, at ``path``
    (its suffix says the format)."""
    return evidence_log.write_log(map_path, path, events, seed)
