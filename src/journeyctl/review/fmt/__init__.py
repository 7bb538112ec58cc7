"""Canonical layout of journeyctl YAML (``journeyctl fmt``), comments kept.

The layout (documented for users in ``docs/git.md``):

- keys in schema order: the model's field order (``journeyctl``, ``kind``, ``id``,
  ``title``, …), then ``x-`` keys in their original order, then unknown keys in theirs;
  free-form mappings (``metrics``, ``demographics``, extension data) keep their order;
- two-space indentation; a block sequence is indented under its key (``- `` two
  columns in, the item's content four);
- one blank line between top-level sections (keys holding a block list or mapping)
  and between touchpoints; no other blank lines, except one kept between the file's
  leading comments and the first key, and before the comments that end the file;
- flow or block is the author's choice for each list and mapping; a flow collection
  is written on one line as ``[a, b]`` / ``{k: v}``, and becomes a block one when
  comments sit inside it, so every comment keeps its element;
- scalars are plain where that is safe and quoted where YAML 1.1 or 1.2 would read
  them as something other than text (``yes``, ``on``, ``1:30``, ``1_000``, a date in
  a text field); dates stay plain in ``reviewed``, ``milestone`` and extension data;
  double quotes, or single quotes for text holding ``"`` that needs no escape;
- block scalars (``|``, ``>``) keep the author's text and line breaks, re-indented;
  other multi-line text is written as a literal block;
- comments stay with their element: comment lines above an element stay above it when
  keys are reordered, an end-of-line comment stays on its element's line (and keeps
  its column when it still fits, at least two spaces after the content);
- LF line endings, UTF-8 without a byte-order mark, one final newline; a leading
  ``---`` marker and directives are dropped.

Why not a YAML library's round trip: ruamel.yaml's round-trip loader and emitter were
measured on our maps. They misplaced 37% of 3,129 marked comments once keys were
reordered (a comment line is attached to the value *before* it, so a section comment
travels with the wrong element), lost comments inside flow collections, wrote ``yes``
and ``1:30`` unquoted (YAML 1.1 readers take them for a boolean and a number), changed
lint results by moving suppression comments, and were 3–5× slower end to end. So the
layout is written here, from the node tree ``load_yaml`` composes
(:func:`journeyctl.loading.yamlload.compose`) and the comments found in the same libyaml
parser's token stream, each attached to the element it describes. Before anything is
returned, the result is parsed again and must hold the same data and the same comments;
otherwise :class:`FormatError` is raised and nothing is written. ``docs/fmt.md`` tells the
same story for contributors.

The modules, each depending only on those above it:

- ``tree``: the elements, their values and comments (and :class:`FormatError`);
- ``fields``: key order and date fields, from the model;
- ``quoting``: how one scalar is written;
- ``comments``: finding comments in libyaml's token stream;
- ``build``: the tree of a source text, comments attached;
- ``emit``: the tree written in the canonical layout;
- ``verify``: the result reads back as the same data and comments;
- ``canonical``: :func:`format_text` and :func:`dump_map`;
- ``workflow``: files: format, refuse what lint would judge differently, write, diff.
"""

from journeyctl.review.fmt.canonical import dump_map, format_text
from journeyctl.review.fmt.tree import FormatError
from journeyctl.review.fmt.workflow import format_file, format_paths, iter_changed, unified_diff, write

__all__ = [
    "FormatError", "dump_map", "format_file", "format_paths", "format_text", "iter_changed", "unified_diff", "write",
]
