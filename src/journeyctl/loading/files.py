"""Reading and writing files safely.

Maps come from pull requests, so a "map" may be a symbolic link to a device, a pipe or a
file elsewhere on the machine: :func:`read_limited` reads only regular files, never more
than a size limit, and never blocks. Writers never leave a half-written file
(:func:`write_atomic`) and never follow a symbolic link out of the folder they were asked
to write into (:func:`safe_target`). A report written with ``--output`` goes through
:func:`write_output_file`, which writes into a device or a named pipe as a shell redirect
does instead of replacing it with a regular file.

Every command that writes files into a folder (``init``, ``import -o DIR``, ``render`` and
``report`` with ``-o DIR``) goes through :func:`write_files`, with one overwrite policy:
a file that is already there is kept unless the caller asks to overwrite it — the user
with ``--force`` for ``init`` and ``import``, which write files people then edit; always
for ``render`` and ``report``, whose files are generated artefacts made again on every
run. Every target is checked before the first one is written, so a refusal writes nothing.
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath


class FileTooLarge(Exception):
    """A file is over the size limit; ``size`` is ``None`` when it grew while being read."""

    def __init__(self, size: int | None, limit: int) -> None:
        self.size = size
        self.limit = limit
        if size is None:
            message = f"the file is over the limit of {limit:,} bytes (max-file-size)"
        else:
            message = f"the file is {size:,} bytes, over the limit of {limit:,} (max-file-size)"
        super().__init__(message)


class ExistingFiles(Exception):
    """Files a writer was not asked to overwrite are already there; nothing was written.

    ``paths`` are the names as given to :func:`write_files`, in its order.
    """

    def __init__(self, paths: list[str]) -> None:
        super().__init__(", ".join(paths))
        self.paths = paths


class UnsafePathError(OSError):
    """Reading or writing there is refused: not a regular file, or outside the folder.

    An :class:`OSError`, so code that reports ``cannot write: {exc.strerror}`` for any
    I/O problem reports this one too, with its reason as ``strerror``.
    """

    def __init__(self, reason: str, filename: str | os.PathLike | None = None) -> None:
        super().__init__(errno.EPERM, reason, None if filename is None else os.fspath(filename))

    def __str__(self) -> str:
        return self.strerror


def read_limited(path: Path, limit: int, *, truncate: bool = False) -> bytes:
    """The bytes of the regular file ``path`` (symbolic links followed), at most ``limit``.

    Raises :class:`UnsafePathError` for a device, a pipe, a socket or a folder: reading
    ``/dev/zero`` or a pipe nobody writes to would never end. Raises :class:`FileTooLarge`
    for a file over ``limit`` bytes, unless ``truncate`` asks for its first ``limit``
    bytes instead. Other problems raise :class:`OSError`.
    """
    # O_NONBLOCK: opening a pipe waits for a writer otherwise; it changes nothing for a
    # regular file.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafePathError("not a regular file (a folder, device, pipe or socket)", path)
        if info.st_size > limit and not truncate:
            raise FileTooLarge(info.st_size, limit)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        if not truncate:
            raise FileTooLarge(None, limit)
        data = data[:limit]
    return data


def real_path(path: Path) -> Path:
    """``path`` absolute with its symbolic links resolved; a link loop is left as it is.

    ``Path.resolve`` raises on a loop (``ln -s loop.yaml loop.yaml``); here the looping
    path comes back absolute and normalised, so that reading it reports the loop like
    any other unreadable file.
    """
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop (Python < 3.13)
        return Path(os.path.abspath(path))


def diff_names(location: Path, given: str) -> tuple[str, str]:
    """The names a unified diff gives the file at ``location`` (given as ``given``), as git names it.

    In a git work tree: ``a/`` and ``b/`` and the path from its top, whatever the current
    folder, so ``git apply`` and ``patch -p1`` take the diff there, as they take ``git diff``'s.
    Elsewhere: the path as given, with the prefixes; one that leaves the current folder
    (``../``) or is absolute goes without them, since no ``-p`` could strip them from it.
    """
    real = real_path(location)
    top = next((folder for folder in real.parents if present(folder / ".git")), None)
    if top is not None:
        path = real.relative_to(top).as_posix()
        return f"a/{path}", f"b/{path}"
    path = posixpath.normpath(PurePath(given).as_posix())
    if path == ".." or path.startswith("../") or PurePath(path).is_absolute():
        return path, path
    return f"a/{path}", f"b/{path}"


def is_link_loop(path: Path) -> bool:
    """Whether ``path`` is (or goes through) a symbolic link loop: it can never be read."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def present(path: Path) -> bool:
    """Whether ``path`` names something, a dangling or looping symbolic link included."""
    return os.path.lexists(path)


def safe_target(folder: Path, name: str | PurePath) -> Path:
    """Where to write ``name`` inside ``folder``: refused if it would lead out of ``folder``.

    ``name`` is a relative path (subfolders allowed, ``..`` not). A symbolic link on the
    way — a subfolder or the file itself — is followed only while it stays inside
    ``folder``; the path returned is the real one, so writing there updates the file a link
    points to and keeps the link. ``folder`` itself may be a link: the caller chose it.
    Raises :class:`UnsafePathError`.
    """
    relative = PurePath(name)
    if relative.is_absolute() or relative.anchor or not relative.parts or ".." in relative.parts:
        raise UnsafePathError(f"{name!s}: not a plain relative path inside {folder}", name)
    if "\0" in str(relative):
        raise UnsafePathError(f"{name!r}: a file name cannot hold a NUL character", name)
    try:
        base = Path(folder).resolve()
        real = (base / relative).resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop (Python < 3.13)
        raise UnsafePathError(f"{Path(folder) / relative}: cannot follow the path: {exc}", name) from None
    if real == base or not real.is_relative_to(base):
        raise UnsafePathError(
            f"{Path(folder) / relative}: refusing to write through a symbolic link that leads outside "
            f"{folder} (to {real})",
            Path(folder) / relative,
        )
    return real


def write_atomic(
    path: Path, text: str | bytes, *, before_replace: Callable[[], None] | None = None, durable: bool = True
) -> None:
    """Replace ``path`` with ``text`` in one step (temporary file + rename).

    ``durable=False`` skips waiting for the disk (``fsync``), for files that are only a
    cache: a crash may then lose them, never leave half of one.

    The file's permissions are kept when it exists. ``before_replace`` runs once the new
    text is safely on disk, just before the rename: a writer that must not overwrite an
    edit made meanwhile raises there. If anything fails, the original file is left
    untouched and the temporary file is removed.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    folder = path.parent if str(path.parent) else Path(".")
    mode = None
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        pass
    import tempfile  # only a run that writes needs it (and shutil, which it imports)

    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        if before_replace is not None:
            before_replace()
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def write_files(folder: Path, files: Mapping[str, str | bytes], *, overwrite: bool) -> list[Path]:
    """Write each ``name → text`` of ``files`` below ``folder``; return the paths written.

    Without ``overwrite``, a name where anything is already there (a dangling symbolic link
    too) raises :class:`ExistingFiles`, naming them all. A name that leads out of
    ``folder`` raises :class:`UnsafePathError` (:func:`safe_target`), one that is a folder
    :class:`IsADirectoryError`. Those checks cover every name before the first is written,
    so a refusal writes nothing. Subfolders are created as needed, each file atomically
    (:func:`write_atomic`); an :class:`OSError` while writing names the file.
    """
    if not overwrite:
        existing = [name for name in files if present(Path(folder) / name)]
        if existing:
            raise ExistingFiles(existing)
    targets = {name: safe_target(folder, name) for name in files}
    for target in targets.values():
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    for name, text in files.items():
        target = targets[name]
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, text)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
    return list(targets.values())


def write_output_file(path: Path, text: str | bytes) -> None:
    """Write ``text`` to the file the user named with ``--output``/``-o``.

    A character device (``/dev/null``) or a named pipe at ``path`` is written into, as
    ``> path`` in a shell would, never replaced by a regular file; so is anything a path
    under ``/dev/`` leads to (``/dev/stdout``, ``/dev/fd/3``). A pipe no process reads from
    is an error rather than a wait, and a device that refuses the data (``/dev/full``)
    raises its :class:`OSError`. A block device or a socket raises
    :class:`UnsafePathError`. Anything else — a regular file, a new file, a symbolic link
    elsewhere — is replaced atomically (:func:`write_atomic`).
    """
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        write_atomic(path, text)
        return
    if stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        raise UnsafePathError("a disk or a socket, not a file: refusing to write a report into it", path)
    through_dev = stat.S_ISLNK(mode) and Path(os.path.abspath(path)).parts[1:2] == ("dev",)
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or through_dev:
        _write_into(path, text.encode("utf-8") if isinstance(text, str) else text)
    else:
        write_atomic(path, text)


def _write_into(path: Path, data: bytes) -> None:
    """Write ``data`` into the device, pipe or file at ``path`` without replacing it."""
    # O_NONBLOCK: opening a pipe would wait for a reader for ever otherwise.
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "no process is reading from the pipe", os.fspath(path)) from None
        raise
    try:
        if stat.S_ISBLK(os.fstat(fd).st_mode):
            raise UnsafePathError("a disk, not a file: refusing to write a report into it", path)
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
