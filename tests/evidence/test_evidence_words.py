"""The evidence outputs in the map's language: the flow overlay's labels and tooltips, the
report's Evidence section and ``evidence --format md``, on a Greek and a Hebrew twin of
docs/evidence.md's worked example. Numbers, durations and ids in a Hebrew map are
left-to-right isolates (U+2066 … U+2069)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from journeyctl.cli import run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "observed"
LRI, PDI = "\u2066", "\u2069"


def ltr(text: str) -> str:
    return f"{LRI}{text}{PDI}"


@pytest.fixture
def twin(tmp_path, monkeypatch):
    """Writes the plumber map with ``language:`` set and its log into ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "events.csv", tmp_path / "events.csv")

    def make(language: str) -> None:
        text = (FIXTURES / "plumber.yaml").read_text(encoding="utf-8")
        (tmp_path / "map.yaml").write_text(text.replace("title: ", f"language: {language}\ntitle: ", 1),
                                           encoding="utf-8")

    return make


def output(capsys, *args: str) -> str:
    assert run(list(args)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def attribute(dot: str, start: str, name: str) -> str:
    """The value of attribute ``name`` on the one DOT line starting with ``start``."""
    (line,) = [line.strip() for line in dot.splitlines() if line.strip().startswith(start)]
    value = line.split(f"{name}=", 1)[1]
    return value[: value.index(">>") + 2] if value.startswith("<") else value[: value.index('"', 1) + 1]


def section(markdown: str, heading: str) -> list[str]:
    """The lines of the Markdown section starting at ``heading``, up to the next of its level."""
    lines = markdown.splitlines()
    start = lines.index(heading)
    level = heading.split(" ")[0] + " "
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith(level)), len(lines))
    return lines[start:end]


def test_the_greek_overlay_labels_touchpoints_and_edges_in_greek(twin, capsys):
    twin("el")
    dot = output(capsys, "render", "map.yaml", "--to", "dot", "--evidence", "events.csv")
    assert attribute(dot, '"search" [', "xlabel") == (
        '<<FONT POINT-SIZE="8">6 περιπτώσεις<BR/><FONT COLOR="#d55e00"><B>↘ 1 αποχώρηση (16.7%)</B></FONT></FONT>>')
    assert attribute(dot, '"voicemail" [', "xlabel") == '<<FONT POINT-SIZE="8">2 περιπτώσεις</FONT>>'
    assert attribute(dot, '"call-office" -> "via:1"', "label").endswith(
        '<FONT POINT-SIZE="8" COLOR="#252525">4× · διάμεσος 14m · 50.0% πάνω από το SLA</FONT>>')
    assert attribute(dot, '"search" -> "voicemail"', "label") == (
        '<<FONT POINT-SIZE="8" COLOR="#d55e00">1× · διάμεσος 1m</FONT>>')
    assert attribute(dot, '"search" -> "voicemail"', "tooltip") == '"μη τεκμηριωμένη: search->voicemail"'


def test_the_hebrew_overlay_keeps_numbers_and_ids_left_to_right(twin, capsys):
    twin("he")
    dot = output(capsys, "render", "map.yaml", "--to", "dot", "--evidence", "events.csv")
    assert attribute(dot, '"search" [', "xlabel") == (
        f'<<FONT POINT-SIZE="8">6 מקרים<BR/><FONT COLOR="#d55e00"><B>↘ נטישה אחת ({ltr("16.7%")})</B></FONT></FONT>>')
    assert attribute(dot, '"voicemail" [', "xlabel") == '<<FONT POINT-SIZE="8">שני מקרים</FONT>>'
    assert attribute(dot, '"call-office" -> "via:1"', "label").endswith(
        f'<FONT POINT-SIZE="8" COLOR="#252525">{ltr("4×")} · חציון {ltr("14m")} · {ltr("50.0%")} מעבר ל-SLA</FONT>>')
    assert attribute(dot, '"search" -> "voicemail"', "tooltip") == f'"לא מתועד: {ltr("search->voicemail")}"'


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")
def test_graphviz_accepts_the_hebrew_overlay(twin, capsys):
    twin("he")
    dot = output(capsys, "render", "map.yaml", "--to", "dot", "--evidence", "events.csv")
    done = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert "לא מתועד" in done.stdout.decode()


def test_an_unused_transition_is_marked_in_the_maps_language(twin, capsys, tmp_path):
    twin("el")
    # a log in which nobody goes from the call to the voicemail
    rows = [line for line in (tmp_path / "events.csv").read_text(encoding="utf-8").splitlines()
            if "call.voicemail" not in line]
    (tmp_path / "events.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    dot = output(capsys, "render", "map.yaml", "--to", "dot", "--evidence", "events.csv")
    assert attribute(dot, '"call-office" -> "voicemail"', "label") == (
        '<<FONT POINT-SIZE="8" COLOR="#bdbdbd">αχρησιμοποίητη</FONT>>')


GREEK_SECTION = [
    "## Τεκμήρια",
    "",
    "8 περιπτώσεις, 24 συμβάντα, 2 από αυτά χωρίς αντιστοίχιση. **Συμφωνία: 37.5%** (3 από 8 περιπτώσεις "
    "ξεκινούν από σημείο εισόδου, τελειώνουν σε σημείο τέλους και περνούν μόνο από μεταβάσεις του χάρτη).",
    "",
    "### Σημεία επαφής",
    "",
    "| Σημείο επαφής | Περιπτώσεις | Επισκέψεις | Συμβάντα | Αποχωρήσεις | Ποσοστό αποχώρησης |",
    "|---|---:|---:|---:|---:|---:|",
    "| search | 6 | 6 | 7 | 1 | 16.7% |",
    "| call-office | 5 | 5 | 6 | 0 | 0.0% |",
    "| voicemail | 2 | 2 | 2 | 0 | 0.0% |",
    "| dispatch-job | 4 | 4 | 4 | 1 | 25.0% |",
    "| visit | 3 | 3 | 3 | 0 | 0.0% |",
    "",
    "### Μεταβάσεις",
    "",
    "| Μετάβαση | Στον χάρτη | Περιπτώσεις | Πλήθος | Διάμεσος | p90 | SLA | Πάνω από το SLA |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
    "| search → call-office | ναι | 4 | 4 | 2m | 3m 24s | – | – |",
    "| search → voicemail | **μη τεκμηριωμένη** | 1 | 1 | 1m | 1m | – | – |",
    "| call-office → dispatch-job | ναι | 4 | 4 | 14m | 25m 42s | 10m | 50.0% |",
    "| call-office → voicemail | ναι | 1 | 1 | 0s | 0s | – | – |",
    "| dispatch-job → visit | ναι | 3 | 3 | 1h 45m | 2h 5m | – | – |",
    "",
    "### Δραστηριότητες χωρίς αντιστοίχιση",
    "",
    "| Δραστηριότητα | Συμβάντα |",
    "|---|---:|",
    "| newsletter.opened | 2 |",
    "",
    "### Συχνότερες παραλλαγές που δεν συμφωνούν με τον χάρτη",
    "",
    "| Περιπτώσεις | Παραλλαγή |",
    "|---:|---|",
    "| 1 | (κανένα συμβάν σημείου επαφής) |",
    "| 1 | call-office → dispatch-job → visit |",
    "| 1 | search |",
    "| 1 | search → call-office → dispatch-job |",
    "| 1 | search → voicemail |",
    "",
    "### Κανάλια",
    "",
    "| Σημείο επαφής | Στον χάρτη | Στο αρχείο |",
    "|---|---|---|",
    "| search | web | web (7) |",
    "| call-office | phone | phone (5), chat (1) |",
    "| voicemail | phone | phone (2) |",
    "| visit | in-person | in-person (3) |",
    "",
]


def test_the_greek_report_has_its_evidence_section_in_greek(twin, capsys):
    twin("el")
    report = output(capsys, "report", "map.yaml", "--evidence", "events.csv")
    assert section(report, "## Τεκμήρια") == GREEK_SECTION


def test_the_hebrew_report_isolates_numbers_and_ids(twin, capsys):
    twin("he")
    lines = section(output(capsys, "report", "map.yaml", "--evidence", "events.csv"), "## ראיות")
    assert lines[2] == (
        f"8 מקרים, 24 אירועים, מתוכם {ltr('2')} ללא מיפוי. **התאמה: {ltr('37.5%')}** ({ltr('3')} מתוך 8 מקרים "
        "מתחילים בנקודת כניסה, מסתיימים בנקודת סיום ועוברים רק במעברים שבמפה).")
    assert lines[6] == "| נקודת מגע | מקרים | ביקורים | אירועים | נטישות | שיעור נטישה |"
    assert lines[8] == f"| {ltr('search')} | {ltr('6')} | {ltr('6')} | {ltr('7')} | {ltr('1')} | {ltr('16.7%')} |"
    assert lines[16] == "| מעבר | במפה | מקרים | מספר | חציון | p90 | SLA | מעבר ל-SLA |"
    assert lines[19] == (f"| {ltr('search → voicemail')} | **לא מתועד** | {ltr('1')} | {ltr('1')} | {ltr('1m')} | "
                         f"{ltr('1m')} | {ltr('–')} | {ltr('–')} |")
    assert "### פעילויות ללא מיפוי" in lines
    assert f"| {ltr('1')} | (אין אירוע של נקודת מגע) |" in lines


def test_evidence_as_markdown_follows_the_map_and_text_stays_english(twin, capsys):
    twin("el")
    md = output(capsys, "evidence", "map.yaml", "--events", "events.csv", "--format", "md")
    lines = section(md, "# Τεκμήρια: emergency-plumber-observed")
    assert lines[2] == "Από το αρχείο συμβάντων events.csv."
    # a document of its own: its sections are one level up from the report's
    assert lines[4:] == [line.replace("### ", "## ", 1) for line in GREEK_SECTION[2:-1]]
    text = output(capsys, "evidence", "map.yaml", "--events", "events.csv", "--format", "text")
    assert "περιπτώσεις" not in text and "cases" in text


def test_english_words_are_those_of_before(twin, capsys):
    twin("en")
    md = output(capsys, "evidence", "map.yaml", "--events", "events.csv", "--format", "md")
    assert md.splitlines()[:5] == [
        "# Evidence: emergency-plumber-observed",
        "",
        "From the event log events.csv.",
        "",
        "8 cases, 24 events, 2 of them unmapped. **Fitness: 37.5%** (3 of 8 cases start at an entry, end at an end "
        "and take only mapped transitions).",
    ]
    assert "| search → voicemail | **undocumented** | 1 | 1 | 1m | 1m | – | – |" in md.splitlines()
