"""The evidence the evidence rules read: each journey held against the event log the
configuration's ``[evidence]`` table names, computed once per journey and only when such
a rule runs on it.

The rules themselves stay pure: the linter hands each one the journey's
:class:`~journeyctl.evidence.results.Evidence` in its options (``options["evidence"]``),
as it hands the rules that measure time ``today``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeyctl.loading.config import ConfigError, EvidenceSettings
from journeyctl.model.document import JourneyDoc
from journeyctl.model.rule import Rule

if TYPE_CHECKING:  # a lint without an event log loads no evidence code
    from journeyctl.evidence.results import Evidence


def needs_evidence(rule: Rule) -> bool:
    """Whether ``rule`` reads the evidence of an event log."""
    return getattr(rule.module, "NEEDS_EVIDENCE", False)


class EvidenceSource:
    """The evidence of the log ``settings`` names, per journey."""

    def __init__(self, settings: EvidenceSettings, where: str) -> None:
        self.settings = settings
        self.where = where  # how errors name the setting: journeyctl.toml: 'evidence.events'
        self._found: dict[str, Evidence] = {}

    def __call__(self, doc: JourneyDoc) -> Evidence:
        """The evidence for ``doc``; raises :class:`ConfigError` (one line) when the log
        cannot be read, or cannot be read against this map."""
        key = doc.path
        if key not in self._found:
            self._found[key] = self._compute(doc)
        return self._found[key]

    def _compute(self, doc: JourneyDoc) -> Evidence:
        from journeyctl.evidence.results import EvidenceError
        from journeyctl.evidence.run import MissingExtra, evidence_from_log, missing_extra

        settings = self.settings
        problem = missing_extra(settings.engine)
        if problem:
            raise ConfigError(f"{self.where}: {problem}")
        if not settings.events.is_file():
            raise ConfigError(f"{self.where}: {settings.events}: no such file")
        from journeyctl.evidence.logs import LogColumns, LogError

        columns = LogColumns(
            case=settings.case, activity=settings.activity, timestamp=settings.timestamp, channel=settings.channel
        )
        try:
            return evidence_from_log(doc.journey, settings.events, columns, settings.engine)
        except (LogError, MissingExtra) as exc:
            raise ConfigError(f"{self.where}: {exc}") from None
        except EvidenceError as exc:
            raise ConfigError(f"{doc.path}: {exc}") from None
