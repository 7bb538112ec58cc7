"""What ``fmt`` costs on the largest inputs: time and memory grow like the loader's.

Measured against loading the same text with ``load_yaml`` in the same test, with wide
factors, so a busy machine slows both alike; the absolute targets (10 s and 500 MB for
any input the default limits admit) are checked by ``benchmarks/fmt_worst_case.py``.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from journeyctl.loading.yamlload import load_yaml
from journeyctl.review.fmt import format_file
from minimal_map import MINIMAL

SIZE = 16_000


def dense_keys(count: int) -> str:
    """A lint-clean map whose bulk is one extension mapping of short keys."""
    return MINIMAL + "x-data:\n" + "".join(f"  k{i:x}: {i % 10}\n" for i in range(count))


def long_list(count: int) -> str:
    return MINIMAL + "x-list:\n" + "".join(f"  - v{i:x}\n" for i in range(count))


def fastest(run: Callable[[], object], times: int = 2) -> float:
    best = float("inf")
    for _ in range(times):
        gc.collect()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def peak(run: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def formatted(path: Path) -> None:
    result = format_file(path, path.name)
    assert result is not None and result.error is None and result.changed


@pytest.mark.parametrize("make", [dense_keys, long_list])
def test_fmt_takes_a_small_multiple_of_loading_the_file(make, tmp_path):
    text = make(SIZE)
    path = tmp_path / "map.yaml"
    path.write_text(text.replace("\n", "\r\n"))  # so that fmt has something to change
    loading = fastest(lambda: load_yaml(text), times=3)
    formatting = fastest(lambda: formatted(path), times=3)
    # About 6x (dense keys) and 9x (a long list) on an idle machine, against the loader
    # that builds data straight from libyaml's events; the factor leaves room for a busy one.
    assert formatting < 24 * loading


@pytest.mark.parametrize("make", [dense_keys, long_list])
def test_fmt_grows_linearly(make, tmp_path):
    small, large = tmp_path / "small.yaml", tmp_path / "large.yaml"
    small.write_text(make(SIZE // 4).replace("\n", "\r\n"))
    large.write_text(make(SIZE).replace("\n", "\r\n"))
    growth = fastest(lambda: formatted(large)) / fastest(lambda: formatted(small))
    assert growth < 8  # four times the input: about 4 when linear, 16 when quadratic


@pytest.mark.parametrize("make", [dense_keys, long_list])
def test_fmt_needs_a_small_multiple_of_the_memory_of_loading_the_file(make, tmp_path):
    text = make(SIZE // 2)
    path = tmp_path / "map.yaml"
    path.write_text(text.replace("\n", "\r\n"))
    # What loading the file cost while the loader built libyaml's node tree: the tree (fmt
    # still builds one) and the data. The loader alone now holds no tree.
    loading = peak(lambda: yaml.compose(text, Loader=yaml.CSafeLoader)) + peak(lambda: load_yaml(text))
    formatting = peak(lambda: formatted(path))
    # 2.0x (keys) and 2.3x (list) now: the loaded file and its reloaded result; it was
    # 2.8x and 3.3x while libyaml's tokens and node tree were kept to the end.
    assert formatting < 2.8 * loading
