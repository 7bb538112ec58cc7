"""journeyctl.loading.files: reading only regular files within a limit, writing only inside the folder."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from journeyctl.loading.files import FileTooLarge, UnsafePathError, read_limited, safe_target, write_atomic

# -- read_limited ------------------------------------------------------------------------


def test_a_regular_file_within_the_limit_is_read_whole(tmp_path):
    (tmp_path / "map.yaml").write_bytes(b"journeyctl: 1\n")
    assert read_limited(tmp_path / "map.yaml", 14) == b"journeyctl: 1\n"


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path):
    (tmp_path / "map.yaml").write_bytes(b"x" * 1001)
    with pytest.raises(FileTooLarge) as caught:
        read_limited(tmp_path / "map.yaml", 1000)
    assert (caught.value.size, caught.value.limit) == (1001, 1000)
    assert str(caught.value) == "the file is 1,001 bytes, over the limit of 1,000 (max-file-size)"


def test_truncate_reads_the_head_of_a_large_file(tmp_path):
    (tmp_path / "map.yaml").write_bytes(b"abcdef")
    assert read_limited(tmp_path / "map.yaml", 4, truncate=True) == b"abcd"


def test_a_symbolic_link_to_a_regular_file_is_followed(tmp_path):
    (tmp_path / "real.yaml").write_bytes(b"a: 1\n")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "real.yaml")
    assert read_limited(tmp_path / "link.yaml", 100) == b"a: 1\n"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_a_device_is_refused_at_once(tmp_path, device, monkeypatch):
    if not (os.path.exists(device) and stat.S_ISCHR(os.stat(device).st_mode)):
        pytest.skip(f"{device} is not a character device here")
    (tmp_path / "map.yaml").symlink_to(device)
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *args, **kwargs: reads.append(fd) or real_fdopen(fd, *args, **kwargs))
    with pytest.raises(UnsafePathError) as caught:
        read_limited(tmp_path / "map.yaml", 10 * 1024 * 1024)
    assert reads == []  # refused from what the file is, before reading a byte
    assert caught.value.strerror == "not a regular file (a folder, device, pipe or socket)"
    assert str(caught.value) == caught.value.strerror


def test_a_pipe_nobody_writes_to_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "map.yaml")
    outcome: list[BaseException] = []
    reader = threading.Thread(
        target=lambda: _capture(outcome, read_limited, tmp_path / "map.yaml", 100), daemon=True
    )
    reader.start()
    reader.join(5)
    if reader.is_alive():  # unblock the reader before failing, so the test run can end
        os.close(os.open(tmp_path / "map.yaml", os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading a pipe blocked")
    assert [type(e) for e in outcome] == [UnsafePathError]


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "maps.yaml").mkdir()
    with pytest.raises(UnsafePathError):
        read_limited(tmp_path / "maps.yaml", 100)


def _capture(outcome: list[BaseException], function, *args) -> None:
    try:
        function(*args)
    except BaseException as exc:  # noqa: BLE001 - handed to the test thread
        outcome.append(exc)


# -- safe_target -------------------------------------------------------------------------


def test_a_plain_name_is_the_file_inside_the_folder(tmp_path):
    assert safe_target(tmp_path, "plumber.svg") == tmp_path.resolve() / "plumber.svg"
    assert safe_target(tmp_path, "a/b/plumber.md") == tmp_path.resolve() / "a" / "b" / "plumber.md"


@pytest.mark.parametrize("name", ["../escape.svg", "a/../../escape.svg", "/etc/passwd", "", ".", "a\0b"])
def test_names_that_are_not_plain_relative_paths_are_refused(tmp_path, name):
    with pytest.raises(UnsafePathError):
        safe_target(tmp_path, name)


def test_a_link_to_a_file_inside_the_folder_is_followed_and_kept(tmp_path):
    (tmp_path / "real.svg").write_text("old", encoding="utf-8")
    (tmp_path / "link.svg").symlink_to("real.svg")
    target = safe_target(tmp_path, "link.svg")
    assert target == tmp_path.resolve() / "real.svg"
    write_atomic(target, "new")
    assert (tmp_path / "link.svg").is_symlink()
    assert (tmp_path / "real.svg").read_text(encoding="utf-8") == "new"


def test_a_link_to_a_file_outside_the_folder_is_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("precious", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "plumber.svg").symlink_to(outside)
    with pytest.raises(UnsafePathError) as caught:
        safe_target(tmp_path / "out", "plumber.svg")
    assert caught.value.strerror == (
        f"{tmp_path / 'out' / 'plumber.svg'}: refusing to write through a symbolic link that leads outside "
        f"{tmp_path / 'out'} (to {outside.resolve()})"
    )
    assert outside.read_text(encoding="utf-8") == "precious"


def test_a_dangling_link_leading_outside_is_refused(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.md").symlink_to(tmp_path / "not-yet-there.md")
    with pytest.raises(UnsafePathError):
        safe_target(tmp_path / "out", "index.md")
    assert not (tmp_path / "not-yet-there.md").exists()


def test_a_linked_subfolder_leading_outside_is_refused(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / ".github").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UnsafePathError):
        safe_target(tmp_path / "repo", ".github/workflows/journeyctl.yml")


def test_a_link_loop_is_refused(tmp_path):
    (tmp_path / "a.svg").symlink_to("b.svg")
    (tmp_path / "b.svg").symlink_to("a.svg")
    with pytest.raises(UnsafePathError):
        safe_target(tmp_path, "a.svg")


def test_the_folder_itself_may_be_a_link(tmp_path):
    (tmp_path / "real-out").mkdir()
    (tmp_path / "out").symlink_to(tmp_path / "real-out")
    assert safe_target(tmp_path / "out", "plumber.svg") == (tmp_path / "real-out").resolve() / "plumber.svg"


def test_an_unsafe_target_is_an_oserror_with_its_reason_as_strerror(tmp_path):
    with pytest.raises(OSError) as caught:
        safe_target(tmp_path, "../x")
    assert caught.value.strerror == f"../x: not a plain relative path inside {tmp_path}"


# -- write_atomic ------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "plumber.yaml"
    target.write_text("old\n", encoding="utf-8")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plumber.yaml"]


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "plumber.yaml"
    target.write_text("old\n", encoding="utf-8")

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plumber.yaml"]


def test_writing_over_a_link_replaces_the_link_never_its_target(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("precious", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "plumber.svg").symlink_to(outside)
    write_atomic(tmp_path / "out" / "plumber.svg", "<svg/>")
    assert outside.read_text(encoding="utf-8") == "precious"
    assert not (tmp_path / "out" / "plumber.svg").is_symlink()


def test_permissions_of_the_replaced_file_are_kept(tmp_path):
    target = tmp_path / "plumber.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert (target.stat().st_mode & 0o777, target.read_text(encoding="utf-8")) == (0o640, "new\n")


def test_a_folder_is_not_a_file_to_write(tmp_path: Path):
    (tmp_path / "plumber.svg").mkdir()
    with pytest.raises(OSError):
        write_atomic(tmp_path / "plumber.svg", "<svg/>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plumber.svg"]
