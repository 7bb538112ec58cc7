"""The semantics of docs/evidence.md, rule by rule, with exact numbers on hand-made logs.

Every test runs on each engine of ``conftest.ENGINES``: the same expectations hold on all.
"""

from __future__ import annotations

import pytest

from journeyctl.evidence.results import EvidenceError
from support import FLOW, evidence_of, log_file


def counts(evidence):
    """Per touchpoint: (cases, visits, events, drop_offs, drop_off_rate)."""
    return {t.id: (t.cases, t.visits, t.events, t.drop_offs, t.drop_off_rate) for t in evidence.touchpoints}


def transitions(evidence):
    """Per observed or mapped transition: (mapped, cases, count, median, p90, sla, over_sla_rate)."""
    return {
        (t.source, t.target): (t.mapped, t.cases, t.count, t.median_seconds, t.p90_seconds, t.sla_seconds,
                               t.over_sla_rate)
        for t in evidence.transitions
    }


def test_events_are_ordered_by_timestamp_with_file_order_breaking_ties(tmp_path, engine):
    log = log_file(tmp_path, """
        k1, a, 10:00
        k1, b, 10:05
        k1, c, 10:05
        k2, a, 10:00
        k2, c, 10:05
        k2, b, 10:05
        k3, c, 10:30
        k3, b, 10:10
        k3, a, 10:00
    """)
    evidence = evidence_of(FLOW, log, engine)
    # k1 and k3 (listed backwards, ordered by time) take a → b → c; k2's tie puts c before b.
    assert transitions(evidence) == {
        ("a", "b"): (True, 2, 2, 450, 570, None, None),
        ("a", "c"): (False, 1, 1, 300, 300, None, None),
        ("b", "c"): (True, 2, 2, 600, 1080, 3600, 0.0),
        ("b", "d"): (True, 0, 0, None, None, None, None),
        ("c", "b"): (False, 1, 1, 0, 0, None, None),
    }
    assert counts(evidence)["b"] == (3, 3, 3, 1, 0.333333)
    assert evidence.fitness.fitting_cases == 2


def test_consecutive_events_on_one_touchpoint_are_one_visit_and_unmapped_events_are_set_aside(tmp_path, engine):
    log = log_file(tmp_path, """
        k1, a, 10:00
        k1, a, 10:01
        k1, newsletter, 10:02
        k1, a, 10:03
        k1, b, 10:10
        k1, b, 10:20
        k1, c, 10:30
        k2, a, 11:00
        k2, b, 11:01
        k2, a, 11:02
        k2, b, 11:03
        k2, c, 11:04
    """)
    evidence = evidence_of(FLOW, log, engine)
    assert (evidence.cases, evidence.events, evidence.unmapped_events) == (2, 12, 1)
    assert counts(evidence) == {
        "a": (2, 3, 5, 0, 0.0),
        "b": (2, 3, 4, 0, 0.0),
        "c": (2, 2, 2, 0, 0.0),
        "d": (0, 0, 0, 0, None),
    }
    # a → b: k1 from its last a (10:03) to its first b (10:10); k2 twice, 60 s each.
    assert transitions(evidence)[("a", "b")] == (True, 2, 3, 60, 348, None, None)
    assert transitions(evidence)[("b", "a")] == (False, 1, 1, 60, 60, None, None)
    assert transitions(evidence)[("b", "c")] == (True, 2, 2, 330, 546, 3600, 0.0)
    assert [(a.activity, a.events) for a in evidence.unmapped_activities] == [("newsletter", 1)]
    assert evidence.fitness.fitting_cases == 1
    assert [(v.touchpoints, v.cases) for v in evidence.fitness.top_variants] == [(("a", "b", "a", "b", "c"), 1)]


def test_cases_that_never_reach_an_entry_do_not_fit_and_drop_offs_are_last_visits_off_an_end(tmp_path, engine):
    log = log_file(tmp_path, """
        k1, b, 09:00
        k1, c, 09:10
        k2, b, 09:00
        k3, a, 09:00
        k3, b, 09:01
        k4, a, 09:00
        k4, b, 09:01
        k4, d, 09:02
        k5, newsletter, 09:00
        k6, b, 09:30
        k6, c, 09:40
    """)
    evidence = evidence_of(FLOW, log, engine)
    assert evidence.cases == 6
    assert counts(evidence) == {
        "a": (2, 2, 2, 0, 0.0),
        "b": (5, 5, 5, 2, 0.4),
        "c": (2, 2, 2, 0, 0.0),
        "d": (1, 1, 1, 0, 0.0),
    }
    assert (evidence.fitness.fitting_cases, evidence.fitness.rate) == (1, 0.166667)
    assert [(v.touchpoints, v.cases) for v in evidence.fitness.top_variants] == [
        (("b", "c"), 2),
        ((), 1),
        (("a", "b"), 1),
        (("b",), 1),
    ]


def test_percentiles_interpolate_linearly(tmp_path, engine):
    log = log_file(tmp_path, """
        k1, a, 10:00:00
        k1, b, 10:00:10
        k2, a, 10:00:00
        k2, b, 10:00:20
        k3, a, 10:00:00
        k3, b, 10:00:30
        k4, a, 10:00:00
        k4, b, 10:00:40.250
    """)
    evidence = evidence_of(FLOW, log, engine)
    # Sorted 10, 20, 30, 40.25: the median halfway between 20 and 30; p90 at 2.7 of 0..3,
    # 30 + 0.7 × 10.25.
    assert transitions(evidence)[("a", "b")] == (True, 4, 4, 25, 37.175, None, None)


@pytest.mark.parametrize(
    ("sla", "seconds", "durations", "over_rate"),
    [
        ("90s", 90, ["10:01:30", "10:01:31", "10:00:30"], 0.333333),
        ("1m", 60, ["10:01:00", "10:01:00.001", "10:02:00"], 0.666667),
        ("2h", 7200, ["12:00:00", "12:00:01", "11:00:00"], 0.333333),
        ("1.5h", 5400, ["11:30:00", "11:30:00", "11:31:00"], 0.333333),
        ("1h 30m", 5400, ["11:30:00", "11:29:59", "11:30:01"], 0.333333),
        ("1d", 86400, ["2026-03-03T10:00:00", "2026-03-03T10:00:01", "2026-03-03T09:00:00"], 0.333333),
        ("1w", 604800, ["2026-03-09T10:00:00", "2026-03-09T10:00:00", "2026-03-09T10:00:00"], 0.0),
    ],
)
def test_an_observation_is_over_an_sla_only_when_strictly_longer(tmp_path, engine, sla, seconds, durations, over_rate):
    flow = FLOW.replace("sla: 1h", f"sla: {sla}")
    rows = "\n".join(f"k{i}, b, 10:00\nk{i}, c, {end}" for i, end in enumerate(durations))
    evidence = evidence_of(flow, log_file(tmp_path, rows), engine)
    b_to_c = evidence.transition("b", "c")
    assert (b_to_c.sla_seconds, b_to_c.count, b_to_c.over_sla_rate) == (seconds, 3, over_rate)


def test_an_sla_that_is_no_duration_is_named_and_not_checked(tmp_path, engine):
    flow = FLOW.replace("sla: 1h", "sla: same day")
    evidence = evidence_of(flow, log_file(tmp_path, "k1, b, 10:00\nk1, c, 20:00"), engine)
    assert evidence.transition("b", "c").sla_seconds is None
    assert evidence.transition("b", "c").over_sla_rate is None
    assert evidence.unread_slas == (("b", "c", "same day"),)


def test_globs_match_whole_names_and_sql_wildcards_are_literal(tmp_path, engine):
    flow = (
        FLOW.replace("events: [a]", "events: ['order_*', 'pay[!x]', '100%', 'a?c']")
        .replace("events: [b]", "events: ['Ticket [0-9]*']")
    )
    log = log_file(tmp_path, """
        k1, order_created, 10:00
        k1, orderXcreated, 10:01
        k1, pay1, 10:02
        k1, payx, 10:03
        k1, 100%, 10:04
        k1, 1000, 10:05
        k1, abc, 10:06
        k1, abcd, 10:07
        k1, Ticket 7 opened, 10:08
        k1, ticket 7 opened, 10:09
        k1, Ticket x, 10:10
    """)
    evidence = evidence_of(flow, log, engine)
    assert counts(evidence)["a"] == (1, 1, 4, 0, 0.0)
    assert counts(evidence)["b"] == (1, 1, 1, 1, 1.0)
    assert [(a.activity, a.events) for a in evidence.unmapped_activities] == [
        ("1000", 1), ("Ticket x", 1), ("abcd", 1), ("orderXcreated", 1), ("payx", 1), ("ticket 7 opened", 1),
    ]


def test_an_activity_of_two_touchpoints_is_an_error_naming_both(tmp_path, engine):
    flow = FLOW.replace("events: [a]", "events: ['order.*']").replace("events: [b]", "events: ['*.created']")
    log = log_file(tmp_path, "k1, order.created, 10:00\nk1, order.paid, 10:01")
    with pytest.raises(EvidenceError) as raised:
        evidence_of(flow, log, engine)
    assert str(raised.value) == (
        "activity 'order.created' is evidence of 2 touchpoints: 'a', 'b'; make their 'events' patterns disjoint"
    )


def test_overlapping_patterns_are_fine_while_no_activity_matches_both(tmp_path, engine):
    flow = FLOW.replace("events: [a]", "events: ['order.*']").replace("events: [b]", "events: ['*.created']")
    log = log_file(tmp_path, "k1, order.paid, 10:00\nk1, ticket.created, 10:01")
    evidence = evidence_of(flow, log, engine)
    assert transitions(evidence)[("a", "b")] == (True, 1, 1, 60, 60, None, None)


def test_channels_used_at_each_touchpoint_are_counted_against_the_mapped_one(tmp_path, engine):
    log = log_file(tmp_path, """
        k1, a, 10:00, web
        k1, b, 10:01, phone
        k2, a, 10:00, app
        k2, b, 10:01, chat
        k3, a, 10:00, web
        k3, b, 10:01,
    """)
    evidence = evidence_of(FLOW, log, engine)
    assert evidence.has_channels
    assert {t.id: [(c.channel, c.events) for c in t.channels] for t in evidence.touchpoints} == {
        "a": [("web", 2), ("app", 1)],
        "b": [("chat", 1), ("phone", 1)],
        "c": [],
        "d": [],
    }


def test_without_channels_none_are_reported(tmp_path, engine):
    evidence = evidence_of(FLOW, log_file(tmp_path, "k1, a, 10:00\nk1, b, 10:01"), engine)
    assert not evidence.has_channels
    assert all(t.channels == () for t in evidence.touchpoints)


def test_a_log_with_no_event_of_any_touchpoint(tmp_path, engine):
    evidence = evidence_of(FLOW, log_file(tmp_path, "k1, x, 10:00\nk2, y, 10:01\nk2, x, 10:02"), engine)
    assert (evidence.cases, evidence.events, evidence.unmapped_events) == (2, 3, 3)
    assert all(t.cases == 0 for t in evidence.touchpoints)
    assert all(t.count == 0 and t.mapped for t in evidence.transitions)
    assert (evidence.fitness.fitting_cases, evidence.fitness.rate) == (0, 0.0)
    assert [(v.touchpoints, v.cases) for v in evidence.fitness.top_variants] == [((), 2)]
    assert [(a.activity, a.events) for a in evidence.unmapped_activities] == [("x", 2), ("y", 1)]
