"""What goes wrong when reading an event log or reaching an engine: one line for the user."""

from __future__ import annotations


class LogError(Exception):
    """An event log that cannot be read as events; the message is one line that names the
    file, and the row where there is one."""


class EngineError(LogError):
    """An engine (``--engine URL``) that cannot be reached or lacks its Python package."""
