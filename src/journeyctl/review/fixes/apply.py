"""Applying fixes to a text: every edit at the place it was worked out for, none overlapping.

Fixes are worked out on the text as it was read. Two fixes whose edits overlap (or touch)
cannot both be applied to it: the first in the file is, the other waits for the next pass,
which lints the new text and works out its fixes again (:mod:`journeyctl.review.fixes.workflow`).
"""

from __future__ import annotations

from collections.abc import Iterable

from journeyctl.model.fixes import Edit, Fix


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """``text`` with the fixes that do not collide with an earlier one applied, and those fixes.

    Fixes are taken in the order of their first edit; a fix that collides with one already
    taken is left out whole.
    """
    taken: list[Fix] = []
    edits: list[Edit] = []
    for fix in sorted(fixes, key=lambda f: (f.start, f.end, f.title)):
        if any(_collide(edit, other) for edit in fix.edits for other in edits):
            continue
        taken.append(fix)
        edits.extend(fix.edits)
    return apply_edits(text, edits), taken


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` made (they must not overlap)."""
    parts: list[str] = []
    done = 0
    for edit in sorted(edits):
        parts.append(text[done:edit.start])
        parts.append(edit.text)
        done = edit.end
    parts.append(text[done:])
    return "".join(parts)


def _collide(a: Edit, b: Edit) -> bool:
    """Whether two edits overlap or touch: applied together, their order would be a guess."""
    return a.start <= b.end and b.start <= a.end
