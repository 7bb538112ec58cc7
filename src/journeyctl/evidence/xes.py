"""XES event logs (IEEE 1849), plain or gzipped, converted into Parquet for the engines.

The file is read once, as a stream (``xml.etree.ElementTree.iterparse``), and written in
batches of :data:`BATCH_EVENTS` events, so memory stays bounded by a batch and the longest
trace, whatever the file's size. A trace's attributes become columns named ``case:<key>``
(``case:concept:name`` is the case id, as pm4py names it); an event's attributes keep
their keys (``concept:name``, ``time:timestamp``, ``channel``…). Only the attributes a
column could be taken from are kept: the common names and the ones the user named.
Every event gets its place in the file (:data:`SEQ_COLUMN`).
"""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.etree import ElementTree

from journeyctl.evidence.columns import COMMON_NAMES, LogColumns
from journeyctl.evidence.errors import LogError
from journeyctl.evidence.formats import is_gzipped

SEQ_COLUMN = "__journeyctl_seq"
BATCH_EVENTS = 200_000
#: The element names of XES attributes whose value is a plain value.
_ATTRIBUTES = frozenset({"string", "date", "int", "float", "boolean", "id"})


def convert_xes(path: Path, shown: str, folder: Path, given: LogColumns) -> list[Path]:
    """Write the events of the XES file ``path`` into Parquet files in ``folder``; their
    paths, in file order. Raises :class:`LogError` for XML that does not parse or a file
    that is not an XES log."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    wanted = {name.casefold() for names in COMMON_NAMES.values() for name in names}
    wanted |= {name.casefold() for name in (given.case, given.activity, given.timestamp, given.channel) if name}
    folder.mkdir(parents=True, exist_ok=True)
    parts: list[Path] = []
    batch: list[dict[str, str]] = []
    seq = 0

    def flush() -> None:
        if not batch:
            return
        keys = sorted({key for event in batch for key in event} - {SEQ_COLUMN})
        table = pa.table(
            {
                **{key: pa.array([event.get(key) for event in batch], pa.string()) for key in keys},
                SEQ_COLUMN: pa.array([event[SEQ_COLUMN] for event in batch], pa.int64()),
            }
        )
        part = folder / f"part-{len(parts):06d}.parquet"
        pq.write_table(table, part)
        parts.append(part)
        batch.clear()

    opener = gzip.open if is_gzipped(path) else open
    try:
        with opener(path, "rb") as stream:
            trace: dict[str, str] | None = None
            events: list[dict[str, str]] = []
            depth = 0
            root = None
            for event, element in ElementTree.iterparse(stream, events=("start", "end")):
                tag = _local(element.tag)
                if event == "start":
                    depth += 1
                    if root is None:
                        root = element
                        if tag != "log":
                            raise LogError(f"{shown}: not an XES log (the root element is <{tag}>, not <log>)")
                    if tag == "trace" and depth == 2:
                        trace, events = {}, []
                    continue
                depth -= 1
                if tag == "event" and trace is not None and depth == 2:
                    attributes = _attributes(element, "", wanted)
                    attributes[SEQ_COLUMN] = seq
                    seq += 1
                    events.append(attributes)
                    element.clear()
                elif tag in _ATTRIBUTES and trace is not None and depth == 2:
                    trace.update(_attribute(element, "case:", wanted))
                elif tag == "trace" and depth == 1 and trace is not None:
                    for attributes in events:
                        batch.append({**trace, **attributes})
                    trace, events = None, []
                    root.clear()  # the finished trace too: memory stays bounded by one trace
                    if len(batch) >= BATCH_EVENTS:
                        flush()
            flush()
    except ElementTree.ParseError as exc:
        line, column = exc.position
        raise LogError(f"{shown}:{line}:{column + 1}: not well-formed XML: {_reason(exc)}") from None
    except (OSError, EOFError) as exc:
        raise LogError(f"{shown}: cannot read it as XES: {exc}") from None
    if not parts:
        raise LogError(f"{shown}: no events (the XES log has no event inside a trace)")
    return parts


def _local(tag: str) -> str:
    """An element's name without its namespace (``{http://www.xes-standard.org/}event``)."""
    return tag.rpartition("}")[2]


def _attributes(element, prefix: str, wanted: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for child in element:
        if _local(child.tag) in _ATTRIBUTES:
            found.update(_attribute(child, prefix, wanted))
    return found


def _attribute(element, prefix: str, wanted: set[str]) -> dict[str, str]:
    key, value = element.get("key"), element.get("value")
    if key is None or value is None:
        return {}
    name = prefix + key
    return {name: value} if name.casefold() in wanted else {}


def _reason(exc: ElementTree.ParseError) -> str:
    return str(exc).split(":")[0]
