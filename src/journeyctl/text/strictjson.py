"""Strict JSON (RFC 8259) for every JSON writer: never ``NaN`` or ``Infinity``.

YAML has ``.nan``, ``.inf`` and ``-.inf``; JSON has no such numbers, and Python's
:mod:`json` would write the non-standard ``NaN`` and ``Infinity`` that strict parsers
(``jq``, Go, serde, ``JSON.parse``) reject. Where a number is validated these values are
findings; anywhere else (``x-`` extension keys, persona demographics) they are written as
the strings ``".nan"``, ``".inf"`` and ``"-.inf"``, as YAML spells them (docs/output.md).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any


def dumps(
    value: Any, *, indent: int | None = None, sort_keys: bool = False, default: Callable[[Any], Any] | None = None
) -> str:
    """``value`` as strict JSON text, non-ASCII characters kept as they are.

    The text is always valid UTF-8: an undecodable byte of a file name (an unpaired
    surrogate in a string) is written as ``\\xff``, as every report shows it
    (:func:`~journeyctl.text.escape.unicode_text`).
    """
    options = {"ensure_ascii": False, "allow_nan": False, "indent": indent, "sort_keys": sort_keys, "default": default}
    try:
        text = json.dumps(value, **options)
    except ValueError:
        # A non-finite float somewhere: only then is the value walked and copied.
        value = finite(value)
        text = json.dumps(value, **options)
    if _SURROGATES.search(text):
        # Only then: most documents never hold a file name that is not UTF-8.
        from journeyctl.text.escape import unicode_text

        text = json.dumps(strings(value, unicode_text), **options)
    return text


_SURROGATES = re.compile("[\ud800-\udfff]")


def strings(value: Any, change: Callable[[str], str]) -> Any:
    """``value`` (JSON data) with ``change`` applied to every string in it, keys included."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {strings(key, change): strings(item, change) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [strings(item, change) for item in value]
    return value


def finite(value: Any) -> Any:
    """``value`` with every non-finite float replaced by its YAML spelling, as a string."""
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ".inf" if value > 0 else "-.inf"
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(item) for item in value]
    return value
