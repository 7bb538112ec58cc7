"""``journeyctl show`` and ``journeyctl diff`` list an element's fields in its model's order,
whatever order the map writes them in, so both follow the schema as it grows."""

from __future__ import annotations

from journeyctl.loading.yamlload import load_yaml
from journeyctl.review.diff.compare import compare_maps
from journeyctl.review.show import facts

BEFORE = """\
journeyctl: 1
id: j
title: T
stages:
  - {id: ask, name: Ask}
touchpoints:
  - id: a
    metrics: {csat: 3}
    emotion: 1
    lane: customer
    name: A
    stage: ask
    next:
      - to: b
        handoff: {note: Call back, sla: 4h, carries: [order number]}
  - {id: b, name: B, stage: ask, end: success}
"""


def test_show_lists_touchpoint_and_handoff_fields_in_the_models_order():
    lines = facts(load_yaml(BEFORE).data)
    assert lines[lines.index("touchpoint a: name A"):] == [
        "touchpoint a: name A",
        "touchpoint a: stage ask",
        "touchpoint a: lane customer",
        "touchpoint a: emotion 1",
        "touchpoint a: metrics.csat 3",
        "transition a->b handoff carries [\"order number\"] sla 4h note \"Call back\"",
        "touchpoint b: name B",
        "touchpoint b: stage ask",
        "touchpoint b: end success",
    ]


def test_diff_lists_field_changes_in_the_models_order():
    after = BEFORE.replace("csat: 3", "csat: 4").replace("emotion: 1", "emotion: 2") \
        .replace("lane: customer", "lane: backstage").replace("name: A\n", "name: Ay\n")
    fields = [c.field for c in compare_maps("j", load_yaml(BEFORE).data, load_yaml(after).data)]
    assert fields == ["name", "lane", "emotion", "metrics.csat"]
