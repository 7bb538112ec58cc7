"""Per-persona emotions and the map's language in the report, DOT and Mermaid outputs."""

from __future__ import annotations

import pytest

from journeyctl.analysis.paths import analyse_paths
from journeyctl.model import Touchpoint
from journeyctl.outputs.render.dot import render_dot
from journeyctl.outputs.render.mermaid import flowchart, journey_diagram
from journeyctl.outputs.render.report import render_index, render_report
from journeyctl.outputs.render.view import make_view
from journeyctl.text.escape import LEFT_TO_RIGHT_ISOLATE as LRI
from journeyctl.text.escape import POP_DIRECTIONAL_ISOLATE as PDI
from mermaid_parser import parse_mermaid
from render.support import doc_from_text

PER_PERSONA = """
id: plumber
title: Booking a plumber
{language}
personas:
  - {{id: hurry, name: Homeowner in a hurry}}
  - {{id: manager, name: Property manager}}
teams: [{{id: desk, name: Desk}}]
stages: [{{id: book, name: Book}}]
touchpoints:
  - id: search
    name: Searches
    stage: book
    channel: web
    lane: customer
    entry: true
    emotion: 1
    next: [call]
  - id: call
    name: Calls the office
    stage: book
    channel: phone
    owner: desk
    emotion: {{hurry: -2, manager: 0.5}}
    pain_points:
      - {{id: hold, summary: On hold, severity: high}}
    next: [booked]
  - id: booked
    name: Visit booked
    stage: book
    channel: sms
    owner: desk
    emotion: {{manager: 2}}
    end: success
"""


def per_persona(folder, language: str = ""):
    folder.mkdir(exist_ok=True)
    return doc_from_text(folder, PER_PERSONA.format(language=language))


# -- the model's accessors -------------------------------------------------------------


def test_a_plain_emotion_is_every_personas_and_a_mapping_each_ones(tmp_path):
    doc = per_persona(tmp_path)
    search, call, booked = doc.journey.touchpoints
    assert search.emotion_by_persona() == {None: 1}
    assert (search.emotion_for("hurry"), search.emotion_for(None), search.emotion_varies_by_persona) == (1, 1, False)
    assert call.emotion_by_persona() == {"hurry": -2, "manager": 0.5}
    assert (call.emotion_for("hurry"), call.emotion_for("manager"), call.emotion_for(None)) == (-2, 0.5, -0.75)
    assert call.emotion_varies_by_persona is True
    assert (booked.emotion_for("hurry"), booked.emotion_for(None)) == (None, 2)
    assert Touchpoint(id="t", name="T", stage="s", channel="web").emotion_by_persona() == {}


def test_the_mean_of_a_mapping_is_whole_when_the_numbers_are():
    tp = Touchpoint(id="t", name="T", stage="s", channel="web", emotion={"a": -2, "b": 0})
    assert repr(tp.emotion_for(None)) == "-1"
    huge = Touchpoint(id="t", name="T", stage="s", channel="web", emotion={"a": 1.5e308, "b": 1.5e308})
    assert huge.emotion_for(None) == 1.5e308


# -- paths -----------------------------------------------------------------------------


def test_paths_take_each_personas_emotions_or_the_mean(tmp_path):
    doc = per_persona(tmp_path)
    graph = make_view(doc).graph
    everyone, hurry, manager = (analyse_paths(graph, persona=p).paths[0] for p in (None, "hurry", "manager"))
    assert (everyone.min_emotion, everyone.mean_emotion) == (-0.75, (1 - 0.75 + 2) / 3)
    # The mapping on 'booked' leaves the hurried homeowner out: no emotion recorded there.
    assert (hurry.min_emotion, hurry.mean_emotion) == (-2, -0.5)
    assert (manager.min_emotion, manager.mean_emotion) == (0.5, (1 + 0.5 + 2) / 3)


# -- report ----------------------------------------------------------------------------


def test_the_report_shows_each_personas_emotion_and_curve(tmp_path):
    report = render_report(per_persona(tmp_path))
    assert "| Homeowner in a hurry: -2<br>Property manager: 0.5 |" in report
    assert "| Property manager: 2 |" in report
    assert '    title "Homeowner in a hurry"\n' in report
    assert "    line [1, -2]\n" in report
    assert '    title "Property manager"\n' in report
    assert "    line [1, 0.5, 2]\n" in report


def test_personas_who_feel_the_same_share_a_curve(tmp_path):
    text = PER_PERSONA.format(language="").replace("{hurry: -2, manager: 0.5}", "{hurry: -2, manager: -2}").replace(
        "emotion: {manager: 2}", "emotion: 2")
    report = render_report(doc_from_text(tmp_path, text))
    assert "### Homeowner in a hurry · Property manager\n" in report
    assert "    line [1, -2, 2]\n" in report


# -- Mermaid ---------------------------------------------------------------------------


def test_a_journey_task_is_written_once_per_score_with_the_personas_who_feel_it(tmp_path):
    doc = per_persona(tmp_path)
    diagram = journey_diagram(make_view(doc))
    lines = diagram.splitlines()
    assert lines[-5:] == [
        "        Searches: 4: Homeowner in a hurry, Property manager",
        "        Calls the office: 1: Homeowner in a hurry",
        "        Calls the office: 4: Property manager",
        # The mapping leaves the homeowner out here: neutral, as a touchpoint without emotion.
        "        Visit booked: 3: Homeowner in a hurry",
        "        Visit booked: 5: Property manager",
    ]
    parse_mermaid(diagram)


def test_with_a_persona_the_journey_shows_that_personas_scores(tmp_path):
    diagram = journey_diagram(make_view(per_persona(tmp_path), "manager"))
    assert diagram.splitlines()[-3:] == [
        "        Searches: 4: Property manager",
        "        Calls the office: 4: Property manager",
        "        Visit booked: 5: Property manager",
    ]


# -- DOT -------------------------------------------------------------------------------


def test_dot_labels_each_personas_emotion_and_fills_by_the_mean(tmp_path):
    doc = per_persona(tmp_path)
    dot = render_dot(make_view(doc))
    assert "emotion per persona:<BR/>Homeowner in a hurry: -2<BR/>Property manager: 0.5" in dot
    call = next(line for line in dot.splitlines() if line.lstrip().startswith('"call" ['))
    assert 'fillcolor="#fddbc7"' in call  # the mean, -0.75, on the -2..2 scale
    manager = render_dot(make_view(doc, "manager"))
    call = next(line for line in manager.splitlines() if line.lstrip().startswith('"call" ['))
    assert "emotion 0.5" in call and 'fillcolor="#d1e5f0"' in call  # 0.5: the first class above neutral


# -- language --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", ["## Этапы", "## Кривая эмоций", "| # | Точка контакта | Действия | Мысли |", "1 этап, 3 точки контакта",
                "### Высокая (1)", "| Веб-сайт |"]),
        ("et", ["## Etapid", "## Emotsioonikõver", "| # | Puutepunkt | Tegevus | Mõtted |", "1 etapp, 3 puutepunkti",
                "### Kõrge (1)", "| Veebileht |"]),
        ("el", ["## Στάδια", "## Καμπύλη συναισθήματος", "| # | Σημείο επαφής | Τι κάνει | Τι σκέφτεται |",
                "1 στάδιο, 3 σημεία επαφής", "### Υψηλή (1)", "| Ιστότοπος |"]),
        ("pt-BR", ["## Stages", "## Emotion curve", "1 stage, 3 touchpoints", "| Website |"]),
    ],
)
def test_the_report_speaks_the_maps_language(tmp_path, language, words):
    report = render_report(per_persona(tmp_path, f"language: {language}"))
    for word in words:
        assert word in report


def test_a_right_to_left_report_keeps_numbers_and_ids_left_to_right(tmp_path):
    report = render_report(per_persona(tmp_path, "language: he"))
    assert f"### {LRI}1.{PDI} Book\n" in report
    assert f"| סולם רגש | {LRI}-2{PDI} עד {LRI}2{PDI}, ניטרלי {LRI}0{PDI} |" in report
    assert f"Homeowner in a hurry: {LRI}-2{PDI}<br>Property manager: {LRI}0.5{PDI}" in report
    assert f"**Searches**<br>{LRI}`search`{PDI} · נקודת כניסה" in report
    # Numbers go into Mermaid as they are: its own parser reads them.
    assert "    line [1, -2]\n" in report
    assert LRI not in render_report(per_persona(tmp_path, "language: el"))


def test_a_right_to_left_report_isolates_every_id_and_number_where_it_stands(tmp_path):
    text = PER_PERSONA.format(language="language: he").replace(
        "    emotion: {{manager: 2}}\n".replace("{{", "{").replace("}}", "}"),
        "    emotion: {manager: 2}\n    metrics: {waiting-minutes: -3.5, channel: sms}\n",
    ) + "roadmap:\n  - {id: 2-call-back, title: Call back, priority: must, addresses: [hold, call]}\n"
    report = render_report(doc_from_text(tmp_path, text))
    assert f"| {LRI}`plumber`{PDI} |" in report  # the journey's id in the header
    assert f"**Call back**<br>{LRI}`2-call-back`{PDI} |" in report
    assert f"| On hold ({LRI}`hold`{PDI})<br>Calls the office ({LRI}`call`{PDI}) |" in report
    # the path table: the lowest and the mean emotion, which a minus sign would otherwise follow
    assert f"| 0 | {LRI}-0.75{PDI} | {LRI}0.75{PDI} |" in report
    assert f"waiting-minutes: {LRI}-3.5{PDI}<br>channel: sms" in report


@pytest.mark.parametrize("language", ["ar", "fa-IR", "ur", "ku-Arab", "yi", "iw", "he-IL"])
def test_a_right_to_left_language_without_words_of_its_own_is_still_isolated(tmp_path, language):
    # Arabic, Persian, Urdu… fall back to English words, but the map's own text runs right
    # to left: its numbers and ids must stay left to right all the same.
    report = render_report(per_persona(tmp_path, f"language: {language}"))
    assert f"### {LRI}1.{PDI} Book\n" in report
    assert f"Homeowner in a hurry: {LRI}-2{PDI}<br>Property manager: {LRI}0.5{PDI}" in report
    assert f"**Searches**<br>{LRI}`search`{PDI}" in report


@pytest.mark.parametrize("language", ["az-Latn", "ar-Latn", "pt-BR", "x-klingon"])
def test_a_left_to_right_script_or_language_is_not_isolated(tmp_path, language):
    assert LRI not in render_report(per_persona(tmp_path, f"language: {language}"))


def test_diagrams_speak_the_maps_language(tmp_path):
    doc = per_persona(tmp_path, "language: ru")
    dot = render_dot(make_view(doc))
    for word in ("Условные обозначения", "1 болевая точка · высокая", "✔ конец: успех", "шкала эмоций от -2 до 2",
                 "эмоция по персонам:<BR/>Homeowner in a hurry: -2"):
        assert word in dot
    chart = flowchart(make_view(doc))
    assert "1 болевая точка · высокая" in chart and "✔ конец#58; успех" in chart
    parse_mermaid(chart)


def test_the_index_speaks_the_language_all_its_maps_share_else_english(tmp_path):
    greek = [per_persona(tmp_path / name, "language: el-GR") for name in ("a", "b")]
    hebrew = per_persona(tmp_path / "c", "language: he")
    assert render_index(greek).startswith("# Χάρτες διαδρομής πελατών\n\n2 διαδρομές πελατών.\n")
    assert render_index([*greek, hebrew]).startswith("# Journey maps\n\n3 journeys.\n")
