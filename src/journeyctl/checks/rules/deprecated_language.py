"""The map's language is a tag BCP 47 keeps only for old data.

What it does
------------
Flags a ``language`` that is a well-formed BCP 47 tag but one the IANA registry has
replaced: a deprecated code (``iw`` for Hebrew, ``in`` for Indonesian, ``ji`` for Yiddish,
``jw``, ``mo``; the regions ``DD``, ``BU``, ``TP``, ``YD``, ``ZR``, ``FX``) or a
grandfathered tag (``art-lojban``, ``zh-min-nan``, ``no-bok``…). The message names the
tag to write instead, and ``lint --fix`` writes it. A tag that is not well formed at all,
the irregular grandfathered ones (``i-klingon``, ``en-GB-oed``) among them, is a
``schema`` finding. The finding points at the ``language`` value.

Why it matters
--------------
Tools that read the map's language — browsers choosing fonts, screen readers choosing a
voice, spell checkers, translation memories — know the current tags and may not know the
old ones. journeyctl still reads ``iw`` as Hebrew, but the next tool may not.

Example
-------
.. code-block:: yaml

    journeyctl: 1
    id: clinic-appointment
    title: קביעת תור במרפאה
    language: iw

Fix
---
.. code-block:: yaml

    journeyctl: 1
    id: clinic-appointment
    title: קביעת תור במרפאה
    language: he
"""

from __future__ import annotations

from collections.abc import Iterator

from journeyctl.analysis.graph import JourneyGraph
from journeyctl.model.document import JourneyDoc
from journeyctl.model.findings import Problem, Severity
from journeyctl.text.words import language_tag_problem

CODE = "JM405"
NAME = "deprecated-language"
SEVERITY = Severity.WARNING
OPT_IN = False
OPTIONS: dict = {}
#: What ``journeyctl lint --fix`` does about a finding (docs/fixes.md).
FIX = "safe — the tag is replaced by the one the IANA registry prefers, when it names one"


def check(doc: JourneyDoc, graph: JourneyGraph, options: dict) -> Iterator[Problem]:
    language = doc.journey.language
    problem = language_tag_problem(language) if language else None
    if problem is None:
        return
    message, preferred = problem
    yield Problem(
        ("language",), message, element=f"journey:{doc.journey.id}", suggestions=(preferred,) if preferred else (),
    )
