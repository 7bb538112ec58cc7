"""Text or data in, canonical text out: :func:`format_text` and :func:`dump_map`."""

from __future__ import annotations

import gc
from typing import Any

from journeyctl.checks.suppressions import covers_a_line
from journeyctl.loading.yaml_errors import YamlError
from journeyctl.loading.yamlload import load_yaml
from journeyctl.model.findings import Position
from journeyctl.review.fmt.build import tree_of_text
from journeyctl.review.fmt.emit import write_document
from journeyctl.review.fmt.fields import Context, root_context
from journeyctl.review.fmt.tree import FormatError, Item, from_data
from journeyctl.review.fmt.verify import check_dumped, check_formatted


def format_text(text: str) -> str:
    """Format journeyctl YAML ``text`` canonically, keeping every comment.

    Raises :class:`FormatError` when the text does not parse, uses anchors or aliases,
    or (a safeguard) when the result would not hold exactly the same data and comments.
    """
    try:
        loaded = load_yaml(text)
    except YamlError as exc:
        raise FormatError(exc.message, exc.position) from None
    return format_loaded(text, loaded)[0]


def format_loaded(text: str, loaded: Any) -> tuple[str, bool]:
    """``format_text`` of ``text`` already loaded as ``loaded``; also whether the text
    holds a suppression comment that covers a line."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    # As in load_yaml: cyclic garbage collection passes over the growing trees would
    # make large files several times slower, and nothing here builds cycles worth collecting.
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            root, gap, comments = tree_of_text(normalised, loaded.data)
        except FormatError:
            raise
        except Exception as exc:  # noqa: BLE001 - libyaml disagreeing with load_yaml: report, never crash
            raise FormatError(f"cannot format this file: {exc}", Position.start()) from None
        result = write_document(root, root_context(loaded.data), gap)
        del root
        check_formatted(loaded.data, loaded.source, comments, result)
    finally:
        if collecting:
            gc.enable()
    return result, any(covers_a_line(comment) for comment in comments)


def dump_map(data: dict) -> str:
    """Journey (or catalog) data made of dicts, lists and scalars → canonical YAML text.

    The layout is exactly the one ``format_text`` produces, so ``format_text`` leaves the
    result unchanged. Lists of scalars, and mappings of scalars under a key, are written
    in flow style when the line fits in :data:`~journeyctl.review.fmt.emit.FLOW_WIDTH` columns. ``datetime.date``
    values are written as ISO dates.

    Raises ``TypeError`` for values that are not plain data.
    """
    root = Item(None, None)
    root.value = from_data(data, root)
    context = root_context(data) if isinstance(data, dict) else Context(None, True)
    if isinstance(data, dict) and context.model is None:
        from journeyctl.model import Catalog, Journey

        context = Context(Catalog if data.get("kind") == "catalog" else Journey, False)
    text = write_document(root, context, False)
    check_dumped(data, text)
    return text
