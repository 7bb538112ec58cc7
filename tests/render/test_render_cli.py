"""``journeyctl render``, ``report`` and ``paths`` from the command line."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from journeyctl.cli import run
from render.support import EXAMPLES, MAPS, require_dot, write_map

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
EXAMPLE_IDS = sorted(p.stem for p in GOLDEN.glob("*.dot") if not (MAPS / f"{p.stem}.yaml").exists())


@pytest.fixture
def examples(tmp_path, monkeypatch):
    """A copy of ``examples/`` as the current folder, with the golden files' date."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-12-01")
    return tmp_path / "examples"


@pytest.fixture
def maps(tmp_path, monkeypatch):
    shutil.copytree(MAPS, tmp_path / "maps")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-12-01")
    return tmp_path / "maps"


def golden(name: str) -> bytes:
    return (GOLDEN / name).read_bytes()


def test_one_map_to_stdout(examples, capsysbinary):
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "dot"]) == 0
    out, err = capsysbinary.readouterr()
    assert out == golden("emergency-plumber.dot")
    assert err == b""


@pytest.mark.parametrize(
    ("diagram", "golden_suffix"), [("flowchart", ".flowchart.mmd"), ("journey", ".journey.mmd")]
)
def test_mermaid_diagram_to_stdout(examples, capsysbinary, diagram, golden_suffix):
    args = ["render", "examples/home-services/emergency-plumber.yaml", "--to", "mermaid", "--mermaid", diagram]
    assert run(args) == 0
    assert capsysbinary.readouterr().out == golden(f"emergency-plumber{golden_suffix}")


def test_a_folder_renders_one_file_per_journey(examples, tmp_path, capsys):
    out_dir = tmp_path / "out" / "deeper"
    assert run(["render", "examples", "--to", "mermaid", "-o", str(out_dir)]) == 0
    assert capsys.readouterr() == ("", "")
    assert sorted(p.name for p in out_dir.iterdir()) == [f"{i}.mmd" for i in EXAMPLE_IDS]
    for ident in EXAMPLE_IDS:
        assert (out_dir / f"{ident}.mmd").read_bytes() == golden(f"{ident}.flowchart.mmd")
    assert run(["render", "examples", "--to", "mermaid", "--mermaid", "both", "-o", str(out_dir)]) == 0
    both = (out_dir / "emergency-plumber.md").read_text(encoding="utf-8")
    assert both.count("```mermaid\n") == 2


def test_rendering_twice_gives_the_same_bytes(examples, tmp_path):
    for name in ("first", "second"):
        assert run(["render", "examples", "--to", "dot", "-o", str(tmp_path / name)]) == 0
    first = {p.name: p.read_bytes() for p in (tmp_path / "first").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "second").iterdir()}
    assert first == second
    assert len(first) == len(EXAMPLE_IDS)


def test_svg_runs_dot(examples, tmp_path):
    require_dot()
    assert run(["render", "examples/home-services", "--to", "svg", "-o", str(tmp_path / "svg")]) == 0
    svg = (tmp_path / "svg" / "emergency-plumber.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "Booking an emergency plumber" in svg


def test_several_maps_need_an_output_folder(examples, capsys):
    assert run(["render", "examples", "--to", "dot"]) == 2
    assert capsys.readouterr().err == (
        "journeyctl: error: rendering a folder or several maps writes one file per journey: "
        "give the folder with -o DIR\n"
    )


def test_unknown_format(examples, capsys):
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "gif"]) == 2
    assert capsys.readouterr().err == (
        "journeyctl: error: --to: unknown format 'gif' (expected one of dot, svg, png, pdf, mermaid)\n"
    )


def test_missing_dot_is_one_line(examples, capsys, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "svg"]) == 2
    assert capsys.readouterr() == (
        "",
        "journeyctl: error: Graphviz 'dot' not found: install it (apt-get install graphviz, "
        "brew install graphviz) or use --to dot\n",
    )


def test_binary_output_refuses_a_terminal(examples, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "png"]) == 2
    assert capsys.readouterr().err == "journeyctl: error: refusing to write PNG to a terminal: give a file with -o FILE\n"


def test_binary_output_to_a_pipe(examples, capsysbinary):
    require_dot()
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "png"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"\x89PNG\r\n")


def test_one_map_to_a_file(examples, tmp_path):
    target = tmp_path / "plumber.dot"
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "dot", "-o", str(target)]) == 0
    assert target.read_bytes() == golden("emergency-plumber.dot")


@pytest.mark.parametrize(
    ("name", "magic"),
    [("x.svg", b"<?xml"), ("x.png", b"\x89PNG\r\n"), ("x.PDF", b"%PDF-"), ("x.dot", b"digraph"), ("x.gv", b"digraph"),
     ("x.mmd", b"flowchart"), ("x.mermaid", b"flowchart"), ("no-extension", b"<?xml")],
)
def test_one_map_to_a_file_takes_the_format_from_its_extension(examples, tmp_path, capsys, name, magic):
    if magic in (b"<?xml", b"\x89PNG\r\n", b"%PDF-"):
        require_dot()
    target = tmp_path / name
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "-o", str(target)]) == 0
    assert capsys.readouterr() == ("", "")
    assert target.read_bytes().startswith(magic)


def test_an_explicit_format_agreeing_with_the_extension_is_fine(examples, tmp_path):
    target = tmp_path / "x.dot"
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "dot", "-o", str(target)]) == 0
    assert target.read_bytes() == golden("emergency-plumber.dot")


def test_a_format_contradicting_the_extension_is_a_usage_error(examples, tmp_path, capsys):
    target = tmp_path / "x.png"
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "svg", "-o", str(target)]) == 2
    assert capsys.readouterr() == (
        "", f"journeyctl: error: --to svg contradicts -o {target}, which names png: drop --to or change the extension\n"
    )
    assert not target.exists()


def test_an_extension_naming_no_format_needs_to(examples, tmp_path, capsys):
    target = tmp_path / "x.jpg"
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "-o", str(target)]) == 2
    assert capsys.readouterr() == (
        "",
        f"journeyctl: error: -o {target}: the extension '.jpg' names no format: give --to dot, svg, png, pdf "
        "or mermaid, or name the file .svg, .png, .pdf, .dot, .mmd, or .md (Markdown with the Mermaid diagrams "
        "of --mermaid flowchart, journey or both in code blocks)\n",
    )
    assert not target.exists()
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "dot", "-o", str(target)]) == 0
    assert target.read_bytes() == golden("emergency-plumber.dot")


def test_both_mermaid_diagrams_go_into_a_markdown_file_named_md(examples, tmp_path, capsys):
    target = tmp_path / "plumber.md"
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--mermaid", "both", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").count("```mermaid\n") == 2
    wrong = tmp_path / "plumber.mmd"
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--mermaid", "both", "-o", str(wrong)]) == 2
    assert capsys.readouterr() == ("", f"journeyctl: error: -o {wrong}: --mermaid both writes Markdown: name the file .md\n")
    assert not wrong.exists()


@pytest.mark.parametrize(
    ("argv", "heading"),
    [([], "Flowchart"), (["--to", "mermaid"], "Flowchart"), (["--mermaid", "journey"], "Journey"),
     (["--to", "mermaid", "--mermaid", "journey"], "Journey")],
)
def test_a_markdown_file_gets_the_chosen_diagram_in_a_code_fence(examples, tmp_path, capsys, argv, heading):
    plumber = "examples/home-services/emergency-plumber.yaml"
    diagram = ["--mermaid", "journey"] if heading == "Journey" else []
    assert run(["render", plumber, "--to", "mermaid", *diagram]) == 0
    bare = capsys.readouterr().out
    target = tmp_path / "plumber.md"
    assert run(["render", plumber, *argv, "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == (
        f"# Booking an emergency plumber\n\n## {heading}\n\n```mermaid\n{bare}```\n"
    )


def test_a_markdown_file_is_not_dot(examples, tmp_path, capsys):
    target = tmp_path / "plumber.md"
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "dot", "-o", str(target)]) == 2
    assert capsys.readouterr() == (
        "", f"journeyctl: error: --to dot contradicts -o {target}, which names mermaid: drop --to or change the extension\n"
    )
    assert not target.exists()


@pytest.mark.parametrize(("command", "doing", "name"), [
    ("render", "rendering", "many.png"), ("render", "rendering", "many.md"), ("render", "rendering", "many.mmd"),
    ("report", "reporting on", "many.md"),
])
def test_several_maps_into_a_file_name_are_a_usage_error(examples, tmp_path, capsys, command, doing, name):
    target = tmp_path / name
    assert run([command, "examples", "-o", str(target)]) == 2
    assert capsys.readouterr() == ("", (
        f"journeyctl: error: -o {target}: {doing} a folder or several maps writes one file per journey into a "
        f"folder, but {target.suffix!r} names a file: give a folder (-o DIR)\n"
    ))
    assert not target.exists()
    target.mkdir()  # an existing folder of that name is a folder
    if command == "render":
        assert run([command, "examples", "--to", "dot", "-o", str(target)]) == 0
        expected = [f"{i}.dot" for i in EXAMPLE_IDS]
    else:
        assert run([command, "examples", "-o", str(target)]) == 0
        expected = [f"{i}{s}" for i in EXAMPLE_IDS for s in (".md", ".canvas.svg")] + ["index.md"]
    assert sorted(p.name for p in target.iterdir()) == sorted(expected)


@pytest.mark.parametrize("to", [None, "svg", "png", "pdf"])
def test_svg_png_and_pdf_never_go_to_a_terminal(examples, capsys, monkeypatch, to):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    argv = ["render", "examples/home-services/emergency-plumber.yaml"] + (["--to", to] if to else [])
    assert run(argv) == 2
    shown = (to or "svg").upper()
    assert capsys.readouterr() == ("", f"journeyctl: error: refusing to write {shown} to a terminal: give a file with -o FILE\n")


def test_text_formats_still_go_to_a_terminal(examples, capsysbinary, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "dot"]) == 0
    assert capsysbinary.readouterr().out == golden("emergency-plumber.dot")


def test_one_map_into_a_folder(examples, tmp_path):
    target = tmp_path / "new"
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "dot", "-o", f"{target}/"]) == 0
    assert (target / "emergency-plumber.dot").read_bytes() == golden("emergency-plumber.dot")
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "mermaid", "-o", str(target)]) == 0
    assert (target / "emergency-plumber.mmd").read_bytes() == golden("emergency-plumber.flowchart.mmd")


def test_progress_only_on_a_terminal(monkeypatch):
    from journeyctl.cli import common
    from journeyctl.cli.render import show_progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert show_progress() is False
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert show_progress() is True
    monkeypatch.setattr(common.STATE, "quiet", True)
    assert show_progress() is False


def test_refuses_to_write_through_a_symlink_out_of_the_folder(examples, tmp_path, capsys):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me", encoding="utf-8")
    (out_dir / "emergency-plumber.dot").symlink_to(outside)
    assert run(["render", "examples", "--to", "dot", "-o", str(out_dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"journeyctl: error: {out_dir}/emergency-plumber.dot: refusing to write through a symbolic link")
    assert err.count("\n") == 1
    assert outside.read_text(encoding="utf-8") == "keep me"


def test_files_in_the_output_folder_are_generated_so_rendering_again_overwrites_them(examples, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "emergency-plumber.dot").write_text("an old rendering\n", encoding="utf-8")
    (out_dir / "notes.txt").write_text("not rendered\n", encoding="utf-8")
    assert run(["render", "examples", "--to", "dot", "-o", str(out_dir)]) == 0
    assert (out_dir / "emergency-plumber.dot").read_bytes() == golden("emergency-plumber.dot")
    assert (out_dir / "notes.txt").read_text(encoding="utf-8") == "not rendered\n"


@pytest.mark.parametrize("command", ["render", "report"])
def test_render_and_report_help_state_that_their_output_folder_is_overwritten(command, capsys):
    assert run([command, "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "before are overwritten; nothing else in the folder is touched." in help_text


def test_follows_a_symlink_inside_the_folder(examples, tmp_path):
    out_dir = tmp_path / "out"
    (out_dir / "current").mkdir(parents=True)
    (out_dir / "emergency-plumber.dot").symlink_to(out_dir / "current" / "plumber.dot")
    assert run(["render", "examples", "--to", "dot", "-o", str(out_dir)]) == 0
    assert (out_dir / "emergency-plumber.dot").is_symlink()
    assert (out_dir / "current" / "plumber.dot").read_bytes() == golden("emergency-plumber.dot")


def test_persona_and_highlight(maps, capsys):
    assert run(["render", "maps/hostile-labels.yaml", "--to", "dot", "--persona", "hebrew"]) == 0
    dot = capsys.readouterr().out
    assert '"hebrew" [' in dot and '"quotes" [' not in dot
    assert run(["render", "maps/hostile-labels.yaml", "--to", "dot", "--highlight-findings"]) == 0
    assert 'color="#d7191c", penwidth=3' in capsys.readouterr().out


def test_unknown_persona(maps, capsys):
    assert run(["render", "maps/hostile-labels.yaml", "--to", "dot", "--persona", "nobody"]) == 2
    assert capsys.readouterr().err == (
        "journeyctl: error: journey 'hostile-labels' has no persona 'nobody' (its personas: comma-colon, hebrew)\n"
    )
    assert run(["render", "maps", "--to", "dot", "--persona", "nobody", "-o", "out"]) == 2
    err = capsys.readouterr().err
    assert err.endswith("journeyctl: error: no journey map in maps has the persona 'nobody'\n")
    assert "journeyctl: warning: skipped: journey 'other-journey' has no persona 'nobody' (its personas: none)\n" in err


def test_broken_maps_are_reported_and_the_rest_rendered(maps, tmp_path, capsys):
    write_map(maps, "id: broken\ntitle: Broken\n", name="broken.yaml")
    assert run(["render", "maps", "--to", "dot", "-o", str(tmp_path / "out")]) == 1
    out, err = capsys.readouterr()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["hostile-labels.dot", "other-journey.dot"]
    assert "maps/broken.yaml:1:1: error JM002 [schema]" in err


def test_report_folder_writes_reports_and_an_index(examples, tmp_path, capsys):
    out_dir = tmp_path / "reports"
    assert run(["report", "examples", "-o", str(out_dir)]) == 0
    assert capsys.readouterr() == ("", "")
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(
        [f"{i}{s}" for i in EXAMPLE_IDS for s in (".md", ".canvas.svg")] + ["index.md"]
    )
    for ident in EXAMPLE_IDS:
        assert (out_dir / f"{ident}.md").read_bytes() == golden(f"{ident}.md"), ident
        assert (out_dir / f"{ident}.canvas.svg").read_bytes() == golden(f"{ident}.canvas.svg"), ident
    assert (out_dir / "index.md").read_bytes() == golden("examples-index.md")


def test_report_one_map_to_stdout(maps, capsysbinary):
    # on stdout there is nowhere beside the report to write the canvas to: no canvas section
    assert run(["report", "maps/other-journey.yaml"]) == 0
    canvas_section = b"## Canvas\n\n[![Canvas: Other journey](other-journey.canvas.svg)](other-journey.canvas.svg)\n\n"
    assert canvas_section in golden("other-journey.md")
    assert capsysbinary.readouterr().out == golden("other-journey.md").replace(canvas_section, b"")


def test_report_to_a_file_writes_the_canvas_beside_it(maps, tmp_path):
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    assert run(["report", "maps/other-journey.yaml", "-o", str(target)]) == 0
    assert target.read_bytes() == golden("other-journey.md")
    assert (target.parent / "other-journey.canvas.svg").read_bytes() == golden("other-journey.canvas.svg")


def test_report_format(maps, capsys):
    assert run(["report", "maps/other-journey.yaml", "--format", "pdf"]) == 2
    assert capsys.readouterr().err == "journeyctl: error: --format: unknown format 'pdf' (expected one of md, html)\n"


def test_paths_text_and_json(maps, capsys):
    assert run(["paths", "maps/other-journey.yaml"]) == 0
    assert capsys.readouterr().out == (
        "other-journey: 1 path from 1 entry\n"
        "  1. start  [success]\n"
        "     1 touchpoint, 0 channel switches, 0 handoffs, emotion min –, mean –\n"
        "  longest: path 1 (1 touchpoint)\n"
    )
    assert run(["paths", "maps/hostile-labels.yaml", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (journey,) = data["journeys"]
    assert data["version"] == 1
    assert (journey["journey"], journey["path"], journey["persona"]) == ("hostile-labels", "maps/hostile-labels.yaml", None)
    assert (journey["longest"], journey["worst"]) == (1, 2)
    assert [(p["length"], p["channel_switches"], p["handoffs"], p["min_emotion"], p["mean_emotion"], p["end"])
            for p in journey["paths"]] == [(17, 8, 2, -3, 0.42, "success"), (16, 6, 2, -3, 0.2, "success")]
    # The hebrew persona never passes the entry, which is another persona's.
    assert run(["paths", "maps/hostile-labels.yaml", "--persona", "hebrew"]) == 0
    assert capsys.readouterr().out == (
        "hostile-labels (persona hebrew): 0 paths from 0 entries\n  no path from an entry reaches an end\n"
    )


def test_paths_max_paths(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    lines = ["id: fan", "title: Fan", "stages: [{id: s, name: S}]", "touchpoints:",
             "  - {id: a, name: A, stage: s, channel: web, entry: true, next: [b1, b2, b3]}"]
    lines += [f"  - {{id: b{i}, name: B{i}, stage: s, channel: web, end: success}}" for i in (1, 2, 3)]
    write_map(tmp_path, "\n".join(lines) + "\n")
    assert run(["paths", "map.yaml", "--max-paths", "2"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("  truncated: stopped after 2 paths; there are more\n")


def test_direction_and_page_reach_the_flow_view(examples, capsysbinary):
    from journeyctl.outputs.render.dot import render_dot
    from journeyctl.outputs.render.view import make_view
    from render.support import load_doc

    view = make_view(load_doc(EXAMPLES / "home-services/emergency-plumber.yaml"))
    args = ["render", "examples/home-services/emergency-plumber.yaml", "--to", "dot"]
    assert run([*args, "--direction", "TB", "--page", "slide"]) == 0
    out, err = capsysbinary.readouterr()
    assert out.decode("utf-8") == render_dot(view, direction="TB", page="slide")
    assert out.startswith(b'digraph "emergency-plumber" {\n  graph [rankdir=TB, ')
    assert run([*args, "--page", "a4"]) == 0
    out, err = capsysbinary.readouterr()
    assert out.decode("utf-8") == render_dot(view, page="a4") != golden("emergency-plumber.dot").decode("utf-8")
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "mermaid", "--direction", "TB"]) == 0
    out, err = capsysbinary.readouterr()
    assert out == golden("emergency-plumber.flowchart.mmd").replace(b"flowchart LR\n", b"flowchart TB\n", 1)


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--direction", "RL"], "--direction: unknown direction 'RL' (expected LR or TB)"),
        (["--page", "letter"], "--page: unknown page 'letter' (expected one of a4, a3, slide)"),
    ],
)
def test_an_unknown_direction_or_page_is_one_line(examples, capsys, option, message):
    assert run(["render", "examples/home-services/emergency-plumber.yaml", "--to", "dot", *option]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"journeyctl: error: {message}\n")


def test_a_wrapped_png_of_every_example_fits_a_slide(examples, tmp_path):
    # Graphviz draws PNG at 96 dpi: each example's flow view, wrapped for a slide, keeps
    # within 2:1, where the unwrapped strips were over 7,000 pixels wide and 600 high.
    import struct

    require_dot()
    assert run(["render", "examples", "--to", "png", "--page", "slide", "-o", str(tmp_path / "out")]) == 0
    sizes = {}
    for png in sorted((tmp_path / "out").glob("*.png")):
        width, height = struct.unpack(">II", png.read_bytes()[16:24])
        sizes[png.stem] = (width, height)
    assert sorted(sizes) == EXAMPLE_IDS
    assert all(width <= 2 * height and height <= 2 * width for width, height in sizes.values()), sizes
