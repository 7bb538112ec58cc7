"""Letters of other scripts that look like the Latin letters of an id.

An id typed on a Cyrillic or Greek keyboard layout, or pasted from a document in those
languages, can hold a letter that looks exactly like a Latin one (``cоntact`` with a
Cyrillic ``о``): the id reads right and names nothing. Only letters that look the same as
a lowercase Latin letter in common fonts are listed (after Unicode's confusables for the
lowercase Latin letters), so a word written in another script is never taken for one.
"""

from __future__ import annotations

import unicodedata

#: A look-alike letter → the Latin letter it looks like.
LOOKALIKES = {
    # Cyrillic
    "\u0430": "a", "\u0441": "c", "\u0501": "d", "\u0435": "e", "\u04bb": "h", "\u0456": "i", "\u0458": "j",
    "\u04cf": "l", "\u043e": "o", "\u0440": "p", "\u051b": "q", "\u0455": "s", "\u0443": "y", "\u051d": "w",
    "\u0445": "x",
    # Greek
    "\u03b1": "a", "\u03b9": "i", "\u03bf": "o", "\u03c1": "p", "\u03c5": "u", "\u03bd": "v",
    # Armenian
    "\u0585": "o", "\u057d": "u", "\u0570": "h",
    # Latin letters that are not ASCII but look like it
    "\u0131": "i", "\u0251": "a", "\u0261": "g",
}


def unmasked(word: str) -> tuple[str, list[str]] | None:
    """``word`` with its look-alike letters written as the Latin ones, and a description of
    each (``its 'о' is CYRILLIC SMALL LETTER O (U+043E), which only looks like the Latin
    'o'``); None when ``word`` has none, or has a letter that looks like no Latin one."""
    latin = "".join(LOOKALIKES.get(char, char) for char in word)
    if latin == word or not latin.isascii():
        return None
    said = []
    for char in dict.fromkeys(c for c in word if c in LOOKALIKES):
        name = unicodedata.name(char, "a letter")
        said.append(f"its {char!r} is {name} (U+{ord(char):04X}), which only looks like the Latin {LOOKALIKES[char]!r}")
    return latin, said
