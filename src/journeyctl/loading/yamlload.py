"""YAML text → plain data plus a source map.

Parsing reads libyaml's events through PyYAML's C binding and builds the data and its
positions straight from them, never a node tree: a composed tree costs a node and two
marks, each with a dictionary, per value (about 500 bytes) and, being built recursively in
C, crashes on deep nesting. Each value here costs its data and one tuple of positions.
Measured on a 6,000-touchpoint map this is faster than a plain ``yaml.load`` with
``CSafeLoader``; ruamel.yaml's pure-Python round-trip loader was about 6× slower.
``journeyctl fmt`` reads comments from the same parser's token stream and lays out libyaml's node tree
(:func:`compose`; see ``journeyctl.review.fmt``).

Scalars are resolved with the YAML 1.2 core schema rather than PyYAML's YAML 1.1 one:
``yes``/``no``/``on``/``off`` and sexagesimals such as ``1:30`` stay text, so an id or a
name is never silently turned into a boolean or a number. Only safe, standard tags are
accepted; anything that would construct an object is rejected.

The parts: :mod:`~journeyctl.loading.yaml_events` builds the data and its source map
(:mod:`~journeyctl.model.source_map`) from the events, :mod:`~journeyctl.loading.yaml_scalars`
resolves scalars, and :mod:`~journeyctl.loading.yaml_errors` turns what goes wrong into
one-line errors with positions.
"""

from __future__ import annotations

import gc
from typing import Any

import yaml
from yaml.nodes import Node

from journeyctl.loading.yaml_errors import (
    YamlError,
    check_unusual_breaks,
    clean,
    not_allowed,
    reader_error,
    syntax_error,
    too_deep,
)
from journeyctl.loading.yaml_events import Budget, CParser, build, require_c_parser
from journeyctl.model.findings import Position
from journeyctl.model.source_map import LoadedYaml, SourceMap

#: Default limits; the linter may pass others from the configuration.
MAX_DEPTH = 64
#: Aliases may repeat a node; beyond this many nodes per byte of input the document is
#: treated as an alias bomb.
MAX_EXPANSION_PER_BYTE = 1
#: Values (scalars, lists and mappings, aliases expanded) in one document. Every value
#: costs memory in the loader, the models and any finding about it: at this limit a
#: document whose every value is a schema error stays within the bounds docs/security.md
#: states. A realistic journey of 8,000 touchpoints (the touchpoint limit) holds about
#: 190,000 values.
MAX_VALUES = 250_000

_IMPLICIT = "?"  # the tag the composer gives every untagged node


class _Composer(CParser or object):  # type: ignore[misc]
    """libyaml's composer with tag resolution switched off: scalars are resolved here."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _IMPLICIT

    def descend_resolver(self, *args: Any) -> None:
        return None

    def ascend_resolver(self, *args: Any) -> None:
        return None


def load_yaml(text: str, *, max_depth: int = MAX_DEPTH) -> LoadedYaml:
    """Parse one YAML document into plain data (dict/list/str/int/float/bool/None).

    Raises :class:`YamlError` for syntax errors, several documents, duplicate keys,
    disallowed tags, complex keys, excessive nesting, alias bombs and more than
    :data:`MAX_VALUES` values.
    """
    require_c_parser()
    check_unusual_breaks(text)
    expansion = max(10_000, len(text) * MAX_EXPANSION_PER_BYTE)
    budget = Budget(min(expansion, MAX_VALUES), max_depth, aliases=expansion < MAX_VALUES)
    # The data holds no reference cycles, and cyclic garbage collection passes over the
    # growing data make large files load several times slower; collection resumes as soon
    # as loading ends. The loaded data is then moved out of the collector's sight
    # (``gc.freeze``): otherwise the next young-generation pass scans every value of it
    # again, after every file (a fifth of a workspace lint's time). Reference counting
    # still frees it; a long-running caller may ``gc.unfreeze()`` now and then so that
    # cyclic garbage of its own frozen alongside is collected.
    collecting = gc.isenabled()
    gc.disable()
    try:
        data, entry = build(text, budget)
        gc.freeze()
    finally:
        if collecting:
            gc.enable()
    return LoadedYaml(data, SourceMap(entry), text)


def compose(text: str, max_depth: int = MAX_DEPTH) -> Node | None:
    """libyaml's node tree of ``text``, every node marked with its place in the text, and
    tags left unresolved. ``journeyctl fmt`` builds its layout tree from these nodes.

    libyaml composes recursively in C, so call this only on text :func:`load_yaml` has
    read: it has checked the nesting. Raises :class:`YamlError` for syntax errors and
    several documents.
    """
    try:
        composer = _Composer(text)
    except UnicodeEncodeError as exc:
        # Only text that did not come from decoding a file can hold lone surrogates.
        raise not_allowed(text, exc.start) from None
    try:
        return composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise syntax_error(text, exc) from None
    except yaml.reader.ReaderError as exc:
        raise reader_error(text, exc) from None
    except yaml.YAMLError as exc:
        raise YamlError(clean(str(exc)), Position.start()) from None
    except RecursionError:
        raise YamlError(too_deep(max_depth), Position.start()) from None
    finally:
        composer.dispose()
