"""Property: whatever the key order, every comment that names an element is still on the
element's line, or directly above it (only comments in between), after ``fmt`` — the
rule a ``# journeyctl: ignore[...]`` comment relies on."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from journeyctl.loading.yamlload import load_yaml
from journeyctl.review.fmt import format_text

TOP_KEYS = ["id", "title", "owner", "status", "tags", "stages", "touchpoints", "x-notes"]
TOUCHPOINT_KEYS = ["id", "name", "stage", "channel", "owner", "emotion", "next", "metrics", "x-t"]
TRANSITION_KEYS = ["to", "when", "x-n"]
STAGE_KEYS = ["id", "name", "description"]


@dataclass
class Doc:
    lines: list[str] = field(default_factory=list)
    #: (path, "key" or "item", the comment's tag)
    named: list[tuple[tuple, str, str]] = field(default_factory=list)
    count: int = 0
    #: the lines of the block collection ``value_for`` just wrote
    pending: list[str] = field(default_factory=list)


@st.composite
def comment(
    draw, doc: Doc, path: tuple, kind: str, styles: tuple = ("eol", "above"), directive_ok: bool = True
) -> tuple[str | None, str | None]:
    """(comment line above or None, end-of-line comment or None) naming the element."""
    style = draw(st.sampled_from(["none", *styles]))
    if style == "none":
        return None, None
    doc.count += 1
    tag = f"c{doc.count}"
    directive = directive_ok and draw(st.booleans())
    text = f"# journeyctl: ignore[dead-end] {tag}" if directive else f"# about {tag}"
    if style == "above" and directive and draw(st.integers(0, 4)) == 0:
        return text + "\n", None  # a blank line after it: it covers nothing (and names nothing)
    doc.named.append((path, kind, tag))
    return (text, None) if style == "above" else (None, text)


def above_lines(pad: str, above: str) -> list[str]:
    return [pad + above.rstrip("\n")] + ([""] if above.endswith("\n") else [])


def line(content: str, eol: str | None) -> str:
    return f"{content}  {eol}" if eol else content


@st.composite
def mapping(draw, doc: Doc, path: tuple, keys: list[str], indent: int, dash: str | None = None) -> None:
    """A block mapping of some of ``keys`` in any order; ``dash``: it is a list item."""
    chosen = draw(st.permutations(keys))[: draw(st.integers(2, len(keys)))]
    pad = " " * indent
    for i, key in enumerate(chosen):
        first_on_dash = dash is not None and i == 0
        value = draw(value_for(doc, (*path, key), key, indent))
        styles = tuple(s for s in ("eol", "above") if s != "eol" or "\n" not in (value or ""))
        above, eol = draw(comment(
            doc, (*path, key), "key", styles=tuple(s for s in styles if s == "eol" or not first_on_dash),
            directive_ok="\n" not in (value or ""),
        ))
        if above:
            doc.lines.extend(above_lines(pad, above))
        lead = dash if first_on_dash else pad
        if value is None:
            doc.lines.append(line(f"{lead}{key}:", eol))
            doc.lines.extend(doc.pending)
        else:
            doc.lines.append(line(f"{lead}{key}: {value}", eol))


@st.composite
def sequence(draw, doc: Doc, path: tuple, indent: int, item_keys: list[str] | None) -> None:
    pad = " " * indent
    for i in range(draw(st.integers(1, 3))):
        # A comment above an item may be indented as if it ended the item before.
        above_pad = pad + "  " if i and draw(st.booleans()) else pad
        # (Only a suppression comment belongs to the item below it then; another comment
        # indented so stays at the end of the item above, as the layout says.)
        if item_keys is None or draw(st.booleans()) and item_keys is TRANSITION_KEYS:
            above, eol = draw(comment(doc, (*path, i), "item"))
            if above:
                doc.lines.extend(above_lines(above_pad if "ignore" in above else pad, above))
            doc.lines.append(line(f"{pad}- w{i}", eol))
        else:
            above, _ = draw(comment(doc, (*path, i), "item", styles=("above",)))
            if above:
                doc.lines.extend(above_lines(above_pad if "ignore" in above else pad, above))
            draw(mapping(doc, (*path, i), item_keys, indent + 2, dash=pad + "- "))


@st.composite
def value_for(draw, doc: Doc, path: tuple, key: str, indent: int) -> str | None:
    """A scalar's text, or None once a block collection has been written to ``doc.pending``."""
    nested = {"tags": None, "stages": STAGE_KEYS, "touchpoints": TOUCHPOINT_KEYS, "next": TRANSITION_KEYS}
    if key == "tags" and draw(st.booleans()):
        # A flow list with a comment inside: fmt writes it as a block list.
        # Not a suppression: splitting the list must part the key's line from the first
        # item's, and fmt refuses to write when that changes what lint reports.
        inside = draw(comment(doc, (*path, 0), "item", styles=("eol",), directive_ok=False))[1] or "# inside"
        after = draw(comment(doc, (*path, 1), "item", styles=("eol",)))[1]
        return f"[w0,  {inside}\n{' ' * (indent + 2)}w1]" + (f"  {after}" if after else "")
    if key in nested:
        saved, doc.lines = doc.lines, []
        draw(sequence(doc, path, indent + 2, nested[key]))
        doc.pending, doc.lines = doc.lines, saved
        return None
    if key in ("metrics", "x-notes"):
        saved, doc.lines = doc.lines, []
        draw(mapping(doc, path, ["b", "a", "c"], indent + 2))
        doc.pending, doc.lines = doc.lines, saved
        return None
    return draw(st.sampled_from(["w", "1", "two words"]))


@st.composite
def documents(draw) -> Doc:
    doc = Doc()
    doc.lines.append("# the file's header")
    keys = ["journeyctl", *draw(st.permutations(TOP_KEYS))[: draw(st.integers(2, len(TOP_KEYS)))]]
    keys = draw(st.permutations(keys))
    for i, key in enumerate(keys):
        value = "1" if key == "journeyctl" else draw(value_for(doc, (key,), key, 0))
        styles = tuple(s for s in ("eol", "above") if (s != "eol" or "\n" not in (value or "")) and (s != "above" or i))
        # A suppression comment covering the first line of a flow list that fmt splits
        # cannot cover the same key and items afterwards: fmt refuses such a file
        # (test_fmt_suppressions), so it is not generated here.
        above, eol = draw(comment(doc, (key,), "key", styles=styles, directive_ok="\n" not in (value or "")))
        if above:
            doc.lines.extend(above_lines("", above))
        if value is None:
            doc.lines.append(line(f"{key}:", eol))
            doc.lines.extend(doc.pending)
        else:
            doc.lines.append(line(f"{key}: {value}", eol))
    return doc


def covered_line(lines: list[str], index: int) -> int:
    """The 1-based line a comment on line ``index`` (0-based) is about."""
    if not lines[index].lstrip().startswith("#"):
        return index + 1
    below = index + 1
    while below < len(lines) and lines[below].lstrip().startswith("#"):
        below += 1
    return below + 1


def paths(data, prefix: tuple = ()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from paths(value, (*prefix, i))


def suppressed(text: str) -> dict[str, set]:
    """For each suppression comment (by tag): the positions a finding may point at
    (a path's key or value) on the line it covers."""
    loaded = load_yaml(text)
    lines = text.splitlines()
    positions = [(p, "key", loaded.source.key(p).line) for p in paths(loaded.data) if p and isinstance(p[-1], str)]
    positions += [(p, "value", loaded.source.value(p).line) for p in paths(loaded.data)]
    covered = {}
    for i, text_line in enumerate(lines):
        if "journeyctl: ignore" in text_line:
            line_number = covered_line(lines, i)
            covered[text_line.rsplit(" ", 1)[1]] = {(p, kind) for p, kind, at in positions if at == line_number}
    return covered


@settings(max_examples=150, deadline=None)
@given(documents())
def test_every_comment_stays_on_or_directly_above_its_element(doc):
    text = "\n".join(doc.lines) + "\n"
    after = format_text(text)
    lines = after.splitlines()
    source = load_yaml(after).source
    for path, kind, tag in doc.named:
        found = [i for i, text_line in enumerate(lines) if text_line.endswith(f" {tag}")]
        assert len(found) == 1, (tag, after)
        element = source.key(path).line if kind == "key" else source.value(path).line
        assert covered_line(lines, found[0]) == element, (tag, path, text, after)
    assert format_text(after) == after


@settings(max_examples=150, deadline=None)
@given(documents())
def test_every_suppression_comment_covers_the_same_positions_after_formatting(doc):
    text = "\n".join(doc.lines) + "\n"
    assert suppressed(format_text(text)) == suppressed(text), text
