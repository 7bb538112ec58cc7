"""A frozen set of ids held as one string: the touchpoint ids of every journey of a
workspace are kept for the whole of a lint, and 8,000 maps of 25 touchpoints made
200,000 string objects and 8,000 hash tables (about 40 MB) where one string a journey
does (about 5 MB)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set

#: Between two ids (and around all of them): no valid id holds a line break or is empty,
#: and a set of ids that does is kept as a plain frozenset.
_SEP = "\n"


class IdSet(Set[str]):
    """A read-only set of strings, compact; equal to any set of the same strings."""

    __slots__ = ("_text", "_count", "_set")

    def __init__(self, ids: Iterable[str] = ()) -> None:
        unique = sorted(set(ids))
        self._count = len(unique)
        if any(_SEP in i or not i for i in unique):
            self._text, self._set = None, frozenset(unique)
        else:
            self._text, self._set = _SEP.join(unique), None

    @classmethod
    def joined(cls, text: str) -> IdSet:
        """The set :meth:`join` wrote as ``text`` (which it keeps: no copy is made)."""
        found = cls.__new__(cls)
        found._text, found._set = text, None
        found._count = text.count(_SEP) + 1 if text else 0
        return found

    def join(self) -> str:
        """The ids as one string, sorted (for a cache entry): :meth:`joined` reads it back."""
        if self._set is not None:
            raise ValueError("an id is empty or holds a line break")
        return self._text

    def __contains__(self, item: object) -> bool:
        if self._set is not None:
            return item in self._set
        if not isinstance(item, str) or not item or _SEP in item:
            return False
        text, size = self._text, len(item)
        at = text.find(item)
        while at >= 0:
            end = at + size
            if (at == 0 or text[at - 1] == _SEP) and (end == len(text) or text[end] == _SEP):
                return True
            at = text.find(item, at + 1)
        return False

    def __iter__(self) -> Iterator[str]:
        if self._set is not None:
            return iter(sorted(self._set))
        return iter(self._text.split(_SEP) if self._count else ())

    def __len__(self) -> int:
        return self._count

    __hash__ = Set._hash

    def __repr__(self) -> str:
        return f"IdSet({sorted(self)!r})"
