"""Ids for imported maps, made from the names the other tool gave things.

A slug keeps a name readable in ASCII (``Go to work`` → ``go-to-work``); :class:`UniqueIds`
makes the slugs of one kind of thing unique, the same way on every import.
"""

from __future__ import annotations

import re
import unicodedata


SLUG_MAX_LENGTH = 48

_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o", "ϊ": "i", "ΐ": "i", "ϋ": "y", "ΰ": "y",
}  # fmt: skip
# Greek vowel pairs read as one sound (ELOT 743): ου → ou, αυ → av, ευ → ev, ηυ → iv.
_GREEK_PAIRS = {"ου": "ou", "αυ": "av", "ευ": "ev", "ηυ": "iv"}
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u", "ђ": "dj", "ј": "j",
    "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}  # fmt: skip
# Latin letters that do not decompose into an ASCII letter plus accents.
_LATIN = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i", "ŋ": "ng",
}  # fmt: skip


def slugify(name: str) -> str | None:
    """A slug for ``name`` (``Go to work`` → ``go-to-work``), or None when it has none.

    None when nothing is left, or when the name holds letters that cannot be written in
    ASCII (Hebrew, CJK…): half a name would make a misleading id.
    """
    bases = "".join(_base_letters(char) for char in unicodedata.normalize("NFC", name).lower())
    words: list[str] = []
    index = 0
    while index < len(bases):
        pair = bases[index:index + 2]
        if pair in _GREEK_PAIRS:
            words.append(_GREEK_PAIRS[pair])
            index += 2
            continue
        char = bases[index]
        index += 1
        if char.isascii():
            words.append(char if char.isalnum() else "-")
        elif char in _TRANSLITERATION:
            words.append(_TRANSLITERATION[char])
        elif unicodedata.category(char) == "Nd":
            words.append(str(unicodedata.decimal(char)))
        elif unicodedata.category(char) in ("Lu", "Ll", "Lt", "Lo"):
            return None
        else:
            words.append("-")
    slug = re.sub(r"-+", "-", "".join(words)).strip("-")
    if len(slug) > SLUG_MAX_LENGTH:
        cut = slug[:SLUG_MAX_LENGTH + 1]
        slug = cut[:cut.rfind("-")] if "-" in cut else slug[:SLUG_MAX_LENGTH]
    return slug or None


_TRANSLITERATION = {**_GREEK, **_CYRILLIC, **_LATIN}


def _base_letters(char: str) -> str:
    """``char`` without accents (``ά`` → ``α``, ``é`` → ``e``, ``ﬁ`` → ``fi``).

    Letters whose marks make another letter (``й``, ``ё``, ``ϋ``) are kept whole.
    """
    if char.isascii() or char in _TRANSLITERATION:
        return char
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


class UniqueIds:
    """Ids handed out so far: a clash gets ``-2``, ``-3``… (the first suffix free)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        # The next suffix to try for each base, so that a thousand tasks with one name
        # cost a thousand steps, not half a million.
        self.next: dict[str, int] = {}

    def unique(self, base: str) -> str:
        ident, n = base, self.next.get(base, 2)
        if ident in self.taken:
            ident = f"{base}-{n}"
            while ident in self.taken:
                n += 1
                ident = f"{base}-{n}"
            self.next[base] = n + 1
        self.taken.add(ident)
        return ident
