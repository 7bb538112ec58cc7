"""Which columns of a log hold the case, the activity, the timestamp and the channel."""

from __future__ import annotations

from dataclasses import dataclass, fields

from journeyctl.evidence.errors import LogError
from journeyctl.text.wording import listed


@dataclass(frozen=True)
class LogColumns:
    """The column names the user gave (``--case`` and so on); ``None``: find it by name."""

    case: str | None = None
    activity: str | None = None
    timestamp: str | None = None
    channel: str | None = None


#: The names each column goes by, in process-mining tools (XES, pm4py) and plain exports.
#: They are matched ignoring case.
COMMON_NAMES: dict[str, tuple[str, ...]] = {
    "case": ("case_id", "case:concept:name", "case"),
    "activity": ("activity", "concept:name"),
    "timestamp": ("timestamp", "time:timestamp"),
    "channel": ("channel", "case:channel"),
}
OPTIONAL = frozenset({"channel"})


def option(role: str) -> str:
    return f"--{role}"


def resolve_columns(shown: str, available: list[str], given: LogColumns) -> dict[str, str | None]:
    """The column of ``available`` for each role (``None``: an optional column that is absent).

    Raises :class:`LogError` for a column that is missing, or that several columns could be.
    """
    return {field.name: _column(shown, field.name, available, getattr(given, field.name)) for field in fields(given)}


def _column(shown: str, role: str, available: list[str], name: str | None) -> str | None:
    if name is not None:
        if name in available:
            return name
        matches = [column for column in available if column.casefold() == name.casefold()]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise LogError(f"{shown}: {_quoted(matches)} all match {option(role)} {name!r}: name one exactly")
        raise LogError(f"{shown}: no column {name!r} (given with {option(role)}); the columns are {_quoted(available)}")
    names = COMMON_NAMES[role]
    matches = [column for column in available if column.casefold() in names]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise LogError(f"{shown}: {_quoted(matches)} could each be the {role} column: name one with {option(role)}")
    if role in OPTIONAL:
        return None
    raise LogError(
        f"{shown}: no {role} column: expected one named {listed([repr(n) for n in names], 'or')} "
        f"(any case) in the first row, found {_quoted(available)}; name it with {option(role)}"
    )


def _quoted(names: list[str]) -> str:
    return listed([repr(name) for name in names], "and") if names else "none"
