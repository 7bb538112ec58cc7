"""A fix: text edits that resolve a finding, as the command line and the language server apply them.

Edits are made on the text the loader read (the decoded file, without a byte order mark),
at offsets counted in characters, so that every comment and every bit of layout around
them is kept. How a finding's fix is worked out and applied is
:mod:`journeyctl.review.fixes`; the types live here because a finding carries its fix.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace the characters ``start``–``end`` (``end`` excluded) of the original text by ``text``.

    ``start == end`` inserts.
    """

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """The edits that resolve one finding, and whether applying them is safe.

    A safe fix keeps the meaning the author evidently intended (a misspelt name put right,
    a duplicate taken out); an unsafe one adds something the author has to check (a
    placeholder, an end of the journey). ``introduces`` are the codes of findings the fix
    knowingly leaves to be done, such as the empty handoff of a handoff stub: they do not
    count as new findings when the result is checked.
    """

    title: str
    edits: tuple[Edit, ...]
    safe: bool
    introduces: tuple[str, ...] = ()
    #: where each edit is, for reports: ``(line, column, end line, end column)``, 1-based,
    #: columns in characters as the loader counts them (empty until placed in a text)
    spans: tuple[tuple[int, int, int, int], ...] = ()

    @property
    def start(self) -> int:
        return min(edit.start for edit in self.edits)

    @property
    def end(self) -> int:
        return max(edit.end for edit in self.edits)
