"""``journeyctl import mermaid``: Mermaid journey diagrams become journeyctl maps.

The diagrams in ``tests/importers/mermaid/`` are the specification (adding a case needs
no code):

- ``valid-*.mmd`` imports into exactly ``valid-*.yaml`` (byte for byte; regenerate with
  ``JOURNEYCTL_UPDATE_GOLDEN=1 pytest tests/importers`` and review the diff), with
  exactly the warnings its ``%% warning: LINE:COLUMN message`` lines list;
- ``invalid-*.mmd`` fails with exactly the errors its ``%% error: LINE:COLUMN message``
  lines list;
- real Mermaid accepts every valid diagram and rejects every invalid one, except those
  marked ``%% mermaid: accepts``: the deliberate differences (a diagram without tasks, or
  not a journey at all, is fine for Mermaid but cannot become a journey map).

The expectation lines are Mermaid comments, so the fixtures stay diagrams Mermaid reads.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from mermaid_parser import parse_mermaid

from journeyctl.checks.linter import lint
from journeyctl.importers.mermaid import (
    Diagnostic,
    Limits,
    MermaidImportError,
    ScoreRange,
    import_markdown,
    import_mermaid,
    parse_journey,
)
from journeyctl.importers.slugs import slugify
from journeyctl.loading.config import Config
from journeyctl.model.findings import Severity
from journeyctl.review.fmt import dump_map

HERE = Path(__file__).parent
FIXTURES = HERE / "mermaid"
VALID = sorted(FIXTURES.glob("valid-*.mmd"))
INVALID = sorted(FIXTURES.glob("invalid-*.mmd"))
EXPECT = re.compile(r"^%% (error|warning): (\d+):(\d+) (.*)$", re.MULTILINE)


def _expected(path: Path, kind: str) -> list[Diagnostic]:
    return [
        Diagnostic(int(line), int(column), message)
        for found, line, column, message in EXPECT.findall(path.read_text(encoding="utf-8"))
        if found == kind
    ]


def _errors(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(MermaidImportError) as caught:
        import_mermaid(text)
    return [(e.line, e.column, e.message) for e in caught.value.errors]


def test_fixtures_cover_both_verdicts():
    assert len(VALID) >= 10 and len(INVALID) >= 10


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_diagram_imports_into_its_golden_map(path):
    result = import_mermaid(path.read_text(encoding="utf-8"))
    assert result.warnings == _expected(path, "warning")
    assert len(result.maps) == 1
    output = dump_map(result.maps[0]).encode("utf-8")
    golden = path.with_suffix(".yaml")
    if os.environ.get("JOURNEYCTL_UPDATE_GOLDEN") == "1":
        golden.write_bytes(output)
    assert output == golden.read_bytes()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_diagram_fails_with_located_errors(path):
    expected = _expected(path, "error")
    assert expected, f"{path.name} lists no '%% error:' line"
    with pytest.raises(MermaidImportError) as caught:
        import_mermaid(path.read_text(encoding="utf-8"))
    assert caught.value.errors == expected


def test_real_mermaid_accepts_and_rejects_the_same_diagrams():
    paths = VALID + INVALID
    verdicts = parse_mermaid([p.read_text(encoding="utf-8") for p in paths])
    disagreements = []
    for path, verdict in zip(paths, verdicts):
        mermaid_accepts = verdict is None
        expected = path.name.startswith("valid-") or "%% mermaid: accepts" in path.read_text(encoding="utf-8")
        if mermaid_accepts != expected:
            disagreements.append((path.name, verdict))
    assert disagreements == []


def test_imported_maps_lint_without_errors():
    goldens = sorted(FIXTURES.glob("valid-*.yaml"))
    assert len(goldens) == len(VALID)
    result = lint([str(p) for p in goldens], Config())
    assert result.journeys == len(goldens)
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []
    # What a Mermaid diagram cannot say: no review date, no owner, no pain point behind a
    # low score, a section without tasks.
    assert {f.rule for f in result.findings} == {
        "stale-map", "no-owner", "low-emotion-unexplained", "empty-stage"
    }


# -- the mapping, spelled out on Mermaid's own example -------------------------------


def test_mermaid_documentation_example():
    data = import_mermaid((FIXTURES / "valid-mermaid-docs-example.mmd").read_text()).maps[0]
    assert (data["id"], data["title"]) == ("my-working-day", "My working day")
    assert data["stages"] == [{"id": "go-to-work", "name": "Go to work"}, {"id": "go-home", "name": "Go home"}]
    assert data["personas"] == [{"id": "me", "name": "Me"}, {"id": "cat", "name": "Cat"}]
    assert data["channels"] == [
        {
            "id": "unspecified",
            "name": "Unspecified",
            "kind": "other",
            "description": "Imported from a Mermaid journey diagram, which does not say which channel a step uses.",
        }
    ]
    rows = [
        (t["id"], t["stage"], t["emotion"], t["personas"], t.get("next"), t.get("entry"), t.get("end"))
        for t in data["touchpoints"]
    ]
    assert rows == [
        ("make-tea", "go-to-work", 2, ["me"], ["go-upstairs"], True, None),
        ("go-upstairs", "go-to-work", 0, ["me"], ["do-work"], None, None),
        ("do-work", "go-to-work", -2, ["me", "cat"], ["go-downstairs"], None, None),
        ("go-downstairs", "go-home", 2, ["me"], ["sit-down"], None, None),
        ("sit-down", "go-home", 2, ["me"], None, None, "success"),
    ]
    assert {(t["channel"], t["lane"]) for t in data["touchpoints"]} == {("unspecified", "customer")}


def test_scores_beyond_1_to_5_are_read_on_a_range_that_holds_them():
    data = import_mermaid((FIXTURES / "valid-scores-out-of-1-to-5.mmd").read_text()).maps[0]
    assert data["emotion_scale"] == {"min": -4.5, "max": 4.5}
    assert [t["emotion"] for t in data["touchpoints"]] == [2.5, -3.5, 4.5, 0]
    cases = {
        "T: 0\nU: 5": ("0..5", {"min": -2.5, "max": 2.5}, [-2.5, 2.5]),
        "T: 7\nU: -3": ("-3..10", {"min": -6.5, "max": 6.5}, [3.5, -6.5]),
        "T: 42\nU: 2.5": ("1..42", {"min": -20.5, "max": 20.5}, [20.5, -19]),
        "T: 12.5\nU: 0.5": ("0..13", {"min": -6.5, "max": 6.5}, [6, -6]),
        "T: 1e300\nU: 0x10": ("1..1e+300", {"min": -5e299, "max": 5e299}, [5e299, -5e299]),
    }
    for tasks, (shown, scale, emotions) in cases.items():
        result = import_mermaid(f"journey\nsection A\n{tasks}\n")
        assert [w.message.split("range ")[1][:len(shown)] for w in result.warnings] == [shown]
        assert result.maps[0]["emotion_scale"] == scale
        assert [t["emotion"] for t in result.maps[0]["touchpoints"]] == emotions


def test_a_stated_score_range_is_used_as_is():
    result = import_mermaid("journey\nsection A\nT: 3\nU: 1\n", score_range=ScoreRange.parse("1..3"))
    assert result.warnings == []
    assert result.maps[0]["emotion_scale"] == {"min": -1, "max": 1}
    assert [t["emotion"] for t in result.maps[0]["touchpoints"]] == [1, -1]
    result = import_mermaid("journey\nsection A\nT: 3\n", score_range=ScoreRange.parse("1..5"))
    assert "emotion_scale" not in result.maps[0]
    with pytest.raises(ValueError, match="'1-5' is not a score range: write LOW..HIGH, for example 1..10"):
        ScoreRange.parse("1-5")


def test_scores_map_linearly_onto_emotions():
    data = import_mermaid((FIXTURES / "valid-every-score.mmd").read_text()).maps[0]
    assert [t["emotion"] for t in data["touchpoints"]] == [-2, -1, 0, 1, 2, -0.5, 1]


def test_non_latin_names_keep_their_text_and_get_transliterated_or_numbered_ids():
    data = import_mermaid((FIXTURES / "valid-non-latin-scripts.mmd").read_text()).maps[0]
    assert (data["id"], data["title"]) == ("ananeosi-symvolaiou", "Ανανέωση συμβολαίου")
    assert [(s["id"], s["name"]) for s in data["stages"]] == [
        ("enimerosi", "Ενημέρωση"),
        ("prodlenie", "Продление"),
        ("stage-3", "הצטרפות"),
        ("stage-4", "手続き"),
        ("coffee-break", "Coffee ☕ break"),
    ]
    assert [(t["id"], t["name"]) for t in data["touchpoints"]] == [
        ("lamvanei-tin-epistoli", "Λαμβάνει την επιστολή"),
        ("kalei-to-tilefoniko-kentro", "Καλεί το τηλεφωνικό κέντρο"),
        ("oplachivaet-onlayn", "Оплачивает онлайн"),
        ("touchpoint-4", "ממלא טופס"),
        ("touchpoint-5", "書類を送る"),
        ("touchpoint-6", "☕☕☕"),
    ]
    assert [(p["id"], p["name"]) for p in data["personas"]] == [
        ("maria", "Μαρία"),
        ("dimitris", "Δημήτρης"),
        ("mariya", "Мария"),
        ("persona-4", "דנה"),
        ("persona-5", "田中"),
        ("persona-6", "🙂"),
    ]


def test_repeated_and_long_names_get_unique_short_ids():
    data = import_mermaid((FIXTURES / "valid-long-and-repeated-names.mmd").read_text()).maps[0]
    assert data["id"] == "a-journey-whose-title-is-much-longer-than-anyone"
    assert [t["id"] for t in data["touchpoints"]] == [
        "reads-comparison-sites-forums-newspaper-reviews",
        "make-tea",
        "make-tea-2",
        "make-tea-3",
    ]
    # Mermaid tells actors apart by their exact text: "Me" and "me" are two people.
    assert [(p["id"], p["name"]) for p in data["personas"]][1:] == [("me", "Me"), ("me-2", "me")]


def test_tasks_without_actors_list_no_personas_when_others_have_some():
    data = import_mermaid((FIXTURES / "valid-some-tasks-without-actors.mmd").read_text()).maps[0]
    assert [t["personas"] for t in data["touchpoints"]] == [
        ["hungry-student"], [], ["rider"], ["hungry-student", "flatmate"]
    ]
    no_actors = import_mermaid((FIXTURES / "valid-no-actors.mmd").read_text()).maps[0]
    assert "personas" not in no_actors
    assert all("personas" not in t for t in no_actors["touchpoints"])


def test_tasks_before_the_first_section_get_an_unnamed_stage():
    data = import_mermaid((FIXTURES / "valid-tasks-before-first-section.mmd").read_text()).maps[0]
    assert data["stages"] == [
        {"id": "unnamed-section", "name": "Unnamed section"},
        {"id": "sign-up", "name": "Sign up"},
    ]
    assert [t["stage"] for t in data["touchpoints"]] == ["unnamed-section"] * 2 + ["sign-up"] * 2


def test_accessibility_texts():
    block = import_mermaid((FIXTURES / "valid-acc-descr-block.mmd").read_text()).maps[0]
    # Mermaid trims the block and the indentation of its lines.
    assert block["description"] == (
        "A new customer opens a current account online.\nIdentity checks happen by video call."
    )
    line = import_mermaid((FIXTURES / "valid-front-matter.mmd").read_text()).maps[0]
    assert line["title"] == "Renewing a home insurance policy"
    assert line["description"] == "How a policy holder renews, from the reminder letter to the new certificate"
    no_title = import_mermaid((FIXTURES / "valid-acc-title-when-no-title.mmd").read_text()).maps[0]
    assert (no_title["id"], no_title["title"]) == ("returning-a-parcel", "Returning a parcel")


def test_acc_title_is_kept_next_to_the_title_and_br_is_a_line_break():
    data = import_mermaid((FIXTURES / "valid-line-breaks-and-accessibility-texts.mmd").read_text()).maps[0]
    assert (data["title"], data["x-mermaid"]) == ("Opening an account", {"accTitle": "Account opening, step by step"})
    assert data["description"] == "How a new customer opens an account\nand what they feel on the way"
    assert data["stages"] == [{"id": "first-steps", "name": "First\nsteps"}]
    assert [t["name"] for t in data["touchpoints"]] == [
        "Fills in the form\nonline", "Reads <br> as text", "Waits\na day"
    ]


def test_entity_codes_become_their_characters():
    data = import_mermaid((FIXTURES / "valid-entity-codes.mmd").read_text()).maps[0]
    assert data["title"] == "Q&A ; entity codes & more"
    assert data["stages"][0]["name"] == "Pay: by card"
    assert [t["name"] for t in data["touchpoints"]] == ['Enters the "CVV" code', "Sees offer #1"]
    assert data["personas"] == [{"id": "buyer-first-time", "name": "Buyer, first time"}]


# -- grammar details checked inline ------------------------------------------------------


def test_crlf_line_ends_and_a_byte_order_mark_do_not_matter():
    diagram, warnings = parse_journey("\ufeffjourney\r\n  section A\r\n    T: 5: Me\r\n")
    assert warnings == []
    assert [(t.name, t.score, t.actors, t.line, t.column) for t in diagram.tasks] == [("T", 5.0, ("Me",), 3, 5)]


def test_statements_need_no_line_break_after_the_header():
    diagram, _ = parse_journey("journey title On one line\nsection A\nT: 4\n")
    assert diagram.title == "On one line"


def test_a_blank_section_name_is_an_unnamed_stage():
    data = import_mermaid("journey\nsection   \nT: 5\n").maps[0]
    assert data["stages"] == [{"id": "unnamed-section", "name": "Unnamed section"}]


def test_scores_are_read_as_javascript_numbers():
    diagram, _ = parse_journey("journey\nsection A\nA: 0x3\nB: +4\nC: .2e1\nD:  5.0  \nE: 1e0\n")
    assert [t.score for t in diagram.tasks] == [3.0, 4.0, 2.0, 5.0, 1.0]


def test_errors_elsewhere_in_the_diagram_are_all_reported_with_their_positions():
    assert _errors("journey\nsection A\nA: x\nB: 3: Me,\nC: NaN\n") == [
        (3, 4, "task 'A': score 'x' is not a number"),
        (4, 9, "task 'B': empty actor name"),
        (5, 4, "task 'C': score 'NaN' is not a number"),
    ]


def test_a_syntax_error_stops_reading():
    assert _errors("journey\nsection A\nA: x\nB; 3\nC: 9\n") == [
        (3, 4, "task 'A': score 'x' is not a number"),
        (4, 2, "';' does not separate statements in a Mermaid journey diagram: start a new line "
               "(write #59; for a ';' in a name)"),
    ]


def test_diagnostics_stop_at_the_limit_and_the_last_one_counts_the_rest():
    text = "journey\nsection A\n" + "T: 3: Me %%\n" * 5 + "U: x\n" * 5
    with pytest.raises(MermaidImportError) as caught:
        import_mermaid(text, limits=Limits(diagnostics=3))
    assert [(e.line, e.column, e.message) for e in caught.value.errors] == [
        (8, 4, "task 'U': score 'x' is not a number"),
        (9, 4, "task 'U': score 'x' is not a number"),
        (10, 4, "task 'U': score 'x' is not a number"),
        (11, 4, "2 more errors in this diagram are not reported"),
    ]
    diagram, warnings = parse_journey(text[: text.index("U:")], Limits(diagnostics=2))
    assert len(diagram.tasks) == 5
    assert [(w.line, w.column, w.message[-27:]) for w in warnings] == [
        (3, 10, "only at the start of a line"),
        (4, 10, "only at the start of a line"),
        (5, 10, "3 more warnings in this diagram are not reported"[-27:]),
    ]


def test_front_matter_errors_point_into_the_file():
    assert _errors("  ---\n  title: [unclosed\n  ---\njourney\nsection A\nT: 5\n") == [
        (2, 19, "front matter: invalid YAML: while parsing a flow sequence: did not find expected ',' or ']'"),
    ]


def test_slugify():
    assert slugify("Go to work") == "go-to-work"
    assert slugify("Καφές & σοκολάτα") == "kafes-sokolata"
    assert slugify("Ευχαριστώ, Αϋπνία") == "evcharisto-aypnia"
    assert slugify("Щука и Ёж") == "shchuka-i-ezh"
    assert slugify("Õnne tänav 5, Tallinn") == "onne-tanav-5-tallinn"
    assert slugify("Straße ﬁx") == "strasse-fix"
    assert slugify("שלום") is None
    assert slugify("東京 trip") is None
    assert slugify("🚀 Launch 🚀") == "launch"
    assert slugify("✨") is None


# -- Markdown ---------------------------------------------------------------------------


def test_markdown_imports_every_good_block_and_reports_each_bad_one():
    markdown = (
        "# Maps\n"
        "\n"
        "```mermaid\n"
        "journey\n"
        "    section A\n"
        "      T: nine\n"
        "```\n"
        "\n"
        "```mermaid\n"
        "journey\n"
        "    title Nothing happens yet\n"
        "```\n"
        "\n"
        "```mermaid\n"
        "journey\n"
        "    section B\n"
        "      U: 4; V: 2\n"
        "```\n"
        "\n"
        "```mermaid\n"
        "journey\n"
        "    section C\n"
        "      W: 4\n"
        "```\n"
    )
    result = import_markdown(markdown)
    assert [(e.line, e.column, e.message) for e in result.errors] == [
        (6, 10, "task 'T': score 'nine' is not a number"),
        (17, 11, "';' does not separate statements in a Mermaid journey diagram: start a new line "
                 "(write #59; for a ';' in a name)"),
    ]
    assert [(data["id"], data["title"], len(data["touchpoints"])) for data in result.maps] == [
        ("nothing-happens-yet", "Nothing happens yet", 0),
        ("imported-journey", "Imported journey", 1),
    ]


def test_markdown_reads_mermaid_example_blocks_as_in_mermaids_own_docs():
    markdown = (
        "```mermaid-example\n"
        "journey\n"
        "  section A\n"
        "    T: 4\n"
        "```\n"
        "```mermaid-examples\n"  # another language
        "journey\n"
        "  section B\n"
        "    U: 4\n"
        "```\n"
    )
    result = import_markdown(markdown)
    assert [[t["name"] for t in data["touchpoints"]] for data in result.maps] == [["T"]]


def test_markdown_fences_follow_commonmark():
    markdown = (
        "````mermaid\n"  # a longer fence: ``` inside does not close it
        "journey\n"
        "  section A\n"
        "    T: 4 # ``` not a fence\n"
        "````\n"
        "   ~~~ mermaid extra words\n"  # indented three spaces, info with more words
        "   journey\n"
        "     section B\n"
        "       U: 2\n"
        "   ~~~\n"
        "    ```mermaid\n"  # four spaces: an indented code block, not a fence
        "    journey\n"
        "    ```\n"
        "```Mermaid\n"  # the info string is case-sensitive
        "journey\n"
        "```\n"
    )
    result = import_markdown(markdown)
    assert [[t["name"] for t in data["touchpoints"]] for data in result.maps] == [["T"], ["U"]]
    assert [data["id"] for data in result.maps] == ["imported-journey", "imported-journey-2"]
