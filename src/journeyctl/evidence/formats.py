"""Which format an event log is written in: by its name, else by its first bytes."""

from __future__ import annotations

import gzip
from pathlib import Path

CSV, PARQUET, JSONL, XES = "CSV", "Parquet", "JSON Lines", "XES"

SUFFIXES = {
    ".csv": CSV,
    ".tsv": CSV,
    ".parquet": PARQUET,
    ".pq": PARQUET,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".json": JSONL,
    ".xes": XES,
}
#: Compressed files named for their content (``log.xes.gz``, ``log.csv.gz``).
COMPRESSED = (".gz",)

_SNIFF_BYTES = 4096


def log_format(path: Path) -> str:
    """The format of the log at ``path``: its suffix decides (``.csv``, ``.tsv``, ``.parquet``,
    ``.pq``, ``.jsonl``, ``.ndjson``, ``.json``, ``.xes``, each also with ``.gz``), else its
    content: Parquet's magic number, XML for XES, a ``{`` for JSON Lines, CSV otherwise."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSED:
        suffixes.pop()
    if suffixes and suffixes[-1] in SUFFIXES:
        return SUFFIXES[suffixes[-1]]
    return sniff_format(path)


def is_gzipped(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(2) == b"\x1f\x8b"


def sniff_format(path: Path) -> str:
    with path.open("rb") as stream:
        head = stream.read(_SNIFF_BYTES)
    if head.startswith(b"PAR1"):
        return PARQUET
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as stream:
                head = stream.read(_SNIFF_BYTES)
        except (OSError, EOFError):
            return CSV
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<"):
        return XES
    if text.startswith(b"{"):
        return JSONL
    return CSV
