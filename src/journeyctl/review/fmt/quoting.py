"""How ``fmt`` writes one scalar: plain where that is safe, quoted where YAML 1.1 or 1.2
would read it as something other than the text (``yes``, ``on``, ``1:30``, ``1_000``),
and as a literal block for multi-line text."""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache
from typing import Any

from journeyctl.loading.yaml_scalars import reads_as_text


# -- scalars --------------------------------------------------------------------------

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Characters a plain or single-quoted scalar cannot hold: controls, YAML 1.1 line
# breaks (NEL, LS, PS), the byte-order mark, tabs, surrogates and non-characters.
_NEEDS_ESCAPE = re.compile("[\x00-\x08\x09\x0b-\x1f\x7f-\x84\x86-\x9f\x85\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_ESCAPES = {
    "\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
    "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P",
}
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}")
_YAML11_BOOL_EXTRA = frozenset({"y", "Y", "n", "N"})


@cache
def _yaml11_resolver() -> Any:
    import yaml

    return yaml.resolver.Resolver()


def _reads_as_text_in_yaml11(value: str) -> bool:
    import yaml

    if value in _YAML11_BOOL_EXTRA:
        return False
    tag = _yaml11_resolver().resolve(yaml.ScalarNode, value, (True, False))
    return tag == "tag:yaml.org,2002:str"


def _plain_ok(value: str, flow: bool, dates_plain: bool) -> bool:
    """Whether ``value`` can be written unquoted and still read back as this text."""
    if not value or value[0] in " \t" or value[-1] in " \t" or _NEEDS_ESCAPE.search(value) or "\n" in value:
        return False
    first = value[0]
    if first in _INDICATORS:
        # In flow context libyaml always reads a leading `?` or `:` as an indicator.
        if first not in "-?:" or (flow and first != "-") or len(value) == 1 or value[1] in " \t":
            return False
    if value.startswith(("---", "...")) or ": " in value or " #" in value or value.endswith(":"):
        return False
    if flow and any(c in _FLOW_INDICATORS for c in value):
        return False
    if not reads_as_text(value):
        return False
    if not _reads_as_text_in_yaml11(value):
        return bool(dates_plain and _ISO_DATE.fullmatch(value))
    return True


def _double_quoted(value: str) -> str:
    out = ['"']
    for ch in value:
        escaped = _ESCAPES.get(ch)
        if escaped is not None:
            out.append(escaped)
        elif _NEEDS_ESCAPE.match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _quoted(value: str) -> str:
    if '"' in value and "\n" not in value and not _NEEDS_ESCAPE.search(value):
        return "'" + value.replace("'", "''") + "'"
    return _double_quoted(value)


def _number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return repr(value)


def scalar_text(value: Any, flow: bool = False, dates_plain: bool = False) -> str:
    """One-line representation of a scalar."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value if _plain_ok(value, flow, dates_plain) else _quoted(value)
    raise TypeError(f"cannot write a {type(value).__name__} as YAML: {value!r}")


def literal_block(value: Any) -> tuple[str, list[str]] | None:
    """A literal block (``|`` / ``|-``) for multi-line text, when one can hold it exactly."""
    if not isinstance(value, str) or "\n" not in value or _NEEDS_ESCAPE.search(value.replace("\t", "")):
        return None
    if value.endswith("\n\n") or value[0] in " \t\n":
        return None
    if value.endswith("\n"):
        return "|", value[:-1].split("\n")
    return "|-", value.split("\n")
