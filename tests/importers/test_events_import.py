"""``journeyctl import events``: a first map drafted from an event log."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("ibis")

from journeyctl.cli import run  # noqa: E402
from journeyctl.evidence.logs import LogColumns, open_log  # noqa: E402
from journeyctl.importers.events import Observed, draft_map, escape_glob, observe  # noqa: E402

HERE = Path(__file__).parent / "events"
SHOP_LOG = HERE / "valid-parcel-shop.csv"
# Checked by hand: 4 cases; Browse starts 3 and the Greek call 1 (both entries); 3 of the 3
# cases that receive the parcel end there (success), 1 of the 2 that call ends there (an
# end, abandoned); Add to cart → call is 1 of 4 transitions out of Add to cart (kept at
# 5%); touchpoints in the order of their events' mean place (0.25, 1, 1.4, 2.67, 3.67).
SHOP_MAP = (HERE / "valid-parcel-shop.yaml").read_text(encoding="utf-8")


def test_a_log_drafts_the_map_on_stdout(capsys):
    assert run(["import", "events", str(SHOP_LOG)]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (SHOP_MAP, "")


def test_the_counts_are_the_same_on_every_engine(engine):
    observed = observe(open_log(SHOP_LOG, LogColumns(), engine))
    assert observed == Observed(
        cases=4,
        events={"Browse": 4, "Add to cart": 5, "Pay [card]": 3, "Получает посылку": 3, "Καλεί την υποστήριξη": 2},
        activity_cases={"Browse": 4, "Add to cart": 4, "Pay [card]": 3, "Получает посылку": 3, "Καλεί την υποστήριξη": 2},
        position={"Browse": 0.25, "Add to cart": 1.4, "Pay [card]": 8 / 3, "Получает посылку": 11 / 3, "Καλεί την υποστήριξη": 1.0},
        pairs={
            ("Browse", "Add to cart"): 4,
            ("Add to cart", "Pay [card]"): 3,
            ("Add to cart", "Καλεί την υποστήριξη"): 1,
            ("Pay [card]", "Получает посылку"): 3,
            ("Καλεί την υποστήριξη", "Browse"): 1,
        },
        starts={"Browse": 3, "Καλεί την υποστήριξη": 1},
        ends={"Получает посылку": 3, "Καλεί την υποστήριξη": 1},
        channels={
            "Browse": {"web": 3, "app": 1},
            "Add to cart": {"web": 4, "app": 1},
            "Pay [card]": {"web": 3},
            "Получает посылку": {"Courier": 3},
            "Καλεί την υποστήριξη": {"phone": 2},
        },
    )


def _observed(pairs: dict, starts: dict, ends: dict) -> Observed:
    activities = sorted({a for pair in pairs for a in pair} | set(starts) | set(ends))
    return Observed(
        cases=sum(starts.values()),
        events={a: 10 for a in activities},
        activity_cases={a: 10 for a in activities},
        position={a: float(n) for n, a in enumerate(activities)},
        pairs=pairs,
        starts=starts,
        ends=ends,
    )


def _shape(data: dict) -> list[tuple]:
    return [(t["id"], t.get("entry", False), t.get("end"), t.get("next", [])) for t in data["touchpoints"]]


def test_rare_transitions_are_cut_unless_a_touchpoint_needs_them_to_be_reached_or_left():
    observed = _observed(
        # b is reached only by a rare transition (1 of 100 out of a); c loops with d and
        # leaves the loop only rarely (1 of 50 out of d, to e).
        pairs={("a", "e"): 99, ("a", "b"): 1, ("b", "e"): 10, ("c", "d"): 10, ("d", "c"): 49, ("d", "e"): 1},
        starts={"a": 90, "c": 10},
        ends={"e": 10},
    )
    assert _shape(draft_map(observed, "log.csv", min_share=0.05)) == [
        ("a", True, None, ["e", "b"]),
        ("b", False, None, ["e"]),
        ("c", True, None, ["d"]),
        ("d", False, None, ["c", "e"]),
        ("e", False, "success", []),
    ]


def test_a_touchpoint_without_a_way_in_becomes_an_entry_and_one_without_a_way_out_an_end():
    observed = _observed(pairs={("a", "b"): 5}, starts={"a": 5}, ends={"b": 4, "c": 1})
    assert _shape(draft_map(observed, "log.csv")) == [
        ("a", True, None, ["b"]),
        ("b", False, "success", []),
        ("c", True, "abandoned", []),
    ]


def test_glob_characters_in_activity_names_match_only_themselves():
    assert escape_glob("Pay [card] *now*?") == "Pay [[]card] [*]now[*][?]"


@pytest.mark.parametrize("name", ["parcel-shop.csv", "parcel-shop.xes"])
def test_the_draft_of_a_realistic_log_lints_without_errors(tmp_path, name, capsys):
    from evidence_log_fixture import realistic_log

    log = realistic_log(tmp_path / name)
    target = tmp_path / "drafted.yaml"
    assert run(["import", "events", str(log), "-o", str(target), "--min-share", "0.02"]) == 0
    capsys.readouterr()
    assert run(["lint", str(target), "--fail-on", "error"]) == 0


def test_an_existing_file_is_kept_unless_forced(tmp_path, capsys):
    target = tmp_path / "map.yaml"
    target.write_text("mine\n", encoding="utf-8")
    assert run(["import", "events", str(SHOP_LOG), "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"journeyctl: error: {target}: already exists (use --force to overwrite it)\n"
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert run(["import", "events", str(SHOP_LOG), "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8") == SHOP_MAP
    assert capsys.readouterr().err == f"wrote {target}\n"


def test_a_bad_log_is_one_line_on_stderr(tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text("case,step,timestamp\n1,a,2026-05-01\n", encoding="utf-8")
    assert run(["import", "events", str(log)]) == 2
    assert capsys.readouterr() == (
        "",
        f"journeyctl: error: {log}: no activity column: expected one named 'activity' or 'concept:name' (any case) "
        "in the first row, found 'case', 'step' and 'timestamp'; name it with --activity\n",
    )
    assert run(["import", "events", str(log), "--activity", "step", "-q"]) == 0
