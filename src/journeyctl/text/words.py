"""The fixed words of every output, in the map's language: ``words_for("el")["legend"]``.

A map's ``language:`` (a BCP 47 tag such as ``en``, ``el``, ``pt-BR``) decides the words
the report, the diagrams and the canvas print around the map's own text: headings, row
and column titles, legends, lane and line names, severities, MoSCoW priorities, roadmap
statuses. Lint and command-line messages stay in English, as every linter's do.

The words are bundled catalogues, one JSON file per language in ``words/``, each with
exactly the keys of ``en.json``. A tag is looked up as written (``pt-br``), then as its
base language (``pt``), then in English, so a well-formed tag without a catalogue of its
own never fails. A value is either text, which may hold ``{name}`` placeholders filled
by :meth:`Words.text`, or a mapping from CLDR plural category (``one``, ``two``,
``few``, ``many``, ``other``) to text with a ``{count}`` placeholder, used by
:meth:`Words.counted`.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Union

#: The language of maps that name none, and of every word a catalogue lacks.
DEFAULT_LANGUAGE = "en"

#: The catalogues bundled with journeyctl.
BUNDLED = ("en", "el", "et", "he", "ru")

#: A well-formed BCP 47 language tag (RFC 5646 ``langtag`` or private use), case-insensitive.
#: The language is an ISO 639 code of two or three letters: RFC 5646 also reserves four to
#: eight letters for languages yet to be registered (there are none), which would let
#: ``english`` or ``greek`` pass and silently mean English.
LANGUAGE_TAG_PATTERN = (
    r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}"  # language, extended languages
    r"(?:-[A-Za-z]{4})?"  # script
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # region
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"  # variants
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"  # extensions
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?"  # private use
    r"|[Xx](?:-[A-Za-z0-9]{1,8})+)$"
)
_TAG = re.compile(LANGUAGE_TAG_PATTERN)

#: Languages written right to left, by ISO 639 code, when the tag names no script.
_RIGHT_TO_LEFT_LANGUAGES = frozenset({
    "ar", "arc", "azb", "ckb", "dv", "fa", "glk", "he", "iw", "ji", "khw", "ks", "lrc", "mzn", "nqo", "pnb",
    "ps", "sd", "syr", "ug", "ur", "yi",
})
#: Scripts written right to left (ISO 15924), which decide when the tag names one (``az-Arab``).
_RIGHT_TO_LEFT_SCRIPTS = frozenset({
    "adlm", "arab", "armi", "avst", "hebr", "mand", "mani", "mend", "nbat", "nkoo", "orkh", "phnx", "rohg",
    "samr", "sogd", "syrc", "thaa", "yezi",
})

Entry = Union[str, dict[str, str]]


#: The grandfathered tags of BCP 47 (RFC 5646 §2.2.8), kept only for data written before
#: it, and the tag the IANA registry prefers to each (None: it names none).
GRANDFATHERED = {
    "art-lojban": "jbo", "cel-gaulish": None, "en-gb-oed": "en-GB-oxendict", "i-ami": "ami", "i-bnn": "bnn",
    "i-default": None, "i-enochian": None, "i-hak": "hak", "i-klingon": "tlh", "i-lux": "lb", "i-mingo": None,
    "i-navajo": "nv", "i-pwn": "pwn", "i-tao": "tao", "i-tay": "tay", "i-tsu": "tsu", "no-bok": "nb",
    "no-nyn": "nn", "sgn-be-fr": "sfb", "sgn-be-nl": "vgt", "sgn-ch-de": "sgg", "zh-guoyu": "cmn",
    "zh-hakka": "hak", "zh-min": None, "zh-min-nan": "nan", "zh-xiang": "hsn",
}
#: Deprecated language subtags of two letters, and deprecated regions, with the IANA
#: registry's preferred value.
DEPRECATED_LANGUAGES = {"in": "id", "iw": "he", "ji": "yi", "jw": "jv", "mo": "ro"}
DEPRECATED_REGIONS = {"BU": "MM", "DD": "DE", "FX": "FR", "TP": "TL", "YD": "YE", "ZR": "CD"}


def is_language_tag(tag: str) -> bool:
    """Whether ``tag`` is a well-formed BCP 47 language tag (``el``, ``pt-BR``, ``sr-Latn-RS``)."""
    return bool(_TAG.match(tag))


def language_tag_problem(tag: str) -> tuple[str, str | None] | None:
    """What is wrong with ``tag`` as a map's language, and the tag to write instead (if
    there is one), or None for a well-formed, current tag.

    Grandfathered tags (``i-klingon``, ``art-lojban``) and deprecated codes (``iw``,
    ``de-DD``) are well-formed, or were, but BCP 47 keeps them only for old data.
    """
    grandfathered = tag.lower()
    if grandfathered in GRANDFATHERED:
        preferred = GRANDFATHERED[grandfathered]
        said = f"{tag!r} is a grandfathered BCP 47 language tag, kept only for old data"
        if preferred is None:
            private = "x-" + grandfathered.split("-")[-1]
            return f"{said}, with no modern equivalent: write a private-use tag such as {private!r}", None
        return f"{said}: write {preferred!r} instead", preferred
    if not is_language_tag(tag):
        return f"{tag!r} is not a BCP 47 language tag (e.g. en, el, he, pt-BR)", None
    parts = tag.split("-")
    current = [DEPRECATED_LANGUAGES.get(parts[0].lower(), parts[0].lower()), *parts[1:]]
    deprecated = parts[0].lower() in DEPRECATED_LANGUAGES
    for i, part in enumerate(parts[1:], start=1):
        if len(part) == 1:  # an extension or private use: no region follows
            break
        if len(part) == 2 and part.isalpha():  # the region, written as the registry does
            deprecated = deprecated or part.upper() in DEPRECATED_REGIONS
            current[i] = DEPRECATED_REGIONS.get(part.upper(), part.upper())
            break
    if not deprecated:
        return None
    preferred = "-".join(current)
    return f"{tag!r} is a deprecated BCP 47 language tag: write {preferred!r} instead", preferred


def is_right_to_left(language: str | None) -> bool:
    """Whether text in ``language`` runs right to left: by the tag's script when it names
    one (``ku-Arab`` yes, ``az-Latn`` no), else by the language (``he``, ``ar``, ``fa``…)."""
    if not language:
        return False
    parts = language.lower().split("-")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return part in _RIGHT_TO_LEFT_SCRIPTS
        if len(part) == 1:  # an extension or private use: no script follows
            break
    return parts[0] in _RIGHT_TO_LEFT_LANGUAGES


def plural_category(language: str, count: int) -> str:
    """The CLDR plural category of a whole ``count`` in ``language``'s base language:
    ``one`` or ``other`` for English, Greek and Estonian; ``one``, ``two`` or ``other``
    for Hebrew; ``one``, ``few`` or ``many`` for Russian."""
    base = language.lower().split("-")[0]
    n = abs(count)
    if base == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    if base in ("he", "iw"):
        return "one" if n == 1 else "two" if n == 2 else "other"
    return "one" if n == 1 else "other"


#: The plural categories whole counts fall into, per bundled language (CLDR), and so the
#: keys every counted entry of that catalogue holds ("other" is always there too).
PLURAL_CATEGORIES = {
    "en": ("one", "other"),
    "el": ("one", "other"),
    "et": ("one", "other"),
    "he": ("one", "two", "other"),
    "ru": ("one", "few", "many", "other"),
}


class Words:
    """The words of one language, with English behind every key."""

    def __init__(
        self, language: str, entries: dict[str, Entry], fallback: dict[str, Entry] | None = None,
        *, right_to_left: bool = False,
    ) -> None:
        #: the catalogue's language (``el``), which plural rules follow
        self.language = language
        #: whether the map's text runs right to left — its own language's direction, not the
        #: catalogue's: an Arabic map has English words around Arabic text
        self.right_to_left = right_to_left
        self._entries = entries
        self._fallback = fallback or {}

    def __getitem__(self, key: str) -> str:
        """The text of ``key``; a :class:`KeyError` for a key no catalogue knows."""
        value = self._entry(key)
        if not isinstance(value, str):
            raise KeyError(f"{key!r} is a counted word: use Words.counted")
        return value

    def __contains__(self, key: str) -> bool:
        return key in self._entries or key in self._fallback

    def text(self, key: str, **values: object) -> str:
        """The text of ``key`` with its ``{name}`` placeholders filled from ``values``."""
        return self[key].format(**values)

    def counted(self, count: int, key: str) -> str:
        """``count`` with the word of ``key`` in the plural form the language uses for it:
        ``counted(3, "count.stage")`` is ``3 stages``, ``3 этапа`` or ``3 שלבים``."""
        forms = self._entry(key)
        if not isinstance(forms, dict):
            raise KeyError(f"{key!r} is not a counted word")
        category = plural_category(self.language, count)
        return forms.get(category, forms["other"]).format(count=count)

    def capitalized(self, key: str) -> str:
        """The text of ``key`` with its first letter upper case (for a heading)."""
        word = self[key]
        return word[:1].upper() + word[1:]

    def _entry(self, key: str) -> Entry:
        value = self._entries.get(key)
        if value is None:
            value = self._fallback[key]
        return value


def words_for(language: str | None) -> Words:
    """The words for a map's ``language`` (None: English).

    The tag as written (case-insensitive), then its base language, then English: a tag
    without a bundled catalogue falls back silently. The direction is the tag's own
    (``ar`` runs right to left with English words).
    """
    return _words(_catalogue_language(language), is_right_to_left(language))


def _catalogue_language(language: str | None) -> str:
    if not language:
        return DEFAULT_LANGUAGE
    tag = language.lower()
    if tag in BUNDLED:
        return tag
    base = tag.split("-")[0]
    if base == "iw":  # the old code of Hebrew
        base = "he"
    return base if base in BUNDLED else DEFAULT_LANGUAGE


@cache
def _words(language: str, right_to_left: bool) -> Words:
    entries = catalogue(language)
    fallback = None if language == DEFAULT_LANGUAGE else catalogue(DEFAULT_LANGUAGE)
    return Words(language, entries, fallback, right_to_left=right_to_left)


@cache
def catalogue(language: str) -> dict[str, Entry]:
    """The bundled catalogue of ``language`` (``en``, ``el``…) as it is written."""
    from importlib import resources  # only when an output needs its words: not at start-up

    text = resources.files("journeyctl.text").joinpath("words", f"{language}.json").read_text(encoding="utf-8")
    return json.loads(text)
