"""The fixed words of outputs in the map's language: catalogues, lookup, plurals, direction."""

from __future__ import annotations

import json
import re
import string
from importlib import resources

import pytest

from journeyctl.text.words import (
    BUNDLED,
    PLURAL_CATEGORIES,
    catalogue,
    is_language_tag,
    is_right_to_left,
    plural_category,
    words_for,
)

ENGLISH = catalogue("en")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_bundled_catalogues_are_the_files_in_the_package():
    files = sorted(p.name for p in resources.files("journeyctl.text").joinpath("words").iterdir()
                   if p.name.endswith(".json"))
    assert files == sorted(f"{language}.json" for language in BUNDLED)


@pytest.mark.parametrize("language", BUNDLED)
def test_every_catalogue_has_exactly_the_keys_of_english(language):
    assert sorted(catalogue(language)) == sorted(ENGLISH)


@pytest.mark.parametrize("language", BUNDLED)
def test_every_word_has_the_placeholders_of_its_english_word(language):
    for key, english in ENGLISH.items():
        word = catalogue(language)[key]
        if isinstance(english, str):
            assert isinstance(word, str), key
            assert placeholders(word) == placeholders(english), key
            assert word.strip() == word and word, key


@pytest.mark.parametrize("language", BUNDLED)
def test_every_counted_word_has_each_plural_form_of_its_language(language):
    counted = [key for key, value in ENGLISH.items() if isinstance(value, dict)]
    assert counted, "English counts nouns"
    for key in counted:
        forms = catalogue(language)[key]
        assert sorted(forms) == sorted(PLURAL_CATEGORIES[language]), key
        # Hebrew writes one and two in words ("שני שלבים"); every other form shows the count.
        for category, text in forms.items():
            assert placeholders(text) <= {"count"}, key
            if category not in ("one", "two") or language != "he":
                assert "{count}" in text, (key, category)


def test_a_catalogue_file_is_plain_json_with_unique_keys():
    for language in BUNDLED:
        text = resources.files("journeyctl.text").joinpath("words", f"{language}.json").read_text(encoding="utf-8")
        pairs = json.loads(text, object_pairs_hook=lambda items: items)
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), language


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("en", {1: "1 stage", 2: "2 stages", 0: "0 stages", 11: "11 stages"}),
        ("el", {1: "1 στάδιο", 2: "2 στάδια", 0: "0 στάδια"}),
        ("et", {1: "1 etapp", 2: "2 etappi", 21: "21 etappi"}),
        ("ru", {1: "1 этап", 2: "2 этапа", 4: "4 этапа", 5: "5 этапов", 11: "11 этапов", 12: "12 этапов",
                21: "21 этап", 22: "22 этапа", 0: "0 этапов", 111: "111 этапов", 101: "101 этап"}),
        ("he", {1: "שלב אחד", 2: "שני שלבים", 3: "3 שלבים", 0: "0 שלבים", 12: "12 שלבים"}),
    ],
)
def test_counts_take_the_plural_form_cldr_gives_the_language(language, counts):
    words = words_for(language)
    assert {n: words.counted(n, "count.stage") for n in counts} == counts


@pytest.mark.parametrize(
    ("language", "categories"),
    [
        ("ru", {1: "one", 21: "one", 2: "few", 24: "few", 5: "many", 11: "many", 14: "many", 0: "many"}),
        ("he", {1: "one", 2: "two", 3: "other", 20: "other"}),
        ("el", {1: "one", 0: "other", 2: "other"}),
        ("et", {1: "one", 0: "other", 7: "other"}),
        ("en", {1: "one", 0: "other"}),
    ],
)
def test_plural_categories_follow_cldr(language, categories):
    assert {n: plural_category(language, n) for n in categories} == categories


@pytest.mark.parametrize(
    ("tag", "used"),
    [
        (None, "en"), ("en", "en"), ("el", "el"), ("EL", "el"), ("el-GR", "el"), ("he-IL", "he"), ("iw", "he"),
        ("ru-RU", "ru"), ("et", "et"), ("pt-BR", "en"), ("zh-Hant-TW", "en"), ("x-private", "en"),
    ],
)
def test_a_tag_falls_back_to_its_base_language_then_english(tag, used):
    assert words_for(tag).language == used


def test_the_words_of_a_language_come_from_its_catalogue():
    assert words_for("el")["line_of_visibility"] == "γραμμή ορατότητας"
    assert words_for("ru")["pain_points"] == "Болевые точки"
    assert words_for("he")["touchpoint"] == "נקודת מגע"
    assert words_for("et")["touchpoint"] == "Puutepunkt"
    assert words_for("fr")["legend"] == "Legend"
    assert words_for("en").text("emotion_scale_range", min=-2, max=2, neutral=0) == "-2 to 2, neutral 0"
    assert words_for("el").capitalized("severity.high") == "Υψηλή"


def test_an_unknown_key_is_an_error_not_a_silent_blank():
    with pytest.raises(KeyError):
        words_for("el")["no-such-key"]
    with pytest.raises(KeyError):
        words_for("en")["count.stage"]  # a counted word needs a count


@pytest.mark.parametrize(
    ("tag", "well_formed"),
    [
        ("en", True), ("el", True), ("pt-BR", True), ("sr-Latn-RS", True), ("es-419", True), ("zh-yue-HK", True),
        ("de-CH-1996", True), ("en-US-u-ca-gregory", True), ("x-klingon", True), ("en-x-private", True),
        ("", False), ("e", False), ("english", False), ("en_US", False), ("en-", False), ("123", False),
        ("el GR", False), ("ελ", False),
    ],
)
def test_language_tags_are_checked_for_shape(tag, well_formed):
    assert is_language_tag(tag) is well_formed


@pytest.mark.parametrize(
    ("tag", "rtl"),
    [
        ("he", True), ("he-IL", True), ("iw", True), ("ar", True), ("ar-EG", True), ("fa", True), ("ur", True),
        ("yi", True), ("ps", True), ("sd", True), ("dv", True), ("ug", True), ("ckb", True),
        ("az-Arab", True), ("ku-Arab", True), ("pa-Arab", True),
        ("en", False), ("el", False), ("ru", False), ("et", False), ("az-Latn", False), ("uz-Cyrl", False),
        ("sd-Deva", False), (None, False), ("", False),
    ],
)
def test_right_to_left_follows_the_script_then_the_language(tag, rtl):
    assert is_right_to_left(tag) is rtl


def test_no_catalogue_word_holds_a_bidirectional_control_or_a_line_break():
    unsafe = re.compile("[\u202a-\u202e\u2066-\u2069\n\r]")
    for language in BUNDLED:
        for key, value in catalogue(language).items():
            for text in value.values() if isinstance(value, dict) else [value]:
                assert not unsafe.search(text), (language, key)


# -- every word an output asks for is in the catalogues ------------------------------------

GROUPS = ("report", "diagram", "count", "end", "lane", "severity", "priority", "priority_title", "status",
          "journey_status", "journey_state", "journey_state_short", "channel")


def test_every_dotted_key_the_outputs_name_is_in_english():
    import ast
    from pathlib import Path

    import journeyctl

    named = set()
    for path in Path(journeyctl.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # The fixed parts of an f-string key (f"severity.{value}") are checked below.
        pieces = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in pieces and \
                    re.fullmatch(rf"(?:{'|'.join(GROUPS)})\.[a-z_-]+", node.value):
                named.add(node.value)
    assert named, "the outputs name their words by key"
    assert sorted(named - set(ENGLISH)) == []


def test_the_words_built_from_the_models_values_exist():
    from journeyctl.model import BUILTIN_CHANNELS, Lane, Priority, RoadmapStatus, Severity
    from journeyctl.model.journey import JourneyState, JourneyStatus

    keys = [f"lane.{v.value}" for v in Lane] + [f"severity.{v.value}" for v in Severity]
    keys += [f"{group}.{v.value}" for v in Priority for group in ("priority", "priority_title")]
    keys += [f"status.{v.value}" for v in RoadmapStatus] + [f"journey_status.{v.value}" for v in JourneyStatus]
    keys += [f"{group}.{v.value}" for v in JourneyState for group in ("journey_state", "journey_state_short")]
    keys += [f"channel.{c}" for c in BUILTIN_CHANNELS] + ["end.success", "end.abandoned"]
    assert sorted(k for k in keys if k not in ENGLISH) == []
