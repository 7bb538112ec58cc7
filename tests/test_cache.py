"""The lint cache: a cached run says exactly what an uncached one says, whatever changed.

Random edit sequences over a small workspace (map contents, catalogs, journey and
touchpoint renames that make links resolve or break, duplicate ids, configuration,
journeyctl's code, edits that keep size and mtime) compare the JSON report of a cached
run with that of ``--no-cache``, byte for byte, after every step. Other tests cover the
formats, what a warm run skips, concurrent runs and damaged cache files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import journeyctl.loading.cache as cache_module
from journeyctl.checks import staged as staged_module
from journeyctl.cli import run
from journeyctl.loading.cache import CACHE_DIR, open_cache

REPO = Path(__file__).parents[1]

CATALOG = """\
journeyctl: 1
kind: catalog
teams:
  - {{id: support, name: Support}}
  - {{id: {team}, name: Field team}}
channels:
  - {{id: {channel}, name: Kiosk, kind: in-person}}
"""

#: A journey with a link to another journey (``{link}``, ``{link_tp}``), a team and a
#: channel from the catalogs, and an emotion the rules look at.
JOURNEY = """\
journeyctl: 1
id: {ident}
title: {title}
owner: support
reviewed: 2026-09-01
stages:
  - {{id: start, name: Start}}
  - {{id: finish, name: Finish}}
touchpoints:
  - id: {first}
    name: Μπαίνει στο σάιτ — 入口 🚪
    stage: start
    channel: {channel}
    owner: {team}
    entry: true
    emotion: {emotion}
    next: [done]  # journeyctl: ignore[{ignored}]
  - id: done
    name: Готово
    stage: finish
    channel: web
    owner: support
    end: success
    next:
      - journey: {link}
        touchpoint: {link_tp}
"""

NAMES = ["alpha", "beta", "gamma", "delta"]
FOLDERS = {"alpha": "", "beta": "", "gamma": "east/", "delta": "east/"}


class Workspace:
    """The small workspace the edit sequences work on, written out in full after each step."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.maps = {
            name: dict(
                ident=name, title=f"Journey {name}", first="arrive", channel="kiosk", team="field",
                emotion=0, ignored="dead-end", link=NAMES[(i + 1) % len(NAMES)], link_tp="arrive",
            )
            for i, name in enumerate(NAMES)
        }
        self.catalogs = {"": dict(team="field", channel="kiosk"), "east/": dict(team="east-field", channel="stall")}
        self.config = ""
        (root / "east").mkdir()
        self.write_all()

    def write(self, path: Path, text: str) -> None:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")

    def write_all(self) -> None:
        self.write(self.root / "journeyctl.toml", self.config)
        for folder, values in self.catalogs.items():
            self.write(self.root / folder / "catalog.yaml", CATALOG.format(**values))
        for name, values in self.maps.items():
            self.write(self.root / f"{FOLDERS[name]}{name}.yaml", JOURNEY.format(**values))


def report(root: Path, out: Path, *extra: str) -> bytes:
    """The JSON report of a lint of the workspace at ``root``, run from there."""
    previous = os.getcwd()
    os.chdir(root)
    try:
        code = run(["lint", "--format", "json", "--select", "ALL", "-o", str(out), *extra])
    finally:
        os.chdir(previous)
    assert code in (0, 1)
    return out.read_bytes()


def same_size_same_mtime(path: Path) -> None:
    """Change one character of ``path`` in place, keeping its size, inode and mtime."""
    info = path.stat()
    data = bytearray(path.read_bytes())
    # the first touchpoint's id, which the map that links here names
    at = data.index(b"- id: ", data.index(b"touchpoints:")) + len(b"- id: ")
    data[at] = ord("x") if data[at] != ord("x") else ord("y")
    with open(path, "r+b") as handle:
        handle.write(bytes(data))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


name = st.sampled_from(NAMES)
steps = st.one_of(
    st.tuples(st.just("emotion"), name, st.sampled_from([-2, 0, 1, 9])),
    st.tuples(st.just("title"), name, st.sampled_from(["Renewal", "Ανανέωση", "חידוש", "更新"])),
    st.tuples(st.just("rename-journey"), name, st.sampled_from(NAMES + ["epsilon"])),
    st.tuples(st.just("rename-touchpoint"), name, st.sampled_from(["arrive", "enter"])),
    st.tuples(st.just("link"), name, st.sampled_from(NAMES + ["epsilon", "alphq"])),
    st.tuples(st.just("ignore"), name, st.sampled_from(["dead-end", "low-emotion-unexplained", "no-such-rule"])),
    st.tuples(st.just("channel"), name, st.sampled_from(["kiosk", "stall", "web"])),
    st.tuples(st.just("team"), name, st.sampled_from(["field", "east-field", "nobody"])),
    st.tuples(st.just("catalog"), st.sampled_from(["", "east/"]), st.sampled_from(["field", "east-field", "kiosk", "stall"])),
    st.tuples(st.just("config"), st.just(""), st.sampled_from([
        "", "[rules.stale-map]\nmax-age-days = 30\n", 'ignore = ["JM302"]\n',
        '[per-file-ignores]\n"east/*" = ["JM201"]\n', "max-findings = 1\n",
    ])),
    st.tuples(st.just("version"), st.just(""), st.sampled_from(["0.1.0", "9.9.9"])),
    st.tuples(st.just("same-size-same-mtime"), name, st.just("")),
    st.tuples(st.just("nothing"), st.just(""), st.just("")),
)


def apply(workspace: Workspace, step: tuple, monkeypatch) -> None:
    kind, target, value = step
    values = workspace.maps.get(target)
    if kind == "emotion":
        values["emotion"] = value
    elif kind == "title":
        values["title"] = value
    elif kind == "rename-journey":
        values["ident"] = value
    elif kind == "rename-touchpoint":
        values["first"] = value
    elif kind == "link":
        values["link"] = value
    elif kind == "ignore":
        values["ignored"] = value
    elif kind in ("channel", "team"):
        values[kind] = value
    elif kind == "catalog":
        key = "team" if "field" in value else "channel"
        workspace.catalogs[target][key] = value
    elif kind == "config":
        workspace.config = value
    elif kind == "version":
        monkeypatch.setattr(cache_module, "__version__", value)
        monkeypatch.setattr(cache_module, "_code_fingerprint", None)
    workspace.write_all()
    if kind == "same-size-same-mtime":
        same_size_same_mtime(workspace.root / f"{FOLDERS[target]}{target}.yaml")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(steps, min_size=1, max_size=8))
def test_after_any_edits_a_cached_run_reports_what_an_uncached_run_reports(edits, monkeypatch):
    # Stats are trusted as soon as a file is 50 ms old, so that the steps exercise the
    # stat fast path too, not only hashing.
    monkeypatch.setattr(cache_module, "RACY_NS", 50_000_000)
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-11-01")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "ws"
        root.mkdir()
        out = Path(folder) / "out.json"
        workspace = Workspace(root)
        assert report(root, out) == report(root, out, "--no-cache")
        for step in edits:
            apply(workspace, step, monkeypatch)
            expected = report(root, out, "--no-cache")
            assert report(root, out) == expected, step
            # and again, now from the entries the run just wrote
            assert report(root, out) == expected, step
        monkeypatch.setattr(cache_module, "__version__", "0.1.0")
        monkeypatch.setattr(cache_module, "_code_fingerprint", None)


@pytest.fixture
def examples(tmp_path, monkeypatch):
    import shutil

    root = tmp_path / "examples"
    shutil.copytree(REPO / "examples", root)
    (root / "journeyctl.toml").write_text("", encoding="utf-8")
    monkeypatch.setenv("JOURNEYCTL_TODAY", "2026-11-01")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "gitlab"])
@pytest.mark.parametrize("form", ["full", "concise"])
def test_cold_warm_and_uncached_runs_write_the_same_bytes(examples, tmp_path, fmt, form):
    outputs = []
    for extra in (["--no-cache"], [], []):
        out = tmp_path / f"out-{len(outputs)}"
        code = run(["lint", "--format", fmt, "--output-format", form, "--select", "ALL", "-o", str(out), *extra])
        outputs.append((code, out.read_bytes()))
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0][0] == 0  # warnings only


def counted_run(root: Path, monkeypatch) -> tuple[int, int]:
    """(files whose findings came from the cache, files linted) in a lint of ``root``."""
    seen = {}
    real = staged_module.StagedRun.load

    def load(self, *args, **kwargs):
        workspace = real(self, *args, **kwargs)
        seen["counts"] = (len(self.known), len(self.keys))
        return workspace

    monkeypatch.setattr(staged_module.StagedRun, "load", load)
    assert run(["lint", "--format", "json", "-o", os.devnull]) in (0, 1)
    return seen["counts"]


def test_a_warm_run_relints_only_what_a_change_touches(examples, monkeypatch):
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    assert counted_run(examples, monkeypatch) == (0, 10)
    assert counted_run(examples, monkeypatch) == (10, 0)
    plumber = examples / "home-services" / "emergency-plumber.yaml"
    plumber.write_text(plumber.read_text(encoding="utf-8").replace("Booking", "Arranging", 1), encoding="utf-8")
    assert counted_run(examples, monkeypatch) == (9, 1)
    # The catalog at the root applies to every map: all of them are linted again.
    catalog = examples / "catalog.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    assert counted_run(examples, monkeypatch) == (0, 10)


def test_a_warm_run_parses_no_map_it_knows(examples, monkeypatch):
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    run(["lint", "-o", os.devnull])
    import journeyctl.loading.workspace.reading as reading

    parsed = []
    real = reading.load_yaml

    def load_yaml(text):
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(reading, "load_yaml", load_yaml)
    assert run(["lint", "-o", os.devnull]) == 0
    # Only the catalogs are loaded: their definitions are what the maps' keys hash.
    assert [text.count("kind: catalog") for text in parsed] == [1] * len(parsed)


def test_the_cache_folder_is_tagged_and_ignored_by_git(examples):
    run(["lint", "-o", os.devnull])
    folder = examples / CACHE_DIR
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert sorted(p.name for p in examples.iterdir() if p.name.startswith(".")) == [CACHE_DIR]


def test_no_cache_neither_reads_nor_writes_it(examples):
    assert run(["lint", "--no-cache", "-o", os.devnull]) == 0
    assert not (examples / CACHE_DIR).exists()


def index_lines(root: Path) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    """The header of the cache index of ``root`` and its lines, as (key, entry)."""
    header, *lines = (root / CACHE_DIR / cache_module.INDEX).read_bytes().split(b"\n")
    assert lines[-1] == b""
    return header, [tuple(line.split(b"\t", 1)) for line in lines[:-1]]


def write_index(root: Path, header: bytes, lines: list[tuple[bytes, bytes]]) -> None:
    (root / CACHE_DIR / cache_module.INDEX).write_bytes(header + b"\n" + b"".join(k + b"\t" + v + b"\n" for k, v in lines))


@pytest.mark.parametrize("damage", [
    b"", b"{", b"\x00\xff garbage", b"[]", b'{"format": 2}', b"null", b"\t\t",
    b'{"format": 2, "location": "LOCATION", "stat": [0], "trusted": true, "digest": 3, "facts_key": "x", "facts": [],'
    b' "result_key": null, "findings": null}',
])
def test_damaged_or_foreign_cache_entries_are_ignored(examples, tmp_path, capsys, damage):
    expected = tmp_path / "expected"
    run(["lint", "--format", "json", "--no-cache", "-o", str(expected)])
    run(["lint", "-o", os.devnull])
    header, lines = index_lines(examples)
    assert header == cache_module.HEADER
    assert len(lines) == 10  # one per file: eight maps and two catalogs
    location = json.dumps(str(examples / "catalog.yaml")).encode()[1:-1]
    write_index(examples, header, [(key, damage.replace(b"LOCATION", location)) for key, _ in lines])
    out = tmp_path / "out"
    assert run(["lint", "--format", "json", "-o", str(out)]) == 0
    assert out.read_bytes() == expected.read_bytes()
    assert capsys.readouterr().err == ""
    # and the entries are whole again
    header, lines = index_lines(examples)
    assert len(lines) == 10 and all(json.loads(entry)["format"] == cache_module.FORMAT for _, entry in lines)
    assert run(["lint", "--format", "json", "-o", str(out)]) == 0
    assert out.read_bytes() == expected.read_bytes()


@pytest.mark.parametrize("damage", [b"", b"\x00\xff garbage\n\t\n", b"journeyctl cache 1\n", b"journeyctl cache 2"])
def test_a_damaged_or_foreign_index_is_ignored(examples, tmp_path, capsys, damage):
    expected = tmp_path / "expected"
    run(["lint", "--format", "json", "--no-cache", "-o", str(expected)])
    run(["lint", "-o", os.devnull])
    (examples / CACHE_DIR / cache_module.INDEX).write_bytes(damage)
    out = tmp_path / "out"
    assert run(["lint", "--format", "json", "-o", str(out)]) == 0
    assert out.read_bytes() == expected.read_bytes()
    assert capsys.readouterr().err == ""
    assert len(index_lines(examples)[1]) == 10


def test_entries_with_results_of_other_files_are_not_used(examples, tmp_path):
    """An entry copied over another file's (same layout, other file) is foreign."""
    expected = tmp_path / "expected"
    run(["lint", "--format", "json", "--no-cache", "-o", str(expected)])
    run(["lint", "-o", os.devnull])
    header, lines = index_lines(examples)
    write_index(examples, header, [(key, lines[0][1]) for key, _ in lines])
    out = tmp_path / "out"
    run(["lint", "--format", "json", "-o", str(out)])
    assert out.read_bytes() == expected.read_bytes()


def test_a_run_keeps_the_entries_of_files_it_did_not_lint(examples, monkeypatch):
    """A run over one folder rewrites the index with every other file's entry as it was."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    run(["lint", "-o", os.devnull])
    _, before = index_lines(examples)
    plumber = examples / "home-services" / "emergency-plumber.yaml"
    plumber.write_text(plumber.read_text(encoding="utf-8").replace("Booking", "Arranging", 1), encoding="utf-8")
    run(["lint", "-o", os.devnull, "home-services"])
    _, after = index_lines(examples)
    changed = {key for key, entry in after if (key, entry) not in before}
    assert len(after) == len(before) == 10
    assert changed == {json.dumps(str(plumber.resolve())).encode()}
    assert counted_run(examples, monkeypatch) == (10, 0)


def test_a_new_index_left_by_a_killed_run_is_removed_when_stale(examples):
    run(["lint", "-o", os.devnull])
    folder = examples / CACHE_DIR
    stale, recent = folder / "index.abc.tmp", folder / "index.def.tmp"
    for left in (stale, recent):
        left.write_bytes(b"journeyctl cache 2\n")
    old = time.time() - cache_module.STALE_SECONDS - 10
    os.utime(stale, (old, old))
    (folder / "files").mkdir()
    (folder / "files" / "0123.json").write_text("{}", encoding="utf-8")
    run(["lint", "-o", os.devnull])
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", "CACHEDIR.TAG", "index", "index.def.tmp"]


def test_a_workspace_where_the_cache_cannot_be_written_still_lints(examples, tmp_path):
    expected = tmp_path / "expected"
    run(["lint", "--format", "json", "--no-cache", "-o", str(expected)])
    (examples / CACHE_DIR).write_text("not a folder\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run(["lint", "--format", "json", "-o", str(out)]) == 0
    assert out.read_bytes() == expected.read_bytes()
    assert (examples / CACHE_DIR).read_text(encoding="utf-8") == "not a folder\n"


def test_a_read_only_workspace_still_lints(examples, tmp_path):
    expected = tmp_path / "expected"
    run(["lint", "--format", "json", "--no-cache", "-o", str(expected)])
    folders = [examples, *(p for p in examples.rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    try:
        out = tmp_path / "out"
        assert run(["lint", "--format", "json", "-o", str(out)]) == 0
        assert out.read_bytes() == expected.read_bytes()
    finally:
        for folder in folders:
            folder.chmod(0o755)


def test_a_cache_folder_that_is_a_link_is_not_written_through(examples, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (examples / CACHE_DIR).symlink_to(elsewhere)
    assert run(["lint", "-o", os.devnull]) == 0
    assert list(elsewhere.iterdir()) == []
    assert open_cache(examples) is None


def test_clean_removes_the_cache_of_the_workspace(examples, capsys):
    run(["lint", "-o", os.devnull])
    assert (examples / CACHE_DIR).is_dir()
    capsys.readouterr()
    assert run(["clean"]) == 0
    assert not (examples / CACHE_DIR).exists()
    assert capsys.readouterr().out == f"Removed {CACHE_DIR}/\n"
    assert run(["clean"]) == 0
    assert capsys.readouterr().out == "No cache to remove.\n"


def test_clean_unlinks_a_cache_link_and_keeps_what_it_points_at(examples, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine\n", encoding="utf-8")
    (examples / CACHE_DIR).symlink_to(elsewhere)
    assert run(["clean"]) == 0
    assert not (examples / CACHE_DIR).exists()
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "mine\n"


CONCURRENT = """\
import sys
from journeyctl.cli import run
for _ in range(int(sys.argv[1])):
    code = run(["lint", "--format", "json", "-o", sys.argv[2]])
    assert code == 0, code
"""


def test_concurrent_runs_give_the_same_report_and_leave_whole_entries(examples, tmp_path):
    expected = tmp_path / "expected"
    run(["lint", "--format", "json", "--no-cache", "-o", str(expected)])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT, "4", str(tmp_path / f"out-{i}")], cwd=examples, env=env,
            stderr=subprocess.PIPE, text=True,
        )
        for i in range(2)
    ]
    for process in runs:
        _, err = process.communicate(timeout=300)
        assert (process.returncode, err) == (0, "")
    for i in range(2):
        assert (tmp_path / f"out-{i}").read_bytes() == expected.read_bytes()
    header, lines = index_lines(examples)
    assert header == cache_module.HEADER and len(lines) == 10
    assert all(json.loads(entry)["format"] == cache_module.FORMAT for _, entry in lines)
    assert [p.name for p in (examples / CACHE_DIR).iterdir() if p.name.endswith(".tmp")] == []


def test_other_code_is_never_served_the_findings_of_the_old(examples, tmp_path, monkeypatch):
    """A new release, or an edit of an editable install, changes the code fingerprint."""
    from journeyctl.checks.rules import no_owner

    (examples / "contact-centre" / "social-to-chat.yaml").write_text(
        (examples / "contact-centre" / "social-to-chat.yaml").read_text(encoding="utf-8").replace("\nowner:", "\nx-owner:", 1),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run(["lint", "--format", "json", "-o", str(out)])
    assert b"has no owner" in out.read_bytes()
    real = no_owner.check

    def check(doc, graph, options):
        for problem in real(doc, graph, options):
            yield type(problem)(problem.path, "the new wording", problem.at_key, problem.element)

    monkeypatch.setattr(no_owner, "check", check)
    # The same fingerprint: the stored findings are served (this is what the fingerprint guards).
    run(["lint", "--format", "json", "-o", str(out)])
    assert b"the new wording" not in out.read_bytes()
    monkeypatch.setattr(cache_module, "_code_fingerprint", "another build")
    run(["lint", "--format", "json", "-o", str(out)])
    assert b"the new wording" in out.read_bytes()


def test_the_code_fingerprint_follows_the_modules_of_the_package(monkeypatch):
    module = Path(cache_module.__file__).parent.parent / "text" / "wording.py"
    info = module.stat()
    monkeypatch.setattr(cache_module, "_code_fingerprint", None)
    before = cache_module.code_fingerprint()
    monkeypatch.setattr(cache_module, "_code_fingerprint", None)
    assert cache_module.code_fingerprint() == before
    try:
        os.utime(module, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
        monkeypatch.setattr(cache_module, "_code_fingerprint", None)
        assert cache_module.code_fingerprint() != before
    finally:
        os.utime(module, ns=(info.st_atime_ns, info.st_mtime_ns))
    monkeypatch.setattr(cache_module, "__version__", "9.9.9")
    monkeypatch.setattr(cache_module, "_code_fingerprint", None)
    assert cache_module.code_fingerprint() != before


def test_a_warm_run_with_nothing_changed_writes_nothing(examples, monkeypatch):
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    run(["lint", "-o", os.devnull])
    index = examples / CACHE_DIR / cache_module.INDEX
    before = index.stat()
    assert counted_run(examples, monkeypatch) == (10, 0)
    after = index.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


@pytest.mark.parametrize("facts", [
    {"kind": None},
    # a valid journey: its linking touchpoints only, kept in the compact form
    {"kind": "journey", "findings": [], "data": {"journeyctl": 1, "id": "a", "touchpoints": [
        {"next": [{"journey": "b"}, {"journey": "c"}]}, {"next": [{"journey": "b"}]},
    ]}, "model": ["a", "t1\nt2"], "id_span": [3, 5, 3, 6]},
    {"kind": "journey", "findings": [], "data": {"journeyctl": 1, "id": "a", "touchpoints": []},
     "model": ["a", "t1"], "id_span": [1, 5, 1, 6]},
    {"kind": "journey", "findings": [], "data": {"journeyctl": 1, "id": "a", "touchpoints": [
        {"next": []}, {"next": [{"journey": "b"}]},
    ]}, "model": ["a", "t1"], "id_span": [70_000, 1, 70_000, 90_000]},
    {"kind": "journey", "findings": [], "data": {"journeyctl": 2, "id": "a"}, "model": None, "id_span": None},
    # an invalid journey: raw touchpoint ids kept, and its validation findings
    {"kind": "journey", "findings": [
        ["m.yaml", 4, 3, 4, 9, "JM002", "schema", 2, "bad", "a", None, {"path": ["touchpoints", 0], "at_key": False}],
    ], "data": {"journeyctl": 1, "id": "a", "touchpoints": [{"id": "t1"}, {"id": "t2", "next": [{"journey": "b"}]}]},
     "model": None, "id_span": [1, 5, 1, 6]},
    {"kind": "journey", "findings": [], "data": {"journeyctl": 1}, "model": None, "id_span": None},
])
def test_a_stored_file_gives_back_the_facts_it_was_made_from(facts):
    """An entry's facts text is let go once its stored file is made, and written again from
    the file: the same text must come back."""
    from journeyctl.loading.cache import facts_text
    from journeyctl.loading.workspace.cached import stored_facts, stored_file

    text = facts_text(facts)
    file = stored_file(Path("/w/m.yaml"), "m.yaml", json.loads(text), 1000)
    file.findings = file.findings * 2  # resolving the workspace adds findings after its own
    assert facts_text(stored_facts(file)) == text


def test_a_file_named_that_is_not_a_map_is_checked_again_from_the_cache(examples, tmp_path, monkeypatch):
    """A YAML file that is no journeyctl file, named on the command line, is known to the
    cache as such; when its findings must be worked out again (other rules), it is loaded
    in full and reported as an uncached run reports it."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    (examples / "other.yaml").write_text("a: 1\n", encoding="utf-8")
    named = ["other.yaml", "home-services/emergency-plumber.yaml"]
    out = tmp_path / "out.json"
    report(examples, out, "--ignore", "JM305", *named)
    cached = report(examples, out, *named)
    assert cached == report(examples, out, "--no-cache", *named)
    assert b'"code": "JM001"' in cached and b"not a journeyctl file" in cached


@pytest.mark.parametrize("stat", [
    [0, 0, 0, 0], [18_998, 1_796_534_841_910_903_047, -5, 2**64 - 1], [-(2**64), 2**64 - 1, 1, 2],
])
def test_a_stat_is_held_as_one_number_and_written_as_the_four(stat):
    assert cache_module.unpack_stat(cache_module.pack_stat(stat)) == stat


@pytest.mark.parametrize("stat", [[0], [0, 0, 0, 0, 0], [0, 0, 0, "1"], [0, 0, 0, True], [0, 0, 0, 2**64], [0, 0, 0, 1.5]])
def test_a_damaged_stat_is_refused(stat):
    with pytest.raises(ValueError):
        cache_module.pack_stat(stat)
