"""``journeyctl fmt``: which files it touches, what it prints, exit codes, safe writes."""

from __future__ import annotations

import os
import stat

import pytest

from journeyctl.cli import run
from journeyctl.loading import files

UNFORMATTED = "title: Booking\njourneyctl: 1\nid: booking   # the id\n"
FORMATTED = "journeyctl: 1\nid: booking   # the id\ntitle: Booking\n"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "a.yaml").write_text(UNFORMATTED)
    (tmp_path / "maps" / "b.yaml").write_text(FORMATTED)
    (tmp_path / "other.yaml").write_text("name: not a map\nkeep: [ as,   is ]\n")
    return tmp_path


def test_fmt_rewrites_the_workspace_and_skips_other_yaml(workspace, capsys):
    assert run(["fmt"]) == 0
    assert (workspace / "maps" / "a.yaml").read_text() == FORMATTED
    assert (workspace / "other.yaml").read_text() == "name: not a map\nkeep: [ as,   is ]\n"
    assert capsys.readouterr().err == "reformatted maps/a.yaml\n1 file reformatted, 1 file left unchanged\n"
    assert run(["fmt"]) == 0
    assert capsys.readouterr().err == "0 files reformatted, 2 files left unchanged\n"


def test_check_names_the_files_that_would_change_and_writes_nothing(workspace, capsys):
    assert run(["fmt", "--check"]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == "would reformat maps/a.yaml\n1 file would be reformatted, 1 file already formatted\n"
    assert (workspace / "maps" / "a.yaml").read_text() == UNFORMATTED
    assert run(["fmt", "--check", "maps/b.yaml"]) == 0
    assert capsys.readouterr().err == "0 files would be reformatted, 1 file already formatted\n"


def test_quiet_check_prints_nothing_but_keeps_the_exit_code(workspace, capsys):
    assert run(["-q", "fmt", "--check"]) == 1
    assert capsys.readouterr() == ("", "")


def test_diff_prints_a_unified_diff_and_writes_nothing(workspace, capsys):
    assert run(["fmt", "--diff", "maps"]) == 1
    out = capsys.readouterr().out
    assert out == (
        "--- a/maps/a.yaml\n"
        "+++ b/maps/a.yaml\n"
        "@@ -1,3 +1,3 @@\n"
        "-title: Booking\n"
        " journeyctl: 1\n"
        " id: booking   # the id\n"
        "+title: Booking\n"
    )
    assert (workspace / "maps" / "a.yaml").read_text() == UNFORMATTED
    assert run(["fmt", "--diff", "maps/b.yaml"]) == 0
    assert capsys.readouterr().out == ""


def test_line_endings_are_normalised_to_lf(workspace, capsys):
    path = workspace / "maps" / "b.yaml"
    path.write_bytes(FORMATTED.replace("\n", "\r\n").encode())
    assert run(["fmt", "--check", "maps/b.yaml"]) == 1
    assert run(["fmt", "maps/b.yaml"]) == 0
    assert path.read_bytes() == FORMATTED.encode()


def test_a_file_that_does_not_parse_is_reported_and_left_alone(workspace, capsys):
    broken = workspace / "maps" / "broken.yaml"
    broken.write_text("journeyctl: 1\nid: [x\ntitle: y\n")
    assert run(["fmt"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "maps/broken.yaml:3:6: invalid YAML: while parsing a flow sequence: did not find expected ',' or ']'",
        "reformatted maps/a.yaml",
        "1 file reformatted, 1 file left unchanged, 1 file could not be formatted",
    ]
    assert broken.read_text() == "journeyctl: 1\nid: [x\ntitle: y\n"
    assert (workspace / "maps" / "a.yaml").read_text() == FORMATTED


def test_a_named_file_that_is_not_a_map_is_an_error(workspace, capsys):
    assert run(["fmt", "other.yaml"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "other.yaml:1:1: not a journeyctl file: the top level has no 'journeyctl: 1' key"
    )


def test_a_missing_path_is_a_usage_error(workspace, capsys):
    assert run(["fmt", "nowhere"]) == 2
    assert capsys.readouterr().err == "journeyctl: error: nowhere: no such file or directory\n"


def test_permissions_are_kept(workspace):
    path = workspace / "maps" / "a.yaml"
    path.chmod(0o640)
    assert run(["fmt", "maps/a.yaml"]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text() == FORMATTED


def test_a_failed_write_leaves_the_original_intact_and_no_temporary_file(workspace, monkeypatch, capsys):
    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", failing_replace)
    assert run(["fmt", "maps"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "maps/a.yaml:1:1: cannot write: No space left on device; the file is left unchanged",
        "0 files reformatted, 1 file left unchanged, 1 file could not be formatted",
    ]
    assert (workspace / "maps" / "a.yaml").read_text() == UNFORMATTED
    assert sorted(os.listdir(workspace / "maps")) == ["a.yaml", "b.yaml"]


def test_a_symlinked_map_is_formatted_through_to_its_target(workspace):
    link = workspace / "link.yaml"
    link.symlink_to(workspace / "maps" / "a.yaml")
    assert run(["fmt", "link.yaml"]) == 0
    assert link.is_symlink()
    assert (workspace / "maps" / "a.yaml").read_text() == FORMATTED



def test_a_broken_yaml_file_found_in_a_folder_is_reported_only_if_it_is_meant_to_be_a_map(workspace, capsys):
    (workspace / "maps" / "notes.yaml").write_text("just: [some, broken\nyaml\n")
    (workspace / "maps" / "map.yaml").write_text('"journeyctl": 1\nid: [broken\n')
    assert run(["fmt", "--check", "maps"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if ": invalid YAML" in line]
    assert [line.split(":")[0] for line in errors] == ["maps/map.yaml"]


def test_a_pipe_is_never_read(workspace, capsys):
    os.mkfifo(workspace / "maps" / "pipe.yaml")
    assert run(["fmt", "--check", "maps/b.yaml", "maps/pipe.yaml"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "maps/pipe.yaml:1:1: cannot read: not a regular file (a folder, device, pipe or socket)"
    )
    assert run(["-q", "fmt", "--check", "maps/b.yaml"]) == 0
    (workspace / "maps" / "a.yaml").write_text(FORMATTED)
    assert run(["-q", "fmt", "--check", "maps"]) == 0


def test_files_over_the_size_limit_are_reported_not_read(workspace, capsys):
    (workspace / "journeyctl.toml").write_text("max-file-size = 60\n")
    (workspace / "maps" / "big.yaml").write_text(FORMATTED + "description: " + "x" * 60 + "\n")
    (workspace / "maps" / "big-other.yaml").write_text("notes: " + "x" * 80 + "\n")
    assert run(["fmt", "--check", "maps"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "maps/big.yaml:1:1: the file is 126 bytes, over the limit of 60 (max-file-size)",
        "would reformat maps/a.yaml",
        "1 file would be reformatted, 1 file already formatted, 1 file could not be formatted",
    ]


def _edit_while_formatting(monkeypatch, edit):
    """Run ``edit`` after fmt has read and formatted the files, before it writes them."""
    from journeyctl.review import fmt as formatter

    original = formatter.format_paths

    def formatting_then_edit(*args, **kwargs):
        results = original(*args, **kwargs)
        edit()
        return results

    monkeypatch.setattr(formatter, "format_paths", formatting_then_edit)


def test_an_edit_made_while_fmt_runs_is_kept_and_the_file_is_not_written(workspace, monkeypatch, capsys):
    path = workspace / "maps" / "a.yaml"
    before = path.stat()
    # Same size and modification time as the file fmt read: only the content tells.
    edited = UNFORMATTED.replace("Booking", "Bookings")[:-1]
    assert len(edited) == len(UNFORMATTED)

    def edit():
        path.write_text(edited)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    _edit_while_formatting(monkeypatch, edit)
    assert run(["fmt", "maps"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "maps/a.yaml:1:1: cannot write: the file changed while fmt was running; the file is left unchanged",
        "0 files reformatted, 1 file left unchanged, 1 file could not be formatted",
    ]
    assert path.read_text() == edited
    assert sorted(os.listdir(workspace / "maps")) == ["a.yaml", "b.yaml"]


@pytest.mark.parametrize("how", ["replaced", "touched", "deleted"])
def test_a_file_replaced_touched_or_deleted_while_fmt_runs_is_not_written(workspace, monkeypatch, capsys, how):
    path = workspace / "maps" / "a.yaml"

    def edit():
        if how == "replaced":  # another tool's atomic write of the very same text: a new inode
            other = workspace / "maps" / "new.tmp"
            other.write_text(UNFORMATTED)
            os.replace(other, path)
        elif how == "touched":
            os.utime(path, ns=(0, 0))
        else:
            path.unlink()

    _edit_while_formatting(monkeypatch, edit)
    assert run(["fmt", "maps/a.yaml"]) == 1
    reason = "No such file or directory" if how == "deleted" else "the file changed while fmt was running"
    assert capsys.readouterr().err.splitlines()[0] == f"maps/a.yaml:1:1: cannot write: {reason}; the file is left unchanged"
    if how == "deleted":
        assert not path.exists()
    else:
        assert path.read_text() == UNFORMATTED
    assert sorted(os.listdir(workspace / "maps")) == (["b.yaml"] if how == "deleted" else ["a.yaml", "b.yaml"])


def test_an_edit_just_before_the_rename_is_kept(workspace, monkeypatch, capsys):
    path = workspace / "maps" / "a.yaml"
    real_check = files.write_atomic

    def write_atomic(location, text, *, before_replace=None):
        def edit_then_check():
            path.write_text(UNFORMATTED + "# added meanwhile\n")
            before_replace()

        real_check(location, text, before_replace=edit_then_check)

    monkeypatch.setattr(files, "write_atomic", write_atomic)
    assert run(["fmt", "maps/a.yaml"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "maps/a.yaml:1:1: cannot write: the file changed while fmt was running; the file is left unchanged"
    )
    assert path.read_text() == UNFORMATTED + "# added meanwhile\n"
    assert sorted(os.listdir(workspace / "maps")) == ["a.yaml", "b.yaml"]


def test_a_read_only_map_is_refused_and_left_as_it_is(workspace, capsys):
    path = workspace / "maps" / "a.yaml"
    path.chmod(0o444)
    assert run(["fmt", "maps"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "maps/a.yaml:1:1: cannot write: the file is read-only; the file is left unchanged",
        "0 files reformatted, 1 file left unchanged, 1 file could not be formatted",
    ]
    assert path.read_text() == UNFORMATTED
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert run(["-q", "fmt", "--check", "maps/a.yaml"]) == 1  # checking reads only


def test_a_hard_linked_map_is_refused_so_its_links_keep_sharing_one_text(workspace, capsys):
    path = workspace / "maps" / "a.yaml"
    twin = workspace / "twin.yaml"
    os.link(path, twin)
    assert run(["fmt", "maps/a.yaml"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "maps/a.yaml:1:1: cannot write: the file has 2 hard links, which replacing it would break; "
        "the file is left unchanged"
    )
    assert path.read_text() == twin.read_text() == UNFORMATTED
    assert path.stat().st_ino == twin.stat().st_ino
    twin.unlink()
    assert run(["fmt", "maps/a.yaml"]) == 0
    assert path.read_text() == FORMATTED
