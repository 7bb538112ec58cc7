"""The safeguard: what ``fmt`` wrote must read back as the same data with the same
comments, or nothing is written."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

from journeyctl.loading.yaml_errors import YamlError
from journeyctl.loading.yamlload import load_yaml
from journeyctl.model.findings import Position
from journeyctl.review.fmt.tree import FormatError


def _same_data(a: Any, b: Any) -> bool:
    """Equal data with equal types (``1`` is not ``1.0`` is not ``true``), whatever the order
    of mapping keys (fmt reorders them); NaN equals NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same_data(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def _first_difference(a: Any, b: Any, path: tuple = ()) -> tuple:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a:
            if key not in b or not _same_data(a[key], b[key]):
                return _first_difference(a[key], b.get(key), (*path, key)) if key in b else (*path, key)
        return path
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            if not _same_data(x, y):
                return _first_difference(x, y, (*path, i))
    return path


def _show_path(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the top level"


def _comment_texts(text: str) -> Counter:
    """The comments of ``text`` that ``fmt`` wrote. The lint's line scanner finds them at
    a fraction of the cost of libyaml's tokens, and can be trusted here: text that could
    mislead it (a ``#`` in a multi-line quoted scalar) is never written, and a comment
    that became part of a value would already have changed the data."""
    from journeyctl.checks.suppressions import comments_in

    return Counter(c.text for c in comments_in(text.split("\n")))


def check_formatted(original: Any, source: Any, comments: Counter, after: str) -> None:
    """Raise :class:`FormatError` unless ``after`` holds the data ``original`` (positions
    in ``source``) and every comment of ``comments``."""
    try:
        reloaded = load_yaml(after).data
    except YamlError as exc:
        raise FormatError(f"formatting produced invalid YAML ({exc.message}); the file is left unchanged", Position.start()) from None
    if not _same_data(original, reloaded):
        path = _first_difference(original, reloaded)
        position = source.value(path) if source is not None else Position.start()
        raise FormatError(
            f"formatting would change the value at {_show_path(path)}; the file is left unchanged", position
        )
    lost = comments - _comment_texts(after)
    if lost:
        comment = sorted(lost)[0]
        raise FormatError(f"formatting would lose the comment {comment!r}; the file is left unchanged", Position.start())


def _plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_plain(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def check_dumped(data: Any, text: str) -> None:
    """Raise ``TypeError`` unless ``text`` (written by ``dump_map``) reads back as ``data``."""
    expected = _plain(data)
    if not _same_data(expected, load_yaml(text).data):
        path = _first_difference(expected, load_yaml(text).data)
        raise TypeError(f"cannot write the value at {_show_path(path)} so that it reads back the same")
