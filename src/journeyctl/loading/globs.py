"""The glob patterns of the configuration (``exclude``, ``per-file-ignores``): one dialect.

Both keys take gitignore patterns (the ``pathspec`` library's ``GitIgnoreSpec``, which
follows git's own rules), matched against paths relative to the workspace root, with
``/`` separators:

- a pattern without a ``/`` (other than a trailing one) matches a file or folder of that
  name at any depth: ``drafts``, ``*.draft.yaml``;
- a pattern with a ``/`` is anchored at the root: ``legacy/*.yaml``, ``/catalog.yaml``;
- a pattern that matches a folder matches everything below it; a trailing ``/`` matches
  folders only (``drafts/``);
- ``*`` and ``?`` stop at ``/``; ``**`` crosses folders: ``legacy/**/*.yaml`` also matches
  ``legacy/a.yaml``, ``**/catalog.yaml`` matches at any depth;
- ``!pattern`` takes a file back, except below a folder that is itself matched (as in git).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache


class Globs:
    """Compiled patterns; :meth:`matches` says whether a relative path is matched."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(patterns)
        self._spec = _compile(self.patterns) if self.patterns else None

    def matches(self, relative: str, *, folder: bool = False) -> bool:
        """Whether ``relative`` (a path from the root, ``/``-separated) is matched; ``folder``
        when it names a folder, so that patterns ending in ``/`` apply to it."""
        if self._spec is None:
            return False
        path = relative.removeprefix("./")
        return self._spec.match_file(path + "/" if folder else path)


class GlobError(ValueError):
    """A pattern that is not a valid gitignore pattern; the message says which and why."""


def check(patterns: Iterable[str]) -> None:
    """Raise :class:`GlobError` for the first invalid pattern of ``patterns``."""
    for pattern in patterns:
        try:
            _compile((pattern,))
        except ValueError as exc:  # pathspec's GitWildMatchPatternError is a ValueError
            raise GlobError(f"invalid pattern {pattern!r}: {exc}") from None


@lru_cache(maxsize=256)
def _compile(patterns: tuple[str, ...]):
    import pathspec  # only configurations with patterns pay for the import

    return pathspec.GitIgnoreSpec.from_lines(patterns)
