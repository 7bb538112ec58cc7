"""Plain-language hints for libyaml's error wording.

libyaml says what its parser saw ("mapping values are not allowed in this context"), not
what the author did (a ``: `` inside an unquoted title, a line indented one space too
far, a tab). :func:`hint` gives the likely cause and the fix; the text report shows it
under the finding.
"""

from __future__ import annotations

# (words of libyaml's message, the hint), most specific first.
_HINTS: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        "a ': ' inside a value starts a new key: quote the value (title: \"a: b\"), "
        "or indent this line like the keys around it",
    ),
    (
        "could not find expected ':'",
        "a key needs ':' and a space after it (id: plumber, not id:plumber or id); "
        "the line at fault is often the one before the line shown",
    ),
    (
        "found character that cannot start any token",
        "a plain value cannot start with @, ` or %, and YAML is indented with spaces, never tabs: "
        "quote the value or replace the tab",
    ),
    (
        "did not find expected '-' indicator",
        "the items of a list ('- ') must line up with each other: check this line's indentation",
    ),
    (
        "did not find expected key",
        "this line is not indented like the keys of its mapping: check its indentation",
    ),
    (
        "expected <block end>",
        "this line is indented differently from the lines around it: check its indentation",
    ),
    (
        "did not find expected node content",
        "a value is missing: after '-', after ':', or between the commas of [ ] or { }",
    ),
    (
        "found unexpected end of stream",
        "a quote or a bracket is not closed: end the value with the quote or bracket it starts with",
    ),
    (
        "did not find expected ',' or ']'",
        "a [ ] list is not closed, or an item in it needs quotes (it holds a ':', '[' or ']')",
    ),
    (
        "did not find expected ',' or '}'",
        "a { } mapping is not closed, or a value in it needs quotes (it holds a ':', '{' or '}')",
    ),
)


def hint(message: str) -> str | None:
    """The plain-language hint for a finding whose message holds libyaml's wording, or None."""
    for words, text in _HINTS:
        if words in message:
            return text
    return None
