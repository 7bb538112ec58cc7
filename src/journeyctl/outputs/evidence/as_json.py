"""Evidence as JSON: ``{"version": 1, "journey", "cases", "events", …}`` (docs/output.md).

Lists keep the map's order (touchpoints, then each touchpoint's transitions), unmapped
activities go by events then name, variants by cases then steps: the same log gives the
same bytes. Durations are seconds; rates are shares between 0 and 1.
"""

from __future__ import annotations

from typing import Any

from journeyctl.evidence.results import Evidence
from journeyctl.text.strictjson import dumps


def evidence_dict(evidence: Evidence) -> dict[str, Any]:
    """The JSON document of ``evidence`` as plain data."""
    return {
        "version": 1,
        "journey": evidence.journey,
        "cases": evidence.cases,
        "events": evidence.events,
        "unmapped_events": evidence.unmapped_events,
        "touchpoints": [
            {
                "id": t.id,
                "cases": t.cases,
                "visits": t.visits,
                "events": t.events,
                "drop_offs": t.drop_offs,
                "drop_off_rate": t.drop_off_rate,
                "channel": t.channel,
                "channels": [{"channel": c.channel, "events": c.events} for c in t.channels],
            }
            for t in evidence.touchpoints
        ],
        "transitions": [
            {
                "from": t.source,
                "to": t.target,
                "mapped": t.mapped,
                "cases": t.cases,
                "count": t.count,
                "median_seconds": t.median_seconds,
                "p90_seconds": t.p90_seconds,
                "sla_seconds": t.sla_seconds,
                "over_sla_rate": t.over_sla_rate,
            }
            for t in evidence.transitions
        ],
        "unmapped_activities": [{"activity": a.activity, "events": a.events} for a in evidence.unmapped_activities],
        "fitness": {
            "fitting_cases": evidence.fitness.fitting_cases,
            "rate": evidence.fitness.rate,
            "top_variants": [
                {"touchpoints": list(v.touchpoints), "cases": v.cases} for v in evidence.fitness.top_variants
            ],
        },
    }


def evidence_json(evidence: Evidence, source: str = "") -> str:
    """``evidence`` as a JSON document (``source``, the log's name, is not part of it)."""
    return dumps(evidence_dict(evidence), indent=2) + "\n"
