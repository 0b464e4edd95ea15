"""Writing files so that a reader never sees half of one.

Everything the trust package writes (key files, signed files, signed PDFs, unpacked payloads)
goes to a temporary file in the destination folder first and is renamed over the destination
only when complete and flushed to disk. A crash, a full USB stick or a cancelled job leaves the
old file (or no file), never a truncated one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import EnvironmentProblem
from ..i18n import msg


def environment_problem(exc: OSError, path: Path | str) -> EnvironmentProblem:
    """An :class:`EnvironmentProblem` explaining an ``OSError`` met while writing ``path``."""
    if exc.errno == errno.ENOSPC:
        return EnvironmentProblem(msg("The disk is full: cannot write {path}",
                                      "磁盘已满，无法写入 {path}", path=path))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return EnvironmentProblem(msg("Permission denied: cannot write {path} (read-only folder or medium?)",
                                      "没有写入权限：无法写入 {path}（文件夹或介质是只读的？）", path=path))
    return EnvironmentProblem(msg("Cannot write {path}: {error}", "无法写入 {path}：{error}",
                                  path=path, error=exc.strerror or exc))


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows has no directory handles to sync.
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_output(path: Path | str, *, mode: int = 0o644) -> Iterator[BinaryIO]:
    """Open a temporary file beside ``path``; on success it replaces ``path``.

    ``mode`` is the POSIX permission the file is created with, less the umask (``0o600`` for
    secrets: the file is never readable by others, not even for a moment). On Windows only the read-only bit of a
    mode means anything, so it is ignored there. If the block raises, the temporary file is
    removed and ``path`` is untouched.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    tmp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, mode)
    except OSError as exc:
        raise environment_problem(exc, path) from exc
    done = False
    try:
        with os.fdopen(fd, "w+b") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        done = True
        _fsync_dir(folder)
    except OSError as exc:
        raise environment_problem(exc, path) from exc
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def atomic_write_bytes(path: Path | str, data: bytes, *, mode: int = 0o644) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path, mode=mode) as f:
        f.write(data)
