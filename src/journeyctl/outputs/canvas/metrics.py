"""How wide text is in DejaVu Sans, and text broken into lines that fit a width.

The SVG canvas cannot let the browser wrap text (SVG has no text flow without
``foreignObject``, which GitHub's image view refuses), so it measures every line itself
with DejaVu Sans's real advance widths (``dejavu_widths.txt``, written by
``python -m journeyctl.outputs.canvas.font_table``) and names that font first in its ``font-family``.
Characters DejaVu lacks are measured as the fallback fonts draw them: wide East Asian
characters 1 em, emoji 1.25 em (Noto Color Emoji's advance, whichever font has them),
anything else 1 em;
combining marks, joiners and other format characters take no room.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from importlib import resources

#: Widths in the table are thousandths of an em.
UNITS = 1000
EMOJI_WIDTH = 1250
FALLBACK_WIDTH = 1000
_ZERO_WIDTH = frozenset({"Mn", "Me", "Cf"})


class _Widths:
    """One face's table: sorted run starts, run ends and widths."""

    def __init__(self, runs: list[tuple[int, int, int]]) -> None:
        self.starts = [r[0] for r in runs]
        self.ends = [r[1] for r in runs]
        self.widths = [r[2] for r in runs]

    def get(self, code: int) -> int | None:
        at = bisect.bisect_right(self.starts, code) - 1
        if at >= 0 and code <= self.ends[at]:
            return self.widths[at]
        return None


@lru_cache(maxsize=None)
def _faces() -> dict[str, _Widths]:
    text = resources.files(__package__).joinpath("dejavu_widths.txt").read_text(encoding="ascii")
    faces: dict[str, list[tuple[int, int, int]]] = {}
    current: list[tuple[int, int, int]] = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = faces.setdefault(line.strip("[]"), [])
            continue
        parts = line.split()
        first = int(parts[0], 16)
        last = int(parts[1], 16) if len(parts) == 3 else first
        current.append((first, last, int(parts[-1])))
    return {name: _Widths(runs) for name, runs in faces.items()}


@lru_cache(maxsize=65536)
def char_width(ch: str, bold: bool = False) -> int:
    """The advance of ``ch`` in thousandths of an em."""
    if unicodedata.category(ch) in _ZERO_WIDTH:
        return 0
    known = _faces()["bold" if bold else "regular"].get(ord(ch))
    if _is_emoji(ch):
        # browsers draw emoji from a colour font even where DejaVu has a plain glyph
        return max(known or 0, EMOJI_WIDTH)
    return FALLBACK_WIDTH if known is None else known


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in pixels at font size ``size``."""
    return _units(text, bold) * size / UNITS


@lru_cache(maxsize=65536)
def _units(text: str, bold: bool) -> int:
    return sum(char_width(ch, bold) for ch in text)


# Wide East Asian characters and emoji: lines may break between them (approximately
# Unicode's East Asian Wide and Fullwidth ranges; _breaks_anywhere decides exactly).
_MAYBE_WIDE = re.compile(
    "[\u1100-\u115f\u2600-\u27bf\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
    "\uffe0-\uffe6\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)


def _breaks_anywhere(ch: str) -> bool:
    """Scripts written without spaces (Chinese, Japanese), and emoji, break between characters."""
    return unicodedata.east_asian_width(ch) in ("W", "F") or _is_emoji(ch)


def _pieces(word: str) -> list[str]:
    """``word`` cut where a line may break inside it: around wide characters, never
    before a mark or joiner that belongs to the character before."""
    if not _MAYBE_WIDE.search(word):
        return [word]
    pieces: list[str] = []
    for ch in word:
        attached = pieces and (unicodedata.category(ch) in _ZERO_WIDTH or pieces[-1][-1] == "\u200d")
        if pieces and (attached or not (_breaks_anywhere(ch) or _breaks_anywhere(pieces[-1][-1]))):
            pieces[-1] += ch
        else:
            pieces.append(ch)
    return pieces


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` pixels at font size ``size``.

    Lines break at spaces, and between the characters of scripts written without spaces;
    a word wider than the line is cut between characters (never between a character
    and its combining marks). Empty text gives no lines.
    """
    return list(_wrapped(text, width, size, bold))


# Maps repeat their texts (team and channel names, row titles on every sheet): each is
# laid out once.
@lru_cache(maxsize=16384)
def _wrapped(text: str, width: float, size: float, bold: bool) -> tuple[str, ...]:
    limit = width * UNITS / size  # in font units, so each piece is measured once
    space = char_width(" ", bold)
    lines: list[str] = []
    current, used = "", 0
    for word in text.split():
        for index, piece in enumerate(_pieces(word)):
            piece_units = _units(piece, bold)
            gap = space if index == 0 else 0
            if current and used + gap + piece_units > limit:
                lines.append(current)
                current, used = piece, piece_units
            elif current:
                current, used = current + (" " if gap else "") + piece, used + gap + piece_units
            else:
                current, used = piece, piece_units
            while len(current) > 1 and used > limit:
                cut = _fitting(current, width, size, bold)
                lines.append(current[:cut])
                current = current[cut:]
                used = _units(current, bold)
    if current:
        lines.append(current)
    return tuple(lines)


def _fitting(text: str, width: float, size: float, bold: bool) -> int:
    """How many characters of ``text`` fit ``width``: at least its first character with
    its marks, and never a cut before a mark or after a joiner."""
    used = 0.0
    cut = 0
    for cut, ch in enumerate(text):
        used += char_width(ch, bold) * size / UNITS
        if used > width:
            break
    else:
        return len(text)
    while cut > 0 and (unicodedata.category(text[cut]) in _ZERO_WIDTH or text[cut - 1] == "\u200d"):
        cut -= 1
    if cut == 0:
        cut = 1
        while cut < len(text) and (unicodedata.category(text[cut]) in _ZERO_WIDTH or text[cut - 1] == "\u200d"):
            cut += 1
    return cut
