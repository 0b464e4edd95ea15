"""Sessions on removable media (USB sticks): copied to local disk, written back with SQLite's backup API.

A database edited in place on a USB stick is fragile: its ``-wal`` and ``-shm`` files live beside
it, and a stick pulled mid-write leaves a damaged file. So (DESIGN.md) a session on removable media
is never edited there. :class:`LocalCopy` copies it to a folder on the local disk with SQLite's
backup API, the session is worked on there, and it is written back, again with the backup API (one
transaction on the stick: a write-back cut short leaves the old session), when the last user closes
it. :meth:`reviewdesk.session.Session.open` does this by itself for a file :func:`is_removable`
says is on removable media, so the command line and the app get it alike.

While a local copy is in use the original's lock file is held, so no other process edits the
original meanwhile (its changes would be overwritten by the write-back). A local copy left by a
crash (the process killed before writing back) is not lost: the next open writes it back first when
it continues the original's audit chain, or keeps it beside the original as ``NAME.unsaved-TIME``
when the original has changed since.

``$REVIEWDESK_ASSUME_REMOVABLE=1`` makes :func:`is_removable` say yes everywhere (for tests and for
IT who want the copy-in behaviour on a network drive).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import sqlite3
import sys
import threading
from pathlib import Path

from .errors import SessionBusy, SessionError
from .i18n import msg

ASSUME_ENV = "REVIEWDESK_ASSUME_REMOVABLE"
_MEDIA_ROOTS = ("/media/", "/run/media/", "/mnt/usb")


# ----------------------------------------------------------------------------- detection
def is_removable(path: Path | str) -> bool:
    """Whether ``path`` is on removable media (a USB stick, an SD card). Unknown means no."""
    if os.environ.get(ASSUME_ENV, "") not in ("", "0"):
        return True
    try:
        p = Path(path).resolve()
        if sys.platform == "win32":
            return _windows_removable(p)
        if sys.platform == "darwin":
            return _macos_removable(p)
        return _linux_removable(p)
    except (OSError, ValueError, AttributeError):
        return False


def _windows_removable(path: Path) -> bool:
    import ctypes

    drive = os.path.splitdrive(str(path))[0]
    if not drive:
        return False
    DRIVE_REMOVABLE = 2
    return ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(drive + "\\")) == DRIVE_REMOVABLE  # type: ignore[attr-defined]


def _macos_removable(path: Path) -> bool:
    # External volumes are mounted below /Volumes; the start-up disk's entry there is a link to "/",
    # which resolve() has already followed.
    return str(path).startswith("/Volumes/")


def mount_of(path: Path, mounts_text: str) -> tuple[str, str] | None:
    """The (device, mount point) of ``path`` from the text of ``/proc/mounts``: the longest mount point
    that contains it."""
    best: tuple[str, str] | None = None
    text = str(path)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        device = parts[0]
        point = parts[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best[1])):
            best = (device, point)
    return best


def _linux_removable(path: Path, mounts: Path = Path("/proc/mounts"), sys_block: Path = Path("/sys/class/block")) \
        -> bool:
    found = mount_of(path, mounts.read_text(encoding="utf-8", errors="replace"))
    if found is None:
        return False
    device, point = found
    if point.startswith(_MEDIA_ROOTS):
        return True
    if not device.startswith("/dev/"):
        return False
    name = Path(os.path.realpath(device)).name
    block = sys_block / name
    # A partition (sdb1) has no "removable" of its own: its disk (sdb) has.
    for candidate in (block / "removable", block.resolve().parent / "removable"):
        with contextlib.suppress(OSError):
            if candidate.read_text().strip() == "1":
                return True
    return False


# ----------------------------------------------------------------------------- the local copy
def local_folder() -> Path:
    """Where local copies live: ``$REVIEWDESK_HOME/local-copies`` or the user's cache folder."""
    home = os.environ.get("REVIEWDESK_HOME")
    if home:
        return Path(home) / "local-copies"
    import platformdirs

    return Path(platformdirs.user_cache_dir("ReviewDesk", "ReviewDesk")) / "local-copies"


def _backup(src: Path, dest: Path) -> None:
    """Copy the database ``src`` onto ``dest`` with SQLite's backup API: one write transaction on
    ``dest``, so a copy cut short leaves ``dest`` as it was. ``dest`` is left with no ``-wal``."""
    from .session import readonly_uri

    a = sqlite3.connect(readonly_uri(src), uri=True)
    try:
        b = sqlite3.connect(str(dest))
        try:
            a.backup(b)
            b.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            b.close()
    finally:
        a.close()


def _digest(path: Path) -> str:
    """The SHA-256 of a closed database file (with its ``-wal``, if one is left)."""
    h = hashlib.sha256()
    for f in (path, Path(str(path) + "-wal")):
        if f.exists():
            with f.open("rb") as src:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    h.update(chunk)
    return h.hexdigest()


def _audit_head(path: Path) -> tuple[int, str] | None:
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, "")
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _continues(local: Path, original: Path) -> bool | None:
    """True if ``local``'s audit chain extends ``original``'s; None if they are the same; False if not."""
    a, b = _audit_head(local), _audit_head(original)
    if a is None or b is None:
        return False
    if a == b:
        return None
    if a[0] <= b[0]:
        return False
    conn = sqlite3.connect(f"file:{local.as_posix()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (b[0],)).fetchone()
    finally:
        conn.close()
    return b[0] == 0 or (row is not None and row[0] == b[1])


class LocalCopy:
    """A session on removable media, worked on as a copy on the local disk::

        with LocalCopy(usb_path) as local_path:
            ...  # open and change local_path
        # written back to usb_path with the backup API

    ``write_back=False`` for reading only (nothing is written back and no lock is taken). Leaving
    the block by an exception still writes back: what was committed locally is real work.
    """

    def __init__(self, original: Path | str, *, write_back: bool = True, folder: Path | None = None):
        self.original = Path(original)
        self.write_back = write_back
        key = hashlib.sha256(str(self.original.resolve()).encode("utf-8")).hexdigest()[:16]
        base = folder if folder is not None else local_folder()
        self.folder = base / (key if write_back else f"{key}-read-{os.getpid()}-{id(self):x}")
        self.path = self.folder / self.original.name
        self.recovered = False  # a crashed run's local copy was written back on entering
        self.kept_aside: Path | None = None  # ... or kept beside the original, which had changed
        self._lock = None
        self._copied: str | None = None  # the local file's digest when copied in

    # The original's lock is held while the copy is in use.
    def _acquire(self) -> None:
        from filelock import FileLock, Timeout

        from .session import LOCK_TIMEOUT, translate_os_error

        self._lock = FileLock(str(self.original.with_name(self.original.name + ".lock")))
        try:
            self._lock.acquire(timeout=LOCK_TIMEOUT)
        except Timeout:
            self._lock = None
            raise SessionBusy(msg(
                "{p} is open in another ReviewDesk window or command; close it there first",
                "{p} 已在另一个 ReviewDesk 窗口或命令中打开，请先在那里关闭", p=self.original.name)) from None
        except OSError as e:
            self._lock = None
            raise translate_os_error(e, self.original) from None

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Path:
        from .session import translate_os_error, translate_sqlite_error

        if not self.original.is_file():
            raise SessionError(msg("{p}: no such session file", "{p}：会话文件不存在", p=self.original))
        if self.write_back:
            self._acquire()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self.write_back and self.path.exists():
                self._recover()
            self._remove_local()
            _backup(self.original, self.path)
            self._copied = _digest(self.path)
        except BaseException as e:
            self._release()
            if isinstance(e, sqlite3.Error):
                err = translate_sqlite_error(e, self.original)
                if err is not e:
                    raise err from None
            if isinstance(e, OSError):
                raise translate_os_error(e, self.original) from None
            raise
        return self.path

    def _recover(self) -> None:
        """A local copy is here already: left by a run that was killed before writing back."""
        verdict = _continues(self.path, self.original)
        if verdict:
            _backup(self.path, self.original)
            self.recovered = True
        elif verdict is False:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            aside = self.original.with_name(f"{self.original.name}.unsaved-{stamp}")
            with contextlib.suppress(sqlite3.Error, OSError):
                _backup(self.path, aside)
                self.kept_aside = aside

    def changed(self) -> bool:
        """Whether the local copy differs from what was copied in (a session only read is not
        written back: the original keeps its bytes)."""
        return _digest(self.path) != self._copied

    def sync(self) -> None:
        """Write the local copy back to the original now (the backup API; one transaction)."""
        if not self.write_back or not self.changed():
            return
        from .session import translate_os_error, translate_sqlite_error

        try:
            _backup(self.path, self.original)
            self._copied = _digest(self.path)
        except sqlite3.Error as e:
            err = translate_sqlite_error(e, self.original)
            raise (err if err is not e else e) from None
        except OSError as e:
            raise translate_os_error(e, self.original) from None

    def _remove_local(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(self.path) + suffix).unlink()

    def close(self) -> None:
        """Write back (unless read-only), then remove the local copy and release the original."""
        try:
            if self.write_back:
                self.sync()  # on failure the local copy stays, and the next open recovers it
            self._remove_local()
            with contextlib.suppress(OSError):
                self.folder.rmdir()
        finally:
            self._release()

    def __exit__(self, *exc: object) -> None:
        self.close()


# ----------------------------------------------------------------------------- shared per process
_shared: dict[tuple[str, bool], list] = {}  # (original, write_back) -> [LocalCopy, users]
_shared_lock = threading.Lock()


def acquire(original: Path, *, write_back: bool) -> LocalCopy:
    """The process's local copy of ``original`` (made on first use): a background worker opening the
    session the app has open shares the app's copy instead of fighting it for the lock."""
    key = (str(Path(original).resolve()), write_back)
    with _shared_lock:
        # A reader in a process that has the session open for writing reads that copy: it holds
        # the changes not yet written back.
        entry = _shared.get((key[0], True)) or _shared.get(key)
        if entry is None:
            lc = LocalCopy(original, write_back=write_back)
            lc.__enter__()
            entry = _shared[key] = [lc, 0]
        entry[1] += 1
        return entry[0]


def release(copy: LocalCopy) -> None:
    """One user fewer; the last one writes the copy back and removes it."""
    key = (str(copy.original.resolve()), copy.write_back)
    with _shared_lock:
        entry = _shared.get(key)
        if entry is None or entry[0] is not copy:
            copy.close()
            return
        entry[1] -= 1
        if entry[1] > 0:
            return
        del _shared[key]
    copy.close()
