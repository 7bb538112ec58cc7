"""The JSON Schema: committed, generated from the models, valid 2020-12, and in agreement with the models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from journeyctl.cli import run
from journeyctl.loading.config import Config
from journeyctl.loading.workspace import load_workspace
from journeyctl.loading.yaml_errors import decode
from journeyctl.loading.yamlload import load_yaml
from journeyctl.model.schema import schema, schema_text

ROOT = Path(__file__).parent.parent
SCHEMAS = ROOT / "schemas"
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).parent / "fixtures"
KINDS = ("journey", "catalog")


def committed(kind: str) -> str:
    return (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")


def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(committed(kind)))


def kind_of(data) -> str:
    return "catalog" if isinstance(data, dict) and data.get("kind") == "catalog" else "journey"


def yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


# -- the committed files are the generated ones ------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_committed_schema_equals_the_generated_one(kind):
    command = "journeyctl schema" + ("" if kind == "journey" else " --kind catalog")
    assert schema_text(kind) == committed(kind), (
        f"schemas/{kind}.schema.json is out of date: regenerate it with "
        f"`{command} > schemas/{kind}.schema.json`"
    )


@pytest.mark.parametrize(("argv", "kind"), [(["schema"], "journey"), (["schema", "--kind", "journey"], "journey"),
                                            (["schema", "--kind", "catalog"], "catalog")])
def test_the_schema_command_prints_the_committed_schema_byte_for_byte(capsysbinary, argv, kind):
    assert run(argv) == 0
    out, err = capsysbinary.readouterr()
    assert err == b""
    assert out == committed(kind).encode("utf-8"), (
        f"`journeyctl {' '.join(argv)}` differs from schemas/{kind}.schema.json: regenerate it with "
        f"`journeyctl {' '.join(argv)} > schemas/{kind}.schema.json`"
    )


def test_the_schema_is_deterministic():
    assert [schema_text(k) for k in KINDS] == [schema_text(k) for k in KINDS]


# -- the schema itself -------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_schema_is_valid_json_schema_2020_12(kind):
    document = json.loads(committed(kind))
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"] == f"https://journeyctl.dev/schemas/v1/{kind}.schema.json"
    assert document["title"] == f"journeyctl {kind} file (format v1)"


def _properties(node, where=()):
    """Every ``(where, name, property schema)`` below ``node``."""
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield where, name, prop
        for key, value in node.items():
            yield from _properties(value, where + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, where + (index,))


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_has_a_description_for_editor_completion(kind):
    document = schema(kind)
    # Properties inside if/then/else and oneOf only restate a field the model describes.
    conditions = {"if", "then", "else", "oneOf"}
    missing = [
        f"{'/'.join(map(str, where))}/{name}"
        for where, name, prop in _properties(document)
        if not conditions & set(map(str, where)) and not prop.get("description")
    ]
    assert missing == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_model_allows_extension_keys_and_nothing_else(kind):
    document = schema(kind)
    objects = [document, *document["$defs"].values()]
    for definition in objects:
        if definition.get("type") == "object" and "properties" in definition:
            assert definition["additionalProperties"] is False, definition["title"]
            assert list(definition["patternProperties"]) == ["^x-"], definition["title"]


def test_enumerations_list_the_documented_values():
    defs = schema("journey")["$defs"]
    assert defs["Lane"]["enum"] == ["customer", "frontstage", "backstage", "support"]
    assert defs["Priority"]["enum"] == ["must", "should", "could", "wont"]
    assert defs["RoadmapStatus"]["enum"] == ["idea", "planned", "in-progress", "done", "dropped"]
    assert defs["Severity"]["enum"] == ["low", "medium", "high", "critical"]
    assert defs["ChannelKind"]["enum"] == [
        "digital", "voice", "messaging", "social", "in-person", "print", "self-service", "other",
    ]


def test_the_required_fields_are_those_of_the_format():
    document = schema("journey")
    defs = document["$defs"]
    assert document["required"] == ["journeyctl", "id", "title", "stages", "touchpoints"]
    assert defs["Touchpoint"]["required"] == ["id", "name", "stage"]
    assert defs["RoadmapItem"]["required"] == ["id", "title", "priority"]
    assert defs["PainPoint"]["required"] == ["id", "summary"]
    assert schema("catalog")["required"] == ["journeyctl", "kind"]


# -- every example validates -------------------------------------------------------------

EXAMPLE_FILES = yaml_files(EXAMPLES)


def test_there_are_examples_to_check():
    assert len(EXAMPLE_FILES) >= 2


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.relative_to(EXAMPLES).as_posix())
def test_every_example_validates_against_its_schema(path):
    data = load_yaml(decode(path.read_bytes())).data
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(kind_of(data)).iter_errors(data)]
    assert errors == []


def test_the_fixture_workspace_validates_against_the_schema():
    root = FIXTURES / "workspace"
    targets = load_workspace([], Config(root=root), root).targets
    assert len(targets) == 6
    for file in targets:
        data = file.loaded.data
        assert (file.path, list(validator(kind_of(data)).iter_errors(data))) == (file.path, [])


# -- the models and the schema agree -----------------------------------------------------


def model_findings(path: Path) -> list[str]:
    """The JM002 messages the models give for one file (loaded on its own)."""
    result = load_workspace([path.name], Config(root=path.parent), path.parent)
    return [f.message for f in result.findings if f.code == "JM002" and f.path == path.name]


def schema_errors(path: Path) -> list[str]:
    data = load_yaml(decode(path.read_bytes())).data
    return [e.message for e in validator(kind_of(data)).iter_errors(data)]


INVALID = {
    "invalid-catalog-team-without-name.yaml": "team 'reception' is missing the required field 'name'",
    "invalid-catalog-with-stages.yaml": "unknown field 'stages' (extension keys must start with 'x-')",
    "invalid-date-not-iso.yaml": "'2026-9-1' is not an ISO date (YYYY-MM-DD)",
    "invalid-emotion-is-text.yaml": "'emotion' must be a number or a mapping, not 'low'",
    "invalid-emotion-per-persona-empty-mapping.yaml": "'emotion' must not be an empty mapping",
    "invalid-emotion-per-persona-persona-not-a-slug.yaml": "'Homeowner' is not a valid id for a key of 'emotion': "
                                                           "use lowercase letters, digits and '-', starting with "
                                                           "a letter or digit (e.g. 'homeowner')",
    "invalid-emotion-per-persona-persona-value-is-text.yaml": "the emotion of persona 'homeowner' must be a "
                                                              "number, not 'low'",
    "invalid-entry-is-text.yaml": "'entry' must be true or false, not 'yes' (write true or false without quotes)",
    "invalid-frontstage-without-channel.yaml": "a frontstage touchpoint needs a 'channel'",
    "invalid-id-not-a-slug.yaml": "'Emergency Plumber' is not a valid id for 'id': use lowercase letters, digits "
                                  "and '-', starting with a letter or digit (e.g. 'emergency-plumber')",
    "invalid-language-not-a-tag.yaml": "'greek' is not a BCP 47 language tag (e.g. en, el, he, pt-BR)",
    "invalid-milestone-quarter-5.yaml": "'2027-Q5' is not a milestone: use an ISO date (2027-03-31) or a quarter "
                                        "(2027-Q1)",
    "invalid-missing-title.yaml": "journey 'plumber' is missing the required field 'title'",
    "invalid-name-is-a-number.yaml": "'name' must be text, not 2026 (quote it to make it text)",
    "invalid-next-not-a-list.yaml": "'next' must be a list, not 'call'",
    "invalid-no-stages.yaml": "'stages' must list at least one item",
    "invalid-pain-point-severity.yaml": "'severity' must be one of low, medium, high, critical, not 'huge'",
    "invalid-touchpoint-without-journey.yaml": "'touchpoint' is only allowed together with 'journey'",
    "invalid-transition-with-two-targets.yaml": "a transition needs exactly one of 'to' (a touchpoint) or "
                                                "'journey' (another journey)",
    "invalid-transition-without-target.yaml": "a transition needs exactly one of 'to' (a touchpoint) or "
                                              "'journey' (another journey)",
    "invalid-unknown-key.yaml": "unknown field 'chanel' — did you mean 'channel'? (extension keys must start "
                                "with 'x-')",
    "invalid-unknown-lane.yaml": "'lane' must be one of customer, frontstage, backstage, support, not 'sideways'",
    "invalid-version-2.yaml": "unsupported format version 2: this journeyctl reads version 1",
}


def test_every_invalid_fixture_is_listed():
    assert sorted(p.name for p in (FIXTURES / "schema").glob("invalid-*.yaml")) == sorted(INVALID)


@pytest.mark.parametrize("name", sorted(INVALID))
def test_an_invalid_fixture_is_rejected_by_both_the_models_and_the_schema(name):
    path = FIXTURES / "schema" / name
    assert model_findings(path) == [INVALID[name]]
    assert len(schema_errors(path)) == 1


def test_a_fixture_valid_for_the_models_is_valid_for_the_schema():
    path = FIXTURES / "schema" / "valid-schema-edge-cases.yaml"
    assert model_findings(path) == []
    assert schema_errors(path) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("model-only-date-does-not-exist.yaml", "'2026-02-30' is not a real date"),
        ("model-only-emotion-outside-scale.yaml",
         "touchpoint 'call': emotion 5 is outside the journey's emotion scale (-2 to 2)"),
        ("model-only-scale-upside-down.yaml", "'min' (2) must be below 'max' (-2)"),
    ],
)
def test_the_models_also_check_what_json_schema_cannot_express(name, message):
    # Calendar dates and comparisons between fields are beyond JSON Schema; editors accept
    # these files and `journeyctl lint` reports them.
    path = FIXTURES / "schema" / name
    assert model_findings(path) == [message]
    assert schema_errors(path) == []
