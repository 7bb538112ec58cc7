"""References (JM003) and duplicate ids (JM004): within a journey, through catalogs, across journeys."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journeyctl.loading.config import Config
from journeyctl.loading.workspace import load_workspace

FIXTURES = Path(__file__).parent / "fixtures" / "workspace"

from minimal_map import MINIMAL


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def load(root: Path, *paths: str):
    return load_workspace(list(paths), Config(root=root), root)


def findings(root: Path, *paths: str) -> list[tuple]:
    """``(path, code, line, column, message)`` sorted as the linter sorts them."""
    return sorted((f.path, f.code, f.line, f.column, f.message) for f in load(root, *paths).findings)


def one_map(tmp_path: Path, text: str) -> list[tuple]:
    write(tmp_path, {"map.yaml": text})
    return [f[1:] for f in findings(tmp_path, "map.yaml")]


# -- references inside one journey -------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("    owner: recepton", 12, "touchpoint 'call': unknown team 'recepton'"),
        ("    personas: [homeowner]", 16, "touchpoint 'call': unknown persona 'homeowner'"),
        ("    next: [visit]", 12, "touchpoint 'call': unknown touchpoint 'visit'"),
        ("    next: [cal]", 12, "touchpoint 'call': unknown touchpoint 'cal' — did you mean 'call'?"),
        ("    next: [{to: visit, when: later}]", 17, "touchpoint 'call': unknown touchpoint 'visit'"),
        ("    next: [{journey: renewal}]", 22, "touchpoint 'call': unknown journey 'renewal'"),
        ("owner: cx", 8, "journey 'plumber': unknown team 'cx'"),
        ("personas: [galina]", 12, "journey 'plumber': unknown persona 'galina'"),
        ("personas: [{id: p, name: P, preferred_channels: [fax]}]", 50,
         "persona 'p': unknown channel 'fax' — did you mean 'faq'?"),
        ("roadmap: [{id: r, title: R, priority: must, owner: cx}]", 52, "roadmap item 'r': unknown team 'cx'"),
        ("roadmap: [{id: r, title: R, priority: must, addresses: [cal]}]", 57,
         "roadmap item 'r': unknown pain point or touchpoint 'cal' — did you mean 'call'?"),
    ],
)
def test_an_unknown_reference_is_located_at_the_reference(tmp_path, line, column, message):
    assert one_map(tmp_path, MINIMAL + line + "\n") == [("JM003", 14, column, message)]


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("    stage: book", "    stage: booking", (10, 12),
         "touchpoint 'call': unknown stage 'booking' — did you mean 'book'?"),
        ("    channel: phone", "    channel: fone", (11, 14),
         "touchpoint 'call': unknown channel 'fone' — did you mean 'phone'?"),
        ("    channel: phone", "    channel: yard-sign", (11, 14), "touchpoint 'call': unknown channel 'yard-sign'"),
    ],
)
def test_stage_and_channel_references(tmp_path, old, new, where, message):
    assert one_map(tmp_path, MINIMAL.replace(old, new)) == [("JM003", *where, message)]


@pytest.mark.parametrize(
    "channel",
    ["web", "app", "email", "phone", "sms", "chat", "chatbot", "social", "messaging", "in-person", "mail", "print",
     "self-service", "faq", "knowledge-base", "video"],
)
def test_every_built_in_channel_needs_no_declaration(tmp_path, channel):
    assert one_map(tmp_path, MINIMAL.replace("channel: phone", f"channel: {channel}")) == []


def test_a_declared_channel_overrides_a_built_in_one(tmp_path):
    write(tmp_path, {"map.yaml": MINIMAL + "channels: [{id: phone, name: Hotline, kind: voice}]\n"})
    (doc,) = load(tmp_path, "map.yaml").docs()
    assert doc.channels["phone"].name == "Hotline"
    assert doc.channels["email"].name == "E-mail"


def test_references_to_inline_definitions_resolve(tmp_path):
    text = MINIMAL.replace("    entry: true\n", "    entry: true\n    owner: reception\n    personas: [p]\n") + (
        "personas: [{id: p, name: P, preferred_channels: [yard-sign]}]\n"
        "channels: [{id: yard-sign, name: Yard sign}]\n"
        "teams: [{id: reception, name: Reception}]\n"
        "roadmap: [{id: r, title: R, priority: must, owner: reception, addresses: [call]}]\n"
    )
    assert one_map(tmp_path, text) == []


def test_a_roadmap_item_may_address_a_pain_point_or_a_touchpoint(tmp_path):
    text = MINIMAL + (
        "    pain_points: [{id: on-hold, summary: Waits}]\n"
        "roadmap: [{id: r, title: R, priority: must, addresses: [on-hold, call]}]\n"
    )
    assert one_map(tmp_path, text) == []


def test_every_unknown_reference_is_reported_with_its_element(tmp_path):
    write(tmp_path, {"map.yaml": MINIMAL + "    owner: x\n    next: [y, {journey: z}]\n"})
    found = sorted((f.line, f.column, f.element) for f in load(tmp_path, "map.yaml").findings)
    assert found == [(14, 12, "touchpoint:call"), (15, 12, "transition:call->y"), (15, 25, "transition:call->journey:z")]


# -- catalogs ----------------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of ``tests/fixtures/workspace`` to change freely."""
    target = tmp_path / "ws"
    shutil.copytree(FIXTURES, target)
    return target


def test_the_fixture_workspace_is_valid(workspace):
    result = load(workspace)
    assert result.findings == []
    assert sorted(doc.journey.id for doc in result.docs()) == ["checkout", "plumber", "renewal"]


def test_a_catalog_in_the_same_folder_and_one_in_a_parent_folder_both_apply(workspace):
    (doc,) = [d for d in load(workspace, "home/plumber.yaml").docs()]
    assert {"reception", "dispatch", "cx", "billing", "field"} <= set(doc.teams)
    assert "yard-sign" in doc.channels  # home/catalog.yaml
    assert doc.personas["galina"].name == "Galina, 68, phone first"  # catalog.yaml


def test_the_nearer_catalog_wins(workspace):
    (doc,) = load(workspace, "home/plumber.yaml").docs()
    assert doc.teams["reception"].name == "Reception (home catalog)"
    (doc,) = load(workspace, "shop/checkout.yaml").docs()
    assert doc.teams["reception"].name == "Reception (root catalog)"


def test_a_catalog_channel_overrides_the_built_in_one(workspace):
    (doc,) = load(workspace, "shop/checkout.yaml").docs()
    assert doc.channels["chat"].name == "Live chat widget (overrides the built-in)"


def test_an_inline_definition_wins_over_every_catalog(workspace):
    path = workspace / "home" / "plumber.yaml"
    path.write_text(path.read_text().replace(
        "  - {id: field, name: Field technicians}",
        "  - {id: field, name: Field technicians}\n  - {id: reception, name: Front desk}",
    ))
    (doc,) = load(workspace, "home/plumber.yaml").docs()
    assert doc.teams["reception"].name == "Front desk"


def test_a_catalog_in_a_sibling_folder_does_not_apply(workspace):
    path = workspace / "home" / "renewal.yaml"
    path.write_text(path.read_text().replace("    owner: billing", "    owner: warehouse"))
    assert findings(workspace, "home/renewal.yaml") == [
        ("home/renewal.yaml", "JM003", 13, 12, "touchpoint 'reminder': unknown team 'warehouse'")
    ]


def test_the_persona_list_of_a_journey_resolves_catalog_ids(workspace):
    (doc,) = load(workspace, "home/plumber.yaml").docs()
    assert [p.id for p in doc.journey_personas] == ["galina", "homeowner"]
    assert doc.journey_personas[0].preferred_channels == ["phone", "mail"]


def test_an_invalid_catalog_is_reported_and_its_ids_do_not_resolve(workspace):
    (workspace / "home" / "catalog.yaml").write_text(
        "journeyctl: 1\nkind: catalog\nteams:\n  - {id: dispatch}\n", encoding="utf-8"
    )
    assert findings(workspace, "home") == [
        ("home/catalog.yaml", "JM002", 4, 5, "team 'dispatch' is missing the required field 'name'"),
        ("home/plumber.yaml", "JM003", 32, 14, "touchpoint 'sign': unknown channel 'yard-sign'"),
        ("home/plumber.yaml", "JM003", 61, 12, "touchpoint 'dispatch': unknown team 'dispatch'"),
    ]


@pytest.mark.parametrize(
    ("catalog", "finding"),
    [
        ("journeyctl: 1\nkind: catalog\nteams: [{id: dispatch}]\n",
         ("home/catalog.yaml", "JM002", 3, 9, "team 'dispatch' is missing the required field 'name'")),
        ("journeyctl: 1\nkind: catalog\nteams: [{id: dispatch\n",
         ("home/catalog.yaml", "JM001", 4, 1, "invalid YAML: while parsing a flow mapping: did not find expected ',' "
                                              "or '}'")),
    ],
)
def test_a_broken_catalog_that_applies_to_a_linted_map_is_reported_with_it(workspace, catalog, finding):
    (workspace / "home" / "catalog.yaml").write_text(catalog, encoding="utf-8")
    result = load(workspace, "home/plumber.yaml")
    assert [f.path for f in result.targets] == ["home/plumber.yaml", "home/catalog.yaml"]
    assert sorted((f.path, f.code, f.line, f.column, f.message) for f in result.findings) == [
        finding,
        ("home/plumber.yaml", "JM003", 32, 14, "touchpoint 'sign': unknown channel 'yard-sign'"),
        ("home/plumber.yaml", "JM003", 61, 12, "touchpoint 'dispatch': unknown team 'dispatch'"),
    ]


def test_a_broken_catalog_that_is_excluded_is_not_reported(workspace):
    (workspace / "shop" / "catalog.yaml").write_text("journeyctl: 1\nkind: catalog\nteams: [x]\n", encoding="utf-8")
    result = load_workspace(["shop/checkout.yaml"], Config(root=workspace, exclude=["shop/catalog.yaml"]), workspace)
    assert [(f.path, f.code) for f in result.findings] == [("shop/checkout.yaml", "JM003")]


def test_a_broken_catalog_of_another_folder_is_not_reported(workspace):
    (workspace / "shop" / "catalog.yaml").write_text("journeyctl: 1\nkind: catalog\nteams: [x]\n", encoding="utf-8")
    assert load(workspace, "home/plumber.yaml").findings == []


def test_catalogs_above_the_workspace_root_do_not_apply(tmp_path):
    write(tmp_path, {
        "catalog.yaml": "journeyctl: 1\nkind: catalog\nteams: [{id: cx, name: CX}]\n",
        "project/map.yaml": MINIMAL + "owner: cx\n",
    })
    root = tmp_path / "project"
    assert findings(root, "map.yaml") == [("map.yaml", "JM003", 14, 8, "journey 'plumber': unknown team 'cx'")]


def test_a_catalog_persona_preferring_an_unknown_channel_is_reported_on_the_catalog(workspace):
    (workspace / "shop" / "catalog.yaml").write_text(
        "journeyctl: 1\nkind: catalog\nteams: [{id: warehouse, name: W}]\npersonas:\n"
        "  - {id: ann, name: Ann, preferred_channels: [chat, yard-sign, emial]}\n",
        encoding="utf-8",
    )
    # chat comes from the root catalog; yard-sign lives in home/catalog.yaml, a sibling.
    assert findings(workspace, "shop") == [
        ("shop/catalog.yaml", "JM003", 5, 53, "persona 'ann': unknown channel 'yard-sign'"),
        ("shop/catalog.yaml", "JM003", 5, 64, "persona 'ann': unknown channel 'emial' — did you mean 'email'?"),
    ]


def test_a_catalog_persona_may_prefer_a_channel_of_a_parent_catalog(workspace):
    path = workspace / "home" / "catalog.yaml"
    path.write_text(path.read_text() + "personas:\n  - {id: ann, name: Ann, preferred_channels: [chat, yard-sign]}\n")
    assert findings(workspace, "home/catalog.yaml") == []


def test_an_id_defined_twice_in_a_catalog_is_a_duplicate(workspace):
    (workspace / "shop" / "catalog.yaml").write_text(
        "journeyctl: 1\nkind: catalog\nteams:\n  - {id: warehouse, name: A}\n  - {id: warehouse, name: B}\n",
        encoding="utf-8",
    )
    assert findings(workspace, "shop/catalog.yaml") == [
        ("shop/catalog.yaml", "JM004", 5, 10, "duplicate team id 'warehouse' (also team 1 in the list)"),
    ]


# -- links between journeys --------------------------------------------------------------


def test_a_link_to_a_journey_and_touchpoint_of_the_workspace_resolves(workspace):
    assert findings(workspace, "home/plumber.yaml", "home/renewal.yaml") == []


def test_linting_one_file_indexes_the_rest_of_the_workspace_for_its_links(workspace):
    # renewal.yaml is not a target, yet plumber's link into it resolves.
    result = load(workspace, "home/plumber.yaml")
    assert result.findings == []
    assert [f.path for f in result.targets] == ["home/plumber.yaml"]
    assert result.journey_index["renewal"] == frozenset({"reminder", "renew"})


def test_a_link_into_another_folder_of_the_workspace_resolves(workspace):
    path = workspace / "shop" / "checkout.yaml"
    path.write_text(path.read_text().replace("    end: success\n", "    end: success\n    next: [{journey: plumber}]\n"))
    assert findings(workspace, "shop/checkout.yaml") == []


def test_the_workspace_is_not_indexed_when_every_link_resolves_among_the_targets(workspace):
    (workspace / "notes" / "trap.yaml").write_text("journeyctl: 1\nid: [broken\n", encoding="utf-8")
    result = load(workspace, "home/plumber.yaml", "home/renewal.yaml")
    assert set(result.journey_index) == {"plumber", "renewal"}


@pytest.mark.parametrize(
    ("link", "column", "message"),
    [
        ("{journey: renewl}", 19, "touchpoint 'visit': unknown journey 'renewl' — did you mean 'renewal'?"),
        ("{journey: renewal, touchpoint: remind}", 40,
         "touchpoint 'visit': journey 'renewal' has no touchpoint 'remind' — did you mean 'reminder'?"),
        ("{journey: nowhere, touchpoint: reminder}", 19, "touchpoint 'visit': unknown journey 'nowhere'"),
    ],
)
def test_a_cross_journey_link_that_does_not_resolve(workspace, link, column, message):
    path = workspace / "home" / "plumber.yaml"
    text = path.read_text().replace("      - journey: renewal\n        touchpoint: reminder\n", f"      - {link}\n")
    path.write_text(text)
    assert findings(workspace, "home/plumber.yaml") == [("home/plumber.yaml", "JM003", 73, column, message)]


def test_a_link_into_a_journey_that_fails_validation_is_not_reported_twice(workspace):
    path = workspace / "home" / "renewal.yaml"
    path.write_text(path.read_text().replace("title: Renewing the maintenance plan", "title: 12"))
    assert findings(workspace, "home") == [
        ("home/renewal.yaml", "JM002", 3, 8, "'title' must be text, not 12 (quote it to make it text)")
    ]
    assert findings(workspace, "home/plumber.yaml") == []


def test_a_link_to_a_journey_outside_the_configured_paths_does_not_resolve(workspace):
    path = workspace / "shop" / "checkout.yaml"
    path.write_text(path.read_text().replace("    end: success\n", "    end: success\n    next: [{journey: plumber}]\n"))
    config = Config(root=workspace, paths=["shop"])
    result = load_workspace([], config, workspace)
    assert [(f.path, f.code, f.message) for f in result.findings] == [
        ("shop/checkout.yaml", "JM003", "touchpoint 'paid': unknown journey 'plumber'")
    ]


# -- duplicate ids -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "where", "message", "element"),
    [
        ("personas: [{id: p, name: P}, {id: p, name: Q}]", (14, 35),
         "duplicate persona id 'p' (also persona 1 in the list)", "persona:p"),
        ("channels: [{id: fax, name: F}, {id: fax, name: G}]", (14, 37),
         "duplicate channel id 'fax' (also channel 1 in the list)", "channel:fax"),
        ("teams: [{id: t, name: T}, {id: x, name: X}, {id: t, name: U}]", (14, 50),
         "duplicate team id 't' (also team 1 in the list)", "team:t"),
        ("roadmap: [{id: r, title: R, priority: must}, {id: r, title: S, priority: could}]", (14, 51),
         "duplicate id 'r': already used by a roadmap item (touchpoint, pain point and roadmap ids are unique "
         "across the journey)", "roadmap_item:r"),
        ("roadmap: [{id: call, title: R, priority: must}]", (14, 16),
         "duplicate id 'call': already used by a touchpoint (touchpoint, pain point and roadmap ids are unique "
         "across the journey)", "roadmap_item:call"),
        ("    pain_points: [{id: call, summary: S}]", (14, 24),
         "duplicate id 'call': already used by a touchpoint (touchpoint, pain point and roadmap ids are unique "
         "across the journey)", "pain_point:call"),
        ("    pain_points: [{id: hold, summary: S}, {id: hold, summary: T}]", (14, 48),
         "duplicate id 'hold': already used by a pain point (touchpoint, pain point and roadmap ids are unique "
         "across the journey)", "pain_point:hold"),
    ],
)
def test_a_duplicate_id_is_located_at_the_second_definition(tmp_path, extra, where, message, element):
    write(tmp_path, {"map.yaml": MINIMAL + extra + "\n"})
    (finding,) = load(tmp_path, "map.yaml").findings
    assert (finding.code, finding.rule, finding.line, finding.column, finding.message, finding.element) == (
        "JM004", "duplicate-id", *where, message, element
    )


def test_duplicate_stages_and_touchpoints(tmp_path):
    text = MINIMAL.replace("touchpoints:\n", "  - {id: book, name: Again}\ntouchpoints:\n") + (
        "  - {id: call, name: Again, stage: book, channel: web}\n"
    )
    assert one_map(tmp_path, text) == [
        ("JM004", 7, 10, "duplicate stage id 'book' (also stage 1 in the list)"),
        ("JM004", 15, 10, "duplicate id 'call': already used by a touchpoint (touchpoint, pain point and roadmap "
                         "ids are unique across the journey)"),
    ]


def test_a_pain_point_on_another_touchpoint_shares_the_namespace(tmp_path):
    text = MINIMAL.replace("    end: success\n", "    end: success\n    pain_points: [{id: slow, summary: S}]\n") + (
        "  - id: wait\n    name: Waits\n    stage: book\n    channel: phone\n    pain_points: [{id: slow, summary: T}]\n"
    )
    assert one_map(tmp_path, text) == [
        ("JM004", 19, 24, "duplicate id 'slow': already used by a pain point (touchpoint, pain point and roadmap "
                          "ids are unique across the journey)"),
    ]


def test_the_same_id_in_different_kinds_is_fine(tmp_path):
    text = MINIMAL.replace("  - id: book\n    name: Book\n", "  - id: call\n    name: Call\n").replace(
        "    stage: book", "    stage: call"
    ) + "teams: [{id: call, name: Call centre}]\npersonas: [{id: call, name: Caller}]\nchannels: [{id: call, name: C}]\n"
    assert one_map(tmp_path, text) == []


def test_duplicate_ids_do_not_stop_reference_checks(tmp_path):
    text = MINIMAL + "    owner: nobody\nteams: [{id: t, name: T}, {id: t, name: U}]\n"
    assert one_map(tmp_path, text) == [
        ("JM003", 14, 12, "touchpoint 'call': unknown team 'nobody'"),
        ("JM004", 15, 32, "duplicate team id 't' (also team 1 in the list)"),
    ]


def test_a_reference_to_an_id_defined_twice_resolves(tmp_path):
    text = MINIMAL.replace("    stage: book", "    stage: twice\n    owner: t").replace(
        "stages:\n", "stages:\n  - {id: twice, name: A}\n  - {id: twice, name: B}\n"
    ) + "teams: [{id: t, name: T}, {id: t, name: U}]\n"
    assert one_map(tmp_path, text) == [
        ("JM004", 6, 10, "duplicate stage id 'twice' (also stage 1 in the list)"),
        ("JM004", 17, 32, "duplicate team id 't' (also team 1 in the list)"),
    ]


def test_a_journey_id_defined_in_two_files_is_reported_on_the_second(workspace):
    (workspace / "shop" / "copy.yaml").write_text(
        (workspace / "home" / "renewal.yaml").read_text(), encoding="utf-8"
    )
    result = load(workspace)
    assert [(f.path, f.code, f.line, f.column, f.message, f.element) for f in result.findings] == [
        ("shop/copy.yaml", "JM004", 2, 5, "duplicate journey id 'renewal': also defined in home/renewal.yaml",
         "journey:renewal"),
    ]
    assert sorted(doc.path for doc in result.docs()) == ["home/plumber.yaml", "home/renewal.yaml", "shop/checkout.yaml"]


def test_a_touchpoint_persona_must_be_one_of_the_journeys_personas(workspace):
    path = workspace / "home" / "plumber.yaml"
    path.write_text(path.read_text().replace("  - galina\n", "", 1))
    assert findings(workspace, "home/plumber.yaml") == [
        ("home/plumber.yaml", "JM003", 41, 16,
         "touchpoint 'call': persona 'galina' is not one of the journey's personas: "
         "add it to the top-level 'personas' list"),
    ]


# -- per-persona emotions ---------------------------------------------------------------

PERSONAS = "personas: [{id: homeowner, name: Homeowner}, {id: landlord, name: Landlord}]\n"


@pytest.mark.parametrize(
    ("emotion", "expected"),
    [
        ("{homeowner: -1, landlord: 1}", []),
        ("{homeowner: -1, landlrd: 1}",
         [("JM003", 14, 30, "touchpoint 'call': unknown persona 'landlrd' — did you mean 'landlord'?")]),
        ("{homeowner: -1, landlord: 3}",
         [("JM002", 14, 40, "touchpoint 'call': emotion 3 for persona 'landlord' is outside the journey's "
                            "emotion scale (-2 to 2)")]),
    ],
)
def test_each_persona_of_a_per_persona_emotion_is_the_journeys_and_within_the_scale(tmp_path, emotion, expected):
    assert one_map(tmp_path, MINIMAL + f"    emotion: {emotion}\n" + PERSONAS) == expected


def test_a_per_persona_emotion_names_only_personas_who_pass_through_the_touchpoint(tmp_path):
    text = MINIMAL + "    personas: [homeowner]\n    emotion: {homeowner: -1, landlord: 1}\n" + PERSONAS
    assert one_map(tmp_path, text) == [
        ("JM003", 15, 30, "touchpoint 'call': an emotion for persona 'landlord', who does not pass through this "
                          "touchpoint: add the persona to the touchpoint's 'personas' or remove the emotion"),
    ]


def test_a_per_persona_emotion_for_a_catalog_persona_asks_to_add_it_to_the_journey(workspace):
    path = workspace / "home" / "plumber.yaml"
    text = path.read_text()
    text = text.replace("  - galina\n", "", 1).replace("    personas: [galina, homeowner]\n", "")
    path.write_text(text.replace("    emotion: -1.5\n", "    emotion: {galina: -1, homeowner: -2}\n"))
    assert findings(workspace, "home/plumber.yaml") == [
        ("home/plumber.yaml", "JM003", 41, 15,
         "touchpoint 'call': an emotion for persona 'galina', who is not one of the journey's personas: "
         "add it to the top-level 'personas' list"),
    ]


@pytest.mark.parametrize(
    ("bad_id", "message"),
    [
        ("true", "'id' must be text, not true (quote it to make it text)"),
        ("2026", "'id' must be text, not 2026 (quote it to make it text)"),
        ("null", "'id' must be text, not empty"),
        ("[p]", "'id' must be text, not a list"),
    ],
)
def test_a_persona_id_that_is_not_text_leaves_the_other_references_checked(tmp_path, bad_id, message):
    # The id is reported where it stands; the misspelt persona elsewhere still gets its
    # suggestion among the personas whose ids are text.
    assert one_map(tmp_path, (
        "journeyctl: 1\nid: m\ntitle: M\n"
        f"personas: [{{id: {bad_id}, name: T}}, {{id: manager, name: Property manager}}]\n"
        "stages: [{id: s, name: S}]\n"
        "touchpoints: [{id: t, name: T, stage: s, channel: web, entry: true, end: success, emotion: {manger: 1}}]\n"
    )) == [
        ("JM002", 4, 17, message),
        ("JM003", 6, 93, "touchpoint 't': unknown persona 'manger' — did you mean 'manager'?"),
    ]
