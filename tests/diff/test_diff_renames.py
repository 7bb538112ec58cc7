"""Renames: same content under a new id, with references followed through the rename."""

from __future__ import annotations

from journeyctl.loading.yamlload import load_yaml
from journeyctl.review.diff.compare import compare_maps

BASE = """\
journeyctl: 1
id: j
title: T
stages:
  - {id: ask, name: Ask}
  - {id: get, name: Get}
touchpoints:
  - {id: a, name: A, stage: ask, channel: web, entry: true, next: [b]}
  - {id: b, name: B, stage: ask, channel: web, next: [{to: c, when: ok}]}
  - {id: c, name: C, stage: get, channel: web, end: success, pain_points: [{id: slow, summary: Slow}]}
roadmap:
  - {id: fix, title: Fix, addresses: [slow, c], priority: must}
"""


def changes(before: str, after: str) -> list[dict]:
    return [c.to_dict() for c in compare_maps("j", load_yaml(before).data, load_yaml(after).data)]


def test_a_chain_of_renamed_touchpoints_is_reported_as_renames_only():
    after = BASE.replace("id: b,", "id: bee,").replace("next: [b]", "next: [bee]") \
        .replace("id: c,", "id: sea,").replace("to: c,", "to: sea,").replace("[slow, c]", "[slow, sea]")
    assert changes(BASE, after) == [
        {"kind": "touchpoint", "id": "bee", "change": "renamed", "field": "id", "old": "b", "new": "bee"},
        {"kind": "touchpoint", "id": "sea", "change": "renamed", "field": "id", "old": "c", "new": "sea"},
    ]


def test_a_renamed_stage_changes_no_touchpoint():
    after = BASE.replace("{id: get,", "{id: receive,").replace("stage: get,", "stage: receive,")
    assert changes(BASE, after) == [
        {"kind": "stage", "id": "receive", "change": "renamed", "field": "id", "old": "get", "new": "receive"},
    ]


def test_a_renamed_pain_point_keeps_the_roadmap_item_unchanged():
    after = BASE.replace("{id: slow,", "{id: sluggish,").replace("[slow, c]", "[sluggish, c]")
    assert changes(BASE, after) == [
        {"kind": "pain_point", "id": "sluggish", "change": "renamed", "field": "id", "old": "slow", "new": "sluggish"},
    ]


def test_a_new_id_with_new_content_is_a_removal_and_an_addition():
    after = BASE.replace("{id: c, name: C,", "{id: d, name: D,").replace("to: c,", "to: d,").replace("[slow, c]", "[slow, d]")
    assert changes(BASE, after) == [
        {"kind": "touchpoint", "id": "d", "change": "added", "field": None, "old": None, "new": None},
        {"kind": "touchpoint", "id": "c", "change": "removed", "field": None, "old": None, "new": None},
        {"kind": "transition", "id": "b->d", "change": "added", "field": None, "old": None, "new": None},
        {"kind": "transition", "id": "b->c", "change": "removed", "field": None, "old": None, "new": None},
        {"kind": "pain_point", "id": "slow", "change": "changed", "field": "touchpoint", "old": "c", "new": "d"},
        {"kind": "roadmap", "id": "fix", "change": "changed", "field": "addresses", "old": ["slow", "c"], "new": ["slow", "d"]},
    ]


def test_stage_order_metrics_and_cross_journey_links():
    before = BASE.replace("end: success,", "end: success, metrics: {csat: 3.1, nps: 20},")
    after = (
        BASE.replace("  - {id: ask, name: Ask}\n  - {id: get, name: Get}\n", "  - {id: get, name: Get}\n  - {id: ask, name: Ask}\n")
        .replace("end: success,", "end: success, metrics: {csat: 3.4, nps: 20}, next: [{journey: renewal, touchpoint: r}],")
    )
    assert changes(before, after) == [
        {"kind": "journey", "id": "j", "change": "changed", "field": "stages", "old": ["ask", "get"], "new": ["get", "ask"]},
        {"kind": "touchpoint", "id": "c", "change": "changed", "field": "metrics.csat", "old": 3.1, "new": 3.4},
        {"kind": "transition", "id": "c->journey:renewal/r", "change": "added", "field": None, "old": None, "new": None},
    ]


def test_catalog_changes_are_listed_by_element():
    before = "journeyctl: 1\nkind: catalog\npersonas: [{id: p, name: P}]\nteams: [{id: t, name: T}]\n"
    after = "journeyctl: 1\nkind: catalog\npersonas: [{id: p, name: Pat}]\nchannels: [{id: kiosk, name: Kiosk, kind: self-service}]\nx-owner: cx\n"
    assert changes(before, after) == [
        {"kind": "catalog", "id": "j", "change": "changed", "field": "x-owner", "old": None, "new": "cx"},
        {"kind": "persona", "id": "p", "change": "changed", "field": "name", "old": "P", "new": "Pat"},
        {"kind": "channel", "id": "kiosk", "change": "added", "field": None, "old": None, "new": None},
        {"kind": "team", "id": "t", "change": "removed", "field": None, "old": None, "new": None},
    ]


def test_data_of_the_wrong_shape_is_compared_without_failing():
    before = "journeyctl: 1\nid: j\ntouchpoints: [a, {name: no id}, 3]\nstages: oops\nroadmap: [{id: [x]}]\n"
    after = "journeyctl: 1\nid: j\ntouchpoints: {a: 1}\nstages: [null]\nroadmap: [{id: [y]}]\n"
    assert changes(before, after) == [
        {"kind": "stage", "id": "#1", "change": "added", "field": None, "old": None, "new": None},
        {"kind": "touchpoint", "id": "#1", "change": "removed", "field": None, "old": None, "new": None},
        {"kind": "touchpoint", "id": "#2", "change": "removed", "field": None, "old": None, "new": None},
        {"kind": "touchpoint", "id": "#3", "change": "removed", "field": None, "old": None, "new": None},
    ]
