"""The benchmark corpus (benchmarks/generate.py) stays what the benchmark needs.

The benchmark compares journeyctl with a bare YAML load and with check-jsonschema on the
same files; the comparison only means something if the maps are realistic, valid for
both tools and identical from run to run. No timing is measured here.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from journeyctl.checks.linter import lint
from journeyctl.checks.selection import Layer
from journeyctl.loading.config import Config
from journeyctl.loading.yamlload import load_yaml

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402  (benchmarks/ is not a package)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return generate.write_corpus(tmp_path_factory.mktemp("corpus"), maps=4, touchpoints=60)


def test_the_same_seed_writes_the_same_bytes():
    assert generate.journey_map(3, 60, link_to=4) == generate.journey_map(3, 60, link_to=4)
    assert generate.journey_map(3, 60) != generate.journey_map(3, 60, seed=generate.DEFAULT_SEED + 1)


def test_maps_have_the_requested_size_and_what_real_maps_have(corpus):
    assert len(corpus) == 4
    for path in corpus:
        data = load_yaml(path.read_text(encoding="utf-8")).data
        touchpoints = data["touchpoints"]
        assert len(touchpoints) == 60
        fields = Counter(key for tp in touchpoints for key in tp)
        assert {"pain_points", "next", "metrics", "outcomes", "resources"} <= set(fields)
        assert sum(tp.get("decision", False) for tp in touchpoints) >= 2
        assert any(isinstance(n, dict) and "handoff" in n for tp in touchpoints for n in tp.get("next", []))
        assert any(isinstance(n, dict) and "journey" in n for tp in touchpoints for n in tp.get("next", []))
        assert data["roadmap"] and any(key.startswith("x-") for key in data)


@pytest.mark.parametrize("touchpoints", [10, 17, 25, 40])
def test_small_maps_lint_without_findings_by_default(tmp_path, touchpoints):
    """benchmarks/scale.py measures memory with the default rules on maps of 10–40
    touchpoints, as what the run itself holds: a finding would be held for the report."""
    paths = [tmp_path / f"m{i}.yaml" for i in range(6)]
    for i, path in enumerate(paths):
        path.write_text(generate.journey_map(i, touchpoints, link_to=(i + 1) % len(paths)), encoding="utf-8")
    result = lint([str(tmp_path)], Config(root=tmp_path), cwd=tmp_path, today=generate.TODAY)
    assert (result.files, result.findings) == (6, [])


def test_the_corpus_lints_without_findings_by_default_and_without_errors_with_every_rule(corpus):
    root = corpus[0].parents[2]
    default = lint([str(root)], Config(root=root), cwd=root, today=generate.TODAY)
    assert (default.files, default.findings) == (4, [])
    every = lint([str(root)], Config(root=root), cwd=root, today=generate.TODAY, overrides=Layer(["ALL"]))
    assert every.summary()["errors"] == every.summary()["warnings"] == 0


def test_the_corpus_is_valid_for_the_committed_json_schema(corpus):
    validator = Draft202012Validator(json.loads((ROOT / "schemas" / "journey.schema.json").read_text(encoding="utf-8")))
    for path in corpus:
        errors = [error.message for error in validator.iter_errors(load_yaml(path.read_text(encoding="utf-8")).data)]
        assert errors == [], path.name
